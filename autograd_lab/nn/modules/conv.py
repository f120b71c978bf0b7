"""Convolution layers: ``Conv1d``/``2d``/``3d``, ``ConvTranspose1d``/``2d``/``3d`` and their lazy forms."""

from __future__ import annotations

from typing import Any

from ... import creation, messages
from ..._grad_mode import no_grad
from ...tensor import Tensor
from .. import functional as F
from ..parameter import Parameter, UninitializedParameter
from .lazy import LazyModuleMixin
from .linear import add_weight_and_bias, reset_weight_and_bias
from .module import Module

_PADDING_MODES = ("zeros", "circular", "replicate", "reflect")


def _padding_for_pad(padding: Any, kernel_size: tuple, dilation: tuple) -> tuple[int, ...]:
    """The layer's padding as ``F.pad`` takes it, the last dimension first, each side given
    (PyTorch's ``_reversed_padding_repeated_twice``); ``'same'`` puts an odd extra at the end."""
    if padding == "valid":
        return (0, 0) * len(kernel_size)
    if padding == "same":
        totals = [d * (k - 1) for d, k in zip(dilation, kernel_size, strict=True)]
        return tuple(side for total in reversed(totals) for side in (total // 2, total - total // 2))
    return tuple(side for p in reversed(padding) for side in (p, p))


class _ConvNd(Module):
    """What the convolution layers share (PyTorch's ``_ConvNd``): sizes as tuples, weights, printing.

    A subclass gives ``_sizes`` (a size as a tuple of its dimension) and ``_convolve`` (its function).
    """

    _sizes: Any
    _convolve: Any

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
        sizes = (kernel_size, stride, padding, dilation, 0)
        self._setup(in_channels, out_channels, sizes, groups, bias, padding_mode, dtype)

    def _setup(
        self,
        in_channels: int,
        out_channels: int,
        sizes: tuple[Any, Any, Any, Any, Any],
        groups: int,
        bias: bool,
        padding_mode: str,
        dtype: Any,
        transposed: bool = False,
    ) -> None:
        """Settings and parameters; ``sizes`` is (kernel_size, stride, padding, dilation, output_padding)."""
        Module.__init__(self)
        kernel_size, stride, padding, dilation, output_padding = sizes
        if groups <= 0:
            raise messages.error("nn_conv_groups_positive")
        for what, channels in (("in_channels", in_channels), ("out_channels", out_channels)):
            if channels % groups:
                raise messages.error("nn_groups_divide", what=what)
        if isinstance(padding, str) and not transposed:  # (PyTorch's checks when the layer is made)
            valid = {"same", "valid"}  # (a set, printed as PyTorch prints its own: in this process's order)
            if padding not in valid:
                raise messages.error("nn_conv_padding_string_invalid", padding=padding, valid=valid)
            if padding == "same" and any(step != 1 for step in self._sizes(stride)):
                raise messages.error("nn_conv_same_padding_strided")
        self.in_channels = in_channels
        self.out_channels = out_channels
        self.kernel_size = self._sizes(kernel_size)
        self.stride = self._sizes(stride)
        self.padding = padding if isinstance(padding, str) else self._sizes(padding)
        self.dilation = self._sizes(dilation)
        self.transposed = transposed
        self.output_padding = self._sizes(output_padding)
        self.groups = groups
        if padding_mode not in _PADDING_MODES:
            raise messages.error("nn_padding_mode_invalid", mode=padding_mode)
        self.padding_mode = padding_mode
        self._reversed_padding_repeated_twice = _padding_for_pad(
            self.padding, self.kernel_size, self.dilation
        )
        if not transposed:
            add_weight_and_bias(self, (out_channels, in_channels // groups, *self.kernel_size), bias, dtype)
            return
        # A transposed convolution's weight is (in, out / groups, k...), its bias one per output channel.
        self.weight = Parameter(
            creation.empty((in_channels, out_channels // groups, *self.kernel_size), dtype=dtype)
        )
        if bias:
            self.bias = Parameter(creation.empty(out_channels, dtype=dtype))
        else:
            self.register_parameter("bias", None)
        self.reset_parameters()  # (a lazy layer draws nothing until it has a shape)

    def reset_parameters(self) -> None:
        """Draw the weights and bias again, as PyTorch does at construction."""
        reset_weight_and_bias(self.weight, self.bias)

    def forward(self, input: Tensor) -> Tensor:
        if self.padding_mode == "zeros":
            return self._convolve(
                input, self.weight, self.bias, self.stride, self.padding, self.dilation, self.groups
            )
        # reflect, replicate, circular: F.pad first, then the convolution without padding (as PyTorch does)
        padded = F.pad(input, self._reversed_padding_repeated_twice, mode=self.padding_mode)
        return self._convolve(padded, self.weight, self.bias, self.stride, 0, self.dilation, self.groups)

    def extra_repr(self) -> str:
        text = (
            f"{self.in_channels}, {self.out_channels}, kernel_size={self.kernel_size}, stride={self.stride}"
        )
        if self.padding != (0,) * len(self.kernel_size):
            text += f", padding={self.padding}"
        if self.dilation != (1,) * len(self.kernel_size):
            text += f", dilation={self.dilation}"
        if self.output_padding != (0,) * len(self.kernel_size):
            text += f", output_padding={self.output_padding}"
        if self.groups != 1:
            text += f", groups={self.groups}"
        if self.bias is None:
            text += ", bias=False"
        if self.padding_mode != "zeros":
            text += f", padding_mode={self.padding_mode}"
        return text


class Conv2d(_ConvNd, torch_module="torch.nn.modules.conv"):
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

    _sizes = staticmethod(F._pair)
    _convolve = staticmethod(F.conv2d)


# -- 1-d convolution (branch nn_e) ----------------------------------------------------------------------------


class Conv1d(_ConvNd, torch_module="torch.nn.modules.conv"):
    """1-D convolution over sequences (N, C, L): ``out_channels`` kernels of length ``kernel_size``.

    After ``torch.manual_seed(s)`` its weights are PyTorch's, bit for bit.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> conv = nn.Conv1d(2, 4, 3, padding=1)
    >>> conv
    Conv1d(2, 4, kernel_size=(3,), stride=(1,), padding=(1,))
    >>> conv(torch.zeros(5, 2, 10)).shape
    torch.Size([5, 4, 10])
    """

    _sizes = staticmethod(lambda value: (F._single(value),))
    _convolve = staticmethod(F.conv1d)


# -- transposed convolution (branch nn_e) -------------------------------------------------------------------------


class ConvTranspose2d(_ConvNd, torch_module="torch.nn.modules.conv"):
    """Transposed 2-D convolution (sometimes called deconvolution): each input pixel paints a kernel-sized window.

    The output is ``(H − 1)·stride − 2·padding + dilation·(k − 1) +
    output_padding + 1`` high; ``forward(input, output_size=...)`` picks
    ``output_padding`` for a wanted size, as in PyTorch.  After
    ``torch.manual_seed(s)`` its weights are PyTorch's.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> up = nn.ConvTranspose2d(8, 4, 3, stride=2, padding=1, output_padding=1)
    >>> up
    ConvTranspose2d(8, 4, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), output_padding=(1, 1))
    >>> up(torch.zeros(1, 8, 7, 7)).shape
    torch.Size([1, 4, 14, 14])
    """

    _sizes = staticmethod(F._pair)
    _convolve = staticmethod(F.conv_transpose2d)

    def __init__(
        self,
        in_channels: int,
        out_channels: int,
        kernel_size: F.Pair,
        stride: F.Pair = 1,
        padding: F.Pair = 0,
        output_padding: F.Pair = 0,
        groups: int = 1,
        bias: bool = True,
        dilation: F.Pair = 1,
        padding_mode: str = "zeros",
        device: Any = None,
        dtype: Any = None,
    ) -> None:
        if padding_mode != "zeros":
            raise messages.error("nn_conv_transpose_padding_mode", name=type(self).__name__)
        sizes = (kernel_size, stride, padding, dilation, output_padding)
        self._setup(in_channels, out_channels, sizes, groups, bias, padding_mode, dtype, transposed=True)

    def _output_padding(self, input: Tensor, output_size: Any) -> tuple[int, ...]:
        """PyTorch's ``_output_padding``: the output_padding that gives ``output_size`` (or the layer's own)."""
        if output_size is None:
            return self.output_padding
        spatial = len(self.kernel_size)
        leading = 2 if input.dim() == spatial + 2 else 1
        if len(output_size) == leading + spatial:
            output_size = output_size[leading:]
        if len(output_size) != spatial:
            raise messages.error(
                "nn_conv_transpose_output_size_length",
                dims=spatial,
                ndim=input.dim(),
                full=leading + spatial,
                got=len(output_size),
            )
        shape = input._array.shape[leading:]
        low = [
            (n - 1) * s - 2 * p + d * (k - 1) + 1
            for n, s, p, d, k in zip(
                shape, self.stride, self.padding, self.dilation, self.kernel_size, strict=True
            )
        ]
        high = [size + s - 1 for size, s in zip(low, self.stride, strict=True)]
        if any(not lo <= size <= hi for size, lo, hi in zip(output_size, low, high, strict=True)):
            raise messages.error(
                "nn_conv_transpose_output_size",
                size=output_size,
                low=low,
                high=high,
                input=f"torch.Size({list(shape)})",
            )
        return tuple(size - lo for size, lo in zip(output_size, low, strict=True))

    def forward(self, input: Tensor, output_size: Any = None) -> Tensor:
        output_padding = self._output_padding(input, output_size)
        return self._convolve(
            input,
            self.weight,
            self.bias,
            self.stride,
            self.padding,
            output_padding,
            self.groups,
            self.dilation,
        )


# -- lazy convolutions (branch s5_en) ------------------------------------------------------------------------


class _LazyConvMixin(LazyModuleMixin):
    """PyTorch's ``_LazyConvXdMixin``: ``in_channels`` read from the first input, then drawn as the layer would be."""

    in_channels: int
    groups: int

    def __init__(
        self,
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
        super().__init__(
            0, 0, kernel_size, stride, padding, dilation, groups, False, padding_mode, dtype=dtype
        )
        self.weight = UninitializedParameter(device=device, dtype=dtype)
        self.out_channels = out_channels
        if bias:
            self.bias = UninitializedParameter(device=device, dtype=dtype)

    def reset_parameters(self) -> None:
        """Draw the weights as the convolution does, once they have a shape."""
        if not self.has_uninitialized_params() and self.in_channels != 0:
            super().reset_parameters()

    def _in_channels_of(self, input: Tensor) -> int:
        """The input's channels: dim 1 of a batch, dim 0 of a single example."""
        unbatched = len(self.kernel_size) + 1
        if input.dim() not in (unbatched, unbatched + 1):
            raise messages.error(
                "nn_lazy_conv_input_dims",
                unbatched=unbatched,
                batched=unbatched + 1,
                name=type(self).__name__,
                shape=input.shape,
            )
        return input.shape[1] if input.dim() == unbatched + 1 else input.shape[0]

    def initialize_parameters(self, input: Tensor, *args: Any) -> None:
        """Read ``in_channels`` from ``input``, give the parameters their shapes and draw them."""
        if self.has_uninitialized_params():
            with no_grad():
                self.in_channels = self._in_channels_of(input)
                if self.in_channels % self.groups:
                    raise messages.error("nn_groups_divide", what="in_channels")
                self.weight.materialize(self._weight_shape())
                if self.bias is not None:
                    self.bias.materialize((self.out_channels,))
                self.reset_parameters()

    def _weight_shape(self) -> tuple:
        """(out, in / groups, kernel ...), as the convolution's weight is."""
        return (self.out_channels, self.in_channels // self.groups, *self.kernel_size)


class LazyConv2d(_LazyConvMixin, Conv2d, torch_module="torch.nn.modules.conv"):
    """A :class:`Conv2d` whose ``in_channels`` is read from its first input; it then becomes a ``Conv2d``.

    Until the first call its ``weight`` and ``bias`` are
    :class:`~autograd_lab.nn.parameter.UninitializedParameter`; the call draws
    them as ``Conv2d`` would (PyTorch's numbers after the same seed).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> conv = nn.LazyConv2d(6, kernel_size=5, padding=2)
    >>> conv
    LazyConv2d(0, 6, kernel_size=(5, 5), stride=(1, 1), padding=(2, 2))
    >>> conv(torch.zeros(1, 3, 28, 28)).shape
    torch.Size([1, 6, 28, 28])
    >>> conv
    Conv2d(3, 6, kernel_size=(5, 5), stride=(1, 1), padding=(2, 2))
    """

    cls_to_become = Conv2d


class LazyConv1d(_LazyConvMixin, Conv1d, torch_module="torch.nn.modules.conv"):
    """A :class:`Conv1d` whose ``in_channels`` is read from its first input; it then becomes a ``Conv1d``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> conv = nn.LazyConv1d(4, 3)
    >>> conv
    LazyConv1d(0, 4, kernel_size=(3,), stride=(1,))
    >>> conv(torch.zeros(2, 5, 10)).shape, conv
    (torch.Size([2, 4, 8]), Conv1d(5, 4, kernel_size=(3,), stride=(1,)))
    """

    cls_to_become = Conv1d


# -- ConvTranspose1d and the lazy transposed convolutions (branch s10_pool) ----------------------------------------


class ConvTranspose1d(ConvTranspose2d, torch_module="torch.nn.modules.conv"):
    """Transposed 1-D convolution over sequences (N, C, L): each input position paints a kernel-long window.

    The output is ``(L − 1)·stride − 2·padding + dilation·(k − 1) +
    output_padding + 1`` long; ``forward(input, output_size=...)`` picks
    ``output_padding`` for a wanted length.  After ``torch.manual_seed(s)``
    its weights are PyTorch's.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> up = nn.ConvTranspose1d(4, 2, 3, stride=2, padding=1, output_padding=1)
    >>> up
    ConvTranspose1d(4, 2, kernel_size=(3,), stride=(2,), padding=(1,), output_padding=(1,))
    >>> up(torch.zeros(1, 4, 5)).shape
    torch.Size([1, 2, 10])
    """

    _sizes = staticmethod(lambda value: (F._single(value),))
    _convolve = staticmethod(F.conv_transpose1d)


class _LazyConvTransposeMixin(_LazyConvMixin):
    """``_LazyConvMixin`` for transposed convolutions: their arguments, and a weight (in, out / groups, k...)."""

    out_channels: int
    kernel_size: tuple

    def __init__(
        self,
        out_channels: int,
        kernel_size: F.Pair,
        stride: F.Pair = 1,
        padding: F.Pair = 0,
        output_padding: F.Pair = 0,
        groups: int = 1,
        bias: bool = True,
        dilation: F.Pair = 1,
        padding_mode: str = "zeros",
        device: Any = None,
        dtype: Any = None,
    ) -> None:
        LazyModuleMixin.__init__(
            self, 0, 0, kernel_size, stride, padding, output_padding, groups, False, dilation, padding_mode,
            dtype=dtype,
        )  # fmt: skip
        self.weight = UninitializedParameter(device=device, dtype=dtype)
        self.out_channels = out_channels
        if bias:
            self.bias = UninitializedParameter(device=device, dtype=dtype)

    def _weight_shape(self) -> tuple:
        """(in, out / groups, kernel ...), as a transposed convolution's weight is."""
        return (self.in_channels, self.out_channels // self.groups, *self.kernel_size)


class LazyConvTranspose1d(_LazyConvTransposeMixin, ConvTranspose1d, torch_module="torch.nn.modules.conv"):
    """A :class:`ConvTranspose1d` whose ``in_channels`` is read from its first input; it then becomes one.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> up = nn.LazyConvTranspose1d(3, 2)
    >>> up
    LazyConvTranspose1d(0, 3, kernel_size=(2,), stride=(1,))
    >>> up(torch.zeros(1, 4, 5)).shape, up
    (torch.Size([1, 3, 6]), ConvTranspose1d(4, 3, kernel_size=(2,), stride=(1,)))
    """

    cls_to_become = ConvTranspose1d


class LazyConvTranspose2d(_LazyConvTransposeMixin, ConvTranspose2d, torch_module="torch.nn.modules.conv"):
    """A :class:`ConvTranspose2d` whose ``in_channels`` is read from its first input; it then becomes one.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> up = nn.LazyConvTranspose2d(3, 2)
    >>> up
    LazyConvTranspose2d(0, 3, kernel_size=(2, 2), stride=(1, 1))
    >>> up(torch.zeros(1, 4, 5, 5)).shape
    torch.Size([1, 3, 6, 6])
    """

    cls_to_become = ConvTranspose2d


# -- 3-d convolutions (branch s12_nn3d) -----------------------------------------------------------------------


class Conv3d(_ConvNd, torch_module="torch.nn.modules.conv"):
    """3-D convolution over volumes (N, C, D, H, W): ``out_channels`` kernels of size ``kernel_size``.

    After ``torch.manual_seed(s)`` its weights are PyTorch's, bit for bit.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> conv = nn.Conv3d(2, 4, 3, stride=(1, 2, 2))
    >>> conv
    Conv3d(2, 4, kernel_size=(3, 3, 3), stride=(1, 2, 2))
    >>> conv(torch.zeros(1, 2, 5, 9, 9)).shape
    torch.Size([1, 4, 3, 4, 4])
    """

    _sizes = staticmethod(lambda value: F._as_tuple(value, 3))
    _convolve = staticmethod(F.conv3d)


class ConvTranspose3d(ConvTranspose2d, torch_module="torch.nn.modules.conv"):
    """Transposed 3-D convolution of volumes (N, C, D, H, W): each input voxel paints a kernel-sized block.

    Each side of the output is ``(n − 1)·stride − 2·padding + dilation·(k − 1)
    + output_padding + 1``; ``forward(input, output_size=...)`` picks
    ``output_padding`` for a wanted size.  After ``torch.manual_seed(s)`` its
    weights are PyTorch's.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> up = nn.ConvTranspose3d(4, 2, 3, stride=2, padding=1)
    >>> up
    ConvTranspose3d(4, 2, kernel_size=(3, 3, 3), stride=(2, 2, 2), padding=(1, 1, 1))
    >>> up(torch.zeros(1, 4, 3, 3, 3)).shape
    torch.Size([1, 2, 5, 5, 5])
    >>> up(torch.zeros(1, 4, 3, 3, 3), output_size=[6, 6, 6]).shape
    torch.Size([1, 2, 6, 6, 6])
    """

    _sizes = staticmethod(lambda value: F._as_tuple(value, 3))
    _convolve = staticmethod(F.conv_transpose3d)


class LazyConv3d(_LazyConvMixin, Conv3d, torch_module="torch.nn.modules.conv"):
    """A :class:`Conv3d` whose ``in_channels`` is read from its first input; it then becomes a ``Conv3d``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> conv = nn.LazyConv3d(4, 2)
    >>> conv
    LazyConv3d(0, 4, kernel_size=(2, 2, 2), stride=(1, 1, 1))
    >>> conv(torch.zeros(1, 3, 4, 4, 4)).shape, conv
    (torch.Size([1, 4, 3, 3, 3]), Conv3d(3, 4, kernel_size=(2, 2, 2), stride=(1, 1, 1)))
    """

    cls_to_become = Conv3d


class LazyConvTranspose3d(_LazyConvTransposeMixin, ConvTranspose3d, torch_module="torch.nn.modules.conv"):
    """A :class:`ConvTranspose3d` whose ``in_channels`` is read from its first input; it then becomes one.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> up = nn.LazyConvTranspose3d(3, 2)
    >>> up
    LazyConvTranspose3d(0, 3, kernel_size=(2, 2, 2), stride=(1, 1, 1))
    >>> up(torch.zeros(1, 4, 2, 2, 2)).shape
    torch.Size([1, 3, 3, 3, 3])
    """

    cls_to_become = ConvTranspose3d
