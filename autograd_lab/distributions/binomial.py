"""``torch.distributions.Binomial``: successes in ``total_count`` trials of probability ``probs``."""

from __future__ import annotations

from typing import Any

from .. import _samplers, creation, messages
from .._dtype import Size
from .._grad_mode import no_grad
from .._info import finfo
from ..tensor import Tensor
from . import constraints
from .distribution import Distribution, broadcast_all
from .utils import lazy_property


def _clamp_by_zero(x: Tensor) -> Tensor:
    """max(x, 0), with gradient ½ at 0 (PyTorch's ``_clamp_by_zero``)."""
    return (x.clamp(min=0) + x - x.clamp(max=0)) / 2


class Binomial(Distribution):
    """The binomial distribution: P(k) = C(n, k) pᵏ (1 − p)ⁿ⁻ᵏ.

    ``sample()`` draws PyTorch's numbers after the same ``manual_seed``
    (its CPU sampler, BTRS and inversion, ported).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.distributions import Binomial
    >>> Binomial(10, torch.tensor([0.5])).log_prob(torch.tensor([5.0]))
    tensor([-1.4020])
    >>> _ = torch.manual_seed(0)
    >>> Binomial(100, torch.tensor([0.1, 0.5, 0.9])).sample()
    tensor([11., 45., 89.])
    """

    arg_constraints = {
        "total_count": constraints.nonnegative_integer,
        "probs": constraints.unit_interval,
        "logits": constraints.real,
    }
    has_enumerate_support = True

    def __init__(
        self, total_count: Any = 1, probs: Any = None, logits: Any = None, validate_args: bool | None = None
    ) -> None:
        _count_and_chance(self, total_count, probs, logits)
        super().__init__(self._param.shape, validate_args=validate_args)

    def expand(self, batch_shape: Any, _instance: Any = None) -> Binomial:
        return _expanded_counts(self, batch_shape)

    @property
    def support(self) -> constraints.Constraint:
        return constraints.integer_interval(0, self.total_count)

    @property
    def mean(self) -> Tensor:
        return self.total_count * self.probs

    @property
    def mode(self) -> Tensor:
        return ((self.total_count + 1) * self.probs).floor().clamp(max=self.total_count)

    @property
    def variance(self) -> Tensor:
        return self.total_count * self.probs * (1 - self.probs)

    @lazy_property
    def logits(self) -> Tensor:  # given probs: ln p − ln(1 − p), p kept inside [eps, 1 − eps]
        eps = finfo(self.probs.dtype).eps
        clamped = self.probs.clamp(min=eps, max=1 - eps)
        return clamped.log() - (-clamped).log1p()

    @lazy_property
    def probs(self) -> Tensor:  # given logits: σ(logits)
        return self.logits.sigmoid()

    @property
    def param_shape(self) -> Size:
        return self._param.size()

    def sample(self, sample_shape: Any = ()) -> Tensor:
        """``torch.binomial(total_count, probs)``: counts (as floats), PyTorch's draws."""
        shape = self._extended_shape(sample_shape)
        with no_grad():
            counts = self.total_count.expand(*shape)._array
            probs = self.probs.expand(*shape)._array
            return Tensor._wrap(_samplers.binomial(counts, probs))

    def log_prob(self, value: Tensor) -> Tensor:
        """ln C(n, k) + k · logits − n · softplus(logits), written as PyTorch writes it."""
        if self._validate_args:
            self._validate_sample(value)
        log_factorial_n = (self.total_count + 1).lgamma()
        log_factorial_k = (value + 1).lgamma()
        log_factorial_nmk = (self.total_count - value + 1).lgamma()
        normalize_term = (
            self.total_count * _clamp_by_zero(self.logits)
            + self.total_count * (-self.logits.abs()).exp().log1p()
            - log_factorial_n
        )
        return value * self.logits - log_factorial_k - log_factorial_nmk - normalize_term

    def entropy(self) -> Tensor:
        total_count = int(self.total_count.max())
        if not self.total_count.min() == total_count:
            raise messages.error("binomial_inhomogeneous", what="entropy")
        log_prob = self.log_prob(self.enumerate_support(False))
        return -(log_prob.exp() * log_prob).sum(0)

    def enumerate_support(self, expand: bool = True) -> Tensor:
        total_count = int(self.total_count.max())
        if not self.total_count.min() == total_count:
            raise messages.error("binomial_inhomogeneous", what="enumerate_support")
        values = creation.arange(1 + total_count, dtype=self._param.dtype)
        values = values.view((-1,) + (1,) * len(self._batch_shape))
        if expand:
            values = values.expand((-1, *self._batch_shape))
        return values


def _count_and_chance(distribution: Any, total_count: Any, probs: Any, logits: Any) -> None:
    """A count of trials and the chance of each, given as ``probs`` or as ``logits`` (Binomial,
    NegativeBinomial): broadcast together, the count in the chance's dtype."""
    if (probs is None) == (logits is None):
        raise messages.error("bernoulli_probs_or_logits")
    name, chance = ("probs", probs) if probs is not None else ("logits", logits)
    count, chance = broadcast_all(total_count, chance)
    distribution.total_count = count.type_as(chance)
    setattr(distribution, name, chance)
    distribution._param = chance


def _expanded_counts(distribution: Any, batch_shape: Any) -> Any:
    new = distribution._expanded(batch_shape, ("total_count", "probs", "logits"))
    new._param = new.__dict__["probs" if "probs" in distribution.__dict__ else "logits"]
    return new
