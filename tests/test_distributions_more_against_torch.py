"""torch.distributions beyond Normal and Categorical, run in autograd_lab and in PyTorch side by side.

``kl_divergence`` and ``register_kl``, MultivariateNormal, Independent,
Laplace, Exponential, OneHotCategorical, Poisson, Gamma, Beta, Dirichlet,
LogNormal and TransformedDistribution, ``constraints`` and
``linalg.solve_triangular``: their printed reprs and errors (type and
PyTorch's sentence) must be PyTorch's; their numbers, draws after the same
``manual_seed`` and gradients must agree with PyTorch's to a tight
tolerance (the draws of integers exactly).  Skipped where PyTorch is not
installed.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pytest

torch_ref = pytest.importorskip("torch")

from test_edge_cases_against_torch import outcome  # noqa: E402 - run in both, errors without our hint

import autograd_lab as lab  # noqa: E402

COV = "m.tensor([[2.0, 0.3], [0.3, 1.0]])"
TRIL = "m.tensor([[1.0, 0.0], [0.5, 2.0]])"

GMM = "D.MixtureSameFamily(D.Categorical(m.tensor([0.3, 0.7])), D.Normal(m.tensor([-1.0, 2.0]), m.tensor([0.5, 1.0])))"

# -- what prints: reprs, shapes, flags, constraints, errors ----------------------------------------------
PRINTED = {
    "MultivariateNormal's repr, before and after scale_tril": (
        f"(lambda d: (repr(d), d.batch_shape, d.event_shape, d.scale_tril.shape, repr(d)))"
        f"(D.MultivariateNormal(m.zeros(2), {COV}))"
    ),
    "MultivariateNormal of a batch of locs": (
        f"(lambda d: (d, d.batch_shape, d.event_shape, d.sample((4,)).shape, d.log_prob(m.ones(5, 3, 2)).shape))"
        f"(D.MultivariateNormal(m.zeros(3, 2), scale_tril={TRIL}))"
    ),
    "MultivariateNormal given a precision matrix": f"D.MultivariateNormal(m.zeros(2), precision_matrix={COV})",
    "Independent's repr and shapes": (
        "(lambda d: (d, d.batch_shape, d.event_shape, d.has_rsample, d.support))"
        "(D.Independent(D.Normal(m.zeros(2, 3), m.ones(2, 3)), 1))"
    ),
    "reprs of one-number distributions": (
        "[D.Laplace(0., 1.), D.Exponential(2.), D.Gamma(2., 3.), D.Poisson(2.), D.Beta(2., 3.),"
        " D.LogNormal(0., 1.), D.Dirichlet(m.ones(3)), D.OneHotCategorical(m.ones(3)), D.Uniform(0., 1.)]"
    ),
    "has_rsample and supports": (
        "[(type(d).__name__, d.has_rsample, d.support) for d in (D.Laplace(0., 1.), D.Exponential(2.),"
        " D.Gamma(2., 3.), D.Poisson(2.), D.Beta(2., 3.), D.LogNormal(0., 1.), D.Dirichlet(m.ones(3)),"
        " D.OneHotCategorical(m.ones(3)), D.Bernoulli(0.3), D.Normal(0., 1.), D.Uniform(0., 2.),"
        " D.Categorical(m.ones(3)), D.MultivariateNormal(m.zeros(2), m.eye(2)))]"
    ),
    "arg_constraints": (
        "[D.Normal.arg_constraints, D.Bernoulli.arg_constraints, D.Categorical.arg_constraints,"
        " D.MultivariateNormal.arg_constraints, D.Gamma.arg_constraints, D.Dirichlet.arg_constraints,"
        " D.Uniform(0., 1.).arg_constraints, D.Poisson.arg_constraints]"
    ),
    "constraints' checks": (
        "(D.constraints.positive.check(m.tensor([1., 0., -1.])), D.constraints.simplex.check(m.tensor([[.2, .8], [.5, .6]])),"
        " D.constraints.lower_cholesky.check(m.tensor([[1., 0.], [2., 1.]])), D.constraints.positive_definite.check(m.eye(2)),"
        " D.constraints.real_vector.check(m.tensor([[1., float('nan')], [1., 2.]])), D.constraints.one_hot.check(m.eye(3)),"
        " D.constraints.interval(0., 2.), D.constraints.nonnegative_integer, D.constraints.unit_interval)"
    ),
    "Distribution.expand": "(lambda d: (d, d.batch_shape, d.loc.shape))(D.Normal(0., 1.).expand([3]))",
    "Categorical draws one-hot": "(m.manual_seed(0), D.OneHotCategorical(m.tensor([0.2, 0.3, 0.5])).sample((5,)))[1]",
    "Poisson draws, small and large rates": (
        "(m.manual_seed(1), D.Poisson(m.tensor([0.5, 3.0, 12.0, 150.0])).sample((3,)), m.rand(2))[1:]"
    ),
    "Poisson draws in double": "(m.manual_seed(2), D.Poisson(m.tensor([4.0, 30.0], dtype=m.float64)).sample((2,)))[1]",
    "kl_divergence of Normals": "D.kl_divergence(D.Normal(m.tensor([0., 1.]), 1.), D.Normal(0., 2.))",
    "kl between Uniforms, one infinite": "D.kl_divergence(D.Uniform(m.tensor([0., -2.]), 1.), D.Uniform(-1., 2.))",
    "kl between Bernoullis at 0 and 1": "D.kl_divergence(D.Bernoulli(m.tensor([0., 1., 0.3])), D.Bernoulli(m.tensor([0.5, 1., 0.])))",
    "kl between Categoricals with a zero": "D.kl_divergence(D.Categorical(m.tensor([0., 1.])), D.Categorical(m.tensor([0.5, 0.])))",
    "kl of supports that do not fit": (
        "[D.kl_divergence(D.Normal(0., 1.), D.Uniform(0., 1.)), D.kl_divergence(D.Laplace(0., 1.), D.Exponential(1.)),"
        " D.kl_divergence(D.Exponential(1.), D.Uniform(0., 1.)), D.kl_divergence(D.Gamma(1., 1.), D.Beta(1., 1.))]"
    ),
    "solve_triangular's node": (
        "m.linalg.solve_triangular(m.tensor([[2., 0.], [1., 1.]], requires_grad=True), m.ones(2, 1), upper=False)"
    ),
    "MixtureSameFamily's repr, shapes and support": (
        "(lambda d: (d, d.batch_shape, d.event_shape, d.support, d.has_rsample))(GMM)"
    ),
    "MixtureSameFamily of MultivariateNormals": (
        "(lambda d: (d, d.batch_shape, d.event_shape, d.support))"
        "(D.MixtureSameFamily(D.Categorical(m.ones(2, 3)), D.MultivariateNormal(m.zeros(2, 3, 2), m.eye(2))))"
    ),
    "expand of Categorical, OneHotCategorical, MixtureSameFamily": (
        "(D.Categorical(m.tensor([0.2, 0.8])).expand((3,)), D.Categorical(m.tensor([0.2, 0.8])).expand((3,)).probs,"
        " D.OneHotCategorical(logits=m.zeros(2)).expand((2, 1)).batch_shape, GMM.expand((4,)).batch_shape)"
    ),
    "enumerate_support": (
        "(D.Categorical(m.ones(2, 3)).enumerate_support(), D.Categorical(m.ones(2, 3)).enumerate_support(False),"
        " D.Bernoulli(m.tensor([0.2, 0.5])).enumerate_support(), D.OneHotCategorical(m.ones(3)).enumerate_support())"
    ),
    "reprs and supports of Binomial, Geometric, Cauchy, HalfNormal, Chi2, StudentT": (
        "[(d, d.support, d.has_rsample) for d in (D.Binomial(10, m.tensor([0.3, 0.8])), D.Geometric(m.tensor([0.3])),"
        " D.Cauchy(0., 1.), D.HalfNormal(m.tensor([1., 2.])), D.Chi2(m.tensor([3.])), D.StudentT(m.tensor([3.]), 1., 2.))]"
    ),
    "Binomial draws, float and double": (
        "(m.manual_seed(0), D.Binomial(m.tensor([5., 20., 100., 1000.]), m.tensor([0.3, 0.6, 0.1, 0.45])).sample((3,)),"
        " D.Binomial(50, m.tensor([0.02, 0.95], dtype=m.float64)).sample((2,)), m.rand(2))[1:]"
    ),
    "Geometric draws": "(m.manual_seed(0), D.Geometric(m.tensor([0.1, 0.5, 0.9])).sample((3,)))[1]",
    "Binomial of an inhomogeneous total_count has no entropy": "D.Binomial(m.tensor([3., 4.]), m.tensor([0.5, 0.5])).entropy()",
    "kl of Binomials with a larger q.total_count": "D.kl_divergence(D.Binomial(5, m.tensor([0.3])), D.Binomial(10, m.tensor([0.6])))",
    "Binomial with a fractional total_count": "D.Binomial(2.5, m.tensor([0.5]))",
    "Geometric with a zero probability": "D.Geometric(m.tensor([0., 0.5]))",
    "HalfNormal.log_prob below 0": "D.HalfNormal(1.).log_prob(m.tensor(-1.))",
    "reprs and supports of Gumbel and the relaxed distributions": (
        "[(d, d.batch_shape, d.event_shape, d.support, d.has_rsample) for d in (D.Gumbel(0., 1.),"
        " D.RelaxedOneHotCategorical(m.tensor(0.5), m.tensor([0.2, 0.8])), D.RelaxedBernoulli(m.tensor(0.5), m.tensor([0.2])),"
        " D.LogNormal(0., 1.).expand((3,)))]"
    ),
    "utils": (
        "(D.utils.clamp_probs(m.tensor([0., 0.5, 1.])), D.utils.probs_to_logits(m.tensor([0.2, 0.8])),"
        " D.utils.probs_to_logits(m.tensor([0.2, 0.8]), is_binary=True), D.utils.logits_to_probs(m.tensor([0.2, 0.8])),"
        " D.utils.euler_constant)"
    ),
    "NegativeBinomial, HalfCauchy and OneHotCategoricalStraightThrough": (
        "[(d, d.support, d.has_rsample, d.batch_shape, d.event_shape) for d in (D.NegativeBinomial(3., m.tensor([0.4])),"
        " D.HalfCauchy(m.tensor([1., 2.])), D.OneHotCategoricalStraightThrough(m.tensor([0.2, 0.8])))]"
    ),
    "NegativeBinomial draws": (
        "(m.manual_seed(0), D.NegativeBinomial(m.tensor([2., 10.]), logits=m.tensor([0.3, -1.])).sample((3,)), m.rand(2))[1:]"
    ),
    "a relaxed distribution has no mean": "D.RelaxedBernoulli(m.tensor(0.5), m.tensor([0.2])).mean",
    # errors
    "MixtureSameFamily of a Normal for weights": "D.MixtureSameFamily(D.Normal(0., 1.), D.Normal(m.zeros(2), 1.))",
    "MixtureSameFamily with one weight too many": "D.MixtureSameFamily(D.Categorical(m.ones(3)), D.Normal(m.zeros(2), 1.))",
    "MixtureSameFamily of batch shapes that do not fit": (
        "D.MixtureSameFamily(D.Categorical(m.ones(3, 2)), D.Normal(m.zeros(2, 2), 1.))"
    ),
    "kl of an unregistered pair": "D.kl_divergence(D.Bernoulli(0.3), D.Categorical(m.ones(2)))",
    "kl of two exponential families": "D.kl_divergence(D.Bernoulli(0.3), D.Normal(0., 1.))",
    "kl of Independents with other ndims": (
        "D.kl_divergence(D.Independent(D.Normal(m.zeros(2, 2), 1.), 1), D.Independent(D.Normal(m.zeros(2, 2), 1.), 2))"
    ),
    "kl of MultivariateNormals of other sizes": (
        "D.kl_divergence(D.MultivariateNormal(m.zeros(2), m.eye(2)), D.MultivariateNormal(m.zeros(3), m.eye(3)))"
    ),
    "MultivariateNormal of a covariance that is not positive-definite": (
        "D.MultivariateNormal(m.zeros(2), m.tensor([[1., 2.], [2., 1.]]))"
    ),
    "MultivariateNormal of an asymmetric covariance": "D.MultivariateNormal(m.zeros(2), m.tensor([[1., 0.5], [0., 1.]]))",
    "MultivariateNormal of a scale_tril with a negative diagonal": (
        "D.MultivariateNormal(m.zeros(2), scale_tril=m.tensor([[1., 0.], [0.5, -1.]]))"
    ),
    "MultivariateNormal of a number loc": "D.MultivariateNormal(m.tensor(0.), m.eye(2))",
    "MultivariateNormal with no matrix": "D.MultivariateNormal(m.zeros(2))",
    "MultivariateNormal with two matrices": "D.MultivariateNormal(m.zeros(2), m.eye(2), scale_tril=m.eye(2))",
    "MultivariateNormal of a vector covariance": "D.MultivariateNormal(m.zeros(2), m.ones(2))",
    "MultivariateNormal of a vector scale_tril": "D.MultivariateNormal(m.zeros(2), scale_tril=m.ones(2))",
    "MultivariateNormal.log_prob of a wrong size": "D.MultivariateNormal(m.zeros(2), m.eye(2)).log_prob(m.zeros(3))",
    "Independent of too many dims": "D.Independent(D.Normal(0., 1.), 1)",
    "Dirichlet of a number": "D.Dirichlet(m.tensor(1.))",
    "Gamma with a negative rate": "D.Gamma(m.tensor([1., 2.]), m.tensor([1., -1.]))",
    "Exponential of a zero rate": "D.Exponential(0.)",
    "Laplace with a zero scale": "D.Laplace(0., 0.)",
    "Beta with a negative concentration": "D.Beta(-1., 2.)",
    "Poisson with a negative rate": "D.Poisson(m.tensor([-1.]))",
    "Uniform with low above high": "D.Uniform(3., 1.)",
    "Exponential.log_prob outside the support": "D.Exponential(1.).log_prob(m.tensor([-1., 2.]))",
    "Poisson.log_prob of a fraction": "D.Poisson(2.).log_prob(m.tensor(1.5))",
    "Beta.log_prob above 1": "D.Beta(2., 2.).log_prob(m.tensor(1.5))",
    "Dirichlet.log_prob off the simplex": "D.Dirichlet(m.ones(3)).log_prob(m.tensor([0.5, 0.5, 0.5]))",
    "Normal.log_prob of nan": "D.Normal(0., 1.).log_prob(m.tensor(float('nan')))",
    "Normal.log_prob of a number": "D.Normal(0., 1.).log_prob(0.5)",
    "Normal.log_prob of a shape that does not broadcast": "D.Normal(m.zeros(2), 1.).log_prob(m.zeros(3))",
    "Bernoulli.log_prob of 0.5": "D.Bernoulli(0.3).log_prob(m.tensor(0.5))",
    "Categorical.log_prob of a class too large": "D.Categorical(m.tensor([.5, .5])).log_prob(m.tensor(2))",
    "Uniform.log_prob outside": "D.Uniform(0., 1.).log_prob(m.tensor(2.))",
    "validate_args=False lets it through": "D.Exponential(1., validate_args=False).log_prob(m.tensor([-1.]))",
    "Bernoulli has no rsample": "D.Bernoulli(0.3).rsample()",
    "Poisson has no rsample": "D.Poisson(2.).rsample()",
    "Poisson has no entropy formula": "D.Poisson(2.).entropy()",
    "solve_triangular of a vector": "m.linalg.solve_triangular(m.eye(2), m.ones(2), upper=False)",
    "solve_triangular of sizes that do not fit": "m.linalg.solve_triangular(m.eye(2), m.ones(3, 2), upper=False)",
    "solve_triangular of a rectangle": "m.linalg.solve_triangular(m.ones(2, 3), m.ones(2, 2), upper=False)",
}


@pytest.mark.parametrize("code", PRINTED.values(), ids=PRINTED.keys())
def test_printed_as_pytorch(code: str) -> None:
    code = code.replace("GMM", GMM).replace("D.", "m.distributions.")
    assert outcome(lab, code) == outcome(torch_ref, code)


# -- numbers: values, draws and their statistics, compared to a tight tolerance -------------------------
def _arrays(value: Any) -> list[np.ndarray]:
    if isinstance(value, tuple | list):
        return [a for v in value for a in _arrays(v)]
    return [np.asarray(value.detach().numpy(), dtype=np.float64)]


def _run(m: Any, code: str) -> list[np.ndarray]:
    code = code.replace("GMM", GMM).replace("D.", "m.distributions.")
    return _arrays(eval(code, {"m": m, "np": np}))  # noqa: S307


def _stats(d: str) -> str:
    """mean, variance, entropy and the log_prob of a draw (after manual_seed(0)) of distribution ``d``."""
    return f"(lambda d: (m.manual_seed(0), (lambda s: (s, d.log_prob(s)))(d.sample((3,))), d.mean, d.variance, d.stddev))({d})[1:]"


NUMBERS = {
    "MultivariateNormal from a covariance": _stats(f"D.MultivariateNormal(m.tensor([0.5, -0.2]), {COV})"),
    "MultivariateNormal from a precision matrix": _stats(
        f"D.MultivariateNormal(m.tensor([0.5, -0.2]), precision_matrix={COV})"
    ),
    "MultivariateNormal from scale_tril, batched": _stats(
        f"D.MultivariateNormal(m.zeros(3, 2), scale_tril={TRIL})"
    ),
    "MultivariateNormal of batched matrices": _stats(
        f"D.MultivariateNormal(m.zeros(2), m.stack([{COV}, 2 * {COV}, m.eye(2)]))"
    ),
    "MultivariateNormal's three matrices and entropy": (
        f"(lambda d: (d.scale_tril, d.covariance_matrix, d.precision_matrix, d.entropy()))"
        f"(D.MultivariateNormal(m.zeros(2), precision_matrix={COV}))"
    ),
    "MultivariateNormal.log_prob over batches of values and matrices": (
        f"D.MultivariateNormal(m.zeros(2, 1, 2), m.stack([{COV}, m.eye(2), 2 * {COV}])).log_prob(m.arange(48.).reshape(4, 2, 3, 2) / 10)"
    ),
    "MultivariateNormal in double": _stats(
        f"D.MultivariateNormal(m.zeros(2, dtype=m.float64), {COV}.double())"
    ),
    "Laplace": _stats("D.Laplace(m.tensor([0., 1.]), m.tensor([1., 2.]))")
    + " + (D.Laplace(0., 2.).entropy(),)",
    "Laplace in double": _stats("D.Laplace(m.tensor([0., 1.], dtype=m.float64), 2.)"),
    "Laplace cdf and icdf": "(lambda d: (d.cdf(m.tensor([-1., 0.5, 3.])), d.icdf(m.tensor([0.1, 0.5, 0.9]))))(D.Laplace(0.5, 2.))",
    "Exponential": _stats("D.Exponential(m.tensor([0.5, 2.]))")
    + " + (D.Exponential(m.tensor([0.5, 2.])).entropy(),)",
    "Exponential cdf and icdf": "(lambda d: (d.cdf(m.tensor([0., 0.5, 3.])), d.icdf(m.tensor([0.1, 0.5]))))(D.Exponential(1.5))",
    "Gamma": _stats("D.Gamma(m.tensor([2., 0.5, 9.]), m.tensor([1., 3., 0.5]))")
    + " + (D.Gamma(m.tensor([2., 0.5]), 2.).entropy(),)",
    "Gamma in double": _stats("D.Gamma(m.tensor([2., 0.3], dtype=m.float64), 1.)"),
    "Beta": _stats("D.Beta(m.tensor([2., 0.5, 9.]), m.tensor([1., 3., 0.5]))")
    + " + (D.Beta(2., 3.).entropy(),)",
    "Dirichlet": _stats("D.Dirichlet(m.tensor([[1., 2., 3.], [0.5, 0.5, 4.]]))")
    + " + (D.Dirichlet(m.tensor([1., 2., 3.])).entropy(),)",
    "Dirichlet in double": _stats("D.Dirichlet(m.tensor([0.3, 2., 30.], dtype=m.float64))"),
    "Poisson": _stats("D.Poisson(m.tensor([0.5, 3., 40.]))"),
    "LogNormal": _stats("D.LogNormal(m.tensor([0., 1.]), m.tensor([1., 0.5]))")
    + " + (D.LogNormal(0., 2.).entropy(),)",
    "OneHotCategorical": _stats("D.OneHotCategorical(logits=m.tensor([[0., 1., 2.], [1., 1., 1.]]))"),
    "Independent Normal": _stats("D.Independent(D.Normal(m.zeros(2, 3), m.tensor([1., 2., 3.])), 1)"),
    "TransformedDistribution with an affine and a sigmoid": (
        "(lambda d: (m.manual_seed(0), (lambda s: (s, d.log_prob(s)))(d.sample((4,)))))"
        "(D.TransformedDistribution(D.Normal(0., 1.), [D.AffineTransform(1., 2.), D.SigmoidTransform()]))[1]"
    ),
    "TransformedDistribution with tanh": (
        "(lambda d: (m.manual_seed(0), (lambda s: (s, d.log_prob(s)))(d.rsample((4,)))))"
        "(D.TransformedDistribution(D.Normal(m.zeros(2), 0.5), D.TanhTransform()))[1]"
    ),
    "MixtureSameFamily of Normals": _stats("GMM") + " + (GMM.cdf(m.tensor([0., 1., 3.])),)",
    "MixtureSameFamily of MultivariateNormals": _stats(
        "D.MixtureSameFamily(D.Categorical(logits=m.tensor([0., 1., -1.])), D.MultivariateNormal("
        f"m.tensor([[0., 0.], [1., 2.], [-1., 1.]]), m.stack([m.eye(2), 0.5 * m.eye(2), {COV}])))"
    ),
    "MixtureSameFamily of batched Independent Normals": _stats(
        "D.MixtureSameFamily(D.Categorical(logits=m.zeros(2, 3)), D.Independent(D.Normal(m.arange(24.).reshape(2, 3, 4) / 10, 1.), 1))"
    ),
    "Cauchy": _stats("D.Cauchy(m.tensor([0., 1.]), m.tensor([1., 2.]))")
    + " + (D.Cauchy(0., 2.).entropy(), D.Cauchy(0., 2.).cdf(m.tensor([1.])), D.Cauchy(0., 2.).icdf(m.tensor([0.3])))",
    "HalfNormal": _stats("D.HalfNormal(m.tensor([1., 2.]))")
    + " + (D.HalfNormal(2.).entropy(), D.HalfNormal(2.).cdf(m.tensor([1.])))",
    "Geometric": _stats("D.Geometric(logits=m.tensor([0.3, -1.]))")
    + " + (D.Geometric(m.tensor([0.3, 0.8])).entropy(),)",
    "Binomial": _stats("D.Binomial(m.tensor([5., 50.]), logits=m.tensor([0.3, -1.]))")
    + " + (D.Binomial(10, m.tensor([0.3, 0.8])).entropy(),)",
    "Chi2": _stats("D.Chi2(m.tensor([3., 0.5]))"),
    "StudentT": "(m.manual_seed(0), D.StudentT(m.tensor([3., 1.5, 0.8]), 1., 2.).rsample((3,)),"
    " D.StudentT(m.tensor([3., 1.5, 0.8]), 1., 2.).log_prob(m.tensor([0.5, 2., -3.])),"
    " D.StudentT(m.tensor([3., 1.5, 0.8]), 1., 2.).entropy())[1:]",
    "NegativeBinomial": _stats("D.NegativeBinomial(m.tensor([2., 10.]), logits=m.tensor([0.3, -1.]))"),
    "HalfCauchy": _stats("D.HalfCauchy(m.tensor([1., 2.]))")
    + " + (D.HalfCauchy(2.).entropy(), D.HalfCauchy(2.).cdf(m.tensor([1.])))",
    "Gumbel": _stats("D.Gumbel(m.tensor([0., 1.]), m.tensor([1., 2.]))") + " + (D.Gumbel(0., 2.).entropy(),)",
    "RelaxedOneHotCategorical": (
        "(lambda d: (m.manual_seed(0), (lambda s: (s, d.log_prob(s)))(d.rsample((3,)))))"
        "(D.RelaxedOneHotCategorical(m.tensor(0.3), logits=m.tensor([[0., 1., 2.], [1., 1., 1.]])))[1]"
    ),
    "RelaxedBernoulli": (
        "(lambda d: (m.manual_seed(0), (lambda s: (s, d.log_prob(s)))(d.rsample((3,)))))"
        "(D.RelaxedBernoulli(m.tensor(0.5), logits=m.tensor([0.2, -0.9])))[1]"
    ),
    "Bregman entropies of exponential families": (
        "[D.ExponentialFamily.entropy(d) for d in (D.Normal(m.tensor([0., 1.]), 2.), D.Exponential(m.tensor([2.])),"
        " D.Gamma(m.tensor([2.]), 3.), D.Bernoulli(m.tensor([0.3])))]"
    ),
}

KL_PAIRS = {
    "Normal": "D.Normal(m.tensor([0., 1.]), m.tensor([1., 0.5])), D.Normal(m.tensor([0.5, 0.]), 2.)",
    "Bernoulli": "D.Bernoulli(m.tensor([0.2, 0.7])), D.Bernoulli(logits=m.tensor([0.1, -1.]))",
    "Categorical": "D.Categorical(m.tensor([[.2, .3, .5], [.1, .1, .8]])), D.Categorical(logits=m.tensor([0., 1., 2.]))",
    "OneHotCategorical": "D.OneHotCategorical(m.tensor([.2, .3, .5])), D.OneHotCategorical(m.tensor([.3, .3, .4]))",
    "Uniform": "D.Uniform(m.tensor([0., 0.5]), 1.), D.Uniform(-1., m.tensor([2., 3.]))",
    "MultivariateNormal": f"D.MultivariateNormal(m.tensor([0.5, -0.2]), {COV}), D.MultivariateNormal(m.zeros(2), scale_tril={TRIL})",
    "MultivariateNormal batched": (
        f"D.MultivariateNormal(m.zeros(3, 2), {COV}), D.MultivariateNormal(m.ones(2), m.stack([{COV}, m.eye(2), 3 * m.eye(2)]))"
    ),
    "Independent": "D.Independent(D.Normal(m.zeros(2, 3), 1.), 1), D.Independent(D.Normal(m.ones(2, 3), 2.), 1)",
    "Laplace": "D.Laplace(m.tensor([0., 1.]), 1.), D.Laplace(0.5, m.tensor([2., 0.5]))",
    "Exponential": "D.Exponential(m.tensor([0.5, 2.])), D.Exponential(1.5)",
    "Beta": "D.Beta(m.tensor([2., 0.5]), 3.), D.Beta(1.5, m.tensor([0.5, 4.]))",
    "Gamma": "D.Gamma(m.tensor([2., 0.5]), 3.), D.Gamma(1.5, m.tensor([0.5, 4.]))",
    "Dirichlet": "D.Dirichlet(m.tensor([1., 2., 3.])), D.Dirichlet(m.tensor([[2., 2., 2.], [0.5, 1., 9.]]))",
    "Poisson": "D.Poisson(m.tensor([2., 10.])), D.Poisson(m.tensor([3., 1.]))",
    "LogNormal": "D.LogNormal(0., 1.), D.LogNormal(m.tensor([1., 0.]), 2.)",
    "Exponential, Gamma": "D.Exponential(m.tensor([2.])), D.Gamma(m.tensor([3.]), 2.)",
    "Gamma, Exponential": "D.Gamma(m.tensor([3.]), 2.), D.Exponential(m.tensor([2.]))",
    "Exponential, Normal": "D.Exponential(m.tensor([2.])), D.Normal(1., 2.)",
    "Gamma, Normal": "D.Gamma(m.tensor([3.]), 2.), D.Normal(1., 2.)",
    "Laplace, Normal": "D.Laplace(m.tensor([0.5]), 2.), D.Normal(1., 2.)",
    "Normal, Laplace": "D.Normal(m.tensor([0.5]), 2.), D.Laplace(1., 2.)",
    "Uniform, Normal": "D.Uniform(m.tensor([0.5]), 2.), D.Normal(1., 2.)",
    "Uniform, Exponential": "D.Uniform(m.tensor([0.5, -1.]), 2.), D.Exponential(2.)",
    "Bernoulli, Poisson": "D.Bernoulli(m.tensor([0.3])), D.Poisson(2.)",
    "Cauchy": "D.Cauchy(m.tensor([0., 1.]), 1.), D.Cauchy(1., m.tensor([2., 0.5]))",
    "HalfNormal": "D.HalfNormal(m.tensor([1., 3.])), D.HalfNormal(2.)",
    "Geometric": "D.Geometric(m.tensor([0.3, 0.9])), D.Geometric(logits=m.tensor([0.5, -2.]))",
    "Binomial": "D.Binomial(m.tensor([12., 10.]), m.tensor([0.3, 0.2])), D.Binomial(10, m.tensor([0.6]))",
    "Chi2": "D.Chi2(m.tensor([3., 1.])), D.Chi2(m.tensor([5.]))",
    "Gumbel": "D.Gumbel(m.tensor([0., 1.]), 1.), D.Gumbel(1., m.tensor([2., 0.5]))",
}
NUMBERS.update({f"kl_divergence of {k}": f"D.kl_divergence({v})" for k, v in KL_PAIRS.items()})


@pytest.mark.parametrize("code", NUMBERS.values(), ids=NUMBERS.keys())
def test_numbers_as_pytorchs(code: str) -> None:
    ours, theirs = _run(lab, code), _run(torch_ref, code)
    assert len(ours) == len(theirs)
    for a, b in zip(ours, theirs, strict=True):
        assert a.shape == b.shape
        np.testing.assert_allclose(
            a, b, rtol=1e-5, atol=1e-6
        )  # float32: a sum that cancels keeps fewer digits


DTYPES = {
    "draws keep the parameters' dtype": (
        "[(lambda d: (d.sample().dtype, d.rsample().dtype if d.has_rsample else None, d.log_prob(d.sample()).dtype))(d)"
        " for d in (D.Laplace(m.zeros(2, dtype=m.float64), 1.), D.Exponential(m.ones(2, dtype=m.float64)),"
        " D.Gamma(m.ones(2, dtype=m.float64), 1.), D.Beta(m.ones(2, dtype=m.float64), 1.),"
        " D.Dirichlet(m.ones(2, dtype=m.float64)), D.Poisson(m.ones(2, dtype=m.float64)),"
        " D.MultivariateNormal(m.zeros(2, dtype=m.float64), m.eye(2, dtype=m.float64)),"
        " D.OneHotCategorical(m.ones(2, dtype=m.float64)), D.LogNormal(m.zeros(1, dtype=m.float64), 1.))]"
    ),
    "sample shapes": (
        "[d.sample((2, 3)).shape for d in (D.Laplace(m.zeros(4), 1.), D.Gamma(m.ones(4), 1.), D.Beta(2., 3.),"
        " D.Dirichlet(m.ones(4, 3)), D.Poisson(m.ones(4)), D.OneHotCategorical(m.ones(4, 3)),"
        " D.Independent(D.Normal(m.zeros(4, 5), 1.), 1), D.MultivariateNormal(m.zeros(4, 2), m.eye(2)))]"
    ),
}


@pytest.mark.parametrize("code", DTYPES.values(), ids=DTYPES.keys())
def test_dtypes_and_shapes_as_pytorchs(code: str) -> None:
    code = code.replace("D.", "m.distributions.")
    assert outcome(lab, code) == outcome(torch_ref, code)


def test_the_generator_is_left_where_pytorch_leaves_it() -> None:
    """After each sampler the next ``torch.rand`` is PyTorch's: the draws used up the same numbers."""
    code = (
        "[(m.manual_seed(4), d.sample((3,)), m.rand(3))[2] for d in (D.Laplace(0., 1.), D.Exponential(2.),"
        " D.Gamma(m.tensor([0.5, 3.]), 1.), D.Beta(0.5, 2.), D.Dirichlet(m.ones(3)), D.Poisson(m.tensor([3., 20.])),"
        " D.MultivariateNormal(m.zeros(2), m.eye(2)), D.OneHotCategorical(m.ones(3)), D.LogNormal(0., 1.),"
        " D.Cauchy(0., 1.), D.Geometric(0.3), D.Binomial(30, m.tensor([0.4])), D.StudentT(m.tensor([2.]), 0., 1.),"
        " D.MixtureSameFamily(D.Categorical(m.ones(2)), D.Normal(m.zeros(2), 1.)))]"
    )
    ours, theirs = _run(lab, code), _run(torch_ref, code)
    for a, b in zip(ours, theirs, strict=True):
        np.testing.assert_array_equal(a, b)


