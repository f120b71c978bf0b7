"""Every message a beginner's mistake produces, in one place.

Each message starts with PyTorch's own sentence, word for word, so that a
web search for it finds PyTorch's answers; then one sentence in plain words.
Tests (tests/test_errors.py) hold each case against this catalogue and,
when PyTorch is installed, against PyTorch itself.
"""

from __future__ import annotations

import re


def _say(torch_sentence: str, hint: str) -> str:
    return f"{torch_sentence} Hint: {hint}"


def backward_twice() -> RuntimeError:
    return RuntimeError(
        _say(
            "Trying to backward through the graph a second time (or directly access "
            "saved tensors after they have already been freed).",
            "the first backward() freed the values this graph saved; pass "
            "retain_graph=True to the first backward() to keep them.",
        )
    )


def implicit_grad_non_scalar() -> RuntimeError:
    return RuntimeError(
        _say(
            "grad can be implicitly created only for scalar outputs",
            "this output has several elements, so say how much each one counts: "
            "pass a tensor of the same shape, e.g. y.backward(torch.ones_like(y)), "
            "or reduce it first with y.sum().",
        )
    )


def no_grad_fn(index: int) -> RuntimeError:
    return RuntimeError(
        _say(
            f"element {index} of tensors does not require grad and does not have a grad_fn",
            "nothing that produced this tensor requires grad, so there is no graph "
            "to go back through; create the inputs with requires_grad=True.",
        )
    )


def requires_grad_not_float(method: bool = False) -> RuntimeError:
    sentence = (
        "only Tensors of floating point dtype can require gradients"
        if method
        else "Only Tensors of floating point and complex dtype can require gradients"
    )
    return RuntimeError(
        _say(
            sentence,
            "a derivative needs values that can change smoothly; write the numbers "
            "as floats (2. instead of 2) or pass dtype=torch.float32.",
        )
    )


def modified_by_inplace(description: str, found: int, expected: int) -> RuntimeError:
    return RuntimeError(
        _say(
            "one of the variables needed for gradient computation has been modified "
            f"by an inplace operation: {description} is at version {found}; "
            f"expected version {expected} instead.",
            "backward() needs the value this tensor had when it was used, but an "
            "in-place operation (a method ending in _, or +=, or t[i] = ...) changed "
            "it afterwards; use the out-of-place form (x = x + 1) instead.",
        )
    )


def leaf_inplace(view: bool = False) -> RuntimeError:
    what = "a view of a leaf Variable" if view else "a leaf Variable"
    return RuntimeError(
        _say(
            f"{what} that requires grad is being used in an in-place operation.",
            "changing a tensor you differentiate with respect to would lose its "
            "history; do the update inside `with torch.no_grad():`.",
        )
    )


def view_modified_inplace(info: object, grad_fn: object, indirect: bool) -> RuntimeError:
    """PyTorch's refusal to change in place a view made under no_grad, or by split/chunk/unbind."""
    modified = "its base or another view of its base has been" if indirect else "is being"
    multi_output = info.creation == "multi_output_node"
    if multi_output:
        name = short_node_name(info.made_by)
        sentence = (
            f"Output {info.output_nr} of {name} is a view and {modified} modified inplace. This view is the "
            "output of a function that returns multiple views. Such functions do not allow the output views "
            "to be modified inplace. You should replace the inplace operation by an out-of-place one."
        )
        hint = "change a copy instead (.clone()), or index the tensor itself (t[0]) instead of using split/unbind."
    else:
        prefix = (
            f"Output 0 of {short_node_name(grad_fn.name())} is a view of a view which was created in"
            if grad_fn is not None
            else "A view was created in"
        )
        sentence = (
            f"{prefix} no_grad mode and {modified} modified inplace with grad mode enabled. Given that this "
            "use case is ambiguous and error-prone, it is forbidden. You can clarify your code by moving both "
            "the view and the inplace either both inside the no_grad block (if you don't want the inplace to "
            "be tracked) or both outside (if you want the inplace to be tracked)."
        )
        hint = "this view was taken inside `with torch.no_grad():`; take it outside the block, or change it inside."
    return RuntimeError(_say(sentence, hint))


