"""Hooks on saved tensors (``_raw_saved_self.register_hooks``, ``saved_tensors_hooks``) against PyTorch.

The same script runs with autograd_lab and with torch; what the hooks see,
when they are called, what ``_saved_*`` returns and the gradients must agree.
"""

from __future__ import annotations

import gc
import io
import weakref
from types import ModuleType
from typing import Any

import numpy as np
import pytest
from twins import raises_like_torch

import autograd_lab as lab

torch = pytest.importorskip("torch")


def run_both(script: Any) -> tuple[list, list]:
    """``script(m, log)`` with m = autograd_lab and m = torch; returns both logs."""
    logs = []
    for m in (lab, torch):
        m.manual_seed(0)
        log: list = []
        script(m, log)
        logs.append(log)
    return logs[0], logs[1]


def logging_hooks(m: ModuleType, log: list, through_a_file: bool = False) -> tuple[Any, Any]:
    def pack(tensor: Any) -> Any:
        log.append(("pack", np.round(tensor.detach().numpy(), 5).tolist(), tensor.requires_grad))
        if not through_a_file:
            return tensor
        buffer = io.BytesIO()
        m.save(tensor, buffer)
        return buffer

    def unpack(packed: Any) -> Any:
        log.append(("unpack",))
        if not through_a_file:
            return packed
        packed.seek(0)
        return m.load(packed)

    return pack, unpack


def summary(m: ModuleType, tensor: Any) -> tuple:
    """What a student sees of a tensor: values, requires_grad, its node's name."""
    return (
        np.round(tensor.detach().numpy(), 5).tolist(),
        tensor.requires_grad,
        type(tensor.grad_fn).__name__,
    )


@pytest.mark.parametrize("through_a_file", [False, True])
def test_register_hooks_on_a_saved_input(through_a_file: bool) -> None:
    def script(m: ModuleType, log: list) -> None:
        x = m.randn(4, requires_grad=True)
        y = x.pow(2)
        y.grad_fn._raw_saved_self.register_hooks(*logging_hooks(m, log, through_a_file))
        saved = y.grad_fn._saved_self
        log.append(("saved", summary(m, saved), saved is x))
        y.sum().backward()
        log.append(("grad", x.grad.tolist()))

    ours, theirs = run_both(script)
    assert ours == theirs


def test_register_hooks_on_a_saved_result_and_a_computed_input() -> None:
    def script(m: ModuleType, log: list) -> None:
        x = m.randn(3, requires_grad=True)
        y = x.exp()
        y.grad_fn._raw_saved_result.register_hooks(*logging_hooks(m, log))
        w = x * 2
        v = w.sin()
        v.grad_fn._raw_saved_self.register_hooks(*logging_hooks(m, log))
        log.append(("result", summary(m, y.grad_fn._saved_result), y.grad_fn._saved_result is y))
        log.append(("input", summary(m, v.grad_fn._saved_self), v.grad_fn._saved_self is w))
        (y.sum() + v.sum()).backward(retain_graph=True)
        (y.sum() * 2).backward()
        log.append(("grad", np.round(x.grad.numpy(), 5).tolist()))

    ours, theirs = run_both(script)
    assert ours == theirs


def test_saved_tensors_hooks_pack_everything_saved_in_the_block() -> None:
    def script(m: ModuleType, log: list) -> None:
        x = m.randn(3, requires_grad=True)
        with m.autograd.graph.saved_tensors_hooks(*logging_hooks(m, log)):
            y = x * x
            z = y.sin()
        log.append(("block closed",))
        u = x.cos()  # outside: not packed
        log.append((x is y.grad_fn._saved_self, x.equal(y.grad_fn._saved_other), u.grad_fn._saved_self is x))
        (z.sum() + u.sum()).backward()
        log.append(("grad", np.round(x.grad.numpy(), 5).tolist()))

    ours, theirs = run_both(script)
    assert ours == theirs


@pytest.mark.parametrize("copy", [False, True], ids=["the tensor itself", "a copy"])
def test_a_create_graph_pass_through_hooked_values_records_their_history(copy: bool) -> None:
    """Unpacked inputs, leaves and results keep their history there, so the gradient is differentiable."""

    def script(m: ModuleType, log: list) -> None:
        x = m.tensor([0.5, -1.0, 2.0], requires_grad=True)
        with m.autograd.graph.saved_tensors_hooks((lambda t: t * 1) if copy else (lambda t: t), lambda t: t):
            y = (x.exp() * x * x).sum() + x.sin().pow(2).sum()
        (g,) = m.autograd.grad(y, x, create_graph=True)
        log.append((type(g.grad_fn).__name__, np.round(g.detach().numpy(), 5).tolist()))
        (h,) = m.autograd.grad(g.sum(), x)
        log.append(("second", np.round(h.numpy(), 5).tolist()))

    ours, theirs = run_both(script)
    assert ours == theirs


