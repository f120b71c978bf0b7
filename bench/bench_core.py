"""Speed of the autograd core, measured side by side in one run.

    python bench/bench_core.py [--quick]

Prints one table of times and ratios:

- tiny ops: ``((a * b + a) * b).sum().backward()`` on 3-element tensors,
  against PyTorch (one thread) and MyGrad when they are installed (goals: at
  most 0.9x PyTorch's time and 0.6x MyGrad's);
- an MLP step (256x784 @ 784x128, relu, @ 128x10, MSE, backward) against the
  same computation written by hand in NumPy (goal: at most 1.10x), with a
  bare engine (``_Bare``: no checks, no records) as the floor for comparison;
- ``import autograd_lab`` on top of ``import numpy`` (goal: at most 20 ms).

Each contender runs in turns (A B C A B C ...) so that a noisy neighbour
slows them all alike, and the median of the rounds is kept.  Ratios, not
absolute times, are what carry over between machines.
"""

from __future__ import annotations

import argparse
import functools
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import autograd_lab as lab  # noqa: E402
import autograd_lab.nn.functional as lab_F  # noqa: E402


def _optional(name: str):
    try:
        return __import__(name)
    except ImportError:
        return None


torch = _optional("torch")
mygrad = _optional("mygrad")
if torch is not None:
    torch.set_num_threads(1)  # the tiny ops' goal is against one thread; the MLP runs on it too


