#!/usr/bin/env bash
# Runs a benchmark manifest's arms over seeds with `petridish benchmark` (two worker processes; an
# interrupted benchmark is resumed when the script is started again), then puts the arms' runs side by
# side with `petridish summarize` (DIR/summary: the table, CSV and plot the docs' table scripts read).
# Usage: scripts/search-experiment.sh --manifest FILE --out DIR --seeds N --title TEXT [--plot-from E]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

manifest="" out="" seeds="" title="" plot_from=1
while [ $# -gt 0 ]; do
  case "$1" in
    --manifest) manifest="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --seeds) seeds="$2"; shift 2 ;;
    --title) title="$2"; shift 2 ;;
    --plot-from) plot_from="$2"; shift 2 ;;
    *) echo "search-experiment: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [ -z "$manifest" ] || [ -z "$out" ] || [ -z "$seeds" ] || [ -z "$title" ]; then
  echo "usage: scripts/search-experiment.sh --manifest FILE --out DIR --seeds N --title TEXT [--plot-from E]" >&2
  exit 2
fi

if [ -f "$out/benchmark.plan.json" ]; then
  "$root/petridish" benchmark --resume "$out" --jobs 2
else
  "$root/petridish" benchmark "$manifest" --seeds "$seeds" --jobs 2 --out "$out"
fi

# The summary lists the arms in the manifest's order, each arm's runs by seed.
mapfile -t arms < <(python3 -c 'import json, sys; print("\n".join(a["name"] for a in json.load(open(sys.argv[1]))["benchmark"]["arms"]))' "$manifest")
runs=()
for arm in "${arms[@]}"; do
  for seed in $(seq 1 "$seeds"); do runs+=("$out/runs/$arm/seed-$seed"); done
done
"$root/petridish" summarize "${runs[@]}" --out "$out/summary" --title "$title" --plot-from "$plot_from"
