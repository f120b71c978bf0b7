"""``autograd_lab.optim`` against ``torch.optim``: the same numbers step for step, the same printouts.

Each optimizer runs on plain leaf tensors with the same starting values and
the same gradients as PyTorch's, for several steps; the parameters after
every step and the state at the end must agree.  SGD must agree to the last
bit.  Adam, RMSprop and Adagrad take a square root, which PyTorch computes
with Intel MKL (one unit in the last place below the correctly rounded
``np.sqrt`` for ~0.65% of inputs), so they are held to 1e-6 relative, and,
with ``torch.sqrt`` itself put in place of ``np.sqrt``, to the last bit:
everything but the square root is PyTorch's arithmetic exactly.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from fractions import Fraction
from types import ModuleType
from typing import Any

import numpy as np
import pytest
from misuse import fails_like_pytorch

import autograd_lab as lab
from autograd_lab.optim import _kernels, adagrad, adam, rmsprop

CONFIGS = [
    ("SGD", {"lr": 0.1}),
    ("SGD", {"lr": 0.01, "momentum": 0.9}),
    ("SGD", {"lr": 0.05, "momentum": 0.9, "dampening": 0.1}),
    ("SGD", {"lr": 0.05, "momentum": 0.9, "nesterov": True}),
    ("SGD", {"lr": 0.03, "momentum": 0.8, "weight_decay": 1e-3, "maximize": True}),
    ("SGD", {"lr": 0.1, "weight_decay": 0.01}),
    ("Adam", {}),
    ("Adam", {"lr": 0.01, "betas": (0.8, 0.99), "eps": 1e-6}),
    ("Adam", {"lr": 3e-3, "amsgrad": True}),
    ("Adam", {"lr": 1e-3, "weight_decay": 0.01}),
    ("Adam", {"lr": 1e-2, "maximize": True}),
    ("AdamW", {}),
    ("AdamW", {"lr": 1e-2, "weight_decay": 0.1, "amsgrad": True}),
    ("RMSprop", {}),
    ("RMSprop", {"lr": 1e-3, "alpha": 0.9, "centered": True}),
    ("RMSprop", {"lr": 1e-3, "momentum": 0.9}),
    ("RMSprop", {"lr": 1e-3, "momentum": 0.5, "centered": True, "weight_decay": 0.01}),
    ("Adagrad", {}),
    ("Adagrad", {"lr": 0.1, "lr_decay": 0.01, "initial_accumulator_value": 0.1}),
    ("Adagrad", {"lr": 0.05, "weight_decay": 0.01, "maximize": True}),
]
SHAPES = [(37,), (5, 7), (1,), ()]
STEPS = 8


def config_id(config: tuple[str, dict]) -> str:
    kind, settings = config
    return kind + "(" + ", ".join(f"{k}={v}" for k, v in settings.items()) + ")"


def starting_values(dtype: type, seed: int = 0) -> tuple[list[np.ndarray], list[list[np.ndarray]]]:
    """Parameters, and the gradients of each step (fixed, so both libraries see the same ones)."""
    rng = np.random.default_rng(seed)
    params = [rng.standard_normal(shape).astype(dtype) for shape in SHAPES]
    grads = [[(rng.standard_normal(shape) * 0.5).astype(dtype) for shape in SHAPES] for _ in range(STEPS)]
    return params, grads


def train(
    t: ModuleType, kind: str, settings: dict, dtype: type = np.float32
) -> tuple[list[list[np.ndarray]], list[Any], Any]:
    """Run ``kind`` for STEPS steps in module ``t``: the parameters after each step, the tensors, the optimizer."""
    start, grads = starting_values(dtype)
    params = [t.tensor(value, requires_grad=True) for value in start]
    optimizer = getattr(t.optim, kind)(params, **settings)
    history = []
    for step_grads in grads:
        for param, grad in zip(params, step_grads, strict=True):
            param.grad = t.tensor(grad)
        optimizer.step()
        history.append([param.detach().numpy().copy() for param in params])
    return history, params, optimizer


def state_arrays(optimizer: Any, params: list[Any]) -> list[dict[str, np.ndarray]]:
    return [{key: value.numpy() for key, value in optimizer.state[param].items()} for param in params]


@pytest.fixture
def torch_sqrt(monkeypatch: pytest.MonkeyPatch) -> None:
    """Put PyTorch's own square root (MKL) in place of np.sqrt in the optimizers."""
    real = pytest.importorskip("torch")

    def sqrt(x: np.ndarray) -> np.ndarray:
        return real.from_numpy(np.ascontiguousarray(x)).sqrt().numpy()

    for module in (adam, rmsprop, adagrad):
        monkeypatch.setattr(module, "sqrt", sqrt)


