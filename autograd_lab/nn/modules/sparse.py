"""``Embedding`` and ``EmbeddingBag``: tables of learnt vectors, looked up by index (word embeddings)."""

from __future__ import annotations

from typing import Any

from ... import _views, messages
from ..._grad_mode import no_grad
from ...tensor import Tensor
from .. import functional as F
from .. import init
from ..parameter import Parameter
from .linear import _empty
from .module import Module


class _Table:
    """What Embedding and EmbeddingBag share: the table drawn from N(0, 1), its padding row zero."""

    weight: Any
    padding_idx: int | None

    def reset_parameters(self) -> None:
        """Draw the table again from N(0, 1), the padding row zero."""
        init.normal_(self.weight)
        self._fill_padding_idx_with_zero()

    def _fill_padding_idx_with_zero(self) -> None:
        if self.padding_idx is not None:
            values = self.weight._array.copy()
            values[self.padding_idx] = 0
            with no_grad():
                _views.write(self.weight, values)


class Embedding(_Table, Module, torch_module="torch.nn.modules.sparse"):
    """A table of ``num_embeddings`` vectors of size ``embedding_dim``; ``layer(indices)`` looks them up.

    After ``torch.manual_seed(s)`` its table is PyTorch's (drawn from N(0, 1)).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> _ = torch.manual_seed(0)
    >>> table = nn.Embedding(3, 2, padding_idx=0)
    >>> table
    Embedding(3, 2, padding_idx=0)
    >>> table(torch.tensor([2, 0]))
    tensor([[-1.0845, -1.3986],
            [ 0.0000,  0.0000]], grad_fn=<EmbeddingBackward0>)
    """

    def __init__(
        self,
        num_embeddings: int,
        embedding_dim: int,
        padding_idx: int | None = None,
        max_norm: float | None = None,
        norm_type: float = 2.0,
        scale_grad_by_freq: bool = False,
        sparse: bool = False,
        _weight: Tensor | None = None,
        _freeze: bool = False,
        device: Any = None,
        dtype: Any = None,
    ) -> None:
        super().__init__()
        self.num_embeddings = num_embeddings
        self.embedding_dim = embedding_dim
        if padding_idx is not None:
            padding_idx = F._padding_index(padding_idx, num_embeddings)
        self.padding_idx = padding_idx
        self.max_norm = max_norm
        self.norm_type = norm_type
        self.scale_grad_by_freq = scale_grad_by_freq
        if _weight is None:
            self.weight = Parameter(
                _empty(num_embeddings, embedding_dim, dtype=dtype), requires_grad=not _freeze
            )
            self.reset_parameters()
        else:
            self.weight = Parameter(_weight, requires_grad=not _freeze)
        self.sparse = sparse

    def forward(self, input: Tensor) -> Tensor:
        return F.embedding(
            input,
            self.weight,
            self.padding_idx,
            self.max_norm,
            self.norm_type,
            self.scale_grad_by_freq,
            self.sparse,
        )

    def extra_repr(self) -> str:
        text = f"{self.num_embeddings}, {self.embedding_dim}"
        if self.padding_idx is not None:
            text += f", padding_idx={self.padding_idx}"
        if self.max_norm is not None:
            text += f", max_norm={self.max_norm}"
        if self.norm_type != 2:
            text += f", norm_type={self.norm_type}"
        if self.scale_grad_by_freq is not False:
            text += f", scale_grad_by_freq={self.scale_grad_by_freq}"
        if self.sparse is not False:
            text += ", sparse=True"
        return text

    @classmethod
    def from_pretrained(
        cls,
        embeddings: Tensor,
        freeze: bool = True,
        padding_idx: int | None = None,
        max_norm: float | None = None,
        norm_type: float = 2.0,
        scale_grad_by_freq: bool = False,
        sparse: bool = False,
    ) -> Embedding:
        """A layer whose table is ``embeddings`` (shared, not copied); ``freeze`` keeps it from learning.

        Examples
        --------
        >>> import autograd_lab as torch
        >>> from autograd_lab import nn
        >>> nn.Embedding.from_pretrained(torch.ones(2, 3))
        Embedding(2, 3)
        """
        if embeddings.dim() != 2:
            raise messages.error("nn_embedding_pretrained_dims")
        rows, cols = embeddings.shape
        return cls(
            num_embeddings=rows,
            embedding_dim=cols,
            _weight=embeddings,
            _freeze=freeze,
            padding_idx=padding_idx,
            max_norm=max_norm,
            norm_type=norm_type,
            scale_grad_by_freq=scale_grad_by_freq,
            sparse=sparse,
        )


