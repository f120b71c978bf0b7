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

import warnings
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


class TypedStorage(metaclass=PyTorchName, torch_module="torch.storage"):
    """The elements of a tensor's memory, in memory order (a flat NumPy view of the owning array)."""

    __slots__ = ("_flat",)

    def __init__(self, array: np.ndarray) -> None:
        self._flat = memory_root(array).ravel(order="K")

    @property
    def dtype(self) -> dtype:
        return from_numpy_dtype(self._flat.dtype)

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
        info = f"[torch.storage.TypedStorage(dtype={self.dtype}, device={self.device}) of size {len(self)}]"
        return " " + "\n ".join(str(self[i]) for i in range(len(self))) + "\n" + info

    __str__ = __repr__


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
        warnings.warn(messages.text("typed_storage_deprecated"), UserWarning, stacklevel=2)
    return TypedStorage(tensor._array)
