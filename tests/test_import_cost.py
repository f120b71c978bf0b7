"""``import autograd_lab`` loads only what the core needs (issue 18's import-time goal).

The speed itself is measured by bench/bench_core.py, never timed here; these
tests check the parts that make it: what is loaded only when first used.
"""

from __future__ import annotations

import subprocess
import sys


def _modules_after(code: str) -> set[str]:
    """The modules loaded in a fresh interpreter after running ``code``."""
    script = f"import sys\n{code}\nprint('\\n'.join(sys.modules))"
    output = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    return set(output.split())


def test_import_leaves_the_message_catalogue_and_lazy_packages_unloaded() -> None:
    loaded = _modules_after("import autograd_lab")
    lazy = ["autograd_lab.messages.catalogue", "autograd_lab.nn", "autograd_lab.optim", "autograd_lab.utils"]
    assert [name for name in lazy if name in loaded] == []


def test_the_catalogue_loads_when_a_message_is_first_needed() -> None:
    code = "import autograd_lab\ntry:\n    autograd_lab.zeros(2) + autograd_lab.zeros(3)\nexcept RuntimeError as e:\n    print(e)"
    loaded = _modules_after(code)
    assert "autograd_lab.messages.catalogue" in loaded
    from autograd_lab import messages

    assert messages.say("leaf") == "leaf" and messages.ERRORS["backward_twice"].type is RuntimeError
