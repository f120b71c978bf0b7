"""Reductions (sum, mean, max, min) and the softmax family."""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np

from .. import messages
from ..messages import errors
from ..tensor import Tensor, normalize_dim
from ._core import defop, export, methods, rule, values_of
from .elementwise import div_scalar, exp, maximum, minimum, where
from .shape import expand_op, reshape_op, unsqueeze_op


def _dims(dim: int | Sequence[int] | None, ndim: int) -> tuple[int, ...] | None:
    if dim is None:
        return None
    if isinstance(dim, (int, np.integer)):
        dim = (dim,)
    elif len(dim) == 0:
        dim = range(ndim)  # as in PyTorch, an empty list of dims reduces them all
    dims = tuple(sorted(normalize_dim(int(d), ndim) for d in dim))
    return dims if ndim else ()  # a 0-d tensor takes dim 0 or -1, and has no axis to reduce


def _kept_shape(shape: tuple, dim: tuple | None) -> tuple:
    """The shape after reducing ``dim`` with keepdim=True."""
    return tuple(1 if dim is None or i in dim else n for i, n in enumerate(shape))


def _unreduce(grad: Tensor, shape: tuple, dim: tuple | None, keepdim: bool = False) -> Tensor:
    """Undo a reduction: put back the reduced dimensions, then broadcast over them.

    As PyTorch's ``sum_backward``: one unsqueeze per reduced dimension
    (unless ``keepdim`` kept them), then an expand.
    """
    if dim is None or keepdim:
        return expand_op(grad, shape=shape)  # a 0-d gradient broadcasts as it is
    if type(grad) is np.ndarray:
        return expand_op(grad.reshape(_kept_shape(shape, dim)), shape=shape)
    for d in dim:  # sorted
        grad = unsqueeze_op(grad, dim=d)
    return expand_op(grad, shape=shape)


def _sum_forward(a: np.ndarray, dim: tuple | None, keepdim: bool) -> np.ndarray:
    """``a.sum(...)`` is this same call behind a Python wrapper (~1 µs)."""
    return np.add.reduce(a, axis=dim, keepdims=keepdim)


def _count(shape: tuple, dim: tuple | None) -> int:
    return math.prod(n for i, n in enumerate(shape) if dim is None or i in dim)


def _mean_forward(a: np.ndarray, dim: tuple | None, keepdim: bool) -> np.ndarray:
    """NumPy's mean (the same sum, divided by the count) without its ~5 µs Python wrapper."""
    count = _count(a.shape, dim)
    total = _sum_forward(a, dim, keepdim)
    if count == 0:
        return np.full(np.shape(total), np.nan, a.dtype)  # PyTorch: nan, and no warning
    return total / count


sum_op = defop(
    "sum", "SumBackward0", "Σ", _sum_forward,
    a=rule("∂(Σ a)/∂aᵢ = 1", lambda grad, a_shape, dim: _unreduce(grad, a_shape, dim)),
)
sum_dim_op = defop(
    "sum_dim", "SumBackward1", "Σ", _sum_forward,
    a=rule("∂(Σ a)/∂aᵢ = 1", lambda grad, a_shape, dim, keepdim: _unreduce(grad, a_shape, dim, keepdim)),
)
mean_op = defop(
    "mean", "MeanBackward0", "mean", _mean_forward,
    a=rule("∂(mean a)/∂aᵢ = 1/n",
           lambda grad, a_shape, dim: div_scalar(_unreduce(grad, a_shape, dim), other=_count(a_shape, dim))),
)
mean_dim_op = defop(
    "mean_dim", "MeanBackward1", "mean", _mean_forward,
    a=rule("∂(mean a)/∂aᵢ = 1/n",
           lambda grad, a_shape, dim, keepdim: div_scalar(_unreduce(grad, a_shape, dim, keepdim),
                                                          other=_count(a_shape, dim))),
)


_WHOLE = {"dim": None, "keepdim": False}


@export
def sum(input: Tensor, dim: int | Sequence[int] | None = None, keepdim: bool = False) -> Tensor:  # noqa: A001
    """The sum of all elements, or along ``dim``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> x = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
    >>> torch.sum(x)
    tensor(10.)
    >>> x.sum(dim=0)
    tensor([4., 6.])
    """
    if dim is None:
        return sum_op(input, **_WHOLE)
    return sum_dim_op(input, dim=_dims(dim, np.ndim(input)), keepdim=keepdim)


@export
def mean(input: Tensor, dim: int | Sequence[int] | None = None, keepdim: bool = False) -> Tensor:
    """The mean of all elements, or along ``dim``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.mean(torch.tensor([1.0, 2.0, 6.0]))
    tensor(3.)
    """
    kind = values_of(input).dtype.kind
    if kind != "f":
        raise errors.mean_not_float({"i": "Long", "b": "Bool"}.get(kind, "?"))
    dims = _dims(dim, np.ndim(input))
    if dims is None:
        return mean_op(input, dim=None, keepdim=False)
    return mean_dim_op(input, dim=dims, keepdim=keepdim)


