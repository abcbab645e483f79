#!/usr/bin/env bash
# gbdt grown by ML.NET's FastTree and by LightGBM, same settings, in the NAS-Bench-201 predictor study's
# protocol (sizes 10-200, 1,000 test cells drawn with seed 0, 5 seeds): the measurement behind gbdt's
# default library (docs/nas-bench-201.md). Writes docs/data/nas-bench-201-gbdt-libraries/, with every fit's score of
# every test cell (test.csv, predictions.csv.gz): scripts/study-tau.py recomputes each τ.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/docs/data/nas-bench-201-gbdt-libraries"
mkdir -p "$out"
"$root/petridish" compare "$root/manifests/experiments/nas-bench-201-gbdt-libraries.json" --out "$out" 2>&1 | grep -v "seed [0-9]*/[0-9]*: " | tee "$out/log.txt"
gzip -9 -f "$out/predictions.csv"
"$root/scripts/study-tau.py" "$out" | tail -n 1
