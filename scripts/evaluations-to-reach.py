#!/usr/bin/env python3
"""From a `petridish summarize` summary.csv (method, seed, evaluations, best so far): per method, how
many ground-truth evaluations each run spent before its best so far first reached a threshold (for a
metric to minimise: best <= threshold; with --maximize: best >= threshold), or '>N' if not within its
N evaluations. Prints a Markdown table and writes the per-run numbers to OUT.csv.
Usage: scripts/evaluations-to-reach.py SUMMARY.csv OUT.csv THRESHOLD [LABEL] [--maximize]"""
import csv, statistics, sys

def main():
    args = [a for a in sys.argv[1:] if a != '--maximize']
    if len(args) < 3:
        sys.exit(__doc__)
    maximize = '--maximize' in sys.argv
    summary, out, threshold = args[0], args[1], float(args[2])
    label = args[3] if len(args) > 3 else f'{threshold:g}'
    runs = {}
    for row in csv.DictReader(open(summary)):
        runs.setdefault((row['method'], int(row['seed'])), []).append((int(row['evaluations']), float(row['best'])))
    reached = {}
    for (method, seed), curve in runs.items():  # in the summary's order: methods as given, seeds ascending
        hit = next((n for n, best in sorted(curve) if (best >= threshold if maximize else best <= threshold)), None)
        reached.setdefault(method, []).append((seed, hit, max(n for n, _ in curve)))
    with open(out, 'w', newline='') as f:
        writer = csv.writer(f)
        writer.writerow(['method', 'seed', 'evaluations_to_reach', 'budget', 'threshold'])
        for method, rows in reached.items():
            for seed, hit, budget in rows:
                writer.writerow([method, seed, '' if hit is None else hit, budget, threshold])
    print(f'| method | runs that reach {label} | evaluations needed (median over all runs; a run that never reaches counts as beyond its budget) | per seed |')
    print('|---|---:|---:|---|')
    for method, rows in reached.items():
        hits = [h for _, h, _ in rows if h is not None]
        values = sorted(h if h is not None else float('inf') for _, h, _ in rows)
        median = statistics.median(values)
        shown = f'{median:g}' if median != float('inf') else f'> {rows[0][2]}'
        per_seed = ', '.join(str(h) if h is not None else f'>{b}' for _, h, b in rows)
        print(f'| {method} | {len(hits)} of {len(rows)} | {shown} | {per_seed} |')

main()
