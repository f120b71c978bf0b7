"""Keeps working: memory over a long training loop, and a display path that never breaks a cell.

(The 100,000-op chain, thread-local no_grad and random programs against
finite differences live in test_backward.py, test_grad_modes.py and
test_gradients.py; the misuse catalogue in test_errors.py.)
"""

from __future__ import annotations

import gc
import re
import sys
import tracemalloc

import pytest

import autograd_lab as torch
import autograd_lab.nn.functional as F
from autograd_lab.render import engines


def test_10000_training_steps_grow_memory_by_at_most_5_mb():
    """Graphs are freed after each backward by reference counting alone (no cycles)."""
    torch.manual_seed(0)
    x, y = torch.randn(32, 16), torch.randn(32, 4)
    params = [torch.randn(16, 8, requires_grad=True), torch.zeros(8, requires_grad=True)]
    params += [torch.randn(8, 4, requires_grad=True), torch.zeros(4, requires_grad=True)]

    def step() -> None:
        w1, b1, w2, b2 = params
        loss = F.mse_loss((x @ w1 + b1).relu() @ w2 + b2, y)
        loss.backward()
        with torch.no_grad():
            for p in params:
                p -= 0.01 * p.grad
                p.grad.zero_()

    gc.collect()
    gc.disable()  # a reference cycle would now stay: memory would grow with every step
    try:
        for _ in range(500):
            step()
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        for _ in range(10_000):
            step()
        growth = tracemalloc.get_traced_memory()[0] - before
        tracemalloc.stop()
    finally:
        gc.enable()
    assert growth <= 5 * 2**20, f"memory grew by {growth / 2**20:.1f} MB over 10,000 steps"


# -- the display path under faults, in a real IPython shell ----------------------------

IPython = pytest.importorskip("IPython")
from IPython.testing.globalipapp import start_ipython  # noqa: E402
from IPython.utils.capture import capture_output  # noqa: E402


@pytest.fixture()
def shell():
    ip = start_ipython() or IPython.get_ipython()
    ip.config.pop("AutogradMagics", None)
    ip.run_cell("%load_ext autograd_lab\nimport autograd_lab as torch")
    yield ip
    ip.run_cell("%unload_ext autograd_lab")
    ip.config.pop("AutogradMagics", None)


def _fake_dot(folder, body: str) -> None:
    script = folder / "dot"
    script.write_text(f"#!{sys.executable}\nimport sys, time\n{body}\n", encoding="utf-8")
    script.chmod(0o755)


FAULTS = {
    "missing": None,
    "crashing": "sys.stderr.write('Segmentation fault\\n'); sys.exit(139)",
    "hanging": "time.sleep(30)",
    "garbage": "sys.stdout.write('%PDF-1.4 not a picture')",
}


@pytest.mark.parametrize("fault", FAULTS)
def test_a_broken_engine_leaves_the_tree_and_one_line(shell, monkeypatch, tmp_path, fault):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(engines, "_graphviz_pure", lambda: None)
    if FAULTS[fault] is not None:
        _fake_dot(tmp_path, FAULTS[fault])
    shell.run_cell("%config AutogradMagics.timeout = 0.5")
    with capture_output() as captured:
        result = shell.run_cell(
            "x = torch.tensor([2.0], requires_grad=True)\nz = (x + 2) ** 2\nz.backward()\nafter = 1"
        )
    assert result.success and shell.user_ns["after"] == 1
    (output,) = captured.outputs
    assert set(output.data) == {"text/plain"}
    tree, _, reason = output.data["text/plain"].rpartition("\n")
    assert tree.startswith("z = PowBackward0") and "x  leaf  value [2]  grad [8]" in tree
    expected = {
        "missing": "no Graphviz engine found",
        "crashing": "dot failed (exit code 139): Segmentation fault",
        "hanging": "dot took longer than 0.5 s and was stopped",
        "garbage": "dot returned something that is not SVG",
    }[fault]
    assert reason.startswith("(no picture: ") and expected in reason


ODD_VALUES = {
    "nan": "x = torch.tensor([float('nan'), 1.0], requires_grad=True)\nz = (x * 2).sum()",
    "inf": "x = torch.tensor([float('inf'), 1.0], requires_grad=True)\nz = (x * 2).sum()",
    "empty": "x = torch.zeros(0, requires_grad=True)\nz = (x * 2).sum()",
    "0-d": "x = torch.tensor(3.0, requires_grad=True)\nz = x * 2",
}


@pytest.mark.parametrize("case", ODD_VALUES)
def test_odd_values_draw(shell, case):
    with capture_output() as captured:
        result = shell.run_cell(ODD_VALUES[case] + "\nz.backward()")
    assert result.success
    (output,) = captured.outputs
    assert output.data["text/plain"].startswith("z = ")
    if engines.find_engine() is not None:
        assert "<svg" in output.data["image/svg+xml"]


def test_a_graph_with_no_gradients_yet(shell):
    with capture_output() as captured:
        shell.run_cell("x = torch.tensor(2.0, requires_grad=True)\ny = x.exp()\n%autograd show y")
    text = captured.outputs[0].data["text/plain"]
    assert "value 7.389" in text and "grad" not in text


def test_a_5000_node_graph_is_condensed_and_drawn(shell):
    code = (
        "torch.manual_seed(0)\n"
        "ws = [torch.randn((), requires_grad=True) for _ in range(1250)]\n"
        "total = ws[0] * 0.5\n"
        "for w in ws[1:]:\n"
        "    total = total + (w * 0.5).tanh()\n"
        "total.backward()"
    )
    with capture_output() as captured:
        result = shell.run_cell(code)
    assert result.success
    text = captured.outputs[0].data["text/plain"]
    found = re.match(r"condensed: ([\d,]+) nodes shown as ([\d,]+);", text)
    assert found, text.splitlines()[0]
    total, shown = (int(n.replace(",", "")) for n in found.groups())
    assert total >= 5000 and shown <= 150
    if engines.find_engine() is not None:
        assert "<svg" in captured.outputs[0].data["image/svg+xml"]


def test_overflow_and_zero_division_stay_silent_as_in_pytorch():
    """NumPy's RuntimeWarnings from inside the package are not shown; the student's own NumPy still warns."""
    import subprocess

    code = (
        "import numpy as np\nimport autograd_lab as torch\n"
        "x = torch.tensor([1000., 0.], requires_grad=True)\n"
        "y = x.exp() + x.log() + torch.tensor([0.]) / 0\n"
        "y.sum().backward()\n"
        "print(y, x.grad)\n"
        "np.log(np.zeros(1))\n"
    )
    result = subprocess.run([sys.executable, "-W", "default", "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "inf" in result.stdout and "nan" in result.stdout
    try:
        import torch as reference
    except ImportError:
        pass
    else:  # the same values as PyTorch prints
        pytorch = subprocess.run(
            [sys.executable, "-c", code.replace("autograd_lab as torch", "torch")],
            capture_output=True,
            text=True,
        )
        assert result.stdout == pytorch.stdout, reference.__version__
    warnings = [line for line in result.stderr.splitlines() if "RuntimeWarning" in line]
    own_line = code.splitlines().index("np.log(np.zeros(1))") + 1
    assert len(warnings) == 1 and warnings[0].startswith(f"<string>:{own_line}:"), result.stderr
