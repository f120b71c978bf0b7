"""Factories for branch s5_en's ops: the in-place shape changes ``unsqueeze_`` and ``squeeze_``.

Registered into ``factories.FACTORIES`` (factories.py imports this module at
its end); tests/test_gradients.py and tests/test_against_torch.py then check
each against finite differences and PyTorch.
"""

from __future__ import annotations

from typing import Any

from factories import Case, array, dim_of, distinct, factory, shapes
from hypothesis import strategies as st


def _with_ones(draw: Any) -> tuple[int, ...]:
    """A shape with some axes of size 1 among others, for squeeze_ to drop."""
    return tuple(draw(st.sampled_from([1, 1, 2, 3])) for _ in range(draw(st.integers(0, 4))))


@factory("unsqueeze_")
def _unsqueeze_inplace(draw: Any, op: str) -> Case:
    shape = draw(shapes(0, 3))
    return Case(op, f"(x * 1.0).unsqueeze_({dim_of(draw, len(shape) + 1)})", {"x": array(draw, shape)})


@factory("squeeze_all_")
def _squeeze_all_inplace(draw: Any, op: str) -> Case:
    return Case(op, "(x * 1.0).squeeze_()", {"x": array(draw, _with_ones(draw))})


@factory("squeeze_dim_")
def _squeeze_dim_inplace(draw: Any, op: str) -> Case:
    shape = _with_ones(draw)
    return Case(op, f"(x * 1.0).squeeze_({dim_of(draw, len(shape))})", {"x": array(draw, shape)})


@factory("squeeze_dims_")
def _squeeze_dims_inplace(draw: Any, op: str) -> Case:
    shape = _with_ones(draw)
    dims = draw(st.lists(st.integers(0, max(len(shape), 1) - 1), max_size=3, unique=True))
    return Case(op, f"(x * 1.0).squeeze_({tuple(dims)})", {"x": array(draw, shape)})


@factory("mkldnn_rnn_layer", "lstm_cell_state", "lstm_cell_output")
def _mkldnn_rnn_layer(draw: Any, op: str) -> Case:
    # Only a float32 LSTM records them (the layer's node, and its cells' two fused steps): finite
    # differences in float32 need a wider step and tolerance.
    shape = (draw(st.integers(1, 3)), draw(st.integers(1, 2)), 2)
    code = "(m.manual_seed(0), m.nn.LSTM(2, 2)(x.float())[0].double())[1]"
    return Case(op, code, {"x": array(draw, shape)}, eps=1e-2, atol=2e-3)


@factory("addmm_scaled")
def _addmm_scaled(draw: Any, op: str) -> Case:
    n, k, p = (draw(st.integers(1, 4)) for _ in range(3))
    bias = draw(st.sampled_from([(n, p), (p,), (1, p), (n, 1)]))
    beta, alpha = draw(st.sampled_from([(0.5, 2.0), (0.0, 1.0), (2.0, -1.5), (1.0, 3.0)]))
    inputs = {"b": array(draw, bias), "x": array(draw, (n, k)), "y": array(draw, (k, p))}
    return Case(op, f"m.addmm(b, x, y, beta={beta}, alpha={alpha})", inputs)


def _two_point_sets(draw: Any, batch: tuple, columns: int) -> dict:
    """Two sets of points with no coordinate shared (no zero distance, no tie for the largest difference)."""
    p_rows, r_rows = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    points = distinct(draw, (*batch, p_rows + r_rows, columns))
    return {"a": points[..., :p_rows, :], "b": points[..., p_rows:, :]}


@factory("cdist")
def _cdist(draw: Any, op: str) -> Case:
    p = draw(st.sampled_from([0.0, 0.5, 1.0, 1.5, 2.0, 3.0, float("inf")]))
    columns = 1 if p == float("inf") else draw(st.integers(1, 3))  # one coordinate: no tie for the largest
    inputs = _two_point_sets(draw, draw(st.sampled_from([(), (2,)])), columns)
    return Case(op, f"m.cdist(a, b, p={p!r})".replace("inf", "float('inf')"), inputs)


@factory("euclidean_dist")
def _euclidean_dist(draw: Any, op: str) -> Case:
    inputs = _two_point_sets(draw, draw(st.sampled_from([(), (2,)])), draw(st.integers(1, 3)))
    return Case(op, "m.cdist(a, b, compute_mode='use_mm_for_euclid_dist')", inputs, atol=1e-6)
