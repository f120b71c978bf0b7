"""``torch.conv2d``, ``torch.dropout``, ``torch.layer_norm`` ...: nn.functional's functions at the top level.

PyTorch has most layer functions twice: ``torch.nn.functional.<name>`` (a
Python function with friendly defaults) and ``torch.<name>`` (the ATen
operator F calls).  The twins here take the ATen operator's arguments,
which are not always F's:

- ``torch.dropout(input, p, train)``: ``p`` and ``train`` are required;
- ``torch.batch_norm(input, weight, bias, running_mean, running_var,
  training, momentum, eps, cudnn_enabled)`` and ``torch.instance_norm``:
  every argument is required, the weight and bias come first;
- ``torch.embedding(weight, indices, padding_idx=-1, ...)``: the weight
  first; a negative ``padding_idx`` means none;
- the losses take ``reduction`` as a number: 1 is the mean, 2 the sum and
  any other the losses themselves.  Left out, it is 0 (no reduction), as
  PyTorch's Python binding reads the default its schema writes ``Mean``;
- ``torch.adaptive_max_pool1d`` returns the values and their indices.

Each twin calls the ``nn.functional`` function (imported when first
called, so that ``import autograd_lab`` stays quick), and so records the
nodes PyTorch records.

Examples
--------
>>> import autograd_lab as torch
>>> torch.dropout(torch.ones(3), 0.5, False)
tensor([1., 1., 1.])
>>> torch.embedding(torch.tensor([[0.0, 1.0], [2.0, 3.0]]), torch.tensor([1, 1, 0]))
tensor([[2., 3.],
        [2., 3.],
        [0., 1.]])
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from types import ModuleType
from typing import Any

from . import _random, messages
from .ops import attach_methods, export, methods
from .tensor import Tensor

Size = int | Sequence[int]


def _functional() -> ModuleType:
    """``autograd_lab.nn.functional``, imported on first use (it brings all of ``nn``)."""
    from .nn import functional

    return functional


def _ops(module: str) -> ModuleType:
    """``autograd_lab.ops.nn`` or ``ops.volumes``, imported on first use (see ``ops.LOADED_ON_FIRST_USE``)."""
    return importlib.import_module(f".ops.{module}", __package__)


_REDUCTIONS = {1: "mean", 2: "sum"}  # ATen's Reduction enum; any other number leaves the losses as they are


def _reduction(function: str, reduction: Any) -> str:
    """A loss's ``reduction`` number as nn.functional's word, refusing a word as PyTorch's parser does."""
    if not isinstance(reduction, int):
        raise messages.error("loss_reduction_not_int", function=function, type_name=type(reduction).__name__)
    return _REDUCTIONS.get(reduction, "none")


# -- convolutions -------------------------------------------------------------------------------------------


@export
def conv1d(
    input: Tensor,
    weight: Tensor,
    bias: Tensor | None = None,
    stride: Size = 1,
    padding: Size | str = 0,
    dilation: Size = 1,
    groups: int = 1,
) -> Tensor:
    """1-D convolution of sequences (N, C, L) with kernels (O, C/groups, k): ``F.conv1d``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.conv1d(torch.arange(4.0).reshape(1, 1, 4), torch.tensor([[[1.0, -1.0]]]))
    tensor([[[-1., -1., -1.]]])
    """
    return _functional().conv1d(input, weight, bias, stride, padding, dilation, groups)


@export
def conv2d(
    input: Tensor,
    weight: Tensor,
    bias: Tensor | None = None,
    stride: Size = 1,
    padding: Size | str = 0,
    dilation: Size = 1,
    groups: int = 1,
) -> Tensor:
    """2-D convolution of images (N, C, H, W) with kernels (O, C/groups, kh, kw): ``F.conv2d``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.conv2d(torch.ones(1, 1, 3, 3), torch.ones(1, 1, 2, 2))
    tensor([[[[4., 4.],
              [4., 4.]]]])
    """
    return _functional().conv2d(input, weight, bias, stride, padding, dilation, groups)