@functools.lru_cache(maxsize=1024)
def _broadcast_dims(current: tuple, shape: tuple) -> tuple[tuple, bool]:
    """The dimensions broadcasting ``shape`` to ``current`` added or stretched, and if any was stretched.

    Worked out once per pair of shapes: every backward pass through a
    broadcast (a bias, a scalar weight) asks again.
    """
    extra = len(current) - len(shape)
    stretched = tuple(extra + i for i, n in enumerate(shape) if n == 1 and current[extra + i] != 1)
    return tuple(range(extra)) + stretched, bool(stretched)


def sum_to_size(input: Tensor, *size: Any) -> Tensor:
    """Sum over broadcast dimensions so that the result has shape ``size``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.ones(2, 3).sum_to_size(1, 3)
    tensor([[2., 2., 2.]])
    """
    shape = tuple(size[0]) if len(size) == 1 and not isinstance(size[0], int) else tuple(size)
    if type(input) is np.ndarray:  # a backward pass that is not recorded: no graph to mirror
        dims, stretched = _broadcast_dims(input.shape, shape)
        if not stretched:  # only new leading dimensions: one reduce gives the shape
            return np.add.reduce(input, axis=dims) if dims else input
        return np.add.reduce(input, axis=dims, keepdims=True).reshape(shape)
    current = input._array.shape
    if not shape and current:
        return sum_op(input, dim=None, keepdim=False)  # to a 0-d tensor: PyTorch's plain sum
    dims, _ = _broadcast_dims(current, shape)
    summed = sum_dim_op(input, dim=dims, keepdim=True) if dims else input
    # The shape is known to fit: reshape_op skips reshape()'s checks (this runs in backward).
    return reshape_op(summed, shape=shape) if np.shape(summed) != shape else summed


# -- max and min -------------------------------------------------------------


def _spread_evenly(grad: Tensor, a: Tensor, out: Tensor) -> Tensor:
    """∂(max a)/∂aᵢ = 1/k for the k elements equal to the max (or NaN, when the max is NaN), 0 elsewhere."""
    values, result = values_of(a), values_of(out)
    hits = np.isnan(values) if np.isnan(result) else values == result
    return where(hits, grad / int(hits.sum()), 0.0)


def _to_argmax(grad: Tensor, a_shape: tuple, dim: tuple, keepdim: bool, indices: np.ndarray) -> Tensor:
    """∂(max along dim)/∂aᵢ = 1 at the index max chose, 0 elsewhere."""
    if not dim:  # a 0-d tensor is its own max
        return grad
    positions = np.arange(a_shape[dim[0]]).reshape([-1 if i == dim[0] else 1 for i in range(len(a_shape))])
    return where(positions == indices, _unreduce(grad, a_shape, dim, keepdim), 0.0)


def _take_at(a: np.ndarray, dim: tuple, keepdim: bool, indices: np.ndarray) -> np.ndarray:
    if not dim:
        return a.copy()
    values = np.take_along_axis(a, indices, axis=dim[0])
    return values if keepdim else np.squeeze(values, axis=dim[0])


max_op = defop("max", "MaxBackward1", "max", np.max,
               a=rule("∂(max a)/∂aᵢ = 1 where aᵢ is the max", _spread_evenly))
min_op = defop("min", "MinBackward1", "min", np.min,
               a=rule("∂(min a)/∂aᵢ = 1 where aᵢ is the min", _spread_evenly))
max_dim_op = defop("max_dim", "MaxBackward0", "max", _take_at,
                   a=rule("∂(max a)/∂aᵢ = 1 where aᵢ is the max", _to_argmax))
min_dim_op = defop("min_dim", "MinBackward0", "min", _take_at,
                   a=rule("∂(min a)/∂aᵢ = 1 where aᵢ is the min", _to_argmax))


class _ReturnType(NamedTuple):
    values: Tensor
    indices: Tensor


def _return_type(name: str) -> type:
    def __repr__(self: Any) -> str:
        return f"torch.return_types.{name}(\nvalues={self.values!r},\nindices={self.indices!r})"

    return type(name, (_ReturnType,), {"__repr__": __repr__, "__slots__": ()})


class return_types:
    """Named results of max and min along a dimension, as in PyTorch."""

    max = _return_type("max")
    min = _return_type("min")


def _extreme(input: Tensor, dim: int | None, keepdim: bool, largest: bool) -> Any:
    whole, along = (max_op, max_dim_op) if largest else (min_op, min_dim_op)
    if dim is None:
        if input._array.size == 0:
            raise messages.error("empty_reduction", op=whole.name)
        return whole(input)
    dims = _dims(dim, input._array.ndim)
    if dims and input._array.shape[dims[0]] == 0:
        raise messages.error("empty_reduction_dim", op=whole.name, dim=dims[0])
    if not dims:  # 0-d: the value itself, at index 0
        values = along(input, dim=dims, keepdim=keepdim, indices=np.zeros((), dtype=np.int64))
        kind = return_types.max if largest else return_types.min
        return kind(values, Tensor._wrap(np.zeros((), dtype=np.int64)))
    arg = np.argmax if largest else np.argmin
    indices = np.expand_dims(arg(input._array, axis=dims[0]), dims[0])
    values = along(input, dim=dims, keepdim=keepdim, indices=indices)
    kind = return_types.max if largest else return_types.min
    return kind(values, Tensor._wrap(indices if keepdim else np.squeeze(indices, dims[0])))


