"""``torch.autograd.graph.allow_mutation_on_saved_tensors``: change in place a tensor saved for backward.

Normally backward() refuses a saved tensor changed in place since it was
saved (its version moved on). Inside this block, as in PyTorch:

1. every tensor an operation saves goes through a pack hook
   (``saved_tensors_hooks``), which keeps the tensor and remembers it by
   ``(id, data_ptr, version)``, and its memory by ``(data_ptr, version)``;
2. just before an in-place change writes into a tensor's memory, every saved
   tensor remembered at that memory and version is copied (``cloned``), and
   the copy replaces it;
3. backward() unpacks the copy if there is one, else the tensor itself.

Leaving the block forgets them all: a graph recorded inside can no longer
be differentiated (PyTorch's ``AssertionError``). PyTorch sees each write
through a dispatch mode; here the hook is the one place where in-place
changes write memory (``_views.write``, which calls ``_keep_records``
first), set for the block's duration as ``saved_tensors_hooks`` sets its
own. Loaded on first use, through ``autograd.graph``.
"""

from __future__ import annotations

import contextlib
import weakref
from collections import defaultdict
from collections.abc import Iterator, MutableMapping

from .. import _views, messages
from .._classname import PyTorchName
from .._grad_mode import no_grad
from ..tensor import Tensor
from .saved import saved_tensors_hooks

_enabled = False  # inside allow_mutation_on_saved_tensors (one block at a time, in every thread)


class _Handle:
    """What the pack hook keeps in the graph for a saved tensor: a key to the tensor, or to its copy."""


def _tensor_key(tensor: Tensor) -> tuple[int, int, int]:
    """PyTorch's tid: this tensor object, at this memory and version."""
    return (id(tensor), tensor.data_ptr(), tensor._version)


def _memory_key(tensor: Tensor) -> tuple[int, int]:
    """PyTorch's sid: this memory at this version (a view starting at the same element shares it)."""
    return (tensor.data_ptr(), tensor._version)


class _AllowMutationOnSavedContext(metaclass=PyTorchName, torch_module="torch.autograd.graph"):
    """What the block keeps: the saved tensors, their copies, and where each lives in memory.

    It is what ``with allow_mutation_on_saved_tensors() as ctx`` gives, to
    look at; leaving the block clears it.
    """

    def __init__(self) -> None:
        self.cloned: MutableMapping[_Handle, Tensor] = weakref.WeakKeyDictionary()
        self.original: MutableMapping[_Handle, Tensor] = weakref.WeakKeyDictionary()
        self.tid_to_weakhandle: MutableMapping[tuple, _Handle] = weakref.WeakValueDictionary()
        self.sid_to_tid: dict[tuple, set[tuple]] = defaultdict(set)

    def clear(self) -> None:
        """Forget every saved tensor and copy."""
        self.cloned.clear()
        self.original.clear()
        self.tid_to_weakhandle.clear()
        self.sid_to_tid.clear()

    def pack(self, tensor: Tensor) -> _Handle:
        """The pack hook: keep ``tensor`` (once per object, memory and version) under a handle."""
        tid = _tensor_key(tensor)
        self.sid_to_tid[_memory_key(tensor)].add(tid)
        handle = self.tid_to_weakhandle.get(tid)
        if handle is None:
            handle = _Handle()
            self.tid_to_weakhandle[tid] = handle
            self.original[handle] = tensor
        return handle

    def unpack(self, handle: _Handle) -> Tensor:
        """The unpack hook: the copy made before a change, or the tensor itself."""
        if not _enabled:
            raise messages.error("mutation_on_saved_outside")
        if handle in self.cloned:
            return self.cloned[handle]
        if handle not in self.original:
            raise messages.error("mutation_on_saved_outside")
        return self.original[handle]

    def clone_before_write(self, tensor: Tensor) -> None:
        """``tensor``'s memory is about to change: copy every saved tensor remembered there first."""
        for tid in self.sid_to_tid.get(_memory_key(tensor), ()):
            handle = self.tid_to_weakhandle.get(tid)
            if handle is None or handle in self.cloned:
                continue  # freed by backward() since it was saved, or copied already
            with no_grad():  # (PyTorch's copy is made below autograd: it records nothing)
                self.cloned[handle] = self.original[handle].clone()
            del self.original[handle]


@contextlib.contextmanager
def allow_mutation_on_saved_tensors() -> Iterator[_AllowMutationOnSavedContext]:
    """Inside the block, a tensor saved for backward may be changed in place: backward() uses a copy.

    Without it, backward() raises PyTorch's "modified by an inplace operation"
    error for such a tensor. The copy is made only when a saved tensor is
    about to change; run the forward pass and backward() in the same block
    (after it, the graph's saved values are gone). Blocks do not nest.

    Yields
    ------
    _AllowMutationOnSavedContext
        What the block keeps (the saved tensors and copies), for looking at.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> with torch.autograd.graph.allow_mutation_on_saved_tensors():
    ...     # forward
    ...     a = torch.ones(2, 3, requires_grad=True)
    ...     b = a.clone()
    ...     out = (b**2).sum()
    ...     b.sin_()
    ...     # backward
    ...     out.sum().backward()
    ...
    tensor([[0.8415, 0.8415, 0.8415],
            [0.8415, 0.8415, 0.8415]], grad_fn=<SinBackward0>)
    >>> a.grad
    tensor([[2., 2., 2.],
            [2., 2., 2.]])
    """
    global _enabled
    ctx = _AllowMutationOnSavedContext()
    plain_keep_records = _views._keep_records

    def keep_records(tensor: Tensor) -> None:  # (_views.write calls it just before it writes)
        ctx.clone_before_write(tensor)
        plain_keep_records(tensor)

    with saved_tensors_hooks(ctx.pack, ctx.unpack):
        _views._keep_records = keep_records
        try:
            if _enabled:
                raise messages.error("mutation_on_saved_nested")
            _enabled = True
            yield ctx
        finally:  # (as PyTorch's: a nested block's failure ends the outer one's effect too)
            ctx.clear()
            _enabled = False
            _views._keep_records = plain_keep_records
