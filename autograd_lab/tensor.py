"""The Tensor, the graph it records, and the backward pass.

Read this file top to bottom:

1. grad mode: whether operations record a graph (``no_grad`` turns it off);
2. ``Node``: one recorded operation, PyTorch's ``grad_fn``;
3. ``Tensor``: a NumPy array plus what autograd needs to know about it;
4. the backward pass: visit the graph from the output back to the leaves,
   applying each node's derivative rules (chain rule) and summing what
   arrives at each node.  Gradients travel as plain NumPy arrays; only
   ``create_graph=True`` makes them tensors, so that the backward pass is
   itself recorded and can be differentiated again.

The operations themselves (``+``, ``exp``, ``sum`` ...) and their derivative
rules live in one table, ``autograd_lab.ops``, which also attaches them to
``Tensor`` as methods.  This file knows nothing of Jupyter or pictures; the
graph keeps the values and gradients a picture needs, nothing more.
"""

from __future__ import annotations

import heapq
import itertools
import threading
import warnings
import weakref
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import numpy as np

from . import _errors
from ._dtype import Size, dtype, float32, from_numpy_dtype
from ._printing import format_tensor

# --------------------------------------------------------------------------
# 1. Grad mode
# --------------------------------------------------------------------------


class _GradMode(threading.local):
    # Thread-local, as in PyTorch: `no_grad` in one thread must not switch off
    # recording in another.
    enabled = True


_grad_mode = _GradMode()


def is_grad_enabled() -> bool:
    """Whether operations on tensors that require grad record a graph now.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> with torch.no_grad():
    ...     torch.is_grad_enabled()
    False
    """
    return _grad_mode.enabled


class _GradModeSwitch:
    """Set the grad mode inside a ``with`` block or a decorated function, then restore it."""

    def __init__(self, mode: bool) -> None:
        self.mode = bool(mode)
        self._saved: list[bool] = []

    def __enter__(self) -> None:
        self._saved.append(_grad_mode.enabled)
        _grad_mode.enabled = self.mode

    def __exit__(self, *exc_info: object) -> None:
        _grad_mode.enabled = self._saved.pop()

    def __call__(self, function: Callable) -> Callable:
        mode = self.mode

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with _GradModeSwitch(mode):
                return function(*args, **kwargs)

        wrapper.__name__ = getattr(function, "__name__", "wrapper")
        wrapper.__doc__ = function.__doc__
        wrapper.__wrapped__ = function
        return wrapper


class set_grad_enabled(_GradModeSwitch):
    """Turn graph recording on or off: a plain call, a context manager or a decorator.

    Parameters
    ----------
    mode : bool
        ``True`` records graphs, ``False`` does not.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> x = torch.tensor([1.0], requires_grad=True)
    >>> with torch.set_grad_enabled(False):
    ...     (x * 2).requires_grad
    False
    >>> torch.is_grad_enabled()
    True
    """

    def __init__(self, mode: bool = True) -> None:
        super().__init__(mode)
        # As in PyTorch, the call itself switches the mode (torch.set_grad_enabled(False)
        # on its own line turns recording off); `with` and decorators put it back.
        self._previous = _grad_mode.enabled
        _grad_mode.enabled = self.mode

    def __enter__(self) -> None:
        self._saved.append(self._previous)  # the mode from before the call
        _grad_mode.enabled = self.mode

    def __call__(self, function: Callable) -> Callable:
        _grad_mode.enabled = self._previous  # a decorator switches only while the function runs
        return super().__call__(function)


class no_grad(_GradModeSwitch):
    """Do not record a graph: for updates of weights and for evaluation.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> w = torch.tensor([1.0], requires_grad=True)
    >>> with torch.no_grad():
    ...     y = w * 2
    >>> y.requires_grad
    False
    """

    def __init__(self) -> None:
        super().__init__(False)


class enable_grad(_GradModeSwitch):
    """Record a graph again, inside a ``no_grad`` block.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> x = torch.tensor([1.0], requires_grad=True)
    >>> with torch.no_grad():
    ...     with torch.enable_grad():
    ...         (x * 2).requires_grad
    True
    """

    def __init__(self) -> None:
        super().__init__(True)


# --------------------------------------------------------------------------
# 2. Nodes of the graph
# --------------------------------------------------------------------------

# Every node gets the next number.  The backward pass runs the most recently
# created node first among those that are ready, as PyTorch does, so the order
# a student steps through is the order PyTorch would use.
_sequence = itertools.count()
_LEAF_SEQUENCE = 1 << 62


