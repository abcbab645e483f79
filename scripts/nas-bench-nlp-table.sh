#!/usr/bin/env bash
# The NAS-Bench-NLP table as CSV (docs/data/nas-bench-nlp-cells*.csv: every tabulated cell's
# validation perplexity after the last epoch, the best epoch, epoch 1 and epoch 3) and the facts
# docs/nas-bench-nlp.md quotes about it (docs/data/nas-bench-nlp-table-stats.json). Lookups only: seconds.
# Needs the release's logs at data/nas-bench-nlp/logs.zip (see docs/nas-bench-nlp.md).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)" data="$root/docs/data"
trap 'rm -rf "$work"' EXIT
# The last-epoch values go to a store of their own: its details (each run of a cell trained more than once) feed the statistics.
store="$work/last.sqlite" others="$work/others.sqlite" logs="$root/data/nas-bench-nlp/logs.zip"
"$root/petridish" evaluate "$root/manifests/nas-bench-nlp.json" --all --out "$data/nas-bench-nlp-cells.csv" --failed "$data/nas-bench-nlp-cells-failed.csv" --store "$store"
"$root/petridish" evaluate "$root/manifests/experiments/nlp-value-min.json" --all --out "$data/nas-bench-nlp-cells-min.csv" --store "$others"
"$root/petridish" evaluate "$root/manifests/nas-bench-nlp.json" --all --epochs 1 --out "$data/nas-bench-nlp-cells-epoch1.csv" --store "$others"
"$root/petridish" evaluate "$root/manifests/nas-bench-nlp.json" --all --epochs 3 --out "$data/nas-bench-nlp-cells-epoch3.csv" --store "$others"
"$root/scripts/nas-bench-nlp-table-stats.py" --logs "$logs" "$store" "$data/nas-bench-nlp-cells.csv" "$data/nas-bench-nlp-cells-min.csv" \
  "$data/nas-bench-nlp-cells-epoch1.csv" "$data/nas-bench-nlp-cells-epoch3.csv" "$data/nas-bench-nlp-table-stats.json"
