#!/usr/bin/env python3
"""Tables and a histogram for docs/activation-expression.md, section 1 (ground truth).

Reads docs/data/activation-expression-{200,named}.csv (motif,value) and -{200,named}-failed.csv
(motif,error) as `petridish evaluate ... --out ... --failed ...` wrote them, and
docs/data/activation-expression-repeats.csv (each evaluation's accuracy per repeat). With
--cache DB it first writes that repeats file from a ground-truth cache. Prints Markdown and writes
docs/images/activation-expression-200.svg. Plain Python.

Usage: scripts/activation-expression-ground-truth.py [--cache DB]
"""
import csv
import json
import math
import os
import sqlite3
import statistics
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "docs", "data")
NAMES = {
    "expr:max(id,zero)": "ReLU", "expr:mul(id,sigmoid)": "Swish", "expr:add(tanh,zero)": "tanh",
    "expr:add(sigmoid,zero)": "sigmoid", "expr:sigmul(sinh,id)": "GELU's closest composition, x·σ(sinh x)",
    "expr:add(id,zero)": "identity", "expr:add(zero,one)": "the constant 1",
}


def read(name, column):
    path = os.path.join(DATA, name)
    with open(path, newline="") as f:
        return {row["motif"]: (float(row[column]) if column == "value" else row[column]) for row in csv.DictReader(f)}


def write_repeats(cache):
    db = sqlite3.connect(cache)
    rows = db.execute("select motif, details from evaluations where status = 'completed' and fidelity = 'full' order by id").fetchall()
    path = os.path.join(DATA, "activation-expression-repeats.csv")
    seen = set()
    with open(path, "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["motif", "repeat", "accuracy"])
        for motif, details in rows:
            if motif in seen or details is None:
                continue
            seen.add(motif)
            d = json.loads(details)
            for r in range(100):
                if f"accuracy_repeat_{r}" not in d:
                    break
                out.writerow([motif, r, d[f"accuracy_repeat_{r}"]])
    print(f"wrote {path}", file=sys.stderr)


def histogram_svg(values, failed, path):
    bins = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.92, 0.94, 0.96, 1.0]
    counts = [sum(1 for v in values if lo <= v < hi) for lo, hi in zip(bins, bins[1:])]
    labels = [f"{lo:.2f}–{hi:.2f}" for lo, hi in zip(bins, bins[1:])] + ["failed"]
    counts.append(failed)
    width, height, left, bottom, top = 760, 340, 50, 70, 30
    bar = (width - left - 20) / len(counts)
    peak = max(counts)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="11">',
             f'<rect width="{width}" height="{height}" fill="white"/>',
             f'<text x="{width / 2}" y="18" text-anchor="middle" font-size="13">Validation accuracy of {len(values) + failed} random composed activations (bins are not equal)</text>']
    for i, (count, label) in enumerate(zip(counts, labels)):
        h = (height - bottom - top) * count / peak
        x = left + i * bar
        y = height - bottom - h
        colour = "#c44" if label == "failed" else "#4878a8"
        parts.append(f'<rect x="{x + 2:.1f}" y="{y:.1f}" width="{bar - 4:.1f}" height="{h:.1f}" fill="{colour}"/>')
        parts.append(f'<text x="{x + bar / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle">{count}</text>')
        parts.append(f'<text transform="translate({x + bar / 2:.1f},{height - bottom + 12}) rotate(40)" text-anchor="start">{label}</text>')
    parts.append(f'<line x1="{left}" y1="{height - bottom}" x2="{width - 20}" y2="{height - bottom}" stroke="black"/>')
    parts.append(f'<text transform="translate(14,{(height - bottom + top) / 2}) rotate(-90)" text-anchor="middle">functions</text>')
    parts.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(parts) + "\n")
    print(f"wrote {path}", file=sys.stderr)


def main():
    if "--cache" in sys.argv:
        write_repeats(sys.argv[sys.argv.index("--cache") + 1])
    values = read("activation-expression-200.csv", "value")
    failed = read("activation-expression-200-failed.csv", "error")
    named = read("activation-expression-named.csv", "value")
    named_failed = read("activation-expression-named-failed.csv", "error")
    repeats = {}
    with open(os.path.join(DATA, "activation-expression-repeats.csv"), newline="") as f:
        for row in csv.DictReader(f):
            repeats.setdefault(row["motif"], []).append(float(row["accuracy"]))

    ordered = sorted(values.values(), reverse=True)
    total = len(values) + len(failed)

    def rank(v):
        return 1 + sum(1 for w in ordered if w > v)

    print("| function | key | accuracy (mean of 3 repeats) | SD between repeats | rank among the "
          f"{total} random functions |")
    print("|---|---|---|---|---|")
    for key, name in NAMES.items():
        if key in named:
            sd = statistics.pstdev(repeats[key]) if key in repeats else float("nan")
            r = rank(named[key])
            print(f"| {name} | `{key}` | {named[key]:.4f} | {sd:.4f} | {r} (top {100 * r / total:.0f} %) |")
        else:
            print(f"| {name} | `{key}` | failed: {named_failed.get(key, '?')} | | |")
    print()

    def q(p):
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))]

    chance = sum(1 for v in values.values() if v < 0.2)
    print(f"- {total} random functions (uniform over distinct functions, manifest seed): {len(failed)} failed "
          f"({100 * len(failed) / total:.0f} %), {len(values)} trained; of these {chance} stay near chance (< 0.2).")
    print(f"- Accuracy of the trained ones: best {ordered[0]:.4f}, top quarter from {q(0.25):.4f}, median {q(0.5):.4f}, "
          f"bottom quarter below {q(0.75):.4f}; the top quarter of all {total} (failures at the bottom) starts at rank "
          f"{math.ceil(total / 4)}: {ordered[math.ceil(total / 4) - 1]:.4f}.")
    sds = [statistics.pstdev(v) for k, v in repeats.items() if k in values and len(v) > 1 and statistics.mean(v) > 0.5]
    if sds:
        sds.sort()
        print(f"- Noise: the SD between a function's 3 repeats (population SD), over the {len(sds)} trained functions above 0.5: "
              f"median {sds[len(sds) // 2]:.4f}, 90th percentile {sds[int(0.9 * len(sds))]:.4f}; the value is the mean of the "
              f"3 repeats, so its own SD is about {sds[len(sds) // 2] / math.sqrt(3):.4f}.")
    reasons = {}
    for error in failed.values():
        reason = "loss became NaN/∞ during training" if "training loss became" in error else (
            "outputs on validation images not finite" if "not finite" in error else error[:60])
        reasons[reason] = reasons.get(reason, 0) + 1
    print("- Failures: " + "; ".join(f"{n} × {r}" for r, n in sorted(reasons.items(), key=lambda p: -p[1])) + ".")
    print()
    print("Ten best of the random functions:")
    print()
    print("| rank | key | accuracy |")
    print("|---|---|---|")
    for i, (key, v) in enumerate(sorted(values.items(), key=lambda p: -p[1])[:10]):
        print(f"| {i + 1} | `{key}` | {v:.4f} |")
    histogram_svg(list(values.values()), len(failed), os.path.join(ROOT, "docs", "images", "activation-expression-200.svg"))


main()
