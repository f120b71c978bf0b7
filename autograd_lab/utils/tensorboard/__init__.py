"""``torch.utils.tensorboard``: PyTorch's writer of TensorBoard logs needs the ``tensorboard`` package.

As in PyTorch, importing this module without ``tensorboard`` installed raises
``ModuleNotFoundError: No module named 'tensorboard'``.  With it installed,
``SummaryWriter`` is not implemented here: print the numbers, or plot them
with matplotlib.
"""

from __future__ import annotations

import tensorboard  # noqa: F401 - PyTorch's module imports it first, and fails the same way without it

from ... import messages

raise messages.error("tensorboard_not_here")
