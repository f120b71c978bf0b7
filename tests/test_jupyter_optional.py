"""Jupyter without its optional packages: a missing one is one line naming the extra to install.

Each test hides a package as if it were not installed (``sys.modules[name] =
None``) and imports our module that needs it afresh.
"""

from __future__ import annotations

import importlib
import sys
import traceback

import pytest

pytest.importorskip("IPython")

from IPython.testing.globalipapp import start_ipython  # noqa: E402
from IPython.utils.capture import capture_output  # noqa: E402

import autograd_lab  # noqa: E402

HINT = 'Hint: it comes with autograd_lab\'s lab extra: pip install "autograd_lab[lab]".'


def hide(monkeypatch: pytest.MonkeyPatch, package: str, *ours: str) -> None:
    """``package`` and its submodules as if not installed; ``ours`` (modules of ours) imported afresh."""
    for name in [name for name in sys.modules if name == package or name.startswith(package + ".")]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, package, None)
    for name in ours:
        monkeypatch.delitem(sys.modules, name, raising=False)
        parent, _, child = name.rpartition(".")
        if hasattr(sys.modules.get(parent), child):
            monkeypatch.delattr(sys.modules[parent], child)


def assert_one_line_with_the_hint(error: BaseException, module: str) -> None:
    assert isinstance(error, ImportError) and isinstance(error, ModuleNotFoundError)
    assert str(error) == f"No module named '{module}' {HINT}"
    shown = traceback.format_exception_only(error)
    assert len(shown) == 1 and "\n" not in shown[0].rstrip("\n")


def test_interact_without_ipywidgets_says_what_to_install(monkeypatch):
    hide(monkeypatch, "ipywidgets", "autograd_lab.jupyter.widgets")
    with pytest.raises(ModuleNotFoundError) as caught:
        autograd_lab.interact  # noqa: B018 - the lazy import is what is tested
    assert_one_line_with_the_hint(caught.value, "ipywidgets")


def test_the_magics_without_ipython_say_what_to_install(monkeypatch):
    hide(monkeypatch, "IPython", "autograd_lab.jupyter.magics")
    with pytest.raises(ModuleNotFoundError) as caught:
        importlib.import_module("autograd_lab.jupyter.magics")
    assert_one_line_with_the_hint(caught.value, "IPython.core.magic")


def test_the_magics_without_traitlets_say_what_to_install(monkeypatch):
    hide(monkeypatch, "traitlets", "autograd_lab.jupyter.magics")
    with pytest.raises(ModuleNotFoundError) as caught:
        importlib.import_module("autograd_lab.jupyter.magics")
    assert_one_line_with_the_hint(caught.value, "traitlets")


@pytest.fixture()
def shell():
    import IPython

    ip = start_ipython() or IPython.get_ipython()
    ip.config.pop("AutogradMagics", None)
    ip.run_cell("%load_ext autograd_lab")
    ip.run_cell("import autograd_lab as torch")
    yield ip
    ip.run_cell("%unload_ext autograd_lab")


def test_without_ipywidgets_pictures_still_come_and_step_says_what_to_install(shell, monkeypatch):
    hide(monkeypatch, "ipywidgets", "autograd_lab.jupyter.widgets")
    with capture_output() as captured:
        result = shell.run_cell(
            "x = torch.tensor([2.0], requires_grad=True)\nz = (x + 2) ** 2\n%autograd step z\nafter = 1"
        )
    assert result.error_in_exec is None and shell.user_ns["after"] == 1  # the cell went on
    assert captured.stderr.strip() == f"autograd: ModuleNotFoundError: No module named 'ipywidgets' {HINT}"
    with capture_output() as captured:
        result = shell.run_cell("z.backward()")
    assert result.error_in_exec is None and captured.stderr == ""
    assert [output.data["text/plain"].split("\n")[0] for output in captured.outputs] == [
        "z = PowBackward0 (^)  value [16]  grad [1]  saved values freed"
    ]


def test_a_lessons_own_import_of_a_lab_package_says_what_to_install(shell, monkeypatch):
    """A lesson's ``import matplotlib.pyplot as plt`` without the lab extra: the one line with the hint."""
    hide(monkeypatch, "matplotlib")
    with capture_output() as captured:
        result = shell.run_cell("import matplotlib.pyplot as plt")
    assert isinstance(result.error_in_exec, ModuleNotFoundError)
    shown = [line for line in captured.stdout.splitlines() if "ModuleNotFoundError" in line]
    assert shown and shown[-1].endswith(HINT), captured.stdout
    with capture_output() as captured:  # a package that no extra brings is left as Python says it
        shell.run_cell("import no_such_package_anywhere")
    assert "No module named 'no_such_package_anywhere'" in captured.stdout and HINT not in captured.stdout
