"""``gradcheck`` and ``gradgradcheck``: compare backward's gradients with finite differences.

Written after PyTorch's slow mode, step for step, so that what passes and
what fails, and the messages, are PyTorch's:

1. the inputs: at least one requires grad, none has a dimension of stride
   0 (an expanded tensor), and a warning for each that is not float64;
2. the numerical Jacobian: each element of each input nudged by ``-eps``
   and ``+eps`` in its own memory, ``(f(x + eps) - f(x - eps)) / 2eps`` in
   the output's dtype;
3. the analytical Jacobian: one backward pass per output element, run
   twice (the two must agree within ``nondet_tol``);
4. the two compared with ``allclose(analytical, numerical, rtol, atol)``;
   like PyTorch, the message shows both as (input elements × output
   elements) matrices;
5. a backward pass from zero gradients must give zeros.

``gradgradcheck`` runs ``gradcheck`` on the function that computes the
gradients (with ``create_graph=True``), so it checks second derivatives.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .. import messages
from .._dtype import float64
from ..creation import empty
from ..tensor import Tensor
from .grad import grad


class GradcheckError(RuntimeError):
    """The analytical and numerical Jacobians disagree (or backward misbehaves)."""


def _as_tuple(value: Any) -> tuple:
    if isinstance(value, tuple):
        return value
    if isinstance(value, list):
        return tuple(value)
    return (value,)


def _differentiable_outputs(value: Any) -> tuple:
    return tuple(o for o in _as_tuple(value) if o.requires_grad and o.is_floating_point())


def _requiring_grad(inputs: tuple) -> list[int]:
    """The positions of the inputs gradcheck checks: tensors that require grad."""
    return [i for i, x in enumerate(inputs) if isinstance(x, Tensor) and x.requires_grad]


def _check_inputs(inputs: tuple) -> None:
    """At least one input requires grad; none repeats memory; a warning for each that is not float64."""
    checked = _requiring_grad(inputs)
    for index in checked:
        array = inputs[index]._array
        if array.dtype != np.float64:
            warnings.warn(messages.text("gradcheck_not_double", index=index), UserWarning, stacklevel=3)
        if any(stride == 0 and size > 1 for stride, size in zip(array.strides, array.shape, strict=True)):
            raise messages.error("gradcheck_stride_zero", index=index)
    if not checked:
        raise messages.error("gradcheck_no_input_requires_grad")


# --------------------------------------------------------------------------
# The two Jacobians, as (input elements × output elements) matrices
# --------------------------------------------------------------------------


def _numerical_jacobians(func: Callable, inputs: tuple, index: int, outputs: tuple, eps: float) -> list:
    """For input ``index``: one matrix per float output, by central differences, in the output's dtype."""
    target = inputs[index]._own()  # the input's own memory, shared with nothing recorded
    floats = [o for o in outputs if isinstance(o, Tensor) and o.is_floating_point()]
    columns = [np.zeros((target.size, o.numel()), dtype=o._array.dtype) for o in floats]
    # Element by element in the input's own memory (reshape(-1) would copy
    # a non-contiguous input, and the nudges would not reach func).
    for j, position in enumerate(np.ndindex(target.shape)):
        original = target[position].copy()
        try:
            target[position] = original - eps
            before = _float_outputs(func(*inputs))
            target[position] = original + eps
            after = _float_outputs(func(*inputs))
        finally:
            target[position] = original  # the input is left as it was, even if func raises
        for jacobian, a, b in zip(columns, before, after, strict=True):
            jacobian[j] = ((b - a) / (2 * eps)).reshape(-1)
    return columns


def _float_outputs(value: Any) -> list[np.ndarray]:
    """Copies of the float outputs' values (an output may be the nudged input itself)."""
    return [np.array(o._array) for o in _as_tuple(value) if isinstance(o, Tensor) and o.is_floating_point()]


def _analytical_jacobians(inputs: tuple, output: Tensor) -> list[np.ndarray]:
    """For one output: one matrix per input that requires grad, one backward pass per output element."""
    checked = [inputs[i] for i in _requiring_grad(inputs)]
    jacobians = [np.zeros((t.numel(), output.numel()), dtype=t._array.dtype) for t in checked]
    for k in range(output.numel()):
        one_hot = np.zeros(output._array.size, dtype=output._array.dtype)
        one_hot[k] = 1
        weights = Tensor._wrap(one_hot.reshape(output._array.shape))
        grads = grad(output, checked, weights, retain_graph=True, allow_unused=True)
        for jacobian, g in zip(jacobians, grads, strict=True):
            if g is not None:
                jacobian[:, k] = g._array.reshape(-1)
    return jacobians


def _checked_analytical(inputs: tuple, output: Tensor, nondet_tol: float) -> list[np.ndarray]:
    """The analytical Jacobians, computed twice: backward must give the same answer both times."""
    first = _analytical_jacobians(inputs, output)
    second = _analytical_jacobians(inputs, output)
    for a, b in zip(first, second, strict=True):
        if a.size and np.abs(a - b).max() > nondet_tol:
            raise messages.error("gradcheck_not_reentrant", GradcheckError, nondet_tol=nondet_tol)
    return first