# -- gradients: rsample, log_prob, entropy, kl -------------------------------------------------------------
GRADIENTS = [
    # a VAE's loss: the KL of the posterior to the prior, and the log-likelihood of a reparameterised draw
    "(lambda q: D.kl_divergence(q, D.Normal(0., 1.)).sum() - D.Normal(1., 1.).log_prob(q.rsample()).sum())"
    "(D.Normal(a, b.exp()))",
    "(lambda q: D.kl_divergence(q, D.MultivariateNormal(m.zeros(3), m.eye(3))) + q.rsample((2,)).pow(2).sum())"
    "(D.MultivariateNormal(a, scale_tril=m.diag(b.exp()) + m.tril(m.outer(a, b), -1)))",
    "(lambda q: D.kl_divergence(D.MultivariateNormal(b, scale_tril=m.diag(a.exp())), q))"
    "(D.MultivariateNormal(a, covariance_matrix=m.eye(3) * 2 + m.outer(b, b)))",
    "D.MultivariateNormal(a, precision_matrix=m.eye(3) * 2 + m.outer(b, b)).log_prob(m.ones(2, 3)).sum()",
    "D.MultivariateNormal(a, m.eye(3) + m.outer(b, b)).entropy()",
    "D.kl_divergence(D.Independent(D.Normal(a, b.exp()), 1), D.Independent(D.Normal(b, a.exp()), 1))",
    "D.Laplace(a, b.exp()).rsample((4,)).sum() + D.Laplace(a, b.exp()).log_prob(m.ones(3)).sum()"
    " + D.kl_divergence(D.Laplace(a, b.exp()), D.Laplace(b, 1.)).sum()",
    "D.Exponential(b.exp()).rsample((4,)).sum() + D.kl_divergence(D.Exponential(a.exp()), D.Exponential(b.exp())).sum()",
    "D.Gamma(a.exp(), b.exp()).rsample((3,)).sum() + D.kl_divergence(D.Gamma(a.exp(), 2.), D.Gamma(b.exp(), a.exp())).sum()",
    "D.Beta(a.exp(), b.exp()).rsample((3,)).sum() + D.Beta(a.exp(), b.exp()).entropy().sum()",
    "(D.Dirichlet(m.stack([a.exp(), b.exp()])).rsample() * m.arange(6.).reshape(2, 3)).sum()"
    " + D.kl_divergence(D.Dirichlet(a.exp()), D.Dirichlet(b.exp()))",
    "D.Poisson(a.exp()).log_prob(m.tensor([0., 2., 5.])).sum() + D.kl_divergence(D.Poisson(a.exp()), D.Poisson(b.exp())).sum()",
    "D.LogNormal(a, b.exp()).rsample((2,)).sum() + D.LogNormal(a, b.exp()).log_prob(m.ones(3)).sum()",
    "D.kl_divergence(D.Categorical(logits=a), D.Categorical(logits=b)) + D.OneHotCategorical(logits=a).entropy()",
    "D.kl_divergence(D.Bernoulli(logits=a), D.Bernoulli(logits=b)).sum() + D.kl_divergence(D.Normal(a, 1.), D.Laplace(b, 2.)).sum()",
    "-D.MixtureSameFamily(D.Categorical(logits=b), D.Normal(a, b.exp())).log_prob(m.tensor([[0.], [1.5], [-2.]])).sum()"
    " + D.MixtureSameFamily(D.Categorical(logits=b), D.Normal(a, 1.)).variance",
    "D.StudentT(a.exp() + 1, b, a.exp()).rsample((3,)).sum() + D.StudentT(a.exp(), b, 2.).entropy().sum()"
    " + D.StudentT(a.exp(), b, 2.).log_prob(m.ones(3)).sum()",
    "D.Cauchy(a, b.exp()).rsample((2,)).sum() + D.HalfNormal(b.exp()).rsample().sum()"
    " + D.kl_divergence(D.Cauchy(a, b.exp()), D.Cauchy(b, 1.)).sum()",
    "D.Binomial(10, logits=a).log_prob(m.tensor([2., 5., 9.])).sum() + D.Geometric(logits=b).entropy().sum()"
    " + D.kl_divergence(D.Geometric(logits=a), D.Geometric(logits=b)).sum()",
    "(D.RelaxedOneHotCategorical(m.tensor(0.7), logits=a).rsample((4,)) * m.arange(3.)).sum()"
    " + (D.RelaxedBernoulli(b.exp(), logits=a).rsample((2,)) * m.arange(3.)).sum() + D.Gumbel(a, b.exp()).rsample().sum()",
    "(D.OneHotCategoricalStraightThrough(logits=a).rsample((4,)) * m.arange(3.)).sum()"
    " + D.HalfCauchy(b.exp()).rsample((2,)).sum() + D.NegativeBinomial(3., logits=a).log_prob(m.tensor([0., 2., 7.])).sum()",
    "D.kl_divergence(D.Gamma(a.exp(), b.exp()), D.Gamma(b.exp(), 1.)).sum() + D.ExponentialFamily.entropy(D.Gamma(a.exp(), 1.)).sum()",
]