class _VersionCounter:
    """How many times a tensor's memory was changed in place; views share it."""

    __slots__ = ("value",)

    def __init__(self) -> None:
        self.value = 0

    # PyTorch's `t._version` is an int: read, compared and printed like one here too.
    def __int__(self) -> int:
        return self.value

    __index__ = __int__

    def __eq__(self, other: object) -> bool:
        return self.value == (other.value if isinstance(other, _VersionCounter) else other)

    __hash__ = None  # mutable, so not a dict key

    def __repr__(self) -> str:
        return repr(self.value)


class Node:
    """One recorded operation: PyTorch's ``grad_fn``.

    A node knows its operation (the op table's entry with its derivative
    rules), what those rules need (``saved``), and where the gradient goes
    next (``next_functions``: one ``(node, 0)`` pair per input that can
    take a gradient, ``(None, 0)`` where this one needs none, e.g. a
    constant; masks and indices have no entry).  Each op has its own subclass,
    named as PyTorch names it (``MulBackward0``), so ``type(y.grad_fn)``
    reads as it does in PyTorch.

    After a backward pass, ``grad`` is the gradient that flowed into this
    node's output and ``input_grads`` what it sent to each input; ``value``
    is the value the operation produced.  The graph pictures show these,
    and ``constants``: the inputs that take no gradient.
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
        self.retained: weakref.ref | None = None
        # Per entry of next_functions: the value of an input that takes no
        # gradient (a constant such as the 2 in x * 2), else None.  Pictures only.
        self.constants: tuple | None = None

    def name(self) -> str:
        """The node's PyTorch name, e.g. ``'MulBackward0'``."""
        return type(self).__name__

    def __repr__(self) -> str:
        return f"<{type(self).__name__} object at {id(self):#x}>"

    def _free_saved(self) -> None:
        if self.saved:
            self.saved = None
            self.saved_freed = True

    def _check_saved(self) -> dict:
        """The saved values, after checking they are still there and unchanged."""
        saved = self.saved
        if saved is None:
            if self.saved_freed:
                raise _errors.backward_twice()
            return {}
        for name, version in self.saved_versions:
            tensor = saved[name]
            if tensor._version.value != version:
                # A saved output is named after this node (PyTorch keeps its
                # producer); a saved input after its grad_fn as it is now.
                producer = self if name == "out" else tensor.grad_fn
                description = _describe_saved(tensor, producer)
                raise _errors.modified_by_inplace(description, tensor._version.value, version)
        return saved


def _describe_saved(tensor: Tensor, producer: Node | None) -> str:
    # PyTorch's wording: "[torch.FloatTensor [2]], which is output 0 of Add,"
    shape = ", ".join(str(n) for n in tensor._array.shape)
    text = f"[{tensor.dtype.legacy_type} [{shape}]]"
    if producer is not None:
        text += f", which is output 0 of {producer.name().removesuffix('0').removesuffix('Backward')},"
    return text


class AccumulateGrad:
    """The node at a leaf: it adds the gradient that arrives into ``.grad``."""

    __slots__ = ("variable", "grad", "sequence_nr", "__weakref__")
    next_functions = ()
    op = None
    saved_freed = False
    input_grads = None

    def __init__(self, variable: Tensor) -> None:
        self.variable = variable
        self.grad: np.ndarray | None = None
        # Numbers above every op's, in creation order (the pictures number
        # leaves by it); in the backward pass's queue all leaves tie.
        self.sequence_nr = _LEAF_SEQUENCE + next(_sequence)

    def name(self) -> str:
        return "torch::autograd::AccumulateGrad"  # PyTorch's name, C++ namespace and all

    def __lt__(self, other: object) -> bool:
        return False  # ready leaves tie in the backward pass's queue (see _queue_priority)

    def __repr__(self) -> str:
        return f"<AccumulateGrad object at {id(self):#x}>"


# --------------------------------------------------------------------------
# 3. Tensor
# --------------------------------------------------------------------------


