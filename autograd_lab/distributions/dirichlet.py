"""``torch.distributions.Dirichlet``: random probability vectors, weighted by ``concentration``."""

from __future__ import annotations

from typing import Any

from .. import _samplers, messages
from ..autograd.function import Function, once_differentiable
from ..nn.functional import one_hot
from ..tensor import Tensor
from . import constraints
from .distribution import Distribution
from .exp_family import ExponentialFamily


class _Dirichlet(Function):
    """PyTorch's ``_Dirichlet``: draws (``_sample_dirichlet``) with the implicit reparameterisation gradient."""

    @staticmethod
    def forward(ctx: Any, concentration: Tensor) -> Tensor:
        x = Tensor._wrap(_samplers.dirichlet(concentration._array))
        ctx.save_for_backward(x, concentration)
        return x

    @staticmethod
    @once_differentiable
    def backward(ctx: Any, grad_output: Tensor) -> Tensor:
        x, concentration = ctx.saved_tensors
        total = concentration.sum(-1, True).expand_as(concentration)
        grad = Tensor._wrap(_samplers.dirichlet_grad(x._array, concentration._array, total._array))
        return grad * (grad_output - (x * grad_output).sum(-1, True))


class Dirichlet(ExponentialFamily):
    """The Dirichlet distribution over the probability simplex (the last dimension of ``concentration``).

    ``rsample`` draws PyTorch's numbers (its CPU sampler, ported) and
    differentiates them as PyTorch does (``dirichlet_grad_one``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.distributions import Dirichlet
    >>> Dirichlet(torch.tensor([1.0, 2.0, 3.0])).mean
    tensor([0.1667, 0.3333, 0.5000])
    """

    arg_constraints = {"concentration": constraints.independent(constraints.positive, 1)}
    support = constraints.simplex
    has_rsample = True

    def __init__(self, concentration: Tensor, validate_args: bool | None = None) -> None:
        if concentration.dim() < 1:
            raise messages.error("dirichlet_dims")
        self.concentration = concentration
        super().__init__(concentration.shape[:-1], concentration.shape[-1:], validate_args)

    def expand(self, batch_shape: Any, _instance: Any = None) -> Dirichlet:
        new = type(self).__new__(type(self))
        new.concentration = self.concentration.expand(*batch_shape, *self.event_shape)
        Distribution.__init__(new, batch_shape, self.event_shape, validate_args=False)
        new._validate_args = self._validate_args
        return new

    def rsample(self, sample_shape: Any = ()) -> Tensor:
        shape = self._extended_shape(sample_shape)
        return _Dirichlet.apply(self.concentration.expand(shape))

    def log_prob(self, value: Tensor) -> Tensor:
        """Σ (αᵢ − 1) ln xᵢ + ln Γ(Σ αᵢ) − Σ ln Γ(αᵢ)."""
        if self._validate_args:
            self._validate_sample(value)
        return (
            (self.concentration - 1.0).xlogy(value).sum(-1)
            + self.concentration.sum(-1).lgamma()
            - self.concentration.lgamma().sum(-1)
        )

    @property
    def mean(self) -> Tensor:
        return self.concentration / self.concentration.sum(-1, True)

    @property
    def mode(self) -> Tensor:
        concentrationm1 = (self.concentration - 1).clamp(min=0.0)
        mode = concentrationm1 / concentrationm1.sum(-1, True)
        mask = (self.concentration < 1).all(dim=-1)
        mode[mask] = one_hot(mode[mask].argmax(dim=-1), concentrationm1.shape[-1]).to(mode)
        return mode

    @property
    def variance(self) -> Tensor:
        con0 = self.concentration.sum(-1, True)
        return self.concentration * (con0 - self.concentration) / (con0.pow(2) * (con0 + 1))

    def entropy(self) -> Tensor:
        k = self.concentration.size(-1)
        a0 = self.concentration.sum(-1)
        return (
            self.concentration.lgamma().sum(-1)
            - a0.lgamma()
            - (k - a0) * a0.digamma()
            - ((self.concentration - 1.0) * self.concentration.digamma()).sum(-1)
        )

    @property
    def _natural_params(self) -> tuple[Tensor]:
        return (self.concentration,)

    def _log_normalizer(self, x: Tensor) -> Tensor:
        return x.lgamma().sum(-1) - x.sum(-1).lgamma()
