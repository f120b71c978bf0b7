"""autograd_lab: automatic differentiation you can watch.

A small NumPy engine with PyTorch's API and behaviour, written to be read.
``import autograd_lab as torch`` runs PyTorch autograd lessons unchanged.

Examples
--------
>>> import autograd_lab as torch
>>> x = torch.tensor([2.0], requires_grad=True)
>>> z = (x + 2) ** 2 + 3
>>> z.backward()
>>> x.grad
tensor([8.])
"""

from __future__ import annotations

import math

from . import (
    _gc_pause,  # (first: garbage collection waits until the import is done; see the end)
    _numpy_warnings,
    autograd,
)
from ._device import device, get_default_device, set_default_device
from ._dtype import (
    Size,
    bfloat16,
    bool,
    double,
    dtype,
    float,
    float16,
    float32,
    float64,
    get_default_dtype,
    half,
    int,
    int8,
    int16,
    int32,
    int64,
    long,
    set_default_dtype,
    set_default_tensor_type,
    short,
    uint8,
    uint16,
    uint32,
    uint64,
)
from ._grad_mode import (
    enable_grad,
    inference_mode,
    is_grad_enabled,
    is_inference_mode_enabled,
    no_grad,
    set_grad_enabled,
)
from ._info import (
    are_deterministic_algorithms_enabled,
    can_cast,
    compile,
    finfo,
    get_float32_matmul_precision,
    get_num_interop_threads,
    get_num_threads,
    iinfo,
    is_complex,
    is_deterministic_algorithms_warn_only_enabled,
    is_floating_point,
    is_inference,
    is_nonzero,
    is_same_size,
    is_signed,
    is_tensor,
    is_warn_always_enabled,
    logspace,
    numel,
    promote_types,
    result_type,
    set_float32_matmul_precision,
    set_flush_denormal,
    set_num_interop_threads,
    set_num_threads,
    set_warn_always,
    typename,
    use_deterministic_algorithms,
)
from ._memory_format import (
    channels_last,
    channels_last_3d,
    contiguous_format,
    jagged,
    layout,
    memory_format,
    preserve_format,
    sparse_bsc,
    sparse_bsr,
    sparse_coo,
    sparse_csc,
    sparse_csr,
    strided,
)
from ._out import with_out_keyword as _with_out_keyword
from ._printing import set_printoptions
from ._random import (
    Generator,
    default_generator,
    get_rng_state,
    initial_seed,
    manual_seed,
    seed,
    set_rng_state,
)
from .autograd.anomaly_mode import is_anomaly_check_nan_enabled, is_anomaly_enabled, set_anomaly_enabled
from .creation import (
    BoolTensor,
    ByteTensor,
    CharTensor,
    DoubleTensor,
    FloatTensor,
    HalfTensor,
    IntTensor,
    LongTensor,
    ShortTensor,
    arange,
    as_tensor,
    asarray,
    bartlett_window,
    blackman_window,
    empty,
    empty_like,
    empty_strided,
    eye,
    from_numpy,
    frombuffer,
    full,
    full_like,
    hamming_window,
    hann_window,
    kaiser_window,
    linspace,
    ones,
    ones_like,
    rand,
    rand_like,
    randint,
    randint_like,
    randn,
    randn_like,
    randperm,
    range,
    scalar_tensor,
    tensor,
    zeros,
    zeros_like,
)
from .ops import ON_FIRST_USE as _OPS_ON_FIRST_USE
from .ops import PUBLIC as _OPS_PUBLIC
from .ops import load as _load_ops
from .tensor import Tensor

# isort: split
# torch.conv2d, torch.dropout ...: nn.functional's functions at the top level, put into the table's PUBLIC
from . import _layer_functions  # noqa: F401

globals().update(_OPS_PUBLIC)  # torch.exp, torch.sum ...: every op the table exports
globals().update(_with_out_keyword(globals()))  # torch.add(x, y, out=r), torch.rand(2, out=r) ...

from .version import __version__ as __version__  # noqa: E402  (PyTorch's version; the release after the +)

# NumPy warns on overflow, 0/0 and log(0); PyTorch gives inf or nan silently (see _numpy_warnings).
_numpy_warnings.ignore_in_package()

# PyTorch's constants: torch.pi, torch.e, torch.inf, torch.nan.
pi = math.pi
e = math.e
inf = math.inf
nan = math.nan

