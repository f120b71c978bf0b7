"""``torch.utils.deterministic``: ``fill_uninitialized_memory``, the switch PyTorch reads when
``torch.use_deterministic_algorithms(True)`` is on (``torch.empty`` then fills its memory).

Here ``torch.empty`` gives zeros, and, with both on, PyTorch's fill: NaN in floats, the largest
value in integers.

Examples
--------
>>> import autograd_lab as torch
>>> torch.utils.deterministic.fill_uninitialized_memory
True
"""

from __future__ import annotations

fill_uninitialized_memory = True
