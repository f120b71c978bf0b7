"""``torch.distributions.Poisson``: how many events happen, at ``rate`` events on average."""

from __future__ import annotations

from typing import Any

from .._grad_mode import no_grad
from ..ops.sampling import poisson as poisson_draws
from ..tensor import Tensor
from . import constraints
from .distribution import broadcast_all
from .exp_family import ExponentialFamily


class Poisson(ExponentialFamily):
    """The Poisson distribution, P(k) = rateᵏ e^(−rate) / k!.

    ``sample()`` draws PyTorch's numbers after the same ``manual_seed``
    (its CPU sampler, ported); there is no ``rsample``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.distributions import Poisson
    >>> Poisson(torch.tensor([2.0])).log_prob(torch.tensor([3.0]))
    tensor([-1.7123])
    >>> _ = torch.manual_seed(0)
    >>> Poisson(torch.tensor([1.0, 4.0, 20.0])).sample()
    tensor([ 2.,  5., 17.])
    """

    arg_constraints = {"rate": constraints.nonnegative}
    support = constraints.nonnegative_integer

    def __init__(self, rate: Any, validate_args: bool | None = None) -> None:
        (self.rate,) = broadcast_all(rate)
        super().__init__(self.rate.shape, validate_args=validate_args)

    def expand(self, batch_shape: Any, _instance: Any = None) -> Poisson:
        return self._expanded(batch_shape, ("rate",))

    @property
    def mean(self) -> Tensor:
        return self.rate

    @property
    def mode(self) -> Tensor:
        return self.rate.floor()

    @property
    def variance(self) -> Tensor:
        return self.rate

    def sample(self, sample_shape: Any = ()) -> Tensor:
        """Counts (as floats) with no gradient: ``torch.poisson(rate)``, PyTorch's draws."""
        shape = self._extended_shape(sample_shape)
        with no_grad():
            return poisson_draws(self.rate.expand(shape))

    def log_prob(self, value: Tensor) -> Tensor:
        """value · ln rate − rate − ln(value!)."""
        if self._validate_args:
            self._validate_sample(value)
        rate, value = broadcast_all(self.rate, value)
        return value.xlogy(rate) - rate - (value + 1).lgamma()

    @property
    def _natural_params(self) -> tuple[Tensor]:
        return (self.rate.log(),)

    def _log_normalizer(self, x: Tensor) -> Tensor:
        return x.exp()
