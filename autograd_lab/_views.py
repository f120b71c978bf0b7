"""Views and in-place changes, as PyTorch does them.

A **view** (a slice, a row, a transpose, a reshape that needs no copy ...)
shares its base's memory and its version counter.  It remembers its base
(always a tensor that is not itself a view) and the steps that made it from
the base (:class:`ViewInfo`).  That is all PyTorch's semantics need:

- An **in-place change of a view** changes the base too, so the base's
  history is rewritten: its new node is a ``CopySlices``, which wraps the
  in-place op's node and sends the base's gradient through it only inside
  the view's region (:func:`rebase_history`).
- An in-place change of the base, or of any view of it, bumps the shared
  version counter, so every other view's node is now **stale**: it describes
  the values from before the change.  Reading such a view's ``grad_fn``
  makes a new node from the base as it is now, an ``AsStridedBackward0``
  (:meth:`ViewInfo.grad_fn_of`).
- Some views may not be changed in place while autograd records: views made
  under ``no_grad`` and the outputs of ``split``/``chunk``/``unbind``
  (:func:`check_inplace`), and views of a leaf that requires grad.

Views of integer or bool tensors, and ``detach()``, share the version counter
but are not tracked as views, as in PyTorch.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

import numpy as np

from . import messages
from ._dtype import casts_to
from ._grad_mode import _grad_mode, no_grad
from .autograd.engine import Node, gradient_edge
from .messages import errors
from .tensor import INFERENCE, Tensor

# How a view was made, as PyTorch's CreationMeta names it; only DEFAULT views
# may be changed in place while autograd records.
DEFAULT = "default"
NO_GRAD_MODE = "no_grad_mode"  # made under no_grad from a base that required grad
MULTI_OUTPUT_NODE = "multi_output_node"  # one of several views one op returned (split, unbind)
IN_CUSTOM_FUNCTION = (
    "in_custom_function"  # a custom Function's output that is a view (or an input given back)
)

_lent: dict[str, Any] = {}  # the view ops this module borrows from the op table (see lend)


def lend(**ops: Any) -> None:
    """Called once by ``autograd_lab.ops``: the ops behind AsStridedBackward0 and CopySlices."""
    _lent.update(ops)


class ViewInfo:
    """What a view knows: its base, the steps that made it, and when its node was made.

    ``steps`` holds ``(op, params, input_shape)`` for each view op from the
    base to the view, so the view can be made again from the base, or from
    anything shaped like it (a gradient).  ``node_version`` is the version
    counter's value when the view's ``grad_fn`` was set: when the counter
    has moved on, that node is stale.
    """

    __slots__ = ("base", "steps", "creation", "node_version", "output_nr")

    def __init__(self, base: Tensor, steps: tuple, creation: str, node_version: int) -> None:
        self.base = base
        self.steps = steps
        self.creation = creation
        self.node_version = node_version
        self.output_nr = 0  # which output of a multi-output op this view is

    def grad_fn_of(self, view: Tensor) -> Node | None:
        """``view.grad_fn``, made again from the base if an in-place change made it stale."""
        if view._grad_fn is None and not self.base._requires_grad:
            return None
        version = view._version_counter.value
        if self.node_version != version:
            if self.creation != DEFAULT:
                raise errors.view_modified_inplace(self, view._grad_fn, indirect=True)
            _set_history(view, _lent["as_strided"](self, view))
        return view._grad_fn


def make_view(result: Tensor, input: Tensor, op: Any, params: dict) -> None:
    """Record that ``result`` is a view of ``input`` made by ``op``: shared memory, shared version."""
    counter = input._version_counter
    result._version_counter = counter
    if counter is INFERENCE:
        return  # views of inference tensors have no base, as in PyTorch
    parent = input._view
    base, steps = (input, ()) if parent is None else (parent.base, parent.steps)
    creation = DEFAULT if _grad_mode.enabled else NO_GRAD_MODE
    if parent is not None and creation == DEFAULT:
        creation = parent.creation  # a view of a restricted view is restricted too
    result._view = ViewInfo(base, (*steps, (op, params, input._array.shape)), creation, counter.value)


def mark_multi_output(views: list[Tensor]) -> list[Tensor]:
    """``split``, ``chunk`` and ``unbind``: their outputs may not be changed in place while recording."""
    if not _grad_mode.enabled:
        return views  # made under no_grad: that rule comes first
    for index, view in enumerate(views):
        info = view._view
        if info is not None:
            info.creation = MULTI_OUTPUT_NODE
            info.output_nr = index
    return views


# --------------------------------------------------------------------------
# In-place changes
# --------------------------------------------------------------------------


def check_inplace(tensor: Tensor, requires_grad: bool) -> None:
    """PyTorch's checks before an in-place op that autograd must record."""
    if not (requires_grad and _grad_mode.enabled):
        return
    info = tensor._view
    if info is not None:
        if info.creation != DEFAULT:
            raise errors.view_modified_inplace(info, tensor._grad_fn, indirect=False)
        if tensor.requires_grad and info.base._grad_fn is None:
            raise errors.leaf_inplace(view=True)
    # The node as it stands, not made again: a view whose base came to require grad
    # after it was taken counts as a leaf here until its grad_fn is read (PyTorch agrees).
    if tensor.requires_grad and tensor._grad_fn is None:
        raise errors.leaf_inplace()


