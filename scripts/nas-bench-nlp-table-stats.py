#!/usr/bin/env python3
"""Facts about the NAS-Bench-NLP table that docs/nas-bench-nlp.md quotes, from files the CLI wrote:
`petridish evaluate ... --all` CSVs (last epoch, min over epochs, epoch 1, epoch 3) and the
ground-truth store they were evaluated into (its details hold each run of a cell trained twice).
With --logs ZIP it also counts the release's logs and their distinct recipe texts in the zip.
Writes a JSON of the figures and prints them.
Usage: scripts/nas-bench-nlp-table-stats.py [--logs ZIP] STORE LAST.csv MIN.csv EPOCH1.csv EPOCH3.csv OUT.json"""
import csv, json, math, sqlite3, statistics, sys, zipfile

from figures import kendall_tau_b

def read(path):
    with open(path, newline='') as f:
        return {row['motif']: float(row['value']) for row in csv.DictReader(f)}

def count_logs(path):
    """The release's logs in the zip, and how many distinct recipe texts they hold."""
    with zipfile.ZipFile(path) as z:
        names = [n for n in z.namelist() if n.rsplit('/', 1)[-1].startswith('log_stats_model_') and n.endswith('.json')]
        recipes = {json.dumps(json.loads(z.read(n))['recepie'], sort_keys=True) for n in names}
    return len(names), len(recipes)

def main():
    args = sys.argv[1:]
    logs = None
    if args[:1] == ['--logs']:
        logs, args = count_logs(args[1]), args[2:]
    if len(args) != 6:
        sys.exit(__doc__)
    store, last_csv, min_csv, e1_csv, e3_csv, out = args
    last, best, e1, e3 = read(last_csv), read(min_csv), read(e1_csv), read(e3_csv)
    values = sorted(last.values())
    db = sqlite3.connect(store)
    repeats = []
    for (details,) in db.execute("select details from evaluations where status = 'completed' and fidelity = 'full' and details is not null"):
        d = json.loads(details)
        runs = [v for k, v in d.items() if k.startswith('run') and k.endswith('_perplexity')]
        if len(runs) > 1 and d.get('epochs') == 50:
            repeats.append([math.log(v) for v in runs])
    unique = {tuple(r) for r in repeats}
    # Within-cell sample standard deviation of the log-perplexity (one value per cell with repeats).
    within = [statistics.stdev(r) for r in unique]
    changed = [m for m in last if abs(best[m] - last[m]) / last[m] > 0.01]
    facts = {
        **({'logs': logs[0], 'recipe_texts': logs[1]} if logs else {}),
        'cells_with_value': len(last),
        'perplexity_min': values[0], 'perplexity_median': statistics.median(values), 'perplexity_max': values[-1],
        'perplexity_quartiles': statistics.quantiles(values, n=4),
        'cells_above_600': sum(v > 600 for v in values),
        'cells_trained_more_than_once': len(unique),
        'repeat_log_perplexity_sd_mean': statistics.mean(within) if within else None,
        'repeat_relative_spread_max': max(math.exp(max(r) - min(r)) - 1 for r in unique) if unique else None,
        'log_perplexity_sd_across_cells': statistics.pstdev([math.log(v) for v in values]),
        'tau_last_vs_min': kendall_tau_b([last[m] for m in last], [best[m] for m in last]),
        'cells_min_differs_over_1pct': len(changed),
        'tau_epoch1_vs_last': kendall_tau_b([e1[m] for m in last if m in e1], [last[m] for m in last if m in e1]),
        'tau_epoch3_vs_last': kendall_tau_b([e3[m] for m in last if m in e3], [last[m] for m in last if m in e3]),
        'best_by_last': min(last, key=last.get), 'best_by_min': min(best, key=best.get),
    }
    json.dump(facts, open(out, 'w'), indent=2)
    for k, v in facts.items():
        print(f'{k}: {v}')

main()