def _mismatch(output: int, index: int, numerical: np.ndarray, analytical: np.ndarray) -> Exception:
    return messages.error(
        "gradcheck_mismatch",
        GradcheckError,
        output=output,
        index=index,
        numerical=repr(Tensor._wrap(numerical)),
        analytical=repr(Tensor._wrap(analytical)),
    )


# --------------------------------------------------------------------------
# The checks
# --------------------------------------------------------------------------


def _check_gradients(
    func: Callable, inputs: tuple, eps: float, atol: float, rtol: float, nondet_tol: float
) -> None:
    func_out = _as_tuple(func(*inputs))
    outputs = _differentiable_outputs(func_out)
    numerical = [_numerical_jacobians(func, inputs, i, func_out, eps) for i in _requiring_grad(inputs)]
    if not outputs:
        if any(np.any(jacobian != 0) for per_input in numerical for jacobian in per_input):
            raise messages.error("gradcheck_numerical_not_zero", GradcheckError)
        return
    # numerical[input][output] over the float outputs; keep those that require grad
    floats = [o for o in func_out if isinstance(o, Tensor) and o.is_floating_point()]
    kept = [k for k, o in enumerate(floats) if o.requires_grad]
    for i, output in enumerate(outputs):
        analytical = _checked_analytical(inputs, output, nondet_tol)
        for j, a in enumerate(analytical):
            n = numerical[j][kept[i]]
            if not np.allclose(a, n, rtol=rtol, atol=atol):
                raise _mismatch(i, j, n, a)
    _check_backward_multiplies_by_grad(outputs, inputs)


def _forward_jacobians(func: Callable, inputs: tuple, index: int) -> list[np.ndarray]:
    """For input ``index``: one matrix per float output, one forward-mode pass per input element."""
    from . import forward_ad

    checked = _requiring_grad(inputs)
    target = inputs[index]
    float_outputs = [o for o in _as_tuple(func(*inputs)) if isinstance(o, Tensor) and o.is_floating_point()]
    jacobians = [np.zeros((target.numel(), o.numel()), dtype=o._array.dtype) for o in float_outputs]
    for j in range(target.numel()):
        with forward_ad.dual_level():
            duals = list(inputs)
            for i in checked:
                direction = np.zeros(inputs[i]._array.size, dtype=inputs[i]._array.dtype)
                if i == index:
                    direction[j] = 1
                tangent = Tensor._wrap(direction.reshape(inputs[i]._array.shape))
                duals[i] = forward_ad.make_dual(inputs[i].detach(), tangent)
            outputs = [o for o in _as_tuple(func(*duals)) if isinstance(o, Tensor) and o.is_floating_point()]
            for jacobian, output in zip(jacobians, outputs, strict=True):
                tangent = forward_ad.unpack_dual(output).tangent
                if tangent is not None:
                    jacobian[j] = tangent._array.reshape(-1)
    return jacobians


def _check_forward_gradients(func: Callable, inputs: tuple, eps: float, atol: float, rtol: float) -> None:
    """The forward-mode Jacobians (``autograd.forward_ad``) against the numerical ones, as PyTorch checks them."""
    func_out = _as_tuple(func(*inputs))
    for number, i in enumerate(_requiring_grad(inputs)):
        numerical = _numerical_jacobians(func, inputs, i, func_out, eps)
        for output, (n, a) in enumerate(zip(numerical, _forward_jacobians(func, inputs, i), strict=True)):
            if not np.allclose(a, n, rtol=rtol, atol=atol):
                raise messages.error(
                    "gradcheck_forward_mismatch",
                    GradcheckError,
                    output=output,
                    index=number,
                    numerical=repr(Tensor._wrap(n)),
                    analytical=repr(Tensor._wrap(a)),
                )


def _check_backward_multiplies_by_grad(outputs: tuple, inputs: tuple) -> None:
    """From zero gradients, backward must send zeros."""
    checked = [inputs[i] for i in _requiring_grad(inputs)]
    zeros = [Tensor._wrap(np.zeros_like(o._array)) for o in outputs]
    for g in grad(outputs, checked, zeros, allow_unused=True):
        if g is not None and np.any(g._array != 0):
            raise messages.error("gradcheck_not_multiplied", GradcheckError)


