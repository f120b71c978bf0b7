"""``nn.utils.rnn.pad_sequence`` and ``Tensor.copy_``'s shape errors, against PyTorch."""

from __future__ import annotations

from types import ModuleType

import pytest

import autograd_lab as lab

torch = pytest.importorskip("torch")


def outcome(m: ModuleType, code: str) -> str:
    """What ``code`` prints in ``m``: its repr, or its error's type and PyTorch's sentence (our hint cut off)."""
    pad = m.nn.utils.rnn.pad_sequence
    try:
        return repr(eval(code, {"m": m, "pad": pad}))  # noqa: S307 - our own code
    except RuntimeError as error:
        return f"{type(error).__name__}: {str(error).split(' Hint:')[0]}"


CASES = {
    "time first": "pad([m.ones(3, 2), m.full((1, 2), 2.0), m.arange(4.0).reshape(2, 2)])",
    "batch first, padding value": "pad([m.tensor([1, 2, 3]), m.tensor([4])], batch_first=True, padding_value=-1)",
    "padded on the left": "pad([m.tensor([1.0, 2, 3]), m.tensor([4.0])], batch_first=True, padding_side='left')",
    "the first sequence's dtype": "pad([m.ones(2, dtype=m.int64), m.full((1,), 2.7)])",
    "a tensor, unbound": "pad(m.arange(6.0).reshape(2, 3))",
    "one sequence, a tuple": "pad((m.ones(2),), batch_first=True)",
    "the gradient flows back, through CopySlices": "(lambda a: (lambda p: ((p * m.arange(12.0).reshape(3, 2, 2)).sum()"
    ".backward(), type(p.grad_fn).__name__, a.grad))(pad([a, m.ones(2, 2)])))(m.ones(3, 2, requires_grad=True))",
    "no sequences": "pad([])",
    "trailing sizes differ": "pad([m.ones(2, 3), m.ones(2, 4)])",
    "an unknown side": "pad([m.ones(2)], padding_side='up')",
    "copy_: sizes differ": "m.ones(2, 3).copy_(m.ones(2, 4))",
    "copy_: more dimensions": "m.ones(3).copy_(m.ones(2, 3))",
    "copy_: first size differs": "m.ones(2, 3).copy_(m.ones(3, 3))",
    "copy_: would broadcast the tensor itself": "m.ones(2, 1).copy_(m.ones(2, 3))",
    "copy_: broadcast into it": "m.zeros(2, 3).copy_(m.tensor([1.0, 2.0, 3.0]))",
}


@pytest.mark.parametrize("case", CASES)
def test_as_pytorch(case: str) -> None:
    assert outcome(lab, CASES[case]) == outcome(torch, CASES[case])
