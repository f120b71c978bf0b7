"""Reductions (sum, mean, max, min) and the softmax family."""

from __future__ import annotations

import builtins
import collections
import functools
import math
from collections.abc import Sequence
from types import ModuleType
from typing import Any

import numpy as np

from .. import messages
from .._dtype import Size, default_float, from_numpy_dtype
from .._memory_format import row_major
from ..messages import errors
from ..tensor import Tensor, as_index, normalize_dim
from ._core import apply, defop, export, methods, rule, values_of
from ._summation import _pytorch_sum
from .elementwise import _exp_rounded, _log_rounded, div_scalar, exp, maximum, minimum, where
from .shape import _expand_forward, cat, expand_op, index_op, reshape_op, unsqueeze_op


def _dims(dim: int | Sequence[int] | None, ndim: int, function: str) -> tuple[int, ...] | None:
    """``dim`` of the reduction ``function`` as a sorted tuple of non-negative dimensions (None: all).

    A 0-d integer tensor counts as its number; a float is refused, as PyTorch refuses it (a ``/`` where
    ``//`` was meant), where ``int()`` would cut it silently.
    """
    if dim is None:
        return None
    dim = as_index(dim)
    if isinstance(dim, (int, np.integer)):
        dim = (dim,)
    elif not isinstance(dim, (tuple, list, Size, range)):
        dim = (dim,)  # (a float, a tensor of several: PyTorch's error for the element)
    elif len(dim) == 0:
        dim = range(ndim)  # as in PyTorch, an empty list of dims reduces them all
    for position, d in enumerate(dim, 1):
        if not isinstance(as_index(d), (int, np.integer)):
            raise errors.size_element(function, position, d, "dim")
    dims = [normalize_dim(d if isinstance(d, bool) else int(as_index(d)), ndim) for d in dim]
    if len(dims) > 1 and len(set(dims)) != len(dims):  # (PyTorch's make_dim_mask names the second time)
        raise messages.error("reduce_repeated_dim", dim=next(d for i, d in enumerate(dims) if d in dims[:i]))
    return tuple(sorted(dims)) if ndim else ()  # a 0-d tensor takes dim 0 or -1, and has no axis to reduce


def _kept_shape(shape: tuple, dim: tuple | None) -> tuple:
    """The shape after reducing ``dim`` with keepdim=True."""
    return tuple(1 if dim is None or i in dim else n for i, n in enumerate(shape))


def _unreduce(grad: Tensor, shape: tuple, dim: tuple | None, keepdim: bool = False) -> Tensor:
    """Undo a reduction: put back the reduced dimensions, then broadcast over them.

    As PyTorch's ``sum_backward``: one unsqueeze per reduced dimension
    (unless ``keepdim`` kept them), then an expand.
    """
    if type(grad) is np.ndarray:  # (arrays: no tensor to record, so no op to go through)
        if dim is None or keepdim:
            return _expand_forward(grad, shape)  # a 0-d gradient broadcasts as it is
        return _expand_forward(grad.reshape(_kept_shape(shape, dim)), shape)
    if dim is None or keepdim:
        return expand_op(grad, shape=shape)
    for d in dim:  # sorted
        grad = unsqueeze_op(grad, dim=d)
    return expand_op(grad, shape=shape)


def _count(shape: tuple, dim: tuple | None) -> int:
    return math.prod(n for i, n in enumerate(shape) if dim is None or i in dim)


def _mean_forward(a: np.ndarray, dim: tuple | None, keepdim: bool) -> np.ndarray:
    """PyTorch's mean on the CPU (``mean_out``): the sum divided by the count, float16 in float32."""
    count = _count(a.shape, dim)
    total = _pytorch_sum(a.astype(np.float32) if a.dtype == np.float16 else a, dim, keepdim)
    if count == 0:
        return np.full(np.shape(total), np.nan, a.dtype)  # PyTorch: nan, and no warning
    return (total / count).astype(a.dtype, copy=False)


