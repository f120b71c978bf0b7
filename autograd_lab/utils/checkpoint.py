"""``torch.utils.checkpoint``: keep less in the forward pass, compute it again in the backward pass.

A checkpointed function's intermediate results are not kept for backward:
only its inputs are. When ``backward()`` needs those results, it runs the
function again (the *recomputation*) and takes them from there. Memory is
traded for time, and a lesson can watch ``backward()`` recompute what it
did not keep (count the calls of the function).

Two implementations, chosen by ``use_reentrant``, as in PyTorch:

- ``use_reentrant=True``: a custom ``autograd.Function``,
  :class:`CheckpointFunction`, runs the function under ``no_grad`` (nothing
  is recorded inside) and, in its ``backward``, runs it again with grad
  enabled and calls ``autograd.backward`` on that new graph: a backward pass
  inside the backward pass. The output's ``grad_fn`` is
  ``<CheckpointFunctionBackward>``. It refuses ``autograd.grad`` and
  ``backward(inputs=...)``.
- ``use_reentrant=False`` (PyTorch's advice): the function runs with grad
  enabled, so its graph is recorded as usual, but inside
  ``autograd.graph.saved_tensors_hooks`` every value an operation saves for
  backward is replaced by an empty holder. The first holder that backward
  unpacks runs the function again and fills every holder; each value is
  dropped again once used. The output's ``grad_fn`` is the function's own
  last node (``<ReluBackward0>`` ...).

With ``preserve_rng_state=True`` (the default) the random generator's state
is put back to what it was before the forward call for the recomputation,
so dropout draws the same mask again, and restored afterwards.

In autograd_lab every node also keeps its output's values for the graph
pictures, so here checkpointing saves no memory: it shows the mechanism.

Examples
--------
>>> import autograd_lab as torch
>>> from autograd_lab.utils.checkpoint import checkpoint
>>> calls = []
>>> def block(x):
...     calls.append("forward")
...     return (x * 2).sin()
>>> x = torch.tensor([1.0, 2.0], requires_grad=True)
>>> y = checkpoint(block, x, use_reentrant=False)
>>> y.sum().backward()
>>> calls  # once in the forward pass, once more in backward()
['forward', 'forward']
>>> x.grad
tensor([-0.8323, -1.3073])
"""

from __future__ import annotations

import contextlib
import threading
import warnings
import weakref
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .. import messages
from .._classname import PyTorchName
from .._grad_mode import enable_grad, is_grad_enabled, no_grad
from .._random import get_rng_state, set_rng_state
from ..autograd import engine
from ..autograd.engine import backward as _autograd_backward
from ..autograd.function import Function
from ..autograd.saved import _active as _active_saved_hooks
from ..autograd.saved import saved_tensors_hooks
from ..messages import errors
from ..tensor import Tensor

__all__ = [
    "checkpoint",
    "checkpoint_sequential",
    "CheckpointError",
    "CheckpointFunction",
    "check_backward_validity",
    "detach_variable",
    "noop_context_fn",
    "set_checkpoint_early_stop",
    "set_checkpoint_debug_enabled",
]

_DEFAULT_DETERMINISM_MODE = "default"


class CheckpointError(RuntimeError, metaclass=PyTorchName, torch_module="torch.utils.checkpoint"):
    """The recomputation did not save what the original forward pass saved (non-reentrant checkpoint)."""


# -- switches that apply to every checkpoint run inside a block ------------------------------------------

_checkpoint_debug_enabled: bool | None = None
_enable_checkpoint_early_stop: bool | None = None


@contextlib.contextmanager
def set_checkpoint_debug_enabled(enabled: bool | None) -> Iterator[None]:
    """Inside the block, checkpoint's ``debug`` is ``enabled`` for every call (``None``: each call's own).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.utils.checkpoint import checkpoint, set_checkpoint_debug_enabled
    >>> with set_checkpoint_debug_enabled(True):
    ...     y = checkpoint(torch.sin, torch.ones(2, requires_grad=True), use_reentrant=False)
    >>> y
    tensor([0.8415, 0.8415], grad_fn=<SinBackward0>)
    """
    global _checkpoint_debug_enabled
    previous = _checkpoint_debug_enabled
    _checkpoint_debug_enabled = enabled
    try:
        yield
    finally:
        _checkpoint_debug_enabled = previous


