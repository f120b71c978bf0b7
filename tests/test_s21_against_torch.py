"""Session 21's finds in other people's lessons (PyTorch's tutorials; pytorch-book, pytorch-handbook and
Dive-into-DL-PyTorch): mistakes students make, which PyTorch refuses and autograd_lab let through, or
refused with another type or message."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import twins

import autograd_lab as lab
from autograd_lab import messages
from autograd_lab.messages.catalogue import ERRORS

torch = pytest.importorskip("torch")


def outcome(m, code: str) -> tuple:
    return twins.outcome(m, code, {"np": np})


# PyTorch's error (type and first sentence), and ours adds a hint.
REFUSED = [
    # a negative power of an integer tensor (handbook: x ** -1 on torch.tensor([2]))
    "m.tensor([2]) ** -1",
    "m.pow(m.tensor([2]), -2)",
    "m.tensor([2, 3]).pow_(-1)",
    # something that is not a tensor in what cat/stack join (a Dataset that returned None)
    "m.stack([m.ones(1), None])",
    "m.stack([None, m.ones(1)])",
    "m.stack([m.ones(1), [1.0]])",
    "m.stack([])",
    "m.cat([m.ones(1), None])",
    "m.hstack([m.ones(1), None])",
    "m.vstack([None])",
    "list(m.utils.data.DataLoader([m.ones(1), None], batch_size=2))",
    # the dimension an index is out of bounds for: its place in the key
    "m.ones(3, 2)[1, 5]",
    "m.ones(2, 3, 4)[0, 0, 9]",
    "m.ones(2, 3, 4)[0, -5]",
    "m.ones(2, 3, 4)[..., 9]",
    "m.ones(2, 3)[None, 1, 7]",
    # an index that is not a whole number
    "m.arange(12).view(3, 4)[1.0]",
    "m.arange(12).view(3, 4)[1, 2.0]",
    "m.arange(12).view(3, 4)[np.float64(1.0)]",
    "m.arange(12).view(3, 4)[{1}]",
    # sizes for view/reshape/expand
    "m.ones(6).view(-1, -1)",
    "m.ones(6).reshape(-1, 2, -1)",
    "m.ones(6).view(-2, 3)",
    "m.ones(6).view(2, -3)",
    "m.ones(0).view(-1, 0)",
    "m.ones(0).view(2, -1, 3)",
    "m.ones(6).expand(-1, -1)",
    "m.ones(2, 1).expand(-1, 3, 3)",
    "m.ones(2, 1).expand(3, -1, 4)",
    # the legacy constructors: one number that is not a size (pytorch-book's Tensor chapter)
    "m.Tensor(2.5)",
    "m.Tensor(True)",
    "m.Tensor(np.float32(2.5))",
    "m.Tensor(np.bool_(True))",
    "m.Tensor(None)",
    "m.Tensor({1: 2})",
    "m.Tensor('ab')",
    "m.LongTensor(2.5)",
    "m.FloatTensor(np.float64(2.0))",
    # a compiled type is named with its module, as CPython's tp_name: "numpy.ndarray"
    "m.nn.Linear(2, 2)(np.ones((1, 2), dtype=np.float32))",
    "m.stack([m.ones(1), np.ones(1)])",
]


@pytest.mark.parametrize("code", REFUSED)
def test_refused_as_pytorch_refuses_it(code: str) -> None:
    assert outcome(lab, code) == outcome(torch, code)


# The same results as PyTorch's (where autograd_lab computed another, or refused).
COMPUTED = [
    "m.tensor([2, 1, -1, 0, -2, -1, 3]) ** m.tensor([-1, -3, -3, -1, -2, -2, 2])",  # PyTorch's powi
    "2 ** m.tensor([-1, 0, 3])",
    "(-1) ** m.tensor([-1, -2, 3])",
    "m.tensor([2, -1]).pow(m.tensor(-1))",
    "m.tensor([2], dtype=m.int32) ** m.tensor([-1])",
    "m.tensor([2, 3], dtype=m.uint8) ** m.tensor([2, 1], dtype=m.uint8)",
    "m.tensor([2.0]) ** -1",
    "m.ones(6).view(-1).shape",
    "m.ones(6).view(3, -1).shape",
    "m.ones(0).view(0, -1).shape",
    "m.ones(6).reshape((-1, 3)).shape",
    "m.ones(6).expand(2, -1).shape",
    "m.ones(2, 1).expand(2, -1, -1).shape",
    "m.ones(2, 1).expand(-1, 3).shape",
    "m.Tensor(np.array(2.5))",
    "m.Tensor(range(3))",
    "m.Tensor((1, 2))",
    "m.Tensor(m.tensor(2.5))",
    "m.Tensor(3).shape",
    "m.Tensor(np.int64(2)).shape",
    "m.arange(12).view(3, 4)[range(2)]",
    "m.arange(12).view(3, 4)[np.int64(1)]",
    "m.arange(12).view(3, 4)[True]",
]


@pytest.mark.parametrize("code", COMPUTED)
def test_computed_as_pytorch_computes_it(code: str) -> None:
    assert outcome(lab, code) == outcome(torch, code)


# An operator given an operand PyTorch's operators do not take returns NotImplemented: Python's own
# TypeError follows (no hint: the message is Python's), or the other operand's operator runs.
OPERANDS = [
    "m.ones(1) + None",
    "None + m.ones(1)",
    "m.ones(2) + [1, 2]",
    "[1, 2] + m.ones(2)",
    "m.ones(2) + (1, 2)",
    "m.ones(2) * 'a'",
    "'a' * m.ones(2)",
    "m.ones(2) - 'a'",
    "m.ones(2) == None",
    "m.ones(2) != None",
    "m.ones(2) == [1, 1]",
    "m.ones(2) < None",
    "m.ones(2) + __import__('fractions').Fraction(1, 2)",
    "m.ones(2) ** None",
    "None ** m.ones(2)",
    "m.ones(2) / None",
    "None / m.ones(2)",
    "None - m.ones(2)",
    "m.ones(2) // None",
    "m.ones(2) % [1]",
    "m.ones(2) @ None",
    "m.ones(2, dtype=m.bool) & None",
    "m.ones(2, dtype=m.long) << None",
    "m.ones(2).__iadd__(None)",
    "m.ones(2).__imul__([1])",
    "m.ones(2) * np.float64(2)",
    "m.ones(2, dtype=m.long) + np.ones(2, np.int32)",
    "m.ones(2) == np.ones(2)",
    "m.ones(2) + 1.5",
    "3 - m.ones(2, dtype=m.long)",
]


@pytest.mark.parametrize("code", OPERANDS)
def test_operators_take_what_pytorchs_operators_take(code: str) -> None:
    assert twins.plain_outcome(lab, code, {"np": np}) == twins.plain_outcome(torch, code, {"np": np})


def test_a_hot_operator_still_goes_straight_to_its_op() -> None:
    """x * y and x + 2 call apply without a wrapper of the method's own (the operand check is inline)."""
    assert lab.Tensor.__mul__.__code__.co_names.count("apply") == 1


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("m.tensor([1+2j])", "complex"),
        ("m.tensor([[1, 2j]])", "complex"),
        ("m.tensor(np.array([1j]))", "numpy.complex128"),
        ("m.from_numpy(np.array([1j], np.complex64))", "numpy.complex64"),
        ("m.as_tensor([1j])", "complex"),
    ],
)
def test_complex_data_is_refused_saying_complex_numbers_are_not_here(code: str, expected: str) -> None:
    """PyTorch makes complex tensors (the autograd notes' complex section); this library has none, and
    said so only for operations: making one said "a tensor is made of numbers" or listed complex128
    among the supported types."""
    with pytest.raises(TypeError) as caught:
        eval(code, {"m": lab, "np": np})  # noqa: S307
    assert str(caught.value) == messages.text("complex_data", type_name=expected)
    assert "complex" in ERRORS["complex_data"].en


