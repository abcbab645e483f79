#!/usr/bin/env bash
# The paper's Fig. 3 at table scale on NAS-Bench-NLP: every method warmed up with the same 10 random
# tabulated cells per seed, then 4 iterations of 5 lookups (30 of the table's cells in all). The
# ground truth is a lookup, so seeds are cheap; the Petri dish's fits are what takes time.
# Needs the release's logs at data/nas-bench-nlp/logs.zip (see docs/nas-bench-nlp.md).
# Usage: scripts/nas-bench-nlp-search-experiment.sh [seeds=10] [out=runs/experiments/nas-bench-nlp]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec "$root/scripts/search-experiment.sh" --manifest "$root/manifests/experiments/nas-bench-nlp-search.json" --seeds "${1:-10}" --out "${2:-$root/runs/experiments/nas-bench-nlp}" \
  --title "NAS-Bench-NLP (WikiText-2 logs): best validation perplexity against lookups" --plot-from 10
