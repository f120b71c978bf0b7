"""Session 26's finds, held against PyTorch: ``x.apply_(f)``, ``x.map_(y, f)`` and ``x.map2_(y, z, f)``
(a Python function on each element: what it gets, what it may return, what is refused)."""

from __future__ import annotations

import numpy as np
import pytest
import twins

import autograd_lab as lab

torch = pytest.importorskip("torch")

APPLIED = [
    # what the function gets (a Python number of the dtype's kind) and in which order (the tensor's, not memory's)
    "m.arange(6.).reshape(2, 3).t().apply_(lambda v: seen.append(v) or v) and seen",
    "m.tensor([1.5]).apply_(lambda v: seen.append(type(v).__name__) or v) and seen",
    "m.tensor([1]).apply_(lambda v: seen.append(type(v).__name__) or v) and seen",
    "m.tensor([True]).apply_(lambda v: seen.append(type(v).__name__) or v) and seen",
    "m.tensor([0.1]).apply_(lambda v: seen.append(v) or v) and seen",
    # what it may return, converted to the tensor's dtype
    "m.tensor([1.0, 2.0, 3.0]).apply_(lambda v: v * v)",
    "m.tensor([1, 2, 3]).apply_(lambda v: v * 1.7)",
    "m.tensor([1]).apply_(lambda v: -1.7)",
    "m.tensor([1.5]).apply_(lambda v: m.tensor(2.))",
    "m.tensor([1.5]).apply_(lambda v: True)",
    "m.tensor([True, False]).apply_(lambda v: 0.5)",
    "m.tensor([True]).apply_(lambda v: 2)",
    "m.tensor([1], dtype=m.uint8).apply_(lambda v: -1)",
    "m.tensor([1.]).apply_(lambda v: 10**40)",
    "m.tensor([1.], dtype=m.float16).apply_(lambda v: 1e6)",
    "m.tensor(2.).apply_(lambda v: v * 3)",
    "m.tensor([]).apply_(lambda v: v * 3)",
    "m.tensor([0.1], dtype=m.float64).apply_(lambda v: v * 3).item()",
    "m.tensor([1., 2.]).expand(3, 2).apply_(lambda v: v + 1)",
    # ... and what it may not
    "m.tensor([1.5]).apply_(lambda v: None)",
    "m.tensor([1.5]).apply_(lambda v: 'a')",
    "m.tensor([1.]).apply_(lambda v: 1j)",
    "m.tensor([1]).apply_(lambda v: None)",
    "m.tensor([True]).apply_(lambda v: 'x')",
    "m.tensor([1], dtype=m.uint8).apply_(lambda v: 300)",
    "m.tensor([1]).apply_(lambda v: float('nan'))",
    "m.tensor([1], dtype=m.int8).apply_(lambda v: 200.0)",
    "m.tensor([1], dtype=m.int32).apply_(lambda v: 2**40)",
    "m.tensor([2**62]).apply_(lambda v: v * 2)",
    "m.tensor([1.]).apply_(lambda v: m.tensor([2., 3.]))",
    # how it is called
    "m.tensor([1.]).apply_()",
    "m.tensor([1.]).apply_(lambda v: v, 2)",
    "m.tensor([1.]).apply_(callable=lambda v: v)",
    "m.ones(1, requires_grad=True).apply_(lambda v: v)",
    "m.ones(1, requires_grad=True).detach().apply_(lambda v: v)",
    # map_ and map2_: the other tensors broadcast to this one's shape, of its dtype
    "m.zeros(2, 2).map_(m.tensor([1., 2.]), lambda a, b: a + b)",
    "m.tensor([1]).map_(m.tensor([2]), lambda a, b: seen.append((type(a).__name__, b)) or a * b) and seen",
    "m.zeros(2).map2_(m.ones(2), m.ones(2), lambda a, b, c: a + b + c)",
    "m.zeros(2, 2).map2_(m.tensor([1., 2.]), m.tensor([[1.], [2.]]), lambda a, b, c: a + b * c)",
    "m.ones(1, requires_grad=True).map_(m.ones(1), lambda a, b: a)",
    "m.zeros(2).map_(m.ones(2, requires_grad=True), lambda a, b: a + b)",
    "m.zeros(2).map2_(m.ones(2), m.ones(2, requires_grad=True), lambda a, b, c: a)",
    "m.zeros(2).map_(m.ones(3), lambda a, b: a + b)",
    "m.zeros(2).map_(m.ones(2, 2), lambda a, b: a + b)",
    "m.zeros(2).map_(m.tensor([1, 2]), lambda a, b: a + b)",
    "m.zeros(2).map2_(m.tensor([1]), m.ones(2), lambda a, b, c: a)",
    "m.zeros(2).map2_(m.ones(2), m.tensor([1]), lambda a, b, c: a)",
    "m.zeros(2).map_(3, lambda a, b: a + b)",
    "m.zeros(2).map2_(m.ones(2), 3, lambda a, b, c: a)",
    "m.zeros(2).map_(m.ones(2))",
    "m.zeros(2).map_()",
]