@contextlib.contextmanager
def set_checkpoint_early_stop(enable: bool) -> Iterator[None]:
    """Whether the recomputation stops as soon as it has every value backward needs (the default: it does).

    Only the forward call needs to be inside the block; its backward may come later.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.utils.checkpoint import checkpoint, set_checkpoint_early_stop
    >>> seen = []
    >>> def block(x):
    ...     y = x.sin()
    ...     seen.append("end")  # after the last saving op: early stop skips it
    ...     return y
    >>> x = torch.ones(1, requires_grad=True)
    >>> checkpoint(block, x, use_reentrant=False).backward()
    >>> with set_checkpoint_early_stop(False):
    ...     y = checkpoint(block, x, use_reentrant=False)
    >>> y.backward()
    >>> seen
    ['end', 'end', 'end']
    """
    global _enable_checkpoint_early_stop
    previous = _enable_checkpoint_early_stop
    _enable_checkpoint_early_stop = enable
    try:
        yield
    finally:
        _enable_checkpoint_early_stop = previous


# -- helpers PyTorch exports ------------------------------------------------------------------------------


def detach_variable(inputs: tuple[Any, ...]) -> tuple[Any, ...]:
    """Each tensor of ``inputs`` detached, keeping its ``requires_grad``; other items as they are.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.utils.checkpoint import detach_variable
    >>> y = torch.ones(2, requires_grad=True) * 2
    >>> (z,) = detach_variable((y,))
    >>> z.grad_fn is None, z.requires_grad
    (True, True)
    """
    if not isinstance(inputs, tuple):
        raise messages.error("checkpoint_detach_not_tuple", type_name=type(inputs).__name__)
    out = []
    for item in inputs:
        if not isinstance(item, Tensor):
            out.append(item)
            continue
        detached = item.detach()
        detached.requires_grad = item.requires_grad
        out.append(detached)
    return tuple(out)


def check_backward_validity(inputs: Iterable[Any]) -> None:
    """Warn, as PyTorch does, when no tensor of ``inputs`` requires grad (the reentrant checkpoint's check).

    Examples
    --------
    >>> import warnings
    >>> import autograd_lab as torch
    >>> from autograd_lab.utils.checkpoint import check_backward_validity
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     check_backward_validity([torch.ones(2)])
    >>> caught[0].category.__name__, str(caught[0].message).startswith("None of the inputs have requires_grad")
    ('UserWarning', True)
    """
    if not any(item.requires_grad for item in inputs if isinstance(item, Tensor)):
        warnings.warn(messages.text("checkpoint_no_input_requires_grad"), UserWarning, stacklevel=2)


def noop_context_fn() -> tuple[contextlib.AbstractContextManager, contextlib.AbstractContextManager]:
    """The default ``context_fn``: two context managers that do nothing.

    Examples
    --------
    >>> from autograd_lab.utils.checkpoint import noop_context_fn
    >>> forward_context, recompute_context = noop_context_fn()
    >>> with forward_context:
    ...     pass
    """
    return contextlib.nullcontext(), contextlib.nullcontext()


@contextlib.contextmanager
def _forked_rng(state: Any) -> Iterator[None]:
    """Run the block from the generator state ``state`` (None: from the state now); restore the state after.

    PyTorch's ``torch.random.fork_rng`` with ``set_rng_state`` inside: the
    recomputation draws what the forward pass drew, and the caller's own
    draws go on as if nothing had been drawn.
    """
    if state is None:
        yield
        return
    outside = get_rng_state()
    set_rng_state(state)
    try:
        yield
    finally:
        set_rng_state(outside)


# -- use_reentrant=True: a custom Function whose backward runs a backward pass ------------------------------


class _Pass(threading.local):
    """Per thread: for each backward pass now running a CheckpointFunction node, whether it may.

    PyTorch's ``torch.autograd._is_checkpoint_valid()``: only a plain
    ``backward()`` (no ``inputs=``) may run one, not ``autograd.grad``.
    """

    def __init__(self) -> None:
        self.valid: list[bool] = []


_pass = _Pass()


def _is_checkpoint_valid() -> bool:
    return all(_pass.valid)


def _noting_the_pass(base: type) -> type:
    """``base`` (the Function's node class) again, noting whether the pass running the node is a plain backward()."""

    def _backward(self: Any, grad: Any, arrays: bool, useful: Any, destination: Any) -> tuple:
        # `wanted` is None for backward() without inputs=; autograd.grad and inputs= name their tensors
        _pass.valid.append(destination.wanted is None)
        try:
            return base._backward(self, grad, arrays, useful, destination)
        finally:
            _pass.valid.pop()

    namespace = {"__slots__": (), "__module__": base.__module__, "__qualname__": base.__qualname__}
    namespace["_backward"] = _backward
    return type(base.__name__, (base,), namespace)


