"""``torch.linalg``: norms, products and the decompositions of a matrix.

``torch.linalg.norm`` and ``vector_norm`` are the op table's vector norm
(``ops/norms.py``, recorded as ``LinalgVectorNormBackward0``);
``matrix_norm`` computes the Frobenius norm; ``cross`` is
``ops/linalg.py``'s cross product.

Examples
--------
>>> import autograd_lab as torch
>>> torch.linalg.norm(torch.tensor([3.0, 4.0]))
tensor(5.)
"""

from __future__ import annotations

from .ops.linalg import linalg_cross_function as cross
from .ops.norms import linalg_norm as norm
from .ops.norms import matrix_norm, vector_norm

__all__ = ["norm", "vector_norm", "matrix_norm", "cross"]
