#!/usr/bin/env bash
# The sigmoid-slope surrogate comparisons of docs/sigmoid-slope-surrogates.md (paper Figure 1): runs
# `petridish compare` on the three reference curves and keeps each compare.json in docs/data and each
# plot in docs/images, then prints the doc's tables (scripts/sigmoid-slope-compare-table.py).
# Needs the full MNIST for two of the manifests' validation (scripts/fetch-mnist.sh); the comparisons
# themselves only read the committed curves. Each compare.json keeps its per-slope scores beside it
# (NAME-scores.csv; scripts/compare-tau.py recomputes each τ). Usage: scripts/sigmoid-slope-compare.sh   (≈ 2 min)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
compare() {   # MANIFEST, then where its compare.json and compare.png go
  ./petridish compare "$1" --out "$work/run" | tail -n 5
  cp "$work/run/compare.json" "$2"
  cp "$work/run/test-scores.csv" "${2%.json}-scores.csv"
  cp "$work/run/compare.png" "$3"
  rm -rf "$work/run"
}
compare manifests/sigmoid-slope.json docs/data/sigmoid-slope-compare-embedded.json docs/images/sigmoid-slope-compare-embedded.png
compare manifests/sigmoid-slope-full-mnist.json docs/data/sigmoid-slope-compare-full-mnist.json docs/images/sigmoid-slope-compare-full-mnist.png
compare manifests/sigmoid-slope-full-mnist-10-repeats.json docs/data/sigmoid-slope-compare-full-mnist-10-repeats.json docs/images/sigmoid-slope-compare-full-mnist-10-repeats.png
scripts/sigmoid-slope-compare-table.py docs/data/sigmoid-slope-compare-{full-mnist,embedded,full-mnist-10-repeats}.json
