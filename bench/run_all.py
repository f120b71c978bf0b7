"""Every benchmark in one run, ending in one table of goals and ratios.

    python bench/run_all.py [--quick]

Runs the tables of ``bench_core.py`` (tiny ops against PyTorch and MyGrad,
the MLP step against NumPy by hand and PyTorch, import time), of
``bench_draw.py`` (draw-to-SVG against torchviz, the widgets against one
picture, and by graph size) and of ``bench_lessons.py`` (each lesson's
picture cells with and without the extension), then measures memory growth
over 10,000 training steps, and prints a summary: each goal, what was
measured side by side in this run, PASS or FAIL, and the machine (CPU
model, NumPy and its BLAS, thread counts).
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_core as core  # noqa: E402
import bench_draw as drawing  # noqa: E402
import bench_lessons as lessons  # noqa: E402

lab = core.lab
F = core.lab_F


def memory_growth(steps: int = 10_000) -> tuple[float, float]:
    """MB that 10,000 small MLP training steps add (tracemalloc), and seconds per step."""
    lab.manual_seed(0)
    x, y = lab.randn(32, 16), lab.randn(32, 4)
    params = [lab.randn(16, 8, requires_grad=True), lab.zeros(8, requires_grad=True)]
    params += [lab.randn(8, 4, requires_grad=True), lab.zeros(4, requires_grad=True)]

    def step() -> None:
        w1, b1, w2, b2 = params
        F.mse_loss((x @ w1 + b1).relu() @ w2 + b2, y).backward()
        with lab.no_grad():
            for p in params:
                p -= 0.01 * p.grad
                p.grad.zero_()

    for _ in range(500):
        step()
    gc.collect()
    started = time.perf_counter()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for _ in range(steps):
        step()
    grown = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    return grown / 2**20, (time.perf_counter() - started) / steps


def _row(measure: str, goal: float | None, ratio: float) -> tuple[str, str, str, bool | None]:
    """A summary row for a ratio; ``goal=None`` for one shown for reference."""
    if goal is None:
        return measure, "(for reference)", f"{ratio:.2f}x", None
    return measure, f"<= {goal:.2f}x", f"{ratio:.2f}x", ratio <= goal


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (a smoke test)")
    parser.add_argument("--no-lessons", action="store_true", help="skip the lessons (4-8 minutes a round)")
    parser.add_argument("--lesson-rounds", type=int, default=1, help="runs of each lesson each way (median)")
    args = parser.parse_args()
    scale = 0.1 if args.quick else 1.0
    summary: list[tuple[str, str, str, bool | None]] = []
    machine = core.machine_lines()
    print("\n".join(machine))
    print()

    tiny = core.run_tiny(scale)
    for other, goal in core.TINY_GOALS.items():
        if other in tiny:
            summary.append(_row(f"tiny ops vs {other}", goal, tiny["autograd_lab"] / tiny[other]))
    print()

    mlp = core.run_mlp(scale)
    summary.append(
        _row("MLP step vs NumPy by hand", core.MLP_GOAL, mlp["autograd_lab"] / mlp["NumPy by hand"])
    )
    if "PyTorch" in mlp:
        summary.append(_row("MLP step vs PyTorch", None, mlp["autograd_lab"] / mlp["PyTorch"]))
    # What the goal asks of any engine here: a bare one's ratio to NumPy by hand.
    summary.append(_row("bare engine vs NumPy by hand", None, mlp["bare engine"] / mlp["NumPy by hand"]))
    print()
    for title, ratio in core.run_lesson_steps(scale).items():
        summary.append(_row(f"{title} vs PyTorch", None, ratio))
    print()

    rounds, budget, min_rounds = (3, 1.0, 2) if args.quick else (9, 6.0, 5)
    print("\n".join(drawing.versus_torchviz(rounds, budget, min_rounds)))
    for key, title, _, goal in drawing.TORCHVIZ_CASES:
        measure = (
            f"{title.split(',')[0]} ({drawing.RESULTS.get(key + '_nodes', '?')}-node picture) vs torchviz"
        )
        if key + "_vs_torchviz" in drawing.RESULTS:
            summary.append(_row(measure, goal, drawing.RESULTS[key + "_vs_torchviz"]))
        else:
            summary.append((measure, f"<= {goal:.2f}x", "not run", None))
    print()
    print("\n".join(drawing.widgets_table(rounds, budget, min_rounds)))
    if "stepper_vs_picture" in drawing.RESULTS:
        summary.append(_row("stepper, all steps vs one picture", 3.0, drawing.RESULTS["stepper_vs_picture"]))
        summary.append(_row("interact move vs one picture", 1.0, drawing.RESULTS["move_vs_picture"]))
    print()
    print("\n".join(drawing.by_size(rounds, budget, min_rounds, args.quick)))
    for description, total, _drawn, seconds in drawing.RESULTS.get("by_size", []):
        summary.append(
            (f"{total:,} nodes ({description}) to SVG", "< 500 ms", f"{seconds * 1e3:.0f} ms", seconds < 0.5)
        )
    print()

    if not args.no_lessons:
        lines, worst, misses = lessons.table(
            lessons.measure(sorted(lessons.LESSONS.glob("*.ipynb")), args.lesson_rounds)
        )
        print("\n".join(lines))
        summary.append(
            (
                "lessons: worst picture cell, extra time",
                f"<= {lessons.GOAL_SECONDS:.1f} s",
                f"{worst:.2f} s",
                misses == 0,
            )
        )
        print()

    numpy_s, extra_s = core.import_times(repeats=max(3, int(15 * scale)))
    print(f"Import: numpy {numpy_s * 1e3:.1f} ms, autograd_lab after it {extra_s * 1e3:.1f} ms")
    summary.append(
        ("import autograd_lab after numpy", "<= 20 ms", f"{extra_s * 1e3:.1f} ms", extra_s <= 0.020)
    )

    grown, per_step = memory_growth(1_000 if args.quick else 10_000)
    steps = "1,000" if args.quick else "10,000"
    print(
        f"Memory: {grown:.2f} MB more after {steps} training steps ({per_step * 1e6:.0f} µs per step under tracemalloc)"
    )
    summary.append((f"memory growth over {steps} steps", "<= 5 MB", f"{grown:.2f} MB", grown <= 5))
    print()

    print("Goals, measured side by side in this run (ratios of medians)")
    print("\n".join(machine))
    print(f"  {'measure':<50}{'goal':>16}{'measured':>12}  status")
    for name, goal, measured, met in summary:
        status = "" if met is None else ("PASS" if met else "FAIL")
        print(f"  {name:<50}{goal:>16}{measured:>12}  {status}")


if __name__ == "__main__":
    main()
