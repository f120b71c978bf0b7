"""``torch.amp``: mixed precision, as far as a float32 library can go.

Mixed precision runs some ops in a 16-bit float (``autocast``) and scales
the loss so that small gradients do not vanish in it (``GradScaler``).
Lessons written for a GPU use both; on a machine without one PyTorch turns
them off with a warning, and so does autograd_lab, so those lessons run
unchanged (``torch.cuda.amp`` too).

- ``autocast("cuda")`` warns that CUDA is not available and runs the block
  as it is, as PyTorch does without a GPU.
- ``autocast("cpu")`` would run matrix products and convolutions in
  bfloat16, a type NumPy does not have: autograd_lab warns and runs the
  block in float32 (the results differ from PyTorch's after about three
  digits).  ``enabled=False`` turns it off without a warning, as in PyTorch.
- ``GradScaler("cpu")`` scales and unscales exactly as PyTorch's does:
  it multiplies the loss by the scale, divides the gradients by it before
  the optimizer's step, skips a step whose gradients hold inf or NaN, and
  halves or doubles the scale.  ``GradScaler("cuda")`` is turned off with
  PyTorch's warning, and then only passes the calls through.

Examples
--------
>>> import autograd_lab as torch
>>> w = torch.ones(2, requires_grad=True)
>>> optimizer = torch.optim.SGD([w], lr=0.1)
>>> scaler = torch.amp.GradScaler("cpu")
>>> loss = (w * 3).sum()
>>> scaler.scale(loss)
tensor(393216., grad_fn=<MulBackward0>)
>>> scaler.scale(loss).backward()
>>> scaler.step(optimizer)
>>> scaler.update()
>>> w
tensor([0.7000, 0.7000], requires_grad=True)
"""

from __future__ import annotations

import functools
import warnings
from collections import abc, defaultdict
from collections.abc import Callable
from enum import Enum
from typing import Any

import numpy as np

from . import messages
from ._classname import PyTorchName
from ._grad_mode import no_grad
from .tensor import Tensor

__all__ = ["autocast", "GradScaler", "custom_fwd", "custom_bwd", "is_autocast_available"]

_DEVICE_TYPES = ("cpu", "cuda", "ipu", "xpu", "xla", "hpu", "mtia", "maia", "mps")
"""The device types PyTorch's autocast knows (``torch._C._is_autocast_available``)."""

_DEFAULT_DTYPE = {"cpu": "bfloat16"}
"""The 16-bit type autocast picks when given none: bfloat16 on the CPU, float16 elsewhere."""


def is_autocast_available(device_type: str) -> bool:
    """Whether ``autocast`` knows ``device_type`` (it does not mean autocast runs there).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.amp.is_autocast_available("cuda")
    True
    """
    return device_type in _DEVICE_TYPES


def is_autocast_enabled(device_type: str | None = None) -> bool:
    """Whether autocast is on: never here, since every autocast block runs in float32."""
    return False


_autocast_dtypes: dict[str, Any] = {}
"""The dtype an ``autocast`` block entered for each device type (PyTorch keeps it, on or off)."""


def get_autocast_dtype(device_type: str) -> Any:
    """The dtype autocast would compute in on ``device_type``: the open block's, else bfloat16 on the CPU and
    float16 elsewhere (autocast itself never runs here).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.get_autocast_dtype("cpu"), torch.get_autocast_dtype("cuda")
    (torch.bfloat16, torch.float16)
    """
    from . import _dtype

    if device_type not in _DEVICE_TYPES:
        raise messages.error("amp_device_type_unknown", device=device_type)
    found = _autocast_dtypes.get(device_type)
    if found is not None:
        return found
    return _dtype.bfloat16 if device_type == "cpu" else _dtype.float16