def short_node_name(name: str) -> str:
    # PyTorch names a node in these messages without its "Backward0": "Output 0 of Slice".
    return re.sub(r"Backward\d*$", "", name)


def broadcast_mismatch(size_a: int, size_b: int, dim: int, hint: str | None = None) -> RuntimeError:
    return RuntimeError(
        _say(
            f"The size of tensor a ({size_a}) must match the size of tensor b "
            f"({size_b}) at non-singleton dimension {dim}",
            hint
            or "two shapes combine only where, counting from the right, their sizes "
            "are equal or one of them is 1.",
        )
    )


def broadcast_shapes(shape_a: tuple, shape_b: tuple) -> RuntimeError:
    """The broadcast error, naming the dimension PyTorch names and, in the hint, both shapes."""
    dims = max(len(shape_a), len(shape_b))
    padded_a = (1,) * (dims - len(shape_a)) + tuple(shape_a)
    padded_b = (1,) * (dims - len(shape_b)) + tuple(shape_b)
    for dim in range(dims - 1, -1, -1):
        a, b = padded_a[dim], padded_b[dim]
        if a != b and a != 1 and b != 1:
            # The shapes go inside the hint, so that the hint stays one sentence.
            hint = (
                f"shapes {_shape(shape_a)} and {_shape(shape_b)} do not combine: counting "
                "from the right, their sizes must be equal or one of them 1."
            )
            return broadcast_mismatch(a, b, dim, hint)
    raise AssertionError("shapes broadcast")  # pragma: no cover - caller checked


def _shape(shape: tuple) -> str:
    return "[" + ", ".join(str(n) for n in shape) + "]"


def matmul_mismatch(shape_a: tuple, shape_b: tuple) -> RuntimeError:
    a = "x".join(str(n) for n in shape_a)
    b = "x".join(str(n) for n in shape_b)
    return RuntimeError(
        _say(
            f"mat1 and mat2 shapes cannot be multiplied ({a} and {b})",
            "in A @ B the number of columns of A must equal the number of rows of B.",
        )
    )


def dot_mismatch(size_a: int, size_b: int) -> RuntimeError:
    return RuntimeError(
        _say(
            f"inconsistent tensor size, expected tensor [{size_a}] and src [{size_b}] "
            f"to have the same number of elements, but got {size_a} and {size_b} "
            "elements respectively",
            "a dot product pairs the elements of two vectors, so they need the same length.",
        )
    )


NON_LEAF_GRAD_WARNING = (
    "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. "
    "Its .grad attribute won't be populated during autograd.backward(). If you indeed "
    "want the .grad field to be populated for a non-leaf Tensor, use .retain_grad() on "
    "the non-leaf Tensor. If you access the non-leaf Tensor by mistake, make sure you "
    "access the leaf Tensor instead. Hint: backward() stores gradients only in the "
    "tensors you created with requires_grad=True; call .retain_grad() before backward() "
    "to keep this one."
)


def item_not_scalar(numel: int) -> RuntimeError:
    return RuntimeError(
        _say(
            f"a Tensor with {numel} elements cannot be converted to Scalar",
            "item() returns one Python number, so the tensor must hold exactly one "
            "element; pick one with indexing, or use .tolist().",
        )
    )


def numpy_requires_grad() -> RuntimeError:
    return RuntimeError(
        _say(
            "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.",
            "a NumPy array cannot carry the graph, so detach() the tensor from it first.",
        )
    )


def grad_shape_mismatch(grad_shape: tuple, out_shape: tuple) -> RuntimeError:
    return RuntimeError(
        _say(
            f"Mismatch in shape: grad_output[0] has a shape of torch.Size({_shape(grad_shape)}) "
            f"and output[0] has a shape of torch.Size({_shape(out_shape)}).",
            "the gradient passed to backward() weighs each element of the output, "
            "so it needs the output's shape.",
        )
    )


