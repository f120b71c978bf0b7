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

import math
from typing import Any, NamedTuple

import numpy as np

from ._core import NOT_DIFFERENTIABLE, defop, rule, values_of
from .elementwise import clamp, exp, log, sigmoid, tanh
from .linalg import bmm
from .reduction import _mean_forward, sum
from .reduction import mean as average
from .shape import reshape, transpose, unsqueeze


def _constant(values: Any, grad: Any) -> np.ndarray:
    """``values`` as an array in the gradient's dtype (a mask or a slope the rule multiplies by)."""
    return np.asarray(values, dtype=values_of(grad).dtype)


def _float_result(a: np.ndarray, values: np.ndarray) -> np.ndarray:
    """``values`` in ``a``'s float dtype (float32 for an int input)."""
    return values.astype(a.dtype if a.dtype.kind == "f" else np.float32, copy=False)


# -- activations ---------------------------------------------------------------------------------

_erf = np.frompyfunc(math.erf, 1, 1)
_TWO_OVER_SQRT_PI = 2 / math.sqrt(math.pi)

erf = defop(
    "erf",
    "ErfBackward0",
    "erf",
    lambda a: _float_result(a, np.asarray(_erf(a.astype(np.float64)), dtype=np.float64)),
    public=True,
    method=True,
    a=rule("∂erf(a)/∂a = 2/√π · e^(−a²)", lambda grad, a: grad * (_TWO_OVER_SQRT_PI * exp(-(a * a)))),
)


def _gelu_forward(a: np.ndarray, approximate: str) -> np.ndarray:
    x = a.astype(np.float64)
    if approximate == "tanh":
        inner = math.sqrt(2 / math.pi) * (x + 0.044715 * x**3)
        return _float_result(a, 0.5 * x * (1 + np.tanh(inner)))
    return _float_result(a, 0.5 * x * (1 + np.asarray(_erf(x / math.sqrt(2)), dtype=np.float64)))


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
    a=rule("∂gelu(a)/∂a = Φ(a) + a·φ(a)", lambda grad, a, approximate: grad * _gelu_slope(a, approximate)),
)
leaky_relu = defop(
    "leaky_relu",
    "LeakyReluBackward0",
    "leaky relu",
    lambda a, negative_slope: np.where(a > 0, a, a * negative_slope).astype(a.dtype, copy=False),
    a=rule(
        "∂leaky_relu(a)/∂a = 1 if a > 0 else slope",
        lambda grad, a, negative_slope: (
            grad * _constant(np.where(values_of(a) > 0, 1.0, negative_slope), grad)
        ),
    ),
)


# -- losses ---------------------------------------------------------------------------------------


def _reduce(values: np.ndarray, reduction: str) -> np.ndarray:
    if reduction == "mean":
        return _mean_forward(values, None, False)
    if reduction == "sum":
        return np.sum(values)
    return values


def _per_element(grad: Any, reduction: str, count: int) -> Any:
    """The upstream gradient of each element of an elementwise loss: ``grad / n`` after a mean."""
    if reduction != "mean":
        return grad
    return grad / count if count else grad * math.nan


def _count(*arrays: Any) -> int:
    """How many elements the inputs broadcast to."""
    return math.prod(np.broadcast_shapes(*(np.shape(values_of(a)) for a in arrays)))


mse_loss = defop(
    "mse_loss",
    "MseLossBackward0",
    "MSE",
    lambda a, b, reduction: _reduce((a - b) * (a - b), reduction),
    a=rule(
        "∂ mean((a−b)²)/∂a = 2(a−b)/n",
        lambda grad, a, b, reduction: _per_element(grad, reduction, _count(a, b)) * (2 * (a - b)),
    ),
    b=rule(
        "∂ mean((a−b)²)/∂b = −2(a−b)/n",
        lambda grad, a, b, reduction: _per_element(grad, reduction, _count(a, b)) * (-2 * (a - b)),
    ),
)


def _smooth_l1_forward(a: np.ndarray, b: np.ndarray, reduction: str, beta: float) -> np.ndarray:
    """Squared below ``beta``, linear above: ½d²/β if |d| < β else |d| − ½β, d = a − b."""
    z = np.abs(a - b)
    return _reduce(np.where(z < beta, 0.5 * z * z / beta, z - 0.5 * beta), reduction)


