"""Session 24's finds (scouts Z9-Z11: the Zero to Mastery course, fastbook's tensor chapters, rasbt's
deeplearning-models), held against PyTorch: uint8 masks, dims named twice, where's condition, max with a
number, and the rows of a tensor as ``for row in t`` gives them."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import twins

import autograd_lab as lab

torch = pytest.importorskip("torch")

A = "m.arange(24.).view(2, 3, 4)"
X = "m.tensor([1., 2., 3.])"
U8 = "m.tensor([0, 1, 1], dtype=m.uint8)"

CASES = [
    # A uint8 index is a mask (True where not 0), with PyTorch's deprecation warning; a 0-d one, without it
    f"{X}[{U8}]",
    f"{X}[m.tensor([2, 0, 1], dtype=m.uint8)]",
    f"{X}[m.tensor(1, dtype=m.uint8)]",
    f"{X}[m.tensor(0, dtype=m.uint8)]",
    "(lambda t: t[(t > 0).to(m.uint8)])(m.tensor([[1., -2.], [3., -4.]]))",
    "m.tensor([[1., -2.], [3., -4.]])[:, m.tensor([1, 0], dtype=m.uint8)]",
    "m.tensor([[1., -2.], [3., -4.]])[m.tensor([1, 0, 1], dtype=m.uint8)]",
    # ... and other integer types are refused, as by index_select, which takes positions only
    f"{X}[m.tensor([0, 1], dtype=m.int8)]",
    f"{X}[m.tensor([0, 1], dtype=m.int16)]",
    f"{X}[m.tensor([0, 1], dtype=m.int32)]",
    f"{X}[m.tensor([0, 1], dtype=m.uint16)]",
    f"{X}.index_select(0, {U8})",
    f"{X}.index_select(0, m.tensor([0., 1.]))",
    f"{X}.index_select(0, m.tensor([True, False, True]))",
    f"{X}.index_select(0, m.tensor([[0, 1]]))",
    f"{X}.index_select(0, m.tensor([0, 2], dtype=m.int32))",
    # a dimension named twice in a reduction, or in permute
    f"{A}.sum((2, -1))",
    f"{A}.mean((-1, -1))",
    f"{A}.sum([0, -3])",
    f"{A}.nansum((1, 1))",
    f"{A}.std((1, 1))",
    f"{A}.var((0, 0))",
    f"{A}.amax((1, 1))",
    f"{A}.logsumexp((1, 1))",
    f"{A}.norm(dim=(1, 1))",
    f"m.linalg.vector_norm({A}, dim=(1, 1))",
    f"m.linalg.vector_norm({A}, dim=[])",
    f"{A}.count_nonzero((1, 1))",
    f"({A} > 5).any((1, 1))",
    f"{A}.permute(0, 0, 1)",
    f"{A}.permute(0, 1, -1)",
    "m.tensor(1.).sum((0, -1))",
    # where's condition: bool, or uint8 (deprecated); no other dtype
    "m.where(m.tensor([1, 0]), 1., 0.)",
    "m.where(m.tensor([1., 0.]), m.tensor([1., 2.]), m.tensor([3., 4.]))",
    "m.tensor([1., 2.]).where(m.tensor([1, 0]), 0.)",
    "m.where(m.tensor([1, 0], dtype=m.uint8), 1., 0.)",
    "m.where(m.tensor([1, 0, 2]))",
    # max and min take a dimension or a tensor; maximum and minimum a tensor
    f"{X}.max(0.0)",
    f"{X}.min(0.0)",
    f"{X}.max('a')",
    f"{X}.max(m.tensor(2.0))",
    f"{X}.maximum(0.0)",
    f"{X}.minimum(0.)",
    f"m.maximum({X}, 1)",
    f"m.maximum({X}, m.tensor(2.0))",
    f"m.minimum(input={X}, other=m.tensor(2.0))",
]


@pytest.mark.parametrize("code", CASES)
def test_as_pytorch(code: str) -> None:
    assert twins.outcome(lab, code) == twins.outcome(torch, code)


def written_through_uint8_masks(m) -> list:
    """Writing through a uint8 mask: a tensor of values goes in (with the warning), one value is refused, as
    PyTorch's masked_fill_ refuses a uint8 mask."""
    found = []
    for value in ("m.tensor([7., 8.])", "0", "m.tensor(5.)"):
        code = f"(lambda y: y.__setitem__({U8}, {value}) or y)({X})"
        found.append(twins.outcome(m, code))
    return found


def test_writes_through_a_uint8_mask_as_pytorch() -> None:
    assert written_through_uint8_masks(lab) == written_through_uint8_masks(torch)


def rows(m) -> list:
    """``for row in t``, unpacking and ``list(t)``: PyTorch's rows come from one unbind, and carry its gradient."""
    w = m.tensor([2.0], requires_grad=True)
    y = w * m.arange(4.0).reshape(2, 2)
    found = [repr(row) for row in y]
    first, second = y
    found += [repr(second), repr(list(y[0]))]
    (first.sum() * 3 + second.sum()).backward()
    found.append(w.grad.tolist())
    try:
        iter(m.tensor(1.0))
    except TypeError as error:
        found.append(str(error))
    return found


def test_iterating_gives_unbinds_rows_as_pytorch() -> None:
    assert rows(lab) == rows(torch)


def test_a_uint8_mask_picks_as_a_bool_mask_with_its_gradient() -> None:
    """The gradient of x[mask] goes back to the picked elements only, whatever the mask's dtype."""
    values = np.array([1.0, -2.0, 3.0, 0.5], np.float32)
    grads = []
    for m in (lab, torch):
        x = m.tensor(values, requires_grad=True)
        with pytest.warns(UserWarning, match="uint8"):
            picked = x[m.tensor([1, 0, 1, 1], dtype=m.uint8)]
        with warnings.catch_warnings():  # (PyTorch warns once more in backward)
            warnings.simplefilter("ignore")
            (picked * picked).sum().backward()
        grads.append(x.grad.tolist())
    assert grads[0] == grads[1] == [2.0, 0.0, 6.0, 1.0]


SHOWN_AGAIN = """
import sys, warnings
import {m} as torch
from {m} import nn
def warn():
    warnings.warn("shown once per place", UserWarning)
warn(); warn()
print("made", torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=0.1).__class__.__name__)
warn()
torch.optim.Adam([nn.Parameter(torch.zeros(1))])
warn()
"""


def test_warnings_show_again_after_the_first_optimizer_as_in_pytorch() -> None:
    """PyTorch's first optimizer changes the warnings filters (it imports SymPy), so a warning shown once shows
    once more; a second optimizer changes nothing."""
    import subprocess
    import sys

    counts = []
    for module in ("autograd_lab", "torch"):
        script = SHOWN_AGAIN.format(m=module)
        run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
        assert "made SGD" in run.stdout, run.stderr
        counts.append(run.stderr.count("shown once per place"))
    assert counts[0] == counts[1] == 2
