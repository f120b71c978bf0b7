"""``torch.distributions.MultivariateNormal``: the Gaussian over vectors, with mean ``loc`` and a covariance.

Everything is computed from the lower Cholesky factor ``L`` of the
covariance (``Σ = L Lᵀ``), as PyTorch does: given a covariance it is
``torch.linalg.cholesky(Σ)``, given a precision matrix PyTorch's flip
trick, and the Mahalanobis distance is a triangular solve with ``L``.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .. import creation, messages
from .._dtype import Size
from ..linalg import cholesky, solve_triangular
from ..tensor import Tensor
from . import constraints
from .distribution import Distribution
from .utils import lazy_property


def _batch_mv(bmat: Tensor, bvec: Tensor) -> Tensor:
    """Matrix times vector over broadcast batches: ``(bmat @ bvec[..., None])[..., 0]``."""
    return bmat.matmul(bvec.unsqueeze(-1)).squeeze(-1)


def _batch_mahalanobis(bL: Tensor, bx: Tensor) -> Tensor:  # noqa: N803 - PyTorch's names
    """xᵀ (L Lᵀ)⁻¹ x = |L⁻¹ x|², batched as PyTorch batches it: ``bx``'s extra batch dims ride as columns."""
    n = bx.size(-1)
    bx_batch_shape = tuple(bx.shape[:-1])
    bx_batch_dims = len(bx_batch_shape)
    bL_batch_dims = bL.dim() - 2  # noqa: N806
    outer_batch_dims = bx_batch_dims - bL_batch_dims
    old_batch_dims = outer_batch_dims + bL_batch_dims
    new_batch_dims = outer_batch_dims + 2 * bL_batch_dims
    # bx reshaped to (..., 1, j, i, 1, n) so that one triangular solve per L takes all its vectors
    bx_new_shape = tuple(bx.shape[:outer_batch_dims])
    for size_l, size_x in zip(bL.shape[:-2], bx.shape[outer_batch_dims:-1], strict=True):
        bx_new_shape += (size_x // size_l, size_l)
    bx = bx.reshape(*bx_new_shape, n)
    permute_dims = (
        list(range(outer_batch_dims))
        + list(range(outer_batch_dims, new_batch_dims, 2))
        + list(range(outer_batch_dims + 1, new_batch_dims, 2))
        + [new_batch_dims]
    )
    bx = bx.permute(tuple(permute_dims))
    flat_L = bL.reshape(-1, n, n)  # noqa: N806  (b, n, n)
    flat_x = bx.reshape(-1, flat_L.size(0), n)  # (c, b, n)
    flat_x_swap = flat_x.permute(1, 2, 0)  # (b, n, c)
    M_swap = solve_triangular(flat_L, flat_x_swap, upper=False).pow(2).sum(-2)  # noqa: N806  (b, c)
    M = M_swap.t()  # noqa: N806  (c, b)
    permuted_M = M.reshape(bx.shape[:-1])  # noqa: N806
    permute_inv_dims = list(range(outer_batch_dims))
    for i in range(bL_batch_dims):
        permute_inv_dims += [outer_batch_dims + i, old_batch_dims + i]
    return permuted_M.permute(tuple(permute_inv_dims)).reshape(bx_batch_shape)


def _precision_to_scale_tril(P: Tensor) -> Tensor:  # noqa: N803 - PyTorch's name
    """The lower Cholesky factor of P⁻¹, without inverting P: from the Cholesky factor of P flipped."""
    Lf = cholesky(P.flip(-2, -1))  # noqa: N806
    L_inv = Lf.flip(-2, -1).transpose(-2, -1)  # noqa: N806
    identity = creation.eye(P.shape[-1], dtype=P.dtype)
    return solve_triangular(L_inv, identity, upper=False)


class MultivariateNormal(Distribution):
    """The multivariate normal N(loc, Σ), Σ given as ``covariance_matrix``, ``precision_matrix`` (Σ⁻¹) or ``scale_tril`` (L).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.distributions import MultivariateNormal
    >>> d = MultivariateNormal(torch.zeros(2), torch.tensor([[2.0, 1.0], [1.0, 2.0]]))
    >>> d.log_prob(torch.tensor([1.0, 0.0]))
    tensor(-2.7205)
    >>> d
    MultivariateNormal(loc: torch.Size([2]), covariance_matrix: torch.Size([2, 2]))
    >>> d.scale_tril  # computed when first asked for, then shown in the repr too (as in PyTorch)
    tensor([[1.4142, 0.0000],
            [0.7071, 1.2247]])
    """

    arg_constraints = {
        "loc": constraints.real_vector,
        "covariance_matrix": constraints.positive_definite,
        "precision_matrix": constraints.positive_definite,
        "scale_tril": constraints.lower_cholesky,
    }
    support = constraints.real_vector
    has_rsample = True

    def __init__(
        self,
        loc: Tensor,
        covariance_matrix: Tensor | None = None,
        precision_matrix: Tensor | None = None,
        scale_tril: Tensor | None = None,
        validate_args: bool | None = None,
    ) -> None:
        if loc.dim() < 1:
            raise messages.error("mvn_loc_dims")
        given = [m for m in (covariance_matrix, scale_tril, precision_matrix) if m is not None]
        if len(given) != 1:
            raise messages.error("mvn_one_matrix")
        matrix = given[0]
        if matrix.dim() < 2:
            what = "scale_tril matrix" if scale_tril is not None else (
                "covariance_matrix" if covariance_matrix is not None else "precision_matrix")  # fmt: skip
            raise messages.error("mvn_matrix_dims", what=what)
        batch_shape = Size(np.broadcast_shapes(tuple(matrix.shape[:-2]), tuple(loc.shape[:-1])))
        if scale_tril is not None:
            self.scale_tril = scale_tril.expand(*batch_shape, -1, -1)
        elif covariance_matrix is not None:
            self.covariance_matrix = covariance_matrix.expand(*batch_shape, -1, -1)
        else:
            self.precision_matrix = precision_matrix.expand(*batch_shape, -1, -1)
        self.loc = loc.expand(*batch_shape, -1)
        super().__init__(batch_shape, self.loc.shape[-1:], validate_args)
        if scale_tril is not None:
            self._unbroadcasted_scale_tril = scale_tril
        elif covariance_matrix is not None:
            self._unbroadcasted_scale_tril = cholesky(covariance_matrix)
        else:
            self._unbroadcasted_scale_tril = _precision_to_scale_tril(precision_matrix)

    def expand(self, batch_shape: Any, _instance: Any = None) -> MultivariateNormal:
        new = type(self).__new__(type(self))
        batch_shape = tuple(batch_shape)
        matrix_shape = (*batch_shape, *self.event_shape, *self.event_shape)
        new.loc = self.loc.expand(*batch_shape, *self.event_shape)
        new._unbroadcasted_scale_tril = self._unbroadcasted_scale_tril
        for name in ("covariance_matrix", "scale_tril", "precision_matrix"):
            if name in self.__dict__:
                setattr(new, name, self.__dict__[name].expand(*matrix_shape))
        Distribution.__init__(new, batch_shape, self.event_shape, validate_args=False)
        new._validate_args = self._validate_args
        return new

    def _matrix_shape(self) -> tuple:
        return (*self._batch_shape, *self._event_shape, *self._event_shape)

    @lazy_property
    def scale_tril(self) -> Tensor:  # given a covariance or precision: its Cholesky factor L
        return self._unbroadcasted_scale_tril.expand(*self._matrix_shape())

    @lazy_property
    def covariance_matrix(self) -> Tensor:  # L Lᵀ
        tril = self._unbroadcasted_scale_tril
        return tril.matmul(tril.mT).expand(*self._matrix_shape())

    @lazy_property
    def precision_matrix(self) -> Tensor:  # (L Lᵀ)⁻¹ = L⁻ᵀ L⁻¹ (PyTorch: cholesky_inverse(L))
        tril = self._unbroadcasted_scale_tril
        inverse = solve_triangular(tril, creation.eye(tril.shape[-1], dtype=tril.dtype), upper=False)
        return inverse.mT.matmul(inverse).expand(*self._matrix_shape())

    @property
    def mean(self) -> Tensor:
        return self.loc

    @property
    def mode(self) -> Tensor:
        return self.loc

    @property
    def variance(self) -> Tensor:
        return self._unbroadcasted_scale_tril.pow(2).sum(-1).expand(*self._batch_shape, *self._event_shape)

    def rsample(self, sample_shape: Any = ()) -> Tensor:
        """``loc + L ε`` with ε standard normal (``normal_()``, PyTorch's numbers): differentiable in loc and L."""
        shape = self._extended_shape(sample_shape)
        eps = creation.empty(shape, dtype=self.loc.dtype).normal_()
        return self.loc + _batch_mv(self._unbroadcasted_scale_tril, eps)

    def log_prob(self, value: Tensor) -> Tensor:
        """−½ (n ln 2π + |L⁻¹(value − loc)|²) − Σ ln Lᵢᵢ."""
        if self._validate_args:
            self._validate_sample(value)
        diff = value - self.loc
        M = _batch_mahalanobis(self._unbroadcasted_scale_tril, diff)  # noqa: N806
        half_log_det = self._unbroadcasted_scale_tril.diagonal(dim1=-2, dim2=-1).log().sum(-1)
        return -0.5 * (self._event_shape[0] * math.log(2 * math.pi) + M) - half_log_det

    def entropy(self) -> Tensor:
        """½ n (1 + ln 2π) + Σ ln Lᵢᵢ."""
        half_log_det = self._unbroadcasted_scale_tril.diagonal(dim1=-2, dim2=-1).log().sum(-1)
        H = 0.5 * self._event_shape[0] * (1.0 + math.log(2 * math.pi)) + half_log_det  # noqa: N806
        if len(self._batch_shape) == 0:
            return H
        return H.expand(*self._batch_shape)
