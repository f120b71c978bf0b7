"""The matrix exponential, ``torch.matrix_exp`` (``torch.linalg.matrix_exp``), computed as PyTorch computes it.

PyTorch sums a Taylor polynomial of ``A`` of degree 1, 2, 4, 8, 12 or 18,
the lowest whose error bound holds for ``A``'s 1-norm (its largest column
sum of absolute values), each evaluated with few matrix products (Bader,
Blanes and Casas, 2019); above the last bound, ``A`` is first divided by
``2ˢ`` and the result squared ``s`` times.  A batch of several matrices
always gets degree 18 (with the scaling where needed).  The same steps run here, so the
values agree with PyTorch's up to float rounding.

Its derivative is PyTorch's too: the gradient ``G`` goes back as the top
right block of ``exp([[Aᵀ, G], [0, Aᵀ]])``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..tensor import Tensor
from ._core import defop, export, rule
from .linalg import _mT, _square_matrices
from .shape import cat, narrow

# The largest 1-norm each degree (1, 2, 4, 8, 12, 18) serves, in float32 and in float64.
_THETAS = {
    "float": (1.192092800768788e-07, 5.978858893805233e-04, 5.116619363445086e-02,
              5.800524627688768e-01, 1.461661507209034e00, 3.010066362817634e00),
    "double": (2.220446049250313e-16, 2.580956802971767e-08, 3.397168839976962e-04,
               4.991228871115323e-02, 2.996158913811580e-01, 1.090863719290036e00),
}  # fmt: skip

# The coefficients of degree 12 and 18 (rows: the matrices B_i, columns: I, A, A², A³ (, A⁶)).
_B12 = (
    (9.0198e-16, 0.46932117595418237389, -0.20099424927047284052, -0.04623946134063071740),
    (5.31597895759871264183, 1.19926790417132231573, 0.01179296240992997031, 0.01108844528519167989),
    (0.18188869982170434744, 0.05502798439925399070, 0.09351590770535414968, 0.00610700528898058230),
    (-2.0861320e-13, -0.13181061013830184015, -0.02027855540589259079, -0.00675951846863086359),
)
_B18 = (
    (0.0, -1.00365581030144618291e-01, -8.02924648241156932449e-03, -8.92138498045729985177e-04, 0.0),
    (0.0, 3.97849749499645077844e-01, 1.36783778460411720168e00, 4.98289622525382669416e-01,
     -6.37898194594723280150e-04),
    (-1.09676396052962061844e01, 1.68015813878906206114e00, 5.71779846478865511061e-02,
     -6.98210122488052056106e-03, 3.34975017086070470649e-05),
    (-9.04316832390810593223e-02, -6.76404519071381882256e-02, 6.75961301770459654925e-02,
     2.95552570429315521194e-02, -1.39180257516060693404e-05),
    (0.0, 0.0, -9.23364619367118555360e-02, -1.69364939002081722752e-02, -1.40086798182036094347e-05),
)  # fmt: skip


def _combine(matrices: list[np.ndarray], weights: tuple) -> np.ndarray:
    """``Σ_j weights[j] · matrices[j]``, summed in order in the matrices' dtype."""
    dtype = matrices[0].dtype
    total = np.zeros_like(matrices[0])
    for weight, matrix in zip(weights, matrices, strict=False):
        total = total + dtype.type(weight) * matrix
    return total


def _powers(a: np.ndarray, count: int) -> list[np.ndarray]:
    """The first ``count`` of I, A, A², A³, A⁶."""
    found = [np.broadcast_to(np.eye(a.shape[-1], dtype=a.dtype), a.shape).copy(), a]
    if count > 2:
        found.append(a @ a)
    if count > 3:
        found.append(a @ found[2])
    if count > 4:
        found.append(found[3] @ found[3])
    return found[:count]


def _taylor_1(a: np.ndarray) -> np.ndarray:
    identity, a1 = _powers(a, 2)
    return identity + a1


def _taylor_2(a: np.ndarray) -> np.ndarray:
    identity, a1, a2 = _powers(a, 3)
    return identity + a1 + a2 / a.dtype.type(2)


def _taylor_4(a: np.ndarray) -> np.ndarray:
    powers = _powers(a, 3)
    tail = powers[2] @ _combine(powers, (1 / 2.0, 1 / 6.0, 1 / 24.0))
    return _combine([*powers, tail], (1.0, 1.0, 0.0, 1.0))