def assign_grad_shape(grad_shape: tuple, shape: tuple) -> RuntimeError:
    return RuntimeError(
        _say(
            f"attempting to assign a gradient of size '{_shape(grad_shape)}' to a tensor "
            f"of size '{_shape(shape)}'. Please ensure that the gradient and the tensor "
            "are the same size",
            "a gradient holds one number per element of its tensor.",
        )
    )


def invalid_shape(shape: tuple, numel: int) -> RuntimeError:
    return RuntimeError(
        _say(
            f"shape '{_shape(shape)}' is invalid for input of size {numel}",
            "a reshape keeps every element, so the new sizes must multiply to the same count.",
        )
    )


def view_not_contiguous() -> RuntimeError:
    return RuntimeError(
        _say(
            "view size is not compatible with input tensor's size and stride (at least "
            "one dimension spans across two contiguous subspaces). Use .reshape(...) instead.",
            "view() never copies, and this tensor's elements are not laid out in the "
            "order the new shape needs.",
        )
    )


def index_out_of_bounds(index: int, dim: int, size: int) -> IndexError:
    return IndexError(
        _say(
            f"index {index} is out of bounds for dimension {dim} with size {size}",
            f"valid indices along this dimension go from {-size} to {size - 1}.",
        )
    )


def dim_out_of_range(dim: int, ndim: int) -> IndexError:
    low, high = (-ndim, ndim - 1) if ndim else (-1, 0)
    return IndexError(
        _say(
            f"Dimension out of range (expected to be in range of [{low}, {high}], but got {dim})",
            f"this tensor has {ndim} dimension{'s' if ndim != 1 else ''}, numbered from 0 "
            "(or from -1 counting from the end).",
        )
    )


def grad_not_used(index: int) -> RuntimeError:
    return RuntimeError(
        _say(
            f"The differentiated Tensor at index {index} appears to not have been used "
            "in the graph. Set allow_unused=True if this is the desired behavior.",
            "the output does not depend on this input, so there is no gradient to return.",
        )
    )


def grad_input_no_grad() -> RuntimeError:
    return RuntimeError(
        _say(
            "One of the differentiated Tensors does not require grad",
            "autograd.grad can only differentiate with respect to tensors created "
            "with requires_grad=True (or computed from them).",
        )
    )


def requires_grad_non_leaf(requires_grad: bool = False) -> RuntimeError:
    sentence = "you can only change requires_grad flags of leaf variables."
    if not requires_grad:  # PyTorch adds the advice only when switching it off
        sentence += (
            " If you want to use a computed variable in a subgraph that doesn't require "
            "differentiation use var_no_grad = var.detach()."
        )
    return RuntimeError(_say(sentence, "a computed tensor requires grad because its inputs do."))


def mean_not_float(dtype_name: str) -> RuntimeError:
    return RuntimeError(
        _say(
            "mean(): could not infer output dtype. Input dtype must be either a floating "
            f"point or complex dtype. Got: {dtype_name}",
            "the mean of integers is usually not an integer; convert first with .float().",
        )
    )


def cat_mismatch(dim: int, expected: int, got: int, index: int) -> RuntimeError:
    return RuntimeError(
        _say(
            f"Sizes of tensors must match except in dimension {dim}. Expected size "
            f"{expected} but got size {got} for tensor number {index} in the list.",
            "tensors are joined along one dimension, so all the others must agree.",
        )
    )


def stack_mismatch(shape_a: tuple, shape_b: tuple, index: int) -> RuntimeError:
    return RuntimeError(
        _say(
            f"stack expects each tensor to be equal size, but got {_shape(shape_a)} at "
            f"entry 0 and {_shape(shape_b)} at entry {index}",
            "stack puts tensors side by side along a new dimension, so they must have the same shape.",
        )
    )


