"""``nn.Module``, ``nn.Parameter``, containers and layers, against PyTorch.

The same constructor calls run in autograd_lab and in PyTorch (after the
same ``manual_seed``), so printed models, parameters, state dicts, outputs
and gradients can be compared character for character or value for value.
"""

from __future__ import annotations

import copy
from collections import OrderedDict
from typing import Any

import numpy as np
import pytest

import autograd_lab as lab
from autograd_lab import nn

torch = pytest.importorskip("torch")


def build(m: Any, code: str, seed: int = 0) -> Any:
    """Evaluate ``code`` with ``m`` as torch and ``nn`` as its nn, after ``manual_seed(seed)``."""
    m.manual_seed(seed)
    return eval(code, {"m": m, "nn": m.nn, "OrderedDict": OrderedDict})  # noqa: S307 - our own code


def pair(code: str, seed: int = 0) -> tuple[Any, Any]:
    return build(lab, code, seed), build(torch, code, seed)


def values(t: Any) -> np.ndarray:
    return t.detach().numpy()


REPRS = [
    "nn.Sequential(nn.Linear(3, 2), nn.ReLU())",
    "nn.Linear(3, 2, bias=False)",
    "nn.Conv2d(1, 6, 5)",
    "nn.Conv2d(3, 8, kernel_size=3, stride=2, padding=1, bias=False)",
    "nn.Conv2d(4, 4, (3, 5), dilation=2, groups=2, padding_mode='reflect', padding=2)",
    "nn.Conv2d(3, 8, 3, padding='same')",
    "nn.MaxPool2d(2)",
    "nn.MaxPool2d(3, stride=2, padding=1)",
    "nn.MaxPool2d((2, 3), ceil_mode=True)",
    "nn.AvgPool2d(2)",
    "nn.AvgPool2d((2, 3), stride=1, padding=1)",
    "nn.BatchNorm1d(10)",
    "nn.BatchNorm2d(16, eps=1e-3, momentum=0.01, affine=False)",
    "nn.BatchNorm2d(8, momentum=None, track_running_stats=False)",
    "nn.BatchNorm1d(4, bias=False)",
    "nn.Dropout()",
    "nn.Dropout(0.2)",
    "nn.Dropout(p=0.3, inplace=True)",
    "nn.ReLU()",
    "nn.ReLU(inplace=True)",
    "nn.LeakyReLU()",
    "nn.LeakyReLU(0.2)",
    "nn.LeakyReLU(0.1, inplace=True)",
    "nn.Softmax(dim=1)",
    "nn.Softmax()",
    "nn.LogSoftmax(dim=-1)",
    "nn.Flatten()",
    "nn.Flatten(0, -1)",
    "nn.GELU()",
    "nn.GELU(approximate='tanh')",
    "nn.Identity()",
    "nn.Sigmoid()",
    "nn.Tanh()",
    "nn.MSELoss()",
    "nn.SmoothL1Loss(beta=0.5)",
    "nn.AdaptiveAvgPool2d(1)",
    "nn.AdaptiveAvgPool2d((3, None))",
    "nn.HuberLoss(delta=2.0)",
    "nn.L1Loss(reduction='sum')",
    "nn.CrossEntropyLoss(weight=m.ones(3), label_smoothing=0.1)",
    "nn.NLLLoss()",
    "nn.BCELoss()",
    "nn.BCEWithLogitsLoss(pos_weight=m.ones(2))",
    "nn.ModuleList([nn.Linear(2, 2), nn.ReLU()])",
    "nn.ModuleList([])",
    "nn.ModuleList([nn.Linear(2, 2) for _ in range(3)] + [nn.ReLU(), nn.ReLU(), nn.Tanh()])",
    "nn.Sequential(*[nn.Linear(2, 2) for _ in range(3)], nn.ReLU(), nn.ReLU())",
    "nn.Sequential(OrderedDict([('fc1', nn.Linear(4, 3)), ('relu', nn.ReLU()), ('fc2', nn.Linear(3, 1))]))",
    "nn.Sequential()",
    "nn.ModuleDict({'lin': nn.Linear(2, 2), 'act': nn.ReLU()})",
    "nn.ModuleDict()",
    "nn.ParameterList([nn.Parameter(m.zeros(2, 3)), nn.Parameter(m.zeros(4))])",
    "nn.ParameterList([nn.Parameter(m.zeros(2, dtype=m.float64))])",
    "nn.ParameterList([nn.Parameter(m.zeros(2)), m.zeros(3), 5, nn.Parameter(m.tensor(1.0))])",
    "nn.ParameterDict({'b': nn.Parameter(m.zeros(2)), 'a': m.zeros(())})",
    "nn.ParameterDict(OrderedDict([('b', nn.Parameter(m.zeros(2, 2))), ('a', nn.Parameter(m.zeros(1)))]))",
    "nn.Sequential(nn.Sequential(nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2), nn.ModuleList([nn.ReLU()] * 2)), nn.Flatten())",
    "nn.Parameter(m.tensor([1.0, 2.0]))",
    "nn.Parameter(m.tensor(3.5))",
    "nn.Parameter(m.zeros(2), requires_grad=False)",
    "nn.Parameter(m.zeros(2, 3, dtype=m.float64))",
]


