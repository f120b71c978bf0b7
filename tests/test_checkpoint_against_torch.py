"""``torch.utils.checkpoint`` against PyTorch: values, gradients, node names, recomputations, RNG, warnings, errors.

Each scenario is written once as a function of the library (``lab`` or
``torch``) and returns what a learner would print or inspect: reprs, how
often the checkpointed function ran, values and gradients. Values from the
same operations in the same order are compared with a tight tolerance
(``sin``, ``exp`` and matrix products may differ from PyTorch's in the last
bit); within autograd_lab, a checkpointed computation must give exactly the
gradients of the same computation without checkpointing.
"""

from __future__ import annotations

import subprocess
import sys
import warnings
from collections.abc import Callable
from types import ModuleType
from typing import Any

import numpy as np
import pytest
from twins import assert_same, both, numbers, raises_like_torch

import autograd_lab as lab
import autograd_lab.utils.checkpoint

torch = pytest.importorskip("torch")
pytest.importorskip("torch.utils.checkpoint")  # (torch.utils loads it only when asked)

MODES = [True, False]  # use_reentrant


def ckpt(m: ModuleType) -> ModuleType:
    return m.utils.checkpoint


# -- values, gradients, node names, how often the function runs ----------------------------------------------


@pytest.mark.parametrize("reentrant", MODES)
def test_values_grads_node_names_and_calls(reentrant: bool) -> None:
    def scenario(m: ModuleType) -> dict:
        calls = []

        def block(a, b):
            calls.append("block")
            return (a.sin() * b).cos() + a

        x = m.randn(4, requires_grad=True)
        w = m.randn(4, requires_grad=True)
        y = ckpt(m).checkpoint(block, x, w, use_reentrant=reentrant)
        found = {"repr": repr(y), "node": repr(type(y.grad_fn)), "calls after forward": len(calls)}
        found["next"] = [type(n).__name__ for n, _ in y.grad_fn.next_functions]
        y.sum().backward()
        found["calls after backward"] = len(calls)
        found.update(value=numbers(y), x_grad=numbers(x.grad), w_grad=numbers(w.grad))
        return found

    ours, theirs = both(scenario)
    assert_same(ours, theirs)
    assert ours["calls after forward"] == 1 and ours["calls after backward"] == 2  # the recomputation


@pytest.mark.parametrize("reentrant", MODES)
def test_gradients_are_exactly_those_without_checkpointing(reentrant: bool) -> None:
    def grads(checkpointed: bool) -> list[np.ndarray]:
        lab.manual_seed(3)
        model = lab.nn.Sequential(lab.nn.Linear(5, 8), lab.nn.Tanh(), lab.nn.Linear(8, 3))
        x = lab.randn(6, 5, requires_grad=True)
        if checkpointed:
            y = lab.utils.checkpoint.checkpoint(model, x, use_reentrant=reentrant)
        else:
            y = model(x)
        (y**2).sum().backward()
        return [numbers(x.grad)] + [numbers(p.grad) for p in model.parameters()]

    for with_checkpoint, without in zip(grads(True), grads(False), strict=True):
        np.testing.assert_array_equal(with_checkpoint, without)


@pytest.mark.parametrize("reentrant", MODES)
def test_parameters_inside_get_pytorchs_gradients(reentrant: bool) -> None:
    def scenario(m: ModuleType) -> dict:
        model = m.nn.Sequential(m.nn.Linear(3, 4), m.nn.ReLU(), m.nn.Linear(4, 2))
        x = m.randn(5, 3, requires_grad=True)
        y = ckpt(m).checkpoint(model, x, use_reentrant=reentrant)
        m.nn.functional.mse_loss(y, m.zeros(5, 2)).backward()
        found = {"repr": repr(y.grad_fn).split(" object")[0], "x": numbers(x.grad)}
        found.update({name: numbers(p.grad) for name, p in model.named_parameters()})
        return found

    assert_same(*both(scenario))


