#!/usr/bin/env python3
"""The table and figures of docs/sigmoid-slope-search.md, from the committed files
scripts/sigmoid-slope-search-experiment.sh wrote: docs/data/sigmoid-slope-search-evaluations.csv and
-search-wall.csv (every evaluation of every run and its wall time, by scripts/search-evaluations.py),
-search-runs.csv (`petridish summarize`'s per-run table: the final picks' ranks) and the reference curve
docs/data/sigmoid-slope-embedded-101.csv: per method, the best accuracy after the budget (mean ±
population standard deviation over seeds, and per seed with its slope), how many of the evaluations
after the warm-up fell in the near-optimal region 0.2 <= c <= 0.45, their mean accuracy (in the region
or not), the wall time per run; when each method's mean best first reaches the plateau; the slopes
each iteration evaluated; the reference plateau; the earlier runs kept beside them. Plain Python.

Usage: scripts/sigmoid-slope-search-table.py"""
import csv, os, statistics, sys

from figures import mean_sd

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, 'docs', 'data')
EVALUATIONS_CSV = os.path.join(DATA, 'sigmoid-slope-search-evaluations.csv')
WALL_CSV = os.path.join(DATA, 'sigmoid-slope-search-wall.csv')
REFERENCE = os.path.join(DATA, 'sigmoid-slope-embedded-101.csv')
METHODS = ['petri-dish-rs', 'partial-evaluation', 'random-search']
LABELS = {'petri-dish-rs': 'Petri dish + random search', 'partial-evaluation': 'partial evaluation',
          'random-search': 'random search'}
PLATEAU = 0.732
REGION = (0.2, 0.45)


def main():
    runs = {}
    with open(EVALUATIONS_CSV, newline='') as f:
        for row in csv.DictReader(f):
            runs.setdefault(row['method'], {}).setdefault(int(row['seed']), []).append(
                (float(row['motif'].split(':')[1]), float(row['value']), row['purpose'], row['iteration']))
    walls = {}
    with open(WALL_CSV, newline='') as f:
        for row in csv.DictReader(f):
            if row['wall_seconds']:
                walls.setdefault(row['method'], []).append(int(row['wall_seconds']))
    seeds = len(next(iter(runs.values())))
    budget = len(next(iter(next(iter(runs.values())).values())))

    print(f'| method | best accuracy found after {budget} evaluations (mean ± std) | per seed (slope) '
          f'| post-warm-up evaluations in {REGION[0]} ≤ c ≤ {REGION[1]} | mean accuracy of all post-warm-up evaluations | wall time per run |')
    print('|---|---:|---|---:|---:|---:|')
    shares = {}
    for method in METHODS:
        bests, picks, inside, values = [], [], 0, []
        for seed, rows in sorted(runs[method].items()):
            slope, value, _, _ = max(rows, key=lambda r: r[1])
            bests.append(value)
            picks.append(f'{value:.4f} ({slope:g})')
            for slope, value, purpose, _ in rows:
                if purpose != 'warmup':
                    values.append(value)
                    inside += REGION[0] <= slope <= REGION[1]
        shares[method] = (inside, len(values), statistics.mean(values))
        wall = f"≈ {statistics.mean(walls[method]):.0f} s" if walls.get(method) else '–'
        print(f'| {LABELS[method]} | {mean_sd(bests, 4)} | {", ".join(picks)} '
              f'| {inside} / {len(values)} | {statistics.mean(values):.3f} | {wall} |')
    print()
    print(f'± is the population standard deviation over the {seeds} seeds; wall times from each run\'s report.md.')
    print()

    curve = {}
    with open(REFERENCE, newline='') as f:
        for row in csv.DictReader(f):
            curve[float(row['motif'].split(':')[1])] = float(row['value'])
    top = max(curve.values())
    ranks = {}   # the final pick's rank on the reference curve, as petridish summarize wrote it
    with open(os.path.join(DATA, 'sigmoid-slope-search-runs.csv'), newline='') as f:
        for row in csv.DictReader(f):
            ranks[(row['method'], int(row['seed']))] = f"rank {row['reference_rank']} of {row['reference_size']}"
    for tolerance in (0.002, 0.003):
        near = [c for c, v in curve.items() if v >= top - tolerance]
        print(f'- Reference curve: slopes within {tolerance} of its best ({top:.4f}): {min(near):.2f}–{max(near):.2f} '
              f'({len(near)} of {len(curve)}).')
    for method in METHODS:
        curves = []
        for rows in runs[method].values():
            best, so_far = float('-inf'), []
            for _, value, _, _ in rows:
                best = max(best, value)
                so_far.append(best)
            curves.append(so_far)
        length = min(len(c) for c in curves)
        reached = [e + 1 for e in range(length) if statistics.mean(c[e] for c in curves) >= PLATEAU]
        inside, total, mean = shares[method]
        print(f'- {LABELS[method]}: mean best so far first reaches {PLATEAU} at evaluation '
              f'{reached[0] if reached else "never (within " + str(length) + ")"}; '
              f'{100 * inside / total:.0f} % of its post-warm-up evaluations in the region (mean accuracy {mean:.3f}).')
        for seed, rows in sorted(runs[method].items()):
            slope, value, _, _ = max(rows, key=lambda r: r[1])
            iterations = {}
            for s, _, purpose, iteration in rows:
                if purpose != 'warmup':
                    iterations.setdefault(int(iteration), []).append(s)
            ranges = '; '.join(f'{min(c):.2f}–{max(c):.2f}' for _, c in sorted(iterations.items()))
            print(f'  - seed {seed}: best {value:.4f} at c = {slope:g} ({ranks[(method, seed)]} on the reference curve); slopes evaluated per iteration: {ranges}')

    with open(os.path.join(DATA, 'sigmoid-slope-search-runs-1571ec7.csv'), newline='') as f:
        morning = list(csv.DictReader(f))
    picks = [f"seed {r['seed']}: {float(r['best']):.4f} at c = {r['best_motif'].split(':')[1]} (rank {r['reference_rank']})"
             for r in morning if r['method'] == 'petri-dish-rs']
    print(f"- The same experiment at commit 1571ec7, on another machine (docs/data/sigmoid-slope-search-runs-1571ec7.csv): "
          f"Petri dish + random search {'; '.join(picks)}.")
    with open(os.path.join(DATA, 'sigmoid-slope-search-runs.csv'), newline='') as f:
        today = {(r['method'], r['seed']): r for r in csv.DictReader(f)}
    for method in ('partial-evaluation', 'random-search'):
        same = all(today[(r['method'], r['seed'])] == r for r in morning if r['method'] == method)
        print(f"  - {LABELS[method]}: every seed's best, pick, rank and mean {'the same' if same else 'NOT the same'} in both runs.")
    earlier = {}   # the same experiment with the dish fitted through libtorch: summarize's best-so-far curves
    with open(os.path.join(DATA, 'sigmoid-slope-search-libtorch.csv'), newline='') as f:
        for row in csv.DictReader(f):
            earlier.setdefault(row['method'], {})[row['seed']] = float(row['best'])
    finals = [earlier['petri-dish-rs'][seed] for seed in sorted(earlier['petri-dish-rs'])]
    print(f"- With the dish fitted through libtorch (docs/data/sigmoid-slope-search-libtorch.csv), Petri dish + random search "
          f"ended at {', '.join(f'{v:.4f}' for v in finals)} ({mean_sd(finals, 4)}).")


if __name__ == '__main__':
    main()
