"""``torch.autograd.graph.register_multi_grad_hook``: one hook for the gradients of several tensors.

It is built, as in PyTorch, from one ``Tensor.register_hook`` per tensor and
a count kept per backward pass: in mode ``"all"``, the first gradient to
arrive asks the pass how many of the tensors' nodes it will run
(:meth:`will_run`), and the last of them calls ``fn`` with all the
gradients; in mode ``"any"``, the first calls ``fn`` and the others are
ignored. Loaded on first use, through ``autograd.graph``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

from .. import messages
from .._classname import PyTorchName
from ..tensor import Tensor
from . import engine


def will_run(task: engine.GraphTask, node: Any) -> bool:
    """Whether the pass ``task`` runs ``node``'s step: PyTorch's ``torch._C._will_engine_execute_node``."""
    if task.useful is None:  # backward() without inputs=: every node reached runs
        return node in task.dependencies or node in task.roots
    if node not in task.useful:
        return False
    captured = getattr(task.destination, "found", {})  # autograd.grad's inputs
    if type(node) is engine.AccumulateGrad and node in captured:
        raise messages.error("multi_grad_hook_leaf_in_grad")
    return True


def _current_task() -> engine.GraphTask:
    """The pass running the hook (a pass with hooks always has one: see ``engine.run_backward``)."""
    return engine.current_graph_task()


class _MultiHandle(engine.RemovableHandle, metaclass=PyTorchName, torch_module="torch.autograd.graph"):
    """What ``register_multi_grad_hook`` returns: ``remove()`` takes away the hook of every tensor."""

    def __init__(self, handles: tuple[engine.RemovableHandle, ...]) -> None:
        self.handles = handles

    def remove(self) -> None:
        for handle in self.handles:
            handle.remove()


def register_multi_grad_hook(
    tensors: Sequence[Tensor],
    fn: Callable[[Sequence[Tensor | None]], None] | Callable[[Tensor], None],
    *,
    mode: str = "all",
) -> engine.RemovableHandle:
    """Call ``fn`` once per backward pass with the gradients of ``tensors`` (``"all"``) or the first (``"any"``).

    In mode ``"all"``, ``fn(grads)`` runs once the pass has computed the
    gradient of every tensor it reaches: ``grads`` has one entry per tensor,
    ``None`` for a tensor the pass does not reach (outside the graph of the
    output, or not needed for backward's ``inputs=``). In mode ``"any"``,
    ``fn(grad)`` runs with the first gradient to arrive. ``fn`` should not
    change its arguments.

    Parameters
    ----------
    tensors : sequence of Tensor
        The tensors to watch; in mode ``"all"`` each must require grad.
    fn : callable
        ``fn(grads)`` in mode ``"all"``, ``fn(grad)`` in mode ``"any"``.
    mode : {"all", "any"}
        Wait for every gradient, or only the first.

    Returns
    -------
    RemovableHandle
        ``handle.remove()`` takes the hook away.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> a = torch.rand(2, 3, requires_grad=True)
    >>> b = torch.rand(2, 3, requires_grad=True)
    >>> c = a * b
    >>> d = a * b
    >>> def fn(grads):
    ...     print([g is not None for g in grads])
    >>> handle = torch.autograd.graph.register_multi_grad_hook((a, b, c, d), fn)
    >>> c.sum().backward(retain_graph=True)
    [True, True, True, False]
    >>> c.sum().backward(inputs=(a,), retain_graph=True)
    [True, False, True, False]
    >>> handle.remove()
    """
    supported_modes = ("all", "any")
    if mode not in supported_modes:
        raise messages.error("multi_grad_hook_mode", modes=supported_modes, mode=mode)
    if mode == "all":
        return _all_mode(tensors, fn)
    ran: set[int] = set()  # the passes in which fn has run

    @functools.wraps(fn)
    def first_only(grad: Tensor) -> None:
        task_id = _current_task().id
        if task_id in ran:
            return
        ran.add(task_id)
        fn(grad)

    return _MultiHandle(tuple(tensor.register_hook(first_only) for tensor in tensors if tensor.requires_grad))


def _all_mode(tensors: Sequence[Tensor], fn: Callable[[Sequence[Tensor | None]], None]) -> _MultiHandle:
    """Mode ``"all"``: per pass, the gradients so far and how many have come; ``fn`` after the last."""
    nodes = []
    for tensor in tensors:
        node = engine.gradient_edge(tensor)
        if node is None:
            raise messages.error("multi_grad_hook_no_grad_fn")
        nodes.append(node)
    arrived: dict[int, int] = {}  # pass id -> how many gradients have come
    expected: dict[int, int] = {}  # pass id -> how many will come (the nodes the pass runs)
    grads: dict[int, list[Tensor | None]] = {}

    def hook_for(index: int) -> Callable[[Tensor], None]:
        def collect(grad: Tensor) -> None:
            task = _current_task()
            count = arrived.get(task.id, 0)
            if count == 0:
                expected[task.id] = sum(will_run(task, node) for node in nodes)
                grads[task.id] = [None] * len(nodes)
            arrived[task.id] = count + 1
            grads[task.id][index] = grad
            if count + 1 == expected[task.id]:
                del arrived[task.id], expected[task.id]
                fn(grads.pop(task.id))

        return collect

    return _MultiHandle(tuple(tensor.register_hook(hook_for(i)) for i, tensor in enumerate(tensors)))
