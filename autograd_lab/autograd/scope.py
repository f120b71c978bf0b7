"""Which modules' ``forward`` is running while an operation is recorded.

``nn.Module.__call__`` enters a scope for the module it runs, and every node
recorded inside it remembers the scopes around it (``Node.scope``), outermost
first.  The pictures box a module's nodes together and label the box with
the module's name and type; the engine itself ignores scopes.

Examples
--------
>>> import autograd_lab as torch
>>> from autograd_lab.autograd import scope
>>> x = torch.tensor([1.0], requires_grad=True)
>>> with scope.entered("fc1", object()):
...     y = x * 2
>>> [name for name, _ in y.grad_fn.scope]
['fc1']
"""

from __future__ import annotations

import contextlib
from _thread import _local as thread_local  # threading.local, without importing threading (1 ms)
from collections.abc import Iterator
from typing import Any


class _Scopes(thread_local):
    stack: tuple = ()  # ((name, module), ...), outermost first


_scopes = _Scopes()


def current() -> tuple:
    """The scopes entered now, outermost first: ``((name, module), ...)``."""
    return _scopes.stack


@contextlib.contextmanager
def entered(name: str, module: Any) -> Iterator[None]:
    """Record the operations run inside the block as belonging to ``module``, called ``name``."""
    previous = _scopes.stack
    _scopes.stack = (*previous, (name, module))
    try:
        yield
    finally:
        _scopes.stack = previous
