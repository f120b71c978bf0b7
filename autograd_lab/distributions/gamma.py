"""``torch.distributions.Gamma``: waiting for ``concentration`` events at ``rate`` events per unit of time."""

from __future__ import annotations

from typing import Any

from .. import _samplers
from .._info import finfo
from ..autograd.function import Function
from ..tensor import Tensor
from . import constraints
from .distribution import broadcast_all
from .exp_family import ExponentialFamily


class _StandardGamma(Function):
    """``torch._standard_gamma``: gamma(α, 1) draws, differentiable in α (implicit reparameterisation)."""

    @staticmethod
    def forward(ctx: Any, concentration: Tensor) -> Tensor:
        draws = Tensor._wrap(_samplers.standard_gamma(concentration._array))
        ctx.save_for_backward(concentration, draws)
        return draws

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> Tensor:
        concentration, draws = ctx.saved_tensors
        return grad * Tensor._wrap(_samplers.standard_gamma_grad(concentration._array, draws._array))


def standard_gamma(concentration: Tensor) -> Tensor:
    """Gamma(concentration, 1) draws, PyTorch's numbers after the same ``manual_seed``."""
    return _StandardGamma.apply(concentration)


class Gamma(ExponentialFamily):
    """The gamma distribution, density ∝ x^(concentration − 1) e^(−rate x).

    ``rsample`` draws PyTorch's numbers (its CPU sampler, ported) and
    differentiates them as PyTorch does (``standard_gamma_grad_one``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.distributions import Gamma
    >>> Gamma(torch.tensor([2.0]), torch.tensor([3.0])).log_prob(torch.tensor([0.5]))
    tensor([0.0041])
    >>> _ = torch.manual_seed(0)
    >>> Gamma(torch.tensor([2.0, 0.5]), 1.0).sample()
    tensor([4.5526, 0.0055])
    """

    arg_constraints = {"concentration": constraints.positive, "rate": constraints.positive}
    support = constraints.nonnegative
    has_rsample = True
    _mean_carrier_measure = 0

    def __init__(self, concentration: Any, rate: Any, validate_args: bool | None = None) -> None:
        self.concentration, self.rate = broadcast_all(concentration, rate)
        super().__init__(self.concentration.shape, validate_args=validate_args)

    def expand(self, batch_shape: Any, _instance: Any = None) -> Gamma:
        return self._expanded(batch_shape, ("concentration", "rate"))

    @property
    def mean(self) -> Tensor:
        return self.concentration / self.rate

    @property
    def mode(self) -> Tensor:
        return ((self.concentration - 1) / self.rate).clamp(min=0)

    @property
    def variance(self) -> Tensor:
        return self.concentration / self.rate.pow(2)

    def rsample(self, sample_shape: Any = ()) -> Tensor:
        """``standard_gamma(concentration) / rate``, kept above the smallest positive float."""
        shape = self._extended_shape(sample_shape)
        value = standard_gamma(self.concentration.expand(shape)) / self.rate.expand(shape)
        value.detach().clamp_(min=finfo(value.dtype).tiny)  # not recorded, as in PyTorch
        return value

    def log_prob(self, value: Any) -> Tensor:
        """concentration · ln rate + (concentration − 1) ln value − rate · value − ln Γ(concentration)."""
        if not isinstance(value, Tensor):
            value = Tensor._wrap(self.rate._array.dtype.type(value))
        if self._validate_args:
            self._validate_sample(value)
        return (
            self.concentration.xlogy(self.rate)
            + (self.concentration - 1).xlogy(value)
            - self.rate * value
            - self.concentration.lgamma()
        )

    def entropy(self) -> Tensor:
        """α − ln rate + ln Γ(α) + (1 − α) ψ(α)."""
        return (
            self.concentration
            - self.rate.log()
            + self.concentration.lgamma()
            + (1.0 - self.concentration) * self.concentration.digamma()
        )

    @property
    def _natural_params(self) -> tuple[Tensor, Tensor]:
        return (self.concentration - 1, -self.rate)

    def _log_normalizer(self, x: Tensor, y: Tensor) -> Tensor:
        return (x + 1).lgamma() + (x + 1) * (-y.reciprocal()).log()
