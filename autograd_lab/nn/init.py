"""``torch.nn.init``: filling weights in place, with PyTorch's formulas and PyTorch's random draws.

After ``torch.manual_seed(s)`` every initialiser here draws what PyTorch
draws: the same generator (MT19937), the same conversion of its bits to
floats, and the same float32 arithmetic (``uniform_(a, b)`` is one fused
multiply-add, ``a + u·(b − a)`` rounded once).  The scale of each
initialiser (a gain, a fan) is worked out in Python floats in PyTorch's
order, so a default ``nn.Linear(3, 2)`` holds PyTorch's weights bit for bit.

The random initialisers call the tensor's own ``uniform_`` and ``normal_``
under ``no_grad``, as PyTorch's do, so every draw comes from
``autograd_lab._random`` (PyTorch's generator and algorithms).
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np

from .. import _views, messages
from .._grad_mode import no_grad
from ..creation import empty_like, randperm
from ..ops.elementwise import where
from ..tensor import Tensor

__all__ = [
    "calculate_gain", "uniform_", "normal_", "constant_", "ones_", "zeros_", "eye_",
    "xavier_uniform_", "xavier_normal_", "kaiming_uniform_", "kaiming_normal_",
]  # fmt: skip


# -- writing ------------------------------------------------------------------------------------------


def _write(tensor: Tensor, values: np.ndarray) -> Tensor:
    """Put ``values`` into ``tensor`` in place, outside autograd (as ``with torch.no_grad()``)."""
    with no_grad():
        return _views.write(tensor, values)


# -- scales -------------------------------------------------------------------------------------------

_LINEAR = ("linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d")


def calculate_gain(nonlinearity: str, param: float | None = None) -> float:
    """The factor that keeps a layer's output variance near 1 after ``nonlinearity``.

    Examples
    --------
    >>> import autograd_lab.nn as nn
    >>> nn.init.calculate_gain("relu")
    1.4142135623730951
    >>> nn.init.calculate_gain("tanh")
    1.6666666666666667
    """
    if nonlinearity in _LINEAR or nonlinearity == "sigmoid":
        return 1
    if nonlinearity == "tanh":
        return 5.0 / 3
    if nonlinearity == "relu":
        return math.sqrt(2.0)
    if nonlinearity == "leaky_relu":
        if param is None:
            slope = 0.01
        elif isinstance(param, (int, float)) and not isinstance(param, bool):
            slope = param
        else:
            raise messages.error("init_negative_slope", param=param)
        return math.sqrt(2.0 / (1 + slope**2))
    if nonlinearity == "selu":
        return 3.0 / 4
    raise messages.error("init_nonlinearity", name=nonlinearity)


def _calculate_fan_in_and_fan_out(tensor: Tensor) -> tuple[int, int]:
    """How many inputs feed each output (fan in) and how many outputs each input feeds (fan out)."""
    shape = tensor.shape
    if len(shape) < 2:
        raise messages.error("init_fan_dims")
    receptive_field = math.prod(shape[2:])
    return shape[1] * receptive_field, shape[0] * receptive_field


def _calculate_correct_fan(tensor: Tensor, mode: str) -> int:
    mode = mode.lower()
    modes = ["fan_in", "fan_out"]
    if mode not in modes:
        raise messages.error("init_mode", mode=mode, modes=modes)
    fan_in, fan_out = _calculate_fan_in_and_fan_out(tensor)
    return fan_in if mode == "fan_in" else fan_out


# -- initialisers ----------------------------------------------------------------------------------------


def uniform_(tensor: Tensor, a: float = 0.0, b: float = 1.0, generator: Any = None) -> Tensor:
    """Fill ``tensor`` with values drawn uniformly from ``[a, b)``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn as nn
    >>> _ = torch.manual_seed(0)
    >>> nn.init.uniform_(torch.empty(3), -1, 1)
    tensor([-0.0075,  0.5364, -0.8230])
    """
    with no_grad():
        return tensor.uniform_(a, b, generator=generator)


def normal_(tensor: Tensor, mean: float = 0.0, std: float = 1.0, generator: Any = None) -> Tensor:
    """Fill ``tensor`` with values drawn from the normal distribution N(mean, std²).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn as nn
    >>> _ = torch.manual_seed(0)
    >>> nn.init.normal_(torch.empty(3))
    tensor([ 1.5410, -0.2934, -2.1788])
    """
    with no_grad():
        return tensor.normal_(mean, std, generator=generator)


def constant_(tensor: Tensor, val: float) -> Tensor:
    """Fill ``tensor`` with ``val``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn as nn
    >>> nn.init.constant_(torch.empty(2), 0.5)
    tensor([0.5000, 0.5000])
    """
    return _write(tensor, np.full(tensor._array.shape, val))


def ones_(tensor: Tensor) -> Tensor:
    """Fill ``tensor`` with ones."""
    return constant_(tensor, 1.0)


def zeros_(tensor: Tensor) -> Tensor:
    """Fill ``tensor`` with zeros."""
    return constant_(tensor, 0.0)


def eye_(tensor: Tensor) -> Tensor:
    """Fill a matrix with the identity (ones on the diagonal).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn as nn
    >>> nn.init.eye_(torch.empty(2, 3))
    tensor([[1., 0., 0.],
            [0., 1., 0.]])
    """
    if tensor.dim() != 2:
        raise messages.error("init_eye_dims")
    return _write(tensor, np.eye(*tensor._array.shape))


def xavier_uniform_(tensor: Tensor, gain: float = 1.0, generator: Any = None) -> Tensor:
    """Glorot's uniform initialisation: U(−a, a) with a = gain·√(6 / (fan_in + fan_out)).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn as nn
    >>> _ = torch.manual_seed(0)
    >>> nn.init.xavier_uniform_(torch.empty(2, 2))
    tensor([[-0.0092,  0.6570],
            [-1.0080, -0.9013]])
    """
    fan_in, fan_out = _calculate_fan_in_and_fan_out(tensor)
    std = gain * math.sqrt(2.0 / float(fan_in + fan_out))
    bound = math.sqrt(3.0) * std
    return uniform_(tensor, -bound, bound, generator)


def xavier_normal_(tensor: Tensor, gain: float = 1.0, generator: Any = None) -> Tensor:
    """Glorot's normal initialisation: N(0, std²) with std = gain·√(2 / (fan_in + fan_out))."""
    fan_in, fan_out = _calculate_fan_in_and_fan_out(tensor)
    std = gain * math.sqrt(2.0 / float(fan_in + fan_out))
    return normal_(tensor, 0.0, std, generator)


