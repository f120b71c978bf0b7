"""``nn.utils.prune`` against PyTorch: masks, names, state_dict keys, values, gradients, errors.

Each scenario is written once as a function of the library (``lab`` or
``torch``), runs after ``manual_seed(0)`` in both, and returns what a learner
would print or inspect.  Masks and pruned tensors are products of the same
initial weights (PyTorch's bits) with zeros and ones, so they are compared
exactly, through their printed form; outputs and gradients that go through
matrix products are compared with a tight tolerance.  Objects print with
their address, which differs between any two runs: it is masked.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import OrderedDict
from types import ModuleType
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from twins import assert_same, both, numbers, raises_like_torch

import autograd_lab as lab
from autograd_lab.nn.utils._topk_ties import picked

torch = pytest.importorskip("torch")
torch_prune = pytest.importorskip("torch.nn.utils.prune")


def prune(m: ModuleType) -> ModuleType:
    return m.nn.utils.prune


def shown(value: Any) -> str:
    """``repr(value)`` with object addresses masked."""
    return re.sub(r"0x[0-9a-f]+", "0x…", repr(value))


def lenet(m: ModuleType) -> Any:
    """The tutorial's LeNet, for either library."""
    nn, functional = m.nn, m.nn.functional

    class LeNet(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv1 = nn.Conv2d(1, 6, 3)
            self.conv2 = nn.Conv2d(6, 16, 3)
            self.fc1 = nn.Linear(16 * 5 * 5, 120)
            self.fc2 = nn.Linear(120, 84)
            self.fc3 = nn.Linear(84, 10)

        def forward(self, x):
            x = functional.max_pool2d(functional.relu(self.conv1(x)), (2, 2))
            x = functional.max_pool2d(functional.relu(self.conv2(x)), 2)
            x = x.flatten(start_dim=1)
            x = functional.relu(self.fc1(x))
            x = functional.relu(self.fc2(x))
            return self.fc3(x)

    return LeNet()


def hooks_shown(module: Any) -> str:
    """``print(module._forward_pre_hooks)`` with the ids counted from the first (other tests take ids too)."""
    hooks = module._forward_pre_hooks
    first = next(iter(hooks), 0)
    return shown(type(hooks)((key - first, hook) for key, hook in hooks.items()))


def layout(module: Any) -> dict:
    """Names and kinds of what a (pruned) module holds."""
    return {
        "parameters": [name for name, _ in module.named_parameters()],
        "buffers": [name for name, _ in module.named_buffers()],
        "state_dict": list(module.state_dict().keys()),
        "hooks": [shown(hook) for hook in module._forward_pre_hooks.values()],
        "hooks table": type(module._forward_pre_hooks).__name__,
    }


# -- the tutorial's steps -----------------------------------------------------------------------------------


def test_the_tutorials_steps_print_the_same() -> None:
    def scenario(m: ModuleType) -> dict:
        p = prune(m)
        model = lenet(m)
        module = model.conv1
        seen = {"unpruned": layout(module)}
        p.random_unstructured(module, name="weight", amount=0.3)
        seen |= {
            "random": layout(module),
            "weight": repr(module.weight),
            "mask": repr(module.weight_mask),
            "hooks": hooks_shown(module),
            "weight is a parameter": "weight" in module._parameters,
            "orig is the old parameter": type(module.weight_orig).__name__,
        }
        p.l1_unstructured(module, name="bias", amount=3)
        seen |= {"l1": layout(module), "bias": repr(module.bias), "hooks 2": hooks_shown(module)}
        p.ln_structured(module, name="weight", amount=0.5, n=2, dim=0)
        hook = next(h for h in module._forward_pre_hooks.values() if h._tensor_name == "weight")
        seen |= {
            "ln": layout(module),
            "weight 2": repr(module.weight),
            "history": shown(list(hook)),
            "container": shown(hook),
            "length": len(hook),
            "first": shown(hook[0]),
            "model keys": repr(model.state_dict().keys()),
        }
        p.remove(module, "weight")
        seen |= {"removed": layout(module), "weight 3": repr(module.weight)}
        return seen

    ours, theirs = both(scenario)
    assert theirs["random"]["hooks table"] == "OrderedDict"
    assert_same(ours, theirs)


def test_pruning_every_layer_and_global_pruning_give_the_same_masks() -> None:
    def scenario(m: ModuleType) -> dict:
        p = prune(m)
        model = lenet(m)
        for module in model.modules():
            if isinstance(module, m.nn.Conv2d):
                p.l1_unstructured(module, name="weight", amount=0.2)
            elif isinstance(module, m.nn.Linear):
                p.l1_unstructured(module, name="weight", amount=0.4)
        seen = {"local keys": repr(dict(model.named_buffers()).keys())}
        seen |= {f"local {name}": repr(mask) for name, mask in model.named_buffers()}
        model = lenet(m)
        pairs = [(getattr(model, name), "weight") for name in ("conv1", "conv2", "fc1", "fc2", "fc3")]
        p.global_unstructured(pairs, pruning_method=p.L1Unstructured, amount=0.2)
        seen |= {
            f"global {name}": int(m.sum(getattr(model, name).weight == 0))
            for name in ("conv1", "conv2", "fc1", "fc2", "fc3")
        }
        seen |= {f"global mask {name}": repr(mask) for name, mask in model.named_buffers()}
        seen["global hooks"] = [shown(h) for mod, _ in pairs for h in mod._forward_pre_hooks.values()]
        return seen

    assert_same(*both(scenario))


def test_a_custom_pruning_method_as_in_the_tutorial() -> None:
    def scenario(m: ModuleType) -> dict:
        p = prune(m)

        class FooBarPruningMethod(p.BasePruningMethod):
            PRUNING_TYPE = "unstructured"

            def compute_mask(self, t, default_mask):
                mask = default_mask.clone()
                mask.flatten()[::2] = 0
                return mask

        model = lenet(m)
        hook = FooBarPruningMethod.apply(model.fc3, "bias")
        again = FooBarPruningMethod.apply(model.fc3, "bias")  # every other of what is left
        return {
            "mask": repr(model.fc3.bias_mask),
            "hook": shown(hook),
            "again": shown(again),
            "class": repr(p.BasePruningMethod),
            "classes": [
                repr(getattr(p, c)) for c in ("L1Unstructured", "PruningContainer", "CustomFromMask")
            ],
        }

    assert_same(*both(scenario))


# -- each method, and methods one after another ----------------------------------------------------------------

METHODS = [
    ("random_unstructured", {"amount": 0.3}),
    ("random_unstructured", {"amount": 5}),
    ("random_unstructured", {"amount": 0}),
    ("random_unstructured", {"amount": 1.0}),
    ("l1_unstructured", {"amount": 0.45}),
    ("l1_unstructured", {"amount": 7}),
    ("random_structured", {"amount": 0.5, "dim": 0}),
    ("random_structured", {"amount": 2, "dim": 1}),
    ("random_structured", {"amount": 1, "dim": -1}),
    ("random_structured", {"amount": 0, "dim": 0}),
    ("ln_structured", {"amount": 0.5, "n": 2, "dim": 0}),
    ("ln_structured", {"amount": 2, "n": 1, "dim": 1}),
    ("ln_structured", {"amount": 1, "n": float("inf"), "dim": -1}),
    ("ln_structured", {"amount": 3, "n": float("-inf"), "dim": 0}),
    ("ln_structured", {"amount": 0.34, "n": 3, "dim": 2}),
    ("ln_structured", {"amount": 2, "n": 0.5, "dim": -2}),
    ("ln_structured", {"amount": 0, "n": 2, "dim": 0}),
    ("identity", {}),
]


@pytest.mark.parametrize(("first", "first_kwargs"), METHODS, ids=lambda v: str(v))
@pytest.mark.parametrize(
    ("second", "second_kwargs"),
    [(None, {}), ("l1_unstructured", {"amount": 3}), ("random_structured", {"amount": 1, "dim": 1}),
     ("ln_structured", {"amount": 1, "n": 2, "dim": 0}), ("random_unstructured", {"amount": 0.25})],
    ids=lambda v: str(v),
)  # fmt: skip
def test_one_or_two_prunings_of_a_convolution(first: str, first_kwargs: dict, second: str | None, second_kwargs: dict) -> None:  # fmt: skip
    def scenario(m: ModuleType) -> dict:
        p = prune(m)
        conv = m.nn.Conv2d(4, 3, 3)
        getattr(p, first)(conv, "weight", **first_kwargs)
        refused = None
        if second is not None:
            try:  # (nothing left to prune after amount=1.0, say)
                getattr(p, second)(conv, "weight", **second_kwargs)
            except ValueError as error:
                refused = str(error).partition(" Hint: ")[0]
        return {
            "refused": refused,
            "mask": repr(conv.weight_mask),
            "weight": repr(conv.weight),
            "layout": layout(conv),
            "methods": [
                type(h).__name__
                for hook in conv._forward_pre_hooks.values()
                for h in getattr(hook, "_pruning_methods", [hook])
            ],  # fmt: skip
            "next draw": repr(m.rand(2)),  # the generator moved as PyTorch's
        }

    assert_same(*both(scenario))


def test_importance_scores_choose_what_is_pruned() -> None:
    def scenario(m: ModuleType) -> dict:
        p = prune(m)
        layer = m.nn.Linear(4, 3)
        scores = m.arange(12.0).reshape(3, 4).flip(0)
        p.l1_unstructured(layer, "weight", amount=5, importance_scores=scores)
        conv = m.nn.Conv2d(2, 4, 2)
        channel_scores = m.rand(4, 2, 2, 2)
        p.ln_structured(conv, "weight", amount=2, n=1, dim=0, importance_scores=channel_scores)
        pruned = p.L1Unstructured(amount=2).prune(m.tensor([3.0, -1.0, 2.0, 0.5]), importance_scores=m.tensor([1.0, 4.0, 3.0, 2.0]))  # fmt: skip
        return {"linear": repr(layer.weight_mask), "conv": repr(conv.weight_mask), "prune": repr(pruned)}

    assert_same(*both(scenario))


def test_custom_from_mask_identity_and_global_pruning_of_pruned_tensors() -> None:
    def scenario(m: ModuleType) -> dict:
        p = prune(m)
        a, b = m.nn.Linear(5, 3), m.nn.Linear(3, 2)
        p.custom_from_mask(a, name="bias", mask=m.tensor([0, 1, 0]))
        p.identity(b, "bias")
        p.random_unstructured(a, "weight", amount=4)
        scores = {(b, "weight"): m.ones(2, 3) * 10}
        p.global_unstructured(((a, "weight"), (b, "weight"), (a, "bias")), p.RandomUnstructured, importance_scores=scores, amount=6)  # fmt: skip
        p.global_unstructured([(a, "weight"), (b, "weight")], pruning_method=p.L1Unstructured, amount=0.3)
        return {
            "a": layout(a),
            "b": layout(b),
            "masks": [repr(t) for t in (a.weight_mask, a.bias_mask, b.weight_mask, b.bias_mask)],
            "weights": [repr(t) for t in (a.weight, a.bias, b.weight, b.bias)],
            "dtype of an int mask": repr(
                p.CustomFromMask(m.tensor([1, 0])).compute_mask(m.zeros(2), m.ones(2))
            ),
            "is_pruned": (p.is_pruned(a), p.is_pruned(m.nn.Sequential(b)), p.is_pruned(m.nn.Linear(1, 1))),
        }

    assert_same(*both(scenario))


# -- training through the mask ----------------------------------------------------------------------------------


def test_outputs_and_gradients_flow_to_the_original_parameter() -> None:
    def scenario(m: ModuleType) -> dict:
        p = prune(m)
        model = lenet(m)
        p.random_unstructured(model.conv1, "weight", amount=0.3)
        p.ln_structured(model.conv2, "weight", amount=0.25, n=2, dim=0)
        p.l1_unstructured(model.fc1, "weight", amount=0.5)
        p.l1_unstructured(model.fc3, "bias", amount=4)
        x = m.randn(2, 1, 28, 28)
        optimizer = m.optim.SGD(model.parameters(), lr=0.1)
        out = model(x)
        out.sum().backward()
        with pytest.warns(UserWarning, match="not a leaf Tensor"):  # the pruned weight gets no .grad
            seen = {"weight's grad": model.conv1.weight.grad is None}
        seen |= {
            "grad_fn": [type(t.grad_fn).__name__ for t in (model.conv1.weight, model.fc3.bias)],
            "out": numbers(out),
            "parameters": [name for name, _ in model.named_parameters()],
            "leaf": (model.conv1.weight.is_leaf, model.conv1.weight_orig.is_leaf),
        }
        for name, parameter in model.named_parameters():
            seen[f"grad {name}"] = numbers(parameter.grad)
        # the gradient is zero where the mask is
        seen["zero where pruned"] = bool(
            (model.conv1.weight_orig.grad[model.conv1.weight_mask == 0] == 0).all()
        )
        optimizer.step()
        out = model(x)  # the hook recomputes the weight from the stepped weight_orig
        seen |= {"after a step": numbers(out), "still pruned": int((model.fc1.weight == 0).sum())}
        return seen

    ours, theirs = both(scenario)
    assert theirs["zero where pruned"] and theirs["grad_fn"] == ["MulBackward0", "MulBackward0"]
    assert_same(ours, theirs, rtol=1e-5, atol=1e-6)


def test_remove_keeps_the_pruned_values_in_the_same_parameter() -> None:
    def scenario(m: ModuleType) -> dict:
        p = prune(m)
        layer = m.nn.Linear(4, 3)
        original = layer.weight
        p.l1_unstructured(layer, "weight", amount=5)
        p.random_unstructured(layer, "bias", amount=1)
        seen = {"pruned": layout(layer)}
        out = p.remove(layer, "weight")
        seen |= {
            "returns the module": out is layer,
            "removed": layout(layer),
            "weight": repr(layer.weight),
            "same object": layer.weight is original,
            "is_pruned": p.is_pruned(layer),
        }
        p.remove(layer, "bias")
        seen |= {
            "all removed": layout(layer),
            "bias": repr(layer.bias),
            "is_pruned after": p.is_pruned(layer),
        }
        p.identity(layer, "weight")  # a removed tensor can be pruned again
        seen["again"] = layout(layer)
        return seen

    assert_same(*both(scenario))


def test_a_pruned_model_saves_and_loads_its_state_dict() -> None:
    def scenario(m: ModuleType) -> dict:
        p = prune(m)
        source, target = m.nn.Linear(3, 2), m.nn.Linear(3, 2)
        p.l1_unstructured(source, "weight", amount=2)
        p.identity(target, "weight")
        result = target.load_state_dict(source.state_dict())
        target(m.ones(1, 3))  # the hook recomputes weight from the loaded tensors
        return {"result": repr(result), "weight": repr(target.weight), "mask": repr(target.weight_mask)}

    assert_same(*both(scenario))


def test_a_pruning_container_by_hand() -> None:
    def scenario(m: ModuleType) -> dict:
        p = prune(m)
        first, second = p.L1Unstructured(amount=1), p.RandomStructured(amount=1, dim=0)
        first._tensor_name = second._tensor_name = "w"
        container = p.PruningContainer(first)
        container.add_pruning_method(second)
        container.add_pruning_method(None)
        container._pruning_methods = container._pruning_methods[:2]
        t = m.tensor([[1.0, -2.0], [3.0, 0.5], [0.1, 4.0]])
        return {
            "length": len(container),
            "mask": repr(container.compute_mask(t, m.tensor([[1.0, 0.0], [1.0, 1.0], [1.0, 1.0]]))),
            "pruned": repr(container.prune(t)),
            "empty": len(p.PruningContainer()),
        }

    assert_same(*both(scenario))


# -- errors -------------------------------------------------------------------------------------------------------


def _structured_without_dim(m: ModuleType) -> None:
    p = prune(m)

    class NoDim(p.BasePruningMethod):
        PRUNING_TYPE = "structured"

        def compute_mask(self, t, default_mask):
            return default_mask

    layer = m.nn.Linear(2, 2)
    p.identity(layer, "weight")
    NoDim.apply(layer, "weight")


def _unknown_type(m: ModuleType) -> None:
    p = prune(m)

    class Odd(p.BasePruningMethod):
        PRUNING_TYPE = "odd"

        def compute_mask(self, t, default_mask):
            return default_mask

    layer = m.nn.Linear(2, 2)
    p.identity(layer, "weight")
    Odd.apply(layer, "weight")


def _named(m: ModuleType, name: str) -> Any:
    method = prune(m).Identity()
    method._tensor_name = name
    return method


def _pruned_linear(m: ModuleType) -> Any:
    layer = m.nn.Linear(2, 2)
    prune(m).identity(layer, "weight")
    return layer


ERRORS = {
    "amount a string": lambda m: prune(m).random_unstructured(m.nn.Linear(2, 2), "weight", amount="0.3"),
    "amount negative": lambda m: prune(m).l1_unstructured(m.nn.Linear(2, 2), "weight", amount=-1),
    "amount above 1": lambda m: prune(m).RandomUnstructured(amount=1.5),
    "amount too big": lambda m: prune(m).l1_unstructured(m.nn.Linear(2, 2), "weight", amount=5),
    "channels too many": lambda m: prune(m).random_structured(m.nn.Linear(2, 3), "weight", amount=4, dim=1),
    "structured 1-D": lambda m: prune(m).ln_structured(m.nn.Linear(2, 2), "bias", amount=1, n=2, dim=0),
    "dim too big": lambda m: prune(m).random_structured(m.nn.Linear(2, 2), "weight", amount=1, dim=2),
    "container dim": lambda m: prune(m).ln_structured(_pruned_linear(m), "weight", amount=1, n=2, dim=-3),
    "scores shape": lambda m: prune(m).l1_unstructured(
        m.nn.Linear(2, 2), "weight", 1, importance_scores=m.ones(3)
    ),
    "prune scores shape": lambda m: prune(m).Identity().prune(m.ones(2), importance_scores=m.ones(3)),
    "remove unpruned": lambda m: prune(m).remove(m.nn.Linear(2, 2), "weight"),
    "remove other name": lambda m: prune(m).remove(_pruned_linear(m), "bias"),
    "global not iterable": lambda m: prune(m).global_unstructured(5, prune(m).L1Unstructured, amount=1),
    "global scores list": lambda m: prune(m).global_unstructured([], prune(m).L1Unstructured, [], amount=1),
    "global structured": lambda m: prune(m).global_unstructured(
        [(m.nn.Linear(2, 2), "weight")], prune(m).RandomStructured, amount=1
    ),
    "container type": lambda m: prune(m).PruningContainer(_named(m, "w")).add_pruning_method(3),
    "custom mask shape": lambda m: prune(m).custom_from_mask(m.nn.Linear(2, 2), "weight", mask=m.ones(3)),
    "no such tensor": lambda m: prune(m).identity(m.nn.Linear(2, 2), "kernel"),
    "structured without dim": _structured_without_dim,
    "unknown type": _unknown_type,
    "fro of four dimensions": lambda m: prune(m).ln_structured(
        m.nn.Conv2d(2, 3, 2), "weight", 1, n="fro", dim=0
    ),
    "a None bias": lambda m: prune(m).identity(m.nn.Linear(2, 2, bias=False), "bias"),
    "a buffer": lambda m: prune(m).l1_unstructured(m.nn.BatchNorm1d(3), "running_mean", amount=1),
    "amount True": lambda m: prune(m).random_unstructured(m.nn.Linear(2, 2), "weight", amount=True),
    "amount True, channels": lambda m: prune(m).random_structured(m.nn.Linear(2, 2), "weight", True, dim=0),
    "abstract": lambda m: prune(m).BasePruningMethod(),
    "container of two, made by hand": lambda m: prune(m).PruningContainer(_named(m, "w"), _named(m, "w")),
    "unapplied hook": lambda m: prune(m).Identity().apply_mask(m.nn.Linear(1, 1)),
}
# Raised by Python itself (an abstract class, a missing attribute): the same type and the same words.
PLAIN = {"abstract", "unapplied hook", "container of two, made by hand"}


@pytest.mark.parametrize("case", list(ERRORS))
def test_errors_are_pytorchs(case: str) -> None:
    call = ERRORS[case]
    if case in PLAIN:
        ours, theirs = _error(call, lab), _error(call, torch)
        assert type(ours) is type(theirs) and str(ours) == str(theirs)
        return
    raises_like_torch(call, torch)


def _error(call: Any, m: ModuleType) -> BaseException:
    with pytest.raises(Exception) as caught:  # noqa: PT011 - the types are compared by the caller
        call(m)
    return caught.value


def test_a_container_refuses_a_method_for_another_tensor() -> None:
    def call(m: ModuleType) -> None:
        prune(m).PruningContainer(_named(m, "w")).add_pruning_method(_named(m, "v"))

    ours, theirs = _error(call, lab), _error(call, torch)
    assert type(ours) is type(theirs) is ValueError
    sentence, _, hint = str(ours).partition(" Hint: ")
    assert hint and re.sub("0x[0-9a-f]+", "", sentence) == re.sub("0x[0-9a-f]+", "", str(theirs))


def test_a_failed_pruning_leaves_the_module_as_it_was() -> None:
    def scenario(m: ModuleType) -> dict:
        p = prune(m)
        layer = m.nn.Linear(2, 3)
        weight = layer.weight
        with pytest.raises(ValueError):
            p.random_structured(layer, "weight", amount=5, dim=0)
        seen = {"after a failed first pruning": layout(layer), "same weight": layer.weight is weight}
        p.l1_unstructured(layer, "weight", amount=1)
        with pytest.raises(ValueError):
            p.l1_unstructured(layer, "weight", amount=9)
        seen["after a failed second pruning"] = layout(layer)  # (PyTorch drops the hook: so do we)
        no_bias = m.nn.Linear(2, 2, bias=False)
        with pytest.raises(TypeError):
            p.identity(no_bias, "bias")
        seen["a None bias"] = (list(no_bias._parameters), layout(no_bias))  # (bias_orig stays, as in PyTorch)
        return seen

    assert_same(*both(scenario))


def test_two_hooks_on_one_tensor_are_refused() -> None:
    def twice(m: ModuleType) -> None:
        layer = _pruned_linear(m)
        layer.register_forward_pre_hook(_named(m, "weight"))
        prune(m).identity(layer, "weight")

    text = raises_like_torch(twice, torch)
    assert text.startswith("Avoid adding multiple pruning hooks to the same tensor weight of module Linear(")


# -- loading ----------------------------------------------------------------------------------------------------


def test_prune_is_loaded_lazily_and_both_import_forms_work() -> None:
    code = (
        "import sys, autograd_lab\n"
        "assert 'autograd_lab.nn.utils.prune' not in sys.modules\n"
        "from autograd_lab import nn\n"
        "assert 'autograd_lab.nn.utils.prune' not in sys.modules\n"
        "p = autograd_lab.nn.utils.prune\n"
        "import autograd_lab.nn.utils.prune as prune\n"
        "from autograd_lab.nn.utils import prune as again\n"
        "assert p is prune is again is sys.modules['autograd_lab.nn.utils.prune']\n"
        "assert isinstance(nn.Linear(1, 1)._forward_pre_hooks, __import__('collections').OrderedDict)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_hook_ids_count_on_from_tensor_and_node_hooks_as_pytorchs() -> None:
    def scenario(m: ModuleType) -> dict:
        x = m.ones(1, requires_grad=True)
        first = x.register_hook(lambda g: g)
        node = (x * 2).grad_fn.register_hook(lambda grads, outputs: None)
        layer = m.nn.Linear(2, 2)
        prune(m).identity(layer, "weight")
        prune(m).identity(layer, "bias")
        return {"ids": [node.id - first.id, *(key - first.id for key in layer._forward_pre_hooks)]}

    assert_same(*both(scenario))


def test_every_public_name_is_pytorchs() -> None:
    assert set(prune(lab).__all__) <= set(dir(torch_prune))
    for name in prune(lab).__all__:
        assert getattr(prune(lab), name).__doc__, name
    assert isinstance(lab.nn.Linear(1, 1)._forward_pre_hooks, OrderedDict)


# -- ties: the entries PyTorch's topk kernel picks ------------------------------------------------------------


def test_pruning_again_after_remove_picks_the_same_zeros() -> None:
    def scenario(m: ModuleType) -> dict:
        p = prune(m)
        layer, conv = m.nn.Linear(8, 6), m.nn.Conv2d(3, 8, 2)
        p.ln_structured(layer, "weight", amount=0.5, n=2, dim=0)
        p.remove(layer, "weight")
        p.l1_unstructured(layer, "weight", amount=0.25)  # fewer than the zeros: which zeros?
        p.ln_structured(conv, "weight", amount=5, n=1, dim=0)
        p.remove(conv, "weight")
        p.ln_structured(conv, "weight", amount=2, n=1, dim=0)  # keeps 6 of 8 channels, 5 of them zero
        p.remove(conv, "weight")
        p.l1_unstructured(conv, "weight", amount=3)  # 3 of the many zeros (the partial sort)
        return {"linear": repr(layer.weight_mask), "conv": repr(conv.weight_mask)}

    assert_same(*both(scenario))


@settings(max_examples=300, deadline=None)
@given(
    values=st.lists(st.sampled_from([0.0, -0.0, 1.0, -1.0, 2.0, float("nan"), float("inf")]), min_size=1, max_size=300),
    fraction=st.floats(0, 1),
    largest=st.booleans(),
)  # fmt: skip
def test_the_picked_set_is_torch_topks(values: list, fraction: float, largest: bool) -> None:
    array = np.array(values, dtype=np.float32)
    k = round(fraction * array.size)
    ours = set(picked(array, k, largest).tolist())
    theirs = set(torch.topk(torch.from_numpy(array), k, largest=largest).indices.tolist())
    assert ours == theirs


def test_the_picked_set_is_torch_topks_on_long_rows() -> None:
    rng = np.random.default_rng(0)
    for n, k in [(5000, 20), (5000, 2500), (20000, 100), (20000, 19000), (64, 1), (65, 1), (1000, 999)]:
        array = np.where(rng.random(n) < 0.6, 0.0, rng.standard_normal(n)).astype(np.float32)
        for largest in (True, False):
            theirs = set(torch.topk(torch.from_numpy(array), k, largest=largest).indices.tolist())
            assert set(picked(array, k, largest).tolist()) == theirs, (n, k, largest)
