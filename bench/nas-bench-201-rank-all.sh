#!/usr/bin/env bash
# Ranking every NAS-Bench-201 cell (15,625) with manifests/nas-bench-201.json's dishes, pinned to one core
# (taskset -c 0): each dish is fitted on 40 cells drawn from the embedded CIFAR-10 table (seed 0), then
# ranks all cells. Fit and ranking seconds and the process's peak working set (VmHWM, native tensors
# included) come from each run's rank.json. Writes tab-separated columns to stdout.
# Usage: bench/nas-bench-201-rank-all.sh [SURROGATE...]   (default: petri-dish petri-dish-untrained)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
table="$root/plugins/PetriDish.Plugins.SearchSpace.NasBench201/Data/cifar10-valid.csv"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$root/petridish" plugins >/dev/null
python3 - "$table" "$work" <<'PY'
import csv, random, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='')))
with open(f"{sys.argv[2]}/all.txt", "w") as f:
    f.writelines(f"nb201:{r['arch']}\n" for r in rows)
with open(f"{sys.argv[2]}/observed.csv", "w") as f:
    f.write("motif,value\n")
    f.writelines(f"nb201:{r['arch']},{r['valid_accuracy_200']}\n" for r in random.Random(0).sample(rows, 40))
PY
printf "surrogate\tcandidates\tfit_seconds\tpredict_seconds\tcandidates_per_second\tpeak_working_set_mib\n"
for surrogate in "${@:-petri-dish petri-dish-untrained}"; do
  for s in $surrogate; do
    taskset -c 0 "$root/petridish" rank "$root/manifests/nas-bench-201.json" --surrogate "$s" --observations "$work/observed.csv" \
      --candidates "$work/all.txt" --out "$work/$s" >/dev/null 2>&1
    python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(f\"{sys.argv[2]}\\t{r['candidates']}\\t{r['fit_seconds']:.2f}\\t{r['predict_seconds']:.2f}\\t{r['candidates']/r['predict_seconds']:.0f}\\t{r['peak_working_set_mib']}\")" "$work/$s/rank.json" "$s"
  done
done
