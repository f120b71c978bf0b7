"""In-place methods (``add_``, ``zero_``, ``+=`` ...) and dtype conversions.

An in-place method changes the tensor's memory and bumps its version
counter, so that a backward pass that needs the old value notices.  On a
tensor that is part of a graph it also replaces the tensor's history: the
old history becomes the input of the new node, as in PyTorch.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from .. import _device, _views, messages
from .._device import MetaArray, as_device
from .._dtype import bfloat16, dtype, float16, float32, float64, int8, int16, int32, int64, uint8
from .._dtype import bool as bool_
from .._memory_format import laid_out, preserve_format, strided, suggested
from ..creation import number_into, stored_number
from ..messages import errors
from ..tensor import Tensor
from . import elementwise
from ._core import defop, export, methods, rule, values_of
from .elementwise import _named, _same_in_place, add, clamp, div, mul, sub
from .shape import _sum_back, _zeros_like_grad, fill_tensor_op


def _inplace_method(function: Callable[..., Tensor], allow_overlap: bool = False) -> Callable[..., Tensor]:
    """``x.op_(...)`` from the op ``op``: computed out of place, then written in (see _views.run_inplace)."""

    def method(self: Tensor, *args: Any, **kwargs: Any) -> Tensor:
        return _views.run_inplace(self, function, *args, allow_overlap=allow_overlap, **kwargs)

    name = getattr(function, "__name__", None) or function.name
    method.__name__ = name + "_"
    method.__doc__ = f"In-place version of ``{name}``: changes this tensor and returns it."
    return method


zero_op = defop("zero", "ZeroBackward0", "0", np.zeros_like,
                 a=rule("∂0/∂a = 0", _zeros_like_grad))
fill_op = defop("fill", "FillBackward2", "fill", lambda a, value: np.full_like(a, number_into(value, a.dtype)),
                a=rule("∂(fill with c)/∂a = 0", _zeros_like_grad))


# torch.fill(x, value): a new tensor of x's shape and dtype, all ``value`` (a number, or a 0-d tensor)
fill_scalar_op = defop("fill_scalar", "FillBackward0", "fill",
                       lambda a, value: np.full_like(a, number_into(value, a.dtype)),
                       a=rule("∂(fill with c)/∂a = 0", _zeros_like_grad))
fill_value_op = defop("fill_value", "FillBackward1", "fill", lambda a, b: np.full_like(a, b),
                      a=rule("∂(fill with v)/∂a = 0", _zeros_like_grad),
                      b=rule("∂(fill with v)/∂v = Σ grad", lambda grad: _sum_back(grad, ())))


@export
def fill(input: Tensor, value: Any) -> Tensor:
    """A new tensor of ``input``'s shape, dtype and layout, every element ``value`` (a number or a 0-d tensor).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.fill(torch.tensor([1, 2, 3]), 7.9)
    tensor([7, 7, 7])
    """
    if isinstance(value, Tensor):
        if value._array.ndim:
            raise messages.error("fill_not_0d", ndim=value._array.ndim)
        return fill_value_op(input, value)
    return fill_scalar_op(input, value=value)


def _fill(self: Tensor, value: Any) -> Tensor:
    if isinstance(value, Tensor):
        if value._array.ndim:
            raise messages.error("fill_not_0d", ndim=value._array.ndim)
        return fill_tensor_op(self, value)
    return fill_op(self, value=value)


def _zero(self: Tensor) -> Tensor:
    return zero_op(self)


def _clamp(self: Tensor, min: float | None = None, max: float | None = None) -> Tensor:
    if self._array.dtype.kind in "iub" and any(isinstance(bound, float) for bound in (min, max)):
        raise messages.error("clamp_cast", target="bool" if self._array.dtype == np.bool_ else "long int")
    return clamp(self, min, max)


to_copy = defop(
    "to_copy", "ToCopyBackward0", "cast",
    lambda a, dtype, a_dtype, memory_format=None: laid_out(a.astype(dtype, copy=False), memory_format),
    a=rule("∂(cast a)/∂a = 1", lambda grad, a_dtype: to_copy(grad, dtype=a_dtype, a_dtype=values_of(grad).dtype)),
)


def to(
    self: Tensor, *args: Any, dtype: dtype | None = None, device: Any = None, copy: bool = False, **kwargs: Any
) -> Tensor:
    """This tensor converted to ``dtype`` (itself if it already has it, unless ``copy=True``).

    Takes PyTorch's forms: ``to(dtype)``, ``to(device)``, ``to(device, dtype)``,
    ``to(other_tensor)`` (its dtype and device); the devices here are the CPU and ``"meta"``
    (shapes only: a meta tensor has no data to copy back).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.tensor([1, 2]).to(torch.float32)
    tensor([1., 2.])
    >>> torch.tensor([1.0]).to("cpu", torch.float64)
    tensor([1.], dtype=torch.float64)
    """
    unknown = {k: v for k, v in kwargs.items() if k not in ("non_blocking", "memory_format")}
    if unknown:
        raise errors.to_invalid_combination(args, unknown)
    flags = []  # to(dtype, non_blocking, copy): the booleans after the dtype or device
    for arg in args:
        if isinstance(arg, Tensor):
            dtype, device = arg.dtype, arg.device
        elif isinstance(arg, bool):
            flags.append(arg)
        elif hasattr(arg, "numpy"):
            dtype = arg
        else:
            device = arg
    copy = copy or (len(flags) > 1 and flags[1])
    moves = False  # between the CPU and the shapes-only meta device
    if device is not None:
        moves = as_device(device, factory=False).type != self.device.type
        if moves and self.is_meta:
            raise messages.error("meta_no_data")
    layout = kwargs.get("memory_format")
    if layout is preserve_format or (layout is not None and suggested(self._array) is layout):
        layout = None  # laid out so already (as PyTorch reads the strides)
    if not copy and not moves and layout is None and (dtype is None or self._array.dtype == dtype.numpy):
        return self
    target = self._array.dtype if dtype is None else dtype.numpy
    if layout is None:
        result = to_copy(self, dtype=target, a_dtype=self._array.dtype)
    else:
        result = to_copy(self, dtype=target, a_dtype=self._array.dtype, memory_format=layout)
    if moves:  # to the meta device: the copy keeps its node (ToCopyBackward0) but shows no data
        result._array = result._array.view(MetaArray)
    return result if target.kind == "f" else result.detach()  # integers and bools take no gradient


def _cpu(self: Tensor) -> Tensor:
    """This tensor on the CPU: itself, since every tensor is there."""
    return self


def to_gpu(tensor: Tensor, kind: str, device: Any) -> Tensor:
    """``tensor.cuda(device)`` (``kind`` "cuda") or ``.xpu(device)``: fails as PyTorch fails on a machine
    without that GPU, and, as there, for a device of another kind (``x.cuda("cpu")``)."""
    if device is not None:
        found = device if isinstance(device, _device.device) else _device.device(device)  # (a bad string raises)
        if found.type != kind:
            raise messages.error("device_not_a_gpu", kind=kind)
    as_device(kind, factory=False)
    return tensor  # not reached: as_device raises for a GPU


def _cuda(self: Tensor, device: Any = None, non_blocking: bool = False, **memory_format: Any) -> Tensor:
    """This tensor on a GPU: fails as PyTorch fails on a machine without CUDA."""
    return to_gpu(self, "cuda", device)


def _xpu(self: Tensor, device: Any = None, non_blocking: bool = False, **memory_format: Any) -> Tensor:
    """This tensor on an Intel GPU: fails as PyTorch fails on a machine without one."""
    return to_gpu(self, "xpu", device)


def _is_cuda(self: Tensor) -> bool:
    """Whether the tensor is on a CUDA GPU: never."""
    return False


def _never(what: str) -> property:
    """A ``Tensor.is_<kind>`` property that is always False here: NumPy arrays on the CPU, dense, strided."""

    def never(self: Tensor) -> bool:
        return False

    never.__doc__ = f"Whether the tensor is {what}: never, here."
    return property(never)


_NEVER = {
    "is_xpu": "on an Intel GPU", "is_mps": "on an Apple GPU (Metal)", "is_ipu": "on a Graphcore IPU",
    "is_xla": "on an XLA device (TPU)", "is_mtia": "on an MTIA device", "is_maia": "on a MAIA device",
    "is_vulkan": "on a Vulkan device", "is_mkldnn": "in MKL-DNN's layout", "is_sparse": "sparse (COO)",
    "is_sparse_csr": "sparse (CSR)", "is_quantized": "quantized", "is_nested": "a nested tensor",
}  # fmt: skip


def _strided(self: Tensor) -> Any:
    """How the tensor is stored: ``torch.strided`` (dense, with strides), as every tensor here."""
    return strided


def _false(self: Tensor) -> bool:
    """False here: no tensor is conjugated or negated lazily."""
    return False


def _is_shared(self: Tensor) -> bool:
    """Whether the values are in memory that processes share (after ``share_memory_``)."""
    from .. import _shared_memory  # (loaded when first asked for: `import autograd_lab` stays quick)

    return _shared_memory.is_shared(self)


def _share_memory_(self: Tensor) -> Tensor:
    """Move the values into memory that processes share (a Hogwild lesson's model); returns the tensor."""
    from .. import _shared_memory

    return _shared_memory.share_memory_(self)


# -- sparse tensors: none here (branch s22) --------------------------------------------------------------------


def _no_sparse(name: str) -> Callable[..., Any]:
    """``x.to_sparse()``, ``torch.sparse_coo_tensor(...)``: refused in words that say so (it was an
    AttributeError suggesting ``is_sparse``)."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise messages.error("sparse_unsupported", name=name)

    refuse.__name__ = name
    refuse.__doc__ = f"``{name}``: PyTorch's sparse tensors, which autograd_lab does not have (it raises)."
    return refuse


def _to_dense(self: Tensor, dtype: Any = None, *, masked_grad: bool = True) -> Tensor:
    """The tensor itself, dense as every tensor here (``to(dtype)`` if a dtype is given)."""
    return self if dtype is None else self.to(dtype)


@export
def spmm(input: Tensor, mat2: Tensor) -> Tensor:
    """PyTorch's sparse × dense product, which for two dense tensors is :func:`mm` (a GCN lesson's ``torch.spmm``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.spmm(torch.eye(2), torch.ones(2, 2))
    tensor([[1., 1.],
            [1., 1.]])
    """
    return input.mm(mat2)


for _name in ("sparse_coo_tensor", "sparse_csr_tensor", "sparse_csc_tensor", "sparse_compressed_tensor"):
    export(_no_sparse(_name), name=_name)
methods({
    **{name: _no_sparse(name) for name in ("to_sparse", "to_sparse_coo", "to_sparse_csr", "to_sparse_csc")},
    "to_dense": _to_dense,
})  # fmt: skip


def _resize(self: Tensor, *sizes: Any) -> Tensor:
    """``x.resize(*sizes)`` (deprecated in PyTorch, with its warning): a copy laid out row by row, viewed as
    ``sizes``, which must hold as many elements."""
    messages.warn("resize_deprecated")
    count = math.prod(sizes)
    if count != self._array.size:
        shown = "x".join(str(n) for n in self._array.shape)
        raise messages.error(
            "resize_count", sizes="x".join(map(str, sizes)), count=count, shape=shown, size=self._array.size
        )
    return self.contiguous().view(*sizes)


def _resize_(self: Tensor, *sizes: Any, memory_format: Any = None) -> Tensor:
    """``x.resize_(*sizes)``: the tensor's memory read as ``sizes`` (Udacity's ``images.resize_(64, 784)``).

    As PyTorch's: the same shape leaves it as it is; otherwise the elements are taken in the order of
    memory, as many as the new shape holds, and a bigger shape adds zeros after them (PyTorch leaves
    that memory uninitialised).  A tensor that requires grad cannot be resized.
    """
    if self.requires_grad:
        raise messages.error("resize_requires_grad")
    shape = tuple(int(n) for n in (sizes[0] if len(sizes) == 1 and not isinstance(sizes[0], int) else sizes))
    if any(n < 0 for n in shape):
        raise messages.error("resize_negative")
    array = self._own()
    if shape == array.shape:
        return self
    count = math.prod(shape)
    in_memory = array.ravel(order="K")  # (the order of memory, as PyTorch's storage; a view where it can be)
    if count <= in_memory.size:
        self._array = in_memory[:count].reshape(shape)
    else:
        grown = np.zeros(count, array.dtype)
        grown[: in_memory.size] = in_memory
        self._array = grown.reshape(shape)
    self._version_counter.bump()
    return self


def _resize_as_(self: Tensor, other: Tensor, memory_format: Any = None) -> Tensor:
    """``x.resize_as_(other)``: :meth:`resize_` to ``other``'s shape."""
    return _resize_(self, other.shape)


