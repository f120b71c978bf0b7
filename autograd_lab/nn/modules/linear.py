"""``Linear`` (a fully connected layer), ``LazyLinear`` (its input size read from the first call) and ``Identity``."""

from __future__ import annotations

import math
from typing import Any

from ... import creation
from ..._grad_mode import no_grad
from ...tensor import Tensor
from .. import functional as F
from .. import init
from ..parameter import Parameter, UninitializedParameter
from .lazy import LazyModuleMixin
from .module import Module


def _empty(*shape: int, dtype: Any = None) -> Tensor:
    """``torch.empty(shape)``, the shape as one tuple, as PyTorch's layers pass it (and as its errors name it:
    ``nn.Linear(8, 8 / 2)``)."""
    return creation.empty(shape, dtype=dtype)


def add_weight_and_bias(module: Module, weight_shape: tuple, bias: bool, dtype: Any) -> None:
    """Register ``weight`` (and ``bias``, one per output) and draw them as PyTorch does at construction."""
    module.weight = Parameter(_empty(*weight_shape, dtype=dtype))
    if bias:
        module.bias = Parameter(_empty(weight_shape[0], dtype=dtype))
    else:
        module.register_parameter("bias", None)
    module.reset_parameters()


def reset_weight_and_bias(weight: Tensor, bias: Tensor | None) -> None:
    """PyTorch's default for Linear and Conv: He-uniform weights (a = √5), biases in ±1/√fan_in; weight first."""
    init.kaiming_uniform_(weight, a=math.sqrt(5))
    if bias is not None:
        fan_in, _ = init._calculate_fan_in_and_fan_out(weight)
        bound = 1 / math.sqrt(fan_in) if fan_in > 0 else 0
        init.uniform_(bias, -bound, bound)


class Identity(Module, torch_module="torch.nn.modules.linear"):
    """Returns its input unchanged (a placeholder layer).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> nn.Identity()(torch.tensor([1.0]))
    tensor([1.])
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__()

    def forward(self, input: Tensor) -> Tensor:
        return input


class Linear(Module, torch_module="torch.nn.modules.linear"):
    """A fully connected layer: ``y = x Wᵀ + b``, W of shape (out_features, in_features).

    After ``torch.manual_seed(s)`` its weights are PyTorch's, bit for bit.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> _ = torch.manual_seed(0)
    >>> layer = nn.Linear(3, 2)
    >>> layer
    Linear(in_features=3, out_features=2, bias=True)
    >>> layer.weight
    Parameter containing:
    tensor([[-0.0043,  0.3097, -0.4752],
            [-0.4249, -0.2224,  0.1548]], requires_grad=True)
    """

    def __init__(
        self, in_features: int, out_features: int, bias: bool = True, device: Any = None, dtype: Any = None
    ) -> None:
        super().__init__()
        self.in_features = in_features
        self.out_features = out_features
        add_weight_and_bias(self, (out_features, in_features), bias, dtype)

    def reset_parameters(self) -> None:
        """Draw the weights and bias again, as PyTorch does at construction."""
        reset_weight_and_bias(self.weight, self.bias)

    def forward(self, input: Tensor) -> Tensor:
        return F.linear(input, self.weight, self.bias)

    def extra_repr(self) -> str:
        return (
            f"in_features={self.in_features}, out_features={self.out_features}, bias={self.bias is not None}"
        )


class LazyLinear(LazyModuleMixin, Linear, torch_module="torch.nn.modules.linear"):
    """A :class:`Linear` layer whose ``in_features`` is read from its first input (``input.shape[-1]``).

    Until its first call, ``weight`` and ``bias`` are
    :class:`~autograd_lab.nn.parameter.UninitializedParameter`; the call
    draws them as ``Linear`` would (PyTorch's numbers after the same seed) and
    the layer becomes a ``Linear``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> net = nn.Sequential(nn.LazyLinear(4), nn.ReLU(), nn.LazyLinear(1))
    >>> net[0].weight
    <UninitializedParameter>
    >>> net(torch.rand(2, 20)).shape
    torch.Size([2, 1])
    >>> net[0]
    Linear(in_features=20, out_features=4, bias=True)
    """

    cls_to_become = Linear

    def __init__(self, out_features: int, bias: bool = True, device: Any = None, dtype: Any = None) -> None:
        super().__init__(0, 0, False)  # no bias yet: it would be replaced at once
        self.weight = UninitializedParameter(device=device, dtype=dtype)
        self.out_features = out_features
        if bias:
            self.bias = UninitializedParameter(device=device, dtype=dtype)

    def reset_parameters(self) -> None:
        """Draw the weights as ``Linear`` does, once they have a shape."""
        if not self.has_uninitialized_params() and self.in_features != 0:
            super().reset_parameters()

    def initialize_parameters(self, input: Tensor) -> None:
        """Read ``in_features`` from ``input``, give the parameters their shapes and draw them."""
        if self.has_uninitialized_params():
            with no_grad():
                self.in_features = input.shape[-1]
                self.weight.materialize((self.out_features, self.in_features))
                if self.bias is not None:
                    self.bias.materialize((self.out_features,))
                self.reset_parameters()
        if self.in_features == 0:  # loaded from a state_dict: the weights have their shape already
            self.in_features = input.shape[-1]


class NonDynamicallyQuantizableLinear(Linear, torch_module="torch.nn.modules.linear"):
    """A :class:`Linear` under another name: the output projection of ``MultiheadAttention``, as PyTorch names it.

    Examples
    --------
    >>> from autograd_lab import nn
    >>> nn.MultiheadAttention(4, 2).out_proj
    NonDynamicallyQuantizableLinear(in_features=4, out_features=4, bias=True)
    """


# -- s10_norms: Bilinear -----------------------------------------------------------------------------------------


class Bilinear(Module, torch_module="torch.nn.modules.linear"):
    """``y = x₁ᵀ A x₂ + b``: one bilinear form per output feature, ``weight`` (out, in1, in2).

    The weight and bias are drawn from U(-1/√in1, 1/√in1), in PyTorch's
    order, so a seeded layer starts with PyTorch's numbers.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> layer = nn.Bilinear(2, 3, 4)
    >>> layer
    Bilinear(in1_features=2, in2_features=3, out_features=4, bias=True)
    >>> layer.weight.shape
    torch.Size([4, 2, 3])
    """

    def __init__(
        self,
        in1_features: int,
        in2_features: int,
        out_features: int,
        bias: bool = True,
        device: Any = None,
        dtype: Any = None,
    ) -> None:
        super().__init__()
        self.in1_features = in1_features
        self.in2_features = in2_features
        self.out_features = out_features
        self.weight = Parameter(_empty(out_features, in1_features, in2_features, dtype=dtype))
        if bias:
            self.bias = Parameter(_empty(out_features, dtype=dtype))
        else:
            self.register_parameter("bias", None)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        """Draw the weight, then the bias, from U(-1/√in1_features, 1/√in1_features), as PyTorch does."""
        bound = 1 / math.sqrt(self.weight.size(1))
        init.uniform_(self.weight, -bound, bound)
        if self.bias is not None:
            init.uniform_(self.bias, -bound, bound)

    def forward(self, input1: Tensor, input2: Tensor) -> Tensor:
        return F.bilinear(input1, input2, self.weight, self.bias)

    def extra_repr(self) -> str:
        return (
            f"in1_features={self.in1_features}, in2_features={self.in2_features}, "
            f"out_features={self.out_features}, bias={self.bias is not None}"
        )
