"""PyTorch's CPU random number generator, and the draws every random function makes.

``torch.manual_seed(0)`` followed by ``torch.rand``, ``randn``, ``randint``,
``randperm``, ``normal_``, ``uniform_``, ``bernoulli_`` or dropout gives
PyTorch's numbers bit for bit, and leaves the generator where PyTorch leaves
it, so that the next draw matches too.  That takes PyTorch's algorithms,
written out here in NumPy:

- the generator is MT19937 seeded with the low 32 bits of the seed
  (NumPy's ``RandomState`` seeds it the same way); a 64-bit draw is two
  32-bit ones, the first being the high word;
- a float32 uniform is the low 24 bits of one draw over 2**24, a float64 one
  the low 53 bits of a 64-bit draw over 2**53;
- normal draws use Box-Muller: one pair at a time in double precision (the
  second value is kept for the next call) for fewer than 16 values, else in
  blocks of 16 (float32: the AVX2 kernel's polynomials for log, sin and
  cos, which are ported below operation for operation);
- PyTorch's C++ is compiled so that ``a*b + c`` is often one fused
  multiply-add, rounded once: ``_fused.fma32`` and ``fma64`` do that in NumPy.

Every function here returns NumPy arrays; ``creation`` and
``ops/sampling.py`` make tensors of them, and ``nn.init``, dropout and the
data samplers draw through them too.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from typing import Any

import numpy as np

from . import messages
from ._classname import PyTorchName
from ._device import CPU
from ._device import device as device_class
from ._fused import _PIECE, fma32, fma64
from .messages import errors

__all__ = [
    "Generator", "default_generator", "manual_seed", "seed", "initial_seed",
    "get_rng_state", "set_rng_state",
]  # fmt: skip

_F32 = np.float32
_F64 = np.float64
_F16 = np.float16
_U64 = np.uint64
_DEFAULT_SEED = 67280421310721  # PyTorch's default_rng_seed_val: a fresh Generator()'s seed
_STATE_WORDS = 624  # MT19937's state


class Generator(metaclass=PyTorchName, torch_module="torch._C"):
    """A random number generator: PyTorch's MT19937, with its cached normal sample.

    Parameters
    ----------
    device : str or device
        Only ``"cpu"`` exists here.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> g = torch.Generator().manual_seed(42)
    >>> torch.rand(2, generator=g)
    tensor([0.8823, 0.9150])
    >>> g.initial_seed()
    42
    """

    __slots__ = ("_seed", "_bits", "_next_normal")

    def __init__(self, device: Any = "cpu") -> None:
        found = device_class(device)
        if found.type != "cpu":
            raise errors.generator_device(found.type)
        self.manual_seed(_DEFAULT_SEED)

    @property
    def device(self) -> Any:
        """Where the generator's numbers are made: ``device(type='cpu')``."""
        return CPU

    def manual_seed(self, seed: int) -> Generator:
        """Seed the generator (only the low 32 bits count, as in PyTorch); returns it."""
        value = int(seed)
        if not -(2**63) <= value < 2**64:
            raise messages.error("seed_overflow")
        self._seed = value & (2**64 - 1)  # a negative seed wraps around, as a C++ uint64_t
        self._bits = None  # made on first use: numpy.random costs ~15 ms to import
        self._next_normal: float | None = None  # Box-Muller's second value, kept for the next draw
        return self

    def initial_seed(self) -> int:
        """The seed last given to :meth:`manual_seed` (or drawn by :meth:`seed`)."""
        return self._seed

    def seed(self) -> int:
        """Seed from the operating system's randomness; returns the new seed."""
        value = int.from_bytes(os.urandom(8), "little")
        self.manual_seed(value)
        return value

    def get_state(self) -> Any:
        """The generator's whole state as an int64 tensor, for :meth:`set_state`.

        PyTorch returns a ``uint8`` tensor of 5056 bytes; this one holds the
        same information (seed, position, the 624 words, the cached normal)
        as 628 int64 values.
        """
        from .tensor import Tensor

        words = self._engine().state["state"]
        cached = self._next_normal
        header = [
            self._seed - 2**64 if self._seed >= 2**63 else self._seed,
            int(words["pos"]),
            cached is not None,
            int(np.array(cached or 0.0, dtype=_F64).view(np.int64)),
        ]
        return Tensor._wrap(np.concatenate([np.array(header, np.int64), words["key"].astype(np.int64)]))

    def set_state(self, new_state: Any) -> Generator:
        """Restore a state :meth:`get_state` returned; returns the generator."""
        values = np.asarray(new_state._array, dtype=np.int64).ravel()
        if values.size != _STATE_WORDS + 4:
            raise messages.error("rng_state_size", size=values.size)
        seed, position, has_normal, normal_bits = (int(v) for v in values[:4])
        self.manual_seed(seed)
        self._engine().state = {
            "bit_generator": "MT19937",
            "state": {"key": values[4:].astype(np.uint32), "pos": position},
        }
        self._next_normal = float(np.array(normal_bits).view(_F64)) if has_normal else None
        return self

    def __repr__(self) -> str:
        return f"<torch._C.Generator object at {id(self):#x}>"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:  # what IPython shows PyTorch's as
        printer.text(f"<torch._C.Generator at {id(self):#x}>")

    # -- PyTorch's draw primitives -----------------------------------------------------
    def _engine(self) -> Any:
        if self._bits is None:
            # RandomState seeds MT19937 as PyTorch does (init_genrand on the low 32 bits).
            self._bits = np.random.RandomState(self._seed & 0xFFFFFFFF)._bit_generator
        return self._bits

    def random(self, count: int) -> np.ndarray:
        """``count`` 32-bit draws (PyTorch's ``random()``), as uint64."""
        return self._engine().random_raw(count).astype(_U64)

    def random64(self, count: int) -> np.ndarray:
        """``count`` 64-bit draws (``random64()``): two 32-bit draws each, the first is the high word."""
        high, low = self.random(2 * count).reshape(count, 2).T
        return (high << _U64(32)) | low

    def uniform24(self, count: int) -> np.ndarray:
        """float32 uniforms in [0, 1): the low 24 bits of a 32-bit draw, over 2**24."""
        return (self.random(count) & _U64(0xFFFFFF)).astype(_F32) * _F32(2.0**-24)

    def uniform53(self, count: int) -> np.ndarray:
        """float64 uniforms in [0, 1): the low 53 bits of a 64-bit draw, over 2**53."""
        return (self.random64(count) & _U64(2**53 - 1)).astype(_F64) * 2.0**-53

    def box_muller(self, count: int) -> np.ndarray:
        """``count`` standard normals in double, as PyTorch's serial path draws them one at a time:
        a normal kept from the last pair first, then a pair per two uniforms (its cosine, then its
        sine), the sine of an unfinished last pair kept for the next draw."""
        out = np.empty(count, dtype=_F64)
        start = 0
        if count and self._next_normal is not None:
            out[0], self._next_normal, start = self._next_normal, None, 1
        pairs = (count - start + 1) // 2
        if pairs:
            u1, u2 = self.uniform53(2 * pairs).reshape(pairs, 2).T
            radius = np.sqrt(-2.0 * _each(math.log1p, -u2))
            theta = 2.0 * math.pi * u1
            values = np.empty(2 * pairs, dtype=_F64)
            values[0::2], values[1::2] = radius * _each(math.cos, theta), radius * _each(math.sin, theta)
            out[start:] = values[: count - start]
            if (count - start) % 2:
                self._next_normal = float(values[-1])
        return out


