"""Forward-mode AD: ``torch.autograd.forward_ad``, tangents carried along with the values.

Inside ``with dual_level():``, ``make_dual(x, v)`` gives ``x`` a tangent
``v``; every operation then computes its result's tangent too, the
Jacobian-vector product ``J v``, and ``unpack_dual(y).tangent`` reads it.
Where ``backward()`` computes ``vᵀ J`` for all inputs at once from one
output, this computes ``J v`` for all outputs at once from one input
direction.

How each op's ``J v`` is found here: the op's backward rule computes
``Jᵀ g``, which is linear in ``g``; differentiating ``⟨Jᵀ g, v⟩`` with
respect to ``g`` gives ``J v`` exactly (the "double backward" trick).  So
every op of the table has its forward derivative with no rule of its own;
it costs a few backward steps per op, which a lesson does not notice.
Unlike PyTorch's, the tangents are not themselves differentiable (they
carry no ``grad_fn``); ``torch.func`` composes transforms instead.

Examples
--------
>>> import autograd_lab as torch
>>> import autograd_lab.autograd.forward_ad as fwAD
>>> x = torch.tensor([1.0, 2.0])
>>> with fwAD.dual_level():
...     y = fwAD.make_dual(x, torch.tensor([1.0, 0.0])) ** 2
...     fwAD.unpack_dual(y).tangent  # d(x²)/dx₀ = 2·x₀ in the first place, nothing in the second
tensor([2., 0.])
"""

from __future__ import annotations

import collections
import functools
import sys
import weakref
from collections.abc import Callable
from typing import Any

import numpy as np

import autograd_lab

from .. import messages
from .._classname import PyTorchName
from .._grad_mode import _grad_mode, enable_grad
from ..ops._core import _record
from ..tensor import Tensor

__all__ = [
    "UnpackedDualTensor",
    "enter_dual_level",
    "exit_dual_level",
    "make_dual",
    "unpack_dual",
    "dual_level",
]

_current_level = -1
# The current level's dual tensors: id -> (a weak reference to the tensor, its tangent).
_tangents: dict[int, tuple[weakref.ref, Tensor]] = {}


def enter_dual_level() -> int:
    """Enter a new forward-AD level (only one at a time, as in PyTorch); returns it.

    Examples
    --------
    >>> import autograd_lab.autograd.forward_ad as fwAD
    >>> level = fwAD.enter_dual_level()
    >>> fwAD.exit_dual_level(level=level)
    """
    global _current_level
    if _current_level >= 0:
        raise messages.error("forward_ad_nested")
    _current_level = 0
    _grad_mode.forward_ad_module = sys.modules[__name__]
    return _current_level


def exit_dual_level(*, level: int | None = None) -> None:
    """Leave the forward-AD level: every tangent made in it is dropped.

    Examples
    --------
    >>> import autograd_lab.autograd.forward_ad as fwAD
    >>> fwAD.exit_dual_level(level=fwAD.enter_dual_level())
    """
    global _current_level
    if level is None:
        level = _current_level
    if level != _current_level:
        raise messages.error("forward_ad_exit_level")
    _tangents.clear()
    _grad_mode.forward_ad = False
    _current_level = level - 1


def make_dual(tensor: Tensor, tangent: Tensor, *, level: int | None = None) -> Tensor:
    """A dual tensor: a view of ``tensor`` that carries ``tangent``, the direction to differentiate in.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.autograd.forward_ad as fwAD
    >>> with fwAD.dual_level():
    ...     fwAD.make_dual(torch.tensor([1.0, 2.0]), torch.tensor([0.5, 0.5]))
    tensor([1., 2.], tangent=tensor([0.5000, 0.5000]))
    """
    if level is None:
        level = _current_level
    if level < 0:
        raise messages.error("forward_ad_no_level")
    for name, value in (("primal", tensor), ("tangent", tangent)):
        if not value.is_floating_point():
            raise messages.error("forward_ad_not_float", name=name, dtype=value.dtype)
    if tangent.shape != tensor.shape:
        raise messages.error(
            "forward_ad_tangent_size", size=list(tensor.shape), tangent_size=list(tangent.shape)
        )
    if tangent.dtype != tensor.dtype or tangent.stride() != tensor.stride():
        # A tangent of another layout (or dtype) is copied into the primal's, as PyTorch does.
        tangent = tangent.to(tensor.dtype).contiguous() if tensor.is_contiguous() else tangent.clone()
    dual = tensor.view_as(tensor)
    _set_tangent(dual, tangent)
    return dual