def expand_mismatch(target: int, size: int, dim: int, target_shape: tuple, shape: tuple) -> RuntimeError:
    return RuntimeError(
        _say(
            f"The expanded size of the tensor ({target}) must match the existing size "
            f"({size}) at non-singleton dimension {dim}.  Target sizes: {_shape(target_shape)}."
            f"  Tensor sizes: {_shape(shape)}",
            "only dimensions of size 1 can be stretched.",
        )
    )


def target_out_of_bounds(target: int) -> IndexError:
    return IndexError(
        _say(
            f"Target {target} is out of bounds.",
            "class labels must lie between 0 and the number of classes minus 1.",
        )
    )


def ragged_sequence(length: int, dim: int, got: int) -> ValueError:
    return ValueError(
        _say(
            f"expected sequence of length {length} at dim {dim} (got {got})",
            "every row of a tensor must have the same number of elements.",
        )
    )


def number_among_lists() -> TypeError:
    return TypeError(
        _say(
            "not a sequence",
            "one row is a single number where the others are lists; every row of a "
            "tensor must have the same number of elements.",
        )
    )


def list_among_numbers(type_name: str) -> TypeError:
    return TypeError(
        _say(
            f"'{type_name}' object cannot be interpreted as an integer",
            "a list sits where the other elements are numbers; every row of a tensor "
            "must have the same number of elements.",
        )
    )


def invalid_data_type(type_name: str) -> TypeError:
    return TypeError(
        _say(
            f"new(): invalid data type '{type_name}'",
            "a tensor is made of numbers: pass numbers, lists of numbers or a NumPy array.",
        )
    )


def t_too_many_dims(ndim: int) -> RuntimeError:
    return RuntimeError(
        _say(
            f"t() expects a tensor with <= 2 dimensions, but self is {ndim}D",
            "for more dimensions, say which two to swap with transpose(dim0, dim1).",
        )
    )


def permute_mismatch(ndim: int, given: int) -> RuntimeError:
    return RuntimeError(
        _say(
            "permute(sparse_coo): number of dimensions in the tensor input does not match "
            "the length of the desired ordering of dimensions i.e. input.dim() = "
            f"{ndim} is not equal to len(dims) = {given}",
            "permute needs one entry for every dimension of the tensor.",
        )
    )


def mask_shape_mismatch(mask_shape: tuple, shape: tuple, index: int) -> IndexError:
    return IndexError(
        _say(
            f"The shape of the mask {_shape(mask_shape)} at index {index} does not match "
            f"the shape of the indexed tensor {_shape(shape)} at index {index}",
            "a boolean mask needs one True/False per element of the dimensions it indexes.",
        )
    )


def _type_word(np_dtype: object) -> str:
    return {"f": "Float", "i": "Long", "b": "Bool"}.get(getattr(np_dtype, "kind", ""), str(np_dtype))


def inplace_cast(result_dtype: object, tensor_dtype: object) -> RuntimeError:
    return RuntimeError(
        _say(
            f"result type {_type_word(result_dtype)} can't be cast to the desired output type "
            f"{_type_word(tensor_dtype)}",
            "an in-place result keeps the tensor's dtype; convert the tensor first, e.g. x = x.float().",
        )
    )


def inplace_on_expanded() -> RuntimeError:
    return RuntimeError(
        _say(
            "unsupported operation: more than one element of the written-to tensor refers to a "
            "single memory location. Please clone() the tensor before performing the operation.",
            "this tensor was made by expand() and shares memory between elements.",
        )
    )


# -- devices -----------------------------------------------------------------------

_NO_GPU_HINT = (
    "autograd_lab computes on the CPU only; write device = torch.device('cuda' if "
    "torch.cuda.is_available() else 'cpu') and pass device=device, or leave the device out."
)


def device_not_available(device_type: str, factory: bool = False) -> Exception:
    if device_type in ("cuda", "xpu"):
        name = device_type.upper()
        return AssertionError(_say(f"Torch not compiled with {name} enabled", _NO_GPU_HINT))
    if factory and device_type == "mps":
        return NotImplementedError(
            _say(
                "Could not run 'aten::empty.memory_format' with arguments from the 'MPS' backend.",
                _NO_GPU_HINT,
            )
        )
    return RuntimeError(_say(f"PyTorch is not linked with support for {device_type} devices", _NO_GPU_HINT))


