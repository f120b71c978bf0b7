"""How autograd behaves: the graph it records, the backward pass, grad modes, higher order.

Expected values are written out; where PyTorch is installed the same code
also runs in PyTorch and must agree.
"""

from __future__ import annotations

import gc
import re
import threading
import time
import warnings
import weakref

import numpy as np
import pytest

import autograd_lab as torch
from autograd_lab.autograd import GradcheckError, Variable, gradcheck
from autograd_lab.autograd import functional as F


def leaf(*values, dtype=None):
    return torch.tensor(list(values), dtype=dtype, requires_grad=True)


def close(values, expected, **tolerance):
    """Compare a tensor (or a node's recorded array) with expected numbers."""
    array = values.detach().numpy() if isinstance(values, torch.Tensor) else values
    np.testing.assert_allclose(array, np.asarray(expected, dtype=np.float64), **tolerance)


def _identity_function_in(m, backward):
    """A custom autograd.Function of module ``m`` computing x * 1, with the given backward(ctx, grad)."""
    return type(
        "Custom",
        (m.autograd.Function,),
        {"forward": staticmethod(lambda ctx, x: x * 1), "backward": staticmethod(backward)},
    )


def identity_function(backward):
    """A custom autograd.Function computing x * 1, with the given backward(ctx, grad)."""
    return _identity_function_in(torch, backward)


# -- requires_grad and is_leaf --------------------------------------------------------


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


# -- grad_fn names and next_functions -------------------------------------------------


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


# -- backward: accumulation, retain_graph, freed graphs --------------------------------


def test_grad_accumulates_across_calls():
    x = leaf(1.0, 2.0)
    (x * x).sum().backward()
    close(x.grad, [2, 4])
    (x * 3).sum().backward()
    close(x.grad, [5, 7])


def test_retain_graph_lets_backward_run_twice():
    x = leaf(1.0, 2.0)
    y = (x * x).sum()
    y.backward(retain_graph=True)
    y.backward()
    close(x.grad, [4, 8])
    with pytest.raises(RuntimeError, match="Trying to backward through the graph a second time"):
        y.backward()


TWICE = [  # (output, whether PyTorch lets backward run twice, x.grad after two runs)
    ("x+1", lambda x: (x + 1).sum(), True, [2, 2]),
    ("x+x", lambda x: (x + x).sum(), True, [4, 4]),
    ("x-1", lambda x: (x - 1).sum(), True, [2, 2]),
    ("-x", lambda x: (-x).sum(), True, [-2, -2]),
    ("mean", lambda x: x.mean(), True, [1, 1]),
    ("x[0]", lambda x: x[0], True, [2, 0]),
    ("view", lambda x: x.view(2, 1).sum(), True, [2, 2]),
    ("x*2", lambda x: (x * 2).sum(), False, None),
    ("x/2", lambda x: (x / 2).sum(), False, None),
    ("x*x", lambda x: (x * x).sum(), False, None),
    ("x**2", lambda x: (x**2).sum(), False, None),
    ("exp", lambda x: x.exp().sum(), False, None),
]


def _twice(module, build):
    x = module.tensor([1.0, 2.0], requires_grad=True)
    y = build(x)
    y.backward()
    try:
        y.backward()
    except RuntimeError as error:
        assert str(error).startswith("Trying to backward through the graph a second time")
        return None
    return x.grad.tolist()


@pytest.mark.parametrize(("build", "allowed", "grad"), [t[1:] for t in TWICE], ids=[t[0] for t in TWICE])
def test_ops_that_save_nothing_can_backward_twice(build, allowed, grad):
    assert _twice(torch, build) == (grad if allowed else None)


@pytest.mark.parametrize(("build", "allowed", "grad"), [t[1:] for t in TWICE], ids=[t[0] for t in TWICE])
def test_backward_twice_matches_pytorch(build, allowed, grad):
    real = pytest.importorskip("torch")
    assert _twice(real, build) == _twice(torch, build)


