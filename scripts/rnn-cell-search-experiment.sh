#!/usr/bin/env bash
# The paper's Fig. 3 comparison at this machine's scale, on the rnn-cell ground truth: Petri dish + RS,
# Petri dish + NAO, NAO alone and partial evaluation, all warmed up with the same 20 cells and given the
# same budget of 40 ground-truth evaluations, over seeds; two runs at a time, sharing one ground-truth
# cache (every cell is trained once, whichever run asks first).
# Usage: scripts/rnn-cell-search-experiment.sh [seeds=2] [out=runs/experiments/rnn-cell]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seeds="${1:-2}"
out="${2:-$root/runs/experiments/rnn-cell}"
mkdir -p "$out"
"$root/petridish" plugins >/dev/null   # build once, before the runs start in parallel

jobs=()
for seed in $(seq 1 "$seeds"); do
  for method in rnn-petri-dish-rs rnn-petri-dish-nao rnn-nao rnn-partial-evaluation; do
    jobs+=("$method $seed")
  done
done

run() {
  local method="$1" seed="$2" folder="$out/$1-seed$2"
  if [ -f "$folder/best.json" ]; then return 0; fi
  if [ -f "$folder/results.sqlite" ]; then
    "$root/petridish" run --resume "$folder" > "$folder.log" 2>&1
  else
    "$root/petridish" run "$root/manifests/experiments/$method.json" --seed "$seed" --out "$folder" --cache "$out/ground-truth.sqlite" > "$folder.log" 2>&1
  fi
  echo "$method seed $seed: $(tail -n 1 "$folder.log")"
}
export -f run
export root out
printf '%s\n' "${jobs[@]}" | xargs -P 2 -L 1 bash -c 'run $0 $1'

"$root/petridish" summarize $(find "$out" -mindepth 1 -maxdepth 1 -type d -name "*-seed*" | sort) --out "$out/summary" --title "RNN cells (Tiny Shakespeare): best validation perplexity against ground-truth evaluations"
