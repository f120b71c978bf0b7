"""Factories for the ops of branch s10_norms: bilinear's ``_trilinear`` and local response norm's depth pooling.

Registered into ``factories.FACTORIES`` on import (``tests/factories.py``
imports this module at its end), so ``test_gradients.py`` and
``test_against_torch.py`` check them like every other op.
"""

from __future__ import annotations

from typing import Any

from factories import POSITIVE, Case, array, factory, one_of
from hypothesis import strategies as st


@factory("trilinear")
def _trilinear(draw: Any, op: str) -> Case:
    # F.bilinear: batch dims (none, one or two), in1, in2, out features; with or without a bias
    batch = draw(st.sampled_from([(), (1,), (3,), (2, 2)]))
    in1, in2, out = (draw(st.integers(1, 3)) for _ in range(3))
    inputs = {
        "x1": array(draw, (*batch, in1)),
        "x2": array(draw, (*batch, in2)),
        "w": array(draw, (out, in1, in2)),
        "b": array(draw, (out,)),
    }
    code = one_of(
        draw, "F.bilinear(x1, x2, w, b)", "F.bilinear(x1, x2, w) + b", "F.bilinear(x1, x2, w, bias=b)"
    )
    return Case(op, code, inputs)


@factory("avg_pool3d_depth")
def _avg_pool3d_depth(draw: Any, op: str) -> Case:
    # local_response_norm of a 4-d or 5-d input pools the squares over `size` channels (with a 3-d window)
    shape = draw(st.sampled_from([(1, 3, 2, 2), (2, 4, 1, 3), (1, 2, 2, 1, 2)]))
    size = draw(st.integers(1, 4))
    alpha, beta, k = draw(st.sampled_from([(1e-4, 0.75, 1.0), (0.5, 0.5, 1.0), (1.0, 2.0, 0.5)]))
    code = f"F.local_response_norm(x, {size}, alpha={alpha}, beta={beta}, k={k})"
    return Case(op, code, {"x": array(draw, shape, POSITIVE)})
