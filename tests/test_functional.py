"""``autograd.functional``: jacobian, hessian, vjp, jvp, vhp, hvp, as PyTorch computes them.

Each case is written once against a module ``m`` (autograd_lab or PyTorch)
and run in both: results must have the same nesting, shapes, dtypes,
values, ``requires_grad`` and, where ``autograd.functional`` itself makes
the node, the same ``grad_fn``.  Errors must have PyTorch's type and
message, then our hint.  The examples are those of PyTorch's docstrings;
random ones (hypothesis) check the same against PyTorch and against the
identities that tie the six functions together.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

import numpy as np
import pytest
from factories import checked
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import autograd_lab as lab
from autograd_lab.autograd import functional as F


@pytest.fixture(scope="module")
def real() -> ModuleType:
    return pytest.importorskip("torch")


# -- comparing a result of each module --------------------------------------------------------


def numbers(seed: int, *shape: int) -> np.ndarray:
    """Fixed float32 numbers in (0, 1), like PyTorch's ``rand`` in its docstrings."""
    return np.random.default_rng(seed).uniform(0.1, 1.0, shape).astype(np.float32)


def node_name(t: Any) -> str | None:
    return None if t.grad_fn is None else type(t.grad_fn).__name__


def assert_same(ours: Any, theirs: Any, grad_fn: bool = True, path: str = "result") -> None:
    """Same nesting, then per tensor: shape, dtype, values, requires_grad (and grad_fn name)."""
    if isinstance(theirs, tuple | list):
        kind = type(theirs).__name__
        assert type(ours) is type(theirs), f"{path}: a {kind} in PyTorch, {type(ours).__name__} here"
        assert len(ours) == len(theirs), f"{path}: {len(theirs)} items in PyTorch, {len(ours)} here"
        for i, (a, b) in enumerate(zip(ours, theirs, strict=True)):
            assert_same(a, b, grad_fn, f"{path}[{i}]")
        return
    assert isinstance(ours, lab.Tensor), f"{path}: a tensor in PyTorch, {type(ours).__name__} here"
    assert tuple(ours.shape) == tuple(theirs.shape), path
    assert str(ours.dtype) == str(theirs.dtype), path
    tolerance = {"rtol": 1e-5, "atol": 1e-6} if ours.dtype == lab.float32 else {"rtol": 1e-10, "atol": 1e-12}
    np.testing.assert_allclose(ours.detach().numpy(), theirs.detach().numpy(), err_msg=path, **tolerance)
    assert ours.requires_grad == theirs.requires_grad, path
    if grad_fn:
        assert node_name(ours) == node_name(theirs), path


def both(case: Callable[[ModuleType], Any], real: ModuleType, grad_fn: bool = True) -> Any:
    """Run ``case`` in both modules and compare; return our result."""
    ours = case(lab)
    assert_same(ours, case(real), grad_fn)
    return ours


def same_error(case: Callable[[ModuleType], Any], real: ModuleType) -> Exception:
    """``case`` raises in both, with PyTorch's type and message, then our hint."""
    with pytest.raises(Exception) as theirs:
        case(real)
    with pytest.raises(type(theirs.value)) as ours:
        case(lab)
    text, their_text = str(ours.value), str(theirs.value)
    assert " Hint: " in text
    assert text == their_text or text.split(" Hint: ")[0] == their_text
    return ours.value


# -- PyTorch's docstring examples ---------------------------------------------------------------


def exp_reducer(x):
    return x.exp().sum(dim=1)


def exp_adder(x, y):
    return 2 * x.exp() + 3 * y


def adder(x, y):
    return 2 * x + 3 * y


def pow_reducer(x):
    return x.pow(3).sum()


def pow_adder_reducer(x, y):
    return (2 * x.pow(2) + 3 * y.pow(2)).sum()


def square_4x4(m):
    return m.tensor(numbers(0, 4, 4))


def square_2x2(m):
    return m.tensor(numbers(1, 2, 2))


def pair(m):
    return m.tensor(numbers(2, 2)), m.tensor(numbers(3, 2))