def _taylor_8(a: np.ndarray) -> np.ndarray:
    f = a.dtype.type
    sqrt_177 = f(0.1330413469565007072504e2)
    x3 = f(2.0 / 3.0)
    x1 = f(float(x3) * ((1.0 + float(sqrt_177)) / 88.0))
    x2 = f(float(x3) * ((1.0 + float(sqrt_177)) / 352.0))
    x4 = f((-271.0 + 29.0 * float(sqrt_177)) / (315.0 * float(x3)))
    x5 = f((-11.0 + 11.0 * float(sqrt_177)) / (1260.0 * float(x3)))
    x6 = f((-99.0 + 11.0 * float(sqrt_177)) / (5040.0 * float(x3)))
    x7 = f((89.0 - float(sqrt_177)) / (5040.0 * float(x3)))  # (PyTorch's constant, kept as it is)
    y2 = f((857.0 - 58.0 * float(sqrt_177)) / 630.0)
    identity, a1, a2 = _powers(a, 3)
    a4 = a2 @ _combine([a1, a2], (x1, x2))
    a8 = _combine([a2, a4], (x3, 1.0)) @ _combine([identity, a1, a2, a4], (x4, x5, x6, x7))
    return _combine([identity, a1, a2, a4, a8], (1.0, 1.0, y2, 0.0, 1.0))


def _taylor_12(a: np.ndarray) -> np.ndarray:
    powers = _powers(a, 4)
    b = [_combine(powers, row) for row in _B12]
    a6 = b[2] + b[3] @ b[3]
    return b[0] + (b[1] + a6) @ a6


def _taylor_18(a: np.ndarray) -> np.ndarray:
    powers = _powers(a, 5)
    b = [_combine(powers, row) for row in _B18]
    a9 = b[3] + b[0] @ b[4]
    return b[1] + (b[2] + a9) @ a9


def _scaled_and_squared(a: np.ndarray, norm: np.ndarray, theta: float) -> np.ndarray:
    """Degree 18 on ``A / 2ˢ`` (the smallest ``s ≥ 0`` bringing the norm under ``theta``), squared ``s`` times."""
    with np.errstate(divide="ignore"):
        steps = np.maximum(0.0, np.ceil(np.log2(norm / a.dtype.type(theta)))).astype(np.int64)
    result = _taylor_18(a / (2**steps)[:, None, None].astype(a.dtype))
    for k, count in enumerate(steps):
        for _ in range(count):
            result[k] = result[k] @ result[k]
    return result


_DEGREES = (_taylor_1, _taylor_2, _taylor_4, _taylor_8, _taylor_12)


def _matrix_exp_forward(a: np.ndarray) -> np.ndarray:
    _square_matrices(a, "linalg.matrix_exp")
    if a.shape[-1] == 1:
        return np.exp(a)
    if a.size == 0:
        return a.copy()
    batch = a.reshape(-1, *a.shape[-2:])
    thetas = _THETAS["float" if a.dtype == np.float32 else "double"]
    norm = np.abs(batch).sum(-2).max(-1)
    if len(batch) > 1:  # PyTorch gives every matrix of a batch the degree-18 polynomial
        return _scaled_and_squared(batch, norm, thetas[-1]).reshape(a.shape)
    result = np.full_like(batch, np.nan)
    for degree, compute in enumerate(_DEGREES):
        lower = -1.0 if degree == 0 else thetas[degree - 1]
        chosen = (lower < norm) & (norm <= thetas[degree])
        if chosen.any():
            result[chosen] = compute(batch[chosen])
    large = norm >= thetas[-2]
    if large.any():
        result[large] = _scaled_and_squared(batch[large], norm[large], thetas[-1])
    return result.reshape(a.shape)


def _matrix_exp_rule(grad: Any, a: Any) -> Any:
    """G ↦ the top right block of exp([[Aᵀ, G], [0, Aᵀ]]) (PyTorch's linalg_matrix_exp_differential)."""
    n = a.shape[-1]
    a_t = _mT(a)
    if type(grad) is np.ndarray:
        block = np.concatenate(
            [np.concatenate([a_t, grad], -1), np.concatenate([np.zeros_like(a_t), a_t], -1)], -2
        )
        return _matrix_exp_forward(block)[..., :n, n:]
    block = cat([cat([a_t, grad], -1), cat([a_t * 0, a_t], -1)], -2)
    return narrow(narrow(linalg_matrix_exp(block), -2, 0, n), -1, n, n)


linalg_matrix_exp = defop(
    "linalg_matrix_exp", "LinalgMatrixExpBackward0", "exp(A)", _matrix_exp_forward,
    a=rule("∂exp(A): G ↦ the top right block of exp([[Aᵀ, G], [0, Aᵀ]])", _matrix_exp_rule),
)  # fmt: skip


@export(name="matrix_exp", method=True)
def matrix_exp(A: Tensor) -> Tensor:  # noqa: N803 - PyTorch's argument name
    """The matrix exponential ``exp(A) = I + A + A²/2! + A³/3! + ...`` of a square matrix (or of each in a batch).

    The exponential of a skew-symmetric matrix is a rotation (orthogonal,
    determinant 1); of a symmetric one, a symmetric positive-definite matrix.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.matrix_exp(torch.tensor([[0.0, 1.0], [0.0, 0.0]]))
    tensor([[1., 1.],
            [0., 1.]])
    >>> torch.matrix_exp(torch.zeros(2, 2))
    tensor([[1., 0.],
            [0., 1.]])
    """
    return linalg_matrix_exp(A)
