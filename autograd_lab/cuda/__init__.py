"""``torch.cuda`` on a machine without a GPU: what lessons ask before choosing a device.

autograd_lab computes with NumPy on the CPU, so ``is_available()`` is
``False`` and ``device_count()`` is 0, as PyTorch says on a machine without
CUDA; so the usual line picks the CPU::

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

Seeding is accepted and does nothing (PyTorch does the same without a GPU);
what needs a GPU raises PyTorch's ``AssertionError``.

Examples
--------
>>> import autograd_lab as torch
>>> torch.cuda.is_available()
False
>>> torch.cuda.device_count()
0
"""

from __future__ import annotations

import collections

from .. import _device, messages
from .._classname import PyTorchName, object_repr
from ..messages import errors

__all__ = [
    "FloatTensor", "DoubleTensor", "HalfTensor", "BFloat16Tensor", "LongTensor", "IntTensor", "ShortTensor",
    "CharTensor", "ByteTensor", "BoolTensor",
    "is_available", "is_bf16_supported", "device_count", "is_initialized", "manual_seed", "manual_seed_all", "seed", "seed_all",
    "initial_seed", "get_rng_state", "get_rng_state_all", "set_rng_state", "set_rng_state_all",
    "empty_cache", "memory_allocated", "current_device", "get_device_name", "synchronize",
    "max_memory_allocated", "memory_reserved", "max_memory_reserved", "memory_stats", "reset_peak_memory_stats",
    "reset_max_memory_allocated", "reset_accumulated_memory_stats", "device", "Event", "Stream", "current_stream",
]  # fmt: skip


def is_available() -> bool:
    """Whether a GPU of this kind (CUDA here, XPU in ``torch.xpu``) can be used: never here."""
    return False


def is_bf16_supported(including_emulation: bool = True) -> bool:
    """Whether the GPU computes in bfloat16 (nanoGPT asks before picking its dtype): there is no GPU."""
    return False


def device_count() -> int:
    """How many GPUs of this kind there are: 0."""
    return 0


def is_initialized() -> bool:
    """Whether the GPU runtime was started: never here."""
    return False


def empty_cache() -> None:
    """Free the GPUs' cached memory: there is none."""


def memory_allocated(device: object = None) -> int:
    """Bytes of GPU memory in use: 0."""
    return 0


def max_memory_allocated(device: object = None) -> int:
    """The most GPU memory in use at once: 0."""
    return 0


def memory_reserved(device: object = None) -> int:
    """Bytes of GPU memory held by the caching allocator: 0."""
    return 0


def max_memory_reserved(device: object = None) -> int:
    """The most GPU memory the caching allocator held at once: 0."""
    return 0


def memory_stats(device: object = None) -> dict:
    """The caching allocator's statistics: none (an empty OrderedDict, as PyTorch gives without CUDA)."""
    return collections.OrderedDict()


def reset_peak_memory_stats(device: object = None) -> None:
    """Raises, as PyTorch's CPU build does: there are no GPU statistics to reset."""
    raise messages.error("cuda_memory_stats_cpu", name="_cuda_resetPeakMemoryStats")


def reset_max_memory_allocated(device: object = None) -> None:
    """Raises, as PyTorch's CPU build does (it calls :func:`reset_peak_memory_stats`)."""
    raise messages.error("cuda_memory_stats_cpu", name="_cuda_resetPeakMemoryStats")


def reset_accumulated_memory_stats(device: object = None) -> None:
    """Raises, as PyTorch's CPU build does: there are no GPU statistics to reset."""
    raise messages.error("cuda_memory_stats_cpu", name="_cuda_resetAccumulatedMemoryStats")


def current_device() -> int:
    """The GPU in use: raises, as PyTorch does without CUDA."""
    raise errors.device_not_available("cuda")


def set_device(device: object) -> None:
    """Choose the GPU to use: raises, as PyTorch's CPU build does (a negative number chooses none).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.cuda.set_device(-1)  # (PyTorch's "no device": nothing happens)
    """
    index = device
    if not isinstance(device, (int, str, _device.device)):
        raise messages.error("cuda_device_no_index", device=device)
    if isinstance(device, (str, _device.device)):
        named = device if isinstance(device, _device.device) else _device.device(device)
        if named.type != "cuda":
            raise messages.error("cuda_device_not_cuda", device=named.type)
        if named.index is None:
            raise messages.error("cuda_device_no_index", device=named.type)
        index = named.index
    if index >= 0:
        raise messages.error("cuda_set_device_cpu")


