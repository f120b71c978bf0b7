"""``torch.distributions.Cauchy``: the ratio of two normals, so heavy-tailed it has no mean."""

from __future__ import annotations

import math
from typing import Any

from .. import _samplers, creation
from ..tensor import Tensor
from .distribution import Distribution, LocScale


class Cauchy(LocScale, Distribution):
    """The Cauchy (Lorentz) distribution, density 1 / (π scale (1 + ((x − loc)/scale)²)).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.distributions import Cauchy
    >>> Cauchy(0.0, 1.0).log_prob(torch.tensor([0.0, 1.0]))
    tensor([-1.1447, -1.8379])
    """

    @property
    def mean(self) -> Tensor:
        return creation.full(self._extended_shape(), math.nan, dtype=self.loc.dtype)

    @property
    def mode(self) -> Tensor:
        return self.loc

    @property
    def variance(self) -> Tensor:
        return creation.full(self._extended_shape(), math.inf, dtype=self.loc.dtype)

    def rsample(self, sample_shape: Any = ()) -> Tensor:
        """``loc + ε · scale`` with ε standard Cauchy (``Tensor.cauchy_``, PyTorch's draws)."""
        shape = self._extended_shape(sample_shape)
        eps = Tensor._wrap(_samplers.cauchy(math.prod(shape), self.loc._array.dtype).reshape(shape))
        return self.loc + eps * self.scale

    def log_prob(self, value: Tensor) -> Tensor:
        if self._validate_args:
            self._validate_sample(value)
        return -math.log(math.pi) - self.scale.log() - (((value - self.loc) / self.scale) ** 2).log1p()

    def cdf(self, value: Tensor) -> Tensor:
        if self._validate_args:
            self._validate_sample(value)
        return ((value - self.loc) / self.scale).atan() / math.pi + 0.5

    def icdf(self, value: Tensor) -> Tensor:
        return (math.pi * (value - 0.5)).tan() * self.scale + self.loc

    def entropy(self) -> Tensor:
        return math.log(4 * math.pi) + self.scale.log()
