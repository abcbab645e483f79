#!/usr/bin/env python3
"""The untrained Petri dish on NAS-Bench-NLP cells (no meta-learning: 16 random synthetic sequences,
20 inner Adam steps) with one setting changed at a time: motif-network width, sequence length,
input and output size, number of sequences, inner steps and learning rate, ensembles. Each
configuration is fitted on 40 tabulated cells and ranks the other 108, over splits 0-9 (`petridish
compare` with manifest seed = split: the split and the dish's seeds both follow it), two at a time;
finished runs are skipped. Writes docs/data/nas-bench-nlp-dish-settings.csv (configuration, change,
split, Kendall tau, Spearman, precision@k) and prints mean +- population SD per configuration.
Every fit's score of every test cell goes to docs/data/nas-bench-nlp-dish-settings-scores.csv.gz, from which
`scripts/compare-tau.py --collected docs/data/nas-bench-nlp-dish-settings.csv` recomputes each τ.
Needs the release's logs at data/nas-bench-nlp/logs.zip (see docs/nas-bench-nlp.md).
Usage: scripts/nas-bench-nlp-dish-settings.py [splits=10]"""
import concurrent.futures, copy, csv, importlib, json, os, statistics, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, 'runs', 'experiments', 'nas-bench-nlp-dish-settings')
# Every setting the dish's defaults have moved since this study began is pinned, so that u-default stays
# the ablation's untrained dish (manifests/experiments/nlp-dish-ablation.json): one dish unless a row
# says otherwise, no hold-out, ensembles averaging every member (no fit floor, no vote).
DISH = {'samples': 16, 'innerSteps': 20, 'innerLearningRate': 0.05, 'outerSchedule': [],
        'ensemble': 1, 'holdOut': 0, 'outerTarget': 'values', 'minimumFit': -1, 'consensus': 1, 'combine': 'mean'}
NETWORK = {'width': 2, 'timeSteps': 8, 'inputSize': 4, 'outputSize': 1}
# tag: (what changes, dish settings, motif-network settings)
CONFIGURATIONS = {
    'u-default': ('none (width 2, 8 steps, 4 inputs, 1 output, 16 sequences, 20 inner steps, lr 0.05)', {}, {}),
    'u-w1': ('width 1', {}, {'width': 1}),
    'u-w4': ('width 4', {}, {'width': 4}),
    'u-t4': ('4 time steps', {}, {'timeSteps': 4}),
    'u-t16': ('16 time steps', {}, {'timeSteps': 16}),
    'u-e1': ('1 input feature', {}, {'inputSize': 1}),
    'u-o4': ('4 outputs', {}, {'outputSize': 4}),
    'u-s4': ('4 sequences', {'samples': 4}, {}),
    'u-s64': ('64 sequences', {'samples': 64}, {}),
    'u-i50': ('50 inner steps', {'innerSteps': 50}, {}),
    'u-lr01': ('inner learning rate 0.01', {'innerLearningRate': 0.01}, {}),
    'u-lr2': ('inner learning rate 0.2', {'innerLearningRate': 0.2}, {}),
    'u-ens4': ('ensemble of 4', {'ensemble': 4}, {}),
    'u-ens8': ('ensemble of 8', {'ensemble': 8}, {}),
    'u-ens16': ('ensemble of 16', {'ensemble': 16}, {}),
    'u-ens32': ('ensemble of 32', {'ensemble': 32}, {}),
}


def manifest(split, dish, network):
    return {
        'name': 'nas-bench-nlp-dish-settings', 'seed': split, 'device': 'cpu', 'threads': 1,
        'searchSpace': {'plugin': 'nas-bench-nlp', 'settings': {'groundTruth': {'logs': '../../../data/nas-bench-nlp/logs.zip'}, 'motifNetwork': {**NETWORK, **network}}},
        'surrogates': [{'plugin': 'petri-dish', 'name': 'dish', 'settings': {**DISH, **dish}}],
        'compare': {'observations': '../../../docs/data/nas-bench-nlp-cells.csv', 'seeds': 1, 'train': {'count': 40}},
    }


def run(job):
    tag, split = job
    folder = os.path.join(OUT, f'{tag}-split{split}')
    if not os.path.exists(os.path.join(folder, 'compare.json')):
        _, dish, network = CONFIGURATIONS[tag]
        path = os.path.join(OUT, f'{tag}-split{split}.json')
        json.dump(manifest(split, dish, network), open(path, 'w'), indent=1)
        done = subprocess.run([os.path.join(ROOT, 'petridish'), 'compare', path, '--out', folder], capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f'{tag} split {split} failed:\n{done.stderr[-2000:]}')
    return tag, split, json.load(open(os.path.join(folder, 'compare.json')))['surrogates'][0]


def main():
    splits = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    os.makedirs(OUT, exist_ok=True)
    subprocess.run([os.path.join(ROOT, 'petridish'), 'plugins'], check=True, capture_output=True)  # build once
    jobs = [(tag, split) for tag in CONFIGURATIONS for split in range(splits)]
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        results = list(pool.map(run, jobs))
    with open(os.path.join(ROOT, 'docs', 'data', 'nas-bench-nlp-dish-settings.csv'), 'w', newline='') as f:
        writer = csv.writer(f)
        writer.writerow(['configuration', 'change', 'split', 'kendall_tau', 'spearman', 'precision_at_k'])
        for tag, split, s in results:
            writer.writerow([tag, CONFIGURATIONS[tag][0], split, s['kendall_tau']['values'][0], s['spearman']['values'][0], s['precision_at_k']['values'][0]])
    # The same collection as compare-table.py's: run (configuration-split), goal, then test-scores.csv's columns.
    importlib.import_module('compare-table').collect_scores(
        os.path.join(ROOT, 'docs', 'data', 'nas-bench-nlp-dish-settings-scores.csv.gz'),
        [os.path.join(OUT, f'{tag}-split{split}') for tag, split, _ in results])
    print('| configuration | change from the untrained dish | Kendall τ (mean ± SD over splits) |\n|---|---|---:|')
    for tag, (change, _, _) in CONFIGURATIONS.items():
        taus = [s['kendall_tau']['values'][0] for t, _, s in results if t == tag]
        print(f'| {tag} | {change} | {statistics.mean(taus):.3f} ± {statistics.pstdev(taus):.3f} |')


main()
