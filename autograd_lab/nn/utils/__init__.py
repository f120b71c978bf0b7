"""``torch.nn.utils``: gradient clipping, parameters as one vector, ``skip_init``, ``rnn`` (padding and packing
sequences), parametrizations (``parametrize``, ``parametrizations``), the hook-based ``weight_norm`` and
``spectral_norm``, and ``prune`` (loaded when first used)."""

from . import parametrizations, parametrize, rnn
from .clip_grad import (
    clip_grad_norm,
    clip_grad_norm_,
    clip_grad_value_,
    clip_grads_with_norm_,
    get_total_norm,
)
from .convert_parameters import parameters_to_vector, vector_to_parameters
from .init import skip_init
from .spectral_norm import remove_spectral_norm, spectral_norm
from .weight_norm import remove_weight_norm, weight_norm

# Loaded at first use, as ``nn.utils.prune`` or ``import autograd_lab.nn.utils.prune``.
_LAZY_MODULES = ("prune",)

__all__ = [
    "clip_grad_norm_", "clip_grad_norm", "clip_grad_value_", "clip_grads_with_norm_", "get_total_norm",
    "parameters_to_vector", "vector_to_parameters", "skip_init", "rnn",
    "parametrize", "parametrizations", "weight_norm", "remove_weight_norm", "spectral_norm", "remove_spectral_norm",
]  # fmt: skip


def __getattr__(name: str) -> object:
    if name in _LAZY_MODULES:
        import importlib

        return importlib.import_module(f".{name}", __name__)  # (the import also sets it here)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
