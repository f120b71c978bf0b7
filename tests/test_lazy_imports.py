"""What ``import autograd_lab`` leaves for first use: it stays quick, and what it left out still works."""

from __future__ import annotations

import ast
import subprocess
import sys
import types

import pytest

import autograd_lab as lab
from autograd_lab.ops import LOADED_ON_FIRST_USE, ON_FIRST_USE

torch = pytest.importorskip("torch")

# Modules the import must not load (each was loaded once, at a cost of 0.1-0.6 ms).
LEFT_FOR_FIRST_USE = {
    "threading",  # (the thread-local state takes _thread's class)
    "heapq",  # (the engine takes _heapq's functions)
    "autograd_lab.autograd.functional",
    "autograd_lab.autograd.graph",
    "autograd_lab.autograd.profiler",
    *(f"autograd_lab.{name}" for name in lab._LAZY_MODULES),
    *(f"autograd_lab.ops.{name}" for name in LOADED_ON_FIRST_USE),
    *(f"autograd_lab.ops.{name}" for name in ON_FIRST_USE),
    "autograd_lab.ops._special_kernels",
    "autograd_lab.autograd.forward_ad",
}


def run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout


def test_the_import_leaves_out_what_loads_on_first_use() -> None:
    # (compared with what is loaded before it: a site hook may load threading itself)
    shown = run(
        "import numpy, sys\nbefore = set(sys.modules)\nimport autograd_lab\nprint(sorted(set(sys.modules) - before))"
    )
    loaded = set(ast.literal_eval(shown))
    assert "autograd_lab.ops.elementwise" in loaded  # (the probe saw the import)
    assert not loaded & LEFT_FOR_FIRST_USE


def test_what_was_left_out_is_there_when_asked_for() -> None:
    shown = run(
        "import autograd_lab as torch\n"
        "print(torch.autograd.functional.jacobian(lambda x: x ** 2, torch.tensor([1.0, 2.0])))\n"
        "from autograd_lab.autograd import graph, profiler\n"
        "print(graph.saved_tensors_hooks.__name__, profiler.profile.__name__)\n"
        "print(all(name in dir(torch.autograd) for name in ('functional', 'graph', 'profiler')))\n"
    )
    assert shown.splitlines() == [
        "tensor([[2., 0.],",
        "        [0., 4.]])",
        "saved_tensors_hooks profile",
        "True",
    ]


def test_the_op_modules_left_for_first_use_load_with_their_first_function_or_method() -> None:
    shown = run(
        "import sys\n"
        "import autograd_lab as torch\n"
        "x = torch.tensor([3.0, 1.0, 2.0])\n"
        "print(x.sort().indices, torch.Tensor.topk(x, 1).values)\n"  # (a method, on a tensor and on the class)
        "values, indices = torch.empty(3), torch.empty(3, dtype=torch.long)\n"
        "torch.sort(x, descending=True, out=(values, indices))\n"  # (a function, with its out= keyword)
        "print(values, indices)\n"
        "print(torch.erfc(torch.tensor([0.0])), torch.autograd.gradcheck.__name__)\n"
        "print(callable(torch.cholesky), 'cholesky' in dir(torch), torch.Tensor.uniform_.__name__)\n"
        "print('autograd_lab.ops.lu' in sys.modules, 'lu' in torch.__all__)\n"
    )
    assert shown.splitlines() == [
        "tensor([1, 2, 0]) tensor([3.])",
        "tensor([3., 2., 1.]) tensor([0, 2, 1])",
        "tensor([1.]) gradcheck",
        "True True uniform_",
        "False True",
    ]


def test_a_star_import_brings_the_functions_left_for_first_use() -> None:
    shown = run("from autograd_lab import *\nprint(sort(tensor([2, 1])).values, matrix_exp.__name__)")
    assert shown.split() == ["tensor([1,", "2])", "matrix_exp"]


def test_an_unknown_name_of_autograd_is_still_an_attribute_error() -> None:
    with pytest.raises(
        AttributeError, match="^module 'autograd_lab.autograd' has no attribute 'no_such_thing'$"
    ):
        lab.autograd.no_such_thing  # noqa: B018


# Each type's fields, as PyTorch names them (its return types are struct sequences, with no _fields to compare).
FIELDS = {
    "max": ("values", "indices"),
    "min": ("values", "indices"),
    "sort": ("values", "indices"),
    "topk": ("values", "indices"),
    "aminmax": ("min", "max"),
    "frexp": ("mantissa", "exponent"),
    "cummax": ("values", "indices"),
    "linalg_slogdet": ("sign", "logabsdet"),
    "median": ("values", "indices"),
    "histogram": ("hist", "bin_edges"),
}


@pytest.mark.parametrize(
    "call",
    [
        "torch.max(x, 1)",
        "torch.min(x, dim=0, keepdim=True)",
        "x.sort(descending=True)",
        "torch.topk(x, 2)",
        "torch.aminmax(x)",
        "torch.frexp(x)",
        "torch.cummax(x, 1)",
        "torch.linalg.slogdet(x[:, :2])",
        "torch.median(x, 1)",
        "torch.histogram(x.flatten(), 3)",
    ],
)
def test_return_types_made_on_first_use_print_as_pytorchs(call: str) -> None:
    values = [[1.0, 5.0, 2.0], [3.0, 0.5, 4.0]]
    ours = eval(call, {"torch": lab, "x": lab.tensor(values)})  # noqa: S307 - the calls above
    theirs = eval(call, {"torch": torch, "x": torch.tensor(values)})  # noqa: S307
    assert repr(ours) == repr(theirs)
    assert type(ours).__name__ == type(theirs).__name__
    assert [getattr(ours, n) is ours[i] for i, n in enumerate(FIELDS[type(ours).__name__])] == [True, True]


def test_return_types_is_a_module_as_in_pytorch() -> None:
    assert isinstance(lab.return_types, types.ModuleType) and isinstance(torch.return_types, types.ModuleType)
    assert lab.return_types.__name__ == torch.return_types.__name__
    assert {"max", "sort", "aminmax", "linalg_slogdet"} <= set(dir(lab.return_types))
    assert lab.return_types.max is lab.return_types.max  # (made once)
    with pytest.raises(AttributeError, match="has no attribute 'no_such_type'"):
        lab.return_types.no_such_type  # noqa: B018
