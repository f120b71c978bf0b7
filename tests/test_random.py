"""PyTorch's random generator (autograd_lab/_random.py) and the random functions built on it.

After the same ``manual_seed``, every draw must be PyTorch's bit for bit and
leave the generator where PyTorch leaves it, so that the next draw matches
too.  Compared with PyTorch itself when it is installed.
"""

from __future__ import annotations

import warnings
from fractions import Fraction

import numpy as np
import pytest
from twins import raises_like_torch, same_bits, same_repr

import autograd_lab as lab
from autograd_lab import _random


@pytest.fixture
def torch():
    return pytest.importorskip("torch")


SEEDS = [0, 7, 2**32 + 5]
SIZES = [1, 2, 3, 15, 16, 17, 31, 100, 1000]


def seeded(m, seed):
    m.manual_seed(seed)
    return m


def twice(torch, seed, call):
    """``call(m)`` after ``manual_seed(seed)`` in both, and the next ``rand(3)``: (ours, theirs) pairs."""
    ours = call(seeded(lab, seed)), lab.rand(3)
    theirs = call(seeded(torch, seed)), torch.rand(3)
    return list(zip(ours, theirs, strict=True))


def assert_twice(torch, seed, call):
    for ours, theirs in twice(torch, seed, call):
        same_bits(ours, theirs)


# -- the generator ---------------------------------------------------------------------------


def test_generator_seeds_and_reports_like_pytorch():
    g = lab.Generator()
    assert g.initial_seed() == 67280421310721  # PyTorch's default_rng_seed_val
    assert g.manual_seed(3) is g and g.initial_seed() == 3
    assert lab.manual_seed(5) is lab.default_generator and lab.initial_seed() == 5
    assert lab.Generator().manual_seed(-1).initial_seed() == 2**64 - 1  # wraps as a C++ uint64_t
    assert lab.Generator().manual_seed(1.9).initial_seed() == 1
    assert lab.Generator().manual_seed(lab.tensor(4)).initial_seed() == 4
    drawn = g.seed()
    assert g.initial_seed() == drawn and 0 <= drawn < 2**64
    assert repr(g).startswith("<torch._C.Generator object at 0x")
    assert g.device == lab.device("cpu") and lab.Generator("cpu").device == lab.device("cpu")


def test_generator_repr_in_ipython_is_pytorchs():
    pretty = pytest.importorskip("IPython.lib.pretty")
    assert pretty.pretty(lab.Generator()).startswith("<torch._C.Generator at 0x")


def test_state_round_trip_keeps_the_cached_normal():
    lab.manual_seed(11)
    lab.randn(3)  # leaves the second value of a Box-Muller pair in the generator
    state = lab.get_rng_state()
    first = lab.randn(1), lab.rand(2), lab.randn(20)
    lab.set_rng_state(state)
    again = lab.randn(1), lab.rand(2), lab.randn(20)
    for a, b in zip(first, again, strict=True):
        assert a.tolist() == b.tolist()
    g = lab.Generator().set_state(state)
    assert g.initial_seed() == 11 and g.get_state().tolist() == state.tolist()
    with pytest.raises(RuntimeError, match="Hint: "):
        lab.set_rng_state(lab.zeros(3, dtype=lab.int64))


def test_generator_errors_match_pytorch(torch):
    raises_like_torch(lambda m: m.Generator("cuda"), torch)
    raises_like_torch(lambda m: m.manual_seed(2**64), torch)


def test_a_generator_argument_leaves_the_default_stream_alone(torch):
    for m in (lab, torch):
        m.manual_seed(1)
    g_ours, g_theirs = lab.Generator().manual_seed(9), torch.Generator().manual_seed(9)
    same_bits(lab.randn(20, generator=g_ours), torch.randn(20, generator=g_theirs))
    same_bits(lab.randperm(30, generator=g_ours), torch.randperm(30, generator=g_theirs))
    same_bits(lab.rand(4), torch.rand(4))  # the default generator did not move
    with pytest.raises(TypeError, match="Hint: "):
        lab.rand(2, generator=5)


