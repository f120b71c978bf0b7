"""autograd.Function basics (from the old test_autograd.py): called, named, checked, and PyTorch's errors when wrong.

Expected values are written out.
"""

from __future__ import annotations

import re

import pytest

import autograd_lab as torch


def _custom(backward_rule):

    class Cube(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x, scale):
            ctx.save_for_backward(x)
            ctx.scale = scale
            return scale * x**3

        @staticmethod
        def backward(ctx, grad):
            (x,) = ctx.saved_tensors
            return backward_rule(grad, x, ctx.scale), None

    return Cube


def test_custom_function_backward_is_called_and_named():

    cube = _custom(lambda grad, x, scale: grad * 3 * scale * x**2)
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = cube.apply(x, 2.0)
    assert type(y.grad_fn).__name__ == "CubeBackward"
    y.sum().backward(retain_graph=True)
    assert x.grad.tolist() == [6.0, 24.0]
    y.sum().backward()  # a second pass calls backward again, not a stale answer
    assert x.grad.tolist() == [12.0, 48.0]


def test_gradcheck_finds_a_wrong_custom_backward():

    right = _custom(lambda grad, x, scale: grad * 3 * scale * x**2)
    wrong = _custom(lambda grad, x, scale: grad * 3 * scale * x)  # forgot the square
    x = torch.tensor([0.5, 1.5], dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradcheck(lambda t: right.apply(t, 2.0), (x,))
    assert not torch.autograd.gradcheck(lambda t: wrong.apply(t, 2.0), (x,), raise_exception=False)


def test_custom_function_missing_forward_or_backward_raises_pytorchs_error():

    class NoForward(torch.autograd.Function):
        pass

    class NoBackward(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2

    x = torch.tensor(2.0, requires_grad=True)
    with pytest.raises(NotImplementedError) as error:
        NoForward.apply(x)
    assert str(error.value).startswith(
        "You must implement the forward function for custom autograd.Function. "
    )
    y = NoBackward.apply(x)
    with pytest.raises(NotImplementedError) as error:
        y.backward()
    assert str(error.value).startswith(
        "You must implement either the backward or vjp method for your custom autograd.Function "
        "to use it with backward mode AD. Hint: "
    )


def test_custom_function_without_grad_records_nothing():

    cube = _custom(lambda grad, x, scale: grad)
    assert cube.apply(torch.tensor([1.0]), 1.0).grad_fn is None


@pytest.mark.parametrize(
    ("returned", "message"),
    [
        ("...", "expected Variable or None (got ellipsis)"),
        (
            "(grad, grad)",
            "function BadBackward returned an incorrect number of gradients (expected 1, got 2)",
        ),
    ],
)
def test_a_bad_custom_backward_gets_pytorchs_error(returned, message):

    namespace: dict = {"torch": torch}
    exec(
        "class Bad(torch.autograd.Function):\n"
        "    @staticmethod\n    def forward(ctx, x):\n        return x * 2\n"
        f"    @staticmethod\n    def backward(ctx, grad):\n        return {returned}\n",
        namespace,
    )
    x = torch.tensor([1.0], requires_grad=True)
    with pytest.raises(RuntimeError, match=re.escape(message)):
        namespace["Bad"].apply(x).sum().backward()
