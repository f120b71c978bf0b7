"""autograd_lab._optional.require: a missing optional package is one line naming what to install."""

from __future__ import annotations

import sys
import traceback

import pytest

from autograd_lab._optional import require


def test_an_installed_module_is_returned():
    assert require("math").pi > 3


@pytest.mark.parametrize(("module", "extra"), [("ipywidgets", "lab"), ("matplotlib.pyplot", "lab")])
def test_a_missing_module_names_the_extra_that_brings_it(monkeypatch, module, extra):
    monkeypatch.setitem(sys.modules, module.split(".")[0], None)  # as if it were not installed
    with pytest.raises(ModuleNotFoundError) as caught:
        require(module, extra)
    assert str(caught.value) == (
        f"No module named '{module}' Hint: it comes with autograd_lab's {extra} extra: "
        f'pip install "autograd_lab[{extra}]".'
    )
    assert caught.value.name == module
    # What the student sees is that one line: no chained traceback of the first failure.
    shown = traceback.format_exception_only(caught.value)
    assert len(shown) == 1 and "\n" not in shown[0].rstrip("\n")
    assert caught.value.__suppress_context__


def test_a_module_missing_one_of_its_own_imports_keeps_its_own_error(tmp_path, monkeypatch):
    (tmp_path / "needs_more.py").write_text("import no_such_dependency_of_needs_more\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ModuleNotFoundError, match="^No module named 'no_such_dependency_of_needs_more'$"):
        require("needs_more")