def _get_device(self: Tensor) -> int:
    """The GPU's number, or -1 for a tensor on the CPU (always here)."""
    return -1


def _is_pinned(self: Tensor, device: Any = None) -> bool:
    """Whether the tensor is in page-locked memory for fast copies to a GPU: never here."""
    return False


def _pin_memory(self: Tensor, device: Any = None) -> Tensor:
    """PyTorch's error on a machine without a GPU: page-locked memory needs one."""
    raise messages.error("pin_memory_no_accelerator")


# -- x.apply_(f), x.map_(y, f), x.map2_(y, z, f): a Python function on each element ------------------------


def _apply_(self: Tensor, *args: Any, **kwargs: Any) -> Tensor:
    """Replace each element with ``callable(element)``: ``x.apply_(callable)``, in place.

    The function gets each element as a Python number, in the order of
    ``x.flatten()``, and returns one number.  It is one Python call per
    element, so only for small tensors; and it cannot be on a graph (a
    tensor that requires grad is refused), since autograd cannot see
    inside the function.  As in PyTorch, the version counter stays.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.tensor([1.0, 2.0, 3.0]).apply_(lambda v: v * v)
    tensor([1., 4., 9.])
    >>> torch.tensor([1, 2, 3]).apply_(lambda v: v * 1.5)
    tensor([1, 3, 4])
    """
    if kwargs:
        raise messages.error("apply_keywords")
    if len(args) != 1:
        raise messages.error("apply_arguments_count", given=len(args))
    return _each_element(self, "apply_", args[0], ())


