"""The misuse catalogue: every beginner's mistake, its exception and its message.

Each case is one misuse written once, against a module ``t`` that is either
autograd_lab or PyTorch, with the whole message a student reads written out:
PyTorch's own words, then `` Hint: `` and our hint.  For autograd_lab we check
the exception type and that the message is exactly that, word for word (a hint
that names the wrong backward() or an index range off by one must fail here),
and that the hint is one plain sentence.  When PyTorch is installed, the same
code runs in PyTorch and must fail with the same type, and its message must
start with the words the table holds as PyTorch's.
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
    sentence: (
        str  # PyTorch's words: ours says exactly this before its hint, and PyTorch's message starts with it
    )
    hint: str  # ours, after " Hint: ", in full
    not_before_hint: str = ""  # text that PyTorch's message must not contain


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
DETACH_ADVICE = (
    " If you want to use a computed variable in a subgraph that doesn't require differentiation use "
    "var_no_grad = var.detach()."
)

# Hints that several cases share.
FLOAT_HINT = (
    "a derivative needs values that can change smoothly; write the numbers as floats (2. instead of 2) "
    "or pass dtype=torch.float32."
)
TORCH_INPLACE_HINT = (  # (PyTorch's message ends with a hint of its own: it stays, before ours)
    " Hint: enable anomaly detection to find the operation that failed to compute its gradient, with "
    "torch.autograd.set_detect_anomaly(True, check_nan=False)."
)
INPLACE_HINT = (
    "backward() needs the value this tensor had when it was used, but an in-place operation (a method "
    "ending in _, or +=, or t[i] = ...) changed it afterwards; use the out-of-place form (x = x + 1) instead."
)
LEAF_HINT = (
    "changing a tensor you differentiate with respect to would lose its history; do the update inside "
    "`with torch.no_grad():`."
)
NON_LEAF_HINT = "a computed tensor requires grad because its inputs do."

CASES = [
    Case(
        "backward-twice",
        _backward_twice,
        RuntimeError,
        "Trying to backward through the graph a second time (or directly access saved tensors "
        "after they have already been freed).",
        "the first backward() freed the values this graph saved; pass retain_graph=True to the first "
        "backward() to keep them.",
    ),
    Case(
        "backward-non-scalar",
        lambda t: (_leaf(t) * 2).backward(),
        RuntimeError,
        "grad can be implicitly created only for scalar outputs",
        "this output has several elements, so say how much each one counts: pass a tensor of the same "
        "shape, e.g. y.backward(torch.ones_like(y)), or reduce it first with y.sum().",
    ),
    Case(
        "backward-without-grad",
        lambda t: t.tensor([1.0, 2.0]).sum().backward(),
        RuntimeError,
        "element 0 of tensors does not require grad and does not have a grad_fn",
        "nothing that produced this tensor requires grad, so there is no graph to go back through; "
        "create the inputs with requires_grad=True.",
    ),
    Case(
        "requires-grad-int-tensor",
        lambda t: t.tensor([1], requires_grad=True),
        RuntimeError,
        "Only Tensors of floating point and complex dtype can require gradients",
        FLOAT_HINT,
    ),
    Case(
        "requires-grad-int-method",
        lambda t: t.tensor([1]).requires_grad_(),
        RuntimeError,
        "only Tensors of floating point dtype can require gradients",
        FLOAT_HINT,
    ),
    Case(
        "requires-grad-int-factory",
        lambda t: t.zeros(2, dtype=t.int64, requires_grad=True),
        RuntimeError,
        "Only Tensors of floating point and complex dtype can require gradients",
        FLOAT_HINT,
    ),
    Case(
        "inplace-on-saved",
        _saved_then_modified,
        RuntimeError,
        INPLACE_SENTENCE + "[torch.FloatTensor [2]], which is output 0 of Add, is at version 1; "
        "expected version 0 instead." + TORCH_INPLACE_HINT,
        INPLACE_HINT,
    ),
    Case(
        "inplace-on-saved-leaf-under-no-grad",
        _leaf_modified_under_no_grad,
        RuntimeError,
        INPLACE_SENTENCE
        + "[torch.FloatTensor [2]] is at version 1; expected version 0 instead."
        + TORCH_INPLACE_HINT,
        INPLACE_HINT,
    ),
    Case(
        "inplace-on-saved-output",
        _saved_output_modified,
        RuntimeError,
        INPLACE_SENTENCE + "[torch.FloatTensor [2]], which is output 0 of Exp, is at version 1; "
        "expected version 0 instead." + TORCH_INPLACE_HINT,
        INPLACE_HINT,
    ),
    Case("leaf-add_", lambda t: _leaf(t).add_(1), RuntimeError, LEAF_SENTENCE, LEAF_HINT),
    Case("leaf-iadd", _iadd, RuntimeError, LEAF_SENTENCE, LEAF_HINT),
    Case("leaf-setitem-int", _setitem(0), RuntimeError, VIEW_SENTENCE, LEAF_HINT),
    Case("leaf-setitem-partial-slice", _setitem(slice(0, 1)), RuntimeError, VIEW_SENTENCE, LEAF_HINT),
    Case("leaf-setitem-full-slice", _setitem(slice(None)), RuntimeError, LEAF_SENTENCE, LEAF_HINT),
    Case("leaf-setitem-list", _setitem([0]), RuntimeError, LEAF_SENTENCE, LEAF_HINT),
    Case(
        "broadcast-mismatch",
        lambda t: t.ones(2, 3) + t.ones(4),
        RuntimeError,
        "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1",
        "shapes [2, 3] and [4] do not combine: counting from the right, their sizes must be equal or one "
        "of them 1.",
    ),
    Case(
        "matmul-mismatch",
        lambda t: t.ones(2, 3) @ t.ones(4, 5),
        RuntimeError,
        "mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)",
        "in A @ B the number of columns of A must equal the number of rows of B.",
    ),
    Case(
        "matmul-of-a-0-d-tensor",
        lambda t: t.ones(3) @ t.tensor(2.0),
        RuntimeError,
        "both arguments to matmul need to be at least 1D, but they are 1D and 0D",
        "for a product with a number, use *.",
    ),
    Case(
        "mm-of-a-vector",
        lambda t: t.ones(3).mm(t.ones(3, 2)),
        RuntimeError,
        "self must be a matrix",
        "mm multiplies two 2-D tensors; this one is 1-D, use matmul or @ instead.",
    ),
    Case(
        "bmm-of-matrices",
        lambda t: t.ones(2, 3).bmm(t.ones(3, 2)),
        RuntimeError,
        "batch1 must be a 3D tensor",
        "bmm multiplies batches of matrices; these are 2-D and 2-D, use matmul or @ instead.",
    ),
    Case(
        "dot-mismatch",
        lambda t: t.ones(3) @ t.ones(4),
        RuntimeError,
        "inconsistent tensor size, expected tensor [3] and src [4] to have the same number of "
        "elements, but got 3 and 4 elements respectively",
        "a dot product pairs the elements of two vectors, so they need the same length.",
    ),
    Case(
        "grad-of-non-leaf",
        _non_leaf_grad,
        UserWarning,
        "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad "
        "attribute won't be populated during autograd.backward(). If you indeed want the .grad field to "
        "be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. If you access "
        "the non-leaf Tensor by mistake, make sure you access the leaf Tensor instead. See "
        "github.com/pytorch/pytorch/pull/30531 for more information.",
        "backward() stores gradients only in the tensors you created with requires_grad=True; call "
        ".retain_grad() before backward() to keep this one.",
    ),
    Case(
        "retain-grad-without-grad",
        lambda t: t.ones(2).retain_grad(),
        RuntimeError,
        "can't retain_grad on Tensor that has requires_grad=False",
        "only tensors computed from tensors that require grad have a gradient to keep.",
    ),
    Case(
        "item-of-3-elements",
        lambda t: t.tensor([1.0, 2.0, 3.0]).item(),
        RuntimeError,
        "a Tensor with 3 elements cannot be converted to Scalar",
        "item() returns one Python number, so the tensor must hold exactly one element; pick one with "
        "indexing, or use .tolist().",
    ),
    Case(
        "bool-of-a-vector",
        lambda t: bool(t.ones(3)),
        RuntimeError,
        "Boolean value of Tensor with more than one value is ambiguous",
        "use .any() or .all(), or compare one element.",
    ),
    Case(
        "numpy-requires-grad",
        lambda t: _leaf(t).numpy(),
        RuntimeError,
        "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.",
        "a NumPy array cannot carry the graph, so detach() the tensor from it first.",
    ),
    Case(
        "backward-gradient-wrong-shape",
        lambda t: (_leaf(t) * 2).backward(t.ones(3)),
        RuntimeError,
        "Mismatch in shape: grad_output[0] has a shape of torch.Size([3]) and output[0] has a "
        "shape of torch.Size([2]).",
        "the gradient passed to backward() weighs each element of the output, so it needs the output's "
        "shape.",
    ),
    Case(
        "assign-grad-of-another-shape",
        lambda t: setattr(_leaf(t), "grad", t.ones(3)),
        RuntimeError,
        "attempting to assign a gradient of size '[3]' to a tensor of size '[2]'. Please ensure that the "
        "gradient and the tensor are the same size",
        "a gradient holds one number per element of its tensor.",
    ),
    Case(
        "view-impossible-shape",
        lambda t: t.arange(6).view(4, 2),
        RuntimeError,
        "shape '[4, 2]' is invalid for input of size 6",
        "a reshape keeps every element, so the new sizes must multiply to the same count.",
    ),
    Case(
        "view-of-a-transposed-tensor",
        lambda t: t.ones(2, 3).t().view(6),
        RuntimeError,
        "view size is not compatible with input tensor's size and stride (at least one dimension spans "
        "across two contiguous subspaces). Use .reshape(...) instead.",
        "view() never copies, and this tensor's elements are not laid out in the order the new shape needs.",
    ),
    Case(
        "expand-a-size-that-is-not-1",
        lambda t: t.ones(2, 3).expand(2, 4),
        RuntimeError,
        "The expanded size of the tensor (4) must match the existing size (3) at non-singleton dimension "
        "1.  Target sizes: [2, 4].  Tensor sizes: [2, 3]",
        "only dimensions of size 1 can be stretched.",
    ),
    Case(
        "t-of-3-d",
        lambda t: t.ones(2, 2, 2).t(),
        RuntimeError,
        "t() expects a tensor with <= 2 dimensions, but self is 3D",
        "for more dimensions, say which two to swap with transpose(dim0, dim1).",
    ),
    Case(
        "permute-too-few-dims",
        lambda t: t.ones(2, 3).permute(0),
        RuntimeError,
        "permute(sparse_coo): number of dimensions in the tensor input does not match the length of the "
        "desired ordering of dimensions i.e. input.dim() = 2 is not equal to len(dims) = 1",
        "permute needs one entry for every dimension of the tensor.",
    ),
    Case(
        "index-out-of-range",
        lambda t: t.ones(3)[5],
        IndexError,
        "index 5 is out of bounds for dimension 0 with size 3",
        "valid indices along this dimension go from -3 to 2.",
    ),
    Case(
        "index-out-of-range-in-a-list",
        lambda t: t.ones(4)[[0, -5]],
        IndexError,
        "index -5 is out of bounds for dimension 0 with size 4",
        "valid indices along this dimension go from -4 to 3.",
    ),
    Case(
        "too-many-indices",
        lambda t: t.ones(3)[0, 0],
        IndexError,
        "too many indices for tensor of dimension 1",
        "give at most one index per dimension.",
    ),
    Case(
        "index-with-floats",
        lambda t: t.ones(3)[t.tensor([0.0, 1.0])],
        IndexError,
        "tensors used as indices must be long, int, byte or bool tensors",
        "index with whole numbers, e.g. torch.tensor([0, 2]).",
    ),
    Case(
        "mask-of-another-shape",
        lambda t: t.ones(2, 3)[t.tensor([True, False, True])],
        IndexError,
        "The shape of the mask [3] at index 0 does not match the shape of the indexed tensor [2, 3] at "
        "index 0",
        "a boolean mask needs one True/False per element of the dimensions it indexes.",
    ),
    Case(
        "slice-with-a-negative-step",
        lambda t: t.ones(3)[::-1],
        ValueError,
        "step must be greater than zero",
        "to reverse a tensor use torch.flip.",
    ),
    Case(
        "dim-out-of-range",
        lambda t: t.ones(2, 3).sum(dim=2),
        IndexError,
        "Dimension out of range (expected to be in range of [-2, 1], but got 2)",
        "this tensor has 2 dimensions, numbered from 0 (or from -1 counting from the end).",
    ),
    Case(
        "cat-size-mismatch",
        lambda t: t.cat([t.ones(2, 3), t.ones(2, 4)], dim=0),
        RuntimeError,
        "Sizes of tensors must match except in dimension 0. Expected size 3 but got size 4 for "
        "tensor number 1 in the list.",
        "tensors are joined along one dimension, so all the others must agree.",
    ),
    Case(
        "stack-size-mismatch",
        lambda t: t.stack([t.ones(2), t.ones(3)]),
        RuntimeError,
        "stack expects each tensor to be equal size, but got [2] at entry 0 and [3] at entry 1",
        "stack puts tensors side by side along a new dimension, so they must have the same shape.",
    ),
    Case(
        "autograd-grad-unused-input",
        lambda t: t.autograd.grad((_leaf(t) * 2).sum(), [_leaf(t)]),
        RuntimeError,
        "The differentiated Tensor at index 0 appears to not have been used in the graph. "
        "Set allow_unused=True if this is the desired behavior.",
        "the output does not depend on this input, so there is no gradient to return.",
    ),
    Case(
        "autograd-grad-input-without-grad",
        lambda t: t.autograd.grad((_leaf(t) * 2).sum(), [t.ones(2)]),
        RuntimeError,
        "One of the differentiated Tensors does not require grad",
        "autograd.grad can only differentiate with respect to tensors created with requires_grad=True "
        "(or computed from them).",
    ),
    Case(
        "requires-grad-false-on-non-leaf",
        _set_requires_grad(False),
        RuntimeError,
        NON_LEAF_SENTENCE + DETACH_ADVICE,
        NON_LEAF_HINT,
    ),
    Case(
        "requires-grad-true-on-non-leaf",
        _set_requires_grad(True),
        RuntimeError,
        NON_LEAF_SENTENCE,
        NON_LEAF_HINT,
        not_before_hint="detach()",  # PyTorch gives that advice only when switching it off
    ),
    Case(
        "requires-grad_-false-on-non-leaf",
        lambda t: (_leaf(t) * 2).requires_grad_(False),
        RuntimeError,
        NON_LEAF_SENTENCE + DETACH_ADVICE,
        NON_LEAF_HINT,
    ),
    Case(
        "mean-of-int",
        lambda t: t.tensor([1, 2]).mean(),
        RuntimeError,
        "mean(): could not infer output dtype. Input dtype must be either a floating point or "
        "complex dtype. Got: Long",
        "the mean of integers is usually not an integer; convert first with .float().",
    ),
    Case(
        "max-of-an-empty-tensor",
        lambda t: t.ones(0).max(),
        RuntimeError,
        "max(): Expected reduction dim to be specified for input.numel() == 0.",
        "an empty tensor has no largest or smallest element.",
    ),
    Case(
        "clamp-without-bounds",
        lambda t: t.ones(3).clamp(),
        RuntimeError,
        "torch.clamp: At least one of 'min' or 'max' must not be None",
        "say where to clip, e.g. clamp(min=0).",
    ),
    Case(
        "fill_-with-a-vector",
        lambda t: t.ones(3).fill_(t.ones(3)),
        RuntimeError,
        "fill_ only supports 0-dimension value tensor but got tensor with 1 dimensions.",
        "fill_ writes one value everywhere; use t[...] = v to copy a tensor.",
    ),
    Case(
        "inplace-result-of-another-dtype",
        lambda t: t.tensor([1, 2]).add_(t.tensor([0.5, 0.5])),
        RuntimeError,
        "result type Float can't be cast to the desired output type Long",
        "an in-place result keeps the tensor's dtype; convert the tensor first, e.g. x = x.float().",
    ),
    Case(
        "inplace-on-an-expanded-tensor",
        lambda t: t.ones(1, 3).expand(2, 3).add_(1),
        RuntimeError,
        "unsupported operation: more than one element of the written-to tensor refers to a single memory "
        "location. Please clone() the tensor before performing the operation.",
        "this tensor was made by expand() and shares memory between elements.",
    ),
    Case(
        "ragged-nested-list",
        lambda t: t.tensor([[1, 2], [3]]),
        ValueError,
        "expected sequence of length 2 at dim 1 (got 1)",
        "every row of a tensor must have the same number of elements.",
    ),
    Case(
        "number-among-lists",
        lambda t: t.tensor([[1, 2], 3]),
        TypeError,
        "not a sequence",
        "one row is a single number where the others are lists; every row of a tensor must have the same "
        "number of elements.",
    ),
    Case(
        "list-among-numbers",
        lambda t: t.tensor([1, [2, 3]]),
        TypeError,
        "'list' object cannot be interpreted as an integer",
        "each element of a tensor is one number, and this one is a list: look for a nested list or a missing "
        "value (None).",
    ),
    Case(
        "tensor-of-a-string",
        lambda t: t.tensor("abc"),
        TypeError,
        "new(): invalid data type 'str'",
        "a tensor is made of numbers: pass numbers, lists of numbers or a NumPy array.",
    ),
    Case(
        "mse-loss-unknown-reduction",
        lambda t: t.nn.functional.mse_loss(t.ones(2), t.ones(2), reduction="avg"),
        ValueError,
        "avg is not a valid value for reduction",
        "use 'mean', 'sum' or 'none'.",
    ),
    Case(
        "cross-entropy-target-out-of-range",
        lambda t: t.nn.functional.cross_entropy(t.ones(2, 3), t.tensor([0, 3])),
        IndexError,
        "Target 3 is out of bounds.",
        "class labels must lie between 0 and the number of classes minus 1.",
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
    assert message == f"{case.sentence} Hint: {case.hint}"
    # The hint, one plain sentence on one line.
    assert re.fullmatch(r"[a-z`(][^\n]{15,}[.)]", case.hint), case.hint
    assert not re.search(r"\.\s+[A-Z]", case.hint), f"more than one sentence: {case.hint}"
    assert " Hint: " not in case.hint
    assert " Hint: " not in case.sentence or case.sentence.endswith(TORCH_INPLACE_HINT)  # (PyTorch's own)


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


# Misuses where autograd_lab once said something else than PyTorch (type and
# words written out from PyTorch 2.13): each must now start as PyTorch's does.
FORMER_DIFFERENCES = [
    (
        "index-out-of-range-in-a-list-after-a-slice",  # PyTorch says dimension 0 here, we 1
        lambda t: t.ones(2, 4)[:, [0, -5]],
        IndexError,
        "index -5 is out of bounds for dimension 0 with size 4",
    ),
    (
        "expand-two-sizes-that-are-not-1",  # PyTorch names the last mismatching dimension, we the first
        lambda t: t.ones(2, 3).expand(3, 4),
        RuntimeError,
        "The expanded size of the tensor (4) must match the existing size (3) at non-singleton dimension 1.",
    ),
    (
        "index-into-a-0-d-tensor",
        lambda t: t.tensor(1.0)[0],
        IndexError,
        "invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to "
        "convert a 0-dim tensor to a number",
    ),
    (
        "matmul-with-a-number",
        lambda t: t.ones(3) @ 2,
        TypeError,
        "unsupported operand type(s) for @: 'Tensor' and 'int'",
    ),
    (
        "allclose-with-a-list",  # we end PyTorch's sentence with a period it does not have
        lambda t: t.allclose(t.ones(3), [1.0, 1.0, 1.0]),
        TypeError,
        "allclose(): argument 'other' (position 2) must be Tensor, not list Hint: ",
    ),
]


@pytest.mark.parametrize(
    ("misuse", "error", "start"),
    [pytest.param(*case[1:], id=case[0]) for case in FORMER_DIFFERENCES],
)
def test_former_differences_from_pytorch_are_gone(misuse, error, start):
    raised, message = _outcome(Case("known", misuse, error, start, ""), autograd_lab)
    assert raised is error and message.startswith(start), message


@pytest.mark.parametrize(
    ("misuse", "error", "start"),
    [pytest.param(*case[1:], id=case[0]) for case in FORMER_DIFFERENCES],
)
def test_known_differences_are_pytorchs_words(misuse, error, start):
    torch = pytest.importorskip("torch")
    raised, message = _outcome(Case("known", misuse, error, start, ""), torch)
    assert raised is error and message.startswith(start.removesuffix(" Hint: ")), message
