"""The layers of ``autograd_lab.nn``, one file per kind, as in ``torch/nn/modules``."""

from .activation import GELU, LeakyReLU, LogSoftmax, ReLU, Sigmoid, Softmax, Tanh
from .batchnorm import BatchNorm1d, BatchNorm2d
from .container import ModuleDict, ModuleList, ParameterDict, ParameterList, Sequential
from .conv import Conv2d
from .dropout import Dropout
from .flatten import Flatten
from .linear import Identity, LazyLinear, Linear
from .loss import (
    BCELoss,
    BCEWithLogitsLoss,
    CrossEntropyLoss,
    HuberLoss,
    L1Loss,
    MSELoss,
    NLLLoss,
    SmoothL1Loss,
)
from .module import Module
from .pooling import AdaptiveAvgPool2d, AvgPool2d, MaxPool2d

__all__ = [
    "Module", "Sequential", "ModuleList", "ModuleDict", "ParameterList", "ParameterDict",
    "Linear", "LazyLinear", "Identity", "Conv2d", "MaxPool2d", "AvgPool2d", "AdaptiveAvgPool2d", "BatchNorm1d", "BatchNorm2d", "Dropout",
    "Flatten", "ReLU", "LeakyReLU", "GELU", "Sigmoid", "Tanh", "Softmax", "LogSoftmax",
    "MSELoss", "L1Loss", "SmoothL1Loss", "HuberLoss", "NLLLoss", "CrossEntropyLoss", "BCELoss", "BCEWithLogitsLoss",
]  # fmt: skip

# -- nn_d ----------------------------------------------------------------------------------------------------
from .activation import (  # noqa: E402
    CELU,
    ELU,
    GLU,
    SELU,
    Hardshrink,
    Hardsigmoid,
    Hardswish,
    Hardtanh,
    LogSigmoid,
    Mish,
    PReLU,
    ReLU6,
    SiLU,
    Softmin,
    Softplus,
    Softshrink,
    Softsign,
    Tanhshrink,
    Threshold,
)  # fmt: skip
from .distance import CosineSimilarity, PairwiseDistance  # noqa: E402
from .loss import CosineEmbeddingLoss, KLDivLoss, MarginRankingLoss, TripletMarginLoss  # noqa: E402
from .normalization import GroupNorm, LayerNorm  # noqa: E402
from .padding import (  # noqa: E402
    CircularPad1d,
    CircularPad2d,
    CircularPad3d,
    ConstantPad1d,
    ConstantPad2d,
    ConstantPad3d,
    ReflectionPad1d,
    ReflectionPad2d,
    ReflectionPad3d,
    ReplicationPad1d,
    ReplicationPad2d,
    ReplicationPad3d,
    ZeroPad1d,
    ZeroPad2d,
    ZeroPad3d,
)
from .sparse import Embedding  # noqa: E402

__all__ += ["LayerNorm", "GroupNorm", "Embedding", "CosineSimilarity", "PairwiseDistance"]
__all__ += ["KLDivLoss", "MarginRankingLoss", "CosineEmbeddingLoss", "TripletMarginLoss"]

from .flatten import Unflatten  # noqa: E402

__all__ += ["Unflatten"]
__all__ += [
    "ZeroPad1d",
    "ZeroPad2d",
    "ZeroPad3d",
    "ConstantPad1d",
    "ConstantPad2d",
    "ConstantPad3d",
    "ReflectionPad1d",
    "ReflectionPad2d",
    "ReflectionPad3d",
    "ReplicationPad1d",
    "ReplicationPad2d",
    "ReplicationPad3d",
    "CircularPad1d",
    "CircularPad2d",
    "CircularPad3d",
]
__all__ += [
    "ELU", "CELU", "SELU", "SiLU", "Mish", "Softplus", "Hardtanh", "ReLU6", "Softsign", "Tanhshrink", "Hardsigmoid", "Hardswish", "Hardshrink", "Softshrink", "GLU",
    "Threshold", "PReLU", "LogSigmoid", "Softmin",
]  # fmt: skip

# -- recurrent layers, 1-d windows, upsampling (branch nn_e) -------------------------------------------
from .conv import Conv1d, ConvTranspose2d  # noqa: E402
from .dropout import Dropout1d, Dropout2d  # noqa: E402
from .pooling import AdaptiveAvgPool1d, AvgPool1d, MaxPool1d  # noqa: E402
from .rnn import GRU, LSTM, RNN, GRUCell, LSTMCell, RNNBase, RNNCell, RNNCellBase  # noqa: E402
from .upsampling import Upsample, UpsamplingBilinear2d, UpsamplingNearest2d  # noqa: E402

__all__ += ["RNNBase", "RNN", "LSTM", "GRU", "RNNCellBase", "RNNCell", "LSTMCell", "GRUCell"]
__all__ += ["Conv1d", "MaxPool1d", "AvgPool1d", "AdaptiveAvgPool1d", "Dropout1d", "Dropout2d"]
__all__ += ["Upsample", "UpsamplingNearest2d", "UpsamplingBilinear2d", "ConvTranspose2d"]
from .loss import (  # noqa: E402
    CTCLoss,
    GaussianNLLLoss,
    HingeEmbeddingLoss,
    MultiLabelMarginLoss,
    MultiLabelSoftMarginLoss,
    MultiMarginLoss,
    PoissonNLLLoss,
    SoftMarginLoss,
)

