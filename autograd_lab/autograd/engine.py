"""The graph's nodes and the backward pass: read this file top to bottom.

1. ``Node`` is one recorded operation (PyTorch's ``grad_fn``), and
   ``AccumulateGrad`` the node at a leaf, which adds into ``.grad``.
2. ``run_backward`` is the engine: it visits the graph from the outputs back
   to the leaves, newest operation first as PyTorch does, applies each
   node's derivative rules (the chain rule) and sums what arrives at each
   node.  Gradients travel as plain NumPy arrays; only ``create_graph=True``
   makes them tensors, so that the backward pass is itself recorded and can
   be differentiated again.
3. Where the gradients end up is a small object passed in: ``.grad`` of the
   leaves for ``backward()`` (:class:`IntoGrad`), or a dict returned by
   ``autograd.grad`` (:class:`Capture`).  A tracer, if any, sees each step.

The operations and their derivative rules live in ``autograd_lab.ops``,
which registers here the ops it lends the engine (``sum_to_size`` to undo
broadcasting; ``clone`` and ``copy_like`` for a differentiable copy): the
engine imports no op.
"""

from __future__ import annotations

import itertools
import weakref
from _thread import _local as thread_local  # threading.local, without importing threading (1 ms)
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .. import _numpy_warnings, messages
from .._classname import PyTorchName, object_repr
from .._device import MetaArray
from .._dtype import from_numpy_dtype
from .._grad_mode import _grad_mode
from .._memory_format import is_dense
from ..messages import errors
from ..tensor import Tensor
from .scope import _scopes

try:  # heapq's C functions, without heapq.py's import (it only re-exports them)
    from _heapq import heappop, heappush
except ImportError:  # (a Python without the C module)
    from heapq import heappop, heappush

# --------------------------------------------------------------------------
# 1. Nodes
# --------------------------------------------------------------------------

# Every node gets the next number.  Among the nodes that are ready, the
# backward pass runs the most recently created one first, as PyTorch does,
# so the order a student steps through is the order PyTorch uses.
_sequence = itertools.count()


class _Anomaly:
    """Anomaly mode (``torch.autograd.detect_anomaly``; ``anomaly_mode.py`` switches it): global, as PyTorch's."""

    enabled = False
    check_nan = True


anomaly = _Anomaly()
_forward_stacks: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # node -> the forward call's stack
LEAF_SEQUENCE = 1 << 62  # leaves are numbered above every operation
_metadata: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # node -> its .metadata, once read


class Node:
    """One recorded operation: PyTorch's ``grad_fn``.

    A node knows its operation (the op table's entry with its derivative
    rules), what those rules need (``saved``), and where the gradient goes
    next (``next_functions``: one ``(node, 0)`` pair per input that can take
    a gradient, ``(None, 0)`` where this one needs none, e.g. a constant;
    masks and indices have no entry).  Each op has its own subclass, named as
    PyTorch names it (``MulBackward0``), so ``type(y.grad_fn)`` reads as it
    does in PyTorch.

    After a backward pass, ``grad`` is the gradient that flowed into this
    node's output and ``input_grads`` what it sent to each input; ``value``
    is the value the operation produced.  The graph pictures show these,
    ``constants`` (the values of the inputs that take no gradient) and
    ``scope`` (the modules whose ``forward`` made the node, see ``scope.py``).
    """

    __slots__ = (
        "op",
        "next_functions",
        "saved",
        "saved_versions",
        "input_shapes",
        "params",
        "value",
        "sequence_nr",
        "grad",
        "input_grads",
        "saved_freed",
        "retained",
        "constants",
        "scope",
        "hooks",
        "__weakref__",
    )

    def __init__(
        self,
        op: Any,
        next_functions: tuple,
        input_shapes: tuple,
        saved: dict | None,
        saved_versions: tuple,
        params: dict,
        value: np.ndarray | None,
    ) -> None:
        self.op = op
        self.next_functions = next_functions
        self.input_shapes = input_shapes
        self.saved = saved
        self.saved_versions = saved_versions
        self.params = params
        self.value = value
        self.sequence_nr = next(_sequence)
        self.grad: np.ndarray | None = None
        self.input_grads: tuple | None = None
        self.saved_freed = False
        self.retained: weakref.ref | None = None  # the tensor whose retain_grad() reads this node
        self.constants: tuple | None = None  # per entry of next_functions; pictures only
        self.scope = _scopes.stack  # the modules whose forward made this node (pictures only)
        self.hooks: Hooks | None = None  # register_hook / register_prehook, and the tensor's own hooks
        if anomaly.enabled:
            _forward_stacks[self] = _forward_stack()

    def name(self) -> str:
        """The node's PyTorch name, e.g. ``'MulBackward0'``."""
        return type(self).__name__

    @property
    def metadata(self) -> dict:
        """A dict for notes of the user's own on this node, kept as long as the node: PyTorch's.

        Examples
        --------
        >>> import autograd_lab as torch
        >>> y = torch.tensor([1.0], requires_grad=True) * 2
        >>> y.grad_fn.metadata["step"] = 1
        >>> y.grad_fn.metadata
        {'step': 1}
        """
        return _metadata.setdefault(self, {})  # (kept apart: no node pays for a dict it never uses)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} object at {id(self):#x}>"

    def register_hook(self, hook: Callable[[tuple, tuple], tuple | None]) -> RemovableHandle:
        """Call ``hook(grad_inputs, grad_outputs)`` after this node runs; it may return new ``grad_inputs``.

        Examples
        --------
        >>> import autograd_lab as torch
        >>> x = torch.tensor([1.0], requires_grad=True)
        >>> y = x * 3
        >>> handle = y.grad_fn.register_hook(lambda grad_inputs, grad_outputs: print(grad_inputs[0]))
        >>> y.backward()
        tensor([3.])
        """
        return _hooks_of(self).add("post", hook)

    def register_prehook(self, hook: Callable[[tuple], tuple | None]) -> RemovableHandle:
        """Call ``hook(grad_outputs)`` before this node runs; it may return new ``grad_outputs``.

        Examples
        --------
        >>> import autograd_lab as torch
        >>> x = torch.tensor([1.0], requires_grad=True)
        >>> y = x * 3
        >>> handle = y.grad_fn.register_prehook(lambda grad_outputs: (grad_outputs[0] * 10,))
        >>> y.backward()
        >>> x.grad
        tensor([30.])
        """
        return _hooks_of(self).add("pre", hook)

    # PyTorch's names for what a node saved (grad_fn._saved_self, _saved_other, _saved_result ...)
    # are properties the op table gives each op's node class (see saved_attribute), not a
    # __getattr__ here: with one, Python reads every attribute of every node the slow way.

    def __dir__(self) -> list[str]:
        """The attributes, with only the ``_saved_*`` names this node has (tools such as torchviz list them)."""
        return [
            name
            for name in super().__dir__()
            if not name.startswith("_saved_") or _shows_saved(self, name[7:])
        ]

    def _free_saved(self) -> None:
        """Drop the saved values (``backward()`` without ``retain_graph``): a second pass then fails."""
        if self.saved:
            self.saved = None
            self.saved_freed = True
            if self.hooks is not None:  # what saved-tensor hooks packed goes too (a temporary file ...)
                _lent.free_packed(self)

    def _check_saved(self) -> dict:
        """The saved values, after checking they are still there and unchanged."""
        saved = self.saved
        if saved is None:
            if self.saved_freed:
                raise errors.backward_twice()
            return {}
        for name, version in self.saved_versions:
            tensor = saved[name]
            if tensor._version_counter.value != version:
                # A saved output is named after this node (PyTorch keeps its
                # producer); a saved input after its grad_fn as it is now.
                producer = tensor.grad_fn
                if name == "out":
                    # after an in-place op on a view: that view's node, while it lives
                    producer = (saved["out_producer"]() if "out_producer" in saved else None) or self
                description = _describe_saved(tensor, producer)
                raise errors.modified_by_inplace(
                    description, tensor._version_counter.value, version, anomaly.enabled
                )
        return saved

    def _backward(self, grad: Any, arrays: bool, useful: set | None, destination: Any) -> tuple:
        """The chain rule at this node: each input's gradient, from the op's rules.

        ``arrays``: gradients are NumPy arrays (else recorded tensors);
        ``useful``: the nodes this pass needs (None: all).  Each op's node
        class runs these same steps written out for its own rules
        (``ops._core.compile_backward``); this one serves the rest.
        """
        saved = self.saved
        if saved is None:
            saved = self._check_saved()  # raises if backward() already freed them
        else:
            # (_check_saved's check, inlined: it runs on every node)
            for name, version in self.saved_versions:
                if saved[name]._version_counter.value != version:
                    saved = self._check_saved()  # raises PyTorch's error
        input_grad = self.op.input_grad
        shapes = self.input_shapes
        grads = []
        # (enumerate and an index, not zip(..., strict=True): this loop runs for every
        # node, and a strict zip costs three times as much to set up)
        for index, (child, _) in enumerate(self.next_functions):
            if child is None or (useful is not None and child not in useful):
                grads.append(None)
                continue
            g = input_grad(index, grad, self, saved, arrays)
            if g is grad and arrays:
                # Passed on unchanged (add): other edges, and the record, get the
                # same array, so hand on a view (.grad keeps only unshared arrays).
                g = grad.view()
            if g is not None and g.shape != shapes[index]:  # None: a custom Function's "no gradient"
                g = _lent.sum_to_size(g, shapes[index])  # undo broadcasting: the one place it happens
            grads.append(g)
        grads = tuple(grads)
        self.input_grads = grads if arrays else tuple(None if g is None else g._array for g in grads)
        return grads


