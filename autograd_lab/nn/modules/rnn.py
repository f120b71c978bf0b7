"""Recurrent layers: ``RNN``, ``LSTM``, ``GRU`` and their one-step cells ``RNNCell``, ``LSTMCell``, ``GRUCell``.

Each step is PyTorch's CPU cell (``aten/src/ATen/native/RNN.cpp``) written
with the library's differentiable ops, in PyTorch's order:

- RNN:  ``h' = tanh(x W_ihᵀ + b_ih + h W_hhᵀ + b_hh)`` (or ``relu``);
- LSTM: gates ``i, f, g, o`` (in that order in the weights),
  ``c' = σ(f)·c + σ(i)·tanh(g)``, ``h' = σ(o)·tanh(c')`` (then ``h' W_hrᵀ``
  with ``proj_size``);
- GRU:  gates ``r, z, n``: ``r = σ(x_r + h_r)``, ``z = σ(x_z + h_z)``,
  ``n = tanh(x_n + r·h_n)``, ``h' = (h − n)·z + n``.

A layer multiplies the whole sequence by ``W_ih`` first, then runs the
cell step by step and stacks the outputs; a reverse direction runs from the
last step back and its outputs are concatenated after the forward ones;
dropout (when training) goes between layers.  The values and gradients are
PyTorch's; the inner nodes of the graph are the ops used here (``SplitBackward0``
where PyTorch's fused code records ``UnsafeSplitBackward0``); a float32
``LSTM`` layer, one ``MkldnnRnnLayerBackward0`` node in PyTorch, ends with a
node of that name over the ops that compute it.

A :class:`~autograd_lab.nn.utils.rnn.PackedSequence` input runs as ATen's
``PackedLayer``: at each step only the sequences that have that step run,
the output is packed the same way, and the final state of each sequence is
its state after its own last step (given back in the batch's order).

After ``torch.manual_seed(s)`` the weights are PyTorch's: every parameter,
in registration order, uniform in ±1/√hidden_size.
"""

from __future__ import annotations

import math
import numbers
import warnings
from typing import Any

from ... import creation, messages
from ..._dtype import float32
from ...ops.elementwise import relu, sigmoid, tanh
from ...ops.linalg import matmul
from ...ops.nn import lstm_cell_output, lstm_cell_state, mkldnn_rnn_layer
from ...ops.shape import cat, stack, t, transpose, unbind
from ...tensor import Tensor
from .. import functional as F
from .. import init
from ..parameter import Parameter
from ..utils.rnn import PackedSequence
from .module import Module

_GATES = {"LSTM": 4, "GRU": 3, "RNN_TANH": 1, "RNN_RELU": 1}


# -- one step of each cell ---------------------------------------------------------------------------


def _linear(input: Tensor, weight: Tensor, bias: Tensor | None) -> Tensor:
    return F.linear(input, weight, bias)


def _simple_step(nonlinearity: Any) -> Any:
    def step(x_gates: Tensor, hidden: Tensor, w_hh: Tensor, b_hh: Tensor | None, w_hr: Any = None) -> Tensor:
        """h' = φ(h W_hhᵀ + b_hh + (x W_ihᵀ + b_ih))."""
        return nonlinearity(_linear(hidden, w_hh, b_hh) + x_gates)

    return step


def _lstm_step(
    x_gates: Tensor,
    hidden: tuple[Tensor, Tensor],
    w_hh: Tensor,
    b_hh: Tensor | None,
    w_hr: Tensor | None = None,
) -> tuple[Tensor, Tensor]:
    """c' = σ(f)·c + σ(i)·tanh(g), h' = σ(o)·tanh(c') (times W_hrᵀ with a projection)."""
    hx, cx = hidden
    gates = _linear(hx, w_hh, b_hh) + x_gates
    ingate, forgetgate, cellgate, outgate = gates.chunk(4, 1)
    cy = sigmoid(forgetgate) * cx + sigmoid(ingate) * tanh(cellgate)
    hy = sigmoid(outgate) * tanh(cy)
    if w_hr is not None:
        hy = matmul(hy, t(w_hr))
    return hy, cy


def _fused_lstm_step(
    x_gates: Tensor, hidden: tuple[Tensor, Tensor], w_hh: Tensor, b_hh: Tensor | None, w_hr: Any = None
) -> tuple[Tensor, Tensor]:
    """_lstm_step in two recorded ops after the product (a float32 layer: PyTorch shows one node for it all)."""
    hx, cx = hidden
    gates = _linear(hx, w_hh, b_hh) + x_gates
    cy = lstm_cell_state(gates, cx)
    return lstm_cell_output(gates, cy), cy


