#!/usr/bin/env bash
# The NAS-Bench-201 predictor study of docs/nas-bench-201.md: every surrogate of manifests/nas-bench-201.json
# fitted on 10, 20, 40, 100 and 200 random cells (5 seeds) and scored by Kendall τ on 1,000 test cells of the
# embedded CIFAR-10 table. Writes docs/data/nas-bench-201-study/{study.json,study.csv,study.png,log.txt}.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/docs/data/nas-bench-201-study"
mkdir -p "$out"
"$root/petridish" compare "$root/manifests/nas-bench-201.json" --out "$out" 2>&1 | grep -v "seed [0-9]*/[0-9]*: " | tee "$out/log.txt"
cp "$out/study.png" "$root/docs/images/nas-bench-201-study.png"
