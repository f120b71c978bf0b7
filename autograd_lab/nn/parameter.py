"""``nn.Parameter``: a tensor that a module registers as one of its learnable weights."""

from __future__ import annotations

import sys
from typing import Any

import numpy as np

from .. import creation, messages
from .._dtype import from_numpy_dtype
from ..tensor import Tensor


class Parameter(Tensor, torch_module="torch.nn.parameter"):
    """A tensor that is a module's parameter: assigned to a module, it joins ``parameters()``.

    It shares memory with the tensor it wraps and requires grad unless told
    otherwise.  Results computed from it are plain tensors.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> nn.Parameter(torch.tensor([1.0, 2.0]))
    Parameter containing:
    tensor([1., 2.], requires_grad=True)
    """

    __slots__ = ()

    def __new__(cls, data: Tensor | None = None, requires_grad: bool = True) -> Parameter:
        if type(requires_grad) is not bool:  # (PyTorch's parser, in the C function Parameter calls)
            raise messages.error(
                "parameter_requires_grad_not_bool", type_name=messages.type_name(requires_grad)
            )
        array = np.zeros(0, np.float32) if data is None else data._own()
        parameter = Tensor._wrap(array, cls=cls)
        if data is not None:
            parameter._version_counter = data._version_counter  # the same memory: one count of changes
        parameter.requires_grad = requires_grad
        return parameter

    def __repr__(self) -> str:
        return "Parameter containing:\n" + super().__repr__()

    __str__ = __repr__

    def __reduce_ex__(self, protocol: Any) -> Any:
        # (the values as a tensor pickles them: in shared memory, shared with the other process too)
        return (Parameter, (Tensor._wrap(self._array), self._requires_grad))

    def __deepcopy__(self, memo: dict) -> Parameter:
        if id(self) not in memo:
            memo[id(self)] = Parameter(Tensor._wrap(self._array.copy()), self._requires_grad)
        return memo[id(self)]


# -- lazy modules' parameters ----------------------------------------------------------------------

_VALUES = Tensor._array  # the slot holding a tensor's values, read past UninitializedParameter's guard


def _refuse_use(self: Tensor) -> np.ndarray:
    raise messages.error("nn_uninitialized_use", name=type(self).__name__, where=_used_in(sys._getframe(1)))


def _used_in(frame: Any) -> str:
    """`` in <method 'numel' ...>``: the Tensor method (or op) that read the values, as PyTorch's message names
    it: the nearest of the callers (past a helper or two, such as ``values_of``) named as a Tensor method."""
    for _ in range(3):
        if frame is None:
            break
        name = frame.f_code.co_name
        op = frame.f_locals.get("op") if name == "apply" else None  # (an op: x * 2 names 'mul')
        name = getattr(op, "name", name)
        if op is not None or (not name.startswith("_") and hasattr(Tensor, name)):
            return f" in <method '{name}' of 'torch._C.TensorBase' objects>"
        frame = frame.f_back
    return ""


class _UninitializedTensorMixin:
    """What ``UninitializedParameter`` and ``UninitializedBuffer`` share (PyTorch's ``UninitializedTensorMixin``).

    No values: the shape and any operation raise; ``materialize`` gives the
    tensor values and turns it into its ``cls_to_become``.
    """

    __slots__ = ()
    cls_to_become: type = Tensor
    _requires_grad_default = False
    _array = property(_refuse_use, _VALUES.__set__)

    def __new__(cls, requires_grad: bool | None = None, device: Any = None, dtype: Any = None) -> Any:
        tensor = Tensor._wrap(creation.empty(0, device=device, dtype=dtype)._array, cls=cls)
        tensor._requires_grad = cls._requires_grad_default if requires_grad is None else requires_grad
        return tensor

    def materialize(self, shape: Any, device: Any = None, dtype: Any = None) -> None:
        """Give the tensor values of ``shape`` (zeros until the layer draws them); it becomes ``cls_to_become``."""
        dtype = self.dtype if dtype is None else dtype
        values = creation.empty(shape, device=device, dtype=dtype)._array
        self.__class__ = self.cls_to_become
        self._array = values

    @property
    def data(self) -> Tensor:
        """An empty plain tensor, as PyTorch gives: ``lazy.weight.data.normal_()`` changes nothing."""
        return Tensor._wrap(_VALUES.__get__(self))

    @data.setter
    def data(self, value: Tensor) -> None:
        Tensor.data.fset(self, value)

    @property
    def shape(self) -> Any:
        raise messages.error("nn_uninitialized_shape")

    @property
    def dtype(self) -> Any:
        return from_numpy_dtype(_VALUES.__get__(self).dtype)

    @property
    def device(self) -> Any:
        """Known before the values, as PyTorch knows it (``next(model.parameters()).device``)."""
        return Tensor.device.fget(Tensor._wrap(_VALUES.__get__(self)))

    def is_floating_point(self) -> bool:
        return _VALUES.__get__(self).dtype.kind == "f"

    def _retype(self, dtype: Any) -> None:
        """Materialise later as ``dtype`` (what ``module.double()`` does to a lazy parameter)."""
        _VALUES.__set__(self, creation.empty(0, dtype=dtype)._array)

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"

    __str__ = __repr__

    def __reduce_ex__(self, protocol: Any) -> Any:
        return (type(self), (self._requires_grad,))

    def __deepcopy__(self, memo: dict) -> Any:
        if id(self) not in memo:
            memo[id(self)] = type(self)(self._requires_grad, dtype=self.dtype)
        return memo[id(self)]


