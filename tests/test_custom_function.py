"""Custom ``autograd.Function``: what PyTorch checks, prints and passes to ``backward``.

Each case is written once against a module ``m`` (autograd_lab or PyTorch)
and, where PyTorch is installed, run in both: the same values, gradients,
node names and ``repr``, and errors of the same type with PyTorch's message
before our hint.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from types import ModuleType
from typing import Any

import numpy as np
import pytest
from factories import checked
from hypothesis import given
from hypothesis import strategies as st

import autograd_lab as lab


@pytest.fixture(scope="module")
def real() -> ModuleType:
    return pytest.importorskip("torch")


def function(m: ModuleType, forward: Callable, backward: Callable, name: str = "MyFn", **extra: Any) -> type:
    """A Function subclass of module ``m`` named ``name``, from plain functions."""
    body = {"forward": staticmethod(forward), "backward": staticmethod(backward), **extra}
    return type(name, (m.autograd.Function,), body)


class Raised:
    """An error as compared: its type, and PyTorch's text, of which ours keeps at least the first sentence."""

    def __init__(self, error: Exception) -> None:
        self.type = type(error).__name__
        self.text = re.split(" ?Hint: ", str(error))[0]  # a sentence ending a block ends with a newline

    def __eq__(self, theirs: object) -> bool:
        return isinstance(theirs, Raised) and self.type == theirs.type and theirs.text.startswith(self.text)

    def __repr__(self) -> str:
        return f"{self.type}: {self.text}"


class Values:
    """A tensor as compared: values (to float32 precision), shape, dtype, requires_grad, node name."""

    def __init__(self, t: Any) -> None:
        self.array = t.detach().numpy().astype(np.float64)
        self.rest = (str(t.dtype), t.requires_grad, None if t.grad_fn is None else type(t.grad_fn).__name__)

    def __eq__(self, theirs: object) -> bool:
        return (
            isinstance(theirs, Values)
            and self.rest == theirs.rest
            and self.array.shape == theirs.array.shape
            and np.allclose(self.array, theirs.array, rtol=1e-6, atol=1e-7)
        )

    def __repr__(self) -> str:
        return f"{self.array.tolist()} {self.rest}"


def outcome(case: Callable[[ModuleType], Any], m: ModuleType) -> Any:
    """What ``case`` gives in ``m``: its result as comparable values, or the error it raises."""
    try:
        return plain(case(m))
    except Exception as error:  # noqa: BLE001 - the error is the outcome compared
        return Raised(error)


def plain(value: Any) -> Any:
    """Tensors as :class:`Values`, at any depth of tuples and lists."""
    if isinstance(value, tuple | list):
        return type(value)(plain(v) for v in value)
    if hasattr(value, "detach") and hasattr(value, "grad_fn"):
        return Values(value)
    return value


def same(case: Callable[[ModuleType], Any], real: ModuleType) -> Any:
    ours = outcome(case, lab)
    assert ours == outcome(case, real)
    return ours


def with_hint(case: Callable[[ModuleType], Any], error: type[Exception]) -> str:
    """Our error: of PyTorch's type, with a hint after PyTorch's text."""
    with pytest.raises(error) as caught:
        case(lab)
    assert "Hint: " in str(caught.value)
    return str(caught.value)


# -- the node: its name, class, repr ------------------------------------------------------------------


def square(m: ModuleType) -> type:
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * x

    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return 2 * x * grad

    return function(m, forward, backward, "MyFn")


def test_the_node_prints_as_pytorchs(real):
    def printed(m):
        y = square(m).apply(m.tensor([1.0, 2.0], requires_grad=True))
        return re.sub("0x[0-9a-f]+", "ADDR", f"{y!r} {y.grad_fn!r} {type(y.grad_fn)} {y.grad_fn.name()}")

    ours = printed(lab)
    assert ours == printed(real)
    assert ours == (
        "tensor([1., 4.], grad_fn=<MyFnBackward>) <torch.autograd.function.MyFnBackward object at ADDR> "
        "<class 'torch.autograd.function.MyFnBackward'> MyFnBackward"
    )


