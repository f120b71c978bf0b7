"""``torch.save`` and ``torch.load``: tensors, state_dicts and models to a file and back.

The file is a pickle (not PyTorch's zip format: a file saved here loads
here).  A tensor is saved as its values, dtype and ``requires_grad``; its
graph is not saved, so a loaded tensor is a leaf, as in PyTorch.  As in
PyTorch 2.6 and later, ``load`` reads only tensors, numbers, strings and
containers unless ``weights_only=False``: unpickling anything else can run
code.
"""

from __future__ import annotations

import io
import os
import pickle
from typing import IO, Any

import numpy as np

from . import messages
from .nn.parameter import is_lazy
from .tensor import Tensor

__all__ = ["save", "load", "add_safe_globals", "get_safe_globals", "clear_safe_globals", "safe_globals"]


def _rebuild_tensor(array: np.ndarray, requires_grad: bool, cls: type) -> Tensor:
    """How a saved tensor comes back: a leaf holding the values, of its class (Parameter too)."""
    tensor = Tensor._wrap(array, cls=cls)
    tensor._requires_grad = requires_grad
    return tensor


def _reduce_tensor(tensor: Tensor) -> tuple:
    return _rebuild_tensor, (np.array(tensor._array), tensor.requires_grad, type(tensor))


# What weights_only=True lets load read: containers and the tensors' own parts.
_SAFE = {
    ("collections", "OrderedDict"),
    ("builtins", "set"),
    ("builtins", "frozenset"),
    ("builtins", "slice"),
    ("builtins", "complex"),
    (__name__, "_rebuild_tensor"),
    ("autograd_lab.tensor", "Tensor"),
    ("autograd_lab.nn.parameter", "Parameter"),
    ("autograd_lab._device", "device"),
    *(("autograd_lab._dtype", name) for name in ("float32", "float64", "int64", "bool")),
    ("numpy", "dtype"),
    ("numpy.core.multiarray", "_reconstruct"),
    ("numpy._core.multiarray", "_reconstruct"),
    ("numpy", "ndarray"),
}


_ALLOWED: list = []  # add_safe_globals(): what the user trusts besides, in the order given


def _key(item: Any) -> tuple[str, str]:
    """(module, name) of a class or function, or of the ``(object, "module.name")`` pair PyTorch also takes."""
    if isinstance(item, tuple):
        module, _, name = item[1].rpartition(".")
        return module, name
    return item.__module__, item.__qualname__


def add_safe_globals(safe_globals: list) -> None:
    """Let ``torch.load(..., weights_only=True)`` read these classes and functions too (trust them first).

    Examples
    --------
    >>> import io, collections
    >>> import autograd_lab as torch
    >>> Point = collections.namedtuple("Point", "x y")
    >>> torch.serialization.add_safe_globals([Point])
    >>> torch.serialization.get_safe_globals() == [Point]
    True
    >>> torch.serialization.clear_safe_globals()
    """
    _ALLOWED.extend(safe_globals)


def get_safe_globals() -> list:
    """What :func:`add_safe_globals` allowed."""
    return list(_ALLOWED)


def clear_safe_globals() -> None:
    """Forget what :func:`add_safe_globals` allowed."""
    _ALLOWED.clear()


class safe_globals:  # noqa: N801 - PyTorch's name
    """``with torch.serialization.safe_globals([...]):`` allows them for the loads inside the block only."""

    def __init__(self, safe_globals: list) -> None:
        self.safe_globals = list(safe_globals)

    def __enter__(self) -> None:
        self._before = len(_ALLOWED)
        _ALLOWED.extend(self.safe_globals)

    def __exit__(self, *exc_info: object) -> None:
        del _ALLOWED[self._before :]


class _WeightsOnly(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        allowed = (module, name) in _SAFE or any(_key(item) == (module, name) for item in _ALLOWED)
        if allowed or module.startswith("numpy.dtypes"):
            return super().find_class(module, name)
        # (named as PyTorch names it: the torch module a class of ours stands for; a builtin by its name alone)
        shown = name if module == "builtins" else f"{module.replace('autograd_lab', 'torch', 1)}.{name}"
        raise pickle.UnpicklingError(messages.text("load_weights_only", what=shown))


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, Tensor):
            return obj.__reduce_ex__(4) if is_lazy(obj) else _reduce_tensor(obj)
        return NotImplemented


def save(obj: Any, f: str | os.PathLike | IO[bytes], pickle_protocol: int = 2, **kwargs: Any) -> None:
    """Save ``obj`` (a tensor, a state_dict, a model, any picklable object) to a file.

    Examples
    --------
    >>> import io
    >>> import autograd_lab as torch
    >>> buffer = io.BytesIO()
    >>> torch.save({"w": torch.tensor([1.0, 2.0])}, buffer)
    >>> _ = buffer.seek(0)
    >>> torch.load(buffer)
    {'w': tensor([1., 2.])}
    """
    if isinstance(f, (str, os.PathLike)):
        with open(f, "wb") as file:
            _Pickler(file, protocol=max(pickle_protocol, 4)).dump(obj)
    else:
        _Pickler(f, protocol=max(pickle_protocol, 4)).dump(obj)


def load(
    f: str | os.PathLike | IO[bytes], map_location: Any = None, weights_only: bool = True, **kwargs: Any
) -> Any:
    """Load what :func:`save` wrote.  ``weights_only=False`` also loads whole models (trust the file first).

    Examples
    --------
    >>> import io
    >>> import autograd_lab as torch
    >>> buffer = io.BytesIO()
    >>> torch.save(torch.ones(2), buffer)
    >>> _ = buffer.seek(0)
    >>> torch.load(buffer)
    tensor([1., 1.])
    """
    if isinstance(f, (str, os.PathLike)):
        with open(f, "rb") as file:
            return load(io.BytesIO(file.read()), map_location, weights_only)
    unpickler = _WeightsOnly(f) if weights_only else pickle.Unpickler(f)
    return unpickler.load()