@export
def max(input: Tensor, dim: Any = None, keepdim: bool = False) -> Any:  # noqa: A001
    """The largest element; along ``dim``, the largest values and their indices; with a tensor, elementwise.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.max(torch.tensor([1.0, 5.0, 3.0]))
    tensor(5.)
    >>> torch.tensor([[1.0, 5.0], [3.0, 2.0]]).max(dim=1).indices
    tensor([1, 0])
    >>> torch.max(torch.tensor([1.0, 5.0]), torch.tensor([3.0, 2.0]))
    tensor([3., 5.])
    """
    if isinstance(dim, Tensor):
        return maximum(input, dim)  # torch.max(a, b): the larger of each pair
    return _extreme(input, dim, keepdim, largest=True)


@export
def min(input: Tensor, dim: Any = None, keepdim: bool = False) -> Any:  # noqa: A001
    """The smallest element; along ``dim``, the smallest values and their indices.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.min(torch.tensor([1.0, 5.0, 3.0]))
    tensor(1.)
    """
    if isinstance(dim, Tensor):
        return minimum(input, dim)  # torch.min(a, b): the smaller of each pair
    return _extreme(input, dim, keepdim, largest=False)


@export
def argmax(input: Tensor, dim: int | None = None, keepdim: bool = False) -> Tensor:
    """The index of the largest element (of the flattened tensor, or along ``dim``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.argmax(torch.tensor([1.0, 5.0, 3.0]))
    tensor(1)
    """
    if dim is None:
        return Tensor._wrap(np.asarray(np.argmax(input._array), dtype=np.int64))
    return Tensor._wrap(np.argmax(input._array, axis=normalize_dim(dim, input._array.ndim), keepdims=keepdim))


# -- softmax --------------------------------------------------------------------


def _row_max(a: np.ndarray, dim: int | None) -> np.ndarray:
    """The max along ``dim``, kept as a dimension; an empty tensor has none to take (-inf: no error)."""
    return np.max(a, axis=dim, keepdims=True, initial=-np.inf)


def _softmax_forward(a: np.ndarray, dim: int) -> np.ndarray:
    dim = dim if a.ndim else None  # a 0-d tensor: softmax over its one value
    shifted = np.exp(a - _row_max(a, dim))  # no overflow
    return shifted / np.sum(shifted, axis=dim, keepdims=True)


def _log_softmax_forward(a: np.ndarray, dim: int) -> np.ndarray:
    dim = dim if a.ndim else None
    shifted = a - _row_max(a, dim)
    with np.errstate(divide="ignore"):  # an empty row sums to 0: its log is -inf, and no row uses it
        return shifted - np.log(np.sum(np.exp(shifted), axis=dim, keepdims=True))


softmax_op = defop(
    "softmax", "SoftmaxBackward0", "softmax", _softmax_forward,
    a=rule("∂sᵢ/∂aⱼ = sᵢ(δᵢⱼ − sⱼ)",
           lambda grad, out, dim: out * (grad - sum((grad * out), dim=dim, keepdim=True))),
)
log_softmax_op = defop(
    "log_softmax", "LogSoftmaxBackward0", "log softmax", _log_softmax_forward,
    a=rule("∂(log sᵢ)/∂aⱼ = δᵢⱼ − sⱼ",
           lambda grad, out, dim: grad - exp(out) * sum(grad, dim=dim, keepdim=True)),
)


@export
def softmax(input: Tensor, dim: int) -> Tensor:
    """Exponentiate and normalise along ``dim``, so the values sum to 1.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.softmax(torch.tensor([0.0, 0.0]), dim=0)
    tensor([0.5000, 0.5000])
    """
    return softmax_op(input, dim=normalize_dim(dim, np.ndim(input)))


@export
def log_softmax(input: Tensor, dim: int) -> Tensor:
    """The logarithm of :func:`softmax`, computed without overflow.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.log_softmax(torch.tensor([0.0, 0.0]), dim=0)
    tensor([-0.6931, -0.6931])
    """
    return log_softmax_op(input, dim=normalize_dim(dim, np.ndim(input)))


methods({
    "sum": sum, "mean": mean, "max": max, "min": min, "argmax": argmax,
    "sum_to_size": sum_to_size, "softmax": softmax, "log_softmax": log_softmax,
})
export(return_types)


# -- equal: one answer for two whole tensors --------------------------------------------


@export(method=True)
def equal(input: Tensor, other: Tensor) -> bool:
    """``True`` if both tensors have the same shape and the same values (NaN equals nothing).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.equal(torch.tensor([1, 2]), torch.tensor([1.0, 2.0]))
    True
    >>> torch.tensor([1.0]).equal(torch.tensor([1.0, 1.0]))
    False
    """
    if not isinstance(other, Tensor):
        raise messages.error("equal_not_tensor", type_name=type(other).__name__)
    return input._array.shape == other._array.shape and bool(np.array_equal(input._array, other._array))
