"""Session 23's finds (scouts Z1-Z3: Dive-into-DL-PyTorch, the PyTorch handbook in Chinese, Raschka's book and
PyTorch's recipes), held against PyTorch."""

from __future__ import annotations

import importlib
import warnings

import numpy as np
import pytest
import twins

import autograd_lab as lab

torch = pytest.importorskip("torch")


def outcome(m, code: str) -> tuple:
    return twins.outcome(m, code, {"np": np, "F": m.nn.functional, "nn": m.nn})


# -- module hooks: the keywords of PyTorch 2.0, and hooks for every module ---------------------------------


def hook_calls(m) -> list:
    """What the forward and pre-hooks of one layer see and do, with_kwargs and prepend among them."""
    calls = []

    class Scaled(m.nn.Module):
        def forward(self, x, scale=1.0):
            return x * scale

    layer = Scaled()
    kwargs_hook = layer.register_forward_hook(
        lambda mod, args, kwargs, out: calls.append(("hook with kwargs", kwargs, out.tolist())),
        with_kwargs=True,
    )
    layer.register_forward_hook(lambda mod, args, out: calls.append("prepended hook"), prepend=True)
    layer.register_forward_pre_hook(
        lambda mod, args, kwargs: calls.append(("pre-hook with kwargs", kwargs)) or (args, {"scale": 3.0}),
        with_kwargs=True,
    )
    layer.register_forward_pre_hook(lambda mod, args: calls.append("prepended pre-hook"), prepend=True)
    calls.append(layer(m.ones(2), scale=2.0).tolist())
    calls.append((len(layer._forward_hooks_with_kwargs), len(layer._forward_pre_hooks_with_kwargs)))
    kwargs_hook.remove()  # (its with_kwargs mark goes with it)
    calls.append((len(layer._forward_hooks), len(layer._forward_hooks_with_kwargs)))
    return calls


