"""Whole-function derivatives, as in ``torch.autograd.functional``.

``vjp`` and ``jacobian`` run backward passes through the function; ``jvp``
uses the double-backward trick (the backward pass is linear in the gradient
it starts from, so differentiating it with respect to that gradient gives
the Jacobian times a vector); ``hessian`` is the Jacobian of the Jacobian;
``vhp`` and ``hvp`` are a vector times the Hessian, and the Hessian times a
vector.  Each follows PyTorch step by step, so that results, their nesting,
dtypes and ``grad_fn``, and the errors of ``strict=True``, are PyTorch's.

The shared steps, in the order every function takes them:

1. ``_as_tuple``: one tensor or a tuple of tensors (remembering which);
2. ``_prepared``: fresh tensors that require grad, so that what the function
   captures from outside is told apart from its inputs (with
   ``create_graph=True`` a view, through which the result stays
   differentiable with respect to the caller's tensors);
3. ``_grads``: ``autograd.grad``, skipping outputs that need no gradient;
4. ``_zeros_where_unused``: zeros for an input the outputs do not depend on
   (or, with ``strict=True``, PyTorch's error);
5. ``_detached`` and ``_unpacked``: results cut from the graph unless
   ``create_graph=True``, and given back in the caller's nesting.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .. import messages
from .._grad_mode import enable_grad, is_grad_enabled, set_grad_enabled
from ..creation import zeros_like
from ..ops.shape import stack
from ..tensor import Tensor
from .grad import grad

__all__ = ["vjp", "jvp", "jacobian", "hessian", "hvp", "vhp"]

Tensors = Tensor | tuple[Tensor, ...]
Nested = Tensor | tuple[Any, ...]


# --------------------------------------------------------------------------
# The shared steps
# --------------------------------------------------------------------------


def _as_tuple(value: Any, what: str, function: str) -> tuple[bool, tuple]:
    """``(was it a tuple, the tensors as a tuple)``, or PyTorch's TypeError for anything else."""
    is_tuple = isinstance(value, tuple)
    items = value if is_tuple else (value,)
    for index, item in enumerate(items):
        if not isinstance(item, Tensor):
            which = f"value at index {index}" if is_tuple else f"given {what}"
            raise messages.error(
                "functional_not_tensors", what=what, function=function, which=which, type_repr=type(item)
            )
    return is_tuple, items


def _prepared(tensors: tuple, create_graph: bool, need_graph: bool) -> tuple:
    """New tensor objects for the function to take, each requiring grad when ``need_graph``.

    With ``create_graph`` a tensor that requires grad is passed as a view of
    itself, so the result's graph reaches the caller's tensor; otherwise a
    detached alias.
    """
    return tuple(
        t.view(t.shape) if create_graph and t.requires_grad else t.detach().requires_grad_(need_graph)
        for t in tensors
    )


def _validate_v(v: tuple, refs: tuple, refs_is_tuple: bool) -> None:
    """``v`` must match ``refs`` (the outputs for vjp, the inputs otherwise) tensor by tensor."""
    if len(v) != len(refs):
        if refs_is_tuple:
            raise messages.error("functional_v_length", expected=len(refs), got=len(v))
        raise messages.error("functional_v_single")
    for index, (vector, ref) in enumerate(zip(v, refs, strict=True)):
        if vector.shape != ref.shape:
            prefix = f"Entry {index} in " if refs_is_tuple else ""
            raise messages.error("functional_v_size", prefix=prefix, expected=ref.shape, got=vector.shape)


def _v_or_default(v: Any, refs: tuple, refs_is_tuple: bool, create_graph: bool, function: str) -> Any:
    """The checked vector ``v``, or None where PyTorch lets it be left out (a single one-element reference)."""
    if v is None:
        if len(refs) != 1 or refs[0].numel() != 1:
            if function == "vjp":
                raise messages.error("functional_v_none_output")
            raise messages.error("functional_v_none_input")
        return None
    _, v = _as_tuple(v, "v", function)
    v = _prepared(v, create_graph, need_graph=False)
    _validate_v(v, refs, refs_is_tuple)
    return v


