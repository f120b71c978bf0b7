"""gather, scatter, masks, nonzero and the ops that move elements, run in both libraries (branch breadth_b).

Each case is one expression in PyTorch's API (``m`` is the module): its
``repr``, or its exception's type and sentence, must be PyTorch's; our
errors add a hint.  Gradients are checked by the factories in
tests/factories_shape.py; here are the values, views, node names, results
without gradients, and errors.  Skipped where PyTorch is not installed.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pytest

torch_ref = pytest.importorskip("torch")

import autograd_lab as lab  # noqa: E402

X = "m.tensor([[1., -2., 3.], [-4., 5., -6.]], requires_grad=True)"
I = "m.tensor([[0, 1, 1], [1, 0, 0]])"  # noqa: E741 - an index, as in the docs
M = "m.tensor([[True, False, True], [False, False, True]])"


def view_facts(expression: str) -> str:
    """Whether the result is a view of its input (``_base``), and its node: a view shares memory, a copy not."""
    return f"(lambda x: (lambda y: (y, y._base is x, y._is_view(), y.grad_fn.name() if y.grad_fn else None))({expression}))"


CASES = {
    # gather
    "gather": f"{X}.gather(1, {I})",
    "torch.gather": f"m.gather({X}, 0, {I}[:, :2])",
    "gather's gradient": f"(lambda x: m.autograd.grad(x.gather(1, {I}).sum(), x))({X})",
    "gather of an int tensor": "m.arange(6).view(2, 3).gather(1, m.tensor([[2], [0]]))",
    "gather with a float index": f"{X}.gather(1, m.tensor([[0.]]))",
    "gather with an index of other dims": f"{X}.gather(1, m.tensor([0]))",
    "gather out of range": f"{X}.gather(1, m.tensor([[3]]))",
    "gather with a negative index": f"{X}.gather(1, m.tensor([[-1]]))",
    "gather with an index too wide": f"{X}.gather(0, m.tensor([[0, 0, 0, 0]]))",
    # scatter, scatter_, scatter_add, scatter_add_
    "scatter a tensor": f"m.zeros(2, 3).scatter(1, {I}[:, :1], m.tensor([[5.], [6.]]))",
    "scatter a number": f"m.zeros(3, 3).scatter(0, {I}, 1.5)",
    "scatter value=": f"m.zeros(3, 3).scatter(0, {I}, value=2.0)",
    "scatter_ in place": f"(lambda z: (z.scatter_(0, {I}, 7.0), z))(m.zeros(2, 3))",
    "scatter_ of a leaf that requires grad": f"{X}.scatter_(0, {I}, 1.0)",
    "scatter_'s node": f"({X} * 1).scatter_(0, {I}, {X} * 2)",
    "scatter's gradients": (
        f"(lambda x, s: m.autograd.grad((x.scatter(1, m.tensor([[2], [0]]), s) * x).sum(), [x, s]))"
        f"({X}, m.tensor([[1.], [2.]], requires_grad=True))"
    ),
    "scatter an int tensor": "m.zeros(3, dtype=m.long).scatter(0, m.tensor([0]), 1.5)",
    "scatter src of another dtype": f"m.zeros(2, 3).scatter(1, {I}, m.ones(2, 3, dtype=m.float64))",
    "scatter src too small": "m.zeros(3, 4).scatter(0, m.tensor([[0, 1]]), m.ones(1, 1))",
    "scatter_add": "m.zeros(3).scatter_add(0, m.tensor([0, 2, 0]), m.tensor([1., 2., 3.]))",
    "scatter_add_ in place": "(lambda z: (z.scatter_add_(0, m.tensor([1, 1]), m.tensor([1., 2.])), z))(m.ones(3))",
    "scatter_add of a number": "m.zeros(3).scatter_add(0, m.tensor([0]), 1.0)",
    "scatter_add_ of a number": "m.zeros(3).scatter_add_(0, m.tensor([0]), 1.0)",
    "scatter_add out of range": "m.zeros(3).scatter_add(0, m.tensor([3]), m.ones(1))",
    # index_add
    "index_add": "m.zeros(3, 2).index_add(0, m.tensor([0, 0, 2]), m.ones(3, 2), alpha=2)",
    "index_add_": "(lambda z: (z.index_add_(1, m.tensor([1]), m.ones(2, 1)), z))(m.zeros(2, 3))",
    "index_add's gradients": (
        "(lambda x, s: m.autograd.grad((x.index_add(0, m.tensor([1, 1]), s, alpha=3) ** 2).sum(), [x, s]))"
        f"({X}, m.ones(2, 3, requires_grad=True))"
    ),
    "index_add with a float index": "m.zeros(3, 2).index_add(0, m.tensor([0.]), m.ones(1, 2))",
    "index_add of another dtype": "m.zeros(3, 2).index_add(0, m.tensor([0]), m.ones(1, 2, dtype=m.float64))",
    "index_add, source of another shape": "m.zeros(3, 2).index_add(0, m.tensor([0]), m.ones(1, 3))",
    "index_add, too few indices": "m.zeros(3, 2).index_add(0, m.tensor([0]), m.ones(2, 2))",
    # masked_fill, masked_fill_, masked_select
    "masked_fill": f"{X}.masked_fill({M}, 0.)",
    "masked_fill with -inf": f"{X}.masked_fill(~{M}, float('-inf')).softmax(dim=1)",
    "masked_fill with a 0-d tensor": f"(lambda v: ({X}.masked_fill({M}, v), m.autograd.grad({X}.masked_fill({M}, v).sum(), v)))(m.tensor(2., requires_grad=True))",
    "masked_fill broadcasts the mask": f"{X}.masked_fill(m.tensor([True, False, False]), -1.)",
    "masked_fill broadcasts the tensor": "m.zeros(3).masked_fill(m.ones(2, 3, dtype=m.bool), 1.)",
    "masked_fill of ints": "m.tensor([1, 2]).masked_fill(m.tensor([True, False]), 3.7)",
    "masked_fill_": "(lambda z: (z.masked_fill_(z > 0, 0.), z))(m.tensor([1., -1., 2.]))",
    "masked_fill_'s node": f"({X} * 1).masked_fill_({M}, 1.)",
    "masked_fill with a float mask": "m.zeros(3).masked_fill(m.tensor([1., 0., 1.]), 1.)",
    "masked_fill with an int mask": "m.zeros(3).masked_fill(m.tensor([1, 0, 1]), 1.)",
    "masked_fill with a 1-d value": f"{X}.masked_fill({M}, m.tensor([1., 2.]))",
    "masked_fill with a mask that does not fit": "m.zeros(3).masked_fill(m.ones(2, dtype=m.bool), 1.)",
    "masked_fill_ with a larger mask": "m.zeros(3).masked_fill_(m.ones(2, 3, dtype=m.bool), 1.)",
    "masked_select": f"{X}.masked_select({M})",
    "torch.masked_select broadcasts": f"m.masked_select({X}, m.tensor([True, False, True]))",
    "masked_select's gradient": f"(lambda x: m.autograd.grad(x.masked_select(x > 0).sum() * 2, x))({X})",
    "masked_select with a float mask": f"{X}.masked_select({X})",
    # nonzero, where(condition), argwhere
    "nonzero": "m.tensor([[0, 1], [2, 0]]).nonzero()",
    "torch.nonzero of floats": "m.nonzero(m.tensor([0., 1.5, 0., -2.]))",
    "nonzero(as_tuple=True)": "m.tensor([[0, 1], [2, 0]]).nonzero(as_tuple=True)",
    "nonzero of a 0-d tensor": "(m.nonzero(m.tensor(3.)), m.nonzero(m.tensor(0.), as_tuple=True))",
    "nonzero of nothing": "m.zeros(2, 3).nonzero()",
    "torch.where(condition)": f"m.where({X} > 0)",
    "torch.where(condition) indexes": f"(lambda x: x[m.where(x > 0)])({X})",
    "argwhere": "m.argwhere(m.tensor([0., 3., 1.]))",
    # take, take_along_dim
    "take": f"{X}.take(m.tensor([[0, -1], [2, 3]]))",
    "take's gradient": f"(lambda x: m.autograd.grad(m.take(x, m.tensor([0, 0, 5])).sum(), x))({X})",
    "take out of range": f"{X}.take(m.tensor([6]))",
    "take with a float index": f"{X}.take(m.tensor([0.]))",
    "take_along_dim": f"(lambda x: x.take_along_dim(x.argmax(dim=1, keepdim=True), dim=1))({X})",
    "take_along_dim flattened": f"m.take_along_dim({X}, m.tensor([5, 0]))",
    "take_along_dim broadcasts": f"{X}.take_along_dim(m.tensor([[2, 0]]), dim=1)",
    "take_along_dim of other dims": f"{X}.take_along_dim(m.tensor([0]), dim=1)",
}


def outcome(m: Any, code: str) -> str:
    """``repr`` of what ``code`` gives in ``m``, or its exception's type and PyTorch's sentence."""
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = repr(eval(code, {"m": m, "np": np}))  # noqa: S307 - our own table
    except Exception as error:
        text = str(error)
        if m is lab:
            assert " Hint: " in text, f"our error has no hint: {text}"
            text = text.split(" Hint: ")[0]
        return f"{type(error).__name__}: {text}"
    said = [str(w.message).split(" Hint: ")[0] for w in caught if issubclass(w.category, UserWarning)]
    return result + "".join(f"\nwarning: {w}" for w in said)


@pytest.mark.parametrize("code", CASES.values(), ids=CASES.keys())
def test_as_pytorch(code: str) -> None:
    assert outcome(lab, code) == outcome(torch_ref, code)
