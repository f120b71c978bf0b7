"""Activation layers: ``ReLU``, ``LeakyReLU``, ``GELU``, ``Sigmoid``, ``Tanh``, ``Softmax``, ``LogSoftmax``."""

from __future__ import annotations

from ...tensor import Tensor
from .. import functional as F
from .module import Module


class ReLU(Module, torch_module="torch.nn.modules.activation"):
    """max(x, 0), element by element.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> nn.ReLU()(torch.tensor([-1.0, 2.0]))
    tensor([0., 2.])
    """

    def __init__(self, inplace: bool = False) -> None:
        super().__init__()
        self.inplace = inplace

    def forward(self, input: Tensor) -> Tensor:
        return F.relu(input, inplace=self.inplace)

    def extra_repr(self) -> str:
        return "inplace=True" if self.inplace else ""


class LeakyReLU(Module, torch_module="torch.nn.modules.activation"):
    """x for x > 0, ``negative_slope · x`` otherwise.

    Examples
    --------
    >>> from autograd_lab import nn
    >>> nn.LeakyReLU(0.2)
    LeakyReLU(negative_slope=0.2)
    """

    def __init__(self, negative_slope: float = 1e-2, inplace: bool = False) -> None:
        super().__init__()
        self.negative_slope = negative_slope
        self.inplace = inplace

    def forward(self, input: Tensor) -> Tensor:
        return F.leaky_relu(input, self.negative_slope, self.inplace)

    def extra_repr(self) -> str:
        return f"negative_slope={self.negative_slope}" + (", inplace=True" if self.inplace else "")


class GELU(Module, torch_module="torch.nn.modules.activation"):
    """x·Φ(x), Φ the standard normal distribution function (``approximate='tanh'``: its tanh form).

    Examples
    --------
    >>> from autograd_lab import nn
    >>> nn.GELU()
    GELU(approximate='none')
    """

    def __init__(self, approximate: str = "none") -> None:
        super().__init__()
        self.approximate = approximate

    def forward(self, input: Tensor) -> Tensor:
        return F.gelu(input, approximate=self.approximate)

    def extra_repr(self) -> str:
        return f"approximate={self.approximate!r}"


class Sigmoid(Module, torch_module="torch.nn.modules.activation"):
    """1 / (1 + e⁻ˣ), element by element."""

    def forward(self, input: Tensor) -> Tensor:
        return F.sigmoid(input)


class Tanh(Module, torch_module="torch.nn.modules.activation"):
    """tanh(x), element by element."""

    def forward(self, input: Tensor) -> Tensor:
        return F.tanh(input)


class Softmax(Module, torch_module="torch.nn.modules.activation"):
    """Exponentiate and normalise along ``dim``, so the values sum to 1.

    Examples
    --------
    >>> from autograd_lab import nn
    >>> nn.Softmax(dim=1)
    Softmax(dim=1)
    """

    def __init__(self, dim: int | None = None) -> None:
        super().__init__()
        self.dim = dim

    def forward(self, input: Tensor) -> Tensor:
        return F.softmax(input, self.dim, _stacklevel=5)

    def extra_repr(self) -> str:
        return f"dim={self.dim}"


class LogSoftmax(Softmax, torch_module="torch.nn.modules.activation"):
    """The logarithm of :class:`Softmax`, computed without overflow."""

    def forward(self, input: Tensor) -> Tensor:
        return F.log_softmax(input, self.dim, _stacklevel=5)
