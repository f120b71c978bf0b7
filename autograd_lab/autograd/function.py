"""``torch.autograd.Function``: an operation whose derivative you write yourself.

Subclass it with a ``forward(ctx, *inputs)`` and a ``backward(ctx, *grads)``,
and call ``YourFunction.apply(...)``.  Each subclass becomes one row like
those of the op table (not added to it): a variadic op whose single rule
calls your ``backward`` once per node and hands each tensor input its
share.  So the engine, the pictures and ``gradcheck`` treat it like any
other op, which is what lets ``gradcheck`` catch a wrong ``backward``.

What PyTorch checks, this module checks too, with PyTorch's messages: what
``backward`` returns (how many gradients, their types and shapes), what
``save_for_backward`` is given, saved tensors read after the graph was
freed or after an in-place change, and ``@once_differentiable``.

The node prints as PyTorch prints it (``<torch.autograd.function.MyFnBackward
object at 0x...>``), and like PyTorch's it reads what ``forward`` left on
``ctx`` (``y.grad_fn.saved_tensors``, ``y.grad_fn.apply(grad)``).

Several outputs: PyTorch gives them one node with one gradient slot per
output; this engine's nodes have one output each.  So with two or more
differentiable outputs, each output gets a small node of its own (of the
same class, so it prints the same) that hands its gradient to the
Function's node, which calls ``backward`` once with all of them.
"""

from __future__ import annotations

import contextlib
import functools
import warnings
import weakref
from collections.abc import Callable
from typing import Any

import numpy as np

from .. import messages
from .._classname import PyTorchName
from .._grad_mode import _grad_mode, is_grad_enabled, no_grad
from .._views import IN_CUSTOM_FUNCTION, MULTI_OUTPUT_NODE, rebase_history
from ..messages import errors
from ..ops._core import OpDef, _output_of, _record, _saved_output, apply, rule
from ..tensor import Tensor
from .engine import Node, user_code_in_backward

__all__ = ["Function", "FunctionCtx", "BackwardCFunction", "once_differentiable"]


class FunctionCtx:
    """What ``forward`` leaves for ``backward``.

    ``save_for_backward`` / ``saved_tensors``, ``needs_input_grad`` (one
    bool per input of ``forward``), ``mark_non_differentiable`` and
    ``set_materialize_grads``; any other attribute set in ``forward``
    (``ctx.scale = 2``) is there in ``backward``.
    """

    def __init__(self) -> None:
        self.to_save: tuple | None = ()
        self.needs_input_grad: tuple[bool, ...] = ()
        self.non_differentiable: tuple = ()
        self.dirty_tensors: tuple = ()
        self.materialize_grads = True
        self._node: weakref.ref | None = None  # the Function's node, once recorded
        self._saved_layout: tuple = ()  # per saved item: None, ("in", name) or ("out", name, output_nr)
        self._calls: _BackwardCalls | None = None

    def save_for_backward(self, *tensors: Tensor | None) -> None:
        """Keep tensors for ``backward``, which reads them back from ``saved_tensors``."""
        self.to_save = tensors

    def mark_non_differentiable(self, *tensors: Tensor) -> None:
        """Outputs that take no gradient (indices, masks): they come out with ``requires_grad=False``."""
        self.non_differentiable = tensors

    def set_materialize_grads(self, value: bool) -> None:
        """With ``False``, ``backward`` gets None (not zeros) for outputs that received no gradient."""
        self.materialize_grads = value

    def mark_dirty(self, *tensors: Tensor) -> None:
        """Inputs ``forward`` changed in place: returned, they become the outputs, with this node as history."""
        self.dirty_tensors = tensors

    @property
    def saved_tensors(self) -> tuple:
        """What ``save_for_backward`` kept, checked as PyTorch checks it.

        Raises PyTorch's errors if the graph was freed by a backward pass
        without ``retain_graph=True``, or if a saved tensor was changed in
        place since.
        """
        node = self._node() if self._node is not None else None
        if node is None:  # nothing recorded (no input requires grad)
            return tuple(self.to_save or ())
        return node._unpack_saved()