@pytest.mark.parametrize("create_graph", [False, True])
def test_vjp_docstring(real, create_graph):
    both(lambda m: m.autograd.functional.vjp(exp_reducer, square_4x4(m), m.ones(4), create_graph), real)
    both(lambda m: m.autograd.functional.vjp(adder, pair(m), m.ones(2), create_graph), real)


@pytest.mark.parametrize("create_graph", [False, True])
def test_jvp_docstring(real, create_graph):
    # With create_graph, the jvp's node is whatever the double backward of
    # the ops made (PyTorch's SqueezeBackward1 here): only requires_grad is compared.
    both(
        lambda m: m.autograd.functional.jvp(exp_reducer, square_4x4(m), m.ones(4, 4), create_graph),
        real,
        False,
    )
    both(lambda m: m.autograd.functional.jvp(adder, pair(m), (m.ones(2), m.ones(2)), create_graph), real)


@pytest.mark.parametrize("create_graph", [False, True])
def test_jacobian_docstring(real, create_graph):
    result = both(lambda m: m.autograd.functional.jacobian(exp_reducer, square_2x2(m), create_graph), real)
    assert node_name(result) == ("ViewBackward0" if create_graph else None)
    both(lambda m: m.autograd.functional.jacobian(exp_adder, pair(m), create_graph), real)


def test_jacobian_nests_outputs_then_inputs(real):
    both(lambda m: m.autograd.functional.jacobian(lambda x, y: (x * y, x + y), pair(m)), real)
    both(lambda m: m.autograd.functional.jacobian(lambda x: (x * 2, x.sum()), pair(m)[0]), real)
    both(lambda m: m.autograd.functional.jacobian(lambda x: (x * 2,), (pair(m)[0],)), real)


@pytest.mark.parametrize("create_graph", [False, True])
def test_hessian_docstring(real, create_graph):
    result = both(lambda m: m.autograd.functional.hessian(pow_reducer, square_2x2(m), create_graph), real)
    assert tuple(result.shape) == (2, 2, 2, 2)
    # PyTorch's own example, which raised an internal TypeError before: a tuple of tuples
    nested = both(lambda m: m.autograd.functional.hessian(pow_adder_reducer, pair(m), create_graph), real)
    assert isinstance(nested[0], tuple) and len(nested[0]) == 2


@pytest.mark.parametrize("function", ["vhp", "hvp"])
@pytest.mark.parametrize("create_graph", [False, True])
def test_vhp_and_hvp_docstring(real, function, create_graph):
    both(
        lambda m: getattr(m.autograd.functional, function)(
            pow_reducer, square_2x2(m), m.ones(2, 2), create_graph
        ),
        real,
    )
    both(
        lambda m: getattr(m.autograd.functional, function)(
            pow_adder_reducer, pair(m), (m.zeros(2), m.ones(2)), create_graph
        ),
        real,
    )


def test_v_may_be_left_out_for_one_element(real):
    both(lambda m: m.autograd.functional.vjp(lambda x: (x * 2).sum(), pair(m)[0]), real)
    for function in ("jvp", "vhp", "hvp"):
        both(lambda m, f=function: getattr(m.autograd.functional, f)(lambda x: x**3, m.tensor(2.0)), real)


# -- zeros where an input is not used (issue 14, defect 10) ---------------------------------------


def test_hessian_of_a_linear_function_is_zero(real):
    result = both(lambda m: m.autograd.functional.hessian(lambda x: x.sum(), pair(m)[0]), real)
    assert result.tolist() == [[0.0, 0.0], [0.0, 0.0]]
    both(lambda m: m.autograd.functional.hessian(lambda x, y: (x * y).sum() + x.sum(), pair(m)), real)


def test_jacobian_of_a_constant_function_is_zero(real):
    result = both(lambda m: m.autograd.functional.jacobian(lambda x: m.ones(2), m.ones(3)), real)
    assert result.tolist() == [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]