def saved_attribute(name: str) -> property:
    """The property ``node._saved_<name>`` (the op table adds one per name an op can save)."""
    return property(lambda node: _saved_value(node, name), doc=f"What the node saved as {name!r}.")


def raw_saved_attribute(name: str) -> property:
    """The property ``node._raw_saved_<name>``: the saved tensor as an object to hook (pack/unpack)."""
    return property(lambda node: _raw_saved_value(node, name), doc=f"The saved {name!r}, to set hooks on.")


def _saved_value(node: Node, name: str) -> Any:
    """``node._saved_<name>``: an input (``self``, ``other``, ``mat2``), the ``result``, or a parameter."""
    rule_name = node.op.saved_rule_names.get(name, name)
    if rule_name in node.op.input_names or rule_name == "out":
        hooked = _lent.hooked_saved_value(node, rule_name)
        if hooked is not None:
            return hooked
        saved = node._check_saved()
        if rule_name not in saved:
            if rule_name != "out" and any(need == rule_name for need, _ in node.op._all_needs):
                # An input a rule could need, unsaved because no input of this node takes that
                # rule's gradient: PyTorch's property gives None (its saved result is always there).
                return None
            raise AttributeError(f"'{type(node).__name__}' object has no attribute '_saved_{name}'")
        value = saved[rule_name]
        return _lent.output_of(node, value) if rule_name == "out" else value
    if node.params and rule_name in node.params:
        return node.params[rule_name]
    raise AttributeError(f"'{type(node).__name__}' object has no attribute '_saved_{name}'")


def _shows_saved(node: Node, name: str) -> bool:
    """Whether ``dir(node)`` lists ``_saved_<name>``: PyTorch's name for something this node keeps.

    The rules' own names (``a``, ``out``) are left out where PyTorch's (``self``, ``result``) stand
    for them, and so are the names of what the node did not keep.  Nothing is unpacked to decide.
    """
    op = node.op
    rule_name = op.saved_rule_names.get(name, name)
    if rule_name == name and (name == "out" or name in op.saved_rule_names.values()):
        return False  # (an alias: PyTorch's name for it is listed instead)
    if rule_name in op.input_names or rule_name == "out":  # (one a rule reads: None if no gradient needed it)
        return any(need == rule_name for need, _ in op._all_needs) and (
            node.saved is not None or node.saved_freed
        )
    return bool(node.params) and rule_name in node.params


def _raw_saved_value(node: Node, name: str) -> Any:
    """``node._raw_saved_<name>``: the saved tensor as an object to set pack/unpack hooks on."""
    rule_name = node.op.saved_rule_names.get(name, name)
    saved = node.saved
    if (saved is None and not node.saved_freed) or (saved is not None and rule_name not in saved):
        raise AttributeError(f"'{type(node).__name__}' object has no attribute '_raw_saved_{name}'")
    return _lent.saved_tensor(node, rule_name)


def _describe_saved(tensor: Tensor, producer: Node | None) -> str:
    # PyTorch's wording: "[torch.FloatTensor [2]], which is output 0 of Add,"
    shape = ", ".join(str(n) for n in tensor._array.shape)
    text = f"[{tensor.dtype.legacy_type} [{shape}]]"
    if producer is not None:
        text += f", which is output 0 of {errors.short_node_name(producer.name())},"
    return text


