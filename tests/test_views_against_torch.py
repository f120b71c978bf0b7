"""A differential fuzzer of views and in-place ops: random programs run in PyTorch and here.

Each program makes a non-leaf base from a leaf ``x`` (and sometimes works on
``x`` itself), takes views of it (rows, columns, slices, ``t``, ``transpose``,
``unsqueeze``, ``reshape``/``view``, ``select``, ``narrow``, ``expand``,
``split``/``chunk``/``unbind``, ``detach()``, and views made under
``no_grad``), changes some in place (``mul_ add_ sub_ div_ zero_ fill_
clamp_ exp_ relu_``, index assignment by position, slice, list or mask,
with numbers or with a tensor ``w`` that requires grad, and changes through
``.data``), computes with some, then sums everything into a loss
and calls ``backward()``.  Both libraries must agree on every tensor's
values, ``requires_grad``, ``is_leaf``, ``grad_fn`` name, ``_version`` and
view-ness, on the gradients of ``x`` and ``w``, and on every error: its type
and PyTorch's sentence.

The examples it found are kept in ``FOUND`` and run on every test run.
Skipped where PyTorch is not installed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

torch_ref = pytest.importorskip("torch")

import autograd_lab as lab  # noqa: E402

# -- programs ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Program:
    """Statements in PyTorch's API (``m`` is the module), the leaf values, and the live tensors' names."""

    lines: tuple[str, ...]
    x: np.ndarray
    live: tuple[str, ...]

    def __repr__(self) -> str:
        body = "".join(f"\n    {line}" for line in self.lines)
        return f"Program(x={self.x.tolist()!r}, live={self.live!r}):{body}"


def _view_kinds(shape: tuple[int, ...]) -> list[tuple[str, Any]]:
    """(code template with ``{t}``, shape after) for each view valid on a tensor of ``shape``."""
    kinds: list[tuple[str, Any]] = [("{t}.unsqueeze(0)", (1, *shape)), ("{t}.detach()", shape)]
    if not shape:
        return kinds
    n = shape[0]
    for i in range(-n, n):
        kinds.append((f"{{t}}[{i}]", shape[1:]))
        kinds.append((f"{{t}}.select(0, {i})", shape[1:]))
    for a in range(n):
        for b in range(a + 1, n + 1):
            kinds.append((f"{{t}}[{a}:{b}]", (b - a, *shape[1:])))
            kinds.append((f"{{t}}.narrow(0, {a}, {b - a})", (b - a, *shape[1:])))
    if n > 1:
        kinds.append(("{t}[::2]", ((n + 1) // 2, *shape[1:])))
        kinds.append((f"{{t}}.split(1)[{n - 1}]", (1, *shape[1:])))
        kinds.append(("{t}.chunk(2)[0]", (math.ceil(n / 2), *shape[1:])))
        kinds.append(("{t}.unbind(0)[1]", shape[1:]))
    kinds.append(("{t}.reshape(-1)", (math.prod(shape),)))
    kinds.append(("{t}.view(-1)", (math.prod(shape),)))
    kinds.append(("{t}.squeeze()", tuple(s for s in shape if s != 1)))
    kinds.append((f"{{t}}.unsqueeze(0).expand(2, {', '.join(map(str, shape))})", (2, *shape)))
    if len(shape) >= 2:
        swapped = (shape[-1], *shape[1:-1], shape[0])
        kinds.append(("{t}.t()" if len(shape) == 2 else "{t}.transpose(0, -1)", swapped))
        kinds.append(("{t}[:, 1]", (shape[0], *shape[2:])))
        kinds.append(("{t}[:, 0:2]", (shape[0], min(2, shape[1]), *shape[2:])))
        kinds.append(("{t}[1:, 0]", (shape[0] - 1, *shape[2:])))
    return kinds


INPLACE = [
    "{t}.mul_(2.0)",
    "{t}.add_(1.5)",
    "{t}.sub_(w)",
    "{t}.mul_(w)",
    "{t}.div_(w * 2)",
    "{t}.zero_()",
    "{t}.fill_(0.25)",
    "{t}.clamp_(-0.5, 0.5)",
    "{t}.exp_()",
    "{t}.relu_()",
    "{t} += w",
    "{t} *= 3.0",
]
COMPUTE = [
    "{t} * 2",
    "{t} * w",
    "{t}.exp()",
    "{t}.sigmoid()",
    "{t} * {t}",
    "({t} + w).tanh()",
]  # no sin: its last digits for huge arguments differ between libraries


@st.composite
def programs(draw: Any) -> Program:
    shape = draw(st.sampled_from([(4,), (3, 4), (2, 3), (2, 3, 2), (1, 4)]))
    seed = draw(st.integers(0, 2**16))
    values = np.round(np.random.default_rng(seed).uniform(-2, 2, shape), 2)
    lines = ["x = m.tensor(X, requires_grad=True)", "w = m.tensor(0.75, requires_grad=True)"]
    base = draw(st.sampled_from(["x * 1", "x.clone()", "x + 0", "x"]))  # sometimes the leaf itself
    lines.append(f"t0 = {base}")
    live: dict[str, tuple] = {"t0": shape}
    for _ in range(draw(st.integers(2, 7))):
        name = f"t{len(live)}"
        target = draw(st.sampled_from(sorted(live)))
        tshape = live[target]
        action = draw(st.sampled_from(["view", "view", "inplace", "inplace", "setitem", "compute", "data"]))
        if action == "view":
            code, new_shape = draw(st.sampled_from(_view_kinds(tshape)))
            code = code.format(t=target)
            if draw(st.integers(0, 9)) == 0:
                lines.append(f"with m.no_grad(): {name} = {code}")
            else:
                lines.append(f"{name} = {code}")
            live[name] = new_shape
        elif action == "compute":
            lines.append(f"{name} = {draw(st.sampled_from(COMPUTE)).format(t=target)}")
            live[name] = tshape
        elif action == "setitem" and tshape and tshape[0]:
            row = draw(st.integers(0, tshape[0] - 1))
            index = draw(st.sampled_from([f"{row}", "0:1", "...", ":", "-1", f"[{row}]", f"{target} > 0"]))
            value = draw(st.sampled_from(["0.5", "w", "w * 2"]))
            lines.append(f"{target}[{index}] = {value}")
        elif action == "data":
            lines.append(f"{target}.data.mul_(2.0)")  # .data: a change autograd does not see
        else:
            op = draw(st.sampled_from(INPLACE)).format(t=target)
            if draw(st.integers(0, 9)) == 0:
                lines.append(f"with m.no_grad(): {op}")
            else:
                lines.append(op)
    return Program(tuple(lines), values, tuple(live))


# -- running a program ---------------------------------------------------------------------------


@dataclass
class Outcome:
    """What a program did: the error (type, first sentence) at a line, or nothing; then the state."""

    failed_at: int | None
    error: tuple[str, str] | None
    state: dict[str, Any]
    grads: dict[str, Any]


def _sentence(error: BaseException) -> str:
    return str(error).split(" Hint:")[0].split("\n")[0].strip()


def _read(t: Any, attribute: str) -> Any:
    """An attribute of ``t``, or what reading it raised (PyTorch raises for some stale views)."""
    try:
        value = getattr(t, attribute)
    except Exception as error:
        return ("raises", type(error).__name__, _sentence(error))
    if attribute == "grad_fn":
        return None if value is None else type(value).__name__
    return value() if callable(value) else value


def _describe(t: Any) -> dict[str, Any]:
    state = {name: _read(t, name) for name in ("requires_grad", "is_leaf", "grad_fn", "_version", "_is_view")}
    state["shape"] = tuple(t.shape)
    state["values"] = t.detach().numpy().copy() if t.dtype.is_floating_point else None
    return state


def run(m: Any, program: Program) -> Outcome:
    scope: dict[str, Any] = {"m": m, "X": program.x.astype(np.float32)}
    for number, line in enumerate(program.lines):
        try:
            exec(line, scope)  # noqa: S102 - our own generated statements
        except Exception as error:
            return Outcome(number, (type(error).__name__, _sentence(error)), {}, {})
    names = [name for name in program.live if name in scope]
    state = {name: _describe(scope[name]) for name in names}
    rng = np.random.default_rng(7)
    loss = None
    try:
        for name in names:
            t = scope[name]
            if t.dtype.is_floating_point and t.requires_grad:
                weight = m.tensor(rng.uniform(-1, 1, tuple(t.shape)).astype(np.float32))
                term = (t * weight).sum()
                loss = term if loss is None else loss + term
        if loss is not None:
            loss.backward()
    except Exception as error:
        return Outcome(len(program.lines), (type(error).__name__, _sentence(error)), state, {})
    grads = {
        name: None if scope[name].grad is None else scope[name].grad.numpy().copy()
        for name in ("x", "w")
        if name in scope
    }
    return Outcome(None, None, state, grads)


def check(program: Program) -> None:
    theirs = run(torch_ref, program)
    ours = run(lab, program)
    assert ours.failed_at == theirs.failed_at and ours.error == theirs.error, (ours.error, theirs.error)
    assert ours.state.keys() == theirs.state.keys()
    for name in theirs.state:
        a, b = ours.state[name], theirs.state[name]
        for key in ("shape", "requires_grad", "is_leaf", "grad_fn", "_version", "_is_view"):
            assert a[key] == b[key], f"{name}.{key}: ours {a[key]!r}, PyTorch's {b[key]!r}"
        if b["values"] is not None:
            # float32 drift of exp and friends between NumPy and PyTorch is allowed, nothing more
            np.testing.assert_allclose(
                a["values"], b["values"], rtol=1e-4, atol=1e-6, err_msg=f"{name} values"
            )
    for name, expected in theirs.grads.items():
        got = ours.grads[name]
        assert (got is None) == (expected is None), f"{name}.grad: ours {got}, PyTorch's {expected}"
        if expected is not None:
            np.testing.assert_allclose(got, expected, rtol=1e-4, atol=1e-5, err_msg=f"{name}.grad")


# -- the examples, kept -----------------------------------------------------------------------------

FOUND: list[Program] = [
    # The two: a view taken before an in-place change of its base, or of a sibling view.
    Program(
        ("x = m.tensor(X, requires_grad=True)", "t0 = x * 1", "t1 = t0[:1]", "t0.mul_(5)"),
        np.array([1.0, 2.0]),
        ("t0", "t1"),
    ),
    Program(
        (
            "x = m.tensor(X, requires_grad=True)",
            "t0 = x * 1",
            "t1 = t0[0:2]",
            "t2 = t0[1:3]",
            "t2.mul_(5)",
            "t3 = t1 * t1",
        ),
        np.array([1.0, 2.0, 3.0, 4.0]),
        ("t0", "t1", "t2", "t3"),
    ),
    # An empty expand has no memory shared by two elements: .data may be written (then PyTorch
    # refuses the in-place op on the no_grad view, as we do).
    Program(
        (
            "x = m.tensor(X, requires_grad=True)",
            "w = m.tensor(0.75, requires_grad=True)",
            "t0 = x * 1",
            "t1 = t0[1:, 0]",
            "with m.no_grad(): t2 = t1.unsqueeze(0).expand(2, 0)",
            "t2.data.mul_(2.0)",
            "t2.mul_(2.0)",
        ),
        np.array([[1.0, 2.0, 3.0, 4.0]]),
        ("t0", "t1", "t2"),
    ),
    # A no_grad view whose base changed in place, then a view op whose shape cannot work:
    # PyTorch looks at the input's history (and refuses the view) before it runs the kernel.
    Program(
        (
            "x = m.tensor(X, requires_grad=True)",
            "t0 = x * 1",
            "with m.no_grad(): t1 = t0.unsqueeze(0).expand(2, 3, 4)",
            "with m.no_grad(): t0.mul_(2.0)",
            "t2 = t1.view(-1)",
        ),
        np.arange(12.0).reshape(3, 4) / 7,
        ("t0", "t1", "t2"),
    ),
    # An in-place op on a view of a detached tensor, with an input that requires grad: the base has no
    # history, so the view's own gradient is not needed (and its rule's saved input was not kept).
    Program(
        (
            "x = m.tensor(X, requires_grad=True)",
            "w = m.tensor(0.75, requires_grad=True)",
            "t0 = x * 1",
            "with m.no_grad(): t1 = t0.detach()",
            "t2 = t0.unsqueeze(0)",
            "t0.data.mul_(2.0)",
            "t3 = t1.unsqueeze(0)",
            "t3.mul_(w)",
        ),
        np.array([0.55, -0.92, -1.84, -1.93]),
        ("t0", "t1", "t2", "t3"),
    ),
]


@pytest.mark.parametrize("program", FOUND, ids=lambda p: f"{len(p.lines)}-lines")
def test_found_programs_agree_with_torch(program: Program) -> None:
    check(program)


@settings(
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(programs())
def test_random_programs_agree_with_torch(program: Program) -> None:
    check(program)