@pytest.mark.parametrize("function", ["vjp", "jvp", "vhp", "hvp"])
def test_unused_input_gets_zeros(real, function):
    v = {"vjp": lambda m: m.tensor(1.0)}.get(function, lambda m: (m.ones(2), m.ones(2)))
    both(lambda m: getattr(m.autograd.functional, function)(lambda x, y: (x**3).sum(), pair(m), v(m)), real)


def test_results_take_each_input_dtype(real):
    both(
        lambda m: m.autograd.functional.jacobian(
            lambda a: a.float() * 2, m.tensor([1.0, 2.0], dtype=m.float64)
        ),
        real,
    )
    both(
        lambda m: m.autograd.functional.hessian(
            lambda a: (a**3).sum(), m.tensor([1.0, 2.0], dtype=m.float64)
        ),
        real,
    )


def test_the_callers_tensors_are_left_alone():
    x = lab.tensor([1.0, 2.0], requires_grad=True)
    F.jacobian(lambda t: t**2, x)
    F.hessian(lambda t: (t**3).sum(), x)
    assert x.grad is None and x.is_leaf
    with pytest.warns(UserWarning):
        assert (x**2).grad is None  # sanity: the warning a non-leaf gives


def test_create_graph_reaches_the_callers_tensor(real):
    def third_derivative(m):
        x = m.tensor([1.0, 2.0], requires_grad=True)
        h = m.autograd.functional.hessian(lambda t: (t**4).sum(), x, create_graph=True)
        h.sum().backward()
        return x.grad

    assert both(third_derivative, real).tolist() == [24.0, 48.0]


# -- options ---------------------------------------------------------------------------------------


def test_vectorize_gives_the_same_result(real):
    both(lambda m: m.autograd.functional.jacobian(exp_adder, pair(m), vectorize=True), real)
    both(lambda m: m.autograd.functional.hessian(pow_adder_reducer, pair(m), vectorize=True), real)


def test_forward_mode_needs_vectorize_and_then_gives_the_output_dtype(real):
    same_error(
        lambda m: m.autograd.functional.jacobian(exp_reducer, square_2x2(m), strategy="forward-mode"), real
    )
    same_error(
        lambda m: m.autograd.functional.hessian(
            pow_reducer, square_2x2(m), outer_jacobian_strategy="forward-mode"
        ),
        real,
    )
    both(
        lambda m: m.autograd.functional.jacobian(
            lambda a: a.float() * 2,
            m.tensor([1.0, 2.0], dtype=m.float64),
            vectorize=True,
            strategy="forward-mode",
        ),
        real,
    )
    both(
        lambda m: m.autograd.functional.jacobian(
            lambda x, y: (x * y, x + y), pair(m), vectorize=True, strategy="forward-mode"
        ),
        real,
    )
    both(
        lambda m: m.autograd.functional.jacobian(exp_adder, pair(m), vectorize=True, strategy="forward-mode"),
        real,
    )


# -- errors ----------------------------------------------------------------------------------------

