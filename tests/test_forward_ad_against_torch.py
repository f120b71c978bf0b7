"""Forward-mode AD (``autograd.forward_ad``) against PyTorch's, for every op of the table and by hand.

Every op's calls (``tests/factories.py``) run on dual inputs: the tangent
of the result, ``J v``, must be PyTorch's.  Where PyTorch has no forward
derivative for an op (it raises), ours is held to the slope measured by
central differences along ``v`` instead.  Then the API: levels, printing,
``make_dual``'s copies and errors, in-place ops, custom Functions' ``jvp``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

torch_ref = pytest.importorskip("torch")

from factories import FACTORIES, SEEDS, Case, checked  # noqa: E402
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from test_against_torch import COMPUTED_IN_FLOAT32, TOLERANCES, numpy_of  # noqa: E402

import autograd_lab as lab  # noqa: E402
from tests.twins import raises_like_torch  # noqa: E402


def first_tensor(value: Any) -> Any:
    return value[0] if isinstance(value, tuple) else value


def jvp(m: Any, case: Case, tangents: list[np.ndarray]) -> np.ndarray:
    """The tangent of ``case``'s output at its inputs (float64), in direction ``tangents``."""
    fwad = m.autograd.forward_ad
    with fwad.dual_level():
        duals = [
            fwad.make_dual(m.tensor(a), m.tensor(t))
            for a, t in zip(case.inputs.values(), tangents, strict=True)
        ]
        out = first_tensor(case(m, *duals))
        tangent = fwad.unpack_dual(out).tangent
        return np.zeros(tuple(out.shape)) if tangent is None else numpy_of(tangent).copy()


def central_difference(case: Case, tangents: list[np.ndarray], eps: float = 1e-6) -> np.ndarray:
    def at(step: float) -> np.ndarray:
        moved = [lab.tensor(a + step * t) for a, t in zip(case.inputs.values(), tangents, strict=True)]
        return first_tensor(case(lab, *moved)).detach().numpy().astype(np.float64)

    return (at(eps) - at(-eps)) / (2 * eps)


# Calls whose forward derivative PyTorch leaves out without a word (the result has no tangent at all, where
# it should): held to central differences, as where PyTorch raises.  op -> what its call's code says.
NO_TANGENT_IN_TORCH = {"scatter_reduce": "'prod'"}