# (collections' named tuple: a class of typing.NamedTuple costs twice as much of the import)
UnpackedDualTensor = collections.namedtuple("UnpackedDualTensor", ("primal", "tangent"))
UnpackedDualTensor.__doc__ = (
    "What :func:`unpack_dual` returns: the value and its tangent (None if it has none)."
)


def unpack_dual(tensor: Tensor, *, level: int | None = None) -> UnpackedDualTensor:
    """A dual tensor's value (a view without the tangent) and its tangent.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.autograd.forward_ad as fwAD
    >>> with fwAD.dual_level():
    ...     y = fwAD.make_dual(torch.tensor(3.0), torch.tensor(1.0)).exp()
    ...     fwAD.unpack_dual(y)
    UnpackedDualTensor(primal=tensor(20.0855), tangent=tensor(20.0855))
    """
    if level is None:
        level = _current_level
    if level < 0:
        return UnpackedDualTensor(tensor, None)
    tangent = tangent_of(tensor)
    if tangent is None:
        return UnpackedDualTensor(tensor, None)
    _grad_mode.forward_ad = False
    try:
        primal = tensor.view_as(tensor)
    finally:
        _grad_mode.forward_ad = True
    _set_tangent(primal, None)  # the primal is a view that carries no tangent
    return UnpackedDualTensor(primal, tangent)


class dual_level(metaclass=PyTorchName, torch_module="torch.autograd.forward_ad"):
    """``with dual_level():`` (or as a decorator): all forward-AD work happens inside; tangents end with it.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.autograd.forward_ad as fwAD
    >>> with fwAD.dual_level():
    ...     x = fwAD.make_dual(torch.tensor(2.0), torch.tensor(1.0))
    ...     fwAD.unpack_dual(x * x).tangent
    tensor(4.)
    """

    def __enter__(self) -> int:
        return enter_dual_level()

    def __exit__(self, *exc_info: object) -> None:
        exit_dual_level()

    def __call__(self, function: Callable) -> Callable:
        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with dual_level():
                return function(*args, **kwargs)

        return wrapper

    def clone(self) -> dual_level:
        return dual_level()


# -- how tangents are kept and computed ----------------------------------------------------------------------


def tangent_of(tensor: Any) -> Tensor | None:
    """The tensor's tangent at the current level, or None.

    A view's tangent is the same view of its base's tangent, as in PyTorch: an in-place change
    of the base shows in its views' tangents too.  A tangent of its own comes first (a dual
    tensor's, or None for an unpacked primal).
    """
    entry = _tangents.get(id(tensor))
    if entry is not None and entry[0]() is tensor:
        return entry[1]
    info = tensor._view
    if info is None:
        return None
    base_tangent = _own_tangent(info.base)
    if base_tangent is None:
        return None
    was = _grad_mode.forward_ad
    _grad_mode.forward_ad = False
    try:
        for op, params, _ in info.steps:
            base_tangent = op(base_tangent, **params)
    finally:
        _grad_mode.forward_ad = was
    return base_tangent


def _own_tangent(tensor: Tensor) -> Tensor | None:
    entry = _tangents.get(id(tensor))
    return entry[1] if entry is not None and entry[0]() is tensor else None


def _set_tangent(tensor: Tensor, tangent: Tensor | None) -> None:
    key = id(tensor)
    _tangents[key] = (weakref.ref(tensor, functools.partial(_forget_dead, key)), tangent)
    _grad_mode.forward_ad = True


def _forget_dead(key: int, reference: weakref.ref) -> None:
    """A dual tensor is gone: its entry goes, unless a new tensor of the same id has one by now (the
    garbage collector may free a tensor in a reference cycle long after its id was reused)."""
    entry = _tangents.get(key)
    if entry is not None and entry[0] is reference:
        del _tangents[key]


def _forget_tangent(tensor: Tensor) -> None:
    entry = _tangents.get(id(tensor))
    if entry is not None and entry[0]() is tensor:
        del _tangents[id(tensor)]


