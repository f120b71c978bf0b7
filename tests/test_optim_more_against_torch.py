"""Rprop, ASGD, LBFGS, SparseAdam and CyclicLR against PyTorch: the same numbers, state, printouts and errors.

Each optimizer runs in autograd_lab and in PyTorch on the same small
problems (Rosenbrock's function, a tiny linear regression, and fixed random
gradients for parameters of several shapes, 0-d included), in float32 and
float64.  The gradients are computed by NumPy from each library's own
parameters, so where the parameters agree the gradients agree too, and the
comparison is of the optimizers alone.

- Rprop and ASGD (single-tensor step) use only IEEE arithmetic in PyTorch's
  order (a fused multiply-add where PyTorch's kernel has one): their
  parameters and state must be PyTorch's bit for bit.  ASGD with
  ``foreach=True`` raises a number to a power with the C library's ``pow``
  and is held to a tight tolerance instead.
- LBFGS takes dot products, which PyTorch leaves to Intel MKL (its last bits
  vary with the processor): held to tolerances, while the number of closure
  calls of every step, the state's keys and the kind of each value must be
  PyTorch's exactly.
- CyclicLR is Python float arithmetic: the learning rates and momentums of
  every step are compared exactly.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from types import ModuleType
from typing import Any

import numpy as np
import pytest
from misuse import fails_like_pytorch

torch_ref = pytest.importorskip("torch")

import autograd_lab as lab  # noqa: E402

DTYPES = ["float32", "float64"]


# -- the problems: NumPy computes each loss and gradient from the library's own parameters ---------------


def rosenbrock(arrays: list[np.ndarray]) -> tuple[float, list[np.ndarray]]:
    """Rosenbrock's banana valley, smallest at (1, 1)."""
    (x,) = arrays
    a, b = x[0], x[1]
    loss = (1 - a) ** 2 + 100 * (b - a * a) ** 2
    grad = np.array([-2 * (1 - a) - 400 * a * (b - a * a), 200 * (b - a * a)], dtype=x.dtype)
    return float(loss), [grad]


_DATA = np.random.default_rng(5)
_X, _Y = _DATA.standard_normal((6, 3)), _DATA.standard_normal((6, 2))
_W, _B = _DATA.standard_normal((3, 2)), _DATA.standard_normal(2)


def linear_regression(arrays: list[np.ndarray]) -> tuple[float, list[np.ndarray]]:
    """The mean squared error of ``x @ w + b`` against ``y``."""
    w, b = arrays
    x, y = _X.astype(w.dtype), _Y.astype(w.dtype)
    residual = x @ w + b - y
    scale = w.dtype.type(2 / residual.size)
    return float((residual * residual).mean()), [scale * (x.T @ residual), scale * residual.sum(0)]


PROBLEMS: dict[str, tuple[Callable[[str], list[np.ndarray]], Callable]] = {
    "rosenbrock": (lambda dtype: [np.array([-1.5, 2.0], dtype)], rosenbrock),
    "regression": (lambda dtype: [_W.astype(dtype), _B.astype(dtype)], linear_regression),
}

SHAPES = [(37,), (5, 7), (1,), ()]


def fixed_gradients(dtype: str, steps: int) -> tuple[list[np.ndarray], list[list[np.ndarray]]]:
    """Parameters of several shapes, and a gradient for each at each step."""
    rng = np.random.default_rng(0)
    params = [rng.standard_normal(shape).astype(dtype) for shape in SHAPES]
    grads = [[(rng.standard_normal(shape) * 0.5).astype(dtype) for shape in SHAPES] for _ in range(steps)]
    return params, grads


# -- Rprop and ASGD --------------------------------------------------------------------------------------