def write(tensor: Tensor, values: np.ndarray, allow_overlap: bool = False, only: Any = None) -> Tensor:
    """Write ``values`` into ``tensor``'s memory, keeping its dtype, and count the change.

    Where several elements share memory (an ``expand``), only some ops may
    write, as in PyTorch (``allow_overlap``: fills, and index_put_ with a
    warning): any other op's result would depend on the order.  ``only``: an
    index; just those elements are written (index_put_ writes no others).
    """
    array = tensor._array
    if not allow_overlap:
        check_no_overlap(array)
    if not casts_to(values.dtype, array.dtype):
        raise errors.inplace_cast(values.dtype, array.dtype)
    _keep_records(tensor)
    if only is None:
        if tensor._copy_on_write:
            array = np.empty_like(array)  # every element is overwritten: no need to copy first
        try:
            # ("unsafe": casts_to has allowed it; an int32 result wraps into uint8 as PyTorch's cast does)
            np.copyto(array, values, casting="unsafe")
        except ValueError:
            if values.shape != array.shape:  # the result broadcast to more than the tensor holds
                shape, broadcast = list(array.shape), list(np.broadcast_shapes(array.shape, values.shape))
                raise messages.error("inplace_broadcast_shape", shape=shape, broadcast=broadcast) from None
            raise errors.inplace_on_expanded() from None
    else:
        array = tensor._own()
        array[only] = values[only]
    tensor._array = array
    tensor._copy_on_write = False
    tensor._version_counter.bump()
    return tensor


def _keep_records(tensor: Tensor) -> None:
    """Before memory is overwritten: a node that shows it as its value keeps a copy of what it computed.

    The pictures show each node's value; without the copy, the node that
    made ``y`` would show what ``y[0] = 0`` wrote over it.
    """
    for owner in (tensor, tensor._view.base if tensor._view is not None else None):
        node = owner._grad_fn if owner is not None else None
        if node is not None and node.value is owner._array:
            node.value = owner._array.copy()


def overlaps(array: np.ndarray) -> bool:
    """Whether several elements of ``array`` share memory (an ``expand``); an empty one has none to share."""
    return array.size > 0 and any(
        stride == 0 and n > 1 for n, stride in zip(array.shape, array.strides, strict=True)
    )


def check_no_overlap(array: np.ndarray) -> None:
    """PyTorch's refusal to write a computed result where several elements share memory."""
    if overlaps(array):
        raise errors.inplace_on_expanded()


