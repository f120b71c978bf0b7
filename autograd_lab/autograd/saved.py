"""Hooks on saved tensors: ``grad_fn._raw_saved_self.register_hooks`` and ``autograd.graph.saved_tensors_hooks``.

A node keeps the tensors its derivative rule needs (``grad_fn._saved_self``).
Hooks change how: ``pack_hook(tensor)`` runs when the hooks are set (or,
inside ``saved_tensors_hooks``, when the tensor is saved) and its result is
kept instead of the tensor (it may be a file name, a compressed copy ...);
``unpack_hook(packed)`` gives a tensor back each time the value is needed:
when the backward pass reaches the node, and at each ``_saved_self``. As in
PyTorch, what ``_saved_self`` returns is then a new tensor object with the
unpacked values.

Examples
--------
>>> import autograd_lab as torch
>>> x = torch.tensor([1.0, 2.0], requires_grad=True)
>>> y = x.pow(2)
>>> y.grad_fn._raw_saved_self.register_hooks(lambda t: t.tolist(), lambda values: torch.tensor(values))
>>> y.grad_fn._saved_self
tensor([1., 2.], requires_grad=True)
>>> y.sum().backward()
>>> x.grad
tensor([2., 4.])
"""

from __future__ import annotations

import contextlib
import weakref
from collections.abc import Callable, Iterator
from typing import Any

from .. import messages
from .._classname import PyTorchName
from .._grad_mode import _grad_mode
from ..ops import _core
from ..tensor import Tensor
from . import engine

# node -> {rule name: (packed, unpack_hook, grad_fn the unpacked tensor gets, requires_grad, leaf's accumulator)}
_HOOKED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _rebuilt(node: Any, rule_name: str, for_graph: bool) -> Tensor:
    """``unpack_hook(packed)`` as a new tensor: with the original's grad_fn (the node itself for a result)."""
    packed, unpack_hook, grad_fn, requires_grad, accumulator = _HOOKED[node][rule_name]
    values = unpack_hook(packed)
    if not isinstance(values, Tensor):
        raise messages.error("saved_unpack_not_tensor", type_name=type(values).__name__)
    tensor = Tensor._wrap(values._array)
    if not for_graph:  # what the rule reads: the values, as the node saved them
        return tensor
    tensor._grad_fn = grad_fn
    tensor._requires_grad = requires_grad or grad_fn is not None
    if accumulator is not None:  # a saved leaf: gradients through it reach the leaf's .grad, as PyTorch's
        tensor._accumulator = weakref.ref(accumulator)
    return tensor


def _unpack_before_backward(node: Any) -> Callable:
    """The node's pre-hook: unpack every hooked value just before its rule runs, as PyTorch does."""
    reference = weakref.ref(node)

    def unpack(grad_outputs: tuple) -> None:
        owner = reference()
        if owner is not None and owner.saved is not None:
            recorded = _grad_mode.enabled  # a create_graph pass: the rules' results must keep their history
            for rule_name in _HOOKED.get(owner, ()):
                owner.saved[rule_name] = _rebuilt(owner, rule_name, for_graph=recorded)

    return unpack


def set_hooks(node: Any, rule_name: str, pack_hook: Callable, unpack_hook: Callable, detached: bool) -> None:
    """Pack the saved ``rule_name`` of ``node`` now; keep only what ``pack_hook`` returned.

    ``pack_hook`` gets the saved tensor itself at saving time (``saved_tensors_hooks``) and its values
    alone, detached, when the hooks are set afterwards (``register_hooks``), as in PyTorch.
    """
    if node.saved is None:
        raise messages.error("saved_hooks_freed")
    hooked = _HOOKED.setdefault(node, {})
    if rule_name in hooked:
        raise messages.error("saved_hooks_twice")
    kept = node.saved[rule_name]
    # A saved result is packed without its grad_fn (PyTorch's too: it would point back at this node).
    grad_fn = node if rule_name == "out" else kept.grad_fn
    leaf = grad_fn is None and rule_name != "out" and kept.requires_grad
    hooked[rule_name] = (
        pack_hook(kept.detach() if detached else kept),
        unpack_hook,
        grad_fn,
        kept.requires_grad,
        engine.accumulator_of(kept) if leaf else None,
    )
    if len(hooked) == 1:
        node.register_prehook(_unpack_before_backward(node))
    node.saved_versions = tuple(pair for pair in node.saved_versions if pair[0] != rule_name)
    node.saved[rule_name] = None  # the packed form replaces it until the backward pass unpacks it


def saved_value(node: Any, rule_name: str) -> Tensor | None:
    """``_saved_<name>`` of a hooked value (unpacked again at each access), or ``None`` if it has no hooks."""
    if rule_name not in _HOOKED.get(node, ()):
        return None
    if node.saved is None:
        node._check_saved()  # raises PyTorch's error for values freed by backward()
    return _rebuilt(node, rule_name, for_graph=True)


class SavedTensor(metaclass=PyTorchName, torch_module="torch._C._autograd"):
    """A value a node saved, as ``grad_fn._raw_saved_self`` gives it: PyTorch's ``SavedTensor``."""

    __slots__ = ("_node", "_rule_name")

    def __init__(self, node: Any, rule_name: str) -> None:
        self._node = node
        self._rule_name = rule_name

    def register_hooks(
        self, pack_hook: Callable[[Tensor], Any], unpack_hook: Callable[[Any], Tensor]
    ) -> None:
        """Keep ``pack_hook(tensor)`` instead of the tensor; ``unpack_hook`` gives it back when needed."""
        set_hooks(self._node, self._rule_name, pack_hook, unpack_hook, detached=True)


