"""``torch.nn.utils.parametrizations``: weight and spectral normalisation as parametrizations.

Both are :func:`~autograd_lab.nn.utils.parametrize.register_parametrization`
with a ready-made module: ``weight_norm`` stores a magnitude ``g`` and a
direction ``v`` (``original0``, ``original1``) and computes
``g * v / ‖v‖``; ``spectral_norm`` divides the weight by an estimate of its
largest singular value, refined by one step of the power method at every read
in training mode.

``orthogonal`` makes a matrix orthogonal through the matrix exponential,
the Cayley map or a product of Householder reflections of a skew-symmetric
(or lower-triangular) matrix, as PyTorch does.

Examples
--------
>>> import autograd_lab as torch
>>> from autograd_lab import nn
>>> from autograd_lab.nn.utils.parametrizations import weight_norm
>>> m = weight_norm(nn.Linear(20, 40))
>>> m.parametrizations.weight.original0.shape, m.parametrizations.weight.original1.shape
(torch.Size([40, 1]), torch.Size([40, 20]))
"""

from __future__ import annotations

from enum import Enum, auto

import numpy as np

from ... import messages
from ..._grad_mode import no_grad
from ...creation import eye, randn, zeros_like
from ...ops.linalg import dot, linalg_solve, mv
from ...ops.matrix_functions import linalg_matrix_exp
from ...ops.shape import cat
from ...ops.weight_norm import _weight_norm, norm_except_dim
from ...tensor import Tensor
from .. import functional as F
from ..modules.module import Module
from . import parametrize

__all__ = ["orthogonal", "spectral_norm", "weight_norm"]


class _WeightNorm(Module, torch_module="torch.nn.utils.parametrizations"):
    """The parametrization of :func:`weight_norm`: ``g * v / ‖v‖`` from ``(g, v)``."""

    def __init__(self, dim: int | None = 0) -> None:
        super().__init__()
        self.dim = -1 if dim is None else dim

    def forward(self, weight_g: Tensor, weight_v: Tensor) -> Tensor:
        return _weight_norm(weight_v, weight_g, self.dim)

    def right_inverse(self, weight: Tensor) -> tuple[Tensor, Tensor]:
        """The magnitude and the direction stored for ``weight``: ``(‖weight‖ per slice, weight)``."""
        return norm_except_dim(weight, 2, self.dim), weight


def weight_norm(module: Module, name: str = "weight", dim: int | None = 0) -> Module:
    """Store ``module.<name>`` as a magnitude ``g`` and a direction ``v``: the weight is ``g * v / ‖v‖``.

    ``g`` is ``module.parametrizations.<name>.original0`` (one number per slice
    along ``dim``; over the whole tensor when ``dim=None``) and ``v`` is
    ``original1``.  Learning them separately decouples the length of the
    weight from its direction (Salimans and Kingma, 2016).

    Parameters
    ----------
    module : nn.Module
        The module holding the weight.
    name : str
        The name of the weight.
    dim : int or None
        The dimension kept by the norm (0: one norm per output).

    Returns
    -------
    nn.Module
        ``module``, parametrized.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> from autograd_lab.nn.utils.parametrizations import weight_norm
    >>> m = weight_norm(nn.Linear(3, 2))
    >>> m
    ParametrizedLinear(
      in_features=3, out_features=2, bias=True
      (parametrizations): ModuleDict(
        (weight): ParametrizationList(
          (0): _WeightNorm()
        )
      )
    )
    >>> [name for name, _ in m.named_parameters()]
    ['bias', 'parametrizations.weight.original0', 'parametrizations.weight.original1']
    """
    parametrize.register_parametrization(module, name, _WeightNorm(dim), unsafe=True)
    return module


