"""Session 25's finds (scouts Z12-Z13: L1aoXingyu's 深度学习入门之PyTorch, datawhale's 深入浅出PyTorch), held
against PyTorch: dims as separate arguments, methods called with the wrong number of arguments, and
``torch.cuda.set_device`` on a machine without a GPU."""

from __future__ import annotations

import pytest
import twins

import autograd_lab as lab

torch = pytest.importorskip("torch")

X = "m.zeros(1, 3, 1)"
A = "m.arange(6.).reshape(1, 2, 3, 1)"

CASES = [
    # several dims as separate arguments: methods take them, functions do not
    f"{X}.squeeze(0, 2).shape",
    f"{X}.clone().squeeze_(0, 2).shape",
    f"{X}.squeeze((0, 2)).shape",
    f"{X}.squeeze(dim=(0, 2)).shape",
    f"{X}.squeeze(0).shape",
    f"{X}.squeeze().shape",
    f"{X}.squeeze(0, 5)",
    f"{A}.tile(1, 2).shape",
    f"{A}.tile((2,)).shape",
    f"{A}.count_nonzero(1, 2)",
    f"{A}.count_nonzero(1)",
    # a method called with too many or too few arguments: counted without the tensor, as PyTorch counts
    f"{X}.transpose(1, 2, 0)",
    f"{X}.transpose(1)",
    f"{X}.transpose()",
    f"{X}.unsqueeze(0, 1)",
    f"{X}.unsqueeze()",
    f"{X}.flatten(0, 1, 2)",
    f"{X}.permute()",
    f"{X}.softmax()",
    f"{X}.argmax(0, True, 1)",
    f"{X}.t(0)",
    f"{X}.relu(1)",
    f"{X}.exp(2)",
    f"{X}.sigmoid(1)",
    f"{X}.abs(1)",
    f"{X}.mul()",
    f"{X}.clone(1)",
    f"{X}.contiguous(1, 2)",
    f"{X}.contiguous(m.contiguous_format)",
    f"{X}.contiguous(memory_format=m.contiguous_format).shape",
    f"{X}.clone(memory_format=m.contiguous_format).shape",
    # ... and as functions, counted with it
    f"m.relu({X}, 1)",
    f"m.exp({X}, 2)",
    f"m.clone({X}, 1)",
    f"m.transpose({X}, 1, 2, 0)",
    f"m.transpose({X}, 1)",
    f"m.unsqueeze({X})",
    f"m.permute({X})",
    f"m.flatten({X}, 0, 1, 2)",
    # view needs a shape (or a dtype)
    f"{X}.view()",
    # choosing a GPU on a machine without one
    "m.cuda.set_device(0)",
    "m.cuda.set_device('cuda:0')",
    "m.cuda.set_device(m.device('cuda'))",
    "m.cuda.set_device('cpu')",
    "m.cuda.set_device(-1)",
]


@pytest.mark.parametrize("code", CASES)
def test_as_pytorch(code: str) -> None:
    assert twins.outcome(lab, code) == twins.outcome(torch, code)


def test_a_methods_own_error_inside_it_is_not_reworded() -> None:
    """Only the call with the wrong number of arguments is reworded; a TypeError from inside is the function's own."""
    from autograd_lab.ops import shape

    errors = []
    for call in (lab.zeros(2).unsqueeze, lambda dim: shape.unsqueeze(lab.zeros(2), dim)):
        with pytest.raises(TypeError) as caught:
            call("a")
        errors.append(str(caught.value))
    assert errors[0] == errors[1]