class AccumulateGrad:
    """The node at a leaf: it adds the gradient that arrives into ``.grad``."""

    __slots__ = ("variable", "grad", "sequence_nr", "__weakref__")
    next_functions = ()
    op = None
    retained = None
    saved_freed = False
    input_grads = None
    value = None  # (its gradient is cast to the leaf's dtype where it is stored)

    def __init__(self, variable: Tensor) -> None:
        self.variable = variable
        self.grad: np.ndarray | None = None
        # Numbers above every op's, in creation order (the pictures number
        # leaves by it); in the backward pass's queue all leaves tie.
        self.sequence_nr = LEAF_SEQUENCE + next(_sequence)

    def name(self) -> str:
        return "torch::autograd::AccumulateGrad"  # PyTorch's name, C++ namespace and all

    @property
    def hooks(self) -> Hooks | None:
        """A leaf's hooks live on the leaf (its node is made again when needed)."""
        return self.variable._backward_hooks

    register_hook = Node.register_hook
    register_prehook = Node.register_prehook
    metadata = Node.metadata

    def __lt__(self, other: object) -> bool:
        return False  # ready leaves tie in the backward pass's queue (see _priority)

    def __repr__(self) -> str:
        return f"<AccumulateGrad object at {id(self):#x}>"

    def _free_saved(self) -> None:
        pass  # a leaf's node saves nothing

    def _backward(self, grad: Any, arrays: bool, useful: set | None, destination: Any) -> tuple:
        """A leaf's step: its gradient goes where this pass sends gradients."""
        destination.store_leaf(self, grad)
        return ()


AccumulateGrad.__module__ = "builtins"  # type(node) prints <class 'AccumulateGrad'>, as in PyTorch


def accumulator_of(leaf: Tensor) -> AccumulateGrad:
    """The one AccumulateGrad node of a leaf, made on first use (the leaf holds it weakly, as PyTorch does)."""
    ref = leaf._accumulator
    node = ref() if ref is not None else None
    if node is None:
        node = AccumulateGrad(leaf)
        leaf._accumulator = weakref.ref(node)
    return node


def gradient_edge(tensor: Tensor) -> Node | AccumulateGrad | None:
    """Where a gradient for ``tensor`` goes: its grad_fn, its leaf node, or nowhere."""
    grad_fn = tensor._grad_fn if tensor._view is None else tensor.grad_fn  # a view's may be made again
    if grad_fn is not None:
        return grad_fn
    if tensor._requires_grad:
        return accumulator_of(tensor)
    return None


def _reference(table: dict) -> Callable[[], dict | None]:
    """A weak reference to a hook table (a plain dict, which cannot have one, is held)."""
    return weakref.ref(table) if type(table) is not dict else (lambda: table)


class RemovableHandle(metaclass=PyTorchName, torch_module="torch.utils.hooks"):
    """What ``register_hook`` and the modules' and optimizers' ``register_*_hook`` return:
    ``handle.remove()`` takes the hook away again.  One count of ids for all of them, as PyTorch's
    (``module._forward_hooks`` shows it: a tensor hook registered first makes a module's first hook id 1)."""

    _next_id = itertools.count()
    __repr__ = object_repr

    def __init__(self, table: dict, *, extra_dict: dict | list[dict] | None = None) -> None:
        self.hooks_dict_ref = _reference(table)
        self.id = next(RemovableHandle._next_id)
        # tables that also hold this id: a module hook's with_kwargs and always_call marks
        extra = [] if extra_dict is None else [extra_dict] if isinstance(extra_dict, dict) else extra_dict
        self.extra_dict_ref = tuple(_reference(d) for d in extra)

    def remove(self) -> None:
        """Unregister the hook."""
        for reference in (self.hooks_dict_ref, *self.extra_dict_ref):
            table = reference()
            if table is not None:
                table.pop(self.id, None)

    def __enter__(self) -> RemovableHandle:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.remove()


class Hooks:
    """A node's hooks: the tensor's (``Tensor.register_hook``), then pre-hooks, then post-hooks."""

    __slots__ = ("tensor", "pre", "post", "accumulated")

    def __init__(self) -> None:
        self.tensor: dict = {}  # hook(grad) -> new grad or None
        self.pre: dict = {}  # hook(grad_outputs) -> new grad_outputs or None
        self.post: dict = {}  # hook(grad_inputs, grad_outputs) -> new grad_inputs or None
        self.accumulated: dict = {}  # a leaf's hook(leaf) after .grad is updated -> None

    def add(self, kind: str, hook: Callable) -> RemovableHandle:
        user_code_in_backward()
        table = getattr(self, kind)
        handle = RemovableHandle(table)
        table[handle.id] = hook
        return handle

    def on_arrival(self, grad: Any, arrays: bool) -> Any:
        """The tensor's hooks, in order: each may replace the gradient."""
        for hook in tuple(self.tensor.values()):
            grad = _replaced(grad, hook(_as_tensor(grad, arrays)), arrays, hook)
        return grad

    def before(self, grad: Any, arrays: bool) -> Any:
        for hook in tuple(self.pre.values()):
            result = hook((_as_tensor(grad, arrays),))
            if result is not None:
                grad = _replaced(grad, result[0], arrays, hook)
        return grad

    def after(self, input_grads: tuple, grad: Any, arrays: bool) -> tuple:
        for hook in tuple(self.post.values()):
            result = hook(tuple(_as_tensor(g, arrays) for g in input_grads), (_as_tensor(grad, arrays),))
            if result is not None:
                pairs = zip(input_grads, result, strict=True)
                input_grads = tuple(_replaced(g, r, arrays, hook) for g, r in pairs)
        return input_grads


_user_code_in_backward = False  # a hook or a custom Function's backward exists (see run_backward)


def user_code_in_backward() -> None:
    """Called when the first hook or custom Function is made: from then on, every backward pass
    stores each leaf's gradient when it is complete and sends leaves through the queue in
    PyTorch's order, as code a user wrote may look at the order, or change a gradient in place."""
    global _user_code_in_backward
    _user_code_in_backward = True


def _hooks_of(node: Any) -> Hooks:
    if type(node) is AccumulateGrad:
        leaf = node.variable
        if leaf._backward_hooks is None:
            leaf._backward_hooks = Hooks()
        return leaf._backward_hooks
    if node.hooks is None:
        node.hooks = Hooks()
    return node.hooks


def register_tensor_hook(tensor: Tensor, hook: Callable[[Tensor], Tensor | None]) -> RemovableHandle:
    """``tensor.register_hook(hook)``: ``hook(grad)`` sees (and may replace) the gradient of ``tensor``."""
    if not tensor.requires_grad:
        raise errors.hook_no_grad()
    return _hooks_of(gradient_edge(tensor)).add("tensor", hook)


