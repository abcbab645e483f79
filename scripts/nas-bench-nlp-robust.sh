#!/usr/bin/env bash
# Issue 25 on NAS-Bench-NLP cells: manifests/experiments/nlp-dish-robust.json (the untrained ensemble of
# 16 dishes combined as before and as now, least squares on the default encoding and on op counts)
# compared once per seed, each seed drawing its own 40 training cells; then one CSV
# (docs/data/nas-bench-nlp-robust.csv) and a mean ± std table. Finished seeds are skipped. One seed at a
# time: each fit already uses every core.
# Needs the release's logs at data/nas-bench-nlp/logs.zip (see docs/nas-bench-nlp.md).
# Usage: scripts/nas-bench-nlp-robust.sh [seeds=10] [out=runs/experiments/nas-bench-nlp-robust]   (≈ 15 min)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seeds="${1:-10}" out="${2:-$root/runs/experiments/nas-bench-nlp-robust}"
petridish="${PETRIDISH:-$root/petridish}"
mkdir -p "$out"
for seed in $(seq 0 $((seeds - 1))); do
  folder="$out/seed$seed"
  [ -f "$folder/compare.json" ] && continue
  $petridish compare "$root/manifests/experiments/nlp-dish-robust.json" --seed "$seed" --out "$folder" > "$folder.log" 2>&1
  echo "seed $seed done"
done
"$root/scripts/compare-table.py" "$root/docs/data/nas-bench-nlp-robust.csv" $(seq -f "$out/seed%g" 0 $((seeds - 1)))
