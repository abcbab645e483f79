#!/usr/bin/env python3
"""Prints the tables of docs/sigmoid-slope-surrogates.md from `petridish compare` results: one Markdown
table per compare.json (mean ± population standard deviation over its seeds; a surrogate whose values do
not vary is shown without spread), then each Petri dish's per-seed τ below the training range.
Usage: scripts/sigmoid-slope-compare-table.py COMPARE.json..."""
import json, statistics, sys

def stat(values, digits=3):
    if len(set(values)) == 1:
        return f"{values[0]:.{digits}f}".replace('-', '−')
    return f"{statistics.mean(values):.{digits}f} ± {statistics.pstdev(values):.{digits}f}".replace('-', '−')

def top1(picks):
    described = [f"{p['motif'].split(':')[1]} ({p['true_rank']})" for p in picks]
    return f"{described[0]} in every seed" if len(set(described)) == 1 and len(described) > 1 else ", ".join(described)

def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for path in sys.argv[1:]:
        data = json.load(open(path))
        print(f"\n{path} ({data['seeds']} seeds, {data['test']} test slopes)\n")
        print("| surrogate | Kendall τ (test) | τ below the range | τ above | Spearman | top-1 (true rank) | top-1 regret | fit s |")
        print("|---|---:|---:|---:|---:|---|---:|---:|")
        for s in data['surrogates']:
            print(f"| {s['id']} | {stat(s['kendall_tau']['values'])} | {stat(s['kendall_tau_below']['values'])} | "
                  f"{stat(s['kendall_tau_above']['values'])} | {stat(s['spearman']['values'])} | {top1(s['top1'])} | "
                  f"{statistics.mean(s['top1_regret']['values']):.4f} | {statistics.mean(s['fit_seconds']['values']):.1f} |")
        for s in data['surrogates']:
            if s['plugin'] == 'petri-dish':
                print(f"\nper-seed τ below the range, {s['id']}: " + ", ".join(f"{v:.3f}" for v in s['kendall_tau_below']['values']))

main()