def test_backward_inputs_limits_accumulation():
    x, w = leaf(1.0, 2.0), leaf(3.0, 4.0)
    (x * w).sum().backward(inputs=[x])
    close(x.grad, [3, 4])
    assert w.grad is None


# -- non-leaf gradients --------------------------------------------------------------


def test_non_leaf_grad_warns_and_retain_grad_keeps_it():
    x = leaf(1.0, 2.0)
    y = x * 2
    z = y * 2
    y.retain_grad()
    (y * y + z).sum().backward(retain_graph=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # retained: no warning
        close(y.grad, [6, 10])
    with pytest.warns(UserWarning, match="not a leaf Tensor"):
        assert z.grad is None
    (y * y + z).sum().backward()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        close(y.grad, [12, 20])  # accumulates like a leaf's
    x.retain_grad()  # on a leaf: nothing to do
    close(x.grad, [24, 40])


# -- detach and .data ------------------------------------------------------------------


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


# -- grad modes ---------------------------------------------------------------------------


def test_grad_mode_context_managers():
    x = leaf(1.0)
    assert torch.is_grad_enabled()
    with torch.no_grad():
        assert not torch.is_grad_enabled()
        assert not (x * 2).requires_grad
        with torch.enable_grad():
            assert (x * 2).requires_grad
        assert not torch.is_grad_enabled()
    with torch.set_grad_enabled(False):
        assert not (x * 2).requires_grad
        with torch.set_grad_enabled(True):
            assert (x * 2).requires_grad
    assert torch.is_grad_enabled()
    with pytest.raises(ZeroDivisionError), torch.no_grad():
        1 / 0  # noqa: B018 - leaving by an exception restores the mode too
    assert torch.is_grad_enabled()


def test_set_grad_enabled_called_plainly_switches_at_once():
    try:
        torch.set_grad_enabled(False)
        assert not torch.is_grad_enabled()
        assert not (leaf(1.0) * 2).requires_grad
    finally:
        torch.set_grad_enabled(True)
    assert torch.is_grad_enabled()


def test_grad_mode_decorators():
    x = leaf(1.0)

    @torch.no_grad()
    def quiet(t):
        """Doc."""
        return (t * 2).requires_grad

    @torch.enable_grad()
    def loud(t):
        return (t * 2).requires_grad

    @torch.set_grad_enabled(False)
    def off(t):
        return (t * 2).requires_grad

    assert torch.is_grad_enabled()  # decorating switches nothing
    assert quiet(x) is False and off(x) is False
    assert quiet.__name__ == "quiet" and quiet.__doc__ == "Doc."
    with torch.no_grad():
        assert loud(x) is True
        assert not torch.is_grad_enabled()
    assert torch.is_grad_enabled()


def test_no_grad_is_thread_local():
    x = leaf(1.0)
    inside = threading.Event()
    done = threading.Event()
    seen = {}

    def quiet():
        with torch.no_grad():
            inside.set()
            done.wait(5)
            seen["quiet"] = (x * 2).requires_grad

    def recording():
        inside.wait(5)  # the other thread is inside no_grad now
        seen["enabled"] = torch.is_grad_enabled()
        seen["recording"] = (x * 2).requires_grad
        done.set()

    threads = [threading.Thread(target=quiet), threading.Thread(target=recording)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert seen == {"quiet": False, "enabled": True, "recording": True}
    assert torch.is_grad_enabled()


# -- version counter --------------------------------------------------------------------


def test_version_counter_counts_inplace_changes_and_is_shared_by_views():
    x = torch.zeros(3)
    view, row, alias = x.view(3), x[0], x.detach()
    assert x._version == 0
    x.add_(1)
    assert (x._version, view._version, row._version, alias._version) == (1, 1, 1, 1)
    x[1] = 5.0
    assert x._version == 2
    x += 1
    x.mul_(2)
    x.zero_()
    assert x._version == 5
    view.add_(1)  # through a view: the base's counter moves
    assert x._version == 6 and int(x._version) == 6
    x + 1  # noqa: B018 - out of place: no change
    x.data.add_(1)  # .data is not tracked
    assert x._version == 6
    m = torch.ones(2, 3)
    m.t().add_(1)
    assert m._version == 1 and m.T._version == 1


def test_version_counter_matches_pytorch():
    real = pytest.importorskip("torch")

    def versions(t):
        x = t.zeros(3)
        view = x.view(3)
        x.add_(1)
        x[1] = 5.0
        x += 1
        view.mul_(2)
        x.data.add_(1)
        return x._version, view._version

    assert versions(torch) == versions(real)


# -- higher order and autograd.functional ---------------------------------------------------


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


# -- autograd.grad ------------------------------------------------------------------------


def test_autograd_grad_leaves_dot_grad_untouched():
    x = leaf(1.0, 2.0)
    (g,) = torch.autograd.grad((x * x).sum(), x)
    close(g, [2, 4])
    assert x.grad is None
    (x * 3).sum().backward()
    before = x.grad
    torch.autograd.grad((x * x).sum(), x)
    assert x.grad is before
    close(x.grad, [3, 3])


def test_autograd_grad_of_non_leaf_inputs_and_allow_unused():
    x, unused = leaf(1.0, 2.0), leaf(5.0)
    y = x * 2
    z = (y**2).sum()
    gy, gx, gu = torch.autograd.grad(z, (y, x, unused), allow_unused=True)
    close(gy, [4, 8])  # dz/dy = 2y
    close(gx, [8, 16])  # dz/dx = 2y * 2
    assert gu is None
    assert x.grad is None


def test_autograd_grad_with_grad_outputs():
    x = leaf(1.0, 2.0)
    (g,) = torch.autograd.grad(x * x, x, grad_outputs=torch.tensor([1.0, 10.0]))
    close(g, [2, 40])


# -- a long chain ---------------------------------------------------------------------------


def test_100000_op_chain_needs_no_recursion():
    x = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)
    y = x
    for _ in range(100_000):
        y = y * 1.0001
    y.backward()
    assert x.grad.item() == pytest.approx(1.0001**100_000, rel=1e-9)
    del y
    gc.collect()  # tearing the chain down must not recurse either


# -- what the engine records on the graph ---------------------------------------------------


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


# -- gradients are not aliased -----------------------------------------------------------------


def test_leaf_grads_are_not_aliased_between_leaves():
    x, y = leaf(1.0, 2.0), leaf(3.0, 4.0)
    z = x + y
    z.sum().backward()
    x.grad.zero_()
    close(y.grad, [1, 1])
    a = leaf(1.0, 2.0)
    (a + a).sum().backward()
    close(a.grad, [2, 2])


def test_leaf_grad_is_not_the_users_gradient():
    for create_graph in (False, True):
        x = leaf(1.0, 2.0)
        g = torch.tensor([1.0, 10.0])
        (x + 0).backward(g, create_graph=create_graph)
        x.grad.zero_()
        close(g, [1, 10])
        g.mul_(3)
        close(x.grad, [0, 0])
        w = leaf(1.0, 2.0)
        w.backward(g)  # straight into the leaf
        w.grad.add_(1)
        close(g, [3, 30])
        v = leaf(1.0, 2.0)
        (v + 0).backward(g, create_graph=create_graph)
        g.zero_()  # the user's gradient changed first, this time
        close(v.grad, [3, 30])


def test_retained_grads_are_not_aliased():
    x = leaf(1.0, 2.0)
    y = x + 0
    y.retain_grad()
    y.sum().backward()
    y.grad.zero_()
    close(x.grad, [1, 1])


def test_grad_accumulates_in_place():
    x = leaf(1.0, 2.0)
    (x * 2).sum().backward()
    first = x.grad
    (x * 3).sum().backward()
    assert x.grad is first  # the same tensor, updated in place, as in PyTorch
    close(first, [5, 5])


# -- .grad keeps the pass's own arrays without a copy, copy-on-write ---------------------------


def _weighted_sum_pass(weights=(2.0, 3.0, 4.0)):
    """w, after (w * c).sum().backward(): its grad is the fresh array mul's rule made."""
    w = leaf(1.0, 1.0, 1.0)
    y = (w * torch.tensor(list(weights))).sum()
    y.backward()
    mul = y.grad_fn.next_functions[0][0]
    return w, mul, mul.next_functions[0][0]


def test_leaf_grad_is_the_array_the_pass_computed():
    w, mul, accumulate = _weighted_sum_pass()
    # No copy: .grad holds the array the rule made, which the graph also records.
    assert w.grad._array is accumulate.grad
    assert mul.input_grads[0] is accumulate.grad
    close(w.grad, [2, 3, 4])


def _write_through_view(g):
    g[1:].fill_(7)


def _write_through_numpy(g):
    g.numpy()[0] = 7


@pytest.mark.parametrize(
    ("write", "expected"),
    [
        (lambda g: g.zero_(), [0, 0, 0]),
        (lambda g: g.add_(1), [3, 4, 5]),
        (lambda g: g.__iadd__(1), [3, 4, 5]),
        (lambda g: g.__setitem__(0, 9), [9, 3, 4]),
        (lambda g: g.data.zero_(), [0, 0, 0]),
        (lambda g: g.detach().mul_(2), [4, 6, 8]),
        (_write_through_view, [2, 7, 7]),
        (_write_through_numpy, [7, 3, 4]),
    ],
    ids=["zero_", "add_", "+=", "setitem", ".data", "detach", "view", "numpy"],
)
def test_writing_into_grad_changes_grad_but_not_the_record(write, expected):
    w, mul, accumulate = _weighted_sum_pass()
    write(w.grad)
    close(w.grad, expected)  # every alias still reaches .grad, as in PyTorch
    close(accumulate.grad, [2, 3, 4])  # the record of the pass is untouched
    close(mul.input_grads[0], [2, 3, 4])


def test_accumulating_a_second_pass_leaves_the_first_record():
    w, mul, _ = _weighted_sum_pass()
    grad = w.grad
    (w * 10).sum().backward()
    assert w.grad is grad  # the same tensor, as in PyTorch ...
    close(grad, [12, 13, 14])
    close(mul.input_grads[0], [2, 3, 4])  # ... but the first graph's record is kept


def test_two_leaves_given_one_array_do_not_share_writes():
    a, b = leaf(1.0, 2.0), leaf(3.0, 4.0)
    ((a + b) * torch.tensor([5.0, 6.0])).sum().backward()  # add passes one array to both
    a.grad.zero_()
    close(b.grad, [5, 6])
    b.grad.add_(1)
    close(a.grad, [0, 0])


def test_grad_never_keeps_memory_a_custom_function_returns():
    kept = torch.tensor([1.0, 2.0])

    returns_kept = identity_function(backward=lambda ctx, grad: kept)
    x = leaf(5.0, 5.0)
    returns_kept.apply(x).sum().backward()
    kept.add_(1)  # writing into the tensor backward returned
    close(x.grad, [1, 2])


def test_a_gradient_passed_on_to_a_leaf_and_a_function_is_not_shared():
    doubles_in_place = identity_function(backward=lambda ctx, grad: grad.mul_(2))  # into what it was given
    a, x = leaf(1.0, 1.0), leaf(1.0, 1.0)
    # add passes one gradient on to a (complete first: leaves run first) and to the Function
    ((a + doubles_in_place.apply(x)) * torch.tensor([3.0, 4.0])).sum().backward()
    close(a.grad, [3, 4])  # PyTorch's values: a's gradient was not the Function's to change
    close(x.grad, [6, 8])


# -- how .grad accumulates: leaves in place, non-leaves replaced ------------------------------


def _values(t):
    return None if t is None else t.detach().numpy().tolist()


def _retained_twice(m):
    x = m.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    y.retain_grad()
    z = (y * 3).sum()
    z.backward(retain_graph=True)
    first = y.grad
    z.backward()
    return {"y": _values(y.grad), "first": _values(first), "same": first is y.grad}


def _retained_and_inputs(m):
    x = m.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    y.retain_grad()
    (y * 3).sum().backward(inputs=[y])
    return {"y": _values(y.grad), "x": _values(x.grad)}


def _non_leaf_input_twice(m):
    x = m.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    z = (y * 3).sum()
    z.backward(inputs=[y], retain_graph=True)
    first = y.grad
    z.backward(inputs=[y])
    return {"y": _values(y.grad), "first": _values(first), "same": first is y.grad}


def _create_graph_then_plain(m):
    x = m.tensor([1.0, 2.0], requires_grad=True)
    (x * x).sum().backward(create_graph=True)
    first = x.grad
    (x * x).sum().backward()
    return {"x": _values(x.grad), "first": _values(first), "same": first is x.grad}


def _retained_given_to_a_function_that_writes(m):
    doubles_in_place = _identity_function_in(m, backward=lambda ctx, grad: grad.mul_(2))
    x = m.tensor([1.0, 2.0], requires_grad=True)
    y = doubles_in_place.apply(x)
    y.retain_grad()
    (y * 3).sum().backward()
    return {"y": _values(y.grad), "x": _values(x.grad)}


def _grad_result_written_into(m):
    x = m.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    y.retain_grad()
    (g,) = m.autograd.grad((y * 3).sum(), [y])
    g.zero_()
    return {"y": _values(y.grad), "g": _values(g)}


def _leaf_grad_changed_after_saved(m):
    x = m.tensor([1.0, 2.0], requires_grad=True)
    (x * x).sum().backward()
    k = (m.tensor([1.0, 1.0], requires_grad=True) * x.grad).sum()  # saves x.grad
    (x * x).sum().backward()  # adds into x.grad in place: a new version
    try:
        k.backward()
    except RuntimeError as error:
        return {"error": str(error).split(":")[0]}
    return {"error": None}


def _captured_non_leaf_is_not_run(m):
    x = m.tensor([1.0, 2.0], requires_grad=True)
    y = x * x
    m.autograd.grad((y * 3).sum(), [y])
    y.sum().backward()  # y's node kept its saved values: it did not run
    return {"x": _values(x.grad)}


def _root_not_leading_to_inputs(m):
    x = m.tensor([1.0, 2.0], requires_grad=True)
    z = m.tensor([3.0, 4.0], requires_grad=True)
    a, b = (x * x).sum(), (z * 2).sum()
    b.retain_grad()
    m.autograd.backward([a, b], inputs=[x])
    return {"x": _values(x.grad), "z": _values(z.grad), "b": _values(b.grad)}


def _inputs_makes_a_non_leaf_retain(m):
    x = m.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    z = (y * 3).sum()
    z.backward(inputs=[y], retain_graph=True)
    z.backward()  # y keeps its gradient from now on, as after retain_grad()
    return {"y": _values(y.grad), "x": _values(x.grad)}


def _duplicate_roots(m):
    a, b = m.tensor([1.0, 2.0], requires_grad=True), m.tensor([3.0, 4.0], requires_grad=True)
    y = a * b
    m.autograd.backward([y, y.sum(), y], [m.ones(2), m.tensor(1.0), m.ones(2)])
    return {"a": _values(a.grad), "b": _values(b.grad)}


ACCUMULATION = [
    # A non-leaf's .grad is replaced by the sum: the first tensor keeps the first pass.
    (_retained_twice, {"y": [6.0, 6.0], "first": [3.0, 3.0], "same": False}),
    (_non_leaf_input_twice, {"y": [6.0, 6.0], "first": [3.0, 3.0], "same": False}),
    # retain_grad() and inputs=[y] store the same gradient once.
    (_retained_and_inputs, {"y": [3.0, 3.0], "x": None}),
    # A leaf's .grad is added into in place, even one a create_graph pass left.
    (_create_graph_then_plain, {"x": [4.0, 8.0], "first": [4.0, 8.0], "same": True}),
    # A non-leaf's .grad is a copy taken before its node runs: a Function writing into its input cannot change it.
    (_retained_given_to_a_function_that_writes, {"y": [3.0, 3.0], "x": [6.0, 6.0]}),
    (_grad_result_written_into, {"y": [3.0, 3.0], "g": [0.0, 0.0]}),
    # Adding into .grad is an in-place change that saved-tensor checks see.
    (
        _leaf_grad_changed_after_saved,
        {
            "error": "one of the variables needed for gradient computation has been modified by an inplace operation"
        },
    ),
    # Only what leads to the wanted gradients runs.
    (_captured_non_leaf_is_not_run, {"x": [2.0, 4.0]}),
    (_root_not_leading_to_inputs, {"x": [2.0, 4.0], "z": None, "b": None}),
    (_inputs_makes_a_non_leaf_retain, {"y": [6.0, 6.0], "x": [6.0, 6.0]}),
    (_duplicate_roots, {"a": [9.0, 12.0], "b": [3.0, 6.0]}),
]


@pytest.mark.parametrize(("scenario", "expected"), ACCUMULATION, ids=lambda v: getattr(v, "__name__", ""))
def test_grad_accumulates_as_in_pytorch(scenario, expected):
    assert scenario(torch) == expected


@pytest.mark.filterwarnings("ignore:Using backward\\(\\) with create_graph=True:UserWarning")
@pytest.mark.parametrize(("scenario", "expected"), ACCUMULATION, ids=lambda v: getattr(v, "__name__", ""))
def test_grad_accumulation_table_is_pytorchs(scenario, expected):
    real = pytest.importorskip("torch")
    assert scenario(real) == expected


def test_leaf_grad_keeps_the_leafs_dtype():
    x = leaf(1.0, 2.0)
    y = (x * torch.tensor([2.0, 3.0], dtype=torch.float64)).sum()
    assert y.dtype == torch.float64
    y.backward()
    assert x.grad.dtype == torch.float32
    close(x.grad, [2, 3])


# -- gradcheck -----------------------------------------------------------------------------------


def test_gradcheck_passes_for_a_correct_function():
    x = torch.tensor([0.5, 1.5, -2.0], dtype=torch.float64, requires_grad=True)
    w = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], dtype=torch.float64, requires_grad=True)
    assert gradcheck(lambda x, w: (x.sin() * x.exp()) @ w, (x, w))
    assert gradcheck(lambda x: (x**2).sum().sqrt(), x)
    # A non-contiguous input: the finite differences must still reach it.
    m = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], dtype=torch.float64).t().detach().requires_grad_()
    assert gradcheck(lambda m: m * m.sum(0), m)


