#!/usr/bin/env bash
# The Petri dish's choices on NAS-Bench-NLP cells, each fitted on 40 tabulated cells and ranking the
# others: manifests/experiments/nlp-dish-ablation.json compared once per seed, each seed drawing its
# own 40 training cells (and its own dish and predictor seeds), two seeds at a time; then one CSV
# (docs/data/nas-bench-nlp-dish-ablation.csv) and a mean ± std table. Finished seeds are skipped.
# Needs the release's logs at data/nas-bench-nlp/logs.zip (see docs/nas-bench-nlp.md).
# Usage: scripts/nas-bench-nlp-dish-ablation.sh [seeds=10] [out=runs/experiments/nas-bench-nlp-ablation]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seeds="${1:-10}" out="${2:-$root/runs/experiments/nas-bench-nlp-ablation}"
mkdir -p "$out"
"$root/petridish" plugins >/dev/null   # build once, before the seeds start in parallel
compare() {
  local seed="$1" folder="$out/seed$1"
  [ -f "$folder/compare.json" ] && return 0
  "$root/petridish" compare "$root/manifests/experiments/nlp-dish-ablation.json" --seed "$seed" --out "$folder" > "$folder.log" 2>&1
  echo "seed $seed done"
}
export -f compare
export root out
seq 0 $((seeds - 1)) | xargs -P 2 -I{} bash -c 'compare {}'
"$root/scripts/compare-table.py" "$root/docs/data/nas-bench-nlp-dish-ablation.csv" $(seq -f "$out/seed%g" 0 $((seeds - 1)))
