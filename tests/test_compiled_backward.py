"""Each op's node runs ``Node._backward`` written out for its rules (``ops._core.compile_backward``).

The engine's ``Node._backward`` is the definition.  These tests check that
the written-out copy of every differentiable op computes the same gradients,
bit for bit, in a plain backward pass and in a recorded one
(``create_graph=True``), on the calls ``tests/factories.py`` draws.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import pytest
from factories import FACTORIES, SEEDS, Case, checked
from hypothesis import given
from hypothesis import strategies as st

import autograd_lab as lab
from autograd_lab.autograd.engine import Node
from autograd_lab.ops import OPS
from autograd_lab.ops._core import rule

DIFFERENTIABLE = sorted(name for name, op in OPS.items() if op.differentiable)


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


def assert_same(written_out: list, generic: list, what: str) -> None:
    assert len(written_out) == len(generic), what
    for a, b in zip(written_out, generic, strict=True):
        assert (a is None) == (b is None), what
        if a is not None:
            assert a.dtype == b.dtype and a.shape == b.shape, what
            np.testing.assert_array_equal(a, b, err_msg=what, strict=True)


@pytest.mark.parametrize("op", DIFFERENTIABLE)
@checked(max_examples=6)
@given(data=st.data())
def test_written_out_backward_matches_the_engines(op: str, data: st.DataObject) -> None:
    case = data.draw(FACTORIES[op], label="case")
    seed = data.draw(SEEDS, label="seed")
    for create_graph in (False, True):
        written_out = gradients(case, seed, create_graph)
        with generic_backward():
            generic = gradients(case, seed, create_graph)
        assert_same(written_out, generic, f"{case} (create_graph={create_graph})")


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
