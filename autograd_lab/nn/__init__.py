"""``autograd_lab.nn``: PyTorch's ``torch.nn``: modules, layers, losses, ``init`` and ``functional``.

Examples
--------
>>> import autograd_lab as torch
>>> from autograd_lab import nn
>>> _ = torch.manual_seed(0)
>>> model = nn.Sequential(nn.Linear(3, 2), nn.ReLU())
>>> model(torch.tensor([[1.0, 2.0, 3.0]]))
tensor([[0.0000, 0.0526]], grad_fn=<ReluBackward0>)
"""

from . import attention, functional, init, parameter, utils
from .modules import (
    GELU,
    AdaptiveAvgPool2d,
    AvgPool2d,
    BatchNorm1d,
    BatchNorm2d,
    BCELoss,
    BCEWithLogitsLoss,
    Conv2d,
    CrossEntropyLoss,
    Dropout,
    Flatten,
    HuberLoss,
    Identity,
    L1Loss,
    LazyLinear,
    LeakyReLU,
    Linear,
    LogSoftmax,
    MaxPool2d,
    Module,
    ModuleDict,
    ModuleList,
    MSELoss,
    NLLLoss,
    ParameterDict,
    ParameterList,
    ReLU,
    Sequential,
    Sigmoid,
    SmoothL1Loss,
    Softmax,
    Tanh,
)
from .parameter import Parameter, UninitializedParameter

__all__ = [
    "attention", "functional", "init", "parameter", "utils", "Parameter", "UninitializedParameter", "Module", "Sequential", "ModuleList", "ModuleDict", "ParameterList",
    "ParameterDict", "Linear", "LazyLinear", "Identity", "Conv2d", "MaxPool2d", "AvgPool2d", "AdaptiveAvgPool2d", "BatchNorm1d", "BatchNorm2d",
    "Dropout", "Flatten", "ReLU", "LeakyReLU", "GELU", "Sigmoid", "Tanh", "Softmax", "LogSoftmax",
    "MSELoss", "L1Loss", "SmoothL1Loss", "HuberLoss", "NLLLoss", "CrossEntropyLoss", "BCELoss", "BCEWithLogitsLoss",
]  # fmt: skip

# -- nn_d ----------------------------------------------------------------------------------------------------
from .modules import (  # noqa: E402  # noqa: E402  # noqa: E402  # noqa: E402  # noqa: E402
    CELU,
    ELU,
    GLU,
    SELU,
    CircularPad1d,
    CircularPad2d,
    CircularPad3d,
    ConstantPad1d,
    ConstantPad2d,
    ConstantPad3d,
    CosineEmbeddingLoss,
    CosineSimilarity,
    Embedding,  # noqa: E402
    GroupNorm,
    Hardshrink,
    Hardsigmoid,
    Hardswish,
    Hardtanh,
    KLDivLoss,
    LayerNorm,
    LogSigmoid,
    MarginRankingLoss,
    Mish,
    PairwiseDistance,
    PReLU,
    ReflectionPad1d,
    ReflectionPad2d,
    ReflectionPad3d,
    ReLU6,
    ReplicationPad1d,
    ReplicationPad2d,
    ReplicationPad3d,
    SiLU,
    Softmin,
    Softplus,
    Softshrink,
    Softsign,
    Tanhshrink,
    Threshold,
    TripletMarginLoss,
    ZeroPad1d,
    ZeroPad2d,
    ZeroPad3d,
)  # fmt: skip

__all__ += ["LayerNorm", "GroupNorm", "Embedding", "CosineSimilarity", "PairwiseDistance"]
__all__ += ["KLDivLoss", "MarginRankingLoss", "CosineEmbeddingLoss", "TripletMarginLoss"]

from .modules import Unflatten  # noqa: E402

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
from .modules import (  # noqa: E402
    GRU,
    LSTM,
    RNN,
    AdaptiveAvgPool1d,
    AvgPool1d,
    Conv1d,
    ConvTranspose2d,
    Dropout1d,
    Dropout2d,
    GRUCell,
    LSTMCell,
    MaxPool1d,
    RNNBase,
    RNNCell,
    RNNCellBase,
    Upsample,
    UpsamplingBilinear2d,
    UpsamplingNearest2d,
)