def register_post_accumulate_grad_hook(leaf: Tensor, hook: Callable[[Tensor], None]) -> RemovableHandle:
    """``leaf.register_post_accumulate_grad_hook(hook)``: ``hook(leaf)`` after backward() updates ``leaf.grad``."""
    if not leaf.requires_grad:
        raise errors.hook_no_grad()
    if leaf.grad_fn is not None:
        raise errors.post_accumulate_hook_non_leaf()
    return _hooks_of(accumulator_of(leaf)).add("accumulated", hook)


def _after_accumulating(leaf: Tensor, hooks: Hooks) -> None:
    """A leaf's post-accumulate-grad hooks, in order, once its ``.grad`` holds the new sum."""
    for hook in tuple(hooks.accumulated.values()):
        result = hook(leaf)
        if result is None or result is leaf:  # (the leaf itself, as p.add_(...) returns, counts as nothing)
            continue
        if isinstance(result, Tensor):
            raise errors.post_accumulate_hook_result()
        if result is not None:
            raise errors.hook_result_type(type(result).__name__)


def _as_tensor(grad: Any, arrays: bool) -> Any:
    return Tensor._wrap(grad) if arrays and grad is not None else grad


def _replaced(grad: Any, new: Any, arrays: bool, hook: Callable) -> Any:
    """What a hook returned, in place of ``grad``: None keeps it; a tensor must keep its shape."""
    if new is None:
        return grad
    if not isinstance(new, Tensor):
        raise errors.hook_result_type(type(new).__name__)
    if grad is not None and new._array.shape != grad.shape:
        raise errors.hook_changed_size(getattr(hook, "__name__", repr(hook)))
    was = new._array.dtype if grad is None else grad.dtype if arrays else grad._array.dtype
    if new._array.dtype != was:  # (PyTorch checks the hook kept the dtype too)
        said = (from_numpy_dtype(d).legacy_type for d in (was, new._array.dtype))
        raise messages.error(
            "hook_changed_type", name=getattr(hook, "__name__", repr(hook)), was=next(said), got=next(said)
        )
    return np.array(new._array) if arrays else new


class _Lent:
    """The ops the engine borrows from the op table (registered by ``autograd_lab.ops``)."""

    sum_to_size: Callable[[Any, tuple], Any]
    clone: Callable[[Tensor], Tensor]
    copy_like: Callable[[Tensor, Tensor], Tensor]  # torch.empty_like(a).copy_(b)
    output_of: Callable[[Node, Tensor], Tensor]
    # lent by autograd.saved (hooks on saved tensors): the SavedTensor class, a hooked value unpacked or None
    saved_tensor: Callable[[Node, str], Any]
    hooked_saved_value: Callable[[Node, str], Tensor | None]
    free_packed: Callable[[Node], None]
    # lent by autograd.gradient_edges when first used: GradientEdge, taken for a tensor in inputs=
    gradient_edge_type: type | tuple = ()  # (isinstance(x, ()) is False: no edge exists before)


_lent = _Lent()


def is_gradient_edge(value: Any) -> bool:
    """Whether ``value`` is an ``autograd.graph.GradientEdge`` (``inputs=`` takes one for a tensor)."""
    return isinstance(value, _lent.gradient_edge_type)


def lend(**ops: Callable) -> None:
    """Called once by ``autograd_lab.ops``: the ops the engine needs."""
    for name, op in ops.items():
        setattr(_lent, name, op)


# --------------------------------------------------------------------------
# 2. The backward pass
# --------------------------------------------------------------------------