# -- every draw, bit for bit -------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_rand_randn_normal_uniform_are_pytorchs(torch, seed, n, dtype):
    assert_twice(torch, seed, lambda m: m.rand(n, dtype=getattr(m, dtype)))
    assert_twice(torch, seed, lambda m: m.randn(n, dtype=getattr(m, dtype)))
    assert_twice(torch, seed, lambda m: m.empty(n, dtype=getattr(m, dtype)).normal_(-1.3, 0.37))
    assert_twice(torch, seed, lambda m: m.empty(n, dtype=getattr(m, dtype)).uniform_(-0.408, 0.408))
    assert_twice(torch, seed, lambda m: m.empty(n, dtype=getattr(m, dtype)).exponential_(0.37))


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize(
    ("low", "high"), [(0, 10), (-5, 5), (0, 2**28 - 1), (0, 2**28), (-(2**40), 7), (3, 2**53 + 5)]
)
@pytest.mark.parametrize("dtype", ["int64", "float32", "float64"])
def test_randint_and_random_are_pytorchs(torch, seed, low, high, dtype):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # float32 can't hold every integer of a wide range: both warn
        assert_twice(torch, seed, lambda m: m.randint(low, high, (40,), dtype=getattr(m, dtype)))
        assert_twice(torch, seed, lambda m: m.empty(7, dtype=getattr(m, dtype)).random_(low, high))
        if low == 0:
            assert_twice(torch, seed, lambda m: m.empty(7, dtype=getattr(m, dtype)).random_(high))
    assert_twice(torch, seed, lambda m: m.empty(9, dtype=getattr(m, dtype)).random_())


def test_random_on_bool_and_randint_forms_are_pytorchs(torch):
    assert_twice(torch, 3, lambda m: m.empty(20, dtype=m.bool).random_())
    assert_twice(torch, 3, lambda m: m.randint(10, (2, 3)))
    assert_twice(torch, 3, lambda m: m.randint(high=10, size=(4,)))
    assert_twice(torch, 3, lambda m: m.randint(low=2, high=9, size=[4]))
    assert_twice(torch, 3, lambda m: m.randint_like(m.zeros(3), 2, 10))


@pytest.mark.parametrize("n", [0, 1, 2, 5, 100, 5000])
def test_randperm_is_pytorchs(torch, n):
    assert_twice(torch, 4, lambda m: m.randperm(n))
    assert_twice(torch, 4, lambda m: m.randperm(n, dtype=m.float32))


@pytest.mark.parametrize("p", [0.0, 0.1, 0.5, 0.93, 1.0])
def test_bernoulli_is_pytorchs(torch, p):
    assert_twice(torch, 2, lambda m: m.empty(50).bernoulli_(p))
    assert_twice(torch, 2, lambda m: m.empty(50, dtype=m.int64).bernoulli_(p))
    probabilities = np.random.default_rng(0).random((4, 5))
    for dtype in (np.float32, np.float64):
        assert_twice(torch, 2, lambda m, d=dtype: m.bernoulli(m.tensor(probabilities.astype(d))))
        assert_twice(
            torch, 2, lambda m, d=dtype: m.empty(3, 4, 5).bernoulli_(m.tensor(probabilities.astype(d)))
        )
    assert_twice(torch, 2, lambda m: m.bernoulli(m.zeros(8), p))


@pytest.mark.parametrize("n", [3, 20])
def test_normal_overloads_are_pytorchs(torch, n):
    means = np.linspace(-2.0, 2.0, n).astype(np.float32)
    spreads = np.linspace(0.1, 3.0, n).astype(np.float32)
    assert_twice(torch, 8, lambda m: m.normal(m.tensor(means), 0.5))
    assert_twice(torch, 8, lambda m: m.normal(1.5, m.tensor(spreads)))
    assert_twice(torch, 8, lambda m: m.normal(m.tensor(means), m.tensor(spreads)))
    assert_twice(torch, 8, lambda m: m.normal(m.tensor(means).reshape(-1, 1), m.tensor(spreads)))
    assert_twice(torch, 8, lambda m: m.normal(mean=m.tensor(means.astype(np.float64))))
    assert_twice(torch, 8, lambda m: m.normal(2.0, 3.0, size=(n,)))
    assert_twice(torch, 8, lambda m: m.normal(0, 1, (2, n), dtype=m.float64))
    assert_twice(torch, 8, lambda m: m.normal(m.zeros(n), m.ones(n), generator=m.Generator().manual_seed(0)))


