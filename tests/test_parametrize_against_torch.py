"""``nn.utils.parametrize``, ``nn.utils.parametrizations`` and the hook-based weight/spectral norms against PyTorch.

Each scenario is written once as a function of the library (``lab`` or
``torch``) and returns what a learner would print or inspect: module reprs,
parameter names, state_dict keys, values and gradients.  Values computed by
the same copies and sign changes in both libraries are compared exactly
(through their printed form); values that go through sums, norms or
solves are compared with a tight tolerance.
"""

from __future__ import annotations

import copy
import pickle
from types import ModuleType
from typing import Any

import pytest
from twins import assert_same, both, numbers, raises_like_torch

import autograd_lab as lab

torch = pytest.importorskip("torch")


# -- the parametrizations used below, written for either library ---------------------------------------------


def kinds(m: ModuleType) -> dict[str, type]:
    """The parametrization modules of the tutorial (and a few more), as subclasses of ``m.nn.Module``."""
    nn = m.nn

    class Symmetric(nn.Module):
        def forward(self, x):
            return x.triu() + x.triu(1).transpose(-1, -2)

    class Skew(nn.Module):
        def forward(self, x):
            upper = x.triu(1)
            return upper - upper.transpose(-1, -2)

    class SkewInvertible(Skew):
        def right_inverse(self, a):
            return a.triu(1)

    class Cayley(nn.Module):
        def __init__(self, n):
            super().__init__()
            self.register_buffer("Id", m.eye(n))

        def forward(self, x):
            return m.linalg.solve(self.Id - x, self.Id + x)

        def right_inverse(self, a):
            return m.linalg.solve(a + self.Id, self.Id - a)

    class Counting(nn.Module):
        def __init__(self):
            super().__init__()
            self.calls = 0

        def forward(self, x):
            self.calls += 1
            return x

    class RankOne(nn.Module):
        def forward(self, x, y):
            return x.unsqueeze(-1) @ y.unsqueeze(-2)

        def right_inverse(self, z):
            return z[:, 0].clone(), z[0] / z[0, 0]

    class Scale(nn.Module):
        def forward(self, x):
            return 3 * x

        def right_inverse(self, a):
            return a / 3

    class FirstRows(nn.Module):
        def forward(self, x):
            return x[:2]

    class ToDouble(nn.Module):
        def forward(self, x):
            return x.double()

    class NotATensor(nn.Module):
        def forward(self, x):
            return [x]

    class BadInverse(nn.Module):
        def forward(self, x):
            return x

        def right_inverse(self, a):
            return 7

    return {
        "Symmetric": Symmetric,
        "Skew": Skew,
        "SkewInvertible": SkewInvertible,
        "Cayley": Cayley,
        "Counting": Counting,
        "RankOne": RankOne,
        "Scale": Scale,
        "FirstRows": FirstRows,
        "ToDouble": ToDouble,
        "NotATensor": NotATensor,
        "BadInverse": BadInverse,
    }


P = "nn.utils.parametrize"


def param(m: ModuleType) -> ModuleType:
    return m.nn.utils.parametrize


# -- registering, printing, inspecting ----------------------------------------------------------------------


def test_a_symmetric_linear_layer_prints_and_holds_the_same() -> None:
    def scenario(m: ModuleType) -> dict:
        layer = m.nn.Linear(3, 3)
        before = repr(layer)
        out = param(m).register_parametrization(layer, "weight", kinds(m)["Symmetric"]())
        return {
            "returns the module": out is layer,
            "before": before,
            "after": repr(layer),
            "str": str(layer),
            "parametrizations": repr(layer.parametrizations),
            "list": repr(layer.parametrizations.weight),
            "first": repr(layer.parametrizations.weight[0]),
            "weight": repr(layer.weight),
            "original": repr(layer.parametrizations.weight.original),
            "named parameters": repr(dict(layer.named_parameters())),
            "state_dict": list(layer.state_dict()),
            "type": repr(type(layer)),
            "type name": type(layer).__name__,
            "before type": param(m).type_before_parametrizations(layer).__name__,
            "is parametrized": (param(m).is_parametrized(layer), param(m).is_parametrized(layer, "weight")),
            "bias not": param(m).is_parametrized(layer, "bias"),
            "list type": repr(type(layer.parametrizations.weight)),
            "is a property": isinstance(type(layer).__dict__["weight"], property),
            "symmetric": bool(m.equal(layer.weight, layer.weight.T)),
            "modules": [name for name, _ in layer.named_modules()],
            "dist": repr(
                m.dist(layer.weight, kinds(m)["Symmetric"]()(layer.parametrizations.weight.original))
            ),
        }

    ours, theirs = both(scenario)
    assert theirs["after"].startswith("ParametrizedLinear(\n  in_features=3, out_features=3, bias=True")
    assert_same(ours, theirs)


