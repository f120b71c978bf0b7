"""``torch.backends.cuda``: autograd_lab is not built with CUDA."""

from __future__ import annotations


def is_built() -> bool:
    """Whether this build supports CUDA: no."""
    return False


class _MatmulSwitches:
    """``torch.backends.cuda.matmul``: cuBLAS's precision switches, which course code sets (they change nothing here)."""

    def __init__(self) -> None:
        self.allow_tf32 = False
        self.allow_fp16_reduced_precision_reduction = True
        self.allow_bf16_reduced_precision_reduction = True
        self.fp32_precision = "none"

    def __repr__(self) -> str:
        return "<torch.backends.cuda.cuBLASModule object>"


matmul = _MatmulSwitches()