# -- EmbeddingBag (branch s10_pool) -----------------------------------------------------------------------------


class EmbeddingBag(_Table, Module, torch_module="torch.nn.modules.sparse"):
    """A table of ``num_embeddings`` vectors; ``layer(indices, offsets)`` gives the sum, mean or max of each bag.

    Faster than :class:`Embedding` followed by a reduction: the rows are
    never made one by one.  After ``torch.manual_seed(s)`` its table is
    PyTorch's (drawn from N(0, 1), the ``padding_idx`` row zero).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> _ = torch.manual_seed(0)
    >>> bag = nn.EmbeddingBag(4, 2, mode="sum")
    >>> bag
    EmbeddingBag(4, 2, mode='sum')
    >>> bag(torch.tensor([0, 1, 3]), torch.tensor([0, 2]))
    tensor([[-0.6378,  0.2750],
            [ 0.4033,  0.8380]], grad_fn=<EmbeddingBagBackward0>)
    """

    def __init__(
        self,
        num_embeddings: int,
        embedding_dim: int,
        max_norm: float | None = None,
        norm_type: float = 2.0,
        scale_grad_by_freq: bool = False,
        mode: str = "mean",
        sparse: bool = False,
        _weight: Tensor | None = None,
        include_last_offset: bool = False,
        padding_idx: int | None = None,
        device: Any = None,
        dtype: Any = None,
    ) -> None:
        super().__init__()
        self.num_embeddings = num_embeddings
        self.embedding_dim = embedding_dim
        self.max_norm = max_norm
        self.norm_type = norm_type
        self.scale_grad_by_freq = scale_grad_by_freq
        if padding_idx is not None:
            if padding_idx >= num_embeddings or padding_idx < -num_embeddings:
                raise messages.error("embedding_bag_module_padding_idx")
            padding_idx %= num_embeddings
        self.padding_idx = padding_idx
        if _weight is None:
            self.weight = Parameter(_empty(num_embeddings, embedding_dim, dtype=dtype))
            self.reset_parameters()
        else:
            if list(_weight.shape) != [num_embeddings, embedding_dim]:
                raise messages.error("embedding_bag_weight_shape")
            self.weight = Parameter(_weight)
        self.mode = mode
        self.sparse = sparse
        self.include_last_offset = include_last_offset

    def forward(
        self, input: Tensor, offsets: Tensor | None = None, per_sample_weights: Tensor | None = None
    ) -> Tensor:
        return F.embedding_bag(
            input,
            self.weight,
            offsets,
            self.max_norm,
            self.norm_type,
            self.scale_grad_by_freq,
            self.mode,
            self.sparse,
            per_sample_weights,
            self.include_last_offset,
            self.padding_idx,
        )

    def extra_repr(self) -> str:
        text = f"{self.num_embeddings}, {self.embedding_dim}"
        if self.max_norm is not None:
            text += f", max_norm={self.max_norm!r}"
        if self.norm_type != 2:
            text += f", norm_type={self.norm_type!r}"
        if self.scale_grad_by_freq is not False:
            text += f", scale_grad_by_freq={self.scale_grad_by_freq!r}"
        text += f", mode={self.mode!r}"
        if self.padding_idx is not None:
            text += f", padding_idx={self.padding_idx!r}"
        return text

    @classmethod
    def from_pretrained(
        cls,
        embeddings: Tensor,
        freeze: bool = True,
        max_norm: float | None = None,
        norm_type: float = 2.0,
        scale_grad_by_freq: bool = False,
        mode: str = "mean",
        sparse: bool = False,
        include_last_offset: bool = False,
        padding_idx: int | None = None,
    ) -> EmbeddingBag:
        """A layer whose table is ``embeddings`` (shared, not copied); ``freeze`` keeps it from learning.

        Examples
        --------
        >>> import autograd_lab as torch
        >>> from autograd_lab import nn
        >>> nn.EmbeddingBag.from_pretrained(torch.ones(2, 3))
        EmbeddingBag(2, 3, mode='mean')
        """
        if embeddings.dim() != 2:
            raise messages.error("nn_embedding_pretrained_dims")
        rows, cols = embeddings.shape
        layer = cls(
            num_embeddings=rows,
            embedding_dim=cols,
            _weight=embeddings,
            max_norm=max_norm,
            norm_type=norm_type,
            scale_grad_by_freq=scale_grad_by_freq,
            mode=mode,
            sparse=sparse,
            include_last_offset=include_last_offset,
            padding_idx=padding_idx,
        )
        layer.weight.requires_grad = not freeze
        return layer