def run_backward(
    roots: list,
    root_grads: list,  # arrays, or tensors for create_graph (see roots_and_grads)
    destination: IntoGrad | Capture,
    *,
    retain_graph: bool,
    create_graph: bool,
) -> None:
    """The engine: send gradients from ``roots`` back through the graph."""
    _numpy_warnings.still_first()  # (the rules' NumPy warnings stay ignored, as PyTorch gives none)
    arrays = not create_graph
    tracer = _tracing.tracer
    plain = destination is _EVERY_LEAF  # plain backward(): every node reached runs (see IntoGrad.reached)
    root = roots[0]
    # In a plain backward() from one output, when no code of the user's runs in it (no
    # tracer, hook or custom Function), nothing needs counting: every node is newer than
    # its inputs' nodes (it was recorded after them), so when the newest waiting node comes
    # off the queue, all the nodes that send it a gradient have run and its gradient is
    # complete.  The leaves' gradients are stored at the end.  Otherwise each node waits
    # until the count of edges still to bring it a gradient is 0, as in PyTorch.
    by_age = (
        plain
        and tracer is None
        and not _user_code_in_backward
        and len(roots) == 1
        and type(root) is not AccumulateGrad
    )
    if by_age:
        dependencies, useful = {}, None
    else:  # useful: None, or what leads to the wanted nodes
        dependencies, useful = _count_dependencies(roots, destination.wanted)
        outer_task = _running.task  # (a hook may run a pass of its own: restored at the end)
        _running.task = GraphTask(roots, dependencies, useful, destination)
    pending: dict = {}  # the gradient waiting at each node: the chain rule's sum over paths
    owned: dict = {}  # sums this pass made, which it may add into in place (see _summed)
    for index, node in enumerate(roots):  # (one gradient per root: roots_and_grads made them)
        grad = root_grads[index]
        pending[node] = pending[node] + grad if node in pending else grad
    if len(roots) == 1 and type(root) is not AccumulateGrad:  # (_first_ready's usual case, inlined)
        ready = [] if root in dependencies else [(-root.sequence_nr, root)]
    else:
        ready = _first_ready(roots, dependencies, useful)  # a heap: leaves, then the newest node
    # A leaf's node would come off the heap next anyway (leaves come first), so
    # when nobody watches the order, its gradient is stored at once.
    leaves_at_once = tracer is None and destination.stores_leaves and not _user_code_in_backward
    recording = _grad_mode.enabled
    _grad_mode.enabled = create_graph  # the rules record a graph only for create_graph
    try:
        while ready:
            node = heappop(ready)[1]
            grad = pending.pop(node, None)  # (gradients are never None in `pending`)
            if owned:  # (a sum this pass made is the node's own from now on: not added into any more)
                owned.pop(id(grad), None)
            if type(grad) is PlacedGrad:
                grad = grad.whole()  # (the one gradient that came: the rules get whole arrays)
            if grad is not None:
                if type(grad) is np.ndarray and node.hooks is None:
                    # (_arrived, inlined: its usual case, on every node)
                    value = node.value
                    if (
                        value is None and type(node) is AccumulateGrad
                    ):  # (a leaf's gradient: in its own dtype)
                        value = node.variable._array
                    if value is not None and grad.dtype is not value.dtype:  # (rare: see _as_output_dtype)
                        grad = _as_output_dtype(grad, value.dtype)
                    node.grad = grad
                else:
                    grad = _arrived(node, grad, arrays)
                # (a plain backward() runs every node it reaches; reached() stores a retained .grad)
                looked_at = not plain or node.retained is not None
                if looked_at and not destination.reached(node, grad, dependencies):
                    continue  # captured, or nothing wanted lies beyond it: not run, as in PyTorch
                # The chain rule (a leaf: into .grad), between the node's hooks if it has any.
                if node.hooks is None and not anomaly.enabled:
                    input_grads = node._backward(grad, arrays, useful, destination)
                else:
                    input_grads = _backward_with_hooks(node, grad, arrays, useful, destination)
                if tracer is not None:
                    sent = tuple(made_whole(g) for g in node.input_grads or ())
                    tracer({"node": node, "grad": node.grad, "input_grads": sent})
                if not retain_graph:
                    node._free_saved()
            else:
                # Only None arrived (a custom Function may return None for an
                # input): nothing to compute, but the edges still count as run.
                input_grads = (None,) * len(node.next_functions)
            if by_age:
                for index, (child, _) in enumerate(node.next_functions):  # (see Node._backward)
                    child_grad = input_grads[index]
                    if child_grad is None:
                        continue
                    earlier = pending.get(child)
                    if earlier is not None:
                        pending[child] = _summed(earlier, child_grad, owned)
                        continue
                    pending[child] = child_grad
                    if type(child) is not AccumulateGrad:
                        heappush(ready, (-child.sequence_nr, child))  # newest first
                continue
            for index, (child, _) in enumerate(node.next_functions):
                child_grad = input_grads[index]
                if child_grad is not None:
                    earlier = pending.get(child)
                    pending[child] = child_grad if earlier is None else _summed(earlier, child_grad, owned)
                elif child not in dependencies:
                    continue  # no input there, or one this pass does not need
                left = dependencies[child] - 1
                dependencies[child] = left
                if left:
                    continue
                if type(child) is not AccumulateGrad:
                    heappush(ready, (-child.sequence_nr, child))  # newest first
                elif not leaves_at_once:
                    heappush(ready, (_LEAF_PRIORITY, child))
                else:
                    grad = pending.pop(child, None)
                    if owned:
                        owned.pop(id(grad), None)
                    if grad is None:
                        continue
                    if type(grad) is PlacedGrad:
                        grad = grad.whole()
                    grad = _arrived(child, grad, arrays)
                    if plain:
                        accumulate(child.variable, grad, False)  # (IntoGrad.store_leaf's plain case)
                    else:
                        destination.store_leaf(child, grad)
        if by_age:  # what is left waiting is the leaves' gradients
            for leaf, grad in pending.items():
                variable = leaf.variable
                if type(grad) is np.ndarray and variable._backward_hooks is None:
                    leaf.grad = grad  # (_arrived's usual case, inlined: a leaf's node casts nothing)
                else:
                    grad = _arrived(leaf, made_whole(grad), arrays)
                accumulate(variable, grad, False)
    except ValueError as error:  # (w.data = torch.zeros(3) between forward and backward: PyTorch's words)
        translated = errors.from_numpy_broadcast(str(error))
        if translated is None:
            raise
        raise translated from None
    finally:
        _grad_mode.enabled = recording
        if not by_age:
            _running.task = outer_task


class PlacedGrad:
    """A gradient that is zero but at ``key``, where it is ``part``: what a select's or a slice's backward
    sends its input (``x[t]``, ``x.unbind()``, ``x.split()``, the steps of an RNN).

    The zeros are not made: where the engine adds several of these into one sum, it adds each
    ``part`` alone, in place, so a sequence cut into T steps costs T parts, not T whole arrays (T²
    work; PyTorch's unbind stacks its T gradients once).  Anything else gets the whole array
    (:meth:`whole`; NumPy reads one through ``__array__``).
    """

    __slots__ = ("part", "shape", "key")

    def __init__(self, part: np.ndarray, shape: tuple, key: Any) -> None:
        self.part, self.shape, self.key = part, shape, key

    @property
    def dtype(self) -> np.dtype:
        return self.part.dtype

    def whole(self) -> np.ndarray:
        """Zeros of the input's shape, with the part at its place."""
        out = np.zeros(self.shape, dtype=self.part.dtype)
        out[self.key] = self.part
        return out

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        return self.whole() if dtype is None else self.whole().astype(dtype)


def made_whole(grad: Any) -> Any:
    """A gradient as the rules and the user's hooks take it: a :class:`PlacedGrad` made whole."""
    return grad.whole() if type(grad) is PlacedGrad else grad


def _summed(earlier: Any, grad: Any, owned: dict) -> Any:
    """``earlier + grad``, the chain rule's sum at a node, in PyTorch's order of adding.

    A sum this pass made (``owned``) is added into in place, as PyTorch's InputBuffer does: the 35
    weight gradients an LSTM's 35 steps send its recurrent weights make one array, not 35 (the same
    additions in the same order, so the same numbers).

    A :class:`PlacedGrad` is added into a sum of this pass's own, in place, its part alone: every
    element gets the same additions in the same order as with the whole zeros (adding a zero to −0
    gives +0: ``+ 0.0`` does that once, when a sum becomes this pass's own).
    """
    placed, placed_before = type(grad) is PlacedGrad, type(earlier) is PlacedGrad
    if not (placed or placed_before):
        # a sum of this pass's own, and a gradient of its shape and dtype: added into in place (InputBuffer)
        if owned.get(id(earlier)) is earlier and type(grad) is np.ndarray and grad.shape == earlier.shape:
            if grad.dtype == earlier.dtype:
                earlier += grad
                return earlier
        total = earlier + grad
        if type(total) is np.ndarray:
            owned[id(total)] = total
        return total
    if placed and placed_before or (placed and owned.get(id(earlier)) is not earlier):
        # a sum of this pass's own: zeros + the earlier part, or the earlier array + 0.0
        start = np.zeros(earlier.shape, earlier.dtype) if placed_before else earlier + earlier.dtype.type(0)
        if placed_before:
            start[earlier.key] += earlier.part
        earlier = start
        owned[id(earlier)] = earlier
    elif placed_before:  # a whole gradient after a placed one: one new sum
        earlier, grad = grad + grad.dtype.type(0), earlier
        owned[id(earlier)] = earlier
    if earlier.dtype != grad.dtype or np.shape(earlier) != grad.shape:
        return earlier + made_whole(grad)  # (NumPy's type promotion, as with whole arrays)
    earlier[grad.key] += grad.part
    return earlier