@pytest.mark.parametrize("code", REPRS)
def test_printed_as_pytorch_prints_it(code: str) -> None:
    ours, theirs = pair(code)
    assert repr(ours) == repr(theirs)
    assert str(ours) == str(theirs)


def test_parameters_and_state_dict_print_as_in_pytorch() -> None:
    code = "nn.Sequential(nn.Linear(3, 2), nn.ReLU(), nn.BatchNorm1d(2))"
    ours, theirs = pair(code)
    assert repr(list(ours.parameters())) == repr(list(theirs.parameters()))
    assert repr(ours.state_dict()) == repr(theirs.state_dict())
    assert repr(ours._modules) == repr(theirs._modules)
    assert repr(ours[0]._parameters) == repr(theirs[0]._parameters)
    assert repr(ours[2]._buffers) == repr(theirs[2]._buffers)
    assert isinstance(ours.state_dict(), OrderedDict)


class _Net:
    """A custom module with a shared layer, a nested Sequential, a buffer and a plain attribute."""

    @staticmethod
    def make(m: Any) -> Any:
        class Net(m.nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.features = m.nn.Sequential(m.nn.Conv2d(1, 2, 3), m.nn.ReLU(), m.nn.MaxPool2d(2))
                self.fc1 = m.nn.Linear(8, 4)
                self.shared = self.fc1
                self.bn = m.nn.BatchNorm1d(4)
                self.fc2 = m.nn.Linear(4, 3)
                self.scale = m.nn.Parameter(m.tensor(2.0))
                self.register_buffer("steps", m.zeros(1))
                self.register_buffer("scratch", m.zeros(2), persistent=False)
                self.name = "net"

            def forward(self, x: Any) -> Any:
                h = self.features(x).flatten(1)
                return self.fc2(m.relu(self.bn(self.shared(h)))) * self.scale

        m.manual_seed(0)
        return Net()


def test_the_tree_walks_as_in_pytorch() -> None:
    ours, theirs = _Net.make(lab), _Net.make(torch)
    assert repr(ours) == repr(theirs)
    for method in ["named_parameters", "named_buffers", "named_modules", "named_children"]:
        assert [n for n, _ in getattr(ours, method)()] == [n for n, _ in getattr(theirs, method)()], method
    assert [n for n, _ in ours.named_parameters(prefix="model", recurse=False)] == [
        n for n, _ in theirs.named_parameters(prefix="model", recurse=False)
    ]
    assert len(list(ours.parameters())) == len(list(theirs.parameters()))
    assert len(list(ours.modules())) == len(list(theirs.modules()))
    assert len(list(ours.children())) == len(list(theirs.children()))
    assert list(ours.state_dict()) == list(theirs.state_dict())
    for (name, a), b in zip(ours.state_dict().items(), theirs.state_dict().values(), strict=True):
        np.testing.assert_array_equal(values(a), values(b), err_msg=name)
    assert ours.get_submodule("features.0") is ours.features[0]
    assert sorted(ours._parameters) == ["scale"] and sorted(ours._buffers) == ["scratch", "steps"]


def test_a_forward_and_backward_pass_match_pytorch() -> None:
    ours, theirs = _Net.make(lab), _Net.make(torch)
    x = np.random.default_rng(1).standard_normal((3, 1, 6, 6)).astype(np.float32)
    out_ours, out_theirs = ours(lab.tensor(x)), theirs(torch.tensor(x))
    np.testing.assert_allclose(values(out_ours), values(out_theirs), rtol=1e-5, atol=1e-6)
    assert type(out_ours.grad_fn).__name__ == type(out_theirs.grad_fn).__name__
    lab.nn.functional.cross_entropy(out_ours, lab.tensor([0, 2, 1])).backward()
    torch.nn.functional.cross_entropy(out_theirs, torch.tensor([0, 2, 1])).backward()
    for (name, a), b in zip(ours.named_parameters(), theirs.parameters(), strict=True):
        np.testing.assert_allclose(a.grad.numpy(), b.grad.numpy(), rtol=1e-4, atol=1e-6, err_msg=name)
    for (name, a), b in zip(ours.named_buffers(), theirs.buffers(), strict=True):
        np.testing.assert_allclose(values(a), values(b), rtol=1e-5, atol=1e-7, err_msg=name)


def test_nodes_remember_the_modules_that_made_them() -> None:
    net = _Net.make(lab)
    out = net(lab.zeros(2, 1, 6, 6))
    scopes: dict[str, set] = {}
    stack, seen = [out.grad_fn], set()
    while stack:
        node = stack.pop()
        if node is None or node in seen or not hasattr(node, "scope"):
            continue
        seen.add(node)
        scopes.setdefault(type(node).__name__, set()).add(tuple(name for name, _ in node.scope))
        stack.extend(child for child, _ in node.next_functions)
    assert scopes["ConvolutionBackward0"] == {("", "features", "features.0")}
    assert scopes["MaxPool2DWithIndicesBackward0"] == {("", "features", "features.2")}
    assert scopes["AddmmBackward0"] == {("", "fc1"), ("", "fc2")}  # fc1 called as self.shared: still fc1
    assert scopes["NativeBatchNormBackward0"] == {("", "bn")}
    assert scopes["MulBackward0"] == {("",)}
    assert [module for _, module in out.grad_fn.scope] == [net]
    alone = nn.Linear(2, 2)(lab.zeros(1, 2))
    assert [name for name, _ in alone.grad_fn.scope] == [""]


def test_forward_hooks() -> None:
    layer = nn.Linear(2, 2)
    seen = []
    handle = layer.register_forward_hook(
        lambda module, args, out: seen.append((module, args[0].shape)) or out * 2
    )
    pre = layer.register_forward_pre_hook(lambda module, args: (args[0] + 1,))
    x = lab.zeros(1, 2)
    doubled = layer(x)
    np.testing.assert_allclose(
        values(doubled), 2 * values(nn.functional.linear(x + 1, layer.weight, layer.bias))
    )
    assert seen == [(layer, (1, 2))]
    handle.remove()
    pre.remove()
    np.testing.assert_allclose(values(layer(x)), values(layer.bias)[None])


# -- attributes and registration ----------------------------------------------------------------------------


def raises_like(code: str) -> None:
    """autograd_lab raises PyTorch's exception type with PyTorch's message first, then a hint."""
    with pytest.raises(Exception) as theirs:
        exec(code, {"m": torch, "nn": torch.nn})  # noqa: S102 - our own code
    with pytest.raises(type(theirs.value)) as ours:
        exec(code, {"m": lab, "nn": lab.nn})  # noqa: S102
    ours_text, theirs_text = str(ours.value.args[0]), str(theirs.value.args[0])
    assert ours_text.startswith(theirs_text + " Hint: "), (ours_text, theirs_text)


REGISTRATION_ERRORS = [
    "nn.Linear(2, 2).weight = m.zeros(2, 2)",
    "nn.Linear(2, 2).foo",
    "l = nn.Linear(2, 2); l.weight = nn.Linear(1, 1)",
    "s = nn.Sequential(nn.ReLU()); s[0] = 3",
    "l = nn.Linear(2, 2); l.register_buffer('b', m.zeros(1)); l.b = 3",
    "nn.Module().register_buffer('a.b', m.zeros(1))",
    "nn.Module().register_parameter('', None)",
    "x = nn.Module(); x.y = 1; x.register_parameter('y', None)",
    "nn.Module().add_module('y', 3)",
    "nn.Module().register_buffer('z', 3)",
    "nn.Module().register_parameter('w', m.zeros(2))",
    "class A(nn.Module):\n    def __init__(self):\n        self.w = nn.Parameter(m.zeros(1))\nA()",
    "class B(nn.Module):\n    def __init__(self):\n        self.l = nn.Linear(1, 1)\nB()",
    "nn.ModuleList([nn.ReLU()])[2]",
    "nn.Sequential(nn.ReLU())[-3]",
    "nn.ParameterList([nn.Parameter(m.zeros(1))])[3]",
    "nn.Module()(1)",
    "nn.Linear(2, 2).train('yes')",
    "nn.Linear(2, 2).get_submodule('foo')",
    "nn.Linear(2, 2).to('cuda')",
    "nn.Linear(2, 2).to('mps')",
    "nn.Linear(2, 2).to(m.device('cuda', 0), m.float64)",
    "nn.Linear(2, 2).to('nonsense')",
    "nn.Linear(2, 2).cuda()",
    "nn.Linear(2, 2).cuda(1)",
    "nn.Linear(3, 2)(m.zeros(2, 4))",
    "nn.Conv2d(3, 2, 3)(m.zeros(2, 4, 5, 5))",
    "nn.Conv2d(2, 3, 3, groups=2)",
    "nn.BatchNorm1d(3)(m.zeros(1, 3))",
    "nn.BatchNorm2d(3)(m.zeros(1, 3, 2))",
    "nn.BatchNorm1d(3)(m.zeros(2, 3, 2, 2))",
    "nn.Dropout(1.5)",
    "nn.CrossEntropyLoss()(m.zeros(3, 4), m.tensor([0, 1]))",
    "nn.init.calculate_gain('foo')",
    "nn.functional.smooth_l1_loss(m.zeros(2), m.ones(2), beta=-1.0)",
    "nn.functional.huber_loss(m.zeros(2), m.ones(2), delta=0.0)",
    "nn.AdaptiveAvgPool2d(2)(m.zeros(3, 4))",
    "nn.functional.adaptive_avg_pool2d(m.zeros(1, 2, 0, 3), 2)",
]


@pytest.mark.parametrize("code", REGISTRATION_ERRORS)
def test_errors_match_torch(code: str) -> None:
    raises_like(code)


def test_assignment_registers_and_unregisters() -> None:
    module = nn.Module()
    module.w = nn.Parameter(lab.zeros(2))
    module.child = nn.Linear(1, 1)
    module.register_buffer("running", lab.zeros(1))
    assert list(module._parameters) == ["w"] and list(module._modules) == ["child"]
    module.w = None
    assert module.w is None and list(module.named_parameters()) == [
        ("child.weight", module.child.weight),
        ("child.bias", module.child.bias),
    ]
    module.running = lab.ones(1)
    assert module._buffers["running"].item() == 1.0
    module.child = nn.Parameter(lab.zeros(1))  # a parameter now: no longer a module
    assert "child" not in module._modules and "child" in module._parameters
    del module.child
    assert "child" not in module._parameters
    assert "running" in dir(module)
    with pytest.raises(AttributeError):
        _ = module.child


def test_parameter() -> None:
    t = lab.tensor([1.0, 2.0])
    p = nn.Parameter(t)
    assert isinstance(p, lab.Tensor) and isinstance(p, nn.Parameter)
    assert p.requires_grad and p.is_leaf and p.grad_fn is None
    p.data[0] = 5.0
    assert t[0].item() == 5.0  # the same memory as the tensor it wraps
    for result in (p * 2, p.data, p.detach(), p.clone()):
        assert type(result) is lab.Tensor
    assert not nn.Parameter(lab.zeros(1), requires_grad=False).requires_grad
    assert nn.Parameter().shape == (0,)
    clone = copy.deepcopy(p)
    assert isinstance(clone, nn.Parameter) and clone is not p and clone.requires_grad
    np.testing.assert_array_equal(values(clone), values(p))


# -- modes, gradients, types, state ------------------------------------------------------------------------------


def test_train_eval_requires_grad_and_zero_grad() -> None:
    model = nn.Sequential(nn.Linear(2, 2), nn.Dropout(), nn.Sequential(nn.BatchNorm1d(2)))
    assert model.eval() is model
    assert [module.training for module in model.modules()] == [False] * 5
    model.train()
    assert all(module.training for module in model.modules())
    model(lab.ones(3, 2)).sum().backward()
    assert all(p.grad is not None for p in model.parameters())
    model.zero_grad(set_to_none=False)
    assert all(p.grad is not None and not p.grad.numpy().any() for p in model.parameters())
    model.zero_grad()
    assert all(p.grad is None for p in model.parameters())
    assert model.requires_grad_(False) is model
    assert not any(p.requires_grad for p in model.parameters())


def test_to_double_float_and_cpu() -> None:
    model = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2))
    weight = model[0].weight
    assert model.to(lab.float64) is model and model[0].weight is weight
    assert weight.dtype == lab.float64 and model[1].running_mean.dtype == lab.float64
    assert model[1].num_batches_tracked.dtype == lab.int64  # not a float: unchanged
    assert model(lab.ones(2, 2, dtype=lab.float64)).dtype == lab.float64
    model.float()
    assert weight.dtype == lab.float32
    model.double()
    assert weight.dtype == lab.float64
    assert model.to("cpu") is model and model.cpu() is model
    model.to(lab.zeros(1))
    assert weight.dtype == lab.float32


