"""Session 17's fixes, each held against PyTorch: what other people's lessons met.

- ``torch.sort``/``argsort`` (``stable=False``) leave equal values where PyTorch's ``std::sort``
  leaves them (bentrevett's sentiment lesson orders its padded batch with them);
- ``nn.functional`` given a number raises PyTorch's own error (aladdinpersson's ResNet);
- ``torch.tensor(a_tensor)`` warns; advanced-index writes check the dtypes; ``torch.jit.annotate``,
  ``torch.cuda.random``, ``torch.mps``, ``torch.bfloat16``, ``DistributedDataParallel`` exist as
  PyTorch's CPU build has them (torchvision's detection code, CS231n, MIT 6.S191, nanoGPT);
- a module's full backward hook with several inputs or outputs; ``Tensor._make_subclass`` and
  subclasses kept through ops (fastbook); ``utils.benchmark.Compare``.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from twins import outcome

import autograd_lab as lab

torch = pytest.importorskip("torch")


# -- sort: equal values where std::sort leaves them ------------------------------------------------------


def _sort_cases() -> list:
    rng = np.random.default_rng(17)
    cases = []
    for n in (5, 16, 17, 40, 257, 1500):
        for kind in ("int", "float32", "nan", "rows"):
            keys = rng.integers(0, 1 + n // 6, n if kind != "rows" else (3, n))
            if kind == "float32":
                keys = (keys * 0.25).astype(np.float32)
            if kind == "nan":
                keys = keys.astype(np.float64)
                keys[rng.random(n) < 0.15] = np.nan
            cases.append(keys)
    return cases


@pytest.mark.parametrize("keys", _sort_cases(), ids=lambda k: f"{k.dtype}-{k.shape}")
@pytest.mark.parametrize("descending", [False, True])
def test_unstable_sort_leaves_ties_where_pytorch_does(keys: np.ndarray, descending: bool) -> None:
    for dim in range(keys.ndim):
        theirs = torch.sort(torch.from_numpy(keys), dim=dim, descending=descending)
        ours = lab.sort(lab.from_numpy(keys), dim=dim, descending=descending)
        assert ours.indices.tolist() == theirs.indices.tolist()
        np.testing.assert_array_equal(ours.values.numpy(), theirs.values.numpy())
        assert (
            lab.argsort(lab.from_numpy(keys), dim=dim, descending=descending).tolist()
            == torch.argsort(torch.from_numpy(keys), dim=dim, descending=descending).tolist()
        )
        stable = lab.sort(lab.from_numpy(keys), dim=dim, descending=descending, stable=True)
        their_stable = torch.sort(torch.from_numpy(keys), dim=dim, descending=descending, stable=True)
        assert stable.indices.tolist() == their_stable.indices.tolist()


def test_pack_padded_sequence_orders_tied_lengths_as_pytorch() -> None:
    lengths = [5, 3, 5, 2, 5, 3, 4, 4, 1, 5, 2, 3, 5, 4, 4, 3, 2, 5, 1]
    found = []
    for m in (lab, torch):
        packed = m.nn.utils.rnn.pack_padded_sequence(
            m.zeros(len(lengths), 5, 1), m.tensor(lengths), batch_first=True, enforce_sorted=False
        )
        found.append((packed.sorted_indices.tolist(), packed.unsorted_indices.tolist()))
    assert found[0] == found[1]


# -- errors, warnings and names, as PyTorch gives them -----------------------------------------------


CASES = [
    # nn.functional given a number: the C++ parser's TypeError, or the AttributeError of a method call
    "m.nn.functional.relu(1.0)",
    "m.nn.functional.gelu(2)",
    "m.nn.functional.leaky_relu(1.0, 0.1)",
    "m.nn.functional.logsigmoid(1.0)",
    "m.nn.functional.linear(1.0, m.ones(2, 2))",
    "m.nn.functional.cosine_similarity(1.0, m.ones(2))",
    "m.nn.functional.dropout([1.0, 2.0])",
    "m.nn.functional.sigmoid(1.0)",
    "m.nn.functional.tanh(1.0)",
    "m.nn.functional.softmax(1, dim=1)",
    "m.nn.functional.softmax(1)",
    "m.nn.functional.log_softmax(1, dim=0)",
    "m.nn.functional.softmin(1.0, dim=0)",
    "m.nn.Softmax(dim=1)(1)",
    "m.nn.functional.normalize(1.0)",
    "m.nn.functional.relu(m.tensor([-1.0, 2.0]))",
    # torch.tensor of a tensor warns; torch.as_tensor does not
    "m.tensor(m.tensor([1, 2]), dtype=m.float32)",
    "m.as_tensor(m.tensor([1, 2]), dtype=m.float32)",
    # advanced-index writes: the source's dtype must be the destination's, but for one value through one mask
    "m.zeros(3, 2).__setitem__(m.tensor([True, False, True]), m.ones(2, 2, dtype=m.float64))",
    "m.zeros(3, 2).__setitem__([0, 2], m.tensor([1, 2]))",
    "m.zeros(3, 2).__setitem__((Ellipsis, m.tensor([1])), m.ones(3, 1, dtype=m.float64))",
    "m.zeros(3).__setitem__(m.tensor([0, 2]), m.tensor(5.0, dtype=m.float64))",
    "m.zeros(3, dtype=m.long).__setitem__(m.tensor([0]), m.ones(1))",
    "m.zeros(3, 2).__setitem__((m.tensor([True, False, True]), slice(None)), m.ones(1, dtype=m.float64))",
    "m.zeros(3, 2).__setitem__(m.tensor([True, False, True]), m.tensor(3))",
    "m.zeros(3, 2).__setitem__(True, m.ones(3, 2, dtype=m.float64))",
    "m.zeros(3, 2).__setitem__(0, m.ones(2, dtype=m.float64))",
    # torch.jit's pass-throughs that torchvision's detection code uses
    "m.jit.annotate(list, [])",
    "m.jit._script_if_tracing(abs)(-2)",
    "m.jit.script_if_tracing(abs)(-3)",
    # devices that are not here
    "m.cuda.random.manual_seed(12345)",
    "m.cuda.manual_seed_all(1)",
    "m.cuda.get_rng_state_all()",
    "m.cuda.initial_seed()",
    "m.cuda.random.get_rng_state()",
    "m.cuda.is_bf16_supported()",
    "(m.mps.is_available(), m.mps.device_count(), m.backends.mps.is_available())",
    "m.mps.manual_seed(1)",
    "m.mps.synchronize()",
    "m.mps.empty_cache()",
    # one process: no process group
    "m.nn.parallel.DistributedDataParallel(m.nn.Linear(2, 2))",
    "m.distributed.destroy_process_group()",
    "m.nn.parallel.DistributedDataParallel",
    # bfloat16 is named
    "{'float32': m.float32, 'bfloat16': m.bfloat16, 'float16': m.float16}['bfloat16']",
    "(m.bfloat16.is_floating_point, m.bfloat16.itemsize, m.bfloat16 == m.float32)",
    # what a REPL shows for a module's generators
    "type(m.nn.Linear(2, 2).named_parameters()).__name__",
]


@pytest.mark.parametrize("code", CASES)
def test_outcome_is_pytorchs(code: str) -> None:
    ours, theirs = outcome(lab, code), outcome(torch, code)
    assert ours == theirs


def test_module_generators_are_named_as_pytorchs() -> None:
    for m in (lab, torch):
        model = m.nn.Sequential(m.nn.Linear(2, 2), m.nn.BatchNorm1d(2))
        names = [
            getattr(model, f)().__qualname__ for f in ("named_parameters", "named_buffers", "parameters")
        ]
        assert names == ["Module.named_parameters", "Module.named_buffers", "Module.parameters"]


def test_jit_annotations_has_the_typing_names() -> None:
    import typing

    from autograd_lab.jit import annotations

    names = ("List", "Tuple", "Optional", "Dict")
    assert [getattr(annotations, n) for n in names] == [getattr(typing, n) for n in names]


def test_bfloat16_tensors_are_refused_with_a_hint() -> None:
    for make in (
        lambda: lab.zeros(2, dtype=lab.bfloat16),
        lambda: lab.ones(2).to(lab.bfloat16),
        lambda: lab.ones(2).bfloat16(),
        lambda: lab.nn.Linear(2, 2).bfloat16(),
    ):
        with pytest.raises(TypeError, match="no bfloat16 tensors.* Hint: "):
            make()


def test_copy_construct_warning_points_at_the_callers_line() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        lab.tensor(lab.ones(2))
    assert [w.filename for w in caught] == [__file__]


# -- a module's full backward hook, with several inputs and outputs -----------------------------------------


def _hooked_run(m) -> list:
    said = []

    class Two(m.nn.Module):
        def forward(self, a, b):
            return a * b, a + b

    def hook(module, grad_input, grad_output):
        said.append(
            (
                "hook",
                [None if g is None else g.tolist() for g in grad_input],
                [None if g is None else g.tolist() for g in grad_output],
            )
        )
        return (grad_input[0] * 10, grad_input[1])

    two = Two()
    two.register_full_backward_hook(hook)
    two.register_full_backward_pre_hook(
        lambda module, go: said.append(("pre", [None if g is None else g.tolist() for g in go]))
    )
    a = m.tensor([1.0, 2.0], requires_grad=True)
    b = m.tensor([3.0, 4.0], requires_grad=True)
    x, y = two(a, b)
    (x * 2 + y * 3).sum().backward()
    said.append((a.grad.tolist(), b.grad.tolist()))
    a.grad = b.grad = None
    x, _ = two(a, b)
    x.sum().backward()
    said.append((a.grad.tolist(), b.grad.tolist()))
    constant = m.tensor([5.0, 6.0])  # an input that takes no gradient: the hook sees zeros for it
    a.grad = None
    two(a, constant)[0].sum().backward()
    said.append(a.grad.tolist())
    return said


def test_full_backward_hook_with_several_inputs_and_outputs_is_pytorchs() -> None:
    assert _hooked_run(lab) == _hooked_run(torch)


# -- Tensor subclasses -----------------------------------------------------------------------------------


def _subclass_run(m) -> list:
    class Parameter(m.Tensor):  # fastbook ch. 19 "Module and Parameter"
        def __new__(cls, x):
            return m.Tensor._make_subclass(Parameter, x, True)

        def __init__(self, *args, **kwargs):
            self.requires_grad_()

    class Marked(m.Tensor):
        pass

    p = Parameter(m.tensor(3.0))
    x = m.tensor([1.0, -2.0]).as_subclass(Marked)
    base = m.tensor([1.0, 2.0], requires_grad=True)
    y = base.as_subclass(Marked)
    z = (y * 3).sum()
    z.backward()
    plain = m.nn.Parameter(m.ones(2))
    return [
        repr(p), isinstance(p, m.Tensor), p.requires_grad, repr(p * 2), repr(x + 1), repr(x[0]), repr(x.relu()),
        repr(z), base.grad.tolist(), y.is_leaf, repr(plain * 2), type(m.nn.Parameter(m.ones(1)) * 2).__name__,
    ]  # fmt: skip


def test_tensor_subclasses_are_made_and_kept_as_pytorchs() -> None:
    assert _subclass_run(lab) == _subclass_run(torch)


# -- torch.utils.benchmark.Compare --------------------------------------------------------------------------


def _table(benchmark, task_spec: type) -> str:
    rng = np.random.default_rng(0)

    def measured(stmt, t, label="add", description="8x8", threads=1, env=None, n=20):
        times = list(t * (1 + 0.05 * rng.standard_normal(n)))
        spec = task_spec(
            stmt, "", label=label, sub_label=stmt, description=description, num_threads=threads, env=env
        )
        return benchmark.Measurement(1, times, spec)

    results = [
        measured(s, t * k, description=d, threads=th)
        for s, t in (("x @ x", 1.3e-5), ("x + x", 2.2e-6))
        for d, k in (("8x8", 1), ("64x64", 37))
        for th in (1, 4)
    ]
    tables = [str(benchmark.Compare(results))]
    compare = benchmark.Compare(results)
    compare.trim_significant_figures()
    compare.highlight_warnings()
    tables.append(str(compare))
    others = [
        measured("f(x)", 0.003, label="A", env="old", n=1),
        measured("f(x)", 0.002, label="A", env="new", n=1),
    ]
    others += [measured("g", 5e-9, label="B", n=1), measured("h", 1.5e-7, label="B", description="big", n=1)]
    for rowwise in (False, True):
        compare = benchmark.Compare(others)
        compare.colorize(rowwise=rowwise)
        tables.append(str(compare))
    return "\n".join(tables)


def test_benchmark_compare_lays_out_pytorchs_table() -> None:
    from torch.utils.benchmark.utils.common import TaskSpec as TheirSpec

    from autograd_lab.utils import benchmark as ours

    assert _table(ours, ours.TaskSpec) == _table(torch.utils.benchmark, TheirSpec)


# -- the gradients of selects and slices: each step's part added alone ------------------------------------


def _pieces_run(m) -> list:
    rng = np.random.default_rng(5)
    found = []
    cases = [
        lambda x: m.stack([p * 2 for p in x.unbind(0)]),
        lambda x: m.stack([x[0], x[1], x[0] * 3, x[2]]),
        lambda x: m.cat([*x.split(2, dim=1), x[:, 1:3]], dim=1),
        lambda x: m.stack([x[i] for i in range(3)]).sum(0) + x[1:3].sum(0),
        lambda x: x[0] * x[1] + x[2:4].sum(0) * x[0],
        lambda x: (x * -1)[1],
        lambda x: m.stack([x[i].double() for i in range(3)]),
        lambda x: m.stack([x[i] for i in range(3)]) + x.sum() * x[:3],
        lambda x: m.stack(x.chunk(2, dim=1), dim=0),
    ]
    for case in cases:
        x = m.tensor(rng.standard_normal((4, 6)), requires_grad=True)
        y = case(x)
        y.backward(m.tensor(rng.standard_normal(tuple(y.shape))).to(y.dtype))
        found.append(x.grad.numpy().copy())
    x = m.tensor([[1.0, -2.0], [3.0, 4.0]], requires_grad=True)
    parts = x.unbind(0)
    parts[0].retain_grad()
    handle = x.register_hook(lambda g: g * 2)
    (parts[0] * parts[1]).sum().backward()
    handle.remove()
    found += [x.grad.numpy().copy(), parts[0].grad.numpy().copy()]
    found.append(m.autograd.grad(sum(p.sum() * i for i, p in enumerate(x.unbind(1))), x)[0].numpy())
    first = m.autograd.grad((x[0] * x[1]).sum(), x, create_graph=True)[0]
    found.append(m.autograd.grad(first.sum(), x)[0].numpy())
    return found


def test_gradients_through_selects_and_slices_are_pytorchs() -> None:
    for ours, theirs in zip(_pieces_run(lab), _pieces_run(torch), strict=True):
        np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=0)
        assert ours.dtype == theirs.dtype


def test_a_long_unbind_adds_each_steps_part_alone() -> None:
    """The backward of T steps' slices adds T parts into one sum, not T arrays of zeros (it was T² work)."""
    from autograd_lab.autograd import engine

    added = []
    summed = engine._summed

    def counting(earlier, grad, owned):
        added.append(type(grad) is engine.PlacedGrad)
        return summed(earlier, grad, owned)

    engine._summed = counting
    try:
        x = lab.randn(300, 4, requires_grad=True)
        sum(p.sum() for p in x.unbind(0)).backward()
    finally:
        engine._summed = summed
    assert len(added) == 299 and all(added)
    assert x.grad.tolist() == np.ones((300, 4)).tolist()


