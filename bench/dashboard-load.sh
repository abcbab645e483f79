#!/usr/bin/env bash
# The dashboard under load (issue 31): 20 run folders of 1,000 ground-truth evaluations each, served by
# `petridish serve`, opened in a headless Chromium (bench/PetriDish.DashboardLoad): how long the run
# list and a run page take to draw (navigation start to the page fully drawn), and the server's memory.
# The runs: two real NAS-Bench-201 searches of 1,000 table lookups (one regularized evolution screened
# by gbdt, one random search), each copied to make 10 of the 20 folders (closed stores, so a copy is
# the same store). Needs Debian's chromium and chromium-driver.
# Usage: bench/dashboard-load.sh [repeats=5] [work=a temporary folder]   (≈ 5 min, most of it the two searches)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repeats="${1:-5}"
work="${2:-$(mktemp -d)}"
cd "$root"
echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); commit $(git rev-parse --short HEAD)"
./petridish plugins >/dev/null
dotnet build bench/PetriDish.DashboardLoad -c Release -nologo -v quiet >/dev/null
mkdir -p "$work/runs"
search() {  # name optimizer surrogate-or-empty
  local name="$1" optimizer="$2" surrogate="$3" screening="" surrogates=""
  [ -f "$work/runs/$name-1/best.json" ] && return 0
  [ -n "$surrogate" ] && surrogates="\"surrogates\": [ { \"plugin\": \"$surrogate\" } ]," && screening=", \"surrogate\": \"$surrogate\""
  cat > "$work/$name.json" <<JSON
{
  "name": "$name", "seed": 1, "device": "cpu", "threads": 1,
  "searchSpace": { "plugin": "nas-bench-201", "settings": { "groundTruth": { "metric": "valid_accuracy", "epochs": 200 } } },
  $surrogates
  "optimizer": { "plugin": "$optimizer" },
  "search": { "warmup": 20, "candidates": 50, "evaluationsPerIteration": 10$screening, "budget": { "evaluations": 1000 } }
}
JSON
  rm -rf "$work/runs/$name-1"
  ./petridish run "$work/$name.json" --out "$work/runs/$name-1" > "$work/$name.log" 2>&1
}
search gbdt-evolution regularized-evolution gbdt
search random-search random-search ""
for name in gbdt-evolution random-search; do
  for copy in $(seq 2 10); do
    [ -d "$work/runs/$name-$copy" ] || cp -r "$work/runs/$name-1" "$work/runs/$name-$copy"
  done
done
host/PetriDish.Cli/bin/Release/net10.0/petridish serve "$work/runs" --port 0 > "$work/serve.txt" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do grep -q "dashboard on http" "$work/serve.txt" && break; sleep 0.2; done
address=$(grep -o "http://[^ ]*" "$work/serve.txt" | head -1)
dotnet bench/PetriDish.DashboardLoad/bin/Release/net10.0/PetriDish.DashboardLoad.dll "$address" "$server" "$repeats" 0/random-search-1

# Then live: a 21st search, gbdt-screened regularized evolution over NAS-Bench-201 (10 lookups after
# each gbdt fit), watched on its page for 30 s once it has stored its first evaluations.
sed 's/"name": "gbdt-evolution"/"name": "live"/' "$work/gbdt-evolution.json" > "$work/live.json"
rm -rf "$work/runs/zz-live"
./petridish run "$work/live.json" --out "$work/runs/zz-live" > "$work/live.log" 2>&1 &
live=$!
trap 'kill $server $live 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do [ -f "$work/runs/zz-live/results.sqlite" ] && break; sleep 0.2; done
sleep 3
dotnet bench/PetriDish.DashboardLoad/bin/Release/net10.0/PetriDish.DashboardLoad.dll "$address" "$server" live "0/zz-live"
kill "$live" 2>/dev/null || true
