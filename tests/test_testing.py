"""``torch.testing.assert_close`` against PyTorch's: what passes, and each message, word for word."""

from __future__ import annotations

from types import ModuleType

import pytest

import autograd_lab as lab

torch = pytest.importorskip("torch")

PAIRS = {
    "close floats": "(m.tensor([1.0, 2.0]), m.tensor([1.0, 2.0 + 1e-7]))",
    "one element off": "(m.tensor([1.0, 2.0, 3.0]), m.tensor([1.0, 2.1, 3.0]))",
    "dtypes differ": "(m.tensor([1.0, 2.0]), m.tensor([1.0, 2.0], dtype=m.float64))",
    "shapes differ": "(m.tensor([1.0, 2.0]), m.tensor([1.0, 2.0, 3.0]))",
    "python floats": "(1.0, 1.0 + 1e-9)",
    "python floats off": "(1.0, 1.1)",
    "python ints off": "(1, 2)",
    "booleans": "(True, False)",
    "a float and an int": "(1.0, 1)",
    "a tensor and a number": "(m.tensor(1.0), 1.0)",
    "0-d tensors": "(m.tensor(2.0), m.tensor(3.0))",
    "lists of tensors": "([m.ones(2)], [m.ones(2) * 2])",
    "a tuple and a list": "((m.ones(1),), [m.ones(1)])",
    "lengths differ": "([1, 2], [1, 2, 3])",
    "nested lists": "([[1.0, 2.0], [3.0]], [[1.0, 2.0], [3.5]])",
    "dicts": "({'a': m.ones(1)}, {'a': m.zeros(1)})",
    "dict keys": "({'a': 1}, {'b': 1})",
    "NaN": "(m.tensor([float('nan')]), m.tensor([float('nan')]))",
    "infinities": "(m.tensor([1.0, float('inf')]), m.tensor([1.0, -float('inf')]))",
    "integers": "(m.tensor([1, 2]), m.tensor([1, 3]))",
    "bools": "(m.tensor([True, False]), m.tensor([True, True]))",
    "near zero": "(m.tensor([0.0, 1.0]), m.tensor([1e-6, 1.0]))",
    "a matrix": "(m.zeros(2, 3), m.eye(2, 3))",
    "float16": "(m.tensor([1.0, 2.0], dtype=m.float16), m.tensor([1.0, 2.002], dtype=m.float16))",
    "requires_grad": "(m.ones(2, requires_grad=True), m.ones(2))",
}
OPTIONS = {
    "defaults": {},
    "msg": {"msg": "custom"},
    "msg function": {"msg": lambda text: "X " + text[:20]},
    "both tolerances": {"rtol": 0.3, "atol": 0},
    "rtol alone": {"rtol": 1e-3},
    "check_dtype=False": {"check_dtype": False},
    "equal_nan": {"equal_nan": True},
}


def outcome(m: ModuleType, pair: str, options: dict) -> str:
    actual, expected = eval(pair, {"m": m})  # noqa: S307 - our own code
    try:
        m.testing.assert_close(actual, expected, **options)
    except (AssertionError, TypeError, ValueError) as error:
        return f"{type(error).__name__}: {str(error).split(' Hint:')[0]}"
    return "ok"


@pytest.mark.parametrize("options", OPTIONS)
@pytest.mark.parametrize("pair", PAIRS)
def test_assert_close_as_pytorch(pair: str, options: str) -> None:
    assert outcome(lab, PAIRS[pair], OPTIONS[options]) == outcome(torch, PAIRS[pair], OPTIONS[options])
