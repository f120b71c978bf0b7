"""The ``autograd-lab`` command: copies the lessons that come with the package out for a class.

``pip install "autograd_lab[lab]"`` followed by ``autograd-lab lessons DIR``
is a teacher's whole set-up: DIR gets the nine notebooks of one language,
ready for ``jupyter lab DIR``, or with ``--lang all`` both languages and
the lesson sources (``source/``, ``build.py``) to change and rebuild them.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> from autograd_lab.cli import main
>>> folder = Path(tempfile.mkdtemp()) / "class"
>>> main(["lessons", str(folder), "--lang", "zh", "--quiet"])
0
>>> sorted(path.name for path in folder.iterdir())[0]
'01_autograd_basics.ipynb'
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from .version import release

LANGUAGES = ("en", "zh")
# What a teacher gets with --lang all, besides the notebooks of both languages.
SOURCES = ("source", "build.py", "README.md")


def lessons_folder() -> Path:
    """Where the lessons are: inside the installed package, or in the source checkout beside it."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "lessons", package.parent / "lessons"):
        if (candidate / "en").is_dir():
            return candidate
    raise FileNotFoundError(
        f"no lessons next to {package}: reinstall with pip install autograd_lab (the wheel carries them)"
    )


def copy_lessons(target: Path, lang: str = "en", force: bool = False) -> list[Path]:
    """Copy the lessons of ``lang`` ("en", "zh" or "all") into ``target``; return the paths written.

    One language: its notebooks side by side in ``target``.  ``all``: the
    folder as it is in the project (``en/``, ``zh/``, ``source/``, ``build.py``,
    ``README.md``).  Existing files are kept unless ``force`` is true.
    """
    lessons = lessons_folder()
    if lang == "all":
        pairs = [(lessons / name, target / name) for name in (*LANGUAGES, *SOURCES)]
    elif lang in LANGUAGES:
        pairs = [(path, target / path.name) for path in sorted((lessons / lang).glob("*.ipynb"))]
    else:
        raise ValueError(f"unknown language {lang!r}: choose en, zh or all")
    files = [(s, d) for source, dest in pairs for s, d in _files(source, dest)]
    existing = [dest for _, dest in files if dest.exists()]
    if existing and not force:
        raise FileExistsError(
            f"{existing[0]} exists ({len(existing)} of the files would be replaced): "
            "choose an empty folder, or pass --force to overwrite"
        )
    for source, dest in files:
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, dest)
    return [dest for _, dest in files]


def _files(source: Path, dest: Path) -> list[tuple[Path, Path]]:
    """Every file under ``source`` (or ``source`` itself) with where it goes; caches left out."""
    if source.is_file():
        return [(source, dest)]
    return [
        (path, dest / path.relative_to(source))
        for path in sorted(source.rglob("*"))
        if path.is_file() and not {"__pycache__", ".ipynb_checkpoints"} & set(path.parts)
    ]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="autograd-lab",
        description="autograd_lab's lessons, for a class: copy them out of the installed package.",
    )
    parser.add_argument("--version", action="version", version=f"autograd_lab {release}")
    commands = parser.add_subparsers(dest="command", required=True)
    lessons = commands.add_parser("lessons", help="copy the lesson notebooks into a folder")
    lessons.add_argument("folder", type=Path, help="where to put them (made if missing)")
    lessons.add_argument(
        "--lang",
        choices=(*LANGUAGES, "all"),
        default="en",
        help="English (en, the default), Chinese (zh), or both with the lesson sources (all)",
    )
    lessons.add_argument("--force", action="store_true", help="overwrite files that are already there")
    lessons.add_argument("--quiet", action="store_true", help="print nothing on success")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line ``autograd-lab ARGS``; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        written = copy_lessons(args.folder, args.lang, args.force)
    except (FileExistsError, FileNotFoundError) as error:
        print(f"autograd-lab: {error}", file=sys.stderr)
        return 1
    if not args.quiet:
        notebooks = sum(path.suffix == ".ipynb" for path in written)
        print(f"Copied {notebooks} lesson notebooks ({len(written)} files) into {args.folder}")
        print(f'Open them with: jupyter lab "{args.folder}"   (needs pip install "autograd_lab[lab]")')
    return 0


if __name__ == "__main__":  # pragma: no cover - python -m autograd_lab.cli
    sys.exit(main())
