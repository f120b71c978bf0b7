"""``torch.nn.utils.rnn``: sequences of different lengths, padded into one batch or packed.

A padded batch (T, B, *) holds every sequence in a column, the short ones
padded up to the longest.  Packing keeps only the real steps, read step by
step: first the step 0 of every sequence, then the step 1 of those still
running, and so on; ``batch_sizes[t]`` is how many sequences have a step
``t``, so the sequences must be sorted longest first (``enforce_sorted=False``
sorts them and remembers the order in ``sorted_indices``).  ``nn.RNN``,
``nn.LSTM`` and ``nn.GRU`` take a :class:`PackedSequence` and run each
sequence only over its own steps.

The algorithms are ATen's (``aten/src/ATen/native/PackedSequence.cpp``):
packing is one node, ``PackPaddedSequenceBackward0``; padding back is a tensor
full of ``padding_value`` with each run of equal batch sizes copied in
(``CopySlices``), then put back in the original order (``IndexSelectBackward0``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np

from ... import messages
from ..._classname import PyTorchName
from ..._dtype import float16, float32, float64, int8, int16, int32, int64, uint8
from ...creation import arange, as_tensor, empty_like, full, tensor
from ...ops.nn import pack_padded_sequence_op
from ...ops.sorting import sort
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


# -- PackedSequence ----------------------------------------------------------------------------------


class PackedSequence_(NamedTuple):
    data: Tensor
    batch_sizes: Tensor
    sorted_indices: Tensor | None
    unsorted_indices: Tensor | None


def _bind(optional: Tensor | None, function: Any) -> Tensor | None:
    return None if optional is None else function(optional)


class PackedSequence(PackedSequence_, metaclass=PyTorchName, torch_module="torch.nn.utils.rnn"):
    """The steps of a batch of sequences, packed: ``data``, ``batch_sizes`` and the order of the sequences.

    ``data`` holds every real step (no padding), step 0 of every sequence
    first, then step 1 of those that have one, and so on; ``batch_sizes[t]``
    is how many sequences have a step ``t``.  ``sorted_indices`` (when the
    sequences were sorted by the packing) says which sequence of the batch
    is at each place, ``unsorted_indices`` puts them back.  Make one with
    :func:`pack_padded_sequence` or :func:`pack_sequence`, not by hand.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.nn.utils.rnn import pack_sequence
    >>> packed = pack_sequence([torch.tensor([1, 2, 3]), torch.tensor([4, 5]), torch.tensor([6])])
    >>> packed
    PackedSequence(data=tensor([1, 4, 6, 2, 5, 3]), batch_sizes=tensor([3, 2, 1]), sorted_indices=None, unsorted_indices=None)
    >>> packed.data.dtype, packed.float().data.dtype
    (torch.int64, torch.float32)
    """

    def __new__(
        cls,
        data: Tensor,
        batch_sizes: Tensor | None = None,
        sorted_indices: Tensor | None = None,
        unsorted_indices: Tensor | None = None,
    ) -> PackedSequence:
        return super().__new__(
            cls, *_packed_sequence_init_args(data, batch_sizes, sorted_indices, unsorted_indices)
        )

    def pin_memory(self) -> PackedSequence:
        """The same sequences with ``data`` (and the indices) in pinned memory; ``batch_sizes`` stays."""
        return type(self)(
            self.data.pin_memory(),
            self.batch_sizes,
            _bind(self.sorted_indices, lambda t: t.pin_memory()),
            _bind(self.unsorted_indices, lambda t: t.pin_memory()),
        )

    def to(self, *args: Any, **kwargs: Any) -> PackedSequence:
        """``data`` converted as ``Tensor.to`` converts it (``self`` if nothing changes); ``batch_sizes`` stays."""
        data = self.data.to(*args, **kwargs)
        if data is self.data:
            return self
        sorted_indices = _bind(self.sorted_indices, lambda t: t.to(data.device))
        unsorted_indices = _bind(self.unsorted_indices, lambda t: t.to(data.device))
        return type(self)(data, self.batch_sizes, sorted_indices, unsorted_indices)

    def cuda(self, *args: Any, **kwargs: Any) -> PackedSequence:
        """``data`` on the GPU (refused, as in a CPU build of PyTorch)."""
        example = tensor((), dtype=self.data.dtype, device=self.data.device).to(*args, **kwargs)
        if example.is_cuda:
            return self.to(*args, **kwargs)
        kwargs["device"] = "cuda"
        return self.to(*args, **kwargs)

    def cpu(self, *args: Any, **kwargs: Any) -> PackedSequence:
        """``data`` on the CPU (``self``: it is there already)."""
        example = tensor((), dtype=self.data.dtype, device=self.data.device).to(*args, **kwargs)
        if example.device.type == "cpu":
            return self.to(*args, **kwargs)
        kwargs["device"] = "cpu"
        return self.to(*args, **kwargs)

    def double(self) -> PackedSequence:
        """``data`` as float64."""
        return self.to(dtype=float64)

    def float(self) -> PackedSequence:
        """``data`` as float32."""
        return self.to(dtype=float32)

    def half(self) -> PackedSequence:
        """``data`` as float16."""
        return self.to(dtype=float16)

    def long(self) -> PackedSequence:
        """``data`` as int64."""
        return self.to(dtype=int64)

    def int(self) -> PackedSequence:
        """``data`` as int32."""
        return self.to(dtype=int32)

    def short(self) -> PackedSequence:
        """``data`` as int16."""
        return self.to(dtype=int16)

    def char(self) -> PackedSequence:
        """``data`` as int8."""
        return self.to(dtype=int8)

    def byte(self) -> PackedSequence:
        """``data`` as uint8."""
        return self.to(dtype=uint8)

    @property
    def is_cuda(self) -> bool:
        """Whether ``data`` is on a GPU (never, here)."""
        return self.data.is_cuda

    def is_pinned(self) -> bool:
        """Whether ``data`` is in pinned memory."""
        return self.data.is_pinned()


def _packed_sequence_init_args(
    data: Any,
    batch_sizes: Tensor | None = None,
    sorted_indices: Tensor | None = None,
    unsorted_indices: Tensor | None = None,
) -> tuple[Tensor, Tensor, Tensor | None, Tensor | None]:
    """PackedSequence's four fields: ``unsorted_indices`` inverts ``sorted_indices`` unless given."""
    if unsorted_indices is None:
        unsorted_indices = invert_permutation(sorted_indices)
    if batch_sizes is not None:
        if batch_sizes.device.type != "cpu":
            raise messages.error("packed_batch_sizes_device")
        return data, batch_sizes, sorted_indices, unsorted_indices
    if not (isinstance(data, (list, tuple)) and len(data) == 2):
        raise messages.error("packed_data_pair")
    return data[0], data[1], sorted_indices, unsorted_indices


