"""Broadcasting, stacking, splitting, index writes, cumulative and statistics functions (branch more_g).

Each case is one expression in PyTorch's API (``m`` is the module) run in
both libraries: its ``repr`` (values, dtype, ``grad_fn``), or its exception's
type and first line, must be PyTorch's; our errors add a hint.  ``grads(f,
*shapes)`` gives the gradients of ``f(*inputs).sum()`` (weighted, so that
every element counts differently) and ``chain(y)`` the node names of
``y``'s graph, first input first.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

torch_ref = pytest.importorskip("torch")

import autograd_lab as lab  # noqa: E402


def _inputs(m: Any, shapes: tuple) -> list:
    return [
        (m.arange(1, int(np.prod(s)) + 1, dtype=m.float64) * 0.5 + k).reshape(s).requires_grad_()
        for k, s in enumerate(shapes)
    ]


def _grads(m: Any) -> Any:
    def grads(f: Any, *shapes: tuple) -> tuple:
        xs = _inputs(m, shapes)
        out = f(*xs)
        outs = out if isinstance(out, tuple) else (out,)
        total = sum((o * m.arange(1, o.numel() + 1, dtype=o.dtype).reshape(o.shape)).sum() for o in outs)
        return m.autograd.grad(total, xs, allow_unused=True)

    return grads


def graph(y: Any) -> list:
    """Every node of ``y``'s graph, depth first, as (depth, name): the whole tree a composite records."""
    found: list = []

    def walk(node: Any, depth: int) -> None:
        if node is None:
            return
        found.append((depth, type(node).__name__))
        for child, _ in node.next_functions:
            walk(child, depth + 1)

    walk(y.grad_fn, 0)
    return found


def chain(y: Any) -> list:
    names, node = [], y.grad_fn
    while node is not None and type(node).__name__ != "AccumulateGrad":
        names.append(type(node).__name__)
        node = node.next_functions[0][0] if node.next_functions else None
    return names


V = "m.arange(3., requires_grad=True)"
M = "m.arange(6., requires_grad=True).view(2, 3)"
S = "m.tensor(1.5, requires_grad=True)"

