#!/usr/bin/env python3
"""The table and the figures of docs/sigmoid-slope-ground-truth.md, from the curves
scripts/sigmoid-slope-ground-truth.sh wrote: docs/data/sigmoid-slope-{full-mnist,embedded}-{21,101}.csv,
docs/data/sigmoid-slope-full-mnist-21-10-epochs.csv (motif,value), the 101-point curves measured again
(docs/data/sigmoid-slope-*-101-rerun-2026-12-02.csv) and docs/data/sigmoid-slope-repeats.csv
(curve,motif,repeat,accuracy,seconds: the evaluation's seconds over its runs). With --cache DB it first writes that repeats file from the ground-truth
cache the evaluations went to. Plain Python.

Usage: scripts/sigmoid-slope-ground-truth-table.py [--cache DB]"""
import csv, json, os, sqlite3, statistics, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, 'docs', 'data')
CURVES = {  # the repeats file's curve name -> the file holding its means
    'full-mnist': 'sigmoid-slope-full-mnist-101.csv',
    'embedded': 'sigmoid-slope-embedded-101.csv',
    'full-mnist-10-epochs': 'sigmoid-slope-full-mnist-21-10-epochs.csv',
}


def read(name):
    with open(os.path.join(DATA, name), newline='') as f:
        return {float(row['motif'].split(':')[1]): float(row['value']) for row in csv.DictReader(f)}


def write_repeats(cache):
    """Every run's accuracy, for each curve's configuration: the configuration whose means are a curve's
    (to 1e-3: a rerun on another machine may differ in the last image of a run)."""
    means = {curve: read(name) for curve, name in CURVES.items()}
    db = sqlite3.connect(f'file:{cache}?mode=ro', uri=True)
    rows = db.execute("select configuration, fidelity, motif, value, details, seconds from evaluations "
                      "where status = 'completed' order by id").fetchall()
    by_configuration = {}   # a fidelity (10 epochs instead of 5) is another curve of the same configuration
    for configuration, fidelity, motif, value, details, seconds in rows:
        by_configuration.setdefault((configuration, fidelity), {})[float(motif.split(':')[1])] = (value, json.loads(details), seconds)
    path = os.path.join(DATA, 'sigmoid-slope-repeats.csv')
    with open(path, 'w', newline='') as f:
        out = csv.writer(f, lineterminator='\n')
        out.writerow(['curve', 'motif', 'repeat', 'accuracy', 'seconds'])
        for curve, curve_means in means.items():
            configuration = next((c for c, evaluations in by_configuration.items()
                                  if all(abs(evaluations.get(s, (float('nan'),))[0] - v) < 1e-3 for s, v in curve_means.items())), None)
            if configuration is None:
                sys.exit(f'{cache} holds no configuration whose values are those of {CURVES[curve]}')
            for slope in sorted(curve_means):
                _, details, seconds = by_configuration[configuration][slope]
                runs = sum(1 for r in range(100) if f'accuracy_repeat_{r}' in details)
                for r in range(runs):
                    out.writerow([curve, f'sigmoid-slope:{slope:g}', r, details[f'accuracy_repeat_{r}'], f'{seconds / runs:.2f}'])
    print(f'wrote {path}', file=sys.stderr)


def peak(curve):
    best = max(curve, key=curve.get)
    return best, curve[best]


def plateau(curve, within):
    """The smallest and largest slope whose accuracy lies within `within` of the best."""
    _, top = peak(curve)
    near = [s for s, v in curve.items() if v >= top - within]
    return min(near), max(near)


def compare_rerun(name, committed, rerun):
    same = sum(1 for c in committed if abs(committed[c] - rerun[c]) < 1e-12)
    differ = [f'c = {c:.2f}: {committed[c]:.5f} → {rerun[c]:.5f}' for c in sorted(committed) if abs(committed[c] - rerun[c]) >= 1e-12]
    print(f'- Rerun of the {name} curve at commit cd21f3b on an Intel Xeon (the committed curve is from an earlier '
          f'commit and machine): {same} of {len(committed)} values identical to the last bit' + (f'; {"; ".join(differ)}.' if differ else '.'))