FIRST_ORDER = [
    ("Rprop", {}),
    ("Rprop", {"lr": 0.05, "etas": (0.3, 1.5), "step_sizes": (1e-3, 0.2)}),
    ("Rprop", {"lr": 0.1, "maximize": True}),
    ("Rprop", {"lr": 0.02, "foreach": False}),
    ("Rprop", {"lr": 0.02, "foreach": True}),
    ("ASGD", {"lr": 1e-3}),
    ("ASGD", {"lr": 1e-3, "t0": 5, "lambd": 0.01, "weight_decay": 0.1}),
    ("ASGD", {"lr": 1e-3, "t0": 3, "alpha": 0.5, "maximize": True}),
    ("ASGD", {"lr": 2e-3, "t0": 2, "lambd": 0.5, "foreach": False, "weight_decay": 0.01}),
    ("ASGD", {"lr": 2e-3, "t0": 2, "lambd": 0.5, "foreach": True}),
    ("ASGD", {"lr": 2e-3, "t0": 4, "weight_decay": 0.1, "maximize": True, "foreach": True}),
]


def config_id(config: tuple[str, dict]) -> str:
    kind, settings = config
    return kind + "(" + ", ".join(f"{k}={v}" for k, v in settings.items()) + ")"


def run_first_order(
    m: ModuleType, kind: str, settings: dict, problem: str, dtype: str, steps: int = 20
) -> dict:
    """``steps`` steps of ``kind`` in library ``m``: parameters after each, state, printouts, versions."""
    if problem == "fixed":
        start, grads = fixed_gradients(dtype, steps)
    else:
        make, loss_and_grads = PROBLEMS[problem]
        start = make(dtype)
    params = [m.tensor(value, requires_grad=True) for value in start]
    optimizer = getattr(m.optim, kind)(params, **settings)
    history = []
    for step in range(steps):
        if problem == "fixed":
            step_grads = grads[step]
        else:
            _, step_grads = loss_and_grads([p.detach().numpy() for p in params])
            if settings.get("maximize"):  # climb -f: the same path as descending f
                step_grads = [-g for g in step_grads]
        for param, grad in zip(params, step_grads, strict=True):
            param.grad = m.tensor(grad)
        optimizer.step()
        history.append([p.detach().numpy().copy() for p in params])
    state = optimizer.state_dict()
    return {
        "history": history,
        "state": [{k: v.numpy().copy() for k, v in entry.items()} for entry in state["state"].values()],
        "state keys": {k: list(v) for k, v in state["state"].items()},
        "state dtypes": [[str(v.dtype) for v in entry.values()] for entry in state["state"].values()],
        "groups": state["param_groups"],
        "repr": repr(optimizer),
        "versions": [p._version for p in params],
    }


@pytest.mark.parametrize("problem", ["rosenbrock", "regression", "fixed"])
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("config", FIRST_ORDER, ids=config_id)
def test_rprop_and_asgd_step_as_torch(config: tuple[str, dict], dtype: str, problem: str) -> None:
    kind, settings = config
    ours, theirs = (run_first_order(m, kind, settings, problem, dtype) for m in (lab, torch_ref))
    for key in ("state keys", "state dtypes", "groups", "repr", "versions"):
        assert ours[key] == theirs[key], key
    # foreach=True ASGD takes a power with the C library's pow: not provably the same bits
    exact = not (kind == "ASGD" and settings.get("foreach"))
    tolerance = {"rtol": 1e-6, "atol": 1e-7} if dtype == "float32" else {"rtol": 1e-14, "atol": 1e-15}
    for our_step, their_step in zip(ours["history"], theirs["history"], strict=True):
        for mine, expected in zip(our_step, their_step, strict=True):
            assert mine.dtype == expected.dtype and mine.shape == expected.shape
            if exact:
                assert np.array_equal(mine, expected)
            else:
                np.testing.assert_allclose(mine, expected, **tolerance)
    for mine, expected in zip(ours["state"], theirs["state"], strict=True):
        for key in expected:
            if exact:
                assert np.array_equal(mine[key], expected[key]), key
            else:
                np.testing.assert_allclose(mine[key], expected[key], **tolerance)