def _kaiming_std(tensor: Tensor, a: float, mode: str, nonlinearity: str) -> float | None:
    """He's standard deviation gain/√fan, or None (with PyTorch's warning) for a tensor with no elements."""
    if 0 in tensor.shape:
        warnings.warn(messages.text("init_zero_element"), UserWarning, stacklevel=3)
        return None
    fan = _calculate_correct_fan(tensor, mode)
    return calculate_gain(nonlinearity, a) / math.sqrt(fan)


def kaiming_uniform_(
    tensor: Tensor,
    a: float = 0,
    mode: str = "fan_in",
    nonlinearity: str = "leaky_relu",
    generator: Any = None,
) -> Tensor:
    """He's uniform initialisation: U(−b, b) with b = gain·√(3 / fan).

    ``nn.Linear`` and ``nn.Conv2d`` initialise their weights with this and
    ``a=math.sqrt(5)``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn as nn
    >>> _ = torch.manual_seed(0)
    >>> nn.init.kaiming_uniform_(torch.empty(2, 2), nonlinearity="relu")
    tensor([[-0.0130,  0.9291],
            [-1.4256, -1.2747]])
    """
    std = _kaiming_std(tensor, a, mode, nonlinearity)
    if std is None:
        return tensor
    bound = math.sqrt(3.0) * std
    return uniform_(tensor, -bound, bound, generator)


