"""``Fold`` and ``Unfold``: the layer forms of ``F.fold`` (col2im) and ``F.unfold`` (im2col), as in PyTorch's ``fold.py``."""

from __future__ import annotations

from typing import Any

from ...tensor import Tensor
from .. import functional as F
from .module import Module


class Fold(Module, torch_module="torch.nn.modules.fold"):
    """Add columns (N, C·kh·kw, L) back into their windows of an image (N, C, *output_size).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> fold = nn.Fold(output_size=(2, 2), kernel_size=1)
    >>> fold
    Fold(output_size=(2, 2), kernel_size=1, dilation=1, padding=0, stride=1)
    >>> fold(torch.ones(1, 1, 4)).shape
    torch.Size([1, 1, 2, 2])
    """

    def __init__(
        self, output_size: Any, kernel_size: Any, dilation: Any = 1, padding: Any = 0, stride: Any = 1
    ) -> None:
        super().__init__()
        self.output_size = output_size
        self.kernel_size = kernel_size
        self.dilation = dilation
        self.padding = padding
        self.stride = stride

    def forward(self, input: Tensor) -> Tensor:
        return F.fold(input, self.output_size, self.kernel_size, self.dilation, self.padding, self.stride)

    def extra_repr(self) -> str:
        return (
            f"output_size={self.output_size}, kernel_size={self.kernel_size}, dilation={self.dilation}, "
            f"padding={self.padding}, stride={self.stride}"
        )


class Unfold(Module, torch_module="torch.nn.modules.fold"):
    """Every window of a batch of images (N, C, H, W) as a column: (N, C·kh·kw, windows).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> unfold = nn.Unfold(kernel_size=2)
    >>> unfold
    Unfold(kernel_size=2, dilation=1, padding=0, stride=1)
    >>> unfold(torch.ones(1, 3, 4, 4)).shape
    torch.Size([1, 12, 9])
    """

    def __init__(self, kernel_size: Any, dilation: Any = 1, padding: Any = 0, stride: Any = 1) -> None:
        super().__init__()
        self.kernel_size = kernel_size
        self.dilation = dilation
        self.padding = padding
        self.stride = stride

    def forward(self, input: Tensor) -> Tensor:
        return F.unfold(input, self.kernel_size, self.dilation, self.padding, self.stride)

    def extra_repr(self) -> str:
        return f"kernel_size={self.kernel_size}, dilation={self.dilation}, padding={self.padding}, stride={self.stride}"