def test_asgd_averages_after_t0_and_keeps_pytorchs_state() -> None:
    for m in (lab, torch_ref):
        w = m.tensor([1.0, 2.0, 3.0], dtype=m.float64, requires_grad=True)
        optimizer = m.optim.ASGD([w], lr=0.1, t0=1, lambd=0.0)
        for _ in range(4):
            w.grad = m.tensor([0.5, -0.25, 0.125], dtype=m.float64)
            optimizer.step()
        state = optimizer.state[w]
        # from step t0 + 2 on the average trails the weights: mu = 1 / (step - t0)
        assert list(state) == ["step", "eta", "mu", "ax"]
        assert state["mu"].item() == np.float32(1 / 3)
        np.testing.assert_allclose(state["ax"].numpy(), [0.825, 2.0875, 2.95625])  # (0.85 + 0.8) / 2 ...
        np.testing.assert_allclose(w.detach().numpy(), [0.8, 2.1, 2.95])
    ours = lab.optim.ASGD([lab.ones(2, requires_grad=True)])
    theirs = torch_ref.optim.ASGD([torch_ref.ones(2, requires_grad=True)])
    for optimizer in (ours, theirs):
        optimizer.param_groups[0]["params"][0].grad = optimizer.param_groups[0]["params"][0].detach() * 2
        optimizer.step()
    assert repr(ours.state_dict()) == repr(theirs.state_dict())


def test_rprop_state_prints_as_pytorchs() -> None:
    def stepped(m: ModuleType) -> str:
        w = m.tensor([1.0, -2.0, 0.5], requires_grad=True)
        optimizer = m.optim.Rprop([w], lr=0.1)
        for grad in ([1.0, -1.0, 0.0], [1.0, 1.0, 2.0], [-1.0, 1.0, 2.0]):
            w.grad = m.tensor(grad)
            optimizer.step()
        return repr(optimizer.state_dict()) + repr(w)

    assert stepped(lab) == stepped(torch_ref)


# -- LBFGS -------------------------------------------------------------------------------------------------

LBFGS_CONFIGS = [
    {},
    {"max_iter": 4},
    {"history_size": 2, "max_iter": 3},
    {"lr": 0.5, "max_iter": 3, "tolerance_change": 1e-12},
    {"max_iter": 5, "max_eval": 3},
    {"line_search_fn": "strong_wolfe"},
    {"line_search_fn": "strong_wolfe", "max_iter": 5, "history_size": 3},
    {"line_search_fn": "strong_wolfe", "max_iter": 3, "lr": 0.3},
    {"line_search_fn": "strong_wolfe", "max_iter": 6, "max_eval": 4},
]


def lbfgs_id(settings: dict) -> str:
    return ", ".join(f"{k}={v}" for k, v in settings.items()) or "defaults"


# How many steps: the regression is solved after 4, and past that only float noise is left to compare.
# Across Rosenbrock's curved valley L-BFGS amplifies the last bits of a dot product into different paths
# after some 15 iterations (checked with dot products summed in other orders), so only a few short
# steps are taken there; LBFGS_CASES gives it only the settings with a small max_iter.
LBFGS_STEPS = {"rosenbrock": 3, "regression": 4}
LBFGS_CASES = [("regression", settings) for settings in LBFGS_CONFIGS] + [
    ("rosenbrock", settings) for settings in LBFGS_CONFIGS if settings.get("max_iter", 20) <= 6
]


def run_lbfgs(m: ModuleType, settings: dict, problem: str, dtype: str, steps: int = 0) -> dict[str, Any]:
    """``steps`` LBFGS steps in ``m``, the closure counting its calls; NumPy computes loss and gradient."""
    make, loss_and_grads = PROBLEMS[problem]
    params = [m.tensor(value, requires_grad=True) for value in make(dtype)]
    optimizer = m.optim.LBFGS(params, **settings)
    calls = [0]

    def closure() -> Any:
        calls[0] += 1
        loss, grads = loss_and_grads([p.detach().numpy() for p in params])
        for param, grad in zip(params, grads, strict=True):
            param.grad = m.tensor(grad)
        return m.tensor(loss, dtype=getattr(m, dtype))

    history, counts, losses = [], [], []
    for _ in range(steps or LBFGS_STEPS[problem]):
        before = calls[0]
        losses.append(optimizer.step(closure).item())
        counts.append(calls[0] - before)
        history.append(np.concatenate([p.detach().numpy().ravel() for p in params]))
    return {
        "history": np.array(history),
        "counts": counts,
        "losses": losses,
        "state": optimizer.state_dict()["state"],
        "groups": optimizer.state_dict()["param_groups"],
        "repr": repr(optimizer),
        "versions": [p._version for p in params],
    }