@export
def conv_transpose1d(
    input: Tensor,
    weight: Tensor,
    bias: Tensor | None = None,
    stride: Size = 1,
    padding: Size = 0,
    output_padding: Size = 0,
    groups: int = 1,
    dilation: Size = 1,
) -> Tensor:
    """Transposed 1-D convolution of (N, C_in, L) with kernels (C_in, C_out/groups, k): ``F.conv_transpose1d``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.conv_transpose1d(torch.ones(1, 1, 3), torch.ones(1, 1, 2))
    tensor([[[1., 2., 2., 1.]]])
    """
    return _functional().conv_transpose1d(
        input, weight, bias, stride, padding, output_padding, groups, dilation
    )


@export
def conv_transpose2d(
    input: Tensor,
    weight: Tensor,
    bias: Tensor | None = None,
    stride: Size = 1,
    padding: Size = 0,
    output_padding: Size = 0,
    groups: int = 1,
    dilation: Size = 1,
) -> Tensor:
    """Transposed 2-D convolution of (N, C_in, H, W) with kernels (C_in, C_out/groups, kh, kw): ``F.conv_transpose2d``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.conv_transpose2d(torch.ones(1, 1, 1, 2), torch.ones(1, 1, 1, 2))
    tensor([[[[1., 2., 1.]]]])
    """
    return _functional().conv_transpose2d(
        input, weight, bias, stride, padding, output_padding, groups, dilation
    )


@export
def conv3d(
    input: Tensor,
    weight: Tensor,
    bias: Tensor | None = None,
    stride: Size = 1,
    padding: Size | str = 0,
    dilation: Size = 1,
    groups: int = 1,
) -> Tensor:
    """3-D convolution of volumes (N, C, D, H, W) with kernels (O, C/groups, kd, kh, kw): ``F.conv3d``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.conv3d(torch.ones(1, 1, 2, 2, 2), torch.ones(1, 1, 2, 2, 2))
    tensor([[[[[8.]]]]])
    """
    return _ops("volumes").conv3d(input, weight, bias, stride, padding, dilation, groups)


@export
def conv_transpose3d(
    input: Tensor,
    weight: Tensor,
    bias: Tensor | None = None,
    stride: Size = 1,
    padding: Size = 0,
    output_padding: Size = 0,
    groups: int = 1,
    dilation: Size = 1,
) -> Tensor:
    """Transposed 3-D convolution of volumes (N, C_in, D, H, W): ``F.conv_transpose3d``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.conv_transpose3d(torch.ones(1, 1, 1, 1, 1), torch.ones(1, 1, 2, 2, 2)).shape
    torch.Size([1, 1, 2, 2, 2])
    """
    return _ops("volumes").conv_transpose3d(
        input, weight, bias, stride, padding, output_padding, groups, dilation
    )


# -- dropout ----------------------------------------------------------------------------------------------------


@export
def dropout(input: Tensor, p: float, train: bool) -> Tensor:
    """``F.dropout(input, p, training=train)``: zero each element with probability ``p``, scale the rest by 1/(1−p).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.dropout(torch.ones(3), 0.2, False)
    tensor([1., 1., 1.])
    """
    _check_probability(p)
    return _functional().dropout(input, p, train)


def _check_probability(p: float) -> None:
    """ATen's check, a RuntimeError (nn.functional's own, before it, is a ValueError)."""
    if not 0 <= p <= 1:
        raise messages.error("nn_dropout_probability", cls=RuntimeError, p=p)


@export
def dropout_(input: Tensor, p: float, train: bool) -> Tensor:
    """:func:`dropout` in place: ``F.dropout(input, p, train, inplace=True)``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> x = torch.ones(3)
    >>> torch.dropout_(x, 1.0, True) is x, x
    (True, tensor([0., 0., 0.]))
    """
    _check_probability(p)
    return _functional().dropout(input, p, train, inplace=True)


