"""Session 22's finds (its own probes and scouts T and U: a Chinese textbook, PyTorch's notes, d2l-en),
held against PyTorch."""

from __future__ import annotations

import numpy as np
import pytest
import twins

import autograd_lab as lab

torch = pytest.importorskip("torch")


def second(m, function, values=(-1.0, 0.5, 2.0)) -> tuple:
    """The recorded gradient's node name, and the second derivative of ``function(x).sum()``."""
    x = m.tensor(values, requires_grad=True)
    (g,) = m.autograd.grad(function(x).sum(), x, create_graph=True)
    (h,) = m.autograd.grad(g.sum(), x)
    return g.grad_fn.name(), h


def third(m, function, values=(-1.0, 0.5, 2.0)) -> tuple:
    """The second derivative's node name, and the third derivative of ``function(x).sum()``."""
    x = m.tensor(values, requires_grad=True)
    (g,) = m.autograd.grad(function(x).sum(), x, create_graph=True)
    (h,) = m.autograd.grad(g.sum(), x, create_graph=True)
    (k,) = m.autograd.grad(h.sum(), x)
    return h.grad_fn.name(), k


def reloaded(m, tensors: list, path=None) -> list:
    """``tensors`` saved together and loaded back (through a file PyTorch wrote, for ``path``), then the first
    doubled in place: each loaded tensor, its strides, offset and memory's size."""
    import io
    import warnings

    buffer = io.BytesIO()
    if path is None:
        m.save(tensors, buffer)
        buffer.seek(0)
    loaded = m.load(path or buffer)
    loaded[0].mul_(2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # (TypedStorage is deprecated)
        return [(t, t.stride(), t.storage_offset(), t.is_contiguous(), t.storage().size()) for t in loaded]


def outcome(m, code: str) -> tuple:
    names = {"np": np, "second": second, "third": third, "reloaded": reloaded, "F": m.nn.functional}
    return twins.outcome(m, code, names)


CASES = [
    # the dtype an error names
    "m.tensor([1, 2], dtype=m.uint8).mean()",
    "m.tensor([1, 2], dtype=m.int32).mean()",
    "m.tensor([1, 2], dtype=m.int16).mean(dim=0)",
    "m.tensor([True]).mean()",
    # σ of bool and integer tensors: of the default float dtype
    "m.sigmoid(m.tensor([True, False]))",
    "m.nn.functional.sigmoid(m.tensor([True, False]))",
    "m.sigmoid(m.tensor([0, 1, -2]))",
    "m.tensor([0, 3]).sigmoid()",
    # the *_with_indices poolings
    "m.nn.functional.max_pool1d_with_indices(m.tensor([[[1.0, 3.0, 2.0, 0.0, 5.0]]]), 2)",
    "m.nn.functional.max_pool2d_with_indices(m.arange(16.0).reshape(1, 1, 4, 4), 2)",
    "m.nn.functional.max_pool2d_with_indices(m.arange(16.0).reshape(1, 1, 4, 4), 3, 1, 1, 1, False, False)",
    "m.nn.functional.max_pool2d_with_indices(m.arange(16.0).reshape(1, 1, 4, 4), 2, return_indices=False)",
    "m.nn.functional.max_pool3d_with_indices(m.arange(27.0).reshape(1, 1, 3, 3, 3), 2, stride=1)",
    "m.nn.functional.adaptive_max_pool1d_with_indices(m.tensor([[[1.0, 3.0, 2.0, 0.0, 5.0]]]), 2)",
    "m.nn.functional.adaptive_max_pool2d_with_indices(m.arange(16.0).reshape(1, 1, 4, 4), (2, 3))",
    "m.nn.functional.adaptive_max_pool3d_with_indices(m.arange(27.0).reshape(1, 1, 3, 3, 3), 2)",
    # one-state cells refuse a tuple or list of states
    "m.nn.GRUCell(2, 3)(m.ones(1, 2), (m.zeros(1, 3),))",
    "m.nn.RNNCell(2, 3)(m.ones(1, 2), [m.zeros(1, 3)])",
    # batch norm of float16 stays float16
    "m.nn.functional.batch_norm(m.ones(2, 3, dtype=m.float16), None, None, training=True).dtype",
    "m.nn.functional.batch_norm(m.arange(6.0).reshape(2, 3).half(), None, None, training=True)",
    "m.nn.BatchNorm1d(3).half()(m.arange(6.0).reshape(2, 3).half()).dtype",
    # second derivatives through activations whose slope is constant piecewise: 0, and recorded
    "second(m, F.leaky_relu)",
    "second(m, lambda t: F.leaky_relu(t, 0.2))",
    "second(m, lambda t: F.leaky_relu(t * 1.0, 0.2, inplace=True))",
    "second(m, F.hardtanh)",
    "second(m, F.relu6, (-1.0, 3.0, 6.0))",
    "second(m, lambda t: m.nn.Hardtanh(-0.5, 1.5)(t), (-0.5, 1.0, 1.5))",
    "second(m, lambda t: F.leaky_relu(t, 0.1) ** 2)",
    "second(m, lambda t: F.hardtanh(t * 3) * t)",
    "second(m, lambda t: F.leaky_relu(t, 0.1), (float('nan'), 0.0, -0.0))",
    "m.autograd.grad(F.hardtanh(x := m.tensor([float('nan'), -1.0, 0.5, 1.0], requires_grad=True)).sum(), x)",
    "m.autograd.grad(F.relu6(x := m.tensor([float('nan'), 0.0, 3.0, 6.0], requires_grad=True)).sum(), x)",
    # torch.save keeps views: tensors saved together share their memory again (PyTorch's serialization notes)
    "reloaded(m, [(n := m.arange(1, 10)), n[1::2]])",
    "reloaded(m, [(n := m.arange(1, 1000)), n[:5].clone(), n[:5]])",
    "reloaded(m, [(t := m.arange(6.0)), t.view(2, 3).t(), t[1:], t.view(3, 2)[1]])",
    "reloaded(m, [m.arange(10)[2:8:3]])",
    "reloaded(m, [m.ones(2, 3), m.ones(3).expand(2, 3)])",
    "reloaded(m, [m.zeros(()), m.tensor(3), m.empty(0)])",
    "reloaded(m, [(p := m.nn.Parameter(m.ones(2))), p[:1]])",
    "reloaded(m, [(e := m.ones(3).expand(2, 3)), e])[1]",
    "reloaded(m, [m.ones(3), m.ones(3).expand(2, 3)])[1][0].add_(1)",
    # a lazy layer's parameters before the first call: the message names the method (d2l's lazy-init)
    "sum(p.numel() for p in m.nn.Sequential(m.nn.LazyLinear(4), m.nn.ReLU(), m.nn.LazyLinear(2)).parameters())",
    "m.nn.LazyLinear(3).weight.mean()",
    "m.nn.LazyLinear(3).weight * 2",
    "m.nn.LazyLinear(3).weight.sum()",
    "m.nn.LazyLinear(3).weight.clone()",
    # torch.bernoulli(p) fills a new tensor row by row, whatever p's layout (distributions.Bernoulli(p).sample)
    "(m.manual_seed(0), m.bernoulli(m.tensor([0.3, 0.9]).expand(4, 2)))[1]",
    "(m.manual_seed(0), m.bernoulli(m.full((2, 4), 0.5).t()))[1]",
    "(m.manual_seed(0), m.bernoulli(m.tensor([0.3, 0.9], dtype=m.float64).expand(4, 2)))[1]",
    "(m.manual_seed(0), m.distributions.Bernoulli(probs=m.tensor([0.3, 0.9])).sample((4,)))[1]",
    "(m.manual_seed(0), m.full((2, 4), 0.5).t().bernoulli_(m.tensor([0.3, 0.9])))[1]",
    "(m.manual_seed(0), m.full((4, 2), 0.5).bernoulli_(m.tensor([0.3, 0.9])))[1]",
    # what PyTorch records and cannot differentiate: a NotImplemented node, whose backward raises
    "(lambda a: (a // 2, (a // 2).grad_fn.name()))(m.tensor([4.0, 3.0], requires_grad=True))",
    "(lambda a: (a // 2 + a).sum().backward())(m.tensor([4.0, 3.0], requires_grad=True))",
    "(lambda a: m.floor_divide(a, m.tensor([2.0, 2.0])).sum().backward())(m.tensor([4.0, 3.0], requires_grad=True))",
    "(lambda a: (5 % a, (5 % a).sum().backward()))(m.tensor([4.0, 3.0], requires_grad=True))",
    "(lambda a: m.heaviside(a, m.tensor(0.5)))(m.tensor([4.0, 0.0], requires_grad=True))",
    "(lambda a: m.heaviside(a, m.tensor(0.5)).sum().backward())(m.tensor([4.0, 0.0], requires_grad=True))",
    "(lambda a: (a // 2, a % 2, a.heaviside(m.tensor(0.5))))(m.tensor([4.0, 3.0]))",
    "m.tensor([7, -7]) // 2",
    # gradients at a NaN, as PyTorch's formulas give them (scout W)
    "(lambda n: (n.nanmean().backward(), n.grad))(m.tensor([float('nan')], requires_grad=True))[1]",
    "(lambda n: (n.nansum().backward(), n.grad))(m.tensor([float('nan'), 1.0], requires_grad=True))[1]",
    "(lambda x: (m.aminmax(x).min.backward(), x.grad))(m.tensor([1.0, -3.0, 5.0, float('nan')], requires_grad=True))[1]",
    "(lambda x: (x.amin().backward(), x.grad))(m.tensor([1.0, -3.0, 5.0, float('nan')], requires_grad=True))[1]",
    "(lambda x: (x.amax(0).sum().backward(), x.grad))(m.tensor([[1.0, float('nan')], [2.0, 0.0]], requires_grad=True))[1]",
    "(lambda x: ((-x.amax()).backward(), x.grad))(m.tensor([1.0, 3.0, 3.0], requires_grad=True))[1]",
    "(lambda x: ((-x.max()).backward(), x.grad))(m.tensor([1.0, 3.0, 3.0], requires_grad=True))[1]",
    "(lambda x, y: m.dist(x, y, 0).backward())(m.tensor([1.0, 2.0], requires_grad=True), m.tensor([0.0, 5.0], requires_grad=True))",
    "(lambda x: (m.dist(x, m.zeros(2), 0).backward(), x.grad))(m.tensor([1.0, 2.0], requires_grad=True))[1]",
    # the in-place products of PyTorch's docstrings
    "(lambda x: (x.addmm_(m.eye(2), m.ones(2, 3), beta=0.5, alpha=2), x._version))(m.arange(6.0).view(2, 3))",
    "m.ones(2).addmv_(m.arange(4.0).view(2, 2), m.ones(2))",
    "m.ones(2, 3).addbmm_(m.ones(4, 2, 5), m.ones(4, 5, 3))",
    "m.ones(4, 2, 3).baddbmm_(m.ones(4, 2, 5), m.ones(4, 5, 3), alpha=0.5)[0]",
    "(lambda w: (m.ones(2, 3).addmm_(m.eye(2), w).sum().backward(), w.grad))(m.ones(2, 3, requires_grad=True))[1]",
    "m.ones(2, 3, requires_grad=True).addmm_(m.eye(2), m.ones(2, 3))",
    # out= where PyTorch takes it (or refuses it)
    "(lambda r: (m.flip(m.arange(4.0), [0], out=r), r))(m.empty(0))",
    "(lambda r: (m.max(m.arange(4.0), out=r), r))(m.empty(0))",
    "(lambda r: (m.min(m.arange(4.0).view(2, 2), out=r), r))(m.empty(0))",
    "(lambda r: (m.trunc(m.tensor([1.5, -2.5]), out=r), r))(m.empty(0))",
    "(lambda r: (m.max(m.arange(4.0).view(2, 2), 0, out=r), r))((m.empty(0), m.empty(0, dtype=m.long)))",
    # pytorch/examples' GCN: spmm of dense tensors is mm
    "m.spmm(m.eye(2), m.ones(2, 3))",
    "(lambda a: (m.spmm(a, m.ones(2, 2)).sum().backward(), a.grad))(m.eye(2, requires_grad=True))[1]",
    "m.ones(2).to_dense()",
    "m.ones(2).to_dense(m.float64)",
    # "Deep Learning with PyTorch"'s one-hot cells with a student's slip (scout Y)
    "m.zeros(5, 10).scatter_(1, m.tensor([6, 6, 5, 7, 6]), 1.0)",
    "m.zeros(5, 10).scatter(1, m.tensor([6, 6, 5, 7, 6]), m.ones(5, 10))",
    "m.zeros(5, 10).scatter_add(1, m.tensor([6, 6, 5, 7, 6]), m.ones(5, 10))",
    "m.zeros(5, 10).gather(1, m.tensor([6, 6, 5, 7, 6]))",
    "m.zeros(5, 10).scatter_(1, m.tensor([[6], [6], [5]]), m.ones(5))",
    "m.zeros(5, 10).scatter_(1, m.tensor([[16], [16], [15], [17], [16]]), 1.0)",
    "m.zeros(5, 10).scatter_(1, m.tensor([[3], [12], [11]]), 1.0)",
    "m.zeros(5, 10).gather(1, m.tensor([[-11], [12]]))",
    "m.zeros(5, 10).scatter_(1, m.tensor([[6], [6], [5], [7], [6]]), 1.0)",
    # storages and set_ (PyTorch's serialization notes)
    "m.ones(3).untyped_storage()",
    "(lambda s: (s.nbytes(), s.size(), len(s), s[2], s.tolist(), s.device))(m.arange(4)[1:].untyped_storage())",
    "(lambda a: a[2:].untyped_storage().data_ptr() == a.untyped_storage().data_ptr())(m.arange(4.0))",
    "(lambda t, u: (t.set_(u) is t, u.fill_(7), t, t._version, t.data_ptr() == u.data_ptr()))(m.zeros(2), m.arange(3.0))",
    "m.zeros(2).set_(m.arange(6.0).untyped_storage())",
    "m.zeros(2).set_(m.arange(6.0).untyped_storage(), 2, (2, 2), (1, 2))",
    "m.zeros(2).set_(m.arange(6.0), 1, (2, 2))",
    "m.zeros(2).set_(m.arange(6))",
    "m.zeros(2).set_()",
    "m.zeros(2, requires_grad=True).set_(m.ones(3))",
    "m.use_deterministic_algorithms('yes')",
    "m.use_deterministic_algorithms(1)",
    # σ's and tanh's recorded backward passes: PyTorch's nodes, to the third derivative
    "second(m, m.sigmoid)",
    "second(m, m.tanh)",
    "second(m, m.nn.Sigmoid())",
    "second(m, lambda t: m.nn.Tanh()(t) * t)",
    "second(m, lambda t: F.sigmoid(t.double()))",
    "third(m, m.sigmoid)",
    "third(m, m.tanh)",
    "third(m, lambda t: m.tanh(m.sigmoid(t)))",
    # ... and where a loss changes from squares to straight lines: PyTorch's double backward counts |d| = β as
    # straight (0), where clamp's slope would be 1
    "second(m, lambda t: F.smooth_l1_loss(t, m.zeros(3)))[1]",
    "second(m, lambda t: F.smooth_l1_loss(t, m.zeros(3), beta=0.5), (-0.5, 0.25, 0.5))[1]",
    "second(m, lambda t: F.huber_loss(t, m.zeros(3), delta=0.5), (-0.5, 0.25, 0.5))[1]",
    "second(m, lambda t: F.huber_loss(t, m.ones(3), reduction='sum'), (0.0, 1.5, 2.0))[1]",
    "second(m, lambda t: m.nn.SmoothL1Loss()(t, m.zeros(3)), (1.0, 0.99, 1.01))[1]",
]


@pytest.mark.parametrize("code", CASES)
def test_as_pytorch(code: str) -> None:
    assert outcome(lab, code) == outcome(torch, code)


def test_a_file_pytorch_saved_loads_its_views_sharing_memory(tmp_path) -> None:
    path = str(tmp_path / "views.pt")
    numbers = torch.arange(1, 10)
    torch.save([numbers, numbers[1::2], torch.ones(3).expand(2, 3), torch.arange(6.0).view(2, 3).t()], path)
    code = "reloaded(m, None, path)"
    names = {"reloaded": reloaded, "path": path}
    assert twins.outcome(lab, code, names) == twins.outcome(torch, code, names)


def _through_an_expanded_base(m) -> object:
    """An in-place change with a gradient, on a view of a detached expand: PyTorch's backward copies the gradient
    into memory laid out as that base, whose elements overlap, and refuses."""
    t0 = m.ones(2, 3, requires_grad=True) * 1
    with m.no_grad():
        base = t0.unsqueeze(0).expand(2, 2, 3).detach()
    view = base[-2]
    view.sub_(m.tensor(0.75, requires_grad=True))
    (view * 1.0).sum().backward()
    return view


def test_backward_through_a_view_of_an_expanded_base_is_refused() -> None:
    assert twins.outcome(lab, "go(m)", {"go": _through_an_expanded_base}) == twins.outcome(
        torch, "go(m)", {"go": _through_an_expanded_base}
    )


def _functions(m) -> dict:
    """Custom Functions whose outputs are views of their input (PyTorch's extending notes)."""

    class Id(m.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x.view_as(x)

        @staticmethod
        def backward(ctx, g):
            return g * 100

    class Same(m.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x

        @staticmethod
        def backward(ctx, g):
            return g * 100

    class Two(m.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x[:1], x * 2

        @staticmethod
        def backward(ctx, g1, g2):
            return g2 * 2

    return {"Id": Id, "Same": Same, "Two": Two}


def _changed_in_place(m, name: str, k: int = 0, base_changed: bool = False) -> object:
    a = m.ones(2, requires_grad=True)
    start = a * 1
    out = _functions(m)[name].apply(start)
    out = out[k] if isinstance(out, tuple) else out
    if base_changed:
        start.mul_(2)
    else:
        out.mul_(2)
    out.sum().backward()
    return a.grad


FUNCTION_CASES = [
    "go(m, 'Id')",
    "go(m, 'Same')",
    "go(m, 'Two', 0)",
    "go(m, 'Two', 1)",
    "go(m, 'Id', base_changed=True)",
    "go(m, 'Same', base_changed=True)",
    "(lambda z: (z._base is not None, z.grad_fn.name()))(functions(m)['Id'].apply(m.ones(2, requires_grad=True)))",
    "(lambda z: z.mul_(2))(functions(m)['Id'].apply(m.ones(2)))",
]


@pytest.mark.parametrize("code", FUNCTION_CASES)
def test_a_custom_functions_view_output_is_not_changed_in_place(code: str) -> None:
    names = {"go": _changed_in_place, "functions": _functions}
    assert twins.outcome(lab, code, names) == twins.outcome(torch, code, names)


def _numpy_trouble(m) -> list:
    """Overflow, 0/0 and log(0), in ops, a backward pass and an optimizer step: inf and nan, silently."""
    x = m.tensor([0.0], requires_grad=True)
    x.log().sum().backward()
    p = m.nn.Parameter(m.tensor([1e38]))
    optimizer = m.optim.Adam([p])
    (p * 1e10).sum().backward()
    optimizer.step()
    return [
        m.tensor([0.0]).log(),
        m.tensor([1e20, 1e20]).norm(),
        m.tensor([0.0]) / 0,
        m.tensor([3e38, 3e38]).sum(),
        m.full((2, 2), 1e20) @ m.full((2, 2), 1e20),
        m.tensor([1e300], dtype=m.float64).float(),
        x.grad,
        p,
    ]


@pytest.mark.parametrize("action", ["error", "always", "default", "once"])
def test_numpy_warnings_stay_inside_even_after_the_students_filter(action: str) -> None:
    import warnings

    def run(m) -> tuple:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter(action)
            try:
                values = repr(_numpy_trouble(m))
            except Exception as error:  # noqa: BLE001 - the outcome compared
                values = f"{type(error).__name__}: {error}"
            own = len(caught)
            try:
                np.log(np.zeros(1))  # the student's own NumPy still warns (or raises, under "error")
                theirs = len(caught) - own
            except RuntimeWarning:
                theirs = "raised"
        return values, own, theirs

    assert run(lab) == run(torch)


def _scalar_tensor(m) -> type:
    """PyTorch's notes' ScalarTensor ("Extending torch with a Tensor-like type"), for the module ``m``."""
    import functools

    handled = {}

    class ScalarTensor:
        def __init__(self, n, value):
            self._n, self._value = n, value

        def __repr__(self):
            return f"ScalarTensor(N={self._n}, value={self._value})"

        def tensor(self):
            return self._value * m.eye(self._n)

        @classmethod
        def __torch_function__(cls, func, types, args=(), kwargs=None):
            if func not in handled or not all(issubclass(t, (m.Tensor, ScalarTensor)) for t in types):
                return NotImplemented
            return handled[func](*args, **(kwargs or {}))

    def implements(torch_function):
        def decorator(func):
            functools.update_wrapper(func, torch_function)
            handled[torch_function] = func
            return func

        return decorator

    @implements(m.mean)
    def mean(input):
        return float(input._value) / input._n

    @implements(m.add)
    def add(input, other):
        if isinstance(input, ScalarTensor) and isinstance(other, ScalarTensor):
            return ScalarTensor(input._n, input._value + other._value)
        as_tensor = [x.tensor() if isinstance(x, ScalarTensor) else x for x in (input, other)]
        return m.add(*as_tensor)

    return ScalarTensor


TORCH_FUNCTION_CASES = [
    "m.mean(S(5, 2))",
    "m.add(S(2, 2), S(2, 2))",
    "m.add(S(2, 2), m.ones(2, 2))",
    "m.add(m.ones(2, 2), S(2, 2))",
    "m.mul(S(2, 2), 3)",
    "m.exp(S(2, 2))",
    "m.mean(input=S(5, 2))",
]


@pytest.mark.parametrize("code", TORCH_FUNCTION_CASES)
def test_the_torch_function_protocol_of_pytorchs_notes(code: str) -> None:
    assert twins.outcome(lab, code, {"S": _scalar_tensor(lab)}) == twins.outcome(
        torch, code, {"S": _scalar_tensor(torch)}
    )


def test_too_many_workers_are_warned_of_when_made_and_when_first_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """d2l-en's loaders: PyTorch warns from two lines of its dataloader.py (making a loader, then its iterator),
    so a student sees the warning twice, and then no more."""

    def loaders_read_twice(m, data):
        for _ in range(2):
            loader = m.utils.data.DataLoader(data, batch_size=4, num_workers=4)
            for _ in range(2):
                list(loader)

    counts = twins.worker_warnings(monkeypatch, loaders_read_twice)
    assert counts[0] == counts[1] and len(counts[0]) == 2


# Layouts that decide whether .view() works (scout W: PyTorch's docstring examples, then variants of them).
LAYOUTS = [
    "c[:, [2, 0]]",
    "c[..., [2, 0]]",
    "c[:, m.tensor([True, False, True])]",
    "c[:, :, m.tensor([3, 1])]",
    "c[0, :, m.tensor([3, 1])]",
    "c[:, [0, 1], [1, 2]]",
    "c.mT[:, [1, 0]]",
    "c[[1, 0]]",
    "c[c > 3]",
    "c.norm(p=1, dim=2)",
    "m.linalg.vector_norm(c, ord=1, dim=1)",
    "m.linalg.vector_norm(c.mT, ord=1, dim=1)",
    "c.cummax(1).values",
    "c.cummax(1).indices",
    "c.cummin(2)[0]",
    "c.mT.cummax(2).values",
    "c.mT.cumsum(1)",
    "c.mT.cumprod(2)",
    "c.mT.logcumsumexp(1)",
    "m.rot90(c, 1, [0, 1])",
    "m.rot90(c, 2, [0, 1])",
    "m.rot90(c, 3, [1, 2])",
    "m.rot90(c.mT, 1, [0, 1])",
    "m.rot90(c, -1, [0, 1])",
    "m.rot90(c, 4, [0, 1])",
    "c.mT.sort(-1).values",
    "c.mT.sort(-1).indices",
    "c.mT.sort(dim=1, stable=True).values",
    "c.mT.argsort(-1)",
    "c.sort(0).values",
    "c[:, :2].sort(-1).values",
    "c.mT.topk(2, -1).values",
]


@pytest.mark.parametrize("code", LAYOUTS)
def test_results_are_laid_out_as_pytorchs(code: str) -> None:
    def layout(m) -> tuple:
        c = m.arange(24.0).view(2, 3, 4)
        out = eval(code, {"m": m, "c": c})  # noqa: S307 - the table above
        try:
            viewed = tuple(out.view(-1).shape)
        except RuntimeError as error:
            viewed = str(error).split(" Hint: ")[0]
        return out.stride(), out.is_contiguous(), viewed, out.tolist()

    ours, theirs = layout(lab), layout(torch)
    assert ours[:3] == theirs[:3]
    np.testing.assert_allclose(ours[3], theirs[3], rtol=1e-6)  # (the values, to float32's rounding)


def test_rot90_gradient_turns_back() -> None:
    for k in range(-2, 5):
        grads = []
        for m in (lab, torch):
            x = m.arange(6.0).view(2, 3).requires_grad_()
            (m.rot90(x, k) * m.arange(6.0).view(*((3, 2) if k % 2 else (2, 3)))).sum().backward()
            grads.append(x.grad.tolist())
        assert grads[0] == grads[1], k


@pytest.mark.parametrize(
    "code",
    [
        "m.inner(a, m.tensor(2))",
        "a * m.tensor(2)",
        "a / m.tensor(2)",
        "a * m.tensor([2, 2, 2])",
        "a * 2",
        "a + m.tensor(2)",
    ],
)
def test_a_leafs_gradient_has_its_dtype_in_grad_and_in_its_hooks(code: str) -> None:
    """A float32 leaf times an integer tensor: NumPy's product of the gradient is float64; PyTorch's engine casts
    it to the leaf's dtype before the hooks and ``autograd.grad`` see it."""

    def seen(m) -> list:
        a = m.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
        hooked = []
        a.register_hook(lambda g: hooked.append(g.dtype))
        out = eval(code, {"m": m, "a": a})  # noqa: S307 - the table above
        (grad,) = m.autograd.grad(out.sum(), a, retain_graph=True)
        out.sum().backward()
        return [str(grad.dtype), str(a.grad.dtype), [str(d) for d in hooked], grad.tolist()]

    assert seen(lab) == seen(torch)


def _deep_copies(m) -> list:
    """copy.deepcopy of tensors, as PyTorch's: a copied leaf is a leaf of its own (its gradients never reach the
    original, even while a graph of the original's is alive), views copied together share memory, and a
    computed tensor (a pruned module's weight) is refused."""
    import copy

    x = m.ones(2, requires_grad=True)
    pending = (x * 2).sum()  # (the original's graph alive while the copy is used)
    copied = copy.deepcopy(x)
    (copied * 3).sum().backward()
    shown = [x.grad, copied.grad]
    pending.backward()
    shown += [x.grad, copied.grad]
    x.grad, x.note = m.tensor([5.0, 5.0]), [1]
    again = copy.deepcopy(x)
    shown += [again.grad, again.grad is x.grad, again.note, again.note is x.note]
    base = m.arange(6.0)
    pair = copy.deepcopy([base, base[2:].view(2, 2)])
    pair[0].add_(10)
    shown += [pair[1], pair[1].storage_offset(), pair[1].stride()]
    shown.append(copy.deepcopy(m.ones(3)[1:]).storage_offset())
    try:
        copy.deepcopy(x[:1])
    except RuntimeError as error:
        shown.append(str(error).split(" Hint: ")[0])
    import importlib

    layer = m.nn.Linear(3, 2)
    importlib.import_module(f"{m.__name__}.nn.utils.prune").l1_unstructured(layer, "weight", 0.5)
    try:
        copy.deepcopy(layer)
    except RuntimeError as error:
        shown.append(str(error).split(" Hint: ")[0])
    model = m.nn.Sequential(m.nn.Linear(2, 2), m.nn.BatchNorm1d(2))
    twin = copy.deepcopy(model)
    shown.append(
        [type(p).__name__ for p in twin.parameters()]
        + [b is not c for b, c in zip(model.buffers(), twin.buffers(), strict=True)]
    )
    return [repr(item) for item in shown]


def test_deepcopy_as_pytorchs() -> None:
    assert _deep_copies(lab) == _deep_copies(torch)


def _backward_inside(m, transform: str) -> list:
    """A student's loss.backward() inside torch.func.grad (or vmap): refused, and nothing accumulated."""
    w = m.ones(2, requires_grad=True)

    def f(v):
        loss = (v * w).sum()
        loss.backward()
        return loss

    try:
        getattr(m.func, transform)(f)(m.ones(2) if transform == "grad" else m.ones(3, 2))
        said = "ran"
    except RuntimeError as error:
        said = str(error).split(" Hint: ")[0]
    return [said, repr(w.grad)]


@pytest.mark.parametrize("transform", ["grad", "vmap"])
def test_backward_inside_a_function_transform_is_refused(transform: str) -> None:
    assert _backward_inside(lab, transform) == _backward_inside(torch, transform)


# Python's own errors and reprs (no hint of ours), compared whole.
PLAIN = [
    "type(m.arange(4.0).view(2, 2).max(0))",
    "type(m.arange(4.0).sort())",
    "m.ones(2).logical_and(m.ones(2), out=m.empty(0))",
]


@pytest.mark.parametrize("code", PLAIN)
def test_pythons_own_words_as_with_pytorch(code: str) -> None:
    assert twins.plain_outcome(lab, code) == twins.plain_outcome(torch, code)


def test_sparse_tensors_are_refused_in_words_that_say_so() -> None:
    """PyTorch makes them; this library has none, and says so (it was an AttributeError suggesting is_sparse)."""
    for make in (lambda: lab.ones(2).to_sparse(), lambda: lab.sparse_coo_tensor([[0]], [1.0], (2,))):
        with pytest.raises(TypeError, match="autograd_lab has no sparse tensors"):
            make()


def _pickled(m) -> list:
    """pickle (not torch.save) of tensors that were in a graph: each with its memory, and its attributes."""
    import pickle

    x = m.ones(2, requires_grad=True)
    (x * 2).sum().backward()
    x.note = "kept"
    back = pickle.loads(pickle.dumps(x))
    part = pickle.loads(pickle.dumps(m.ones(3)[1:]))
    base = m.arange(6.0)
    pair = pickle.loads(pickle.dumps([base, base.view(2, 3).t()]))
    pair[0].add_(10)  # (pickle gives each tensor its own memory, as PyTorch's)
    layer = m.nn.Linear(2, 1)
    layer(m.ones(1, 2)).sum().backward()
    twin = pickle.loads(pickle.dumps(layer))
    return [
        repr(v) for v in (back, back.grad, back.note, part, part.stride(), part.storage_offset(), pair[1])
    ] + [
        type(twin.weight).__name__,
        repr(twin.weight.grad),
    ]


def test_pickle_of_tensors_as_pytorchs() -> None:
    assert _pickled(lab) == _pickled(torch)


def test_torch_load_refuses_a_numpy_array_unless_weights_only_is_false(tmp_path) -> None:
    """pytorch/examples' time_sequence_prediction saves a NumPy array: PyTorch 2.13's load refuses it."""
    import pickle

    path = str(tmp_path / "data.pt")
    outcomes = []
    for m in (lab, torch):
        m.save([m.arange(3.0), np.arange(3.0)], path)
        with pytest.raises(pickle.UnpicklingError, match="Weights only load failed"):
            m.load(path)
        outcomes.append(repr(m.load(path, weights_only=False)))
    assert outcomes[0] == outcomes[1]


_SHARING = """
import sys
sys.path.insert(0, {root!r})
import {module} as torch

def work(model):
    with torch.no_grad():
        model.weight.add_(1.0)

if __name__ == "__main__":
    torch.multiprocessing.set_start_method({method!r}, force=True)
    model = torch.nn.Linear(2, 1)
    print(model.weight.is_shared())
    model.share_memory()
    print(model.weight.is_shared(), model.bias.is_shared())
    before = model.weight.clone()
    worker = torch.multiprocessing.Process(target=work, args=(model,))
    worker.start()
    worker.join()
    print(((model.weight - before) > 0.5).tolist())  # (the child's + 1 arrived)
"""


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_share_memory_lets_processes_train_one_model(method: str, tmp_path) -> None:
    """pytorch/examples' mnist_hogwild: a child's updates reach the parent's model (they did not: share_memory
    did nothing, and the lesson tested an untrained model)."""
    import subprocess
    import sys
    from pathlib import Path

    root = str(Path(lab.__file__).parent.parent)
    shown = []
    for module in ("autograd_lab", "torch"):
        script = tmp_path / f"share_{module}.py"
        script.write_text(_SHARING.format(root=root, module=module, method=method))
        done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr, done.stderr  # (the resource tracker's complaints too)
        shown.append(done.stdout)
    assert shown[0] == shown[1]
    assert "True True" in shown[0] and "[[True, True]]" in shown[0]
