"""Torch-level helpers that are not ops: facts about dtypes, type promotion, threads, switches.

``finfo``/``iinfo`` describe a dtype's numbers; ``promote_types``,
``result_type`` and ``can_cast`` answer PyTorch's type-promotion questions;
``get_num_threads``/``set_num_threads`` are PyTorch's thread count (which
decides how a big sum is split) and set NumPy's BLAS threads too when
``threadpoolctl`` is installed; ``use_deterministic_algorithms`` is a
stored switch (everything here is deterministic); ``compile`` runs a model
as it is (eagerly), with one warning saying so.

Examples
--------
>>> import autograd_lab as torch
>>> torch.finfo(torch.float32).eps
1.1920928955078125e-07
>>> torch.promote_types(torch.int64, torch.float32)
torch.float32
"""

from __future__ import annotations

import builtins
import functools
import math
import warnings
from typing import Any

import numpy as np

from . import _cpu, messages
from ._classname import PyTorchName
from ._dtype import DTYPES, casts_to, default_float, dtype, from_numpy_dtype
from .messages import errors
from .tensor import Tensor

__all__ = [
    "finfo", "iinfo", "promote_types", "result_type", "can_cast", "is_tensor", "numel", "is_floating_point",
    "get_num_threads", "set_num_threads", "use_deterministic_algorithms", "are_deterministic_algorithms_enabled",
    "is_deterministic_algorithms_warn_only_enabled", "compile", "logspace",
    "is_inference", "is_nonzero", "is_same_size", "is_signed", "is_complex", "typename",
    "get_float32_matmul_precision", "set_float32_matmul_precision", "get_num_interop_threads",
    "set_num_interop_threads", "set_flush_denormal", "set_warn_always", "is_warn_always_enabled",
]  # fmt: skip


class finfo(metaclass=PyTorchName, torch_module="torch"):
    """The numbers a floating-point dtype holds: ``eps``, ``max``, ``min``, ``tiny``, ``bits`` ...

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.finfo(torch.float64)
    finfo(resolution=1e-15, min=-1.79769e+308, max=1.79769e+308, eps=2.22045e-16, smallest_normal=2.22507e-308, tiny=2.22507e-308, dtype=float64)
    """

    def __init__(self, type: dtype | None = None) -> None:
        kind = default_float() if type is None else type
        _check_dtype(kind, "finfo", "type", 1)
        if not kind.is_floating_point:
            raise messages.error("finfo_not_float")
        if kind.name == "bfloat16":  # (no values of it here, but its numbers: float32's range, 8 bits kept)
            self.bits, self.eps, self.resolution, self.dtype = 16, 2.0**-7, 0.01, kind.name
            self.max = (2 - 2.0**-7) * 2.0**127
            self.min, self.tiny = -self.max, 2.0**-126
            self.smallest_normal = self.tiny
            return
        info = np.finfo(kind.numpy)
        self.bits = info.bits
        self.eps = builtins.float(info.eps)
        self.max = builtins.float(info.max)
        self.min = builtins.float(info.min)
        self.tiny = self.smallest_normal = builtins.float(info.smallest_normal)
        self.resolution = 10.0**-info.precision  # PyTorch: a power of ten, not the dtype's own rounding of it
        self.dtype = kind.name

    def __repr__(self) -> str:
        return (
            f"finfo(resolution={self.resolution:g}, min={self.min:g}, max={self.max:g}, eps={self.eps:g}, "
            f"smallest_normal={self.smallest_normal:g}, tiny={self.tiny:g}, dtype={self.dtype})"
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, finfo) and other.dtype == self.dtype

    def __hash__(self) -> int:
        return hash(("finfo", self.dtype))


