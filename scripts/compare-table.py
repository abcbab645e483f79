#!/usr/bin/env python3
"""Collects the compare.json of several `petridish compare` runs (e.g. one per --seed) into one CSV
(surrogate, run, Kendall tau, Spearman, precision@k, top-1 true rank, top-1 regret, fit seconds) and
prints a Markdown table of mean ± population standard deviation over the runs (as compare and summarize print).
Usage: scripts/compare-table.py OUT.csv RUN_DIR...   (each RUN_DIR holds a compare.json)"""
import csv, json, os, statistics, sys

def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    out, runs = sys.argv[1], sys.argv[2:]
    rows, order = [], []
    for run in runs:
        data = json.load(open(os.path.join(run, 'compare.json')))
        for s in data['surrogates']:
            if s['id'] not in order:
                order.append(s['id'])
            for i, tau in enumerate(s['kendall_tau']['values']):
                rows.append({'surrogate': s['id'], 'run': os.path.basename(os.path.normpath(run)), 'seed_index': i,
                             'kendall_tau': tau, 'spearman': s['spearman']['values'][i],
                             'precision_at_k': s['precision_at_k']['values'][i], 'k': s['k'],
                             'top1_true_rank': s['top1'][i]['true_rank'], 'top1_regret': s['top1_regret']['values'][i],
                             'fit_seconds': s['fit_seconds']['values'][i], 'test_motifs': data['test']})
    with open(out, 'w', newline='') as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        writer.writeheader()
        writer.writerows(rows)

    def stat(values):
        return f"{statistics.mean(values):.3f} ± {statistics.pstdev(values):.3f}" if len(values) > 1 else f"{values[0]:.3f}"
    print('| surrogate | fits | Kendall τ | Spearman | precision@k | top-1 true rank (median) | fit s (mean) |')
    print('|---|---:|---:|---:|---:|---:|---:|')
    for name in order:
        r = [x for x in rows if x['surrogate'] == name]
        print(f"| {name} | {len(r)} | {stat([x['kendall_tau'] for x in r])} | {stat([x['spearman'] for x in r])} | "
              f"{stat([x['precision_at_k'] for x in r])} | {statistics.median([x['top1_true_rank'] for x in r]):g} | "
              f"{statistics.mean([x['fit_seconds'] for x in r]):.1f} |")

main()