def test_a_picture_of_a_graph_with_slices_shows_their_gradients() -> None:
    from autograd_lab.render.model import Names, build
    from autograd_lab.render.text import to_text

    x = lab.tensor([1.0, 2.0, 3.0], requires_grad=True)
    y = x[0] * x[1] + x[2]
    y.backward()
    model = build([y], Names())
    sent = [edge.grad for edge in model.edges if edge.grad is not None]
    assert sent and all(isinstance(g, (np.ndarray, np.generic)) for g in sent)  # (made whole)
    assert "SelectBackward0" in to_text(model)


# -- einops ---------------------------------------------------------------------------------------------


def _einops_run(m) -> list:
    einops = pytest.importorskip("einops")
    x = m.arange(24.0).reshape(2, 3, 4).requires_grad_()
    packed, shapes = einops.pack([x, x[:, 0]], "b * w")
    y = einops.reduce(x, "b c w -> b c", "mean")
    (einops.rearrange(x, "b c w -> w (b c)") * 2).sum().backward()
    return [
        tuple(einops.rearrange(x, "b c w -> b w c").shape), tuple(einops.rearrange(x, "b c w -> (b c) w").shape),
        repr(y), tuple(einops.repeat(x[0], "c w -> c w n", n=2).shape), tuple(packed.shape),
        [tuple(s) for s in shapes], tuple(einops.einsum(x, x, "b c w, b d w -> b c d").shape),
        einops.parse_shape(x, "b c w"), x.grad.tolist(),
    ]  # fmt: skip


