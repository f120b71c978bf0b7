"""Batch normalisation: ``BatchNorm1d``, ``BatchNorm2d`` (running statistics as buffers) and their lazy forms."""

from __future__ import annotations

from typing import Any

import numpy as np

from ... import _views, creation, messages
from ..._dtype import int64
from ..._grad_mode import no_grad
from ...tensor import Tensor
from .. import functional as F
from .. import init
from ..parameter import Parameter, UninitializedBuffer, UninitializedParameter, is_lazy
from .lazy import LazyModuleMixin
from .linear import _empty
from .module import Module


class _BatchNorm(Module, torch_module="torch.nn.modules.batchnorm"):
    """Normalise each channel with the batch's mean and variance while training, the running ones in eval mode."""

    _expected = ""  # the input dims, in PyTorch's words ("2D or 3D")
    _dims: tuple[int, ...] = ()
    _version = 2  # (PyTorch's: num_batches_tracked came with version 2; state_dict()._metadata shows it)

    def __init__(
        self,
        num_features: int,
        eps: float = 1e-5,
        momentum: float | None = 0.1,
        affine: bool = True,
        track_running_stats: bool = True,
        device: Any = None,
        dtype: Any = None,
        *,
        bias: bool = True,
    ) -> None:
        super().__init__()
        self.num_features = num_features
        self.eps = eps
        self.momentum = momentum
        self.affine = affine
        self.track_running_stats = track_running_stats
        if affine:
            self.weight = Parameter(_empty(num_features, dtype=dtype))
            if bias:
                self.bias = Parameter(_empty(num_features, dtype=dtype))
            else:
                self.register_parameter("bias", None)
        else:
            self.register_parameter("weight", None)
            self.register_parameter("bias", None)
        if track_running_stats:
            self.register_buffer("running_mean", creation.zeros(num_features, dtype=dtype))
            self.register_buffer("running_var", creation.ones(num_features, dtype=dtype))
            self.register_buffer("num_batches_tracked", creation.tensor(0, dtype=int64))
        else:
            for name in ("running_mean", "running_var", "num_batches_tracked"):
                self.register_buffer(name, None)
        self.reset_parameters()

    def reset_running_stats(self) -> None:
        """Running mean 0, running variance 1, no batches seen."""
        if self.track_running_stats:
            init.zeros_(self.running_mean)
            init.ones_(self.running_var)
            _views.write(self.num_batches_tracked, np.zeros((), np.int64))

    def reset_parameters(self) -> None:
        """Weight 1 and bias 0 (no random draws), and the running statistics reset."""
        self.reset_running_stats()
        if self.affine:
            init.ones_(self.weight)
            if self.bias is not None:
                init.zeros_(self.bias)

    def forward(self, input: Tensor) -> Tensor:
        self._check_input_dim(input)
        factor = 0.0 if self.momentum is None else self.momentum
        if self.training and self.track_running_stats and self.num_batches_tracked is not None:
            _views.write(self.num_batches_tracked, self.num_batches_tracked._array + 1)
            if self.momentum is None:  # a cumulative average over the batches seen
                factor = 1.0 / float(self.num_batches_tracked)
        use_batch = self.training or (self.running_mean is None and self.running_var is None)
        keep_running = not self.training or self.track_running_stats
        return F.batch_norm(
            input,
            self.running_mean if keep_running else None,
            self.running_var if keep_running else None,
            self.weight,
            self.bias,
            use_batch,
            factor,
            self.eps,
        )

    def _check_input_dim(self, input: Tensor) -> None:
        if input.dim() not in self._dims:
            raise messages.error("nn_batch_norm_dims", expected=self._expected, ndim=input.dim())

    def _load_from_state_dict(self, state_dict: dict, prefix: str, local_metadata: dict, *rest: Any) -> None:
        """A checkpoint older than version 2 (or a plain dict, which says none) has no ``num_batches_tracked``:
        ours is kept, as PyTorch's layer does."""
        key = prefix + "num_batches_tracked"
        version = local_metadata.get("version")
        if (version is None or version < 2) and self.track_running_stats and key not in state_dict:
            tracked = self.num_batches_tracked
            state_dict[key] = (
                tracked if tracked is not None and not tracked.is_meta else creation.zeros((), dtype=int64)
            )
        super()._load_from_state_dict(state_dict, prefix, local_metadata, *rest)

    def extra_repr(self) -> str:
        return (
            f"{self.num_features}, eps={self.eps}, momentum={self.momentum}, affine={self.affine}, "
            f"bias={self.bias is not None}, track_running_stats={self.track_running_stats}"
        )


