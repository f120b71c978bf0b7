"""The numbers behind ``torch.special``: NumPy kernels of the special functions, no SciPy.

Each kernel follows the algorithm PyTorch 2.13 uses on the CPU
(``ATen/native/Math.h``: Cephes' Chebyshev and rational approximations,
the Hurwitz zeta's Euler-Maclaurin sum, the polynomials' recurrences), so
that the same inputs give PyTorch's numbers to the last bits or nearly.
The coefficient tables are Cephes' (3-clause BSD), as PyTorch prints them.

The kernels work on whole arrays.  Most compute in float64 and the ops
give the result back in the input's dtype (PyTorch's float32 kernels round
differently in the last bits, and lose more where a value is near a zero
or a large argument's phase is rounded); the orthogonal polynomials run
their recurrences in the input's own dtype, as PyTorch does, since
rounding grows along a recurrence.  ``zeta_of`` and ``igamma_of`` take
one number at a time (their series stop at different lengths), in float64.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

# -- helpers ----------------------------------------------------------------------------------------------------


def chbevl(x: Any, coefficients: tuple[float, ...]) -> Any:
    """Clenshaw's sum of a Chebyshev series (Cephes' chbevl), for a number or an array ``x``."""
    b0, b1, b2 = coefficients[0], 0.0, 0.0
    for coefficient in coefficients[1:]:
        b2, b1 = b1, b0
        b0 = x * b1 - b2 + coefficient
    return 0.5 * (b0 - b2)


def polevl(x: Any, coefficients: tuple[float, ...]) -> Any:
    """A polynomial by Horner's rule, the highest power's coefficient first."""
    result = 0.0
    for coefficient in coefficients:
        result = result * x + coefficient
    return result


# -- Cephes' tables ---------------------------------------------------------------------------------------------

# fmt: off
_NDTRI_P0 = (
    -5.99633501014107895267e1, 9.80010754185999661536e1, -5.66762857469070293439e1,
    1.39312609387279679503e1, -1.23916583867381258016e0,
)
_NDTRI_Q0 = (
    1.00000000000000000000e0, 1.95448858338141759834e0, 4.67627912898881538453e0, 8.63602421390890590575e1,
    -2.25462687854119370527e2, 2.00260212380060660359e2, -8.20372256168333339912e1,
    1.59056225126211695515e1, -1.18331621121330003142e0,
)
_NDTRI_P1 = (
    4.05544892305962419923e0, 3.15251094599893866154e1, 5.71628192246421288162e1, 4.40805073893200834700e1,
    1.46849561928858024014e1, 2.18663306850790267539e0, -1.40256079171354495875e-1,
    -3.50424626827848203418e-2, -8.57456785154685413611e-4,
)
_NDTRI_Q1 = (
    1.00000000000000000000e0, 1.57799883256466749731e1, 4.53907635128879210584e1, 4.13172038254672030440e1,
    1.50425385692907503408e1, 2.50464946208309415979e0, -1.42182922854787788574e-1,
    -3.80806407691578277194e-2, -9.33259480895457427372e-4,
)
_NDTRI_P2 = (
    3.23774891776946035970e0, 6.91522889068984211695e0, 3.93881025292474443415e0, 1.33303460815807542389e0,
    2.01485389549179081538e-1, 1.23716634817820021358e-2, 3.01581553508235416007e-4,
    2.65806974686737550832e-6, 6.23974539184983293730e-9,
)
_NDTRI_Q2 = (
    1.00000000000000000000e0, 6.02427039364742014255e0, 3.67983563856160859403e0, 1.37702099489081330271e0,
    2.16236993594496635890e-1, 1.34204006088543189037e-2, 3.28014464682127739104e-4,
    2.89247864745380683936e-6, 6.79019408009981274425e-9,
)
_AIRY_AN = (
    3.46538101525629032477e-01, 1.20075952739645805542e01, 7.62796053615234516538e01,
    1.68089224934630576269e02, 1.59756391350164413639e02, 7.05360906840444183113e01,
    1.40264691163389668864e01, 9.99999999999999995305e-01,
)
_AIRY_AD = (
    5.67594532638770212846e-01, 1.47562562584847203173e01, 8.45138970141474626562e01,
    1.77318088145400459522e02, 1.64234692871529701831e02, 7.14778400825575695274e01,
    1.40959135607834029598e01, 1.00000000000000000470e00,
)
_AIRY_AFN = (
    -1.31696323418331795333e-01, -6.26456544431912369773e-01, -6.93158036036933542233e-01,
    -2.79779981545119124951e-01, -4.91900132609500318020e-02, -4.06265923594885404393e-03,
    -1.59276496239262096340e-04, -2.77649108155232920844e-06, -1.67787698489114633780e-08,
)
_AIRY_AFD = (
    1.33560420706553243746e01, 3.26825032795224613948e01, 2.67367040941499554804e01,
    9.18707402907259625840e00, 1.47529146771666414581e00, 1.15687173795188044134e-01,
    4.40291641615211203805e-03, 7.54720348287414296618e-05, 4.51850092970580378464e-07,
)
_AIRY_AGN = (
    1.97339932091685679179e-02, 3.91103029615688277255e-01, 1.06579897599595591108e00,
    9.39169229816650230044e-01, 3.51465656105547619242e-01, 6.33888919628925490927e-02,
    5.85804113048388458567e-03, 2.82851600836737019778e-04, 6.98793669997260967291e-06,
    8.11789239554389293311e-08, 3.41551784765923618484e-10,
)
_AIRY_AGD = (
    9.30892908077441974853e00, 1.98352928718312140417e01, 1.55646628932864612953e01,
    5.47686069422975497931e00, 9.54293611618961883998e-01, 8.64580826352392193095e-02,
    4.12656523824222607191e-03, 1.01259085116509135510e-04, 1.17166733214413521882e-06,
    4.91834570062930015649e-09,
)
_J0_PP = (
    7.96936729297347051624e-04, 8.28352392107440799803e-02, 1.23953371646414299388e00,
    5.44725003058768775090e00, 8.74716500199817011941e00, 5.30324038235394892183e00,
    9.99999999999999997821e-01,
)
_J0_PQ = (
    9.24408810558863637013e-04, 8.56288474354474431428e-02, 1.25352743901058953537e00,
    5.47097740330417105182e00, 8.76190883237069594232e00, 5.30605288235394617618e00,
    1.00000000000000000218e00,
)
_J0_QP = (
    -1.13663838898469149931e-02, -1.28252718670509318512e00, -1.95539544257735972385e01,
    -9.32060152123768231369e01, -1.77681167980488050595e02, -1.47077505154951170175e02,
    -5.14105326766599330220e01, -6.05014350600728481186e00,
)
_J0_QQ = (
    6.43178256118178023184e01, 8.56430025976980587198e02, 3.88240183605401609683e03,
    7.24046774195652478189e03, 5.93072701187316984827e03, 2.06209331660327847417e03,
    2.42005740240291393179e02,
)
_J0_RP = (
    -4.79443220978201773821e09, 1.95617491946556577543e12, -2.49248344360967716204e14,
    9.70862251047306323952e15,
)
_J0_RQ = (
    4.99563147152651017219e02, 1.73785401676374683123e05, 4.84409658339962045305e07,
    1.11855537045356834862e10, 2.11277520115489217587e12, 3.10518229857422583814e14,
    3.18121955943204943306e16, 1.71086294081043136091e18,
)
_J1_PP = (
    7.62125616208173112003e-04, 7.31397056940917570436e-02, 1.12719608129684925192e00,
    5.11207951146807644818e00, 8.42404590141772420927e00, 5.21451598682361504063e00,
    1.00000000000000000254e00,
)
_J1_PQ = (
    5.71323128072548699714e-04, 6.88455908754495404082e-02, 1.10514232634061696926e00,
    5.07386386128601488557e00, 8.39985554327604159757e00, 5.20982848682361821619e00,
    9.99999999999999997461e-01,
)
_J1_QP = (
    5.10862594750176621635e-02, 4.98213872951233449420e00, 7.58238284132545283818e01,
    3.66779609360150777800e02, 7.10856304998926107277e02, 5.97489612400613639965e02,
    2.11688757100572135698e02, 2.52070205858023719784e01,
)
_J1_QQ = (
    7.42373277035675149943e01, 1.05644886038262816351e03, 4.98641058337653607651e03,
    9.56231892404756170795e03, 7.99704160447350683650e03, 2.82619278517639096600e03,
    3.36093607810698293419e02,
)
_J1_RP = (
    -8.99971225705559398224e08, 4.52228297998194034323e11, -7.27494245221818276015e13,
    3.68295732863852883286e15,
)
_J1_RQ = (
    6.20836478118054335476e02, 2.56987256757748830383e05, 8.35146791431949253037e07,
    2.21511595479792499675e10, 4.74914122079991414898e12, 7.84369607876235854894e14,
    8.95222336184627338078e16, 5.32278620332680085395e18,
)
_Y0_PP = (
    7.96936729297347051624e-04, 8.28352392107440799803e-02, 1.23953371646414299388e00,
    5.44725003058768775090e00, 8.74716500199817011941e00, 5.30324038235394892183e00,
    9.99999999999999997821e-01,
)
_Y0_PQ = (
    9.24408810558863637013e-04, 8.56288474354474431428e-02, 1.25352743901058953537e00,
    5.47097740330417105182e00, 8.76190883237069594232e00, 5.30605288235394617618e00,
    1.00000000000000000218e00,
)
_Y0_QP = (
    -1.13663838898469149931e-02, -1.28252718670509318512e00, -1.95539544257735972385e01,
    -9.32060152123768231369e01, -1.77681167980488050595e02, -1.47077505154951170175e02,
    -5.14105326766599330220e01, -6.05014350600728481186e00,
)
_Y0_QQ = (
    6.43178256118178023184e01, 8.56430025976980587198e02, 3.88240183605401609683e03,
    7.24046774195652478189e03, 5.93072701187316984827e03, 2.06209331660327847417e03,
    2.42005740240291393179e02,
)
_Y0_YP = (
    1.55924367855235737965e04, -1.46639295903971606143e07, 5.43526477051876500413e09,
    -9.82136065717911466409e11, 8.75906394395366999549e13, -3.46628303384729719441e15,
    4.42733268572569800351e16, -1.84950800436986690637e16,
)
_Y0_YQ = (
    1.04128353664259848412e03, 6.26107330137134956842e05, 2.68919633393814121987e08,
    8.64002487103935000337e10, 2.02979612750105546709e13, 3.17157752842975028269e15,
    2.50596256172653059228e17,
)
_Y1_PP = (
    7.62125616208173112003e-04, 7.31397056940917570436e-02, 1.12719608129684925192e00,
    5.11207951146807644818e00, 8.42404590141772420927e00, 5.21451598682361504063e00,
    1.00000000000000000254e00,
)
_Y1_PQ = (
    5.71323128072548699714e-04, 6.88455908754495404082e-02, 1.10514232634061696926e00,
    5.07386386128601488557e00, 8.39985554327604159757e00, 5.20982848682361821619e00,
    9.99999999999999997461e-01,
)
_Y1_QP = (
    5.10862594750176621635e-02, 4.98213872951233449420e00, 7.58238284132545283818e01,
    3.66779609360150777800e02, 7.10856304998926107277e02, 5.97489612400613639965e02,
    2.11688757100572135698e02, 2.52070205858023719784e01,
)
_Y1_QQ = (
    7.42373277035675149943e01, 1.05644886038262816351e03, 4.98641058337653607651e03,
    9.56231892404756170795e03, 7.99704160447350683650e03, 2.82619278517639096600e03,
    3.36093607810698293419e02,
)
_Y1_YP = (
    1.26320474790178026440e09, -6.47355876379160291031e11, 1.14509511541823727583e14,
    -8.12770255501325109621e15, 2.02439475713594898196e17, -7.78877196265950026825e17,
)
_Y1_YQ = (
    5.94301592346128195359e02, 2.35564092943068577943e05, 7.34811944459721705660e07,
    1.87601316108706159478e10, 3.88231277496238566008e12, 6.20557727146953693363e14,
    6.87141087355300489866e16, 3.97270608116560655612e18,
)
_I0E_A = (
    -4.41534164647933937950e-18, 3.33079451882223809783e-17, -2.43127984654795469359e-16,
    1.71539128555513303061e-15, -1.16853328779934516808e-14, 7.67618549860493561688e-14,
    -4.85644678311192946090e-13, 2.95505266312963983461e-12, -1.72682629144155570723e-11,
    9.67580903537323691224e-11, -5.18979560163526290666e-10, 2.65982372468238665035e-09,
    -1.30002500998624804212e-08, 6.04699502254191894932e-08, -2.67079385394061173391e-07,
    1.11738753912010371815e-06, -4.41673835845875056359e-06, 1.64484480707288970893e-05,
    -5.75419501008210370398e-05, 1.88502885095841655729e-04, -5.76375574538582365885e-04,
    1.63947561694133579842e-03, -4.32430999505057594430e-03, 1.05464603945949983183e-02,
    -2.37374148058994688156e-02, 4.93052842396707084878e-02, -9.49010970480476444210e-02,
    1.71620901522208775349e-01, -3.04682672343198398683e-01, 6.76795274409476084995e-01,
)
_I0E_B = (
    -7.23318048787475395456e-18, -4.83050448594418207126e-18, 4.46562142029675999901e-17,
    3.46122286769746109310e-17, -2.82762398051658348494e-16, -3.42548561967721913462e-16,
    1.77256013305652638360e-15, 3.81168066935262242075e-15, -9.55484669882830764870e-15,
    -4.15056934728722208663e-14, 1.54008621752140982691e-14, 3.85277838274214270114e-13,
    7.18012445138366623367e-13, -1.79417853150680611778e-12, -1.32158118404477131188e-11,
    -3.14991652796324136454e-11, 1.18891471078464383424e-11, 4.94060238822496958910e-10,
    3.39623202570838634515e-09, 2.26666899049817806459e-08, 2.04891858946906374183e-07,
    2.89137052083475648297e-06, 6.88975834691682398426e-05, 3.36911647825569408990e-03,
    8.04490411014108831608e-01,
)
_I1E_A = (
    2.77791411276104639959e-18, -2.11142121435816608115e-17, 1.55363195773620046921e-16,
    -1.10559694773538630805e-15, 7.60068429473540693410e-15, -5.04218550472791168711e-14,
    3.22379336594557470981e-13, -1.98397439776494371520e-12, 1.17361862988909016308e-11,
    -6.66348972350202774223e-11, 3.62559028155211703701e-10, -1.88724975172282928790e-09,
    9.38153738649577178388e-09, -4.44505912879632808065e-08, 2.00329475355213526229e-07,
    -8.56872026469545474066e-07, 3.47025130813767847674e-06, -1.32731636560394358279e-05,
    4.78156510755005422638e-05, -1.61760815825896745588e-04, 5.12285956168575772895e-04,
    -1.51357245063125314899e-03, 4.15642294431288815669e-03, -1.05640848946261981558e-02,
    2.47264490306265168283e-02, -5.29459812080949914269e-02, 1.02643658689847095384e-01,
    -1.76416518357834055153e-01, 2.52587186443633654823e-01,
)
_I1E_B = (
    7.51729631084210481353e-18, 4.41434832307170791151e-18, -4.65030536848935832153e-17,
    -3.20952592199342395980e-17, 2.96262899764595013876e-16, 3.30820231092092828324e-16,
    -1.88035477551078244854e-15, -3.81440307243700780478e-15, 1.04202769841288027642e-14,
    4.27244001671195135429e-14, -2.10154184277266431302e-14, -4.08355111109219731823e-13,
    -7.19855177624590851209e-13, 2.03562854414708950722e-12, 1.41258074366137813316e-11,
    3.25260358301548823856e-11, -1.89749581235054123450e-11, -5.58974346219658380687e-10,
    -3.83538038596423702205e-09, -2.63146884688951950684e-08, -2.51223623787020892529e-07,
    -3.88256480887769039346e-06, -1.10588938762623716291e-04, -9.76109749136146840777e-03,
    7.78576235018280120474e-01,
)
_K0_A = (
    1.37446543561352307156e-16, 4.25981614279661018399e-14, 1.03496952576338420167e-11,
    1.90451637722020886025e-09, 2.53479107902614945675e-07, 2.28621210311945178607e-05,
    1.26461541144692592338e-03, 3.59799365153615016266e-02, 3.44289899924628486886e-01,
    -5.35327393233902768720e-01,
)
_K0_B = (
    5.30043377268626276149e-18, -1.64758043015242134646e-17, 5.21039150503902756861e-17,
    -1.67823109680541210385e-16, 5.51205597852431940784e-16, -1.84859337734377901440e-15,
    6.34007647740507060557e-15, -2.22751332699166985548e-14, 8.03289077536357521100e-14,
    -2.98009692317273043925e-13, 1.14034058820847496303e-12, -4.51459788337394416547e-12,
    1.85594911495471785253e-11, -7.95748924447710747776e-11, 3.57739728140030116597e-10,
    -1.69753450938905987466e-09, 8.57403401741422608519e-09, -4.66048989768794782956e-08,
    2.76681363944501510342e-07, -1.83175552271911948767e-06, 1.39498137188764993662e-05,
    -1.28495495816278026384e-04, 1.56988388573005337491e-03, -3.14481013119645005427e-02,
    2.44030308206595545468e00,
)
_K1_A = (
    -7.02386347938628759343e-18, -2.42744985051936593393e-15, -6.66690169419932900609e-13,
    -1.41148839263352776110e-10, -2.21338763073472585583e-08, -2.43340614156596823496e-06,
    -1.73028895751305206302e-04, -6.97572385963986435018e-03, -1.22611180822657148235e-01,
    -3.53155960776544875667e-01, 1.52530022733894777053e00,
)
_K1_B = (
    -5.75674448366501715755e-18, 1.79405087314755922667e-17, -5.68946255844285935196e-17,
    1.83809354436663880070e-16, -6.05704724837331885336e-16, 2.03870316562433424052e-15,
    -7.01983709041831346144e-15, 2.47715442448130437068e-14, -8.97670518232499435011e-14,
    3.34841966607842919884e-13, -1.28917396095102890680e-12, 5.13963967348173025100e-12,
    -2.12996783842756842877e-11, 9.21831518760500529508e-11, -4.19035475934189648750e-10,
    2.01504975519703286596e-09, -1.03457624656780970260e-08, 5.74108412545004946722e-08,
    -3.50196060308781257119e-07, 2.40648494783721712015e-06, -1.93619797416608296024e-05,
    1.95215518471351631108e-04, -2.85781685962277938680e-03, 1.03923736576817238437e-01,
    2.72062619048444266945e00,
)
# fmt: on


# -- error function relatives (float64 arrays) ------------------------------------------------------------------

_erfc_each = np.frompyfunc(math.erfc, 1, 1)
_INV_SQRT_PI = 0.56418958354775628694807945156  # 1/√π
_SQRT_HALF = 0.70710678118654752440  # 1/√2


def erfc64(x: np.ndarray) -> np.ndarray:
    """erfc(x) = 1 − erf(x), with C's erfc (accurate in the tail, where 1 − erf(x) is 0)."""
    return np.asarray(_erfc_each(np.asarray(x, dtype=np.float64)), dtype=np.float64)


