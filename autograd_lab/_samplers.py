"""PyTorch's CPU samplers for the gamma, Dirichlet and Poisson distributions, draw for draw.

``torch._standard_gamma``, ``torch._sample_dirichlet`` and ``torch.poisson``
take one value at a time from the generator (``cpu_serial_kernel``), in
double precision: a float64 uniform is ``uniform53``, a standard normal is
Box-Muller one value at a time with its second value kept for the next
call.  The algorithms are those of ATen/native/Distributions.{h,cpp}:

- gamma: Marsaglia and Tsang's acceptance-rejection (with α < 1 boosted to
  α + 1 and scaled by U^(1/α)); its constants mix float and double as the
  C++ does (``1.0f / 3.0f`` is a float);
- Poisson: multiplying uniforms until the product falls below e^(−λ) for
  λ < 10, Hörmann's transformed rejection (PTRS) from 10 on;
- Dirichlet: gamma draws in double, divided by their sum.

The reparameterised gradient of a gamma draw with respect to α is
``standard_gamma_grad_one``: a Taylor series for small x, Rice's saddle
point expansion for large α, else a bivariate rational approximation.
"""

from __future__ import annotations

import math

import numpy as np

from ._random import Generator, generator_of

_F32 = np.float32
_THIRD_F32 = float(_F32(1.0) / _F32(3.0))  # the C++'s 1.0f / 3.0f
_C0331_F32 = float(_F32(0.0331))


def _gamma_one(alpha: float, single: bool, source: Generator) -> float:
    """One gamma(α, 1) draw: ``sample_gamma`` with ``scalar_t`` float (``single``) or double."""
    scale = 1.0
    if alpha < 1.0:
        if alpha == 0.0:
            return 0.0
        exponent = float(_F32(1.0) / _F32(alpha)) if single else 1.0 / alpha
        scale *= math.pow(1 - source.uniform53(1)[0], exponent)
        alpha = float(_F32(alpha) + _F32(1.0)) if single else alpha + 1.0
    d = float(_F32(alpha) - _F32(_THIRD_F32)) if single else alpha - _THIRD_F32
    c = 1.0 / math.sqrt(9.0 * d)
    while True:
        while True:
            x = float(source.box_muller(1)[0])
            y = 1.0 + c * x
            if y > 0:
                break
        v = y * y * y
        u = 1 - source.uniform53(1)[0]
        xx = x * x
        if u < 1.0 - _C0331_F32 * xx * xx:
            return scale * d * v
        if math.log(u) < 0.5 * xx + d * (1.0 - v + math.log(v)):
            return scale * d * v


def standard_gamma(alpha: np.ndarray, generator: Generator | None = None) -> np.ndarray:
    """``torch._standard_gamma(alpha)``: gamma(α, 1) draws of α's shape and dtype, in memory order."""
    source = generator_of(generator)
    single = alpha.dtype == _F32
    tiny = np.finfo(alpha.dtype).tiny
    flat = np.ascontiguousarray(alpha).ravel().tolist()
    out = np.array([_gamma_one(a, single, source) for a in flat], dtype=np.float64).astype(alpha.dtype)
    return np.maximum(out, tiny).reshape(alpha.shape)


def dirichlet(alpha: np.ndarray, generator: Generator | None = None) -> np.ndarray:
    """``torch._sample_dirichlet(alpha)``: gamma draws in double over their sum, kept inside (0, 1)."""
    source = generator_of(generator)
    flat = np.ascontiguousarray(alpha).ravel().astype(np.float64).tolist()
    gammas = np.array([_gamma_one(a, False, source) for a in flat], dtype=np.float64).reshape(alpha.shape)
    gammas = np.maximum(gammas, np.finfo(np.float64).tiny)
    ratios = (gammas / gammas.sum(-1, keepdims=True)).astype(alpha.dtype)
    highest = np.nextafter(alpha.dtype.type(1.0), alpha.dtype.type(0.0))
    return np.minimum(highest, np.maximum(np.finfo(alpha.dtype).tiny, ratios))


