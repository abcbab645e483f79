#!/usr/bin/env bash
# Composed activations (docs/activation-expression.md, section 3): Petri dish + random search,
# Petri dish + NAO, NAO, random search and partial evaluation at the same budget of 60
# ground-truth evaluations, over seeds, sharing one ground-truth cache. Pass CACHE to start from
# an existing cache (e.g. the one the 200 random functions were evaluated into): it is copied.
# Usage: scripts/activation-expression-search-experiment.sh [seeds=5] [out=runs/experiments/activation-expression] [CACHE]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${2:-$root/runs/experiments/activation-expression}"
mkdir -p "$out"
if [ -n "${3:-}" ] && [ ! -f "$out/ground-truth.sqlite" ]; then cp "$3" "$out/ground-truth.sqlite"; fi
exec "$root/scripts/search-experiment.sh" --manifest "$root/manifests/experiments/activation-expression-search.json" --seeds "${1:-5}" --out "$out" \
  --title "Composed activations (embedded MNIST): best accuracy against ground-truth evaluations"
