"""The Tensor: a NumPy array plus what autograd needs to know about it.

A tensor holds its values (``_array``), whether it takes part in autograd
(``requires_grad``), the node that computed it (``grad_fn``) and, after
``backward()``, its gradient (``grad``).  This file holds the Tensor alone:

- the operations (``+``, ``exp``, ``sum``, indexing ...) are declared in the
  op table, ``autograd_lab.ops``, which attaches them to Tensor as methods;
- in-place changes, views and their versions are ``autograd_lab._views``;
- ``backward()`` runs the engine, ``autograd_lab.autograd.engine``.

Tensor reaches ``creation`` and the engine through the package at call time,
as ``torch/_tensor.py`` does, because both of them build on Tensor.
"""

from __future__ import annotations

import operator
import warnings
import weakref
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

import autograd_lab

from . import messages
from ._classname import PyTorchName
from ._device import CPU, META, MetaArray, device
from ._dtype import Size, default_float, dtype, from_numpy_dtype
from ._grad_mode import _grad_mode
from ._printing import format_meta, format_tensor
from ._storage import Pickled, place_in_memory, view_into
from .messages import errors


class VersionCounter:
    """How many times a tensor's memory was changed in place; views share one counter."""

    __slots__ = ("value",)

    def __init__(self) -> None:
        self.value = 0

    def bump(self) -> None:
        """Count one in-place change."""
        self.value += 1


class _NoVersion:
    """The counter of inference tensors (made under inference_mode): PyTorch keeps none for them."""

    __slots__ = ()

    @property
    def value(self) -> int:
        raise messages.error("inference_version")

    def bump(self) -> None:
        """An in-place change inside inference_mode: nothing to count."""


INFERENCE = _NoVersion()
_new_object = object.__new__


