"""Small float32 matrix products add in PyTorch's (MKL's) order, the same on every CPU.

The order is MKL's on an Intel CPU with AVX-512, where the results are PyTorch's to the bit; on
other CPUs, PyTorch's own last bits differ, and the tests hold the two within a sum's rounding
(see ``mkl_order``).  The order itself is checked against a reference written one element at a
time in Python, which does not depend on the CPU.
"""

from __future__ import annotations

import numpy as np
import pytest
from mkl_order import assert_pytorchs_product, product_rounding, pytorch_adds_as_followed

import autograd_lab as lab
from autograd_lab.ops._product_order import MAX_TERMS, MAX_WORK, _pytorch_mm

SHAPES = [  # (rows, terms, columns)
    (10, 2, 1), (9, 2, 1), (3, 1, 1), (1000, 2, 1), (2, 2, 2), (64, 64, 3), (300, 50, 7),
    (5, 30, 4), (256, 64, 10), (2, 8, 3), (17, 33, 2),
]  # fmt: skip

# x @ w.T (nn.Linear's product): MKL picks its kernel by size; these are the sizes followed, with
# the order each takes (see _product_order's docstring)
LINEAR_SHAPES = {
    (16, 5, 2): "in turn", (64, 20, 10): "in turn", (8, 3, 4): "in turn", (3, 30, 16): "in turn",
    (2, 32, 40): "in turn", (256, 64, 12): "in turn", (100, 2, 3): "in turn",
    (10, 3, 2): "two sums", (2, 2, 2): "two sums", (7, 4, 3): "two sums", (5, 1, 3): "two sums",
}  # fmt: skip

# (a matrix times one column with a transposed: another MKL kernel, left to NumPy)
CASES = [
    (shape, layout)
    for shape in SHAPES
    for layout in ("plain", "a transposed")
    if shape[2] > 1 or layout == "plain"
] + [(shape, "b transposed") for shape in LINEAR_SHAPES]


