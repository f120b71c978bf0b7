"""Speed of the sums added in PyTorch's order (ops/_summation.py), against NumPy's own sum.

    python bench/bench_summation.py [--rounds N]

The sums are those of the MLP step of ``bench_core.py`` (a bias gradient over a
batch of 256 rows, an MSE mean over 256x10 elements), a tiny one and the rows
of a small matrix.  Both contenders run in turns, and the best of the rounds is
kept, so that a noisy neighbour slows them alike.  NumPy adds pairwise (a
different order), so its time is a floor, not a contender to match bit for bit.
"""

from __future__ import annotations

import argparse
import functools
import sys
import timeit
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from autograd_lab.ops._summation import _pytorch_sum  # noqa: E402

CASES = {  # name: (shape, dims)
    "256x128 dim0": ((256, 128), (0,)),
    "256x10 dim0": ((256, 10), (0,)),
    "2560 all": ((256, 10), None),
    "3 all": ((3,), None),
    "32x16 dim1": ((32, 16), (1,)),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    rounds = parser.parse_args().rounds
    rng = np.random.default_rng(0)
    arrays = {name: rng.standard_normal(shape).astype(np.float32) for name, (shape, _) in CASES.items()}
    best: dict = {}
    for _ in range(rounds):
        for name, (_, dims) in CASES.items():
            a = arrays[name]
            contenders = (("pytorch_sum", functools.partial(_pytorch_sum, a, dims)),
                          ("numpy", functools.partial(a.sum, axis=dims)))  # fmt: skip
            for label, run in contenders:
                seconds = min(timeit.repeat(run, number=500, repeat=3)) / 500
                best[name, label] = min(best.get((name, label), seconds), seconds)
    for name in CASES:
        ours, numpy = best[name, "pytorch_sum"] * 1e6, best[name, "numpy"] * 1e6
        print(f"{name:15s} pytorch_sum {ours:6.1f} us  numpy {numpy:5.1f} us  ratio {ours / numpy:4.1f}x")


if __name__ == "__main__":
    main()
