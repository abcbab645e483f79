#!/usr/bin/env bash
# What a NAS-Bench-NLP search's screening surrogate costs per iteration: the search dish of
# manifests/nas-bench-nlp.json (16 untrained dishes) and of manifests/nas-bench-nlp-benchmark.json (2),
# each fitted on 40 tabulated cells and ranking 100 others (seed 0 draws both), pinned to one core
# (taskset -c 0). Seconds and the process's peak working set come from each run's rank.json.
# Needs data/nas-bench-nlp/logs.zip (docs/nas-bench-nlp.md). Writes tab-separated columns to stdout.
# Usage: bench/nas-bench-nlp-search-surrogate.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$root/petridish" plugins >/dev/null
python3 - "$root/docs/data/nas-bench-nlp-cells.csv" "$work" <<'PY'
import csv, random, sys
rows = [r for r in csv.DictReader(open(sys.argv[1], newline='')) if r['value']]
picked = random.Random(0).sample(rows, 140)
with open(f"{sys.argv[2]}/observed.csv", "w") as f:
    f.write("motif,value\n")
    f.writelines(f"{r['motif']},{r['value']}\n" for r in picked[:40])
with open(f"{sys.argv[2]}/candidates.txt", "w") as f:
    f.writelines(f"{r['motif']}\n" for r in picked[40:])
PY
printf "manifest\tsurrogate\tdishes\tcandidates\tfit_seconds\tpredict_seconds\tcandidates_per_second\tpeak_working_set_mib\n"
for manifest in nas-bench-nlp.json:petri-dish-untrained:16 nas-bench-nlp-benchmark.json:petri-dish:2; do
  IFS=: read -r file surrogate dishes <<< "$manifest"
  taskset -c 0 "$root/petridish" rank "$root/manifests/$file" --surrogate "$surrogate" --observations "$work/observed.csv" \
    --candidates "$work/candidates.txt" --out "$work/$file" >/dev/null 2>&1
  python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(f\"{sys.argv[2]}\\t{sys.argv[3]}\\t{sys.argv[4]}\\t{r['candidates']}\\t{r['fit_seconds']:.2f}\\t{r['predict_seconds']:.2f}\\t{r['candidates']/r['predict_seconds']:.1f}\\t{r['peak_working_set_mib']}\")" "$work/$file/rank.json" "$file" "$surrogate" "$dishes"
done