def test_gradcheck_leaves_its_input_as_it_was_even_when_func_raises():
    x = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)

    def breaks_when_nudged(t):
        if t.tolist() != [1.0, 2.0]:
            raise ValueError("nudged")
        return t * 2

    with pytest.raises(ValueError, match="nudged"):
        gradcheck(breaks_when_nudged, (x,))
    assert x.tolist() == [1.0, 2.0]


@pytest.fixture
def wrong_square():
    """A throwaway op whose rule is wrong (3a instead of 2a), removed from OPS afterwards."""
    from autograd_lab.ops import OPS, defop, rule

    op = defop(
        "wrong_square",
        "WrongSquareBackward0",
        "²",
        np.square,
        a=rule("wrong: 3a", lambda grad, a: grad * 3 * a),
    )
    yield op
    del OPS["wrong_square"]


def test_gradcheck_catches_a_wrong_rule(wrong_square):
    x = torch.tensor([0.5, 1.5], dtype=torch.float64, requires_grad=True)
    assert type(wrong_square(x).grad_fn).__name__ == "WrongSquareBackward0"
    with pytest.raises(GradcheckError, match="Jacobian mismatch"):
        gradcheck(wrong_square, x)
    assert issubclass(GradcheckError, RuntimeError)
    assert gradcheck(wrong_square, x, raise_exception=False) is False
    close(x, [0.5, 1.5])  # the nudges were undone