class Tensor:
    """An n-dimensional array that can record how it was computed.

    Create tensors with :func:`autograd_lab.tensor` (``Tensor(...)`` and
    ``FloatTensor(...)`` are the legacy spellings: a list gives the values,
    integers give a shape).  Operations on tensors with
    ``requires_grad=True`` record a graph; ``backward()`` walks it back and
    leaves the gradients in ``.grad``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> x = torch.tensor([2.0], requires_grad=True)
    >>> z = (x + 2) ** 2 + 3
    >>> z
    tensor([19.], grad_fn=<AddBackward0>)
    >>> z.backward()
    >>> x.grad
    tensor([8.])
    """

    __slots__ = (
        "_array",
        "_requires_grad",
        "grad_fn",
        "_grad",
        "_version",
        "_base",
        "_accumulator",
        "_retains_grad",
        "_view_path",
        "_copy_on_write",
        "__weakref__",
    )
    # NumPy defers to our reflected operators (ndarray * tensor -> Tensor.__rmul__).
    __array_ufunc__ = None

    def __init__(self, *args: Any) -> None:
        # Legacy constructor: Tensor([1, 2]) gives values, Tensor(2, 3) a shape.
        _init_legacy(self, args, float32)

    # -- construction used by the library itself (no argument parsing) ------
    @staticmethod
    def _wrap(array: np.ndarray, requires_grad: bool = False) -> Tensor:
        tensor = object.__new__(Tensor)
        tensor._array = array
        tensor._requires_grad = requires_grad
        tensor.grad_fn = None
        tensor._grad = None
        tensor._version = _VersionCounter()
        tensor._base = None
        tensor._accumulator = None
        tensor._retains_grad = False
        tensor._view_path = None
        tensor._copy_on_write = False
        return tensor

    # -- what a tensor is --------------------------------------------------
    @property
    def shape(self) -> Size:
        """The size of each dimension, as ``torch.Size``."""
        return Size(self._array.shape)

    def size(self, dim: int | None = None) -> Size | int:
        """The shape, or the size of one dimension.

        Examples
        --------
        >>> import autograd_lab as torch
        >>> torch.zeros(2, 3).size(1)
        3
        """
        if dim is None:
            return Size(self._array.shape)
        return self._array.shape[_normalize_dim(dim, self._array.ndim)]

    def dim(self) -> int:
        """The number of dimensions."""
        return self._array.ndim

    ndim = property(dim)

    def numel(self) -> int:
        """The number of elements."""
        return self._array.size

    @property
    def dtype(self) -> dtype:
        """The element type, e.g. ``torch.float32``."""
        return from_numpy_dtype(self._array.dtype)

    def type(self) -> str:
        """The legacy type name, e.g. ``'torch.FloatTensor'``."""
        return self.dtype.legacy_type

    def is_floating_point(self) -> bool:
        """Whether the elements are floats (only these can require grad)."""
        return self._array.dtype.kind == "f"

    @property
    def device(self) -> str:
        """Always ``'cpu'``: autograd_lab computes with NumPy."""
        return "cpu"

    @property
    def is_leaf(self) -> bool:
        """``True`` for tensors the user created, ``False`` for computed ones."""
        return self.grad_fn is None

    @property
    def requires_grad(self) -> bool:
        """Whether gradients are computed for this tensor."""
        return self._requires_grad

    @requires_grad.setter
    def requires_grad(self, flag: bool) -> None:
        if self.grad_fn is not None:
            raise _errors.requires_grad_non_leaf(bool(flag))
        if flag and self._array.dtype.kind != "f":
            raise _errors.requires_grad_not_float(method=True)
        self._requires_grad = bool(flag)

    def requires_grad_(self, requires_grad: bool = True) -> Tensor:
        """Set ``requires_grad`` in place and return this tensor.

        Examples
        --------
        >>> import autograd_lab as torch
        >>> torch.ones(2).requires_grad_()
        tensor([1., 1.], requires_grad=True)
        """
        if self.grad_fn is not None and requires_grad:
            return self  # a computed tensor already requires grad: nothing to change (PyTorch agrees)
        self.requires_grad = requires_grad
        return self

    @property
    def grad(self) -> Tensor | None:
        """The gradient backward() accumulated here (leaves, or after retain_grad())."""
        if self.grad_fn is not None and not self._retains_grad and self._grad is None:
            warnings.warn(_errors.NON_LEAF_GRAD_WARNING, UserWarning, stacklevel=2)
        return self._grad

    @grad.setter
    def grad(self, value: Tensor | None) -> None:
        if value is not None and value._array.shape != self._array.shape:
            raise _errors.assign_grad_shape(value._array.shape, self._array.shape)
        self._grad = value

    @property
    def data(self) -> Tensor:
        """The same memory, cut off from the graph *and* from version tracking.

        Unlike :meth:`detach`, changes made through ``.data`` are invisible to
        autograd: the old, unsafe way, kept because old lessons use it.
        """
        return Tensor._wrap(self._own())

    @data.setter
    def data(self, value: Tensor) -> None:
        self._array = value._own()
        self._copy_on_write = False

    def detach(self) -> Tensor:
        """A tensor sharing this one's memory, cut off from the graph.

        Examples
        --------
        >>> import autograd_lab as torch
        >>> x = torch.tensor([1.0], requires_grad=True)
        >>> (x * 2).detach()
        tensor([2.])
        """
        alias = Tensor._wrap(self._own())
        alias._version = self._version  # in-place changes stay visible to autograd
        return alias

    def retain_grad(self) -> None:
        """Keep this non-leaf tensor's gradient in ``.grad`` after backward()."""
        if not self._requires_grad:
            raise RuntimeError(
                "can't retain_grad on Tensor that has requires_grad=False Hint: only tensors "
                "computed from tensors that require grad have a gradient to keep."
            )
        if self.grad_fn is None:
            return
        self._retains_grad = True
        self.grad_fn.retained = weakref.ref(self)

    # -- leaving the tensor world ------------------------------------------
    def numpy(self) -> np.ndarray:
        """The values as a NumPy array sharing this tensor's memory."""
        if self._requires_grad:
            raise _errors.numpy_requires_grad()
        return self._own()

    def __array__(self, dtype: Any = None, copy: bool | None = None) -> np.ndarray:
        array = self.numpy()
        return array if dtype is None else array.astype(dtype)

    def item(self) -> float | int | bool:
        """The one value of a one-element tensor, as a Python number."""
        if self._array.size != 1:
            raise _errors.item_not_scalar(self._array.size)
        return self._array.reshape(()).item()

    def tolist(self) -> Any:
        """The values as (nested) Python lists."""
        return self._array.tolist()

    def __len__(self) -> int:
        if self._array.ndim == 0:
            raise TypeError("len() of a 0-d tensor")
        return self._array.shape[0]

    def __iter__(self) -> Iterator[Tensor]:
        if self._array.ndim == 0:
            raise TypeError("iteration over a 0-d tensor")
        return (self[i] for i in range(self._array.shape[0]))

    def __bool__(self) -> bool:
        if self._array.size != 1:
            raise RuntimeError(
                "Boolean value of Tensor with more than one value is ambiguous "
                "Hint: use .any() or .all(), or compare one element."
            )
        return bool(self._array.reshape(()))

    def __float__(self) -> float:
        return float(self.item())

    def __int__(self) -> int:
        return int(self.item())

    def __index__(self) -> int:
        if self._array.dtype.kind not in "iu" or self._array.size != 1:
            raise TypeError("only integer tensors of a single element can be converted to an index")
        return int(self.item())

    __hash__ = object.__hash__  # tensors hash by identity, as in PyTorch

    def __repr__(self) -> str:
        if self.grad_fn is not None:
            suffixes = (f"grad_fn=<{self.grad_fn.name()}>",)
        elif self._requires_grad:
            suffixes = ("requires_grad=True",)
        else:
            suffixes = ()
        return format_tensor(self._array, dtype=self.dtype.name, suffixes=suffixes)

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        if self._array.ndim == 0 and spec:
            return format(self.item(), spec)
        return repr(self)

    # -- memory shared with the graph ----------------------------------------
    def _own(self) -> np.ndarray:
        """This tensor's array, after making it this tensor's alone if it was copy-on-write.

        backward() stores the gradients it computes in ``.grad`` without
        copying them, as PyTorch does; but the graph keeps the same arrays as
        its record of the pass (the pictures show them).  Such a ``.grad`` is
        copy-on-write: before anything writes into its memory, or gets to share
        it (``.numpy()``, ``.data``, a view), it takes a copy of its own, so
        the record never changes.
        """
        if self._copy_on_write:
            self._array = self._array.copy()
            self._copy_on_write = False
        return self._array

    # -- in-place operations -------------------------------------------------
    def _check_inplace(self) -> None:
        if _grad_mode.enabled:
            if self._requires_grad and self.grad_fn is None:
                raise _errors.leaf_inplace()
            base = self._base
            if base is not None and base._requires_grad:
                if base.grad_fn is None:
                    raise _errors.leaf_inplace(view=True)
                if self._view_path is None:  # e.g. a transposed view: not tracked
                    raise _errors.view_of_graph_inplace()

    def _write(self, values: np.ndarray) -> Tensor:
        """Write ``values`` into this tensor's memory, keeping its dtype, and count the change."""
        array = self._array
        if self._copy_on_write:
            array = np.empty_like(array)  # every element is overwritten: no need to copy first
        try:
            np.copyto(array, values, casting="same_kind")
        except TypeError:
            raise _errors.inplace_cast(values.dtype, array.dtype) from None
        except ValueError:
            raise _errors.inplace_on_expanded() from None
        self._array = array
        self._copy_on_write = False
        self._version.value += 1
        return self

    def _inplace(self, result: Tensor) -> Tensor:
        """Make this tensor hold ``result``: new values, and its history if any."""
        self._check_inplace()
        if self._base is not None and (result.grad_fn is not None or self._base._requires_grad):
            # A view shares its base's memory, so the base gets the new history
            # too: a CopySlices node, as in PyTorch (y[0] += 1 goes this way).
            if self._view_path is None:
                raise _errors.view_of_graph_inplace()
            from .ops.shape import write_through_view

            return write_through_view(self, result)
        self._write(result._array)
        if result.grad_fn is not None:
            old = self.grad_fn
            self.grad_fn = result.grad_fn
            self._requires_grad = True
            # The node describes the new value; reading it later must see it.
            result.grad_fn.value = self._array
            if self._retains_grad:  # retain_grad() follows the tensor to its new node
                result.grad_fn.retained = weakref.ref(self)
                if old is not None:
                    old.retained = None
        return self

    def _history_alias(self) -> Tensor:
        """This tensor's current value and history, kept apart before an in-place change.

        A copy of the values: the new node may save them, and the in-place
        write is about to overwrite the original.
        """
        alias = Tensor._wrap(self._array.copy(), self._requires_grad)
        alias.grad_fn = self.grad_fn
        alias._accumulator = self._accumulator
        return alias

    def __setitem__(self, index: Any, value: Any) -> None:
        from .ops import copy_slices

        if _grad_mode.enabled and self._requires_grad and self.grad_fn is None:
            # PyTorch writes through a view when the index selects one, and says so.
            raise _errors.leaf_inplace(view=_writes_through_view(self._array.shape, index))
        self._check_inplace()
        copy_slices(self, index, value)

    # -- backward ----------------------------------------------------------
    def backward(
        self,
        gradient: Tensor | None = None,
        retain_graph: bool | None = None,
        create_graph: bool = False,
        inputs: Sequence[Tensor] | None = None,
    ) -> None:
        """Compute the gradient of this tensor with respect to the graph's leaves.

        The gradients are added to each leaf's ``.grad`` (they accumulate
        over calls: zero them between steps).

        Parameters
        ----------
        gradient : Tensor, optional
            Needed when this tensor has more than one element: the weight of
            each element, so that backward computes the vector-Jacobian
            product ``gradient @ J``.
        retain_graph : bool, optional
            Keep the values saved for backward so that it can run again.
            Defaults to ``create_graph``.
        create_graph : bool
            Record the backward pass itself, for higher-order gradients.
        inputs : sequence of Tensor, optional
            Accumulate only into these tensors' ``.grad``.

        Examples
        --------
        >>> import autograd_lab as torch
        >>> x = torch.tensor([3.0], requires_grad=True)
        >>> y = x * 2 + x ** 2 + 3
        >>> y.backward()
        >>> x.grad
        tensor([8.])
        """
        backward((self,), None if gradient is None else (gradient,), retain_graph, create_graph, inputs)


