#!/usr/bin/env bash
# Petri dish + random search vs plain random search vs partial evaluation on the sigmoid-slope task
# (embedded MNIST), same budget of 30 ground-truth evaluations, over seeds; then the committed data of
# docs/sigmoid-slope-search.md: summarize's curve (docs/data/sigmoid-slope-search.csv), its per-run
# table (-search-runs.csv) and plot (docs/images/sigmoid-slope-search.png), every evaluation of every
# run (-search-evaluations.csv, -search-wall.csv, by scripts/search-evaluations.py), and the doc's table (scripts/sigmoid-slope-search-table.py).
# Usage: scripts/sigmoid-slope-search-experiment.sh [seeds=3] [out=runs/experiments/sigmoid-slope]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${2:-$root/runs/experiments/sigmoid-slope}"
"$root/scripts/search-experiment.sh" --manifest "$root/manifests/experiments/sigmoid-slope-search.json" --seeds "${1:-3}" --out "$out" \
  --title "Sigmoid slope (embedded MNIST): best accuracy against ground-truth evaluations"
cp "$out/summary/summary.csv" "$root/docs/data/sigmoid-slope-search.csv"
cp "$out/summary/runs.csv" "$root/docs/data/sigmoid-slope-search-runs.csv"
cp "$out/summary/summary.png" "$root/docs/images/sigmoid-slope-search.png"
"$root/scripts/search-evaluations.py" "$out" "$root/docs/data/sigmoid-slope-search-evaluations.csv" "$root/docs/data/sigmoid-slope-search-wall.csv" \
  petri-dish-rs partial-evaluation random-search
"$root/scripts/sigmoid-slope-search-table.py"