def kinds(value: Any) -> Any:
    """The shape of a state value: the type of each thing in it, tensors with their dtype and shape."""
    if isinstance(value, list):
        return [kinds(item) for item in value]
    if isinstance(value, (lab.Tensor, torch_ref.Tensor)):
        return ("tensor", str(value.dtype), tuple(value.shape))
    return type(value).__name__


def numbers(value: Any) -> list[np.ndarray]:
    """Every number in a state value, as float64 arrays."""
    if isinstance(value, list):
        return [array for item in value if item is not None for array in numbers(item)]
    if isinstance(value, (lab.Tensor, torch_ref.Tensor)):
        return [value.numpy().astype(np.float64)]
    return [np.float64(value)]


# PyTorch's dot products are MKL's: the weights agree to a few ulps times the problem's conditioning.
# Rosenbrock's minimum is flat, so near it the weights are only determined to about sqrt(eps).
LBFGS_TOLERANCE = {"float32": {"rtol": 1e-5, "atol": 1e-6}, "float64": {"rtol": 1e-6, "atol": 1e-9}}


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize(
    ("problem", "settings"),
    LBFGS_CASES,
    ids=[f"{problem}: {lbfgs_id(settings)}" for problem, settings in LBFGS_CASES],
)
def test_lbfgs_steps_as_torch(problem: str, settings: dict, dtype: str) -> None:
    ours, theirs = (run_lbfgs(m, settings, problem, dtype) for m in (lab, torch_ref))
    assert ours["counts"] == theirs["counts"]  # closure calls, step by step
    assert ours["repr"] == theirs["repr"] and ours["groups"] == theirs["groups"]
    assert ours["versions"] == theirs["versions"]
    tolerance = LBFGS_TOLERANCE[dtype]
    np.testing.assert_allclose(ours["history"], theirs["history"], **tolerance)
    np.testing.assert_allclose(ours["losses"], theirs["losses"], rtol=1e-5, atol=1e-8)
    (our_state,), (their_state,) = ours["state"].values(), theirs["state"].values()
    assert list(our_state) == list(their_state)
    for key, value in their_state.items():
        assert kinds(our_state[key]) == kinds(value), key
    assert our_state["func_evals"] == their_state["func_evals"]
    assert our_state["n_iter"] == their_state["n_iter"]
    for key in ("d", "prev_flat_grad", "old_stps"):
        for mine, expected in zip(numbers(our_state[key]), numbers(their_state[key]), strict=True):
            np.testing.assert_allclose(mine, expected, rtol=1e-3, atol=1e-6)


@pytest.mark.parametrize("settings", LBFGS_CONFIGS[:3] + LBFGS_CONFIGS[5:7], ids=lbfgs_id)
def test_lbfgs_state_numbers_agree_before_convergence(settings: dict) -> None:
    """Two steps on the regression, far from the flat bottom: every number in the state agrees tightly."""
    ours, theirs = (run_lbfgs(m, settings, "regression", "float64", steps=2) for m in (lab, torch_ref))
    (our_state,), (their_state,) = ours["state"].values(), theirs["state"].values()
    for key, value in their_state.items():
        for mine, expected in zip(numbers(our_state[key]), numbers(value), strict=True):
            np.testing.assert_allclose(mine, expected, rtol=1e-9, atol=1e-12, err_msg=key)