@export
def alpha_dropout(input: Tensor, p: float, train: bool) -> Tensor:
    """Dropout for SELU networks: dropped elements take SELU's lowest value, then ``a·x + b`` keeps the
    mean 0 and variance 1 (``F.alpha_dropout``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.alpha_dropout(torch.ones(3), 0.5, False)
    tensor([1., 1., 1.])
    """
    _check_probability(p)
    return _functional()._alpha_dropout(input, p, train, feature=False)


@export
def feature_alpha_dropout(input: Tensor, p: float, train: bool) -> Tensor:
    """:func:`alpha_dropout` of whole channels (N, C, ...): one coin per sample and channel.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.feature_alpha_dropout(torch.ones(1, 2, 2), 0.5, False)
    tensor([[[1., 1.],
             [1., 1.]]])
    """
    _check_probability(p)
    return _functional()._alpha_dropout(input, p, train, feature=True)


# -- normalisation ------------------------------------------------------------------------------------------------


@export
def layer_norm(
    input: Tensor,
    normalized_shape: Sequence[int],
    weight: Tensor | None = None,
    bias: Tensor | None = None,
    eps: float = 1e-05,
    cudnn_enable: bool = True,
) -> Tensor:
    """``F.layer_norm``: normalise over the last dimensions (``cudnn_enable`` has no effect on the CPU).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.layer_norm(torch.tensor([[1.0, 3.0]]), (2,))
    tensor([[-1.0000,  1.0000]])
    """
    return _functional().layer_norm(input, normalized_shape, weight, bias, eps)


@export
def group_norm(
    input: Tensor,
    num_groups: int,
    weight: Tensor | None = None,
    bias: Tensor | None = None,
    eps: float = 1e-05,
    cudnn_enabled: bool = True,
) -> Tensor:
    """``F.group_norm``: normalise each group of channels (``cudnn_enabled`` has no effect on the CPU).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.group_norm(torch.tensor([[1.0, 3.0, 5.0, 5.0]]), 2)
    tensor([[-1.0000,  1.0000,  0.0000,  0.0000]])
    """
    return _functional().group_norm(input, num_groups, weight, bias, eps)


@export
def batch_norm(
    input: Tensor,
    weight: Tensor | None,
    bias: Tensor | None,
    running_mean: Tensor | None,
    running_var: Tensor | None,
    training: bool,
    momentum: float,
    eps: float,
    cudnn_enabled: bool,
) -> Tensor:
    """``F.batch_norm`` with ATen's order of arguments (weight and bias first), every one of them required.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.batch_norm(torch.tensor([[1.0], [3.0]]), None, None, None, None, True, 0.1, 1e-5, True)
    tensor([[-1.0000],
            [ 1.0000]])
    """
    if not training and (running_mean is None or running_var is None):
        raise messages.error(
            "batch_norm_eval_statistics",
            name="running_mean" if running_mean is None else "running_var",
        )
    return _functional()._batch_norm(input, running_mean, running_var, weight, bias, training, momentum, eps)


@export
def instance_norm(
    input: Tensor,
    weight: Tensor | None,
    bias: Tensor | None,
    running_mean: Tensor | None,
    running_var: Tensor | None,
    use_input_stats: bool,
    momentum: float,
    eps: float,
    cudnn_enabled: bool,
) -> Tensor:
    """``F.instance_norm`` with ATen's order of arguments (weight and bias first), every one of them required.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.instance_norm(torch.tensor([[[1.0, 3.0]]]), None, None, None, None, True, 0.1, 1e-5, True)
    tensor([[[-1.0000,  1.0000]]])
    """
    return _functional().instance_norm(
        input, running_mean, running_var, weight, bias, use_input_stats, momentum, eps
    )


@export
def rms_norm(
    input: Tensor, normalized_shape: Sequence[int], weight: Tensor | None = None, eps: float | None = None
) -> Tensor:
    """``F.rms_norm``: divide by the root mean square over the last dimensions, then scale by ``weight``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.rms_norm(torch.tensor([[3.0, 4.0]]), (2,))
    tensor([[0.8485, 1.1314]])
    """
    return _functional().rms_norm(input, normalized_shape, weight, eps)