def no_accelerator() -> RuntimeError:
    return RuntimeError(
        _say(
            "Cannot access accelerator device when none is available.",
            "a number as a device means a GPU, and this machine computes on the CPU; use 'cpu'.",
        )
    )


def invalid_device_string(text: str) -> RuntimeError:
    return RuntimeError(
        _say(
            f"Invalid device string: '{text}'",
            "a device is written 'cpu' or 'cuda', or 'cuda:1' with an index.",
        )
    )


def device_index_twice(text: str) -> RuntimeError:
    return RuntimeError(
        _say(
            f"type (string) must not include an index because index was passed explicitly: {text}",
            "give the index once: torch.device('cuda:0') or torch.device('cuda', 0).",
        )
    )


def negative_device_index() -> RuntimeError:
    return RuntimeError(_say("Device index must not be negative", "devices are numbered from 0."))


def unknown_device_type(text: str, known: tuple[str, ...]) -> RuntimeError:
    return RuntimeError(
        _say(
            f"Expected one of {', '.join(known)} device type at start of device string: {text}",
            "device names are lower case, such as 'cpu' or 'cuda:0'.",
        )
    )


# -- the default dtype -------------------------------------------------------------


def default_dtype_not_float(prefix: str = "") -> TypeError:
    return TypeError(
        _say(
            f"{prefix}only floating-point types are supported as the default type",
            "the default dtype is what Python floats become: pass torch.float32 or torch.float64.",
        )
    )


def unknown_tensor_type(name: str) -> Exception:
    module, _, attribute = name.rpartition(".")
    if module == "torch.cuda":
        return TypeError(
            _say(f"type {name} not available. Torch not compiled with CUDA enabled.", _NO_GPU_HINT)
        )
    hint = "write 'torch.FloatTensor' or 'torch.DoubleTensor', or use torch.set_default_dtype(torch.float64)."
    if module == "torch":
        return AttributeError(_say(f"module 'torch' has no attribute '{attribute}'", hint))
    return ModuleNotFoundError(_say(f"No module named '{module or name}'", hint))


# -- random numbers ----------------------------------------------------------------


def _number(value: float) -> str:
    """A number as C++ streams print it in PyTorch's messages: 1 for 1.0, 2.5 for 2.5."""
    return f"{value:g}"


def generator_device(device_type: str) -> RuntimeError:
    return RuntimeError(
        _say(
            f"Cannot get {device_type.upper()} generator without ATen_{device_type} library.",
            "autograd_lab draws its random numbers on the CPU: use torch.Generator() or torch.Generator('cpu').",
        )
    )


def seed_overflow() -> ValueError:
    return ValueError(
        _say("Overflow when unpacking long long", "a seed is a whole number below 2**64, such as 0 or 42.")
    )


def rng_state_size(size: int) -> RuntimeError:
    return RuntimeError(
        _say(
            f"Expected a CPUGeneratorImplState of size 628 but found the input RNG state size to be {size}",
            "pass exactly what get_rng_state() (or Generator.get_state()) returned.",
        )
    )


def not_a_generator(type_name: str) -> TypeError:
    return TypeError(
        _say(
            f"argument 'generator' must be torch.Generator, not {type_name}",
            "make one with g = torch.Generator().manual_seed(0), or leave generator= out.",
        )
    )


def uniform_range(low: float, high: float) -> RuntimeError:
    return RuntimeError(
        _say(
            f"uniform_ expects to return a [from, to) range, but found from={_number(low)} > to={_number(high)}",
            "the first number is the lower end of the interval, the second the upper end.",
        )
    )


def normal_std(std: float) -> RuntimeError:
    return RuntimeError(
        _say(
            f"normal expects std >= 0.0, but found std {_number(std)}",
            "a standard deviation measures a spread, so it cannot be negative.",
        )
    )