class iinfo(metaclass=PyTorchName, torch_module="torch"):
    """The numbers an integer dtype holds: ``max``, ``min``, ``bits``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.iinfo(torch.uint8)
    iinfo(min=0, max=255, dtype=uint8)
    >>> torch.iinfo(torch.int64).max
    9223372036854775807
    """

    def __init__(self, type: dtype) -> None:
        _check_dtype(type, "iinfo", "type", 1)
        if type.numpy.kind not in "iub":
            raise messages.error("iinfo_not_integer")
        info = np.iinfo(type.numpy) if type.numpy.kind != "b" else None
        self.bits = info.bits if info else 8
        self.max = builtins.int(info.max) if info else 1
        self.min = builtins.int(info.min) if info else 0
        self.dtype = type.name

    def __repr__(self) -> str:
        return f"iinfo(min={self.min:g}, max={self.max:g}, dtype={self.dtype})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, iinfo) and other.dtype == self.dtype

    def __hash__(self) -> int:
        return hash(("iinfo", self.dtype))


_CATEGORY = {"b": 0, "u": 1, "i": 1, "f": 2}  # bool < integer < floating


def _check_dtype(value: Any, function: str, name: str, position: int) -> None:
    if not isinstance(value, dtype):
        raise messages.error(
            "not_a_dtype", function=function, name=name, position=position, type_name=type(value).__name__
        )


def promote_types(type1: dtype, type2: dtype) -> dtype:
    """The smallest dtype both ``type1`` and ``type2`` convert to without losing their kind.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.promote_types(torch.uint8, torch.int8)
    torch.int16
    """
    _check_dtype(type1, "promote_types", "type1", 1)
    _check_dtype(type2, "promote_types", "type2", 2)
    return from_numpy_dtype(_promoted(type1.numpy, type2.numpy))


def _promoted(a: np.dtype, b: np.dtype) -> np.dtype:
    """PyTorch's promotion of two dtypes: of different kinds, the higher kind's (int64 and float32: float32)."""
    if _CATEGORY[a.kind] != _CATEGORY[b.kind]:
        return a if _CATEGORY[a.kind] > _CATEGORY[b.kind] else b
    return np.promote_types(a, b)


def _number_dtype(value: Any) -> dtype:
    """The dtype a Python number stands for: bool, int64, or the default float."""
    if isinstance(value, builtins.bool):
        return DTYPES[3]
    if isinstance(value, builtins.int):
        return DTYPES[2]
    return default_float()


def result_type(tensor: Any, other: Any) -> dtype:
    """The dtype of ``tensor`` combined with ``other`` (tensors or numbers), by PyTorch's promotion.

    Tensors with dimensions decide; a 0-d tensor or a number changes the result only if it is of
    a higher kind (bool < integer < floating), and then gives that kind's default.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.result_type(torch.tensor([1, 2]), 1.0)
    torch.float32
    >>> torch.result_type(torch.tensor([1, 2], dtype=torch.uint8), -1)
    torch.uint8
    """
    tiers: list[list[np.dtype]] = [[], [], []]  # tensors with dimensions, 0-d tensors, numbers
    for value in (tensor, other):
        if isinstance(value, Tensor):
            tiers[0 if value._array.ndim else 1].append(value._array.dtype)
        else:
            tiers[2].append(_number_dtype(value).numpy)
    result = None
    for tier in tiers:
        if not tier:
            continue
        candidate = functools.reduce(_promoted, tier)
        if result is None or _CATEGORY[candidate.kind] > _CATEGORY[result.kind]:
            result = candidate
    return from_numpy_dtype(result)


def can_cast(from_: dtype, to: dtype) -> builtins.bool:
    """Whether PyTorch's type promotion allows casting ``from_`` to ``to`` (never to a lower kind).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.can_cast(torch.float64, torch.int64), torch.can_cast(torch.int64, torch.float32)
    (False, True)
    """
    _check_dtype(from_, "can_cast", "from_", 1)
    _check_dtype(to, "can_cast", "to", 2)
    return casts_to(from_.numpy, to.numpy)


def _check_tensor(value: Any, function: str) -> None:
    if not isinstance(value, Tensor):
        raise messages.error(
            "argument_not_tensor", function=function, argument="input", type_name=messages.type_name(value)
        )


def is_tensor(obj: Any) -> builtins.bool:
    """Whether ``obj`` is a tensor.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.is_tensor(torch.ones(2)), torch.is_tensor([1.0])
    (True, False)
    """
    return isinstance(obj, Tensor)


def numel(input: Tensor) -> builtins.int:
    """How many elements ``input`` holds.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.numel(torch.ones(2, 3))
    6
    """
    _check_tensor(input, "numel")
    return builtins.int(input._array.size)


