"""``torch.nn.functional``: layers and losses as functions.

The maths of each op (forward and derivative rules) is its row in the op
table, ``autograd_lab/ops/nn.py``; these functions take PyTorch's
arguments, check them as PyTorch does, and record the same nodes PyTorch
records: where PyTorch composes a function of other ops (``cross_entropy``
is ``log_softmax`` then ``nll_loss``, ``l1_loss`` is ``abs`` then a mean),
so do they.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np

from .. import _random, _views, messages
from .._grad_mode import no_grad
from ..messages import errors
from ..ops import nn as ops
from ..ops.elementwise import abs as _abs
from ..ops.elementwise import div_scalar, sigmoid, tanh, where
from ..ops.elementwise import relu as _relu_op
from ..ops.linalg import addmm, matmul
from ..ops.reduction import log_softmax as _log_softmax
from ..ops.reduction import mean, sum
from ..ops.reduction import softmax as _softmax
from ..ops.shape import reshape, squeeze, t, unsqueeze
from ..tensor import Tensor

__all__ = [
    "relu", "sigmoid", "tanh", "softmax", "log_softmax", "leaky_relu", "gelu", "dropout", "linear",
    "mse_loss", "l1_loss", "smooth_l1_loss", "huber_loss", "cross_entropy", "nll_loss", "binary_cross_entropy",
    "binary_cross_entropy_with_logits", "conv2d", "max_pool2d", "avg_pool2d", "adaptive_avg_pool2d", "batch_norm",
    "unfold", "fold", "one_hot",
]  # fmt: skip

Pair = int | Sequence[int]


def _pair(value: Pair) -> tuple[int, int]:
    """``2`` as ``(2, 2)``; a pair as it is."""
    if isinstance(value, (int, np.integer)):
        return (int(value), int(value))
    return tuple(int(v) for v in value)


def _shape_list(shape: tuple) -> str:
    return "[" + ", ".join(str(n) for n in shape) + "]"


# -- activations ------------------------------------------------------------------------------------


def relu(input: Tensor, inplace: bool = False) -> Tensor:
    """max(x, 0), element by element.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.relu(torch.tensor([-1.0, 2.0]))
    tensor([0., 2.])
    """
    return _views.run_inplace(input, _relu_op) if inplace else _relu_op(input)


def leaky_relu(input: Tensor, negative_slope: float = 0.01, inplace: bool = False) -> Tensor:
    """x for x > 0, ``negative_slope · x`` otherwise.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.leaky_relu(torch.tensor([-1.0, 2.0]), 0.1)
    tensor([-0.1000,  2.0000])
    """
    if inplace:
        return _views.run_inplace(input, ops.leaky_relu, negative_slope=negative_slope)
    return ops.leaky_relu(input, negative_slope=negative_slope)


def gelu(input: Tensor, approximate: str = "none") -> Tensor:
    """x·Φ(x), Φ the standard normal distribution function (``approximate='tanh'``: its tanh form).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.gelu(torch.tensor([-1.0, 0.0, 1.0]))
    tensor([-0.1587,  0.0000,  0.8413])
    """
    return ops.gelu(input, approximate=approximate)


def _softmax_dim(name: str, ndim: int, dim: int | None) -> int:
    """PyTorch's implicit dim (deprecated, with a warning): 0 for 0-, 1- and 3-d inputs, else 1."""
    if dim is not None:
        return dim
    warnings.warn(messages.text("nn_softmax_implicit_dim", name=name), UserWarning, stacklevel=3)
    return 0 if ndim in (0, 1, 3) else 1


def softmax(input: Tensor, dim: int | None = None, _stacklevel: int = 3, dtype: Any = None) -> Tensor:
    """Exponentiate and normalise along ``dim`` so the values sum to 1.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.softmax(torch.tensor([[0.0, 0.0]]), dim=1)
    tensor([[0.5000, 0.5000]])
    """
    input = input if dtype is None else input.to(dtype)
    return _softmax(input, _softmax_dim("softmax", input.dim(), dim))