# ``strict=True``'s error for a tensor that does not require grad, by what the tensor is.
_CONSTANT = {
    "outputs": lambda index: messages.error("functional_strict_outputs_no_grad", index=index),
    "grad_inputs": lambda index: messages.error("functional_strict_grad_inputs_no_grad", index=index),
    "jacobian": lambda index: messages.error("functional_strict_jacobian_no_grad", index=index),
    "hessian": lambda index: messages.error("functional_strict_hessian_no_grad", index=index),
}


def _check_requires_grad(tensors: tuple, kind: str, strict: bool) -> None:
    """``strict=True``: each tensor must depend on the inputs (``kind`` says what it is, for the message)."""
    if not strict:
        return
    for index, tensor in enumerate(tensors):
        if tensor is None:  # only gradients can be None
            raise messages.error("functional_strict_independent", index=index)
        if not tensor.requires_grad:
            raise _CONSTANT[kind](index)


def _grads(
    outputs: tuple,
    inputs: tuple,
    grad_outputs: tuple | None = None,
    create_graph: bool = False,
    retain_graph: bool | None = None,
) -> tuple:
    """``autograd.grad`` over the outputs that require grad; None for each input if there are none."""
    if grad_outputs is None:
        grad_outputs = (None,) * len(outputs)
    used = [
        (out, g)
        for out, g in zip(outputs, grad_outputs, strict=True)
        if out is not None and out.requires_grad
    ]
    if not used:
        return (None,) * len(inputs)
    return grad(
        [out for out, _ in used],
        inputs,
        [g for _, g in used],
        retain_graph=retain_graph,
        create_graph=create_graph,
        allow_unused=True,
    )


# ``strict=True``'s error for a gradient that is None, by the pass that found
# it (PyTorch's "stage"), and for one that is constant under create_graph=True.
_UNUSED = {
    "back": lambda index: messages.error("functional_strict_independent", index=index),
    "back_trick": lambda index: messages.error("functional_strict_back_trick", index=index),
    "double_back": lambda index: messages.error("functional_strict_double_back", index=index),
    "double_back_trick": lambda index: messages.error("functional_strict_double_back_trick", index=index),
}
_NOT_RECORDED = {
    "back": lambda index: messages.error("functional_strict_jacobian_constant", index=index),
    "double": lambda index: messages.error("functional_strict_hessian_constant", index=index),
}


def _zeros_where_unused(grads: tuple, refs: tuple, strict: bool, create_graph: bool, stage: str) -> tuple:
    """Zeros shaped like ``refs`` where a gradient is None (the true value), or PyTorch's strict error."""
    filled = []
    for index, (g, ref) in enumerate(zip(grads, refs, strict=True)):
        if g is None:
            if strict:
                raise _UNUSED[stage](index)
            g = zeros_like(ref)
        elif strict and create_graph and not g.requires_grad:
            raise _NOT_RECORDED["double" if stage.startswith("double") else "back"](index)
        filled.append(g)
    return tuple(filled)


def _detached(nested: Nested, create_graph: bool) -> Nested:
    """The results as given (``create_graph``) or cut from the graph, at any depth of tuples."""
    if isinstance(nested, Tensor):
        return nested if create_graph else nested.detach()
    return tuple(_detached(item, create_graph) for item in nested)


def _unpacked(result: tuple, outer_is_tuple: bool, inner_is_tuple: bool | None = None) -> Nested:
    """Undo ``_as_tuple``: a single tensor where the caller gave one, at one or two levels."""
    if inner_is_tuple is not None and not inner_is_tuple:
        result = tuple(row[0] for row in result)
    return result if outer_is_tuple else result[0]


def _single_scalar_output(outputs: tuple, outputs_is_tuple: bool, function: str) -> None:
    """hessian, vhp and hvp need a function returning one tensor of one element."""
    if outputs_is_tuple:
        raise messages.error("functional_not_single_tensor", function=function)
    if outputs[0].numel() != 1:
        raise messages.error("functional_not_single_element", function=function)


def _last_pass(
    outputs: tuple, wrt: tuple, v: Any, refs: tuple, strict: bool, create_graph: bool, stage: str
) -> tuple:
    """The backward pass whose gradients are returned, with zeros where nothing arrived.

    Recorded for ``create_graph=True``; otherwise as the caller's grad mode says.
    """
    with set_grad_enabled(True if create_graph else is_grad_enabled()):
        grads = _grads(outputs, wrt, v, create_graph=create_graph)
        return _zeros_where_unused(grads, refs, strict, create_graph, stage)