# -- regressions found in review --------------------------------------------------


def test_retain_grad_follows_an_inplace_change() -> None:
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    y.retain_grad()
    y.mul_(3)
    y.sum().backward()
    assert y.grad.tolist() == [1.0, 1.0]
    assert x.grad.tolist() == [6.0, 6.0]


def test_retain_grad_needs_requires_grad() -> None:
    with pytest.raises(RuntimeError, match="can't retain_grad on Tensor that has requires_grad=False"):
        torch.ones(2).retain_grad()


def test_autograd_grad_leaves_an_output_leaf_alone() -> None:
    c = torch.tensor(1.0, requires_grad=True)
    w = torch.tensor(2.0, requires_grad=True)
    (dw,) = torch.autograd.grad([c, w * 2], [w])
    assert dw.item() == 2.0
    assert c.grad is None and w.grad is None


def test_backward_inputs_can_be_a_non_leaf() -> None:
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    h = x * 2
    (h * h).sum().backward(inputs=[h])
    assert h.grad.tolist() == [4.0, 8.0]
    assert x.grad is None


def test_pruning_for_autograd_grad_is_linear() -> None:
    # Finding the nodes that lead to the inputs walks the graph once: a long
    # chain costs about what backward() costs, not the square of its length.
    x = torch.tensor(1.0, requires_grad=True)
    y = x
    for _ in range(4000):
        y = y * 1.0
    start = time.perf_counter()
    torch.autograd.grad(y, x, retain_graph=True)
    with_pruning = time.perf_counter() - start
    start = time.perf_counter()
    y.backward()
    plain = time.perf_counter() - start
    assert with_pruning < 20 * plain + 0.05


