"""grad, vjp, jvp, jacrev, jacfwd, hessian and linearize, built on ``autograd.grad``.

PyTorch's functorch gives each transform a *level*: it wraps the inputs in
tensors that track gradients for that level only, so transforms nest without
confusing each other's derivatives.  Here each transform runs ordinary
autograd instead, and keeps its bookkeeping in a *frame*:

1. the inputs to differentiate are given to the function as fresh leaves that
   require grad (or, if the caller's tensor already requires grad, as a view
   of it, so an enclosing transform or the caller's own ``backward()`` still
   reaches it); the frame remembers the leaves it made;
2. the function runs under ``enable_grad()``;
3. gradients come from ``autograd.grad``; the graph is recorded
   (``create_graph=True``) only when the output depends on something outside
   the frame (an enclosing transform's leaves, or the caller's tensors), which
   is exactly when someone may differentiate the result again;
4. results that depend on nothing outside the frame are detached, as
   functorch's results come back plain at the outermost level.

A frame's leaves join the enclosing frame's when it ends, so an enclosing
transform treats them as its own too.

``jvp`` (forward mode) uses the double-vjp trick, which is exact: with ``u``
a dummy cotangent, ``g = J^T u`` is linear in ``u``, so the vjp of ``g`` with
respect to ``u`` along a tangent ``t`` is ``J t``.  ``jacfwd`` and
``linearize`` build ``g`` once and push each tangent through it.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from typing import Any

from .. import messages
from .._grad_mode import _grad_mode, enable_grad, is_grad_enabled
from ..autograd.grad import grad as autograd_grad
from ..creation import zeros_like
from ..ops.shape import split, stack
from ..tensor import Tensor
from ._pytree import tree_flatten, tree_map, tree_unflatten
from .vmap import _check_randomness_arg, _random_error_check

__all__ = ["grad", "grad_and_value", "vjp", "jvp", "jacrev", "jacfwd", "hessian", "linearize"]

_JVP = "jvp(f, primals, tangents)"

# --------------------------------------------------------------------------
# Frames: which leaves a transform made, and what lies outside it
# --------------------------------------------------------------------------

_frames: list[dict[int, Tensor]] = []


@contextlib.contextmanager
def _frame() -> Iterator[dict[int, Tensor]]:
    """A transform's frame: the leaves it makes (by id, kept alive), handed to the enclosing frame at the end."""
    frame: dict[int, Tensor] = {}
    _frames.append(frame)
    _grad_mode.transforms += 1
    try:
        with enable_grad():
            yield frame
    finally:
        _grad_mode.transforms -= 1
        _frames.pop()
        if _frames:
            _frames[-1].update(frame)


def _own_leaf(tensor: Tensor, frame: dict[int, Tensor]) -> Tensor:
    frame[id(tensor)] = tensor
    return tensor


def _differentiable(value: Any, frame: dict[int, Tensor]) -> Tensor:
    """What the function receives for an input to differentiate (step 1 above)."""
    if not isinstance(value, Tensor):
        raise messages.error("func_not_tensor_input", type_repr=type(value))
    if value.requires_grad:
        return value.view(value.shape)  # the caller's graph stays reachable
    return _own_leaf(value.detach().requires_grad_(), frame)


def _reaches_outside(tensors: Any, frame: dict[int, Tensor]) -> bool:
    """Whether the graph of any of ``tensors`` reaches a tensor requiring grad that the frame did not make."""
    stack_: list[Any] = []
    for tensor in tensors:
        if not isinstance(tensor, Tensor) or not tensor.requires_grad:
            continue
        if tensor.grad_fn is None:
            if id(tensor) not in frame:
                return True
        else:
            stack_.append(tensor.grad_fn)
    seen: set[int] = set()
    while stack_:
        node = stack_.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        variable = getattr(node, "variable", None)  # a leaf's AccumulateGrad
        if variable is not None:
            if id(variable) not in frame:
                return True
            continue
        stack_.extend(following for following, _ in node.next_functions if following is not None)
    return False