__all__ += ["RNNBase", "RNN", "LSTM", "GRU", "RNNCellBase", "RNNCell", "LSTMCell", "GRUCell"]
__all__ += ["Conv1d", "MaxPool1d", "AvgPool1d", "AdaptiveAvgPool1d", "Dropout1d", "Dropout2d"]
__all__ += ["Upsample", "UpsamplingNearest2d", "UpsamplingBilinear2d", "ConvTranspose2d"]
from .modules import (  # noqa: E402
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
from .modules import LazyBatchNorm1d, LazyBatchNorm2d, LazyConv1d, LazyConv2d  # noqa: E402
from .parameter import UninitializedBuffer  # noqa: E402

__all__ += ["LazyConv1d", "LazyConv2d", "LazyBatchNorm1d", "LazyBatchNorm2d", "UninitializedBuffer"]

# -- one device: DataParallel runs its module as it is ---------------------------------------------------
from . import parallel  # noqa: E402
from .parallel import DataParallel  # noqa: E402

__all__ += ["parallel", "DataParallel"]

# -- attention and the Transformer (session 10) -----------------------------------------------------------
from .modules import (  # noqa: E402
    MultiheadAttention,
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
from .modules import (  # noqa: E402
    Bilinear,
    Fold,
    InstanceNorm1d,
    InstanceNorm2d,
    InstanceNorm3d,
    LazyInstanceNorm1d,
    LazyInstanceNorm2d,
    LazyInstanceNorm3d,
    LocalResponseNorm,
    RMSNorm,
    Softmax2d,
    Unfold,
)

__all__ += [
    "RMSNorm", "LocalResponseNorm", "InstanceNorm1d", "InstanceNorm2d", "InstanceNorm3d", "LazyInstanceNorm1d",
    "LazyInstanceNorm2d", "LazyInstanceNorm3d", "Softmax2d", "Bilinear", "Fold", "Unfold",
]  # fmt: skip

# -- shuffles, adaptive max pooling, max unpooling, ConvTranspose1d, EmbeddingBag (branch s10_pool) ---------------
from .modules import (  # noqa: E402
    AdaptiveMaxPool1d,
    AdaptiveMaxPool2d,
    ChannelShuffle,
    ConvTranspose1d,
    EmbeddingBag,
    LazyConvTranspose1d,
    LazyConvTranspose2d,
    MaxUnpool1d,
    MaxUnpool2d,
    PixelShuffle,
    PixelUnshuffle,
)

__all__ += [
    "PixelShuffle", "PixelUnshuffle", "ChannelShuffle", "AdaptiveMaxPool1d", "AdaptiveMaxPool2d", "MaxUnpool1d",
    "MaxUnpool2d", "ConvTranspose1d", "LazyConvTranspose1d", "LazyConvTranspose2d", "EmbeddingBag",
]  # fmt: skip

# -- 3-d convolutions, pooling, batch norm and dropout; RReLU and alpha dropout (branch s12_nn3d) ------------------
from .modules import Conv3d, ConvTranspose3d, LazyConv3d, LazyConvTranspose3d  # noqa: E402

__all__ += ["Conv3d", "ConvTranspose3d", "LazyConv3d", "LazyConvTranspose3d"]

from .modules import (  # noqa: E402
    AdaptiveAvgPool3d,
    AdaptiveMaxPool3d,
    AlphaDropout,
    AvgPool3d,
    BatchNorm3d,
    Dropout3d,
    FeatureAlphaDropout,
    LazyBatchNorm3d,
    MaxPool3d,
    RReLU,
)

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
from .modules import (  # noqa: E402
    FractionalMaxPool2d,
    FractionalMaxPool3d,
    LPPool1d,
    LPPool2d,
    LPPool3d,
    MaxUnpool3d,
)

__all__ += ["MaxUnpool3d", "LPPool1d", "LPPool2d", "LPPool3d", "FractionalMaxPool2d", "FractionalMaxPool3d"]

from .modules import SyncBatchNorm, TripletMarginWithDistanceLoss  # noqa: E402

__all__ += ["SyncBatchNorm", "TripletMarginWithDistanceLoss"]

# Old names PyTorch keeps, with their FutureWarnings; and nn.Buffer, which registers itself when assigned
from .modules import Container, NLLLoss2d  # noqa: E402
from .parameter import Buffer  # noqa: E402

__all__ += ["Container", "NLLLoss2d", "Buffer"]
