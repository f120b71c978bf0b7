"""Every derivative rule against central finite differences, in float64.

For each differentiable op (``tests/factories.py`` draws its calls):

* first derivatives: ``out.backward(g)`` with a random ``g`` gives ``Jᵀg`` for
  every input, compared with the finite differences of ``sum(out · g)``;
* second derivatives: with ``create_graph=True``, the gradient of
  ``⟨Jᵀg, v⟩`` is ``H v`` for the inputs (compared with finite differences of
  the first gradient along ``v``) and ``J v`` for ``g`` (finite differences of
  the forward along ``v``), which needs every rule written with tensor ops;
* random programs of 2 to 6 chained ops, checked the same two ways.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest
from factories import FACTORIES, SEEDS, Case, Program, checked, programs
from factories_special import NO_DERIVATIVE_IN_TORCH
from hypothesis import given
from hypothesis import strategies as st

import autograd_lab as lab
from autograd_lab.ops import load_all
from autograd_lab.ops._core import rule, values_of

OPS = load_all()  # (ops.nn and ops.volumes load on first use)

RTOL = 1e-5


# -- running a case ---------------------------------------------------------------------


def leaves(arrays: Sequence[np.ndarray], requires_grad: bool = True) -> list[lab.Tensor]:
    return [lab.tensor(a, requires_grad=requires_grad) for a in arrays]


def value(case: Case, arrays: Sequence[np.ndarray]) -> np.ndarray:
    """The forward's result as float64 (no graph needed)."""
    return case(lab, *leaves(arrays, requires_grad=False)).detach().numpy().astype(np.float64)


def first_grads(case: Case, arrays: Sequence[np.ndarray], g: np.ndarray) -> list[np.ndarray]:
    xs = leaves(arrays)
    return [t.numpy() for t in lab.autograd.grad(case(lab, *xs), xs, lab.tensor(g))]


def numerical_grads(case: Case, arrays: Sequence[np.ndarray], g: np.ndarray) -> list[np.ndarray]:
    """∂ sum(out · g)/∂x by central differences, one element of one input at a time."""
    g = g.astype(np.float64)
    grads = []
    for i, a in enumerate(arrays):
        grad = np.zeros(a.shape)
        for j in np.ndindex(a.shape):
            sides = []
            for step in (case.eps, -case.eps):
                moved = list(arrays)
                moved[i] = a.copy()
                moved[i][j] += step
                sides.append(np.sum(value(case, moved) * g))
            grad[j] = (sides[0] - sides[1]) / (2 * case.eps)
        grads.append(grad)
    return grads


def recorded_ops(out: lab.Tensor) -> set[str]:
    """The names of the ops in ``out``'s graph."""
    seen, stack, names = set(), [out.grad_fn], set()
    while stack:
        node = stack.pop()
        if node is None or node in seen:
            continue
        seen.add(node)
        if node.op is not None:
            names.add(node.op.name)
        stack.extend(child for child, _ in node.next_functions)
    return names


def upstream(rng: np.random.Generator, out: lab.Tensor) -> np.ndarray:
    """A random upstream gradient (not all ones: a transposed rule would pass those)."""
    return rng.uniform(-1.0, 1.0, out.shape).astype(out.detach().numpy().dtype)


def close(actual: Any, expected: np.ndarray, atol: float, what: str) -> None:
    actual = np.zeros(expected.shape) if actual is None else actual
    np.testing.assert_allclose(actual, expected, rtol=RTOL, atol=atol, err_msg=what)


def check_first_order(case: Case, seed: int) -> None:
    arrays = list(case.inputs.values())
    xs = leaves(arrays)
    out = case(lab, *xs)
    g = upstream(np.random.default_rng(seed), out)
    out.backward(lab.tensor(g))
    expected = numerical_grads(case, arrays, g)
    for name, x, numeric in zip(case.inputs, xs, expected, strict=True):
        assert x.grad is not None, f"no gradient reached {name}"
        assert x.grad.shape == x.shape and x.grad.dtype == x.dtype, f"gradient of {name}: {x.grad!r}"
        close(x.grad.numpy(), numeric, case.atol, f"∂/∂{name} of {case}")


