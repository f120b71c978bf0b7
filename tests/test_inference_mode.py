"""``inference_mode`` against PyTorch: which tensors come out as inference tensors, and what they allow.

Every tensor a factory makes inside ``inference_mode()`` is an inference
tensor, as every op's result is; a view shares its input's kind (a view of
a normal tensor stays normal).  Inference tensors may still be changed in
place inside the block, and their views are not recorded by autograd.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

import numpy as np
import pytest

import autograd_lab as lab

FACTORIES: list[tuple[str, Callable[[ModuleType, Any], Any]]] = [
    ("tensor", lambda t, x: t.tensor([1.0, 2.0])),
    ("tensor requires_grad", lambda t, x: t.tensor([1.0], requires_grad=True)),
    ("as_tensor list", lambda t, x: t.as_tensor([1, 2])),
    ("as_tensor new dtype", lambda t, x: t.as_tensor(x, dtype=t.float64)),
    ("as_tensor same tensor", lambda t, x: t.as_tensor(x)),
    ("from_numpy", lambda t, x: t.from_numpy(np.ones(2))),
    ("Tensor", lambda t, x: t.Tensor([1.0])),
    ("FloatTensor", lambda t, x: t.FloatTensor(2)),
    ("zeros", lambda t, x: t.zeros(2, 3)),
    ("ones requires_grad", lambda t, x: t.ones(2, requires_grad=True)),
    ("empty", lambda t, x: t.empty(2)),
    ("full", lambda t, x: t.full((2,), 3.0)),
    ("zeros_like", lambda t, x: t.zeros_like(x)),
    ("ones_like", lambda t, x: t.ones_like(x)),
    ("empty_like", lambda t, x: t.empty_like(x)),
    ("full_like", lambda t, x: t.full_like(x, 2.0)),
    ("eye", lambda t, x: t.eye(2)),
    ("arange", lambda t, x: t.arange(3)),
    ("linspace", lambda t, x: t.linspace(0, 1, 3)),
    ("rand", lambda t, x: t.rand(2)),
    ("randn", lambda t, x: t.randn(2)),
    ("rand_like", lambda t, x: t.rand_like(x)),
    ("randn_like", lambda t, x: t.randn_like(x)),
    ("randint", lambda t, x: t.randint(3, (2,))),
    ("randint_like", lambda t, x: t.randint_like(x, 3)),
    ("randperm", lambda t, x: t.randperm(3)),
    ("normal with a size", lambda t, x: t.normal(0.0, 1.0, size=(2,))),
    ("normal of a tensor", lambda t, x: t.normal(x, 1.0)),
    ("bernoulli", lambda t, x: t.bernoulli(x * 0.5)),
    ("bernoulli with p", lambda t, x: t.bernoulli(x, 0.5)),
    ("a layer's weight", lambda t, x: t.nn.Linear(2, 2).weight),
    ("an op", lambda t, x: x * 2),
    ("a view of a normal tensor", lambda t, x: x[0]),
    ("a transpose of a normal tensor", lambda t, x: x.t()),
    ("detach", lambda t, x: x.detach()),
    ("a view of a new tensor", lambda t, x: t.zeros(2, 2)[0]),
]


def kind(t: ModuleType, make: Callable[[ModuleType, Any], Any]) -> tuple[bool, bool, str]:
    x = t.ones(2, 2)
    with t.inference_mode():
        made = make(t, x)
    return made.is_inference(), made.requires_grad, str(made.dtype)


@pytest.mark.parametrize("make", [make for _, make in FACTORIES], ids=[name for name, _ in FACTORIES])
def test_what_is_made_inside_is_an_inference_tensor_as_in_pytorch(make: Callable) -> None:
    torch = pytest.importorskip("torch")
    assert kind(lab, make) == kind(torch, make)


def test_outside_the_block_factories_make_normal_tensors() -> None:
    with lab.inference_mode():
        with lab.inference_mode(False):
            assert not lab.zeros(1).is_inference()
        assert lab.zeros(1).is_inference()
    assert not lab.zeros(1).is_inference()


def uses(t: ModuleType) -> list[Any]:
    """What an inference tensor allows, inside the block and after it."""
    with t.inference_mode():
        made = t.zeros(2, 2)
        made[0] = 1.0  # in place, inside: allowed and not counted
        made.add_(1.0)
        row = made[1]
        inside = [made.tolist(), row.is_inference()]
        weight = t.ones(2, requires_grad=True)
    view = weight[0]  # a view of an inference tensor, outside: an inference tensor, not recorded
    after = [view.is_inference(), view.requires_grad, view.grad_fn is None, view.is_leaf]
    (weight + 1).sum().backward()  # an op that saves nothing: allowed
    return [*inside, *after, weight.grad.tolist(), (weight * 1).is_inference()]


def test_inference_tensors_in_use_behave_as_in_pytorch() -> None:
    torch = pytest.importorskip("torch")
    assert uses(lab) == uses(torch)


@pytest.mark.parametrize(
    "misuse",
    [
        lambda t, made: made.add_(1.0),  # in place, outside the block
        lambda t, made: made._version,
        lambda t, made: (made.requires_grad_() * made).sum().backward(),
    ],
)
def test_misusing_an_inference_tensor_after_the_block_fails_as_in_pytorch(misuse: Callable) -> None:
    torch = pytest.importorskip("torch")
    errors = []
    for t in (lab, torch):
        with t.inference_mode():
            made = t.zeros(2)
        with pytest.raises(RuntimeError) as caught:
            misuse(t, made)
        errors.append(str(caught.value))
    ours, theirs = errors
    assert theirs.startswith(ours.partition(" Hint: ")[0])