def test_the_node_reads_what_forward_left(real):
    def read(m):
        x = m.tensor([1.0, 2.0], requires_grad=True)
        y = square(m).apply(x)
        return y.grad_fn.saved_tensors, y.grad_fn.needs_input_grad, len(y.grad_fn.next_functions)

    same(read, real)


def test_grad_fn_apply_calls_backward(real):
    def called(m, freed):
        x = m.tensor([1.0, 2.0], requires_grad=True)
        y = square(m).apply(x)
        if freed:
            y.sum().backward()
        return y.grad_fn.apply(m.ones(2))  # backward's own answer; once freed, PyTorch's error

    assert same(lambda m: called(m, False), real).array.tolist() == [2.0, 4.0]
    assert same(lambda m: called(m, True), real).type == "RuntimeError"


def test_backward_and_gradients(real):
    def grads(m):
        x = m.tensor([1.0, -2.0, 3.0], requires_grad=True)
        square(m).apply(x).sum().backward()
        return x.grad

    assert same(grads, real).array.tolist() == [2.0, -4.0, 6.0]


def test_second_derivative_through_a_differentiable_backward(real):
    def second(m):
        x = m.tensor([1.0, 2.0], requires_grad=True)
        (g,) = m.autograd.grad(square(m).apply(x).sum(), x, create_graph=True)
        (gg,) = m.autograd.grad(g.sum(), x)
        return g.detach(), gg

    same(second, real)


# -- what backward returns -----------------------------------------------------------------------------


def returning(m: ModuleType, make_grads: Callable, *args: Any, shape: tuple = (2,)) -> Any:
    """Run a Function whose backward returns ``make_grads(m, grad)``; the leaves' gradients."""
    fn = function(m, lambda ctx, *xs: xs[0] * 2, lambda ctx, grad: make_grads(m, grad))
    leaves = [m.ones(*shape, requires_grad=True) if isinstance(a, str) else a for a in args]
    fn.apply(*leaves).sum().backward()
    return tuple(leaf.grad for leaf in leaves if isinstance(leaf, type(m.ones(1))))


RETURNS = {
    "a wrong shape": (lambda m, g: m.ones(3), ("x",)),
    "a wrong 2-d shape": (lambda m, g: m.ones(3, 4), ("x",), (2, 3)),
    "a shape that does not sum down": (lambda m, g: m.ones(1), ("x",)),
    "a shape that sums down": (lambda m, g: m.ones(3, 2), ("x",)),
    "a wrong shape at index 1": (lambda m, g: (None, g, m.ones(3)), (2.0, "x", "x")),
    "float64": (lambda m, g: g.double(), ("x",)),
    "int64": (lambda m, g: m.ones(2, dtype=m.int64), ("x",)),
    "too few": (lambda m, g: g, ("x", "x")),
    "too many": (lambda m, g: (g, g), ("x",)),
    "extra Nones": (lambda m, g: (g, None, None), ("x",)),
    "not a tensor": (lambda m, g: 3, ("x",)),
    "a gradient for a number": (lambda m, g: (g, g), ("x", 2.0)),
    "None": (lambda m, g: None, ("x",)),
    "a gradient for a tensor that needs none": (lambda m, g: (g, g), ("x", "c")),
}


@pytest.mark.parametrize("case", RETURNS.values(), ids=RETURNS.keys())
def test_what_backward_returns_is_checked_as_in_pytorch(real, case):
    make, args, *shape = case

    def run(m):
        concrete = [m.ones(2) if a == "c" else a for a in args]
        return returning(m, make, *concrete, shape=shape[0] if shape else (2,))

    same(run, real)


def test_the_invalid_gradient_message():
    text = with_hint(lambda m: returning(m, lambda m, g: m.ones(3), "x"), RuntimeError)
    assert text.startswith(
        "Function MyFnBackward returned an invalid gradient at index 0 - got [3] but expected shape "
        "compatible with [2] Hint: "
    )