@pytest.mark.parametrize("code", GRADIENTS)
def test_gradients_as_pytorchs(code: str) -> None:
    grads = []
    for m in (lab, torch_ref):
        m.manual_seed(5)
        a = m.tensor([0.5, -0.2, 1.0], requires_grad=True)
        b = m.tensor([0.1, 0.3, -0.4], requires_grad=True)
        eval(code.replace("D.", "m.distributions."), {"m": m, "a": a, "b": b}).backward()  # noqa: S307
        grads.append([None if g is None else g.numpy() for g in (a.grad, b.grad)])
    for ours, theirs in zip(*grads, strict=True):
        assert (ours is None) == (theirs is None)
        if ours is not None:
            np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-6)


# -- register_kl's dispatch ------------------------------------------------------------------------------
def _dispatch(m: Any) -> list[Any]:
    """Subclasses find the most specific pair; a tie warns; registering the tie-break clears the memo."""
    D = m.distributions  # noqa: N806

    class MyNormal(D.Normal):
        pass

    class Base(D.Normal):
        pass

    class Derived(Base):
        pass

    seen = [D.kl_divergence(MyNormal(0.0, 1.0), D.Normal(1.0, 1.0))]  # the Normal pair
    m.distributions.register_kl(MyNormal, D.Normal)(lambda p, q: m.tensor(-1.0))
    seen.append(D.kl_divergence(MyNormal(0.0, 1.0), D.Normal(1.0, 1.0)))
    D.register_kl(Base, Derived)(lambda p, q: m.tensor(1.0))
    D.register_kl(Derived, Base)(lambda p, q: m.tensor(2.0))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        seen.append(D.kl_divergence(Derived(0.0, 1.0), Derived(0.0, 1.0)))
    seen.append([(w.category.__name__, str(w.message)) for w in caught])
    D.register_kl(Derived, Derived)(lambda p, q: m.tensor(3.0))
    seen.append(D.kl_divergence(Derived(0.0, 1.0), Derived(0.0, 1.0)))
    return [repr(v) if not isinstance(v, list) else v for v in seen]