def gradcheck(
    func: Callable[..., Tensor | Sequence[Tensor]],
    inputs: Tensor | Sequence[Any],
    *,
    eps: float = 1e-6,
    atol: float = 1e-5,
    rtol: float = 1e-3,
    raise_exception: bool = True,
    nondet_tol: float = 0.0,
    check_undefined_grad: bool = True,
    check_grad_dtypes: bool = False,
    check_batched_grad: bool = False,
    check_batched_forward_grad: bool = False,
    check_forward_ad: bool = False,
    check_backward_ad: bool = True,
    fast_mode: bool = False,
    masked: bool | None = None,
) -> bool:
    """Check backward's gradients against central finite differences.

    Use float64 inputs: in float32 the differences are too coarse and the
    check fails even for correct gradients (PyTorch warns, and so does this).

    Parameters
    ----------
    func : callable
        Takes the inputs, returns a tensor or a tuple of tensors; every
        output that requires grad is checked.
    inputs : Tensor or tuple
        The point to check at; the tensors with ``requires_grad=True`` are checked.
    eps, atol, rtol : float
        The step of the finite differences, and the tolerances of
        ``allclose(analytical, numerical)``; PyTorch's defaults.
    raise_exception : bool
        Raise :class:`GradcheckError` on a failure, else return ``False``.
    nondet_tol : float
        How far two backward passes from the same point may differ.
    check_undefined_grad, check_grad_dtypes, check_batched_grad, check_batched_forward_grad, fast_mode, masked
        Accepted for PyTorch's sake: there are no undefined gradients, no
        batched (vmap) gradients and no sparse tensors here, and the full
        (slow-mode) check always runs.
    check_forward_ad, check_backward_ad : bool
        Check the forward-mode derivatives (``autograd.forward_ad``, a Function's ``jvp``)
        and the backward ones against the numerical Jacobian.

    Returns
    -------
    bool
        ``True`` if every check passed.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> x = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
    >>> torch.autograd.gradcheck(lambda x: x ** 2, x)
    True
    """
    if not (check_forward_ad or check_backward_ad):
        raise messages.error("gradcheck_no_mode")
    try:
        tupled = _as_tuple(inputs)
        _check_inputs(tupled)
        if check_backward_ad:
            _check_gradients(func, tupled, eps, atol, rtol, nondet_tol)
        if check_forward_ad:
            _check_forward_gradients(func, tupled, eps, atol, rtol)
    except GradcheckError:
        if raise_exception:
            raise
        return False
    return True


def gradgradcheck(
    func: Callable[..., Tensor | Sequence[Tensor]],
    inputs: Tensor | Sequence[Any],
    grad_outputs: Tensor | Sequence[Tensor | None] | None = None,
    *,
    eps: float = 1e-6,
    atol: float = 1e-5,
    rtol: float = 1e-3,
    gen_non_contig_grad_outputs: bool = False,
    raise_exception: bool = True,
    nondet_tol: float = 0.0,
    check_undefined_grad: bool = True,
    check_grad_dtypes: bool = False,
    check_batched_grad: bool = False,
    check_fwd_over_rev: bool = False,
    check_rev_over_rev: bool = True,
    fast_mode: bool = False,
    masked: bool = False,
) -> bool:
    """Check second derivatives: ``gradcheck`` of the function computing the gradients.

    The gradients are taken with ``create_graph=True``, weighted by
    ``grad_outputs`` (random in ``[-1, 1)`` if not given, as in PyTorch),
    and checked with respect to both the inputs and ``grad_outputs``.

    Parameters
    ----------
    func : callable
        Takes the inputs, returns a tensor or a tuple of tensors.
    inputs : Tensor or tuple
        The point to check at; the tensors with ``requires_grad=True`` are checked.
    grad_outputs : Tensor or tuple of Tensor, optional
        The weights of the outputs in the first backward pass.
    eps, atol, rtol, raise_exception, nondet_tol
        As for :func:`gradcheck`.
    gen_non_contig_grad_outputs, check_undefined_grad, check_grad_dtypes, check_batched_grad, fast_mode, masked
        Accepted for PyTorch's sake (see :func:`gradcheck`).
    check_fwd_over_rev, check_rev_over_rev : bool
        Check the gradients' derivatives in forward mode, and in reverse mode.

    Returns
    -------
    bool
        ``True`` if every check passed.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> x = torch.tensor([0.5, 1.5], dtype=torch.float64, requires_grad=True)
    >>> torch.autograd.gradgradcheck(lambda x: x ** 3, x)
    True
    """
    inputs = _as_tuple(inputs)
    if grad_outputs is None:
        weights = tuple(_random_weights(o) for o in _differentiable_outputs(func(*inputs)))
    else:
        weights = _as_tuple(grad_outputs)
    count = len(weights)
    checked = _requiring_grad(inputs)

    def gradients(*args: Any) -> tuple:
        outputs = _differentiable_outputs(func(*args[:-count]))
        grads = grad(outputs, [args[i] for i in checked], args[-count:], create_graph=True, allow_unused=True)
        return tuple(g for g in grads if g is not None)

    return gradcheck(
        gradients,
        inputs + weights,
        eps=eps,
        atol=atol,
        rtol=rtol,
        raise_exception=raise_exception,
        nondet_tol=nondet_tol,
        check_forward_ad=check_fwd_over_rev,
        check_backward_ad=check_rev_over_rev,
    )


def _random_weights(output: Tensor) -> Tensor:
    """Random gradient weights in ``[-1, 1)`` shaped like ``output`` (float64 for an integer output).

    Drawn as PyTorch's ``torch.testing.make_tensor`` draws them, ``uniform_(-1, 1)``, so the
    random numbers a lesson draws afterwards are PyTorch's too.
    """
    weights = empty(output.shape, dtype=output.dtype if output.is_floating_point() else float64)
    return weights.uniform_(-1, 1).requires_grad_(True)