def test_interleaved_calls_share_one_stream(torch):
    # The serial Box-Muller path keeps its second value for the next normal draw of any size < 16.
    calls = [
        lambda m: m.randn(3), lambda m: m.randn(1), lambda m: m.rand(4), lambda m: m.randn(17),
        lambda m: m.randn(2), lambda m: m.randint(0, 2**30, (3,)), lambda m: m.randn(1),
        lambda m: m.randperm(6), lambda m: m.empty(5).normal_(), lambda m: m.empty(2).bernoulli_(0.3),
        lambda m: m.randn(2, dtype=m.float64), lambda m: m.empty(3).exponential_(), lambda m: m.randn(1),
    ]  # fmt: skip
    for m in (lab, torch):
        m.manual_seed(21)
    for call in calls:
        same_bits(call(lab), call(torch))


def test_non_contiguous_tensors_fill_in_memory_order(torch):
    for fill in (
        lambda t: t.uniform_(),
        lambda t: t.normal_(),  # 20 values, but not contiguous: the one-pair-at-a-time path
        lambda t: t.bernoulli_(0.5),
        lambda t: t.random_(100),
    ):
        assert_twice(torch, 5, lambda m, f=fill: f(m.empty(4, 5).t()))
        assert_twice(torch, 5, lambda m, f=fill: f(m.empty(2, 3, 4).permute(2, 0, 1)))


# -- what the draws print and record ---------------------------------------------------------------


def test_seeded_draws_print_as_in_pytorch(torch):
    for call in (lambda m: m.randn(2, 3), lambda m: m.rand(4), lambda m: m.randint(0, 10, (5,))):
        for ours, theirs in twice(torch, 0, call):
            same_repr(ours, theirs)
    same_repr(seeded(lab, 1).randn(2, requires_grad=True), seeded(torch, 1).randn(2, requires_grad=True))


FILLS = {
    "uniform_": lambda t: t.uniform_(-1, 1),
    "normal_": lambda t: t.normal_(0, 2),
    "bernoulli_": lambda t: t.bernoulli_(0.5),
    "bernoulli_ (tensor p)": lambda t: t.bernoulli_(t.detach() * 0 + 0.5),
    "random_()": lambda t: t.random_(),
    "random_(to)": lambda t: t.random_(5),
    "random_(from, to)": lambda t: t.random_(0, 5),
    "exponential_": lambda t: t.exponential_(),
}


@pytest.mark.parametrize("fill", list(FILLS.values()), ids=list(FILLS))
def test_inplace_initialisers_follow_autograd_like_pytorch(torch, fill):
    # On a leaf that requires grad: PyTorch's leaf error, unless under no_grad.
    raises_like_torch(lambda m: fill(m.ones(3, requires_grad=True)), torch)
    for m in (lab, torch):
        leaf = m.ones(3, requires_grad=True)
        with m.no_grad():
            assert fill(leaf) is leaf
        assert leaf.requires_grad and leaf.is_leaf and leaf.grad_fn is None
    # On a computed tensor: recorded, with PyTorch's node, and a zero gradient.
    nodes, grads = [], []
    for m in (lab, torch):
        x = m.ones(3, requires_grad=True)
        y = fill(x * 2)
        nodes.append(type(y.grad_fn).__name__)
        y.sum().backward()
        grads.append(x.grad.tolist())
    assert nodes[0] == nodes[1] and grads[0] == grads[1] == [0.0, 0.0, 0.0]


def test_the_derivatives_of_normal_and_bernoulli_are_zero_as_in_pytorch(torch):
    # PyTorch defines them as 0, though normal's draw moves with mean and std.
    results = []
    for m in (lab, torch):
        mean = m.tensor([0.5, -1.0], requires_grad=True)
        std = m.tensor([[1.0], [2.0], [0.5]], requires_grad=True)
        p = m.tensor([0.2, 0.7], requires_grad=True)
        m.manual_seed(0)
        outs = [m.normal(mean, 2.0), m.normal(0.5, std), m.normal(mean, std), m.bernoulli(p)]
        weights = m.tensor([[1.0, -2.0], [0.5, 3.0], [1.5, 1.0]])
        sum((o * weights[: o.shape[0]] if o.dim() == 2 else o * 3.0).sum() for o in outs).backward()
        results.append(
            ([type(o.grad_fn).__name__ for o in outs], mean.grad.tolist(), std.grad.tolist(), p.grad.tolist())
        )
    assert results[0] == results[1]
    assert results[0][0] == ["NormalBackward1", "NormalBackward2", "NormalBackward3", "BernoulliBackward0"]


