"""nbval on the lessons: what is compared, and what is not.

Compared: every text output, including each graph's ``text/plain`` tree,
which is deterministic. Not compared: the SVG (layout engines and their
versions differ between machines), images, and widget model ids (nbval
skips those itself). ``sanitize.cfg`` masks what varies from run to run.
"""

from __future__ import annotations

import pytest

# The sources the notebooks are built from, the builder and the nbgrader settings are not tests.
collect_ignore = ["build.py", "source", "nbgrader_config.py"]

NOT_COMPARED = ("image/svg+xml", "text/html")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # nbval keeps its list on each notebook (a cell's parent).
    for notebook in {item.parent for item in items if hasattr(item.parent, "skip_compare")}:
        notebook.skip_compare = (*notebook.skip_compare, *NOT_COMPARED)
