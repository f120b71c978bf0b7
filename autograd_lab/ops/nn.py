"""The ops of neural-network layers and losses: activations, losses, convolution, pooling, batch norm.

Each ``defop`` is one row of the op table, as in the other files here:
forward (NumPy), PyTorch's node name, and one derivative rule per input.
The public functions that call them, with PyTorch's arguments and checks,
are ``autograd_lab.nn.functional``.  Every rule is written with ops that
work on arrays and on tensors alike, so that a recorded backward pass
(``create_graph=True``) can be differentiated again.

Windows (convolution and pooling) go through one pair of ops, ``unfold``
(PyTorch's im2col: every window of the input as a column) and ``fold``
(col2im: columns added back into their windows).  A convolution's
gradient for its input is a ``fold``, its gradient for the weight needs an
``unfold``, and a pooling's gradient is a ``fold`` of the upstream gradient
spread over each window.
"""

from __future__ import annotations

import functools
import math
import operator
from typing import Any, NamedTuple

import numpy as np

from .. import messages
from .._fused import fma
from .._memory_format import channels_last, heads_last, laid_out, row_major, suggested
from ..creation import _linspace_values
from ..messages import errors
from ..tensor import Tensor
from . import _gelu_kernels
from ._core import NOT_DIFFERENTIABLE, defop, rule, values_of
from ._summation import _pytorch_sum
from .elementwise import (
    _erf_each,
    _exp_rounded,
    _kernel_sigmoid,
    _log1p_rounded,
    _one_minus_square,
    _sigmoid_forward,
    _tanh_rounded,
    _zeros_for,
    backward_op,
    clamp,
    clamped,
    erf,
    exp,
    logit_op,
    sigmoid,
    tanh,
    where,
)
from .elementwise import clamp_min_op as clamp_min
from .indexing import gather_op, scatter_add_op
from .linalg import bmm, mm
from .norms import _vector_norm_forward, _vector_norm_rule
from .reduction import _mean_forward, softmax, sum
from .reduction import mean as average
from .shape import cat_op, index_put_zeros, permute_op, reshape, stack_op, transpose, transpose_op, unsqueeze


def _constant(values: Any, grad: Any) -> np.ndarray:
    """``values`` as an array in the gradient's dtype (a mask or a slope the rule multiplies by)."""
    return np.asarray(values, dtype=values_of(grad).dtype)


def _float_result(a: np.ndarray, values: np.ndarray) -> np.ndarray:
    """``values`` in ``a``'s float dtype (float32 for an int input)."""
    return values.astype(a.dtype if a.dtype.kind == "f" else np.float32, copy=False)


# -- activations ---------------------------------------------------------------------------------


def _gelu_forward(a: np.ndarray, approximate: str) -> np.ndarray:
    """GELU a piece at a time where the input is laid out row by row (the passes over a piece stay in the
    CPU's cache: a ViT block's 8.5 million activations took 1.9 s in one go): float32's erf form as
    PyTorch's kernels round it (see _gelu_kernels), others computed in float64."""
    if approximate == "none" and a.dtype == np.float32:
        if not a.flags.c_contiguous or a.size < 2:  # (ATen's formula)
            return _gelu_kernels.gelu_aten(a)
        values = _gelu_kernels.gelu_onednn
    else:
        values = functools.partial(_gelu_float64, approximate=approximate)
    return _in_pieces(values, a)


def _in_pieces(values: Any, a: np.ndarray, *more: np.ndarray) -> np.ndarray:
    """``values(a, *more)`` (elementwise, float results), a piece at a time where ``a`` is laid out row by row."""
    if not a.flags.c_contiguous or a.size <= _GELU_PIECE:
        return values(a, *more)
    flat, out = a.reshape(-1), np.empty(a.size, a.dtype if a.dtype.kind == "f" else np.float32)
    flat_more = [np.reshape(m, -1) for m in more]  # (the same shape as a)
    for start in range(0, a.size, _GELU_PIECE):
        piece = slice(start, start + _GELU_PIECE)
        out[piece] = values(flat[piece], *(m[piece] for m in flat_more))
    return out.reshape(a.shape)


def _gelu_float64(a: np.ndarray, approximate: str) -> np.ndarray:
    return _float_result(a, _gelu_values(a.astype(np.float64), approximate))


_GELU_PIECE = 1 << 15


def _gelu_values(x: np.ndarray, approximate: str) -> np.ndarray:
    """GELU of float64 values: x·Φ(x), or its tanh approximation."""
    if approximate == "tanh":
        inner = math.sqrt(2 / math.pi) * (x + 0.044715 * x**3)
        return 0.5 * x * (1 + np.tanh(inner))
    return 0.5 * x * (1 + np.asarray(_erf_each(x / math.sqrt(2)), dtype=np.float64))


def _gelu_slope(a: Any, approximate: str) -> Any:
    """gelu'(a): Φ(a) + a·φ(a), or the derivative of the tanh form (tensor ops: differentiable again)."""
    if approximate == "tanh":
        k = math.sqrt(2 / math.pi)
        t = tanh(k * (a + 0.044715 * (a * a * a)))
        return 0.5 * (1 + t) + 0.5 * a * (1 - t * t) * (k * (1 + 3 * 0.044715 * (a * a)))
    return 0.5 * (1 + erf(a * (1 / math.sqrt(2)))) + a * exp(-0.5 * (a * a)) * (1 / math.sqrt(2 * math.pi))


gelu = defop(
    "gelu",
    "GeluBackward0",
    "gelu",
    _gelu_forward,
    a=rule(
        "∂gelu(a)/∂a = Φ(a) + a·φ(a)",
        lambda grad, a, approximate: backward_op(gelu_backward, grad, a, approximate=approximate),
    ),
)


def _gelu_backward_forward(a: np.ndarray, b: np.ndarray, approximate: str) -> np.ndarray:
    """a·gelu'(b), the gradient ``a`` through GELU at ``b``: float32's erf form with PyTorch's kernels (see
    _gelu_kernels), else from the formula."""
    if approximate == "none" and a.dtype == b.dtype == np.float32:
        if b.flags.c_contiguous and b.size >= 2:
            return _in_pieces(lambda x, grad: _gelu_kernels.gelu_backward_onednn(grad, x), b, a)
        return _gelu_kernels.gelu_backward_aten(a, b)
    return a * _gelu_slope(b, approximate)


def _gelu_curvature(x: Any, approximate: str) -> Any:
    """gelu''(x): φ(x)·(2 − x²), or the tanh form's (1 − t²)·(u′ − x·t·u′² + 3ckx²) with u = k(x + cx³), t = tanh u."""
    if approximate == "tanh":
        k, c = math.sqrt(2 / math.pi), 0.044715
        t = tanh(k * (x + c * (x * x * x)))
        slope = k * (1 + 3 * c * (x * x))
        return (1 - t * t) * (slope - x * t * slope * slope + 3 * c * k * (x * x))
    return exp(-0.5 * (x * x)) * (1 / math.sqrt(2 * math.pi)) * (2 - x * x)


# (a node of its own in a create_graph pass, as PyTorch's GeluBackwardBackward0: the same numbers as a plain pass)
gelu_backward = defop(
    "gelu_backward", "GeluBackwardBackward0", "gelu′", _gelu_backward_forward,
    a=rule("∂(g·gelu′(x))/∂g = gelu′(x)",
           lambda grad, b, approximate: backward_op(gelu_backward, grad, b, approximate=approximate)),
    b=rule("∂(g·gelu′(x))/∂x = g·gelu″(x)", lambda grad, a, b, approximate: grad * a * _gelu_curvature(b, approximate)),
)  # fmt: skip
gelu_backward.saved_rule_names = {"grad_output": "a", "self": "b"}


# -- the backward passes of activations whose slope is constant piecewise: ops of their own (see backward_op) -----
# (0 in the input, so that a second derivative through them is 0, not missing)


def _leaky_relu_backward_forward(grad: np.ndarray, x: np.ndarray, negative_slope: float) -> np.ndarray:
    """``grad`` where x > 0, else ``grad · slope`` (PyTorch's leaky_relu_backward kernel)."""
    return grad * np.where(x > 0, 1.0, negative_slope).astype(grad.dtype, copy=False)


def _hardtanh_backward_forward(grad: np.ndarray, x: np.ndarray, min_val: float, max_val: float) -> np.ndarray:
    """0 where x ≤ min or x ≥ max, else ``grad`` (PyTorch's hardtanh_backward kernel: NaN passes the gradient)."""
    return np.where((x <= min_val) | (x >= max_val), grad.dtype.type(0), grad)


leaky_relu_backward = defop(
    "leaky_relu_backward", "LeakyReluBackwardBackward0", "leaky relu′", _leaky_relu_backward_forward,
    a=rule("∂(g·slope(x))/∂g = slope(x)",
           lambda grad, b, negative_slope: backward_op(leaky_relu_backward, grad, b, negative_slope=negative_slope)),
    b=rule("∂(g·slope(x))/∂x = 0", lambda grad, b: _zeros_for(b)),
)  # fmt: skip
leaky_relu_backward.saved_rule_names = {"grad_output": "a", "self": "b"}
hardtanh_backward = defop(
    "hardtanh_backward", "HardtanhBackwardBackward0", "hardtanh′", _hardtanh_backward_forward,
    a=rule("∂(g·[min < x < max])/∂g = [min < x < max]",
           lambda grad, b, min_val, max_val: backward_op(hardtanh_backward, grad, b, min_val=min_val, max_val=max_val)),
    b=rule("∂(g·[min < x < max])/∂x = 0", lambda grad, b: _zeros_for(b)),
)  # fmt: skip
hardtanh_backward.saved_rule_names = {"grad_output": "a", "self": "b"}


leaky_relu = defop(
    "leaky_relu",
    "LeakyReluBackward0",
    "leaky relu",
    lambda a, negative_slope: np.where(a > 0, a, a * negative_slope).astype(a.dtype, copy=False),
    opmath=True,
    a=rule(
        "∂leaky_relu(a)/∂a = 1 if a > 0 else slope",
        lambda grad, a, negative_slope: backward_op(
            leaky_relu_backward, grad, a, negative_slope=negative_slope
        ),
    ),
)


# -- losses ---------------------------------------------------------------------------------------


def _reduce(values: np.ndarray, reduction: str) -> np.ndarray:
    if reduction == "mean":
        return _mean_forward(values, None, False)
    if reduction == "sum":
        return _pytorch_sum(values)
    return values


def _per_element(grad: Any, reduction: str, count: int) -> Any:
    """``grad / n`` after a mean, else ``grad``: the upstream gradient of each element of an elementwise
    loss, or a kernel's result when it divides last (binary_cross_entropy)."""
    if reduction != "mean":
        return grad
    return grad / count if count else grad * math.nan


def _count(*arrays: Any) -> int:
    """How many elements the inputs broadcast to."""
    shapes = [np.shape(values_of(a)) for a in arrays]
    if shapes.count(shapes[0]) == len(shapes):  # (the usual case: np.broadcast_shapes costs µs)
        return math.prod(shapes[0])
    return math.prod(np.broadcast_shapes(*shapes))