def _factors(shape: tuple, layout: str, generator: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    rows, terms, columns = shape
    a = generator.standard_normal((terms, rows) if layout == "a transposed" else (rows, terms))
    b = generator.standard_normal((columns, terms) if layout == "b transposed" else (terms, columns))
    a, b = a.astype(np.float32), b.astype(np.float32)
    return (a.T if layout == "a transposed" else a), (b.T if layout == "b transposed" else b)


def _order_followed(shape: tuple, layout: str) -> str:
    """Which of MKL's orders the product takes: the docstring of _product_order, as a table."""
    if layout == "b transposed":
        return LINEAR_SHAPES[shape]
    return "in turn" if shape[2] > 1 else "in turn by fours"


def _in_turn(products: list[float], fused: bool) -> np.float32:
    """One running float32 sum, each product added with one rounding (fused) or rounded first."""
    total = np.float32(products[0])
    for product in products[1:]:
        total = np.float32(float(total) + (product if fused else float(np.float32(product))))
    return total


def _reference_product(a: np.ndarray, b: np.ndarray, order: str) -> np.ndarray:
    """``a @ b`` one element at a time, in plain Python: each product of two float32 is exact in a double."""
    rows, columns = a.shape[0], b.shape[1]
    a_rows, b_columns = a.tolist(), b.T.tolist()
    out = np.empty((rows, columns), np.float32)
    for i in range(rows):
        for j in range(columns):
            products = [x * y for x, y in zip(a_rows[i], b_columns[j], strict=True)]
            if order == "two sums":  # the even terms and the odd terms, each product rounded, then added
                even, odd = products[0::2], products[1::2]
                out[i, j] = _in_turn(even, False) + (_in_turn(odd, False) if odd else np.float32(0))
            else:  # by fours: the rows of whole groups of four fused, the rows left over not
                fused = order == "in turn" or i < rows // 4 * 4
                out[i, j] = _in_turn(products, fused)
    return out


@pytest.mark.parametrize(("shape", "layout"), CASES, ids=str)
def test_small_float32_products_add_in_the_order_followed(shape: tuple, layout: str) -> None:
    rows, terms, columns = shape
    a, b = _factors(shape, layout, np.random.default_rng(rows * 1000 + terms * 10 + columns))
    ours = _pytorch_mm(a, b)
    assert ours.dtype == np.float32
    np.testing.assert_array_equal(ours, _reference_product(a, b, _order_followed(shape, layout)))


@pytest.mark.parametrize(("shape", "layout"), CASES, ids=str)
def test_small_float32_products_are_pytorchs(shape: tuple, layout: str) -> None:
    torch = pytest.importorskip("torch")
    rows, terms, columns = shape
    a, b = _factors(shape, layout, np.random.default_rng(rows * 1000 + terms * 10 + columns))
    with torch.autograd.grad_mode.no_grad():
        theirs = (torch.from_numpy(a) @ torch.from_numpy(b)).numpy()
    assert_pytorchs_product(torch, _pytorch_mm(a, b), theirs, product_rounding(a, b))


def test_the_gradients_of_a_small_product_add_in_the_order_followed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The backward pass's products take the forward's kernel, on every CPU (where OpenBLAS happens to add
    in the same order, as on an AVX-512 EPYC, only the kernel's calls tell them apart)."""
    from autograd_lab.ops import linalg

    products = []
    monkeypatch.setattr(
        linalg, "_pytorch_mm", lambda a, b: products.append((a.shape, b.shape)) or _pytorch_mm(a, b)
    )
    rng = np.random.default_rng(7)
    x, w, g = (rng.standard_normal(shape).astype(np.float32) for shape in ((32, 24), (24, 6), (32, 6)))
    lx, lw = lab.tensor(x, requires_grad=True), lab.tensor(w, requires_grad=True)
    (lx @ lw).backward(lab.tensor(g))
    assert products == [((32, 24), (24, 6)), ((32, 6), (6, 24)), ((24, 32), (32, 6))]
    np.testing.assert_array_equal(lx.grad.numpy(), _pytorch_mm(g, w.T))
    np.testing.assert_array_equal(lw.grad.numpy(), _pytorch_mm(x.T, g))


def test_the_gradients_of_a_small_product_are_pytorchs_too() -> None:
    torch = pytest.importorskip("torch")
    x = torch.randn(32, 8, generator=torch.Generator().manual_seed(0), requires_grad=True)
    w = torch.randn(8, 4, generator=torch.Generator().manual_seed(1), requires_grad=True)
    (x @ w).pow(2).sum().backward()
    lx = lab.tensor(x.detach().numpy(), requires_grad=True)
    lw = lab.tensor(w.detach().numpy(), requires_grad=True)
    (lx @ lw).pow(2).sum().backward()
    for ours, theirs in ((lx.grad.numpy(), x.grad.numpy()), (lw.grad.numpy(), w.grad.numpy())):
        if pytorch_adds_as_followed(torch):
            np.testing.assert_array_equal(ours, theirs)
        else:  # (two products, each within its sum's rounding)
            np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-5 * np.abs(theirs).max())


@pytest.mark.parametrize("bias_shape", [(4,), (6, 4), (1, 4), (), (6, 1)], ids=str)
def test_a_linear_layer_with_one_input_adds_its_bias_in_the_same_rounding(bias_shape: tuple) -> None:
    generator = np.random.default_rng(len(bias_shape))
    x, weight, bias = (generator.standard_normal(s).astype(np.float32) for s in ((6, 1), (4, 1), bias_shape))
    ours = lab.addmm(*(lab.tensor(t) for t in (bias, x, weight.T))).numpy()
    fused = (x.astype(np.float64) * weight.T.astype(np.float64) + bias).astype(np.float32)
    np.testing.assert_array_equal(ours, fused)  # one rounding: MKL's fused multiply-add
    rounded_twice = _pytorch_mm(x, weight.T) + bias
    assert not np.array_equal(ours, rounded_twice) or len(bias_shape) == 0  # (one rounding, not two)
    torch = pytest.importorskip("torch")
    with torch.autograd.grad_mode.no_grad():
        theirs = torch.addmm(*(torch.from_numpy(t) for t in (bias, x, weight.T))).numpy()
    assert_pytorchs_product(torch, ours, theirs, product_rounding(x, weight.T) + np.abs(bias) * 2.0**-23)


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
