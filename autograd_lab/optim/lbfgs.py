"""``LBFGS``: limited-memory BFGS, a quasi-Newton method that calls the loss several times a step.

L-BFGS keeps the last ``history_size`` changes of the weights (``s``) and
of the gradient (``y``); from them it turns the gradient into a direction
that takes the curvature of the loss into account (the "two-loop
recursion"), then moves along it: by ``lr`` times the direction, or as far
as a *strong Wolfe* line search finds good.  It needs the loss again and
again, so ``step`` takes a ``closure`` that clears the gradients, computes
the loss, calls ``backward()`` and returns the loss.

Everything is computed as ``torch/optim/lbfgs.py`` computes it: the
directions and gradients as flat tensors in the parameters' dtype, the
scalars (``t``, ``H_diag``, the entries of ``ro`` and ``al``) as 0-d tensors
or Python numbers just where PyTorch has them, so the state prints as
PyTorch's.  The dot products are NumPy's, not Intel MKL's, which may differ
in the last bit: trajectories agree with PyTorch's to ~1e-12 in float64 and
~1e-6 in float32 rather than exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from .. import messages
from .._grad_mode import enable_grad, no_grad
from .._views import write
from ..tensor import Tensor
from ._kernels import add
from .optimizer import Optimizer, check_not_negative

Number = Any  # a Python number or a 0-d tensor, as in PyTorch's code


def _cubic_minimum(
    x1: Number, f1: Number, g1: Number, x2: Number, f2: Number, g2: Number, bounds: tuple | None = None
) -> Number:
    """Where the cubic through (x1, f1) and (x2, f2) with slopes g1 and g2 is lowest, kept within bounds.

    Without bounds, between x1 and x2; without a real minimum, the middle of the bounds.
    """
    if bounds is None:
        low, high = (x1, x2) if x1 <= x2 else (x2, x1)
    else:
        low, high = bounds
    d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2)
    d2_square = d1**2 - g1 * g2
    if not d2_square >= 0:
        return (low + high) / 2.0
    d2 = d2_square.sqrt()
    if x1 <= x2:
        at = x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
    else:
        at = x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2))
    return min(max(at, low), high)


def _strong_wolfe(
    evaluate: Callable[[Number], tuple[float, Tensor]],
    t: Number,
    d: Tensor,
    f: float,
    g: Tensor,
    gtd: Tensor,
    c1: float = 1e-4,
    c2: float = 0.9,
    tolerance_change: float = 1e-9,
    max_ls: int = 25,
) -> tuple[float, Tensor, Number, int]:
    """A step ``t`` along ``d`` meeting the strong Wolfe conditions, as PyTorch's ``_strong_wolfe`` finds it.

    ``evaluate(t)``: the loss and the flat gradient at the weights plus ``t * d``.
    First the step grows (by cubic interpolation, up to 10 times) until a
    bracket holds a good step, then the bracket shrinks around it ("zoom").
    Returns the loss, the gradient and the step found, and how many times
    the loss was computed.
    """
    d_norm = d.abs().max()
    g = g.clone()
    f_new, g_new = evaluate(t)
    evaluations = 1
    gtd_new = g_new.dot(d)

    t_prev, f_prev, g_prev, gtd_prev = 0, f, g, gtd
    done = False
    ls_iter = 0
    bracket: list[Any] = []
    bracket_f: list[Any] = []
    bracket_g: list[Any] = []
    bracket_gtd: list[Any] = []
    while ls_iter < max_ls:
        # The Armijo condition fails, or the loss went up: a minimum lies between t_prev and t.
        if f_new > (f + c1 * t * gtd) or (ls_iter > 1 and f_new >= f_prev):
            bracket, bracket_f = [t_prev, t], [f_prev, f_new]
            bracket_g, bracket_gtd = [g_prev, g_new.clone()], [gtd_prev, gtd_new]
            break
        # The slope is small enough: t is good.
        if abs(gtd_new) <= -c2 * gtd:
            bracket, bracket_f, bracket_g = [t], [f_new], [g_new]
            done = True
            break
        # The slope turned positive: a minimum lies between t_prev and t.
        if gtd_new >= 0:
            bracket, bracket_f = [t_prev, t], [f_prev, f_new]
            bracket_g, bracket_gtd = [g_prev, g_new.clone()], [gtd_prev, gtd_new]
            break
        # Still going down: try further on.
        min_step = t + 0.01 * (t - t_prev)
        max_step = t * 10
        before = t
        t = _cubic_minimum(t_prev, f_prev, gtd_prev, t, f_new, gtd_new, bounds=(min_step, max_step))
        t_prev, f_prev, g_prev, gtd_prev = before, f_new, g_new.clone(), gtd_new
        f_new, g_new = evaluate(t)
        evaluations += 1
        gtd_new = g_new.dot(d)
        ls_iter += 1

    if ls_iter == max_ls:
        bracket, bracket_f, bracket_g = [0, t], [f, f_new], [g, g_new]

    # Zoom: shrink the bracket until a step meets both conditions.
    insufficient_progress = False
    low, high = (0, 1) if bracket_f[0] <= bracket_f[-1] else (1, 0)
    while not done and ls_iter < max_ls:
        if abs(bracket[1] - bracket[0]) * d_norm < tolerance_change:
            break
        t = _cubic_minimum(bracket[0], bracket_f[0], bracket_gtd[0], bracket[1], bracket_f[1], bracket_gtd[1])

        # Too close to an end of the bracket: move 10% of its width inside (at the second time in a row).
        margin = 0.1 * (max(bracket) - min(bracket))
        if min(max(bracket) - t, t - min(bracket)) < margin:
            if insufficient_progress or t >= max(bracket) or t <= min(bracket):
                if abs(t - max(bracket)) < abs(t - min(bracket)):
                    t = max(bracket) - margin
                else:
                    t = min(bracket) + margin
                insufficient_progress = False
            else:
                insufficient_progress = True
        else:
            insufficient_progress = False

        f_new, g_new = evaluate(t)
        evaluations += 1
        gtd_new = g_new.dot(d)
        ls_iter += 1

        if f_new > (f + c1 * t * gtd) or f_new >= bracket_f[low]:
            # not low enough: t replaces the higher end
            bracket[high], bracket_f[high] = t, f_new
            bracket_g[high], bracket_gtd[high] = g_new.clone(), gtd_new
            low, high = (0, 1) if bracket_f[0] <= bracket_f[1] else (1, 0)
        else:
            if abs(gtd_new) <= -c2 * gtd:
                done = True
            elif gtd_new * (bracket[high] - bracket[low]) >= 0:
                # the minimum lies on the other side of t: the low end becomes the high one
                bracket[high], bracket_f[high] = bracket[low], bracket_f[low]
                bracket_g[high], bracket_gtd[high] = bracket_g[low], bracket_gtd[low]
            bracket[low], bracket_f[low] = t, f_new
            bracket_g[low], bracket_gtd[low] = g_new.clone(), gtd_new

    return bracket_f[low], bracket_g[low], bracket[low], evaluations


class LBFGS(Optimizer, torch_module="torch.optim.lbfgs"):
    """L-BFGS, as ``torch.optim.LBFGS`` (see the module's note for the method).

    One ``step(closure)`` makes up to ``max_iter`` iterations and calls the
    closure up to ``max_eval`` times; it stops early when the gradient or
    the change of the loss or of the weights is below the tolerances.  The
    state (``func_evals``, ``n_iter``, the direction ``d``, the step ``t``,
    the history ``old_dirs``, ``old_stps``, ``ro`` ...) is kept for the first
    parameter, as in PyTorch; there is one parameter group only.

    Parameters
    ----------
    params : iterable of Tensor
        The tensors to optimize (one group).
    lr : float
        The learning rate: the step along each direction (before the line search).
    max_iter : int
        Iterations per ``step``.
    max_eval : int, optional
        Loss evaluations per ``step``; ``max_iter * 5 // 4`` by default.
    tolerance_grad : float
        Stop when every entry of the gradient is this small.
    tolerance_change : float
        Stop when the loss or the weights change less than this.
    history_size : int
        How many past changes are kept.
    line_search_fn : {None, 'strong_wolfe'}
        ``None`` takes the step ``lr`` as it is.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> w = torch.tensor([3.0, -1.0], requires_grad=True)
    >>> optimizer = torch.optim.LBFGS([w], line_search_fn="strong_wolfe")
    >>> def closure():
    ...     optimizer.zero_grad()
    ...     loss = ((w - torch.tensor([1.0, 2.0])) ** 2).sum()
    ...     loss.backward()
    ...     return loss
    >>> loss = optimizer.step(closure)   # returns the first loss: 4 + 9
    >>> loss
    tensor(13., grad_fn=<SumBackward0>)
    >>> [round(value, 4) for value in w.tolist()]   # the minimum, found in one step
    [1.0, 2.0]
    """

    def __init__(
        self,
        params: Iterable[Any],
        lr: float = 1,
        max_iter: int = 20,
        max_eval: int | None = None,
        tolerance_grad: float = 1e-7,
        tolerance_change: float = 1e-9,
        history_size: int = 100,
        line_search_fn: str | None = None,
    ) -> None:
        check_not_negative(lr, "learning rate")
        if max_eval is None:
            max_eval = max_iter * 5 // 4
        defaults = {
            "lr": lr,
            "max_iter": max_iter,
            "max_eval": max_eval,
            "tolerance_grad": tolerance_grad,
            "tolerance_change": tolerance_change,
            "history_size": history_size,
            "line_search_fn": line_search_fn,
        }
        super().__init__(params, defaults)
        if len(self.param_groups) != 1:
            raise messages.error("lbfgs_param_groups")
        self._params: list[Tensor] = self.param_groups[0]["params"]
        self._numel_cache: int | None = None

    # -- the parameters as one flat vector --------------------------------------------------
    def _numel(self) -> int:
        if self._numel_cache is None:
            self._numel_cache = sum(param.numel() for param in self._params)
        return self._numel_cache

    def _gather_flat_grad(self) -> Tensor:
        """All gradients in one new 1-d tensor (zeros for a parameter without one)."""
        pieces = [
            np.zeros(param.numel(), param._array.dtype)
            if param.grad is None
            else param.grad._array.reshape(-1)
            for param in self._params
        ]
        return Tensor._wrap(np.concatenate(pieces))

    def _add_grad(self, step_size: Number, update: Tensor) -> None:
        """``p += step_size * update`` for each parameter's slice of the flat ``update``, rounded once."""
        alpha = float(step_size)
        offset = 0
        for param in self._params:
            size = param.numel()
            piece = update._array[offset : offset + size].reshape(param.shape)
            write(param, add(param._array, piece, alpha))
            offset += size

    def _clone_param(self) -> list[np.ndarray]:
        return [np.array(param._array) for param in self._params]

    def _set_param(self, values: list[np.ndarray]) -> None:
        for param, value in zip(self._params, values, strict=True):
            write(param, value)

    def _directional_evaluate(
        self, closure: Callable[[], Any], start: list[np.ndarray], t: Number, d: Tensor
    ) -> tuple[float, Tensor]:
        """The loss and the flat gradient at ``start + t * d``; the weights are put back after."""
        self._add_grad(t, d)
        loss = float(closure())
        flat_grad = self._gather_flat_grad()
        self._set_param(start)
        return loss, flat_grad

    # -- the step ---------------------------------------------------------------------------
    def step(self, closure: Callable[[], Any]) -> Any:  # type: ignore[override]
        """Up to ``max_iter`` iterations of L-BFGS; ``closure`` computes the loss and its gradients.

        Returns
        -------
        The loss the closure returned first, before any change.
        """
        with no_grad():
            return self._step(closure)

    def _step(self, closure: Callable[[], Any]) -> Any:
        if len(self.param_groups) != 1:
            raise messages.error("lbfgs_one_group", count=len(self.param_groups))

        def evaluate() -> Any:
            with enable_grad():
                return closure()

        group = self.param_groups[0]
        lr = float(group["lr"]) if isinstance(group["lr"], Tensor) else group["lr"]
        max_iter, max_eval = group["max_iter"], group["max_eval"]
        tolerance_grad, tolerance_change = group["tolerance_grad"], group["tolerance_change"]
        line_search_fn, history_size = group["line_search_fn"], group["history_size"]

        state = self.state[self._params[0]]
        state.setdefault("func_evals", 0)
        state.setdefault("n_iter", 0)

        orig_loss = evaluate()
        loss = float(orig_loss)
        current_evals = 1
        state["func_evals"] += 1
        flat_grad = self._gather_flat_grad()
        if flat_grad.abs().max() <= tolerance_grad:  # already at a minimum
            return orig_loss

        d, t = state.get("d"), state.get("t")
        old_dirs, old_stps, ro = state.get("old_dirs"), state.get("old_stps"), state.get("ro")
        H_diag = state.get("H_diag")  # noqa: N806 - PyTorch's name, kept in the state
        prev_flat_grad, prev_loss = state.get("prev_flat_grad"), state.get("prev_loss")

        n_iter = 0
        while n_iter < max_iter:
            n_iter += 1
            state["n_iter"] += 1

            # the direction
            if state["n_iter"] == 1:
                d = flat_grad.neg()
                old_dirs, old_stps, ro = [], [], []
                H_diag = 1  # noqa: N806
            else:
                y = flat_grad.sub(prev_flat_grad)  # the change of the gradient
                s = d.mul(t)  # the change of the weights
                ys = y.dot(s)
                if ys > 1e-10:  # keep the pair only where the curvature is positive
                    if len(old_dirs) == history_size:
                        del old_dirs[0], old_stps[0], ro[0]
                    old_dirs.append(y)
                    old_stps.append(s)
                    ro.append(1.0 / ys)
                    H_diag = ys / y.dot(y)  # noqa: N806 - the scale of the first guess of the inverse Hessian
                d = self._two_loops(state, flat_grad, old_dirs, old_stps, ro, H_diag, history_size)

            if prev_flat_grad is None:
                prev_flat_grad = flat_grad.clone()
            else:
                write(prev_flat_grad, flat_grad._array)
            prev_loss = loss

            # the step along it
            if state["n_iter"] == 1:
                t = min(1.0, 1.0 / flat_grad.abs().sum()) * lr
            else:
                t = lr
            gtd = flat_grad.dot(d)  # the slope along d
            if gtd > -tolerance_change:  # not going down
                break

            evaluations = 0
            if line_search_fn is not None:
                if line_search_fn != "strong_wolfe":
                    raise messages.error("lbfgs_line_search")
                start = self._clone_param()

                def along(
                    step: Number, start: list[np.ndarray] = start, d: Tensor = d
                ) -> tuple[float, Tensor]:
                    return self._directional_evaluate(evaluate, start, step, d)

                loss, flat_grad, t, evaluations = _strong_wolfe(
                    along, t, d, loss, flat_grad, gtd, max_ls=max_eval - current_evals
                )
                self._add_grad(t, d)
                opt_cond = flat_grad.abs().max() <= tolerance_grad
            else:
                self._add_grad(t, d)
                if n_iter != max_iter:  # the last iteration's loss is the next step's first
                    loss = float(evaluate())
                    flat_grad = self._gather_flat_grad()
                    opt_cond = flat_grad.abs().max() <= tolerance_grad
                    evaluations = 1
            current_evals += evaluations
            state["func_evals"] += evaluations

            # when to stop
            if n_iter == max_iter or current_evals >= max_eval:
                break
            if opt_cond:
                break
            if d.mul(t).abs().max() <= tolerance_change:
                break
            if abs(loss - prev_loss) < tolerance_change:
                break

        state.update(
            d=d, t=t, old_dirs=old_dirs, old_stps=old_stps, ro=ro, H_diag=H_diag,
            prev_flat_grad=prev_flat_grad, prev_loss=prev_loss,
        )  # fmt: skip
        return orig_loss

    @staticmethod
    def _two_loops(
        state: dict[str, Any],
        flat_grad: Tensor,
        old_dirs: list[Tensor],
        old_stps: list[Tensor],
        ro: list[Tensor],
        H_diag: Number,  # noqa: N803
        history_size: int,
    ) -> Tensor:
        """The two-loop recursion: the inverse-Hessian estimate times minus the gradient."""
        if "al" not in state:
            state["al"] = [None] * history_size
        al = state["al"]
        q = flat_grad.neg()
        for i in reversed(range(len(old_dirs))):
            al[i] = old_stps[i].dot(q) * ro[i]
            write(q, add(q._array, old_dirs[i]._array, float(-al[i])))
        r = q.mul(H_diag)
        for i in range(len(old_dirs)):
            be_i = old_dirs[i].dot(r) * ro[i]
            write(r, add(r._array, old_stps[i]._array, float(al[i] - be_i)))
        return r
