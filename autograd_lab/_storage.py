"""``x.storage()``: the one-dimensional memory a tensor and its views look into, as PyTorch shows it.

Textbooks (pytorch-book chapter 3) use it to show that a view shares its
base's memory: ``a.view(2, 3).storage()`` and ``a.storage()`` hold the same
elements, writing through one shows in the other, and ``torch.Tensor(storage)``
makes a new tensor over the same memory.

Examples
--------
>>> import warnings
>>> import autograd_lab as torch
>>> a = torch.arange(3.0)
>>> with warnings.catch_warnings():
...     warnings.simplefilter("ignore")
...     print(a[1:].storage())
 0.0
 1.0
 2.0
[torch.storage.TypedStorage(dtype=torch.float32, device=cpu) of size 3]
"""

from __future__ import annotations

from typing import Any

import numpy as np

from . import messages
from ._classname import PyTorchName
from ._device import as_device
from ._dtype import dtype, from_numpy_dtype


def memory_root(array: np.ndarray) -> np.ndarray:
    """The array that owns the memory ``array`` looks into (through views and as_strided)."""
    while True:
        owner = array.base
        if not isinstance(owner, np.ndarray):
            owner = getattr(owner, "base", None)  # as_strided's helper object keeps the array
        if not isinstance(owner, np.ndarray):
            return array
        array = owner


def view_into(buffer: np.ndarray, kind: np.dtype, offset: int, shape: tuple, strides: tuple) -> np.ndarray:
    """``shape`` elements of dtype ``kind`` in the memory of the C-contiguous ``buffer``, from byte ``offset``,
    ``strides`` bytes apart: a view (read-only where a stride is 0: an expanded tensor, as expand's own views)."""
    array = np.ndarray(shape, kind, buffer=buffer, offset=offset, strides=strides)
    if 0 in strides:
        array.flags.writeable = False
    return array


def place_in_memory(array: np.ndarray) -> tuple | None:
    """``(memory, byte offset)``: the C-contiguous array owning ``array``'s memory, and where ``array`` starts in
    it; None where there is no such plain memory (a meta array, negative strides)."""
    root = memory_root(array)
    memory = root if root.flags.c_contiguous else root.T if root.flags.f_contiguous else None
    if memory is None or type(root) is not np.ndarray or any(step < 0 for step in array.strides):
        return None
    return memory, array.__array_interface__["data"][0] - memory.__array_interface__["data"][0]


class Pickled:
    """A tensor's memory on its way through ``pickle`` (or ``copy.copy``), as PyTorch's storage goes.

    ``copy.copy`` passes it on as it is, so the copy shares the memory; ``pickle`` writes its bytes, once
    for each tensor (PyTorch makes a storage object for each: only ``torch.save`` shares them).
    """

    __slots__ = ("memory",)

    def __init__(self, memory: np.ndarray) -> None:
        self.memory = memory

    def __reduce__(self) -> tuple:
        return Pickled.from_bytes, (bytearray(self.memory.tobytes()), self.memory.dtype.str)

    @staticmethod
    def from_bytes(data: bytearray, kind: str) -> Pickled:
        """The memory back, of the dtype it had (``storage()`` counts its elements in it)."""
        return Pickled(np.frombuffer(data, np.dtype(kind)))


class _Memory:
    """What both storages show of a tensor's memory: a flat NumPy view of the array that owns it, in memory order."""

    __slots__ = ("_flat",)

    def __init__(self, array: np.ndarray) -> None:
        self._flat = memory_root(array).ravel(order="K")

    @property
    def device(self) -> Any:
        return as_device("cpu")

    def size(self) -> int:
        return self._flat.size

    def __len__(self) -> int:
        return self._flat.size

    def __getitem__(self, index: int) -> Any:
        return self._flat[index].item()

    def __setitem__(self, index: int, value: Any) -> None:
        self._flat[index] = value

    def tolist(self) -> list:
        return self._flat.tolist()

    def element_size(self) -> int:
        return self._flat.itemsize

    def nbytes(self) -> int:
        return self._flat.nbytes

    def data_ptr(self) -> int:
        return self._flat.__array_interface__["data"][0]

    def __repr__(self) -> str:
        # (each storage names itself in its last line: _info)
        return " " + "\n ".join(str(self[i]) for i in range(len(self))) + "\n" + self._info()  # type: ignore[attr-defined]

    __str__ = __repr__


class TypedStorage(_Memory, metaclass=PyTorchName, torch_module="torch.storage"):
    """The elements of a tensor's memory, in memory order (``x.storage()``, which PyTorch deprecates)."""

    __slots__ = ()

    @property
    def dtype(self) -> dtype:
        return from_numpy_dtype(self._flat.dtype)

    def _info(self) -> str:
        return f"[torch.storage.TypedStorage(dtype={self.dtype}, device={self.device}) of size {len(self)}]"


class UntypedStorage(_Memory, metaclass=PyTorchName, torch_module="torch.storage"):
    """The bytes of a tensor's memory (``x.untyped_storage()``): PyTorch's storage, which has no dtype.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> memory = torch.zeros(2, 3)[1].untyped_storage()
    >>> memory.nbytes(), memory.size()
    (24, 24)
    """

    __slots__ = ()

    def __init__(self, array: np.ndarray) -> None:
        super().__init__(array)
        self._flat = self._flat.view(np.uint8)

    def _info(self) -> str:
        return f"[torch.storage.UntypedStorage(device={self.device}) of size {len(self)}]"


_warned = []  # PyTorch warns once per process


def storage(tensor: Any) -> TypedStorage:
    """The memory ``tensor`` looks into, with PyTorch's warning (once) that ``TypedStorage`` is deprecated.

    Examples
    --------
    >>> import warnings
    >>> import autograd_lab as torch
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     torch.zeros(2, 3)[1].storage().size()
    6
    """
    if not _warned:
        _warned.append(True)
        messages.warn("typed_storage_deprecated")
    return TypedStorage(tensor._array)


def untyped_storage(tensor: Any) -> UntypedStorage:
    """The bytes of the memory ``tensor`` looks into (a view's are its base's).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.ones(3).untyped_storage().nbytes()
    12
    """
    return UntypedStorage(tensor._array)