def _init_legacy(tensor: Tensor, args: tuple, default: dtype) -> None:
    from .creation import legacy_array

    array = legacy_array(args, default)
    tensor._array = array
    tensor._requires_grad = False
    tensor.grad_fn = None
    tensor._grad = None
    tensor._version = _VersionCounter()
    tensor._base = None
    tensor._accumulator = None
    tensor._retains_grad = False
    tensor._view_path = None
    tensor._copy_on_write = False


def _writes_through_view(shape: tuple, index: Any) -> bool:
    """Whether PyTorch runs ``t[index] = v`` on a view of ``t`` rather than on ``t`` itself.

    PyTorch first applies the basic part of the index (integers, None, slices
    that do not cover the whole dimension), which makes a view; lists, masks,
    ``...`` and full slices write into ``t`` itself.
    """
    items = index if isinstance(index, tuple) else (index,)
    consumed = sum(
        1 for item in items if item is not None and item is not Ellipsis and not isinstance(item, bool)
    )
    dim = 0
    for item in items:
        if item is Ellipsis:
            dim += len(shape) - consumed
            continue
        if item is None or isinstance(item, (bool, int, np.integer)):
            return True
        if isinstance(item, Tensor) and item._array.ndim == 0:
            return True  # a 0-d tensor index is read as an integer
        if isinstance(item, slice) and dim < len(shape) and item.indices(shape[dim]) != (0, shape[dim], 1):
            return True
        dim += 1
    return False