class BatchNorm1d(_BatchNorm, torch_module="torch.nn.modules.batchnorm"):
    """Batch normalisation of features (N, C) or sequences (N, C, L).

    Examples
    --------
    >>> from autograd_lab import nn
    >>> nn.BatchNorm1d(10)
    BatchNorm1d(10, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True)
    """

    _expected = "2D or 3D"
    _dims = (2, 3)


class BatchNorm2d(_BatchNorm, torch_module="torch.nn.modules.batchnorm"):
    """Batch normalisation of images (N, C, H, W), one mean and variance per channel.

    Examples
    --------
    >>> from autograd_lab import nn
    >>> nn.BatchNorm2d(16, eps=1e-3, momentum=0.01, affine=False)
    BatchNorm2d(16, eps=0.001, momentum=0.01, affine=False, bias=False, track_running_stats=True)
    """

    _expected = "4D"
    _dims = (4,)


# -- lazy batch normalisation (branch s5_en) -----------------------------------------------------------------


class _LazyBatchNorm(LazyModuleMixin, _BatchNorm, torch_module="torch.nn.modules.batchnorm"):
    """PyTorch's ``_LazyNormBase``: ``num_features`` read from the first input's dim 1."""

    def __init__(
        self,
        eps: float = 1e-5,
        momentum: float | None = 0.1,
        affine: bool = True,
        track_running_stats: bool = True,
        device: Any = None,
        dtype: Any = None,
    ) -> None:
        super().__init__(0, eps, momentum, False, False, device, dtype)
        self.affine = affine
        self.track_running_stats = track_running_stats
        if affine:
            self.weight = UninitializedParameter(device=device, dtype=dtype)
            self.bias = UninitializedParameter(device=device, dtype=dtype)
        if track_running_stats:
            self.running_mean = UninitializedBuffer(device=device, dtype=dtype)
            self.running_var = UninitializedBuffer(device=device, dtype=dtype)
            self.num_batches_tracked = creation.tensor(0, dtype=int64)

    def reset_parameters(self) -> None:
        """Weight 1, bias 0 and fresh running statistics, once they have a shape."""
        if not self.has_uninitialized_params() and self.num_features != 0:
            super().reset_parameters()

    def initialize_parameters(self, input: Tensor) -> None:
        """Read ``num_features`` from ``input``, give the parameters and buffers their shapes and reset them."""
        if self.has_uninitialized_params():
            self.num_features = input.shape[1]
            with no_grad():
                for name in ("weight", "bias", "running_mean", "running_var"):
                    value = getattr(self, name)
                    if is_lazy(value):
                        value.materialize((self.num_features,))
                self.reset_parameters()


class LazyBatchNorm1d(_LazyBatchNorm, torch_module="torch.nn.modules.batchnorm"):
    """A :class:`BatchNorm1d` whose ``num_features`` is read from its first input; it then becomes one.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> norm = nn.LazyBatchNorm1d()
    >>> norm
    LazyBatchNorm1d(0, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True)
    >>> norm(torch.ones(4, 3)).shape, norm
    (torch.Size([4, 3]), BatchNorm1d(3, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True))
    """

    cls_to_become = BatchNorm1d
    _expected = BatchNorm1d._expected
    _dims = BatchNorm1d._dims


