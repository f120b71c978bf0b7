"""Lazy layers (``nn.LazyLinear``) and ``UninitializedParameter``, against PyTorch.

The same code runs with autograd_lab and with torch after the same seed:
the printed layer and parameters before and after the first call, the
numbers drawn at that call, hooks, ``apply``, ``state_dict`` and save/load.
"""

from __future__ import annotations

import copy
import io
from typing import Any

import numpy as np
import pytest
from twins import raises_like_torch, same_bits

import autograd_lab as lab

torch = pytest.importorskip("torch")


def both(code: str, seed: int = 0) -> tuple[Any, Any]:
    """``code`` evaluated with ``m`` as autograd_lab and as torch, each after ``manual_seed(seed)``."""
    results = []
    for m in (lab, torch):
        m.manual_seed(seed)
        results.append(eval(code, {"m": m, "nn": m.nn}))  # noqa: S307 - our own code
    return results[0], results[1]


def test_before_the_first_call_it_prints_and_refuses_as_pytorch() -> None:
    ours, theirs = both("nn.Sequential(nn.LazyLinear(256), nn.ReLU(), nn.LazyLinear(10, bias=False))")
    assert repr(ours) == repr(theirs)
    assert repr(ours[0].weight) == repr(theirs[0].weight) == "<UninitializedParameter>"
    assert repr(ours.state_dict()) == repr(theirs.state_dict())
    assert ours[0].weight.requires_grad and ours[0].in_features == 0
    raises_like_torch(lambda m: m.nn.LazyLinear(3).weight.shape, torch)
    with pytest.raises(ValueError, match="Attempted to use an uninitialized parameter"):
        ours[0].weight + 1


@pytest.mark.parametrize("shape", [(2, 20), (5, 3, 7), (1, 1)])
def test_the_first_call_draws_pytorchs_numbers_and_becomes_linear(shape: tuple) -> None:
    code = f"(lambda net: (net, net(m.rand(*{shape}))))(nn.Sequential(nn.LazyLinear(6), nn.ReLU(), nn.LazyLinear(1)))"
    (ours, out), (theirs, expected) = both(code)
    assert repr(ours) == repr(theirs)
    assert type(ours[0]) is lab.nn.Linear and type(ours[0].weight) is lab.nn.Parameter
    for a, b in zip(ours.parameters(), theirs.parameters(), strict=True):
        same_bits(a, b)
    np.testing.assert_allclose(out.detach().numpy(), expected.detach().numpy(), rtol=1e-6, atol=1e-7)
    assert not hasattr(ours[0], "_initialize_hook")


def test_a_shared_lazy_layer_is_drawn_once() -> None:
    code = "(lambda s: (lambda net: (net(m.rand(2, 4)), net)[1])(nn.Sequential(nn.LazyLinear(8), s, s)))(nn.LazyLinear(8))"
    ours, theirs = both(code)
    assert ours[1] is ours[2]
    for a, b in zip(ours.parameters(), theirs.parameters(), strict=True):
        same_bits(a, b)


def test_hooks_run_after_the_parameters_are_made() -> None:
    seen = []
    layer = lab.nn.LazyLinear(3)
    layer.register_forward_pre_hook(lambda module, args: seen.append(tuple(module.weight.shape)))
    layer.register_forward_hook(lambda module, args, out: seen.append(type(module).__name__))
    layer(lab.ones(2, 5))
    assert seen == [(3, 5), "Linear"]


def test_apply_after_the_first_call_initialises_as_pytorch() -> None:
    code = """(lambda net: (net(m.rand(2, 4)), net.apply(lambda l: type(l) == nn.Linear and nn.init.xavier_uniform_(l.weight)))[1])(
        nn.Sequential(nn.LazyLinear(8), nn.ReLU(), nn.LazyLinear(1)))"""
    ours, theirs = both(code)
    for a, b in zip(ours.parameters(), theirs.parameters(), strict=True):
        same_bits(a, b)


@pytest.mark.parametrize("initialised_first", [True, False])
def test_a_state_dict_loads_into_a_lazy_model_as_in_pytorch(initialised_first: bool) -> None:
    code = f"""(lambda source, clone, x: (
        source(x),
        m.save(source.state_dict(), buffer := __import__('io').BytesIO()), buffer.seek(0),
        {"clone(x)," if initialised_first else ""}
        clone.load_state_dict(m.load(buffer)),
        (repr(clone), clone(x), repr(clone))))(
        nn.Sequential(nn.LazyLinear(5), nn.ReLU(), nn.LazyLinear(2)),
        nn.Sequential(nn.LazyLinear(5), nn.ReLU(), nn.LazyLinear(2)),
        m.randn(3, 4))[-1]"""
    (ours_before, ours_out, ours_after), (theirs_before, theirs_out, theirs_after) = both(code)
    assert ours_before == theirs_before
    assert ours_after == theirs_after
    np.testing.assert_allclose(ours_out.detach().numpy(), theirs_out.detach().numpy(), rtol=1e-5, atol=1e-6)


def test_a_lazy_state_dict_saves_and_copies() -> None:
    layer = lab.nn.LazyLinear(3)
    buffer = io.BytesIO()
    lab.save(layer.state_dict(), buffer)
    buffer.seek(0)
    loaded = lab.load(buffer, weights_only=False)
    assert repr(loaded["weight"]) == "<UninitializedParameter>"
    twin = copy.deepcopy(layer)
    twin(lab.ones(1, 2))
    assert repr(layer.weight) == "<UninitializedParameter>" and twin.weight.shape == (3, 2)


def test_dtype_conversion_before_the_first_call() -> None:
    ours, theirs = both("(lambda l: (l.double(), l(m.ones(1, 2, dtype=m.float64)), l)[-1])(nn.LazyLinear(2))")
    same_bits(ours.weight, theirs.weight)
    same_bits(ours.bias, theirs.bias)