def held_to_central_differences(op: str, case: Case, tangents: list[np.ndarray], ours: np.ndarray) -> None:
    if op in COMPUTED_IN_FLOAT32:  # a float32 computation: a coarser step and tolerance
        measured = central_difference(case, tangents, eps=1e-3)
        np.testing.assert_allclose(ours, measured, rtol=1e-2, atol=1e-4)
    else:
        np.testing.assert_allclose(ours, central_difference(case, tangents), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("op", sorted(FACTORIES))
@checked(max_examples=6)
@given(data=st.data())
def test_every_op_forward_derivative(op: str, data: st.DataObject) -> None:
    case = data.draw(FACTORIES[op], label="case")
    rng = np.random.default_rng(data.draw(SEEDS, label="seed"))
    tangents = [rng.uniform(-1.0, 1.0, a.shape) for a in case.inputs.values()]
    ours = jvp(lab, case, tangents)
    if op in NO_TANGENT_IN_TORCH and NO_TANGENT_IN_TORCH[op] in case.code:
        held_to_central_differences(op, case, tangents, ours)
        return
    try:
        theirs = jvp(torch_ref, case, tangents)
    except (NotImplementedError, RuntimeError) as error:  # PyTorch has no forward derivative for this op
        if "forward" not in str(error) and "not implemented" not in str(error).lower():
            raise
        held_to_central_differences(op, case, tangents, ours)
        return
    tolerance = TOLERANCES[np.float32] if op in COMPUTED_IN_FLOAT32 else {"rtol": 1e-9, "atol": 1e-11}
    np.testing.assert_allclose(ours, theirs, **tolerance)


# -- the API, by hand ------------------------------------------------------------------------------------------


def session(m: Any) -> list[str]:
    """A walk through the API; what it prints."""
    fwad = m.autograd.forward_ad
    shown = []
    m.manual_seed(0)
    primal, tangent = m.randn(2, 3), m.randn(2, 3)
    with fwad.dual_level():
        dual = fwad.make_dual(primal, tangent)
        shown.append(repr(dual))
        shown.append(str(fwad.unpack_dual(dual).tangent is tangent))
        shown.append(str(fwad.unpack_dual(fwad.make_dual(primal, m.randn(3, 2).T)).tangent is tangent))
        out = (dual.sin() * 2).exp()[0].sum()
        shown.append(repr(out))
        unpacked = fwad.unpack_dual(out)
        shown.append(repr(unpacked))
        shown.append(str(unpacked.primal is out))
        copy = dual.clone()
        copy.mul_(3)
        copy[0] = 1.0
        shown.append(repr(copy))
        shown.append(repr(dual > 0))
        shown.append(repr(m.stack([dual, primal]).softmax(0)))
    shown.append(repr(fwad.unpack_dual(out)))
    shown.append(repr(out))
    return shown


def test_api_prints_as_pytorch() -> None:
    ours, theirs = session(lab), session(torch_ref)
    assert len(ours) == len(theirs)
    for a, b in zip(ours, theirs, strict=True):
        assert a == b


def test_tangent_through_a_module_and_a_function() -> None:
    def run(m: Any) -> list:
        fwad = m.autograd.forward_ad
        m.manual_seed(1)
        model = m.nn.Sequential(m.nn.Linear(3, 4), m.nn.Tanh(), m.nn.Linear(4, 2))
        params = dict(model.named_parameters())
        tangents = {name: m.rand_like(p) for name, p in params.items()}
        x = m.randn(5, 3)

        class Exp(m.autograd.Function):
            @staticmethod
            def forward(ctx, a):
                ctx.result = a.exp()
                return ctx.result

            @staticmethod
            def backward(ctx, grad):
                return grad * ctx.result

            @staticmethod
            def jvp(ctx, tangent):
                return tangent * ctx.result

        with fwad.dual_level():
            for name, p in params.items():
                module_name, _, attribute = name.rpartition(".")
                module = model.get_submodule(module_name)
                delattr(module, attribute)
                setattr(module, attribute, fwad.make_dual(p, tangents[name]))
            out = Exp.apply(model(x))
            return [fwad.unpack_dual(out).tangent.detach().numpy().copy(), out.detach().numpy().copy()]

    for a, b in zip(run(lab), run(torch_ref), strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)


def test_dual_tensors_end_with_their_level() -> None:
    fwad = lab.autograd.forward_ad
    with fwad.dual_level():
        x = fwad.make_dual(lab.tensor([1.0, 2.0]), lab.tensor([1.0, 1.0]))
        y = x * x
        assert fwad.unpack_dual(y).tangent is not None
    assert fwad.unpack_dual(y).tangent is None
    assert repr(y) == "tensor([1., 4.])"
    assert (x * x).equal(y)  # no forward work after the level: plain values


ERRORS = {
    "no level": lambda m: m.autograd.forward_ad.make_dual(m.ones(2), m.ones(2)),
    "size": lambda m: _in_level(m, lambda: m.autograd.forward_ad.make_dual(m.ones(2), m.ones(3))),
    "integer primal": lambda m: _in_level(
        m, lambda: m.autograd.forward_ad.make_dual(m.ones(2, dtype=m.int64), m.ones(2))
    ),
    "integer tangent": lambda m: _in_level(
        m, lambda: m.autograd.forward_ad.make_dual(m.ones(2), m.ones(2, dtype=m.int64))
    ),
    "nested": lambda m: _in_level(m, m.autograd.forward_ad.enter_dual_level),
    "function without jvp": lambda m: _in_level(m, lambda: _no_jvp(m)),
}


def _in_level(m: Any, action: Any) -> Any:
    with m.autograd.forward_ad.dual_level():
        return action()


def _no_jvp(m: Any) -> Any:
    class Double(m.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2

        @staticmethod
        def backward(ctx, grad):
            return grad * 2

    return Double.apply(m.autograd.forward_ad.make_dual(m.ones(2), m.ones(2)))


@pytest.mark.parametrize("name", ERRORS)
def test_errors(name: str) -> None:
    raises_like_torch(ERRORS[name], torch_ref)
