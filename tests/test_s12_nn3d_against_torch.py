"""Session 12's 3-d layers and the random activations, each case run in autograd_lab and in PyTorch.

``Conv3d``, ``ConvTranspose3d`` and their lazy forms, 3-d pooling, ``BatchNorm3d``,
``Dropout3d``, ``RReLU``, ``AlphaDropout`` and ``FeatureAlphaDropout``: the
same code under both libraries gives the same shapes, values, gradients,
seeded weights and random draws, printed forms, node names, and (for inputs
of the wrong rank) PyTorch's exception type and first sentence; our errors
add a hint.  Skipped where PyTorch is not installed.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

torch_ref = pytest.importorskip("torch")

import autograd_lab as lab  # noqa: E402


def plain(value: Any) -> Any:
    """Tensors as (dtype, shape, values); sizes, tuples and lists taken apart; anything else as it is."""
    if isinstance(value, (lab.Tensor, torch_ref.Tensor)):
        return ("tensor", str(value.dtype).split(".")[-1], tuple(value.shape), value.detach().numpy().copy())
    if isinstance(value, (tuple, list)):
        return [plain(item) for item in value]
    return value


def assert_same(ours: Any, theirs: Any, atol: float = 1e-5) -> None:
    """Equal structure, dtypes, shapes, exact strings; values within ``atol`` (sums run in different orders)."""
    assert_plain_same(plain(ours), plain(theirs), atol)


def assert_plain_same(ours: Any, theirs: Any, atol: float) -> None:
    if isinstance(ours, list):
        assert isinstance(theirs, list) and len(ours) == len(theirs), (ours, theirs)
        for mine, yours in zip(ours, theirs, strict=True):
            assert_plain_same(mine, yours, atol)
    elif isinstance(ours, tuple) and ours and ours[0] == "tensor":
        assert ours[:3] == theirs[:3], (ours[:3], theirs[:3])
        np.testing.assert_allclose(ours[3], theirs[3], rtol=1e-5, atol=atol)
    else:
        assert ours == theirs


def run_both(code: Callable[[Any], Any], atol: float = 1e-5) -> None:
    """``code(m)`` under autograd_lab and under PyTorch gives the same."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert_same(code(lab), code(torch_ref), atol)


def failure(code: Callable[[Any], Any], m: Any) -> str:
    """The exception's type and first sentence (our hint cut off)."""
    with pytest.raises(Exception) as caught, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        code(m)
    text = str(caught.value)
    if m is lab:
        assert " Hint: " in text, f"our error has no hint: {text}"
    return f"{type(caught.value).__name__}: {text.split(' Hint: ')[0]}"


def assert_fails_alike(code: Callable[[Any], Any]) -> None:
    assert failure(code, lab) == failure(code, torch_ref)


def volumes(m: Any, shape: tuple = (2, 2, 3, 4, 5)) -> Any:
    """A batch of volumes whose values differ (no ties for a maximum), requiring grad."""
    values = np.random.default_rng(7).permutation(int(np.prod(shape))).reshape(shape) / 10.0 - 3.0
    return m.tensor(values.astype(np.float32), requires_grad=True)


def forward_and_backward(module: Any, x: Any, **kwargs: Any) -> list:
    """The output, its node, and the gradients of x and of each parameter after a weighted sum."""
    y = module(x, **kwargs)
    weights = y.detach().clone().cos()
    (y * weights).sum().backward()
    return [repr(module), y, y.grad_fn.name(), x.grad, *(p.grad for p in module.parameters())]


# -- Conv3d, ConvTranspose3d and their lazy forms ------------------------------------------------------------------

