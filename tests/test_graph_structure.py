"""The graph autograd records: grad_fn names, next_functions, AccumulateGrad, and what each node keeps.

Expected values are written out; where PyTorch is installed the same code
also runs in PyTorch and must agree.
"""

from __future__ import annotations

import gc
import weakref

import pytest
from autograd_helpers import close

import autograd_lab as torch
from autograd_lab.autograd import Variable


def structure(fn, leaves: dict):
    """The graph under ``fn`` as nested tuples, leaves named as in ``leaves``."""
    if fn is None:
        return None
    if type(fn).__name__ == "AccumulateGrad":
        assert tuple(fn.next_functions) == ()
        (name,) = [n for n, t in leaves.items() if fn.variable is t]
        return f"AccumulateGrad({name})"
    return (type(fn).__name__, tuple((structure(child, leaves), nr) for child, nr in fn.next_functions))


def _seed_square(t, Variable):  # noqa: N803 - the seed lesson's spelling
    x = Variable(t.Tensor([2]), requires_grad=True)
    return (x + 2) ** 2 + 3, {"x": x}


def _seed_polynomial(t, Variable):  # noqa: N803
    x = Variable(t.Tensor([2]), requires_grad=True)
    return x * 2 + x**2 + 3, {"x": x}


def _seed_jacobian(t, Variable):  # noqa: N803
    x = t.tensor([2.0, 3.0], requires_grad=True)
    return t.stack([x[0] ** 2 + 3 * x[1], x[1] ** 2 + 2 * x[0]]), {"x": x}


def _seed_jacobian_scalar_right(t, Variable):  # noqa: N803
    x = t.tensor([2.0, 3.0], requires_grad=True)
    return t.stack([x[0] ** 2 + x[1] * 3, x[1] ** 2 + x[0] * 2]), {"x": x}


def _layer(t, Variable):  # noqa: N803
    a = t.tensor([[1.0, -2.0]], requires_grad=True)
    b = t.ones(2, 3, requires_grad=True)
    return (a @ b).relu().mean(), {"a": a, "b": b}


def _functions(t, Variable):  # noqa: N803
    x = t.tensor([0.5, 1.0], requires_grad=True)
    return (x.exp() - x.sigmoid() / x.sin()).sum(), {"x": x}


ACC_X = "AccumulateGrad(x)"


_SELECT = ("SelectBackward0", ((ACC_X, 0),))


_JACOBIAN_ROW = (
    "AddBackward0",
    ((("PowBackward0", ((_SELECT, 0),)), 0), (("MulBackward0", ((_SELECT, 0), (None, 0))), 0)),
)


GRAPHS = [
    pytest.param(
        _seed_square,
        (
            "AddBackward0",
            ((("PowBackward0", ((("AddBackward0", ((ACC_X, 0), (None, 0))), 0),)), 0), (None, 0)),
        ),
        id="(x+2)**2+3",
    ),
    pytest.param(
        _seed_polynomial,
        (
            "AddBackward0",
            (
                (
                    (
                        "AddBackward0",
                        (
                            (("MulBackward0", ((ACC_X, 0), (None, 0))), 0),
                            (("PowBackward0", ((ACC_X, 0),)), 0),
                        ),
                    ),
                    0,
                ),
                (None, 0),
            ),
        ),
        id="x*2+x**2+3",
    ),
    pytest.param(
        _seed_jacobian,
        ("StackBackward0", ((_JACOBIAN_ROW, 0), (_JACOBIAN_ROW, 0))),
        id="stack-3*x[1]",
    ),
    pytest.param(
        _seed_jacobian_scalar_right,
        ("StackBackward0", ((_JACOBIAN_ROW, 0), (_JACOBIAN_ROW, 0))),
        id="stack-x[1]*3",
    ),
    pytest.param(
        _layer,
        (
            "MeanBackward0",
            (
                (
                    (
                        "ReluBackward0",
                        ((("MmBackward0", (("AccumulateGrad(a)", 0), ("AccumulateGrad(b)", 0))), 0),),
                    ),
                    0,
                ),
            ),
        ),
        id="mean(relu(a@b))",
    ),
    pytest.param(
        _functions,
        (
            "SumBackward0",
            (
                (
                    (
                        "SubBackward0",
                        (
                            (("ExpBackward0", ((ACC_X, 0),)), 0),
                            (
                                (
                                    "DivBackward0",
                                    (
                                        (("SigmoidBackward0", ((ACC_X, 0),)), 0),
                                        (("SinBackward0", ((ACC_X, 0),)), 0),
                                    ),
                                ),
                                0,
                            ),
                        ),
                    ),
                    0,
                ),
            ),
        ),
        id="sum(exp-sigmoid/sin)",
    ),
]