def test_register_kl_dispatches_as_pytorch() -> None:
    assert _dispatch(lab) == _dispatch(torch_ref)


# -- solve_triangular ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("upper", [False, True])
@pytest.mark.parametrize("left", [False, True])
@pytest.mark.parametrize("unitriangular", [False, True])
def test_solve_triangular_as_pytorchs(upper: bool, left: bool, unitriangular: bool) -> None:
    rng = np.random.default_rng(0)
    a = rng.uniform(-0.5, 0.5, (2, 3, 3)) + 2 * np.eye(3)
    b = rng.uniform(-1, 1, (3, 4) if left else (4, 3))
    results = []
    for m in (lab, torch_ref):
        ta, tb = m.tensor(a, requires_grad=True), m.tensor(b, requires_grad=True)
        x = m.linalg.solve_triangular(ta, tb, upper=upper, left=left, unitriangular=unitriangular)
        (x * x).sum().backward()
        results.append((x.detach().numpy(), ta.grad.numpy(), tb.grad.numpy(), x.grad_fn.name()))
    for ours, theirs in zip(*results, strict=True):
        if isinstance(ours, str):
            assert ours == theirs
        else:
            np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-13)


def _lazy_under_no_grad(m: Any) -> Any:
    """``probs`` first asked for under ``no_grad`` still carries a graph (PyTorch's ``lazy_property``)."""
    a = m.tensor([0.5, -0.2, 1.0], requires_grad=True)
    d = m.distributions.Bernoulli(logits=a)
    c = m.distributions.Categorical(logits=a)
    with m.no_grad():
        d.probs, c.probs  # noqa: B018 - computed here, first
    (d.entropy().sum() + c.entropy()).backward()
    return d.probs.requires_grad, a.grad.numpy()