def _normalize_dim(dim: int, ndim: int) -> int:
    top = max(ndim, 1)
    if not -top <= dim < top:
        raise _errors.dim_out_of_range(dim, ndim)
    return dim % top


def _accumulator_of(leaf: Tensor) -> AccumulateGrad:
    # PyTorch keeps one AccumulateGrad per leaf, referenced weakly by the leaf.
    ref = leaf._accumulator
    node = ref() if ref is not None else None
    if node is None:
        node = AccumulateGrad(leaf)
        leaf._accumulator = weakref.ref(node)
    return node


def gradient_edge(tensor: Tensor) -> Node | AccumulateGrad | None:
    """Where a gradient for ``tensor`` goes: its grad_fn, its leaf node, or nowhere."""
    if tensor.grad_fn is not None:
        return tensor.grad_fn
    if tensor._requires_grad:
        return _accumulator_of(tensor)
    return None


# --------------------------------------------------------------------------
# 4. The backward pass
# --------------------------------------------------------------------------

# Called as listener(roots) after every backward() (the Jupyter layer draws
# the graph from here), and as tracer(step) for each node inside
# `trace_backward()` (the step-through widget replays those steps).
_backward_listeners: list[Callable[[tuple], None]] = []
_tracer: Callable[[dict], None] | None = None