def lesson_lbfgs(m: ModuleType, line_search_fn: str | None) -> tuple[np.ndarray, list[float], int]:
    """LBFGS as a lesson writes it: autograd computes the gradients inside the closure."""
    generator = np.random.default_rng(3)
    w = m.tensor(generator.standard_normal((3, 1)), dtype=m.float64, requires_grad=True)
    b = m.zeros(1, dtype=m.float64, requires_grad=True)
    x = m.tensor(generator.standard_normal((20, 3)), dtype=m.float64)
    y = x @ m.tensor([[1.0], [-2.0], [0.5]], dtype=m.float64) + 0.3
    optimizer = m.optim.LBFGS([w, b], lr=1, max_iter=5, line_search_fn=line_search_fn)
    calls = [0]

    def closure() -> Any:
        calls[0] += 1
        optimizer.zero_grad()
        loss = ((x @ w + b - y) ** 2).mean()
        loss.backward()
        return loss

    losses = [optimizer.step(closure).item() for _ in range(4)]
    return np.concatenate([w.detach().numpy().ravel(), b.detach().numpy()]), losses, calls[0]


@pytest.mark.parametrize("line_search_fn", [None, "strong_wolfe"])
def test_lbfgs_in_a_lesson_fits_as_torch(line_search_fn: str | None) -> None:
    (our_w, our_losses, our_calls), (their_w, their_losses, their_calls) = (
        lesson_lbfgs(m, line_search_fn) for m in (lab, torch_ref)
    )
    assert our_calls == their_calls
    np.testing.assert_allclose(our_w, their_w, rtol=1e-9, atol=1e-10)
    np.testing.assert_allclose(our_w, [1.0, -2.0, 0.5, 0.3], atol=1e-6)  # it found the line
    np.testing.assert_allclose(our_losses, their_losses, rtol=1e-9, atol=1e-14)


def test_lbfgs_returns_the_first_loss_and_stops_at_a_minimum() -> None:
    for m in (lab, torch_ref):
        w = m.tensor([1.0, 1.0], requires_grad=True)
        optimizer = m.optim.LBFGS([w])
        calls = []

        def closure(w: Any = w, optimizer: Any = optimizer, calls: list = calls) -> Any:
            calls.append(1)
            optimizer.zero_grad()
            loss = ((w - 1) ** 2).sum()
            loss.backward()
            return loss

        loss = optimizer.step(closure)
        assert loss.item() == 0.0 and len(calls) == 1 and w._version == 0
        assert dict(optimizer.state[w]) == {"func_evals": 1, "n_iter": 0}


def test_lbfgs_parameter_without_grad_counts_as_zero() -> None:
    results = []
    for m in (lab, torch_ref):
        w = m.tensor([3.0, -1.0], dtype=m.float64, requires_grad=True)
        unused = m.tensor([5.0], dtype=m.float64, requires_grad=True)
        optimizer = m.optim.LBFGS([w, unused], max_iter=3)

        def closure(w: Any = w, optimizer: Any = optimizer) -> Any:
            optimizer.zero_grad()
            loss = (w * w).sum()
            loss.backward()
            return loss

        optimizer.step(closure)
        results.append((w.detach().numpy().copy(), unused.item(), unused._version))
    (our_w, our_unused, our_version), (their_w, their_unused, their_version) = results
    np.testing.assert_allclose(our_w, their_w, rtol=1e-12)
    assert our_unused == their_unused == 5.0 and our_version == their_version


def test_lbfgs_state_dict_round_trip_continues_where_it_left_off() -> None:
    make, loss_and_grads = PROBLEMS["rosenbrock"]
    runs = []
    for interrupted in (False, True):
        x = lab.tensor(make("float64")[0], requires_grad=True)
        optimizer = lab.optim.LBFGS([x], max_iter=3, line_search_fn="strong_wolfe")
        for step in range(4):
            if interrupted and step == 2:
                saved = optimizer.state_dict()
                x = lab.tensor(x.detach().numpy().copy(), requires_grad=True)
                optimizer = lab.optim.LBFGS([x], lr=123.0)
                optimizer.load_state_dict(saved)

            def closure(x: Any = x) -> Any:
                loss, (grad,) = loss_and_grads([x.detach().numpy()])
                x.grad = lab.tensor(grad)
                return lab.tensor(loss, dtype=lab.float64)

            optimizer.step(closure)
        runs.append(x.detach().numpy())
    assert np.array_equal(runs[0], runs[1])


