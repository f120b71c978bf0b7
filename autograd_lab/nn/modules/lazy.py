"""``LazyModuleMixin``: layers that learn their input size from their first call (``nn.LazyLinear``).

A lazy layer holds :class:`~autograd_lab.nn.parameter.UninitializedParameter`
weights until it is first called. A forward pre-hook, registered when the
layer is made, then reads the input's shape, ``materialize``s the weights,
draws them (``reset_parameters``, the same draws as PyTorch's at that point),
removes itself and turns the layer into its ``cls_to_become``
(``LazyLinear`` becomes ``Linear``), as PyTorch's ``LazyModuleMixin`` does.
Loading a ``state_dict`` into a lazy layer materialises its weights with the
saved shapes first.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any

from ... import messages
from ..._classname import PyTorchName
from ..._grad_mode import no_grad
from ..parameter import is_lazy


class LazyModuleMixin(metaclass=PyTorchName, torch_module="torch.nn.modules.lazy"):
    """Mixed into a layer (before its base class) to infer the parameters' shapes from the first input.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> layer = nn.LazyLinear(2)
    >>> layer
    LazyLinear(in_features=0, out_features=2, bias=True)
    >>> _ = layer(torch.ones(5, 3))
    >>> layer
    Linear(in_features=3, out_features=2, bias=True)
    """

    cls_to_become: type | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._initialize_hook = self.register_forward_pre_hook(self._infer_parameters)

    def _load_own_state(self, state_dict: Mapping[str, Any], prefix: str, *lists: list) -> None:
        """Materialise each lazy parameter or buffer with the shape it is loaded with, then load as usual."""
        for name, param in itertools.chain(self._parameters.items(), self._buffers.items()):
            loaded = state_dict.get(prefix + name)
            if param is not None and loaded is not None and is_lazy(param) and not is_lazy(loaded):
                with no_grad():
                    param.materialize(loaded.shape)
        super()._load_own_state(state_dict, prefix, *lists)

    def initialize_parameters(self, *args: Any, **kwargs: Any) -> None:
        """Materialise the parameters from the first input (each lazy layer defines it)."""
        raise NotImplementedError(f"initialize_parameters is not implemented for {type(self).__name__}")

    def has_uninitialized_params(self) -> bool:
        """Whether a parameter or buffer is still an ``UninitializedParameter``."""
        return any(
            is_lazy(value) for value in itertools.chain(self._parameters.values(), self._buffers.values())
        )

    def _infer_parameters(self, module: Any, args: tuple) -> None:
        """The pre-hook of the first call: initialise, remove the hook, become ``cls_to_become``."""
        module.initialize_parameters(*args)
        if module.has_uninitialized_params():
            raise messages.error("nn_lazy_not_initialized", name=self._get_name())
        module._initialize_hook.remove()
        del module._initialize_hook
        if module.cls_to_become is not None:
            module.__class__ = module.cls_to_become
