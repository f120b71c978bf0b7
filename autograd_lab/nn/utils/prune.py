"""``torch.nn.utils.prune``: zero out part of a module's tensor through a mask and a forward pre-hook.

Pruning ``module.weight`` moves the parameter to ``weight_orig``, stores a
mask of ones and zeros as the buffer ``weight_mask``, and leaves ``weight``
as a plain attribute: ``weight_orig * weight_mask``, recomputed by a
forward pre-hook before every forward.  Gradients flow to ``weight_orig``,
zero where the mask is zero.  The hook is the pruning method itself (an
instance of a :class:`BasePruningMethod` subclass); pruning the same tensor
again combines the methods in a :class:`PruningContainer`, each new mask
computed on what the earlier ones left.  :func:`remove` makes the pruning
permanent: ``weight`` is a parameter again, holding the pruned values.

Random pruning draws its numbers from the global generator, as PyTorch's
does: after the same ``manual_seed`` it prunes the same entries.

Examples
--------
>>> import autograd_lab as torch
>>> from autograd_lab import nn
>>> import autograd_lab.nn.utils.prune as prune
>>> _ = torch.manual_seed(0)
>>> m = prune.l1_unstructured(nn.Linear(3, 2), name="weight", amount=2)
>>> [name for name, _ in m.named_parameters()], [name for name, _ in m.named_buffers()]
(['bias', 'weight_orig'], ['weight_mask'])
>>> m.weight_mask
tensor([[0., 1., 1.],
        [1., 1., 0.]])
>>> m.weight.grad_fn  # doctest: +ELLIPSIS
<MulBackward0 object at 0x...>
"""

from __future__ import annotations

import numbers
from abc import ABCMeta, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from typing import Any, ClassVar, TypeVar

from ... import messages
from ..._classname import PyTorchName
from ...creation import ones_like, rand, rand_like, zeros_like
from ...ops.norms import norm
from ...ops.sorting import kthvalue
from ...tensor import Tensor
from ..modules.module import Module
from ._topk_ties import picked
from .convert_parameters import parameters_to_vector

__all__ = [
    "BasePruningMethod", "PruningContainer", "Identity", "RandomUnstructured", "L1Unstructured",
    "RandomStructured", "LnStructured", "CustomFromMask", "identity", "random_unstructured",
    "l1_unstructured", "random_structured", "ln_structured", "global_unstructured", "custom_from_mask",
    "remove", "is_pruned",
]  # fmt: skip

T_module = TypeVar("T_module", bound=Module)


class _PruningMethodType(PyTorchName, ABCMeta):
    """An abstract base class whose classes print with PyTorch's module name."""