def _unwrap(tree: Any, frame: dict[int, Tensor]) -> Any:
    """Results as functorch returns them: detached unless they depend on something outside the frame."""

    def one(value: Any) -> Any:
        if not isinstance(value, Tensor):
            raise messages.error("func_unwrap_type", type_repr=type(value))
        if value.requires_grad and not _reaches_outside([value], frame):
            return value.detach()
        return value

    return tree_map(one, tree)


def _autograd_grad(
    outputs: Any,
    inputs: Any,
    grad_outputs: Any = None,
    retain_graph: bool = False,
    create_graph: bool = True,
) -> tuple[Tensor, ...]:
    """``autograd.grad`` over the outputs that require grad, zeros where no gradient arrives."""
    if grad_outputs is None:
        pairs = [(out, None) for out in outputs if out.requires_grad]
    else:
        pairs = [(out, g) for out, g in zip(outputs, grad_outputs, strict=True) if out.requires_grad]
    if not pairs:
        return tuple(zeros_like(inp) for inp in inputs)
    found = autograd_grad(
        [out for out, _ in pairs],
        list(inputs),
        None if grad_outputs is None else [g for _, g in pairs],
        retain_graph=retain_graph,
        create_graph=create_graph,
        allow_unused=True,
    )
    return tuple(zeros_like(inp) if g is None else g for g, inp in zip(found, inputs, strict=True))


# --------------------------------------------------------------------------
# argnums
# --------------------------------------------------------------------------


def _wrap_argnum(argnum: Any, count: int) -> int:
    if not isinstance(argnum, int):
        raise messages.error("func_argnum_type", type_repr=type(argnum))
    if 0 <= argnum < count:
        return argnum
    if -count <= argnum < 0:
        return argnum + count
    raise messages.error("func_argnum_range", argnum=argnum, count=count)


def _checked_argnums(args: tuple, argnums: Any) -> int | tuple[int, ...]:
    """``argnums`` with negative positions counted from the end, or PyTorch's error."""
    if not isinstance(argnums, (int, tuple)):
        raise messages.error("func_argnums_type", type_repr=type(argnums))
    if isinstance(argnums, int):
        return _wrap_argnum(argnums, len(args))
    wrapped = tuple(_wrap_argnum(argnum, len(args)) for argnum in argnums)
    if not wrapped:
        raise messages.error("func_argnums_empty")
    if len(set(wrapped)) != len(wrapped):
        raise messages.error("func_argnums_unique", argnums=wrapped)
    return wrapped


def _slice_argnums(args: tuple, argnums: int | tuple[int, ...], as_tuple: bool = True) -> Any:
    if isinstance(argnums, int):
        return (args[argnums],) if as_tuple else args[argnums]
    return tuple(args[i] for i in argnums)


def _replace_args(args: tuple, new: tuple, argnums: int | tuple[int, ...]) -> tuple:
    positions = (argnums,) if isinstance(argnums, int) else argnums
    return tuple(new[positions.index(i)] if i in positions else arg for i, arg in enumerate(args))


def _assert_tensor_outputs(flat: list, api: str) -> None:
    if not flat or (len(flat) == 1 and flat[0] is None):
        raise messages.error("func_empty_output", api=api, output=flat)
    for out in flat:
        if not isinstance(out, Tensor):
            raise messages.error("func_output_not_tensor", api=api, type_repr=type(out))


def _split_aux(output: Any, has_aux: bool, error: Callable[[], Exception]) -> tuple[Any, Any]:
    """``(output, aux)`` with ``has_aux``, else ``(output, None)``; ``error()`` if no pair came back."""
    if not has_aux:
        return output, None
    if not (isinstance(output, tuple) and len(output) == 2):
        raise error()
    return output


def _wraps(func: Callable) -> Callable[[Callable], Callable]:
    """``functools.wraps``, as PyTorch's transforms keep the function's name (errors quote it)."""
    return functools.wraps(func)


# --------------------------------------------------------------------------
# grad and grad_and_value
# --------------------------------------------------------------------------