def check_second_order(case: Case, seed: int) -> None:
    """The gradient of ⟨Jᵀg, v⟩: H v for the inputs, J v for g."""
    rng = np.random.default_rng(seed)
    arrays = list(case.inputs.values())
    xs = leaves(arrays)
    out = case(lab, *xs)
    g_values = upstream(rng, out)
    g = lab.tensor(g_values, requires_grad=True)
    grads = lab.autograd.grad(out, xs, g, create_graph=True)
    vs = [rng.uniform(-1.0, 1.0, a.shape) for a in arrays]
    total = sum((d * lab.tensor(v)).sum() for d, v in zip(grads, vs, strict=True))
    assert total.requires_grad, f"the backward of {case} was not recorded (create_graph=True)"
    *hv, jv = lab.autograd.grad(total, [*xs, g], allow_unused=True)

    eps = case.eps
    plus = first_grads(case, [a + eps * v for a, v in zip(arrays, vs, strict=True)], g_values)
    minus = first_grads(case, [a - eps * v for a, v in zip(arrays, vs, strict=True)], g_values)
    for name, got, p, m in zip(case.inputs, hv, plus, minus, strict=True):
        close(
            None if got is None else got.numpy(),
            (p - m) / (2 * eps),
            case.atol,
            f"(H v) for {name} of {case}",
        )
    forward_plus = value(case, [a + eps * v for a, v in zip(arrays, vs, strict=True)])
    forward_minus = value(case, [a - eps * v for a, v in zip(arrays, vs, strict=True)])
    jv_expected = (forward_plus - forward_minus) / (2 * eps)
    close(None if jv is None else jv.numpy().astype(np.float64), jv_expected, case.atol, f"J v of {case}")


# -- every op ------------------------------------------------------------------------------

DIFFERENTIABLE = sorted(
    name for name, op in OPS.items() if op.differentiable and name not in NO_DERIVATIVE_IN_TORCH
)


def test_every_differentiable_op_has_a_factory() -> None:
    missing = set(DIFFERENTIABLE) - set(FACTORIES)
    assert not missing, f"ops with no factory in tests/factories.py (so no gradient test): {sorted(missing)}"
    unknown = set(FACTORIES) - set(DIFFERENTIABLE)
    assert not unknown, f"factories for ops that are not differentiable ops: {sorted(unknown)}"


@pytest.mark.parametrize("op", DIFFERENTIABLE)
@checked(max_examples=40)
@given(data=st.data())
def test_gradient_matches_finite_differences(op: str, data: st.DataObject) -> None:
    case = data.draw(FACTORIES[op], label="case")
    out = case(lab, *leaves(list(case.inputs.values())))
    assert op in recorded_ops(out), f"{case.code} does not record {op}: {sorted(recorded_ops(out))}"
    check_first_order(case, data.draw(SEEDS, label="seed"))


# Ops whose second derivatives are PyTorch's, not the true ones: PyTorch differentiates weight norm's
# backward formula holding the saved norms constant (its own gradgradcheck fails), and so do we.
# tests/test_against_torch.py checks them against PyTorch instead.
SECOND_ORDER_AS_PYTORCH = {"weight_norm_interface"}


@pytest.mark.parametrize("op", [op for op in DIFFERENTIABLE if op not in SECOND_ORDER_AS_PYTORCH])
@checked(max_examples=25)
@given(data=st.data())
def test_second_derivatives_match_finite_differences(op: str, data: st.DataObject) -> None:
    check_second_order(data.draw(FACTORIES[op], label="case"), data.draw(SEEDS, label="seed"))


# -- random programs ----------------------------------------------------------------------------


@checked(max_examples=150)
@given(program=programs(), seed=SEEDS)
def test_random_programs_match_finite_differences(program: Program, seed: int) -> None:
    check_first_order(program, seed)
    check_second_order(program, seed)


def test_checks_catch_wrong_rules() -> None:
    """A rule off by 0.1% fails the first-order check; one computed outside the graph, the second."""
    case = Case(
        "mm", "x @ y", {"x": np.arange(6.0).reshape(2, 3) / 7, "y": np.arange(12.0).reshape(3, 4) / 5}
    )
    mm = OPS["mm"]
    right = mm.replace_rule("a", rule("off by 0.1%", lambda grad, b: grad @ b.mT * 1.001))
    try:
        with pytest.raises(AssertionError):
            check_first_order(case, 0)
    finally:
        mm.replace_rule("a", right)
    check_first_order(case, 0)

    case = Case("exp", "x.exp()", {"x": np.linspace(-1.0, 1.0, 5)})
    exp = OPS["exp"]
    right = exp.replace_rule("a", rule("outside the graph", _exp_rule_outside_the_graph))
    try:  # the right values, but NumPy's: create_graph=True records nothing
        check_first_order(case, 0)
        with pytest.raises(AssertionError):
            check_second_order(case, 0)
    finally:
        exp.replace_rule("a", right)
    check_second_order(case, 0)


def _exp_rule_outside_the_graph(grad, out):
    values = values_of(grad) * values_of(out)
    return lab.tensor(values) if isinstance(grad, lab.Tensor) else values