CONVOLUTIONS = {
    "Conv3d": lambda m: m.nn.Conv3d(2, 4, 3),
    "Conv3d, padded, strided, grouped": lambda m: m.nn.Conv3d(
        2, 4, (3, 2, 2), (1, 2, 1), padding=1, groups=2
    ),
    "Conv3d, dilated, no bias": lambda m: m.nn.Conv3d(2, 3, 2, dilation=(1, 2, 2), bias=False),
    "Conv3d, padding='same'": lambda m: m.nn.Conv3d(2, 3, (3, 1, 3), padding="same"),
    "ConvTranspose3d": lambda m: m.nn.ConvTranspose3d(2, 3, 3),
    "ConvTranspose3d, strided": lambda m: m.nn.ConvTranspose3d(
        2, 4, 3, stride=2, padding=1, output_padding=1
    ),
    "ConvTranspose3d, grouped, dilated": lambda m: m.nn.ConvTranspose3d(
        2, 4, 2, groups=2, dilation=2, bias=False
    ),
}


@pytest.mark.parametrize("make", CONVOLUTIONS.values(), ids=CONVOLUTIONS.keys())
def test_3d_convolutions_as_in_pytorch(make: Callable[[Any], Any]) -> None:
    """Seeded weights bit for bit, then the same output, node and gradients."""

    def run(m: Any) -> list:
        m.manual_seed(3)
        module = make(m)
        return [module.weight, module.bias, *forward_and_backward(module, volumes(m))]

    ours, theirs = run(lab), run(torch_ref)
    assert np.array_equal(ours[0].detach().numpy(), theirs[0].detach().numpy())
    assert_same(ours, theirs, atol=1e-4)


def test_a_single_volume_and_output_size_as_in_pytorch() -> None:
    def run(m: Any) -> list:
        m.manual_seed(0)
        up = m.nn.ConvTranspose3d(2, 3, 3, stride=(2, 2, 3), padding=1)
        x = volumes(m, (2, 3, 4, 5))
        return [up(x), up(x, output_size=[6, 8, 14]).shape, up(x, output_size=(3, 5, 7, 15)).shape]

    run_both(run)


@pytest.mark.parametrize("lazy", ["LazyConv3d", "LazyConvTranspose3d"])
def test_lazy_3d_convolutions_as_in_pytorch(lazy: str) -> None:
    def run(m: Any) -> list:
        module = getattr(m.nn, lazy)(4, 2, padding=1)
        before = repr(module)
        m.manual_seed(5)
        y = module(volumes(m))
        return [before, repr(module), type(module).__name__, module.weight, module.bias, y]

    run_both(run)


WRONG_CONVOLUTIONS = {
    "Conv3d of an image": lambda m: m.nn.Conv3d(2, 4, 3)(m.ones(2, 2, 5, 5)),
    "Conv3d of a 6-d tensor": lambda m: m.nn.Conv3d(2, 4, 1)(m.ones(1, 2, 2, 2, 2, 2)),
    "Conv3d of too few channels": lambda m: m.nn.Conv3d(3, 4, 1)(m.ones(1, 2, 2, 2, 2)),
    "ConvTranspose3d of an image": lambda m: m.nn.ConvTranspose3d(2, 4, 3)(m.ones(1, 2, 5, 5)),
    "ConvTranspose3d, output_size out of range": (
        lambda m: m.nn.ConvTranspose3d(2, 4, 3, stride=2)(m.ones(1, 2, 2, 2, 2), output_size=[9, 9, 9])
    ),
    "LazyConv3d of an image": lambda m: m.nn.LazyConv3d(4, 3)(m.ones(2, 5, 5)),
    "groups that do not divide": lambda m: m.nn.Conv3d(3, 4, 1, groups=2),
}


@pytest.mark.parametrize("code", WRONG_CONVOLUTIONS.values(), ids=WRONG_CONVOLUTIONS.keys())
def test_3d_convolution_errors_as_in_pytorch(code: Callable[[Any], Any]) -> None:
    assert_fails_alike(code)


# -- max pooling of volumes -----------------------------------------------------------------------------------------