CASES = {
    # -- 1. broadcasting, stacking and splitting --
    "broadcast_to": f"m.broadcast_to({V}, (2, 3))",
    "broadcast_to, same shape, records": f"m.broadcast_to({V}, (3,))",
    "broadcast_to method and -1": f"{V}.broadcast_to((2, -1))",
    "broadcast_to error": "m.broadcast_to(m.ones(3), (2, 4))",
    "broadcast_to grad": "grads(lambda x: x.broadcast_to(2, 2, 3), (1, 3))",
    "broadcast_tensors": f"m.broadcast_tensors({V}, m.ones(2, 1, requires_grad=True))",
    "broadcast_tensors grad": "grads(lambda a, b: m.broadcast_tensors(a, b), (3,), (2, 1))",
    "broadcast_tensors error": "m.broadcast_tensors(m.ones(3), m.ones(2))",
    "broadcast_shapes": "(m.broadcast_shapes((3,), (2, 1)), m.broadcast_shapes(3, (2, 3)), m.broadcast_shapes())",
    "broadcast_shapes error": "m.broadcast_shapes((3,), (2,))",
    "atleast_1d": f"(m.atleast_1d({S}), m.atleast_1d({S}, {V}), m.atleast_1d([{V}]))",
    "atleast_2d": f"(m.atleast_2d({S}), m.atleast_2d({V}), m.atleast_2d({M}))",
    "atleast_3d": f"(m.atleast_3d({S}), m.atleast_3d({V}), m.atleast_3d({M}), chain(m.atleast_3d({V})))",
    "atleast_1d error": "m.atleast_1d(1)",
    "hstack": f"(m.hstack([{V}, {V}]), m.hstack([{S}, {S}]), m.hstack([{M}, {M}]))",
    "hstack grad": "grads(lambda a, b: m.hstack([a, b]), (2, 3), (2, 1))",
    "hstack error": "m.hstack([])",
    "hstack of a tensor": "m.hstack(m.ones(2))",
    "vstack and row_stack": f"(m.vstack([{V}, {V}]), m.row_stack([{M}, {V}]), chain(m.vstack([{V}])))",
    "vstack grad": "grads(lambda a, b: m.vstack([a, b]), (3,), (2, 3))",
    "vstack error": "m.vstack([m.ones(2), m.ones(3)])",
    "row_stack error": "m.row_stack([])",
    "dstack": f"(m.dstack([{V}, {V}]), m.dstack([{M}, {M}]), m.dstack([{S}]))",
    "dstack grad": "grads(lambda a, b: m.dstack([a, b]), (3,), (1, 3))",
    "dstack error": "m.dstack([])",
    "column_stack": f"(m.column_stack([{V}, m.ones(3, 2)]), m.column_stack([{S}, {S}]), chain(m.column_stack([{V}])))",
    "column_stack grad": "grads(lambda a, b: m.column_stack([a, b]), (3,), (3, 2))",
    "column_stack error": "m.column_stack([])",
    "tensor_split sections": f"(m.tensor_split({V}, 2), m.tensor_split({V}, 5), m.tensor_split({V}, 1))",
    "tensor_split indices": f"(m.tensor_split({M}, [1, 2], dim=1), {V}.tensor_split([0, 3]), {V}.tensor_split((1,)))",
    "tensor_split tensor": f"({M}.tensor_split(m.tensor([1]), 1), m.tensor_split({V}, m.tensor(2)))",
    "tensor_split grad": "grads(lambda x: m.tensor_split(x, 3, dim=1), (2, 4))",
    "tensor_split error": "m.tensor_split(m.ones(3), 0)",
    "tensor_split by a float": "m.tensor_split(m.ones(3), 1.5)",
    "tensor_split of a number": "m.tensor_split(m.tensor(1.), 2)",
    "hsplit": f"(m.hsplit({M}, 3), m.hsplit({V}, [1]), {M}.hsplit([2]))",
    "hsplit error": "m.hsplit(m.ones(3, 3), 2)",
    "hsplit of a number": "m.hsplit(m.tensor(1.), 1)",
    "vsplit": f"(m.vsplit({M}, 2), {M}.vsplit([1]))",
    "vsplit error": "m.vsplit(m.ones(3), 1)",
    "dsplit": "(m.dsplit(m.arange(8.).view(2, 1, 4), 2), m.ones(1, 1, 3).dsplit([1]))",
    "dsplit error": "m.dsplit(m.ones(3, 3), 1)",
    "ravel": f"({M}.ravel(), m.ravel({M}.T), chain({M}.T.ravel()), {V}.ravel())",
    "ravel grad": "grads(lambda x: x.T.ravel(), (2, 3))",
    "ravel error": "m.ravel([1, 2])",
    # -- 2. index writes --
    "index_fill": f"({M}.index_fill(1, m.tensor([0, 2]), -1.), {M}.index_fill(0, m.tensor(1), m.tensor(5., requires_grad=True)))",
    "index_fill negative index": f"{M}.index_fill(1, m.tensor([-1]), 0)",
    "index_fill_": f"(lambda y: (y.index_fill_(1, m.tensor([0, 2]), 7), y))({M} * 1)",
    "index_fill grad": "grads(lambda x: x.index_fill(1, m.tensor([0, 2, 0]), -1.), (2, 3))",
    "index_fill tensor grad": "grads(lambda x, v: x.index_fill(1, m.tensor([0, 2, 0]), v), (2, 3), ())",
    "index_fill error": "m.ones(2, 3).index_fill(1, m.tensor([3]), 0)",
    "index_fill dtype error": "m.ones(2, 3).index_fill(1, m.tensor([0.]), 0)",
    "index_fill value error": "m.ones(2, 3).index_fill(1, m.tensor([0]), m.ones(2))",
    "index_fill index error": "m.ones(2, 3).index_fill(1, m.tensor([[0]]), 0)",
    "index_copy": f"({M}.index_copy(1, m.tensor([0, 2]), m.ones(2, 2, requires_grad=True)), m.index_copy({M}, 0, m.tensor([1]), m.ones(1, 3)))",
    "index_copy_": f"(lambda y: (y.index_copy_(0, m.tensor([1]), m.ones(1, 3)), y))({M} * 1)",
    "index_copy grad": "grads(lambda x, s: x.index_copy(1, m.tensor([2, 0]), s), (2, 3), (2, 2))",
    "index_copy error": "m.ones(2, 3).index_copy(1, m.tensor([0]), m.ones(2, 2))",
    "index_copy dtype error": "m.ones(2, 3).index_copy(1, m.tensor([0]), m.ones(2, 1, dtype=m.float64))",
    "index_put": f"({M}.index_put((m.tensor([0, 1]), m.tensor([2, 0])), m.tensor([9., 8.])), m.index_put({M}, [m.tensor([0])], m.tensor(1.)))",
    "index_put accumulate": f"{M}.index_put((m.tensor([0, 0]), m.tensor([2, 2])), m.tensor([9., 8.]), accumulate=True)",
    "index_put mask": f"{M}.index_put((m.tensor([True, False]),), m.tensor([1., 2., 3.]))",
    "index_put_": f"(lambda y: (y.index_put_((m.tensor([0]),), m.tensor(1.)), m.index_put_(y, (m.tensor([1]),), m.tensor(2.), True), y))({M} * 1)",
    "index_put grad": "grads(lambda x, v: x.index_put((m.tensor([0, 1]), m.tensor([2, 0])), v), (2, 3), (2,))",
    "index_put accumulate grad": "grads(lambda x, v: x.index_put((m.tensor([0, 0]),), v, accumulate=True), (2, 3), (3,))",
    "index_put error": "m.ones(2, 3).index_put((m.tensor([5]),), m.tensor(1.))",
    "index_put dtype error": "m.ones(2, 3).index_put((m.tensor([0]),), m.tensor(1))",
    "index_put shape error": "m.ones(2, 3).index_put((m.tensor([0]),), m.ones(2))",
    "put": f"({M}.put(m.tensor([0, 5]), m.tensor([9., 8.])), m.put({M}, m.tensor([0, 0]), m.tensor([9., 8.]), accumulate=True))",
    "put_": f"(lambda y: (y.put_(m.tensor([-1]), m.tensor([9.])), y))({M} * 1)",
    "put grad": "grads(lambda x, s: x.put(m.tensor([[4], [1]]), s), (2, 3), (2, 1))",
    "put accumulate grad": "grads(lambda x, s: x.put(m.tensor([1, 1]), s, accumulate=True), (2, 3), (2,))",
    "put error": "m.ones(2, 3).put(m.tensor([6]), m.tensor([1.]))",
    "put count error": "m.ones(2, 3).put(m.tensor([0, 1]), m.tensor([1.]))",
    "put dtype error": "m.ones(3).put(m.tensor([0.]), m.tensor([1.]))",
    "fill_diagonal_": f"(lambda y: (y.fill_diagonal_(0), chain(y)))({M} * 1)",
    "fill_diagonal_ wrap": "(m.zeros(5, 2).fill_diagonal_(1, wrap=True), m.zeros(7, 3).fill_diagonal_(1, wrap=True), m.zeros(7, 3).fill_diagonal_(2.5), m.zeros(2, 2, 2).fill_diagonal_(1), m.zeros(3, 2).fill_diagonal_(1, True))",
    "fill_diagonal_ grad": "grads(lambda x: (x * 1).fill_diagonal_(0), (3, 2))",
    "fill_diagonal_ wrap grad": "grads(lambda x: (x * 1).fill_diagonal_(0, wrap=True), (5, 2))",
    "fill_diagonal_ of a transposed tensor": "(lambda y: (y.fill_diagonal_(1, wrap=True), y))(m.zeros(2, 5).t())",
    "fill_diagonal_ error": "m.ones(3).fill_diagonal_(1)",
    "fill_diagonal_ lengths error": "m.ones(2, 3, 4).fill_diagonal_(1)",
    "fill_diagonal_ of a leaf": "m.ones(2, 2, requires_grad=True).fill_diagonal_(1)",
    # -- 3. running extremes and logcumsumexp --
    "cummax": "m.cummax(m.tensor([1., 3., 3., 2., 5., 5.], requires_grad=True), 0)",
    "cummin ties": "m.tensor([[4., 1., 1., 2.], [0., 0., -1., -1.]], requires_grad=True).cummin(dim=1)",
    "cummax and cummin with NaN": "(m.cummax(m.tensor([1., float('nan'), 3., float('nan')]), 0), m.cummin(m.tensor([1., float('nan'), 3.]), 0))",
    "cummax of a number, ints, empty": "(m.cummax(m.tensor(2., requires_grad=True), 0), m.cummax(m.tensor([[1, 3], [2, 0]]), 1), m.cummin(m.ones(0), 0))",
    "cummax fields": "(lambda r: (r.values, r.indices, type(r).__name__, r[1]))(m.cummax(m.tensor([2., 1., 4.]), -1))",
    "cummax grad with ties": "grads(lambda x: m.cummax(x.round(), 0).values, (6,))",
    "cummin grad": "grads(lambda x: m.cummin(-x * x, 1)[0], (2, 3))",
    "cummax error": "m.cummax(m.ones(2), 1)",
    "logcumsumexp": "(m.logcumsumexp(m.tensor([1., 3., 3., 2.], requires_grad=True), 0), m.tensor([[1., 2.], [3., 0.5]]).logcumsumexp(1))",
    "logcumsumexp with -inf and large": "(m.logcumsumexp(m.tensor([-float('inf'), -float('inf'), 1.]), 0), m.logcumsumexp(m.tensor([1000., 1000.]), 0))",
    "logcumsumexp of a number": "m.logcumsumexp(m.tensor(2., requires_grad=True), 0)",
    "logcumsumexp grad": "grads(lambda x: m.logcumsumexp(x, 1), (2, 3))",
    "logcumsumexp grad, mixed signs": "(lambda x: m.autograd.grad(m.logcumsumexp(x, 0), x, m.tensor([1., -2., 0.5])))(m.tensor([0.5, 800., -3.], requires_grad=True))",
    "logcumsumexp error": "m.logcumsumexp(m.tensor([1, 2]), 0)",
    "logcumsumexp of bools": "m.logcumsumexp(m.tensor([True]), 0)",
    # -- 4. statistics, integration, Vandermonde --
    "cov": f"(m.cov({M}), m.cov({M}, correction=0), m.cov({V}), {M}.cov())",
    "cov graph": f"(graph(m.cov({M})), graph(m.cov({V})))",
    "cov weights": f"(m.cov({M}, fweights=m.tensor([1, 2, 1])), m.cov({M}, aweights=m.tensor([0.5, 1., 2.])), m.cov({M}, fweights=m.tensor([1, 2, 1]), aweights=m.tensor([0.5, 1., 2.]), correction=2))",
    "cov weights graph": f"graph(m.cov({M}, fweights=m.tensor([1, 2, 1]), aweights=m.tensor([0.5, 1., 2.])))",
    "cov of ints": "m.cov(m.tensor([[1, 2, 4]]))",
    "cov grad": "grads(lambda x: m.cov(x * x), (2, 4))",
    "cov weights grad": "grads(lambda x, w: m.cov(x, aweights=w.exp(), correction=0), (3, 4), (4,))",
    "cov error": "m.cov(m.ones(2, 2, 2))",
    "cov fweights dtype error": "m.cov(m.ones(2, 3), fweights=m.tensor([1., 2., 3.]))",
    "cov fweights size error": "m.cov(m.ones(2, 3), fweights=m.tensor([1, 2]))",
    "cov aweights dtype error": "m.cov(m.ones(2, 3), aweights=m.tensor([1, 2, 3]))",
    "cov negative weights": "m.cov(m.ones(2, 3), fweights=m.tensor([1, -2, 3]))",
    "corrcoef": f"(m.corrcoef({M} * {M}), m.corrcoef(m.tensor([1., 2.])), m.tensor([[1., 2., 4.], [3., 1., 0.]]).corrcoef())",
    "corrcoef graph": f"graph(m.corrcoef({M} * {M}))",
    "corrcoef grad": "grads(lambda x: m.corrcoef((x * x).sin()), (3, 4))",
    "trapezoid": f"(m.trapezoid({V}), m.trapezoid({V}, dx=2.), m.trapezoid({V}, m.tensor([0., 1., 3.])), m.trapz({M}, dim=0), m.trapz({M}, dx=2))",
    "trapezoid graph": f"(graph(m.trapezoid({V})), graph(m.trapezoid({V}, m.tensor([0., 1., 3.]))))",
    "trapezoid of ints and empty": "(m.trapezoid(m.tensor([1, 2, 4])), m.trapezoid(m.ones(0)))",
    "trapezoid with x of y's shape": "m.trapezoid(m.tensor([[1., 2.], [3., 5.]]), m.tensor([[0., 1.], [2., 4.]]), dim=0)",
    "trapezoid grad": "grads(lambda y, x: m.trapezoid(y, x.cumsum(0), dim=0), (3, 2), (3,))",
    "trapezoid error": "m.trapezoid(m.ones(3), m.ones(2))",
    "cumulative_trapezoid": f"(m.cumulative_trapezoid({V}), m.cumulative_trapezoid({V}, m.tensor([0., 1., 3.])), m.cumulative_trapezoid({M}, dx=0.5, dim=0), m.cumulative_trapezoid(m.ones(1)))",
    "cumulative_trapezoid graph": f"(graph(m.cumulative_trapezoid({V})), graph(m.cumulative_trapezoid({V}, m.tensor([0., 1., 3.]))))",
    "cumulative_trapezoid grad": "grads(lambda y, x: m.cumulative_trapezoid(y, x.exp().cumsum(0)), (2, 3), (3,))",
    "cumulative_trapezoid error": "m.cumulative_trapezoid(m.ones(3), m.ones(4))",
    "vander": f"(m.vander({V}), m.vander({V}, N=2, increasing=True), m.vander(m.tensor([1, 2, 3])), m.vander(m.tensor([1., 2.]), N=0), m.vander(m.tensor([2.]), 4))",
    "vander graph": f"(graph(m.vander({V})), graph(m.vander({V}, increasing=True)))",
    "vander grad": "grads(lambda x: m.vander(x, N=2), (3,))",
    "vander grad fails as in PyTorch": "grads(lambda x: m.vander(x, N=4), (3,))",
    "vander error": "m.vander(m.ones(2, 2))",
    "vander N error": "m.vander(m.ones(2), N=-1)",
}


