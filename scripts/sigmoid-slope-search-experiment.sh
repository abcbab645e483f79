#!/usr/bin/env bash
# Petri dish + random search vs plain random search vs partial evaluation on the sigmoid-slope task
# (embedded MNIST), same budget of 30 ground-truth evaluations, over seeds; two runs at a time.
# Usage: scripts/sigmoid-slope-search-experiment.sh [seeds=3] [out=runs/experiments/sigmoid-slope]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seeds="${1:-3}"
out="${2:-$root/runs/experiments/sigmoid-slope}"
mkdir -p "$out"
"$root/petridish" plugins >/dev/null   # build once, before the runs start in parallel

jobs=()
for method in petri-dish-rs random-search partial-evaluation; do
  for seed in $(seq 1 "$seeds"); do
    jobs+=("$method $seed")
  done
done

run() {
  local method="$1" seed="$2" folder="$out/$1-seed$2"
  if [ -f "$folder/best.json" ]; then return 0; fi
  if [ -f "$folder/results.sqlite" ]; then
    "$root/petridish" run --resume "$folder" > "$folder.log" 2>&1
  else
    "$root/petridish" run "$root/manifests/experiments/$method.json" --seed "$seed" --out "$folder" > "$folder.log" 2>&1
  fi
  echo "$method seed $seed: $(tail -n 1 "$folder.log")"
}
export -f run
export root out
printf '%s\n' "${jobs[@]}" | xargs -P 2 -L 1 bash -c 'run $0 $1'

"$root/petridish" summarize $(find "$out" -mindepth 1 -maxdepth 1 -type d -name "*-seed*" | sort) --out "$out/summary" --title "Sigmoid slope (embedded MNIST): best accuracy against ground-truth evaluations"
