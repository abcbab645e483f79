#!/usr/bin/env bash
# Petri dish + random search vs plain random search vs partial evaluation on the sigmoid-slope task
# (embedded MNIST), same budget of 30 ground-truth evaluations, over seeds.
# Usage: scripts/sigmoid-slope-search-experiment.sh [seeds=3] [out=runs/experiments/sigmoid-slope]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec "$root/scripts/search-experiment.sh" --seeds "${1:-3}" --out "${2:-$root/runs/experiments/sigmoid-slope}" \
  --title "Sigmoid slope (embedded MNIST): best accuracy against ground-truth evaluations" \
  petri-dish-rs random-search partial-evaluation
