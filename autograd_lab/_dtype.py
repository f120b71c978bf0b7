"""dtypes and Size, spelled and printed as PyTorch spells and prints them.

They print as ``torch.float32`` and ``torch.Size([2, 3])`` on purpose: a
student reading our output should see exactly what PyTorch would show.
"""

from __future__ import annotations

import builtins
import warnings
from typing import Any

import numpy as np

from . import messages
from ._classname import PyTorchName
from .messages import errors

__all__ = [
    "dtype", "float16", "float32", "float64", "uint8", "int8", "int16", "int32", "int64", "bool", "Size",
    "uint16", "uint32", "uint64",
    "get_default_dtype", "set_default_dtype", "set_default_tensor_type",
]  # fmt: skip


class dtype(metaclass=PyTorchName, torch_module="torch"):
    """A tensor's element type: a thin name for a NumPy dtype.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.tensor([1.0, 2.0]).dtype
    torch.float32
    """

    __slots__ = ("name", "numpy", "is_floating_point", "legacy_type")

    def __init__(self, name: str, numpy_dtype: type, legacy_type: str) -> None:
        self.name = name
        self.numpy = np.dtype(numpy_dtype)
        self.is_floating_point = self.numpy.kind == "f"
        self.legacy_type = legacy_type  # what .type() and error messages call it

    def __repr__(self) -> str:
        return f"torch.{self.name}"

    @property
    def is_complex(self) -> builtins.bool:
        """Whether this is a complex type (none of autograd_lab's types is).

        Examples
        --------
        >>> import autograd_lab as torch
        >>> torch.float64.is_complex, torch.int64.is_signed, torch.uint8.is_signed, torch.float16.itemsize
        (False, True, False, 2)
        """
        return self.numpy.kind == "c"

    @property
    def is_signed(self) -> builtins.bool:
        """Whether the type holds negative numbers (False for bool and uint8)."""
        return self.numpy.kind in "fic"

    @property
    def itemsize(self) -> builtins.int:
        """Bytes per element."""
        return self.numpy.itemsize

    @property
    def abbr(self) -> str:
        """The short name: its kind and bits, as ``'f32'``, ``'i64'``, ``'u8'`` or ``'b8'``.

        Examples
        --------
        >>> import autograd_lab as torch
        >>> torch.float32.abbr, torch.int64.abbr, torch.bool.abbr
        ('f32', 'i64', 'b8')
        """
        return f"{self.numpy.kind}{8 * self.numpy.itemsize}"

    def __reduce__(self):
        return self.name  # pickle by module-level name, so identity survives


float32 = dtype("float32", np.float32, "torch.FloatTensor")
float64 = dtype("float64", np.float64, "torch.DoubleTensor")
int64 = dtype("int64", np.int64, "torch.LongTensor")
bool = dtype("bool", np.bool_, "torch.BoolTensor")  # noqa: A001 - PyTorch's name
# The smaller types, for lessons that meet them (x.int(), images as uint8, x.half()).
float16 = dtype("float16", np.float16, "torch.HalfTensor")
int32 = dtype("int32", np.int32, "torch.IntTensor")
int16 = dtype("int16", np.int16, "torch.ShortTensor")
int8 = dtype("int8", np.int8, "torch.CharTensor")
uint8 = dtype("uint8", np.uint8, "torch.ByteTensor")
# PyTorch's unsigned types of "limited support" (16-bit images, ids): made, converted, printed and shared
# with NumPy as there; most of PyTorch's kernels refuse them, where NumPy computes (see the README).
uint16 = dtype("uint16", np.uint16, "torch.UInt16Tensor")
uint32 = dtype("uint32", np.uint32, "torch.UInt32Tensor")
uint64 = dtype("uint64", np.uint64, "torch.UInt64Tensor")
DTYPES = (float32, float64, int64, bool, float16, int32, int16, int8, uint8, uint16, uint32, uint64)


class _NoValues(dtype):
    """A PyTorch type this library names but cannot hold: ``torch.bfloat16`` (NumPy has no bfloat16).

    Code that only names it (nanoGPT's ``{'float32': torch.float32, 'bfloat16': torch.bfloat16}[dtype]``,
    ``autocast(dtype=torch.bfloat16)``) runs; making a tensor of it raises, with a plain-words hint.
    """

    __slots__ = ()

    def __init__(self, name: str, legacy_type: str) -> None:
        self.name, self.legacy_type, self.is_floating_point = name, legacy_type, True

    @property
    def numpy(self) -> np.dtype:  # type: ignore[override]
        from . import messages

        raise messages.error("dtype_no_values", name=self.name)

    is_complex = property(lambda self: False)
    is_signed = property(lambda self: True)
    itemsize = property(lambda self: 2)
    abbr = property(lambda self: "bf16")


bfloat16 = _NoValues("bfloat16", "torch.BFloat16Tensor")
# PyTorch's aliases.
float = float32  # noqa: A001
double = float64
half = float16
long = int64
int = int32  # noqa: A001
short = int16