# -- lookups and products -----------------------------------------------------------------------------------------


@export
def embedding(
    weight: Tensor,
    indices: Tensor,
    padding_idx: int = -1,
    scale_grad_by_freq: bool = False,
    sparse: bool = False,
) -> Tensor:
    """The rows of ``weight`` at ``indices`` (the weight comes first, unlike ``F.embedding``).

    The ``padding_idx`` row gets no gradient; a negative one (the default)
    means there is none, as in ATen.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.embedding(torch.tensor([[0.0, 1.0], [2.0, 3.0]]), torch.tensor([1]))
    tensor([[2., 3.]])
    """
    rows = weight._array.shape[0] if weight._array.ndim else 0
    padding = padding_idx if 0 <= padding_idx < rows else None  # (no index can equal one outside the rows)
    return _functional().embedding(
        indices, weight, padding, scale_grad_by_freq=scale_grad_by_freq, sparse=sparse
    )


@export
def bilinear(input1: Tensor, input2: Tensor, weight: Tensor, bias: Tensor | None = None) -> Tensor:
    """``F.bilinear``: ``x₁ᵀ W x₂ + b`` for each pair of rows.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.bilinear(torch.tensor([[1.0, 2.0]]), torch.tensor([[3.0]]), torch.ones(1, 2, 1))
    tensor([[9.]])
    """
    return _functional().bilinear(input1, input2, weight, bias)


# -- activations ----------------------------------------------------------------------------------------------------


@export
def celu(input: Tensor, alpha: float = 1.0) -> Tensor:
    """``F.celu``: x for x > 0, ``alpha · (e^(x/alpha) − 1)`` otherwise.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.celu(torch.tensor([-1.0, 2.0]), 2.0)
    tensor([-0.7869,  2.0000])
    """
    if alpha == 0:
        raise messages.error("celu_alpha_zero")
    return _functional().celu(input, alpha)


@export
def selu(input: Tensor) -> Tensor:
    """``F.selu``: ``scale · elu(x, alpha)`` with the self-normalising constants.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.selu(torch.tensor([-1.0, 2.0]))
    tensor([-1.1113,  2.1014])
    """
    return _functional().selu(input)


@export
def threshold(input: Tensor, threshold: float, value: float) -> Tensor:
    """``F.threshold``: x where ``x > threshold``, ``value`` elsewhere.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.threshold(torch.tensor([-1.0, 0.5, 2.0]), 1.0, 0.0)
    tensor([0., 0., 2.])
    """
    return _functional().threshold(input, threshold, value)


@export
def threshold_(input: Tensor, threshold: float, value: float) -> Tensor:
    """:func:`threshold` in place.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> x = torch.tensor([-1.0, 2.0])
    >>> torch.threshold_(x, 0.0, 5.0); x
    tensor([5., 2.])
    tensor([5., 2.])
    """
    return _functional().threshold(input, threshold, value, inplace=True)


@export
def prelu(input: Tensor, weight: Tensor) -> Tensor:
    """``F.prelu``: x for x > 0, ``weight · x`` otherwise (one slope, or one per channel).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.prelu(torch.tensor([[-1.0, 2.0]]), torch.tensor([0.25]))
    tensor([[-0.2500,  2.0000]])
    """
    return _functional().prelu(input, weight)


def _prelu_method(self: Tensor, weight: Tensor) -> Tensor:
    return _functional()._prelu(self, weight, first_position=0)  # (x.prelu(w): w is the method's argument 1)


methods({"prelu": _prelu_method})