MAX_POOLS = {
    "F.max_pool3d": lambda m, x: m.nn.functional.max_pool3d(x, 2),
    "strided, padded, dilated": lambda m, x: m.nn.functional.max_pool3d(
        x, (2, 3, 2), (1, 2, 2), 1, (1, 1, 2)
    ),
    "ceil_mode": lambda m, x: m.nn.functional.max_pool3d(x, 2, ceil_mode=True),
    "indices": lambda m, x: m.nn.functional.max_pool3d(x, (1, 2, 3), stride=(1, 1, 2), return_indices=True),
    "indices, padded, ceil_mode": (
        lambda m, x: m.nn.functional.max_pool3d(x, 3, 2, padding=1, ceil_mode=True, return_indices=True)
    ),
    "indices of a single volume": lambda m, x: m.nn.functional.max_pool3d(x[0], 2, return_indices=True),
    "MaxPool3d": lambda m, x: m.nn.MaxPool3d(2, stride=1)(x),
    "MaxPool3d with indices": lambda m, x: m.nn.MaxPool3d((2, 2, 3), return_indices=True, ceil_mode=True)(x),
}


@pytest.mark.parametrize("pool", MAX_POOLS.values(), ids=MAX_POOLS.keys())
def test_3d_max_pooling_as_in_pytorch(pool: Callable[[Any, Any], Any]) -> None:
    """Values, indices into each (D, H, W) plane, node and gradient."""

    def run(m: Any) -> list:
        x = volumes(m)
        out = pool(m, x)
        values = out[0] if isinstance(out, tuple) else out
        (values * values.detach().cos()).sum().backward()
        return [out, values.grad_fn.name(), x.grad]

    run_both(run)


def test_max_pool3d_module_and_unpooling_of_its_indices_as_in_pytorch() -> None:
    def run(m: Any) -> list:
        pool = m.nn.MaxPool3d(3, stride=2, padding=1, dilation=1, return_indices=True)
        out, indices = pool(volumes(m))
        plane = indices.flatten(2)  # each index picks the maximum out of its own plane
        return [repr(pool), out.detach(), volumes(m).flatten(2).gather(2, plane).view_as(out)]

    run_both(run)


WRONG_POOLS = {
    "an image": lambda m: m.nn.functional.max_pool3d(m.ones(2, 3, 4), 2),
    "an image, with indices": lambda m: m.nn.functional.max_pool3d(m.ones(2, 3, 4), 2, return_indices=True),
    "MaxPool3d of a 6-d tensor": lambda m: m.nn.MaxPool3d(2)(m.ones(1, 1, 2, 2, 2, 2)),
    "a window larger than the volume": lambda m: m.nn.MaxPool3d(3)(m.ones(1, 1, 2, 3, 4)),
    "too much padding": lambda m: m.nn.MaxPool3d(2, padding=2)(m.ones(1, 1, 4, 4, 4)),
}


@pytest.mark.parametrize("code", WRONG_POOLS.values(), ids=WRONG_POOLS.keys())
def test_3d_max_pooling_errors_as_in_pytorch(code: Callable[[Any], Any]) -> None:
    assert_fails_alike(code)


# -- BatchNorm3d ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lazy", [False, True])
def test_batch_norm_3d_as_in_pytorch(lazy: bool) -> None:
    """Training: output, node, gradients and running statistics; then evaluation."""

    def run(m: Any) -> list:
        norm = m.nn.LazyBatchNorm3d(momentum=0.3) if lazy else m.nn.BatchNorm3d(2, momentum=0.3)
        before = repr(norm)
        x = volumes(m)
        seen = [before, *forward_and_backward(norm, x), norm.running_mean, norm.running_var]
        norm.eval()
        return [*seen, norm(x.detach()), norm.num_batches_tracked, type(norm).__name__]

    run_both(run, atol=1e-4)