def _free_packed(node: Any) -> None:
    """``backward()`` freed the node's saved values: drop what ``pack_hook`` returned for them, as PyTorch does."""
    _HOOKED.pop(node, None)


engine.lend(saved_tensor=SavedTensor, hooked_saved_value=saved_value, free_packed=_free_packed)


# -- saved_tensors_hooks: every tensor saved inside the block is packed ------------------------------------

_active: list[tuple[Callable, Callable]] = []  # the hook pairs of the blocks entered, innermost last
_disabled_message: str | None = None  # inside disable_saved_tensors_hooks: the error to raise
_plain_record = _core._record


def _record_with_hooks(op: Any, inputs: tuple, params: dict, result: Tensor) -> None:
    """``_core._record`` while a ``saved_tensors_hooks`` block is open: record, then pack what was saved."""
    _plain_record(op, inputs, params, result)
    node = result._grad_fn
    pack_hook, unpack_hook = _active[-1]
    for rule_name, value in list((node.saved or {}).items()):
        if isinstance(value, Tensor):
            set_hooks(node, rule_name, pack_hook, unpack_hook, detached=False)


class saved_tensors_hooks(metaclass=PyTorchName, torch_module="torch.autograd.graph"):  # noqa: N801 - PyTorch's name
    """Inside the block, every tensor an operation saves for backward goes through ``pack_hook``.

    The hooks apply to the operations of the op table run in the block, in
    every thread (PyTorch's are per thread); a custom ``autograd.Function``'s
    ``ctx.save_for_backward`` is not packed.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> x = torch.tensor([3.0], requires_grad=True)
    >>> with torch.autograd.graph.saved_tensors_hooks(lambda t: t * 1, lambda t: t):
    ...     y = x * x
    >>> x is y.grad_fn._saved_self, x.equal(y.grad_fn._saved_other)
    (False, True)
    """

    def __init__(self, pack_hook: Callable[[Tensor], Any], unpack_hook: Callable[[Any], Tensor]) -> None:
        self.pack_hook = pack_hook
        self.unpack_hook = unpack_hook

    def __enter__(self) -> saved_tensors_hooks:
        if _disabled_message is not None:
            raise messages.error("saved_hooks_disabled", message=_disabled_message)
        _active.append((self.pack_hook, self.unpack_hook))
        _core._record = _record_with_hooks
        return self

    def __exit__(self, *exc: object) -> None:
        _active.pop()
        if not _active:
            _core._record = _plain_record


class save_on_cpu(saved_tensors_hooks, torch_module="torch.autograd.graph"):  # noqa: N801 - PyTorch's name
    """Inside the block, every tensor saved for backward is kept on the CPU, and moved back for backward.

    PyTorch uses it to trade time for GPU memory. Every tensor here is on
    the CPU already, so the saved tensor is the tensor itself; with
    ``pin_memory=True`` PyTorch keeps a copy instead, and so does this (page-
    locked memory needs an accelerator, which this machine's PyTorch would
    not have either).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> w = torch.tensor([1.0, 2.0], requires_grad=True)
    >>> with torch.autograd.graph.save_on_cpu(pin_memory=True):
    ...     y = (w * w).sum()
    >>> y.backward()
    >>> w.grad
    tensor([2., 4.])
    """

    def __init__(self, pin_memory: bool = False, device_type: str = "cuda") -> None:
        def pack_to_cpu(tensor: Tensor) -> tuple[Any, Tensor]:
            if not pin_memory:
                return (tensor.device, tensor.cpu())
            packed = tensor.new_empty(
                tensor.size()
            )  # (PyTorch: torch.empty(..., pin_memory=...), then copy_)
            packed.copy_(tensor)
            return (tensor.device, packed)

        def unpack_from_cpu(packed: tuple[Any, Tensor]) -> Tensor:
            device, tensor = packed
            return tensor.to(device, non_blocking=pin_memory)

        super().__init__(pack_to_cpu, unpack_from_cpu)


@contextlib.contextmanager
def disable_saved_tensors_hooks(error_message: str) -> Iterator[None]:
    """Inside the block (or the decorated function), setting saved-tensor hooks raises ``error_message``.

    For code that would not work with them: entering ``saved_tensors_hooks``,
    ``save_on_cpu`` or ``allow_mutation_on_saved_tensors`` in it raises a
    ``RuntimeError`` with that message, and so does entering the block while
    such hooks are set. Blocks nest: leaving one brings back the message of
    the block around it, or none.

    Parameters
    ----------
    error_message : str
        The message of the ``RuntimeError``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> message = "saved tensors default hooks are disabled"
    >>> with torch.autograd.graph.disable_saved_tensors_hooks(message):  # doctest: +ELLIPSIS
    ...     with torch.autograd.graph.save_on_cpu():
    ...         pass
    Traceback (most recent call last):
    ...
    RuntimeError: saved tensors default hooks are disabled ...
    """
    global _disabled_message
    outer_message = _disabled_message
    try:
        _disabled_message = error_message
        if _active:  # as PyTorch: refused while hooks are set (its message is set first)
            raise messages.error("saved_hooks_disabled", message=error_message)
        yield
    finally:
        _disabled_message = outer_message
