#!/usr/bin/env python3
"""Recomputes every Kendall τ of a `petridish compare` output from its per-motif data and checks it against
the τ the comparison reports. Each COMPARE_JSON (compare.json, or a copy under docs/data such as
sigmoid-slope-compare-embedded.json) is read with its test scores: test-scores.csv beside a compare.json,
or NAME-scores.csv (or .csv.gz) beside NAME.json. Those hold every fit's score of every test motif
(surrogate, seed — for a cross-validation, the fold —, motif, ground-truth value, score). Prints one line
per surrogate and the largest difference; exits 1 if a τ differs by more than 1e-9 or a fit has no scores.
Plain Python. Usage: scripts/compare-tau.py COMPARE_JSON [COMPARE_JSON ...]"""
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


def read_scores(path):
    """(surrogate, seed) -> (truth values, scores), in the file's order."""
    opener = gzip.open if path.endswith('.gz') else open
    fits = defaultdict(lambda: ([], []))
    with opener(path, 'rt', newline='') as f:
        for r in csv.DictReader(f):
            values, scores = fits[(r['surrogate'], int(r['seed']))]
            values.append(float(r['value']))
            scores.append(float(r['score']))
    return fits


def check(json_path):
    data = json.load(open(json_path))
    sign = 1 if data['goal'] == 'maximize' else -1
    fits = read_scores(scores_path(json_path))
    worst, missing = 0.0, 0
    for surrogate in data['surrogates']:
        recomputed = []
        for fit, reported in zip(surrogate['fits'], surrogate['kendall_tau']['values']):
            key = (surrogate['id'], fit['seed'])
            if key not in fits:
                missing += 1
                continue
            values, scores = fits[key]
            tau = kendall_tau_b([sign * v for v in values], scores) if len(set(scores)) > 1 else math.nan
            recomputed.append(tau)
            if reported is None or math.isnan(tau):
                worst = max(worst, 0.0 if reported is None and math.isnan(tau) else math.inf)
            else:
                worst = max(worst, abs(tau - reported))
        print(f'{json_path}: {surrogate["id"]}: τ recomputed per seed {", ".join(f"{t:.3f}" for t in recomputed)}')
    print(f'{json_path}: largest difference from the reported τ {worst:.2e}' + (f'; {missing} fit(s) without scores' if missing else ''))
    return worst <= 1e-9 and missing == 0


if len(sys.argv) < 2:
    sys.exit(__doc__)
results = [check(path) for path in sys.argv[1:]]
sys.exit(0 if all(results) else 1)
