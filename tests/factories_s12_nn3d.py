"""Factories for the ops of branch s12_nn3d: ``rrelu_with_noise_`` (``F.rrelu(inplace=True)``).

Registered into ``factories.FACTORIES`` on import (the last lines of
tests/factories.py import this module), so that tests/test_gradients.py
and tests/test_against_torch.py check every op here against finite
differences and against PyTorch.
"""

from __future__ import annotations

from typing import Any

from factories import NONZERO, Case, array, factory, one_of, shapes


@factory("rrelu_with_noise_")
def _rrelu_inplace(draw: Any, op: str) -> Case:
    """Away from 0 (the kink); training draws its slopes after the same seed each time it runs."""
    code = one_of(
        draw,
        "F.rrelu(x * 1.0, inplace=True)",
        "F.rrelu(x * 1.0, 0.1, 0.3, False, True)",
        "(m.manual_seed(0), F.rrelu(x * 1.0, 0.1, 0.3, True, True))[1]",
        "(m.manual_seed(2), F.rrelu(x * 1.0, training=True, inplace=True))[1]",
    )
    return Case(op, code, {"x": array(draw, draw(shapes()), NONZERO)})
