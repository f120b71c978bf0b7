"""Factories for the losses of branch ``losses`` (autograd_lab/ops/nn.py, section "branch losses").

Registered into ``factories.FACTORIES`` on import (the last lines of
tests/factories.py import this module), so that tests/test_gradients.py and
tests/test_against_torch.py check each op against finite differences and
against PyTorch.  The margin losses' scores lie on a grid of step 0.3 (plus a
little noise), so that no hinge ``1 − x_y + x_j`` is near its kink at 0.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from factories import REDUCTIONS, Case, array, factory, floats, literal, one_of, shapes
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp


def _off_grid(draw: Any, shape: tuple[int, ...]) -> np.ndarray:
    """Scores 0.3·k + noise (|noise| ≤ 0.02): every difference is at least 0.06 from a whole number."""
    steps = draw(hnp.arrays(np.int64, shape, elements=st.integers(-4, 4)))
    return 0.3 * steps + array(draw, shape, floats(-0.02, 0.02))


@factory("soft_margin_loss")
def _soft_margin_loss(draw: Any, op: str) -> Case:
    shape = draw(shapes())
    labels = draw(hnp.arrays(np.float64, shape, elements=st.sampled_from([-1.0, 1.0])))
    code = (
        f"F.soft_margin_loss(x, m.tensor({labels.tolist()!r}, dtype=x.dtype), reduction={draw(REDUCTIONS)!r})"
    )
    return Case(op, code, {"x": array(draw, shape)})


@factory("multi_margin_loss")
def _multi_margin_loss(draw: Any, op: str) -> Case:
    classes = draw(st.integers(2, 4))
    batch = draw(st.one_of(st.none(), st.integers(1, 3)))
    shape = (classes,) if batch is None else (batch, classes)
    labels = draw(
        hnp.arrays(np.int64, () if batch is None else (batch,), elements=st.integers(0, classes - 1))
    )
    p = draw(st.sampled_from([1, 2]))
    options = f", p={p}, reduction={draw(REDUCTIONS)!r}"
    if draw(st.booleans()):
        weights = np.round(np.array(draw(st.lists(floats(0.2, 2.0), min_size=classes, max_size=classes))), 2)
        options += f", weight=m.tensor({weights.tolist()!r}, dtype=x.dtype)"
    # margin 1.0 or 0.5: 0.5 is no multiple of 0.3 either, so the hinges stay away from their kinks
    options += draw(st.sampled_from(["", ", margin=0.5"]))
    return Case(op, f"F.multi_margin_loss(x, {literal(labels)}{options})", {"x": _off_grid(draw, shape)})


@factory("multilabel_margin_loss")
def _multilabel_margin_loss(draw: Any, op: str) -> Case:
    classes = draw(st.integers(2, 4))
    batch = draw(st.one_of(st.none(), st.integers(1, 3)))
    rows = []
    for _ in range(batch or 1):
        labels = draw(st.lists(st.integers(0, classes - 1), max_size=classes))
        rows.append((labels + [-1] * classes)[:classes])
    target = np.array(rows if batch else rows[0], dtype=np.int64)
    code = f"F.multilabel_margin_loss(x, {literal(target)}, reduction={draw(REDUCTIONS)!r})"
    return Case(op, code, {"x": _off_grid(draw, target.shape)})


def _feasible(labels: list[int], length: int, frames: int) -> int:
    """The longest prefix of ``labels[:length]`` that fits ``frames`` (a repeated label needs a blank between)."""
    while length and length + sum(labels[i] == labels[i + 1] for i in range(length - 1)) > frames:
        length -= 1
    return length


@factory("ctc_loss")
def _ctc_loss(draw: Any, op: str) -> Case:
    # Scores through log_softmax, as CTC is used: PyTorch's gradient for log_probs assumes it.
    frames, batch, classes = draw(st.integers(1, 4)), draw(st.integers(1, 3)), draw(st.integers(2, 4))
    input_lengths = [draw(st.integers(1, frames)) for _ in range(batch)]
    target_lengths = [draw(st.integers(0, length)) for length in input_lengths]
    longest = max(target_lengths)
    targets = [
        draw(st.lists(st.integers(1, classes - 1), min_size=longest, max_size=longest)) for _ in range(batch)
    ]
    target_lengths = [
        _feasible(row, length, frames)
        for row, length, frames in zip(targets, target_lengths, input_lengths, strict=True)
    ]
    if draw(st.booleans()):
        target = f"m.tensor({targets!r}, dtype=m.long)"
    else:
        flat = [label for row, length in zip(targets, target_lengths, strict=True) for label in row[:length]]
        target = f"m.tensor({flat!r}, dtype=m.long)"
    lengths = one_of(
        draw,
        f"{input_lengths!r}, {target_lengths!r}",
        f"m.tensor({input_lengths!r}), m.tensor({target_lengths!r})",
    )
    code = f"F.ctc_loss(x.log_softmax(2), {target}, {lengths}, reduction={draw(REDUCTIONS)!r})"
    return Case(op, code, {"x": array(draw, (frames, batch, classes))})