def _clipped_slope(grad: Any, a: Any, b: Any, reduction: str, divisor: float, limit: float) -> Any:
    """The slope of the smooth L1 and Huber losses for ``a``: ``clamp((a − b)/divisor, −limit, limit)``, per element."""
    return _per_element(grad, reduction, _count(a, b)) * clamp((a - b) / divisor, min=-limit, max=limit)


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
    a=rule(
        "∂BCE/∂p = (p − t) / (p(1 − p))",
        lambda grad, a, b, weight, reduction: _weighted(
            _per_element(grad, reduction, _count(a)) * (a - b) / clamp((1 - a) * a, min=1e-12), weight
        ),
    ),
    b=rule(
        "∂BCE/∂t = log(1 − p) − log p",
        lambda grad, a, weight, reduction: _weighted(
            _per_element(grad, reduction, _count(a)) * (log(1 - a) - log(a)), weight
        ),
    ),
)


def _log_sigmoid(z: np.ndarray) -> np.ndarray:
    return np.minimum(z, 0) - np.log1p(np.exp(-np.abs(z)))


def _bce_logits_forward(
    a: np.ndarray, b: np.ndarray, pos_weight: np.ndarray | None, weight: np.ndarray | None, reduction: str
) -> np.ndarray:
    log_sigmoid = _log_sigmoid(a)
    if pos_weight is not None:
        log_sigmoid = log_sigmoid * ((pos_weight - 1) * b + 1)
    return _reduce(_weighted((1 - b) * a - log_sigmoid, weight), reduction)


def _bce_logits_slope(a: Any, b: Any, pos_weight: np.ndarray | None) -> Any:
    """∂loss/∂z: σ(z) − t, or (1 + (w₊ − 1)t)·σ(z) − w₊t with a positive weight w₊."""
    if pos_weight is None:
        return sigmoid(a) - b
    return ((pos_weight - 1) * b + 1) * sigmoid(a) - pos_weight * b


def _bce_logits_target_slope(a: Any, pos_weight: np.ndarray | None) -> Any:
    """∂loss/∂t: −z, or log σ(−z) − w₊ log σ(z) with a positive weight w₊."""
    if pos_weight is None:
        return -a
    return log(sigmoid(-a)) - pos_weight * log(sigmoid(a))


