"""Hypothesis factories for gather, scatter, masks and the ops that move elements (branch breadth_b).

Registered into ``factories.FACTORIES`` (factories.py imports this module at
its end), so tests/test_gradients.py and tests/test_against_torch.py check
each op against finite differences and against PyTorch.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from factories import HELPERS, Case, array, dim_of, factory, literal, one_of, shapes
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp


def _rng(draw: Any) -> np.random.Generator:
    return np.random.default_rng(draw(st.integers(0, 2**32 - 1)))


def _index_shape(draw: Any, shape: tuple, dim: int, most: int | None = None) -> tuple:
    """An index shape for gather/scatter: no larger than ``shape`` outside ``dim``, 1 to ``most`` along it."""
    top = most if most is not None else 4
    return tuple(draw(st.integers(1, top if d == dim else n)) for d, n in enumerate(shape))


def _positions(draw: Any, shape: tuple, dim: int, unique: bool) -> np.ndarray:
    """An index for gather/scatter along ``dim``; ``unique``: no position named twice along a fibre."""
    size = shape[dim]
    index_shape = _index_shape(draw, shape, dim, size if unique else None)
    rng = _rng(draw)
    if not unique:
        return rng.integers(0, size, index_shape)
    moved = index_shape[:dim] + index_shape[dim + 1 :] + (index_shape[dim],)
    fibres = [rng.permutation(size)[: index_shape[dim]] for _ in range(int(np.prod(moved[:-1])))]
    return np.moveaxis(np.array(fibres, dtype=np.int64).reshape(moved), -1, dim)


@factory("gather")
def _gather(draw: Any, op: str) -> Case:
    shape = draw(shapes(1))
    d = dim_of(draw, len(shape))
    index = _positions(draw, shape, d % len(shape), unique=False)
    x = {"x": array(draw, shape)}
    forms = [f"x.gather({d}, {literal(index)})", f"m.gather(x, {d}, index={literal(index)})"]
    flat = _rng(draw).integers(0, int(np.prod(shape)), draw(shapes(1, 2)))
    along = index[
        tuple(
            slice(None) if i == d % len(shape) or n == shape[i] else slice(0, 1)
            for i, n in enumerate(index.shape)
        )
    ]  # broadcasts: each size is x's or 1
    forms += [f"m.take_along_dim(x, {literal(flat)})", f"x.take_along_dim({literal(along)}, dim={d})"]
    return Case(op, one_of(draw, *forms), x)


@factory("scatter", "scatter_value", "scatter_add")
def _scatter(draw: Any, op: str) -> Case:
    shape = draw(shapes(1))
    d = dim_of(draw, len(shape))
    index = _positions(
        draw, shape, d % len(shape), unique=op != "scatter_add"
    )  # scatter: one write per place
    i = literal(index)
    x = array(draw, shape)
    if op == "scatter_value":
        c = draw(st.sampled_from([0.0, 1.5, -2.0]))
        code = one_of(
            draw,
            f"x.scatter({d}, {i}, {c})",
            f"m.scatter(x, {d}, {i}, value={c})",
            f"(x * 1.0).scatter_({d}, {i}, {c})",
        )
        return Case(op, code, {"x": x})
    name = op
    code = one_of(
        draw, f"x.{name}({d}, {i}, src)", f"m.{name}(x, {d}, {i}, src)", f"(x * 1.0).{name}_({d}, {i}, src)"
    )
    return Case(op, code, {"x": x, "src": array(draw, index.shape)})


@factory("index_add")
def _index_add(draw: Any, op: str) -> Case:
    shape = draw(shapes(1))
    d = dim_of(draw, len(shape))
    picks = draw(st.lists(st.integers(0, shape[d] - 1), min_size=1, max_size=4))  # repeats too
    source_shape = tuple(len(picks) if i == d % len(shape) else n for i, n in enumerate(shape))
    alpha = one_of(draw, "", ", alpha=2.0", ", alpha=-0.5")
    code = one_of(
        draw,
        f"x.index_add({d}, m.tensor({picks}), source{alpha})",
        f"m.index_add(x, {d}, m.tensor({picks}), source{alpha})",
        f"(x * 1.0).index_add_({d}, m.tensor({picks}), source{alpha})",
    )
    return Case(op, code, {"x": array(draw, shape), "source": array(draw, source_shape)})


@factory("masked_fill", "masked_fill_tensor", "masked_select", "masked_scatter")
def _masked(draw: Any, op: str) -> Case:
    sx, sm = draw(hnp.mutually_broadcastable_shapes(num_shapes=2, max_dims=3, max_side=4)).input_shapes
    if op == "masked_scatter":
        mask = draw(hnp.arrays(np.bool_, np.broadcast_shapes(sx, sm)))
        if draw(st.booleans()):  # masked_select's backward, recorded with create_graph
            code = f"recorded_grad(m, g, {sx}, lambda y: y.masked_select({literal(mask)}))"
            return Case(op, code, {"g": array(draw, (int(mask.sum()),))})
        spare = draw(st.integers(0, 2))  # source may hold more than the mask takes
        source = array(draw, (int(mask.sum()) + spare,))
        x = array(draw, mask.shape)
        code = one_of(
            draw, f"x.masked_scatter({literal(mask)}, s)", f"(x * 1.0).masked_scatter_({literal(mask)}, s)"
        )
        return Case(op, code, {"x": x, "s": source})
    inplace = op != "masked_select" and draw(st.booleans())
    if inplace:  # the mask broadcasts to x, never the other way
        sm = sm if np.broadcast_shapes(sx, sm) == sx else sx
    mask = literal(draw(hnp.arrays(np.bool_, sm)))
    x = {"x": array(draw, sx)}
    if op == "masked_select":
        return Case(op, one_of(draw, f"x.masked_select({mask})", f"m.masked_select(x, {mask})"), x)
    method = "masked_fill_" if inplace else "masked_fill"
    target = "(x * 1.0)" if inplace else "x"
    if op == "masked_fill":
        c = draw(st.sampled_from([0.0, -1.5, 2.0]))
        return Case(op, f"{target}.{method}({mask}, {c})", x)
    return Case(op, f"{target}.{method}({mask}, v)", {**x, "v": array(draw, ())})


@factory("take", "put")
def _take(draw: Any, op: str) -> Case:
    shape = draw(shapes(0))
    n = int(np.prod(shape))
    index = _rng(draw).integers(-n, n, draw(shapes(0, 2)))
    if op == "put":  # take's backward, recorded with create_graph
        code = f"recorded_grad(m, g, {shape}, lambda y: y.take({literal(index)}))"
        return Case(op, code, {"g": array(draw, index.shape)})
    code = one_of(draw, f"x.take({literal(index)})", f"m.take(x, {literal(index)})")
    return Case(op, code, {"x": array(draw, shape)})


# -- repeat, flip, roll, rot90 ------------------------------------------------------------


@factory("repeat")
def _repeat(draw: Any, op: str) -> Case:
    shape = draw(shapes(0, 2))
    extra = draw(st.integers(0 if shape else 1, 1))  # a new leading dimension, or not
    repeats = tuple(draw(st.integers(1, 3)) for _ in range(len(shape) + extra))
    x = {"x": array(draw, shape)}
    forms = [f"x.repeat({', '.join(map(str, repeats))})", f"x.repeat({list(repeats)})"]
    if len(repeats) > 1:
        forms.append(f"m.tile(x, {repeats[1:]})")  # tile puts ones in front of fewer counts
    return Case(op, one_of(draw, *forms), x)


@factory("flip", "roll", "rot90")
def _reorder(draw: Any, op: str) -> Case:
    shape = draw(shapes(2 if op == "rot90" else 1))
    ndim = len(shape)
    x = {"x": array(draw, shape)}
    dims = draw(st.lists(st.integers(0, ndim - 1), min_size=1, max_size=ndim, unique=True))
    if op == "flip":
        forms = [f"x.flip({dims})", f"m.flip(x, {tuple(dims)})", f"x.flip({', '.join(map(str, dims))})"]
        if ndim >= 2:
            forms.append("x.fliplr()")
        forms.append("m.flipud(x)")
        return Case(op, one_of(draw, *forms), x)
    if op == "roll":
        shifts = [draw(st.integers(-5, 5)) for _ in dims]
        forms = [
            f"x.roll({shifts}, {dims})",
            f"m.roll(x, shifts={shifts[0]})",
            f"x.roll({shifts[0]}, {dims[0]})",
        ]
        return Case(op, one_of(draw, *forms), x)
    k = draw(st.integers(-5, 5))
    pair = draw(st.permutations(range(ndim)))[:2]
    return Case(op, one_of(draw, f"x.rot90({k}, {pair})", "x.rot90()", f"m.rot90(x, {k})"), x)


# -- triangles and diagonals ------------------------------------------------------------------------


@factory("tril", "triu")
def _triangle(draw: Any, op: str) -> Case:
    shape = draw(shapes(2))
    k = draw(st.integers(-3, 3))
    code = one_of(draw, f"x.{op}()", f"x.{op}({k})", f"m.{op}(x, diagonal={k})", f"(x * 1.0).{op}_({k})")
    return Case(op, code, {"x": array(draw, shape)})


@factory("diagonal", "diagonal_copy", "diagonal_backward", "diag_embed", "trace")
def _diagonals(draw: Any, op: str) -> Case:
    offset = draw(st.integers(-2, 2))
    if op == "trace":
        return Case(op, one_of(draw, "x.trace()", "m.trace(x)"), {"x": array(draw, draw(shapes(2, 2)))})
    if op == "diagonal_copy":
        return Case(
            op, one_of(draw, f"x.diag({offset})", "m.diag(x)"), {"x": array(draw, draw(shapes(2, 2)))}
        )
    if op == "diag_embed":
        shape = draw(shapes(1, 2))
        forms = [f"x.diag_embed({offset})", f"m.diag_embed(x, {offset}, 0, -1)"]
        if len(shape) == 1:
            forms.append(f"m.diag(x, {offset})")
        return Case(op, one_of(draw, *forms), {"x": array(draw, shape)})
    shape = draw(shapes(2))
    ndim = len(shape)
    dim1, dim2 = draw(st.permutations(range(ndim)))[:2]
    view = f"y.diagonal({offset}, {dim1}, {dim2})"
    if op == "diagonal_backward":  # the backward of diagonal, recorded with create_graph
        g = array(draw, np.diagonal(np.empty(shape), offset, dim1, dim2).shape)
        return Case(op, f"recorded_grad(m, g, {shape}, lambda y: {view})", {"g": g})
    forms = [
        f"x.diagonal({offset}, {dim1}, {dim2})",
        f"m.diagonal(x, offset={offset}, dim1={dim1}, dim2={dim2})",
    ]
    return Case(op, one_of(draw, *forms), {"x": array(draw, shape)})


# -- windows, in-place transpose, blocks ----------------------------------------------------------------


@factory("unfold_windows", "unfold_windows_backward")
def _unfold(draw: Any, op: str) -> Case:
    shape = draw(shapes(1))
    d = dim_of(draw, len(shape))
    n = shape[d]
    size, step = draw(st.integers(0 if op == "unfold_windows" else 1, n)), draw(st.integers(1, 3))
    if op == "unfold_windows_backward":  # the backward of unfold, recorded with create_graph
        windows = np.empty(shape)[(slice(None),) * (d % len(shape)) + (slice(0, (n - size) // step + 1),)]
        g = array(draw, (*windows.shape, size))
        return Case(op, f"recorded_grad(m, g, {shape}, lambda y: y.unfold({d}, {size}, {step}))", {"g": g})
    return Case(op, f"x.unfold({d}, {size}, {step})", {"x": array(draw, shape)})


def recorded_grad(m: Any, g: Any, shape: tuple, make_view: Any) -> Any:
    """The gradient of ``x`` (of ``shape``) through ``make_view(x)``, recorded (create_graph): g sent back."""
    x = m.zeros(shape, dtype=g.dtype, requires_grad=True)
    return m.autograd.grad(make_view(x), x, g, create_graph=True)[0]


HELPERS["recorded_grad"] = recorded_grad


@factory("t_")
def _t_inplace(draw: Any, op: str) -> Case:
    return Case(op, "(x * 1.0).t_()", {"x": array(draw, draw(shapes(0, 2)))})


@factory("block_diag")
def _block_diag(draw: Any, op: str) -> Case:
    count = draw(st.integers(1, 3))
    inputs = {f"b{i}": array(draw, draw(shapes(0, 2))) for i in range(count)}
    return Case(op, f"m.block_diag({', '.join(inputs)})", inputs)


@factory("contiguous")
def _contiguous(draw: Any, op: str) -> Case:
    middle = draw(shapes(0, 1))
    shape = (draw(st.integers(2, 4)), *middle, draw(st.integers(2, 4)))  # its transpose is not contiguous
    forms = ["x.transpose(0, -1).contiguous()", "x.permute(*reversed(range(x.dim()))).contiguous()"]
    if not middle:
        forms.append("x.t().contiguous()")
    return Case(op, one_of(draw, *forms), {"x": array(draw, shape)})