__all__ = [
    "Tensor", "FloatTensor", "DoubleTensor", "LongTensor", "BoolTensor", "Size", "dtype",
    "float32", "float64", "int64", "bool", "float", "double", "long", "get_default_dtype",
    "float16", "half", "bfloat16", "int32", "int", "int16", "short", "int8", "uint8", "IntTensor", "ByteTensor",
    "ShortTensor", "CharTensor", "HalfTensor",
    "uint16", "uint32", "uint64",
    "tensor", "as_tensor", "from_numpy", "zeros", "ones", "empty", "full", "zeros_like",
    "ones_like", "full_like", "eye", "arange", "linspace", "rand", "randn", "rand_like",
    "randn_like", "randint", "randperm", "manual_seed", "seed", "initial_seed",
    "empty_like", "randint_like", "Generator", "default_generator", "get_rng_state", "set_rng_state",
    "set_default_dtype", "set_default_tensor_type", "device", "get_default_device", "set_default_device",
    "memory_format", "contiguous_format", "preserve_format", "channels_last", "channels_last_3d",
    "layout", "strided", "sparse_coo", "sparse_csr", "sparse_csc", "sparse_bsr", "sparse_bsc", "jagged",
    "no_grad", "enable_grad", "set_grad_enabled", "is_grad_enabled", "inference_mode",
    "is_inference_mode_enabled", "is_anomaly_enabled", "is_anomaly_check_nan_enabled", "set_anomaly_enabled",
    "autograd", "nn", "optim", "utils", "cuda", "backends", "linalg", "accelerator", "profiler",
    "draw", "Graph", "interact", "pi", "e", "inf", "nan", "save", "load",
    "jit", "distributions", "testing", "special", "func", "vmap", "finfo", "iinfo", "promote_types", "result_type", "can_cast", "is_tensor", "numel", "is_floating_point",
    "get_num_threads", "set_num_threads", "use_deterministic_algorithms", "are_deterministic_algorithms_enabled",
    "is_deterministic_algorithms_warn_only_enabled", "compile", "set_printoptions", "logspace", "scalar_tensor",
    "is_inference", "is_nonzero", "is_same_size", "is_signed", "is_complex", "typename",
    "get_float32_matmul_precision", "set_float32_matmul_precision", "get_num_interop_threads",
    "set_num_interop_threads", "set_flush_denormal", "set_warn_always", "is_warn_always_enabled",
    "asarray", "frombuffer", "empty_strided", "hann_window", "hamming_window", "blackman_window",
    "bartlett_window", "kaiser_window", "range",
    *sorted({*_OPS_PUBLIC, *(name for names, _ in _OPS_ON_FIRST_USE.values() for name in names)}),
]  # fmt: skip

# Pictures and widgets load on first use: `import autograd_lab` stays as quick as the core.
_LAZY = {"draw": "render", "Graph": "render", "interact": "jupyter.widgets"}
# So do these subpackages and functions (torch.nn, torch.save ...), once imported with the
# package (a third of its import time); dir() lists them as it did then.
_LAZY_MODULES = (
    "nn", "optim", "utils", "distributions", "jit", "profiler", "testing", "special", "func", "__future__", "backends",
    "amp", "random", "cpu", "onnx", "xpu", "mps", "multiprocessing", "distributed", "_dynamo", "linalg",
    "cuda", "accelerator",
)  # fmt: skip
# The functions of the op modules left for first use (torch.sort, torch.cholesky ...; see ops.ON_FIRST_USE)
_OPS_LATER = {name: module for module, (names, _) in _OPS_ON_FIRST_USE.items() for name in names}
_LAZY_LISTED = {
    "save": "serialization", "load": "serialization", "vmap": "func",
    "autocast": "amp", "is_autocast_enabled": "amp", "get_autocast_dtype": "amp",
}  # fmt: skip
# Dtypes PyTorch has and NumPy has not: asked for, they say so (an AttributeError, with a hint).
_NOT_HERE_DTYPES = frozenset({"complex32", "complex64", "complex128", "cfloat", "cdouble", "chalf"})
# Functions of PyTorch's whose results are complex: asked for, they say why they are not here.
_COMPLEX_FUNCTIONS = frozenset({"fft", "complex", "polar", "view_as_complex", "view_as_real", "stft", "istft"})


from ._einops import install as _einops_install  # noqa: E402

_einops_install()  # einops' rearrange & co. on these tensors, once einops loads (nothing is imported now)


def load_ipython_extension(ipython: object) -> None:
    """``%load_ext autograd_lab``: the %autograd magics and a picture after every backward()."""
    from .jupyter import load_ipython_extension as load

    load(ipython)


def unload_ipython_extension(ipython: object) -> None:
    """``%unload_ext autograd_lab``."""
    from .jupyter import unload_ipython_extension as unload

    unload(ipython)


def __getattr__(name: str) -> object:
    import importlib

    if name in _LAZY_MODULES:
        return importlib.import_module(f".{name}", __name__)  # (the import also sets it here)
    if name in _LAZY_LISTED:
        value = getattr(importlib.import_module(f".{_LAZY_LISTED[name]}", __name__), name)
        globals()[name] = value  # found without __getattr__ from now on
        return value
    if name in _LAZY:
        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    if name in _OPS_LATER:
        module = _OPS_LATER[name]
        _load_ops(module)
        functions = {function: _OPS_PUBLIC[function] for function in _OPS_ON_FIRST_USE[module][0]}
        functions.update(_with_out_keyword(functions))
        globals().update(functions)  # found without __getattr__ from now on
        return functions[name]
    if name in _NOT_HERE_DTYPES:
        from . import messages

        raise messages.error("dtype_not_here", name=name)
    if name in _COMPLEX_FUNCTIONS:
        from . import messages

        raise messages.error("complex_not_here", name=name)
    raise AttributeError(f"module 'autograd_lab' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY_MODULES, *_LAZY_LISTED, *_OPS_LATER})


_gc_pause.resume()