def test_inplace_keeps_the_dtype() -> None:
    i = torch.tensor([1, 2])
    with pytest.raises(RuntimeError, match="result type Float can't be cast to the desired output type Long"):
        i.add_(torch.tensor([0.5, 0.5], requires_grad=True))


def test_inplace_on_a_view_with_a_graph_argument_gives_the_base_its_history() -> None:
    base = torch.zeros(3)
    view = base[0:2]
    w = torch.ones(2, requires_grad=True)
    view.add_(w)
    assert base.requires_grad and type(base.grad_fn).__name__ == "CopySlices"
    (base * base).sum().backward()
    assert w.grad.tolist() == [2.0, 2.0]


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


def test_trace_backward_lists_the_steps_in_execution_order() -> None:
    from autograd_lab.autograd.graph import trace_backward

    x = torch.tensor(3.0, requires_grad=True)
    with trace_backward() as steps:
        (x * x + x).backward()
    names = [step["node"].name() for step in steps]
    assert names == ["AddBackward0", "MulBackward0", "torch::autograd::AccumulateGrad"]  # as PyTorch names it
    assert steps[-1]["grad"] == x.grad.item() == 7.0


def test_a_none_gradient_from_a_custom_function_still_completes_its_inputs() -> None:
    # PyTorch counts an edge as run even when the gradient sent along it is None.
    blocks = identity_function(backward=lambda ctx, grad: None)
    x = leaf(1.0, 2.0)
    (blocks.apply(x) + x * 2).sum().backward()  # x gets None one way, 2 the other
    close(x.grad, [2, 2])
    y = x * 3  # an operation reached only through None
    z = leaf(1.0, 1.0)
    (blocks.apply(y) + z).sum().backward()
    close(z.grad, [1, 1])
    close(x.grad, [2, 2])  # nothing more arrived