sum_op = defop(
    "sum", "SumBackward0", "Σ", _pytorch_sum,  # added in PyTorch's order, to match it to the last bit
    a=rule("∂(Σ a)/∂aᵢ = 1", lambda grad, a_shape, dim: _unreduce(grad, a_shape, dim)),
)
sum_dim_op = defop(
    "sum_dim", "SumBackward1", "Σ", _pytorch_sum,
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


_WHOLE = {"dim": None, "keepdim": False}  # (shared by every whole sum's node: never changed)


def _in_dtype(input: Tensor, dtype: Any) -> Tensor:
    """``input`` converted to ``dtype`` (PyTorch's ``dtype=`` keyword of a reduction); itself if it has it."""
    if dtype is None or values_of(input).dtype == dtype.numpy:
        return input
    if not isinstance(input, Tensor):
        return input.astype(dtype.numpy)
    return input.to(dtype)


def _summed_as_int64(input: Tensor) -> Tensor:
    """Bools and the smaller integers sum to int64, as in PyTorch (NumPy would keep uint8's sum unsigned)."""
    if isinstance(input, Tensor) and input._array.dtype.kind in "biu" and input._array.dtype != np.int64:
        return Tensor._wrap(input._array.astype(np.int64))
    return input


def _as_input_dtype(grad: Any, a_dtype: np.dtype) -> Any:
    """The gradient in the input's dtype, as PyTorch's engine passes it on after a reduction with ``dtype=``."""
    if values_of(grad).dtype == a_dtype:
        return grad
    return grad.to(from_numpy_dtype(a_dtype)) if isinstance(grad, Tensor) else np.asarray(grad, dtype=a_dtype)


def _sum_in_dtype(a: np.ndarray, dim: tuple | None, keepdim: bool, dtype: np.dtype, a_dtype: np.dtype) -> np.ndarray:
    """PyTorch's ``sum(dtype=)``: each element converted first (1.5 → 1 for int64), then summed."""
    return _pytorch_sum(a.astype(dtype, copy=False), dim, keepdim)


def _mean_in_dtype(a: np.ndarray, dim: tuple | None, keepdim: bool, dtype: np.dtype, a_dtype: np.dtype) -> np.ndarray:
    return _mean_forward(a.astype(dtype, copy=False), dim, keepdim)


# sum and mean with dtype=: the same nodes, the gradient passed back in the input's dtype.
sum_in_dtype_op = defop(
    "sum_in_dtype", "SumBackward0", "Σ", _sum_in_dtype,
    a=rule("∂(Σ a)/∂aᵢ = 1", lambda grad, a_shape, dim, a_dtype: _as_input_dtype(_unreduce(grad, a_shape, dim), a_dtype)),
)
sum_dim_in_dtype_op = defop(
    "sum_dim_in_dtype", "SumBackward1", "Σ", _sum_in_dtype,
    a=rule("∂(Σ a)/∂aᵢ = 1",
           lambda grad, a_shape, dim, keepdim, a_dtype: _as_input_dtype(_unreduce(grad, a_shape, dim, keepdim), a_dtype)),
)
mean_in_dtype_op = defop(
    "mean_in_dtype", "MeanBackward0", "mean", _mean_in_dtype,
    a=rule("∂(mean a)/∂aᵢ = 1/n",
           lambda grad, a_shape, dim, a_dtype: _as_input_dtype(
               div_scalar(_unreduce(grad, a_shape, dim), other=_count(a_shape, dim)), a_dtype)),
)
mean_dim_in_dtype_op = defop(
    "mean_dim_in_dtype", "MeanBackward1", "mean", _mean_in_dtype,
    a=rule("∂(mean a)/∂aᵢ = 1/n",
           lambda grad, a_shape, dim, keepdim, a_dtype: _as_input_dtype(
               div_scalar(_unreduce(grad, a_shape, dim, keepdim), other=_count(a_shape, dim)), a_dtype)),
)


@export
def sum(  # noqa: A001
    input: Tensor, dim: int | Sequence[int] | None = None, keepdim: bool = False, *, dtype: Any = None
) -> Tensor:
    """The sum of all elements, or along ``dim``; ``dtype`` converts each element first.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> x = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
    >>> torch.sum(x)
    tensor(10.)
    >>> x.sum(dim=0)
    tensor([4., 6.])
    >>> torch.tensor([True, True, False]).sum(dtype=torch.float32)
    tensor(2.)
    """
    if dtype is not None:
        converts = {"dtype": dtype.numpy, "a_dtype": values_of(input).dtype}
        if dim is None:
            return sum_in_dtype_op(input, dim=None, keepdim=False, **converts)
        return sum_dim_in_dtype_op(input, dim=_dims(dim, np.ndim(input), "sum"), keepdim=keepdim, **converts)
    input = _summed_as_int64(input)
    if dim is None:
        if isinstance(input, Tensor):  # (x.sum() ends most steps: straight to apply, no keywords to unpack)
            return apply(sum_op, (input,), _WHOLE)
        return sum_op(input, **_WHOLE)
    return sum_dim_op(input, dim=_dims(dim, np.ndim(input), "sum"), keepdim=keepdim)


@export
def mean(
    input: Tensor, dim: int | Sequence[int] | None = None, keepdim: bool = False, *, dtype: Any = None
) -> Tensor:
    """The mean of all elements, or along ``dim``; ``dtype`` converts each element first.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.mean(torch.tensor([1.0, 2.0, 6.0]))
    tensor(3.)
    >>> torch.tensor([1, 2]).mean(dtype=torch.float64)
    tensor(1.5000, dtype=torch.float64)
    """
    if dtype is not None:
        if dtype.numpy.kind != "f":
            raise messages.error("mean_dtype_not_float", dtype_name=errors.scalar_type_name(dtype.numpy))
        converts = {"dtype": dtype.numpy, "a_dtype": values_of(input).dtype}
        dims = _dims(dim, np.ndim(input), "mean")
        if dims is None:
            return mean_in_dtype_op(input, dim=None, keepdim=False, **converts)
        return mean_dim_in_dtype_op(input, dim=dims, keepdim=keepdim, **converts)
    kind = values_of(input).dtype.kind
    if kind != "f":
        raise errors.mean_not_float(errors.scalar_type_name(values_of(input).dtype))
    dims = _dims(dim, np.ndim(input), "mean")
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


def sum_to_size(input: Tensor, *sizes: Any, size: Any = None) -> Tensor:
    """Sum over broadcast dimensions so that the result has shape ``size`` (given as numbers or as ``size``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.ones(2, 3).sum_to_size(1, 3)
    tensor([[2., 2., 2.]])
    """
    if size is not None:
        sizes = (size,)
    shape = tuple(sizes[0]) if len(sizes) == 1 and not isinstance(sizes[0], int) else tuple(sizes)
    if type(input) is np.ndarray:  # a backward pass that is not recorded: no graph to mirror
        dims, stretched = _broadcast_dims(input.shape, shape)
        if not stretched:  # only new leading dimensions: one reduce gives the shape
            return _pytorch_sum(input, dims) if dims else input
        return _pytorch_sum(input, dims, keepdim=True).reshape(shape)
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


@functools.cache
def _named_tuple(fields: tuple[str, ...]) -> type:
    """One named tuple class for each set of fields, which the return types with them share."""
    return collections.namedtuple("_" + "_".join(fields), fields)


def _return_type(name: str, fields: tuple[str, ...] = ("values", "indices")) -> type:
    """``torch.return_types.<name>``: a named tuple of tensors, printed as PyTorch prints it."""
    base = _named_tuple(fields)

    def __repr__(self: Any) -> str:
        shown = ",\n".join(f"{field}={value!r}" for field, value in zip(fields, self, strict=True))
        return f"torch.return_types.{name}(\n{shown})"

    # (its class prints as PyTorch's, <class 'torch.return_types.max'>; Python's errors name it 'max', where
    # PyTorch's C type is 'torch.return_types.max' there: a Python class has one name for both)
    return type(name, (base,), {"__repr__": __repr__, "__slots__": (), "__module__": "torch.return_types"})


class _ReturnTypes(ModuleType):
    """``torch.return_types``: the named tuples some functions return (``torch.max(x, dim=0)``).

    Each is declared with its fields and made when first used: made at import,
    the twenty of them cost a third of a millisecond of ``import autograd_lab``.
    """

    def __init__(self) -> None:
        super().__init__("torch.return_types")
        self._fields: dict[str, tuple[str, ...]] = {}

    def declare(self, *names: str, fields: tuple[str, ...] = ("values", "indices")) -> None:
        """Name return types with these fields (made when first used)."""
        self._fields.update(dict.fromkeys(names, fields))

    def __getattr__(self, name: str) -> type:
        fields = self.__dict__.get("_fields", {}).get(name)
        if fields is None:
            raise AttributeError(f"module 'torch.return_types' has no attribute {name!r}")
        kind = _return_type(name, fields)
        setattr(self, name, kind)  # (found without __getattr__ from now on)
        return kind

    def __dir__(self) -> list[str]:
        return sorted({*self.__dict__, *self._fields})


return_types = _ReturnTypes()
return_types.declare("max", "min")


def _extreme(input: Tensor, dim: int | None, keepdim: bool, largest: bool) -> Any:
    whole, along = (max_op, max_dim_op) if largest else (min_op, min_dim_op)
    if dim is None:
        if input._array.size == 0:
            raise messages.error("empty_reduction", op=whole.name)
        return whole(input)
    dims = _dims(dim, input._array.ndim, whole.name)
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


class _NotGiven:
    """max's and min's arguments left out (None, given, is refused, as PyTorch's parser refuses it)."""

    def __repr__(self) -> str:
        return "None"  # (as help() shows PyTorch's signature)


_UNSET: Any = _NotGiven()


@export
def max(  # noqa: A001
    input: Tensor, dim_or_other: Any = _UNSET, keepdim: bool | None = None, *, dim: Any = _UNSET, other: Any = None
) -> Any:
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
    return _max_or_min("max", input, dim_or_other, keepdim, dim, other)


@export
def min(  # noqa: A001
    input: Tensor, dim_or_other: Any = _UNSET, keepdim: bool | None = None, *, dim: Any = _UNSET, other: Any = None
) -> Any:
    """The smallest element; along ``dim``, the smallest values and their indices.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.min(torch.tensor([1.0, 5.0, 3.0]))
    tensor(1.)
    """
    return _max_or_min("min", input, dim_or_other, keepdim, dim, other)


def _max_or_min(function: str, input: Tensor, dim_or_other: Any, keepdim: bool | None, dim: Any, other: Any) -> Any:
    """PyTorch's overloads of max and min: a tensor second by position (``torch.max(a, b)``) or as ``other=``
    (Dive into DL's ReLU) compares elementwise; ``dim=``, a number, or a tensor followed by ``keepdim``
    reduces along a dimension, a 0-d integer tensor read as its number (``x.max(dim=torch.tensor(1))``)."""
    if other is not None:
        if not isinstance(other, Tensor):
            raise messages.error(
                "extreme_invalid_combination", function=function, types=f"Tensor, other={type(other).__name__}"
            )
        return (maximum if function == "max" else minimum)(input, other)
    if dim is not _UNSET and dim_or_other is not _UNSET:  # x.max(1, dim=0): the dimension twice
        if isinstance(dim_or_other, Tensor):
            raise messages.error("count_not_int", function=function, name="dim", position=1, type_name="Tensor")
        raise messages.error("argument_given_twice", function=function, name="dim")
    if dim is _UNSET and dim_or_other is _UNSET:
        if keepdim is not None:  # x.max(keepdim=True): no overload takes keepdim without a dimension
            raise messages.error("extreme_invalid_combination", function=function, types="keepdim=bool, ")
        return _extreme(input, None, False, largest=function == "max")
    if dim is None or dim_or_other is None:  # (None is no dimension to PyTorch's parser)
        types = "dim=NoneType, " if dim is None else "NoneType"
        raise messages.error("extreme_invalid_combination", function=function, types=types)
    keyword = dim is not _UNSET
    if not keyword:
        dim = dim_or_other
        if isinstance(dim, Tensor) and keepdim is None:
            return (maximum if function == "max" else minimum)(input, dim)
    if isinstance(dim, Tensor):
        dim = as_index(dim)
        if isinstance(dim, Tensor) and keyword:  # (not one integer)
            raise messages.error("extreme_invalid_combination", function=function, types="dim=Tensor, ")
        if isinstance(dim, Tensor):  # x.max(y, True): keepdim picks the overload of a dimension
            raise messages.error("count_not_int", function=function, name="dim", position=1, type_name="Tensor")
    if dim is not None and not isinstance(dim, (int, np.integer)):
        types = f"dim={type(dim).__name__}, " if keyword else type(dim).__name__
        raise messages.error("extreme_invalid_combination", function=function, types=types)
    return _extreme(input, dim, bool(keepdim), largest=function == "max")


@export
def argmax(input: Tensor, dim: int | None = None, keepdim: bool = False) -> Tensor:
    """The index of the largest element (of the flattened tensor, or along ``dim``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.argmax(torch.tensor([1.0, 5.0, 3.0]))
    tensor(1)
    """
    return _arg_extreme(input, dim, keepdim, np.argmax, "argmax")


# -- softmax --------------------------------------------------------------------


def _row_max(a: np.ndarray, dim: int | None) -> np.ndarray:
    """The max along ``dim``, kept as a dimension; an empty tensor has none to take (-inf: no error)."""
    return np.maximum.reduce(a, axis=dim, keepdims=True, initial=-np.inf)  # (np.max's wrapper costs µs)


def _softmax_forward(a: np.ndarray, dim: int) -> np.ndarray:
    dim = dim if a.ndim else None  # a 0-d tensor: softmax over its one value
    shifted = _exp_rounded(a - _row_max(a, dim))  # no overflow; exp rounded once, as PyTorch's nearly always is
    total = np.add.reduce(shifted, axis=dim, keepdims=True)
    if dim is not None and dim == a.ndim - 1 and a.dtype.kind == "f":  # PyTorch's lastdim kernel: × (1/sum)
        return shifted * (a.dtype.type(1) / total)
    return shifted / total


def _log_softmax_forward(a: np.ndarray, dim: int) -> np.ndarray:
    dim = dim if a.ndim else None
    shifted = a - _row_max(a, dim)
    with np.errstate(divide="ignore"):  # an empty row sums to 0: its log is -inf, and no row uses it
        return shifted - _log_rounded(np.add.reduce(_exp_rounded(shifted), axis=dim, keepdims=True))


softmax_op = defop(
    "softmax", "SoftmaxBackward0", "softmax", row_major(_softmax_forward),
    opmath=True,
    a=rule("∂sᵢ/∂aⱼ = sᵢ(δᵢⱼ − sⱼ)",
           lambda grad, out, dim: out * (grad - sum((grad * out), dim=dim, keepdim=True))),
)
log_softmax_op = defop(
    "log_softmax", "LogSoftmaxBackward0", "log softmax", row_major(_log_softmax_forward),
    a=rule("∂(log sᵢ)/∂aⱼ = δᵢⱼ − sⱼ",
           lambda grad, out, dim: grad - exp(out) * sum(grad, dim=dim, keepdim=True)),
)


@export
def softmax(input: Tensor, dim: int, dtype: Any = None) -> Tensor:
    """Exponentiate and normalise along ``dim``, so the values sum to 1.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.softmax(torch.tensor([0.0, 0.0]), dim=0)
    tensor([0.5000, 0.5000])
    >>> torch.softmax(torch.tensor([0, 0]), 0, dtype=torch.float64)
    tensor([0.5000, 0.5000], dtype=torch.float64)
    """
    if dtype is not None:  # the input is cast first, as PyTorch does
        input = input.to(dtype)
    dim = normalize_dim(dim, np.ndim(input))
    _check_floating("softmax", input, dim)
    return softmax_op(input, dim=dim)


def _check_floating(name: str, input: Tensor, dim: int) -> None:
    """PyTorch's error for (log_)softmax of an integer or bool tensor, naming the kernel it would run."""
    if isinstance(input, Tensor) and input._array.dtype.kind not in "fc":  # (rules pass arrays: no check)
        last = np.ndim(input) - 1 if np.ndim(input) else 0  # (max is torch.max here)
        kernel = f"{name}_lastdim_kernel_impl" if dim == last else f"{name}_kernel_impl"
        raise messages.error("activation_not_floating", kernel=kernel, dtype_name=errors.scalar_type_name(input._array.dtype))


@export
def log_softmax(input: Tensor, dim: int, dtype: Any = None) -> Tensor:
    """The logarithm of :func:`softmax`, computed without overflow.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.log_softmax(torch.tensor([0.0, 0.0]), dim=0)
    tensor([-0.6931, -0.6931])
    """
    if dtype is not None:  # the input is cast first, as PyTorch does
        input = input.to(dtype)
    dim = normalize_dim(dim, np.ndim(input))
    _check_floating("log_softmax", input, dim)
    return log_softmax_op(input, dim=dim)


methods({
    "sum": sum, "mean": mean, "max": max, "min": min, "argmax": argmax,
    "sum_to_size": sum_to_size, "softmax": softmax, "log_softmax": log_softmax,
})
export(return_types, name="return_types")


# -- equal: one answer for two whole tensors --------------------------------------------


@export
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
    _check_tensor("input", 1, input)
    _check_tensor("other", 2, other)
    return input._array.shape == other._array.shape and bool(np.array_equal(input._array, other._array))


def _equal_method(self: Tensor, other: Tensor) -> bool:
    _check_tensor("other", 1, other)  # (the method counts its arguments after self)
    return equal(self, other)


def _check_tensor(name: str, position: int, value: Any) -> None:
    if not isinstance(value, Tensor):
        raise messages.error(
            "compare_not_tensor", function="equal", name=name, position=position, type_name=messages.type_name(value)
        )


methods({"equal": _equal_method})


# -- spread: var and std (branch breadth_a) -------------------------------------------------


def _restore(t: Any, shape: tuple, dim: tuple | None, keepdim: bool) -> Any:
    """A reduced result with its reduced dimensions put back (size 1), so it broadcasts against the input."""
    if keepdim or dim is None or not shape:
        return t
    if type(t) is np.ndarray:
        return t.reshape(_kept_shape(shape, dim))
    for d in dim:  # sorted
        t = unsqueeze_op(t, dim=d)
    return t


def _float_only(input: Tensor) -> None:
    if values_of(input).dtype.kind != "f":
        raise messages.error("std_var_not_float")


def _var_forward(a: np.ndarray, dim: tuple | None, correction: float, keepdim: bool) -> np.ndarray:
    """Σ(aᵢ − mean)² / max(N − correction, 0): inf or NaN when nothing is left to divide by, as PyTorch."""
    return _spread(a, dim, correction, keepdim, take_sqrt=False)


def _std_forward(a: np.ndarray, dim: tuple | None, correction: float, keepdim: bool) -> np.ndarray:
    return _spread(a, dim, correction, keepdim, take_sqrt=True)


def _spread(a: np.ndarray, dim: tuple | None, correction: float, keepdim: bool, take_sqrt: bool) -> np.ndarray:
    """var or std as PyTorch's CPU kernels compute them: float16/32 in float64, rounded once at the end.

    Over all elements of float32/64 (``std_var_all_cpu``): the mean in the input's dtype, then the
    squared deviations added in turn in float64, in memory order, so it matches bit for bit.
    Otherwise PyTorch's Welford kernel, which works in float64 too (here two passes: the same value
    up to float64's last bits, which rounding to float32 hides).
    """
    count = _count(a.shape, dim)
    values = a.astype(np.float64) if a.itemsize < 8 else a
    with np.errstate(divide="ignore", invalid="ignore"):
        if a.dtype in (np.float32, np.float64) and count == a.size > 0:
            deviations = np.ravel(values, order="K") - float(_mean_forward(a, None, False))
            shape = _kept_shape(a.shape, dim)
            if not keepdim:
                shape = tuple(n for i, n in enumerate(a.shape) if dim is not None and i not in dim)
            total = np.full(shape, np.add.accumulate(deviations * deviations)[-1])
        else:
            deviations = values - np.mean(values, axis=dim, keepdims=True)
            total = np.sum(deviations * deviations, axis=dim, keepdims=keepdim)
        spread = total / np.float64(builtins.max(count - correction, 0))
        return (np.sqrt(spread) if take_sqrt else spread).astype(a.dtype, copy=False)


def _var_rule(grad: Any, a: Any, dim: tuple | None, correction: float, keepdim: bool) -> Any:
    """∂var/∂aᵢ = 2(aᵢ − mean)/(N − correction); inf (NaN at the mean) when N ≤ correction, as PyTorch."""
    values = values_of(a)
    grad = _restore(grad, values.shape, dim, keepdim)
    dof = _count(values.shape, dim) - correction
    if dof <= 0:
        at_mean = values == _mean_forward(values, dim, True)
        return grad * np.where(at_mean, np.nan, np.inf).astype(values.dtype)
    return (2.0 / dof) * grad * (a - mean(a, dim, keepdim=True))


def _std_rule(grad: Any, a: Any, out: Any, dim: tuple | None, correction: float, keepdim: bool) -> Any:
    """∂std/∂aᵢ = (aᵢ − mean)/((N − correction)·std), and 0 where std is 0 (PyTorch's subgradient)."""
    halved = where(values_of(out) == 0, 0.0, grad / (out * 2))
    return _var_rule(halved, a, dim, correction, keepdim)


def _mean_part_rule(grad: Any, a_shape: tuple, dim: tuple | None, keepdim: bool) -> Any:
    """∂(mean a)/∂aᵢ = 1/N (the mean returned by std_mean and var_mean)."""
    return _unreduce(grad, a_shape, dim, keepdim) / _count(a_shape, dim)


def _mean_part_forward(a: np.ndarray, dim: tuple | None, correction: float, keepdim: bool) -> np.ndarray:
    """The mean of std_mean and var_mean: PyTorch's Welford kernel's, in float64 for float16/32."""
    if a.itemsize < 8:
        return np.mean(a.astype(np.float64), axis=dim, keepdims=keepdim).astype(a.dtype)
    return _mean_forward(a, dim, keepdim)


var_op = defop("var", "VarBackward0", "var", _var_forward,
               a=rule("∂var/∂aᵢ = 2(aᵢ − mean)/(N − correction)", _var_rule))
std_op = defop("std", "StdBackward0", "std", _std_forward,
               a=rule("∂std/∂aᵢ = (aᵢ − mean)/((N − correction)·std)", _std_rule))
# std_mean and var_mean: PyTorch makes one node with two outputs; here each output has its node, named alike.
std_mean_std_op = defop("std_mean_std", "StdMeanBackward0", "std", _std_forward,
                        a=rule("∂std/∂aᵢ = (aᵢ − mean)/((N − correction)·std)", _std_rule))
std_mean_mean_op = defop("std_mean_mean", "StdMeanBackward0", "mean", _mean_part_forward,
                         a=rule("∂(mean a)/∂aᵢ = 1/N", _mean_part_rule))
var_mean_var_op = defop("var_mean_var", "VarMeanBackward0", "var", _var_forward,
                        a=rule("∂var/∂aᵢ = 2(aᵢ − mean)/(N − correction)", _var_rule))
var_mean_mean_op = defop("var_mean_mean", "VarMeanBackward0", "mean", _mean_part_forward,
                         a=rule("∂(mean a)/∂aᵢ = 1/N", _mean_part_rule))


def _spread_params(
    input: Tensor, dim: Any, unbiased: bool | None, keepdim: bool, correction: float | None, name: str
) -> dict:
    """PyTorch's forms of std/var: ``(dim, unbiased, keepdim)``, ``(unbiased)``, ``(dim, correction=, keepdim=)``."""
    if unbiased is not None and correction is not None:
        raise messages.error("std_var_unbiased_and_correction", name=name)
    if isinstance(dim, bool):  # std(x, False): the old form, unbiased first
        dim, unbiased = None, dim
    _float_only(input)
    if correction is None:
        correction = 0 if unbiased is False else 1
    ndim = values_of(input).ndim
    dims = _dims(dim, ndim, name) if ndim else None
    if dims is None and keepdim:
        dims = tuple(range(ndim))  # keepdim without dim keeps every dimension, with size 1
    if _count(values_of(input).shape, dims) - correction <= 0:
        messages.warn("std_var_dof", name=name)
    return {"dim": dims, "correction": correction, "keepdim": keepdim}


@export(method=True)
def var(
    input: Tensor,
    dim: int | Sequence[int] | None = None,
    unbiased: bool | None = None,
    keepdim: bool = False,
    *,
    correction: float | None = None,
) -> Tensor:
    """The variance: Σ(x − mean)² / (N − correction); ``correction=1`` (unbiased) unless told otherwise.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> x = torch.tensor([1.0, 2.0, 3.0, 4.0])
    >>> torch.var(x)
    tensor(1.6667)
    >>> x.var(unbiased=False), x.var(correction=0)
    (tensor(1.2500), tensor(1.2500))
    """
    return var_op(input, **_spread_params(input, dim, unbiased, keepdim, correction, "var"))


@export(method=True)
def std(
    input: Tensor,
    dim: int | Sequence[int] | None = None,
    unbiased: bool | None = None,
    keepdim: bool = False,
    *,
    correction: float | None = None,
) -> Tensor:
    """The standard deviation: the square root of :func:`var` (same keywords).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.tensor([[1.0, 3.0], [2.0, 2.0]]).std(dim=1)
    tensor([1.4142, 0.0000])
    """
    return std_op(input, **_spread_params(input, dim, unbiased, keepdim, correction, "std"))


@export
def std_mean(
    input: Tensor,
    dim: int | Sequence[int] | None = None,
    unbiased: bool | None = None,
    keepdim: bool = False,
    *,
    correction: float | None = None,
) -> tuple[Tensor, Tensor]:
    """The standard deviation and the mean, as a tuple ``(std, mean)``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.std_mean(torch.tensor([1.0, 2.0, 3.0]))
    (tensor(1.), tensor(2.))
    """
    params = _spread_params(input, dim, unbiased, keepdim, correction, "std_mean")
    return std_mean_std_op(input, **params), std_mean_mean_op(input, **params)


@export
def var_mean(
    input: Tensor,
    dim: int | Sequence[int] | None = None,
    unbiased: bool | None = None,
    keepdim: bool = False,
    *,
    correction: float | None = None,
) -> tuple[Tensor, Tensor]:
    """The variance and the mean, as a tuple ``(var, mean)``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.var_mean(torch.tensor([1.0, 2.0, 3.0]))
    (tensor(1.), tensor(2.))
    """
    params = _spread_params(input, dim, unbiased, keepdim, correction, "var_mean")
    return var_mean_var_op(input, **params), var_mean_mean_op(input, **params)


# -- products and running sums (branch breadth_a) ----------------------------------------------


def _flip(x: Any, dim: int) -> Any:
    """``x`` reversed along ``dim`` (read back by index, so a recorded pass can differentiate it)."""
    n = values_of(x).shape[dim]
    return index_op(x, key=(slice(None),) * dim + (np.arange(n - 1, -1, -1),))


def _products_leaving_one_out(a: Any, d: int) -> Any:
    """C[..., i, j, ...] = ∏_{l ≤ j, l ≠ i} a_l along dim ``d`` (i at ``d``, j at ``d + 1``): no division by a zero."""
    shape = values_of(a).shape
    n = shape[d]
    on_diagonal = np.eye(n, dtype=bool).reshape((n, n) + (1,) * (len(shape) - d - 1))
    rows = expand_op(unsqueeze_op(a, dim=d), shape=shape[:d] + (n,) + shape[d:])
    return cumprod_op(where(on_diagonal, 1.0, rows), dim=d + 1)


def _prod_rule(grad: Any, a: Any, out: Any, dim: tuple | None, keepdim: bool) -> Any:
    """∂(∏ a)/∂aᵢ = ∏_{j≠i} aⱼ: out/aᵢ without zeros, products of the others with (PyTorch's rule)."""
    shape = values_of(a).shape
    if not shape:
        return grad
    grad, out = _restore(grad, shape, dim, keepdim), _restore(out, shape, dim, keepdim)
    if not (values_of(a) == 0).any():
        return grad * (out / a)
    if dim is None:  # the whole tensor: one row of its elements
        flat = reshape_op(a, shape=(values_of(a).size,))
        return grad * reshape_op(_products_of_others(flat, 0), shape=shape)
    return grad * _products_of_others(a, dim[0])


def _products_of_others(a: Any, d: int) -> Any:
    """∏_{j≠i} aⱼ along dim ``d``, for each i."""
    n = values_of(a).shape[d]
    last = (np.arange(n) == n - 1).reshape((n,) + (1,) * (values_of(a).ndim - d - 1))
    return sum_dim_op(_products_leaving_one_out(a, d) * last, dim=(d + 1,), keepdim=False)


def _cumprod_rule(grad: Any, a: Any, out: Any, dim: int) -> Any:
    """∂(∏_{l≤j} a_l)/∂aᵢ = ∏_{l≤j, l≠i} a_l for j ≥ i: Σⱼ≥ᵢ gⱼ·outⱼ/aᵢ without zeros (PyTorch's rule)."""
    values = values_of(a)
    if not values.ndim or values.shape[dim] <= 1:
        return grad
    if not (values == 0).any():
        return _flip(cumsum_op(_flip(out * grad, dim), dim=dim), dim) / a
    n = values.shape[dim]
    later = np.triu(np.ones((n, n), dtype=bool)).reshape((n, n) + (1,) * (values.ndim - dim - 1))
    terms = _products_leaving_one_out(a, dim) * unsqueeze_op(grad, dim=dim)
    return sum_dim_op(where(later, terms, 0.0), dim=(dim + 1,), keepdim=False)


def _prod_forward(a: np.ndarray, dim: tuple | None, keepdim: bool) -> np.ndarray:
    return np.multiply.reduce(a, axis=dim, keepdims=keepdim)


_CUMULATIVE_IN = {np.dtype(np.float32): np.dtype(np.float64), np.dtype(np.float16): np.dtype(np.float32)}
"""What PyTorch's CPU cumsum and cumprod carry their running value in (``acc_type``): float32's in double."""


def _cumulative(ufunc: np.ufunc) -> Any:
    def forward(a: np.ndarray, dim: int) -> np.ndarray:
        if not a.ndim:
            return a.copy()
        carried = _CUMULATIVE_IN.get(a.dtype)
        if carried is None:
            return ufunc.accumulate(a, axis=dim)
        return ufunc.accumulate(a, axis=dim, dtype=carried).astype(a.dtype)  # (each value rounded once)

    return row_major(forward)  # (a new tensor laid out row by row, as PyTorch's, for a transposed input too)


def _cumsum_rule(grad: Any, dim: int) -> Any:
    """∂(Σ_{l≤j} a_l)/∂aᵢ = 1 for j ≥ i: the gradient summed from the end."""
    return _flip(cumsum_op(_flip(grad, dim), dim=dim), dim) if np.ndim(grad) else grad


prod_op = defop("prod", "ProdBackward0", "∏", _prod_forward,
                a=rule("∂(∏ a)/∂aᵢ = ∏_{j≠i} aⱼ", _prod_rule))
prod_dim_op = defop("prod_dim", "ProdBackward1", "∏", _prod_forward,
                    a=rule("∂(∏ a)/∂aᵢ = ∏_{j≠i} aⱼ", _prod_rule))
cumsum_op = defop("cumsum", "CumsumBackward0", "cumsum", _cumulative(np.add),
                  a=rule("∂(Σ_{l≤j} a_l)/∂aᵢ = 1 for j ≥ i", _cumsum_rule))
cumprod_op = defop("cumprod", "CumprodBackward0", "cumprod", _cumulative(np.multiply),
                   a=rule("∂(∏_{l≤j} a_l)/∂aᵢ = ∏_{l≤j, l≠i} a_l for j ≥ i", _cumprod_rule))


def _integers_as_int64(input: Tensor, dtype: Any) -> Tensor:
    """``dtype=`` applied, else bools and the smaller integers as int64 (PyTorch's sums and products)."""
    return _summed_as_int64(input) if dtype is None else _in_dtype(input, dtype)


@export(method=True)
def prod(input: Tensor, dim: int | None = None, keepdim: bool = False, *, dtype: Any = None) -> Tensor:
    """The product of all elements, or along one ``dim``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.prod(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
    tensor(24.)
    >>> torch.tensor([[1, 2], [3, 4]]).prod(dim=1)
    tensor([ 2, 12])
    """
    input = _integers_as_int64(input, dtype)
    dim = as_index(dim)
    if dim is None:
        return prod_op(input, dim=None, keepdim=False)
    if not isinstance(dim, (int, np.integer)):
        raise messages.error("prod_one_dim", type_name=type(dim).__name__)
    return prod_dim_op(input, dim=_dims(dim, input._array.ndim, "prod") or None, keepdim=keepdim)


@export(method=True)
def cumsum(input: Tensor, dim: int, *, dtype: Any = None) -> Tensor:
    """Running sums along ``dim``: element j is the sum of elements 0 to j.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.cumsum(torch.tensor([1.0, 2.0, 3.0]), dim=0)
    tensor([1., 3., 6.])
    """
    input = _integers_as_int64(input, dtype)
    return cumsum_op(input, dim=normalize_dim(dim, input._array.ndim))


@export(method=True)
def cumprod(input: Tensor, dim: int, *, dtype: Any = None) -> Tensor:
    """Running products along ``dim``: element j is the product of elements 0 to j.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.tensor([1.0, 2.0, 3.0]).cumprod(0)
    tensor([1., 2., 6.])
    """
    input = _integers_as_int64(input, dtype)
    return cumprod_op(input, dim=normalize_dim(dim, input._array.ndim))


# -- logsumexp, amax, amin, aminmax (branch breadth_a) --------------------------------------------


def _logsumexp_forward(a: np.ndarray, dim: tuple, keepdim: bool) -> np.ndarray:
    """log Σ exp(a), shifted by the max (no overflow); all -inf gives -inf and any inf gives inf, as PyTorch."""
    top = np.max(a, axis=dim, keepdims=True, initial=-np.inf)
    top = np.where(np.isinf(top), 0.0, top).astype(a.dtype)
    # PyTorch's steps: exp(a − max) by its exp kernel, summed by its sum kernel, log, + max
    with np.errstate(divide="ignore", over="ignore"):
        total = _log_rounded(_pytorch_sum(_exp_rounded(a - top), dim, keepdim=True)) + top
    return total if keepdim else total.reshape(np.add.reduce(a, axis=dim).shape)


def _share_among_ties(grad: Any, a: Any, out: Any, dim: tuple, keepdim: bool) -> Any:
    """∂(amax a)/∂aᵢ = 1/k for the k elements equal to the max along ``dim``, 0 elsewhere (PyTorch's)."""
    values = values_of(a)
    hits = values == _restore(values_of(out), values.shape, dim, keepdim)
    counts = np.add.reduce(hits, axis=dim, keepdims=True).astype(values.dtype)
    # (grad / count) · hits, PyTorch's scale_grad_by_count: a NaN maximum equals nothing, so its count is 0 and
    # every gradient along it NaN, as in PyTorch (where() gave 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return _unreduce(grad, values.shape, dim, keepdim) / counts * hits.astype(values.dtype)


def _amax_forward(a: np.ndarray, dim: tuple, keepdim: bool) -> np.ndarray:
    return np.max(a, axis=dim, keepdims=keepdim)


def _amin_forward(a: np.ndarray, dim: tuple, keepdim: bool) -> np.ndarray:
    return np.min(a, axis=dim, keepdims=keepdim)


def _logsumexp_rule(grad: Any, a: Any, out: Any, dim: tuple, keepdim: bool) -> Any:
    """∂(log Σ exp a)/∂aᵢ = exp(aᵢ − out): the softmax of a."""
    shape = values_of(a).shape
    return _restore(grad, shape, dim, keepdim) * exp(a - _restore(out, shape, dim, keepdim))


logsumexp_op = defop("logsumexp", "LogsumexpBackward0", "logΣexp", _logsumexp_forward,
                     a=rule("∂(log Σ exp a)/∂aᵢ = exp(aᵢ − out)", _logsumexp_rule))
amax_op = defop("amax", "AmaxBackward0", "max", _amax_forward,
                a=rule("∂(max a)/∂aᵢ = 1/k at the k maxima", _share_among_ties))
amin_op = defop("amin", "AminBackward0", "min", _amin_forward,
                a=rule("∂(min a)/∂aᵢ = 1/k at the k minima", _share_among_ties))
# aminmax: PyTorch makes one node with two outputs; here each output has its node, named alike.
aminmax_min_op = defop("aminmax_min", "AminmaxBackward0", "min", _amin_forward,
                       a=rule("∂(min a)/∂aᵢ = 1/k at the k minima", _share_among_ties))
aminmax_max_op = defop("aminmax_max", "AminmaxBackward0", "max", _amax_forward,
                       a=rule("∂(max a)/∂aᵢ = 1/k at the k maxima", _share_among_ties))


def _reduced_dims(input: Tensor, dim: Any, op: str) -> tuple:
    """``dim`` as a sorted tuple; ``()`` (PyTorch's default) means every dimension."""
    array = values_of(input)
    dims = _dims(() if dim is None else dim, array.ndim, op)
    if array.size == 0 and (not dims or builtins.any(array.shape[d] == 0 for d in dims)):
        raise messages.error("amax_empty", op=op)
    return dims


@export(method=True)
def logsumexp(input: Tensor, dim: int | Sequence[int], keepdim: bool = False) -> Tensor:
    """log(Σ exp(x)) along ``dim``, computed without overflow.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.logsumexp(torch.tensor([[0.0, 0.0], [100.0, 100.0]]), dim=1)
    tensor([  0.6931, 100.6931])
    """
    if values_of(input).dtype.kind != "f":
        input = _in_dtype(input, default_float())
    dims = _dims(dim, values_of(input).ndim, "logsumexp")
    return logsumexp_op(input, dim=dims, keepdim=keepdim)


@export(method=True)
def amax(input: Tensor, dim: int | Sequence[int] = (), keepdim: bool = False) -> Tensor:
    """The largest values along ``dim`` (every dimension by default); ties share the gradient.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.amax(torch.tensor([[1.0, 5.0], [3.0, 2.0]]), dim=1)
    tensor([5., 3.])
    """
    return amax_op(input, dim=_reduced_dims(input, dim, "amax"), keepdim=keepdim)


@export(method=True)
def amin(input: Tensor, dim: int | Sequence[int] = (), keepdim: bool = False) -> Tensor:
    """The smallest values along ``dim`` (every dimension by default); ties share the gradient.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.tensor([[1.0, 5.0], [3.0, 2.0]]).amin()
    tensor(1.)
    """
    return amin_op(input, dim=_reduced_dims(input, dim, "amin"), keepdim=keepdim)


return_types.declare("aminmax", fields=("min", "max"))


@export(method=True)
def aminmax(input: Tensor, *, dim: int | None = None, keepdim: bool = False) -> Any:
    """The smallest and the largest values, as ``(min, max)``, of all elements or along ``dim``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.aminmax(torch.tensor([1.0, 5.0, 3.0]))
    torch.return_types.aminmax(
    min=tensor(1.),
    max=tensor(5.))
    """
    array = values_of(input)
    dims = _dims(() if dim is None else dim, array.ndim, "aminmax")
    if array.size == 0:
        raise messages.error("aminmax_empty")
    if dim is None and keepdim:
        dims = tuple(range(array.ndim))
    return return_types.aminmax(
        aminmax_min_op(input, dim=dims, keepdim=keepdim), aminmax_max_op(input, dim=dims, keepdim=keepdim)
    )


# -- sums and means that skip NaN (branch breadth_a) --------------------------------------------

def _nansum_rule(grad: Any, a: Any, dim: tuple | None, keepdim: bool) -> Any:
    """∂(Σ a, NaN skipped)/∂aᵢ = 1, and 0 at a NaN."""
    values = values_of(a)
    # (grad · [a is not NaN], PyTorch's: an infinite gradient gives NaN at a NaN, as nanmean of all NaN's does)
    with np.errstate(invalid="ignore"):
        return _unreduce(grad, values.shape, dim, keepdim) * np.logical_not(np.isnan(values)).astype(values.dtype)


def _nansum_forward(a: np.ndarray, dim: tuple | None, keepdim: bool) -> np.ndarray:
    """PyTorch's nansum: its sum's order (cascade_sum), each NaN read as 0."""
    return _pytorch_sum(np.where(np.isnan(a), 0, a) if a.dtype.kind == "f" else a, dim, keepdim)


nansum_op = defop("nansum", "NansumBackward0", "Σ", _nansum_forward,
                  a=rule("∂(Σ a, NaN skipped)/∂aᵢ = 1, 0 at a NaN", _nansum_rule))


@export(method=True)
def nansum(
    input: Tensor, dim: int | Sequence[int] | None = None, keepdim: bool = False, *, dtype: Any = None
) -> Tensor:
    """The sum, with NaN counted as 0.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.nansum(torch.tensor([1.0, float("nan"), 2.0]))
    tensor(3.)
    """
    input = _integers_as_int64(input, dtype)
    dims = _dims(dim, values_of(input).ndim, "nansum")
    return nansum_op(input, dim=dims or None, keepdim=keepdim if dims else False)


@export(method=True)
def nanmean(
    input: Tensor, dim: int | Sequence[int] | None = None, keepdim: bool = False, *, dtype: Any = None
) -> Tensor:
    """The mean of the elements that are not NaN (PyTorch's: their sum divided by their count).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.tensor([1.0, float("nan"), 2.0]).nanmean()
    tensor(1.5000)
    """
    input = _in_dtype(input, dtype)
    kind = values_of(input).dtype.kind
    if kind != "f":
        raise messages.error("nanmean_not_float", dtype_name=errors.scalar_type_name(values_of(input).dtype))
    array = values_of(input)
    counted = Tensor._wrap(np.logical_not(np.isnan(array)).astype(array.dtype))  # counted in the input's dtype
    return nansum(input, dim, keepdim) / sum(counted, dim, keepdim)


# -- tests of every element: any, all, count_nonzero, isnan ... (branch breadth_a) ------------------


def _truth_reduction(reduce: Any, input: Tensor, dim: Any, keepdim: bool) -> Tensor:
    array = values_of(input)
    dims = _dims(dim, array.ndim, reduce.__self__.__name__.replace("logical_or", "any").replace("logical_and", "all"))
    result = reduce(array, axis=dims, keepdims=keepdim if dims is not None else False)
    return Tensor._wrap(np.asarray(result, dtype=np.uint8 if array.dtype == np.uint8 else np.bool_))


@export(method=True)
def any(input: Tensor, dim: int | Sequence[int] | None = None, keepdim: bool = False) -> Tensor:  # noqa: A001
    """Whether any element (along ``dim``) is true, i.e. not zero.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.any(torch.tensor([[0, 1], [0, 0]]), dim=1)
    tensor([ True, False])
    """
    return _truth_reduction(np.logical_or.reduce, input, dim, keepdim)


@export(method=True)
def all(input: Tensor, dim: int | Sequence[int] | None = None, keepdim: bool = False) -> Tensor:  # noqa: A001
    """Whether every element (along ``dim``) is true, i.e. not zero.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> (torch.tensor([1.0, 2.0]) > 0).all()
    tensor(True)
    """
    return _truth_reduction(np.logical_and.reduce, input, dim, keepdim)


@export(method=True)
def count_nonzero(input: Tensor, dim: int | Sequence[int] | None = None) -> Tensor:
    """How many elements (along ``dim``) are not zero, as int64.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.count_nonzero(torch.tensor([[0, 1], [2, 3]]), dim=1)
    tensor([1, 2])
    """
    array = values_of(input)
    return Tensor._wrap(np.asarray(np.count_nonzero(array, axis=_dims(dim, array.ndim, "count_nonzero")), dtype=np.int64))


def _element_test(function: str, test: Any, input: Tensor) -> Tensor:
    """``test`` of every element, as bools; integers and bools are never NaN or inf."""
    if not isinstance(input, Tensor):
        raise messages.error("input_not_tensor", function=function, type_name=messages.type_name(input))
    if input._array.dtype.kind == "f":
        return Tensor._wrap(test(input._array))
    return Tensor._wrap(np.full(input._array.shape, test is np.isfinite))


@export(method=True)
def isnan(input: Tensor) -> Tensor:
    """Which elements are NaN (not a number).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.isnan(torch.tensor([1.0, float("nan")]))
    tensor([False,  True])
    """
    return _element_test("isnan", np.isnan, input)


@export(method=True)
def isinf(input: Tensor) -> Tensor:
    """Which elements are inf or -inf.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.tensor([1.0, float("inf")]).isinf()
    tensor([False,  True])
    """
    return _element_test("isinf", np.isinf, input)


@export(method=True)
def isfinite(input: Tensor) -> Tensor:
    """Which elements are neither inf, -inf nor NaN.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.isfinite(torch.tensor([1.0, float("-inf"), float("nan")]))
    tensor([ True, False, False])
    """
    return _element_test("isfinite", np.isfinite, input)


def _nan_to_num_forward(a: np.ndarray, nan: float, posinf: float | None, neginf: float | None) -> np.ndarray:
    if a.dtype.kind != "f":
        return a.copy()
    return np.nan_to_num(a, nan=nan, posinf=posinf, neginf=neginf)


nan_to_num_op = defop("nan_to_num", "NanToNumBackward0", "nan→num", _nan_to_num_forward,
                      a=rule("∂(nan_to_num a)/∂aᵢ = 1 where aᵢ is finite, else 0",
                             lambda grad, a: where(np.isfinite(values_of(a)), grad, 0.0)))


@export(method=True)
def nan_to_num(
    input: Tensor, nan: float = 0.0, posinf: float | None = None, neginf: float | None = None
) -> Tensor:
    """NaN, inf and -inf replaced by ``nan``, ``posinf`` and ``neginf`` (by default 0 and the dtype's extremes).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.nan_to_num(torch.tensor([1.0, float("nan"), float("inf")]), posinf=9.0)
    tensor([1., 0., 9.])
    """
    return nan_to_num_op(input, nan=nan, posinf=posinf, neginf=neginf)


# -- differences between neighbours (branch breadth_a) -------------------------------------------


@export(method=True)
def diff(
    input: Tensor, n: int = 1, dim: int = -1, prepend: Tensor | None = None, append: Tensor | None = None
) -> Tensor:
    """Differences of neighbours along ``dim``, ``n`` times over; ``prepend``/``append`` join values first.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.diff(torch.tensor([1, 3, 6, 10]))
    tensor([2, 3, 4])
    >>> torch.tensor([1.0, 3.0, 6.0]).diff(n=2)
    tensor([1.])
    """
    if input._array.ndim == 0:
        raise messages.error("diff_0d")
    dim = normalize_dim(dim, input._array.ndim)
    pieces = [t for t in (prepend, input, append) if t is not None]
    if len(pieces) > 1:
        input = cat(pieces, dim=dim)
    before = (slice(None),) * dim
    for _ in range(n):
        later, earlier = input[before + (slice(1, None),)], input[before + (slice(None, -1),)]
        input = (later != earlier) if input._array.dtype == np.bool_ else later - earlier  # xor for bools
    return input


# -- torch.gradient: derivatives of sampled values by central differences (branch s12_fn) ------------------------


def _gradient_dims(input: Tensor, dim: int | Sequence[int] | None) -> list[int]:
    ndim = input._array.ndim
    if dim is None:
        return list(builtins.range(ndim))
    dims = [dim] if isinstance(dim, int) else list(dim)
    seen = set()
    for d in dims:
        axis = normalize_dim(d, ndim)
        if axis in seen:
            raise messages.error("gradient_repeated_dim", dim=axis)
        seen.add(axis)
    return [normalize_dim(d, ndim) for d in dims]


@export
def gradient(
    input: Tensor,
    *,
    spacing: float | Sequence[float] | Sequence[Tensor] | None = None,
    dim: int | Sequence[int] | None = None,
    edge_order: int = 1,
) -> tuple[Tensor, ...]:
    """The derivative of sampled values along each dimension (or ``dim``), one tensor per dimension.

    Inside, central differences ``(x[i+1] − x[i−1]) / 2h``; at the two
    ends, one-sided ones (``edge_order=2``: of second order).  ``spacing``
    is the step between samples: one number, one per dimension, or the
    coordinates of the samples (1-D tensors) for uneven steps.  Composed of
    slices, arithmetic and a final ``cat``, as PyTorch composes it.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.gradient(torch.tensor([1.0, 2.0, 4.0, 7.0]))
    (tensor([1.0000, 1.5000, 2.5000, 3.0000]),)
    >>> torch.gradient(torch.tensor([1.0, 2.0, 4.0, 7.0]), spacing=2.0)
    (tensor([0.5000, 0.7500, 1.2500, 1.5000]),)
    """
    if input._array.dtype == np.uint8:
        raise messages.error("gradient_uint8")
    given = spacing is not None
    if spacing is None or isinstance(spacing, (int, float, np.number)):
        count = 1 if isinstance(dim, int) else input._array.ndim if dim is None else len(dim)
        spacing = [1.0 if spacing is None else spacing] * count
    spacing = list(spacing)
    if given and dim is None and len(spacing) != input._array.ndim:
        raise messages.error("gradient_spacing_length", ndim=input._array.ndim, length=len(spacing))
    if given and dim is not None:
        dims_given = 1 if isinstance(dim, int) else len(dim)
        if len(spacing) != dims_given:
            raise messages.error("gradient_spacing_dims", length=len(spacing), dims=dims_given)
    if edge_order not in (1, 2):
        raise messages.error("gradient_edge_order")
    dims = _gradient_dims(input, dim)
    if builtins.any(input._array.shape[d] < edge_order + 1 for d in dims):
        raise messages.error("gradient_size")
    return tuple(
        _gradient_along(input, d, step, edge_order) if not isinstance(step, Tensor)
        else _gradient_at_coordinates(input, d, step, edge_order)
        for d, step in zip(dims, spacing, strict=True)
    )  # fmt: skip


def _slicer(input: Tensor, dim: int) -> Any:
    """``part(a, b)``: ``input`` from position ``a`` to ``b`` along ``dim`` (PyTorch's at::slice)."""
    before = (slice(None),) * dim
    return lambda start, end=None: input[before + (slice(start, end),)]


def _gradient_along(input: Tensor, dim: int, step: float, edge_order: int) -> Tensor:
    """PyTorch's gradient_helper_float: samples ``step`` apart."""
    part = _slicer(input, dim)
    center = (part(2) - part(0, -2)) / step
    if edge_order == 1:
        first = (part(1, 2) - part(0, 1)) / step
        last = (part(-1) - part(-2, -1)) / step
    else:
        first = (-1.5 * part(0, 1) + 2 * part(1, 2) - 0.5 * part(2, 3)) / step
        last = (0.5 * part(-3, -2) - 2 * part(-2, -1) + 1.5 * part(-1)) / step
    return cat([first, center / 2, last], dim=dim)


def _gradient_at_coordinates(input: Tensor, dim: int, coordinates: Tensor, edge_order: int) -> Tensor:
    """PyTorch's gradient_helper: samples at ``coordinates``, each inner one from its two neighbours' weights."""
    if coordinates._array.ndim != 1:
        raise messages.error("gradient_coordinates_dims", ndim=coordinates._array.ndim)
    part = _slicer(input, dim)
    shape = tuple(-1 if d == dim else 1 for d in builtins.range(input._array.ndim))
    steps = coordinates.diff(1, 0)
    before, after = steps[0:-1], steps[1:]
    a = (-after / (before * (before + after))).reshape(shape)
    b = ((after - before) / (before * after)).reshape(shape)
    c = (before / (after * (before + after))).reshape(shape)
    center = a * part(0, -2) + b * part(1, -1) + c * part(2)
    if edge_order == 1:
        first = (part(1, 2) - part(0, 1)) / steps[0]
        last = (part(-1) - part(-2, -1)) / steps[-1]
    else:
        h0, h1 = steps[0], steps[1]
        first = (
            -(2.0 * h0 + h1) / (h0 * (h0 + h1)) * part(0, 1)
            + (h0 + h1) / (h0 * h1) * part(1, 2)
            + (-h0) / (h1 * (h0 + h1)) * part(2, 3)
        )
        h0, h1 = steps[-1], steps[-2]
        last = (
            h0 / (h1 * (h0 + h1)) * part(-3, -2)
            + -(h0 + h1) / (h0 * h1) * part(-2, -1)
            + (2 * h0 + h1) / (h0 * (h0 + h1)) * part(-1)
        )
    return cat([first, center, last], dim=dim)


# -- argmin, and argmax/argmin's empty inputs and keepdim without dim (branch more_f) -----------------------


def _arg_extreme(input: Tensor, dim: int | None, keepdim: bool, find: Any, name: str) -> Tensor:
    """``find`` (np.argmax or np.argmin) as PyTorch runs it: int64, keepdim without dim keeps every dimension as 1."""
    a = input._array
    if a.dtype == np.bool_:
        raise messages.error("arg_extreme_bool", name=name)
    if dim is None:
        if a.size == 0:
            raise messages.error("arg_extreme_empty", name=name)
        index = np.asarray(find(a), dtype=np.int64)
        return Tensor._wrap(index.reshape((1,) * a.ndim) if keepdim else index)
    axis = normalize_dim(dim, a.ndim)
    if a.ndim == 0:
        return Tensor._wrap(np.zeros((), dtype=np.int64))
    if a.shape[axis] == 0:
        raise messages.error("arg_extreme_empty_dim", name=name, dim=dim)
    return Tensor._wrap(find(a, axis=axis, keepdims=keepdim).astype(np.int64, copy=False))


@export(method=True)
def argmin(input: Tensor, dim: int | None = None, keepdim: bool = False) -> Tensor:
    """The index of the smallest element (of the flattened tensor, or along ``dim``); the first one on ties.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.argmin(torch.tensor([3.0, 1.0, 1.0]))
    tensor(1)
    >>> torch.tensor([[1.0, 0.0], [-2.0, 5.0]]).argmin(dim=1, keepdim=True)
    tensor([[1],
            [0]])
    """
    return _arg_extreme(input, dim, keepdim, np.argmin, "argmin")


# -- isneginf, isposinf, isreal, frexp (branch s12_methods) ----------------------------------------------------


@export(method=True)
def isneginf(input: Tensor) -> Tensor:
    """Which elements are -inf.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.isneginf(torch.tensor([1.0, float("-inf"), float("inf")]))
    tensor([False,  True, False])
    """
    return _element_test("isneginf", np.isneginf, input)


@export(method=True)
def isposinf(input: Tensor) -> Tensor:
    """Which elements are +inf.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.tensor([1.0, float("-inf"), float("inf")]).isposinf()
    tensor([False, False,  True])
    """
    return _element_test("isposinf", np.isposinf, input)


@export(method=True)
def isreal(input: Tensor) -> Tensor:
    """Which elements are real numbers: all of them here (autograd_lab has no complex dtypes).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.isreal(torch.tensor([1.0, float("nan")]))
    tensor([True, True])
    """
    if not isinstance(input, Tensor):
        raise messages.error("input_not_tensor", function="isreal", type_name=messages.type_name(input))
    return Tensor._wrap(np.ones(input._array.shape, dtype=bool))


return_types.declare("frexp", fields=("mantissa", "exponent"))


def _frexp_mantissa(a: np.ndarray) -> np.ndarray:
    return np.frexp(a)[0]


def _over_powers_of_two(grad: Any, a: Any) -> Any:
    """``grad / 2ᵉ``, e the exponent of each element of ``a`` (a step: no gradient of its own)."""
    exponents = np.frexp(values_of(a))[1]
    return grad * np.ldexp(np.ones(exponents.shape, values_of(grad).dtype), -exponents)


frexp_op = defop(
    "frexp", "FrexpBackward0", "mantissa", _frexp_mantissa,
    a=rule("∂(a/2ᵉ)/∂a = 1/2ᵉ (e the exponent, a step)", _over_powers_of_two),
)


@export(method=True)
def frexp(input: Tensor) -> Any:
    """The mantissa in [0.5, 1) (or 0) and the exponent of each element: ``input = mantissa * 2**exponent``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.frexp(torch.tensor([8.0, -3.0]))
    torch.return_types.frexp(
    mantissa=tensor([ 0.5000, -0.7500]),
    exponent=tensor([4, 2], dtype=torch.int32))
    """
    if input._array.dtype.kind != "f":
        raise messages.error("frexp_not_floating")
    exponent = np.frexp(input._array)[1].astype(np.int32)
    return return_types.frexp(frexp_op(input), Tensor._wrap(exponent))
