"""Pooling layers: max, average, adaptive, power-average and fractional max pooling, and max unpooling."""

from __future__ import annotations

from typing import Any

from ... import messages
from ...tensor import Tensor
from .. import functional as F
from .module import Module


class MaxPool2d(Module, torch_module="torch.nn.modules.pooling"):
    """The largest value of each ``kernel_size`` window (``stride`` defaults to the window's size).

    Examples
    --------
    >>> from autograd_lab import nn
    >>> nn.MaxPool2d(2)
    MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)
    """

    def __init__(
        self,
        kernel_size: F.Pair,
        stride: F.Pair | None = None,
        padding: F.Pair = 0,
        dilation: F.Pair = 1,
        return_indices: bool = False,
        ceil_mode: bool = False,
    ) -> None:
        super().__init__()
        self.kernel_size = kernel_size
        self.stride = stride if stride is not None else kernel_size
        self.padding = padding
        self.dilation = dilation
        self.return_indices = return_indices
        self.ceil_mode = ceil_mode

    _pool = staticmethod(F.max_pool2d)  # (MaxPool1d and MaxPool3d give theirs)

    def forward(self, input: Tensor) -> Any:
        return self._pool(
            input,
            self.kernel_size,
            self.stride,
            self.padding,
            self.dilation,
            ceil_mode=self.ceil_mode,
            return_indices=self.return_indices,
        )

    def extra_repr(self) -> str:
        return (
            f"kernel_size={self.kernel_size}, stride={self.stride}, padding={self.padding}, "
            f"dilation={self.dilation}, ceil_mode={self.ceil_mode}"
        )


class AvgPool2d(Module, torch_module="torch.nn.modules.pooling"):
    """The mean of each ``kernel_size`` window (``stride`` defaults to the window's size).

    Examples
    --------
    >>> from autograd_lab import nn
    >>> nn.AvgPool2d(2)
    AvgPool2d(kernel_size=2, stride=2, padding=0)
    """

    def __init__(
        self,
        kernel_size: F.Pair,
        stride: F.Pair | None = None,
        padding: F.Pair = 0,
        ceil_mode: bool = False,
        count_include_pad: bool = True,
        divisor_override: int | None = None,
    ) -> None:
        super().__init__()
        self.kernel_size = kernel_size
        self.stride = stride if stride is not None else kernel_size
        self.padding = padding
        self.ceil_mode = ceil_mode
        self.count_include_pad = count_include_pad
        self.divisor_override = divisor_override

    def forward(self, input: Tensor) -> Tensor:
        return F.avg_pool2d(
            input,
            self.kernel_size,
            self.stride,
            self.padding,
            self.ceil_mode,
            self.count_include_pad,
            self.divisor_override,
        )

    def extra_repr(self) -> str:
        return f"kernel_size={self.kernel_size}, stride={self.stride}, padding={self.padding}"


class AdaptiveAvgPool2d(Module, torch_module="torch.nn.modules.pooling"):
    """Averages windows that tile the image into ``output_size`` cells, whatever the input's size.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> nn.AdaptiveAvgPool2d(1)
    AdaptiveAvgPool2d(output_size=1)
    >>> nn.AdaptiveAvgPool2d((2, None))(torch.ones(1, 3, 5, 4)).shape
    torch.Size([1, 3, 2, 4])
    """

    def __init__(self, output_size: int | tuple[int | None, int | None]) -> None:
        super().__init__()
        self.output_size = output_size

    def forward(self, input: Tensor) -> Tensor:
        return F.adaptive_avg_pool2d(input, self.output_size)

    def extra_repr(self) -> str:
        return f"output_size={self.output_size}"


# -- 1-d pooling (branch nn_e) ----------------------------------------------------------------------------------


class MaxPool1d(MaxPool2d, torch_module="torch.nn.modules.pooling"):
    """The largest value of each ``kernel_size`` window of sequences (N, C, L) (``stride`` defaults to the window).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> pool = nn.MaxPool1d(2)
    >>> pool
    MaxPool1d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)
    >>> pool(torch.tensor([[[1.0, 3.0, 2.0, 0.0]]]))
    tensor([[[3., 2.]]])
    """

    _pool = staticmethod(F.max_pool1d)


