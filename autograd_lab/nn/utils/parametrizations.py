"""``torch.nn.utils.parametrizations``: weight and spectral normalisation as parametrizations.

Both are :func:`~autograd_lab.nn.utils.parametrize.register_parametrization`
with a ready-made module: ``weight_norm`` stores a magnitude ``g`` and a
direction ``v`` (``original0``, ``original1``) and computes
``g * v / ‖v‖``; ``spectral_norm`` divides the weight by an estimate of its
largest singular value, refined by one step of the power method at every read
in training mode.

``orthogonal`` is not here: its maps need ``matrix_exp`` or
``linalg.householder_product``, which autograd_lab does not have.

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

from ... import messages
from ..._grad_mode import no_grad
from ...ops.linalg import dot, mv
from ...tensor import Tensor
from .. import functional as F
from ..modules.module import Module
from . import parametrize

__all__ = ["spectral_norm", "weight_norm"]


def norm_except_dim(v: Tensor, pow: float = 2, dim: int = 0) -> Tensor:
    """PyTorch's ``torch.norm_except_dim``: the ``pow``-norm of each slice along ``dim``, kept broadcastable.

    ``dim=-1`` gives the norm of the whole tensor.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.nn.utils.parametrizations import norm_except_dim
    >>> norm_except_dim(torch.tensor([[3.0, 4.0], [6.0, 8.0]]), 2, 0)
    tensor([[ 5.],
            [10.]])
    """
    if dim == -1:
        return v.norm(pow)
    if dim == 0:
        shape = (v.shape[0],) + (1,) * (v.dim() - 1)
        return v.contiguous().view(v.shape[0], -1).norm(pow, 1).view(shape)
    if dim == v.dim() - 1:
        shape = (1,) * (v.dim() - 1) + (v.shape[-1],)
        return v.contiguous().view(-1, v.shape[-1]).norm(pow, 0).view(shape)
    return norm_except_dim(v.transpose(0, dim), pow, 0).transpose(0, dim)


def _weight_norm(v: Tensor, g: Tensor, dim: int = 0) -> Tensor:
    """PyTorch's ``torch._weight_norm``: ``v * (g / ‖v‖)``, the norm taken over every dimension but ``dim``."""
    return v * (g / norm_except_dim(v, 2, dim))


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
