"""Edge cases where the engine once differed from PyTorch (issue 14's defects), each run in both.

Each case is one expression in PyTorch's API (``m`` is the module): its
``repr``, or its exception's type and sentence, must be PyTorch's; our
errors add a hint.  Skipped where PyTorch is not installed.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

torch_ref = pytest.importorskip("torch")

import autograd_lab as lab  # noqa: E402

X = "m.tensor([1.5, 2.0], requires_grad=True)"
NAN = "m.tensor([1., float('nan'), -3.], requires_grad=True)"

CASES = {
    # 2. integer and bool copies take no gradient
    "long() of a tensor that requires grad": f"{X}.long()",
    "bool() of a tensor that requires grad": f"{X}.bool()",
    "long() of a computed tensor": f"({X} * 1).long().requires_grad",
    # 3. a bool index adds a dimension of size 1 or 0
    "x[True]": "m.tensor([1., 2.])[True]",
    "x[False]": "m.tensor([1., 2.])[False]",
    "x[None, True]": "m.tensor([1., 2.])[None, True].shape",
    # 4. clamp with float bounds
    "clamp of an int tensor with float bounds": "m.clamp(m.tensor([1, 2, 3]), 0.5, 2.5)",
    "clamp of a bool tensor with float bounds": "m.tensor([True, False]).clamp(0.5, 2.5)",
    "clamp_ of an int tensor with float bounds": "m.tensor([1, 2, 3]).clamp_(0.5, 2.5)",
    "clamp_ of a bool tensor with float bounds": "m.tensor([True, False]).clamp_(0.5, 2.5)",
    # 7. type promotion: a 0-d tensor counts as a number
    "float32 times a 0-d float64": "(m.tensor([1., 2.]) * m.tensor(2., dtype=m.float64)).dtype",
    "float64 times a 0-d float32": "(m.tensor([1., 2.], dtype=m.float64) * m.tensor(2.)).dtype",
    "int times a 0-d float": "(m.tensor([1, 2]) * m.tensor(2.5)).dtype",
    "int times a 0-d float64": "(m.tensor([1, 2]) * m.tensor(2.5, dtype=m.float64)).dtype",
    "0-d int times float": "(m.tensor(2) * m.tensor([1.5])).dtype",
    "0-d times 0-d": "(m.tensor(1.) * m.tensor(2., dtype=m.float64)).dtype",
    "0-d float64 first, float32 second": "m.tensor(2., dtype=m.float64) + m.tensor([0.5])",
    "0-d float64 first in xlogy": "m.xlogy(m.tensor(2., dtype=m.float64), m.tensor([0.5]))",
    "0-d float64 first in atan2": "m.atan2(m.tensor(2., dtype=m.float64), m.tensor([0.5]))",
    "0-d float64 first in maximum": "m.maximum(m.tensor(2., dtype=m.float64), m.tensor([0.5]))",
    "float16 times an int64 tensor": "m.tensor([1.5, 2.25], dtype=m.float16) * m.tensor([3, 7])",
    # (log_)softmax of integers: PyTorch's kernel error, not an overflow in NumPy
    "softmax of a long vector": "m.softmax(m.tensor([1, 2]), 0)",
    "softmax of a long matrix, not the last dim": "m.nn.functional.softmax(m.tensor([[1, 2]]), 0)",
    "log_softmax of a long matrix": "m.log_softmax(m.tensor([[1, 2]]), -1)",
    "softmax of bools": "m.softmax(m.tensor([True]), 0)",
    "softmax of a long vector to float": "m.nn.functional.softmax(m.tensor([1, 2]), 0, dtype=m.float32)",
    # pooling with a zero stride or kernel
    "avg_pool2d with kernel 0": "m.nn.functional.avg_pool2d(m.ones(1, 1, 4, 4), 0)",
    "max_pool2d with stride 0": "m.nn.functional.max_pool2d(m.ones(1, 1, 4, 4), 2, stride=0)",
    "avg_pool2d with a 0 kernel side": "m.nn.functional.avg_pool2d(m.ones(1, 1, 4, 4), (0, 2), stride=1)",
    "max_pool2d with a 0 kernel side": "m.nn.functional.max_pool2d(m.ones(1, 1, 4, 4), (0, 2), stride=1)",
    "int32 tensor plus float16": "m.tensor([3, 7], dtype=m.int32) + m.tensor([1.5, 2.25], dtype=m.float16)",
    # the engine casts a gradient to the dtype of the node it arrives at (float32 · int32 is float64 in NumPy)
    "a gradient through an int32 factor, then mm": "(lambda x: m.autograd.grad(((x @ x) * m.tensor([1, 2], "
    "dtype=m.int32)).sum(), x))(m.ones(2, 2, requires_grad=True))",
    "the same, create_graph": "(lambda x: m.autograd.grad(((x @ x) * m.tensor([1, 2], "
    "dtype=m.int32)).sum(), x, create_graph=True))(m.ones(2, 2, requires_grad=True))",
    "a tiny 0-d float64 is rounded to float32": "m.tensor([1., 2.]) * m.tensor(1e-40, dtype=m.float64)",
    "matmul of mixed dtypes": "m.tensor([[1., 2.]]) @ m.tensor([[1.], [2.]], dtype=m.float64)",
    "mm of mixed dtypes": "m.mm(m.ones(2, 2), m.ones(2, 2, dtype=m.int64))",
    "mv of mixed dtypes": "m.mv(m.ones(2, 2), m.ones(2, dtype=m.float64))",
    "bmm of mixed dtypes": "m.bmm(m.ones(1, 2, 2), m.ones(1, 2, 2, dtype=m.float64))",
    "dot of mixed dtypes": "m.dot(m.tensor([1., 2.]), m.tensor([1., 2.], dtype=m.float64))",
    "dot of matrices": "m.dot(m.ones(2, 2), m.ones(2, 2))",
    "mm of a vector": "m.mm(m.ones(2), m.ones(2, 2))",
    "mm by a vector": "m.mm(m.ones(2, 2), m.ones(2))",
    "mv of two vectors": "m.mv(m.ones(2), m.ones(2))",
    # 8. derivative rules computed as PyTorch computes them
    "divisor's rule without b²": "(lambda b: m.autograd.grad(m.tensor(1e-30) / b, b))(m.tensor(1e-23, requires_grad=True))",
    "d(0^0)/d base, tensor exponent": "(lambda a: m.autograd.grad(a ** m.tensor(0.), a))(m.tensor(0., requires_grad=True))",
    "d(0^b)/db for b < 0": "(lambda b: m.autograd.grad(m.tensor(0.) ** b, b))(m.tensor(-1., requires_grad=True))",
    "d(0^b)/db for b > 0": "(lambda b: m.autograd.grad(m.tensor(0.) ** b, b))(m.tensor(2., requires_grad=True))",
    "d(0^b)/db, number base": "(lambda b: m.autograd.grad(0.0 ** b, b))(m.tensor([-1., 2.], requires_grad=True))",
    # 9. NaN
    "max sends the gradient to the NaN": f"(lambda a: m.autograd.grad(a.max(), a))({NAN})",
    "min sends the gradient to the NaN": f"(lambda a: m.autograd.grad(a.min(), a))({NAN})",
    "max along a dim picks the NaN": f"(lambda a: m.autograd.grad(a.max(0)[0], a))({NAN})",
    "relu'(nan) = 1": f"(lambda a: m.autograd.grad(a.relu().sum(), a))({NAN})",
    "abs'(nan) = 0": f"(lambda a: m.autograd.grad(a.abs().sum(), a))({NAN})",
    "sign(nan) = 0": "m.sign(m.tensor([float('nan'), -2., 0.]))",
    # 10. errors PyTorch raises, or results it gives, where the engine failed inside
    "torch.max(a, b)": "m.max(m.tensor([1., 5.]), m.tensor([3., 2.]))",
    "torch.min(a, b)": "m.min(m.tensor([1., 5.]), m.tensor([3., 2.]))",
    "maximum's gradient on a tie": "(lambda a: m.autograd.grad(m.maximum(a, m.tensor([1., 0.])).sum(), a))(m.tensor([1., 2.], requires_grad=True))",
    "tensor @ ndarray": "m.tensor([1., 2.]) @ np.ones(2)",
    "cat of a tensor and a list": "m.cat([m.tensor([1.]), [2.]])",
    "cat of nothing": "m.cat([])",
    "x.grad = ndarray": "(lambda x: setattr(x, 'grad', np.ones(2)))(m.ones(2, requires_grad=True))",
    "max over an empty dimension": "m.ones(2, 0).max(dim=1)",
    "transpose(0, 0) of a 0-d tensor": "m.tensor(1.).transpose(0, 0)",
    "autograd.grad with no inputs": "m.autograd.grad(m.tensor(1., requires_grad=True) * 2, [])",
    "equal(None, tensor)": "m.equal(None, m.tensor([1.]))",
    "equal(tensor, list)": "m.equal(m.tensor([1.]), [1.])",
    "tensor.equal(number)": "m.tensor([1.]).equal(1.0)",
}


def outcome(m: Any, code: str) -> str:
    try:
        return repr(eval(code, {"m": m, "np": np}))  # noqa: S307 - our own table
    except Exception as error:
        ours = m is lab
        text = str(error)
        if ours:
            assert " Hint: " in text, f"our error has no hint: {text}"
            text = text.split(" Hint: ")[0]
        return f"{type(error).__name__}: {text}"


# The smaller dtypes lessons meet: x.int(), images as uint8, x.half(); each printed, combined and converted.
SMALL_DTYPES = {
    "int(), short(), char(), half() of a tensor that requires grad": (
        f"[({X}.int(), {X}.short(), {X}.char(), {X}.half()) for _ in [0]]"
    ),
    "byte() and its type()": f"({X}.byte(), {X}.byte().type(), {X}.int().requires_grad)",
    "int32 tensor with numbers and tensors": (
        "(lambda a: (a, a + 1, a + 1.5, a * m.tensor(2), a + m.tensor([1, 2]), a / 2, a.sum(), a.max()))"
        "(m.tensor([1, 2], dtype=m.int32))"
    ),
    "from_numpy keeps int32, uint8 and float16": (
        "[m.from_numpy(np.array([1, 2], dtype=t)) for t in (np.int32, np.uint8, np.float16, np.int8, np.int16)]"
    ),
    "uint8 image arithmetic wraps as in PyTorch": (
        "(lambda i: (i.float() / 255, i + i, i > 100, i.to(m.float32)))(m.tensor([[0, 128, 255]], dtype=m.uint8))"
    ),
    "dtype aliases and legacy classes": "(m.int, m.short, m.half, m.IntTensor([1, 2]), m.ByteTensor([3]))",
    "factories with the smaller dtypes": (
        "(m.arange(3, dtype=m.int32), m.zeros(2, dtype=m.half), m.ones(2, dtype=m.int16) * 3, m.cat([m.ones(1, dtype=m.int8)] * 2))"
    ),
    "float16 takes gradients": (
        "(lambda h: m.autograd.grad((h * 2).sum(), h))(m.tensor([1., 2.], dtype=m.float16, requires_grad=True))"
    ),
    "type() names of the smaller dtypes": "[m.zeros(1, dtype=d).type() for d in (m.int32, m.int16, m.int8, m.uint8, m.float16)]",
}
CASES.update(SMALL_DTYPES)


@pytest.mark.parametrize("code", CASES.values(), ids=CASES.keys())
def test_as_pytorch(code: str) -> None:
    assert outcome(lab, code) == outcome(torch_ref, code)


def test_complex_numbers_are_refused_clearly() -> None:
    with pytest.raises(TypeError, match="autograd_lab has no complex numbers") as caught:
        lab.tensor([1.0]) + 1j
    assert "Hint: " in str(caught.value)
