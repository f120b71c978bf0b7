"""Nested Python containers of tensors ("pytrees"), as ``torch.utils._pytree`` sees them.

A pytree is a tuple, list, dict (or namedtuple, OrderedDict) whose items are
pytrees, or anything else, which is a leaf (``None`` is a leaf too, as in
PyTorch).  :func:`tree_flatten` gives the leaves in order and a spec of the
structure; :func:`tree_unflatten` puts new leaves back into that structure.
The transforms use them to take ``f(params_dict, (x, y))`` apart and put the
results together again, and to match ``in_dims=(0, None)`` against the inputs.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

__all__ = [
    "TreeSpec",
    "tree_flatten",
    "tree_unflatten",
    "tree_map",
    "tree_leaves",
    "broadcast_to_and_flatten",
]


def _is_namedtuple(value: Any) -> bool:
    return isinstance(value, tuple) and hasattr(type(value), "_fields")


def _node_type(value: Any) -> type | None:
    """The container type that makes ``value`` a node, or None for a leaf."""
    kind = type(value)
    if kind in (tuple, list, dict, OrderedDict) or _is_namedtuple(value):
        return kind
    return None


class TreeSpec:
    """The structure of a pytree: its container type, keys (for dicts) and children; a leaf has no type."""

    __slots__ = ("type", "context", "children", "num_leaves")

    def __init__(self, kind: type | None = None, context: Any = None, children: tuple = ()) -> None:
        self.type = kind
        self.context = context
        self.children = children
        self.num_leaves = 1 if kind is None else sum(child.num_leaves for child in children)

    def is_leaf(self) -> bool:
        return self.type is None

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, TreeSpec)
            and self.type is other.type
            and self.context == other.context
            and self.children == other.children
        )

    def __hash__(self) -> int:
        return hash((self.type, repr(self.context), self.children))

    def __repr__(self) -> str:
        if self.type is None:
            return "*"
        context = None if self.context is None else list(self.context)
        inner = ",\n  ".join(repr(child).replace("\n", "\n  ") for child in self.children)
        return f"TreeSpec({self.type.__name__}, {context}, [{inner}])"

    def pprint(self) -> str:
        """The structure with ``*`` for each leaf, as PyTorch's ``treespec_pprint`` writes it."""
        return repr(tree_unflatten([_Star()] * self.num_leaves, self))


class _Star:
    def __repr__(self) -> str:
        return "*"


_LEAF = TreeSpec()


def tree_flatten(tree: Any) -> tuple[list[Any], TreeSpec]:
    """The leaves of ``tree`` in order, and its structure.

    Examples
    --------
    >>> leaves, spec = tree_flatten(({"w": 1, "b": 2}, [3, None]))
    >>> leaves
    [1, 2, 3, None]
    >>> tree_unflatten(["a", "b", "c", "d"], spec)
    ({'w': 'a', 'b': 'b'}, ['c', 'd'])
    """
    leaves: list[Any] = []
    spec = _flatten_into(tree, leaves)
    return leaves, spec


def _flatten_into(tree: Any, leaves: list) -> TreeSpec:
    kind = _node_type(tree)
    if kind is None:
        leaves.append(tree)
        return _LEAF
    if kind in (dict, OrderedDict):
        keys = tuple(tree)
        return TreeSpec(kind, keys, tuple(_flatten_into(tree[key], leaves) for key in keys))
    return TreeSpec(kind, None, tuple(_flatten_into(item, leaves) for item in tree))


def tree_unflatten(leaves: list[Any], spec: TreeSpec) -> Any:
    """Put ``leaves`` (in order) into the structure ``spec``."""
    position = iter(leaves)

    def build(node: TreeSpec) -> Any:
        if node.type is None:
            return next(position)
        items = [build(child) for child in node.children]
        if node.type in (dict, OrderedDict):
            return node.type(zip(node.context, items, strict=True))
        if node.type is tuple or node.type is list:
            return node.type(items)
        return node.type(*items)  # a namedtuple

    return build(spec)


def tree_leaves(tree: Any) -> list[Any]:
    """The leaves of ``tree`` in order."""
    return tree_flatten(tree)[0]


def tree_map(function: Callable[[Any], Any], tree: Any) -> Any:
    """``tree`` with ``function`` applied to each leaf."""
    leaves, spec = tree_flatten(tree)
    return tree_unflatten([function(leaf) for leaf in leaves], spec)


def broadcast_to_and_flatten(prefix: Any, spec: TreeSpec) -> list[Any] | None:
    """``prefix`` (a tree whose leaves stand for whole subtrees) spread over the leaves of ``spec``.

    ``in_dims=(0, None)`` against ``(params_dict, x)`` gives ``0`` for every
    tensor of the dict and ``None`` for ``x``; None where the structures do
    not match, as PyTorch's ``_broadcast_to_and_flatten``.

    Examples
    --------
    >>> _, spec = tree_flatten(({"w": 1, "b": 2}, 3))
    >>> broadcast_to_and_flatten((0, None), spec)
    [0, 0, None]
    >>> broadcast_to_and_flatten((0,), spec) is None
    True
    """
    result: list[Any] = []

    def spread(part: Any, node: TreeSpec) -> bool:
        kind = _node_type(part)
        if kind is None:
            result.extend([part] * node.num_leaves)
            return True
        if kind is not node.type:
            return False
        if kind in (dict, OrderedDict):
            if set(part) != set(node.context):
                return False
            return all(
                spread(part[key], child) for key, child in zip(node.context, node.children, strict=True)
            )
        if len(part) != len(node.children):
            return False
        return all(spread(item, child) for item, child in zip(part, node.children, strict=True))

    return result if spread(prefix, spec) else None