def _returned(
    outputs: tuple, outputs_is_tuple: bool, result: tuple, result_is_tuple: bool, create_graph: bool
) -> tuple:
    """``(func_output, result)``, each detached unless ``create_graph`` and nested as the caller's."""
    return (
        _unpacked(_detached(outputs, create_graph), outputs_is_tuple),
        _unpacked(_detached(result, create_graph), result_is_tuple),
    )


# --------------------------------------------------------------------------
# vjp and jvp
# --------------------------------------------------------------------------


def vjp(
    func: Callable[..., Tensors],
    inputs: Tensors,
    v: Tensors | None = None,
    create_graph: bool = False,
    strict: bool = False,
) -> tuple[Tensors, Tensors]:
    """The output of ``func(*inputs)`` and the vector-Jacobian product ``vᵀ J``: one backward pass.

    Parameters
    ----------
    func : callable
        Takes the input tensors, returns a tensor or a tuple of tensors.
    inputs : Tensor or tuple of Tensor
        Where to differentiate.
    v : Tensor or tuple of Tensor, optional
        Shaped like the output; may be left out when the output has one element.
    create_graph : bool
        Make both results differentiable.
    strict : bool
        Raise when an input does not affect the output, instead of returning zeros.

    Returns
    -------
    tuple
        ``(func_output, vjp)``; ``vjp`` is shaped like ``inputs``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.autograd.functional import vjp
    >>> def adder(x, y):
    ...     return 2 * x + 3 * y
    >>> inputs = (torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0]))
    >>> vjp(adder, inputs, torch.ones(2))
    (tensor([11., 16.]), (tensor([2., 2.]), tensor([3., 3.])))
    """
    with enable_grad():
        inputs_is_tuple, inputs = _as_tuple(inputs, "inputs", "vjp")
        inputs = _prepared(inputs, create_graph, need_graph=True)
        outputs_is_tuple, outputs = _as_tuple(func(*inputs), "outputs of the user-provided function", "vjp")
        _check_requires_grad(outputs, "outputs", strict)
        v = _v_or_default(v, outputs, outputs_is_tuple, create_graph, "vjp")
    result = _last_pass(outputs, inputs, v, inputs, strict, create_graph, "back")
    return _returned(outputs, outputs_is_tuple, result, inputs_is_tuple, create_graph)


def jvp(
    func: Callable[..., Tensors],
    inputs: Tensors,
    v: Tensors | None = None,
    create_graph: bool = False,
    strict: bool = False,
) -> tuple[Tensors, Tensors]:
    """The output of ``func(*inputs)`` and the Jacobian-vector product ``J v``.

    Computed as PyTorch does, with the double-backward trick: the backward
    pass from a gradient ``u`` gives ``uᵀ J``, linear in ``u``; its
    backward pass with respect to ``u``, started from ``v``, gives ``J v``.

    Parameters
    ----------
    func : callable
        Takes the input tensors, returns a tensor or a tuple of tensors.
    inputs : Tensor or tuple of Tensor
        Where to differentiate.
    v : Tensor or tuple of Tensor, optional
        Shaped like ``inputs``; may be left out for a single one-element input.
    create_graph : bool
        Make both results differentiable.
    strict : bool
        Raise when the output does not depend on an input, instead of returning zeros.

    Returns
    -------
    tuple
        ``(func_output, jvp)``; ``jvp`` is shaped like the output.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.autograd.functional import jvp
    >>> def adder(x, y):
    ...     return 2 * x + 3 * y
    >>> inputs = (torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0]))
    >>> jvp(adder, inputs, (torch.ones(2), torch.ones(2)))
    (tensor([11., 16.]), tensor([5., 5.]))
    """
    with enable_grad():
        inputs_is_tuple, inputs = _as_tuple(inputs, "inputs", "jvp")
        inputs = _prepared(inputs, create_graph, need_graph=True)
        v = _v_or_default(v, inputs, inputs_is_tuple, create_graph, "jvp")
        outputs_is_tuple, outputs = _as_tuple(func(*inputs), "outputs of the user-provided function", "jvp")
        _check_requires_grad(outputs, "outputs", strict)
        # The backward pass is linear in these, so their value does not matter
        # (zeros: no inf or nan can enter the second pass).
        dummies = tuple(zeros_like(out, requires_grad=True) for out in outputs)
        grad_inputs = _grads(outputs, inputs, dummies, create_graph=True)
        _check_requires_grad(grad_inputs, "grad_inputs", strict)
    result = _last_pass(grad_inputs, dummies, v, outputs, strict, create_graph, "back_trick")
    return _returned(outputs, outputs_is_tuple, result, outputs_is_tuple, create_graph)