def kaiming_normal_(
    tensor: Tensor,
    a: float = 0,
    mode: str = "fan_in",
    nonlinearity: str = "leaky_relu",
    generator: Any = None,
) -> Tensor:
    """He's normal initialisation: N(0, std²) with std = gain/√fan."""
    std = _kaiming_std(tensor, a, mode, nonlinearity)
    return tensor if std is None else normal_(tensor, 0, std, generator)


# -- orthogonal initialisation (branch s5_en) --------------------------------------------------------------


def orthogonal_(tensor: Tensor, gain: float = 1.0, generator: Any = None) -> Tensor:
    """Fill ``tensor`` with a (semi-)orthogonal matrix, as PyTorch does: the Q of a normal draw's QR, times ``gain``.

    The rows (flattened trailing dimensions are the columns) are drawn from
    N(0, 1), transposed when there are fewer rows than columns, factored
    ``Q R`` and ``Q``'s columns multiplied by the signs of ``R``'s diagonal.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn as nn
    >>> w = nn.init.orthogonal_(torch.empty(3, 5))
    >>> torch.allclose(w @ w.T, torch.eye(3), atol=1e-6)
    True
    """
    if tensor.dim() < 2:
        raise messages.error("nn_init_orthogonal_dims")
    if tensor.numel() == 0:
        return tensor
    rows = tensor.shape[0]
    cols = tensor.numel() // rows
    with no_grad():
        flattened = tensor.new_empty((rows, cols)).normal_(0, 1, generator=generator)
        drawn = flattened._array.T if rows < cols else flattened._array
        q, r = np.linalg.qr(drawn)
        q = q * np.sign(np.diagonal(r))
        if rows < cols:
            q = q.T
        _write(tensor, q.reshape(tensor.shape))
        return tensor.mul_(gain)


__all__ += ["orthogonal_"]


def trunc_normal_(
    tensor: Tensor,
    mean: float = 0.0,
    std: float = 1.0,
    a: float = -2.0,
    b: float = 2.0,
    generator: Any = None,
) -> Tensor:
    """Fill ``tensor`` from N(mean, std²) cut to ``[a, b]`` (values outside are never kept).

    By rejection, as PyTorch 2.13 does, with PyTorch's draws: when most of
    the normal lies inside ``[a, b]``, normal draws, the ones outside drawn
    again (a whole new draw each round, as ``torch.where`` over it takes);
    otherwise uniform proposals in ``[a, b]``, each kept with probability
    pdf(x) / pdf(peak).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn as nn
    >>> _ = torch.manual_seed(0)
    >>> weight = nn.init.trunc_normal_(torch.empty(1000), std=0.02, a=-0.04, b=0.04)
    >>> bool(weight.abs().max() <= 0.04)
    True
    """

    def normal_cdf(x: float) -> float:
        return (1.0 + math.erf(x / math.sqrt(2.0))) / 2.0

    if (mean < a - 2 * std) or (mean > b + 2 * std):
        warnings.warn(messages.text("init_trunc_normal_mean"), UserWarning, stacklevel=2)
    with no_grad():
        if normal_cdf((b - mean) / std) - normal_cdf((a - mean) / std) > 0.3:
            return _normal_drawn_again(tensor, mean, std, a, b, generator)
        return _uniform_accepted(tensor, mean, std, a, b, generator)


def _normal_drawn_again(
    tensor: Tensor, mean: float, std: float, a: float, b: float, generator: Any
) -> Tensor:
    """Normal draws; each round draws a whole new tensor and takes its values where the last fell outside."""
    low, high = tensor.new_tensor(a).item(), tensor.new_tensor(b).item()  # the bounds in the tensor's dtype
    result = tensor.normal_(mean, std, generator=generator)
    while True:
        outside = (result < low) | (result > high)
        if not outside.any():
            break
        result = where(outside, empty_like(result).normal_(mean, std, generator=generator), result)
    if tensor is not result:
        tensor.copy_(result)
    return tensor