class Tensor(metaclass=PyTorchName, torch_module="torch"):
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
        "_array",  # the values: a NumPy array
        "_requires_grad",  # a leaf's flag (a computed tensor requires grad through its grad_fn)
        "_grad_fn",  # the node that computed this tensor (None for a leaf); read it as grad_fn
        "_grad",  # .grad
        "_version_counter",  # in-place changes so far, shared with views (_views.VersionCounter)
        "_view",  # for a view: its base and how it was made (_views.ViewInfo), else None
        "_accumulator",  # a leaf's AccumulateGrad node, held weakly
        "_retains_grad",  # retain_grad() was called
        "_copy_on_write",  # _array is also the graph's record: copy before writing (see _own)
        "_backward_hooks",  # a leaf's register_hook hooks (a computed tensor's live on its node)
        "__weakref__",
        # Attributes of the user's own (out.g = ... in a hand-written backward; an optimizer's p.grad_avg), as
        # PyTorch's tensors take them: the dict is made only when one is set.
        "__dict__",
    )
    # NumPy defers to our reflected operators (ndarray * tensor -> Tensor.__rmul__), as it does to
    # PyTorch's tensors; its own functions (np.cos(t), np.round(t, 2)) read the values through __array__
    # and give a tensor back through __array_wrap__.
    __array_priority__ = 1000

    def __new__(cls, *args: Any, device: Any = None, size: Any = None, **keywords: Any) -> Tensor:
        # Legacy constructor: Tensor([1, 2]) gives values, Tensor(2, 3) or Tensor(size=(2, 3)) a shape,
        # Tensor(t) an alias of t (the same memory and dtype, as PyTorch's: AliasBackward0 if t requires
        # grad); device= the CPU only.
        creation = autograd_lab.creation
        if keywords:  # (Tensor([1.], requires_grad=True), a slip for torch.tensor: no such form)
            raise errors.legacy_keywords(args, keywords)
        args = creation.legacy_arguments(args, size)
        if device is not None:
            creation.check_legacy_device(device, args)
        if len(args) == 1 and isinstance(args[0], Tensor) and cls is Tensor:
            return autograd_lab.ops.shape.alias_op(args[0])
        return creation.new_tensor(creation.legacy_array(args, default_float()), cls)

    # -- construction used by the library itself (no argument parsing) ------
    @staticmethod
    def _wrap(array: np.ndarray, requires_grad: bool = False, cls: type | None = None) -> Tensor:
        """A new tensor holding ``array``: the one place that sets every slot."""
        tensor = _new_object(cls or Tensor)
        tensor._array = array
        tensor._requires_grad = requires_grad
        tensor._grad_fn = None
        tensor._grad = None
        counter = _new_object(VersionCounter)  # (VersionCounter() without the call of its __init__)
        counter.value = 0
        tensor._version_counter = counter
        tensor._view = None
        tensor._accumulator = None
        tensor._retains_grad = False
        tensor._copy_on_write = False
        tensor._backward_hooks = None
        return tensor

    def __reduce_ex__(self, protocol: Any) -> tuple:
        """Pickled as PyTorch pickles a tensor: its memory and its place in it, ``requires_grad`` and its own
        attributes (not its graph, nor its ``.grad``); a tensor in shared memory, for another process, by the
        memory's name (``share_memory_``, a Hogwild lesson's model)."""
        from . import _shared_memory

        shared = _shared_memory.reduce_shared(self)
        found = place_in_memory(self._array) if type(self._array) is np.ndarray else None
        if shared is not None:
            block, place = shared
            rebuild, args = _from_shared, (block, place, self._requires_grad, type(self))
        elif found is not None:
            memory, offset = found
            place = (offset, self._array.shape, self._array.strides, self._array.dtype.str)
            rebuild, args = from_pickled, (Pickled(memory), place, self._requires_grad, type(self))
        else:  # (a meta tensor, negative strides: the values as an array)
            rebuild, args = _from_values, (np.array(self._array), self._requires_grad, type(self))
        attributes = getattr(self, "__dict__", None)
        return (rebuild, args, attributes) if attributes else (rebuild, args)

    def __deepcopy__(self, memo: dict) -> Tensor:
        """A copy with memory of its own, and of its ``.grad`` and attributes, as PyTorch's: of a leaf only (a
        computed tensor's copy would need its graph).  Tensors copied together that share memory (a tensor and
        its views, as a model's state) share the copies' memory; a copied leaf is a leaf of its own, so its
        gradients never reach the original.
        """
        import copy

        if self.grad_fn is not None:
            raise messages.error("deepcopy_non_leaf")
        if id(self) in memo:
            return memo[id(self)]
        new = Tensor._wrap(_copied_memory(self._array, memo), self._requires_grad, type(self))
        memo[id(self)] = new
        if self._grad is not None:
            new._grad = copy.deepcopy(self._grad, memo)
        attributes = getattr(self, "__dict__", None)
        if attributes:
            new.__dict__.update(copy.deepcopy(attributes, memo))
        return new

    @staticmethod
    def _make_subclass(
        cls: type, data: Tensor, require_grad: bool = False, *args: Any, **kwargs: Any
    ) -> Tensor:
        """``data``'s values (the same memory) as a new leaf of class ``cls``: how a ``Tensor`` subclass's
        ``__new__`` makes its instances (fastai's, and PyTorch's own ``nn.Parameter``).

        Examples
        --------
        >>> import autograd_lab as torch
        >>> class Weight(torch.Tensor):
        ...     def __new__(cls, x):
        ...         return torch.Tensor._make_subclass(cls, x, True)
        >>> Weight(torch.tensor([1.0, 2.0]))
        Weight([1., 2.], requires_grad=True)
        """
        made = Tensor._wrap(data._own(), cls=cls)
        made._version_counter = data._version_counter  # the same memory: one count of changes
        made._requires_grad = bool(require_grad)
        return made

    def as_subclass(self, cls: type) -> Tensor:
        """This tensor as an instance of ``cls`` (a ``Tensor`` subclass): the same memory, and, if it requires
        grad, still in the graph (an ``AliasBackward0`` node).

        Examples
        --------
        >>> import autograd_lab as torch
        >>> class Marked(torch.Tensor):
        ...     pass
        >>> torch.tensor([1.0]).as_subclass(Marked)
        Marked([1.])
        """
        alias = autograd_lab.ops.shape.alias_op(self)
        alias.__class__ = cls
        return alias

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
        return self._array.shape[normalize_dim(dim, self._array.ndim)]

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

    def type(self, dtype: Any = None, non_blocking: bool = False, **kwargs: Any) -> str | Tensor:
        """The legacy type name (``'torch.FloatTensor'``), or with an argument, this tensor converted.

        Examples
        --------
        >>> import autograd_lab as torch
        >>> torch.tensor([1, 2]).type()
        'torch.LongTensor'
        >>> torch.tensor([1, 2]).type(torch.FloatTensor)
        tensor([1., 2.])
        """
        if dtype is None:
            return self.dtype.legacy_type
        if not isinstance(dtype, autograd_lab.dtype):
            name = dtype if isinstance(dtype, str) else getattr(dtype, "__name__", repr(dtype))
            if getattr(dtype, "is_cuda", False) or name.startswith("torch.cuda."):  # torch.cuda.FloatTensor
                raise messages.error("cuda_type_conversion")
            found = [
                d for d in autograd_lab._dtype.DTYPES if d.legacy_type.split(".")[-1] == name.split(".")[-1]
            ]
            if not found:
                raise messages.error("invalid_tensor_type", name=name)
            dtype = found[0]
        return self.to(dtype)

    @property
    def retains_grad(self) -> bool:
        """Whether ``retain_grad()`` was called on this non-leaf tensor."""
        return self._retains_grad

    def detach_(self) -> Tensor:
        """Cut this tensor off from the graph, in place: it becomes a leaf that does not require grad.

        Examples
        --------
        >>> import autograd_lab as torch
        >>> y = torch.ones(2, requires_grad=True) * 2
        >>> y.detach_().requires_grad
        False
        """
        if self._view is not None:
            raise messages.error("detach_view_inplace")
        self._grad_fn = None
        self._requires_grad = False
        return self

    def is_floating_point(self) -> bool:
        """Whether the elements are floats (only these can require grad)."""
        return self._array.dtype.kind == "f"

    @property
    def device(self) -> device:
        """Where the values live: ``device(type='cpu')`` (NumPy), or ``meta`` for a shape without data."""
        return META if type(self._array) is MetaArray else CPU

    @property
    def volatile(self) -> bool:
        """Removed in PyTorch 0.4 (``torch.no_grad()`` replaces it): always False, with PyTorch's warning."""
        messages.warn("volatile_always_false")
        return False

    @volatile.setter
    def volatile(self, value: Any) -> None:
        messages.warn("volatile_removed")  # (and no effect, as in PyTorch)

    @property
    def is_meta(self) -> bool:
        """Whether the tensor is on the ``meta`` device: a shape and a dtype, no data."""
        return type(self._array) is MetaArray

    @property
    def grad_fn(self) -> Any:
        """The node that computed this tensor (``None`` for a leaf): PyTorch's ``grad_fn``.

        For a view whose base (or another view of it) was changed in place
        since, the node is made again from the base, as PyTorch does.
        """
        view = self._view
        if view is not None:
            return view.grad_fn_of(self)
        return self._grad_fn

    @property
    def _version(self) -> int:
        """How many times this tensor's memory was changed in place (shared with its views)."""
        return self._version_counter.value

    @property
    def _base(self) -> Tensor | None:
        """The tensor this one is a view of, or ``None``."""
        view = self._view
        return None if view is None else view.base

    def is_inference(self) -> bool:
        """Whether this tensor was made inside ``inference_mode()`` (autograd refuses it later)."""
        return self._version_counter is INFERENCE

    def _is_view(self) -> bool:
        """Whether this tensor is a view of another one's memory."""
        return self._view is not None

    @property
    def is_leaf(self) -> bool:
        """``True`` for tensors the user created, ``False`` for computed ones."""
        return self.grad_fn is None

    @property
    def requires_grad(self) -> bool:
        """Whether gradients are computed for this tensor."""
        view = self._view
        if view is None or self._requires_grad:
            return self._requires_grad
        # A view requires grad with its base, even one taken under no_grad (PyTorch agrees).
        return self._grad_fn is not None or view.base._requires_grad

    @requires_grad.setter
    def requires_grad(self, flag: bool) -> None:
        if type(flag) is not bool:  # (p.requires_grad = 1: PyTorch takes True or False only)
            raise messages.error("requires_grad_not_bool")
        if self.grad_fn is not None:
            raise errors.requires_grad_non_leaf(bool(flag))
        if flag and self._array.dtype.kind != "f":
            raise errors.requires_grad_not_float(method=True)
        if flag and self._version_counter is INFERENCE and not autograd_lab.is_inference_mode_enabled():
            raise messages.error("inference_requires_grad")
        self._requires_grad = bool(flag)

    def requires_grad_(self, requires_grad: bool = True) -> Tensor:
        """Set ``requires_grad`` in place and return this tensor.

        Examples
        --------
        >>> import autograd_lab as torch
        >>> torch.ones(2).requires_grad_()
        tensor([1., 1.], requires_grad=True)
        """
        if type(requires_grad) is not bool:
            raise messages.error("requires_grad_flag_not_bool", type_name=messages.type_name(requires_grad))
        if self.grad_fn is not None and requires_grad:
            return self  # a computed tensor already requires grad: nothing to change (PyTorch agrees)
        self.requires_grad = requires_grad
        return self

    @property
    def grad(self) -> Tensor | None:
        """The gradient backward() accumulated here (leaves, or after retain_grad())."""
        if self.grad_fn is not None and not self._retains_grad and self._grad is None:
            warnings.warn(messages.text("non_leaf_grad"), UserWarning, stacklevel=2)
        return self._grad

    @grad.setter
    def grad(self, value: Tensor | None) -> None:
        if value is not None and not isinstance(value, Tensor):
            type_name = f"{type(value).__module__}.{type(value).__qualname__}".removeprefix("builtins.")
            raise messages.error("assign_grad_type", type_name=type_name)
        if value is not None and value._array.shape != self._array.shape:
            raise errors.assign_grad_shape(value._array.shape, self._array.shape)
        if value is not None and value._array.dtype != self._array.dtype:
            raise messages.error(
                "assign_grad_dtype",
                found=errors.c_type_name(value._array.dtype),
                expected=errors.scalar_type_name(self._array.dtype),
            )
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
        if not isinstance(value, Tensor):  # (w.data = np.ones(2): torch.from_numpy was forgotten)
            raise messages.error("data_not_tensor", type_name=messages.type_name(value))
        if value._array.dtype.kind != "f" and self.requires_grad:
            raise messages.error("data_requires_grad_dtype")
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
        alias._version_counter = self._version_counter  # in-place changes stay visible to autograd
        return alias

    def retain_grad(self) -> None:
        """Keep this non-leaf tensor's gradient in ``.grad`` after backward()."""
        if not self.requires_grad:
            raise errors.retain_grad_no_grad()
        if self.grad_fn is None:
            return
        self._retains_grad = True
        self.grad_fn.retained = weakref.ref(self)

    def register_hook(self, hook: Any) -> Any:
        """Call ``hook(grad)`` when this tensor's gradient is computed; it may return a new gradient.

        Returns a handle whose ``remove()`` takes the hook away.

        Examples
        --------
        >>> import autograd_lab as torch
        >>> x = torch.tensor([1.0, 2.0], requires_grad=True)
        >>> handle = x.register_hook(lambda grad: grad * 10)
        >>> (x * x).sum().backward()
        >>> x.grad
        tensor([20., 40.])
        """
        return autograd_lab.autograd.engine.register_tensor_hook(self, hook)

    def register_post_accumulate_grad_hook(self, hook: Any) -> Any:
        """Call ``hook(self)`` after ``backward()`` adds this leaf's gradient into ``.grad``.

        The hook returns nothing; it may use ``self.grad`` (an optimizer step
        made during the backward pass, say). Returns a handle whose
        ``remove()`` takes the hook away.

        Examples
        --------
        >>> import autograd_lab as torch
        >>> w = torch.tensor([1.0, 2.0], requires_grad=True)
        >>> handle = w.register_post_accumulate_grad_hook(lambda p: print("w.grad is", p.grad))
        >>> (w * w).sum().backward()
        w.grad is tensor([2., 4.])
        """
        return autograd_lab.autograd.engine.register_post_accumulate_grad_hook(self, hook)

    # -- leaving the tensor world ------------------------------------------
    def numpy(self, *, force: bool = False) -> np.ndarray:
        """The values as a NumPy array sharing this tensor's memory.

        A tensor that requires grad is refused while gradients are recorded
        (the array would carry no history); under ``no_grad()``, or with
        ``force=True`` (``x.detach().numpy()``), it is given, as in PyTorch.

        Examples
        --------
        >>> import autograd_lab as torch
        >>> torch.tensor([1.5], requires_grad=True).numpy(force=True)
        array([1.5], dtype=float32)
        """
        if _grad_mode.enabled and self.requires_grad and not force:
            raise errors.numpy_requires_grad()
        if type(self._array) is MetaArray:
            raise messages.error("meta_numpy")
        return self._own()

    def __array__(self, dtype: Any = None, copy: bool | None = None) -> np.ndarray:
        # NumPy's protocol: np.array(t) asks for a copy (copy=True), np.asarray(t) shares the memory, as with
        # PyTorch's tensors; copy=False refuses a conversion that would copy.
        array = self.numpy()
        if dtype is not None and np.dtype(dtype) != array.dtype:
            if copy is False:
                raise ValueError("Unable to avoid copy while creating an array as requested.")
            return array.astype(dtype)
        return array.copy() if copy else array

    def __array_wrap__(self, array: np.ndarray, context: Any = None, return_scalar: bool = False) -> Tensor:
        """A NumPy function's result on tensors, as a tensor (bools as uint8, as PyTorch gives them back)."""
        if array.dtype == np.bool_:
            array = array.astype(np.uint8)
        return autograd_lab.creation.from_numpy(np.asarray(array))

    def item(self) -> float | int | bool:
        """The one value of a one-element tensor, as a Python number."""
        if self._array.size != 1:
            raise errors.item_not_scalar(self._array.size)
        if type(self._array) is MetaArray:
            raise messages.error("meta_item")
        return self._array.reshape(()).item()

    def tolist(self) -> Any:
        """The values as (nested) Python lists."""
        if type(self._array) is MetaArray:
            raise messages.error("meta_no_data")
        return self._array.tolist()

    def __sizeof__(self) -> int:
        # sys.getsizeof(t), as PyTorch's: the Python object's own 48 bytes, whatever the size; the values
        # live in the storage, which it does not count (torchkeras' summary prints it as the input size)
        return 48

    def __len__(self) -> int:
        if self._array.ndim == 0:
            raise TypeError("len() of a 0-d tensor")
        return self._array.shape[0]

    def __iter__(self) -> Iterator[Tensor]:
        if self._array.ndim == 0:
            raise TypeError("iteration over a 0-d tensor")
        return iter(self.unbind(0))  # (PyTorch's: the rows come from one UnbindBackward0 node)

    def __contains__(self, element: Any) -> bool:
        """``element in x``: whether any element of ``x`` equals it (broadcast: a row of a matrix too)."""
        if not isinstance(element, (Tensor, bool, int, float, complex, np.number, np.bool_)):
            raise messages.error("contains_type", type_repr=repr(type(element)))
        return bool((element == self).any().item())

    def __bool__(self) -> bool:
        if self._array.size == 0:
            raise messages.error("bool_no_values")
        if self._array.size != 1:
            raise messages.error("bool_ambiguous")
        if type(self._array) is MetaArray:
            raise messages.error("meta_item")
        return bool(self._array.reshape(()))

    def __float__(self) -> float:
        # (x.item() says it means the number alone; float(x) may not.)  PyTorch warns once per process, and
        # not under no_grad (its optimizers call float(loss) there).
        if self.requires_grad and _grad_mode.enabled:
            messages.warn_once("float_requires_grad")
        return float(self._one_number())

    def __int__(self) -> int:
        return int(self._one_number())

    def __complex__(self) -> complex:
        return complex(self._one_number())

    def _one_number(self) -> float | int | bool:
        """item() for float(x), int(x), complex(x) and math's functions: a ValueError, not item()'s
        RuntimeError, when x has more than one element (matplotlib tells a tensor's rows apart by it)."""
        if self._array.size != 1:
            raise messages.error("number_not_one_element")
        return self.item()

    def __index__(self) -> int:
        if self._array.dtype.kind not in "iu" or self._array.size != 1:
            raise messages.error("tensor_as_index")
        return int(self.item())

    __hash__ = object.__hash__  # tensors hash by identity, as in PyTorch

    def __repr__(self) -> str:
        grad_fn = self.grad_fn
        if grad_fn is not None:
            suffixes = (f"grad_fn=<{type(grad_fn).__name__}>",)
        elif self._requires_grad:
            suffixes = ("requires_grad=True",)
        else:
            suffixes = ()
        if _grad_mode.forward_ad:  # a dual tensor (autograd.forward_ad) shows its tangent
            tangent = autograd_lab.autograd.forward_ad.tangent_of(self)
            if tangent is not None:
                suffixes = (*suffixes, f"tangent={tangent}")
        if type(self._array) is MetaArray:  # no values to show: PyTorch prints the shape instead
            return format_meta(self._array, self.dtype.name, suffixes)
        # a subclass of the user's prints its name (Weight([1., 2.])), as PyTorch prints it
        ours = type(self) is Tensor or "_torch_name" in type(self).__dict__  # (ours are named as PyTorch's)
        prefix = "tensor(" if ours else f"{type(self).__name__}("
        return format_tensor(self._array, dtype=self.dtype.name, suffixes=suffixes, prefix=prefix)

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        if self._array.ndim == 0 and type(self) is Tensor and type(self._array) is not MetaArray:
            return format(self.item(), spec)  # a number: f"{loss:.4f}" reads 0.2500, as in PyTorch
        # the tensor's text; a format spec for a tensor of several numbers is Python's TypeError, as in PyTorch
        return object.__format__(self, spec)

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
        autograd_lab.autograd.engine.backward((self,), gradient, retain_graph, create_graph, inputs)


