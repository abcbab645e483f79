#!/usr/bin/env python3
"""The composed functions b(u1(x), u2(x)) closest to a named function (default GELU), by the
root-mean-square difference on a grid over [-4, 4]. Prints the ten closest keys (several keys
may name one function; `petridish evaluate` prints a key's canonical form). Plain Python.

Usage: scripts/activation-expression-closest.py [gelu|swish|elu|selu]
"""
import math
import sys

EPS = 1e-3
XS = [-4 + 8 * i / 400 for i in range(401)]


def sig(v):
    return 1 / (1 + math.exp(-v)) if v >= 0 else math.exp(v) / (1 + math.exp(v))


UNARY = {
    "id": lambda v: v, "neg": lambda v: -v, "abs": abs, "square": lambda v: v * v, "cube": lambda v: v ** 3,
    "sqrt_abs": lambda v: math.sqrt(abs(v)), "exp": math.exp, "log_abs": lambda v: math.log(abs(v) + EPS),
    "sin": math.sin, "cos": math.cos, "sinh": math.sinh, "cosh": math.cosh, "tanh": math.tanh,
    "asinh": math.asinh, "atan": math.atan, "sinc": lambda v: 1.0 if v == 0 else math.sin(v) / v,
    "relu": lambda v: max(v, 0.0), "min0": lambda v: min(v, 0.0), "sigmoid": sig,
    "softplus": lambda v: max(v, 0.0) + math.log1p(math.exp(-abs(v))), "gauss": lambda v: math.exp(-v * v),
    "erf": math.erf, "zero": lambda v: 0.0, "one": lambda v: 1.0,
}
BINARY = {
    "add": lambda a, b: a + b, "sub": lambda a, b: a - b, "mul": lambda a, b: a * b,
    "div": lambda a, b: a / (max(b, EPS) if b >= 0 else min(b, -EPS)),
    "max": max, "min": min, "sigmul": lambda a, b: sig(a) * b, "avg": lambda a, b: (a + b) / 2,
}
TARGETS = {
    "gelu": lambda v: v * (1 + math.erf(v / math.sqrt(2))) / 2,
    "swish": lambda v: v * sig(v),
    "elu": lambda v: v if v > 0 else math.exp(v) - 1,
    "selu": lambda v: 1.0507 * (v if v > 0 else 1.67326 * (math.exp(v) - 1)),
}

name = sys.argv[1] if len(sys.argv) > 1 else "gelu"
target = [TARGETS[name](v) for v in XS]
values = {u: [f(v) for v in XS] for u, f in UNARY.items()}
scores = []
for b, f in BINARY.items():
    for u1, a in values.items():
        for u2, c in values.items():
            rms = math.sqrt(sum((f(p, q) - t) ** 2 for p, q, t in zip(a, c, target)) / len(XS))
            scores.append((rms, f"expr:{b}({u1},{u2})"))
scores.sort()
print(f"closest to {name} on [-4, 4] (RMS difference over {len(XS)} points):")
for rms, key in scores[:10]:
    print(f"{rms:.4f}  {key}")
