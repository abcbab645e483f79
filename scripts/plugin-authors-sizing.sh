#!/usr/bin/env bash
# Sizing the motif-network (docs/plugin-authors.md §5), measured on the scaffold: a search space from
# `petridish new search-space Slope` (a tanh whose slope is the motif; its stub ground truth fits
# y = sin 3x, one input and one output, with a 32-wide MLP), 60 slopes drawn at random, the Petri dish
# at its defaults compared on 3 seeds of 20 training and 40 test slopes, twice: with the scaffold's
# motif-network (10 synthetic inputs, width 2, 10 outputs) and with one that mirrors the ground truth's
# shape (1 input, width 2, 1 output). Linear and nn-predictor ran beside it as references.
# Writes docs/data/plugin-authors-sizing/{scaffold,mirrored}/ and the slopes' ground truth.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/docs/data/plugin-authors-sizing"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
version="0.1.0-sizing.$(date +%s)"   # unique: no cached build of the contracts can stand in
dotnet pack "$root/PetriDish.sln" -c Release -p:Version="$version" -o "$work/packages" -nologo -v quiet
cd "$work"
mkdir -p "$out"
for variant in scaffold mirrored; do
  "$root/petridish" new search-space Slope --output "$variant" --package-version "$version"
  factory="$variant/src/PetriDish.Plugins.SearchSpace.Slope/SlopeMotifNetworkFactory.cs"
  if [ "$variant" = mirrored ]; then
    sed -i 's/SampleShape = \[10\], OutputSize = 10/SampleShape = [1], OutputSize = 1/' "$factory"
  fi
  grep -o 'SampleShape = \[[0-9]*\], OutputSize = [0-9]*' "$factory"
  dotnet build "$variant/src/PetriDish.Plugins.SearchSpace.Slope" -p:RestoreAdditionalProjectSources="$work/packages" -nologo -v quiet
  cat > "$variant.json" <<JSON
{
  "name": "slope-$variant", "seed": 1, "device": "cpu",
  "pluginPaths": ["$variant/src/PetriDish.Plugins.SearchSpace.Slope/bin/Debug/net10.0"],
  "searchSpace": { "plugin": "slope" },
  "surrogates": [ { "plugin": "linear" }, { "plugin": "nn-predictor" }, { "plugin": "petri-dish" } ],
  "optimizer": { "plugin": "random-search" },
  "compare": { "observations": "slopes.csv", "seeds": 3, "train": { "count": 20 } }
}
JSON
  # The same 60 slopes for both (the manifest's seed draws them; the ground truth does not depend on the network).
  [ -f slopes.csv ] || "$root/petridish" evaluate "$variant.json" --random 60 --out slopes.csv --store cache.sqlite
  mkdir -p "$out/$variant"
  { echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), nothing else running: scripts/plugin-authors-sizing.sh ($variant)"
    "$root/petridish" compare "$variant.json" --out "$out/$variant" 2>&1; } | tee "$out/$variant/log.txt"
  cp "$variant.json" "$out/$variant/"
done
cp slopes.csv "$out/"
