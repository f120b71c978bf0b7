"""``gradcheck``: compare backward's gradients with finite differences."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .. import messages
from .._grad_mode import no_grad
from ..tensor import Tensor
from .grad import grad


class GradcheckError(RuntimeError):
    """The analytical and numerical Jacobians disagree."""


def _numerical_jacobian(func: Callable, inputs: tuple, index: int, eps: float) -> np.ndarray:
    # Central differences: (f(x + eps) - f(x - eps)) / 2eps, one input element at a time.
    target = inputs[index]._own()  # the input's own memory, shared with nothing recorded
    with no_grad():
        size_out = _as_tuple(func(*inputs))[0]._array.size
    columns = np.zeros((size_out, target.size))
    # Nudge the input's own memory element by element (reshape(-1) would copy
    # a non-contiguous input, and the nudges would not reach func).
    for j, position in enumerate(np.ndindex(target.shape)):
        original = target[position]
        try:
            with no_grad():
                target[position] = original + eps
                plus = _as_tuple(func(*inputs))[0]._array.astype(np.float64).reshape(-1)
                target[position] = original - eps
                minus = _as_tuple(func(*inputs))[0]._array.astype(np.float64).reshape(-1)
        finally:
            target[position] = original  # the input is left as it was, even if func raises
        columns[:, j] = (plus - minus) / (2 * eps)
    return columns


def _as_tuple(value: Tensor | tuple) -> tuple:
    return (value,) if isinstance(value, Tensor) else tuple(value)


def _analytical_jacobian(func: Callable, inputs: tuple, index: int) -> np.ndarray:
    output = _as_tuple(func(*inputs))[0]
    flat = output.reshape(-1)
    rows = np.zeros((flat.shape[0], inputs[index]._array.size))
    for i in range(flat.shape[0]):
        (g,) = grad(flat[i], inputs[index], retain_graph=True, allow_unused=True)
        if g is not None:
            rows[i] = g._array.reshape(-1)
    return rows


def gradcheck(
    func: Callable[..., Tensor | tuple],
    inputs: Tensor | tuple[Tensor, ...],
    *,
    eps: float = 1e-6,
    atol: float = 1e-5,
    rtol: float = 1e-3,
    raise_exception: bool = True,
) -> bool:
    """Check backward's gradients against central finite differences.

    Use float64 inputs: in float32 the differences are too coarse and the
    check fails even for correct gradients (PyTorch behaves the same).

    Parameters
    ----------
    func : callable
        Takes the inputs, returns a tensor (or a tuple whose first item is checked).
    inputs : Tensor or tuple of Tensor
        The point to check at; those with ``requires_grad=True`` are checked.
    eps, atol, rtol : float
        Step and tolerances, PyTorch's defaults.
    raise_exception : bool
        Raise :class:`GradcheckError` on a mismatch, else return ``False``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> x = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
    >>> torch.autograd.gradcheck(lambda x: x ** 2, x)
    True
    """
    inputs = _as_tuple(inputs)
    for index, tensor in enumerate(inputs):
        if not (isinstance(tensor, Tensor) and tensor.requires_grad):
            continue
        numerical = _numerical_jacobian(func, inputs, index, eps)
        analytical = _analytical_jacobian(func, inputs, index)
        if not np.allclose(analytical, numerical, rtol=rtol, atol=atol):
            if not raise_exception:
                return False
            raise messages.error(
                "gradcheck_mismatch",
                GradcheckError,
                index=index,
                numerical=repr(Tensor._wrap(numerical.astype(tensor._array.dtype))),
                analytical=repr(Tensor._wrap(analytical.astype(tensor._array.dtype))),
            )
    return True
