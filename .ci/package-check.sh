#!/usr/bin/env bash
# The package route, as a user outside the repository takes it (issue 17):
#   1. dotnet pack PetriDish.sln into a folder (a version unique to this run, so that no copy of an
#      earlier PetriDish.Abstractions in the NuGet cache can stand in for the packed one);
#   2. dotnet tool install the petridish tool from that folder into a temporary tool path;
#   3. outside the repository: `petridish plugins`, `petridish new experiment demo` + `petridish run`;
#   4. `petridish new surrogate`, built and tested against the packed PetriDish.Abstractions/Sdk, and
#      loaded by the installed tool;
#   5. `petridish new search-space Grid --grid --fast` (issue 30): built and tested the same way against
#      the packed packages (PetriDish.Kernels included), then `check`, `evaluate --all`, `compare` (the
#      Petri dish through the scaffold's block kernel among the surrogates) and `run` on it, as a plugin
#      author's first session.
# Usage: .ci/package-check.sh WORK_DIR   (prints what it does; exits non-zero on the first failure)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:?usage: package-check.sh WORK_DIR}"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
packages="$work/packages" tools="$work/tools" outside="$work/outside"
version="0.1.0-ci.$(date +%s)"

step() { echo "package-check: $*"; }
seconds() { date +%s.%N; }
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$(seconds)"; }

step "dotnet pack PetriDish.sln -c Release -p:Version=$version -o $packages"
dotnet pack "$repo/PetriDish.sln" -c Release -p:Version="$version" -o "$packages" -nologo -v quiet
ls -l "$packages"
tool_package="$packages/PetriDish.$version.nupkg"
[ -f "$tool_package" ] || { echo "package-check: $tool_package was not written" >&2; exit 1; }
size_mib=$(python3 -c "import os,sys; print(f'{os.path.getsize(sys.argv[1]) / 2**20:.0f}')" "$tool_package")

step "dotnet tool install PetriDish --version $version --tool-path $tools --add-source $packages"
start=$(seconds)
dotnet tool install PetriDish --version "$version" --tool-path "$tools" --add-source "$packages"
install_seconds=$(elapsed "$start")
petridish="$tools/petridish"

mkdir -p "$outside"
cd "$outside"

step "petridish plugins (outside the repository)"
"$petridish" plugins | tee plugins.txt
for id in activation activation-expression rnn-cell nas-bench-nlp petri-dish nn-predictor linear low-fidelity random-search partial-evaluation nao; do
  grep -q "^$id " plugins.txt || { echo "package-check: the installed tool does not list the built-in plugin '$id'" >&2; exit 1; }
done

step "petridish new experiment demo; petridish run demo.json"
"$petridish" new experiment demo
"$petridish" run demo.json --out "$outside/demo-run" | tee run.txt
grep -q "^best sigmoid-slope:" run.txt || { echo "package-check: the run did not end with its 'best ...' line" >&2; exit 1; }

step "petridish serve (the installed tool's dashboard) over the demo run"
"$petridish" serve "$outside/demo-run" --port 0 > serve.txt 2>&1 &
serve_pid=$!
for _ in $(seq 1 100); do grep -q "dashboard on http" serve.txt && break; sleep 0.2; done
address=$(grep -o "http://[^ ]*" serve.txt | head -1)
[ -n "$address" ] || { kill "$serve_pid" 2>/dev/null; cat serve.txt >&2; echo "package-check: petridish serve did not say where it listens" >&2; exit 1; }
python3 - "$address" <<'PY' || { kill "$serve_pid" 2>/dev/null; echo "package-check: the installed tool's dashboard did not serve the demo run" >&2; exit 1; }
import json, sys, urllib.request
base = sys.argv[1].rstrip('/')
items = json.load(urllib.request.urlopen(base + '/api/items'))
run = next(r for r in items['runs'] if r['name'] == 'demo')
assert run['state'] == 'finished' and run['evaluations'] == run['budget'], run
page = urllib.request.urlopen(base + '/runs/' + run['id']).read().decode()
script = urllib.request.urlopen(base + '/assets/dashboard.js').read().decode()
assert 'data-page="run"' in page and 'function plot' in script
print(f"package-check: the dashboard at {base} serves run {run['id']}: {run['evaluations']} evaluations, best {run['best']}")
PY
kill "$serve_pid"; wait "$serve_pid" 2>/dev/null || true