class BasePruningMethod(metaclass=_PruningMethodType, torch_module="torch.nn.utils.prune"):
    """The base of every pruning method: subclass it, set ``PRUNING_TYPE`` and write ``compute_mask``.

    ``PRUNING_TYPE`` tells a :class:`PruningContainer` which part of an
    already pruned tensor a new mask is computed on: ``"unstructured"`` (the
    entries still kept), ``"structured"`` (the channels along ``self.dim``
    still kept) or ``"global"`` (all of it).  An instance is the forward
    pre-hook of the module it prunes, and prints as PyTorch's does.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> from autograd_lab.nn.utils import prune
    >>> class EveryOther(prune.BasePruningMethod):
    ...     PRUNING_TYPE = "unstructured"
    ...
    ...     def compute_mask(self, t, default_mask):
    ...         mask = default_mask.clone()
    ...         mask.view(-1)[::2] = 0
    ...         return mask
    >>> m = nn.Linear(2, 4)
    >>> _ = EveryOther.apply(m, "bias")
    >>> m.bias_mask
    tensor([0., 1., 0., 1.])
    """

    _tensor_name: str
    PRUNING_TYPE: ClassVar[str]

    def __call__(self, module: Module, inputs: Any) -> None:
        """The forward pre-hook: set ``module.<name>`` to ``<name>_orig * <name>_mask``."""
        setattr(module, self._tensor_name, self.apply_mask(module))

    def __repr__(self) -> str:
        cls = type(self)
        name = cls.__dict__.get("_torch_name") or f"{cls.__module__}.{cls.__qualname__}"
        return f"<{name} object at {id(self):#x}>"

    @abstractmethod
    def compute_mask(self, t: Tensor, default_mask: Tensor) -> Tensor:
        """The mask for ``t``: ``default_mask`` (ones where nothing is pruned yet) with this method's zeros added.

        Parameters
        ----------
        t : Tensor
            The importance scores of the tensor to prune (the tensor itself, unless given).
        default_mask : Tensor
            The mask of earlier pruning, of ``t``'s shape; its zeros must stay zeros.

        Returns
        -------
        Tensor
            The new mask, of ``t``'s shape.

        Examples
        --------
        >>> import autograd_lab as torch
        >>> from autograd_lab.nn.utils import prune
        >>> prune.L1Unstructured(amount=1).compute_mask(torch.tensor([3.0, -1.0, 2.0]), torch.ones(3))
        tensor([1., 0., 1.])
        """

    def apply_mask(self, module: Module) -> Tensor:
        """``<name>_mask * <name>_orig`` of ``module`` (recorded: gradients flow to ``<name>_orig``).

        Examples
        --------
        >>> from autograd_lab import nn
        >>> from autograd_lab.nn.utils import prune
        >>> m = prune.identity(nn.Linear(2, 1), "bias")
        >>> hook = next(iter(m._forward_pre_hooks.values()))
        >>> hook.apply_mask(m).grad_fn  # doctest: +ELLIPSIS
        <MulBackward0 object at 0x...>
        """
        if self._tensor_name is None:
            raise messages.error("prune_mask_not_pruned", module=module)
        mask = getattr(module, self._tensor_name + "_mask")
        orig = getattr(module, self._tensor_name + "_orig")
        return mask.to(dtype=orig.dtype) * orig

    @classmethod
    def apply(
        cls, module: Module, name: str, *args: Any, importance_scores: Tensor | None = None, **kwargs: Any
    ) -> BasePruningMethod:
        """Prune ``module.<name>`` with ``cls(*args, **kwargs)``: on the first pruning move it to ``<name>_orig``.

        The mask is stored as the buffer ``<name>_mask`` and the method
        registered as a forward pre-hook.  On a tensor pruned already, the
        earlier method and this one are joined in a :class:`PruningContainer`
        (the hook then), and the new mask is computed on what is left.

        Parameters
        ----------
        module : nn.Module
            The module holding the tensor.
        name : str
            The tensor's name in ``module``.
        *args, **kwargs
            What ``cls`` is made with (``amount=``, ``dim=`` ...).
        importance_scores : Tensor, optional
            Scores of the tensor's shape the mask is computed from; the tensor itself when None.

        Returns
        -------
        BasePruningMethod
            The hook now on ``module`` for ``name``.

        Examples
        --------
        >>> import autograd_lab as torch
        >>> from autograd_lab import nn
        >>> from autograd_lab.nn.utils import prune
        >>> m = nn.Linear(3, 1)
        >>> hook = prune.L1Unstructured.apply(m, "weight", amount=1)
        >>> hook  # doctest: +ELLIPSIS
        <torch.nn.utils.prune.L1Unstructured object at 0x...>
        >>> prune.RandomStructured.apply(m, "weight", amount=1, dim=1)  # doctest: +ELLIPSIS
        <torch.nn.utils.prune.PruningContainer object at 0x...>
        """
        method = _combined_method(cls, module, name, *args, **kwargs)
        orig = getattr(module, name)
        if importance_scores is not None:
            if importance_scores.shape != orig.shape:
                raise messages.error(
                    "prune_scores_shape_param",
                    name=name,
                    module=module,
                    got=importance_scores.shape,
                    expected=orig.shape,
                )
        else:
            importance_scores = orig
        first = not isinstance(method, PruningContainer)
        if first:
            # The tensor moves to <name>_orig; <name> becomes a plain attribute (set below).
            module.register_parameter(name + "_orig", orig)
            del module._parameters[name]
            if not isinstance(orig, Tensor):  # (a None bias: PyTorch fails here too, and leaves <name>_orig)
                raise messages.error("prune_not_a_tensor", type_name=type(orig).__name__, name=name)
            default_mask = ones_like(orig)
        else:
            default_mask = getattr(module, name + "_mask").detach().clone()
        try:
            mask = method.compute_mask(importance_scores, default_mask=default_mask)
            module.register_buffer(name + "_mask", mask)
            setattr(module, name, method.apply_mask(module))
            module.register_forward_pre_hook(method)
        except Exception:
            if first:  # put the parameter back as it was
                orig = getattr(module, name + "_orig")
                module.register_parameter(name, orig)
                del module._parameters[name + "_orig"]
            raise
        return method

    def prune(
        self, t: Tensor, default_mask: Tensor | None = None, importance_scores: Tensor | None = None
    ) -> Tensor:
        """``t`` times the mask :meth:`compute_mask` makes for it (nothing registered on any module).

        Parameters
        ----------
        t : Tensor
            The tensor to prune.
        default_mask : Tensor, optional
            The mask of earlier pruning; ones when None.
        importance_scores : Tensor, optional
            Scores of ``t``'s shape the mask is computed from; ``t`` itself when None.

        Returns
        -------
        Tensor
            The pruned copy of ``t``.

        Examples
        --------
        >>> import autograd_lab as torch
        >>> from autograd_lab.nn.utils import prune
        >>> prune.L1Unstructured(amount=2).prune(torch.tensor([3.0, -1.0, 2.0, 0.5]))
        tensor([3., -0., 2., 0.])
        """
        if importance_scores is not None:
            if importance_scores.shape != t.shape:
                raise messages.error("prune_scores_shape_t", got=importance_scores.shape, expected=t.shape)
        else:
            importance_scores = t
        default_mask = default_mask if default_mask is not None else ones_like(t)
        return t * self.compute_mask(importance_scores, default_mask=default_mask)

    def remove(self, module: Module) -> None:
        """Make the pruning permanent: ``<name>`` is a parameter again, holding the pruned values.

        ``<name>_orig`` and ``<name>_mask`` are deleted; the hook itself is
        taken off by :func:`remove`, which calls this.

        Examples
        --------
        >>> from autograd_lab import nn
        >>> from autograd_lab.nn.utils import prune
        >>> m = prune.identity(nn.Linear(2, 1), "weight")
        >>> next(iter(m._forward_pre_hooks.values())).remove(m)
        >>> [name for name, _ in m.named_parameters()]
        ['bias', 'weight']
        """
        if self._tensor_name is None:
            raise messages.error("prune_remove_not_pruned", module=module)
        weight = self.apply_mask(module)
        if hasattr(module, self._tensor_name):
            delattr(module, self._tensor_name)
        # The same Parameter object as before pruning, now holding the pruned values.
        orig = module._parameters[self._tensor_name + "_orig"]
        orig.data = weight.data
        del module._parameters[self._tensor_name + "_orig"]
        del module._buffers[self._tensor_name + "_mask"]
        setattr(module, self._tensor_name, orig)