@checked(60)
@given(
    shape=st.lists(st.integers(1, 3), max_size=3).map(tuple),
    returned=st.lists(st.integers(1, 3), max_size=4).map(tuple),
)
def test_random_gradient_shapes_as_in_pytorch(real, shape, returned):
    """Any shape backward returns: accepted (and summed down) or refused, as in PyTorch."""

    def run(m):
        fn = function(m, lambda ctx, x: x * 2, lambda ctx, grad: m.ones(returned) * 0.5)
        x = m.ones(shape, requires_grad=True)
        fn.apply(x).sum().backward()
        return x.grad

    same(run, real)


# -- ctx -----------------------------------------------------------------------------------------------


def recorder(m: ModuleType, seen: list) -> type:
    def forward(ctx, a, b, k):
        seen.append(("forward", ctx.needs_input_grad))
        ctx.k = k
        return a * b * k

    def backward(ctx, grad):
        seen.append(("backward", ctx.needs_input_grad, ctx.k))
        return grad, grad, None

    return function(m, forward, backward, "Rec")


def test_needs_input_grad_and_ctx_attributes(real):
    def run(m):
        seen: list = []
        y = recorder(m, seen).apply(m.ones(2, requires_grad=True), m.ones(2), 3.0)
        y.sum().backward()
        with m.no_grad():
            recorder(m, seen).apply(m.ones(2, requires_grad=True), m.ones(2), 3.0)
        edges = [child is not None for child, _ in y.grad_fn.next_functions]
        return seen, edges, y.grad_fn.k

    assert same(run, real)[1] == [True, False]  # tensor inputs only, as in PyTorch


def sorter(m: ModuleType, calls: list) -> type:
    """PyTorch's mark_non_differentiable example: a sort and its (integer) indices."""

    def forward(ctx, x):
        idx = m.tensor(np.argsort(x.detach().numpy()))
        ctx.mark_non_differentiable(idx)
        ctx.save_for_backward(x, idx)
        return x[idx], idx

    def backward(ctx, g_sorted, g_idx):
        calls.append(g_idx)
        x, idx = ctx.saved_tensors
        grad = m.zeros_like(x)
        grad[idx] = g_sorted
        return grad

    return function(m, forward, backward, "Sort")


def test_mark_non_differentiable(real):
    def run(m):
        calls: list = []
        x = m.tensor([3.0, 1.0, 2.0], requires_grad=True)
        s, idx = sorter(m, calls).apply(x)
        (s * m.tensor([1.0, 2.0, 3.0])).sum().backward()
        return s, idx, x.grad, calls  # calls: the indices' gradient, zeros of their dtype

    same(run, real)

    def marked_single(m):
        def forward(ctx, x):
            y = x * 2
            ctx.mark_non_differentiable(y)
            return y

        return function(m, forward, lambda ctx, g: g).apply(m.ones(2, requires_grad=True))

    same(marked_single, real)


def two_outputs(m: ModuleType, calls: list, materialize: bool = True) -> type:
    def forward(ctx, x):
        ctx.set_materialize_grads(materialize)
        return x * 1, x * 2

    def backward(ctx, g1, g2):
        calls.append((g1, g2))
        total = 0
        if g1 is not None:
            total = total + g1
        if g2 is not None:
            total = total + 2 * g2
        return total

    return function(m, forward, backward, "Two")


@pytest.mark.parametrize("materialize", [True, False])
@pytest.mark.parametrize("used", ["first", "second", "both"])
def test_several_outputs_call_backward_once(real, materialize, used):
    def run(m):
        calls: list = []
        x = m.tensor([1.0, 2.0], requires_grad=True)
        a, b = two_outputs(m, calls, materialize).apply(x)
        loss = {"first": a.sum(), "second": (b * 3).sum(), "both": a.sum() + (b * 3).sum()}[used]
        loss.backward()
        return a, b, x.grad, calls

    result = same(run, real)
    assert len(result[3]) == 1


def test_several_outputs_read_what_forward_saved(real):
    def run(m):
        def forward(ctx, x):
            a, b = x * 1, x * 2
            ctx.save_for_backward(x, b)
            return a, b

        def backward(ctx, g1, g2):
            x, b = ctx.saved_tensors
            return g1 + g2 * b / x

        x = m.tensor([1.0, 2.0], requires_grad=True)
        a, b = function(m, forward, backward, "Saves").apply(x)
        saved = a.grad_fn.saved_tensors
        (a + b).sum().backward()
        return saved, x.grad

    same(run, real)


