"""Garbage collection paused while ``autograd_lab`` imports; its ``__init__`` switches it on at the end.

The import makes tens of thousands of objects that last as long as the process (the op table, the
methods, the messages' names); collecting garbage while it runs finds nothing to free, and cost
about 3 ms of the 20 ms the import may take (bench/run_all.py measures it).  This module is the
package's first import, so the pause covers the rest.
"""

from __future__ import annotations

import gc

was_collecting = gc.isenabled()
gc.disable()


def resume() -> None:
    """Collect garbage again, if it was collected before the import.

    The objects the import made are moved out of the collector's sight first (``gc.freeze``): else the
    first collection after the import would look at all of them at once (5 ms), and every full
    collection afterwards again.
    """
    gc.freeze()
    if was_collecting:
        gc.enable()
