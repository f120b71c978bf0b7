"""``torch.distributions``: PyTorch's distributions, ``kl_divergence`` and ``constraints``.

``sample()`` draws the same numbers as PyTorch after the same
``torch.manual_seed`` (Gamma, Beta, Dirichlet and Poisson too: their CPU
samplers are ported); ``rsample()`` is differentiable (the
reparameterisation trick); ``log_prob``, ``entropy``, ``mean``, ``stddev``,
``variance`` and ``kl_divergence`` are PyTorch's formulas, so their graphs
have PyTorch's nodes.  Parameters are checked against ``arg_constraints``
and values given to ``log_prob`` against the ``support``, with PyTorch's
``ValueError``.

Examples
--------
>>> import autograd_lab as torch
>>> from autograd_lab.distributions import Normal, kl_divergence
>>> torch.manual_seed(0)  # doctest: +ELLIPSIS
<...Generator object at ...>
>>> Normal(0.0, 1.0).sample((3,))
tensor([ 1.5410, -0.2934, -2.1788])
>>> kl_divergence(Normal(1.0, 1.0), Normal(0.0, 1.0))
tensor(0.5000)
"""

from __future__ import annotations

from . import (
    bernoulli,
    beta,
    binomial,
    categorical,
    cauchy,
    constraints,
    continuous_bernoulli,
    dirichlet,
    distribution,
    exp_family,
    exponential,
    gamma,
    geometric,
    independent,
    kl,
    laplace,
    lkj_cholesky,
    lowrank_multivariate_normal,
    mixture_same_family,
    more_transformed,
    multinomial,
    multivariate_normal,
    negative_binomial,
    normal,
    one_hot_categorical,
    poisson,
    studentT,
    transformed_distribution,
    transforms,
    uniform,
    utils,
    von_mises,
    wishart,
)
from .bernoulli import Bernoulli
from .beta import Beta
from .binomial import Binomial
from .categorical import Categorical
from .cauchy import Cauchy
from .continuous_bernoulli import ContinuousBernoulli
from .dirichlet import Dirichlet
from .distribution import Distribution
from .exp_family import ExponentialFamily, kl_expfamily_expfamily
from .exponential import Exponential
from .gamma import Gamma
from .geometric import Geometric
from .independent import Independent
from .kl import kl_divergence, register_kl
from .laplace import Laplace
from .lkj_cholesky import LKJCholesky
from .lowrank_multivariate_normal import LowRankMultivariateNormal
from .mixture_same_family import MixtureSameFamily
from .more_transformed import (
    FisherSnedecor,
    GeneralizedPareto,
    InverseGamma,
    Kumaraswamy,
    LogisticNormal,
    Pareto,
    Weibull,
)
from .multinomial import Multinomial
from .multivariate_normal import MultivariateNormal
from .negative_binomial import NegativeBinomial
from .normal import Normal
from .one_hot_categorical import OneHotCategorical, OneHotCategoricalStraightThrough
from .poisson import Poisson
from .studentT import Chi2, StudentT
from .transformed_distribution import (
    ExpRelaxedCategorical,
    Gumbel,
    HalfCauchy,
    HalfNormal,
    LogitRelaxedBernoulli,
    LogNormal,
    RelaxedBernoulli,
    RelaxedOneHotCategorical,
    TransformedDistribution,
)
from .transforms import (
    AbsTransform,
    AffineTransform,
    ComposeTransform,
    ExpTransform,
    PowerTransform,
    SigmoidTransform,
    StickBreakingTransform,
    TanhTransform,
    Transform,
)
from .uniform import Uniform
from .von_mises import VonMises
from .wishart import Wishart

register_kl(ExponentialFamily, ExponentialFamily)(kl_expfamily_expfamily)

__all__ = [
    "Distribution", "ExponentialFamily", "Normal", "Bernoulli", "Uniform", "Categorical", "Multinomial",
    "MultivariateNormal", "Independent", "Laplace", "Exponential", "OneHotCategorical", "Poisson", "Gamma",
    "Beta", "Dirichlet", "MixtureSameFamily", "Binomial", "Geometric", "Cauchy", "HalfNormal", "Chi2", "StudentT",
    "Gumbel", "HalfCauchy", "NegativeBinomial", "OneHotCategoricalStraightThrough", "RelaxedBernoulli", "RelaxedOneHotCategorical", "LogitRelaxedBernoulli", "ExpRelaxedCategorical",
    "AbsTransform", "LogNormal", "TransformedDistribution", "Transform", "ComposeTransform",
    "ExpTransform", "AffineTransform", "SigmoidTransform", "TanhTransform", "PowerTransform", "kl_divergence", "register_kl",
    "Weibull", "Pareto", "InverseGamma", "Kumaraswamy", "LogisticNormal", "FisherSnedecor", "GeneralizedPareto", "more_transformed", "VonMises", "von_mises",
    "LowRankMultivariateNormal", "lowrank_multivariate_normal", "ContinuousBernoulli", "continuous_bernoulli",
    "LKJCholesky", "lkj_cholesky", "Wishart", "wishart",
    "StickBreakingTransform",
    "constraints", "transforms", "kl", "bernoulli", "beta", "binomial", "cauchy", "geometric", "studentT", "categorical", "dirichlet", "distribution",
    "exp_family", "exponential", "gamma", "independent", "laplace", "mixture_same_family", "multinomial", "multivariate_normal", "negative_binomial",
    "normal", "one_hot_categorical", "poisson", "transformed_distribution", "uniform", "utils",
]  # fmt: skip