def outcome(m: Any, code: str) -> str:
    try:
        return repr(eval(code, {"m": m, "np": np, "grads": _grads(m), "chain": chain, "graph": graph}))  # noqa: S307 - our own table
    except Exception as error:
        text = str(error)
        if m is lab:
            assert " Hint: " in text, f"our error has no hint: {text}"
        text = text.split(" Hint: ")[0]  # PyTorch's own hints (anomaly detection) too
        return f"{type(error).__name__}: {text.splitlines()[0] if text else text}"


@pytest.mark.parametrize("code", CASES.values(), ids=CASES.keys())
def test_as_pytorch(code: str) -> None:
    assert outcome(lab, code) == outcome(torch_ref, code)


def _warnings_of(m: Any, code: str) -> list[str]:
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value = eval(code, {"m": m})  # noqa: S307 - our own table
    return [repr(value)] + [
        f"{w.category.__name__}: {str(w.message).split(' Hint: ')[0].split(' (Triggered')[0]}" for w in caught
    ]


@pytest.mark.parametrize(
    "code", ["m.cov(m.tensor([1.]))", "m.cov(m.ones(2, 2), correction=2)", "m.corrcoef(m.ones(2, 1))"]
)
def test_warnings_as_pytorch(code: str) -> None:
    assert _warnings_of(lab, code) == _warnings_of(torch_ref, code)