def invert_permutation(permutation: Tensor | None) -> Tensor | None:
    """The permutation that undoes ``permutation`` (``None`` stays ``None``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.nn.utils.rnn import invert_permutation
    >>> invert_permutation(torch.tensor([2, 0, 1]))
    tensor([1, 2, 0])
    """
    if permutation is None:
        return None
    output = empty_like(permutation)
    output.scatter_(0, permutation, arange(0, permutation.numel()))
    return output


# -- packing and padding back (ATen's _pack_padded_sequence and _pad_packed_sequence) -----------------


def _scalar_type(tensor: Tensor) -> str:
    """PyTorch's name of a dtype in its messages: ``Long``, ``Float`` ..."""
    return tensor.type().removeprefix("torch.").removesuffix("Tensor")


def _check_long(lengths: Tensor) -> None:
    if lengths.dim() != 1 or lengths.dtype != int64:
        raise messages.error("pack_lengths_type", ndim=lengths.dim(), kind=_scalar_type(lengths))


def _pack_padded(input: Tensor, lengths: Tensor, batch_first: bool) -> tuple[Tensor, Tensor]:
    """ATen's ``_pack_padded_sequence``: the packed rows and the batch sizes, from sorted ``lengths``."""
    if input.numel() == 0:
        raise messages.error("pack_empty")
    if batch_first:
        input.transpose(0, 1)  # PyTorch's check of the dimensions, in its order
    _check_long(lengths)
    batch = input.size(0 if batch_first else 1)
    steps = input.size(1 if batch_first else 0)
    sizes = [int(n) for n in lengths._array]
    if len(sizes) != batch:
        raise messages.error("pack_lengths_batch", got=len(sizes), batch=batch)
    if sizes[-1] <= 0:
        raise messages.error("pack_lengths_positive")
    if any(longer > shorter for shorter, longer in zip(sizes, sizes[1:], strict=False)):
        raise messages.error("pack_lengths_unsorted")
    # From the shortest sequence to the longest: each time the length grows, the block of steps
    # [previous, length) of the sequences at least that long is read, step by step (a block past
    # the input's last step reads what there is, as ATen's slice does).
    times: list[np.ndarray] = []
    batches: list[np.ndarray] = []
    batch_sizes: list[int] = []
    previous = 0
    for i in range(batch):
        length = sizes[batch - 1 - i]
        if length > previous:
            running = batch - i
            block = np.arange(previous, min(length, steps))
            times.append(np.repeat(block, running))
            batches.append(np.tile(np.arange(running), len(block)))
            batch_sizes.extend([running] * (length - previous))
            previous = length
    data = pack_padded_sequence_op(
        input, times=np.concatenate(times), batches=np.concatenate(batches), batch_first=batch_first
    )
    return data, tensor(batch_sizes, dtype=int64)