def _map_(self: Tensor, other: Tensor, callable: Callable[[Any, Any], Any]) -> Tensor:
    """Replace each element with ``callable(element, element of other)``: ``x.map_(other, callable)``.

    ``other`` has ``x``'s dtype and broadcasts to its shape.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(2, 2).map_(torch.tensor([1.0, 2.0]), lambda a, b: a + 10 * b)
    tensor([[10., 20.],
            [10., 20.]])
    """
    return _each_element(self, "map_", callable, (("other", other),))


def _map2_(self: Tensor, x: Tensor, y: Tensor, callable: Callable[[Any, Any, Any], Any]) -> Tensor:
    """Replace each element with ``callable(element, element of x, element of y)``: ``t.map2_(x, y, callable)``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(3).map2_(torch.ones(3), torch.arange(3.0), lambda a, b, c: a + b * c)
    tensor([0., 1., 2.])
    """
    return _each_element(self, "map2_", callable, (("x", x), ("y", y)))


def _each_element(self: Tensor, name: str, function: Callable, others: tuple) -> Tensor:
    """``self``'s elements replaced by ``function(element, element of each other tensor)``, one by one,
    in the order of ``self.flatten()`` (an exception stops it there: the elements before keep their new values)."""
    for position, (argument, other) in enumerate(others, start=1):
        if not isinstance(other, Tensor):
            raise messages.error(
                "map_not_tensor", name=name, argument=argument, position=position, type_name=messages.type_name(other)
            )
    if self.requires_grad or any(other.requires_grad for _, other in others):
        raise messages.error("apply_requires_grad", name=name)
    for argument, other in others:
        if other._array.dtype != self._array.dtype:
            said = f"'{argument}'" if name == "map_" else f"argument '{argument}'"
            raise messages.error(
                "map_dtype", name=name, expected=self.dtype.legacy_type, argument=said, got=other.dtype.legacy_type
            )
    arrays = [other.expand(self.shape)._array for _, other in others]
    _views._keep_records(self)  # (the picture of the node that made this tensor keeps the values it showed)
    array = self._own()
    for index in np.ndindex(array.shape):
        result = function(array[index].item(), *(a[index].item() for a in arrays))
        array[index] = stored_number(result, array.dtype, returned=True)
    return self