def random_range(low: int, high: int) -> RuntimeError:
    return RuntimeError(
        _say(
            f"random_ expects 'from' to be less than 'to', but got from={low} >= to={high}",
            "the numbers are drawn from low up to high - 1, so low must be smaller than high.",
        )
    )


def negative_dimension(shape: tuple, zeros: bool = False) -> RuntimeError:
    negative = next(n for n in shape if n < 0)
    sentence = (
        "zeros: Dimension size must be non-negative."
        if zeros
        else f"Trying to create tensor with negative dimension {negative}: {list(shape)}"
    )
    return RuntimeError(_say(sentence, "a size counts elements, so it is 0 or more."))


def bernoulli_p(p: float) -> RuntimeError:
    return RuntimeError(
        _say(
            f"bernoulli_ expects p to be in [0, 1], but got p={_number(p)}",
            "p is the probability of drawing a 1, a number from 0 to 1.",
        )
    )


def bernoulli_probabilities() -> RuntimeError:
    return RuntimeError(
        _say(
            "Expected p_in >= 0 && p_in <= 1 to be true, but got false.",
            "each element is the probability of drawing a 1, a number from 0 to 1.",
        )
    )


def exponential_rate(rate: float) -> RuntimeError:
    return RuntimeError(
        _say(
            f"exponential_ expects lambda > 0.0, but found lambda={_number(rate)}",
            "lambda is the rate of the distribution (1 / its mean), a positive number.",
        )
    )


def random_not_floating(kernel: str, type_word: str) -> NotImplementedError:
    return NotImplementedError(
        _say(
            f"\"{kernel}\" not implemented for '{type_word}'",
            "this draws real numbers, so it needs a floating-point tensor: pass dtype=torch.float32.",
        )
    )


def normal_std_tensor() -> RuntimeError:
    return RuntimeError(
        _say(
            "normal expects all elements of std >= 0.0",
            "a standard deviation measures a spread, so it cannot be negative.",
        )
    )


def normal_overload(values: tuple, keywords: dict) -> TypeError:
    return invalid_combination(
        "normal",
        values,
        keywords,
        "with numbers for mean and std, give the size too, as in torch.normal(0.0, 1.0, size=(2, 3)); "
        "with a tensor of means or deviations, the result takes its shape, so leave size out.",
    )


def random_float_precision(low: int, high: int, digits: int, name: str) -> str:
    bound = "to - 1" if high - 1 > 2**digits else "from"
    return (
        f"{bound} is out of bounds [-(2^{digits}), 2^{digits}]. Due to precision limitations {name} can "
        "support discrete uniform distribution only within this range. This warning will become an error "
        "in version 1.7 release, please fix the code in advance Hint: a float cannot hold every whole "
        "number this large, so some values can never be drawn; use dtype=torch.int64."
    )


# -- factory arguments ----------------------------------------------------------------

_SIZE_HINT = "give the shape as numbers, zeros(2, 3), or as one tuple, zeros((2, 3)) or zeros(size=(2, 3))."
# Factories whose arguments PyTorch parses with several signatures: a mistake is "an invalid combination".
_OVERLOADED = ("rand", "randn", "randint", "randperm")


def _type_names(values: tuple, keywords: dict) -> str:
    def name(value: object) -> str:
        return "Tensor" if type(value).__name__ == "Tensor" else type(value).__name__

    return ", ".join([name(v) for v in values] + [f"{k}={name(v)}" for k, v in keywords.items()])


def invalid_combination(function: str, values: tuple, keywords: dict, hint: str = _SIZE_HINT) -> TypeError:
    return TypeError(
        _say(
            f"{function}() received an invalid combination of arguments - got "
            f"({_type_names(values, keywords)}), but expected one of:",
            hint,
        )
    )


def size_given_twice(function: str, dims: tuple) -> TypeError:
    if function in _OVERLOADED:
        return invalid_combination(function, dims, {"size": ()})
    return TypeError(_say(f"{function}() got multiple values for argument 'size'", _SIZE_HINT))