def _square_exactly(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """x² as hi + lo, hi the rounded square and lo its rounding error (Dekker's product)."""
    hi = x * x
    c = 134217729.0 * x  # 2²⁷ + 1: splits x into two halves of 26 bits
    x_hi = c - (c - x)
    x_lo = x - x_hi
    lo = ((x_hi * x_hi - hi) + 2 * x_hi * x_lo) + x_lo * x_lo
    return hi, lo


def _erfcx_positive(x: np.ndarray) -> np.ndarray:
    """erfcx(x) for x ≥ 0: e^(x²)·erfc(x) to 26 (x² split so that e^(x²) loses nothing), then the continued fraction."""
    hi, lo = _square_exactly(x)
    near = erfc64(np.where(x <= 26, x, 0.0)) * np.exp(np.where(x <= 26, hi, 0.0)) * (1 + lo)
    # erfc(x) = e^(−x²)/√π · 1/(x + ½/(x + 1/(x + 3⁄2/(x + ...)))), summed from the far end
    far = np.where(x > 26, x, 27.0)
    denominator = far
    for k in range(60, 0, -1):
        denominator = far + (k / 2) / denominator
    far_value = _INV_SQRT_PI / denominator
    # beyond 50 PyTorch's five-term fraction, beyond 5·10⁷ its first term (x² would overflow)
    x2 = x * x
    five = _INV_SQRT_PI * ((x2) * (x2 + 4.5) + 2) / (x * ((x2) * (x2 + 5) + 3.75))
    result = np.where(x <= 26, near, far_value)
    result = np.where(x > 50, five, result)
    return np.where(x > 5e7, _INV_SQRT_PI / x, result)


def erfcx64(x: np.ndarray) -> np.ndarray:
    """The scaled complementary error function e^(x²)·erfc(x), as PyTorch's calc_erfcx."""
    x = np.asarray(x, dtype=np.float64)
    with np.errstate(all="ignore"):
        positive = _erfcx_positive(np.abs(x))
        twice = 2 * np.exp(x * x)
        negative = np.where(x < -6.1, twice, twice - positive)
        result = np.where(x >= 0, positive, np.where(x < -26.7, np.inf, negative))
    return np.where(np.isnan(x), x, result)


def log_ndtr64(x: np.ndarray) -> np.ndarray:
    """log Φ(x), as PyTorch's calc_log_ndtr: through erfcx below −1 (Φ underflows there), else log1p."""
    x = np.asarray(x, dtype=np.float64)
    t = x * _SQRT_HALF
    with np.errstate(all="ignore"):
        low = np.log(erfcx64(-t) / 2) - t * t
        high = np.log1p(-erfc64(t) / 2)
    return np.where(x < -1, low, high)


_EXP_MINUS_2 = 0.13533528323661269189  # e⁻²
_SQRT_2PI = 2.50662827463100050242


def ndtri64(y0: np.ndarray) -> np.ndarray:
    """Φ⁻¹(y), the normal quantile, as Cephes' ndtri: a rational fit in the centre, two in the tails."""
    y0 = np.asarray(y0, dtype=np.float64)
    with np.errstate(all="ignore"):
        upper = y0 > 1 - _EXP_MINUS_2
        y = np.where(upper, 1 - y0, y0)
        central = y > _EXP_MINUS_2
        c = y - 0.5
        c2 = c * c
        middle = (c + c * (c2 * polevl(c2, _NDTRI_P0) / polevl(c2, _NDTRI_Q0))) * _SQRT_2PI
        x = np.sqrt(-2.0 * np.log(y))
        x0 = x - np.log(x) / x
        z = 1 / x
        x1 = np.where(
            x < 8,
            z * polevl(z, _NDTRI_P1) / polevl(z, _NDTRI_Q1),
            z * polevl(z, _NDTRI_P2) / polevl(z, _NDTRI_Q2),
        )
        tail = np.where(upper, x0 - x1, -(x0 - x1))
        result = np.where(central, middle, tail)
    result = np.where((y0 < 0) | (y0 > 1), np.nan, result)
    result = np.where(y0 == 0, -np.inf, result)
    return np.where(y0 == 1, np.inf, result)


# -- modified Bessel functions (float64 arrays) -----------------------------------------------------------------


def _inner_outer(x: np.ndarray, edge: float, inner: Callable, outer: Callable) -> np.ndarray:
    """``inner(x)`` where x ≤ edge, ``outer(x)`` elsewhere, each computed on safe values only."""
    small = x <= edge
    with np.errstate(all="ignore"):
        a = inner(np.where(small, x, edge))
        b = outer(np.where(small, 2 * edge, x))
    return np.where(small, a, b)


def i0e64(x: np.ndarray) -> np.ndarray:
    """e^(−|x|)·I₀(x)."""
    ax = np.abs(np.asarray(x, dtype=np.float64))
    result = _inner_outer(
        ax, 8.0, lambda a: chbevl(a / 2 - 2, _I0E_A), lambda a: chbevl(32 / a - 2, _I0E_B) / np.sqrt(a)
    )
    return np.where(np.isnan(ax), ax, result)


def _float32_overflow(x: Any, result: np.ndarray) -> np.ndarray:
    """``result`` with ±inf where PyTorch's float32 kernel overflows: its e^|x| is inf beyond 88.72."""
    if getattr(x, "dtype", None) != np.float32:
        return result
    with np.errstate(over="ignore"):
        overflows = np.isinf(np.exp(np.abs(x)))
    return np.where(overflows & ~np.isnan(result), np.copysign(np.inf, result), result)


def i0_64(x: np.ndarray) -> np.ndarray:
    """I₀(x), the modified Bessel function of the first kind of order 0."""
    return _float32_overflow(x, _i0_64(x))


def _i0_64(x: np.ndarray) -> np.ndarray:
    ax = np.abs(np.asarray(x, dtype=np.float64))
    result = _inner_outer(
        ax,
        8.0,
        lambda a: np.exp(a) * chbevl(a / 2 - 2, _I0E_A),
        lambda a: np.exp(a) * chbevl(32 / a - 2, _I0E_B) / np.sqrt(a),
    )
    return np.where(np.isnan(ax), ax, result)


def i1e64(x: np.ndarray) -> np.ndarray:
    """e^(−|x|)·I₁(x)."""
    x = np.asarray(x, dtype=np.float64)
    ax = np.abs(x)
    result = _inner_outer(
        ax, 8.0, lambda a: chbevl(a / 2 - 2, _I1E_A) * a, lambda a: chbevl(32 / a - 2, _I1E_B) / np.sqrt(a)
    )
    return np.where(np.isnan(x), x, np.where(x < 0, -result, result))


def i1_64(x: np.ndarray) -> np.ndarray:
    """I₁(x), the modified Bessel function of the first kind of order 1."""
    return _float32_overflow(x, _i1_64(x))


def _i1_64(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    ax = np.abs(x)
    result = _inner_outer(
        ax,
        8.0,
        lambda a: np.exp(a) * a * chbevl(a / 2 - 2, _I1E_A),
        lambda a: np.exp(a) * chbevl(32 / a - 2, _I1E_B) / np.sqrt(a),
    )
    return np.where(np.isnan(x), x, np.where(x < 0, -result, result))


def _k_function(x: np.ndarray, inner: Callable, outer: Callable) -> np.ndarray:
    """A K Bessel function: +inf at 0, NaN below (and for NaN), ``inner`` up to 2, ``outer`` beyond."""
    x = np.asarray(x, dtype=np.float64)
    result = _inner_outer(x, 2.0, inner, outer)
    result = np.where(x == 0, np.inf, result)
    return np.where((x < 0) | np.isnan(x), np.nan, result)


def k0_64(x: np.ndarray) -> np.ndarray:
    """K₀(x), the modified Bessel function of the second kind of order 0."""
    return _k_function(
        x,
        lambda a: chbevl(a * a - 2, _K0_A) - np.log(0.5 * a) * i0_64(a),
        lambda a: np.exp(-a) * chbevl(8 / a - 2, _K0_B) / np.sqrt(a),
    )


def k0e64(x: np.ndarray) -> np.ndarray:
    """e^x·K₀(x)."""
    return _k_function(
        x,
        lambda a: (chbevl(a * a - 2, _K0_A) - np.log(0.5 * a) * i0_64(a)) * np.exp(a),
        lambda a: chbevl(8 / a - 2, _K0_B) / np.sqrt(a),
    )


def k1_64(x: np.ndarray) -> np.ndarray:
    """K₁(x), the modified Bessel function of the second kind of order 1."""
    return _k_function(
        x,
        lambda a: np.log(0.5 * a) * i1_64(a) + chbevl(a * a - 2, _K1_A) / a,
        lambda a: np.exp(-a) * chbevl(8 / a - 2, _K1_B) / np.sqrt(a),
    )


def k1e64(x: np.ndarray) -> np.ndarray:
    """e^x·K₁(x)."""
    return _k_function(
        x,
        lambda a: (np.log(0.5 * a) * i1_64(a) + chbevl(a * a - 2, _K1_A) / a) * np.exp(a),
        lambda a: chbevl(8 / a - 2, _K1_B) / np.sqrt(a),
    )


# -- Bessel functions of the first and second kind, Airy's Ai (float64 arrays) ----------------------------------

_TWO_OVER_SQRT_2PI = 0.797884560802865355879892119868763737  # √(2/π)
_TWO_OVER_PI = 0.636619772367581343075535053490057448


def _bessel_far(
    x: np.ndarray, pp: tuple, pq: tuple, qp: tuple, qq: tuple, shift: float, second_kind: bool
) -> np.ndarray:
    """The asymptotic form beyond 5: √(2/(πx))·(P cos(x − shift) − (5/x) Q sin(x − shift)), sin/cos swapped for Y."""
    w = 25.0 / (x * x) if shift < 1 else (5.0 / x) * (5.0 / x)
    p = polevl(w, pp) / polevl(w, pq)
    q = polevl(w, qp) / polevl(w, qq)
    if second_kind:
        value = p * np.sin(x - shift) + 5.0 / x * q * np.cos(x - shift)
    else:
        value = p * np.cos(x - shift) - 5.0 / x * q * np.sin(x - shift)
    return value * _TWO_OVER_SQRT_2PI / np.sqrt(x)


_QUARTER_PI = 0.785398163397448309615660845819875721
_THREE_QUARTER_PI = 2.356194490192344928846982537459627163


def j0_64(x: np.ndarray) -> np.ndarray:
    """J₀(x), the Bessel function of the first kind of order 0."""
    ax = np.abs(np.asarray(x, dtype=np.float64))

    def near(a: np.ndarray) -> np.ndarray:
        a2 = a * a
        value = (
            (a2 - 5.78318596294678452118e00)
            * (a2 - 3.04712623436620863991e01)
            * polevl(a2, _J0_RP)
            / polevl(a2, _J0_RQ)
        )
        return np.where(a < 0.00001, 1.0 - a2 / 4.0, value)

    result = _inner_outer(
        ax, 5.0, near, lambda a: _bessel_far(a, _J0_PP, _J0_PQ, _J0_QP, _J0_QQ, _QUARTER_PI, False)
    )
    return np.where(np.isnan(ax), ax, result)


def j1_64(x: np.ndarray) -> np.ndarray:
    """J₁(x), the Bessel function of the first kind of order 1 (odd)."""
    x = np.asarray(x, dtype=np.float64)
    ax = np.abs(x)

    def near(a: np.ndarray) -> np.ndarray:
        a2 = a * a
        return (
            polevl(a2, _J1_RP)
            / polevl(a2, _J1_RQ)
            * a
            * (a2 - 1.46819706421238932572e01)
            * (a2 - 4.92184563216946036703e01)
        )

    result = _inner_outer(
        ax, 5.0, near, lambda a: _bessel_far(a, _J1_PP, _J1_PQ, _J1_QP, _J1_QQ, _THREE_QUARTER_PI, False)
    )
    return np.where(np.isnan(x), x, np.where(x < 0, -result, result))


def y0_64(x: np.ndarray) -> np.ndarray:
    """Y₀(x), the Bessel function of the second kind of order 0: −inf at 0, NaN below."""
    x = np.asarray(x, dtype=np.float64)

    def near(a: np.ndarray) -> np.ndarray:
        a2 = a * a
        return polevl(a2, _Y0_YP) / polevl(a2, _Y0_YQ) + _TWO_OVER_PI * np.log(a) * j0_64(a)

    result = _inner_outer(
        x, 5.0, near, lambda a: _bessel_far(a, _Y0_PP, _Y0_PQ, _Y0_QP, _Y0_QQ, _QUARTER_PI, True)
    )
    result = np.where(x == 0, -np.inf, result)
    return np.where((x < 0) | np.isnan(x), np.nan, result)


def y1_64(x: np.ndarray) -> np.ndarray:
    """Y₁(x), the Bessel function of the second kind of order 1: −inf at 0, NaN below."""
    x = np.asarray(x, dtype=np.float64)

    def near(a: np.ndarray) -> np.ndarray:
        a2 = a * a
        return a * (polevl(a2, _Y1_YP) / polevl(a2, _Y1_YQ)) + _TWO_OVER_PI * (j1_64(a) * np.log(a) - 1.0 / a)

    result = _inner_outer(
        x, 5.0, near, lambda a: _bessel_far(a, _Y1_PP, _Y1_PQ, _Y1_QP, _Y1_QQ, _THREE_QUARTER_PI, True)
    )
    result = np.where(x == 0, -np.inf, result)
    return np.where((x < 0) | np.isnan(x), np.nan, result)


def spherical_j0_64(x: np.ndarray) -> np.ndarray:
    """j₀(x) = sin(x)/x, by its Taylor series below 0.5; 0 at ±inf."""
    x = np.asarray(x, dtype=np.float64)
    x2 = x * x
    series = 1.0 + x2 * (
        -1.0 / 6.0
        + x2
        * (
            1.0 / 120.0
            + x2
            * (-1.0 / 5040.0 + x2 * (1.0 / 362880.0 + x2 * (-1.0 / 39916800.0 + x2 * (1.0 / 6227020800.0))))
        )
    )
    with np.errstate(all="ignore"):
        result = np.where(np.abs(x) < 0.5, series, np.sin(x) / x)
    return np.where(np.isinf(x), 0.0, result)


_AI_C1 = 0.355028053887817239260  # Ai(0)
_AI_C2 = 0.258819403792806798405  # −Ai′(0)


def airy_ai64(x: np.ndarray) -> np.ndarray:
    """Ai(x), as Cephes' airy: asymptotic forms below −2.09 and above 2.09, the power series between (and to 8.32)."""
    x = np.asarray(x, dtype=np.float64)
    with np.errstate(all="ignore"):
        # x < −2.09: the oscillating tail
        xn = np.where(x < -2.09, x, -3.0)
        zeta = -2.0 * xn * np.sqrt(-xn) / 3.0
        z = 1.0 / zeta
        zz = z * z
        t = zeta + 0.25 * math.pi
        tail = (
            _INV_SQRT_PI
            / np.sqrt(np.sqrt(-xn))
            * (
                np.sin(t) * (1.0 + zz * polevl(zz, _AIRY_AFN) / polevl(zz, _AIRY_AFD))
                - np.cos(t) * (z * polevl(zz, _AIRY_AGN) / polevl(zz, _AIRY_AGD))
            )
        )
        # x ≥ 2.09: the decaying side
        xp = np.where(x >= 2.09, x, 3.0)
        zeta_p = 2.0 * xp * np.sqrt(xp) / 3.0
        decaying = (
            _INV_SQRT_PI
            * (polevl(1.0 / zeta_p, _AIRY_AN) / polevl(1.0 / zeta_p, _AIRY_AD))
            / (2.0 * np.sqrt(np.sqrt(xp)) * np.exp(zeta_p))
        )
        # |x| < 2.09: the two power series f and g
        xs = np.where((x >= -2.09) & (x < 2.09), x, 0.0)
        f = np.ones_like(xs)
        g = xs.copy()
        m, n, k = np.ones_like(xs), xs.copy(), 1.0
        cube = xs * xs * xs
        for _ in range(200):
            m = m * cube
            k += 1.0
            m = m / k
            n = n * cube
            k += 1.0
            n = n / k
            m = m / k
            f = f + m
            k += 1.0
            n = n / k
            g = g + n
            if np.all(np.abs(m / f) <= np.finfo(np.float64).eps):
                break
        series = _AI_C1 * f - _AI_C2 * g
    result = np.where(x < -2.09, tail, np.where(x >= 2.09, decaying, series))
    result = np.where(x > 103.892, 0.0, result)
    return np.where(np.isinf(x) | np.isnan(x), np.nan, result)


# -- Hurwitz zeta, incomplete gamma (one float64 number at a time) ----------------------------------------------

_MACHEP = 1.11022302462515654042e-16
_ZETA_A = (  # (2k)!/B₂ₖ, Euler-Maclaurin's coefficients
    12.0,
    -720.0,
    30240.0,
    -1209600.0,
    47900160.0,
    -1.8924375803183791606e9,
    7.47242496e10,
    -2.950130727918164224e12,
    1.1646782814350067249e14,
    -4.5979787224074726105e15,
    1.8152105401943546773e17,
    -7.1661652561756670113e18,
)


def zeta_of(x: float, q: float) -> float:
    """ζ(x, q) = Σₖ (k + q)^(−x), the Hurwitz zeta, as Cephes: nine terms or more, then Euler-Maclaurin."""
    if x == 1:
        return math.inf
    if x < 1:
        return math.nan
    if q <= 0:
        if q == math.floor(q):
            return math.inf
        if x != math.floor(x):
            return math.nan
    s = q**-x
    a = q
    b = 0.0
    i = 0
    while i < 9 or a <= 9.0:
        i += 1
        a += 1.0
        b = a**-x
        s += b
        if -_MACHEP * s < b < _MACHEP * s:
            return s
    w = a
    s += b * w / (x - 1.0)
    s -= 0.5 * b
    a = 1.0
    k = 0.0
    for coefficient in _ZETA_A:
        a *= x + k
        b /= w
        t = a * b / coefficient
        s = s + t
        if abs(t / s) < _MACHEP:
            return s
        k += 1.0
        a *= x + k
        b /= w
        k += 1.0
    return s


def _gamma_front(a: float, x: float) -> float:
    """xᵃ e⁻ˣ / Γ(a), the factor in front of both incomplete gamma expansions."""
    return math.exp(a * math.log(x) - x - math.lgamma(a))


def _lower_series(a: float, x: float) -> float:
    """P(a, x) by its series Σ xⁿ/(a(a+1)...(a+n)), for x below about a + 1."""
    term = total = 1.0 / a
    n = a
    for _ in range(10000):
        n += 1.0
        term *= x / n
        total += term
        if abs(term) < abs(total) * _MACHEP:
            break
    return total * _gamma_front(a, x)


def _upper_fraction(a: float, x: float) -> float:
    """Q(a, x) by its continued fraction (modified Lentz), for x above about a + 1."""
    tiny = 1e-300
    b = x + 1.0 - a
    c = 1.0 / tiny
    d = 1.0 / b
    h = d
    for i in range(1, 10000):
        an = -i * (i - a)
        b += 2.0
        d = an * d + b
        d = tiny if abs(d) < tiny else d
        c = b + an / c
        c = tiny if abs(c) < tiny else c
        d = 1.0 / d
        step = d * c
        h *= step
        if abs(step - 1.0) < _MACHEP:
            break
    return h * _gamma_front(a, x)


def igamma_of(a: float, x: float, upper: bool) -> float:
    """The regularized incomplete gamma P(a, x) (``upper``: Q(a, x) = 1 − P), with PyTorch's edge values."""
    if math.isnan(a) or math.isnan(x) or x < 0 or a < 0:
        return math.nan
    if a == 0:
        return (0.0 if upper else 1.0) if x > 0 else math.nan
    if x == 0:
        return 1.0 if upper else 0.0
    if math.isinf(a):
        return math.nan if math.isinf(x) else (1.0 if upper else 0.0)
    if math.isinf(x):
        return 0.0 if upper else 1.0
    if x < a + 1.0:
        p = _lower_series(a, x)
        return 1.0 - p if upper else p
    q = _upper_fraction(a, x)
    return q if upper else 1.0 - q


# -- orthogonal polynomials (arrays, in the input's dtype) ------------------------------------------------------


def polynomial(kind: str, x: np.ndarray, n: np.ndarray) -> np.ndarray:
    """An orthogonal polynomial of degree ``n`` at ``x``, by PyTorch's recurrence and special cases.

    ``x`` is a float array (the result's dtype; PyTorch computes in it too),
    ``n`` the degrees, truncated to whole numbers as PyTorch's cast does.
    """
    scalar = x.dtype.type
    one = scalar(1.0)
    two = scalar(2.0)
    x, n = np.broadcast_arrays(x, n)
    with np.errstate(all="ignore"):
        if kind.startswith("hermite"):
            finite = np.isfinite(n)
            n = np.where(finite, n, -1)
        n = np.trunc(np.asarray(n, dtype=np.float64)).astype(np.int64)
        if kind.startswith("shifted_"):
            s = x + x - one  # the shifted polynomial of x is the plain one of 2x − 1
            base = kind.removeprefix("shifted_")
        else:
            s, base = x, kind
        return _recurrence(kind, base, x, s, n, one, two).astype(x.dtype, copy=False)


def _recurrence(
    kind: str, base: str, x: np.ndarray, s: np.ndarray, n: np.ndarray, one: Any, two: Any
) -> np.ndarray:
    """The three-term recurrence of ``base`` at ``s``, with PyTorch's shortcuts where it takes them."""
    dtype = x.dtype
    top = int(n.max()) if n.size else 0
    if base.startswith("chebyshev"):
        letter = base[-1]
        first = {"t": s, "u": s + s, "v": s + s - one, "w": s + s + one}[letter]
        p, q = np.ones_like(s), first.copy()
        shifted = kind.startswith("shifted_")
        threshold = {"t": 6, "u": 8, "v": 8, "w": 8}[letter] if not shifted else (4 if letter == "w" else 6)
        closed = (n > threshold) & (np.abs(s) < one)  # (these take the closed form: no recurrence to run)
        for k in range(2, top + 1):
            r = (s + s) * q - p
            step = (k <= n) & ~np.isnan(q) & ~closed
            if not step.any():
                break
            p, q = np.where(step, q, p), np.where(step, r, q)
        result = np.where(n == 0, one, np.where(n == 1, first, q))
        result = _chebyshev_shortcuts(kind, letter, x, s, n, result, closed, one, two)
    elif base == "hermite_polynomial_h":
        p, q = np.ones_like(s), s + s
        for k in range(2, 2 * top, 2):
            r = (s + s) * q - k * p
            step = k < n + n
            if not step.any():
                break
            p, q = np.where(step, q, p), np.where(step, r, q)
        result = np.where(n == 0, one, np.where(n == 1, s + s, q))
        limit = 128 if dtype == np.float32 else 512
        result = np.where(n > limit, np.nan, result)
    elif base == "hermite_polynomial_he":
        p, q = np.ones_like(s), s.copy()
        for k in range(1, top):
            r = s * q - k * p
            step = k < n
            if not step.any():
                break
            p, q = np.where(step, q, p), np.where(step, r, q)
        result = np.where(n == 0, one, q)
        limit = 128 if dtype == np.float32 else 512
        result = np.where(n > limit, np.nan, result)
    elif base == "laguerre_polynomial_l":
        p, q = np.ones_like(s), one - s
        for k in range(1, top):
            r = (((k + k) + (one - s)) * q - k * p) / (k + 1)
            step = (k < n) & ~np.isnan(q)
            if not step.any():
                break
            p, q = np.where(step, q, p), np.where(step, r, q)
        result = np.where(n == 0, one, q)
        result = np.where(np.abs(s) == 0, one, result)
    else:  # legendre_polynomial_p
        p, q = np.ones_like(s), s.copy()
        for k in range(1, top):
            r = ((k + k + 1) * s * q - k * p) / (k + 1)
            step = (k < n) & ~np.isnan(q)
            if not step.any():
                break
            p, q = np.where(step, q, p), np.where(step, r, q)
        result = np.where(n == 0, one, q)
        result = np.where(np.abs(s) == one, np.where((s > 0) | (n % 2 == 0), one, -one), result)
    return np.where(n < 0, 0.0, result).astype(dtype, copy=False)


def _chebyshev_shortcuts(
    kind: str, letter: str, x: Any, s: Any, n: Any, result: Any, inside: Any, one: Any, two: Any
) -> Any:
    """PyTorch's closed forms of the Chebyshev polynomials: at the ends ±1 and, for high degrees
    (``inside``), by angles."""
    shifted = kind.startswith("shifted_")
    angle = np.arccos(s)
    odd = n % 2 == 1
    count = n.astype(x.dtype)
    half = x.dtype.type(0.5)
    if letter == "t":
        closed = np.cos(count * angle)
        ends = np.where((s > 0) | ~odd, one, -one)
    elif letter == "u":
        sine = np.sin(angle)
        closed = np.where(
            sine != 0, np.sin((count + one) * angle) / sine, (count + one) * np.cos((count + one) * angle) / s
        )
        ends = np.where((s > 0) | ~odd, count + one, -(count + one))
    elif letter == "v":
        closed = np.where(
            np.sin(angle / two) != one,
            np.cos((count + half) * angle) / np.cos(angle / two),
            np.where(odd, -(count + count + one), count + count + one),
        )
        ends = np.where(s > 0, one, np.where(odd, -(count + count + one), count + count + one))
    else:
        closed = np.where(
            np.cos(angle / two) != one,
            np.sin((count + half) * angle) / np.sin(angle / two),
            np.where(s > 0, count + count + one, np.where(odd, -one, one)),
        )
        ends = np.where(s > 0, count + count + one, np.where(odd, -one, one))
    at_ends = (x == one) | (x == 0) if shifted else np.abs(x) == one
    result = np.where(inside, closed, result)
    return np.where(at_ends, ends, result)