def _combined_method(cls: type, module: Module, name: str, *args: Any, **kwargs: Any) -> BasePruningMethod:
    """``cls(*args, **kwargs)`` for ``module.<name>``, joined with the pruning hook already there (taken off)."""
    old_method = None
    keys = []
    for key, hook in module._forward_pre_hooks.items():
        if isinstance(hook, BasePruningMethod) and hook._tensor_name == name:
            old_method = hook
            keys.append(key)
    if len(keys) > 1:
        raise messages.error("prune_hooks_twice", name=name, module=module)
    for key in keys:
        del module._forward_pre_hooks[key]
    method = cls(*args, **kwargs)
    method._tensor_name = name
    if old_method is None:
        return method
    if isinstance(old_method, PruningContainer):
        old_method.add_pruning_method(method)
        return old_method
    container = PruningContainer(old_method)
    container.add_pruning_method(method)
    return container


class PruningContainer(BasePruningMethod, torch_module="torch.nn.utils.prune"):
    """The pruning methods applied one after the other to one tensor, the latest computing the next mask.

    Pruning a tensor a second time makes one (the hook then); iterating it
    gives the methods in the order they were applied.

    Examples
    --------
    >>> from autograd_lab import nn
    >>> from autograd_lab.nn.utils import prune
    >>> m = prune.l1_unstructured(nn.Linear(4, 3), "weight", amount=2)
    >>> m = prune.ln_structured(m, "weight", amount=1, n=2, dim=0)
    >>> [type(method).__name__ for method in m._forward_pre_hooks[next(iter(m._forward_pre_hooks))]]
    ['L1Unstructured', 'LnStructured']
    """

    def __init__(self, *args: BasePruningMethod) -> None:
        self._pruning_methods: tuple[BasePruningMethod, ...] = ()
        if len(args) == 1:
            self._tensor_name = args[0]._tensor_name
            self.add_pruning_method(args[0])
        else:
            for method in args:
                self.add_pruning_method(method)

    def add_pruning_method(self, method: BasePruningMethod | None) -> None:
        """Append ``method`` (one acting on the same tensor name) to the container.

        Examples
        --------
        >>> from autograd_lab.nn.utils import prune
        >>> first = prune.Identity()
        >>> first._tensor_name = "weight"
        >>> container = prune.PruningContainer(first)
        >>> second = prune.RandomUnstructured(amount=0.5)
        >>> second._tensor_name = "weight"
        >>> container.add_pruning_method(second)
        >>> len(container)
        2
        """
        if not isinstance(method, BasePruningMethod) and method is not None:
            raise messages.error("prune_container_type", type_name=type(method))
        if method is not None and self._tensor_name != method._tensor_name:
            raise messages.error(
                "prune_container_name", name=self._tensor_name, container=self, found=method._tensor_name
            )
        self._pruning_methods += (method,)

    def __len__(self) -> int:
        return len(self._pruning_methods)

    def __iter__(self) -> Iterator[BasePruningMethod]:
        return iter(self._pruning_methods)

    def __getitem__(self, idx: Any) -> Any:
        return self._pruning_methods[idx]

    def compute_mask(self, t: Tensor, default_mask: Tensor) -> Tensor:
        """The latest method's mask, computed on the part of ``t`` the earlier masks kept.

        That part is the entries still 1 for an ``"unstructured"`` method,
        the channels along its ``dim`` not wholly zero for a ``"structured"``
        one, and everything for a ``"global"`` one.  The mask returned is
        ``default_mask`` with the new zeros written in (the same tensor when
        its dtype is ``t``'s).

        Examples
        --------
        >>> import autograd_lab as torch
        >>> from autograd_lab.nn.utils import prune
        >>> method = prune.L1Unstructured(amount=1)
        >>> method._tensor_name = "w"
        >>> container = prune.PruningContainer(method)
        >>> container.compute_mask(torch.tensor([3.0, 1.0, 2.0]), torch.tensor([1.0, 0.0, 1.0]))
        tensor([1., 0., 0.])
        """
        method = self._pruning_methods[-1]
        new_mask = default_mask.to(dtype=t.dtype)
        kind = method.PRUNING_TYPE
        if kind == "unstructured":
            where: Any = default_mask == 1
        elif kind == "structured":
            if not hasattr(method, "dim"):
                raise messages.error("prune_structured_no_dim")
            n_dims = t.dim()
            dim = method.dim
            if dim < 0:
                dim = n_dims + dim
            if dim < 0:
                raise messages.error("prune_dim_out_of_bounds", n_dims=n_dims)
            # channels along dim the earlier masks have not zeroed out entirely
            keep_channel = default_mask.sum(dim=[d for d in range(n_dims) if d != dim]) != 0
            where = tuple(keep_channel if d == dim else slice(None) for d in range(n_dims))
        elif kind == "global":
            where = (slice(None),) * len(t.shape)
        else:
            raise messages.error("prune_unknown_type", kind=kind)
        partial_mask = method.compute_mask(t[where], default_mask=default_mask[where])
        new_mask[where] = partial_mask.to(dtype=new_mask.dtype)
        return new_mask