def _poisson_one(rate: float, source: Generator) -> int:
    """One Poisson(λ) draw: ``sample_poisson``."""
    if rate >= 10:
        slam, loglam = math.sqrt(rate), math.log(rate)
        b = 0.931 + 2.53 * slam
        a = -0.059 + 0.02483 * b
        invalpha = 1.1239 + 1.1328 / (b - 3.4)
        vr = 0.9277 - 3.6224 / (b - 2)
        while True:
            u = source.uniform53(1)[0] - 0.5
            v = source.uniform53(1)[0]
            us = 0.5 - abs(u)
            k = math.floor((2 * a / us + b) * u + rate + 0.43)
            if us >= 0.07 and v <= vr:
                return k
            if k < 0 or (us < 0.013 and v > us):
                continue
            if math.log(v) + math.log(invalpha) - math.log(a / (us * us) + b) <= (
                -rate + k * loglam - math.lgamma(k + 1.0)
            ):
                return k
    if rate == 0:
        return 0
    enlam, count, product = math.exp(-rate), 0, 1.0
    while True:
        product *= source.uniform53(1)[0]
        if product > enlam:
            count += 1
        else:
            return count


def poisson(rates: np.ndarray, generator: Generator | None = None) -> np.ndarray:
    """``torch.poisson(rates)``: counts of the rates' shape and dtype, drawn in memory order."""
    source = generator_of(generator)
    flat = np.ascontiguousarray(rates).ravel().astype(np.float64).tolist()
    return np.array([_poisson_one(r, source) for r in flat], dtype=rates.dtype).reshape(rates.shape)


# -- the reparameterised gradient of a gamma draw ------------------------------------------------------

_DIGAMMA_ASYMPTOTIC = (
    8.33333333333333333333e-2, -2.10927960927960927961e-2, 7.57575757575757575758e-3,
    -4.16666666666666666667e-3, 3.96825396825396825397e-3, -8.33333333333333333333e-3,
    8.33333333333333333333e-2,
)  # fmt: skip
_GAMMA_GRAD_COEFFICIENTS = (
    (0.16009398, -0.094634809, 0.025146376, -0.0030648343, 1, 0.32668115, 0.10406089, 0.0014179084),
    (0.53487893, 0.1298071, 0.065735949, -0.0015649758, 0.16639465, 0.020070113, -0.0035938915, -0.00058392623),
    (0.040121004, -0.0065914022, -0.0026286047, -0.0013441777, 0.017050642, -0.0021309326, 0.00085092367,
     -1.5247877e-07),
)  # fmt: skip


def _digamma_one(x: float) -> float:
    """ATen's ``digamma_one`` (Cephes), in double."""
    if x == 0:
        return math.inf
    extra = 0.0
    if x < 0:
        if x == math.floor(x):
            return math.inf
        extra = -math.pi / math.tan(math.pi * x)
        x = 1 - x
    result = 0.0
    while x < 10:
        result -= 1 / x
        x += 1
    if x == 10:
        return result + 2.25175258906672110764 + extra
    y = 0.0
    if x < 1.0e17:
        z = 1.0 / (x * x)
        polynomial = 0.0
        for coefficient in _DIGAMMA_ASYMPTOTIC:
            polynomial = polynomial * z + coefficient
        y = z * polynomial
    return result + math.log(x) - (0.5 / x) - y + extra


def _gamma_grad_one(alpha: float, x: float) -> float:
    """−(∂/∂α cdf(x; α)) / pdf(x; α) for a gamma(α, 1) draw x: ``standard_gamma_grad_one`` in double."""
    if x < 0.8:
        numer, denom = 1.0, alpha
        series1, series2 = numer / denom, numer / (denom * denom)
        for i in range(1, 6):
            numer *= -x / i
            denom += 1
            series1 += numer / denom
            series2 += numer / (denom * denom)
        pow_x_alpha = math.pow(x, alpha)
        gamma_pdf = math.pow(x, alpha - 1) * math.exp(-x)
        gamma_cdf = pow_x_alpha * series1
        gamma_cdf_alpha = (math.log(x) - _digamma_one(alpha)) * gamma_cdf - pow_x_alpha * series2
        result = -gamma_cdf_alpha / gamma_pdf
        return 0.0 if math.isnan(result) else result
    if alpha > 8.0:
        if 0.9 * alpha <= x <= 1.1 * alpha:
            numer_1 = 1 + 24 * alpha * (1 + 12 * alpha)
            numer_2 = (
                1440 * (alpha * alpha)
                + 6 * x * (53 - 120 * x)
                - 65 * x * x / alpha
                + alpha * (107 + 3600 * x)
            )
            denom = 1244160 * (alpha * alpha) * (alpha * alpha)
            return numer_1 * numer_2 / denom
        denom = math.sqrt(8 * alpha)
        term2 = denom / (alpha - x)
        term3 = math.pow(x - alpha - alpha * math.log(x / alpha), -1.5)
        term23 = term2 - term3 if x < alpha else term2 + term3
        term1 = math.log(x / alpha) * term23 - math.sqrt(2 / alpha) * (alpha + x) / (
            (alpha - x) * (alpha - x)
        )
        stirling = 1 + 1 / (12 * alpha) * (1 + 1 / (24 * alpha))
        numer = x * term1
        return -stirling * numer / denom
    u, v = math.log(x / alpha), math.log(alpha)
    c0, c1, c2 = _GAMMA_GRAD_COEFFICIENTS
    coef_v = [c0[i] + u * (c1[i] + u * c2[i]) for i in range(8)]
    p = coef_v[0] + v * (coef_v[1] + v * (coef_v[2] + v * coef_v[3]))
    q = coef_v[4] + v * (coef_v[5] + v * (coef_v[6] + v * coef_v[7]))
    return math.exp(p / q)


