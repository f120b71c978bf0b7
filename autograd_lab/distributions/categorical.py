"""``torch.distributions.Categorical``: one of ``n`` classes, class ``i`` with probability ``probs[i]``."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .. import creation, messages
from .._dtype import Size
from .._grad_mode import no_grad
from ..nn.functional import softmax
from ..ops.elementwise import log
from ..ops.sampling import multinomial
from ..tensor import Tensor
from . import constraints
from .distribution import Distribution
from .utils import lazy_property


class Categorical(Distribution):
    """The categorical distribution over the last dimension of ``probs`` (normalised) or ``logits``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.distributions import Categorical
    >>> _ = torch.manual_seed(0)
    >>> Categorical(torch.tensor([1.0, 1.0, 2.0])).sample((4,))
    tensor([2, 2, 1, 2])
    """

    arg_constraints = {"probs": constraints.simplex, "logits": constraints.real_vector}
    has_enumerate_support = True

    def __init__(
        self, probs: Tensor | None = None, logits: Tensor | None = None, validate_args: bool | None = None
    ) -> None:
        if (probs is None) == (logits is None):
            raise messages.error("categorical_probs_or_logits")
        given = probs if probs is not None else logits
        if given.dim() < 1:
            raise messages.error("categorical_dims", name="probs" if probs is not None else "logits")
        if probs is not None:
            self.probs = probs / probs.sum(-1, keepdim=True)
        else:
            self.logits = logits - logits.logsumexp(dim=-1, keepdim=True)
        self._param = self.probs if probs is not None else self.logits
        self._num_events = self._param.shape[-1]
        batch_shape = self._param.shape[:-1] if self._param.dim() > 1 else Size(())
        super().__init__(batch_shape, validate_args=validate_args)

    @lazy_property
    def probs(self) -> Tensor:  # given logits: softmax(logits)
        return softmax(self.logits, dim=-1)

    @lazy_property
    def logits(self) -> Tensor:  # given probs: ln p, p kept inside [eps, 1 − eps]
        eps = float(np.finfo(self.probs._array.dtype).eps)
        return log(self.probs.clamp(min=eps, max=1 - eps))

    def expand(self, batch_shape: Any, _instance: Any = None) -> Categorical:
        new = type(self).__new__(type(self))
        param_shape = (*batch_shape, self._num_events)
        for name in ("probs", "logits"):
            if name in self.__dict__:
                setattr(new, name, self.__dict__[name].expand(*param_shape))
                new._param = new.__dict__[name]
        new._num_events = self._num_events
        Distribution.__init__(new, batch_shape, validate_args=False)
        new._validate_args = self._validate_args
        return new

    def enumerate_support(self, expand: bool = True) -> Tensor:
        """The classes 0 … n−1, along a new first dimension (expanded over the batch if ``expand``)."""
        values = creation.arange(self._num_events).view((-1,) + (1,) * len(self._batch_shape))
        if expand:
            values = values.expand((-1, *self._batch_shape))
        return values

    @property
    def support(self) -> constraints.Constraint:
        return constraints.integer_interval(0, self._num_events - 1)

    @property
    def param_shape(self) -> Size:
        return self._param.size()

    @property
    def mean(self) -> Tensor:
        return creation.full(self._extended_shape(), math.nan, dtype=self.probs.dtype)

    @property
    def variance(self) -> Tensor:
        return creation.full(self._extended_shape(), math.nan, dtype=self.probs.dtype)

    @property
    def mode(self) -> Tensor:
        return self.probs.argmax(-1)

    def sample(self, sample_shape: Any = ()) -> Tensor:
        """Class indices, drawn as PyTorch draws them: ``torch.multinomial(probs, n, True).T``."""
        sample_shape = tuple(sample_shape)
        with no_grad():
            probs_2d = self.probs.reshape(-1, self._num_events)
            samples_2d = multinomial(probs_2d, math.prod(sample_shape), True).T
            return samples_2d.reshape(self._extended_shape(sample_shape))

    def log_prob(self, value: Tensor) -> Tensor:
        """ln p(value): the normalised logit of the class ``value``."""
        if self._validate_args:
            self._validate_sample(value)
        value = value.long().unsqueeze(-1)
        shape = np.broadcast_shapes(value.shape, self.logits.shape)
        value, log_pmf = value.expand(shape), self.logits.expand(shape)
        return log_pmf.gather(-1, value[..., :1]).squeeze(-1)

    def entropy(self) -> Tensor:
        """−Σ p ln p, with −inf logits clamped to the lowest float."""
        logits = self.logits.clamp(min=float(np.finfo(self.logits._array.dtype).min))
        return -(logits * self.probs).sum(-1)