class GraphTask:
    """The backward pass a thread is running, as the code of its hooks sees it (PyTorch's graph task).

    Made for every pass but the plain ``backward()`` nobody watches (``by_age``
    in :func:`run_backward`: no hook, custom Function or tracer can see it);
    ``register_multi_grad_hook`` asks it which nodes the pass runs.
    """

    __slots__ = ("id", "roots", "dependencies", "useful", "destination")
    _next_id = itertools.count()

    def __init__(self, roots: list, dependencies: dict, useful: set | None, destination: Any) -> None:
        self.id = next(GraphTask._next_id)
        self.roots = roots
        self.dependencies = dependencies  # every node reached but the roots (see _count_dependencies)
        self.useful = useful  # None: every node reached runs; else only these
        self.destination = destination


class _Running(thread_local):
    task: GraphTask | None = None  # the pass this thread is running, when it has user code


_running = _Running()


def current_graph_task() -> GraphTask | None:
    """The backward pass this thread is running (None outside one, or in one without user code)."""
    return _running.task


def _dtype_of(grad: Any) -> np.dtype:
    """The dtype of a gradient: an array, a NumPy scalar, or a tensor (create_graph)."""
    return grad._array.dtype if isinstance(grad, Tensor) else grad.dtype


def _as_output_dtype(grad: Any, dtype: np.dtype) -> Any:
    """A node's gradient in the dtype of the node's output, as PyTorch's engine casts it.

    A rule may give another (a float32 gradient times an int32 input is float64 in NumPy); the
    next node's rules expect their own output's dtype.
    """
    found = _dtype_of(grad)
    if found == dtype or dtype.kind not in "fc":  # (an integer or bool gradient of a float output: cast too)
        return grad
    if type(grad) is np.ndarray:
        return grad.astype(dtype)
    if isinstance(grad, Tensor):
        return grad.to(from_numpy_dtype(dtype))
    return np.asarray(grad, dtype=dtype)


def _arrived(node: Node | AccumulateGrad, grad: Any, arrays: bool) -> Any:
    """The total gradient at ``node``, after the tensor's hooks; also recorded on it for the pictures."""
    if arrays and type(grad) is not np.ndarray:
        grad = np.asanyarray(grad)  # NumPy returns scalars for 0-d results ("any": meta arrays stay)
    value = (
        node.value if type(node) is not AccumulateGrad else node.variable._array
    )  # (a leaf: its own dtype)
    if value is not None and _dtype_of(grad) is not value.dtype:
        grad = _as_output_dtype(grad, value.dtype)
    hooks = node.hooks
    if hooks is not None and hooks.tensor:
        grad = hooks.on_arrival(grad, arrays)
    node.grad = grad if arrays else grad._array
    return grad


def _backward_with_hooks(node: Any, grad: Any, arrays: bool, useful: set | None, destination: Any) -> tuple:
    """A node's step with its pre-hooks before it and its post-hooks after it, as PyTorch runs them.

    In anomaly mode its outputs are checked for NaN, and an error in the step
    is told with the forward call that made the node.
    """
    hooks = node.hooks
    try:
        if hooks is not None:
            grad = hooks.before(grad, arrays)
        input_grads = tuple(made_whole(g) for g in node._backward(grad, arrays, useful, destination))
        if hooks is not None and hooks.post:
            input_grads = hooks.after(input_grads, grad, arrays)
        if anomaly.enabled and anomaly.check_nan:
            _check_nan(node, input_grads)
    except Exception:
        if anomaly.enabled:
            _warn_forward_stack(node)
        raise
    return input_grads


def _forward_stack() -> list[str]:
    """The user's part of the call stack now (frames inside autograd_lab left out, as PyTorch's C++ is)."""
    import traceback  # (anomaly mode only: not paid on import)

    inside = __file__.rsplit("autograd", 1)[0]  # the package's folder
    return [line for line in traceback.format_stack() if not line.lstrip().startswith(f'File "{inside}')]


def _check_nan(node: Any, input_grads: tuple) -> None:
    for index, grad in enumerate(input_grads):
        values = grad._array if isinstance(grad, Tensor) else grad
        if values is not None and np.isnan(values).any():
            raise errors.anomaly_nan(type(node).__name__, index)


def _warn_forward_stack(node: Any) -> None:
    """PyTorch's warning in anomaly mode when a node's backward fails: where the node was made."""
    import warnings

    stack = _forward_stacks.get(node)
    name = type(node).__name__
    if stack is None:
        warnings.warn(errors.anomaly_no_stack_text(name), UserWarning, stacklevel=4)
    else:
        warnings.warn(errors.anomaly_stack_text(name, "".join(stack)), UserWarning, stacklevel=4)


def _priority(node: Node | AccumulateGrad) -> int:
    """A node's place in the ready queue (smallest first): leaves, then the newest operation.

    All leaves share one priority, as in PyTorch, so among ready leaves the
    heap's own order decides (AccumulateGrad's ``<`` is always False, a tie;
    heapq breaks ties as C++'s priority_queue does).
    """
    return _LEAF_PRIORITY if type(node) is AccumulateGrad else -node.sequence_nr


_LEAF_PRIORITY = -(1 << 64)


def _first_ready(roots: list, dependencies: dict, useful: set | None) -> list:
    """The queue at the start: each root that no other root's graph leads to.

    PyTorch pushes a root once its last mention has been seen, one by one, in
    order (not heapify).  Of several roots, one that leads to none of the
    wanted nodes is left out; a single root is always visited (its
    retain_grad() still sees the gradient), though not run.
    """
    if len(roots) == 1:  # backward() of one output: the usual case, and a short one
        return [] if roots[0] in dependencies else [(_priority(roots[0]), roots[0])]
    ready: list = []
    last_mention = {node: i for i, node in enumerate(roots)}
    for i, node in enumerate(roots):
        wanted_or_only = useful is None or node in useful or len(last_mention) == 1
        if last_mention[node] == i and node not in dependencies and wanted_or_only:
            heappush(ready, (_priority(node), node))
    return ready


