"""Helper C's functions run in autograd_lab and in PyTorch: operators, linear algebra, torch-level helpers.

Each case is one expression in PyTorch's API (``m`` is the module): its
``repr``, or its exception's type and sentence, must be PyTorch's; our
errors add a hint.  Skipped where PyTorch is not installed.
"""

from __future__ import annotations

import pytest

torch_ref = pytest.importorskip("torch")

from test_edge_cases_against_torch import outcome  # noqa: E402 - run in both, errors without our hint

import autograd_lab as lab  # noqa: E402

INTS = "m.tensor([7, -7, 5, 0])"
DIVISORS = "m.tensor([2, 2, -3, 4])"
FLOATS = "m.tensor([7.5, -7.5, 5.0, 0.0, -0.0])"

OPERATORS = {
    "// of ints": f"{INTS} // {DIVISORS}",
    "// of ints by a number": f"({INTS} // 2, {INTS} // -3, {INTS} // 2.5)",
    "number // tensor": f"(7 // {DIVISORS}, 7.0 // {DIVISORS}, -7 // m.tensor([2.0, -2.0]))",
    "// of floats": f"({FLOATS} // 2, {FLOATS} // -2.0, {FLOATS} // m.tensor(0.0))",
    "floor_divide": f"(m.floor_divide({INTS}, {DIVISORS}), {INTS}.floor_divide(3))",
    "// by integer zero": f"{INTS} // m.tensor(0)",
    "div rounding modes": (
        f"[m.div({INTS}, {DIVISORS}, rounding_mode=r) for r in (None, 'trunc', 'floor')]"
        f" + [{FLOATS}.div(-2.0, rounding_mode=r) for r in ('trunc', 'floor')]"
    ),
    "div's rounding mode has no gradient": (
        "(lambda x: m.autograd.grad(m.div(x, 2, rounding_mode='floor').sum(), x))"
        "(m.tensor([1.5, -2.5], requires_grad=True))"
    ),
    "div with an unknown rounding mode": f"m.div({INTS}, 2, rounding_mode='round')",
    # (not -0.0 % 2: PyTorch keeps the sign, -0., where NumPy's and Python's % give 0.)
    "% of ints and floats": f"({INTS} % 3, {INTS} % -3, 7 % {DIVISORS}, 7.5 % {DIVISORS}, {FLOATS}[:4] % 2)",
    "remainder and fmod": f"(m.remainder({INTS}, {DIVISORS}), m.fmod({INTS}, {DIVISORS}), {FLOATS}.fmod(-2))",
    "lerp": "m.lerp(m.tensor([0., 1., 2.]), m.tensor([10., 10., 10.]), m.tensor([0., 0.5, 1.]))",
    "lerp of mixed dtypes": "m.lerp(m.tensor([0.]), m.tensor([1.], dtype=m.float64), 0.5)",
    "atan2, hypot, logaddexp of ints and floats": (
        f"(m.atan2({INTS}, {DIVISORS}), m.hypot(m.tensor([3.]), m.tensor([4.])),"
        " m.logaddexp(m.tensor([0., float('inf'), -float('inf')]), m.tensor([0., float('inf'), -float('inf')])))"
    ),
    "xlogy at 0 and nan": (
        "(m.xlogy(m.tensor([0., 0., 2.]), m.tensor([0., float('nan'), 3.])), m.xlogy(2, m.tensor([1., 2.])),"
        " m.xlogy(m.tensor([0., 2.]), 0))"
    ),
    "heaviside": "(m.heaviside(m.tensor([-1., 0., 2.]), m.tensor(0.5)), m.heaviside(m.tensor([-1, 0, 2]), m.tensor([7])))",
    "heaviside of mixed dtypes": "m.heaviside(m.tensor([1.]), m.tensor([1]))",
    "sinc, deg2rad, rad2deg": (
        "(m.sinc(m.tensor([0., 0.5, 1.5])), m.deg2rad(m.tensor([180., 90.])), m.tensor([3.14159]).rad2deg(),"
        " m.deg2rad(m.tensor([180])))"
    ),
}

CASES: dict[str, str] = {**OPERATORS}


@pytest.mark.parametrize("code", CASES.values(), ids=CASES.keys())
def test_as_pytorch(code: str) -> None:
    assert outcome(lab, code) == outcome(torch_ref, code)