def _step_of(mode: str, x_gates: Tensor, w_hr: Any) -> Any:
    """The step function of a layer: a float32 LSTM's fused one (the layer is one oneDNN node in PyTorch)."""
    if mode == "LSTM" and w_hr is None and x_gates.dtype == float32:
        return _fused_lstm_step
    return _STEPS[mode]


def _gru_step(x_gates: Tensor, hidden: Tensor, w_hh: Tensor, b_hh: Tensor | None, w_hr: Any = None) -> Tensor:
    """r = σ(x_r + h_r), z = σ(x_z + h_z), n = tanh(x_n + r·h_n), h' = (h − n)·z + n."""
    x_r, x_z, x_n = x_gates.chunk(3, 1)
    h_r, h_z, h_n = _linear(hidden, w_hh, b_hh).chunk(3, 1)
    reset_gate = sigmoid(h_r + x_r)
    input_gate = sigmoid(h_z + x_z)
    new_gate = tanh(x_n + h_n * reset_gate)
    return (hidden - new_gate) * input_gate + new_gate


_STEPS = {
    "RNN_TANH": _simple_step(tanh),
    "RNN_RELU": _simple_step(relu),
    "LSTM": _lstm_step,
    "GRU": _gru_step,
}


def _output_of(hidden: Any) -> Tensor:
    """What a step passes on as its output: h (an LSTM's hidden is (h, c))."""
    return hidden[0] if isinstance(hidden, tuple) else hidden


def _run_direction(
    mode: str, x_gates: Tensor, hidden: Any, weights: list[Tensor | None], reverse: bool
) -> tuple[Tensor, Any]:
    """One direction of one layer over the (T, B, gates) inputs: the stacked outputs (T, B, H) and the last hidden."""
    _, w_hh, _, b_hh, w_hr = weights
    step = _step_of(mode, x_gates, w_hr)
    steps = unbind(x_gates, 0)
    if not steps:
        raise messages.error("nn_rnn_empty_sequence")
    if reverse:
        steps = steps[::-1]
    outputs = []
    for x_step in steps:
        hidden = step(x_step, hidden, w_hh, b_hh, w_hr)
        outputs.append(_output_of(hidden))
    if reverse:
        outputs.reverse()
    output = stack(outputs, 0)
    if mode == "LSTM" and w_hr is None and output.dtype == float32:  # PyTorch's oneDNN layer: one node
        output = mkldnn_rnn_layer(output)
    return output, hidden


def _hidden_slice(hidden: Any, start: int, end: int) -> Any:
    """The rows [start, end) of a hidden state (of both h and c for an LSTM)."""
    if isinstance(hidden, tuple):
        return tuple(part.narrow(0, start, end - start) for part in hidden)
    return hidden.narrow(0, start, end - start)


def _hidden_cat(hiddens: list[Any]) -> Any:
    """Hidden states of several groups of sequences, one under the other (h with h, c with c for an LSTM)."""
    if isinstance(hiddens[0], tuple):
        return tuple(cat(list(parts), 0) for parts in zip(*hiddens, strict=True))
    return cat(hiddens, 0)


def _run_packed_direction(
    mode: str,
    x_gates: Tensor,
    hidden: Any,
    weights: list[Tensor | None],
    reverse: bool,
    batch_sizes: list[int],
) -> tuple[Tensor, Any]:
    """One direction of one layer over packed (steps, gates) inputs: packed outputs and each sequence's last hidden.

    ATen's ``PackedLayer``: at step t the first ``batch_sizes[t]`` sequences
    run; when the batch shrinks, the hidden states of the sequences that
    ended are put aside, to be the final hidden state with the others.  The
    reverse direction (``ReversedPackedLayer``) starts from the last step
    with the sequences that have it, and takes in each sequence's initial
    hidden state when it reaches that sequence's last step.
    """
    _, w_hh, _, b_hh, w_hr = weights
    step = _step_of(mode, x_gates, w_hr)
    outputs = []
    if not reverse:
        finished, offset, last = [], 0, batch_sizes[0]
        for size in batch_sizes:
            x_step = x_gates.narrow(0, offset, size)
            offset += size
            if size < last:  # sequences last..size ended at the step before: keep their hidden
                finished.append(_hidden_slice(hidden, size, last))
                hidden = _hidden_slice(hidden, 0, size)
            last = size
            hidden = step(x_step, hidden, w_hh, b_hh, w_hr)
            outputs.append(_output_of(hidden))
        finished.append(hidden)
        hidden = _hidden_cat(finished[::-1])
    else:
        initial, offset, last = hidden, x_gates.shape[0], batch_sizes[-1]
        hidden = _hidden_slice(initial, 0, last)
        for size in reversed(batch_sizes):
            if size > last:  # sequences last..size start here (at their own last step)
                hidden = _hidden_cat([hidden, _hidden_slice(initial, last, size)])
            x_step = x_gates.narrow(0, offset - size, size)
            offset -= size
            last = size
            hidden = step(x_step, hidden, w_hh, b_hh, w_hr)
            outputs.append(_output_of(hidden))
        outputs.reverse()
    return cat(outputs, 0), hidden


