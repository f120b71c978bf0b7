"""Library classes print PyTorch's qualified names; user classes and pickling are untouched.

``print(type(param))`` in a lesson shows ``<class 'torch.nn.parameter.Parameter'>``
as under PyTorch, while ``__module__`` stays the real one, so pickling and
``torch.save``/``torch.load`` keep working.
"""

from __future__ import annotations

import inspect
import io
import pickle

import pytest

import autograd_lab as lab

torch = pytest.importorskip("torch")

NAMESPACES = [
    "", "nn.", "nn.parameter.", "optim.", "optim.lr_scheduler.", "utils.data.", "autograd.",
]  # fmt: skip


def public_classes() -> list[str]:
    """Every public class of the namespaces above that PyTorch has too, by its dotted path."""
    found = []
    for prefix in NAMESPACES:
        ours = eval("lab." + prefix.rstrip(".")) if prefix else lab  # noqa: S307 - our own names
        for name in dir(ours):
            value = getattr(ours, name)
            module = getattr(value, "__module__", "") or ""
            if name.startswith("_") or not inspect.isclass(value) or not module.startswith("autograd_lab"):
                continue
            if not inspect.isclass(
                getattr(eval("torch." + prefix.rstrip(".")) if prefix else torch, name, None)
            ):  # noqa: S307
                continue  # PyTorch has no class there (torch.return_types is a module)
            found.append(prefix + name)
    return sorted(set(found))


CLASSES = public_classes()


def test_there_are_classes_to_compare() -> None:
    assert {"Tensor", "nn.Parameter", "nn.Linear", "optim.SGD", "utils.data.DataLoader"} <= set(CLASSES)


@pytest.mark.parametrize("path", CLASSES)
def test_a_library_class_prints_as_pytorchs(path: str) -> None:
    theirs = eval("torch." + path, {"torch": torch})  # noqa: S307 - our own names
    ours = eval("lab." + path, {"lab": lab})  # noqa: S307 - our own names
    assert repr(ours) == repr(theirs)
    assert str(ours) == str(theirs)
    assert ours.__module__.startswith("autograd_lab")  # the real module, for pickling


def test_instances_print_their_types_as_pytorch() -> None:
    for m in (lab, torch):
        m.manual_seed(0)
    ours = [lab.ones(1), lab.nn.Parameter(lab.ones(1)), lab.ones(2).shape, lab.float32, lab.nn.Linear(1, 1)]
    theirs = [
        torch.ones(1),
        torch.nn.Parameter(torch.ones(1)),
        torch.ones(2).shape,
        torch.float32,
        torch.nn.Linear(1, 1),
    ]
    assert [str(type(x)) for x in ours] == [str(type(x)) for x in theirs]
    assert f"{type(ours[1])}" == f"{type(theirs[1])}"


def test_user_classes_keep_their_own_names() -> None:
    code = (
        "class MLP(m.nn.Module):\n    pass\n"
        "class MyParameter(m.nn.Parameter):\n    pass\n"
        "class Square(m.autograd.Function):\n    pass\n"
        "names = [repr(MLP), repr(MyParameter), repr(Square), repr(type(MLP()))]"
    )
    results = []
    for m in (lab, torch):
        namespace = {"m": m, "__name__": "__main__"}
        exec(code, namespace)  # noqa: S102 - our own code
        results.append(namespace["names"])
    assert results[0] == results[1]
    assert results[0][0] == "<class '__main__.MLP'>"


def test_isinstance_pickling_and_save_load_are_untouched() -> None:
    parameter = lab.nn.Parameter(lab.tensor([1.0, 2.0]))
    assert isinstance(parameter, lab.Tensor) and isinstance(parameter, lab.nn.Parameter)
    assert not isinstance(1.0, lab.Tensor) and issubclass(lab.nn.Linear, lab.nn.Module)
    again = pickle.loads(pickle.dumps(parameter))
    assert type(again) is lab.nn.Parameter and again.tolist() == [1.0, 2.0]
    assert pickle.loads(pickle.dumps(lab.nn.Linear)) is lab.nn.Linear
    buffer = io.BytesIO()
    lab.save({"model": lab.nn.Linear(2, 1), "p": parameter}, buffer)
    buffer.seek(0)
    loaded = lab.load(buffer, weights_only=False)
    assert type(loaded["model"]) is lab.nn.Linear and type(loaded["p"]) is lab.nn.Parameter