def as_index(value: Any) -> Any:
    """A one-element integer (or bool) tensor as its number, as PyTorch's argument parser reads one wherever
    it takes an int (``x.chunk(mask.sum())``, ``x.sum(dim=torch.tensor([1]))``); anything else as it is."""
    if isinstance(value, Tensor) and value._array.size == 1 and value._array.dtype.kind in "iub":
        return operator.index(value) if value._array.dtype.kind != "b" else int(value._array.item())
    return value


def normalize_dim(dim: int, ndim: int) -> int:
    """``dim`` as a non-negative index into ``ndim`` dimensions (a 0-d tensor takes 0 and -1)."""
    top = max(ndim, 1)
    if not -top <= dim < top:
        raise errors.dim_out_of_range(dim, ndim)
    if type(dim) is bool:  # (True is 1 to Python: PyTorch refuses it, so a slip such as max(x, True) shows)
        raise messages.error("dim_is_bool")
    return dim % top


def _copied_memory(array: np.ndarray, memo: dict) -> np.ndarray:
    """``array`` in a copy of its memory, made once per memory in one deepcopy (``memo``), at the same place."""
    found = place_in_memory(array)
    if found is None:
        return array.copy(order="K")
    memory, offset = found
    copied = memo.get(id(memory))
    if copied is None:
        copied = memo[id(memory)] = memory.copy()
        memo.setdefault(id(memo), []).append(memory)  # (copy's own rule: keep what memo's ids name alive)
    return view_into(copied, array.dtype, offset, array.shape, array.strides)


def _from_values(array: np.ndarray, requires_grad: bool, cls: type) -> Tensor:
    """A pickled tensor back from its values (see ``Tensor.__reduce_ex__``)."""
    tensor = Tensor._wrap(array, cls=cls)
    tensor._requires_grad = requires_grad
    return tensor


def from_pickled(memory: Pickled, place: tuple, requires_grad: bool, cls: type) -> Tensor:
    """A pickled (or saved) tensor back from its memory and its place in it (see ``Tensor.__reduce_ex__``)."""
    offset, shape, strides, kind = place
    return _from_values(view_into(memory.memory, np.dtype(kind), offset, shape, strides), requires_grad, cls)


def _from_shared(block: tuple, place: tuple, requires_grad: bool, cls: type) -> Tensor:
    """In another process: a tensor over the shared memory block ``(name, size)`` (see ``share_memory_``)."""
    from . import _shared_memory

    offset, shape, strides, kind = place
    root = _shared_memory.attached(*block)
    array = np.ndarray(shape, np.dtype(kind), buffer=root, offset=offset, strides=strides)
    return _from_values(array, requires_grad, cls)
