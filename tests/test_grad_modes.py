"""Grad modes: no_grad, enable_grad and set_grad_enabled as blocks, calls and decorators, per thread.

Expected values are written out.
"""

from __future__ import annotations

import threading

import pytest
from autograd_helpers import leaf

import autograd_lab as torch


def test_grad_mode_context_managers():
    x = leaf(1.0)
    assert torch.is_grad_enabled()
    with torch.no_grad():
        assert not torch.is_grad_enabled()
        assert not (x * 2).requires_grad
        with torch.enable_grad():
            assert (x * 2).requires_grad
        assert not torch.is_grad_enabled()
    with torch.set_grad_enabled(False):
        assert not (x * 2).requires_grad
        with torch.set_grad_enabled(True):
            assert (x * 2).requires_grad
    assert torch.is_grad_enabled()
    with pytest.raises(ZeroDivisionError), torch.no_grad():
        1 / 0  # noqa: B018 - leaving by an exception restores the mode too
    assert torch.is_grad_enabled()


def test_set_grad_enabled_called_plainly_switches_at_once():
    try:
        torch.set_grad_enabled(False)
        assert not torch.is_grad_enabled()
        assert not (leaf(1.0) * 2).requires_grad
    finally:
        torch.set_grad_enabled(True)
    assert torch.is_grad_enabled()


def test_grad_mode_decorators():
    x = leaf(1.0)

    @torch.no_grad()
    def quiet(t):
        """Doc."""
        return (t * 2).requires_grad

    @torch.enable_grad()
    def loud(t):
        return (t * 2).requires_grad

    @torch.set_grad_enabled(False)
    def off(t):
        return (t * 2).requires_grad

    assert torch.is_grad_enabled()  # decorating switches nothing
    assert quiet(x) is False and off(x) is False
    assert quiet.__name__ == "quiet" and quiet.__doc__ == "Doc."
    with torch.no_grad():
        assert loud(x) is True
        assert not torch.is_grad_enabled()
    assert torch.is_grad_enabled()


def test_no_grad_is_thread_local():
    x = leaf(1.0)
    inside = threading.Event()
    done = threading.Event()
    seen = {}

    def quiet():
        with torch.no_grad():
            inside.set()
            done.wait(5)
            seen["quiet"] = (x * 2).requires_grad

    def recording():
        inside.wait(5)  # the other thread is inside no_grad now
        seen["enabled"] = torch.is_grad_enabled()
        seen["recording"] = (x * 2).requires_grad
        done.set()

    threads = [threading.Thread(target=quiet), threading.Thread(target=recording)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert seen == {"quiet": False, "enabled": True, "recording": True}
    assert torch.is_grad_enabled()


@pytest.mark.parametrize("layer", ["RNN", "GRU", "LSTM"])
def test_a_recurrent_layer_under_no_grad_remembers_each_weight_once(layer: str) -> None:
    """The pictures remember which tensors needing grad a no_grad result came from; each once, not once per
    path (an LSTM's state reaches its weights along twice as many paths at every step: it ran out of memory
    at a dozen steps)."""
    from autograd_lab._grad_mode import cut_by_no_grad, made_without_grad

    net = getattr(torch.nn, layer)(2, 3)
    with torch.no_grad():
        out, _ = net(torch.zeros(40, 1, 2))
    op_name, sources = cut_by_no_grad(out._array)
    weights = {id(p) for p in net.parameters()}
    assert sources and {id(t) for t in sources} <= weights
    assert len(made_without_grad[id(out._array)][2]) == len(sources)  # (33,696,916 at 10 steps before)
