"""Making tensors: from data, filled, ranges, and random draws.

Random draws follow PyTorch's CPU generator: the same Mersenne Twister, and
the same conversions to floats, so that after ``manual_seed(0)`` ``rand``
gives exactly PyTorch's numbers and ``randn`` gives them to float32 rounding.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from ._dtype import Size, dtype, float32, float64, from_numpy_dtype, int64
from ._dtype import bool as bool_
from .messages import errors
from .tensor import Tensor

__all__ = [
    "tensor",
    "as_tensor",
    "from_numpy",
    "zeros",
    "ones",
    "empty",
    "full",
    "zeros_like",
    "ones_like",
    "full_like",
    "rand_like",
    "randn_like",
    "eye",
    "arange",
    "linspace",
    "rand",
    "randn",
    "randint",
    "randperm",
    "manual_seed",
    "seed",
    "initial_seed",
    "FloatTensor",
    "DoubleTensor",
    "LongTensor",
    "BoolTensor",
]


# -- from data --------------------------------------------------------------


def _python_data_to_array(data: Any, dtype_: dtype | None) -> np.ndarray:
    """Convert nested lists of numbers with PyTorch's rules for the element type."""
    if isinstance(data, Tensor):
        array = data._array.copy()
    elif isinstance(data, (np.ndarray, np.generic)):
        from_numpy_dtype(data.dtype)  # raises PyTorch's error for unsupported types
        array = np.array(data)
    else:
        _check_nested(data, 0)
        array = np.array(data)
        if array.dtype.kind == "f":
            # Python floats make float32; a NumPy float64 or a float64 tensor in the list keeps
            # float64; an explicit dtype is applied below, straight from the float64 values.
            if dtype_ is None:
                array = array.astype(np.float64 if _holds_float64(data) else np.float32)
        elif array.dtype.kind in "iu":
            array = array.astype(np.int64)
        elif array.size == 0 and array.dtype.kind not in "b":
            array = array.astype(np.float32)
        elif array.dtype.kind not in "b":
            raise errors.invalid_data_type(type(_first_leaf(data)).__name__)
    if dtype_ is not None:
        array = array.astype(dtype_.numpy, copy=False)
    elif array.dtype not in (np.float32, np.float64, np.int64, np.bool_):
        array = array.astype(from_numpy_dtype(array.dtype).numpy)
    return array


def _first_leaf(data: Any) -> Any:
    while isinstance(data, (list, tuple)) and data:
        data = data[0]
    return data


def _holds_float64(data: Any) -> bool:
    if isinstance(data, (list, tuple)):
        return any(_holds_float64(item) for item in data)
    if isinstance(data, Tensor):
        return data._array.dtype == np.float64
    return isinstance(data, (np.ndarray, np.generic)) and data.dtype == np.float64


def _check_nested(data: Any, depth: int) -> None:
    # PyTorch's messages for ragged lists, instead of NumPy's object arrays.
    if isinstance(data, (str, bytes)):
        raise errors.invalid_data_type(type(data).__name__)
    if not isinstance(data, (list, tuple)):
        return
    lengths = [len(x) if isinstance(x, (list, tuple)) else None for x in data]
    for item, got in zip(data, lengths, strict=True):
        if lengths[0] is None and got is not None:
            raise errors.list_among_numbers(type(item).__name__)
        if lengths[0] is not None and got is None:
            raise errors.number_among_lists()
        if got != lengths[0]:
            raise errors.ragged_sequence(lengths[0], depth + 1, got)
    for item in data:
        _check_nested(item, depth + 1)


def tensor(data: Any, dtype: dtype | None = None, requires_grad: bool = False) -> Tensor:
    """Make a tensor holding a copy of ``data``.

    Parameters
    ----------
    data : number, nested list, NumPy array or Tensor
        The values. Python floats give ``float32``, ints ``int64``, bools ``bool``;
        a NumPy array keeps its type (``float64`` stays ``float64``).
    dtype : dtype, optional
        The element type to convert to.
    requires_grad : bool
        Whether to record operations on this tensor for ``backward()``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    tensor([[1., 2.],
            [3., 4.]], requires_grad=True)
    """
    result = Tensor._wrap(_python_data_to_array(data, dtype))
    if requires_grad:
        if result._array.dtype.kind != "f":
            raise errors.requires_grad_not_float()
        result._requires_grad = True
    return result