ERRORS: dict[str, Callable[[ModuleType], Any]] = {
    "input not a tensor": lambda m: m.autograd.functional.jacobian(lambda a: a, 3.0),
    "inputs as a list": lambda m: m.autograd.functional.jacobian(lambda a, b: a * b, list(pair(m))),
    "input tuple with a number": lambda m: m.autograd.functional.vjp(
        lambda a, b: a * b, (m.ones(2), 2.0), m.ones(2)
    ),
    "output not a tensor": lambda m: m.autograd.functional.jacobian(lambda a: 3.0, m.ones(2)),
    "output tuple with a number": lambda m: m.autograd.functional.jvp(
        lambda a: (a, 3.0), m.ones(2), m.ones(2)
    ),
    "hessian output not a tensor": lambda m: m.autograd.functional.hessian(lambda a: 3.0, m.ones(2)),
    "v left out (vjp)": lambda m: m.autograd.functional.vjp(lambda a: a * 2, m.ones(2)),
    "v left out (jvp)": lambda m: m.autograd.functional.jvp(lambda a: a * 2, m.ones(2)),
    "v left out (vhp)": lambda m: m.autograd.functional.vhp(lambda a: (a**3).sum(), m.ones(2)),
    "v of the wrong size": lambda m: m.autograd.functional.vjp(lambda a: a * 2, m.ones(2), m.ones(3)),
    "v of the wrong length": lambda m: m.autograd.functional.vjp(
        lambda a: (a * 2, a), m.ones(2), (m.ones(2),)
    ),
    "v entry of the wrong size": lambda m: m.autograd.functional.vjp(
        lambda a: (a * 2, a), m.ones(2), (m.ones(2), m.ones(3))
    ),
    "v a tuple for one tensor": lambda m: m.autograd.functional.jvp(
        lambda a: a * 2, m.ones(2), (m.ones(2), m.ones(2))
    ),
    "hessian of a vector": lambda m: m.autograd.functional.hessian(lambda a: a**2, m.ones(2)),
    "hessian of a tuple": lambda m: m.autograd.functional.hessian(lambda a: (a.sum(), a.sum()), m.ones(2)),
    "hvp of a vector": lambda m: m.autograd.functional.hvp(lambda a: a**2, m.ones(2), m.ones(2)),
    "vhp of a tuple": lambda m: m.autograd.functional.vhp(lambda a: (a.sum(),), m.ones(2), m.ones(2)),
    "unknown strategy": lambda m: m.autograd.functional.jacobian(lambda a: a, m.ones(2), strategy="sideways"),
    "unknown hessian strategy": lambda m: m.autograd.functional.hessian(
        lambda a: a.sum(), m.ones(2), outer_jacobian_strategy="sideways"
    ),
    "forward mode with create_graph": lambda m: m.autograd.functional.jacobian(
        lambda a: a, m.ones(2), create_graph=True, strategy="forward-mode"
    ),
    "forward mode with strict": lambda m: m.autograd.functional.jacobian(
        lambda a: a, m.ones(2), strict=True, strategy="forward-mode"
    ),
    "vectorize with strict": lambda m: m.autograd.functional.jacobian(
        lambda a: a * 2, m.ones(2), vectorize=True, strict=True
    ),
    # strict=True: PyTorch's errors where an output does not depend on an input
    "strict: jacobian, unused input": lambda m: m.autograd.functional.jacobian(
        lambda a, b: a * 2, pair(m), strict=True
    ),
    "strict: jacobian, constant": lambda m: m.autograd.functional.jacobian(
        lambda a: m.ones(2), m.ones(2), strict=True
    ),
    "strict: jacobian, linear with create_graph": lambda m: m.autograd.functional.jacobian(
        lambda a: a * 2, m.ones(2), strict=True, create_graph=True
    ),
    "strict: hessian, linear": lambda m: m.autograd.functional.hessian(
        lambda a: a.sum(), m.ones(2), strict=True
    ),
    "strict: hessian, unused input": lambda m: m.autograd.functional.hessian(
        lambda a, b: (a**3).sum(), pair(m), strict=True
    ),
    "strict: vjp, unused input": lambda m: m.autograd.functional.vjp(
        lambda a, b: a * 2, pair(m), m.ones(2), strict=True
    ),
    "strict: vjp, constant": lambda m: m.autograd.functional.vjp(
        lambda a: m.ones(2), m.ones(2), m.ones(2), strict=True
    ),
    "strict: vjp, linear with create_graph": lambda m: m.autograd.functional.vjp(
        lambda a: a * 2, m.ones(2), m.ones(2), strict=True, create_graph=True
    ),
    "strict: jvp, unused input": lambda m: m.autograd.functional.jvp(
        lambda a, b: a * 2, pair(m), (m.ones(2), m.ones(2)), strict=True
    ),
    "strict: jvp, constant": lambda m: m.autograd.functional.jvp(
        lambda a: m.ones(2), m.ones(2), m.ones(2), strict=True
    ),
    "strict: jvp, linear with create_graph": lambda m: m.autograd.functional.jvp(
        lambda a: a * 2, m.ones(2), m.ones(2), strict=True, create_graph=True
    ),
    "strict: vhp, linear": lambda m: m.autograd.functional.vhp(
        lambda a: a.sum(), m.ones(2), m.ones(2), strict=True
    ),
    "strict: hvp, linear": lambda m: m.autograd.functional.hvp(
        lambda a: a.sum(), m.ones(2), m.ones(2), strict=True
    ),
}


