"""Mixed precision (torch.amp, torch.cuda.amp, torch.cpu.amp), torch.cpu and torch.random, against PyTorch.

Lessons written for a GPU wrap their training step in ``autocast`` and a
``GradScaler``; without a GPU PyTorch turns both off with a warning, and
they must run here unchanged.  ``GradScaler("cpu")`` really scales, and its
scale, skipped steps and parameters must follow PyTorch's step for step.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from types import ModuleType
from typing import Any

import numpy as np
import pytest
from twins import assert_same, both, numbers, raises_like_torch

import autograd_lab as lab

torch = pytest.importorskip("torch")


def warnings_of(call: Callable[[ModuleType], Any], module: ModuleType) -> list[tuple[type, str]]:
    """Each warning ``call(module)`` gives: its category and its text up to our hint."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        call(module)
    return [(w.category, str(w.message).partition(" Hint: ")[0]) for w in caught]


def _autocast_cuda(t: ModuleType) -> None:
    with t.autocast(device_type="cuda", dtype=t.float16):
        pass


def _autocast_cuda_old(t: ModuleType) -> None:
    with t.cuda.amp.autocast():
        pass


def _scaler_cuda_old(t: ModuleType) -> None:
    t.cuda.amp.GradScaler()


def _scaler_cpu_old(t: ModuleType) -> None:
    t.cpu.amp.GradScaler()


def _autocast_cpu_old(t: ModuleType) -> None:
    with t.cpu.amp.autocast(enabled=False):
        pass


def _custom_fwd_old(t: ModuleType) -> None:
    t.cuda.amp.custom_fwd(lambda ctx, x: x)


def _autocast_cpu_disabled(t: ModuleType) -> None:
    with t.autocast("cpu", enabled=False):
        pass


@pytest.mark.parametrize(
    "call",
    [
        _autocast_cuda,
        _autocast_cuda_old,
        _scaler_cuda_old,
        _scaler_cpu_old,
        _autocast_cpu_old,
        _custom_fwd_old,
        _autocast_cpu_disabled,
    ],
)
def test_warnings_are_pytorchs(call: Callable[[ModuleType], Any]) -> None:
    assert warnings_of(call, lab) == warnings_of(call, torch)


def test_cpu_autocast_to_bfloat16_says_it_runs_in_float32() -> None:
    with pytest.warns(UserWarning, match="CPU autocast to bfloat16 cannot run here") as caught:
        with lab.autocast("cpu"):
            product = lab.ones(2, 2) @ lab.ones(2, 2)
    assert "Hint:" in str(caught[0].message)
    assert product.dtype == lab.float32 and not lab.is_autocast_enabled()


def _training(t: ModuleType, device: str, steps: int = 6, **scaler_args: Any) -> dict:
    """A small model trained through the scaler: the loss, scale and growth tracker after every step."""
    model = t.nn.Linear(3, 2)
    optimizer = t.optim.SGD(model.parameters(), lr=0.1)
    scaler = t.amp.GradScaler(device, **scaler_args)
    x, y = t.randn(5, 3), t.randn(5, 2)
    record: dict = {"enabled": scaler.is_enabled()}
    for step in range(steps):
        optimizer.zero_grad()
        with t.autocast(device_type=device, enabled=False):
            loss = t.nn.functional.mse_loss(model(x), y)
        scaled = scaler.scale(loss)
        record[f"scaled{step}"] = numbers(scaled)
        scaled.backward()
        if step == 2:  # a step whose gradients overflow: skipped, and the scale backs off
            model.weight.grad[0, 0] = float("inf")
        if step == 4:  # unscale_ by hand, then clip, as PyTorch's AMP examples do
            scaler.unscale_(optimizer)
            t.nn.utils.clip_grad_norm_(model.parameters(), 0.5)
        scaler.step(optimizer)
        scaler.update()
        record[f"scale{step}"] = scaler.get_scale()
        record[f"tracker{step}"] = scaler._get_growth_tracker()
        record[f"weight{step}"] = numbers(model.weight)
    record["state"] = str(scaler.state_dict())
    return record


@pytest.mark.parametrize(
    "device, scaler_args",
    [
        ("cpu", {}),
        ("cpu", {"growth_interval": 2, "init_scale": 8.0}),
        ("cpu", {"enabled": False}),
        ("cuda", {}),
    ],
)
def test_training_through_the_scaler(device: str, scaler_args: dict) -> None:
    ours, theirs = both(lambda t: _training(t, device, **scaler_args))
    assert_same(ours, theirs, rtol=1e-5, atol=1e-6)


def test_scale_of_nested_outputs_and_new_scale() -> None:
    def scenario(t: ModuleType) -> dict:
        scaler = t.amp.GradScaler("cpu", init_scale=4.0)
        weight = t.ones(2, requires_grad=True)
        loss = (weight * 3).sum()
        first, (second, third) = scaler.scale([loss, (loss, loss)])
        first.backward()
        scaler.step(t.optim.SGD([weight], lr=0.1))
        scaler.update(new_scale=2.0)  # set by hand, not grown or backed off
        restored = t.amp.GradScaler("cpu")
        restored.load_state_dict(scaler.state_dict())
        return {
            "nested": [repr(first), repr(second), repr(third)],
            "restored": str(restored.state_dict()),
            "off": str(t.amp.GradScaler("cpu", enabled=False).state_dict()),
            "off scale": t.amp.GradScaler("cpu", enabled=False).get_scale(),
        }

    ours, theirs = both(scenario)
    assert ours == theirs


