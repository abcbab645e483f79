#!/usr/bin/env python3
"""The tables of issue 25's measurements of the Petri dish (docs/sigmoid-slope-surrogates.md,
docs/nas-bench-nlp.md), from the files scripts/sigmoid-slope-robustness.sh and
scripts/nas-bench-nlp-robust.sh keep in docs/data. ± is the population standard deviation.

  --figure1 NAME=COMPARE.json...   per curve, the default dish against one dish (official settings):
                                   τ below the training range per seed, its mean and worst, top-1 picks
  --criteria NAME=COMPARE.json...  the issue's Figure-1 criteria for the default dish over all the files
  --cv NAME=COMPARE.json...        5-fold cross-validation: each surrogate's τ per fold
  --whole CURVE.csv=RANK.json...   the top-ranked of 2,000 random slopes and its true rank on the curve
  --splits COMPARE.json...         the official split (18 random training slopes): τ, τ below and pick per seed
  --diagnosis MANAGED.csv LIBTORCH.csv   one dish through both paths: where their traces part, and how
                                   each seed's test ranking moves during the fit
  --members MEMBERS.csv            the member statistics (what becomes of a dish during its fit)
  --members-csv OUT.csv NAME=TRACE.csv...  writes MEMBERS.csv from compare --trace files of ten dishes per seed
  --nlp ROBUST.csv                 NAS-Bench-NLP: the untrained ensemble as combined before and now against
                                   least squares on op counts, split by split
Usage: scripts/dish-robustness-tables.py MODE ARGS..."""
import collections, csv, json, statistics, sys

from figures import mean_sd

FITTED = 0.2          # held-out mismatch at most this (correlation at least 0.9): minimumFit's default
HELD_OUT_INTERVAL = 4  # the dish checks its held-out motifs every 4th outer step (DishTrainer.HeldOutInterval)


def fmt(value, digits=3):
    return f"{value:.{digits}f}".replace('-', '−')


def named(args):
    return [tuple(a.split('=', 1)) for a in args]


def surrogate(data, name):
    return next(s for s in data['surrogates'] if s['id'] == name)


def slope(motif):
    return float(motif.split(':')[1])


def figure1(args):
    print("| curve | dish | τ below the range, per seed | mean | worst | top-1 in the true top 5 | τ (all test slopes): mean, worst |")
    print("|---|---|---|---:|---:|---:|---:|")
    for name, path in named(args):
        data = json.load(open(path))
        for dish in ('petri-dish', 'one-dish'):
            s = surrogate(data, dish)
            below = s['kendall_tau_below']['values']
            top5 = sum(1 for p in s['top1'] if p['true_rank'] <= 5)
            tau = s['kendall_tau']['values']
            print(f"| {name} | {dish} | {', '.join(fmt(v) for v in below)} | {fmt(statistics.mean(below))} | {fmt(min(below))} | "
                  f"{top5} of {len(below)} | {fmt(statistics.mean(tau))}, {fmt(min(tau))} |")


def criteria(args):
    below, top5, seeds = [], 0, 0
    for _, path in named(args):
        s = surrogate(json.load(open(path)), 'petri-dish')
        below += s['kendall_tau_below']['values']
        top5 += sum(1 for p in s['top1'] if p['true_rank'] <= 5)
        seeds += len(s['top1'])
    print(f"- no seed with τ below the training range under 0.7: {'met' if min(below) >= 0.7 else 'not met'} (worst {fmt(min(below))} of {len(below)} seeds)")
    print(f"- mean τ below at least 0.9: {'met' if statistics.mean(below) >= 0.9 else 'not met'} ({fmt(statistics.mean(below))})")
    print(f"- top-1 within the true top 5 in at least 28 of 30 seeds: {'met' if top5 >= 28 else 'not met'} ({top5} of {seeds})")


def cv(args):
    print("| curve | surrogate | Kendall τ per fold | mean ± SD | worst fold |")
    print("|---|---|---|---:|---:|")
    for name, path in named(args):
        data = json.load(open(path))
        for s in data['surrogates']:
            tau = s['kendall_tau']['values']
            print(f"| {name} | {s['id']} | {', '.join(fmt(v) for v in tau)} | {mean_sd(tau, 3).replace('-', '−')} | {fmt(min(tau))} |")


