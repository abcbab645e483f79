#!/usr/bin/env bash
# The check behind manifests/nas-bench-201.json's dish settings (docs/nas-bench-201.md): dishes with 250 and
# 30 inner steps, untrained and meta-learned, at 40 training cells on a test sample drawn with seed 1.
# Keeps every fit's score of every test cell (test.csv, predictions.csv.gz): scripts/study-tau.py recomputes each τ.
# Writes docs/data/nas-bench-201-dish-settings/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/docs/data/nas-bench-201-dish-settings"
mkdir -p "$out"
"$root/petridish" compare "$root/manifests/experiments/nas-bench-201-dish-settings.json" --out "$out" 2>&1 | grep -v "seed [0-9]*/[0-9]*: " | tee "$out/log.txt"
gzip -9 -f "$out/predictions.csv"
"$root/scripts/study-tau.py" "$out" | tail -n 1
