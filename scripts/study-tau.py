#!/usr/bin/env python3
"""Recomputes every Kendall τ of a predictor study from its committed per-motif data: the test motifs'
true values (test.csv) and every fit's scores of them (predictions.csv, or predictions.csv.gz), and
compares each with the τ study.csv reports. Kendall τ-b by Knight's O(n log n) algorithm, ties handled
as in PetriDish's RankMetrics. Prints one line per surrogate and training size, and the largest
difference; exits 1 if a recomputed τ differs from study.csv's by more than 1e-9. Plain Python.
Usage: scripts/study-tau.py STUDY_DIR"""
import csv, gzip, json, os, sys
from collections import defaultdict


def tau_b(x, y):
    n = len(x)
    pairs = sorted(zip(x, y))
    def tied(values):
        total, run = 0, 1
        for a, b in zip(values, values[1:]):
            if a == b:
                run += 1
            else:
                total += run * (run - 1) // 2
                run = 1
        return total + run * (run - 1) // 2
    xs = [p[0] for p in pairs]
    t_x = tied(xs)
    # pairs tied in both x and y
    t_xy, run = 0, 1
    for a, b in zip(pairs, pairs[1:]):
        if a == b:
            run += 1
        else:
            t_xy += run * (run - 1) // 2
            run = 1
    t_xy += run * (run - 1) // 2
    ys = [p[1] for p in pairs]
    # count discordant pairs by merge sort of y (x already sorted, ties in x sorted by y)
    swaps = 0
    def sort(a):
        nonlocal swaps
        if len(a) < 2:
            return a
        mid = len(a) // 2
        left, right = sort(a[:mid]), sort(a[mid:])
        merged, i, j = [], 0, 0
        while i < len(left) and j < len(right):
            if right[j] < left[i]:
                merged.append(right[j]); swaps += len(left) - i; j += 1
            else:
                merged.append(left[i]); i += 1
        return merged + left[i:] + right[j:]
    sorted_y = sort(ys)
    t_y = tied(sorted_y)
    n0 = n * (n - 1) // 2
    concordant_minus_discordant = n0 - t_x - t_y + t_xy - 2 * swaps
    denominator = ((n0 - t_x) * (n0 - t_y)) ** 0.5
    return float('nan') if denominator == 0 else concordant_minus_discordant / denominator


def main(folder):
    goal = json.load(open(os.path.join(folder, 'study.json')))['goal']
    sign = 1 if goal == 'maximize' else -1
    truth = [sign * float(r['value']) for r in csv.DictReader(open(os.path.join(folder, 'test.csv'), newline=''))]
    path = os.path.join(folder, 'predictions.csv')
    opener = (lambda: gzip.open(path + '.gz', 'rt', newline='')) if not os.path.exists(path) else (lambda: open(path, newline=''))
    scores = defaultdict(lambda: [0.0] * len(truth))
    with opener() as f:
        for r in csv.DictReader(f):
            scores[(r['surrogate'], int(r['train']), int(r['seed']))][int(r['index'])] = float(r['score'])
    reported = {(r['surrogate'], int(r['train']), int(r['seed'])): float(r['kendall_tau']) for r in csv.DictReader(open(os.path.join(folder, 'study.csv'), newline=''))}
    worst, rows = 0.0, defaultdict(list)
    for key, tau in reported.items():
        recomputed = tau_b(truth, scores[key])
        worst = max(worst, abs(recomputed - tau))
        rows[key[:2]].append(recomputed)
    for (surrogate, train), taus in rows.items():
        print(f'{surrogate} @ {train}: τ recomputed per seed {", ".join(f"{t:.3f}" for t in taus)}')
    print(f'{len(reported)} fits; largest difference from study.csv {worst:.2e}')
    sys.exit(1 if worst > 1e-9 else 0)


if len(sys.argv) != 2:
    sys.exit(__doc__)
main(sys.argv[1])