def test_several_outputs_print_as_pytorchs(real):
    def printed(m):
        a, b = two_outputs(m, []).apply(m.ones(2, requires_grad=True))
        return re.sub("0x[0-9a-f]+", "ADDR", f"{a!r} {b!r} {a.grad_fn!r}")

    assert printed(lab) == printed(real)


def test_outputs_that_are_not_tensors(real):
    def run(m):
        x = m.tensor([1.0, 2.0], requires_grad=True)
        seen: list = []

        def backward(ctx, *grads):
            seen.append(grads)
            return grads[0] * 2

        y, k = function(m, lambda ctx, x: (x * 2, 3), backward).apply(x)
        y.sum().backward()
        as_list = function(m, lambda ctx, x: [x * 2], backward).apply(x)
        number = function(m, lambda ctx, x: 3.0, backward).apply(x)
        return y, k, x.grad, seen, as_list, number

    same(run, real)


def test_an_input_returned_as_it_is(real):
    def run(m):
        x = m.tensor([1.0, 2.0], requires_grad=True)
        y = function(m, lambda ctx, x: x, lambda ctx, g: g * 3).apply(x)
        y.sum().backward()
        return y is x, y, x.grad

    assert same(run, real)[0] is False


# -- saved tensors ---------------------------------------------------------------------------------------


def saving(m: ModuleType, read: bool = True, what: str = "input") -> type:
    def forward(ctx, x):
        y = x.exp()
        ctx.save_for_backward(x if what == "input" else y)
        return y

    def backward(ctx, grad):
        if not read:
            return grad * 2
        (saved,) = ctx.saved_tensors
        return grad * (saved if what == "output" else saved.exp())

    return function(m, forward, backward, "Save")


SAVED = {
    "read after the graph was freed": lambda m: _twice(m, saving(m)),
    "not read after the graph was freed": lambda m: _twice(m, saving(m, read=False)),
    "nothing saved, read after freeing": lambda m: _twice(
        m, function(m, lambda ctx, x: x * 2, lambda ctx, g: (ctx.saved_tensors, g)[1], "Nothing")
    ),
    "saved output, unpacked with its node": lambda m: _saved_output(m),
    "saved input changed in place": lambda m: _changed(m, "input"),
    "saved output changed in place": lambda m: _changed(m, "output"),
    "a number saved": lambda m: function(
        m, lambda ctx, x: (ctx.save_for_backward(x, 3), x * 2)[1], lambda ctx, g: g
    ).apply(m.ones(2, requires_grad=True)),
    "a list saved": lambda m: function(
        m, lambda ctx, x: (ctx.save_for_backward([x]), x * 2)[1], lambda ctx, g: g
    ).apply(m.ones(2, requires_grad=True)),
    "a number saved, no grad needed": lambda m: function(
        m, lambda ctx, x: (ctx.save_for_backward(x, 3), x * 2)[1], lambda ctx, g: g
    ).apply(m.ones(2)),
    "None saved": lambda m: function(
        m, lambda ctx, x: (ctx.save_for_backward(x, None), x * 2)[1], lambda ctx, g: g
    ).apply(m.ones(2, requires_grad=True)),
}


def _twice(m, fn):
    x = m.tensor([1.0, 2.0], requires_grad=True)
    y = fn.apply(x)
    y.sum().backward()
    y.sum().backward()
    return x.grad


def _saved_output(m):
    x = m.tensor([0.0, 1.0], requires_grad=True)
    y = saving(m, what="output").apply(x)
    y.sum().backward(retain_graph=True)
    (saved,) = y.grad_fn.saved_tensors
    return x.grad, saved, saved.grad_fn is y.grad_fn


def _changed(m, what):
    x = m.tensor([0.0, 1.0], requires_grad=True)
    h = x * 1
    y = saving(m, what=what).apply(h)
    with m.no_grad():
        (h if what == "input" else y).mul_(2)
    y.sum().backward()