class Identity(BasePruningMethod, torch_module="torch.nn.utils.prune"):
    """Prunes nothing: the reparametrisation with a mask of ones.

    Examples
    --------
    >>> from autograd_lab import nn
    >>> from autograd_lab.nn.utils import prune
    >>> m = nn.Linear(2, 3)
    >>> prune.Identity.apply(m, "bias")  # doctest: +ELLIPSIS
    <torch.nn.utils.prune.Identity object at 0x...>
    >>> m.bias_mask
    tensor([1., 1., 1.])
    """

    PRUNING_TYPE = "unstructured"

    def compute_mask(self, t: Tensor, default_mask: Tensor) -> Tensor:
        """``default_mask`` itself."""
        return default_mask

    @classmethod
    def apply(cls, module: Module, name: str) -> Identity:  # type: ignore[override]
        """Reparametrise ``module.<name>`` with a mask of ones (see :meth:`BasePruningMethod.apply`)."""
        return super().apply(module, name)


class _Unstructured(BasePruningMethod):
    """What RandomUnstructured and L1Unstructured share: an amount of single entries to prune."""

    PRUNING_TYPE = "unstructured"

    def __init__(self, amount: int | float) -> None:
        _validate_pruning_amount_init(amount)
        self.amount = amount


def _unstructured_mask(
    amount: int | float, t: Tensor, default_mask: Tensor, scores: Callable[[], Tensor], largest: bool
) -> Tensor:
    """``default_mask`` with zeros at the ``amount`` entries of largest (or smallest) score, as PyTorch picks
    them; the scores are made only when something is pruned (random ones draw numbers)."""
    tensor_size = t.nelement()
    nparams_toprune = _compute_nparams_toprune(amount, tensor_size)
    _validate_pruning_amount(nparams_toprune, tensor_size)
    mask = default_mask.clone()
    if nparams_toprune != 0:
        mask.view(-1)[_topk_indices(scores().view(-1), nparams_toprune, largest=largest)] = 0
    return mask


class RandomUnstructured(_Unstructured, torch_module="torch.nn.utils.prune"):
    """Prunes ``amount`` of the entries still kept, chosen at random (the global generator's draws).

    Parameters
    ----------
    amount : int or float
        How many entries to prune: a count, or a fraction in [0, 1] of the entries.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.nn.utils import prune
    >>> _ = torch.manual_seed(0)
    >>> prune.RandomUnstructured(amount=2).compute_mask(torch.zeros(4), torch.ones(4))
    tensor([0., 0., 1., 1.])
    """

    def compute_mask(self, t: Tensor, default_mask: Tensor) -> Tensor:
        """``default_mask`` with zeros at the entries whose uniform draws are the largest."""
        return _unstructured_mask(self.amount, t, default_mask, lambda: rand_like(t), largest=True)

    @classmethod
    def apply(cls, module: Module, name: str, amount: int | float) -> BasePruningMethod:  # type: ignore[override]
        """Prune ``module.<name>`` at random (see :meth:`BasePruningMethod.apply`)."""
        return super().apply(module, name, amount=amount)