def size_missing(function: str) -> TypeError:
    if function in _OVERLOADED:
        return invalid_combination(function, (), {})
    return TypeError(_say(f'{function}() missing 1 required positional arguments: "size"', _SIZE_HINT))


def size_not_tuple(function: str, value: object, position: int | None) -> TypeError:
    where = "" if position is None else f" (position {position})"
    return TypeError(
        _say(
            f"{function}(): argument 'size'{where} must be tuple of ints, not {type(value).__name__}",
            _SIZE_HINT,
        )
    )


def size_element(function: str, position: int, value: object) -> TypeError:
    return TypeError(
        _say(
            f"{function}(): argument 'size' failed to unpack the object at pos {position} with error "
            f'"type must be tuple of ints,but got {type(value).__name__}"',
            "each size is a whole number of elements: write 3, not 3.0.",
        )
    )


def argument_not_int(function: str, argument: str, value: object) -> TypeError:
    return TypeError(
        _say(
            f"{function}(): argument '{argument}' (position 1) must be int, not {type(value).__name__}",
            "it counts elements, so it is a whole number: write 3, not 3.0.",
        )
    )


def eye_negative(name: str, value: int) -> RuntimeError:
    return RuntimeError(
        _say(
            f"{name} must be greater or equal to 0, got {value}",
            "it counts rows or columns, so it is 0 or more.",
        )
    )


def arange_step_zero() -> RuntimeError:
    return RuntimeError(_say("step must be nonzero", "with a step of 0 the range would never reach its end."))


def arange_step_sign() -> RuntimeError:
    return RuntimeError(
        _say(
            "upper bound and lower bound inconsistent with step sign",
            "to count down, give a negative step, as in torch.arange(5, 0, -1).",
        )
    )


def linspace_negative_steps() -> RuntimeError:
    return RuntimeError(
        _say("number of steps must be non-negative", "steps is how many values to make: 0 or more.")
    )


# -- norms and equal ---------------------------------------------------------------------


def norm_not_float(type_word: str) -> RuntimeError:
    return RuntimeError(
        _say(
            f"linalg.vector_norm: Expected a floating point or complex tensor as input. Got {type_word}",
            "a norm is a length, computed with square roots: make the tensor float first, e.g. x.float().",
        )
    )


def norm_empty_inf() -> RuntimeError:
    return RuntimeError(
        _say(
            "linalg.vector_norm cannot compute the inf norm on an empty tensor because the operation "
            "does not have an identity",
            "the largest absolute value of no numbers does not exist; check the tensor is not empty.",
        )
    )


def vector_norm_string_ord(ord: str) -> TypeError:
    return TypeError(
        _say(
            "linalg_vector_norm(): argument 'ord' (position 2) must be Number, not str",
            f"ord={ord!r} names a matrix norm: use torch.linalg.norm or torch.linalg.matrix_norm, "
            "or give a number such as 2.",
        )
    )


def matrix_norm_order(ord: object) -> RuntimeError:
    return RuntimeError(
        _say(
            f"linalg.matrix_norm: Order {ord} not supported.",
            "a matrix norm's ord is 'fro', 'nuc', 1, -1, 2, -2, inf or -inf.",
        )
    )


def matrix_norm_not_here(ord: object) -> NotImplementedError:
    return NotImplementedError(
        _say(
            f"linalg.matrix_norm: ord={ord} is not available in autograd_lab.",
            "only the Frobenius norm (ord='fro', the default) is computed here; "
            "torch.linalg.vector_norm gives norms of the elements.",
        )
    )


def norm_ord_needs_dim(ndim: int) -> RuntimeError:
    return RuntimeError(
        _say(
            f"linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. Got {ndim}D.",
            "say which dimensions the norm runs over with dim=, or leave ord out for the norm of all elements.",
        )
    )


def equal_not_tensor(type_name: str) -> TypeError:
    return TypeError(
        _say(
            f"equal(): argument 'other' (position 2) must be Tensor, not {type_name}",
            "compare with a tensor: wrap the values in torch.tensor(...).",
        )
    )