def test_a_skew_convolution_prints_the_same_kernels() -> None:
    def scenario(m: ModuleType) -> dict:
        cnn = m.nn.Conv2d(in_channels=5, out_channels=8, kernel_size=3)
        param(m).register_parametrization(cnn, "weight", kinds(m)["Skew"]())
        return {"a": repr(cnn.weight[0, 1]), "b": repr(cnn.weight[2, 2]), "repr": repr(cnn)}

    assert_same(*both(scenario))


def test_an_unparametrized_module_is_unchanged() -> None:
    def scenario(m: ModuleType) -> dict:
        layer = m.nn.Linear(2, 2)
        return {
            "is parametrized": param(m).is_parametrized(layer),
            "type": param(m).type_before_parametrizations(layer).__name__,
            "class": type(layer).__name__,
        }

    assert_same(*both(scenario))


# -- gradients and optimizer steps ----------------------------------------------------------------------------


@pytest.mark.parametrize("optimizer", ["SGD", "Adam"])
def test_gradients_and_optimizer_steps_go_through_the_parametrization(optimizer: str) -> None:
    def scenario(m: ModuleType) -> dict:
        layer = m.nn.Linear(3, 3)
        param(m).register_parametrization(layer, "weight", kinds(m)["Symmetric"]())
        original = layer.parametrizations.weight.original
        opt = getattr(m.optim, optimizer)(layer.parameters(), lr=0.1)
        x = m.rand(8, 3)
        result: dict = {}
        for step in range(3):
            opt.zero_grad()
            loss = layer(x).pow(2).sum()
            loss.backward()
            result[f"loss {step}"] = numbers(loss)
            result[f"original grad {step}"] = numbers(original.grad)
            result[f"bias grad {step}"] = numbers(layer.bias.grad)
            opt.step()
        result["weight"] = numbers(layer.weight)
        result["weight grad_fn"] = type(layer.weight.grad_fn).__name__
        result["still symmetric"] = bool(m.equal(layer.weight, layer.weight.T))
        result["optimizer holds original"] = any(p is original for p in opt.param_groups[0]["params"])
        return result

    assert_same(*both(scenario), rtol=1e-5, atol=1e-6)


def test_caching_computes_a_parametrization_once_per_block() -> None:
    def scenario(m: ModuleType) -> dict:
        layer = m.nn.Linear(4, 4)
        counting = kinds(m)["Counting"]()
        param(m).register_parametrization(layer, "weight", counting)
        calls = [counting.calls]
        _ = layer.weight + layer.weight.T
        _ = layer.weight.sum()
        calls.append(counting.calls)
        with param(m).cached():
            first = layer.weight
            _ = layer.weight + layer.weight.T
            with param(m).cached():
                same_inside = layer.weight is first
            still_cached = layer.weight is first
            calls.append(counting.calls)
        calls.append(counting.calls)
        after = layer.weight is first
        return {"calls": calls, "same": (same_inside, still_cached, after)}

    ours, theirs = both(scenario)
    assert theirs["calls"] == [1, 4, 5, 5]
    assert_same(ours, theirs)


# -- right_inverse, concatenation, several originals ----------------------------------------------------------


def test_assigning_goes_through_right_inverse() -> None:
    def scenario(m: ModuleType) -> dict:
        layer = m.nn.Linear(3, 3)
        param(m).register_parametrization(layer, "weight", kinds(m)["SkewInvertible"]())
        original = layer.parametrizations.weight.original
        x = m.rand(3, 3)
        x = x - x.T
        layer.weight = x
        return {
            "weight": repr(layer.weight),
            "original": repr(original),
            "same object": layer.parametrizations.weight.original is original,
            "dist": repr(m.dist(layer.weight, x)),
        }

    assert_same(*both(scenario))