def _count_dependencies(roots: list, wanted: dict | None) -> tuple[dict, set | None]:
    """Count, for each node, how many edges bring it a gradient.

    Iterative, so that a chain of 100,000 operations needs no recursion.
    With ``wanted`` (the nodes whose gradients autograd.grad returns, or
    backward's ``inputs``), also find the nodes that lead to one of them:
    only those need to run.
    """
    dependencies: dict = {}
    if wanted is None and len(roots) == 1:
        # One root (the usual backward()): no node can lead back to it, so a node
        # is new exactly when it has no count yet.
        stack = [roots[0]]
        while stack:
            for child, _ in stack.pop().next_functions:
                if child is None:
                    continue
                if child in dependencies:
                    dependencies[child] += 1
                else:
                    dependencies[child] = 1
                    stack.append(child)
        return dependencies, None
    parents: dict = {}  # child -> the nodes that send it a gradient (only with `wanted`)
    seen = set(roots)
    stack = list(seen)
    while stack:
        node = stack.pop()
        for child, _ in node.next_functions:
            if child is not None:
                dependencies[child] = dependencies.get(child, 0) + 1
                if wanted is not None:
                    parents.setdefault(child, []).append(node)
                if child not in seen:
                    seen.add(child)
                    stack.append(child)
    if wanted is None:
        return dependencies, None
    # Walk back up from the wanted nodes: whatever reaches them is useful.
    useful = {node for node in wanted if node in seen}
    stack = list(useful)
    while stack:
        for parent in parents.get(stack.pop(), ()):
            if parent not in useful:
                useful.add(parent)
                stack.append(parent)
    dependencies = {}
    for node in useful:
        for child, _ in node.next_functions:
            if child in useful:
                dependencies[child] = dependencies.get(child, 0) + 1
    return dependencies, useful


def _leads_on(node: Node, dependencies: dict) -> bool:
    """Whether any input of ``node`` is still wanted by this pass."""
    return any(child in dependencies for child, _ in node.next_functions)


# --------------------------------------------------------------------------
# 3. Where the gradients go
# --------------------------------------------------------------------------


class IntoGrad:
    """``backward()``: gradients are added into ``.grad`` of the leaves and of retained tensors.

    With ``inputs``, only into those tensors' ``.grad`` (keyed by the node
    their gradient arrives at), and only what leads to them runs.
    """

    stores_leaves = True

    def __init__(self, inputs: Sequence[Tensor] | None, create_graph: bool) -> None:
        self.create_graph = create_graph
        self.targets: dict | None = None
        if inputs is not None:
            self.targets = {}
            for t in inputs:
                if is_gradient_edge(t):
                    self.targets[t.node] = None  # a GradientEdge: the pass goes there; no tensor's .grad
                    continue
                if t._requires_grad:
                    self.targets[gradient_edge(t)] = t
                if t.grad_fn is not None:
                    t.retain_grad()  # as PyTorch does: a later backward() adds into it too

    @property
    def wanted(self) -> dict | None:
        return self.targets

    def reached(self, node: Node | AccumulateGrad, grad: Any, dependencies: dict) -> bool:
        """Store what is due at ``node``; say whether its rules (or a leaf's store) must run."""
        targets = self.targets
        if targets is None:  # plain backward(): every node runs
            if node.retained is not None:
                _store_retained(node, grad, None, self.create_graph)
            return True
        if type(node) is AccumulateGrad:
            return node in targets
        # A non-leaf's .grad (backward(inputs=[y]), retain_grad()) is stored
        # before the rules run, as PyTorch's hooks do, and only once.
        target = targets.get(node)
        if target is not None:
            accumulate(target, grad, self.create_graph)
        if node.retained is not None:
            _store_retained(node, grad, target, self.create_graph)
        return node in targets or _leads_on(node, dependencies)

    def store_leaf(self, node: AccumulateGrad, grad: Any) -> None:
        if self.targets is None or node in self.targets:
            accumulate(node.variable, grad, self.create_graph)


_EVERY_LEAF = IntoGrad(None, create_graph=False)
"""Where a plain ``backward()`` sends gradients (it keeps no state of its own, so one serves all)."""


class Capture:
    """``autograd.grad()``: the gradients arriving at chosen nodes are returned; no leaf's ``.grad`` changes."""

    stores_leaves = False

    def __init__(self, nodes: Sequence[Node | AccumulateGrad], create_graph: bool) -> None:
        self.create_graph = create_graph
        self.found: dict = dict.fromkeys(nodes)

    @property
    def wanted(self) -> dict:
        return self.found

    def reached(self, node: Node | AccumulateGrad, grad: Any, dependencies: dict) -> bool:
        if node in self.found:
            self.found[node] = grad
        if type(node) is AccumulateGrad:
            return False  # returned, not stored
        if node.retained is not None:
            _store_retained(node, grad, None, self.create_graph)
        return _leads_on(node, dependencies)

    def store_leaf(self, node: AccumulateGrad, grad: Any) -> None:  # pragma: no cover - never reached
        raise AssertionError("autograd.grad stores no .grad")


def _store_retained(node: Node, grad: Any, already: Tensor | None, create_graph: bool) -> None:
    """``retain_grad()``: the tensor whose node this is keeps the gradient in ``.grad``."""
    tensor = node.retained()
    if tensor is not None and tensor is not already:
        accumulate(tensor, grad, create_graph)


def accumulate(tensor: Tensor, grad: Any, create_graph: bool) -> None:
    """Add ``grad`` into ``tensor.grad``, as PyTorch does.

    A leaf's ``.grad`` is added into in place (it stays the same tensor); a
    non-leaf's (retain_grad, ``inputs=``) is replaced by the sum, and so is any
    ``.grad`` in a ``create_graph`` pass, where the sum is recorded.
    """
    current = tensor._grad
    if current is None:
        # The arriving array may also be another leaf's gradient, or recorded on
        # a node for the pictures, and x.grad.zero_() must change neither.
        if create_graph and grad.grad_fn is not None:
            # A copy that stays differentiable, as PyTorch's layout contract makes it: copied into a
            # tensor laid out as the leaf (CopyBackwards) where the leaf is dense, else a clone
            tensor._grad = _lent.copy_like(tensor, grad) if is_dense(tensor._array) else _lent.clone(grad)
        elif (
            type(grad) is np.ndarray
            and grad.base is None
            and grad.dtype == tensor._array.dtype
            and tensor._grad_fn is None  # a non-leaf's gradient also goes on to its node's rules
            and grad.strides
            == tensor._array.strides  # (PyTorch's layout contract: .grad is laid out as the leaf)
        ):
            # An array a rule computed for this edge alone (one passed on
            # unchanged, or the user's `gradient`, comes as a view): keep it
            # without a copy, as PyTorch does, copy-on-write.
            tensor._grad = Tensor._wrap(grad)
            tensor._grad._copy_on_write = True
        else:
            values = grad if not isinstance(grad, Tensor) else grad._array
            laid = np.empty_like(
                tensor._array, subok=True
            )  # the leaf's layout (channels_last ...), as PyTorch's
            laid[...] = values
            tensor._grad = Tensor._wrap(laid)
    elif create_graph or tensor._grad_fn is not None:
        tensor._grad = current + grad
    else:
        if current._copy_on_write:  # add into a new array: the old one is the graph's record
            current._array = np.add(current._array, grad, out=np.empty_like(current._array))
            current._copy_on_write = False
        else:
            current._array += grad
        current._version_counter.bump()  # an in-place change, as PyTorch counts it
    hooks = tensor._backward_hooks  # (a leaf's; a computed tensor's hooks live on its node)
    if hooks is not None and hooks.accumulated:
        _after_accumulating(tensor, hooks)


