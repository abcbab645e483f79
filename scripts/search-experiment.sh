#!/usr/bin/env bash
# Runs several search methods (manifests/experiments/<method>.json) over seeds, two runs at a time,
# all sharing one ground-truth cache (every motif is trained once, whichever run asks first), then
# summarizes them into one table and plot. Interrupted runs are resumed, finished ones skipped, so the
# script can simply be started again after a crash.
# Usage: scripts/search-experiment.sh --out DIR --seeds N --title TEXT [--plot-from E] METHOD...
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

out="" seeds="" title="" plot_from=1
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --seeds) seeds="$2"; shift 2 ;;
    --title) title="$2"; shift 2 ;;
    --plot-from) plot_from="$2"; shift 2 ;;
    --) shift; break ;;
    -*) echo "search-experiment: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
if [ -z "$out" ] || [ -z "$seeds" ] || [ -z "$title" ] || [ $# -eq 0 ]; then
  echo "usage: scripts/search-experiment.sh --out DIR --seeds N --title TEXT METHOD..." >&2
  exit 2
fi
for method in "$@"; do
  [ -f "$root/manifests/experiments/$method.json" ] || { echo "search-experiment: no manifest manifests/experiments/$method.json" >&2; exit 2; }
done

mkdir -p "$out"
"$root/petridish" plugins >/dev/null   # build once, before the runs start in parallel

jobs=()
for seed in $(seq 1 "$seeds"); do
  for method in "$@"; do
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

# The table lists the methods in the order given here.
runs=()
for method in "$@"; do
  for seed in $(seq 1 "$seeds"); do runs+=("$out/$method-seed$seed"); done
done
"$root/petridish" summarize "${runs[@]}" --out "$out/summary" --title "$title" --plot-from "$plot_from"
