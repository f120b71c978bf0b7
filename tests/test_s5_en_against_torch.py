"""Branch s5_en's additions (what real English lessons needed) run in autograd_lab and in PyTorch.

Each case is one expression (``m`` the module, ``nn`` its ``nn``); its
``repr``, or its exception's type and sentence, must be PyTorch's (ours adds
a hint).  ``lazy(m, make, *shape)`` makes a layer after ``manual_seed(0)``,
calls it on seeded input of ``shape`` and returns what a lesson sees before
and after: the printed layer, its parameters and buffers.
"""

from __future__ import annotations

import re
import warnings
from typing import Any

import numpy as np
import pytest

torch_ref = pytest.importorskip("torch")

import autograd_lab as lab  # noqa: E402


def lazy(m: Any, make: Any, *shape: int) -> tuple:
    """A lazy layer before and after its first call (on ``rand(*shape)``), with its state and next random draw."""
    m.manual_seed(0)
    layer = make()
    before = (repr(layer), [repr(value) for value in layer.state_dict().values()])
    out = layer(m.rand(*shape))
    return before, repr(layer), type(layer).__name__, out, layer.state_dict(), m.rand(1)


CASES = {
    # -- lazy convolutions and batch norms: printing, the draws after the first call, the state
    "LazyConv2d": "lazy(m, lambda: nn.LazyConv2d(2, kernel_size=3, padding=1), 1, 3, 4, 4)",
    "LazyConv2d no bias, groups, stride": "lazy(m, lambda: nn.LazyConv2d(4, 2, stride=2, groups=2, bias=False), 2, 4, 4, 4)",
    "LazyConv2d unbatched": "lazy(m, lambda: nn.LazyConv2d(2, (1, 2)), 3, 4, 4)",
    "LazyConv1d": "lazy(m, lambda: nn.LazyConv1d(3, 2, padding=1), 2, 2, 5)",
    "LazyBatchNorm1d": "lazy(m, lambda: nn.LazyBatchNorm1d(), 4, 3)",
    "LazyBatchNorm2d": "lazy(m, lambda: nn.LazyBatchNorm2d(momentum=0.2), 2, 3, 2, 2)",
    "LazyBatchNorm2d no stats": "lazy(m, lambda: nn.LazyBatchNorm2d(affine=False, track_running_stats=False), 2, 3, 2, 2)",
    "lazy net": "lazy(m, lambda: nn.Sequential(nn.LazyConv2d(2, 3), nn.LazyBatchNorm2d(), nn.Flatten(), nn.LazyLinear(2)), 2, 1, 5, 5)",
    "UninitializedBuffer": "nn.parameter.UninitializedBuffer()",
    "LazyConv2d wrong dims": "nn.LazyConv2d(2, 3)(m.zeros(2, 3))",
    "LazyConv2d groups": "nn.LazyConv2d(4, 1, groups=2)(m.zeros(1, 3, 2, 2))",
    "LazyBatchNorm2d wrong dims": "nn.LazyBatchNorm2d()(m.zeros(2, 3))",
}  # fmt: skip


def outcome(m: Any, code: str) -> str:
    scope = {"m": m, "nn": m.nn, "np": np, "lazy": lazy}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return repr(eval(code, scope))  # noqa: S307 - our own table
    except Exception as error:
        text = str(error)
        if m is lab:
            assert re.search(r"[ \n]Hint: ", text), f"our error has no hint: {text}"
            text = re.split(r"[ \n]Hint: ", text)[0]
        return f"{type(error).__name__}: {text}"


@pytest.mark.parametrize("code", CASES.values(), ids=CASES.keys())
def test_same_as_torch(code: str) -> None:
    assert outcome(lab, code) == outcome(torch_ref, code)


FUNCTION_FORMS = {
    # -- torch.sin_(x) ...: the in-place methods as torch functions; torch.functional's names
    "sin_": "(lambda x: (m.sin_(x), x))(m.tensor([0.0, 1.0]))",
    "relu_ grad": "(lambda x: (m.relu_(x * 1), ))(m.tensor([-1.0, 1.0], requires_grad=True))",
    "clamp_": "(lambda x: (m.clamp_(x, min=0.5), x))(m.tensor([0.0, 1.0]))",
    "zero_": "m.zero_(m.ones(2))",
    "sin_ not a tensor": "m.sin_(1.0)",
    "sin_ on a leaf": "m.sin_(m.ones(2, requires_grad=True))",
    "torch.functional": "(lambda F: (F.split(m.arange(5), 2), F.einsum('ij->j', m.eye(2))))(__import__(m.__name__ + '.functional', fromlist=['x']))",
}  # fmt: skip


@pytest.mark.parametrize("code", FUNCTION_FORMS.values(), ids=FUNCTION_FORMS.keys())
def test_function_forms_same_as_torch(code: str) -> None:
    assert outcome(lab, code) == outcome(torch_ref, code)