# -- the arithmetic -----------------------------------------------------------------------


def exact_fma32(a: float, b: float, c: float) -> np.float32:
    """a * b + c in exact rationals, rounded once to float32 (round half to even)."""
    exact = Fraction(float(a)) * Fraction(float(b)) + Fraction(float(c))
    below = np.float32(float(exact))  # the nearest double, rounded to float32: maybe not the nearest float32
    candidates = [np.nextafter(below, np.float32(-np.inf)), below, np.nextafter(below, np.float32(np.inf))]
    distances = [abs(Fraction(float(x)) - exact) for x in candidates]
    best = min(distances)
    ties = [x for x, d in zip(candidates, distances, strict=True) if d == best]
    return min(ties, key=lambda x: int(np.float32(x).view(np.uint32)) & 1)


def test_fma_rounds_once_even_where_float64_would_round_twice() -> None:
    one_plus = np.float32(1 + 2**-12)  # (1 + 2**-12)**2 = 1 + 2**-11 + 2**-24: halfway between two float32s
    for addend in (2.0**-80, -(2.0**-80), 0.0, 2.0**-30):
        a = np.array([one_plus], np.float32)
        got = _kernels.fma(a, a, np.array([addend], np.float32))[0]
        assert got == exact_fma32(one_plus, one_plus, addend)


FMA_INPUTS: dict[str, Callable[[np.random.Generator], tuple[np.ndarray, ...]]] = {
    "normal": lambda rng: (
        rng.standard_normal(3000),
        rng.standard_normal(3000),
        rng.standard_normal(3000) * 10.0 ** rng.integers(-8, 8, 3000),
    ),
    # (1 + k/4096)(1 + m/4096) with k, m odd sits halfway between two float32s; a tiny addend is
    # lost in the float64 sum but decides the float32 result
    "ties": lambda rng: (
        1 + (2 * rng.integers(0, 2**10, 3000) + 1) * 2.0**-12,
        1 + (2 * rng.integers(0, 2**10, 3000) + 1) * 2.0**-12,
        rng.choice([-1, 1], 3000) * rng.integers(1, 2**20, 3000) * 2.0**-80,
    ),
    # the same among float32's subnormals: 2**-150 (1 - 2**-46) plus an odd multiple of 2**-149
    "subnormal ties": lambda rng: (
        np.full(3000, 2.0**-75 * (1 + 2.0**-23)),
        np.full(3000, 2.0**-75 * (1 - 2.0**-23)),
        (2 * rng.integers(2**20, 2**21, 3000) + 1) * 2.0**-149,
    ),
}


@pytest.mark.parametrize("kind", list(FMA_INPUTS))
def test_fma_matches_exact_rounding(kind: str) -> None:
    a, b, c = (x.astype(np.float32) for x in FMA_INPUTS[kind](np.random.default_rng(1)))
    got = _kernels.fma(a, b, c)
    expected = np.array([exact_fma32(x, y, z) for x, y, z in zip(a, b, c, strict=True)], np.float32)
    assert np.array_equal(got.view(np.uint32), expected.view(np.uint32))