# -- SparseAdam --------------------------------------------------------------------------------------------


def test_sparse_adam_prints_as_torch_and_refuses_dense_gradients() -> None:
    def made(m: ModuleType) -> tuple[str, Any, Any]:
        w = m.tensor([1.0, 2.0], requires_grad=True)
        optimizer = m.optim.SparseAdam([w], lr=0.01, betas=(0.8, 0.9), maximize=True)
        before = optimizer.step()  # no gradient yet: nothing to do
        with_closure = optimizer.step(lambda: m.tensor(3.0))
        return repr(optimizer), before, float(with_closure)

    assert made(lab) == made(torch_ref)
    fails_like_pytorch(_sparse_adam_step)


def _sparse_adam_step(t: ModuleType) -> None:
    w = t.ones(2, requires_grad=True)
    optimizer = t.optim.SparseAdam([w])
    (w * w).sum().backward()
    optimizer.step()


# -- every optimizer's repr and defaults ------------------------------------------------------------------------


def made_optimizers(m: ModuleType) -> list[Any]:
    w, b = m.ones(2, requires_grad=True), m.zeros(1, requires_grad=True)
    return [
        m.optim.Rprop([w, b]),
        m.optim.Rprop([{"params": [w]}, {"params": [b], "lr": 0.1}], etas=(0.4, 1.1), foreach=True),
        m.optim.ASGD([w, b]),
        m.optim.ASGD([w], lr=0.1, lambd=0.2, alpha=0.5, t0=10, weight_decay=0.01, maximize=True),
        m.optim.LBFGS([w, b]),
        m.optim.LBFGS([w], lr=0.5, max_iter=7, history_size=4, line_search_fn="strong_wolfe"),
        m.optim.SparseAdam([w, b]),
    ]


def test_optimizers_print_and_save_their_settings_as_torch() -> None:
    for ours, theirs in zip(made_optimizers(lab), made_optimizers(torch_ref), strict=True):
        assert repr(ours) == repr(theirs)
        assert ours.defaults == theirs.defaults and list(ours.defaults) == list(theirs.defaults)
        assert ours.state_dict() == theirs.state_dict()


def _w(t: ModuleType) -> Any:
    return t.tensor([1.0, 2.0], requires_grad=True)


def _lbfgs_step(t: ModuleType, **settings: Any) -> None:
    w = _w(t)
    optimizer = t.optim.LBFGS([w], **settings)

    def closure() -> Any:
        optimizer.zero_grad()
        loss = (w * w).sum()
        loss.backward()
        return loss

    optimizer.step(closure)


def _lbfgs_two_groups_step(t: ModuleType) -> None:
    w = _w(t)
    optimizer = t.optim.LBFGS([w])
    optimizer.add_param_group({"params": [t.zeros(1, requires_grad=True)]})
    optimizer.step(lambda: (w * w).sum())