class LazyBatchNorm2d(_LazyBatchNorm, torch_module="torch.nn.modules.batchnorm"):
    """A :class:`BatchNorm2d` whose ``num_features`` (channels) is read from its first input; it then becomes one.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> norm = nn.LazyBatchNorm2d()
    >>> norm.running_mean
    <UninitializedBuffer>
    >>> _ = norm(torch.ones(2, 6, 4, 4))
    >>> norm.running_mean
    tensor([0.1000, 0.1000, 0.1000, 0.1000, 0.1000, 0.1000])
    """

    cls_to_become = BatchNorm2d
    _expected = BatchNorm2d._expected
    _dims = BatchNorm2d._dims


# -- 3-d batch normalisation (branch s12_nn3d) --------------------------------------------------------------------


class BatchNorm3d(_BatchNorm, torch_module="torch.nn.modules.batchnorm"):
    """Batch normalisation of volumes (N, C, D, H, W), one mean and variance per channel.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> norm = nn.BatchNorm3d(4)
    >>> norm
    BatchNorm3d(4, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True)
    >>> norm(torch.ones(2, 4, 3, 3, 3)).shape
    torch.Size([2, 4, 3, 3, 3])
    """

    _expected = "5D"
    _dims = (5,)


class LazyBatchNorm3d(_LazyBatchNorm, torch_module="torch.nn.modules.batchnorm"):
    """A :class:`BatchNorm3d` whose ``num_features`` (channels) is read from its first input; it then becomes one.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> norm = nn.LazyBatchNorm3d()
    >>> _ = norm(torch.ones(2, 3, 2, 2, 2))
    >>> norm
    BatchNorm3d(3, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True)
    """

    cls_to_become = BatchNorm3d
    _expected = BatchNorm3d._expected
    _dims = BatchNorm3d._dims


class SyncBatchNorm(_BatchNorm, torch_module="torch.nn.modules.batchnorm"):
    """Batch normalisation whose statistics are shared between the processes of distributed training.

    With one process, as here (no ``torch.distributed`` group), it is batch normalisation of any
    input of two dimensions or more, as PyTorch's is on the CPU.

    Examples
    --------
    >>> from autograd_lab import nn
    >>> nn.SyncBatchNorm.convert_sync_batchnorm(nn.Sequential(nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2)))
    Sequential(
      (0): Conv2d(1, 2, kernel_size=(3, 3), stride=(1, 1))
      (1): SyncBatchNorm(2, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True)
    )
    """

    def __init__(
        self,
        num_features: int,
        eps: float = 1e-5,
        momentum: float | None = 0.1,
        affine: bool = True,
        track_running_stats: bool = True,
        process_group: Any = None,
        device: Any = None,
        dtype: Any = None,
        *,
        bias: bool = True,
    ) -> None:
        super().__init__(num_features, eps, momentum, affine, track_running_stats, device, dtype, bias=bias)
        self.process_group = process_group

    def _check_input_dim(self, input: Tensor) -> None:
        if input.dim() < 2:
            raise messages.error("nn_sync_batch_norm_dims", ndim=input.dim())

    @classmethod
    def convert_sync_batchnorm(cls, module: Module, process_group: Any = None) -> Module:
        """``module`` with every batch norm layer in it replaced by a SyncBatchNorm holding the same parameters
        and running statistics (the module itself if it is one)."""
        converted = module
        if isinstance(module, _BatchNorm) and not isinstance(module, SyncBatchNorm):
            converted = cls(
                module.num_features, module.eps, module.momentum, module.affine, module.track_running_stats,
                process_group, bias=module.bias is not None,
            )  # fmt: skip
            if module.affine:
                with no_grad():
                    converted.weight = module.weight
                    converted.bias = module.bias
            converted.running_mean = module.running_mean
            converted.running_var = module.running_var
            converted.num_batches_tracked = module.num_batches_tracked
            converted.training = module.training
        for name, child in module.named_children():
            converted.add_module(name, cls.convert_sync_batchnorm(child, process_group))
        return converted