@pytest.mark.parametrize("code", APPLIED)
def test_each_element_as_pytorch(code: str) -> None:
    assert twins.outcome(lab, code, {"seen": []}) == twins.outcome(torch, code, {"seen": []})


def each_element_effects(m: object) -> list:
    """What apply_ leaves behind: the elements it reached before an exception, a view's base, a detached
    tensor's source, the version counter (PyTorch leaves it); and a "function" that is not one."""
    found = []
    x = m.tensor([1.0, 2.0, 3.0])
    try:
        x.apply_(lambda v: v + 10 if v < 2 else 1 / 0)
    except ZeroDivisionError:
        found.append(repr(x))
    y = m.tensor([1.0, 2.0, 3.0])
    y[1:].apply_(lambda v: 9)
    w = m.ones(2, requires_grad=True)
    z = w * 2
    z.detach().apply_(lambda v: 5.0)
    found += [repr(y), repr(z), y._version, x._version]
    for not_a_function in (lambda: x.apply_(3), lambda: x.map_(x, 3)):  # (Python's own TypeError, as there)
        try:
            not_a_function()
        except TypeError as error:
            found.append(str(error))
    return found


def test_what_apply_leaves_behind_as_pytorch() -> None:
    assert each_element_effects(lab) == each_element_effects(torch)


def test_map_takes_its_arguments_by_pytorchs_names() -> None:
    def mapped(m: object) -> list:
        x = m.zeros(2)
        return [
            repr(x.map_(other=m.ones(2), callable=lambda a, b: a + b)),
            repr(x.map2_(x=m.ones(2), y=m.ones(2), callable=lambda a, b, c: a + b + c)),
        ]

    assert mapped(lab) == mapped(torch)


REAL_PARTS = [
    "m.real(m.tensor([1., -2.]))",
    "m.tensor([1., -2.]).real",
    "m.tensor([1, -2]).real",
    "m.imag(m.tensor([1., -2.]))",
    "m.tensor([1., -2.]).imag",
    "m.angle(m.tensor([-1., 0., -0., 2., float('nan'), -float('inf')]))",
    "m.tensor([-1, 2]).angle()",
    "m.tensor([-1., 2.], dtype=m.float64).angle()",
    "m.angle(m.tensor([True, False]))",
]


def angle_gradient(m: object) -> list:
    x = m.tensor([-1.0, 0.0, 2.0, float("nan")], requires_grad=True)
    y = m.angle(x)
    y.backward(m.tensor([1.0, float("inf"), 2.0, 3.0]))
    return [repr(y), repr(x.grad), x.real is x]


def test_angle_gradient_as_pytorch() -> None:
    assert angle_gradient(lab) == angle_gradient(torch)


