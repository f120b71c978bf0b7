"""``torch.distributions.VonMises``: a distribution of angles, drawn by Best and Fisher's rejection sampler.

Sampling runs in float64 and draws three uniforms per round for every value, as PyTorch's
``_rejection_sample`` does, so after the same seed the angles are PyTorch's.  The log normalizer
uses the same polynomial approximations of the modified Bessel functions I₀ and I₁ (Abramowitz and
Stegun 9.8.1-9.8.4).

Examples
--------
>>> import autograd_lab as torch
>>> from autograd_lab.distributions import VonMises
>>> VonMises(torch.tensor([0.0]), torch.tensor([1.0])).log_prob(torch.tensor([0.0]))
tensor([-1.0738])
"""

from __future__ import annotations

import math
from typing import Any

from .. import creation
from .._dtype import Size, float64
from .._dtype import bool as bool_
from .._grad_mode import no_grad
from ..ops.elementwise import where
from ..tensor import Tensor
from . import constraints
from .distribution import Distribution
from .utils import broadcast_all, lazy_property

__all__ = ["VonMises"]

_I0_SMALL = (1.0, 3.5156229, 3.0899424, 1.2067492, 0.2659732, 0.360768e-1, 0.45813e-2)
_I0_LARGE = (0.39894228, 0.1328592e-1, 0.225319e-2, -0.157565e-2, 0.916281e-2, -0.2057706e-1, 0.2635537e-1,
             -0.1647633e-1, 0.392377e-2)  # fmt: skip
_I1_SMALL = (0.5, 0.87890594, 0.51498869, 0.15084934, 0.2658733e-1, 0.301532e-2, 0.32411e-3)
_I1_LARGE = (0.39894228, -0.3988024e-1, -0.362018e-2, 0.163801e-2, -0.1031555e-1, 0.2282967e-1, -0.2895312e-1,
             0.1787654e-1, -0.420059e-2)  # fmt: skip


def _polynomial(y: Tensor, coefficients: tuple[float, ...]) -> Tensor:
    """Σ cₖ yᵏ, from the highest power down, as PyTorch's ``_eval_poly``."""
    result: Any = coefficients[-1]
    for coefficient in coefficients[-2::-1]:
        result = coefficient + y * result
    return result


def _log_modified_bessel(x: Tensor, order: int = 0) -> Tensor:
    """ln Iₒ(x) for x > 0 and order 0 or 1: a polynomial below 3.75, the asymptotic form above."""
    small_coefficients, large_coefficients = (_I0_SMALL, _I0_LARGE) if order == 0 else (_I1_SMALL, _I1_LARGE)
    y = x / 3.75
    small = _polynomial(y * y, small_coefficients)
    if order == 1:
        small = x.abs() * small
    large = x - 0.5 * x.log() + _polynomial(3.75 / x, large_coefficients).log()
    return where(x < 3.75, small.log(), large)


def _rejection_sample(loc: Tensor, concentration: Tensor, proposal_r: Tensor, x: Tensor) -> Tensor:
    """Best and Fisher (1979): rounds of three uniforms until every value is accepted, then the angle."""
    done = creation.zeros(x.shape, dtype=bool_)
    while not done.all():
        u1, u2, u3 = creation.rand((3, *x.shape), dtype=loc.dtype).unbind()
        z = (math.pi * u1).cos()
        f = (1 + proposal_r * z) / (proposal_r + z)
        c = concentration * (proposal_r - f)
        accept = ((c * (2 - c) - u2) > 0) | ((c / u2).log() + 1 - c >= 0)
        if accept.any():
            x = where(accept, (u3 - 0.5).sign() * f.acos(), x)
            done = done | accept
    return (x + math.pi + loc) % (2 * math.pi) - math.pi


class VonMises(Distribution):
    """The circular von Mises distribution of angles around ``loc``, peaked by ``concentration`` κ.

    ``loc`` and values may be any real numbers; they are read as angles modulo 2π.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.distributions import VonMises
    >>> VonMises(torch.tensor([1.0]), torch.tensor([2.0])).mean
    tensor([1.])
    """

    arg_constraints = {"loc": constraints.real, "concentration": constraints.positive}
    support = constraints.real
    has_rsample = False

    def __init__(self, loc: Any, concentration: Any, validate_args: bool | None = None) -> None:
        self.loc, self.concentration = broadcast_all(loc, concentration)
        super().__init__(self.loc.shape, Size(), validate_args)

    def log_prob(self, value: Tensor) -> Tensor:
        if self._validate_args:
            self._validate_sample(value)
        log_prob = self.concentration * (value - self.loc).cos()
        return log_prob - math.log(2 * math.pi) - _log_modified_bessel(self.concentration, order=0)

    @lazy_property
    def _loc(self) -> Tensor:
        return self.loc.to(float64)

    @lazy_property
    def _concentration(self) -> Tensor:
        return self.concentration.to(float64)

    @lazy_property
    def _proposal_r(self) -> Tensor:
        kappa = self._concentration
        tau = 1 + (1 + 4 * kappa**2).sqrt()
        rho = (tau - (2 * tau).sqrt()) / (2 * kappa)
        return where(kappa < 1e-5, 1 / kappa + kappa, (1 + rho**2) / (2 * rho))

    def sample(self, sample_shape: Any = ()) -> Tensor:
        """Angles in [−π, π), drawn in float64 (small κ would make float32 rejection hang), then in loc's dtype."""
        shape = self._extended_shape(sample_shape)
        with no_grad():
            x = creation.zeros(shape, dtype=float64)
            return _rejection_sample(self._loc, self._concentration, self._proposal_r, x).to(self.loc.dtype)

    def expand(self, batch_shape: Any, _instance: Any = None) -> VonMises:
        loc, concentration = self.loc.expand(*batch_shape), self.concentration.expand(*batch_shape)
        return type(self)(loc, concentration, validate_args=self.__dict__.get("_validate_args"))

    @property
    def mean(self) -> Tensor:
        """The circular mean: ``loc``."""
        return self.loc

    @property
    def mode(self) -> Tensor:
        return self.loc

    @lazy_property
    def variance(self) -> Tensor:
        """The circular variance, 1 − I₁(κ)/I₀(κ)."""
        return (
            1
            - (
                _log_modified_bessel(self.concentration, order=1)
                - _log_modified_bessel(self.concentration, order=0)
            ).exp()
        )
