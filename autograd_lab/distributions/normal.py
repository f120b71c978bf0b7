"""``torch.distributions.Normal``: the bell curve with mean ``loc`` and standard deviation ``scale``."""

from __future__ import annotations

import math
from typing import Any

from .. import creation
from ..ops.elementwise import log
from ..ops.sampling import normal
from ..tensor import Tensor
from .distribution import LocScale
from .exp_family import ExponentialFamily

_LOG_SQRT_2PI = math.log(math.sqrt(2 * math.pi))


class Normal(LocScale, ExponentialFamily):
    """The normal distribution N(loc, scale²).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.distributions import Normal
    >>> Normal(0.0, 1.0).log_prob(torch.tensor([0.5]))
    tensor([-1.0439])
    >>> Normal(torch.zeros(2), 1.0)
    Normal(loc: torch.Size([2]), scale: torch.Size([2]))
    """

    _mean_carrier_measure = 0

    @property
    def mean(self) -> Tensor:
        return self.loc

    @property
    def mode(self) -> Tensor:
        return self.loc

    @property
    def stddev(self) -> Tensor:
        return self.scale

    @property
    def variance(self) -> Tensor:
        return self.stddev.pow(2)

    def sample(self, sample_shape: Any = ()) -> Tensor:
        """Draws with no gradient: ``torch.normal(loc, scale)``, the same numbers as PyTorch's after ``manual_seed``."""
        from .._grad_mode import no_grad

        shape = self._extended_shape(sample_shape)
        with no_grad():
            return normal(self.loc.expand(shape), self.scale.expand(shape))

    def rsample(self, sample_shape: Any = ()) -> Tensor:
        """Differentiable draws: ``loc + ε · scale`` with ε standard normal (the reparameterisation trick)."""
        shape = self._extended_shape(sample_shape)
        eps = creation.empty(shape, dtype=self.loc.dtype).normal_()
        return self.loc + eps * self.scale

    def log_prob(self, value: Tensor) -> Tensor:
        """ln p(value) = −(value − loc)²/(2 scale²) − ln scale − ln √(2π)."""
        if self._validate_args:
            self._validate_sample(value)
        var = self.scale**2
        return -((value - self.loc) ** 2) / (2 * var) - log(self.scale) - _LOG_SQRT_2PI

    def entropy(self) -> Tensor:
        """½ + ½ ln(2π) + ln scale."""
        return 0.5 + 0.5 * math.log(2 * math.pi) + log(self.scale)

    def cdf(self, value: Tensor) -> Tensor:
        """P(X ≤ value) = ½ (1 + erf((value − loc)/(scale √2)))."""
        if self._validate_args:
            self._validate_sample(value)
        from ..ops.elementwise import erf

        return 0.5 * (1 + erf((value - self.loc) * self.scale.reciprocal() / math.sqrt(2)))

    def icdf(self, value: Tensor) -> Tensor:
        """loc + scale √2 erfinv(2 value − 1)."""
        return self.loc + self.scale * (2 * value - 1).erfinv() * math.sqrt(2)

    @property
    def _natural_params(self) -> tuple[Tensor, Tensor]:
        return (self.loc / self.scale.pow(2), -0.5 * self.scale.pow(2).reciprocal())

    def _log_normalizer(self, x: Tensor, y: Tensor) -> Tensor:
        return -0.25 * x.pow(2) / y + 0.5 * (-math.pi / y).log()
