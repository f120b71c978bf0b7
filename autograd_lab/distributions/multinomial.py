"""``torch.distributions.Multinomial``: how often each class comes up in ``total_count`` categorical draws."""

from __future__ import annotations

from typing import Any

from .. import messages
from .._grad_mode import no_grad
from ..ops.elementwise import lgamma
from ..tensor import Tensor
from . import constraints
from .categorical import Categorical
from .distribution import Distribution, broadcast_all


class Multinomial(Distribution):
    """Counts of ``total_count`` draws from ``Categorical(probs)`` (or ``logits``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.distributions import multinomial
    >>> _ = torch.manual_seed(0)
    >>> multinomial.Multinomial(10, torch.ones(6) / 6).sample()
    tensor([0., 2., 2., 2., 2., 2.])
    """

    arg_constraints = {"probs": constraints.simplex, "logits": constraints.real_vector}

    def __init__(
        self,
        total_count: int = 1,
        probs: Tensor | None = None,
        logits: Tensor | None = None,
        validate_args: bool | None = None,
    ) -> None:
        if not isinstance(total_count, int):
            raise messages.error("multinomial_total_count")
        self.total_count = total_count
        self._categorical = Categorical(probs=probs, logits=logits)
        super().__init__(self._categorical.batch_shape, self._categorical.param_shape[-1:], validate_args)

    @property
    def support(self) -> constraints.Constraint:
        return constraints.multinomial(self.total_count)

    @property
    def probs(self) -> Tensor:
        return self._categorical.probs

    @property
    def logits(self) -> Tensor:
        return self._categorical.logits

    @property
    def param_shape(self) -> Any:
        return self._categorical.param_shape

    @property
    def mean(self) -> Tensor:
        return self.probs * self.total_count

    @property
    def variance(self) -> Tensor:
        return self.total_count * self.probs * (1 - self.probs)

    def sample(self, sample_shape: Any = ()) -> Tensor:
        """Counts per class, drawn as PyTorch draws them: ``total_count`` categorical draws, added up."""
        sample_shape = tuple(sample_shape)
        with no_grad():
            samples = self._categorical.sample((self.total_count, *sample_shape))
            order = list(range(samples.dim()))
            order.append(order.pop(0))
            samples = samples.permute(tuple(order))
            counts = samples.new(self._extended_shape(sample_shape)).zero_()
            counts.scatter_add_(-1, samples, samples.new_ones(samples.shape))
            return counts.type_as(self.probs)

    def log_prob(self, value: Tensor) -> Tensor:
        """ln n! − Σ ln xᵢ! + Σ xᵢ ln pᵢ (a 0 · −inf counts 0)."""
        if self._validate_args:
            self._validate_sample(value)
        logits, value = broadcast_all(self.logits, value)
        logits = logits.clone()
        log_factorial_n = lgamma(value.sum(-1) + 1)
        log_factorial_xs = lgamma(value + 1).sum(-1)
        logits[(value == 0) & (logits == -float("inf"))] = 0
        log_powers = (logits * value).sum(-1)
        return log_factorial_n - log_factorial_xs + log_powers