def tangent_of_result(op: Any, inputs: tuple, params: dict, result: Tensor) -> None:
    """Give ``result = op(*inputs)`` its tangent ``Σᵢ Jᵢ vᵢ``, from the op's own backward rules."""
    tangents = [tangent_of(x) if isinstance(x, Tensor) else None for x in inputs]
    if not op.differentiable or all(t is None for t in tangents) or not result.is_floating_point():
        return
    _grad_mode.forward_ad = False  # the work below is not itself differentiated forward
    try:
        with enable_grad():
            # Each input with a tangent takes part as a leaf of its own: the derivative with respect to
            # it alone (not through other inputs computed from it).
            primals = [
                x if t is None else x.detach().requires_grad_(True)
                for x, t in zip(inputs, tangents, strict=True)
            ]
            # The op's node over these inputs, for the value already computed: its forward is not run
            # again (a random op would draw other numbers).
            out = Tensor._wrap(result._array)
            _record(op, tuple(primals), params, out)
            taking = [(p, t) for p, t in zip(primals, tangents, strict=True) if t is not None]
            tangent = _jvp(out, taking) if out.requires_grad else None
    finally:
        _grad_mode.forward_ad = True
    if result._view is not None and _own_tangent(result._view.base) is not None:
        return  # a view of a dual base: its tangent is the same view of the base's
    _set_tangent(result, tangent if tangent is not None else result.detach() * 0)


def _jvp(out: Tensor, taking: list) -> Tensor | None:
    """``J v`` for ``out``: the vector-Jacobian product ``Jᵀ g`` (linear in ``g``) differentiated by ``g``."""
    from .grad import grad as autograd_grad

    # Jᵀg is linear in g, so any g will do: ones, where every rule is well defined (a rule may take log|g|).
    probe = autograd_lab.ones_like(out, requires_grad=True)
    vjps = autograd_grad(out, [p for p, _ in taking], probe, create_graph=True, allow_unused=True)
    pairs = [(v, t) for v, (_, t) in zip(vjps, taking, strict=True) if v is not None and v.requires_grad]
    if not pairs:
        return None
    (jvp,) = autograd_grad([v for v, _ in pairs], [probe], [t for _, t in pairs], allow_unused=True)
    if jvp is not None and all(jvp is not t for _, t in pairs):
        # A rule that gives 0 · grad leaves −0.0 where the tangent was negative; PyTorch's formula gives 0.
        negative_zeros = (jvp._array == 0) & np.signbit(jvp._array)
        if negative_zeros.any():
            jvp._array[negative_zeros] = 0
    return jvp


def move_tangent(source: Tensor, target: Tensor) -> None:
    """``target`` now holds ``source``'s value: it takes its tangent too."""
    tangent = tangent_of(source)
    if tangent is not None:
        _set_tangent(target, tangent)


def inplace_result(result: Tensor, tensor: Tensor) -> None:
    """``tensor`` was changed in place to ``result``'s value: its tangent (and its base's, for a view) follow."""
    move_tangent(result, tensor)
    info = tensor._view
    if info is None:
        return
    tangent, base_tangent = _own_tangent(tensor), _own_tangent(info.base)
    if tangent is None and base_tangent is None:
        return
    whole = np.array(base_tangent._array) if base_tangent is not None else np.zeros_like(info.base._array)
    part = whole
    for op, params, _ in info.steps:  # the view's steps again, on the base's tangent: its part, in place
        part = op.forward(part, **params)
    part[...] = tangent._array if tangent is not None else 0
    _set_tangent(info.base, Tensor._wrap(whole))
    _forget_tangent(tensor)  # from now on the view's tangent is read from the base's


def reshaped_in_place(tensor: Tensor, view_op: Any, params: dict) -> None:
    """``t_``, ``squeeze_``, ``unsqueeze_``: a tangent of the tensor's own changes shape the same way."""
    tangent = _own_tangent(tensor)
    if tangent is not None:
        _grad_mode.forward_ad = False
        try:
            reshaped = view_op(tangent, **params)
        finally:
            _grad_mode.forward_ad = True
        _set_tangent(tensor, reshaped)