def whole(args):
    print("| curve | dish | seed | top-ranked slope | its true rank on the curve (nearest point) | kept dishes | predicted beyond every observation |")
    print("|---|---|---:|---:|---:|---|---:|")
    for curve_path, path in named(args):
        points = [(slope(r['motif']), float(r['value'])) for r in csv.DictReader(open(curve_path))]
        order = sorted(points, key=lambda p: -p[1])
        rank = json.load(open(path))
        top = slope(rank['top'][0]['motif'])
        nearest = min(points, key=lambda p: abs(p[0] - top))
        seed = path.rsplit('-', 1)[1].split('.')[0]
        curve_name = curve_path.rsplit('/', 1)[-1].replace('sigmoid-slope-', '').replace('.csv', '')
        print(f"| {curve_name} | {rank['surrogate']} | {seed} | {top:.4f} | {order.index(nearest) + 1} of {len(points)} | "
              f"{(rank['fit'] or {}).get('summary') or 'one dish'} | {rank['predicted_beyond_observed']} |")


def splits(args):
    print("| split | default dish: τ per seed | worst | τ below per seed | picks (true rank of 83) | one dish: τ per seed | worst | τ below per seed | picks |")
    print("|---|---|---:|---|---|---|---:|---|---|")
    for path in args:
        data = json.load(open(path))
        cells = []
        for dish in ('petri-dish', 'one-dish'):
            s = surrogate(data, dish)
            cells += [', '.join(fmt(v) for v in s['kendall_tau']['values']), fmt(min(s['kendall_tau']['values'])),
                      ', '.join(fmt(v) for v in s['kendall_tau_below']['values']),
                      ', '.join(f"{slope(p['motif']):.2f} ({p['true_rank']})" for p in s['top1'])]
        print(f"| {path.rsplit('-', 1)[1].split('.')[0]} | " + " | ".join(cells) + " |")
    for dish in ('petri-dish', 'one-dish'):
        tau = [v for path in args for v in surrogate(json.load(open(path)), dish)['kendall_tau']['values']]
        print(f"\n{dish}: τ over all {len(tau)} fits {mean_sd(tau, 3).replace('-', '−')}, worst {fmt(min(tau))}", end='')
    print()


def read_trace(path):
    rows = collections.defaultdict(dict)
    for r in csv.DictReader(open(path)):
        rows[(int(r['seed']), int(r['member']))][int(r['step'])] = r
    return rows


def f(row, key):
    return float(row[key]) if row[key] != '' else float('nan')


def diagnosis(managed_path, libtorch_path):
    managed, libtorch = read_trace(managed_path), read_trace(libtorch_path)
    print("| seed | outer steps until the paths' outer losses differ by 1 % | by 10 % | test τ at step 0, 10, 20, 40, 80 (managed) | (libtorch) | final τ below / above (managed) | (libtorch) |")
    print("|---:|---:|---:|---|---|---|---|")
    for key in sorted(managed):
        a, b = managed[key], libtorch[key]

        def parted(fraction):
            for step in sorted(a):
                x, y = f(a[step], 'learned_mismatch'), f(b[step], 'learned_mismatch')
                if abs(x - y) > fraction * max(abs(x), abs(y), 1e-12):
                    return str(step)
            return 'never'

        def taus(t):
            return ', '.join(fmt(f(t[s], 'test_kendall_tau'), 2) for s in (0, 10, 20, 40, 80) if s in t)

        last = max(a)
        print(f"| {key[0]} | {parted(0.01)} | {parted(0.1)} | {taus(a)} | {taus(b)} | "
              f"{fmt(f(a[last], 'test_kendall_tau_below'), 2)} / {fmt(f(a[last], 'test_kendall_tau_above'), 2)} | "
              f"{fmt(f(b[last], 'test_kendall_tau_below'), 2)} / {fmt(f(b[last], 'test_kendall_tau_above'), 2)} |")


def members_csv(out, args):
    fields = ['curve', 'seed', 'member', 'target', 'start_train_tau', 'start_mismatch', 'step20_mismatch', 'kept_step',
              'kept_held_out_mismatch', 'fitted', 'kept_test_tau', 'kept_tau_below', 'kept_tau_above', 'last_test_tau', 'best_test_tau', 'best_test_step']
    with open(out, 'w', newline='') as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator='\n')
        writer.writeheader()
        for name, path in named(args):
            for (seed, member), steps in sorted(read_trace(path).items()):
                last = max(steps)
                checked = [s for s in sorted(steps) if s % HELD_OUT_INTERVAL == 0 or s == last]
                kept = min(checked, key=lambda s: (f(steps[s], 'held_out_mismatch'), s))
                best = max(sorted(steps), key=lambda s: f(steps[s], 'test_kendall_tau'))
                row = steps[kept]
                writer.writerow({
                    'curve': name, 'seed': seed, 'member': member, 'target': 'values' if member % 2 == 0 else 'ranks',
                    'start_train_tau': f"{f(steps[0], 'train_kendall_tau'):.4f}", 'start_mismatch': f"{f(steps[0], 'learned_mismatch'):.4f}",
                    'step20_mismatch': f"{f(steps[min(20, last)], 'learned_mismatch'):.4f}", 'kept_step': kept,
                    'kept_held_out_mismatch': f"{f(row, 'held_out_mismatch'):.4f}", 'fitted': int(f(row, 'held_out_mismatch') <= FITTED),
                    'kept_test_tau': f"{f(row, 'test_kendall_tau'):.4f}", 'kept_tau_below': f"{f(row, 'test_kendall_tau_below'):.4f}",
                    'kept_tau_above': f"{f(row, 'test_kendall_tau_above'):.4f}", 'last_test_tau': f"{f(steps[last], 'test_kendall_tau'):.4f}",
                    'best_test_tau': f"{f(steps[best], 'test_kendall_tau'):.4f}", 'best_test_step': best,
                })


