#!/usr/bin/env python3
"""Prints the tables of docs/sigmoid-slope-surrogates.md from `petridish compare` results and curves.

  COMPARE.json...                  one Markdown table per compare.json (mean ± population standard
                                   deviation over its seeds; a surrogate whose values do not vary is shown
                                   without spread), then each Petri dish's τ below and above the training range and regret per seed
  --near-peak CURVE.csv NAME=CURVE.csv...  the curves' accuracy at the slopes around the peak, and the
                                   held-out slopes' order there (slopes below 0.37 are held out)
(The default dish against one dish, the official split, cross-validation and the whole curve:
scripts/dish-robustness-tables.py.)
Usage: scripts/sigmoid-slope-compare-table.py [--near-peak] ARGS..."""
import csv, json, statistics, sys

from figures import mean_sd

TRAIN_FROM = 0.37


def stat(values, digits=3):
    if len(set(values)) == 1:
        return f"{values[0]:.{digits}f}".replace('-', '−')
    return mean_sd(values, digits).replace('-', '−')


def slope(pick):
    return pick['motif'].split(':')[1]


def top1(picks):
    described = [f"{slope(p)} ({p['true_rank']})" for p in picks]
    return f"{described[0]} in every seed" if len(set(described)) == 1 and len(described) > 1 else ", ".join(described)


def tables(paths):
    for path in paths:
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
                print(f"\nper seed, {s['id']}: τ below the range " + ", ".join(f"{v:.3f}" for v in s['kendall_tau_below']['values'])
                      + "; τ above " + ", ".join(f"{v:.3f}" for v in s['kendall_tau_above']['values'])
                      + "; top-1 regret " + ", ".join(f"{v:.4f}" for v in s['top1_regret']['values']))


def read_curve(path):
    with open(path, newline='') as f:
        return {round(float(r['motif'].split(':')[1]), 2): float(r['value']) for r in csv.DictReader(f)}


def near_peak(pairs):
    curves = [(name, read_curve(path)) for name, path in (p.split('=', 1) for p in pairs)]
    slopes = [round(0.25 + 0.02 * i, 2) for i in range(8)]
    print("| slope | " + " | ".join(f"{c:.2f}" + (" (training)" if c >= TRAIN_FROM else "") for c in slopes) + " |")
    print("|---|" + "---:|" * len(slopes))
    for name, curve in curves:
        print(f"| {name} | " + " | ".join(f"{curve[c]:.4f}" for c in slopes) + " |")
    print()
    for name, curve in curves:
        held_out = sorted((c for c in curve if c < TRAIN_FROM or c > 1.53), key=curve.get, reverse=True)
        print(f"- {name}: the best held-out slopes, best first: " + ", ".join(f"{c:.2f}" for c in held_out[:5]))


def main(args):
    if not args:
        sys.exit(__doc__)
    mode = {'--near-peak': near_peak}.get(args[0])
    (mode or tables)(args[1:] if mode else args)


main(sys.argv[1:])