def test_einops_takes_these_tensors_as_pytorchs() -> None:
    assert _einops_run(lab) == _einops_run(torch)


# -- a whole model pickled by an older PyTorch ----------------------------------------------------------


def _as_torch_1x_pickled(self) -> dict:
    """A module's state as torch 1.x pickled it: without the newer hook tables."""
    state = self.__dict__.copy()
    for name in ("_backward_pre_hooks", "_load_state_dict_post_hooks", "_state_dict_pre_hooks"):
        state.pop(name, None)
    return state


class _OldLab(lab.nn.Linear):
    __getstate__ = _as_torch_1x_pickled


class _OldTorch(torch.nn.Linear):
    __getstate__ = _as_torch_1x_pickled


def _old_pickle_run(m, old: type) -> str:
    import pickle

    m.manual_seed(0)
    model = pickle.loads(pickle.dumps(old(2, 1)))
    return repr(model(m.ones(1, 2))) + repr(sorted(model._backward_pre_hooks))


def test_a_module_from_an_older_pytorchs_pickle_runs() -> None:
    assert _old_pickle_run(lab, _OldLab) == _old_pickle_run(torch, _OldTorch)


# -- gumbel_softmax, DistributedSampler, and where warnings point -------------------------------------------


def _gumbel_run(m) -> list:
    m.manual_seed(0)
    x = m.randn(3, 5, requires_grad=True)
    soft = m.nn.functional.gumbel_softmax(x, tau=0.7)
    hard = m.nn.functional.gumbel_softmax(x, hard=True, dim=0)
    (soft * m.arange(5.0)).sum().backward()
    return [soft.detach().numpy(), hard.detach().numpy(), type(hard.grad_fn).__name__, x.grad.numpy()]