def test_float64_fma_matches_exact_rounding() -> None:
    rng = np.random.default_rng(2)
    a, b, c = (rng.standard_normal(2000) for _ in range(3))
    expected = [float(Fraction(x) * Fraction(y) + Fraction(z)) for x, y, z in zip(a, b, c, strict=True)]
    assert np.array_equal(_kernels.fma(a, b, c), np.array(expected))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_kernels_are_pytorchs_bit_for_bit(dtype: type) -> None:
    real = pytest.importorskip("torch")
    rng = np.random.default_rng(3)
    x, y, z = (rng.standard_normal(20011).astype(dtype) for _ in range(3))
    tx, ty, tz = (real.from_numpy(v) for v in (x, y, z))
    pairs = [
        (_kernels.add(x, y, -0.37), real.add(tx, ty, alpha=-0.37)),
        (_kernels.addcmul(x, y, z, 0.001), real.addcmul(tx, ty, tz, value=0.001)),
        (_kernels.addcdiv(x, y, np.abs(z) + 1, -0.01), real.addcdiv(tx, ty, tz.abs() + 1, value=-0.01)),
        (_kernels.lerp(x, y, 0.1), real.lerp(tx, ty, 0.1)),
        (_kernels.lerp(x, y, 0.9), real.lerp(tx, ty, 0.9)),
    ]
    for ours, theirs in pairs:
        assert np.array_equal(ours, theirs.numpy())


# -- optimizers against PyTorch, step for step ------------------------------------------------


@pytest.mark.parametrize("config", CONFIGS, ids=config_id)
def test_steps_agree_with_pytorch(config: tuple[str, dict]) -> None:
    real = pytest.importorskip("torch")
    kind, settings = config
    ours, our_params, our_optimizer = train(lab, kind, settings)
    theirs, their_params, their_optimizer = train(real, kind, settings)
    exact = kind == "SGD"
    for our_step, their_step in zip(ours, theirs, strict=True):
        for mine, expected in zip(our_step, their_step, strict=True):
            assert mine.dtype == expected.dtype and mine.shape == expected.shape
            if exact:
                assert np.array_equal(mine, expected)
            else:
                np.testing.assert_allclose(mine, expected, rtol=1e-6, atol=1e-7)
    our_state, their_state = (
        state_arrays(our_optimizer, our_params),
        state_arrays(their_optimizer, their_params),
    )
    for mine, expected in zip(our_state, their_state, strict=True):
        assert list(mine) == list(expected)
        for key in mine:
            assert mine[key].dtype == expected[key].dtype and mine[key].shape == expected[key].shape
            # (a running average near 0 holds what is left of larger gradients: its last bits are theirs)
            scale = float(np.abs(expected[key]).max(initial=0.0))
            np.testing.assert_allclose(mine[key], expected[key], rtol=1e-6, atol=max(1e-12, 1e-6 * scale))
    # in place: the same tensors, changed as many times as PyTorch changes them
    assert [p._version for p in our_params] == [p._version for p in their_params]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("config", CONFIGS, ids=config_id)
def test_all_but_the_square_root_is_pytorchs_to_the_last_bit(
    config: tuple[str, dict], dtype: type, torch_sqrt: None
) -> None:
    real = pytest.importorskip("torch")
    kind, settings = config
    ours, our_params, our_optimizer = train(lab, kind, settings, dtype)
    theirs, their_params, their_optimizer = train(real, kind, settings, dtype)
    assert all(
        np.array_equal(mine, expected)
        for our_step, their_step in zip(ours, theirs, strict=True)
        for mine, expected in zip(our_step, their_step, strict=True)
    )
    our_state, their_state = (
        state_arrays(our_optimizer, our_params),
        state_arrays(their_optimizer, their_params),
    )
    for mine, expected in zip(our_state, their_state, strict=True):
        assert all(np.array_equal(mine[key], expected[key]) for key in expected)


