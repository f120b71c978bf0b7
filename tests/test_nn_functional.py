"""``nn.functional`` against PyTorch: what the op factories do not draw.

The factories (tests/factories.py) check every op's values and gradients,
first and second order, against finite differences and PyTorch.  Here:
node names of the composed functions, options the factories leave out,
dropout's random mask, errors, warnings and edge cases (empty tensors).
Each comparison runs the same line of code in autograd_lab and in PyTorch.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pytest

import autograd_lab as lab
import autograd_lab.nn.functional as F

torch = pytest.importorskip("torch")

RNG = np.random.default_rng(0)


def run(m: Any, code: str, arrays: dict[str, np.ndarray], grad: bool = True) -> tuple[Any, dict[str, Any]]:
    """``code`` in module ``m`` (``F`` is its nn.functional), the arrays as tensors; backward of the sum."""
    tensors = {k: m.tensor(v, requires_grad=grad and v.dtype.kind == "f") for k, v in arrays.items()}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = eval(code, {"m": m, "F": m.nn.functional, "np": np, **tensors})  # noqa: S307 - our own code
    if grad and out.requires_grad:
        (
            out * m.tensor(RNG.uniform(0.5, 1.5, tuple(out.shape)).astype(np.float32)).to(out.dtype)
        ).sum().backward()
    return out, tensors


def agree(code: str, rtol: float = 1e-5, **arrays: np.ndarray) -> tuple[Any, Any]:
    """Same value, dtype, node name and gradients in autograd_lab and PyTorch."""
    state = RNG.bit_generator.state
    ours, our_inputs = run(lab, code, arrays)
    RNG.bit_generator.state = state  # the same upstream gradient for both
    theirs, their_inputs = run(torch, code, arrays)
    assert str(ours.dtype) == str(theirs.dtype), code
    np.testing.assert_allclose(
        ours.detach().numpy(), theirs.detach().numpy(), rtol=rtol, atol=1e-6, err_msg=code
    )
    name = lambda t: None if t.grad_fn is None else type(t.grad_fn).__name__  # noqa: E731
    assert name(ours) == name(theirs), code
    for key in arrays:
        a, b = our_inputs[key].grad, their_inputs[key].grad
        assert (a is None) == (b is None), f"gradient of {key} in {code}"
        if a is not None:
            np.testing.assert_allclose(
                a.numpy(), b.numpy(), rtol=rtol, atol=1e-6, err_msg=f"∂/∂{key} of {code}"
            )
    return ours, theirs


def raises_like(code: str, **arrays: np.ndarray) -> None:
    """autograd_lab raises PyTorch's exception type, its message starting with PyTorch's message, then a hint."""
    with pytest.raises(Exception) as theirs:
        run(torch, code, arrays, grad=False)
    with pytest.raises(type(theirs.value)) as ours:
        run(lab, code, arrays, grad=False)
    ours_text, theirs_text = str(ours.value.args[0]), str(theirs.value.args[0])
    assert ours_text.startswith(theirs_text + " Hint: "), (ours_text, theirs_text)


def floats(*shape: int) -> np.ndarray:
    return RNG.standard_normal(shape).astype(np.float32)


# -- node names of composed functions -------------------------------------------------------------------

COMPOSED = [
    ("F.l1_loss(x, t)", {"x": floats(2, 3), "t": floats(2, 3)}),
    ("F.l1_loss(x, t, reduction='sum')", {"x": floats(2, 3), "t": floats(2, 3)}),
    ("F.l1_loss(x, t, reduction='none')", {"x": floats(2, 3), "t": floats(2, 3)}),
    ("F.cross_entropy(x, m.tensor([0, 2]))", {"x": floats(2, 3)}),
    ("F.cross_entropy(x, m.tensor([0, 2]), reduction='none')", {"x": floats(2, 3)}),
    ("F.cross_entropy(x, m.tensor([[0, 1], [2, 0]]))", {"x": floats(2, 3, 2)}),
    ("F.cross_entropy(x, m.tensor([[0, 1], [2, 0]]), reduction='none')", {"x": floats(2, 3, 2)}),
    ("F.cross_entropy(x, m.zeros(2, 2, 2, dtype=m.int64))", {"x": floats(2, 3, 2, 2)}),
    ("F.cross_entropy(x, m.tensor(1))", {"x": floats(3)}),
    ("F.cross_entropy(x, t.softmax(1))", {"x": floats(2, 3), "t": floats(2, 3)}),
    ("F.cross_entropy(x, t.softmax(1), reduction='sum')", {"x": floats(2, 3), "t": floats(2, 3)}),
    ("F.cross_entropy(x, t.softmax(1), reduction='none')", {"x": floats(2, 3), "t": floats(2, 3)}),
    (
        "F.cross_entropy(x, t.softmax(1), weight=m.tensor([1.0, 2.0, 0.5]))",
        {"x": floats(2, 3), "t": floats(2, 3)},
    ),
    ("F.cross_entropy(x, m.tensor([0, 2, 1]), label_smoothing=0.1)", {"x": floats(3, 3)}),
    (
        "F.cross_entropy(x, m.tensor([0, -100, 1]), weight=m.tensor([1.0, 2.0, 0.5]), label_smoothing=0.2)",
        {"x": floats(3, 3)},
    ),
    ("F.cross_entropy(x, m.tensor([0, 2, 1]), label_smoothing=0.3, reduction='sum')", {"x": floats(3, 3)}),
    ("F.cross_entropy(x, m.tensor([0, 2, 1]), label_smoothing=0.3, reduction='none')", {"x": floats(3, 3)}),
    ("F.nll_loss(x, m.tensor([1, 0, 1]), reduction='none')", {"x": floats(3, 2, 4)[:, :, 0]}),
    ("F.nll_loss(x, m.tensor([[1, 0]]), reduction='none')", {"x": floats(1, 2, 2)}),
    ("F.linear(x, w, b)", {"x": floats(3), "w": floats(2, 3), "b": floats(2)}),
    ("F.linear(x, w, b)", {"x": floats(2, 2, 3), "w": floats(2, 3), "b": floats(2)}),
    ("F.linear(x, w)", {"x": floats(2, 2, 3), "w": floats(2, 3)}),
    ("F.linear(x, w)", {"x": floats(3), "w": floats(2, 3)}),
    ("F.relu(x * 1, inplace=True)", {"x": floats(2, 3)}),
    ("F.leaky_relu(x * 1, 0.2)", {"x": floats(2, 3)}),
    ("F.softmax(x, dim=-1)", {"x": floats(2, 3)}),
    ("F.log_softmax(x, 0, dtype=m.float64)", {"x": floats(2, 3)}),
    ("F.batch_norm(x, None, None, training=True)", {"x": floats(4, 3)}),
    ("F.batch_norm(x, None, None, None, b, training=True)", {"x": floats(4, 3, 2), "b": floats(3)}),
    ("F.batch_norm(x, m.zeros(3), m.ones(3), None, b)", {"x": floats(2, 3, 2, 2), "b": floats(3)}),
    ("F.conv2d(x, w, padding='same')", {"x": floats(1, 2, 5, 4), "w": floats(3, 2, 2, 3)}),
    ("F.conv2d(x, w, padding='same', dilation=2)", {"x": floats(1, 1, 5, 5), "w": floats(1, 1, 2, 2)}),
    (
        "F.conv2d(x, w, b, stride=(2, 1), padding=(1, 0), groups=2)",
        {"x": floats(2, 4, 5, 4), "w": floats(2, 2, 3, 2), "b": floats(2)},
    ),
    ("F.max_pool2d(x, (2, 3), stride=(1, 2), padding=(1, 1), ceil_mode=True)", {"x": floats(1, 2, 5, 6)}),
    ("F.max_pool2d(x, 3, 2, 1, dilation=2, ceil_mode=True)", {"x": floats(2, 1, 7, 7)}),
    ("F.avg_pool2d(x, 3, 2, 1, ceil_mode=True, count_include_pad=False)", {"x": floats(2, 1, 6, 6)}),
    ("F.avg_pool2d(x, 3, 2, 1, ceil_mode=True)", {"x": floats(2, 1, 6, 6)}),
    ("F.unfold(x, (2, 3), padding=1, stride=(2, 1))", {"x": floats(1, 2, 4, 5)}),
    ("F.dropout(x, 0.0)", {"x": floats(2, 3)}),
    ("F.dropout(x, 1.0)", {"x": floats(2, 3)}),
    ("F.gelu(x)", {"x": floats(4, 5)}),
    ("F.gelu(x, approximate='tanh')", {"x": floats(4, 5)}),
    ("F.sigmoid(x) + F.tanh(x)", {"x": floats(4)}),
]


@pytest.mark.parametrize(("code", "arrays"), COMPOSED, ids=[code for code, _ in COMPOSED])
def test_values_gradients_and_nodes_match_torch(code: str, arrays: dict) -> None:
    agree(code, **arrays)


def test_max_pool_indices_match_torch() -> None:
    x = floats(2, 3, 7, 6)
    for options in ["2", "3, 2, 1", "(2, 3), 2, 1, 2, True", "3, 1, 1, 1, True"]:
        ours, _ = run(lab, f"F.max_pool2d(x, {options}, return_indices=True)", {"x": x}, grad=False)
        theirs, _ = run(torch, f"F.max_pool2d(x, {options}, return_indices=True)", {"x": x}, grad=False)
        np.testing.assert_array_equal(ours[1].numpy(), theirs[1].numpy())
        assert ours[1].dtype == lab.int64
        np.testing.assert_array_equal(ours[0].detach().numpy(), theirs[0].detach().numpy())
    ours, _ = run(lab, "F.max_pool2d(x[0], 2, return_indices=True)", {"x": x}, grad=False)
    theirs, _ = run(torch, "F.max_pool2d(x[0], 2, return_indices=True)", {"x": x}, grad=False)
    np.testing.assert_array_equal(ours[1].numpy(), theirs[1].numpy())


# -- dropout draws PyTorch's mask --------------------------------------------------------------------------


@pytest.mark.parametrize("p", [0.1, 0.3, 0.5, 0.9])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("transposed", [False, True])  # the mask is drawn in the input's memory order
def test_dropout_mask_and_gradient_match_torch(p: float, dtype: str, transposed: bool) -> None:
    x = RNG.standard_normal((7, 5)).astype(dtype)
    results = []
    for m in (lab, torch):
        m.manual_seed(11)
        t = m.tensor(x, requires_grad=True)
        y = m.nn.functional.dropout(t.t() if transposed else t, p)
        y.sum().backward()
        results.append((y.detach().numpy(), t.grad.numpy(), type(y.grad_fn).__name__, m.rand(3).numpy()))
    (y1, g1, n1, r1), (y2, g2, n2, r2) = results
    np.testing.assert_array_equal(y1, y2)  # the same elements dropped, the same scale
    np.testing.assert_array_equal(g1, g2)
    assert n1 == n2 == "MulBackward0"
    np.testing.assert_array_equal(r1, r2)  # and the same number of draws taken


def test_dropout_in_place_and_off() -> None:
    for m in (lab, torch):
        m.manual_seed(3)
    a, b = lab.ones(4, 4), torch.ones(4, 4)
    assert F.dropout(a, 0.5, inplace=True) is a
    torch.nn.functional.dropout(b, 0.5, inplace=True)
    np.testing.assert_array_equal(a.numpy(), b.numpy())
    x = lab.ones(3)
    assert F.dropout(x, 0.5, training=False) is x
    assert F.dropout(x, 0.0) is x
    raises_like("F.dropout(x, 1.5)", x=floats(2))


# -- edge cases ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("shape", [(0,), (0, 3), (2, 0), (0, 0)])
@pytest.mark.parametrize("function", ["softmax", "log_softmax"])
def test_softmax_of_an_empty_tensor(shape: tuple, function: str) -> None:
    x = lab.zeros(*shape, requires_grad=True)
    y = getattr(F, function)(x, dim=-1)
    assert y.shape == x.shape
    y.sum().backward()
    assert x.grad.shape == x.shape


def test_mse_loss_divides_by_the_broadcast_size() -> None:
    agree("F.mse_loss(x, t)", x=floats(3, 1), t=floats(3))
    agree("F.mse_loss(x, t)", x=floats(3), t=floats(2, 3))
    with pytest.warns(UserWarning, match=r"Using a target size \(torch.Size\(\[3\]\)\) that is different"):
        F.mse_loss(lab.zeros(3, 1), lab.zeros(3))
    raises_like("F.mse_loss(x, t)", x=floats(3, 2), t=floats(3))


def test_mse_loss_of_empty_tensors() -> None:
    x = lab.zeros(0, requires_grad=True)
    loss = F.mse_loss(x, lab.zeros(0))
    assert np.isnan(loss.item())
    loss.backward()
    assert x.grad.shape == (0,)


def test_softmax_without_dim_warns_and_picks_pytorchs_dim() -> None:
    with pytest.warns(UserWarning, match="Implicit dimension choice for softmax has been deprecated"):
        F.softmax(lab.zeros(2, 3))
    agree("F.softmax(x)", x=floats(2, 3))
    agree("F.log_softmax(x)", x=floats(2, 3, 4))


def test_legacy_reduction_arguments() -> None:
    with pytest.warns(UserWarning, match="please use reduction='sum' instead"):
        loss = F.mse_loss(lab.ones(2), lab.zeros(2), size_average=False)
    assert loss.item() == 2.0
    agree("F.l1_loss(x, t, reduce=False)", x=floats(3), t=floats(3))


def test_one_hot_matches_torch() -> None:
    for code in [
        "F.one_hot(m.tensor([0, 2, 1]))",
        "F.one_hot(m.tensor([[0], [3]]), 5)",
        "F.one_hot(m.tensor([], dtype=m.int64), 2)",
    ]:
        ours, _ = run(lab, code, {}, grad=False)
        theirs, _ = run(torch, code, {}, grad=False)
        assert repr(ours) == repr(theirs)


ERRORS = [
    ("F.cross_entropy(x, m.tensor([0, 1]))", {"x": floats(3, 4)}),
    ("F.cross_entropy(x, m.tensor([[0, 1, 2, 0]]))", {"x": floats(1, 4, 5)}),
    ("F.cross_entropy(x, m.tensor([0.0, 1.0, 2.0]))", {"x": floats(3, 4)}),
    ("F.cross_entropy(x, t.long())", {"x": floats(3, 4), "t": floats(3, 4)}),
    ("F.nll_loss(x, m.tensor([0, 1, 5]))", {"x": floats(3, 4)}),
    ("F.nll_loss(x, m.tensor(0))", {"x": floats()}),
    ("F.mse_loss(x, t, reduction='avg')", {"x": floats(3), "t": floats(3)}),
    ("F.binary_cross_entropy(x, t)", {"x": np.array([0.5, 1.5], np.float32), "t": floats(2)}),
    ("F.binary_cross_entropy(x.sigmoid(), t)", {"x": floats(3), "t": floats(2)}),
    ("F.binary_cross_entropy_with_logits(x, t)", {"x": floats(3), "t": floats(2)}),
    ("F.conv2d(x, w)", {"x": floats(2, 4, 5, 5), "w": floats(2, 3, 3, 3)}),
    ("F.conv2d(x, w)", {"x": floats(1, 1, 2, 2), "w": floats(1, 1, 3, 3)}),
    ("F.conv2d(x, w, stride=2, padding='same')", {"x": floats(1, 2, 5, 5), "w": floats(1, 2, 3, 3)}),
    ("F.conv2d(x, w)", {"x": floats(1, 2, 5, 5), "w": floats(1, 2, 3)}),
    ("F.max_pool2d(x, 3, padding=2)", {"x": floats(1, 1, 4, 4)}),
    ("F.max_pool2d(x, 3)", {"x": floats(1, 1, 2, 2)}),
    ("F.batch_norm(x, None, None, training=True)", {"x": floats(1, 3)}),
    ("F.batch_norm(x, m.zeros(3), m.ones(3))", {"x": floats(4, 2)}),
    ("F.one_hot(m.tensor([0.0, 1.0]))", {}),
    ("F.one_hot(m.tensor([-1, 1]))", {}),
    ("F.one_hot(m.tensor([0, 3]), 2)", {}),
]


@pytest.mark.parametrize(("code", "arrays"), ERRORS, ids=[code for code, _ in ERRORS])
def test_errors_match_torch(code: str, arrays: dict) -> None:
    raises_like(code, **arrays)


def test_layers_record_pytorchs_nodes_in_a_small_convnet() -> None:
    x = floats(2, 1, 8, 8)
    code = (
        "F.cross_entropy(F.linear(F.max_pool2d(F.relu(F.batch_norm(F.conv2d(x, w, b, padding=1), None, None, "
        "training=True)), 2).flatten(1), v), m.tensor([1, 0]))"
    )
    agree(code, x=x, w=floats(3, 1, 3, 3), b=floats(3), v=floats(2, 48))


def test_unfold_and_fold_match_torch() -> None:
    agree("F.fold(F.unfold(x, 2, stride=1), (4, 5), 2)", x=floats(2, 3, 4, 5))
    agree("F.fold(c, (3, 3), (2, 2), padding=1, stride=2)", c=floats(1, 8, 4))