def test_lazy_properties_record_gradients_under_no_grad() -> None:
    (ours_flag, ours), (theirs_flag, theirs) = _lazy_under_no_grad(lab), _lazy_under_no_grad(torch_ref)
    assert ours_flag == theirs_flag
    np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-6)


def _custom(m: Any) -> list[str]:
    """A teacher's own Distribution subclass: PyTorch's warnings without arg_constraints or support, its checks with."""
    D = m.distributions  # noqa: N806

    class Coin(D.Distribution):
        def __init__(self, p: Any) -> None:
            self.p = p
            super().__init__(batch_shape=p.shape)

        def log_prob(self, x: Any) -> Any:
            self._validate_sample(x)
            return x * self.p.log() + (1 - x) * (1 - self.p).log()

    class Coin2(D.Distribution):
        arg_constraints = {"p": D.constraints.unit_interval}  # noqa: RUF012 - PyTorch's form
        support = D.constraints.boolean

        def __init__(self, p: Any, validate_args: Any = None) -> None:
            self.p = p
            super().__init__(p.shape, validate_args=validate_args)

    seen = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        seen.append(repr(Coin(m.tensor([0.3, 0.6])).log_prob(m.tensor([1.0, 0.0]))))
    seen += [f"{w.category.__name__}: {str(w.message).split(' Hint:')[0]}" for w in caught]
    seen.append(repr(Coin2(m.tensor([0.3]))))
    for make in (
        lambda: repr(Coin(m.tensor([0.3]))),
        lambda: Coin2(m.tensor([1.3])),
        lambda: Coin2(m.tensor([0.3])).sample(),
    ):
        try:
            seen.append(repr(make()))
        except Exception as error:  # noqa: BLE001 - the error is what is compared
            seen.append(f"{type(error).__name__}: {str(error).split(' Hint:')[0]}")
    return seen


def test_a_custom_distribution_as_in_pytorch() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert _custom(lab) == _custom(torch_ref)