def main():
    if '--cache' in sys.argv:
        write_repeats(sys.argv[sys.argv.index('--cache') + 1])
    full, embedded = read('sigmoid-slope-full-mnist-21.csv'), read('sigmoid-slope-embedded-21.csv')
    full101, embedded101 = read('sigmoid-slope-full-mnist-101.csv'), read('sigmoid-slope-embedded-101.csv')
    longer = read('sigmoid-slope-full-mnist-21-10-epochs.csv')
    best, _ = peak(full)

    print('| slope c | full MNIST (50k/10k) | embedded subset (10k/2k) |')
    print('|---:|---:|---:|')
    for slope in sorted(full):
        cells = [f'{slope:.2f}', f'{full[slope]:.4f}', f'{embedded[slope]:.4f}']
        print('| ' + ' | '.join(f'**{c}**' if slope == best else c for c in cells) + ' |')
    print()

    def facts(name, grid21, grid101):
        low, high = min(grid21), max(grid21)
        c21, v21 = peak(grid21)
        c101, v101 = peak(grid101)
        a2, b2 = plateau(grid101, 0.002)
        a3, b3 = plateau(grid101, 0.003)
        print(f'- {name}: {grid21[low]:.4f} at c = {low:.2f}, peak {v21:.4f} at c = {c21:.2f} on the 21-point grid '
              f'({v101:.4f} at c = {c101:.2f} on the 101-point grid, where {a2:.2f}–{b2:.2f} lie within 0.002 of it '
              f'and {a3:.2f}–{b3:.2f} within 0.003), {grid21[high]:.4f} at c = {high:.2f}: '
              f'{100 * (v21 - grid21[high]):.1f} points below the peak.')

    facts('Full MNIST, 5 epochs', full, full101)
    facts('Embedded subset, 5 epochs', embedded, embedded101)
    c10, v10 = peak(longer)
    print(f'- Full MNIST, 10 epochs (21-point grid): peak {v10:.4f} at c = {c10:.2f}; at c = {best:.2f} {longer[best]:.4f} '
          f'(5 epochs: {full[best]:.4f}); at c = 0.41 {longer[0.41]:.4f}; at c = 2.01 {longer[2.01]:.4f} (5 epochs: {full[2.01]:.4f}): '
          f'{100 * (v10 - longer[2.01]):.1f} points below the peak (5 epochs: {100 * (peak(full)[1] - full[2.01]):.1f}).')

    repeats, seconds = {}, {}
    with open(os.path.join(DATA, 'sigmoid-slope-repeats.csv'), newline='') as f:
        for row in csv.DictReader(f):
            repeats.setdefault(row['curve'], {}).setdefault(row['motif'], []).append(float(row['accuracy']))
            seconds.setdefault(row['curve'], []).append(float(row['seconds']))
    compare_rerun('full-MNIST', full101, read('sigmoid-slope-full-mnist-101-rerun-2026-12-02.csv'))
    compare_rerun('embedded-subset', embedded101, read('sigmoid-slope-embedded-101-rerun-2026-12-02.csv'))
    for curve, name in (('full-mnist', 'full MNIST'), ('embedded', 'the embedded subset')):
        sds = [statistics.pstdev(runs) for runs in repeats[curve].values()]
        per_slope = len(next(iter(repeats[curve].values())))
        print(f'- Run-to-run noise on {name}: the population SD between a slope\'s {per_slope} runs, over the '
              f'{len(sds)} slopes of the 101-point grid: median {statistics.median(sds):.4f}, largest {max(sds):.4f}; '
              f'one run took {statistics.median(seconds[curve]):.1f} s (median; one core, with other work on the other core).')


if __name__ == '__main__':
    main()
