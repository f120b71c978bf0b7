"""``torch.utils.backcompat``: the switches of PyTorch's old broadcasting and keepdim warnings.

PyTorch keeps the switches, but its ops no longer warn when they are on; here too, setting
``enabled`` only records it, so that lessons written for older PyTorch run.

Examples
--------
>>> import autograd_lab as torch
>>> torch.utils.backcompat.broadcast_warning.enabled = True
>>> torch.utils.backcompat.broadcast_warning.enabled
True
>>> torch.utils.backcompat.broadcast_warning.enabled = False
"""

from __future__ import annotations

__all__ = ["Warning", "broadcast_warning", "keepdim_warning"]


class Warning:  # noqa: A001 - PyTorch's name
    """One switch: ``enabled`` is read and set like an attribute."""

    def __init__(self) -> None:
        self._enabled = False

    def set_enabled(self, value: bool) -> None:
        self._enabled = bool(value)

    def get_enabled(self) -> bool:
        return self._enabled

    enabled = property(get_enabled, set_enabled)


broadcast_warning = Warning()
keepdim_warning = Warning()