def test_parameter_groups_keep_their_own_settings() -> None:
    real = pytest.importorskip("torch")
    start, grads = starting_values(np.float32)

    def run(t: ModuleType) -> tuple[list[np.ndarray], str]:
        w, b, c = (t.tensor(value, requires_grad=True) for value in start[:3])
        optimizer = t.optim.SGD(
            [{"params": [w]}, {"params": [b], "lr": 0.5, "momentum": 0.9}, {"params": c, "nesterov": True}],
            lr=0.1,
            momentum=0.5,
        )
        for step_grads in grads:
            for param, grad in zip((w, b, c), step_grads, strict=False):
                param.grad = t.tensor(grad)
            optimizer.step()
        return [p.detach().numpy() for p in (w, b, c)], repr(optimizer)

    (ours, our_repr), (theirs, their_repr) = run(lab), run(real)
    assert all(np.array_equal(mine, expected) for mine, expected in zip(ours, theirs, strict=True))
    assert our_repr == their_repr


def test_a_parameter_without_grad_is_left_alone() -> None:
    w = lab.tensor([1.0, 2.0], requires_grad=True)
    frozen = lab.tensor([3.0], requires_grad=True)
    optimizer = lab.optim.Adam([w, frozen], lr=0.1)
    (w * w).sum().backward()
    optimizer.step()
    assert frozen.tolist() == [3.0] and frozen._version == 0
    assert frozen not in optimizer.state and w in optimizer.state


def test_step_changes_the_parameters_in_place_outside_autograd() -> None:
    w = lab.tensor([1.0, -2.0], requires_grad=True)
    memory = w._array
    optimizer = lab.optim.SGD([w], lr=0.5)
    loss = (w * w).sum()
    loss.backward(retain_graph=True)
    optimizer.step()
    assert w._array is memory and w.is_leaf and w.grad_fn is None and w.requires_grad
    assert w.tolist() == [0.0, 0.0]
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        loss.backward()  # the graph saved w, which the step changed: PyTorch refuses too


def test_step_calls_the_closure_with_gradients_on_and_returns_its_loss() -> None:
    w = lab.tensor([2.0], requires_grad=True)
    optimizer = lab.optim.SGD([w], lr=0.25)
    seen = []

    def closure() -> Any:
        optimizer.zero_grad()
        loss = (w * w).sum()
        seen.append(lab.is_grad_enabled())
        loss.backward()
        return loss

    with lab.no_grad():
        loss = optimizer.step(closure)
    assert seen == [True] and loss.item() == 4.0 and w.tolist() == [1.0]
    assert optimizer.step() is None


@pytest.mark.parametrize("set_to_none", [True, False])
def test_zero_grad(set_to_none: bool) -> None:
    w = lab.tensor([1.0, 2.0], requires_grad=True)
    optimizer = lab.optim.SGD([w], lr=0.1)
    (w * w).sum().backward()
    grad = w.grad
    optimizer.zero_grad(set_to_none=set_to_none)
    if set_to_none:
        assert w.grad is None
    else:
        assert w.grad is grad and w.grad.tolist() == [0.0, 0.0]
    (w * 3).sum().backward()
    assert w.grad.tolist() == [3.0, 3.0]


# -- what a student prints ---------------------------------------------------------------------


def make_optimizers(t: ModuleType) -> list[Any]:
    w = t.tensor([1.0, 2.0], requires_grad=True)
    b = t.tensor([0.5], requires_grad=True)
    with_scheduler = t.optim.SGD([w], lr=0.3)
    t.optim.lr_scheduler.StepLR(with_scheduler, step_size=2)
    return [
        t.optim.SGD([w, b], lr=0.1),
        t.optim.SGD([w, b], lr=0.01, momentum=0.9, nesterov=True, weight_decay=1e-4),
        t.optim.SGD([{"params": [w]}, {"params": [b], "lr": 0.5}], lr=0.1),
        t.optim.Adam([w, b]),
        t.optim.Adam([w], lr=0.01, betas=(0.8, 0.9), amsgrad=True),
        t.optim.AdamW([w, b], lr=1e-3),
        t.optim.RMSprop([w, b]),
        t.optim.RMSprop([w], lr=0.001, momentum=0.9, centered=True),
        t.optim.Adagrad([w, b]),
        with_scheduler,
    ]


def test_optimizers_print_as_pytorchs() -> None:
    real = pytest.importorskip("torch")
    for ours, theirs in zip(make_optimizers(lab), make_optimizers(real), strict=True):
        assert repr(ours) == repr(theirs)
        assert str(ours) == str(theirs)