class CheckpointFunction(Function, torch_module="torch.utils.checkpoint"):
    """The reentrant checkpoint: ``forward`` keeps only the inputs, ``backward`` runs the function again.

    Called by :func:`checkpoint` with ``use_reentrant=True`` as
    ``CheckpointFunction.apply(function, preserve_rng_state, *args)``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.utils.checkpoint import CheckpointFunction
    >>> x = torch.tensor([1.0, 2.0], requires_grad=True)
    >>> y = CheckpointFunction.apply(lambda t: t * t, True, x)
    >>> y
    tensor([1., 4.], grad_fn=<CheckpointFunctionBackward>)
    >>> y.sum().backward()
    >>> x.grad
    tensor([2., 4.])
    """

    @classmethod
    def _ops(cls) -> tuple:
        made = cls.__dict__.get("_ops_made")
        if made is None:
            made = super()._ops()
            main, output = made
            main.node_class = output.node_class = _noting_the_pass(main.node_class)
        return made

    @staticmethod
    def forward(ctx: Any, run_function: Callable, preserve_rng_state: bool, *args: Any) -> Any:
        check_backward_validity(args)
        ctx.run_function = run_function
        ctx.preserve_rng_state = preserve_rng_state
        if preserve_rng_state:
            ctx.fwd_cpu_state = get_rng_state()
        # Keep the non-tensor inputs on ctx, the tensors through save_for_backward (None holds their place).
        ctx.inputs = []
        ctx.tensor_indices = []
        tensor_inputs = []
        for index, item in enumerate(args):
            if isinstance(item, Tensor):
                tensor_inputs.append(item)
                ctx.tensor_indices.append(index)
                ctx.inputs.append(None)
            else:
                ctx.inputs.append(item)
        ctx.save_for_backward(*tensor_inputs)
        with no_grad():
            outputs = run_function(*args)
        return outputs

    @staticmethod
    def backward(ctx: Any, *args: Any) -> tuple:
        if not _is_checkpoint_valid():
            raise messages.error("checkpoint_reentrant_grad")
        inputs = list(ctx.inputs)
        for position, tensor in zip(ctx.tensor_indices, ctx.saved_tensors, strict=True):
            inputs[position] = tensor
        # The recomputation draws what the forward pass drew; the generator is restored after.
        with _forked_rng(ctx.fwd_cpu_state if ctx.preserve_rng_state else None):
            detached_inputs = detach_variable(tuple(inputs))
            with enable_grad():
                outputs = ctx.run_function(*detached_inputs)
        if isinstance(outputs, Tensor):
            outputs = (outputs,)
        # A backward pass through the recomputed graph, from the outputs that require grad.
        outputs_with_grad = []
        args_with_grad = []
        for index, output in enumerate(outputs):
            if isinstance(output, Tensor) and output.requires_grad:
                outputs_with_grad.append(output)
                args_with_grad.append(args[index])
        if not outputs_with_grad:
            raise messages.error("checkpoint_no_output_requires_grad")
        _autograd_backward(outputs_with_grad, args_with_grad)
        grads = tuple(item.grad if isinstance(item, Tensor) else None for item in detached_inputs)
        return (None, None, *grads)


# -- use_reentrant=False: saved-tensor hooks that keep holders, filled by a recomputation --------------------


class _Holder:
    """What the graph keeps in place of a saved value: empty until a recomputation fills it."""

    __slots__ = ("value", "__weakref__")

    def __init__(self) -> None:
        self.value: Tensor | None = None


class _StopRecomputationError(Exception):
    """Raised inside the recomputation once every holder is filled (early stop)."""


