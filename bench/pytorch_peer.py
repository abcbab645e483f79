#!/usr/bin/python3
"""A batched PyTorch implementation of the Petri dish on the sigmoid-slope space, for side-by-side
timing with PetriDish on the same machine in the same measurement (docs/benchmarks.md).

The same computation as the PetriDish dish with its defaults: N motif-networks 10 -> 1 -> 1 -> 10
(hidden activation sigmoid(c*z), one slope c per network), shared initial weights N(0, 1), 10
synthetic training and 10 validation samples of 10 features (learned), fixed random binary labels,
250 inner Adam steps (lr 0.01) of the mean binary cross-entropy, every network's parameters one flat
row, all N networks in one batched program (bmm per layer), float32, one thread.

  fit:  the meta-gradient through the whole unrolled inner training (create_graph), outer Adam on the
        synthetic inputs, the outer loss the mean squared difference of the z-scored validation
        losses and z-scored targets plus 1e-5 L2; prints seconds per outer step.
  rank: inner training with plain autograd (no meta-gradient), the validation loss of each of M
        candidates in chunks of 4096; prints candidates per second.

Usage: bench/pytorch_peer.py fit [--motifs 18] [--outer-steps 5]
       bench/pytorch_peer.py rank [--candidates 10000]
Needs PyTorch for the system Python (Debian: apt install python3-torch; hence /usr/bin/python3)."""
import argparse, time
import torch

IN, OUT, SAMPLES, INNER_STEPS, INNER_LR = 10, 10, 10, 250, 0.01
SHAPES = [(IN, 1), (1,), (1, 1), (1,), (1, OUT), (OUT,)]
SIZES = [torch.Size(s).numel() for s in SHAPES]


def unflatten(flat):
    n = flat.shape[0]
    return [p.view(n, *s) for p, s in zip(flat.split(SIZES, 1), SHAPES)]


def forward(flat, x, slopes):
    w1, b1, w2, b2, w3, b3 = unflatten(flat)
    h = x.expand(flat.shape[0], -1, -1)
    h = torch.sigmoid((torch.bmm(h, w1) + b1.unsqueeze(1)) * slopes)
    h = torch.sigmoid((torch.bmm(h, w2) + b2.unsqueeze(1)) * slopes)
    return torch.bmm(h, w3) + b3.unsqueeze(1)


def loss(flat, x, targets, slopes):
    return torch.nn.functional.binary_cross_entropy_with_logits(forward(flat, x, slopes), targets, reduction='none').mean((1, 2))


def inner(theta, x_train, x_valid, labels, slopes, create_graph):
    n = slopes.shape[0]
    targets = labels.unsqueeze(0).expand(n, -1, -1)
    p = theta.unsqueeze(0).expand(n, -1).clone().requires_grad_(True)
    m, v = torch.zeros_like(p), torch.zeros_like(p)
    for t in range(1, INNER_STEPS + 1):
        g, = torch.autograd.grad(loss(p, x_train, targets, slopes).sum(), p, create_graph=create_graph)
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        step = INNER_LR * (1 - 0.999 ** t) ** 0.5 / (1 - 0.9 ** t)
        p = p - step * m / ((v + 1e-16).sqrt() + 1e-8 * (1 - 0.999 ** t) ** 0.5)
        if not create_graph:
            p = p.detach().requires_grad_(True)
            m, v = m.detach(), v.detach()
    return loss(p, x_valid, targets, slopes)


def dish(seed=0):
    g = torch.Generator().manual_seed(seed)
    theta = torch.cat([torch.randn(s, generator=g).reshape(-1) for s in SHAPES])
    x = torch.randn(SAMPLES, IN, generator=g)
    labels = (torch.rand(SAMPLES, OUT, generator=g) > 0.5).float()
    return theta, x.clone().requires_grad_(True), x.clone().requires_grad_(True), labels


def z(t):
    return (t - t.mean()) / (t.std(unbiased=False) + 1e-12)


def fit(motifs, outer_steps):
    theta, x_train, x_valid, labels = dish()
    slopes = torch.linspace(0.37, 1.53, motifs).view(-1, 1, 1)
    target = (torch.log(slopes.view(-1) / 0.3)) ** 2  # any target: the cost does not depend on it
    opt = torch.optim.Adam([x_train, x_valid], lr=0.05)
    times = []
    for _ in range(outer_steps + 1):
        start = time.perf_counter()
        val = inner(theta, x_train, x_valid, labels, slopes, create_graph=True)
        outer = ((z(val) - z(target)) ** 2).mean() + 1e-5 * ((x_train ** 2).sum() + (x_valid ** 2).sum())
        opt.zero_grad()
        outer.backward()
        opt.step()
        times.append(time.perf_counter() - start)
    per_step = sum(times[1:]) / outer_steps  # the first step warms up
    print(f"pytorch fit   N={motifs:5d}  {INNER_STEPS} inner steps  {per_step:.3f} s per outer step  (80 steps: {80 * per_step:.1f} s)")


def rank(candidates):
    theta, x_train, x_valid, labels = dish()
    x_train, x_valid = x_train.detach(), x_valid.detach()
    slopes = (0.01 + 2.0 * torch.rand(candidates)).view(-1, 1, 1)
    inner(theta, x_train, x_valid, labels, slopes[:64], create_graph=False)  # warm-up
    start = time.perf_counter()
    losses = [inner(theta, x_train, x_valid, labels, slopes[i:i + 4096], create_graph=False).detach() for i in range(0, candidates, 4096)]
    seconds = time.perf_counter() - start
    assert torch.cat(losses).shape[0] == candidates
    print(f"pytorch rank  M={candidates:5d}  {seconds:.2f} s  {candidates / seconds:.0f} candidates/s")


if __name__ == '__main__':
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('mode', choices=['fit', 'rank'])
    parser.add_argument('--motifs', type=int, default=18)
    parser.add_argument('--outer-steps', type=int, default=5)
    parser.add_argument('--candidates', type=int, default=10000)
    args = parser.parse_args()
    torch.set_num_threads(1)
    fit(args.motifs, args.outer_steps) if args.mode == 'fit' else rank(args.candidates)