WARNED_THROUGH_WRAPPERS = [  # (scout warnaudit: each pointed into the package, reached through one more frame)
    "m.empty(3).random_(0, 2**25)",
    "m.empty(3).random_(2**25)",
    "m.randint_like(m.empty(3), 2**25)",
    "m.randint(0, 2**25, (3,), dtype=m.float32)",
    "m.ones(2).storage()",
    "m.Tensor.storage(m.ones(2))",
    "m.jit.script(m.nn.Linear(2, 2))",
    "m.jit.trace(m.nn.Linear(2, 2), m.ones(1, 2))",
    "m.jit.save(m.nn.Linear(2, 2), io.BytesIO())",
    "m.cpu.amp.autocast().__enter__()",
    "m.rms_norm(m.ones(2, 4), (4,), weight=m.ones(4, dtype=m.float64))",
    "m.nn.functional.rms_norm(m.ones(2, 4), (4,), weight=m.ones(4, dtype=m.float64))",
    "m.optim.SGD([v], lr=0.1).add_param_group({'params': [w, w]})",
    "m.optim.SGD([w, w], lr=0.1)",
    "v.detach().sub_(0.1, w.detach())",  # (the number-first overloads, through the method wrappers: scout Z21)
    "m.addcmul(v.detach(), 0.5, w.detach(), w.detach())",
    "v.detach().addcmul_(0.5, w.detach(), w.detach())",
]


@pytest.mark.parametrize("code", WARNED_THROUGH_WRAPPERS)
def test_a_warning_through_a_wrapper_points_at_the_students_line(code: str) -> None:
    import io
    import warnings

    from autograd_lab import _storage, jit
    from autograd_lab.nn import functional

    _storage._warned.clear()  # (the once-per-process warnings, given again here)
    lab.set_warn_always(True)
    jit._warned.clear()
    functional._rms_norm_mixed_warned = False
    names = {"m": lab, "io": io, "v": lab.ones(1, requires_grad=True), "w": lab.ones(1, requires_grad=True)}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        exec(compile(code, "<student>", "exec"), names)  # noqa: S102 - the test's own lines
    lab.set_warn_always(False)
    ours = [w for w in caught if " Hint: " in str(w.message)]
    assert ours and {w.filename for w in ours} == {"<student>"}, [
        (w.filename, str(w.message)) for w in caught
    ]


SAMPLED_WITHOUT_REPLACEMENT = [  # (scout Z18: the categories of weight 0 come in topk's order of ties)
    "m.multinomial(m.tensor([1., 0, 0, 0, 0, 0, 0, 0, 0, 0]), 10)",
    "m.multinomial(m.tensor([[0.2, 0.8, 0, 0, 0, 0]]), 4)",
    "m.multinomial(m.tensor([[0.2, 0.8, 0, 0, 0, 0], [0, 0, 0, 1., 0, 0]]), 6)",
    "m.multinomial(m.tensor([0.5, 0.5, 0, 0]), 3)",
    "m.multinomial(m.rand(3, 40) * (m.rand(3, 40) > 0.5), 30)",
    "list(m.utils.data.WeightedRandomSampler([1., 0, 0, 0, 0, 0, 0, 0], 8, replacement=False))",
]


@pytest.mark.parametrize("code", SAMPLED_WITHOUT_REPLACEMENT)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_sampling_without_replacement_as_pytorch(code: str, seed: int) -> None:
    seeded = f"(m.manual_seed({seed}), {code})[1]"
    assert twins.outcome(lab, seeded) == twins.outcome(torch, seeded)


def gelu_bits(m: object, values: np.ndarray, grad: np.ndarray) -> tuple:
    """gelu's float32 values and gradient, as bits (NaN's bits aside), and as printed."""
    x = m.tensor(values, requires_grad=True)
    y = m.nn.functional.gelu(x)
    y.backward(m.tensor(grad))
    found = [y.detach().numpy(), x.grad.numpy()]
    return tuple(np.where(np.isnan(a), np.nan, a).astype(np.float32).tobytes() for a in found) + (repr(y),)


ON_AVX512 = torch.backends.cpu.get_cpu_capability() == "AVX512" and torch.backends.mkldnn.is_available()


@pytest.mark.skipif(
    not ON_AVX512, reason="PyTorch's gelu kernel differs without AVX-512 (oneDNN's other path)"
)
@pytest.mark.parametrize("size", [1, 2, 3, 15, 16, 17, 33, 1000, 40001])
def test_gelu_rounds_as_pytorchs_kernels(size: int) -> None:
    """oneDNN's erf by pieces for two elements or more, ATen's formula for one (scout Z19)."""
    rng = np.random.default_rng(size)
    values = (rng.standard_normal(size) * 3).astype(np.float32)
    values[: min(size, 4)] = [-3.0, -5.0, 3.0, 0.5][: min(size, 4)]
    grad = rng.standard_normal(size).astype(np.float32)
    assert gelu_bits(lab, values, grad) == gelu_bits(torch, values, grad)


