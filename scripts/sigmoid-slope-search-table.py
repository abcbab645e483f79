#!/usr/bin/env python3
"""Prints the table of docs/sigmoid-slope-search.md from the runs of scripts/sigmoid-slope-search-experiment.sh:
per method, the best accuracy after the budget (mean ± population standard deviation over seeds, and per
seed with its slope), how many of the full-fidelity evaluations after the warm-up fell in the near-optimal
region 0.2 <= c <= 0.45, the mean accuracy of all of them (in the region or not), and the wall time per run (from each run's report.md).
Usage: scripts/sigmoid-slope-search-table.py EXPERIMENT_DIR [METHOD...]
       (default methods: petri-dish-rs partial-evaluation random-search)"""
import glob, os, re, sqlite3, statistics, sys

def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    root, methods = sys.argv[1], sys.argv[2:] or ['petri-dish-rs', 'partial-evaluation', 'random-search']
    print("| method | best accuracy found after 30 evaluations (mean ± std) | per seed (slope) | post-warm-up evaluations in 0.2 ≤ c ≤ 0.45 | mean accuracy of all post-warm-up evaluations | wall time per run |")
    print("|---|---:|---|---:|---:|---:|")
    for method in methods:
        bests, seeds, inside, values, walls = [], [], 0, [], []
        total = 0
        runs = [r for r in glob.glob(os.path.join(root, f'{method}-seed*')) if os.path.isdir(r)]
        for run in sorted(runs, key=lambda r: int(r.rsplit('seed', 1)[1])):
            db = sqlite3.connect(os.path.join(run, 'results.sqlite'))
            rows = list(db.execute("select motif, value, purpose from evaluations where fidelity = 'full' and status = 'completed'"))
            best = max(rows, key=lambda r: r[1])
            bests.append(best[1])
            seeds.append(f"{best[1]:.4f} ({best[0].split(':')[1]})")
            for motif, value, purpose in rows:
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

main()
