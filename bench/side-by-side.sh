#!/usr/bin/env bash
# The issue-15 measurements in one run, PetriDish beside its PyTorch peer (bench/pytorch_peer.py) on
# the same machine, one after the other, one torch thread each:
#   1. sigmoid-slope fit, official configuration (18 motifs, 250 inner Adam steps): seconds per outer
#      step, through the managed kernels (80 steps) and through libtorch (10 steps), each after an
#      untimed warm-up fit (the peer leaves out its first step); then the rnn-cell dish's fit (40 cells)
#   2. sigmoid-slope ranking: `petridish rank --random 10000` with manifests/sigmoid-slope.json's dish
#      (fitted on docs/data/sigmoid-slope-embedded-21.csv), and the peer ranking 10,000 slopes
#   3. recurrent-cell ranking: `petridish rank --random 2000` with manifests/rnn-cell.json's dish fitted
#      on 40 cells of docs/data/rnn-cell-60.csv (its fit time per outer step is reported too)
# Peak memory is each rank process's peak working set (rank.json). Prints one line per measurement;
# tee it into docs/data/ to keep it. Usage: bench/side-by-side.sh   (≈ 15 min on one idle core)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
./petridish plugins >/dev/null
dotnet build bench/PetriDish.Benchmarks -c Release -nologo -v quiet >/dev/null
bench=bench/PetriDish.Benchmarks/bin/Release/net10.0/PetriDish.Benchmarks.dll

dotnet "$bench" fit > "$work/fit.txt"
grep "^fit " "$work/fit.txt"
bench/pytorch_peer.py fit --motifs 18 --outer-steps 5
dotnet "$bench" rnn | grep "rnn fit"

report() { python3 -c "
import json, sys
r = json.load(open(sys.argv[1]))
print(f\"petridish rank  {sys.argv[2]:<14} M={r['candidates']:5d}  fit {r['fit_seconds']:.1f} s  ranking {r['predict_seconds']:.2f} s  {r['candidates_per_second']:.0f} candidates/s  peak {r['peak_working_set_mib']} MiB\")" "$1" "$2"; }

./petridish rank manifests/sigmoid-slope.json --observations docs/data/sigmoid-slope-embedded-21.csv --random 10000 --out "$work/slope" >/dev/null 2>&1
report "$work/slope/rank.json" sigmoid-slope
bench/pytorch_peer.py rank --candidates 10000

head -n 41 docs/data/rnn-cell-60.csv > "$work/cells-40.csv"
./petridish rank manifests/rnn-cell.json --observations "$work/cells-40.csv" --random 2000 --out "$work/cells" >/dev/null 2>&1
report "$work/cells/rank.json" rnn-cell
python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(f\"petridish fit   rnn-cell       N=   40  {r['fit_seconds'] / 40:.2f} s per outer step (40 outer steps, incl. calibration)\")" "$work/cells/rank.json"

# The same rankings through the libtorch program (managedKernels off), each with its own fit.
libtorch() { python3 -c "
import json, sys
m = json.load(open(sys.argv[1]))
for key in ('\$schema', 'compare'):
    m.pop(key, None)
m['search'].pop('reference', None)
for s in m['surrogates']:
    if s['plugin'] == 'petri-dish':
        s.setdefault('settings', {})['managedKernels'] = False
json.dump(m, open(sys.argv[2], 'w'), indent=2)" "$1" "$2"; }
libtorch manifests/sigmoid-slope.json "$work/slope-libtorch.json"
./petridish rank "$work/slope-libtorch.json" --observations docs/data/sigmoid-slope-embedded-21.csv --random 10000 --out "$work/slope-libtorch" >/dev/null 2>&1
report "$work/slope-libtorch/rank.json" "slope libtorch"
libtorch manifests/rnn-cell.json "$work/cells-libtorch.json"
./petridish rank "$work/cells-libtorch.json" --observations "$work/cells-40.csv" --random 2000 --out "$work/cells-libtorch" >/dev/null 2>&1
report "$work/cells-libtorch/rank.json" "cell libtorch"

dotnet "$bench" ensemble