WRONG_NORMS = {
    "BatchNorm3d of an image": lambda m: m.nn.BatchNorm3d(3)(m.ones(2, 3, 4, 4)),
    "BatchNorm3d of one volume": lambda m: m.nn.BatchNorm3d(3)(m.ones(3, 2, 4, 4)),
    "LazyBatchNorm3d of an image": lambda m: m.nn.LazyBatchNorm3d()(m.ones(2, 3, 4, 4)),
}


@pytest.mark.parametrize("code", WRONG_NORMS.values(), ids=WRONG_NORMS.keys())
def test_batch_norm_3d_errors_as_in_pytorch(code: Callable[[Any], Any]) -> None:
    assert_fails_alike(code)


# -- channel dropout, alpha dropout and RReLU: PyTorch's draws after the same seed -----------------------------------

RANDOM_LAYERS = {
    "Dropout3d": lambda m, x: m.nn.Dropout3d(0.4)(x),
    "F.dropout3d of a single volume": lambda m, x: m.nn.functional.dropout3d(x[0], 0.5),
    "F.dropout3d in place": lambda m, x: m.nn.functional.dropout3d(x * 1, 0.5, inplace=True),
    "F.dropout3d, not training": lambda m, x: m.nn.functional.dropout3d(x, 0.5, training=False),
    "F.dropout3d of a 3-d tensor": lambda m, x: m.nn.functional.dropout3d(x[0, 0], 0.5),
    "AlphaDropout": lambda m, x: m.nn.AlphaDropout(0.3)(x),
    "AlphaDropout, evaluating": lambda m, x: m.nn.AlphaDropout(0.3).eval()(x),
    "F.alpha_dropout": lambda m, x: m.nn.functional.alpha_dropout(x, 0.2, True),
    "F.alpha_dropout, not training": lambda m, x: m.nn.functional.alpha_dropout(x, 0.2),
    "F.alpha_dropout in place": lambda m, x: m.nn.functional.alpha_dropout(x * 1, 0.2, True, True),
    "FeatureAlphaDropout": lambda m, x: m.nn.FeatureAlphaDropout(0.5)(x),
    "F.feature_alpha_dropout": lambda m, x: m.nn.functional.feature_alpha_dropout(x, 0.25, training=True),
    "RReLU": lambda m, x: m.nn.RReLU()(x),
    "RReLU, evaluating": lambda m, x: m.nn.RReLU(0.1, 0.3).eval()(x),
    "F.rrelu": lambda m, x: m.nn.functional.rrelu(x, 0.2, 0.4, True),
    "F.rrelu, not training": lambda m, x: m.nn.functional.rrelu(x),
    "F.rrelu in place": lambda m, x: m.nn.functional.rrelu(x * 1, training=True, inplace=True),
}


@pytest.mark.parametrize("layer", RANDOM_LAYERS.values(), ids=RANDOM_LAYERS.keys())
def test_random_layers_as_in_pytorch(layer: Callable[[Any, Any], Any]) -> None:
    """The same elements dropped (or slopes drawn) after the same seed, the same node and gradient."""

    def run(m: Any) -> list:
        x = volumes(m)
        m.manual_seed(11)
        y = layer(m, x)
        (y * y.detach().sin()).sum().backward()
        return [y, y.grad_fn.name() if y.grad_fn is not None else None, x.grad]

    run_both(run)


def test_random_layers_print_and_warn_as_in_pytorch() -> None:
    def run(m: Any) -> list:
        layers = [
            m.nn.Dropout3d(), m.nn.Dropout3d(0.2, inplace=True), m.nn.AlphaDropout(0.1), m.nn.FeatureAlphaDropout(),
            m.nn.RReLU(), m.nn.RReLU(0.1, 0.3, inplace=True),
        ]  # fmt: skip
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            m.nn.functional.dropout3d(m.ones(2, 3), 0.5)
        said = [f"{w.category.__name__}: {str(w.message).split(' Hint: ')[0]}" for w in caught]
        return [[repr(layer) for layer in layers], said]

    run_both(run)


