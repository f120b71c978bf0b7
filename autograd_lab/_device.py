"""Devices: ``torch.device``, the default device, and what asking for a GPU does.

autograd_lab computes with NumPy on the CPU, so every tensor lives on
``device(type='cpu')``, or on ``meta``: PyTorch's device for shapes and
dtypes without data (a model's skeleton, built before its weights are
loaded with ``load_state_dict(..., assign=True)``; see :class:`MetaArray`).
A device object prints and compares as PyTorch's does, and ``with
torch.device(...):`` makes it the default of the factory functions inside;
asking for a tensor on a GPU fails the way PyTorch fails on a machine
without one (``AssertionError: Torch not compiled with CUDA enabled``), so
that a lesson written for a GPU shows its reader the usual fallback::

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from . import messages
from ._classname import PyTorchName
from .messages import errors

__all__ = [
    "device",
    "as_device",
    "set_default_device",
    "get_default_device",
    "MetaArray",
    "on_meta",
    "carry_meta",
    "meta_state",
]

# PyTorch's device types, in the order its parser lists them in its error message.
DEVICE_TYPES = (
    "cpu", "cuda", "ipu", "xpu", "mkldnn", "opengl", "opencl", "ideep", "hip", "ve", "fpga",
    "maia", "xla", "lazy", "vulkan", "mps", "meta", "hpu", "mtia", "privateuseone",
)  # fmt: skip


# PyTorch's device string: a type, then optionally ":" and an index without leading zeros.
_DEVICE_STRING = re.compile(r"([a-zA-Z_]+)(?::([1-9][0-9]*|0))?")


class device(metaclass=PyTorchName, torch_module="torch"):
    """Where a tensor's memory lives: ``device(type='cpu')`` here, or ``meta`` (shapes only).

    Parameters
    ----------
    type : str or device
        ``"cpu"``, ``"cuda"``, ``"cuda:1"`` ...: PyTorch's device strings.
    index : int, optional
        The device's number (``cuda:1`` is index 1).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.device("cpu")
    device(type='cpu')
    >>> torch.device("cuda", 1)
    device(type='cuda', index=1)
    >>> str(torch.zeros(2).device)
    'cpu'
    >>> with torch.device("meta"):
    ...     torch.zeros(2, 3)
    tensor(..., device='meta', size=(2, 3))
    """

    __slots__ = ("type", "index")

    def __init__(self, type: str | device | int, index: int | None = None) -> None:  # noqa: A002
        if isinstance(type, device):
            type, index = type.type, type.index if index is None else index  # noqa: A001
        elif isinstance(type, int) and not isinstance(type, bool):
            if type < 0:  # (-1: a CPU tensor's get_device(), refused first)
                raise messages.error("device_negative_index")
            raise messages.error("device_no_accelerator")  # torch.device(0) means "accelerator 0"
        elif not isinstance(type, str):
            raise errors.device_invalid_combination((type,))
        parsed = _DEVICE_STRING.fullmatch(type)
        if parsed is None:
            raise messages.error("device_invalid_string", text=type)
        name, number = parsed.groups()
        if name not in DEVICE_TYPES:
            raise errors.device_unknown_type(type, DEVICE_TYPES)
        if number is not None:
            if index is not None:
                raise messages.error("device_index_twice", text=type)
            index = int(number)
        if index is not None and index < 0:
            raise messages.error("device_negative_index")
        self.type = name
        self.index = index

    def __repr__(self) -> str:
        if self.index is None:
            return f"device(type='{self.type}')"
        return f"device(type='{self.type}', index={self.index})"

    def __str__(self) -> str:
        return self.type if self.index is None else f"{self.type}:{self.index}"

    def __eq__(self, other: object) -> bool:
        # PyTorch compares devices with devices only: device('cpu') == 'cpu' is False.
        if not isinstance(other, device):
            return NotImplemented
        return (self.type, self.index) == (other.type, other.index)

    def __hash__(self) -> int:
        return hash((self.type, self.index))

    def __reduce__(self) -> tuple:
        return (device, (self.type, self.index))

    # ``with torch.device("meta"):`` makes it the default device of the factories inside, as PyTorch's does.
    def __enter__(self) -> device:
        _entered.append(_default)
        set_default_device(self)
        return self

    def __exit__(self, *exc_info: object) -> None:
        set_default_device(_entered.pop())


_Device = device  # the class, where a parameter named `device` hides it
CPU = device("cpu")
META = device("meta")
_default: device | None = None  # set_default_device(); None means the CPU
_entered: list = []  # the defaults that ``with device(...)`` blocks replaced, innermost last


class MetaArray(np.ndarray):
    """The values of a tensor on the ``meta`` device: a shape and a dtype, and no data anyone may read.

    PyTorch's meta tensors work out the shape and dtype of every result
    without computing it (to build a model's skeleton before loading its
    weights, or to reason about shapes).  Here a meta tensor holds zeros of
    its shape in this array type, and NumPy keeps the type through every
    function and ufunc, so each op's result is a meta tensor too, of the
    shape and dtype the computation gives.  The tensor refuses to show or
    hand out the zeros (``tensor(..., device='meta', size=(2, 3))``).
    """

    def __array_finalize__(self, obj: Any) -> None:
        meta_state.seen = True  # from now on, ops check their inputs for meta (see carry_meta)

    def __array_ufunc__(self, ufunc: np.ufunc, method: str, *inputs: Any, **kwargs: Any) -> Any:
        inputs = tuple(_plain(x) for x in inputs)
        if "out" in kwargs:
            kwargs["out"] = tuple(_plain(x) for x in kwargs["out"])
        return _as_meta(getattr(ufunc, method)(*inputs, **kwargs))

    def __array_function__(self, func: Any, types: tuple, args: tuple, kwargs: dict) -> Any:
        return _as_meta(func(*_plain_all(args), **{k: _plain_all(v) for k, v in kwargs.items()}))


class _MetaState:
    seen = False  # whether a meta array was ever made: until then, ops need not look


meta_state = _MetaState()


def carry_meta(inputs: tuple, out: np.ndarray) -> np.ndarray:
    """``out`` as a meta array if any input tensor is on the meta device (a NumPy function that makes a
    plain array of its inputs, such as ``as_strided``, loses the type)."""
    for x in inputs:
        if type(getattr(x, "_array", None)) is MetaArray:
            return out.view(MetaArray)
    return out


def _plain(value: Any) -> Any:
    return value.view(np.ndarray) if type(value) is MetaArray else value


def _plain_all(value: Any) -> Any:
    """``value`` with every MetaArray in it (in lists and tuples too) seen as a plain array."""
    if type(value) is MetaArray:
        return value.view(np.ndarray)
    if type(value) in (list, tuple):
        return type(value)(_plain_all(v) for v in value)
    return value


def _as_meta(result: Any) -> Any:
    """A computation's result on the meta device: arrays (and NumPy scalars) become MetaArrays."""
    if isinstance(result, np.ndarray):
        return result.view(MetaArray)
    if isinstance(result, np.generic):
        return np.asarray(result).view(MetaArray)
    if type(result) in (list, tuple):
        return type(result)(_as_meta(r) for r in result)
    return result


