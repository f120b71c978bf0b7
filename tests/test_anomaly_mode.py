"""Anomaly mode (``torch.autograd.detect_anomaly``) against PyTorch: the NaN check, the forward line, the switches."""

from __future__ import annotations

import warnings
from types import ModuleType

import pytest

import autograd_lab as lab

torch = pytest.importorskip("torch")


def run(m: ModuleType, make_then_backward: str, mode: str) -> list[str]:
    """What a student sees: the warnings' first lines (hint cut), then the error or the gradient."""
    seen = []
    x = m.tensor([0.0, 4.0], requires_grad=True)
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        warnings.filterwarnings(
            "ignore", category=RuntimeWarning, module=r"autograd_lab(\.|$)"
        )  # (as it does)
        try:
            exec(f"{mode}\n    {make_then_backward}\nprint_grad = x.grad", {"m": m, "x": x})  # noqa: S102
            seen.append(f"grad {x.grad}")
        except RuntimeError as error:
            seen.append(f"{type(error).__name__}: {str(error).split(' Hint:')[0]}")
    for warning in said:
        text = str(warning.message)
        first = text.splitlines()[0].split(" Hint:")[0]
        seen.append(f"{warning.category.__name__}: {first}")
        if (
            "Traceback of forward call" in text
        ):  # the user's forward line (line 2 of the exec'd code) is in it
            seen.append("shows the forward line" if 'File "<string>", line 2, in <module>' in text else text)
    return seen


CASES = {
    "NaN from sqrt at 0": "y = m.sqrt(x) * 0; y.sum().backward()",
    "NaN from 0/0, the second output": "y = x / x; y[0].backward()",
    "a finite gradient": "y = (x * 3).sum(); y.backward()",
}
MODES = {
    "detect_anomaly": "with m.autograd.detect_anomaly():",
    "set_detect_anomaly(True)": "with m.autograd.set_detect_anomaly(True):",
    "check_nan=False": "with m.autograd.detect_anomaly(check_nan=False):",
    "off": "with m.autograd.set_detect_anomaly(False):",
}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", CASES)
def test_anomaly_mode_as_pytorch(case: str, mode: str) -> None:
    ours = run(lab, CASES[case], MODES[mode])
    theirs = run(torch, CASES[case], MODES[mode])
    assert ours == theirs


def test_a_node_made_before_the_mode_has_no_forward_line() -> None:
    def script(m: ModuleType) -> list[str]:
        x = m.tensor([0.0], requires_grad=True)
        y = m.sqrt(x) * 0
        with warnings.catch_warnings(record=True) as said:
            warnings.simplefilter("always")
            warnings.filterwarnings("ignore", category=RuntimeWarning, module=r"autograd_lab(\.|$)")
            with m.autograd.set_detect_anomaly(True):
                with pytest.raises(RuntimeError):
                    y.backward()
        # (PyTorch's C++ warnings end with where they were raised: "(Triggered internally at ...)")
        return [str(w.message).split(" Hint:")[0].split(" (Triggered internally")[0] for w in said]

    assert script(lab) == script(torch)


def test_the_switches_as_pytorch() -> None:
    def script(m: ModuleType) -> list:
        states = [(m.is_anomaly_enabled(), m.is_anomaly_check_nan_enabled())]
        m.autograd.set_detect_anomaly(True, check_nan=False)  # at once, without `with`
        states.append((m.is_anomaly_enabled(), m.is_anomaly_check_nan_enabled()))
        m.set_anomaly_enabled(False)
        states.append((m.is_anomaly_enabled(), m.is_anomaly_check_nan_enabled()))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with m.autograd.detect_anomaly():
                states.append(m.is_anomaly_enabled())
        states.append(m.is_anomaly_enabled())
        return states

    assert script(lab) == script(torch)