class AvgPool1d(Module, torch_module="torch.nn.modules.pooling"):
    """The mean of each ``kernel_size`` window of sequences (N, C, L) (``stride`` defaults to the window).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> pool = nn.AvgPool1d(2)
    >>> pool
    AvgPool1d(kernel_size=(2,), stride=(2,), padding=(0,))
    >>> pool(torch.tensor([[[1.0, 3.0, 2.0, 0.0]]]))
    tensor([[[2., 1.]]])
    """

    def __init__(
        self,
        kernel_size: int | tuple[int],
        stride: int | tuple[int] | None = None,
        padding: int | tuple[int] = 0,
        ceil_mode: bool = False,
        count_include_pad: bool = True,
    ) -> None:
        super().__init__()
        self.kernel_size = (F._single(kernel_size, "kernel_size"),)
        self.stride = (F._single(stride if stride is not None else kernel_size, "stride"),)
        self.padding = (F._single(padding, "padding"),)
        self.ceil_mode = ceil_mode
        self.count_include_pad = count_include_pad

    def forward(self, input: Tensor) -> Tensor:
        return F.avg_pool1d(
            input, self.kernel_size, self.stride, self.padding, self.ceil_mode, self.count_include_pad
        )

    def extra_repr(self) -> str:
        return f"kernel_size={self.kernel_size}, stride={self.stride}, padding={self.padding}"


class AdaptiveAvgPool1d(Module, torch_module="torch.nn.modules.pooling"):
    """The means of ``output_size`` windows spread evenly over each sequence (N, C, L), whatever its length.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> pool = nn.AdaptiveAvgPool1d(1)
    >>> pool
    AdaptiveAvgPool1d(output_size=1)
    >>> pool(torch.tensor([[[1.0, 2.0, 6.0]]]))
    tensor([[[3.]]])
    """

    def __init__(self, output_size: int | tuple[int]) -> None:
        super().__init__()
        self.output_size = output_size

    def forward(self, input: Tensor) -> Tensor:
        return F.adaptive_avg_pool1d(input, self.output_size)

    def extra_repr(self) -> str:
        return f"output_size={self.output_size}"


# -- adaptive max pooling and max unpooling (branch s10_pool) -----------------------------------------------------


class _AdaptiveMaxPoolNd(Module):
    """What the adaptive max poolings share (PyTorch's ``_AdaptiveMaxPoolNd``): the output size, return_indices."""

    def __init__(self, output_size: Any, return_indices: bool = False) -> None:
        super().__init__()
        self.output_size = output_size
        self.return_indices = return_indices

    def extra_repr(self) -> str:
        return f"output_size={self.output_size}"


class AdaptiveMaxPool1d(_AdaptiveMaxPoolNd, torch_module="torch.nn.modules.pooling"):
    """The largest value of each of ``output_size`` windows spread evenly over each sequence (N, C, L).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> pool = nn.AdaptiveMaxPool1d(2)
    >>> pool
    AdaptiveMaxPool1d(output_size=2)
    >>> pool(torch.tensor([[[1.0, 5.0, 2.0, 0.0, 3.0]]]))
    tensor([[[5., 3.]]])
    """

    def forward(self, input: Tensor) -> Any:
        return F.adaptive_max_pool1d(input, self.output_size, self.return_indices)


class AdaptiveMaxPool2d(_AdaptiveMaxPoolNd, torch_module="torch.nn.modules.pooling"):
    """The largest value of each window of a grid of ``output_size`` windows tiling the image (``None`` keeps a side).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> pool = nn.AdaptiveMaxPool2d((2, None))
    >>> pool
    AdaptiveMaxPool2d(output_size=(2, None))
    >>> pool(torch.zeros(1, 3, 5, 4)).shape
    torch.Size([1, 3, 2, 4])
    """

    def forward(self, input: Tensor) -> Any:
        return F.adaptive_max_pool2d(input, self.output_size, self.return_indices)