def on_meta(array: np.ndarray) -> MetaArray:
    """A meta array of ``array``'s shape and dtype (zeros: its values are never read)."""
    return np.zeros(np.shape(array), np.asarray(array).dtype).view(MetaArray)


def as_device(spec: str | device | int | None, factory: bool = True) -> device:
    """The device a ``device=`` argument names (``None``: the default device), checked to exist here.

    Only the CPU and the shapes-only ``meta`` device exist: any other device
    raises the error PyTorch raises on a machine without it, with a hint
    (``factory``: the error of a factory function such as ``zeros``, else
    that of ``.to()``).
    """
    if spec is None:
        spec = _default
        if spec is None:
            return CPU
    found = spec if isinstance(spec, device) else device(spec)
    if found.type != "cpu":
        if found.type == "meta":
            return META
        raise errors.device_not_available(found.type, factory)
    return found


def set_default_device(device: str | device | int | None) -> None:  # noqa: A002 - PyTorch's name
    """Make factory functions (``zeros``, ``rand`` ...) put tensors on ``device`` when none is given.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.set_default_device("cpu")
    >>> torch.get_default_device()
    device(type='cpu')
    >>> torch.set_default_device(None)
    """
    global _default
    if device is None:
        _default = None
        return
    _default = device if isinstance(device, _Device) else _Device(device)


def get_default_device() -> device:
    """The device factory functions use when none is given: ``device(type='cpu')`` unless changed.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.get_default_device()
    device(type='cpu')
    """
    if _default is None:
        return CPU
    if _default.type not in ("cpu", "meta"):
        raise errors.device_not_available(_default.type)
    return _default
