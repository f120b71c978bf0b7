"""``torch.nn.attention.bias``: causal masks that ``F.scaled_dot_product_attention`` knows by kind.

``causal_upper_left(L, S)`` is the usual causal mask (``is_causal=True``:
query ``i`` sees keys ``0 … i``); ``causal_lower_right(L, S)`` aligns the
diagonal to the last key instead (query ``i`` sees keys up to ``i + S − L``),
as when new queries follow a cache of ``S − L`` earlier keys.
"""

from __future__ import annotations

import enum
import warnings

from ... import messages
from ..._dtype import bool as bool_
from ...creation import ones
from ...tensor import Tensor
from .. import functional as F

__all__ = ["causal_upper_left", "causal_lower_right", "CausalVariant", "CausalBias"]


class CausalVariant(enum.IntEnum):
    """Which corner a causal mask's diagonal starts from."""

    UPPER_LEFT = 1
    LOWER_RIGHT = 2


class CausalBias(Tensor, torch_module="torch.nn.attention.bias"):
    """A causal mask by kind and size (a tensor, as PyTorch's is), for ``F.scaled_dot_product_attention``.

    Examples
    --------
    >>> from autograd_lab.nn.attention.bias import causal_lower_right
    >>> causal_lower_right(2, 3)
    tensor([[ True,  True, False],
            [ True,  True,  True]])
    """

    __slots__ = ("variant", "seq_len_q", "seq_len_kv")

    def __new__(cls, variant: CausalVariant, seq_len_q: int, seq_len_kv: int) -> CausalBias:
        if not isinstance(variant, CausalVariant):
            raise messages.error("causal_bias_variant", type_name=type(variant).__name__)
        bias = Tensor._wrap(_mask(variant, seq_len_q, seq_len_kv)._array, cls=cls)
        bias.variant, bias.seq_len_q, bias.seq_len_kv = variant, seq_len_q, seq_len_kv
        if seq_len_q > seq_len_kv and variant == CausalVariant.LOWER_RIGHT:
            warnings.warn(messages.text("causal_bias_nans"), UserWarning, stacklevel=2)
        return bias

    def _materialize(self, device: object = None) -> Tensor:
        """The mask as a plain boolean tensor (True: the query sees that key)."""
        return _mask(self.variant, self.seq_len_q, self.seq_len_kv)

    def __repr__(self) -> str:
        return repr(self._materialize())


def _mask(variant: CausalVariant, seq_len_q: int, seq_len_kv: int) -> Tensor:
    shift = 0 if variant == CausalVariant.UPPER_LEFT else seq_len_kv - seq_len_q
    return ones(seq_len_q, seq_len_kv, dtype=bool_).tril(diagonal=shift)


def causal_upper_left(*size: int) -> CausalBias:
    """The causal mask of ``is_causal=True``: query ``i`` sees keys ``0 … i``.

    Examples
    --------
    >>> from autograd_lab.nn.attention.bias import causal_upper_left
    >>> causal_upper_left(2, 3)
    tensor([[ True, False, False],
            [ True,  True, False]])
    """
    if len(size) != 2:
        raise messages.error("causal_bias_size", name="causal_upper_left")
    return CausalBias(CausalVariant.UPPER_LEFT, size[0], size[1])


def causal_lower_right(*size: int) -> CausalBias:
    """The causal mask aligned to the last key: query ``i`` sees keys up to ``i + S − L``."""
    if len(size) != 2:
        raise messages.error("causal_bias_size", name="causal_lower_right")
    return CausalBias(CausalVariant.LOWER_RIGHT, size[0], size[1])


def attention_with(bias: CausalBias, query: Tensor, key: Tensor, value: Tensor, **kwargs: object) -> Tensor:
    """``F.scaled_dot_product_attention`` given a CausalBias, as PyTorch dispatches it on the CPU: the
    upper-left kind (or a square one) is ``is_causal=True``, the lower-right kind its boolean mask."""
    if kwargs.pop("is_causal", False):
        raise messages.error("causal_bias_and_is_causal")
    if bias.seq_len_q == bias.seq_len_kv or bias.variant == CausalVariant.UPPER_LEFT:
        return F.scaled_dot_product_attention(query, key, value, is_causal=True, **kwargs)
    return F.scaled_dot_product_attention(query, key, value, attn_mask=bias._materialize(), **kwargs)