class _SpectralNorm(Module, torch_module="torch.nn.utils.parametrizations"):
    """The parametrization of :func:`spectral_norm`: the weight divided by its estimated spectral norm."""

    def __init__(self, weight: Tensor, n_power_iterations: int = 1, dim: int = 0, eps: float = 1e-12) -> None:
        super().__init__()
        ndim = weight.ndim
        if dim >= ndim or dim < -ndim:
            raise messages.error("spectral_norm_dim", ndim=ndim, last=ndim - 1, dim=dim)
        if n_power_iterations <= 0:
            raise messages.error("spectral_norm_iterations", n=n_power_iterations)
        self.dim = dim if dim >= 0 else dim + ndim
        self.eps = eps
        if ndim > 1:  # a vector's spectral norm is its length: nothing to estimate
            self.n_power_iterations = n_power_iterations
            weight_mat = self._reshape_weight_to_matrix(weight)
            h, w = weight_mat.shape
            # Random starting vectors, u drawn before v (the order fixes the numbers for a seed).
            u = weight_mat.new_empty(h).normal_(0, 1)
            v = weight_mat.new_empty(w).normal_(0, 1)
            self.register_buffer("_u", F.normalize(u, dim=0, eps=self.eps))
            self.register_buffer("_v", F.normalize(v, dim=0, eps=self.eps))
            self._power_method(weight_mat, 15)  # start from reasonable singular vectors

    def _reshape_weight_to_matrix(self, weight: Tensor) -> Tensor:
        """The weight as a matrix: dimension ``dim`` first, the others flattened into the columns."""
        if self.dim != 0:
            weight = weight.permute(self.dim, *(d for d in range(weight.dim()) if d != self.dim))
        return weight.flatten(1)

    def _power_method(self, weight_mat: Tensor, n_power_iterations: int) -> None:
        """Refine ``_u`` and ``_v`` (in place) towards the first left and right singular vectors."""
        with no_grad():
            for _ in range(n_power_iterations):
                self._u = F.normalize(mv(weight_mat, self._v), dim=0, eps=self.eps, out=self._u)
                self._v = F.normalize(mv(weight_mat.mT, self._u), dim=0, eps=self.eps, out=self._v)

    def forward(self, weight: Tensor) -> Tensor:
        if weight.ndim == 1:
            return F.normalize(weight, dim=0, eps=self.eps)
        weight_mat = self._reshape_weight_to_matrix(weight)
        if self.training:
            self._power_method(weight_mat, self.n_power_iterations)
        # Copies: the buffers change in place at the next read, which must not alter this graph.
        u = self._u.clone()
        v = self._v.clone()
        sigma = dot(u, mv(weight_mat, v))
        return weight / sigma

    def right_inverse(self, value: Tensor) -> Tensor:
        """The identity: a value assigned is stored as it is."""
        return value


def _output_dim(module: Module) -> int:
    """Which dimension of the weight counts the outputs: 1 for a transposed convolution, else 0."""
    from ..modules import conv

    transposed = tuple(
        getattr(conv, f"ConvTranspose{n}d") for n in (1, 2, 3) if hasattr(conv, f"ConvTranspose{n}d")
    )
    return 1 if isinstance(module, transposed) else 0


def spectral_norm(
    module: Module,
    name: str = "weight",
    n_power_iterations: int = 1,
    eps: float = 1e-12,
    dim: int | None = None,
) -> Module:
    """Divide ``module.<name>`` by its spectral norm (largest singular value), estimated by the power method.

    Registering runs 15 power iterations from random vectors (drawn with the
    global generator); afterwards each read in training mode runs
    ``n_power_iterations`` more, and a read in eval mode none.  A weight of
    more than two dimensions is seen as a matrix with ``dim`` as its rows.

    Parameters
    ----------
    module : nn.Module
        The module holding the weight.
    name : str
        The name of the weight.
    n_power_iterations : int
        Power iterations per read in training mode.
    eps : float
        Lower bound of the norms divided by.
    dim : int or None
        The dimension of the outputs; ``None``: 1 for transposed convolutions, else 0.

    Returns
    -------
    nn.Module
        ``module``, parametrized.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> from autograd_lab.nn.utils.parametrizations import spectral_norm
    >>> _ = torch.manual_seed(0)
    >>> m = spectral_norm(nn.Linear(4, 3))
    >>> round(torch.linalg.svdvals(m.weight.detach())[0].item(), 4)  # the largest singular value
    1.0
    """
    weight = getattr(module, name, None)
    if not isinstance(weight, Tensor):
        raise messages.error("parametrizations_no_tensor", module=module, name=name)
    if dim is None:
        dim = _output_dim(module)
    parametrize.register_parametrization(module, name, _SpectralNorm(weight, n_power_iterations, dim, eps))
    return module


# -- orthogonal ----------------------------------------------------------------------------------------------