@pytest.mark.parametrize("case", SAVED.values(), ids=SAVED.keys())
def test_saved_tensors_as_in_pytorch(real, case):
    same(case, real)


def test_saved_tensors_after_freeing_gives_the_backward_twice_error():
    text = with_hint(lambda m: _twice(m, saving(m)), RuntimeError)
    assert text.startswith("Trying to backward through the graph a second time")


# -- once_differentiable ---------------------------------------------------------------------------------


def cube(m: ModuleType) -> type:
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x**3

    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return 3 * x**2 * grad

    return function(m, forward, m.autograd.function.once_differentiable(backward), "Cube")


ONCE = {
    "first derivative": lambda m: _once(m, create_graph=False),
    "create_graph, plain grad_outputs": lambda m: _once(m, create_graph=True),
    "differentiated twice": lambda m: _once(m, create_graph=True, weights=True, again=True),
    "the Error node": lambda m: _once(m, create_graph=True, weights=True, node=True),
}


def _once(m, create_graph, weights=False, again=False, node=False):
    x = m.tensor([1.0, 2.0], requires_grad=True)
    v = m.ones(2, requires_grad=weights)
    (g,) = m.autograd.grad(cube(m).apply(x), x, v, create_graph=create_graph)
    if node:
        return re.sub("0x[0-9a-f]+", "ADDR", f"{g!r} {g.grad_fn!r} {type(g.grad_fn)} {g.grad_fn.name()}")
    if again:
        g.sum().backward()
    return g


@pytest.mark.parametrize("case", ONCE.values(), ids=ONCE.keys())
def test_once_differentiable_as_in_pytorch(real, case):
    same(case, real)


def test_once_differentiable_error_has_a_hint():
    text = with_hint(lambda m: _once(m, create_graph=True, weights=True, again=True), RuntimeError)
    assert text.startswith(
        "trying to differentiate twice a function that was marked with @once_differentiable"
    )


# -- apply's arguments, and other ways to write a Function -------------------------------------------------


def keywords(m: ModuleType) -> type:
    def forward(ctx, x, a=1.0, b=2.0):
        ctx.args = (ctx.needs_input_grad, a, b)
        return x * a * b

    return function(m, forward, lambda ctx, g: (g * 2, None, None), "Kw")


APPLY = {
    "positional": lambda m: keywords(m).apply(m.ones(1, requires_grad=True), 3.0),
    "a keyword in place": lambda m: keywords(m).apply(m.ones(1, requires_grad=True), a=3.0),
    "all by keyword": lambda m: keywords(m).apply(x=m.ones(1, requires_grad=True), a=3.0, b=4.0),
    "a gap before a keyword": lambda m: keywords(m).apply(m.ones(1, requires_grad=True), b=3.0),
    "an unknown keyword": lambda m: keywords(m).apply(m.ones(1, requires_grad=True), c=3.0),
    "a keyword given twice": lambda m: keywords(m).apply(m.ones(1, requires_grad=True), x=3.0),
    "too many arguments": lambda m: keywords(m).apply(m.ones(1), 1, 2, 3),
}


@pytest.mark.parametrize("case", APPLY.values(), ids=APPLY.keys())
def test_apply_takes_arguments_as_pytorch_does(real, case):
    def run(m):
        y = case(m)
        return y, y.grad_fn.args if y.grad_fn is not None else None

    same(run, real)


def test_setup_context_and_vjp_spellings(real):
    def run(m):
        class Mul(m.autograd.Function):
            @staticmethod
            def forward(x, k=2.0):
                return x * k

            @staticmethod
            def setup_context(ctx, inputs, output):
                ctx.k = inputs[1]
                ctx.seen = len(inputs)

            @staticmethod
            def vjp(ctx, grad):
                return grad * ctx.k, None

        x = m.tensor([1.0, 2.0], requires_grad=True)
        y = Mul.apply(x)
        y.sum().backward()
        return y, x.grad, y.grad_fn.seen

    same(run, real)