def run_inplace(
    tensor: Tensor,
    function: Callable[..., Tensor],
    *args: Any,
    allow_overlap: bool = False,
    only: Any = None,
    **kwargs: Any,
) -> Tensor:
    """``tensor.op_(...)``: compute ``function(tensor, ...)``, write it into ``tensor``, record it.

    Recorded, the op runs on a copy of the tensor's current value that keeps
    its history (the new node may save the old value, which the write is
    about to overwrite); then the tensor, or its base if it is a view, gets
    the new node as its history.  ``allow_overlap`` and ``only``: see :func:`write`.
    """
    if tensor._version_counter is INFERENCE and not _grad_mode.inference:
        raise messages.error("inference_inplace")
    requires_grad = _grad_mode.enabled and (
        tensor.requires_grad or any(isinstance(a, Tensor) and a.requires_grad for a in args)
    )
    check_inplace(tensor, requires_grad)
    if not requires_grad:
        with no_grad():
            result = function(tensor, *args, **kwargs)
            written = write(tensor, result._array, allow_overlap, only)
            if _grad_mode.forward_ad:
                _grad_mode.forward_ad_module.inplace_result(result, tensor)
            return written
    # (a tensor that takes no gradient is a constant of the new node, which keeps its values for the pictures)
    alias = _history_alias(tensor, not tensor.requires_grad or _reads_its_input(function))
    if _grad_mode.forward_ad:
        _grad_mode.forward_ad_module.move_tangent(tensor, alias)
    result = function(alias, *args, **kwargs)
    write(tensor, result._array, allow_overlap, only)
    if _grad_mode.forward_ad:
        _grad_mode.forward_ad_module.inplace_result(result, tensor)
    node = result._grad_fn
    if node is not None:
        _now_describes(node, tensor)
        rebase_history(tensor, node)
        if tensor._view is not None and node.saved is not None and "out" in node.saved:
            # PyTorch names a saved output of an in-place op on a view after the view's new node
            node.saved["out_producer"] = weakref.ref(tensor._grad_fn)
    return tensor


def _reads_its_input(function: Any) -> bool:
    """Whether the op's derivative rules save the tensor's own values (its first input): only then must they be
    kept apart from the write.  ``relu_`` saves its result, not its input (one copy fewer: nn.ReLU(inplace=True)
    runs in every layer of AlexNet-style networks)."""
    if getattr(function, "variadic", True) or not hasattr(function, "_plan_rules"):
        return True  # (not a single op of the table: keep the values, to be safe)
    if function._rule_plans is None:
        function._plan_rules()
    return any(index == 0 for _, index in function._all_needs)


def _history_alias(tensor: Tensor, keep_values: bool = True) -> Tensor:
    """The tensor's current value and history, kept apart before an in-place change (its values shared when
    no rule reads them: the write then overwrites what nothing needs)."""
    alias = Tensor._wrap(tensor._array.copy() if keep_values else tensor._array, tensor.requires_grad)
    alias._grad_fn = tensor.grad_fn
    alias._accumulator = tensor._accumulator
    return alias


def _now_describes(node: Node, tensor: Tensor) -> None:
    """The node computed the tensor's new value: it shows that value, and a saved output is the tensor."""
    node.value = tensor._array
    if node.saved is not None and "out" in node.saved:
        kept = Tensor._wrap(tensor._array)
        kept._version_counter = tensor._version_counter
        node.saved["out"] = kept
        version = tensor._version_counter.value
        node.saved_versions = tuple((n, version if n == "out" else v) for n, v in node.saved_versions)


def rebase_history(tensor: Tensor, node: Node) -> None:
    """Give ``tensor`` the node of an in-place op; for a view, its base gets a CopySlices."""
    info = tensor._view
    if info is None:
        _set_history(tensor, node)
        return
    base = info.base
    _set_history(base, CopySlices.around(base, info, node))
    tensor.grad_fn  # noqa: B018 - the view's own node is now stale: make it again, as PyTorch does


def _set_history(tensor: Tensor, node: Node) -> None:
    old = tensor._grad_fn
    tensor._grad_fn = node
    tensor._requires_grad = True
    if tensor._view is not None:
        tensor._view.node_version = tensor._version_counter.value
    if tensor._retains_grad:  # retain_grad() follows the tensor to its new node
        node.retained = weakref.ref(tensor)
        if old is not None and old is not node:
            old.retained = None