def _converter(target: dtype) -> Callable[[Tensor], Tensor]:
    def convert(self: Tensor) -> Tensor:
        return to(self, target)

    convert.__doc__ = f"This tensor as ``{target!r}``."
    return convert


# x.exp_(), x.relu_() ...: the in-place form of every function of one number, as in PyTorch.
methods({
    f"{op.name}_": _inplace_method(op)
    for op in (
        elementwise.exp, elementwise.log, elementwise.sqrt, elementwise.abs, elementwise.neg,
        elementwise.sin, elementwise.cos, elementwise.tanh, elementwise.sigmoid, elementwise.relu,
        elementwise.reciprocal, elementwise.sign, elementwise.expm1, elementwise.log1p, elementwise.log2,
        elementwise.log10, elementwise.exp2, elementwise.rsqrt, elementwise.tan, elementwise.atan,
        elementwise.asin, elementwise.acos, elementwise.sinh, elementwise.cosh, elementwise.floor,
        elementwise.ceil, elementwise.trunc, elementwise.frac,
    )
})


# PyTorch has no derivative for these three in place: it records AsinhBackward1 ..., whose backward refuses
# (branch s12_methods).
def _in_place_without_derivative(op: Any) -> Callable[..., Tensor]:
    """``x.asinh_()``, ``x.acosh_()``, ``x.atanh_()``: recorded as PyTorch records them, a node whose backward
    raises PyTorch's NotImplementedError."""

    def refuse(grad: Any) -> Any:
        raise messages.error("inplace_derivative_not_implemented", name=op.name)

    recorded = defop(f"{op.name}_", f"{op.node_name[:-1]}1", op.symbol, op.forward,
                     a=rule("no derivative in place (PyTorch has none)", refuse))
    return _inplace_method(_named(lambda self: recorded(self), op.name))


