#!/usr/bin/env python3
"""Tables for docs/activation-expression.md, section 3 (searches compared).

With --runs EXPERIMENT_DIR (the output of scripts/activation-expression-search-experiment.sh) it
first writes docs/data/activation-expression-search-runs.csv: every full-fidelity ground-truth
evaluation of every run, in order (method, seed, evaluation, motif, value or empty if it failed,
purpose). The tables are then computed from that CSV alone, against the named functions
(docs/data/activation-expression-named.csv) and the 200 random ones (-200.csv). ± is the
population standard deviation over seeds. Plain Python.

Usage: scripts/activation-expression-search-table.py [--runs EXPERIMENT_DIR]
"""
import csv
import glob
import os
import re
import sqlite3
import statistics
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "docs", "data")
RUNS_CSV = os.path.join(DATA, "activation-expression-search-runs.csv")
# Each run's wall time after the warm-up, as its report.md gives it.
WALL_CSV = os.path.join(DATA, "activation-expression-search-wall.csv")
METHODS = ["expr-petri-dish-rs", "expr-petri-dish-nao", "expr-nao", "expr-random-search", "expr-partial-evaluation"]
LABELS = {"expr-petri-dish-rs": "Petri dish + random search", "expr-petri-dish-nao": "Petri dish + NAO",
          "expr-nao": "NAO", "expr-random-search": "random search", "expr-partial-evaluation": "partial evaluation"}
CHECKPOINTS = [20, 30, 40, 50, 60]


