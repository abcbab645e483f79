#!/usr/bin/env python3
"""Folds search-experiment manifests (one per method, the same search space, warm-up and budget) into
one benchmark manifest whose arms are the methods, so that `petridish benchmark` runs them: the first
method's manifest is the base; every surrogate any method screens with is listed once (same name, same
settings, or the script stops); each arm keeps its method's optimizer, screening surrogate and the search
settings that differ from the base. Used once per experiment when the shell scripts became benchmark
manifests; kept so that the fold can be checked.
Usage: scripts/experiments-to-benchmark.py OUT.json NAME SEEDS METHOD..."""
import json, sys
from pathlib import Path

SHARED = ("warmup", "warmupMotifs", "budget")


def main(out, name, seeds, methods):
    folder = Path(__file__).resolve().parent.parent / "manifests" / "experiments"
    manifests = [json.loads((folder / f"{m}.json").read_text()) for m in methods]
    base = manifests[0]
    for key in ("searchSpace", "seed", "groundTruthSeed", "device", "threads"):
        if any(json.dumps(m.get(key), sort_keys=True) != json.dumps(base.get(key), sort_keys=True) for m in manifests):
            sys.exit(f"methods differ in {key}: they cannot be arms of one benchmark")
    surrogates = {}
    for m in manifests:
        for s in m.get("surrogates", []):
            label = s.get("name", s["plugin"])
            if label in surrogates and json.dumps(surrogates[label], sort_keys=True) != json.dumps(s, sort_keys=True):
                sys.exit(f"two methods define surrogate '{label}' differently")
            surrogates[label] = s
    search = dict(base["search"])
    search.pop("surrogate", None)
    arms = []
    for method, m in zip(methods, manifests):
        if any(json.dumps(m["search"].get(k), sort_keys=True) != json.dumps(search.get(k), sort_keys=True) for k in SHARED):
            sys.exit(f"{method} has another warm-up or budget")
        arm = {"name": method, "optimizer": m["optimizer"]}
        if m["search"].get("surrogate"):
            arm["surrogate"] = m["search"]["surrogate"]
        overrides = {k: v for k, v in m["search"].items() if k != "surrogate" and k not in SHARED and search.get(k) != v}
        overrides.update({k: None for k in search if k not in m["search"] and k not in SHARED})
        if overrides:
            arm["search"] = overrides
        arms.append(arm)
    benchmark = {k: v for k, v in base.items() if k not in ("name", "description", "surrogates", "optimizer", "search", "benchmark")}
    benchmark["name"] = name
    benchmark["description"] = f"The search experiment of {', '.join(methods)} as one benchmark (folded by scripts/experiments-to-benchmark.py)."
    benchmark["surrogates"] = list(surrogates.values())
    benchmark["optimizer"] = manifests[0]["optimizer"]
    benchmark["search"] = search
    benchmark["benchmark"] = {"seeds": int(seeds), "arms": arms}
    order = ["$schema", "name", "description", "seed", "groundTruthSeed", "device", "threads", "pluginPaths", "searchSpace", "surrogates", "optimizer", "search", "compare", "executor", "benchmark"]
    text = json.dumps({k: benchmark[k] for k in order if k in benchmark}, indent=2, ensure_ascii=False) + "\n"
    Path(out).write_text(text)


main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:])
