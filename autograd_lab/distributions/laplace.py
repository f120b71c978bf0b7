"""``torch.distributions.Laplace``: the double exponential, peaked at ``loc`` and spread by ``scale``."""

from __future__ import annotations

from typing import Any

from .. import creation
from .._info import finfo
from ..tensor import Tensor
from .distribution import Distribution, LocScale


class Laplace(LocScale, Distribution):
    """The Laplace distribution, density ``exp(−|x − loc| / scale) / (2 scale)``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.distributions import Laplace
    >>> Laplace(0.0, 1.0).log_prob(torch.tensor([0.0, 1.0]))
    tensor([-0.6931, -1.6931])
    """

    @property
    def mean(self) -> Tensor:
        return self.loc

    @property
    def mode(self) -> Tensor:
        return self.loc

    @property
    def variance(self) -> Tensor:
        return 2 * self.scale.pow(2)

    @property
    def stddev(self) -> Tensor:
        return (2**0.5) * self.scale

    def rsample(self, sample_shape: Any = ()) -> Tensor:
        """``loc − scale · sign(u) · ln(1 − |u|)`` with ``u`` uniform in ``[eps − 1, 1)``: PyTorch's draws."""
        shape = self._extended_shape(sample_shape)
        eps = finfo(self.loc.dtype).eps
        u = creation.empty(shape, dtype=self.loc.dtype).uniform_(eps - 1, 1)
        return self.loc - self.scale * u.sign() * (-u.abs()).log1p()

    def log_prob(self, value: Tensor) -> Tensor:
        """−ln(2 scale) − |value − loc| / scale."""
        if self._validate_args:
            self._validate_sample(value)
        return -(2 * self.scale).log() - (value - self.loc).abs() / self.scale

    def cdf(self, value: Tensor) -> Tensor:
        if self._validate_args:
            self._validate_sample(value)
        return 0.5 - 0.5 * (value - self.loc).sign() * (-(value - self.loc).abs() / self.scale).expm1()

    def icdf(self, value: Tensor) -> Tensor:
        term = value - 0.5
        return self.loc - self.scale * term.sign() * (-2 * term.abs()).log1p()

    def entropy(self) -> Tensor:
        """1 + ln(2 scale)."""
        return 1 + (2 * self.scale).log()