def _squared_difference(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """(a − b)², the difference taken once, as PyTorch's MSE kernel does."""
    difference = a - b
    return difference * difference


def _kernel_norm(a: Any, b: Any, reduction: str, scale: float = 1.0) -> float:
    """PyTorch's ``norm`` in its loss backward kernels: ``scale``/n after a mean, else ``scale``.

    Rounded to the dtype when used, as the kernels round it (``norm.to<scalar_t>()``).
    """
    if reduction != "mean":
        return scale
    count = _count(a, b)
    norm = scale / count if count else math.nan
    dtype = getattr(values_of(a), "dtype", None)
    if dtype is None or dtype.kind != "f" or dtype.itemsize == 8:
        return norm
    return float(dtype.type(norm))  # (float16's under opmath too, where NumPy would not round it)


mse_loss = defop(
    "mse_loss",
    "MseLossBackward0",
    "MSE",
    lambda a, b, reduction: _reduce(_squared_difference(a, b), reduction),
    # as PyTorch's kernel rounds it: (norm · (a − b)) · grad
    a=rule(
        "∂ mean((a−b)²)/∂a = 2(a−b)/n",
        lambda grad, a, b, reduction: (a - b) * _kernel_norm(a, b, reduction, 2.0) * grad,
    ),
    b=rule(
        "∂ mean((a−b)²)/∂b = −2(a−b)/n",
        lambda grad, a, b, reduction: (b - a) * _kernel_norm(a, b, reduction, 2.0) * grad,
    ),
)


def _smooth_l1_forward(a: np.ndarray, b: np.ndarray, reduction: str, beta: float) -> np.ndarray:
    """Squared below ``beta``, linear above: ½d²/β if |d| < β else |d| − ½β, d = a − b."""
    z = np.abs(a - b)
    return _reduce(np.where(z < beta, 0.5 * z * z / beta, z - 0.5 * beta), reduction)


def _clipped_slope(grad: Any, a: Any, b: Any, reduction: str, divisor: float, limit: float) -> Any:
    """The gradient of the smooth L1 and Huber losses for ``a``: ``clamp((a − b)/divisor, −limit, limit)``, per element.

    Rounded as PyTorch's vectorised backward kernels round it: (slope · norm) · grad.  Recorded (create_graph),
    the slope's own slope is 0 at |d| = limit, as in PyTorch's double backward (``d.abs() < limit``), where
    clamp's would be 1.
    """
    scaled = (a - b) / divisor
    slope = clamp(scaled, min=-limit, max=limit)
    if isinstance(scaled, Tensor):
        slope = where(np.abs(values_of(scaled)) < limit, scaled, slope.detach())
    return slope * _kernel_norm(a, b, reduction) * grad


smooth_l1_loss = defop(
    "smooth_l1_loss",
    "SmoothL1LossBackward0",
    "SmoothL1",
    _smooth_l1_forward,
    a=rule(
        "∂/∂a = clamp((a−b)/β, −1, 1) / n",
        lambda grad, a, b, reduction, beta: _clipped_slope(grad, a, b, reduction, beta, 1.0),
    ),
    b=rule(
        "∂/∂b = −clamp((a−b)/β, −1, 1) / n",
        lambda grad, a, b, reduction, beta: -_clipped_slope(grad, a, b, reduction, beta, 1.0),
    ),
)


def _huber_forward(a: np.ndarray, b: np.ndarray, reduction: str, delta: float) -> np.ndarray:
    """Squared below ``delta``, linear above: ½d² if |d| < δ else δ(|d| − ½δ), d = a − b."""
    z = np.abs(a - b)
    return _reduce(np.where(z < delta, 0.5 * z * z, delta * (z - 0.5 * delta)), reduction)


huber_loss = defop(
    "huber_loss",
    "HuberLossBackward0",
    "Huber",
    _huber_forward,
    a=rule(
        "∂/∂a = clamp(a−b, −δ, δ) / n",
        lambda grad, a, b, reduction, delta: _clipped_slope(grad, a, b, reduction, 1.0, delta),
    ),
    b=rule(
        "∂/∂b = −clamp(a−b, −δ, δ) / n",
        lambda grad, a, b, reduction, delta: -_clipped_slope(grad, a, b, reduction, 1.0, delta),
    ),
)


def _bce_forward(a: np.ndarray, b: np.ndarray, weight: np.ndarray | None, reduction: str) -> np.ndarray:
    # PyTorch clamps each log at -100, so that p = 0 or 1 gives a large loss, not inf.
    with np.errstate(divide="ignore"):
        loss = (b - 1) * np.maximum(np.log1p(-a), -100) - b * np.maximum(np.log(a), -100)
    return _reduce(loss if weight is None else loss * weight, reduction)


def _weighted(value: Any, weight: np.ndarray | None) -> Any:
    return value if weight is None else value * weight


binary_cross_entropy = defop(
    "binary_cross_entropy",
    "BinaryCrossEntropyBackward0",
    "BCE",
    _bce_forward,
    # as PyTorch's kernels round them: grad · (p − t) / max(p(1 − p), ε), then · weight, then / n
    a=rule(
        "∂BCE/∂p = (p − t) / (p(1 − p))",
        lambda grad, a, b, weight, reduction: _per_element(
            _weighted(grad * (a - b) / clamp((1 - a) * a, min=1e-12), weight), reduction, _count(a)
        ),
    ),
    b=rule(
        "∂BCE/∂t = log(1 − p) − log p",
        lambda grad, a, weight, reduction: _per_element(
            _weighted(-logit_op(a, eps=None) * grad, weight), reduction, _count(a)
        ),
    ),
)


def _log_sigmoid(z: np.ndarray) -> np.ndarray:
    """PyTorch's kernel: min(z, 0) − log1p(exp(−|z|)), each step rounded to the dtype."""
    return np.minimum(z, 0) - _log1p_rounded(_exp_rounded(-np.abs(z)))


def _bce_logits_forward(
    a: np.ndarray, b: np.ndarray, pos_weight: np.ndarray | None, weight: np.ndarray | None, reduction: str
) -> np.ndarray:
    log_sigmoid = _log_sigmoid(a)
    if pos_weight is not None:
        log_sigmoid = log_sigmoid * ((pos_weight - 1) * b + 1)
    # PyTorch's kernel, (1 - t).mul_(z).sub_(log σ(z)), works in place on 1 - t: the loss has the
    # target's dtype (float64 scores and float32 labels give a float32 loss), rounded after each step.
    kept = b.dtype
    loss = ((1 - b) * a).astype(kept, copy=False)
    loss = (loss - log_sigmoid).astype(kept, copy=False)
    return _reduce(_weighted(loss, weight).astype(kept, copy=False), reduction)


def _bce_logits_slope(a: Any, b: Any, pos_weight: np.ndarray | None) -> Any:
    """∂loss/∂z: σ(z) − t, or (w₊t + 1 − t)·σ(z) − w₊t with a positive weight w₊ (PyTorch's order)."""
    if pos_weight is None:
        return sigmoid(a) - b
    weighted = pos_weight * b
    return (weighted + 1 - b) * sigmoid(a) - weighted


def _bce_logits_target_slope(a: Any, pos_weight: np.ndarray | None) -> Any:
    """∂loss/∂t: −z, or log σ(−z) − w₊ log σ(z) with a positive weight w₊."""
    if pos_weight is None:
        return -a
    return log_sigmoid(-a) - log_sigmoid(a) * pos_weight


binary_cross_entropy_with_logits = defop(
    "binary_cross_entropy_with_logits",
    "BinaryCrossEntropyWithLogitsBackward0",
    "BCE logits",
    _bce_logits_forward,
    # as PyTorch's backward functions round it: slope · grad, · weight, then / n after a mean
    a=rule(
        "∂/∂z = σ(z) − t",
        lambda grad, a, b, pos_weight, weight, reduction: _per_element(
            _weighted(_bce_logits_slope(a, b, pos_weight) * grad, weight), reduction, _count(a, b)
        ),
    ),
    b=rule(
        "∂/∂t = −z",
        lambda grad, a, b, pos_weight, weight, reduction: _per_element(
            _weighted(_bce_logits_target_slope(a, pos_weight) * grad, weight), reduction, _count(a, b)
        ),
    ),
)


def _picked(a_shape: tuple, target: np.ndarray, ignore_index: int) -> tuple[np.ndarray, np.ndarray]:
    """Each target's class (ignored ones moved to class 0) and which targets count."""
    counted = target != ignore_index
    return np.where(counted, target, 0), counted


def _class_weights(
    a_shape: tuple, target: np.ndarray, weight: np.ndarray | None, ignore_index: int, dtype: np.dtype
) -> np.ndarray:
    """Each target's weight: ``weight[class]`` (or 1), and 0 where the target is ignored."""
    classes, counted = _picked(a_shape, target, ignore_index)
    picked_weight = np.ones(target.shape, dtype) if weight is None else weight[classes].astype(dtype)
    return picked_weight * counted


def _take_class(a: np.ndarray, classes: np.ndarray) -> np.ndarray:
    """``a[n, classes[n, ...], ...]``: the entry of each target's class (class axis 1, or 0 for one row)."""
    if a.ndim == 1:
        return a[classes]
    if a.ndim == 2:  # (the usual batch of rows: one index pair per row, quicker than take_along_axis)
        return a[np.arange(len(classes)), classes]
    return np.squeeze(np.take_along_axis(a, np.expand_dims(classes, 1), axis=1), 1)


_NLL_LEVELS = 8
"""``cascade_sum_num_levels`` of PyTorch's ``nll_loss_out_frame`` (LossNLL.cpp)."""

_NLL_STEP = 16
"""Its ``level_step``, 2 ** max(4, CeilLog2(batch) / 8): 16 for any batch below 2 ** 40."""


def _nll_total(values: np.ndarray, counted: np.ndarray) -> np.generic:
    """Σ ``values`` over the counted samples, added in the order of PyTorch's ``nll_loss_out_frame``.

    Eight levels, each adding its items in turn.  Counted sample ``b`` is
    added at level 0; then, for each trailing zero hex digit of ``b`` (all of
    them for ``b = 0``), the sum of one level moves up into the next as one
    item.  At the end the levels are added in order, from 0.
    """
    positions = np.flatnonzero(counted)
    items = values.reshape(-1)[positions]
    if len(positions) <= _FEW:
        return _nll_total_few(items, positions)
    moves = np.zeros(len(positions), np.int64)  # how many levels each sample's arrival moves up
    for level in range(1, _NLL_LEVELS):
        moves += positions % _NLL_STEP**level == 0
    open_sums = []
    for level in range(_NLL_LEVELS):
        ends = np.flatnonzero(moves > level) + 1  # each run of this level ends with a sample moving it up
        last = ends[-1] if len(ends) else 0
        open_sums.append(_in_turn_runs(items[last:], np.array([len(items) - last])))
        if not len(ends):
            break
        items, moves = _in_turn_runs(items[:last], ends), moves[ends - 1]
    total = values.dtype.type(0)
    for value in open_sums:  # std::accumulate over the levels, from 0
        total = total + value[0]
    return total


_FEW = 512
"""Up to this many samples, one number at a time is quicker (35 µs for 256, against 150 µs with arrays)."""


def _nll_total_few(items: np.ndarray, positions: np.ndarray) -> np.generic:
    """:func:`_nll_total` one NumPy number at a time: the same additions, without the arrays the
    vectorized levels need (a loss per sample, in a loop, took 40 times PyTorch's time)."""
    zero = items.dtype.type(0)
    levels = [zero] * _NLL_LEVELS
    for item, position in zip(items, positions.tolist(), strict=True):
        levels[0] = levels[0] + item
        level = 0
        while level + 1 < _NLL_LEVELS and position % _NLL_STEP ** (level + 1) == 0:
            levels[level + 1], levels[level] = levels[level + 1] + levels[level], zero
            level += 1
    total = zero
    for value in levels:  # std::accumulate over the levels, from 0
        total = total + value
    return total


def _in_turn_runs(items: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The sum of each run ``items[previous end : end]``, each added in turn (0 for an empty run)."""
    starts = np.concatenate([[0], ends[:-1]])
    lengths = ends - starts
    width = max(int(lengths.max(initial=0)), 1)
    runs = np.zeros((len(ends), width), items.dtype)  # (padding with 0 at the end adds nothing)
    runs[np.repeat(np.arange(len(ends)), lengths), np.arange(len(items)) - np.repeat(starts, lengths)] = items
    return np.add.accumulate(runs, axis=1)[:, -1]


def _nll_forward(
    a: np.ndarray, b: np.ndarray, weight: np.ndarray | None, ignore_index: int, reduction: str
) -> np.ndarray:
    classes, counted = _picked(a.shape, b, ignore_index)
    weights = _class_weights(a.shape, b, weight, ignore_index, a.dtype)
    losses = -_take_class(a, classes) * weights
    if reduction == "none":
        return losses
    if a.ndim > 2:  # nll_loss2d: summed as NumPy sums
        total, total_weight = np.sum(losses, dtype=a.dtype), np.sum(weights, dtype=a.dtype)
    else:  # nll_loss: added as PyTorch's kernel adds, the weights too
        total, total_weight = _nll_total(losses, counted), _nll_total_weight(weights, counted, weight)
    if reduction == "sum":
        return np.asarray(total)
    with np.errstate(invalid="ignore", divide="ignore"):  # every target ignored: 0/0 = nan, as in PyTorch
        return np.asarray(total / total_weight)


def _nll_total_weight(weights: np.ndarray, counted: np.ndarray, weight: np.ndarray | None) -> np.generic:
    """The mean's divisor: the count of counted targets, or their weights added as PyTorch adds them."""
    if weight is None:
        return weights.dtype.type(np.count_nonzero(counted))
    return _nll_total(weights, counted)


def _nll_slopes(
    grad: Any, a_shape: tuple, b: Any, weight: np.ndarray | None, ignore_index: int, reduction: str
) -> np.ndarray:
    """∂loss/∂a: −weight[class] (over the total weight for a mean) at each target's class, 0 elsewhere."""
    target = values_of(b)
    dtype = values_of(grad).dtype
    classes, _ = _picked(a_shape, target, ignore_index)
    weights = _class_weights(a_shape, target, weight, ignore_index, dtype)
    if (
        reduction == "mean"
    ):  # an ignored target takes no gradient, even when all are ignored (0/0), as in PyTorch
        with np.errstate(invalid="ignore", divide="ignore"):
            weights = np.divide(
                weights, np.sum(weights, dtype=dtype), out=np.zeros_like(weights), where=weights != 0
            )
    return _at_targets(-weights, a_shape, classes)


def _at_targets(values: np.ndarray, a_shape: tuple, classes: np.ndarray) -> np.ndarray:
    """An array of ``a_shape``, 0 but at each target's class, which holds that target's value."""
    slopes = np.zeros(a_shape, values.dtype)
    class_axis = 0 if len(a_shape) == 1 else 1
    np.put_along_axis(
        slopes, np.expand_dims(classes, class_axis), np.expand_dims(values, class_axis), class_axis
    )
    return slopes


def _nll_kernel_gradient(
    grad: np.ndarray,
    a_shape: tuple,
    b: np.ndarray,
    weight: np.ndarray | None,
    ignore_index: int,
    reduction: str,
) -> np.ndarray:
    """PyTorch's nll_loss backward kernel: w[yᵢ] · (−grad / Σw) at each counted target (−grad for a sum)."""
    dtype = grad.dtype
    classes, counted = _picked(a_shape, b, ignore_index)
    scaled = -grad
    if reduction == "mean":
        weights = _class_weights(a_shape, b, weight, ignore_index, dtype)
        with np.errstate(invalid="ignore", divide="ignore"):
            scaled = -(grad / _nll_total_weight(weights, counted, weight))
    if weight is not None:
        scaled = weight[classes].astype(dtype) * scaled
    per_target = np.where(counted, scaled, dtype.type(0))  # (an ignored target keeps +0)
    return _at_targets(per_target.astype(dtype, copy=False), a_shape, classes)


def _at_class_axis(grad: Any, a_shape: tuple, reduction: str) -> Any:
    """The upstream gradient, with the class axis put back for ``reduction='none'``."""
    return unsqueeze(grad, 1) if reduction == "none" and len(a_shape) > 1 else grad


def _nll_rule(
    grad: Any, a_shape: tuple, b: Any, weight: np.ndarray | None, ignore_index: int, reduction: str
) -> Any:
    """∂(−Σ w[yᵢ] aᵢ,yᵢ / Σ w[yᵢ])/∂a = −w[yᵢ]/Σw at each target, 0 elsewhere."""
    if type(grad) is np.ndarray and reduction != "none" and len(a_shape) <= 2:  # rounded as PyTorch rounds
        return _nll_kernel_gradient(grad, a_shape, values_of(b), weight, ignore_index, reduction)
    return _at_class_axis(grad, a_shape, reduction) * _nll_slopes(
        grad, a_shape, b, weight, ignore_index, reduction
    )


nll_loss = defop(
    "nll_loss",
    "NllLossBackward0",
    "NLL",
    _nll_forward,
    a=rule("∂(−mean aᵢ,yᵢ)/∂a = −1/N at the targets", _nll_rule),
    b=NOT_DIFFERENTIABLE,
)
nll_loss2d = defop(  # the same loss on (N, C, H, W) scores: one class per pixel
    "nll_loss2d",
    "NllLoss2DBackward0",
    "NLL",
    _nll_forward,
    a=rule("∂(−mean aᵢ,yᵢ)/∂a = −1/N at the targets", _nll_rule),
    b=NOT_DIFFERENTIABLE,
)


# -- windows: unfold (im2col) and fold (col2im) ------------------------------------------------------


class Window(NamedTuple):
    """Where the windows of a convolution or pooling lie: sizes, steps and padding, per spatial axis.

    ``padding`` is ``((top, bottom), (left, right))``: pooling with
    ``ceil_mode`` pads the bottom and right more than the top and left.
    """

    kernel: tuple[int, int]
    stride: tuple[int, int]
    dilation: tuple[int, int]
    padding: tuple[tuple[int, int], tuple[int, int]]

    def out_size(self, size: tuple[int, ...]) -> tuple[int, int]:
        """The number of window positions along each spatial axis of an input of ``size`` (H, W)."""
        return tuple(
            (n + before + after - d * (k - 1) - 1) // s + 1
            for n, (before, after), k, s, d in zip(
                size, self.padding, self.kernel, self.stride, self.dilation, strict=True
            )
        )

    def windows(self, a: np.ndarray, fill: float = 0.0) -> np.ndarray:
        """Every window of ``a`` (N, C, H, W), as a read-only view (N, C, kh, kw, oh, ow).

        A ``fill`` of −∞ (max pooling's padding) is the dtype's smallest value for an integer ``a``.
        """
        if fill == -np.inf and a.dtype.kind in "iub":
            fill = np.iinfo(a.dtype).min if a.dtype.kind != "b" else False
        padded = np.pad(a, ((0, 0), (0, 0), *self.padding), constant_values=fill)
        oh, ow = self.out_size(a.shape[2:])
        n, c, sh, sw = padded.strides
        strides = (
            n,
            c,
            sh * self.dilation[0],
            sw * self.dilation[1],
            sh * self.stride[0],
            sw * self.stride[1],
        )
        shape = (*padded.shape[:2], *self.kernel, oh, ow)
        return np.lib.stride_tricks.as_strided(padded, shape, strides, writeable=False)


def _unfold_forward(a: np.ndarray, window: Window) -> np.ndarray:
    if a.ndim == 3:  # one image (C, H, W), as PyTorch's im2col takes it: (C·kh·kw, windows)
        return _unfold_forward(a[None], window)[0]
    views = window.windows(a)
    n, c, kh, kw, oh, ow = views.shape
    return views.reshape(n, c * kh * kw, oh * ow)


def _fold_forward(a: np.ndarray, size: tuple[int, int], window: Window) -> np.ndarray:
    if a.ndim == 2:  # the columns of one image (C·kh·kw, windows), as PyTorch's col2im takes them: (C, H, W)
        return _fold_forward(a[None], size, window)[0]
    (top, bottom), (left, right) = window.padding
    (kh, kw), (sh, sw), (dh, dw) = window.kernel, window.stride, window.dilation
    oh, ow = window.out_size(size)
    n = a.shape[0]
    columns = a.reshape(n, a.shape[1] // (kh * kw), kh, kw, oh, ow)
    if (sh, sw) == (kh, kw) and (dh, dw) == (1, 1) and top == bottom == left == right == 0:
        return _fold_tiles(columns, size)
    out = np.zeros((n, columns.shape[1], size[0] + top + bottom, size[1] + left + right), a.dtype)
    for i in range(kh):
        for j in range(kw):
            out[:, :, i * dh : i * dh + sh * (oh - 1) + 1 : sh, j * dw : j * dw + sw * (ow - 1) + 1 : sw] += (
                columns[:, :, i, j]
            )
    cropped = out[:, :, top : top + size[0], left : left + size[1]]
    # (laid out row by row, as PyTorch's col2im writes its result: a convolution's input gradient is .view-ed)
    return cropped if cropped.flags.c_contiguous else np.ascontiguousarray(cropped)


def _fold_tiles(columns: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """fold for windows side by side, as in pooling with its kernel for stride: each pixel lies in one window
    at most, so each is written once, where the general fold adds every window into the image in turn."""
    n, channels, kh, kw, oh, ow = columns.shape
    out = np.zeros((n, channels, *size), columns.dtype)  # (pixels after the last window stay 0)
    s0, s1, s2, s3 = out.strides
    tiles = np.lib.stride_tricks.as_strided(
        out, (n, channels, oh, kh, ow, kw), (s0, s1, kh * s2, s2, kw * s3, s3)
    )
    for i in range(kh):
        for j in range(kw):
            np.add(
                columns[:, :, i, j], 0, out=tiles[:, :, :, i, :, j]
            )  # (+ 0: −0 becomes 0, as in col2im's sum)
    return out


unfold = defop(
    "unfold",
    "Im2ColBackward0",
    "im2col",
    _unfold_forward,
    a=rule(
        "copies each window into a column: the gradient of each column is added back (fold)",
        lambda grad, a_shape, window: fold(grad, size=a_shape[-2:], window=window),
    ),
)
fold = defop(
    "fold",
    "Col2ImBackward0",
    "col2im",
    _fold_forward,
    a=rule(
        "adds columns into their windows: each column's gradient is its window's (unfold)",
        lambda grad, window: unfold(grad, window=window),
    ),
)


# -- convolution -------------------------------------------------------------------------------------


# -- convolution by shifted products (stride 1): no copy of every window ---------------------------------
#
# With stride 1, the windows of a padded image laid out as one long row per channel are that row shifted:
# the pixel at offset (i, j) of the window at position q is at q + i·dh·Wp + j·dw.  So the convolution is
# kh·kw products of the weights at one offset with the whole row shifted by that offset (a view, which
# BLAS reads in place), where unfold copies every window (kh·kw copies of the image) first.  The rows run
# over the padded grid; the positions past a row's windows are computed and dropped.

_SHIFTED_DTYPES = (np.dtype(np.float32), np.dtype(np.float64))

_SHIFTED_MIN = 1 << 20
"""The windows' numbers (N·C·kh·kw·oh·ow) from which a convolution takes shifted products: smaller ones,
the size of a lesson's printed example, keep unfold's order of adding (closer to PyTorch's)."""


def _shifted(shape: tuple, dtype: np.dtype, other: np.dtype, window: Window, groups: int) -> bool:
    """Whether a convolution of images of ``shape`` can take the shifted products: stride 1, a kernel of
    more than one pixel, one group, float32/64 (``dtype``, and ``other``: the weights' or the gradient's),
    and big enough (``_SHIFTED_MIN``).

    (For the forward pass, :func:`_conv_forward` also asks for fewer output channels than two thirds of
    the input's: otherwise kh·kw products, each added into the result, pass over more memory than
    unfold's one copy of the windows and its one product.)"""
    return (
        window.stride == (1, 1)
        and window.kernel != (1, 1)  # (a 1x1 kernel's windows are the image itself: unfold copies nothing)
        and groups == 1
        and dtype in _SHIFTED_DTYPES
        and other == dtype
        and len(shape) == 4
        and min(window.out_size(shape[2:])) > 0
        and shape[0] * shape[1] * math.prod(window.kernel) * math.prod(window.out_size(shape[2:]))
        >= _SHIFTED_MIN
    )


def _padded_rows(a: np.ndarray, window: Window) -> np.ndarray:
    """Images (N, C, H, W) padded and laid out as one row per channel: (C, N·Hp·Wp)."""
    (top, bottom), (left, right) = window.padding
    n, channels, height, width = a.shape
    rows = np.zeros((channels, n, height + top + bottom, width + left + right), a.dtype)
    rows[:, :, top : top + height, left : left + width] = a.transpose(1, 0, 2, 3)
    return rows.reshape(channels, -1)


def _offsets(window: Window, padded_width: int) -> list[int]:
    """Where each kernel offset (i, j) lies along a padded row, in the kernel's order."""
    (kh, kw), (dh, dw) = window.kernel, window.dilation
    return [i * dh * padded_width + j * dw for i in range(kh) for j in range(kw)]


def _conv_forward_shifted(a: np.ndarray, b: np.ndarray, window: Window) -> np.ndarray:
    """The convolution (N, O, oh, ow) by shifted products (see above), a few images at a time."""
    n, channels, height, width = a.shape
    out_channels = b.shape[0]
    (top, bottom), (left, right) = window.padding
    padded = (height + top + bottom, width + left + right)
    oh, ow = window.out_size((height, width))
    weights = b.reshape(out_channels, channels, -1).transpose(2, 0, 1)  # (kh·kw, O, C)
    offsets = _offsets(window, padded[1])
    out = np.empty((n, out_channels, oh, ow), a.dtype)
    for part in _image_chunks(n, max(channels, out_channels) * padded[0] * padded[1]):
        rows = _padded_rows(a[part], window)
        length = rows.shape[1] - offsets[-1]  # (the positions whose whole window lies in the rows)
        total = np.zeros((out_channels, rows.shape[1]), a.dtype)
        step = np.empty((out_channels, length), a.dtype)
        for weight, offset in zip(weights, offsets, strict=True):
            np.matmul(weight, rows[:, offset : offset + length], out=step)
            total[:, :length] += step
        grid = total.reshape(out_channels, -1, *padded)[:, :, :oh, :ow]
        out[part] = grid.transpose(1, 0, 2, 3)
    return out


def _conv_input_grad_shifted(grad: np.ndarray, b: np.ndarray, a_shape: tuple, window: Window) -> np.ndarray:
    """∂conv/∂x on the rows: each pixel's gradient is Σ over offsets of the weights there (transposed) times
    the gradient of the window that saw the pixel at that offset, at position p − offset.

    With few input channels (an RGB image) as kh·kw products, each added into the rows at its offset;
    otherwise the gradient's kh·kw shifted rows stacked, times all the weights in one product (a product
    per offset would write the image's gradient kh·kw times)."""
    n, channels, height, width = a_shape
    out_channels = b.shape[0]
    (top, bottom), (left, right) = window.padding
    padded = (height + top + bottom, width + left + right)
    oh, ow = grad.shape[2:]
    offsets = _offsets(window, padded[1])
    per_offset = 2 * channels < out_channels
    weights_t = b.reshape(out_channels, channels, -1).transpose(2, 1, 0)  # (kh·kw, C, O)
    stacked = None if per_offset else np.ascontiguousarray(weights_t.transpose(1, 0, 2)).reshape(channels, -1)
    out = np.empty(a_shape, grad.dtype)
    floats = max(channels, len(offsets) * out_channels) * padded[0] * padded[1]
    for part in _image_chunks(n, floats):
        images = grad[part].shape[0]
        # the gradient on the padded grid (0 where no window starts), after a margin of the largest offset
        upstream = np.zeros((out_channels, offsets[-1] + images * padded[0] * padded[1]), grad.dtype)
        grid = upstream[:, offsets[-1] :].reshape(out_channels, images, *padded)
        grid[:, :, :oh, :ow] = grad[part].transpose(1, 0, 2, 3)
        length = images * padded[0] * padded[1]
        if per_offset:
            total = np.zeros((channels, length), grad.dtype)
            step = np.empty((channels, length), grad.dtype)
            for weight_t, offset in zip(weights_t, offsets, strict=True):
                np.matmul(
                    weight_t, upstream[:, offsets[-1] - offset : offsets[-1] - offset + length], out=step
                )
                total += step
        else:
            shifted = np.stack(
                [upstream[:, offsets[-1] - offset : offsets[-1] - offset + length] for offset in offsets]
            )
            total = stacked @ shifted.reshape(-1, length)
        rows = total.reshape(channels, images, *padded)[:, :, top : top + height, left : left + width]
        out[part] = rows.transpose(1, 0, 2, 3)
    return out


def _conv_weight_grad_shifted(grad: np.ndarray, a: np.ndarray, b_shape: tuple, window: Window) -> np.ndarray:
    """∂conv/∂W by shifted products: for each offset, the gradient times the rows shifted by it
    (transposed), summed over images and positions."""
    n, channels, height, width = a.shape
    out_channels = b_shape[0]
    (top, bottom), (left, right) = window.padding
    padded = (height + top + bottom, width + left + right)
    oh, ow = grad.shape[2:]
    offsets = _offsets(window, padded[1])
    total = np.zeros((len(offsets), out_channels, channels), a.dtype)
    step = np.empty((out_channels, channels), a.dtype)
    for part in _image_chunks(n, max(channels, out_channels) * padded[0] * padded[1]):
        rows = _padded_rows(a[part], window)
        length = rows.shape[1] - offsets[-1]
        upstream = np.zeros((out_channels, rows.shape[1] // (padded[0] * padded[1]), *padded), a.dtype)
        upstream[:, :, :oh, :ow] = grad[part].transpose(1, 0, 2, 3)
        upstream = upstream.reshape(out_channels, -1)[:, :length]
        for k, offset in enumerate(offsets):
            np.matmul(upstream, rows[:, offset : offset + length].T, out=step)
            total[k] += step
    return total.transpose(1, 2, 0).reshape(b_shape)


def _conv_forward(
    a: np.ndarray, b: np.ndarray, c: np.ndarray | None, window: Window, groups: int
) -> np.ndarray:
    if _shifted(a.shape, a.dtype, b.dtype, window, groups) and 3 * b.shape[0] < 2 * b.shape[1]:
        out = _conv_forward_shifted(a, b, window)
        out = out if c is None else out + c.reshape(-1, 1, 1)
        return laid_out(out, channels_last) if _channels_last(a) or _channels_last(b) else out
    n = a.shape[0]
    out_channels = b.shape[0]
    oh, ow = window.out_size(a.shape[2:])
    weights = b.reshape(groups, out_channels // groups, -1)
    out = np.empty((n, groups, out_channels // groups, oh * ow), np.result_type(a, b))
    # A few images' windows at a time (16 MB): the whole batch's would be its size times the kernel's
    # area (340 MB for a 256-channel 3x3 layer on 64 images), and copying them cost more than the product.
    for part in _image_chunks(n, math.prod(b.shape[1:]) * groups * oh * ow):
        columns = _unfold_forward(a[part], window).reshape(-1, groups, weights.shape[-1], oh * ow)
        np.matmul(weights, columns, out=out[part])
    out = out.reshape(n, out_channels, oh, ow)
    out = out if c is None else out + c.reshape(-1, 1, 1)
    # PyTorch's result is channels-last when the image or the weights are (the layout memory_format chose)
    return laid_out(out, channels_last) if _channels_last(a) or _channels_last(b) else out


def _channels_last(array: np.ndarray) -> bool:
    return suggested(array) is channels_last


def laid_out_as(out: np.ndarray, a: np.ndarray) -> np.ndarray:
    """``out`` laid out channels-last if the image batch ``a`` is: PyTorch's pooling, batch norm and
    padding keep their input's layout (so ``.view(n, -1)`` of a channels-last result fails, as there)."""
    return laid_out(out, channels_last) if out.ndim == 4 and _channels_last(a) else out


def _grouped(grad: Any, groups: int) -> Any:
    """The upstream gradient (N, O, oh, ow) as (N, groups, O/groups, oh·ow)."""
    n, out_channels, oh, ow = np.shape(values_of(grad))
    return reshape(grad, (n, groups, out_channels // groups, oh * ow))


def _conv_input_grad(grad: Any, b: Any, a_shape: tuple, window: Window, groups: int) -> Any:
    """∂conv/∂x: each output's gradient times the weights, added back into its window (fold of Wᵀ G)."""
    n = a_shape[0]
    if type(grad) is np.ndarray and type(b) is np.ndarray and len(a_shape) == 4 and grad.ndim == 4:
        if _shifted(a_shape, grad.dtype, b.dtype, window, groups):
            return _conv_input_grad_shifted(grad, b, a_shape, window)
    if type(grad) is np.ndarray and type(b) is np.ndarray:  # a few images at a time, as the forward
        weights_t = b.reshape(groups, b.shape[0] // groups, -1).transpose(0, 2, 1)
        upstream = grad.reshape(n, groups, b.shape[0] // groups, -1)
        parts = [
            _fold_forward(
                (weights_t @ upstream[part]).reshape(-1, weights_t.shape[1] * groups, upstream.shape[-1]),
                a_shape[2:],
                window,
            )
            for part in _image_chunks(n, math.prod(b.shape[1:]) * groups * upstream.shape[-1])
        ]
        return parts[0] if len(parts) == 1 else np.concatenate(parts)
    weights = reshape(b, (groups, b.shape[0] // groups, -1))
    columns = bmm(transpose(weights, -2, -1), _grouped(grad, groups))
    return fold(reshape(columns, (n, -1, columns.shape[-1])), size=a_shape[2:], window=window)


def _image_chunks(n: int, floats_per_image: int) -> list[slice]:
    """The batch in slices of as many images as ``_CHUNK_FLOATS`` numbers hold (at least one)."""
    step = max(1, _CHUNK_FLOATS // max(1, floats_per_image))
    return [slice(start, start + step) for start in range(0, n, step)]


def _conv_weight_grad(grad: Any, a: Any, b_shape: tuple, window: Window, groups: int) -> Any:
    """∂conv/∂W: each output's gradient times the input window it saw (G Xᵀ, summed over the batch)."""
    if type(grad) is np.ndarray and type(a) is np.ndarray:
        if grad.ndim == 4 and _shifted(a.shape, a.dtype, grad.dtype, window, groups):
            return _conv_weight_grad_shifted(grad, a, b_shape, window)
        if _few_positions(grad.shape, b_shape):
            return _conv_weight_grad_at_once(grad, a, b_shape, window, groups)
        return _conv_weight_grad_in_chunks(grad, a, b_shape, window, groups)
    columns = unfold(a, window=window)  # (recorded for create_graph: the same products, in tensor ops)
    columns = reshape(columns, (columns.shape[0], groups, -1, columns.shape[-1]))
    return reshape(sum(bmm(_grouped(grad, groups), transpose(columns, -2, -1)), 0), b_shape)


def _few_positions(grad_shape: tuple, b_shape: tuple) -> bool:
    """Whether the per-image products of the weight gradient would be bigger than their inputs.

    Each image's product is as big as the weights (O × C·kh·kw) and adds up only as many terms as the map
    has positions; with few positions (a 2×2 map after a ResNet's strides, 512 channels; d2l's AlexNet's
    5×5 windows over 10×10 maps) one product over the whole batch does the work in far fewer passes.
    """
    out_channels, window_size = b_shape[0], math.prod(b_shape[1:])
    positions = math.prod(grad_shape[2:])
    return out_channels * window_size > positions * (out_channels + window_size)


def _conv_weight_grad_at_once(
    grad: np.ndarray, a: np.ndarray, b_shape: tuple, window: Window, groups: int
) -> Any:
    """The weight gradient as one product per group over every image and position (plain arrays only)."""
    n, out_channels = grad.shape[:2]
    columns = _unfold_forward(a, window).reshape(n, groups, -1, math.prod(grad.shape[2:]))
    upstream = grad.reshape(n, groups, out_channels // groups, -1)
    per_group = [
        np.tensordot(upstream[:, g], columns[:, g], axes=([0, 2], [0, 2])) for g in range(groups)
    ]  # (O/groups, C/groups·kh·kw) each: Σ over images and positions
    return np.stack(per_group).reshape(b_shape)


_CHUNK_FLOATS = 1 << 22
"""How many numbers of per-image weight-gradient products to hold at once (16 MB of float32)."""


def _conv_weight_grad_in_chunks(
    grad: np.ndarray, a: np.ndarray, b_shape: tuple, window: Window, groups: int
) -> np.ndarray:
    """The weight gradient as one product per image, added up a few images at a time (plain arrays only).

    A whole batch of products at once is the batch size times the weights (315 MB for d2l's AlexNet on a
    batch of 128), and its windows (unfold) as big again; a few images at a time stay small.
    """
    n, out_channels = grad.shape[:2]
    positions = math.prod(grad.shape[2:])
    step = max(1, _CHUNK_FLOATS // math.prod(b_shape))
    total = None
    for start in range(0, n, step):
        part = slice(start, start + step)
        columns = _unfold_forward(a[part], window).reshape(-1, groups, math.prod(b_shape[1:]), positions)
        upstream = grad[part].reshape(-1, groups, out_channels // groups, positions)
        summed = np.matmul(upstream, columns.transpose(0, 1, 3, 2)).sum(
            0
        )  # (groups, O/groups, C/groups·kh·kw)
        total = summed if total is None else total + summed
    return total.reshape(b_shape)


convolution = defop(
    "conv2d",
    "ConvolutionBackward0",
    "conv",
    _conv_forward,
    a=rule("∂(W ⋆ x)/∂x = fold(Wᵀ G)", _conv_input_grad),
    b=rule("∂(W ⋆ x)/∂W = G · unfold(x)ᵀ", _conv_weight_grad),
    c=rule("∂(W ⋆ x + b)/∂b = Σ G over batch and positions", lambda grad: sum(grad, (0, 2, 3))),
)


# -- pooling --------------------------------------------------------------------------------------------


def pooled(a: np.ndarray, window: Window, fill: float) -> np.ndarray:
    """Every window of ``a`` (N, C, H, W) or (C, H, W), padded with ``fill``, as (N, C, kh·kw, oh·ow) or (C, kh·kw, oh·ow)."""
    views = window.windows(a if a.ndim == 4 else a[None], fill)
    n, c, kh, kw, oh, ow = views.shape
    columns = views.reshape(n, c, kh * kw, oh * ow)
    return columns if a.ndim == 4 else columns[0]


def max_pool_positions(a: np.ndarray, window: Window) -> np.ndarray:
    """Where each window's max lies (0 … kh·kw − 1), (N, C, oh·ow) or (C, oh·ow): as PyTorch's kernel picks it,
    the first of equal largest values, or the last NaN (a NaN is the max).

    Read from the strided windows without copying them: the largest value, one pass per window offset,
    then the first offset that holds it.
    """
    views = window.windows(a if a.ndim == 4 else a[None], -np.inf)
    kh, kw = window.kernel
    offsets = [(k // kw, k % kw) for k in range(kh * kw)]
    kind = np.min_scalar_type(kh * kw)
    if np.isnan(a).any():
        best = views[:, :, 0, 0].copy()
        positions = np.zeros(best.shape, kind)
        for k, (i, j) in enumerate(offsets[1:], start=1):
            candidate = views[:, :, i, j]
            take = (candidate > best) | np.isnan(candidate)  # (PyTorch's test, in its order)
            np.copyto(best, candidate, where=take)
            np.copyto(positions, k, where=take)
    else:
        best = _window_maxima(a if a.ndim == 4 else a[None], window)
        positions = np.full(best.shape, len(offsets) - 1, kind)
        hit = np.empty(best.shape, bool)
        for k in range(len(offsets) - 2, -1, -1):  # (from the last, so the first equal one stays)
            i, j = offsets[k]
            np.equal(views[:, :, i, j], best, out=hit)
            np.copyto(positions, k, where=hit)
    if any(side for pair in window.padding for side in pair):
        _first_inside_where_lowest(positions, best, a, window)
    positions = positions.reshape(
        *positions.shape[:2], -1
    )  # (in the smallest integer type: kept for backward)
    return positions if a.ndim == 4 else positions[0]


def _first_inside_where_lowest(
    positions: np.ndarray, best: np.ndarray, a: np.ndarray, window: Window
) -> None:
    """Where a window's max is the padding's value (−∞, or an integer dtype's smallest), PyTorch's kernel keeps
    the window's first position inside the input: the padding never wins a tie."""
    lowest = best == (
        -np.inf if a.dtype.kind == "f" else np.iinfo(a.dtype).min if a.dtype.kind in "iu" else False
    )
    if not lowest.any():
        return
    kh, kw = window.kernel
    inside = window.windows(np.ones((1, 1, *a.shape[-2:]), bool), False)  # (1, 1, kh, kw, oh, ow)
    first = inside.reshape(kh * kw, *inside.shape[-2:]).argmax(axis=0).astype(positions.dtype)
    np.copyto(positions, np.broadcast_to(first, positions.shape), where=lowest)


def _window_maxima(a: np.ndarray, window: Window) -> np.ndarray:
    """The largest value of each window (NaN if it holds one), one pass per window offset."""
    views = window.windows(a if a.ndim == 4 else a[None], -np.inf)
    kh, kw = window.kernel
    best = views[:, :, 0, 0].copy()
    for k in range(1, kh * kw):
        np.maximum(best, views[:, :, k // kw, k % kw], out=best)
    return best if a.ndim == 4 else best[0]


def _max_pool_forward(a: np.ndarray, window: Window, positions: np.ndarray) -> np.ndarray:
    return laid_out_as(_window_maxima(a, window), a)  # (positions, worked out beforehand: for backward)


def _max_pool_grad(grad: Any, a_shape: tuple, window: Window, positions: np.ndarray) -> Any:
    """∂(max of a window)/∂x: each output's gradient added at its window's max."""
    if type(grad) is not np.ndarray:  # (create_graph: the fold of one-hot windows, in tensor ops)
        return _spread_back(grad, _one_hot_windows(positions, window), a_shape, window)
    # One pass per window offset: the gradients whose max lay there, added into the input shifted by it
    # (the order of fold's adding, where windows overlap).
    batched = (1, *a_shape) if len(a_shape) == 3 else a_shape
    (top, bottom), (left, right) = window.padding
    (kh, kw), (sh, sw), (dh, dw) = window.kernel, window.stride, window.dilation
    oh, ow = window.out_size(a_shape[-2:])
    upstream = grad.reshape(*batched[:2], oh, ow)
    where = positions.reshape(upstream.shape)
    out = np.zeros((*batched[:2], batched[2] + top + bottom, batched[3] + left + right), grad.dtype)
    zero, hit = np.zeros((), grad.dtype), np.empty(upstream.shape, bool)
    for k in range(kh * kw):
        i, j = divmod(k, kw)
        np.equal(where, k, out=hit)
        target = out[:, :, i * dh : i * dh + sh * (oh - 1) + 1 : sh, j * dw : j * dw + sw * (ow - 1) + 1 : sw]
        target += np.where(hit, upstream, zero)
    cropped = out[:, :, top : top + batched[2], left : left + batched[3]]
    return np.ascontiguousarray(cropped).reshape(a_shape)


def _spread_back(grad: Any, spread: np.ndarray, a_shape: tuple, window: Window) -> Any:
    """Each output's gradient times ``spread`` (kh·kw per window), added back into its window (a fold)."""
    n, c = (1, a_shape[0]) if len(a_shape) == 3 else a_shape[:2]  # an unbatched (C, H, W) input: N = 1
    columns = reshape(grad, (n, c, 1, -1)) * _constant(spread, grad)
    images = fold(reshape(columns, (n, -1, columns.shape[-1])), size=a_shape[-2:], window=window)
    return reshape(images, a_shape) if len(a_shape) == 3 else images


def _one_hot_windows(positions: np.ndarray, window: Window) -> np.ndarray:
    """1 at the position each window's max came from: (..., kh·kw, oh·ow) from positions (..., oh·ow)."""
    hits = np.zeros(
        (*positions.shape[:-1], window.kernel[0] * window.kernel[1], positions.shape[-1]), dtype=bool
    )
    np.put_along_axis(hits, positions[..., None, :], True, axis=-2)
    return hits


max_pool2d = defop(
    "max_pool2d",
    "MaxPool2DWithIndicesBackward0",
    "max pool",
    _max_pool_forward,
    a=rule("∂(max of a window)/∂x = 1 at the window's max, 0 elsewhere", _max_pool_grad),
)


def _avg_pool_forward(a: np.ndarray, window: Window, divisors: np.ndarray) -> np.ndarray:
    if a.dtype == np.int64:  # PyTorch's integer kernel: the sum divided in integers, rounded towards 0
        sums, whole = pooled(a, window, 0).sum(axis=-2), divisors.astype(np.int64)
        means = np.sign(sums) * (np.abs(sums) // whole)
    else:
        means = pooled(a, window, 0.0).sum(axis=-2) / divisors.astype(a.dtype)
    return laid_out_as(means.reshape(*a.shape[:-2], *window.out_size(a.shape[-2:])), a)


avg_pool2d = defop(
    "avg_pool2d",
    "AvgPool2DBackward0",
    "avg pool",
    _avg_pool_forward,
    a=rule(
        "∂(mean of a window)/∂x = 1/count for each element of the window",
        lambda grad, a_shape, window, divisors: _spread_back(
            grad, np.ones((1, 1, window.kernel[0] * window.kernel[1], 1)) / divisors, a_shape, window
        ),
    ),
)


def adaptive_windows(n: int, out: int) -> list[tuple[int, int]]:
    """PyTorch's windows of adaptive pooling: output i covers ``[⌊i·n/out⌋, ⌈(i+1)·n/out⌉)``."""
    return [((i * n) // out, -(-(i + 1) * n // out)) for i in range(out)]


def _adaptive_average_matrix(n: int, out: int, like: Any) -> np.ndarray:
    """``(out, n)``: row i holds 1/size on output i's window, 0 elsewhere (in ``like``'s dtype)."""
    matrix = np.zeros((out, n))
    for i, (start, end) in enumerate(adaptive_windows(n, out)):
        matrix[i, start:end] = 1 / (end - start)
    return _constant(matrix, like)


def _adaptive_avg_pool_forward(a: np.ndarray, out_size: tuple[int, int]) -> np.ndarray:
    """Each window's sum divided by its size, windows from :func:`adaptive_windows`."""
    rows, columns = (adaptive_windows(n, out) for n, out in zip(a.shape[-2:], out_size, strict=True))
    result = np.empty((*a.shape[:-2], *out_size), a.dtype)
    for i, (top, bottom) in enumerate(rows):
        for j, (left, right) in enumerate(columns):
            window = a[..., top:bottom, left:right]
            result[..., i, j] = window.sum(axis=(-2, -1)) / ((bottom - top) * (right - left))
    return laid_out_as(result, a)


def _adaptive_avg_pool_grad(grad: Any, a_shape: tuple, out_size: tuple[int, int]) -> Any:
    """``Rᵀ·grad·C`` for each image: every output's gradient spread evenly over its window."""
    (height, width), (out_height, out_width) = a_shape[-2:], out_size
    images = math.prod(a_shape[:-2])
    rows = np.broadcast_to(_adaptive_average_matrix(height, out_height, grad).T, (images, height, out_height))
    columns = np.broadcast_to(_adaptive_average_matrix(width, out_width, grad), (images, out_width, width))
    spread = bmm(bmm(rows, reshape(grad, (images, out_height, out_width))), columns)
    return reshape(spread, a_shape)


adaptive_avg_pool2d = defop(
    "adaptive_avg_pool2d",
    "AdaptiveAvgPool2DBackward0",
    "adaptive avg pool",
    _adaptive_avg_pool_forward,
    a=rule(
        "∂/∂x = Rᵀ·grad·C, R and C averaging each window (1/size on it) along rows and columns",
        lambda grad, a_shape, out_size: _adaptive_avg_pool_grad(grad, a_shape, out_size),
    ),
)


# -- batch norm --------------------------------------------------------------------------------------------


def _channel_shape(ndim: int, channels: int) -> tuple[int, ...]:
    """Shape that lines a per-channel vector up with axis 1 of an ``ndim``-d input."""
    return (1, channels) + (1,) * (ndim - 2)


def _other_axes(ndim: int) -> tuple[int, ...]:
    """Every axis but the channel axis (1): what batch norm averages over."""
    return (0, *range(2, ndim))


def _batch_norm_forward(
    a: np.ndarray,
    b: np.ndarray | None,
    c: np.ndarray | None,
    mean: np.ndarray,
    invstd: np.ndarray,
    training: bool,
    eps: float,
) -> np.ndarray:
    if a.dtype == np.float16:  # PyTorch's kernel computes half in float32 (its opmath type) and stores half
        wide = [None if v is None else v.astype(np.float32) for v in (a, b, c, mean, invstd)]
        return _batch_norm_forward(*wide, training, eps).astype(np.float16)
    shape = _channel_shape(a.ndim, a.shape[1])
    if a.dtype == np.float64:
        out = (a - mean.reshape(shape)) * invstd.reshape(shape)
        if b is not None:
            out = out * b.reshape(shape)
        return laid_out_as(out if c is None else out + c.reshape(shape), a)
    # PyTorch's CPU kernel: x·α + β, α = w/σ and β = b − μ·α, each a fused multiply-add
    alpha = invstd if b is None else (invstd * b).astype(a.dtype)
    shift = np.zeros_like(alpha) if c is None else c
    beta = (shift.astype(np.float64) - mean.astype(np.float64) * alpha).astype(a.dtype)
    out = fma(
        a, np.broadcast_to(alpha.reshape(shape), a.shape), np.broadcast_to(beta.reshape(shape), a.shape)
    )
    return laid_out_as(out, a)


def _normalized(a: Any, mean: np.ndarray, invstd: np.ndarray, training: bool, eps: float) -> tuple[Any, Any]:
    """x̂ = (x − μ)/σ and 1/σ: from the batch itself when training (tensor ops), else the running statistics."""
    ndim = len(np.shape(values_of(a)))
    shape = _channel_shape(ndim, np.shape(values_of(a))[1])
    if not training:
        inverse = _constant(invstd.reshape(shape), a)
        return (a - _constant(mean.reshape(shape), a)) * inverse, inverse
    return _standardized(a, _other_axes(ndim), eps)


def _kernel_order(grad: Any, training: bool, a: Any = None) -> bool:
    """Whether PyTorch's CPU backward kernel's own order applies: a plain backward pass (arrays, not a graph
    being recorded) in training, the gradient (and the input) laid out row by row, float32 or float64."""
    return (
        training
        and type(grad) is np.ndarray
        and grad.dtype in _KERNEL_DTYPES
        and grad.flags.c_contiguous
        and (a is None or (type(a) is np.ndarray and a.dtype == grad.dtype and a.flags.c_contiguous))
    )


_KERNEL_DTYPES = (np.dtype(np.float32), np.dtype(np.float64))

_FLOAT_LANES = 8
"""float32 values in a vector of PyTorch's batch norm kernel as it runs on x86 (AVX2; checked on an AVX-512 CPU too)."""


def _images(array: np.ndarray) -> bool:
    """Whether a batch has planes of more than one value (N, C, H, W ...), not one value per channel (N, C)."""
    return array.size != array.shape[0] * array.shape[1]


def _grad_sums(grad: np.ndarray) -> np.ndarray:
    """Each channel's Σ g, added as PyTorch's backward kernel adds it (see :func:`_dot_sums`)."""
    if _images(grad):
        return grad.reshape(grad.shape[0], grad.shape[1], -1).sum(axis=(0, 2), dtype=np.float64)
    return np.add.reduce(grad.reshape(-1, grad.shape[1]), axis=0)  # row after row, in the dtype


def _dot_sums(grad: np.ndarray, a: np.ndarray, mean: np.ndarray) -> np.ndarray:
    """Each channel's Σ (x − μ)·g, added as PyTorch's backward kernel adds it.

    Images (N, C, ...): each plane's sum in the input's dtype, the planes added in
    double (``batch_norm_cpu_backward_contiguous_impl``); here all in double, which
    differs from that at most in the float's last bit.  Rows (N, C): one running sum
    per channel in the dtype, row after row, each product added with one rounding (a
    fused multiply-add), as ``batch_norm_cpu_backward_channels_last_impl`` on one thread.
    """
    channels = a.shape[1]
    centred = a - mean.reshape(
        _channel_shape(a.ndim, channels)
    )  # (x − μ) in the dtype, as the kernel's vectors
    if _images(a):
        return (centred * grad).reshape(a.shape[0], channels, -1).sum(axis=(0, 2), dtype=np.float64)
    dot = np.zeros(channels, a.dtype)
    for row, centred_row in zip(
        grad.reshape(-1, channels).astype(np.float64), centred.reshape(-1, channels), strict=True
    ):
        dot = (dot + centred_row * row).astype(a.dtype)  # the product exact in double, one rounding
    return dot


def _kernel_input_grad(
    grad: np.ndarray, a: np.ndarray, b: np.ndarray | None, mean: np.ndarray, invstd: np.ndarray
) -> np.ndarray:
    """∂BN/∂x in training as PyTorch's CPU kernel computes it: (g − Σg/N − (x − μ)·k)·(1/σ)·w, where
    k = Σ(x − μ)g · (1/σ)² / N."""
    dtype, channels = a.dtype, a.shape[1]
    count = a.size // channels
    shape = _channel_shape(a.ndim, channels)
    k = _dot_sums(grad, a, mean).astype(dtype) * invstd * invstd / dtype.type(count)
    grad_mean = (_grad_sums(grad) / count).astype(dtype)  # (a double sum is divided in double, then rounded)
    out = grad - grad_mean.reshape(shape)
    centred = a - mean.reshape(shape)
    # (g − Σg/N) − (x − μ)·k is one fused step in the kernel's float vectors, except in the channels
    # after the last full vector of 8.  Followed where it gives PyTorch's bits, with one value per
    # channel; images' planes are added in another order anyway.
    fused = 0 if _images(a) else channels // _FLOAT_LANES * _FLOAT_LANES
    if dtype == np.float32 and fused:
        part = (slice(None), slice(0, fused))
        # (k per channel, on the channel axis: a (N, C, 1, 1) batch of 1x1 maps is added as rows too)
        k_fused = k[:fused].reshape((fused,) + (1,) * (a.ndim - 2))
        out[part] = fma(-centred[part], np.broadcast_to(k_fused, out[part].shape), out[part])
        centred[part] = 0
    out -= centred * k.reshape(shape)
    out *= invstd.reshape(shape)
    if b is not None:
        out *= b.reshape(shape)
    return out


def _batch_norm_input_grad(
    grad: Any, a: Any, b: Any, mean: np.ndarray, invstd: np.ndarray, training: bool, eps: float
) -> Any:
    """∂BN/∂x = (1/σ)(g·w − mean(g·w) − x̂·mean(g·w·x̂)) in training; g·w/σ with running statistics."""
    if _kernel_order(grad, training, a) and (b is None or type(b) is np.ndarray):
        return _kernel_input_grad(grad, a, b, mean, invstd)
    ndim = len(np.shape(values_of(a)))
    scaled = grad if b is None else grad * reshape(b, _channel_shape(ndim, np.shape(values_of(b))[0]))
    if not training:
        return scaled * _normalized(a, mean, invstd, training, eps)[1]
    return _standardized_grad(scaled, a, _other_axes(ndim), eps)


def _batch_norm_weight_grad(
    grad: Any, a: Any, mean: np.ndarray, invstd: np.ndarray, training: bool, eps: float
) -> Any:
    """∂BN/∂w = Σ g·x̂ over every axis but the channels."""
    if _kernel_order(grad, training, a):  # Σ (x − μ)g · (1/σ), as PyTorch's kernel
        return (_dot_sums(grad, a, mean) * invstd).astype(a.dtype)
    return sum(
        grad * _normalized(a, mean, invstd, training, eps)[0], _other_axes(len(np.shape(values_of(a))))
    )


def _batch_norm_bias_grad(grad: Any, training: bool) -> Any:
    """∂BN/∂b = Σ g over every axis but the channels (added as PyTorch's kernel adds it, where it applies)."""
    if _kernel_order(grad, training):
        return _grad_sums(grad).astype(grad.dtype)
    return sum(grad, _other_axes(np.ndim(values_of(grad))))


batch_norm = defop(
    "batch_norm",
    "NativeBatchNormBackward0",
    "batch norm",
    _batch_norm_forward,
    a=rule("∂BN/∂x = (1/σ)(g·w − mean(g·w) − x̂·mean(g·w·x̂))", _batch_norm_input_grad),
    b=rule("∂BN/∂w = Σ g·x̂", _batch_norm_weight_grad),
    c=rule("∂BN/∂b = Σ g", lambda grad, training: _batch_norm_bias_grad(grad, training)),
)


# == nn_d: more activations, layer and group norm, embedding, padding ======================================


def _mask(condition: np.ndarray, grad: Any) -> np.ndarray:
    """A boolean ``condition`` as 0/1 in the gradient's dtype."""
    return _constant(condition, grad)


def _elu_coefficients(dtype: np.dtype, alpha: float, scale: float, input_scale: float) -> tuple:
    """PyTorch's kernel's constants in the dtype: α·scale (rounded once more), scale, input_scale."""
    kind = dtype.type if dtype.kind == "f" else np.float64
    return kind(alpha) * kind(scale), kind(scale), kind(input_scale)


def _elu_forward(a: np.ndarray, alpha: float, scale: float, input_scale: float) -> np.ndarray:
    """PyTorch's kernel: (exp(a·input_scale) − 1)·α·scale for a ≤ 0, each step rounded; a·scale above."""
    negative_coefficient, positive_coefficient, input_coefficient = _elu_coefficients(
        a.dtype, alpha, scale, input_scale
    )
    with np.errstate(over="ignore", invalid="ignore"):  # (the exp of a positive a, not used)
        negative = (_exp_rounded(a * input_coefficient) - 1) * negative_coefficient
    return np.where(a > 0, a * positive_coefficient, negative).astype(a.dtype, copy=False)


def _elu_grad(grad: Any, a: Any, alpha: float, scale: float, input_scale: float) -> Any:
    """grad·elu'(a): grad·scale for a > 0, else grad·input_scale·α·scale·e^(a·input_scale), in PyTorch's order."""
    if type(grad) is not np.ndarray:  # (a recorded backward, create_graph: the slope as ops)
        positive = values_of(a) > 0
        negative = _mask(~positive, grad)
        slope = _mask(positive, grad) * scale + negative * (alpha * scale * input_scale) * exp(
            a * negative * input_scale
        )
        return grad * slope
    a = values_of(a)
    negative_coefficient, positive_coefficient, input_coefficient = _elu_coefficients(
        a.dtype, alpha, scale, input_scale
    )
    with np.errstate(over="ignore", invalid="ignore"):
        negative = grad * input_coefficient * negative_coefficient * _exp_rounded(a * input_coefficient)
    return np.where(a > 0, grad * positive_coefficient, negative)


elu = defop(  # elu, selu (α and scale fixed) and celu (input_scale = 1/α)
    "elu",
    "EluBackward0",
    "elu",
    _elu_forward,
    opmath=True,
    a=rule(
        "∂elu(a)/∂a = scale if a > 0 else α·scale·s·e^(s·a)",
        lambda grad, a, alpha, scale, input_scale: _elu_grad(grad, a, alpha, scale, input_scale),
    ),
)
celu = defop(
    "celu",
    "CeluBackward0",
    "celu",
    lambda a, alpha: _elu_forward(a, alpha, 1.0, 1 / alpha),
    a=rule(
        "∂celu(a)/∂a = 1 if a > 0 else e^(a/α)",
        lambda grad, a, alpha: _elu_grad(grad, a, alpha, 1.0, 1 / alpha),
    ),
)


def _silu_slope(a: Any) -> Any:
    """silu'(a) = σ(a)(1 + a(1 − σ(a)))."""
    s = sigmoid(a)
    return s * (1 + a * (1 - s))


def _silu_grad(grad: Any, a: Any) -> Any:
    """grad·σ(a)·(1 + a(1 − σ(a))), in the order PyTorch's kernel multiplies (its compiler fuses 1 + a·(…))."""
    if type(grad) is not np.ndarray:  # (a recorded backward, create_graph: the slope as ops)
        return grad * _silu_slope(a)
    a = values_of(a)
    s = _kernel_sigmoid(a)
    return grad * s * fma(a, 1 - s, a.dtype.type(1))


silu = defop(
    "silu",
    "SiluBackward0",
    "silu",
    lambda a: (a / (1 + _exp_rounded(-a))).astype(a.dtype, copy=False),  # (PyTorch's kernel's steps)
    opmath=True,
    a=rule("∂(a·σ(a))/∂a = σ(a)(1 + a(1 − σ(a)))", lambda grad, a: _silu_grad(grad, a)),
)


def _softplus_forward(a: np.ndarray, beta: float, threshold: float) -> np.ndarray:
    """PyTorch's kernel: log1p(exp(β·a))/β, each step rounded to the dtype; ``a`` where β·a > threshold."""
    scaled = a * beta
    with np.errstate(over="ignore"):
        smooth = _log1p_rounded(_exp_rounded(scaled)) / beta
    return np.where(scaled > threshold, a, smooth).astype(a.dtype, copy=False)


def _softplus_grad(grad: Any, a: Any, beta: float, threshold: float) -> Any:
    """grad · σ(β·a), as PyTorch's kernel computes it: grad·z/(z + 1), z = exp(β·a); grad where β·a > threshold."""
    if type(grad) is np.ndarray:
        scaled = values_of(a) * beta
        z = _exp_rounded(scaled)
        with np.errstate(over="ignore", invalid="ignore"):  # (z = inf above the threshold: not used there)
            return np.where(scaled > threshold, grad, grad * z / (z + z.dtype.type(1)))
    linear = values_of(a) * beta > threshold  # (a recorded backward, create_graph: the same slope as ops)
    return grad * (_mask(linear, grad) + _mask(~linear, grad) * sigmoid(a * beta))


softplus = defop(
    "softplus",
    "SoftplusBackward0",
    "softplus",
    _softplus_forward,
    opmath=True,
    a=rule(
        "∂(log(1 + e^(βa))/β)/∂a = σ(βa)",
        lambda grad, a, beta, threshold: _softplus_grad(grad, a, beta, threshold),
    ),
)


def _tanh_softplus(a: np.ndarray) -> np.ndarray:
    """tanh(log1p(exp(a))), each step rounded to the dtype, as PyTorch's mish kernels compute it."""
    with np.errstate(over="ignore"):
        return _tanh_rounded(_log1p_rounded(_exp_rounded(a)))


def _mish_forward(a: np.ndarray) -> np.ndarray:
    return (a * _tanh_softplus(a)).astype(a.dtype, copy=False)


def _mish_grad(grad: Any, a: Any) -> Any:
    """grad·(t + a·σ(a)·(1 − t²)), t = tanh(softplus(a)), in the order PyTorch's kernel computes it."""
    if type(grad) is not np.ndarray:  # (a recorded backward, create_graph: the slope as ops)
        return grad * _mish_slope(a)
    a = values_of(a)
    t = _tanh_softplus(a)
    # (PyTorch's compiler fuses both: t + (a·σ)·(1 − t·t), with 1 − t·t one step too)
    return grad * fma(a * _kernel_sigmoid(a), fma(-t, t, a.dtype.type(1)), t)


def _mish_slope(a: Any) -> Any:
    """mish'(a) = tanh(sp(a)) + a·σ(a)·(1 − tanh²(sp(a))), sp the softplus."""
    t = tanh(softplus(a, beta=1.0, threshold=20.0))
    return t + a * sigmoid(a) * (1 - t * t)


mish = defop(
    "mish",
    "MishBackward0",
    "mish",
    _mish_forward,
    opmath=True,
    a=rule(
        "∂(a·tanh(softplus a))/∂a = tanh(sp) + a·σ(a)(1 − tanh²(sp))", lambda grad, a: _mish_grad(grad, a)
    ),
)
hardtanh = defop(  # hardtanh and relu6
    "hardtanh",
    "HardtanhBackward0",
    "hardtanh",
    lambda a, min_val, max_val: clamped(a, min_val, max_val),
    a=rule(
        "∂hardtanh(a)/∂a = 1 if min < a < max else 0",
        lambda grad, a, min_val, max_val: backward_op(
            hardtanh_backward, grad, a, min_val=min_val, max_val=max_val
        ),
    ),
)


def _real_kernel(a: np.ndarray, kernel: str) -> None:
    """PyTorch's hard activations have floating-point kernels only."""
    if a.dtype.kind != "f":
        raise messages.error(
            "activation_not_floating", kernel=kernel, dtype_name=errors.scalar_type_name(a.dtype)
        )


def _hardsigmoid_forward(a: np.ndarray) -> np.ndarray:
    """``min(max(a + 3, 0), 6) / 6``, in the kernel's order."""
    _real_kernel(a, "hardsigmoid_cpu")
    return np.minimum(np.maximum(a + 3, 0), 6) / a.dtype.type(6)


def _hardswish_forward(a: np.ndarray) -> np.ndarray:
    """``a · min(max(a + 3, 0), 6) / 6``, in the kernel's order."""
    _real_kernel(a, "hardswish_cpu")
    return a * np.minimum(np.maximum(a + 3, 0), 6) / a.dtype.type(6)


def _hardswish_slope(grad: Any, a: Any) -> Any:
    """0 at a ≤ −3, a/3 + ½ below 3, 1 from 3 on (and for NaN), as PyTorch's backward kernel."""
    values = values_of(a)
    middle = grad * (a / 3.0 + 0.5)
    return where(values <= -3.0, 0.0, where(values < 3.0, middle, grad))


def _shrink_forward(a: np.ndarray, lambd: float, soft: bool) -> np.ndarray:
    """0 inside [−λ, λ]; outside, a (hard) or a moved λ towards 0 (soft); NaN stays NaN."""
    _real_kernel(a, "softshrink_check" if soft else "hardshrink_cpu")  # (softshrink checks lambd first)
    if soft:
        if lambd < 0:
            raise messages.error("softshrink_lambda", dtype_name=errors.scalar_type_name(a.dtype),
                                 largest=f"{float(np.finfo(a.dtype).max):g}", lambd=f"{lambd:g}")  # fmt: skip
        return _zeros_of_the_vector_loop(
            a, np.where(a > lambd, a - lambd, np.where(a < -lambd, a + lambd, a * 0))
        )
    return np.where((a >= -lambd) & (a <= lambd), a.dtype.type(0), a)


_VECTOR_BYTES = 64
"""The width of PyTorch's vectors in its elementwise CPU kernels here (AVX-512: 16 floats, 8 doubles)."""


def _zeros_of_the_vector_loop(a: np.ndarray, out: np.ndarray) -> np.ndarray:
    """``out`` with +0. where PyTorch's vector loop writes softshrink's zeros: it runs over a contiguous tensor
    in whole vectors and leaves the last partial one to its scalar loop, which writes a·0 (-0. for a < 0)."""
    if out.ndim and a.flags.c_contiguous and out.flags.c_contiguous:
        flat = out.reshape(-1)
        flat[: flat.size - flat.size % (_VECTOR_BYTES // out.itemsize)] += (
            0  # (-0. + 0 is +0.; the rest as they are)
        )
    return out


_ONE_SIXTH = float(np.float32(1.0 / 6.0))
"""PyTorch's backward kernel multiplies by ``1.0f / 6.0f``, a float32 sixth, for doubles too."""

_SHRINK_RULE = rule(
    "∂shrink(a)/∂a = 0 inside [−λ, λ], 1 outside",
    lambda grad, a, lambd: where((values_of(a) >= -lambd) & (values_of(a) <= lambd), 0.0, grad),
)
hardsigmoid = defop(
    "hardsigmoid", "HardsigmoidBackward0", "hardsigmoid", _hardsigmoid_forward,
    opmath=True,
    a=rule("∂hardsigmoid(a)/∂a = 1/6 if −3 < a < 3 else 0",
           lambda grad, a: where((values_of(a) > -3.0) & (values_of(a) < 3.0), grad * _ONE_SIXTH, 0.0)),
)  # fmt: skip
hardswish = defop(
    "hardswish", "HardswishBackward0", "hardswish", _hardswish_forward,
    opmath=True,
    a=rule("∂hardswish(a)/∂a = 0, a/3 + ½, 1 (below −3, between, from 3)", _hardswish_slope),
)  # fmt: skip
hardshrink = defop(
    "hardshrink", "HardshrinkBackward0", "hardshrink",
    lambda a, lambd: _shrink_forward(a, lambd, soft=False), a=_SHRINK_RULE,
)  # fmt: skip
softshrink = defop(
    "softshrink", "SoftshrinkBackward0", "softshrink",
    lambda a, lambd: _shrink_forward(a, lambd, soft=True), a=_SHRINK_RULE,
)  # fmt: skip


def _halves(values: Any, dim: int) -> tuple:
    """The two halves of ``values`` along ``dim``: the values, then the gates."""
    if np.ndim(values) == 0:
        raise messages.error("glu_scalar")
    size = np.shape(values)[dim]
    if size % 2:
        raise messages.error("glu_odd", dim=dim % np.ndim(values), size=size)
    first = [slice(None)] * np.ndim(values)
    second = list(first)
    first[dim], second[dim] = slice(None, size // 2), slice(size // 2, None)
    return values[tuple(first)], values[tuple(second)]


def _glu_forward(a: np.ndarray, dim: int) -> np.ndarray:
    """``values · σ(gates)``, σ as PyTorch's kernel computes it (its sigmoid, ``1 / (1 + e^−b)``)."""
    values, gates = _halves(a, dim)
    return values * _sigmoid_forward(gates)


def _glu_rule(grad: Any, a: Any, dim: int) -> Any:
    """∂/∂values = σ(gates)·grad; ∂/∂gates = (1 − σ)·σ·values·grad, in the order of PyTorch's kernel."""
    values, gates = _halves(a, dim)
    gate = sigmoid(gates)
    return cat_op(gate * grad, (1 - gate) * gate * values * grad, dim=dim % np.ndim(a))  # (cat_op: dim ≥ 0)


glu = defop("glu", "GluBackward0", "glu", _glu_forward, a=rule("∂(a·σ(b)) by halves", _glu_rule))


def _threshold_forward(a: np.ndarray, threshold: float, value: float) -> np.ndarray:
    return np.where(a > threshold, a, value).astype(a.dtype, copy=False)


_THRESHOLD_RULE = rule(
    "∂threshold(a)/∂a = 1 if a > threshold else 0",
    lambda grad, a, threshold: where(values_of(a) > threshold, grad, 0.0),
)
threshold = defop("threshold", "ThresholdBackward0", "threshold", _threshold_forward, a=_THRESHOLD_RULE)


def _log_sigmoid_grad(grad: Any, a: Any) -> Any:
    """grad·σ(−a), as PyTorch's kernel computes it from b = exp(−|a|): (1 − b/(1 + b))·grad for a < 0,
    (0 + b/(1 + b))·grad otherwise."""
    if type(grad) is not np.ndarray:  # (a recorded backward, create_graph: the slope as ops)
        return grad * sigmoid(-a)
    a = values_of(a)
    b = _exp_rounded(-np.abs(a))
    share = b / (1 + b)
    return np.where(a < 0, 1 - share, share) * grad


log_sigmoid = defop(
    "log_sigmoid",
    "LogSigmoidBackward0",
    "log σ",
    lambda a: _log_sigmoid(a).astype(a.dtype, copy=False),
    a=rule("∂log σ(a)/∂a = 1 − σ(a) = σ(−a)", lambda grad, a: _log_sigmoid_grad(grad, a)),
)
prelu = defop(
    "prelu",
    "PreluKernelBackward0",
    "prelu",
    lambda a, b: np.where(a > 0, a, a * b).astype(np.result_type(a, b), copy=False),
    a=rule(
        "∂prelu(a, w)/∂a = 1 if a > 0 else w",
        lambda grad, a, b: grad * (_mask(values_of(a) > 0, grad) + _mask(values_of(a) <= 0, grad) * b),
    ),
    b=rule(
        "∂prelu(a, w)/∂w = a if a ≤ 0 else 0 (summed where w was broadcast)",
        lambda grad, a: grad * a * _mask(values_of(a) <= 0, grad),
    ),
)


rrelu_with_noise = defop(  # torch.rrelu: x·r, r the slope of each element (1 where x > 0) (branch s12_fn)
    "rrelu_with_noise",
    "RreluWithNoiseBackward0",
    "rrelu",
    lambda a, noise: (a * noise).astype(a.dtype, copy=False),
    a=rule(
        "∂(r·x)/∂x = r, the slope drawn for x (1 where x > 0)",
        lambda grad, noise: grad * _constant(noise, grad),
    ),
)
rrelu_with_noise_ = defop(  # F.rrelu(inplace=True), PyTorch's in-place row (branch s12_nn3d)
    "rrelu_with_noise_",
    "RreluWithNoiseBackward1",
    "rrelu",
    lambda a, noise: (a * noise).astype(a.dtype, copy=False),
    a=rule(
        "∂(r·x)/∂x = r, the slope drawn for x (1 where x > 0)",
        lambda grad, noise: grad * _constant(noise, grad),
    ),
)


# -- layer norm and group norm: standardise over some axes (the same maths as batch norm's training) --------


def _standardized(a: Any, axes: tuple[int, ...], eps: float) -> tuple[Any, Any]:
    """x̂ = (x − mean)/√(var + eps) over ``axes`` and 1/√(var + eps) (tensor ops: differentiable again)."""
    centred = a - average(a, axes, keepdim=True)
    inverse = (average(centred * centred, axes, keepdim=True) + eps) ** -0.5
    return centred * inverse, inverse


def _standardized_grad(scaled: Any, a: Any, axes: tuple[int, ...], eps: float) -> Any:
    """∂x̂/∂x applied to ``scaled`` = g·w: (1/σ)(s − mean(s) − x̂·mean(s·x̂)) over ``axes``."""
    normalized, inverse = _standardized(a, axes, eps)
    return inverse * (
        scaled
        - average(scaled, axes, keepdim=True)
        - normalized * average(scaled * normalized, axes, keepdim=True)
    )


def _last_axes(count: int) -> tuple[int, ...]:
    """The last ``count`` axes, as negative numbers (layer norm's normalized_shape)."""
    return tuple(range(-count, 0))


def _layer_norm_forward(
    a: np.ndarray, b: np.ndarray | None, c: np.ndarray | None, dims: int, eps: float
) -> np.ndarray:
    axes = _last_axes(dims)
    centred = a - a.mean(axis=axes, keepdims=True)
    out = centred / np.sqrt((centred * centred).mean(axis=axes, keepdims=True) + a.dtype.type(eps))
    if b is not None:
        out = out * b
    return out if c is None else out + c


def _layer_norm_input_grad(grad: Any, a: Any, b: Any, dims: int, eps: float) -> Any:
    """∂LN/∂x = (1/σ)(g·w − mean(g·w) − x̂·mean(g·w·x̂)) over the normalised axes."""
    return _standardized_grad(grad if b is None else grad * b, a, _last_axes(dims), eps)


layer_norm = defop(
    "layer_norm",
    "NativeLayerNormBackward0",
    "layer norm",
    row_major(_layer_norm_forward),
    opmath=True,
    a=rule("∂LN/∂x = (1/σ)(g·w − mean(g·w) − x̂·mean(g·w·x̂))", _layer_norm_input_grad),
    b=rule(
        "∂LN/∂w = Σ g·x̂ over the leading axes",
        lambda grad, a, dims, eps: grad * _standardized(a, _last_axes(dims), eps)[0],
    ),
    c=rule("∂LN/∂b = Σ g over the leading axes", lambda grad: grad),
)


def _grouped_shape(shape: tuple, groups: int) -> tuple[int, int, int]:
    """(N, C, ...) as (N, groups, the rest): each group's values in one row."""
    return (shape[0], groups, -1)


def _group_norm_forward(
    a: np.ndarray, b: np.ndarray | None, c: np.ndarray | None, groups: int, eps: float
) -> np.ndarray:
    rows = a.reshape(_grouped_shape(a.shape, groups))
    centred = rows - rows.mean(axis=-1, keepdims=True)
    out = (centred / np.sqrt((centred * centred).mean(axis=-1, keepdims=True) + a.dtype.type(eps))).reshape(
        a.shape
    )
    shape = _channel_shape(a.ndim, a.shape[1])
    if b is not None:
        out = out * b.reshape(shape)
    return out if c is None else out + c.reshape(shape)


def _group_normalized(a: Any, groups: int, eps: float) -> Any:
    """x̂ of each group, in the input's shape."""
    shape = np.shape(values_of(a))
    return reshape(_standardized(reshape(a, _grouped_shape(shape, groups)), (-1,), eps)[0], shape)


def _group_norm_input_grad(grad: Any, a: Any, b: Any, groups: int, eps: float) -> Any:
    """∂GN/∂x = (1/σ)(g·w − mean(g·w) − x̂·mean(g·w·x̂)) over each group."""
    shape = np.shape(values_of(a))
    scaled = grad if b is None else grad * reshape(b, _channel_shape(len(shape), shape[1]))
    rows = _grouped_shape(shape, groups)
    return reshape(_standardized_grad(reshape(scaled, rows), reshape(a, rows), (-1,), eps), shape)


group_norm = defop(
    "group_norm",
    "NativeGroupNormBackward0",
    "group norm",
    _group_norm_forward,
    a=rule("∂GN/∂x = (1/σ)(g·w − mean(g·w) − x̂·mean(g·w·x̂)) per group", _group_norm_input_grad),
    b=rule(
        "∂GN/∂w = Σ g·x̂ over every axis but the channels",
        lambda grad, a, groups, eps: sum(
            grad * _group_normalized(a, groups, eps), _other_axes(np.ndim(values_of(grad)))
        ),
    ),
    c=rule(
        "∂GN/∂b = Σ g over every axis but the channels",
        lambda grad: sum(grad, _other_axes(np.ndim(values_of(grad)))),
    ),
)


# -- embedding: rows of a weight picked by index ----------------------------------------------------------------


def _row_factors(
    indices: np.ndarray, padding_idx: int, scale_grad_by_freq: bool, dtype: np.dtype
) -> np.ndarray:
    """What each picked row's gradient is multiplied by: 0 at ``padding_idx``, 1/count with ``scale_grad_by_freq``."""
    factors = (indices != padding_idx).astype(dtype)
    if scale_grad_by_freq:
        _, inverse, counts = np.unique(indices, return_inverse=True, return_counts=True)
        factors = factors / counts[inverse.reshape(indices.shape)].astype(dtype)
    return factors[..., None]


def _embedding_backward_forward(
    a: np.ndarray, indices: np.ndarray, num_weights: int, padding_idx: int, scale_grad_by_freq: bool
) -> np.ndarray:
    rows = a * _row_factors(indices, padding_idx, scale_grad_by_freq, a.dtype)
    out = np.zeros((num_weights, a.shape[-1]), a.dtype)
    np.add.at(out, indices.reshape(-1), rows.reshape(-1, a.shape[-1]))
    return out


embedding = defop(
    "embedding",
    "EmbeddingBackward0",
    "embedding",
    lambda a, indices, padding_idx, scale_grad_by_freq: a[indices],
    a=rule(
        "∂W[i]/∂W: each row's gradient added into the row it was picked from",
        lambda grad, a_shape, indices, padding_idx, scale_grad_by_freq: embedding_dense_backward(
            grad,
            indices=indices,
            num_weights=a_shape[0],
            padding_idx=padding_idx,
            scale_grad_by_freq=scale_grad_by_freq,
        ),
    ),
)
embedding_dense_backward = defop(
    "embedding_dense_backward",
    "EmbeddingDenseBackwardBackward0",
    "embedding backward",
    _embedding_backward_forward,
    a=rule(
        "adds rows into the weight's rows: each row's gradient is its weight row's, 0 at padding_idx "
        "(PyTorch leaves out the 1/count of scale_grad_by_freq here)",
        lambda grad, indices, padding_idx, scale_grad_by_freq: (
            embedding(grad, indices=indices, padding_idx=padding_idx, scale_grad_by_freq=scale_grad_by_freq)
            * _constant(_row_factors(indices, padding_idx, False, values_of(grad).dtype), grad)
        ),
    ),
)


# -- padding: constant (ConstantPadNd), reflect and replicate (one row per mode and dimension count) -----------


def _pad_pairs(pad: tuple[int, ...], ndim: int) -> list[tuple[int, int]]:
    """PyTorch's flat ``pad`` (last dimension first) as (before, after) for every axis of an ``ndim``-d input."""
    pairs = [(pad[i], pad[i + 1]) for i in range(0, len(pad), 2)][::-1]
    return [(0, 0)] * (ndim - len(pairs)) + pairs


def _constant_pad_forward(a: np.ndarray, pad: tuple[int, ...], value: float) -> np.ndarray:
    pairs = _pad_pairs(pad, a.ndim)
    grown = np.pad(a, [(max(b, 0), max(e, 0)) for b, e in pairs], constant_values=value)
    cut = tuple(slice(max(-b, 0), n - max(-e, 0)) for (b, e), n in zip(pairs, grown.shape, strict=True))
    return laid_out_as(grown[cut], a)


constant_pad_nd = defop(
    "constant_pad_nd",
    "ConstantPadNdBackward0",
    "pad",
    _constant_pad_forward,
    a=rule(
        "∂pad(a)/∂a: the gradient with the padding cut off again (a pad by −pad)",
        lambda grad, pad: constant_pad_nd(grad, pad=tuple(-p for p in pad), value=0),
    ),
)


def _reflect_positions(size: int, before: int, after: int) -> np.ndarray:
    """Where each padded position reads from: mirrored at the edges, the edge itself not repeated."""
    positions = np.abs(np.arange(-before, size + after))
    return np.where(positions >= size, 2 * (size - 1) - positions, positions)


def _replicate_positions(size: int, before: int, after: int) -> np.ndarray:
    """Where each padded position reads from: the edge value repeated."""
    return np.clip(np.arange(-before, size + after), 0, size - 1)


def _index_pad_forward(a: np.ndarray, positions: tuple[np.ndarray, ...]) -> np.ndarray:
    for axis, taken in zip(range(-len(positions), 0), positions, strict=True):
        a = np.take(a, taken, axis=axis)
    return a


def _index_pad_backward_forward(
    a: np.ndarray, b: np.ndarray, positions: tuple[np.ndarray, ...]
) -> np.ndarray:
    """Each padded position's gradient ``a`` added into the position of the input ``b`` it was read from.

    In PyTorch's order (``cpu_padding_backward``): one position at a time,
    the padded positions in row-major order, into zeros.  Adding axis by
    axis rounds otherwise in float32.
    """
    inner = b.shape[len(b.shape) - len(positions) :]
    rows = math.prod(a.shape[: a.ndim - len(positions)])
    targets = np.ravel_multi_index(np.ix_(*positions), inner).ravel()
    out = np.zeros((rows, math.prod(inner)), a.dtype)
    np.add.at(out, (slice(None), targets), a.reshape(rows, targets.size))
    return out.reshape(*a.shape[: a.ndim - len(positions)], *inner)


INDEX_PADS: dict[tuple[str, int], Any] = {}
"""(mode, number of padded dimensions) -> the op: ("reflect", 2) is ReflectionPad2D."""


def _pad_of_gradient(mode: str, dims: int) -> Any:
    """The rule of a pad's backward row: the gradient padded the same way."""
    return lambda grad, positions: INDEX_PADS[mode, dims](grad, positions=positions)


def _gradient_of_pad(backward: Any) -> Any:
    """The rule of a pad row: each padded position's gradient added back (its backward row, given the input)."""
    return lambda grad, a, positions: backward(grad, a, positions=positions)


for _mode, _title in (("reflect", "Reflection"), ("replicate", "Replication")):
    for _dims in (1, 2, 3):
        _backward = defop(
            f"{_mode}_pad{_dims}d_backward",
            f"{_title}Pad{_dims}DBackwardBackward0",
            f"{_mode} pad backward",
            _index_pad_backward_forward,
            a=rule(
                "adds the padded positions back: its gradient is the pad of the gradient",
                _pad_of_gradient(_mode, _dims),
            ),
            b=rule(
                "the input gives only its shape: PyTorch's gradient for it is zeros", lambda grad, b: b * 0
            ),
        )
        INDEX_PADS[_mode, _dims] = defop(
            f"{_mode}_pad{_dims}d",
            f"{_title}Pad{_dims}DBackward0",
            f"{_mode} pad",
            _index_pad_forward,
            a=rule(
                "∂pad(a)/∂a: each padded position's gradient added into the position it copies",
                _gradient_of_pad(_backward),
            ),
        )


# -- distances: the small ops PyTorch's normalize, cosine_similarity and pairwise_distance are made of ------------

add_scalar = defop(  # PyTorch's add(Tensor, Scalar) called from C++ (pairwise_distance's + eps)
    "add_scalar",
    "AddBackward1",
    "+",
    lambda a, other: (a + other).astype(a.dtype, copy=False),
    a=rule("∂(a + c)/∂a = 1", lambda grad: grad),
)


norm_dim = (
    defop(  # PyTorch's norm(Tensor, Scalar p, int[] dim, bool keepdim) called from C++ (pairwise_distance)
        "norm_dim",
        "NormBackward1",
        "‖·‖",
        _vector_norm_forward,
        a=rule("∂‖a‖ₚ/∂aᵢ = sgn(aᵢ)·|aᵢ|ᵖ⁻¹ / ‖a‖ₚᵖ⁻¹", _vector_norm_rule),
    )
)
sub_scalar = defop(  # PyTorch's sub(Tensor, Scalar) called from C++ (cosine_embedding_loss's cos − margin)
    "sub_scalar",
    "SubBackward1",
    "−",
    lambda a, other: (a - other).astype(a.dtype, copy=False),
    a=rule("∂(a − c)/∂a = 1", lambda grad: grad),
)


# -- losses: the pieces of kl_div ------------------------------------------------------------------------------


# xlogy (kl_div's target·log(target)) is the public op row in ops/elementwise.py.


# -- in-place activations: PyTorch's rows for elu_, celu_, threshold_ and leaky_relu_ (the ...Backward1 nodes) -----


def _elu_slope_from_result(grad: Any, out: Any, alpha: float, scale: float, input_scale: float) -> Any:
    """elu'(a) from the result y: scale for y > 0, else input_scale·(y + α·scale) (the input is overwritten)."""
    positive = values_of(out) > 0
    return _mask(positive, grad) * scale + _mask(~positive, grad) * input_scale * (out + alpha * scale)


elu_ = defop(
    "elu_",
    "EluBackward1",
    "elu",
    _elu_forward,
    a=rule(
        "∂elu(a)/∂a = scale if y > 0 else s·(y + α·scale), from the result y",
        lambda grad, out, alpha, scale, input_scale: (
            grad * _elu_slope_from_result(grad, out, alpha, scale, input_scale)
        ),
    ),
)
celu_ = defop(
    "celu_",
    "CeluBackward1",
    "celu",
    celu.forward,
    a=rule(
        "∂celu(a)/∂a = 1 if y > 0 else (y + α)/α, from the result y",
        lambda grad, out, alpha: grad * _elu_slope_from_result(grad, out, alpha, 1.0, 1 / alpha),
    ),
)
threshold_ = defop("threshold_", "ThresholdBackward1", "threshold", _threshold_forward, a=_THRESHOLD_RULE)
leaky_relu_ = defop(
    "leaky_relu_",
    "LeakyReluBackward1",
    "leaky relu",
    leaky_relu.forward,
    a=rule(
        "∂leaky_relu(a)/∂a = 1 if y > 0 else slope, from the result y",
        lambda grad, out, negative_slope: backward_op(
            leaky_relu_backward, grad, out, negative_slope=negative_slope
        ),
    ),
)


# -- 1-d convolution (branch nn_e) ----------------------------------------------------------------------
# A sequence (N, C, L) is an image one pixel high: the 2-d forward and rules run on (N, C, 1, L), and the
# node is PyTorch's (ConvolutionBackward0, which serves every dimension).


def _conv1d_input_grad(grad: Any, b: Any, a_shape: tuple, window: Window, groups: int) -> Any:
    """∂conv1d/∂x: the 2-d rule on the sequence seen as an image one pixel high."""
    image_shape = (a_shape[0], a_shape[1], 1, a_shape[2])
    return reshape(
        _conv_input_grad(unsqueeze(grad, 2), unsqueeze(b, 2), image_shape, window, groups), a_shape
    )


def _conv1d_weight_grad(grad: Any, a: Any, b_shape: tuple, window: Window, groups: int) -> Any:
    """∂conv1d/∂W: the 2-d rule on the sequence seen as an image one pixel high."""
    return _conv_weight_grad(unsqueeze(grad, 2), unsqueeze(a, 2), b_shape, window, groups)


convolution1d = defop(
    "conv1d",
    "ConvolutionBackward0",
    "conv",
    lambda a, b, c, window, groups: _conv_forward(a[:, :, None], b[:, :, None], c, window, groups)[:, :, 0],
    a=rule("∂(W ⋆ x)/∂x = fold(Wᵀ G)", _conv1d_input_grad),
    b=rule("∂(W ⋆ x)/∂W = G · unfold(x)ᵀ", _conv1d_weight_grad),
    c=rule("∂(W ⋆ x + b)/∂b = Σ G over batch and positions", lambda grad: sum(grad, (0, 2))),
)


# -- upsampling (branch nn_e) ------------------------------------------------------------------------------------
# Every resizing mode (nearest, linear, cubic, antialiased) is a linear map along each spatial axis: the output is the input multiplied by
# one interpolation matrix (output size × input size) per axis, and the gradient is the upstream gradient
# multiplied by their transposes.  The matrices hold PyTorch's source indices and weights (see
# nn.functional.interpolate).


def _resample_forward(a: np.ndarray, matrices: tuple[np.ndarray, ...]) -> np.ndarray:
    """``a`` with each of its last ``len(matrices)`` axes multiplied by its matrix (out × in)."""
    first, out = a.ndim - len(matrices), a
    # (NumPy's tensordot is Python: a warning of its dot is NumPy's file's, past this package's filter, and
    # OpenBLAS can raise the "invalid" flag on finite numbers; PyTorch says nothing)
    with np.errstate(all="ignore"):
        for offset, matrix in enumerate(matrices):
            axis = first + offset
            out = np.moveaxis(
                np.tensordot(matrix.astype(a.dtype, copy=False), out, axes=([1], [axis])), 0, axis
            )
    return laid_out_as(np.ascontiguousarray(out), a)


def _resampling(name: str, node: str) -> Any:
    """An upsampling op named as PyTorch names its node; its gradient is the same map, transposed."""

    def resample_rule(grad: Any, matrices: tuple[np.ndarray, ...]) -> Any:
        """∂(A x Bᵀ)/∂x = Aᵀ G B: each output's gradient goes back to the inputs it was made from, by weight."""
        return resample(grad, matrices=tuple(np.ascontiguousarray(matrix.T) for matrix in matrices))

    resample = defop(
        name, node, "upsample", _resample_forward, a=rule("∂(A x Bᵀ)/∂x = Aᵀ G B", resample_rule)
    )
    return resample


upsample_nearest1d = _resampling("upsample_nearest1d", "UpsampleNearest1DBackward0")
upsample_nearest2d = _resampling("upsample_nearest2d", "UpsampleNearest2DBackward0")
upsample_linear1d = _resampling("upsample_linear1d", "UpsampleLinear1DBackward0")
upsample_bilinear2d = _resampling("upsample_bilinear2d", "UpsampleBilinear2DBackward0")
upsample_nearest3d = _resampling("upsample_nearest3d", "UpsampleNearest3DBackward0")
upsample_trilinear3d = _resampling("upsample_trilinear3d", "UpsampleTrilinear3DBackward0")
upsample_bilinear2d_aa = _resampling("upsample_bilinear2d_aa", "UpsampleBilinear2DAaBackward0")
upsample_nearest_exact1d = _resampling("upsample_nearest_exact1d", "UpsampleNearestExact1DBackward0")
upsample_nearest_exact2d = _resampling("upsample_nearest_exact2d", "UpsampleNearestExact2DBackward0")
upsample_nearest_exact3d = _resampling("upsample_nearest_exact3d", "UpsampleNearestExact3DBackward0")
upsample_bicubic2d = _resampling("upsample_bicubic2d", "UpsampleBicubic2DBackward0")
upsample_bicubic2d_aa = _resampling("upsample_bicubic2d_aa", "UpsampleBicubic2DAaBackward0")
upsample_lanczos2d_aa = _resampling("upsample_lanczos2d_aa", "UpsampleLanczos2DAaBackward0")


# -- transposed convolution (branch nn_e) -----------------------------------------------------------------------
# The transposed convolution is the convolution's gradient for its input, run forward: each input pixel's
# channels times the weights, added back into a window of the (larger) output (a fold).  Its gradients are
# therefore the convolution (for the input) and the convolution's weight rule with the roles swapped.


def _conv_transpose_forward(
    a: np.ndarray, b: np.ndarray, c: np.ndarray | None, window: Window, groups: int, size: tuple[int, int]
) -> np.ndarray:
    n, in_channels, height, width = a.shape
    weights = b.reshape(groups, in_channels // groups, -1).transpose(0, 2, 1)
    columns = weights @ a.reshape(n, groups, in_channels // groups, height * width)
    out = _fold_forward(columns.reshape(n, -1, height * width), size, window)
    return out if c is None else out + c.reshape(-1, 1, 1)


conv_transpose2d = defop(
    "conv_transpose2d",
    "ConvolutionBackward0",
    "conv transpose",
    _conv_transpose_forward,
    a=rule(
        "∂(Wᵀ ⋆ x)/∂x = W ⋆ G (a convolution)",
        lambda grad, b, window, groups: convolution(grad, b, None, window=window, groups=groups),
    ),
    b=rule(
        "∂(Wᵀ ⋆ x)/∂W = x · unfold(G)ᵀ",
        lambda grad, a, b_shape, window, groups: _conv_weight_grad(a, grad, b_shape, window, groups),
    ),
    c=rule("∂(Wᵀ ⋆ x + b)/∂b = Σ G over batch and positions", lambda grad: sum(grad, (0, 2, 3))),
)


# -- adaptive average pooling of sequences (branch nn_e) --------------------------------------------------------
# PyTorch pools a sequence (N, C, L) as the image (N, C, 1, L), with its 2-d adaptive pooling: the node is
# AdaptiveAvgPool2DBackward0.  The means of PyTorch's windows are a linear map along the length.
adaptive_avg_pool1d = _resampling("adaptive_avg_pool1d", "AdaptiveAvgPool2DBackward0")


# -- losses: soft margin, multi-class margins (branch losses) -----------------------------------------------------


def _soft_margin_forward(a: np.ndarray, b: np.ndarray, reduction: str) -> np.ndarray:
    """log(1 + e^(−y·x)), as PyTorch computes it (log1p of exp)."""
    with np.errstate(over="ignore"):
        return _reduce(np.log1p(np.exp(-a * b)), reduction)


soft_margin_loss = defop(
    "soft_margin_loss",
    "SoftMarginLossBackward0",
    "soft margin",
    _soft_margin_forward,
    a=rule(
        "∂ log(1 + e^(−yx))/∂x = −y·σ(−yx) / n",
        lambda grad, a, b, reduction: _per_element(grad, reduction, _count(a, b)) * (-b * sigmoid(-a * b)),
    ),
    b=NOT_DIFFERENTIABLE,
)


def _rows_and_labels(a: Any, target: Any) -> tuple[np.ndarray, np.ndarray]:
    """The scores as rows (N, C) and each row's class label (N,): a 1-d input is one row."""
    rows = np.asarray(values_of(a))
    return rows.reshape(-1, rows.shape[-1]), np.asarray(values_of(target)).reshape(-1)


def _label_weights(labels: np.ndarray, weight: Any) -> np.ndarray:
    """w[y] for each row (1 without a weight)."""
    return (
        np.ones(len(labels)) if weight is None else np.asarray(values_of(weight))[labels].astype(np.float64)
    )


def _multi_margin_forward(
    a: np.ndarray, target: np.ndarray, weight: np.ndarray | None, reduction: str, p: int, margin: float
) -> np.ndarray:
    """Σ_{j≠y} w_y·max(0, margin − x_y + x_j)^p / C for each row."""
    rows, labels = _rows_and_labels(a, target)
    picked = rows[np.arange(len(labels)), labels][:, None]
    margins = np.maximum(margin - picked + rows, 0)
    margins[np.arange(len(labels)), labels] = 0
    losses = (margins**p).sum(axis=1) * _label_weights(labels, weight) / rows.shape[1]
    return _reduce(losses.astype(a.dtype).reshape(target.shape), reduction)


def _multi_margin_rule(
    grad: Any, a: Any, target: Any, weight: Any, reduction: str, p: int, margin: float
) -> Any:
    """∂/∂x_j = w_y·p·h_j^(p−1)/C for j ≠ y and ∂/∂x_y = −Σ_j of those, where h_j = max(0, margin − x_y + x_j)."""
    shape = np.shape(values_of(a))
    _, labels = _rows_and_labels(a, target)
    rows = reshape(a, (-1, shape[-1]))
    chosen = _constant(np.eye(shape[-1])[labels], grad)
    margins = clamp_min(add_scalar(rows - sum(rows * chosen, 1, True), other=margin), min=0) * (1 - chosen)
    active = _constant(values_of(margins) > 0, grad)
    slope = active if p == 1 else 2 * margins
    slope = slope * _constant(_label_weights(labels, weight)[:, None] / shape[-1], grad)
    upstream = reshape(_per_element(grad, reduction, len(labels)), (-1, 1))
    return reshape(upstream * (slope - chosen * sum(slope, 1, True)), shape)


multi_margin_loss = defop(
    "multi_margin_loss",
    "MultiMarginLossBackward0",
    "multi margin",
    _multi_margin_forward,
    a=rule("∂/∂x_j = w_y·p·h_j^(p−1)/C (j ≠ y), ∂/∂x_y = −Σ_j", _multi_margin_rule),
    target=NOT_DIFFERENTIABLE,
    weight=NOT_DIFFERENTIABLE,
)


def _multilabel_margin_terms(a: np.ndarray, target: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row's loss Σ_{j∈labels} Σ_{k∉labels} max(0, 1 − (x_j − x_k)) / C, and its slope for each score.

    A row's labels are its target's entries before the first −1.
    """
    rows, labels = np.asarray(a, dtype=np.float64).reshape(-1, a.shape[-1]), target.reshape(-1, a.shape[-1])
    classes = rows.shape[1]
    losses, slopes = np.zeros(len(rows)), np.zeros(rows.shape)
    for n, (row, row_labels) in enumerate(zip(rows, labels, strict=True)):
        ends = np.flatnonzero(row_labels < 0)
        valid = row_labels[: ends[0] if len(ends) else classes]
        others = np.ones(classes, dtype=bool)
        others[valid] = False
        for label in valid:
            hinge = 1 - row[label] + row[others]
            positive = hinge > 0
            losses[n] += hinge[positive].sum()
            slopes[n, others] += positive
            slopes[n, label] -= positive.sum()
    return losses / classes, slopes / classes


multilabel_margin_loss = defop(
    "multilabel_margin_loss",
    "MultilabelMarginLossBackward0",
    "multilabel margin",
    lambda a, target, reduction: _reduce(
        _multilabel_margin_terms(a, target)[0].astype(a.dtype).reshape(a.shape[:-1]), reduction
    ),
    a=rule(
        "∂/∂x_k = #{labels j with 1 − x_j + x_k > 0}/C, ∂/∂x_j = −#{k with 1 − x_j + x_k > 0}/C",
        lambda grad, a, target, reduction: reshape(
            reshape(_per_element(grad, reduction, math.prod(np.shape(values_of(a))[:-1])), (-1, 1))
            * _constant(_multilabel_margin_terms(values_of(a), values_of(target))[1], grad),
            np.shape(values_of(a)),
        ),
    ),
    target=NOT_DIFFERENTIABLE,
)


# CTC's loss is computed by differentiable ops (nn.functional.ctc_loss: the rescaled alpha recursion); this row
# is its last step, so that the result's node has PyTorch's name.
ctc_loss = defop(
    "ctc_loss",
    "CtcLossBackward0",
    "CTC",
    lambda a: a.copy(),
    a=rule(
        "∂nll/∂nll = 1 (the gradient of the recursion comes from the ops recorded below)", lambda grad: grad
    ),
)


# == grid_sample (branch s5_zh) ============================================================================


class _Corners(NamedTuple):
    """Where each output samples the input: per corner, its index along each spatial axis, weight and whether it
    lies inside.  Corners are in PyTorch's order: x (the last axis) changes first, then y, then z."""

    indices: list[tuple[np.ndarray, ...]]  # per corner: (depth,) row, column, as the input's axes
    weights: list[np.ndarray]
    inside: list[np.ndarray]
    slopes: tuple[np.ndarray, ...]  # ∂(pixel x, y (, z))/∂(grid x, y (, z)): scale times the padding's slope


def _unnormalized(coord: np.ndarray, size: int, align_corners: bool, padding_mode: str) -> tuple[Any, Any]:
    """Grid coordinates in [−1, 1] as pixel coordinates, with the padding's clip or reflection (and its slope)."""
    scale = (size - 1) / 2 if align_corners else size / 2
    pixel = ((coord + 1) / 2 * (size - 1)) if align_corners else (((coord + 1) * size - 1) / 2)
    slope = np.full(coord.shape, scale, dtype=coord.dtype)
    if padding_mode == "reflection":
        low, span = (0.0, size - 1) if align_corners else (-0.5, size)
        if span <= 0:
            return np.zeros_like(pixel), np.zeros_like(slope)
        shifted = np.abs(pixel - low)
        flips = np.floor(shifted / span)
        extra = np.fmod(shifted, span)
        sign = np.where(pixel < low, -1.0, 1.0) * np.where(flips % 2 == 0, 1.0, -1.0)
        pixel = np.where(flips % 2 == 0, extra + low, span - extra + low)
        slope = (slope * sign).astype(coord.dtype)
    if padding_mode in ("border", "reflection"):
        outside = (pixel <= 0) | (pixel >= size - 1)
        pixel = np.clip(pixel, 0, size - 1)
        slope = np.where(outside, 0, slope).astype(coord.dtype)
    return pixel.astype(coord.dtype), slope


def _corner_bits(dims: int) -> list[tuple[int, ...]]:
    """Each corner's offsets (0 or 1) along x, y (, z), in PyTorch's order: nw, ne, sw, se (then the bottom's)."""
    return [tuple((k >> axis) & 1 for axis in range(dims)) for k in range(2**dims)]


def _grid_corners(
    shape: tuple, grid: np.ndarray, mode: str, padding_mode: str, align_corners: bool
) -> _Corners:
    sizes = shape[:1:-1]  # along x, y (, z): the input's last axis first
    pixels, slopes = zip(
        *(_unnormalized(grid[..., i], size, align_corners, padding_mode) for i, size in enumerate(sizes)),
        strict=True,
    )
    if mode == "nearest":  # rounded half to even, as std::nearbyint
        lows = [np.rint(p).astype(np.int64) for p in pixels]
        bits = [(0,) * len(sizes)]
        weights = [np.ones_like(pixels[0])]
    else:
        floors = [np.floor(p) for p in pixels]
        lows = [f.astype(np.int64) for f in floors]
        bits = _corner_bits(len(sizes))
        weights = [_corner_weight(pixels, floors, corner) for corner in bits]
    indices, inside = [], []
    for corner in bits:
        along = [low + bit for low, bit in zip(lows, corner, strict=True)]
        indices.append(tuple(reversed(along)))
        within = [(i >= 0) & (i < size) for i, size in zip(along, sizes, strict=True)]
        inside.append(functools.reduce(np.logical_and, within))
    return _Corners(indices, weights, inside, slopes)


def _corner_weight(pixels: Any, floors: Any, corner: tuple) -> Any:
    """A corner's weight: the product, along each axis, of the distance to the opposite corner.

    Written as PyTorch writes it, so the weights round as its kernels' do: the 2-d kernel's
    ``1 − (x − ⌊x⌋)``, the 3-d kernel's ``(⌊x⌋ + 1) − x``, multiplied x first.  ``pixels`` may be
    tensors (the rules differentiate the weights); ``floors`` are the forward's arrays.
    """
    factors = []
    for pixel, floor, bit in zip(pixels, floors, corner, strict=True):
        if len(pixels) == 2:
            fraction = pixel - floor
            factors.append(fraction if bit else 1 - fraction)
        else:
            factors.append(pixel - floor if bit else (floor + 1) - pixel)
    return functools.reduce(operator.mul, factors)


def _gathered(a: np.ndarray, corners: _Corners, k: int) -> np.ndarray:
    """Corner k's input values for every output position: (N, C, *out), 0 outside the input."""
    spatial = a.shape[2:]
    images = np.arange(a.shape[0]).reshape((-1,) + (1,) * len(spatial))
    clipped = [np.clip(i, 0, size - 1) for i, size in zip(corners.indices[k], spatial, strict=True)]
    values = a[(images, slice(None), *clipped)]  # (N, *out, C)
    return np.moveaxis(values * corners.inside[k][..., None], -1, 1)


def _grid_sample_forward(
    a: np.ndarray, grid: np.ndarray, mode: str, padding_mode: str, align_corners: bool
) -> Any:
    corners = _grid_corners(a.shape, grid, mode, padding_mode, align_corners)
    out = np.zeros((*a.shape[:2], *grid.shape[1:-1]), dtype=a.dtype)
    for k, weight in enumerate(corners.weights):
        out = out + _gathered(a, corners, k) * weight[:, None]
    return out.astype(a.dtype)


def _pixel(coord: Any, size: int, align_corners: bool, padding_mode: str) -> Any:
    """The pixel coordinate as a function autograd can follow: coord · slope + a constant (piecewise linear)."""
    value = values_of(coord)
    pixel, slope = _unnormalized(value, size, align_corners, padding_mode)
    return coord * slope + (pixel - value * slope)


def _weights(
    grid: Any, corners: _Corners, a_shape: tuple, mode: str, padding_mode: str, align_corners: bool
) -> tuple[list, list]:
    """Each corner's weight (a function of the grid) and its slopes ∂w/∂x, ∂w/∂y (, ∂w/∂z)."""
    sizes = a_shape[:1:-1]
    pixels = [_pixel(grid[..., i], size, align_corners, padding_mode) for i, size in enumerate(sizes)]
    if mode == "nearest":
        return [pixels[0] * 0 + 1], [tuple(p * 0 for p in pixels)]
    # Measured from the corners the forward read: x recomputed here may round to the other side of a
    # whole pixel (-3e-8 becomes 0), and a floor of its own would pick the row or column next to them.
    dtype = values_of(pixels[0]).dtype
    floors = [low.astype(dtype) for low in reversed(corners.indices[0])]
    bits = _corner_bits(len(sizes))
    weights = [_corner_weight(pixels, floors, corner) for corner in bits]
    slopes = [_corner_slopes(pixels, floors, corner) for corner in bits]
    return weights, slopes


def _corner_slopes(pixels: list, floors: list, corner: tuple) -> tuple:
    """∂weight/∂x, ∂/∂y (, ∂/∂z) of a corner: ±1 times the other axes' factors."""
    dims = len(pixels)
    factors = [
        pixel - floor if bit else 1 - (pixel - floor)
        for pixel, floor, bit in zip(pixels, floors, corner, strict=True)
    ]
    slopes = []
    for axis in range(dims):
        others = [factors[j] for j in range(dims) if j != axis]
        product = functools.reduce(operator.mul, others)
        slopes.append(product if corner[axis] else -product)
    return tuple(slopes)


def _flat_corners(corners: _Corners, a_shape: tuple) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per corner: the flat index of each output's read (clipped), (N, 1, P), and where it is inside."""
    n, spatial = a_shape[0], a_shape[2:]
    found = []
    for indices, inside in zip(corners.indices, corners.inside, strict=True):
        clipped = [np.clip(i, 0, size - 1) for i, size in zip(indices, spatial, strict=True)]
        flat = np.ravel_multi_index(clipped, spatial)
        found.append((flat.reshape(n, 1, -1), inside.reshape(n, 1, -1)))
    return found


def _grid_sample_input_grad(
    grad: Any, a_shape: tuple, grid: Any, mode: str, padding_mode: str, align_corners: bool
) -> Any:
    """∂out/∂input: each output's gradient added to the corners it read, times their weights."""
    n, c = a_shape[:2]
    corners = _grid_corners(a_shape, values_of(grid), mode, padding_mode, align_corners)
    weights, _ = _weights(grid, corners, a_shape, mode, padding_mode, align_corners)
    upstream = reshape(grad, (n, c, -1))
    total: Any = np.zeros((n, c, math.prod(a_shape[2:])), dtype=values_of(grad).dtype)
    for (flat, inside), weight in zip(_flat_corners(corners, a_shape), weights, strict=True):
        share = upstream * (reshape(weight, (n, 1, -1)) * _constant(inside, grad))
        total = scatter_add_op(total, share, dim=2, picks=np.broadcast_to(flat, (n, c, flat.shape[-1])))
    return reshape(total, a_shape)


def _grid_sample_grid_grad(
    grad: Any, a: Any, grid: Any, mode: str, padding_mode: str, align_corners: bool
) -> Any:
    """∂out/∂grid: Σ_c grad · Σ_k value_k · ∂weight_k/∂(x, y), times ∂(x, y)/∂grid (0 for nearest)."""
    a_shape, grid_shape = np.shape(values_of(a)), np.shape(values_of(grid))
    n, c = a_shape[:2]
    corners = _grid_corners(a_shape, values_of(grid), mode, padding_mode, align_corners)
    _, slopes = _weights(grid, corners, a_shape, mode, padding_mode, align_corners)
    images, upstream = reshape(a, (n, c, -1)), reshape(grad, (n, c, -1))
    along: list[Any] = [0] * (len(a_shape) - 2)
    for (flat, inside), by_axis in zip(_flat_corners(corners, a_shape), slopes, strict=True):
        read = gather_op(images, dim=2, picks=np.broadcast_to(flat, (n, c, flat.shape[-1])))
        seen = reshape(sum(upstream * read * _constant(inside, grad), (1,)), grid_shape[:-1])
        along = [total + seen * by for total, by in zip(along, by_axis, strict=True)]
    return stack_op(
        *(total * slope for total, slope in zip(along, corners.slopes, strict=True)), dim=len(grid_shape) - 1
    )


_GRID_SAMPLE_RULES = {
    "a": rule("∂out/∂input = the sampling weights, at the corners each output read", _grid_sample_input_grad),
    "grid": rule(
        "∂out/∂grid = Σ_c grad · Σ_k value_k · ∂weight_k/∂(x, y) · ∂(x, y)/∂grid", _grid_sample_grid_grad
    ),
}

grid_sample = defop(
    "grid_sample", "GridSampler2DBackward0", "grid sample", _grid_sample_forward, **_GRID_SAMPLE_RULES
)
grid_sample_3d = defop(
    "grid_sample_3d", "GridSampler3DBackward0", "grid sample", _grid_sample_forward, **_GRID_SAMPLE_RULES
)


# == affine_grid (branch s11_fix): the sampling grid of a spatial transformer ======================================


def _linspace_from_neg_one(steps: int, align_corners: bool, dtype: np.dtype) -> np.ndarray:
    """The grid's coordinates along one axis, as AffineGridGenerator.cpp makes them: −1 … 1, pulled in to the
    pixels' centres when the corners are not aligned (``range * (steps − 1) / steps``)."""
    if steps <= 1:
        return np.zeros((), dtype)
    values = _linspace_values(-1.0, 1.0, steps, dtype)
    return values if align_corners else values * dtype.type(steps - 1) / dtype.type(steps)


def _base_grid(size: tuple, align_corners: bool, dtype: np.dtype) -> np.ndarray:
    """(N, points, k + 1): each output point's coordinates x, y (, z) and a 1, for the affine matrices to map."""
    spatial = tuple(size[2:])
    grid = np.empty((*spatial, len(spatial) + 1), dtype)
    for k, steps in enumerate(reversed(spatial)):  # x runs along the last dimension, y the one before ...
        shape = [1] * len(spatial)
        shape[len(spatial) - 1 - k] = -1 if steps > 1 else 1
        grid[..., k] = _linspace_from_neg_one(steps, align_corners, dtype).reshape(shape)
    grid[..., -1] = 1
    return np.broadcast_to(
        grid.reshape(1, -1, len(spatial) + 1), (size[0], math.prod(spatial), len(spatial) + 1)
    )


def _affine_grid_forward(theta: np.ndarray, size: tuple, align_corners: bool) -> np.ndarray:
    grid = _base_grid(size, align_corners, theta.dtype) @ theta.transpose(0, 2, 1)
    return grid.reshape(*size[:1], *size[2:], len(size) - 2)


def _affine_grid_theta_grad(grad: Any, size: tuple, align_corners: bool) -> Any:
    """θ's gradient: (base gridᵀ · G)ᵀ, one matrix per sample."""
    base = _base_grid(size, align_corners, values_of(grad).dtype)
    flat = reshape(grad, (size[0], base.shape[1], len(size) - 2))
    return transpose(bmm(np.ascontiguousarray(base.transpose(0, 2, 1)), flat), 1, 2)


affine_grid_generator = defop(
    "affine_grid_generator",
    "AffineGridGeneratorBackward0",
    "affine grid",
    _affine_grid_forward,
    theta=rule("∂grid/∂θ = (base gridᵀ G)ᵀ", _affine_grid_theta_grad),
)


# == a float32 LSTM layer's cell: two fused steps ==============================================================
# Inside a float32 nn.LSTM layer PyTorch records one node for the whole layer (MkldnnRnnLayerBackward0, below),
# so the cell's dozen small ops are not PyTorch's to show.  Each time step records two ops instead: the new
# cell state c' = σ(f)·c + σ(i)·tanh(g) and the output h' = σ(o)·tanh(c'), named as PyTorch's fused LSTM cell.
# Their rules repeat the small ops' own rules term by term, so the gradients are the same to the bit.


def _gate_chunks(gates: Any) -> Any:
    """i, f, g, o: the four gates' pre-activations, (B, H) each, from (B, 4H)."""
    if type(gates) is np.ndarray:
        size = gates.shape[1] // 4  # (slices: np.split costs tens of µs, at every step of a sequence)
        return gates[:, :size], gates[:, size : 2 * size], gates[:, 2 * size : 3 * size], gates[:, 3 * size :]
    return gates.chunk(4, 1)


def _gate_grads(
    gates: Any, grad_i: Any = None, grad_f: Any = None, grad_g: Any = None, grad_o: Any = None
) -> Any:
    """The gates' gradient (B, 4H) from the four parts' (zeros where a part has none)."""
    zeros = np.zeros(np.shape(values_of(_gate_chunks(gates)[0])), np.asarray(values_of(gates)).dtype)
    parts = [zeros if part is None else part for part in (grad_i, grad_f, grad_g, grad_o)]
    if all(type(part) is np.ndarray for part in parts):
        return np.concatenate(parts, axis=1)
    # (create_graph: the zeros as a tensor too, so that cat records every piece's shape)
    return cat_op(*(Tensor._wrap(part) if type(part) is np.ndarray else part for part in parts), dim=1)


def _lstm_state_forward(gates: np.ndarray, cx: np.ndarray) -> np.ndarray:
    i, f, g, _ = _gate_chunks(gates)
    return sigmoid.forward(f) * cx + sigmoid.forward(i) * tanh.forward(g)


def _lstm_state_gates_rule(grad: Any, gates: Any, cx: Any) -> Any:
    """∂c'/∂(i, f, g): (G·tanh g)·σ'(i), (G·c)·σ'(f), (G·σ(i))·tanh'(g), as the small ops' rules give them."""
    i, f, g, _ = _gate_chunks(gates)
    in_gate, forget_gate, cell_gate = sigmoid(i), sigmoid(f), tanh(g)
    grad_i = grad * cell_gate * (1 - in_gate) * in_gate
    grad_f = grad * cx * (1 - forget_gate) * forget_gate
    grad_g = grad * in_gate * _one_minus_square(cell_gate)
    return _gate_grads(gates, grad_i, grad_f, grad_g)


lstm_cell_state = defop(
    "lstm_cell_state", "ThnnFusedLstmCellBackward0", "LSTM c", _lstm_state_forward,
    gates=rule("∂c'/∂gates: σ'(i)·tanh g, σ'(f)·c, σ(i)·tanh'(g), 0 for o", _lstm_state_gates_rule),
    cx=rule("∂c'/∂c = σ(f)", lambda grad, gates: grad * sigmoid(_gate_chunks(gates)[1])),
)  # fmt: skip


def _lstm_output_forward(gates: np.ndarray, cy: np.ndarray) -> np.ndarray:
    return sigmoid.forward(_gate_chunks(gates)[3]) * tanh.forward(cy)


def _lstm_output_gates_rule(grad: Any, gates: Any, cy: Any) -> Any:
    """∂h'/∂o = (G·tanh c')·σ'(o); nothing for i, f, g."""
    out_gate = sigmoid(_gate_chunks(gates)[3])
    return _gate_grads(gates, grad_o=grad * tanh(cy) * (1 - out_gate) * out_gate)


lstm_cell_output = defop(
    "lstm_cell_output", "ThnnFusedLstmCellBackward0", "LSTM h", _lstm_output_forward,
    gates=rule("∂h'/∂o = tanh c'·σ'(o)", _lstm_output_gates_rule),
    cy=rule(
        "∂h'/∂c' = σ(o)·tanh'(c')",
        lambda grad, gates, cy: grad * sigmoid(_gate_chunks(gates)[3]) * _one_minus_square(tanh(cy)),
    ),
)  # fmt: skip


# A float32 LSTM layer is one fused node in PyTorch's CPU build (oneDNN, MkldnnRnnLayerBackward0); the layer is
# computed by differentiable ops (nn.modules.rnn) and this row is its last step, so that its output's node has
# PyTorch's name (branch s5_en).
mkldnn_rnn_layer = defop(
    "mkldnn_rnn_layer",
    "MkldnnRnnLayerBackward0",
    "LSTM",
    lambda a: a.copy(),
    # (out read, so saved: PyTorch's node saves the layer's output, and an in-place change of it fails at backward)
    a=rule(
        "∂out/∂out = 1 (the gradient of the layer comes from the ops recorded below)", lambda grad, out: grad
    ),
)


# -- packing padded sequences (branch s11_packed) ---------------------------------------------------------------
# ATen's _pack_padded_sequence: the rows of a (T, B, *) batch (B, T, * with batch_first) read step by step, the
# first batch_sizes[t] sequences at step t; `times` and `batches` list those rows in that order (nn.utils.rnn
# works them out from the lengths). Its backward puts the gradient back in zeros of the input's shape.


def _pack_padded_forward(
    a: np.ndarray, times: np.ndarray, batches: np.ndarray, batch_first: bool
) -> np.ndarray:
    return (np.swapaxes(a, 0, 1) if batch_first else a)[times, batches]


def _pack_padded_grad(
    grad: Any, a_shape: tuple, times: np.ndarray, batches: np.ndarray, batch_first: bool
) -> Any:
    """∂data/∂input: each packed row's gradient put back at its (step, sequence), zeros at the padding."""
    shape = (a_shape[1], a_shape[0], *a_shape[2:]) if batch_first else tuple(a_shape)
    out = index_put_zeros(np.zeros(shape, dtype=values_of(grad).dtype), grad, key=(times, batches))
    return transpose_op(out, dim0=0, dim1=1) if batch_first else out


pack_padded_sequence_op = defop(
    "pack_padded_sequence",
    "PackPaddedSequenceBackward0",
    "pack",
    _pack_padded_forward,
    a=rule("∂data/∂input = 1 at each packed (step, sequence), 0 at the padding", _pack_padded_grad),
)


# -- attention: the node PyTorch's CPU flash kernel records ---------------------------------------------------
# PyTorch runs scaled_dot_product_attention as one kernel (node ScaledDotProductFlashAttentionForCpuBackward0)
# when its inputs allow it (4-d, no dropout, ...: nn.functional decides); the values are the math kernel's.
# The helpers take arrays (the forward, a plain backward) or tensors (create_graph) alike.


def _attention_weights(query: Any, key: Any, mask: Any, scale: float) -> Any:
    """softmax(Q Kᵀ · scale + mask) over the keys; a row with nothing to attend to is all zeros."""
    factor = math.sqrt(abs(scale))
    scores = bmm(query * (-factor if scale < 0 else factor), transpose(key, -2, -1) * factor)
    if mask is not None:
        scores = scores + mask
    return safe_softmax(scores, -1)


def safe_softmax(scores: Any, dim: int) -> Any:
    """Softmax along ``dim``; a row that is all -inf (nothing to attend to) gives zeros and takes no gradient.

    PyTorch's ``_safe_softmax``, which attention uses where a plain softmax would give NaN.
    """
    empty = np.all(values_of(scores) == -np.inf, axis=dim, keepdims=True)
    if not empty.any():
        return softmax(scores, dim)
    return where(empty, 0.0, softmax(where(empty, 0.0, scores), dim))


def _scores_grad(grad: Any, query: Any, key: Any, value: Any, mask: Any, scale: float) -> Any:
    """∂L/∂S for S = Q Kᵀ·scale: P ⊙ (dP − Σ_keys dP ⊙ P), with dP = G Vᵀ."""
    weights = _attention_weights(query, key, mask, scale)
    weights_grad = bmm(grad, transpose(value, -2, -1))
    return weights * (weights_grad - sum(weights_grad * weights, -1, keepdim=True))


flash_attention = defop(
    "scaled_dot_product_flash_attention_for_cpu", "ScaledDotProductFlashAttentionForCpuBackward0", "attention",
    lambda query, key, value, mask, scale: heads_last(bmm(_attention_weights(query, key, mask, scale), value)),
    query=rule("∂/∂Q = dS K · scale", lambda grad, query, key, value, mask, scale:
               bmm(_scores_grad(grad, query, key, value, mask, scale), key) * scale),
    key=rule("∂/∂K = dSᵀ Q · scale", lambda grad, query, key, value, mask, scale:
             bmm(transpose(_scores_grad(grad, query, key, value, mask, scale), -2, -1), query) * scale),
    value=rule("∂/∂V = Pᵀ G", lambda grad, query, key, mask, scale:
               bmm(transpose(_attention_weights(query, key, mask, scale), -2, -1), grad)),
)  # fmt: skip


# == s10_norms: bilinear (PyTorch's _trilinear) and local response norm's window mean =============================


def _trilinear_forward(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
    """out[n, o] = Σᵢ Σⱼ a[n, i]·b[o, i, j]·c[n, j]: the sum over i first, then over j, as PyTorch's ``_trilinear``."""
    inner = np.matmul(a, b)  # (O, N, J)
    return np.ascontiguousarray(np.einsum("onj,nj->no", inner, c), dtype=a.dtype)


def _trilinear_weight_grad(grad: Any, a: Any, c: Any) -> Any:
    """∂/∂b[o, i, j] = Σₙ g[n, o]·a[n, i]·c[n, j]: the outer products g ⊗ a, times c."""
    n, outputs = np.shape(values_of(grad))
    inputs = np.shape(values_of(a))[1]
    outer = reshape(unsqueeze(grad, 2) * unsqueeze(a, 1), (n, outputs * inputs))
    return reshape(mm(transpose(outer, 0, 1), c), (outputs, inputs, np.shape(values_of(c))[1]))


trilinear = defop(  # the one form F.bilinear uses: (N, I), weight (O, I, J), (N, J) -> (N, O)
    "trilinear",
    "TrilinearBackward0",
    "x₁ᵀWx₂",
    _trilinear_forward,
    a=rule("∂/∂a[n, i] = Σₒ Σⱼ g[n, o]·b[o, i, j]·c[n, j]",
           lambda grad, b, c: trilinear(grad, permute_op(b, dims=(1, 0, 2)), c)),
    b=rule("∂/∂b[o, i, j] = Σₙ g[n, o]·a[n, i]·c[n, j]", _trilinear_weight_grad),
    c=rule("∂/∂c[n, j] = Σₒ Σᵢ g[n, o]·b[o, i, j]·a[n, i]",
           lambda grad, a, b: trilinear(grad, permute_op(b, dims=(2, 0, 1)), a)),
)  # fmt: skip


def _depth_mean_forward(a: np.ndarray, size: int) -> np.ndarray:
    """The mean of each run of ``size`` depths of ``a`` (N, C, D, H, W), stride 1: each window summed in order, then
    divided by its size, as PyTorch's CPU avg_pool3d."""
    depth = a.shape[2] - size + 1
    total = a[:, :, 0:depth]
    for k in range(1, size):
        total = total + a[:, :, k : k + depth]
    return (total / a.dtype.type(size)).astype(a.dtype, copy=False)


depth_mean = defop(  # avg_pool3d with kernel (size, 1, 1) and stride 1: what local_response_norm pools with
    "avg_pool3d_depth",
    "AvgPool3DBackward0",
    "avg pool",
    _depth_mean_forward,
    a=rule(
        "∂/∂aᵢ = Σ of g/size over the windows holding aᵢ: the window mean of g padded by size − 1",
        lambda grad, size: depth_mean(
            constant_pad_nd(grad, pad=(0, 0, 0, 0, size - 1, size - 1), value=0), size=size
        ),
    ),
)


# == pixel and channel shuffles, adaptive max pooling, max unpooling, 1-d transposed convolution, embedding bags ==
# == (branch s10_pool) =========================================================================================
# The shuffles only move elements: each one's gradient is the other move (pixel_shuffle ↔ pixel_unshuffle, and
# channel_shuffle with groups g ↔ with C/g).  Max pooling and unpooling move elements by an index that the
# functions in nn.functional work out: the gradient goes back by the same index (a scatter-add or a gather).


def _pixel_shuffle_forward(a: np.ndarray, upscale_factor: int) -> np.ndarray:
    """(*, C·r², H, W) -> (*, C, H·r, W·r): channel c·r² + i·r + j becomes pixel (h·r + i, w·r + j) of channel c."""
    r, lead = upscale_factor, a.ndim - 3
    *batch, channels, height, width = a.shape
    blocks = a.reshape(*batch, channels // (r * r), r, r, height, width)
    order = (*range(lead), lead, lead + 3, lead + 1, lead + 4, lead + 2)
    return np.ascontiguousarray(blocks.transpose(order)).reshape(
        *batch, channels // (r * r), height * r, width * r
    )


def _pixel_unshuffle_forward(a: np.ndarray, downscale_factor: int) -> np.ndarray:
    """(*, C, H·r, W·r) -> (*, C·r², H, W): the inverse move of :func:`_pixel_shuffle_forward`."""
    r, lead = downscale_factor, a.ndim - 3
    *batch, channels, height, width = a.shape
    blocks = a.reshape(*batch, channels, height // r, r, width // r, r)
    order = (*range(lead), lead, lead + 2, lead + 4, lead + 1, lead + 3)
    return np.ascontiguousarray(blocks.transpose(order)).reshape(
        *batch, channels * r * r, height // r, width // r
    )


pixel_shuffle_op = defop(
    "pixel_shuffle",
    "PixelShuffleBackward0",
    "pixel shuffle",
    _pixel_shuffle_forward,
    a=rule(
        "moves channels into pixels: each element's gradient comes back from where it went (pixel_unshuffle)",
        lambda grad, upscale_factor: pixel_unshuffle_op(grad, downscale_factor=upscale_factor),
    ),
)
pixel_unshuffle_op = defop(
    "pixel_unshuffle",
    "PixelUnshuffleBackward0",
    "pixel unshuffle",
    _pixel_unshuffle_forward,
    a=rule(
        "moves pixels into channels: each element's gradient comes back from where it went (pixel_shuffle)",
        lambda grad, downscale_factor: pixel_shuffle_op(grad, upscale_factor=downscale_factor),
    ),
)


def _channel_shuffle_forward(a: np.ndarray, groups: int) -> np.ndarray:
    """(N, C, *) with the channels read as a (groups, C/groups) table and written out column by column."""
    n, channels, *rest = a.shape
    table = a.reshape(n, groups, channels // groups, *rest)
    return np.ascontiguousarray(table.swapaxes(1, 2)).reshape(a.shape)


channel_shuffle_op = defop(
    "channel_shuffle",
    "ChannelShuffleBackward0",
    "channel shuffle",
    _channel_shuffle_forward,
    a=rule(
        "moves channels: the gradient moves back by the shuffle with C/groups groups",
        lambda grad, groups: channel_shuffle_op(grad, groups=max(np.shape(values_of(grad))[1] // groups, 1)),
    ),
)


def _type_name(value: Any) -> str:
    return type(value).__name__


def _check_count(function: str, name: str, value: Any) -> int:
    """PyTorch's argument parser: a whole number (a bool counts, a float does not)."""
    if not isinstance(value, (int, np.integer)):
        raise messages.error(
            "count_not_int", function=function, name=name, position=2, type_name=_type_name(value)
        )
    return int(value)


def pixel_shuffle(input: Any, upscale_factor: int) -> Any:
    """Move channels into pixels: (*, C·r², H, W) becomes (*, C, H·r, W·r), ``r = upscale_factor``.

    Each block of r² channels becomes an r×r square of pixels (sub-pixel
    convolution, the upsampling of super-resolution networks).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.pixel_shuffle(torch.arange(4.0).reshape(1, 4, 1, 1), 2)
    tensor([[[[0., 1.],
              [2., 3.]]]])
    """
    r = _check_count("pixel_shuffle", "upscale_factor", upscale_factor)
    shape = np.shape(values_of(input))
    if len(shape) < 3:
        raise messages.error("pixel_shuffle_dims", name="pixel_shuffle", ndim=len(shape))
    if r <= 0:
        raise messages.error("pixel_shuffle_factor", name="pixel_shuffle", kind="upscale_factor", factor=r)
    if shape[-3] % (r * r):
        raise messages.error("pixel_shuffle_channels", channels=shape[-3], square=r * r)
    return pixel_shuffle_op(input, upscale_factor=r)


def pixel_unshuffle(input: Any, downscale_factor: int) -> Any:
    """Move pixels into channels: (*, C, H·r, W·r) becomes (*, C·r², H, W), the inverse of :func:`pixel_shuffle`.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.pixel_unshuffle(torch.arange(4.0).reshape(1, 1, 2, 2), 2).flatten()
    tensor([0., 1., 2., 3.])
    """
    r = _check_count("pixel_unshuffle", "downscale_factor", downscale_factor)
    shape = np.shape(values_of(input))
    if len(shape) < 3:
        raise messages.error("pixel_shuffle_dims", name="pixel_unshuffle", ndim=len(shape))
    if r <= 0:
        raise messages.error(
            "pixel_shuffle_factor", name="pixel_unshuffle", kind="downscale_factor", factor=r
        )
    for side, axis in (("height", -2), ("width", -1)):
        if shape[axis] % r:
            raise messages.error("pixel_unshuffle_side", side=side, axis=axis, size=shape[axis], factor=r)
    return pixel_unshuffle_op(input, downscale_factor=r)


def channel_shuffle(input: Any, groups: int) -> Any:
    """Interleave the channels of (N, C, *) in ``groups`` groups: channel ``g·(C/groups) + k`` goes to ``k·groups + g``.

    ShuffleNet's shuffle: after a grouped convolution, each group then sees
    channels of every group.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.channel_shuffle(torch.arange(4.0).reshape(1, 4, 1), 2).flatten()
    tensor([0., 2., 1., 3.])
    """
    count = _check_count("channel_shuffle", "groups", groups)
    shape = np.shape(values_of(input))
    if len(shape) <= 2:
        raise messages.error("channel_shuffle_dims", shape=list(shape))
    if count <= 0:
        raise messages.error("channel_shuffle_groups", groups=count)
    if shape[1] % count:
        raise messages.error("channel_shuffle_divisible", channels=shape[1], groups=count)
    return channel_shuffle_op(input, groups=count)


def _adaptive_max_pool_forward(a: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """Each output's value: the input at its window's max, ``positions`` indexing the flattened H×W plane."""
    lead, plane = a.shape[:-2], a.shape[-2] * a.shape[-1]
    flat = a.reshape(*lead, plane)
    windows = positions.shape[-2] * positions.shape[-1]
    picked = np.take_along_axis(flat, positions.reshape(*lead, windows), axis=-1)
    return laid_out_as(picked.reshape(positions.shape), a)


def _spread_to_positions(grad: Any, a_shape: tuple, positions: np.ndarray) -> Any:
    """Zeros of ``a_shape``, each output's gradient added at the position its value came from."""
    images = math.prod(a_shape[:-2])
    plane = a_shape[-2] * a_shape[-1]
    picks = positions.reshape(images, positions.shape[-2] * positions.shape[-1])
    total = np.zeros((images, plane), dtype=values_of(grad).dtype)
    return reshape(scatter_add_op(total, reshape(grad, picks.shape), dim=1, picks=picks), a_shape)


adaptive_max_pool2d = defop(
    "adaptive_max_pool2d",
    "AdaptiveMaxPool2DBackward0",
    "adaptive max pool",
    _adaptive_max_pool_forward,
    a=rule("∂(max of a window)/∂x = 1 at the window's max, 0 elsewhere", _spread_to_positions),
)


def _max_unpool_forward(a: np.ndarray, positions: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """Zeros of (..., *size), each input written at its position (the last one wins where two meet)."""
    lead = a.shape[:-2]
    images, count, plane = math.prod(lead), a.shape[-2] * a.shape[-1], size[0] * size[1]
    out = np.zeros((images, plane), a.dtype)
    keys = (np.arange(images)[:, None] * plane + positions.reshape(images, count)).ravel()
    values = a.reshape(images * count)
    _, last = np.unique(
        keys[::-1], return_index=True
    )  # (each key's last writer, as PyTorch's loop leaves it)
    chosen = keys.size - 1 - last
    out.reshape(-1)[keys[chosen]] = values[chosen]
    return out.reshape(*lead, *size)


max_unpool2d = defop(
    "max_unpool2d",
    "MaxUnpool2DBackward0",
    "max unpool",
    _max_unpool_forward,
    a=rule(
        "∂out/∂x = 1 from where each input was written: the gradient read back at its position (a gather)",
        lambda grad, a_shape, positions, size: reshape(
            gather_op(
                reshape(grad, (math.prod(a_shape[:-2]), size[0] * size[1])),
                dim=1,
                picks=positions.reshape(math.prod(a_shape[:-2]), a_shape[-2] * a_shape[-1]),
            ),
            a_shape,
        ),
    ),
)


# A sequence (N, C, L) is an image one pixel high, as for conv1d above: the node is ConvolutionBackward0.
conv_transpose1d = defop(
    "conv_transpose1d",
    "ConvolutionBackward0",
    "conv transpose",
    lambda a, b, c, window, groups, size: _conv_transpose_forward(
        a[:, :, None], b[:, :, None], c, window, groups, (1, size)
    )[:, :, 0],
    a=rule(
        "∂(Wᵀ ⋆ x)/∂x = W ⋆ G (a convolution)",
        lambda grad, b, window, groups: convolution1d(grad, b, None, window=window, groups=groups),
    ),
    b=rule(
        "∂(Wᵀ ⋆ x)/∂W = x · unfold(G)ᵀ",
        lambda grad, a, b_shape, window, groups: _conv_weight_grad(
            unsqueeze(a, 2), unsqueeze(grad, 2), b_shape, window, groups
        ),
    ),
    c=rule("∂(Wᵀ ⋆ x + b)/∂b = Σ G over batch and positions", lambda grad: sum(grad, (0, 2))),
)


class Bags(NamedTuple):
    """Which bag each looked-up index falls in, and what each bag's mean divides by (PyTorch's offset2bag, bag_size)."""

    indices: np.ndarray  # (n,) the rows looked up, int64
    bag_of: np.ndarray  # (n,) the bag of each
    bag_size: np.ndarray  # (bags,) the divisor of a mean: the bag's entries less its padding_idx ones
    count: int  # how many bags
    padding_idx: int  # -1 for none
    kept: np.ndarray  # (n,) bool: added into its bag (in a bag, not padding_idx)
    counted: np.ndarray  # (n,) bool: taking its bag's gradient (PyTorch's backward may count more than kept)
    frequency: np.ndarray | None  # (n,) with scale_grad_by_freq: what each entry's gradient is divided by


def _bag_rows(a: Any, bags: Bags, per_sample_weights: Any) -> Any:
    """Each entry's row ``a[index]`` (0 at padding_idx), times its per-sample weight if there are any."""
    rows = embedding(a, indices=bags.indices, padding_idx=-1, scale_grad_by_freq=False)
    rows = rows * _constant(bags.counted[:, None], rows)
    return rows if per_sample_weights is None else rows * reshape(per_sample_weights, (-1, 1))


def _embedding_bag_forward(
    a: np.ndarray,
    per_sample_weights: np.ndarray | None,
    bags: Bags,
    mode: str,
    maxima: np.ndarray | None,
) -> np.ndarray:
    if mode == "max":
        found = maxima >= 0
        return np.where(found, np.take_along_axis(a, np.maximum(maxima, 0), axis=0), 0).astype(a.dtype)
    rows = a[bags.indices] * bags.kept[:, None].astype(a.dtype)
    if per_sample_weights is not None:
        rows = rows * per_sample_weights[:, None]
    out = np.zeros((bags.count, a.shape[1]), a.dtype)
    np.add.at(out, bags.bag_of[bags.kept], rows[bags.kept])
    if mode == "mean":
        out = out / np.maximum(bags.bag_size, 1)[:, None].astype(a.dtype)
    return out


def _embedding_bag_weight_grad(
    grad: Any,
    a_shape: tuple,
    per_sample_weights: Any,
    bags: Bags,
    mode: str,
    maxima: np.ndarray | None,
) -> Any:
    """Each bag's gradient added into the rows it was made of: times 1/size for a mean, times the per-sample
    weight, 0 at padding_idx; for a max, into the row each element's max came from."""
    dtype = values_of(grad).dtype
    if not bags.count:  # no bags: nothing was looked up
        return _constant(np.zeros(a_shape), grad) + sum(grad) * 0
    if mode == "max":
        found = maxima >= 0
        total = np.zeros(a_shape, dtype)
        return scatter_add_op(total, grad * _constant(found, grad), dim=0, picks=np.maximum(maxima, 0))
    shares = embedding(grad, indices=bags.bag_of, padding_idx=-1, scale_grad_by_freq=False)
    divisors = np.ones(bags.indices.size) if bags.frequency is None else bags.frequency
    shares = shares * _constant((bags.counted / divisors)[:, None], grad)
    if mode == "mean":
        sizes = bags.bag_size[bags.bag_of]
        divisors = np.where(sizes != 0, sizes, 1)  # (an empty bag has no entries to divide)
        shares = shares * _constant(1.0 / divisors[:, None], grad)
    if per_sample_weights is not None:
        shares = shares * reshape(per_sample_weights, (-1, 1))
    return embedding_dense_backward(
        shares,
        indices=bags.indices,
        num_weights=a_shape[0],
        padding_idx=bags.padding_idx,
        scale_grad_by_freq=False,
    )


def _embedding_bag_sample_grad(grad: Any, a: Any, bags: Bags) -> Any:
    """∂out/∂wᵢ = ⟨grad of i's bag, row of i⟩ (0 at padding_idx)."""
    if not bags.count:
        return _constant(np.zeros(bags.indices.shape), grad) + sum(grad) * 0
    shares = embedding(grad, indices=bags.bag_of, padding_idx=-1, scale_grad_by_freq=False)
    return sum(shares * _bag_rows(a, bags, None), (1,))


embedding_bag = defop(
    "embedding_bag",
    "EmbeddingBagBackward0",
    "embedding bag",
    _embedding_bag_forward,
    a=rule(
        "∂(Σ or mean or max of rows)/∂W: each bag's gradient added into its rows", _embedding_bag_weight_grad
    ),
    per_sample_weights=rule("∂(Σ wᵢ·W[iᵢ])/∂wᵢ = ⟨grad of the bag, W[iᵢ]⟩", _embedding_bag_sample_grad),
)


# -- session 13 (branch s13_fn): max unpooling of volumes, fractional max pooling --------------------------------
# Positions index each plane (the last ``dims`` dimensions, flattened), as PyTorch's pooling indices do.


def _planes_and_sizes(shape: tuple, positions: np.ndarray, dims: int) -> tuple[int, int, int]:
    """How many planes, the elements of one plane of ``shape``, and the positions given per plane."""
    return math.prod(shape[:-dims]), math.prod(shape[-dims:]), math.prod(positions.shape[-dims:])


def _picked_at(a: np.ndarray, positions: np.ndarray, dims: int) -> np.ndarray:
    """The value of each plane of ``a`` at each of its positions."""
    planes, plane, count = _planes_and_sizes(a.shape, positions, dims)
    picked = np.take_along_axis(a.reshape(planes, plane), positions.reshape(planes, count), axis=1)
    return picked.reshape(positions.shape)


def _read_at(values: Any, positions: np.ndarray, dims: int) -> Any:
    """:func:`_picked_at` as an op (a gather), for a rule that must be differentiable again."""
    planes, plane, count = _planes_and_sizes(values_of(values).shape, positions, dims)
    picked = gather_op(reshape(values, (planes, plane)), dim=1, picks=positions.reshape(planes, count))
    return reshape(picked, positions.shape)


def _added_at(grad: Any, a_shape: tuple, positions: np.ndarray, dims: int) -> Any:
    """Zeros of ``a_shape``, each output's gradient added at its position (a scatter-add)."""
    planes, plane, count = _planes_and_sizes(a_shape, positions, dims)
    total = np.zeros((planes, plane), dtype=values_of(grad).dtype)
    picks = positions.reshape(planes, count)
    return reshape(scatter_add_op(total, reshape(grad, picks.shape), dim=1, picks=picks), a_shape)


def _max_unpool3d_forward(a: np.ndarray, positions: np.ndarray, size: tuple[int, int, int]) -> np.ndarray:
    """:func:`_max_unpool_forward` of each volume seen as a (D·H, W) plane: the positions are the same numbers."""
    lead = a.shape[:-3]
    planar = a.reshape(*lead, a.shape[-3] * a.shape[-2], a.shape[-1])
    return _max_unpool_forward(planar, positions, (size[0] * size[1], size[2])).reshape(*lead, *size)


max_unpool3d = defop(
    "max_unpool3d",
    "MaxUnpool3DBackward0",
    "max unpool",
    _max_unpool3d_forward,
    a=rule(
        "∂out/∂x = 1 from where each input was written: the gradient read back at its position (a gather)",
        lambda grad, positions: _read_at(grad, positions, 3),
    ),
)

_FRACTIONAL_RULE = "∂(max of a window)/∂x = 1 at the window's max, 0 elsewhere"

fractional_max_pool2d = defop(
    "fractional_max_pool2d",
    "FractionalMaxPool2DBackward0",
    "fractional max pool",
    lambda a, positions: _picked_at(a, positions, 2),
    a=rule(_FRACTIONAL_RULE, lambda grad, a_shape, positions: _added_at(grad, a_shape, positions, 2)),
)

fractional_max_pool3d = defop(
    "fractional_max_pool3d",
    "FractionalMaxPool3DBackward0",
    "fractional max pool",
    lambda a, positions: _picked_at(a, positions, 3),
    a=rule(_FRACTIONAL_RULE, lambda grad, a_shape, positions: _added_at(grad, a_shape, positions, 3)),
)
