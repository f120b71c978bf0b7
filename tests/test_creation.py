"""Making tensors: dtype rules, legacy constructors, factories, what a tensor reports, random draws."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from twins import raises_like_torch, same_bits

import autograd_lab as torch

# -- tensor(): dtype rules ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "dtype"),
    [
        (1.5, torch.float32),
        ([1.0, 2.0], torch.float32),
        ([1, 2.5], torch.float32),  # one float makes all float
        (3, torch.int64),
        ([[1, 2], [3, 4]], torch.int64),
        (True, torch.bool),
        ([True, False], torch.bool),
        ([True, 1], torch.int64),
        ([], torch.float32),
        (np.array([1.0, 2.0]), torch.float64),  # NumPy's float64 is kept
        (np.array([1.0], dtype=np.float32), torch.float32),
        (np.array([1, 2]), torch.int64),
        (np.float64(1.5), torch.float64),
        ([np.float64(1.5), 2.0], torch.float64),
        ([1.5, np.float32(2.0)], torch.float32),
    ],
    ids=repr,
)
def test_tensor_dtype_rules(data, dtype):
    t = torch.tensor(data)
    assert t.dtype is dtype
    np.testing.assert_array_equal(t.numpy(), np.asarray(data))


def test_tensor_copies_and_converts():
    a = np.array([1.0, 2.0])
    t = torch.tensor(a)
    a[0] = 9.0
    assert t.tolist() == [1.0, 2.0]  # a copy, unlike from_numpy
    assert torch.tensor([1.7, -1.7], dtype=torch.int64).tolist() == [1, -1]
    assert torch.tensor([1, 2], dtype=torch.float64).dtype is torch.float64
    x = torch.tensor([[1.0, 2.0]], requires_grad=True)
    assert x.requires_grad and x.is_leaf
    assert repr(torch.tensor([])) == "tensor([])" and torch.tensor([]).shape == (0,)


@pytest.mark.parametrize(
    ("data", "shape"),
    [
        (1.0, ()),
        ([1.0], (1,)),
        ([[1, 2, 3], [4, 5, 6]], (2, 3)),
        ([[[1.0]], [[2.0]]], (2, 1, 1)),
        ([[]], (1, 0)),
    ],
)
def test_tensor_shapes(data, shape):
    assert torch.tensor(data).shape == shape


# -- legacy constructors --------------------------------------------------------------------


def test_legacy_constructors():
    t = torch.Tensor([2])
    assert t.dtype is torch.float32 and t.tolist() == [2.0] and repr(t) == "tensor([2.])"
    assert torch.Tensor(2, 3).shape == (2, 3) and torch.Tensor(2, 3).dtype is torch.float32
    assert torch.Tensor(4).shape == (4,)  # one integer: a size, not a value
    assert torch.Tensor().shape == (0,)
    assert torch.Tensor(torch.zeros(2, 3).shape).shape == (2, 3)
    assert torch.Tensor(np.array([1, 2])).dtype is torch.float32
    f = torch.FloatTensor([[2, 3]])
    assert f.dtype is torch.float32 and f.shape == (1, 2) and repr(f) == "tensor([[2., 3.]])"
    assert isinstance(f, torch.Tensor) and isinstance(t, torch.Tensor)
    assert torch.DoubleTensor([1]).dtype is torch.float64
    assert torch.LongTensor([1.7, 2]).tolist() == [1, 2]
    assert torch.BoolTensor([1, 0]).tolist() == [True, False]


# -- factories ---------------------------------------------------------------------------------


def test_filled_factories():
    for shape in ((2, 3), [(2, 3)], [[2, 3]]):
        z = torch.zeros(*shape)
        assert z.shape == (2, 3) and z.dtype is torch.float32 and not z.numpy().any()
    assert torch.zeros(()).shape == ()
    assert torch.ones(2).tolist() == [1.0, 1.0]
    assert torch.ones(2, dtype=torch.int64).tolist() == [1, 1]
    assert torch.empty(2, 3).shape == (2, 3)
    assert torch.ones(2, requires_grad=True).requires_grad
    assert torch.full((2,), 7.0).tolist() == [7.0, 7.0] and torch.full((2,), 7.0).dtype is torch.float32
    assert torch.full((2,), 7).dtype is torch.int64
    assert torch.full((2,), True).dtype is torch.bool
    assert torch.full([2, 2], 1.5).shape == (2, 2)
    assert torch.eye(2).tolist() == [[1.0, 0.0], [0.0, 1.0]]
    assert torch.eye(2, 3).tolist() == [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]


def test_ranges():
    assert torch.arange(4).tolist() == [0, 1, 2, 3] and torch.arange(4).dtype is torch.int64
    assert torch.arange(1, 4).tolist() == [1, 2, 3]
    assert torch.arange(5, 0, -2).tolist() == [5, 3, 1]
    assert torch.arange(0.0, 3).dtype is torch.float32
    assert torch.arange(0, 1, 0.25).tolist() == [0.0, 0.25, 0.5, 0.75]
    assert torch.arange(0, 1, 0.1).shape == (10,)
    assert torch.arange(1, 2.5, 0.5).tolist() == [1.0, 1.5, 2.0]
    assert torch.linspace(0, 1, 5).tolist() == [0.0, 0.25, 0.5, 0.75, 1.0]
    assert torch.linspace(-1, 1, steps=3).dtype is torch.float32


def test_like_factories():
    i = torch.tensor([1, 2])
    f = torch.tensor([[1.0, 2.0]], dtype=torch.float64)
    assert torch.zeros_like(i).dtype is torch.int64 and torch.zeros_like(i).tolist() == [0, 0]
    assert torch.zeros_like(i, dtype=torch.float32).dtype is torch.float32
    assert torch.ones_like(f).dtype is torch.float64 and torch.ones_like(f).shape == (1, 2)
    assert torch.full_like(i, 7).tolist() == [7, 7]
    assert torch.full_like(f, 2.5).tolist() == [[2.5, 2.5]]
    r = torch.rand_like(f)
    assert r.shape == (1, 2) and r.dtype is torch.float64
    assert torch.randn_like(torch.zeros(3, 2)).shape == (3, 2)
    assert torch.zeros_like(f, requires_grad=True).requires_grad


def test_from_numpy_shares_memory():
    a = np.array([1.0, 2.0])
    t = torch.from_numpy(a)
    assert t.dtype is torch.float64
    a[0] = 5.0
    assert t.tolist() == [5.0, 2.0]
    t.add_(1)
    assert a.tolist() == [6.0, 3.0]
    assert t.numpy() is a or np.shares_memory(t.numpy(), a)


# -- what a tensor reports ------------------------------------------------------------------------


def test_shape_size_dim_dtype():
    t = torch.zeros(2, 3)
    assert isinstance(t.shape, torch.Size) and isinstance(t.shape, tuple)
    assert (
        t.shape == (2, 3) and repr(t.shape) == "torch.Size([2, 3])" and str(t.shape) == "torch.Size([2, 3])"
    )
    assert t.size() == (2, 3) and isinstance(t.size(), torch.Size)
    assert t.size(1) == 3 and t.size(-1) == 3 and t.size(0) == 2
    assert t.dim() == 2 and t.ndim == 2 and torch.tensor(1.0).dim() == 0
    assert t.numel() == 6 and t.shape.numel() == 6
    assert repr(t.dtype) == "torch.float32" and str(t.dtype) == "torch.float32"
    assert repr(torch.tensor([1]).dtype) == "torch.int64"
    assert t.type() == "torch.FloatTensor"
    assert repr(torch.Size([])) == "torch.Size([])"


def test_transpose_len_tolist_item():
    m = torch.tensor([[1, 2, 3], [4, 5, 6]])
    assert m.T.tolist() == [[1, 4], [2, 5], [3, 6]] and m.T.shape == (3, 2)
    assert torch.tensor([1, 2]).T.tolist() == [1, 2]
    assert len(torch.zeros(4, 2)) == 4
    with pytest.raises(TypeError, match="len\\(\\) of a 0-d tensor"):
        len(torch.tensor(1.0))
    assert torch.tensor([[1.5, 2], [3, 4]]).tolist() == [[1.5, 2.0], [3.0, 4.0]]
    assert torch.tensor(2.5).tolist() == 2.5
    value = torch.tensor([2.5]).item()
    assert value == 2.5 and type(value) is float
    assert type(torch.tensor([[3]]).item()) is int
    assert type(torch.tensor(True).item()) is bool
    assert float(torch.tensor(2.5)) == 2.5 and int(torch.tensor([3])) == 3


# -- random numbers: PyTorch's generator -----------------------------------------------------------

SIZES = [1, 5, 15, 16, 17, 100, 1000]
SEEDS = [0, 1, 42, 2024, 2**32 + 5]


def test_manual_seed_repeats_draws():
    torch.manual_seed(3)
    first = torch.randn(20).tolist(), torch.rand(5).tolist()
    torch.manual_seed(3)
    assert (torch.randn(20).tolist(), torch.rand(5).tolist()) == first
    assert torch.initial_seed() == 3
    torch.manual_seed(0)
    assert torch.rand(3).tolist() == pytest.approx([0.4963, 0.7682, 0.0885], abs=1e-4)
    draws = torch.rand(1000).numpy()
    assert draws.min() >= 0 and draws.max() < 1
    assert sorted(torch.randperm(7).tolist()) == list(range(7))


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("n", SIZES)
def test_rand_and_randn_match_pytorch(seed, n):
    real = pytest.importorskip("torch")
    real.manual_seed(seed)
    torch.manual_seed(seed)
    np.testing.assert_array_equal(torch.rand(n).numpy(), real.rand(n).numpy())
    real.manual_seed(seed)
    torch.manual_seed(seed)
    ours, theirs = torch.randn(n), real.randn(n)
    assert ours.dtype is torch.float32
    same_bits(ours, theirs)  # bit for bit, every size


@pytest.mark.parametrize("seed", [0, 7])
def test_interleaved_draws_match_pytorch(seed):
    # PyTorch keeps the second value of a serial Box-Muller pair for the next
    # call, and the other draws move the generator on: all must line up.
    real = pytest.importorskip("torch")
    calls = [
        ("randn", 3), ("randn", 2), ("rand", 4), ("randn", 1), ("randn", 17), ("randn", 1),
        ("rand", 1), ("randn", 5), ("randn", 16), ("randint", 6), ("randn", 3), ("randperm", 6),
        ("randn", (4, 5)), ("rand", (3, 7)), ("randn", 2),
    ]  # fmt: skip
    real.manual_seed(seed)
    torch.manual_seed(seed)
    for name, n in calls:
        if name == "randint":
            ours, theirs = torch.randint(0, 10, (n,)), real.randint(0, 10, (n,))
        elif name == "randperm":
            ours, theirs = torch.randperm(n), real.randperm(n)
        else:
            size = n if isinstance(n, tuple) else (n,)
            ours, theirs = getattr(torch, name)(*size), getattr(real, name)(*size)
        assert ours.shape == tuple(theirs.shape)
        np.testing.assert_allclose(ours.numpy(), theirs.numpy(), rtol=0, atol=1e-6, err_msg=f"{name}({n})")


@pytest.mark.parametrize("n", [5, 16, 17, 100])
def test_float64_draws_match_pytorch(n):
    real = pytest.importorskip("torch")
    for name in ("rand", "randn"):
        real.manual_seed(11)
        torch.manual_seed(11)
        ours = getattr(torch, name)(n, dtype=torch.float64).numpy()
        theirs = getattr(real, name)(n, dtype=real.float64).numpy()
        assert ours.dtype == np.float64
        np.testing.assert_allclose(ours, theirs, rtol=0, atol=1e-12)


def test_randint_forms_match_pytorch():
    real = pytest.importorskip("torch")
    real.manual_seed(5)
    torch.manual_seed(5)
    assert torch.randint(10, (4,)).tolist() == real.randint(10, (4,)).tolist()
    assert torch.randint(3, 9, (2, 3)).tolist() == real.randint(3, 9, (2, 3)).tolist()
    assert torch.randint(3, 9, (2,)).dtype is torch.int64


def test_constants():
    import math

    import autograd_lab as torch

    assert (torch.pi, torch.e, torch.inf) == (math.pi, math.e, math.inf) and math.isnan(torch.nan)


# -- PyTorch's keywords, everywhere it takes them ------------------------------------------------------

KEYWORD_FORMS = {
    "randn(size=(2, 3))": lambda m: m.randn(size=(2, 3)),
    "rand(size=[2])": lambda m: m.rand(size=[2]),
    "rand(2, 3, generator=g)": lambda m: m.rand(2, 3, generator=m.Generator().manual_seed(4)),
    "randn((2, 2), dtype=float64, requires_grad=True)": lambda m: m.randn(
        (2, 2), dtype=m.float64, requires_grad=True
    ),
    "randn(torch.Size)": lambda m: m.randn(m.Size([2, 1])),
    "zeros(size=(2,))": lambda m: m.zeros(size=(2,)),
    "zeros(size=(1, 2), dtype=int64)": lambda m: m.zeros(size=(1, 2), dtype=m.int64),
    "ones(size=(1, 2), requires_grad=True)": lambda m: m.ones(size=(1, 2), requires_grad=True),
    "empty(size=(2,)).zero_()": lambda m: m.empty(size=(2,)).zero_(),
    "zeros(tensor(3))": lambda m: m.zeros(m.tensor(3)),
    "full(size=(2,), fill_value=3.0)": lambda m: m.full(size=(2,), fill_value=3.0),
    "full((2,), 1.5, dtype=int64)": lambda m: m.full((2,), 1.5, dtype=m.int64),
    "randint(low=0, high=10, size=(3,))": lambda m: m.randint(low=0, high=10, size=(3,)),
    "randint(10, size=(3,))": lambda m: m.randint(10, size=(3,)),
    "randint(3, 10, (2,), dtype=float32)": lambda m: m.randint(3, 10, (2,), dtype=m.float32),
    "randint(10, ())": lambda m: m.randint(10, ()),
    "randperm(n=4)": lambda m: m.randperm(n=4),
    "randperm(5, dtype=float32)": lambda m: m.randperm(5, dtype=m.float32),
    "arange(end=4)": lambda m: m.arange(end=4),
    "arange(start=1, end=4)": lambda m: m.arange(start=1, end=4),
    "arange(0.5, 3, dtype=int64)": lambda m: m.arange(0.5, 3, dtype=m.int64),
    "arange(tensor(3))": lambda m: m.arange(m.tensor(3)),
    "linspace(start=0., end=1., steps=3)": lambda m: m.linspace(start=0.0, end=1.0, steps=3),
    "linspace(0, 1, 0)": lambda m: m.linspace(0, 1, 0),
    "linspace(0, 1, 1)": lambda m: m.linspace(0, 1, 1),
    "linspace(0, 10, 5, dtype=int64)": lambda m: m.linspace(0, 10, 5, dtype=m.int64),
    "linspace(-1.5, 7, 4, dtype=int64)": lambda m: m.linspace(-1.5, 7, 4, dtype=m.int64),
    "normal(mean=0., std=1., size=(2,))": lambda m: m.normal(mean=0.0, std=1.0, size=(2,)),
    "normal(0., 1., (2,), requires_grad=True)": lambda m: m.normal(0.0, 1.0, (2,), requires_grad=True),
    "rand_like(x, dtype=float64)": lambda m: m.rand_like(m.zeros(2), dtype=m.float64),
    "randint_like(x, 10)": lambda m: m.randint_like(m.zeros(3), 10),
    "eye(2, 3, dtype=int64)": lambda m: m.eye(2, 3, dtype=m.int64),
    "tensor([1., 2.], dtype=float64, requires_grad=True)": lambda m: m.tensor(
        [1.0, 2.0], dtype=m.float64, requires_grad=True
    ),
    "zeros(2, True)": lambda m: m.zeros(2, True),
}


@pytest.mark.parametrize("make", list(KEYWORD_FORMS.values()), ids=list(KEYWORD_FORMS))
def test_keyword_forms_match_pytorch(make):
    real = pytest.importorskip("torch")
    real.manual_seed(3)
    torch.manual_seed(3)
    ours, theirs = make(torch), make(real)
    assert repr(ours) == repr(theirs)
    assert ours.requires_grad == theirs.requires_grad


BAD_FACTORY_CALLS = {
    "zeros()": lambda m: m.zeros(),
    "ones()": lambda m: m.ones(),
    "randn()": lambda m: m.randn(),
    "zeros(2, size=(2,))": lambda m: m.zeros(2, size=(2,)),
    "randn(2, size=(2,))": lambda m: m.randn(2, size=(2,)),
    "zeros(size=2)": lambda m: m.zeros(size=2),
    "zeros(2, 3.0)": lambda m: m.zeros(2, 3.0),
    "rand(2.5)": lambda m: m.rand(2.5),
    "zeros(None)": lambda m: m.zeros(None),
    "zeros(-1)": lambda m: m.zeros(-1),
    "ones(-2)": lambda m: m.ones(-2),
    "rand(2, -1)": lambda m: m.rand(2, -1),
    "full((-1,), 1.0)": lambda m: m.full((-1,), 1.0),
    "eye(-1)": lambda m: m.eye(-1),
    "randint(3, 10)": lambda m: m.randint(3, 10),
    "zeros(2, dtype=int64, requires_grad=True)": lambda m: m.zeros(2, dtype=m.int64, requires_grad=True),
    "arange(0, 5, 0)": lambda m: m.arange(0, 5, 0),
    "arange(1, 0.)": lambda m: m.arange(1, 0.0),
    "arange(0, 5, -1)": lambda m: m.arange(0, 5, -1),
    "linspace(0, 1, -1)": lambda m: m.linspace(0, 1, -1),
}


@pytest.mark.parametrize("call", list(BAD_FACTORY_CALLS.values()), ids=list(BAD_FACTORY_CALLS))
def test_bad_factory_calls_raise_pytorchs_error(call):
    real = pytest.importorskip("torch")
    raises_like_torch(call, real)


# -- linspace and arange, bit for bit -----------------------------------------------------------------


def _range_cases(seed: int, count: int) -> list[tuple[float, float, int]]:
    rng = np.random.default_rng(seed)
    drawn = [
        (float(rng.uniform(-50, 50)), float(rng.uniform(-50, 50)), int(rng.integers(2, 3000)))
        for _ in range(count)
    ]
    return [(-math.pi, math.pi, 2000), (0, 1, 5), (3, -2.2, 101), (-1e3, 1e3, 777), (0.1, 0.7, 33), *drawn]


@pytest.mark.parametrize("dtype", ["float32", "float64", "int64"])
def test_linspace_is_pytorchs_bit_for_bit(dtype):
    real = pytest.importorskip("torch")
    for start, end, steps in _range_cases(0, 40):
        same_bits(
            torch.linspace(start, end, steps, dtype=getattr(torch, dtype)),
            real.linspace(start, end, steps, dtype=getattr(real, dtype)),
        )


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_arange_is_pytorchs_bit_for_bit(dtype):
    real = pytest.importorskip("torch")
    rng = np.random.default_rng(1)
    cases = [(-1.0, 1.0, 0.1), (0, 1, 0.1), (0, 10, 0.37), (0, 2 * math.pi, 0.01), (5, 0, -0.3)]
    cases += [(-3.3, -3.3 + 0.0007 * n, 0.0007) for n in (32769, 100001)]  # shared among threads
    for _ in range(40):
        start, step, count = (
            rng.uniform(-10, 10),
            rng.uniform(0.001, 1) * rng.choice([-1, 1]),
            rng.integers(1, 3000),
        )
        cases.append((float(start), float(start + step * count), float(step)))
    for start, end, step in cases:
        same_bits(
            torch.arange(start, end, step, dtype=getattr(torch, dtype)),
            real.arange(start, end, step, dtype=getattr(real, dtype)),
        )


def test_ranges_print_as_in_pytorch():
    real = pytest.importorskip("torch")
    for make in (
        lambda m: m.linspace(-m.pi, m.pi, 2000),
        lambda m: m.linspace(-1, 1, 21).sin() * 0 + m.linspace(-1, 1, 21),
        lambda m: m.arange(-1.0, 1.0, 0.1),
    ):
        assert repr(make(torch)) == repr(make(real))


# -- the default dtype --------------------------------------------------------------------------------


@pytest.fixture
def float64_default():
    real = pytest.importorskip("torch")
    torch.set_default_dtype(torch.float64)
    real.set_default_dtype(real.float64)
    yield real
    torch.set_default_dtype(torch.float32)
    real.set_default_dtype(real.float32)


DEFAULT_FLOAT_MAKERS = {
    "tensor(1.5)": lambda m: m.tensor(1.5),
    "tensor([1.5, 2.0])": lambda m: m.tensor([1.5, 2.0]),
    "tensor([])": lambda m: m.tensor([]),
    "tensor(float32)": lambda m: m.tensor([1.0], dtype=m.float32),
    "rand": lambda m: m.rand(2),
    "randn(20)": lambda m: m.randn(20),
    "zeros": lambda m: m.zeros(2),
    "ones": lambda m: m.ones(2),
    "empty": lambda m: m.empty(0, 3),
    "full": lambda m: m.full((2,), 1.5),
    "eye": lambda m: m.eye(2),
    "arange of floats": lambda m: m.arange(0.0, 1.0, 0.25),
    "arange of ints": lambda m: m.arange(3),
    "linspace": lambda m: m.linspace(0, 1, 3),
    "normal": lambda m: m.normal(0.0, 1.0, (2,)),
    "Tensor([1])": lambda m: m.Tensor([1]),
    "Tensor(2)": lambda m: m.Tensor(2).zero_(),
    "FloatTensor([1])": lambda m: m.FloatTensor([1]),
    "int * 1.5": lambda m: m.tensor([1, 2]) * 1.5,
    "int / 2": lambda m: m.tensor([1, 2]) / 2,
    "bool + 0.5": lambda m: m.tensor(True) + 0.5,
    "float32 + 1.5": lambda m: m.zeros(2).to(m.float32) + 1.5,
}


@pytest.mark.parametrize("make", list(DEFAULT_FLOAT_MAKERS.values()), ids=list(DEFAULT_FLOAT_MAKERS))
def test_float64_default_flows_everywhere_as_in_pytorch(float64_default, make):
    real = float64_default
    real.manual_seed(0)
    torch.manual_seed(0)
    ours, theirs = make(torch), make(real)
    assert ours.dtype.name == str(theirs.dtype).removeprefix("torch.")
    assert repr(ours) == repr(theirs)  # the default dtype prints without dtype=, float32 with it


def test_default_dtype_setters_match_pytorch():
    real = pytest.importorskip("torch")
    try:
        for name in ("torch.DoubleTensor", "torch.FloatTensor"):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                torch.set_default_tensor_type(name)
                real.set_default_tensor_type(name)
            assert repr(torch.get_default_dtype()) == repr(real.get_default_dtype())
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.set_default_tensor_type(torch.DoubleTensor)
        assert torch.get_default_dtype() is torch.float64
        for call in (
            lambda m: m.set_default_dtype(m.int64),
            lambda m: m.set_default_dtype("float64"),
            lambda m: m.set_default_dtype(float),
            lambda m: m.set_default_tensor_type("torch.LongTensor"),
            lambda m: m.set_default_tensor_type(m.LongTensor),
            lambda m: m.set_default_tensor_type("torch.cuda.FloatTensor"),
            lambda m: m.set_default_tensor_type("xyz"),
            lambda m: m.set_default_tensor_type(m.float64),
        ):
            raises_like_torch(call, real)
    finally:
        torch.set_default_dtype(torch.float32)
        real.set_default_dtype(real.float32)


def test_set_default_tensor_type_warns_once_like_pytorch():
    import autograd_lab._dtype as dtypes

    dtypes._warned_legacy = False
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            torch.set_default_tensor_type("torch.DoubleTensor")
            torch.set_default_tensor_type("torch.FloatTensor")
        assert len(caught) == 1 and caught[0].category is UserWarning
        assert str(caught[0].message).startswith(
            "torch.set_default_tensor_type() is deprecated as of PyTorch 2.1"
        )
    finally:
        torch.set_default_dtype(torch.float32)


def test_legacy_types_know_their_dtype():
    real = pytest.importorskip("torch")
    for name in ("FloatTensor", "DoubleTensor", "LongTensor", "BoolTensor"):
        ours, theirs = getattr(torch, name), getattr(real, name)
        assert repr(ours) == repr(theirs) and repr(ours.dtype) == repr(theirs.dtype)
        for data, dtype in (([1.0], "float32"), ([1.0], "float64"), ([1], "int64"), ([True], "bool")):
            assert isinstance(torch.tensor(data, dtype=getattr(torch, dtype)), ours) == isinstance(
                real.tensor(data, dtype=getattr(real, dtype)), theirs
            )
