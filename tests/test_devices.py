"""Devices: torch.device, device= on factories, .to()/.cpu()/.cuda(), torch.cuda and torch.backends.

Every tensor lives on the CPU; asking for a GPU fails as PyTorch fails on a
machine without one (checked against the CPU build of PyTorch when installed).
"""

from __future__ import annotations

import pytest
from twins import raises_like_torch, same_bits, same_repr

import autograd_lab as lab


@pytest.fixture
def torch():
    return pytest.importorskip("torch")


@pytest.fixture(autouse=True)
def default_device_restored():
    yield
    lab.set_default_device(None)


# -- torch.device --------------------------------------------------------------------------------

DEVICES = [
    ("cpu",),
    ("cpu", 0),
    ("cpu:0",),
    ("cpu:1",),
    ("cuda",),
    ("cuda:1",),
    ("cuda", 1),
    ("mps",),
    ("meta",),
]


@pytest.mark.parametrize("args", DEVICES, ids=str)
def test_device_prints_and_compares_like_pytorch(torch, args):
    ours, theirs = lab.device(*args), torch.device(*args)
    same_repr(ours, theirs)
    assert str(ours) == str(theirs) and ours.type == theirs.type and ours.index == theirs.index
    assert ours == lab.device(*args) and hash(ours) == hash(lab.device(*args))
    assert (ours == str(ours)) == (theirs == str(theirs))  # False: a device is not equal to its string
    assert lab.device(ours) == ours and lab.device(type=args[0]) == lab.device(args[0])


def test_devices_differ_by_type_and_index():
    assert lab.device("cpu") != lab.device("cpu", 0)
    assert lab.device("cpu") != lab.device("cuda")
    assert str(lab.device("cuda", 1)) == "cuda:1"


BAD_DEVICES = {
    "unknown type": lambda m: m.device("gpu"),
    "upper case": lambda m: m.device("CPU"),
    "bad index": lambda m: m.device("cuda:abc"),
    "negative index in string": lambda m: m.device("cuda:-1"),
    "space": lambda m: m.device(" cpu"),
    "negative index": lambda m: m.device("cpu", -1),
    "index twice": lambda m: m.device("cuda:0", 1),
    "a number": lambda m: m.device(0),
}


@pytest.mark.parametrize("call", list(BAD_DEVICES.values()), ids=list(BAD_DEVICES))
def test_bad_device_names_raise_pytorchs_error(torch, call):
    raises_like_torch(call, torch)


# -- tensors live on the CPU ------------------------------------------------------------------------


def test_tensor_device_and_conversions_match_pytorch(torch):
    for m in (lab, torch):
        x = m.tensor([1.0, 2.0], requires_grad=True)
        assert x.to("cpu") is x and x.cpu() is x and x.to(m.device("cpu")) is x and x.to() is x
        assert x.to(x) is x and x.to(dtype=m.float32) is x
        assert not x.is_cuda and x.get_device() == -1
    ours, theirs = lab.tensor([1.0, 2.0], requires_grad=True), torch.tensor([1.0, 2.0], requires_grad=True)
    same_repr(ours.device, theirs.device)
    for convert in (
        lambda x, m: x.to(m.device("cpu"), m.float64),
        lambda x, m: x.to("cpu", dtype=m.float64),
        lambda x, m: x.to(device="cpu", dtype=m.float64),
        lambda x, m: x.to(m.zeros(1, dtype=m.float64)),
        lambda x, m: x.to(m.float32, copy=True),
        lambda x, m: x.to(m.float64, False, True),
        lambda x, m: x.to("cpu", m.float64, non_blocking=True),
    ):
        same_repr(convert(ours, lab), convert(theirs, torch))
    assert ours.to(lab.float32, copy=True) is not ours


FACTORIES_ON = {
    "tensor": lambda m, d: m.tensor([1.5, 2.0], device=d),
    "as_tensor": lambda m, d: m.as_tensor([1.5], device=d),
    "zeros": lambda m, d: m.zeros(2, 3, device=d),
    "ones": lambda m, d: m.ones((2,), device=d),
    "empty": lambda m, d: m.empty(size=(2,), device=d).zero_(),
    "full": lambda m, d: m.full((2,), 7.0, device=d),
    "eye": lambda m, d: m.eye(2, device=d),
    "arange": lambda m, d: m.arange(0, 1, 0.25, device=d),
    "linspace": lambda m, d: m.linspace(0, 1, 5, device=d),
    "zeros_like": lambda m, d: m.zeros_like(m.ones(2), device=d),
    "ones_like": lambda m, d: m.ones_like(m.ones(2), device=d),
    "full_like": lambda m, d: m.full_like(m.ones(2), 3.0, device=d),
    "empty_like": lambda m, d: m.empty_like(m.ones(2), device=d).zero_(),
    "rand": lambda m, d: m.rand(3, device=d, generator=m.Generator().manual_seed(1)),
    "randn": lambda m, d: m.randn(3, device=d, generator=m.Generator().manual_seed(1)),
    "randint": lambda m, d: m.randint(0, 9, (3,), device=d, generator=m.Generator().manual_seed(1)),
    "randperm": lambda m, d: m.randperm(4, device=d, generator=m.Generator().manual_seed(1)),
    "rand_like": lambda m, d: m.rand_like(m.ones(2), device=d).zero_(),
    "randn_like": lambda m, d: m.randn_like(m.ones(2), device=d).zero_(),
    "randint_like": lambda m, d: m.randint_like(m.ones(2), 3, device=d).zero_(),
    "normal": lambda m, d: m.normal(0.0, 1.0, (2,), device=d, generator=m.Generator().manual_seed(1)),
}