def test_apply_initialises_like_pytorch() -> None:
    code = "nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))"

    def init(m: Any) -> Any:
        def fill(module: Any) -> None:
            if isinstance(module, m.nn.Linear):
                m.nn.init.xavier_uniform_(module.weight)
                m.nn.init.zeros_(module.bias)

        return fill

    ours, theirs = pair(code)
    assert ours.apply(init(lab)) is ours
    theirs.apply(init(torch))
    for a, b in zip(ours.parameters(), theirs.parameters(), strict=True):
        np.testing.assert_array_equal(values(a), values(b))


def test_load_state_dict() -> None:
    source, target = (
        nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2)),
        nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2)),
    )
    source[1].running_mean.numpy()[:] = 3.0
    weight = target[0].weight
    assert repr(target.load_state_dict(source.state_dict())) == "<All keys matched successfully>"
    assert target[0].weight is weight  # loaded in place
    np.testing.assert_array_equal(values(target[0].weight), values(source[0].weight))
    np.testing.assert_array_equal(values(target[1].running_mean), [3.0, 3.0])
    partial = {k: v for k, v in source.state_dict().items() if k != "0.bias"}
    partial["1.unknown"] = lab.zeros(1)
    for m in (lab, torch):
        model = m.nn.Sequential(m.nn.Linear(2, 2), m.nn.BatchNorm1d(2))
        state = {k: m.tensor(values(v)) for k, v in partial.items()}
        if m is lab:
            ours = repr(model.load_state_dict(state, strict=False))
        else:
            assert ours == repr(model.load_state_dict(state, strict=False))
    old = {k: v for k, v in source.state_dict().items() if k != "1.num_batches_tracked"}
    assert repr(target.load_state_dict(old)) == "<All keys matched successfully>"  # an old checkpoint


