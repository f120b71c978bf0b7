"""einops on autograd_lab's tensors: ``rearrange``, ``reduce``, ``repeat``, ``pack``, ``einsum``.

einops picks a tensor's backend among the subclasses of its ``AbstractBackend``
whose ``framework_name`` is an imported module.  Its PyTorch backend calls only
PyTorch's API, which autograd_lab has, so the backend here is that one with
autograd_lab as its ``torch``.  It is made when einops loads its backends:
``import autograd_lab`` puts a finder on ``sys.meta_path`` that waits for
``einops._backends`` (or makes it at once, if einops came first).  Neither
package loads the other, so neither import gets slower.

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
    """A ``sys.meta_path`` finder that only looks out for ``einops._backends``; every other import passes."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
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


def install() -> None:
    """Make einops take autograd_lab's tensors, now if it is loaded, else when it is."""
    if _BACKENDS in sys.modules:
        _add_backend(sys.modules[_BACKENDS])
    elif not any(isinstance(finder, _WaitingForEinops) for finder in sys.meta_path):
        sys.meta_path.insert(0, _WaitingForEinops())
