"""Random draws that take part in autograd: ``torch.normal``, ``torch.bernoulli``, ``x.uniform_()`` ...

The numbers come from ``autograd_lab._random`` (PyTorch's generator and
algorithms).  A draw does not depend smoothly on its inputs, so every rule
here is ``∂/∂a = 0``, as in PyTorch; the rows exist because PyTorch records
these nodes (``x = y * 2; x.uniform_()`` gives ``UniformBackward0``), and
an initialiser such as ``w.uniform_()`` on a leaf that requires grad fails
outside ``torch.no_grad()``, as in PyTorch.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .. import _random, _views, messages
from .._device import MetaArray
from .._random import Generator, in_memory_order
from ..creation import empty, new_tensor
from ..messages import errors
from ..tensor import Tensor
from ._core import defop, export, methods, rule


def _no_gradient(grad: Any) -> Any:
    """∂(a random draw)/∂a = 0: the draw does not change when its input moves a little."""
    return grad * 0


_ZERO = rule("∂(random draw)/∂a = 0", _no_gradient)


def _floating(a: np.ndarray, kernel: str) -> None:
    if a.dtype.kind != "f":
        raise errors.random_not_floating(kernel, a.dtype)


# -- in-place initialisers ----------------------------------------------------------------


def _draws(forward: Callable) -> Callable:
    """A random fill that leaves a meta tensor as it is: nothing is drawn, so the generator does not
    move, as in PyTorch (a model made on the meta device does not change the CPU's random numbers)."""

    def fill(a: np.ndarray, *args: Any, **params: Any) -> np.ndarray:
        return a if type(a) is MetaArray else forward(a, *args, **params)

    fill.__name__ = forward.__name__
    return fill


@_draws
def _uniform_forward(a: np.ndarray, low: float, high: float, generator: Generator | None) -> np.ndarray:
    _floating(a, "check_uniform_bounds")
    return in_memory_order(a, _random.uniform(a.size, low, high, a.dtype, generator))


@_draws
def _normal_forward(a: np.ndarray, mean: float, std: float, generator: Generator | None) -> np.ndarray:
    _floating(a, "normal_kernel_cpu")
    draws = _random.normal(a.size, mean, std, a.dtype, generator, contiguous=a.flags.c_contiguous)
    return in_memory_order(a, draws)


@_draws
def _bernoulli_forward(a: np.ndarray, p: float, generator: Generator | None) -> np.ndarray:
    return in_memory_order(a, _random.bernoulli(a.size, p, a.dtype, generator))


@_draws
def _bernoulli_tensor_forward(a: np.ndarray, p: np.ndarray, generator: Generator | None) -> np.ndarray:
    if p.dtype.kind != "f":
        raise errors.random_not_floating("bernoulli_tensor_cpu_p_", p.dtype)
    return _random.bernoulli(a.size, _expanded(p, a.shape), a.dtype, generator, like=a)


def _expanded(p: np.ndarray, shape: tuple) -> np.ndarray:
    """``p`` broadcast to ``shape`` (as ``expand``, with its error), in its own memory order."""
    try:
        return np.ascontiguousarray(np.broadcast_to(p, shape))
    except ValueError:
        extra = len(shape) - p.ndim
        dim = next(i for i in range(len(shape)) if i >= extra and p.shape[i - extra] not in (1, shape[i]))
        raise errors.expand_mismatch(shape[dim], p.shape[dim - extra], dim, shape, p.shape) from None


@_draws
def _random_forward(
    a: np.ndarray, low: int | None, high: int | None, generator: Generator | None
) -> np.ndarray:
    if high is None:
        return in_memory_order(a, _random.random_bits(a.size, a.dtype, generator))
    return in_memory_order(a, _random.integers(a.size, low, high, a.dtype, generator))


@_draws
def _exponential_forward(a: np.ndarray, lambd: float, generator: Generator | None) -> np.ndarray:
    _floating(a, "exponential_cpu")
    return in_memory_order(a, _random.exponential(a.size, lambd, a.dtype, generator))


uniform_op = defop("uniform_", "UniformBackward0", "uniform", _uniform_forward, a=_ZERO)
normal_op = defop("normal_", "NormalBackward0", "normal", _normal_forward, a=_ZERO)
bernoulli_op = defop("bernoulli_", "BernoulliBackward2", "bernoulli", _bernoulli_forward, a=_ZERO)
bernoulli_tensor_op = defop(
    "bernoulli_tensor_", "BernoulliBackward1", "bernoulli", _bernoulli_tensor_forward,
    a=_ZERO, p=rule("∂(random draw)/∂p = 0", _no_gradient),
)  # fmt: skip
random_range_op = defop("random_range_", "RandomBackward0", "random", _random_forward, a=_ZERO)
random_to_op = defop("random_to_", "RandomBackward1", "random", _random_forward, a=_ZERO)
random_op = defop("random_", "RandomBackward2", "random", _random_forward, a=_ZERO)
exponential_op = defop("exponential_", "ExponentialBackward0", "exponential", _exponential_forward, a=_ZERO)


def uniform_(
    self: Tensor, from_: float = 0.0, to: float = 1.0, *, generator: Generator | None = None
) -> Tensor:
    """Fill this tensor with uniform draws from ``[from_, to)``; returns it.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> _ = torch.manual_seed(0)
    >>> torch.empty(3).uniform_(-1, 1)
    tensor([-0.0075,  0.5364, -0.8230])
    """
    return _views.run_inplace(self, uniform_op, low=from_, high=to, generator=generator)


def normal_(
    self: Tensor, mean: float = 0.0, std: float = 1.0, *, generator: Generator | None = None
) -> Tensor:
    """Fill this tensor with normal draws of mean ``mean`` and standard deviation ``std``; returns it.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> _ = torch.manual_seed(0)
    >>> torch.empty(3).normal_(0, 0.1)
    tensor([ 0.1541, -0.0293, -0.2179])
    """
    return _views.run_inplace(self, normal_op, mean=mean, std=std, generator=generator)


def bernoulli_(self: Tensor, p: float | Tensor = 0.5, *, generator: Generator | None = None) -> Tensor:
    """Fill this tensor with 1 (probability ``p``) or 0; ``p`` may be a tensor of probabilities.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> _ = torch.manual_seed(0)
    >>> torch.empty(4).bernoulli_(0.5)
    tensor([0., 0., 1., 0.])
    """
    if isinstance(p, Tensor):
        return _views.run_inplace(self, bernoulli_tensor_op, p, generator=generator)
    return _views.run_inplace(self, bernoulli_op, p=p, generator=generator)


def random_(
    self: Tensor, from_: int | None = None, to: int | None = None, *, generator: Generator | None = None
) -> Tensor:
    """Fill with integers: ``random_(to)`` from ``[0, to)``, ``random_(from, to)``, or ``random_()``.

    With no range, the numbers go from 0 up to what the dtype holds exactly
    (2**24 for float32, 2**53 for float64, 2**63 - 1 for int64).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> _ = torch.manual_seed(0)
    >>> torch.empty(3).random_(10)
    tensor([4., 9., 3.])
    """
    if from_ is not None and to is None:
        from_, to = 0, from_
        op = random_to_op
    elif to is not None:
        op = random_to_op if from_ is None else random_range_op
        from_ = 0 if from_ is None else from_
    else:
        op = random_op
    return _views.run_inplace(self, op, low=from_, high=to, generator=generator)


def exponential_(self: Tensor, lambd: float = 1.0, *, generator: Generator | None = None) -> Tensor:
    """Fill this tensor with exponential draws of rate ``lambd`` (mean ``1/lambd``); returns it.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> _ = torch.manual_seed(0)
    >>> torch.empty(2).exponential_()
    tensor([3.5083, 1.2304])
    """
    return _views.run_inplace(self, exponential_op, lambd=lambd, generator=generator)


# -- torch.bernoulli and torch.normal ---------------------------------------------------------


def normal_draws(
    shape: tuple, mean: float, std: float, dtype: np.dtype, generator: Generator | None
) -> np.ndarray:
    """Normal draws filling a new (contiguous) array of ``shape``."""
    return _random.normal(int(np.prod(shape)), mean, std, dtype, generator).reshape(shape)


def _bernoulli_of(p: np.ndarray, generator: Generator | None) -> np.ndarray:
    if p.dtype.kind != "f":
        raise errors.random_not_floating("bernoulli_tensor_cpu_p_", p.dtype)
    return _random.bernoulli(p.size, p, p.dtype, generator)


bernoulli_draw_op = defop("bernoulli", "BernoulliBackward0", "bernoulli", _bernoulli_of, input=_ZERO)


def _poisson_of(rates: np.ndarray, generator: Generator | None) -> np.ndarray:
    if rates.dtype.kind != "f":
        raise errors.random_not_floating("poisson_cpu", rates.dtype)
    from .. import _samplers  # (loaded when first drawn from: `import autograd_lab` stays quick)

    return _samplers.poisson(rates, generator)


poisson_op = defop("poisson", "PoissonBackward0", "poisson", _poisson_of, input=_ZERO)


@export
def poisson(input: Tensor, generator: Generator | None = None) -> Tensor:
    """A Poisson count for each rate in ``input`` (floats, in its dtype), PyTorch's draws after the same seed.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> _ = torch.manual_seed(0)
    >>> torch.poisson(torch.tensor([1.0, 4.0, 0.5]))
    tensor([2., 5., 0.])
    """
    return poisson_op(input, generator=generator)


@export
def bernoulli(input: Tensor, p: float | None = None, *, generator: Generator | None = None) -> Tensor:
    """1 with probability ``input`` (elementwise), else 0; with ``p``, 1 with probability ``p``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> _ = torch.manual_seed(0)
    >>> torch.bernoulli(torch.tensor([0.9, 0.1, 0.5]))
    tensor([1., 0., 1.])
    """
    if p is None:
        return bernoulli_draw_op(input, generator=generator)
    array = input._array
    return new_tensor(in_memory_order(array, _random.bernoulli(array.size, p, array.dtype, generator)))


def _normal_mean_forward(mean: np.ndarray, std: float, generator: Generator | None) -> np.ndarray:
    """``normal(mean: Tensor, std: float)``: ``normal_(0, std)``, then ``+ mean``."""
    return normal_draws(mean.shape, 0.0, std, mean.dtype, generator) + mean


def _normal_std_forward(std: np.ndarray, mean: float, generator: Generator | None) -> np.ndarray:
    """``normal(mean: float, std: Tensor)``: ``normal_(0, 1)``, then ``* std``, then ``+ mean``, each rounded."""
    _check_std(std)
    return normal_draws(std.shape, 0.0, 1.0, std.dtype, generator) * std + std.dtype.type(mean)


def _normal_both_forward(mean: np.ndarray, std: np.ndarray, generator: Generator | None) -> np.ndarray:
    """``normal(mean: Tensor, std: Tensor)``: ``normal_(0, 1)`` of the broadcast shape, ``* std``, ``+ mean``."""
    _check_std(std)
    shape = np.broadcast_shapes(mean.shape, std.shape)
    out = normal_draws(shape, 0.0, 1.0, mean.dtype, generator)
    np.multiply(out, std, out=out, casting="unsafe")
    np.add(out, mean, out=out, casting="unsafe")
    return out


def _check_std(std: np.ndarray) -> None:
    if std.size and np.min(std) < 0:
        raise messages.error("normal_std_tensor")


normal_mean_op = defop("normal_mean", "NormalBackward1", "normal", _normal_mean_forward, mean=_ZERO)
normal_std_op = defop("normal_std", "NormalBackward2", "normal", _normal_std_forward, std=_ZERO)
normal_both_op = defop(
    "normal_both", "NormalBackward3", "normal", _normal_both_forward,
    mean=_ZERO, std=rule("∂(random draw)/∂std = 0", _no_gradient),
)  # fmt: skip


@export
def normal(
    mean: float | Tensor = 0.0,
    std: float | Tensor = 1.0,
    size: Any = None,
    *,
    generator: Generator | None = None,
    **options: Any,
) -> Tensor:
    """Normal draws: ``normal(mean, std, size)`` with numbers, or elementwise means and deviations.

    ``normal(mean_tensor, std)``, ``normal(mean, std_tensor)`` and
    ``normal(mean_tensor, std_tensor)`` draw one value per element (of the
    broadcast shape); ``normal(0.0, 1.0, size=(2, 3))`` needs the size, and
    takes ``dtype``, ``device`` and ``requires_grad`` too.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> _ = torch.manual_seed(0)
    >>> torch.normal(torch.tensor([0.0, 10.0, 100.0]), 1.0)
    tensor([  1.5410,   9.7066,  97.8212])
    >>> torch.normal(2.0, 3.0, size=(1, 2))
    tensor([[ 3.7053, -1.2536]])
    """
    mean_is_tensor, std_is_tensor = isinstance(mean, Tensor), isinstance(std, Tensor)
    if mean_is_tensor or std_is_tensor:
        if size is not None or options:
            raise errors.normal_invalid_combination(
                (mean, std) if size is None else (mean, std, size), options
            )
        if mean_is_tensor and std_is_tensor:
            _floating(mean._array, "normal_kernel_cpu")
            return normal_both_op(mean, std, generator=generator)
        if mean_is_tensor:
            _floating(mean._array, "normal_kernel_cpu")
            if std < 0:
                raise errors.normal_std(std)
            return normal_mean_op(mean, std=std, generator=generator)
        _floating(std._array, "normal_kernel_cpu")
        return normal_std_op(std, mean=mean, generator=generator)
    if size is None:
        raise errors.normal_invalid_combination((mean, std), options)
    requires_grad = options.pop("requires_grad", False)
    out = normal_(empty(size, **options), mean, std, generator=generator)
    return out.requires_grad_() if requires_grad else out


# -- torch.multinomial (branch s5_zh) --------------------------------------------------------------


@export(method=True)
def multinomial(
    input: Tensor, num_samples: int, replacement: bool = False, *, generator: Generator | None = None
) -> Tensor:
    """Indices drawn with the probabilities ``input`` gives them (each row a distribution), as PyTorch draws them.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> _ = torch.manual_seed(0)
    >>> torch.multinomial(torch.tensor([0.1, 0.2, 0.7]), 4, replacement=True)
    tensor([2, 2, 2, 2])
    """
    if isinstance(num_samples, bool) or not isinstance(num_samples, (int, np.integer)):
        raise messages.error(
            "count_not_int",
            function="multinomial",
            name="num_samples",
            position=2,
            type_name=type(num_samples).__name__,
        )
    weights = input._array
    if weights.ndim not in (1, 2):
        raise messages.error("multinomial_dims")
    if weights.dtype.kind != "f":
        raise messages.error("multinomial_not_float", type_word=errors.scalar_type_name(weights.dtype))
    if num_samples <= 0:
        raise messages.error("multinomial_no_samples")
    rows = weights if weights.ndim == 2 else weights[None]
    picks = _random.multinomial(rows, int(num_samples), replacement, generator)
    return new_tensor(picks if weights.ndim == 2 else picks[0])


methods({
    "uniform_": uniform_, "normal_": normal_, "bernoulli_": bernoulli_, "random_": random_,
    "exponential_": exponential_, "bernoulli": bernoulli,
})  # fmt: skip
