"""The engine's two shortcuts, held bit for bit to the steps they stand for.

1. Each op's node runs ``Node._backward`` written out for its own rules
   (``ops._core.compile_backward``).  The engine's ``Node._backward`` is the
   definition: the written-out copy of every differentiable op must compute
   the same gradients, in a plain backward pass and in a recorded one
   (``create_graph=True``).
2. A plain ``backward()`` from one output, with no tracer, hook or custom
   Function, runs its nodes by age, newest first, with nothing counted (a
   node is always newer than its inputs' nodes), and stores the leaves'
   gradients at the end.  It must give the gradients of the counted pass,
   which waits, as PyTorch does, until each node has every gradient it is due.

Both are checked on the calls ``tests/factories.py`` draws for every op, and
on random programs.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import pytest
from factories import FACTORIES, SEEDS, Case, Program, checked, programs
from factories_special import NO_DERIVATIVE_IN_TORCH
from hypothesis import given
from hypothesis import strategies as st

import autograd_lab as lab
from autograd_lab.autograd import engine
from autograd_lab.autograd.engine import Node
from autograd_lab.ops import load_all
from autograd_lab.ops._core import rule

OPS = load_all()  # (ops.nn and ops.volumes load on first use)

DIFFERENTIABLE = sorted(
    name for name, op in OPS.items() if op.differentiable and name not in NO_DERIVATIVE_IN_TORCH
)


def compiled_classes() -> dict[type, object]:
    """Every op's node class that has a written-out ``_backward``, made now if not made yet."""
    classes = {}
    for op in OPS.values():
        if op.differentiable and not op.variadic:
            node_class = op.node_class
            if "_backward" in node_class.__dict__:
                classes[node_class] = node_class.__dict__["_backward"]
    return classes


@contextmanager
def generic_backward() -> Iterator[None]:
    """Inside the block, every node runs the engine's own ``Node._backward``."""
    classes = compiled_classes()
    for node_class in classes:
        del node_class._backward
    try:
        yield
    finally:
        for node_class, function in classes.items():
            node_class._backward = function


def gradients(case: Case, seed: int, create_graph: bool) -> list[np.ndarray | None]:
    """The gradients of ``sum(out · g)`` for the case's inputs (and, recorded, for g itself)."""
    xs = [lab.tensor(a, requires_grad=True) for a in case.inputs.values()]
    out = case(lab, *xs)
    rng = np.random.default_rng(seed)
    g = lab.tensor(rng.uniform(-1.0, 1.0, out.shape).astype(out.detach().numpy().dtype))
    grads = lab.autograd.grad(out, xs, g, create_graph=create_graph, allow_unused=True)
    found = [None if d is None else d.detach().numpy().copy() for d in grads]
    if create_graph:  # and once more through the recorded backward pass
        total = sum((d * d).sum() for d in grads if d is not None and d.requires_grad)
        if isinstance(total, lab.Tensor):
            again = lab.autograd.grad(total, xs, allow_unused=True)
            found += [None if d is None else d.numpy().copy() for d in again]
    return found


def assert_same(shortcut: list, reference: list, what: str) -> None:
    assert len(shortcut) == len(reference), what
    for a, b in zip(shortcut, reference, strict=True):
        assert (a is None) == (b is None), what
        if a is not None:
            assert a.dtype == b.dtype and a.shape == b.shape, what
            np.testing.assert_array_equal(a, b, err_msg=what, strict=True)


def leaf_grads(case: Case | Program, seed: int, *, by_age: bool) -> list:
    """``(out · g).sum().backward()``'s gradients, by age or counted; also checks which pass ran."""
    xs = [lab.tensor(a, requires_grad=True) for a in case.inputs.values()]
    out = case(lab, *xs)
    g = np.random.default_rng(seed).uniform(-1.0, 1.0, out.shape).astype(out.detach().numpy().dtype)
    loss = (out * lab.tensor(g)).sum()
    counted = []
    count = engine._count_dependencies
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(engine, "_user_code_in_backward", not by_age)
        patch.setattr(engine, "_count_dependencies", lambda *args: counted.append(1) or count(*args))
        loss.backward()
    assert bool(counted) != by_age, f"{'counted' if counted else 'by age'}, not as asked, for {case}"
    return [None if x.grad is None else x.grad.numpy() for x in xs]


@pytest.mark.parametrize("op", DIFFERENTIABLE)
@checked(max_examples=6)
@given(data=st.data())
def test_the_shortcuts_give_the_engines_gradients(op: str, data: st.DataObject) -> None:
    case = data.draw(FACTORIES[op], label="case")
    seed = data.draw(SEEDS, label="seed")
    for create_graph in (False, True):
        written_out = gradients(case, seed, create_graph)
        with generic_backward():
            generic = gradients(case, seed, create_graph)
        assert_same(written_out, generic, f"{case} (create_graph={create_graph})")
    assert_same(leaf_grads(case, seed, by_age=True), leaf_grads(case, seed, by_age=False), f"{case} by age")


@checked(max_examples=60)
@given(program=programs(), seed=SEEDS)
def test_by_age_gives_the_counted_gradients_in_programs(program: Program, seed: int) -> None:
    by_age = leaf_grads(program, seed, by_age=True)
    assert_same(by_age, leaf_grads(program, seed, by_age=False), f"{program} by age")


def test_an_ops_node_runs_its_written_out_backward() -> None:
    x = lab.tensor([1.0, 2.0], requires_grad=True)
    node_class = type((x * 2).grad_fn)
    assert node_class.__dict__["_backward"] is not Node._backward
    assert node_class.__dict__["_backward"].__code__.co_filename == "<backward of mul>"


def test_replacing_a_rule_writes_the_backward_out_again() -> None:
    mul = OPS["mul"]
    x = lab.tensor([1.0, 2.0], requires_grad=True)
    right = mul.replace_rule("a", rule("doubled", lambda grad, b: 2 * grad * b))
    try:
        (x * 3).sum().backward()
    finally:
        mul.replace_rule("a", right)
    assert x.grad.tolist() == [6.0, 6.0]
    x.grad = None
    (x * 3).sum().backward()
    assert x.grad.tolist() == [3.0, 3.0]


def test_a_value_used_on_many_paths_gets_every_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """A diamond and a leaf used three times: each node runs once, after all of its gradient arrived."""
    x = lab.tensor([1.0, 2.0], requires_grad=True)
    h = x * x
    y = (h * 3 + h.exp() + x).sum()
    with engine.trace_backward() as steps:  # (a tracer watches: the counted pass, in PyTorch's order)
        y.backward(retain_graph=True)
    assert len(steps) == 7  # sum, add, add, mul, exp, mul, x: each node once
    counted = x.grad.numpy().copy()
    x.grad = None
    monkeypatch.setattr(engine, "_user_code_in_backward", False)
    monkeypatch.setattr(engine, "_count_dependencies", None)  # (by age: never called)
    y.backward()
    np.testing.assert_array_equal(x.grad.numpy(), counted)
    values = np.array([1.0, 2.0])
    np.testing.assert_allclose(counted, 6 * values + 2 * values * np.exp(values**2) + 1, rtol=1e-6)


def test_a_custom_function_or_a_hook_turns_the_shortcut_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "_user_code_in_backward", False)

    class Twice(lab.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2

        @staticmethod
        def backward(ctx, grad):
            return grad * 2

    Twice.apply(lab.tensor([1.0], requires_grad=True))
    assert engine._user_code_in_backward
    monkeypatch.setattr(engine, "_user_code_in_backward", False)
    lab.tensor([1.0], requires_grad=True).register_hook(lambda grad: None)
    assert engine._user_code_in_backward