methods({f"{op.name}_": _in_place_without_derivative(op) for op in (elementwise.asinh, elementwise.acosh, elementwise.atanh)})
methods({"pow_": _inplace_method(elementwise.pow), "round_": _inplace_method(elementwise.round)})

methods({
    "add_": elementwise._old_overload(_inplace_method(_named(elementwise.add_with_alpha, "add")), "add_", True),
    "sub_": elementwise._old_overload(_inplace_method(_named(elementwise.sub_with_alpha, "sub")), "sub_", True),
    "mul_": elementwise.checking_other(_inplace_method(mul)), "div_": elementwise._divide_in_place,
    "__iadd__": _inplace_method(add), "__isub__": _inplace_method(sub),
    "__imul__": _inplace_method(mul), "__itruediv__": _inplace_method(div),
    # PyTorch fills even an expand (its memory overlaps); other ops refuse
    "fill_": _inplace_method(_named(_fill, "fill"), allow_overlap=True),
    "zero_": _inplace_method(_named(_zero, "zero"), allow_overlap=True),
    "clamp_": _inplace_method(_named(_clamp, "clamp")),
    "apply_": _apply_, "map_": _map_, "map2_": _map2_,
    "to": to, "cpu": _cpu, "cuda": _cuda, "xpu": _xpu, "is_cuda": property(_is_cuda), "get_device": _get_device,
    "resize_": _resize_, "resize_as_": _resize_as_, "resize": _resize,
    "layout": property(_strided), "is_pinned": _is_pinned, "pin_memory": _pin_memory, "is_conj": _false, "is_neg": _false,
    "is_shared": _is_shared, "share_memory_": _share_memory_,
    **{name: _never(what) for name, what in _NEVER.items()},
    "float": _converter(float32), "double": _converter(float64), "half": _converter(float16), "bfloat16": _converter(bfloat16),
    "long": _converter(int64), "int": _converter(int32), "short": _converter(int16),
    "char": _converter(int8), "byte": _converter(uint8), "bool": _converter(bool_),
})


