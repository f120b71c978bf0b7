"""``torch.distributions.ContinuousBernoulli``: the continuous Bernoulli on [0, 1] (Loaiza-Ganem and
Cunningham, 2019), a proper density for [0, 1]-valued data such as pixel intensities.

Near ``probs`` = 1/2 its normalizer, mean and variance are 0/0 forms: there PyTorch uses Taylor
expansions inside ``lims`` = (0.499, 0.501), and so does this port. Draws go through the inverse cdf
of ``torch.rand``: PyTorch's numbers after the same seed.

Examples
--------
>>> import autograd_lab as torch
>>> from autograd_lab.distributions import ContinuousBernoulli
>>> ContinuousBernoulli(torch.tensor([0.3])).mean
tensor([0.4302])
"""

from __future__ import annotations

import math
from numbers import Number
from typing import Any

from .. import creation, messages
from .._dtype import Size
from .._grad_mode import no_grad
from ..nn.functional import binary_cross_entropy_with_logits
from ..ops.elementwise import abs, expm1, log, log1p, maximum, where
from ..tensor import Tensor
from . import constraints
from .distribution import broadcast_all
from .exp_family import ExponentialFamily
from .utils import clamp_probs, lazy_property, logits_to_probs, probs_to_logits

__all__ = ["ContinuousBernoulli"]