# --------------------------------------------------------------------------
# jacobian and hessian
# --------------------------------------------------------------------------

_STRATEGIES = ("forward-mode", "reverse-mode")


def jacobian(
    func: Callable[..., Tensors],
    inputs: Tensors,
    create_graph: bool = False,
    strict: bool = False,
    vectorize: bool = False,
    strategy: str = "reverse-mode",
) -> Nested:
    """The Jacobian of ``func`` at ``inputs``: one backward pass per output element.

    Entry ``[i][j]`` (for tuples of outputs and inputs) has the shape of
    output ``i`` followed by the shape of input ``j``, and input ``j``'s
    dtype: row ``k`` is the gradient of output element ``k``.

    Parameters
    ----------
    func : callable
        Takes the input tensors, returns a tensor or a tuple of tensors.
    inputs : Tensor or tuple of Tensor
        Where to differentiate.
    create_graph : bool
        Make the Jacobian differentiable (for second derivatives).
    strict : bool
        Raise when an output does not depend on an input, instead of returning zeros.
    vectorize : bool
        Accepted for PyTorch's sake; the result is the same (computed row by row).
    strategy : str
        ``"reverse-mode"``; ``"forward-mode"`` needs ``vectorize=True``, as in PyTorch.

    Returns
    -------
    Tensor, tuple of Tensor, or tuple of tuples of Tensor
        Nested like PyTorch's: a tuple level for tuple outputs, then one for tuple inputs.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.autograd.functional import jacobian
    >>> def k(x):
    ...     return torch.stack([x[0] ** 2 + 3 * x[1], x[1] ** 2 + 2 * x[0]])
    >>> jacobian(k, torch.tensor([2.0, 3.0]))
    tensor([[4., 3.],
            [2., 6.]])
    >>> def exp_adder(x, y):
    ...     return 2 * x.exp() + 3 * y
    >>> jacobian(exp_adder, (torch.zeros(2), torch.ones(2)))
    (tensor([[2., 0.],
            [0., 2.]]), tensor([[3., 0.],
            [0., 3.]]))
    """
    if strategy not in _STRATEGIES:
        raise messages.error("functional_strategy")
    if strategy == "forward-mode":
        if create_graph:
            raise messages.error("functional_forward_create_graph")
        if strict:
            raise messages.error("functional_forward_strict")
        if not vectorize:
            raise messages.error("functional_forward_not_vectorized")
        return _forward_mode_jacobian(func, inputs)
    with enable_grad():
        inputs_is_tuple, inputs = _as_tuple(inputs, "inputs", "jacobian")
        inputs = _prepared(inputs, create_graph, need_graph=True)
        outputs_is_tuple, outputs = _as_tuple(
            func(*inputs), "outputs of the user-provided function", "jacobian"
        )
        _check_requires_grad(outputs, "outputs", strict)
        if vectorize and strict:
            raise messages.error("functional_vectorize_strict")
        result = tuple(
            _jacobian_of_output(i, out, inputs, create_graph, strict) for i, out in enumerate(outputs)
        )
        return _unpacked(_detached(result, create_graph), outputs_is_tuple, inputs_is_tuple)