def _grad_and_value(func: Callable, argnums: Any, has_aux: bool, args: tuple, kwargs: dict) -> tuple:
    with _frame() as frame:
        argnums = _checked_argnums(args, argnums)
        diff_args = tree_map(
            functools.partial(_differentiable, frame=frame), _slice_argnums(args, argnums, as_tuple=False)
        )
        args = _replace_args(args, (diff_args,) if isinstance(argnums, int) else diff_args, argnums)
        output, aux = _split_aux(
            func(*args, **kwargs), has_aux, lambda: messages.error("func_grad_aux_tuple")
        )
        if not isinstance(output, Tensor):
            raise messages.error("func_grad_not_tensor", type_repr=type(output))
        if output.dim() != 0:
            raise messages.error("func_grad_not_scalar", dims=output.dim())
        flat_diff, spec = tree_flatten(diff_args)
        outside = _reaches_outside([output], frame)
        flat_grads = _autograd_grad((output,), flat_diff, retain_graph=outside, create_graph=outside)
        grads = _unwrap(tree_unflatten(list(flat_grads), spec), frame)
        output = _unwrap(output, frame)
        if has_aux:
            return grads, (output, _unwrap(aux, frame))
        return grads, output


def grad_and_value(func: Callable, argnums: int | tuple[int, ...] = 0, has_aux: bool = False) -> Callable:
    """A function returning the gradient of ``func`` and ``func``'s value, as ``(grad, value)``.

    Parameters
    ----------
    func : callable
        Returns one scalar tensor (or ``(scalar, aux)`` with ``has_aux``).
    argnums : int or tuple of int
        Which positional arguments to differentiate with respect to; a tuple
        gives a tuple of gradients.  An argument may be a tensor or a pytree
        (tuple, list, dict) of tensors; its gradient has the same structure.
    has_aux : bool
        ``func`` returns ``(output, aux)``; ``aux`` comes back untouched:
        ``(grad, (value, aux))``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.func import grad_and_value
    >>> g, value = grad_and_value(lambda x: (x**2).sum())(torch.tensor([1.0, 2.0]))
    >>> g, value
    (tensor([2., 4.]), tensor(5.))
    """

    @_wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return _grad_and_value(func, argnums, has_aux, args, kwargs)

    return wrapper


def grad(func: Callable, argnums: int | tuple[int, ...] = 0, has_aux: bool = False) -> Callable:
    """A function computing the gradient of ``func`` with respect to its ``argnums`` argument(s).

    ``func`` must return a scalar tensor.  The transforms compose:
    ``grad(grad(f))`` is the second derivative, ``vmap(grad(f))`` per-sample
    gradients.

    Parameters
    ----------
    func : callable
        Returns one scalar tensor (or ``(scalar, aux)`` with ``has_aux``).
    argnums : int or tuple of int
        Which positional arguments to differentiate with respect to.
    has_aux : bool
        ``func`` returns ``(output, aux)``; the result is then ``(grad, aux)``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.func import grad
    >>> x = torch.tensor(2.0)
    >>> grad(lambda x: x**3)(x)
    tensor(12.)
    >>> grad(grad(lambda x: x**3))(x)
    tensor(12.)
    >>> grad(lambda x, y: x * y, argnums=(0, 1))(x, torch.tensor(5.0))
    (tensor(5.), tensor(2.))
    """

    @_wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        gradients, value = _grad_and_value(func, argnums, has_aux, args, kwargs)
        return (gradients, value[1]) if has_aux else gradients

    return wrapper


# --------------------------------------------------------------------------
# vjp
# --------------------------------------------------------------------------


