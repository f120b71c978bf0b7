"""``torch.jit``: ``script`` and ``trace`` give back the model itself, run eagerly (no TorchScript here).

Examples
--------
>>> import autograd_lab as torch
>>> torch.jit.ignore(len) is len  # the decorators leave a function as it is
True
"""

# (no `from __future__ import annotations` here: its name would hide the submodule annotations,
# which TorchScript code imports: from torch.jit.annotations import List)
import functools
import warnings
from typing import Any, Final

from .. import messages

__all__ = [
    "script", "trace", "save", "load", "ignore", "unused", "export", "annotate", "script_if_tracing",
    "is_scripting", "is_tracing", "Final", "freeze", "optimize_for_inference", "enable_onednn_fusion",
    "onednn_fusion_enabled",
]  # fmt: skip

_warned: set[str] = set()


def _as_it_is(obj: Any, function: str) -> Any:
    if function not in _warned:
        _warned.add(function)
        if function == "save":
            messages.warn("jit_saves_the_module")
        else:
            messages.warn("jit_runs_eagerly", function=function)
    return obj


def _scripted(obj: Any, function: str) -> Any:
    """``obj`` as ``script``/``trace`` give it back: itself, with a ScriptModule's ``save(f)``."""
    if hasattr(obj, "state_dict") and not hasattr(obj, "save"):
        obj.save = functools.partial(save, obj)
    if hasattr(obj, "state_dict"):
        obj._jit_scripted = True  # (freeze and optimize_for_inference take only these)
    return _as_it_is(obj, function)


def script(obj: Any, *args: Any, **kwargs: Any) -> Any:
    """``torch.jit.script``: the module or function itself, run eagerly (one warning says so).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     double = torch.jit.script(lambda x: 2 * x)
    >>> double(torch.tensor(1.0))
    tensor(2.)
    """
    return _scripted(obj, "script")


def _check_scripted(mod: Any, function: str) -> None:
    """PyTorch's deprecation warning, then its refusals: a module not given to ``script``/``trace`` first, or (to
    freeze) not in eval mode."""
    name = "freeze" if function == "Freezing" else function
    warnings.warn(messages.text("jit_deprecated", name=name), DeprecationWarning, stacklevel=3)
    if not getattr(mod, "_jit_scripted", False):
        raise messages.error("jit_needs_script_module", function=function)
    if function == "Freezing" and getattr(mod, "training", False):
        raise messages.error("jit_freeze_eval")


def freeze(mod: Any, preserved_attrs: Any = None, optimize_numerics: bool = True) -> Any:
    """``torch.jit.freeze``: the scripted or traced module itself (here there is nothing to fold in); PyTorch's
    errors for a module not scripted, or not in eval mode.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")  # (it runs as it is; PyTorch deprecates TorchScript)
    ...     scripted = torch.jit.script(torch.nn.Linear(2, 1).eval())
    ...     frozen = torch.jit.freeze(scripted)
    >>> frozen is scripted
    True
    """
    _check_scripted(mod, "Freezing")
    return mod


def optimize_for_inference(mod: Any, other_methods: Any = None) -> Any:
    """``torch.jit.optimize_for_inference``: the scripted module itself, as :func:`freeze` gives it."""
    _check_scripted(mod, "optimize_for_inference")
    return mod


_onednn_fusion = [False]


def enable_onednn_fusion(enabled: bool) -> None:
    """Note whether oneDNN fusion is asked for (a setting PyTorch's JIT reads; nothing is fused here)."""
    _onednn_fusion[0] = bool(enabled)


def onednn_fusion_enabled() -> bool:
    """What :func:`enable_onednn_fusion` last set (False at first, as in PyTorch)."""
    return _onednn_fusion[0]


def trace(func: Any, example_inputs: Any = None, *args: Any, **kwargs: Any) -> Any:
    """``torch.jit.trace``: the module or function itself, run eagerly (one warning says so); nothing is traced.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import warnings
    >>> model = torch.nn.Linear(2, 1)
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     traced = torch.jit.trace(model, torch.ones(1, 2))
    >>> traced is model
    True
    """
    return _scripted(func, "trace")


def ignore(function: Any = None, **kwargs: Any) -> Any:
    """``@torch.jit.ignore``: the function as it is.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.jit.ignore(len) is len
    True
    """
    return function if function is not None else (lambda f: f)


unused = ignore
export = ignore  # @torch.jit.export: a method TorchScript compiles too; here every method runs as written


def annotate(the_type: Any, the_value: Any) -> Any:
    """``torch.jit.annotate(List[Tensor], [])``: the value itself (the type is for TorchScript's compiler).

    torchvision's detection code (anchors, region proposals) writes its empty lists this way.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from typing import List
    >>> torch.jit.annotate(List[torch.Tensor], [])
    []
    """
    return the_value


def script_if_tracing(fn: Any) -> Any:
    """``@torch.jit.script_if_tracing``: the function itself, as nothing is traced here.

    torchvision's box coder decorates its ``encode_boxes`` with the older name ``_script_if_tracing``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.jit.script_if_tracing(len) is len
    True
    """
    return fn


_script_if_tracing = script_if_tracing


def is_scripting() -> bool:
    """Whether the code runs as TorchScript: never here (ViT and timm ask before using Python-only features).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.jit.is_scripting(), torch.jit.is_tracing()
    (False, False)
    """
    return False


def is_tracing() -> bool:
    """Whether the code runs under ``torch.jit.trace``: never here (nothing is traced)."""
    return False


def save(m: Any, f: Any, *args: Any, **kwargs: Any) -> None:
    """``torch.jit.save``: the module itself, pickled with ``torch.save`` (one warning says so).

    There is no TorchScript here, so the file is not one: :func:`load` reads it back, PyTorch
    cannot.  A scripted module's ``m.save(f)`` does the same.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import os, tempfile, warnings
    >>> path = os.path.join(tempfile.mkdtemp(), "model.pt")
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     torch.jit.save(torch.nn.Linear(2, 1), path)
    >>> torch.jit.load(path)
    Linear(in_features=2, out_features=1, bias=True)
    """
    from ..serialization import save as save_object

    _as_it_is(m, "save")
    save_object({_KEY: m}, f)


def load(f: Any, *args: Any, **kwargs: Any) -> Any:
    """``torch.jit.load``: a module :func:`save` wrote; a TorchScript file made by PyTorch cannot be read.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.jit.load(__file__)  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    NotImplementedError: torch.jit.load: autograd_lab has no TorchScript.
    """
    from ..serialization import load as load_object

    try:
        saved = load_object(f, weights_only=False)
    except Exception:
        saved = None
    if not (isinstance(saved, dict) and _KEY in saved):
        raise messages.error("jit_save_unsupported", function="load")
    return saved[_KEY]


_KEY = "autograd_lab.jit.save"  # what marks a file save() wrote
