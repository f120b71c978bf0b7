"""The seed lesson runs with only its imports changed and prints what PyTorch prints.

The notebook (tests/data/autograd_lesson_seed.ipynb, a copy of
shared/seed/) stores the outputs of an old PyTorch.  Every cell that draws
no random numbers must print exactly that, with today's node name
``SelectBackward0`` for the old ``SelectBackward``.  With PyTorch installed,
every cell, random ones included (seeded), must print what PyTorch prints now.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

SEED = Path(__file__).parent / "data" / "autograd_lesson_seed.ipynb"
IMPORTS = {
    "import torch\n": "import autograd_lab as torch\n",
    "from torch.autograd import Variable": "from autograd_lab.autograd import Variable",
}


def code_cells() -> list[dict]:
    notebook = json.loads(SEED.read_text(encoding="utf-8"))
    return [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]


def stored_output(cell: dict) -> str:
    text = "".join("".join(o.get("text", "")) for o in cell["outputs"] if o["output_type"] == "stream")
    return text.replace("SelectBackward>", "SelectBackward0>")


def draws_random(source: str) -> bool:
    return "randn" in source or "rand(" in source


def run_cells(sources: list[str]) -> list[str]:
    """Run the cells in one namespace, as a kernel would; return each cell's printout."""
    namespace: dict = {}
    printed = []
    for source in sources:
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            exec(compile(source, "<seed cell>", "exec"), namespace)
        printed.append(buffer.getvalue())
    return printed


def ported(source: str) -> str:
    for old, new in IMPORTS.items():
        source = source.replace(old, new)
    return source


def seeded(source: str) -> str:
    return ("torch.manual_seed(0)\n" + source) if draws_random(source) else source


def test_only_the_imports_change() -> None:
    sources = ["".join(c["source"]) for c in code_cells()]
    changed = [(s, ported(s)) for s in sources if ported(s) != s]
    assert len(changed) == 1, "exactly one cell (the imports) is edited"
    assert "import autograd_lab as torch" in changed[0][1]


def depends_on_the_draw(sources: list[str]) -> list[bool]:
    """Cells that draw random numbers, and those printing gradients that depend on them.

    In the matrix example, x.grad and w.grad depend on the random w and x;
    y.grad (1/50 everywhere) does not.  The next Variable(...) ends the example.
    """
    flags, in_example = [], False
    for source in sources:
        if draws_random(source):
            in_example = True
        elif "Variable(" in source:
            in_example = False
        flags.append(draws_random(source) or (in_example and ("x.grad" in source or "w.grad" in source)))
    return flags


def test_seed_prints_the_stored_outputs() -> None:
    cells = code_cells()
    sources = ["".join(c["source"]) for c in cells]
    printed = run_cells([ported(s) for s in sources])
    compared = 0
    for cell, source, output, random in zip(
        cells, sources, printed, depends_on_the_draw(sources), strict=True
    ):
        if random or not cell["outputs"]:
            continue
        # The stored outputs lost their runs of spaces; compare the words.
        assert output.split() == stored_output(cell).split(), source
        compared += 1
    assert compared >= 10


@pytest.fixture(scope="module")
def torch_ref():
    return pytest.importorskip("torch")


def test_seed_prints_what_pytorch_prints(torch_ref) -> None:
    sources = ["".join(c["source"]) for c in code_cells()]
    ours = run_cells([seeded(ported(s)) for s in sources])
    theirs = run_cells([seeded(s) for s in sources])
    assert ours == theirs
