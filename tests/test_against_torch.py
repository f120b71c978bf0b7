"""Every op's calls (``tests/factories.py``) run in autograd_lab and in PyTorch.

The same inputs, in float64 and float32, must give the same forward values,
dtype and shape, the same gradients for every input, the same ``grad_fn``
class name, and the same ``repr()`` character for character; second
derivatives (``create_graph=True``) must agree too.  Skipped when PyTorch is
not installed.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

torch_ref = pytest.importorskip("torch")

from factories import (  # noqa: E402
    FACTORIES,
    SEEDS,
    Case,
    Graph,
    Program,
    build_graph,
    checked,
    graphs,
    node_name,
    programs,
)
from hypothesis import example, given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import autograd_lab as lab  # noqa: E402

TOLERANCES = {np.float64: {"rtol": 1e-10, "atol": 1e-12}, np.float32: {"rtol": 1e-5, "atol": 1e-6}}
# Ops that only a float32 computation records (a float32 LSTM layer's MkldnnRnnLayerBackward0): their cases
# cast to float32 inside, so they are compared with float32's tolerance whatever the inputs' dtype.
COMPUTED_IN_FLOAT32 = {"mkldnn_rnn_layer", "lstm_cell_state", "lstm_cell_output"}


def numpy_of(t: Any) -> np.ndarray:
    if getattr(t, "_is_zerotensor", lambda: False)():  # PyTorch's lazy zeros (second derivatives)
        return np.zeros(tuple(t.shape))
    return t.detach().numpy()


def grad_fn_name(t: Any) -> str | None:
    return None if t.grad_fn is None else type(t.grad_fn).__name__


def edges(t: Any) -> tuple[bool, ...]:
    """Which inputs of the last node take a gradient: ``(True, False)`` for ``x * 3``."""
    return () if t.grad_fn is None else tuple(child is not None for child, _ in t.grad_fn.next_functions)


def run(m: Any, case: Case, dtype: type, seed: int) -> tuple[Any, list[Any]]:
    """``case`` in module ``m``: its output, and its inputs after ``out.backward(g)``."""
    xs = [m.tensor(a.astype(dtype), requires_grad=True) for a in case.inputs.values()]
    out = case(m, *xs)
    g = np.random.default_rng(seed).uniform(-1.0, 1.0, tuple(out.shape)).astype(numpy_of(out).dtype)
    out.backward(m.tensor(g))
    return out, xs


def same_repr(ours: lab.Tensor, theirs: Any) -> None:
    """``repr`` identical to PyTorch's, character for character.

    NumPy and PyTorch may round a result differently in the last bit, or
    give a sum of zeros another sign (BLAS); then our printer is given
    PyTorch's values, so that a 1-ulp difference on a rounding boundary of
    the 4 printed decimals is not reported as a printing bug.
    """
    values = numpy_of(theirs)
    if numpy_of(ours).tobytes() != values.tobytes():  # not bit for bit (-0.0 counts)
        twin = lab.tensor(values.copy())
        twin._grad_fn = ours.grad_fn
        ours = twin
    assert repr(ours) == repr(theirs)


def check_against_torch(case: Case, dtype: type, seed: int) -> None:
    """Forward, dtype, shape, grad_fn name, repr and every input's gradient, as PyTorch's."""
    ours, our_inputs = run(lab, case, dtype, seed)
    theirs, their_inputs = run(torch_ref, case, dtype, seed)
    if dtype is np.float64 and case.op not in COMPUTED_IN_FLOAT32:
        tolerance = TOLERANCES[dtype]
    else:
        tolerance = {**TOLERANCES[np.float32], "atol": case.float32_atol}

    assert grad_fn_name(ours) == grad_fn_name(theirs)
    assert edges(ours) == edges(theirs), "next_functions: which edges are None"
    assert str(ours.dtype) == str(theirs.dtype)
    assert tuple(ours.shape) == tuple(theirs.shape)
    np.testing.assert_allclose(numpy_of(ours), numpy_of(theirs), **tolerance, err_msg="forward")
    same_repr(ours, theirs)
    for name, x, y in zip(case.inputs, our_inputs, their_inputs, strict=True):
        assert (x.grad is None) == (y.grad is None), f"gradient of {name}: {x.grad!r} vs {y.grad!r}"
        if x.grad is not None:
            assert str(x.grad.dtype) == str(y.grad.dtype), f"dtype of the gradient of {name}"
            np.testing.assert_allclose(numpy_of(x.grad), numpy_of(y.grad), **tolerance, err_msg=name)


DTYPES = pytest.mark.parametrize("dtype", [np.float64, np.float32], ids=["float64", "float32"])


@DTYPES
@pytest.mark.parametrize("op", sorted(FACTORIES))
@checked(max_examples=20)
@given(data=st.data())
def test_matches_torch(op: str, dtype: type, data: st.DataObject) -> None:
    check_against_torch(data.draw(FACTORIES[op], label="case"), dtype, data.draw(SEEDS, label="seed"))


# Programs hypothesis found, kept: a number ** a transposed tensor is contiguous in PyTorch (its
# reshape is then a view, ViewBackward0, not ReshapeAliasBackward0).
FOUND_PROGRAMS = [
    Program(("h.mT", "h.sin()", "2.0 ** h.tanh()", "h.reshape(2, 3, 2)"), {"x": np.zeros((2, 2, 3))})
]


@DTYPES
@checked(max_examples=100)
@given(program=programs(), seed=SEEDS)
@example(program=FOUND_PROGRAMS[0], seed=0)
def test_random_programs_match_torch(program: Program, dtype: type, seed: int) -> None:
    check_against_torch(program, dtype, seed)


def second_derivatives(m: Any, case: Case, seed: int) -> list[np.ndarray]:
    """∂⟨Jᵀg, v⟩/∂(inputs, g) in module ``m``, in float64 (zeros where unused)."""
    rng = np.random.default_rng(seed)
    xs = [m.tensor(a, requires_grad=True) for a in case.inputs.values()]
    out = case(m, *xs)
    g = m.tensor(rng.uniform(-1.0, 1.0, tuple(out.shape)).astype(numpy_of(out).dtype), requires_grad=True)
    grads = m.autograd.grad(out, xs, g, create_graph=True)
    total = sum((d * m.tensor(rng.uniform(-1.0, 1.0, tuple(d.shape)))).sum() for d in grads)
    if not total.requires_grad:  # PyTorch knows some first derivatives are constant (sign, x ** 0)
        return [np.zeros(tuple(t.shape)) for t in [*xs, g]]
    found = m.autograd.grad(total, [*xs, g], allow_unused=True)
    return [
        np.zeros(tuple(t.shape)) if f is None else numpy_of(f) for f, t in zip(found, [*xs, g], strict=True)
    ]


# Ops whose backward PyTorch cannot differentiate again ("derivative for aten::..._backward is not
# implemented"); ours can, and tests/test_gradients.py checks it against finite differences.
FIRST_ORDER_IN_TORCH = {
    "multi_margin_loss", "multilabel_margin_loss", "ctc_loss", "cdist", "hardsigmoid",
    "scaled_dot_product_flash_attention_for_cpu",
}  # fmt: skip
FIRST_ORDER_IN_TORCH |= {"embedding_bag"}  # (branch s10_pool) the derivative for '_embedding_bag_backward'
FIRST_ORDER_IN_TORCH |= {"pdist"}  # (branch s12_fn) the derivative for '_pdist_backward'


@pytest.mark.parametrize("op", sorted(FACTORIES))
@checked(max_examples=10)
@given(data=st.data())
def test_second_derivatives_match_torch(op: str, data: st.DataObject) -> None:
    case = data.draw(FACTORIES[op], label="case")
    seed = data.draw(SEEDS, label="seed")
    if op in FIRST_ORDER_IN_TORCH:
        with pytest.raises(RuntimeError, match="is not implemented"):
            second_derivatives(torch_ref, case, seed)
        return
    ours = second_derivatives(lab, case, seed)
    theirs = second_derivatives(torch_ref, case, seed)
    # (atol 1e-10: a second derivative may cancel terms a hundred times its size, e.g. binary_cross_entropy's
    # at x = y = 0.0625, where the two libraries' roundings differed by 1.7e-11 on a value of -0.004)
    tolerance = TOLERANCES[np.float32] if op in COMPUTED_IN_FLOAT32 else {"rtol": 1e-9, "atol": 1e-10}
    for name, a, b in zip([*case.inputs, "g"], ours, theirs, strict=True):
        np.testing.assert_allclose(a, b, **tolerance, err_msg=f"second derivative for {name}")


@checked(max_examples=50)
@given(program=programs(), seed=SEEDS)
def test_random_programs_second_derivatives_match_torch(program: Program, seed: int) -> None:
    ours = second_derivatives(lab, program, seed)
    theirs = second_derivatives(torch_ref, program, seed)
    for name, a, b in zip([*program.inputs, "g"], ours, theirs, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-11, err_msg=f"second derivative for {name}")


# -- the order of the backward pass ---------------------------------------------------------


def backward_order(m: Any, graph: Graph) -> tuple[list[tuple], list[np.ndarray | None]]:
    """Which nodes the backward pass runs, in order (named as build_graph names them), and the leaves' grads."""
    values, names = build_graph(m, graph)
    roots = [values[r] for r in graph.roots]
    grads = [m.ones_like(root) for root in roots]
    nodes: list = []
    if m is lab:
        from autograd_lab.autograd.graph import trace_backward

        with trace_backward() as steps_taken:
            m.autograd.backward(roots, grads)
        nodes = [step["node"] for step in steps_taken]
    else:
        stack = [m.autograd.graph.get_gradient_edge(root).node for root in roots]
        hooked: set = set()
        while stack:  # PyTorch tells the order through hooks run after each node
            node = stack.pop()
            if node is None or node in hooked:
                continue
            hooked.add(node)
            node.register_hook(lambda grad_inputs, grad_outputs, node=node: nodes.append(node))
            stack.extend(child for child, _ in node.next_functions)
        m.autograd.backward(roots, grads)
    leaves = values[: graph.leaves]
    return [node_name(node, values, names) for node in nodes], [
        None if v.grad is None else numpy_of(v.grad) for v in leaves
    ]


@checked(max_examples=150)
@given(graph=graphs())
def test_backward_runs_the_nodes_in_pytorchs_order(graph: Graph) -> None:
    # The step-through widget shows the pass in this order: it must be PyTorch's.
    ours, our_grads = backward_order(lab, graph)
    theirs, their_grads = backward_order(torch_ref, graph)
    assert ours == theirs
    for a, b in zip(our_grads, their_grads, strict=True):
        assert (a is None) == (b is None)  # a leaf no root uses gets no gradient
        if a is not None:
            np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-12)
