"""Tensors in memory that processes share: ``x.share_memory_()``, ``x.is_shared()``, ``Module.share_memory()``.

PyTorch moves a shared tensor's memory into memory the operating system shares between processes, so
the processes of a Hogwild lesson (``torch.multiprocessing``) train one model: each child's updates are
the parent's.  Here the array moves into a ``multiprocessing.shared_memory`` block: a forked child
inherits the mapping as it is, and a spawned one, to which a shared tensor is pickled by its block's
name (:func:`reduce_shared`), attaches to the same block.  The process that made a block removes it
when the last array in it is gone.
"""

from __future__ import annotations

import os
import weakref
from typing import Any

import numpy as np

from ._storage import memory_root

_blocks: dict[int, Any] = {}
"""The SharedMemory object of each shared array (by the id of the array owning the memory), kept open while it lives."""


def _forget(key: int, block: Any, made_by: int | None) -> None:
    """The array is gone: close the block, and remove it if this process made it."""
    _blocks.pop(key, None)
    block.close()
    if made_by == os.getpid():
        block.unlink()


def _remember(array: np.ndarray, block: Any, made_by: int | None) -> None:
    _blocks[id(array)] = block
    weakref.finalize(array, _forget, id(array), block, made_by)


def shared_block(array: np.ndarray) -> Any:
    """The SharedMemory block ``array`` lives in, or None."""
    return _blocks.get(id(memory_root(array)))  # (the id of a live array: its entry goes when it does)


def share_memory_(tensor: Any) -> Any:
    """Move ``tensor``'s values into memory that processes share (nothing to do if they are there already)."""
    if shared_block(tensor._array) is not None:
        return tensor
    from multiprocessing import shared_memory  # (loaded when first asked for)

    array = tensor._array
    block = shared_memory.SharedMemory(create=True, size=max(array.nbytes, 1))
    shared = np.ndarray(array.shape, array.dtype, buffer=block.buf)
    shared[...] = array
    _remember(shared, block, os.getpid())
    tensor._array = shared
    tensor._copy_on_write = False
    return tensor


def is_shared(tensor: Any) -> bool:
    """Whether ``tensor``'s values are in memory that processes share."""
    return shared_block(tensor._array) is not None


def reduce_shared(tensor: Any) -> tuple | None:
    """Where a shared tensor is, for another process: ``((block name, size), place in it)``, or None."""
    block = shared_block(tensor._array)
    if block is None:
        return None
    array = tensor._array
    root = memory_root(array)
    offset = array.__array_interface__["data"][0] - root.__array_interface__["data"][0]
    place = (offset, array.shape, array.strides, array.dtype.str)
    return (block.name, root.nbytes), place


def attached(name: str, size: int) -> np.ndarray:
    """In the other process: the bytes of the block named ``name`` (``size`` of them), kept open while used."""
    from multiprocessing import shared_memory

    # (a spawned child shares its parent's resource tracker, which knows the block already: the making
    # process removes it, and tells the tracker)
    block = shared_memory.SharedMemory(name=name)
    root = np.ndarray(size, np.uint8, buffer=block.buf)
    _remember(root, block, None)
    return root