class autocast(metaclass=PyTorchName, torch_module="torch.amp.autocast_mode"):  # noqa: N801 - PyTorch's name
    """Run a block (or a function) with autocast: turned off here, with a warning where it was asked for.

    Parameters
    ----------
    device_type : str
        ``"cuda"`` or ``"cpu"`` (or another of PyTorch's device types).
    dtype : dtype, optional
        The 16-bit type; bfloat16 on the CPU and float16 elsewhere by default.
    enabled : bool
        ``False`` turns autocast off without a warning.
    cache_enabled : bool, optional
        Accepted for PyTorch's signature.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> with torch.autocast("cpu", enabled=False):
    ...     torch.ones(2, 2) @ torch.ones(2, 2)
    tensor([[2., 2.],
            [2., 2.]])
    """

    def __init__(
        self, device_type: str, dtype: Any = None, enabled: bool = True, cache_enabled: bool | None = None
    ) -> None:
        if not isinstance(device_type, str):
            raise messages.error("amp_device_type_not_str", found=type(device_type))
        if device_type not in _DEVICE_TYPES:
            raise messages.error("amp_device_type_unknown", device=device_type)
        self.device = device_type
        self.fast_dtype = dtype
        if enabled:
            wanted = _DEFAULT_DTYPE["cpu"] if dtype is None else str(dtype).removeprefix("torch.")
            if device_type == "cpu" and wanted not in ("bfloat16", "float16"):  # (PyTorch refuses it too)
                messages.warn("amp_cpu_autocast_dtype_unsupported")
            elif device_type == "cpu":
                messages.warn("amp_cpu_autocast_float32", dtype=wanted)
            else:
                messages.warn("amp_autocast_no_cuda")
        self._enabled = False

    def __enter__(self) -> autocast:
        self._dtype_before = _autocast_dtypes.get(self.device)
        if self.fast_dtype is not None:
            _autocast_dtypes[self.device] = self.fast_dtype
        return self

    def __exit__(self, *exc_info: object) -> bool:
        if self._dtype_before is None:
            _autocast_dtypes.pop(self.device, None)
        else:
            _autocast_dtypes[self.device] = self._dtype_before
        return False

    def __call__(self, function: Callable) -> Callable:
        if not callable(function):
            raise messages.error("amp_autocast_not_callable", name=type(function).__name__)

        @functools.wraps(function)
        def run(*args: Any, **kwargs: Any) -> Any:
            with self:
                return function(*args, **kwargs)

        return run


def custom_fwd(fwd: Callable | None = None, *, device_type: str, cast_inputs: Any = None) -> Callable:
    """Decorate a custom Function's ``forward`` for autocast: it runs as it is, since autocast is off here.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> class Double(torch.autograd.Function):
    ...     @staticmethod
    ...     @torch.amp.custom_fwd(device_type="cpu")
    ...     def forward(ctx, x):
    ...         return x * 2
    ...     @staticmethod
    ...     @torch.amp.custom_bwd(device_type="cpu")
    ...     def backward(ctx, grad):
    ...         return grad * 2
    >>> Double.apply(torch.ones(2))
    tensor([2., 2.])
    """
    if not isinstance(device_type, str):
        raise messages.error("amp_device_type_not_str", found=type(device_type))
    if fwd is None:
        return functools.partial(custom_fwd, device_type=device_type, cast_inputs=cast_inputs)

    @functools.wraps(fwd)
    def decorated(ctx: Any, *args: Any, **kwargs: Any) -> Any:
        ctx._fwd_used_autocast = False  # what PyTorch's custom_bwd reads back
        return fwd(ctx, *args, **kwargs)

    return decorated


def custom_bwd(bwd: Callable | None = None, *, device_type: str) -> Callable:
    """Decorate a custom Function's ``backward`` for autocast: it runs as it is, since autocast is off here."""
    if not isinstance(device_type, str):
        raise messages.error("amp_device_type_not_str", found=type(device_type))
    if bwd is None:
        return functools.partial(custom_bwd, device_type=device_type)
    return bwd


class OptState(Enum):
    """Where an optimizer is in the scaler's iteration."""

    READY = 0
    UNSCALED = 1
    STEPPED = 2


def _fresh_state() -> dict[str, Any]:
    return {"stage": OptState.READY, "found_inf": None}