class L1Unstructured(_Unstructured, torch_module="torch.nn.utils.prune"):
    """Prunes ``amount`` of the entries still kept: those of smallest absolute value.

    Parameters
    ----------
    amount : int or float
        How many entries to prune: a count, or a fraction in [0, 1] of the entries.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.nn.utils import prune
    >>> prune.L1Unstructured(amount=0.5).compute_mask(torch.tensor([0.1, -3.0, 0.2, 4.0]), torch.ones(4))
    tensor([0., 1., 0., 1.])
    """

    def compute_mask(self, t: Tensor, default_mask: Tensor) -> Tensor:
        """``default_mask`` with zeros at the entries of ``t`` of smallest absolute value."""
        return _unstructured_mask(self.amount, t, default_mask, t.abs, largest=False)

    @classmethod
    def apply(  # type: ignore[override]
        cls, module: Module, name: str, amount: int | float, importance_scores: Tensor | None = None
    ) -> BasePruningMethod:
        """Prune the smallest entries of ``module.<name>`` (see :meth:`BasePruningMethod.apply`)."""
        return super().apply(module, name, amount=amount, importance_scores=importance_scores)


class RandomStructured(BasePruningMethod, torch_module="torch.nn.utils.prune"):
    """Prunes whole channels along ``dim``, chosen at random (the global generator's draws).

    Parameters
    ----------
    amount : int or float
        How many channels to prune: a count, or a fraction in [0, 1] of the channels.
    dim : int
        The dimension whose slices are the channels.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.nn.utils import prune
    >>> _ = torch.manual_seed(0)
    >>> prune.RandomStructured(amount=1, dim=1).compute_mask(torch.ones(2, 3), torch.ones(2, 3))
    tensor([[1., 1., 0.],
            [1., 1., 0.]])
    """

    PRUNING_TYPE = "structured"

    def __init__(self, amount: int | float, dim: int = -1) -> None:
        _validate_pruning_amount_init(amount)
        self.amount = amount
        self.dim = dim

    def compute_mask(self, t: Tensor, default_mask: Tensor) -> Tensor:
        """``default_mask`` times a mask zero on the channels whose uniform draws are the smallest."""
        _validate_structured_pruning(t)
        _validate_pruning_dim(t, self.dim)
        tensor_size = t.shape[self.dim]
        nparams_toprune = _compute_nparams_toprune(self.amount, tensor_size)
        _validate_pruning_amount(nparams_toprune, tensor_size)
        if nparams_toprune == 0:
            return default_mask
        # one draw per channel; the channels at or below the k-th smallest draw are pruned
        prob = rand(tensor_size)
        if isinstance(nparams_toprune, bool):
            raise messages.error("prune_k_bool", function="kthvalue")
        threshold = kthvalue(prob, k=nparams_toprune).values
        return _channel_mask(t, self.dim, prob > threshold, default_mask)

    @classmethod
    def apply(cls, module: Module, name: str, amount: int | float, dim: int = -1) -> BasePruningMethod:  # type: ignore[override]
        """Prune random channels of ``module.<name>`` (see :meth:`BasePruningMethod.apply`)."""
        return super().apply(module, name, amount=amount, dim=dim)


class LnStructured(BasePruningMethod, torch_module="torch.nn.utils.prune"):
    """Prunes whole channels along ``dim``: those of smallest ``n``-norm.

    Parameters
    ----------
    amount : int or float
        How many channels to prune: a count, or a fraction in [0, 1] of the channels.
    n : int, float, inf, -inf or "fro"
        The norm, as ``p`` of :func:`torch.norm`.
    dim : int
        The dimension whose slices are the channels.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.nn.utils import prune
    >>> w = torch.tensor([[1.0, -5.0, 0.1], [2.0, 0.5, 0.2]])
    >>> prune.LnStructured(amount=2, n=1, dim=1).compute_mask(w, torch.ones(2, 3))
    tensor([[0., 1., 0.],
            [0., 1., 0.]])
    """

    PRUNING_TYPE = "structured"

    def __init__(self, amount: int | float, n: Any, dim: int = -1) -> None:
        _validate_pruning_amount_init(amount)
        self.amount = amount
        self.n = n
        self.dim = dim

    def compute_mask(self, t: Tensor, default_mask: Tensor) -> Tensor:
        """``default_mask`` times a mask one on the channels of largest norm, zero on the others."""
        _validate_structured_pruning(t)
        _validate_pruning_dim(t, self.dim)
        tensor_size = t.shape[self.dim]
        nparams_toprune = _compute_nparams_toprune(self.amount, tensor_size)
        nparams_tokeep = tensor_size - nparams_toprune
        _validate_pruning_amount(nparams_toprune, tensor_size)
        kept = _topk_indices(_compute_norm(t, self.n, self.dim), nparams_tokeep, largest=True)
        if nparams_toprune == 0:
            return default_mask
        return _channel_mask(t, self.dim, kept, default_mask)

    @classmethod
    def apply(  # type: ignore[override]
        cls,
        module: Module,
        name: str,
        amount: int | float,
        n: Any,
        dim: int,
        importance_scores: Tensor | None = None,
    ) -> BasePruningMethod:
        """Prune the channels of smallest norm of ``module.<name>`` (see :meth:`BasePruningMethod.apply`)."""
        return super().apply(module, name, amount=amount, n=n, dim=dim, importance_scores=importance_scores)