@export
def rrelu(
    input: Tensor,
    lower: float = 1.0 / 8.0,
    upper: float = 1.0 / 3.0,
    training: bool = False,
    generator: _random.Generator | None = None,
) -> Tensor:
    """The randomised leaky ReLU: x for x > 0, ``r·x`` otherwise.

    Training, each slope ``r`` is drawn uniformly from ``[lower, upper]``, one
    per element that is not positive (in order, as PyTorch draws them, so
    ``manual_seed`` gives the same slopes); otherwise it is their mean
    ``(lower + upper)/2``.  Recorded as PyTorch's ``RreluWithNoiseBackward0``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.rrelu(torch.tensor([-1.0, 2.0]), 0.1, 0.3)
    tensor([-0.2000,  2.0000])
    """
    return _ops("nn").rrelu_with_noise(
        input, noise=_functional()._rrelu_slopes(input, lower, upper, training, generator)
    )


@export(method=True)
def hardshrink(input: Tensor, lambd: float = 0.5) -> Tensor:
    """``F.hardshrink``: x, or 0 where ``−lambd ≤ x ≤ lambd``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.hardshrink(torch.tensor([-1.0, 0.3, 2.0]))
    tensor([-1.,  0.,  2.])
    """
    return _ops("nn").hardshrink(input, lambd=lambd)


# -- pooling --------------------------------------------------------------------------------------------------------


@export
def max_pool1d(
    input: Tensor,
    kernel_size: Size,
    stride: Size = (),
    padding: Size = 0,
    dilation: Size = 1,
    ceil_mode: bool = False,
) -> Tensor:
    """``F.max_pool1d`` without indices (an empty ``stride`` is the window's size).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.max_pool1d(torch.tensor([[[1.0, 3.0, 2.0, 0.0]]]), 2)
    tensor([[[3., 2.]]])
    """
    return _functional().max_pool1d(input, kernel_size, stride, padding, dilation, ceil_mode)


@export
def max_pool2d(
    input: Tensor,
    kernel_size: Size,
    stride: Size = (),
    padding: Size = 0,
    dilation: Size = 1,
    ceil_mode: bool = False,
) -> Tensor:
    """``F.max_pool2d`` without indices (an empty ``stride`` is the window's size).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.max_pool2d(torch.arange(16.0).reshape(1, 1, 4, 4), 2)
    tensor([[[[ 5.,  7.],
              [13., 15.]]]])
    """
    return _functional().max_pool2d(input, kernel_size, stride, padding, dilation, ceil_mode)


@export
def max_pool3d(
    input: Tensor,
    kernel_size: Size,
    stride: Size = (),
    padding: Size = 0,
    dilation: Size = 1,
    ceil_mode: bool = False,
) -> Tensor:
    """``F.max_pool3d``: the largest value of each window of volumes (N, C, D, H, W) or (C, D, H, W).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.max_pool3d(torch.arange(8.0).reshape(1, 1, 2, 2, 2), 2)
    tensor([[[[[7.]]]]])
    """
    return _ops("volumes").max_pool3d(input, kernel_size, stride, padding, dilation, ceil_mode)


@export
def avg_pool1d(
    input: Tensor,
    kernel_size: Size,
    stride: Size = (),
    padding: Size = 0,
    ceil_mode: bool = False,
    count_include_pad: bool = True,
) -> Tensor:
    """``F.avg_pool1d``: the mean of each window (an empty ``stride`` is the window's size).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.avg_pool1d(torch.tensor([[[1.0, 3.0, 2.0, 0.0]]]), 2)
    tensor([[[2., 1.]]])
    """
    return _functional().avg_pool1d(input, kernel_size, stride, padding, ceil_mode, count_include_pad)


@export
def adaptive_avg_pool1d(input: Tensor, output_size: Size) -> Tensor:
    """``F.adaptive_avg_pool1d``: the means of ``output_size`` windows spread evenly over each sequence.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.adaptive_avg_pool1d(torch.arange(4.0).reshape(1, 1, 4), 2)
    tensor([[[0.5000, 2.5000]]])
    """
    return _functional().adaptive_avg_pool1d(input, output_size)