class BackwardCFunction(Node):
    """The node of a custom Function (PyTorch's class of the same name).

    Each Function gets its own subclass, named ``<Function>Backward`` and
    placed, as in PyTorch, in ``torch.autograd.function``, so that
    ``repr(y.grad_fn)`` and ``type(y.grad_fn)`` print as PyTorch's do.
    """

    __slots__ = ()
    _forward_cls: type

    def __repr__(self) -> str:
        cls = type(self)
        return f"<{cls.__module__}.{cls.__qualname__} object at {id(self):#x}>"

    def __getattr__(self, name: str) -> Any:
        # PyTorch's node is the ctx: what forward set on ctx is read from the node.
        if name != "params" and not name.startswith("__"):
            ctx = self.params.get("ctx")
            if ctx is not None and hasattr(ctx, name):
                return getattr(ctx, name)
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    @property
    def saved_tensors(self) -> tuple:
        """What ``forward`` saved (PyTorch's node is the ctx)."""
        return self.params["ctx"].saved_tensors  # from the Function's node, also for an output's own

    @property
    def needs_input_grad(self) -> tuple[bool, ...]:
        """Which inputs of ``forward`` require grad."""
        return self.params["ctx"].needs_input_grad

    @property
    def metadata(self) -> dict:
        return self.params["ctx"].__dict__.setdefault("metadata", {})

    def apply(self, *grads: Tensor) -> Any:
        """Call the Function's ``backward`` on ``grads`` directly, returning what it returns (as PyTorch does)."""
        return _call_backward(self._forward_cls, self.params["ctx"], grads)

    def _check_saved(self) -> dict:
        return {}  # saved tensors are checked when backward reads ctx.saved_tensors, as in PyTorch

    def _free_saved(self) -> None:
        if "output_nr" in self.params:
            return  # an output's own node (several outputs) keeps nothing
        self.saved = None
        self.saved_freed = True  # even with nothing saved: reading saved_tensors now fails, as in PyTorch

    def _unpack_saved(self) -> tuple:
        """``ctx.saved_tensors``: after PyTorch's checks, saved outputs again with this graph's node."""
        if self.saved_freed:
            raise errors.backward_twice()
        saved = Node._check_saved(self)
        ctx = self.params["ctx"]
        unpacked = []
        for entry in ctx._saved_layout:
            if entry is None:
                unpacked.append(None)
            elif entry[0] == "in":
                unpacked.append(saved[entry[1]])
            else:
                unpacked.append(_output_of(self._producer_of(entry[2]), saved[entry[1]]))
        return tuple(unpacked)

    def _producer_of(self, output_nr: int) -> Node:
        """The node of output ``output_nr``: a saved output's ``grad_fn`` when ``backward`` reads it.

        With several outputs each has a node of its own (see the module docstring);
        if that output is gone, and its node with it, a new one is made, so that a
        gradient reaching the saved output in a double backward still arrives as
        output ``output_nr``'s (as in PyTorch, where it is the output slot of the one node).
        """
        calls = self.params["ctx"]._calls
        node = calls.output_node(output_nr)
        if node is not None or calls.single is not None:
            return node or self
        link = _output_of(self, Tensor._wrap(self.value))
        carrier = Tensor._wrap(np.zeros(*calls.outputs[output_nr]))
        params = {"calls": calls, "ctx": self.params["ctx"], "output_nr": output_nr}
        _record(self._forward_cls._ops()[1], (link,), params, carrier)
        calls.output_nodes[output_nr] = weakref.ref(carrier._grad_fn)
        return carrier._grad_fn


def _node_class(function: type) -> type:
    """``<Function>Backward``, printed as PyTorch prints it."""
    name = f"{function.__name__}Backward"
    return type(
        name,
        (BackwardCFunction,),
        {
            "__slots__": (),
            "__module__": "torch.autograd.function",
            "__qualname__": name,
            "_forward_cls": function,
        },
    )


def _user_backward(function: type) -> Callable:
    """The Function's ``backward`` (or ``vjp``, its other name in PyTorch)."""
    backward = function.backward
    vjp = function.vjp
    if backward is not Function.backward and vjp is not Function.vjp:
        raise messages.error("function_backward_and_vjp")
    return vjp if vjp is not Function.vjp else backward