WRONG_RANDOM_LAYERS = {
    "Dropout3d(p=2)": lambda m: m.nn.Dropout3d(2),
    "F.dropout3d with p=-0.1": lambda m: m.nn.functional.dropout3d(m.ones(1, 1, 1, 1, 1), -0.1),
    "F.alpha_dropout with p=1.5": lambda m: m.nn.functional.alpha_dropout(m.ones(3), 1.5),
    "F.feature_alpha_dropout with p=2": lambda m: m.nn.functional.feature_alpha_dropout(m.ones(3), 2, True),
    "AlphaDropout(p=-1)": lambda m: m.nn.AlphaDropout(-1),
    "FeatureAlphaDropout of a vector": lambda m: m.nn.FeatureAlphaDropout()(m.ones(3)),
    "F.rrelu, lower above upper": lambda m: m.nn.functional.rrelu(m.ones(3), 0.5, 0.1, True),
    "RReLU in place on a leaf": lambda m: m.nn.RReLU(inplace=True)(m.ones(3, requires_grad=True)),
}


@pytest.mark.parametrize("code", WRONG_RANDOM_LAYERS.values(), ids=WRONG_RANDOM_LAYERS.keys())
def test_random_layer_errors_as_in_pytorch(code: Callable[[Any], Any]) -> None:
    assert_fails_alike(code)


def test_in_place_dropouts_that_drop_nothing_return_their_input_untouched_as_in_pytorch() -> None:
    def run(m: Any) -> list:
        x = volumes(m) * 1
        node = x.grad_fn.name()
        outs = [
            m.nn.functional.alpha_dropout(x, 0.5, False, True),
            m.nn.functional.feature_alpha_dropout(x, 0.0, True, True),
            m.nn.functional.dropout3d(x, 0.5, False, True),
        ]
        return [[out is x for out in outs], node, x.grad_fn.name(), x._version]

    run_both(run)


# -- average pooling of volumes ------------------------------------------------------------------------------------

AVG_POOLS = {
    "F.avg_pool3d": lambda m, x: m.nn.functional.avg_pool3d(x, 2),
    "strided, padded": lambda m, x: m.nn.functional.avg_pool3d(x, (3, 2, 3), (1, 2, 2), 1),
    "padding not counted": lambda m, x: m.nn.functional.avg_pool3d(x, 3, 2, 1, count_include_pad=False),
    "ceil_mode": lambda m, x: m.nn.functional.avg_pool3d(x, 2, ceil_mode=True),
    "ceil_mode, padded, not counted": (
        lambda m, x: m.nn.functional.avg_pool3d(x, 3, 2, (1, 1, 0), True, False)
    ),
    "divisor_override": lambda m, x: m.nn.functional.avg_pool3d(x, 2, 1, divisor_override=5),
    "a single volume": lambda m, x: m.nn.functional.avg_pool3d(x[1], (1, 2, 3), 1, (0, 1, 1)),
    "AvgPool3d": lambda m, x: m.nn.AvgPool3d(2, stride=1, ceil_mode=True)(x),
    "AvgPool3d, every option": lambda m, x: m.nn.AvgPool3d((3, 2, 2), (2, 1, 3), 1, True, False, 7)(x),
}


@pytest.mark.parametrize("pool", AVG_POOLS.values(), ids=AVG_POOLS.keys())
def test_3d_average_pooling_as_in_pytorch(pool: Callable[[Any, Any], Any]) -> None:
    """Values, node, gradient, and the gradient of the gradient."""

    def run(m: Any) -> list:
        x = volumes(m)
        y = pool(m, x)
        (grad,) = m.autograd.grad((y * y).sum(), x, create_graph=True)  # 2y upstream: grad depends on x
        (grad * grad.detach().sin()).sum().backward()
        return [y, y.grad_fn.name(), grad, x.grad]

    run_both(run)


