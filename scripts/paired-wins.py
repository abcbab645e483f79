#!/usr/bin/env python3
"""From a CSV written by scripts/compare-table.py (surrogate, run, seed_index) or by
scripts/nas-bench-nlp-dish-settings.py (configuration, split): for each pair A:B, in how many runs
(splits) surrogate or configuration A ranked the test motifs better (higher Kendall tau) than B.
Usage: scripts/paired-wins.py COMPARE.csv A:B [A:B ...]"""
import collections, csv, sys

def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    tau = collections.defaultdict(dict)
    for row in csv.DictReader(open(sys.argv[1])):
        if 'configuration' in row:
            tau[row['configuration']][row['split']] = float(row['kendall_tau'])
        else:
            tau[row['surrogate']][(row['run'], row['seed_index'])] = float(row['kendall_tau'])
    for pair in sys.argv[2:]:
        a, b = pair.split(':')
        runs = sorted(set(tau[a]) & set(tau[b]))
        if not runs:
            sys.exit(f'no runs with both {a} and {b}')
        wins = sum(tau[a][r] > tau[b][r] for r in runs)
        print(f'- {a} above {b}: {wins} of {len(runs)}')

main()