MISUSES: list[tuple[str, Callable[[ModuleType], Any]]] = [
    ("Rprop lr", lambda t: t.optim.Rprop([_w(t)], lr=-1)),
    ("Rprop etas low", lambda t: t.optim.Rprop([_w(t)], etas=(0.0, 1.2))),
    ("Rprop etas high", lambda t: t.optim.Rprop([_w(t)], etas=(0.5, 1.0))),
    ("ASGD lr", lambda t: t.optim.ASGD([_w(t)], lr=-0.1)),
    ("ASGD weight_decay", lambda t: t.optim.ASGD([_w(t)], weight_decay=-1)),
    ("LBFGS lr", lambda t: t.optim.LBFGS([_w(t)], lr=-1)),
    ("LBFGS groups", lambda t: t.optim.LBFGS([{"params": [_w(t)]}, {"params": [_w(t)], "lr": 0.1}])),
    ("LBFGS line search", lambda t: _lbfgs_step(t, line_search_fn="backtracking")),
    ("LBFGS group added", _lbfgs_two_groups_step),
    ("SparseAdam lr 0", lambda t: t.optim.SparseAdam([_w(t)], lr=0)),
    ("SparseAdam eps", lambda t: t.optim.SparseAdam([_w(t)], eps=0.0)),
    ("SparseAdam beta 0", lambda t: t.optim.SparseAdam([_w(t)], betas=(1.0, 0.9))),
    ("SparseAdam beta 1", lambda t: t.optim.SparseAdam([_w(t)], betas=(0.9, -0.1))),
    ("CyclicLR not an optimizer", lambda t: t.optim.lr_scheduler.CyclicLR([_w(t)], 0.01, 0.1)),
    ("CyclicLR mode", lambda t: t.optim.lr_scheduler.CyclicLR(t.optim.SGD([_w(t)]), 0.01, 0.1, mode="sine")),
    (
        "CyclicLR lengths",
        lambda t: t.optim.lr_scheduler.CyclicLR(t.optim.SGD([_w(t)], momentum=0.9), [0.01, 0.02], 0.1),
    ),
    ("CyclicLR no momentum", lambda t: t.optim.lr_scheduler.CyclicLR(t.optim.Adagrad([_w(t)]), 0.01, 0.1)),
    (
        "CyclicLR no momentum Rprop",
        lambda t: t.optim.lr_scheduler.CyclicLR(t.optim.Rprop([_w(t)]), 0.01, 0.1),
    ),
    (
        "CyclicLR momentum lengths",
        lambda t: t.optim.lr_scheduler.CyclicLR(
            t.optim.SGD([_w(t)], momentum=0.9), 0.01, 0.1, base_momentum=[0.8, 0.85]
        ),
    ),
]


@pytest.mark.parametrize("misuse", [m for _, m in MISUSES], ids=[name for name, _ in MISUSES])
def test_misuses_fail_as_in_pytorch_with_a_hint(misuse: Callable[[ModuleType], Any]) -> None:
    fails_like_pytorch(misuse)


# -- CyclicLR ----------------------------------------------------------------------------------------------


class Halving:
    """A scale_fn object with state of its own (state_dict keeps its ``__dict__``)."""

    def __init__(self) -> None:
        self.base = 0.5

    def __call__(self, x: float) -> float:
        return self.base**x


CYCLIC: dict[str, tuple[str, dict[str, Any]]] = {
    "triangular": ("sgd", {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 4}),
    "triangular, down longer": ("sgd", {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 3, "step_size_down": 7}),
    "triangular2": ("sgd", {"base_lr": 0.001, "max_lr": 0.1, "step_size_up": 5, "mode": "triangular2"}),
    "exp_range": ("sgd", {"base_lr": 0.01, "max_lr": 0.3, "step_size_up": 6, "mode": "exp_range", "gamma": 0.97}),
    "per group": ("groups", {"base_lr": [0.01, 0.02], "max_lr": [0.1, 0.3], "step_size_up": 4,
                             "base_momentum": [0.8, 0.7], "max_momentum": [0.95, 0.9]}),
    "Adam betas": ("adam", {"base_lr": 1e-4, "max_lr": 1e-2, "step_size_up": 5, "mode": "triangular2"}),
    "Adam exp_range": ("adam", {"base_lr": 1e-4, "max_lr": 1e-2, "step_size_up": 3, "mode": "exp_range",
                                "gamma": 0.9, "base_momentum": 0.85, "max_momentum": 0.95}),
    "no momentum": ("rprop", {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 4, "cycle_momentum": False}),
    "SGD without cycling": ("sgd", {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 2, "cycle_momentum": False}),
    "scale_fn by cycle": ("sgd", {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 3,
                                  "scale_fn": lambda x: 1 / (x * x)}),
    "scale_fn by iteration": ("sgd", {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 3, "mode": "unknown",
                                      "scale_fn": lambda x: 0.99**x, "scale_mode": "iterations"}),
    "scale_fn object": ("sgd", {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 2, "scale_fn": Halving()}),
}  # fmt: skip