class GradScaler(metaclass=PyTorchName, torch_module="torch.amp.grad_scaler"):
    """Scale the loss up before ``backward()`` and the gradients down before the step, as PyTorch's does.

    Parameters
    ----------
    device : str
        ``"cuda"`` (PyTorch's default; turned off here with PyTorch's warning) or ``"cpu"``.
    init_scale : float
        The first scale.
    growth_factor : float
        What the scale is multiplied by after ``growth_interval`` steps in a row without inf or NaN.
    backoff_factor : float
        What the scale is multiplied by after a step with inf or NaN gradients (which is skipped).
    growth_interval : int
        How many good steps in a row before the scale grows.
    enabled : bool
        ``False``: every method passes through, and ``step`` just runs the optimizer's step.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> scaler = torch.amp.GradScaler("cpu")
    >>> scaler.get_scale()
    65536.0
    """

    def __init__(
        self,
        device: str = "cuda",
        init_scale: float = 2.0**16,
        growth_factor: float = 2.0,
        backoff_factor: float = 0.5,
        growth_interval: int = 2000,
        enabled: bool = True,
    ) -> None:
        self._device = device
        self._enabled = enabled
        if device == "cuda" and enabled:
            warnings.warn(messages.text("amp_grad_scaler_no_cuda"), UserWarning, stacklevel=2)
            self._enabled = False
        if self._enabled:
            if growth_factor <= 1.0:
                raise messages.error("amp_growth_factor")
            if backoff_factor >= 1.0:
                raise messages.error("amp_backoff_factor")
            self._init_scale = init_scale
            self._scale: Tensor | None = None
            self._growth_factor = growth_factor
            self._backoff_factor = backoff_factor
            self._growth_interval = growth_interval
            self._init_growth_tracker = 0
            self._growth_tracker: int | None = None
            self._per_optimizer_states: dict[int, dict[str, Any]] = defaultdict(_fresh_state)

    def _checked_scale(self, what: str) -> Tensor:
        if self._scale is None:
            raise messages.error("amp_scale_not_started", what=what)
        return self._scale

    def scale(self, outputs: Any) -> Any:
        """``outputs`` (a tensor, or a list or tuple of them, nested) times the scale."""
        if not self._enabled:
            return outputs
        if self._scale is None:
            self._scale = Tensor._wrap(np.array(self._init_scale, np.float32))
            self._growth_tracker = self._init_growth_tracker
        if isinstance(outputs, Tensor):
            return outputs * self._scale
        if isinstance(outputs, abc.Iterable) and not isinstance(outputs, (str, bytes)):
            scaled = map(self.scale, outputs)
            return type(outputs)(scaled) if isinstance(outputs, (list, tuple)) else scaled
        raise messages.error("amp_scale_outputs")

    def _unscale_grads(self, optimizer: Any, inv_scale: np.float32, allow_fp16: bool) -> float:
        """Multiply every gradient by ``inv_scale`` in place; 1.0 if any of them holds inf or NaN."""
        found_inf = 0.0
        with no_grad():
            grads = [
                p.grad for group in optimizer.param_groups for p in group["params"] if p.grad is not None
            ]
            for grad in grads:
                if not allow_fp16 and grad._array.dtype == np.float16:
                    raise messages.error("amp_unscale_fp16")
            for grad in grads:
                if not np.isfinite(grad._array).all():
                    found_inf = 1.0
                if inv_scale != 1:
                    grad.mul_(float(inv_scale))  # (in float32, as PyTorch's kernel multiplies)
        return found_inf

    def unscale_(self, optimizer: Any) -> None:
        """Divide the optimizer's gradients by the scale (once per step), e.g. before clipping them."""
        if not self._enabled:
            return
        scale = self._checked_scale("unscale_")
        state = self._per_optimizer_states[id(optimizer)]
        if state["stage"] is OptState.UNSCALED:
            raise messages.error("amp_unscale_twice")
        if state["stage"] is OptState.STEPPED:
            raise messages.error("amp_unscale_after_step")
        inv_scale = np.float32(
            1.0 / np.float64(scale._array)
        )  # (PyTorch: scale.double().reciprocal().float())
        state["found_inf"] = self._unscale_grads(optimizer, inv_scale, allow_fp16=False)
        state["stage"] = OptState.UNSCALED

    def step(self, optimizer: Any, *args: Any, **kwargs: Any) -> Any:
        """Unscale the gradients (unless ``unscale_`` did), then the optimizer's step unless one is inf or NaN."""
        if not self._enabled:
            return optimizer.step(*args, **kwargs)
        if "closure" in kwargs:
            raise messages.error("amp_closure")
        self._checked_scale("step")
        state = self._per_optimizer_states[id(optimizer)]
        if state["stage"] is OptState.STEPPED:
            raise messages.error("amp_step_twice")
        if state["stage"] is OptState.READY:
            self.unscale_(optimizer)
        result = None if state["found_inf"] else optimizer.step(*args, **kwargs)
        state["stage"] = OptState.STEPPED
        return result

    def update(self, new_scale: float | Tensor | None = None) -> None:
        """The scale for the next step: ``backoff_factor`` times it after a skipped step, ``growth_factor``
        times it after ``growth_interval`` good steps in a row (PyTorch's ``_amp_update_scale_``)."""
        if not self._enabled:
            return
        scale = self._checked_scale("update")
        if new_scale is not None:
            value = new_scale if isinstance(new_scale, float) else new_scale._array.reshape(())
            scale._array[()] = value
        else:
            found = [
                s["found_inf"] for s in self._per_optimizer_states.values() if s["found_inf"] is not None
            ]
            if not found:
                raise messages.error("amp_update_no_checks")
            current = scale._array
            if sum(found):
                current[()] = np.float64(current) * self._backoff_factor
                self._growth_tracker = 0
            elif self._growth_tracker + 1 == self._growth_interval:
                grown = np.float32(np.float64(current) * self._growth_factor)
                if np.isfinite(grown):
                    current[()] = grown
                self._growth_tracker = 0
            else:
                self._growth_tracker += 1
        self._per_optimizer_states = defaultdict(_fresh_state)

    def get_scale(self) -> float:
        """The scale as a number (1.0 when turned off)."""
        if not self._enabled:
            return 1.0
        return self._init_scale if self._scale is None else float(self._scale._array)

    def get_growth_factor(self) -> float:
        return self._growth_factor

    def set_growth_factor(self, new_factor: float) -> None:
        self._growth_factor = new_factor

    def get_backoff_factor(self) -> float:
        return self._backoff_factor

    def set_backoff_factor(self, new_factor: float) -> None:
        self._backoff_factor = new_factor

    def get_growth_interval(self) -> int:
        return self._growth_interval

    def set_growth_interval(self, new_interval: int) -> None:
        self._growth_interval = new_interval

    def _get_growth_tracker(self) -> int:
        if not self._enabled:
            return 0
        return self._init_growth_tracker if self._growth_tracker is None else self._growth_tracker

    def is_enabled(self) -> bool:
        """Whether the scaler scales (``False`` for ``"cuda"`` here, as in PyTorch without a GPU)."""
        return self._enabled

    def state_dict(self) -> dict[str, Any]:
        """The scale, the factors, the interval and the good steps so far; empty when turned off."""
        if not self._enabled:
            return {}
        return {
            "scale": self.get_scale(),
            "growth_factor": self._growth_factor,
            "backoff_factor": self._backoff_factor,
            "growth_interval": self._growth_interval,
            "_growth_tracker": self._get_growth_tracker(),
        }

    def load_state_dict(self, state_dict: dict[str, Any]) -> None:
        """Take up a ``state_dict()``'s values."""
        if not self._enabled:
            return
        if len(state_dict) == 0:
            raise messages.error("amp_empty_state_dict")
        self._init_scale = state_dict["scale"]
        if self._scale is not None:
            self._scale._array[()] = state_dict["scale"]
        self._growth_factor = state_dict["growth_factor"]
        self._backoff_factor = state_dict["backoff_factor"]
        self._growth_interval = state_dict["growth_interval"]
        self._init_growth_tracker = state_dict["_growth_tracker"]
        if self._growth_tracker is not None:
            self._growth_tracker = state_dict["_growth_tracker"]