@pytest.mark.parametrize("reentrant", MODES)
def test_a_second_backward_recomputes_again(reentrant: bool) -> None:
    def scenario(m: ModuleType) -> dict:
        calls = []

        def block(a):
            calls.append(1)
            return a.exp().sin()

        x = m.randn(3, requires_grad=True)
        y = ckpt(m).checkpoint(block, x, use_reentrant=reentrant).sum()
        y.backward(retain_graph=True)
        first = len(calls)
        y.backward()
        return {"first": first, "second": len(calls), "grad": numbers(x.grad)}

    ours, theirs = both(scenario)
    assert_same(ours, theirs)
    assert (ours["first"], ours["second"]) == (2, 3)


def test_non_tensor_arguments_and_tuple_outputs_pass_through() -> None:
    def scenario(m: ModuleType) -> dict:
        def block(a, scale, b):
            return a * scale, (a * b).sum()

        found = {}
        for reentrant in MODES:
            x = m.randn(3, requires_grad=True)
            w = m.randn(3, requires_grad=True)
            first, second = ckpt(m).checkpoint(block, x, 2.5, w, use_reentrant=reentrant)
            (first.sum() + second).backward()
            found[reentrant] = (repr(first), repr(second))
            found[f"{reentrant} x"] = numbers(x.grad)
            found[f"{reentrant} w"] = numbers(w.grad)
        return found

    assert_same(*both(scenario))


def test_keyword_arguments_reach_the_function_without_reentrant() -> None:
    def scenario(m: ModuleType) -> dict:
        x = m.randn(3, requires_grad=True)
        y = ckpt(m).checkpoint(lambda a, power=1: a**power, x, use_reentrant=False, power=3)
        y.sum().backward()
        return {"repr": repr(y), "grad": numbers(x.grad)}

    assert_same(*both(scenario))


def test_autograd_grad_works_without_reentrant() -> None:
    def scenario(m: ModuleType) -> dict:
        calls = []

        def block(a):
            calls.append(1)
            return a.tanh() * a

        x = m.randn(4, requires_grad=True)
        y = ckpt(m).checkpoint(block, x, use_reentrant=False)
        (g,) = m.autograd.grad(y.sum(), x)
        z = ckpt(m).checkpoint(block, x, use_reentrant=False)
        z.sum().backward(inputs=[x])
        return {"grad": numbers(g), "x.grad": numbers(x.grad), "calls": len(calls), "repr": repr(g)}

    assert_same(*both(scenario))


def test_the_recomputation_stops_early_unless_told_not_to() -> None:
    def scenario(m: ModuleType) -> dict:
        log = []

        def block(a):
            log.append("start")
            b = a.sin()
            log.append("middle")
            c = b.cos()  # the last operation that saves a value: the recomputation stops here
            log.append("end")
            return c

        x = m.randn(2, requires_grad=True)
        ckpt(m).checkpoint(block, x, use_reentrant=False).sum().backward()
        found = {"early stop": list(log)}
        log.clear()
        with ckpt(m).set_checkpoint_early_stop(False):
            y = ckpt(m).checkpoint(block, x, use_reentrant=False)
        y.sum().backward()
        found["no early stop"] = list(log)
        log.clear()
        ckpt(m).checkpoint(block, x, use_reentrant=False, early_stop=False).sum().backward()
        found["early_stop=False"] = list(log)
        log.clear()
        ckpt(m).checkpoint(block, x, use_reentrant=True).sum().backward()
        found["reentrant"] = list(log)
        return found

    ours, theirs = both(scenario)
    assert_same(ours, theirs)
    assert ours["early stop"] == ["start", "middle", "end", "start", "middle"]