default_generator = Generator()
"""The generator every random function uses unless given ``generator=``."""
default_generator.seed()  # seeded from the OS at start, as PyTorch's: unseeded draws differ run to run


def generator_of(generator: Generator | None) -> Generator:
    """The generator a ``generator=`` argument names: the default one for ``None``."""
    if generator is None:
        return default_generator
    if not isinstance(generator, Generator):
        raise messages.error("not_a_generator", type_name=type(generator).__name__)
    return generator


def manual_seed(seed: int) -> Generator:
    """Seed the default generator, so that random draws repeat; returns it.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> _ = torch.manual_seed(0)
    >>> torch.rand(3)
    tensor([0.4963, 0.7682, 0.0885])
    """
    return default_generator.manual_seed(seed)


def seed() -> int:
    """Seed the default generator from the operating system's randomness; returns the seed."""
    return default_generator.seed()


def initial_seed() -> int:
    """The seed the default generator was last seeded with.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> _ = torch.manual_seed(7)
    >>> torch.initial_seed()
    7
    """
    return default_generator.initial_seed()


def get_rng_state() -> Any:
    """The default generator's state (see :meth:`Generator.get_state`)."""
    return default_generator.get_state()


def set_rng_state(new_state: Any) -> None:
    """Restore the default generator's state from :func:`get_rng_state`.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> state = torch.get_rng_state()
    >>> first = torch.randn(3)
    >>> torch.set_rng_state(state)
    >>> torch.randn(3).tolist() == first.tolist()
    True
    """
    default_generator.set_state(new_state)


