"""``autograd_lab.optim``: the optimizers and learning-rate schedules of ``torch.optim``.

Each optimizer is a file with its update rule written out next to the code
(``sgd.py``, ``adam.py`` ...); ``optimizer.py`` is what they share and
``_kernels.py`` the float arithmetic, rounded as PyTorch's CPU kernels
round it, so that a training loop gives PyTorch's numbers step for step.

Examples
--------
>>> import autograd_lab as torch
>>> w = torch.tensor([3.0], requires_grad=True)
>>> optimizer = torch.optim.SGD([w], lr=0.25)
>>> for _ in range(3):
...     optimizer.zero_grad()
...     loss = (w * w).sum()      # smallest at w = 0
...     loss.backward()
...     optimizer.step()          # w <- w - 0.25 * 2w = w / 2
>>> w
tensor([0.3750], requires_grad=True)
"""

from . import lr_scheduler, swa_utils
from .adagrad import Adagrad
from .adam import Adam, AdamW
from .optimizer import Optimizer
from .rmsprop import RMSprop
from .sgd import SGD

__all__ = ["Optimizer", "SGD", "Adam", "AdamW", "RMSprop", "Adagrad", "lr_scheduler", "swa_utils"]

# -- more optimizers (branch nn_e) ---------------------------------------------------------------------
from .adadelta import Adadelta  # noqa: E402
from .adamax import Adamax  # noqa: E402
from .nadam import NAdam  # noqa: E402
from .radam import RAdam  # noqa: E402

__all__ += ["Adadelta", "Adamax", "NAdam", "RAdam"]

# -- Rprop, ASGD, LBFGS, SparseAdam (branch s10_optim) -------------------------------------------------
from .asgd import ASGD  # noqa: E402
from .lbfgs import LBFGS  # noqa: E402
from .rprop import Rprop  # noqa: E402
from .sparse_adam import SparseAdam  # noqa: E402

__all__ += ["ASGD", "LBFGS", "Rprop", "SparseAdam"]

from ._adafactor import Adafactor  # noqa: E402

__all__ += ["Adafactor"]

# As PyTorch's package, the modules' names are not left in its namespace (dir(torch.optim) lists the classes,
# lr_scheduler and swa_utils); `import autograd_lab.optim.adam` still finds each module.
del adadelta, adagrad, adam, adamax, asgd, lbfgs, nadam, optimizer, radam, rmsprop, rprop, sgd, sparse_adam  # noqa: F821