def _permute_hidden(hidden: Tensor, permutation: Tensor | None) -> Tensor:
    """The hidden state's sequences (dimension 1) in the order of ``permutation`` (PyTorch's ``_apply_permutation``)."""
    return hidden if permutation is None else hidden.index_select(1, permutation)


# -- the layers --------------------------------------------------------------------------------------


def _check_type(value: Any, kind: type, name: str) -> None:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise messages.error("nn_rnn_argument_type", name=name, kind=kind.__name__, got=type(value).__name__)


class RNNBase(Module, torch_module="torch.nn.modules.rnn"):
    """What ``RNN``, ``LSTM`` and ``GRU`` share: the stacked, optionally bidirectional layers and their weights."""

    def __init__(
        self,
        mode: str,
        input_size: int,
        hidden_size: int,
        num_layers: int = 1,
        bias: bool = True,
        batch_first: bool = False,
        dropout: float = 0.0,
        bidirectional: bool = False,
        proj_size: int = 0,
        device: Any = None,
        dtype: Any = None,
    ) -> None:
        super().__init__()
        self.mode = mode
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.num_layers = num_layers
        self.bias = bias
        self.batch_first = batch_first
        if not isinstance(dropout, numbers.Number) or isinstance(dropout, bool) or not 0 <= dropout <= 1:
            raise messages.error("nn_rnn_dropout")
        self.dropout = float(dropout)
        self.bidirectional = bidirectional
        self.proj_size = proj_size
        if dropout > 0 and num_layers == 1:
            warnings.warn(
                messages.text("nn_rnn_dropout_one_layer", dropout=dropout, num_layers=num_layers),
                UserWarning,
                stacklevel=3,
            )
        _check_type(bias, bool, "bias")
        _check_type(batch_first, bool, "batch_first")
        _check_type(input_size, int, "input_size")
        if input_size <= 0:
            raise messages.error("nn_rnn_size_positive", name="input_size")
        _check_type(hidden_size, int, "hidden_size")
        if hidden_size <= 0:
            raise messages.error("nn_rnn_size_positive", name="hidden_size")
        if num_layers <= 0:
            raise messages.error("nn_rnn_size_positive", name="num_layers")
        if proj_size < 0:
            raise messages.error("nn_rnn_proj_size_negative")
        if proj_size >= hidden_size:
            raise messages.error("nn_rnn_proj_size_too_big")
        gate_size = _GATES[mode] * hidden_size
        directions = 2 if bidirectional else 1
        real_hidden_size = proj_size if proj_size > 0 else hidden_size
        self._flat_weights_names: list[str] = []
        self._all_weights: list[list[str]] = []
        for layer in range(num_layers):
            for direction in range(directions):
                layer_input_size = input_size if layer == 0 else real_hidden_size * directions
                suffix = "_reverse" if direction == 1 else ""
                shapes = {
                    "weight_ih": (gate_size, layer_input_size),
                    "weight_hh": (gate_size, real_hidden_size),
                }
                if bias:
                    shapes.update(bias_ih=(gate_size,), bias_hh=(gate_size,))
                if proj_size > 0:
                    shapes["weight_hr"] = (proj_size, hidden_size)
                names = []
                for kind, shape in shapes.items():
                    name = f"{kind}_l{layer}{suffix}"
                    setattr(self, name, Parameter(creation.empty(*shape, dtype=dtype)))
                    names.append(name)
                self._flat_weights_names.extend(names)
                self._all_weights.append(names)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        """Draw every weight and bias again: uniform in ±1/√hidden_size, in registration order, as PyTorch does."""
        bound = 1.0 / math.sqrt(self.hidden_size) if self.hidden_size > 0 else 0
        for weight in self.parameters():
            init.uniform_(weight, -bound, bound)

    def flatten_parameters(self) -> None:
        """Nothing to do on the CPU (PyTorch packs the weights for cuDNN here)."""

    @property
    def all_weights(self) -> list[list[Parameter]]:
        """The parameters of each layer and direction, as lists."""
        return [[getattr(self, name) for name in names] for names in self._all_weights]

    @property
    def _flat_weights(self) -> list[Parameter]:
        return [getattr(self, name) for name in self._flat_weights_names]

    def extra_repr(self) -> str:
        text = f"{self.input_size}, {self.hidden_size}"
        if self.proj_size != 0:
            text += f", proj_size={self.proj_size}"
        if self.num_layers != 1:
            text += f", num_layers={self.num_layers}"
        if self.bias is not True:
            text += f", bias={self.bias}"
        if self.batch_first is not False:
            text += f", batch_first={self.batch_first}"
        if self.dropout != 0:
            text += f", dropout={self.dropout}"
        if self.bidirectional is not False:
            text += f", bidirectional={self.bidirectional}"
        return text

    # -- forward -------------------------------------------------------------------------------------

    def _layer_weights(self, layer: int, direction: int) -> list[Tensor | None]:
        """(W_ih, W_hh, b_ih, b_hh, W_hr) of one layer and direction; ``None`` where there is none."""
        suffix = f"_l{layer}" + ("_reverse" if direction == 1 else "")
        return [
            getattr(self, name + suffix, None)
            for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh", "weight_hr")
        ]

    def _check_input(self, input: Tensor, packed: bool = False) -> None:
        weight = self._flat_weights[0]
        if input.dtype != weight.dtype:
            raise messages.error("nn_rnn_input_dtype", input=input.dtype, weight=weight.dtype)
        if packed and input.dim() != 2:  # a PackedSequence's data is (steps, features)
            raise messages.error("nn_rnn_packed_input_dims", expected=2, got=input.dim())
        if input._array.shape[-1] != self.input_size:
            raise messages.error("nn_rnn_input_size", expected=self.input_size, got=input._array.shape[-1])

    def _expected_hidden(self, input: Tensor, size: int) -> tuple[int, int, int]:
        batch = input._array.shape[0 if self.batch_first else 1]
        return (self.num_layers * (2 if self.bidirectional else 1), batch, size)

    def _check_hidden(self, hidden: Tensor, expected: tuple[int, int, int], which: str = "") -> None:
        if tuple(hidden._array.shape) != expected:
            raise messages.error(
                "nn_rnn_hidden_size", which=which, expected=expected, got=list(hidden._array.shape)
            )

    def _run(
        self, input: Tensor, hiddens: list[Any], batch_sizes: list[int] | None = None
    ) -> tuple[Tensor, list[Any]]:
        """Every layer over ``input`` (T, B, features), from the initial hiddens (one per layer and direction).

        With ``batch_sizes``, ``input`` is a PackedSequence's data (steps, features) and so is the output.
        """
        directions = 2 if self.bidirectional else 1
        packed = batch_sizes is not None
        layer_input = transpose(input, 0, 1) if self.batch_first and not packed else input
        finals = []
        for layer in range(self.num_layers):
            outputs = []
            for direction in range(directions):
                weights = self._layer_weights(layer, direction)
                x_gates = _linear(layer_input, weights[0], weights[2])
                hidden = hiddens[layer * directions + direction]
                if packed:
                    output, final = _run_packed_direction(
                        self.mode, x_gates, hidden, weights, direction == 1, batch_sizes
                    )
                else:
                    output, final = _run_direction(self.mode, x_gates, hidden, weights, direction == 1)
                outputs.append(output)
                finals.append(final)
            layer_input = outputs[0] if directions == 1 else cat(outputs, outputs[0].dim() - 1)
            if self.dropout != 0 and self.training and layer < self.num_layers - 1:
                layer_input = F.dropout(layer_input, self.dropout, True)
        if not self.batch_first or packed:
            return layer_input, finals
        # PyTorch's RNN and GRU kernels transpose their output in place (TransposeBackward1); its LSTM does not.
        return (transpose(layer_input, 0, 1) if self.mode == "LSTM" else layer_input.transpose_(0, 1)), finals

    def _packed_zeros(self, data: Tensor, batch_sizes: Tensor, size: int) -> Tensor:
        """The initial state of a packed input: zeros for its widest step (PyTorch's ``batch_sizes[0]``)."""
        return creation.zeros(self._packed_hidden_shape(batch_sizes, size), dtype=data.dtype)

    def _packed_hidden_shape(self, batch_sizes: Tensor, size: int) -> tuple[int, int, int]:
        return (self.num_layers * (2 if self.bidirectional else 1), int(batch_sizes[0]), size)

    def _batched(self, input: Tensor) -> bool:
        """PyTorch's check of the input's dimensions: 3-D is a batch, 2-D one sequence."""
        if input.dim() not in (2, 3):
            raise messages.error(
                "nn_rnn_input_dims", name=type(self).__name__, ndim=input.dim(), noun=self._dims_noun
            )
        return input.dim() == 3

    _dims_noun = " instead"

    def _zeros(self, input: Tensor, size: int) -> Tensor:
        return creation.zeros(*self._expected_hidden(input, size), dtype=input.dtype)