def test_context_fn_runs_forward_and_recomputation_in_its_two_contexts() -> None:
    def scenario(m: ModuleType) -> dict:
        entered = []

        class Named:  # (entered once per recomputation: a class, as a generator-based one enters only once)
            def __init__(self, name):
                self.name = name

            def __enter__(self):
                entered.append(self.name)

            def __exit__(self, *exc):
                entered.append(f"/{self.name}")

        def context_fn():
            return Named("forward"), Named("recompute")

        x = m.randn(3, requires_grad=True)
        y = ckpt(m).checkpoint(lambda a: a.sigmoid(), x, use_reentrant=False, context_fn=context_fn)
        y.sum().backward(retain_graph=True)
        y.sum().backward()
        return {"entered": entered, "grad": numbers(x.grad)}

    assert_same(*both(scenario))


def test_nested_checkpoints() -> None:
    def scenario(m: ModuleType) -> dict:
        calls = []

        def inner(a):
            calls.append("inner")
            return a.sin().exp()

        def outer(a):
            calls.append("outer")
            return ckpt(m).checkpoint(inner, a.cos(), use_reentrant=False).tanh()

        x = m.randn(3, requires_grad=True)
        y = ckpt(m).checkpoint(outer, x, use_reentrant=False)
        y.sum().backward()
        return {"calls": calls, "grad": numbers(x.grad), "repr": repr(y)}

    assert_same(*both(scenario))


def test_reading_a_saved_value_recomputes_it() -> None:
    def scenario(m: ModuleType) -> dict:
        calls = []

        def block(a):
            calls.append(1)
            return a.sin()

        x = m.randn(3, requires_grad=True)
        y = ckpt(m).checkpoint(block, x, use_reentrant=False)
        found = {"saved": repr(y.grad_fn._saved_self), "calls": len(calls)}
        y.sum().backward()
        found.update(after=len(calls), grad=numbers(x.grad))
        return found

    assert_same(*both(scenario))


@pytest.mark.parametrize("reentrant", MODES)
def test_a_function_that_returns_its_input(reentrant: bool) -> None:
    def scenario(m: ModuleType) -> dict:
        x = m.randn(3, requires_grad=True)
        y = ckpt(m).checkpoint(lambda a: a, x, use_reentrant=reentrant)
        (y * 2).sum().backward()
        return {"repr": repr(y), "is x": y is x, "grad": numbers(x.grad)}

    assert_same(*both(scenario))


def test_double_backward_through_the_non_reentrant_checkpoint() -> None:
    def scenario(m: ModuleType) -> dict:
        x = m.randn(3, requires_grad=True)
        y = ckpt(m).checkpoint(lambda a: a.sin() * a, x, use_reentrant=False)
        (g,) = m.autograd.grad(y.sum(), x, create_graph=True)
        found = {"repr": repr(g).split("grad_fn")[-1]}
        g.sum().backward()
        found["second"] = numbers(x.grad)
        return found

    assert_same(*both(scenario))


@pytest.mark.parametrize("reentrant", MODES)
def test_under_no_grad_nothing_is_recorded(reentrant: bool) -> None:
    def scenario(m: ModuleType) -> dict:
        x = m.randn(3, requires_grad=True)
        with m.no_grad():
            y = ckpt(m).checkpoint(lambda a: a * 2, x, use_reentrant=reentrant)
        return {"repr": repr(y), "requires_grad": y.requires_grad}

    assert_same(*both(scenario))


# -- random draws: dropout inside a checkpoint ----------------------------------------------------------------


def dropout_mlp(m: ModuleType, reentrant: bool, preserve: bool, checkpointed: bool = True) -> dict:
    """A small MLP whose hidden blocks (Linear, ReLU, Dropout) are checkpointed; draws after backward too."""
    model = m.nn.Sequential(
        m.nn.Linear(4, 6), m.nn.ReLU(), m.nn.Dropout(0.5), m.nn.Linear(6, 6), m.nn.ReLU(), m.nn.Dropout(0.3)
    )
    head = m.nn.Linear(6, 1)
    x = m.randn(8, 4, requires_grad=True)
    if checkpointed:
        hidden = ckpt(m).checkpoint(model, x, use_reentrant=reentrant, preserve_rng_state=preserve)
    else:
        hidden = model(x)
    loss = head(hidden).pow(2).mean()
    loss.backward()
    found = {"loss": numbers(loss), "x": numbers(x.grad), "after": numbers(m.rand(5))}
    found.update({name: numbers(p.grad) for name, p in model.named_parameters()})
    return found


