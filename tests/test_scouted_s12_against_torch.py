"""What session 12's scout found in real lessons, each held against PyTorch.

- A classic student mistake: an image without its batch and channel axes
  (or with one too many) given to a 2-d convolution or pooling layer gets
  PyTorch's error, not an internal one.
- ``x.numpy()`` of a tensor that requires grad works under ``no_grad()``
  (``plt.plot(w.numpy())`` in a no_grad block).
- ``torch.cuda.FloatTensor`` & co. exist, print as PyTorch's and refuse to
  make a tensor, as PyTorch without CUDA does.
- The default generator is seeded from the OS at start, as PyTorch's is.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest
from twins import assert_same, both, numbers, raises_like_torch

import autograd_lab as lab

torch = pytest.importorskip("torch")

LAYERS: dict[str, Callable[[ModuleType, Any], Any]] = {
    "Conv2d": lambda t, x: t.nn.Conv2d(1, 4, 3)(x),
    "F.conv2d": lambda t, x: t.nn.functional.conv2d(x, t.ones(4, 1, 3, 3)),
    "MaxPool2d": lambda t, x: t.nn.MaxPool2d(2)(x),
    "F.max_pool2d": lambda t, x: t.nn.functional.max_pool2d(x, 2),
    "AvgPool2d": lambda t, x: t.nn.AvgPool2d(2)(x),
    "AdaptiveAvgPool2d(2)": lambda t, x: t.nn.AdaptiveAvgPool2d(2)(x),
}


@pytest.mark.parametrize("shape", [(6,), (6, 6), (2, 3, 4, 6, 6)], ids=str)
@pytest.mark.parametrize("layer", list(LAYERS))
def test_images_of_the_wrong_rank_get_pytorchs_error(layer: str, shape: tuple) -> None:
    raises_like_torch(lambda t: LAYERS[layer](t, t.ones(*shape)), torch)


@pytest.mark.parametrize("shape", [(6, 6), (3, 6, 6), (2, 3, 6, 6), (2, 3, 4, 6, 6)], ids=str)
def test_global_average_pooling_takes_any_rank_as_pytorch_does(shape: tuple) -> None:
    def scenario(t: ModuleType) -> dict:
        x = t.randn(*shape, requires_grad=True)
        out = t.nn.AdaptiveAvgPool2d(1)(x)
        out.sum().backward()
        return {"out": numbers(out), "node": type(out.grad_fn).__name__, "grad": numbers(x.grad)}

    ours, theirs = both(scenario)
    assert_same(ours, theirs)


def test_numpy_of_a_tensor_that_requires_grad_under_no_grad() -> None:
    def scenario(t: ModuleType) -> dict:
        w = t.tensor([1.0, 2.0], requires_grad=True)
        y = w * 3
        with t.no_grad():
            seen = {"w": w.numpy().copy(), "y": y.numpy().copy()}
        with t.inference_mode():
            seen["inference"] = w.numpy().copy()
        return seen

    ours, theirs = both(scenario)
    assert_same(ours, theirs)
    raises_like_torch(lambda t: t.ones(2, requires_grad=True).numpy(), torch)


@pytest.mark.parametrize("name", ["FloatTensor", "DoubleTensor", "LongTensor", "HalfTensor", "BoolTensor"])
def test_cuda_legacy_types_print_and_refuse_as_pytorchs(name: str) -> None:
    assert repr(getattr(lab.cuda, name)) == repr(getattr(torch.cuda, name))
    assert not isinstance(lab.ones(2), getattr(lab.cuda, name))
    raises_like_torch(lambda t: getattr(t.cuda, name)(2, 3), torch)
    raises_like_torch(lambda t: t.ones(2).type(getattr(t.cuda, name)), torch)
    raises_like_torch(lambda t: t.ones(2).type(f"torch.cuda.{name}"), torch)


def test_the_usual_legacy_type_choice_picks_the_cpu() -> None:
    def scenario(t: ModuleType) -> dict:
        dtype = t.cuda.FloatTensor if t.cuda.is_available() else t.FloatTensor
        x = t.randn(2, 3).type(dtype)
        return {"x": numbers(x), "type": x.type()}

    ours, theirs = both(scenario)
    assert_same(ours, theirs)


def _first_draws(module: str) -> list[str]:
    code = f"import {module} as t; print(t.initial_seed(), t.rand(1).item(), t.Generator().initial_seed())"
    return [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
            for _ in range(2)]  # fmt: skip


def test_the_default_generator_is_seeded_from_the_os_at_start() -> None:
    ours, theirs = _first_draws("autograd_lab"), _first_draws("torch")
    for runs in (ours, theirs):
        assert runs[0] != runs[1]  # two fresh processes draw differently
        assert all(run.split()[2] == "67280421310721" for run in runs)  # a new Generator() is fixed


CIRCULAR = [
    ((2, 3), (1, 1)),
    ((1, 2, 3), (1, 2)),
    ((2, 3, 4), (1, 1, 1, 1)),
    ((1, 1, 2, 3), (2, 0, 1, 2)),
    ((1, 1, 3), (-1, -1)),
    ((1, 1, 4), (-1, 2)),
    ((1, 1, 2, 2, 2), (1, 1, 1, 1, 1, 1)),
]


@pytest.mark.parametrize("shape, pad", CIRCULAR, ids=str)
def test_circular_padding_is_pytorchs(shape: tuple, pad: tuple) -> None:
    def scenario(t: ModuleType) -> dict:
        x = t.randn(*shape, dtype=t.float64, requires_grad=True)
        y = t.nn.functional.pad(x, pad, mode="circular")
        (y * t.arange(float(y.numel()), dtype=t.float64).reshape(y.shape)).sum().backward()
        return {"y": numbers(y), "node": type(y.grad_fn).__name__, "grad": numbers(x.grad)}

    ours, theirs = both(scenario)
    assert_same(ours, theirs)


@pytest.mark.parametrize(
    "call",
    [
        lambda t: t.nn.functional.pad(t.ones(1, 1, 3), (4, 0), mode="circular"),
        lambda t: t.nn.functional.pad(t.ones(1, 1, 3), (-2, -2), mode="circular"),
        lambda t: t.nn.CircularPad1d(1)(t.ones(1, 1, 1, 3)),
        lambda t: t.nn.CircularPad2d(1)(t.ones(3, 3)),
    ],
)
def test_circular_padding_errors_are_pytorchs(call: Callable[[ModuleType], Any]) -> None:
    raises_like_torch(call, torch)


@pytest.mark.parametrize("mode", ["reflect", "replicate", "circular"])
@pytest.mark.parametrize("padding", [1, (2, 1), "same", "valid"], ids=str)
def test_convolutions_with_a_padding_mode(mode: str, padding: Any) -> None:
    def scenario(t: ModuleType) -> dict:
        x = t.randn(2, 2, 6, 5, requires_grad=True)
        conv2 = t.nn.Conv2d(2, 3, 3, padding=padding, padding_mode=mode)
        conv1 = t.nn.Conv1d(
            2, 3, 3, padding=padding[0] if isinstance(padding, tuple) else padding, padding_mode=mode
        )
        y2, y1 = conv2(x), conv1(x[:, :, 0])
        (y2.sum() + y1.sum()).backward()
        return {
            "repr": [repr(conv2), repr(conv1)],
            "y2": numbers(y2),
            "y1": numbers(y1),
            "grad": numbers(x.grad),
            "weight grad": numbers(conv2.weight.grad),
        }

    ours, theirs = both(scenario)
    assert_same(ours, theirs, rtol=1e-5, atol=1e-6)


def test_an_unknown_padding_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="padding_mode must be one of .*, but got padding_mode='foo' Hint:"):
        lab.nn.Conv2d(1, 1, 3, padding_mode="foo")
    with pytest.raises(ValueError, match="padding_mode must be one of"):
        torch.nn.Conv2d(1, 1, 3, padding_mode="foo")


@pytest.mark.parametrize("name", ["CircularPad1d", "CircularPad2d", "CircularPad3d"])
def test_circular_pad_layers_print_as_pytorchs(name: str) -> None:
    for padding in (1, (1, 2, 0, 1, 3, 0)[: 2 * int(name[-2])]):
        assert repr(getattr(lab.nn, name)(padding)) == repr(getattr(torch.nn, name)(padding))