@pytest.mark.parametrize(("build", "expected"), GRAPHS)
def test_grad_fn_structure(build, expected):
    output, leaves = build(torch, Variable)
    assert structure(output.grad_fn, leaves) == expected


@pytest.mark.parametrize(("build", "expected"), GRAPHS)
def test_grad_fn_structure_matches_pytorch(build, expected):
    real = pytest.importorskip("torch")
    theirs, their_leaves = build(real, real.autograd.Variable)
    assert structure(theirs.grad_fn, their_leaves) == expected  # the table is PyTorch's
    ours, leaves = build(torch, Variable)
    assert structure(ours.grad_fn, leaves) == expected


def test_accumulate_grad_node_is_shared_and_names_its_leaf():
    x = Variable(torch.Tensor([2]), requires_grad=True)
    y = x * 2 + x**2 + 3
    left, right = y.grad_fn.next_functions[0][0].next_functions
    from_mul = left[0].next_functions[0][0]
    from_pow = right[0].next_functions[0][0]
    assert type(from_mul).__name__ == "AccumulateGrad"
    assert from_mul is from_pow  # one AccumulateGrad per leaf, as in PyTorch
    assert from_mul.variable is x
    assert from_mul.next_functions == ()
    assert left[0].next_functions[1] == (None, 0)
    assert repr(y.grad_fn).startswith("<AddBackward0 object at 0x")
    assert repr(y) == "tensor([11.], grad_fn=<AddBackward0>)"


def test_nodes_record_the_gradient_that_flowed_through_them():
    x = Variable(torch.Tensor([2]), requires_grad=True)
    u = x + 2
    z = u**2 + 3
    z.backward()
    outer = z.grad_fn
    power = outer.next_functions[0][0]
    inner = power.next_functions[0][0]
    accumulate = inner.next_functions[0][0]
    close(outer.grad, [1])
    assert outer.input_grads[1] is None  # the constant 3 gets nothing
    close(outer.input_grads[0], [1])
    close(power.grad, [1])
    close(power.input_grads[0], [8])  # 2 (x + 2)
    close(inner.grad, [8])
    close(inner.input_grads[0], [8])
    close(accumulate.grad, [8])
    close(x.grad, [8])  # .grad shows what PyTorch shows ...
    with pytest.warns(UserWarning):
        assert u.grad is None  # ... and non-leaves still have none
    x.grad.zero_()  # the records are not the leaf's gradient
    close(accumulate.grad, [8])
    close(power.input_grads[0], [8])


def test_node_records_sum_over_paths_and_show_the_latest_pass():
    x = Variable(torch.Tensor([3]), requires_grad=True)
    y = x * 2 + x**2 + 3
    y.backward(retain_graph=True)
    (mul, _), (power, _) = y.grad_fn.next_functions[0][0].next_functions
    close(mul.input_grads[0], [2])
    close(power.input_grads[0], [6])
    accumulate = mul.next_functions[0][0]
    close(accumulate.grad, [8])  # the sum of both paths
    y.backward()
    close(x.grad, [16])  # .grad accumulates over passes
    close(accumulate.grad, [8])  # the node shows one pass


def test_saved_output_makes_no_reference_cycle() -> None:
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    gc.disable()
    try:
        y = x.exp()
        alive = weakref.ref(y)
        node = weakref.ref(y.grad_fn)
        del y
        assert alive() is None and node() is None  # freed by reference counting alone
    finally:
        gc.enable()
