#!/usr/bin/env python3
"""Prints a predictor study (study.csv of `petridish compare` with compare.train.counts) as a Markdown
table: per surrogate and training size, Kendall tau as mean ± population standard deviation over the
seeds, and the worst seed's in brackets; a last column with the mean fit seconds at the largest size.

Usage: scripts/predictor-study-table.py STUDY_CSV"""
import csv, statistics, sys


def main(argv):
    if len(argv) != 1:
        sys.exit(__doc__)
    path = argv[0]
    rows = list(csv.DictReader(open(path, newline='')))
    surrogates = list(dict.fromkeys(r['surrogate'] for r in rows))
    sizes = sorted({int(r['train']) for r in rows})
    seeds = sorted({int(r['seed']) for r in rows})
    print('| surrogate | ' + ' | '.join(f'τ @ {n}' for n in sizes) + f' | fit s @ {sizes[-1]} |')
    print('|---|' + '---:|' * (len(sizes) + 1))
    for name in surrogates:
        cells = []
        for n in sizes:
            taus = [float(r['kendall_tau']) for r in rows if r['surrogate'] == name and int(r['train']) == n]
            mean, sd = statistics.fmean(taus), statistics.pstdev(taus)
            cells.append(f'{mean:.3f} ± {sd:.3f} [{min(taus):.3f}]')
        fits = [float(r['fit_seconds']) for r in rows if r['surrogate'] == name and int(r['train']) == sizes[-1]]
        cells.append(f'{statistics.fmean(fits):.2f}')
        print(f'| `{name}` | ' + ' | '.join(cells) + ' |')
    print(f'\n{len(seeds)} seeds; τ as mean ± population standard deviation over them, [the worst seed]; '
          f'fit s: the mean fit seconds at {sizes[-1]} training cells.')


if __name__ == '__main__':
    main(sys.argv[1:])