def always_called(m) -> list:
    """An always_call hook runs when forward raises, then the error goes on; a hook failing there is warned of."""
    calls = []

    class Failing(m.nn.Module):
        def forward(self, x):
            raise ValueError("forward failed")

    layer = Failing()
    layer.register_forward_hook(lambda mod, args, out: calls.append(("always", out)), always_call=True)
    layer.register_forward_hook(lambda mod, args, out: calls.append("not after an error"))
    layer.register_forward_hook(lambda mod, args, out: 1 / 0, always_call=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            layer(m.ones(1))
        except ValueError as error:
            calls.append(str(error))
    calls.append([str(w.message).split(" Hint: ")[0] for w in caught])
    return calls


def global_hooks(m) -> list:
    """Hooks for every module run before each module's own, and stop when removed."""
    module = importlib.import_module(f"{m.__name__}.nn.modules.module")
    calls = []
    forward = module.register_module_forward_hook(lambda mod, args, out: calls.append(type(mod).__name__))
    pre = module.register_module_forward_pre_hook(lambda mod, args: calls.append("pre " + type(mod).__name__))
    backward = module.register_module_full_backward_hook(
        lambda mod, grad_input, grad_output: calls.append(("backward", type(mod).__name__, len(grad_input)))
    )
    net = m.nn.Sequential(m.nn.Linear(2, 2), m.nn.Tanh())
    net[0].register_forward_hook(lambda mod, args, out: calls.append("the layer's own hook"))
    try:
        net(m.ones(1, 2, requires_grad=True)).sum().backward()
        try:
            module.register_module_backward_hook(lambda *args: None)
        except RuntimeError as error:
            calls.append(str(error).split(" Hint: ")[0])
    finally:
        for handle in (forward, pre, backward):
            handle.remove()
        module._global_is_full_backward_hook = None  # (the module keeps its kind; reset for the next test)
    net(m.ones(1, 2))
    return calls


@pytest.mark.parametrize("scenario", [hook_calls, always_called, global_hooks])
def test_module_hooks_as_pytorchs(scenario) -> None:
    assert scenario(lab) == scenario(torch)


# -- state_dict's notes (_metadata): versions, assign=True remembered, a layer's own loading ------------------


def state_dict_notes(m) -> list:
    """What state_dict notes, what load_state_dict's hooks and a layer's own ``_load_from_state_dict`` get,
    and PyTorch's remembered assign=True (a later plain load of the same dict assigns too)."""
    m.manual_seed(0)
    found = []
    state = m.nn.Linear(1, 1).state_dict()
    m.nn.Linear(1, 1).load_state_dict(state, assign=True)
    layer = m.nn.Linear(1, 1)
    weight = layer.weight
    layer.load_state_dict(state)
    found += [weight is layer.weight, dict(state._metadata)]
    net = m.nn.Sequential(m.nn.Conv2d(1, 2, 3), m.nn.BatchNorm2d(2), m.nn.Sequential(m.nn.Linear(2, 2)))
    state = net.state_dict()
    found.append(dict(state._metadata))
    net[1].register_load_state_dict_pre_hook(
        lambda *args: found.append((args[2], args[3], args[4], sorted(args[1])))
    )
    found.append(repr(net.load_state_dict(state)))

    class Renamed(m.nn.Module):  # a layer that renamed its parameter: it maps old checkpoints' keys
        _version = 3

        def __init__(self):
            super().__init__()
            self.w = m.nn.Parameter(m.ones(2))

        def _load_from_state_dict(self, state_dict, prefix, local_metadata, *rest):
            found.append((local_metadata.get("version"), sorted(state_dict)))
            if prefix + "weight" in state_dict:
                state_dict[prefix + "w"] = state_dict.pop(prefix + "weight")
            super()._load_from_state_dict(state_dict, prefix, local_metadata, *rest)

        def _save_to_state_dict(self, destination, prefix, keep_vars):
            super()._save_to_state_dict(destination, prefix, keep_vars)
            destination[prefix + "note"] = m.tensor(7)

    model = m.nn.Sequential(Renamed())
    found.append(repr(model.load_state_dict({"0.weight": m.zeros(2)})))
    found += [model[0].w.tolist(), dict(model.state_dict()._metadata), list(model.state_dict())]
    norm = m.nn.BatchNorm1d(
        2
    )  # a checkpoint of version 2 must have num_batches_tracked; a plain dict need not
    state = norm.state_dict()
    del state["num_batches_tracked"]
    found.append(twins.outcome(m, "norm.load_state_dict(state)", {"norm": norm, "state": state}))
    found.append(repr(norm.load_state_dict(dict(state))))
    return found


def test_state_dict_notes_as_pytorchs() -> None:
    assert state_dict_notes(lab) == state_dict_notes(torch)


CASES = [
    # F.interpolate's other modes (their values and gradients: tests/factories_nn_seq.py)
    "F.interpolate(m.arange(16.0).view(1, 1, 4, 4), size=(2, 3), mode='bicubic')",
    "F.interpolate(m.arange(16.0).view(1, 1, 4, 4), size=(2, 3), mode='area')",
    "F.interpolate(m.arange(16.0).view(1, 1, 4, 4), size=(2, 3), mode='nearest-exact')",
    "nn.Upsample(scale_factor=2, mode='bicubic')(m.arange(16.0).view(1, 1, 4, 4)).shape",
    # a view a full backward hook's Function returns, changed in place: the Function's name as PyTorch's
    "nn.ReLU(inplace=True).register_full_backward_hook(lambda *a: None) and None",
    "(lambda r: r.register_full_backward_hook(lambda *a: None) and r(m.ones(2, requires_grad=True) * 1))"
    "(nn.ReLU(inplace=True))",
    # topk among equal values picks as PyTorch's partial_sort / nth_element + sort do; unsorted, in their order
    "m.zeros(2, 10).topk(3, dim=1)",
    "m.tensor([2.0, 1.0, 2.0, 1.0, 2.0]).topk(2)",
    "m.zeros(5).topk(2, largest=False)",
    "m.zeros(200).topk(3)",
    "m.tensor([1, 3, 3, 2, 3, 1, 0, 3] * 20).topk(2)",
    "m.tensor([5.0, 1.0, 4.0, 2.0, 3.0]).topk(3, sorted=False)",
    "m.tensor([1.0, float('nan'), 3.0, float('nan'), 3.0]).topk(3)",
    # a list of NumPy arrays: their dtypes promoted, as NumPy scalars' are
    "m.tensor([np.array([1, 2], dtype=np.int32), np.array([3, 4], dtype=np.int32)])",
    "[m.tensor([np.array([1, 2], dtype=t)]).dtype for t in (np.int16, np.uint8, np.int8, np.float16, np.bool_)]",
    "m.as_tensor([np.array([1, 2], dtype=np.int32)]).dtype",
    "m.tensor((np.array([1, 2], dtype=np.int32),)).dtype",
    "m.tensor([np.array([1, 2], dtype=np.int64), np.array([3, 4], dtype=np.int32)]).dtype",
    "m.tensor([np.array([1, 2], dtype=np.int32), [3, 4]]).dtype",
    "m.tensor([np.array([1, 2], dtype=np.int32), np.array([3.0, 4.0], dtype=np.float32)]).dtype",
    "m.tensor([np.array([1.0, 2.0]), [3.0, 4.0]]).dtype",
    "m.tensor([np.array([1.0, 2.0], dtype=np.float32), [3, 4]]).dtype",
    # uint16/32/64: made, shared with NumPy, printed and converted as PyTorch's; most arithmetic refused as there
    "m.from_numpy(np.array([1, 2, 60000], dtype=np.uint16))",
    "m.from_numpy(np.array([2**63 + 5], dtype=np.uint64))",
    "(lambda t: [t.dtype, t.float(), t.long(), t * 2, t == 2, t.sum(), t.type(), t.element_size()])"
    "(m.from_numpy(np.array([1, 2, 60000], dtype=np.uint16)))",
    "[m.zeros(2, dtype=m.uint16), m.tensor([1, 2], dtype=m.uint32), m.ones(1, dtype=m.uint64).dtype]",
    "m.tensor(np.array([1, 2], np.uint32)).dtype",
    "m.tensor([70000], dtype=m.uint16)",
    "[m.uint16.is_signed, m.uint32.itemsize, m.iinfo(m.uint16).max]",
    "m.from_numpy(np.array([1, 2], dtype=np.uint16)) - 2",
    "m.from_numpy(np.array([1, 2], dtype=np.uint32)).add_(1)",
    "-m.from_numpy(np.array([1, 2], dtype=np.uint64))",
    "m.from_numpy(np.array([1, 2], dtype=np.uint16)) // 2",
    "m.from_numpy(np.array([1, 2], dtype=np.uint16)) / 2",
    # SyncBatchNorm (one process: batch norm) and the triplet loss with a distance of one's own
    "nn.SyncBatchNorm(2)",
    "(lambda m_: [m_(m.arange(12.0).reshape(3, 2, 2)), m_.running_mean, m_.num_batches_tracked])(nn.SyncBatchNorm(2))",
    "nn.SyncBatchNorm(2)(m.ones(3))",
    "nn.SyncBatchNorm.convert_sync_batchnorm(nn.Sequential(nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2), "
    "nn.Sequential(nn.BatchNorm1d(3, affine=False))))",
    "nn.TripletMarginWithDistanceLoss()",
    "nn.TripletMarginWithDistanceLoss(distance_function=lambda x, y: (x - y).abs().sum(1))",
    "nn.TripletMarginWithDistanceLoss(swap=True)(m.arange(6.0).reshape(2, 3), m.ones(2, 3), m.zeros(2, 3))",
    "F.triplet_margin_with_distance_loss(m.arange(6.0).reshape(2, 3), m.ones(2, 3), m.zeros(2, 3), "
    "distance_function=lambda x, y: 1 - F.cosine_similarity(x, y), margin=0.5, reduction='none')",
    "nn.TripletMarginWithDistanceLoss(margin=0)",
    "F.triplet_margin_with_distance_loss(m.ones(2, 3), m.ones(2, 3), m.ones(3), margin=-1)",
    "F.triplet_margin_with_distance_loss(m.ones(2, 3), m.ones(2, 3), m.ones(3))",
    # sums of 32768 numbers or more (split between two threads) keep the dimensions left, as PyTorch's
    "m.ones(64, 1, 28, 28).sum(dim=[0, 2, 3])",
    "m.ones(64, 1, 28, 28).mean(dim=(0, 2, 3))",
    "m.ones(64, 1, 28, 28).std(dim=[0, 2, 3])",
    "[m.ones(40000, 1).sum(0), m.ones(40000, 1).sum(0, keepdim=True), m.ones(40000, 1).sum(), m.ones(1, 40000).sum(1)]",
    "(lambda c: (c(m.ones(8, 1, 64, 64)).sum().backward(), c.bias.grad, c.weight.grad))(nn.Conv2d(1, 1, 1))",
    # a range (and any sequence PyTorch reads item by item) as data
    "m.tensor(range(3))",
    "m.tensor([range(2), range(2)], dtype=m.float32)",
    "m.as_tensor(range(4)).dtype",
    # autocast's dtype, and the JIT's freeze (the model as it is)
    "[m.get_autocast_dtype('cpu'), m.get_autocast_dtype('cuda')]",
    "m.autocast('cpu', dtype=m.float32) and None",
    "m.autocast('cpu', dtype=m.float64) and None",
    "m.jit.freeze(m.nn.Linear(2, 2).eval())",
    "m.jit.optimize_for_inference(m.nn.Linear(2, 2).eval())",
    "[m.jit.enable_onednn_fusion(False), m.jit.onednn_fusion_enabled()]",
    # torch.utils.benchmark's Language, and the Timer methods PyTorch points away from
    "__import__(m.__name__ + '.utils.benchmark', fromlist=['Language']).Language.PYTHON",
    "list(__import__(m.__name__ + '.utils.benchmark', fromlist=['Language']).Language)",
    "__import__(m.__name__ + '.utils.benchmark', fromlist=['Timer']).Timer('1').repeat()",
    "__import__(m.__name__ + '.utils.benchmark', fromlist=['Timer']).Timer('1').autorange()",
    # a convolution's bias is one number per output channel
    "F.conv2d(m.ones(1, 3, 8, 8), m.ones(4, 3, 3, 3), m.ones(1))",
    "F.conv2d(m.ones(1, 3, 8, 8), m.ones(4, 3, 3, 3), m.ones(4, 1))",
    "F.conv2d(m.ones(1, 3, 8, 8), m.ones(4, 3, 3, 3), m.ones(3))",
    "F.conv1d(m.ones(1, 3, 8), m.ones(4, 3, 3), m.ones(1))",
    "F.conv_transpose2d(m.ones(1, 3, 4, 4), m.ones(3, 4, 2, 2), m.ones(1))",
    "F.conv2d(m.ones(1, 3, 8, 8), m.ones(4, 3, 3, 3), m.ones(4)).shape",
    # expand to a negative size; the sizes as given in the mismatch message
    "m.rand(1, 32, 1, 1).expand(-1, 32, -1, -4)",
    "m.rand(32, 1).expand(-4, 32, 1)",
    "m.rand(4, 32, 14, 14).expand(-1, 32, -1, -4)",
    "m.rand(1, 32, 1, 1).expand(-1, 32, -1, -1).shape",
    # a pre-hook with kwargs must give back both
    "nn.Linear(2, 1).register_forward_pre_hook(lambda mod, args, kwargs: args, with_kwargs=True) and None",
]


@pytest.mark.parametrize("code", CASES)
def test_as_pytorch(code: str) -> None:
    assert outcome(lab, code) == outcome(torch, code)


@pytest.mark.parametrize("seed", range(4))
def test_topk_picks_among_equal_values_as_pytorch(seed: int) -> None:
    """Rows of few distinct values (and NaNs), on both sides of partial_sort's k·64 ≤ n, sorted or not."""
    rng = np.random.default_rng(seed)
    for _ in range(60):
        n = int(rng.choice([3, 17, 64, 65, 130, 300]))
        k = int(rng.integers(1, min(n, 8) + 1))
        values = rng.integers(0, int(rng.choice([1, 2, 5])), size=(3, n)).astype(np.float32)
        values[rng.random(values.shape) < 0.05] = np.nan
        largest, ordered = bool(rng.integers(2)), bool(rng.integers(2))
        found = [m.from_numpy(values).topk(k, dim=1, largest=largest, sorted=ordered) for m in (lab, torch)]
        assert found[0].indices.tolist() == found[1].indices.tolist(), (n, k, largest, ordered)


def sums_added_in_place(m) -> list:
    """Gradients summed in place (as PyTorch's InputBuffer): a node's finished sum is never added into again,
    though a custom Function passes it on as it is, and a retained or hooked gradient keeps its value."""
    found = []

    class Same(m.autograd.Function):
        @staticmethod
        def forward(ctx, t):
            return t * 1

        @staticmethod
        def backward(ctx, grad):
            return grad  # (the very array that arrived)

    x = m.tensor([1.0, 2.0], requires_grad=True)
    direct = (x * 5).sum()  # (made first: its gradient reaches x after the one through Same)
    y = Same.apply(x)
    y.retain_grad()
    y.register_hook(lambda grad: found.append(grad))  # (kept as it is, not a copy)
    ((y * 2).sum() + (y * 3).sum() + direct).backward()
    found += [y.grad, x.grad]
    w = m.tensor([[0.5, -1.0], [2.0, 0.25]], requires_grad=True)  # a weight used at 5 steps, as an RNN's
    h = m.ones(1, 2)
    for _ in range(5):
        h = m.tanh(h @ w)
    h.sum().backward()
    found.append(w.grad)
    return [t.tolist() for t in found]


def test_gradients_summed_in_place_as_pytorchs() -> None:
    lab_found, torch_found = sums_added_in_place(lab), sums_added_in_place(torch)
    assert lab_found[:3] == torch_found[:3]
    np.testing.assert_allclose(lab_found[3], torch_found[3], rtol=1e-6)


def compiled_module(m) -> list:
    """What a lesson sees of torch.compile(model): PyTorch's OptimizedModule around the model."""
    found = []
    model = m.nn.Sequential(m.nn.Linear(3, 2), m.nn.ReLU())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # (ours says once that nothing is compiled)
        compiled = m.compile(model, backend="eager")
    found += [repr(compiled), str(type(compiled)), list(compiled.state_dict()), compiled._orig_mod is model]
    compiled.eval()
    found += [model.training, compiled.training, isinstance(compiled, m.nn.Sequential), len(compiled)]
    compiled.note = 3  # (attributes are the model's)
    model.other = 5
    found += [model.note, compiled.other, tuple(compiled(m.ones(1, 3)).shape)]
    found.append(len(list(compiled.parameters())))
    found.append(
        twins.outcome(
            m, "fresh.load_state_dict(compiled.state_dict())", {"fresh": model, "compiled": compiled}
        )
    )
    before = (
        m._dynamo.config.suppress_errors
    )  # (a lesson's settings: taken, and put back for the other tests)
    m._dynamo.config.suppress_errors = True
    m._dynamo.config.suppress_errors = before
    m._dynamo.reset()
    return found


def test_a_compiled_module_is_pytorchs_optimized_module() -> None:
    validate = torch.distributions.Distribution._validate_args  # (PyTorch's compiler switches it off)
    try:
        assert compiled_module(lab) == compiled_module(torch)
    finally:
        torch.distributions.Distribution.set_default_validate_args(validate)


PANDAS_CASES = [
    "m.tensor(pd.Series([1, 2, 3], dtype='int32'))",
    "m.tensor(pd.Series([1.5, 2.0]))",
    "m.tensor([pd.Series([1, 2]), pd.Series([3, 4])])",
    "m.as_tensor(pd.Series([1, 2], dtype='int16')).dtype",
    "m.tensor(pd.Series([1, 2], index=['a', 'b']))",
    "m.tensor(pd.DataFrame({'a': [1, 2]}))",
    "m.tensor(pd.Series([1.5, 2.0, 3.0], index=[2, 0, 1]))",
    "m.tensor(pd.DataFrame({'a': [1.0, 2.0], 'b': [3, 4]}).iloc[0])",
]


@pytest.mark.parametrize("code", PANDAS_CASES)
def test_a_pandas_series_is_read_as_pytorch_reads_a_sequence(code: str) -> None:
    pd = pytest.importorskip("pandas")
    found = [twins.outcome(m, code, {"pd": pd}) for m in (lab, torch)]
    assert found[0] == found[1]


def test_pytorchs_operator_registry_is_refused_in_words() -> None:
    """``torch.ops.aten`` (PyTorch's swap_tensors recipe, __torch_dispatch__ subclasses) is not here: said plainly."""
    with pytest.raises(AttributeError, match=r"no torch\.ops\.aten.* Hint: ") as caught:
        lab.ops.aten.detach.default  # noqa: B018
    assert "ATen" in str(caught.value)
    assert not hasattr(lab.ops, "prims")
    assert getattr(lab.ops, "no_such_name", None) is None


def test_freeze_takes_a_scripted_module_in_eval_mode() -> None:
    found = []
    for m in (lab, torch):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # (ours says the model runs as it is)
            scripted = m.jit.script(m.nn.Linear(2, 2))
            traced = m.jit.trace(m.nn.Linear(2, 2).eval(), m.ones(1, 2))
        refused = twins.outcome(m, "m.jit.freeze(s)", {"s": scripted})
        frozen = [m.jit.freeze(module.eval())(m.ones(1, 2)).shape for module in (scripted, traced)]
        found.append((refused, frozen))
    assert found[0] == found[1]


def profiled_windows(m) -> list:
    """A profile with a schedule: the actions step by step, and the ops of each active window."""
    profiler = importlib.import_module(f"{m.__name__}.profiler")
    plan = profiler.schedule(skip_first=2, wait=1, warmup=1, active=2, repeat=2)
    found = [[plan(step).name for step in range(12)]]
    windows = []

    def ready(prof):
        windows.append(
            sorted((event.key.removeprefix("aten::"), event.count) for event in prof.key_averages())
        )

    x = m.ones(3)
    with profiler.profile(
        schedule=profiler.schedule(wait=1, warmup=1, active=2), on_trace_ready=ready
    ) as prof:
        for step in range(6):
            x.exp()
            if step % 2:
                x.sin()
            prof.step()
    found += [windows, prof.step_num, prof.current_action.name]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        profiler.schedule(wait=1, warmup=0, active=1)
    found.append([str(w.message).split(" Hint: ")[0] for w in caught])
    found.append(twins.outcome(m, "schedule(wait=1, warmup=1, active=0)", {"schedule": profiler.schedule}))
    return found


def test_a_profile_schedule_records_its_windows_as_pytorchs() -> None:
    assert profiled_windows(lab) == profiled_windows(torch)


def test_autocast_dtype_inside_a_block_as_pytorchs() -> None:
    found = []
    for m in (lab, torch):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # (ours says autocast cannot run here; PyTorch's float16 runs)
            with m.autocast("cpu", dtype=m.float16):
                inside = str(m.get_autocast_dtype("cpu"))
        found.append((inside, str(m.get_autocast_dtype("cpu"))))
    assert found[0] == found[1]


def test_a_pre_hook_with_kwargs_returning_args_alone_is_refused() -> None:
    found = []
    for m in (lab, torch):
        layer = m.nn.Linear(2, 1)
        layer.register_forward_pre_hook(lambda mod, args, kwargs: args, with_kwargs=True)
        found.append(twins.outcome(m, "layer(m.ones(1, 2))", {"layer": layer}))
    assert found[0] == found[1]
