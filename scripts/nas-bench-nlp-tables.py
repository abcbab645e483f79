#!/usr/bin/env python3
"""The tables of docs/nas-bench-nlp.md, from the committed files (± is the population standard
deviation; "median" is over seeds or splits). Plain Python.

  --facts     the table's facts: docs/data/nas-bench-nlp-table-stats.json, -cells-failed.csv
  --ablation  the dish's choices over 10 splits: docs/data/nas-bench-nlp-dish-ablation.csv
  --settings  the untrained dish's settings one at a time: docs/data/nas-bench-nlp-dish-settings.csv
  --compare   the main manifest's comparison: docs/data/nas-bench-nlp-compare.csv
  --search    the search comparison: docs/data/nas-bench-nlp-search-runs.csv
  --reach     lookups needed to reach the best / a top-5 cell: docs/data/nas-bench-nlp-search-reach-{best,top5}.csv

Usage: scripts/nas-bench-nlp-tables.py --facts | --ablation | --settings | --compare | --search | --reach"""
import csv, json, os, re, statistics, sys

from figures import mean_sd

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, 'docs', 'data')
ABLATION = {
    'nn-predictor': "NN predictor (encoding: the outputs' ops, then per node op one-hot and inputs)",
    'linear': 'linear regression (same encoding)',
    'one-epoch': "one epoch of real training (the release's epoch-1 perplexity)",
    'untrained': 'Petri dish before meta-learning (`outerSchedule: []`)',
    'untrained-ensemble-4': '… ensemble of 4 untrained dishes',
    'untrained-ensemble-16': '… ensemble of 16 untrained dishes',
    'meta-2-steps': 'meta-learned, 2 outer steps',
    'meta-10-steps': 'meta-learned, 10 outer steps',
    'meta-10-steps-ranks': '… outer loss on ranks',
    'meta-30-steps-hold-out': 'meta-learned, up to 30 steps, stopped on 25 % held-out cells',
    'meta-30-steps-hold-out-ranks': '… outer loss on ranks',
    'meta-10-steps-4-samples': 'meta-learned, 10 steps, 4 sequences (a quarter of the learned parameters)',
    'untrained-4-samples': 'untrained, 4 sequences',
    'untrained-64-samples': 'untrained, 64 sequences',
    'meta-10-steps-ensemble-4': 'meta-learned, 10 steps, ensemble of 4',
}
COMPARE = {
    'petri-dish-untrained': "`petri-dish-untrained` (16 untrained dishes, the mean of all; the search's surrogate)",
    'petri-dish': '`petri-dish` (one dish, 10 outer steps)',
    'nn-predictor': '`nn-predictor`',
    'linear': '`linear`',
    'linear-op-counts': '`linear-op-counts` (least squares on the count of each operation)',
    'one-epoch': '`one-epoch` (low fidelity, 1 of 50 epochs)',
    'three-epochs': '`three-epochs` (low fidelity, 3 of 50 epochs)',
}
METHODS = {
    'nlp-petri-dish-rs': 'PD + RS', 'nlp-petri-dish-nao': 'PD + NAO', 'nlp-nao': 'NAO',
    'nlp-random-search': 'random search', 'nlp-partial-evaluation': 'partial evaluation',
    'nlp-petri-dish-meta-rs': 'PD-meta + RS',
}


def rows(name):
    with open(os.path.join(DATA, name), newline='') as f:
        return list(csv.DictReader(f))


def number(value):
    return f"{value:g}" if value != int(value) else str(int(value))


def facts():
    stats = json.load(open(os.path.join(DATA, 'nas-bench-nlp-table-stats.json')))
    failed = rows('nas-bench-nlp-cells-failed.csv')
    finite = sorted(int(re.search(r'(\d+) epoch\(s\) with a finite', r['error']).group(1)) for r in failed)
    q = stats['perplexity_quartiles']
    cells = stats['cells_with_value'] + len(failed)
    print('| | half release |')
    print('|---|---|')
    print(f"| logs, distinct recipe texts, distinct cells | {stats['logs']} logs, {stats['recipe_texts']} texts, {cells} cells |")
    print(f"| cells with a value / failed (diverged) | {stats['cells_with_value']} / {len(failed)} (failing at epoch "
          + ', '.join(str(n + 1) for n in finite) + ') |')
    print(f"| validation perplexity: best, quartiles, worst | {stats['perplexity_min']:.1f}; {q[0]:.0f}, {q[1]:.0f}, {q[2]:.0f}; {stats['perplexity_max']:,.0f} |")
    print(f"| cells above 600 (learned little more than word frequencies) | {stats['cells_above_600']} |")
    print(f"| noise: cells trained more than once | {stats['cells_trained_more_than_once']}; mean within-cell sample SD of log-perplexity "
          f"{stats['repeat_log_perplexity_sd_mean']:.3f}, largest spread {100 * stats['repeat_relative_spread_max']:.0f} % |")
    ratio = stats['log_perplexity_sd_across_cells'] / stats['repeat_log_perplexity_sd_mean']
    print(f"| spread across cells | population SD of log-perplexity {stats['log_perplexity_sd_across_cells']:.2f}: about {ratio:.0f} × the noise |")
    values = sorted((float(r['value']), r['motif']) for r in rows('nas-bench-nlp-cells.csv'))
    print(f"| the best cells | {values[0][0]:.1f}, then {values[1][0]:.1f}; the fifth {values[4][0]:.1f} |")
    ends = [re.search(r'h_new_0=(\w+)\(', motif).group(1) in ('prod', 'blend', 'sum') for _, motif in values]
    leading = next((i for i, e in enumerate(ends) if not e), len(ends))
    print(f"| cells whose output `h_new_0` is a product, blend or sum | {sum(ends)} of {len(ends)}; the {leading} best cells all are |")
    print(f"| Kendall τ of epoch 1 / epoch 3 with epoch 50 | {stats['tau_epoch1_vs_last']:.2f} / {stats['tau_epoch3_vs_last']:.2f} |")
    print(f"| `value: \"min\"` against the last epoch | Kendall τ {stats['tau_last_vs_min']:.3f}; {stats['cells_min_differs_over_1pct']} cells differ by more than 1 %; "
          f"same best cell: {'yes' if stats['best_by_last'] == stats['best_by_min'] else 'no'} |")