# -- x.cumsum_(1), x.atan2_(y), x.arccos_() ...: more in-place forms (branch s12_methods) --------------------


def _in_place_of(name: str) -> Callable[..., Tensor]:
    """``x.<name>_(...)``: ``x.<name>(...)`` written into ``x`` (the method looked up when called: the ops
    of reduction.py and nn.py are imported after this module)."""

    def method(self: Tensor, *args: Any, **kwargs: Any) -> Tensor:
        return _views.run_inplace(self, getattr(Tensor, name), *args, **kwargs)

    method.__name__ = name + "_"
    method.__doc__ = f"In-place version of ``{name}``: changes this tensor and returns it."
    return method


def _swapaxes_(self: Tensor, axis0: int, axis1: int) -> Tensor:
    """``x.swapaxes_(a, b)``: :meth:`transpose_` under NumPy's name."""
    return self.transpose_(axis0, axis1)


def _swapdims_(self: Tensor, dim0: int, dim1: int) -> Tensor:
    """``x.swapdims_(a, b)``: :meth:`transpose_` under another name."""
    return self.transpose_(dim0, dim1)


_OF_METHODS = (
    "cumsum", "cumprod", "lerp", "erf", "fmod", "remainder", "hypot", "xlogy", "copysign", "nan_to_num",
    "floor_divide", "atan2", "deg2rad", "rad2deg", "sinc",
    "addmm", "addmv", "addbmm", "baddbmm",  # (PyTorch's docstrings show x.addmm_(m1, m2); scout W)
)  # fmt: skip
methods({f"{name}_": _in_place_of(name) for name in _OF_METHODS})
methods({
    "arctan2_": _in_place_of("atan2"), "arccos_": _same_in_place("acos_"), "arcsin_": _same_in_place("asin_"),
    "arctan_": _same_in_place("atan_"), "arccosh_": _same_in_place("acosh_"), "arcsinh_": _same_in_place("asinh_"),
    "arctanh_": _same_in_place("atanh_"), "swapaxes_": _swapaxes_, "swapdims_": _swapdims_,
})


# -- torch.sin_(x), torch.relu_(x) ...: the function forms of the in-place methods (branch s5_en) --------------

_FUNCTION_FORMS = (
    "abs_", "acos_", "acosh_", "asin_", "asinh_", "atan_", "atanh_", "ceil_", "clamp_", "clamp_max_", "clamp_min_", "clip_", "cos_", "cosh_",
    "detach_", "exp2_", "exp_", "expm1_", "fill_", "floor_", "frac_", "log10_", "log1p_", "log2_", "log_",
    "logit_", "neg_", "negative_", "reciprocal_", "relu_", "round_", "rsqrt_", "sigmoid_", "sin_", "sinh_",
    "sqrt_", "square_", "tan_", "tanh_", "trunc_", "zero_",
    # (branch s12_methods)
    "erf_", "xlogy_", "nan_to_num_", "deg2rad_", "rad2deg_", "sinc_", "arccos_", "arccosh_", "arcsin_", "arcsinh_",
    "arctan_", "arctanh_", "gcd_", "lcm_", "ldexp_", "erfc_",
)  # fmt: skip


def _function_form(name: str, changes: bool = True) -> Callable[..., Tensor]:
    """``torch.<name>(input, ...)``: ``input.<name>(...)``, which changes ``input`` and returns it (or, with
    ``changes=False``, returns something new)."""

    def function(input: Tensor, *args: Any, **kwargs: Any) -> Tensor:
        if not isinstance(input, Tensor):
            raise messages.error("input_not_tensor", function=name, type_name=messages.type_name(input))
        return getattr(input, name)(*args, **kwargs)

    function.__name__ = name
    function.__doc__ = f"``torch.{name}(input, ...)``: the same as ``input.{name}(...)``" + (
        " (changes ``input``)." if changes else "."
    )
    return function


for _name in _FUNCTION_FORMS:
    export(_function_form(_name), name=_name)
export(_function_form("detach", changes=False), name="detach")  # torch.detach(x): x.detach() (branch s12_fn)
