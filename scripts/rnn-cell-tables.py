#!/usr/bin/env python3
"""The tables and figures of docs/rnn-cell.md, from the committed ground truth and comparisons:

  --cells   the 60 random cells (docs/data/rnn-cell-60.csv): range, median, population SD, and the
            named cells (docs/data/rnn-cell-named.csv) ranked among them
  --noise   the same cells trained with other seeds (docs/data/rnn-cell-repeat-seeds.csv): Kendall τ-b
            between seed 0's and seed 1's ranking, the run-to-run noise, the spread between cells, the
            three cells measured with seeds 0, 1 and 2
  --seeds COMPARE.json...   the Petri dish's Kendall τ and top-1 true rank per seed in each comparison, and its mean fit time
  --against-mean PREDICTIONS.csv   τ-b of each surrogate's predictions (first seed) for the test cells
            against the mean of the two seeds' ground truth

Plain Python. Usage: scripts/rnn-cell-tables.py --cells | --noise | --seeds COMPARE.json... | --against-mean PREDICTIONS.csv"""
import csv, json, os, statistics, sys

from figures import kendall_tau_b, mean_sd

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, 'docs', 'data')
NAMED = {  # the named cells, in the order the doc lists them
    'nao-cell:0 1 0 1 1 1 3 0 4 1 4 1 5 1 1 1 7 1 1 1 1 2': "NAO's published cell `nao-cell:0 1 0 1 1 1 3 0 4 1 4 1 5 1 1 1 7 1 1 1 1 2`",
    'nao-cell:0 1 1 1 2 1 3 1 4 1 5 1 6 1 7 1 8 1 9 1 10 1': 'relu chain (each node reads the previous one) `nao-cell:0 1 1 1 2 1 … 10 1`',
    'nao-cell:0 2 1 2 2 2 3 2 4 2 5 2 6 2 7 2 8 2 9 2 10 2': 'all-identity chain `nao-cell:0 2 1 2 2 2 … 10 2`',
    'nao-cell:0 0 1 0 2 0 3 0 4 0 5 0 6 0 7 0 8 0 9 0 10 0': 'tanh chain `nao-cell:0 0 1 0 2 0 … 10 0`',
}


def read(name):
    with open(os.path.join(DATA, name), newline='') as f:
        return {row['motif']: float(row['value']) for row in csv.DictReader(f)}


def cells():
    values = read('rnn-cell-60.csv')
    v = sorted(values.values())
    print(f'- {len(v)} random cells: perplexity {v[0]:.2f} to {v[-1]:.2f}, median {statistics.median(v):.2f}, '
          f'population SD {statistics.pstdev(v):.2f}, mean {statistics.mean(v):.2f}; '
          f'{sum(1 for x in v if x == x and x != float("inf"))} of {len(v)} finite.')
    print()
    print(f'| cell | perplexity | rank among the {len(v)} random cells |')
    print('|---|---:|---|')
    named = read('rnn-cell-named.csv')
    for motif, label in NAMED.items():
        value = named[motif]
        rank = 1 + sum(1 for x in v if x < value)
        note = ' (worse than all)' if rank == len(v) + 1 else ''
        print(f'| {label} | {value:.2f} | {rank} of {len(v) + 1}{note} |')


def noise():
    seeds = {}
    with open(os.path.join(DATA, 'rnn-cell-repeat-seeds.csv'), newline='') as f:
        for row in csv.DictReader(f):
            seeds.setdefault(row['motif'], {})[int(row['ground_truth_seed'])] = float(row['value'])
    pairs = [(s[0], s[1]) for s in seeds.values() if 0 in s and 1 in s and 2 not in s]
    first, second = [p[0] for p in pairs], [p[1] for p in pairs]
    differences = [b - a for a, b in pairs]
    # The run-to-run SD of one measurement: the differences' SD / √2 (two independent runs per cell).
    run_sd = statistics.pstdev(differences) / 2 ** 0.5
    print(f'- {len(pairs)} cells trained with seeds 0 and 1: Kendall τ-b between the two rankings {kendall_tau_b(first, second):.3f}; '
          f'run-to-run SD of one measurement ≈ {run_sd:.2f} ppl (population SD of the differences / √2); '
          f'population SD between the cells (seed 0) {statistics.pstdev(first):.2f} ppl; seed 1 higher by {statistics.mean(differences):.2f} ppl on average.')
    for motif, s in seeds.items():
        if 2 in s:
            print(f'- `{motif}`: seeds 0, 1, 2: {s[0]:.2f}, {s[1]:.2f}, {s[2]:.2f}')


def seed_figures(paths):
    for path in paths:
        d = next(s for s in json.load(open(path))['surrogates'] if s['plugin'] == 'petri-dish')
        taus = d['kendall_tau']['values']
        print(f"- {path}: petri-dish τ per seed {', '.join(f'{t:.3f}' for t in taus)} "
              f"({mean_sd(taus, 3)}), top-1 true ranks {', '.join(str(t['true_rank']) for t in d['top1'])}, "
              f"fit {d['fit_seconds']['mean']:.0f} s")


def against_mean(path):
    seeds = {}
    with open(os.path.join(DATA, 'rnn-cell-repeat-seeds.csv'), newline='') as f:
        for row in csv.DictReader(f):
            seeds.setdefault(row['motif'], {})[int(row['ground_truth_seed'])] = float(row['value'])
    with open(path, newline='') as f:
        rows = [r for r in csv.DictReader(f) if r['split'] == 'test']
    truth = [-(seeds[r['motif']][0] + seeds[r['motif']][1]) / 2 for r in rows]   # negated: higher is better
    surrogates = [c for c in rows[0] if c not in ('motif', 'value', 'split')]
    print(f'- {path}, {len(rows)} test cells, against the mean of seeds 0 and 1: ' +
          ', '.join(f"{s} τ {kendall_tau_b([float(r[s]) for r in rows], truth):.2f}" for s in surrogates))


def main(args):
    if not args:
        sys.exit(__doc__)
    if args[0] == '--cells':
        cells()
    elif args[0] == '--noise':
        noise()
    elif args[0] == '--seeds':
        seed_figures(args[1:])
    elif args[0] == '--against-mean':
        against_mean(args[1])
    else:
        sys.exit(__doc__)


main(sys.argv[1:])
