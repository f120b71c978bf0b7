"""Factories for helper D's nn ops (autograd_lab/ops/nn.py, section "nn_d"): activations, norms, embedding, padding.

Registered into ``factories.FACTORIES`` on import (the last line of
tests/factories.py imports this module), so that tests/test_gradients.py
and tests/test_against_torch.py check every op here against finite
differences and against PyTorch.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from factories import HELPERS, NONZERO, Case, array, away_from, distinct, factory, floats, one_of, shapes
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

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


@factory("hardtanh_backward", "leaky_relu_backward")
def _slope_backward(draw: Any, op: str) -> Case:
    """An activation's recorded backward (a second derivative's first step): ``g`` times its slope at ``y``."""
    shape = draw(shapes())
    if op == "leaky_relu_backward":
        code = one_of(
            draw,
            "activation_grad(m, F.leaky_relu, g, y)",
            "activation_grad(m, lambda t: F.leaky_relu(t, 0.2), g, y)",
        )
        domain = NONZERO
    else:
        code = one_of(
            draw,
            "activation_grad(m, F.hardtanh, g, y)",
            "activation_grad(m, lambda t: F.hardtanh(t, -0.5, 1.5), g, y)",
        )
        domain = away_from((-1.0, -0.5, 1.0, 1.5), -2.0, 2.0)
    return Case(op, code, {"g": array(draw, shape), "y": array(draw, shape, domain)})


@factory("hardsigmoid", "hardswish")
def _hard_sigmoid_and_swish(draw: Any, op: str) -> Case:
    code = one_of(draw, f"F.{op}(x)", f"F.{op}(x * 1.0, inplace=True)")
    return Case(op, code, {"x": array(draw, draw(shapes()), away_from((-3.0, 3.0), -5.0, 5.0))})


@factory("hardshrink", "softshrink")
def _shrink(draw: Any, op: str) -> Case:
    lambd = draw(st.sampled_from([0.5, 0.2, 1.0]))
    code = one_of(draw, f"F.{op}(x, {lambd})", f"F.{op}(x, lambd={lambd})")
    if lambd == 0.5:
        code = one_of(draw, code, f"F.{op}(x)")
    return Case(op, code, {"x": array(draw, draw(shapes()), away_from((-lambd, lambd), -2.0, 2.0))})


@factory("glu")
def _glu(draw: Any, op: str) -> Case:
    shape = draw(st.sampled_from([(4,), (2, 6), (4, 3), (2, 2, 4)]))
    dims = [d for d in range(-len(shape), len(shape)) if shape[d] % 2 == 0]
    dim = draw(st.sampled_from(dims))
    code = (
        one_of(draw, f"F.glu(x, {dim})", f"F.glu(x, dim={dim})")
        if dim != -1
        else one_of(draw, "F.glu(x)", "F.glu(x, -1)")
    )
    return Case(op, code, {"x": array(draw, shape, floats(-3.0, 3.0))})


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


# -- layer norm and group norm --------------------------------------------------------------------------


@factory("layer_norm")
def _layer_norm(draw: Any, op: str) -> Case:
    shape = draw(shapes(1, 3))
    dims = draw(st.integers(1, len(shape)))
    normalized = shape[len(shape) - dims :]
    if (
        math.prod(normalized) < 3
    ):  # 1 or 2 values: x̂ is 0 or ±1 whatever x is, the gradient only eps's rounding
        shape, normalized = (*shape[: len(shape) - dims], 3), (3,)
    inputs = {"x": distinct(draw, shape)}
    options = ""
    # A bias only with a weight: PyTorch's second derivative fails without one (as batch norm's).
    if draw(st.booleans()):
        inputs["w"] = array(draw, normalized)
        options += ", w"
        if draw(st.booleans()):
            inputs["b"] = array(draw, normalized)
            options += one_of(draw, ", b", ", bias=b")
    eps = one_of(draw, "", ", eps=0.01")
    return Case(op, f"F.layer_norm(x, {list(normalized)}{options}{eps})", inputs)


@factory("group_norm")
def _group_norm(draw: Any, op: str) -> Case:
    groups = draw(st.integers(1, 2))
    channels = groups * draw(st.integers(1, 2))
    shape = draw(st.sampled_from([(2, channels), (1, channels, 3), (2, channels, 2, 2)]))
    if channels // groups * math.prod(shape[2:]) < 3:  # as in layer norm: at least 3 values per group
        shape = (*shape, 3)
    inputs = {"x": distinct(draw, shape)}
    options = ""
    if draw(st.booleans()):
        inputs["w"] = array(draw, (channels,))
        options += ", w"
        if draw(st.booleans()):
            inputs["b"] = array(draw, (channels,))
            options += ", b"
    eps = one_of(draw, "", ", eps=0.01")
    return Case(op, f"F.group_norm(x, {groups}{options}{eps})", inputs)


# -- embedding ------------------------------------------------------------------------------------------------


def embedding_grad(m: Any, g: Any, indices: list, rows: int, options: dict) -> Any:
    """The gradient of a table of ``rows`` through ``F.embedding(indices, table, **options)``, recorded."""
    table = m.zeros(rows, g.shape[-1], dtype=g.dtype, requires_grad=True)
    out = m.nn.functional.embedding(m.tensor(indices), table, **options)
    return m.autograd.grad(out, table, g, create_graph=True)[0]


HELPERS["embedding_grad"] = embedding_grad


@factory("embedding", "embedding_dense_backward")
def _embedding(draw: Any, op: str) -> Case:
    rows, dim = draw(st.integers(1, 4)), draw(st.integers(1, 3))
    indices = draw(hnp.arrays(np.int64, draw(shapes(0, 2)), elements=st.integers(0, rows - 1))).tolist()
    # No padding_idx or scale_grad_by_freq: their gradients are not derivatives (finite differences would
    # disagree); tests/test_nn_more_against_torch.py holds them against PyTorch.
    if op == "embedding":
        return Case(op, f"F.embedding(m.tensor({indices!r}), w)", {"w": array(draw, (rows, dim))})
    shape = (*np.shape(indices), dim)
    return Case(op, f"embedding_grad(m, g, {indices!r}, {rows}, {{}})", {"g": array(draw, shape)})


# -- padding ---------------------------------------------------------------------------------------------------


@factory("constant_pad_nd")
def _constant_pad_nd(draw: Any, op: str) -> Case:
    shape = draw(shapes(1, 3))
    pairs = draw(st.integers(1, len(shape)))
    pad = []
    for n in reversed(shape[len(shape) - pairs :]):
        before = draw(st.integers(-(n - 1) // 2 if n > 1 else 0, 2))
        pad += [before, draw(st.integers(-(n - 1) // 2 if n > 1 else 0, 2))]
    value = one_of(draw, "", ", value=1.5", ", 'constant', -2.0")
    return Case(op, f"F.pad(x, {tuple(pad)}{value})", {"x": array(draw, shape)})


def pad_grad(m: Any, g: Any, shape: tuple, pad: tuple, mode: str) -> Any:
    """The gradient of an input of ``shape`` through ``F.pad(x, pad, mode)``, recorded."""
    x = m.zeros(shape, dtype=g.dtype, requires_grad=True)
    return m.autograd.grad(m.nn.functional.pad(x, pad, mode), x, g, create_graph=True)[0]


HELPERS["pad_grad"] = pad_grad

INDEX_PAD_OPS = [
    f"{mode}_pad{dims}d{tail}"
    for mode in ("reflect", "replicate")
    for dims in (1, 2, 3)
    for tail in ("", "_backward")
]


@factory(*INDEX_PAD_OPS)
def _index_pad(draw: Any, op: str) -> Case:
    mode = op.split("_")[0]
    dims = int(op.split("_")[1][3])
    batched = draw(st.booleans())
    shape = tuple(draw(st.integers(1, 2)) for _ in range(1 + batched)) + tuple(
        draw(st.integers(2, 4)) for _ in range(dims)
    )
    pad = []
    for n in reversed(shape[len(shape) - dims :]):
        top = n - 1 if mode == "reflect" else 3
        before = draw(st.integers(-1, top))
        pad += [before, draw(st.integers(-1 if n + before > 1 else 0, top))]  # at least one value left
    if not op.endswith("_backward"):
        return Case(op, f"F.pad(x, {tuple(pad)}, {mode!r})", {"x": array(draw, shape)})
    out_shape = (
        tuple(shape[: len(shape) - dims])
        + tuple(n + pad[2 * k] + pad[2 * k + 1] for k, n in enumerate(reversed(shape[len(shape) - dims :])))[
            ::-1
        ]
    )
    return Case(op, f"pad_grad(m, g, {shape}, {tuple(pad)}, {mode!r})", {"g": array(draw, out_shape)})


# -- normalize and distances ------------------------------------------------------------------------------------


@factory("clamp_min")
def _clamp_min(draw: Any, op: str) -> Case:
    shape = draw(shapes(1, 3))
    dim = draw(st.integers(-len(shape), len(shape) - 1))
    if shape[dim] < 2:  # one value: x/|x| = ±1 whatever x is, the gradient only rounding
        shape = (*shape[: dim % len(shape)], 2, *shape[dim % len(shape) + 1 :])
    p = draw(st.sampled_from([2.0, 1.0, 3.0]))
    return Case(op, f"F.normalize(x, p={p}, dim={dim})", {"x": distinct(draw, shape) + 0.1})


@factory("add_scalar", "norm_dim")
def _pairwise_distance(draw: Any, op: str) -> Case:
    sx, sy = draw(st.sampled_from([((2, 3), (2, 3)), ((2, 3), (3,)), ((3,), (3,)), ((1, 4), (3, 4))]))
    p = draw(st.sampled_from([2.0, 1.0, 3.0]))
    keepdim = one_of(draw, "", ", keepdim=True")
    # never x == y: |x − y| has a kink there
    inputs = {"x": distinct(draw, sx), "y": distinct(draw, sy) + 0.1}
    return Case(op, f"F.pairwise_distance(x, y, p={p}{keepdim})", inputs)


# -- losses ------------------------------------------------------------------------------------------------------


@factory("sub_scalar")
def _cosine_embedding(draw: Any, op: str) -> Case:
    batch = draw(st.booleans())
    shape = (draw(st.integers(1, 3)), draw(st.integers(2, 3))) if batch else (draw(st.integers(2, 3)),)
    labels = draw(st.lists(st.sampled_from([1, -1]), min_size=shape[0], max_size=shape[0])) if batch else -1
    inputs = {"x": distinct(draw, shape), "y": distinct(draw, shape) + 0.1}
    margin = one_of(
        draw, "", ", margin=-1.0", ", margin=-0.5"
    )  # below every cosine: away from the clamp's kink
    reduction = draw(st.sampled_from(["mean", "sum", "none"]))
    return Case(
        op, f"F.cosine_embedding_loss(x, y, m.tensor({labels!r}){margin}, reduction={reduction!r})", inputs
    )


# -- in-place activations (their own rows, as in PyTorch) ------------------------------------------------------


@factory("elu_", "celu_", "threshold_", "leaky_relu_")
def _inplace_activation(draw: Any, op: str) -> Case:
    code = {
        "elu_": one_of(
            draw, "F.elu(x * 1.0, inplace=True)", "F.elu(x * 1.0, 0.5, True)", "F.selu(x * 1.0, inplace=True)"
        ),
        "celu_": one_of(draw, "F.celu(x * 1.0, inplace=True)", "F.celu(x * 1.0, alpha=2.0, inplace=True)"),
        "threshold_": one_of(
            draw, "F.threshold(x * 1.0, 0.5, -2.0, True)", "F.threshold(x * 1.0, -0.5, 3.0, inplace=True)"
        ),
        "leaky_relu_": one_of(
            draw, "F.leaky_relu(x * 1.0, inplace=True)", "F.leaky_relu(x * 1.0, 0.2, True)"
        ),
    }[op]
    return Case(op, code, {"x": array(draw, draw(shapes()), away_from((0.0, 0.5, -0.5)))})


@factory("scaled_dot_product_flash_attention_for_cpu")
def _attention(draw: Any, op: str) -> Case:
    batch, heads, rows, columns, features = (draw(st.integers(1, 2)), draw(st.integers(1, 2)), *draw(
        st.tuples(st.integers(1, 3), st.integers(1, 3), st.integers(1, 3))))  # fmt: skip
    mask = draw(st.sampled_from(["", ", is_causal=True", ", scale=0.7", ", scale=-0.4", ", attn_mask=MASK"]))
    if mask == ", attn_mask=MASK":  # a float mask added to the scores, or a boolean one (True: take part)
        mask = draw(
            st.sampled_from(
                [
                    f", attn_mask=m.linspace(-1.0, 1.0, {rows * columns}, dtype=q.dtype).reshape({rows}, {columns})",
                    f", attn_mask=(m.arange({columns}) < {max(columns - 1, 1)}).expand({rows}, {columns})",
                ]
            )
        )
    shapes = {
        "q": (batch, heads, rows, features),
        "k": (batch, heads, columns, features),
        "v": (batch, heads, columns, features),
    }
    return Case(
        op, f"F.scaled_dot_product_attention(q, k, v{mask})", {n: array(draw, s) for n, s in shapes.items()}
    )
