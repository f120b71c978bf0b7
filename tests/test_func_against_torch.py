"""``autograd_lab.func`` against ``torch.func``: the same transforms, the same numbers, the same errors.

Each case runs one function of the module (``m`` is ``autograd_lab`` or
``torch``) in both, on the same inputs made from NumPy arrays, and compares
the results leaf by leaf: type of container, shape, dtype, ``requires_grad``,
and values (float64 to a relative 1e-12: the derivatives are computed by
other routes than PyTorch's, so the last bits may differ; float32 to 1e-5).
Then PyTorch's tutorials' patterns (per-sample gradients, model ensembles),
and misuse, whose error type and sentence must be PyTorch's.
"""

from __future__ import annotations

import copy
import functools
import subprocess
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

import numpy as np
import pytest

torch_ref = pytest.importorskip("torch")
import torch.func  # noqa: E402, F401 - torch.func is a submodule of its own
from twins import raises_like_torch  # noqa: E402

import autograd_lab as lab  # noqa: E402
import autograd_lab.func  # noqa: E402, F401

RNG = np.random.default_rng(20261206)
A = RNG.standard_normal((3,))
B = RNG.standard_normal((2, 3))
C = RNG.standard_normal((4, 3))
W = RNG.standard_normal((3, 3))
D = RNG.standard_normal((2, 3, 4))


def arrays(m: ModuleType, *values: np.ndarray, requires_grad: bool = False) -> list:
    return [m.tensor(v, requires_grad=requires_grad) for v in values]


def compare(ours: Any, theirs: Any, rtol: float = 1e-12, atol: float = 1e-14) -> None:
    """Same structure; tensors alike in shape, dtype, requires_grad and (to ``rtol``) values."""
    if isinstance(theirs, torch_ref.Tensor):
        assert isinstance(ours, lab.Tensor), type(ours)
        assert tuple(ours.shape) == tuple(theirs.shape)
        assert str(ours.dtype) == str(theirs.dtype)
        assert ours.requires_grad == theirs.requires_grad
        assert (ours.grad_fn is None) == (theirs.grad_fn is None)
        np.testing.assert_allclose(ours.detach().numpy(), theirs.detach().numpy(), rtol=rtol, atol=atol)
    elif isinstance(theirs, (tuple, list)):
        assert type(ours) is type(theirs) and len(ours) == len(theirs), (ours, theirs)
        for a, b in zip(ours, theirs, strict=True):
            compare(a, b, rtol, atol)
    elif isinstance(theirs, dict):
        assert type(ours) is type(theirs) and list(ours) == list(theirs)
        for key in theirs:
            compare(ours[key], theirs[key], rtol, atol)
    else:
        assert ours == theirs


def same(case: Callable[[ModuleType], Any], rtol: float = 1e-12, atol: float = 1e-14) -> None:
    compare(case(lab), case(torch_ref), rtol, atol)


def f_sin(m: ModuleType) -> Callable:
    return lambda x: (x.sin() * x).sum()


