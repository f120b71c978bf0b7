"""Pictures of the computation graph: graph -> DOT -> SVG, and a text tree.

The layers, each reading only the one before:

- ``model``: walk the recorded graph into boxes and arrows, with names;
- ``condense``: shrink a big graph to about ``max_nodes`` boxes;
- ``dot`` and ``text``: write the DOT source and the text tree;
- ``engines``: run Graphviz on the DOT source, with a timeout;
- ``graph``: ``draw()`` and the ``Graph`` that Jupyter displays.
"""

from __future__ import annotations

from .engines import RenderError, find_engine
from .graph import Graph, draw

__all__ = ["draw", "Graph", "RenderError", "find_engine"]