def surrogate_table(data, labels):
    by = {}
    for r in data:
        by.setdefault(r['surrogate'], []).append(r)
    k = data[0]['k']
    print(f'| surrogate | Kendall τ | τ, worst {"split" if len({r["run"] for r in data}) > 1 else "seed"} | Spearman | precision@{k} | top-1 true rank (median) | fit s |')
    print('|---|---:|---:|---:|---:|---:|---:|')
    for surrogate, label in labels.items():
        rs = by[surrogate]
        print(f"| {label} | {mean_sd([float(r['kendall_tau']) for r in rs], 3)} | {min(float(r['kendall_tau']) for r in rs):.3f} | {mean_sd([float(r['spearman']) for r in rs], 3)} | "
              f"{mean_sd([float(r['precision_at_k']) for r in rs], 2)} | {number(statistics.median(int(r['top1_true_rank']) for r in rs))} | "
              f"{statistics.mean(float(r['fit_seconds']) for r in rs):.1f} |")
    print()
    print(f"({len(rs)} {'splits' if len({r['run'] for r in rs}) > 1 else 'surrogate seeds on one split'} per row.)")


def settings():
    by = {}
    for r in rows('nas-bench-nlp-dish-settings.csv'):
        by.setdefault((r['configuration'], r['change']), []).append(float(r['kendall_tau']))
    print('| configuration | change from the untrained dish | Kendall τ (mean ± population SD over splits) | τ, worst split |')
    print('|---|---|---:|---:|')
    for (configuration, change), taus in by.items():
        print(f'| {configuration} | {change} | {mean_sd(taus, 3)} | {min(taus):.3f} |')


def search():
    by = {}
    for r in rows('nas-bench-nlp-search-runs.csv'):
        by.setdefault(r['method'], []).append(r)
    print("| method | best validation perplexity after 30 lookups | final pick's true rank: median; per seed 1–10 | mean perplexity of the 20 post-warm-up lookups |")
    print('|---|---:|---|---:|')
    for method, label in METHODS.items():
        rs = sorted(by[method], key=lambda r: int(r['seed']))
        ranks = [int(r['reference_rank']) for r in rs]
        print(f"| {label} | {mean_sd([float(r['best']) for r in rs], 2)} | {number(statistics.median(ranks))}; {', '.join(map(str, ranks))} | "
              f"{mean_sd([float(r['search_mean']) for r in rs], 1)} |")


def reach():
    tables = {}
    for name in ('best', 'top5'):
        for r in rows(f'nas-bench-nlp-search-reach-{name}.csv'):
            tables.setdefault(name, {}).setdefault(r['method'], []).append(r)
    best_threshold = float(next(iter(tables['best'].values()))[0]['threshold'])
    top5_threshold = float(next(iter(tables['top5'].values()))[0]['threshold'])
    print(f'| method | runs that reach the best cell ({best_threshold:.2f}) | lookups needed (median) | per seed '
          f'| runs that reach a top-5 cell (≤ {top5_threshold:.2f}) | lookups needed (median) | per seed |')
    print('|---|---:|---:|---|---:|---:|---|')
    for method, label in METHODS.items():
        cells = [label]
        for name in ('best', 'top5'):
            rs = sorted(tables[name][method], key=lambda r: int(r['seed']))
            budget = int(rs[0]['budget'])
            needed = [int(r['evaluations_to_reach']) if r['evaluations_to_reach'] else budget + 1 for r in rs]
            # A run that never got there counts as beyond the budget; once the middle run is beyond it, so is the median.
            beyond = sorted(needed)[len(needed) // 2] > budget
            cells += [f"{sum(1 for n in needed if n <= budget)} of {len(rs)}",
                      f"> {budget}" if beyond else number(statistics.median(needed)),
                      ', '.join(str(n) if n <= budget else f'>{budget}' for n in needed)]
        print('| ' + ' | '.join(cells) + ' |')


def main(args):
    modes = {'--facts': facts, '--settings': settings, '--search': search, '--reach': reach,
             '--ablation': lambda: surrogate_table(rows('nas-bench-nlp-dish-ablation.csv'), ABLATION),
             '--compare': lambda: surrogate_table(rows('nas-bench-nlp-compare.csv'), COMPARE)}
    if len(args) != 1 or args[0] not in modes:
        sys.exit(__doc__)
    modes[args[0]]()


main(sys.argv[1:])