def _vjp(func: Callable, primals: tuple, argnums: Any = None, has_aux: bool = False) -> tuple:
    with _frame() as frame:
        make = functools.partial(_differentiable, frame=frame)
        if argnums is None:
            diff_primals = tree_map(make, primals)
            primals = diff_primals
        else:
            argnums = _checked_argnums(primals, argnums)
            diff_primals = tree_map(make, _slice_argnums(primals, argnums, as_tuple=False))
            primals = _replace_args(
                primals, (diff_primals,) if isinstance(argnums, int) else diff_primals, argnums
            )
        primals_out, aux = _split_aux(func(*primals), has_aux, lambda: messages.error("func_vjp_aux_tuple"))
        if has_aux:
            aux = _unwrap(aux, frame)
        flat_out, out_spec = tree_flatten(primals_out)
        _assert_tensor_outputs(flat_out, "vjp(f, *primals)")
        flat_diff, primals_spec = tree_flatten(diff_primals)
        results = _unwrap(primals_out, frame)
        for out in flat_out:
            if not out.is_floating_point():
                raise messages.error("func_vjp_output_dtype", dtype=out.dtype)
        outside = _reaches_outside(flat_out, frame)

    def vjp_fn(cotangents: Any, retain_graph: bool = True, create_graph: bool | None = None) -> Any:
        flat_cotangents, cotangents_spec = tree_flatten(cotangents)
        if cotangents_spec != out_spec:
            raise messages.error(
                "func_vjp_cotangent_structure", cotangents=cotangents_spec.pprint(), outputs=out_spec.pprint()
            )
        if create_graph is None:
            create_graph = is_grad_enabled() and (
                outside or any(isinstance(c, Tensor) and c.requires_grad for c in flat_cotangents)
            )
        with enable_grad():
            found = _autograd_grad(flat_out, flat_diff, flat_cotangents, retain_graph, create_graph)
        return _unwrap(tree_unflatten(list(found), primals_spec), frame)

    return (results, vjp_fn, aux) if has_aux else (results, vjp_fn)


def vjp(func: Callable, *primals: Any, has_aux: bool = False) -> tuple:
    """``func(*primals)`` and a function giving vector-Jacobian products at ``primals``.

    Parameters
    ----------
    func : callable
        Returns a tensor or a pytree of tensors (``(output, aux)`` with ``has_aux``).
    *primals : Tensor or pytree of Tensor
        The point.
    has_aux : bool
        ``func`` returns ``(output, aux)``; ``aux`` is returned third.

    Returns
    -------
    tuple
        ``(output, vjp_fn)`` or ``(output, vjp_fn, aux)``.  ``vjp_fn(v)``, with
        ``v`` shaped like the output, returns a tuple with one entry per
        primal: ``v`` times the Jacobian.  It may be called again
        (``retain_graph=True`` by default), and under ``vmap``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.func import vjp
    >>> out, vjp_fn = vjp(lambda x: x**2, torch.tensor([1.0, 3.0]))
    >>> out
    tensor([1., 9.])
    >>> vjp_fn(torch.ones(2))
    (tensor([2., 6.]),)
    """
    return _vjp(func, primals, argnums=None, has_aux=has_aux)


# --------------------------------------------------------------------------
# jvp: the double-vjp trick
# --------------------------------------------------------------------------


def _check_tangents(primals: Any, tangents: Any) -> tuple[list, Any, list]:
    flat_primals, primals_spec = tree_flatten(primals)
    flat_tangents, tangents_spec = tree_flatten(tangents)
    if primals_spec != tangents_spec:
        raise messages.error("func_jvp_structure", primals=primals_spec, tangents=tangents_spec)
    for flat, name in ((flat_primals, "primals"), (flat_tangents, "tangents")):
        if not flat:
            raise messages.error("func_jvp_no_tensors", argname=name)
        for item in flat:
            if not isinstance(item, Tensor):
                raise messages.error("func_jvp_only_tensors", argname=name, type_repr=type(item))
    return flat_primals, primals_spec, flat_tangents