def test_gumbel_softmax_draws_and_differentiates_as_pytorchs() -> None:
    ours, theirs = _gumbel_run(lab), _gumbel_run(torch)
    for a, b in zip(ours, theirs, strict=True):
        if isinstance(a, np.ndarray):
            np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)  # (float32 noise in the gradient)
        else:
            assert a == b


def _sampler_run(m) -> list:
    from importlib import import_module

    sampler_class = import_module(f"{m.__name__}.utils.data.distributed").DistributedSampler
    found = [m.utils.data.DistributedSampler is sampler_class]
    for options in ({"num_replicas": 3, "rank": 1}, {"num_replicas": 4, "rank": 3, "drop_last": True}):
        sampler = sampler_class(range(10), **options)
        found.append((list(sampler), len(sampler)))
        sampler.set_epoch(2)
        found.append(list(sampler))
    found.append(list(sampler_class(range(10), num_replicas=3, rank=2, shuffle=False, drop_last=True)))
    return found


def test_distributed_sampler_hands_out_pytorchs_shares() -> None:
    assert _sampler_run(lab) == _sampler_run(torch)
    for code in ("DistributedSampler(range(4))", "DistributedSampler(range(4), num_replicas=2, rank=2)"):
        names = {"DistributedSampler": None}
        results = []
        for m in (lab, torch):
            names["DistributedSampler"] = m.utils.data.DistributedSampler
            results.append(outcome(m, code, names))
        assert results[0] == results[1]


def test_warnings_point_at_the_callers_line() -> None:
    for call in (
        lambda: lab.nn.functional.softmax(lab.zeros(3)),
        lambda: lab.nn.functional.dropout2d(lab.ones(2, 3)),
        lambda: lab.FloatTensor([np.zeros(2), np.zeros(2)]),
    ):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            lab.set_warn_always(True)
            try:
                call()
            finally:
                lab.set_warn_always(False)
        assert caught and {w.filename for w in caught} == {__file__}