def test_two_parametrizations_on_one_weight_with_their_right_inverses() -> None:
    def scenario(m: ModuleType) -> dict:
        k = kinds(m)
        layer = m.nn.Linear(3, 3)
        param(m).register_parametrization(layer, "weight", k["SkewInvertible"]())
        param(m).register_parametrization(layer, "weight", k["Cayley"](3))
        w = layer.weight
        result = {"repr": repr(layer), "orthogonal": numbers(w.T @ w), "names": list(layer.state_dict())}
        x = m.empty(3, 3)
        m.nn.init.orthogonal_(x)
        if x.det() < 0.0:
            x[0].neg_()
        layer.weight = x
        result["assigned"] = numbers(layer.weight)
        result["x"] = numbers(x)
        drawn = m.nn.init.orthogonal_(layer.weight)  # (its determinant may be -1: Cayley cannot reach it)
        result["drawn"] = numbers(drawn)
        layer.weight = drawn
        layer(m.rand(2, 3)).sum().backward()
        result["grad"] = numbers(layer.parametrizations.weight.original.grad)
        return result

    assert_same(*both(scenario), rtol=1e-5, atol=1e-6)


def test_an_assignment_can_be_pruned_by_the_parametrization() -> None:
    def scenario(m: ModuleType) -> dict:
        class Pruning(m.nn.Module):
            def __init__(self, x, p_drop=0.2):
                super().__init__()
                self.mask = m.bernoulli(m.full_like(x, 1.0 - p_drop))

            def forward(self, x):
                return x * self.mask

            def right_inverse(self, a):
                return a

        layer = m.nn.Linear(3, 4)
        x = m.rand_like(layer.weight)
        param(m).register_parametrization(layer, "weight", Pruning(layer.weight))
        layer.weight = x
        return {"x": repr(x), "weight": repr(layer.weight)}

    assert_same(*both(scenario))


def test_a_right_inverse_returning_two_tensors_stores_original0_and_original1() -> None:
    def scenario(m: ModuleType) -> dict:
        layer = m.nn.Linear(3, 4)
        with m.no_grad():
            layer.weight.copy_(m.outer(m.rand(4) + 0.5, m.rand(3) + 0.5))
        param(m).register_parametrization(layer, "weight", kinds(m)["RankOne"]())
        p = layer.parametrizations.weight
        result = {
            "names": [name for name, _ in layer.named_parameters()],
            "state_dict": list(layer.state_dict()),
            "kinds": [type(p.original0).__name__, type(p.original1).__name__],
            "requires_grad": [p.original0.requires_grad, p.original1.requires_grad],
            "has original": hasattr(p, "original"),
            "is_tensor": (p.is_tensor, p.ntensors),
            "weight": numbers(layer.weight),
            "original0": numbers(p.original0),
            "original1": numbers(p.original1),
        }
        layer(m.ones(2, 3)).sum().backward()
        result["grad0"] = numbers(p.original0.grad)
        result["grad1"] = numbers(p.original1.grad)
        layer.weight = 2 * layer.weight
        result["assigned"] = numbers(layer.weight)
        return result

    assert_same(*both(scenario))


# -- bias and buffers --------------------------------------------------------------------------------------


