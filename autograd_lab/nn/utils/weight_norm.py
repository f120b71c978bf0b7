"""``torch.nn.utils.weight_norm``, the old (deprecated) form: a forward pre-hook recomputes the weight.

The weight becomes two parameters, ``weight_g`` (its magnitude) and
``weight_v`` (its direction), and before each forward the hook sets the plain
attribute ``weight = weight_g * weight_v / ‖weight_v‖``.  The newer
:func:`autograd_lab.nn.utils.parametrizations.weight_norm` does the same with
a parametrization.

Examples
--------
>>> import warnings
>>> from autograd_lab import nn
>>> with warnings.catch_warnings():
...     warnings.simplefilter("ignore")
...     m = nn.utils.weight_norm(nn.Linear(20, 40), name="weight")
>>> m
Linear(in_features=20, out_features=40, bias=True)
>>> m.weight_g.size(), m.weight_v.size()
(torch.Size([40, 1]), torch.Size([40, 20]))
"""

from __future__ import annotations

import warnings
from typing import Any, TypeVar

from ... import messages
from ..._classname import PyTorchName
from ...ops.weight_norm import _weight_norm, norm_except_dim
from ..modules.module import Module
from ..parameter import Parameter, is_lazy

__all__ = ["WeightNorm", "weight_norm", "remove_weight_norm"]


class WeightNorm(metaclass=PyTorchName, torch_module="torch.nn.utils.weight_norm"):
    """The forward pre-hook of :func:`weight_norm`: sets ``module.<name>`` from ``<name>_g`` and ``<name>_v``."""

    def __init__(self, name: str, dim: int | None) -> None:
        self.name = name
        self.dim = -1 if dim is None else dim

    def compute_weight(self, module: Module) -> Any:
        """``g * v / ‖v‖`` from the module's ``<name>_g`` and ``<name>_v``."""
        g = getattr(module, self.name + "_g")
        v = getattr(module, self.name + "_v")
        return _weight_norm(v, g, self.dim)

    @staticmethod
    def apply(module: Module, name: str, dim: int | None) -> WeightNorm:
        """Replace ``module.<name>`` by ``<name>_g`` and ``<name>_v`` and register the hook."""
        warnings.warn(messages.text("weight_norm_deprecated"), FutureWarning, stacklevel=3)
        for hook in module._forward_pre_hooks.values():
            if isinstance(hook, WeightNorm) and hook.name == name:
                raise messages.error("weight_norm_twice", name=name)
        fn = WeightNorm(name, dim)
        weight = getattr(module, name)
        if is_lazy(weight):
            raise messages.error("weight_norm_uninitialized")
        del module._parameters[name]
        module.register_parameter(name + "_g", Parameter(norm_except_dim(weight, 2, fn.dim).data))
        module.register_parameter(name + "_v", Parameter(weight.data))
        setattr(module, name, fn.compute_weight(module))
        module.register_forward_pre_hook(fn)
        return fn

    def remove(self, module: Module) -> None:
        """Put ``module.<name>`` back as one parameter holding the current weight."""
        weight = self.compute_weight(module)
        delattr(module, self.name)
        del module._parameters[self.name + "_g"]
        del module._parameters[self.name + "_v"]
        setattr(module, self.name, Parameter(weight.data))

    def __call__(self, module: Module, inputs: Any) -> None:
        setattr(module, self.name, self.compute_weight(module))


T_module = TypeVar("T_module", bound=Module)


def weight_norm(module: T_module, name: str = "weight", dim: int | None = 0) -> T_module:
    """Split ``module.<name>`` into a magnitude ``<name>_g`` and a direction ``<name>_v`` (deprecated form).

    Before every forward, a hook sets ``module.<name> = g * v / ‖v‖``, the
    norm taken over every dimension but ``dim`` (over all when ``dim=None``).
    PyTorch warns that this form is deprecated in favour of
    ``nn.utils.parametrizations.weight_norm``; so does this one.

    Parameters
    ----------
    module : nn.Module
        The module holding the weight.
    name : str
        The name of the weight.
    dim : int or None
        The dimension kept by the norm.

    Returns
    -------
    nn.Module
        ``module``, with the hook.

    Examples
    --------
    >>> import warnings
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     m = nn.utils.weight_norm(nn.Linear(2, 1))
    >>> [name for name, _ in m.named_parameters()]
    ['bias', 'weight_g', 'weight_v']
    """
    WeightNorm.apply(module, name, dim)
    return module


def remove_weight_norm(module: T_module, name: str = "weight") -> T_module:
    """Undo :func:`weight_norm`: ``module.<name>`` is one parameter again, holding the current weight.

    Examples
    --------
    >>> import warnings
    >>> from autograd_lab import nn
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     m = nn.utils.weight_norm(nn.Linear(2, 1))
    >>> m = nn.utils.remove_weight_norm(m)
    >>> [name for name, _ in m.named_parameters()]
    ['bias', 'weight']
    """
    for key, hook in module._forward_pre_hooks.items():
        if isinstance(hook, WeightNorm) and hook.name == name:
            hook.remove(module)
            del module._forward_pre_hooks[key]
            return module
    raise messages.error("weight_norm_not_found", name=name, module=module)
