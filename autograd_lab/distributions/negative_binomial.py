"""``torch.distributions.NegativeBinomial``: failures before ``total_count`` successes (a gamma-mixed Poisson)."""

from __future__ import annotations

from typing import Any

from .. import _samplers
from .._dtype import Size
from .._grad_mode import no_grad
from ..nn.functional import logsigmoid
from ..tensor import Tensor
from . import constraints
from .binomial import _count_and_chance, _expanded_counts
from .distribution import Distribution
from .gamma import Gamma
from .utils import lazy_property, logits_to_probs, probs_to_logits


class NegativeBinomial(Distribution):
    """The negative binomial distribution: P(k) = C(k + r − 1, k) pᵏ (1 − p)ʳ, r = ``total_count``.

    ``sample()`` is PyTorch's: a gamma draw for the rate, then a Poisson draw
    (both samplers ported, so the numbers are PyTorch's after ``manual_seed``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.distributions import NegativeBinomial
    >>> NegativeBinomial(3.0, torch.tensor([0.4])).log_prob(torch.tensor([2.0]))
    tensor([-1.5733])
    """

    arg_constraints = {
        "total_count": constraints.greater_than_eq(0),
        "probs": constraints.half_open_interval(0.0, 1.0),
        "logits": constraints.real,
    }
    support = constraints.nonnegative_integer

    def __init__(
        self, total_count: Any, probs: Any = None, logits: Any = None, validate_args: bool | None = None
    ) -> None:
        _count_and_chance(self, total_count, probs, logits)
        super().__init__(self._param.shape, validate_args=validate_args)

    def expand(self, batch_shape: Any, _instance: Any = None) -> NegativeBinomial:
        return _expanded_counts(self, batch_shape)

    @property
    def mean(self) -> Tensor:
        return self.total_count * self.logits.exp()

    @property
    def mode(self) -> Tensor:
        return ((self.total_count - 1) * self.logits.exp()).floor().clamp(min=0.0)

    @property
    def variance(self) -> Tensor:
        return self.mean / (-self.logits).sigmoid()

    @lazy_property
    def logits(self) -> Tensor:
        return probs_to_logits(self.probs, is_binary=True)

    @lazy_property
    def probs(self) -> Tensor:
        return logits_to_probs(self.logits, is_binary=True)

    @property
    def param_shape(self) -> Size:
        return self._param.size()

    @lazy_property
    def _gamma(self) -> Gamma:
        return Gamma(concentration=self.total_count, rate=(-self.logits).exp(), validate_args=False)

    def sample(self, sample_shape: Any = ()) -> Tensor:
        """A Poisson draw at a gamma-drawn rate: PyTorch's numbers."""
        with no_grad():
            rate = self._gamma.sample(sample_shape=sample_shape)
            return Tensor._wrap(_samplers.poisson(rate._array))

    def log_prob(self, value: Tensor) -> Tensor:
        if self._validate_args:
            self._validate_sample(value)
        log_unnormalized_prob = self.total_count * logsigmoid(-self.logits) + value * logsigmoid(self.logits)
        log_normalization = (
            -(self.total_count + value).lgamma() + (1.0 + value).lgamma() + self.total_count.lgamma()
        )
        log_normalization = log_normalization.masked_fill(self.total_count + value == 0.0, 0.0)
        return log_unnormalized_prob - log_normalization