@pytest.mark.skipif(
    not ON_AVX512, reason="PyTorch's gelu kernel differs without AVX-512 (oneDNN's other path)"
)
def test_gelu_of_every_kind_of_float32_as_pytorch() -> None:
    specials = [
        0.0,
        -0.0,
        np.inf,
        -np.inf,
        np.nan,
        1e-45,
        -1e-45,
        1e-38,
        3.4e38,
        -3.4e38,
        5.5426,
        -5.5426,
        0.1875,
    ]
    grid = np.concatenate([np.linspace(-10, 10, 20001), specials]).astype(np.float32)
    grad = np.linspace(-2, 2, grid.size).astype(np.float32)
    assert gelu_bits(lab, grid, grad) == gelu_bits(torch, grid, grad)


WRITTEN_INTO_OUT = [  # (the warnings audit: factories and argmax take out= in PyTorch)
    "(m.range(0, 2, out=o), o)[1]",
    "(m.manual_seed(0), m.randint(0, 10, (3,), out=oi), oi)[2]",
    "(m.arange(3, out=oi), oi)[1]",
    "(m.linspace(0, 1, 3, out=o), o)[1]",
    "(m.full((3,), 2., out=o), o)[1]",
    "m.eye(2, out=m.empty(2, 2))",
    "m.eye(2, 3, out=m.empty(0))",
    "(m.manual_seed(0), m.randperm(3, out=oi), oi)[2]",
    "(m.logspace(0, 1, 3, out=o), o)[1]",
    "m.logspace(0, 2, 3, base=2, out=m.empty(3))",
    "m.empty(2, 2, out=m.zeros(4)).shape",
    "m.arange(3, out=m.empty(0))",
    "m.arange(3, out=m.empty(5))",
    "m.linspace(0, 5, 3, out=m.empty(3, dtype=m.long))",
    "m.full((2,), 2.7, out=m.empty(2, dtype=m.long))",
    "(m.manual_seed(0), m.randint(5, (3,), out=m.empty(3)))[1]",
    "m.arange(3., out=m.empty(3, requires_grad=True))",
    "m.range(0, 1, 0.5, out=m.empty(3, dtype=m.float64))",
    "m.arange(3, dtype=m.float64, out=m.empty(3))",
    "m.argmax(m.ones(3), out=m.empty(()))",
    "m.argmax(m.ones(2, 3), 1, out=m.empty(2, dtype=m.long))",
    "m.argmin(m.ones(2, 3), 1, out=m.empty(5, dtype=m.long))",
]


@pytest.mark.parametrize("code", WRITTEN_INTO_OUT)
def test_out_as_pytorch(code: str) -> None:
    def names(m: object) -> dict:
        return {"o": m.empty(3), "oi": m.empty(3, dtype=m.long)}

    assert twins.outcome(lab, code, names(lab)) == twins.outcome(torch, code, names(torch))


ATTRIBUTES = ["shape", "dtype", "device", "grad_fn", "is_leaf", "ndim", "T", "mT", "layout", "is_cuda", "itemsize",
              "nbytes", "_version", "is_sparse", "H", "retains_grad", "_base", "is_meta"]  # fmt: skip


def set_attributes(m: object) -> list:
    """What setting (and deleting) a tensor's attributes gives: PyTorch's own words for the read-only ones."""
    found = []
    for name in ATTRIBUTES:
        for change, extra in ((setattr, (None,)), (delattr, ())):
            try:
                change(m.ones(2, 3), name, *extra)
                found.append(f"{name}: set")
            except AttributeError as error:
                found.append(f"{name}: {str(error).split(' Hint: ')[0]}")
    x = m.ones(2)
    x.real = m.tensor([3.0, 4.0])
    found.append(repr(x))
    x.real = 7
    found.append(repr(x))
    return found


def test_read_only_attributes_refuse_in_pytorchs_words() -> None:
    assert set_attributes(lab) == set_attributes(torch)


SMALL_WORDINGS = ["m.tensor(3.).permute()", "m.tensor(3.).permute(())", "setattr(m.ones(1), 'real', None)"]


