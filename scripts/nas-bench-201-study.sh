#!/usr/bin/env bash
# The NAS-Bench-201 predictor study of docs/nas-bench-201.md: every surrogate of manifests/nas-bench-201.json
# fitted on 10, 20, 40, 100 and 200 random cells (5 seeds) and scored by Kendall τ on 1,000 test cells of the
# embedded CIFAR-10 table. Writes docs/data/nas-bench-201-study/{study.json,study.csv,study.png,log.txt} and
# every fit's score of every test cell (test.csv, predictions.csv.gz), from which scripts/study-tau.py
# recomputes each τ of study.csv.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/docs/data/nas-bench-201-study"
mkdir -p "$out"
"$root/petridish" compare "$root/manifests/nas-bench-201.json" --out "$out" 2>&1 | grep -v "seed [0-9]*/[0-9]*: " | tee "$out/log.txt"
cp "$out/study.png" "$root/docs/images/nas-bench-201-study.png"
gzip -9 -f "$out/predictions.csv"
"$root/scripts/study-tau.py" "$out" | tail -n 1
