"""Norms (Tensor.norm, torch.norm, torch.linalg.norm / vector_norm / matrix_norm) and torch.equal.

Values, dtypes, printed forms, node names and errors as PyTorch's; the
gradients against finite differences are in test_gradients.py (through the
factory for ``linalg_vector_norm``).
"""

from __future__ import annotations

import numpy as np
import pytest
from twins import raises_like_torch, same_bits, same_repr

import autograd_lab as lab


@pytest.fixture
def torch():
    return pytest.importorskip("torch")


X = [[3.0, -4.0, 0.5], [1.0, 2.0, -2.5]]

SPELLINGS = {
    "x.norm()": lambda m, x: x.norm(),
    "torch.norm(x)": lambda m, x: m.norm(x),
    "x.norm(2)": lambda m, x: x.norm(2),
    "x.norm(p=1)": lambda m, x: x.norm(p=1),
    "x.norm(inf)": lambda m, x: x.norm(float("inf")),
    "x.norm(-inf)": lambda m, x: x.norm(-float("inf")),
    "x.norm(0)": lambda m, x: x.norm(0),
    "x.norm('fro')": lambda m, x: x.norm("fro"),
    "x.norm(3)": lambda m, x: x.norm(3),
    "x.norm(0.5)": lambda m, x: x.norm(0.5),
    "x.norm(-1)": lambda m, x: x.norm(-1),
    "x.norm(dim=1)": lambda m, x: x.norm(dim=1),
    "x.norm(2, dim=0, keepdim=True)": lambda m, x: x.norm(2, dim=0, keepdim=True),
    "x.norm(p=1, dim=-1)": lambda m, x: x.norm(p=1, dim=-1),
    "x.norm(dim=(0, 1))": lambda m, x: x.norm(dim=(0, 1)),
    "x.norm('fro', dim=1)": lambda m, x: x.norm("fro", dim=1),
    "x.norm(dtype=float64)": lambda m, x: x.norm(dtype=m.float64),
    "torch.norm(x, p=2, dim=1)": lambda m, x: m.norm(x, p=2, dim=1),
    "linalg.norm(x)": lambda m, x: m.linalg.norm(x),
    "linalg.norm(x, 'fro')": lambda m, x: m.linalg.norm(x, "fro"),
    "linalg.norm(x, dim=1)": lambda m, x: m.linalg.norm(x, dim=1),
    "linalg.norm(x, ord=3, dim=1)": lambda m, x: m.linalg.norm(x, ord=3, dim=1),
    "linalg.norm(x[0], 1)": lambda m, x: m.linalg.norm(x[0], 1),
    "linalg.norm(x, dim=(0, 1), keepdim=True)": lambda m, x: m.linalg.norm(x, dim=(0, 1), keepdim=True),
    "linalg.vector_norm(x)": lambda m, x: m.linalg.vector_norm(x),
    "linalg.vector_norm(x, 1)": lambda m, x: m.linalg.vector_norm(x, 1),
    "linalg.vector_norm(x, ord=inf, dim=1, keepdim=True)": lambda m, x: m.linalg.vector_norm(
        x, ord=float("inf"), dim=1, keepdim=True
    ),
    "linalg.matrix_norm(x)": lambda m, x: m.linalg.matrix_norm(x),
    "linalg.matrix_norm(x, 1)": lambda m, x: m.linalg.matrix_norm(x, 1),
    "linalg.matrix_norm(x, -1, keepdim=True)": lambda m, x: m.linalg.matrix_norm(x, -1, keepdim=True),
    "linalg.matrix_norm(x, inf)": lambda m, x: m.linalg.matrix_norm(x, float("inf")),
    "linalg.matrix_norm(x, -inf, dim=(1, 0))": lambda m, x: m.linalg.matrix_norm(
        x, -float("inf"), dim=(1, 0)
    ),
    "linalg.norm(x, 1)": lambda m, x: m.linalg.norm(x, 1),
    "linalg.norm(x, inf, dim=(0, 1), keepdim=True)": lambda m, x: m.linalg.norm(
        x, float("inf"), (0, 1), True
    ),
    "norm of a 0-d tensor": lambda m, x: m.norm(x[0, 1], dim=0),
    "norm of an empty tensor": lambda m, x: m.norm(x[:0]),
}


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("spell", list(SPELLINGS.values()), ids=list(SPELLINGS))
def test_norm_spellings_match_pytorch(torch, spell, dtype):
    results = []
    for m in (lab, torch):
        x = m.tensor(X, dtype=getattr(m, dtype), requires_grad=True)
        out = spell(m, x)
        (out * m.arange(1.0, out.numel() + 1.0).reshape(out.shape)).sum().backward()
        results.append((out, x.grad))
    (ours, our_grad), (theirs, their_grad) = results
    same_repr(ours, theirs)  # values to 4 digits, dtype, shape, and the grad_fn name
    np.testing.assert_allclose(ours.detach().numpy(), theirs.detach().numpy(), rtol=1e-6)
    if their_grad is None:
        assert our_grad is None
    else:
        np.testing.assert_allclose(our_grad.numpy(), their_grad.numpy(), rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("order", [2, 1, float("inf"), -float("inf"), 0])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_norm_values_are_pytorchs_bit_for_bit(torch, order, dtype):
    rng = np.random.default_rng(3)
    for shape in [(7,), (16,), (33,), (1003,), (5, 9), (3, 40), (2, 3, 20)]:
        values = rng.standard_normal(shape).astype(dtype)
        layouts = [values, np.ascontiguousarray(values.T).T]  # C order, and a transposed view's
        for array in layouts:
            for dim in [None, *range(len(shape))]:
                ours = lab.linalg.vector_norm(lab.from_numpy(array), order, dim=dim)
                same_bits(ours, torch.linalg.vector_norm(torch.from_numpy(array), order, dim=dim))


def test_gradients_at_the_edges_match_pytorch(torch):
    grads = []
    for m in (lab, torch):
        zero = m.zeros(3, requires_grad=True)
        zero.norm().backward()  # 2-norm of zeros: 0 where the norm is 0, not NaN
        ties = m.tensor([2.0, -2.0, 1.0], requires_grad=True)
        ties.norm(float("inf")).backward()  # the gradient is shared among the maxima
        counted = m.tensor([2.0, 0.0], requires_grad=True)
        (counted.norm(0) + counted.sum()).backward()  # ord 0 sends nothing: only sum's ones arrive
        only_count = m.tensor([2.0, 0.0], requires_grad=True)
        only_count.norm(0).backward()
        grads.append((zero.grad.tolist(), ties.grad.tolist(), counted.grad.tolist(), only_count.grad))
    assert grads[0] == grads[1]
    assert grads[0][3] is None


BAD_NORMS = {
    "integer input": lambda m: m.norm(m.tensor([1, 2])),
    "inf norm of nothing": lambda m: m.norm(m.zeros(0), float("inf")),
    "vector_norm with 'fro'": lambda m: m.linalg.vector_norm(m.ones(2, 2), "fro"),
    "linalg.norm 3-D with ord": lambda m: m.linalg.norm(m.ones(2, 2, 2), 2),
    "unknown order": lambda m: m.linalg.norm(m.ones(2, 2), "xyz"),
    "torch.norm unknown order": lambda m: m.norm(m.ones(2, 2), "xyz"),
    "dim out of range": lambda m: m.ones(2, 2).norm(p=2, dim=2),
    "torch.norm over three dims": lambda m: m.ones(2, 2, 2).norm(dim=(0, -1, 1)),
    "nuclear norm of a 3-D tensor": lambda m: m.ones(2, 2, 2).norm("nuc"),
    "matrix_norm of a vector": lambda m: m.linalg.matrix_norm(m.ones(3)),
    "matrix_norm of integers": lambda m: m.linalg.matrix_norm(m.ones(2, 2, dtype=m.int64)),
    "matrix_norm over one dim": lambda m: m.linalg.matrix_norm(m.ones(2, 2), dim=(0,)),
    "matrix_norm over a dim twice": lambda m: m.linalg.matrix_norm(m.ones(2, 2), dim=(1, -1)),
    "linalg.norm over three dims": lambda m: m.linalg.norm(m.ones(2, 2, 2), dim=[0, 1, 2]),
}


@pytest.mark.parametrize("call", list(BAD_NORMS.values()), ids=list(BAD_NORMS))
def test_norm_misuse_raises_pytorchs_error(torch, call):
    if call is BAD_NORMS["dim out of range"]:  # an existing message (no hint of ours to check)
        with pytest.raises(IndexError, match="Dimension out of range"):
            call(lab)
        return
    raises_like_torch(call, torch)


@pytest.mark.parametrize("order", ["nuc", 2, -2])
def test_matrix_norms_from_singular_values_are_pytorchs(order, torch):
    """The sum of the singular values, the largest, the smallest: values, nodes and gradients."""
    found = []
    for m in (lab, torch):
        a = m.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.5]], dtype=m.float64, requires_grad=True)
        norm = m.linalg.norm(a, order)
        (norm * m.linalg.matrix_norm(a, order)).backward()
        found.append((norm.item(), norm.grad_fn.name(), a.grad.numpy()))
    assert found[0][1] == found[1][1]
    np.testing.assert_allclose(found[0][0], found[1][0], rtol=1e-12)
    np.testing.assert_allclose(found[0][2], found[1][2], rtol=1e-10)


# -- equal -------------------------------------------------------------------------------------------

EQUAL_CASES = [
    ([1, 2], [1.0, 2.0]),
    ([1.0, 2.0], [1.0, 2.0, 3.0]),
    ([float("nan")], [float("nan")]),
    ([1.0, 2.0], [[1.0, 2.0]]),
    (True, 1),
    ([0.0], [-0.0]),
    ([], [[]]),
    ([[1.5, 2.5]], [[1.5, 2.5]]),
]


@pytest.mark.parametrize(("a", "b"), EQUAL_CASES, ids=str)
def test_equal_matches_pytorch(torch, a, b):
    ours = lab.equal(lab.tensor(a), lab.tensor(b))
    assert ours is torch.equal(torch.tensor(a), torch.tensor(b))
    assert lab.tensor(a).equal(lab.tensor(b)) is ours


def test_equal_ignores_requires_grad_and_wants_tensors(torch):
    assert lab.tensor([1.0]).equal(lab.tensor([1.0], requires_grad=True))
    raises_like_torch(lambda m: m.equal(m.tensor([1.0]), [1.0]), torch)