@export
def adaptive_max_pool1d(input: Tensor, output_size: Size) -> tuple[Tensor, Tensor]:
    """``F.adaptive_max_pool1d(..., return_indices=True)``: the values and where they came from.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.adaptive_max_pool1d(torch.tensor([[1.0, 5.0, 2.0, 0.0]]), 2)
    (tensor([[5., 2.]]), tensor([[1, 2]]))
    """
    return _functional().adaptive_max_pool1d(input, output_size, return_indices=True)


# -- distances ------------------------------------------------------------------------------------------------------


@export
def cosine_similarity(x1: Tensor, x2: Tensor, dim: int = 1, eps: float = 1e-08) -> Tensor:
    """``F.cosine_similarity``: x₁·x₂ / (‖x₁‖‖x₂‖) along ``dim``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.cosine_similarity(torch.tensor([[1.0, 0.0]]), torch.tensor([[1.0, 1.0]]))
    tensor([0.7071])
    """
    return _functional().cosine_similarity(x1, x2, dim, eps)


@export
def pairwise_distance(
    x1: Tensor, x2: Tensor, p: float = 2.0, eps: float = 1e-06, keepdim: bool = False
) -> Tensor:
    """``F.pairwise_distance``: ‖x₁ − x₂ + eps‖ₚ along the last dimension.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.pairwise_distance(torch.tensor([[0.0, 0.0]]), torch.tensor([[3.0, 4.0]]), eps=0.0)
    tensor([5.])
    """
    return _functional().pairwise_distance(x1, x2, p, eps, keepdim)


# -- losses (reduction: 1 the mean, 2 the sum, left out or any other number none) ----------------------------------


@export
def binary_cross_entropy_with_logits(
    input: Tensor,
    target: Tensor,
    weight: Tensor | None = None,
    pos_weight: Tensor | None = None,
    reduction: int = 0,
) -> Tensor:
    """``F.binary_cross_entropy_with_logits`` (``reduction`` a number: see the module's notes).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.binary_cross_entropy_with_logits(torch.tensor([0.0, 0.0]), torch.tensor([1.0, 0.0]))
    tensor([0.6931, 0.6931])
    >>> torch.binary_cross_entropy_with_logits(torch.tensor([0.0, 0.0]), torch.tensor([1.0, 0.0]), reduction=1)
    tensor(0.6931)
    """
    reduction_name = _reduction("binary_cross_entropy_with_logits", reduction)
    return _functional().binary_cross_entropy_with_logits(
        input, target, weight, reduction=reduction_name, pos_weight=pos_weight
    )


@export
def kl_div(input: Tensor, target: Tensor, reduction: int = 0, *, log_target: bool = False) -> Tensor:
    """``F.kl_div`` of log-probabilities ``input`` (``reduction`` a number; 1 is the mean over every element).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.kl_div(torch.tensor([0.5, 0.5]).log(), torch.tensor([0.5, 0.5]), 2)
    tensor(0.)
    """
    reduction_name = _reduction("kl_div", reduction)
    losses = _functional().kl_div(input, target, reduction="none", log_target=log_target)
    return _reduced(losses, reduction_name)


def _reduced(losses: Tensor, reduction: str) -> Tensor:
    return losses.mean() if reduction == "mean" else losses.sum() if reduction == "sum" else losses


@export
def margin_ranking_loss(
    input1: Tensor, input2: Tensor, target: Tensor, margin: float = 0.0, reduction: int = 0
) -> Tensor:
    """``F.margin_ranking_loss`` (``reduction`` a number: see the module's notes).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.margin_ranking_loss(torch.tensor([1.0, 2.0]), torch.tensor([2.0, 0.0]), torch.tensor([1.0, 1.0]))
    tensor([1., 0.])
    """
    reduction_name = _reduction("margin_ranking_loss", reduction)
    return _functional()._margin_ranking_loss(input1, input2, target, margin, reduction_name)


