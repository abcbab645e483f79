#!/usr/bin/env bash
# The Petri-dish variants of docs/sigmoid-slope-surrogates.md on the Figure 1 protocol: one change at a
# time on the embedded subset (manifests/experiments/sigmoid-slope-dish-variants.json), longer or faster
# inner loops on full MNIST (-full-mnist-inner-steps.json); one dish each (the official settings, the
# default before issue 25; the official split is in scripts/sigmoid-slope-robustness.sh). Keeps each
# compare.json in docs/data, then prints the doc's tables (scripts/sigmoid-slope-compare-table.py).
# Needs full MNIST for one manifest's validation (scripts/fetch-mnist.sh).
# Each compare.json keeps its per-motif scores beside it (NAME-scores.csv): scripts/compare-tau.py recomputes each τ.
# Usage: scripts/sigmoid-slope-dish-variants.sh   (≈ 15 min on one core)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
compare() {   # MANIFEST, where its compare.json goes, then more compare options
  local manifest="$1" target="$2"
  shift 2
  ./petridish compare "$manifest" --out "$work/run" "$@" | tail -n 3
  cp "$work/run/compare.json" "$target"
  cp "$work/run/test-scores.csv" "${target%.json}-scores.csv"
  rm -rf "$work/run"
}
compare manifests/experiments/sigmoid-slope-dish-variants.json docs/data/sigmoid-slope-dish-variants.json
compare manifests/experiments/sigmoid-slope-full-mnist-inner-steps.json docs/data/sigmoid-slope-full-mnist-inner-steps.json
scripts/sigmoid-slope-compare-table.py docs/data/sigmoid-slope-dish-variants.json docs/data/sigmoid-slope-full-mnist-inner-steps.json