def pack_padded_sequence(
    input: Tensor,
    lengths: Tensor | list[int],
    batch_first: bool = False,
    enforce_sorted: bool = True,
) -> PackedSequence:
    """Pack a padded batch (T, B, *) (``batch_first``: (B, T, *)) of sequences of the given ``lengths``.

    Only the real steps are kept, step by step: ``data`` is (sum of lengths,
    *), and ``batch_sizes[t]`` counts the sequences with a step ``t``.  With
    ``enforce_sorted=True`` the lengths must be in decreasing order; with
    ``False`` the batch is sorted first, and :func:`pad_packed_sequence`
    puts it back in its order.  ``lengths`` is a list or a CPU int64 tensor.
    The gradient flows back to the padded input (zeros at the padding).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.nn.utils.rnn import pack_padded_sequence
    >>> padded = torch.tensor([[1, 2, 0], [3, 0, 0], [4, 5, 6]])
    >>> pack_padded_sequence(padded, [2, 1, 3], batch_first=True, enforce_sorted=False)
    PackedSequence(data=tensor([4, 1, 3, 5, 2, 6]), batch_sizes=tensor([3, 2, 1]), sorted_indices=tensor([2, 0, 1]), unsorted_indices=tensor([1, 2, 0]))
    """
    if not isinstance(lengths, Tensor):
        lengths = as_tensor(lengths, dtype=int64, device="cpu")
    else:
        lengths = lengths.to(dtype=int64)
    sorted_indices = None
    if not enforce_sorted:
        lengths, sorted_indices = sort(lengths, descending=True)
        input = input.index_select(0 if batch_first else 1, sorted_indices)
    data, batch_sizes = _pack_padded(input, lengths, batch_first)
    return PackedSequence(data, batch_sizes, sorted_indices, None)


def _pad_packed(
    data: Tensor, batch_sizes: Tensor, batch_first: bool, padding_value: float, total_length: int
) -> tuple[Tensor, Tensor]:
    """ATen's ``_pad_packed_sequence``: a tensor full of ``padding_value``, each run of equal batch sizes copied in."""
    _check_long(batch_sizes)
    sizes = [int(n) for n in batch_sizes._array]
    widest, steps = sizes[0], len(sizes)
    if total_length < steps:
        raise messages.error("pad_packed_total_length", total_length=total_length, longest=steps)
    trailing = tuple(data.shape[1:])
    output = full((total_length, widest, *trailing), padding_value, dtype=data.dtype)
    lengths = np.empty(widest, dtype=np.int64)
    offset, previous_size, previous_step = 0, widest, 0
    for step in range(steps + 1):
        size = sizes[step] if step != steps else 0
        if size != previous_size:
            count = previous_size * (step - previous_step)
            rows = data.narrow(0, offset, count).view(step - previous_step, previous_size, *trailing)
            output.narrow(0, previous_step, step - previous_step).narrow(1, 0, previous_size).copy_(rows)
            offset += count
            previous_step = step
        lengths[size:previous_size] = step  # the sequences that ended here
        previous_size = size
    if batch_first:
        output = output.transpose(0, 1)
    return output, tensor(lengths, dtype=int64)