def test_a_repeated_root_runs_after_its_last_mention_as_in_pytorch() -> None:
    from autograd_lab.autograd.graph import trace_backward

    x0, x1 = leaf(1.0, 2.0), leaf(3.0, 4.0)
    with trace_backward() as steps:
        torch.autograd.backward([x0, x1, x0], [torch.ones(2)] * 3)
    assert [step["node"].variable for step in steps] == [x1, x0]  # PyTorch's order
    close(x0.grad, [2, 2])


def test_augmented_assignment_into_an_element_of_a_graph_tensor() -> None:
    # y[0] += 1 is y.__setitem__(0, y[0].__iadd__(1)): an in-place change of a view.
    x = torch.tensor([1.0, 1.0, 1.0], requires_grad=True)
    y = x * 2
    y[0] += 1
    assert y.tolist() == [3.0, 2.0, 2.0]
    assert type(y.grad_fn).__name__ == "CopySlices"
    y.sum().backward()
    assert x.grad.tolist() == [2.0, 2.0, 2.0]


def test_augmented_assignment_of_a_graph_value_into_a_plain_tensor() -> None:
    x = torch.tensor([1.0, 1.0, 1.0], requires_grad=True)
    n = torch.zeros(3)
    n[0] += x[0] * 3
    assert n.tolist() == [3.0, 0.0, 0.0]
    n.sum().backward()
    assert x.grad.tolist() == [3.0, 0.0, 0.0]


