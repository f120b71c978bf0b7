"""Session 13's fixes, each held against PyTorch.

- The top-level twins are ATen's operators, without nn.functional's Python
  checks: ``torch.batch_norm`` computes with one value per channel (its
  running variance becomes nan), ``torch.margin_ranking_loss`` broadcasts
  inputs of other ranks.
- The names whose modules now load on first use (``torch.erf``,
  ``torch.pixel_shuffle``, ``torch.conv3d`` ...) give what they gave.
"""

from __future__ import annotations

import pytest
from twins import outcome

import autograd_lab as lab

torch = pytest.importorskip("torch")

CODES = {
    "batch_norm, one value per channel": (
        "[m.batch_norm(x, None, None, mean, var, True, 0.1, 1e-5, True), mean, var]",
        {"x": [[1.0, 2.0, 3.0]], "mean": [0.0, 0.0, 0.0], "var": [1.0, 1.0, 1.0]},
    ),
    "batch_norm, one value, recorded": (
        "m.batch_norm(x.requires_grad_(), None, None, None, None, True, 0.1, 1e-5, True)",
        {"x": [[1.0, 2.0]]},
    ),
    "F.batch_norm, one value per channel": (
        "m.nn.functional.batch_norm(x, None, None, training=True)",
        {"x": [[1.0, 2.0]]},
    ),
    "margin_ranking_loss broadcasts": (
        "m.margin_ranking_loss(a, b, y)",
        {"a": [1.0, 2.0], "b": [[2.0, 0.0]], "y": 1.0},
    ),
    "margin_ranking_loss broadcasts, mean": (
        "m.margin_ranking_loss(a, b, y, 0.5, 1)",
        {"a": [1.0, 2.0], "b": [[2.0, 0.0], [1.0, 1.0]], "y": [1.0, -1.0]},
    ),
    "F.margin_ranking_loss refuses other ranks": (
        "m.nn.functional.margin_ranking_loss(a, b, y)",
        {"a": [1.0, 2.0], "b": [[2.0, 0.0]], "y": [1.0, 1.0]},
    ),
    "erf": ("[m.erf(x), m.erf(x.int()), x.erf()]", {"x": [-1.0, 0.0, 0.5, 2.0]}),
    "erf's node": ("m.erf(x.requires_grad_()).grad_fn.name()", {"x": [0.5]}),
    "pixel_shuffle": ("m.pixel_shuffle(m.arange(8.0).reshape(1, 4, 1, 2), 2)", {}),
    "pixel_unshuffle": ("m.pixel_unshuffle(m.arange(8.0).reshape(1, 1, 2, 4), 2)", {}),
    "channel_shuffle": ("m.channel_shuffle(m.arange(6.0).reshape(1, 6, 1), 3)", {}),
    "pixel_shuffle of a vector": ("m.pixel_shuffle(m.ones(4), 2)", {}),
    "conv3d": ("m.conv3d(m.ones(1, 1, 2, 3, 3), m.ones(2, 1, 2, 2, 2), m.tensor([0.0, 1.0]), 1, 0)", {}),
    "conv_transpose3d": ("m.conv_transpose3d(m.ones(1, 1, 1, 1, 2), m.ones(1, 1, 2, 1, 2), None, 1)", {}),
    "max_pool3d": ("m.max_pool3d(m.arange(16.0).reshape(1, 1, 2, 2, 4), 2, 2)", {}),
    "max_pool3d's node": ("m.max_pool3d(m.ones(1, 1, 2, 2, 2, requires_grad=True), 2).grad_fn.name()", {}),
}


@pytest.mark.parametrize("case", list(CODES))
def test_as_in_pytorch(case: str) -> None:
    code, data = CODES[case]
    results = []
    for m in (lab, torch):
        names = {name: m.tensor(value) for name, value in data.items()}
        results.append(outcome(m, code, names))
    assert results[0] == results[1]