def log_softmax(input: Tensor, dim: int | None = None, _stacklevel: int = 3, dtype: Any = None) -> Tensor:
    """The logarithm of :func:`softmax`, computed without overflow.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.log_softmax(torch.tensor([[0.0, 0.0]]), dim=1)
    tensor([[-0.6931, -0.6931]])
    """
    input = input if dtype is None else input.to(dtype)
    return _log_softmax(input, _softmax_dim("log_softmax", input.dim(), dim))


def dropout(input: Tensor, p: float = 0.5, training: bool = True, inplace: bool = False) -> Tensor:
    """Zero each element with probability ``p`` and scale the rest by ``1/(1-p)`` (only when ``training``).

    The mask is drawn as PyTorch draws it, so after the same ``manual_seed``
    the same elements are dropped.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.dropout(torch.ones(4), 0.5, training=False)
    tensor([1., 1., 1., 1.])
    """
    if p < 0.0 or p > 1.0:
        raise messages.error("nn_dropout_probability", p=p)
    if p == 0 or not training or input.numel() == 0:
        return input
    if p == 1:
        noise = Tensor._wrap(np.zeros((), input._array.dtype))
    else:
        array = input._array
        kept = _random.bernoulli(array.size, 1 - p, array.dtype, None)  # empty_like(input).bernoulli_(1 - p)
        noise = Tensor._wrap(_random.in_memory_order(array, kept) / array.dtype.type(1 - p))
    return input.mul_(noise) if inplace else input * noise


# -- linear ---------------------------------------------------------------------------------------------


def linear(input: Tensor, weight: Tensor, bias: Tensor | None = None) -> Tensor:
    """``input @ weight.T + bias``: a fully connected layer.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.linear(torch.ones(1, 2), torch.ones(3, 2), torch.zeros(3))
    tensor([[2., 2., 2.]])
    """
    if bias is None:
        return matmul(input, t(weight))
    if input._array.ndim == 2:
        return addmm(bias, input, t(weight))
    # Any other shape: PyTorch multiplies the rows as one matrix, then views the result back.
    rows = reshape(input, (-1, input._array.shape[-1]))
    return reshape(addmm(bias, rows, t(weight)), (*input._array.shape[:-1], weight._array.shape[0]))


# -- losses -----------------------------------------------------------------------------------------------


def _reduction(size_average: bool | None, reduce: bool | None, reduction: str) -> str:
    """``reduction``, or what the old ``size_average``/``reduce`` arguments mean (with PyTorch's warning)."""
    if size_average is not None or reduce is not None:
        size_average = True if size_average is None else size_average
        reduce = True if reduce is None else reduce
        reduction = "mean" if size_average and reduce else "sum" if reduce else "none"
        warnings.warn(messages.text("nn_legacy_reduction", reduction=reduction), UserWarning, stacklevel=3)
    if reduction not in ("mean", "sum", "none"):
        raise messages.error("invalid_reduction", reduction=reduction)
    return reduction


def _check_target_shape(input: Tensor, target: Tensor) -> None:
    """PyTorch's warning when a loss broadcasts its target against its input (often a mistake)."""
    shape, target_shape = input._array.shape, target._array.shape
    if shape == target_shape:
        return
    warnings.warn(
        messages.text("nn_target_size_broadcast", target=_shape_list(target_shape), input=_shape_list(shape)),
        UserWarning,
        stacklevel=3,
    )
    try:
        np.broadcast_shapes(shape, target_shape)
    except ValueError:
        raise errors.broadcast_shapes(shape, target_shape) from None


