"""The layering the README describes: import cycles, the op table as the one source of names, no Jupyter in the core."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

import autograd_lab
from autograd_lab.ops import METHODS, ON_FIRST_USE, PUBLIC, load_all

PACKAGE = Path(autograd_lab.__file__).parent

# The one cycle the README names: expand's derivative is a sum, and a sum's derivative an expand.
ALLOWED_CYCLES = [{"autograd_lab.ops.reduction", "autograd_lab.ops.shape"}]
CORE = ["tensor", "_views", "_grad_mode", "autograd", "ops", "nn", "optim", "utils", "messages", "creation"]


def module_names() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports() -> dict[str, set[str]]:
    """Module -> the package modules it imports (at module level or inside functions)."""
    modules = module_names()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = []
            if isinstance(node, ast.ImportFrom):
                base = package.split(".")
                base = base[: len(base) - node.level + 1] if node.level else []
                target = (
                    ".".join([*base, node.module] if node.module else base) if node.level else node.module
                )
                targets = [target, *(f"{target}.{alias.name}" for alias in node.names)]
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            for target in targets:
                # a package importing its own modules, or a module its package, is not a cycle of layers
                if (
                    target in modules
                    and not target.startswith(name + ".")
                    and not name.startswith(target + ".")
                ):
                    graph[name].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[set[str]] = []
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(component)

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_the_only_import_cycles_are_the_ones_the_readme_names() -> None:
    assert sorted(map(sorted, cycles(imports()))) == sorted(map(sorted, ALLOWED_CYCLES))
    readme = (PACKAGE.parent / "README.md").read_text(encoding="utf-8")
    assert "ops/shape" in readme and "ops/reduction" in readme


def test_the_core_imports_nothing_of_jupyter() -> None:
    graph = imports()
    for name, targets in graph.items():
        layer = name.split(".")[1] if "." in name else ""
        if layer in CORE:
            outside = {t for t in targets if t.split(".")[1] in ("jupyter", "render")}
            assert not outside, f"{name} imports {outside}"
        source = module_names()[name].read_text(encoding="utf-8")
        if layer in CORE:
            assert "import IPython" not in source and "import ipywidgets" not in source, name


def test_every_name_the_op_table_exports_is_public() -> None:
    table = load_all()  # (the modules left for first use too)
    for name in PUBLIC:
        assert name in autograd_lab.__all__ and getattr(autograd_lab, name) is not None, name
    for name in METHODS:
        assert hasattr(autograd_lab.Tensor, name), name
    assert all(op.name == name for name, op in table.items())


@pytest.mark.parametrize("module", sorted(ON_FIRST_USE))
def test_each_op_module_left_for_first_use_exports_what_its_entry_lists(module: str) -> None:
    """ops.ON_FIRST_USE names, before the module is loaded, the functions and methods it exports."""
    import subprocess
    import sys

    probe = (
        "import importlib, sys, autograd_lab\n"
        "from autograd_lab.ops import ON_FIRST_USE, METHODS, PUBLIC\n"
        "names = (set(PUBLIC), set(METHODS))\n"
        f"importlib.import_module('autograd_lab.ops.{module}')\n"
        "loaded = [m for m in ON_FIRST_USE if f'autograd_lab.ops.{m}' in sys.modules]\n"  # (with what it imports)
        "print(sorted(set(PUBLIC) - names[0]) == sorted(n for m in loaded for n in ON_FIRST_USE[m][0]))\n"
        "print(sorted(set(METHODS) - names[1]) == sorted(n for m in loaded for n in ON_FIRST_USE[m][1]))\n"
    )
    shown = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert shown.split() == ["True", "True"]


def test_the_op_modules_left_for_first_use_export_nothing() -> None:
    """ops.nn and ops.volumes load after `import autograd_lab`: a name or method they exported would be missing
    (the other modules left for first use list theirs in ops.ON_FIRST_USE)."""
    import subprocess
    import sys

    probe = (
        "import autograd_lab, sys\n"
        "from autograd_lab.ops import LOADED_ON_FIRST_USE, METHODS, ON_FIRST_USE, PUBLIC, load_all\n"
        "lazy = [f'autograd_lab.ops.{m}' for m in LOADED_ON_FIRST_USE]\n"
        "print(sorted(m for m in lazy if m in sys.modules))\n"
        "later = [names for names in ON_FIRST_USE.values()]\n"  # (the modules that list what they export)
        "names = (set(PUBLIC).union(*(f for f, _ in later)), set(METHODS).union(*(m for _, m in later)))\n"
        "load_all()\n"
        "print(sorted(set(PUBLIC) - names[0]), sorted(set(METHODS) - names[1]))\n"
    )
    shown = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert shown.splitlines() == ["[]", "[] []"]


def test_no_module_defines_a_function_or_class_twice() -> None:
    """A second ``def`` of a name replaces the first for every caller, silently (cdist's ``_product`` once
    sent mm's backward products past the kernel that adds in PyTorch's order)."""
    twice = []
    for path in sorted(PACKAGE.rglob("*.py")):
        seen: set[str] = set()
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                if node.name in seen:
                    twice.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name}")
                seen.add(node.name)
    assert twice == []