EXPANDED_WRITES = [  # (scout Z17: PyTorch writes these into an expand, with a deprecation warning)
    "m.zeros(3).expand(2, 3).masked_fill_(m.tensor([True, False, False]), 1.)",
    "m.zeros(3).expand(2, 3).masked_fill_(m.tensor([True, False, False]), m.tensor(4.))",
    "m.zeros(2, 1).expand(2, 3).masked_fill_(m.tensor([[True], [False]]), 1.)",
    "m.zeros(3).expand(2, 3).index_fill_(1, m.tensor([0]), 1.)",
    "m.zeros(3).expand(2, 3).index_fill_(1, m.tensor([0, 2]), m.tensor(3.))",
    "m.zeros(2, 1).expand(2, 3).index_fill_(0, m.tensor([1]), 5.)",
    "m.zeros(2, 1).expand(2, 3).index_fill_(-1, m.tensor([1]), 5.)",
    "(lambda z: (z.expand(2, 3).masked_fill_(m.tensor([True, False, False]), 1.), z)[1])(m.zeros(3))",
    "m.zeros(3).expand(2, 3).masked_scatter_(m.tensor([True, False, False]), m.ones(6))",
    "m.zeros(3).expand(2, 3).index_copy_(1, m.tensor([0]), m.ones(2, 1))",
    "m.zeros(3).expand(2, 3).add_(1)",
]


BATCHED_PRODUCTS = [  # (scout Z17: bmm does not broadcast its batches; matmul does)
    "m.bmm(m.ones(2, 1, 3), m.ones(1, 3, 4))",
    "m.bmm(m.ones(2, 1, 3), m.ones(3, 3, 4))",
    "m.bmm(m.ones(1, 1, 3), m.ones(2, 3, 4))",
    "m.ones(2, 1, 3).bmm(m.ones(1, 3, 4))",
    "m.baddbmm(m.zeros(2, 1, 4), m.ones(2, 1, 3), m.ones(1, 3, 4))",
    "m.matmul(m.ones(2, 1, 3), m.ones(1, 3, 4)).shape",
    "(m.ones(1, 1, 3) @ m.ones(2, 3, 4)).shape",
]


def lstm_hidden_states(m: object) -> list:
    """An LSTM given other than a pair of states (scout Z17): PyTorch's errors, in its order of checks."""
    m.manual_seed(0)
    lstm, h, x = m.nn.LSTM(4, 5), m.zeros(1, 2, 5), m.ones(3, 2, 4)
    found = []
    for hx in [(h,), (h, h, h), [h, h], h, (h, m.zeros(1, 3, 5), h)]:
        try:
            found.append(repr(lstm(x, hx)[0].shape))
        except (RuntimeError, IndexError) as error:
            found.append(f"{type(error).__name__}: {str(error).split(' Hint: ')[0]}")
    return found


def test_an_lstm_wants_two_hidden_states_as_pytorch() -> None:
    assert lstm_hidden_states(lab) == lstm_hidden_states(torch)


NESTED_LISTS = [  # (scout Z17: PyTorch reads nested lists depth first, sizes from the first elements)
    "m.tensor([[[1], [2]], [[1, 2], [3]]])",
    "m.tensor([1, [2]])",
    "m.tensor([1., [2]])",
    "m.tensor([[1], [2, 3]], dtype=m.float32)",
    "m.tensor([[1, 2], 3])",
    "m.LongTensor([[1, 2], [3]])",
    "m.FloatTensor([[1, 2], 3])",
    "m.Tensor([1, [2]])",
    "m.FloatTensor([[[1], [2]], [[1, 2], [3]]])",
    "m.ByteTensor([[1], []])",
    "m.Tensor([[1, 2], (3, 4)])",
    "m.FloatTensor([['a']])",
    "m.Tensor(['x'])",
    "m.DoubleTensor([1.5, 'x'])",
    "m.Tensor([None])",
    "m.Tensor([1, None])",
    "m.Tensor([[1, 2], [3, None]])",
    "m.LongTensor([None])",
    "m.LongTensor([1, [2]])",
    "m.BoolTensor([None])",
    "m.LongTensor([1.5])",
    "m.LongTensor([[1], [2.5]])",
    "m.Tensor([True, 2])",
    "m.IntTensor([2**40])",
    "m.Tensor([[]])",
    "m.Tensor([[1], []])",
    "m.Tensor(range(3))",
    "m.Tensor([[m.tensor(1.), 2.]])",
]


