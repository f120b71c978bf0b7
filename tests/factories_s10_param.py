"""Factories for the ops of branch s10_param: the matrix exponential.

Registered into ``factories.FACTORIES`` on import (``tests/factories.py``
imports this module at its end), so ``test_gradients.py`` and
``test_against_torch.py`` check it like every other op.
"""

from __future__ import annotations

from typing import Any

from factories import Case, array, factory, floats, one_of
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