def test_the_repr_lists_each_groups_settings_in_order() -> None:
    optimizer = lab.optim.SGD([{"params": [lab.ones(1, requires_grad=True)], "lr": 0.5}], lr=0.1)
    assert repr(optimizer).splitlines()[:3] == ["SGD (", "Parameter Group 0", "    dampening: 0"]
    assert "    lr: 0.5" in repr(optimizer).splitlines()


def stepped_state_dicts(t: ModuleType) -> list[dict[str, Any]]:
    """state_dict() of each kind of optimizer after two steps of a small model."""
    start, grads = starting_values(np.float32)
    results = []
    for kind, settings in [
        ("SGD", {"lr": 0.1}),
        ("SGD", {"lr": 0.1, "momentum": 0.9}),
        ("Adam", {"lr": 0.01, "amsgrad": True}),
        ("AdamW", {}),
        ("RMSprop", {"momentum": 0.5, "centered": True}),
        ("Adagrad", {"lr_decay": 0.1}),
    ]:
        w, b = (t.tensor(value, requires_grad=True) for value in start[2:4])
        frozen = t.tensor([1.0], requires_grad=True)
        optimizer = getattr(t.optim, kind)([{"params": [w, frozen]}, {"params": [b], "lr": 0.5}], **settings)
        for step_grads in grads[:2]:
            w.grad, b.grad = t.tensor(step_grads[2]), t.tensor(step_grads[3])
            optimizer.step()
        results.append(optimizer.state_dict())
    return results


def test_state_dicts_print_as_pytorchs() -> None:
    real = pytest.importorskip("torch")
    for ours, theirs in zip(stepped_state_dicts(lab), stepped_state_dicts(real), strict=True):
        assert repr(ours) == repr(theirs)
        assert list(ours["param_groups"][1]) == list(theirs["param_groups"][1])


@pytest.mark.parametrize("config", CONFIGS[1::3], ids=config_id)
def test_a_state_dict_round_trip_continues_where_it_left_off(config: tuple[str, dict]) -> None:
    kind, settings = config
    start, grads = starting_values(np.float32)
    runs = []
    for interrupted in (False, True):
        params = [lab.tensor(value, requires_grad=True) for value in start]
        optimizer = getattr(lab.optim, kind)(params, **settings)
        for step, step_grads in enumerate(grads):
            if interrupted and step == STEPS // 2:
                saved = optimizer.state_dict()
                params = [lab.tensor(p.detach().numpy().copy(), requires_grad=True) for p in params]
                optimizer = getattr(lab.optim, kind)(params, lr=123.0)
                optimizer.load_state_dict(saved)
                assert optimizer.param_groups[0]["lr"] == saved["param_groups"][0]["lr"] != 123.0
            for param, grad in zip(params, step_grads, strict=True):
                param.grad = lab.tensor(grad)
            optimizer.step()
        runs.append([p.detach().numpy() for p in params])
    assert all(np.array_equal(a, b) for a, b in zip(*runs, strict=True))


def test_load_state_dict_shares_the_saved_tensors_as_pytorch_does() -> None:
    w = lab.tensor([1.0, 2.0], requires_grad=True)
    first = lab.optim.Adam([w], lr=0.1)
    w.grad = lab.ones(2)
    first.step()
    second = lab.optim.Adam([w])
    second.load_state_dict(first.state_dict())
    assert second.state[w]["exp_avg"] is first.state[w]["exp_avg"]
    assert second.param_groups[0]["params"][0] is w and second.param_groups[0]["lr"] == 0.1


def test_adagrad_has_state_from_the_start() -> None:
    real = pytest.importorskip("torch")

    def fresh(t: ModuleType) -> str:
        return repr(
            t.optim.Adagrad([t.ones(2, requires_grad=True)], initial_accumulator_value=0.5).state_dict()
        )

    assert fresh(lab) == fresh(real)