@pytest.mark.parametrize(
    "state",
    [
        "{'weight': m.zeros(2, 2), 'foo': m.zeros(1)}",
        "{'weight': m.zeros(3, 2), 'bias': m.zeros(2)}",
        "{'0.weight': m.zeros(2, 2), '0.bias': m.zeros(2), 'x.y': m.zeros(1)}",
    ],
)
def test_load_state_dict_errors_match_torch(state: str) -> None:
    raises_like(f"nn.Linear(2, 2).load_state_dict({state})")


def test_state_dict_of_losses_and_batch_norm() -> None:
    for code in [
        "nn.CrossEntropyLoss(weight=m.tensor([1.0, 2.0]))",
        "nn.BCEWithLogitsLoss(pos_weight=m.ones(2))",
        "nn.BatchNorm2d(3, affine=False)",
        "nn.BatchNorm1d(2, track_running_stats=False)",
    ]:
        ours, theirs = pair(code)
        assert repr(ours.state_dict()) == repr(theirs.state_dict()), code


# -- containers ------------------------------------------------------------------------------------------------


def test_sequential_indexing_and_editing() -> None:
    for m in (lab, torch):
        model = m.nn.Sequential(m.nn.Linear(2, 3), m.nn.ReLU(), m.nn.Linear(3, 1))
        assert len(model) == 3 and model[-1] is model[2] and isinstance(model[1], m.nn.ReLU)
        head = model[:2]
        assert type(head) is m.nn.Sequential and head[0] is model[0] and list(head._modules) == ["0", "1"]
        assert list(model[1:]._modules) == ["1", "2"]
        model.append(m.nn.Sigmoid())
        del model[1]
        assert list(model._modules) == ["0", "1", "2"] and isinstance(model[1], m.nn.Linear)
        model[2] = m.nn.Tanh()
        model.insert(0, m.nn.Identity())
        assert [type(layer).__name__ for layer in model] == ["Identity", "Linear", "Linear", "Tanh"]
    named = nn.Sequential(OrderedDict([("fc", nn.Linear(2, 1)), ("act", nn.Sigmoid())]))
    assert named.fc is named[0] and list(named[1:]._modules) == ["act"]