def test_backward_and_vjp_together_are_refused(real):
    def run(m):
        fn = function(m, lambda ctx, x: x * 2, lambda ctx, g: g, vjp=staticmethod(lambda ctx, g: g))
        fn.apply(m.ones(1, requires_grad=True)).sum().backward()

    same(run, real)


def test_an_instance_warns_and_calling_it_is_refused(real):
    def run(m):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            instance = square(m)()
        return [w.category.__name__ for w in caught], instance(m.ones(1))

    same(run, real)


# -- mark_dirty: forward changes an input in place -----------------------------------------------------------


def doubler(m: ModuleType) -> type:
    def forward(ctx, x):
        x.mul_(2)
        ctx.mark_dirty(x)
        return x

    return function(m, forward, lambda ctx, g: g * 2, "Inplace")


def test_mark_dirty(real):
    def run(m):
        x = m.tensor([1.0, 2.0], requires_grad=True)
        b = x * 1
        out = doubler(m).apply(b)
        (out * out).sum().backward()
        return out is b, b, b._version, x.grad

    assert same(run, real)[0] is True
    same(lambda m: doubler(m).apply(m.ones(2, requires_grad=True)), real)


# -- gradcheck and gradgradcheck ---------------------------------------------------------------------------


def cubed(m: ModuleType, factor: float = 3.0, exponent: int = 2, detach: bool = False) -> type:
    """x³ with a hand-written backward: right with the defaults, wrong otherwise."""

    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x**3

    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return factor * (x.detach() if detach else x) ** exponent * grad

    return function(m, forward, backward, "Cubed")


def doubles(m: ModuleType, *values: float, grad: bool = True) -> Any:
    return m.tensor(list(values), dtype=m.float64, requires_grad=grad)


