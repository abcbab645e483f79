#!/usr/bin/env bash
# The paper's Fig. 3 comparison at this machine's scale, on the rnn-cell ground truth: Petri dish + RS,
# Petri dish + NAO, NAO alone and partial evaluation, all warmed up with the same 20 cells and given the
# same budget of 40 ground-truth evaluations, over seeds; then the committed data of
# docs/rnn-cell-search.md: summarize's curve (docs/data/rnn-cell-search.csv), per-run table
# (-search-runs.csv) and plot (docs/images/rnn-cell-search.png), every evaluation of every run
# (-search-evaluations.csv, -search-wall.csv, by scripts/search-evaluations.py), and the doc's table
# (scripts/rnn-cell-search-table.py).
# Usage: scripts/rnn-cell-search-experiment.sh [seeds=2] [out=runs/experiments/rnn-cell]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${2:-$root/runs/experiments/rnn-cell}"
methods=(rnn-petri-dish-rs rnn-petri-dish-nao rnn-nao rnn-partial-evaluation)
"$root/scripts/search-experiment.sh" --manifest "$root/manifests/experiments/rnn-cell-search.json" --seeds "${1:-2}" --out "$out" \
  --title "RNN cells (Tiny Shakespeare): best validation perplexity against ground-truth evaluations"
cp "$out/summary/summary.csv" "$root/docs/data/rnn-cell-search.csv"
cp "$out/summary/runs.csv" "$root/docs/data/rnn-cell-search-runs.csv"
cp "$out/summary/summary.png" "$root/docs/images/rnn-cell-search.png"
"$root/scripts/search-evaluations.py" "$out" "$root/docs/data/rnn-cell-search-evaluations.csv" "$root/docs/data/rnn-cell-search-wall.csv" "${methods[@]}"
"$root/scripts/rnn-cell-search-table.py"