class ContinuousBernoulli(ExponentialFamily):
    """The continuous Bernoulli distribution, given ``probs`` or ``logits`` (one of them).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.distributions import ContinuousBernoulli
    >>> ContinuousBernoulli(torch.tensor([0.3])).log_prob(torch.tensor([0.2]))
    tensor([0.2245])
    """

    arg_constraints = {"probs": constraints.unit_interval, "logits": constraints.real}
    support = constraints.unit_interval
    _mean_carrier_measure = 0
    has_rsample = True

    def __init__(
        self,
        probs: Any = None,
        logits: Any = None,
        lims: tuple[float, float] = (0.499, 0.501),
        validate_args: bool | None = None,
    ) -> None:
        if (probs is None) == (logits is None):
            raise messages.error("bernoulli_probs_or_logits")
        if probs is not None:
            is_scalar = isinstance(probs, Number)
            (self.probs,) = broadcast_all(probs)
            if validate_args is not None and not self.arg_constraints["probs"].check(self.probs).all():
                raise ValueError("The parameter probs has invalid values")
            self.probs = clamp_probs(self.probs)
        else:
            is_scalar = isinstance(logits, Number)
            (self.logits,) = broadcast_all(logits)
        self._param = self.probs if probs is not None else self.logits
        self._lims = lims
        super().__init__(Size() if is_scalar else self._param.shape, validate_args=validate_args)

    def expand(self, batch_shape: Any, _instance: Any = None) -> ContinuousBernoulli:
        new = self._expanded(batch_shape, ("probs", "logits"))
        new._lims = self._lims
        new._param = new.__dict__.get("logits", new.__dict__.get("probs"))
        if "probs" in self.__dict__:
            new._param = new.probs
        return new

    def _outside_unstable_region(self) -> Tensor:
        return maximum(self.probs <= self._lims[0], self.probs > self._lims[1])

    def _cut_probs(self) -> Tensor:
        return where(
            self._outside_unstable_region(), self.probs, self._lims[0] * creation.ones_like(self.probs)
        )

    def _cont_bern_log_norm(self) -> Tensor:
        """log C(λ), the normalizer; its Taylor expansion near 1/2."""
        cut_probs = self._cut_probs()
        below_half = where(cut_probs <= 0.5, cut_probs, creation.zeros_like(cut_probs))
        above_half = where(cut_probs >= 0.5, cut_probs, creation.ones_like(cut_probs))
        log_norm = log(abs(log1p(-cut_probs) - log(cut_probs))) - where(
            cut_probs <= 0.5, log1p(-2.0 * below_half), log(2.0 * above_half - 1.0)
        )
        x = (self.probs - 0.5).pow(2)
        taylor = math.log(2.0) + (4.0 / 3.0 + 104.0 / 45.0 * x) * x
        return where(self._outside_unstable_region(), log_norm, taylor)

    @property
    def mean(self) -> Tensor:
        cut_probs = self._cut_probs()
        mus = cut_probs / (2.0 * cut_probs - 1.0) + 1.0 / (log1p(-cut_probs) - log(cut_probs))
        x = self.probs - 0.5
        taylor = 0.5 + (1.0 / 3.0 + 16.0 / 45.0 * x.pow(2)) * x
        return where(self._outside_unstable_region(), mus, taylor)

    @property
    def stddev(self) -> Tensor:
        return self.variance.sqrt()

    @property
    def variance(self) -> Tensor:
        cut_probs = self._cut_probs()
        variances = cut_probs * (cut_probs - 1.0) / (1.0 - 2.0 * cut_probs).pow(2) + 1.0 / (
            log1p(-cut_probs) - log(cut_probs)
        ).pow(2)
        x = (self.probs - 0.5).pow(2)
        taylor = 1.0 / 12.0 - (1.0 / 15.0 - 128.0 / 945.0 * x) * x
        return where(self._outside_unstable_region(), variances, taylor)

    @lazy_property
    def logits(self) -> Tensor:
        return probs_to_logits(self.probs, is_binary=True)

    @lazy_property
    def probs(self) -> Tensor:
        return clamp_probs(logits_to_probs(self.logits, is_binary=True))

    @property
    def param_shape(self) -> Size:
        return self._param.shape

    def sample(self, sample_shape: Any = ()) -> Tensor:
        shape = self._extended_shape(sample_shape)
        u = creation.rand(shape, dtype=self.probs.dtype)
        with no_grad():
            return self.icdf(u)

    def rsample(self, sample_shape: Any = ()) -> Tensor:
        return self.icdf(creation.rand(self._extended_shape(sample_shape), dtype=self.probs.dtype))

    def log_prob(self, value: Tensor) -> Tensor:
        if self._validate_args:
            self._validate_sample(value)
        logits, value = broadcast_all(self.logits, value)
        return -binary_cross_entropy_with_logits(logits, value, reduction="none") + self._cont_bern_log_norm()

    def cdf(self, value: Tensor) -> Tensor:
        if self._validate_args:
            self._validate_sample(value)
        cut_probs = self._cut_probs()
        cdfs = (cut_probs.pow(value) * (1.0 - cut_probs).pow(1.0 - value) + cut_probs - 1.0) / (
            2.0 * cut_probs - 1.0
        )
        unbounded = where(self._outside_unstable_region(), cdfs, value)
        return where(
            value <= 0.0,
            creation.zeros_like(value),
            where(value >= 1.0, creation.ones_like(value), unbounded),
        )

    def icdf(self, value: Tensor) -> Tensor:
        cut_probs = self._cut_probs()
        inverse = (log1p(-cut_probs + value * (2.0 * cut_probs - 1.0)) - log1p(-cut_probs)) / (
            log(cut_probs) - log1p(-cut_probs)
        )
        return where(self._outside_unstable_region(), inverse, value)

    def entropy(self) -> Tensor:
        log_probs0, log_probs1 = log1p(-self.probs), log(self.probs)
        return self.mean * (log_probs0 - log_probs1) - self._cont_bern_log_norm() - log_probs0

    @property
    def _natural_params(self) -> tuple[Tensor]:
        return (self.logits,)

    def _log_normalizer(self, x: Tensor) -> Tensor:
        outside = maximum(x <= self._lims[0] - 0.5, x > self._lims[1] - 0.5)
        cut = where(outside, x, (self._lims[0] - 0.5) * creation.ones_like(x))
        log_norm = log(abs(expm1(cut))) - log(abs(cut))
        taylor = 0.5 * x + x.pow(2) / 24.0 - x.pow(4) / 2880.0
        return where(outside, log_norm, taylor)