step "petridish new surrogate Ranker; build and test it against the packed packages"
"$petridish" new surrogate Ranker
restore=(-p:RestoreAdditionalProjectSources="$packages")
dotnet build Ranker/src/PetriDish.Plugins.Surrogate.Ranker "${restore[@]}" -nologo -v quiet
dotnet test Ranker/tests/PetriDish.Plugins.Surrogate.Ranker.Tests "${restore[@]}" -nologo -v quiet

step "the installed tool loads the scaffolded plugin"
"$petridish" plugins --plugins Ranker/src/PetriDish.Plugins.Surrogate.Ranker/bin/Debug/net10.0 --kind surrogate | tee ranker.txt
grep -q "^ranker " ranker.txt || { echo "package-check: the installed tool did not load the scaffolded plugin 'ranker'" >&2; exit 1; }

step "petridish new search-space Grid --grid --fast: build and test it, check it, evaluate all of it, compare surrogates on it, search it"
"$petridish" new search-space Grid --grid --fast
dotnet build Grid/src/PetriDish.Plugins.SearchSpace.Grid "${restore[@]}" -nologo -v quiet
dotnet test Grid/tests/PetriDish.Plugins.SearchSpace.Grid.Tests "${restore[@]}" -nologo -v quiet
grid_build=Grid/src/PetriDish.Plugins.SearchSpace.Grid/bin/Debug/net10.0
"$petridish" check "$grid_build" | tee check.txt
grep -q ", 0 broken (1 search space)$" check.txt || { echo "package-check: petridish check did not pass the scaffolded grid space" >&2; exit 1; }
grep -q "meta-gradient products (input gradient, Hessian times a direction) agree" check.txt || { echo "package-check: petridish check did not hold the scaffold's block kernel to autograd" >&2; exit 1; }
cat > grid.json <<JSON
{
  "name": "grid", "seed": 1, "device": "cpu",
  "pluginPaths": ["$grid_build"],
  "searchSpace": { "plugin": "grid" },
  "surrogates": [ { "plugin": "petri-dish", "name": "dish", "settings": { "ensemble": 2 } }, { "plugin": "linear" }, { "plugin": "nn-predictor" } ],
  "optimizer": { "plugin": "random-search" },
  "search": { "warmup": 4, "candidates": 6, "evaluationsPerIteration": 2, "surrogate": "dish", "reference": "grid-all.csv", "budget": { "evaluations": 8 } },
  "compare": { "observations": "grid-all.csv", "seeds": 2, "train": { "count": 6 } }
}
JSON
"$petridish" evaluate grid.json --all --out grid-all.csv --store grid-cache.sqlite
[ "$(wc -l < grid-all.csv)" -eq 14 ] || { echo "package-check: evaluate --all did not write the 13 motifs of the grid" >&2; exit 1; }
"$petridish" compare grid.json --out grid-compare 2>&1 | tee grid-compare.txt
grep -q " dish seed 1/2: .*compute path: .*managed meta gradient" grid-compare.txt || { echo "package-check: the Petri dish did not train the scaffold's networks through its block kernel" >&2; exit 1; }
"$petridish" run grid.json --out grid-run | tee grid-run.txt
grep -q "^best grid:" grid-run.txt || { echo "package-check: the search of the grid space did not end with its 'best ...' line" >&2; exit 1; }

step "tool package $size_mib MiB; dotnet tool install took $install_seconds s"
echo "package-check: passed"