binary_cross_entropy_with_logits = defop(
    "binary_cross_entropy_with_logits",
    "BinaryCrossEntropyWithLogitsBackward0",
    "BCE logits",
    _bce_logits_forward,
    a=rule(
        "∂/∂z = σ(z) − t",
        lambda grad, a, b, pos_weight, weight, reduction: _weighted(
            _per_element(grad, reduction, _count(a, b)) * _bce_logits_slope(a, b, pos_weight), weight
        ),
    ),
    b=rule(
        "∂/∂t = −z",
        lambda grad, a, b, pos_weight, weight, reduction: _weighted(
            _per_element(grad, reduction, _count(a, b)) * _bce_logits_target_slope(a, pos_weight), weight
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
    return np.squeeze(np.take_along_axis(a, np.expand_dims(classes, 1), axis=1), 1)


def _nll_forward(
    a: np.ndarray, b: np.ndarray, weight: np.ndarray | None, ignore_index: int, reduction: str
) -> np.ndarray:
    classes, _ = _picked(a.shape, b, ignore_index)
    weights = _class_weights(a.shape, b, weight, ignore_index, a.dtype)
    losses = -_take_class(a, classes) * weights
    if reduction == "none":
        return losses
    total = np.sum(losses, dtype=a.dtype)
    if reduction == "sum":
        return total
    with np.errstate(invalid="ignore", divide="ignore"):  # every target ignored: 0/0 = nan, as in PyTorch
        return np.asarray(total / np.sum(weights, dtype=a.dtype))


def _nll_slopes(
    grad: Any, a_shape: tuple, b: Any, weight: np.ndarray | None, ignore_index: int, reduction: str
) -> np.ndarray:
    """∂loss/∂a: −weight[class] (over the total weight for a mean) at each target's class, 0 elsewhere."""
    target = values_of(b)
    dtype = values_of(grad).dtype
    classes, _ = _picked(a_shape, target, ignore_index)
    weights = _class_weights(a_shape, target, weight, ignore_index, dtype)
    if reduction == "mean":
        with np.errstate(invalid="ignore", divide="ignore"):
            weights = weights / np.sum(weights, dtype=dtype)
    slopes = np.zeros(a_shape, dtype)
    class_axis = 0 if len(a_shape) == 1 else 1
    np.put_along_axis(
        slopes, np.expand_dims(classes, class_axis), np.expand_dims(-weights, class_axis), class_axis
    )
    return slopes


def _at_class_axis(grad: Any, a_shape: tuple, reduction: str) -> Any:
    """The upstream gradient, with the class axis put back for ``reduction='none'``."""
    return unsqueeze(grad, 1) if reduction == "none" and len(a_shape) > 1 else grad


def _nll_rule(
    grad: Any, a_shape: tuple, b: Any, weight: np.ndarray | None, ignore_index: int, reduction: str
) -> Any:
    """∂(−Σ w[yᵢ] aᵢ,yᵢ / Σ w[yᵢ])/∂a = −w[yᵢ]/Σw at each target, 0 elsewhere."""
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
        """Every window of ``a`` (N, C, H, W), as a read-only view (N, C, kh, kw, oh, ow)."""
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
    views = window.windows(a)
    n, c, kh, kw, oh, ow = views.shape
    return views.reshape(n, c * kh * kw, oh * ow)


def _fold_forward(a: np.ndarray, size: tuple[int, int], window: Window) -> np.ndarray:
    (top, bottom), (left, right) = window.padding
    (kh, kw), (sh, sw), (dh, dw) = window.kernel, window.stride, window.dilation
    oh, ow = window.out_size(size)
    n = a.shape[0]
    columns = a.reshape(n, -1, kh, kw, oh, ow)
    out = np.zeros((n, columns.shape[1], size[0] + top + bottom, size[1] + left + right), a.dtype)
    for i in range(kh):
        for j in range(kw):
            out[:, :, i * dh : i * dh + sh * (oh - 1) + 1 : sh, j * dw : j * dw + sw * (ow - 1) + 1 : sw] += (
                columns[:, :, i, j]
            )
    return out[:, :, top : top + size[0], left : left + size[1]]


unfold = defop(
    "unfold",
    "Im2ColBackward0",
    "im2col",
    _unfold_forward,
    a=rule(
        "copies each window into a column: the gradient of each column is added back (fold)",
        lambda grad, a_shape, window: fold(grad, size=a_shape[2:], window=window),
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


def _conv_forward(
    a: np.ndarray, b: np.ndarray, c: np.ndarray | None, window: Window, groups: int
) -> np.ndarray:
    n = a.shape[0]
    out_channels = b.shape[0]
    oh, ow = window.out_size(a.shape[2:])
    columns = _unfold_forward(a, window).reshape(n, groups, -1, oh * ow)
    out = (b.reshape(groups, out_channels // groups, -1) @ columns).reshape(n, out_channels, oh, ow)
    return out if c is None else out + c.reshape(-1, 1, 1)


def _grouped(grad: Any, groups: int) -> Any:
    """The upstream gradient (N, O, oh, ow) as (N, groups, O/groups, oh·ow)."""
    n, out_channels, oh, ow = np.shape(values_of(grad))
    return reshape(grad, (n, groups, out_channels // groups, oh * ow))


def _conv_input_grad(grad: Any, b: Any, a_shape: tuple, window: Window, groups: int) -> Any:
    """∂conv/∂x: each output's gradient times the weights, added back into its window (fold of Wᵀ G)."""
    weights = reshape(b, (groups, b.shape[0] // groups, -1))
    columns = bmm(transpose(weights, -2, -1), _grouped(grad, groups))
    n = a_shape[0]
    return fold(reshape(columns, (n, -1, columns.shape[-1])), size=a_shape[2:], window=window)


def _conv_weight_grad(grad: Any, a: Any, b_shape: tuple, window: Window, groups: int) -> Any:
    """∂conv/∂W: each output's gradient times the input window it saw (G Xᵀ, summed over the batch)."""
    columns = unfold(a, window=window)
    columns = reshape(columns, (columns.shape[0], groups, -1, columns.shape[-1]))
    return reshape(sum(bmm(_grouped(grad, groups), transpose(columns, -2, -1)), 0), b_shape)


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


def _max_pool_forward(a: np.ndarray, window: Window, positions: np.ndarray) -> np.ndarray:
    values = np.take_along_axis(pooled(a, window, -np.inf), positions[..., None, :], axis=-2)
    return values.reshape(*a.shape[:-2], *window.out_size(a.shape[-2:]))


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
    a=rule(
        "∂(max of a window)/∂x = 1 at the window's max, 0 elsewhere",
        lambda grad, a_shape, window, positions: _spread_back(
            grad, _one_hot_windows(positions, window), a_shape, window
        ),
    ),
)


def _avg_pool_forward(a: np.ndarray, window: Window, divisors: np.ndarray) -> np.ndarray:
    sums = pooled(a, window, 0.0).sum(axis=-2)
    return (sums / divisors.astype(a.dtype)).reshape(*a.shape[:-2], *window.out_size(a.shape[-2:]))


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
    return result


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
    shape = _channel_shape(a.ndim, a.shape[1])
    out = (a - mean.reshape(shape)) * invstd.reshape(shape)
    if b is not None:
        out = out * b.reshape(shape)
    return out if c is None else out + c.reshape(shape)


def _normalized(a: Any, mean: np.ndarray, invstd: np.ndarray, training: bool, eps: float) -> tuple[Any, Any]:
    """x̂ = (x − μ)/σ and 1/σ: from the batch itself when training (tensor ops), else the running statistics."""
    ndim = len(np.shape(values_of(a)))
    shape = _channel_shape(ndim, np.shape(values_of(a))[1])
    if not training:
        inverse = _constant(invstd.reshape(shape), a)
        return (a - _constant(mean.reshape(shape), a)) * inverse, inverse
    axes = _other_axes(ndim)
    centred = a - average(a, axes, keepdim=True)
    inverse = (average(centred * centred, axes, keepdim=True) + eps) ** -0.5
    return centred * inverse, inverse


def _batch_norm_input_grad(
    grad: Any, a: Any, b: Any, mean: np.ndarray, invstd: np.ndarray, training: bool, eps: float
) -> Any:
    """∂BN/∂x = (1/σ)(g·w − mean(g·w) − x̂·mean(g·w·x̂)) in training; g·w/σ with running statistics."""
    ndim = len(np.shape(values_of(a)))
    scaled = grad if b is None else grad * reshape(b, _channel_shape(ndim, np.shape(values_of(b))[0]))
    normalized, inverse = _normalized(a, mean, invstd, training, eps)
    if not training:
        return scaled * inverse
    axes = _other_axes(ndim)
    return inverse * (
        scaled
        - average(scaled, axes, keepdim=True)
        - normalized * average(scaled * normalized, axes, keepdim=True)
    )


def _batch_norm_weight_grad(
    grad: Any, a: Any, mean: np.ndarray, invstd: np.ndarray, training: bool, eps: float
) -> Any:
    """∂BN/∂w = Σ g·x̂ over every axis but the channels."""
    return sum(
        grad * _normalized(a, mean, invstd, training, eps)[0], _other_axes(len(np.shape(values_of(a))))
    )


batch_norm = defop(
    "batch_norm",
    "NativeBatchNormBackward0",
    "batch norm",
    _batch_norm_forward,
    a=rule("∂BN/∂x = (1/σ)(g·w − mean(g·w) − x̂·mean(g·w·x̂))", _batch_norm_input_grad),
    b=rule("∂BN/∂w = Σ g·x̂", _batch_norm_weight_grad),
    c=rule("∂BN/∂b = Σ g", lambda grad: sum(grad, _other_axes(np.ndim(values_of(grad))))),
)