def test_3d_average_pooling_of_integers_and_its_printed_form_as_in_pytorch() -> None:
    def run(m: Any) -> list:
        x = m.arange(-30, 30).reshape(1, 2, 2, 3, 5)
        return [repr(m.nn.AvgPool3d(3, 2)), m.nn.functional.avg_pool3d(x, 2, 1), m.nn.AvgPool3d((2, 1, 3))(x)]

    run_both(run)


WRONG_AVG_POOLS = {
    "an image": lambda m: m.nn.AvgPool3d(2)(m.ones(2, 3, 4)),
    "a 6-d tensor": lambda m: m.nn.functional.avg_pool3d(m.ones(1, 1, 2, 2, 2, 2), 1),
    "an empty volume": lambda m: m.nn.functional.avg_pool3d(m.ones(1, 1, 4, 0, 4), 1),
    "two kernel sizes": lambda m: m.nn.functional.avg_pool3d(m.ones(1, 1, 4, 4, 4), (2, 2)),
    "two strides": lambda m: m.nn.functional.avg_pool3d(m.ones(1, 1, 4, 4, 4), 2, (2, 2)),
    "two paddings": lambda m: m.nn.functional.avg_pool3d(m.ones(1, 1, 4, 4, 4), 2, 2, (1, 1)),
    "a zero divisor": lambda m: m.nn.functional.avg_pool3d(m.ones(1, 1, 4, 4, 4), 2, divisor_override=0),
    "a zero stride": lambda m: m.nn.functional.avg_pool3d(m.ones(1, 1, 4, 4, 4), 2, 0),
    "a zero kernel": lambda m: m.nn.functional.avg_pool3d(m.ones(1, 1, 4, 4, 4), 0, 1),
    "integers of 32 bits": lambda m: m.nn.functional.avg_pool3d(m.ones(1, 1, 4, 4, 4, dtype=m.int32), 2),
    "a window larger than the volume": lambda m: m.nn.AvgPool3d(3, 1, 1)(m.ones(1, 1, 2, 4, 4)),
    "too much padding": lambda m: m.nn.AvgPool3d(2, padding=(0, 2, 0))(m.ones(1, 1, 4, 4, 4)),
}


@pytest.mark.parametrize("code", WRONG_AVG_POOLS.values(), ids=WRONG_AVG_POOLS.keys())
def test_3d_average_pooling_errors_as_in_pytorch(code: Callable[[Any], Any]) -> None:
    assert_fails_alike(code)


# -- adaptive pooling of volumes -----------------------------------------------------------------------------------

ADAPTIVE_POOLS = {
    "F.adaptive_avg_pool3d": lambda m, x: m.nn.functional.adaptive_avg_pool3d(x, 2),
    "F.adaptive_avg_pool3d, larger than the input": lambda m, x: m.nn.functional.adaptive_avg_pool3d(
        x, (4, 3, 7)
    ),
    "F.adaptive_avg_pool3d to 1": lambda m, x: m.nn.functional.adaptive_avg_pool3d(x, 1),
    "F.adaptive_avg_pool3d of a single volume": lambda m, x: m.nn.functional.adaptive_avg_pool3d(
        x[0], (2, 3, 2)
    ),
    "AdaptiveAvgPool3d with None": lambda m, x: m.nn.AdaptiveAvgPool3d((None, 2, 3))(x),
    "AdaptiveAvgPool3d to (1, 1, 1)": lambda m, x: m.nn.AdaptiveAvgPool3d((1, 1, 1))(x),
    "F.adaptive_max_pool3d": lambda m, x: m.nn.functional.adaptive_max_pool3d(x, 2),
    "F.adaptive_max_pool3d with indices": (
        lambda m, x: m.nn.functional.adaptive_max_pool3d(x, (2, 3, 4), return_indices=True)
    ),
    "F.adaptive_max_pool3d of a single volume": (
        lambda m, x: m.nn.functional.adaptive_max_pool3d(x[1], (3, 2, 2), return_indices=True)
    ),
    "AdaptiveMaxPool3d with None": lambda m, x: m.nn.AdaptiveMaxPool3d((2, None, 1), True)(x),
    "AdaptiveMaxPool3d to 1": lambda m, x: m.nn.AdaptiveMaxPool3d(1)(x),
}


