#!/usr/bin/env python3
"""A Markdown table of the best value each search method found, from `petridish summarize`'s
summary.csv (method, seed, evaluations, best so far): per method, the best after the last evaluation
(mean ± population standard deviation over seeds, and per seed), and after the given checkpoints.
Methods appear in the order given as METHOD=LABEL (or as in the file). Plain Python.

Usage: scripts/search-summary-table.py SUMMARY.csv [--digits D] [--at N,N,...] [METHOD=LABEL ...]"""
import csv, statistics, sys

from figures import mean_sd


def main(args):
    if not args:
        sys.exit(__doc__)
    path, args = args[0], args[1:]
    digits, checkpoints, labels = 3, [], {}
    while args:
        if args[0] == '--digits':
            digits, args = int(args[1]), args[2:]
        elif args[0] == '--at':
            checkpoints, args = [int(n) for n in args[1].split(',')], args[2:]
        else:
            method, label = args[0].split('=', 1)
            labels[method], args = label, args[1:]
    curves = {}
    with open(path, newline='') as f:
        for row in csv.DictReader(f):
            curves.setdefault(row['method'], {}).setdefault(int(row['seed']), {})[int(row['evaluations'])] = float(row['best'])
    methods = list(labels) or list(curves)
    last = min(max(curve) for runs in curves.values() for curve in runs.values())

    header = f"| method | best after {last} evaluations (mean ± std) | per seed |"
    rule = "|---|---:|---|"
    for n in checkpoints:
        header += f" after {n} |"
        rule += "---:|"
    print(header)
    print(rule)
    for method in methods:
        runs = curves[method]
        finals = [runs[seed][last] for seed in sorted(runs)]
        row = f"| {labels.get(method, method)} | {mean_sd(finals, digits)} | {', '.join(f'{v:.{digits}f}' for v in finals)} |"
        for n in checkpoints:
            row += f" {mean_sd([runs[seed][n] for seed in sorted(runs)], digits)} |"
        print(row)
    seeds = {len(runs) for runs in curves.values()}
    print()
    print(f"(± is the population standard deviation over the {'/'.join(map(str, sorted(seeds)))} seeds; `{path}`.)")


main(sys.argv[1:])