def test_module_list_dict_and_parameter_containers() -> None:
    layers = nn.ModuleList([nn.Linear(2, 2)])
    layers += [nn.ReLU()]
    layers.append(nn.Tanh()).extend([nn.Sigmoid()])
    layers.insert(1, nn.Identity())
    assert [type(x).__name__ for x in layers] == ["Linear", "Identity", "ReLU", "Tanh", "Sigmoid"]
    del layers[0]
    assert list(layers._modules) == ["0", "1", "2", "3"] and len(layers[1:3]) == 2
    table = nn.ModuleDict({"a": nn.ReLU()})
    table["b"] = nn.Tanh()
    assert list(table) == ["a", "b"] and "a" in table and len(table) == 2
    assert type(table.pop("a")).__name__ == "ReLU" and list(table.keys()) == ["b"]
    params = nn.ParameterList([lab.zeros(1), lab.ones(2)])
    assert all(isinstance(p, nn.Parameter) for p in params) and len(params) == 2
    assert [n for n, _ in params.named_parameters()] == ["0", "1"]
    store = nn.ParameterDict({"w": lab.zeros(2)})
    store["v"] = nn.Parameter(lab.ones(1))
    assert list(store) == ["w", "v"] and "v" in store and isinstance(store["w"], nn.Parameter)
    assert [n for n, _ in store.named_parameters()] == ["w", "v"]
    with pytest.raises(RuntimeError, match="ParameterList should not be called"):
        params(1)