def _call_backward(function: type, ctx: Any, grads: Any) -> Any:
    """Call the Function's backward on ``grads``: one argument each, or, with ``boxed_grads_call``, one list
    (which backward may empty as it goes, to free each gradient early)."""
    if function.boxed_grads_call:
        return _user_backward(function)(ctx, list(grads))
    return _user_backward(function)(ctx, *grads)


# --------------------------------------------------------------------------
# One backward call per node run, and what each input gets from it
# --------------------------------------------------------------------------


class _BackwardCalls:
    """What a recorded Function needs to call ``backward`` and check its answer.

    The engine asks the Function's node for each input's gradient in turn;
    the first request calls ``backward`` (with one gradient per output of
    ``forward``), the next ones read the same answer.
    """

    def __init__(self, function: type, ctx: FunctionCtx, args: tuple, outputs: tuple) -> None:
        self.function = function
        self.ctx = ctx
        self.arg_count = len(args)
        tensor_positions = [i for i, a in enumerate(args) if isinstance(a, Tensor)]
        self.tensor_positions = tensor_positions
        self.inputs = [
            (args[i]._array.shape, args[i]._array.dtype, args[i].requires_grad) for i in tensor_positions
        ]
        # (shape, dtype) of each tensor output, None for an output that is not a tensor
        self.outputs = [(o._array.shape, o._array.dtype) if isinstance(o, Tensor) else None for o in outputs]
        self.single: int | None = None  # the one differentiable output, whose gradient is the node's own
        self.arrived: dict[int, Any] = {}  # output -> gradient, from the per-output nodes
        self.output_nodes: list[weakref.ref | None] = [None] * len(outputs)
        self.answered: Any = None
        self.grads: tuple = ()

    def output_node(self, output_nr: int) -> Node | None:
        ref = self.output_nodes[output_nr]
        return ref() if ref is not None else None

    def input_grad(self, grad: Any, index: int) -> Any:
        """The gradient for tensor input ``index``, calling ``backward`` on the first request of a run."""
        if self.answered is not grad:
            arrays = not isinstance(grad, Tensor)
            self.grads = self._call(grad, arrays)
            self.answered = grad
        return self.grads[index]

    def _call(self, grad: Any, arrays: bool) -> tuple:
        if self.single is not None:
            arrived = {self.single: Tensor._wrap(grad) if arrays else grad}
        else:
            arrived, self.arrived = self.arrived, {}
        grads = []
        for k, output in enumerate(self.outputs):
            g = arrived.get(k)
            if g is None and output is not None and self.ctx.materialize_grads:
                g = Tensor._wrap(np.zeros(*output))
            grads.append(g)
        result = _call_backward(self.function, self.ctx, grads)
        return self._checked(result if isinstance(result, tuple) else (result,), arrays)

    def _checked(self, result: tuple, arrays: bool) -> tuple:
        """PyTorch's checks of what backward returned; one gradient per tensor input, in its dtype."""
        name = self.function.__name__
        if len(result) > self.arg_count and all(g is None for g in result[self.arg_count :]):
            result = result[: self.arg_count]  # extra Nones are allowed
        if len(result) != self.arg_count:
            raise messages.error("function_wrong_count", name=name, expected=self.arg_count, got=len(result))
        for position, g in enumerate(result):
            if g is not None and not isinstance(g, Tensor):
                raise messages.error("function_not_tensor", type_name=type(g).__name__)
            if g is not None and position not in self.tensor_positions:
                raise messages.error("function_grad_for_non_tensor", name=name, position=position + 1)
        grads = []
        for index, (position, (shape, dtype, requires_grad)) in enumerate(
            zip(self.tensor_positions, self.inputs, strict=True)
        ):
            g = result[position]
            if g is None or not requires_grad:
                grads.append(None)
                continue
            if g._array.shape != shape and not _expands_to(shape, g._array.shape):
                raise messages.error(
                    "function_invalid_gradient",
                    name=name,
                    index=index,
                    got=errors.shape_text(g._array.shape),
                    expected=errors.shape_text(shape),
                )
            if g._array.dtype != dtype:
                g = Tensor._wrap(g._array.astype(dtype)) if arrays else g.to(_dtype_of(dtype))
            # As views: they may be the user's memory, and .grad keeps only arrays
            # the engine made without copying them.
            grads.append(g._array.view() if arrays else g)
        return tuple(grads)

    def output_arrived(self, grad: Any, output_nr: int) -> Any:
        """A per-output node's step: keep the gradient for the backward call, send the Function's node a 0."""
        arrays = not isinstance(grad, Tensor)
        arrived = Tensor._wrap(grad) if arrays else grad
        earlier = self.arrived.get(output_nr)  # two nodes of the same output (one made again): both count
        self.arrived[output_nr] = arrived if earlier is None else earlier + arrived
        zero = np.zeros((), dtype=grad.dtype if arrays else grad._array.dtype)
        return zero if arrays else Tensor._wrap(zero)