def _is_orthogonal(q: Tensor) -> bool:
    """Whether ``Qᵀ Q`` is the identity, to ``10 · n · eps`` (PyTorch's test)."""
    n, k = q.shape[-2], q.shape[-1]
    identity = eye(k, dtype=q.dtype)
    eps = 10.0 * n * float(np.finfo(q._array.dtype).eps)
    return bool((q.mT @ q - identity).abs().le(eps + 1e-5 * identity.abs()).all())


def _geqrf(a: Tensor) -> tuple[Tensor, Tensor]:
    """LAPACK's geqrf, as ``torch.geqrf``: the Householder reflectors below R's diagonal, R on and above, and τ."""
    dtype = a._array.dtype
    values, tau = np.linalg.qr(a._array, mode="raw")  # (NumPy gives the reflectors transposed)
    return Tensor._wrap(np.swapaxes(values, -1, -2).astype(dtype, order="C")), Tensor._wrap(tau.astype(dtype))


def _householder_product(a: Tensor, tau: Tensor) -> Tensor:
    """``torch.linalg.householder_product``: the first columns of H₁ H₂ ⋯ Hₖ, Hᵢ = I − τᵢ vᵢ vᵢᵀ (recorded).

    ``vᵢ`` is column ``i`` of ``a`` below the diagonal, with 1 on it and 0 above.
    """
    n, k = a.shape[-2], a.shape[-1]
    rows = np.arange(n)
    q = eye(n, dtype=a.dtype).expand(*a.shape[:-2], n, n)
    for i in range(k):
        below = Tensor._wrap((rows > i).astype(a._array.dtype))
        one = Tensor._wrap((rows == i).astype(a._array.dtype))
        v = a[..., :, i] * below + one
        q = q - tau[..., i, None, None] * ((q @ v.unsqueeze(-1)) @ v.unsqueeze(-2))
    return q[..., :, :k]


def _make_orthogonal(a: Tensor) -> Tensor:
    """The Q of ``A = QR`` (``A`` tall), its columns' signs chosen so that R's diagonal is not negative."""
    x, tau = _geqrf(a)
    q = _householder_product(x, tau)
    return q * x.diagonal(dim1=-2, dim2=-1).sgn().unsqueeze(-2)


class _OrthMaps(Enum):
    matrix_exp = auto()
    cayley = auto()
    householder = auto()


class _Orthogonal(Module, torch_module="torch.nn.utils.parametrizations"):
    """The parametrization of :func:`orthogonal`: an orthogonal matrix made from an unconstrained one."""

    base: Tensor

    def __init__(self, weight: Tensor, orthogonal_map: _OrthMaps, *, use_trivialization: bool = True) -> None:
        super().__init__()
        self.shape = weight.shape
        self.orthogonal_map = orthogonal_map
        if use_trivialization:
            self.register_buffer("base", None)

    def forward(self, X: Tensor) -> Tensor:  # noqa: N803 - PyTorch's argument name
        n, k = X.shape[-2], X.shape[-1]
        transposed = n < k
        if transposed:
            X, n, k = X.mT, k, n  # noqa: N806
        if self.orthogonal_map in (_OrthMaps.matrix_exp, _OrthMaps.cayley):
            X = X.tril()  # noqa: N806 - the n·k − k(k−1)/2 numbers that are used
            if n != k:  # made square with zero columns
                X = cat([X, X.new_zeros(n, n - k).expand(*X.shape[:-2], -1, -1)], dim=-1)  # noqa: N806
            A = X - X.mT  # noqa: N806 - skew-symmetric
            if self.orthogonal_map == _OrthMaps.matrix_exp:
                Q = linalg_matrix_exp(A)  # noqa: N806
            else:  # the Cayley map (I + A/2)(I − A/2)⁻¹
                identity = eye(n, dtype=A.dtype)
                Q = linalg_solve(identity + A * -0.5, identity + A * 0.5, left=True)  # noqa: N806
            if n != k:
                Q = Q[..., :k]  # noqa: N806
        else:
            A = X.tril(diagonal=-1)  # noqa: N806
            tau = 2.0 / (1.0 + (A * A).sum(dim=-2))
            Q = _householder_product(A, tau)  # noqa: N806
            # X's diagonal holds ±1: the signs of Q's columns (not learnt, hence the integers)
            # (converted back to Q's dtype: the gradient of a product with an integer tensor would leave float32)
            Q = Q * X.diagonal(dim1=-2, dim2=-1).int().to(Q.dtype).unsqueeze(-2)  # noqa: N806
        if hasattr(self, "base"):
            Q = self.base @ Q  # noqa: N806
        if transposed:
            Q = Q.mT  # noqa: N806
        return Q

    def right_inverse(self, Q: Tensor) -> Tensor:  # noqa: N803 - PyTorch's argument name
        """What to store so that the parametrization gives ``Q`` (an orthogonal matrix, or made one by QR)."""
        with no_grad():
            if Q.shape != self.shape:
                raise messages.error("orthogonal_assign_shape", expected=self.shape, got=Q.shape)
            q_init = Q
            n, k = Q.shape[-2], Q.shape[-1]
            transpose = n < k
            if transpose:
                Q, n, k = Q.mT, k, n  # noqa: N806
            if not hasattr(self, "base"):
                if self.orthogonal_map in (_OrthMaps.cayley, _OrthMaps.matrix_exp):
                    raise messages.error("orthogonal_no_trivialization")
                A, tau = _geqrf(Q)  # noqa: N806
                # R's diagonal positive (Q = (−Q)(−I) is a QR too): the reflectors' diagonal holds the signs
                diagonal = A.diagonal(dim1=-2, dim2=-1)
                diagonal.sign_()
                diagonal[tau == 0.0] *= -1
                return A.mT if transpose else A
            if n == k:
                Q = Q.clone() if _is_orthogonal(Q) else _make_orthogonal(Q)  # noqa: N806
            else:  # completed into an n × n orthogonal matrix with random columns
                N = randn(*(tuple(Q.shape[:-2]) + (n, n - k)), dtype=Q.dtype)  # noqa: N806
                Q = _make_orthogonal(cat([Q, N], dim=-1))  # noqa: N806
            self.base = Q
            # −I: the Householder map of zeros is then the identity, and base @ identity is Q
            neg_id = zeros_like(q_init)
            neg_id.diagonal(dim1=-2, dim2=-1).fill_(-1.0)
            return neg_id