# -- layers in training and evaluation -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "code",
    [
        "nn.BatchNorm1d(3)",
        "nn.BatchNorm1d(3, momentum=None)",
        "nn.BatchNorm1d(3, affine=False, momentum=0.3)",
        "nn.BatchNorm2d(2)",
        "nn.BatchNorm2d(2, track_running_stats=False)",
    ],
)
def test_batch_norm_running_statistics_over_several_steps(code: str) -> None:
    ours, theirs = pair(code)
    rng = np.random.default_rng(5)
    shape = (4, 3) if "1d" in code else (3, 2, 2, 3)
    for _ in range(4):
        x = (rng.standard_normal(shape) * 2 + 1).astype(np.float32)
        a, b = lab.tensor(x, requires_grad=True), torch.tensor(x, requires_grad=True)
        out_a, out_b = ours(a), theirs(b)
        np.testing.assert_allclose(values(out_a), values(out_b), rtol=1e-5, atol=1e-5)
        (out_a * out_a).sum().backward()
        (out_b * out_b).sum().backward()
        np.testing.assert_allclose(a.grad.numpy(), b.grad.numpy(), rtol=1e-4, atol=1e-5)
    for (name, x), y in zip(ours.state_dict().items(), theirs.state_dict().values(), strict=True):
        np.testing.assert_allclose(values(x), values(y), rtol=1e-5, atol=1e-7, err_msg=name)
    for a, b in zip(ours.parameters(), theirs.parameters(), strict=True):
        np.testing.assert_allclose(a.grad.numpy(), b.grad.numpy(), rtol=1e-4, atol=1e-5)
    ours.eval()
    theirs.eval()
    x = rng.standard_normal(shape).astype(np.float32)
    np.testing.assert_allclose(
        values(ours(lab.tensor(x))), values(theirs(torch.tensor(x))), rtol=1e-5, atol=1e-5
    )
    assert repr(ours.state_dict()) == repr(theirs.state_dict()) or code.endswith("momentum=None)")