class CustomFromMask(BasePruningMethod, torch_module="torch.nn.utils.prune"):
    """Prunes where a given mask is zero.

    Parameters
    ----------
    mask : Tensor
        The mask, of the pruned tensor's shape.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.nn.utils import prune
    >>> prune.CustomFromMask(torch.tensor([1, 0, 1])).compute_mask(torch.zeros(3), torch.ones(3))
    tensor([1., 0., 1.])
    """

    PRUNING_TYPE = "global"

    def __init__(self, mask: Tensor) -> None:
        self.mask = mask

    def compute_mask(self, t: Tensor, default_mask: Tensor) -> Tensor:
        """``default_mask * mask`` (in ``default_mask``'s dtype)."""
        if default_mask.shape != self.mask.shape:
            raise messages.error("prune_custom_mask_shape", got=default_mask.shape, expected=self.mask.shape)
        return default_mask * self.mask.to(dtype=default_mask.dtype)

    @classmethod
    def apply(cls, module: Module, name: str, mask: Tensor) -> BasePruningMethod:  # type: ignore[override]
        """Prune ``module.<name>`` where ``mask`` is zero (see :meth:`BasePruningMethod.apply`)."""
        return super().apply(module, name, mask=mask)


# -- the functions -------------------------------------------------------------------------------------------


def identity(module: T_module, name: str) -> T_module:
    """Reparametrise ``module.<name>`` as ``<name>_orig * <name>_mask`` with a mask of ones, pruning nothing.

    Parameters
    ----------
    module : nn.Module
        The module holding the tensor.
    name : str
        The tensor's name in ``module``.

    Returns
    -------
    nn.Module
        ``module``, pruned.

    Examples
    --------
    >>> from autograd_lab import nn
    >>> from autograd_lab.nn.utils import prune
    >>> prune.identity(nn.Linear(2, 3), "bias").bias_mask
    tensor([1., 1., 1.])
    """
    Identity.apply(module, name)
    return module


def random_unstructured(module: T_module, name: str, amount: int | float) -> T_module:
    """Prune ``amount`` of the entries of ``module.<name>`` still kept, chosen at random.

    ``module.<name>`` becomes ``<name>_orig * <name>_mask``: the parameter
    ``<name>_orig`` holds the tensor, the buffer ``<name>_mask`` the mask,
    and a forward pre-hook recomputes the product before every forward.

    Parameters
    ----------
    module : nn.Module
        The module holding the tensor.
    name : str
        The tensor's name in ``module``.
    amount : int or float
        How many entries to prune: a count, or a fraction in [0, 1] of the entries.

    Returns
    -------
    nn.Module
        ``module``, pruned.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> from autograd_lab.nn.utils import prune
    >>> m = prune.random_unstructured(nn.Linear(2, 3), "weight", amount=1)
    >>> torch.sum(m.weight_mask == 0)
    tensor(1)
    """
    RandomUnstructured.apply(module, name, amount)
    return module


def l1_unstructured(
    module: T_module, name: str, amount: int | float, importance_scores: Tensor | None = None
) -> T_module:
    """Prune ``amount`` of the entries of ``module.<name>`` still kept: those of smallest absolute value.

    Parameters
    ----------
    module : nn.Module
        The module holding the tensor.
    name : str
        The tensor's name in ``module``.
    amount : int or float
        How many entries to prune: a count, or a fraction in [0, 1] of the entries.
    importance_scores : Tensor, optional
        Scores of the tensor's shape ranked instead of the tensor's own values.

    Returns
    -------
    nn.Module
        ``module``, pruned.

    Examples
    --------
    >>> from autograd_lab import nn
    >>> from autograd_lab.nn.utils import prune
    >>> m = prune.l1_unstructured(nn.Linear(2, 3), "weight", amount=0.2)
    >>> m.state_dict().keys()
    odict_keys(['bias', 'weight_orig', 'weight_mask'])
    """
    L1Unstructured.apply(module, name, amount=amount, importance_scores=importance_scores)
    return module


def random_structured(module: T_module, name: str, amount: int | float, dim: int) -> T_module:
    """Prune ``amount`` of the channels of ``module.<name>`` along ``dim``, chosen at random.

    Parameters
    ----------
    module : nn.Module
        The module holding the tensor.
    name : str
        The tensor's name in ``module``.
    amount : int or float
        How many channels to prune: a count, or a fraction in [0, 1] of the channels.
    dim : int
        The dimension whose slices are the channels.

    Returns
    -------
    nn.Module
        ``module``, pruned.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> from autograd_lab.nn.utils import prune
    >>> m = prune.random_structured(nn.Linear(5, 3), "weight", amount=3, dim=1)
    >>> int(sum(torch.sum(m.weight, dim=0) == 0))
    3
    """
    RandomStructured.apply(module, name, amount, dim)
    return module


