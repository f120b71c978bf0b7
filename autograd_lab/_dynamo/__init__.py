"""``torch._dynamo``, as far as lessons meet it: ``torch.compile(model)``'s wrapper module, its settings, ``reset``.

Nothing is compiled here: the model runs as written (``torch.compile`` says so once).  What a lesson can see
of PyTorch's compiler is kept: the compiled model is an ``OptimizedModule`` around the original, which prints
as one, names its tensors ``_orig_mod.<name>`` in ``state_dict()``, and reads and writes attributes (and the
training mode) of the original.

Examples
--------
>>> import warnings
>>> import autograd_lab as torch
>>> with warnings.catch_warnings():
...     warnings.simplefilter("ignore")
...     compiled = torch.compile(torch.nn.Linear(2, 1))
>>> compiled
OptimizedModule(
  (_orig_mod): Linear(in_features=2, out_features=1, bias=True)
)
>>> list(compiled.state_dict())
['_orig_mod.weight', '_orig_mod.bias']
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from ..nn.modules.module import Module

__all__ = ["OptimizedModule", "config", "reset", "disable"]

config = SimpleNamespace(suppress_errors=False, cache_size_limit=8, recompile_limit=8, verbose=False)
"""The compiler's settings lessons set (``torch._dynamo.config.suppress_errors = True``): kept, and unused."""


def reset() -> None:
    """Forget compiled code (there is none here)."""


def disable(fn: Any = None, recursive: bool = True) -> Any:
    """A function (or, used as ``@disable()``, a decorator) left out of compilation: here, the function itself."""
    return fn if fn is not None else (lambda function: function)


class OptimizedModule(Module, torch_module="torch._dynamo.eval_frame"):
    """What ``torch.compile(module)`` returns: a module around the original, which runs it."""

    _opt_mod_attributes = frozenset({"_orig_mod", "forward", "_super_module_initialized", "__dict__"})

    def __init__(self, mod: Module) -> None:
        object.__setattr__(self, "_orig_mod", mod)
        object.__setattr__(self, "_super_module_initialized", False)
        super().__init__()
        object.__setattr__(self, "_super_module_initialized", True)
        del self.__dict__["_orig_mod"]  # (registered as the one submodule instead)
        self._modules["_orig_mod"] = mod

    @property
    def training(self) -> bool:  # type: ignore[override]
        return self._orig_mod.training

    @training.setter
    def training(self, value: bool) -> None:
        if self.__dict__.get(
            "_super_module_initialized"
        ):  # (Module's __init__ sets the default: not mirrored)
            self._orig_mod.training = value

    def forward(self, *args: Any, **kwargs: Any) -> Any:
        return self._orig_mod(*args, **kwargs)

    def __len__(self) -> int:
        if hasattr(self._orig_mod, "__len__"):
            return len(self._orig_mod)
        raise TypeError(f"{type(self._orig_mod).__name__} does not support len()")

    def __getattr__(self, name: str) -> Any:
        if name == "_orig_mod":
            return self.__dict__["_modules"]["_orig_mod"]
        return getattr(self._orig_mod, name)

    def __setattr__(self, name: str, value: Any) -> None:
        if hasattr(type(self), name) or name in self._opt_mod_attributes:
            return super().__setattr__(name, value)
        return setattr(self._orig_mod, name, value)

    def __delattr__(self, name: str) -> None:
        if hasattr(type(self), name) or name in self._opt_mod_attributes:
            return super().__delattr__(name)
        return delattr(self._orig_mod, name)

    def __dir__(self) -> list[str]:
        own = self._orig_mod.__dir__()
        return own + [name for name in super().__dir__() if name not in own]