def _pieces(values: np.ndarray) -> Any:
    """Views of ``values`` (split along its first axis) of about ``_PIECE`` values each, to fill in place."""
    step = max(1, _PIECE // max(1, math.prod(values.shape[1:])))
    return (values[start : start + step] for start in range(0, len(values), step))


# -- uniform --------------------------------------------------------------------------------


def uniform(count: int, low: float, high: float, dtype: np.dtype, generator: Generator | None) -> np.ndarray:
    """``count`` uniforms in [low, high): ``Tensor.uniform_``, ``torch.rand``.

    float32: ``fma(u24, f32(high) - f32(low), f32(low))``; float64:
    ``fma(u53, high - low, low)``; float16: the float32 numbers, rounded to half.
    """
    if low > high:
        raise errors.uniform_range(low, high)
    source = generator_of(generator)
    if np.dtype(dtype) == _F16:
        return uniform(count, low, high, _F32, source).astype(_F16)
    if np.dtype(dtype) == _F32:
        drawn = source.uniform24(count)
        if (low, high) == (0, 1):
            return drawn
        low32, high32 = _F32(low), _F32(high)
        for piece in _pieces(drawn):  # (in place, a piece at a time: see _PIECE)
            piece[...] = fma32(piece, high32 - low32, low32)
        return drawn
    drawn = source.uniform53(count)
    if (low, high) == (0, 1):
        return drawn
    return fma64(drawn, float(high) - float(low), float(low))


# -- normal ---------------------------------------------------------------------------------


def normal(
    count: int,
    mean: float,
    std: float,
    dtype: np.dtype,
    generator: Generator | None,
    contiguous: bool = True,
) -> np.ndarray:
    """``count`` normal draws: ``Tensor.normal_``, ``torch.randn``, ``torch.normal``.

    Fewer than 16 values, or a tensor that is not contiguous: Box-Muller one
    pair at a time in double.  16 or more: uniforms first, then blocks of 16
    (PyTorch's ``normal_fill``); a last partial block takes 16 new uniforms
    and overwrites the end.
    """
    if std < 0:
        raise errors.normal_std(std)
    source = generator_of(generator)
    if count < 16 or not contiguous:
        return fma64(source.box_muller(count), float(std), float(mean)).astype(dtype)
    if np.dtype(dtype) == _F32:
        fill, uniforms = _normal_block_float32, source.uniform24
    else:
        fill, uniforms = _normal_block_float64, source.uniform53
    data = uniforms(count)
    whole = count - count % 16
    for piece in _pieces(data[:whole].reshape(-1, 16)):  # (in place, a piece at a time: see _PIECE)
        piece[...] = fill(piece, mean, std)
    if count % 16:
        data[count - 16 :] = fill(uniforms(16).reshape(1, 16), mean, std).ravel()
    return data


def _normal_block_float32(blocks: np.ndarray, mean: float, std: float) -> np.ndarray:
    """Box-Muller on rows of 16 float32 uniforms, as PyTorch's AVX2 ``normal_fill_16`` computes it."""
    radius = np.sqrt(_F32(-2.0) * _log_avx(_F32(1.0) - blocks[:, :8]))
    theta = _F32(2.0 * math.pi) * blocks[:, 8:]
    sin, cos = _sincos_avx(theta)
    mean32, std32 = _F32(mean), _F32(std)
    return np.concatenate([fma32(radius * cos, std32, mean32), fma32(radius * sin, std32, mean32)], axis=1)


def _normal_block_float64(blocks: np.ndarray, mean: float, std: float) -> np.ndarray:
    """Box-Muller on rows of 16 float64 uniforms, with the C library's log, cos and sin."""
    radius = np.sqrt(-2.0 * _each(math.log, 1.0 - blocks[:, :8]))
    theta = 2.0 * math.pi * blocks[:, 8:]
    cos, sin = _each(math.cos, theta), _each(math.sin, theta)
    return np.concatenate([fma64(radius * cos, std, mean), fma64(radius * sin, std, mean)], axis=1)


def _each(function: Any, values: np.ndarray) -> np.ndarray:
    """``function`` of each value, with Python's math (the C library, as PyTorch's C++ uses)."""
    return np.array([function(v) for v in values.ravel().tolist()], dtype=_F64).reshape(values.shape)


# avx_mathfun.h's log256_ps and sincos256_ps (Cephes polynomials), in float32, with
# the fused multiply-adds GCC made of them when it compiled PyTorch's AVX2 kernel.
_LOG_POLYNOMIAL = (
    7.0376836292e-2, -1.1514610310e-1, 1.1676998740e-1, -1.2420140846e-1, 1.4249322787e-1,
    -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1,
)  # fmt: skip
_COS_POLYNOMIAL = (2.443315711809948e-5, -1.388731625493765e-3, 4.166664568298827e-2)
_SIN_POLYNOMIAL = (-1.9515295891e-4, 8.3321608736e-3, -1.6666654611e-1)


def _log_avx(x: np.ndarray) -> np.ndarray:
    """Natural log of positive float32 values: ``log256_ps``."""
    x = np.maximum(x, _F32(1.17549435e-38))  # the smallest normal float
    bits = x.view(np.int32)
    exponent = ((bits >> 23) - 127).astype(_F32) + _F32(1)
    x = ((bits & ~0x7F800000) | np.array(0.5, _F32).view(np.int32)).view(_F32)  # mantissa in [0.5, 1)
    small = x < _F32(0.707106781186547524)
    exponent = exponent - small.astype(_F32)
    x = (x - _F32(1)) + np.where(small, x, _F32(0))
    square = x * x
    y = np.full_like(x, _F32(_LOG_POLYNOMIAL[0]))
    for coefficient in _LOG_POLYNOMIAL[1:]:
        y = fma32(y, x, _F32(coefficient))
    y = y * x
    y = fma32(y, square, exponent * _F32(-2.12194440e-4))
    y = fma32(square, _F32(-0.5), y)
    return fma32(exponent, _F32(0.693359375), x + y)


def _sincos_avx(theta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sine and cosine of non-negative float32 angles: ``sincos256_ps``."""
    x = np.abs(theta)
    octant = (x * _F32(1.27323954473516)).astype(np.int32)  # x / (pi/4), truncated
    octant = (octant + 1) & ~1
    y = octant.astype(_F32)
    for part in (
        -0.78515625,
        -2.4187564849853515625e-4,
        -3.77489497744594108e-8,
    ):  # x - y*pi/4, in three parts
        x = fma32(y, _F32(part), x)
    sin_negative = np.signbit(theta) ^ ((octant & 4) != 0)
    cos_negative = (~(octant - 2) & 4) != 0
    first_polynomial = (octant & 2) == 0
    square = x * x
    cos = fma32(
        fma32(_F32(_COS_POLYNOMIAL[0]), square, _F32(_COS_POLYNOMIAL[1])), square, _F32(_COS_POLYNOMIAL[2])
    )
    cos = fma32(cos * square, square, -(square * _F32(0.5))) + _F32(1)
    sin = fma32(
        fma32(_F32(_SIN_POLYNOMIAL[0]), square, _F32(_SIN_POLYNOMIAL[1])), square, _F32(_SIN_POLYNOMIAL[2])
    )
    sin = fma32(sin * square, x, x)
    sin, cos = np.where(first_polynomial, sin, cos), np.where(first_polynomial, cos, sin)
    return np.where(sin_negative, -sin, sin), np.where(cos_negative, -cos, cos)


# -- integers, permutations, coin flips -------------------------------------------------------


def integers(count: int, low: int, high: int, dtype: np.dtype, generator: Generator | None) -> np.ndarray:
    """``count`` integers in [low, high): ``torch.randint``, ``Tensor.random_(from, to)``.

    ``(r % range) + low`` with ``r`` a 32-bit draw, or a 64-bit one when the
    range is 2**28 or more.  For a floating dtype, PyTorch first moves
    bounds the dtype cannot hold exactly inwards, to numbers it can.
    """
    low, high = int(low), int(high)
    if low >= high:
        raise messages.error("random_range", low=low, high=high)
    np_dtype = np.dtype(dtype)
    if np_dtype.kind == "f":
        low, high = _representable_range(low, high, np_dtype)
    span = high - low
    source = generator_of(generator)
    drawn = source.random64(count) if span >= 2**28 else source.random(count)
    return ((drawn % _U64(span)).astype(np.int64) + low).astype(np_dtype)


def _representable_range(low: int, high: int, np_dtype: np.dtype) -> tuple[int, int]:
    """PyTorch's ``update_from`` / ``update_to``: bounds a float dtype rounds outwards are moved in."""
    digits = np.finfo(np_dtype).nmant + 1
    if high - 1 > 2**digits or low < -(2**digits):
        name = "float" if np_dtype == _F32 else "double"
        bound = "to - 1" if high - 1 > 2**digits else "from"
        messages.warn("random_float_precision", bound=bound, digits=digits, name=name)
    kind = np_dtype.type
    low_plus_1 = int(kind(low + 1))
    if low_plus_1 < low:
        low = low_plus_1 + (1 << (abs(low + 1).bit_length() - 1 - digits + 1))
    high_minus_1 = int(kind(high - 1))
    if high_minus_1 >= high:
        high = high_minus_1 - (1 << (abs(high - 1).bit_length() - 1 - digits + 1))
    return low, high


# random_() with no range: a draw modulo what the dtype holds exactly.
_RANDOM_BITS = {"int64": (True, 2**63), "float64": (True, 2**53 + 1), "float32": (False, 2**24 + 1)}


def random_bits(count: int, dtype: np.dtype, generator: Generator | None) -> np.ndarray:
    """``Tensor.random_()``: integers from 0 up to what the dtype holds exactly (bool: 0 or 1)."""
    source = generator_of(generator)
    name = np.dtype(dtype).name
    if name == "bool":
        return (source.random(count) & _U64(1)).astype(bool)
    wide, modulus = _RANDOM_BITS[name]
    drawn = source.random64(count) if wide else source.random(count)
    return (drawn % _U64(modulus)).astype(dtype)


_SMALL_PERMUTATION = 4294967295 // 20  # below this size PyTorch shuffles with 32-bit draws


def permutation(n: int, generator: Generator | None) -> np.ndarray:
    """A random permutation of ``0 .. n-1``: ``torch.randperm``.

    Fisher-Yates from the front (swap ``i`` with ``i + random() % (n - i)``);
    from 214,748,364 elements on, PyTorch's inside-out shuffle with 64-bit draws.
    """
    if n < 0:
        raise errors.negative_dimension((n,))
    source = generator_of(generator)
    if n < _SMALL_PERMUTATION:
        order = list(range(n))
        for i, draw in enumerate(source.random(max(n - 1, 0)).tolist()):
            j = i + draw % (n - i)
            order[i], order[j] = order[j], order[i]
        return np.array(order, dtype=np.int64)
    order = np.empty(n, dtype=np.int64)
    for i, draw in enumerate(source.random64(n).tolist()):
        j = draw % (i + 1)
        order[i] = order[j]
        order[j] = i
    return order


def bernoulli(
    count: int, p: Any, dtype: np.dtype, generator: Generator | None, like: np.ndarray | None = None
) -> np.ndarray:
    """``count`` coin flips, 1 with probability ``p``: ``bernoulli_``, ``torch.bernoulli``, dropout.

    A Python number ``p``: one float64 uniform per value, ``u < p``.  An
    array of probabilities: a uniform of the array's own precision each,
    drawn in the memory order of the tensor they fill: ``like`` (``x.bernoulli_(p)``), or a new
    tensor laid out row by row (``torch.bernoulli(p)``, whatever ``p``'s own layout).
    """
    source = generator_of(generator)
    if isinstance(p, np.ndarray):
        if p.size and not (np.all(p >= 0) and np.all(p <= 1)):
            raise messages.error("bernoulli_probabilities")
        drawn = source.uniform24(count) if p.dtype == _F32 else source.uniform53(count)
        laid = drawn.reshape(p.shape) if like is None else in_memory_order(like, drawn)
        return (laid < p).astype(dtype)
    if not 0 <= p <= 1:
        raise errors.bernoulli_p(p)
    return (source.uniform53(count) < p).astype(dtype)


def exponential(count: int, rate: float, dtype: np.dtype, generator: Generator | None) -> np.ndarray:
    """``count`` exponential draws: ``-1/rate * log1p(-u)`` in double, ``u`` a float64 uniform."""
    if not rate > 0:
        raise errors.exponential_rate(rate)
    scale = -1.0 / rate
    drawn = generator_of(generator).uniform53(count)
    if np.dtype(dtype) == _F32:  # (multinomial's keys: NumPy's log1p, checked where it could matter)
        return _float32_as_libm(scale * np.log1p(-drawn), lambda at: scale * _each(math.log1p, -drawn[at]))
    return (scale * _each(math.log1p, -drawn)).astype(dtype)


_NEAR = 2.0**-44
"""How far (relatively) a float64 computed with NumPy's vectorized functions may lie from the C
library's: 512 units in the last place, far more than either's error (a few units at most)."""


def _float32_as_libm(approximate: np.ndarray, exact: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    """Float32 values of a float64 formula, as the C library's functions give them.

    NumPy's SIMD functions may differ from the C library's in the last bits of a float64, which
    changes its float32 only when it lies that close to a float32 rounding boundary: those few
    (``exact(indices)``) are computed again with the C library's functions (``math``, as
    PyTorch's C++ uses them), and all others are already right.
    """
    out = approximate.astype(_F32)
    low, high = (approximate * (1 - _NEAR)).astype(_F32), (approximate * (1 + _NEAR)).astype(_F32)
    unsure = np.flatnonzero((low != high) | np.isnan(out))
    if unsure.size:
        out[unsure] = np.asarray(exact(unsure)).astype(_F32)
    return out


def multinomial(
    weights: np.ndarray, count: int, replacement: bool, generator: Generator | None
) -> np.ndarray:
    """``torch.multinomial`` of 2-d ``weights`` (one distribution a row): int64 indices, ``count`` a row.

    Without replacement (or for one sample), PyTorch's exponential trick: one
    exponential draw per weight, of the weights' precision, and the largest
    ``weight / draw`` (argmax, or its top-k).  With replacement, its CPU
    kernel, row after row: the running sums in the weights' precision over
    their total, the last set to 1, and for each sample one float64 uniform
    and the first bucket whose sum reaches it.
    """
    rows, size = weights.shape
    if not replacement and count > size:
        raise messages.error("multinomial_too_many")
    if not replacement or count == 1:
        if not (np.all(weights < np.inf) and np.all(weights >= 0)):
            raise messages.error("multinomial_invalid_entries")
        if np.any(weights.sum(axis=1) == 0):
            raise messages.error("multinomial_sum")
        keys = weights / exponential(weights.size, 1.0, weights.dtype, generator).reshape(weights.shape)
        if count == 1:  # (PyTorch's argmax: the first of equal keys)
            return np.argmax(keys, axis=1).astype(np.int64)[:, None]
        from .ops._introsort import (
            topk_indices,
        )  # (PyTorch's topk: its order of equal keys, the weights of 0)

        return topk_indices(keys, count, 1)
    source = generator_of(generator)
    picks = np.empty((rows, count), dtype=np.int64)
    for row in range(rows):
        if np.any(weights[row] < 0):
            raise messages.error("multinomial_negative")
        if not np.all(np.isfinite(weights[row])):
            raise messages.error("multinomial_not_finite")
        running = np.cumsum(weights[row])  # one after another, as PyTorch adds them
        if not running[-1] > 0:
            raise messages.error("multinomial_sum")
        cumulative = running / running[-1]
        cumulative[-1] = 1
        picks[row] = np.searchsorted(cumulative, source.uniform53(count), side="left")
    return picks


# -- where the draws go -------------------------------------------------------------------------


def in_memory_order(target: np.ndarray, values: np.ndarray) -> np.ndarray:
    """``values`` (drawn one after another) laid out as ``target``'s elements are in memory.

    PyTorch fills a tensor in memory order, so a transposed tensor gets its
    draws column by column.
    """
    if target.flags.c_contiguous or target.ndim < 2:
        return values.reshape(target.shape)
    axes = sorted(range(target.ndim), key=lambda axis: -abs(target.strides[axis]))
    return values.reshape([target.shape[axis] for axis in axes]).transpose(np.argsort(axes))
