"""``torch.distributions``: ``Normal``, ``Bernoulli``, ``Uniform``, ``Categorical`` and ``Multinomial``, as PyTorch's.

``sample()`` draws the same numbers as PyTorch after the same
``torch.manual_seed``; ``rsample()`` is differentiable (the
reparameterisation trick); ``log_prob``, ``entropy``, ``mean``,
``stddev`` and ``variance`` are PyTorch's formulas, so their graphs have
PyTorch's nodes.

Examples
--------
>>> import autograd_lab as torch
>>> from autograd_lab.distributions import Normal
>>> torch.manual_seed(0)  # doctest: +ELLIPSIS
<...Generator object at ...>
>>> Normal(0.0, 1.0).sample((3,))
tensor([ 1.5410, -0.2934, -2.1788])
"""

from __future__ import annotations

from . import categorical, multinomial
from .bernoulli import Bernoulli
from .categorical import Categorical
from .distribution import Distribution
from .multinomial import Multinomial
from .normal import Normal
from .uniform import Uniform

__all__ = [
    "Distribution",
    "Normal",
    "Bernoulli",
    "Uniform",
    "Categorical",
    "Multinomial",
    "categorical",
    "multinomial",
]
