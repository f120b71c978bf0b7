"""The misuse catalogue: every beginner's mistake, its exception and its message.

Each case is one misuse written once, against a module ``t`` that is either
autograd_lab or PyTorch.  For autograd_lab we check the exception type, that
the message starts with PyTorch's own first sentence (written out in the
table), and that a plain-words hint follows.  When PyTorch is installed, the
same code runs in PyTorch and must fail with the same type and first sentence.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

import pytest

import autograd_lab


@dataclass(frozen=True)
class Case:
    id: str
    misuse: Callable[[ModuleType], object]
    error: type[BaseException]
    sentence: str  # PyTorch's message starts with this, and so must ours
    also: tuple[str, ...] = ()  # further text our message must contain
    not_before_hint: str = ""  # text that must not be in our part before the hint


def _leaf(t: ModuleType):
    return t.tensor([1.0, 2.0], requires_grad=True)


def _backward_twice(t):
    x = _leaf(t)
    y = (x * x).sum()
    y.backward()
    y.backward()


def _saved_then_modified(t):
    x = _leaf(t)
    y = x * 1
    z = y * y
    y.add_(1)
    z.sum().backward()


def _leaf_modified_under_no_grad(t):
    x = _leaf(t)
    z = (x * x).sum()
    with t.no_grad():
        x.mul_(2)
    z.backward()


def _saved_output_modified(t):
    x = _leaf(t)
    y = x.exp()  # exp saves its result, y
    y.add_(1)
    y.sum().backward()


def _setitem(index):
    def misuse(t):
        x = _leaf(t)
        x[index] = 1.0

    return misuse


def _iadd(t):
    x = _leaf(t)
    x += 1


def _non_leaf_grad(t):
    y = _leaf(t) * 2
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert y.grad is None
    assert len(caught) == 1
    raise caught[0].category(str(caught[0].message))  # checked like an exception


def _set_requires_grad(flag):
    def misuse(t):
        (_leaf(t) * 2).requires_grad = flag

    return misuse


INPLACE_SENTENCE = (
    "one of the variables needed for gradient computation has been modified by an inplace operation: "
)
LEAF_SENTENCE = "a leaf Variable that requires grad is being used in an in-place operation."
VIEW_SENTENCE = "a view of a leaf Variable that requires grad is being used in an in-place operation."
NON_LEAF_SENTENCE = "you can only change requires_grad flags of leaf variables."

CASES = [
    Case(
        "backward-twice",
        _backward_twice,
        RuntimeError,
        "Trying to backward through the graph a second time (or directly access saved tensors "
        "after they have already been freed).",
        ("retain_graph=True",),
    ),
    Case(
        "backward-non-scalar",
        lambda t: (_leaf(t) * 2).backward(),
        RuntimeError,
        "grad can be implicitly created only for scalar outputs",
    ),
    Case(
        "backward-without-grad",
        lambda t: t.tensor([1.0, 2.0]).sum().backward(),
        RuntimeError,
        "element 0 of tensors does not require grad and does not have a grad_fn",
    ),
    Case(
        "requires-grad-int-tensor",
        lambda t: t.tensor([1], requires_grad=True),
        RuntimeError,
        "Only Tensors of floating point and complex dtype can require gradients",
    ),
    Case(
        "requires-grad-int-method",
        lambda t: t.tensor([1]).requires_grad_(),
        RuntimeError,
        "only Tensors of floating point dtype can require gradients",
    ),
    Case(
        "requires-grad-int-factory",
        lambda t: t.zeros(2, dtype=t.int64, requires_grad=True),
        RuntimeError,
        "Only Tensors of floating point and complex dtype can require gradients",
    ),
    Case(
        "inplace-on-saved",
        _saved_then_modified,
        RuntimeError,
        INPLACE_SENTENCE + "[torch.FloatTensor [2]], which is output 0 of Add, is at version 1; "
        "expected version 0 instead.",
    ),
    Case(
        "inplace-on-saved-leaf-under-no-grad",
        _leaf_modified_under_no_grad,
        RuntimeError,
        INPLACE_SENTENCE + "[torch.FloatTensor [2]] is at version 1; expected version 0 instead.",
    ),
    Case(
        "inplace-on-saved-output",
        _saved_output_modified,
        RuntimeError,
        INPLACE_SENTENCE + "[torch.FloatTensor [2]], which is output 0 of Exp, is at version 1; "
        "expected version 0 instead.",
    ),
    Case("leaf-add_", lambda t: _leaf(t).add_(1), RuntimeError, LEAF_SENTENCE, ("torch.no_grad()",)),
    Case("leaf-iadd", _iadd, RuntimeError, LEAF_SENTENCE),
    Case("leaf-setitem-int", _setitem(0), RuntimeError, VIEW_SENTENCE),
    Case("leaf-setitem-partial-slice", _setitem(slice(0, 1)), RuntimeError, VIEW_SENTENCE),
    Case("leaf-setitem-full-slice", _setitem(slice(None)), RuntimeError, LEAF_SENTENCE),
    Case("leaf-setitem-list", _setitem([0]), RuntimeError, LEAF_SENTENCE),
    Case(
        "broadcast-mismatch",
        lambda t: t.ones(2, 3) + t.ones(4),
        RuntimeError,
        "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1",
        ("[2, 3]", "[4]"),
    ),
    Case(
        "matmul-mismatch",
        lambda t: t.ones(2, 3) @ t.ones(4, 5),
        RuntimeError,
        "mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)",
    ),
    Case(
        "dot-mismatch",
        lambda t: t.ones(3) @ t.ones(4),
        RuntimeError,
        "inconsistent tensor size, expected tensor [3] and src [4] to have the same number of "
        "elements, but got 3 and 4 elements respectively",
    ),
    Case(
        "grad-of-non-leaf",
        _non_leaf_grad,
        UserWarning,
        "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed.",
        (".retain_grad()",),
    ),
    Case(
        "item-of-3-elements",
        lambda t: t.tensor([1.0, 2.0, 3.0]).item(),
        RuntimeError,
        "a Tensor with 3 elements cannot be converted to Scalar",
    ),
    Case(
        "numpy-requires-grad",
        lambda t: _leaf(t).numpy(),
        RuntimeError,
        "Can't call numpy() on Tensor that requires grad.",
        ("detach()",),
    ),
    Case(
        "backward-gradient-wrong-shape",
        lambda t: (_leaf(t) * 2).backward(t.ones(3)),
        RuntimeError,
        "Mismatch in shape: grad_output[0] has a shape of torch.Size([3]) and output[0] has a "
        "shape of torch.Size([2]).",
    ),
    Case(
        "view-impossible-shape",
        lambda t: t.arange(6).view(4, 2),
        RuntimeError,
        "shape '[4, 2]' is invalid for input of size 6",
    ),
    Case(
        "index-out-of-range",
        lambda t: t.ones(3)[5],
        IndexError,
        "index 5 is out of bounds for dimension 0 with size 3",
    ),
    Case(
        "dim-out-of-range",
        lambda t: t.ones(2, 3).sum(dim=2),
        IndexError,
        "Dimension out of range (expected to be in range of [-2, 1], but got 2)",
    ),
    Case(
        "cat-size-mismatch",
        lambda t: t.cat([t.ones(2, 3), t.ones(2, 4)], dim=0),
        RuntimeError,
        "Sizes of tensors must match except in dimension 0. Expected size 3 but got size 4 for "
        "tensor number 1 in the list.",
    ),
    Case(
        "stack-size-mismatch",
        lambda t: t.stack([t.ones(2), t.ones(3)]),
        RuntimeError,
        "stack expects each tensor to be equal size, but got [2] at entry 0 and [3] at entry 1",
    ),
    Case(
        "autograd-grad-unused-input",
        lambda t: t.autograd.grad((_leaf(t) * 2).sum(), [_leaf(t)]),
        RuntimeError,
        "The differentiated Tensor at index 0 appears to not have been used in the graph.",
        ("allow_unused=True",),
    ),
    Case(
        "autograd-grad-input-without-grad",
        lambda t: t.autograd.grad((_leaf(t) * 2).sum(), [t.ones(2)]),
        RuntimeError,
        "One of the differentiated Tensors does not require grad",
    ),
    Case(
        "requires-grad-false-on-non-leaf",
        _set_requires_grad(False),
        RuntimeError,
        NON_LEAF_SENTENCE,
        ("var.detach()",),
    ),
    Case(
        "requires-grad-true-on-non-leaf",
        _set_requires_grad(True),
        RuntimeError,
        NON_LEAF_SENTENCE,
        not_before_hint="detach()",  # PyTorch gives that advice only when switching it off
    ),
    Case(
        "requires-grad_-false-on-non-leaf",
        lambda t: (_leaf(t) * 2).requires_grad_(False),
        RuntimeError,
        NON_LEAF_SENTENCE,
    ),
    Case(
        "mean-of-int",
        lambda t: t.tensor([1, 2]).mean(),
        RuntimeError,
        "mean(): could not infer output dtype. Input dtype must be either a floating point or "
        "complex dtype. Got: Long",
    ),
    Case(
        "ragged-nested-list",
        lambda t: t.tensor([[1, 2], [3]]),
        ValueError,
        "expected sequence of length 2 at dim 1 (got 1)",
    ),
]


def _outcome(case: Case, module: ModuleType) -> tuple[type, str]:
    """Run the misuse; return the exception's exact type and its message."""
    try:
        case.misuse(module)
    except Exception as error:  # noqa: BLE001 - the type is what we check
        return type(error), str(error)
    pytest.fail(f"{case.id}: no exception from {module.__name__}")


