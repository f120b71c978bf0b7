"""backward(): running it twice, retain_graph, inputs=, the order the nodes run in, long chains.

Expected values are written out; where PyTorch is installed the same code
also runs in PyTorch and must agree.
"""

from __future__ import annotations

import gc

import pytest
from autograd_helpers import close, identity_function, leaf

import autograd_lab as torch


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


def test_backward_inputs_can_be_a_non_leaf() -> None:
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    h = x * 2
    (h * h).sum().backward(inputs=[h])
    assert h.grad.tolist() == [4.0, 8.0]
    assert x.grad is None


def test_trace_backward_lists_the_steps_in_execution_order() -> None:
    from autograd_lab.autograd.graph import trace_backward

    x = torch.tensor(3.0, requires_grad=True)
    with trace_backward() as steps:
        (x * x + x).backward()
    names = [step["node"].name() for step in steps]
    assert names == ["AddBackward0", "MulBackward0", "torch::autograd::AccumulateGrad"]  # as PyTorch names it
    assert steps[-1]["grad"] == x.grad.item() == 7.0


def _two_branches(m):
    """Two branches made in turn, so two nodes are ready at once at each step of the pass."""
    x = m.tensor([0.5, 1.0], requires_grad=True)
    u = x * 2  # MulBackward0, made first
    v = x * 3  # MulBackward0, made second
    p = u.exp()
    q = v.sin()
    z = (p + q).sum()
    nodes = {"z": z.grad_fn, "p + q": z.grad_fn.next_functions[0][0], "p": p.grad_fn, "q": q.grad_fn}
    nodes |= {"u": u.grad_fn, "v": v.grad_fn, "x": u.grad_fn.next_functions[0][0]}
    return z, nodes


# Written out by hand: of the nodes that are ready, the newest runs first, the leaf last.
TWO_BRANCHES_ORDER = ["z", "p + q", "q", "p", "v", "u", "x"]


def test_backward_runs_the_newest_ready_node_first() -> None:
    from autograd_lab.autograd.graph import trace_backward

    z, nodes = _two_branches(torch)
    with trace_backward() as steps:
        z.backward()
    ran = [step["node"] for step in steps]
    assert ran == [nodes[name] for name in TWO_BRANCHES_ORDER]
    assert [node.name() for node in ran] == [
        "SumBackward0",
        "AddBackward0",
        "SinBackward0",
        "ExpBackward0",
        "MulBackward0",
        "MulBackward0",
        "torch::autograd::AccumulateGrad",
    ]


def test_the_hand_written_order_is_pytorchs() -> None:
    real = pytest.importorskip("torch")
    z, nodes = _two_branches(real)
    ran = []
    for name, node in nodes.items():
        node.register_prehook(lambda grad_outputs, name=name: ran.append(name))
    z.backward()
    assert ran == TWO_BRANCHES_ORDER


def test_a_repeated_root_runs_after_its_last_mention_as_in_pytorch() -> None:
    from autograd_lab.autograd.graph import trace_backward

    x0, x1 = leaf(1.0, 2.0), leaf(3.0, 4.0)
    with trace_backward() as steps:
        torch.autograd.backward([x0, x1, x0], [torch.ones(2)] * 3)
    assert [step["node"].variable for step in steps] == [x1, x0]  # PyTorch's order
    close(x0.grad, [2, 2])


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


def test_100000_op_chain_needs_no_recursion():
    x = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)
    y = x
    for _ in range(100_000):
        y = y * 1.0001
    y.backward()
    assert x.grad.item() == pytest.approx(1.0001**100_000, rel=1e-9)
    del y
    gc.collect()  # tearing the chain down must not recurse either