class _OneHiddenRNN(RNNBase):
    """``RNN`` and ``GRU``: one hidden state per layer and direction."""

    def forward(self, input: Tensor | PackedSequence, hx: Tensor | None = None) -> tuple[Any, Tensor]:
        if isinstance(input, PackedSequence):
            return self._forward_packed(input, hx)
        batched = self._batched(input)
        batch_dim = 0 if self.batch_first else 1
        if not batched:
            input = input.unsqueeze(batch_dim)
            if hx is not None:
                if hx.dim() != 2:
                    raise messages.error("nn_rnn_hidden_dims", batched="unbatched 2-D", ndim=2, got=hx.dim())
                hx = hx.unsqueeze(1)
        elif hx is not None and hx.dim() != 3:
            raise messages.error("nn_rnn_hidden_dims", batched="batched 3-D", ndim=3, got=hx.dim())
        if hx is None:
            hx = self._zeros(input, self.hidden_size)
        self._check_input(input)
        self._check_hidden(hx, self._expected_hidden(input, self.hidden_size))
        output, finals = self._run(input, list(unbind(hx, 0)))
        hidden = stack(finals, 0)
        if not batched:
            return output.squeeze(batch_dim), hidden.squeeze(1)
        return output, hidden

    def _forward_packed(self, input: PackedSequence, hx: Tensor | None) -> tuple[PackedSequence, Tensor]:
        """PyTorch's forward on a PackedSequence: hx in the packed order, the final hidden back in the batch's."""
        data, batch_sizes, sorted_indices, unsorted_indices = input
        if hx is None:
            hx = self._packed_zeros(data, batch_sizes, self.hidden_size)
        else:
            hx = _permute_hidden(hx, sorted_indices)
        self._check_input(data, packed=True)
        self._check_hidden(hx, self._packed_hidden_shape(batch_sizes, self.hidden_size))
        output, finals = self._run(data, list(unbind(hx, 0)), batch_sizes.tolist())
        packed = PackedSequence(output, batch_sizes, sorted_indices, unsorted_indices)
        return packed, _permute_hidden(stack(finals, 0), unsorted_indices)


