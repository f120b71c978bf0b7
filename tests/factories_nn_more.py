"""Factories for helper D's nn ops (autograd_lab/ops/nn.py, section "nn_d"): activations, norms, embedding, padding.

Registered into ``factories.FACTORIES`` on import (the last line of
tests/factories.py imports this module), so that tests/test_gradients.py
and tests/test_against_torch.py check every op here against finite
differences and against PyTorch.
"""

from __future__ import annotations

from typing import Any

from factories import NONZERO, Case, array, away_from, factory, floats, one_of, shapes
from hypothesis import strategies as st

# -- activations ---------------------------------------------------------------------------------------


@factory("elu")
def _elu(draw: Any, op: str) -> Case:
    code = one_of(draw, "F.elu(x)", "F.elu(x, 0.5)", "F.elu(x, alpha=2.0)", "F.selu(x)")
    return Case(op, code, {"x": array(draw, draw(shapes()), NONZERO)})


@factory("celu")
def _celu(draw: Any, op: str) -> Case:
    code = one_of(draw, "F.celu(x)", "F.celu(x, 0.5)", "F.celu(x, alpha=2.0)")
    return Case(op, code, {"x": array(draw, draw(shapes()), NONZERO)})


@factory("silu", "mish", "log_sigmoid")
def _smooth_activation(draw: Any, op: str) -> Case:
    code = {"silu": "F.silu(x)", "mish": "F.mish(x)", "log_sigmoid": "F.logsigmoid(x)"}[op]
    return Case(op, code, {"x": array(draw, draw(shapes()), floats(-3.0, 3.0))})


@factory("softplus")
def _softplus(draw: Any, op: str) -> Case:
    beta, threshold = draw(st.sampled_from([(1.0, 20.0), (2.0, 1.0), (0.5, 0.4)]))
    code = one_of(
        draw, f"F.softplus(x, {beta}, {threshold})", f"F.softplus(x, beta={beta}, threshold={threshold})"
    )
    if beta == 1.0:
        code = one_of(draw, code, "F.softplus(x)")
    return Case(op, code, {"x": array(draw, draw(shapes()), away_from((threshold / beta,), -3.0, 3.0))})


@factory("hardtanh")
def _hardtanh(draw: Any, op: str) -> Case:
    low, high, code = draw(
        st.sampled_from(
            [
                (-1.0, 1.0, "F.hardtanh(x)"),
                (-0.5, 1.5, "F.hardtanh(x, -0.5, 1.5)"),
                (0.0, 6.0, "F.relu6(x * 4)"),
            ]
        )
    )
    scale = 4 if "* 4" in code else 1
    domain = away_from((low / scale, high / scale), -2.0, 2.0, 0.05 / scale)
    return Case(op, code, {"x": array(draw, draw(shapes()), domain)})


@factory("threshold")
def _threshold(draw: Any, op: str) -> Case:
    code = one_of(draw, "F.threshold(x, 0.5, -2.0)", "F.threshold(x, threshold=-0.5, value=3.0)")
    return Case(op, code, {"x": array(draw, draw(shapes()), away_from((0.5, -0.5)))})


@factory("prelu")
def _prelu(draw: Any, op: str) -> Case:
    shape = draw(shapes(1, 3))
    channels = shape[1] if len(shape) >= 2 else 1
    weights = draw(st.sampled_from([(1,), (channels,)]))
    inputs = {"x": array(draw, shape, NONZERO), "w": array(draw, weights, floats(0.05, 0.5))}
    return Case(op, one_of(draw, "F.prelu(x, w)", "F.prelu(x * 1.0, w)"), inputs)