GRADCHECK = {
    "a right function": lambda m: m.autograd.gradcheck(
        lambda x: (x.sin() * x.exp()).sum(), doubles(m, 0.5, -1.5)
    ),
    "a right custom backward": lambda m: m.autograd.gradcheck(cubed(m).apply, doubles(m, 0.5, 1.5)),
    "a wrong custom backward": lambda m: m.autograd.gradcheck(
        cubed(m, factor=2.0).apply, doubles(m, 0.5, 1.5)
    ),
    "wrong, not raising": lambda m: m.autograd.gradcheck(
        cubed(m, exponent=1).apply, doubles(m, 0.5, 1.5), raise_exception=False
    ),
    "wrong for the second input": lambda m: m.autograd.gradcheck(
        lambda a, b: a * b + cubed(m, factor=2.0).apply(b), (doubles(m, 0.5, 1.5), doubles(m, 1.0, 2.0))
    ),
    "wrong for the second output": lambda m: m.autograd.gradcheck(
        lambda a: (a * 2, cubed(m, factor=2.0).apply(a)), doubles(m, 0.5, 1.5)
    ),
    "wrong, one input not checked": lambda m: m.autograd.gradcheck(
        lambda a, b: a * cubed(m, factor=2.0).apply(b),
        (doubles(m, 0.5, 1.5, grad=False), doubles(m, 1.0, 2.0)),
    ),
    "a non-square Jacobian": lambda m: m.autograd.gradcheck(
        lambda a: cubed(m, factor=2.0).apply(a).sum() * a[:1], doubles(m, 0.5, 1.5, 2.0)
    ),
    "float32 with wide tolerances": lambda m: m.autograd.gradcheck(
        lambda x: x * x, m.tensor([0.5, 1.5], requires_grad=True), eps=1e-3, atol=1e-2
    ),
    "float32, a wrong backward": lambda m: m.autograd.gradcheck(
        cubed(m, factor=2.0).apply, m.tensor([0.5, 1.5], requires_grad=True), raise_exception=False
    ),
    "no input requires grad": lambda m: m.autograd.gradcheck(lambda x: x.sin(), doubles(m, 1.0, grad=False)),
    "an expanded input": lambda m: m.autograd.gradcheck(lambda x: x.sin(), doubles(m, 1.0).expand(3)),
    "no output requires grad": lambda m: m.autograd.gradcheck(lambda x: (x > 0).double(), doubles(m, 1.0)),
    "a number among the inputs": lambda m: m.autograd.gradcheck(lambda x, k: x * k, (doubles(m, 1.0), 2.0)),
    "eps given by position": lambda m: m.autograd.gradcheck(lambda x: x, doubles(m, 1.0), 1e-6),
    "the input returned": lambda m: m.autograd.gradcheck(lambda x: x, doubles(m, 1.0, 2.0)),
    "backward ignores grad": lambda m: m.autograd.gradcheck(
        function(m, lambda ctx, x: x * 2, lambda ctx, g: m.ones_like(g) * 2).apply, doubles(m, 0.5)
    ),
    "other options accepted": lambda m: m.autograd.gradcheck(
        lambda x: x**2,
        doubles(m, 0.5),
        nondet_tol=1e-12,
        check_undefined_grad=False,
        check_grad_dtypes=True,
        check_batched_grad=False,
        fast_mode=True,
    ),
    "gradgradcheck, right": lambda m: m.autograd.gradgradcheck(lambda x: x**3, doubles(m, 0.5, 1.5)),
    "gradgradcheck, custom": lambda m: m.autograd.gradgradcheck(cubed(m).apply, doubles(m, 0.5, 1.5)),
    "gradgradcheck, a backward that is wrong in second order": lambda m: m.autograd.gradgradcheck(
        cubed(m, detach=True).apply, doubles(m, 0.5, 1.5), doubles(m, 1.0, -0.5)
    ),
    "gradgradcheck, not raising": lambda m: m.autograd.gradgradcheck(
        cubed(m, detach=True).apply, doubles(m, 0.5, 1.5), doubles(m, 1.0, -0.5), raise_exception=False
    ),
    "gradgradcheck, grad_outputs without grad": lambda m: m.autograd.gradgradcheck(
        cubed(m, detach=True).apply, doubles(m, 0.5, 1.5), doubles(m, 1.0, -0.5, grad=False)
    ),
    "gradgradcheck of a once_differentiable": lambda m: m.autograd.gradgradcheck(
        cube(m).apply, doubles(m, 0.5, 1.5), doubles(m, 1.0, -0.5)
    ),
    "gradgradcheck at a 0-d input, random grad_outputs": lambda m: m.autograd.gradgradcheck(
        cubed(m).apply, m.tensor(2.0, dtype=m.float64, requires_grad=True)
    ),
    "gradgradcheck, a Function saving outputs it returns besides the one used": lambda m: (
        m.autograd.gradgradcheck(lambda x: sinh_with_exps(m).apply(x)[0], doubles(m, 0.5, -1.5))
    ),
}


def sinh_with_exps(m: ModuleType) -> type:
    """PyTorch's double-backward tutorial: sinh, returning the exps it saves so that they join the graph."""

    def forward(ctx, x):
        expx, expnegx = x.exp(), (-x).exp()
        ctx.save_for_backward(expx, expnegx)
        return (expx - expnegx) / 2, expx, expnegx

    def backward(ctx, grad, grad_expx, grad_expnegx):
        expx, expnegx = ctx.saved_tensors
        return grad * (expx + expnegx) / 2 + grad_expx * expx - grad_expnegx * expnegx

    return function(m, forward, backward, "Sinh")


def test_gradgradcheck_draws_its_grad_outputs_as_pytorch_does(real):
    def run(m):
        m.manual_seed(0)
        m.autograd.gradgradcheck(lambda x: x**3, m.rand(3, 2, dtype=m.float64, requires_grad=True))
        return m.rand(4), m.rand(2, dtype=m.float64)

    same(run, real)


def test_a_saved_output_whose_tensor_is_gone_still_takes_its_gradient_in_double_backward(real):
    def run(m):
        x = doubles(m, 0.5, -1.5)
        (first,) = m.autograd.grad(sinh_with_exps(m).apply(x)[0].sum(), x, create_graph=True)
        (second,) = m.autograd.grad(first.sum(), x)
        return first, second

    same(run, real)


@pytest.mark.parametrize("case", GRADCHECK.values(), ids=GRADCHECK.keys())
def test_gradcheck_as_in_pytorch(real, case):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the float32 warning: tested below
        same(case, real)