@pytest.mark.parametrize("case", ERRORS.values(), ids=ERRORS.keys())
def test_errors_are_pytorchs(real, case):
    same_error(case, real)


@pytest.mark.parametrize(
    "case",
    [
        lambda m: m.autograd.functional.jvp(lambda a: a * 2, m.ones(2), m.ones(2), strict=True),
        lambda m: m.autograd.functional.hessian(lambda a: (a**3).sum(), m.ones(2), strict=True),
        lambda m: m.autograd.functional.vhp(lambda a: (a**3).sum(), m.ones(2), m.ones(2), strict=True),
    ],
)
def test_strict_lets_dependent_outputs_through(real, case):
    both(case, real)


def test_the_hint_follows_the_language():
    from autograd_lab import messages

    with messages.speaking("zh"), pytest.raises(RuntimeError, match="strict=False") as caught:
        F.vjp(lambda a, b: a * 2, (lab.ones(2), lab.ones(2)), lab.ones(2), strict=True)
    assert "函数没有用到这个输入" in str(caught.value)


# -- random checks ------------------------------------------------------------------------------------

FUNCTIONS = {
    "polynomial": lambda x: (x**3 - 2 * x * x.sum()).sum(),
    "exp and sin": lambda x: (x.exp() * x.sin()).sum() + x[0] * x[-1],
    "softmax": lambda x: (x.softmax(0) * x).sum(),
}

vectors = hnp.arrays(np.float64, st.integers(1, 4), elements=st.floats(-2, 2, allow_subnormal=False))


@checked(40)
@given(x=vectors, v=st.data(), name=st.sampled_from(sorted(FUNCTIONS)))
def test_random_points_match_pytorch(real, x, v, name):
    f = FUNCTIONS[name]
    direction = v.draw(hnp.arrays(np.float64, x.shape, elements=st.floats(-1, 1, allow_subnormal=False)))
    for function in ("hessian", "jacobian"):
        both(lambda m, fn=function: getattr(m.autograd.functional, fn)(f, m.tensor(x)), real, grad_fn=False)
    for function in ("vhp", "hvp", "vjp", "jvp"):
        vector = (
            (lambda m: m.tensor(1.0, dtype=m.float64))
            if function == "vjp"
            else (lambda m: m.tensor(direction))
        )
        both(
            lambda m, fn=function, vec=vector: getattr(m.autograd.functional, fn)(f, m.tensor(x), vec(m)),
            real,
            grad_fn=False,
        )


@checked(40)
@given(x=vectors, data=st.data(), name=st.sampled_from(sorted(FUNCTIONS)))
def test_the_six_functions_agree_with_each_other(x, data, name):
    """vjp = vᵀJ, jvp = Jv, vhp = vᵀH, hvp = Hv (H symmetric), for the Jacobian of the gradient."""
    f = FUNCTIONS[name]
    v = data.draw(hnp.arrays(np.float64, x.shape, elements=st.floats(-1, 1, allow_subnormal=False)))
    point, direction = lab.tensor(x), lab.tensor(v)

    def gradient(t):
        return F.jacobian(f, t, create_graph=True)

    jac = F.jacobian(gradient, point).numpy()
    hess = F.hessian(f, point).numpy()
    close = {"rtol": 1e-10, "atol": 1e-10}
    np.testing.assert_allclose(jac, hess, **close)
    np.testing.assert_allclose(hess, hess.T, **close)
    np.testing.assert_allclose(F.vjp(gradient, point, direction)[1].numpy(), v @ jac, **close)
    np.testing.assert_allclose(F.jvp(gradient, point, direction)[1].numpy(), jac @ v, **close)
    np.testing.assert_allclose(F.vhp(f, point, direction)[1].numpy(), v @ hess, **close)
    np.testing.assert_allclose(F.hvp(f, point, direction)[1].numpy(), hess @ v, **close)