def test_named_parameters_are_kept_as_param_names() -> None:
    w, b = lab.ones(2, requires_grad=True), lab.zeros(1, requires_grad=True)
    optimizer = lab.optim.SGD([("weight", w), ("bias", b)], lr=0.1)
    assert optimizer.param_groups[0]["params"] == [w, b]
    assert optimizer.state_dict()["param_groups"][0]["param_names"] == ["weight", "bias"]


def test_duplicate_parameters_warn_as_pytorch_does() -> None:
    w = lab.ones(2, requires_grad=True)
    with pytest.warns(UserWarning, match="duplicate parameters") as caught:
        lab.optim.SGD([w, w], lr=0.1)
    assert " Hint: " in str(caught[0].message)


# -- learning-rate schedules -------------------------------------------------------------------


SCHEDULES: list[tuple[str, Callable[[ModuleType, Any], Any]]] = [
    ("StepLR", lambda t, opt: t.optim.lr_scheduler.StepLR(opt, step_size=3, gamma=0.1)),
    ("StepLR-1", lambda t, opt: t.optim.lr_scheduler.StepLR(opt, step_size=1, gamma=0.1)),
    ("MultiStepLR", lambda t, opt: t.optim.lr_scheduler.MultiStepLR(opt, milestones=[2, 5, 5, 9], gamma=0.3)),
    ("ExponentialLR", lambda t, opt: t.optim.lr_scheduler.ExponentialLR(opt, gamma=0.9)),
    ("LambdaLR", lambda t, opt: t.optim.lr_scheduler.LambdaLR(opt, lambda epoch: 0.95**epoch)),
    (
        "LambdaLR-list",
        lambda t, opt: t.optim.lr_scheduler.LambdaLR(opt, [lambda e: 1 / (e + 1), lambda e: 0.5]),
    ),
    ("CosineAnnealingLR", lambda t, opt: t.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=4, eta_min=0.001)),
]


def schedule(t: ModuleType, make: Callable[[ModuleType, Any], Any]) -> tuple[list[list[float]], dict, str]:
    w, b = t.ones(2, requires_grad=True), t.ones(1, requires_grad=True)
    optimizer = t.optim.SGD([{"params": [w]}, {"params": [b], "lr": 0.3}], lr=0.1, momentum=0.9)
    scheduler = make(t, optimizer)
    lrs = [scheduler.get_last_lr()]
    for _ in range(12):
        optimizer.step()
        scheduler.step()
        lrs.append(scheduler.get_last_lr())
        assert scheduler.get_last_lr() == [group["lr"] for group in optimizer.param_groups]
    state = {k: v for k, v in scheduler.state_dict().items() if k != "lr_lambdas"}
    return lrs, state, repr(optimizer)


@pytest.mark.parametrize("make", [make for _, make in SCHEDULES], ids=[name for name, _ in SCHEDULES])
def test_schedules_give_pytorchs_learning_rates(make: Callable[[ModuleType, Any], Any]) -> None:
    real = pytest.importorskip("torch")
    ours, theirs = schedule(lab, make), schedule(real, make)
    assert ours[0] == theirs[0]  # every lr, float for float
    assert ours[1] == theirs[1] and list(ours[1]) == list(theirs[1])  # state_dict, keys in order
    assert ours[2] == theirs[2]  # the optimizer's repr, initial_lr included


def test_steplr_multiplies_the_current_rate() -> None:
    optimizer = lab.optim.SGD([lab.ones(1, requires_grad=True)], lr=0.3)
    scheduler = lab.optim.lr_scheduler.StepLR(optimizer, step_size=1, gamma=0.1)
    for _ in range(3):
        optimizer.step()
        scheduler.step()
    assert scheduler.get_last_lr() == [0.3 * 0.1 * 0.1 * 0.1]  # not 0.3 * 0.1**3
    assert scheduler.get_last_lr() != [0.3 * 0.1**3]