@pytest.mark.parametrize("pool", ADAPTIVE_POOLS.values(), ids=ADAPTIVE_POOLS.keys())
def test_3d_adaptive_pooling_as_in_pytorch(pool: Callable[[Any, Any], Any]) -> None:
    """Values (and indices), node, gradient, and the gradient of the gradient."""

    def run(m: Any) -> list:
        x = volumes(m)
        out = pool(m, x)
        y = out[0] if isinstance(out, tuple) else out
        (grad,) = m.autograd.grad((y * y).sum(), x, create_graph=True)
        (grad * grad.detach().sin()).sum().backward()
        return [out, y.grad_fn.name(), grad, x.grad]

    run_both(run)


def test_adaptive_3d_pooling_layers_print_as_in_pytorch() -> None:
    def run(m: Any) -> list:
        layers = [
            m.nn.AdaptiveAvgPool3d(5),
            m.nn.AdaptiveAvgPool3d((5, None, 7)),
            m.nn.AdaptiveMaxPool3d((7, 9, 8)),
        ]
        return [repr(layer) for layer in layers]

    run_both(run)


WRONG_ADAPTIVE_POOLS = {
    "avg of a sequence": lambda m: m.nn.functional.adaptive_avg_pool3d(m.ones(2, 3, 4), 2),
    "avg of a matrix to 1": lambda m: m.nn.functional.adaptive_avg_pool3d(m.ones(2, 3), 1),
    "avg of a 6-d tensor": lambda m: m.nn.AdaptiveAvgPool3d(2)(m.ones(1, 1, 2, 2, 2, 2)),
    "avg to two sizes": lambda m: m.nn.functional.adaptive_avg_pool3d(m.ones(2, 3, 4, 4, 4), (2, 2)),
    "avg to negative sizes": lambda m: m.nn.functional.adaptive_avg_pool3d(
        m.ones(1, 1, 4, 4, 4), (-1, 2, -3)
    ),
    "avg of an empty volume": lambda m: m.nn.functional.adaptive_avg_pool3d(m.ones(1, 2, 0, 4, 4), 2),
    "avg of integers": lambda m: m.nn.functional.adaptive_avg_pool3d(m.ones(1, 2, 3, 4, 4).long(), 2),
    "max of a sequence": lambda m: m.nn.AdaptiveMaxPool3d(2)(m.ones(2, 3, 4)),
    "max to two sizes": lambda m: m.nn.functional.adaptive_max_pool3d(m.ones(2, 3, 4, 4, 4), (2, 2)),
    "max to negative sizes": lambda m: m.nn.functional.adaptive_max_pool3d(
        m.ones(1, 1, 4, 4, 4), (-1, 2, -3)
    ),
    "max of an empty volume": lambda m: m.nn.functional.adaptive_max_pool3d(m.ones(1, 2, 0, 4, 4), 2),
    "max of integers": lambda m: m.nn.functional.adaptive_max_pool3d(m.ones(1, 2, 3, 4, 4).long(), 2),
    "max with None past the input's rank": lambda m: m.nn.functional.adaptive_max_pool3d(
        m.ones(2, 3), (1, None, 1)
    ),
}


@pytest.mark.parametrize("code", WRONG_ADAPTIVE_POOLS.values(), ids=WRONG_ADAPTIVE_POOLS.keys())
def test_3d_adaptive_pooling_errors_as_in_pytorch(code: Callable[[Any], Any]) -> None:
    assert_fails_alike(code)