class _CheckpointFrame:
    """One checkpointed call: its inputs, its holders, and how to run it again."""

    def __init__(self, recompute_fn: Callable, early_stop: bool, metadata_fn: Callable, debug: bool) -> None:
        self.recompute_fn = recompute_fn
        self.early_stop = early_stop
        self.metadata_fn = metadata_fn
        self.debug = debug
        self.saved_args: list[Any] = []
        self.weak_holders: list[weakref.ref] = []
        self.x_metadatas: list[Any] = []
        self.forward_completed = False
        self.ignore_saved_mismatch = False
        # the recomputation now being checked: how many values it saved, and each one by position
        self.recomp_counter = 0
        self.recomputed: dict[int, Tensor] = {}
        self.forward_log: list[str] = []  # debug: where each value was saved
        self.recompute_log: list[str] = []

    def save_inputs(self, *args: Any) -> None:
        """Keep the inputs; inside an outer checkpoint, through its hooks (so it recomputes them too)."""
        saved = []
        for item in args:
            if not isinstance(item, Tensor):
                saved.append(("value", item))
            elif _active_saved_hooks:
                pack_hook, unpack_hook = _active_saved_hooks[-1]
                saved.append(("packed", pack_hook(item), unpack_hook, item.grad_fn, item.requires_grad))
            else:
                saved.append(("tensor", item, item._version_counter.value))
        self.saved_args = saved

    def get_inputs(self) -> list[Any]:
        inputs = []
        for entry in self.saved_args:
            if entry[0] == "value":
                inputs.append(entry[1])
            elif entry[0] == "packed":
                # what the outer hooks give back, with the input's history again (as PyTorch's SavedVariable)
                _, packed, unpack_hook, grad_fn, requires_grad = entry
                tensor = Tensor._wrap(unpack_hook(packed)._array)
                tensor._grad_fn = grad_fn
                tensor._requires_grad = requires_grad
                inputs.append(tensor)
            else:
                tensor, version = entry[1], entry[2]
                if tensor._version_counter.value != version:
                    raise errors.modified_by_inplace(
                        engine._describe_saved(tensor, tensor.grad_fn),
                        tensor._version_counter.value,
                        version,
                        engine.anomaly.enabled,
                    )
                inputs.append(tensor)
        return inputs

    def recompute(self) -> None:
        """Run the function again, filling the holders still alive; then check it saved what the forward did."""
        args = self.get_inputs()
        self.recomp_counter = 0
        self.recomputed = {}
        self.recompute_log = []
        try:
            with _recomputation_hook(self), enable_grad():
                self.recompute_fn(*args)
        except _StopRecomputationError:
            pass
        self.check_recomputed_tensors_match()

    def check_recomputed_tensors_match(self) -> None:
        if self.ignore_saved_mismatch:
            return
        if len(self.weak_holders) != self.recomp_counter:
            raise self._error(
                "checkpoint_count_mismatch", forward=len(self.weak_holders), recomputed=self.recomp_counter
            )
        different = []
        for index, weak_holder in enumerate(self.weak_holders):
            if weak_holder() is None:
                continue  # its node has run and freed it: nothing to compare
            saved_meta = self.x_metadatas[index]
            recomputed_meta = self.metadata_fn(self.recomputed[index])
            if saved_meta != recomputed_meta:
                different.append((index, saved_meta, recomputed_meta))
        if different:
            listed = "".join(
                f"tensor at position {index}:\nsaved metadata: {saved}\nrecomputed metadata: {recomputed}\n"
                for index, saved, recomputed in different
            )
            raise self._error("checkpoint_metadata_mismatch", tensors=listed)

    def _error(self, error_id: str, **fields: Any) -> CheckpointError:
        found = messages.error(error_id, CheckpointError, **fields)
        if not self.debug:
            return found
        # debug=True: PyTorch logs every operator; here, where each saved value was saved, both times
        forward = "\n".join(self.forward_log) or "(nothing)"
        recomputed = "\n".join(self.recompute_log) or "(nothing)"
        detailed = messages.error(
            "checkpoint_debug_log", CheckpointError, forward=forward, recomputed=recomputed
        )
        detailed.__cause__ = found
        return detailed


def _where_saved(tensor: Tensor) -> str:
    """The user's line that saved ``tensor`` (the innermost frame outside autograd_lab), for debug=True."""
    import traceback  # (debug=True only)

    inside = __file__.rsplit("utils", 1)[0]
    place = "?"
    for frame in reversed(traceback.extract_stack()[:-1]):
        if not frame.filename.startswith(inside):
            place = f"{frame.filename}:{frame.lineno}:{frame.name}"
            break
    shape = ", ".join(str(n) for n in tensor.shape)
    return f"[{shape}] {tensor.dtype}   {place}"


