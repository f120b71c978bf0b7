"""Higher-order gradients (create_graph=True) and autograd.functional: jacobian, hessian, vjp.

Expected values are written out; where PyTorch is installed the same code
also runs in PyTorch and must agree.
"""

from __future__ import annotations

import numpy as np
import pytest
from autograd_helpers import close

import autograd_lab as torch
from autograd_lab.autograd import functional as F


def test_second_and_third_derivative_of_cube():
    x = torch.tensor(2.0, requires_grad=True)
    y = x**3
    (first,) = torch.autograd.grad(y, x, create_graph=True)
    (second,) = torch.autograd.grad(first, x, create_graph=True)
    (third,) = torch.autograd.grad(second, x)
    assert (first.item(), second.item(), third.item()) == (12.0, 12.0, 6.0)
    assert first.requires_grad and not third.requires_grad


def test_second_derivative_through_backward_create_graph():
    x = torch.tensor(2.0, requires_grad=True)
    (x**3).backward(create_graph=True)
    grad = x.grad
    assert grad.item() == 12.0 and grad.requires_grad
    x.grad = None
    grad.backward()
    assert x.grad.item() == 12.0


def test_mixed_second_derivative_through_a_shared_gradient():
    # add sends one gradient to both inputs; each must stay differentiable.
    x = torch.tensor(1.0, requires_grad=True)
    y = torch.tensor(2.0, requires_grad=True)
    gx, gy = torch.autograd.grad((x + y) ** 2, (x, y), create_graph=True)
    assert gx.item() == gy.item() == 6.0
    assert torch.autograd.grad(gy, x, retain_graph=True)[0].item() == 2.0
    assert torch.autograd.grad(gx, y)[0].item() == 2.0


def _k(x):
    return torch.stack([x[0] ** 2 + 3 * x[1], x[1] ** 2 + 2 * x[0]])


def test_functional_jacobian():
    close(F.jacobian(_k, torch.tensor([2.0, 3.0])), [[4, 3], [2, 6]])
    a = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    close(F.jacobian(lambda v: a @ v, torch.ones(3)), a.numpy())
    da, db = F.jacobian(lambda p, q: p * q, (torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0])))
    close(da, [[3, 0], [0, 4]])
    close(db, [[1, 0], [0, 2]])


def test_functional_hessian():
    close(F.hessian(lambda x: (x**3).sum(), torch.tensor([1.0, 2.0])), [[6, 0], [0, 12]])
    close(F.hessian(lambda x: x[0] * x[1] ** 2, torch.tensor([1.0, 2.0])), [[0, 4], [4, 2]])


def test_functional_vjp():
    out, grad = F.vjp(lambda x: x**2, torch.tensor([1.0, 2.0]), torch.tensor([1.0, 10.0]))
    close(out, [1, 4])
    close(grad, [2, 40])
    assert not out.requires_grad and not grad.requires_grad


def test_functional_matches_pytorch():
    real = pytest.importorskip("torch")
    point = [0.5, -1.5, 2.0]

    def f(t):
        return lambda x: (x.exp() * x[0] + x**3).sum()

    def g(t):
        return lambda x: x * x[1] + x.sin()

    for ours, theirs in (
        (
            F.hessian(f(torch), torch.tensor(point)),
            real.autograd.functional.hessian(f(real), real.tensor(point)),
        ),
        (
            F.jacobian(g(torch), torch.tensor(point)),
            real.autograd.functional.jacobian(g(real), real.tensor(point)),
        ),
    ):
        np.testing.assert_allclose(ours.numpy(), theirs.numpy(), rtol=1e-5, atol=1e-6)


def recorded_nodes(gradient: torch.Tensor) -> list[str]:
    """The nodes a recorded backward made, from the gradient back to the leaves, depth first."""
    names, stack = [], [gradient.grad_fn]
    while stack:
        node = stack.pop()
        if node is not None:
            names.append(type(node).__name__)
            stack.extend(child for child, _ in reversed(node.next_functions))
    return names


RECORDED_BACKWARDS = {
    "sum over a dim": lambda x: x.sum(dim=1),
    "sum over two dims": lambda x: x.sum(dim=(0, 2)),
    "sum, keepdim": lambda x: x.sum(dim=1, keepdim=True),
    "mean over a dim": lambda x: x.mean(dim=-1),
    "mean, keepdim": lambda x: x.mean(dim=(0, 1), keepdim=True),
    "mean": lambda x: x.mean(),
    "unsqueeze": lambda x: x.unsqueeze(1),
    "squeeze a dim": lambda x: x[:, :1].squeeze(1),
    "squeeze a dim of size 2": lambda x: x.squeeze(0),
    "squeeze": lambda x: x[:1, :1].squeeze(),
}


@pytest.mark.parametrize("function", RECORDED_BACKWARDS.values(), ids=RECORDED_BACKWARDS.keys())
def test_a_recorded_backward_makes_pytorchs_nodes(function):
    """With create_graph=True, the gradient's history is what PyTorch's derivatives.yaml records."""
    real = pytest.importorskip("torch")

    def run(m):
        x = m.arange(24.0).reshape(2, 3, 4).requires_grad_()
        out = function(x)
        (gradient,) = m.autograd.grad(out, x, m.ones_like(out, requires_grad=True), create_graph=True)
        return recorded_nodes(gradient), gradient.detach().numpy()

    (ours, our_values), (theirs, their_values) = run(torch), run(real)
    assert ours == theirs
    np.testing.assert_array_equal(our_values, their_values)


def test_jvp_with_create_graph_prints_as_pytorchs():
    real = pytest.importorskip("torch")

    def printed(m):
        x = m.tensor([[0.5, 1.0], [1.5, -2.0]])
        return repr(
            m.autograd.functional.jvp(lambda x: x.exp().sum(dim=1), x, m.ones(2, 2), create_graph=True)
        )

    assert printed(torch) == printed(real)