def is_floating_point(input: Tensor) -> builtins.bool:
    """Whether ``input``'s dtype is a floating-point one.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.is_floating_point(torch.ones(2)), torch.is_floating_point(torch.arange(2))
    (True, False)
    """
    _check_tensor(input, "is_floating_point")
    return input._array.dtype.kind == "f"


def is_signed(input: Tensor) -> builtins.bool:
    """Whether ``input``'s dtype holds negative numbers (every one but ``uint8`` and ``bool``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.is_signed(torch.tensor([1])), torch.is_signed(torch.tensor([1], dtype=torch.uint8))
    (True, False)
    """
    _check_tensor(input, "is_signed")
    return input.is_signed()


def is_complex(input: Tensor) -> builtins.bool:
    """Whether ``input`` holds complex numbers: never here, where no dtype is complex.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.is_complex(torch.ones(2))
    False
    """
    _check_tensor(input, "is_complex")
    return input.is_complex()


def is_nonzero(input: Tensor) -> builtins.bool:
    """Whether the one element of ``input`` is not zero; more (or fewer) elements are an error, as ``bool(x)``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.is_nonzero(torch.tensor([0.0])), torch.is_nonzero(torch.tensor(2))
    (False, True)
    """
    _check_tensor(input, "is_nonzero")
    return input.is_nonzero()


def is_same_size(input: Tensor, other: Tensor) -> builtins.bool:
    """Whether ``input`` and ``other`` have the same shape.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.is_same_size(torch.ones(2, 3), torch.zeros(2, 3))
    True
    """
    _check_tensor(input, "is_same_size")
    if not isinstance(other, Tensor):
        raise messages.error(
            "compare_not_tensor",
            function="is_same_size",
            name="other",
            position=2,
            type_name=type(other).__name__,
        )
    return input.is_same_size(other)


def is_inference(input: Tensor) -> builtins.bool:
    """Whether ``input`` was made inside ``torch.inference_mode()`` (autograd refuses it later).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> with torch.inference_mode():
    ...     x = torch.ones(2)
    >>> torch.is_inference(x), torch.is_inference(torch.ones(2))
    (True, False)
    """
    _check_tensor(input, "is_inference")
    return input.is_inference()


def typename(obj: Any, /) -> str:
    """The name of ``obj``'s type: a tensor's legacy type (``'torch.FloatTensor'``), else module and class name.

    The library's classes are named as PyTorch names them (``torch.nn.modules.linear.Linear``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.typename(torch.ones(2)), torch.typename(torch.nn.Linear(1, 1)), torch.typename(1.5)
    ('torch.FloatTensor', 'torch.nn.modules.linear.Linear', 'float')
    """
    if isinstance(obj, Tensor):
        return obj.type()
    kind = obj if hasattr(obj, "__qualname__") else type(obj)
    declared = kind.__dict__.get("_torch_name") if isinstance(kind, type) else None
    if declared is not None:  # a class printed with PyTorch's name (see _classname.py)
        return declared
    module = getattr(kind, "__module__", "") or ""
    qualname = getattr(kind, "__qualname__", None) or kind.__name__
    return qualname if module in ("", "builtins") else f"{module}.{qualname}"


_MATMUL_PRECISIONS = ("highest", "high", "medium")
_matmul_precision = {"now": "highest", "fp32": "none"}  # ("fp32": torch.backends.cuda.matmul.fp32_precision)


def get_float32_matmul_precision() -> str:
    """The precision float32 matrix products are asked to use: ``'highest'`` unless set otherwise.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.get_float32_matmul_precision()
    'highest'
    """
    return _matmul_precision["now"]


def set_float32_matmul_precision(precision: str) -> None:
    """Ask for ``'highest'``, ``'high'`` or ``'medium'`` precision in float32 matrix products.

    A stored setting: NumPy always multiplies in full float32 precision, as
    PyTorch's CPU does at every setting (only GPUs use TF32 or bfloat16).
    Any other word leaves the setting alone, with PyTorch's warning.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.set_float32_matmul_precision("high"); torch.get_float32_matmul_precision()
    'high'
    >>> torch.set_float32_matmul_precision("highest")
    """
    if precision not in _MATMUL_PRECISIONS:
        warnings.warn(
            messages.text("matmul_precision_unknown", precision=precision), UserWarning, stacklevel=2
        )
        return
    _matmul_precision["now"] = precision
    _matmul_precision["fp32"] = (
        "ieee" if precision == "highest" else "tf32"
    )  # (the newer switch follows, as in PyTorch)


