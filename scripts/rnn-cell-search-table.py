#!/usr/bin/env python3
"""The table and figures of docs/rnn-cell-search.md, from the committed files
scripts/rnn-cell-search-experiment.sh wrote: docs/data/rnn-cell-search-evaluations.csv and
-search-wall.csv (every evaluation of every run, by scripts/search-evaluations.py), against the 60
random cells of docs/data/rnn-cell-60.csv: per method, the best validation perplexity after the
budget (mean ± population standard deviation over seeds, and per seed), the mean perplexity of the
cells it chose after the warm-up, how many of them lie in the random cells' top 10 %, the wall time
per run; whether the warm-up is the first cells of rnn-cell-60.csv; the time of one evaluation. Plain Python.

Usage: scripts/rnn-cell-search-table.py"""
import csv, os, statistics

from figures import mean_sd

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, 'docs', 'data')
METHODS = {'rnn-petri-dish-rs': 'Petri dish + RS', 'rnn-petri-dish-nao': 'Petri dish + NAO',
           'rnn-nao': 'NAO', 'rnn-partial-evaluation': 'partial evaluation'}


def main():
    runs = {}
    with open(os.path.join(DATA, 'rnn-cell-search-evaluations.csv'), newline='') as f:
        for row in csv.DictReader(f):
            runs.setdefault(row['method'], {}).setdefault(int(row['seed']), []).append(row)
    walls = {}
    with open(os.path.join(DATA, 'rnn-cell-search-wall.csv'), newline='') as f:
        for row in csv.DictReader(f):
            if row['wall_seconds']:
                walls.setdefault(row['method'], []).append(int(row['wall_seconds']) / 60)
    with open(os.path.join(DATA, 'rnn-cell-60.csv'), newline='') as f:
        random_cells = [(row['motif'], float(row['value'])) for row in csv.DictReader(f)]
    ordered = sorted(v for _, v in random_cells)
    top10 = ordered[len(ordered) // 10 - 1]   # the 6th best of 60: a chosen cell at or below it is in the top 10 %
    budget = len(next(iter(next(iter(runs.values())).values())))
    seeds = len(next(iter(runs.values())))

    def spread(values):
        return mean_sd(values, 3) if seeds > 1 else f'{values[0]:.3f}'

    what = '(mean ± std)' if seeds > 1 else f'(one seed)'

    print(f'| method | best after {budget} evaluations {what} | per seed | mean of the cells chosen after the warm-up '
          f'{what} | chosen cells in the random cells\' top 10 % (≤ {top10:.2f}), per seed | wall time per run (min) |')
    print('|---|---:|---|---:|---|---|')
    for method, label in METHODS.items():
        bests, chosen_means, in_top, sizes = [], [], [], []
        for seed, rows in sorted(runs[method].items()):
            values = [float(r['value']) for r in rows]
            chosen = [float(r['value']) for r in rows if r['purpose'] != 'warmup']
            bests.append(min(values))
            chosen_means.append(statistics.mean(chosen))
            in_top.append(sum(1 for v in chosen if v <= top10))
            sizes.append(len(chosen))
        wall = ', '.join(f'{w:.0f}' for w in walls.get(method, [])) or '–'
        print(f'| {label} | {spread(bests)} | {", ".join(f"{b:.3f}" for b in bests)} '
              f'| {spread(chosen_means)} '
              f'| {", ".join(map(str, in_top))} of {sizes[0]} | {wall} |')
    if seeds > 1:
        print()
        print(f'(± is the population standard deviation over the {seeds} seeds.)')
    print()
    warmups = {tuple(r['motif'] for r in rows if r['purpose'] == 'warmup')
               for method in runs.values() for rows in method.values()}
    first = tuple(m for m, _ in random_cells)
    same = all(w == first[:len(w)] for w in warmups)
    size = len(next(iter(warmups)))
    print(f'- Warm-up: {size} cells, {"the same for every method and seed: the first " + str(size) + " of docs/data/rnn-cell-60.csv" if same and len(warmups) == 1 else str(len(warmups)) + " different warm-up sets"}; '
          f'the best of the 60 random cells ({ordered[0]:.3f}) is {"in" if any(dict(random_cells)[m] == ordered[0] for w in warmups for m in w) else "not in"} it.')
    print(f'- Random cells: mean {statistics.mean(ordered):.2f}, population SD {statistics.pstdev(ordered):.2f}.')
    seconds = [float(r['seconds']) for method in runs.values() for rows in method.values() for r in rows if r['seconds']]
    print(f'- One ground-truth evaluation took {statistics.median(seconds):.0f} s (median over the {len(seconds)} stored, '
          f'as timed in these runs; one core each).')


if __name__ == '__main__':
    main()
