"""Session 13's fixes, each held against PyTorch.

- The top-level twins are ATen's operators, without nn.functional's Python
  checks: ``torch.batch_norm`` computes with one value per channel (its
  running variance becomes nan), ``torch.margin_ranking_loss`` broadcasts
  inputs of other ranks.
- The names whose modules now load on first use (``torch.erf``,
  ``torch.pixel_shuffle``, ``torch.conv3d`` ...) give what they gave.
- From the scout's lessons: ``nn.MSELoss()(output, torch.arange(1, 11))``
  (PyTorch's 60-minute blitz) is float32, not float64: a loss kernel computes
  in PyTorch's common dtype. Losses refuse the targets PyTorch refuses, and
  ``-`` refuses bool tensors (``1 - mask``) as PyTorch does.
- ``float(x)``, ``int(x)``, ``complex(x)`` and ``math.isfinite(x)`` of a tensor with
  several elements raise PyTorch's ValueError, not item()'s RuntimeError:
  matplotlib tells a 2-d tensor's rows from numbers by it (d2l's
  ``show_trace_2d`` draws ``plt.contour`` of a meshgrid of tensors).
"""

from __future__ import annotations

import math

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


LOSSES = {
    "mse": "m.nn.functional.mse_loss(x, t)",
    "mse, none": "m.nn.functional.mse_loss(x, t, reduction='none')",
    "mse, backward": "[m.nn.functional.mse_loss(x, t).backward(), x.grad][1]",
    "MSELoss": "m.nn.MSELoss()(x, t)",
    "mse, integer scores": "m.nn.functional.mse_loss(t, x.detach())",
    "mse, float64 target": "m.nn.functional.mse_loss(x, t.double())",
    "l1": "m.nn.functional.l1_loss(x, t)",
    "l1, backward": "[m.nn.functional.l1_loss(x, t).backward(), x.grad][1]",
    "smooth_l1": "m.nn.functional.smooth_l1_loss(x, t)",
    "huber": "m.nn.functional.huber_loss(x, t)",
    "soft_margin": "m.nn.functional.soft_margin_loss(x, t)",
    "bce_with_logits": "m.nn.functional.binary_cross_entropy_with_logits(x, t)",
    "bce": "m.nn.functional.binary_cross_entropy(x.sigmoid(), t)",
    "kl_div": "m.nn.functional.kl_div(x, t, reduction='batchmean')",
    "poisson_nll": "m.nn.functional.poisson_nll_loss(x, t)",
    "gaussian_nll": "m.nn.functional.gaussian_nll_loss(x, t, m.ones(2, 3))",
    "hinge_embedding": "m.nn.functional.hinge_embedding_loss(x, t)",
    "multilabel_soft_margin": "m.nn.functional.multilabel_soft_margin_loss(x, t)",
}
SUBTRACTIONS = [
    "x - b", "b - x", "1 - b", "b - 1", "b - b", "x - True", "True - x", "-b", "b.neg()", "m.neg(m.tensor(True))",
    "m.sub(x, b)", "m.sub(x, b, alpha=2)", "x.sub_(b)", "m.rsub(b, 1)", "m.rsub(x, b)", "x - 1", "1 - x", "b + b",
]  # fmt: skip


@pytest.mark.parametrize("target_dtype", ["long", "bool"])
@pytest.mark.parametrize("loss", list(LOSSES))
def test_losses_with_integer_or_bool_targets_as_in_pytorch(loss: str, target_dtype: str) -> None:
    results = []
    for m in (lab, torch):
        m.manual_seed(0)
        names = {
            "x": m.randn(2, 3, requires_grad=True),
            "t": m.tensor([[1, 0, 1], [0, 1, 1]]).to(getattr(m, target_dtype)),
        }
        results.append(outcome(m, LOSSES[loss], names))
    assert results[0] == results[1]


@pytest.mark.parametrize("code", SUBTRACTIONS)
def test_subtraction_refuses_bool_tensors_as_pytorch_does(code: str) -> None:
    results = [
        outcome(m, code, {"x": m.tensor([1.0, 2.0]), "b": m.tensor([True, False])}) for m in (lab, torch)
    ]
    assert results[0] == results[1]


NUMBERS = [
    "float(x)", "int(x)", "complex(x)", "bool(x)", "math.isfinite(x)", "math.floor(x)", "x.item()",
    "float(m.zeros(0))", "int(m.zeros(0))", "float(m.ones(1, 1))", "int(m.tensor(3.7))", "complex(m.tensor([2.0]))",
]  # fmt: skip


@pytest.mark.parametrize("code", NUMBERS)
def test_python_numbers_of_tensors_as_in_pytorch(code: str) -> None:
    results = [outcome(m, code, {"x": m.zeros(3), "math": math}) for m in (lab, torch)]
    assert results[0] == results[1]


def test_matplotlib_draws_contours_of_tensors() -> None:
    """d2l's show_trace_2d: plt.contour(x1, x2, f(x1, x2)) of a meshgrid of tensors."""
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    x1, x2 = lab.meshgrid(lab.arange(-5.5, 1.0, 0.1), lab.arange(-3.0, 1.0, 0.1), indexing="ij")
    figure = plt.figure()
    try:
        contours = plt.contour(x1, x2, 0.1 * x1**2 + 2 * x2**2)
        assert len(contours.levels) > 1
    finally:
        plt.close(figure)


@pytest.mark.parametrize("case", list(CODES))
def test_as_in_pytorch(case: str) -> None:
    code, data = CODES[case]
    results = []
    for m in (lab, torch):
        names = {name: m.tensor(value) for name, value in data.items()}
        results.append(outcome(m, code, names))
    assert results[0] == results[1]


SCHEDULERS = {
    "StepLR": "m.optim.lr_scheduler.StepLR(o, 1)",
    "OneCycleLR": "m.optim.lr_scheduler.OneCycleLR(o, 1.0, total_steps=10)",
    "ReduceLROnPlateau": "m.optim.lr_scheduler.ReduceLROnPlateau(o)",
    "LambdaLR": "m.optim.lr_scheduler.LambdaLR(o, lambda epoch: 0.9**epoch)",
}


@pytest.mark.parametrize("scheduler", list(SCHEDULERS))
def test_a_scheduler_prints_as_pytorchs(scheduler: str) -> None:
    """``print(scheduler)`` (the scout's lr_scheduler docs): PyTorch's module in the default repr."""
    import re

    shown = []
    for m in (lab, torch):
        optimizer = m.optim.SGD([m.zeros(1, requires_grad=True)], lr=0.1)
        shown.append(
            re.sub(r"0x[0-9a-f]+", "0x…", repr(eval(SCHEDULERS[scheduler], {"m": m, "o": optimizer})))
        )  # noqa: S307
    assert shown[0] == shown[1]


COLLATES = [
    "next(iter(m.utils.data.DataLoader(list(zip(range(5), 'abcde')), batch_size=2)))",
    "m.utils.data.default_collate([('x', 1), ('y', 2)])",
    "m.utils.data.default_collate(['a', 'b'])",
    "m.utils.data.default_collate([{'a': 'x', 'b': 1}, {'a': 'y', 'b': 2}])",
    "m.utils.data.default_collate([[1, 'a'], [2, 'b']])",
]


@pytest.mark.parametrize("code", COLLATES)
def test_a_column_of_strings_collates_as_in_pytorch(code: str) -> None:
    """A text dataset's ``(tensor, "label")`` samples: the labels of a batch are a tuple, as PyTorch's."""
    results = [outcome(m, code) for m in (lab, torch)]
    assert results[0] == results[1]
