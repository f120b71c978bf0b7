"""``python -m autograd_lab ...``: the same as the ``autograd-lab`` command (see cli.py)."""

import sys

from .cli import main

sys.exit(main())