def get_device_name(device: object = None) -> str:
    """The GPU's name: raises, as PyTorch does without CUDA."""
    raise errors.device_not_available("cuda")


def synchronize(device: object = None) -> None:
    """Wait for the GPU: raises, as PyTorch does without CUDA."""
    raise errors.device_not_available("cuda")


class device(metaclass=PyTorchName, torch_module="torch.cuda"):  # noqa: N801 - PyTorch's name
    """``with torch.cuda.device(0):``: choosing a GPU raises when the block starts, as PyTorch does without CUDA."""

    __repr__ = object_repr

    def __init__(self, device: object) -> None:
        if isinstance(device, (str, _device.device)):
            named = device if isinstance(device, _device.device) else _device.device(device)
            if named.type != "cuda":
                raise messages.error("cuda_device_not_cuda", device=named.type)
        self.idx = device

    def __enter__(self) -> None:
        raise messages.error("cuda_not_compiled")

    def __exit__(self, *exc_info: object) -> None:
        return None


class Event(metaclass=PyTorchName, torch_module="torch.cuda.streams"):
    """``torch.cuda.Event(enable_timing=True)``, a GPU's stopwatch: without CUDA PyTorch's class is a dummy
    that refuses to be made, and so is this one (time CPU code with time.perf_counter())."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        raise messages.error("cuda_dummy_class", name="Event")


class Stream(metaclass=PyTorchName, torch_module="torch.cuda.streams"):
    """``torch.cuda.Stream()``: a GPU's queue of work; without CUDA it refuses to be made, as PyTorch's."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        raise messages.error("cuda_stream_needs_cuda")


def current_stream(device: object = None) -> Stream:
    """Raises, as PyTorch does without CUDA."""
    raise errors.device_not_available("cuda")


class _CudaTensorType(type):
    """The type of ``torch.cuda.FloatTensor`` ...: printed as PyTorch's; no tensor here is one."""

    def __instancecheck__(cls, instance: object) -> bool:
        return False

    def __repr__(cls) -> str:
        return f"<class 'torch.cuda.{cls.__name__}'>"


def _cuda_tensor_type(name: str) -> type:
    def __new__(cls: type, *args: object, **kwargs: object) -> None:
        raise messages.error("cuda_tensor_type", name=name)

    doc = f"``torch.cuda.{name}``: the legacy type of a GPU tensor; there is no GPU, so it makes none."
    return _CudaTensorType(name, (), {"__new__": __new__, "__doc__": doc, "is_cuda": True})


FloatTensor = _cuda_tensor_type("FloatTensor")
DoubleTensor = _cuda_tensor_type("DoubleTensor")
HalfTensor = _cuda_tensor_type("HalfTensor")
BFloat16Tensor = _cuda_tensor_type("BFloat16Tensor")
LongTensor = _cuda_tensor_type("LongTensor")
IntTensor = _cuda_tensor_type("IntTensor")
ShortTensor = _cuda_tensor_type("ShortTensor")
CharTensor = _cuda_tensor_type("CharTensor")
ByteTensor = _cuda_tensor_type("ByteTensor")
BoolTensor = _cuda_tensor_type("BoolTensor")


_RANDOM = (
    "manual_seed", "manual_seed_all", "seed", "seed_all", "initial_seed", "get_rng_state", "get_rng_state_all",
    "set_rng_state", "set_rng_state_all",
)  # fmt: skip
"""torch.cuda's names for the GPUs' generators, from ``cuda.random`` (as in PyTorch)."""


def __getattr__(name: str) -> object:
    """``torch.cuda.amp`` and ``torch.cuda.random`` (with its functions) load on first use: ``import
    autograd_lab`` stays quick."""
    import importlib

    if name in ("amp", "random"):
        return importlib.import_module(f".{name}", __name__)
    if name in _RANDOM:
        return getattr(importlib.import_module(".random", __name__), name)
    raise AttributeError(f"module 'autograd_lab.cuda' has no attribute {name!r}")