BAD_DRAWS = {
    "uniform_ on int64": lambda m: m.ones(3, dtype=m.int64).uniform_(),
    "normal_ on int64": lambda m: m.ones(3, dtype=m.int64).normal_(),
    "randn int64": lambda m: m.randn(2, dtype=m.int64),
    "rand int64": lambda m: m.rand(2, dtype=m.int64),
    "uniform_ from > to": lambda m: m.ones(3).uniform_(2.5, 1),
    "normal_ std < 0": lambda m: m.ones(3).normal_(0, -0.1),
    "bernoulli_ p > 1": lambda m: m.ones(3).bernoulli_(1.5),
    "bernoulli p < 0": lambda m: m.bernoulli(m.tensor([0.5, -0.2])),
    "bernoulli of int64": lambda m: m.bernoulli(m.tensor([1, 0])),
    "random_ from >= to": lambda m: m.ones(3).random_(5, 2),
    "randint low >= high": lambda m: m.randint(5, 3, (2,)),
    "exponential_ lambda 0": lambda m: m.ones(3).exponential_(0),
    "normal with no size": lambda m: m.normal(0.0, 1.0),
    "normal with a tensor and a size": lambda m: m.normal(m.zeros(2), 1.0, (2,)),
    "normal with tensor std < 0": lambda m: m.normal(m.zeros(3), m.tensor([1.0, -1.0, 2.0])),
    "normal with float std < 0": lambda m: m.normal(m.zeros(3), -1.5),
    "normal of int64": lambda m: m.normal(m.tensor([0, 1]), 1.0),
    "randperm(-1)": lambda m: m.randperm(-1),
    "randperm(3.5)": lambda m: m.randperm(3.5),
    "randn(-2)": lambda m: m.randn(-2),
    "bernoulli_ p does not expand": lambda m: m.empty(2, 3).bernoulli_(m.tensor([[0.5], [0.2], [1.0]])),
}


@pytest.mark.parametrize("call", list(BAD_DRAWS.values()), ids=list(BAD_DRAWS))
def test_misuse_raises_pytorchs_error_with_a_hint(torch, call):
    raises_like_torch(call, torch)


def test_wide_float_ranges_warn_as_pytorch_does(torch):
    for m in (lab, torch):
        with pytest.warns(UserWarning, match=r"to - 1 is out of bounds \[-\(2\^24\), 2\^24\]"):
            m.randint(0, 2**30, (2,), dtype=m.float32)


# -- fused multiply-add ------------------------------------------------------------------------------


def _exact_fma(a, b, c):
    return Fraction(float(a)) * Fraction(float(b)) + Fraction(float(c))


def test_fma32_rounds_once():
    rng = np.random.default_rng(0)
    a, b = (rng.standard_normal(5000) * 4).astype(np.float32), rng.standard_normal(5000).astype(np.float32)
    c = (rng.standard_normal(5000) * 0.01).astype(np.float32)
    # (1 + 2**-12)**2 lies exactly halfway between two float32 numbers; adding -+2**-60 decides the
    # rounding, but float64 cannot hold the sum: these two need fma32's correction of ties.
    a[:2] = b[:2] = np.float32(1 + 2**-12)
    c[:2] = np.array([-(2**-60), 2**-60], dtype=np.float32)
    got = _random.fma32(a, b, c)
    assert got.dtype == np.float32
    for value, x, y, z in zip(got, a, b, c, strict=True):
        exact = _exact_fma(x, y, z)
        error = abs(Fraction(float(value)) - exact)
        for neighbour in (np.nextafter(value, np.float32(np.inf)), np.nextafter(value, np.float32(-np.inf))):
            assert error <= abs(Fraction(float(neighbour)) - exact), (x, y, z, value)


def test_fma64_rounds_once():
    rng = np.random.default_rng(1)
    a, b, c = rng.standard_normal(5000), rng.standard_normal(5000) * 3, rng.standard_normal(5000)
    got = _random.fma64(a, b, c)
    expected = np.array([float(_exact_fma(*v)) for v in zip(a, b, c, strict=True)])
    np.testing.assert_array_equal(got, expected)
    assert _random.fma64(1 + 2**-30, 1 + 2**-30, -1.0) == 2**-29 + 2**-60  # a plain a*b + c loses 2**-60