def mse_loss(
    input: Tensor,
    target: Tensor,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    """Mean squared error: the mean of ``(input - target) ** 2``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.mse_loss(torch.tensor([1.0, 3.0]), torch.tensor([0.0, 0.0]))
    tensor(5.)
    """
    reduction = _reduction(size_average, reduce, reduction)
    _check_target_shape(input, target)
    return ops.mse_loss(input, target, reduction=reduction)


def _reduced(losses: Tensor, reduction: str) -> Tensor:
    return mean(losses) if reduction == "mean" else sum(losses) if reduction == "sum" else losses


def l1_loss(
    input: Tensor,
    target: Tensor,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    """Mean absolute error: the mean of ``|input - target|``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.l1_loss(torch.tensor([1.0, -3.0]), torch.tensor([0.0, 0.0]))
    tensor(2.)
    """
    reduction = _reduction(size_average, reduce, reduction)
    _check_target_shape(input, target)
    return _reduced(_abs(input - target), reduction)


def smooth_l1_loss(
    input: Tensor,
    target: Tensor,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
    beta: float = 1.0,
) -> Tensor:
    """Smooth L1 loss: ``0.5 d² / beta`` where ``|d| < beta``, else ``|d| - 0.5 beta`` (``d = input - target``).

    With ``beta=0`` it is the L1 loss, as in PyTorch.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.smooth_l1_loss(torch.tensor([0.5, 3.0]), torch.tensor([0.0, 0.0]), reduction="none")
    tensor([0.1250, 2.5000])
    """
    if beta < 0:
        raise messages.error("nn_smooth_l1_beta")
    if beta == 0.0:
        return l1_loss(input, target, size_average, reduce, reduction)
    reduction = _reduction(size_average, reduce, reduction)
    _check_target_shape(input, target)
    return ops.smooth_l1_loss(input, target, reduction=reduction, beta=float(beta))


def huber_loss(
    input: Tensor, target: Tensor, reduction: str = "mean", delta: float = 1.0, weight: Tensor | None = None
) -> Tensor:
    """Huber loss: ``0.5 d²`` where ``|d| < delta``, else ``delta (|d| - 0.5 delta)`` (``d = input - target``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.huber_loss(torch.tensor([0.5, 3.0]), torch.tensor([0.0, 0.0]), delta=2.0, reduction="none")
    tensor([0.1250, 4.0000])
    """
    if delta <= 0:
        raise messages.error("nn_huber_delta")
    if weight is not None:
        raise messages.error("nn_huber_weight")
    _check_target_shape(input, target)
    return ops.huber_loss(input, target, reduction=reduction, delta=float(delta))


def _class_targets(input: Tensor, target: Tensor) -> None:
    """PyTorch's checks of class labels against class scores (N, C, d1, ...)."""
    shape, target_shape = input._array.shape, target._array.shape
    if not shape:
        raise messages.error("nn_input_no_dims", ndim=0)
    if len(shape) > 1 and (not target_shape or shape[0] != target_shape[0]):
        raise messages.error("nn_batch_mismatch", input=shape[0], target=target_shape[0] if target_shape else 1)
    if len(shape) > 2 and target_shape[1:] != shape[2:]:
        raise messages.error(
            "nn_target_size", expected=_shape_list((shape[0], *shape[2:])), got=_shape_list(target_shape)
        )
    if target._array.dtype.kind not in "iu":
        raise messages.error("nn_target_not_long", dtype=target.dtype.legacy_type[len("torch.") : -len("Tensor")])


def nll_loss(
    input: Tensor,
    target: Tensor,
    weight: Tensor | None = None,
    size_average: bool | None = None,
    ignore_index: int = -100,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    """Negative log likelihood: minus each row's log-probability at its target class, averaged.

    ``input`` holds log-probabilities (N, C) or (N, C, d1, ...); ``weight``
    weighs the classes, and targets equal to ``ignore_index`` count for
    nothing.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.nll_loss(torch.tensor([[-1.0, -2.0]]), torch.tensor([1]))
    tensor(2.)
    """
    reduction = _reduction(size_average, reduce, reduction)
    _class_targets(input, target)
    classes = input._array.shape[0 if input._array.ndim == 1 else 1]
    labels = target._array[target._array != ignore_index]
    if labels.size and (labels.max() >= classes or labels.min() < 0):
        raise errors.target_out_of_bounds(int(labels.max() if labels.max() >= classes else labels.min()))
    params = {
        "weight": None if weight is None else weight._array,
        "ignore_index": ignore_index,
        "reduction": reduction,
    }
    ndim = input._array.ndim
    if ndim <= 2:
        return ops.nll_loss(input, target, **params)
    if ndim == 4:
        return ops.nll_loss2d(input, target, **params)
    # (N, C, d) or more dims: PyTorch views them as (N, C, 1, d1·d2·...) and back.
    n, c = input._array.shape[:2]
    flat = ops.nll_loss2d(reshape(input, (n, c, 1, -1)), reshape(target, (n, 1, -1)), **params)
    return reshape(flat, target._array.shape) if reduction == "none" else flat


def _class_weights_view(weight: Tensor | None, ndim: int) -> Tensor | None:
    """The class weights lined up with the class axis (1) of an ``ndim``-d input."""
    if weight is None or ndim <= 1:
        return weight
    return reshape(weight, (1, -1) + (1,) * (ndim - 2))


def _with_weight(values: Tensor, weight: Tensor | None) -> Tensor:
    return values if weight is None else values * weight


def _cross_entropy_probabilities(
    log_p: Tensor, target: Tensor, weight: Tensor | None, reduction: str, label_smoothing: float
) -> Tensor:
    """PyTorch's cross-entropy against class probabilities: −Σ target · log p, over the rows for a mean."""
    class_dim = 0 if log_p.dim() == 1 else 1
    classes = log_p._array.shape[class_dim]
    if label_smoothing > 0:
        target = target * (1 - label_smoothing) + label_smoothing / classes
    products = _with_weight(log_p * target, _class_weights_view(weight, log_p.dim()))
    if reduction == "none":
        return -sum(products, class_dim)
    total = -sum(products)
    if reduction == "sum":
        return total
    return div_scalar(total, other=log_p.numel() // classes if log_p.numel() else math.nan)


def _cross_entropy_smoothed(
    log_p: Tensor, target: Tensor, weight: Tensor | None, ignore_index: int, reduction: str, smoothing: float
) -> Tensor:
    """PyTorch's label smoothing: (1 − ε)·nll + ε/C · (−Σ log p over the classes)."""
    class_dim = 0 if log_p.dim() == 1 else 1
    classes = log_p._array.shape[class_dim]
    nll = nll_loss(log_p, target, weight, ignore_index=ignore_index, reduction=reduction)
    smooth = -sum(_with_weight(log_p, _class_weights_view(weight, log_p.dim())), class_dim)
    ignored = target._array == ignore_index
    smooth = where(Tensor._wrap(ignored), 0.0, smooth)
    if reduction == "mean":
        counted = target._array[~ignored]
        total = counted.size if weight is None else weight._array[counted].sum()
        smooth = sum(smooth) / Tensor._wrap(np.asarray(total, log_p._array.dtype))
    elif reduction == "sum":
        smooth = sum(smooth)
    return (1 - smoothing) * nll + smooth * (smoothing / classes)


def cross_entropy(
    input: Tensor,
    target: Tensor,
    weight: Tensor | None = None,
    size_average: bool | None = None,
    ignore_index: int = -100,
    reduce: bool | None = None,
    reduction: str = "mean",
    label_smoothing: float = 0.0,
) -> Tensor:
    """Cross-entropy of class scores ``input`` (N, C) or (N, C, d1, ...) against ``target``.

    ``target`` holds class labels (``nll_loss(log_softmax(input, 1), target)``,
    as in PyTorch) or, with the input's shape, class probabilities.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.cross_entropy(torch.tensor([[0.0, 0.0]]), torch.tensor([0]))
    tensor(0.6931)
    """
    reduction = _reduction(size_average, reduce, reduction)
    if not input._array.ndim:
        raise messages.error("nn_input_no_dims", ndim=0)
    log_p = _log_softmax(input, 0 if input._array.ndim == 1 else 1)
    if input._array.shape == target._array.shape:
        if target._array.dtype.kind != "f":
            raise messages.error(
                "nn_prob_target_not_float", dtype=target.dtype.legacy_type[len("torch.") : -len("Tensor")]
            )
        return _cross_entropy_probabilities(log_p, target, weight, reduction, label_smoothing)
    if label_smoothing > 0:
        return _cross_entropy_smoothed(log_p, target, weight, ignore_index, reduction, label_smoothing)
    return nll_loss(log_p, target, weight, ignore_index=ignore_index, reduction=reduction)


def _weight_array(weight: Tensor | None, shape: tuple) -> np.ndarray | None:
    """A loss's per-element weight, broadcast to the input's shape."""
    return None if weight is None else np.broadcast_to(weight._array, shape)


def binary_cross_entropy(
    input: Tensor,
    target: Tensor,
    weight: Tensor | None = None,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    """Binary cross-entropy of probabilities ``input`` against targets in [0, 1].

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.binary_cross_entropy(torch.tensor([0.5, 0.5]), torch.tensor([1.0, 0.0]))
    tensor(0.6931)
    """
    reduction = _reduction(size_average, reduce, reduction)
    shape = input._array.shape
    if target._array.shape != shape:
        raise messages.error(
            "nn_bce_target_size", target=_shape_list(target._array.shape), input=_shape_list(shape)
        )
    if np.any((input._array < 0) | (input._array > 1)):
        raise messages.error("nn_bce_input_range")
    return ops.binary_cross_entropy(input, target, weight=_weight_array(weight, shape), reduction=reduction)


def binary_cross_entropy_with_logits(
    input: Tensor,
    target: Tensor,
    weight: Tensor | None = None,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
    pos_weight: Tensor | None = None,
) -> Tensor:
    """Binary cross-entropy of scores (logits): ``sigmoid`` and the loss in one stable step.

    ``pos_weight`` weighs the positive targets (one weight per class).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.binary_cross_entropy_with_logits(torch.tensor([0.0]), torch.tensor([1.0]))
    tensor(0.6931)
    """
    reduction = _reduction(size_average, reduce, reduction)
    shape = input._array.shape
    if target._array.shape != shape:
        raise messages.error(
            "nn_bce_logits_target_size", target=_shape_list(target._array.shape), input=_shape_list(shape)
        )
    return ops.binary_cross_entropy_with_logits(
        input,
        target,
        pos_weight=None if pos_weight is None else pos_weight._array,
        weight=_weight_array(weight, shape),
        reduction=reduction,
    )


# -- windows: convolution and pooling ------------------------------------------------------------------------


def _symmetric(padding: Pair) -> tuple[tuple[int, int], tuple[int, int]]:
    top, left = _pair(padding)
    return ((top, top), (left, left))


def unfold(input: Tensor, kernel_size: Pair, dilation: Pair = 1, padding: Pair = 0, stride: Pair = 1) -> Tensor:
    """Every window of a batch of images (N, C, H, W) as a column: (N, C·kh·kw, windows).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.unfold(torch.arange(4.0).reshape(1, 1, 2, 2), 1)
    tensor([[[0., 1., 2., 3.]]])
    """
    window = ops.Window(_pair(kernel_size), _pair(stride), _pair(dilation), _symmetric(padding))
    return ops.unfold(input, window=window)


def fold(
    input: Tensor, output_size: Pair, kernel_size: Pair, dilation: Pair = 1, padding: Pair = 0, stride: Pair = 1
) -> Tensor:
    """The inverse arrangement of :func:`unfold`: columns added back into their windows.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.fold(torch.ones(1, 1, 4), (2, 2), 1)
    tensor([[[[1., 1.],
              [1., 1.]]]])
    """
    window = ops.Window(_pair(kernel_size), _pair(stride), _pair(dilation), _symmetric(padding))
    return ops.fold(input, size=_pair(output_size), window=window)


def _batched(input: Tensor, function: Any) -> Any:
    """``function`` on a batch; an unbatched (C, H, W) input is made a batch of one, as PyTorch does."""
    if input._array.ndim != 3:
        return function(input)
    out = function(unsqueeze(input, 0))
    if isinstance(out, tuple):
        return tuple(squeeze(o, 0) for o in out)
    return squeeze(out, 0)


def _same_padding(kernel: tuple[int, int], dilation: tuple[int, int]) -> tuple[tuple[int, int], ...]:
    """padding='same': the total d·(k − 1) split as evenly as it goes, the extra at the end."""
    totals = [d * (k - 1) for k, d in zip(kernel, dilation, strict=True)]
    return tuple((total // 2, total - total // 2) for total in totals)


def _check_window_fits(window: ops.Window, size: tuple) -> None:
    padded = [n + before + after for n, (before, after) in zip(size, window.padding, strict=True)]
    spans = [d * (k - 1) + 1 for k, d in zip(window.kernel, window.dilation, strict=True)]
    if any(p < s for p, s in zip(padded, spans, strict=True)):
        raise messages.error(
            "nn_kernel_too_big",
            height=padded[0],
            width=padded[1],
            kernel_height=spans[0],
            kernel_width=spans[1],
        )


def conv2d(
    input: Tensor,
    weight: Tensor,
    bias: Tensor | None = None,
    stride: Pair = 1,
    padding: Pair | str = 0,
    dilation: Pair = 1,
    groups: int = 1,
) -> Tensor:
    """2-D convolution (PyTorch's cross-correlation) of images (N, C, H, W) with kernels (O, C/groups, kh, kw).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.conv2d(torch.ones(1, 1, 3, 3), torch.ones(1, 1, 2, 2))
    tensor([[[[4., 4.],
              [4., 4.]]]])
    """
    stride, dilation = _pair(stride), _pair(dilation)
    if weight._array.ndim != 4:
        raise messages.error("nn_conv_weight_dims", count=weight._array.ndim - 2, stride=list(stride))
    kernel = weight._array.shape[2:]
    if padding == "same":
        if stride != (1, 1):
            raise messages.error("nn_same_padding_strided")
        pads = _same_padding(kernel, dilation)
    else:
        pads = ((0, 0), (0, 0)) if padding == "valid" else _symmetric(padding)
    window = ops.Window(kernel, stride, dilation, pads)

    def convolve(images: Tensor) -> Tensor:
        shape = images._array.shape
        expected = weight._array.shape[1] * groups
        if shape[1] != expected:
            raise messages.error(
                "nn_conv_channels",
                groups=groups,
                weight=_shape_list(weight._array.shape),
                input=_shape_list(shape),
                expected=expected,
                got=shape[1],
            )
        _check_window_fits(window, shape[2:])
        return ops.convolution(images, weight, bias, window=window, groups=groups)

    return _batched(input, convolve)


def _pool_window(
    size: tuple, kernel: tuple, stride: tuple, padding: tuple, dilation: tuple, ceil_mode: bool
) -> ops.Window:
    """The pooling windows; with ``ceil_mode`` a last, partial window may reach past the bottom or right edge.

    Like PyTorch, a window must start inside the input or its top/left padding.
    """
    for pad, k, d in zip(padding, kernel, dilation, strict=True):
        if pad > (d * (k - 1) + 1) // 2:
            raise messages.error(
                "nn_pool_padding",
                pad=pad,
                kernel=k,
                dilation=d,
            )
    pads = []
    for n, k, s, pad, d in zip(size, kernel, stride, padding, dilation, strict=True):
        span = n + 2 * pad - d * (k - 1) - 1
        count = (-(-span // s) if ceil_mode else span // s) + 1
        if ceil_mode and (count - 1) * s >= n + pad:
            count -= 1
        needed = (count - 1) * s + d * (k - 1) + 1
        pads.append((pad, max(pad, needed - n - pad)))
    return ops.Window(kernel, stride, dilation, tuple(pads))


def _pool_arguments(
    images: Tensor, kernel_size: Pair, stride: Pair | None, padding: Pair, dilation: Pair, ceil_mode: bool
) -> ops.Window:
    kernel = _pair(kernel_size)
    steps = kernel if stride is None or (not isinstance(stride, int) and len(stride) == 0) else _pair(stride)
    *_, channels, height, width = images._array.shape
    window = _pool_window((height, width), kernel, steps, _pair(padding), _pair(dilation), ceil_mode)
    out = window.out_size((height, width))
    if min(out) <= 0:
        raise messages.error(
            "nn_pool_output_small",
            channels=channels,
            height=height,
            width=width,
            out_height=out[0],
            out_width=out[1],
        )
    return window


def max_pool2d(
    input: Tensor,
    kernel_size: Pair,
    stride: Pair | None = None,
    padding: Pair = 0,
    dilation: Pair = 1,
    ceil_mode: bool = False,
    return_indices: bool = False,
) -> Tensor | tuple[Tensor, Tensor]:
    """The largest value of each window (``stride`` defaults to the window's size).

    With ``return_indices``, also where each came from (an index into the
    flattened H×W plane), as PyTorch gives them.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.max_pool2d(torch.arange(16.0).reshape(1, 1, 4, 4), 2)
    tensor([[[[ 5.,  7.],
              [13., 15.]]]])
    """

    window = _pool_arguments(input, kernel_size, stride, padding, dilation, ceil_mode)
    positions = np.argmax(ops.pooled(input._array, window, -np.inf), axis=-2)
    out = ops.max_pool2d(input, window=window, positions=positions)
    if not return_indices:
        return out
    return out, Tensor._wrap(_flat_indices(positions, window, input._array.shape))


def _flat_indices(positions: np.ndarray, window: ops.Window, shape: tuple) -> np.ndarray:
    """Where each window's max lies in its input plane, as ``row · W + column`` (int64)."""
    oh, ow = window.out_size(shape[-2:])
    (_, kw), (sh, sw), (dh, dw) = window.kernel, window.stride, window.dilation
    (top, _), (left, _) = window.padding
    positions = positions.reshape(*shape[:-2], oh, ow)
    rows = (np.arange(oh) * sh - top).reshape(-1, 1) + (positions // kw) * dh
    columns = (np.arange(ow) * sw - left).reshape(1, -1) + (positions % kw) * dw
    return (rows * shape[-1] + columns).astype(np.int64)


def _avg_divisors(size: tuple, window: ops.Window, count_include_pad: bool, divisor_override: int | None) -> np.ndarray:
    """What each window's sum is divided by: its size, clipped to the padded input (or the override)."""
    oh, ow = window.out_size(size)
    if divisor_override:
        return np.full(oh * ow, float(divisor_override))
    counts = []
    for n, out, k, s, (pad, _) in zip(size, (oh, ow), window.kernel, window.stride, window.padding, strict=True):
        start = np.arange(out) * s - pad
        end = np.minimum(start + k, n + pad)
        if not count_include_pad:
            start, end = np.maximum(start, 0), np.minimum(end, n)
        counts.append(end - start)
    return np.outer(counts[0], counts[1]).reshape(-1).astype(np.float64)


def avg_pool2d(
    input: Tensor,
    kernel_size: Pair,
    stride: Pair | None = None,
    padding: Pair = 0,
    ceil_mode: bool = False,
    count_include_pad: bool = True,
    divisor_override: int | None = None,
) -> Tensor:
    """The mean of each window (``stride`` defaults to the window's size).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.avg_pool2d(torch.arange(16.0).reshape(1, 1, 4, 4), 2)
    tensor([[[[ 2.5000,  4.5000],
              [10.5000, 12.5000]]]])
    """

    window = _pool_arguments(input, kernel_size, stride, padding, 1, ceil_mode)
    divisors = _avg_divisors(input._array.shape[-2:], window, count_include_pad, divisor_override)
    return ops.avg_pool2d(input, window=window, divisors=divisors)


def adaptive_avg_pool2d(input: Tensor, output_size: int | tuple[int | None, int | None]) -> Tensor:
    """The mean of each of ``output_size`` windows that tile the image (``None`` keeps that side's size).

    Output ``i`` averages the input rows ``⌊i·H/out⌋`` up to ``⌈(i+1)·H/out⌉``, as
    in PyTorch; ``output_size=1`` is a global average.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.adaptive_avg_pool2d(torch.arange(16.0).reshape(1, 1, 4, 4), 1)
    tensor([[[[7.5000]]]])
    >>> F.adaptive_avg_pool2d(torch.arange(15.0).reshape(1, 3, 5), (2, 2))
    tensor([[[ 3.5000,  5.5000],
             [ 8.5000, 10.5000]]])
    """
    shape = input._array.shape
    if len(shape) not in (3, 4):
        raise messages.error("nn_adaptive_pool_input", shape=list(shape))
    for dim in range(1, len(shape)) if len(shape) == 4 else range(len(shape)):
        if shape[dim] == 0:
            raise messages.error("nn_adaptive_pool_empty", shape=list(shape), dim=dim)
    wanted = (output_size, output_size) if isinstance(output_size, int) else tuple(output_size)
    out_size = tuple(n if size is None else int(size) for n, size in zip(shape[-2:], wanted, strict=True))
    if out_size == (1, 1):  # PyTorch takes a mean here, so the node is MeanBackward1
        return mean(input, (-1, -2), keepdim=True)
    return ops.adaptive_avg_pool2d(input, out_size=out_size)


# -- batch norm -----------------------------------------------------------------------------------------------


def batch_norm(
    input: Tensor,
    running_mean: Tensor | None,
    running_var: Tensor | None,
    weight: Tensor | None = None,
    bias: Tensor | None = None,
    training: bool = False,
    momentum: float = 0.1,
    eps: float = 1e-5,
) -> Tensor:
    """Normalise each channel (axis 1) to mean 0 and variance 1, then scale by ``weight`` and shift by ``bias``.

    Training uses the batch's statistics and moves the running ones
    towards them by ``momentum`` (the variance unbiased, as in PyTorch);
    otherwise the running statistics are used.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.batch_norm(torch.tensor([[1.0], [3.0]]), None, None, training=True)
    tensor([[-1.0000],
            [ 1.0000]])
    """
    shape = input._array.shape
    channels = shape[1]
    if running_mean is not None and running_mean.numel() != channels:
        raise messages.error("nn_running_stats_size", channels=channels, size=running_mean.numel())
    axes = ops._other_axes(input._array.ndim)
    if training:
        values = input._array.astype(np.float64)
        count = values.size // channels
        if count <= 1:
            raise messages.error("nn_batch_norm_one_value", shape=_shape_list(shape))
        centre = values.mean(axis=axes)
        variance = values.var(axis=axes)
        with no_grad():
            if running_mean is not None:
                _views.write(running_mean, (1 - momentum) * running_mean._array + momentum * centre)
            if running_var is not None:
                unbiased = variance * count / (count - 1)
                _views.write(running_var, (1 - momentum) * running_var._array + momentum * unbiased)
    else:
        centre, variance = running_mean._array.astype(np.float64), running_var._array.astype(np.float64)
    dtype = input._array.dtype
    return ops.batch_norm(
        input,
        weight,
        bias,
        mean=centre.astype(dtype),
        invstd=(1 / np.sqrt(variance + eps)).astype(dtype),
        training=training,
        eps=eps,
    )


# -- labels -----------------------------------------------------------------------------------------------------


def one_hot(tensor: Tensor, num_classes: int = -1) -> Tensor:
    """Class labels as rows of zeros with a 1 at the label (int64).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.one_hot(torch.tensor([0, 2]))
    tensor([[1, 0, 0],
            [0, 0, 1]])
    """
    labels = tensor._array
    if labels.dtype != np.int64:
        raise messages.error("nn_one_hot_dtype")
    if labels.size and labels.min() < 0:
        raise messages.error("nn_one_hot_negative")
    if num_classes == -1:
        num_classes = int(labels.max()) + 1 if labels.size else 0
    if labels.size and labels.max() >= num_classes:
        raise messages.error("nn_one_hot_too_large")
    return Tensor._wrap((labels[..., None] == np.arange(num_classes)).astype(np.int64))
