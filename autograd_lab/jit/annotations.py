"""``torch.jit.annotations``: the typing names TorchScript code imports from it (``from torch.jit.annotations
import List, Tuple``, as in torchvision's detection models).

Examples
--------
>>> from autograd_lab.jit.annotations import List, Tuple
>>> List[int], Tuple[int, int]
(typing.List[int], typing.Tuple[int, int])
"""

from typing import Any, Dict, List, Optional, Tuple, Union  # noqa: UP035 (the names TorchScript code imports)

__all__ = ["Any", "Dict", "List", "Optional", "Tuple", "Union"]