# --------------------------------------------------------------------------
# 4. backward(), and who watches it
# --------------------------------------------------------------------------


class _Tracing(thread_local):
    # Per thread, like grad mode: a step-through widget records only its own thread's pass.
    tracer: Callable[[dict], None] | None = None


_tracing = _Tracing()

# Called as listener(outputs) after every backward() (the Jupyter layer draws the graph from here).
_backward_listeners: list[Callable[[tuple], None]] = []


class trace_backward:
    """Record each step of the backward passes run inside the block, in execution order.

    Each step is a dict: ``node``, the gradient arriving there (``grad``),
    and what it sent to each input (``input_grads``).  Only passes run by
    this thread are recorded.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.autograd.graph import trace_backward
    >>> x = torch.tensor(3.0, requires_grad=True)
    >>> with trace_backward() as steps:
    ...     (x * x + x).backward()
    >>> [type(step["node"]).__name__ for step in steps]
    ['AddBackward0', 'MulBackward0', 'AccumulateGrad']
    """

    def __init__(self) -> None:
        self.steps: list[dict] = []

    def __enter__(self) -> list[dict]:
        self._previous = _tracing.tracer
        _tracing.tracer = self.steps.append
        return self.steps

    def __exit__(self, *exc_info: object) -> None:
        _tracing.tracer = self._previous


def add_backward_listener(listener: Callable[[tuple], None]) -> None:
    """Call ``listener(outputs)`` after each completed ``backward()``."""
    if listener not in _backward_listeners:
        _backward_listeners.append(listener)


def remove_backward_listener(listener: Callable[[tuple], None]) -> None:
    """Stop calling a listener added by :func:`add_backward_listener`."""
    if listener in _backward_listeners:
        _backward_listeners.remove(listener)


def backward(
    tensors: Tensor | Sequence[Tensor],
    grad_tensors: Tensor | Sequence[Tensor | None] | None = None,
    retain_graph: bool | None = None,
    create_graph: bool = False,
    inputs: Tensor | Sequence[Tensor] | None = None,
) -> None:
    """Accumulate into the leaves' ``.grad`` the gradients of ``tensors``.

    Parameters
    ----------
    tensors : Tensor or sequence of Tensor
        The outputs to differentiate.
    grad_tensors : Tensor or sequence, optional
        The weight of each output's elements (needed for outputs with more than one element).
    retain_graph : bool, optional
        Keep the values saved for backward so that it can run again; defaults to ``create_graph``.
    create_graph : bool
        Record the backward pass itself, for higher-order gradients.
    inputs : Tensor or sequence of Tensor, optional
        Accumulate only into these tensors' ``.grad``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> x = torch.tensor([1.0, 2.0], requires_grad=True)
    >>> torch.autograd.backward([(x * x).sum()])
    >>> x.grad
    tensor([2., 4.])
    """
    if _grad_mode.transforms:
        raise messages.error("backward_in_transform")
    tensors = (tensors,) if isinstance(tensors, Tensor) else tuple(tensors)
    roots, root_grads = roots_and_grads(tensors, grad_tensors, create_graph)
    if isinstance(inputs, Tensor) or is_gradient_edge(inputs):
        inputs = [inputs]
    if inputs is not None and not len(inputs):
        raise messages.error("backward_inputs_empty")
    if create_graph:
        messages.warn_once("backward_create_graph_cycle", stacklevel=None)
    run_backward(
        roots,
        root_grads,
        _EVERY_LEAF if inputs is None and not create_graph else IntoGrad(inputs, create_graph),
        retain_graph=create_graph if retain_graph is None else retain_graph,
        create_graph=create_graph,
    )
    for listener in tuple(_backward_listeners):
        listener(tensors)


def roots_and_grads(tensors: tuple, grad_tensors: Any, create_graph: bool) -> tuple[list, list]:
    """The nodes a pass starts from, and the gradient each starts with (1 for a scalar output).

    The gradients are NumPy arrays, as the pass sends them; tensors for ``create_graph``.
    """
    if grad_tensors is None:
        grad_tensors = (None,) * len(tensors)
    elif isinstance(grad_tensors, Tensor):
        grad_tensors = (grad_tensors,)
    else:
        grad_tensors = tuple(grad_tensors)[: len(tensors)]  # (PyTorch pairs them up and ignores the rest)
    if len(grad_tensors) != len(tensors):
        raise messages.error("grads_count", tensors=len(tensors), grads=len(grad_tensors))
    for grad in grad_tensors:
        if grad is not None and not isinstance(grad, Tensor):
            raise messages.error("grad_not_tensor", type_name=messages.type_name(grad))
    roots, grads = [], []
    for index, (tensor, grad) in enumerate(zip(tensors, grad_tensors, strict=True)):
        node = gradient_edge(tensor)
        if node is None:
            raise errors.no_grad_fn(index)
        if grad is None:
            if tensor._array.size != 1:
                raise errors.implicit_grad_non_scalar()
            grad = np.array(1, tensor._array.dtype)
            if tensor._array.ndim:
                grad = grad.reshape(tensor._array.shape)  # a one-element tensor of any shape
            if type(tensor._array) is MetaArray:
                grad = grad.view(MetaArray)  # (a meta root's gradient is a meta tensor too)
            if create_graph:
                grad = Tensor._wrap(grad)
        else:
            if not isinstance(grad, Tensor):
                grad = Tensor._wrap(np.asarray(grad, dtype=tensor._array.dtype))
            if grad._array.shape != tensor._array.shape:
                raise errors.grad_shape_mismatch(grad._array.shape, tensor._array.shape)
            if not create_graph:
                # Cut off from the graph, and a view: the user's memory, which
                # .grad must copy (it keeps without a copy only arrays the pass made).
                grad = grad._array.view()
        roots.append(node)
        grads.append(grad)
    return roots, grads
