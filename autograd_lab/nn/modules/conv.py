"""``Conv2d``: a 2-D convolution layer."""

from __future__ import annotations

from typing import Any

from ... import messages
from ...tensor import Tensor
from .. import functional as F
from .linear import add_weight_and_bias, reset_weight_and_bias
from .module import Module


class Conv2d(Module, torch_module="torch.nn.modules.conv"):
    """2-D convolution over images (N, C, H, W): ``out_channels`` kernels of size ``kernel_size``.

    After ``torch.manual_seed(s)`` its weights are PyTorch's, bit for bit.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> conv = nn.Conv2d(1, 6, 5)
    >>> conv
    Conv2d(1, 6, kernel_size=(5, 5), stride=(1, 1))
    >>> conv(torch.zeros(1, 1, 32, 32)).shape
    torch.Size([1, 6, 28, 28])
    """

    def __init__(
        self,
        in_channels: int,
        out_channels: int,
        kernel_size: F.Pair,
        stride: F.Pair = 1,
        padding: F.Pair | str = 0,
        dilation: F.Pair = 1,
        groups: int = 1,
        bias: bool = True,
        padding_mode: str = "zeros",
        device: Any = None,
        dtype: Any = None,
    ) -> None:
        super().__init__()
        for what, channels in (("in_channels", in_channels), ("out_channels", out_channels)):
            if channels % groups:
                raise messages.error("nn_groups_divide", what=what)
        self.in_channels = in_channels
        self.out_channels = out_channels
        self.kernel_size = F._pair(kernel_size)
        self.stride = F._pair(stride)
        self.padding = padding if isinstance(padding, str) else F._pair(padding)
        self.dilation = F._pair(dilation)
        self.output_padding = (0, 0)
        self.groups = groups
        self.padding_mode = padding_mode
        add_weight_and_bias(self, (out_channels, in_channels // groups, *self.kernel_size), bias, dtype)

    def reset_parameters(self) -> None:
        """Draw the weights and bias again, as PyTorch does at construction."""
        reset_weight_and_bias(self.weight, self.bias)

    def forward(self, input: Tensor) -> Tensor:
        if self.padding_mode != "zeros":
            raise messages.error("nn_padding_mode", mode=self.padding_mode)
        return F.conv2d(input, self.weight, self.bias, self.stride, self.padding, self.dilation, self.groups)

    def extra_repr(self) -> str:
        text = (
            f"{self.in_channels}, {self.out_channels}, kernel_size={self.kernel_size}, stride={self.stride}"
        )
        if self.padding != (0, 0):
            text += f", padding={self.padding}"
        if self.dilation != (1, 1):
            text += f", dilation={self.dilation}"
        if self.groups != 1:
            text += f", groups={self.groups}"
        if self.bias is None:
            text += ", bias=False"
        if self.padding_mode != "zeros":
            text += f", padding_mode={self.padding_mode}"
        return text