def _expands_to(shape: tuple, target: tuple) -> bool:
    """Whether ``shape`` broadcasts to ``target`` (then the gradient sums back down to ``shape``)."""
    try:
        return np.broadcast_shapes(shape, target) == target
    except ValueError:
        return False


def _dtype_of(np_dtype: np.dtype) -> Any:
    from .._dtype import from_numpy_dtype

    return from_numpy_dtype(np_dtype)


# --------------------------------------------------------------------------
# Function
# --------------------------------------------------------------------------


class Function(metaclass=PyTorchName, torch_module="torch.autograd.function"):
    """Base class of an operation with a hand-written derivative.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> class Square(torch.autograd.Function):
    ...     @staticmethod
    ...     def forward(ctx, x):
    ...         ctx.save_for_backward(x)
    ...         return x * x
    ...
    ...     @staticmethod
    ...     def backward(ctx, grad):
    ...         (x,) = ctx.saved_tensors
    ...         return 2 * x * grad
    >>> x = torch.tensor(3.0, requires_grad=True)
    >>> y = Square.apply(x)
    >>> y
    tensor(9., grad_fn=<SquareBackward>)
    >>> type(y.grad_fn)
    <class 'torch.autograd.function.SquareBackward'>
    >>> y.backward()
    >>> x.grad
    tensor(6.)
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        warnings.warn(
            messages.text("function_instantiated", cls=type(self)), DeprecationWarning, stacklevel=2
        )

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        raise messages.error("function_legacy_call")

    @staticmethod
    def forward(ctx: Any, *args: Any, **kwargs: Any) -> Any:
        raise messages.error("function_no_forward")

    @staticmethod
    def setup_context(ctx: FunctionCtx, inputs: tuple, output: Any) -> None:
        raise messages.error("function_no_setup_context")

    @staticmethod
    def backward(ctx: Any, *grad_outputs: Any) -> Any:
        raise messages.error("function_no_backward")

    vjp = backward

    boxed_grads_call = False
    """With True, ``backward(ctx, grads)`` gets one list of the outputs' gradients instead of one argument each."""

    @staticmethod
    def jvp(ctx: Any, *grad_inputs: Any) -> Any:
        """Forward mode: the outputs' tangents from the inputs' tangents (``make_dual``); override it to use one."""
        raise messages.error("function_no_jvp")

    @classmethod
    def _ops(cls) -> tuple[OpDef, OpDef]:
        """This Function's two rows: its node, and the per-output nodes used when it has several outputs."""
        ops = cls.__dict__.get("_ops_made")
        if ops is None:
            name = cls.__name__
            node_class = _node_class(cls)
            main = OpDef(
                name.lower(),
                node_class.__name__,
                name,
                cls.forward,
                {
                    "inputs": rule(
                        f"∂/∂input i: what {name}.backward returns at position i",
                        lambda grad, index, calls: calls.input_grad(grad, index),
                    )
                },
                variadic=True,
            )
            output = OpDef(
                f"{name.lower()}_output",
                node_class.__name__,
                f"{name} output",
                cls.forward,
                {
                    "function": rule(
                        f"output k's gradient, handed to {name}.backward",
                        lambda grad, calls, output_nr: calls.output_arrived(grad, output_nr),
                    )
                },
            )
            main.node_class = output.node_class = node_class
            user_code_in_backward()  # its backward may change a gradient that a leaf shares
            ops = (main, output)
            cls._ops_made = ops
        return ops

    @classmethod
    def apply(cls, *args: Any, **kwargs: Any) -> Any:
        """Run ``forward`` and, if an input requires grad, record a node that will call ``backward``."""
        ctx = FunctionCtx()
        with_setup = cls.setup_context is not Function.setup_context
        if kwargs or with_setup:
            args = _bound(cls.forward, args, kwargs, with_ctx=not with_setup, defaults=with_setup)
        ctx.needs_input_grad = tuple(isinstance(a, Tensor) and a.requires_grad for a in args)
        tangents = _input_tangents(
            args
        )  # forward-mode AD: the Function's own jvp gives the outputs' tangents
        with no_grad(), _forward_ad_suspended(tangents):
            if with_setup:
                result = cls.forward(*args)
                cls.setup_context(ctx, args, result)
            else:
                result = cls.forward(ctx, *args)
        is_tuple = isinstance(result, tuple)
        if not (is_tuple or isinstance(result, Tensor)):
            return result  # not a tensor: PyTorch gives it back as it is
        if any(ctx.needs_input_grad) and is_grad_enabled():
            result = _record_function(cls, ctx, args, result if is_tuple else (result,))
            result = result if is_tuple else result[0]
        if tangents is not None:
            _give_tangents(cls, ctx, args, tangents, result)
        return result


