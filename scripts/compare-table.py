#!/usr/bin/env python3
"""Collects the compare.json of several `petridish compare` runs (e.g. one per --seed) into one CSV
(surrogate, run, Kendall tau, Spearman, precision@k, top-1 true rank, top-1 regret, fit seconds) and
prints a Markdown table of mean ± population standard deviation over the runs (as compare and summarize print).
Every run's per-motif scores (its test-scores.csv) are collected beside OUT.csv as OUT-scores.csv.gz
(run, goal, then test-scores.csv's columns), from which `scripts/compare-tau.py --collected OUT.csv`
recomputes each τ of OUT.csv.
Usage: scripts/compare-table.py OUT.csv RUN_DIR...   (each RUN_DIR holds a compare.json)"""
import csv, gzip, io, json, os, statistics, sys

def collect_scores(target, runs):
    # mtime 0: the same scores give the same bytes, so a rerun that changes nothing changes no file.
    with open(target, 'wb') as raw, gzip.GzipFile(fileobj=raw, mode='wb', mtime=0) as packed:
        with io.TextIOWrapper(packed, newline='') as f:
            writer = csv.writer(f)
            writer.writerow(['run', 'goal', 'surrogate', 'seed', 'motif', 'value', 'score'])
            for run in runs:
                goal = json.load(open(os.path.join(run, 'compare.json')))['goal']
                with open(os.path.join(run, 'test-scores.csv'), newline='') as scores:
                    for r in csv.DictReader(scores):
                        writer.writerow([os.path.basename(os.path.normpath(run)), goal, r['surrogate'], r['seed'], r['motif'], r['value'], r['score']])


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
    collect_scores(out[:-len('.csv')] + '-scores.csv.gz', runs)

    def stat(values):
        return f"{statistics.mean(values):.3f} ± {statistics.pstdev(values):.3f}" if len(values) > 1 else f"{values[0]:.3f}"
    print('| surrogate | fits | Kendall τ | Spearman | precision@k | top-1 true rank (median) | fit s (mean) |')
    print('|---|---:|---:|---:|---:|---:|---:|')
    for name in order:
        r = [x for x in rows if x['surrogate'] == name]
        print(f"| {name} | {len(r)} | {stat([x['kendall_tau'] for x in r])} | {stat([x['spearman'] for x in r])} | "
              f"{stat([x['precision_at_k'] for x in r])} | {statistics.median([x['top1_true_rank'] for x in r]):g} | "
              f"{statistics.mean([x['fit_seconds'] for x in r]):.1f} |")

if __name__ == "__main__":
    main()
