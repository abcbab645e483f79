#!/usr/bin/env python3
"""Prints the tables of docs/sigmoid-slope-surrogates.md from `petridish compare` results and curves.

  COMPARE.json...                  one Markdown table per compare.json (mean ± population standard
                                   deviation over its seeds; a surrogate whose values do not vary is shown
                                   without spread), then each Petri dish's τ below and above the training range and regret per seed
  --summary COMPARE.json...        the Petri dish's figures across those comparisons (the doc's summary)
  --rounding NAME=A.json:B.json... τ below and top-1 picks of the Petri dish in A (the libtorch fits) and
                                   B (the managed fits), one row per NAME
  --splits COMPARE.json...         one row per split (a compare.json each): the dish's τ, τ below and pick
                                   with its true rank, and linear regression's pick
  --near-peak CURVE.csv NAME=CURVE.csv...  the curves' accuracy at the slopes around the peak, and the
                                   held-out slopes' order there (slopes below 0.37 are held out)
Usage: scripts/sigmoid-slope-compare-table.py [--summary | --rounding | --splits | --near-peak] ARGS..."""
import collections, csv, json, statistics, sys

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


def dish(path):
    data = json.load(open(path))
    return data, next(s for s in data['surrogates'] if s['plugin'] == 'petri-dish')


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


def summary(paths):
    means, below, picks, top10 = [], [], [], []
    for path in paths:
        data, s = dish(path)
        values = s['kendall_tau_below']['values']
        means.append(statistics.mean(values))
        below += values
        picks += [float(slope(p)) for p in s['top1']]
        cut = max(1, int(data['test'] * 0.1))
        top10.append(f"{sum(1 for p in s['top1'] if p['true_rank'] <= cut)} of {len(s['top1'])} ({path.split('/')[-1]})")
    print(f"- Petri dish, τ below the training range: means {min(means):.3f}–{max(means):.3f} over the {len(paths)} curves; "
          f"{sum(1 for v in below if v >= 0.84)} of {len(below)} seeds at 0.84 or above, the lowest {min(below):.3f}.")
    print(f"- Its top-1 picks: {', '.join(f'{c:.2f}' for c in sorted(set(picks)))}; "
          f"within the true top 10 % of the held-out slopes (rank ≤ {cut}): {', '.join(top10)}.")


def picks_of(s):
    counts = collections.Counter(slope(p) for p in s['top1'])
    return ', '.join(f"{c} ×{n}" if n > 1 else c for c, n in counts.items())


def rounding(pairs):
    print("| curve | τ below, libtorch: mean (seeds) | τ below, managed: mean (seeds) | top-1, libtorch | top-1, managed |")
    print("|---|---|---|---|---|")
    moves = []
    for pair in pairs:
        name, files = pair.split('=', 1)
        (_, a), (_, b) = (dish(f) for f in files.split(':'))
        va, vb = a['kendall_tau_below']['values'], b['kendall_tau_below']['values']
        moves += [abs(x - y) for x, y in zip(va, vb)]
        print(f"| {name} | {statistics.mean(va):.3f} ({', '.join(f'{v:.3f}' for v in va)}) | "
              f"{statistics.mean(vb):.3f} ({', '.join(f'{v:.3f}' for v in vb)}) | {picks_of(a)} | {picks_of(b)} |")
    print(f"\nlargest change of one seed's τ below: {max(moves):.3f}")


def splits(paths):
    print("| split | Petri dish: Kendall τ (test) | τ below the range | top-1 (true rank) | linear regression: top-1 (true rank) |")
    print("|---|---:|---:|---|---|")
    for path in paths:
        data = json.load(open(path))
        by_id = {s['id']: s for s in data['surrogates']}
        d, linear = by_id['petri-dish'], by_id['linear']
        print(f"| {path.rsplit('/', 1)[-1]} | {stat(d['kendall_tau']['values'])} | {stat(d['kendall_tau_below']['values'])} | "
              f"{top1(d['top1'])} | {top1(linear['top1'])} |")


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
    mode = {'--summary': summary, '--rounding': rounding, '--splits': splits, '--near-peak': near_peak}.get(args[0])
    (mode or tables)(args[1:] if mode else args)


main(sys.argv[1:])