def _jacobian_of_output(index: int, out: Tensor, inputs: tuple, create_graph: bool, strict: bool) -> tuple:
    """The Jacobian of one output with respect to each input: its elements' gradients, stacked."""
    rows: list[list[Tensor]] = [[] for _ in inputs]
    flat = out.reshape(-1)
    for k in range(out.numel()):
        grads = _grads((flat[k],), inputs, retain_graph=True, create_graph=create_graph)
        for j, (g, t) in enumerate(zip(grads, inputs, strict=True)):
            if g is None:
                if strict:
                    raise messages.error("functional_strict_output_input", output=index, index=j)
                g = zeros_like(t)
            elif strict and create_graph and not g.requires_grad:
                raise _NOT_RECORDED["back"](index)  # PyTorch names the output "input" here
            rows[j].append(g)
    return tuple(stack(r).view(tuple(out.shape) + tuple(t.shape)) for r, t in zip(rows, inputs, strict=True))


def _forward_mode_jacobian(func: Callable, inputs: Tensors) -> Nested:
    """PyTorch's forward-mode Jacobian (``vectorize=True``): the same numbers, in each output's dtype.

    Computed here in reverse mode, then each block converted to the dtype of
    its output (reverse mode gives the input's).  PyTorch nests this one in
    lists where a tuple of inputs is involved, and so does this.
    """
    outputs: list = []

    def recorded(*tensors: Tensor) -> Any:
        outputs.append(func(*tensors))
        return outputs[-1]

    result = jacobian(recorded, inputs, vectorize=True)
    if isinstance(outputs[0], Tensor):
        result = _converted(result, outputs[0].dtype)
        return list(result) if isinstance(inputs, tuple) else result
    result = tuple(_converted(block, out.dtype) for block, out in zip(result, outputs[0], strict=True))
    return [list(row) for row in result] if isinstance(inputs, tuple) else result


def _converted(nested: Nested, dtype: Any) -> Nested:
    if isinstance(nested, Tensor):
        return nested.to(dtype)
    return tuple(_converted(item, dtype) for item in nested)


def hessian(
    func: Callable[..., Tensor],
    inputs: Tensors,
    create_graph: bool = False,
    strict: bool = False,
    vectorize: bool = False,
    outer_jacobian_strategy: str = "reverse-mode",
) -> Nested:
    """The Hessian of a scalar function: the Jacobian of its gradient.

    Parameters
    ----------
    func : callable
        Takes the input tensors, returns a tensor with one element.
    inputs : Tensor or tuple of Tensor
        Where to differentiate.
    create_graph : bool
        Make the Hessian differentiable.
    strict : bool
        Raise when the gradient does not depend on an input (a linear
        function), instead of returning zeros.
    vectorize : bool
        Accepted for PyTorch's sake; the result is the same.
    outer_jacobian_strategy : str
        ``"reverse-mode"``; ``"forward-mode"`` needs ``vectorize=True``.

    Returns
    -------
    Tensor or tuple of tuples of Tensor
        For tuple inputs, block ``[i][j]`` is shaped like input ``i`` then input ``j``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.autograd.functional import hessian
    >>> hessian(lambda x: (x ** 3).sum(), torch.tensor([1.0, 2.0]))
    tensor([[ 6.,  0.],
            [ 0., 12.]])
    >>> def pow_adder_reducer(x, y):
    ...     return (2 * x.pow(2) + 3 * y.pow(2)).sum()
    >>> hessian(pow_adder_reducer, (torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0])))
    ((tensor([[4., 0.],
            [0., 4.]]), tensor([[0., 0.],
            [0., 0.]])), (tensor([[0., 0.],
            [0., 0.]]), tensor([[6., 0.],
            [0., 6.]])))
    """
    inputs_is_tuple, inputs = _as_tuple(inputs, "inputs", "hessian")
    if outer_jacobian_strategy not in _STRATEGIES:
        raise messages.error("functional_strategy")

    def scalar_output(*tensors: Tensor) -> Tensor:
        out = func(*tensors)
        is_tuple, outs = _as_tuple(out, "outputs of the user-provided function", "hessian")
        _check_requires_grad(outs, "outputs", strict)
        _single_scalar_output(outs, is_tuple, "hessian")
        return out.squeeze()

    def gradient(*tensors: Tensor) -> tuple:
        if outer_jacobian_strategy == "forward-mode":
            tensors = tuple(t.requires_grad_(True) for t in tensors)
        inner = jacobian(scalar_output, tensors, create_graph=True)
        _check_requires_grad(inner, "jacobian", strict)
        return inner

    result = jacobian(
        gradient,
        inputs,
        create_graph=create_graph,
        strict=strict,
        vectorize=vectorize,
        strategy=outer_jacobian_strategy,
    )
    return _unpacked(result, inputs_is_tuple, inputs_is_tuple)