@pytest.mark.parametrize("make", list(FACTORIES_ON.values()), ids=list(FACTORIES_ON))
def test_every_factory_takes_a_device(torch, make):
    for spec in ("cpu", "cpu:0"):
        ours = make(lab, spec)
        same_bits(ours, make(torch, spec))
        same_repr(ours.device, make(torch, spec).device)
    same_bits(make(lab, lab.device("cpu")), make(torch, torch.device("cpu")))


@pytest.mark.parametrize("make", list(FACTORIES_ON.values()), ids=list(FACTORIES_ON))
def test_every_factory_refuses_cuda_as_pytorch_does(torch, make):
    for spec in ("cuda", "cuda:0"):
        raises_like_torch(lambda m, s=spec: make(m, s), torch)
    raises_like_torch(lambda m: make(m, m.device("cuda")), torch)


GPU_ASKS = {
    "x.to('cuda')": lambda m: m.ones(2).to("cuda"),
    "x.to(device='cuda')": lambda m: m.ones(2).to(device="cuda"),
    "x.to(torch.device('cuda:0'), float64)": lambda m: m.ones(2).to(m.device("cuda:0"), m.float64),
    "x.cuda()": lambda m: m.ones(2).cuda(),
    "x.cuda(0)": lambda m: m.ones(2).cuda(0),
    "x.to(0)": lambda m: m.ones(2).to(0),
    "x.to('xpu')": lambda m: m.ones(2).to("xpu"),
    "zeros(device='xpu')": lambda m: m.zeros(2, device="xpu"),
    "x.to('mps')": lambda m: m.ones(2).to("mps"),
    "zeros(device='mps')": lambda m: m.zeros(2, device="mps"),
    "zeros(device=0)": lambda m: m.zeros(2, device=0),
    "cuda.current_device()": lambda m: m.cuda.current_device(),
    "cuda.get_device_name()": lambda m: m.cuda.get_device_name(),
    "cuda.synchronize()": lambda m: m.cuda.synchronize(),
    "set_default_device('xyz')": lambda m: m.set_default_device("xyz"),
    "accelerator.current_device_index()": lambda m: m.accelerator.current_device_index(),
    "accelerator.set_device_index(0)": lambda m: m.accelerator.set_device_index(0),
    "accelerator.synchronize()": lambda m: m.accelerator.synchronize(),
}


@pytest.mark.parametrize("call", list(GPU_ASKS.values()), ids=list(GPU_ASKS))
def test_asking_for_a_gpu_raises_pytorchs_error_with_a_hint(torch, call):
    text = raises_like_torch(call, torch)
    assert "Hint: " in text


def test_cuda_error_is_the_one_lessons_meet(torch):
    text = raises_like_torch(lambda m: m.zeros(2, device="cuda"), torch)
    assert text.startswith("Torch not compiled with CUDA enabled Hint: ")
    assert "torch.cuda.is_available()" in text


# -- the default device -----------------------------------------------------------------------------


def test_default_device_like_pytorch(torch):
    try:
        for m in (lab, torch):
            assert m.get_default_device() == m.device("cpu")
            m.set_default_device(m.device("cpu", 0))
            assert m.get_default_device() == m.device("cpu", 0)
            m.set_default_device(None)
            assert m.get_default_device() == m.device("cpu")
        same_repr(lab.get_default_device(), torch.get_default_device())
        for m in (lab, torch):
            m.set_default_device("cuda")
        raises_like_torch(lambda m: m.zeros(2), torch)
        raises_like_torch(lambda m: m.rand(2), torch)
        raises_like_torch(lambda m: m.get_default_device(), torch)
        same_bits(lab.zeros(2, device="cpu"), torch.zeros(2, device="cpu"))  # an explicit device wins
    finally:
        lab.set_default_device(None)
        torch.set_default_device(None)


# -- torch.cuda and torch.backends ---------------------------------------------------------------------

QUESTIONS = [
    lambda m: m.cuda.is_available(),
    lambda m: m.cuda.device_count(),
    lambda m: m.cuda.is_initialized(),
    lambda m: m.cuda.manual_seed(0),
    lambda m: m.cuda.manual_seed_all(0),
    lambda m: m.cuda.empty_cache(),
    lambda m: m.cuda.memory_allocated(),
    lambda m: m.backends.mps.is_available(),
    lambda m: m.backends.mps.is_built(),
    lambda m: m.backends.cuda.is_built(),
    lambda m: m.backends.cudnn.is_available(),
    lambda m: (m.backends.cudnn.enabled, m.backends.cudnn.deterministic, m.backends.cudnn.benchmark),
    lambda m: m.accelerator.is_available(),
    lambda m: m.accelerator.current_accelerator(),
    lambda m: m.accelerator.current_accelerator(check_available=True),
    lambda m: m.accelerator.device_count(),
]


@pytest.mark.parametrize("question", QUESTIONS)
def test_cuda_and_backends_answer_as_pytorch_without_a_gpu(torch, question):
    assert question(lab) == question(torch)


def test_the_accelerator_line_of_pytorchs_tutorials_picks_the_cpu():
    accelerator = lab.accelerator
    device = accelerator.current_accelerator().type if accelerator.is_available() else "cpu"
    assert lab.ones(2, device=device).device == lab.device("cpu")


def test_the_usual_device_line_picks_the_cpu():
    device = lab.device("cuda" if lab.cuda.is_available() else "cpu")
    x = lab.ones(2, device=device).to(device)
    assert x.device == device == lab.device("cpu")
    lab.backends.cudnn.deterministic = True  # lessons set it for reproducibility: allowed, and harmless
    lab.backends.cudnn.deterministic = False