class _Linearized:
    """``func`` run once at the primals, with ``g = J^T u`` recorded, ready to push tangents through.

    ``push(tangents)`` returns ``J t`` for each output, by a backward pass
    through ``g`` with respect to the dummy cotangents ``u``.
    """

    def __init__(
        self, func: Callable, args: tuple, argnums: Any, has_aux: bool, own_primals: bool = False
    ) -> None:
        with _frame() as frame:
            self.frame = frame
            diff = args if argnums is None else _slice_argnums(args, argnums)
            flat_primals, primals_spec = tree_flatten(diff)
            if own_primals:  # linearize: the primals are constants of the recorded function, as in PyTorch
                flat_duals = [_own_leaf(p.detach().requires_grad_(), frame) for p in flat_primals]
            else:
                flat_duals = [_differentiable(p, frame) for p in flat_primals]
            duals = tree_unflatten(flat_duals, primals_spec)
            if argnums is not None:
                duals = _replace_args(args, duals, argnums)
            result, aux = _split_aux(func(*duals), has_aux, lambda: messages.error("func_jvp_aux_tuple"))
            self.aux = _unwrap(aux, frame) if has_aux else None
            flat_out, self.out_spec = tree_flatten(result)
            _assert_tensor_outputs(flat_out, _JVP)
            self.flat_out = flat_out
            self.dummies = [
                _own_leaf(zeros_like(out).requires_grad_(), frame) if out.requires_grad else None
                for out in flat_out
            ]
            used = [(out, u) for out, u in zip(flat_out, self.dummies, strict=True) if u is not None]
            self.transposed: list[Tensor | None] = [None] * len(flat_duals)
            if used:
                found = autograd_grad(
                    [out for out, _ in used],
                    flat_duals,
                    [u for _, u in used],
                    retain_graph=True,
                    create_graph=True,
                    allow_unused=True,
                )
                self.transposed = [g if g is not None and g.requires_grad else None for g in found]
            self.outside = _reaches_outside(flat_out, frame)
            self.primals_out = [_unwrap(out, frame) for out in flat_out]

    def push(self, flat_tangents: list, strict: bool = False) -> list[Tensor]:
        """``J t`` for each output (zeros for an output that does not depend on the primals)."""
        pairs = [(g, t) for g, t in zip(self.transposed, flat_tangents, strict=True) if g is not None]
        wanted = [u for u in self.dummies if u is not None]
        found: dict[int, Tensor | None] = {}
        if pairs and wanted:
            create_graph = is_grad_enabled() and (self.outside or any(t.requires_grad for _, t in pairs))
            with enable_grad():
                results = autograd_grad(
                    [g for g, _ in pairs],
                    wanted,
                    [t for _, t in pairs],
                    retain_graph=True,
                    create_graph=create_graph,
                    allow_unused=True,
                )
            found = {id(u): r for u, r in zip(wanted, results, strict=True)}
        tangents_out = []
        for out, u in zip(self.flat_out, self.dummies, strict=True):
            tangent = None if u is None else found.get(id(u))
            if tangent is None:
                if strict:
                    raise messages.error("func_jvp_strict")
                tangent = zeros_like(out)
            tangents_out.append(_unwrap(tangent, self.frame))
        return tangents_out


def _check_tangent_shapes(flat_primals: list, flat_tangents: list) -> None:
    for primal, tangent in zip(flat_primals, flat_tangents, strict=True):
        if primal.shape != tangent.shape:
            raise messages.error("func_tangent_size", primal=list(primal.shape), tangent=list(tangent.shape))


def _jvp(func: Callable, primals: Any, tangents: Any, argnums: Any, strict: bool, has_aux: bool) -> tuple:
    if not isinstance(primals, tuple):
        raise messages.error("func_jvp_primals_tuple")
    if argnums is not None:
        argnums = _checked_argnums(primals, argnums)
    diff = primals if argnums is None else _slice_argnums(primals, argnums)
    flat_primals, _, flat_tangents = _check_tangents(diff, tangents)
    _check_tangent_shapes(flat_primals, flat_tangents)
    linear = _Linearized(func, primals, argnums, has_aux)
    tangents_out = linear.push(flat_tangents, strict=strict)
    outputs = (
        tree_unflatten(linear.primals_out, linear.out_spec),
        tree_unflatten(tangents_out, linear.out_spec),
    )
    return (*outputs, linear.aux) if has_aux else outputs


