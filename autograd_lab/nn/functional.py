"""``torch.nn.functional``: layers and losses as functions.

The maths of each op (forward and derivative rules) is its row in the op
table, ``autograd_lab/ops/nn.py``; these functions take PyTorch's
arguments, check them as PyTorch does, and record the same nodes PyTorch
records: where PyTorch composes a function of other ops (``cross_entropy``
is ``log_softmax`` then ``nll_loss``, ``l1_loss`` is ``abs`` then a mean),
so do they.
"""

from __future__ import annotations

import builtins
import functools
import math
import sys
import warnings
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np

from .. import _cpu, _random, _views, messages
from .._dtype import default_float, from_numpy_dtype
from .._grad_mode import is_grad_enabled, no_grad
from ..messages import errors
from ..ops import nn as ops
from ..ops.elementwise import abs as _abs
from ..ops.elementwise import div_scalar, exp, log, minimum, rsqrt, sigmoid, sqrt, tanh, where, xlogy_tensor
from ..ops.elementwise import relu as _relu_op
from ..ops.linalg import addmm, matmul
from ..ops.norms import vector_norm
from ..ops.reduction import log_softmax as _log_softmax
from ..ops.reduction import mean, sum
from ..ops.reduction import softmax as _softmax
from ..ops.shape import expand as _expand
from ..ops.shape import expand_op, reshape, squeeze, t, unsqueeze
from ..tensor import Tensor, as_index

