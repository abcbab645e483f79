#!/usr/bin/env bash
# Issue 25's measurements of the Petri dish on the sigmoid slope (docs/sigmoid-slope-surrogates.md),
# each into docs/data (and plots into docs/images), then the doc's tables (scripts/dish-robustness-tables.py):
#   1. Figure 1 (train in [0.37, 1.53], rank the 42 others), 10 seeds, on the three committed curves:
#      the main manifests (default dish, one dish with the official settings, NN predictor, linear),
#      as they stand (--seed 0: the draws the default was chosen on) and with other draws (--seed 1);
#   2. 5-fold cross-validation over each curve's 101 points (compare --folds 5);
#   3. each curve's 101 points fitted, 2,000 random slopes ranked (rank --random 2000), 3 seeds, both dishes;
#   4. the official implementation's split (18 random training slopes, 83 ranked), 5 splits × 4 seeds;
#   5. the diagnosis traces: one dish fitted through the managed kernels and through libtorch (5 seeds,
#      compare --trace), and 10 dishes per seed with none left out on each curve (member statistics).
# Each comparison keeps its per-motif scores beside its JSON (NAME-scores.csv), from which
# scripts/compare-tau.py recomputes every τ. Steps whose output exists are skipped (delete it to rerun); WORK keeps the runs (default runs/experiments/robustness).
# Needs full MNIST for the full-MNIST manifests' validation (scripts/fetch-mnist.sh).
# Usage: scripts/sigmoid-slope-robustness.sh [WORK]   (≈ 90 min on 2 cores)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-$root/runs/experiments/robustness}"
petridish="${PETRIDISH:-$root/petridish}"
data="$root/docs/data" images="$root/docs/images"
mkdir -p "$work"
cd "$root"
declare -A manifest=([embedded]=manifests/sigmoid-slope.json [full-mnist]=manifests/sigmoid-slope-full-mnist.json [full-mnist-10-repeats]=manifests/sigmoid-slope-full-mnist-10-repeats.json)
declare -A curve=([embedded]=sigmoid-slope-embedded-101.csv [full-mnist]=sigmoid-slope-full-mnist-101.csv [full-mnist-10-repeats]=sigmoid-slope-full-mnist-101x10.csv)
step() { echo "robustness: $*" >&2; }

for name in embedded full-mnist full-mnist-10-repeats; do
  # 1. Figure 1, the manifest's draws and other ones.
  if [ ! -f "$data/sigmoid-slope-compare-$name-scores.csv" ]; then
    step "Figure 1, $name"
    $petridish compare "${manifest[$name]}" --out "$work/fig1-$name" | tail -n 1
    cp "$work/fig1-$name/compare.json" "$data/sigmoid-slope-compare-$name.json"
    cp "$work/fig1-$name/test-scores.csv" "$data/sigmoid-slope-compare-$name-scores.csv"
    cp "$work/fig1-$name/compare.png" "$images/sigmoid-slope-compare-$name.png"
  fi
  if [ ! -f "$data/sigmoid-slope-compare-$name-seed1-scores.csv" ]; then
    step "Figure 1, $name, other draws (--seed 1)"
    $petridish compare "${manifest[$name]}" --seed 1 --surrogate petri-dish --surrogate one-dish --out "$work/fig1-$name-seed1" | tail -n 1
    cp "$work/fig1-$name-seed1/compare.json" "$data/sigmoid-slope-compare-$name-seed1.json"
    cp "$work/fig1-$name-seed1/test-scores.csv" "$data/sigmoid-slope-compare-$name-seed1-scores.csv"
  fi
  # 2. Cross-validation.
  if [ ! -f "$data/sigmoid-slope-cv-$name-scores.csv" ]; then
    step "5-fold cross-validation, $name"
    $petridish compare "${manifest[$name]}" --folds 5 --out "$work/cv-$name" | tail -n 1
    cp "$work/cv-$name/compare.json" "$data/sigmoid-slope-cv-$name.json"
    cp "$work/cv-$name/test-scores.csv" "$data/sigmoid-slope-cv-$name-scores.csv"
    cp "$work/cv-$name/compare.png" "$images/sigmoid-slope-cv-$name.png"
  fi
  # 3. The whole curve fitted, random slopes ranked.
  for surrogate in petri-dish one-dish; do
    for seed in 0 1 2; do
      target="$data/sigmoid-slope-whole-$name-$surrogate-$seed.json"
      [ -f "$target" ] && continue
      step "whole curve, $name, $surrogate, seed $seed"
      $petridish rank "${manifest[$name]}" --surrogate "$surrogate" --observations "$data/${curve[$name]}" --random 2000 --seed "$seed" --top 3 --out "$work/whole-$name-$surrogate-$seed" | tail -n 1
      cp "$work/whole-$name-$surrogate-$seed/rank.json" "$target"
    done
  done
done

# 4. The official split: 18 random training slopes.
for split in 0 1 2 3 4; do
  target="$data/sigmoid-slope-official-split-$split.json"
  [ -f "${target%.json}-scores.csv" ] && continue
  step "official split $split"
  $petridish compare manifests/experiments/sigmoid-slope-official-split.json --seed "$split" --out "$work/split-$split" | tail -n 1
  cp "$work/split-$split/compare.json" "$target"
  cp "$work/split-$split/test-scores.csv" "${target%.json}-scores.csv"
done

# 5. Diagnosis: one dish through both paths, traced; ten dishes per seed, traced, on every curve.
if [ ! -f "$data/sigmoid-slope-dish-trace-managed.csv" ]; then
  step "traces of one dish, managed and libtorch"
  $petridish compare manifests/experiments/sigmoid-slope-single-dish.json --trace --out "$work/single-dish" | tail -n 1
  cp "$work/single-dish/trace-managed.csv" "$data/sigmoid-slope-dish-trace-managed.csv"
  cp "$work/single-dish/trace-libtorch.csv" "$data/sigmoid-slope-dish-trace-libtorch.csv"
  cp "$work/single-dish/trace-managed.png" "$images/sigmoid-slope-dish-trace.png"
  cp "$work/single-dish/trace-managed-curves.png" "$images/sigmoid-slope-dish-trace-curves.png"
fi
if [ ! -f "$data/sigmoid-slope-dish-members.csv" ]; then
  for name in embedded full-mnist full-mnist-10-repeats; do
    [ -f "$work/members-$name/compare.json" ] && continue
    step "ten traced dishes per seed, $name"
    $petridish compare manifests/experiments/sigmoid-slope-dish-members.json --observations "$data/${curve[$name]}" --trace --out "$work/members-$name" | tail -n 1
  done
  scripts/dish-robustness-tables.py --members-csv "$data/sigmoid-slope-dish-members.csv" \
    "embedded=$work/members-embedded/trace-members.csv" "full-mnist=$work/members-full-mnist/trace-members.csv" \
    "full-mnist-10-repeats=$work/members-full-mnist-10-repeats/trace-members.csv"
fi
echo "robustness: done; tables: scripts/dish-robustness-tables.py (see docs/sigmoid-slope-surrogates.md for the arguments)" >&2
