"""``torch.version``: the PyTorch whose API and behaviour autograd_lab follows, and autograd_lab's own release.

Lessons pick an API by ``torch.__version__`` (``if torch.__version__ >= "1.8"``) and print
``torch.version.cuda`` to see whether there is a GPU.  Both answer as the PyTorch this release
follows, built for the CPU.  The label after the ``+`` (where PyTorch's says ``cpu``) is
autograd_lab's own release: pip's version, and what ``autograd-lab --version`` prints.

Examples
--------
>>> import autograd_lab as torch
>>> torch.__version__
'2.13.0+autograd_lab.0.2.0'
>>> torch.__version__ >= "2.0", torch.__version__ >= (2, 13)
(True, True)
>>> print(torch.version.cuda)
None
"""

from __future__ import annotations

from .torch_version import TorchVersion

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
