"""``torch.distributions.Geometric``: how many failures before the first success of probability ``probs``."""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import creation, messages
from .._grad_mode import no_grad
from .._info import finfo
from ..nn.functional import binary_cross_entropy_with_logits
from ..tensor import Tensor
from . import constraints
from .distribution import Distribution, broadcast_all
from .utils import lazy_property


class Geometric(Distribution):
    """The geometric distribution on 0, 1, 2, …: P(k) = (1 − p)ᵏ p.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.distributions import Geometric
    >>> Geometric(torch.tensor([0.25])).log_prob(torch.tensor([2.0]))
    tensor([-1.9617])
    """

    arg_constraints = {"probs": constraints.unit_interval, "logits": constraints.real}
    support = constraints.nonnegative_integer

    def __init__(self, probs: Any = None, logits: Any = None, validate_args: bool | None = None) -> None:
        if (probs is None) == (logits is None):
            raise messages.error("bernoulli_probs_or_logits")
        if probs is not None:
            (self.probs,) = broadcast_all(probs)
            shape = self.probs.shape
        else:
            (self.logits,) = broadcast_all(logits)
            shape = self.logits.shape
        super().__init__(shape, validate_args=validate_args)
        if self._validate_args and probs is not None:
            valid = self.probs._array > 0
            if not np.all(valid):
                invalid = Tensor._wrap(self.probs._array[~valid])
                raise messages.error(
                    "geometric_probs_positive",
                    shape=tuple(self.probs.shape),
                    distribution=repr(self),
                    values=f"{invalid}",
                )

    def expand(self, batch_shape: Any, _instance: Any = None) -> Geometric:
        return self._expanded(batch_shape, ("probs", "logits"))

    @lazy_property
    def probs(self) -> Tensor:  # given logits: σ(logits)
        return self.logits.sigmoid()

    @lazy_property
    def logits(self) -> Tensor:  # given probs: ln p − ln(1 − p), p kept inside [eps, 1 − eps]
        eps = finfo(self.probs.dtype).eps
        clamped = self.probs.clamp(min=eps, max=1 - eps)
        return clamped.log() - (-clamped).log1p()

    @property
    def mean(self) -> Tensor:
        return 1.0 / self.probs - 1.0

    @property
    def mode(self) -> Tensor:
        return self.probs * 0

    @property
    def variance(self) -> Tensor:
        return (1.0 / self.probs - 1.0) / self.probs

    def sample(self, sample_shape: Any = ()) -> Tensor:
        """⌊ln u / ln(1 − p)⌋ with ``u`` uniform in [tiny, 1) (PyTorch's draws)."""
        shape = self._extended_shape(sample_shape)
        tiny = finfo(self.probs.dtype).tiny
        with no_grad():
            u = creation.empty(shape, dtype=self.probs.dtype).uniform_(tiny, 1)
            return (u.log() / (-self.probs).log1p()).floor()

    def log_prob(self, value: Tensor) -> Tensor:
        """k ln(1 − p) + ln p (with 0 · ln 0 = 0 at p = 1)."""
        if self._validate_args:
            self._validate_sample(value)
        value, probs = broadcast_all(value, self.probs)
        probs = probs.clone()
        probs[(probs == 1) & (value == 0)] = 0
        return value * (-probs).log1p() + self.probs.log()

    def entropy(self) -> Tensor:
        return binary_cross_entropy_with_logits(self.logits, self.probs, reduction="none") / self.probs
