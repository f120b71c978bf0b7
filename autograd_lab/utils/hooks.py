"""``torch.utils.hooks``: ``RemovableHandle``, what every ``register_*_hook`` returns.

Examples
--------
>>> import autograd_lab as torch
>>> handle = torch.nn.Linear(2, 2).register_forward_hook(lambda module, args, output: None)
>>> isinstance(handle, torch.utils.hooks.RemovableHandle)
True
>>> handle.remove()
"""

from __future__ import annotations

from ..autograd.engine import RemovableHandle

__all__ = ["RemovableHandle"]
