"""``Dropout``: zero elements at random while training."""

from __future__ import annotations

from ... import messages
from ...tensor import Tensor
from .. import functional as F
from .module import Module


class Dropout(Module, torch_module="torch.nn.modules.dropout"):
    """While training, zero each element with probability ``p`` and scale the rest by 1/(1 − p).

    In evaluation mode (``model.eval()``) it passes its input through.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> drop = nn.Dropout(0.5)
    >>> drop
    Dropout(p=0.5, inplace=False)
    >>> drop.eval()(torch.ones(3))
    tensor([1., 1., 1.])
    """

    def __init__(self, p: float = 0.5, inplace: bool = False) -> None:
        super().__init__()
        if p < 0 or p > 1:
            raise messages.error("nn_dropout_probability", p=p)
        self.p = p
        self.inplace = inplace

    def forward(self, input: Tensor) -> Tensor:
        return F.dropout(input, self.p, self.training, self.inplace)

    def extra_repr(self) -> str:
        return f"p={self.p}, inplace={self.inplace}"


# -- channel dropout (branch nn_e) --------------------------------------------------------------------------------


class Dropout1d(Dropout, torch_module="torch.nn.modules.dropout"):
    """While training, zero whole channels of sequences (N, C, L) with probability ``p`` (scale the rest by 1/(1 − p)).

    Examples
    --------
    >>> from autograd_lab import nn
    >>> nn.Dropout1d(0.2)
    Dropout1d(p=0.2, inplace=False)
    """

    def forward(self, input: Tensor) -> Tensor:
        return F.dropout1d(input, self.p, self.training, self.inplace)


class Dropout2d(Dropout, torch_module="torch.nn.modules.dropout"):
    """While training, zero whole feature maps of images (N, C, H, W) with probability ``p`` (scale the rest by 1/(1 − p)).

    The channels dropped are PyTorch's after the same ``manual_seed``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> drop = nn.Dropout2d()
    >>> drop
    Dropout2d(p=0.5, inplace=False)
    >>> drop.eval()(torch.ones(1, 2, 1, 1)).flatten()
    tensor([1., 1.])
    """

    def forward(self, input: Tensor) -> Tensor:
        return F.dropout2d(input, self.p, self.training, self.inplace)


# -- 3-d channel dropout and alpha dropout (branch s12_nn3d) ------------------------------------------------------


class Dropout3d(Dropout, torch_module="torch.nn.modules.dropout"):
    """While training, zero whole channels of volumes (N, C, D, H, W) with probability ``p`` (scale the rest by 1/(1 − p)).

    The channels dropped are PyTorch's after the same ``manual_seed``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> drop = nn.Dropout3d(0.2)
    >>> drop
    Dropout3d(p=0.2, inplace=False)
    >>> drop.eval()(torch.ones(1, 2, 1, 1, 1)).flatten()
    tensor([1., 1.])
    """

    def forward(self, input: Tensor) -> Tensor:
        return F.dropout3d(input, self.p, self.training, self.inplace)


class AlphaDropout(Dropout, torch_module="torch.nn.modules.dropout"):
    """Dropout for SELU networks: while training, dropped elements take SELU's lowest value and ``a·x + b``
    keeps the input's mean and variance.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> drop = nn.AlphaDropout(0.2)
    >>> drop
    AlphaDropout(p=0.2, inplace=False)
    >>> drop.eval()(torch.ones(3))
    tensor([1., 1., 1.])
    """

    def forward(self, input: Tensor) -> Tensor:
        return F.alpha_dropout(input, self.p, self.training)


class FeatureAlphaDropout(Dropout, torch_module="torch.nn.modules.dropout"):
    """:class:`AlphaDropout` of whole channels (N, C, ...): one coin per sample and channel.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> drop = nn.FeatureAlphaDropout(0.2)
    >>> drop
    FeatureAlphaDropout(p=0.2, inplace=False)
    >>> drop.eval()(torch.ones(1, 2, 1)).flatten()
    tensor([1., 1.])
    """

    def forward(self, input: Tensor) -> Tensor:
        return F.feature_alpha_dropout(input, self.p, self.training)
