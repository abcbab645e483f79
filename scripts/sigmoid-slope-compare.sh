#!/usr/bin/env bash
# The sigmoid-slope surrogate comparisons of docs/sigmoid-slope-surrogates.md (paper Figure 1): runs
# `petridish compare` on the three reference curves and keeps each compare.json in docs/data and each
# plot in docs/images, then prints the doc's tables (scripts/sigmoid-slope-compare-table.py).
# Needs the full MNIST for two of the manifests' validation (scripts/fetch-mnist.sh); the comparisons
# themselves only read the committed curves. Usage: scripts/sigmoid-slope-compare.sh   (≈ 2 min)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
for pair in "sigmoid-slope:embedded" "sigmoid-slope-full-mnist:full-mnist" "sigmoid-slope-full-mnist-10-repeats:full-mnist-10-repeats"; do
  manifest="${pair%%:*}" name="${pair##*:}"
  ./petridish compare "manifests/$manifest.json" --out "$work/$name" | tail -n 5
  cp "$work/$name/compare.json" "docs/data/sigmoid-slope-compare-$name.json"
  cp "$work/$name/compare.png" "docs/images/sigmoid-slope-compare-$name.png"
done
scripts/sigmoid-slope-compare-table.py docs/data/sigmoid-slope-compare-{full-mnist,embedded,full-mnist-10-repeats}.json