def test_parametrizing_a_bias_and_a_buffer() -> None:
    def scenario(m: ModuleType) -> dict:
        class WithBuffer(m.nn.Module):
            def __init__(self):
                super().__init__()
                self.lin = m.nn.Linear(2, 2)
                self.register_buffer("scale", m.tensor([1.0, 2.0]))

            def forward(self, x):
                return self.lin(x) * self.scale

        model = WithBuffer()
        param(m).register_parametrization(model.lin, "bias", kinds(m)["Scale"]())
        param(m).register_parametrization(model, "scale", kinds(m)["Scale"]())
        result = {
            "repr": repr(model),
            "params": [name for name, _ in model.named_parameters()],
            "buffers": [name for name, _ in model.named_buffers()],
            "state_dict": list(model.state_dict()),
            "scale": repr(model.scale),
            "stored scale": repr(model.parametrizations.scale.original),
            "bias": numbers(model.lin.bias),
            "stored bias": numbers(model.lin.parametrizations.bias.original),
        }
        model(m.ones(1, 2)).sum().backward()
        result["bias grad"] = numbers(model.lin.parametrizations.bias.original.grad)
        model.scale = m.tensor([3.0, 6.0])
        result["scale after"] = repr(model.scale)
        param(m).remove_parametrizations(model, "scale")
        result["buffers after"] = [name for name, _ in model.named_buffers()]
        result["repr after"] = repr(model)
        return result

    assert_same(*both(scenario))


# -- removing ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("leave_parametrized", [True, False])
def test_removing_a_parametrization(leave_parametrized: bool) -> None:
    def scenario(m: ModuleType) -> dict:
        layer = m.nn.Linear(3, 3)
        before = (repr(layer), repr(layer.weight))
        param(m).register_parametrization(layer, "weight", kinds(m)["Skew"]())
        original = layer.parametrizations.weight.original
        parametrized = (repr(layer), repr(layer.weight))
        version = original._version
        out = param(m).remove_parametrizations(layer, "weight", leave_parametrized=leave_parametrized)
        return {
            "returns": out is layer,
            "before": before,
            "parametrized": parametrized,
            "after": (repr(layer), repr(layer.weight)),
            "same parameter": layer.weight is original,
            "type": repr(type(layer)),
            "has parametrizations": hasattr(layer, "parametrizations"),
            "names": [name for name, _ in layer.named_parameters()],
            "version moved": original._version > version,
        }

    assert_same(*both(scenario))


def test_removing_one_of_two_parametrized_tensors_keeps_the_class() -> None:
    def scenario(m: ModuleType) -> dict:
        layer = m.nn.Linear(2, 2)
        param(m).register_parametrization(layer, "weight", kinds(m)["Scale"]())
        param(m).register_parametrization(layer, "bias", kinds(m)["Scale"]())
        param(m).remove_parametrizations(layer, "weight")
        return {"repr": repr(layer), "type": type(layer).__name__, "names": list(layer.state_dict())}

    assert_same(*both(scenario))


def test_removing_a_two_tensor_parametrization_leaves_a_new_parameter() -> None:
    def scenario(m: ModuleType) -> dict:
        layer = m.nn.Linear(3, 4)
        param(m).register_parametrization(layer, "weight", kinds(m)["RankOne"]())
        value = numbers(layer.weight)
        param(m).remove_parametrizations(layer, "weight")
        return {
            "value": value,
            "after": numbers(layer.weight),
            "kind": type(layer.weight).__name__,
            "names": [name for name, _ in layer.named_parameters()],
        }

    assert_same(*both(scenario))


# -- unsafe, copies, state dicts -----------------------------------------------------------------------------


def test_unsafe_allows_a_change_of_shape_and_dtype() -> None:
    def scenario(m: ModuleType) -> dict:
        layer = m.nn.Linear(3, 4)
        param(m).register_parametrization(layer, "weight", kinds(m)["FirstRows"](), unsafe=True)
        param(m).register_parametrization(layer, "weight", kinds(m)["ToDouble"](), unsafe=True)
        return {
            "shape": tuple(layer.weight.shape),
            "dtype": str(layer.weight.dtype),
            "unsafe": layer.parametrizations.weight.unsafe,
        }

    assert_same(*both(scenario))


def test_deepcopy_and_state_dict_round_trip() -> None:
    def scenario(m: ModuleType) -> dict:
        layer = m.nn.Linear(3, 3)
        param(m).register_parametrization(layer, "weight", kinds(m)["Symmetric"]())
        twin = copy.deepcopy(layer)
        other = m.nn.Linear(3, 3)
        param(m).register_parametrization(other, "weight", kinds(m)["Symmetric"]())
        loaded = other.load_state_dict(layer.state_dict())
        return {
            "copy type": type(twin).__name__,
            "copy repr": repr(twin),
            "copy weight": repr(twin.weight),
            "copied storage": twin.parametrizations.weight.original
            is not layer.parametrizations.weight.original,
            "loaded": repr(loaded),
            "loaded weight": repr(other.weight),
        }

    assert_same(*both(scenario))


