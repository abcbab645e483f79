#!/usr/bin/env bash
# The paper's Fig. 3 comparison at this machine's scale, on the rnn-cell ground truth: Petri dish + RS,
# Petri dish + NAO, NAO alone and partial evaluation, all warmed up with the same 20 cells and given the
# same budget of 40 ground-truth evaluations, over seeds.
# Usage: scripts/rnn-cell-search-experiment.sh [seeds=2] [out=runs/experiments/rnn-cell]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec "$root/scripts/search-experiment.sh" --seeds "${1:-2}" --out "${2:-$root/runs/experiments/rnn-cell}" \
  --title "RNN cells (Tiny Shakespeare): best validation perplexity against ground-truth evaluations" \
  rnn-petri-dish-rs rnn-petri-dish-nao rnn-nao rnn-partial-evaluation
