"""Session 18's fixes, each held against PyTorch: what other people's lessons met.

- einops' PyTorch layers (``from einops.layers.torch import Rearrange, Reduce, EinMix``, as in
  Vision Transformer lessons) are autograd_lab modules when the lesson's torch is autograd_lab.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _printed(code: str) -> str:
    """What ``code`` prints, run in a fresh Python (with this checkout importable)."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


# -- einops.layers.torch --------------------------------------------------------------------------------

_EINOPS_LESSON = """
import sys
import {torch} as torch
from einops.layers.torch import Rearrange, Reduce, EinMix
torch.manual_seed(0)
model = torch.nn.Sequential(
    Rearrange("b c (h p1) (w p2) -> b (h w) (p1 p2 c)", p1=2, p2=2),
    torch.nn.Linear(12, 8),
    EinMix("b t c -> b t d", weight_shape="c d", bias_shape="d", c=8, d=5),
    Reduce("b t d -> b d", "mean"),
)
print(model)
y = model(torch.randn(2, 3, 4, 4))
print(y)
y.sum().backward()
print(model[2].weight.grad, model[1].weight.grad[:2])
print(isinstance(model[0], torch.nn.Module), "torch" in sys.modules)
"""


def test_einops_layers_are_modules_of_the_lessons_torch() -> None:
    pytest.importorskip("einops")
    ours = _printed(_EINOPS_LESSON.format(torch="autograd_lab"))
    assert ours.rstrip().endswith("True False")  # an autograd_lab module, and PyTorch never loaded
    assert "Rearrange('b c (h p1) (w p2) -> b (h w) (p1 p2 c)', p1=2, p2=2)" in ours
    pytest.importorskip("torch")
    theirs = _printed(_EINOPS_LESSON.format(torch="torch"))
    assert ours.rsplit("\n", 2)[0] == theirs.rsplit("\n", 2)[0]  # all but the last line: PyTorch's


def test_einops_layers_stay_einops_own_once_pytorch_is_loaded() -> None:
    pytest.importorskip("einops")
    pytest.importorskip("torch")
    code = (
        "import torch, autograd_lab\n"
        "from einops.layers.torch import Rearrange\n"
        "print(isinstance(Rearrange('a b -> b a'), torch.nn.Module))\n"
    )
    assert _printed(code).strip() == "True"