class _MaxUnpoolNd(Module):
    """What the max unpoolings share (PyTorch's ``_MaxUnpoolNd``): their arguments as tuples of ``_dims``
    numbers, the forward (through each one's ``_unpool``) and printing."""

    _dims: int
    _unpool: Any

    def __init__(self, kernel_size: Any, stride: Any = None, padding: Any = 0) -> None:
        super().__init__()
        self.kernel_size = F._as_tuple(kernel_size, self._dims)
        self.stride = F._as_tuple(stride if stride is not None else kernel_size, self._dims)
        self.padding = F._as_tuple(padding, self._dims)

    def forward(self, input: Tensor, indices: Tensor, output_size: Any = None) -> Tensor:
        return self._unpool(input, indices, self.kernel_size, self.stride, self.padding, output_size)

    def extra_repr(self) -> str:
        return f"kernel_size={self.kernel_size}, stride={self.stride}, padding={self.padding}"


class MaxUnpool1d(_MaxUnpoolNd, torch_module="torch.nn.modules.pooling"):
    """A partial inverse of :class:`MaxPool1d`: each max put back where it came from, zeros elsewhere.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> pool, unpool = nn.MaxPool1d(2, return_indices=True), nn.MaxUnpool1d(2)
    >>> unpool
    MaxUnpool1d(kernel_size=(2,), stride=(2,), padding=(0,))
    >>> unpool(*pool(torch.tensor([[[1.0, 3.0, 2.0, 0.0]]])))
    tensor([[[0., 3., 2., 0.]]])
    """

    _dims, _unpool = 1, staticmethod(F.max_unpool1d)


class MaxUnpool2d(_MaxUnpoolNd, torch_module="torch.nn.modules.pooling"):
    """A partial inverse of :class:`MaxPool2d`: each max put back where it came from, zeros elsewhere.

    ``forward(input, indices, output_size=None)``: ``output_size`` picks among
    the input sizes that pool to this size.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> pool, unpool = nn.MaxPool2d(2, return_indices=True), nn.MaxUnpool2d(2)
    >>> unpool
    MaxUnpool2d(kernel_size=(2, 2), stride=(2, 2), padding=(0, 0))
    >>> unpool(*pool(torch.arange(16.0).reshape(1, 1, 4, 4)))[0, 0, 1]
    tensor([0., 5., 0., 7.])
    """

    _dims, _unpool = 2, staticmethod(F.max_unpool2d)


# -- 3-d max pooling (branch s12_nn3d) ----------------------------------------------------------------------------


class MaxPool3d(MaxPool2d, torch_module="torch.nn.modules.pooling"):
    """The largest value of each ``kernel_size`` window of volumes (N, C, D, H, W) (``stride`` defaults to the window).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> pool = nn.MaxPool3d(2)
    >>> pool
    MaxPool3d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)
    >>> pool(torch.zeros(1, 3, 4, 6, 6)).shape
    torch.Size([1, 3, 2, 3, 3])
    """

    _pool = staticmethod(F.max_pool3d)


class AvgPool3d(AvgPool2d, torch_module="torch.nn.modules.pooling"):
    """The mean of each ``kernel_size`` window of volumes (N, C, D, H, W) (``stride`` defaults to the window).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> pool = nn.AvgPool3d(2)
    >>> pool
    AvgPool3d(kernel_size=2, stride=2, padding=0)
    >>> pool(torch.ones(1, 3, 4, 6, 6)).shape
    torch.Size([1, 3, 2, 3, 3])
    """

    def forward(self, input: Tensor) -> Tensor:
        return F.avg_pool3d(
            input,
            self.kernel_size,
            self.stride,
            self.padding,
            self.ceil_mode,
            self.count_include_pad,
            self.divisor_override,
        )


class AdaptiveAvgPool3d(AdaptiveAvgPool2d, torch_module="torch.nn.modules.pooling"):
    """Averages windows that tile the volume into ``output_size`` cells, whatever the input's size.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> pool = nn.AdaptiveAvgPool3d((2, None, 3))
    >>> pool
    AdaptiveAvgPool3d(output_size=(2, None, 3))
    >>> pool(torch.ones(1, 4, 5, 6, 7)).shape
    torch.Size([1, 4, 2, 6, 3])
    """

    def forward(self, input: Tensor) -> Tensor:
        return F.adaptive_avg_pool3d(input, self.output_size)


