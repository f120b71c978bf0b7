"""``torch.distributions.LKJCholesky``: Cholesky factors of random correlation matrices, by the onion
method (Lewandowski, Kurowicka and Joe, 2009), as PyTorch draws them: a Beta draw per row, then
normal draws normalized onto the sphere, so after the same seed the factors are PyTorch's.

Examples
--------
>>> import autograd_lab as torch
>>> from autograd_lab.distributions import LKJCholesky
>>> LKJCholesky(3, 0.5).log_prob(torch.eye(3))
tensor(-2.5310)
"""

from __future__ import annotations

import math
from typing import Any

from .. import creation
from .._dtype import Size
from .._info import finfo
from ..ops.elementwise import lgamma
from ..ops.shape import cat, diag_embed
from ..ops.special import mvlgamma
from ..tensor import Tensor
from . import constraints
from .beta import Beta
from .distribution import Distribution
from .utils import broadcast_all

__all__ = ["LKJCholesky"]


class LKJCholesky(Distribution):
    """The LKJ distribution of the lower Cholesky factor L of a correlation matrix: the density of
    L Lᵀ is proportional to det(L Lᵀ)^(η − 1), η the ``concentration`` (η = 1: uniform).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.distributions import LKJCholesky
    >>> _ = torch.manual_seed(0)
    >>> LKJCholesky(2).sample().shape
    torch.Size([2, 2])
    """

    arg_constraints = {"concentration": constraints.positive}
    support = constraints.corr_cholesky

    def __init__(self, dim: int, concentration: Any = 1.0, validate_args: bool | None = None) -> None:
        if dim < 2:
            raise ValueError(f"Expected dim to be an integer greater than or equal to 2. Found dim={dim}.")
        self.dim = dim
        (self.concentration,) = broadcast_all(concentration)
        marginal_concentration = self.concentration + 0.5 * (self.dim - 2)
        offset = creation.arange(self.dim - 1, dtype=self.concentration.dtype)
        offset = cat([offset.new_zeros((1,)), offset])
        self._beta = Beta(offset + 0.5, marginal_concentration.unsqueeze(-1) - 0.5 * offset)
        super().__init__(self.concentration.shape, Size((dim, dim)), validate_args)

    def expand(self, batch_shape: Any, _instance: Any = None) -> LKJCholesky:
        new = type(self).__new__(type(self))
        batch_shape = Size(batch_shape)
        new.dim = self.dim
        new.concentration = self.concentration.expand(batch_shape)
        new._beta = self._beta.expand((*batch_shape, self.dim))
        Distribution.__init__(new, batch_shape, self.event_shape, validate_args=False)
        new._validate_args = self._validate_args
        return new

    def sample(self, sample_shape: Any = ()) -> Tensor:
        """Row i: √yᵢ times a uniform direction in its first i coordinates, then the diagonal that makes it unit."""
        y = self._beta.sample(sample_shape).unsqueeze(-1)
        u_normal = creation.randn(self._extended_shape(sample_shape), dtype=y.dtype).tril(-1)
        u_hypersphere = u_normal / u_normal.norm(dim=-1, keepdim=True)
        u_hypersphere[..., 0, :].fill_(0.0)
        w = y.sqrt() * u_hypersphere
        diagonal = (1 - (w**2).sum(dim=-1)).clamp(min=finfo(w.dtype).tiny).sqrt()
        return w + diag_embed(diagonal)

    def log_prob(self, value: Tensor) -> Tensor:
        if self._validate_args:
            self._validate_sample(value)
        diagonal = value.diagonal(dim1=-1, dim2=-2)[..., 1:]
        order = creation.arange(2, self.dim + 1)
        order = 2 * (self.concentration - 1).unsqueeze(-1) + self.dim - order
        unnormalized = (order * diagonal.log()).sum(dim=-1)
        dm1 = self.dim - 1
        alpha = self.concentration + 0.5 * dm1
        normalizer = 0.5 * dm1 * math.log(math.pi) + mvlgamma(alpha - 0.5, dm1) - lgamma(alpha) * dm1
        return unnormalized - normalizer