def _first_sentence(message: str) -> str:
    """PyTorch's first sentence: up to its first '. ' (or its own ' Hint:'), period kept."""
    message = message.split(" Hint:")[0].split("\n")[0].strip()
    end = message.find(". ")
    return message if end < 0 else message[: end + 1]


def test_catalogue_has_distinct_cases():
    assert len(CASES) >= 18
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_message(case: Case):
    error, message = _outcome(case, autograd_lab)
    assert error is case.error, message
    assert message.startswith(case.sentence), message
    for text in case.also:
        assert text in message
    if case.not_before_hint:
        assert case.not_before_hint not in message.split(" Hint: ")[0]
    # Exactly one hint, after PyTorch's text: one plain sentence on one line.
    assert message.count(" Hint: ") == 1, message
    hint = message.split(" Hint: ")[1]
    assert re.fullmatch(r"[a-z`(][^\n]{15,}[.)]", hint), hint
    assert not re.search(r"\.\s+[A-Z]", hint), f"more than one sentence: {hint}"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_same_as_pytorch(case: Case):
    torch = pytest.importorskip("torch")
    error, message = _outcome(case, torch)
    ours_error, ours = _outcome(case, autograd_lab)
    assert error is ours_error, message
    assert message.startswith(case.sentence), message  # the table holds PyTorch's words
    assert ours.startswith(_first_sentence(message)), (ours, message)
    if case.not_before_hint:
        assert case.not_before_hint not in message