def test_dropout_layer_trains_and_evaluates_as_pytorch() -> None:
    ours, theirs = pair("nn.Sequential(nn.Linear(4, 6), nn.Dropout(0.4), nn.ReLU())", seed=7)
    x = np.ones((3, 4), np.float32)
    lab.manual_seed(1)
    torch.manual_seed(1)
    np.testing.assert_array_equal(values(ours(lab.tensor(x))), values(theirs(torch.tensor(x))))
    ours.eval()
    theirs.eval()
    a, b = ours(lab.tensor(x)), theirs(torch.tensor(x))
    np.testing.assert_allclose(values(a), values(b), rtol=1e-6)
    assert type(a.grad_fn).__name__ == type(b.grad_fn).__name__ == "ReluBackward0"


LAYERS = [
    ("nn.Conv2d(2, 4, 3, padding=1)", (2, 2, 5, 5)),
    ("nn.Conv2d(4, 2, (2, 3), stride=2, groups=2, bias=False)", (1, 4, 6, 7)),
    ("nn.Sequential(nn.MaxPool2d(2, ceil_mode=True), nn.AvgPool2d(2, 1, 1))", (2, 3, 5, 5)),
    (
        "nn.Sequential(nn.Flatten(), nn.Linear(12, 3), nn.LeakyReLU(0.2), nn.GELU(), nn.LogSoftmax(1))",
        (2, 3, 2, 2),
    ),
    ("nn.Sequential(nn.Linear(4, 3), nn.Tanh(), nn.Linear(3, 3), nn.Sigmoid(), nn.Softmax(dim=1))", (5, 4)),
    ("nn.Linear(3, 2)", (2, 4, 3)),
    ("nn.Identity()", (2, 3)),
    ("nn.AdaptiveAvgPool2d(1)", (2, 3, 5, 4)),
    ("nn.AdaptiveAvgPool2d((3, None))", (3, 5, 4)),
    ("nn.Sequential(nn.Conv2d(2, 3, 3), nn.AdaptiveAvgPool2d((4, 2)), nn.Flatten())", (2, 2, 7, 6)),
]


@pytest.mark.parametrize(("code", "shape"), LAYERS)
def test_layers_match_pytorch(code: str, shape: tuple) -> None:
    ours, theirs = pair(code, seed=3)
    x = np.random.default_rng(2).standard_normal(shape).astype(np.float32)
    a, b = lab.tensor(x, requires_grad=True), torch.tensor(x, requires_grad=True)
    out_a, out_b = ours(a), theirs(b)
    np.testing.assert_allclose(values(out_a), values(out_b), rtol=1e-5, atol=1e-6)
    assert type(out_a.grad_fn).__name__ == type(out_b.grad_fn).__name__
    g = np.random.default_rng(3).standard_normal(out_b.shape).astype(np.float32)
    out_a.backward(lab.tensor(g))
    out_b.backward(torch.tensor(g))
    np.testing.assert_allclose(a.grad.numpy(), b.grad.numpy(), rtol=1e-4, atol=1e-5)
    for p, q in zip(ours.parameters(), theirs.parameters(), strict=True):
        np.testing.assert_allclose(p.grad.numpy(), q.grad.numpy(), rtol=1e-4, atol=1e-5)


