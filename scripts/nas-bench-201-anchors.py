#!/usr/bin/env python3
"""Independent anchors for the NAS-Bench-201 benchmark, straight from the table (no PetriDish code):
random search's exact expected regret (order statistics of the table, draws without replacement) and
regularized evolution simulated in plain Python (population 10, sample 3 without replacement, one-edge
mutation to another op, the oldest removed; 10 random warm-up cells form the first population; 100 seeds).
Regret: the table's best 200-epoch validation accuracy minus the best found, in accuracy points.
Usage: scripts/nas-bench-201-anchors.py > docs/data/nas-bench-201-anchors.json"""
import csv, json, random, statistics, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
table = root / "plugins/PetriDish.Plugins.SearchSpace.NasBench201/Data/cifar10-valid.csv"
values = {}
with open(table, newline="") as f:
    for row in csv.DictReader(f):
        values[row["arch"]] = float(row["valid_accuracy_200"])
optimum = max(values.values())
ordered = sorted(values.values(), reverse=True)
cells = sorted(values)
checkpoints = [50, 100, 150]


def expected_random_regret(n):
    count, p, expected = len(ordered), n / len(ordered), 0.0
    for k in range(1, count - n + 2):
        expected += p * (optimum - ordered[k - 1])
        if count - k > 0:
            p *= (count - k - n + 1) / (count - k)
    return expected


OPS = ["none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"]


def edges(arch):
    return [tok.split("~")[0] for node in arch.strip("|").split("|+|") for tok in node.split("|")]


def arch_of(ops):
    nodes, i = [], 0
    for j in range(1, 4):
        nodes.append("|".join(f"{ops[i + k]}~{k}" for k in range(j)))
        i += j
    return "|" + "|+|".join(nodes) + "|"


def regularized_evolution(seed, budget=150, population=10, sample=3, warmup=10):
    rng = random.Random(seed)
    seen, history, queue = set(), [], []
    def evaluate(arch):
        seen.add(arch)
        history.append(values[arch])
        queue.append(arch)
        if len(queue) > population:
            queue.pop(0)
    while len(history) < warmup:
        arch = rng.choice(cells)
        if arch not in seen:
            evaluate(arch)
    while len(history) < budget:
        for _ in range(100):
            parent = max(rng.sample(queue, min(sample, len(queue))), key=lambda a: values[a])
            ops = edges(parent)
            e = rng.randrange(6)
            ops[e] = rng.choice([o for o in OPS if o != ops[e]])
            child = arch_of(ops)
            if child not in seen:
                break
        else:
            child = rng.choice([c for c in cells if c not in seen])
        evaluate(child)
    best, curve = -1e9, []
    for v in history:
        best = max(best, v)
        curve.append(optimum - best)
    return curve


curves = [regularized_evolution(seed) for seed in range(100)]
print(json.dumps({
    "table": str(table.relative_to(root)),
    "optimum": optimum,
    "cells": len(values),
    "random_search_expected_regret": {str(n): round(expected_random_regret(n), 4) for n in checkpoints},
    "regularized_evolution_mean_regret_100_seeds": {str(n): round(statistics.mean(c[n - 1] for c in curves), 4) for n in checkpoints},
    "regularized_evolution_sd_regret_100_seeds": {str(n): round(statistics.stdev(c[n - 1] for c in curves), 4) for n in checkpoints},
}, indent=2))