def _input_tangents(args: tuple) -> list | None:
    """The tangents of the arguments (forward-mode AD), or None when no argument has one."""
    if not _grad_mode.forward_ad:
        return None
    from .forward_ad import tangent_of

    tangents = [tangent_of(a) if isinstance(a, Tensor) else None for a in args]
    return tangents if any(t is not None for t in tangents) else None


@contextlib.contextmanager
def _forward_ad_suspended(tangents: list | None) -> Any:
    """Inside a Function's forward (and jvp), tangents are the Function's business, not each op's."""
    if tangents is None:
        yield
        return
    _grad_mode.forward_ad = False
    try:
        yield
    finally:
        _grad_mode.forward_ad = True


def _give_tangents(cls: type, ctx: Any, args: tuple, tangents: list, result: Any) -> None:
    """The outputs' tangents, from ``cls.jvp`` (zeros stand for the tangents of plain tensor inputs)."""
    from .forward_ad import _set_tangent

    if cls.jvp is Function.jvp:
        raise messages.error("function_no_jvp")
    given = [
        t if t is not None else (a.detach() * 0 if isinstance(a, Tensor) else None)
        for a, t in zip(args, tangents, strict=True)
    ]
    with _forward_ad_suspended(tangents):
        out_tangents = cls.jvp(ctx, *given)
    outputs = result if isinstance(result, tuple) else (result,)
    out_tangents = out_tangents if isinstance(out_tangents, tuple) else (out_tangents,)
    for output, tangent in zip(outputs, out_tangents, strict=False):
        if isinstance(output, Tensor) and isinstance(tangent, Tensor):
            _set_tangent(output, tangent)


