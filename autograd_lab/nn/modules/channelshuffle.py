"""``ChannelShuffle``: ShuffleNet's interleaving of the channels of several groups."""

from __future__ import annotations

from ...tensor import Tensor
from .. import functional as F
from .module import Module


class ChannelShuffle(Module, torch_module="torch.nn.modules.channelshuffle"):
    """Divide the channels of (N, C, *) into ``groups`` groups and interleave them.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> shuffle = nn.ChannelShuffle(2)
    >>> shuffle
    ChannelShuffle(groups=2)
    >>> shuffle(torch.arange(4.0).reshape(1, 4, 1)).flatten()
    tensor([0., 2., 1., 3.])
    """

    def __init__(self, groups: int) -> None:
        super().__init__()
        self.groups = groups

    def forward(self, input: Tensor) -> Tensor:
        return F.channel_shuffle(input, self.groups)

    def extra_repr(self) -> str:
        return f"groups={self.groups}"