_BY_NUMPY = {d.numpy: d for d in DTYPES}
_BY_LEGACY_NAME = {d.legacy_type: d for d in DTYPES}


# -- the default floating-point dtype ------------------------------------------------------

_default_float = float32  # set_default_dtype() changes it; read it through default_float()


def default_float() -> dtype:
    """The dtype Python floats and floating factories (``zeros``, ``rand`` ...) give: ``float32`` unless changed."""
    return _default_float


def get_default_dtype() -> dtype:
    """The dtype of floating-point tensors made from Python numbers: ``float32`` unless changed.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.get_default_dtype()
    torch.float32
    """
    return _default_float


def set_default_dtype(d: dtype) -> None:
    """Make Python floats and floating factories give ``d`` (``float32`` or ``float64``).

    Tensors then print without ``dtype=`` when they have ``d``, as in PyTorch.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.set_default_dtype(torch.float64)
    >>> (torch.tensor([1, 2]) * 1.5).dtype
    torch.float64
    >>> torch.set_default_dtype(torch.float32)
    """
    global _default_float
    if not isinstance(d, dtype):
        raise messages.error("default_dtype_not_float", prefix="invalid dtype object: ")
    if not d.is_floating_point:
        raise messages.error("default_dtype_not_float", prefix="")
    _default_float = d


_warned_legacy = False


def set_default_tensor_type(t: type | str) -> None:
    """The older spelling of :func:`set_default_dtype`: ``'torch.DoubleTensor'`` or ``torch.DoubleTensor``.

    Examples
    --------
    >>> import warnings
    >>> import autograd_lab as torch
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     torch.set_default_tensor_type("torch.DoubleTensor")
    >>> torch.get_default_dtype()
    torch.float64
    >>> torch.set_default_dtype(torch.float32)
    """
    global _warned_legacy
    if isinstance(t, str):
        found = _BY_LEGACY_NAME.get(t)
        if found is None:
            raise errors.unknown_tensor_type(t)
    else:
        found = getattr(t, "dtype", None) if isinstance(t, type) else None
        if not isinstance(found, dtype):
            raise messages.error("default_dtype_not_float", prefix="invalid type object: ")
    if not _warned_legacy:  # PyTorch warns once per process
        _warned_legacy = True
        legacy = t if isinstance(t, str) else f"torch.{t.__name__}"
        said = messages.text("set_default_tensor_type_deprecated", legacy=legacy, dtype=found)
        warnings.warn(said, UserWarning, stacklevel=2)
    if not found.is_floating_point:
        raise messages.error("default_dtype_not_float", prefix="")
    set_default_dtype(found)


_CATEGORY = {"b": 0, "u": 1, "i": 1, "f": 2, "c": 3}  # bool < integer < floating < complex


def casts_to(from_: np.dtype, to: np.dtype) -> builtins.bool:
    """PyTorch's ``canCast``: a result may be written into a tensor of a kind no lower than its own.

    Floats do not go into integers, nor integers into bools; integers of any width and sign go into each
    other (``uint8_tensor *= int_tensor`` is allowed), as do floats (``float_tensor *= double_tensor``).
    """
    return _CATEGORY[from_.kind] <= _CATEGORY[to.kind]


def from_numpy_dtype(np_dtype: np.dtype) -> dtype:
    """The dtype for a NumPy dtype (a platform's other integer names map to int64)."""
    found = _BY_NUMPY.get(np_dtype)
    if found is not None:
        return found
    kind = np.dtype(np_dtype).kind
    if kind in "iu":
        return int64
    if kind == "f":
        return float32
    if kind == "b":
        return bool
    name = np.dtype(np_dtype).type.__name__
    if kind == "c":  # (PyTorch takes these: its message would list them as supported)
        raise messages.error("complex_data", type_name=f"numpy.{name}")
    raise messages.error("numpy_dtype_unsupported", name=name)


class Size(tuple, metaclass=PyTorchName, torch_module="torch"):
    """A tensor's shape: a tuple that prints as ``torch.Size([2, 3])``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(2, 3).shape
    torch.Size([2, 3])
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return f"torch.Size([{', '.join(str(n) for n in self)}])"

    # A slice, a sum with a tuple and a repetition are shapes too, as in PyTorch (``x.shape[1:]``).
    def __getitem__(self, key: Any) -> Any:
        item = tuple.__getitem__(self, key)
        return Size(item) if isinstance(key, slice) else item

    def __add__(self, other: tuple) -> Size:
        return Size(tuple.__add__(self, other))

    def __radd__(self, other: tuple) -> Size:
        return Size(tuple.__add__(other, self))

    def __mul__(self, times: int) -> Size:
        return Size(tuple.__mul__(self, times))

    __rmul__ = __mul__

    def numel(self) -> int:
        """The number of elements a tensor of this shape holds."""
        count = 1
        for n in self:
            count *= n
        return count