def orthogonal(
    module: Module,
    name: str = "weight",
    orthogonal_map: str | None = None,
    *,
    use_trivialization: bool = True,
) -> Module:
    """Make ``module.<name>`` an orthogonal matrix (or a batch of them): orthonormal columns, or rows if wide.

    The weight is computed from an unconstrained tensor by ``orthogonal_map``:
    ``"matrix_exp"`` or ``"cayley"`` (of a skew-symmetric matrix, default
    for square weights) or ``"householder"`` (a product of reflections,
    default otherwise).  With ``use_trivialization`` (default) an orthogonal
    ``base`` is kept in ``parametrizations.<name>[0].base`` and multiplied
    in; assigning to the weight resets it.  The first value is the weight's
    own when it is orthogonal, else the Q of its QR decomposition.

    Parameters
    ----------
    module : nn.Module
        The module holding the weight.
    name : str
        The name of the weight (at least two dimensions).
    orthogonal_map : str or None
        ``"matrix_exp"``, ``"cayley"`` or ``"householder"``.
    use_trivialization : bool
        Keep an orthogonal base matrix (PyTorch's "dynamic trivialization").

    Returns
    -------
    nn.Module
        ``module``, parametrized.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> from autograd_lab.nn.utils.parametrizations import orthogonal
    >>> layer = orthogonal(nn.Linear(5, 3))
    >>> layer
    ParametrizedLinear(
      in_features=5, out_features=3, bias=True
      (parametrizations): ModuleDict(
        (weight): ParametrizationList(
          (0): _Orthogonal()
        )
      )
    )
    >>> W = layer.weight
    >>> torch.allclose(W @ W.T, torch.eye(3), atol=1e-6)
    True
    """
    weight = getattr(module, name, None)
    if not isinstance(weight, Tensor):
        raise messages.error("parametrizations_no_tensor", module=module, name=name)
    if weight.ndim < 2:
        raise messages.error("orthogonal_not_matrix", ndim=weight.ndim)
    if orthogonal_map is None:
        orthogonal_map = "matrix_exp" if weight.shape[-2] == weight.shape[-1] else "householder"
    orth_enum = getattr(_OrthMaps, orthogonal_map, None)
    if orth_enum is None:
        raise messages.error("orthogonal_map", got=orthogonal_map)
    orth = _Orthogonal(weight, orth_enum, use_trivialization=use_trivialization)
    parametrize.register_parametrization(module, name, orth, unsafe=True)
    return module
