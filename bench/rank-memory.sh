#!/usr/bin/env bash
# Peak memory of `petridish rank` against the dish's number of inner steps: manifests/sigmoid-slope.json's
# space with an untrained dish (no fit, so the ranking is the only work) ranking 4,096 random slopes,
# once per inner-step count. The peak working set (VmHWM, native tensors included) comes from each
# run's rank.json. Writes CSV (inner_steps,candidates,predict_seconds,peak_working_set_mib) to stdout.
# Usage: bench/rank-memory.sh [STEPS...]   (default: 50 250 500)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$root/petridish" plugins >/dev/null
echo "inner_steps,candidates,predict_seconds,peak_working_set_mib"
for steps in "${@:-50 250 500}"; do
  for s in $steps; do
    python3 - "$root/manifests/sigmoid-slope.json" "$work/m$s.json" "$s" <<'PY'
import json, sys
manifest = json.load(open(sys.argv[1]))
for key in ("$schema", "compare"):
    manifest.pop(key, None)
manifest["search"].pop("reference", None)
manifest["surrogates"] = [{"plugin": "petri-dish", "settings": {"innerSteps": int(sys.argv[3]), "outerSchedule": []}}]
json.dump(manifest, open(sys.argv[2], "w"))
PY
    "$root/petridish" rank "$work/m$s.json" --observations "$root/docs/data/sigmoid-slope-embedded-21.csv" --random 4096 --out "$work/r$s" >/dev/null 2>&1
    python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(f\"{sys.argv[2]},{r['candidates']},{r['predict_seconds']:.3f},{r['peak_working_set_mib']}\")" "$work/r$s/rank.json" "$s"
  done
done