_threads = {"interop": None}  # set_num_interop_threads' number


def _thread_limiter() -> Any:
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:
        return None
    return ThreadpoolController()


def get_num_threads() -> builtins.int:
    """The threads PyTorch runs an operation on: the number last set, else one per physical core.

    As in PyTorch, ``MKL_NUM_THREADS`` or ``OMP_NUM_THREADS`` in the environment sets the default.
    autograd_lab computes on one thread (and NumPy's BLAS on its own), but a sum of 32768 elements
    or more is added in the order PyTorch's threads add it.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.get_num_threads() >= 1
    True
    """
    return _cpu.intraop_threads()


def set_num_threads(int: builtins.int) -> None:  # noqa: A002 - PyTorch's argument name
    """Set the threads PyTorch would run an operation on, and NumPy's BLAS threads (with ``threadpoolctl``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.set_num_threads(1); torch.get_num_threads()
    1
    """
    if not isinstance(int, builtins.int) or isinstance(int, builtins.bool):
        raise messages.error("num_threads_int", type_name=type(int).__name__)
    if int <= 0:
        raise messages.error("num_threads_positive")
    controller = _thread_limiter()
    if controller is not None:
        controller.limit(limits=int, user_api="blas")
    _cpu.threads.count = int


def _available_cores() -> builtins.int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def get_num_interop_threads() -> builtins.int:
    """The threads PyTorch would run independent operations on: one per core, or the number last set.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.get_num_interop_threads() >= 1
    True
    """
    count = _threads["interop"]
    return _available_cores() if count is None else count


def set_num_interop_threads(int: builtins.int) -> None:  # noqa: A002 - PyTorch's argument name
    """Set the number :func:`get_num_interop_threads` gives: once per process, as in PyTorch.

    A stored number (operations run one after another here).  As PyTorch's
    thread pool, it can be set once only: a second call is an error.
    """
    if not isinstance(int, builtins.int) or isinstance(int, builtins.bool):
        raise messages.error(
            "count_not_int",
            function="set_num_interop_threads",
            name="int",
            position=1,
            type_name=type(int).__name__,
        )
    if int <= 0:
        raise messages.error("num_interop_threads_positive")
    if _threads["interop"] is not None:
        raise messages.error("num_interop_threads_set")
    _threads["interop"] = int


def set_flush_denormal(mode: builtins.bool) -> builtins.bool:
    """Ask to flush denormal floats to zero; returns whether that is supported: ``False`` here.

    PyTorch flips a CPU flag (SSE3's flush-to-zero); NumPy offers no such
    switch, so tiny numbers such as ``1e-323`` keep their value.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.set_flush_denormal(True)
    False
    """
    return False


def set_warn_always(b: builtins.bool, /) -> None:
    """Give the warnings PyTorch gives once per process every time (``True``), or once again (``False``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.set_warn_always(True); torch.is_warn_always_enabled()
    True
    >>> torch.set_warn_always(False)
    """
    messages.set_warn_always(b)


def is_warn_always_enabled() -> builtins.bool:
    """Whether :func:`set_warn_always` asked for every warning every time.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.is_warn_always_enabled()
    False
    """
    return messages.warn_always()


_deterministic = {"on": False, "warn_only": False}


def use_deterministic_algorithms(mode: builtins.bool, *, warn_only: builtins.bool = False) -> None:
    """Ask for deterministic algorithms only: a stored switch, since every computation here is deterministic.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.use_deterministic_algorithms(True); torch.are_deterministic_algorithms_enabled()
    True
    >>> torch.use_deterministic_algorithms(False)
    """
    from .creation import deterministic_fill

    if type(mode) is not builtins.bool:  # (PyTorch's argument parser takes a bool only: not 'yes', not 1)
        raise messages.error("deterministic_mode_not_bool", type_name=messages.type_name(mode))
    _deterministic["on"] = deterministic_fill["on"] = builtins.bool(
        mode
    )  # (torch.empty then fills its memory)
    _deterministic["warn_only"] = builtins.bool(warn_only)


