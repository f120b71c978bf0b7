"""``%autograd`` and ``%%autograd``, and the picture after every ``backward()``.

Options are traitlets, set with ``%config AutogradMagics.<name> = ...``:
``auto_display``, ``max_per_cell``, ``max_nodes``, ``engine``, ``timeout``,
``language`` (``"en"`` or ``"zh"``: the pictures, widgets and hints),
``width`` and ``short_tracebacks``.  A bad value is refused with a
``TraitError`` and the old value kept.  Every failure of a magic ends as
one line in the cell, never a traceback from inside the extension.
"""

from __future__ import annotations

import ast
import math
import re
import sys
from typing import Any

from .. import messages
from .._optional import require
from ..render import draw, find_engine
from ..render.engines import ENGINES
from ..render.fit import DEFAULT_WIDTH
from ..tensor import Tensor
from . import steps

# IPython (and traitlets, which comes with it) through require(): missing, it says what to install.
_magic, _arguments, _traitlets = (
    require("IPython.core.magic"),
    require("IPython.core.magic_arguments"),
    require("traitlets"),
)
Magics, line_cell_magic, magics_class = _magic.Magics, _magic.line_cell_magic, _magic.magics_class
argument, magic_arguments, parse_argstring = (
    _arguments.argument,
    _arguments.magic_arguments,
    _arguments.parse_argstring,
)
display = require("IPython.display").display
Bool, Enum, Float, Int, Unicode = (
    _traitlets.Bool,
    _traitlets.Enum,
    _traitlets.Float,
    _traitlets.Int,
    _traitlets.Unicode,
)
TraitError, observe, validate = _traitlets.TraitError, _traitlets.observe, _traitlets.validate

_LOAD_AGAIN = re.compile(r"^\s*%load_ext\s+autograd_lab\s*$", re.MULTILINE)
SUBCOMMANDS = ("on", "off", "status", "show", "step", "save")
USAGE = "usage: %autograd on | off | status | show EXPR | step EXPR | save EXPR FILE; %%autograd [--all]"


class AutogradError(Exception):
    """A mistake in a magic's input: shown as one line."""


def _say(message: str) -> None:
    print(f"autograd: {message}", file=sys.stderr)


