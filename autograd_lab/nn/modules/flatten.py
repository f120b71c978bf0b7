"""``Flatten``: merge dimensions into one (by default all but the batch dimension)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from ... import messages
from ...tensor import Tensor, normalize_dim
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


# == nn_d: Unflatten ===============================================================================================


class Unflatten(Module, torch_module="torch.nn.modules.flatten"):
    """Split dimension ``dim`` into ``unflattened_size``: (N, 12) becomes (N, 3, 4).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> layer = nn.Unflatten(1, (3, 4))
    >>> layer
    Unflatten(dim=1, unflattened_size=(3, 4))
    >>> layer(torch.zeros(2, 12)).shape
    torch.Size([2, 3, 4])
    """

    def __init__(self, dim: int, unflattened_size: Sequence[int]) -> None:
        super().__init__()
        if not isinstance(unflattened_size, (tuple, list)):
            raise messages.error("nn_unflatten_size_type", type_name=type(unflattened_size).__name__)
        for position, size in enumerate(unflattened_size):
            if not isinstance(size, int):
                raise messages.error(
                    "nn_unflatten_size_element", type_name=type(size).__name__, position=position
                )
        self.dim = dim
        self.unflattened_size = unflattened_size

    def forward(self, input: Tensor) -> Tensor:
        shape = input.shape
        dim = normalize_dim(self.dim, len(shape))
        sizes = list(self.unflattened_size)
        if -1 in sizes:
            known = math.prod(n for n in sizes if n != -1)
            sizes[sizes.index(-1)] = shape[dim] // known if known else 0
        if math.prod(sizes) != shape[dim]:
            raise messages.error(
                "nn_unflatten_product",
                sizes=list(self.unflattened_size),
                dim=dim,
                size=shape[dim],
            )
        return input.view(*shape[:dim], *sizes, *shape[dim + 1 :])

    def extra_repr(self) -> str:
        return f"dim={self.dim}, unflattened_size={self.unflattened_size}"