def standard_gamma_grad(alpha: np.ndarray, x: np.ndarray) -> np.ndarray:
    """``torch._standard_gamma_grad(alpha, x)``: ∂x/∂α of each gamma draw, in α's dtype."""
    alpha, x = np.broadcast_arrays(alpha, x)
    values = [_gamma_grad_one(a, v) for a, v in zip(alpha.ravel().tolist(), x.ravel().tolist(), strict=True)]
    return np.array(values, dtype=np.float64).astype(alpha.dtype).reshape(alpha.shape)


# -- the reparameterised gradient of a Dirichlet draw ----------------------------------------------------

_DIRICHLET_GRAD_COEFFICIENTS = (
    (((1.003668233, -0.01061107488, -0.0657888334, 0.01201642863),
      (0.6336835991, -0.3557432599, 0.05486251648, -0.001465281033),
      (-0.03276231906, 0.004474107445, 0.002429354597, -0.0001557569013)),
     ((0.221950385, -0.3187676331, 0.01799915743, 0.01074823814),
      (-0.2951249643, 0.06219954479, 0.01535556598, 0.001550077057),
      (0.02155310298, 0.004170831599, 0.001292462449, 6.976601077e-05)),
     ((-0.05980841433, 0.008441916499, 0.01085618172, 0.002319392565),
      (0.02911413504, 0.01400243777, -0.002721828457, 0.000751041181),
      (0.005900514878, -0.001936558688, -9.495446725e-06, 5.385558597e-05))),
    (((1, -0.02924021934, -0.04438342661, 0.007285809825),
      (0.6357567472, -0.3473456711, 0.05454656494, -0.002407477521),
      (-0.03301322327, 0.004845219414, 0.00231480583, -0.0002307248149)),
     ((0.5925320577, -0.1757678135, 0.01505928619, 0.000564515273),
      (0.1014815858, -0.06589186703, 0.01272886114, -0.0007316646956),
      (-0.007258481865, 0.001096195486, 0.0003934994223, -4.12701925e-05)),
     ((0.06469649321, -0.0236701437, 0.002902096474, -5.896963079e-05),
      (0.001925008108, -0.002869809258, 0.0008000589141, -6.063713228e-05),
      (-0.0003477407336, 6.959756487e-05, 1.097287507e-05, -1.650964693e-06))),
)  # fmt: skip


def _beta_grad_alpha_small(x: float, alpha: float, beta: float) -> float:
    factor = _digamma_one(alpha) - _digamma_one(alpha + beta) - math.log(x)
    numer = 1.0
    series = numer / alpha * (factor + 1 / alpha)
    for i in range(1, 11):
        numer *= (i - beta) * x / i
        denom = alpha + i
        series += numer / denom * (factor + 1 / denom)
    result = x * math.pow(1 - x, -beta) * series
    return 0.0 if math.isnan(result) else result


def _beta_grad_beta_small(x: float, alpha: float, beta: float) -> float:
    factor = _digamma_one(alpha + beta) - _digamma_one(beta)
    numer, betas, dbetas, series = 1.0, 1.0, 0.0, factor / alpha
    for i in range(1, 9):
        numer *= -x / i
        dbetas = dbetas * (beta - i) + betas
        betas = betas * (beta - i)
        series += numer / (alpha + i) * (dbetas + factor * betas)
    result = -math.pow(1 - x, 1 - beta) * series
    return 0.0 if math.isnan(result) else result