def are_deterministic_algorithms_enabled() -> builtins.bool:
    """Whether ``use_deterministic_algorithms(True)`` is in force.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.are_deterministic_algorithms_enabled()
    False
    """
    return _deterministic["on"]


def is_deterministic_algorithms_warn_only_enabled() -> builtins.bool:
    """Whether ``use_deterministic_algorithms(True, warn_only=True)`` is in force.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.is_deterministic_algorithms_warn_only_enabled()
    False
    """
    return _deterministic["warn_only"]


_warned = {"compile": False}


def compile(model: Any = None, **options: Any) -> Any:  # noqa: A001 - PyTorch's name
    """``torch.compile``: here the function itself, or a module in PyTorch's ``OptimizedModule``, run eagerly;
    warns once that nothing is compiled.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     square = torch.compile(lambda x: x * x)
    >>> square(torch.tensor(3.0))
    tensor(9.)
    """
    if not _warned["compile"]:
        _warned["compile"] = True
        warnings.warn(messages.text("compile_runs_eagerly"), UserWarning, stacklevel=2)
    if model is None:  # @torch.compile(mode=...): a decorator
        return lambda function: function
    from .nn.modules.module import Module

    if isinstance(model, Module):  # (a module: PyTorch's OptimizedModule around it)
        from ._dynamo import OptimizedModule

        return OptimizedModule(model)
    return model


def _c_pow(base: builtins.float, exponent: builtins.float) -> builtins.float:
    """C's ``pow``: Python's raises where C gives ±inf (or NaN for a negative base)."""
    try:
        return math.pow(base, exponent)
    except OverflowError:
        return math.inf if base > 0 or exponent % 2 == 0 else math.copysign(math.inf, base)
    except ValueError:
        return math.nan


def logspace(
    start: float,
    end: float,
    steps: int | None = None,
    base: float = 10.0,
    *,
    dtype: dtype | None = None,
    device: Any = None,
    requires_grad: builtins.bool = False,
) -> Tensor:
    """``steps`` values from ``base ** start`` to ``base ** end``, evenly spaced on a log scale.

    As PyTorch's CPU kernel (``logspace_out``): ``start`` and ``end`` in the dtype, the step between
    exponents in double precision, the first half counted up from ``start`` and the second down
    from ``end``, each power in double precision, then rounded (integers: cut) to the dtype.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.logspace(0, 3, 4)
    tensor([   1.,   10.,  100., 1000.])
    >>> torch.logspace(0, 4, 3, base=2)
    tensor([ 1.,  4., 16.])
    """
    from .creation import linspace

    if steps is None:  # (PyTorch's parser has no default for it)
        keywords = {"base": None if base == 10.0 else base, "dtype": dtype, "device": device}
        raise errors.range_without_steps(
            "logspace", (start, end), {**keywords, "requires_grad": requires_grad}
        )
    linspace(start, end, steps, dtype=dtype, device=device)  # (its checks of the arguments are logspace's)
    target = dtype.numpy if dtype is not None else default_float().numpy
    steps = builtins.int(steps)
    if steps == 1:
        exponents = np.array([builtins.float(start)])
    else:
        first, last = (
            target.type(start),
            target.type(end),
        )  # (Scalar.to<scalar_t>: an integer dtype cuts them)
        step = builtins.float(last - first) / (steps - 1)
        counted = np.arange(steps)
        exponents = np.where(
            counted < steps // 2,
            builtins.float(first) + step * counted,
            builtins.float(last) - step * (steps - counted - 1),
        )
    powers = np.array(
        [_c_pow(builtins.float(base), e) for e in exponents.tolist()]
    )  # (C's pow, as the kernel's:
    # NumPy's vector pow of float64 is off in the last bit for some exponents)
    with np.errstate(over="ignore", invalid="ignore"):
        result = Tensor._wrap(powers.astype(target))
    return result.requires_grad_() if requires_grad else result