# --------------------------------------------------------------------------
# vhp and hvp
# --------------------------------------------------------------------------


def _gradient_of_scalar(
    func: Callable, inputs: Any, v: Any, create_graph: bool, strict: bool, function: str
) -> tuple:
    """What vhp and hvp share: the prepared inputs, ``v``, the output and its gradient (recorded)."""
    inputs_is_tuple, inputs = _as_tuple(inputs, "inputs", function)
    inputs = _prepared(inputs, create_graph, need_graph=True)
    v = _v_or_default(v, inputs, inputs_is_tuple, create_graph, function)
    outputs_is_tuple, outputs = _as_tuple(func(*inputs), "outputs of the user-provided function", function)
    _check_requires_grad(outputs, "outputs", strict)
    _single_scalar_output(outputs, outputs_is_tuple, function)
    gradient = _grads(outputs, inputs, create_graph=True)
    _check_requires_grad(gradient, "jacobian", strict)
    return inputs_is_tuple, inputs, v, outputs, gradient


def vhp(
    func: Callable[..., Tensor],
    inputs: Tensors,
    v: Tensors | None = None,
    create_graph: bool = False,
    strict: bool = False,
) -> tuple[Tensor, Tensors]:
    """The output of a scalar function and the vector-Hessian product ``vᵀ H``: two backward passes.

    Parameters
    ----------
    func : callable
        Takes the input tensors, returns a tensor with one element.
    inputs : Tensor or tuple of Tensor
        Where to differentiate.
    v : Tensor or tuple of Tensor, optional
        Shaped like ``inputs``; may be left out for a single one-element input.
    create_graph : bool
        Make both results differentiable.
    strict : bool
        Raise when the gradient does not depend on an input, instead of returning zeros.

    Returns
    -------
    tuple
        ``(func_output, vhp)``; ``vhp`` is shaped like ``inputs``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.autograd.functional import vhp
    >>> def pow_adder_reducer(x, y):
    ...     return (2 * x.pow(2) + 3 * y.pow(2)).sum()
    >>> inputs = (torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0]))
    >>> vhp(pow_adder_reducer, inputs, (torch.zeros(2), torch.ones(2)))
    (tensor(85.), (tensor([0., 0.]), tensor([6., 6.])))
    """
    with enable_grad():
        inputs_is_tuple, inputs, v, outputs, gradient = _gradient_of_scalar(
            func, inputs, v, create_graph, strict, "vhp"
        )
    result = _last_pass(gradient, inputs, v, inputs, strict, create_graph, "double_back")
    return _returned(outputs, False, result, inputs_is_tuple, create_graph)


def hvp(
    func: Callable[..., Tensor],
    inputs: Tensors,
    v: Tensors | None = None,
    create_graph: bool = False,
    strict: bool = False,
) -> tuple[Tensor, Tensors]:
    """The output of a scalar function and the Hessian-vector product ``H v``.

    Computed as PyTorch does, with the double-backward trick on the
    gradient (slower than :func:`vhp`, equal to it when the Hessian is
    symmetric).  Parameters and result as for :func:`vhp`, with ``H v`` in
    place of ``vᵀ H``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.autograd.functional import hvp
    >>> def pow_reducer(x):
    ...     return x.pow(3).sum()
    >>> hvp(pow_reducer, torch.tensor([[1.0, 2.0], [3.0, 4.0]]), torch.ones(2, 2))
    (tensor(100.), tensor([[ 6., 12.],
            [18., 24.]]))
    """
    with enable_grad():
        inputs_is_tuple, inputs, v, outputs, gradient = _gradient_of_scalar(
            func, inputs, v, create_graph, strict, "hvp"
        )
        dummies = tuple(zeros_like(t, requires_grad=True) for t in inputs)
        double_back = _grads(gradient, inputs, dummies, create_graph=True)
        _check_requires_grad(gradient, "hessian", strict)  # PyTorch checks the gradient here, not double_back
    result = _last_pass(double_back, dummies, v, inputs, strict, create_graph, "double_back_trick")
    return _returned(outputs, False, result, inputs_is_tuple, create_graph)
