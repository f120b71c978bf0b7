"""Padding layers: ``ZeroPad1d/2d/3d``, ``ConstantPad1d/2d/3d``, ``ReflectionPad1d/2d/3d``, ``ReplicationPad1d/2d/3d``.

Each holds its widths as PyTorch does (an int ``p`` becomes ``(p, p)`` per
padded dimension) and calls ``F.pad``.
"""

from __future__ import annotations

from collections.abc import Sequence

from ... import messages
from ...tensor import Tensor
from .. import functional as F
from .module import Module


def _widths(padding: int | Sequence[int], dims: int) -> tuple[int, ...]:
    """``2`` as ``(2, 2)`` for each of ``dims`` dimensions; a sequence as a tuple."""
    if isinstance(padding, int):
        return (padding,) * (2 * dims)
    return tuple(padding)


class _ConstantPadNd(Module):
    dims = 1

    def __init__(self, padding: int | Sequence[int], value: float) -> None:
        super().__init__()
        self.padding = _widths(padding, self.dims)
        self.value = value

    def forward(self, input: Tensor) -> Tensor:
        return F.pad(input, self.padding, "constant", self.value)

    def extra_repr(self) -> str:
        return f"padding={self.padding}, value={self.value}"


class ConstantPad1d(_ConstantPadNd, torch_module="torch.nn.modules.padding"):
    """Pad the last dimension with ``value``: ``padding`` is p or (left, right).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> nn.ConstantPad1d(1, 9.0)(torch.tensor([[1.0, 2.0]]))
    tensor([[9., 1., 2., 9.]])
    """


class ConstantPad2d(_ConstantPadNd, torch_module="torch.nn.modules.padding"):
    """Pad the last two dimensions with ``value``: ``padding`` is p or (left, right, top, bottom).

    Examples
    --------
    >>> from autograd_lab import nn
    >>> nn.ConstantPad2d((1, 0, 1, 0), 1.0)
    ConstantPad2d(padding=(1, 0, 1, 0), value=1.0)
    """

    dims = 2


class ConstantPad3d(_ConstantPadNd, torch_module="torch.nn.modules.padding"):
    """Pad the last three dimensions with ``value``."""

    dims = 3


class _ZeroPadNd(_ConstantPadNd):
    def __init__(self, padding: int | Sequence[int]) -> None:
        super().__init__(padding, 0.0)

    def extra_repr(self) -> str:
        return f"{self.padding}"


class ZeroPad1d(_ZeroPadNd, torch_module="torch.nn.modules.padding"):
    """Pad the last dimension with zeros."""


class ZeroPad2d(_ZeroPadNd, torch_module="torch.nn.modules.padding"):
    """Pad the last two dimensions with zeros: ``padding`` is p or (left, right, top, bottom).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> nn.ZeroPad2d(1)
    ZeroPad2d((1, 1, 1, 1))
    >>> nn.ZeroPad2d((1, 0, 0, 0))(torch.ones(1, 2, 1))
    tensor([[[0., 1.],
             [0., 1.]]])
    """

    dims = 2


class ZeroPad3d(_ZeroPadNd, torch_module="torch.nn.modules.padding"):
    """Pad the last three dimensions with zeros."""

    dims = 3


class _IndexPadNd(Module):
    dims = 1
    mode = "reflect"

    def __init__(self, padding: int | Sequence[int]) -> None:
        super().__init__()
        self.padding = _widths(padding, self.dims)

    def forward(self, input: Tensor) -> Tensor:
        return F.pad(input, self.padding, self.mode)

    def extra_repr(self) -> str:
        return f"{self.padding}"


class ReflectionPad1d(_IndexPadNd, torch_module="torch.nn.modules.padding"):
    """Pad the last dimension with its values mirrored at the edges.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> nn.ReflectionPad1d(2)(torch.tensor([[1.0, 2.0, 3.0]]))
    tensor([[3., 2., 1., 2., 3., 2., 1.]])
    """


class ReflectionPad2d(_IndexPadNd, torch_module="torch.nn.modules.padding"):
    """Pad the last two dimensions with their values mirrored at the edges."""

    dims = 2


class ReflectionPad3d(_IndexPadNd, torch_module="torch.nn.modules.padding"):
    """Pad the last three dimensions with their values mirrored at the edges."""

    dims = 3


class ReplicationPad1d(_IndexPadNd, torch_module="torch.nn.modules.padding"):
    """Pad the last dimension by repeating its edge values.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> nn.ReplicationPad1d((1, 2))(torch.tensor([[1.0, 2.0]]))
    tensor([[1., 1., 2., 2., 2.]])
    """

    mode = "replicate"


class ReplicationPad2d(_IndexPadNd, torch_module="torch.nn.modules.padding"):
    """Pad the last two dimensions by repeating their edge values."""

    dims = 2
    mode = "replicate"


class ReplicationPad3d(_IndexPadNd, torch_module="torch.nn.modules.padding"):
    """Pad the last three dimensions by repeating their edge values."""

    dims = 3
    mode = "replicate"


class _CircularPadNd(_IndexPadNd):
    """Circular padding: the values wrap around from the other side (PyTorch checks the input's rank first)."""

    mode = "circular"

    def forward(self, input: Tensor) -> Tensor:
        if input.dim() not in (self.dims + 1, self.dims + 2):
            raise messages.error(
                "nn_circular_pad_input_dims", low=self.dims + 1, high=self.dims + 2, ndim=input.dim()
            )
        return F.pad(input, self.padding, self.mode)


class CircularPad1d(_CircularPadNd, torch_module="torch.nn.modules.padding"):
    """Pad the last dimension with the values from its other end, wrapped around.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> nn.CircularPad1d(2)(torch.tensor([[[0.0, 1.0, 2.0, 3.0]]]))
    tensor([[[2., 3., 0., 1., 2., 3., 0., 1.]]])
    """


class CircularPad2d(_CircularPadNd, torch_module="torch.nn.modules.padding"):
    """Pad the last two dimensions with the values from their other ends, wrapped around."""

    dims = 2


class CircularPad3d(_CircularPadNd, torch_module="torch.nn.modules.padding"):
    """Pad the last three dimensions with the values from their other ends, wrapped around."""

    dims = 3