def as_tensor(data: Any, dtype: dtype | None = None) -> Tensor:
    """Like :func:`tensor`, but a tensor of the right type is returned as it is."""
    if isinstance(data, Tensor) and (dtype is None or data.dtype is dtype):
        return data
    return tensor(data, dtype=dtype)


def from_numpy(array: np.ndarray) -> Tensor:
    """A tensor sharing memory with a NumPy array (changes show in both).

    Examples
    --------
    >>> import numpy as np
    >>> import autograd_lab as torch
    >>> torch.from_numpy(np.array([1.0, 2.0]))
    tensor([1., 2.], dtype=torch.float64)
    """
    from_numpy_dtype(array.dtype)
    return Tensor._wrap(array)


def legacy_array(args: tuple, default: dtype) -> np.ndarray:
    """``Tensor(...)``: a sequence gives the values, integers give a shape."""
    if not args:
        return np.zeros(0, dtype=default.numpy)  # Tensor(): an empty tensor, as in PyTorch
    if len(args) == 1 and isinstance(args[0], Size):
        return np.zeros(args[0], dtype=default.numpy)  # Tensor(x.shape): a shape, not values
    if len(args) == 1 and not isinstance(args[0], (int, np.integer)):
        data = args[0]
        if isinstance(data, Tensor):
            return data._array.astype(default.numpy)
        return np.array(data, dtype=default.numpy)
    return np.zeros(_shape(args), dtype=default.numpy)


def _legacy_type(name: str, default: dtype) -> type:
    def __new__(cls: type, *args: Any) -> Tensor:
        return Tensor._wrap(legacy_array(args, default))

    doc = f"Legacy constructor: ``{name}([1, 2])`` gives values, ``{name}(2, 3)`` a shape."
    return type(name, (), {"__new__": __new__, "__doc__": doc})


FloatTensor = _legacy_type("FloatTensor", float32)
DoubleTensor = _legacy_type("DoubleTensor", float64)
LongTensor = _legacy_type("LongTensor", int64)
BoolTensor = _legacy_type("BoolTensor", bool_)


# -- filled -----------------------------------------------------------------


def _shape(size: Sequence) -> tuple[int, ...]:
    if len(size) == 1 and isinstance(size[0], (tuple, list)):
        size = size[0]
    return tuple(int(n) for n in size)


def _made(array: np.ndarray, requires_grad: bool) -> Tensor:
    result = Tensor._wrap(array)
    if requires_grad:
        # Factory functions use PyTorch's "Only ... and complex" wording, not the method's.
        if array.dtype.kind != "f":
            raise errors.requires_grad_not_float()
        result._requires_grad = True
    return result


def zeros(*size: int, dtype: dtype | None = None, requires_grad: bool = False) -> Tensor:
    """A tensor of zeros with the given shape.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(1, 2)
    tensor([[0., 0.]])
    """
    return _made(np.zeros(_shape(size), (dtype or float32).numpy), requires_grad)


def ones(*size: int, dtype: dtype | None = None, requires_grad: bool = False) -> Tensor:
    """A tensor of ones with the given shape.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.ones(2)
    tensor([1., 1.])
    """
    return _made(np.ones(_shape(size), (dtype or float32).numpy), requires_grad)


def empty(*size: int, dtype: dtype | None = None, requires_grad: bool = False) -> Tensor:
    """A tensor with the given shape (filled with zeros here, for reproducibility).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.empty(2).shape
    torch.Size([2])
    """
    return zeros(*size, dtype=dtype, requires_grad=requires_grad)


def full(
    size: Sequence[int], fill_value: float, *, dtype: dtype | None = None, requires_grad: bool = False
) -> Tensor:
    """A tensor of the given shape filled with one value.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.full((2,), 7.0)
    tensor([7., 7.])
    """
    if dtype is None:
        dtype = bool_ if isinstance(fill_value, bool) else int64 if isinstance(fill_value, int) else float32
    return _made(np.full(_shape((size,)), fill_value, dtype.numpy), requires_grad)


def zeros_like(input: Tensor, *, dtype: dtype | None = None, requires_grad: bool = False) -> Tensor:
    """Zeros with the shape and dtype of ``input``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros_like(torch.ones(2))
    tensor([0., 0.])
    """
    return _made(np.zeros_like(input._array, dtype=dtype and dtype.numpy), requires_grad)