def deprecated_name(text: str) -> None:
    """Warn that an old name (``torch.cuda.amp.GradScaler`` ...) is deprecated, pointing to its caller's caller."""
    warnings.warn(text, FutureWarning, stacklevel=3)


def old_names(device: str) -> tuple[type, type]:
    """``torch.<device>.amp.autocast`` and ``GradScaler``: this module's, for one device, under the old
    names PyTorch deprecates (with its FutureWarning)."""

    class OldAutocast(autocast, torch_module=f"torch.{device}.amp.autocast_mode"):
        __qualname__ = "autocast"
        __doc__ = f"``torch.amp.autocast({device!r}, ...)``, under its deprecated name."

        def __init__(self, enabled: bool = True, dtype: Any = None, cache_enabled: bool = True) -> None:
            deprecated_name(messages.text("amp_old_name", device=device, name="autocast"))
            super().__init__(device, dtype=dtype, enabled=enabled, cache_enabled=cache_enabled)

    class OldGradScaler(GradScaler, torch_module=f"torch.{device}.amp.grad_scaler"):
        __qualname__ = "GradScaler"
        __doc__ = f"``torch.amp.GradScaler({device!r}, ...)``, under its deprecated name."

        def __init__(self, *args: Any, **kwargs: Any) -> None:  # (GradScaler's arguments after the device)
            deprecated_name(messages.text("amp_old_name", device=device, name="GradScaler"))
            super().__init__(device, *args, **kwargs)

    return OldAutocast, OldGradScaler
