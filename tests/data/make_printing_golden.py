"""Regenerate ``printing_golden.json`` from real PyTorch.

Run with an interpreter that has torch installed::

    python tests/data/make_printing_golden.py

Each case records the tensor's values (nested lists; nan/inf as strings) or,
for big tensors, a recipe to rebuild them, plus dtype, shape, the suffixes
torch added for autograd, and ``repr(tensor)``; ``tests/printing_cases.py`` encodes and decodes them.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from printing_cases import DTYPES, decode_values, encode  # noqa: E402

OUT = Path(__file__).with_name("printing_golden.json")


# ------------------------------------------------------------ torch side
def _custom_function(name: str) -> type[torch.autograd.Function]:
    """An identity autograd.Function whose grad_fn prints as ``<{name}Backward>``."""

    def forward(ctx: Any, x: torch.Tensor) -> torch.Tensor:
        return x.clone()

    def backward(ctx: Any, g: torch.Tensor) -> torch.Tensor:
        return g

    return type(
        name,
        (torch.autograd.Function,),
        {"forward": staticmethod(forward), "backward": staticmethod(backward)},
    )


def make_case(
    values: np.ndarray | None,
    dtype: str,
    autograd: str = "none",
    recipe: dict[str, Any] | None = None,
    shape: tuple[int, ...] | None = None,
) -> dict[str, Any]:
    """Build the tensor in torch, apply `autograd`, and record its repr.

    `autograd` is "none", "requires_grad", "clone", "mul" or "fn:<Name>"
    (a custom Function, to get long grad_fn names that force wrapping).
    """
    case: dict[str, Any] = {"dtype": dtype}
    if recipe is not None:
        case["shape"] = list(shape or ())
        case["recipe"] = recipe
    else:
        arr = np.asarray(values, dtype=DTYPES[dtype])
        case["shape"] = list(arr.shape)
        case["values"] = encode(arr.tolist())
    arr = decode_values(case)
    t = torch.from_numpy(arr.copy())
    if autograd != "none":
        t.requires_grad_()
        if autograd == "clone":
            t = t.clone()
        elif autograd == "mul":
            t = t * 1  # keeps -0.0 and nan, unlike `t + 0`
        elif autograd.startswith("fn:"):
            t = _custom_function(autograd[3:]).apply(t)
    suffixes = []
    if t.grad_fn is not None:
        suffixes.append(f"grad_fn=<{type(t.grad_fn).__name__}>")
    elif t.requires_grad:
        suffixes.append("requires_grad=True")
    case["suffixes"] = suffixes
    case["expected"] = repr(t)
    assert repr(t) == str(t)
    return case


# ------------------------------------------------------------------ cases
def hand_picked() -> list[dict[str, Any]]:
    nan, inf = math.nan, math.inf
    f32 = np.finfo(np.float32)
    cases = []
    scalars = [0.0, -0.0, 0.1, 2.0, -3.5, nan, inf, -inf, 1e10, 1e-10, 123456.789]
    scalars += [1e8, 100000000.5, 9.99995, 0.00015, 1e-4]
    for dtype in ("float32", "float64"):
        for v in scalars:
            cases.append(make_case(v, dtype))
    for v in (0, -5, 7, 2**62, -(2**63), 2**63 - 1):
        cases.append(make_case(v, "int64"))
    for v in (True, False):
        cases.append(make_case(v, "bool"))

    vectors = [
        [2.0, 3.0],
        [0.1, 0.2, 0.3],
        [-1.0, 1.5],
        [nan, inf, -inf],
        [0.0, -0.0],
        [0.0, 0.0, nan],
        [1.0, nan, -inf],
        [-0.0, 1.5],
        [-0.0, 1e-5],
        [-0.0, 1e20],
        [1e-5, 1.0],
        [1e8, 1.0],
        [1e9, 1.0],
        [1001.0, 1.0],
        [1000.0, 1.0],
        [1e-4, 1e-1],
        [1e-4, 1.0],
        [99999.99, 0.5],
        [9.99995, 0.5],
        [-9.99996, 0.5],
        [0.00015, 0.1],
        [float(f32.max), 1.0],
        [float(f32.smallest_subnormal), 1.0],
        [1e8, -1e8, 5.0],
        [123456.0, -7.0],
        [0.5, 1.5, 2.5, -0.5],
        [1e-3, 5e-1, -2e-2, nan],
        [3e38, inf, -3e38],
    ]
    for dtype in ("float32", "float64"):
        for vec in vectors:
            cases.append(make_case(vec, dtype))
    for vec in ([1e300, 1e-300], [1e-300, 2e-300], [-1e-310, 1e200]):
        cases.append(make_case(vec, "float64"))  # beyond float32's range
    for vec in ([1, 2, 3], [-1, 10, -100], [0], [2**40, -3], [-(2**63), 2**63 - 1]):
        cases.append(make_case(vec, "int64"))
    for vec in ([True, False], [True], [False, False], [True, True, True]):
        cases.append(make_case(vec, "bool"))

    # Line wrapping: widths and lengths around the 80-column limit.
    rng = np.random.default_rng(1)
    for n in (10, 11, 12, 13, 20, 40, 100):
        cases.append(make_case(rng.standard_normal(n), "float32"))
        cases.append(make_case(rng.integers(-(10**12), 10**12, n), "int64"))
        cases.append(make_case(rng.integers(0, 2, n).astype(bool), "bool"))
    cases.append(make_case(rng.standard_normal((3, 30)) * 1e6, "float64"))
    cases.append(make_case(rng.standard_normal((2, 3, 25)), "float32"))
    cases.append(make_case(np.arange(60.0).reshape(2, 30), "float32", "mul"))

    # Empty tensors of every dtype and a few shapes.
    for dtype in DTYPES:
        for shape in ((0,), (0, 3), (3, 0), (2, 0, 4)):
            cases.append(make_case(np.zeros(shape), dtype))
    cases.append(make_case(np.zeros((0, 3)), "float32", "requires_grad"))
    cases.append(make_case(np.zeros((0,)), "float64", "clone"))

    # Multi-dimensional, small.
    cases.append(make_case(np.arange(24).reshape(2, 3, 4), "int64"))
    cases.append(make_case(np.arange(24.0).reshape(2, 3, 4) / 7, "float32"))
    cases.append(make_case(np.arange(48.0).reshape(2, 2, 3, 4) - 20, "float64"))
    cases.append(make_case(np.arange(32.0).reshape(2, 2, 2, 2, 2), "float32"))
    cases.append(make_case(np.ones((1, 1, 1)), "bool"))
    cases.append(make_case([[nan, 1.0], [-0.0, 1e-7]], "float32"))

    # Suffix wrapping with long grad_fn names, on lines of various lengths.
    for name_len in (5, 20, 40, 60, 75):
        name = ("Long" * 20)[:name_len]
        for n in (1, 4, 8):
            cases.append(make_case(np.arange(n) * 1.25, "float32", f"fn:{name}"))
            cases.append(make_case(np.arange(n) * 1.25, "float64", f"fn:{name}"))
    for n in range(1, 9):  # the dtype suffix itself wraps for some lengths
        cases.append(make_case(np.arange(n) * 1.25, "float64", "requires_grad"))
        cases.append(make_case(np.arange(n) * 1.25 - 3, "float64", "clone"))
    return cases


def summarised() -> list[dict[str, Any]]:
    """Tensors with > 1000 elements, stored as recipes to keep the JSON small."""
    specs: list[tuple[tuple[int, ...], str, dict[str, Any], str]] = [
        ((1001,), "float32", {}, "none"),
        ((1001,), "int64", {"offset": -500}, "none"),
        ((1001,), "bool", {"mod": 3}, "none"),
        ((2000,), "float32", {"scale": 0.37, "offset": -100}, "requires_grad"),
        ((40, 50), "float32", {}, "none"),
        ((40, 50), "float64", {"scale": 1e-3}, "clone"),
        ((10, 10, 11), "float32", {"scale": 0.5, "mod": 17}, "none"),
        ((10, 10, 11), "int64", {"scale": 7, "mod": 13}, "none"),
        ((7, 7, 7, 3), "float64", {"scale": 0.25}, "mul"),
        ((2, 1000), "float32", {"scale": 0.01}, "none"),
        ((1000, 2), "float32", {"scale": 0.01}, "none"),
        ((1, 1001), "int64", {}, "none"),
        ((1001, 1), "bool", {"mod": 2}, "none"),
        ((6, 6, 6, 6), "float32", {"scale": 0.1}, "none"),  # nothing elided
        ((3, 7, 50), "float32", {"scale": 3.3, "mod": 101}, "none"),
        ((100, 100), "float64", {"scale": 1e5, "mod": 1000}, "none"),
        ((1000, 1000), "float32", {"scale": 1e-3, "mod": 997}, "none"),
        ((12, 12, 12), "float32", {"scale": 1e-5, "offset": 1e-3}, "none"),
        ((2, 3, 4, 5, 6), "int64", {"scale": 12345}, "none"),
    ]
    patches = {
        # Hidden middle values must not affect widths or modes.
        "hidden": [[500, 1e30], [501, "nan"], [502, -1e-30]],
        # Visible corners with specials.
        "corners": [[0, "nan"], [1, "-inf"], [-1, "inf"], [-2, -0.0]],
    }
    cases = []
    for shape, dtype, recipe, autograd in specs:
        n = int(np.prod(shape))
        cases.append(make_case(None, dtype, autograd, {"arange": n, **recipe}, shape))
        if dtype.startswith("float"):
            for patch in patches.values():
                full = {"arange": n, **recipe, "patch": patch}
                cases.append(make_case(None, dtype, autograd, full, shape))
    return cases


def random_cases(count: int) -> list[dict[str, Any]]:
    rng = np.random.default_rng(0)
    specials = np.array([math.nan, math.inf, -math.inf, 0.0, -0.0])
    autograds = ["none", "requires_grad", "clone", "mul"]
    cases = []
    for _ in range(count):
        ndim = int(rng.integers(0, 5))
        shape = tuple(int(s) for s in rng.integers(0 if rng.random() < 0.1 else 1, 6, ndim))
        dtype = str(rng.choice(list(DTYPES)))
        if dtype == "bool":
            values = rng.random(shape) < 0.5
        elif dtype == "int64":
            bound = 10 ** int(rng.integers(1, 19))
            values = rng.integers(-bound, bound, shape)
        else:
            kind = rng.integers(0, 4)
            if kind == 0:  # integer-valued floats
                values = np.round(rng.standard_normal(shape) * 10 ** rng.integers(0, 9))
            elif kind == 1:  # wide dynamic range -> scientific notation
                values = rng.standard_normal(shape) * 10.0 ** rng.integers(-12, 12, shape)
            else:
                values = rng.standard_normal(shape) * 10.0 ** rng.uniform(-5, 9)
            if rng.random() < 0.3:
                mask = rng.random(shape) < 0.3
                values = np.where(mask, rng.choice(specials, shape), values)
        autograd = str(rng.choice(autograds)) if dtype.startswith("float") else "none"
        cases.append(make_case(values, dtype, autograd))
    return cases


def main() -> None:
    torch.set_printoptions(profile="default")
    assert torch.get_default_dtype() == torch.float32
    cases = hand_picked() + summarised() + random_cases(300)
    for i, case in enumerate(cases):
        case["id"] = f"{i:03d}-{case['dtype']}-{'x'.join(map(str, case['shape'])) or 'scalar'}"
    OUT.write_text(json.dumps({"torch": torch.__version__, "cases": cases}, indent=0) + "\n")
    print(f"wrote {len(cases)} cases to {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
