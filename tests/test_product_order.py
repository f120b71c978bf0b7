"""Small float32 matrix products add in PyTorch's (MKL's) order: the same bits as PyTorch's."""

from __future__ import annotations

import platform

import numpy as np
import pytest

import autograd_lab as lab
from autograd_lab.ops._product_order import MAX_TERMS, MAX_WORK, _pytorch_mm

SHAPES = [  # (rows, terms, columns)
    (10, 2, 1), (9, 2, 1), (3, 1, 1), (1000, 2, 1), (2, 2, 2), (64, 64, 3), (300, 50, 7),
    (5, 30, 4), (256, 64, 10), (2, 8, 3), (17, 33, 2),
]  # fmt: skip


def _torch_with_mkl():
    torch = pytest.importorskip("torch")
    if platform.machine() not in ("x86_64", "AMD64") or not torch.backends.mkl.is_available():
        pytest.skip("PyTorch's order followed here is its x86-64 build's, with Intel MKL")
    return torch


# x @ w.T (nn.Linear's product): MKL picks its kernel by size; these are the sizes followed
LINEAR_SHAPES = [
    (16, 5, 2), (64, 20, 10), (8, 3, 4), (3, 30, 16), (2, 32, 40), (256, 64, 12), (100, 2, 3),
    (10, 3, 2), (2, 2, 2), (7, 4, 3), (5, 1, 3),
]  # fmt: skip

# (a matrix times one column with a transposed: another MKL kernel, left to NumPy)
CASES = [
    (shape, layout)
    for shape in SHAPES
    for layout in ("plain", "a transposed")
    if shape[2] > 1 or layout == "plain"
] + [(shape, "b transposed") for shape in LINEAR_SHAPES]


@pytest.mark.parametrize(("shape", "layout"), CASES, ids=str)
def test_small_float32_products_are_pytorchs_to_the_last_bit(shape: tuple, layout: str) -> None:
    torch = _torch_with_mkl()
    rows, terms, columns = shape
    generator = torch.Generator().manual_seed(rows * 1000 + terms * 10 + columns)
    a = (
        torch.randn(terms, rows, generator=generator).t()
        if layout == "a transposed"
        else torch.randn(rows, terms, generator=generator)
    )
    b = (
        torch.randn(columns, terms, generator=generator).t()
        if layout == "b transposed"
        else torch.randn(terms, columns, generator=generator)
    )
    with torch.autograd.grad_mode.no_grad():
        theirs = (a @ b).numpy()
    ours = _pytorch_mm(a.numpy(), b.numpy())
    assert ours.dtype == np.float32
    np.testing.assert_array_equal(ours, theirs)


def test_the_gradients_of_a_small_product_are_pytorchs_too() -> None:
    torch = _torch_with_mkl()
    x = torch.randn(32, 8, generator=torch.Generator().manual_seed(0), requires_grad=True)
    w = torch.randn(8, 4, generator=torch.Generator().manual_seed(1), requires_grad=True)
    (x @ w).pow(2).sum().backward()
    lx = lab.tensor(x.detach().numpy(), requires_grad=True)
    lw = lab.tensor(w.detach().numpy(), requires_grad=True)
    (lx @ lw).pow(2).sum().backward()
    np.testing.assert_array_equal(lx.grad.numpy(), x.grad.numpy())
    np.testing.assert_array_equal(lw.grad.numpy(), w.grad.numpy())


@pytest.mark.parametrize("bias_shape", [(4,), (6, 4), (1, 4), (), (6, 1)], ids=str)
def test_a_linear_layer_with_one_input_adds_its_bias_in_the_same_rounding(bias_shape: tuple) -> None:
    torch = _torch_with_mkl()
    generator = torch.Generator().manual_seed(len(bias_shape))
    x, weight, bias = (torch.randn(s, generator=generator) for s in ((6, 1), (4, 1), bias_shape))
    with torch.autograd.grad_mode.no_grad():
        theirs = torch.addmm(bias, x, weight.t()).numpy()
    ours = lab.addmm(*(lab.tensor(t.numpy()) for t in (bias, x, weight.t()))).numpy()
    np.testing.assert_array_equal(ours, theirs)
    rounded_twice = _pytorch_mm(x.numpy(), weight.numpy().T) + bias.numpy()
    assert not np.array_equal(ours, rounded_twice) or len(bias_shape) == 0  # (one rounding, not two)


def test_each_term_is_added_in_turn_with_one_rounding() -> None:
    # 1 + 2⁻²⁴ is not a float32, but (1 + 2⁻²⁴) + 2⁻²⁴ rounds up: the order decides the last bit.
    a = np.array([[1.0, 2.0**-24, 2.0**-24]], np.float32)
    b = np.ones((3, 2), np.float32)
    assert _pytorch_mm(a, b).tolist() == [[1.0, 1.0]]  # ((1 + ε) + ε): each addition rounds to 1
    assert _pytorch_mm(a[:, ::-1].copy(), b).tolist() == [[1.0 + 2.0**-23] * 2]  # (ε + ε) + 1


def test_bigger_products_other_layouts_and_dtypes_are_numpys() -> None:
    rng = np.random.default_rng(0)
    a, b = rng.standard_normal((2, 3)).astype(np.float32), rng.standard_normal((4, 3)).astype(np.float32)
    np.testing.assert_array_equal(_pytorch_mm(a, b.T), a @ b.T)  # x @ w.T, 2 rows, 4 columns: not followed
    big = rng.standard_normal((4, MAX_TERMS + 1)).astype(np.float32)
    np.testing.assert_array_equal(_pytorch_mm(big, big.T), big @ big.T)
    double = rng.standard_normal((3, 3))
    np.testing.assert_array_equal(_pytorch_mm(double, double), double @ double)
    assert _pytorch_mm(np.zeros((2, 0), np.float32), np.zeros((0, 3), np.float32)).tolist() == [[0.0] * 3] * 2


def test_products_too_big_to_emulate_quickly_are_left_to_blas(monkeypatch: pytest.MonkeyPatch) -> None:
    from autograd_lab.ops import _product_order

    rng = np.random.default_rng(0)
    rows = MAX_WORK // (8 * 16)
    many, few = (
        rng.standard_normal((rows + 1, 8)).astype(np.float32),
        rng.standard_normal((8, 16)).astype(np.float32),
    )
    emulated = []
    monkeypatch.setattr(_product_order, "_fused_in_turn", lambda a, b: emulated.append(a.shape) or a @ b)
    _pytorch_mm(many[:rows], few)  # (just within the budget: emulated)
    assert emulated == [(rows, 8)]
    np.testing.assert_array_equal(_pytorch_mm(many, few), many @ few)
    assert emulated == [(rows, 8)]  # one row more: BLAS's