def jvp(func: Callable, primals: Any, tangents: Any, *, strict: bool = False, has_aux: bool = False) -> tuple:
    """``func(*primals)`` and the Jacobian-vector product along ``tangents`` (forward mode).

    Computed exactly with the double-vjp trick (two backward passes), not
    with dual numbers as PyTorch does: values agree up to rounding.

    Parameters
    ----------
    func : callable
        Returns a tensor or a pytree of tensors.
    primals : tuple
        The arguments (``func(*primals)``).
    tangents : tuple
        The directions, shaped like ``primals``.
    strict : bool
        Raise if an output does not depend on the inputs.
    has_aux : bool
        ``func`` returns ``(output, aux)``; ``aux`` is returned third.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.func import jvp
    >>> jvp(lambda x: x**2, (torch.tensor([1.0, 3.0]),), (torch.tensor([1.0, 0.5]),))
    (tensor([1., 9.]), tensor([2., 3.]))
    """
    return _jvp(func, primals, tangents, None, strict, has_aux)


def linearize(func: Callable, *primals: Any) -> tuple[Any, Callable]:
    """``func(*primals)`` and a function giving Jacobian-vector products at ``primals``.

    The function is run and its derivative recorded once; each call of
    ``jvp_fn(*tangents)`` then costs one backward pass.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.func import linearize
    >>> out, jvp_fn = linearize(torch.sin, torch.tensor([0.0, 1.0]))
    >>> jvp_fn(torch.tensor([2.0, 0.0]))
    tensor([2., 0.])
    """
    output = func(*primals)
    _, output_spec = tree_flatten(output)
    flat_primals, primals_spec = tree_flatten(primals)
    linear = _Linearized(func, primals, None, False, own_primals=True)

    def jvp_fn(*tangents: Any) -> Any:
        flat_tangents, tangents_spec = tree_flatten(tangents)
        if tangents_spec != primals_spec:
            raise messages.error("func_linearize_argspec", tangents=tangents_spec, primals=primals_spec)
        for index, (tangent, primal) in enumerate(zip(flat_tangents, flat_primals, strict=True)):
            for what, got, want in (
                ("shape", tangent.shape, primal.shape),
                ("dtype", tangent.dtype, primal.dtype),
            ):
                if got != want:
                    raise messages.error("func_linearize_tangent", index=index, what=what, got=got, want=want)
        return tree_unflatten(linear.push(flat_tangents), output_spec)

    return output, jvp_fn


# --------------------------------------------------------------------------
# Jacobians and the Hessian
# --------------------------------------------------------------------------


def _one_hot_rows(tensors: list[Tensor]) -> Iterator[list[Tensor]]:
    """Row ``k`` of the identity over all the tensors' elements, cut into pieces shaped like each tensor."""
    numels = [t.numel() for t in tensors]
    start = 0
    blocks = []
    for tensor, numel in zip(tensors, numels, strict=True):
        block = tensor.new_zeros(sum(numels), numel)  # PyTorch's standard basis: a shifted identity
        block.diagonal(-start).fill_(1)
        blocks.append(block.view(sum(numels), *tensor.shape))
        start += numel
    for row in range(sum(numels)):
        yield [block[row] for block in blocks]