def ln_structured(
    module: T_module,
    name: str,
    amount: int | float,
    n: Any,
    dim: int,
    importance_scores: Tensor | None = None,
) -> T_module:
    """Prune ``amount`` of the channels of ``module.<name>`` along ``dim``: those of smallest ``n``-norm.

    Parameters
    ----------
    module : nn.Module
        The module holding the tensor.
    name : str
        The tensor's name in ``module``.
    amount : int or float
        How many channels to prune: a count, or a fraction in [0, 1] of the channels.
    n : int, float, inf, -inf or "fro"
        The norm, as ``p`` of :func:`torch.norm`.
    dim : int
        The dimension whose slices are the channels.
    importance_scores : Tensor, optional
        Scores of the tensor's shape ranked instead of the tensor's own values.

    Returns
    -------
    nn.Module
        ``module``, pruned.

    Examples
    --------
    >>> from autograd_lab import nn
    >>> from autograd_lab.nn.utils import prune
    >>> m = prune.ln_structured(nn.Conv2d(5, 3, 2), "weight", amount=0.3, dim=1, n=float("-inf"))
    >>> int((m.weight_mask.sum(dim=(0, 2, 3)) == 0).sum())
    2
    """
    LnStructured.apply(module, name, amount, n, dim, importance_scores=importance_scores)
    return module


def global_unstructured(
    parameters: Iterable[tuple[Module, str]],
    pruning_method: type[BasePruningMethod],
    importance_scores: dict | None = None,
    **kwargs: Any,
) -> None:
    """Prune the tensors of ``parameters`` together: ``amount`` of all their entries, ranked as one vector.

    Each tensor then has its own ``<name>_orig``, ``<name>_mask`` and hook
    (a :class:`CustomFromMask` with its slice of the common mask), so its
    share of the pruning follows from the ranking, not a fixed fraction.

    Parameters
    ----------
    parameters : iterable of (nn.Module, str)
        The tensors, as (module, name) pairs.
    pruning_method : type
        A pruning method class of ``PRUNING_TYPE = "unstructured"`` (``prune.L1Unstructured`` ...).
    importance_scores : dict, optional
        Scores by (module, name) ranked instead of the tensors' own values.
    **kwargs
        What ``pruning_method`` is made with, e.g. ``amount=0.2``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> from autograd_lab.nn.utils import prune
    >>> net = nn.Sequential(nn.Linear(10, 4), nn.Linear(4, 1))
    >>> prune.global_unstructured(
    ...     [(net[0], "weight"), (net[1], "weight")], pruning_method=prune.L1Unstructured, amount=10
    ... )
    >>> sum(torch.nn.utils.parameters_to_vector(net.buffers()) == 0)
    tensor(10)
    """
    if not isinstance(parameters, Iterable):
        raise messages.error("prune_global_not_iterable")
    importance_scores = importance_scores if importance_scores is not None else {}
    if not isinstance(importance_scores, dict):
        raise messages.error("prune_global_scores_type")
    # every score and every mask (ones where none yet) as one vector
    relevant_importance_scores = parameters_to_vector(
        [importance_scores.get((module, name), getattr(module, name)) for (module, name) in parameters]
    )
    default_mask = parameters_to_vector(
        [getattr(module, name + "_mask", ones_like(getattr(module, name))) for (module, name) in parameters]
    )
    container = PruningContainer()
    container._tensor_name = "temp"
    method = pruning_method(**kwargs)
    method._tensor_name = "temp"
    if method.PRUNING_TYPE != "unstructured":
        raise messages.error("prune_global_not_unstructured", method=pruning_method, kind=method.PRUNING_TYPE)
    container.add_pruning_method(method)
    final_mask = container.compute_mask(relevant_importance_scores, default_mask)
    pointer = 0
    for module, name in parameters:
        param = getattr(module, name)
        num_param = param.numel()
        custom_from_mask(module, name, mask=final_mask[pointer : pointer + num_param].view_as(param))
        pointer += num_param


def custom_from_mask(module: T_module, name: str, mask: Tensor) -> T_module:
    """Prune ``module.<name>`` where ``mask`` is zero.

    Parameters
    ----------
    module : nn.Module
        The module holding the tensor.
    name : str
        The tensor's name in ``module``.
    mask : Tensor
        The mask, of the tensor's shape.

    Returns
    -------
    nn.Module
        ``module``, pruned.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> from autograd_lab.nn.utils import prune
    >>> prune.custom_from_mask(nn.Linear(5, 3), name="bias", mask=torch.tensor([0, 1, 0])).bias_mask
    tensor([0., 1., 0.])
    """
    CustomFromMask.apply(module, name, mask)
    return module