def _beta_grad_alpha_mid(x: float, alpha: float, beta: float) -> float:
    total = alpha + beta
    mean = alpha / total
    std = math.sqrt(alpha * beta / (total + 1)) / total
    if mean - 0.1 * std <= x <= mean + 0.1 * std:
        poly = 47 * x * (beta * beta) * (beta * beta) + alpha * (
            (43 + 20 * (16 + 27 * beta) * x) * (beta * beta) * beta
            + alpha
            * (
                3 * (59 + 180 * beta - 90 * x) * (beta * beta)
                + alpha
                * ((453 + 1620 * beta * (1 - x) - 455 * x) * beta + alpha * (8 * (1 - x) * (135 * beta - 11)))
            )
        )
        prefactor_num = (1 + 12 * alpha) * (1 + 12 * beta) / (total * total)
        prefactor_den = 12960 * alpha * alpha * alpha * beta * beta * (1 + 12 * total)
        return prefactor_num / (1 - x) * poly / prefactor_den
    prefactor = -x / math.sqrt(2 * alpha * beta / total)
    stirling = ((1 + 1 / (12 * alpha) + 1 / (288 * alpha * alpha)) * (1 + 1 / (12 * beta) + 1 / (288 * beta * beta))
                / (1 + 1 / (12 * total) + 1 / (288 * total * total)))  # fmt: skip
    term1_num = 2 * (alpha * alpha) * (x - 1) + alpha * beta * (x - 1) - x * (beta * beta)
    axbx = alpha * (x - 1) + beta * x
    term1_den = math.sqrt(2 * alpha / beta) * math.pow(total, 1.5) * axbx * axbx
    term1 = term1_num / term1_den
    term2 = 0.5 * math.log(alpha / (total * x))
    term3 = math.sqrt(8 * alpha * beta / total) / (beta * x + alpha * (x - 1))
    term4_base = beta * math.log(beta / (total * (1 - x))) + alpha * math.log(alpha / (total * x))
    term4 = math.pow(term4_base, -1.5)
    term1234 = term1 + term2 * (term3 + (term4 if x < mean else -term4))
    return stirling * prefactor * term1234


def _dirichlet_grad_one(x: float, alpha: float, total: float) -> float:
    """``dirichlet_grad_one``: −(∂/∂α cdf(x; α, total − α)) / pdf / (1 − x), computed here in double."""
    beta = total - alpha
    boundary = total * x * (1 - x)
    if x <= 0.5 and boundary < 2.5:
        return _beta_grad_alpha_small(x, alpha, beta)
    if x >= 0.5 and boundary < 0.75:
        return -_beta_grad_beta_small(1 - x, beta, alpha)
    if alpha > 6 and beta > 6:
        return _beta_grad_alpha_mid(x, alpha, beta)
    u = math.log(x)
    a = math.log(alpha) - u
    b = math.log(total) - a
    pow_u, pow_a = (1, u, u * u), (1, a, a * a)
    p = q = 0.0
    cp, cq = _DIRICHLET_GRAD_COEFFICIENTS
    for i in range(3):
        for j in range(3):
            ua = pow_u[i] * pow_a[j]
            p += ua * (cp[i][j][0] + b * (cp[i][j][1] + b * (cp[i][j][2] + b * cp[i][j][3])))
            q += ua * (cq[i][j][0] + b * (cq[i][j][1] + b * (cq[i][j][2] + b * cq[i][j][3])))
    approx = x * (_digamma_one(total) - _digamma_one(alpha)) / beta
    return p / q * approx


def dirichlet_grad(x: np.ndarray, alpha: np.ndarray, total: np.ndarray) -> np.ndarray:
    """``torch._dirichlet_grad(x, alpha, total)``, element by element."""
    x, alpha, total = np.broadcast_arrays(x, alpha, total)
    values = [
        _dirichlet_grad_one(*v)
        for v in zip(x.ravel().tolist(), alpha.ravel().tolist(), total.ravel().tolist(), strict=True)
    ]
    return np.array(values, dtype=np.float64).astype(x.dtype).reshape(x.shape)


