"""Which tensors autograd tracks: requires_grad and is_leaf, detach() and .data.

Expected values are written out.
"""

from __future__ import annotations

import pytest
from autograd_helpers import close, leaf

import autograd_lab as torch
from autograd_lab.autograd import Variable


def test_requires_grad_propagation_and_is_leaf():
    x = leaf(1.0, 2.0)
    c = torch.tensor([3.0, 4.0])
    assert x.is_leaf and x.requires_grad and x.grad_fn is None
    assert c.is_leaf and not c.requires_grad
    y = x * c
    assert y.requires_grad and not y.is_leaf and y.grad_fn is not None
    k = c * 2  # nothing requires grad: no graph
    assert not k.requires_grad and k.is_leaf and k.grad_fn is None
    assert (y + k).requires_grad  # one input that requires grad is enough
    with torch.no_grad():
        n = x * 2
    assert not n.requires_grad and n.is_leaf and n.grad_fn is None
    d = y.detach()
    assert d.is_leaf and not d.requires_grad
    assert torch.zeros(2).requires_grad_().is_leaf
    # A computed tensor already requires grad: requires_grad_() leaves it alone.
    assert y.requires_grad_() is y and y.grad_fn is not None


def test_detach_shares_memory_and_version():
    x = leaf(1.0, 2.0)
    y = x * 1
    z = y * y
    d = y.detach()
    assert d.is_leaf and not d.requires_grad and d.grad_fn is None
    d[0] = 10.0  # the same memory: y changes, and autograd notices
    close(y, [10, 2])
    assert y._version == 1
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        z.sum().backward()


def test_data_is_untracked_and_used_by_the_seed_lesson_update():
    x = leaf(1.0, 2.0)
    z = (x * x).sum()
    assert not x.data.requires_grad and x.data.is_leaf
    x.data.mul_(2)  # not tracked: backward uses the new values, as in PyTorch
    assert x._version == 0
    z.backward()
    close(x.grad, [4, 8])
    x.data -= 0.5 * x.grad.data  # a gradient step, the old way
    close(x, [0, 0])
    assert x.requires_grad and x.is_leaf
    x.data = torch.tensor([7.0, 8.0])
    close(x, [7, 8])
    assert x.requires_grad


def test_grad_data_zero_as_in_the_seed_lesson():
    x = Variable(torch.Tensor([2]), requires_grad=True)
    y = 5 * x**2
    y.backward()
    close(x.grad, [20])
    x.grad.data.zero_()
    close(x.grad, [0])
    (x * 3).backward()
    close(x.grad, [3])
