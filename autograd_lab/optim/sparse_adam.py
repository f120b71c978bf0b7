"""``SparseAdam``: Adam for sparse gradients, which autograd_lab never makes.

PyTorch's SparseAdam updates only the entries a *sparse* gradient holds
(an ``nn.Embedding(sparse=True)`` makes such gradients) and refuses dense
ones.  autograd_lab has no sparse tensors, so every gradient is dense: the
optimizer is built and printed as PyTorch's, checks its settings as PyTorch
does, and ``step()`` fails with PyTorch's error, pointing to ``Adam``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from .. import messages
from .._grad_mode import enable_grad
from .optimizer import Optimizer


class SparseAdam(Optimizer, torch_module="torch.optim.sparse_adam"):
    """SparseAdam, as ``torch.optim.SparseAdam``: its settings, repr and errors (see the module's note).

    Parameters
    ----------
    params : iterable of Tensor or of dict
        The tensors to optimize, or parameter groups.
    lr : float
        The learning rate (more than 0).
    betas : (float, float)
        The decay rates of the two running averages.
    eps : float
        Added to the denominator (more than 0).
    maximize : bool
        Climb the objective instead of descending it.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> w = torch.tensor([1.0, -2.0], requires_grad=True)
    >>> optimizer = torch.optim.SparseAdam([w], lr=0.1)
    >>> optimizer.param_groups[0]["betas"]
    (0.9, 0.999)
    >>> (w * w).sum().backward()
    >>> optimizer.step()               # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    RuntimeError: SparseAdam does not support dense gradients, please consider Adam instead ...
    """

    def __init__(
        self,
        params: Iterable[Any],
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        maximize: bool = False,
    ) -> None:
        if not 0.0 < lr:
            raise messages.error("optim_not_positive", what="learning rate", value=lr)
        if not 0.0 < eps:
            raise messages.error("optim_not_positive", what="epsilon value", value=eps)
        for index, beta in enumerate(betas[:2]):
            if not 0.0 <= beta < 1.0:
                raise messages.error("optim_invalid_beta", index=index, value=beta)
        defaults = {"lr": lr, "betas": betas, "eps": eps, "maximize": maximize}
        super().__init__(params, defaults)

    def step(self, closure: Callable[[], Any] | None = None) -> Any:
        """Fail as PyTorch does for the dense gradients autograd_lab makes (none at all: do nothing).

        The closure, if given, is called first with gradients recorded, as in PyTorch.
        """
        loss = None
        if closure is not None:
            with enable_grad():
                loss = closure()
        for group in self.param_groups:
            for param in group["params"]:
                if param.grad is not None:
                    raise messages.error("sparse_adam_dense_grad")
        return loss
