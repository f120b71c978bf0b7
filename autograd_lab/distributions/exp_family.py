"""``torch.distributions.ExponentialFamily``: densities exp(⟨t(x), θ⟩ − F(θ) + k(x)), and their Bregman KL."""

from __future__ import annotations

from typing import Any

from .. import messages
from ..tensor import Tensor
from .distribution import Distribution


class ExponentialFamily(Distribution):
    """The base of the distributions of an exponential family (Normal, Bernoulli, Gamma ...).

    A subclass names its natural parameters θ (``_natural_params``) and its
    log normaliser F (``_log_normalizer``); the entropy and the KL divergence
    between two members of one family then follow from F and its gradient
    (Bregman divergences), computed with autograd as PyTorch does.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.distributions import Exponential, ExponentialFamily
    >>> isinstance(Exponential(1.0), ExponentialFamily)
    True
    """

    @property
    def _natural_params(self) -> tuple[Tensor, ...]:
        raise messages.error("distribution_not_implemented")

    def _log_normalizer(self, *natural_params: Tensor) -> Tensor:
        raise messages.error("distribution_not_implemented")

    @property
    def _mean_carrier_measure(self) -> float:
        raise messages.error("distribution_not_implemented")

    def entropy(self) -> Tensor:
        """F(θ) − ⟨θ, ∇F(θ)⟩ − E[k(x)], with ∇F from autograd."""
        from ..autograd import grad

        result: Any = -self._mean_carrier_measure
        params = [p.detach().requires_grad_() for p in self._natural_params]
        log_normalizer = self._log_normalizer(*params)
        gradients = grad(log_normalizer.sum(), params, create_graph=True)
        result += log_normalizer
        for param, gradient in zip(params, gradients, strict=True):
            result -= (param * gradient).reshape(*self._batch_shape, -1).sum(-1)
        return result


def kl_expfamily_expfamily(p: ExponentialFamily, q: ExponentialFamily) -> Tensor:
    """KL between two members of one family: F(θq) − F(θp) − ⟨θq − θp, ∇F(θp)⟩."""
    from ..autograd import grad
    from .distribution import sum_rightmost

    if type(p) is not type(q):
        raise messages.error("kl_expfamily_cross")
    p_params = [param.detach().requires_grad_() for param in p._natural_params]
    q_params = q._natural_params
    log_normalizer = p._log_normalizer(*p_params)
    gradients = grad(log_normalizer.sum(), p_params, create_graph=True)
    result = q._log_normalizer(*q_params) - log_normalizer
    for pnp, qnp, g in zip(p_params, q_params, gradients, strict=True):
        term = (qnp - pnp) * g
        result -= sum_rightmost(term, len(q.event_shape))
    return result