def ones_like(input: Tensor, *, dtype: dtype | None = None, requires_grad: bool = False) -> Tensor:
    """Ones with the shape and dtype of ``input``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.ones_like(torch.zeros(1, 2))
    tensor([[1., 1.]])
    """
    return _made(np.ones_like(input._array, dtype=dtype and dtype.numpy), requires_grad)


def full_like(
    input: Tensor, fill_value: float, *, dtype: dtype | None = None, requires_grad: bool = False
) -> Tensor:
    """``fill_value`` with the shape and dtype of ``input``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.full_like(torch.zeros(2), 3.0)
    tensor([3., 3.])
    """
    return _made(np.full_like(input._array, fill_value, dtype=dtype and dtype.numpy), requires_grad)


def eye(n: int, m: int | None = None, *, dtype: dtype | None = None, requires_grad: bool = False) -> Tensor:
    """The identity matrix.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.eye(2)
    tensor([[1., 0.],
            [0., 1.]])
    """
    return _made(np.eye(n, m, dtype=(dtype or float32).numpy), requires_grad)


def arange(
    start: float,
    end: float | None = None,
    step: float = 1,
    *,
    dtype: dtype | None = None,
    requires_grad: bool = False,
) -> Tensor:
    """Evenly spaced values in ``[start, end)``; integers unless a bound is a float.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.arange(4)
    tensor([0, 1, 2, 3])
    >>> torch.arange(0, 1, 0.25)
    tensor([0.0000, 0.2500, 0.5000, 0.7500])
    """
    if end is None:
        start, end = 0, start
    integral = all(isinstance(v, (int, np.integer)) for v in (start, end, step))
    if dtype is None:
        dtype = int64 if integral else float32
    count = max(0, math.ceil((end - start) / step))
    values = start + np.arange(count, dtype=np.float64 if not integral else np.int64) * step
    return _made(values.astype(dtype.numpy), requires_grad)


def linspace(
    start: float, end: float, steps: int, *, dtype: dtype | None = None, requires_grad: bool = False
) -> Tensor:
    """``steps`` evenly spaced values from ``start`` to ``end``, both included.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.linspace(0, 1, 5)
    tensor([0.0000, 0.2500, 0.5000, 0.7500, 1.0000])
    """
    return _made(np.linspace(start, end, steps).astype((dtype or float32).numpy), requires_grad)


# -- random -----------------------------------------------------------------


class _Generator:
    """PyTorch's CPU generator: MT19937, plus the cached second normal sample."""

    def __init__(self, seed: int) -> None:
        self.manual_seed(seed)

    def manual_seed(self, seed: int) -> None:
        self.seed = int(seed)
        self._bits = None  # made on first use: numpy.random costs ~15 ms to import
        self._next_normal: float | None = None

    def raw32(self, count: int) -> np.ndarray:
        if self._bits is None:
            # RandomState seeds MT19937 as PyTorch does (init_genrand on 32 bits).
            self._bits = np.random.RandomState(self.seed & 0xFFFFFFFF)._bit_generator
        return self._bits.random_raw(count).astype(np.uint64)

    def uniform24(self, count: int) -> np.ndarray:
        # PyTorch's float uniform: the low 24 bits of a 32-bit draw, over 2**24.
        return (self.raw32(count) & 0xFFFFFF).astype(np.float32) * np.float32(2.0**-24)

    def uniform53(self, count: int) -> np.ndarray:
        # PyTorch's double uniform: 53 bits of a 64-bit draw (two 32-bit draws, high first).
        high, low = self.raw32(2 * count).reshape(count, 2).T
        return (((high << np.uint64(32)) | low) & np.uint64((1 << 53) - 1)) * 2.0**-53

    def normal_serial(self, count: int) -> np.ndarray:
        # Box-Muller in double, one pair at a time, keeping the sine for next time.
        out = np.empty(count, dtype=np.float64)
        for i in range(count):
            if self._next_normal is not None:
                out[i], self._next_normal = self._next_normal, None
                continue
            u1, u2 = self.uniform53(2)
            radius = math.sqrt(-2.0 * math.log1p(-u2))
            theta = 2.0 * math.pi * u1
            self._next_normal = radius * math.sin(theta)
            out[i] = radius * math.cos(theta)
        return out

    def normal_vectorized(self, count: int, double: bool = False) -> np.ndarray:
        # For 16 or more values PyTorch fills uniforms, then transforms blocks of 16.
        uniform = self.uniform53 if double else self.uniform24
        data = uniform(count)
        for start in range(0, count - 15, 16):
            _box_muller_16(data, start)
        if count % 16:
            data[count - 16 :] = uniform(16)
            _box_muller_16(data, count - 16)
        return data