def test_scheduler_before_optimizer_warns_as_pytorch_does() -> None:
    real = pytest.importorskip("torch")
    messages = []
    for t in (lab, real):
        optimizer = t.optim.SGD([t.ones(1, requires_grad=True)], lr=0.1)
        scheduler = t.optim.lr_scheduler.StepLR(optimizer, step_size=1)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            scheduler.step()
            optimizer.step()
            scheduler.step()
        messages.append([str(w.message) for w in caught])
    ours, theirs = messages
    assert len(ours) == len(theirs) == 1
    assert ours[0].startswith(theirs[0] + " Hint: ")


def test_get_lr_outside_step_warns() -> None:
    scheduler = lab.optim.lr_scheduler.StepLR(lab.optim.SGD([lab.ones(1, requires_grad=True)], lr=0.1), 2)
    with pytest.warns(UserWarning, match="please use `get_last_lr\\(\\)`"):
        assert scheduler.get_lr() == [0.1]


# -- errors -------------------------------------------------------------------------------------


def _w(t: ModuleType) -> Any:
    return t.tensor([1.0, 2.0], requires_grad=True)


MISUSES: list[tuple[str, Callable[[ModuleType], Any]]] = [
    ("one tensor", lambda t: t.optim.SGD(_w(t), lr=0.1)),
    ("empty", lambda t: t.optim.SGD([], lr=0.1)),
    ("not a tensor", lambda t: t.optim.SGD([_w(t), 3], lr=0.1)),
    ("nested list", lambda t: t.optim.SGD([[_w(t)]], lr=0.1)),
    ("non-leaf", lambda t: t.optim.Adam([_w(t) * 2])),
    ("a set", lambda t: t.optim.SGD([{"params": {_w(t)}}])),
    ("two groups", lambda t: (lambda w: t.optim.SGD([{"params": [w]}, {"params": [w]}]))(_w(t))),
    ("group not a dict", lambda t: t.optim.SGD([_w(t)]).add_param_group([_w(t)])),
    ("some names", lambda t: t.optim.SGD([("a", _w(t)), _w(t)])),
    ("negative lr", lambda t: t.optim.SGD([_w(t)], lr=-0.1)),
    ("negative momentum", lambda t: t.optim.SGD([_w(t)], momentum=-1)),
    ("nesterov", lambda t: t.optim.SGD([_w(t)], lr=0.1, nesterov=True)),
    ("beta 1", lambda t: t.optim.Adam([_w(t)], betas=(1.0, 0.999))),
    ("beta 2", lambda t: t.optim.AdamW([_w(t)], betas=(0.9, -0.5))),
    ("int beta", lambda t: t.optim.Adam([_w(t)], betas=(0, 0.999))),
    ("negative eps", lambda t: t.optim.Adam([_w(t)], eps=-1e-8)),
    ("negative alpha", lambda t: t.optim.RMSprop([_w(t)], alpha=-0.9)),
    ("negative lr_decay", lambda t: t.optim.Adagrad([_w(t)], lr_decay=-1)),
    ("negative accumulator", lambda t: t.optim.Adagrad([_w(t)], initial_accumulator_value=-1)),
    (
        "load other groups",
        lambda t: t.optim.SGD([_w(t)]).load_state_dict(t.optim.SGD([_w(t), _w(t)]).state_dict()),
    ),
    (
        "load two groups",
        lambda t: t.optim.SGD([_w(t)]).load_state_dict(
            t.optim.SGD([{"params": [_w(t)]}, {"params": [_w(t)]}]).state_dict()
        ),
    ),
    ("scheduler without optimizer", lambda t: t.optim.lr_scheduler.StepLR([_w(t)], step_size=1)),
    (
        "resume without initial_lr",
        lambda t: t.optim.lr_scheduler.StepLR(t.optim.SGD([_w(t)]), 1, last_epoch=3),
    ),
    ("lambdas per group", lambda t: t.optim.lr_scheduler.LambdaLR(t.optim.SGD([_w(t)]), [abs, abs])),
]


@pytest.mark.parametrize("misuse", [m for _, m in MISUSES], ids=[name for name, _ in MISUSES])
def test_misuses_fail_as_in_pytorch_with_a_hint(misuse: Callable[[ModuleType], Any]) -> None:
    fails_like_pytorch(misuse)
