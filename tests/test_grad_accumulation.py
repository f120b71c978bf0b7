"""How .grad fills: accumulation over passes, non-leaf gradients and retain_grad, no aliasing, copy-on-write,
and PyTorch's table of when .grad is added into and when it is replaced.

Expected values are written out; where PyTorch is installed the same code
also runs in PyTorch and must agree.
"""

from __future__ import annotations

import warnings

import pytest
from autograd_helpers import close, identity_function, identity_function_in, leaf

import autograd_lab as torch


def test_grad_accumulates_across_calls():
    x = leaf(1.0, 2.0)
    (x * x).sum().backward()
    close(x.grad, [2, 4])
    (x * 3).sum().backward()
    close(x.grad, [5, 7])


# -- non-leaf gradients and retain_grad --------------------------------------------------


def test_non_leaf_grad_warns_and_retain_grad_keeps_it():
    x = leaf(1.0, 2.0)
    y = x * 2
    z = y * 2
    y.retain_grad()
    (y * y + z).sum().backward(retain_graph=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # retained: no warning
        close(y.grad, [6, 10])
    with pytest.warns(UserWarning, match="not a leaf Tensor"):
        assert z.grad is None
    (y * y + z).sum().backward()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        close(y.grad, [12, 20])  # accumulates like a leaf's
    x.retain_grad()  # on a leaf: nothing to do
    close(x.grad, [24, 40])


def test_retain_grad_follows_an_inplace_change() -> None:
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    y.retain_grad()
    y.mul_(3)
    y.sum().backward()
    assert y.grad.tolist() == [1.0, 1.0]
    assert x.grad.tolist() == [6.0, 6.0]


def test_retain_grad_needs_requires_grad() -> None:
    with pytest.raises(RuntimeError, match="can't retain_grad on Tensor that has requires_grad=False"):
        torch.ones(2).retain_grad()


# -- gradients are not aliased -----------------------------------------------------------------


def test_leaf_grads_are_not_aliased_between_leaves():
    x, y = leaf(1.0, 2.0), leaf(3.0, 4.0)
    z = x + y
    z.sum().backward()
    x.grad.zero_()
    close(y.grad, [1, 1])
    a = leaf(1.0, 2.0)
    (a + a).sum().backward()
    close(a.grad, [2, 2])


def test_leaf_grad_is_not_the_users_gradient():
    for create_graph in (False, True):
        x = leaf(1.0, 2.0)
        g = torch.tensor([1.0, 10.0])
        (x + 0).backward(g, create_graph=create_graph)
        x.grad.zero_()
        close(g, [1, 10])
        g.mul_(3)
        close(x.grad, [0, 0])
        w = leaf(1.0, 2.0)
        w.backward(g)  # straight into the leaf
        w.grad.add_(1)
        close(g, [3, 30])
        v = leaf(1.0, 2.0)
        (v + 0).backward(g, create_graph=create_graph)
        g.zero_()  # the user's gradient changed first, this time
        close(v.grad, [3, 30])


def test_retained_grads_are_not_aliased():
    x = leaf(1.0, 2.0)
    y = x + 0
    y.retain_grad()
    y.sum().backward()
    y.grad.zero_()
    close(x.grad, [1, 1])


def test_grad_accumulates_in_place():
    x = leaf(1.0, 2.0)
    (x * 2).sum().backward()
    first = x.grad
    (x * 3).sum().backward()
    assert x.grad is first  # the same tensor, updated in place, as in PyTorch
    close(first, [5, 5])


# -- .grad keeps the pass's own arrays without a copy, copy-on-write ---------------------------


def _weighted_sum_pass(weights=(2.0, 3.0, 4.0)):
    """w, after (w * c).sum().backward(): its grad is the fresh array mul's rule made."""
    w = leaf(1.0, 1.0, 1.0)
    y = (w * torch.tensor(list(weights))).sum()
    y.backward()
    mul = y.grad_fn.next_functions[0][0]
    return w, mul, mul.next_functions[0][0]


def test_leaf_grad_is_the_array_the_pass_computed():
    w, mul, accumulate = _weighted_sum_pass()
    # No copy: .grad holds the array the rule made, which the graph also records.
    assert w.grad._array is accumulate.grad
    assert mul.input_grads[0] is accumulate.grad
    close(w.grad, [2, 3, 4])


def _write_through_view(g):
    g[1:].fill_(7)


def _write_through_numpy(g):
    g.numpy()[0] = 7


@pytest.mark.parametrize(
    ("write", "expected"),
    [
        (lambda g: g.zero_(), [0, 0, 0]),
        (lambda g: g.add_(1), [3, 4, 5]),
        (lambda g: g.__iadd__(1), [3, 4, 5]),
        (lambda g: g.__setitem__(0, 9), [9, 3, 4]),
        (lambda g: g.data.zero_(), [0, 0, 0]),
        (lambda g: g.detach().mul_(2), [4, 6, 8]),
        (_write_through_view, [2, 7, 7]),
        (_write_through_numpy, [7, 3, 4]),
    ],
    ids=["zero_", "add_", "+=", "setitem", ".data", "detach", "view", "numpy"],
)
def test_writing_into_grad_changes_grad_but_not_the_record(write, expected):
    w, mul, accumulate = _weighted_sum_pass()
    write(w.grad)
    close(w.grad, expected)  # every alias still reaches .grad, as in PyTorch
    close(accumulate.grad, [2, 3, 4])  # the record of the pass is untouched
    close(mul.input_grads[0], [2, 3, 4])


def test_accumulating_a_second_pass_leaves_the_first_record():
    w, mul, _ = _weighted_sum_pass()
    grad = w.grad
    (w * 10).sum().backward()
    assert w.grad is grad  # the same tensor, as in PyTorch ...
    close(grad, [12, 13, 14])
    close(mul.input_grads[0], [2, 3, 4])  # ... but the first graph's record is kept


def test_two_leaves_given_one_array_do_not_share_writes():
    a, b = leaf(1.0, 2.0), leaf(3.0, 4.0)
    ((a + b) * torch.tensor([5.0, 6.0])).sum().backward()  # add passes one array to both
    a.grad.zero_()
    close(b.grad, [5, 6])
    b.grad.add_(1)
    close(a.grad, [0, 0])


def test_grad_never_keeps_memory_a_custom_function_returns():
    kept = torch.tensor([1.0, 2.0])

    returns_kept = identity_function(backward=lambda ctx, grad: kept)
    x = leaf(5.0, 5.0)
    returns_kept.apply(x).sum().backward()
    kept.add_(1)  # writing into the tensor backward returned
    close(x.grad, [1, 2])


def test_a_gradient_passed_on_to_a_leaf_and_a_function_is_not_shared():
    doubles_in_place = identity_function(backward=lambda ctx, grad: grad.mul_(2))  # into what it was given
    a, x = leaf(1.0, 1.0), leaf(1.0, 1.0)
    # add passes one gradient on to a (complete first: leaves run first) and to the Function
    ((a + doubles_in_place.apply(x)) * torch.tensor([3.0, 4.0])).sum().backward()
    close(a.grad, [3, 4])  # PyTorch's values: a's gradient was not the Function's to change
    close(x.grad, [6, 8])


# -- how .grad accumulates: leaves in place, non-leaves replaced ------------------------------


def _values(t):
    return None if t is None else t.detach().numpy().tolist()


def _retained_twice(m):
    x = m.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    y.retain_grad()
    z = (y * 3).sum()
    z.backward(retain_graph=True)
    first = y.grad
    z.backward()
    return {"y": _values(y.grad), "first": _values(first), "same": first is y.grad}


def _retained_and_inputs(m):
    x = m.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    y.retain_grad()
    (y * 3).sum().backward(inputs=[y])
    return {"y": _values(y.grad), "x": _values(x.grad)}


def _non_leaf_input_twice(m):
    x = m.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    z = (y * 3).sum()
    z.backward(inputs=[y], retain_graph=True)
    first = y.grad
    z.backward(inputs=[y])
    return {"y": _values(y.grad), "first": _values(first), "same": first is y.grad}


def _create_graph_then_plain(m):
    x = m.tensor([1.0, 2.0], requires_grad=True)
    (x * x).sum().backward(create_graph=True)
    first = x.grad
    (x * x).sum().backward()
    return {"x": _values(x.grad), "first": _values(first), "same": first is x.grad}


def _retained_given_to_a_function_that_writes(m):
    doubles_in_place = identity_function_in(m, backward=lambda ctx, grad: grad.mul_(2))
    x = m.tensor([1.0, 2.0], requires_grad=True)
    y = doubles_in_place.apply(x)
    y.retain_grad()
    (y * 3).sum().backward()
    return {"y": _values(y.grad), "x": _values(x.grad)}


def _grad_result_written_into(m):
    x = m.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    y.retain_grad()
    (g,) = m.autograd.grad((y * 3).sum(), [y])
    g.zero_()
    return {"y": _values(y.grad), "g": _values(g)}


def _leaf_grad_changed_after_saved(m):
    x = m.tensor([1.0, 2.0], requires_grad=True)
    (x * x).sum().backward()
    k = (m.tensor([1.0, 1.0], requires_grad=True) * x.grad).sum()  # saves x.grad
    (x * x).sum().backward()  # adds into x.grad in place: a new version
    try:
        k.backward()
    except RuntimeError as error:
        return {"error": str(error).split(":")[0]}
    return {"error": None}


def _captured_non_leaf_is_not_run(m):
    x = m.tensor([1.0, 2.0], requires_grad=True)
    y = x * x
    m.autograd.grad((y * 3).sum(), [y])
    y.sum().backward()  # y's node kept its saved values: it did not run
    return {"x": _values(x.grad)}


def _root_not_leading_to_inputs(m):
    x = m.tensor([1.0, 2.0], requires_grad=True)
    z = m.tensor([3.0, 4.0], requires_grad=True)
    a, b = (x * x).sum(), (z * 2).sum()
    b.retain_grad()
    m.autograd.backward([a, b], inputs=[x])
    return {"x": _values(x.grad), "z": _values(z.grad), "b": _values(b.grad)}


def _inputs_makes_a_non_leaf_retain(m):
    x = m.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    z = (y * 3).sum()
    z.backward(inputs=[y], retain_graph=True)
    z.backward()  # y keeps its gradient from now on, as after retain_grad()
    return {"y": _values(y.grad), "x": _values(x.grad)}


def _duplicate_roots(m):
    a, b = m.tensor([1.0, 2.0], requires_grad=True), m.tensor([3.0, 4.0], requires_grad=True)
    y = a * b
    m.autograd.backward([y, y.sum(), y], [m.ones(2), m.tensor(1.0), m.ones(2)])
    return {"a": _values(a.grad), "b": _values(b.grad)}


ACCUMULATION = [
    # A non-leaf's .grad is replaced by the sum: the first tensor keeps the first pass.
    (_retained_twice, {"y": [6.0, 6.0], "first": [3.0, 3.0], "same": False}),
    (_non_leaf_input_twice, {"y": [6.0, 6.0], "first": [3.0, 3.0], "same": False}),
    # retain_grad() and inputs=[y] store the same gradient once.
    (_retained_and_inputs, {"y": [3.0, 3.0], "x": None}),
    # A leaf's .grad is added into in place, even one a create_graph pass left.
    (_create_graph_then_plain, {"x": [4.0, 8.0], "first": [4.0, 8.0], "same": True}),
    # A non-leaf's .grad is a copy taken before its node runs: a Function writing into its input cannot change it.
    (_retained_given_to_a_function_that_writes, {"y": [3.0, 3.0], "x": [6.0, 6.0]}),
    (_grad_result_written_into, {"y": [3.0, 3.0], "g": [0.0, 0.0]}),
    # Adding into .grad is an in-place change that saved-tensor checks see.
    (
        _leaf_grad_changed_after_saved,
        {
            "error": "one of the variables needed for gradient computation has been modified by an inplace operation"
        },
    ),
    # Only what leads to the wanted gradients runs.
    (_captured_non_leaf_is_not_run, {"x": [2.0, 4.0]}),
    (_root_not_leading_to_inputs, {"x": [2.0, 4.0], "z": None, "b": None}),
    (_inputs_makes_a_non_leaf_retain, {"y": [6.0, 6.0], "x": [6.0, 6.0]}),
    (_duplicate_roots, {"a": [9.0, 12.0], "b": [3.0, 6.0]}),
]


@pytest.mark.parametrize(("scenario", "expected"), ACCUMULATION, ids=lambda v: getattr(v, "__name__", ""))
def test_grad_accumulates_as_in_pytorch(scenario, expected):
    assert scenario(torch) == expected


@pytest.mark.filterwarnings("ignore:Using backward\\(\\) with create_graph=True:UserWarning")
@pytest.mark.parametrize(("scenario", "expected"), ACCUMULATION, ids=lambda v: getattr(v, "__name__", ""))
def test_grad_accumulation_table_is_pytorchs(scenario, expected):
    real = pytest.importorskip("torch")
    assert scenario(real) == expected


def test_leaf_grad_keeps_the_leafs_dtype():
    x = leaf(1.0, 2.0)
    y = (x * torch.tensor([2.0, 3.0], dtype=torch.float64)).sum()
    assert y.dtype == torch.float64
    y.backward()
    assert x.grad.dtype == torch.float32
    close(x.grad, [2, 3])