def _box_muller_16(data: np.ndarray, start: int) -> None:
    kind = data.dtype.type  # computed in the array's own precision, as PyTorch does
    u1 = kind(1) - data[start : start + 8]
    u2 = data[start + 8 : start + 16]
    radius = np.sqrt(kind(-2) * np.log(u1))
    theta = kind(2 * math.pi) * u2
    data[start : start + 8], data[start + 8 : start + 16] = radius * np.cos(theta), radius * np.sin(theta)


_DEFAULT_SEED = 67280421310721  # PyTorch's initial seed
_generator = _Generator(_DEFAULT_SEED)


def manual_seed(seed: int) -> _Generator:
    """Seed the random number generator, so that random draws repeat.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> _ = torch.manual_seed(0)
    >>> torch.rand(3)
    tensor([0.4963, 0.7682, 0.0885])
    """
    _generator.manual_seed(seed)
    return _generator


def seed() -> int:
    """Seed the generator from the operating system's randomness; returns the seed."""
    value = int.from_bytes(np.random.default_rng().bytes(8), "little") >> 1
    _generator.manual_seed(value)
    return value


def initial_seed() -> int:
    """The seed the generator was last seeded with."""
    return _generator.seed


def rand(*size: int, dtype: dtype | None = None, requires_grad: bool = False) -> Tensor:
    """Uniform random numbers in ``[0, 1)``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> _ = torch.manual_seed(0)
    >>> torch.rand(2)
    tensor([0.4963, 0.7682])
    """
    shape = _shape(size)
    count = int(np.prod(shape))
    dtype = dtype or float32
    if dtype is float64:
        values = _generator.uniform53(count)
    else:
        values = _generator.uniform24(count)
    return _made(values.reshape(shape).astype(dtype.numpy, copy=False), requires_grad)


def randn(*size: int, dtype: dtype | None = None, requires_grad: bool = False) -> Tensor:
    """Standard normal random numbers (mean 0, standard deviation 1).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> _ = torch.manual_seed(0)
    >>> torch.randn(3)
    tensor([ 1.5410, -0.2934, -2.1788])
    """
    shape = _shape(size)
    count = int(np.prod(shape))
    dtype = dtype or float32
    if count >= 16:
        values = _generator.normal_vectorized(count, double=dtype is float64)
    else:
        values = _generator.normal_serial(count)
    return _made(values.reshape(shape).astype(dtype.numpy, copy=False), requires_grad)


def rand_like(input: Tensor, *, requires_grad: bool = False) -> Tensor:
    """Uniform random numbers with the shape of ``input``."""
    return rand(*input._array.shape, dtype=input.dtype, requires_grad=requires_grad)


def randn_like(input: Tensor, *, requires_grad: bool = False) -> Tensor:
    """Normal random numbers with the shape of ``input``."""
    return randn(*input._array.shape, dtype=input.dtype, requires_grad=requires_grad)


def randint(
    low: int, high: int | None = None, size: Sequence[int] = (), *, dtype: dtype | None = None
) -> Tensor:
    """Random integers in ``[low, high)`` (drawn from the same seeded generator).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> _ = torch.manual_seed(0)
    >>> torch.randint(0, 10, (3,)).shape
    torch.Size([3])
    """
    if high is None or isinstance(high, (tuple, list)):
        low, high, size = 0, low, size if high is None else high  # randint(high, size)
    shape = _shape((size,))
    count = int(np.prod(shape))
    values = low + (_generator.raw32(count) % np.uint64(high - low)).astype(np.int64)
    return Tensor._wrap(values.reshape(shape).astype((dtype or int64).numpy))


def randperm(n: int) -> Tensor:
    """A random permutation of ``0 .. n-1``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> sorted(torch.randperm(4).tolist())
    [0, 1, 2, 3]
    """
    # PyTorch's shuffle (Fisher-Yates, one 32-bit draw per swap), so that the
    # permutation and every draw after it match PyTorch's.
    permutation = np.arange(n, dtype=np.int64)
    draws = _generator.raw32(max(n - 1, 0))
    for i in range(n - 1):
        j = i + int(draws[i]) % (n - i)
        permutation[i], permutation[j] = permutation[j], permutation[i]
    return Tensor._wrap(permutation)