class AdaptiveMaxPool3d(_AdaptiveMaxPoolNd, torch_module="torch.nn.modules.pooling"):
    """The largest value of each window of a grid of ``output_size`` windows tiling the volume (``None`` keeps a side).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> pool = nn.AdaptiveMaxPool3d(2)
    >>> pool
    AdaptiveMaxPool3d(output_size=2)
    >>> pool(torch.zeros(1, 3, 5, 4, 4)).shape
    torch.Size([1, 3, 2, 2, 2])
    """

    def forward(self, input: Tensor) -> Any:
        return F.adaptive_max_pool3d(input, self.output_size, self.return_indices)


# -- max unpooling of volumes, power-average pooling, fractional max pooling (branch s13_fn) ----------------------


class MaxUnpool3d(_MaxUnpoolNd, torch_module="torch.nn.modules.pooling"):
    """A partial inverse of :class:`MaxPool3d`: each max put back where it came from, zeros elsewhere.

    ``forward(input, indices, output_size=None)``: ``output_size`` picks among
    the input sizes that pool to this size.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> pool = nn.MaxPool3d(3, stride=2, return_indices=True)
    >>> unpool = nn.MaxUnpool3d(3, stride=2)
    >>> unpool
    MaxUnpool3d(kernel_size=(3, 3, 3), stride=(2, 2, 2), padding=(0, 0, 0))
    >>> output, indices = pool(torch.randn(2, 3, 11, 9, 7))
    >>> unpool(output, indices).size()
    torch.Size([2, 3, 11, 9, 7])
    """

    _dims, _unpool = 3, staticmethod(F.max_unpool3d)


class _LPPoolNd(Module):
    """What the power-average poolings share (PyTorch's ``_LPPoolNd``): their arguments, forward, printing."""

    _pool: Any

    def __init__(
        self, norm_type: float, kernel_size: Any, stride: Any = None, ceil_mode: bool = False
    ) -> None:
        super().__init__()
        self.norm_type = norm_type
        self.kernel_size = kernel_size
        self.stride = stride
        self.ceil_mode = ceil_mode

    def forward(self, input: Tensor) -> Tensor:
        return self._pool(input, float(self.norm_type), self.kernel_size, self.stride, self.ceil_mode)

    def extra_repr(self) -> str:
        return (
            f"norm_type={self.norm_type}, kernel_size={self.kernel_size}, stride={self.stride}, "
            f"ceil_mode={self.ceil_mode}"
        )


class LPPool1d(_LPPoolNd, torch_module="torch.nn.modules.pooling"):
    """The p-norm ``(Σ x^p)^(1/p)`` of each ``kernel_size`` window of sequences (N, C, L) (p = ∞: the max of |x|).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> m = nn.LPPool1d(2, 3, stride=2)
    >>> m
    LPPool1d(norm_type=2, kernel_size=3, stride=2, ceil_mode=False)
    >>> m(torch.randn(20, 16, 50)).shape
    torch.Size([20, 16, 24])
    """

    _pool = staticmethod(F.lp_pool1d)


class LPPool2d(_LPPoolNd, torch_module="torch.nn.modules.pooling"):
    """The p-norm ``(Σ x^p)^(1/p)`` of each ``kernel_size`` window of images (N, C, H, W) (p = ∞: the max of |x|).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> m = nn.LPPool2d(1.2, (3, 2), stride=(2, 1))
    >>> m
    LPPool2d(norm_type=1.2, kernel_size=(3, 2), stride=(2, 1), ceil_mode=False)
    >>> m(torch.randn(2, 16, 50, 32)).shape
    torch.Size([2, 16, 24, 31])
    """

    _pool = staticmethod(F.lp_pool2d)


