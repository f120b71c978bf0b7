"""``torch.nn.utils.rnn``: sequences of different lengths, padded into one batch.

``pad_sequence`` is here; packed sequences (``pack_padded_sequence``) are not:
the recurrent layers take padded batches only.
"""

from __future__ import annotations

from collections.abc import Sequence

from ... import messages
from ...creation import full
from ...tensor import Tensor


def pad_sequence(
    sequences: Tensor | Sequence[Tensor],
    batch_first: bool = False,
    padding_value: float = 0.0,
    padding_side: str = "right",
) -> Tensor:
    """Stack sequences of different lengths into one tensor, padded with ``padding_value``.

    The result is (longest length, batch, ...) or, with ``batch_first``,
    (batch, longest length, ...); it has the first sequence's dtype. As in
    PyTorch, it is made full of ``padding_value`` and each sequence is copied
    into its place, so its ``grad_fn`` is ``CopySlices``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.nn.utils.rnn import pad_sequence
    >>> pad_sequence([torch.tensor([1, 2, 3]), torch.tensor([4])], batch_first=True, padding_value=-1)
    tensor([[ 1,  2,  3],
            [ 4, -1, -1]])
    """
    if isinstance(sequences, Tensor):
        sequences = sequences.unbind(0)
    sequences = list(sequences)
    if not sequences:
        raise messages.error("pad_sequence_empty")
    if padding_side not in ("left", "right"):
        raise messages.error("pad_sequence_side", side=padding_side)
    first = sequences[0]
    longest = max(sequence.size(0) for sequence in sequences)
    shape = (len(sequences), longest) if batch_first else (longest, len(sequences))
    out = full((*shape, *first.shape[1:]), padding_value, dtype=first.dtype)
    for index, sequence in enumerate(sequences):
        length = sequence.size(0)
        start = longest - length if padding_side == "left" else 0
        if batch_first:
            out.select(0, index).narrow(0, start, length).copy_(sequence)
        else:
            out.narrow(0, start, length).select(1, index).copy_(sequence)
    return out


__all__ = ["pad_sequence"]
