"""``torch.version``: the PyTorch whose API and behaviour autograd_lab follows, and autograd_lab's own release.

Lessons pick an API by ``torch.__version__`` (``if torch.__version__ >= "1.8"``) and print
``torch.version.cuda`` to see whether there is a GPU.  Both answer as the PyTorch this release
follows, built for the CPU.  The label after the ``+`` (where PyTorch's says ``cpu``) is
autograd_lab's own release: pip's version, and what ``autograd-lab --version`` prints.

``torch.__version__`` is a :class:`TorchVersion`: a string that compares as a version, with
strings, tuples or versions.  A plain string would compare ``"10.0" < "9.0"``.  The order is
PEP 440's, as ``packaging.version`` orders (PyTorch compares with its copy of it): release
numbers, then pre-releases (``a b rc``) before the release, ``.post`` after it, ``.dev`` before
either, and a ``+local`` label after the same version without one.  A string that is no
version compares as a string, as PyTorch's does.

Examples
--------
>>> import autograd_lab as torch
>>> torch.__version__
'2.13.0+autograd_lab.0.2.0'
>>> torch.__version__ >= "2.0", torch.__version__ >= (2, 13)
(True, True)
>>> print(torch.version.cuda)
None
>>> from autograd_lab.version import TorchVersion
>>> TorchVersion("2.13.0") > "2.9", TorchVersion("2.0.0rc1") < "2.0"
(True, True)
"""

from __future__ import annotations

import math
import re
from typing import Any

from ._classname import PyTorchName

_VERSION = r"""\s*v?
    (?:(?P<epoch>\d+)!)?
    (?P<release>\d+(?:\.\d+)*)
    (?:[-_.]?(?P<pre>a|b|c|rc|alpha|beta|pre|preview)[-_.]?(?P<pre_n>\d*))?
    (?:-(?P<post_implicit>\d+)|[-_.]?(?:post|rev|r)[-_.]?(?P<post_n>\d*))?
    (?:[-_.]?dev[-_.]?(?P<dev_n>\d*))?
    (?:\+(?P<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?
    \s*"""  # (compiled when a version is first compared: 0.7 ms that no import should pay)
_PRE = {"a": 0, "alpha": 0, "b": 1, "beta": 1, "c": 2, "rc": 2, "pre": 2, "preview": 2}  # a < b < rc
_BEFORE, _AFTER = (-math.inf, 0), (math.inf, 0)  # (below and above every (label, number) of a part)


class NotAVersionError(ValueError):
    """A string that is no PEP 440 version."""


def version_key(text: str) -> tuple:
    """The sort key of a PEP 440 version (packaging.version's order), or NotAVersionError."""
    found = re.fullmatch(_VERSION, text, re.VERBOSE | re.IGNORECASE)  # (re caches the compiled pattern)
    if found is None:
        raise NotAVersionError(f"Invalid version: {text!r}")
    release = [int(n) for n in found["release"].split(".")]
    while len(release) > 1 and release[-1] == 0:  # 2.0 == 2.0.0
        release.pop()
    post_number = found["post_implicit"] or found["post_n"]
    has_post = found["post_implicit"] is not None or found["post_n"] is not None
    has_dev = found["dev_n"] is not None
    if found["pre"]:
        pre = (_PRE[found["pre"].lower()], int(found["pre_n"] or 0))
    else:  # a dev release of a release comes before its pre-releases; the release itself after them
        pre = _BEFORE if has_dev and not has_post else _AFTER
    post = (int(post_number or 0), 0) if has_post else _BEFORE
    dev = (int(found["dev_n"] or 0), 0) if has_dev else _AFTER
    local = (
        ()
        if found["local"] is None
        else tuple(
            (int(part), "") if part.isdigit() else (-1, part.lower())
            for part in re.split(r"[-_.]", found["local"])
        )
    )
    return (int(found["epoch"] or 0), tuple(release), pre, post, dev, local)


class TorchVersion(str, metaclass=PyTorchName, torch_module="torch.torch_version"):
    """A version string that compares as a version (PyTorch's ``torch.__version__``)."""

    __slots__ = ()

    def _compare(self, other: Any, method: str) -> Any:
        if isinstance(other, str):
            text = other
        elif isinstance(other, (tuple, list)):
            text = ".".join(str(item) for item in other)
        else:
            text = str(other)  # (a packaging Version prints as its version)
        try:
            return getattr(version_key(self), method)(version_key(text))
        except NotAVersionError:
            return getattr(str(self), method)(other)  # (no version: compared as strings, as PyTorch does)

    def __gt__(self, other: Any) -> bool:
        return self._compare(other, "__gt__")

    def __ge__(self, other: Any) -> bool:
        return self._compare(other, "__ge__")

    def __lt__(self, other: Any) -> bool:
        return self._compare(other, "__lt__")

    def __le__(self, other: Any) -> bool:
        return self._compare(other, "__le__")

    def __eq__(self, other: Any) -> bool:
        return self._compare(other, "__eq__")

    __hash__ = str.__hash__  # (!= stays str's, as in PyTorch)


__all__ = ["__version__", "debug", "cuda", "git_version", "hip", "rocm", "xpu"]

release = "0.2.0"
"""autograd_lab's release (pyproject.toml reads it from here)."""

pytorch = "2.13.0"
"""The PyTorch release whose API, printing and numbers this release follows (its ``compare`` extra pins it)."""

__version__ = TorchVersion(f"{pytorch}+autograd_lab.{release}")
debug = False
cuda: str | None = None  # (a CPU build: no CUDA, no ROCm, no XPU)
git_version = "Unknown"  # (as a PyTorch built outside its git checkout says)
hip: str | None = None
rocm: str | None = None
xpu: str | None = None