def arrays_of_a_tensor(m: object) -> list:
    """np.array(t) is a copy, np.asarray(t) shares the memory (scout Z21: a history of w.data kept by np.array)."""
    t = m.zeros(3)
    kept = [np.array(t), np.array(t, copy=True), np.array(t, dtype=np.float32), np.array(t, dtype=np.float64)]
    shared = np.asarray(t)
    t += 1
    kept[0][0] = 9
    return [a.tolist() for a in kept] + [shared.tolist(), t.tolist()]


def test_np_array_of_a_tensor_copies_as_with_pytorch() -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter(
            "ignore", DeprecationWarning
        )  # (NumPy's, about PyTorch's __array__ without copy=)
        assert arrays_of_a_tensor(lab) == arrays_of_a_tensor(torch)


SEQUENCES_AS_INDICES = [  # (scout Z20: x[train_idx] with a random_split Subset, in PyTorchStepByStep)
    "y[va].shape",
    "x[va]",
    "y[tr].shape",
    "x[tr][:4]",
    "x[range(3)]",
    "y[range(2)]",
    "(lambda z: (z.__setitem__(tr, 1.), z.sum())[1])(m.zeros(100))",
    "(lambda z: (z.__setitem__(va, 1.), z.sum())[1])(m.zeros(100))",
]


@pytest.mark.parametrize("code", SEQUENCES_AS_INDICES)
def test_a_sequence_indexes_as_in_pytorch(code: str) -> None:
    def names(m: object) -> dict:
        m.manual_seed(13)
        tr, va = m.utils.data.random_split(m.arange(100), [0.95, 0.05])
        return {"tr": tr, "va": va, "x": m.arange(100.0), "y": m.arange(200).view(100, 2)}

    assert twins.outcome(lab, code, names(lab), warn_always=True) == twins.outcome(
        torch, code, names(torch), warn_always=True
    )


@pytest.mark.parametrize("dtype", ["float32", "float64", "float16", "int64", "int32"])
def test_logspace_as_pytorchs_kernel(dtype: str) -> None:
    """logspace_out's steps: start and end in the dtype, the step in double, half from each end, C's pow."""

    def spaced(m: object) -> list:
        rng = np.random.default_rng(0)
        found = []
        for _ in range(60):
            start, end = (float(v) for v in rng.uniform(-3, 3, 2))
            if "int" in dtype:
                start, end = round(start * 3), round(end * 3)
            steps, base = int(rng.integers(1, 40)), float(rng.choice([10.0, 2.0, np.e, 3.5, 0.5]))
            found.append(m.logspace(start, end, steps, base=base, dtype=getattr(m, dtype)).numpy().tobytes())
        return found

    assert spaced(lab) == spaced(torch)


REVIEWED = [  # (the session's reviewer: forms the first fixes missed)
    "m.arange(4., out=m.zeros(2, 2))",
    "m.linspace(0, 1, 4, out=m.zeros(2, 2))",
    "m.range(0, 3, out=m.zeros(1, 4))",
    "m.logspace(0, 1, 4, out=m.zeros(4, 1))",
    "m.arange(3., out=m.zeros(2, 2))",
    "m.angle(m.tensor([-1., 2.]), out=m.empty(2))",
    "(lambda x: (setattr(x, 'real', np.int64(7)), x)[1])(m.ones(2))",
    "(lambda x: (setattr(x, 'real', np.float32(2.5)), x)[1])(m.ones(2))",
    "setattr(m.ones(2), 'real', 1j)",
    "setattr(m.zeros(2).expand(3, 2), 'real', 4.)",
    "(lambda y: (setattr(y, 'real', 3.), y)[1])(m.ones(2, requires_grad=True) * 1)",
    "(lambda x: (setattr(x, 'real', 2.7), x)[1])(m.ones(2, dtype=m.int64))",
    "m.tensor([1, 2]).apply_(lambda v: np.float32(v) * 3)",
    "m.tensor([1, 2]).apply_(lambda v: np.float64(v) * 3)",
    "m.tensor([1, 2]).apply_(lambda v: m.tensor(2.5))",
    "m.tensor([1, 2]).apply_(lambda v: m.tensor(7))",
    "m.tensor([1, 2]).apply_(lambda v: m.tensor([7, 8]))",
    "m.tensor([False, True]).apply_(lambda v: 1j)",
    "m.tensor([False, True]).apply_(lambda v: np.complex64(0))",
    "m.tensor([1., 2.]).apply_(lambda v: np.int64(3))",
    "m.tensor([1, 2]).apply_(lambda v: np.bool_(True))",
    "m.tensor([False]).apply_(lambda v: m.tensor(True))",
    "m.BoolTensor([1+2j, 0j])",
    "m.LongTensor([1+2j])",
    "m.FloatTensor([1+2j])",
    "m.Tensor.apply_.__name__",
    "m.Tensor.resize_.__name__",
]