class trace_backward:
    """Record each step of the backward passes run inside the block, in execution order.

    Each step is a dict: ``node``, the gradient arriving there (``grad``),
    and what it sent to each input (``input_grads``).

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
        global _tracer
        self._previous = _tracer
        _tracer = self.steps.append
        return self.steps

    def __exit__(self, *exc_info: object) -> None:
        global _tracer
        _tracer = self._previous


def add_backward_listener(listener: Callable[[tuple], None]) -> None:
    """Call ``listener(outputs)`` after each completed ``backward()``."""
    if listener not in _backward_listeners:
        _backward_listeners.append(listener)


def remove_backward_listener(listener: Callable[[tuple], None]) -> None:
    """Stop calling a listener added by :func:`add_backward_listener`."""
    if listener in _backward_listeners:
        _backward_listeners.remove(listener)


def backward(
    tensors: Sequence[Tensor],
    grad_tensors: Sequence[Tensor | None] | None = None,
    retain_graph: bool | None = None,
    create_graph: bool = False,
    inputs: Sequence[Tensor] | None = None,
) -> None:
    """Accumulate into the leaves' ``.grad`` the gradients of ``tensors``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> x = torch.tensor([1.0, 2.0], requires_grad=True)
    >>> torch.autograd.backward([(x * x).sum()])
    >>> x.grad
    tensor([2., 4.])
    """
    if isinstance(tensors, Tensor):
        tensors = (tensors,)
    tensors = tuple(tensors)
    roots, root_grads = _roots_and_grads(tensors, grad_tensors, create_graph)
    targets = None
    if inputs is not None:
        # Where each chosen input's gradient arrives, and the tensor to store it in.
        chosen = [inputs] if isinstance(inputs, Tensor) else inputs
        targets = {gradient_edge(t): t for t in chosen if t._requires_grad}
        for t in chosen:
            if t.grad_fn is not None:
                t.retain_grad()  # as PyTorch does: a later backward() adds into it too
    run_backward(
        roots,
        root_grads,
        retain_graph=create_graph if retain_graph is None else retain_graph,
        create_graph=create_graph,
        accumulate_into=targets,
    )
    for listener in tuple(_backward_listeners):
        listener(tensors)


def _roots_and_grads(tensors: tuple, grad_tensors: Any, create_graph: bool) -> tuple[list, list]:
    if grad_tensors is None:
        grad_tensors = (None,) * len(tensors)
    elif isinstance(grad_tensors, Tensor):
        grad_tensors = (grad_tensors,)
    roots, grads = [], []
    for index, (tensor, grad) in enumerate(zip(tensors, grad_tensors, strict=True)):
        node = gradient_edge(tensor)
        if node is None:
            raise _errors.no_grad_fn(index)
        if grad is None:
            if tensor._array.size != 1:
                raise _errors.implicit_grad_non_scalar()
            grad = Tensor._wrap(np.array(1, tensor._array.dtype).reshape(tensor._array.shape))
        else:
            if not isinstance(grad, Tensor):
                grad = Tensor._wrap(np.asarray(grad, dtype=tensor._array.dtype))
            if grad._array.shape != tensor._array.shape:
                raise _errors.grad_shape_mismatch(grad._array.shape, tensor._array.shape)
            if not create_graph:
                # Cut off from the graph, and a view: the user's memory, which
                # .grad must copy (it keeps without a copy only arrays the pass made).
                grad = Tensor._wrap(grad._array.view())
        roots.append(node)
        grads.append(grad)
    return roots, grads


def _graph_dependencies(roots: list, wanted: dict | None) -> tuple[dict, set | None]:
    """Count, for each node, how many edges bring it a gradient.

    Iterative, so that a chain of 100,000 operations needs no recursion.
    With ``wanted`` (the nodes whose gradients autograd.grad returns, or
    backward's ``inputs``), also find the nodes that lead to one of them:
    only those need to run.
    """
    dependencies: dict = {}
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


def run_backward(
    roots: list,
    root_grads: list[Tensor],
    *,
    retain_graph: bool,
    create_graph: bool,
    capture: dict | None = None,
    accumulate_into: dict | None = None,
) -> dict | None:
    """The engine: send gradients from ``roots`` back through the graph.

    Two modes: gradients travel as NumPy arrays (fast), or with
    ``create_graph`` as tensors, so that the pass is itself recorded.
    Two destinations: ``.grad`` of the leaves (backward(); with
    ``accumulate_into``, only of those tensors, keyed by their node), or
    ``capture``, which maps nodes to the gradient arriving there and
    touches no ``.grad`` (autograd.grad).
    """
    arrays = not create_graph
    wanted = capture if capture is not None else accumulate_into
    dependencies, useful = _graph_dependencies(roots, wanted)
    # Gradients waiting at each node, summed as they arrive (the chain rule's
    # sum over paths).
    pending: dict = {}
    for node, grad in zip(roots, root_grads, strict=True):
        value = grad._array if arrays else grad
        pending[node] = pending[node] + value if node in pending else value
    # Ready nodes, newest first, leaves before anything: PyTorch's queue.
    ready: list = []
    last_edge = {node: i for i, node in enumerate(roots)}
    for i, node in enumerate(roots):
        # PyTorch pushes a root once its last edge from the start of the pass has
        # run, one by one, in order (not heapify).  Of several roots, one that
        # leads to none of the wanted nodes is left out; a single root is always
        # visited (its retain_grad() still sees the gradient), though not run.
        wanted_or_only = useful is None or node in useful or len(last_edge) == 1
        if last_edge[node] == i and node not in dependencies and wanted_or_only:
            heapq.heappush(ready, (_queue_priority(node), node))
    tracer = _tracer
    # A leaf's node would come off the heap next anyway (leaves come first),
    # so when nobody watches the order, store its .grad at once.
    store_leaves_now = tracer is None and capture is None
    recording = _grad_mode.enabled
    _grad_mode.enabled = create_graph  # rules record a graph only for create_graph
    try:
        while ready:
            node = heapq.heappop(ready)[1]
            if node in pending:
                grad = _arrived(node, pending.pop(node), arrays)
                if type(node) is AccumulateGrad:
                    if capture is not None:  # autograd.grad: returned, not stored
                        if node in capture:
                            capture[node] = grad
                        continue
                    _store_leaf(node, grad, accumulate_into, create_graph)
                    if tracer is not None:
                        tracer({"node": node, "grad": node.grad, "input_grads": ()})
                    continue
                # A non-leaf's .grad (backward(inputs=[y]), retain_grad()) is stored
                # before the rules run, as PyTorch's hooks do, and only once.
                target = accumulate_into.get(node) if accumulate_into is not None else None
                if target is not None:
                    _accumulate(target, grad, create_graph)
                if node.retained is not None:
                    tensor = node.retained()
                    if tensor is not None and tensor is not target:
                        _accumulate(tensor, grad, create_graph)
                if capture is not None and node in capture:
                    capture[node] = grad
                if useful is not None and target is None:
                    if not any(child in dependencies for child, _ in node.next_functions):
                        continue  # nothing wanted beyond it (a captured or lone root): not run, as in PyTorch
                input_grads = _apply_rules(node, grad, useful, arrays)
                if tracer is not None:
                    tracer({"node": node, "grad": node.grad, "input_grads": node.input_grads})
                if not retain_graph:
                    node._free_saved()
            else:
                # Only None arrived (a custom Function's backward may return None
                # for an input): nothing to compute, but the edges still count as run.
                input_grads = (None,) * len(node.next_functions)
            for (child, _), child_grad in zip(node.next_functions, input_grads, strict=True):
                if child_grad is not None:
                    pending[child] = pending[child] + child_grad if child in pending else child_grad
                elif child not in dependencies:
                    continue  # no input there, or one this pass does not need
                left = dependencies[child] - 1
                dependencies[child] = left
                if left:
                    continue
                if type(child) is AccumulateGrad and store_leaves_now:
                    if child in pending:
                        grad = _arrived(child, pending.pop(child), arrays)
                        _store_leaf(child, grad, accumulate_into, create_graph)
                else:
                    heapq.heappush(ready, (_queue_priority(child), child))
    finally:
        _grad_mode.enabled = recording
    return capture


def _queue_priority(node: Node | AccumulateGrad) -> int:
    """A node's place in the ready queue (smallest first): leaves, then the newest operation.

    All leaves share one priority, as in PyTorch, so among ready leaves the
    heap's own order decides (AccumulateGrad's ``<`` is always False, a tie;
    heapq breaks ties as C++'s priority_queue does).
    """
    return _LEAF_PRIORITY if type(node) is AccumulateGrad else -node.sequence_nr


_LEAF_PRIORITY = -(1 << 64)


def _arrived(node: Node | AccumulateGrad, grad: Any, arrays: bool) -> Any:
    """The total gradient at ``node``, also recorded on it for the pictures."""
    if arrays:
        if type(grad) is not np.ndarray:
            grad = np.asarray(grad)  # NumPy returns scalars for 0-d results
        node.grad = grad
    else:
        node.grad = grad._array
    return grad


def _store_leaf(node: AccumulateGrad, grad: Any, accumulate_into: dict | None, create_graph: bool) -> None:
    if accumulate_into is None or node in accumulate_into:
        _accumulate(node.variable, grad, create_graph)


def _apply_rules(node: Node, grad: Any, useful: set | None, arrays: bool) -> tuple:
    """The chain rule at one node: each input's gradient, from the op's rules."""
    saved = node._check_saved()
    input_grad = node.op.input_grad
    grads = []
    index = 0
    for (child, _), shape in zip(node.next_functions, node.input_shapes, strict=True):
        if child is None or (useful is not None and child not in useful):
            grads.append(None)
        else:
            g = input_grad(index, grad, node, saved, arrays)
            if g is grad and arrays:
                # Passed on unchanged (add): other edges, and the record, get the
                # same array, so hand on a view (.grad keeps only unshared arrays).
                g = grad.view()
            if g is not None and g.shape != shape:  # None: a custom Function's "no gradient"
                g = _sum_to(g, shape)  # undo broadcasting: the one place it happens
            grads.append(g)
        index += 1
    grads = tuple(grads)
    node.input_grads = grads if arrays else tuple(None if g is None else g._array for g in grads)
    return grads


_sum_to_size: Callable[[Any, tuple], Any] | None = None


def _sum_to(grad: Any, shape: tuple) -> Any:
    global _sum_to_size
    if _sum_to_size is None:  # ops builds on this module: look it up once, not per call
        from .ops import sum_to_size as _sum_to_size
    return _sum_to_size(grad, shape)


def _accumulate(tensor: Tensor, grad: Any, create_graph: bool) -> None:
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
            from .ops import clone

            tensor._grad = clone(grad)  # a copy that stays differentiable
        elif (
            type(grad) is np.ndarray
            and grad.base is None
            and grad.dtype == tensor._array.dtype
            and tensor.grad_fn is None  # a non-leaf's gradient also goes on to its node's rules
        ):
            # An array a rule computed for this edge alone (one passed on
            # unchanged, or the user's `gradient`, comes as a view): keep it
            # without a copy, as PyTorch does, copy-on-write.
            tensor._grad = Tensor._wrap(grad)
            tensor._grad._copy_on_write = True
        else:
            values = grad if not isinstance(grad, Tensor) else grad._array
            tensor._grad = Tensor._wrap(np.array(values, dtype=tensor._array.dtype))
    elif create_graph or tensor.grad_fn is not None:
        tensor._grad = current + grad
    else:
        if current._copy_on_write:  # add into a new array: the old one is the graph's record
            current._array = np.add(current._array, grad, out=np.empty_like(current._array))
            current._copy_on_write = False
        else:
            current._array += grad
        current._version.value += 1  # an in-place change, as PyTorch counts it