def test_gradcheck_mismatch_message():
    text = with_hint(
        lambda m: m.autograd.gradcheck(cubed(m, factor=2.0).apply, doubles(m, 0.5, 1.5)), RuntimeError
    )
    assert text.startswith(
        "Jacobian mismatch for output 0 with respect to input 0,\n"
        "numerical:tensor([[0.7500, 0.0000],\n        [0.0000, 6.7500]], dtype=torch.float64)\n"
        "analytical:tensor([[0.5000, 0.0000],\n        [0.0000, 4.5000]], dtype=torch.float64)\nHint: "
    )
    assert issubclass(lab.autograd.GradcheckError, RuntimeError)


def test_gradcheck_warns_about_float32(real):
    def warned(m):
        with pytest.warns(UserWarning) as caught:
            m.autograd.gradcheck(lambda x: x * x, m.tensor([0.5], requires_grad=True), eps=1e-3, atol=1e-2)
        return [str(w.message) for w in caught if "double precision" in str(w.message)]

    (ours,) = warned(lab)
    (theirs,) = warned(real)
    assert ours.startswith(theirs.strip()) and " Hint: " in ours


def test_gradcheck_finds_a_backward_that_is_not_reentrant(real):
    def noisy(m):
        calls = iter(range(1000))
        fn = function(m, lambda ctx, x: x * 2, lambda ctx, g: g * 2 + next(calls) * 1e-9)
        return m.autograd.gradcheck(fn.apply, doubles(m, 0.5))

    same(noisy, real)
    text = with_hint(noisy, RuntimeError)
    assert text.startswith("Backward is not reentrant")


def test_gradcheck_checks_forward_mode(real):
    """check_forward_ad runs the Function's jvp (a wrong one fails, as in PyTorch); without one, PyTorch's error."""

    def check(m, jvp_factor):
        class Exp(m.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                ctx.result = x.exp()
                return ctx.result

            @staticmethod
            def jvp(ctx, tangent):
                return tangent * ctx.result * jvp_factor

        options = {"check_backward_ad": False, "check_undefined_grad": False, "check_batched_grad": False}
        return m.autograd.gradcheck(Exp.apply, doubles(m, 0.5, -1.0), check_forward_ad=True, **options)

    same(lambda m: check(m, 1.0), real)
    assert check(lab, 1.0) is True
    text = with_hint(lambda m: check(m, 1.5), RuntimeError)
    assert text.startswith(
        "Jacobian computed with forward mode mismatch for output 0 with respect to input 0"
    )
    no_jvp = with_hint(
        lambda m: m.autograd.gradcheck(function(m, lambda ctx, x: x * 2, lambda ctx, g: g * 2).apply,
                                       doubles(m, 1.0), check_forward_ad=True),
        NotImplementedError,
    )  # fmt: skip
    assert no_jvp.startswith("You must implement the jvp function")


def test_gradcheck_leaves_its_inputs_as_they_were(real):
    def run(m):
        x = doubles(m, 0.5, 1.5)
        m.autograd.gradcheck(cubed(m, factor=2.0).apply, x, raise_exception=False)
        return x, x._version, x.grad

    same(run, real)


@checked(30)
@given(
    shape=st.lists(st.integers(1, 3), min_size=1, max_size=2).map(tuple),
    factor=st.sampled_from([3.0, 3.0, 2.9, 3.1, 0.0]),
    seed=st.integers(0, 2**16),
)
def test_random_custom_backwards_pass_or_fail_as_in_pytorch(real, shape, factor, seed):
    rng = np.random.default_rng(seed)
    # away from 0: near it, 2.9x² and 3x² differ by less than gradcheck's tolerance, in both libraries
    values = rng.uniform(0.5, 2, shape) * rng.choice([-1.0, 1.0], shape)

    def run(m):
        x = m.tensor(values, dtype=m.float64, requires_grad=True)
        return m.autograd.gradcheck(cubed(m, factor=factor).apply, x, raise_exception=False)

    assert same(run, real) == (factor == 3.0)