class _checkpoint_hook(saved_tensors_hooks):  # noqa: N801 - PyTorch's name
    """The forward pass's hooks: each saved value gives way to an empty holder."""

    def __init__(self, frame: _CheckpointFrame) -> None:
        def pack_hook(x: Tensor) -> _Holder:
            holder = _Holder()
            frame.weak_holders.append(weakref.ref(holder))
            with no_grad():
                frame.x_metadatas.append(frame.metadata_fn(x))
            if frame.debug:
                frame.forward_log.append(_where_saved(x))
            return holder

        def unpack_hook(holder: _Holder) -> Tensor:
            # Recompute when this holder is empty: the first unpack of a backward pass (each
            # unpack empties its holder again, so a second pass with retain_graph=True recomputes).
            if holder.value is None:
                frame.recompute()
            value, holder.value = holder.value, None
            if value is None:  # (the check above raises first)
                raise AssertionError("activation checkpoint: a saved value was not recomputed")
            return value

        super().__init__(pack_hook, unpack_hook)


class _recomputation_hook(saved_tensors_hooks):  # noqa: N801 - PyTorch's name
    """The recomputation's hooks: each saved value fills the next holder of the forward pass."""

    def __init__(self, frame: _CheckpointFrame) -> None:
        def pack_hook(x: Tensor) -> Tensor:
            x = x.detach() if x.requires_grad else x
            index = frame.recomp_counter
            frame.recomp_counter += 1
            if frame.debug:
                frame.recompute_log.append(_where_saved(x))
            if index >= len(frame.weak_holders):
                if not frame.forward_completed:  # backward inside the checkpointed function
                    frame.ignore_saved_mismatch = True
                    return x
                raise frame._error("checkpoint_more_tensors")
            holder = frame.weak_holders[index]()
            if holder is not None:  # (None: its node already ran and freed it)
                holder.value = x
                frame.recomputed[index] = x
            if frame.early_stop and frame.recomp_counter == len(frame.weak_holders):
                raise _StopRecomputationError
            return x

        super().__init__(pack_hook, lambda x: x)


def _default_meta_extractor(x: Tensor) -> dict[str, Any]:
    return {"shape": x.shape, "dtype": x.dtype, "device": x.device}


_allowed_determinism_checks_to_fns: dict[str, Callable[[Tensor], Any]] = {
    _DEFAULT_DETERMINISM_MODE: _default_meta_extractor,
    "none": lambda _: None,
}


def _checkpoint_without_reentrant(
    function: Callable,
    preserve_rng_state: bool,
    context_fn: Callable,
    determinism_check: str,
    debug: bool,
    early_stop: bool,
    args: tuple,
    kwargs: dict,
) -> Any:
    """Run ``function`` with the checkpoint's saved-tensor hooks; PyTorch's ``_checkpoint_without_reentrant_generator``."""
    debug = _checkpoint_debug_enabled if _checkpoint_debug_enabled is not None else debug
    if debug and context_fn is not noop_context_fn:
        raise messages.error("checkpoint_debug_context_fn")
    if determinism_check not in _allowed_determinism_checks_to_fns:
        raise messages.error(
            "checkpoint_determinism_check",
            allowed=list(_allowed_determinism_checks_to_fns),
            got=determinism_check,
        )
    metadata_fn = _allowed_determinism_checks_to_fns[determinism_check]
    forward_context, recompute_context = context_fn()
    fwd_cpu_state = get_rng_state() if preserve_rng_state else None

    def recompute_fn(*inputs: Any) -> None:
        with _forked_rng(fwd_cpu_state), recompute_context:
            function(*inputs, **kwargs)

    stop = _enable_checkpoint_early_stop if _enable_checkpoint_early_stop is not None else early_stop
    frame = _CheckpointFrame(recompute_fn, stop, metadata_fn, debug)
    if not is_grad_enabled():
        return function(*args, **kwargs)  # nothing is saved: nothing to recompute
    frame.save_inputs(*args)
    suppressed = True
    with _checkpoint_hook(frame), forward_context:
        result = function(*args, **kwargs)
        suppressed = False
    if suppressed:  # forward_context swallowed the function's exception: there is no result to return
        raise messages.error("checkpoint_context_suppressed")
    frame.forward_completed = True
    return result


# -- the public functions ---------------------------------------------------------------------------------


