"""Factories for helper C's ops: rounding division, lerp, atan2 ... and the linear algebra.

Registered into ``factories.FACTORIES`` on import (``tests/factories.py``
imports this module at its end), so ``test_gradients.py`` and
``test_against_torch.py`` check every op here like the others.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from factories import NONZERO, POSITIVE, SMOOTH, Case, array, away_from, factory, floats, one_of, shapes
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp


def _pair(draw: Any) -> tuple[tuple[int, ...], tuple[int, ...]]:
    return draw(hnp.mutually_broadcastable_shapes(num_shapes=2, max_dims=3, max_side=4)).input_shapes


# -- operators and functions of two numbers ----------------------------------------------------


@factory("div_mode")
def _div_mode(draw: Any, op: str) -> Case:
    # away from the jumps: x/y never near a whole number
    shape = draw(shapes())
    quotient = array(draw, shape, away_from((-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0), -3.5, 3.5, 0.1))
    mode = one_of(draw, "floor", "trunc")
    if draw(st.booleans()):
        code = f"m.div(x, 0.7, rounding_mode={mode!r})"
        return Case(op, code, {"x": np.asarray(quotient * 0.7)})
    y = array(draw, shape, NONZERO)
    code = one_of(draw, f"m.div(x, y, rounding_mode={mode!r})", f"x.div(y, rounding_mode={mode!r})")
    return Case(op, code, {"x": np.asarray(quotient * y), "y": y})


@factory("lerp", "lerp_tensor")
def _lerp(draw: Any, op: str) -> Case:
    shape = draw(shapes())
    inputs = {"x": array(draw, shape), "y": array(draw, shape)}
    if op == "lerp":
        w = draw(st.sampled_from([0.25, 0.5, 0.75, -0.5, 1.5]))
        return Case(op, one_of(draw, f"m.lerp(x, y, {w})", f"x.lerp(y, {w})"), inputs)
    inputs["w"] = array(draw, shape, away_from((0.5, -0.5), -1.5, 1.5))
    return Case(op, one_of(draw, "m.lerp(x, y, w)", "x.lerp(y, w)"), inputs)


@factory("atan2", "hypot", "logaddexp")
def _two_numbers(draw: Any, op: str) -> Case:
    sx, sy = _pair(draw)
    inputs = {"x": array(draw, sx, NONZERO), "y": array(draw, sy, NONZERO)}
    forms = [f"m.{op}(x, y)", f"x.{op}(y)"] + (["m.arctan2(x, y)"] if op == "atan2" else [])
    return Case(op, one_of(draw, *forms), inputs)


@factory("xlogy", "xlogy_scalar_self", "xlogy_scalar_other")
def _xlogy(draw: Any, op: str) -> Case:
    sx, sy = _pair(draw)
    if op == "xlogy_scalar_self":
        return Case(op, "m.xlogy(1.5, y)", {"y": array(draw, sy, POSITIVE)})
    if op == "xlogy_scalar_other":
        return Case(op, one_of(draw, "m.xlogy(x, 2.5)", "x.xlogy(0.5)"), {"x": array(draw, sx, NONZERO)})
    inputs = {"x": array(draw, sx, NONZERO), "y": array(draw, sy, POSITIVE)}
    return Case(op, one_of(draw, "m.xlogy(x, y)", "x.xlogy(y)"), inputs)


@factory("sinc", "deg2rad", "rad2deg")
def _angles(draw: Any, op: str) -> Case:
    # near 0 (but not at it) the rule cancels: float32 keeps 1 ulp of cos π·a times 3/(πa)², 2e-5 at a = 0.03
    domain = away_from((0.0,), -3.0, 3.0, 0.1) if op == "sinc" else SMOOTH
    return Case(op, one_of(draw, f"m.{op}(x)", f"x.{op}()"), {"x": array(draw, draw(shapes()), domain)})


# -- products -------------------------------------------------------------------------------------

SIDE = st.integers(1, 4)


@factory("linalg_cross")
def _cross(draw: Any, op: str) -> Case:
    shape = list(draw(shapes(1, 3)))
    d = draw(st.integers(0, len(shape) - 1))
    shape[d] = 3
    other = [1 if draw(st.booleans()) and i != d else n for i, n in enumerate(shape)]
    forms = [f"m.cross(x, y, dim={d})", f"x.cross(y, dim={d})", f"m.linalg.cross(x, y, dim={d - len(shape)})"]
    if d == len(shape) - 1:
        forms.append("m.linalg.cross(x, y)")
    return Case(op, one_of(draw, *forms), {"x": array(draw, tuple(shape)), "y": array(draw, tuple(other))})


SCALES = st.sampled_from(["", ", beta=0.5", ", alpha=2.0", ", beta=-1.0, alpha=0.5"])


@factory("addmv", "baddbmm", "addbmm")
def _add_products(draw: Any, op: str) -> Case:
    b, n, k, p = (draw(SIDE) for _ in range(4))
    scales = draw(SCALES)
    if op == "addmv":
        bias = draw(st.sampled_from([(n,), (1,), ()]))
        inputs = {"c": array(draw, bias), "x": array(draw, (n, k)), "y": array(draw, (k,))}
        return Case(op, one_of(draw, f"m.addmv(c, x, y{scales})", f"c.addmv(x, y{scales})"), inputs)
    inputs = {"x": array(draw, (b, n, k)), "y": array(draw, (b, k, p))}
    bias = (b, n, p) if op == "baddbmm" else (n, p)
    inputs = {"c": array(draw, draw(st.sampled_from([bias, bias[1:], (1,)]))), **inputs}
    return Case(op, one_of(draw, f"m.{op}(c, x, y{scales})", f"c.{op}(x, y{scales})"), inputs)


@factory("dist")
def _dist(draw: Any, op: str) -> Case:
    shape = draw(shapes())
    p = draw(st.sampled_from(["", ", 1", ", 3", ", p=2.5"]))
    x = array(draw, shape)
    y = np.asarray(x + array(draw, shape, NONZERO))  # |x − y| away from 0 in every element: the norm's kink
    return Case(op, one_of(draw, f"m.dist(x, y{p})", f"x.dist(y{p})"), {"x": x, "y": y})


# -- decompositions -----------------------------------------------------------------------------


def _well_conditioned(draw: Any, n: int, batch: tuple = ()) -> np.ndarray:
    """A matrix (or batch) near 3·I: far from singular, so finite differences stay accurate."""
    return np.asarray(array(draw, (*batch, n, n), floats(-0.7, 0.7)) + 3.0 * np.eye(n))


def _batch(draw: Any) -> tuple:
    return draw(st.sampled_from([(), (), (2,), (1, 2)]))


@factory("linalg_inv", "linalg_det", "slogdet_sign", "slogdet_logabsdet")
def _inverse_and_determinant(draw: Any, op: str) -> Case:
    x = _well_conditioned(draw, draw(SIDE), _batch(draw))
    if draw(st.booleans()):
        x = -x  # a negative determinant for odd sizes
    forms = {
        "linalg_inv": ["m.linalg.inv(x)", "m.inverse(x)", "x.inverse()", "m.linalg.matrix_power(x, -1)"],
        "linalg_det": ["m.linalg.det(x)", "m.det(x)", "x.det()"],
        # the sign sends no gradient at all (x.grad would stay None): x reaches the output another way too
        "slogdet_sign": ["m.slogdet(x)[0] * x.sum()", "m.linalg.slogdet(x).sign * x.sum()"],
        "slogdet_logabsdet": ["m.slogdet(x)[1]", "m.linalg.slogdet(x).logabsdet", "x.slogdet().logabsdet"],
    }[op]
    return Case(op, one_of(draw, *forms), {"x": x})


@factory("linalg_svdvals")
def _singular_values(draw: Any, op: str) -> Case:
    rows, columns = draw(SIDE), draw(SIDE)
    spread = np.zeros((rows, columns))
    np.fill_diagonal(spread, 1.0 + 1.5 * np.arange(min(rows, columns)))  # singular values far apart
    x = np.asarray(array(draw, (*_batch(draw), rows, columns), floats(-0.2, 0.2)) + spread)
    # float32 singular vectors come from different LAPACK builds (OpenBLAS here, MKL in PyTorch): the
    # gradient uu·vᵀ agrees to about 2e-6 absolute, not 1e-6 (as eigh's, below).
    return Case(
        op,
        one_of(draw, "m.linalg.svdvals(x)", "m.linalg.svdvals(x) * m.arange(1.0, 1.0 + min(x.shape[-2:]))"),
        {"x": x},
        float32_atol=1e-5,
    )


@factory("linalg_solve")
def _solve(draw: Any, op: str) -> Case:
    n, batch = draw(SIDE), _batch(draw)
    a = _well_conditioned(draw, n, batch)
    b_shape = draw(st.sampled_from([(n,), (n, draw(SIDE)), (*batch, n, 2)]))
    code = one_of(draw, "m.linalg.solve(a, b)", "m.linalg.solve(a, b, left=True)")
    if draw(st.booleans()):  # X A = B: B's rows have A's size, and B as many dims as A (else PyTorch refuses)
        b_shape = (*batch, draw(SIDE), n)
        code = "m.linalg.solve(a, b, left=False)"
    return Case(op, code, {"a": a, "b": array(draw, b_shape)})


@factory("linalg_solve_triangular")
def _solve_triangular(draw: Any, op: str) -> Case:
    n, batch = draw(SIDE), _batch(draw)
    a = _well_conditioned(draw, n, batch)  # its other triangle is ignored (and gets no gradient)
    upper, left, unit = draw(st.booleans()), draw(st.booleans()), draw(st.booleans())
    b_shape = (*batch, n, draw(SIDE)) if left else (draw(SIDE), n)
    code = f"m.linalg.solve_triangular(a, b, upper={upper}, left={left}, unitriangular={unit})"
    return Case(op, code, {"a": a, "b": array(draw, b_shape)})


@factory("linalg_cholesky")
def _cholesky(draw: Any, op: str) -> Case:
    n = draw(SIDE)
    x = array(draw, (*_batch(draw), n, n), floats(-1.0, 1.0))
    spd = f"x @ x.mT + {n}.0 * m.eye({n}, dtype=x.dtype)"
    code = one_of(draw, f"m.linalg.cholesky({spd})", f"m.linalg.cholesky({spd}, upper=True)")
    return Case(op, code, {"x": x})


@factory("linalg_eigh_values", "linalg_eigh_vectors")
def _eigh(draw: Any, op: str) -> Case:
    # Eigenvalues 1 apart (a diagonal of 0, 1, 2 ... plus at most 0.2 per element, symmetrised): the
    # eigenvectors' derivative divides by the gaps.  Eigenvectors are squared: their signs vary by LAPACK.
    n = draw(SIDE)
    x = np.asarray(np.diag(np.arange(n) * 0.5) + array(draw, (*_batch(draw), n, n), floats(-0.05, 0.05)))
    uplo = one_of(draw, "", ", UPLO='U'")
    if op == "linalg_eigh_values":
        forms = [f"m.linalg.eigvalsh(x + x.mT{uplo})", f"m.linalg.eigh(x + x.mT{uplo}).eigenvalues"]
    else:
        forms = [f"m.linalg.eigh(x + x.mT{uplo})[1] ** 2", f"m.linalg.eigh(x + x.mT{uplo}).eigenvectors ** 2"]
    # float32 eigenvectors come from different LAPACK builds (OpenBLAS here, MKL in PyTorch): their
    # derivatives, divided by the eigenvalue gaps, agree to about 1e-5 absolute, not 1e-6.
    return Case(op, one_of(draw, *forms), {"x": x}, float32_atol=1e-5)


def _pivoted(draw: Any) -> np.ndarray:
    """A matrix (or batch), square, wide or tall, whose LU pivots are clear: rows of 3·I plus at most 0.7 per
    element, shuffled, so that a small change never swaps a different row up (finite differences hold)."""
    rows, columns = draw(SIDE), draw(SIDE)
    x = np.asarray(
        array(draw, (*_batch(draw), rows, columns), floats(-0.7, 0.7)) + 3.0 * np.eye(rows, columns)
    )
    return x[..., draw(st.permutations(range(rows))), :]


@factory("lu_packed", "lu_lower", "lu_upper")
def _lu(draw: Any, op: str) -> Case:
    forms = {
        "lu_packed": [
            "m.linalg.lu_factor(x).LU",
            "m.linalg.lu_factor_ex(x)[0]",
            "m.linalg.lu_factor(x)[0] ** 2",
        ],
        "lu_lower": ["m.linalg.lu(x).L", "m.linalg.lu(x)[1] ** 2"],
        "lu_upper": ["m.linalg.lu(x).U", "m.linalg.lu(x)[2] ** 2"],
    }[op]
    return Case(op, one_of(draw, *forms), {"x": _pivoted(draw)})


@factory("lu_unpack_lower", "lu_unpack_upper")
def _lu_unpack(draw: Any, op: str) -> Case:
    rows, columns = draw(SIDE), draw(SIDE)
    packed = array(draw, (*_batch(draw), rows, columns), floats(-2.0, 2.0))
    pivots = f"m.ones({packed.shape[:-2] + (min(rows, columns),)}, dtype=m.int32)"  # no swaps
    field = "L" if op == "lu_unpack_lower" else "U"
    return Case(op, f"m.lu_unpack(x, {pivots}).{field}", {"x": packed})


@factory("lu_solve")
def _lu_solve(draw: Any, op: str) -> Case:
    n, batch = draw(SIDE), _batch(draw)
    a = _well_conditioned(draw, n, batch)[..., draw(st.permutations(range(n))), :]
    left, adjoint = draw(st.booleans()), draw(st.booleans())
    b = array(draw, (*batch, n, draw(SIDE)) if left else (*batch, draw(SIDE), n))
    code = f"m.linalg.lu_solve(*m.linalg.lu_factor(a), b, left={left}, adjoint={adjoint})"
    return Case(op, code, {"a": a, "b": b})
