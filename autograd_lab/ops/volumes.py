"""3-D windows: ``torch.conv3d``, ``torch.conv_transpose3d`` and ``torch.max_pool3d`` of volumes (N, C, D, H, W).

The forward passes read every window of the padded volume through one
strided view (N, C, kd, kh, kw, od, oh, ow), as the 2-d ops of ``nn.py`` do
for images.  The rules are written with ops of the table, so that a
recorded backward pass (``create_graph=True``) can be differentiated again:

- a convolution's gradient for its input is the transposed convolution of
  the upstream gradient, and the transposed convolution's is the
  convolution (the two are each other's adjoint);
- the gradient for the weights is a convolution too: of the input, its
  channels taken as the batch, with the upstream gradient as the kernel,
  stride and dilation swapped (one per group);
- max pooling's gradient goes back to where each maximum came from
  (``index_put`` into zeros);
- average pooling's is the transposed convolution, with a kernel of ones
  per channel, of the upstream gradient divided by each window's divisor.

Each node is PyTorch's: ``ConvolutionBackward0`` for both convolutions,
``MaxPool3DWithIndicesBackward0``, ``AvgPool3DBackward0``, ``AdaptiveAvgPool3DBackward0`` and
``AdaptiveMaxPool3DBackward0`` for the poolings.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from .. import messages
from ..messages import errors
from ..tensor import Tensor
from ._core import defop, rule, values_of
from .indexing import scatter_add_op
from .linalg import bmm
from .nn import Window, _adaptive_average_matrix, _constant, adaptive_windows
from .reduction import sum
from .shape import cat_op, index_put_zeros, permute_op, reshape, slice_op, squeeze, unsqueeze

Triple = int | Sequence[int]


def _windows(a: np.ndarray, window: Window, fill: Any) -> np.ndarray:
    """Every window of the volumes ``a`` (N, C, D, H, W), padded with ``fill``: a read-only view
    (N, C, kd, kh, kw, od, oh, ow)."""
    padded = np.pad(a, ((0, 0), (0, 0), *window.padding), constant_values=fill)
    batch, channels, *spatial = padded.strides
    strides = (
        batch,
        channels,
        *(step * d for step, d in zip(spatial, window.dilation, strict=True)),
        *(step * s for step, s in zip(spatial, window.stride, strict=True)),
    )
    shape = (*padded.shape[:2], *window.kernel, *window.out_size(a.shape[2:]))
    return np.lib.stride_tricks.as_strided(padded, shape, strides, writeable=False)


def _fold(columns: np.ndarray, size: tuple[int, ...], window: Window) -> np.ndarray:
    """The windows (N, C, kd, kh, kw, od, oh, ow) added back into volumes of ``size``: the inverse of
    :func:`_windows` (PyTorch's col2vol), padding cut off."""
    n, channels = columns.shape[:2]
    kernel, positions = columns.shape[2:5], columns.shape[5:]
    padded = tuple(s + before + after for s, (before, after) in zip(size, window.padding, strict=True))
    out = np.zeros((n, channels, *padded), columns.dtype)
    for offset in np.ndindex(*kernel):
        where = tuple(
            slice(k * d, k * d + s * (p - 1) + 1, s)
            for k, d, s, p in zip(offset, window.dilation, window.stride, positions, strict=True)
        )
        out[(slice(None), slice(None), *where)] += columns[(slice(None), slice(None), *offset)]
    crop = tuple(slice(before, before + s) for s, (before, _) in zip(size, window.padding, strict=True))
    return out[(slice(None), slice(None), *crop)]


# -- convolution and its transpose ----------------------------------------------------------------------------


def _conv3d_forward(
    a: np.ndarray, b: np.ndarray, c: np.ndarray | None, window: Window, groups: int
) -> np.ndarray:
    n, channels = a.shape[:2]
    views = _windows(a, window, 0)
    positions = views.shape[5:]
    columns = views.reshape(n, groups, channels // groups * math.prod(window.kernel), math.prod(positions))
    out = (b.reshape(groups, b.shape[0] // groups, -1) @ columns).reshape(n, b.shape[0], *positions)
    return out if c is None else out + c.reshape(-1, 1, 1, 1)


def _conv_transpose3d_forward(
    a: np.ndarray, b: np.ndarray, c: np.ndarray | None, window: Window, groups: int, size: tuple[int, ...]
) -> np.ndarray:
    n, channels, *positions = a.shape
    weights = b.reshape(groups, channels // groups, -1).transpose(0, 2, 1)  # (groups, C_out/g · k, C_in/g)
    columns = weights @ a.reshape(n, groups, channels // groups, math.prod(positions))
    out = _fold(columns.reshape(n, groups * b.shape[1], *b.shape[2:], *positions), size, window)
    return out if c is None else out + c.reshape(-1, 1, 1, 1)


def _weight_grad(grad: Any, a: Any, b_shape: tuple, window: Window, groups: int) -> Any:
    """∂(W ⋆ x)/∂W: per group, the input's channels as a batch, convolved with the upstream gradient (its
    batch as channels), stride and dilation swapped; the first kd × kh × kw positions are the kernel's."""
    out_per_group, in_per_group, kernel = b_shape[0] // groups, b_shape[1], b_shape[2:]
    swapped = Window(np.shape(values_of(grad))[2:], window.dilation, window.stride, window.padding)
    pieces = []
    for group in range(groups):
        inputs, upstream = a, grad
        if groups > 1:
            inputs = slice_op(a, key=(slice(None), slice(group * in_per_group, (group + 1) * in_per_group)))
            upstream = slice_op(
                grad, key=(slice(None), slice(group * out_per_group, (group + 1) * out_per_group))
            )
        correlated = conv3d_op(
            permute_op(inputs, dims=(1, 0, 2, 3, 4)), permute_op(upstream, dims=(1, 0, 2, 3, 4)), None,
            window=swapped, groups=1,
        )  # fmt: skip
        kept = slice_op(correlated, key=(slice(None), slice(None), *(slice(0, k) for k in kernel)))
        pieces.append(permute_op(kept, dims=(1, 0, 2, 3, 4)))
    return pieces[0] if groups == 1 else cat_op(*pieces, dim=0)


conv3d_op = defop(
    "conv3d",
    "ConvolutionBackward0",
    "conv",
    _conv3d_forward,
    a=rule(
        "∂(W ⋆ x)/∂x = Wᵀ ⋆ G (a transposed convolution)",
        lambda grad, b, a_shape, window, groups: conv_transpose3d_op(
            grad, b, None, window=window, groups=groups, size=tuple(a_shape[2:])
        ),
    ),
    b=rule("∂(W ⋆ x)/∂W = x ⋆ G, stride and dilation swapped", _weight_grad),
    c=rule("∂(W ⋆ x + b)/∂b = Σ G over batch and positions", lambda grad: sum(grad, (0, 2, 3, 4))),
)
conv_transpose3d_op = defop(
    "conv_transpose3d",
    "ConvolutionBackward0",
    "conv transpose",
    _conv_transpose3d_forward,
    a=rule(
        "∂(Wᵀ ⋆ x)/∂x = W ⋆ G (a convolution)",
        lambda grad, b, window, groups: conv3d_op(grad, b, None, window=window, groups=groups),
    ),
    b=rule(
        "∂(Wᵀ ⋆ x)/∂W = G ⋆ x, stride and dilation swapped",
        lambda grad, a, b_shape, window, groups: _weight_grad(a, grad, b_shape, window, groups),
    ),
    c=rule("∂(Wᵀ ⋆ x + b)/∂b = Σ G over batch and positions", lambda grad: sum(grad, (0, 2, 3, 4))),
)


def _triple(value: Triple, name: str) -> tuple[int, int, int]:
    """``2`` or ``[2]`` as ``(2, 2, 2)``; three numbers as they are (ATen's expand_param_if_needed)."""
    values = [int(value)] if isinstance(value, (int, np.integer)) else [int(v) for v in value]
    if len(values) == 1:
        values *= 3
    if len(values) != 3:
        raise messages.error("conv3d_argument_length", name=name, got=values)
    return tuple(values)


def warn_if_same_padding_copies(padding: Any, kernel: Sequence[int], dilation: Any) -> None:
    """PyTorch's warning, once per process, for ``padding='same'`` that cannot be split evenly (an even span)."""
    if padding != "same":
        return
    spreads = [dilation] * len(kernel) if isinstance(dilation, (int, np.integer)) else list(dilation)
    if len(spreads) == 1:
        spreads *= len(kernel)
    if any(d * (k - 1) % 2 for k, d in zip(kernel, spreads, strict=False)):
        messages.warn_once("conv_same_padding_copy", stacklevel=4)


def _shape_list(shape: tuple) -> str:
    return "[" + ", ".join(str(n) for n in shape) + "]"


def _sizes_text(sizes: Sequence[int]) -> str:
    return " x ".join(str(n) for n in sizes)


def _volumes(input: Tensor, name: str) -> tuple[Tensor, bool]:
    """The input as a batch of volumes, and whether it was one volume (C, D, H, W) made a batch of one."""
    ndim = input._array.ndim
    if ndim not in (4, 5):
        raise messages.error("conv3d_input_dims", name=name, shape=_shape_list(input._array.shape))
    return (unsqueeze(input, 0), True) if ndim == 4 else (input, False)


def _check_weight(input: Tensor, weight: Tensor, stride: tuple) -> None:
    """ATen's first check: as many strides as the weight has spatial dimensions."""
    if weight._array.ndim != 5:
        raise messages.error("nn_conv_weight_dims", count=weight._array.ndim - 2, stride=list(stride))
    if input._array.dtype != weight._array.dtype:
        raise messages.error(
            "conv3d_dtypes",
            expected=errors.scalar_type_name(input._array.dtype),
            found=errors.scalar_type_name(weight._array.dtype),
        )


def _check_bias(bias: Tensor | None, weight: Tensor, out_channels: int) -> None:
    if bias is not None and bias._array.shape != (out_channels,):
        raise messages.error(
            "conv3d_bias",
            weight=_shape_list(weight._array.shape),
            count=out_channels,
            bias=_shape_list(bias._array.shape),
        )


def conv3d(
    input: Tensor,
    weight: Tensor,
    bias: Tensor | None = None,
    stride: Triple = 1,
    padding: Triple | str = 0,
    dilation: Triple = 1,
    groups: int = 1,
) -> Tensor:
    """3-D convolution (PyTorch's cross-correlation) of volumes (N, C, D, H, W) with kernels (O, C/groups, kd, kh, kw).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.conv3d(torch.ones(1, 1, 2, 3, 3), torch.ones(1, 1, 2, 2, 2)).shape
    torch.Size([1, 1, 1, 2, 2])
    >>> torch.conv3d(torch.ones(1, 1, 2, 2, 2), torch.ones(1, 1, 2, 2, 2))
    tensor([[[[[8.]]]]])
    """
    steps, spreads = _triple(stride, "stride"), _triple(dilation, "dilation")
    _check_weight(input, weight, steps)
    volumes, single = _volumes(input, "conv3d")
    if min(steps) <= 0:
        raise messages.error("nn_conv_stride_positive")
    if groups <= 0:
        raise messages.error("conv3d_groups")
    kernel = weight._array.shape[2:]
    if isinstance(padding, str):
        if padding not in ("same", "valid"):
            raise messages.error("nn_conv_padding_string", padding=padding)
        if padding == "same" and steps != (1, 1, 1):
            raise messages.error("nn_same_padding_strided")
        warn_if_same_padding_copies(padding, kernel, spreads)
        totals = [d * (k - 1) for k, d in zip(kernel, spreads, strict=True)]
        pads = tuple((t // 2, t - t // 2) for t in totals) if padding == "same" else ((0, 0),) * 3
    else:
        pads = tuple((p, p) for p in _triple(padding, "padding"))
    shape, weight_shape = volumes._array.shape, weight._array.shape
    if weight_shape[0] % groups:
        raise messages.error("nn_conv_transpose_groups", groups=groups, weight=_shape_list(weight_shape))
    if shape[1] != weight_shape[1] * groups:
        raise messages.error(
            "nn_conv_channels",
            groups=groups,
            weight=_shape_list(weight_shape),
            input=_shape_list(shape),
            expected=weight_shape[1] * groups,
            got=shape[1],
        )
    _check_bias(bias, weight, weight_shape[0])
    padded = [n + before + after for n, (before, after) in zip(shape[2:], pads, strict=True)]
    spans = [d * (k - 1) + 1 for k, d in zip(kernel, spreads, strict=True)]
    if any(p < s for p, s in zip(padded, spans, strict=True)):
        raise messages.error("conv3d_kernel_too_big", padded=_sizes_text(padded), kernel=_sizes_text(spans))
    out = conv3d_op(volumes, weight, bias, window=Window(kernel, steps, spreads, pads), groups=groups)
    return squeeze(out, 0) if single else out


def conv_transpose3d(
    input: Tensor,
    weight: Tensor,
    bias: Tensor | None = None,
    stride: Triple = 1,
    padding: Triple = 0,
    output_padding: Triple = 0,
    groups: int = 1,
    dilation: Triple = 1,
) -> Tensor:
    """Transposed 3-D convolution of volumes (N, C_in, D, H, W) with kernels (C_in, C_out/groups, kd, kh, kw).

    Each input voxel spreads its channels, times the kernel, over a window of
    the output, which is ``(D − 1)·stride − 2·padding + dilation·(kd − 1) +
    output_padding + 1`` deep (and likewise high and wide): the gradient of
    :func:`conv3d` for its input.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.conv_transpose3d(torch.ones(1, 1, 1, 1, 2), torch.ones(1, 1, 1, 1, 2))
    tensor([[[[[1., 2., 1.]]]]])
    """
    steps, spreads = _triple(stride, "stride"), _triple(dilation, "dilation")
    pads, extras = _triple(padding, "padding"), _triple(output_padding, "output_padding")
    _check_weight(input, weight, steps)
    volumes, single = _volumes(input, "conv_transpose3d")
    if min(steps) <= 0:
        raise messages.error("nn_conv_stride_positive")
    if groups <= 0:
        raise messages.error("conv3d_groups")
    shape, weight_shape = volumes._array.shape, weight._array.shape
    if weight_shape[0] % groups:
        raise messages.error("nn_conv_transpose_groups", groups=groups, weight=_shape_list(weight_shape))
    if shape[1] != weight_shape[0]:
        raise messages.error(
            "nn_conv_transpose_channels",
            weight=_shape_list(weight_shape),
            input=_shape_list(shape),
            expected=weight_shape[0],
            got=shape[1],
        )
    if any(e >= s and e >= d for e, s, d in zip(extras, steps, spreads, strict=True)):
        raise messages.error("conv_transpose3d_output_padding", extras=extras, steps=steps, spreads=spreads)
    _check_bias(bias, weight, weight_shape[1] * groups)
    kernel = weight_shape[2:]
    size = tuple(
        (n - 1) * s - 2 * p + d * (k - 1) + e + 1
        for n, s, p, d, k, e in zip(shape[2:], steps, pads, spreads, kernel, extras, strict=True)
    )
    if min(size) <= 0:
        raise messages.error("conv_transpose3d_empty", size=_sizes_text(shape[2:]), out=_sizes_text(size))
    window = Window(kernel, steps, spreads, tuple((p, p) for p in pads))
    out = conv_transpose3d_op(volumes, weight, bias, window=window, groups=groups, size=size)
    return squeeze(out, 0) if single else out


# -- max pooling ------------------------------------------------------------------------------------------------


def _batch_shape(shape: tuple) -> tuple:
    """A volume (C, D, H, W) as a batch of one; a batch as it is (PyTorch's kernel takes both)."""
    return shape if len(shape) == 5 else (1, *shape)


def _max_pool3d_forward(a: np.ndarray, window: Window, positions: np.ndarray) -> np.ndarray:
    """Each window's value at its maximum's position (``positions``: (N, C, P), into the kd·kh·kw window)."""
    volumes = a.reshape(_batch_shape(a.shape))
    views = _windows(volumes, window, _lowest(a.dtype))
    columns = views.reshape(*volumes.shape[:2], math.prod(window.kernel), -1)
    values = np.take_along_axis(columns, positions[:, :, None, :], axis=2)
    return values.reshape(*a.shape[:-3], *views.shape[5:])


def _lowest(dtype: np.dtype) -> Any:
    return -np.inf if dtype.kind == "f" else np.iinfo(dtype).min


def _max_pool3d_grad(grad: Any, a_shape: tuple, window: Window, positions: np.ndarray) -> Any:
    """Each output's gradient, added where its window's maximum came from."""
    flat = _flat_positions(_batch_shape(a_shape), window, positions)
    zeros = np.zeros(math.prod(a_shape), dtype=values_of(grad).dtype)
    return reshape(index_put_zeros(zeros, reshape(grad, (-1,)), key=(flat,)), a_shape)


def _flat_positions(a_shape: tuple, window: Window, positions: np.ndarray) -> np.ndarray:
    """Where each output's maximum lies in the flattened input: its plane's start plus its place in the plane."""
    n, channels, *size = a_shape
    planes = np.arange(n * channels).reshape(n, channels, 1) * math.prod(size)
    return (planes + _plane_positions(a_shape, window, positions)).reshape(-1)


def _plane_positions(a_shape: tuple, window: Window, positions: np.ndarray) -> np.ndarray:
    """Where each output's maximum lies in its flattened (D, H, W) plane: window position and offset, unpadded;
    (N, C, P) as ``positions`` is."""
    size = a_shape[2:]
    out = window.out_size(tuple(size))
    offsets = np.unravel_index(positions, window.kernel)  # (kd, kh, kw) offsets, each (N, C, P)
    starts = np.unravel_index(np.arange(math.prod(out)), out)  # each window's first voxel, padded
    coordinates = [
        start * s + offset * d - before
        for start, offset, s, d, (before, _) in zip(
            starts, offsets, window.stride, window.dilation, window.padding, strict=True
        )
    ]
    return np.ravel_multi_index(coordinates, size, mode="clip")


max_pool3d_op = defop(
    "max_pool3d",
    "MaxPool3DWithIndicesBackward0",
    "max pool",
    _max_pool3d_forward,
    a=rule("∂(max of a window)/∂x = 1 at the window's max, 0 elsewhere", _max_pool3d_grad),
)


def _pool_triple(value: Triple, name: str, words: str, function: str = "max_pool3d") -> tuple[int, int, int]:
    """``2`` or ``[2]`` as ``(2, 2, 2)``, three sizes as they are; PyTorch's error (``words``) otherwise."""
    values = [int(value)] if isinstance(value, (int, np.integer)) else [int(v) for v in value]
    if len(values) not in (1, 3):
        raise messages.error("pool3d_argument", function=function, name=name, words=words)
    return tuple(values * 3 if len(values) == 1 else values)


def _pool_window(
    size: tuple, kernel: tuple, stride: tuple, padding: tuple, dilation: tuple, ceil_mode: bool
) -> Window:
    """PyTorch's pooling_output_shape along each axis; the far side padded as far as the last window reaches."""
    pads = []
    for n, k, s, p, d in zip(size, kernel, stride, padding, dilation, strict=True):
        span = n + 2 * p - d * (k - 1) - 1
        count = (-(-span // s) if ceil_mode else span // s) + 1
        if ceil_mode and (count - 1) * s >= n + p:
            count -= 1
        pads.append((p, max(p, (count - 1) * s + d * (k - 1) + 1 - n - p)))
    return Window(kernel, stride, dilation, tuple(pads))


def max_pool3d(
    input: Tensor,
    kernel_size: Triple,
    stride: Triple = (),
    padding: Triple = 0,
    dilation: Triple = 1,
    ceil_mode: bool = False,
) -> Tensor:
    """The largest value of each window of volumes (N, C, D, H, W) or (C, D, H, W) (an empty ``stride`` is the window).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.max_pool3d(torch.arange(8.0).reshape(1, 2, 2, 2), 2)
    tensor([[[[7.]]]])
    """
    out, _ = max_pool3d_with_indices(input, kernel_size, stride, padding, dilation, ceil_mode)
    return out


def max_pool3d_with_indices(
    input: Tensor,
    kernel_size: Triple,
    stride: Triple | None = (),
    padding: Triple = 0,
    dilation: Triple = 1,
    ceil_mode: bool = False,
) -> tuple[Tensor, Tensor]:
    """:func:`max_pool3d`, and where each maximum lies in its (D, H, W) plane, flattened (int64), as PyTorch gives.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.ops.volumes import max_pool3d_with_indices
    >>> max_pool3d_with_indices(torch.tensor([[[[1.0, 5.0, 2.0, 0.0]]]]), (1, 1, 2))
    (tensor([[[[5., 2.]]]]), tensor([[[[1, 2]]]]))
    """
    kernel = _pool_triple(kernel_size, "kernel_size", "must either be a single int, or a tuple of three ints")
    empty = stride is None or not isinstance(stride, (int, np.integer)) and len(stride) == 0
    steps = (
        kernel
        if empty
        else _pool_triple(stride, "stride", "must either be omitted, a single int, or a tuple of three ints")
    )
    pads = _pool_triple(padding, "padding", "must either be a single int, or a tuple of three ints")
    spreads = _pool_triple(dilation, "dilation", "must be either a single int, or a tuple of three ints")
    shape = input._array.shape
    if len(shape) not in (4, 5) or not input._array.size:
        raise messages.error("max_pool3d_input_dims")
    if 0 in steps:
        raise messages.error("nn_pool_zero_stride")
    for p, k, d in zip(pads, kernel, spreads, strict=True):
        if p > (d * (k - 1) + 1) // 2:
            raise messages.error("nn_pool_padding", pad=p, kernel=k, dilation=d)
    window = _pool_window(shape[-3:], kernel, steps, pads, spreads, ceil_mode)
    out = window.out_size(shape[-3:])
    if min(out) <= 0:
        raise messages.error(
            "max_pool3d_output_small",
            size="x".join(map(str, shape[-4:])),
            out="x".join(map(str, (shape[-4], *out))),
        )
    volumes = input._array.reshape(_batch_shape(shape))
    views = _windows(volumes, window, _lowest(volumes.dtype))
    positions = np.argmax(views.reshape(*volumes.shape[:2], math.prod(kernel), -1), axis=2)
    out = max_pool3d_op(input, window=window, positions=positions)
    indices = _plane_positions(volumes.shape, window, positions).astype(np.int64).reshape(out._array.shape)
    return out, Tensor._wrap(indices)


# -- average pooling (branch s12_nn3d) ---------------------------------------------------------------------------


def _avg_pool3d_forward(a: np.ndarray, window: Window, divisors: np.ndarray) -> np.ndarray:
    """Each window's sum divided by its divisor (``divisors``: (od, oh, ow)); int64 divided as PyTorch's
    integer kernel divides, rounding towards 0."""
    volumes = a.reshape(_batch_shape(a.shape))
    sums = _windows(volumes, window, 0).sum(axis=(2, 3, 4))
    if a.dtype == np.int64:
        means = np.sign(sums) * (np.abs(sums) // divisors.astype(np.int64))
    else:
        means = sums / divisors.astype(a.dtype)
    return means.reshape(*a.shape[:-3], *means.shape[2:])


def _avg_pool3d_grad(grad: Any, a_shape: tuple, window: Window, divisors: np.ndarray) -> Any:
    """Each output's gradient over its divisor, spread evenly over its window: the transposed convolution
    of it with a kernel of ones, one channel at a time."""
    shape = _batch_shape(a_shape)
    ones = np.ones((shape[1], 1, *window.kernel), dtype=values_of(grad).dtype)
    shares = reshape(grad, (*shape[:2], *divisors.shape)) / _constant(divisors, grad)
    spread = conv_transpose3d_op(shares, ones, None, window=window, groups=shape[1], size=tuple(shape[2:]))
    return reshape(spread, a_shape)


avg_pool3d_op = defop(
    "avg_pool3d",
    "AvgPool3DBackward0",
    "avg pool",
    _avg_pool3d_forward,
    a=rule("∂(mean of a window)/∂x = 1/divisor for each element of the window", _avg_pool3d_grad),
)


def avg_pool3d_window(
    input: Tensor,
    kernel_size: Triple,
    stride: Triple | None,
    padding: Triple,
    ceil_mode: bool,
    divisor_override: int | None,
) -> Window:
    """The windows of ``F.avg_pool3d``, its arguments checked as ATen's ``avg_pool3d`` checks them."""
    kernel = _pool_triple(
        kernel_size, "kernel_size", "must be a single int, or a tuple of three ints", "avg_pool3d"
    )
    empty = stride is None or not isinstance(stride, (int, np.integer)) and len(stride) == 0
    words = "must be omitted, a single int, or a tuple of three ints"
    steps = kernel if empty else _pool_triple(stride, "stride", words, "avg_pool3d")
    pads = _pool_triple(padding, "padding", "must be a single int, or a tuple of three ints", "avg_pool3d")
    if divisor_override is not None and divisor_override == 0:
        raise messages.error("avg_pool3d_divisor")
    if 0 in steps:
        raise messages.error("nn_pool_zero_stride")
    if min(kernel) <= 0:
        raise messages.error("pool3d_zero_kernel", kernel=kernel)
    shape = input._array.shape
    if len(shape) not in (4, 5):
        raise messages.error("max_pool3d_input_dims")
    if 0 in shape[-4:]:
        raise messages.error("avg_pool3d_empty", shape=_shape_list(shape))
    if input._array.dtype.kind != "f" and input._array.dtype != np.int64:
        raise messages.error(
            "avg_pool_dtype",
            kernel="avg_pool3d_out_frame",
            dtype_name=errors.scalar_type_name(input._array.dtype),
        )
    size = shape[-3:]
    if any(n < k for n, k in zip(size, kernel, strict=True)):
        raise messages.error("avg_pool3d_kernel_too_big", size=size, kernel=kernel)
    for p, k in zip(pads, kernel, strict=True):
        if p > k // 2:
            raise messages.error("nn_pool_padding", pad=p, kernel=k, dilation=1)
    window = _pool_window(size, kernel, steps, pads, (1, 1, 1), ceil_mode)
    out = window.out_size(size)
    if min(out) <= 0:
        raise messages.error(
            "max_pool3d_output_small",
            size="x".join(map(str, shape[-4:])),
            out="x".join(map(str, (shape[-4], *out))),
        )
    return window


# -- adaptive pooling (branch s12_nn3d) --------------------------------------------------------------------------


def adaptive_cells(size: Sequence[int], out_size: Sequence[int]) -> list[tuple[slice, ...]]:
    """The window of each output cell, in order: PyTorch's adaptive windows along each axis, combined."""
    axes = [
        [slice(start, end) for start, end in adaptive_windows(n, out)]
        for n, out in zip(size, out_size, strict=True)
    ]
    return [tuple(cell) for cell in itertools.product(*axes)]


def _adaptive_avg_pool3d_forward(a: np.ndarray, out_size: tuple[int, int, int]) -> np.ndarray:
    """Each window's sum divided by its size."""
    result = np.empty((*a.shape[:-3], *out_size), a.dtype)
    flat = result.reshape(*a.shape[:-3], -1)
    for index, cell in enumerate(adaptive_cells(a.shape[-3:], out_size)):
        window = a[(..., *cell)]
        flat[..., index] = window.sum(axis=(-3, -2, -1)) / math.prod(window.shape[-3:])
    return result


def _adaptive_avg_pool3d_grad(grad: Any, a_shape: tuple, out_size: tuple[int, int, int]) -> Any:
    """Every output's gradient spread evenly over its window: averaging matrices applied along W, H, then D."""
    (depth, height, width), (od, oh, ow) = a_shape[-3:], out_size
    volumes = math.prod(a_shape[:-3])
    along_w = _adaptive_average_matrix(width, ow, grad)[None]  # (1, ow, W)
    along_h = np.broadcast_to(_adaptive_average_matrix(height, oh, grad).T, (volumes * od, height, oh))
    along_d = np.broadcast_to(_adaptive_average_matrix(depth, od, grad).T, (volumes, depth, od))
    spread = bmm(reshape(grad, (1, volumes * od * oh, ow)), along_w)
    spread = bmm(along_h, reshape(spread, (volumes * od, oh, width)))
    spread = bmm(along_d, reshape(spread, (volumes, od, height * width)))
    return reshape(spread, a_shape)


adaptive_avg_pool3d_op = defop(
    "adaptive_avg_pool3d",
    "AdaptiveAvgPool3DBackward0",
    "adaptive avg pool",
    _adaptive_avg_pool3d_forward,
    a=rule("∂/∂x: each output's gradient over its window's size, on its window", _adaptive_avg_pool3d_grad),
)


def adaptive_max_positions(a: np.ndarray, out_size: Sequence[int]) -> np.ndarray:
    """Where each window's max lies in its flattened (D, H, W) plane, PyTorch's pick among ties.

    PyTorch's kernel walks a window in order and keeps a value only if it is
    larger than the max so far, or NaN: the first of equal maxima, the last of
    several NaNs.
    """
    lead, size = a.shape[:-3], a.shape[-3:]
    positions = np.zeros((*lead, math.prod(out_size)), np.int64)
    for index, cell in enumerate(adaptive_cells(size, out_size)):
        window = a[(..., *cell)]
        spans = window.shape[-3:]
        window = window.reshape(*lead, -1)
        picked = np.argmax(window, axis=-1)
        nan = np.isnan(window)
        if nan.any():
            last_nan = window.shape[-1] - 1 - np.argmax(nan[..., ::-1], axis=-1)
            picked = np.where(nan.any(axis=-1), last_nan, picked)
        offsets = np.unravel_index(picked, spans)
        starts = [axis.start for axis in cell]
        positions[..., index] = np.ravel_multi_index(
            [start + offset for start, offset in zip(starts, offsets, strict=True)], size
        )
    return positions.reshape(*lead, *out_size)


def _adaptive_max_pool3d_forward(a: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """The input at each window's max, ``positions`` indexing the flattened (D, H, W) plane."""
    lead = a.shape[:-3]
    picked = np.take_along_axis(a.reshape(*lead, -1), positions.reshape(*lead, -1), axis=-1)
    return picked.reshape(positions.shape)


def _adaptive_max_pool3d_grad(grad: Any, a_shape: tuple, positions: np.ndarray) -> Any:
    """Zeros of ``a_shape``, each output's gradient added where its value came from."""
    volumes = math.prod(a_shape[:-3])
    picks = positions.reshape(volumes, -1)
    total = np.zeros((volumes, math.prod(a_shape[-3:])), dtype=values_of(grad).dtype)
    return reshape(scatter_add_op(total, reshape(grad, picks.shape), dim=1, picks=picks), a_shape)


adaptive_max_pool3d_op = defop(
    "adaptive_max_pool3d",
    "AdaptiveMaxPool3DBackward0",
    "adaptive max pool",
    _adaptive_max_pool3d_forward,
    a=rule("∂(max of a window)/∂x = 1 at the window's max, 0 elsewhere", _adaptive_max_pool3d_grad),
)
