#!/usr/bin/env python3
"""Prints a `petridish benchmark`'s arms as the docs' markdown table, from its committed benchmark.json:
final regret (mean [95 % CI], median, SD), regret at checkpoints, evaluations to reach the true top 1 /
top 1 % (median; seeds that never did), the Wilcoxon p against the reference arm, and seconds per search
(of which the surrogate). With --anchors ANCHORS.json (scripts/nas-bench-201-anchors.py) it adds the
independent anchors as rows. Plain Python.
Usage: scripts/search-benchmark-table.py BENCHMARK.json [--anchors ANCHORS.json] [--time]"""
import json, sys


def fmt(value, digits=3):
    return "–" if value is None else f"{value:.{digits}f}"


def main(args):
    if not args:
        sys.exit(__doc__)
    data = json.load(open(args[0]))
    anchors = json.load(open(args[args.index("--anchors") + 1])) if "--anchors" in args else None
    regret = "final_regret" in data["arms"][0]
    key, at = ("final_regret", "regret_at") if regret else ("final_best", "best_at")
    checkpoints = list(data["arms"][0][at].keys())
    if "--time" in args:
        print("| arm | searches | seconds per search: mean (of which the surrogate) | total seconds (all seeds) | screening lookups per search (cost in evaluations) |")
        print("|---|---:|---:|---:|---:|")
        for arm in data["arms"]:
            s = arm["seconds"]
            screening = arm["screening_evaluations"]["mean"]
            cost = f"{screening:.0f} ({arm['cost_in_evaluations']['mean']:.1f})" if screening else "–"
            print(f"| {arm['name']} | {arm['seeds']} | {s['per_search']['mean']:.1f} ({s['surrogate_per_search']['mean']:.1f}) | {s['total']:.0f} | {cost} |")
        return
    measure = "regret" if regret else "best"
    targets = [t for t in ("top 1", "top 10", "top 1 %") if t in data["arms"][0]["evaluations_to_reach"]]
    print(f"| arm | final {measure}: mean [95 % CI] | median | SD |" + "".join(f" {measure} at {c} |" for c in checkpoints)
          + "".join(f" evaluations to {t}: median; never |" for t in targets) + f" Wilcoxon p vs {data['reference_arm']} |")
    print("|---|---:|---:|---:|" + "---:|" * len(checkpoints) + "---:|" * len(targets) + "---:|")
    for arm in data["arms"]:
        final = arm[key]
        w = arm["wilcoxon"]
        p = "reference" if w is None else f"{w['p']:.2g}" + ((" (better)" if w["better"] == arm["name"] else " (worse)") if w["p"] < 0.05 else "")
        reach = "".join(f" {arm['evaluations_to_reach'][t]['median']:g}; {arm['evaluations_to_reach'][t]['never']} |" if arm['evaluations_to_reach'][t]['median'] is not None
                        else f" > {data['evaluations']}; {arm['evaluations_to_reach'][t]['never']} |" for t in targets)
        print(f"| {arm['name']} | {fmt(final['mean'])} [{fmt(final['ci95'][0])}, {fmt(final['ci95'][1])}] | {fmt(final['median'])} | {fmt(final['sd'])} |"
              + "".join(f" {fmt(arm[at][c]['mean'])} |" for c in checkpoints) + reach + f" {p} |")
    expectation = data.get("random_search_expectation")
    if expectation:
        print(f"| uniform random draws, exact expectation | {fmt(expectation[checkpoints[-1]])} | – | – |" + "".join(f" {fmt(expectation[c])} |" for c in checkpoints) + " – |" * len(targets) + " – |")
    if anchors:
        re_mean = anchors["regularized_evolution_mean_regret_100_seeds"]
        print(f"| anchor: regularized evolution in plain Python, 100 seeds | {fmt(re_mean.get(checkpoints[-1]))} | – | – |" + "".join(f" {fmt(re_mean.get(c))} |" for c in checkpoints) + " – |" * len(targets) + " – |")


main(sys.argv[1:])