def remove(module: T_module, name: str) -> T_module:
    """Make the pruning of ``module.<name>`` permanent and take its hook off.

    ``<name>`` is a parameter again (the same object as before pruning),
    holding the pruned values; ``<name>_orig`` and ``<name>_mask`` are gone.
    The pruning itself is not undone.

    Parameters
    ----------
    module : nn.Module
        The module holding the tensor.
    name : str
        The tensor's name in ``module``.

    Returns
    -------
    nn.Module
        ``module``.

    Examples
    --------
    >>> from autograd_lab import nn
    >>> from autograd_lab.nn.utils import prune
    >>> m = prune.random_unstructured(nn.Linear(5, 7), name="weight", amount=0.2)
    >>> m = prune.remove(m, name="weight")
    >>> [name for name, _ in m.named_parameters()], m._forward_pre_hooks
    (['bias', 'weight'], OrderedDict())
    """
    for key, hook in module._forward_pre_hooks.items():
        if isinstance(hook, BasePruningMethod) and hook._tensor_name == name:
            hook.remove(module)
            del module._forward_pre_hooks[key]
            return module
    raise messages.error("prune_remove_missing", name=name, module=module)


def is_pruned(module: Module) -> bool:
    """Whether ``module`` or one of its submodules has a pruning hook.

    Examples
    --------
    >>> from autograd_lab import nn
    >>> from autograd_lab.nn.utils import prune
    >>> m = nn.Linear(5, 7)
    >>> prune.is_pruned(m)
    False
    >>> _ = prune.random_unstructured(m, name="weight", amount=0.2)
    >>> prune.is_pruned(m)
    True
    """
    for _, submodule in module.named_modules():
        for hook in submodule._forward_pre_hooks.values():
            if isinstance(hook, BasePruningMethod):
                return True
    return False


# -- checks and counts ---------------------------------------------------------------------------------------


def _validate_pruning_amount_init(amount: Any) -> None:
    """``amount`` is a number: a count at least 0, or a fraction in [0, 1]."""
    if not isinstance(amount, numbers.Real):
        raise messages.error("prune_amount_type", amount=amount)
    integral = isinstance(amount, numbers.Integral)
    if (integral and amount < 0) or (not integral and (float(amount) > 1.0 or float(amount) < 0.0)):
        raise messages.error("prune_amount_range", amount=amount)


def _validate_pruning_amount(amount: Any, tensor_size: int) -> None:
    """A count of units to prune is at most the number of units."""
    if isinstance(amount, numbers.Integral) and amount > tensor_size:
        raise messages.error("prune_amount_too_big", amount=amount, size=tensor_size)


def _validate_structured_pruning(t: Tensor) -> None:
    """Channels need a tensor of two dimensions or more."""
    shape = t.shape
    if len(shape) <= 1:
        raise messages.error("prune_structured_1d", shape=shape, ndim=len(shape))


def _compute_nparams_toprune(amount: int | float, tensor_size: int) -> int:
    """The number of units ``amount`` means: itself if a count, else the fraction of ``tensor_size``, rounded."""
    if isinstance(amount, numbers.Integral):
        return amount  # type: ignore[return-value]
    return round(amount * tensor_size)


def _validate_pruning_dim(t: Tensor, dim: int) -> None:
    """``dim`` is below ``t.dim()`` (a negative one is not checked, as in PyTorch)."""
    if dim >= t.dim():
        raise messages.error("prune_dim_invalid", dim=dim, shape=t.shape)


def _topk_indices(values: Tensor, k: int, largest: bool) -> Tensor:
    """The indices ``torch.topk(values, k, largest=largest)`` picks from a 1-D tensor, ties included.

    ``topk`` itself breaks ties differently from PyTorch's kernel; a mask only
    needs the set picked, which ``_topk_ties.picked`` gives as PyTorch's.
    """
    if isinstance(k, bool):
        raise messages.error("prune_k_bool", function="topk")
    return Tensor._wrap(picked(values._array, k, largest))


def _along(t: Tensor, dim: int, index: Tensor) -> tuple:
    """The index ``[:, ..., index, ..., :]`` with ``index`` at ``dim`` (counted from the end when negative)."""
    where: list[Any] = [slice(None)] * len(t.shape)
    where[dim] = index
    return tuple(where)


def _channel_mask(t: Tensor, dim: int, kept: Tensor, default_mask: Tensor) -> Tensor:
    """Ones on the ``kept`` channels along ``dim`` (a boolean mask or indices), zeros elsewhere, times
    ``default_mask``: the structured methods' last step."""
    mask = zeros_like(t)
    mask[_along(t, dim, kept)] = 1
    mask *= default_mask.to(dtype=mask.dtype)
    return mask


def _compute_norm(t: Tensor, n: Any, dim: int) -> Tensor:
    """The ``n``-norm of each channel of ``t`` along ``dim`` (over every other dimension)."""
    dims = list(range(t.dim()))
    if dim < 0:
        dim = dims[dim]
    dims.remove(dim)
    return norm(t, p=n, dim=dims)