def test_pickling_a_parametrized_module_raises_as_pytorch() -> None:
    def pickled(m: ModuleType) -> Any:
        layer = param(m).register_parametrization(m.nn.Linear(2, 2), "weight", kinds(m)["Symmetric"]())
        return pickle.dumps(layer)

    raises_like_torch(pickled, torch)


def test_transfer_parametrizations_and_params() -> None:
    def scenario(m: ModuleType) -> dict:
        source = m.nn.Linear(3, 3)
        param(m).register_parametrization(source, "weight", kinds(m)["Symmetric"]())
        target = param(m).transfer_parametrizations_and_params(source, m.nn.Linear(3, 3))
        return {
            "repr": repr(target),
            "shared": target.parametrizations.weight.original is source.parametrizations.weight.original,
            "weight": repr(target.weight),
        }

    assert_same(*both(scenario))


# -- errors ---------------------------------------------------------------------------------------------------


def register(kind: str, name: str = "weight", unsafe: bool = False, then: str | None = None) -> Any:
    def call(m: ModuleType) -> Any:
        layer = m.nn.Linear(3, 4)
        if then is not None:
            param(m).register_parametrization(layer, name, kinds(m)[then]())
        return param(m).register_parametrization(layer, name, kinds(m)[kind](), unsafe=unsafe)

    return call


@pytest.mark.parametrize(
    "call",
    [
        register("Symmetric", name="nothing"),
        register("FirstRows"),
        register("ToDouble"),
        register("NotATensor"),
        register("BadInverse"),
        register("FirstRows", then="Scale"),
        register("ToDouble", then="Scale"),
        register("NotATensor", then="Scale"),
    ],
    ids=[
        "no-such-tensor",
        "shape",
        "dtype",
        "not-a-tensor",
        "right-inverse-not-a-tensor",
        "appended-shape",
        "appended-dtype",
        "appended-not-a-tensor",
    ],
)
def test_registering_errors_match_pytorch(call: Any) -> None:
    raises_like_torch(call, torch)


def assign_without_right_inverse(m: ModuleType) -> None:
    layer = param(m).register_parametrization(m.nn.Linear(3, 3), "weight", kinds(m)["Symmetric"]())
    layer.weight = m.zeros(3, 3)


def assign_wrong_dtype(m: ModuleType) -> None:
    layer = param(m).register_parametrization(m.nn.Linear(3, 3), "weight", kinds(m)["Scale"]())
    layer.weight = m.zeros(3, 3, dtype=m.float64)


def remove_missing(m: ModuleType) -> None:
    param(m).remove_parametrizations(m.nn.Linear(3, 3), "weight")


def remove_two_tensors_unparametrized(m: ModuleType) -> None:
    layer = param(m).register_parametrization(m.nn.Linear(3, 3), "weight", kinds(m)["RankOne"]())
    param(m).remove_parametrizations(layer, "weight", leave_parametrized=False)


def assign_parameter_to_parametrized(m: ModuleType) -> None:
    layer = param(m).register_parametrization(m.nn.Linear(3, 3), "weight", kinds(m)["Scale"]())
    layer.weight = m.nn.Parameter(m.zeros(3, 3))


@pytest.mark.parametrize(
    "call",
    [
        assign_without_right_inverse,
        assign_wrong_dtype,
        remove_missing,
        remove_two_tensors_unparametrized,
        assign_parameter_to_parametrized,
    ],
)
def test_using_errors_match_pytorch(call: Any) -> None:
    raises_like_torch(call, torch)


# -- parametrizations.weight_norm and spectral_norm -----------------------------------------------------------