def export(root):
    walls = []
    with open(RUNS_CSV, "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["method", "seed", "evaluation", "motif", "value", "purpose", "seconds"])
        for method in METHODS:
            # runs/METHOD/seed-N of a `petridish benchmark` folder, or METHOD-seedN of the earlier script
            folders = [r for r in glob.glob(os.path.join(root, "runs", method, "seed-*")) + glob.glob(os.path.join(root, f"{method}-seed*")) if os.path.isdir(r)]
            seed_of = lambda r: int(re.search(r"seed-?(\d+)$", r).group(1))
            for run in sorted(folders, key=seed_of):
                if not os.path.exists(os.path.join(run, "best.json")):
                    continue  # unfinished
                seed = seed_of(run)
                db = sqlite3.connect(os.path.join(run, "results.sqlite"))
                rows = db.execute("select motif, value, status, purpose, seconds from evaluations where fidelity = 'full' order by id").fetchall()
                for i, (motif, value, status, purpose, seconds) in enumerate(rows):
                    out.writerow([method, seed, i + 1, motif, "" if status != "completed" else value, purpose or "", f"{seconds:.2f}"])
                wall = re.search(r"wall time (\d+) s;", open(os.path.join(run, "report.md")).read())
                walls.append([method, seed, wall.group(1) if wall else ""])
    with open(WALL_CSV, "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["method", "seed", "wall_seconds_after_warmup"])
        out.writerows(walls)
    print(f"wrote {RUNS_CSV} and {WALL_CSV}", file=sys.stderr)


def read_values(name):
    with open(os.path.join(DATA, name), newline="") as f:
        return {r["motif"]: float(r["value"]) for r in csv.DictReader(f)}


def mean_sd(values, digits=4):
    return f"{statistics.mean(values):.{digits}f} ± {statistics.pstdev(values):.{digits}f}"


def main():
    if "--runs" in sys.argv:
        export(sys.argv[sys.argv.index("--runs") + 1])
    named = read_values("activation-expression-named.csv")
    random200 = read_values("activation-expression-200.csv")
    relu, swish = named["expr:max(id,zero)"], named["expr:mul(id,sigmoid)"]
    runs = {}
    with open(RUNS_CSV, newline="") as f:
        for r in csv.DictReader(f):
            runs.setdefault(r["method"], {}).setdefault(int(r["seed"]), []).append(r)
    seeds = sorted({s for m in runs.values() for s in m})

    def best_after(rows, n):
        values = [float(r["value"]) for r in rows[:n] if r["value"]]
        return max(values) if values else float("nan")

    print(f"| method | best after 60 evaluations | per seed (best function) | seeds above ReLU ({relu:.4f}) / Swish ({swish:.4f}) | "
          "post-warm-up evaluations that failed | mean of the post-warm-up evaluations that trained |")
    print("|---|---:|---|---:|---:|---:|")
    for method in METHODS:
        if method not in runs:
            continue
        bests, cells, failed, trained = [], [], 0, []
        for seed in seeds:
            rows = runs[method].get(seed)
            if not rows:
                continue
            done = [r for r in rows if r["value"]]
            top = max(done, key=lambda r: float(r["value"]))
            bests.append(float(top["value"]))
            cells.append(f"{float(top['value']):.4f} `{top['motif']}`")
            after = rows[20:]
            failed += sum(1 for r in after if not r["value"])
            trained += [float(r["value"]) for r in after if r["value"]]
        above = f"{sum(b > relu for b in bests)} / {sum(b > swish for b in bests)} of {len(bests)}"
        post = sum(len(runs[method][s][20:]) for s in runs[method])
        print(f"| {LABELS[method]} | {mean_sd(bests)} | {'; '.join(cells)} | {above} | {failed} of {post} | "
              f"{statistics.mean(trained):.4f} |")
    print()
    print("Best accuracy found so far (mean ± population SD over seeds) after each number of ground-truth evaluations:")
    print()
    print("| method | " + " | ".join(str(c) for c in CHECKPOINTS) + " |")
    print("|---|" + "---:|" * len(CHECKPOINTS))
    for method in METHODS:
        if method not in runs:
            continue
        cells = [mean_sd([best_after(runs[method][s], c) for s in seeds if s in runs[method]]) for c in CHECKPOINTS]
        print(f"| {LABELS[method]} | " + " | ".join(cells) + " |")
    print()
    baseline = runs.get("expr-random-search", {})
    print("Paired with random search, seed by seed (same warm-up draws): best after 60 evaluations better / equal / worse:")
    print()
    for method in METHODS:
        if method == "expr-random-search" or method not in runs:
            continue
        pairs = [(best_after(runs[method][s], 60), best_after(baseline[s], 60)) for s in seeds if s in runs[method] and s in baseline]
        wins = sum(a > b for a, b in pairs)
        ties = sum(a == b for a, b in pairs)
        print(f"- {LABELS[method]}: {wins} / {ties} / {len(pairs) - wins - ties}")
    print()
    # A cached evaluation keeps the time measured when the function was first trained.
    seconds = sorted(float(r["seconds"]) for m in runs.values() for rows in m.values() for r in rows if r["value"] and float(r["seconds"]) > 0.5)
    print(f"Time of one full evaluation that trained (as measured when it was first trained; two runs side by side on 2 cores): median {seconds[len(seconds) // 2]:.1f} s over {len(seconds)}.")
    print()
    with open(WALL_CSV, newline="") as f:
        walls = [r for r in csv.DictReader(f) if r["wall_seconds_after_warmup"]]
    print("Wall time of a run after its warm-up, in minutes (report.md; two runs side by side on 2 cores):")
    print()
    for method in METHODS:
        minutes = [int(r["wall_seconds_after_warmup"]) / 60 for r in walls if r["method"] == method]
        if minutes:
            print(f"- {LABELS[method]}: " + ", ".join(f"{m:.1f}" for m in minutes))
    print()
    ordered = sorted(random200.values(), reverse=True)
    print(f"Where the best functions found rank among the {len(random200)} random functions' trained values "
          f"(best {ordered[0]:.4f}; ReLU would rank {1 + sum(v > relu for v in ordered)}, Swish {1 + sum(v > swish for v in ordered)}):")
    print()
    for method in METHODS:
        if method not in runs:
            continue
        ranks = []
        for s in seeds:
            if s in runs[method]:
                b = best_after(runs[method][s], 60)
                ranks.append(1 + sum(v > b for v in ordered))
        print(f"- {LABELS[method]}: {', '.join(str(r) for r in ranks)}")


main()
