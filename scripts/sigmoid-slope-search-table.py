#!/usr/bin/env python3
"""Prints the table of docs/sigmoid-slope-search.md from the runs of scripts/sigmoid-slope-search-experiment.sh:
per method, the best accuracy after the budget (mean ± population standard deviation over seeds, and per
seed with its slope), how many of the full-fidelity evaluations after the warm-up fell in the near-optimal
region 0.2 <= c <= 0.45, the mean accuracy of all of them (in the region or not), and the wall time per run (from each run's report.md).
Usage: scripts/sigmoid-slope-search-table.py EXPERIMENT_DIR [METHOD...]
       (default methods: petri-dish-rs partial-evaluation random-search)"""
import csv, glob, os, re, sqlite3, statistics, sys

PLATEAU = 0.732

def runs_of(root, method):
    runs = [r for r in glob.glob(os.path.join(root, f'{method}-seed*')) if os.path.isdir(r)]
    return sorted(runs, key=lambda r: int(r.rsplit('seed', 1)[1]))

def full_evaluations(run):
    db = sqlite3.connect(os.path.join(run, 'results.sqlite'))
    return list(db.execute("select motif, value, purpose, iteration from evaluations where fidelity = 'full' and status = 'completed' order by id"))

def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    args = sys.argv[2:]
    reference = None
    if '--reference' in args:
        at = args.index('--reference')
        reference, args = args[at + 1], args[:at] + args[at + 2:]
    root, methods = sys.argv[1], args or ['petri-dish-rs', 'partial-evaluation', 'random-search']
    print("| method | best accuracy found after 30 evaluations (mean ± std) | per seed (slope) | post-warm-up evaluations in 0.2 ≤ c ≤ 0.45 | mean accuracy of all post-warm-up evaluations | wall time per run |")
    print("|---|---:|---|---:|---:|---:|")
    for method in methods:
        bests, seeds, inside, values, walls = [], [], 0, [], []
        total = 0
        for run in runs_of(root, method):
            rows = full_evaluations(run)
            best = max(rows, key=lambda r: r[1])
            bests.append(best[1])
            seeds.append(f"{best[1]:.4f} ({best[0].split(':')[1]})")
            for motif, value, purpose, _ in rows:
                if purpose != 'warmup':
                    total += 1
                    values.append(value)
                    if 0.2 <= float(motif.split(':')[1]) <= 0.45:
                        inside += 1
            wall = re.search(r'wall time (\d+) s', open(os.path.join(run, 'report.md')).read())
            if wall:
                walls.append(int(wall.group(1)))
        spread = f"{statistics.mean(bests):.4f} ± {statistics.pstdev(bests):.4f}"
        mean_inside = f"{statistics.mean(values):.3f}" if values else "–"
        wall = f"≈ {statistics.mean(walls):.0f} s" if walls else "–"
        print(f"| {method} | {spread} | {', '.join(seeds)} | {inside} / {total} | {mean_inside} | {wall} |")
    print()
    for method in methods:
        curves = []
        for run in runs_of(root, method):
            best, curve = float('-inf'), []
            for _, value, _, _ in full_evaluations(run):
                best = max(best, value)
                curve.append(best)
            curves.append(curve)
        length = min(len(c) for c in curves)
        reached = [e + 1 for e in range(length) if statistics.mean(c[e] for c in curves) >= PLATEAU]
        print(f"{method}: mean best so far first reaches {PLATEAU} at evaluation {reached[0] if reached else 'never'} (of {length})")
        for run in runs_of(root, method):
            iterations = {}
            for motif, _, purpose, iteration in full_evaluations(run):
                if purpose != 'warmup':
                    iterations.setdefault(iteration, []).append(float(motif.split(':')[1]))
            ranges = '; '.join(f"{i}: {min(c):.2f}-{max(c):.2f}" for i, c in sorted(iterations.items()))
            print(f"  {os.path.basename(run)} slopes evaluated per iteration: {ranges}")
    if reference:
        curve = [(float(r['motif'].split(':')[1]), float(r['value'])) for r in csv.DictReader(open(reference))]
        best = max(v for _, v in curve)
        for tolerance in (0.002, 0.003):
            inside = [c for c, v in curve if v >= best - tolerance]
            print(f"reference: slopes within {tolerance} of the best ({best:.4f}): {min(inside):.2f}-{max(inside):.2f} ({len(inside)} of {len(curve)})")

main()