# --------------------------------------------------------------------------
# CopySlices: the base's node after an in-place change of a view
# --------------------------------------------------------------------------


class CopySlices(Node):
    """The base's history after ``view.op_(...)``: PyTorch's ``CopySlices``.

    It wraps ``fn``, the in-place op's node.  The base's gradient passes
    unchanged outside the view's region; inside it, ``fn`` turns it into the
    gradient of the view's old value.  The op's other inputs (``b`` in
    ``view.mul_(b)``) get what ``fn`` sends them.  So ``next_functions`` is
    the base's old history, then ``fn``'s other inputs.
    """

    __slots__ = ()

    @classmethod
    def around(cls, base: Tensor, info: ViewInfo, fn: Node) -> CopySlices:
        op = _lent["copy_slices"]
        # The base's history from before the change: it is still base.grad_fn here.
        edges = ((gradient_edge(base), 0), *fn.next_functions[1:])
        shapes = (base._array.shape, *fn.input_shapes[1:])
        node = cls(op, edges, shapes, None, (), {"fn": fn, "steps": info.steps}, base._array)
        # fn no longer leads to the view's old node: its gradient goes into the base's region
        # instead, and PyTorch does not keep that node alive either.
        fn.next_functions = ((None, 0), *fn.next_functions[1:])
        constants = fn.constants
        if constants is not None:
            node.constants = (None, *constants[1:])
        return node

    def name(self) -> str:
        return "torch::autograd::CopySlices"  # PyTorch's name for it, C++ namespace and all

    def _free_saved(self) -> None:
        self.params["fn"]._free_saved()
        self.saved_freed = True

    def _backward(self, grad: Any, arrays: bool, useful: set | None, destination: Any) -> tuple:
        """∂/∂(old base) = grad outside the view, fn's gradient inside it; fn's other inputs get fn's."""
        fn: Node = self.params["fn"]
        steps = self.params["steps"]
        saved = fn._check_saved()
        # PyTorch copies the gradient into a tensor laid out as the base first: refused for an expanded base
        check_no_overlap(self.value)
        region = replay(grad, steps)
        if arrays:
            region = np.array(region)  # a copy of its own: the rules may keep it
        fn_grads = []
        base_history = self.next_functions[0][0]
        for index, ((child, _), shape) in enumerate(zip(fn.next_functions, fn.input_shapes, strict=True)):
            # fn's first input is the view: its gradient goes into the base's region, needed only if the
            # base had a history to send it to (a detached base has none, and fn saved nothing for it)
            needed = (
                base_history is not None
                if index == 0
                else child is not None and (useful is None or child in useful)
            )
            g = fn.op.input_grad(index, region, fn, saved, arrays) if needed else None
            if g is not None and g.shape != shape:
                g = _lent["sum_to_size"](g, shape)
            fn_grads.append(g)
        view_grad = fn_grads[0]
        if base_history is None:
            base_grad = None
        elif arrays:
            base_grad = np.empty_like(self.value)  # the base's layout, so that the steps replay on it
            base_grad[...] = grad
            region = replay(base_grad, steps)
            check_no_overlap(region)  # PyTorch copies into the view's region: refused for an expand
            region[...] = 0 if view_grad is None else view_grad
        else:
            base_grad = _lent["view_scatter"](grad, 0.0 if view_grad is None else view_grad, steps=steps)
        grads = (base_grad, *fn_grads[1:])
        fn.input_grads = _as_arrays(fn_grads, arrays)
        self.input_grads = _as_arrays(grads, arrays)
        return grads


CopySlices.__module__ = "builtins"  # type(node) prints <class 'CopySlices'>, as in PyTorch


def _as_arrays(grads: Any, arrays: bool) -> tuple:
    return tuple(grads) if arrays else tuple(None if g is None else g._array for g in grads)


def replay(values: Any, steps: tuple) -> Any:
    """Make the view again from ``values`` (an array or a tensor shaped like its base)."""
    for op, params, _ in steps:
        values = op.forward(values, **params) if isinstance(values, np.ndarray) else op(values, **params)
    return values