def test_errors_of_register_hooks_match_pytorch() -> None:
    def twice(m: ModuleType) -> None:
        # y kept alive: PyTorch crashes on a SavedTensor whose node is gone
        y = m.ones(2, requires_grad=True).pow(2)
        y.grad_fn._raw_saved_self.register_hooks(lambda t: t, lambda t: t)
        y.grad_fn._raw_saved_self.register_hooks(lambda t: t, lambda t: t)

    def after_backward(m: ModuleType) -> None:
        y = m.ones(2, requires_grad=True).pow(2)
        y.sum().backward()
        y.grad_fn._raw_saved_self.register_hooks(lambda t: t, lambda t: t)

    def unpack_gives_a_list(m: ModuleType) -> None:
        y = m.ones(2, requires_grad=True).pow(2)
        y.grad_fn._raw_saved_self.register_hooks(lambda t: t, lambda t: t.tolist())
        return y.grad_fn._saved_self

    for call in (twice, after_backward, unpack_gives_a_list):
        raises_like_torch(call, torch)
    with pytest.raises(AttributeError, match="_raw_saved_result"):
        _ = lab.ones(2, requires_grad=True).pow(2).grad_fn._raw_saved_result


@pytest.mark.parametrize("retain_graph", [False, True])
def test_what_pack_hook_returned_is_freed_with_the_saved_values(retain_graph: bool) -> None:
    """PyTorch drops the packed objects when backward() frees the graph's saved values (the
    saved-tensor hooks tutorial's self-deleting temporary files rely on it), not before."""

    class Packed:
        def __init__(self, tensor: Any) -> None:
            self.tensor = tensor

    def script(m: ModuleType, log: list) -> None:
        alive: list = []

        def pack(tensor: Any) -> Packed:
            packed = Packed(tensor)
            alive.append(weakref.ref(packed))
            return packed

        x = m.ones(3, requires_grad=True)
        with m.autograd.graph.saved_tensors_hooks(pack, lambda packed: packed.tensor):
            y = (x * x).sin()
        log.append(("packed", sum(ref() is not None for ref in alive)))
        y.sum().backward(retain_graph=retain_graph)
        gc.collect()
        log.append(("after backward", sum(ref() is not None for ref in alive)))
        del y
        gc.collect()
        log.append(("graph gone", sum(ref() is not None for ref in alive)))

    ours, theirs = run_both(script)
    assert ours == theirs
    assert ours[1] == ("after backward", 3 if retain_graph else 0)


@pytest.mark.parametrize("pin_memory", [False, True])
def test_save_on_cpu_keeps_the_saved_values_as_pytorch_does(pin_memory: bool) -> None:
    def script(m: ModuleType, log: list) -> None:
        w = m.randn(4, requires_grad=True)
        x = m.randn(4)
        with m.autograd.graph.save_on_cpu(pin_memory=pin_memory):
            product = w * x
            y = product.exp()
        saved = y.grad_fn._saved_result
        log.append(("saved", summary(m, saved), saved is y, product.grad_fn._saved_self is w))
        log.append(("saved input", summary(m, product.grad_fn._saved_other)))
        y.sum().backward()
        log.append(("grad", np.round(w.grad.numpy(), 5).tolist()))
        log.append(("class", type(m.autograd.graph.save_on_cpu()).__mro__[1].__name__))

    ours, theirs = run_both(script)
    assert ours == theirs


def test_data_parallel_runs_its_module_as_pytorch_does_without_a_gpu() -> None:
    def script(m: ModuleType, log: list) -> None:
        net = m.nn.DataParallel(m.nn.Linear(3, 2), device_ids=[0])
        log.append((repr(net), net.device_ids, list(net.state_dict()), str(type(net))))
        out = net(m.ones(4, 3))
        out.sum().backward()
        log.append((summary(m, out), np.round(net.module.weight.grad.numpy(), 5).tolist()))
        log.append(m.nn.parallel.DataParallel is m.nn.DataParallel)

    ours, theirs = run_both(script)
    assert ours == theirs
