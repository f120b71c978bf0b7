"""Session 27's finds, held against PyTorch: what the scouts' lessons and probes met."""

from __future__ import annotations

import pytest
import twins

import autograd_lab as lab

torch = pytest.importorskip("torch")

PRELU = [
    # a slope that is not a tensor (d2l's solutions write torch.prelu(x, weight=torch.tensor(0.25)))
    "m.prelu(m.tensor([-1., 2.]), 0.25)",
    "m.nn.functional.prelu(m.tensor([-1., 2.]), 0.25)",
    "m.tensor([-1., 2.]).prelu(0.25)",
    "m.prelu(m.tensor([-1., 2.]), [0.25])",
    "m.prelu(0.5, m.tensor([0.25]))",
    "m.tensor([-1., 2.]).prelu(m.tensor([0.25]))",
    "m.prelu(m.tensor([-1., 2.]), m.tensor(1))",
]


@pytest.mark.parametrize("code", PRELU)
def test_prelu_as_pytorch(code: str) -> None:
    assert twins.outcome(lab, code) == twins.outcome(torch, code)
