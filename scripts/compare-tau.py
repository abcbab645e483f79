#!/usr/bin/env python3
"""Recomputes every Kendall τ of a `petridish compare` output from its per-motif data and checks it against
the τ the comparison reports. Each COMPARE_JSON (compare.json, or a copy under docs/data such as
sigmoid-slope-compare-embedded.json) is read with its test scores: test-scores.csv beside a compare.json,
or NAME-scores.csv (or .csv.gz) beside NAME.json. Those hold every fit's score of every test motif
(surrogate, seed — for a cross-validation, the fold —, motif, ground-truth value, score). Prints one line
per surrogate and the largest difference; exits 1 if a τ differs by more than 1e-9 or a fit has no scores.
With --collected, each argument is instead a CSV of several runs' τ (scripts/compare-table.py's OUT.csv:
surrogate, run, seed_index, kendall_tau; or scripts/nas-bench-nlp-dish-settings.py's: configuration, split,
kendall_tau) checked against the scores collected beside it (OUT-scores.csv.gz: run, goal, surrogate, seed,
motif, value, score). Plain Python.
Usage: scripts/compare-tau.py COMPARE_JSON [COMPARE_JSON ...]
       scripts/compare-tau.py --collected OUT.csv [OUT.csv ...]"""
import csv, gzip, json, math, os, sys
from collections import defaultdict

from figures import kendall_tau_b


def scores_path(json_path):
    folder, name = os.path.split(json_path)
    stem = 'test' if name == 'compare.json' else name[:-len('.json')]
    for candidate in (f'{stem}-scores.csv', f'{stem}-scores.csv.gz'):
        path = os.path.join(folder, candidate)
        if os.path.exists(path):
            return path
    sys.exit(f'{json_path}: no per-motif scores beside it ({stem}-scores.csv)')


def read_scores(path, key=lambda r: (r['surrogate'], int(r['seed'])), goal='maximize'):
    """key(row) -> (truth scores, higher is better; predicted scores), in the file's order. The goal is
    the row's own where the file has a goal column (collected scores), else `goal`."""
    opener = gzip.open if path.endswith('.gz') else open
    fits = defaultdict(lambda: ([], []))
    with opener(path, 'rt', newline='') as f:
        for r in csv.DictReader(f):
            values, scores = fits[key(r)]
            sign = -1 if r.get('goal', goal) == 'minimize' else 1
            values.append(sign * float(r['value']))
            scores.append(float(r['score']))
    return fits


def tau_of(values, scores):
    return kendall_tau_b(values, scores) if len(set(scores)) > 1 else math.nan


def difference(recomputed, reported):
    if reported is None or reported == '' or math.isnan(recomputed):
        return 0.0 if (reported is None or reported == '') and math.isnan(recomputed) else math.inf
    return abs(recomputed - float(reported))


def check_collected(csv_path):
    fits = read_scores(csv_path[:-len('.csv')] + '-scores.csv.gz', key=lambda r: (r['run'], r['surrogate'], int(r['seed'])))
    worst, missing, count = 0.0, 0, 0
    for r in csv.DictReader(open(csv_path, newline='')):
        if 'run' in r:
            key = (r['run'], r['surrogate'], int(r['seed_index']) + 1)
        else:   # one dish per configuration and split
            key = (f"{r['configuration']}-split{r['split']}", 'dish', 1)
        if key not in fits:
            missing += 1
            continue
        count += 1
        worst = max(worst, difference(tau_of(*fits[key]), r['kendall_tau']))
    print(f'{csv_path}: {count} fits recomputed; largest difference from the reported τ {worst:.2e}' + (f'; {missing} fit(s) without scores' if missing else ''))
    return worst <= 1e-9 and missing == 0


def check(json_path):
    data = json.load(open(json_path))
    fits = read_scores(scores_path(json_path), goal=data['goal'])
    worst, missing = 0.0, 0
    for surrogate in data['surrogates']:
        recomputed = []
        reported_values = surrogate['kendall_tau']['values']
        # Older outputs have no 'fits': their values are seeds 1, 2, ... in order, as the fits list them.
        seeds = [fit['seed'] for fit in surrogate['fits']] if 'fits' in surrogate else range(1, len(reported_values) + 1)
        for seed, reported in zip(seeds, reported_values):
            key = (surrogate['id'], seed)
            if key not in fits:
                missing += 1
                continue
            values, scores = fits[key]
            tau = tau_of(values, scores)
            recomputed.append(tau)
            worst = max(worst, difference(tau, reported))
        print(f'{json_path}: {surrogate["id"]}: τ recomputed per seed {", ".join(f"{t:.3f}" for t in recomputed)}')
    print(f'{json_path}: largest difference from the reported τ {worst:.2e}' + (f'; {missing} fit(s) without scores' if missing else ''))
    return worst <= 1e-9 and missing == 0


if len(sys.argv) < 2:
    sys.exit(__doc__)
if sys.argv[1] == '--collected':
    results = [check_collected(path) for path in sys.argv[2:]]
else:
    results = [check(path) for path in sys.argv[1:]]
sys.exit(0 if all(results) else 1)
