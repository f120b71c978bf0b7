"""``torch.backends.cuda``: autograd_lab is not built with CUDA."""

from __future__ import annotations

from .._info import _matmul_precision


def is_built() -> bool:
    """Whether this build supports CUDA: no."""
    return False


class _MatmulSwitches:
    """``torch.backends.cuda.matmul``: cuBLAS's precision switches, which course code sets (they change nothing
    here). ``allow_tf32`` and ``fp32_precision`` follow ``torch.set_float32_matmul_precision``, as in PyTorch."""

    def __init__(self) -> None:
        self.allow_fp16_reduced_precision_reduction = True
        self.allow_bf16_reduced_precision_reduction = True

    @property
    def fp32_precision(self) -> str:
        return _matmul_precision["fp32"]

    @fp32_precision.setter
    def fp32_precision(self, value: str) -> None:
        _matmul_precision["fp32"] = value

    @property
    def allow_tf32(self) -> bool:
        return _matmul_precision["fp32"] == "tf32"

    @allow_tf32.setter
    def allow_tf32(self, value: bool) -> None:
        _matmul_precision["fp32"] = "tf32" if value else "ieee"

    def __repr__(self) -> str:
        return "<torch.backends.cuda.cuBLASModule object>"


matmul = _MatmulSwitches()
