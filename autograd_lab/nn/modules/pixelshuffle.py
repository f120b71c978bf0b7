"""``PixelShuffle`` and ``PixelUnshuffle``: channels moved into pixels and back (sub-pixel convolution)."""

from __future__ import annotations

from ...tensor import Tensor
from .. import functional as F
from .module import Module


class PixelShuffle(Module, torch_module="torch.nn.modules.pixelshuffle"):
    """(*, C·r², H, W) -> (*, C, H·r, W·r), ``r = upscale_factor``: each block of r² channels becomes r×r pixels.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> shuffle = nn.PixelShuffle(2)
    >>> shuffle
    PixelShuffle(upscale_factor=2)
    >>> shuffle(torch.zeros(1, 8, 3, 3)).shape
    torch.Size([1, 2, 6, 6])
    """

    def __init__(self, upscale_factor: int) -> None:
        super().__init__()
        self.upscale_factor = upscale_factor

    def forward(self, input: Tensor) -> Tensor:
        return F.pixel_shuffle(input, self.upscale_factor)

    def extra_repr(self) -> str:
        return f"upscale_factor={self.upscale_factor}"


class PixelUnshuffle(Module, torch_module="torch.nn.modules.pixelshuffle"):
    """(*, C, H·r, W·r) -> (*, C·r², H, W), ``r = downscale_factor``: the inverse of :class:`PixelShuffle`.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> unshuffle = nn.PixelUnshuffle(2)
    >>> unshuffle
    PixelUnshuffle(downscale_factor=2)
    >>> unshuffle(torch.zeros(1, 2, 6, 6)).shape
    torch.Size([1, 8, 3, 3])
    """

    def __init__(self, downscale_factor: int) -> None:
        super().__init__()
        self.downscale_factor = downscale_factor

    def forward(self, input: Tensor) -> Tensor:
        return F.pixel_unshuffle(input, self.downscale_factor)

    def extra_repr(self) -> str:
        return f"downscale_factor={self.downscale_factor}"