def _uniform_accepted(tensor: Tensor, mean: float, std: float, a: float, b: float, generator: Any) -> Tensor:
    """Uniform proposals in [a, b], each kept where log(u) <= log pdf(x) - log pdf(peak), u uniform in [0, 1)."""
    peak = max(a, min(mean, b))
    log_peak = -0.5 * ((peak - mean) / std) ** 2

    def log_pdf_over_peak(proposals: Tensor) -> Tensor:
        return proposals.sub_(mean).div_(std).pow_(2).mul_(-0.5).sub_(log_peak)

    candidates, accept = empty_like(tensor), empty_like(tensor)
    tensor.uniform_(a, b, generator=generator)  # the first round straight into the tensor
    candidates.copy_(tensor)
    pending = accept.uniform_(generator=generator).log_().gt(log_pdf_over_peak(candidates))
    if not pending.any():
        return tensor
    result = tensor
    while True:
        candidates.uniform_(a, b, generator=generator)
        result = where(pending, candidates, result)
        rejected = accept.uniform_(generator=generator).log_().gt(log_pdf_over_peak(candidates))
        pending = where(pending, rejected, pending)
        if not pending.any():
            break
    tensor.copy_(result)
    return tensor


__all__ += ["trunc_normal_"]


def dirac_(tensor: Tensor, groups: int = 1) -> Tensor:
    """Fill a convolution weight with the Dirac delta: each output channel copies one input channel.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn as nn
    >>> nn.init.dirac_(torch.empty(2, 2, 3))
    tensor([[[0., 1., 0.],
             [0., 0., 0.]],
    <BLANKLINE>
            [[0., 0., 0.],
             [0., 1., 0.]]])
    """
    dimensions = tensor.dim()
    if dimensions not in (3, 4, 5):
        raise messages.error("nn_init_dirac_dims")
    sizes = tensor.size()
    if sizes[0] % groups != 0:
        raise messages.error("nn_init_dirac_groups")
    per_group = sizes[0] // groups
    centre = tuple(n // 2 for n in sizes[2:])
    with no_grad():
        tensor.zero_()
        for group in range(groups):
            for channel in range(min(per_group, sizes[1])):
                tensor[(group * per_group + channel, channel, *centre)] = 1
    return tensor


def sparse_(tensor: Tensor, sparsity: float, std: float = 0.01, generator: Any = None) -> Tensor:
    """Fill a weight matrix from N(0, std²), then zero ``ceil(sparsity · rows)`` random rows of each column.

    The zeros are placed with the global generator even when ``generator`` is
    given, as in PyTorch.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn as nn
    >>> _ = torch.manual_seed(0)
    >>> weight = nn.init.sparse_(torch.empty(4, 3), sparsity=0.5)
    >>> (weight == 0).sum(dim=0)
    tensor([2, 2, 2])
    """
    if tensor.dim() != 2:
        raise messages.error("nn_init_sparse_dims")
    rows, cols = tensor.shape
    zeros = math.ceil(sparsity * rows)
    with no_grad():
        tensor.normal_(0, std, generator=generator)
        for column in range(cols):
            tensor[randperm(rows)[:zeros], column] = 0
    return tensor


__all__ += ["dirac_", "sparse_"]


def _deprecated(initialiser: Any) -> Any:
    """PyTorch's old name for ``initialiser`` (without the trailing ``_``): the same, with a FutureWarning."""
    new = initialiser.__name__
    old = new[:-1]

    def deprecated_init(*args: Any, **kwargs: Any) -> Any:
        warnings.warn(messages.text("init_deprecated", old=old, new=new), FutureWarning, stacklevel=2)
        return initialiser(*args, **kwargs)

    deprecated_init.__name__ = deprecated_init.__qualname__ = old
    deprecated_init.__doc__ = f"``{old}(...)``: deprecated; use :func:`{new}`, which it calls."
    return deprecated_init


uniform = _deprecated(uniform_)
normal = _deprecated(normal_)
constant = _deprecated(constant_)
eye = _deprecated(eye_)
dirac = _deprecated(dirac_)
xavier_uniform = _deprecated(xavier_uniform_)
xavier_normal = _deprecated(xavier_normal_)
kaiming_uniform = _deprecated(kaiming_uniform_)
kaiming_normal = _deprecated(kaiming_normal_)
orthogonal = _deprecated(orthogonal_)
sparse = _deprecated(sparse_)