@pytest.mark.parametrize("code", REVIEWED)
def test_reviewed_forms_as_pytorch(code: str) -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        assert twins.outcome(lab, code, {"np": np}) == twins.outcome(torch, code, {"np": np})


def packed_lstm_states(m: object) -> list:
    m.manual_seed(0)
    lstm = m.nn.LSTM(3, 4)
    packed = m.nn.utils.rnn.pack_padded_sequence(m.ones(5, 2, 3), [5, 3])
    h = m.zeros(1, 2, 4)
    found = []
    for hx in [(h, h, h), (h,), (h, h)]:
        try:
            found.append(repr(lstm(packed, hx)[0].data.shape))
        except (RuntimeError, IndexError) as error:
            found.append(f"{type(error).__name__}: {str(error).split(' Hint: ')[0]}")
    return found


def test_a_packed_lstm_wants_two_hidden_states_as_pytorch() -> None:
    assert packed_lstm_states(lab) == packed_lstm_states(torch)


def legacy_sharing(m: object) -> list:
    """Legacy constructors share an array of their dtype, and alias a tensor of it, graph and all (scout Z21)."""
    found = []
    a = np.zeros(3, np.float32)
    t1, t2 = m.FloatTensor(a), m.Tensor(a)
    a += 1
    t1[0] = 7
    found += [repr(t1), repr(t2), a.tolist()]
    w = m.ones(2, requires_grad=True)
    t = m.FloatTensor(w)
    (t * 3).sum().backward()
    found += [repr(t), repr(w.grad)]
    x = m.ones(2)
    y = m.FloatTensor(x)
    y[0] = 5
    found += [repr(x), y._version, y._base is x]
    for code in ["m.Tensor(np.array(3)).shape", "m.LongTensor(np.array(2)).shape", "m.DoubleTensor(w)",
                 "m.LongTensor(m.ones(2))", "m.Tensor(m.ones(2, dtype=m.float64))", "m.FloatTensor(np.zeros(2))",
                 "m.LongTensor(np.zeros(2, np.float32))", "m.ones(2).new(np.zeros(2, np.float32))",
                 "m.FloatTensor(np.zeros(3, np.float32)[::-1])", "m.FloatTensor(range(3))", "m.LongTensor(range(1, 4))",
                 "m.Tensor([range(2), range(2)])"]:  # fmt: skip
        found.append(twins.outcome(m, code, {"np": np, "w": w}))
    return found


def test_legacy_constructors_share_as_pytorchs() -> None:
    assert legacy_sharing(lab) == legacy_sharing(torch)


def gelu_twice(m: object) -> list:
    """gelu's gradient recorded for a second derivative: GeluBackwardBackward0, with the plain pass's numbers."""
    x = m.tensor(np.linspace(-4, 4, 41, dtype=np.float32), requires_grad=True)
    plain = m.autograd.grad(m.nn.functional.gelu(x).sum(), x)[0]
    recorded = m.autograd.grad(m.nn.functional.gelu(x).sum(), x, create_graph=True)[0]
    second = m.autograd.grad(recorded.sum(), x)[0]
    return [
        recorded.grad_fn.name(),
        bool((recorded.detach() == plain).all()),
        np.round(second.numpy(), 4).tolist(),
    ]


@pytest.mark.skipif(
    not ON_AVX512, reason="PyTorch's gelu kernel differs without AVX-512 (oneDNN's other path)"
)
def test_gelu_recorded_backward_as_pytorch() -> None:
    assert gelu_twice(lab) == gelu_twice(torch)


