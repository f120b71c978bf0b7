"""Instance normalisation: ``InstanceNorm1d``, ``2d``, ``3d`` and their lazy forms (PyTorch's ``instancenorm.py``).

Each channel of each example is normalised on its own.  The layers share
batch norm's parameters and buffers (PyTorch's ``_NormBase``), with other
defaults: no affine parameters and no running statistics.
"""

from __future__ import annotations

import warnings
from typing import Any

from ... import messages
from ...tensor import Tensor
from .. import functional as F
from .batchnorm import _BatchNorm, _LazyBatchNorm


class _InstanceNorm(_BatchNorm, torch_module="torch.nn.modules.instancenorm"):
    """Normalise each channel of each example with its own mean and variance (the running ones in eval mode, if kept)."""

    _no_batch_dim = 0  # the input's dims without a batch: 2 for InstanceNorm1d

    def __init__(
        self,
        num_features: int,
        eps: float = 1e-5,
        momentum: float | None = 0.1,
        affine: bool = False,
        track_running_stats: bool = False,
        device: Any = None,
        dtype: Any = None,
        *,
        bias: bool = True,
    ) -> None:
        super().__init__(num_features, eps, momentum, affine, track_running_stats, device, dtype, bias=bias)

    def _apply_instance_norm(self, input: Tensor) -> Tensor:
        return F.instance_norm(
            input,
            self.running_mean,
            self.running_var,
            self.weight,
            self.bias,
            self.training or not self.track_running_stats,
            self.momentum if self.momentum is not None else 0.0,
            self.eps,
        )

    def forward(self, input: Tensor) -> Tensor:
        ndim = input.dim()
        if ndim not in self._dims:
            raise messages.error("nn_instance_norm_dims", expected=self._expected, ndim=ndim)
        feature_dim = ndim - self._no_batch_dim
        if input.size(feature_dim) != self.num_features:
            if self.affine:
                raise messages.error(
                    "nn_instance_norm_features",
                    dim=feature_dim,
                    features=self.num_features,
                    size=input.size(feature_dim),
                )
            warnings.warn(
                messages.text("nn_instance_norm_features_unused", dim=feature_dim), UserWarning, stacklevel=2
            )
        if ndim == self._no_batch_dim:
            return self._apply_instance_norm(input.unsqueeze(0)).squeeze(0)
        return self._apply_instance_norm(input)


class InstanceNorm1d(_InstanceNorm, torch_module="torch.nn.modules.instancenorm"):
    """Instance normalisation of sequences (N, C, L) or one sequence (C, L).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> norm = nn.InstanceNorm1d(2)
    >>> norm
    InstanceNorm1d(2, eps=1e-05, momentum=0.1, affine=False, bias=False, track_running_stats=False)
    >>> norm(torch.tensor([[[1.0, 3.0], [0.0, 4.0]]]))
    tensor([[[-1.0000,  1.0000],
             [-1.0000,  1.0000]]])
    """

    _expected = "2D or 3D"
    _dims = (2, 3)
    _no_batch_dim = 2


class InstanceNorm2d(_InstanceNorm, torch_module="torch.nn.modules.instancenorm"):
    """Instance normalisation of images (N, C, H, W) or one image (C, H, W).

    Examples
    --------
    >>> from autograd_lab import nn
    >>> nn.InstanceNorm2d(3, affine=True)
    InstanceNorm2d(3, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=False)
    """

    _expected = "3D or 4D"
    _dims = (3, 4)
    _no_batch_dim = 3


class InstanceNorm3d(_InstanceNorm, torch_module="torch.nn.modules.instancenorm"):
    """Instance normalisation of volumes (N, C, D, H, W) or one volume (C, D, H, W).

    Examples
    --------
    >>> from autograd_lab import nn
    >>> nn.InstanceNorm3d(4, track_running_stats=True)
    InstanceNorm3d(4, eps=1e-05, momentum=0.1, affine=False, bias=False, track_running_stats=True)
    """

    _expected = "4D or 5D"
    _dims = (4, 5)
    _no_batch_dim = 4


class _LazyInstanceNorm(_LazyBatchNorm, _InstanceNorm, torch_module="torch.nn.modules.instancenorm"):
    """PyTorch's ``_LazyNormBase`` with an instance norm: ``num_features`` read from the first input's dim 1.

    As in PyTorch, the lazy forms default to ``affine=True`` and
    ``track_running_stats=True`` (those of ``_LazyNormBase``).
    """


class LazyInstanceNorm1d(_LazyInstanceNorm, torch_module="torch.nn.modules.instancenorm"):
    """An :class:`InstanceNorm1d` whose ``num_features`` is read from its first input; it then becomes one.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> norm = nn.LazyInstanceNorm1d()
    >>> _ = norm(torch.ones(2, 3, 4))
    >>> norm
    InstanceNorm1d(3, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True)
    """

    cls_to_become = InstanceNorm1d
    _expected = InstanceNorm1d._expected
    _dims = InstanceNorm1d._dims
    _no_batch_dim = InstanceNorm1d._no_batch_dim


class LazyInstanceNorm2d(_LazyInstanceNorm, torch_module="torch.nn.modules.instancenorm"):
    """An :class:`InstanceNorm2d` whose ``num_features`` (channels) is read from its first input; it then becomes one.

    Examples
    --------
    >>> from autograd_lab import nn
    >>> nn.LazyInstanceNorm2d()
    LazyInstanceNorm2d(0, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True)
    """

    cls_to_become = InstanceNorm2d
    _expected = InstanceNorm2d._expected
    _dims = InstanceNorm2d._dims
    _no_batch_dim = InstanceNorm2d._no_batch_dim


class LazyInstanceNorm3d(_LazyInstanceNorm, torch_module="torch.nn.modules.instancenorm"):
    """An :class:`InstanceNorm3d` whose ``num_features`` (channels) is read from its first input; it then becomes one.

    Examples
    --------
    >>> from autograd_lab import nn
    >>> nn.LazyInstanceNorm3d(affine=False)
    LazyInstanceNorm3d(0, eps=1e-05, momentum=0.1, affine=False, bias=False, track_running_stats=True)
    """

    cls_to_become = InstanceNorm3d
    _expected = InstanceNorm3d._expected
    _dims = InstanceNorm3d._dims
    _no_batch_dim = InstanceNorm3d._no_batch_dim
