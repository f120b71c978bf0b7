"""einops on autograd_lab's tensors: ``rearrange``, ``reduce``, ``repeat``, ``pack``, ``einsum``, and its layers.

einops picks a tensor's backend among the subclasses of its ``AbstractBackend``
whose ``framework_name`` is an imported module.  Its PyTorch backend calls only
PyTorch's API, which autograd_lab has, so the backend here is that one with
autograd_lab as its ``torch``.  It is made when einops loads its backends:
``import autograd_lab`` puts a finder on ``sys.meta_path`` that waits for
``einops._backends`` (or makes it at once, if einops came first).  Neither
package loads the other, so neither import gets slower.

einops' layers for PyTorch (``einops.layers.torch``: ``Rearrange``, ``Reduce``,
``EinMix``) are ``torch.nn.Module`` subclasses, and that file imports torch.  When
a lesson imports them and PyTorch itself is not loaded, the lesson's ``torch`` is
autograd_lab, so the same finder gives it these layers on ``autograd_lab.nn.Module``
(einops' own mixins, which hold their logic, with the few lines PyTorch's file adds).

Examples
--------
>>> import autograd_lab as torch
>>> from einops import rearrange  # doctest: +SKIP
>>> rearrange(torch.zeros(2, 3), "b c -> c b 1").shape  # doctest: +SKIP
torch.Size([3, 2, 1])
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

_BACKENDS = "einops._backends"
_LAYERS = "einops.layers.torch"


def _add_backend(backends: ModuleType) -> None:
    """Define autograd_lab's backend beside einops' own (einops finds it among their subclasses)."""
    if hasattr(backends, "AutogradLabBackend"):
        return

    class AutogradLabBackend(backends.TorchBackend):
        framework_name = "autograd_lab"

        def __init__(self) -> None:  # (not TorchBackend's: it imports torch and torch._dynamo)
            import autograd_lab

            self.torch = autograd_lab

    backends.AutogradLabBackend = AutogradLabBackend


class _WrappedLoader:
    """einops' own loader for ``einops._backends``, which adds autograd_lab's backend once it has run."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader

    def create_module(self, spec: Any) -> Any:
        return self.loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self.loader.exec_module(module)
        _add_backend(module)

    def __getattr__(self, name: str) -> Any:  # (anything else importlib asks, einops' loader answers)
        return getattr(self.loader, name)


class _WaitingForEinops:
    """A ``sys.meta_path`` finder that only looks out for einops' backends and its PyTorch layers;
    every other import passes."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        if name == _LAYERS and "torch" not in sys.modules:  # (with PyTorch loaded, einops' own layers)
            import importlib.util  # (here: `import autograd_lab` does not pay for it)

            return importlib.util.spec_from_loader(name, _LayersLoader())
        if name != _BACKENDS:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None and spec.loader is not None:
                spec.loader = _WrappedLoader(spec.loader)
                return spec
        return None


class _LayersLoader:
    """Makes ``einops.layers.torch`` with its layers on autograd_lab's ``nn.Module``."""

    def create_module(self, spec: Any) -> None:
        return None  # (the default module)

    def exec_module(self, module: ModuleType) -> None:
        _define_layers(module)


def _define_layers(module: ModuleType) -> None:
    """``Rearrange``, ``Reduce`` and ``EinMix`` as einops' PyTorch file defines them, on autograd_lab."""
    from einops.layers import RearrangeMixin, ReduceMixin
    from einops.layers._einmix import _EinmixMixin

    import autograd_lab
    from autograd_lab import nn

    class Rearrange(RearrangeMixin, nn.Module):
        def forward(self, input: Any) -> Any:
            return self._apply_recipe(input)  # (the mixin's: the same steps einops takes for torch)

    class Reduce(ReduceMixin, nn.Module):
        def forward(self, input: Any) -> Any:
            return self._apply_recipe(input)

    class EinMix(_EinmixMixin, nn.Module):
        def _create_parameters(
            self, weight_shape: list, weight_bound: float, bias_shape: list | None, bias_bound: float
        ) -> None:
            # (PyTorch's file draws them so: the same numbers under the same seed)
            self.weight = nn.Parameter(autograd_lab.zeros(weight_shape).uniform_(-weight_bound, weight_bound))
            self.bias = None
            if bias_shape is not None:
                self.bias = nn.Parameter(autograd_lab.zeros(bias_shape).uniform_(-bias_bound, bias_bound))

        def _create_rearrange_layers(
            self,
            pre_reshape_pattern: str | None,
            pre_reshape_lengths: dict | None,
            post_reshape_pattern: str | None,
            post_reshape_lengths: dict | None,
        ) -> None:
            self.pre_rearrange = None
            if pre_reshape_pattern is not None:
                self.pre_rearrange = Rearrange(pre_reshape_pattern, **(pre_reshape_lengths or {}))
            self.post_rearrange = None
            if post_reshape_pattern is not None:
                self.post_rearrange = Rearrange(post_reshape_pattern, **(post_reshape_lengths or {}))

        def forward(self, input: Any) -> Any:
            if self.pre_rearrange is not None:
                input = self.pre_rearrange(input)
            result = autograd_lab.einsum(self.einsum_pattern, input, self.weight)
            if self.bias is not None:
                result += self.bias
            if self.post_rearrange is not None:
                result = self.post_rearrange(result)
            return result

    for layer in (Rearrange, Reduce, EinMix):
        layer.__module__ = module.__name__
        setattr(module, layer.__name__, layer)


def install() -> None:
    """Make einops take autograd_lab's tensors, now if it is loaded, else when it is."""
    if _BACKENDS in sys.modules:
        _add_backend(sys.modules[_BACKENDS])
    elif not any(isinstance(finder, _WaitingForEinops) for finder in sys.meta_path):
        sys.meta_path.insert(0, _WaitingForEinops())