LEGACY_CALLS = [  # (scout Z21: torch.Tensor(data, requires_grad=True), a slip for torch.tensor)
    "m.FloatTensor([1.], requires_grad=True)",
    "m.Tensor([1.], requires_grad=True)",
    "m.FloatTensor(3, dtype=m.float64)",
    "m.LongTensor(2, 3.5)",
    "m.Tensor(2, 'a')",
    "m.ones(2).new(2, 3.5)",
    "m.FloatTensor([1.], device='cpu')",
    "m.Tensor(2, 3, device='cpu').shape",
]


@pytest.mark.parametrize(
    "code", [*REAL_PARTS, *SMALL_WORDINGS, *EXPANDED_WRITES, *BATCHED_PRODUCTS, *NESTED_LISTS, *LEGACY_CALLS]
)
def test_as_pytorch(code: str) -> None:
    assert twins.outcome(lab, code) == twins.outcome(torch, code)


BETA_FIRST = [  # (scout Z21: 0.4-era code puts beta, then alpha, first; PyTorch 2.13 still takes it, warning once)
    "m.addmm(1, M, 1, m1, m2)", "m.addmm(0.5, M, m1, m2)", "M.addmm(1, 1, m1, m2)", "M.addmm(0.5, m1, m2)",
    "M.clone().addmm_(1, 1, m1, m2)", "M.clone().addmm_(0.5, m1, m2)", "m.addmv(1, v, 1, A, x)", "m.addmv(2, v, A, x)",
    "v.addmv(1, 2, A, x)", "v.clone().addmv_(1, A, x)", "m.baddbmm(1, B, 1, b1, b2)", "m.baddbmm(1, B, b1, b2)",
    "B.baddbmm(1, 1, b1, b2)", "B.clone().baddbmm_(2, b1, b2)", "m.addbmm(1, M, 1, b1, b2)", "M.addbmm(2, b1, b2)",
    "M.clone().addbmm_(1, 1, b1, b2)", "m.addr(1, M, 1, v, v)", "m.addr(2, M, v, v)", "M.addr(1, 1, v, v)",
    "M.clone().addr_(1, 1, v, v)", "M.clone().addr_(2, v, v)", "m.addmm(M, m1, m2, beta=2)", "M.addmm(m1, m2, alpha=3)",
    "m.addmm(1, M, m1)",
]  # fmt: skip


@pytest.mark.parametrize("code", BETA_FIRST)
def test_number_first_forms_as_pytorch(code: str) -> None:
    def names(m: object) -> dict:
        return {"M": m.ones(2, 2), "m1": m.ones(2, 3), "m2": m.ones(3, 2), "v": m.ones(2), "A": m.ones(2, 3),
                "x": m.ones(3), "B": m.ones(1, 2, 2), "b1": m.ones(1, 2, 3), "b2": m.ones(1, 3, 2)}  # fmt: skip

    assert twins.outcome(lab, code, names(lab), warn_always=True) == twins.outcome(
        torch, code, names(torch), warn_always=True
    )


def rnn_details(m: object) -> list:
    """Scout Z23 (stat453's char-rnn): an in-place change of an LSTM's output is caught at backward, as PyTorch's
    MkldnnRnnLayer node saves it; torch.backends.mkldnn; the non-leaf .grad warning in full."""
    import warnings

    m.manual_seed(0)
    out, _ = m.nn.LSTM(4, 5)(m.randn(1, 1, 4))
    out.squeeze_(0)
    found = [out._version]
    try:
        out.sum().backward()
    except RuntimeError as error:
        found.append(str(error).split(" Hint: ")[0])
    backend = m.backends.mkldnn
    with backend.flags(enabled=False):
        found.append(backend.enabled)
    found += [backend.enabled, backend.is_available()]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        _ = (m.ones(2, requires_grad=True) - 0.1).grad
    found += [str(w.message).split(" Hint: ")[0].split(" (Triggered")[0] for w in caught]
    return found


def test_rnn_details_as_pytorch() -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # (PyTorch's own about TF32 on Intel GPUs, from mkldnn.flags)
        assert rnn_details(lab) == rnn_details(torch)