# -- binomial and Cauchy -------------------------------------------------------------------------------

_STIRLING_TAIL = (
    0.0810614667953272, 0.0413406959554092, 0.0276779256849983, 0.02079067210376509, 0.0166446911898211,
    0.0138761288230707, 0.0118967099458917, 0.0104112652619720, 0.00925546218271273, 0.00833056343336287,
)  # fmt: skip


def _stirling_approx_tail(k: float) -> float:
    if k < len(_STIRLING_TAIL):
        return _STIRLING_TAIL[int(k)]
    kp1sq = (k + 1) * (k + 1)
    return (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 / kp1sq) / kp1sq) / (k + 1)


def _binomial_inversion(count: float, prob: float, real: type, source: Generator) -> float:
    geom_sum, num_geom = 0.0, real(0)
    logprob = float(np.log1p(-real(prob)))
    while True:
        geom = math.ceil(math.log(source.uniform53(1)[0]) / logprob)
        geom_sum += geom
        if geom_sum > count:
            return num_geom
        num_geom = real(num_geom + real(1))


def _btrs(count: float, prob: float, real: type, source: Generator) -> float:
    """Hörmann's BTRS, with the C++'s float (``real``) and double arithmetic where it has them."""
    n, p = real(count), real(prob)
    one = real(1)
    stddev = float(np.sqrt(n * p * (one - p)))
    b = 1.15 + 2.53 * stddev
    a = -0.0873 + 0.0248 * b + 0.01 * float(p)
    c = float(n * p) + 0.5
    v_r = 0.92 - 4.2 / b
    r = float(p / (one - p))
    alpha = (2.83 + 5.1 / b) * stddev
    m = float(np.floor((n + one) * p))
    while True:
        u = source.uniform53(1)[0] - 0.5
        v = source.uniform53(1)[0]
        us = 0.5 - abs(u)
        k = real(math.floor((2 * a / us + b) * u + c))
        if k < 0 or k > n:
            continue
        if us >= 0.07 and v <= v_r:
            return k
        v = math.log(v * alpha / (a / (us * us) + b))
        upperbound = (
            (m + 0.5) * math.log((m + 1) / (r * (float(n) - m + 1)))
            + float(n + one) * math.log((float(n) - m + 1) / float(n - k + one))
            + (float(k) + 0.5) * math.log(r * float(n - k + one) / float(k + one))
            + _stirling_approx_tail(m)
            + _stirling_approx_tail(float(n) - m)
            - _stirling_approx_tail(float(k))
            - _stirling_approx_tail(float(n - k))
        )
        if v <= upperbound:
            return k


def _binomial_one(count: float, prob: float, real: type, source: Generator) -> float:
    """One Binomial(count, prob) draw: ``sample_binomial`` (``real`` is the tensor's float type)."""
    n, p = real(count), real(prob)
    if n <= 0.0 or p <= 0.0:
        return 0.0
    if p >= 1.0:
        return float(n)
    if p <= 0.5:
        if n * p >= 10.0:
            return float(_btrs(n, p, real, source))
        return float(_binomial_inversion(n, p, real, source))
    if p > 0.5:
        q = real(1.0 - float(p))
        if n * q >= 10.0:
            return float(n - _btrs(n, q, real, source))
        return float(n - _binomial_inversion(n, q, real, source))
    return math.nan


def binomial(count: np.ndarray, prob: np.ndarray, generator: Generator | None = None) -> np.ndarray:
    """``torch.binomial(count, prob)``: draws of their shape and dtype, one after another in memory order."""
    source = generator_of(generator)
    real = np.float32 if prob.dtype == _F32 else np.float64
    count, prob = np.broadcast_arrays(count, prob)
    draws = [
        _binomial_one(n, p, real, source)
        for n, p in zip(count.ravel().tolist(), prob.ravel().tolist(), strict=True)
    ]
    return np.array(draws, dtype=np.float64).astype(prob.dtype).reshape(prob.shape)


def cauchy(count: int, dtype: np.dtype, generator: Generator | None = None) -> np.ndarray:
    """``Tensor.cauchy_()``: tan(π (u − ½)) in double, ``u`` a float64 uniform each."""
    source = generator_of(generator)
    values = [math.tan(math.pi * (u - 0.5)) for u in source.uniform53(count).tolist()]
    return np.array(values, dtype=np.float64).astype(dtype)
