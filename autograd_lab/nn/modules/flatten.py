"""``Flatten``: merge dimensions into one (by default all but the batch dimension)."""

from __future__ import annotations

from ...tensor import Tensor
from .module import Module


class Flatten(Module, torch_module="torch.nn.modules.flatten"):
    """Merge dimensions ``start_dim`` to ``end_dim``: (N, C, H, W) becomes (N, C·H·W).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> nn.Flatten()(torch.zeros(2, 3, 4)).shape
    torch.Size([2, 12])
    """

    def __init__(self, start_dim: int = 1, end_dim: int = -1) -> None:
        super().__init__()
        self.start_dim = start_dim
        self.end_dim = end_dim

    def forward(self, input: Tensor) -> Tensor:
        return input.flatten(self.start_dim, self.end_dim)

    def extra_repr(self) -> str:
        return f"start_dim={self.start_dim}, end_dim={self.end_dim}"