def cyclic_run(m: ModuleType, case: str, steps: int = 50) -> dict[str, Any]:
    kind, settings = CYCLIC[case]
    w, b = m.ones(2, requires_grad=True), m.ones(1, requires_grad=True)
    if kind == "sgd":
        optimizer = m.optim.SGD([w, b], lr=0.5, momentum=0.9)
    elif kind == "groups":
        optimizer = m.optim.SGD([{"params": [w]}, {"params": [b], "lr": 0.2}], lr=0.5, momentum=0.9)
    elif kind == "adam":
        optimizer = m.optim.Adam([w, b], lr=0.5, betas=(0.9, 0.99))
    else:
        optimizer = m.optim.Rprop([w, b])
    scheduler = m.optim.lr_scheduler.CyclicLR(optimizer, **settings)
    momentum_key = "betas" if kind == "adam" else "momentum"

    def now() -> tuple[list[float], list[Any]]:
        return scheduler.get_last_lr(), [group.get(momentum_key) for group in optimizer.param_groups]

    seen = [now()]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # in the right order, nothing warns
        for _ in range(steps):
            optimizer.step()
            scheduler.step()
            seen.append(now())
            assert scheduler.get_last_lr() == [group["lr"] for group in optimizer.param_groups]
    return {"seen": seen, "state": scheduler.state_dict(), "repr": repr(optimizer)}


@pytest.mark.parametrize("case", CYCLIC)
def test_cyclic_lr_gives_pytorchs_rates_and_momentums(case: str) -> None:
    ours, theirs = cyclic_run(lab, case), cyclic_run(torch_ref, case)
    assert ours["seen"] == theirs["seen"]  # every lr and momentum, float for float
    assert ours["state"] == theirs["state"] and list(ours["state"]) == list(theirs["state"])
    assert ours["repr"] == theirs["repr"]  # max_momentum, base_momentum and initial_lr in the groups


def test_cyclic_lr_reaches_its_peaks() -> None:
    optimizer = lab.optim.SGD([lab.ones(1, requires_grad=True)], lr=1.0, momentum=0.9)
    scheduler = lab.optim.lr_scheduler.CyclicLR(
        optimizer, base_lr=0.1, max_lr=1.0, step_size_up=2, mode="triangular2"
    )
    lrs = [scheduler.get_last_lr()[0]]
    for _ in range(8):
        optimizer.step()
        scheduler.step()
        lrs.append(round(scheduler.get_last_lr()[0], 6))
    assert lrs == [0.1, 0.55, 1.0, 0.55, 0.1, 0.325, 0.55, 0.325, 0.1]  # the second cycle half as high


def test_cyclic_lr_state_dict_round_trip() -> None:
    halving = Halving()
    results = []
    for m in (lab, torch_ref):
        optimizer = m.optim.SGD([m.ones(1, requires_grad=True)], lr=1.0, momentum=0.9)
        scheduler = m.optim.lr_scheduler.CyclicLR(optimizer, 0.01, 0.1, step_size_up=3, scale_fn=halving)
        for _ in range(4):
            optimizer.step()
            scheduler.step()
        saved = scheduler.state_dict()
        halving.base = 0.25
        scheduler.load_state_dict(dict(saved))
        results.append((saved, halving.base, scheduler.get_last_lr()))
        halving.base = 0.5
    assert results[0] == results[1]
    assert results[0][1] == 0.5  # the object's attributes came back


def test_cyclic_lr_warnings_are_pytorchs() -> None:
    caught_in = []
    for m in (lab, torch_ref):
        optimizer = m.optim.SGD([m.ones(1, requires_grad=True)], lr=1.0, momentum=0.9)
        scheduler = m.optim.lr_scheduler.CyclicLR(optimizer, 0.01, 0.1, step_size_up=3)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            scheduler.step()  # before optimizer.step()
            lrs = scheduler.get_lr()  # outside step()
            scheduler.step(5)  # an epoch given
        caught_in.append(([str(w.message).split(" Hint: ")[0] for w in caught], lrs, scheduler.get_last_lr()))
    assert caught_in[0] == caught_in[1]
    assert len(caught_in[0][0]) == 3