def test_a_non_tuple_index_warns_at_the_students_line() -> None:
    """pytorch-book chapter 6: x[[0, slice(None)]] warned at "sys:1", not at the line that indexed."""
    script = "import autograd_lab as torch\nx = torch.arange(6).reshape(2, 3)\ny = x[[0, slice(None)]]\n"
    root = Path(__file__).resolve().parents[1]
    shown = subprocess.run(
        [sys.executable, "-W", "always", "-c", script], capture_output=True, text=True, cwd=root
    ).stderr
    assert shown.startswith("<string>:3: UserWarning: Using a non-tuple sequence"), shown


def test_set_default_tensor_type_hint_names_the_dtype_asked_for() -> None:
    """D2L 3.3 asks for torch.FloatTensor: the hint spoke of float64."""
    shown = messages.text("set_default_tensor_type_deprecated", legacy="torch.FloatTensor", dtype=lab.float32)
    assert "torch.set_default_dtype(torch.float32)" in shown
    assert "float64" not in shown


@pytest.mark.parametrize(
    ("value", "name"),
    [
        (np.ones(1), "numpy.ndarray"),
        (np.float32(1), "numpy.float32"),
        (None, "NoneType"),
        ([], "list"),
        (lab.ones(1), "Tensor"),
        (Path("."), type(Path(".")).__name__),
    ],
)
def test_type_names_are_cpythons_tp_name(value: object, name: str) -> None:
    assert messages.type_name(value) == name
