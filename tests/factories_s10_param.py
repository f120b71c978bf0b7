"""Factories for the ops of branch s10_param: the matrix exponential.

Registered into ``factories.FACTORIES`` on import (``tests/factories.py``
imports this module at its end), so ``test_gradients.py`` and
``test_against_torch.py`` check it like every other op.
"""

from __future__ import annotations

from typing import Any

from factories import NONZERO, Case, array, factory, floats, one_of
from hypothesis import strategies as st


@factory("linalg_matrix_exp")
def _matrix_exp(draw: Any, op: str) -> Case:
    # Every degree PyTorch picks by the 1-norm: small matrices (Taylor degree 4 to 12) and,
    # scaled up, the degree-18 polynomial with scaling and squaring.
    n = draw(st.integers(1, 4))
    batch = draw(st.sampled_from([(), (), (2,), (1, 2)]))
    x = array(draw, (*batch, n, n), floats(-1.0, 1.0))
    scale = draw(st.sampled_from(["", " * 0.05", " * 0.3", " * 3.0"]))
    code = one_of(
        draw, f"m.matrix_exp(x{scale})", f"m.linalg.matrix_exp(x{scale})", f"(x{scale}).matrix_exp()"
    )
    return Case(op, code, {"x": x})


@factory("weight_norm_interface")
def _weight_norm(draw: Any, op: str) -> Case:
    # v away from 0 (its norm is divided by); g one number per slice along dim (the first or the last)
    ndim = draw(st.integers(1, 3))
    shape = tuple(draw(st.integers(1, 4)) for _ in range(ndim))
    dim = draw(st.sampled_from(sorted({0, ndim - 1})))
    g_shape = tuple(size if axis == dim else 1 for axis, size in enumerate(shape))
    inputs = {"v": array(draw, shape, NONZERO), "g": array(draw, g_shape)}
    return Case(op, f"m._weight_norm(v, g, {dim})", inputs)