@magics_class
class AutogradMagics(Magics):
    """Pictures of the computation graph in Jupyter."""

    auto_display = Bool(True, help="Draw the graph after every backward() run in a cell.").tag(config=True)
    max_per_cell = Int(
        3, help="At most this many automatic pictures per cell (a training loop calls backward() often)."
    ).tag(config=True)
    max_nodes = Int(150, help="Condense graphs with more nodes than this (0: never).").tag(config=True)
    engine = Unicode("auto", help="Layout engine: 'auto', 'dot' or 'graphviz-pure'.").tag(config=True)
    timeout = Float(10.0, help="Seconds a layout may take before it is stopped.").tag(config=True)
    language = Enum(
        messages.LANGUAGES, "en", help="Language of pictures, widgets and hints: 'en' or 'zh'."
    ).tag(config=True)
    width = Int(
        DEFAULT_WIDTH, help="Width of the output area in CSS pixels: wider pictures are laid out again."
    ).tag(config=True)
    short_tracebacks = Bool(
        True, help="An error raised inside autograd_lab shows the student's lines only, not the library's."
    ).tag(config=True)

    @validate("engine")
    def _check_engine(self, proposal: Any) -> str:
        if proposal["value"] not in ("auto", *ENGINES):
            raise TraitError(f"engine must be 'auto', 'dot' or 'graphviz-pure', not {proposal['value']!r}")
        return proposal["value"]

    @validate("max_nodes", "max_per_cell")
    def _check_count(self, proposal: Any) -> int:
        if proposal["value"] < 0:
            raise TraitError(f"{proposal['trait'].name} must be 0 or more, not {proposal['value']}")
        return proposal["value"]

    @validate("timeout")
    def _check_timeout(self, proposal: Any) -> float:
        value = proposal["value"]
        if not (math.isfinite(value) and value > 0):
            raise TraitError(f"timeout must be a number of seconds above 0, not {value!r}")
        return value

    @validate("width")
    def _check_width(self, proposal: Any) -> int:
        if proposal["value"] < 100:
            raise TraitError(f"width must be at least 100 (CSS pixels), not {proposal['value']}")
        return proposal["value"]

    @observe("language")
    def _use_language(self, change: Any) -> None:
        messages.set_language(change["new"])  # hints of errors follow too

    def __init__(self, shell: Any = None, **kwargs: Any) -> None:
        super().__init__(shell=shell, **kwargs)
        self._drawn_this_cell = 0
        self._told_this_cell = False
        self._quiet = False  # %%autograd draws once itself, after its cell
        self._own_tracebacks = False  # the extension installed IPython's custom exception handler
        self._loaded_with = self.auto_display  # what %load_ext set up: a notebook run again gets it back
        if self.language != messages.language():
            messages.set_language(self.language)

    # -- drawing -------------------------------------------------------------------------

    @property
    def _max_nodes(self) -> int | None:
        return self.max_nodes or None  # 0 means never condense, which draw() spells None

    def draw(self, tensors: Any, **options: Any) -> Any:
        options.setdefault("max_nodes", self._max_nodes)
        return draw(
            tensors,
            names=self.shell.user_ns,
            engine=self.engine,
            timeout=self.timeout,
            language=self.language,
            width=self.width,
            **options,
        )

    def after_backward(self, tensors: tuple) -> None:
        """The engine's listener: show the graph of a backward() that just ran in a cell."""
        if not self.auto_display or steps.recording or self._quiet:
            return
        try:
            self._drawn_this_cell += 1
            if self._drawn_this_cell > self.max_per_cell:
                if not self._told_this_cell:
                    self._told_this_cell = True
                    _say(messages.say("too_many_pictures", count=self.max_per_cell))
                return
            display(self.draw(list(tensors)))
        except Exception as error:  # noqa: BLE001 - a failing picture never breaks the cell
            _say(messages.say("no_picture", reason=f"{type(error).__name__}: {error}"))

    def new_cell(self, info: Any = None) -> None:
        """Before each cell: no picture drawn yet; ``%load_ext autograd_lab`` run again sets drawing back.

        IPython does not load an extension twice, so without this a notebook run again from
        the top in the same kernel (Run All twice) kept an earlier ``%autograd off``: no pictures.
        """
        self._drawn_this_cell = 0
        self._told_this_cell = False
        if _LOAD_AGAIN.search(getattr(info, "raw_cell", None) or ""):
            self.auto_display = self._loaded_with

    # -- the magic -----------------------------------------------------------------------

    @magic_arguments()
    @argument("command", nargs="?", help="on | off | status | show EXPR | step EXPR | save EXPR FILE")
    @argument("words", nargs="*", help="the expression (and the file name, for save)")
    @argument("--full", action="store_true", help="show: draw every node, however many")
    @argument("--no-values", action="store_true", help="show: leave the values out")
    @argument("--no-grads", action="store_true", help="show: leave the gradients out")
    @argument(
        "--modules", choices=("box", "node", "none"), default="box", help="show: modules as boxes or nodes"
    )
    @argument("--by-module", action="store_true", help="step: a whole module at a time")
    @argument("--all", action="store_true", help="%%autograd: draw every tensor the cell assigned")
    @line_cell_magic
    def autograd(self, line: str, cell: str | None = None) -> Any:
        """Pictures of the computation graph.

        %autograd on | off | status
        %autograd show EXPR [--full] [--no-values] [--no-grads] [--modules box|node|none]
        %autograd step EXPR [--by-module]   step through EXPR.backward() node by node
        %autograd save EXPR FILE   FILE ends in .svg, .png, .pdf or .dot
        %%autograd [--all]      run the cell, then draw the last tensor it assigned
        """
        try:
            try:
                args = parse_argstring(self.autograd, line)
            except BaseException as error:  # argparse exits on bad options
                raise AutogradError(f"{_first_line(error)}. {USAGE}") from None
            if cell is not None:
                if args.command is not None or args.words:
                    raise AutogradError(f"%%autograd takes no words, only --all. {USAGE}")
                return self._run_cell(cell, args)
            return self._line(args)
        except AutogradError as error:
            _say(str(error))
        except Exception as error:  # noqa: BLE001 - never a traceback from inside the extension
            _say(f"{type(error).__name__}: {_first_line(error)}")
        return None

    def _line(self, args: Any) -> Any:
        command = args.command or "status"
        if command not in SUBCOMMANDS:
            raise AutogradError(f"unknown command {command!r}. {USAGE}")
        if command in ("on", "off", "status") and args.words:
            raise AutogradError(f"{command} takes no more words, got {' '.join(args.words)!r}. {USAGE}")
        if command in ("on", "off"):
            self.auto_display = command == "on"
            state = messages.say("auto_on") if self.auto_display else messages.say("auto_off")
            print(f"autograd: {state}")
            return None
        if command == "status":
            print(self.status())
            return None
        if command == "save":
            if len(args.words) < 2:
                raise AutogradError("save needs an expression and a file name: %autograd save z graph.svg")
            value = self._evaluate(" ".join(args.words[:-1]))
            path = self.draw(value).save(args.words[-1])
            print(f"autograd: {messages.say('saved', path=path)}")
            return None
        if not args.words:
            raise AutogradError(f"{command} needs an expression, e.g. %autograd {command} z")
        value = self._evaluate(" ".join(args.words))
        if command == "show":
            display(
                self.draw(
                    value,
                    max_nodes=None if args.full else self._max_nodes,
                    show_values=not args.no_values,
                    show_grads=not args.no_grads,
                    modules=args.modules,
                )
            )
            return None
        from .widgets import BackwardStepper

        stepper = BackwardStepper(
            value,
            names=self.shell.user_ns,
            max_nodes=self._max_nodes,
            engine=self.engine,
            language=self.language,
            by="module" if args.by_module else "node",
        )
        display(stepper)
        return None

    def status(self) -> str:
        found = find_engine(self.engine)
        engine = f"{found[0]} ({found[1]})" if found else "none found: pictures fall back to text"
        state = "on" if self.auto_display else "off"
        return (
            f"autograd: drawing after every backward() is {state} "
            f"(at most {self.max_per_cell} per cell); max_nodes {self.max_nodes}; engine {engine}; "
            f"language {self.language}"
        )

    def _evaluate(self, expression: str) -> Any:
        try:
            code = compile(expression, "<autograd>", "eval")
        except SyntaxError as error:
            raise AutogradError(f"cannot read {expression!r}: {error.msg}") from None
        try:
            value = eval(code, self.shell.user_global_ns, self.shell.user_ns)  # noqa: S307 - the user's own expression
        except NameError as error:
            raise AutogradError(f"{error}") from None
        except Exception as error:  # noqa: BLE001
            raise AutogradError(f"{expression} raised {type(error).__name__}: {_first_line(error)}") from None
        if not isinstance(value, Tensor) and not (
            isinstance(value, (list, tuple)) and value and all(isinstance(v, Tensor) for v in value)
        ):
            kind = type(value).__name__
            raise AutogradError(f"{expression} is {'an' if kind[0] in 'aeiou' else 'a'} {kind}, not a tensor")
        return value

    def _run_cell(self, cell: str, args: Any) -> None:
        # The cell's own backward() calls draw nothing: the picture after it shows them.
        self._quiet, outer = True, self._quiet
        try:
            result = self.shell.run_cell(cell, store_history=False)
        finally:
            self._quiet = outer
        if not result.success:
            return
        chosen = []
        for name in _assigned_names(self.shell.transform_cell(cell)):
            value = self.shell.user_ns.get(name)
            if isinstance(value, Tensor) and value.requires_grad and all(value is not c for c in chosen):
                chosen.append(value)
        if not chosen:
            _say(messages.say("nothing_assigned"))
            return
        if args.all:
            with_graph = [t for t in chosen if t.grad_fn is not None]
            display(self.draw(with_graph or chosen))
        else:
            display(self.draw(chosen[-1]))


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _assigned_names(code: str) -> list[str]:
    """Names assigned by ``code``, in source order (later assignments last)."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return []
    found: list[ast.Name] = []

    def targets(node: ast.AST) -> None:
        if isinstance(node, ast.Name):
            found.append(node)
        elif isinstance(node, (ast.Tuple, ast.List)):
            for element in node.elts:
                targets(element)
        elif isinstance(node, ast.Starred):
            targets(node.value)

    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                targets(target)
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign, ast.For, ast.NamedExpr)):
            targets(node.target)
    found.sort(key=lambda name: (name.lineno, name.col_offset))
    return [name.id for name in found]