def checkpoint(
    function: Callable,
    *args: Any,
    use_reentrant: bool | None = None,
    context_fn: Callable[
        [], tuple[contextlib.AbstractContextManager, contextlib.AbstractContextManager]
    ] = noop_context_fn,
    determinism_check: str = _DEFAULT_DETERMINISM_MODE,
    debug: bool = False,
    early_stop: bool = True,
    **kwargs: Any,
) -> Any:
    """Run ``function(*args)`` keeping only its inputs; backward runs it again for what it needs.

    Parameters
    ----------
    function : callable
        The part of the model to checkpoint.
    *args
        Its inputs.
    use_reentrant : bool, optional
        ``True``: the :class:`CheckpointFunction` implementation; ``False``: saved-tensor
        hooks (recommended). Leaving it out warns, as PyTorch 2.13 does, and means ``True``.
    context_fn : callable, optional
        Returns two context managers: the forward call runs in the first, the
        recomputation in the second (``use_reentrant=False`` only).
    determinism_check : str
        ``"default"`` compares the shape, dtype and device of each recomputed value
        with the original; ``"none"`` does not (``use_reentrant=False`` only).
    debug : bool
        On a mismatch, also list where each value was saved, in the forward pass and in
        the recomputation (``use_reentrant=False`` only).
    early_stop : bool
        Stop the recomputation once every needed value is recomputed (``use_reentrant=False``).
    preserve_rng_state : bool, keyword
        Put the random generator back to its forward-pass state for the recomputation
        (default ``True``), so dropout drops the same elements.
    **kwargs
        Keyword arguments for ``function`` (``use_reentrant=False`` only).

    Returns
    -------
    Any
        What ``function(*args)`` returns.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.utils.checkpoint import checkpoint
    >>> x = torch.tensor([0.5, 1.0], requires_grad=True)
    >>> y = checkpoint(lambda t: t.exp() * 2, x, use_reentrant=True)
    >>> y
    tensor([3.2974, 5.4366], grad_fn=<CheckpointFunctionBackward>)
    >>> y.sum().backward()
    >>> x.grad
    tensor([3.2974, 5.4366])
    """
    if use_reentrant is None:
        warnings.warn(messages.text("checkpoint_use_reentrant_missing"), UserWarning, stacklevel=2)
        use_reentrant = True
    preserve = kwargs.pop("preserve_rng_state", True)
    if kwargs and use_reentrant:
        raise messages.error("checkpoint_unexpected_keywords", names=",".join(kwargs))
    if use_reentrant:
        if context_fn is not noop_context_fn or debug is not False:
            raise messages.error("checkpoint_reentrant_context_fn")
        return CheckpointFunction.apply(function, preserve, *args)
    return _checkpoint_without_reentrant(
        function, preserve, context_fn, determinism_check, debug, early_stop, args, kwargs
    )


def checkpoint_sequential(
    functions: Any, segments: int, input: Tensor, use_reentrant: bool | None = None, **kwargs: Any
) -> Any:
    """Run ``functions`` one after another, checkpointing all but the last of ``segments`` groups.

    Parameters
    ----------
    functions : nn.Sequential or list of callables
        The model's parts, in order.
    segments : int
        How many groups to cut them into; each group but the last is checkpointed.
    input : Tensor
        The input of the first part.
    use_reentrant : bool, optional
        As for :func:`checkpoint`; leaving it out warns and means ``True``.
    preserve_rng_state : bool, keyword
        As for :func:`checkpoint` (default ``True``).

    Returns
    -------
    Any
        The last part's output.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> from autograd_lab.utils.checkpoint import checkpoint_sequential
    >>> _ = torch.manual_seed(0)
    >>> model = nn.Sequential(nn.Linear(2, 3), nn.Tanh(), nn.Linear(3, 1))
    >>> y = checkpoint_sequential(model, 2, torch.ones(1, 2), use_reentrant=False)
    >>> y.backward()
    >>> model[0].weight.grad.shape
    torch.Size([3, 2])
    """
    if use_reentrant is None:
        warnings.warn(messages.text("checkpoint_sequential_use_reentrant_missing"), UserWarning, stacklevel=2)
        use_reentrant = True
    preserve = kwargs.pop("preserve_rng_state", True)
    if kwargs:
        raise messages.error("checkpoint_unexpected_keywords", names=",".join(kwargs))

    def run_function(start: int, end: int, functions: Any) -> Callable:
        def forward(input: Any) -> Any:
            for j in range(start, end + 1):
                input = functions[j](input)
            return input

        return forward

    from ..nn import Sequential

    if isinstance(functions, Sequential):
        functions = list(functions.children())
    segment_size = len(functions) // segments
    end = -1
    # every segment but the last is checkpointed (the last one's output is what backward starts from)
    for start in range(0, segment_size * (segments - 1), segment_size):
        end = start + segment_size - 1
        input = checkpoint(
            run_function(start, end, functions),
            input,
            use_reentrant=use_reentrant,
            preserve_rng_state=preserve,
        )
    return run_function(end + 1, len(functions) - 1, functions)(input)
