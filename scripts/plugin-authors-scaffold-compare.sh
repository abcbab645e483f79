#!/usr/bin/env bash
# docs/plugin-authors.md's route, measured: a search space scaffolded with `petridish new search-space
# Grid --grid` (13 points, the scaffold's stub ground truth), built against freshly packed contracts,
# evaluated whole (`evaluate --all`) and compared with linear, nn-predictor and petri-dish at their
# defaults. The scaffold's motif-network has only Forward, so the dish trains on libtorch tensors with
# autograd (compare.json's diagnostics say compute_path_tensor_autograd): its fit time is what a
# first plugin pays before it writes a gradient or a block kernel. Writes docs/data/plugin-authors-scaffold/.
# With --fast, the scaffold is `new search-space Grid --grid --fast` (a block kernel, PetriDish.Kernels):
# the dish trains through it (compute_path_managed_meta_gradient), into docs/data/plugin-authors-scaffold-fast/.
# Usage: scripts/plugin-authors-scaffold-compare.sh [--fast]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fast=()
out="$root/docs/data/plugin-authors-scaffold"
if [ "${1:-}" = "--fast" ]; then
  fast=(--fast)
  out="$root/docs/data/plugin-authors-scaffold-fast"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
version="0.1.0-authors.$(date +%s)"   # unique: no cached build of the contracts can stand in
dotnet pack "$root/PetriDish.sln" -c Release -p:Version="$version" -o "$work/packages" -nologo -v quiet
cd "$work"
"$root/petridish" new search-space Grid --grid "${fast[@]}" --package-version "$version"
dotnet build Grid/src/PetriDish.Plugins.SearchSpace.Grid -p:RestoreAdditionalProjectSources="$work/packages" -nologo -v quiet
cat > grid.json <<JSON
{
  "name": "grid", "seed": 1, "device": "cpu",
  "pluginPaths": ["Grid/src/PetriDish.Plugins.SearchSpace.Grid/bin/Debug/net10.0"],
  "searchSpace": { "plugin": "grid" },
  "surrogates": [ { "plugin": "linear" }, { "plugin": "nn-predictor" }, { "plugin": "petri-dish" } ],
  "optimizer": { "plugin": "random-search" },
  "compare": { "observations": "grid-all.csv", "seeds": 2, "train": { "count": 6 } }
}
JSON
"$root/petridish" evaluate grid.json --all --out grid-all.csv --store grid-cache.sqlite
mkdir -p "$out"
{ echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), nothing else running: scripts/plugin-authors-scaffold-compare.sh ${fast[*]}"
  "$root/petridish" compare grid.json --out "$out" 2>&1; } | tee "$out/log.txt"
cp grid.json grid-all.csv "$out/"
