#!/usr/bin/env python3
"""Keeps every ground-truth evaluation of a search experiment's runs as one CSV, so that the tables
of a doc can be computed from committed data after the run folders are gone: for each run folder
EXPERIMENT_DIR/runs/METHOD/seed-N (a `petridish benchmark` folder; EXPERIMENT_DIR/METHOD-seedN, the layout
of the earlier shell script, is read too), every completed full-fidelity evaluation in the order it was stored
(method, seed, evaluation, motif, value, purpose, iteration, seconds: how long it took when it was
first measured), and each run's wall time from its
report.md (method, seed, wall_seconds). Plain Python.

Usage: scripts/search-evaluations.py EXPERIMENT_DIR EVALUATIONS.csv WALL.csv METHOD..."""
import csv, glob, os, re, sqlite3, sys


def main(args):
    if len(args) < 4:
        sys.exit(__doc__)
    root, evaluations, walls, methods = args[0], args[1], args[2], args[3:]
    with open(evaluations, 'w', newline='') as f, open(walls, 'w', newline='') as w:
        out, wall_out = csv.writer(f, lineterminator='\n'), csv.writer(w, lineterminator='\n')
        out.writerow(['method', 'seed', 'evaluation', 'motif', 'value', 'purpose', 'iteration', 'seconds'])
        wall_out.writerow(['method', 'seed', 'wall_seconds'])
        for method in methods:
            runs = [r for r in glob.glob(os.path.join(root, 'runs', method, 'seed-*')) + glob.glob(os.path.join(root, f'{method}-seed*')) if os.path.isdir(r)]
            if not runs:
                sys.exit(f'no run folders runs/{method}/seed-* or {method}-seed* in {root}')
            def seed_of(run):
                return int(re.search(r'seed-?(\d+)$', run).group(1))
            for run in sorted(runs, key=seed_of):
                seed = seed_of(run)
                db = sqlite3.connect(f"file:{os.path.join(run, 'results.sqlite')}?mode=ro", uri=True)
                rows = db.execute("select motif, value, purpose, iteration, seconds from evaluations "
                                  "where fidelity = 'full' and status = 'completed' order by id").fetchall()
                db.close()
                for n, (motif, value, purpose, iteration, seconds) in enumerate(rows, 1):
                    out.writerow([method, seed, n, motif, repr(value), purpose, iteration, f'{seconds:.1f}'])
                report = os.path.join(run, 'report.md')
                wall = re.search(r'wall time (\d+) s', open(report).read()) if os.path.exists(report) else None
                wall_out.writerow([method, seed, wall.group(1) if wall else ''])
    print(f'wrote {evaluations} and {walls}', file=sys.stderr)


main(sys.argv[1:])
