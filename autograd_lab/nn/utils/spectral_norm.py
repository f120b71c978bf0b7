"""``torch.nn.utils.spectral_norm``, the old form: a forward pre-hook divides the weight by its spectral norm.

The weight moves to the parameter ``weight_orig``; two buffers ``weight_u``
and ``weight_v`` hold the power method's estimates of its first singular
vectors.  Before each forward the hook runs the power method (in training
mode) and sets the plain attribute ``weight = weight_orig / σ`` with
``σ = uᵀ W v``.  The newer
:func:`autograd_lab.nn.utils.parametrizations.spectral_norm` does the same
with a parametrization.

Examples
--------
>>> from autograd_lab import nn
>>> m = nn.utils.spectral_norm(nn.Linear(20, 40))
>>> m
Linear(in_features=20, out_features=40, bias=True)
>>> m.weight_u.size()
torch.Size([40])
"""

from __future__ import annotations

from typing import Any, TypeVar

from ... import messages
from ..._classname import PyTorchName
from ..._grad_mode import no_grad
from ...ops.linalg import dot, mv
from ...tensor import Tensor
from .. import functional as F
from ..modules.module import Module
from ..parameter import Parameter, is_lazy
from .parametrizations import _output_dim

__all__ = ["SpectralNorm", "spectral_norm", "remove_spectral_norm"]


class SpectralNorm(metaclass=PyTorchName, torch_module="torch.nn.utils.spectral_norm"):
    """The forward pre-hook of :func:`spectral_norm`: sets ``module.<name>`` to ``<name>_orig / σ``."""

    _version: int = 1

    def __init__(
        self, name: str = "weight", n_power_iterations: int = 1, dim: int = 0, eps: float = 1e-12
    ) -> None:
        self.name = name
        self.dim = dim
        if n_power_iterations <= 0:
            raise messages.error("spectral_norm_iterations", n=n_power_iterations)
        self.n_power_iterations = n_power_iterations
        self.eps = eps

    def reshape_weight_to_matrix(self, weight: Tensor) -> Tensor:
        """The weight as a matrix: dimension ``dim`` first, the others flattened into the columns."""
        weight_mat = weight
        if self.dim != 0:
            weight_mat = weight_mat.permute(self.dim, *[d for d in range(weight_mat.dim()) if d != self.dim])
        return weight_mat.reshape(weight_mat.size(0), -1)

    def compute_weight(self, module: Module, do_power_iteration: bool) -> Tensor:
        """``<name>_orig / σ``, after refining ``<name>_u`` and ``<name>_v`` in place when ``do_power_iteration``."""
        weight = getattr(module, self.name + "_orig")
        u = getattr(module, self.name + "_u")
        v = getattr(module, self.name + "_v")
        weight_mat = self.reshape_weight_to_matrix(weight)
        if do_power_iteration:
            with no_grad():
                for _ in range(self.n_power_iterations):
                    v = F.normalize(mv(weight_mat.t(), u), dim=0, eps=self.eps, out=v)
                    u = F.normalize(mv(weight_mat, v), dim=0, eps=self.eps, out=u)
                # Copies: the buffers change in place at the next forward, which must not alter this graph.
                u = u.clone()
                v = v.clone()
        sigma = dot(u, mv(weight_mat, v))
        return weight / sigma

    def remove(self, module: Module) -> None:
        """Put ``module.<name>`` back as one parameter holding the current normalised weight."""
        with no_grad():
            weight = self.compute_weight(module, do_power_iteration=False)
        delattr(module, self.name)
        delattr(module, self.name + "_u")
        delattr(module, self.name + "_v")
        delattr(module, self.name + "_orig")
        module.register_parameter(self.name, Parameter(weight.detach()))

    def __call__(self, module: Module, inputs: Any) -> None:
        setattr(module, self.name, self.compute_weight(module, do_power_iteration=module.training))

    @staticmethod
    def apply(module: Module, name: str, n_power_iterations: int, dim: int, eps: float) -> SpectralNorm:
        """Move ``module.<name>`` to ``<name>_orig``, draw ``<name>_u`` and ``<name>_v``, register the hook."""
        for hook in module._forward_pre_hooks.values():
            if isinstance(hook, SpectralNorm) and hook.name == name:
                raise messages.error("spectral_norm_twice", name=name)
        fn = SpectralNorm(name, n_power_iterations, dim, eps)
        weight = module._parameters[name]
        if weight is None:
            raise messages.error("spectral_norm_none", name=name)
        if is_lazy(weight):
            raise messages.error("spectral_norm_uninitialized")
        with no_grad():
            weight_mat = fn.reshape_weight_to_matrix(weight)
            h, w = weight_mat.size()
            # Random starting vectors, u drawn before v (the order fixes the numbers for a seed).
            u = F.normalize(weight.new_empty(h).normal_(0, 1), dim=0, eps=fn.eps)
            v = F.normalize(weight.new_empty(w).normal_(0, 1), dim=0, eps=fn.eps)
        delattr(module, fn.name)
        module.register_parameter(fn.name + "_orig", weight)
        # `weight` stays readable (initialisers use it) as a plain attribute, not a parameter.
        setattr(module, fn.name, weight.data)
        module.register_buffer(fn.name + "_u", u)
        module.register_buffer(fn.name + "_v", v)
        module.register_forward_pre_hook(fn)
        return fn


T_module = TypeVar("T_module", bound=Module)


def spectral_norm(
    module: T_module,
    name: str = "weight",
    n_power_iterations: int = 1,
    eps: float = 1e-12,
    dim: int | None = None,
) -> T_module:
    """Divide ``module.<name>`` by its spectral norm before every forward (the hook-based form).

    The weight is stored as ``<name>_orig``; ``<name>_u`` and ``<name>_v``
    start as random unit vectors drawn with the global generator and move
    ``n_power_iterations`` steps of the power method at every forward in
    training mode.

    Parameters
    ----------
    module : nn.Module
        The module holding the weight.
    name : str
        The name of the weight.
    n_power_iterations : int
        Power iterations per forward in training mode.
    eps : float
        Lower bound of the norms divided by.
    dim : int or None
        The dimension of the outputs; ``None``: 1 for transposed convolutions, else 0.

    Returns
    -------
    nn.Module
        ``module``, with the hook.

    Examples
    --------
    >>> from autograd_lab import nn
    >>> m = nn.utils.spectral_norm(nn.Linear(3, 2))
    >>> [name for name, _ in m.named_parameters()], [name for name, _ in m.named_buffers()]
    (['bias', 'weight_orig'], ['weight_u', 'weight_v'])
    """
    if dim is None:
        dim = _output_dim(module)
    SpectralNorm.apply(module, name, n_power_iterations, dim, eps)
    return module


def remove_spectral_norm(module: T_module, name: str = "weight") -> T_module:
    """Undo :func:`spectral_norm`: ``module.<name>`` is one parameter again, holding the normalised weight.

    Examples
    --------
    >>> from autograd_lab import nn
    >>> m = nn.utils.remove_spectral_norm(nn.utils.spectral_norm(nn.Linear(3, 2)))
    >>> [name for name, _ in m.named_parameters()]
    ['bias', 'weight']
    """
    for key, hook in module._forward_pre_hooks.items():
        if isinstance(hook, SpectralNorm) and hook.name == name:
            hook.remove(module)
            del module._forward_pre_hooks[key]
            return module
    raise messages.error("spectral_norm_not_found", name=name, module=module)
