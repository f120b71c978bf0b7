"""dtypes and Size, spelled and printed as PyTorch spells and prints them.

They print as ``torch.float32`` and ``torch.Size([2, 3])`` on purpose: a
student reading our output should see exactly what PyTorch would show.
"""

from __future__ import annotations

import numpy as np

__all__ = ["dtype", "float32", "float64", "int64", "bool", "Size", "get_default_dtype"]


class dtype:
    """A tensor's element type: a thin name for a NumPy dtype.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.tensor([1.0, 2.0]).dtype
    torch.float32
    """

    __slots__ = ("name", "numpy", "is_floating_point", "legacy_type")

    def __init__(self, name: str, numpy_dtype: type, legacy_type: str) -> None:
        self.name = name
        self.numpy = np.dtype(numpy_dtype)
        self.is_floating_point = self.numpy.kind == "f"
        self.legacy_type = legacy_type  # what .type() and error messages call it

    def __repr__(self) -> str:
        return f"torch.{self.name}"

    def __reduce__(self):
        return self.name  # pickle by module-level name, so identity survives


float32 = dtype("float32", np.float32, "torch.FloatTensor")
float64 = dtype("float64", np.float64, "torch.DoubleTensor")
int64 = dtype("int64", np.int64, "torch.LongTensor")
bool = dtype("bool", np.bool_, "torch.BoolTensor")  # noqa: A001 - PyTorch's name
DTYPES = (float32, float64, int64, bool)
# PyTorch's aliases.
float = float32  # noqa: A001
double = float64
long = int64

_BY_NUMPY = {d.numpy: d for d in (float32, float64, int64, bool)}


def get_default_dtype() -> dtype:
    """The dtype of floating-point tensors made from Python numbers: ``float32``."""
    return float32


def from_numpy_dtype(np_dtype: np.dtype) -> dtype:
    """The dtype for a NumPy dtype; other ints and floats map to int64 and float32."""
    found = _BY_NUMPY.get(np_dtype)
    if found is not None:
        return found
    kind = np.dtype(np_dtype).kind
    if kind in "iu":
        return int64
    if kind == "f":
        return float32
    if kind == "b":
        return bool
    raise TypeError(
        f"can't convert np.ndarray of type numpy.{np.dtype(np_dtype).name}. "
        "The only supported types are: float64, float32, int64 and bool."
    )


class Size(tuple):
    """A tensor's shape: a tuple that prints as ``torch.Size([2, 3])``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(2, 3).shape
    torch.Size([2, 3])
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return f"torch.Size([{', '.join(str(n) for n in self)}])"

    def numel(self) -> int:
        """The number of elements a tensor of this shape holds."""
        count = 1
        for n in self:
            count *= n
        return count