LOSSES = [
    ("nn.MSELoss()", "x", "t"),
    ("nn.MSELoss(reduction='sum')", "x", "t"),
    ("nn.L1Loss()", "x", "t"),
    ("nn.L1Loss(reduction='none')", "x", "t"),
    ("nn.CrossEntropyLoss()", "x", "labels"),
    ("nn.CrossEntropyLoss(weight=m.tensor([1.0, 0.5, 2.0]), ignore_index=1)", "x", "labels"),
    ("nn.CrossEntropyLoss(label_smoothing=0.1, reduction='sum')", "x", "labels"),
    ("nn.NLLLoss(reduction='none')", "x.log_softmax(1)", "labels"),
    ("nn.BCELoss()", "x.sigmoid()", "p"),
    ("nn.BCELoss(weight=m.tensor([1.0, 2.0, 3.0]), reduction='sum')", "x.sigmoid()", "p"),
    ("nn.BCEWithLogitsLoss()", "x", "p"),
    ("nn.BCEWithLogitsLoss(pos_weight=m.tensor([1.0, 2.0, 3.0]), reduction='none')", "x", "p"),
    ("nn.SmoothL1Loss()", "x", "t"),
    ("nn.SmoothL1Loss(beta=0.5, reduction='none')", "x", "t"),
    ("nn.SmoothL1Loss(beta=0.0)", "x", "t"),
    ("nn.HuberLoss()", "x", "t"),
    ("nn.HuberLoss(delta=0.3, reduction='sum')", "x", "t"),
]


@pytest.mark.parametrize(("code", "prediction", "target"), LOSSES)
def test_losses_match_pytorch(code: str, prediction: str, target: str) -> None:
    rng = np.random.default_rng(4)
    x = rng.standard_normal((4, 3)).astype(np.float32)
    data = {"t": rng.standard_normal((4, 3)), "p": rng.uniform(size=(4, 3)), "labels": np.array([0, 2, 1, 1])}
    results = []
    for m in (lab, torch):
        loss_fn = build(m, code)
        leaf = m.tensor(x, requires_grad=True)
        goal = m.tensor(data[target].astype(np.float32) if target != "labels" else data[target])
        loss = loss_fn(eval(prediction, {"x": leaf}), goal)  # noqa: S307 - our own code
        loss.sum().backward()
        results.append((repr(loss), values(loss), leaf.grad.numpy()))
    (repr_a, value_a, grad_a), (repr_b, value_b, grad_b) = results
    np.testing.assert_allclose(value_a, value_b, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(grad_a, grad_b, rtol=1e-5, atol=1e-6)
    assert repr_a.split("grad_fn")[-1] == repr_b.split("grad_fn")[-1]


def test_a_two_layer_net_trains_as_in_pytorch() -> None:
    """Five steps of plain SGD on a small MLP: the printed losses are PyTorch's."""
    rng = np.random.default_rng(0)
    x, y = rng.standard_normal((8, 3)).astype(np.float32), rng.integers(0, 2, 8)
    printed = []
    for m in (lab, torch):
        model = build(m, "nn.Sequential(nn.Linear(3, 5), nn.ReLU(), nn.Linear(5, 2))")
        losses = []
        for _ in range(5):
            loss = m.nn.functional.cross_entropy(model(m.tensor(x)), m.tensor(y))
            model.zero_grad()
            loss.backward()
            with m.no_grad():
                for p in model.parameters():
                    p -= 0.5 * p.grad
            losses.append(f"{loss.item():.4f}")
        printed.append(losses)
    assert printed[0] == printed[1]
