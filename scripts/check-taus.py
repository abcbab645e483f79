#!/usr/bin/env python3
"""Checks that every Kendall τ the committed data report can be recomputed from committed per-motif
scores (issue 28): each `petridish compare` output under docs/data (a JSON with surrogates and their
fits) against its NAME-scores.csv, each collected CSV of τ per run (a kendall_tau column) against its
NAME-scores.csv.gz (scripts/compare-tau.py), and each predictor study (study.json) against its
test.csv and predictions.csv.gz (scripts/study-tau.py). Lists what has no scores; exits 1 if anything
lacks them or a recomputed τ differs. Plain Python. Usage: scripts/check-taus.py [--root DIR]"""
import csv, json, os, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))


def compare_outputs(data):
    for folder, _, files in os.walk(data):
        for name in sorted(files):
            path = os.path.join(folder, name)
            if name.endswith('.json') and name != 'study.json':
                try:
                    content = json.load(open(path))
                except (ValueError, UnicodeDecodeError):
                    continue
                if isinstance(content, dict) and isinstance(content.get('surrogates'), list) and \
                        all(isinstance(s, dict) and 'kendall_tau' in s for s in content['surrogates']):
                    yield 'compare', path
            elif name == 'study.json':
                yield 'study', folder
            elif name.endswith('.csv') and not name.endswith('-scores.csv'):
                with open(path, newline='') as f:
                    header = next(csv.reader(f), [])
                if 'kendall_tau' in header and ('seed_index' in header or 'split' in header):
                    yield 'collected', path


def main(argv):
    root = argv[argv.index('--root') + 1] if '--root' in argv else os.path.dirname(HERE)
    data = os.path.join(root, 'docs', 'data')
    missing, failed, checked = [], [], 0
    for kind, path in compare_outputs(data):
        shown = os.path.relpath(path, root)
        if kind == 'compare':
            stem = os.path.join(os.path.dirname(path), 'test') if os.path.basename(path) == 'compare.json' else path[:-len('.json')]
            has = any(os.path.exists(stem + suffix) for suffix in ('-scores.csv', '-scores.csv.gz'))
            command = [sys.executable, os.path.join(HERE, 'compare-tau.py'), path]
        elif kind == 'collected':
            has = os.path.exists(path[:-len('.csv')] + '-scores.csv.gz')
            command = [sys.executable, os.path.join(HERE, 'compare-tau.py'), '--collected', path]
        else:
            has = os.path.exists(os.path.join(path, 'test.csv')) and any(
                os.path.exists(os.path.join(path, p)) for p in ('predictions.csv', 'predictions.csv.gz'))
            command = [sys.executable, os.path.join(HERE, 'study-tau.py'), path]
        if not has:
            missing.append(shown)
            continue
        done = subprocess.run(command, capture_output=True, text=True)
        checked += 1
        if done.returncode != 0:
            failed.append(f'{shown}: {(done.stdout + done.stderr).strip().splitlines()[-1]}')
    for path in missing:
        print(f'no per-motif scores: {path}')
    for line in failed:
        print(f'τ not recomputed: {line}')
    print(f'{checked} τ sources recomputed from their scores, {len(failed)} differ, {len(missing)} without scores')
    return 1 if missing or failed else 0


sys.exit(main(sys.argv[1:]))