@pytest.mark.parametrize("reentrant", MODES)
@pytest.mark.parametrize("preserve", [True, False])
def test_dropout_masks_and_gradients_are_pytorchs(reentrant: bool, preserve: bool) -> None:
    ours, theirs = both(lambda m: dropout_mlp(m, reentrant, preserve))
    assert_same(ours, theirs, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("reentrant", MODES)
def test_the_same_mask_is_drawn_again_only_with_preserve_rng_state(reentrant: bool) -> None:
    def run(**options: bool) -> dict:
        lab.manual_seed(0)
        return dropout_mlp(lab, reentrant, **options)

    plain = run(preserve=True, checkpointed=False)
    kept, not_kept = run(preserve=True), run(preserve=False)
    for key in plain:
        np.testing.assert_array_equal(kept[key], plain[key])  # same mask, same numbers, same draws after
    assert not np.array_equal(not_kept["x"], plain["x"])  # the recomputation drew another mask
    assert not np.array_equal(not_kept["after"], plain["after"])  # ... and took draws from the generator


# -- checkpoint_sequential ---------------------------------------------------------------------------------


@pytest.mark.parametrize("reentrant", MODES)
@pytest.mark.parametrize("segments", [1, 2, 3])
def test_checkpoint_sequential(reentrant: bool, segments: int) -> None:
    def scenario(m: ModuleType) -> dict:
        calls = []
        model = m.nn.Sequential(
            m.nn.Linear(3, 5),
            m.nn.Tanh(),
            m.nn.Dropout(0.2),
            m.nn.Linear(5, 5),
            m.nn.Sigmoid(),
            m.nn.Linear(5, 2),
        )
        for layer in model:
            layer.register_forward_hook(lambda module, args, out: calls.append(type(module).__name__))
        x = m.randn(4, 3, requires_grad=True)
        y = ckpt(m).checkpoint_sequential(model, segments, x, use_reentrant=reentrant)
        forward_calls = list(calls)
        y.sum().backward()
        found = {"repr": repr(y.grad_fn).split(" object")[0], "forward": forward_calls, "all": calls}
        found.update(y=numbers(y), x=numbers(x.grad))
        found.update({name: numbers(p.grad) for name, p in model.named_parameters()})
        return found

    assert_same(*both(scenario), rtol=1e-5, atol=1e-6)


def test_checkpoint_sequential_takes_a_list_of_functions() -> None:
    def scenario(m: ModuleType) -> dict:
        x = m.randn(3, requires_grad=True)
        y = ckpt(m).checkpoint_sequential([m.sin, m.exp, m.cos, m.tanh], 2, x, use_reentrant=False)
        y.sum().backward()
        return {"repr": repr(y), "grad": numbers(x.grad)}

    assert_same(*both(scenario))


# -- warnings -----------------------------------------------------------------------------------------------


def warnings_of(call: Callable[[ModuleType], Any], m: ModuleType) -> list[tuple[str, str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        call(m)
    return [(w.category.__name__, str(w.message)) for w in caught]


def warns_like_torch(call: Callable[[ModuleType], Any]) -> list[tuple[str, str]]:
    """The same warnings, in order; ours is PyTorch's text, then our hint."""
    ours, theirs = warnings_of(call, lab), warnings_of(call, torch)
    assert len(ours) == len(theirs), (ours, theirs)
    for (our_type, our_text), (their_type, their_text) in zip(ours, theirs, strict=True):
        assert our_type == their_type
        sentence, _, hint = our_text.partition(" Hint: ")
        assert hint and sentence == their_text, (our_text, their_text)
    return ours


def test_leaving_out_use_reentrant_warns_and_means_reentrant() -> None:
    def call(m: ModuleType) -> None:
        y = ckpt(m).checkpoint(lambda a: a * 2, m.ones(2, requires_grad=True))
        assert type(y.grad_fn).__name__ == "CheckpointFunctionBackward"

    assert len(warns_like_torch(call)) == 1
    warns_like_torch(lambda m: ckpt(m).checkpoint_sequential([m.sin], 1, m.ones(2, requires_grad=True)))


def test_the_reentrant_checkpoint_warns_when_no_input_requires_grad() -> None:
    def scenario(m: ModuleType) -> dict:
        layer = m.nn.Linear(2, 2)
        y = ckpt(m).checkpoint(layer, m.ones(1, 2), use_reentrant=True)
        return {"requires_grad": y.requires_grad, "grad_fn": y.grad_fn is None}

    warns_like_torch(lambda m: scenario(m))
    assert_same(*both(scenario))
    assert warnings_of(lambda m: ckpt(m).checkpoint(m.sin, m.ones(2), use_reentrant=False), lab) == []
    raises_like_torch(
        lambda m: ckpt(m).checkpoint(m.nn.Linear(2, 2), m.ones(1, 2), use_reentrant=True).sum().backward(),
        torch,
    )


# -- errors -------------------------------------------------------------------------------------------------


ERRORS = {
    "reentrant refuses autograd.grad": lambda m: m.autograd.grad(
        ckpt(m).checkpoint(lambda a: a.sin(), x := m.ones(2, requires_grad=True), use_reentrant=True).sum(), x
    ),
    "reentrant refuses backward(inputs=)": lambda m: (
        ckpt(m)
        .checkpoint(lambda a: a.sin(), x := m.ones(2, requires_grad=True), use_reentrant=True)
        .sum()
        .backward(inputs=[x])
    ),
    "no output requires grad": lambda m: (
        ckpt(m)
        .checkpoint(lambda a: a.detach() * 2, m.ones(2, requires_grad=True), use_reentrant=True)
        .sum()
        .backward()
    ),
    "keyword arguments with reentrant": lambda m: ckpt(m).checkpoint(
        lambda a, b=1: a, m.ones(2), use_reentrant=True, b=2
    ),
    "context_fn with reentrant": lambda m: ckpt(m).checkpoint(
        lambda a: a, m.ones(2), use_reentrant=True, context_fn=lambda: (None, None)
    ),
    "debug with reentrant": lambda m: ckpt(m).checkpoint(
        lambda a: a, m.ones(2), use_reentrant=True, debug=True
    ),
    "unknown determinism_check": lambda m: ckpt(m).checkpoint(
        lambda a: a, m.ones(2), use_reentrant=False, determinism_check="strict"
    ),
    "debug with context_fn": lambda m: ckpt(m).checkpoint(
        lambda a: a, m.ones(2), use_reentrant=False, debug=True, context_fn=lambda: (None, None)
    ),
    "checkpoint_sequential keyword": lambda m: ckpt(m).checkpoint_sequential(
        [m.sin], 1, m.ones(2), use_reentrant=False, extra=1
    ),
    "detach_variable of a list": lambda m: ckpt(m).detach_variable([m.ones(2)]),
}


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_errors(name: str) -> None:
    raises_like_torch(ERRORS[name], torch)


def input_changed_in_place(m: ModuleType) -> None:
    x = m.ones(3, requires_grad=True)
    a = x * 1
    y = ckpt(m).checkpoint(lambda t: t.sin(), a, use_reentrant=False)
    a.mul_(2)
    y.sum().backward()


def test_an_input_changed_in_place_is_refused() -> None:
    ours = raises_like_torch(input_changed_in_place, torch)
    assert "[torch.FloatTensor [3]], which is output 0 of Mul, is at version 1; expected version 0" in ours


def fewer_operations_the_second_time(m: ModuleType) -> None:
    calls = []

    def block(t):
        calls.append(1)
        return t.sin().cos() if len(calls) == 1 else t.sin()

    ckpt(m).checkpoint(block, m.ones(3, requires_grad=True), use_reentrant=False).sum().backward()


def another_shape_the_second_time(m: ModuleType) -> None:
    rows = [3]

    def block(t):
        out = t[: rows[0]].sin()
        rows[0] = 2
        return out

    ckpt(m).checkpoint(block, m.ones(3, requires_grad=True), use_reentrant=False).sum().backward()


def more_operations_without_early_stop(m: ModuleType) -> None:
    calls = []

    def block(t):
        calls.append(1)
        return t.sin() if len(calls) == 1 else t.sin().cos()

    x = m.ones(3, requires_grad=True)
    ckpt(m).checkpoint(block, x, use_reentrant=False, early_stop=False).sum().backward()


@pytest.mark.parametrize(
    "call",
    [fewer_operations_the_second_time, another_shape_the_second_time, more_operations_without_early_stop],
)
def test_the_determinism_check(call: Callable[[ModuleType], None]) -> None:
    from twins import error_of

    ours, theirs = error_of(call, lab), error_of(call, torch)
    assert type(ours).__name__ == type(theirs).__name__ == "CheckpointError"
    assert isinstance(ours, RuntimeError) and repr(type(ours)) == repr(type(theirs))
    sentence, _, hint = str(ours).partition("Hint: ")  # (PyTorch's text ends with a new line)
    assert hint
    # PyTorch's message to the end of its first tip; its tip on torch.compile is left out
    assert str(theirs).startswith(sentence.rstrip("\n")), (sentence, str(theirs))


def test_the_determinism_check_compares_shapes_not_values() -> None:
    def scenario(m: ModuleType) -> dict:
        scale = [2.0]

        def block(t):
            out = (t * scale[0]).sin()
            scale[0] = 3.0  # the recomputation multiplies by 3: same shapes, other values
            return out.sum()

        found = {}
        for check in ["default", "none"]:
            x = m.ones(3, requires_grad=True)
            ckpt(m).checkpoint(block, x, use_reentrant=False, determinism_check=check).backward()
            found[check] = numbers(x.grad)  # from the recomputed values: a wrong gradient, PyTorch's too
        return found

    assert_same(*both(scenario))


def test_debug_lists_where_each_value_was_saved() -> None:
    with pytest.raises(lab.utils.checkpoint.CheckpointError) as caught:
        with lab.utils.checkpoint.set_checkpoint_debug_enabled(True):
            fewer_operations_the_second_time(lab)
    text = str(caught.value)
    assert text.startswith(" An error happened while unpacking tensors; dumping logs of latest computation")
    assert text.count("[3] torch.float32") == 3  # two saved in the forward pass, one in the recomputation
    assert "test_checkpoint_against_torch.py" in text
    assert isinstance(caught.value.__cause__, lab.utils.checkpoint.CheckpointError)


# -- names and loading ----------------------------------------------------------------------------------------


def test_public_names_print_as_pytorchs() -> None:
    for name in ["CheckpointFunction", "CheckpointError"]:
        assert repr(getattr(lab.utils.checkpoint, name)) == repr(getattr(torch.utils.checkpoint, name))
    for name in lab.utils.checkpoint.__all__:
        assert name in torch.utils.checkpoint.__all__, name
        assert getattr(lab.utils.checkpoint, name).__doc__, name


def test_the_module_loads_on_first_use() -> None:
    code = (
        "import sys, autograd_lab\n"
        "import autograd_lab.utils\n"
        "assert 'autograd_lab.utils.checkpoint' not in sys.modules\n"
        "from autograd_lab.utils.checkpoint import checkpoint, checkpoint_sequential\n"
        "import autograd_lab as torch\n"
        "print(torch.utils.checkpoint.checkpoint is checkpoint)\n"
    )
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.strip() == "True"