def median_time(contenders: dict[str, Callable[[], object]], number: int, rounds: int) -> dict[str, float]:
    """Seconds per call, median of the rounds for each, the contenders taking turns in every round."""
    samples: dict[str, list[float]] = {name: [] for name in contenders}
    for function in contenders.values():  # warm up caches and lazy imports
        for _ in range(max(1, number // 10)):
            function()
    for _ in range(rounds):
        for name, function in contenders.items():
            start = time.perf_counter()
            for _ in range(number):
                function()
            samples[name].append((time.perf_counter() - start) / number)
    return {name: statistics.median(values) for name, values in samples.items()}


# -- the machine ---------------------------------------------------------------------


def cpu_model() -> str:
    """The CPU's model name (``/proc/cpuinfo``), and how many cores this process may use."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{model}, {cores} cores"


def blas_build() -> str:
    """NumPy's BLAS library and its thread count (threadpoolctl if installed, else numpy.show_config)."""
    try:
        from threadpoolctl import threadpool_info

        pools = [p for p in threadpool_info() if p.get("user_api") == "blas"]
        if pools:
            return ", ".join(
                f"{p['internal_api']} {p.get('version')} ({p['num_threads']} threads)" for p in pools
            )
    except ImportError:
        pass
    try:
        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        threads = os.environ.get("OPENBLAS_NUM_THREADS") or os.environ.get("OMP_NUM_THREADS")
        threads = threads or f"OpenBLAS default, one per core: {os.cpu_count()}"
        return f"{blas.get('name')} {blas.get('version')} (threads: {threads})"
    except Exception:  # older NumPy: no dict mode
        return "unknown (numpy.show_config() prints it)"


def machine_lines() -> list[str]:
    """What a run was measured on: CPU, versions, BLAS and thread counts."""
    versions = [f"Python {sys.version.split()[0]}", f"NumPy {np.__version__}"]
    versions.append(
        f"PyTorch {torch.__version__} ({torch.get_num_threads()} thread)" if torch else "no PyTorch"
    )
    versions.append(f"MyGrad {mygrad.__version__}" if mygrad else "no MyGrad")
    load = (
        ", load average " + " ".join(f"{v:.1f}" for v in os.getloadavg()) if hasattr(os, "getloadavg") else ""
    )
    return [f"CPU: {cpu_model()}{load}", "  " + ", ".join(versions), f"  NumPy's BLAS: {blas_build()}"]


# The goals (issue 18): ratios to other engines measured side by side in the same run.
TINY_GOALS = {"PyTorch": 0.90, "MyGrad": 0.60}
MLP_GOAL = 1.10


# -- tiny ops ----------------------------------------------------------------------


def tiny_contenders() -> dict[str, Callable[[], object]]:
    values_a, values_b = [1.0, 2.0, 3.0], [4.0, 5.0, 6.0]
    a = lab.tensor(values_a, requires_grad=True)
    b = lab.tensor(values_b, requires_grad=True)
    contenders = {"autograd_lab": lambda: ((a * b + a) * b).sum().backward()}
    if torch is not None:
        ta = torch.tensor(values_a, requires_grad=True)
        tb = torch.tensor(values_b, requires_grad=True)
        contenders["PyTorch"] = lambda: ((ta * tb + ta) * tb).sum().backward()
    if mygrad is not None:
        ma = mygrad.tensor(np.array(values_a, dtype=np.float32))
        mb = mygrad.tensor(np.array(values_b, dtype=np.float32))
        contenders["MyGrad"] = lambda: ((ma * mb + ma) * mb).sum().backward()
    return contenders


# -- MLP step -----------------------------------------------------------------------


def mlp_data(seed: int = 0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    f32 = np.float32
    return {
        "x": rng.standard_normal((256, 784)).astype(f32),
        "y": rng.standard_normal((256, 10)).astype(f32),
        "w1": (rng.standard_normal((784, 128)) * 0.05).astype(f32),
        "b1": np.zeros(128, f32),
        "w2": (rng.standard_normal((128, 10)) * 0.05).astype(f32),
        "b2": np.zeros(10, f32),
    }


def numpy_step(d: dict[str, np.ndarray]) -> tuple[np.ndarray, ...]:
    """Forward and backward of the MLP, derived by hand."""
    h_pre = d["x"] @ d["w1"] + d["b1"]
    h = np.maximum(h_pre, 0)
    out = h @ d["w2"] + d["b2"]
    diff = out - d["y"]
    _loss = np.mean(diff * diff)
    g_out = diff * np.float32(2 / diff.size)
    g_w2 = h.T @ g_out
    g_b2 = g_out.sum(axis=0)
    g_h = g_out @ d["w2"].T
    g_h_pre = g_h * (h_pre > 0)
    g_w1 = d["x"].T @ g_h_pre
    g_b1 = g_h_pre.sum(axis=0)
    return g_w1, g_b1, g_w2, g_b2


class _Bare:
    """A bare engine for the MLP step: the floor of what recording costs in Python.

    micrograd's design on NumPy arrays, with only the four ops the step uses:
    no checks, no grad_fn objects, no saved-tensor versions, no records for
    the pictures.  It computes no gradient for inputs that do not need one.
    """

    __slots__ = ("value", "grad", "parents", "backward_rule", "needs_grad")

    def __init__(self, value: np.ndarray, parents: tuple = (), needs_grad: bool = True) -> None:
        self.value, self.grad, self.parents, self.needs_grad = value, None, parents, needs_grad
        self.backward_rule: Callable | None = None

    def __matmul__(self, other: _Bare) -> _Bare:
        out = _Bare(self.value @ other.value, (self, other))
        out.backward_rule = lambda g: (g @ other.value.T if self.needs_grad else None, self.value.T @ g)
        return out

    def __add__(self, bias: _Bare) -> _Bare:
        out = _Bare(self.value + bias.value, (self, bias))
        out.backward_rule = lambda g: (g, g.sum(axis=0))
        return out

    def relu(self) -> _Bare:
        value = np.maximum(self.value, 0)
        out = _Bare(value, (self,))
        out.backward_rule = lambda g: (g * (value > 0),)
        return out

    def mse(self, target: _Bare) -> _Bare:
        diff = self.value - target.value
        out = _Bare(np.mean(diff * diff), (self,))
        out.backward_rule = lambda g: (diff * (2 * g / diff.size),)
        return out

    def backward(self) -> None:
        order: list[_Bare] = []
        seen: set[int] = set()
        stack = [(self, False)]
        while stack:  # depth first, each node after its parents
            node, parents_done = stack.pop()
            if parents_done:
                order.append(node)
            elif id(node) not in seen:
                seen.add(id(node))
                stack.append((node, True))
                stack.extend((parent, False) for parent in node.parents)
        self.grad = np.ones((), self.value.dtype)
        for node in reversed(order):
            if node.backward_rule is None:
                continue
            for parent, grad in zip(node.parents, node.backward_rule(node.grad), strict=True):
                if grad is not None and parent.needs_grad:
                    parent.grad = grad if parent.grad is None else parent.grad + grad


def mlp_contenders() -> tuple[dict[str, Callable[[], object]], Callable[[], list[float]]]:
    data = mlp_data()
    x, y = lab.from_numpy(data["x"]), lab.from_numpy(data["y"])
    params = [lab.tensor(data[k], requires_grad=True) for k in ("w1", "b1", "w2", "b2")]

    def lab_step() -> None:
        w1, b1, w2, b2 = params
        for p in params:
            p.grad = None
        h = (x @ w1 + b1).relu()
        loss = lab_F.mse_loss(h @ w2 + b2, y)
        loss.backward()

    bare_x, bare_y = _Bare(data["x"], needs_grad=False), _Bare(data["y"], needs_grad=False)
    bare_params = [_Bare(data[k]) for k in ("w1", "b1", "w2", "b2")]

    def bare_step() -> None:
        w1, b1, w2, b2 = bare_params
        for p in bare_params:
            p.grad = None
        ((bare_x @ w1 + b1).relu() @ w2 + b2).mse(bare_y).backward()

    contenders = {
        "NumPy by hand": lambda: numpy_step(data),
        "autograd_lab": lab_step,
        "bare engine": bare_step,
    }
    if torch is not None:
        tx, ty = torch.from_numpy(data["x"]), torch.from_numpy(data["y"])
        tparams = [torch.tensor(data[k], requires_grad=True) for k in ("w1", "b1", "w2", "b2")]

        def torch_step() -> None:
            w1, b1, w2, b2 = tparams
            for p in tparams:
                p.grad = None
            h = (tx @ w1 + b1).relu()
            torch.nn.functional.mse_loss(h @ w2 + b2, ty).backward()

        contenders["PyTorch"] = torch_step
    if mygrad is not None:
        mx, my = data["x"], data["y"]
        mparams = [mygrad.tensor(data[k]) for k in ("w1", "b1", "w2", "b2")]

        def mygrad_step() -> None:
            w1, b1, w2, b2 = mparams
            h = mygrad.nnet.activations.relu(mx @ w1 + b1)
            diff = h @ w2 + b2 - my
            mygrad.mean(diff * diff).backward()

        contenders["MyGrad"] = mygrad_step

    def agreement() -> list[float]:
        lab_step()
        bare_step()
        expected = numpy_step(data)
        found = [p.grad.numpy() for p in params] + [p.grad for p in bare_params]
        twice = list(expected) * 2  # autograd_lab's gradients, then the bare engine's
        return [float(np.max(np.abs(g - e))) for g, e in zip(found, twice, strict=True)]

    return contenders, agreement


# -- training steps of real lessons ---------------------------------------------------


def _quickstart_step(torch_like: Any) -> Callable[[], object]:
    """PyTorch's quickstart: an MLP 784-512-512-10 on a batch of 64 images, cross-entropy, SGD."""
    nn = torch_like.nn
    torch_like.manual_seed(0)
    model = nn.Sequential(
        nn.Flatten(), nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(), nn.Linear(512, 10)
    )
    x, y = torch_like.rand(64, 1, 28, 28), torch_like.randint(0, 10, (64,))
    return _training_step(
        model, x, y, nn.CrossEntropyLoss(), torch_like.optim.SGD(model.parameters(), lr=1e-3)
    )


def _training_step(model: Any, x: Any, y: Any, loss_fn: Any, optimizer: Any) -> Callable[[], object]:
    """One step of a lesson's training loop: the loss, backward, the optimizer's step, zero_grad."""

    def step() -> None:
        loss_fn(model(x), y).backward()
        optimizer.step()
        optimizer.zero_grad()

    return step


def _rnn_scratch_step(torch_like: Any) -> Callable[[], object]:
    """Dive into Deep Learning's RNN from scratch: one-hot inputs (1027 characters), 256 hidden units,
    35 time steps of a batch of 32, gradient clipping, SGD, as the book writes it."""
    rng = np.random.default_rng(0)
    vocab, hidden, steps, batch = 1027, 256, 35, 32

    def weight(*shape: int) -> Any:
        return torch_like.tensor(
            rng.normal(0, 0.01, size=shape), dtype=torch_like.float32, requires_grad=True
        )

    params = [weight(vocab, hidden), weight(hidden, hidden), torch_like.zeros(hidden, requires_grad=True)]
    params += [weight(hidden, vocab), torch_like.zeros(vocab, requires_grad=True)]
    inputs = torch_like.tensor(rng.integers(0, vocab, (batch, steps)))
    targets = torch_like.tensor(rng.integers(0, vocab, (steps * batch,)))
    loss_fn = torch_like.nn.CrossEntropyLoss()

    def step() -> None:
        w_xh, w_hh, b_h, w_hq, b_q = params
        state, outputs = torch_like.zeros(batch, hidden), []
        for t in range(steps):
            x = torch_like.nn.functional.one_hot(inputs[:, t], vocab).float()
            state = torch_like.tanh(x @ w_xh + state @ w_hh + b_h)
            outputs.append(state @ w_hq + b_q)
        loss_fn(torch_like.cat(outputs), targets).backward()
        with torch_like.no_grad():
            norm = sum((p.grad**2).sum() for p in params).sqrt().item()
            for p in params:
                p.grad *= min(1.0, 0.01 / norm)
                p -= 100 * p.grad
                p.grad.zero_()

    return step


def _resnet_step(torch_like: Any) -> Callable[[], object]:
    """The start of yunjey's (and d2l's) ResNet: a 3x3 convolution, BatchNorm and ReLU, then a residual block
    of two more, average pooling and a linear layer, on a batch of 32 CIFAR-sized images, with Adam."""
    nn = torch_like.nn
    torch_like.manual_seed(0)

    def conv_bn(channels_in: int) -> Any:
        return [nn.Conv2d(channels_in, 16, 3, padding=1, bias=False), nn.BatchNorm2d(16)]

    class Block(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.body = nn.Sequential(*conv_bn(16), nn.ReLU(), *conv_bn(16))

        def forward(self, x: Any) -> Any:
            return torch_like.relu(self.body(x) + x)

    model = nn.Sequential(*conv_bn(3), nn.ReLU(), Block(), nn.AvgPool2d(8), nn.Flatten(), nn.Linear(256, 10))
    x, y = torch_like.rand(32, 3, 32, 32), torch_like.randint(0, 10, (32,))
    return _training_step(
        model, x, y, nn.CrossEntropyLoss(), torch_like.optim.Adam(model.parameters(), lr=1e-3)
    )


LESSON_STEPS = {
    "quickstart MLP step": _quickstart_step,
    "RNN from scratch step (d2l)": _rnn_scratch_step,
    "ResNet block step (BatchNorm2d)": _resnet_step,
}


def run_lesson_steps(scale: float) -> dict[str, float]:
    """Time a training step of two real lessons against PyTorch (for reference); return the ratios."""
    ratios = {}
    if torch is None:
        return ratios
    for title, make in LESSON_STEPS.items():
        times = median_time(
            {"autograd_lab": make(lab), "PyTorch": make(torch)}, number=max(2, int(10 * scale)), rounds=5
        )
        print("\n".join(table(f"Lesson: {title}", times, "PyTorch", 1e-3, "ms")))
        ratios[title] = times["autograd_lab"] / times["PyTorch"]
    return ratios


# -- import time -------------------------------------------------------------------


def import_times(repeats: int) -> tuple[float, float]:
    """Median seconds for ``import numpy`` and for ``import autograd_lab`` after it."""
    code = (
        "import time; t0 = time.perf_counter(); import numpy; t1 = time.perf_counter(); "
        "import autograd_lab; t2 = time.perf_counter(); print(t1 - t0, t2 - t1)"
    )
    # Compare like with like: numpy's bytecode was compiled when it was installed,
    # so let the first run write ours (PYTHONDONTWRITEBYTECODE would forbid it).
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    # (in ROOT: `python -c` puts the working directory first on sys.path, before PYTHONPATH)
    run = functools.partial(subprocess.run, [sys.executable, "-c", code], env=env, cwd=ROOT, check=True)
    run(capture_output=True)
    numpy_s, extra_s = [], []
    for _ in range(repeats):
        out = run(capture_output=True, text=True)
        a, b = (float(v) for v in out.stdout.split())
        numpy_s.append(a)
        extra_s.append(b)
    return statistics.median(numpy_s), statistics.median(extra_s)


# -- report ------------------------------------------------------------------------------


def table(title: str, times: dict[str, float], baseline: str, unit: float, unit_name: str) -> list[str]:
    lines = [f"{title}", f"  {'':<16}{unit_name:>12}{'ratio':>10}"]
    for name, seconds in times.items():
        lines.append(f"  {name:<16}{seconds / unit:>12.1f}{seconds / times[baseline]:>9.2f}x")
    return lines


def run_tiny(scale: float) -> dict[str, float]:
    """Time the tiny ops, print their table, and return seconds per call by contender."""
    tiny = median_time(tiny_contenders(), number=max(50, int(1000 * scale)), rounds=11)
    baseline = "PyTorch" if "PyTorch" in tiny else "autograd_lab"
    print(
        "\n".join(table("Tiny ops: ((a*b + a)*b).sum().backward(), 3 elements", tiny, baseline, 1e-6, "µs"))
    )
    for other, goal in TINY_GOALS.items():
        if other in tiny:
            print(f"  goal: autograd_lab <= {goal:.2f}x {other} -> {tiny['autograd_lab'] / tiny[other]:.2f}x")
    return tiny


def run_mlp(scale: float) -> dict[str, float]:
    """Time the MLP step, print its table, and return seconds per step by contender."""
    contenders, agreement = mlp_contenders()
    mlp = median_time(contenders, number=max(3, int(20 * scale)), rounds=11)
    title = "MLP step: 256x784 @ 784x128, relu, @ 128x10, MSE, backward"
    print("\n".join(table(title, mlp, "NumPy by hand", 1e-3, "ms")))
    ratio = mlp["autograd_lab"] / mlp["NumPy by hand"]
    print(f"  goal: autograd_lab <= {MLP_GOAL:.2f}x NumPy by hand -> {ratio:.2f}x")
    print("  (bare engine: the same step on a minimal engine with no checks or records: the floor)")
    print(f"  largest gradient difference from NumPy by hand: {max(agreement()):.1e}")
    return mlp


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (a smoke test)")
    args = parser.parse_args()
    scale = 0.1 if args.quick else 1.0

    print("\n".join(machine_lines()))
    print()
    run_tiny(scale)
    print()
    run_mlp(scale)
    print()
    run_lesson_steps(scale)
    print()

    numpy_s, extra_s = import_times(repeats=max(3, int(15 * scale)))
    print("Import (median of fresh interpreters)")
    print(f"  import numpy                 {numpy_s * 1e3:8.1f} ms")
    print(f"  import autograd_lab after it {extra_s * 1e3:8.1f} ms   goal: <= 20 ms")


if __name__ == "__main__":
    main()