def members(path):
    rows = list(csv.DictReader(open(path)))
    n = len(rows)

    def share(predicate, among=None):
        pool = [r for r in rows if among is None or among(r)]
        count = sum(1 for r in pool if predicate(r))
        return f"{count} of {len(pool)} ({100 * count / max(1, len(pool)):.0f} %)"

    fitted = lambda r: r['fitted'] == '1'
    print(f"- dishes: {n} ({len({(r['curve'], r['seed']) for r in rows})} fits of 10 on {len({r['curve'] for r in rows})} curve(s), values and rank targets alternating)")
    print(f"- as drawn, the dish ranks its training slopes backwards (Kendall τ below −0.5): {share(lambda r: float(r['start_train_tau']) < -0.5)}; "
          f"its outer loss near the maximum of 4 (above 3): {share(lambda r: float(r['start_mismatch']) > 3)}")
    print(f"- still near that start after 20 outer steps (outer loss above 1): {share(lambda r: float(r['step20_mismatch']) > 1)}; "
          f"of those, fitted their held-out slopes in the end: {share(fitted, lambda r: float(r['step20_mismatch']) > 1)}")
    for target in ('values', 'ranks'):
        print(f"- {target} target: fitted (held-out correlation at least 0.9) {share(fitted, lambda r: r['target'] == target)}")
    print(f"- fitted, yet ranking the slopes left of the training range backwards (τ below under 0): {share(lambda r: float(r['kept_tau_below']) < 0, fitted)}; "
          f"the right side (τ above under 0): {share(lambda r: float(r['kept_tau_above']) < 0, fitted)}")
    print(f"- fitted, with test τ at the kept step under 0.5: {share(lambda r: float(r['kept_test_tau']) < 0.5, fitted)}")
    drop = [float(r['best_test_tau']) - float(r['last_test_tau']) for r in rows if fitted(r)]
    print(f"- fitted dishes' test τ at their best outer step minus at the last: mean {fmt(statistics.mean(drop))}, "
          f"more than 0.1 in {sum(1 for d in drop if d > 0.1)} of {len(drop)}")


def nlp(path):
    rows = list(csv.DictReader(open(path)))
    by = collections.defaultdict(dict)
    for r in rows:
        by[r['surrogate']][r['run']] = float(r['kendall_tau'])
    runs = sorted(by['untrained-16'], key=lambda run: int(run.replace('seed', '')))
    names = ['untrained-16-mean', 'untrained-16', 'linear-op-counts', 'linear']
    print("| split | " + " | ".join(names) + " |")
    print("|---|" + "---:|" * len(names))
    for run in runs:
        print(f"| {run.replace('seed', '')} | " + " | ".join(fmt(by[name][run]) for name in names) + " |")
    print("| mean ± SD | " + " | ".join(mean_sd([by[name][run] for run in runs], 3).replace('-', '−') for name in names) + " |")
    for dish in ('untrained-16', 'untrained-16-mean'):
        below = [run for run in runs if by[dish][run] < by['linear-op-counts'][run]]
        print(f"\n{dish}: below least squares on op counts in {len(below)} of {len(runs)} splits"
              + (f" ({', '.join(run.replace('seed', 'split ') for run in below)})" if below else ""), end='')
    better = sum(1 for run in runs if by['untrained-16'][run] >= by['untrained-16-mean'][run])
    print(f"\nuntrained-16 at least as good as untrained-16-mean in {better} of {len(runs)} splits")


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    mode, args = sys.argv[1], sys.argv[2:]
    if mode == '--figure1':
        figure1(args)
    elif mode == '--criteria':
        criteria(args)
    elif mode == '--cv':
        cv(args)
    elif mode == '--whole':
        whole(args)
    elif mode == '--splits':
        splits(args)
    elif mode == '--diagnosis':
        diagnosis(*args)
    elif mode == '--members':
        members(args[0])
    elif mode == '--members-csv':
        members_csv(args[0], args[1:])
    elif mode == '--nlp':
        nlp(args[0])
    else:
        sys.exit(__doc__)


if __name__ == '__main__':
    main()
