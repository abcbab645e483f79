#!/usr/bin/env bash
# The sigmoid-slope ground truth of docs/sigmoid-slope-ground-truth.md: the 101-point curves (with
# their plots) on full MNIST and on the embedded subset, the 21-point grids of the doc's table (a
# subset of the 101 points: read from the cache), the 21-point grid on full MNIST trained for 10 epochs
# instead of 5, and every run's accuracy (docs/data/sigmoid-slope-repeats.csv); then prints the
# doc's table and figures (scripts/sigmoid-slope-ground-truth-table.py).
# Evaluations are cached in CACHE, so the script resumes where it stopped.
# Usage: scripts/sigmoid-slope-ground-truth.sh [CACHE=runs/sigmoid-slope-ground-truth.sqlite]
#        (≈ 40 min on one core; fetches full MNIST first)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${1:-$root/runs/sigmoid-slope-ground-truth.sqlite}"
cd "$root"
mkdir -p "$(dirname "$cache")"
scripts/fetch-mnist.sh
full=manifests/sigmoid-slope-full-mnist.json embedded=manifests/sigmoid-slope.json
./petridish evaluate "$full" --grid 101 --store "$cache" --out docs/data/sigmoid-slope-full-mnist-101.csv --plot docs/images/sigmoid-slope-ground-truth-full-mnist.png
./petridish evaluate "$embedded" --grid 101 --store "$cache" --out docs/data/sigmoid-slope-embedded-101.csv --plot docs/images/sigmoid-slope-ground-truth-embedded.png
./petridish evaluate "$full" --grid 21 --store "$cache" --out docs/data/sigmoid-slope-full-mnist-21.csv
./petridish evaluate "$embedded" --grid 21 --store "$cache" --out docs/data/sigmoid-slope-embedded-21.csv
./petridish evaluate "$full" --grid 21 --epochs 10 --store "$cache" --out docs/data/sigmoid-slope-full-mnist-21-10-epochs.csv
scripts/sigmoid-slope-ground-truth-table.py --cache "$cache"
