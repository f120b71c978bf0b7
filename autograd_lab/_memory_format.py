"""Memory formats: ``torch.contiguous_format``, ``channels_last`` ... and how an array is laid out in one.

A 4-d image batch (N, C, H, W) is stored row by row by default; in
``channels_last`` the C values of each pixel lie side by side instead, with
strides (H·W·C, 1, W·C, C).  NumPy arrays can have any strides, so a tensor
here can be laid out either way, and ``stride()`` shows it as in PyTorch.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from . import messages
from ._classname import PyTorchName

__all__ = [
    "memory_format", "contiguous_format", "preserve_format", "channels_last", "channels_last_3d",
    "layout", "strided", "sparse_coo", "sparse_csr", "sparse_csc", "sparse_bsr", "sparse_bsc", "jagged",
]  # fmt: skip


class memory_format(metaclass=PyTorchName, torch_module="torch"):  # noqa: N801 - PyTorch's name
    """How a tensor's elements are laid out in memory: ``torch.channels_last`` and its three siblings.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> x = torch.zeros(2, 3, 4, 5).to(memory_format=torch.channels_last)
    >>> x.stride(), x.is_contiguous(memory_format=torch.channels_last)
    ((60, 1, 15, 3), True)
    """

    __slots__ = ("name", "_order")

    def __init__(self, name: str, order: tuple | None) -> None:
        self.name = name
        self._order = order  # the dimensions from the outermost in memory to the innermost (None: any)

    def __repr__(self) -> str:
        return f"torch.{self.name}"

    def __reduce__(self) -> str:
        return self.name  # (pickled as the module's constant)


contiguous_format = memory_format("contiguous_format", None)
preserve_format = memory_format("preserve_format", None)
channels_last = memory_format("channels_last", (0, 2, 3, 1))
channels_last_3d = memory_format("channels_last_3d", (0, 2, 3, 4, 1))


class layout(metaclass=PyTorchName, torch_module="torch"):  # noqa: N801 - PyTorch's name
    """How a tensor's elements are stored: ``torch.strided`` (dense, with strides) for every tensor here.

    PyTorch's sparse and nested layouts are named too, so that code comparing a tensor's
    ``layout`` with them runs.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.ones(2).layout, torch.ones(2).layout == torch.strided
    (torch.strided, True)
    """

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"torch.{self.name}"

    def __reduce__(self) -> str:
        return self.name  # (pickled as the module's constant)


strided = layout("strided")
sparse_coo = layout("sparse_coo")
sparse_csr = layout("sparse_csr")
sparse_csc = layout("sparse_csc")
sparse_bsr = layout("sparse_bsr")
sparse_bsc = layout("sparse_bsc")
jagged = layout("jagged")


def dense(sizes: list, strides: list) -> bool:
    """Whether elements of these sizes (each over 1) and strides (in elements) fill a block of memory,
    each once: PyTorch's ``is_non_overlapping_and_dense``."""
    expected = 1
    for stride, n in sorted(zip(strides, sizes, strict=True)):
        if stride != expected:
            return False
        expected *= n
    return True


def is_dense(array: np.ndarray) -> bool:
    """:func:`dense` for an array: its elements fill a block of memory, each once."""
    kept = [
        (n, stride // array.itemsize) for n, stride in zip(array.shape, array.strides, strict=True) if n != 1
    ]
    return dense([n for n, _ in kept], [stride for _, stride in kept])


def laid_out(array: np.ndarray, memory_format: memory_format | None = None) -> np.ndarray:
    """A copy of ``array`` laid out in ``memory_format`` (``preserve_format`` or None: as ``array`` is)."""
    fmt = memory_format
    if fmt is None or fmt is preserve_format:
        return np.copy(array, order="K")
    if fmt is contiguous_format:
        return np.array(array, order="C", copy=True)
    order = _checked_order(array, fmt)
    # (a new array, so that dimensions of size 1 get PyTorch's strides too; "like": a meta array stays one)
    out = np.empty_like(array, shape=tuple(array.shape[d] for d in order), order="C")
    out[...] = array.transpose(order)
    return out.transpose(np.argsort(order))


def is_laid_out(array: np.ndarray, fmt: memory_format | None) -> bool:
    """PyTorch's ``is_contiguous(memory_format=fmt)``: dimensions of size 1 may have any stride."""
    order = range(array.ndim) if fmt is None or fmt is contiguous_format else fmt._order
    if order is None or (fmt is not None and fmt._order is not None and len(order) != array.ndim):
        return False
    expected = array.itemsize
    for dim in reversed(tuple(order)):
        if array.shape[dim] != 1:
            if array.strides[dim] != expected:
                return False
            expected *= array.shape[dim]
    return True


def suggested(array: np.ndarray) -> memory_format:
    """The layout PyTorch reads from the strides (``suggest_memory_format``): channels-last only when the
    strides say so unambiguously (an (N, 1, H, W) batch laid out row by row stays contiguous_format)."""
    for fmt in (channels_last, channels_last_3d):
        if array.ndim == len(fmt._order) and _strictly_in(array, (1, *reversed(fmt._order[1:-1]), 0)):
            return fmt
    return contiguous_format


def _strictly_in(array: np.ndarray, dims: tuple) -> bool:
    """c10's is_channels_last_strides_2d/3d: strides growing along ``dims`` (innermost first)."""
    strides = [s // array.itemsize for s in array.strides]
    if strides[1] == 0:
        return False
    least = 0
    for d in dims:
        if array.shape[d] == 0 or strides[d] < least or (d == 0 and least == strides[1]):
            return False
        least = strides[d] * (array.shape[d] if array.shape[d] > 1 else 1)
    return True


def row_major(forward: Callable) -> Callable:
    """``forward`` with its result laid out row by row, as PyTorch's kernel for the op allocates it.

    NumPy keeps an input's layout (a transposed softmax input gives a transposed result); PyTorch's
    elementwise ops do too, but softmax, layer_norm, masked_fill, cat ... make a new row-major tensor,
    on which ``.view`` then works.
    """

    def row_major_forward(*args: Any, **kwargs: Any) -> np.ndarray:
        out = forward(*args, **kwargs)
        return out if out.flags.c_contiguous else out.copy(order="C")

    row_major_forward.__name__ = getattr(forward, "__name__", "forward")
    return row_major_forward


def heads_last(out: np.ndarray) -> np.ndarray:
    """An attention result (B, H, L, E) laid out as (B, L, H, E), as PyTorch's CPU flash kernel writes it."""
    return laid_out(out, _HEADS_LAST) if out.ndim == 4 else out


_HEADS_LAST = memory_format("heads_last", (0, 2, 1, 3))  # (not one of PyTorch's names: an inner layout)


def _checked_order(array: np.ndarray, fmt: memory_format) -> tuple:
    if array.ndim != len(fmt._order):
        raise messages.error("memory_format_rank", rank=len(fmt._order), name=fmt.name)
    return fmt._order
