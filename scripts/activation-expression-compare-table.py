#!/usr/bin/env python3
"""Markdown tables for docs/activation-expression.md, section 2, from `petridish compare` outputs
(compare.json files): one row per surrogate, mean ± population SD over the compare seeds, and the
true rank of each seed's top-1 pick. Plain Python.

Usage: scripts/activation-expression-compare-table.py COMPARE.json [COMPARE.json ...]
"""
import json
import sys


def cell(stat, digits=3):
    return f"{stat['mean']:.{digits}f} ± {stat['std']:.{digits}f}"


for path in sys.argv[1:]:
    data = json.load(open(path))
    print(f"`{path}`: {data['train']} functions to train on, {data['test']} to rank, "
          f"{data['seeds']} seeds, k = {data['k']}")
    print()
    print(f"| surrogate | Kendall τ | Spearman ρ | precision@{data['k']} | top-1 true rank (of {data['test']}), per seed | top-1 regret | fit s | predict s |")
    print("|---|---:|---:|---:|---|---:|---:|---:|")
    for s in data["surrogates"]:
        ranks = ", ".join(str(t["true_rank"]) for t in s["top1"])
        print(f"| {s['id']} | {cell(s['kendall_tau'])} | {cell(s['spearman'])} | {cell(s['precision_at_k'])} | {ranks} | "
              f"{cell(s['top1_regret'], 4)} | {s['fit_seconds']['mean']:.1f} | {s['predict_seconds']['mean']:.2f} |")
    print()