def _bound(forward: Callable, args: tuple, kwargs: dict, with_ctx: bool, defaults: bool) -> tuple:
    """``apply``'s keyword arguments put in place, as PyTorch does: positional only, with its errors."""
    import inspect

    parameters = list(inspect.signature(forward).parameters.values())[1 if with_ctx else 0 :]
    positional = [p for p in parameters if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    names = [p.name for p in positional]
    slots: list[Any] = list(args)
    for key, value in kwargs.items():
        if key not in names:
            raise messages.error("function_unexpected_keyword", name=key)
        position = names.index(key)
        if position < len(args):
            raise messages.error("function_keyword_twice", name=key)
        slots.extend([_MISSING] * (position + 1 - len(slots)))
        slots[position] = value
    if defaults:
        for position in range(len(slots), len(positional)):
            if positional[position].default is positional[position].empty:
                break
            slots.append(positional[position].default)
    for position, value in enumerate(slots):
        if value is _MISSING:  # a gap before a keyword argument: PyTorch fills none, defaults or not
            raise messages.error("function_missing_argument", name=names[position], position=position)
    return tuple(slots)


_MISSING = object()


def _record_function(cls: type, ctx: FunctionCtx, args: tuple, results: tuple) -> tuple:
    """Give the outputs their node(s) and keep what ``save_for_backward`` was given."""
    main_op, output_op = cls._ops()
    to_save = ctx.to_save or ()
    for index, item in enumerate(to_save):
        if item is not None and not isinstance(item, Tensor):
            raise messages.error("function_save_not_tensor", index=index, type_name=type(item).__name__)
    for tensor in ctx.dirty_tensors:
        if tensor._grad_fn is None and tensor._requires_grad:
            raise messages.error("function_mark_dirty_leaf")
    outputs = _fresh_outputs(results, args, ctx.dirty_tensors)
    calls = ctx._calls = _BackwardCalls(cls, ctx, args, outputs)
    differentiable = [
        k
        for k, (result, output) in enumerate(zip(results, outputs, strict=True))
        if isinstance(output, Tensor)
        and output.is_floating_point()  # integer outputs never take a gradient
        and not any(result is marked for marked in ctx.non_differentiable)
    ]
    if not differentiable:
        return outputs
    tensor_args = tuple(a for a in args if isinstance(a, Tensor))
    dirty = ctx.dirty_tensors
    if len(differentiable) == 1:
        calls.single = differentiable[0]
        node = _attach(main_op, tensor_args, {"calls": calls, "ctx": ctx}, outputs[calls.single], dirty)
        calls.output_nodes[calls.single] = weakref.ref(node)
    else:
        # One node per output hands its gradient to the Function's node, which
        # is reached through a 0-d link tensor (see the module docstring).
        link = Tensor._wrap(np.zeros((), dtype=outputs[differentiable[0]]._array.dtype))
        node = _attach(main_op, tensor_args, {"calls": calls, "ctx": ctx}, link, ())
        for k in differentiable:
            params = {"calls": calls, "ctx": ctx, "output_nr": k}
            calls.output_nodes[k] = weakref.ref(_attach(output_op, (link,), params, outputs[k], dirty))
    ctx._node = weakref.ref(node)
    _mark_views(outputs, differentiable, dirty)
    _keep_saved(node, ctx, to_save, results, outputs)
    return outputs


def _attach(op: OpDef, inputs: tuple, params: dict, output: Tensor, dirty: tuple) -> Node:
    """Record ``op``'s node as ``output``'s history; an input changed in place gets it as an in-place op's."""
    if not any(output is d for d in dirty):
        _record(op, inputs, params, output)
        return output._grad_fn
    carrier = Tensor._wrap(output._array)
    _record(op, inputs, params, carrier)
    output._version_counter.bump()  # PyTorch counts the change once more when it takes mark_dirty
    rebase_history(output, carrier._grad_fn)
    return carrier._grad_fn


def _fresh_outputs(results: tuple, args: tuple, dirty: tuple) -> tuple:
    """The outputs to give a node: forward's own tensors, a view of an input it returned as it is, or an alias
    of an output with a history of its own (or given twice).

    An input marked dirty (changed in place by forward) is returned as itself.  A view (one forward made, or of
    an input given back) stays a view of its base, as in PyTorch; :func:`_mark_views` then forbids changing
    it in place, since the view's own history would take the place of the Function's backward.
    """
    fresh = []
    for item in results:
        if any(item is d for d in dirty) or not isinstance(item, Tensor):
            fresh.append(item)
            continue
        if any(item is a for a in args) and not any(item is f for f in fresh):
            from ..ops.shape import alias_op  # (PyTorch's view_as(self), made without a history)

            with no_grad():
                item = alias_op(item)
        elif any(item is f for f in fresh) or item._grad_fn is not None:
            alias = Tensor._wrap(item._own())
            alias._version_counter = item._version_counter  # the same memory: in-place changes show
            item = alias
        fresh.append(item)
    return tuple(fresh)


def _mark_views(outputs: tuple, differentiable: list, dirty: tuple) -> None:
    """PyTorch's rule for a custom Function's outputs that are views: not to be changed in place (nor their base),
    named as one of several outputs where the Function returns more than one."""
    for k in differentiable:
        info = outputs[k]._view
        if info is not None and not any(outputs[k] is d for d in dirty):
            info.creation = MULTI_OUTPUT_NODE if len(outputs) > 1 else IN_CUSTOM_FUNCTION
            info.output_nr = k


def _keep_saved(node: Node, ctx: FunctionCtx, to_save: tuple, results: tuple, outputs: tuple) -> None:
    """The node keeps the saved tensors (an output as values and version only, as the engine does)."""
    saved: dict = {}
    versions = []
    layout = []
    for index, item in enumerate(to_save):
        if item is None:
            layout.append(None)
            continue
        output_nr = next((k for k, r in enumerate(results) if r is item), None)
        name = f"saved{index}"
        if output_nr is None:
            saved[name] = item
            layout.append(("in", name))
        else:
            # "out": the engine's name for a node's own output (its messages name the node)
            name = "out" if output_nr == ctx._calls.single else f"out{output_nr}"
            saved[name] = _saved_output(outputs[output_nr])
            layout.append(("out", name, output_nr))
        versions.append((name, saved[name]._version_counter.value))
    node.saved = saved or None
    node.saved_versions = tuple(versions)
    ctx._saved_layout = tuple(layout)
    ctx.to_save = None  # the node holds them now, and frees them after backward


# --------------------------------------------------------------------------
# once_differentiable
# --------------------------------------------------------------------------


class _ErrorNode(Node):
    """PyTorch's ``Error`` node: differentiating through it raises."""

    __slots__ = ()

    def name(self) -> str:
        return "torch::autograd::Error"


def _differentiated_twice(grad: Any) -> Any:
    raise messages.error("once_differentiable_twice")


_DELAYED_ERROR = OpDef(
    "delayed_error",
    "Error",
    "✗",
    np.copy,
    {"a": rule("none: the backward was marked @once_differentiable", _differentiated_twice)},
)
# A C++ class in PyTorch, printed without a module: <class 'Error'>
_DELAYED_ERROR.node_class = type("Error", (_ErrorNode,), {"__slots__": (), "__module__": "builtins"})


def once_differentiable(fn: Callable) -> Callable:
    """Mark a ``backward`` that cannot itself be differentiated.

    It runs without recording; where a second derivative would be asked
    for (the gradients coming in require grad), its results get an
    ``Error`` node that raises PyTorch's error when differentiated.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.autograd.function import once_differentiable
    >>> class Cube(torch.autograd.Function):
    ...     @staticmethod
    ...     def forward(ctx, x):
    ...         ctx.save_for_backward(x)
    ...         return x**3
    ...
    ...     @staticmethod
    ...     @once_differentiable
    ...     def backward(ctx, grad):
    ...         (x,) = ctx.saved_tensors
    ...         return 3 * x**2 * grad
    >>> x = torch.tensor(2.0, requires_grad=True)
    >>> Cube.apply(x).backward()
    >>> x.grad
    tensor(12.)
    """

    @functools.wraps(fn)
    def wrapper(ctx: Any, *args: Any, **kwargs: Any) -> Any:
        with no_grad():
            outputs = fn(ctx, *args, **kwargs)
        if not is_grad_enabled():
            return outputs
        if not any(isinstance(a, Tensor) and a.requires_grad for a in args):
            return outputs
        many = isinstance(outputs, tuple)
        marked = tuple(_erroring(o) for o in (outputs if many else (outputs,)))
        return marked if many else marked[0]

    return wrapper


def _erroring(value: Any) -> Any:
    """``value`` again, behind a node that raises if anything differentiates through it."""
    if not isinstance(value, Tensor):
        return value
    stand_in = value.detach()
    stand_in.requires_grad_(True)
    return apply(_DELAYED_ERROR, (stand_in,))
