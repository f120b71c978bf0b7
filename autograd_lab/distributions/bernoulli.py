"""``torch.distributions.Bernoulli``: 1 with probability ``probs``, else 0."""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import messages
from .._grad_mode import no_grad
from ..nn.functional import binary_cross_entropy_with_logits
from ..ops.elementwise import log, log1p, sigmoid
from ..ops.sampling import bernoulli
from ..tensor import Tensor
from . import constraints
from .distribution import broadcast_all
from .exp_family import ExponentialFamily
from .utils import lazy_property


class Bernoulli(ExponentialFamily):
    """The Bernoulli distribution, given ``probs`` or ``logits`` (one of them).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.distributions import Bernoulli
    >>> Bernoulli(torch.tensor([0.25, 0.5])).log_prob(torch.tensor([1.0, 0.0]))
    tensor([-1.3863, -0.6931])
    """

    arg_constraints = {"probs": constraints.unit_interval, "logits": constraints.real}
    support = constraints.boolean
    has_enumerate_support = True
    _mean_carrier_measure = 0

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

    def expand(self, batch_shape: Any, _instance: Any = None) -> Bernoulli:
        return self._expanded(batch_shape, ("probs", "logits"))

    @lazy_property
    def probs(self) -> Tensor:  # given logits: σ(logits)
        return sigmoid(self.logits)

    @lazy_property
    def logits(self) -> Tensor:  # given probs: ln p − ln(1 − p), p kept inside [eps, 1 − eps]
        eps = float(np.finfo(self.probs._array.dtype).eps)
        clamped = self.probs.clamp(min=eps, max=1 - eps)
        return log(clamped) - log1p(-clamped)

    @property
    def mean(self) -> Tensor:
        return self.probs

    @property
    def mode(self) -> Tensor:
        mode = (self.probs >= 0.5).to(self.probs)
        mode[self.probs == 0.5] = float("nan")
        return mode

    @property
    def variance(self) -> Tensor:
        return self.probs * (1 - self.probs)

    def sample(self, sample_shape: Any = ()) -> Tensor:
        """Draws of 0. and 1. with no gradient: ``torch.bernoulli(probs)``, the same as PyTorch's after ``manual_seed``."""
        shape = self._extended_shape(sample_shape)
        with no_grad():
            return bernoulli(self.probs.expand(shape))

    def log_prob(self, value: Tensor) -> Tensor:
        """ln p(value) = −BCE-with-logits(logits, value)."""
        if self._validate_args:
            self._validate_sample(value)
        logits, value = broadcast_all(self.logits, value)
        return -binary_cross_entropy_with_logits(logits, value, reduction="none")

    def entropy(self) -> Tensor:
        """BCE-with-logits(logits, probs) = −p ln p − (1 − p) ln(1 − p)."""
        return binary_cross_entropy_with_logits(self.logits, self.probs, reduction="none")

    def enumerate_support(self, expand: bool = True) -> Tensor:
        """The values 0. and 1., along a new first dimension (expanded over the batch if ``expand``)."""
        from .. import creation

        values = creation.arange(2, dtype=self.probs.dtype)
        values = values.view((-1,) + (1,) * len(self._batch_shape))
        if expand:
            values = values.expand((-1, *self._batch_shape))
        return values

    @property
    def _natural_params(self) -> tuple[Tensor]:
        return (self.probs.logit(),)

    def _log_normalizer(self, x: Tensor) -> Tensor:
        return x.exp().log1p()