def test_inplace_on_a_view_rewrites_the_base_history() -> None:
    x = torch.tensor([1.0, 1.0, 1.0], requires_grad=True)
    m = x.reshape(3, 1) * 1
    v = m[1:]
    v.mul_(5)
    assert m.tolist() == [[1.0], [5.0], [5.0]]
    (m.sum() + v.sum()).backward()
    assert x.grad.tolist() == [1.0, 10.0, 10.0]  # PyTorch gives the same


def test_inplace_on_a_transposed_view_rewrites_the_base_history() -> None:
    # As in PyTorch: any view can be changed in place; the base records a CopySlices.
    x = torch.ones(2, 2, requires_grad=True)
    y = x * 1
    y.t().mul_(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
    assert type(y.grad_fn).__name__ == "CopySlices"
    y.sum().backward()
    assert x.grad.tolist() == [[1.0, 3.0], [2.0, 4.0]]


# -- autograd.Function: a hand-written derivative -------------------------------------


def _custom(backward_rule):
    import autograd_lab as torch

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
    import autograd_lab as torch

    cube = _custom(lambda grad, x, scale: grad * 3 * scale * x**2)
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = cube.apply(x, 2.0)
    assert type(y.grad_fn).__name__ == "CubeBackward"
    y.sum().backward(retain_graph=True)
    assert x.grad.tolist() == [6.0, 24.0]
    y.sum().backward()  # a second pass calls backward again, not a stale answer
    assert x.grad.tolist() == [12.0, 48.0]


def test_gradcheck_finds_a_wrong_custom_backward():
    import autograd_lab as torch

    right = _custom(lambda grad, x, scale: grad * 3 * scale * x**2)
    wrong = _custom(lambda grad, x, scale: grad * 3 * scale * x)  # forgot the square
    x = torch.tensor([0.5, 1.5], dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradcheck(lambda t: right.apply(t, 2.0), (x,))
    assert not torch.autograd.gradcheck(lambda t: wrong.apply(t, 2.0), (x,), raise_exception=False)


def test_custom_function_missing_forward_or_backward_raises_pytorchs_error():
    import autograd_lab as torch

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
    import autograd_lab as torch

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
    import autograd_lab as torch

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


def test_constants():
    import math

    import autograd_lab as torch

    assert (torch.pi, torch.e, torch.inf) == (math.pi, math.e, math.inf) and math.isnan(torch.nan)