__all__ = [
    "relu", "sigmoid", "tanh", "softmax", "log_softmax", "leaky_relu", "gelu", "dropout", "linear",
    "mse_loss", "l1_loss", "smooth_l1_loss", "huber_loss", "cross_entropy", "nll_loss", "binary_cross_entropy",
    "binary_cross_entropy_with_logits", "conv2d", "max_pool2d", "avg_pool2d", "adaptive_avg_pool2d", "batch_norm",
    "unfold", "fold", "one_hot", "gumbel_softmax",
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
    _check_floating(input, "leaky_relu_cpu")
    if inplace:
        return _views.run_inplace(input, ops.leaky_relu_, negative_slope=negative_slope)
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
    if approximate not in ("none", "tanh"):  # (a typo, 'Tanh', would otherwise pass as 'none')
        raise messages.error("nn_gelu_approximate")
    _check_floating(input, "GeluKernelImpl")
    return ops.gelu(input, approximate=approximate)


def _softmax_dim(name: str, ndim: int, dim: int | None) -> int:
    """PyTorch's implicit dim (deprecated, with a warning): 0 for 0-, 1- and 3-d inputs, else 1."""
    if dim is not None:
        return dim
    messages.warn("nn_softmax_implicit_dim", name=name)
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


def gumbel_softmax(logits: Tensor, tau: float = 1, hard: bool = False, eps: float = 1e-10, dim: int = -1) -> Tensor:
    """A sample of a categorical distribution that gradients pass through: softmax((logits + Gumbel noise) / tau).

    With ``hard``, the sample is one-hot (the largest entry), and the gradient is the soft sample's
    (the straight-through estimator).  The noise is ``-log(Exponential(1))``, drawn as PyTorch draws it.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> _ = torch.manual_seed(0)
    >>> F.gumbel_softmax(torch.tensor([[1.0, 2.0, 3.0]]), tau=0.5, hard=True)
    tensor([[0., 0., 1.]])
    """
    import autograd_lab

    if eps != 1e-10:
        messages.warn("gumbel_softmax_eps")
    gumbels = -autograd_lab.empty_like(logits).exponential_().log()  # ~ Gumbel(0, 1)
    soft = ((logits + gumbels) / tau).softmax(dim)
    if not hard:
        return soft
    index = soft.max(dim, keepdim=True)[1]
    one_hot = autograd_lab.zeros_like(logits).scatter_(dim, index, 1.0)
    return one_hot - soft.detach() + soft  # straight through: the values of one_hot, the gradient of soft


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
        _check_noise_scalable(array)
        kept = _random.bernoulli(array.size, 1 - p, array.dtype, None)  # empty_like(input).bernoulli_(1 - p)
        noise = Tensor._wrap(_random.in_memory_order(array, kept) / array.dtype.type(1 - p))
    return input.mul_(noise) if inplace else input * noise


def _check_noise_scalable(array: np.ndarray) -> None:
    """PyTorch's error for dropout of integers: its mask, in the input's dtype, is divided by 1 − p in place."""
    if array.dtype.kind not in "fc":
        target = errors.scalar_type_name(array.dtype)
        raise messages.error("inplace_cast", result=errors.scalar_type_name(default_float().numpy), target=target)


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
    if not input._array.ndim or not weight._array.ndim:
        raise messages.error("nn_linear_0d", da=input._array.ndim, db=weight._array.ndim)
    if bias is None:
        return matmul(input, t(weight))
    if input._array.ndim == 2:
        _bias_fits(bias, input._array.shape[0], weight)
        return addmm(bias, input, t(weight))
    if input.is_contiguous() and (input._array.ndim == 3 or bias._array.ndim == 1):
        # PyTorch multiplies the rows as one matrix, then views the result back.
        rows = reshape(input, (-1, input._array.shape[-1]))
        _bias_fits(bias, rows._array.shape[0], weight)
        return reshape(addmm(bias, rows, t(weight)), (*input._array.shape[:-1], weight._array.shape[0]))
    # Any other case (a vector and a 0-d bias, an input with gaps): a product, then the bias added in place,
    # in the product's dtype.
    return matmul(input, t(weight)).add_(bias)


def _bias_fits(bias: Tensor, rows: int, weight: Tensor) -> None:
    """PyTorch's addmm stretches the bias to (rows, out features): its error if the bias does not stretch."""
    shape = bias._array.shape
    if len(shape) == 1 and shape[0] == weight._array.shape[0]:
        return  # (the usual bias)
    if len(shape) <= 2 and weight._array.ndim == 2:  # (other ranks: left to the product's own checks)
        _expand(bias, (rows, weight._array.shape[0]))


# -- losses -----------------------------------------------------------------------------------------------


def _reduction(size_average: bool | None, reduce: bool | None, reduction: str) -> str:
    """``reduction``, or what the old ``size_average``/``reduce`` arguments mean (with PyTorch's warning)."""
    if size_average is not None or reduce is not None:
        size_average = True if size_average is None else size_average
        reduce = True if reduce is None else reduce
        reduction = "mean" if size_average and reduce else "sum" if reduce else "none"
        warnings.warn(messages.text("nn_legacy_reduction", reduction=reduction), UserWarning, stacklevel=3)
    elif reduction == "elementwise_mean":  # (old PyTorch's name for "mean")
        warnings.warn(messages.text("nn_elementwise_mean"), UserWarning, stacklevel=3)
        reduction = "mean"
    if reduction not in ("mean", "sum", "none"):
        raise messages.error("invalid_reduction", reduction=reduction)
    return reduction


def _in_common_dtype(input: Tensor, target: Tensor) -> tuple[Tensor, Tensor]:
    """A loss kernel's two tensors in PyTorch's common dtype, the one its kernel computes in.

    Integer targets with float scores give a float32 loss, not NumPy's float64. Only a tensor that
    takes no gradient is converted (PyTorch's kernel converts inside, recording no node).
    """
    if input._array.dtype is target._array.dtype:  # (the usual case, in every training step: nothing to work out)
        return input, target
    from .._info import result_type

    dtype = result_type(input, target)
    converted = [t if t.dtype == dtype or t.requires_grad else t.to(dtype) for t in (input, target)]
    return converted[0], converted[1]


def _require_tensors(function: str, *named: tuple[str, Any], first_position: int = 1) -> None:
    """PyTorch's TypeError for an argument that must be a tensor and is not (``cross_entropy(z, 0)``, a
    list given to a pooling layer), naming the kernel PyTorch names and counting from ``first_position``."""
    for position, (name, value) in enumerate(named, first_position):
        if not isinstance(value, Tensor):
            raise messages.error(
                "tensor_argument_type", function=function, argument=name, position=position,
                type_name=messages.type_name(value),
            )  # fmt: skip


def _require_conv_tensors(function: str, *arguments: Any) -> None:
    """A convolution's input or kernels that are not tensors (a NumPy array not yet converted): PyTorch's
    TypeError, listing the argument types (as ``nn.Conv2d`` passes all seven)."""
    if not (isinstance(arguments[0], Tensor) and isinstance(arguments[1], Tensor)):
        types = ", ".join(messages.type_name(a) if not isinstance(a, Tensor) else type(a).__name__ for a in arguments)
        raise messages.error("nn_conv_invalid_combination", function=function, types=types)


def _require_sizes(input: Tensor, target: Tensor) -> None:
    """An elementwise loss's target (then input) that is not a tensor: PyTorch's Python code asks it for its
    ``size()`` first, and the AttributeError says so."""
    for value in (target, input):
        if isinstance(value, np.ndarray):  # (its size is a number: calling it fails)
            raise messages.error("nn_loss_array_target")
        if not isinstance(value, Tensor):
            raise messages.error("nn_loss_not_tensor", type_name=type(value).__name__)


def _check_target_shape(input: Tensor, target: Tensor) -> None:
    """PyTorch's warning when a loss broadcasts its target against its input (often a mistake)."""
    _require_sizes(input, target)
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


def _common_type_word(input: Tensor, target: Tensor) -> str:
    """PyTorch's name of the dtype two tensors compute in (``Long``, ``Float``): the dtype its kernels name."""
    from .._info import result_type

    return errors.scalar_type_name(result_type(input, target))


def _check_real_loss(input: Tensor, target: Tensor, kernel: str) -> None:
    """PyTorch's error of an elementwise loss kernel when neither tensor is floating (it computes in their
    common dtype: ``mse_loss`` of two int64 tensors fails, of int64 scores and float targets it does not)."""
    if input._array.dtype.kind in "biu" and target._array.dtype.kind in "biu":
        raise messages.error("nn_loss_not_floating", kernel=kernel, dtype_name=_common_type_word(input, target))


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
    if input._array.dtype.kind != "f":
        _check_real_loss(input, target, "mse_cpu")
    return ops.mse_loss(*_in_common_dtype(input, target), reduction=reduction)


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
    if input._array.dtype.kind != "f":
        _check_real_loss(input, target, "smooth_l1_cpu")
    return ops.smooth_l1_loss(*_in_common_dtype(input, target), reduction=reduction, beta=float(beta))


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
    if input._array.dtype.kind in "biu":  # (PyTorch's kernel writes into the input's dtype)
        _check_real_loss(input, target, "huber_cpu")
        raise messages.error(
            "nn_loss_result_cast", result=_common_type_word(input, target), target=_type_word(input)
        )
    return ops.huber_loss(*_in_common_dtype(input, target), reduction=reduction, delta=float(delta))


def _class_targets(input: Tensor, target: Tensor) -> None:
    """PyTorch's checks of class labels against class scores (N, C, d1, ...), in its order.

    Scores (C,) or (N, C) take a 0-d or (N,) target (``nll_loss``); (N, C, H, W) an (N, H, W) one
    (``nll_loss2d``); other ranks are viewed as (N, C, 1, d1·d2·...) once the sizes agree.
    """
    shape, target_shape = input._array.shape, target._array.shape
    ndim = len(shape)
    if not ndim:
        raise messages.error("nn_input_no_dims", ndim=0)
    if ndim > 1 and (not target_shape or shape[0] != target_shape[0]):
        raise messages.error("nn_batch_mismatch", input=shape[0], target=target_shape[0] if target_shape else 0)
    if ndim <= 2:
        if len(target_shape) > 1:
            raise messages.error("nn_multi_target")
        _check_label_dtype(target)
        if ndim == 1 and target_shape and target_shape[0] != 1:
            raise messages.error("nn_1d_target_size", size=target_shape[0])
    elif ndim == 4:
        if len(target_shape) != 3:
            raise messages.error("nn_spatial_target_dims", ndim=len(target_shape))
        _check_label_dtype(target)
        if target_shape[1:] != shape[2:]:
            raise messages.error(
                "nn_spatial_target_size", input=_shape_list(shape), target=_shape_list(target_shape)
            )
    else:
        if target_shape[1:] != shape[2:]:
            raise messages.error(
                "nn_target_size", expected=_shape_list((shape[0], *shape[2:])), got=_shape_list(target_shape)
            )
        _check_label_dtype(target)
    if input._array.dtype.kind in "biu":
        kernel = "nll_loss_out_frame" if ndim <= 2 else "nll_loss2d_forward_out_frame"
        raise messages.error("nn_loss_not_floating", kernel=kernel, dtype_name=_type_word(input))
    if ndim > 2 and target._array.dtype.kind == "u":  # (nll_loss2d takes int64 labels only)
        raise messages.error("nn_spatial_target_byte")


def _check_label_dtype(target: Tensor) -> None:
    """PyTorch's class labels are int64 or uint8: not int32 (``torch.from_numpy`` on Windows), bool or float."""
    dtype = target._array.dtype
    if dtype.itemsize != (8 if dtype.kind == "i" else 1 if dtype.kind == "u" else 0):
        raise messages.error("nn_target_not_long", dtype=_type_word(target))


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
    _require_tensors("nll_loss_nd", ("input", input), ("target", target))
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
    if ndim == 1 and target._array.ndim == 1:  # one sample's scores and a (1,) target: a 0-d loss, as PyTorch's
        target = reshape(target, ())
    if ndim == 1 and reduction == "none":  # (PyTorch's kernel adds one sample's loss to 0: -0.0 comes out +0.0)
        params["reduction"] = "sum"
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
    _require_tensors("cross_entropy_loss", ("input", input), ("target", target))
    reduction = _reduction(size_average, reduce, reduction)
    probabilities = input._array.shape == target._array.shape
    if probabilities and target._array.dtype.kind != "f":  # (PyTorch checks this before its log_softmax)
        raise messages.error("nn_prob_target_not_float", dtype=_type_word(target))
    log_p = _log_softmax(input, 0 if input._array.ndim == 1 else 1)  # (a 0-d input: dimension 1 is out of range)
    if probabilities:
        return _cross_entropy_probabilities(log_p, target, weight, reduction, label_smoothing)
    if label_smoothing > 0:
        return _cross_entropy_smoothed(log_p, target, weight, ignore_index, reduction, label_smoothing)
    return nll_loss(log_p, target, weight, ignore_index=ignore_index, reduction=reduction)


def _weight_array(weight: Tensor | None, shape: tuple, dtype: np.dtype) -> np.ndarray | None:
    """A loss's per-element weight, broadcast to the input's shape and in its dtype, as PyTorch's kernel
    reads it (d2l's word2vec weighs with an int64 mask; the loss stays float32)."""
    return None if weight is None else np.broadcast_to(_as_weight(weight._array, dtype), shape)


def _as_weight(weights: np.ndarray, dtype: np.dtype) -> np.ndarray:
    return weights if weights.dtype == dtype else weights.astype(dtype)


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
    _require_sizes(input, target)
    shape = input._array.shape
    if target._array.shape != shape:
        raise messages.error(
            "nn_bce_target_size", target=_shape_list(target._array.shape), input=_shape_list(shape)
        )
    if target.dtype != input.dtype:
        raise messages.error("nn_bce_target_dtype", found=_type_word(target), expected=_type_word(input))
    if input._array.dtype.kind in "biu":
        raise messages.error("nn_loss_not_floating", kernel="binary_cross_entropy", dtype_name=_type_word(input))
    if not np.all((input._array >= 0) & (input._array <= 1)):  # (a NaN is out of range too, as in PyTorch)
        raise messages.error("nn_bce_input_range")
    if not np.all((target._array >= 0) & (target._array <= 1)):
        raise messages.error("nn_bce_target_range")
    weights = _weight_array(weight, shape, input._array.dtype)
    return ops.binary_cross_entropy(input, target, weight=weights, reduction=reduction)


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
    _require_sizes(input, target)
    shape = input._array.shape
    if target._array.shape != shape:
        raise messages.error(
            "nn_bce_logits_target_size", target=_shape_list(target._array.shape), input=_shape_list(shape)
        )
    if input._array.dtype.kind in "biu":  # (its log_sigmoid of the scores comes first)
        raise messages.error("nn_loss_not_floating", kernel="log_sigmoid_cpu", dtype_name=_type_word(input))
    if not target.dtype.is_floating_point:  # (PyTorch's kernel works in the target's dtype)
        if target._array.dtype == np.bool_:
            raise messages.error("bool_subtraction_both")
        result = _common_type_word(input, target)
        if result != "Float":
            raise messages.error("nn_loss_result_cast", result=result, target=_type_word(target))
        raise messages.error("nn_bce_logits_target_int", target=errors.scalar_type_name(target._array.dtype))
    return ops.binary_cross_entropy_with_logits(
        input,
        target,
        pos_weight=None if pos_weight is None else _as_weight(pos_weight._array, input._array.dtype),
        weight=_weight_array(weight, shape, input._array.dtype),
        reduction=reduction,
    )


# -- windows: convolution and pooling ------------------------------------------------------------------------


def _symmetric(padding: Pair) -> tuple[tuple[int, int], tuple[int, int]]:
    top, left = _pair(padding)
    return ((top, top), (left, left))


def unfold(input: Tensor, kernel_size: Pair, dilation: Pair = 1, padding: Pair = 0, stride: Pair = 1) -> Tensor:
    """Every window of images (N, C, H, W), or of one image (C, H, W), as a column: (N, C·kh·kw, windows).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.unfold(torch.arange(4.0).reshape(1, 1, 2, 2), 1)
    tensor([[[0., 1., 2., 3.]]])
    """
    window = _fold_window(kernel_size, dilation, padding, stride, unfolding=True)
    shape = input._array.shape
    if len(shape) < 3:  # PyTorch reads the size of a dimension the input does not have
        raise messages.error(
            "dim_out_of_range",
            low=-max(len(shape), 1),
            high=max(len(shape), 1) - 1,
            dim=len(shape),
            ndim=len(shape),
            plural="" if len(shape) == 1 else "s",
        )
    if len(shape) not in (3, 4) or 0 in shape[1:]:
        raise messages.error("nn_unfold_dims", shape=_shape_list(shape))
    blocks = window.out_size(shape[-2:])
    if min(blocks) < 1:
        raise messages.error(
            "nn_unfold_blocks",
            size=shape[-2:],
            kernel=window.kernel,
            dilation=window.dilation,
            padding=tuple(p for p, _ in window.padding),
            blocks=blocks,
        )
    _check_fold_dtype(input, "im2col_out_cpu")
    return ops.unfold(input, window=window)


def fold(
    input: Tensor, output_size: Pair, kernel_size: Pair, dilation: Pair = 1, padding: Pair = 0, stride: Pair = 1
) -> Tensor:
    """The inverse of :func:`unfold`: columns (N, C·kh·kw, L) or (C·kh·kw, L) added back into their windows.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.fold(torch.ones(1, 1, 4), (2, 2), 1)
    tensor([[[[1., 1.],
              [1., 1.]]]])
    """
    window = _fold_window(kernel_size, dilation, padding, stride, unfolding=False)
    size = _pair(output_size)
    shape = input._array.shape
    if len(shape) not in (2, 3) or 0 in shape[-2:]:
        raise messages.error("nn_fold_dims", shape=_shape_list(shape))
    kernel = window.kernel
    if shape[-2] % (kernel[0] * kernel[1]):
        raise messages.error("nn_fold_divisible", channels=shape[-2], kernel=kernel)
    blocks = tuple(
        (n + 2 * p - d * (k - 1) - 1) // s + 1
        for n, p, d, k, s in zip(
            size, (p for p, _ in window.padding), window.dilation, kernel, window.stride, strict=True
        )
    )
    described = {
        "size": size,
        "kernel": kernel,
        "dilation": window.dilation,
        "padding": tuple(p for p, _ in window.padding),
        "stride": window.stride,
        "blocks": blocks,
    }
    if shape[-1] != blocks[0] * blocks[1]:
        raise messages.error("nn_fold_blocks", total=blocks[0] * blocks[1], length=shape[-1], **described)
    if min(blocks) < 1:
        raise messages.error("nn_fold_too_small", **described)
    _check_fold_dtype(input, "col2im_out_cpu")
    return ops.fold(input, size=size, window=window)


def _fold_window(
    kernel_size: Pair, dilation: Pair, padding: Pair, stride: Pair, unfolding: bool
) -> ops.Window:
    """The window of fold (col2im) or unfold (im2col), its sizes checked in PyTorch's order."""
    pairs = {}
    for name, value in (
        ("kernel_size", kernel_size),
        ("dilation", dilation),
        ("padding", padding),
        ("stride", stride),
    ):
        pairs[name] = _pair(value)
        if len(pairs[name]) != 2:
            raise messages.error("nn_fold_pair", name=name, size=len(pairs[name]))
    checks = {
        "kernel_size": ("kernel size", "greater than zero", "kernel", 1),
        "dilation": ("dilation", "greater than zero", "dilation", 1),
        "padding": ("padding", "non-negative", "pad", 0),
        "stride": ("stride", "greater than zero", "stride", 1),
    }
    order = (
        ("kernel_size", "dilation", "padding", "stride")
        if unfolding
        else ("kernel_size", "stride", "dilation", "padding")
    )
    for name in order:
        what, condition, key, least = checks[name]
        height, width = pairs[name]
        if height < least or width < least:
            raise messages.error(
                "nn_fold_argument", what=what, condition=condition, key=key, height=height, width=width
            )
    return ops.Window(pairs["kernel_size"], pairs["stride"], pairs["dilation"], _symmetric(pairs["padding"]))


def _check_fold_dtype(input: Tensor, kernel: str) -> None:
    if input._array.dtype.kind != "f":
        raise messages.error(
            "nn_fold_dtype", kernel=kernel, dtype_name=errors.scalar_type_name(input._array.dtype)
        )


def _check_conv_bias(weight_shape: tuple, bias: Tensor | None, transposed: bool = False, groups: int = 1) -> None:
    """PyTorch's refusal of a bias that is not one number per output channel (``torch.rand(1)`` would otherwise
    be added to every channel, broadcast)."""
    if bias is None:
        return
    out = weight_shape[1] * groups if transposed else weight_shape[0]
    if bias._array.ndim != 1 or bias._array.shape[0] != out:
        raise messages.error(
            "nn_conv_bias_shape",
            transposed="transposed=1, " if transposed else "",
            weight=_shape_list(weight_shape),
            out=out,
            bias=_shape_list(bias._array.shape),
        )


def _check_conv_dtypes(input: Tensor, weight: Tensor, bias: Tensor | None, transposed: bool = False) -> None:
    """PyTorch's refusal of an input whose dtype is not its weights' (a uint8 image from read_image): with a
    bias, a convolution compares the input with it; without (and a transposed one always), with the weights."""
    dtype = input._array.dtype
    if bias is not None and not transposed and dtype != bias._array.dtype:
        raise messages.error(
            "nn_conv_input_bias_dtype",
            input=errors.c_type_name(dtype),
            bias=errors.c_type_name(bias._array.dtype),
        )
    if dtype != weight._array.dtype:
        # (float16 goes to oneDNN on a CPU with half-precision instructions, and oneDNN words it so)
        if (dtype == np.float16 or weight._array.dtype == np.float16) and _cpu.onednn_takes_float16():
            raise messages.error(
                "nn_conv_input_weight_type",
                input=from_numpy_dtype(dtype).legacy_type,
                weight=from_numpy_dtype(weight._array.dtype).legacy_type,
            )
        raise messages.error(
            "nn_conv_input_weight_dtype",
            input=errors.scalar_type_name(dtype),
            weight=errors.scalar_type_name(weight._array.dtype),
        )


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
    _require_conv_tensors("conv2d", input, weight, bias, stride, padding, dilation, groups)
    stride, dilation = _pair(stride), _pair(dilation)
    if input._array.ndim not in (3, 4):  # (a single image without its channel axis, most often)
        raise messages.error("nn_conv2d_input_dims", shape=_shape_list(input._array.shape))
    if weight._array.ndim != 4:
        raise messages.error("nn_conv_weight_dims", count=weight._array.ndim - 2, stride=list(stride))
    if min(stride) <= 0:
        raise messages.error("nn_conv_stride_positive")
    kernel = weight._array.shape[2:]
    if isinstance(padding, str) and padding not in ("same", "valid"):
        raise messages.error("nn_conv_padding_string", padding=padding)
    if padding == "same":
        if stride != (1, 1):
            raise messages.error("nn_same_padding_strided")
        _volumes.warn_if_same_padding_copies(padding, kernel, dilation)
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
        _check_conv_bias(weight._array.shape, bias)
        _check_window_fits(window, shape[2:])
        _check_conv_dtypes(images, weight, bias)
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
    if 0 in steps:  # PyTorch checks the stride first (a kernel of 0 is the default stride's 0 too)
        raise messages.error("nn_pool_zero_stride")
    if min(kernel) <= 0:
        raise messages.error("nn_pool_zero_kernel", height=kernel[0], width=kernel[1])
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

    _require_tensors("max_pool2d", ("input", input))
    if input._array.ndim not in (3, 4) or input._array.size == 0:
        raise messages.error("nn_max_pool2d_input_dims")
    window = _pool_arguments(input, kernel_size, stride, padding, dilation, ceil_mode)
    if input._array.dtype.kind == "b":
        raise messages.error("nn_max_pool_dtype", kernel="max_pool2d", dtype_name="Bool")
    positions = ops.max_pool_positions(input._array, window)
    out = ops.max_pool2d(input, window=window, positions=positions)
    if not return_indices:
        return out
    return out, Tensor._wrap(ops.laid_out_as(_flat_indices(positions, window, input._array.shape), input._array))


def _flat_indices(positions: np.ndarray, window: ops.Window, shape: tuple) -> np.ndarray:
    """Where each window's max lies in its input plane, as ``row · W + column`` (int64)."""
    oh, ow = window.out_size(shape[-2:])
    (_, kw), (sh, sw), (dh, dw) = window.kernel, window.stride, window.dilation
    (top, _), (left, _) = window.padding
    positions = positions.astype(np.int64).reshape(*shape[:-2], oh, ow)
    rows = (np.arange(oh) * sh - top).reshape(-1, 1) + (positions // kw) * dh
    columns = (np.arange(ow) * sw - left).reshape(1, -1) + (positions % kw) * dw
    return (rows * shape[-1] + columns).astype(np.int64)


def _avg_divisors(size: tuple, window: ops.Window, count_include_pad: bool, divisor_override: int | None) -> np.ndarray:
    """What each window's sum is divided by: its size, clipped to the padded input (or the override)."""
    outs = window.out_size(size)
    if divisor_override:
        return np.full(math.prod(outs), float(divisor_override))
    counts = []
    for n, out, k, s, (pad, _) in zip(size, outs, window.kernel, window.stride, window.padding, strict=True):
        start = np.arange(out) * s - pad
        end = np.minimum(start + k, n + pad)
        if not count_include_pad:
            start, end = np.maximum(start, 0), np.minimum(end, n)
        counts.append(end - start)
    return functools.reduce(np.multiply.outer, counts).reshape(-1).astype(np.float64)


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

    if input._array.dtype.kind != "f" and input._array.dtype != np.int64:
        raise messages.error(
            "avg_pool_dtype", kernel="avg_pool2d", dtype_name=errors.scalar_type_name(input._array.dtype)
        )
    if input._array.ndim < 3:  # PyTorch reads the channels at dimension -3 first
        raise errors.dim_out_of_range(-3, input._array.ndim)
    if input._array.ndim > 4:
        raise messages.error("nn_avg_pool2d_input_dims", shape=_shape_list(input._array.shape))
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
    wanted = (output_size, output_size) if isinstance(output_size, int) else tuple(output_size)
    if len(shape) < 2:  # (PyTorch's mean for a 1×1 output asks for dimension -2 first)
        if wanted == (1, 1):
            raise errors.dim_out_of_range(-2, len(shape))
        raise messages.error("nn_adaptive_pool_input", shape=list(shape))
    out_size = tuple(n if size is None else int(size) for n, size in zip(shape[-2:], wanted, strict=True))
    if out_size == (1, 1):
        # PyTorch takes a mean here (the node is MeanBackward1), before it looks at the rank
        return mean(input, (-1, -2), keepdim=True)
    if len(shape) not in (3, 4):
        raise messages.error("nn_adaptive_pool_input", shape=list(shape))
    for dim in range(1, len(shape)) if len(shape) == 4 else range(len(shape)):
        if shape[dim] == 0:
            raise messages.error("nn_adaptive_pool_empty", shape=list(shape), dim=dim)
    if input._array.dtype.kind not in "fc" and 0 not in out_size:
        raise messages.error(
            "nn_adaptive_avg_pool_dtype", kernel="adaptive_avg_pool2d", dtype_name=errors.scalar_type_name(input._array.dtype)
        )
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
    if training and input._array.size // shape[1] <= 1:  # (PyTorch's Python check: torch.batch_norm computes)
        raise messages.error("nn_batch_norm_one_value", shape=_shape_list(shape))
    return _batch_norm(input, running_mean, running_var, weight, bias, training, momentum, eps)


def _batch_norm(
    input: Tensor,
    running_mean: Tensor | None,
    running_var: Tensor | None,
    weight: Tensor | None,
    bias: Tensor | None,
    training: bool,
    momentum: float,
    eps: float,
) -> Tensor:
    """:func:`batch_norm` without its check of the batch (ATen's operator, ``torch.batch_norm``, has none)."""
    channels = input._array.shape[1]
    if running_mean is not None and running_mean.numel() != channels:
        raise messages.error("nn_running_stats_size", channels=channels, size=running_mean.numel())
    dtype = input._array.dtype
    if dtype.kind != "f":
        raise messages.error("nn_batch_norm_dtype", dtype_name=errors.scalar_type_name(dtype))
    for parameter in (weight, bias, running_mean, running_var):
        if parameter is not None and parameter._array.dtype != dtype:
            _mixed_batch_norm_dtypes(input, (weight, bias, running_mean, running_var))
            break
    return _normalized_batch(input, running_mean, running_var, weight, bias, training, momentum, eps)


def _normalized_batch(
    input: Tensor,
    running_mean: Tensor | None,
    running_var: Tensor | None,
    weight: Tensor | None,
    bias: Tensor | None,
    training: bool,
    momentum: float,
    eps: float,
) -> Tensor:
    """:func:`_batch_norm` after its checks (instance norm checks its own dtypes, PyTorch's way for it)."""
    channels, dtype = input._array.shape[1], input._array.dtype
    if training:
        count = input._array.size // channels
        mean, invstd, squares = _batch_statistics(input._array, eps)
        with no_grad():
            if running_mean is not None:
                _views.write(running_mean, _moved_towards(running_mean._array, mean, momentum))
            if running_var is not None:
                unbiased = (squares / dtype.type(count - 1)).astype(dtype)
                _views.write(running_var, _moved_towards(running_var._array, unbiased, momentum, wide=True))
    else:
        mean = running_mean._array.astype(dtype)
        invstd = (1 / np.sqrt(running_var._array.astype(dtype) + dtype.type(eps))).astype(dtype)
    return ops.batch_norm(input, weight, bias, mean=mean, invstd=invstd, training=training, eps=eps)


def _mixed_batch_norm_dtypes(input: Tensor, parameters: tuple) -> None:
    """PyTorch's CPU batch norm when a parameter or running statistic has another dtype than the input.

    Read off PyTorch 2.13: the first one given sets the parameters' dtype. If it is the input's, a later
    other one fails the kernel's scalar type check; if all are float32, a float16/bfloat16 input computes
    (mixed precision) and any other input fails "all inputs must share"; otherwise the mixed-dtype check
    asks for float32 parameters.
    """
    given = [parameter for parameter in parameters if parameter is not None]
    if given[0].dtype == input.dtype:
        other = next(parameter for parameter in given if parameter.dtype != input.dtype)
        raise messages.error("nn_norm_scalar_type", expected=_type_word(input), found=_type_word(other))
    if all(parameter._array.dtype == np.float32 for parameter in given):
        if input._array.dtype == np.float16:
            return
        raise messages.error("nn_norm_all_same_dtype")
    raise messages.error("nn_norm_mixed_dtype", dtype="Float")


def _moved_towards(running: np.ndarray, batch: np.ndarray, momentum: float, wide: bool = False) -> np.ndarray:
    """m · batch + (1 − m) · running, rounded as PyTorch's update_stats rounds it: m in the statistic's dtype,
    each product in it; the variance (``wide``) is held in double there, so its product and the sum are too."""
    kind = running.dtype.type
    m, kept = kind(momentum), kind(1) - kind(momentum)
    if not wide:
        return (m * batch.astype(running.dtype) + kept * running).astype(running.dtype)
    return (np.float64(m) * batch.astype(np.float64) + (kept * running).astype(np.float64)).astype(running.dtype)


def _batch_statistics(array: np.ndarray, eps: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each channel's mean, 1/√(var + eps) and sum of squared deviations, rounded as PyTorch's CPU kernel
    rounds them (one thread).

    An (N, C) batch (or N×C×1×1) is summed row after row into a buffer of the
    input's dtype, the variance's squares added with one rounding each (a
    fused multiply-add); a batch of images channel by channel in double.  The
    mean is the sum over N rounded to the dtype; 1/σ comes from the variance
    sum divided by N in the dtype, then in double.
    """
    dtype = array.dtype
    channels = array.shape[1]
    count = array.size // channels
    if array.size == array.shape[0] * channels:  # PyTorch's channels-last path
        rows = array.reshape(-1, channels)
        mean = (np.cumsum(rows, axis=0, dtype=dtype)[-1].astype(np.float64) / count).astype(dtype)
        squares = np.zeros(channels, dtype)
        for row in rows - mean:
            squares = (squares + row.astype(np.float64) * row).astype(dtype)
    else:
        planes = array.reshape(array.shape[0], channels, -1)  # (a view: no copy of the batch)
        mean = (planes.sum(axis=(0, 2), dtype=np.float64) / count).astype(dtype)
        centred = planes - mean[:, None]
        squares = (centred * centred).sum(axis=(0, 2), dtype=np.float64).astype(dtype)
    variance = (squares / dtype.type(count)).astype(dtype)
    return mean, (1 / np.sqrt(variance.astype(np.float64) + eps)).astype(dtype), squares


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


# == nn_d: more activations ======================================================================================

__all__ += [
    "elu", "selu", "celu", "silu", "mish", "softplus", "hardtanh", "relu6", "softsign", "tanhshrink",
    "threshold", "prelu", "logsigmoid", "softmin", "hardsigmoid", "hardswish", "hardshrink", "softshrink", "glu",
]  # fmt: skip

_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946


def _type_word(tensor: Tensor) -> str:
    """PyTorch's scalar type name in messages: ``Float``, ``Double``, ``Long``."""
    return tensor.dtype.legacy_type[len("torch.") : -len("Tensor")]


def _maybe_inplace(input: Tensor, inplace: bool, op: Any, **params: Any) -> Tensor:
    """``op(input, **params)``, or its in-place row (``elu_``, recorded as PyTorch's ``EluBackward1``) if it has one."""
    if not inplace:
        return op(input, **params)
    return _views.run_inplace(input, getattr(ops, f"{op.name}_", op), **params)


def _check_floating(input: Tensor, kernel: str) -> None:
    """ATen's error for a kernel with floating-point forms only, given integers or booleans."""
    array = input._array
    if array.dtype.kind not in "fc":
        raise messages.error("activation_not_floating", kernel=kernel, dtype_name=errors.scalar_type_name(array.dtype))


def elu(input: Tensor, alpha: float = 1.0, inplace: bool = False) -> Tensor:
    """x for x > 0, ``alpha · (eˣ − 1)`` otherwise.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.elu(torch.tensor([-1.0, 2.0]))
    tensor([-0.6321,  2.0000])
    """
    _check_floating(input, "elu_cpu")
    return _maybe_inplace(input, inplace, ops.elu, alpha=alpha, scale=1.0, input_scale=1.0)


def selu(input: Tensor, inplace: bool = False) -> Tensor:
    """``scale · elu(x, alpha)`` with the self-normalising constants α ≈ 1.6733, scale ≈ 1.0507.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.selu(torch.tensor([-1.0, 2.0]))
    tensor([-1.1113,  2.1014])
    """
    _check_floating(input, "elu_cpu")
    return _maybe_inplace(input, inplace, ops.elu, alpha=_SELU_ALPHA, scale=_SELU_SCALE, input_scale=1.0)


def celu(input: Tensor, alpha: float = 1.0, inplace: bool = False) -> Tensor:
    """x for x > 0, ``alpha · (e^(x/alpha) − 1)`` otherwise.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.celu(torch.tensor([-1.0, 2.0]), alpha=2.0)
    tensor([-0.7869,  2.0000])
    """
    _check_floating(input, "elu_cpu")
    return _maybe_inplace(input, inplace, ops.celu, alpha=alpha)


def silu(input: Tensor, inplace: bool = False) -> Tensor:
    """``x · sigmoid(x)`` (also called swish).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.silu(torch.tensor([-1.0, 2.0]))
    tensor([-0.2689,  1.7616])
    """
    _check_floating(input, "silu_cpu")
    return _maybe_inplace(input, inplace, ops.silu)


def mish(input: Tensor, inplace: bool = False) -> Tensor:
    """``x · tanh(softplus(x))``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.mish(torch.tensor([-1.0, 2.0]))
    tensor([-0.3034,  1.9440])
    """
    _check_floating(input, "mish_cpu")
    return _maybe_inplace(input, inplace, ops.mish)


def softplus(input: Tensor, beta: float = 1.0, threshold: float = 20.0) -> Tensor:
    """``log(1 + e^(beta·x)) / beta``, a smooth ReLU; x itself where ``beta·x > threshold``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.softplus(torch.tensor([-1.0, 0.0, 30.0]))
    tensor([ 0.3133,  0.6931, 30.0000])
    """
    _check_floating(input, "softplus_cpu")
    return ops.softplus(input, beta=beta, threshold=threshold)


def hardtanh(input: Tensor, min_val: float = -1.0, max_val: float = 1.0, inplace: bool = False) -> Tensor:
    """x clipped into ``[min_val, max_val]``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.hardtanh(torch.tensor([-2.0, 0.5, 2.0]))
    tensor([-1.0000,  0.5000,  1.0000])
    """
    if min_val > max_val:
        raise messages.error("nn_hardtanh_bounds")
    if input._array.dtype.kind == "b":
        raise messages.error("nn_hardtanh_bool")
    return _maybe_inplace(input, inplace, ops.hardtanh, min_val=min_val, max_val=max_val)


def relu6(input: Tensor, inplace: bool = False) -> Tensor:
    """``min(max(x, 0), 6)``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.relu6(torch.tensor([-2.0, 3.0, 8.0]))
    tensor([0., 3., 6.])
    """
    return hardtanh(input, 0.0, 6.0, inplace)


def hardsigmoid(input: Tensor, inplace: bool = False) -> Tensor:
    """``relu6(x + 3) / 6``: 0 below −3, 1 above 3, a straight line between.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.hardsigmoid(torch.tensor([-4.0, 0.0, 1.5, 4.0]))
    tensor([0.0000, 0.5000, 0.7500, 1.0000])
    """
    return _maybe_inplace(input, inplace, ops.hardsigmoid)


def hardswish(input: Tensor, inplace: bool = False) -> Tensor:
    """``x · relu6(x + 3) / 6`` (MobileNetV3's activation).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.hardswish(torch.tensor([-4.0, -1.5, 1.0, 4.0]))
    tensor([-0.0000, -0.3750,  0.6667,  4.0000])
    """
    return _maybe_inplace(input, inplace, ops.hardswish)


def hardshrink(input: Tensor, lambd: float = 0.5) -> Tensor:
    """x, or 0 where ``−lambd ≤ x ≤ lambd``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.hardshrink(torch.tensor([-1.0, 0.3, 2.0]))
    tensor([-1.,  0.,  2.])
    """
    return ops.hardshrink(input, lambd=lambd)


def softshrink(input: Tensor, lambd: float = 0.5) -> Tensor:
    """x moved ``lambd`` towards 0, and 0 where ``−lambd ≤ x ≤ lambd``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.softshrink(torch.tensor([-1.0, 0.3, 2.0]))
    tensor([-0.5000,  0.0000,  1.5000])
    """
    return ops.softshrink(input, lambd=lambd)


def glu(input: Tensor, dim: int = -1) -> Tensor:
    """The gated linear unit: ``a · sigmoid(b)``, a and b the two halves of ``input`` along ``dim``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.glu(torch.tensor([1.0, 2.0, 0.0, 100.0]))
    tensor([0.5000, 2.0000])
    """
    _check_floating(input, "glu_cpu")
    return ops.glu(input, dim=dim)


def softsign(input: Tensor) -> Tensor:
    """``x / (1 + |x|)``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.softsign(torch.tensor([-1.0, 3.0]))
    tensor([-0.5000,  0.7500])
    """
    return input / (_abs(input) + 1)


def tanhshrink(input: Tensor) -> Tensor:
    """``x − tanh(x)``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.tanhshrink(torch.tensor([-1.0, 2.0]))
    tensor([-0.2384,  1.0360])
    """
    return input - tanh(input)


def threshold(input: Tensor, threshold: float, value: float, inplace: bool = False) -> Tensor:
    """x where ``x > threshold``, ``value`` elsewhere.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.threshold(torch.tensor([-1.0, 0.5, 2.0]), 1.0, 0.0)
    tensor([0., 0., 2.])
    """
    return _maybe_inplace(input, inplace, ops.threshold, threshold=threshold, value=value)


def prelu(input: Tensor, weight: Tensor) -> Tensor:
    """x for x > 0, ``weight · x`` otherwise: a leaky ReLU whose slope is learnt (one, or one per channel).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.prelu(torch.tensor([[-1.0, 2.0]]), torch.tensor([0.25]))
    tensor([[-0.2500,  2.0000]])
    """
    return _prelu(input, weight)


def _prelu(input: Tensor, weight: Tensor, first_position: int = 1) -> Tensor:
    """``prelu``, with PyTorch's TypeError for a slope (or an input) that is not a tensor: the arguments
    are counted from ``first_position`` (a method counts the ones after its tensor, from 0)."""
    _require_tensors("prelu", ("input", input), ("weight", weight), first_position=first_position)
    shape = input._array.shape
    count = weight.numel()
    channels = shape[1] if len(shape) >= 2 else 1
    if count != 1 and count != channels:
        raise messages.error("nn_prelu_channels", count=count, channels=channels)
    if input.dtype != weight.dtype:
        raise messages.error("nn_prelu_dtypes", input=_type_word(input), weight=_type_word(weight))
    if len(shape) >= 2:
        weight = reshape(weight, tuple(count if i == 1 else 1 for i in range(len(shape))))
    return ops.prelu(input, weight)


def logsigmoid(input: Tensor) -> Tensor:
    """``log(sigmoid(x))``, computed without overflow.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.logsigmoid(torch.tensor([-1.0, 2.0]))
    tensor([-1.3133, -0.1269])
    """
    _check_floating(input, "log_sigmoid_cpu")
    return ops.log_sigmoid(input)


def softmin(input: Tensor, dim: int | None = None, _stacklevel: int = 3, dtype: Any = None) -> Tensor:
    """``softmax(−x)`` along ``dim``: the smallest values get the largest weights.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.softmin(torch.tensor([[0.0, 1.0]]), dim=1)
    tensor([[0.7311, 0.2689]])
    """
    input = input if dtype is None else input.to(dtype)
    return _softmax(-input, _softmax_dim("softmin", input.dim(), dim))


# == nn_d: layer norm and group norm ===============================================================================

__all__ += ["layer_norm", "group_norm"]


def _check_norm_parameter(name: str, parameter: Tensor | None, input: Tensor, shape: tuple) -> None:
    """A norm's weight or bias: of ``shape`` and of the input's dtype, as PyTorch checks them."""
    if parameter is None:
        return
    if parameter._array.shape != shape:
        raise messages.error(
            "nn_layer_norm_parameter", name=name, shape=_shape_list(parameter._array.shape), expected=_shape_list(shape)
        )


def _check_norm_dtypes(input: Tensor, weight: Tensor | None, bias: Tensor | None) -> None:
    """A norm's weight and bias of another dtype than the input: PyTorch's error, as for batch norm."""
    dtype = input._array.dtype
    if (weight is not None and weight._array.dtype != dtype) or (bias is not None and bias._array.dtype != dtype):
        _mixed_batch_norm_dtypes(input, (weight, bias))


def layer_norm(
    input: Tensor,
    normalized_shape: Sequence[int],
    weight: Tensor | None = None,
    bias: Tensor | None = None,
    eps: float = 1e-5,
) -> Tensor:
    """Normalise over the last dimensions (``normalized_shape``) to mean 0 and variance 1, then scale and shift.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.layer_norm(torch.tensor([[1.0, 3.0], [2.0, 2.0]]), (2,))
    tensor([[-1.0000,  1.0000],
            [ 0.0000,  0.0000]])
    """
    if isinstance(normalized_shape, (int, np.integer)):
        raise messages.error("nn_layer_norm_shape_type", type_name=type(normalized_shape).__name__)
    shape = tuple(int(n) for n in normalized_shape)
    size = input._array.shape
    if not shape:
        raise messages.error("nn_layer_norm_empty_shape")
    if size[len(size) - len(shape) :] != shape or len(shape) > len(size):
        raise messages.error(
            "nn_layer_norm_shape",
            shape=_shape_list(shape),
            expected=_shape_list(("*", *shape)),
            size=_shape_list(size),
        )
    _check_norm_parameter("weight", weight, input, shape)
    _check_norm_parameter("bias", bias, input, shape)
    _check_norm_dtypes(input, weight, bias)
    return ops.layer_norm(input, weight, bias, dims=len(shape), eps=eps)


def group_norm(
    input: Tensor, num_groups: int, weight: Tensor | None = None, bias: Tensor | None = None, eps: float = 1e-5
) -> Tensor:
    """Normalise each group of channels (of each example) to mean 0 and variance 1, then scale and shift per channel.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.group_norm(torch.tensor([[1.0, 3.0, 5.0, 5.0]]), 2)
    tensor([[-1.0000,  1.0000,  0.0000,  0.0000]])
    """
    size = input._array.shape
    if len(size) < 2:
        raise messages.error("nn_group_norm_dims", ndim=len(size))
    channels = size[1]
    if channels % num_groups:
        raise messages.error("nn_group_norm_groups", shape=_shape_list(size), groups=num_groups)
    for name, parameter in (("weight", weight), ("bias", bias)):
        if parameter is not None and parameter._array.shape != (channels,):
            shown = (0,) if weight is None else weight._array.shape  # PyTorch shows the weight's shape for both
            raise messages.error(
                "nn_group_norm_parameter", name=name, shape=_shape_list(shown), input=_shape_list(size)
            )
    _check_norm_dtypes(input, weight, bias)
    return ops.group_norm(input, weight, bias, groups=num_groups, eps=eps)


# == nn_d: embedding ===============================================================================================

__all__ += ["embedding"]


def _padding_index(padding_idx: int | None, rows: int) -> int:
    """``padding_idx`` as a row number (a negative one counts from the end), or -1 for none, as PyTorch keeps it."""
    if padding_idx is None:
        return -1
    if not -rows <= padding_idx < rows:
        raise messages.error("nn_padding_idx")
    return padding_idx % rows


def _renorm_rows(weight: Tensor, indices: np.ndarray, max_norm: float, norm_type: float) -> None:
    """PyTorch's ``embedding_renorm_``: each looked-up row longer than ``max_norm`` scaled back to it, in place."""
    values = weight._array.copy()
    rows = np.unique(indices)
    norms = np.linalg.norm(values[rows].astype(np.float64), ord=norm_type, axis=1)
    long = norms > max_norm
    values[rows[long]] *= (max_norm / (norms[long] + 1e-7))[:, None].astype(values.dtype)
    with no_grad():
        _views.write(weight, values)


def embedding(
    input: Tensor,
    weight: Tensor,
    padding_idx: int | None = None,
    max_norm: float | None = None,
    norm_type: float = 2.0,
    scale_grad_by_freq: bool = False,
    sparse: bool = False,
) -> Tensor:
    """Look up rows of ``weight`` by index: ``weight[input]``; the ``padding_idx`` row gets no gradient.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.embedding(torch.tensor([2, 0]), torch.tensor([[0.0, 1.0], [2.0, 3.0], [4.0, 5.0]]))
    tensor([[4., 5.],
            [0., 1.]])
    """
    if not isinstance(weight, Tensor):  # (PyTorch's embedding takes the weight first)
        raise messages.error("nn_embedding_not_tensor", argument="weight", position=1, type_name=messages.type_name(weight))
    if not isinstance(input, Tensor):
        raise messages.error("nn_embedding_not_tensor", argument="indices", position=2, type_name=messages.type_name(input))
    indices = input._array
    if indices.dtype not in (np.int64, np.int32):
        raise messages.error("nn_embedding_indices", type_name=input.type())
    if weight._array.ndim != 2:
        raise messages.error("nn_embedding_weight_dims")
    rows = weight._array.shape[0]
    padding = _padding_index(padding_idx, rows)
    if indices.size and (indices.min() < 0 or indices.max() >= rows):
        raise messages.error("nn_embedding_index")
    if max_norm is not None:
        _renorm_rows(weight, indices, max_norm, norm_type)
    return ops.embedding(weight, indices=indices.astype(np.int64), padding_idx=padding, scale_grad_by_freq=scale_grad_by_freq)


# == nn_d: padding =================================================================================================

__all__ += ["pad"]

_INDEX_PAD_POSITIONS = {"reflect": ops._reflect_positions, "replicate": ops._replicate_positions}


def _check_reflect_sizes(shape: tuple, pairs: list[tuple[int, int]]) -> None:
    """PyTorch's check that a reflection stays inside the input: each pad smaller than its dimension."""
    for k, (before, after) in enumerate(reversed(pairs)):
        axis = len(shape) - 1 - k
        if before >= shape[axis] or after >= shape[axis]:
            raise messages.error(
                "nn_reflect_pad_size",
                argument=4 + 2 * k,
                before=before,
                after=after,
                axis=axis,
                shape=_shape_list(shape),
            )


def pad(input: Tensor, pad: Sequence[int], mode: str = "constant", value: float | None = None) -> Tensor:
    """Pad the last dimensions: ``pad = (left, right)`` for the last, then ``(top, bottom)`` for the one before ...

    ``mode='constant'`` fills with ``value`` (0 by default; a negative pad
    cuts); ``'reflect'`` mirrors the values at the edges, ``'replicate'``
    repeats the edge values (for the last 1, 2 or 3 dimensions of a batch).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.pad(torch.tensor([[1.0, 2.0]]), (1, 2))
    tensor([[0., 1., 2., 0., 0.]])
    >>> F.pad(torch.tensor([[1.0, 2.0, 3.0]]), (2, 1), mode="reflect")
    tensor([[3., 2., 1., 2., 3., 2.]])
    """
    if isinstance(pad, Tensor):  # (a tensor of widths is not a tuple to PyTorch's parser)
        raise messages.error("nn_pad_not_tuple", type_name="Tensor")
    pad = [as_index(width) for width in pad]  # (a 0-d integer tensor is read as its number, as in PyTorch)
    for position, width in enumerate(pad):
        if not isinstance(width, (int, np.integer)) or isinstance(width, bool):
            raise messages.error("nn_pad_not_ints", type_name=type(width).__name__, position=position)
    pad = tuple(int(p) for p in pad)
    shape = input._array.shape
    if len(pad) % 2:
        raise messages.error("nn_pad_odd")
    if len(pad) // 2 > len(shape):
        raise messages.error("nn_pad_too_long", length=len(pad), ndim=len(shape))
    pairs = ops._pad_pairs(pad, len(shape))
    if mode == "constant":
        if any(n + before + after < 0 for n, (before, after) in zip(shape, pairs, strict=True)):
            raise messages.error("nn_pad_negative_size")
        return ops.constant_pad_nd(input, pad=pad, value=0.0 if value is None else value)
    if mode not in ("reflect", "replicate", "circular"):
        raise messages.error("nn_pad_mode", mode=mode)
    if value is not None and value != 0:
        raise messages.error("nn_pad_mode_value", mode=mode)
    dims = len(pad) // 2
    if not dims + 1 <= len(shape) <= dims + 2:
        raise messages.error("nn_pad_unsupported", size=len(pad), ndim=len(shape))
    if mode == "circular":
        return _pad_circular(input, pad)
    padded = pairs[len(shape) - dims :]
    if 0 in shape[len(shape) - dims - 1 :]:
        raise messages.error("nn_pad_empty", dims=_pad_dims_words(dims), shape=_shape_list(shape))
    if mode == "reflect":
        _check_reflect_sizes(shape, padded)
    if dims == 1 and shape[-1] + sum(padded[0]) < 1:
        raise messages.error("nn_pad_output_small", width=shape[-1], out=shape[-1] + sum(padded[0]))
    positions = tuple(
        _INDEX_PAD_POSITIONS[mode](n, before, after)
        for n, (before, after) in zip(shape[len(shape) - dims :], padded, strict=True)
    )
    return ops.INDEX_PADS[mode, dims](input, positions=positions)


def _pad_circular(input: Tensor, pad: tuple[int, ...]) -> Tensor:
    """Wrap the last ``len(pad) // 2`` dimensions around, as PyTorch's ``_pad_circular`` (PadNd.cpp) does.

    The input is copied into the middle of a new tensor, then each side is
    copied from the far end of the result, one dimension after another
    (corners are written again), so the graph holds PyTorch's CopySlices
    nodes.  A negative pad cuts.
    """
    shape = input._array.shape
    dims, total = len(pad) // 2, len(shape)
    spatial = range(total - dims, total)
    sides = {total - 1 - i: (pad[2 * i], pad[2 * i + 1]) for i in range(dims)}  # the last dimension first
    out_shape = list(shape)
    for dim in spatial:
        before, after = sides[dim]
        out_shape[dim] = shape[dim] + before + after
        if before > shape[dim] or after > shape[dim]:
            raise messages.error("nn_pad_circular_wraps")
        if out_shape[dim] < 0:
            raise messages.error("nn_pad_circular_empty")

    def part(tensor: Tensor, dim: int, start: int, stop: int) -> Tensor:
        return tensor.narrow(dim, start, stop - start)

    out = input.new_empty(tuple(out_shape))
    out_part, in_part = out, input
    for dim, (before, after) in sides.items():
        out_part = part(out_part, dim, max(before, 0), out_shape[dim] - max(after, 0))
        in_part = part(in_part, dim, max(-before, 0), shape[dim] - max(-after, 0))
    out_part.copy_(in_part)
    for dim, (before, after) in sides.items():
        end = out_shape[dim]
        if before > 0:
            part(out, dim, 0, before).copy_(part(out, dim, end - before - max(after, 0), end - max(after, 0)))
        if after > 0:
            part(out, dim, end - after, end).copy_(part(out, dim, max(before, 0), max(before, 0) + after))
    return out


def _pad_dims_words(dims: int) -> str:
    return {1: "2D or 3D", 2: "3D or 4D", 3: "4D or 5D"}[dims]


# == nn_d: normalize and distances =================================================================================

__all__ += ["normalize", "cosine_similarity", "pairwise_distance"]


def normalize(input: Tensor, p: float = 2.0, dim: int = 1, eps: float = 1e-12, out: Tensor | None = None) -> Tensor:
    """Divide by the ``p``-norm along ``dim`` (at least ``eps``), so each slice has length 1.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.normalize(torch.tensor([[3.0, 4.0]]))
    tensor([[0.6000, 0.8000]])
    """
    denom = ops.clamp_min(vector_norm(input, p, dim, keepdim=True), min=eps).expand_as(input)
    result = input / denom
    if out is None:
        return result
    with no_grad():
        return _views.write(out, result._array)


def cosine_similarity(x1: Tensor, x2: Tensor, dim: int = 1, eps: float = 1e-8) -> Tensor:
    """The cosine of the angle between ``x1`` and ``x2`` along ``dim``: x₁·x₂ / (‖x₁‖‖x₂‖), each norm at least ``eps``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.cosine_similarity(torch.tensor([[1.0, 0.0]]), torch.tensor([[1.0, 1.0]]))
    tensor([0.7071])
    """
    shape1, shape2 = x1._array.shape, x2._array.shape
    if shape1 != shape2:
        try:
            shape = np.broadcast_shapes(shape1, shape2)
        except ValueError:
            raise errors.broadcast_shapes(shape1, shape2) from None
        x1, x2 = expand_op(x1, shape=shape), expand_op(x2, shape=shape)  # both, as PyTorch's expand_outplace

    def unit(x: Tensor) -> Tensor:
        length = vector_norm(x, 2, dim, keepdim=True).clone()
        with no_grad():
            length.clamp_(min=eps)
        return x / length

    return sum(unit(x1) * unit(x2), dim)


def pairwise_distance(x1: Tensor, x2: Tensor, p: float = 2.0, eps: float = 1e-6, keepdim: bool = False) -> Tensor:
    """The ``p``-norm distance ‖x₁ − x₂ + eps‖ between the rows (the last dimension) of ``x1`` and ``x2``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.pairwise_distance(torch.tensor([[0.0, 0.0]]), torch.tensor([[3.0, 4.0]]), eps=0.0)
    tensor([5.])
    """
    ndim = max(x1._array.ndim, x2._array.ndim)
    last = max(ndim - 1, 0)
    difference = ops.add_scalar(x1 - x2, other=eps)
    return ops.norm_dim(difference, ord=float(p), dim=(last,) if ndim else (), keepdim=keepdim)


# == nn_d: more losses =============================================================================================

__all__ += [
    "kl_div", "margin_ranking_loss", "cosine_embedding_loss", "triplet_margin_loss", "triplet_margin_with_distance_loss"
]  # fmt: skip


def kl_div(
    input: Tensor,
    target: Tensor,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
    log_target: bool = False,
) -> Tensor:
    """Kullback-Leibler divergence of ``target`` from log-probabilities ``input``: Σ t·(log t − input).

    ``reduction='batchmean'`` divides the sum by the batch size (the
    mathematical KL divergence per example); ``log_target`` says the
    target holds log-probabilities too.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.kl_div(torch.tensor([[-1.0, -0.5]]).log_softmax(1), torch.tensor([[0.5, 0.5]]), reduction="batchmean")
    tensor(0.0309)
    """
    if size_average is not None or reduce is not None:
        reduction = _reduction(size_average, reduce, reduction)
    elif reduction == "mean":
        warnings.warn(messages.text("nn_kl_div_mean"), UserWarning, stacklevel=2)
    elif reduction not in ("batchmean", "sum", "none"):
        raise messages.error("kl_div_invalid_reduction", reduction=reduction)
    if not (input.dtype.is_floating_point and target.dtype.is_floating_point):
        raise messages.error("nn_kl_div_integral")
    if log_target:
        losses = exp(target) * (target - input)
    else:
        losses = xlogy_tensor(target, target) - target * input
    if reduction != "batchmean":
        return _reduced(losses, reduction)
    total = sum(losses)
    return total / input._array.shape[0] if input._array.ndim else total


def _clamped_at_zero(values: Tensor) -> Tensor:
    return ops.clamp_min(values, min=0)


def margin_ranking_loss(
    input1: Tensor,
    input2: Tensor,
    target: Tensor,
    margin: float = 0,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    """max(0, −y·(x₁ − x₂) + margin): ``target`` y = 1 says x₁ should rank higher, −1 that x₂ should.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.margin_ranking_loss(torch.tensor([1.0, 2.0]), torch.tensor([2.0, 0.0]), torch.tensor([1.0, 1.0]))
    tensor(0.5000)
    """
    reduction = _reduction(size_average, reduce, reduction)
    if not input1.dim() == input2.dim() == target.dim():  # (PyTorch's Python check: torch.margin_ranking_loss broadcasts)
        raise messages.error(
            "nn_margin_ranking_dims", input1=input1.size(), input2=input2.size(), target=target.size()
        )
    return _margin_ranking_loss(input1, input2, target, margin, reduction)


def _margin_ranking_loss(input1: Tensor, input2: Tensor, target: Tensor, margin: float, reduction: str) -> Tensor:
    """max(0, −y·(x1 − x2) + margin), the inputs broadcast: :func:`margin_ranking_loss` without its check of ranks."""
    difference = input1 - input2  # (first, as PyTorch: two bool inputs fail here, not at -target)
    scaled = -target * difference
    if scaled._array.dtype.kind in "iu":  # PyTorch adds the margin as a double: integer scores give floats
        scaled = scaled.to(default_float())
    return _reduced(_clamped_at_zero(ops.add_scalar(scaled, other=margin)), reduction)


def cosine_embedding_loss(
    input1: Tensor,
    input2: Tensor,
    target: Tensor,
    margin: float = 0,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    """1 − cos(x₁, x₂) where ``target`` is 1, max(0, cos(x₁, x₂) − margin) where it is −1.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> x = torch.tensor([[1.0, 0.0], [1.0, 1.0]])
    >>> F.cosine_embedding_loss(x, torch.tensor([[0.0, 1.0], [1.0, 1.0]]), torch.tensor([1, -1]))
    tensor(1.)
    """
    reduction = _reduction(size_average, reduce, reduction)
    dims = target.dim()
    if dims > 1:
        raise messages.error("nn_cosine_embedding_target")
    if input1.dim() != dims + 1 or input2.dim() != dims + 1:
        raise messages.error(
            "nn_cosine_embedding_inputs",
            dims=dims,
            expected=dims + 1,
            input1=_shape_list(input1._array.shape),
            input2=_shape_list(input2._array.shape),
        )
    summed = dims  # the dimension of the vectors: 1 for a batch, 0 for one pair
    products = sum(input1 * input2, summed)
    squares1 = ops.add_scalar(sum(input1 * input1, summed), other=1e-12)
    squares2 = ops.add_scalar(sum(input2 * input2, summed), other=1e-12)
    cos = products / sqrt(squares1 * squares2)
    zeros = Tensor._wrap(np.zeros_like(cos._array))
    positive = where(target == 1, Tensor._wrap(np.ones_like(cos._array)) - cos, zeros)
    negative = where(target == -1, _clamped_at_zero(ops.sub_scalar(cos, other=margin)), zeros)
    return _reduced(positive + negative, reduction)


def triplet_margin_loss(
    anchor: Tensor,
    positive: Tensor,
    negative: Tensor,
    margin: float = 1.0,
    p: float = 2,
    eps: float = 1e-6,
    swap: bool = False,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    """max(0, d(a, p) − d(a, n) + margin), d the ``p``-norm distance: the anchor nearer the positive than the negative.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> a = torch.tensor([[0.0, 0.0]])
    >>> F.triplet_margin_loss(a, torch.tensor([[0.0, 1.0]]), torch.tensor([[0.0, 1.5]]), eps=0.0)
    tensor(0.5000)
    """
    reduction = _reduction(size_average, reduce, reduction)
    ndims = (anchor.dim(), positive.dim(), negative.dim())
    if len(set(ndims)) != 1:
        raise messages.error("nn_triplet_dims", anchor=ndims[0], positive=ndims[1], negative=ndims[2])
    to_positive = pairwise_distance(anchor, positive, p, eps)
    to_negative = pairwise_distance(anchor, negative, p, eps)
    if swap:
        to_negative = minimum(to_negative, pairwise_distance(positive, negative, p, eps))
    return _reduced(_clamped_at_zero(ops.add_scalar(to_positive, other=margin) - to_negative), reduction)


def triplet_margin_with_distance_loss(
    anchor: Tensor,
    positive: Tensor,
    negative: Tensor,
    *,
    distance_function: Callable[[Tensor, Tensor], Tensor] | None = None,
    margin: float = 1.0,
    swap: bool = False,
    reduction: str = "mean",
) -> Tensor:
    """The triplet loss with a distance of your own: max(0, d(a, p) − d(a, n) + margin), d the pairwise distance
    unless ``distance_function`` is given (any function of two batches giving one distance per row).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> a, p, n = torch.tensor([[0.0, 0.0]]), torch.tensor([[0.0, 1.0]]), torch.tensor([[0.0, 1.5]])
    >>> F.triplet_margin_with_distance_loss(a, p, n, distance_function=lambda x, y: (x - y).abs().sum(1))
    tensor(0.5000)
    """
    if reduction not in ("mean", "sum", "none"):
        raise messages.error("invalid_reduction", reduction=reduction)
    if margin <= 0:
        raise messages.error("nn_triplet_margin_positive_functional", margin=margin)
    ndims = (anchor.dim(), positive.dim(), negative.dim())
    if len(set(ndims)) != 1:
        raise messages.error("nn_triplet_dims", anchor=ndims[0], positive=ndims[1], negative=ndims[2])
    distance = distance_function if distance_function is not None else pairwise_distance
    to_positive = distance(anchor, positive)
    to_negative = distance(anchor, negative)
    if swap:
        to_negative = minimum(to_negative, distance(positive, negative))
    loss = (to_positive + margin - to_negative).clamp_min(0)  # (as PyTorch's: margin + d⁺ − d⁻)
    return _reduced(loss, reduction)


# -- 1-d windows, channel dropout, upsampling (branch nn_e) -------------------------------------------------------

__all__ += ["conv1d", "max_pool1d", "avg_pool1d"]


def _single(value: int | Sequence[int], name: str = "") -> int:
    """``3`` or ``(3,)`` as ``3``: a 1-d window's one size."""
    if isinstance(value, (int, np.integer)):
        return int(value)
    values = [int(v) for v in value]
    if len(values) != 1:
        raise messages.error("nn_conv1d_argument_length", name=name, got=values)
    return values[0]


def conv1d(
    input: Tensor,
    weight: Tensor,
    bias: Tensor | None = None,
    stride: int | Sequence[int] = 1,
    padding: int | Sequence[int] | str = 0,
    dilation: int | Sequence[int] = 1,
    groups: int = 1,
) -> Tensor:
    """1-D convolution (PyTorch's cross-correlation) of sequences (N, C, L) with kernels (O, C/groups, k).

    Computed as :func:`conv2d` on the sequences seen as images one pixel
    high; the node is PyTorch's ``ConvolutionBackward0``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.conv1d(torch.arange(5.0).reshape(1, 1, 5), torch.tensor([[[1.0, -1.0]]]))
    tensor([[[-1., -1., -1., -1.]]])
    """
    _require_conv_tensors("conv1d", input, weight, bias, stride, padding, dilation, groups)
    shape, weight_shape = input._array.shape, weight._array.shape
    if len(weight_shape) < 3:
        raise messages.error("nn_conv_weight_too_few_dims")
    if len(shape) not in (2, 3) and len(weight_shape) == 3:
        raise messages.error("nn_conv1d_input_dims", shape=_shape_list(shape))
    unbatched = len(shape) == 2
    if len(weight_shape) != 3:
        batched_shape = (1, *shape) if unbatched else shape
        raise messages.error(
            "nn_conv_dims_mismatch",
            ndim=len(weight_shape),
            weight=_shape_list(weight_shape),
            got=len(batched_shape),
            shape=_shape_list(batched_shape),
        )
    step, spread = _single(stride, "stride"), _single(dilation, "dilation")
    if step <= 0:
        raise messages.error("nn_conv_stride_positive")
    kernel = weight_shape[2]
    if isinstance(padding, str):
        if padding not in ("same", "valid"):
            raise messages.error("nn_conv_padding_string", padding=padding)
        if padding == "same" and step != 1:
            raise messages.error("nn_same_padding_strided")
        _volumes.warn_if_same_padding_copies(padding, (kernel,), spread)
        pads = _same_padding((kernel,), (spread,))[0] if padding == "same" else (0, 0)
    else:
        pad = _single(padding, "padding")
        pads = (pad, pad)
    window = ops.Window((1, kernel), (1, step), (1, spread), ((0, 0), pads))
    sequences = unsqueeze(input, 0) if unbatched else input
    channels = sequences._array.shape[1]
    if channels != weight_shape[1] * groups:
        raise messages.error(
            "nn_conv_channels",
            groups=groups,
            weight=_shape_list(weight_shape),
            input=_shape_list(sequences._array.shape),
            expected=weight_shape[1] * groups,
            got=channels,
        )
    _check_conv_bias(weight_shape, bias)
    padded, span = shape[-1] + sum(pads), spread * (kernel - 1) + 1
    if padded < span:
        raise messages.error("nn_kernel_too_big_1d", size=padded, kernel=span)
    _check_conv_dtypes(sequences, weight, bias)
    out = ops.convolution1d(sequences, weight, bias, window=window, groups=groups)
    return squeeze(out, 0) if unbatched else out


def max_pool1d(
    input: Tensor,
    kernel_size: int | Sequence[int],
    stride: int | Sequence[int] | None = None,
    padding: int | Sequence[int] = 0,
    dilation: int | Sequence[int] = 1,
    ceil_mode: bool = False,
    return_indices: bool = False,
) -> Tensor | tuple[Tensor, Tensor]:
    """The largest value of each window of sequences (N, C, L) or (C, L) (``stride`` defaults to the window).

    As in PyTorch: :func:`max_pool2d` on ``input.unsqueeze(-2)``, then ``squeeze(-2)``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.max_pool1d(torch.tensor([[[1.0, 3.0, 2.0, 0.0, 5.0]]]), 2)
    tensor([[[3., 2.]]])
    """
    if input._array.ndim not in (2, 3):
        raise messages.error("nn_max_pool1d_input_dims", shape=_shape_list(input._array.shape))
    kernel = _single(kernel_size, "kernel_size")
    step = kernel if stride is None or (not isinstance(stride, int) and len(stride) == 0) else _single(stride)
    pad, spread = _single(padding, "padding"), _single(dilation, "dilation")
    if kernel <= 0:
        raise messages.error("nn_max_pool1d_kernel", kernel=kernel)
    if step <= 0:
        raise messages.error("nn_max_pool1d_stride", stride=step)
    if pad > kernel // 2:
        raise messages.error("nn_max_pool1d_padding", padding=pad, kernel=kernel)
    window = _pool_window((1, input._array.shape[-1]), (1, kernel), (1, step), (0, pad), (1, spread), ceil_mode)
    out_size = window.out_size((1, input._array.shape[-1]))[1]
    if out_size <= 0:
        raise messages.error("nn_max_pool1d_output_size", size=out_size)
    if input._array.dtype.kind != "f" and not return_indices:  # (PyTorch's max_pool1d_impl: floats only)
        raise messages.error(
            "nn_max_pool_dtype", kernel="max_pool1d_impl", dtype_name=errors.scalar_type_name(input._array.dtype)
        )
    out = max_pool2d(unsqueeze(input, -2), (1, kernel), (1, step), (0, pad), (1, spread), ceil_mode, return_indices)
    if return_indices:
        return squeeze(out[0], -2), squeeze(out[1], -2)
    return squeeze(out, -2)


def avg_pool1d(
    input: Tensor,
    kernel_size: int | Sequence[int],
    stride: int | Sequence[int] | None = None,
    padding: int | Sequence[int] = 0,
    ceil_mode: bool = False,
    count_include_pad: bool = True,
) -> Tensor:
    """The mean of each window of sequences (N, C, L) or (C, L) (``stride`` defaults to the window).

    As in PyTorch: :func:`avg_pool2d` on ``input.unsqueeze(-2)``, then ``squeeze(-2)``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.avg_pool1d(torch.tensor([[[1.0, 3.0, 2.0, 0.0, 5.0]]]), 2)
    tensor([[[2., 1.]]])
    """
    if input._array.ndim not in (2, 3):
        raise messages.error("nn_avg_pool1d_input_dims", ndim=input._array.ndim)
    kernel = _single(kernel_size, "kernel_size")
    step = kernel if stride is None or (not isinstance(stride, int) and len(stride) == 0) else _single(stride)
    pad = _single(padding, "padding")
    out = avg_pool2d(unsqueeze(input, -2), (1, kernel), (1, step), (0, pad), ceil_mode, count_include_pad)
    return squeeze(out, -2)


__all__ += ["dropout1d", "dropout2d"]


def _feature_dropout(input: Tensor, p: float, training: bool, inplace: bool) -> Tensor:
    """PyTorch's ``feature_dropout``: one coin per (sample, channel), drawn as ``empty(N, C, 1, ...).bernoulli_(1 - p)``."""
    if p < 0.0 or p > 1.0:
        raise messages.error("nn_dropout_probability", p=p)
    if input._array.ndim < 2:
        raise messages.error("nn_feature_dropout_dims")
    if p == 0 or not training or input.numel() == 0:
        return input
    array = input._array
    if p == 1:
        noise = Tensor._wrap(np.zeros((), array.dtype))
    else:
        _check_noise_scalable(array)
        shape = array.shape[:2] + (1,) * (array.ndim - 2)
        kept = _random.bernoulli(math.prod(shape), 1 - p, array.dtype, None).reshape(shape)
        noise = Tensor._wrap(kept / array.dtype.type(1 - p))
    return input.mul_(noise) if inplace else input * noise


def dropout1d(input: Tensor, p: float = 0.5, training: bool = True, inplace: bool = False) -> Tensor:
    """Zero whole channels of sequences (N, C, L) or (C, L) with probability ``p``, scaling the rest by 1/(1 − p).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> _ = torch.manual_seed(0)
    >>> F.dropout1d(torch.ones(1, 4, 3), 0.5)
    tensor([[[0., 0., 0.],
             [0., 0., 0.],
             [2., 2., 2.],
             [0., 0., 0.]]])
    """
    if p < 0.0 or p > 1.0:
        raise messages.error("nn_dropout_probability", p=p)
    ndim = input._array.ndim
    if ndim not in (2, 3):
        raise messages.error("nn_dropout1d_dims", ndim=ndim)
    if ndim == 3:
        return _feature_dropout(input, p, training, inplace)
    if inplace:  # PyTorch unsqueezes the input in place, drops, and squeezes it back: the input it returns
        _feature_dropout(unsqueeze(input, 0), p, training, True)
        return input
    return squeeze(_feature_dropout(unsqueeze(input, 0), p, training, False), 0)


def dropout2d(input: Tensor, p: float = 0.5, training: bool = True, inplace: bool = False) -> Tensor:
    """Zero whole channels (feature maps) of images (N, C, H, W) with probability ``p``, scaling the rest by 1/(1 − p).

    As in PyTorch, a 3-D input is taken as (N, C, L), with a warning.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.dropout2d(torch.ones(1, 2, 2, 2), 0.5, training=False).sum()
    tensor(8.)
    """
    if p < 0.0 or p > 1.0:
        raise messages.error("nn_dropout_probability", p=p)
    ndim = input._array.ndim
    if ndim not in (3, 4):
        messages.warn("nn_dropout2d_dims", ndim=ndim)
    if ndim == 3:
        messages.warn("nn_dropout2d_3d")
    return _feature_dropout(input, p, training, inplace)


__all__ += ["interpolate", "upsample", "upsample_nearest", "upsample_bilinear"]


def _pixel_scale(in_size: int, out_size: int, scale: float | None, align_corners: bool, real: type) -> Any:
    """PyTorch's ``area_pixel_compute_scale``: input pixels per output pixel, in the kernel's type ``real``."""
    if align_corners:
        return real(in_size - 1) / real(out_size - 1) if out_size > 1 else real(0)
    return real(1.0 / scale) if scale else real(in_size) / real(out_size)


def _source_positions(
    in_size: int, out_size: int, scale: float | None, align_corners: bool, real: type, cubic: bool = False
) -> np.ndarray:
    """PyTorch's ``area_pixel_compute_source_index`` of every output pixel: s·i (align_corners) or
    s·(i + ½) − ½, clamped at 0 but in the cubic mode."""
    step = _pixel_scale(in_size, out_size, scale, align_corners, real)
    index = np.arange(out_size).astype(real)
    if align_corners:
        return step * index
    source = step * (index + real(0.5)) - real(0.5)
    return source if cubic else np.maximum(source, real(0))


def _nearest_matrix(in_size: int, out_size: int, scale: float | None) -> np.ndarray:
    """PyTorch's ``nearest_idx``: output i reads input ⌊i · s⌋ (s = 1/scale_factor or in/out, in float32)."""
    index = np.arange(out_size)
    if out_size == in_size:
        source = index
    elif out_size == 2 * in_size:
        source = index >> 1
    else:
        step = np.float32(1.0 / scale) if scale else np.float32(in_size) / np.float32(out_size)
        source = np.minimum(np.floor(index.astype(np.float32) * step).astype(np.int64), in_size - 1)
    matrix = np.zeros((out_size, in_size))
    matrix[index, source] = 1.0
    return matrix


def _linear_matrix(in_size: int, out_size: int, scale: float | None, align_corners: bool, dtype: np.dtype) -> np.ndarray:
    """PyTorch's linear weights: output i between inputs ⌊src⌋ and the next, src = s·i (align_corners) or s·(i + ½) − ½."""
    real = np.float32 if dtype == np.float32 else np.float64  # PyTorch's opmath type
    source = _source_positions(in_size, out_size, scale, align_corners, real)
    low = np.minimum(np.floor(source).astype(np.int64), in_size - 1)
    weight_high = np.clip(source - low.astype(real), real(0), real(1))
    high = low + (low < in_size - 1)
    matrix = np.zeros((out_size, in_size), dtype=real)
    rows = np.arange(out_size)
    np.add.at(matrix, (rows, low), real(1) - weight_high)
    np.add.at(matrix, (rows, high), weight_high)
    return matrix


def _nearest_exact_matrix(in_size: int, out_size: int, scale: float | None) -> np.ndarray:
    """PyTorch's ``nearest_exact_idx``: output i reads input ⌊s·(i + ½)⌋, the input pixel whose centre is nearest
    (Pillow's and scikit-image's rounding; s = 1/scale_factor or in/out, in float32)."""
    source = _source_positions(in_size, out_size, scale, False, np.float32)
    source = np.minimum(np.floor(source + np.float32(0.5)).astype(np.int64), in_size - 1)
    matrix = np.zeros((out_size, in_size))
    matrix[np.arange(out_size), source] = 1.0
    return matrix


def _cubic_convolution(distance: np.ndarray, a: float) -> np.ndarray:
    """Keys' cubic convolution kernel at ``distance`` (0 to 2), as PyTorch's ``cubic_convolution1``/``2`` compute it
    in the array's precision: a = −0.75 as OpenCV (bicubic), −0.5 as Pillow (bicubic with antialias)."""
    real = distance.dtype.type
    x = np.abs(distance)
    near = ((real(a + 2) * x - real(a + 3)) * x * x + real(1)).astype(x.dtype)
    far = (((real(a) * x - real(5 * a)) * x + real(8 * a)) * x - real(4 * a)).astype(x.dtype)
    return np.where(x < 1, near, np.where(x < 2, far, real(0)))


def _cubic_matrix(in_size: int, out_size: int, scale: float | None, align_corners: bool, dtype: np.dtype) -> np.ndarray:
    """PyTorch's bicubic weights: output i from the four inputs around src = s·i (align_corners) or s·(i + ½) − ½
    (not clamped at 0, as PyTorch's cubic mode), weighted by Keys' kernel with a = −0.75; an index past the
    edge reads the edge pixel, so its weight is added there."""
    real = np.float32 if dtype == np.float32 else np.float64  # PyTorch's opmath type
    source = _source_positions(in_size, out_size, scale, align_corners, real, cubic=True)
    low = np.minimum(np.floor(source).astype(np.int64), in_size - 1)
    t = np.clip(source - low.astype(real), real(0), real(1))
    matrix = np.zeros((out_size, in_size), dtype=real)
    rows = np.arange(out_size)
    for j, distance in enumerate((t + real(1), t, real(1) - t, real(2) - t)):
        np.add.at(matrix, (rows, np.clip(low + j - 1, 0, in_size - 1)), _cubic_convolution(distance, -0.75))
    return matrix


def _triangle(x: np.ndarray) -> np.ndarray:
    """The bilinear filter: 1 − |x| within 1."""
    return np.maximum(1 - np.abs(x), 0)


def _lanczos3(x: np.ndarray) -> np.ndarray:
    """The Lanczos-3 filter: sinc(x)·sinc(x/3) within 3 (NumPy's sinc is sin(πx)/(πx))."""
    return np.where(np.abs(x) < 3, np.sinc(x) * np.sinc(x / 3), 0)


_ANTIALIAS_FILTERS = {  # mode: (filter, its width in input pixels when enlarging: PyTorch's interp_size)
    "bilinear": (_triangle, 2),
    "bicubic": (lambda x: _cubic_convolution(x, -0.5), 4),
    "lanczos": (_lanczos3, 6),
}


def _antialiased_matrix(
    in_size: int, out_size: int, scale: float | None, align_corners: bool, dtype: np.dtype, mode: str = "bilinear"
) -> np.ndarray:
    """PyTorch's antialiased weights (Pillow's): when shrinking, the mode's filter stretched as wide as the scale,
    normalized.

    Output i is centred on input position s·(i + ½) and takes the inputs within half the filter's width
    (times s when shrinking) of it, each weighted by the filter at its distance (divided by s when
    shrinking), the weights then divided by their sum.
    """
    real = np.float32 if dtype == np.float32 else np.float64  # (the kernel's scalar type)
    kernel, width = _ANTIALIAS_FILTERS[mode]
    step = _pixel_scale(in_size, out_size, scale, align_corners, real)
    support = real(width * 0.5) * step if step >= 1 else real(width * 0.5)
    inverse = real(1) / step if step >= 1 else real(1)
    matrix = np.zeros((out_size, in_size), dtype=real)
    for i in range(out_size):
        center = step * (real(i) + real(0.5))
        first = max(int(center - support + real(0.5)), 0)
        count = min(int(center + support + real(0.5)), in_size) - first
        distance = (np.arange(count).astype(real) + real(first) - center + real(0.5)) * inverse
        weights = kernel(distance).astype(real)
        total = weights.sum(dtype=real)
        matrix[i, first : first + count] = weights / total if total != 0 else weights
    return matrix


_INTERPOLATING = ("linear", "bilinear", "bicubic", "trilinear")


def _output_sizes(input: Tensor, size: Any, scale_factor: Any, recompute_scale_factor: bool | None) -> tuple[list[int], list[Any]]:
    """The output's spatial sizes and the scale factors the kernels use (``None`` where the size decides)."""
    spatial = list(input._array.shape[2:])
    dim = len(spatial)
    if size is not None and scale_factor is not None:
        raise messages.error("nn_interpolate_size_and_scale")
    if size is not None:
        if isinstance(size, (list, tuple)):
            if len(size) != dim:
                raise messages.error("nn_interpolate_size_dims", spatial=spatial, size=size)
            sizes = [int(s) for s in size]
        else:
            sizes = [int(size)] * dim
        if recompute_scale_factor:
            raise messages.error("nn_interpolate_recompute_with_size")
        return sizes, [None] * dim
    if scale_factor is None:
        raise messages.error("nn_interpolate_no_size")
    if isinstance(scale_factor, (list, tuple)):
        if len(scale_factor) != dim:
            raise messages.error("nn_interpolate_scale_dims", spatial=spatial, scale=scale_factor)
        scales = list(scale_factor)
    else:
        scales = [scale_factor] * dim
    sizes = [int(n * s) for n, s in zip(spatial, scales, strict=True)]
    return sizes, [None] * dim if recompute_scale_factor else [float(s) for s in scales]


def interpolate(
    input: Tensor,
    size: int | Sequence[int] | None = None,
    scale_factor: float | Sequence[float] | None = None,
    mode: str = "nearest",
    align_corners: bool | None = None,
    recompute_scale_factor: bool | None = None,
    antialias: bool = False,
) -> Tensor:
    """Resize sequences (N, C, L) or images (N, C, H, W) to ``size`` or by ``scale_factor``.

    ``mode``: ``'nearest'`` and ``'nearest-exact'`` (1-, 2- or 3-d),
    ``'linear'`` (1-d), ``'bilinear'`` and ``'bicubic'`` (2-d), ``'trilinear'``
    (3-d), ``'area'`` (the adaptive average pool, 1-, 2- or 3-d), and
    ``'lanczos'`` (2-d, with ``antialias=True``), with ``align_corners`` and
    ``antialias`` as in PyTorch; the values, gradients and nodes
    (``UpsampleNearest2DBackward0`` ...) are PyTorch's.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> x = torch.tensor([[[[1.0, 2.0], [3.0, 4.0]]]])
    >>> F.interpolate(x, scale_factor=2)
    tensor([[[[1., 1., 2., 2.],
              [1., 1., 2., 2.],
              [3., 3., 4., 4.],
              [3., 3., 4., 4.]]]])
    >>> F.interpolate(x, size=3, mode="bilinear", align_corners=True)
    tensor([[[[1.0000, 1.5000, 2.0000],
              [2.0000, 2.5000, 3.0000],
              [3.0000, 3.5000, 4.0000]]]])
    """
    if mode in ("nearest", "area", "nearest-exact"):
        if align_corners is not None:
            raise messages.error("nn_interpolate_align_corners")
    elif align_corners is None:
        align_corners = False
    sizes, scales = _output_sizes(input, size, scale_factor, recompute_scale_factor)
    ndim, shape, dtype = input._array.ndim, input._array.shape, input._array.dtype
    axes = list(zip(shape[2:], sizes, scales, strict=True))
    if antialias and (mode not in ("bilinear", "bicubic", "lanczos") or ndim != 4):
        raise messages.error("nn_interpolate_antialias_mode")
    if mode == "lanczos" and ndim == 4:
        if align_corners:
            raise messages.error("nn_interpolate_lanczos_align_corners")
        if not antialias:
            raise messages.error("nn_interpolate_lanczos_antialias")
    resampling = {"nearest": (3, 4, 5), "nearest-exact": (3, 4, 5), "linear": (3,), "bilinear": (4,),
                  "trilinear": (5,), "bicubic": (4,), "lanczos": (4,)}  # fmt: skip
    if ndim in resampling.get(mode, ()) and min(sizes + list(shape[2:])) <= 0:
        names = ("D", "H", "W")[5 - ndim :]
        raise messages.error(
            "nn_interpolate_empty",
            input=", ".join(f"{name}: {n}" for name, n in zip(names, shape[2:], strict=True)),
            output=", ".join(f"{name}: {n}" for name, n in zip(names, sizes, strict=True)),
            joiner=" and" if ndim == 3 else "",
        )
    if dtype.kind in "biu":
        kernel = _integer_resampling_kernel(mode, ndim, dtype)
        if kernel is not None:
            raise messages.error("nn_interpolate_dtype", kernel=kernel, dtype_name=errors.scalar_type_name(dtype))
        if mode in ("bilinear", "bicubic"):  # uint8 images: see _resampled_bytes
            return _resampled_bytes(input, sizes, size, scale_factor, mode, align_corners, recompute_scale_factor, antialias)
    if mode in ("nearest", "nearest-exact") and ndim in (3, 4, 5):
        exact = mode == "nearest-exact"
        op = (
            (ops.upsample_nearest_exact1d, ops.upsample_nearest_exact2d, ops.upsample_nearest_exact3d)
            if exact
            else (ops.upsample_nearest1d, ops.upsample_nearest2d, ops.upsample_nearest3d)
        )[ndim - 3]
        matrix = _nearest_exact_matrix if exact else _nearest_matrix
        return op(input, matrices=tuple(matrix(n, out, s) for n, out, s in axes))
    if mode == "area" and ndim in (3, 4, 5):  # the mean over each output's share of the input, as PyTorch
        return (adaptive_avg_pool1d, adaptive_avg_pool2d, adaptive_avg_pool3d)[ndim - 3](input, sizes)
    if antialias:  # (torchvision's Resize of a tensor asks for it)
        matrices = tuple(_antialiased_matrix(n, out, s, align_corners, dtype, mode) for n, out, s in axes)
        op = {"bilinear": ops.upsample_bilinear2d_aa, "bicubic": ops.upsample_bicubic2d_aa}.get(mode)
        return (op or ops.upsample_lanczos2d_aa)(input, matrices=matrices)
    if mode == "bicubic" and ndim == 4:
        return ops.upsample_bicubic2d(
            input, matrices=tuple(_cubic_matrix(n, out, s, align_corners, dtype) for n, out, s in axes)
        )
    linear_modes = {"linear": 3, "bilinear": 4, "trilinear": 5}
    if linear_modes.get(mode) == ndim:
        op = (ops.upsample_linear1d, ops.upsample_bilinear2d, ops.upsample_trilinear3d)[ndim - 3]
        return op(input, matrices=tuple(_linear_matrix(n, out, s, align_corners, dtype) for n, out, s in axes))
    if mode in linear_modes and ndim in (3, 4, 5):
        raise messages.error("nn_interpolate_mode_dims", ndim=ndim, mode=mode, needed=linear_modes[mode])
    raise messages.error("nn_interpolate_mode", ndim=ndim, mode=mode)


def _old_upsample(name: str, input: Tensor, size: Any, scale_factor: Any, mode: str, align_corners: bool | None) -> Tensor:
    """PyTorch's deprecation warning for an old name of :func:`interpolate`, then the call."""
    messages.warn("nn_upsample_deprecated", name=name, new="interpolate")
    return interpolate(input, size, scale_factor, mode, align_corners)


def upsample(
    input: Tensor,
    size: int | Sequence[int] | None = None,
    scale_factor: float | Sequence[float] | None = None,
    mode: str = "nearest",
    align_corners: bool | None = None,
) -> Tensor:
    """The old name of :func:`interpolate` (PyTorch warns that it is deprecated).

    Examples
    --------
    >>> import warnings
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     F.upsample(torch.tensor([[[1.0, 2.0]]]), scale_factor=2)
    tensor([[[1., 1., 2., 2.]]])
    """
    return _old_upsample("upsample", input, size, scale_factor, mode, align_corners)


def upsample_nearest(input: Tensor, size: Any = None, scale_factor: Any = None) -> Tensor:
    """The old name of ``interpolate(..., mode='nearest')``: ``F.upsample_nearest(x, 2).shape`` is ``x``'s doubled.

    PyTorch warns that it is deprecated, and so does this.
    """
    return _old_upsample("upsample_nearest", input, size, scale_factor, "nearest", None)


def upsample_bilinear(input: Tensor, size: Any = None, scale_factor: Any = None) -> Tensor:
    """The old name of ``interpolate(..., mode='bilinear', align_corners=True)`` (deprecated in PyTorch).

    Examples
    --------
    >>> import warnings
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     F.upsample_bilinear(torch.tensor([[[[0.0, 3.0]]]]), (1, 4))
    tensor([[[[0., 1., 2., 3.]]]])
    """
    return _old_upsample("upsample_bilinear", input, size, scale_factor, "bilinear", True)


__all__ += ["conv_transpose2d"]


def conv_transpose2d(
    input: Tensor,
    weight: Tensor,
    bias: Tensor | None = None,
    stride: Pair = 1,
    padding: Pair = 0,
    output_padding: Pair = 0,
    groups: int = 1,
    dilation: Pair = 1,
) -> Tensor:
    """Transposed 2-D convolution of images (N, C_in, H, W) with kernels (C_in, C_out/groups, kh, kw).

    Each input pixel spreads its channels, times the kernel, over a window of
    the output: the output is ``(H − 1)·stride − 2·padding + dilation·(kh − 1)
    + output_padding + 1`` high (and likewise wide).  It is the gradient of
    :func:`conv2d` for its input, and upsamples in decoders and GANs.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.conv_transpose2d(torch.ones(1, 1, 2, 2), torch.ones(1, 1, 2, 2))
    tensor([[[[1., 2., 1.],
              [2., 4., 2.],
              [1., 2., 1.]]]])
    """
    weight_shape = weight._array.shape
    stride, padding, dilation = _pair(stride), _pair(padding), _pair(dilation)
    output_padding = _pair(output_padding)
    if input._array.ndim not in (3, 4):
        raise messages.error("nn_conv_transpose_input_dims", shape=_shape_list(input._array.shape))
    if len(weight_shape) != 4:
        raise messages.error("nn_conv_weight_dims", count=len(weight_shape) - 2, stride=list(stride))
    if any(step <= 0 for step in stride):
        raise messages.error("nn_conv_stride_positive")
    if weight_shape[0] % groups:
        raise messages.error("nn_conv_transpose_groups", groups=groups, weight=_shape_list(weight_shape))
    pairs = zip(output_padding, stride, dilation, strict=True)
    if any(extra >= step and extra >= spread for extra, step, spread in pairs):
        (oh, ow), (sh, sw), (dh, dw) = output_padding, stride, dilation
        raise messages.error("nn_output_padding", oh=oh, ow=ow, sh=sh, sw=sw, dh=dh, dw=dw)
    if any(extra >= step for extra, step in zip(output_padding, stride, strict=True)):
        raise messages.error("nn_output_padding_stride")
    kernel = weight_shape[2:]
    window = ops.Window(kernel, stride, dilation, _symmetric(padding))

    def convolve(images: Tensor) -> Tensor:
        shape = images._array.shape
        if shape[1] != weight_shape[0]:
            raise messages.error(
                "nn_conv_transpose_channels",
                weight=_shape_list(weight_shape),
                input=_shape_list(shape),
                expected=weight_shape[0],
                got=shape[1],
            )
        _check_conv_bias(weight_shape, bias, transposed=True, groups=groups)
        size = tuple(
            (n - 1) * s - 2 * p + d * (k - 1) + extra + 1
            for n, s, p, d, k, extra in zip(shape[2:], stride, padding, dilation, kernel, output_padding, strict=True)
        )
        if min(size) <= 0:
            raise messages.error("nn_conv_transpose_empty", size=list(size))
        return ops.conv_transpose2d(images, weight, bias, window=window, groups=groups, size=size)

    return _batched(input, convolve)


__all__ += ["adaptive_avg_pool1d"]


def _adaptive_mean_matrix(size: int, out: int) -> np.ndarray:
    """Output i is the mean of inputs ⌊i·n/out⌋ to ⌈(i+1)·n/out⌉ − 1 (PyTorch's adaptive windows)."""
    matrix = np.zeros((out, size))
    for index in range(out):
        start, end = (index * size) // out, -((-(index + 1) * size) // out)
        matrix[index, start:end] = 1.0 / (end - start)
    return matrix


def adaptive_avg_pool1d(input: Tensor, output_size: int | Sequence[int]) -> Tensor:
    """The means of ``output_size`` windows spread evenly over each sequence (N, C, L) or (C, L).

    As in PyTorch: 2-d adaptive average pooling of ``input.unsqueeze(-2)``, then ``squeeze(-2)``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.adaptive_avg_pool1d(torch.arange(5.0).reshape(1, 1, 5), 3)
    tensor([[[0.5000, 2.0000, 3.5000]]])
    """
    if input._array.ndim not in (2, 3):
        raise messages.error("nn_adaptive_avg_pool1d_dims", ndim=input._array.ndim)
    if not isinstance(output_size, (int, np.integer)):
        if len(output_size) != 1:
            raise messages.error("nn_adaptive_avg_pool1d_size", got=len(output_size))
        output_size = output_size[0]
    if input._array.dtype.kind not in "fc":  # (PyTorch's adaptive_avg_pool2d: a mean for one output, or its kernel)
        dtype_name = errors.scalar_type_name(input._array.dtype)
        if int(output_size) == 1:
            raise errors.mean_not_float(dtype_name)
        raise messages.error("nn_adaptive_avg_pool_dtype", kernel="adaptive_avg_pool2d", dtype_name=dtype_name)
    matrices = (np.ones((1, 1)), _adaptive_mean_matrix(input._array.shape[-1], int(output_size)))
    return squeeze(ops.adaptive_avg_pool1d(unsqueeze(input, -2), matrices=matrices), -2)


# == losses: Poisson, Gaussian, margins, CTC (branch losses) =====================================================

__all__ += [
    "poisson_nll_loss", "gaussian_nll_loss", "soft_margin_loss", "hinge_embedding_loss", "multi_margin_loss",
    "multilabel_margin_loss", "multilabel_soft_margin_loss", "ctc_loss",
]  # fmt: skip


def poisson_nll_loss(
    input: Tensor,
    target: Tensor,
    log_input: bool = True,
    full: bool = False,
    size_average: bool | None = None,
    eps: float = 1e-8,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    """Negative log likelihood of counts ``target`` under a Poisson distribution of rate ``input`` (or ``exp(input)``).

    ``log_input=True``: ``exp(input) − target·input``; otherwise
    ``input − target·log(input + eps)``.  ``full`` adds Stirling's
    approximation of ``log(target!)`` where ``target > 1``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.poisson_nll_loss(torch.tensor([0.0, 1.0]), torch.tensor([1.0, 2.0]))
    tensor(0.8591)
    """
    reduction = _reduction(size_average, reduce, reduction)
    if log_input:
        loss = exp(input) - target * input
    else:
        loss = input - target * log(input + eps)
    if full:
        stirling = target * log(target) - target + 0.5 * log(2 * math.pi * target)
        loss = loss + where(target <= 1, Tensor._wrap(np.zeros((), stirling._array.dtype)), stirling)
    return _reduced(loss, reduction)


def gaussian_nll_loss(
    input: Tensor,
    target: Tensor,
    var: Tensor | float,
    full: bool = False,
    eps: float = 1e-6,
    reduction: str = "mean",
) -> Tensor:
    """Negative log likelihood of ``target`` under Gaussians of mean ``input`` and variance ``var``.

    ``0.5·(log(max(var, eps)) + (input − target)² / max(var, eps))``, plus
    ``0.5·log(2π)`` with ``full``.  ``var`` may have the input's shape, or
    one dimension of size 1 (or the last dimension dropped): one variance
    shared by those elements.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.gaussian_nll_loss(torch.tensor([1.0, 2.0]), torch.tensor([1.5, 2.0]), torch.tensor([1.0, 0.5]))
    tensor(-0.1108)
    """
    if isinstance(var, float):
        if var < 0:
            raise messages.error("gaussian_nll_var_negative")
        var = var * Tensor._wrap(np.ones_like(input._array))
    elif bool(np.any(var._array < 0)):
        raise messages.error("gaussian_nll_var_negative")
    if var.shape != input.shape:
        if input.shape[:-1] == var.shape:
            var = unsqueeze(var, -1)
        elif input.dim() != var.dim() or builtins.sum(
            y for x, y in zip(input.shape, var.shape, strict=True) if x != y
        ) != 1:
            raise messages.error("gaussian_nll_var_size")
    if reduction not in ("none", "mean", "sum"):
        raise messages.error("loss_reduction_not_valid", reduction=reduction)
    var = var.clone()
    with no_grad():
        var.clamp_(min=eps)
    loss = 0.5 * (log(var) + (input - target) ** 2 / var)
    if full:
        loss = loss + 0.5 * math.log(2 * math.pi)
    return _reduced(loss, reduction)


def soft_margin_loss(
    input: Tensor,
    target: Tensor,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    """Logistic loss ``log(1 + exp(−target·input))`` of scores against labels 1 or −1.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.soft_margin_loss(torch.tensor([0.0, 2.0]), torch.tensor([1.0, -1.0]))
    tensor(1.4100)
    """
    reduction = _reduction(size_average, reduce, reduction)
    _broadcast_check(input, target)
    if target.requires_grad and is_grad_enabled():
        raise messages.error("loss_target_requires_grad", function="soft_margin_loss")
    if input._array.dtype.kind in "biu":  # (PyTorch's kernel writes into the input's dtype)
        if input._array.dtype.kind == "b":
            raise messages.error("bool_negation")
        result = _common_type_word(input, target)
        raise messages.error(
            "nn_loss_result_cast", result=result if result in ("Double", "Half", "BFloat16") else "Float",
            target=_type_word(input),
        )
    return ops.soft_margin_loss(*_in_common_dtype(input, target), reduction=reduction)


def _broadcast_check(input: Tensor, target: Tensor) -> None:
    """PyTorch's error when the target does not broadcast against the input."""
    try:
        np.broadcast_shapes(input._array.shape, target._array.shape)
    except ValueError:
        raise errors.broadcast_shapes(input._array.shape, target._array.shape) from None


def hinge_embedding_loss(
    input: Tensor,
    target: Tensor,
    margin: float = 1.0,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    """``input`` where ``target`` is 1, ``max(0, margin − input)`` where it is −1 (input often a distance).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.hinge_embedding_loss(torch.tensor([0.2, 0.3]), torch.tensor([1, -1]))
    tensor(0.4500)
    """
    reduction = _reduction(size_average, reduce, reduction)
    if input._array.dtype.kind in "biu":  # PyTorch takes the margin in the input's dtype (a bool margin too)
        if input._array.dtype.kind == "b":
            raise messages.error("bool_subtraction_both")
        margin = int(margin)
    zeros = Tensor._wrap(np.zeros_like(input._array))
    margin_clamp = _clamped_at_zero(margin - input)
    output = where(target != 1, margin_clamp, zeros) + where(target != -1, input, zeros)
    return _reduced(output, reduction)


def multi_margin_loss(
    input: Tensor,
    target: Tensor,
    p: int = 1,
    margin: float = 1.0,
    weight: Tensor | None = None,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    """Multi-class hinge loss: ``Σ_{j≠y} w_y·max(0, margin − x_y + x_j)^p / C`` for each row of scores.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.multi_margin_loss(torch.tensor([[0.3, 0.7], [0.5, 0.5]]), torch.tensor([0, 1]))
    tensor(0.6000)
    """
    reduction = _reduction(size_average, reduce, reduction)
    if p not in (1, 2):
        raise messages.error("multi_margin_p")
    shape = input._array.shape
    batch = shape[0] if input.dim() == 2 else 1
    if target.dim() > 1 or target.numel() != batch:
        raise messages.error(
            "multi_margin_target_size", batch=batch, target=_shape_list(target.shape), input=_shape_list(shape)
        )
    labels = target._array
    if labels.size and (labels.min() < 0 or labels.max() >= shape[-1]):
        raise messages.error("multi_margin_target_range")
    if weight is not None and weight.numel() != shape[-1]:
        raise messages.error("multi_margin_weight_size", classes=shape[-1], weight=_shape_list(weight.shape))
    return ops.multi_margin_loss(input, target, weight, reduction=reduction, p=p, margin=float(margin))


def multilabel_margin_loss(
    input: Tensor,
    target: Tensor,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    """Multi-label hinge loss: ``Σ_{j∈labels} Σ_{k∉labels} max(0, 1 − (x_j − x_k)) / C`` per row.

    ``target`` has the scores' shape: each row's labels, then ``-1`` (the
    entries after the first ``-1`` are ignored).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.multilabel_margin_loss(torch.tensor([[0.1, 0.2, 0.4, 0.8]]), torch.tensor([[3, 0, -1, 1]]))
    tensor(0.8500)
    """
    reduction = _reduction(size_average, reduce, reduction)
    if target.shape != input.shape:
        raise messages.error(
            "multilabel_margin_target_size", target=_shape_list(target.shape), input=_shape_list(input.shape)
        )
    labels = target._array
    if labels.size and (labels.min() < -1 or labels.max() >= input._array.shape[-1]):
        raise messages.error("multilabel_margin_target_range")
    return ops.multilabel_margin_loss(input, target, reduction=reduction)


def multilabel_soft_margin_loss(
    input: Tensor,
    target: Tensor,
    weight: Tensor | None = None,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    """Binary cross-entropy of each class's score against a 0/1 target, averaged over the classes of each row.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.multilabel_soft_margin_loss(torch.tensor([[0.0, 2.0]]), torch.tensor([[1.0, 0.0]]))
    tensor(1.4100)
    """
    if size_average is not None or reduce is not None:
        reduction = _reduction(size_average, reduce, reduction)
    if input._array.dtype.kind in "biu":
        raise messages.error("nn_loss_not_floating", kernel="log_sigmoid_cpu", dtype_name=_type_word(input))
    loss = -(target * logsigmoid(input) + (1 - target) * logsigmoid(-input))
    if weight is not None:
        loss = loss * weight
    class_dim = input.dim() - 1
    loss = sum(loss, class_dim) / input.shape[class_dim]
    if reduction == "none":
        return loss
    if reduction in ("mean", "sum"):
        return _reduced(loss, reduction)
    raise messages.error("loss_reduction_not_valid", reduction=reduction)


def _lengths(values: Tensor | Sequence[int]) -> np.ndarray:
    return np.asarray(values._array if isinstance(values, Tensor) else values, dtype=np.int64).reshape(-1)


def _ctc_states(
    targets: np.ndarray, target_lengths: np.ndarray, blank: int, classes: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The alignment lattice of each target: blank, l₁, blank, l₂, ..., blank.

    Returns ``emit`` (N, C, L): which class each state emits; ``step`` (N, L, L): which state may follow which
    (stay, next, or skip a blank between two different labels); ``first`` and ``last`` (N, L): the states an
    alignment may start and end in.
    """
    count, states = len(target_lengths), 2 * int(target_lengths.max(initial=0)) + 1
    emit, step = np.zeros((count, classes, states)), np.zeros((count, states, states))
    first, last = np.zeros((count, states)), np.zeros((count, states))
    starts = np.concatenate([[0], np.cumsum(target_lengths)[:-1]])
    for n, length in enumerate(target_lengths):
        labels = targets[n, :length] if targets.ndim == 2 else targets[starts[n] : starts[n] + length]
        extended = np.full(2 * length + 1, blank)
        extended[1::2] = labels
        for s, label in enumerate(extended):
            emit[n, label, s] = 1
            step[n, s, s] = 1
            if s >= 1:
                step[n, s - 1, s] = 1
            if s >= 2 and label != blank and label != extended[s - 2]:
                step[n, s - 2, s] = 1
        first[n, : min(2, len(extended))] = 1
        last[n, max(0, len(extended) - 2) :] = 1
    return emit, step, first, last


def _ctc_negative_log_likelihood(
    log_probs: Tensor, targets: np.ndarray, input_lengths: np.ndarray, target_lengths: np.ndarray, blank: int
) -> Tensor:
    """−log Σ over alignments of Π p: the forward (alpha) recursion, rescaled at each frame so nothing underflows.

    The recursion runs in float64 on probabilities divided by each frame's largest one; the log of each frame's
    scale and of that divisor add up to the log-likelihood.  An impossible alignment (some scale 0) gives
    ``inf``, as in PyTorch.  The result carries PyTorch's gradient for ``log_probs``: besides ∂nll/∂log_probs
    it has ``exp(log_probs)`` on the frames used (PyTorch's formula assumes ``log_probs`` came from
    ``log_softmax``, whose backward removes that term again).
    """
    frames, count, classes = log_probs._array.shape
    emit, step, first, last = (Tensor._wrap(a) for a in _ctc_states(targets, target_lengths, blank, classes))
    used_frames = np.arange(frames)[:, None] < input_lengths[None, :]  # (T, N)
    with np.errstate(invalid="ignore"):
        peaks = log_probs._array.astype(np.float64).max(axis=2, keepdims=True)
    peaks = np.where(np.isfinite(peaks), peaks, 0.0)
    probs = exp(log_probs.double() - Tensor._wrap(peaks))
    emissions = matmul(probs.transpose(0, 1), emit)  # (N, T, L): each state's probability at each frame
    alpha = emissions[:, 0] * first
    log_likelihood = Tensor._wrap((peaks[:, :, 0] * used_frames).sum(axis=0))
    impossible = np.zeros(count, dtype=bool)
    for frame in range(frames):
        if frame:
            moved = matmul(unsqueeze(alpha, 1), step)[:, 0] * emissions[:, frame]
        else:
            moved = alpha
        scale = sum(moved, 1)
        empty = scale._array == 0
        impossible |= empty & used_frames[frame]
        used = Tensor._wrap(used_frames[frame].astype(np.float64))
        safe = scale + Tensor._wrap(empty.astype(np.float64))
        log_likelihood = log_likelihood + log(safe) * used
        alpha = moved / unsqueeze(safe, 1) * unsqueeze(used, 1) + alpha * unsqueeze(1 - used, 1)
    ending = sum(alpha * last, 1)
    impossible |= ending._array == 0
    log_likelihood = log_likelihood + log(ending + Tensor._wrap((ending._array == 0).astype(np.float64)))
    dtype = log_probs._array.dtype
    softmax_term = sum(exp(log_probs) * Tensor._wrap(used_frames[:, :, None].astype(dtype)), (0, 2))
    impossible_term = Tensor._wrap(np.where(impossible, np.inf, 0).astype(dtype))
    nll = (-log_likelihood).to(log_probs.dtype)
    return ops.ctc_loss(nll + (softmax_term - softmax_term.detach()) + impossible_term)


def ctc_loss(
    log_probs: Tensor,
    targets: Tensor,
    input_lengths: Tensor | Sequence[int],
    target_lengths: Tensor | Sequence[int],
    blank: int = 0,
    reduction: str = "mean",
    zero_infinity: bool = False,
) -> Tensor:
    """Connectionist Temporal Classification: −log of the probability of all alignments of each target.

    ``log_probs`` (T, N, C) holds log-probabilities per frame; ``targets``
    is padded (N, S) or all targets concatenated (1-d).  ``reduction='mean'``
    divides each loss by its target length, then averages over the batch.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> log_probs = torch.full((2, 1, 2), 0.5).log()
    >>> F.ctc_loss(log_probs, torch.tensor([[1]]), [2], [1], reduction="sum")
    tensor(0.2877)
    """
    reduction = _reduction(None, None, reduction)
    batched = log_probs.dim() == 3
    if not batched:
        log_probs, targets = unsqueeze(log_probs, 1), unsqueeze(targets, 0)
    frames = log_probs._array.shape[0]
    lengths_in, lengths_out = _lengths(input_lengths), _lengths(target_lengths)
    labels = targets._array.astype(np.int64)
    if lengths_in.size and lengths_in.max() > frames:
        raise messages.error("ctc_input_length", frames=frames, length=int(lengths_in.max()))
    if labels.ndim == 2 and lengths_out.size and lengths_out.max() > labels.shape[1]:
        raise messages.error("ctc_target_size", length=int(lengths_out.max()), size=labels.shape[1])
    losses = _ctc_negative_log_likelihood(log_probs, labels, lengths_in, lengths_out, blank)
    if not batched:
        losses = squeeze(losses, 0)
    if zero_infinity:
        losses = where(Tensor._wrap(np.isinf(losses._array)), Tensor._wrap(np.zeros((), losses._array.dtype)), losses)
    if reduction == "mean":
        divisor = Tensor._wrap(np.maximum(lengths_out, 1).astype(losses._array.dtype).reshape(losses._array.shape))
        return mean(losses / divisor)
    return sum(losses) if reduction == "sum" else losses


# -- grid_sample (branch s5_zh) ------------------------------------------------------------------------------

__all__ += ["grid_sample"]


def grid_sample(
    input: Tensor,
    grid: Tensor,
    mode: str = "bilinear",
    padding_mode: str = "zeros",
    align_corners: bool | None = None,
) -> Tensor:
    """Sample ``input`` (N, C, H, W) at the points ``grid`` (N, Hout, Wout, 2) gives, x then y in [−1, 1].

    A volume (N, C, D, H, W) is sampled at a grid (N, Dout, Hout, Wout, 3) of
    x, y and z, between the eight voxels around each point (``'bilinear'``
    is then trilinear, as in PyTorch).  ``mode`` is ``'bilinear'`` or
    ``'nearest'`` (``'bicubic'`` is not implemented here); ``padding_mode``
    says what lies outside the input: ``'zeros'``, the ``'border'`` pixels,
    or its ``'reflection'``.

    Examples
    --------
    >>> import warnings
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> image = torch.arange(4.0).reshape(1, 1, 2, 2)
    >>> F.grid_sample(image, torch.zeros(1, 1, 1, 2), align_corners=True)
    tensor([[[[1.5000]]]])
    """
    if mode not in ("bilinear", "nearest", "bicubic"):
        raise messages.error("grid_sample_mode", mode=mode)
    if padding_mode not in ("zeros", "border", "reflection"):
        raise messages.error("grid_sample_padding_mode", padding_mode=padding_mode)
    if align_corners is None:
        warnings.warn(messages.text("grid_sample_align_corners"), UserWarning, stacklevel=2)
        align_corners = False
    shape, grid_shape = input._array.shape, grid._array.shape
    if shape[0] != grid_shape[0]:
        raise messages.error("grid_sample_batch", shape=_shape_list(shape), grid_shape=_shape_list(grid_shape))
    if grid_shape[-1] != input._array.ndim - 2:
        raise messages.error("grid_sample_last_dim", size=input._array.ndim - 2, grid_shape=_shape_list(grid_shape))
    if input._array.dtype != grid._array.dtype:
        raise messages.error(
            "grid_sample_dtype",
            expected=errors.scalar_type_name(input._array.dtype),
            found=errors.scalar_type_name(grid._array.dtype),
        )
    dims = 4 if input._array.ndim == 4 else 5  # (PyTorch takes any other input for a volume)
    if input._array.ndim != dims or grid._array.ndim != dims:
        raise messages.error(
            "grid_sample_dims", ndim=dims, shape=_shape_list(shape), grid_shape=_shape_list(grid_shape)
        )
    if mode == "bicubic":
        raise messages.error("grid_sample_bicubic_5d") if dims == 5 else messages.error("grid_sample_not_here")
    sample = ops.grid_sample if input._array.ndim == 4 else ops.grid_sample_3d
    return sample(input, grid, mode=mode, padding_mode=padding_mode, align_corners=bool(align_corners))


__all__ += ["affine_grid"]


def affine_grid(theta: Tensor, size: Sequence[int], align_corners: bool | None = None) -> Tensor:
    """The sampling grid of affine maps ``theta`` (N, 2, 3) for an output of ``size`` (N, C, H, W).

    Each output pixel's coordinates (x, y, 1), in [−1, 1], are multiplied by
    its sample's matrix; :func:`grid_sample` then reads the input there.  A
    5-d ``size`` takes (N, 3, 4) matrices.  This is the first half of a
    spatial transformer network.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> identity = torch.tensor([[[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]])
    >>> F.affine_grid(identity, (1, 1, 2, 2), align_corners=True)
    tensor([[[[-1., -1.],
              [ 1., -1.]],
    <BLANKLINE>
             [[-1.,  1.],
              [ 1.,  1.]]]])
    """
    if align_corners is None:
        warnings.warn(messages.text("grid_sample_align_corners"), UserWarning, stacklevel=2)
        align_corners = False
    if not theta.is_floating_point():
        raise messages.error("affine_grid_dtype", dtype=theta.dtype)
    given, size = size, tuple(int(n) for n in size)  # (messages show the size as it was given)
    if len(size) not in (4, 5):
        raise messages.error("affine_grid_size", size=given)
    k = len(size) - 2
    if theta._array.ndim != 3 or theta._array.shape[-2:] != (k, k + 1):
        raise messages.error("affine_grid_theta_shape", k=k, k1=k + 1, size=given, shape=theta.shape)
    if align_corners and min(size[2:]) == 1:
        warnings.warn(messages.text("affine_grid_unit_size"), UserWarning, stacklevel=2)
    elif min(size) <= 0:
        raise messages.error("affine_grid_empty", size=given)
    if theta._array.shape[0] != size[0]:  # (PyTorch's batched product finds it)
        raise messages.error("affine_grid_batch", n=size[0], got=theta._array.shape[0], k1=k + 1)
    return ops.affine_grid_generator(theta, size=size, align_corners=bool(align_corners))


# -- attention ----------------------------------------------------------------------------------------------
# PyTorch's composite code, op for op: the math kernel of scaled_dot_product_attention (the one
# PyTorch runs on the CPU when a gradient is needed) and multi_head_attention_forward's own steps,
# so the values, the nodes (UnsafeViewBackward0, BaddbmmBackward0 ...) and the dropout draws are PyTorch's.


def _package() -> Any:
    import autograd_lab  # (nn is loaded after the package: no cycle)

    return autograd_lab


def _boolean_mask_as_bias(mask: Tensor, dtype: Any) -> Tensor:
    """A boolean mask (True: take part) as the bias PyTorch adds: 0 where True, -inf where False."""
    lab = _package()
    return where(mask.logical_not(), -math.inf, lab.scalar_tensor(0.0, dtype=dtype))


def scaled_dot_product_attention(
    query: Tensor,
    key: Tensor,
    value: Tensor,
    attn_mask: Tensor | None = None,
    dropout_p: float = 0.0,
    is_causal: bool = False,
    scale: float | None = None,
    enable_gqa: bool = False,
) -> Tensor:
    """Attention: ``softmax(query @ keyᵀ · scale + mask) @ value``, with ``scale = 1/√E`` by default.

    ``attn_mask`` is added to the scores, or, if boolean, says which pairs
    take part (True); ``is_causal`` lets each position see only itself and
    earlier ones.  Computed as PyTorch's math kernel computes it: query and
    key are each scaled by ``√scale`` before their product.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> q = torch.zeros(1, 2, 2)  # queries that like every key alike: the weights are even
    >>> v = torch.tensor([[[1.0, 2.0], [3.0, 4.0]]])
    >>> F.scaled_dot_product_attention(q, q, v, is_causal=True)  # the first sees only itself
    tensor([[[1., 2.],
             [2., 3.]]])
    """
    bias = sys.modules.get("autograd_lab.nn.attention.bias")  # (a CausalBias: only once that module is loaded)
    if bias is not None and isinstance(attn_mask, bias.CausalBias):
        return bias.attention_with(
            attn_mask, query, key, value, dropout_p=dropout_p, is_causal=is_causal, scale=scale, enable_gqa=enable_gqa
        )
    dtypes = (query._array.dtype, key._array.dtype, value._array.dtype)
    if not dtypes[0] == dtypes[1] == dtypes[2]:
        names = [errors.c_type_name(d) for d in dtypes]
        raise messages.error("sdpa_dtypes", query=names[0], key=names[1], value=names[2])
    if query._array.ndim < 2 or key._array.ndim < 2 or value._array.ndim < 2:
        raise messages.error(
            "sdpa_dims", query=query._array.ndim, key=key._array.ndim, value=value._array.ndim
        )
    if attn_mask is not None:
        mask_dtype = attn_mask._array.dtype
        if mask_dtype == np.bool_:
            attn_mask = _boolean_mask_as_bias(attn_mask, query.dtype)
        elif mask_dtype != dtypes[0]:
            raise messages.error(
                "sdpa_mask_dtype", mask=errors.c_type_name(mask_dtype), query=errors.c_type_name(dtypes[0])
            )
    if _chosen_kernel(query, key, value, attn_mask, dropout_p, enable_gqa) == "flash":
        return _one_kernel_attention(query, key, value, attn_mask, is_causal, scale)
    if is_causal and attn_mask is not None:  # (PyTorch's one kernel takes both; its math path refuses them)
        raise messages.error("sdpa_mask_and_causal")
    negative = scale is not None and scale < 0.0
    factor = math.sqrt(abs(scale) if scale is not None else 1.0 / math.sqrt(query._array.shape[-1]))
    query = query * (0.0 - factor if negative else factor)
    if is_causal:
        lab = _package()
        rows, columns = query._array.shape[-2], key._array.shape[-2]
        attn_mask = _boolean_mask_as_bias(lab.ones(rows, columns, dtype=lab.bool).tril(), query.dtype)
    if enable_gqa and query._array.ndim >= 3 and key._array.shape[-3] != query._array.shape[-3]:
        heads, kv_heads = query._array.shape[-3], key._array.shape[-3]
        if heads % kv_heads or value._array.shape[-3] != kv_heads:
            raise messages.error("sdpa_gqa_heads", heads=heads, kv_heads=kv_heads)
        key = key.repeat_interleave(heads // kv_heads, -3)
        value = value.repeat_interleave(heads // kv_heads, -3)
    scores = matmul(query, key.transpose(-2, -1) * factor)
    if attn_mask is not None:
        scores.add_(attn_mask)
    weights = ops.safe_softmax(scores, -1)
    if dropout_p > 0.0:
        weights = dropout(weights, dropout_p, training=True)
    return matmul(weights, value)


def _chosen_kernel(
    query: Tensor, key: Tensor, value: Tensor, mask: Tensor | None, dropout_p: float, enable_gqa: bool
) -> str:
    """"flash" or "math", as PyTorch's select_sdp_backend_cpp chooses, within what ``sdpa_kernel`` allows."""
    from .attention import SDPBackend, allowed_backends

    allowed = allowed_backends()
    flash_fits = _runs_as_one_kernel(query, key, value, mask, dropout_p, enable_gqa)
    if allowed is None:
        return "flash" if flash_fits else "math"
    if not allowed & {SDPBackend.FLASH_ATTENTION, SDPBackend.MATH, SDPBackend.OVERRIDEABLE}:
        raise messages.error("sdpa_no_viable_backend")
    if SDPBackend.FLASH_ATTENTION in allowed and flash_fits:
        return "flash"
    if SDPBackend.MATH in allowed:
        return "math"
    if SDPBackend.FLASH_ATTENTION in allowed:  # PyTorch says why not, then gives up
        messages.warn("sdpa_flash_not_used")
        if dropout_p > 0.0:
            messages.warn("sdpa_fused_dropout")
    raise messages.error("sdpa_no_available_kernel")


def _runs_as_one_kernel(
    query: Tensor, key: Tensor, value: Tensor, mask: Tensor | None, dropout_p: float, enable_gqa: bool
) -> bool:
    """Whether PyTorch runs this attention as its one CPU flash kernel (``use_flash_attention_cpp``'s checks).

    Only the node recorded depends on it (ScaledDotProductFlashAttentionForCpuBackward0, or the math
    kernel's matmul, softmax ... ending in UnsafeViewBackward0); the values are the same.
    """
    arrays = (query._array, key._array, value._array)
    if dropout_p > 0.0 or any(a.ndim != 4 for a in arrays) or arrays[0].dtype.kind != "f":
        return False
    (batch, heads, rows, features), (k_batch, k_heads, columns, _) = arrays[0].shape, arrays[1].shape
    if k_batch != batch or arrays[2].shape[0] != batch or arrays[2].shape[1] != k_heads:
        return False
    if k_heads != heads and not (enable_gqa and heads % k_heads == 0):
        return False
    if arrays[1].shape[-1] != features or arrays[2].shape[-1] != features or rows == 0 or columns == 0:
        return False
    if any(x.stride(-1) != 1 for x in (query, key, value)):
        return False
    if mask is None:
        return True
    shape = mask._array.shape
    if mask.requires_grad or shape[-2] not in (rows, 1) or shape[-1] not in (columns, 1):
        return False
    return mask._array.ndim == 2 or (mask._array.ndim == 4 and shape[0] in (1, batch) and shape[1] in (1, heads))


def _one_kernel_attention(
    query: Tensor, key: Tensor, value: Tensor, mask: Tensor | None, is_causal: bool, scale: float | None
) -> Tensor:
    """Attention as one node: the mask (the causal one too) and the scale are its parameters."""
    rows, columns = query._array.shape[-2], key._array.shape[-2]
    bias = None if mask is None else mask._array
    if is_causal:  # (with a mask too: both apply)
        causal = np.where(np.tri(rows, columns, dtype=bool), 0.0, -np.inf).astype(query._array.dtype)
        bias = causal if bias is None else bias + causal
    if scale is None:
        scale = 1.0 / math.sqrt(query._array.shape[-1])
    groups = query._array.shape[1] // key._array.shape[1]
    if groups > 1:  # grouped-query attention: each key and value head serves `groups` query heads
        key, value = key.repeat_interleave(groups, -3), value.repeat_interleave(groups, -3)
    return ops.flash_attention(query, key, value, mask=bias, scale=scale)


def _none_or_dtype(input: Tensor | None) -> Any:
    """A mask's dtype, or None."""
    if input is None:
        return None
    if isinstance(input, Tensor):
        return input.dtype
    raise messages.error("mha_none_or_dtype")


def _canonical_mask(
    mask: Tensor | None,
    mask_name: str,
    other_type: Any,
    other_name: str,
    target_type: Any,
    check_other: bool = True,
) -> Tensor | None:
    """A boolean mask (True: left out) as a float mask of ``target_type`` (-inf where True); a float one as it is."""
    if mask is None:
        return None
    is_float = mask.is_floating_point()
    if mask.dtype != _package().bool and not is_float:
        raise messages.error("mha_mask_type", mask_name=mask_name)
    if check_other and other_type is not None and mask.dtype != other_type:
        warnings.warn(
            messages.text("mha_mismatched_masks", mask_name=mask_name, other_name=other_name), UserWarning, stacklevel=3
        )
    if not is_float:
        mask = _package().zeros_like(mask, dtype=target_type).masked_fill_(mask, float("-inf"))
    return mask


def _mha_shape_check(
    query: Tensor,
    key: Tensor,
    value: Tensor,
    key_padding_mask: Tensor | None,
    attn_mask: Tensor | None,
    num_heads: int,
) -> bool:
    """Whether the inputs are batched (3-d) or one sequence (2-d); any other shape is refused."""
    ndim = query.dim()
    if ndim not in (2, 3):
        raise messages.error("mha_query_dims", ndim=ndim)
    batched = ndim == 3
    kind = "batched (3-D)" if batched else "unbatched (2-D)"
    if key.dim() != ndim or value.dim() != ndim:
        raise messages.error("mha_key_value_dims", kind=kind, ndim=ndim, key=key.dim(), value=value.dim())
    if key_padding_mask is not None and key_padding_mask.dim() != ndim - 1:
        raise messages.error("mha_padding_dims", kind=kind, expected=ndim - 1, ndim=key_padding_mask.dim())
    if attn_mask is not None:
        if attn_mask.dim() not in (2, 3):
            raise messages.error("mha_attn_mask_dims", kind=kind, ndim=attn_mask.dim())
        if not batched and attn_mask.dim() == 3:
            expected = (num_heads, query.shape[0], key.shape[0])
            if tuple(attn_mask.shape) != expected:
                raise messages.error("mha_attn_mask_shape3", expected=expected, shape=attn_mask.shape)
    return batched


def _in_projection_packed(q: Tensor, k: Tensor, v: Tensor, w: Tensor, b: Tensor | None = None) -> list[Tensor]:
    """Query, key and value through the packed (3E, E) in-projection, one product where they are one tensor."""
    embed = q.size(-1)
    if k is v:
        if q is k:  # self-attention: one product, then the three parts
            proj = linear(q, w, b).unflatten(-1, (3, embed)).unsqueeze(0).transpose(0, -2).squeeze(-2).contiguous()
            return [proj[0], proj[1], proj[2]]
        w_q, w_kv = w.split([embed, embed * 2])
        b_q, b_kv = (None, None) if b is None else b.split([embed, embed * 2])
        kv = linear(k, w_kv, b_kv).unflatten(-1, (2, embed)).unsqueeze(0).transpose(0, -2).squeeze(-2).contiguous()
        return [linear(q, w_q, b_q), kv[0], kv[1]]
    w_q, w_k, w_v = w.chunk(3)
    b_q, b_k, b_v = (None, None, None) if b is None else b.chunk(3)
    return [linear(q, w_q, b_q), linear(k, w_k, b_k), linear(v, w_v, b_v)]


def _in_projection(
    q: Tensor,
    k: Tensor,
    v: Tensor,
    w_q: Tensor,
    w_k: Tensor,
    w_v: Tensor,
    b_q: Tensor | None = None,
    b_k: Tensor | None = None,
    b_v: Tensor | None = None,
) -> tuple[Tensor, Tensor, Tensor]:
    """Query, key and value through their own projections (key and value may have other sizes)."""
    e_q, e_k, e_v = q.size(-1), k.size(-1), v.size(-1)
    for name, weight, expected in (("query", w_q, (e_q, e_q)), ("key", w_k, (e_q, e_k)), ("value", w_v, (e_q, e_v))):
        if tuple(weight.shape) != expected:
            raise messages.error("mha_weight_shape", name=name, expected=expected, shape=weight.shape)
    for name, bias in (("query", b_q), ("key", b_k), ("value", b_v)):
        if bias is not None and tuple(bias.shape) != (e_q,):
            raise messages.error("mha_bias_shape", name=name, expected=(e_q,), shape=bias.shape)
    return linear(q, w_q, b_q), linear(k, w_k, b_k), linear(v, w_v, b_v)


def multi_head_attention_forward(
    query: Tensor,
    key: Tensor,
    value: Tensor,
    embed_dim_to_check: int,
    num_heads: int,
    in_proj_weight: Tensor | None,
    in_proj_bias: Tensor | None,
    bias_k: Tensor | None,
    bias_v: Tensor | None,
    add_zero_attn: bool,
    dropout_p: float,
    out_proj_weight: Tensor,
    out_proj_bias: Tensor | None,
    training: bool = True,
    key_padding_mask: Tensor | None = None,
    need_weights: bool = True,
    attn_mask: Tensor | None = None,
    use_separate_proj_weight: bool = False,
    q_proj_weight: Tensor | None = None,
    k_proj_weight: Tensor | None = None,
    v_proj_weight: Tensor | None = None,
    static_k: Tensor | None = None,
    static_v: Tensor | None = None,
    average_attn_weights: bool = True,
    is_causal: bool = False,
) -> tuple[Tensor, Tensor | None]:
    """The forward pass of :class:`~autograd_lab.nn.MultiheadAttention`, step for step as PyTorch takes it.

    Inputs are (L, N, E) (sequence first) or (L, E) for one sequence.
    Returns the attention output and, if ``need_weights``, the attention
    weights (averaged over the heads if ``average_attn_weights``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> x = torch.ones(2, 1, 4)
    >>> out, weights = F.multi_head_attention_forward(
    ...     x, x, x, 4, 2, torch.eye(4).repeat(3, 1), None, None, None, False, 0.0, torch.eye(4), None)
    >>> weights
    tensor([[[0.5000, 0.5000],
             [0.5000, 0.5000]]])
    """
    lab = _package()
    batched = _mha_shape_check(query, key, value, key_padding_mask, attn_mask, num_heads)
    if not batched:  # one sequence: a batch of one, taken off again at the end
        query, key, value = query.unsqueeze(1), key.unsqueeze(1), value.unsqueeze(1)
        if key_padding_mask is not None:
            key_padding_mask = key_padding_mask.unsqueeze(0)
    tgt_len, bsz, embed_dim = query.shape
    src_len = key.shape[0]
    key_padding_mask = _canonical_mask(
        key_padding_mask, "key_padding_mask", _none_or_dtype(attn_mask), "attn_mask", query.dtype
    )
    if is_causal and attn_mask is None:
        raise messages.error("mha_causal_needs_mask")
    if is_causal and key_padding_mask is None and not need_weights:
        attn_mask = None  # the is_causal hint goes to scaled_dot_product_attention instead
    else:
        attn_mask = _canonical_mask(attn_mask, "attn_mask", None, "", query.dtype, check_other=False)
        if key_padding_mask is not None:
            is_causal = False  # merged with the padding mask, it is causal no more
    if embed_dim != embed_dim_to_check:
        raise messages.error("mha_embed_dim", expected=embed_dim_to_check, found=embed_dim)
    head_dim = embed_dim // num_heads
    if head_dim * num_heads != embed_dim:
        raise messages.error("mha_heads_divide", embed_dim=embed_dim, num_heads=num_heads)
    if use_separate_proj_weight:
        if key.shape[:2] != value.shape[:2]:
            raise messages.error("mha_key_value_dims2", key=key.shape[:2], value=value.shape[:2])
    elif key.shape != value.shape:
        raise messages.error("mha_key_value_shape", key=key.shape, value=value.shape)

    if not use_separate_proj_weight:
        if in_proj_weight is None:
            raise messages.error("mha_missing_weight", flag="False", name="in_proj_weight")
        q, k, v = _in_projection_packed(query, key, value, in_proj_weight, in_proj_bias)
    else:
        for name, weight in (("q_proj_weight", q_proj_weight), ("k_proj_weight", k_proj_weight)):
            if weight is None:
                raise messages.error("mha_missing_weight", flag="True", name=name)
        if v_proj_weight is None:
            raise messages.error("mha_missing_weight", flag="True", name="v_proj_weight")
        b_q, b_k, b_v = (None, None, None) if in_proj_bias is None else in_proj_bias.chunk(3)
        q, k, v = _in_projection(query, key, value, q_proj_weight, k_proj_weight, v_proj_weight, b_q, b_k, b_v)

    if attn_mask is not None:  # as 3-d: (1 or N·heads, L, S)
        if attn_mask.dim() == 2:
            if tuple(attn_mask.shape) != (tgt_len, src_len):
                raise messages.error("mha_attn_mask_2d", shape=attn_mask.shape, expected=(tgt_len, src_len))
            attn_mask = attn_mask.unsqueeze(0)
        elif attn_mask.dim() == 3:
            if tuple(attn_mask.shape) != (bsz * num_heads, tgt_len, src_len):
                raise messages.error(
                    "mha_attn_mask_3d", shape=attn_mask.shape, expected=(bsz * num_heads, tgt_len, src_len)
                )
        else:
            raise messages.error("mha_attn_mask_ndim", ndim=attn_mask.dim())

    if bias_k is not None and bias_v is not None:  # one more key and value, learnt
        if static_k is not None or static_v is not None:
            raise messages.error("mha_bias_static", which="key" if static_k is not None else "value")
        k = lab.cat([k, bias_k.repeat(1, bsz, 1)])
        v = lab.cat([v, bias_v.repeat(1, bsz, 1)])
        if attn_mask is not None:
            attn_mask = pad(attn_mask, (0, 1))
        if key_padding_mask is not None:
            key_padding_mask = pad(key_padding_mask, (0, 1))
    elif bias_k is not None or bias_v is not None:
        raise messages.error("mha_bias_pair", given="bias_k" if bias_k is not None else "bias_v",
                             missing="bias_v" if bias_k is not None else "bias_k")  # fmt: skip

    # heads into the batch: (N·heads, L, head_dim)
    q = q.view(tgt_len, bsz * num_heads, head_dim).transpose(0, 1)
    k = _static_or_heads(k, static_k, "k", bsz * num_heads, head_dim)
    v = _static_or_heads(v, static_v, "v", bsz * num_heads, head_dim)

    if add_zero_attn:  # one more key and value, all zeros
        zeros = (bsz * num_heads, 1, head_dim)
        k = lab.cat([k, lab.zeros(zeros, dtype=k.dtype)], dim=1)
        v = lab.cat([v, lab.zeros(zeros, dtype=v.dtype)], dim=1)
        if attn_mask is not None:
            attn_mask = pad(attn_mask, (0, 1))
        if key_padding_mask is not None:
            key_padding_mask = pad(key_padding_mask, (0, 1))
    src_len = k.size(1)

    if key_padding_mask is not None:  # merged into the attention mask, one row per batch entry and head
        if key_padding_mask.shape[0] != bsz:
            raise messages.error("mha_padding_shape", index=0, expected=bsz, found=key_padding_mask.shape[0])
        if key_padding_mask.shape[1] != src_len:
            raise messages.error("mha_padding_shape", index=1, expected=src_len, found=key_padding_mask.shape[1])
        key_padding_mask = (
            key_padding_mask.view(bsz, 1, 1, src_len).expand(-1, num_heads, -1, -1).reshape(bsz * num_heads, 1, src_len)
        )
        attn_mask = key_padding_mask if attn_mask is None else attn_mask + key_padding_mask

    if not training:
        dropout_p = 0.0

    if need_weights:
        q_scaled = q * math.sqrt(1.0 / float(q.shape[-1]))
        if is_causal and attn_mask is None:
            raise messages.error("mha_causal_weights")
        if attn_mask is not None:
            weights = lab.baddbmm(attn_mask, q_scaled, k.transpose(-2, -1))
        else:
            weights = lab.bmm(q_scaled, k.transpose(-2, -1))
        weights = softmax(weights, dim=-1)
        if dropout_p > 0.0:
            weights = dropout(weights, p=dropout_p)
        out = lab.bmm(weights, v).transpose(0, 1).reshape(tgt_len * bsz, embed_dim)
        out = linear(out, out_proj_weight, out_proj_bias)
        out = out.view(tgt_len, bsz, out.size(1))
        weights = weights.view(bsz, num_heads, tgt_len, src_len)
        if average_attn_weights:
            weights = weights.mean(dim=1)
        if not batched:
            out, weights = out.squeeze(1), weights.squeeze(0)
        return out, weights

    if attn_mask is not None:  # as (1, 1, L, S) or (N, heads, L, S) for scaled_dot_product_attention
        if attn_mask.size(0) == 1 and attn_mask.dim() == 3:
            attn_mask = attn_mask.unsqueeze(0)
        else:
            attn_mask = attn_mask.view(bsz, num_heads, -1, src_len)
    q = q.view(bsz, num_heads, tgt_len, head_dim)
    k = k.view(bsz, num_heads, src_len, head_dim)
    v = v.view(bsz, num_heads, src_len, head_dim)
    out = scaled_dot_product_attention(q, k, v, attn_mask, dropout_p, is_causal)
    out = out.permute(2, 0, 1, 3).reshape(bsz * tgt_len, embed_dim)
    out = linear(out, out_proj_weight, out_proj_bias)
    out = out.view(tgt_len, bsz, out.size(1))
    if not batched:
        out = out.squeeze(1)
    return out, None


def _static_or_heads(x: Tensor, static: Tensor | None, name: str, batch_heads: int, head_dim: int) -> Tensor:
    """Keys (or values) with the heads moved into the batch, or the ``static_k``/``static_v`` given instead."""
    if static is None:
        return x.view(x.shape[0], batch_heads, head_dim).transpose(0, 1)
    if static.size(0) != batch_heads:
        raise messages.error("mha_static_size", name=name, dim=0, expected=batch_heads, found=static.size(0))
    if static.size(2) != head_dim:
        raise messages.error("mha_static_size", name=name, dim=2, expected=head_dim, found=static.size(2))
    return static


__all__ += ["scaled_dot_product_attention", "multi_head_attention_forward"]


# == s10_norms: RMS norm, instance norm, local response norm, bilinear =============================================

__all__ += ["rms_norm", "instance_norm", "local_response_norm", "bilinear"]


def rms_norm(
    input: Tensor, normalized_shape: Sequence[int], weight: Tensor | None = None, eps: float | None = None
) -> Tensor:
    """Divide by the root mean square over the last dimensions (``normalized_shape``), then scale by ``weight``.

    PyTorch's CPU computation, op for op: ``x * rsqrt(mean(x², dims) + eps)``,
    then ``* weight``; ``eps=None`` is the dtype's machine epsilon
    (``torch.finfo(x.dtype).eps``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.rms_norm(torch.tensor([[3.0, 4.0], [1.0, -1.0]]), (2,))
    tensor([[ 0.8485,  1.1314],
            [ 1.0000, -1.0000]])
    """
    if isinstance(normalized_shape, (int, np.integer)):
        raise messages.error(
            "nn_norm_shape_type", function="rms_norm", type_name=type(normalized_shape).__name__
        )
    shape = tuple(int(n) for n in normalized_shape)
    size = input._array.shape
    if not shape:
        raise messages.error("nn_layer_norm_empty_shape")
    if weight is not None and weight._array.shape != shape:
        raise messages.error(
            "nn_layer_norm_parameter",
            name="weight",
            shape=_shape_list(weight._array.shape),
            expected=_shape_list(shape),
        )
    if len(shape) > len(size):
        raise messages.error("nn_rms_norm_input_dims", expected=len(shape), ndim=len(size))
    if size[len(size) - len(shape) :] != shape:
        expected = (
            "[*" + ", ".join(str(n) for n in shape) + "]"
        )  # PyTorch's rms_norm writes [*3], without a comma
        raise messages.error(
            "nn_layer_norm_shape", shape=_shape_list(shape), expected=expected, size=_shape_list(size)
        )
    if input._array.dtype.kind != "f":
        raise messages.error("nn_rms_norm_dtype", dtype_name=errors.scalar_type_name(input._array.dtype))
    # float16 is computed in float32 (PyTorch's opmath type: eps=None is float32's epsilon too) and
    # rounded back at the end (ToCopyBackward0)
    half = input._array.dtype == np.float16
    x = (input if input._array.flags.c_contiguous else input.contiguous()).float() if half else input
    if eps is None:
        eps = float(np.finfo(x._array.dtype).eps)
    dims = tuple(
        range(len(size) - 1, len(size) - 1 - len(shape), -1)
    )  # the last first, as PyTorch lists them
    result = x * rsqrt(ops.add_scalar(mean(x.pow(2), dims, keepdim=True), other=eps))
    # PyTorch returns a contiguous result: one that keeps a transposed input's layout is copied (CloneBackward0)
    permuted = not result._array.flags.c_contiguous
    if weight is not None and weight.dtype != input.dtype:
        # PyTorch's unfused path: the product in the wider dtype, then back to the input's (ToCopyBackward0);
        # it says so once per process (TORCH_WARN_ONCE)
        global _rms_norm_mixed_warned
        if not _rms_norm_mixed_warned:
            _rms_norm_mixed_warned = True
            messages.warn(
                "nn_rms_norm_mixed_dtype",
                input=errors.c_type_name(input._array.dtype),
                weight=errors.c_type_name(weight._array.dtype),
            )
    if weight is not None:
        result = result * weight
    result = result.contiguous() if permuted else result
    return result.to(input.dtype) if result.dtype != input.dtype else result


_rms_norm_mixed_warned = False


def _resampled_bytes(
    input: Tensor, sizes: list, size: Any, scale_factor: Any, mode: str, align_corners: bool,
    recompute: bool | None, antialias: bool,
) -> Tensor:
    """A uint8 image resized as PyTorch's uint8 kernel does it: along the width first, rounded to bytes,
    then along the height, rounded again (each pass computed in float32 here, where PyTorch uses fixed-point
    weights: a value in a hundred may come out one apart)."""

    def one_pass(x: Tensor, by_size: tuple, by_scale: tuple) -> Tensor:
        if scale_factor is not None and not recompute:
            resized = interpolate(x.float(), None, by_scale, mode, align_corners, None, antialias)
        else:
            resized = interpolate(x.float(), by_size, None, mode, align_corners, None, antialias)
        return Tensor._wrap(np.clip(np.floor(resized._array + np.float32(0.5)), 0, 255).astype(np.uint8))

    scales = (scale_factor, scale_factor) if isinstance(scale_factor, (int, float)) else scale_factor
    height, width = input._array.shape[2:]
    across = one_pass(input, (height, sizes[1]), None if scales is None else (1.0, scales[1]))
    return one_pass(across, tuple(sizes), None if scales is None else (scales[0], 1.0))


def _integer_resampling_kernel(mode: str, ndim: int, dtype: np.dtype) -> str | None:
    """The kernel PyTorch names when it refuses to resample integers (or bools); None where it takes them:
    uint8 images, nearest and (4-D) bilinear or bicubic."""
    if dtype == np.uint8 and (mode in ("nearest", "nearest-exact") or (mode in ("bilinear", "bicubic") and ndim == 4)):
        return None
    if ndim == 4 and mode in ("nearest", "nearest-exact", "bilinear"):
        return f"upsample_{mode.split('-')[0]}2d_channels_last"
    if mode in ("bicubic", "nearest", "linear", "nearest-exact"):
        return f"compute_indices_weights_{'cubic' if mode == 'bicubic' else mode.split('-')[0]}"
    return None  # (area: the pooling says so itself)


def _verify_spatial_size(size: tuple) -> None:
    if math.prod(size[2:]) == 1:
        raise messages.error("nn_instance_norm_spatial", shape=_shape_list(size))


def _check_features(name: str, tensor: Tensor | None, channels: int) -> None:
    if tensor is not None and tensor.numel() != channels:
        raise messages.error("nn_norm_features", name=name, channels=channels, size=tensor.numel())


def _repeated(tensor: Tensor | None, times: int) -> Tensor | None:
    """``tensor.repeat(times)`` (a RepeatBackward0 node for a parameter), or None."""
    return None if tensor is None else tensor.repeat(times)


def instance_norm(
    input: Tensor,
    running_mean: Tensor | None = None,
    running_var: Tensor | None = None,
    weight: Tensor | None = None,
    bias: Tensor | None = None,
    use_input_stats: bool = True,
    momentum: float = 0.1,
    eps: float = 1e-5,
) -> Tensor:
    """Normalise each channel of each example on its own, then scale and shift per channel.

    As PyTorch computes it: a batch norm of the input viewed as one example
    of N·C channels (1, N·C, ...), with the weight, bias and running
    statistics repeated N times; each running statistic then becomes the
    mean of its N updated copies.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.instance_norm(torch.tensor([[[1.0, 3.0], [2.0, 6.0]]]))
    tensor([[[-1.0000,  1.0000],
             [-1.0000,  1.0000]]])
    """
    size = input._array.shape
    if use_input_stats:
        _verify_spatial_size(size)
    if not use_input_stats and (running_mean is None or running_var is None):
        raise messages.error("nn_instance_norm_no_running_stats")
    batch, channels = size[0], size[1]
    with no_grad():
        mean_copies = _repeated(running_mean, batch)
        var_copies = _repeated(running_var, batch)
    weights, biases = _repeated(weight, batch), _repeated(bias, batch)
    for name, tensor in (("running_mean", mean_copies), ("running_var", var_copies), ("weight", weights)):
        _check_features(name, tensor, batch * channels)
    _check_features("bias", biases, batch * channels)
    if input._array.dtype.kind != "f":
        raise messages.error("nn_batch_norm_dtype", dtype_name=errors.scalar_type_name(input._array.dtype))
    _check_batch_norm_dtypes(input, weight, bias, running_mean is not None)
    viewed = input.contiguous().view(1, batch * channels, *size[2:])
    if input._array.size == 0:  # PyTorch's batch norm of nothing: a copy of the input
        if batch == 0 and (weight is not None or bias is not None):
            raise messages.error("nn_instance_norm_empty_select")
        out = viewed.clone()
    else:
        out = _normalized_batch(viewed, mean_copies, var_copies, weights, biases, use_input_stats, momentum, eps)
    with no_grad():
        for stats, copies in ((running_mean, mean_copies), (running_var, var_copies)):
            if stats is not None:  # the mean of the batch's copies (NaN for an empty batch, as in PyTorch)
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", RuntimeWarning)
                    _views.write(stats, mean(copies.view(batch, channels), 0)._array)
    return out.view(size)


def _check_batch_norm_dtypes(
    input: Tensor, weight: Tensor | None, bias: Tensor | None, running: bool
) -> None:
    """PyTorch's CPU batch norm with a weight or bias of another dtype than the input: which error it gives.

    Read off PyTorch 2.13 for float32 and float64 (running statistics of another dtype are fine):
    a float64 parameter with a float32 input, or a float32 bias alone with running statistics, fails
    its mixed-dtype check; a float32 parameter first with a float64 input, "all inputs must share";
    a bias alone of another dtype than the weight, the kernel's scalar type check.
    """
    own = input.dtype
    first = weight if weight is not None else bias
    if first is None or (first.dtype == own and (bias is None or bias.dtype == own)):
        return
    if weight is not None and weight.dtype == own:
        raise messages.error("nn_norm_scalar_type", expected=_type_word(input), found=_type_word(bias))
    if first._array.dtype == np.float64 or (bias is not None and bias._array.dtype == np.float64):
        raise messages.error("nn_norm_mixed_dtype", dtype="Float")
    if weight is None and running:
        raise messages.error("nn_norm_mixed_dtype", dtype="Float")
    raise messages.error("nn_norm_all_same_dtype")


def local_response_norm(
    input: Tensor, size: int, alpha: float = 1e-4, beta: float = 0.75, k: float = 1.0
) -> Tensor:
    """Divide each value by (k + α·mean of the squares of its ``size`` neighbouring channels)^β.

    PyTorch's Python composite, op for op: the squares padded along the
    channels, averaged over windows of ``size`` channels, then ``input / div``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.local_response_norm(torch.tensor([[[2.0], [0.0]]]), 2, alpha=1.0)
    tensor([[[0.8774],
             [0.0000]]])
    """
    dim = input.dim()
    if dim < 3:
        raise messages.error("nn_lrn_dims", ndim=dim)
    if input.numel() == 0:
        return input
    div = input.mul(input)
    if dim == 3:
        div = unsqueeze(div, 1)
        div = pad(div, (0, 0, size // 2, (size - 1) // 2))
        if size <= 0:
            raise messages.error("nn_avg_pool2d_kernel", size=size)
        div = squeeze(avg_pool2d(div, (size, 1), stride=1), 1)
    else:
        sizes = input.shape
        div = div.view(sizes[0], 1, sizes[1], sizes[2], -1)
        div = pad(div, (0, 0, 0, 0, size // 2, (size - 1) // 2))
        if size <= 0:
            raise messages.error("nn_avg_pool3d_kernel", size=size)
        div = squeeze(ops.depth_mean(div, size=size), 1)
        div = div.view(sizes)
    div = div.mul(alpha).add(k).pow(beta)
    return input / div


def bilinear(input1: Tensor, input2: Tensor, weight: Tensor, bias: Tensor | None = None) -> Tensor:
    """``y = x₁ᵀ W x₂ + b`` for each pair of rows: ``weight`` (out, in1, in2), inputs (*, in1) and (*, in2).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.bilinear(torch.tensor([[1.0, 2.0]]), torch.tensor([[3.0]]), torch.ones(1, 2, 1))
    tensor([[9.]])
    """
    tensors = [("input1", input1), ("input2", input2), ("weight", weight)] + (
        [("bias", bias)] if bias is not None else []
    )
    if len({t._array.dtype for _, t in tensors}) > 1:
        listed = ", ".join(f"{name}: {errors.c_type_name(t._array.dtype)}" for name, t in tensors)
        raise messages.error("nn_bilinear_dtypes", listed=listed)
    if input1.dim() != input2.dim():
        raise messages.error("nn_bilinear_dims", dim1=input1.dim(), dim2=input2.dim())
    for axis in range(input1.dim() - 1):
        if input1.shape[axis] != input2.shape[axis]:
            raise messages.error(
                "nn_bilinear_batch", dim=axis, size1=input1.shape[axis], size2=input2.shape[axis]
            )
    if input1.shape[-1] != weight.size(1):
        raise messages.error(
            "nn_bilinear_size", which="input1", got=input1.shape[-1], expected=weight.size(1)
        )
    if input2.shape[-1] != weight.size(2):
        raise messages.error(
            "nn_bilinear_size", which="input2", got=input2.shape[-1], expected=weight.size(2)
        )
    if bias is not None and bias.size(0) != weight.size(0):
        raise messages.error("nn_bilinear_size", which="bias", got=bias.size(0), expected=weight.size(0))
    out_shape = (*input1.shape[:-1], weight.size(0))
    flat1 = reshape(input1, (-1, input1.shape[-1]))
    flat2 = reshape(input2, (-1, input2.shape[-1]))
    output = reshape(ops.trilinear(flat1, weight, flat2), out_shape)
    return output if bias is None else output + bias


# == pixel and channel shuffles, adaptive max pooling, max unpooling, conv_transpose1d, embedding_bag ============
# == (branch s10_pool) ==========================================================================================

__all__ += [
    "pixel_shuffle", "pixel_unshuffle", "channel_shuffle", "adaptive_max_pool1d",
    "adaptive_max_pool2d", "max_unpool1d", "max_unpool2d", "conv_transpose1d", "embedding_bag",
]  # fmt: skip

pixel_shuffle = ops.pixel_shuffle
pixel_unshuffle = ops.pixel_unshuffle
channel_shuffle = ops.channel_shuffle


def _kept_maximum(windows: np.ndarray) -> np.ndarray:
    """Which element of each window (the last axis) PyTorch's max kernels keep: walking the window, a value
    replaces the max so far if it is larger or NaN (the first of equal maxima, the last of several NaNs)."""
    picked = np.argmax(windows, axis=-1)
    nan = np.isnan(windows)
    if nan.any():
        last_nan = windows.shape[-1] - 1 - np.argmax(nan[..., ::-1], axis=-1)
        picked = np.where(nan.any(axis=-1), last_nan, picked)
    return picked


def _adaptive_max_positions(a: np.ndarray, out_size: tuple[int, int]) -> np.ndarray:
    """Where each window's max lies in its H×W plane (``row · W + column``), PyTorch's pick among ties.

    PyTorch's kernel walks a window row by row and keeps a value only if it
    is larger than the max so far, or NaN: the first of equal maxima, the
    last of several NaNs.
    """
    lead, (height, width) = a.shape[:-2], a.shape[-2:]
    positions = np.zeros((*lead, *out_size), np.int64)
    for i, (top, bottom) in enumerate(ops.adaptive_windows(height, out_size[0])):
        for j, (left, right) in enumerate(ops.adaptive_windows(width, out_size[1])):
            span = right - left
            window = a[..., top:bottom, left:right].reshape(*lead, (bottom - top) * span)
            picked = _kept_maximum(window)
            positions[..., i, j] = (top + picked // span) * width + left + picked % span
    return positions


def _sizes_with_default(output_size: Any, shape: tuple) -> Any:
    """PyTorch's ``_list_with_default``: ``None`` in ``output_size`` keeps that dimension's size."""
    if isinstance(output_size, (int, np.integer)):
        return int(output_size)
    if not hasattr(output_size, "__len__"):
        raise messages.error("adaptive_max_pool_size_type", type_name=type(output_size).__name__)
    if len(shape) <= len(output_size):
        raise messages.error("adaptive_max_pool_input_dimension", needed=len(output_size) + 1)
    defaults = shape[len(shape) - len(output_size) :]
    return [n if v is None else int(v) for v, n in zip(output_size, defaults, strict=True)]


def adaptive_max_pool2d(
    input: Tensor, output_size: int | Sequence[int | None], return_indices: bool = False
) -> Tensor | tuple[Tensor, Tensor]:
    """The largest value of each of ``output_size`` windows that tile the image (``None`` keeps a side's size).

    Output ``i`` looks at rows ``⌊i·H/out⌋`` up to ``⌈(i+1)·H/out⌉`` (and
    likewise columns), as in PyTorch.  With ``return_indices``, also where
    each max lies in its H×W plane.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.adaptive_max_pool2d(torch.arange(16.0).reshape(1, 1, 4, 4), 2)
    tensor([[[[ 5.,  7.],
              [13., 15.]]]])
    """
    shape = input._array.shape
    wanted = _sizes_with_default(output_size, shape)
    if len(shape) not in (3, 4):
        raise messages.error("adaptive_max_pool2d_dims", shape=list(shape))
    for dim in range(1, len(shape)):
        if shape[dim] == 0:
            raise messages.error("adaptive_max_pool_empty", name="adaptive_max_pool2d", shape=list(shape), dim=dim)
    out_size = (wanted, wanted) if isinstance(wanted, int) else tuple(wanted)
    if len(out_size) != 2:
        raise messages.error("adaptive_max_pool2d_size")
    if min(out_size) < 0:
        raise errors.negative_dimension((*shape[:-2], *out_size))
    if input._array.dtype.kind != "f":
        raise messages.error(
            "max_pool_dtype", kernel="adaptive_max_pool2d", dtype_name=errors.scalar_type_name(input._array.dtype)
        )
    positions = _adaptive_max_positions(input._array, out_size)
    out = ops.adaptive_max_pool2d(input, positions=positions)
    return (out, Tensor._wrap(positions.copy())) if return_indices else out


def adaptive_max_pool1d(
    input: Tensor, output_size: int | Sequence[int], return_indices: bool = False
) -> Tensor | tuple[Tensor, Tensor]:
    """The largest value of each of ``output_size`` windows spread evenly over sequences (N, C, L) or (C, L).

    As in PyTorch: :func:`adaptive_max_pool2d` of ``input.unsqueeze(-2)``, then ``squeeze(-2)``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.adaptive_max_pool1d(torch.tensor([[1.0, 5.0, 2.0, 0.0, 3.0]]), 2)
    tensor([[5., 3.]])
    """
    if isinstance(output_size, (int, np.integer)):
        sizes = [int(output_size)]
    elif isinstance(output_size, (list, tuple)) or hasattr(output_size, "__len__"):
        sizes = list(output_size)
    else:
        raise messages.error("adaptive_max_pool1d_size_type", type_name=type(output_size).__name__)
    shape = input._array.shape
    if len(shape) not in (2, 3):
        raise messages.error("adaptive_max_pool1d_dims", ndim=len(shape))
    if len(sizes) != 1:
        raise messages.error("adaptive_max_pool1d_size", got=len(sizes))
    for dim in range(1, len(shape)):
        if shape[dim] == 0:
            raise messages.error("adaptive_max_pool_empty", name="adaptive_max_pool1d", shape=list(shape), dim=dim)
    out, indices = adaptive_max_pool2d(unsqueeze(input, -2), (1, int(sizes[0])), True)
    out = squeeze(out, -2)
    return (out, squeeze(indices, -2)) if return_indices else out


def _as_tuple(value: Any, count: int) -> tuple:
    """PyTorch's ``_single``/``_pair``/``_triple``: a sequence as a tuple, a number repeated ``count`` times."""
    if isinstance(value, (int, np.integer)):
        return (int(value),) * count
    if not isinstance(value, Iterable):
        return (value,) * count
    return tuple(value)


def _unpool_output_size(
    input: Tensor, kernel: tuple, stride: tuple, padding: tuple, output_size: Any
) -> list[int]:
    """The spatial size of max unpooling's output: max pooling's input size, or ``output_size`` checked against it."""
    shape, dims = input._array.shape, len(kernel)
    default = [(shape[len(shape) - dims + d] - 1) * stride[d] + kernel[d] - 2 * padding[d] for d in range(dims)]
    if output_size is None:
        size = default
    else:
        if not hasattr(output_size, "__len__"):
            raise messages.error("adaptive_max_pool_size_type", type_name=type(output_size).__name__)
        if len(output_size) == dims + 2:
            output_size = output_size[2:]
        if len(output_size) != dims:
            raise messages.error("max_unpool_output_size_length", dims=dims, full=dims + 2, got=len(output_size))
        for d in range(dims):
            low, high = default[d] - stride[d], default[d] + stride[d]
            if not low < output_size[d] < high:
                raise messages.error("max_unpool_output_size", size=output_size, dim=d, low=low, high=high)
        size = [int(n) for n in output_size]
    for d in range(dims):
        if size[d] < 0:
            raise messages.error("max_unpool_negative", dim=d, size=size[d])
    return size


def _max_unpool2d(input: Tensor, indices: Tensor, size: list[int]) -> Tensor:
    """PyTorch's ``max_unpool2d`` kernel: its checks, then each value written at its index in zeros."""
    positions, shape = indices._array, input._array.shape
    if positions.dtype != np.int64:
        raise messages.error("max_unpool_indices_dtype", dtype_name=errors.scalar_type_name(positions.dtype))
    if len(shape) not in (3, 4):
        raise messages.error("max_unpool_dims", ndim=len(shape))
    if positions.shape != shape:
        raise messages.error("max_unpool_indices_shape", shape=list(shape), indices=list(positions.shape))
    for dim in range(1, len(shape)):
        if shape[dim] == 0:
            raise messages.error("max_unpool_empty", shape=list(shape), dim=dim)
    if input._array.dtype.kind != "f":
        raise messages.error(
            "max_pool_dtype", kernel="max_unpool2d", dtype_name=errors.scalar_type_name(input._array.dtype)
        )
    flat = positions.reshape(-1)
    invalid = (flat < 0) | (flat >= size[0] * size[1])
    if invalid.any():  # (PyTorch's kernel goes on through every index and names the last bad one)
        raise messages.error("max_unpool_index", index=int(flat[invalid][-1]), height=size[0], width=size[1])
    return ops.max_unpool2d(input, positions=positions.copy(), size=(size[0], size[1]))


def max_unpool2d(
    input: Tensor,
    indices: Tensor,
    kernel_size: Pair,
    stride: Pair | None = None,
    padding: Pair = 0,
    output_size: Sequence[int] | None = None,
) -> Tensor:
    """A partial inverse of :func:`max_pool2d`: each max written back where it came from, zeros elsewhere.

    ``indices`` are those ``max_pool2d(..., return_indices=True)`` gave;
    ``output_size`` picks among the input sizes that pool to this size.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> out, indices = F.max_pool2d(torch.arange(16.0).reshape(1, 1, 4, 4), 2, return_indices=True)
    >>> F.max_unpool2d(out, indices, 2)
    tensor([[[[ 0.,  0.,  0.,  0.],
              [ 0.,  5.,  0.,  7.],
              [ 0.,  0.,  0.,  0.],
              [ 0., 13.,  0., 15.]]]])
    """
    kernel = _as_tuple(kernel_size, 2)
    steps = kernel if stride is None else _as_tuple(stride, 2)
    size = _unpool_output_size(input, kernel, steps, _as_tuple(padding, 2), output_size)
    return _max_unpool2d(input, indices, size)


def max_unpool1d(
    input: Tensor,
    indices: Tensor,
    kernel_size: int | Sequence[int],
    stride: int | Sequence[int] | None = None,
    padding: int | Sequence[int] = 0,
    output_size: Sequence[int] | None = None,
) -> Tensor:
    """A partial inverse of :func:`max_pool1d`: each max written back where it came from, zeros elsewhere.

    As in PyTorch: 2-d unpooling of ``input.unsqueeze(-1)``, then ``squeeze(-1)``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> out, indices = F.max_pool1d(torch.tensor([[1.0, 3.0, 2.0, 0.0]]), 2, return_indices=True)
    >>> F.max_unpool1d(out, indices, 2)
    tensor([[0., 3., 2., 0.]])
    """
    kernel = _as_tuple(kernel_size, 1)
    steps = kernel if stride is None else _as_tuple(stride, 1)
    size = _unpool_output_size(input, kernel, steps, _as_tuple(padding, 1), output_size)
    return squeeze(_max_unpool2d(unsqueeze(input, -1), unsqueeze(indices, -1), [size[0], 1]), -1)


def conv_transpose1d(
    input: Tensor,
    weight: Tensor,
    bias: Tensor | None = None,
    stride: int | Sequence[int] = 1,
    padding: int | Sequence[int] = 0,
    output_padding: int | Sequence[int] = 0,
    groups: int = 1,
    dilation: int | Sequence[int] = 1,
) -> Tensor:
    """Transposed 1-D convolution of sequences (N, C_in, L) with kernels (C_in, C_out/groups, k).

    Each input position spreads its channels, times the kernel, over a window
    of the output, which is ``(L − 1)·stride − 2·padding + dilation·(k − 1) +
    output_padding + 1`` long: the gradient of :func:`conv1d` for its input.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.conv_transpose1d(torch.ones(1, 1, 3), torch.ones(1, 1, 2))
    tensor([[[1., 2., 2., 1.]]])
    """
    shape, weight_shape = input._array.shape, weight._array.shape
    if len(shape) not in (2, 3):
        raise messages.error("nn_conv_transpose1d_input_dims", shape=_shape_list(shape))
    if len(weight_shape) < 3:
        raise messages.error("nn_conv_transpose1d_weight_dims")
    batched_shape = shape if len(shape) == 3 else (1, *shape)
    if len(weight_shape) != 3:
        raise messages.error(
            "nn_conv_dims_mismatch",
            ndim=len(weight_shape),
            weight=_shape_list(weight_shape),
            got=len(batched_shape),
            shape=_shape_list(batched_shape),
        )
    step, pad = _single(stride, "stride"), _single(padding, "padding")
    extra, spread = _single(output_padding, "output_padding"), _single(dilation, "dilation")
    if step <= 0:
        raise messages.error("nn_conv_stride_positive")
    if weight_shape[0] % groups:
        raise messages.error("nn_conv_transpose_groups", groups=groups, weight=_shape_list(weight_shape))
    if extra >= step and extra >= spread:
        raise messages.error("nn_output_padding", oh=0, ow=extra, sh=1, sw=step, dh=1, dw=spread)
    if extra >= step:
        raise messages.error("nn_output_padding_stride")
    if batched_shape[1] != weight_shape[0]:
        raise messages.error(
            "nn_conv_transpose1d_channels",
            weight=_shape_list(weight_shape),
            input=_shape_list(batched_shape),
            expected=weight_shape[0],
            got=batched_shape[1],
        )
    kernel = weight_shape[2]
    length = (shape[-1] - 1) * step - 2 * pad + spread * (kernel - 1) + extra + 1
    if length <= 0:
        raise messages.error("nn_conv_transpose1d_empty", length=shape[-1], size=length)
    window = ops.Window((1, kernel), (1, step), (1, spread), ((0, 0), (pad, pad)))
    sequences = input if len(shape) == 3 else unsqueeze(input, 0)
    out = ops.conv_transpose1d(sequences, weight, bias, window=window, groups=groups, size=length)
    return out if len(shape) == 3 else squeeze(out, 0)


_BAG_MODES = ("sum", "mean", "max")


def _bags(
    flat: np.ndarray, starts: np.ndarray, count: int, padding: int, last_offset: bool, past_end: bool,
    scale_grad_by_freq: bool,
) -> ops.Bags:
    """PyTorch's ``offset2bag`` (each index's bag: a running count of the offsets before it) and ``bag_size``.

    As PyTorch's kernels do: with ``include_last_offset`` the last bag runs
    to the end of the input (its size too), except in the forward of the
    float32 sum and mean without ``padding_idx`` (``past_end`` False), which
    stops at the last offset.  ``scale_grad_by_freq`` divides the gradient
    of the k-th distinct index (in sorted order) by the count of the k-th
    index of the sorted input, as PyTorch's ``_embedding_bag_dense_backward``
    does.
    """
    marks = np.zeros(flat.size + 1, np.int64)
    np.add.at(marks, np.clip(starts[:count], 0, flat.size), 1)
    bag_of = np.cumsum(marks)[: flat.size] - 1
    inside = (bag_of >= 0) & (bag_of < count)
    counted = inside & (flat != padding)
    sizes = np.diff(np.append(starts[:count], flat.size)) - np.bincount(
        bag_of[inside & ~counted], minlength=count
    )[:count]
    kept = counted
    if last_offset and not past_end and starts.size:
        kept = counted & (np.arange(flat.size) < starts[count])
    frequency = None
    if scale_grad_by_freq:
        ordered = np.sort(flat)
        distinct = np.unique(flat)
        counts = np.bincount(flat, minlength=int(flat.max(initial=0)) + 1)
        frequency = counts[ordered[np.searchsorted(distinct, flat)]].astype(np.float64)
    return ops.Bags(flat, np.where(inside, bag_of, 0), sizes, count, padding, kept, counted, frequency)


def _bag_maxima(table: np.ndarray, bags: ops.Bags) -> np.ndarray:
    """For each bag and column, the row of its max (the first of equal ones, as PyTorch's kernel); -1 for none."""
    maxima = np.full((bags.count, table.shape[1]), -1, np.int64)
    for entry in np.flatnonzero(bags.kept):
        bag, row = bags.bag_of[entry], bags.indices[entry]
        current = maxima[bag]
        values = table[row]
        better = (current < 0) | (values > table[np.maximum(current, 0), np.arange(table.shape[1])])
        maxima[bag] = np.where(better, row, current)
    return maxima


def _check_bag_indices(input: Tensor, offsets: Tensor | None, weight: Tensor) -> None:
    for tensor in (input, offsets):
        if tensor is not None and tensor._array.dtype not in (np.int64, np.int32):
            raise messages.error("embedding_bag_indices_dtype", type_name=tensor.type())
    if weight._array.dtype.kind != "f":
        raise messages.error("embedding_bag_weight_dtype", type_name=weight.type())


def embedding_bag(
    input: Tensor,
    weight: Tensor,
    offsets: Tensor | None = None,
    max_norm: float | None = None,
    norm_type: float = 2,
    scale_grad_by_freq: bool = False,
    mode: str = "mean",
    sparse: bool = False,
    per_sample_weights: Tensor | None = None,
    include_last_offset: bool = False,
    padding_idx: int | None = None,
) -> Tensor:
    """The sum, mean or max of bags of rows of ``weight``, without making the rows one by one.

    A 2-D ``input`` is one bag per row; a 1-D ``input`` holds the bags one
    after another, ``offsets`` saying where each starts.  ``padding_idx``
    entries are left out of their bag; an empty bag gives zeros.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> table = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    >>> F.embedding_bag(torch.tensor([0, 2, 1]), table, torch.tensor([0, 2]), mode="sum")
    tensor([[6., 8.],
            [3., 4.]])
    """
    if weight._array.dtype == np.int64 and input._array.dtype.kind == "f":  # the old order, (weight, input)
        warnings.warn(messages.text("embedding_bag_argument_order"), UserWarning, stacklevel=2)
        weight, input = input, weight
    indices = input._array
    if per_sample_weights is not None and tuple(per_sample_weights.shape) != indices.shape:
        raise messages.error(
            "embedding_bag_sample_weights_shape",
            weights=f"torch.Size({list(per_sample_weights.shape)})",
            input=f"torch.Size({list(indices.shape)})",
        )
    if weight._array.ndim != 2:
        raise messages.error("embedding_bag_weight_dims", ndim=weight._array.ndim)
    if indices.ndim == 2:
        if offsets is not None:
            raise messages.error("embedding_bag_offsets_with_2d", type_str=str(type(offsets)))
        if indices.shape[1] == 0:
            raise messages.error("arange_step_zero")
        starts = np.arange(0, indices.size, indices.shape[1])
        include_last_offset = False
        if per_sample_weights is not None:
            per_sample_weights = reshape(per_sample_weights, (-1,))
    elif indices.ndim == 1:
        if offsets is None:
            raise messages.error("embedding_bag_offsets_none")
        if offsets._array.ndim != 1:
            raise messages.error("embedding_bag_offsets_dims")
        starts = offsets._array
    else:
        raise messages.error("embedding_bag_input_dims", ndim=indices.ndim)
    if mode not in _BAG_MODES:
        raise messages.error("embedding_bag_mode")
    if mode == "max" and scale_grad_by_freq:
        raise messages.error("embedding_bag_max_scale")
    if mode == "max" and sparse:
        raise messages.error("embedding_bag_max_sparse")
    flat = indices.reshape(-1)
    if max_norm is not None:
        _renorm_rows(weight, flat, max_norm, norm_type)
    if per_sample_weights is not None and mode != "sum":
        raise messages.error("embedding_bag_sample_weights_mode", mode=mode)
    rows = weight._array.shape[0]
    padding = -1
    if padding_idx is not None:
        if not -rows <= padding_idx < rows:
            raise messages.error("embedding_bag_padding_idx", rows=rows, last=rows - 1, padding_idx=padding_idx)
        padding = padding_idx % rows
    _check_bag_indices(input, offsets if indices.ndim == 1 else None, weight)
    starts = starts.astype(np.int64)
    if starts.size and starts[0] != 0:
        raise messages.error("embedding_bag_first_offset", first=int(starts[0]), tensor_type=offsets.type())
    if starts.size and starts[-1] > flat.size:
        raise messages.error("embedding_bag_last_offset", length=flat.size, last=int(starts[-1]))
    if per_sample_weights is not None and per_sample_weights._array.dtype != weight._array.dtype:
        raise messages.error("embedding_bag_sample_weights_dtype", weight=weight.type(), weights=per_sample_weights.type())
    fast_path = weight._array.dtype == np.float32 and mode != "max" and padding == -1  # PyTorch's fbgemm kernel
    if fast_path and np.any(np.diff(starts) < 0):
        raise messages.error("embedding_bag_decreasing_offsets")
    if np.any(starts < 0):
        raise messages.error("embedding_bag_negative_offset")
    invalid = np.flatnonzero((flat < 0) | (flat >= rows))
    if invalid.size:
        value = int(flat[invalid[0]])
        if fast_path:
            raise messages.error("embedding_bag_index_range", position=int(invalid[0]), value=value, rows=rows)
        raise messages.error("embedding_bag_index", value=value)
    count = max(starts.size - 1, 0) if include_last_offset else starts.size
    past_end = not fast_path
    bags = _bags(flat.astype(np.int64), starts, count, padding, include_last_offset, past_end, scale_grad_by_freq)
    maxima = _bag_maxima(weight._array, bags) if mode == "max" else None
    return ops.embedding_bag(weight, per_sample_weights, bags=bags, mode=mode, maxima=maxima)


# == s12_fn: functions PyTorch's nn.functional takes as they are from torch =========================================

__all__ += ["conv3d", "conv_transpose3d", "pdist"]

from ..ops.linalg import pdist  # noqa: E402 - (kept at the end: the session's additions in one place)
from ..ops.volumes import conv3d, conv_transpose3d  # noqa: E402

# == s12_nn3d: 3-d max pooling and channel dropout; RReLU and alpha dropout with nn.functional's signatures ==========

__all__ += ["max_pool3d", "dropout3d", "rrelu", "alpha_dropout", "feature_alpha_dropout"]

from ..ops import volumes as _volumes  # noqa: E402


def max_pool3d(
    input: Tensor,
    kernel_size: int | Sequence[int],
    stride: int | Sequence[int] | None = None,
    padding: int | Sequence[int] = 0,
    dilation: int | Sequence[int] = 1,
    ceil_mode: bool = False,
    return_indices: bool = False,
) -> Tensor | tuple[Tensor, Tensor]:
    """The largest value of each window of volumes (N, C, D, H, W) or (C, D, H, W) (``stride`` defaults to the window).

    With ``return_indices``, also where each came from: an index into its
    flattened D×H×W plane, as PyTorch gives them.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.max_pool3d(torch.arange(16.0).reshape(1, 1, 2, 2, 4), 2, return_indices=True)
    (tensor([[[[[13., 15.]]]]]), tensor([[[[[13, 15]]]]]))
    """
    if input._array.dtype.kind == "b":  # (PyTorch checks the arguments first: checked here on bytes)
        _volumes.max_pool3d_with_indices(Tensor._wrap(input._array.view(np.uint8)), kernel_size, stride, padding, dilation, ceil_mode)
        raise messages.error("nn_max_pool_dtype", kernel="max_pool3d", dtype_name="Bool")
    out, indices = _volumes.max_pool3d_with_indices(input, kernel_size, stride, padding, dilation, ceil_mode)
    return (out, indices) if return_indices else out


def dropout3d(input: Tensor, p: float = 0.5, training: bool = True, inplace: bool = False) -> Tensor:
    """Zero whole channels of volumes (N, C, D, H, W) or (C, D, H, W) with probability ``p``, scaling the rest by 1/(1 − p).

    The channels dropped are PyTorch's after the same ``manual_seed``; other
    ranks are dropped as (N, C, ...) with PyTorch's warning.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> _ = torch.manual_seed(0)
    >>> F.dropout3d(torch.ones(1, 4, 1, 1, 2)).flatten()
    tensor([0., 0., 0., 0., 2., 2., 0., 0.])
    """
    if p < 0.0 or p > 1.0:
        raise messages.error("nn_dropout_probability", p=p)
    ndim = input._array.ndim
    if ndim not in (4, 5):
        messages.warn("nn_dropout3d_dims", ndim=ndim)
    if ndim == 5:
        return _feature_dropout(input, p, training, inplace)
    if inplace:  # PyTorch unsqueezes the input in place, drops, and squeezes it back: the input it returns
        _feature_dropout(unsqueeze(input, 0), p, training, True)
        return input
    return squeeze(_feature_dropout(unsqueeze(input, 0), p, training, False), 0)


def rrelu(
    input: Tensor, lower: float = 1.0 / 8, upper: float = 1.0 / 3, training: bool = False, inplace: bool = False
) -> Tensor:
    """The randomised leaky ReLU: x for x > 0, ``r·x`` otherwise, ``r`` drawn from [lower, upper] while training.

    Not training, ``r`` is ``(lower + upper) / 2``.  The slopes drawn are
    PyTorch's after the same ``manual_seed``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.rrelu(torch.tensor([-1.0, 2.0]), 0.1, 0.3)
    tensor([-0.2000,  2.0000])
    """
    slopes = _rrelu_slopes(input, lower, upper, training)
    if inplace:
        return _views.run_inplace(input, ops.rrelu_with_noise_, noise=slopes)
    return ops.rrelu_with_noise(input, noise=slopes)


def _rrelu_slopes(
    input: Tensor, lower: float, upper: float, training: bool, generator: _random.Generator | None = None
) -> np.ndarray:
    """The slope of each element of ``input`` for :func:`rrelu` and ``torch.rrelu``: 1 where x > 0, otherwise
    drawn from [lower, upper] (training) or their mean."""
    if lower > upper:
        raise messages.error("rrelu_bounds")
    _check_floating(input, "rrelu_with_noise_out_cpu" if training else "leaky_relu_cpu")
    array = input._array
    kind = array.dtype.type
    if not training:
        return np.where(array > 0, kind(1), kind((lower + upper) / 2)).astype(array.dtype)
    flat = np.ascontiguousarray(array).reshape(-1)
    negative = flat <= 0
    # PyTorch's uniform_real_distribution<double>, its bounds first rounded to the tensor's dtype
    low, high = float(kind(lower)), float(kind(upper))
    drawn = _random.generator_of(generator).uniform53(int(negative.sum())) * (high - low) + low
    noise = np.ones_like(flat)
    noise[negative] = drawn.astype(array.dtype)
    return noise.reshape(array.shape)


_SELU_LOWEST = _SELU_ALPHA * _SELU_SCALE  # −(SELU's lowest value): alpha dropout's dropped elements are its negative


def _alpha_dropout(input: Tensor, p: float, train: bool, feature: bool) -> Tensor:
    """PyTorch's ``_dropout_impl`` with alpha: dropped elements become the SELU's negative saturation, and
    ``a·x + b`` restores the mean and variance; ``feature``: whole channels at once."""
    array = input._array
    if p == 0 or not train or array.size == 0:
        return input
    kind = array.dtype.type
    if p == 1:
        return input * Tensor._wrap(np.zeros((), array.dtype))
    _check_noise_scalable(array)
    if feature:
        if array.ndim < 2:
            raise messages.error("nn_feature_dropout_dims")
        shape = array.shape[:2] + (1,) * (array.ndim - 2)
        noise = _random.bernoulli(math.prod(shape), 1 - p, array.dtype, None).reshape(shape)
    else:
        noise = _random.in_memory_order(array, _random.bernoulli(array.size, 1 - p, array.dtype, None))
    a = 1.0 / math.sqrt((_SELU_LOWEST * _SELU_LOWEST * p + 1) * (1 - p))
    # each step rounded in the tensor's dtype, as PyTorch's in-place ops round them
    shift = (noise + kind(-1)) * kind(_SELU_LOWEST * a) + kind(_SELU_LOWEST * a * p)
    return (input * Tensor._wrap(noise * kind(a))).add_(Tensor._wrap(shift))


def _alpha_dropout_of(input: Tensor, p: float, training: bool, inplace: bool, feature: bool) -> Tensor:
    """nn.functional's check of ``p`` (a ValueError), then :func:`_alpha_dropout`, in place if asked."""
    if p < 0.0 or p > 1.0:
        raise messages.error("nn_dropout_probability", p=p)
    if not inplace or p == 0 or not training or input.numel() == 0:  # (these return the input as it is)
        return _alpha_dropout(input, p, training, feature)
    return _views.run_inplace(input, _alpha_dropout, p, training, feature)


def alpha_dropout(input: Tensor, p: float = 0.5, training: bool = False, inplace: bool = False) -> Tensor:
    """Dropout for SELU networks: dropped elements take SELU's lowest value, and ``a·x + b`` keeps the mean
    and variance (only when ``training``; PyTorch's elements after the same ``manual_seed``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.alpha_dropout(torch.ones(3), 0.5)
    tensor([1., 1., 1.])
    """
    return _alpha_dropout_of(input, p, training, inplace, feature=False)


def feature_alpha_dropout(input: Tensor, p: float = 0.5, training: bool = False, inplace: bool = False) -> Tensor:
    """:func:`alpha_dropout` of whole channels (N, C, ...): one coin per sample and channel.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.feature_alpha_dropout(torch.ones(1, 2, 2), 0.5)
    tensor([[[1., 1.],
             [1., 1.]]])
    """
    return _alpha_dropout_of(input, p, training, inplace, feature=True)


__all__ += ["avg_pool3d"]


def avg_pool3d(
    input: Tensor,
    kernel_size: int | Sequence[int],
    stride: int | Sequence[int] | None = None,
    padding: int | Sequence[int] = 0,
    ceil_mode: bool = False,
    count_include_pad: bool = True,
    divisor_override: int | None = None,
) -> Tensor:
    """The mean of each window of volumes (N, C, D, H, W) or (C, D, H, W) (``stride`` defaults to the window).

    ``count_include_pad=False`` divides by the voxels of the window inside the
    volume; ``divisor_override`` divides every window's sum by one number.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.avg_pool3d(torch.arange(16.0).reshape(1, 1, 2, 2, 4), 2)
    tensor([[[[[6.5000, 8.5000]]]]])
    """
    window = _volumes.avg_pool3d_window(input, kernel_size, stride, padding, ceil_mode, divisor_override)
    size = input._array.shape[-3:]
    divisors = _avg_divisors(size, window, count_include_pad, divisor_override)
    return _volumes.avg_pool3d_op(input, window=window, divisors=divisors.reshape(window.out_size(size)))


__all__ += ["adaptive_avg_pool3d", "adaptive_max_pool3d"]


def _adaptive_3d_size(name: str, input: Tensor, output_size: Any) -> tuple[int, int, int]:
    """``output_size`` as three sizes (``None`` keeps the input's), the input checked as ATen checks it."""
    shape = input._array.shape
    wanted = _sizes_with_default(output_size, shape)
    out_size = (wanted,) * 3 if isinstance(wanted, int) else tuple(wanted)
    average = name == "adaptive_avg_pool3d"
    if len(out_size) != 3:
        if average:
            raise messages.error("adaptive_avg_pool3d_size")
        raise messages.error("adaptive_max_pool3d_size")
    if min(out_size) < 0 and not average:
        raise errors.negative_dimension((*shape[:-3], *out_size))
    if min(out_size) < 0:
        depth, height, width = out_size
        raise messages.error("adaptive_avg_pool3d_negative", depth=depth, height=height, width=width)
    if len(shape) not in (4, 5):
        if average:
            raise messages.error("adaptive_avg_pool3d_dims", shape=list(shape))
        raise messages.error("adaptive_max_pool3d_dims", shape=list(shape))
    for dim in range(1, len(shape)):
        if shape[dim] == 0:
            raise messages.error("adaptive_max_pool_empty", name=name, shape=list(shape), dim=dim)
    if input._array.dtype.kind != "f":
        raise messages.error(
            "adaptive_pool3d_dtype", kernel=f"{name}_cpu", dtype_name=errors.scalar_type_name(input._array.dtype)
        )
    return out_size


def adaptive_avg_pool3d(input: Tensor, output_size: int | Sequence[int | None]) -> Tensor:
    """The mean of each of ``output_size`` windows that tile the volume (``None`` keeps that side's size).

    Output ``i`` averages the input ``⌊i·D/out⌋`` up to ``⌈(i+1)·D/out⌉``
    along each side, as in PyTorch; ``output_size=1`` is a global average
    (PyTorch's mean, ``MeanBackward1``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.adaptive_avg_pool3d(torch.arange(8.0).reshape(1, 1, 2, 2, 2), (1, 1, 2))
    tensor([[[[[3., 4.]]]]])
    """
    wanted = _sizes_with_default(output_size, input._array.shape)
    if wanted == 1 or (not isinstance(wanted, int) and list(wanted) == [1, 1, 1]):
        return mean(input, (-1, -2, -3), keepdim=True)  # PyTorch's mean, before it looks at the rank
    out_size = _adaptive_3d_size("adaptive_avg_pool3d", input, output_size)
    return _volumes.adaptive_avg_pool3d_op(input, out_size=out_size)


def adaptive_max_pool3d(
    input: Tensor, output_size: int | Sequence[int | None], return_indices: bool = False
) -> Tensor | tuple[Tensor, Tensor]:
    """The largest value of each of ``output_size`` windows that tile the volume (``None`` keeps a side's size).

    With ``return_indices``, also where each max lies in its flattened
    D×H×W plane, as PyTorch gives them.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.adaptive_max_pool3d(torch.arange(8.0).reshape(1, 1, 2, 2, 2), (1, 1, 2), return_indices=True)
    (tensor([[[[[6., 7.]]]]]), tensor([[[[[6, 7]]]]]))
    """
    out_size = _adaptive_3d_size("adaptive_max_pool3d", input, output_size)
    positions = _volumes.adaptive_max_positions(input._array, out_size)
    out = _volumes.adaptive_max_pool3d_op(input, positions=positions)
    return (out, Tensor._wrap(positions.copy())) if return_indices else out


# == s13_fn: max unpooling of volumes, power-average pooling, fractional max pooling =================================

__all__ += ["max_unpool3d", "lp_pool1d", "lp_pool2d", "lp_pool3d"]
__all__ += [
    "fractional_max_pool2d",
    "fractional_max_pool2d_with_indices",
    "fractional_max_pool3d",
    "fractional_max_pool3d_with_indices",
]

from ..creation import rand as _rand  # noqa: E402


def _max_unpool3d(input: Tensor, indices: Tensor, size: list[int], stride: tuple, padding: tuple) -> Tensor:
    """PyTorch's ``max_unpool3d`` kernel: its checks, then each value written at its index in zeros."""
    positions, shape = indices._array, input._array.shape
    if positions.dtype != np.int64:
        raise messages.error("max_unpool3d_indices_dtype")
    if len(shape) not in (4, 5):
        raise messages.error("max_unpool3d_dims", ndim=len(shape))
    for name, values, colon in (("output_size", size, ""), ("stride", stride, ":"), ("padding", padding, ":")):
        if len(values) != 3:
            raise messages.error("max_unpool3d_argument_length", name=name, colon=colon, count=len(values))
    if positions.shape != shape:
        raise messages.error("max_unpool_indices_shape", shape=list(shape), indices=list(positions.shape))
    for dim in range(1, len(shape)):
        if shape[dim] == 0:
            raise messages.error("max_unpool3d_empty", shape=list(shape), dim=dim)
    if min(stride) <= 0:
        raise messages.error("max_unpool3d_stride", stride=list(stride))
    if input._array.dtype.kind != "f":
        raise messages.error(
            "max_pool_dtype", kernel="max_unpool3d", dtype_name=errors.scalar_type_name(input._array.dtype)
        )
    flat = positions.reshape(-1)
    invalid = (flat < 0) | (flat >= math.prod(size))
    if invalid.any():
        depth, height, width = size
        raise messages.error("max_unpool3d_index", index=int(flat[invalid][-1]), depth=depth, height=height, width=width)
    return ops.max_unpool3d(input, positions=positions.copy(), size=tuple(size))


def max_unpool3d(
    input: Tensor,
    indices: Tensor,
    kernel_size: int | Sequence[int],
    stride: int | Sequence[int] | None = None,
    padding: int | Sequence[int] = 0,
    output_size: Sequence[int] | None = None,
) -> Tensor:
    """A partial inverse of :func:`max_pool3d`: each max written back where it came from, zeros elsewhere.

    ``indices`` are those ``max_pool3d(..., return_indices=True)`` gave;
    ``output_size`` picks among the input sizes that pool to this size.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> out, indices = F.max_pool3d(torch.arange(8.0).reshape(1, 1, 2, 2, 2), 2, return_indices=True)
    >>> out, indices
    (tensor([[[[[7.]]]]]), tensor([[[[[7]]]]]))
    >>> F.max_unpool3d(out, indices, 2).flatten()
    tensor([0., 0., 0., 0., 0., 0., 0., 7.])
    """
    kernel = _as_tuple(kernel_size, 3)
    steps = kernel if stride is None else _as_tuple(stride, 3)
    pads = _as_tuple(padding, 3)
    if min(len(steps), len(pads)) < len(kernel):  # (nn.functional's _unpool_output_size reads them by kernel_size)
        raise messages.error("max_unpool_short_argument")
    size = _unpool_output_size(input, kernel, steps, pads, output_size)
    return _max_unpool3d(input, indices, size, steps, pads)


def _lp_pool(
    max_pool: Any, avg_pool: Any, input: Tensor, norm_type: float, kernel_size: Any, stride: Any, ceil_mode: bool, area: Any
) -> Tensor:
    """PyTorch's ``lp_pool1d/2d/3d``, op for op: ``(sign(s)·relu(|s|)·area)^(1/p)`` of ``s``, the windows'
    means of ``x^p`` (so a window whose sum is 0 gets gradient 0), or max pooling of ``|x|`` for p = ±∞."""
    if isinstance(norm_type, (int, float)):
        if norm_type == float("inf"):
            return max_pool(_abs(input), kernel_size, stride, 0, 1, ceil_mode)
        if norm_type == -float("inf"):
            return -max_pool(-_abs(input), kernel_size, stride, 0, 1, ceil_mode)
    out = avg_pool(input.pow(norm_type), kernel_size, stride, 0, ceil_mode)
    return (out.sign() * relu(_abs(out))).mul(area).pow(1.0 / norm_type)


def lp_pool1d(
    input: Tensor, norm_type: float, kernel_size: int, stride: int | Sequence[int] | None = None, ceil_mode: bool = False
) -> Tensor:
    """The p-norm of each ``kernel_size`` window of sequences (N, C, L): ``(Σ x^p)^(1/p)`` (``stride`` defaults
    to the window); p = ∞ is max pooling of ``|x|``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.lp_pool1d(torch.tensor([[[3.0, 4.0, 1.0, 0.0]]]), 2, 2)
    tensor([[[5., 1.]]])
    """
    return _lp_pool(max_pool1d, avg_pool1d, input, norm_type, kernel_size, stride, ceil_mode, kernel_size)


def lp_pool2d(
    input: Tensor, norm_type: float, kernel_size: Pair, stride: Pair | None = None, ceil_mode: bool = False
) -> Tensor:
    """The p-norm of each ``kernel_size`` window of images (N, C, H, W): ``(Σ x^p)^(1/p)`` (``stride`` defaults
    to the window); p = ∞ is max pooling of ``|x|``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.lp_pool2d(torch.tensor([[[[1.0, 1.0], [1.0, 1.0]]]]), 2, 2)
    tensor([[[[2.]]]])
    """
    area = math.prod(_as_tuple(kernel_size, 2))
    return _lp_pool(max_pool2d, avg_pool2d, input, norm_type, kernel_size, stride, ceil_mode, area)


def lp_pool3d(
    input: Tensor,
    norm_type: float,
    kernel_size: int | Sequence[int],
    stride: int | Sequence[int] | None = None,
    ceil_mode: bool = False,
) -> Tensor:
    """The p-norm of each ``kernel_size`` window of volumes (N, C, D, H, W): ``(Σ x^p)^(1/p)`` (``stride``
    defaults to the window); p = ∞ is max pooling of ``|x|``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.lp_pool3d(torch.ones(1, 1, 2, 2, 2), 1, 2)
    tensor([[[[[8.]]]]])
    """
    area = math.prod(_as_tuple(kernel_size, 3))
    return _lp_pool(max_pool3d, avg_pool3d, input, norm_type, kernel_size, stride, ceil_mode, area)


def _fractional_starts(samples: np.ndarray, input_size: int, output_size: int, pool_size: int) -> np.ndarray:
    """ATen's ``generate_intervals``: where each of ``output_size`` windows starts along one side, for each
    plane's sample in [0, 1), computed in the samples' dtype as ATen computes it (the last window at the end).

    ``start_i = ⌊(i + u)·α⌋ − ⌊u·α⌋`` with ``α = (input − pool) / (output − 1)``.
    """
    kind = samples.dtype.type
    starts = np.empty((samples.size, output_size), np.int64)
    if output_size > 1:
        alpha = kind(input_size - pool_size) / kind(output_size - 1)
        steps = np.arange(output_size - 1).astype(samples.dtype)
        ends = ((steps[None, :] + samples[:, None]) * alpha).astype(np.int64)
        starts[:, :-1] = ends - (samples * alpha).astype(np.int64)[:, None]
    if output_size > 0:
        starts[:, -1] = input_size - pool_size
    return starts


def _fractional_positions(a: np.ndarray, kernel: tuple, out_size: tuple, samples: np.ndarray) -> np.ndarray:
    """Where each window's max lies in its flattened plane, the windows placed by each plane's samples
    (``samples``: (planes, sides), in PyTorch's order of sides) and walked in order as ATen walks them."""
    dims = len(kernel)
    lead, spatial = a.shape[:-dims], a.shape[-dims:]
    planes = math.prod(lead)
    # ATen's 2-d kernel reads a plane's samples as (W, H); the 3-d one as (T, H, W)
    sample_of_side = (1, 0) if dims == 2 else (0, 1, 2)
    flat_index = np.zeros((planes,) + (1,) * (2 * dims), np.int64)
    step = 1
    for d in reversed(range(dims)):
        starts = _fractional_starts(samples[:, sample_of_side[d]], spatial[d], out_size[d], kernel[d])
        along = starts[:, :, None] + np.arange(kernel[d])  # (planes, out, kernel)
        shape = [planes] + [1] * (2 * dims)
        shape[1 + d], shape[1 + dims + d] = out_size[d], kernel[d]
        flat_index = flat_index + along.reshape(shape) * step
        step *= spatial[d]
    windows = flat_index.reshape(planes, math.prod(out_size), math.prod(kernel))
    picks = windows.reshape(planes, windows[0].size if planes else 0)
    values = np.take_along_axis(a.reshape(planes, math.prod(spatial)), picks, axis=1)
    picked = _kept_maximum(values.reshape(windows.shape))
    return np.take_along_axis(windows, picked[..., None], axis=-1).reshape(*lead, *out_size)


_FRACTIONAL_NAMES = {  # (ATen's name in most of its messages, its kernel's name, what a side is called)
    2: ("fractional_max_pool2d()", "fractional_max_pool2d_out_frame", ("height", "width")),
    3: ("fractional_max_pool3d_out()", "fractional_max_pool3d_out_frame", ("time", "height", "width")),
}


def _fractional_max_pool(
    input: Tensor, kernel_size: Any, output_size: Any, samples: Tensor, dims: int
) -> tuple[Tensor, Tensor]:
    """ATen's ``fractional_max_pool2d/3d``: its checks in its order, the windows, and the op."""
    name = f"fractional_max_pool{dims}d"
    what = "Ints" if dims == 2 else "three Ints"
    kernel, out_size = _as_tuple(kernel_size, dims), _as_tuple(output_size, dims)
    for argument, values in (("kernel_size", kernel), ("output_size", out_size)):
        if len(values) != dims:
            raise messages.error("fractional_max_pool_argument_length", function=name, name=argument, what=what)
    function, kernel_name, sides = _FRACTIONAL_NAMES[dims]
    shape = input._array.shape
    if len(shape) not in (dims + 1, dims + 2):
        raise messages.error("fractional_max_pool_dims", function=function, low=dims + 1, high=dims + 2, shape=list(shape))
    for dim in range(1, len(shape)):
        if shape[dim] == 0:
            raise messages.error("fractional_max_pool_empty", function=function, shape=list(shape), dim=dim)
    spatial = shape[-dims:]
    # the 2-d kernel lets the windows reach the last element; the 3-d one checks time, width, height, one short
    order = (0, 1) if dims == 2 else (0, 2, 1)
    for d in order:
        too_large = out_size[d] + kernel[d] - 1 > spatial[d] if dims == 2 else out_size[d] + kernel[d] - 1 >= spatial[d]
        if too_large:
            raise messages.error(
                "fractional_max_pool_too_large", function=function, side=sides[d], kernel=kernel[d], size=spatial[d]
            )
    drawn = samples._array
    batch, channels = (shape[0] if len(shape) == dims + 2 else 1), shape[-dims - 1]
    if drawn.ndim != 3:
        raise messages.error("fractional_samples_dims", ndim=drawn.ndim)
    if drawn.dtype != input._array.dtype:
        raise messages.error("fractional_samples_dtype")
    if drawn.shape[2] != dims:
        raise messages.error("fractional_samples_sides", sides=dims, got=drawn.shape[2])
    if drawn.shape[1] != channels:
        raise messages.error("fractional_samples_channels")
    if drawn.shape[0] < batch:
        raise messages.error("fractional_samples_batch")
    if min(out_size) < 0:
        raise errors.negative_dimension((*shape[:-dims], *out_size))
    if input._array.dtype.kind != "f":
        raise messages.error("max_pool_dtype", kernel=kernel_name, dtype_name=errors.scalar_type_name(input._array.dtype))
    per_plane = drawn[:batch].reshape(batch * channels, dims)
    positions = _fractional_positions(input._array, kernel, out_size, per_plane)
    op = ops.fractional_max_pool2d if dims == 2 else ops.fractional_max_pool3d
    return op(input, positions=positions), Tensor._wrap(positions.copy())


def _fractional_output_size(input: Tensor, output_ratio: Any, dims: int) -> list[int]:
    """``output_ratio`` times the input's last ``dims`` sizes, rounded down, as nn.functional computes it."""
    ratio = _as_tuple(output_ratio, dims)
    return [int(input.size(d - dims) * ratio[d]) for d in range(dims)]


def _fractional_samples(input: Tensor, dims: int, samples: Tensor | None) -> Tensor:
    """``_random_samples``, or nn.functional's draw of them: ``torch.rand(N, C, dims, dtype=input.dtype)``."""
    if samples is not None:
        return samples
    batch = 1 if input.dim() == dims + 1 else input.size(0)
    return _rand(batch, input.size(-dims - 1), dims, dtype=input.dtype)


def fractional_max_pool2d_with_indices(
    input: Tensor,
    kernel_size: Pair,
    output_size: Pair | None = None,
    output_ratio: float | Sequence[float] | None = None,
    return_indices: bool = False,
    _random_samples: Tensor | None = None,
) -> tuple[Tensor, Tensor]:
    """:func:`fractional_max_pool2d`, and where each max came from (an index into its H×W plane).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> samples = torch.tensor([[[0.5, 0.5]]])
    >>> F.fractional_max_pool2d_with_indices(torch.arange(9.0).reshape(1, 1, 3, 3), 2, 1, _random_samples=samples)
    (tensor([[[[8.]]]]), tensor([[[[8]]]]))
    """
    if output_size is None and output_ratio is None:
        raise messages.error("fractional_max_pool_size_or_ratio", name="fractional_max_pool2d")
    if output_size is None:
        if not hasattr(output_ratio, "__len__"):
            raise messages.error("fractional_max_pool2d_ratio_type", type_name=type(output_ratio).__name__)
        if len(output_ratio) > 2:
            raise messages.error("fractional_max_pool2d_ratio_length")
        output_size = _fractional_output_size(input, output_ratio, 2)
    samples = _fractional_samples(input, 2, _random_samples)
    return _fractional_max_pool(input, kernel_size, output_size, samples, 2)


def fractional_max_pool2d(
    input: Tensor,
    kernel_size: Pair,
    output_size: Pair | None = None,
    output_ratio: float | Sequence[float] | None = None,
    return_indices: bool = False,
    _random_samples: Tensor | None = None,
) -> Tensor | tuple[Tensor, Tensor]:
    """Max pooling of images (N, C, H, W) over ``kernel_size`` windows placed at random, ``output_size`` of
    them along each side (or ``output_ratio`` of the side), as in Graham's "Fractional Max-Pooling".

    The windows' starts come from one number in [0, 1) per sample, channel and
    side, drawn as PyTorch draws them (``torch.rand(N, C, 2)``: the same
    windows after the same ``manual_seed``) or given as ``_random_samples``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> _ = torch.manual_seed(0)
    >>> F.fractional_max_pool2d(torch.arange(25.0).reshape(1, 1, 5, 5), 2, output_size=3)
    tensor([[[[ 6.,  8.,  9.],
              [11., 13., 14.],
              [21., 23., 24.]]]])
    """
    out, indices = fractional_max_pool2d_with_indices(
        input, kernel_size, output_size, output_ratio, return_indices, _random_samples
    )
    return (out, indices) if return_indices else out


def fractional_max_pool3d_with_indices(
    input: Tensor,
    kernel_size: int | Sequence[int],
    output_size: int | Sequence[int] | None = None,
    output_ratio: float | Sequence[float] | None = None,
    return_indices: bool = False,
    _random_samples: Tensor | None = None,
) -> tuple[Tensor, Tensor]:
    """:func:`fractional_max_pool3d`, and where each max came from (an index into its T×H×W volume).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> samples = torch.tensor([[[0.5, 0.5, 0.5]]])
    >>> x = torch.arange(27.0).reshape(1, 1, 3, 3, 3)
    >>> F.fractional_max_pool3d_with_indices(x, 2, 1, _random_samples=samples)
    (tensor([[[[[26.]]]]]), tensor([[[[[26]]]]]))
    """
    if output_size is None and output_ratio is None:
        raise messages.error("fractional_max_pool_size_or_ratio", name="fractional_max_pool3d")
    if output_size is None:
        output_size = _fractional_output_size(input, output_ratio, 3)
    samples = _fractional_samples(input, 3, _random_samples)
    return _fractional_max_pool(input, kernel_size, output_size, samples, 3)


def fractional_max_pool3d(
    input: Tensor,
    kernel_size: int | Sequence[int],
    output_size: int | Sequence[int] | None = None,
    output_ratio: float | Sequence[float] | None = None,
    return_indices: bool = False,
    _random_samples: Tensor | None = None,
) -> Tensor | tuple[Tensor, Tensor]:
    """Max pooling of volumes (N, C, T, H, W) over ``kernel_size`` windows placed at random, ``output_size``
    of them along each side (or ``output_ratio`` of the side).

    As :func:`fractional_max_pool2d`, with three samples per sample and channel
    (``torch.rand(N, C, 3)``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.fractional_max_pool3d(torch.randn(2, 3, 8, 8, 8), 3, output_ratio=0.5).shape
    torch.Size([2, 3, 4, 4, 4])
    """
    out, indices = fractional_max_pool3d_with_indices(
        input, kernel_size, output_size, output_ratio, return_indices, _random_samples
    )
    return (out, indices) if return_indices else out


# -- relu_, elu_ ...: the activations written into their input (F.relu(x, inplace=True)) ---------------------


def _in_place_variant(activation: Any, example: str) -> Any:
    """``F.<activation>_``: ``activation(input, ..., inplace=True)``, as PyTorch's in-place functional forms."""

    def variant(input: Tensor, *args: Any, **kwargs: Any) -> Tensor:
        return activation(input, *args, **kwargs, inplace=True)

    name = f"{activation.__name__}_"
    variant.__name__ = variant.__qualname__ = name
    variant.__doc__ = f"""``{activation.__name__}`` written into ``input`` (``inplace=True``); returns ``input``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> x = torch.tensor([-1.0, 0.5, 2.0])
    >>> F.{name}({example}) is x
    True
    """
    return variant


relu_ = _in_place_variant(relu, "x")
leaky_relu_ = _in_place_variant(leaky_relu, "x, 0.1")
elu_ = _in_place_variant(elu, "x")
hardtanh_ = _in_place_variant(hardtanh, "x")
threshold_ = _in_place_variant(threshold, "x, 0.0, 0.0")
selu_ = _in_place_variant(selu, "x")
celu_ = _in_place_variant(celu, "x")
rrelu_ = _in_place_variant(rrelu, "x")
__all__ += ["relu_", "leaky_relu_", "elu_", "hardtanh_", "threshold_", "selu_", "celu_", "rrelu_"]


# -- a number or a list where a tensor goes: PyTorch's own errors --------------------------------------------

from ..ops import checking_input as _checking_input  # noqa: E402

# The functions PyTorch's C++ argument parser checks: a TypeError that names the argument.
_PARSED = [
    "relu", "relu_", "relu6", "leaky_relu", "leaky_relu_", "elu", "elu_", "celu", "celu_", "selu", "selu_",
    "rrelu", "rrelu_", "gelu", "silu", "mish", "hardtanh", "hardtanh_", "hardswish", "hardsigmoid",
    "hardshrink", "softshrink", "softplus", "threshold_", "prelu", "logsigmoid", "dropout", "alpha_dropout",
    "feature_alpha_dropout", "linear", "bilinear", "cosine_similarity", "pairwise_distance", "pdist", "one_hot",
    "pixel_shuffle", "pixel_unshuffle", "channel_shuffle", "avg_pool1d", "avg_pool2d", "avg_pool3d",
    "adaptive_avg_pool1d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d",
    "scaled_dot_product_attention", "gumbel_softmax",
]  # fmt: skip
# (their names in it, where they differ, and the first argument's, where it is not input)
_PARSED_AS = {"logsigmoid": ("log_sigmoid", "input"), "bilinear": ("bilinear", "input1"),
              "cosine_similarity": ("cosine_similarity", "x1"), "pairwise_distance": ("pairwise_distance", "x1"),
              "scaled_dot_product_attention": ("scaled_dot_product_attention", "query"),
              "gumbel_softmax": ("empty_like", "input")}  # fmt: skip
for _name in _PARSED:
    _cpp_name, _argument = _PARSED_AS.get(_name, (_name, "input"))
    globals()[_name] = _checking_input(_cpp_name, globals()[_name], _argument, numbers_elsewhere=False)


def _calling_method(function: Any, attribute: str, without_dim: str | None = None) -> Any:
    """``function``, with the AttributeError PyTorch's Python code gives a number: it calls ``input.<attribute>``
    (``F.softmax(1, dim=1)``: 'int' object has no attribute 'softmax'), or ``input.<without_dim>`` first
    when no ``dim`` is given (``F.softmax(1)`` asks ``input.dim()``)."""

    @functools.wraps(function)
    def checked(input: Any, *args: Any, **kwargs: Any) -> Any:
        if not isinstance(input, Tensor):
            dim_given = (args[0] if args else kwargs.get("dim")) is not None
            said = attribute if without_dim is None or dim_given else without_dim
            raise messages.error("function_needs_tensor", type_name=messages.type_name(input), attribute=said)
        return function(input, *args, **kwargs)

    return checked


for _name, _attribute in {
    "sigmoid": "sigmoid", "tanh": "tanh", "tanhshrink": "tanh", "softsign": "abs", "normalize": "norm",
    "glu": "dim", "dropout1d": "dim", "dropout2d": "dim", "dropout3d": "dim", "interpolate": "dim",
    "upsample": "dim", "upsample_nearest": "dim", "upsample_bilinear": "dim", "instance_norm": "size",
}.items():  # fmt: skip
    globals()[_name] = _calling_method(globals()[_name], _attribute)
for _name, _attribute in {"softmax": "softmax", "log_softmax": "log_softmax", "softmin": "softmax"}.items():
    globals()[_name] = _calling_method(globals()[_name], _attribute, without_dim="dim")
del _name, _cpp_name, _argument, _attribute


# == the *_with_indices forms: PyTorch's max poolings that always return (maxima, indices) ======================


def _returning_indices(pool: str, place: int, example: str, shown: str) -> Any:
    """PyTorch's ``F.<pool>_with_indices``: ``F.<pool>`` with ``return_indices=True`` (the flag itself is
    ignored, as there), ``place`` being its position among the pooling's parameters."""

    def with_indices(*args: Any, **kwargs: Any) -> tuple[Tensor, Tensor]:
        kwargs.pop("return_indices", None)
        return globals()[pool](*args[:place], **kwargs, return_indices=True)

    with_indices.__name__ = with_indices.__qualname__ = f"{pool}_with_indices"
    with_indices.__doc__ = f"""``F.{pool}(..., return_indices=True)``: the maxima, and where each came from.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.{pool}_with_indices({example})
    {shown}
    """
    return with_indices


_RETURNING_INDICES = {
    "max_pool1d": (6, "torch.tensor([[[1.0, 3.0, 2.0, 0.0]]]), 2", "(tensor([[[3., 2.]]]), tensor([[[1, 2]]]))"),
    "max_pool2d": (6, "torch.tensor([[[[1.0, 3.0], [4.0, 2.0]]]]), 2", "(tensor([[[[4.]]]]), tensor([[[[2]]]]))"),
    "max_pool3d": (
        6, "torch.arange(8.0).flip(0).reshape(1, 1, 2, 2, 2), 2", "(tensor([[[[[7.]]]]]), tensor([[[[[0]]]]]))"
    ),
    "adaptive_max_pool1d": (
        2, "torch.tensor([[[1.0, 3.0, 2.0, 0.0]]]), 2", "(tensor([[[3., 2.]]]), tensor([[[1, 2]]]))"
    ),
    "adaptive_max_pool2d": (
        2, "torch.tensor([[[[1.0, 3.0], [4.0, 2.0]]]]), 1", "(tensor([[[[4.]]]]), tensor([[[[2]]]]))"
    ),
    "adaptive_max_pool3d": (
        2, "torch.arange(8.0).flip(0).reshape(1, 1, 2, 2, 2), 1", "(tensor([[[[[7.]]]]]), tensor([[[[[0]]]]]))"
    ),
}  # fmt: skip
for _pool, (_place, _example, _shown) in _RETURNING_INDICES.items():
    globals()[f"{_pool}_with_indices"] = _returning_indices(_pool, _place, _example, _shown)
__all__ += [f"{_pool}_with_indices" for _pool in _RETURNING_INDICES]
del _pool, _place, _example, _shown