def pad_packed_sequence(
    sequence: PackedSequence,
    batch_first: bool = False,
    padding_value: float = 0.0,
    total_length: int | None = None,
) -> tuple[Tensor, Tensor]:
    """Pad a packed batch back: (T, B, *) (``batch_first``: (B, T, *)) and the lengths, in the original order.

    ``T`` is the longest length, or ``total_length`` when given (it may not
    be shorter); the padding is ``padding_value``.  The inverse of
    :func:`pack_padded_sequence`; gradients flow back to ``sequence.data``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence
    >>> padded = torch.tensor([[1, 2, 0], [3, 0, 0], [4, 5, 6]])
    >>> packed = pack_padded_sequence(padded, [2, 1, 3], batch_first=True, enforce_sorted=False)
    >>> unpacked, lengths = pad_packed_sequence(packed, batch_first=True)
    >>> unpacked
    tensor([[1, 2, 0],
            [3, 0, 0],
            [4, 5, 6]])
    >>> lengths
    tensor([2, 1, 3])
    """
    longest = sequence.batch_sizes.size(0)
    if total_length is not None:
        if total_length < longest:
            raise messages.error("pad_packed_total_length", total_length=total_length, longest=longest)
        longest = total_length
    padded, lengths = _pad_packed(sequence.data, sequence.batch_sizes, batch_first, padding_value, longest)
    unsorted_indices = sequence.unsorted_indices
    if unsorted_indices is not None:
        padded = padded.index_select(0 if batch_first else 1, unsorted_indices)
        return padded, lengths[unsorted_indices.cpu()]
    return padded, lengths


def unpad_sequence(padded_sequences: Tensor, lengths: Tensor, batch_first: bool = False) -> list[Tensor]:
    """The sequences of a padded batch, each cut to its length.

    As in PyTorch, a (T, B, *) batch (``batch_first=False``) is transposed
    in place to (B, T, *) first.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.nn.utils.rnn import pad_sequence, unpad_sequence
    >>> padded = pad_sequence([torch.tensor([1, 2, 3]), torch.tensor([4])], batch_first=True)
    >>> unpad_sequence(padded, torch.tensor([3, 1]), batch_first=True)
    [tensor([1, 2, 3]), tensor([4])]
    """
    unpadded = []
    if not batch_first:
        padded_sequences.transpose_(0, 1)
    steps = arange(padded_sequences.shape[1])
    for sequence, length in zip(padded_sequences, lengths, strict=True):
        unpadded.append(sequence[steps < length])
    return unpadded


def pack_sequence(sequences: list[Tensor], enforce_sorted: bool = True) -> PackedSequence:
    """Pack a list of sequences (L, *) of different lengths: :func:`pad_sequence` then :func:`pack_padded_sequence`.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.nn.utils.rnn import pack_sequence
    >>> pack_sequence([torch.tensor([1, 2]), torch.tensor([3, 4, 5])], enforce_sorted=False)
    PackedSequence(data=tensor([3, 1, 4, 2, 5]), batch_sizes=tensor([2, 2, 1]), sorted_indices=tensor([1, 0]), unsorted_indices=tensor([1, 0]))
    """
    lengths = as_tensor([sequence.size(0) for sequence in sequences])
    return pack_padded_sequence(pad_sequence(sequences), lengths, enforce_sorted=enforce_sorted)


def unpack_sequence(packed_sequences: PackedSequence) -> list[Tensor]:
    """The sequences of a packed batch, as a list of tensors (L, *) in the original order.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.nn.utils.rnn import pack_sequence, unpack_sequence
    >>> unpack_sequence(pack_sequence([torch.tensor([1, 2, 3]), torch.tensor([4, 5])]))
    [tensor([1, 2, 3]), tensor([4, 5])]
    """
    padded, lengths = pad_packed_sequence(packed_sequences, batch_first=True)
    return unpad_sequence(padded, lengths, batch_first=True)


__all__ = [
    "PackedSequence", "invert_permutation", "pack_padded_sequence", "pad_packed_sequence",
    "pad_sequence", "unpad_sequence", "pack_sequence", "unpack_sequence",
]  # fmt: skip
