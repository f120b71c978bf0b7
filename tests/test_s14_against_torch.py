"""Session 14's fixes, each held against PyTorch.

- ``nn.Linear``'s product ``x @ w.T`` adds in MKL's order where its kernel is
  known, and a layer with one input adds its bias in the same rounding
  (tests/test_product_order.py holds the products themselves): a Linear
  layer's output and its loss print PyTorch's digits, as in yunjey's
  pytorch_basics (``loss:  1.308319330215454``).
- ``abs`` refuses bool tensors, as PyTorch's kernel does.
"""

from __future__ import annotations

import pytest
from twins import outcome

import autograd_lab as lab

torch = pytest.importorskip("torch")


@pytest.mark.parametrize(
    ("batch", "features", "outputs"), [(10, 3, 2), (64, 20, 10), (16, 1, 8), (8, 5, 4), (3, 2, 3)], ids=str
)
def test_a_linear_layer_and_its_loss_print_pytorchs_digits(batch: int, features: int, outputs: int) -> None:
    if not torch.backends.mkl.is_available():
        pytest.skip("the order followed is that of PyTorch's x86-64 build, with Intel MKL")
    printed = []
    for m in (torch, lab):
        m.manual_seed(0)
        x, y = m.randn(batch, features), m.randn(batch, outputs)
        layer = m.nn.Linear(features, outputs)
        prediction = layer(x)
        loss = m.nn.MSELoss()(prediction, y)
        loss.backward()
        bits = prediction.detach().numpy().tobytes()
        printed.append((repr(prediction), loss.item(), repr(layer.weight.grad), repr(layer.bias.grad), bits))
    assert printed[1] == printed[0]


@pytest.mark.parametrize(
    "code", ["m.abs(b)", "b.abs()", "abs(b)", "m.absolute(b)", "b.abs_()", "m.abs(b.int())"]
)
def test_abs_refuses_bool_tensors_as_pytorch_does(code: str) -> None:
    results = [outcome(m, code, {"b": m.tensor([True, False])}) for m in (lab, torch)]
    assert results[0] == results[1]