class UninitializedParameter(_UninitializedTensorMixin, Parameter, torch_module="torch.nn.parameter"):
    """A parameter whose shape is not known yet: what a lazy layer (``nn.LazyLinear``) holds before its first call.

    It has no values: its shape and any operation on it raise, as in
    PyTorch. The layer's first forward ``materialize``s it: it becomes a plain
    :class:`Parameter` of the shape the input implies.

    Examples
    --------
    >>> from autograd_lab import nn
    >>> weight = nn.parameter.UninitializedParameter()
    >>> weight
    <UninitializedParameter>
    >>> weight.materialize((2, 3))
    >>> type(weight).__name__, weight.shape
    ('Parameter', torch.Size([2, 3]))
    """

    __slots__ = ()
    cls_to_become = Parameter
    _requires_grad_default = True


class _BufferMeta(type(Tensor)):
    """``isinstance(t, nn.Buffer)``: a tensor marked as a buffer is one (``nn.Buffer(...)`` gives a plain tensor)."""

    def __instancecheck__(cls, instance: Any) -> bool:
        if cls is Buffer and isinstance(instance, Tensor) and getattr(instance, "_is_buffer", False):
            return True
        return super().__instancecheck__(instance)


class Buffer(Tensor, metaclass=_BufferMeta, torch_module="torch.nn.parameter"):
    """A tensor that becomes a module's buffer when assigned to it (``self.running = nn.Buffer(t)``), as
    ``register_buffer`` makes one; ``persistent=False`` keeps it out of ``state_dict``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> class Counter(nn.Module):
    ...     def __init__(self):
    ...         super().__init__()
    ...         self.steps = nn.Buffer(torch.zeros(1))
    >>> list(Counter().state_dict())
    ['steps']
    """

    def __new__(cls, data: Tensor | None = None, *, persistent: bool = True) -> Tensor:
        if data is None:
            data = creation.empty(0)
        made = data.detach().requires_grad_(data.requires_grad)
        made.persistent = persistent
        made._is_buffer = True
        return made


class UninitializedBuffer(_UninitializedTensorMixin, Tensor, torch_module="torch.nn.parameter"):
    """A buffer whose shape is not known yet: a lazy batch norm's running statistics before its first call.

    Examples
    --------
    >>> from autograd_lab import nn
    >>> running_mean = nn.parameter.UninitializedBuffer()
    >>> running_mean
    <UninitializedBuffer>
    >>> running_mean.materialize((3,))
    >>> type(running_mean).__name__, running_mean.shape, running_mean.requires_grad
    ('Tensor', torch.Size([3]), False)
    """

    __slots__ = ()


def is_lazy(param: Any) -> bool:
    """Whether ``param`` is an :class:`UninitializedParameter` or :class:`UninitializedBuffer` (a lazy layer's, before its first call).

    Examples
    --------
    >>> from autograd_lab import nn
    >>> nn.parameter.is_lazy(nn.LazyLinear(3).weight), nn.parameter.is_lazy(nn.Linear(2, 3).weight)
    (True, False)
    """
    return isinstance(param, _UninitializedTensorMixin)