class LPPool3d(_LPPoolNd, torch_module="torch.nn.modules.pooling"):
    """The p-norm ``(Σ x^p)^(1/p)`` of each ``kernel_size`` window of volumes (N, C, D, H, W) (p = ∞: the max of |x|).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> m = nn.LPPool3d(1.2, (3, 2, 2), stride=(2, 1, 2))
    >>> m
    LPPool3d(norm_type=1.2, kernel_size=(3, 2, 2), stride=(2, 1, 2), ceil_mode=False)
    >>> m(torch.randn(2, 4, 10, 8, 7)).shape
    torch.Size([2, 4, 4, 7, 3])
    """

    _pool = staticmethod(F.lp_pool3d)


class _FractionalMaxPoolNd(Module):
    """What FractionalMaxPool2d and 3d share: their checks of the arguments (PyTorch's, in its order) and forward."""

    _dims: int
    _pool: Any

    def __init__(
        self,
        kernel_size: Any,
        output_size: Any = None,
        output_ratio: Any = None,
        return_indices: bool = False,
        _random_samples: Tensor | None = None,
    ) -> None:
        super().__init__()
        self.kernel_size = F._as_tuple(kernel_size, self._dims)
        self.return_indices = return_indices
        self.register_buffer("_random_samples", _random_samples)
        self.output_size = F._as_tuple(output_size, self._dims) if output_size is not None else None
        self.output_ratio = F._as_tuple(output_ratio, self._dims) if output_ratio is not None else None
        if output_size is None and output_ratio is None:
            raise messages.error("fractional_max_pool_module_size", name=type(self).__name__)
        if output_size is not None and output_ratio is not None:
            raise messages.error("fractional_max_pool_module_both")
        if self.output_ratio is not None and not all(0 < r < 1 for r in self.output_ratio):
            raise messages.error("fractional_max_pool_module_ratio", ratio=output_ratio)

    def forward(self, input: Tensor) -> Any:
        return self._pool(
            input,
            self.kernel_size,
            self.output_size,
            self.output_ratio,
            self.return_indices,
            _random_samples=self._random_samples,
        )


class FractionalMaxPool2d(_FractionalMaxPoolNd, torch_module="torch.nn.modules.pooling"):
    """Max pooling over ``kernel_size`` windows placed at random, ``output_size`` of them along each side (or
    ``output_ratio`` of the side), as in Graham's "Fractional Max-Pooling".

    The windows are PyTorch's after the same ``manual_seed`` (or given by ``_random_samples``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> m = nn.FractionalMaxPool2d(3, output_size=(13, 12))
    >>> m
    FractionalMaxPool2d()
    >>> m(torch.randn(2, 16, 50, 32)).shape
    torch.Size([2, 16, 13, 12])
    >>> nn.FractionalMaxPool2d(3, output_ratio=(0.5, 0.5))(torch.randn(2, 16, 50, 32)).shape
    torch.Size([2, 16, 25, 16])
    """

    _dims, _pool = 2, staticmethod(F.fractional_max_pool2d)


class FractionalMaxPool3d(_FractionalMaxPoolNd, torch_module="torch.nn.modules.pooling"):
    """Max pooling of volumes over ``kernel_size`` windows placed at random, ``output_size`` of them along each
    side (or ``output_ratio`` of the side); see :class:`FractionalMaxPool2d`.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> m = nn.FractionalMaxPool3d(3, output_size=(13, 12, 11))
    >>> m(torch.randn(1, 2, 50, 32, 16)).shape
    torch.Size([1, 2, 13, 12, 11])
    >>> nn.FractionalMaxPool3d(3, output_ratio=(0.5, 0.5, 0.5))(torch.randn(1, 2, 50, 32, 16)).shape
    torch.Size([1, 2, 25, 16, 8])
    """

    _dims, _pool = 3, staticmethod(F.fractional_max_pool3d)

    def __init__(
        self,
        kernel_size: Any,
        output_size: Any = None,
        output_ratio: Any = None,
        return_indices: bool = False,
        _random_samples: Tensor | None = None,
    ) -> None:
        if (isinstance(kernel_size, int) and kernel_size <= 0) or (
            isinstance(kernel_size, (tuple, list)) and not all(k > 0 for k in kernel_size)
        ):
            raise messages.error("fractional_max_pool_module_kernel", kernel=kernel_size)
        super().__init__(kernel_size, output_size, output_ratio, return_indices, _random_samples)