__all__ += [
    "PoissonNLLLoss", "GaussianNLLLoss", "SoftMarginLoss", "HingeEmbeddingLoss", "MultiMarginLoss", "MultiLabelMarginLoss", "MultiLabelSoftMarginLoss", "CTCLoss",
]  # fmt: skip

# -- lazy convolutions and batch norms (branch s5_en) ------------------------------------------------
from .batchnorm import LazyBatchNorm1d, LazyBatchNorm2d  # noqa: E402
from .conv import LazyConv1d, LazyConv2d  # noqa: E402

__all__ += ["LazyConv1d", "LazyConv2d", "LazyBatchNorm1d", "LazyBatchNorm2d"]

# -- attention and the Transformer (session 10) -----------------------------------------------------------
from .activation import MultiheadAttention  # noqa: E402
from .transformer import (  # noqa: E402
    Transformer,
    TransformerDecoder,
    TransformerDecoderLayer,
    TransformerEncoder,
    TransformerEncoderLayer,
)

__all__ += [
    "MultiheadAttention", "Transformer", "TransformerEncoder", "TransformerDecoder", "TransformerEncoderLayer",
    "TransformerDecoderLayer",
]  # fmt: skip

# -- RMS norm, instance norm, local response norm, Softmax2d, Bilinear, Fold/Unfold (branch s10_norms) ---------
from .activation import Softmax2d  # noqa: E402
from .fold import Fold, Unfold  # noqa: E402
from .instancenorm import (  # noqa: E402
    InstanceNorm1d,
    InstanceNorm2d,
    InstanceNorm3d,
    LazyInstanceNorm1d,
    LazyInstanceNorm2d,
    LazyInstanceNorm3d,
)
from .linear import Bilinear  # noqa: E402
from .normalization import LocalResponseNorm, RMSNorm  # noqa: E402

__all__ += [
    "RMSNorm", "LocalResponseNorm", "InstanceNorm1d", "InstanceNorm2d", "InstanceNorm3d", "LazyInstanceNorm1d",
    "LazyInstanceNorm2d", "LazyInstanceNorm3d", "Softmax2d", "Bilinear", "Fold", "Unfold",
]  # fmt: skip

# -- shuffles, adaptive max pooling, max unpooling, ConvTranspose1d, EmbeddingBag (branch s10_pool) ---------------
from .channelshuffle import ChannelShuffle  # noqa: E402
from .conv import ConvTranspose1d, LazyConvTranspose1d, LazyConvTranspose2d  # noqa: E402
from .pixelshuffle import PixelShuffle, PixelUnshuffle  # noqa: E402
from .pooling import AdaptiveMaxPool1d, AdaptiveMaxPool2d, MaxUnpool1d, MaxUnpool2d  # noqa: E402
from .sparse import EmbeddingBag  # noqa: E402

__all__ += [
    "PixelShuffle", "PixelUnshuffle", "ChannelShuffle", "AdaptiveMaxPool1d", "AdaptiveMaxPool2d", "MaxUnpool1d",
    "MaxUnpool2d", "ConvTranspose1d", "LazyConvTranspose1d", "LazyConvTranspose2d", "EmbeddingBag",
]  # fmt: skip

# -- 3-d convolutions, pooling, batch norm and dropout; RReLU and alpha dropout (branch s12_nn3d) ------------------
from .conv import Conv3d, ConvTranspose3d, LazyConv3d, LazyConvTranspose3d  # noqa: E402

__all__ += ["Conv3d", "ConvTranspose3d", "LazyConv3d", "LazyConvTranspose3d"]

from .activation import RReLU  # noqa: E402
from .batchnorm import BatchNorm3d, LazyBatchNorm3d  # noqa: E402
from .dropout import AlphaDropout, Dropout3d, FeatureAlphaDropout  # noqa: E402
from .pooling import AdaptiveAvgPool3d, AdaptiveMaxPool3d, AvgPool3d, MaxPool3d  # noqa: E402

__all__ += [
    "MaxPool3d",
    "BatchNorm3d",
    "LazyBatchNorm3d",
    "Dropout3d",
    "RReLU",
    "AlphaDropout",
    "FeatureAlphaDropout",
]
__all__ += ["AvgPool3d"]
__all__ += ["AdaptiveAvgPool3d", "AdaptiveMaxPool3d"]

# -- max unpooling of volumes, power-average and fractional max pooling (branch s13_fn) ----------------------------
from .pooling import (  # noqa: E402
    FractionalMaxPool2d,
    FractionalMaxPool3d,
    LPPool1d,
    LPPool2d,
    LPPool3d,
    MaxUnpool3d,
)

__all__ += ["MaxUnpool3d", "LPPool1d", "LPPool2d", "LPPool3d", "FractionalMaxPool2d", "FractionalMaxPool3d"]

from .batchnorm import SyncBatchNorm  # noqa: E402
from .loss import TripletMarginWithDistanceLoss  # noqa: E402

__all__ += ["SyncBatchNorm", "TripletMarginWithDistanceLoss"]

from .container import Container  # noqa: E402
from .loss import NLLLoss2d  # noqa: E402

__all__ += ["Container", "NLLLoss2d"]