@pytest.mark.parametrize(
    "make, dim",
    [
        ("Linear(5, 4)", 0),
        ("Linear(5, 4)", None),
        ("Linear(5, 4)", 1),
        ("Conv2d(3, 4, 3)", 0),
        ("Conv2d(3, 4, 3)", 2),
    ],
)
def test_parametrized_weight_norm_matches_pytorch(make: str, dim: int | None) -> None:
    def scenario(m: ModuleType) -> dict:
        layer = eval(f"m.nn.{make}", {"m": m})  # noqa: S307 - our own code
        m.nn.utils.parametrizations.weight_norm(layer, dim=dim)
        p = layer.parametrizations.weight
        x = m.rand(2, 5) if "Linear" in make else m.rand(1, 3, 5, 5)
        layer(x).square().sum().backward()
        return {
            "repr": repr(layer),
            "names": [name for name, _ in layer.named_parameters()],
            "g": numbers(p.original0),
            "v": numbers(p.original1),
            "weight": numbers(layer.weight),
            "grad_fn": type(layer.weight.grad_fn).__name__,
            "g grad": numbers(p.original0.grad),
            "v grad": numbers(p.original1.grad),
        }

    assert_same(*both(scenario), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize(
    "make, kwargs",
    [
        ("Linear(5, 4)", {}),
        ("Linear(3, 6)", {"n_power_iterations": 3}),
        ("Conv2d(3, 4, 3)", {}),
        ("Conv2d(3, 4, 3)", {"dim": 1}),
        ("ConvTranspose2d(3, 4, 3)", {}),
    ],
)
def test_parametrized_spectral_norm_matches_pytorch_after_a_seeded_start(make: str, kwargs: dict) -> None:
    def scenario(m: ModuleType) -> dict:
        layer = eval(f"m.nn.{make}", {"m": m})  # noqa: S307 - our own code
        m.nn.utils.parametrizations.spectral_norm(layer, **kwargs)
        sn = layer.parametrizations.weight[0]
        result = {"repr": repr(layer), "u": numbers(sn._u), "v": numbers(sn._v), "dim": sn.dim}
        x = m.rand(2, layer.in_features) if "Linear" in make else m.rand(1, 3, 5, 5)
        for step in range(2):
            layer(x).square().sum().backward()
            result[f"weight {step}"] = numbers(layer.weight)
            result[f"grad_fn {step}"] = type(layer.weight.grad_fn).__name__
            result[f"grad {step}"] = numbers(layer.parametrizations.weight.original.grad)
        layer.eval()
        result["eval u before"] = numbers(sn._u)
        result["eval weight"] = numbers(layer.weight)
        result["eval u after"] = numbers(sn._u)
        result["buffers"] = [name for name, _ in layer.named_buffers()]
        result["state_dict"] = list(layer.state_dict())
        return result

    # (a convolution's weight gradient sums many float32 products whose total nearly cancels: atol)
    assert_same(*both(scenario), rtol=1e-4, atol=1e-4)


def test_spectral_norm_of_a_vector_is_its_direction() -> None:
    def scenario(m: ModuleType) -> dict:
        layer = m.nn.Linear(3, 4)
        m.nn.utils.parametrizations.spectral_norm(layer, "bias")
        return {"bias": numbers(layer.bias), "buffers": [name for name, _ in layer.named_buffers()]}

    assert_same(*both(scenario))


@pytest.mark.parametrize(
    "code",
    [
        "m.nn.utils.parametrizations.spectral_norm(m.nn.Linear(2, 3), dim=2)",
        "m.nn.utils.parametrizations.spectral_norm(m.nn.Linear(2, 3), dim=-3)",
        "m.nn.utils.parametrizations.spectral_norm(m.nn.Linear(2, 3), n_power_iterations=0)",
        "m.nn.utils.parametrizations.spectral_norm(m.nn.Linear(2, 3), 'kernel')",
        "m.nn.utils.spectral_norm(m.nn.Linear(2, 3), n_power_iterations=0)",
        "m.nn.utils.spectral_norm(m.nn.utils.spectral_norm(m.nn.Linear(2, 3)))",
        "m.nn.utils.spectral_norm(m.nn.Linear(2, 3, bias=False), 'bias')",
        "m.nn.utils.remove_spectral_norm(m.nn.Linear(2, 3))",
        "m.nn.utils.weight_norm(m.nn.utils.weight_norm(m.nn.Linear(2, 3)))",
        "m.nn.utils.remove_weight_norm(m.nn.Linear(2, 3))",
        "m.nn.utils.remove_weight_norm(m.nn.utils.weight_norm(m.nn.Linear(2, 3)), 'bias')",
    ],
)
def test_norm_errors_match_pytorch(code: str) -> None:
    raises_like_torch(lambda m: eval(code, {"m": m}), torch)  # noqa: S307 - our own code


# -- the hook-based weight_norm and spectral_norm ------------------------------------------------------------


def test_old_weight_norm_warns_as_pytorch() -> None:
    texts = []
    for m in (lab, torch):
        with pytest.warns(FutureWarning) as caught:
            m.nn.utils.weight_norm(m.nn.Linear(2, 2))
        texts.append(str(caught[0].message))
    ours, theirs = texts
    assert ours.partition(" Hint: ")[0] == theirs


@pytest.mark.parametrize("dim", [0, 1, None])
def test_old_weight_norm_matches_pytorch(dim: int | None) -> None:
    def scenario(m: ModuleType) -> dict:
        layer = m.nn.utils.weight_norm(m.nn.Linear(5, 4), dim=dim)
        result = {
            "repr": repr(layer),
            "names": [name for name, _ in layer.named_parameters()],
            "state_dict": list(layer.state_dict()),
            "g": numbers(layer.weight_g),
            "v": numbers(layer.weight_v),
            "weight": numbers(layer.weight),
            "grad_fn": type(layer.weight.grad_fn).__name__,
            "weight is a parameter": isinstance(layer.weight, m.nn.Parameter),
        }
        with m.no_grad():
            layer.weight_g.mul_(2)
        out = layer(m.rand(3, 5))
        out.sum().backward()
        result["weight after forward"] = numbers(layer.weight)
        result["g grad"] = numbers(layer.weight_g.grad)
        result["v grad"] = numbers(layer.weight_v.grad)
        m.nn.utils.remove_weight_norm(layer)
        result["removed names"] = [name for name, _ in layer.named_parameters()]
        result["removed weight"] = numbers(layer.weight)
        result["removed kind"] = type(layer.weight).__name__
        return result

    assert_same(*both(scenario), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("make", ["Linear(5, 4)", "Conv2d(3, 4, 3)", "ConvTranspose2d(3, 4, 3)"])
def test_old_spectral_norm_matches_pytorch_after_a_seeded_start(make: str) -> None:
    def scenario(m: ModuleType) -> dict:
        layer = m.nn.utils.spectral_norm(eval(f"m.nn.{make}", {"m": m}))  # noqa: S307 - our own code
        result = {
            "repr": repr(layer),
            "names": [name for name, _ in layer.named_parameters()],
            "buffers": [name for name, _ in layer.named_buffers()],
            "u": numbers(layer.weight_u),
            "v": numbers(layer.weight_v),
            "weight before forward": numbers(layer.weight),
            "plain attribute": "weight" in layer.__dict__,
        }
        x = m.rand(2, 5) if "Linear" in make else m.rand(1, 3, 5, 5)
        for step in range(2):
            layer(x).square().sum().backward()
            result[f"u {step}"] = numbers(layer.weight_u)
            result[f"weight {step}"] = numbers(layer.weight)
            result[f"grad_fn {step}"] = type(layer.weight.grad_fn).__name__
            result[f"grad {step}"] = numbers(layer.weight_orig.grad)
        layer.eval()
        layer(x)
        result["eval u"] = numbers(layer.weight_u)
        m.nn.utils.remove_spectral_norm(layer)
        result["removed names"] = [name for name, _ in layer.named_parameters()]
        result["removed buffers"] = [name for name, _ in layer.named_buffers()]
        result["removed weight"] = numbers(layer.weight)
        return result

    assert_same(*both(scenario), rtol=1e-4, atol=1e-6)


# -- the matrix exponential, for the tutorial's orthogonal and positive-definite weights --------------------


def test_matrix_exponential_parametrizations_of_the_tutorial() -> None:
    def scenario(m: ModuleType) -> dict:
        class MatrixExponential(m.nn.Module):
            def forward(self, x):
                return m.matrix_exp(x)

        k = kinds(m)
        rotation = m.nn.Linear(3, 3)
        param(m).register_parametrization(rotation, "weight", k["Skew"]())
        param(m).register_parametrization(rotation, "weight", MatrixExponential())
        spd = m.nn.Linear(3, 3)
        param(m).register_parametrization(spd, "weight", k["Symmetric"]())
        param(m).register_parametrization(spd, "weight", MatrixExponential())
        q, s = rotation.weight, spd.weight
        (q.sum() + s.sum()).backward()
        return {
            "repr": repr(rotation),
            "grad_fn": type(q.grad_fn).__name__,
            "q": numbers(q),
            "orthogonal": bool(m.dist(q.T @ q, m.eye(3)) < 1e-5),
            "s": numbers(s),
            "positive definite": bool((m.linalg.eigvalsh(s) > 0.0).all()),
            "q grad": numbers(rotation.parametrizations.weight.original.grad),
            "s grad": numbers(spd.parametrizations.weight.original.grad),
        }

    assert_same(*both(scenario), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize(
    "code",
    [
        "m.matrix_exp(m.ones(3))",
        "m.linalg.matrix_exp(m.ones(3, 2))",
        "m.ones(2, 2, dtype=m.long).matrix_exp()",
    ],
)
def test_matrix_exp_errors_match_pytorch(code: str) -> None:
    raises_like_torch(lambda m: eval(code, {"m": m}), torch)  # noqa: S307 - our own code


# -- parametrizations.orthogonal ------------------------------------------------------------------------------


@pytest.mark.parametrize("shape", [(3, 3), (5, 3), (3, 5)])
@pytest.mark.parametrize("orthogonal_map", [None, "matrix_exp", "cayley", "householder"])
@pytest.mark.parametrize("use_trivialization", [True, False])
def test_orthogonal_matches_pytorch(
    shape: tuple, orthogonal_map: str | None, use_trivialization: bool
) -> None:
    def scenario(m: ModuleType) -> dict:
        layer = m.nn.Linear(shape[1], shape[0])
        m.nn.utils.parametrizations.orthogonal(
            layer, orthogonal_map=orthogonal_map, use_trivialization=use_trivialization
        )
        p = layer.parametrizations.weight
        w = layer.weight
        (w * m.arange(w.numel()).reshape(w.shape).float()).sum().backward()
        result = {
            "repr": repr(layer),
            "grad_fn": type(w.grad_fn).__name__,
            "weight": numbers(w),
            "original": numbers(p.original),
            "grad": numbers(p.original.grad),
            "buffers": [name for name, _ in layer.named_buffers()],
        }
        x = m.empty(*shape)
        m.nn.init.orthogonal_(x)
        try:
            layer.weight = x
            result["assigned"] = numbers(layer.weight)
        except NotImplementedError as error:
            result["assigned"] = str(error).partition(" Hint: ")[0]
        return result

    assert_same(*both(scenario), rtol=1e-4, atol=1e-5)


def test_orthogonal_keeps_a_batch_of_matrices_orthogonal() -> None:
    def scenario(m: ModuleType) -> dict:
        class Holder(m.nn.Module):
            def __init__(self):
                super().__init__()
                self.weight = m.nn.Parameter(m.randn(2, 4, 3))

        holder = m.nn.utils.parametrizations.orthogonal(Holder())
        w = holder.weight
        w.sum().backward()
        return {
            "weight": numbers(w),
            "gram": numbers(w.mT @ w),
            "grad": numbers(holder.parametrizations.weight.original.grad),
        }

    assert_same(*both(scenario), rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize(
    "code",
    [
        "m.nn.utils.parametrizations.orthogonal(m.nn.Linear(2, 3), 'bias')",
        "m.nn.utils.parametrizations.orthogonal(m.nn.Linear(2, 3), 'kernel')",
        "m.nn.utils.parametrizations.orthogonal(m.nn.Linear(2, 3), orthogonal_map='qr')",
        "setattr(m.nn.utils.parametrizations.orthogonal(m.nn.Linear(2, 3)), 'weight', m.zeros(2, 2))",
    ],
)
def test_orthogonal_errors_match_pytorch(code: str) -> None:
    raises_like_torch(lambda m: eval(code, {"m": m}), torch)  # noqa: S307 - our own code