class RNN(_OneHiddenRNN, torch_module="torch.nn.modules.rnn"):
    """A simple (Elman) recurrent layer: ``h_t = tanh(x_t W_ihᵀ + b_ih + h_(t−1) W_hhᵀ + b_hh)``.

    Takes ``input`` (L, N, input_size) (``batch_first``: (N, L, input_size);
    unbatched: (L, input_size); or a ``PackedSequence``) and an optional ``h_0``
    (num_layers·directions, N, hidden_size, zeros by default); returns the
    last layer's ``h_t`` at every step and the final ``h`` of every layer.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> _ = torch.manual_seed(0)
    >>> rnn = nn.RNN(3, 4, num_layers=2)
    >>> rnn
    RNN(3, 4, num_layers=2)
    >>> output, h_n = rnn(torch.zeros(5, 2, 3))
    >>> output.shape, h_n.shape
    (torch.Size([5, 2, 4]), torch.Size([2, 2, 4]))
    >>> [name for name, _ in rnn.named_parameters()][:4]
    ['weight_ih_l0', 'weight_hh_l0', 'bias_ih_l0', 'bias_hh_l0']
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if "proj_size" in kwargs:
            raise messages.error("nn_rnn_proj_size_lstm_only")
        if len(args) > 3:
            self.nonlinearity = args[3]
            args = args[:3] + args[4:]
        else:
            self.nonlinearity = kwargs.pop("nonlinearity", "tanh")
        modes = {"tanh": "RNN_TANH", "relu": "RNN_RELU"}
        if self.nonlinearity not in modes:
            raise messages.error("nn_rnn_nonlinearity", name=self.nonlinearity)
        super().__init__(modes[self.nonlinearity], *args, **kwargs)

    _dims_noun = " tensor instead"


class GRU(_OneHiddenRNN, torch_module="torch.nn.modules.rnn"):
    """A gated recurrent unit layer: reset gate r, update gate z, new gate n (PyTorch's equations).

    ``r = σ(x W_irᵀ + b_ir + h W_hrᵀ + b_hr)``, ``z`` likewise,
    ``n = tanh(x W_inᵀ + b_in + r·(h W_hnᵀ + b_hn))``, ``h' = (1 − z)·n + z·h``;
    the gates are stacked r, z, n in ``weight_ih_l0`` and ``weight_hh_l0``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> gru = nn.GRU(3, 4, batch_first=True)
    >>> gru
    GRU(3, 4, batch_first=True)
    >>> output, h_n = gru(torch.zeros(2, 5, 3))
    >>> output.shape, h_n.shape
    (torch.Size([2, 5, 4]), torch.Size([1, 2, 4]))
    >>> gru.weight_ih_l0.shape
    torch.Size([12, 3])
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if "proj_size" in kwargs:
            raise messages.error("nn_rnn_proj_size_lstm_only")
        super().__init__("GRU", *args, **kwargs)


class LSTM(RNNBase, torch_module="torch.nn.modules.rnn"):
    """A long short-term memory layer: gates i, f, g, o and a cell state c besides the hidden state h.

    ``c' = σ(f)·c + σ(i)·tanh(g)``, ``h' = σ(o)·tanh(c')``; the gates are
    stacked i, f, g, o in ``weight_ih_l0`` and ``weight_hh_l0``.  Returns
    ``output, (h_n, c_n)``; ``hx`` is an optional ``(h_0, c_0)``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> lstm = nn.LSTM(3, 4, bidirectional=True)
    >>> lstm
    LSTM(3, 4, bidirectional=True)
    >>> output, (h_n, c_n) = lstm(torch.zeros(5, 2, 3))
    >>> output.shape, h_n.shape, c_n.shape
    (torch.Size([5, 2, 8]), torch.Size([2, 2, 4]), torch.Size([2, 2, 4]))
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__("LSTM", *args, **kwargs)

    def forward(
        self, input: Tensor | PackedSequence, hx: tuple[Tensor, Tensor] | None = None
    ) -> tuple[Any, tuple[Tensor, Tensor]]:
        if isinstance(input, PackedSequence):
            return self._forward_packed(input, hx)
        batched = self._batched(input)
        batch_dim = 0 if self.batch_first else 1
        if not batched:
            input = input.unsqueeze(batch_dim)
        real_hidden_size = self.proj_size if self.proj_size > 0 else self.hidden_size
        if hx is None:
            hx = (self._zeros(input, real_hidden_size), self._zeros(input, self.hidden_size))
        else:
            ndim = 3 if batched else 2
            if hx[0].dim() != ndim or hx[1].dim() != ndim:
                raise messages.error(
                    "nn_lstm_hidden_dims",
                    batched="batched 3-D" if batched else "unbatched 2-D",
                    ndim=ndim,
                    h=hx[0].dim(),
                    c=hx[1].dim(),
                )
            if not batched:
                hx = (hx[0].unsqueeze(1), hx[1].unsqueeze(1))
        self._check_input(input)
        self._check_hidden(hx[0], self._expected_hidden(input, real_hidden_size), "[0]")
        self._check_hidden(hx[1], self._expected_hidden(input, self.hidden_size), "[1]")
        if len(hx) != 2:  # (hx[0] and hx[1] checked first, as PyTorch's check_forward_args does)
            raise messages.error("nn_lstm_two_states")
        output, finals = self._run(input, list(zip(unbind(hx[0], 0), unbind(hx[1], 0), strict=True)))
        h_n = stack([h for h, _ in finals], 0)
        c_n = stack([c for _, c in finals], 0)
        if not batched:
            return output.squeeze(batch_dim), (h_n.squeeze(1), c_n.squeeze(1))
        return output, (h_n, c_n)

    def _forward_packed(
        self, input: PackedSequence, hx: tuple[Tensor, Tensor] | None
    ) -> tuple[PackedSequence, tuple[Tensor, Tensor]]:
        """PyTorch's forward on a PackedSequence (which, for an LSTM, checks neither the input nor hx first)."""
        data, batch_sizes, sorted_indices, unsorted_indices = input
        real_hidden_size = self.proj_size if self.proj_size > 0 else self.hidden_size
        if hx is None:
            hx = (
                self._packed_zeros(data, batch_sizes, real_hidden_size),
                self._packed_zeros(data, batch_sizes, self.hidden_size),
            )
        else:
            if len(hx) != 2:  # (PyTorch's kernel checks the count before reading either state here)
                raise messages.error("nn_lstm_two_states")
            hx = (_permute_hidden(hx[0], sorted_indices), _permute_hidden(hx[1], sorted_indices))
        hiddens = list(zip(unbind(hx[0], 0), unbind(hx[1], 0), strict=True))
        output, finals = self._run(data, hiddens, batch_sizes.tolist())
        h_n = stack([h for h, _ in finals], 0)
        c_n = stack([c for _, c in finals], 0)
        packed = PackedSequence(output, batch_sizes, sorted_indices, unsorted_indices)
        return packed, (_permute_hidden(h_n, unsorted_indices), _permute_hidden(c_n, unsorted_indices))


# -- the cells ----------------------------------------------------------------------------------------


class RNNCellBase(Module, torch_module="torch.nn.modules.rnn"):
    """What the cells share: ``weight_ih``, ``weight_hh``, ``bias_ih``, ``bias_hh`` of ``num_chunks`` gates."""

    def __init__(
        self,
        input_size: int,
        hidden_size: int,
        bias: bool,
        num_chunks: int,
        device: Any = None,
        dtype: Any = None,
    ) -> None:
        super().__init__()
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.bias = bias
        self.weight_ih = Parameter(creation.empty(num_chunks * hidden_size, input_size, dtype=dtype))
        self.weight_hh = Parameter(creation.empty(num_chunks * hidden_size, hidden_size, dtype=dtype))
        if bias:
            self.bias_ih = Parameter(creation.empty(num_chunks * hidden_size, dtype=dtype))
            self.bias_hh = Parameter(creation.empty(num_chunks * hidden_size, dtype=dtype))
        else:
            self.register_parameter("bias_ih", None)
            self.register_parameter("bias_hh", None)
        self.reset_parameters()

    reset_parameters = RNNBase.reset_parameters

    def extra_repr(self) -> str:
        text = f"{self.input_size}, {self.hidden_size}"
        if self.bias is not True:
            text += f", bias={self.bias}"
        if getattr(self, "nonlinearity", "tanh") != "tanh":
            text += f", nonlinearity={self.nonlinearity}"
        return text

    def _prepare(self, input: Tensor, hx: Any, zeros: int) -> tuple[Tensor, Any, bool]:
        """The input made a batch, the hidden state(s) given (made a batch) or zeros, and whether it was one."""
        name = type(self).__name__
        if input.dim() not in (1, 2):
            raise messages.error("nn_rnn_cell_dims", name=name, what="input", ndim=input.dim())
        if zeros == 1 and isinstance(hx, (tuple, list)):  # (PyTorch reads hx.dim() of one state)
            raise messages.error("nn_rnn_cell_hx_not_tensor", type_name=type(hx).__name__)
        if isinstance(hx, list):  # cell(x, [h, c]), as some courses write it: PyTorch takes a list too
            hx = tuple(hx)
        hiddens = hx if isinstance(hx, tuple) else (hx,)
        for index, value in enumerate(hiddens):
            if value is not None and value.dim() not in (1, 2):
                what = f"hx[{index}]" if isinstance(hx, tuple) else "hidden"
                raise messages.error("nn_rnn_cell_dims", name=name, what=what, ndim=value.dim())
        batched = input.dim() == 2
        if not batched:
            input = input.unsqueeze(0)
        if hx is None:
            zero = creation.zeros(input._array.shape[0], self.hidden_size, dtype=input.dtype)
            hiddens = (zero,) * zeros
        elif not batched:
            hiddens = tuple(value.unsqueeze(0) for value in hiddens)
        if input._array.shape[1] != self.input_size:
            raise messages.error(
                "nn_rnn_cell_input_size", got=input._array.shape[1], expected=self.input_size
            )
        for index, value in enumerate(hiddens):
            label = str(index)
            if value._array.shape[0] != input._array.shape[0]:
                raise messages.error(
                    "nn_rnn_cell_batch",
                    input=input._array.shape[0],
                    label=label,
                    hidden=value._array.shape[0],
                )
            if value._array.shape[1] != self.hidden_size:
                raise messages.error(
                    "nn_rnn_cell_hidden_size",
                    label=label,
                    got=value._array.shape[1],
                    expected=self.hidden_size,
                )
        return input, hiddens if zeros > 1 else hiddens[0], batched

    def _step(self, mode: str, input: Tensor, hidden: Any) -> Any:
        x_gates = _linear(input, self.weight_ih, self.bias_ih)
        return _STEPS[mode](x_gates, hidden, self.weight_hh, self.bias_hh)


class RNNCell(RNNCellBase, torch_module="torch.nn.modules.rnn"):
    """One step of :class:`RNN`: ``h' = tanh(x W_ihᵀ + b_ih + h W_hhᵀ + b_hh)`` (or ``relu``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> cell = nn.RNNCell(3, 4)
    >>> cell
    RNNCell(3, 4)
    >>> cell(torch.zeros(2, 3)).shape
    torch.Size([2, 4])
    """

    def __init__(
        self,
        input_size: int,
        hidden_size: int,
        bias: bool = True,
        nonlinearity: str = "tanh",
        device: Any = None,
        dtype: Any = None,
    ) -> None:
        super().__init__(input_size, hidden_size, bias, num_chunks=1, dtype=dtype)
        self.nonlinearity = nonlinearity

    def forward(self, input: Tensor, hx: Tensor | None = None) -> Tensor:
        input, hx, batched = self._prepare(input, hx, 1)
        if self.nonlinearity not in ("tanh", "relu"):
            raise messages.error("nn_rnn_cell_nonlinearity", name=self.nonlinearity)
        out = self._step("RNN_TANH" if self.nonlinearity == "tanh" else "RNN_RELU", input, hx)
        return out if batched else out.squeeze(0)


class LSTMCell(RNNCellBase, torch_module="torch.nn.modules.rnn"):
    """One step of :class:`LSTM`: returns ``(h', c')`` from ``input`` and ``(h, c)`` (zeros by default).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> cell = nn.LSTMCell(3, 4)
    >>> h, c = cell(torch.zeros(2, 3))
    >>> h.shape, c.shape
    (torch.Size([2, 4]), torch.Size([2, 4]))
    """

    def __init__(
        self, input_size: int, hidden_size: int, bias: bool = True, device: Any = None, dtype: Any = None
    ) -> None:
        super().__init__(input_size, hidden_size, bias, num_chunks=4, dtype=dtype)

    def forward(self, input: Tensor, hx: tuple[Tensor, Tensor] | None = None) -> tuple[Tensor, Tensor]:
        if isinstance(hx, Tensor) and input.dim() in (1, 2) and hx.dim() in (2, 3):
            # (PyTorch's checks go through the rows of h, then its lstm_cell wants the pair (h, c))
            raise messages.error("nn_lstm_cell_hx_pair", type_name="Tensor")
        if isinstance(hx, (tuple, list)) and len(hx) != 2 and input.dim() == 2:
            raise messages.error("nn_lstm_cell_two_states")
        input, hx, batched = self._prepare(input, hx, 2)
        h, c = self._step("LSTM", input, hx)
        return (h, c) if batched else (h.squeeze(0), c.squeeze(0))


class GRUCell(RNNCellBase, torch_module="torch.nn.modules.rnn"):
    """One step of :class:`GRU`: ``h'`` from ``input`` and ``h`` (zeros by default).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> cell = nn.GRUCell(3, 4, bias=False)
    >>> cell
    GRUCell(3, 4, bias=False)
    >>> cell(torch.zeros(3)).shape
    torch.Size([4])
    """

    def __init__(
        self, input_size: int, hidden_size: int, bias: bool = True, device: Any = None, dtype: Any = None
    ) -> None:
        super().__init__(input_size, hidden_size, bias, num_chunks=3, dtype=dtype)

    def forward(self, input: Tensor, hx: Tensor | None = None) -> Tensor:
        input, hx, batched = self._prepare(input, hx, 1)
        out = self._step("GRU", input, hx)
        return out if batched else out.squeeze(0)


__all__ = ["RNNBase", "RNN", "LSTM", "GRU", "RNNCellBase", "RNNCell", "LSTMCell", "GRUCell"]