# -- each case: a function of the module; its result is compared --------------------------------------
CASES: dict[str, Callable[[ModuleType], Any]] = {
    "grad": lambda m: m.func.grad(lambda x: (x.sin() * x).sum())(*arrays(m, A)),
    "grad of a product, argnums tuple": lambda m: m.func.grad(
        lambda x, y: (x * y).pow(2).sum(), argnums=(0, 1)
    )(*arrays(m, A, B)),
    "grad argnums -1": lambda m: m.func.grad(lambda x, y: (x * y).sum(), argnums=-1)(*arrays(m, A, B)),
    "grad has_aux": lambda m: m.func.grad(lambda x: ((x**3).sum(), {"sq": x**2}), has_aux=True)(
        *arrays(m, A)
    ),
    "grad_and_value": lambda m: m.func.grad_and_value(lambda x: x.exp().sum())(*arrays(m, A)),
    "grad_and_value has_aux": lambda m: m.func.grad_and_value(
        lambda x: (x.exp().sum(), x.cos()), has_aux=True
    )(*arrays(m, A)),
    "grad of a dict and a list": lambda m: m.func.grad(
        lambda p, xs: (p["w"] @ xs[0]).tanh().sum() + (p["b"] * xs[1]).sum()
    )({"w": m.tensor(W), "b": m.tensor(A)}, [m.tensor(A), m.tensor(A * 2)]),
    "grad with keyword arguments passed through": lambda m: m.func.grad(
        lambda x, scale=1.0: (x * scale).sum()
    )(*arrays(m, A), scale=m.tensor(3.0, dtype=m.float64)),
    "grad of an unused argument is zeros": lambda m: m.func.grad(lambda x, y: (x**2).sum(), argnums=1)(
        *arrays(m, A, B)
    ),
    "grad of a constant output is zeros": lambda m: m.func.grad(lambda x: m.tensor(1.0, dtype=m.float64))(
        *arrays(m, A)
    ),
    "grad of grad": lambda m: m.func.grad(m.func.grad(lambda x: x.sin() * x**2))(
        m.tensor(0.7, dtype=m.float64)
    ),
    "grad of grad of grad": lambda m: m.func.grad(m.func.grad(m.func.grad(lambda x: x.exp() * x.sin())))(
        m.tensor(0.3, dtype=m.float64)
    ),
    "grad through an inner grad closing over x": lambda m: m.func.grad(
        lambda x: m.func.grad(lambda y: (x * y).sin())(m.tensor(0.5, dtype=m.float64))
    )(m.tensor(1.5, dtype=m.float64)),
    "vjp": lambda m: (lambda out, fn: (out, fn(m.tensor(B))))(
        *m.func.vjp(lambda x: x.sin() * 2, m.tensor(B))
    ),
    "vjp of two inputs and two outputs": lambda m: (lambda out, fn: (out, fn((m.tensor(B), m.tensor(A)))))(
        *m.func.vjp(
            lambda x, y: (x * y, (x @ y.unsqueeze(-1)).squeeze(-1).repeat(2)[:3]), m.tensor(B), m.tensor(A)
        )
    ),
    "vjp has_aux, called twice": lambda m: (
        lambda out, fn, aux: (out, fn(m.tensor(A)), fn(m.tensor(A) * 2), aux)
    )(*m.func.vjp(lambda x: (x.exp(), x.sum()), m.tensor(A), has_aux=True)),
    "vjp of a dict": lambda m: (lambda out, fn: fn(m.tensor(A)))(
        *m.func.vjp(lambda p: p["a"] * p["b"], {"a": m.tensor(A), "b": m.tensor(A * 3)})
    ),
    "jvp": lambda m: m.func.jvp(lambda x: x.sin() * x, (m.tensor(A),), (m.tensor(A * 0.5),)),
    "jvp of two inputs, tuple out": lambda m: m.func.jvp(
        lambda x, y: (x * y.sum(), (x**2).sum()), (m.tensor(B), m.tensor(A)), (m.tensor(B * 3), m.tensor(A))
    ),
    "jvp has_aux": lambda m: m.func.jvp(
        lambda x: (x.tanh(), x.sum()), (m.tensor(A),), (m.tensor(A),), has_aux=True
    ),
    "jvp of an output independent of the input": lambda m: m.func.jvp(
        lambda x: (x * 2, m.ones(2, dtype=m.float64)), (m.tensor(A),), (m.tensor(A),)
    ),
    "jvp of the identity": lambda m: m.func.jvp(lambda x: x, (m.tensor(A),), (m.tensor(A * 5),)),
    "hvp as jvp of grad": lambda m: m.func.jvp(
        m.func.grad(lambda x: (x.sin() * x).sum()), (m.tensor(A),), (m.tensor(A),)
    ),
    "hvp as vjp of grad": lambda m: (lambda out, fn: fn(m.tensor(A)))(
        *m.func.vjp(m.func.grad(lambda x: (x.sin() * x).sum()), m.tensor(A))
    ),
    "jacrev": lambda m: m.func.jacrev(lambda x: (x @ x.T).tanh())(m.tensor(B)),
    "jacrev argnums tuple": lambda m: m.func.jacrev(lambda w, b, x: (w @ x + b).tanh(), argnums=(0, 1))(
        *arrays(m, W, A, A)
    ),
    "jacrev of a 0-d input and a 0-d output": lambda m: m.func.jacrev(lambda x: x.exp() * 3)(
        m.tensor(0.25, dtype=m.float64)
    ),
    "jacrev of two outputs": lambda m: m.func.jacrev(lambda x: (x.sin(), x.sum()))(m.tensor(B)),
    "jacrev of a dict input": lambda m: m.func.jacrev(lambda p: p["a"] * p["b"].sum())(
        {"a": m.tensor(A), "b": m.tensor(B)}
    ),
    "jacrev has_aux": lambda m: m.func.jacrev(lambda x: (x.sin(), x.cos()), has_aux=True)(m.tensor(A)),
    "jacrev chunk_size": lambda m: m.func.jacrev(lambda x: x.sin() * x.sum(), chunk_size=2)(m.tensor(A)),
    "jacfwd": lambda m: m.func.jacfwd(lambda x: (x @ x.T).tanh())(m.tensor(B)),
    "jacfwd argnums tuple": lambda m: m.func.jacfwd(lambda w, b, x: (w @ x + b).tanh(), argnums=(0, 1))(
        *arrays(m, W, A, A)
    ),
    "jacfwd of a 0-d input": lambda m: m.func.jacfwd(lambda x: m.stack([x.sin(), x * x]))(
        m.tensor(0.25, dtype=m.float64)
    ),
    "jacfwd of two outputs": lambda m: m.func.jacfwd(lambda x: (x.sin(), x.sum()))(m.tensor(B)),
    "jacfwd has_aux": lambda m: m.func.jacfwd(lambda x: (x.sin(), x.cos()), has_aux=True)(m.tensor(A)),
    "hessian": lambda m: m.func.hessian(lambda x: (x.sin() * x).sum() + (x @ x) ** 2)(m.tensor(A)),
    "hessian argnums": lambda m: m.func.hessian(lambda w, x: (w @ x).tanh().sum(), argnums=1)(
        *arrays(m, W, A)
    ),
    "jacrev of jacrev": lambda m: m.func.jacrev(m.func.jacrev(lambda x: x.sin() * x.prod()))(m.tensor(A)),
    "jacfwd of jacfwd": lambda m: m.func.jacfwd(m.func.jacfwd(lambda x: x.sin() * x.prod()))(m.tensor(A)),
    "jacrev of jacfwd": lambda m: m.func.jacrev(m.func.jacfwd(lambda x: x.exp() * x.sum()))(m.tensor(A)),
    "linearize": lambda m: (lambda out, fn: (out, fn(m.tensor(A)), fn(m.tensor(A * 2))))(
        *m.func.linearize(lambda x: x.sin() * x.exp(), m.tensor(A))
    ),
    "vmap": lambda m: m.func.vmap(lambda x: x.sin() * x.sum())(m.tensor(C)),
    "vmap in_dims 1 and None": lambda m: m.func.vmap(lambda x, w: w @ x, in_dims=(1, None))(
        *arrays(m, C.T.copy(), W)
    ),
    "vmap in_dims -1": lambda m: m.func.vmap(lambda x: x * 2, in_dims=-1)(m.tensor(B)),
    "vmap nested in_dims over a dict": lambda m: m.func.vmap(
        lambda p, x: p["w"] * x + p["b"], in_dims=({"w": 0, "b": None}, 0)
    )({"w": m.tensor(C), "b": m.tensor(A)}, m.tensor(C)),
    "vmap in_dims for a list": lambda m: m.func.vmap(lambda xs: xs[0] + xs[1], in_dims=([0, 1],))(
        [m.tensor(C), m.tensor(C.T.copy())]
    ),
    "vmap out_dims 1": lambda m: m.func.vmap(lambda x: x.exp(), out_dims=1)(m.tensor(C)),
    "vmap out_dims -1": lambda m: m.func.vmap(lambda x: x.exp(), out_dims=-1)(m.tensor(C)),
    "vmap out_dims tuple and None": lambda m: m.func.vmap(
        lambda x, w: (x * w, w * 2), in_dims=(0, None), out_dims=(1, None)
    )(*arrays(m, C, A)),
    "vmap of a tuple output": lambda m: m.func.vmap(lambda x: (x.sum(), x.max()))(m.tensor(C)),
    "vmap of a dict output": lambda m: m.func.vmap(lambda x: {"s": x.sum(), "p": x * 2})(m.tensor(C)),
    "vmap keyword arguments are not mapped": lambda m: m.func.vmap(lambda x, scale: x * scale)(
        m.tensor(C), scale=m.tensor(A)
    ),
    "vmap of vmap": lambda m: m.func.vmap(m.func.vmap(lambda x: x**2 + 1))(m.tensor(C)),
    "vmap of vmap, inner in_dims 1": lambda m: m.func.vmap(m.func.vmap(lambda x: x.sum(), in_dims=1))(
        m.tensor(D)
    ),
    "vmap chunk_size": lambda m: m.func.vmap(lambda x: x.cumsum(0), chunk_size=3)(m.tensor(C)),
    "vmap of an empty batch": lambda m: m.func.vmap(lambda x: (x.sum(), x * 2))(m.zeros(0, 3)),
    "vmap of an output not depending on the input": lambda m: m.func.vmap(lambda x: m.ones(2))(m.tensor(C)),
    "vmap of grad": lambda m: m.func.vmap(m.func.grad(lambda x: (x.sin() * x).sum()))(m.tensor(C)),
    "vmap of grad, in_dims None for the weights": lambda m: m.func.vmap(
        m.func.grad(lambda w, x: (w @ x).tanh().sum()), in_dims=(None, 0)
    )(*arrays(m, W, C)),
    "vmap of jacrev": lambda m: m.func.vmap(m.func.jacrev(lambda x: x.sin() * x.sum()))(m.tensor(C)),
    "vmap of jacfwd": lambda m: m.func.vmap(m.func.jacfwd(lambda x: x.sin() * x.sum()))(m.tensor(C)),
    "vmap of hessian": lambda m: m.func.vmap(m.func.hessian(lambda x: (x.sin() * x).prod()))(m.tensor(C)),
    "vmap of vjp_fn over a basis": lambda m: m.func.vmap(
        m.func.vjp(lambda x: (x @ m.tensor(W)).tanh(), m.tensor(A))[1]
    )(m.eye(3, dtype=m.float64)),
    "grad of vmap": lambda m: m.func.grad(lambda x: m.func.vmap(lambda r: r.sin().sum())(x).sum())(
        m.tensor(C)
    ),
    "jacrev of vmap": lambda m: m.func.jacrev(m.func.vmap(lambda r: r.sin() * r.sum()))(m.tensor(B)),
    "functionalize": lambda m: m.func.functionalize(lambda x: x.clone().mul_(2).sin())(m.tensor(A)),
    "debug_unwrap": lambda m: m.func.debug_unwrap(m.tensor(A)),
    "replace_all_batch_norm_modules_": lambda m: (
        lambda net: (net[1].running_mean, net[1].running_var, net[1].track_running_stats, net(m.tensor(C)))
    )(m.func.replace_all_batch_norm_modules_(m.nn.Sequential(m.nn.Identity(), m.nn.BatchNorm1d(3).double()))),
    "top-level vmap": lambda m: m.vmap(lambda x: x.sum())(m.tensor(C)),
    "float32": lambda m: m.func.vmap(m.func.grad(lambda x: (x.sin() * x).sum()))(
        m.tensor(C, dtype=m.float32)
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_as_pytorch(name: str) -> None:
    if name == "float32":
        same(CASES[name], rtol=1e-5, atol=1e-6)
    else:
        same(CASES[name])


# -- the results and the caller's autograd ---------------------------------------------------------------


def through_regular_autograd(m: ModuleType) -> tuple:
    """A transform's result is differentiable with respect to the caller's tensors that require grad."""
    x = m.tensor(A, requires_grad=True)
    w = m.tensor(W, requires_grad=True)
    g = m.func.grad(lambda v: (w @ v).tanh().sum() * v.sum())(x)
    return g, m.autograd.grad(g.sum(), (x, w))


def test_results_stay_differentiable_for_the_callers_autograd() -> None:
    same(through_regular_autograd)


def test_results_are_plain_when_nothing_outside_requires_grad() -> None:
    for m in (lab, torch_ref):
        x = m.tensor(A)
        for result in (
            m.func.grad(lambda v: (v**2).sum())(x),
            m.func.jacrev(lambda v: v**2)(x),
            m.func.jacfwd(lambda v: v**2)(x),
            m.func.hessian(lambda v: (v**3).sum())(x),
            m.func.vjp(lambda v: v**2, x)[1](x)[0],
            m.func.jvp(lambda v: v**2, (x,), (x,))[1],
        ):
            assert not result.requires_grad and result.grad_fn is None


def test_transforms_work_under_no_grad() -> None:
    def case(m: ModuleType) -> Any:
        with m.no_grad():
            return m.func.grad(lambda v: (v.sin() * v).sum())(m.tensor(A)), m.func.jacfwd(m.sin)(m.tensor(A))

    same(case)


def test_function_names_are_kept() -> None:
    def loss(x: Any) -> Any:
        return x.sum()

    for transform in ("grad", "grad_and_value", "vmap", "jacrev", "jacfwd"):
        assert getattr(lab.func, transform)(loss).__name__ == "loss"


# -- randomness -------------------------------------------------------------------------------------------


def random_same(m: ModuleType) -> tuple:
    m.manual_seed(3)
    out = m.func.vmap(lambda x: x + m.rand(3), randomness="same")(m.tensor(C, dtype=m.float32))
    return out, m.rand(2)  # the generator is left where one draw leaves it


def test_randomness_same_draws_once_as_pytorch() -> None:
    ours, theirs = random_same(lab), random_same(torch_ref)
    compare(ours, theirs, rtol=0, atol=0)


def random_different(m: ModuleType) -> tuple:
    """One random operation per function: PyTorch draws it for the whole batch, one number after another."""
    m.manual_seed(4)
    x = m.ones(4, 3)
    return (
        m.func.vmap(lambda r: r + m.rand(3), randomness="different")(x),
        m.func.vmap(lambda r: m.randn(2), randomness="different")(x),
        m.func.vmap(lambda r: m.nn.functional.dropout(r, 0.5), randomness="different")(x),
        m.rand(2),
    )


def test_randomness_different_draws_as_pytorch_where_its_draws_are_sequential() -> None:
    ours, theirs = random_different(lab), random_different(torch_ref)
    compare(ours, theirs, rtol=0, atol=0)
    assert len({tuple(row.tolist()) for row in ours[0]}) == 4


def test_randomness_error_leaves_the_generator_untouched() -> None:
    lab.manual_seed(5)
    before = lab.get_rng_state()
    with pytest.raises(RuntimeError, match="vmap: called random operation"):
        lab.func.vmap(lambda x: x + lab.rand(3))(lab.zeros(2, 3))
    assert lab.equal(lab.get_rng_state(), before)


# -- functional_call and stack_module_state ---------------------------------------------------------------


class _Block:
    """A module with a nested submodule and a buffer, built the same way in either library."""

    @staticmethod
    def make(m: ModuleType) -> Any:
        class Block(m.nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.inner = m.nn.Sequential(m.nn.Linear(3, 4), m.nn.Tanh(), m.nn.Linear(4, 2))
                self.register_buffer("shift", m.ones(2))

            def forward(self, x: Any, scale: Any = 1.0) -> Any:
                return self.inner(x) * scale + self.shift

        m.manual_seed(0)
        return Block()


def functional_call_case(m: ModuleType) -> tuple:
    model = _Block.make(m)
    originals = {name: p for name, p in model.named_parameters()}
    params = {name: p.detach() * 2 for name, p in model.named_parameters()}
    buffers = {"shift": m.zeros(2)}
    x = m.tensor(C, dtype=m.float32)
    out = m.func.functional_call(model, (params, buffers), (x,), {"scale": 3.0})
    single = m.func.functional_call(model, {"inner.0.bias": m.zeros(4)}, x)
    restored = all(p is originals[name] for name, p in model.named_parameters())
    return out, single, model(x), restored, model.shift


def test_functional_call_swaps_and_restores() -> None:
    ours, theirs = functional_call_case(lab), functional_call_case(torch_ref)
    compare(ours, theirs, rtol=1e-6, atol=1e-6)
    assert ours[3] is True


def test_functional_call_restores_after_an_exception() -> None:
    model = _Block.make(lab)
    weight = model.inner[0].weight
    with pytest.raises(RuntimeError):
        lab.func.functional_call(model, {"inner.0.weight": lab.zeros(4, 3)}, (lab.zeros(5, 7),))
    assert model.inner[0].weight is weight and isinstance(model.inner[0].weight, lab.nn.Parameter)


def test_functional_call_new_attribute_is_removed_again() -> None:
    for m in (lab, torch_ref):
        model = m.nn.Linear(2, 2)
        m.func.functional_call(model, {"extra": m.ones(1)}, (m.ones(2),))
        assert not hasattr(model, "extra")


def tied_case(m: ModuleType, tie_weights: bool) -> Any:
    m.manual_seed(1)
    model = m.nn.Sequential(m.nn.Linear(2, 2, bias=False), m.nn.Linear(2, 2, bias=False))
    model[1].weight = model[0].weight
    return m.func.functional_call(
        model, {"0.weight": m.eye(2)}, (m.tensor([[1.0, 2.0]]),), tie_weights=tie_weights
    )


@pytest.mark.parametrize("tie_weights", [True, False])
def test_functional_call_tied_weights(tie_weights: bool) -> None:
    compare(tied_case(lab, tie_weights), tied_case(torch_ref, tie_weights), rtol=1e-6)


def grad_through_functional_call(m: ModuleType) -> Any:
    model = _Block.make(m)
    params = {name: p.detach() for name, p in model.named_parameters()}
    x = m.tensor(C, dtype=m.float32)
    return m.func.grad(lambda p: m.func.functional_call(model, p, (x,)).pow(2).mean())(params)


def test_grad_with_respect_to_a_models_parameters() -> None:
    same(grad_through_functional_call, rtol=1e-5, atol=1e-6)


def stacked(m: ModuleType) -> tuple:
    m.manual_seed(2)
    models = [m.nn.Sequential(m.nn.Linear(3, 4), m.nn.BatchNorm1d(4)) for _ in range(3)]
    params, buffers = m.func.stack_module_state(models)
    return params, buffers, [p.is_leaf for p in params.values()]


def test_stack_module_state() -> None:
    same(stacked, rtol=0, atol=0)


# -- PyTorch's tutorials' patterns ----------------------------------------------------------------------


def per_sample_gradients(m: ModuleType) -> tuple:
    """The per-sample-gradients tutorial with a small MLP: vmap(grad(compute_loss)) and the loop it replaces."""
    m.manual_seed(0)
    model = m.nn.Sequential(m.nn.Linear(5, 8), m.nn.ReLU(), m.nn.Linear(8, 3), m.nn.LogSoftmax(dim=1))
    data = m.randn(6, 5)
    targets = m.randint(3, (6,))

    def loss_fn(predictions: Any, targets: Any) -> Any:
        return m.nn.functional.nll_loss(predictions, targets)

    params = {k: v.detach() for k, v in model.named_parameters()}
    buffers = {k: v.detach() for k, v in model.named_buffers()}

    def compute_loss(params: Any, buffers: Any, sample: Any, target: Any) -> Any:
        predictions = m.func.functional_call(model, (params, buffers), (sample.unsqueeze(0),))
        return loss_fn(predictions, target.unsqueeze(0))

    ft = m.func.vmap(m.func.grad(compute_loss), in_dims=(None, None, 0, 0))(params, buffers, data, targets)
    loop = [
        m.stack(shards)
        for shards in zip(
            *[
                m.autograd.grad(
                    loss_fn(model(data[i].unsqueeze(0)), targets[i].unsqueeze(0)), list(model.parameters())
                )
                for i in range(6)
            ],
            strict=True,
        )
    ]
    return ft, loop


def test_per_sample_gradients_tutorial() -> None:
    (ours, our_loop), (theirs, their_loop) = per_sample_gradients(lab), per_sample_gradients(torch_ref)
    compare(ours, theirs, rtol=1e-5, atol=1e-6)
    compare(our_loop, their_loop, rtol=1e-5, atol=1e-6)
    for ft, loop in zip(
        ours.values(), our_loop, strict=True
    ):  # the transform gives the loop's numbers exactly
        np.testing.assert_array_equal(ft.numpy(), loop.numpy())


def ensemble(m: ModuleType) -> tuple:
    """The model-ensembling tutorial with small MLPs: stack_module_state, functional_call and vmap."""
    m.manual_seed(0)
    models = [
        m.nn.Sequential(m.nn.Flatten(), m.nn.Linear(12, 6), m.nn.ReLU(), m.nn.Linear(6, 2)) for _ in range(4)
    ]
    data = m.randn(5, 3, 1, 3, 4)
    minibatches = data[:4]
    params, buffers = m.func.stack_module_state(models)
    base = copy.deepcopy(models[0])

    def fmodel(params: Any, buffers: Any, x: Any) -> Any:
        return m.func.functional_call(base, (params, buffers), (x,))

    different = m.vmap(fmodel)(params, buffers, minibatches)
    shared = m.vmap(fmodel, in_dims=(0, 0, None))(params, buffers, data[0])
    loops = (
        m.stack([mod(mb) for mod, mb in zip(models, minibatches, strict=True)]),
        m.stack([mod(data[0]) for mod in models]),
    )
    return different, shared, loops, [p.size(0) for p in params.values()]


def test_model_ensembling_tutorial() -> None:
    ours, theirs = ensemble(lab), ensemble(torch_ref)
    compare(ours[:2], theirs[:2], rtol=1e-5, atol=1e-6)
    assert ours[3] == theirs[3]
    np.testing.assert_allclose(ours[0].detach().numpy(), ours[2][0].detach().numpy(), rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(ours[1].detach().numpy(), ours[2][1].detach().numpy(), rtol=1e-6, atol=1e-7)


def jacobian_tutorial(m: ModuleType) -> tuple:
    """The Jacobians/Hessians tutorial's steps, at a small size."""
    m.manual_seed(0)

    def predict(weight: Any, bias: Any, x: Any) -> Any:
        return m.nn.functional.linear(x, weight, bias).tanh()

    weight, bias, x = m.randn(4, 4, dtype=m.float64), m.randn(4, dtype=m.float64), m.randn(4, dtype=m.float64)
    _, vjp_fn = m.func.vjp(functools.partial(predict, weight, bias), x)
    (ft_jacobian,) = m.func.vmap(vjp_fn)(m.eye(4, dtype=m.float64))
    by_rev = m.func.jacrev(predict, argnums=2)(weight, bias, x)
    by_params = m.func.jacrev(predict, argnums=(0, 1))(weight, bias, x)
    by_fwd = m.func.jacfwd(predict, argnums=2)(weight, bias, x)
    hess = m.func.hessian(predict, argnums=2)(weight, bias, x)
    revrev = m.func.jacrev(m.func.jacrev(predict, argnums=2), argnums=2)(weight, bias, x)
    xs = m.randn(3, 4, dtype=m.float64)
    batch_jac = m.func.vmap(m.func.jacrev(predict, argnums=2), in_dims=(None, None, 0))(weight, bias, xs)
    summed = m.func.jacrev(lambda w, b, x: predict(w, b, x).sum(0), argnums=2)(weight, bias, xs).movedim(1, 0)
    batch_hess = m.func.vmap(m.func.hessian(predict, argnums=2), in_dims=(None, None, 0))(weight, bias, xs)
    tangent = m.randn(4, dtype=m.float64)
    hvp = m.func.jvp(m.func.grad(lambda v: v.sin().sum()), (x,), (tangent,))[1]
    hvp_revrev = m.func.vjp(m.func.grad(lambda v: v.sin().sum()), x)[1](tangent)
    return (
        ft_jacobian,
        by_rev,
        by_params,
        by_fwd,
        hess,
        revrev,
        batch_jac,
        summed,
        batch_hess,
        hvp,
        hvp_revrev,
    )


def test_jacobians_and_hessians_tutorial() -> None:
    same(jacobian_tutorial)


# -- misuse: PyTorch's error type and sentence -------------------------------------------------------------

X = "m.tensor([1.0, 2.0, 3.0])"
MISUSE = {
    "grad of a non-scalar": f"m.func.grad(lambda x: x * 2)({X})",
    "grad of a non-tensor": f"m.func.grad(lambda x: 1.0)({X})",
    "grad has_aux without a pair": f"m.func.grad(lambda x: x.sum(), has_aux=True)({X})",
    "grad aux not tensors": f"m.func.grad(lambda x: (x.sum(), 1.0), has_aux=True)({X})",
    "grad argnums out of range": f"m.func.grad(lambda x, y: x.sum(), argnums=2)({X}, {X})",
    "grad argnums repeated": f"m.func.grad(lambda x, y: x.sum(), argnums=(0, 0))({X}, {X})",
    "grad argnums empty": f"m.func.grad(lambda x, y: x.sum(), argnums=())({X}, {X})",
    "grad argnums a list": f"m.func.grad(lambda x, y: x.sum(), argnums=[0])({X}, {X})",
    "grad argnums a float in a tuple": f"m.func.grad(lambda x, y: x.sum(), argnums=(0, 1.0))({X}, {X})",
    "grad of a number argument": f"m.func.grad(lambda x, y: x.sum(), argnums=1)({X}, 2.0)",
    "grad of an integer tensor": "m.func.grad(lambda x: x.sum())(m.arange(3))",
    "vjp of a bool output": f"m.func.vjp(lambda x: x > 0, {X})",
    "vjp of None": f"m.func.vjp(lambda x: None, {X})",
    "vjp of a number": f"m.func.vjp(lambda x: 1.0, {X})",
    "vjp_fn with a tuple for one output": f"m.func.vjp(lambda x: x, {X})[1](({X},))",
    "vjp_fn of the wrong shape": f"m.func.vjp(lambda x: x, {X})[1](m.ones(2))",
    "vjp has_aux without a pair": f"m.func.vjp(lambda x: x, {X}, has_aux=True)",
    "jvp primals not a tuple": f"m.func.jvp(lambda x: x, {X}, {X})",
    "jvp tangents of another structure": f"m.func.jvp(lambda x: x, ({X},), [{X}])",
    "jvp tangent of another size": f"m.func.jvp(lambda x: x, ({X},), (m.ones(2),))",
    "jvp no primals": "m.func.jvp(lambda: 0, (), ())",
    "jvp primals not tensors": "m.func.jvp(lambda x: x, (1.0,), (1.0,))",
    "jvp output not a tensor": f"m.func.jvp(lambda x: 2.0, ({X},), ({X},))",
    "jvp strict": f"m.func.jvp(lambda x: m.ones(2), ({X},), ({X},), strict=True)",
    "jvp has_aux without a pair": f"m.func.jvp(lambda x: x, ({X},), ({X},), has_aux=True)",
    "jacrev chunk_size 0": "m.func.jacrev(lambda x: x, chunk_size=0)",
    "jacfwd aux not a tensor": f"m.func.jacfwd(lambda x: (x.sin(), 1.0), has_aux=True)({X})",
    "jacfwd with a random operation": f"m.func.jacfwd(lambda x: x + m.rand(3))({X})",
    "jacfwd randomness unknown": f"m.func.jacfwd(lambda x: x, randomness='x')({X})",
    "vmap sizes differ": "m.func.vmap(lambda x, y: x + y)(m.ones(2, 3), m.ones(3))",
    "vmap in_dim out of range": "m.func.vmap(lambda x, y: x, in_dims=(0, 2))(m.ones(2, 3), m.ones(3))",
    "vmap in_dims too short": "m.func.vmap(lambda x, y: x, in_dims=(0,))(m.ones(2, 3), m.ones(3))",
    "vmap in_dims a list": "m.func.vmap(lambda x, y: x, in_dims=[0, 0])(m.ones(2, 3), m.ones(3))",
    "vmap in_dims None": "m.func.vmap(lambda x: x, in_dims=None)(m.ones(2))",
    "vmap in_dim a float": "m.func.vmap(lambda x, y: x, in_dims=(0, 1.0))(m.ones(2, 3), m.ones(3))",
    "vmap in_dim for a number": "m.func.vmap(lambda x, y: x, in_dims=(0, 0))(m.ones(2, 3), 2.0)",
    "vmap of nothing": "m.func.vmap(lambda x: x)()",
    "vmap nothing mapped": "m.func.vmap(lambda x: x, in_dims=(None,))(m.ones(2))",
    "vmap returns a number": "m.func.vmap(lambda x: 1.0)(m.ones(2))",
    "vmap out_dims out of range": "m.func.vmap(lambda x: x, out_dims=2)(m.ones(2, 3))",
    "vmap out_dims a float": "m.func.vmap(lambda x: x, out_dims=1.0)(m.ones(2, 3))",
    "vmap out_dims too long": "m.func.vmap(lambda x: (x, x), out_dims=(0, 0, 0))(m.ones(2, 3))",
    "vmap out_dims a tuple for one output": "m.func.vmap(lambda x: x, out_dims=(0, 0))(m.ones(2, 3))",
    "vmap batched output with out_dims None": "m.func.vmap(lambda x: x, out_dims=None)(m.randn(2, 3))",
    "vmap random operation": "m.func.vmap(lambda x: x + m.rand(3))(m.ones(2, 3))",
    "vmap randomness unknown": "m.func.vmap(lambda x: x, randomness='x')",
    "vmap chunk_size 0": "m.func.vmap(lambda x: x, chunk_size=0)",
    "vmap of a partial is named": "m.func.vmap(__import__('functools').partial(lambda x, y: x, 1), in_dims=1)(m.ones(2))",
    "functional_call strict": "m.func.functional_call(m.nn.Linear(2, 2), {'weight': m.ones(2, 2)}, (m.ones(2),), strict=True)",
    "functional_call repeated keys": "m.func.functional_call(m.nn.Linear(2, 2), ({'bias': m.ones(2)}, {'bias': m.ones(2)}), (m.ones(2),))",
    "functional_call not dicts": "m.func.functional_call(m.nn.Linear(2, 2), ({'bias': m.ones(2)}, 3), (m.ones(2),))",
    "functional_call a list of tensors": "m.func.functional_call(m.nn.Linear(2, 2), 3, (m.ones(2),))",
    "functional_call unknown submodule": "m.func.functional_call(m.nn.Linear(2, 2), {'fc.weight': m.ones(2, 2)}, (m.ones(2),))",
    "stack_module_state of no models": "m.func.stack_module_state([])",
    "stack_module_state of two classes": "m.func.stack_module_state([m.nn.Linear(2, 2), m.nn.Tanh()])",
    "stack_module_state of two modes": "m.func.stack_module_state([m.nn.Linear(2, 2), m.nn.Linear(2, 2).eval()])",
    "functionalize remove unknown": "m.func.functionalize(lambda x: x, remove='x')",
    "linearize tangent of another shape": f"m.func.linearize(m.sin, {X})[1](m.ones(2))",
    "linearize tangents of another structure": f"m.func.linearize(m.sin, {X})[1]({X}, {X})",
}


@pytest.mark.parametrize("code", MISUSE.values(), ids=MISUSE.keys())
def test_misuse_raises_as_pytorch(code: str) -> None:
    raises_like_torch(lambda m: eval(code, {"m": m}), torch_ref)  # noqa: S307 - our own table


def test_jvp_structure_error_names_the_structures() -> None:
    text = raises_like_torch(lambda m: m.func.jvp(lambda x: x, (m.ones(1),), [m.ones(1)]), torch_ref)
    assert "TreeSpec(tuple, None, [*]) and tangents with structure TreeSpec(list, None, [*])" in text


# -- the package ---------------------------------------------------------------------------------------------


def test_func_is_public_and_loaded_lazily() -> None:
    assert "func" in lab.__all__ and "vmap" in lab.__all__
    assert set(torch_ref.func.__all__) - {"rearrange"} == set(lab.func.__all__)
    code = "import sys, autograd_lab\nprint('autograd_lab.func' in sys.modules)\nautograd_lab.vmap\nprint('autograd_lab.func' in sys.modules)"
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert output == ["False", "True"]
