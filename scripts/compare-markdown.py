#!/usr/bin/env python3
"""Markdown tables from `petridish compare` outputs (compare.json), for the docs. Plain Python.

  [--noun NOUN] COMPARE.json...   one table per file: a row per surrogate, mean ± population SD over
                                  the compare seeds, and the true rank of each seed's top-1 pick
                                  (NOUN names the motifs in the caption: functions, cells; default motifs)
  --kendall HEADER CELL...        one table of Kendall τ (mean ± population SD over seeds), where each
                                  CELL is ROW|COLUMN=COMPARE.json#SURROGATE (rows and columns in the
                                  order they first appear)

Usage: scripts/compare-markdown.py [--noun NOUN] COMPARE.json... | --kendall HEADER CELL...
"""
import json
import sys


def cell(stat, digits=3):
    return f"{stat['mean']:.{digits}f} ± {stat['std']:.{digits}f}"


def tables(paths, noun):
    for path in paths:
        data = json.load(open(path))
        print(f"`{path}`: {data['train']} {noun} to train on, {data['test']} to rank, "
              f"{data['seeds']} seeds, k = {data['k']}")
        print()
        print(f"| surrogate | Kendall τ | Spearman ρ | precision@{data['k']} | top-1 true rank (of {data['test']}), per seed | top-1 regret | fit s | predict s |")
        print("|---|---:|---:|---:|---|---:|---:|---:|")
        for s in data["surrogates"]:
            ranks = ", ".join(str(t["true_rank"]) for t in s["top1"])
            print(f"| {s['id']} | {cell(s['kendall_tau'])} | {cell(s['spearman'])} | {cell(s['precision_at_k'])} | {ranks} | "
                  f"{cell(s['top1_regret'], 4)} | {s['fit_seconds']['mean']:.1f} | {s['predict_seconds']['mean']:.2f} |")
        print()


def kendall(header, cells):
    rows, columns, values = [], [], {}
    for spec in cells:
        place, source = spec.split('=', 1)
        row, column = place.split('|', 1)
        path, surrogate = source.split('#', 1)
        rows += [row] if row not in rows else []
        columns += [column] if column not in columns else []
        found = [s for s in json.load(open(path))['surrogates'] if s['id'] == surrogate]
        if not found:
            sys.exit(f"{path} has no surrogate '{surrogate}'")
        values[(row, column)] = cell(found[0]['kendall_tau'])
    print(f"| {header} | " + " | ".join(columns) + " |")
    print("|---|" + "---:|" * len(columns))
    for row in rows:
        print(f"| {row} | " + " | ".join(values.get((row, c), "–") for c in columns) + " |")


def main(args):
    if not args:
        sys.exit(__doc__)
    if args[0] == '--kendall':
        kendall(args[1], args[2:])
        return
    noun = 'motifs'
    if args[0] == '--noun':
        noun, args = args[1], args[2:]
    tables(args, noun)


main(sys.argv[1:])