@export
def hinge_embedding_loss(input: Tensor, target: Tensor, margin: float = 1.0, reduction: int = 0) -> Tensor:
    """``F.hinge_embedding_loss`` (``reduction`` a number: see the module's notes).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.hinge_embedding_loss(torch.tensor([0.2, 0.3]), torch.tensor([1, -1]), 1.0, 1)
    tensor(0.4500)
    """
    reduction_name = _reduction("hinge_embedding_loss", reduction)
    return _functional().hinge_embedding_loss(input, target, margin, reduction=reduction_name)


@export
def triplet_margin_loss(
    anchor: Tensor,
    positive: Tensor,
    negative: Tensor,
    margin: float = 1.0,
    p: float = 2.0,
    eps: float = 1e-06,
    swap: bool = False,
    reduction: int = 0,
) -> Tensor:
    """``F.triplet_margin_loss`` (``reduction`` a number: see the module's notes).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> a = torch.tensor([[0.0, 0.0]])
    >>> torch.triplet_margin_loss(a, torch.tensor([[0.0, 1.0]]), torch.tensor([[0.0, 1.5]]), eps=0.0)
    tensor([0.5000])
    """
    reduction_name = _reduction("triplet_margin_loss", reduction)
    return _functional().triplet_margin_loss(
        anchor, positive, negative, margin, p, eps, swap, reduction=reduction_name
    )


@export
def poisson_nll_loss(
    input: Tensor, target: Tensor, log_input: bool, full: bool, eps: float, reduction: int
) -> Tensor:
    """``F.poisson_nll_loss`` with every argument required (``reduction`` a number: see the module's notes).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.poisson_nll_loss(torch.tensor([0.0, 1.0]), torch.tensor([1.0, 2.0]), True, False, 1e-8, 1)
    tensor(0.8591)
    """
    reduction_name = _reduction("poisson_nll_loss", reduction)
    return _functional().poisson_nll_loss(input, target, log_input, full, eps=eps, reduction=reduction_name)


@export
def cosine_embedding_loss(
    input1: Tensor, input2: Tensor, target: Tensor, margin: float = 0.0, reduction: int = 0
) -> Tensor:
    """``F.cosine_embedding_loss`` (``reduction`` a number: see the module's notes).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> x = torch.tensor([[1.0, 0.0], [1.0, 1.0]])
    >>> torch.cosine_embedding_loss(x, torch.tensor([[0.0, 1.0], [1.0, 1.0]]), torch.tensor([1, -1]))
    tensor([1., 1.])
    """
    reduction_name = _reduction("cosine_embedding_loss", reduction)
    return _functional().cosine_embedding_loss(input1, input2, target, margin, reduction=reduction_name)


# -- moving channels and pixels -------------------------------------------------------------------------------


@export
def pixel_shuffle(input: Tensor, upscale_factor: int) -> Tensor:
    """``F.pixel_shuffle``: (*, C·r², H, W) becomes (*, C, H·r, W·r), ``r = upscale_factor``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.pixel_shuffle(torch.arange(4.0).reshape(1, 4, 1, 1), 2)
    tensor([[[[0., 1.],
              [2., 3.]]]])
    """
    return _ops("nn").pixel_shuffle(input, upscale_factor)


@export
def pixel_unshuffle(input: Tensor, downscale_factor: int) -> Tensor:
    """``F.pixel_unshuffle``: (*, C, H·r, W·r) becomes (*, C·r², H, W), the inverse of :func:`pixel_shuffle`.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.pixel_unshuffle(torch.arange(4.0).reshape(1, 1, 2, 2), 2).flatten()
    tensor([0., 1., 2., 3.])
    """
    return _ops("nn").pixel_unshuffle(input, downscale_factor)


@export
def channel_shuffle(input: Tensor, groups: int) -> Tensor:
    """``F.channel_shuffle``: the channels of (N, C, *) interleaved in ``groups`` groups.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.channel_shuffle(torch.arange(4.0).reshape(1, 4, 1), 2).flatten()
    tensor([0., 2., 1., 3.])
    """
    return _ops("nn").channel_shuffle(input, groups)


attach_methods(("prelu", "hardshrink"))  # Tensor.prelu, Tensor.hardshrink: this module's own