def jacrev(
    func: Callable,
    argnums: int | tuple[int, ...] = 0,
    *,
    has_aux: bool = False,
    chunk_size: int | None = None,
    _preallocate_and_copy: bool = False,
) -> Callable:
    """A function computing the Jacobian of ``func`` by reverse mode (one vjp per output element).

    The result for an output of shape ``O`` and an input of shape ``I`` has
    shape ``O + I``; a tuple ``argnums`` gives a tuple per output.  PyTorch
    runs the vjps under ``vmap``; here they run one after another over one
    recorded graph (``chunk_size`` is checked, and changes nothing else).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.func import jacrev
    >>> jacrev(lambda x: x**2)(torch.tensor([1.0, 3.0]))
    tensor([[2., 0.],
            [0., 6.]])
    """
    if not (chunk_size is None or chunk_size > 0):
        raise messages.error("func_jacrev_chunk")

    @_wraps(func)
    def wrapper(*args: Any) -> Any:
        found = _vjp(func, args, argnums=argnums, has_aux=has_aux)
        output, vjp_fn = found[0], found[1]
        flat_output, output_spec = tree_flatten(output)
        numels = [out.numel() for out in flat_output]
        primals = _slice_argnums(args, _checked_argnums(args, argnums))
        flat_primals, primals_spec = tree_flatten(primals)
        rows = [
            tree_flatten(vjp_fn(tree_unflatten(basis, output_spec)))[0]
            for basis in _one_hot_rows(flat_output)
        ]
        per_input = [
            stack([row[index] for row in rows]) if rows else primal.new_zeros(0, *primal.shape)
            for index, primal in enumerate(flat_primals)
        ]
        per_input_per_output = [
            tuple(
                piece.view(tuple(out.shape) + tuple(primal.shape))
                for piece, out in zip(split(result, numels, dim=0), flat_output, strict=True)
            )
            for result, primal in zip(per_input, flat_primals, strict=True)
        ]
        per_output = [
            tree_unflatten(list(inputs), primals_spec) for inputs in zip(*per_input_per_output, strict=True)
        ]
        if isinstance(argnums, int):
            per_output = [inputs[0] for inputs in per_output]
        jacobian = tree_unflatten(per_output, output_spec)
        return (jacobian, found[2]) if has_aux else jacobian

    return wrapper


def jacfwd(
    func: Callable, argnums: int | tuple[int, ...] = 0, has_aux: bool = False, *, randomness: str = "error"
) -> Callable:
    """A function computing the Jacobian of ``func`` by forward mode (one jvp per input element).

    Same result layout as :func:`jacrev`.  ``func`` runs once; each column
    is one exact Jacobian-vector product (see :func:`jvp`).  ``randomness``
    is checked as ``vmap`` checks it: ``'error'`` refuses random operations
    inside ``func``; ``'same'`` and ``'different'`` allow them (here both
    mean one draw, as ``func`` runs once).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.func import jacfwd
    >>> jacfwd(lambda x: x**2)(torch.tensor([1.0, 3.0]))
    tensor([[2., 0.],
            [0., 6.]])
    """

    @_wraps(func)
    def wrapper(*args: Any) -> Any:
        checked = _checked_argnums(args, argnums) if argnums is not None else None
        primals = args if checked is None else _slice_argnums(args, checked)
        flat_primals, primals_spec = tree_flatten(primals)
        for primal in flat_primals:
            if not isinstance(primal, Tensor):
                raise messages.error("func_jvp_only_tensors", argname="primals", type_repr=type(primal))
        numels = [p.numel() for p in flat_primals]
        _check_randomness_arg(randomness)  # (PyTorch's vmap over the basis checks it here)
        check = _random_error_check(randomness)
        linear = _Linearized(func, args, checked, has_aux)
        check()
        columns = [linear.push(tangents) for tangents in _one_hot_rows(flat_primals)]
        results = []
        for index, out in enumerate(linear.flat_out):
            stacked = (
                stack([column[index] for column in columns]) if columns else out.new_zeros(0, *out.shape)
            )
            pieces = split(stacked.movedim(0, -1), numels, dim=-1)
            per_input = [
                piece.squeeze(-1) if primal.dim() == 0 else piece.unflatten(-1, primal.shape)
                for piece, primal in zip(pieces, flat_primals, strict=True)
            ]
            per_input = tree_unflatten(per_input, primals_spec)
            results.append(per_input[0] if isinstance(argnums, int) else per_input)
        jacobian = tree_unflatten(results, linear.out_spec)
        return (jacobian, linear.aux) if has_aux else jacobian

    return wrapper


def hessian(func: Callable, argnums: int | tuple[int, ...] = 0) -> Callable:
    """A function computing the Hessian of ``func``: ``jacfwd(jacrev(func, argnums), argnums)``, as in PyTorch.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.func import hessian
    >>> hessian(lambda x: (x**3).sum())(torch.tensor([1.0, 2.0]))
    tensor([[ 6.,  0.],
            [ 0., 12.]])
    """
    return jacfwd(jacrev(func, argnums), argnums)