def _scaler_after_backward(t: ModuleType) -> tuple:
    weight = t.ones(2, requires_grad=True)
    optimizer = t.optim.SGD([weight], lr=0.1)
    scaler = t.amp.GradScaler("cpu")
    scaler.scale((weight * 2).sum()).backward()
    return scaler, optimizer


def _unscale_twice(t: ModuleType) -> None:
    scaler, optimizer = _scaler_after_backward(t)
    scaler.unscale_(optimizer)
    scaler.unscale_(optimizer)


def _step_twice(t: ModuleType) -> None:
    scaler, optimizer = _scaler_after_backward(t)
    scaler.step(optimizer)
    scaler.step(optimizer)


def _unscale_after_step(t: ModuleType) -> None:
    scaler, optimizer = _scaler_after_backward(t)
    scaler.step(optimizer)
    scaler.unscale_(optimizer)


def _closure(t: ModuleType) -> None:
    scaler, optimizer = _scaler_after_backward(t)
    scaler.step(optimizer, closure=lambda: 0)


def _update_before_scale(t: ModuleType) -> None:
    t.amp.GradScaler("cpu").update()


def _step_before_scale(t: ModuleType) -> None:
    t.amp.GradScaler("cpu").step(t.optim.SGD([t.ones(1, requires_grad=True)], lr=0.1))


def _update_before_step(t: ModuleType) -> None:
    scaler, _ = _scaler_after_backward(t)
    scaler.update()


def _fp16_gradients(t: ModuleType) -> None:
    weight = t.ones(2, dtype=t.float16, requires_grad=True)
    weight.grad = t.ones(2, dtype=t.float16)
    scaler = t.amp.GradScaler("cpu")
    scaler.scale(t.ones(1))
    scaler.step(t.optim.SGD([weight], lr=0.1))


@pytest.mark.parametrize(
    "call",
    [
        _unscale_twice,
        _step_twice,
        _unscale_after_step,
        _closure,
        _update_before_scale,
        _step_before_scale,
        _update_before_step,
        _fp16_gradients,
        lambda t: t.amp.GradScaler("cpu", growth_factor=1.0),
        lambda t: t.amp.GradScaler("cpu", backoff_factor=1.0),
        lambda t: t.amp.GradScaler("cpu").load_state_dict({}),
        lambda t: t.amp.GradScaler("cpu").scale(3),
        lambda t: t.autocast(device_type=0),
        lambda t: t.autocast("cuda", enabled=False)(3),
    ],
)
def test_errors_are_pytorchs(call: Callable[[ModuleType], Any]) -> None:
    raises_like_torch(call, torch)


def test_custom_function_decorated_for_amp() -> None:
    def scenario(t: ModuleType) -> dict:
        class Cube(t.autograd.Function):
            @staticmethod
            @t.amp.custom_fwd(device_type="cpu")
            def forward(ctx: Any, x: Any) -> Any:
                ctx.save_for_backward(x)
                return x**3

            @staticmethod
            @t.amp.custom_bwd(device_type="cpu")
            def backward(ctx: Any, grad: Any) -> Any:
                (x,) = ctx.saved_tensors
                return grad * 3 * x**2

        x = t.tensor([1.0, 2.0], requires_grad=True)
        Cube.apply(x).sum().backward()
        return {"grad": numbers(x.grad)}

    ours, theirs = both(scenario)
    assert_same(ours, theirs)


def test_autocast_as_a_decorator_runs_the_function() -> None:
    def scenario(t: ModuleType) -> dict:
        @t.autocast("cuda")
        def double(x: Any) -> Any:
            return x * 2

        return {"value": numbers(double(t.ones(2))), "enabled": t.is_autocast_enabled()}

    ours, theirs = both(scenario)
    assert_same(ours, theirs)


def test_torch_cpu() -> None:
    for name in ("is_available", "is_initialized", "device_count", "current_device", "synchronize"):
        assert getattr(lab.cpu, name)() == getattr(torch.cpu, name)(), name
    assert lab.cpu.set_device("cpu") is None


def test_torch_random_fork_rng_puts_the_generator_back() -> None:
    def scenario(t: ModuleType) -> dict:
        t.random.manual_seed(3)
        with t.random.fork_rng():
            inside = t.rand(3)
        after = t.rand(3)
        with t.random.fork_rng(enabled=False):
            t.rand(1)
        return {
            "inside": numbers(inside),
            "after": numbers(after),
            "next": numbers(t.rand(2)),
            "seed": t.random.initial_seed(),
        }

    ours, theirs = both(scenario)
    assert_same(ours, theirs)
    np.testing.assert_array_equal(ours["inside"], ours["after"])


@pytest.mark.parametrize("name", ["complex64", "cfloat"])
def test_dtypes_this_library_lacks_say_so(name: str) -> None:
    assert hasattr(torch, name)
    with pytest.raises(AttributeError, match=f"has no attribute '{name}' Hint: this teaching library"):
        getattr(lab, name)


def test_bfloat16_can_be_named_but_holds_no_values() -> None:
    """nanoGPT builds {'float32': torch.float32, 'bfloat16': torch.bfloat16, ...} before it picks one."""
    assert repr(lab.bfloat16) == repr(torch.bfloat16) == "torch.bfloat16"
    assert (lab.bfloat16.is_floating_point, lab.bfloat16.itemsize) == (True, 2)
    assert lab.bfloat16 != lab.float32 and lab.cuda.is_bf16_supported() is torch.cuda.is_bf16_supported()
    for make in (
        lambda: lab.zeros(2, dtype=lab.bfloat16),
        lambda: lab.ones(2).bfloat16(),
        lambda: lab.ones(2).to(lab.bfloat16),
    ):
        with pytest.raises(TypeError, match="no bfloat16 tensors.* Hint: "):
            make()
