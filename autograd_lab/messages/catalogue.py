"""The catalogue: every error, hint and word a student reads, by id, in English and Chinese.

``ERRORS`` holds what an error says: the exception type, PyTorch's own
sentence (word for word and never translated, so that a web search for it
finds PyTorch's answers), and one hint in plain words per language.
``WORDS`` holds what pictures, the text tree, the magics and the widgets
say.  Templates take named fields, filled in by ``str.format``; a builder in
``errors.py`` works the fields out where that takes more than a value.

An entry without a ``zh`` text falls back to English.
"""

from __future__ import annotations

from typing import NamedTuple


class ErrorText(NamedTuple):
    """An error: its type, PyTorch's sentence, and the hint in each language."""

    type: type[Exception]
    torch: str
    en: str
    zh: str = ""


# The hint for something else where a tensor's number belongs.
_NOT_A_NUMBER = (
    "each element of a tensor is one number, and this one is a {type_name}: look for a nested list or a "
    "missing value (None).",
    "张量的每个元素都是一个数，而这里是 {type_name}：请检查是否有多嵌套了一层的列表或缺失的值（None）。",
)

# apply_'s and map_'s hint for a function that returned no number.
_ONE_NUMBER_EACH = (
    "the function must return one number (an int, a float or a one-element tensor) for each element.",
    "这个函数必须为每个元素返回一个数（int、float 或只有一个元素的张量）。",
)

# Hints several entries of the branch ``random`` share (devices, sizes), in both languages.
_NO_GPU = (
    "autograd_lab computes on the CPU only; write device = torch.device('cuda' if "
    "torch.cuda.is_available() else 'cpu') and pass device=device, or leave the device out.",
    "autograd_lab 只在 CPU 上计算；请写 device = torch.device('cuda' if torch.cuda.is_available() else "
    "'cpu') 并传入 device=device，或者干脆不指定设备。",
)
_CHANGED_IN_PLACE = (
    "backward() needs the value this tensor had when it was used, but an in-place operation (a method "
    "ending in _, or +=, or t[i] = ...) changed it afterwards; use the out-of-place form (x = x + 1) "
    "instead.",
    "backward() 需要这个张量被使用时的值，但之后一个原地操作（以 _ 结尾的方法、+= 或 t[i] = ...）"
    "修改了它；请改用非原地的写法（x = x + 1）。",
)
_FLAG = (
    "{argument} is True or False; to work along several dimensions, give them as one tuple: x.sum((0, 1)).",
    "{argument} 只能是 True 或 False；要沿几个维度计算，请把它们写成一个元组：x.sum((0, 1))。",
)
_SIZE = (
    "give the shape as numbers, zeros(2, 3), or as one tuple, zeros((2, 3)) or zeros(size=(2, 3)).",
    "形状可以写成几个数 zeros(2, 3)，也可以写成一个元组 zeros((2, 3)) 或 zeros(size=(2, 3))。",
)
_LEGACY_TYPE = (
    "write 'torch.FloatTensor' or 'torch.DoubleTensor', or use torch.set_default_dtype(torch.float64).",
    "请写 'torch.FloatTensor' 或 'torch.DoubleTensor'，或者改用 torch.set_default_dtype(torch.float64)。",
)
_STD = (
    "a standard deviation measures a spread, so it cannot be negative.",
    "标准差衡量的是分散程度，所以不能是负数。",
)
_COUNT = (
    "it counts elements, so it is a whole number: write 3, not 3.0.",
    "它数的是元素个数，所以是整数：请写 3，不要写 3.0。",
)


ERRORS: dict[str, ErrorText] = {
    # -- the backward pass ------------------------------------------------------------------
    "backward_twice": ErrorText(
        RuntimeError,
        "Trying to backward through the graph a second time (or directly access saved tensors after they "
        "have already been freed).",
        "the first backward() freed the values this graph saved; pass retain_graph=True to the first "
        "backward() to keep them.",
        "第一次 backward() 已经释放了计算图保存的中间值；请在第一次调用 backward() 时传入 retain_graph=True 保留它们。",
    ),
    "implicit_grad_non_scalar": ErrorText(
        RuntimeError,
        "grad can be implicitly created only for scalar outputs",
        "this output has several elements, so say how much each one counts: pass a tensor of the same "
        "shape, e.g. y.backward(torch.ones_like(y)), or reduce it first with y.sum().",
        "这个输出有多个元素，需要说明每个元素的权重：传入一个形状相同的张量，例如 "
        "y.backward(torch.ones_like(y))，或者先用 y.sum() 把它变成标量。",
    ),
    "no_grad_fn": ErrorText(
        RuntimeError,
        "element {index} of tensors does not require grad and does not have a grad_fn",
        "nothing that produced this tensor requires grad, so there is no graph to go back through; create "
        "the inputs with requires_grad=True.",
        "产生这个张量的输入都不需要梯度，所以没有可以反向传播的计算图；创建输入时请设置 requires_grad=True。",
    ),
    "grad_shape_mismatch": ErrorText(
        RuntimeError,
        "Mismatch in shape: grad_output[0] has a shape of torch.Size({grad_shape}) and output[0] has a "
        "shape of torch.Size({out_shape}).",
        "the gradient passed to backward() weighs each element of the output, so it needs the output's "
        "shape.",
        "传给 backward() 的梯度为输出的每个元素加权，所以它的形状必须和输出相同。",
    ),
    "grad_not_used": ErrorText(
        RuntimeError,
        "The differentiated Tensor at index {index} appears to not have been used in the graph. Set "
        "allow_unused=True if this is the desired behavior.",
        "the output does not depend on this input, so there is no gradient to return.",
        "输出并不依赖这个输入，所以没有梯度可以返回。",
    ),
    "grad_input_no_grad": ErrorText(
        RuntimeError,
        "One of the differentiated Tensors does not require grad",
        "autograd.grad can only differentiate with respect to tensors created with requires_grad=True (or "
        "computed from them).",
        "autograd.grad 只能对 requires_grad=True 的张量（或由它们计算出的张量）求导。",
    ),
    "modified_by_inplace": ErrorText(  # (PyTorch's message ends with a hint of its own, kept)
        RuntimeError,
        "one of the variables needed for gradient computation has been modified by an inplace operation: "
        "{description} is at version {found}; expected version {expected} instead. Hint: enable anomaly "
        "detection to find the operation that failed to compute its gradient, with "
        "torch.autograd.set_detect_anomaly(True, check_nan=False).",
        *_CHANGED_IN_PLACE,
    ),
    "modified_by_inplace_in_anomaly_mode": ErrorText(
        RuntimeError,
        "one of the variables needed for gradient computation has been modified by an inplace operation: "
        "{description} is at version {found}; expected version {expected} instead. Hint: the backtrace "
        "further above shows the operation that failed to compute its gradient. The variable in question "
        "was changed in there or anywhere later. Good luck!",
        *_CHANGED_IN_PLACE,
    ),
    # -- requires_grad, leaves and in-place changes ---------------------------------------------
    "requires_grad_not_float": ErrorText(
        RuntimeError,
        "Only Tensors of floating point and complex dtype can require gradients",
        "a derivative needs values that can change smoothly; write the numbers as floats (2. instead of 2) "
        "or pass dtype=torch.float32.",
        "求导需要能连续变化的数值；请把数写成浮点数（2. 而不是 2），或者传入 dtype=torch.float32。",
    ),
    "requires_grad_not_float_method": ErrorText(
        RuntimeError,
        "only Tensors of floating point dtype can require gradients",
        "a derivative needs values that can change smoothly; write the numbers as floats (2. instead of 2) "
        "or pass dtype=torch.float32.",
        "求导需要能连续变化的数值；请把数写成浮点数（2. 而不是 2），或者传入 dtype=torch.float32。",
    ),
    "requires_grad_non_leaf": ErrorText(
        RuntimeError,
        "you can only change requires_grad flags of leaf variables.{advice}",
        "a computed tensor requires grad because its inputs do.",
        "计算得到的张量需要梯度，是因为它的输入需要梯度。",
    ),
    "leaf_inplace": ErrorText(
        RuntimeError,
        "{what} that requires grad is being used in an in-place operation.",
        "changing a tensor you differentiate with respect to would lose its history; do the update inside "
        "`with torch.no_grad():`.",
        "原地修改一个要对其求导的张量会丢失它的历史；请在 `with torch.no_grad():` 中进行更新。",
    ),
    "view_modified_inplace_multi_output": ErrorText(
        RuntimeError,
        "{sentence}",  # put together by errors.view_modified_inplace from VIEW_REBASE's pieces
        "change a copy instead (.clone()), or index the tensor itself (t[0]) instead of using split/unbind.",
        "请修改它的副本（.clone()），或者直接对张量本身做索引（t[0]），而不是用 split/unbind 的输出。",
    ),
    "view_modified_inplace_custom_function": ErrorText(
        RuntimeError,
        "{sentence}",  # put together by errors.view_modified_inplace from VIEW_REBASE's pieces
        "the Function's output shares its input's memory: change a copy of it instead (out = F.apply(x).clone()).",
        "这个 Function 的输出与输入共用内存：请改动它的副本（out = F.apply(x).clone()）。",
    ),
    "view_modified_inplace_no_grad": ErrorText(
        RuntimeError,
        "{sentence}",
        "this view was taken inside `with torch.no_grad():`; take it outside the block, or change it inside.",
        "这个视图是在 `with torch.no_grad():` 中取得的；请在代码块外取视图，或者在代码块内修改它。",
    ),
    "nn_bce_target_dtype": ErrorText(
        RuntimeError,
        "Found dtype {found} but expected {expected}",
        "binary_cross_entropy wants the targets in the scores' dtype: convert them, e.g. target.float().",
        "binary_cross_entropy 要求目标与预测的数据类型相同：请先转换，例如 target.float()。",
    ),
    "nn_bce_logits_target_int": ErrorText(
        RuntimeError,
        "result type Float can't be cast to the desired output type {target}",
        "the targets are probabilities (0.0 to 1.0), so they must be floats: write target.float().",
        "目标是概率（0.0 到 1.0），必须是浮点数：请写 target.float()。",
    ),
    "nn_kl_div_integral": ErrorText(
        RuntimeError,
        "kl_div: Integral inputs not supported.",
        "kl_div takes log-probabilities and probabilities, which are floats: convert with .float().",
        "kl_div 接受对数概率和概率，它们是浮点数：请用 .float() 转换。",
    ),
    "bool_subtraction": ErrorText(
        RuntimeError,
        "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a "
        "mask, use the `~` or `logical_not()` operator instead.",
        "True and False are not numbers here; turn the mask into numbers first, e.g. mask.float(), or flip it with ~mask.",
        "这里 True 和 False 不是数；请先把掩码变成数，例如 mask.float()，或用 ~mask 取反。",
    ),
    "bool_subtraction_both": ErrorText(
        RuntimeError,
        "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` "
        "operator instead.",
        "a - b of two masks: a ^ b says where they differ; a.int() - b.int() gives numbers.",
        "两个掩码相减：a ^ b 给出它们不同的位置；a.int() - b.int() 给出数。",
    ),
    "bool_negation": ErrorText(
        RuntimeError,
        "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, "
        "use the `~` or `logical_not()` operator instead.",
        "to flip a mask write ~mask; for numbers, convert first: -mask.float().",
        "取反掩码请写 ~mask；要得到数，请先转换：-mask.float()。",
    ),
    "inplace_cast": ErrorText(
        RuntimeError,
        "result type {result} can't be cast to the desired output type {target}",
        "an in-place result keeps the tensor's dtype; convert the tensor first, e.g. x = x.float().",
        "原地操作的结果保持张量原来的数据类型；请先转换张量，例如 x = x.float()。",
    ),
    "inplace_on_expanded": ErrorText(
        RuntimeError,
        "unsupported operation: more than one element of the written-to tensor refers to a single memory "
        "location. Please clone() the tensor before performing the operation.",
        "this tensor was made by expand() and shares memory between elements.",
        "这个张量由 expand() 得到，多个元素共用同一块内存。",
    ),
    "retain_grad_no_grad": ErrorText(
        RuntimeError,
        "can't retain_grad on Tensor that has requires_grad=False",
        "only tensors computed from tensors that require grad have a gradient to keep.",
        "只有由需要梯度的张量计算得到的张量才有梯度可保留。",
    ),
    "hook_no_grad": ErrorText(
        RuntimeError,
        "cannot register a hook on a tensor that doesn't require gradient",
        "a hook sees the gradient that backward() sends to this tensor, and no gradient reaches a tensor that "
        "does not require grad.",
        "钩子看到的是 backward() 传给这个张量的梯度，而不需要梯度的张量不会收到梯度。",
    ),
    "hook_result_type": ErrorText(
        TypeError,
        "expected Variable, but hook returned '{type_name}'",
        "a hook returns a tensor (the new gradient) or None (keep the gradient as it is).",
        "钩子应返回一个张量（新的梯度）或 None（保持梯度不变）。",
    ),
    "post_accumulate_hook_non_leaf": ErrorText(
        RuntimeError,
        "post accumulate grad hooks cannot be registered on non-leaf tensors",
        "this hook runs after backward() adds into a leaf's .grad; a computed tensor has no .grad of its own "
        "(use register_hook to see its gradient).",
        "这个钩子在 backward() 把梯度加进叶子张量的 .grad 之后运行；计算得到的张量没有自己的 .grad（要看它的梯度请用 register_hook）。",
    ),
    "post_accumulate_hook_result": ErrorText(
        RuntimeError,
        "Tensor post accumulate grad hooks should return None.",
        "this hook gets the leaf itself after its .grad is updated; change p.grad in place if you must, and return nothing.",
        "这个钩子拿到的是 .grad 已更新的叶子张量本身；如需修改请原地改 p.grad，并且不要返回任何值。",
    ),
    "hook_changed_size": ErrorText(
        RuntimeError,
        "hook '{name}' has changed the size of value",
        "a hook may change the gradient's values, not its shape.",
        "钩子可以改变梯度的值，但不能改变它的形状。",
    ),
    "inference_version": ErrorText(
        RuntimeError,
        "Inference tensors do not track version counter.",
        "this tensor was made inside torch.inference_mode(), which keeps no record of in-place changes.",
        "这个张量是在 torch.inference_mode() 中创建的，不记录原地修改。",
    ),
    "inference_saved": ErrorText(
        RuntimeError,
        "Inference tensors cannot be saved for backward. Please do not use Tensors created in inference mode "
        "in computation tracked by autograd. To work around this, you can make a clone to get a normal tensor "
        "and use it in autograd, or use `torch.no_grad()` instead of `torch.inference_mode()`.",
        "a tensor made inside torch.inference_mode() cannot take part in a graph; use x.clone() here.",
        "在 torch.inference_mode() 中创建的张量不能参与计算图；请在这里使用 x.clone()。",
    ),
    "inference_inplace": ErrorText(
        RuntimeError,
        "Inplace update to inference tensor outside InferenceMode is not allowed.You can make a clone to get a "
        "normal tensor before doing inplace update.See https://github.com/pytorch/rfcs/pull/17 for more details.",
        "this tensor was made inside torch.inference_mode(); change a x.clone() of it instead.",
        "这个张量是在 torch.inference_mode() 中创建的；请改为修改它的副本 x.clone()。",
    ),
    "inference_requires_grad": ErrorText(
        RuntimeError,
        "Setting requires_grad=True on inference tensor outside InferenceMode is not allowed.",
        "a tensor made inside torch.inference_mode() cannot take part in a graph; use x.clone() here.",
        "在 torch.inference_mode() 中创建的张量不能参与计算图；请在这里使用 x.clone()。",
    ),
    "numpy_requires_grad": ErrorText(
        RuntimeError,
        "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.",
        "a NumPy array cannot carry the graph, so detach() the tensor from it first.",
        "NumPy 数组不能携带计算图，所以请先用 detach() 把张量从图中分离。",
    ),
    "apply_requires_grad": ErrorText(
        RuntimeError,
        "Can't call {name}() on Variable that requires grad. Use var.detach().{name}() instead.",
        "{name} runs your Python function on each number, which the graph cannot follow: change a detached "
        "tensor, or write the function with tensor operations.",
        "{name} 对每个数调用你的 Python 函数，计算图无法跟踪它：请修改分离后的张量，或者用张量运算写这个函数。",
    ),
    "apply_result_not_real": ErrorText(
        TypeError,
        "must be real number, not {type_name}",
        *_ONE_NUMBER_EACH,
    ),
    "apply_result_not_integer": ErrorText(
        TypeError,
        "'{type_name}' object cannot be interpreted as an integer",
        *_ONE_NUMBER_EACH,
    ),
    "apply_arguments_count": ErrorText(
        TypeError,
        "TensorBase.apply_() takes exactly one argument ({given} given)",
        "pass the function alone: x.apply_(f), where f takes one number and returns one.",
        "只传入这个函数：x.apply_(f)，其中 f 接收一个数并返回一个数。",
    ),
    "apply_keywords": ErrorText(
        TypeError,
        "TensorBase.apply_() takes no keyword arguments",
        "pass the function by position: x.apply_(f).",
        "请按位置传入这个函数：x.apply_(f)。",
    ),
    "map_not_tensor": ErrorText(
        TypeError,
        "{name}(): argument '{argument}' (position {position}) must be Tensor, not {type_name}",
        "{name} reads the elements of tensors: wrap the values in torch.tensor(...) first.",
        "{name} 读取的是张量的元素：请先用 torch.tensor(...) 把这些值变成张量。",
    ),
    "map_dtype": ErrorText(
        TypeError,
        "{name}: expected {expected} for {argument} (got {got})",
        "the tensors must have the same dtype: convert the other one first, e.g. other.to(x.dtype).",
        "这些张量的数据类型必须相同：请先转换另一个，例如 other.to(x.dtype)。",
    ),
    "assign_grad_shape": ErrorText(
        RuntimeError,
        "attempting to assign a gradient of size '{grad_shape}' to a tensor of size '{shape}'. Please ensure "
        "that the gradient and the tensor are the same size",
        "a gradient holds one number per element of its tensor.",
        "梯度为张量的每个元素保存一个数。",
    ),
    # -- shapes and broadcasting ------------------------------------------------------------------
    "broadcast_mismatch": ErrorText(
        RuntimeError,
        "The size of tensor a ({size_a}) must match the size of tensor b ({size_b}) at non-singleton "
        "dimension {dim}",
        "two shapes combine only where, counting from the right, their sizes are equal or one of them is 1.",
        "两个形状从右往左对齐时，每一维的大小必须相等，或者其中一个是 1，才能广播。",
    ),
    "broadcast_shapes": ErrorText(
        RuntimeError,
        "The size of tensor a ({size_a}) must match the size of tensor b ({size_b}) at non-singleton "
        "dimension {dim}",
        "shapes {shape_a} and {shape_b} do not combine: counting from the right, their sizes must be equal "
        "or one of them 1.",
        "形状 {shape_a} 和 {shape_b} 不能广播：从右往左对齐时，每一维的大小必须相等，或者其中一个是 1。",
    ),
    "optim_adafactor_setting": ErrorText(
        ValueError,
        "{what}: {value}",
        "Adafactor's defaults (lr=0.01, beta2_decay=-0.8, eps=(None, 0.001), d=1.0) suit most models.",
        "Adafactor 的默认值（lr=0.01、beta2_decay=-0.8、eps=(None, 0.001)、d=1.0）适合大多数模型。",
    ),
    "mps_not_here": ErrorText(
        RuntimeError,
        "Cannot execute {function}() without MPS backend.",
        "there is no Apple GPU here: autograd_lab computes on the CPU (torch.mps.is_available() is False).",
        "这里没有 Apple GPU：autograd_lab 在 CPU 上计算（torch.mps.is_available() 为 False）。",
    ),
    "distributed_sampler_rank": ErrorText(
        ValueError,
        "Invalid rank {rank}, rank should be in the interval [0, {last}]",
        "rank numbers the processes from 0: with num_replicas processes the last is num_replicas - 1.",
        "rank 从 0 开始给进程编号：共有 num_replicas 个进程时，最后一个是 num_replicas - 1。",
    ),
    "distributed_destroy_none": ErrorText(
        AssertionError,
        "Process group cannot be None",
        "autograd_lab trains in one process: there is no process group to destroy.",
        "autograd_lab 在一个进程里训练：没有可以销毁的进程组。",
    ),
    "distributed_not_initialized": ErrorText(
        ValueError,
        "Default process group has not been initialized, please make sure to call init_process_group.",
        "there is one process here: its rank is 0 and the world has one member.",
        "这里只有一个进程：它的 rank 是 0，world 里只有它一个。",
    ),
    "distributed_not_here": ErrorText(
        NotImplementedError,
        "torch.distributed's process groups and RPC are not implemented in autograd_lab",
        "autograd_lab trains in one process; run the lesson's training loop as it is, without the distributed setup.",
        "autograd_lab 只在一个进程里训练；请直接运行课程的训练循环，不必做分布式设置。",
    ),
    "setitem_numpy": ErrorText(
        TypeError,
        "can't assign a numpy.{name} to a {tensor_type}",
        "write a Python number (float(v)) or a tensor (torch.from_numpy(a)) into a tensor's elements.",
        "写入张量元素时请用 Python 数（float(v)）或张量（torch.from_numpy(a)）。",
    ),
    "mv_mismatch": ErrorText(
        RuntimeError,
        "size mismatch, got input ({rows}), mat ({rows}x{columns}), vec ({size})",
        "in A @ v the vector needs one entry per column of A: here A has {columns} columns and v has {size} entries.",
        "在 A @ v 中，向量 v 的元素个数要等于 A 的列数：这里 A 有 {columns} 列，而 v 有 {size} 个元素。",
    ),
    "matmul_mismatch": ErrorText(
        RuntimeError,
        "mat1 and mat2 shapes cannot be multiplied ({a} and {b})",
        "in A @ B the number of columns of A must equal the number of rows of B.",
        "在 A @ B 中，A 的列数必须等于 B 的行数。",
    ),
    "dot_mismatch": ErrorText(
        RuntimeError,
        "inconsistent tensor size, expected tensor [{size_a}] and src [{size_b}] to have the same number of "
        "elements, but got {size_a} and {size_b} elements respectively",
        "a dot product pairs the elements of two vectors, so they need the same length.",
        "点积把两个向量的元素一一配对，所以它们的长度必须相同。",
    ),
    "matmul_0d": ErrorText(
        RuntimeError,
        "both arguments to matmul need to be at least 1D, but they are {da}D and {db}D",
        "for a product with a number, use *.",
        "与一个数相乘请用 *。",
    ),
    "nn_linear_0d": ErrorText(
        RuntimeError,
        "both arguments to linear need to be at least 1D, but they are {da}D and {db}D",
        "a Linear layer takes a vector of in_features numbers (or a batch of them): for one number x, pass "
        "torch.tensor([x]).",
        "Linear 层接收长度为 in_features 的向量（或一批向量）：一个数 x 请写成 torch.tensor([x])。",
    ),
    "mm_not_matrix": ErrorText(
        RuntimeError,
        "{which} must be a matrix",
        "mm multiplies two 2-D tensors; this one is {ndim}-D, use matmul or @ instead.",
        "mm 只能相乘两个二维张量；这个张量是 {ndim} 维的，请改用 matmul 或 @。",
    ),
    "mm_dtype": ErrorText(
        RuntimeError,
        "expected m1 and m2 to have the same dtype, but got: {a} != {b}",
        "a matrix product needs both matrices of one dtype; convert one, e.g. b = b.float().",
        "矩阵乘法要求两个矩阵的数据类型相同；请转换其中一个，例如 b = b.float()。",
    ),
    "mv_dtype": ErrorText(
        RuntimeError,
        "addmv input tensors must have the same dtype, but got {b}, {a}, and {b}",
        "a matrix-vector product needs both of one dtype; convert one, e.g. v = v.float().",
        "矩阵与向量相乘要求两者的数据类型相同；请转换其中一个，例如 v = v.float()。",
    ),
    "mv_shapes": ErrorText(
        RuntimeError,
        "vector + matrix @ vector expected, got 1, {da}, {db}",
        "mv multiplies a 2-D matrix by a 1-D vector; use matmul or @ for other shapes.",
        "mv 用一个二维矩阵乘以一个一维向量；其他形状请用 matmul 或 @。",
    ),
    "bmm_dtype": ErrorText(
        RuntimeError,
        "expected scalar type {a} but found {b}",
        "a batched matrix product needs both batches of one dtype; convert one, e.g. b = b.float().",
        "批量矩阵乘法要求两批矩阵的数据类型相同；请转换其中一个，例如 b = b.float()。",
    ),
    "dot_not_1d": ErrorText(
        RuntimeError,
        "1D tensors expected, but got {da}D and {db}D tensors",
        "dot takes two vectors; for matrices use @ (or torch.matmul).",
        "dot 接受两个向量；矩阵请用 @（或 torch.matmul）。",
    ),
    "dot_dtype": ErrorText(
        RuntimeError,
        "dot : expected both vectors to have same dtype, but found {a} and {b}",
        "a dot product needs both vectors of one dtype; convert one, e.g. v = v.float().",
        "点积要求两个向量的数据类型相同；请转换其中一个，例如 v = v.float()。",
    ),
    "bmm_not_3d": ErrorText(
        RuntimeError,
        "{which} must be a 3D tensor",
        "bmm multiplies batches of matrices; these are {da}-D and {db}-D, use matmul or @ instead.",
        "bmm 相乘的是成批的矩阵；这两个张量分别是 {da} 维和 {db} 维的，请改用 matmul 或 @。",
    ),
    "hook_changed_type": ErrorText(
        RuntimeError,
        "hook '{name}' has changed the type of value (was {was} got {got})",
        "a hook may change a gradient's values, not its dtype: return grad * 2, or grad.to(grad.dtype).",
        "钩子可以改变梯度的值，但不能改变它的数据类型：返回 grad * 2，或 grad.to(grad.dtype)。",
    ),
    "grads_count": ErrorText(
        RuntimeError,
        "got {tensors} tensors and {grads} gradients",
        "give one gradient (or None) for each output, in the same order.",
        "请为每个输出按同样的顺序各给一个梯度（或 None）。",
    ),
    "grad_not_tensor": ErrorText(
        TypeError,
        "gradients can be either Tensors or None, but got {type_name}",
        "the gradient of each output is a tensor of its shape: torch.tensor([1.0, 1.0]), not a list.",
        "每个输出的梯度是与它形状相同的张量：写 torch.tensor([1.0, 1.0])，而不是列表。",
    ),
    "backward_inputs_empty": ErrorText(
        RuntimeError,
        "`inputs` argument to `backward()` cannot be empty.",
        "inputs= names the tensors whose .grad to fill; leave it out to fill every leaf's.",
        "inputs= 指定要填写 .grad 的张量；不写它就填写所有叶子张量的。",
    ),
    "grad_input_type": ErrorText(
        RuntimeError,
        "all inputs have to be Tensors or GradientEdges, but got {type_name}",
        "autograd.grad differentiates with respect to tensors that require grad: list those tensors.",
        "autograd.grad 对需要梯度的张量求导：请列出这些张量。",
    ),
    "grad_enabled_not_bool": ErrorText(
        TypeError,
        "set_grad_enabled(): argument 'enabled' (position 1) must be bool, not {type_name}",
        "write True (record graphs) or False (do not); any other value would only look like one of them.",
        "请写 True（记录计算图）或 False（不记录）；其他值只是看起来像其中之一。",
    ),
    "invert_float": ErrorText(
        TypeError,
        "~ (operator.invert) is only implemented on integer and Boolean-type tensors",
        "~ flips bits (or negates a mask); for 1 - p of probabilities write 1 - x, for a mask x > 0.5 first.",
        "~ 翻转的是二进制位（或取反一个掩码）；概率的 1 - p 请写 1 - x，要掩码请先写 x > 0.5。",
    ),
    "from_numpy_not_array": ErrorText(
        TypeError,
        "expected np.ndarray (got {type_name})",
        "from_numpy shares a NumPy array's memory; for a list or a number, write torch.tensor(data).",
        "from_numpy 与 NumPy 数组共享内存；列表或单个数请用 torch.tensor(data)。",
    ),
    "numpy_negative_strides": ErrorText(
        ValueError,
        "At least one stride in the given numpy array is negative, and tensors with negative strides are not "
        "currently supported. (You can probably work around this by making a copy of your array  with "
        "array.copy().) ",
        "a reversed view (a[::-1], np.flip) runs backwards in memory, which a tensor cannot: pass "
        "a.copy(), or reverse the tensor with torch.flip.",
        "倒序视图（a[::-1]、np.flip）在内存里是倒着走的，张量做不到：请传入 a.copy()，或用 torch.flip 翻转张量。",
    ),
    "numpy_byte_order": ErrorText(
        ValueError,
        "given numpy array has byte order different from the native byte order. Conversion between byte "
        "orders is currently not supported.",
        "the array was read in the other byte order (a file's '>f8'): convert it first, "
        "a.astype(a.dtype.newbyteorder('='))).",
        "这个数组是另一种字节序（文件里的 '>f8'）：请先转换，a.astype(a.dtype.newbyteorder('='))。",
    ),
    "setitem_sequence": ErrorText(
        TypeError,
        "can't assign a {kind} to a {tensor_type}",
        "x[...] = value takes a number or a tensor: write x[...] = torch.tensor(values).",
        "x[...] = value 接受一个数或一个张量：请写 x[...] = torch.tensor(values)。",
    ),
    "data_no_dtype": ErrorText(
        RuntimeError,
        "Could not infer dtype of {type_name}",
        "a tensor holds numbers: this value is none (a None often comes from a function that returned "
        "nothing; a set or a dict has no order to lay out).",
        "张量只存放数：这个值不是数（None 常来自一个什么也没返回的函数；集合和字典没有可排列的顺序）。",
    ),
    "data_strings": ErrorText(
        ValueError,
        "too many dimensions '{type_name}'",
        "strings are not numbers: convert them first, e.g. [float(s) for s in strings] (or encode the "
        "categories as integers).",
        "字符串不是数：请先转换，例如 [float(s) for s in strings]（或把类别编码成整数）。",
    ),
    "data_int_overflow": ErrorText(
        ValueError,
        "Overflow when unpacking long long",
        "an integer tensor holds int64 numbers, from -2**63 to 2**63 - 1: this one is bigger; make it a "
        "float (2.0**64) if an approximate value will do.",
        "整数张量存放 int64 的数，范围是 -2**63 到 2**63 - 1：这个数太大了；如果近似值就够，请写成浮点数（2.0**64）。",
    ),
    "data_value_overflow": ErrorText(
        RuntimeError,
        "value cannot be converted to type {dtype} without overflow",
        "a number lies outside what the dtype holds (uint8 holds 0 to 255), or is NaN or infinite, which "
        "no integer dtype holds: choose a wider dtype, or clip the numbers first.",
        "有个数超出了这种数据类型能存的范围（例如 uint8 只能存 0 到 255），或者是 NaN、无穷大（整数类型都存不了）："
        "请选更宽的类型，或先把数截断到范围内。",
    ),
    "legacy_data_not_sequence": ErrorText(
        TypeError,
        "new(): data must be a sequence (got {type_name})",
        "torch.Tensor(n) takes whole numbers as a shape and a list as values: for a tensor holding one "
        "number, write torch.tensor(2.5).",
        "torch.Tensor(n) 把整数当作形状、把列表当作数值：要得到只含一个数的张量，请写 torch.tensor(2.5)。",
    ),
    "expand_negative_size": ErrorText(
        RuntimeError,
        "numel: integer multiplication overflow",
        "expand takes each new size as a number (or -1 to keep a size): a negative size other than -1 has no "
        "meaning.",
        "expand 的每个新尺寸都是一个数（或用 -1 保留原尺寸）：-1 以外的负数没有意义。",
    ),
    "expand_leading_minus_one": ErrorText(
        RuntimeError,
        "The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension {dim}",
        "-1 keeps a dimension's size, and a new leading dimension has none: give its size as a number.",
        "-1 表示保留某一维原来的大小，而新加在前面的维度没有原来的大小：请把它的大小写成具体的数。",
    ),
    "shape_infer_twice": ErrorText(
        RuntimeError,
        "only one dimension can be inferred",
        '-1 means "the size that fits", and only one size can be left to fit: give the others as numbers.',
        "-1 表示“能放下的那个大小”，而只能有一个大小留给它推断：其余的请写成具体的数。",
    ),
    "shape_dimension_negative": ErrorText(
        RuntimeError,
        "invalid shape dimension {n} at index {index} of shape {shape}",
        "sizes are 0 or more; only -1 has a meaning among negative numbers (the size that fits).",
        "大小必须是 0 或正数；负数里只有 -1 有意义（能放下的那个大小）。",
    ),
    "shape_infer_ambiguous": ErrorText(
        RuntimeError,
        "cannot reshape tensor of 0 elements into shape {shape} because the unspecified dimension size -1 can "
        "be any value and is ambiguous",
        "with no elements, any size fits the -1: give that size as a number.",
        "没有元素时，-1 取什么大小都行：请把那个大小写成具体的数。",
    ),
    "invalid_shape": ErrorText(
        RuntimeError,
        "shape '{shape}' is invalid for input of size {numel}",
        "a reshape keeps every element, so the new sizes must multiply to the same count.",
        "reshape 会保留所有元素，所以新形状各维大小的乘积必须等于元素个数。",
    ),
    "view_not_contiguous": ErrorText(
        RuntimeError,
        "view size is not compatible with input tensor's size and stride (at least one dimension spans "
        "across two contiguous subspaces). Use .reshape(...) instead.",
        "view() never copies, and this tensor's elements are not laid out in the order the new shape needs.",
        "view() 从不复制数据，而这个张量的元素在内存中的排列顺序不符合新形状的要求。",
    ),
    "expand_mismatch": ErrorText(
        RuntimeError,
        "The expanded size of the tensor ({target}) must match the existing size ({size}) at non-singleton "
        "dimension {dim}.  Target sizes: {target_shape}.  Tensor sizes: {shape}",
        "only dimensions of size 1 can be stretched.",
        "只有大小为 1 的维度才能被扩展。",
    ),
    "t_too_many_dims": ErrorText(
        RuntimeError,
        "t() expects a tensor with <= 2 dimensions, but self is {ndim}D",
        "for more dimensions, say which two to swap with transpose(dim0, dim1).",
        "维度更多时，请用 transpose(dim0, dim1) 指明要交换的两个维度。",
    ),
    "permute_mismatch": ErrorText(
        RuntimeError,
        "permute(sparse_coo): number of dimensions in the tensor input does not match the length of the "
        "desired ordering of dimensions i.e. input.dim() = {ndim} is not equal to len(dims) = {given}",
        "permute needs one entry for every dimension of the tensor.",
        "permute 需要为张量的每个维度给出一个位置。",
    ),
    "cat_empty": ErrorText(
        ValueError,
        "torch.cat(): expected a non-empty list of Tensors",
        "give cat at least one tensor to join.",
        "请至少给 cat 一个要拼接的张量。",
    ),
    "join_not_tensor": ErrorText(
        TypeError,
        "expected Tensor as element {index} in argument 0, but got {type_name}",
        "{name} joins tensors only: make element {index} a tensor with torch.tensor(...) (a None there often "
        "comes from a function, or a Dataset's __getitem__, that returned nothing).",
        "{name} 只拼接张量：请用 torch.tensor(...) 把第 {index} 个元素变成张量（那里的 None 常常来自一个"
        "什么也没返回的函数或 Dataset 的 __getitem__）。",
    ),
    "empty_reduction_dim": ErrorText(
        IndexError,
        "{op}(): Expected reduction dim {dim} to have non-zero size.",
        "this dimension has no elements, so it has no largest or smallest one.",
        "这个维度上没有元素，所以没有最大或最小的元素。",
    ),
    "assign_grad_type": ErrorText(
        TypeError,
        "assigned grad expected to be a Tensor or None but got grad of type {type_name}",
        "assign a tensor, e.g. x.grad = torch.zeros_like(x), or None.",
        "请赋值一个张量，例如 x.grad = torch.zeros_like(x)，或者 None。",
    ),
    "cuda_tensor_type": ErrorText(
        TypeError,
        "type torch.cuda.{name} not available. Torch not compiled with CUDA enabled.",
        "there is no GPU here: make the tensor on the CPU, torch.{name}(...) or torch.zeros(..., device=device) "
        "with device = torch.device('cuda' if torch.cuda.is_available() else 'cpu').",
        "这里没有 GPU：请在 CPU 上创建张量，写 torch.{name}(...)，或者写 torch.zeros(..., device=device)，"
        "其中 device = torch.device('cuda' if torch.cuda.is_available() else 'cpu')。",
    ),
    "cuda_type_conversion": ErrorText(
        RuntimeError,
        "Cannot initialize CUDA without ATen_cuda library.",
        "there is no GPU here: keep the tensor on the CPU, e.g. x.type(torch.FloatTensor) or x.float().",
        "这里没有 GPU：请把张量留在 CPU 上，例如 x.type(torch.FloatTensor) 或 x.float()。",
    ),
    "invalid_tensor_type": ErrorText(
        ValueError,
        "invalid type: '{name}'",
        "name a type PyTorch knows, e.g. x.type(torch.FloatTensor) or x.type(torch.float64).",
        "请写一个 PyTorch 认识的类型，例如 x.type(torch.FloatTensor) 或 x.type(torch.float64)。",
    ),
    "detach_view_inplace": ErrorText(
        RuntimeError,
        "Can't detach views in-place. Use detach() instead. If you are using DistributedDataParallel (DDP) for "
        "training, and gradient_as_bucket_view is set as True, gradients are views of DDP buckets, and hence "
        "detach_() cannot be called on these gradients. To fix this error, please refer to the "
        "Optimizer.zero_grad() function in torch/optim/optimizer.py as the solution.",
        "a view shares its base's history, so it cannot leave the graph alone: use v = v.detach().",
        "视图与它的基础张量共享历史，不能单独脱离计算图：请用 v = v.detach()。",
    ),
    "missing_extra": ErrorText(
        ModuleNotFoundError,
        "No module named '{module}'",
        'it comes with autograd_lab\'s {extra} extra: pip install "autograd_lab[{extra}]".',
        '它包含在 autograd_lab 的 {extra} 附加组件中：pip install "autograd_lab[{extra}]"。',
    ),
    "load_weights_only": ErrorText(
        RuntimeError,
        "Weights only load failed. This file can still be loaded, to do so you have two options, \x1b[1mdo those "
        "steps only if you trust the source of the checkpoint\x1b[0m. \n\t(1) In PyTorch 2.6, we changed the "
        "default value of the `weights_only` argument in `torch.load` from `False` to `True`. Re-running "
        "`torch.load` with `weights_only` set to `False` will likely succeed, but it can result in arbitrary code "
        "execution. Do it only if you got the file from a trusted source.\n\t(2) Alternatively, to load with "
        "`weights_only=True` please check the recommended steps in the following error message.\n\t"
        "WeightsUnpickler error: Unsupported global: GLOBAL {what} was not an allowed global by default. Please "
        "use `torch.serialization.add_safe_globals([{what}])` or the `torch.serialization.safe_globals([{what}])` "
        "context manager to allowlist this global if you trust this class/function.\n\nCheck the documentation "
        "of torch.load to learn more about types accepted by default with weights_only "
        "https://pytorch.org/docs/stable/generated/torch.load.html.",
        "if you trust the file (you saved it yourself), load it with torch.load(f, weights_only=False).",
        "如果你信任这个文件（比如是你自己保存的），请用 torch.load(f, weights_only=False) 加载。",
    ),
    "complex_unsupported": ErrorText(
        TypeError,
        "autograd_lab has no complex numbers, so this operation cannot give its complex result.",
        "PyTorch supports complex tensors, this teaching library only real ones: use real numbers here.",
        "PyTorch 支持复数张量，而这个教学库只支持实数：请在这里使用实数。",
    ),
    "data_shape_unknown": ErrorText(
        ValueError,
        "could not determine the shape of object type '{type_name}'",
        "torch.tensor reads a sequence as data[0], data[1] ...: give it the values, e.g. a pandas Series or "
        "DataFrame as df.to_numpy() (or series.values).",
        "torch.tensor 按 data[0]、data[1] …… 读取序列：请直接给它数值，例如 pandas 的 Series 或 DataFrame 用 "
        "df.to_numpy()（或 series.values）。",
    ),
    "jit_needs_script_module": ErrorText(
        RuntimeError,
        "{function} expects a ScriptModule as input. Please use torch.jit.script or torch.jit.trace to script "
        "your 'nn.Module'.",
        "give it torch.jit.script(model) (here the model itself runs, as it is).",
        "请传入 torch.jit.script(model)（这里运行的就是模型本身）。",
    ),
    "jit_freeze_eval": ErrorText(
        RuntimeError,
        "Freezing is currently only implemented for modules in eval mode. Please call .eval() on your module "
        "before freezing.",
        "call model.eval() before torch.jit.freeze.",
        "在 torch.jit.freeze 之前调用 model.eval()。",
    ),
    "benchmark_see_blocked_autorange": ErrorText(
        NotImplementedError,
        "See `Timer.blocked_autorange.`",
        "timer.blocked_autorange() (or timeit(number)) measures the statement.",
        "请用 timer.blocked_autorange()（或 timeit(number)）来计时。",
    ),
    "profiler_negative_step": ErrorText(
        AssertionError,
        "Step must be non-negative. Got {step}.",
        "a schedule counts steps from 0, as prof.step() does.",
        "调度从 0 开始计步，和 prof.step() 一样。",
    ),
    "profiler_schedule_arguments": ErrorText(
        AssertionError,
        "Invalid profiler schedule arguments. Got wait={wait} (need >= 0), warmup={warmup} (need >= 0), "
        "active={active} (need > 0), repeat={repeat} (need >= 0), skip_first={skip_first} (need >= 0).",
        "give at least one active step, and no negative counts.",
        "至少要有一个 active 步骤，且各个计数不能为负。",
    ),
    "torch_ops_namespace": ErrorText(
        AttributeError,
        "autograd_lab has no torch.ops.{name}: its operations are not registered as PyTorch's ATen operators.",
        "call an operation by its public name (torch.add, x.detach()); tensor subclasses with "
        "__torch_dispatch__ need PyTorch itself (__torch_function__ works here).",
        "请用公开的名字调用运算（torch.add、x.detach()）；带 __torch_dispatch__ 的张量子类需要 PyTorch 本身"
        "（这里支持 __torch_function__）。",
    ),
    "sparse_unsupported": ErrorText(
        TypeError,
        "autograd_lab has no sparse tensors, so {name} cannot make one.",
        "keep the matrix dense: a dense adjacency matrix and torch.mm (or torch.spmm, which takes dense ones) "
        "give the same numbers.",
        "请使用稠密矩阵：稠密的邻接矩阵配合 torch.mm（或接受稠密矩阵的 torch.spmm）得到的结果相同。",
    ),
    "contains_type": ErrorText(
        RuntimeError,
        "Tensor.__contains__ only supports Tensor or scalar, but you passed in a {type_repr}.",
        "`in` asks whether a number (or a tensor, compared elementwise) is among the tensor's values: "
        "for a list, turn it into a tensor first.",
        "`in` 判断一个数（或逐元素比较的张量）是否在张量的值里：如果是列表，请先把它变成张量。",
    ),
    "index_type": ErrorText(
        IndexError,
        "only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices "
        "(got {type_name})",
        "a position is a whole number: x[1], not x[1.0] (int(i) makes one of a float, i // 2 halves exactly).",
        "位置是整数：写 x[1]，而不是 x[1.0]（int(i) 把浮点数变成整数，i // 2 做整除）。",
    ),
    "integer_negative_power": ErrorText(
        RuntimeError,
        "Integers to negative integer powers are not allowed.",
        "an integer tensor's powers stay integers, and 2 ** -1 is not one: make the tensor float first "
        "(x.float() ** -1).",
        "整数张量的幂仍是整数，而 2 ** -1 不是整数：请先把张量转成浮点数（x.float() ** -1）。",
    ),
    "complex_data": ErrorText(
        TypeError,
        "autograd_lab has no complex tensors, so it cannot make a tensor of complex numbers ({type_name}).",
        "PyTorch supports complex tensors, this teaching library only real ones: keep the real and the "
        "imaginary parts as two real tensors.",
        "PyTorch 支持复数张量，而这个教学库只支持实数：请把实部和虚部分别存成两个实数张量。",
    ),
    "attribute_not_writable": ErrorText(
        AttributeError,
        "attribute '{name}' of 'torch._C.TensorBase' objects is not writable",
        "a tensor's {name} follows from its data: make a new tensor instead (x.reshape(...) for another shape, "
        "x.to(dtype) for another dtype, x.detach() to leave the graph).",
        "张量的 {name} 由它的数据决定：请创建一个新张量（换形状用 x.reshape(...)，换数据类型用 x.to(dtype)，"
        "离开计算图用 x.detach()）。",
    ),
    "imag_of_real": ErrorText(
        RuntimeError,
        "imag is not implemented for tensors with non-complex dtypes.",
        "a real number's imaginary part is 0, and autograd_lab's tensors are all real: use torch.zeros_like(x).",
        "实数的虚部是 0，而 autograd_lab 的张量都是实数：请用 torch.zeros_like(x)。",
    ),
    "anomaly_nan": ErrorText(
        RuntimeError,
        "Function '{name}' returned nan values in its {index}th output.",
        "this node's backward step made a NaN gradient for its input number {index} (counted from 0); the "
        "warning above shows the forward line that made the node (0/0, log(0)·0, sqrt at 0 ...).",
        "这个节点的反向计算给第 {index} 个输入（从 0 数起）产生了 NaN 梯度；上面的警告指出了生成这个节点的前向代码"
        "（0/0、log(0)·0、在 0 处开平方等）。",
    ),
    "activation_not_floating": ErrorText(
        NotImplementedError,
        "\"{kernel}\" not implemented for '{dtype_name}'",
        "this activation works on real numbers: convert first, e.g. x.float().",
        "这个激活函数作用于实数：请先转换，例如 x.float()。",
    ),
    "assert_close_tolerances": ErrorText(
        ValueError,
        "Both 'rtol' and 'atol' must be either specified or omitted, but got no {missing}.",
        "give both tolerances, e.g. rtol=1e-4, atol=1e-6, or neither (then the dtype's defaults are used).",
        "请同时给出两个容差，例如 rtol=1e-4, atol=1e-6，或者都不给（此时使用该 dtype 的默认值）。",
    ),
    "assert_close_types": ErrorText(
        TypeError,
        "No comparison pair was able to handle inputs of type {actual} and {expected}.",
        "compare a tensor with a tensor (torch.tensor(x) turns numbers or a NumPy array into one), or numbers "
        "with numbers.",
        "请让张量与张量比较（torch.tensor(x) 可把数或 NumPy 数组变成张量），或数与数比较。",
    ),
    "glu_scalar": ErrorText(
        RuntimeError,
        "glu does not support scalars because halving size must be even",
        "glu splits a dimension into halves (values and gates): give it a tensor with an even dimension.",
        "glu 把一个维度分成两半（值与门）：请给它一个某维长度为偶数的张量。",
    ),
    "glu_odd": ErrorText(
        RuntimeError,
        "Halving dimension must be even, but dimension {dim} is size {size}",
        "glu splits this dimension into two equal halves (values and gates), so its size must be even.",
        "glu 把这一维分成相等的两半（值与门），所以它的长度必须是偶数。",
    ),
    "softshrink_lambda": ErrorText(
        RuntimeError,
        "lambda must be in range [0, {largest}] for input dtype {dtype_name}, but found {lambd}",
        "lambd is the half-width of the band around 0 that becomes 0: a number of 0 or more.",
        "lambd 是 0 附近被置零区间的半宽：一个不小于 0 的数。",
    ),
    "pad_sequence_empty": ErrorText(
        RuntimeError,
        "received an empty list of sequences",
        "pass a list of tensors (one per sequence, the length first).",
        "请传入一个张量列表（每个序列一个，长度在第一维）。",
    ),
    "pad_sequence_side": ErrorText(
        RuntimeError,
        "Expected padding_side to be one of left or right, but got {side}.",
        "padding goes after each sequence ('right') or before it ('left').",
        "填充放在每个序列之后（'right'）或之前（'left'）。",
    ),
    "grad_materialize_unused": ErrorText(
        ValueError,
        "Expected allow_unused to be True or not passed when materialize_grads=True, but got: allow_unused=False.",
        "materialize_grads gives zeros for inputs the outputs do not use, so those inputs must be allowed.",
        "materialize_grads 会给输出没用到的输入返回零，所以必须允许这样的输入。",
    ),
    "grad_no_inputs": ErrorText(
        RuntimeError,
        "`inputs` argument to `grad()` cannot be empty.",
        "say which tensors to differentiate with respect to, e.g. torch.autograd.grad(y, [x]).",
        "请指明要对哪些张量求导，例如 torch.autograd.grad(y, [x])。",
    ),
    "cat_mismatch": ErrorText(
        RuntimeError,
        "Sizes of tensors must match except in dimension {dim}. Expected size {expected} but got size {got} "
        "for tensor number {index} in the list.",
        "tensors are joined along one dimension, so all the others must agree.",
        "张量沿着一个维度拼接，所以其他各维的大小必须一致。",
    ),
    "stack_mismatch": ErrorText(
        RuntimeError,
        "stack expects each tensor to be equal size, but got {shape_a} at entry 0 and {shape_b} at entry "
        "{index}",
        "stack puts tensors side by side along a new dimension, so they must have the same shape.",
        "stack 沿着一个新维度把张量并排放在一起，所以它们的形状必须相同。",
    ),
    "dim_out_of_range": ErrorText(
        IndexError,
        "Dimension out of range (expected to be in range of [{low}, {high}], but got {dim})",
        "this tensor has {ndim} dimension{plural}, numbered from 0 (or from -1 counting from the end).",
        "这个张量有 {ndim} 个维度，编号从 0 开始（从末尾数则从 -1 开始）。",
    ),
    # -- indexing ----------------------------------------------------------------------------------
    "index_out_of_bounds": ErrorText(
        IndexError,
        "index {index} is out of bounds for dimension {dim} with size {size}",
        "valid indices along this dimension go from {low} to {high}.",
        "这个维度上合法的索引是从 {low} 到 {high}。",
    ),
    "too_many_indices": ErrorText(
        IndexError,
        "too many indices for tensor of dimension {ndim}",
        "give at most one index per dimension.",
        "每个维度最多给一个索引。",
    ),
    "index_0d": ErrorText(
        IndexError,
        "invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to "
        "convert a 0-dim tensor to a number",
        "a 0-d tensor holds one number and has no positions.",
        "零维张量只有一个数，没有位置可以索引。",
    ),
    "slice_step": ErrorText(
        ValueError,
        "step must be greater than zero",
        "to reverse a tensor use torch.flip.",
        "要把张量倒过来，请用 torch.flip。",
    ),
    "index_select_index_dtype": ErrorText(
        RuntimeError,
        "index_select(): Expected dtype int32 or int64 for index",
        "the index holds positions: whole numbers, e.g. torch.tensor([0, 2]) (a mask goes in x[mask]).",
        "索引里是位置：请用整数，例如 torch.tensor([0, 2])（掩码请用 x[mask]）。",
    ),
    "index_select_index_vector": ErrorText(
        IndexError,
        "index_select(): Index is supposed to be a vector",
        "give the positions as one row, e.g. torch.tensor([0, 2]); flatten a table of them with .flatten().",
        "请把位置写成一行，例如 torch.tensor([0, 2])；多维的位置表可以先 .flatten()。",
    ),
    "index_dtype": ErrorText(
        IndexError,
        "tensors used as indices must be long, int, byte or bool tensors",
        "index with whole numbers, e.g. torch.tensor([0, 2]).",
        "请用整数做索引，例如 torch.tensor([0, 2])。",
    ),
    "split_sizes": ErrorText(
        RuntimeError,
        "split_with_sizes expects split_sizes to sum exactly to {length} (input tensor's size at dimension "
        "{dim}), but got split_sizes={sizes}",
        "the pieces' sizes must add up to the size of the dimension being split.",
        "各块的大小加起来必须等于被切分维度的大小。",
    ),
    "mask_shape_mismatch": ErrorText(
        IndexError,
        "The shape of the mask {mask_shape} at index {index} does not match the shape of the indexed tensor "
        "{shape} at index {index}",
        "a boolean mask needs one True/False per element of the dimensions it indexes.",
        "布尔掩码在它所索引的维度上，每个元素都需要一个 True/False。",
    ),
    # -- values and conversions ----------------------------------------------------------------------
    "number_not_one_element": ErrorText(
        ValueError,
        "only one element tensors can be converted to Python scalars",
        "float(x) and int(x) make one Python number, so x must hold exactly one element; pick one "
        "with indexing (x[0]), or use x.tolist() for all of them.",
        "float(x) 和 int(x) 只生成一个 Python 数，所以 x 必须正好只有一个元素；请用索引取出一个（x[0]），"
        "或者用 x.tolist() 取出全部。",
    ),
    "item_not_scalar": ErrorText(
        RuntimeError,
        "a Tensor with {numel} elements cannot be converted to Scalar",
        "item() returns one Python number, so the tensor must hold exactly one element; pick one with "
        "indexing, or use .tolist().",
        "item() 返回一个 Python 数，所以张量必须正好只有一个元素；请用索引取出一个元素，或者使用 .tolist()。",
    ),
    "bool_ambiguous": ErrorText(
        RuntimeError,
        "Boolean value of Tensor with more than one value is ambiguous",
        "use .any() or .all(), or compare one element.",
        "请使用 .any() 或 .all()，或者只比较一个元素。",
    ),
    "addr_not_1d": ErrorText(
        RuntimeError,
        "addr: Expected 1-D argument {which}, but got {ndim}-D",
        "addr makes the outer product of two vectors; flatten first, e.g. v.flatten() or v.view(-1).",
        "addr 计算两个向量的外积；请先展平，例如 v.flatten() 或 v.view(-1)。",
    ),
    "addr_integral_factor": ErrorText(
        RuntimeError,
        "For integral input tensors, argument {which} must not be a floating point number.",
        "integer tensors stay integers; give a whole number, or convert the tensors first, e.g. x.float().",
        "整数张量的结果仍是整数；请给一个整数，或者先把张量转换成浮点数，例如 x.float()。",
    ),
    "renorm_dims": ErrorText(
        RuntimeError,
        "renorm: input needs at least 2 dimensions, got {ndim} dimensions",
        "renorm limits the norm of each slice along dim, so there must be a dimension to slice and one left in "
        "each slice; for one vector, scale it yourself: v * min(1, maxnorm / v.norm()).",
        "renorm 限制沿 dim 的每个切片的范数，所以至少要有两个维度；单个向量请自己缩放：v * min(1, maxnorm / v.norm())。",
    ),
    "renorm_norm": ErrorText(
        RuntimeError,
        "renorm: non-positive-norm not supported",
        "p names the norm (2 for the Euclidean one, 1, inf ...): give a positive number.",
        "p 指定范数（2 是欧几里得范数，还有 1、inf 等）：请给一个正数。",
    ),
    "renorm_maxnorm": ErrorText(
        RuntimeError,
        "renorm: expected maxnorm to be >= 0 but got {maxnorm}",
        "maxnorm is the largest norm a slice may keep, so it cannot be negative.",
        "maxnorm 是切片允许的最大范数，不能是负数。",
    ),
    "scatter_reduce_kind": ErrorText(
        RuntimeError,
        "reduce argument must be either sum, prod, mean, amax or amin, got {reduce}",
        'name the reduction as one of those words, e.g. reduce="sum" ("add" and "multiply" are scatter_\'s '
        "older names).",
        '请用这几个词之一指定归约方式，例如 reduce="sum"（"add" 和 "multiply" 是 scatter_ 的旧名字）。',
    ),
    "scatter_reduce_backward_kind": ErrorText(
        RuntimeError,
        "Expected 'reduce' to be one of 'sum', 'prod', 'mean', 'amax', 'amin' but got {reduce}.",
        'write reduce="a{reduce}": the gradient knows that name only.',
        '请写 reduce="a{reduce}"：求梯度时只认这个名字。',
    ),
    "scatter_old_reduce_kind": ErrorText(
        RuntimeError,
        "reduce argument must be either add or multiply.",
        'scatter\'s reduce= takes "add" or "multiply"; for "sum", "mean", "amax" ... use scatter_reduce.',
        'scatter 的 reduce= 只接受 "add" 或 "multiply"；要用 "sum"、"mean"、"amax" 等请改用 scatter_reduce。',
    ),
    "deepcopy_non_leaf": ErrorText(
        RuntimeError,
        "Only Tensors created explicitly by the user (graph leaves) support the deepcopy protocol at the moment.  "
        "If you were attempting to deepcopy a module, this may be because of a torch.nn.utils.weight_norm usage, "
        "see https://github.com/pytorch/pytorch/pull/103001",
        "copy a computed tensor's values with .detach().clone(); a module holding one (after pruning or "
        "weight_norm) is copied once that is removed.",
        "要复制计算得到的张量，请用 .detach().clone()；模块里若有这样的张量（剪枝或 weight_norm 之后），先移除它再复制。",
    ),
    "backward_in_transform": ErrorText(
        RuntimeError,
        "backward() called inside a functorch transform. This is not supported, please use functorch.grad or "
        "functorch.vjp instead or call backward() outside of functorch transforms.",
        "inside torch.func.grad (or vmap, vjp ...) return the loss instead: the transform computes its gradient.",
        "在 torch.func.grad（或 vmap、vjp 等）里面请直接返回损失：梯度由变换来计算。",
    ),
    "undefined_tensor_negated": ErrorText(
        RuntimeError,
        "Expected a proper Tensor but got None (or an undefined Tensor in C++) for argument #0 'self'",
        "torch.dist with p=0 counts the differing elements: that count has no gradient, so leave it out of the loss.",
        "p=0 的 torch.dist 是在数不同元素的个数：这个计数没有梯度，请不要把它放进损失里。",
    ),
    "derivative_not_implemented": ErrorText(
        RuntimeError,
        "derivative for aten::{name} is not implemented",
        "this operation has no gradient in PyTorch either: compute it on .detach()ed tensors if its result "
        "should count as a constant.",
        "这个运算在 PyTorch 中也没有梯度：如果它的结果应当作常数，请对 .detach() 后的张量计算。",
    ),
    "scatter_old_reduce_derivative": ErrorText(
        RuntimeError,
        "derivative for {name} is not implemented",
        'PyTorch has no gradient for scatter with reduce=; use scatter_reduce(dim, index, src, "sum") (or '
        '"prod"), which has one.',
        'PyTorch 没有带 reduce= 的 scatter 的梯度；请改用有梯度的 scatter_reduce(dim, index, src, "sum")（或 "prod"）。',
    ),
    "index_reduce_kind": ErrorText(
        RuntimeError,
        "index_reduce(): Expected reduce to be one of prod, mean, amax or amin but got {reduce}.",
        'for sums use index_add; index_reduce takes reduce="prod", "mean", "amax" or "amin".',
        '求和请用 index_add；index_reduce 的 reduce 只能是 "prod"、"mean"、"amax" 或 "amin"。',
    ),
    "index_reduce_count": ErrorText(
        RuntimeError,
        "index_reduce_(): Number of indices ({indices}) should be equal to source.size(dim): ({size}), for dim: {dim}",
        "index names, for each slice of source along dim, the slice of input it goes to: one entry per slice.",
        "index 为 source 沿 dim 的每个切片指定它写入 input 的哪个切片：每个切片一个数。",
    ),
    "index_reduce_out_of_range": ErrorText(
        IndexError,
        "index out of range in self",
        "every entry of index must name a slice of input along dim: from 0 to size - 1 (no negative index here).",
        "index 的每个数都必须是 input 沿 dim 的合法切片编号：从 0 到 size - 1（这里不能用负数）。",
    ),
    "narrow_0_dim": ErrorText(
        RuntimeError,
        "narrow() cannot be applied to a 0-dim tensor.",
        "a single number has no dimension to take a piece of.",
        "单个数没有可以截取的维度。",
    ),
    "narrow_negative_length": ErrorText(
        RuntimeError,
        "narrow(): length must be non-negative.",
        "length counts the elements to take from start, so it is 0 or more.",
        "length 是从 start 起要取的元素个数，所以是 0 或更大的数。",
    ),
    "narrow_start_out_of_range": ErrorText(
        IndexError,
        "start out of range (expected to be in range of [-{size}, {size}], but got {start})",
        "start is a position in the dimension: from -size to size (a negative one counts from the end).",
        "start 是这个维度里的位置：从 -size 到 size（负数从末尾数起）。",
    ),
    "narrow_too_long": ErrorText(
        RuntimeError,
        "start ({start}) + length ({length}) exceeds dimension size ({size}).",
        "the piece must fit in the dimension: start + length at most its size.",
        "截取的部分必须落在这个维度之内：start + length 不能超过它的大小。",
    ),
    "scatter_src_size": ErrorText(
        RuntimeError,
        "expected src to have a size equal to the slice of self. src size = {src}, slice size = {slot}",
        "src must have exactly the shape of the part of input it is written into (no broadcasting here).",
        "src 的形状必须和它写入的那部分 input 完全相同（这里不做广播）。",
    ),
    "frexp_not_floating": ErrorText(
        RuntimeError,
        "torch.frexp() only supports floating-point dtypes",
        "frexp splits a float into mantissa and exponent; convert first, e.g. x.float().",
        "frexp 把浮点数拆成尾数和指数；请先转换，例如 x.float()。",
    ),
    "bool_no_values": ErrorText(
        RuntimeError,
        "Boolean value of Tensor with no values is ambiguous",
        "the tensor is empty, so it is neither true nor false; check x.numel() > 0 first.",
        "这个张量是空的，既不算真也不算假；请先检查 x.numel() > 0。",
    ),
    "mean_not_float": ErrorText(
        RuntimeError,
        "mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. "
        "Got: {dtype_name}",
        "the mean of integers is usually not an integer; convert first with .float().",
        "整数的平均值通常不是整数；请先用 .float() 转换。",
    ),
    "empty_reduction": ErrorText(
        RuntimeError,
        "{op}(): Expected reduction dim to be specified for input.numel() == 0.",
        "an empty tensor has no largest or smallest element.",
        "空张量没有最大或最小的元素。",
    ),
    "clamp_no_bounds": ErrorText(
        RuntimeError,
        "torch.clamp: At least one of 'min' or 'max' must not be None",
        "say where to clip, e.g. clamp(min=0).",
        "请说明在哪里截断，例如 clamp(min=0)。",
    ),
    "clamp_cast": ErrorText(
        RuntimeError,
        "result type Float can't be cast to the desired output type {target}",
        "clamp_ keeps the tensor's dtype, and float bounds would make floats; convert first, e.g. x = x.float().",
        "clamp_ 保持张量原来的数据类型，而浮点边界会产生浮点数；请先转换，例如 x = x.float()。",
    ),
    "compare_not_tensor": ErrorText(
        TypeError,
        "{function}(): argument '{name}' (position {position}) must be Tensor, not {type_name}",
        "compare two tensors; wrap numbers or lists with torch.tensor(...).",
        "请比较两个张量；把数或列表用 torch.tensor(...) 包装起来。",
    ),
    "fill_not_0d": ErrorText(
        RuntimeError,
        "fill_ only supports 0-dimension value tensor but got tensor with {ndim} dimensions.",
        "fill_ writes one value everywhere; use t[...] = v to copy a tensor.",
        "fill_ 把同一个值写到每个位置；要复制一个张量请用 t[...] = v。",
    ),
    "invalid_reduction": ErrorText(
        ValueError,
        "{reduction} is not a valid value for reduction",
        "use 'mean', 'sum' or 'none'.",
        "请使用 'mean'、'sum' 或 'none'。",
    ),
    "kl_div_invalid_reduction": ErrorText(
        ValueError,
        "{reduction} is not a valid value for reduction",
        "use 'batchmean' (the sum divided by the batch size: the true KL divergence), 'sum', 'mean' or 'none'.",
        "请使用 'batchmean'（总和除以批大小，即真正的 KL 散度）、'sum'、'mean' 或 'none'。",
    ),
    "target_out_of_bounds": ErrorText(
        IndexError,
        "Target {target} is out of bounds.",
        "class labels must lie between 0 and the number of classes minus 1.",
        "类别标签必须在 0 到类别数减 1 之间。",
    ),
    # -- making tensors ------------------------------------------------------------------------------
    "ragged_sequence": ErrorText(
        ValueError,
        "expected sequence of length {length} at dim {dim} (got {got})",
        "every row of a tensor must have the same number of elements.",
        "张量的每一行必须有相同个数的元素。",
    ),
    "number_among_lists": ErrorText(
        TypeError,
        "not a sequence",
        "one row is a single number where the others are lists; every row of a tensor must have the same "
        "number of elements.",
        "有一行是单个数，而其他行是列表；张量的每一行必须有相同个数的元素。",
    ),
    "legacy_tensor_dtype": ErrorText(
        TypeError,
        "expected TensorOptions(dtype={expected}, {options}) (got TensorOptions(dtype={got}, {options}))",
        "a legacy constructor given a tensor shares it, so the dtypes must agree: convert with x.float(), "
        "x.double(), x.long() ... instead.",
        "旧式构造函数接收张量时与它共享数据，所以数据类型必须一致：请改用 x.float()、x.double()、x.long() 等转换。",
    ),
    "data_not_real": ErrorText(
        TypeError,
        "must be real number, not {type_name}",
        *_NOT_A_NUMBER,
    ),
    "data_not_integer": ErrorText(
        TypeError,
        "'{type_name}' object cannot be interpreted as an integer",
        *_NOT_A_NUMBER,
    ),
    "invalid_data_type": ErrorText(
        TypeError,
        "new(): invalid data type '{type_name}'",
        "a tensor is made of numbers: pass numbers, lists of numbers or a NumPy array.",
        "张量由数组成：请传入数、数的列表或 NumPy 数组。",
    ),
    # -- autograd.Function and gradcheck ----------------------------------------------------------------
    "function_wrong_count": ErrorText(
        RuntimeError,
        "function {name}Backward returned an incorrect number of gradients (expected {expected}, got {got})",
        "backward returns one gradient per input of forward (None for an input that needs none).",
        "backward 要为 forward 的每个输入返回一个梯度（不需要梯度的输入返回 None）。",
    ),
    "function_not_tensor": ErrorText(
        RuntimeError,
        "expected Variable or None (got {type_name})",
        "backward must return tensors (or None), one per input of forward.",
        "backward 必须返回张量（或 None），forward 的每个输入对应一个。",
    ),
    "function_no_forward": ErrorText(
        NotImplementedError,
        "You must implement the forward function for custom autograd.Function.",
        "define forward(ctx, *inputs) as a @staticmethod returning a tensor.",
        "请把 forward(ctx, *inputs) 定义为返回张量的 @staticmethod。",
    ),
    "function_no_backward": ErrorText(
        NotImplementedError,
        "You must implement either the backward or vjp method for your custom autograd.Function to use it "
        "with backward mode AD.",
        "define backward(ctx, grad) as a @staticmethod.",
        "请把 backward(ctx, grad) 定义为 @staticmethod。",
    ),
    "gradcheck_mismatch": ErrorText(
        RuntimeError,  # raised as gradcheck's GradcheckError, a RuntimeError
        "Jacobian mismatch for output {output} with respect to input {index},\nnumerical:{numerical}\n"
        "analytical:{analytical}\n",
        "backward's gradient (analytical) differs from the slope measured by nudging each input (numerical); "
        "check the derivative rule, and use float64.",
        "backward 算出的梯度（analytical）与轻推每个输入测得的斜率（numerical）不一致；请检查求导规则，并使用 float64。",
    ),
    # -- pictures and widgets ---------------------------------------------------------------------------
    "draw_not_tensor": ErrorText(
        TypeError,
        "draw() expects a tensor or a list of tensors, got {type_name}.",
        "pass the result of a computation, e.g. draw(z) after z = x * y.",
        "请传入一个计算结果，例如在 z = x * y 之后调用 draw(z)。",
    ),
    "save_extension": ErrorText(
        ValueError,
        "cannot save a graph as {what}.",
        "end the file name with .svg, .png, .pdf or .dot.",
        "文件名请以 .svg、.png、.pdf 或 .dot 结尾。",
    ),
    "step_not_tensor": ErrorText(
        TypeError,
        "can only step through the backward pass of a tensor, not {type_name}.",
        "give the result of a computation, e.g. z after z = x * y.",
        "请给出一个计算结果，例如 z = x * y 之后的 z。",
    ),
    "step_no_graph": ErrorText(
        RuntimeError,
        "element 0 of tensors does not require grad and does not have a grad_fn.",
        "there is no graph to step through; compute it from a tensor with requires_grad=True.",
        "没有可以单步执行的计算图；请从 requires_grad=True 的张量开始计算。",
    ),
    "interact_bad_spec": ErrorText(
        TypeError,
        "interact(): {name} must be a number or (value, low, high[, step]), not {spec}.",
        "e.g. interact(f, x=2.0) or interact(f, x=(2.0, -5, 5)).",
        "例如 interact(f, x=2.0) 或 interact(f, x=(2.0, -5, 5))。",
    ),
    # -- nn: layers, losses, modules, init (autograd_lab.nn) ---------------------------------------------
    "nn_input_no_dims": ErrorText(
        ValueError,
        "Expected 1 or more dimensions (got {ndim})",
        "a loss over classes needs the class scores along a dimension: give a vector or an (N, C) tensor.",
        "按类别计算的损失需要沿某一维的类别得分：请传入向量或 (N, C) 张量。",
    ),
    "nn_batch_mismatch": ErrorText(
        ValueError,
        "Expected input batch_size ({input}) to match target batch_size ({target}).",
        "give one target class per row of scores: the first dimensions of input and target must agree.",
        "每一行得分对应一个目标类别：input 和 target 的第一维大小必须相同。",
    ),
    "nn_target_size": ErrorText(
        RuntimeError,
        "Expected target size {expected}, got {got}",
        "for scores of shape (N, C, d1, ...), the target holds one class per position: shape (N, d1, ...).",
        "对于形状为 (N, C, d1, ...) 的得分，target 在每个位置给出一个类别：形状为 (N, d1, ...)。",
    ),
    "nn_target_not_long": ErrorText(
        RuntimeError,
        "expected target dtype to be Long or Byte, but got {dtype}",
        "class labels are whole numbers: make the target with torch.tensor([0, 2, ...]) or call .long() on it.",
        "类别标签是整数：请用 torch.tensor([0, 2, ...]) 创建 target，或对它调用 .long()。",
    ),
    "nn_prob_target_not_float": ErrorText(
        RuntimeError,
        "Expected floating point type for target with class probabilities, got {dtype}",
        "a target of the same shape as the scores is read as class probabilities, which are floats; for class "
        "labels give one label per row.",
        "与得分形状相同的 target 被当作类别概率，必须是浮点数；若是类别标签，请每行给一个标签。",
    ),
    # -- session 21: class targets and integer inputs of losses ----------------------------------------
    "nn_multi_target": ErrorText(
        RuntimeError,
        "0D or 1D target tensor expected, multi-target not supported",
        "the target holds one class index per sample, shape (N,), not a column (N, 1): flatten it with "
        "y.view(-1) or y.squeeze(1).",
        "target 为每个样本存一个类别编号，形状是 (N,)，而不是一列 (N, 1)：请用 y.view(-1) 或 y.squeeze(1) 把它展平。",
    ),
    "nn_1d_target_size": ErrorText(
        ValueError,
        "For 1D input, 1D target must have size 1, but got target size: {size}",
        "a 1-D input is the scores of one sample, so the target is one class index: torch.tensor(2) or "
        "torch.tensor([2]); for a batch give scores of shape (N, C).",
        "一维输入是单个样本的得分，所以 target 只是一个类别编号：torch.tensor(2) 或 torch.tensor([2])；"
        "一批样本请给形状为 (N, C) 的得分。",
    ),
    "nn_spatial_target_dims": ErrorText(
        RuntimeError,
        "only batches of spatial targets supported (3D tensors) but got targets of dimension: {ndim}",
        "for scores of shape (N, C, H, W) the target holds one class index per pixel: shape (N, H, W).",
        "对于形状为 (N, C, H, W) 的得分，target 为每个像素存一个类别编号：形状为 (N, H, W)。",
    ),
    "nn_spatial_target_size": ErrorText(
        RuntimeError,
        "size mismatch (got input: {input} , target: {target}",
        "for scores of shape (N, C, H, W) the target holds one class index per pixel: shape (N, H, W).",
        "对于形状为 (N, C, H, W) 的得分，target 为每个像素存一个类别编号：形状为 (N, H, W)。",
    ),
    "nn_spatial_target_byte": ErrorText(
        RuntimeError,
        "expected scalar type Long but found Byte",
        "for scores with more than two dimensions the class indices must be int64: call target.long().",
        "得分超过两维时，类别编号必须是 int64：请调用 target.long()。",
    ),
    "nn_loss_not_floating": ErrorText(
        NotImplementedError,
        "\"{kernel}\" not implemented for '{dtype_name}'",
        "this loss computes with real numbers, and the scores here are whole numbers (or True/False): convert "
        "first, e.g. input.float() (and target.float()).",
        "这个损失用实数计算，而这里的得分是整数（或 True/False）：请先转换，例如 input.float()（以及 target.float()）。",
    ),
    "nn_loss_result_cast": ErrorText(
        RuntimeError,
        "result type {result} can't be cast to the desired output type {target}",
        "this loss keeps the dtype of an integer tensor it was given, which cannot hold its real-valued result: "
        "convert that tensor first, e.g. input.float().",
        "这个损失沿用了所给整数张量的数据类型，而它存不下实数结果：请先转换那个张量，例如 input.float()。",
    ),
    "nn_bce_target_size": ErrorText(
        ValueError,
        "Using a target size (torch.Size({target})) that is different to the input size (torch.Size({input})) "
        "is deprecated. Please ensure they have the same size.",
        "binary cross-entropy compares each probability with its own target: give both the same shape.",
        "二元交叉熵把每个概率和它自己的目标比较：请让两者形状相同。",
    ),
    "nn_bce_logits_target_size": ErrorText(
        ValueError,
        "Target size (torch.Size({target})) must be the same as input size (torch.Size({input}))",
        "binary cross-entropy compares each score with its own target: give both the same shape.",
        "二元交叉熵把每个得分和它自己的目标比较：请让两者形状相同。",
    ),
    "nn_bce_input_range": ErrorText(
        RuntimeError,
        "all elements of input should be between 0 and 1",
        "binary_cross_entropy takes probabilities: pass torch.sigmoid(scores), or use "
        "binary_cross_entropy_with_logits on the scores themselves.",
        "binary_cross_entropy 接收概率：请传入 torch.sigmoid(scores)，或直接对得分使用 binary_cross_entropy_with_logits。",
    ),
    "nn_bce_target_range": ErrorText(
        RuntimeError,
        "all elements of target should be between 0 and 1",
        "BCELoss compares each probability with a target of 0 or 1 (or a fraction between them); for class "
        "labels 0, 1, 2, … use nn.CrossEntropyLoss instead.",
        "BCELoss 把每个概率与 0 或 1（或两者之间的小数）的目标比较；类别标签 0、1、2…… 请改用 nn.CrossEntropyLoss。",
    ),
    "nn_dropout_probability": ErrorText(
        ValueError,
        "dropout probability has to be between 0 and 1, but got {p}",
        "p is the fraction of elements set to zero, e.g. 0.5.",
        "p 是被置零的元素所占的比例，例如 0.5。",
    ),
    # -- attention: scaled_dot_product_attention, MultiheadAttention, the Transformer layers ------------
    "sdpa_dtypes": ErrorText(
        RuntimeError,
        "Expected query, key, and value to have the same dtype, but got query.dtype: {query} key.dtype: {key} "
        "and value.dtype: {value} instead.",
        "query, key and value must share one dtype; convert them, e.g. key = key.float().",
        "query、key、value 的数据类型必须相同；请转换它们，例如 key = key.float()。",
    ),
    "sdpa_dims": ErrorText(
        RuntimeError,
        "Expected query, key, and value to all be  at least 2 dimensional, but got query.dim: {query} key.dim: "
        "{key} and value.dim: {value} instead.",
        "each of query, key and value is a sequence of vectors: shape (..., length, features).",
        "query、key、value 都是向量的序列，形状为 (..., 序列长度, 特征数)。",
    ),
    "sdpa_mask_dtype": ErrorText(
        RuntimeError,
        "Expected attn_mask dtype to be bool or float or to match query dtype, but got attn_mask.dtype: {mask} "
        "and  query.dtype: {query} instead.",
        "a mask is either boolean (True: may attend) or of the query's dtype (added to the scores).",
        "掩码要么是布尔型（True 表示可以关注），要么与 query 的数据类型相同（加到得分上）。",
    ),
    "sdpa_mask_and_causal": ErrorText(
        RuntimeError,
        "_scaled_dot_product_attention: Explicit attn_mask should not be set when is_causal=True",
        "is_causal=True builds its own mask; pass either attn_mask or is_causal=True, not both.",
        "is_causal=True 会自己生成掩码；attn_mask 和 is_causal=True 只能二选一。",
    ),
    "sdpa_gqa_heads": ErrorText(
        RuntimeError,
        "Number of heads in key and value must divide the number of heads in ",
        "with enable_gqa=True, the query's {heads} heads must be a multiple of the key's and value's heads "
        "({kv_heads}), and key and value must have the same number of heads.",
        "使用 enable_gqa=True 时，query 的 {heads} 个头必须是 key、value 头数（{kv_heads}）的整数倍，"
        "且 key 与 value 的头数必须相同。",
    ),
    "mha_none_or_dtype": ErrorText(
        RuntimeError,
        "input to _none_or_dtype() must be None or torch.Tensor",
        "a mask is a tensor, or None for no mask.",
        "掩码应该是张量，不需要掩码时写 None。",
    ),
    "mha_mask_type": ErrorText(
        AssertionError,
        "only bool and floating types of {mask_name} are supported",
        "make the mask boolean (True: leave out), e.g. mask = mask.bool(), or a float mask to add to the scores.",
        "请把掩码转成布尔型（True 表示屏蔽），例如 mask = mask.bool()，或者使用加到得分上的浮点掩码。",
    ),
    "mha_query_dims": ErrorText(
        AssertionError,
        "query should be unbatched 2D or batched 3D tensor but received {ndim}-D query tensor",
        "give one sequence as (length, embed_dim), or a batch as (length, batch, embed_dim) "
        "((batch, length, embed_dim) with batch_first=True).",
        "一个序列的形状是 (序列长度, embed_dim)，一批序列是 (序列长度, 批大小, embed_dim)"
        "（batch_first=True 时为 (批大小, 序列长度, embed_dim)）。",
    ),
    "mha_key_value_dims": ErrorText(
        AssertionError,
        "For {kind} `query`, expected `key` and `value` to be {ndim}-D but found {key}-D and {value}-D tensors "
        "respectively",
        "query, key and value must all be batched, or all be one sequence.",
        "query、key、value 要么都是一批序列，要么都是单个序列。",
    ),
    "mha_padding_dims": ErrorText(
        AssertionError,
        "For {kind} `query`, expected `key_padding_mask` to be `None` or {expected}-D but found {ndim}-D tensor "
        "instead",
        "key_padding_mask has one row per sequence of the batch and one column per key: (batch, source length).",
        "key_padding_mask 每个序列一行、每个 key 一列：形状为 (批大小, 源序列长度)。",
    ),
    "mha_attn_mask_dims": ErrorText(
        AssertionError,
        "For {kind} `query`, expected `attn_mask` to be `None`, 2-D or 3-D but found {ndim}-D tensor instead",
        "attn_mask is (target length, source length), or (batch * num_heads, target length, source length).",
        "attn_mask 的形状是 (目标长度, 源长度)，或 (批大小 * 头数, 目标长度, 源长度)。",
    ),
    "mha_attn_mask_shape3": ErrorText(
        AssertionError,
        "Expected `attn_mask` shape to be {expected} but got {shape}",
        "a 3-D attn_mask has one (target length, source length) mask per head.",
        "三维的 attn_mask 为每个头提供一个 (目标长度, 源长度) 的掩码。",
    ),
    "mha_weight_shape": ErrorText(
        AssertionError,
        "expecting {name} weights shape of {expected}, but got {shape}",
        "each projection maps its input's features to embed_dim features.",
        "每个投影都把输入的特征映射到 embed_dim 个特征。",
    ),
    "mha_bias_shape": ErrorText(
        AssertionError,
        "expecting {name} bias shape of {expected}, but got {shape}",
        "each projection's bias has embed_dim elements.",
        "每个投影的偏置都有 embed_dim 个元素。",
    ),
    "mha_causal_needs_mask": ErrorText(
        RuntimeError,
        "Need attn_mask if specifying the is_causal hint. You may use the Transformer module method "
        "`generate_square_subsequent_mask` to create this mask.",
        "is_causal=True is only a hint here: also pass attn_mask=nn.Transformer.generate_square_subsequent_mask(L).",
        "这里的 is_causal=True 只是提示：还需要传入 attn_mask=nn.Transformer.generate_square_subsequent_mask(L)。",
    ),
    "mha_embed_dim": ErrorText(
        AssertionError,
        "was expecting embedding dimension of {expected}, but got {found}",
        "the last dimension of query must be the layer's embed_dim; with batch_first=False the shape is "
        "(length, batch, embed_dim).",
        "query 的最后一维必须等于这一层的 embed_dim；batch_first=False 时形状为 (序列长度, 批大小, embed_dim)。",
    ),
    "mha_heads_divide": ErrorText(
        AssertionError,
        "embed_dim {embed_dim} not divisible by num_heads {num_heads}",
        "each head gets embed_dim // num_heads features, so num_heads must divide embed_dim.",
        "每个头分到 embed_dim // num_heads 个特征，所以 num_heads 必须整除 embed_dim。",
    ),
    "mha_key_value_dims2": ErrorText(
        AssertionError,
        "key's sequence and batch dims {key} do not match value's {value}",
        "there is one value for each key: key and value need the same length and batch size.",
        "每个 key 对应一个 value：key 和 value 的序列长度和批大小必须相同。",
    ),
    "mha_key_value_shape": ErrorText(
        AssertionError,
        "key shape {key} does not match value shape {value}",
        "there is one value for each key: give key and value the same shape (or set kdim and vdim).",
        "每个 key 对应一个 value：请让 key 与 value 形状相同（或者设置 kdim、vdim）。",
    ),
    "mha_missing_weight": ErrorText(
        AssertionError,
        "use_separate_proj_weight is {flag} but {name} is None",
        "pass the projection weights that match use_separate_proj_weight.",
        "请传入与 use_separate_proj_weight 相符的投影权重。",
    ),
    "mha_attn_mask_2d": ErrorText(
        RuntimeError,
        "The shape of the 2D attn_mask is {shape}, but should be {expected}.",
        "a 2-D attn_mask has one row per query position and one column per key position.",
        "二维的 attn_mask 每个 query 位置一行、每个 key 位置一列。",
    ),
    "mha_attn_mask_3d": ErrorText(
        RuntimeError,
        "The shape of the 3D attn_mask is {shape}, but should be {expected}.",
        "a 3-D attn_mask has one (target length, source length) mask per sequence and head.",
        "三维的 attn_mask 为每个序列的每个头提供一个 (目标长度, 源长度) 的掩码。",
    ),
    "mha_attn_mask_ndim": ErrorText(
        RuntimeError,
        "attn_mask's dimension {ndim} is not supported",
        "attn_mask is 2-D (target length, source length) or 3-D (batch * num_heads, target, source).",
        "attn_mask 应为二维 (目标长度, 源长度) 或三维 (批大小 * 头数, 目标长度, 源长度)。",
    ),
    "mha_bias_static": ErrorText(
        AssertionError,
        "bias cannot be added to static {which}.",
        "add_bias_kv adds a learnt key and value; it does not work with static_k or static_v.",
        "add_bias_kv 会添加可学习的 key 和 value，不能与 static_k、static_v 一起使用。",
    ),
    "mha_bias_pair": ErrorText(
        AssertionError,
        "{given} is set but {missing} is None",
        "bias_k and bias_v come together: give both or neither.",
        "bias_k 和 bias_v 必须同时给出或同时省略。",
    ),
    "mha_padding_shape": ErrorText(
        AssertionError,
        "Expected key_padded_mask.shape[{index}] to be {expected}, but got {found}",
        "key_padding_mask is (batch, source length): one True for each padded key.",
        "key_padding_mask 的形状是 (批大小, 源序列长度)：每个填充出来的 key 对应一个 True。",
    ),
    "mha_causal_weights": ErrorText(
        AssertionError,
        "FIXME: is_causal not implemented for need_weights",
        "pass the causal mask itself as attn_mask, or need_weights=False.",
        "请把因果掩码本身作为 attn_mask 传入，或者设置 need_weights=False。",
    ),
    "mha_static_size": ErrorText(
        AssertionError,
        "expecting static_{name}.size({dim}) of {expected}, but got {found}",
        "static keys and values are (batch * num_heads, source length, head_dim).",
        "static_k、static_v 的形状是 (批大小 * 头数, 源序列长度, head_dim)。",
    ),
    "mha_positive": ErrorText(
        ValueError,
        "embed_dim and num_heads must be greater than 0, got embed_dim={embed_dim} and num_heads={num_heads} "
        "instead",
        "embed_dim is the number of features of each position, num_heads how many attention heads share them.",
        "embed_dim 是每个位置的特征数，num_heads 是分享这些特征的注意力头数。",
    ),
    "mha_divisible": ErrorText(
        AssertionError,
        "embed_dim must be divisible by num_heads",
        "each head gets embed_dim // num_heads features: choose num_heads that divides embed_dim, e.g. 8 for 512.",
        "每个头分到 embed_dim // num_heads 个特征：请选一个能整除 embed_dim 的头数，例如 512 配 8。",
    ),
    "transformer_batch": ErrorText(
        RuntimeError,
        "the batch number of src and tgt must be equal",
        "src and tgt are batches of the same sentences: their batch dimension (dim {dim}) must agree.",
        "src 和 tgt 是同一批句子：它们的批维度（第 {dim} 维）必须相同。",
    ),
    "transformer_features": ErrorText(
        RuntimeError,
        "the feature number of src and tgt must be equal to d_model",
        "embed the tokens first (e.g. with nn.Embedding(vocab, d_model)) so that each position has d_model "
        "features.",
        "请先把词元嵌入成向量（例如用 nn.Embedding(词表大小, d_model)），使每个位置有 d_model 个特征。",
    ),
    "transformer_activation": ErrorText(
        RuntimeError,
        "activation should be relu/gelu, not {activation}",
        "give activation as 'relu', 'gelu' or a function such as F.silu.",
        "activation 可以写 'relu'、'gelu'，或者传入一个函数，例如 F.silu。",
    ),
    "nn_pool_zero_stride": ErrorText(
        RuntimeError,
        "stride should not be zero",
        "the stride is how far the window moves each step: at least 1 (by default it is the kernel size).",
        "步长是窗口每次移动的距离：至少为 1（默认等于窗口大小）。",
    ),
    "nn_pool_zero_kernel": ErrorText(
        RuntimeError,
        "kernel size should be greater than zero, but got kH: {height} kW: {width}",
        "the window must cover at least one element in each direction, e.g. kernel_size=2.",
        "窗口在每个方向上至少要覆盖一个元素，例如 kernel_size=2。",
    ),
    # -- torch.utils.benchmark ------------------------------------------------------------------------
    "benchmark_stmt_not_str": ErrorText(
        ValueError,
        "Currently only a `str` stmt is supported.",
        'give the statement as text: Timer(stmt="f(x)", globals={{"f": f, "x": x}}).',
        '请把语句写成字符串：Timer(stmt="f(x)", globals={{"f": f, "x": x}})。',
    ),
    "benchmark_language": ErrorText(
        ValueError,
        "Invalid language `{language}`.",
        "autograd_lab times Python statements only (PyTorch can also time C++).",
        "autograd_lab 只能给 Python 语句计时（PyTorch 还能给 C++ 计时）。",
    ),
    "benchmark_global_setup": ErrorText(
        ValueError,
        "global_setup is C++ only, got `{global_setup}`. Most likely this code can simply be moved to `setup`.",
        "put Python set-up code in setup=...",
        "Python 的准备代码请写在 setup=... 里。",
    ),
    # -- torch.utils.checkpoint (activation checkpointing) -------------------------------------------------
    "checkpoint_reentrant_grad": ErrorText(
        RuntimeError,
        "When use_reentrant=True, torch.utils.checkpoint is incompatible with .grad() or passing an `inputs` "
        "parameter to .backward(). To resolve this error, you can either set use_reentrant=False, or call "
        ".backward() without passing the `inputs` argument.",
        "the reentrant checkpoint recomputes with a plain backward() of its own, which cannot stop at chosen "
        "tensors; checkpoint with use_reentrant=False instead.",
        "可重入的 checkpoint 在重算时自己调用一次普通的 backward()，无法只算到指定的张量；请改用 use_reentrant=False。",
    ),
    "checkpoint_no_output_requires_grad": ErrorText(
        RuntimeError,
        "none of output has requires_grad=True, this checkpoint() is not necessary",
        "the checkpointed function's outputs do not depend on any input that requires grad (was something "
        "detached or computed under no_grad inside it?), so there is nothing to recompute for backward.",
        "被 checkpoint 的函数的输出不依赖任何需要梯度的输入（函数里是否用了 detach() 或 no_grad？），"
        "所以反向传播时没有需要重算的东西。",
    ),
    "checkpoint_unexpected_keywords": ErrorText(
        ValueError,
        "Unexpected keyword arguments: {names}",
        "with use_reentrant=True (and in checkpoint_sequential) the function gets positional arguments only; "
        "pass use_reentrant=False to give it keyword arguments.",
        "use_reentrant=True 时（以及 checkpoint_sequential 中）函数只能接收位置参数；"
        "要传关键字参数请用 use_reentrant=False。",
    ),
    "checkpoint_reentrant_context_fn": ErrorText(
        ValueError,
        "Passing `context_fn` or `debug` is only supported when use_reentrant=False.",
        "these options belong to the hook-based checkpoint: pass use_reentrant=False as well.",
        "这两个选项属于基于钩子的 checkpoint：请同时传入 use_reentrant=False。",
    ),
    "checkpoint_debug_context_fn": ErrorText(
        ValueError,
        "debug=True is incompatible with non-default context_fn",
        "debug=True uses the two contexts itself to watch the forward pass and the recomputation; leave "
        "context_fn out while debugging.",
        "debug=True 自己要用这两个上下文来观察前向计算和重算；调试时请不要传 context_fn。",
    ),
    "checkpoint_determinism_check": ErrorText(
        ValueError,
        "determinism_check should be one of {allowed}, but got {got}",
        "'default' compares each recomputed value's shape, dtype and device with the original; 'none' "
        "compares nothing.",
        "'default' 会把每个重算值的形状、dtype 和设备与原值比较；'none' 不做比较。",
    ),
    "checkpoint_context_suppressed": ErrorText(
        RuntimeError,
        "torch.utils.checkpoint: the forward context provided by context_fn suppressed an exception raised "
        "during the checkpointed forward. This is not supported because checkpoint cannot return a value for "
        "a failed forward.",
        "the first context manager of context_fn must let exceptions through (its __exit__ must not return "
        "True).",
        "context_fn 返回的第一个上下文管理器必须让异常继续抛出（它的 __exit__ 不能返回 True）。",
    ),
    "checkpoint_count_mismatch": ErrorText(
        RuntimeError,
        "torch.utils.checkpoint: A different number of tensors was saved during the original forward and "
        "recomputation.\nNumber of tensors saved during forward: {forward}\nNumber of tensors saved during "
        "recomputation: {recomputed}.\n\nTip: To see a more detailed error message, either pass `debug=True` "
        "to\n`torch.utils.checkpoint.checkpoint(...)` or wrap the code block\nwith `with "
        "torch.utils.checkpoint.set_checkpoint_debug_enabled(True):` to\nenable checkpoint\u2011debug mode "
        "globally.\n",
        "backward() ran the checkpointed function again and it did different operations this time (it reads "
        "something that changed since, such as a global variable or a counter); make it depend only on its "
        "inputs.",
        "backward() 重新运行了被 checkpoint 的函数，而这次它做的运算不同了（它读取了之后改变的东西，"
        "例如全局变量或计数器）；请让它只依赖于输入。",
    ),
    "checkpoint_metadata_mismatch": ErrorText(
        RuntimeError,
        "torch.utils.checkpoint: Recomputed values for the following tensors have different metadata than "
        "during the forward pass.\n{tensors}.\n\nTip: To see a more detailed error message, either pass "
        "`debug=True` to\n`torch.utils.checkpoint.checkpoint(...)` or wrap the code block\nwith `with "
        "torch.utils.checkpoint.set_checkpoint_debug_enabled(True):` to\nenable checkpoint\u2011debug mode "
        "globally.\n",
        "backward() ran the checkpointed function again and got values of another shape or dtype (it reads "
        "something that changed since the forward call); make it depend only on its inputs.",
        "backward() 重新运行了被 checkpoint 的函数，得到的值形状或 dtype 不同（它读取了前向调用之后改变的东西）；"
        "请让它只依赖于输入。",
    ),
    "checkpoint_more_tensors": ErrorText(
        RuntimeError,
        "torch.utils.checkpoint: trying to save more tensors during recomputation than during the original "
        "forward pass.\n\nTip: To see a more detailed error message, either pass `debug=True` to\n"
        "`torch.utils.checkpoint.checkpoint(...)` or wrap the code block\nwith `with "
        "torch.utils.checkpoint.set_checkpoint_debug_enabled(True):` to\nenable checkpoint\u2011debug mode "
        "globally.\n",
        "backward() ran the checkpointed function again and it did more operations than the first time; make "
        "it depend only on its inputs.",
        "backward() 重新运行了被 checkpoint 的函数，而这次它做的运算比第一次多；请让它只依赖于输入。",
    ),
    "checkpoint_debug_log": ErrorText(
        RuntimeError,
        " An error happened while unpacking tensors; dumping logs of latest computation\nbecause you passed "
        "`debug=True` to `torch.utils.checkpoint.checkpoint()`.\n\nTensors saved during the original forward "
        "(shape, dtype, where):\n\n{forward}\n\nTensors saved during recomputation:\n\n{recomputed}\n\n"
        " ERROR: Detected non-determinism while running activation checkpointing\n",
        "compare the two lists: the first line where they differ is the operation that the recomputation did "
        "differently (PyTorch lists every operator; autograd_lab lists the values saved for backward).",
        "比较这两个列表：第一处不同的行就是重算时做得不一样的运算（PyTorch 列出每个算子；autograd_lab "
        "列出为反向传播保存的值）。",
    ),
    "checkpoint_detach_not_tuple": ErrorText(
        RuntimeError,
        "Only tuple of tensors is supported. Got Unsupported input type: {type_name}",
        "pass the tensors as a tuple: detach_variable((x, y)).",
        "请把张量放在元组里传入：detach_variable((x, y))。",
    ),
    "nn_conv_channels": ErrorText(
        RuntimeError,
        "Given groups={groups}, weight of size {weight}, expected input{input} to have {expected} channels, but "
        "got {got} channels instead",
        "the layer's in_channels must equal the input's dimension 1 (its channels, e.g. 3 for RGB images).",
        "层的 in_channels 必须等于输入第 1 维的大小（通道数，例如 RGB 图像为 3）。",
    ),
    "nn_conv_weight_dims": ErrorText(
        RuntimeError,
        "expected stride to be a single integer value or a list of {count} values to match the convolution "
        "dimensions, but got stride={stride}",
        "conv2d's weight has 4 dimensions: (out_channels, in_channels / groups, kernel height, kernel width).",
        "conv2d 的 weight 有 4 维：(out_channels, in_channels / groups, 核高, 核宽)。",
    ),
    "nn_kernel_too_big": ErrorText(
        RuntimeError,
        "Calculated padded input size per channel: ({height} x {width}). Kernel size: ({kernel_height} x "
        "{kernel_width}). Kernel size can't be greater than actual input size",
        "the window must fit inside the (padded) input: use a smaller kernel_size or more padding.",
        "窗口必须能放进（填充后的）输入：请减小 kernel_size 或增加 padding。",
    ),
    "nn_same_padding_strided": ErrorText(
        RuntimeError,
        "padding='same' is not supported for strided convolutions",
        "'same' keeps the size only with stride 1; give padding as a number instead.",
        "'same' 只有在 stride 为 1 时才能保持尺寸；请把 padding 写成一个数。",
    ),
    "nn_conv_same_padding_strided": ErrorText(
        ValueError,
        "padding='same' is not supported for strided convolutions",
        "'same' keeps the size only with stride 1; give padding as a number instead.",
        "'same' 只有在 stride 为 1 时才能保持尺寸；请把 padding 写成一个数。",
    ),
    "nn_conv_padding_string_invalid": ErrorText(
        ValueError,
        "Invalid padding string {padding!r}, should be one of {valid}",
        "padding is a number, or 'same' (output as long as the input) or 'valid' (no padding).",
        "padding 是一个数，或者 'same'（输出与输入一样长）或 'valid'（不填充）。",
    ),
    "nn_conv_groups_positive": ErrorText(
        ValueError,
        "groups must be a positive integer",
        "groups splits the channels into that many separate groups: 1 (the default) or more.",
        "groups 把通道分成若干独立的组：至少为 1（默认 1）。",
    ),
    "nn_groups_divide": ErrorText(
        ValueError,
        "{what} must be divisible by groups",
        "each group takes an equal share of the channels: choose groups dividing in_channels and out_channels.",
        "每组分得相同数量的通道：groups 必须整除 in_channels 和 out_channels。",
    ),
    "nn_padding_mode_invalid": ErrorText(
        ValueError,
        "padding_mode must be one of {{'zeros', 'circular', 'replicate', 'reflect'}}, but got padding_mode={mode!r}",
        "the border is filled with zeros (the default), or with the values reflected, repeated or wrapped around.",
        "边界可以补零（默认），也可以用反射、重复或循环回绕的数值来填充。",
    ),
    "nn_pool_padding": ErrorText(
        RuntimeError,
        "pad should be at most half of effective kernel size, but got pad={pad}, kernel_size={kernel} and "
        "dilation={dilation}",
        "a window must not lie mostly in the padding: use padding at most kernel_size // 2.",
        "窗口不能大部分落在填充区域：padding 最多为 kernel_size // 2。",
    ),
    "nn_pool_output_small": ErrorText(
        RuntimeError,
        "Given input size: ({channels}x{height}x{width}). Calculated output size: ({channels}x{out_height}x"
        "{out_width}). Output size is too small",
        "the input is smaller than one window: use a smaller kernel_size, or a larger input.",
        "输入比一个窗口还小：请减小 kernel_size，或使用更大的输入。",
    ),
    "nn_batch_norm_one_value": ErrorText(
        ValueError,
        "Expected more than 1 value per channel when training, got input size torch.Size({shape})",
        "batch norm needs several values per channel to compute a mean and variance: use a batch of 2 or "
        "more, or call model.eval() first.",
        "批归一化需要每个通道有多个值来计算均值和方差：请使用至少 2 个样本的批次，或先调用 model.eval()。",
    ),
    "nn_batch_norm_dims": ErrorText(
        ValueError,
        "expected {expected} input (got {ndim}D input)",
        "BatchNorm1d takes (N, C) or (N, C, L) inputs, BatchNorm2d takes images (N, C, H, W).",
        "BatchNorm1d 接收 (N, C) 或 (N, C, L) 输入，BatchNorm2d 接收图像 (N, C, H, W)。",
    ),
    "nn_running_stats_size": ErrorText(
        RuntimeError,
        "running_mean should contain {channels} elements not {size}",
        "num_features must equal the input's dimension 1 (its channels or features).",
        "num_features 必须等于输入第 1 维的大小（通道数或特征数）。",
    ),
    "nn_one_hot_dtype": ErrorText(
        RuntimeError,
        "one_hot is only applicable to index tensor of type LongTensor.",
        "one_hot takes class labels, whole numbers: call .long() on the tensor first.",
        "one_hot 接收类别标签（整数）：请先对张量调用 .long()。",
    ),
    "nn_one_hot_negative": ErrorText(
        RuntimeError,
        "Class values must be non-negative.",
        "class labels count from 0.",
        "类别标签从 0 开始计数。",
    ),
    "nn_one_hot_too_large": ErrorText(
        RuntimeError,
        "Class values must be smaller than num_classes.",
        "the labels run from 0 to num_classes - 1: raise num_classes or leave it out.",
        "标签取值为 0 到 num_classes - 1：请增大 num_classes，或不指定它。",
    ),
    "nn_no_forward": ErrorText(
        NotImplementedError,
        'Module [{name}] is missing the required "forward" function',
        "define forward(self, x) in your nn.Module subclass: calling the model runs it.",
        "请在你的 nn.Module 子类中定义 forward(self, x)：调用模型时会运行它。",
    ),
    "nn_module_init_positional": ErrorText(
        TypeError,
        "{name}.__init__() takes 1 positional argument but {given} were given",
        "this layer has no settings: create it with nn.{name}(), then call it on the input, layer(x).",
        "这个层没有参数：请用 nn.{name}() 创建，再对输入调用它，layer(x)。",
    ),
    "nn_module_init_keyword": ErrorText(
        TypeError,
        "{name}.__init__() got an unexpected keyword argument '{keyword}'",
        "this layer has no setting of that name: create it with nn.{name}().",
        "这个层没有这个名字的参数：请用 nn.{name}() 创建。",
    ),
    "nn_module_to_dtype": ErrorText(
        TypeError,
        "nn.Module.to only accepts floating point or complex dtypes, but got desired dtype={dtype}",
        "a model's weights must stay floats: convert the input instead, e.g. x.float(); integer class labels "
        "can stay integers.",
        "模型的权重必须是浮点数：请转换输入，例如 x.float()；整数类别标签可以保持整数。",
    ),
    "nn_no_attribute": ErrorText(
        AttributeError,
        "'{type_name}' object has no attribute '{name}'",
        "check the spelling; submodules, parameters and buffers are found under the name they were assigned to.",
        "请检查拼写；子模块、参数和缓冲区要用赋值时的名字访问。",
    ),
    "nn_assign_before_init": ErrorText(
        AttributeError,
        "cannot assign {what} before Module.__init__() call",
        "call super().__init__() first thing in your module's __init__.",
        "请在模块的 __init__ 中首先调用 super().__init__()。",
    ),
    "nn_assign_parameter": ErrorText(
        TypeError,
        "cannot assign '{type_name}' as parameter '{name}' (torch.nn.Parameter or None expected)",
        "wrap the tensor in nn.Parameter(...), or change the values in place with .data or under no_grad.",
        "请用 nn.Parameter(...) 包装张量，或者通过 .data 或在 no_grad 下原地修改数值。",
    ),
    "nn_assign_module": ErrorText(
        TypeError,
        "cannot assign '{type_name}' as child module '{name}' (torch.nn.Module or None expected)",
        "this name holds a submodule: assign another nn.Module (or None), or use another name.",
        "这个名字对应一个子模块：请赋值另一个 nn.Module（或 None），或换一个名字。",
    ),
    "nn_assign_buffer": ErrorText(
        TypeError,
        "cannot assign '{type_name}' as buffer '{name}' (torch.nn.Buffer, torch.Tensor or None expected)",
        "this name holds a buffer: assign a tensor (or None), or use another name.",
        "这个名字对应一个缓冲区：请赋值一个张量（或 None），或换一个名字。",
    ),
    "nn_register_parameter_type": ErrorText(
        TypeError,
        "cannot assign '{type_name}' object to parameter '{name}' (torch.nn.Parameter or None required)",
        "wrap the tensor in nn.Parameter(...) first.",
        "请先用 nn.Parameter(...) 包装这个张量。",
    ),
    "nn_register_buffer_type": ErrorText(
        TypeError,
        "cannot assign '{type_name}' object to buffer '{name}' (torch Tensor or None required)",
        "a buffer holds a tensor (or None).",
        "缓冲区保存的是张量（或 None）。",
    ),
    "nn_not_a_module": ErrorText(
        TypeError,
        "{type_name} is not a Module subclass",
        "add_module takes an nn.Module (a layer or a model).",
        "add_module 接收一个 nn.Module（层或模型）。",
    ),
    "nn_bad_name": ErrorText(
        KeyError,
        "{what}",
        "names of parameters, buffers and submodules are plain, non-empty words without '.', not already used.",
        "参数、缓冲区和子模块的名字必须是非空、不含 '.'、且尚未使用的名字。",
    ),
    "nn_train_mode": ErrorText(
        ValueError,
        "training mode is expected to be boolean",
        "pass True or False: model.train() for training, model.eval() for evaluation.",
        "请传入 True 或 False：训练用 model.train()，评估用 model.eval()。",
    ),
    "nn_index_out_of_range": ErrorText(
        IndexError,
        "index {index} is out of range",
        "the container has {length} entries, numbered 0 to {last} (or -1 backwards).",
        "这个容器有 {length} 个元素，编号为 0 到 {last}（或从 -1 倒数）。",
    ),
    "nn_container_called": ErrorText(
        RuntimeError,
        "{name} should not be called.",
        "it only holds parameters: index it (params[0]) and use the parameters in your forward.",
        "它只保存参数：请用下标取出参数（params[0]），在 forward 中使用它们。",
    ),
    "nn_set_submodule_empty": ErrorText(
        ValueError,
        "Cannot set the submodule without a target name!",
        "name where the submodule goes, e.g. model.set_submodule('features.0', layer).",
        "请说明子模块放在哪里，例如 model.set_submodule('features.0', layer)。",
    ),
    "nn_extra_state": ErrorText(
        RuntimeError,
        "Reached a code path in Module.{method}() that should never be called. Please file an issue at "
        "https://github.com/pytorch/pytorch/issues/new?template=bug-report.yml to report this bug.",
        "a module has extra state only if its class defines get_extra_state and set_extra_state itself.",
        "只有当模块的类自己定义了 get_extra_state 和 set_extra_state 时，它才有额外状态。",
    ),
    "nn_no_submodule": ErrorText(
        AttributeError,
        "{owner} has no attribute `{name}`",
        "print(model) lists the submodules with their names.",
        "print(model) 会列出所有子模块及其名字。",
    ),
    "nn_load_state_dict": ErrorText(
        RuntimeError,
        "Error(s) in loading state_dict for {name}:\n\t{problems}",
        "the saved state must come from a model of the same structure; pass strict=False to load only the keys "
        "that match.",
        "保存的状态必须来自结构相同的模型；传入 strict=False 可以只加载能对上的键。",
    ),
    "nn_load_state_dict_sizes": ErrorText(
        RuntimeError,
        "Error(s) in loading state_dict for {name}:\n\t{problems}",
        "a saved tensor's shape is not the model's: build the model with the sizes it was saved with (the "
        "same in_features, out_features, channels ...); strict=False skips missing keys, not a size mismatch.",
        "保存的张量形状与模型的不同：请用保存时的大小构建模型（相同的 in_features、out_features、通道数……）；"
        "strict=False 只跳过缺失的键，跳不过形状不符。",
    ),
    "init_nonlinearity": ErrorText(
        ValueError,
        "Unsupported nonlinearity {name}",
        "use one of 'linear', 'conv2d', 'sigmoid', 'tanh', 'relu', 'leaky_relu', 'selu'.",
        "请使用 'linear'、'conv2d'、'sigmoid'、'tanh'、'relu'、'leaky_relu'、'selu' 之一。",
    ),
    "init_negative_slope": ErrorText(
        ValueError,
        "negative_slope {param} not a valid number",
        "leaky_relu's gain takes its negative slope as a number, e.g. 0.01.",
        "leaky_relu 的增益需要一个数作为负斜率，例如 0.01。",
    ),
    "init_fan_dims": ErrorText(
        ValueError,
        "Fan in and fan out can not be computed for tensor with fewer than 2 dimensions",
        "Xavier and Kaiming initialisation are for weight matrices and kernels; use uniform_ or normal_ for a "
        "vector such as a bias.",
        "Xavier 和 Kaiming 初始化用于权重矩阵和卷积核；偏置这样的向量请用 uniform_ 或 normal_。",
    ),
    "init_mode": ErrorText(
        ValueError,
        "Mode {mode} not supported, please use one of {modes}",
        "mode='fan_in' keeps the forward pass's variance, mode='fan_out' the backward pass's.",
        "mode='fan_in' 保持前向传播的方差，mode='fan_out' 保持反向传播的方差。",
    ),
    "init_eye_dims": ErrorText(
        ValueError,
        "Only tensors with 2 dimensions are supported",
        "eye_ fills a matrix with the identity.",
        "eye_ 用单位矩阵填充一个矩阵。",
    ),
    # -- torch.optim: optimizers and learning-rate schedules ----------------------------------
    "optim_params_tensor": ErrorText(
        TypeError,
        "params argument given to the optimizer should be an iterable of Tensors or dicts, but got {type_name}",
        "pass a list of tensors, e.g. SGD([w, b], lr=0.1) or SGD(model.parameters(), lr=0.1), not one tensor "
        "on its own.",
        "请传入张量的列表，例如 SGD([w, b], lr=0.1) 或 SGD(model.parameters(), lr=0.1)，而不是单独一个张量。",
    ),
    "optim_empty": ErrorText(
        ValueError,
        "optimizer got an empty parameter list",
        "there is nothing to optimize: the list (or model.parameters()) is empty; check that the model has "
        "layers, or that a generator like model.parameters() was not used up already.",
        "没有可优化的参数：这个列表（或 model.parameters()）是空的；请检查模型是否有层，或者 model.parameters() "
        "这样的生成器是否已经被用完了。",
    ),
    "optim_group_not_dict": ErrorText(
        TypeError,
        "param_group must be a dict, but got {type_name}",
        "a parameter group is a dict such as {{'params': [w], 'lr': 0.01}}.",
        "参数组是一个字典，例如 {{'params': [w], 'lr': 0.01}}。",
    ),
    "optim_params_set": ErrorText(
        TypeError,
        "optimizer parameters need to be organized in ordered collections, but the ordering of tensors in sets "
        "will change between runs. Please use a list instead.",
        "the optimizer numbers the parameters in order (state_dict() depends on it), and a set has no fixed "
        "order: write [w, b] instead of {{w, b}}.",
        "优化器按顺序给参数编号（state_dict() 依赖这个顺序），而集合没有固定顺序：请写 [w, b] 而不是 {{w, b}}。",
    ),
    "optim_names_partial": ErrorText(
        ValueError,
        "all optimizer params should be with/without names. Some param names are missing",
        "give every parameter as a (name, tensor) pair, as model.named_parameters() does, or none of them.",
        "要么每个参数都写成 (名字, 张量) 对（就像 model.named_parameters() 那样），要么都不写名字。",
    ),
    "optim_names_mixed": ErrorText(
        ValueError,
        "all optimizer param groups should be with/without names. cannot add param group {which} to the "
        "optimizer",
        "either every parameter group names its parameters (named_parameters()) or none does.",
        "要么所有参数组都带名字（named_parameters()），要么都不带。",
    ),
    "optim_not_tensor": ErrorText(
        TypeError,
        "optimizer can only optimize Tensors, but one of the params is {type_name}",
        "the list must hold the tensors themselves (created with requires_grad=True), not numbers or nested "
        "lists.",
        "列表里必须是张量本身（用 requires_grad=True 创建），而不是数字或嵌套的列表。",
    ),
    "optim_non_leaf": ErrorText(
        ValueError,
        "can't optimize a non-leaf Tensor",
        "this tensor was computed from others, so the optimizer cannot change it; optimize the tensors you "
        "created with requires_grad=True (e.g. w, not w * 2).",
        "这个张量是由别的张量计算出来的，优化器无法修改它；请优化你用 requires_grad=True 创建的张量（例如 w，而不是 "
        "w * 2）。",
    ),
    "optim_required": ErrorText(
        ValueError,
        "parameter group didn't specify a value of required optimization parameter {name}",
        "this optimizer has no default for {name}: give it to the optimizer, or in every parameter group.",
        "这个优化器的 {name} 没有默认值：请在创建优化器时给出，或者在每个参数组里给出。",
    ),
    "optim_param_in_two_groups": ErrorText(
        ValueError,
        "some parameters appear in more than one parameter group",
        "each tensor may be in one parameter group only: the groups give different settings to different "
        "tensors.",
        "每个张量只能属于一个参数组：参数组是为不同的张量设置不同的选项。",
    ),
    "optim_load_group_count": ErrorText(
        ValueError,
        "loaded state dict has a different number of parameter groups",
        "the saved optimizer had another number of parameter groups than this one; build this optimizer the "
        "way the saved one was built.",
        "保存的优化器和这个优化器的参数组数量不同；请按保存时的方式创建这个优化器。",
    ),
    "optim_load_group_size": ErrorText(
        ValueError,
        "loaded state dict contains a parameter group that doesn't match the size of optimizer's group",
        "a saved parameter group holds another number of tensors than this optimizer's; build the model and "
        "optimizer the way the saved ones were built.",
        "保存的某个参数组中的张量数量和这个优化器的不同；请按保存时的方式创建模型和优化器。",
    ),
    "optim_invalid_value": ErrorText(
        ValueError,
        "Invalid {what}: {value}",
        "an optimizer's settings (lr, momentum, weight_decay, eps ...) cannot be negative; use 0 or more.",
        "优化器的设置（lr、momentum、weight_decay、eps 等）不能为负数；请使用 0 或更大的值。",
    ),
    "optim_invalid_beta": ErrorText(
        ValueError,
        "Invalid beta parameter at index {index}: {value}",
        "betas are decay rates from 0 up to (not including) 1, e.g. betas=(0.9, 0.999).",
        "betas 是衰减率，取值在 0（含）到 1（不含）之间，例如 betas=(0.9, 0.999)。",
    ),
    "optim_betas_type": ErrorText(
        ValueError,
        "betas must be either both floats or both Tensors",
        "write the betas as floats, e.g. betas=(0.9, 0.999), not (0, 0.999).",
        "请把 betas 写成浮点数，例如 betas=(0.9, 0.999)，而不是 (0, 0.999)。",
    ),
    "optim_nesterov": ErrorText(
        ValueError,
        "Nesterov momentum requires a momentum and zero dampening",
        "nesterov=True looks ahead along the momentum, so it needs momentum > 0 (e.g. 0.9) and dampening=0.",
        "nesterov=True 沿着动量方向向前看一步，所以需要 momentum > 0（例如 0.9）并且 dampening=0。",
    ),
    "scheduler_not_optimizer": ErrorText(
        TypeError,
        "{name} is not an Optimizer",
        "a scheduler changes an optimizer's learning rate: pass the optimizer, e.g. StepLR(optimizer, "
        "step_size=10).",
        "学习率调度器修改的是优化器的学习率：请传入优化器，例如 StepLR(optimizer, step_size=10)。",
    ),
    "scheduler_no_initial_lr": ErrorText(
        KeyError,
        "param 'initial_lr' is not specified in param_groups[{index}] when resuming scheduler with last_epoch "
        ">= 0.\nThis typically happens when:\n1. You're trying to resume training from a checkpoint but "
        "haven't properly loaded the optimizer state\n2. You're using last_epoch >= 0 for a fresh training run "
        "(not recommended)",
        "leave last_epoch at -1 to start a schedule; to resume one, load the optimizer's state_dict first.",
        "开始一个新的学习率计划时请让 last_epoch 保持 -1；要继续之前的计划，请先加载优化器的 state_dict。",
    ),
    "scheduler_lambda_count": ErrorText(
        ValueError,
        "Expected {expected} lr_lambdas, but got {got}",
        "give one function for all parameter groups, or a list with one function per group.",
        "请给出一个用于所有参数组的函数，或者给出每个参数组各一个函数的列表。",
    ),
    # -- torch.utils.data: datasets and loaders ---------------------------------------------
    "dataset_no_getitem": ErrorText(
        NotImplementedError,
        "Subclasses of Dataset should implement __getitem__.",
        "a Dataset subclass says how to get sample i: define __getitem__(self, index) (and __len__(self)).",
        "Dataset 的子类需要说明如何取第 i 个样本：请定义 __getitem__(self, index)（以及 __len__(self)）。",
    ),
    "tensor_dataset_sizes": ErrorText(
        AssertionError,
        "Size mismatch between tensors",
        "every tensor needs one row per sample, but their first dimensions are {lengths}.",
        "每个张量都需要每个样本一行，但它们的第一维大小分别是 {lengths}。",
    ),
    "split_fraction": ErrorText(
        ValueError,
        "Fraction at index {index} is not between 0 and 1",
        "fractions say what share of the dataset each piece gets, e.g. [0.8, 0.2].",
        "比例表示每一部分占数据集的份额，例如 [0.8, 0.2]。",
    ),
    "split_lengths": ErrorText(
        ValueError,
        "Sum of input lengths does not equal the length of the input dataset!",
        "the pieces must add up to the whole dataset: give lengths that sum to len(dataset), or fractions "
        "that sum to 1.",
        "各部分加起来必须等于整个数据集：请给出总和等于 len(dataset) 的长度，或者总和为 1 的比例。",
    ),
    "sampler_replacement": ErrorText(
        TypeError,
        "replacement should be a boolean value, but got replacement={value}",
        "write replacement=True or replacement=False.",
        "请写 replacement=True 或 replacement=False。",
    ),
    "sampler_num_samples": ErrorText(
        ValueError,
        "num_samples should be a positive integer value, but got num_samples={value}",
        "num_samples is how many indices one pass gives: a whole number of at least 1 (an empty dataset "
        "has none to give).",
        "num_samples 是每一轮给出的索引个数：必须是至少为 1 的整数（空数据集没有索引可给）。",
    ),
    "batch_size_invalid": ErrorText(
        ValueError,
        "batch_size should be a positive integer value, but got batch_size={value}",
        "batch_size is how many samples go into one batch: a whole number of at least 1, e.g. batch_size=32.",
        "batch_size 是每个批次的样本数：必须是至少为 1 的整数，例如 batch_size=32。",
    ),
    "drop_last_invalid": ErrorText(
        ValueError,
        "drop_last should be a boolean value, but got drop_last={value}",
        "write drop_last=True or drop_last=False.",
        "请写 drop_last=True 或 drop_last=False。",
    ),
    "num_workers_negative": ErrorText(
        ValueError,
        "num_workers option should be non-negative; use num_workers=0 to disable multiprocessing.",
        "num_workers is a number of worker processes: 0 or more.",
        "num_workers 是工作进程的个数：必须是 0 或更大的数。",
    ),
    "sampler_and_shuffle": ErrorText(
        ValueError,
        "sampler option is mutually exclusive with shuffle",
        "a sampler already decides the order; leave shuffle out when you pass one.",
        "采样器已经决定了顺序；传入采样器时请不要再设置 shuffle。",
    ),
    "batch_sampler_exclusive": ErrorText(
        ValueError,
        "batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last",
        "a batch_sampler already decides the batches; leave batch_size, shuffle, sampler and drop_last out.",
        "batch_sampler 已经决定了如何分批；请不要再设置 batch_size、shuffle、sampler 和 drop_last。",
    ),
    "batch_size_none_drop_last": ErrorText(
        ValueError,
        "batch_size=None option disables auto-batching and is mutually exclusive with drop_last",
        "with batch_size=None the samples come one by one, so there is no last batch to drop.",
        "batch_size=None 时样本逐个给出，没有最后一个批次可以丢弃。",
    ),
    "loader_frozen_attribute": ErrorText(
        ValueError,
        "{name} attribute should not be set after {loader} is initialized",
        "make a new DataLoader with the {name} you want instead.",
        "请用想要的 {name} 重新创建一个 DataLoader。",
    ),
    "collate_sizes": ErrorText(
        RuntimeError,
        "each element in list of batch should be of equal size",
        "the samples of a batch must have the same number of items (e.g. every sample an (x, y) pair).",
        "同一批次中的样本必须有相同数量的元素（例如每个样本都是一个 (x, y) 对）。",
    ),
    "collate_type": ErrorText(
        TypeError,
        "default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; found {found}",
        "make __getitem__ return tensors, numbers, or tuples, lists and dicts of them; or pass your own "
        "collate_fn to the DataLoader.",
        "请让 __getitem__ 返回张量、数字，或由它们组成的元组、列表和字典；或者给 DataLoader 传入你自己的 collate_fn。",
    ),
    # -- s13_data: worker options, simulated workers, StackDataset -----------------------------------------
    "loader_timeout_negative": ErrorText(
        ValueError,
        "timeout option should be non-negative",
        "timeout is how many seconds to wait for a batch from the workers: 0 (wait as long as it takes) or more.",
        "timeout 是等待工作进程送来一个批次的秒数：0（一直等）或更大的数。",
    ),
    "loader_prefetch_without_workers": ErrorText(
        ValueError,
        "prefetch_factor option could only be specified in multiprocessing.let num_workers > 0 to enable "
        "multiprocessing, otherwise set prefetch_factor to None.",
        "prefetch_factor is how many batches each worker loads ahead; without workers (num_workers=0) leave it out.",
        "prefetch_factor 是每个工作进程提前加载的批次数；没有工作进程（num_workers=0）时请不要设置它。",
    ),
    "loader_prefetch_negative": ErrorText(
        ValueError,
        "prefetch_factor option should be non-negative",
        "prefetch_factor is how many batches each worker loads ahead: a whole number of at least 1 (default 2).",
        "prefetch_factor 是每个工作进程提前加载的批次数：至少为 1 的整数（默认 2）。",
    ),
    "loader_prefetch_zero": ErrorText(
        AssertionError,
        "prefetch_factor must be greater than 0 for MultiProcessingDataLoaderIter",
        "with prefetch_factor=0 no worker would ever be given a batch to load: use 1 or more (default 2).",
        "prefetch_factor=0 时不会有工作进程被分配批次：请用 1 或更大的数（默认 2）。",
    ),
    "loader_persistent_without_workers": ErrorText(
        ValueError,
        "persistent_workers option needs num_workers > 0",
        "persistent_workers keeps the worker processes between epochs; without workers there is nothing to keep.",
        "persistent_workers 让工作进程在各轮之间保留；没有工作进程时没有什么可保留的。",
    ),
    "loader_context_without_workers": ErrorText(
        ValueError,
        "multiprocessing_context can only be used with multi-process loading (num_workers > 0), but got "
        "num_workers={workers}",
        "multiprocessing_context says how worker processes start; set num_workers > 0, or leave it out.",
        "multiprocessing_context 决定工作进程如何启动；请设置 num_workers > 0，或者不要设置它。",
    ),
    "loader_context_method": ErrorText(
        ValueError,
        "multiprocessing_context option should specify a valid start method in {methods!r}, but got "
        "multiprocessing_context={context!r}",
        "name one of the start methods listed, e.g. multiprocessing_context='spawn'.",
        "请写出列出的启动方式之一，例如 multiprocessing_context='spawn'。",
    ),
    "loader_context_type": ErrorText(
        TypeError,
        "multiprocessing_context option should be a valid context object or a string specifying the start "
        "method, but got multiprocessing_context={context}",
        "give a start method's name ('spawn', 'fork', ...) or multiprocessing.get_context('spawn').",
        "请给出启动方式的名字（'spawn'、'fork' 等）或 multiprocessing.get_context('spawn')。",
    ),
    "loader_timeout_single_process": ErrorText(
        AssertionError,
        "_SingleProcessDataLoaderIter requires timeout == 0",
        "timeout only applies to batches from worker processes: set num_workers > 0, or leave timeout out.",
        "timeout 只适用于工作进程送来的批次：请设置 num_workers > 0，或者不要设置 timeout。",
    ),
    "loader_worker_error": ErrorText(
        RuntimeError,
        "Caught {name} {where}.\nOriginal {traceback}",
        "the error above happened in your dataset (or collate_fn, worker_init_fn) while a worker loaded a "
        "batch; with num_workers=0 it shows where it happens directly.",
        "上面的错误发生在工作进程加载批次时你的数据集（或 collate_fn、worker_init_fn）中；用 num_workers=0 可以直接看到出错的位置。",
    ),
    "stack_dataset_both": ErrorText(
        ValueError,
        "Supported either ``tuple``- (via ``args``) or``dict``- (via ``kwargs``) like input/output, but both "
        "types are given.",
        "give the datasets either all by position (samples come as tuples) or all by name (samples come as dicts).",
        "请把数据集要么全部按位置给出（样本是元组），要么全部按名字给出（样本是字典）。",
    ),
    "stack_dataset_none": ErrorText(
        ValueError,
        "At least one dataset should be passed",
        "give the datasets to put side by side, e.g. StackDataset(images, labels).",
        "请给出要并列组合的数据集，例如 StackDataset(images, labels)。",
    ),
    "stack_dataset_sizes": ErrorText(
        ValueError,
        "Size mismatch between datasets",
        "sample i of each dataset goes together, so every dataset needs the same len().",
        "各数据集的第 i 个样本组合在一起，所以每个数据集的 len() 必须相同。",
    ),
    "stack_dataset_items": ErrorText(
        ValueError,
        "Nested dataset's output size mismatch. Expected {expected}, got {got}",
        "a dataset's __getitems__(indices) must return one sample per index.",
        "数据集的 __getitems__(indices) 必须为每个索引返回一个样本。",
    ),
    # -- autograd.functional, custom Functions, gradcheck ------------------------------------------
    "functional_not_tensors": ErrorText(
        TypeError,
        "The {what} given to {function} must be either a Tensor or a tuple of Tensors but the {which} has "
        "type {type_repr}.",
        "these functions take and return one tensor or a tuple of tensors: wrap numbers with "
        "torch.tensor(...) and write a tuple, not a list.",
        "这些函数接收和返回的都是一个张量或张量的元组：数要用 torch.tensor(...) 包起来，列表要改成元组。",
    ),
    "functional_v_none_output": ErrorText(
        RuntimeError,
        "The vector v can only be None if the user-provided function returns a single Tensor with a single "
        "element.",
        "v says how much each output element counts; pass a tensor shaped like the output, e.g. "
        "torch.ones_like(output).",
        "v 表示每个输出元素的权重；请传入一个与输出形状相同的张量，例如 torch.ones_like(output)。",
    ),
    "functional_v_none_input": ErrorText(
        RuntimeError,
        "The vector v can only be None if the input to the user-provided function is a single Tensor with "
        "a single element.",
        "v is the direction to differentiate in; pass a tensor shaped like the input (or a tuple, one per "
        "input).",
        "v 是求导的方向；请传入一个与输入形状相同的张量（多个输入时传入元组，每个输入一个）。",
    ),
    "functional_v_length": ErrorText(
        RuntimeError,
        "v is a tuple of invalid length: should be {expected} but got {got}.",
        "give v one tensor for each tensor it pairs with.",
        "v 要为与它配对的每个张量各给一个张量。",
    ),
    "functional_v_single": ErrorText(
        RuntimeError,
        "The given v should contain a single Tensor.",
        "it pairs with a single tensor, so pass v as one tensor, not a tuple.",
        "它只与一个张量配对，所以 v 应该是一个张量，而不是元组。",
    ),
    "functional_v_size": ErrorText(
        RuntimeError,
        "{prefix}v has invalid size: should be {expected} but got {got}.",
        "each tensor of v must have the shape of the tensor it pairs with.",
        "v 中的每个张量都必须与它配对的张量形状相同。",
    ),
    "functional_not_single_tensor": ErrorText(
        RuntimeError,
        "The function given to {function} should return a single Tensor",
        "second derivatives are taken of a scalar function: return one tensor, e.g. loss.sum().",
        "二阶导数针对的是标量函数：请返回一个张量，例如 loss.sum()。",
    ),
    "functional_not_single_element": ErrorText(
        RuntimeError,
        "The Tensor returned by the function given to {function} should contain a single element",
        "second derivatives are taken of a scalar function: reduce the result, e.g. with .sum().",
        "二阶导数针对的是标量函数：请把结果化为标量，例如使用 .sum()。",
    ),
    "functional_strict_outputs_no_grad": ErrorText(
        RuntimeError,
        "Output {index} of the user-provided function does not require gradients. The outputs must be "
        "computed in a differentiable manner from the input when running in strict mode.",
        "this output is not computed from the inputs (a constant, or made under no_grad or with .detach()); "
        "compute it from them, or pass strict=False to get zeros.",
        "这个输出不是由输入计算出来的（是常量，或在 no_grad 下、用 .detach() 得到的）；请由输入计算它，"
        "或者传入 strict=False 得到全零。",
    ),
    "functional_strict_independent": ErrorText(
        RuntimeError,
        "The output of the user-provided function is independent of input {index}. This is not allowed in "
        "strict mode.",
        "the function never uses this input, so its derivative is zero; pass strict=False to get the zeros.",
        "函数没有用到这个输入，所以它的导数为零；传入 strict=False 可以得到这些零。",
    ),
    "functional_strict_output_input": ErrorText(
        RuntimeError,
        "Output {output} of the user-provided function is independent of input {index}. This is not "
        "allowed in strict mode.",
        "this output does not use this input, so that block of the Jacobian is zero; pass strict=False to "
        "get the zeros.",
        "这个输出没有用到这个输入，所以雅可比矩阵的这一块为零；传入 strict=False 可以得到这些零。",
    ),
    "functional_strict_grad_inputs_no_grad": ErrorText(
        RuntimeError,
        "The gradient with respect to input {index} is independent of the inputs of the user-provided "
        "function. This is not allowed in strict mode.",
        "jvp differentiates the backward pass a second time, and this input's gradient is constant; pass "
        "strict=False.",
        "jvp 会对反向传播再求一次导，而这个输入的梯度是常量；请传入 strict=False。",
    ),
    "functional_strict_jacobian_no_grad": ErrorText(
        RuntimeError,
        "While computing the hessian, found that the jacobian of the user-provided function with respect "
        "to input {index} is independent of the input. This is not allowed in strict mode. You should "
        "ensure that your function is twice differentiable and that the jacobian depends on the inputs "
        "(this would be violated by a linear function for example).",
        "the gradient here is constant (the function is linear in this input), so the Hessian is zero; "
        "pass strict=False to get the zeros.",
        "这里的梯度是常量（函数对这个输入是线性的），所以黑塞矩阵为零；传入 strict=False 可以得到这些零。",
    ),
    "functional_strict_hessian_no_grad": ErrorText(
        RuntimeError,
        "The hessian of the user-provided function with respect to input {index} is independent of the "
        "input. This is not allowed in strict mode. You should ensure that your function is thrice "
        "differentiable and that the hessian depends on the inputs.",
        "the Hessian here does not change with the input; pass strict=False.",
        "这里的黑塞矩阵不随输入变化；请传入 strict=False。",
    ),
    "functional_strict_back_trick": ErrorText(
        RuntimeError,
        "The gradient with respect to the input is independent of entry {index} in the grad_outputs when "
        "using the double backward trick to compute forward mode gradients. This is not allowed in strict "
        "mode.",
        "this output does not depend on the inputs, so its Jacobian-vector product is zero; pass "
        "strict=False to get the zeros.",
        "这个输出不依赖于输入，所以它的雅可比-向量积为零；传入 strict=False 可以得到这些零。",
    ),
    "functional_strict_double_back": ErrorText(
        RuntimeError,
        "The jacobian of the user-provided function is independent of input {index}. This is not allowed "
        "in strict mode.",
        "the gradient does not change with this input, so the Hessian's part for it is zero; pass "
        "strict=False to get the zeros.",
        "梯度不随这个输入变化，所以黑塞矩阵中与它相关的部分为零；传入 strict=False 可以得到这些零。",
    ),
    "functional_strict_double_back_trick": ErrorText(
        RuntimeError,
        "The hessian of the user-provided function is independent of entry {index} in the grad_jacobian. "
        "This is not allowed in strict mode as it prevents from using the double backward trick to replace "
        "forward mode AD.",
        "the Hessian does not depend on this entry; pass strict=False to get zeros, or use vhp, which "
        "needs no trick.",
        "黑塞矩阵与这一项无关；请传入 strict=False 得到全零，或者改用不需要这个技巧的 vhp。",
    ),
    "functional_strict_jacobian_constant": ErrorText(
        RuntimeError,
        "The jacobian of the user-provided function is independent of input {index}. This is not allowed "
        "in strict mode when create_graph=True.",
        "with create_graph=True the result should be differentiable, but it is constant here (a linear "
        "function); pass strict=False.",
        "create_graph=True 时结果应当可以再求导，但这里它是常量（线性函数）；请传入 strict=False。",
    ),
    "functional_strict_hessian_constant": ErrorText(
        RuntimeError,
        "The hessian of the user-provided function is independent of input {index}. This is not allowed "
        "in strict mode when create_graph=True.",
        "with create_graph=True the result should be differentiable, but the Hessian is constant here; pass "
        "strict=False.",
        "create_graph=True 时结果应当可以再求导，但这里黑塞矩阵是常量；请传入 strict=False。",
    ),
    "functional_strategy": ErrorText(
        AssertionError,
        'Expected strategy to be either "forward-mode" or "reverse-mode".',
        'If your function has more outputs than inputs, "forward-mode" tends to be more performant. '
        'Otherwise, prefer to use "reverse-mode".',
        '函数的输出比输入多时，"forward-mode" 往往更快；否则请用 "reverse-mode"。',
    ),
    "functional_forward_create_graph": ErrorText(
        NotImplementedError,
        'torch.autograd.functional.jacobian: `create_graph=True` and `strategy="forward-mode"` are not '
        'supported together (yet). Please either set `create_graph=False` or `strategy="reverse-mode"`.',
        'for a differentiable Jacobian leave strategy at its default, "reverse-mode".',
        '需要可再求导的雅可比矩阵时，请让 strategy 保持默认值 "reverse-mode"。',
    ),
    "functional_forward_strict": ErrorText(
        RuntimeError,
        'torch.autograd.functional.jacobian: `strict=True` and `strategy="forward-mode"` are not '
        'supported together (yet). Please either set `strict=False` or `strategy="reverse-mode"`.',
        'strict checks need the default strategy, "reverse-mode".',
        'strict 检查需要默认的 strategy，即 "reverse-mode"。',
    ),
    "functional_forward_not_vectorized": ErrorText(
        NotImplementedError,
        "Computing Jacobian using forward-AD or forward-over-reverse Hessian isonly implemented for "
        "`vectorize=True`.",
        'pass vectorize=True with strategy="forward-mode", or leave strategy at "reverse-mode".',
        '使用 strategy="forward-mode" 时请同时传入 vectorize=True，或者让 strategy 保持 "reverse-mode"。',
    ),
    "functional_vectorize_strict": ErrorText(
        RuntimeError,
        "torch.autograd.functional.jacobian: `strict=True` and `vectorized=True` are not supported "
        "together. Please either set `strict=False` or `vectorize=False`.",
        "choose one of the two: the strict checks run only row by row.",
        "两者只能选一个：strict 检查只能逐行进行。",
    ),
    "function_invalid_gradient": ErrorText(
        RuntimeError,
        "Function {name}Backward returned an invalid gradient at index {index} - got {got} but expected "
        "shape compatible with {expected}",
        "backward returns, for each input, a gradient of that input's shape (or one that sums down to it, "
        "as broadcasting does).",
        "backward 要为每个输入返回与该输入形状相同的梯度（或者能像广播那样求和成该形状的梯度）。",
    ),
    "function_grad_for_non_tensor": ErrorText(
        RuntimeError,
        "function {name}Backward returned a gradient different than None at position {position}, but the "
        "corresponding forward input was not a Variable",
        "return None for an input of forward that is not a tensor (a number, a flag).",
        "forward 中不是张量的输入（数、开关）对应的梯度请返回 None。",
    ),
    "function_save_not_tensor": ErrorText(
        TypeError,
        "save_for_backward can only save variables, but argument {index} is of type {type_name}",
        "save_for_backward keeps tensors only; keep other values as attributes of ctx, e.g. ctx.scale = scale.",
        "save_for_backward 只保存张量；其他值请作为 ctx 的属性保存，例如 ctx.scale = scale。",
    ),
    "function_unexpected_keyword": ErrorText(
        TypeError,
        "forward() got an unexpected keyword argument '{name}'",
        "apply passes keyword arguments to forward by the names of its parameters; check the spelling.",
        "apply 按 forward 的参数名传递关键字参数；请检查拼写。",
    ),
    "function_keyword_twice": ErrorText(
        TypeError,
        "forward() got multiple values for argument '{name}'",
        "this argument was given both by position and by name; give it once.",
        "这个参数既按位置又按名字给出了；请只给一次。",
    ),
    "function_missing_argument": ErrorText(
        TypeError,
        "forward() missing required argument: '{name}' (position {position})",
        "an argument after it was given by name, so this one must be given too.",
        "它后面的参数是按名字给出的，所以这个参数也必须给出。",
    ),
    "function_backward_and_vjp": ErrorText(
        RuntimeError,
        "Implementing both 'backward' and 'vjp' for a custom Function is not allowed. You should only "
        "implement one of them.",
        "vjp is another name for backward; keep only backward.",
        "vjp 是 backward 的另一个名字；只保留 backward 即可。",
    ),
    "function_no_setup_context": ErrorText(
        NotImplementedError,
        "setup_context is not implemented.",
        "define setup_context(ctx, inputs, output) as a @staticmethod, or take ctx in forward instead.",
        "请把 setup_context(ctx, inputs, output) 定义为 @staticmethod，或者改为在 forward 中接收 ctx。",
    ),
    "function_legacy_call": ErrorText(
        RuntimeError,
        "Legacy autograd function with non-static forward method is deprecated. Please use new-style "
        "autograd function with static forward method. (Example: "
        "https://pytorch.org/docs/stable/autograd.html#torch.autograd.Function)",
        "make forward and backward @staticmethods that take ctx first, and call MyFunction.apply(x) on the "
        "class itself.",
        "请把 forward 和 backward 写成第一个参数为 ctx 的 @staticmethod，并在类本身上调用 MyFunction.apply(x)。",
    ),
    "function_mark_dirty_leaf": ErrorText(
        RuntimeError,
        "a leaf Variable that requires grad has been used in an in-place operation.",
        "forward changed a tensor you created with requires_grad=True; change a copy instead (x.clone()).",
        "forward 修改了你用 requires_grad=True 创建的张量；请改为修改它的副本（x.clone()）。",
    ),
    "once_differentiable_twice": ErrorText(
        RuntimeError,
        "trying to differentiate twice a function that was marked with @once_differentiable",
        "this backward is not recorded, so it has no derivative of its own; remove @once_differentiable and "
        "compute backward with tensor operations to get one.",
        "这个 backward 没有被记录，所以它自身没有导数；如需二阶导数，请去掉 @once_differentiable，"
        "并用张量运算实现 backward。",
    ),
    "gradcheck_no_input_requires_grad": ErrorText(
        ValueError,
        "gradcheck expects at least one input tensor to require gradient, but none of them have "
        "requires_grad=True.",
        "create the inputs to check with requires_grad=True.",
        "请用 requires_grad=True 创建要检查的输入。",
    ),
    "gradcheck_stride_zero": ErrorText(
        RuntimeError,
        "The {index}th input has a dimension with stride 0. gradcheck only supports inputs that are "
        "non-overlapping to be able to compute the numerical gradients correctly. You should call "
        ".contiguous on the input before passing it to gradcheck.",
        "an expanded tensor keeps one value for several elements, so nudging one nudges them all; pass a "
        "copy made with .clone().",
        "expand 得到的张量让多个元素共用一个值，轻推一个就会推动全部；请传入用 .clone() 得到的副本。",
    ),
    "gradcheck_not_reentrant": ErrorText(
        RuntimeError,  # raised as GradcheckError
        "Backward is not reentrant, i.e., running backward with same input and grad_output multiple times "
        "gives different values, although analytical gradient matches numerical gradient.The tolerance "
        "for nondeterminism was {nondet_tol}.",
        "two backward passes from the same point gave different gradients: backward must not depend on "
        "randomness or on what an earlier call left behind (or pass a larger nondet_tol).",
        "从同一点出发的两次反向传播得到了不同的梯度：backward 不能依赖随机数或之前调用留下的状态（或者传入更大的 nondet_tol）。",
    ),
    "gradcheck_not_multiplied": ErrorText(
        RuntimeError,  # raised as GradcheckError
        "backward not multiplied by grad_output",
        "when the gradient coming in is zero, backward must send zeros: multiply by it.",
        "传入的梯度为零时，backward 也必须传出零：请乘上传入的梯度。",
    ),
    "gradcheck_no_mode": ErrorText(
        AssertionError,
        "Expected at least one of check_forward_ad or check_backward_ad to be True",
        "leave check_backward_ad at its default, True.",
        "请让 check_backward_ad 保持默认值 True。",
    ),
    # -- forward-mode AD (autograd.forward_ad) --------------------------------------------------------
    "forward_ad_no_level": ErrorText(
        RuntimeError,
        "Trying to create a dual Tensor for forward AD but no level exists, make sure to enter_dual_level() first.",
        "make dual tensors inside a `with torch.autograd.forward_ad.dual_level():` block.",
        "请在 `with torch.autograd.forward_ad.dual_level():` 块里面创建对偶张量。",
    ),
    "forward_ad_nested": ErrorText(
        RuntimeError,
        "Nested forward mode AD is not supported at the moment",
        "one dual_level at a time: finish the first `with dual_level():` block before starting another.",
        "同一时间只能有一个 dual_level：先结束第一个 `with dual_level():` 块，再开始下一个。",
    ),
    "forward_ad_exit_level": ErrorText(
        RuntimeError,
        "Trying to exit a forward AD level that was not the last one that was created. This is not supported.",
        "exit the level you entered last; `with dual_level():` does this for you.",
        "请退出最后进入的那一层；用 `with dual_level():` 会自动完成。",
    ),
    "forward_ad_not_float": ErrorText(
        ValueError,
        "Expected {name} to be floating point or complex, but got: {dtype}",
        "derivatives need real numbers: convert it first, e.g. x.float().",
        "求导需要浮点数：请先转换，例如 x.float()。",
    ),
    "forward_ad_tangent_size": ErrorText(
        RuntimeError,
        "Trying to set a forward gradient that has a different size than that of the original Tensor, this is "
        "not supported. Tensor is of size {size} while the given forward gradient is of size {tangent_size}.",
        "the tangent is a direction for every element: give it the primal's shape, e.g. torch.randn_like(x).",
        "切向量为每个元素指定一个方向：请让它与原张量形状相同，例如 torch.randn_like(x)。",
    ),
    "gradcheck_forward_mismatch": ErrorText(
        RuntimeError,  # raised as gradcheck's GradcheckError, a RuntimeError
        "Jacobian computed with forward mode mismatch for output {output} with respect to input {index},\n"
        "numerical:{numerical}\nanalytical:{analytical}\n",
        "the forward-mode derivative (analytical, e.g. your Function's jvp) differs from the slope measured by "
        "nudging each input (numerical); check the jvp formula, and use float64.",
        "前向模式算出的导数（analytical，例如你的 Function 的 jvp）与轻推每个输入测得的斜率（numerical）不一致；"
        "请检查 jvp 公式，并使用 float64。",
    ),
    "function_no_jvp": ErrorText(
        NotImplementedError,
        "You must implement the jvp function for custom autograd.Function to use it with forward mode AD.",
        "forward-mode AD (make_dual) needs a jvp(ctx, *tangents) staticmethod that returns the output's tangent.",
        "前向模式自动微分（make_dual）需要一个 jvp(ctx, *tangents) 静态方法，返回输出的切向量。",
    ),
    "gradcheck_numerical_not_zero": ErrorText(
        RuntimeError,  # raised as GradcheckError
        "Numerical gradient for function expected to be zero",
        "no output requires grad, yet nudging the inputs changes the outputs: the function cut the graph "
        "somewhere (.detach(), no_grad, .numpy()).",
        "没有输出需要梯度，但轻推输入会改变输出：函数在某处切断了计算图（.detach()、no_grad、.numpy()）。",
    ),
    "dtype_no_values": ErrorText(
        TypeError,
        "autograd_lab has no {name} tensors: NumPy, which holds the values, has no {name} type.",
        "PyTorch uses {name} to save memory on GPUs; here use torch.float32, PyTorch's default (or float16).",
        "PyTorch 在 GPU 上用 {name} 节省内存；这里请用 PyTorch 的默认类型 torch.float32（或 float16）。",
    ),
    "dtype_not_here": ErrorText(
        AttributeError,
        "module 'autograd_lab' has no attribute '{name}'",
        "this teaching library's floats are float16, float32 and float64 (no {name}): use torch.float32, "
        "PyTorch's default.",
        "这个教学库的浮点类型只有 float16、float32 和 float64（没有 {name}）：请用 PyTorch 的默认类型 torch.float32。",
    ),
    "complex_not_here": ErrorText(
        AttributeError,
        "module 'autograd_lab' has no attribute '{name}'",
        "torch.{name} works with complex numbers, which this teaching library does not have (its floats "
        "are float16, float32 and float64).",
        "torch.{name} 处理的是复数，而这个教学库没有复数（它的浮点类型只有 float16、float32 和 float64）。",
    ),
    "eig_not_here": ErrorText(
        AttributeError,
        "module 'autograd_lab.linalg' has no attribute '{name}'",
        "torch.linalg.{name} gives complex eigenvalues, which this teaching library does not have; for a "
        "symmetric matrix torch.linalg.eigh gives the same eigenvalues as real numbers.",
        "torch.linalg.{name} 给出复数特征值，而这个教学库没有复数；对称矩阵可以用 torch.linalg.eigh，"
        "它以实数给出同样的特征值。",
    ),
    # -- mixed precision: torch.amp's autocast and GradScaler --------------------------------------------
    "amp_device_type_not_str": ErrorText(
        ValueError,
        "Expected `device_type` of type `str`, got: `{found}`",
        "give the device as a name: torch.autocast('cpu') or torch.autocast(device_type='cuda').",
        "设备要写成名字：torch.autocast('cpu') 或 torch.autocast(device_type='cuda')。",
    ),
    "amp_device_type_unknown": ErrorText(
        RuntimeError,
        "User specified an unsupported autocast device_type '{device}'",
        "autocast knows devices such as 'cpu' and 'cuda'.",
        "autocast 认识的设备有 'cpu'、'cuda' 等。",
    ),
    "amp_autocast_not_callable": ErrorText(
        TypeError,
        "autocast()(func) requires a callable, but got {name}. Did you mean to use autocast as a context "
        "manager? For example:\n    with torch.autocast(device_type=...):\n        output = model(input)",
        "put autocast(...) on a with line, or above a def as a decorator.",
        "把 autocast(...) 写在 with 语句里，或者作为装饰器写在 def 上面。",
    ),
    "amp_growth_factor": ErrorText(
        AssertionError,
        "The growth factor must be > 1.0.",
        "the scale grows by this factor after enough good steps, so it must be more than 1 (the default is 2.0).",
        "连续若干步正常后，缩放系数乘以这个因子增大，所以它必须大于 1（默认 2.0）。",
    ),
    "amp_backoff_factor": ErrorText(
        AssertionError,
        "The backoff factor must be < 1.0.",
        "the scale shrinks by this factor after a step with inf or NaN, so it must be less than 1 "
        "(the default is 0.5).",
        "某一步出现 inf 或 NaN 后，缩放系数乘以这个因子减小，所以它必须小于 1（默认 0.5）。",
    ),
    "amp_scale_not_started": ErrorText(
        AssertionError,
        "Attempted {what} but _scale is None.  This may indicate your script did not use scaler.scale(loss or "
        "outputs) earlier in the iteration.",
        "call scaler.scale(loss).backward() first; then scaler.step(optimizer) and scaler.update().",
        "请先调用 scaler.scale(loss).backward()，再调用 scaler.step(optimizer) 和 scaler.update()。",
    ),
    "amp_scale_outputs": ErrorText(
        ValueError,
        "outputs must be a Tensor or an iterable of Tensors",
        "scale the loss tensor: scaler.scale(loss).",
        "请缩放损失张量：scaler.scale(loss)。",
    ),
    "amp_unscale_fp16": ErrorText(
        ValueError,
        "Attempting to unscale FP16 gradients.",
        "keep the parameters in float32 (the model's own dtype); only the computation is meant to be 16-bit.",
        "参数应保持 float32（模型本来的类型）；只有计算过程才使用 16 位。",
    ),
    "amp_unscale_twice": ErrorText(
        RuntimeError,
        "unscale_() has already been called on this optimizer since the last update().",
        "unscale_ once per step, before clipping; scaler.step(optimizer) does not unscale again.",
        "每一步只调用一次 unscale_（在裁剪梯度之前）；scaler.step(optimizer) 不会再缩放一次。",
    ),
    "amp_unscale_after_step": ErrorText(
        RuntimeError,
        "unscale_() is being called after step().",
        "call scaler.unscale_(optimizer) before scaler.step(optimizer), or not at all.",
        "scaler.unscale_(optimizer) 要在 scaler.step(optimizer) 之前调用，或者干脆不调用。",
    ),
    "amp_closure": ErrorText(
        RuntimeError,
        "Closure use is not currently supported if GradScaler is enabled.",
        "call the closure yourself, then scaler.step(optimizer) without it.",
        "请自己先调用 closure，再不带它调用 scaler.step(optimizer)。",
    ),
    "amp_step_twice": ErrorText(
        RuntimeError,
        "step() has already been called since the last update().",
        "each iteration is scaler.scale(loss).backward(), scaler.step(optimizer), then scaler.update().",
        "每次迭代依次是 scaler.scale(loss).backward()、scaler.step(optimizer)、scaler.update()。",
    ),
    "amp_update_no_checks": ErrorText(
        AssertionError,
        "No inf checks were recorded prior to update.",
        "call scaler.step(optimizer) before scaler.update().",
        "请先调用 scaler.step(optimizer)，再调用 scaler.update()。",
    ),
    "amp_empty_state_dict": ErrorText(
        RuntimeError,
        "The source state dict is empty, possibly because it was saved from a disabled instance of GradScaler.",
        "a turned-off GradScaler (enabled=False, or 'cuda' without a GPU) saves nothing to load.",
        "关闭的 GradScaler（enabled=False，或没有 GPU 时的 'cuda'）不保存任何内容，无可加载。",
    ),
    # -- devices (branch random) -------------------------------------------------------------------
    "device_not_compiled": ErrorText(AssertionError, "Torch not compiled with {name} enabled", *_NO_GPU),
    "device_mps_factory": ErrorText(
        NotImplementedError,
        "Could not run 'aten::empty.memory_format' with arguments from the 'MPS' backend.",
        *_NO_GPU,
    ),
    "device_not_linked": ErrorText(
        RuntimeError, "PyTorch is not linked with support for {device_type} devices", *_NO_GPU
    ),
    "device_no_accelerator": ErrorText(
        RuntimeError,
        "Cannot access accelerator device when none is available.",
        "a number as a device means a GPU, and this machine computes on the CPU; use 'cpu'.",
        "用一个数作设备表示的是 GPU，而这里只在 CPU 上计算；请使用 'cpu'。",
    ),
    "device_invalid_string": ErrorText(
        RuntimeError,
        "Invalid device string: '{text}'",
        "a device is written 'cpu' or 'cuda', or 'cuda:1' with an index.",
        "设备写作 'cpu' 或 'cuda'，带编号时写作 'cuda:1'。",
    ),
    "device_index_twice": ErrorText(
        RuntimeError,
        "type (string) must not include an index because index was passed explicitly: {text}",
        "give the index once: torch.device('cuda:0') or torch.device('cuda', 0).",
        "编号只给一次：torch.device('cuda:0') 或 torch.device('cuda', 0)。",
    ),
    "device_negative_index": ErrorText(
        RuntimeError,
        "Device index must not be negative",
        "devices are numbered from 0; a tensor on the CPU has get_device() -1, so pass its .device instead.",
        "设备从 0 开始编号；CPU 上张量的 get_device() 是 -1，所以请改传它的 .device。",
    ),
    "device_unknown_type": ErrorText(
        RuntimeError,
        "Expected one of {known} device type at start of device string: {text}",
        "device names are lower case, such as 'cpu' or 'cuda:0'.",
        "设备名用小写字母，例如 'cpu' 或 'cuda:0'。",
    ),
    "device_invalid_combination": ErrorText(
        TypeError,
        "device() received an invalid combination of arguments - got ({types}), but expected one of:",
        "a device is a name such as 'cpu' or 'cuda:0', or a name and an index: torch.device('cuda', 0).",
        "设备是一个名字，例如 'cpu' 或 'cuda:0'，或者一个名字加一个编号：torch.device('cuda', 0)。",
    ),
    # -- the default dtype (branch random) -------------------------------------------------------------
    "default_dtype_not_float": ErrorText(
        TypeError,
        "{prefix}only floating-point types are supported as the default type",
        "the default dtype is what Python floats become: pass torch.float32 or torch.float64.",
        "默认 dtype 决定 Python 浮点数变成什么类型：请传入 torch.float32 或 torch.float64。",
    ),
    "tensor_type_no_cuda": ErrorText(
        TypeError, "type {name} not available. Torch not compiled with CUDA enabled.", *_NO_GPU
    ),
    "tensor_type_no_attribute": ErrorText(
        AttributeError, "module 'torch' has no attribute '{attribute}'", *_LEGACY_TYPE
    ),
    "tensor_type_no_module": ErrorText(ModuleNotFoundError, "No module named '{module}'", *_LEGACY_TYPE),
    # -- random numbers (branch random) ----------------------------------------------------------------
    "generator_device": ErrorText(
        RuntimeError,
        "Cannot get {name} generator without ATen_{device_type} library.",
        "autograd_lab draws its random numbers on the CPU: use torch.Generator() or torch.Generator('cpu').",
        "autograd_lab 在 CPU 上生成随机数：请使用 torch.Generator() 或 torch.Generator('cpu')。",
    ),
    "seed_overflow": ErrorText(
        ValueError,
        "Overflow when unpacking long long",
        "a seed is a whole number below 2**64, such as 0 or 42.",
        "种子是小于 2**64 的整数，例如 0 或 42。",
    ),
    "rng_state_size": ErrorText(
        RuntimeError,
        "Expected a CPUGeneratorImplState of size 628 but found the input RNG state size to be {size}",
        "pass exactly what get_rng_state() (or Generator.get_state()) returned.",
        "请原样传入 get_rng_state()（或 Generator.get_state()）返回的状态。",
    ),
    "not_a_generator": ErrorText(
        TypeError,
        "argument 'generator' must be torch.Generator, not {type_name}",
        "make one with g = torch.Generator().manual_seed(0), or leave generator= out.",
        "请用 g = torch.Generator().manual_seed(0) 创建一个生成器，或者不传 generator=。",
    ),
    "uniform_range": ErrorText(
        RuntimeError,
        "uniform_ expects to return a [from, to) range, but found from={low} > to={high}",
        "the first number is the lower end of the interval, the second the upper end.",
        "第一个数是区间的下端，第二个数是上端。",
    ),
    "normal_std": ErrorText(RuntimeError, "normal expects std >= 0.0, but found std {std}", *_STD),
    "normal_std_tensor": ErrorText(RuntimeError, "normal expects all elements of std >= 0.0", *_STD),
    "normal_invalid_combination": ErrorText(
        TypeError,
        "normal() received an invalid combination of arguments - got ({types}), but expected one of:",
        "with numbers for mean and std, give the size too, as in torch.normal(0.0, 1.0, size=(2, 3)); "
        "with a tensor of means or deviations, the result takes its shape, so leave size out.",
        "mean 和 std 都是数时，还要给出形状，例如 torch.normal(0.0, 1.0, size=(2, 3))；"
        "mean 或 std 是张量时，结果取它的形状，所以不要再给 size。",
    ),
    "random_range": ErrorText(
        RuntimeError,
        "random_ expects 'from' to be less than 'to', but got from={low} >= to={high}",
        "the numbers are drawn from low up to high - 1, so low must be smaller than high.",
        "随机数取自 low 到 high - 1，所以 low 必须小于 high。",
    ),
    "bernoulli_p": ErrorText(
        RuntimeError,
        "bernoulli_ expects p to be in [0, 1], but got p={p}",
        "p is the probability of drawing a 1, a number from 0 to 1.",
        "p 是抽到 1 的概率，是 0 到 1 之间的数。",
    ),
    "bernoulli_probabilities": ErrorText(
        RuntimeError,
        "Expected p_in >= 0 && p_in <= 1 to be true, but got false.",
        "each element is the probability of drawing a 1, a number from 0 to 1.",
        "每个元素是抽到 1 的概率，是 0 到 1 之间的数。",
    ),
    "exponential_rate": ErrorText(
        RuntimeError,
        "exponential_ expects lambda > 0.0, but found lambda={rate}",
        "lambda is the rate of the distribution (1 / its mean), a positive number.",
        "lambda 是分布的速率（均值的倒数），必须是正数。",
    ),
    "random_not_floating": ErrorText(
        NotImplementedError,
        "\"{kernel}\" not implemented for '{type_word}'",
        "this draws real numbers, so it needs a floating-point tensor: pass dtype=torch.float32.",
        "这个函数抽取的是实数，需要浮点张量：请传入 dtype=torch.float32。",
    ),
    # -- factory arguments (branch random) -------------------------------------------------------------
    "negative_dimension": ErrorText(
        RuntimeError,
        "Trying to create tensor with negative dimension {negative}: {shape}",
        "a size counts elements, so it is 0 or more.",
        "尺寸数的是元素个数，所以是 0 或更大的数。",
    ),
    "zeros_negative_dimension": ErrorText(
        RuntimeError,
        "zeros: Dimension size must be non-negative.",
        "a size counts elements, so it is 0 or more.",
        "尺寸数的是元素个数，所以是 0 或更大的数。",
    ),
    "legacy_keywords": ErrorText(
        TypeError,
        "new() received an invalid combination of arguments - got ({types}), but expected one of:",
        "the legacy constructors take values or a size, and device=; for dtype= or requires_grad= write "
        "torch.tensor(data, dtype=..., requires_grad=True).",
        "旧式构造函数只接受数据或尺寸，以及 device=；要用 dtype= 或 requires_grad= 请写 "
        "torch.tensor(data, dtype=..., requires_grad=True)。",
    ),
    "invalid_combination": ErrorText(
        TypeError,
        "{function}() received an invalid combination of arguments - got ({types}), but expected one of:",
        *_SIZE,
    ),
    "extreme_invalid_combination": ErrorText(
        TypeError,
        "{function}() received an invalid combination of arguments - got ({types}), but expected one of:",
        "{function}(dim) takes a dimension, a whole number; to compare each element with a number, use "
        "torch.{function}imum(x, torch.tensor(0.0)) or x.clamp(...).",
        "{function}(dim) 的参数是维度，即整数；要把每个元素和一个数比较，请用 "
        "torch.{function}imum(x, torch.tensor(0.0)) 或 x.clamp(...)。",
    ),
    "elementwise_other_not_tensor": ErrorText(
        TypeError,
        "{function}(): argument 'other' (position {position}) must be Tensor, not {type_name}",
        "{function} compares two tensors element by element; for a number, use torch.tensor(0.0), or x.clamp(...).",
        "{function} 逐个元素比较两个张量；要和一个数比较，请用 torch.tensor(0.0)，或者 x.clamp(...)。",
    ),
    "where_condition_dtype": ErrorText(
        RuntimeError,
        "where expected condition to be a boolean tensor, but got a tensor with dtype {dtype}",
        "the condition says where to pick: make it with a comparison, e.g. torch.where(y == 1, a, b), or .bool().",
        "条件说明从哪里取值：请用比较得到它，例如 torch.where(y == 1, a, b)，或者用 .bool()。",
    ),
    "range_without_steps": ErrorText(
        TypeError,
        "{function}() received an invalid combination of arguments - got ({types}), but expected one of:",
        "{function} needs to know how many values to make, after start and end: torch.{function}(0, 1, steps=5).",
        "{function} 需要知道要生成多少个值，写在起点和终点之后：torch.{function}(0, 1, steps=5)。",
    ),
    "size_given_twice": ErrorText(TypeError, "{function}() got multiple values for argument 'size'", *_SIZE),
    "size_missing": ErrorText(
        TypeError, '{function}() missing 1 required positional arguments: "size"', *_SIZE
    ),
    "size_not_tuple": ErrorText(
        TypeError, "{function}(): argument 'size'{where} must be tuple of ints, not {type_name}", *_SIZE
    ),
    "dim_element": ErrorText(
        TypeError,
        "{function}(): argument '{argument}' failed to unpack the object at pos {position} with error "
        '"type must be tuple of ints,but got {type_name}"',
        "dimensions and counts are whole numbers: use // where a division gives one (dim // 2, not dim / 2).",
        "维度和计数都是整数：需要整数结果的除法请用 //（写 dim // 2，不要写 dim / 2）。",
    ),
    "size_tuple_first": ErrorText(
        TypeError,
        "{function}(): argument 'size' (position 1) must be tuple of ints, but found element of type {type_name} "
        "at pos 0",
        "each size is a whole number of elements: use // where a division gives one (dim // 2, not dim / 2).",
        "每个尺寸都是元素个数，是整数：需要整数结果的除法请用 //（写 dim // 2，不要写 dim / 2）。",
    ),
    "size_element": ErrorText(
        TypeError,
        "{function}(): argument 'size' failed to unpack the object at pos {position} with error "
        '"type must be tuple of ints,but got {type_name}"',
        "each size is a whole number of elements: write 3, not 3.0.",
        "每个尺寸都是元素个数，是整数：请写 3，不要写 3.0。",
    ),
    "argument_not_int": ErrorText(
        TypeError, "{function}(): argument '{argument}' (position 1) must be int, not {type_name}", *_COUNT
    ),
    "eye_negative": ErrorText(
        RuntimeError,
        "{name} must be greater or equal to 0, got {value}",
        "it counts rows or columns, so it is 0 or more.",
        "它数的是行数或列数，所以是 0 或更大的数。",
    ),
    "arange_step_zero": ErrorText(
        RuntimeError,
        "step must be nonzero",
        "with a step of 0 the range would never reach its end.",
        "步长为 0 时，范围永远到不了终点。",
    ),
    "arange_step_sign": ErrorText(
        RuntimeError,
        "upper bound and lower bound inconsistent with step sign",
        "to count down, give a negative step, as in torch.arange(5, 0, -1).",
        "要倒着数，请给出负的步长，例如 torch.arange(5, 0, -1)。",
    ),
    "linspace_negative_steps": ErrorText(
        RuntimeError,
        "number of steps must be non-negative",
        "steps is how many values to make: 0 or more.",
        "steps 是要生成的数值个数：0 或更多。",
    ),
    # -- norms and equal (branch random) ---------------------------------------------------------------
    "norm_not_float": ErrorText(
        RuntimeError,
        "{function}: Expected a floating point or complex tensor as input. Got {type_word}",
        "a norm is a length, computed with square roots: make the tensor float first, e.g. x.float().",
        "范数是一种长度，要用平方根计算：请先把张量转成浮点型，例如 x.float()。",
    ),
    "norm_empty_inf": ErrorText(
        RuntimeError,
        "linalg.vector_norm cannot compute the inf norm on an empty tensor because the operation "
        "does not have an identity",
        "the largest absolute value of no numbers does not exist; check the tensor is not empty.",
        "空的一组数没有最大绝对值；请确认张量不是空的。",
    ),
    "vector_norm_string_ord": ErrorText(
        TypeError,
        "linalg_vector_norm(): argument 'ord' (position 2) must be Number, not str",
        "ord={ord} names a matrix norm: use torch.linalg.norm or torch.linalg.matrix_norm, "
        "or give a number such as 2.",
        "ord={ord} 指的是矩阵范数：请使用 torch.linalg.norm 或 torch.linalg.matrix_norm，或者给一个数，例如 2。",
    ),
    "matrix_norm_order": ErrorText(
        RuntimeError,
        "linalg.matrix_norm: Order {ord} not supported.",
        "a matrix norm's ord is 'fro', 'nuc', 1, -1, 2, -2, inf or -inf.",
        "矩阵范数的 ord 可以是 'fro'、'nuc'、1、-1、2、-2、inf 或 -inf。",
    ),
    "matrix_norm_not_matrix": ErrorText(
        RuntimeError,
        "linalg.matrix_norm: The input tensor A must have at least 2 dimensions.",
        "a matrix norm needs rows and columns; for a vector use torch.linalg.vector_norm.",
        "矩阵范数需要行和列；向量的范数请用 torch.linalg.vector_norm。",
    ),
    "matrix_norm_dim_pair": ErrorText(
        RuntimeError,
        "linalg.matrix_norm: dim must be a 2-tuple. Got {dims}",
        "a matrix norm runs over two dimensions, the rows and the columns: give exactly two, as in "
        "dim=(0, 1); for the 2-norm of all elements use torch.linalg.vector_norm.",
        "矩阵范数沿两个维度计算（行和列）：请正好给出两个，例如 dim=(0, 1)；"
        "所有元素的 2-范数请用 torch.linalg.vector_norm。",
    ),
    "matrix_norm_same_dims": ErrorText(
        RuntimeError,
        "linalg.matrix_norm: dims must be different. Got ({first}, {second})",
        "the two dimensions are the rows and the columns, so they must be two different ones.",
        "这两个维度分别是行和列，所以必须是不同的两个维度。",
    ),
    "linalg_norm_dims": ErrorText(
        RuntimeError,
        "linalg.norm: If dim is specified, it must be of length 1 or 2. Got {dims}",
        "one dimension gives a vector norm, two give a matrix norm; for the norm of all elements, leave dim "
        "out.",
        "一个维度计算向量范数，两个维度计算矩阵范数；要计算所有元素的范数，请不要给 dim。",
    ),
    "norm_ord_needs_dim": ErrorText(
        RuntimeError,
        "linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. Got {ndim}D.",
        "say which dimensions the norm runs over with dim=, or leave ord out for the norm of all elements.",
        "请用 dim= 指定沿哪些维计算范数，或者不给 ord，计算所有元素的范数。",
    ),
    # -- real lessons run unchanged (branch parity) ------------------------------------------------------
    "accelerator_none": ErrorText(
        RuntimeError,
        "Cannot access accelerator device when none is available.",
        "autograd_lab computes on the CPU only, so there is no accelerator; check "
        "torch.accelerator.is_available() first and use 'cpu' when it is False.",
        "autograd_lab 只在 CPU 上计算，没有加速器；请先检查 torch.accelerator.is_available()，"
        "为 False 时使用 'cpu'。",
    ),
    # -- reductions, sorting and counting (branch breadth_a) ------------------------------------------
    "std_var_not_float": ErrorText(
        RuntimeError,
        "std and var only support floating point and complex dtypes",
        "a spread of integers is usually not an integer; convert first with .float().",
        "整数的离散程度通常不是整数；请先用 .float() 转换。",
    ),
    "std_var_unbiased_and_correction": ErrorText(
        TypeError,
        "{name}() received an invalid combination of arguments - got (correction=, unbiased=), but expected "
        "one of:",
        "unbiased=False is the old spelling of correction=0: give one of them, not both.",
        "unbiased=False 是 correction=0 的旧写法：两者只能给一个。",
    ),
    "prod_one_dim": ErrorText(
        TypeError,
        "prod() received an invalid combination of arguments - got ({type_name}), but expected one of:\n"
        " * (*, torch.dtype dtype = None)\n"
        " * (int dim, bool keepdim = False, *, torch.dtype dtype = None)\n",
        "prod takes one dimension at a time: write x.prod(0).prod(0) for two.",
        "prod 一次只沿一个维度相乘：两个维度请写 x.prod(0).prod(0)。",
    ),
    "amax_empty": ErrorText(
        RuntimeError,
        "{op}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with "
        "the 'dim' argument.",
        "an empty tensor has no largest element; say along which dimension with dim=.",
        "空张量没有最大元素；请用 dim= 指定沿哪一维计算。",
    ),
    "aminmax_empty": ErrorText(
        RuntimeError,
        "aminmax(): cannot compute aminmax over an empty dimension as the operation has no identity.",
        "an empty tensor has no smallest or largest element.",
        "空张量没有最小或最大的元素。",
    ),
    "nanmean_not_float": ErrorText(
        RuntimeError,
        "nanmean(): expected input to have floating point or complex dtype but got {dtype_name}",
        "the mean of integers is usually not an integer, and integers are never NaN; convert first with .float().",
        "整数的平均值通常不是整数，而且整数不会是 NaN；请先用 .float() 转换。",
    ),
    "input_not_tensor": ErrorText(
        TypeError,
        "{function}(): argument '{argument}' (position 1) must be Tensor, not {type_name}",
        "make a tensor first: torch.{function}(torch.tensor(...)).",
        "请先创建张量：torch.{function}(torch.tensor(...))。",
    ),
    "topk_k_out_of_range": ErrorText(
        RuntimeError,
        "selected index k out of range",
        "k must be between 0 and the size of the dimension: there are not more values to pick than that.",
        "k 必须在 0 和该维的大小之间：可选的值不会比这更多。",
    ),
    "kthvalue_k_out_of_range": ErrorText(
        RuntimeError,
        "kthvalue(): selected number k out of range for dimension {dim}",
        "k counts from 1 (the smallest) up to the size of the dimension.",
        "k 从 1（最小值）数起，最大到该维的大小。",
    ),
    "nn_conv_input_bias_dtype": ErrorText(
        RuntimeError,
        "Input type ({input}) and bias type ({bias}) should be the same",
        "convert the input to the layer's dtype first: a uint8 image with images.float() / 255, a float64 "
        "array with x.float().",
        "请先把输入转成层的 dtype：uint8 图像用 images.float() / 255，float64 数组用 x.float()。",
    ),
    "nn_conv_input_weight_dtype": ErrorText(
        RuntimeError,
        "expected scalar type {input} but found {weight}",
        "the input and the convolution's weights must have one dtype: convert the input first, e.g. x.float().",
        "输入和卷积权重的 dtype 必须相同：请先转换输入，例如 x.float()。",
    ),
    "nn_conv_input_weight_type": ErrorText(
        RuntimeError,
        "Input type ({input}) and weight type ({weight}) should be the same or input should be a MKLDNN tensor "
        "and weight is a dense tensor",
        "the input and the convolution's weights must have one dtype: convert the input first, e.g. x.float().",
        "输入和卷积权重的 dtype 必须相同：请先转换输入，例如 x.float()。",
    ),
    "resize_requires_grad": ErrorText(
        RuntimeError,
        "cannot resize variables that require grad",
        "resizing would cut the tensor off from its graph: reshape it instead (x.reshape(...) or x.view(...)), "
        "which autograd follows.",
        "改变大小会让张量脱离计算图：请改用 x.reshape(...) 或 x.view(...)，autograd 能跟踪它们。",
    ),
    "resize_negative": ErrorText(
        RuntimeError,
        "numel: integer multiplication overflow",
        "every size must be 0 or more; resize_ does not take -1 (reshape does).",
        "每个维度的大小都必须 ≥ 0；resize_ 不接受 -1（reshape 接受）。",
    ),
    "arguments_count": ErrorText(
        TypeError,
        "{sentence}",
        "compare the call with help({where}): each argument has its place, and several dimensions or sizes "
        "go in one tuple.",
        "对照 help({where}) 检查这次调用：每个参数各有其位置，多个维度或大小要放在一个元组里。",
    ),
    "view_no_arguments": ErrorText(
        TypeError,
        "view() received an invalid combination of arguments - got (), but expected one of:",
        "view needs the new shape, such as x.view(2, 3) or x.view(-1) (or a dtype to read the bytes as).",
        "view 需要新的形状，例如 x.view(2, 3) 或 x.view(-1)（或者一个 dtype，按它读取这些字节）。",
    ),
    "unexpected_keyword": ErrorText(
        TypeError,
        "{function}() got an unexpected keyword argument '{name}'",
        "check its spelling against the arguments help(torch.{function}) lists.",
        "请对照 help(torch.{function}) 列出的参数检查拼写。",
    ),
    "cuda_memory_stats_cpu": ErrorText(
        AttributeError,
        "module 'torch._C' has no attribute '{name}'",
        "there are no GPU memory statistics on a CPU: guard the call with if torch.cuda.is_available():.",
        "CPU 上没有 GPU 内存统计：请把这行放在 if torch.cuda.is_available(): 之下。",
    ),
    "onnx_export": ErrorText(
        RuntimeError,  # raised as torch.onnx.OnnxExporterError, a RuntimeError
        "Exporting to ONNX is not available in autograd_lab.",
        "ONNX records a graph of PyTorch's own operators; run the same code with import torch to export.",
        "ONNX 记录的是 PyTorch 自己的算子图；请用 import torch 运行同样的代码来导出。",
    ),
    "abs_bool": ErrorText(
        NotImplementedError,
        "\"abs_cpu\" not implemented for 'Bool'",
        "True and False have no sign to remove; to count them as numbers, convert first: x.int().abs().",
        "True 和 False 没有符号可去；若要当作数来算，请先转换：x.int().abs()。",
    ),
    "nn_interpolate_dtype": ErrorText(
        NotImplementedError,
        "\"{kernel}\" not implemented for '{dtype_name}'",
        "resizing computes in-between values: convert first, x.float() (uint8 images are taken as they are).",
        "缩放要计算中间值：请先转换，x.float()（uint8 图像可以直接使用）。",
    ),
    "not_implemented_for": ErrorText(
        NotImplementedError,
        "\"{kernel}\" not implemented for '{dtype_name}'",
        "this function does not take tensors of this dtype; convert first (.long() to count, .float() for a "
        "histogram).",
        "这个函数不接受这种 dtype 的张量；请先转换（计数用 .long()，直方图用 .float()）。",
    ),
    "bincount_not_1d_int": ErrorText(
        RuntimeError,
        "bincount only supports 1-d non-negative integral inputs.",
        "bincount counts how often 0, 1, 2 ... occur: give it a 1-d tensor of whole numbers, none negative.",
        "bincount 统计 0、1、2…… 各出现几次：请给它一维、非负的整数张量。",
    ),
    "histc_min_above_max": ErrorText(
        RuntimeError,
        "torch.histc: max must be larger than min",
        "the bins run from min up to max: swap the two values.",
        "分箱从 min 到 max：请把这两个值对调。",
    ),
    "searchsorted_leading_dims": ErrorText(
        RuntimeError,
        "torch.searchsorted(): boundaries tensor should be 1 dimension or the first N-1 dimensions of boundaries "
        "tensor and input value tensor must match, but we got boundaries tensor {boundaries} and input value "
        "tensor {values}",
        "each row of values is searched in the matching row of boundaries: give 1-d boundaries, or rows that "
        "match.",
        "values 的每一行在 boundaries 的对应行里查找：请给一维的 boundaries，或行数对应的张量。",
    ),
    "bucketize_boundaries_1d": ErrorText(
        RuntimeError,
        "boundaries tensor must be 1 dimension, but got dim({ndim})",
        "the boundaries are one sorted list of numbers; for one list per row use torch.searchsorted.",
        "boundaries 是一个排好序的数列；每行各有一组边界时请用 torch.searchsorted。",
    ),
    "quantile_not_float": ErrorText(
        RuntimeError,
        "{name}() input tensor must be either float or double dtype",
        "quantiles interpolate between values, so they need floats: convert first with .float().",
        "分位数要在数值之间插值，所以需要浮点数：请先用 .float() 转换。",
    ),
    "quantile_empty": ErrorText(
        RuntimeError,
        "{name}() input tensor must be non-empty",
        "an empty tensor has no values to take a quantile of.",
        "空张量没有可以求分位数的值。",
    ),
    "quantile_q_dims": ErrorText(
        RuntimeError,
        "{name}() q must be a scalar or 1D tensor",
        "give one q as a number, or several as a 1-d tensor such as torch.tensor([0.25, 0.75]).",
        "一个 q 请写成数，多个 q 请写成一维张量，例如 torch.tensor([0.25, 0.75])。",
    ),
    "quantile_q_dtype": ErrorText(
        RuntimeError,
        "{name}() q tensor must be same dtype as the input tensor",
        "make q with the input's dtype, e.g. torch.tensor([0.5], dtype=x.dtype).",
        "请让 q 与输入的 dtype 相同，例如 torch.tensor([0.5], dtype=x.dtype)。",
    ),
    "quantile_interpolation": ErrorText(
        RuntimeError,
        "{name}() interpolation must be one of linear, lower, higher, midpoint or nearest, but got {interpolation}",
        "choose one of the five ways named to pick a value between two neighbours.",
        "请从列出的五种取值方式中选一种。",
    ),
    "quantile_q_range": ErrorText(
        RuntimeError,
        "{name}() q must be in the range [0, 1] but got {q}",
        "q is a fraction: 0.5 is the median, 0.25 the first quartile; for a percentage divide by 100.",
        "q 是一个比例：0.5 是中位数，0.25 是下四分位数；百分数请除以 100。",
    ),
    "quantile_q_tensor_range": ErrorText(
        RuntimeError,
        "{name}() q values must be in the range [0, 1]",
        "q is a fraction: 0.5 is the median, 0.25 the first quartile; for percentages divide by 100.",
        "q 是一个比例：0.5 是中位数，0.25 是下四分位数；百分数请除以 100。",
    ),
    "mean_dtype_not_float": ErrorText(
        RuntimeError,
        "mean(): could not infer output dtype. Optional dtype must be either a floating point or complex dtype. "
        "Got: {dtype_name}",
        "the mean of integers is usually not an integer; ask for a float dtype, e.g. dtype=torch.float32.",
        "整数的平均值通常不是整数；请指定浮点 dtype，例如 dtype=torch.float32。",
    ),
    "diff_0d": ErrorText(
        RuntimeError,
        "diff expects input to be at least one-dimensional",
        "differences are taken between neighbours along a dimension, and a single number has none.",
        "差分是在某一维上相邻元素之间计算的，单个数没有相邻元素。",
    ),
    # -- recurrent layers, 1-d windows, upsampling, optimizers, schedules, data (branch nn_e) ----------
    "nn_rnn_dropout": ErrorText(
        ValueError,
        "dropout should be a number in range [0, 1] representing the probability of an element being zeroed",
        "dropout is the fraction of each layer's outputs set to zero between layers, e.g. 0.2.",
        "dropout 是层与层之间被置零的输出所占的比例，例如 0.2。",
    ),
    "nn_rnn_argument_type": ErrorText(
        TypeError,
        "{name} should be of type {kind}, got: {got}",
        "give {name} as a {kind}, e.g. nn.LSTM(10, 20, batch_first=True).",
        "请把 {name} 写成 {kind} 类型，例如 nn.LSTM(10, 20, batch_first=True)。",
    ),
    "nn_rnn_size_positive": ErrorText(
        ValueError,
        "{name} must be greater than zero",
        "a layer needs at least one feature and one layer: use a whole number of 1 or more.",
        "每层至少要有一个特征、至少要有一层：请使用不小于 1 的整数。",
    ),
    "nn_rnn_proj_size_negative": ErrorText(
        ValueError,
        "proj_size should be a positive integer or zero to disable projections",
        "proj_size is the size the hidden state is projected down to; 0 means no projection.",
        "proj_size 是隐藏状态被投影到的大小；0 表示不投影。",
    ),
    "nn_rnn_proj_size_too_big": ErrorText(
        ValueError,
        "proj_size has to be smaller than hidden_size",
        "a projection makes the hidden state smaller: choose proj_size below hidden_size.",
        "投影会把隐藏状态变小：请让 proj_size 小于 hidden_size。",
    ),
    "nn_rnn_proj_size_lstm_only": ErrorText(
        ValueError,
        "proj_size argument is only supported for LSTM, not RNN or GRU",
        "only nn.LSTM projects its hidden state; leave proj_size out here.",
        "只有 nn.LSTM 会投影隐藏状态；这里请去掉 proj_size。",
    ),
    "nn_rnn_nonlinearity": ErrorText(
        ValueError,
        "Unknown nonlinearity '{name}'. Select from 'tanh' or 'relu'.",
        "a simple RNN squashes with tanh (the default) or relu.",
        "简单 RNN 只能用 tanh（默认）或 relu 作为非线性函数。",
    ),
    "nn_rnn_input_dtype": ErrorText(
        ValueError,
        "RNN input dtype ({input}) does not match weight dtype ({weight}). Convert input: input.to({weight}), "
        "or convert model: model.to({input})",
        "the input and the weights must have the same dtype: convert one of them as the sentence says.",
        "输入和权重的数据类型必须相同：按上面的提示转换其中一个。",
    ),
    "nn_rnn_input_size": ErrorText(
        RuntimeError,
        "input.size(-1) must be equal to input_size. Expected {expected}, got {got}",
        "the last dimension of the input holds the features of one time step; it must equal the layer's "
        "input_size (the first argument of nn.RNN/LSTM/GRU).",
        "输入的最后一维是每个时间步的特征数，必须等于层的 input_size（nn.RNN/LSTM/GRU 的第一个参数）。",
    ),
    "nn_rnn_hidden_size": ErrorText(
        RuntimeError,
        "Expected hidden{which} size {expected}, got {got}",
        "the initial state is (num_layers * num_directions, batch, hidden_size); check the batch size and "
        "whether batch_first changes which dimension of the input is the batch.",
        "初始状态的形状是 (num_layers * num_directions, batch, hidden_size)；请检查批大小，以及 "
        "batch_first 是否改变了输入中哪一维是批。",
    ),
    "nn_rnn_hidden_dims": ErrorText(
        RuntimeError,
        "For {batched} input, hx should also be {ndim}-D but got {got}-D tensor",
        "give the initial state as many dimensions as the input (a batch of sequences needs a batch of "
        "states).",
        "初始状态的维数要和输入一致（一批序列需要一批初始状态）。",
    ),
    "nn_lstm_hidden_dims": ErrorText(
        RuntimeError,
        "For {batched} input, hx and cx should also be {ndim}-D but got ({h}-D, {c}-D) tensors",
        "h_0 and c_0 need as many dimensions as the input (a batch of sequences needs a batch of states).",
        "h_0 和 c_0 的维数要和输入一致（一批序列需要一批初始状态）。",
    ),
    "nn_rnn_input_dims": ErrorText(
        ValueError,
        "{name}: Expected input to be 2D or 3D, got {ndim}D{noun}",
        "give a sequence as (length, features), or a batch as (length, batch, features) "
        "((batch, length, features) with batch_first=True).",
        "请把一条序列写成 (长度, 特征)，一批写成 (长度, 批, 特征)（batch_first=True 时为 (批, 长度, 特征)）。",
    ),
    "nn_rnn_empty_sequence": ErrorText(
        RuntimeError,
        "Expected sequence length to be larger than 0 in RNN",
        "the sequence has no time steps; check the dimension that holds the length (batch_first?).",
        "这个序列没有任何时间步；请检查哪一维是长度（是否需要 batch_first？）。",
    ),
    "nn_rnn_cell_dims": ErrorText(
        ValueError,
        "{name}: Expected {what} to be 1D or 2D, got {ndim}D instead",
        "a cell takes one time step: (batch, features), or (features) for a single example.",
        "单元一次只处理一个时间步：(批, 特征)，单个样本时为 (特征)。",
    ),
    "nn_rnn_cell_input_size": ErrorText(
        RuntimeError,
        "input has inconsistent input_size: got {got} expected {expected}",
        "the last dimension of the input must equal the cell's input_size.",
        "输入的最后一维必须等于单元的 input_size。",
    ),
    "nn_rnn_cell_batch": ErrorText(
        RuntimeError,
        "Input batch size {input} doesn't match hidden{label} batch size {hidden}",
        "the state needs one row per example of the input.",
        "状态的每一行对应输入中的一个样本，行数必须相同。",
    ),
    "nn_rnn_cell_hidden_size": ErrorText(
        RuntimeError,
        "hidden{label} has inconsistent hidden_size: got {got}, expected {expected}",
        "the state's last dimension must equal the cell's hidden_size.",
        "状态的最后一维必须等于单元的 hidden_size。",
    ),
    "nn_rnn_cell_nonlinearity": ErrorText(
        RuntimeError,
        "Unknown nonlinearity: {name}",
        "an RNNCell squashes with 'tanh' (the default) or 'relu'.",
        "RNNCell 只能用 'tanh'（默认）或 'relu'。",
    ),
    "nn_conv1d_argument_length": ErrorText(
        RuntimeError,
        "expected {name} to be a single integer value or a list of 1 values to match the convolution "
        "dimensions, but got {name}={got}",
        "a 1-d window has one size: give one number, e.g. padding=1.",
        "一维窗口只有一个尺寸：请给一个数，例如 padding=1。",
    ),
    "nn_conv_weight_too_few_dims": ErrorText(
        RuntimeError,
        "weight should have at least three dimensions",
        "conv1d's weight is (out_channels, in_channels / groups, kernel_size).",
        "conv1d 的 weight 形状是 (out_channels, in_channels / groups, kernel_size)。",
    ),
    "nn_conv1d_input_dims": ErrorText(
        RuntimeError,
        "Expected 2D (unbatched) or 3D (batched) input to conv1d, but got input of size: {shape}",
        "conv1d takes sequences (batch, channels, length), or one (channels, length).",
        "conv1d 的输入是序列 (批, 通道, 长度)，或单个 (通道, 长度)。",
    ),
    "nn_conv_dims_mismatch": ErrorText(
        RuntimeError,
        "Expected {ndim}-dimensional input for {ndim}-dimensional weight {weight}, but got {got}-dimensional "
        "input of size {shape} instead",
        "this weight belongs to a convolution of another dimension: conv1d's weight has 3 dimensions, "
        "conv2d's 4.",
        "这个 weight 属于另一种维数的卷积：conv1d 的 weight 有 3 维，conv2d 的有 4 维。",
    ),
    "nn_conv_stride_positive": ErrorText(
        RuntimeError,
        "non-positive stride is not supported",
        "the stride is how far the window moves each step: 1 or more.",
        "stride 是窗口每次移动的距离：至少为 1。",
    ),
    "nn_conv_padding_string": ErrorText(
        RuntimeError,
        "Invalid padding string: '{padding}'",
        "padding is a number, or 'same' (output as long as the input) or 'valid' (no padding).",
        "padding 是一个数，或者 'same'（输出与输入一样长）或 'valid'（不填充）。",
    ),
    "nn_kernel_too_big_1d": ErrorText(
        RuntimeError,
        "Calculated padded input size per channel: ({size}). Kernel size: ({kernel}). Kernel size can't be "
        "greater than actual input size",
        "the window must fit inside the (padded) sequence: use a smaller kernel_size or more padding.",
        "窗口必须能放进（填充后的）序列：请减小 kernel_size 或增加 padding。",
    ),
    "nn_max_pool1d_input_dims": ErrorText(
        RuntimeError,
        "max_pool1d: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for input, but "
        "got:{shape}",
        "max_pool1d takes sequences (batch, channels, length), or one (channels, length).",
        "max_pool1d 的输入是序列 (批, 通道, 长度)，或单个 (通道, 长度)。",
    ),
    "nn_avg_pool1d_input_dims": ErrorText(
        RuntimeError,
        "Expected 2 to 3 dimensions, but got {ndim}-dimensional tensor for argument #1 'self' (while checking "
        "arguments for avg_pool1d)",
        "avg_pool1d takes sequences (batch, channels, length), or one (channels, length).",
        "avg_pool1d 的输入是序列 (批, 通道, 长度)，或单个 (通道, 长度)。",
    ),
    "nn_max_pool1d_stride": ErrorText(
        RuntimeError,
        "max_pool1d() stride must be greater than zero, but got {stride}",
        "the stride is how far the window moves each step: 1 or more.",
        "stride 是窗口每次移动的距离：至少为 1。",
    ),
    "nn_max_pool1d_kernel": ErrorText(
        RuntimeError,
        "max_pool1d() kernel_size must be greater than zero, but got {kernel}",
        "kernel_size is how many elements each window covers: 1 or more.",
        "kernel_size 是每个窗口覆盖的元素个数：至少为 1。",
    ),
    "nn_max_pool_dtype": ErrorText(
        NotImplementedError,
        "\"{kernel}\" not implemented for '{dtype_name}'",
        "this pooling takes float tensors (max_pool2d and max_pool3d also take integer ones, but no bool): "
        "convert first, e.g. x.float().",
        "这种池化接受浮点张量（max_pool2d 和 max_pool3d 也接受整数张量，但不接受 bool）：请先转换，例如 x.float()。",
    ),
    "nn_adaptive_avg_pool_dtype": ErrorText(
        NotImplementedError,
        "\"{kernel}\" not implemented for '{dtype_name}'",
        "adaptive average pooling takes float tensors: convert first, e.g. x.float().",
        "自适应平均池化只接受浮点张量：请先转换，例如 x.float()。",
    ),
    "nn_max_pool1d_padding": ErrorText(
        RuntimeError,
        "max_pool1d() padding should be at most half of kernel size, but got padding={padding} and "
        "kernel_size={kernel}",
        "a window must not lie mostly in the padding: use padding at most kernel_size // 2.",
        "窗口不能大部分落在填充区域：padding 最多为 kernel_size // 2。",
    ),
    "nn_max_pool1d_output_size": ErrorText(
        RuntimeError,
        "max_pool1d() Invalid computed output size: {size}",
        "the sequence is shorter than one window: use a smaller kernel_size, or a longer input.",
        "序列比一个窗口还短：请减小 kernel_size，或使用更长的输入。",
    ),
    "nn_feature_dropout_dims": ErrorText(
        RuntimeError,
        "Feature dropout requires at least 2 dimensions in the input",
        "channel dropout zeroes whole channels, so the input needs a batch and a channel dimension.",
        "通道 dropout 会把整个通道置零，所以输入需要有批维和通道维。",
    ),
    "nn_dropout1d_dims": ErrorText(
        RuntimeError,
        "dropout1d: Expected 2D or 3D input, but received a {ndim}D input. Note that dropout1d exists to "
        "provide channel-wise dropout on inputs with 1 spatial dimension, a channel dimension, and an optional "
        "batch dimension (i.e. 2D or 3D inputs).",
        "dropout1d is for sequences (batch, channels, length); use dropout2d for images, dropout otherwise.",
        "dropout1d 用于序列 (批, 通道, 长度)；图像请用 dropout2d，其他情况用 dropout。",
    ),
    "nn_interpolate_size_and_scale": ErrorText(
        ValueError,
        "only one of size or scale_factor should be defined",
        "say either the output size (size=...) or how much larger to make it (scale_factor=...), not both.",
        "请只给出输出大小 (size=...) 或放大倍数 (scale_factor=...) 中的一个。",
    ),
    "nn_interpolate_no_size": ErrorText(
        ValueError,
        "either size or scale_factor should be defined",
        "say the output size (size=...) or how much larger to make it (scale_factor=2).",
        "请给出输出大小 (size=...) 或放大倍数 (scale_factor=2)。",
    ),
    "nn_interpolate_size_dims": ErrorText(
        ValueError,
        "Input and output must have the same number of spatial dimensions, but got input with spatial "
        "dimensions of {spatial} and output size of {size}. Please provide input tensor in (N, C, d1, d2, ...,dK) "
        "format and output size in (o1, o2, ...,oK) format.",
        "give one size per spatial dimension (two for images), or one number for all of them.",
        "每个空间维给一个大小（图像是两个），或者给一个数表示所有维。",
    ),
    "nn_interpolate_scale_dims": ErrorText(
        ValueError,
        "Input and scale_factor must have the same number of spatial dimensions, but got input with spatial "
        "dimensions of {spatial} and scale_factor of shape {scale}. Please provide input tensor in (N, C, d1, "
        "d2, ...,dK) format and scale_factor in (s1, s2, ...,sK) format.",
        "give one factor per spatial dimension (two for images), or one number for all of them.",
        "每个空间维给一个倍数（图像是两个），或者给一个数表示所有维。",
    ),
    "nn_interpolate_recompute_with_size": ErrorText(
        ValueError,
        "recompute_scale_factor is not meaningful with an explicit size.",
        "recompute_scale_factor only matters with scale_factor; leave it out when you give size.",
        "recompute_scale_factor 只在给出 scale_factor 时有意义；给出 size 时请去掉它。",
    ),
    "nn_interpolate_align_corners": ErrorText(
        ValueError,
        "align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | "
        "trilinear",
        "nearest copies pixels and has no corners to align: leave align_corners out, or use mode='bilinear'.",
        "nearest 只是复制像素，没有角点可对齐：请去掉 align_corners，或改用 mode='bilinear'。",
    ),
    "nn_interpolate_mode_dims": ErrorText(
        NotImplementedError,
        "Got {ndim}D input, but {mode} mode needs {needed}D input",
        "linear is for sequences (N, C, L), bilinear for images (N, C, H, W), trilinear for volumes "
        "(N, C, D, H, W).",
        "linear 用于序列 (N, C, L)，bilinear 用于图像 (N, C, H, W)，trilinear 用于体数据 (N, C, D, H, W)。",
    ),
    "nn_interpolate_empty": ErrorText(
        RuntimeError,
        "Input and output sizes should be greater than 0, but got input ({input}){joiner} output ({output})",
        "the resized input would have no elements: use a larger size or scale_factor.",
        "缩放后的结果没有元素：请使用更大的 size 或 scale_factor。",
    ),
    "nn_interpolate_mode": ErrorText(
        NotImplementedError,
        "Input Error: Only 3D, 4D and 5D input Tensors supported (got {ndim}D) for the modes: nearest | linear | "
        "bilinear | bicubic | trilinear | lanczos | area | nearest-exact (got {mode})",
        "the input needs a batch and a channel dimension before its spatial ones, (N, C, ...): add them with "
        "unsqueeze(0); bicubic and lanczos resize images (N, C, H, W) only.",
        "输入在空间维之前需要有批维和通道维 (N, C, ...)：可用 unsqueeze(0) 加上；bicubic 和 lanczos 只用于图像 "
        "(N, C, H, W)。",
    ),
    "nn_interpolate_lanczos_antialias": ErrorText(
        ValueError,
        "Lanczos mode requires antialias=True",
        "the Lanczos filter is always used with antialiasing: pass antialias=True.",
        "Lanczos 滤波总是和抗锯齿一起用：请传入 antialias=True。",
    ),
    "nn_interpolate_lanczos_align_corners": ErrorText(
        ValueError,
        "Lanczos mode does not support align_corners=True",
        "leave align_corners out (or False) with mode='lanczos'.",
        "mode='lanczos' 时请不写 align_corners（或设为 False）。",
    ),
    "scheduler_linear_start_factor": ErrorText(
        ValueError,
        "Starting multiplicative factor expected to be greater than 0 and less or equal to 1.",
        "start_factor multiplies the initial lr at the start, e.g. 0.1 to warm up from a tenth of it.",
        "start_factor 是开始时乘在初始学习率上的系数，例如 0.1 表示从十分之一开始预热。",
    ),
    "scheduler_constant_factor": ErrorText(
        ValueError,
        "Constant multiplicative factor expected to be between 0 and 1.",
        "factor multiplies the lr for the first total_iters epochs, e.g. 0.5 to halve it.",
        "factor 是前 total_iters 轮乘在学习率上的系数，例如 0.5 表示减半。",
    ),
    "scheduler_none_given": ErrorText(
        ValueError,
        "{kind} expects at least one scheduler, but got no scheduler.",
        "pass a list of schedulers made with the same optimizer.",
        "请传入一个由同一个优化器建立的调度器列表。",
    ),
    "scheduler_no_get_lr": ErrorText(
        NotImplementedError,
        "",
        "{name} says no learning rates of its own (a schedule defines get_lr()); a ChainedScheduler inside a "
        "SequentialLR cannot be started at a milestone.",
        "{name} 自己不给出学习率（调度器要定义 get_lr()）；放在 SequentialLR 里的 ChainedScheduler 不能在里程碑处启动。",
    ),
    "scheduler_none_chained": ErrorText(
        ValueError,
        "{kind} expects at least one scheduler to be chained, but got no scheduler.",
        "pass a list of schedulers made with the same optimizer; each step() steps them all.",
        "请传入一个由同一个优化器建立的调度器列表；每次 step() 会依次推进它们。",
    ),
    "scheduler_without_optimizer": ErrorText(
        TypeError,
        "{kind} at index {index} should have `optimizer` as its attribute.",
        "each item must be a learning-rate scheduler (torch.optim.lr_scheduler...).",
        "每一项都必须是学习率调度器（torch.optim.lr_scheduler 里的类）。",
    ),
    "scheduler_plateau_combined": ErrorText(
        ValueError,
        "{kind} does not support `ReduceLROnPlateau` scheduler as it requires additional kwargs to be specified "
        "when calling `step`, but got one at index {index} in the given schedulers sequence.",
        "ReduceLROnPlateau needs the metric at each step; call its step(metric) yourself instead.",
        "ReduceLROnPlateau 每一步都要传入指标；请自己调用它的 step(metric)。",
    ),
    "scheduler_other_optimizer": ErrorText(
        ValueError,
        "{kind} expects all schedulers to belong to the same optimizer, but got scheduler {name} at index {index} "
        "has {theirs}, which is different from {ours}.",
        "make every scheduler with the same optimizer object.",
        "请用同一个优化器对象建立所有调度器。",
    ),
    "scheduler_milestone_count": ErrorText(
        ValueError,
        "Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone "
        "points, but got number of schedulers {schedulers} and the number of milestones to be equal to "
        "{milestones}",
        "a milestone is the epoch where the next scheduler takes over: one fewer than the schedulers.",
        "里程碑是下一个调度器接手的轮数：个数比调度器少一个。",
    ),
    "scheduler_linear_end_factor": ErrorText(
        ValueError,
        "Ending multiplicative factor expected to be between 0 and 1.",
        "end_factor multiplies the initial lr at the end, from 0 to 1 (1.0 keeps it).",
        "end_factor 是结束时乘在初始学习率上的系数，取值 0 到 1（1.0 表示保持不变）。",
    ),
    "scheduler_positive_integer": ErrorText(
        ValueError,
        "Expected positive integer {name}, but got {value}",
        "{name} counts epochs or steps: a whole number of 1 or more.",
        "{name} 是轮数或步数：一个不小于 1 的整数。",
    ),
    "scheduler_t_mult": ErrorText(
        ValueError,
        "Expected integer T_mult >= 1, but got {value}",
        "T_mult says how many times longer each period is than the last: 1 keeps them equal.",
        "T_mult 表示每个周期比上一个长多少倍：1 表示周期相同。",
    ),
    "scheduler_eta_min": ErrorText(
        ValueError,
        "Expected float or int eta_min, but got {value} of type {kind}",
        "eta_min is the smallest learning rate, a number such as 1e-5.",
        "eta_min 是最小学习率，是一个数，例如 1e-5。",
    ),
    "scheduler_negative_epoch": ErrorText(
        ValueError,
        "Expected non-negative epoch, but got {epoch}",
        "epochs are counted from 0.",
        "轮数从 0 开始计。",
    ),
    "scheduler_value_count": ErrorText(
        ValueError,
        "{name} must have the same length as optimizer.param_groups. {name} has {count} values, param_groups has "
        "{groups}.",
        "give one value for all parameter groups, or a list with one per group.",
        "请给所有参数组一个值，或给一个每组一个值的列表。",
    ),
    "scheduler_one_cycle_steps": ErrorText(
        ValueError,
        "You must define either total_steps OR (epochs AND steps_per_epoch)",
        "OneCycleLR must know how long the cycle is: total_steps=..., or epochs=... and "
        "steps_per_epoch=len(loader).",
        "OneCycleLR 需要知道一个周期有多长：total_steps=...，或者 epochs=... 加 steps_per_epoch=len(loader)。",
    ),
    "scheduler_pct_start": ErrorText(
        ValueError,
        "Expected float between 0 and 1 pct_start, but got {value}",
        "pct_start is the fraction of the cycle spent raising the lr, a float such as 0.3.",
        "pct_start 是周期中升高学习率所占的比例，是一个浮点数，例如 0.3。",
    ),
    "scheduler_anneal_strategy": ErrorText(
        ValueError,
        "anneal_strategy must be one of 'cos' or 'linear', instead got {value}",
        "choose how the lr moves between its values: 'cos' or 'linear'.",
        "请选择学习率变化的方式：'cos' 或 'linear'。",
    ),
    "scheduler_cycle_momentum": ErrorText(
        ValueError,
        "optimizer must support momentum or beta1 with `cycle_momentum` option enabled",
        "this optimizer has no momentum to cycle: pass cycle_momentum=False.",
        "这个优化器没有可以循环的动量：请传入 cycle_momentum=False。",
    ),
    "scheduler_one_cycle_too_many": ErrorText(
        ValueError,
        "Tried to step {step} times. The specified number of total steps is {total}",
        "OneCycleLR is stepped once per batch, total_steps times in all: check total_steps (or epochs and "
        "steps_per_epoch).",
        "OneCycleLR 每个批次调用一次 step()，总共 total_steps 次：请检查 total_steps（或 epochs 与 "
        "steps_per_epoch）。",
    ),
    "scheduler_plateau_factor": ErrorText(
        ValueError,
        "Factor should be < 1.0.",
        "factor multiplies the lr when progress stalls, so it must make it smaller, e.g. 0.1 or 0.5.",
        "factor 在训练停滞时乘到学习率上，所以必须让它变小，例如 0.1 或 0.5。",
    ),
    "scheduler_min_lrs": ErrorText(
        ValueError,
        "expected {expected} min_lrs, got {got}",
        "give one min_lr for all parameter groups, or a list with one per group.",
        "请给所有参数组一个 min_lr，或给一个每组一个值的列表。",
    ),
    "scheduler_plateau_groups": ErrorText(
        RuntimeError,
        "The number of param groups in the `optimizer` ({groups}) differs from when `ReduceLROnPlateau` was "
        "initialized ({before}), usually due to a new param group being added to the optimizer. Please modify "
        "the `min_lrs` field to match the length of the `optimizer` param groups.",
        "a parameter group was added after the scheduler was made: extend scheduler.min_lrs to match.",
        "调度器创建之后又添加了参数组：请相应地扩展 scheduler.min_lrs。",
    ),
    "scheduler_plateau_mode": ErrorText(
        ValueError,
        "{what} {mode} is unknown!",
        "mode is 'min' (a loss) or 'max' (an accuracy); threshold_mode is 'rel' or 'abs'.",
        "mode 取 'min'（损失）或 'max'（准确率）；threshold_mode 取 'rel' 或 'abs'。",
    ),
    "concat_dataset_empty": ErrorText(
        AssertionError,
        "datasets should not be an empty iterable",
        "give ConcatDataset a list of at least one dataset, e.g. ConcatDataset([train_a, train_b]).",
        "请给 ConcatDataset 至少一个数据集的列表，例如 ConcatDataset([train_a, train_b])。",
    ),
    "concat_dataset_iterable": ErrorText(
        AssertionError,
        "ConcatDataset does not support IterableDataset",
        "an IterableDataset has no indices to join: put iterable datasets one after the other with ChainDataset "
        "(or a + b).",
        "IterableDataset 没有索引可以拼接：请用 ChainDataset（或 a + b）把可迭代数据集首尾相接。",
    ),
    "concat_dataset_index": ErrorText(
        ValueError,
        "absolute value of index should not exceed dataset length",
        "a negative index counts from the end, so it can go back at most len(dataset).",
        "负索引从末尾往回数，最多只能回退 len(dataset) 个。",
    ),
    "chain_dataset_not_iterable": ErrorText(
        AssertionError,
        "ChainDataset only supports IterableDataset",
        "ChainDataset joins streams; for datasets with indices use ConcatDataset.",
        "ChainDataset 用于连接数据流；有索引的数据集请用 ConcatDataset。",
    ),
    "sampler_weights_1d": ErrorText(
        ValueError,
        "weights should be a 1d sequence but given weights have shape {shape}",
        "give one weight per sample of the dataset, as a flat list or 1-d tensor.",
        "请为数据集的每个样本给一个权重，写成一维列表或一维张量。",
    ),
    "multinomial_too_many": ErrorText(
        RuntimeError,
        "cannot sample n_sample > prob_dist.size(-1) samples without replacement",
        "without replacement each index comes at most once: ask for at most as many samples as there are "
        "weights, or use replacement=True.",
        "不放回抽样时每个索引最多出现一次：样本数不能超过权重个数，或者使用 replacement=True。",
    ),
    "multinomial_invalid_entries": ErrorText(
        RuntimeError,
        "probability tensor contains either `inf`, `nan` or element < 0",
        "weights are relative frequencies: finite numbers of 0 or more.",
        "权重是相对频率：必须是不小于 0 的有限数。",
    ),
    "multinomial_negative": ErrorText(
        RuntimeError,
        "invalid multinomial distribution (encountering probability entry < 0)",
        "weights are relative frequencies, so none can be negative.",
        "权重是相对频率，不能为负数。",
    ),
    "multinomial_not_finite": ErrorText(
        RuntimeError,
        "invalid multinomial distribution (encountering probability entry = infinity or NaN)",
        "weights must be finite numbers; check for a division by zero where they were computed.",
        "权重必须是有限数；请检查计算权重时是否除以了 0。",
    ),
    "multinomial_sum": ErrorText(
        RuntimeError,
        "invalid multinomial distribution (sum of probabilities <= 0)",
        "at least one weight must be above 0, or there is nothing to draw.",
        "至少要有一个权重大于 0，否则无从抽取。",
    ),
    "loader_iterable_option": ErrorText(
        ValueError,
        "DataLoader with IterableDataset: expected unspecified {name} option, but got {name}={value}",
        "an IterableDataset decides the order itself: leave shuffle, sampler and batch_sampler out (shuffle "
        "inside its __iter__ if needed).",
        "IterableDataset 自己决定顺序：请不要设置 shuffle、sampler 和 batch_sampler（需要打乱时在 __iter__ 里打乱）。",
    ),
    "nn_conv_transpose_input_dims": ErrorText(
        RuntimeError,
        "Expected 3D (unbatched) or 4D (batched) input to conv_transpose2d, but got input of size: {shape}",
        "conv_transpose2d takes images (batch, channels, height, width), or one (channels, height, width).",
        "conv_transpose2d 的输入是图像 (批, 通道, 高, 宽)，或单张 (通道, 高, 宽)。",
    ),
    "nn_conv_transpose_groups": ErrorText(
        RuntimeError,
        "Given groups={groups}, expected weight to be divisible by {groups} at dimension 0, but got weight of "
        "size [{weight}] instead",
        "each group takes an equal share of the input channels: choose groups dividing in_channels.",
        "每组分得相同数量的输入通道：groups 必须整除 in_channels。",
    ),
    "nn_conv_transpose_channels": ErrorText(
        RuntimeError,
        "Given transposed=1, weight of size {weight}, expected input{input} to have {expected} channels, but got "
        "{got} channels instead",
        "a transposed convolution's weight is (in_channels, out_channels / groups, kh, kw): its first size "
        "must equal the input's channels.",
        "转置卷积的 weight 形状是 (in_channels, out_channels / groups, kh, kw)：第一维必须等于输入的通道数。",
    ),
    "nn_output_padding": ErrorText(
        RuntimeError,
        "output padding must be smaller than either stride or dilation, but got output_padding_height: {oh} "
        "output_padding_width: {ow} stride_height: {sh} stride_width: {sw} dilation_height: {dh} "
        "dilation_width: {dw}",
        "output_padding only picks among the output sizes a stride allows: use a value below the stride.",
        "output_padding 只是在步长允许的几种输出尺寸中选一个：请使用小于 stride 的值。",
    ),
    "nn_output_padding_stride": ErrorText(
        NotImplementedError,
        "output_padding at least as large as the stride is not supported by autograd_lab yet",
        "use an output_padding below the stride (the usual case: 1 with stride=2).",
        "请使用小于 stride 的 output_padding（常见用法：stride=2 时取 1）。",
    ),
    "nn_conv_transpose_empty": ErrorText(
        RuntimeError,
        "could not construct a memory descriptor using a format tag",
        "with this much padding the output would have no pixels ({size}): use less padding.",
        "这么大的 padding 会让输出没有像素（{size}）：请减小 padding。",
    ),
    "nn_conv_transpose_padding_mode": ErrorText(
        ValueError,
        'Only "zeros" padding mode is supported for {name}',
        "a transposed convolution pads with zeros only: leave padding_mode out.",
        "转置卷积只能用 0 填充：请去掉 padding_mode。",
    ),
    "nn_conv_transpose_output_size": ErrorText(
        ValueError,
        "requested an output size of {size}, but valid sizes range from {low} to {high} (for an input of "
        "{input})",
        "with a stride s the output can be s different sizes; pick one in the range given.",
        "步长为 s 时输出只能取 s 种尺寸之一；请在给出的范围内选择。",
    ),
    "nn_adaptive_avg_pool1d_dims": ErrorText(
        RuntimeError,
        "Expected 2 to 3 dimensions, but got {ndim}-dimensional tensor for argument #1 'self' (while checking "
        "arguments for adaptive_avg_pool1d)",
        "adaptive_avg_pool1d takes sequences (batch, channels, length), or one (channels, length).",
        "adaptive_avg_pool1d 的输入是序列 (批, 通道, 长度)，或单个 (通道, 长度)。",
    ),
    "nn_adaptive_avg_pool1d_size": ErrorText(
        RuntimeError,
        "adaptive_avg_pool1d() argument 'output_size' should contain one int (got {got})",
        "a sequence has one length: give output_size as one number.",
        "序列只有一个长度：output_size 请给一个数。",
    ),
    "nn_conv_transpose_output_size_length": ErrorText(
        ValueError,
        "ConvTranspose{dims}D: for {ndim}D input, output_size must have {dims} or {full} elements (got {got})",
        "give the output's height and width, e.g. output_size=(28, 28).",
        "请给出输出的高和宽，例如 output_size=(28, 28)。",
    ),
    # -- breadth C: operators, linear algebra, torch-level functions ------------------------------------
    "integer_division_by_zero": ErrorText(
        RuntimeError,
        "ZeroDivisionError",
        "an integer tensor was divided by a tensor holding 0; integers have no infinity, so convert "
        "with .float() first or keep 0 out of the divisor.",
        "整数张量除以了含 0 的张量；整数没有无穷大，请先用 .float() 转换，或者让除数里不出现 0。",
    ),
    "div_rounding_mode": ErrorText(
        RuntimeError,
        "div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '{mode}'",
        "rounding_mode='floor' rounds down (as //), 'trunc' rounds toward zero, None does not round.",
        "rounding_mode='floor' 向下取整（同 //），'trunc' 向零取整，None 不取整。",
    ),
    "lerp_dtype": ErrorText(
        RuntimeError,
        "expected dtype {expected} for `{what}` but got dtype {got}",
        "both ends of the interpolation must have the same dtype; convert one with .to(other.dtype).",
        "插值的两端必须是相同的 dtype；请用 .to(other.dtype) 转换其中一个。",
    ),
    "heaviside_dtypes": ErrorText(
        RuntimeError,
        "heaviside is not yet implemented for tensors with different dtypes.",
        "give values the same dtype as input, for example torch.tensor(0.5) for a float32 input.",
        "请让 values 和 input 的 dtype 相同，例如 float32 的输入配 torch.tensor(0.5)。",
    ),
    "outer_not_1d": ErrorText(
        RuntimeError,
        "outer: Expected 1-D argument {which}, but got {ndim}-D",
        "the outer product takes two vectors; flatten a tensor first with .flatten(), or use torch.kron or "
        "broadcasting (a[:, None] * b) for more dimensions.",
        "外积需要两个向量；请先用 .flatten() 展平，或者对更多维度使用 torch.kron 或广播 (a[:, None] * b)。",
    ),
    "tensordot_negative_dims": ErrorText(
        RuntimeError,
        "tensordot expects dims >= 0, but got dims={dims}",
        "dims counts how many dimensions are summed over (the last ones of a with the first ones of b).",
        "dims 表示要求和的维数（a 的最后几维与 b 的最前几维）。",
    ),
    "tensordot_dims_length": ErrorText(
        RuntimeError,
        "both dimension lists should have same length",
        "each dimension of a that is summed over pairs with one of b: give two lists of the same length.",
        "a 中每个被求和的维度都要和 b 中的一个维度配对：请给出两个等长的列表。",
    ),
    "tensordot_dtype": ErrorText(
        RuntimeError,
        "both inputs should have same dtype",
        "convert one of them first, for example b.to(a.dtype).",
        "请先转换其中一个，例如 b.to(a.dtype)。",
    ),
    "tensordot_sizes": ErrorText(
        RuntimeError,
        "contracted dimensions need to match, but first has size {sa} in dim {da} and second has size {sb} "
        "in dim {db}",
        "the dimensions summed over are multiplied element by element, so they must have the same length.",
        "被求和的维度要逐元素相乘，所以长度必须相同。",
    ),
    "inner_sizes": ErrorText(
        RuntimeError,
        "inner() the last dimension must match on both input tensors but got shapes {a} and {b}",
        "inner sums over the last dimension of both tensors, so those must have the same length.",
        "inner 沿两个张量的最后一维求和，所以最后一维的长度必须相同。",
    ),
    "cross_ndim": ErrorText(
        RuntimeError,
        "linalg.cross: inputs must have the same number of dimensions.",
        "add the missing dimension with unsqueeze, for example b.unsqueeze(0).",
        "请用 unsqueeze 补上缺少的维度，例如 b.unsqueeze(0)。",
    ),
    "cross_size": ErrorText(
        RuntimeError,
        "linalg.cross: inputs dimension {dim} must have length 3. Got {a} and {b}",
        "the cross product is defined for 3-vectors only: pass the dim whose length is 3.",
        "叉积只对三维向量有定义：请传入长度为 3 的那个维度 dim。",
    ),
    "linalg_not_matrix": ErrorText(
        RuntimeError,
        "{function}: The input tensor A must have at least 2 dimensions.",
        "this function works on a matrix (or a batch of matrices); a vector can become one with "
        "v.unsqueeze(0) or v.reshape(n, 1).",
        "这个函数作用于矩阵（或一批矩阵）；向量可以用 v.unsqueeze(0) 或 v.reshape(n, 1) 变成矩阵。",
    ),
    "lu_not_matrix": ErrorText(
        RuntimeError,
        "{function}: Expected tensor with 2 or more dimensions. Got size: {shape} instead",
        "an LU factorization is of a matrix (or a batch of them): make a vector one with v.reshape(n, 1).",
        "LU 分解作用于矩阵（或一批矩阵）：向量可以用 v.reshape(n, 1) 变成矩阵。",
    ),
    "lu_dtype": ErrorText(
        NotImplementedError,
        "\"lu_cpu\" not implemented for '{dtype}'",
        "an LU factorization divides, so it needs floats: convert first, e.g. A.float().",
        "LU 分解要做除法，所以需要浮点数：请先转换，例如 A.float()。",
    ),
    "lu_no_pivot": ErrorText(
        RuntimeError,
        "linalg.lu_factor: LU without pivoting is not implemented on the CPU",
        "leave pivot=True: without row swaps, a zero on the diagonal would stop the factorization.",
        "保留 pivot=True：不交换行的话，对角线上的 0 会让分解无法进行。",
    ),
    "lu_singular": ErrorText(
        RuntimeError,
        "{function}: {batch}U[{k},{k}] is zero and using it on lu_solve would result in a division by zero. If you "
        "still want to perform the factorization, consider calling linalg.lu(A, pivot) or "
        "linalg.lu_factor_ex(A, pivot)",
        "the matrix is singular (its determinant is 0), so A X = B has no unique solution.",
        "这个矩阵是奇异的（行列式为 0），所以 A X = B 没有唯一解。",
    ),
    "lu_unpack_pivots_dtype": ErrorText(
        RuntimeError,
        "torch.lu_unpack: LU_pivots is expected to be a contiguous tensor of torch.int32 dtype.",
        "pass the pivots torch.linalg.lu_factor returned (int32), or convert them with pivots.int().",
        "请传入 torch.linalg.lu_factor 返回的 pivots（int32），或用 pivots.int() 转换。",
    ),
    "lu_solve_b_dims": ErrorText(
        RuntimeError,
        "linalg.lu_solve: The input tensor B must have at least 2 dimensions.",
        "B holds one right-hand side per column: make a vector one with b.unsqueeze(-1).",
        "B 的每一列是一个右端项：向量可以用 b.unsqueeze(-1) 变成一列。",
    ),
    "lu_solve_shapes": ErrorText(
        RuntimeError,
        "linalg.lu_solve: Incompatible shapes of A and B for the equation {equation} ({n}x{n} and {shape_b})",
        "for A X = B, B has as many rows as A has columns (for X A = B, as many columns).",
        "对 A X = B，B 的行数等于 A 的列数（对 X A = B，则是列数相等）。",
    ),
    "lu_solve_dtype": ErrorText(
        RuntimeError,
        "linalg.lu_solve: Expected LU and B to have the same dtype, but found LU of type {lu} and B of type {b} "
        "instead",
        "convert B to LU's dtype, e.g. B.to(LU.dtype).",
        "请把 B 转成 LU 的数据类型，例如 B.to(LU.dtype)。",
    ),
    "lstsq_driver": ErrorText(
        RuntimeError,
        "torch.linalg.lstsq: parameter `driver` should be one of (gels, gelsy, gelsd, gelss)",
        "leave driver out on the CPU (gelsy), or name one of the four LAPACK drivers.",
        "在 CPU 上可以不写 driver（默认 gelsy），或写四个 LAPACK 驱动之一。",
    ),
    "linalg_not_square": ErrorText(
        RuntimeError,
        "{function}: A must be batches of square matrices, but they are {rows} by {columns} matrices",
        "only a square matrix (as many rows as columns) has an inverse and a determinant; for a rectangular "
        "one, torch.linalg.pinv or torch.linalg.lstsq may be what you want.",
        "只有方阵（行数等于列数）才有逆和行列式；对于长方形矩阵，也许需要 torch.linalg.pinv 或 torch.linalg.lstsq。",
    ),
    "linalg_dtype": ErrorText(
        RuntimeError,
        "{function}: Expected a floating point or complex tensor as input. Got {dtype}",
        "the decompositions compute in floating point: convert with .float() first.",
        "矩阵分解用浮点数计算：请先用 .float() 转换。",
    ),
    "linalg_singular": ErrorText(
        RuntimeError,
        "{function}: {batch}The diagonal element {index} is zero, the inversion could not be completed because "
        "the input matrix is singular.",
        "a singular matrix (determinant 0, some row a combination of others) has no inverse; check the data, "
        "or use torch.linalg.pinv.",
        "奇异矩阵（行列式为 0，某一行是其他行的组合）没有逆；请检查数据，或者改用 torch.linalg.pinv。",
    ),
    "linalg_solve_singular": ErrorText(
        RuntimeError,
        "torch.linalg.solve: {batch}The solver failed because the input matrix is singular.",
        "a singular matrix has no unique solution; torch.linalg.lstsq finds a least-squares one.",
        "奇异矩阵没有唯一解；torch.linalg.lstsq 可以求最小二乘解。",
    ),
    "linalg_solve_dtype": ErrorText(
        RuntimeError,
        "linalg.solve: Expected A and B to have the same dtype, but found A of type {a} and B of type "
        "{b} instead",
        "convert one of them first, for example B.to(A.dtype).",
        "请先转换其中一个，例如 B.to(A.dtype)。",
    ),
    "linalg_solve_shapes": ErrorText(
        RuntimeError,
        "linalg.solve: Incompatible shapes of A and B for the equation {equation} = B ({n}x{n} and {rows}x{columns})",
        "the sizes must fit the product: for A @ X = B, B has as many rows as A; for X @ A = B (left=False), "
        "as many columns.",
        "尺寸必须符合乘法：A @ X = B 时 B 的行数与 A 相同；X @ A = B（left=False）时 B 的列数与 A 相同。",
    ),
    "linalg_solve_right_vector": ErrorText(
        RuntimeError,
        "linalg.solve: Vector broadcasting of the left hand side is not supported for left=False. In this case "
        "linalg.solve is equivalent to B / A.squeeze(-1)",
        "with left=False, B must be a matrix with as many columns as A: give it shape (k, n), e.g. b.unsqueeze(0).",
        "left=False 时 B 必须是列数与 A 相同的矩阵：请给它形状 (k, n)，例如 b.unsqueeze(0)。",
    ),
    "linalg_cholesky_not_positive": ErrorText(
        RuntimeError,
        "linalg.cholesky: {batch}The factorization could not be completed because the input is not positive-definite "
        "(the leading minor of order {order} is not positive-definite).",
        "a Cholesky factor exists only for a symmetric positive-definite matrix, such as X @ X.mT plus a small "
        "multiple of the identity.",
        "只有对称正定矩阵才有 Cholesky 分解，例如 X @ X.mT 再加上一个小倍数的单位矩阵。",
    ),
    "linalg_eigh_uplo": ErrorText(
        RuntimeError,
        "Expected UPLO argument to be 'L' or 'U', but got {uplo}",
        "UPLO says which triangle of the symmetric matrix is read: 'L' (lower, the default) or 'U' (upper).",
        "UPLO 指定读取对称矩阵的哪个三角：'L'（下三角，默认）或 'U'（上三角）。",
    ),
    "linalg_qr_mode": ErrorText(
        RuntimeError,
        "qr received unrecognized mode '{mode}' but expected one of 'reduced' (default), 'r', or 'complete'",
        "mode='reduced' gives Q with as many columns as A; 'complete' a square Q; 'r' only R.",
        "mode='reduced' 给出与 A 列数相同的 Q；'complete' 给出方阵 Q；'r' 只给出 R。",
    ),
    "finfo_not_float": ErrorText(
        TypeError,
        "torch.finfo() requires a floating point input type. Use torch.iinfo to handle 'torch.finfo'",
        "finfo describes floating-point dtypes (float32, float64, float16); for integer dtypes use torch.iinfo.",
        "finfo 描述浮点 dtype（float32、float64、float16）；整数 dtype 请用 torch.iinfo。",
    ),
    "iinfo_not_integer": ErrorText(
        TypeError,
        "torch.iinfo() requires an integer input type. Use torch.finfo to handle 'torch.iinfo'",
        "iinfo describes integer dtypes (int64, int32, uint8 ...); for floating-point dtypes use torch.finfo.",
        "iinfo 描述整数 dtype（int64、int32、uint8 ……）；浮点 dtype 请用 torch.finfo。",
    ),
    "not_a_dtype": ErrorText(
        TypeError,
        "{function}(): argument '{name}' (position {position}) must be torch.dtype, not {type_name}",
        "pass a dtype such as torch.float32 or torch.int64 (a tensor's is x.dtype).",
        "请传入 dtype，例如 torch.float32 或 torch.int64（张量的 dtype 是 x.dtype）。",
    ),
    "nn_conv_invalid_combination": ErrorText(
        TypeError,
        "{function}() received an invalid combination of arguments - got ({types}), but expected one of:",
        "a convolution reads tensors: convert the images first, as torch.from_numpy(images).float().",
        "卷积读取的是张量：请先转换图像，例如 torch.from_numpy(images).float()。",
    ),
    "other_not_operand": ErrorText(
        TypeError,
        "{function}(): argument 'other'{position} must be Tensor, not {type_name}",
        "a tensor or a number goes here (torch.from_numpy(a) makes a NumPy array one). None is often a .grad "
        "that backward() has not filled yet: call loss.backward() first.",
        "这里需要张量或数（torch.from_numpy(a) 可以把 NumPy 数组变成张量）。None 往往是 backward() "
        "还没有填入的 .grad：请先调用 loss.backward()。",
    ),
    "optimizer_not_initialised": ErrorText(
        AttributeError,
        "'{class_name}' object has no attribute '{name}'",
        "this optimizer's __init__ did not call super().__init__(params, defaults), which sets it up.",
        "这个优化器的 __init__ 没有调用 super().__init__(params, defaults)，而正是它完成初始化。",
    ),
    "argument_given_twice": ErrorText(
        TypeError,
        "{function}() got multiple values for argument '{name}'",
        "give {name} once: by position (x.{function}(1)) or by name (x.{function}(dim=1)).",
        "{name} 只能给一次：按位置（x.{function}(1)）或按名字（x.{function}(dim=1)）。",
    ),
    "split_negative_size": ErrorText(
        RuntimeError,
        "split expects split_size be non-negative, but got split_size={size}",
        "split_size is how many elements each piece holds: 1 or more (0 only for an empty dimension).",
        "split_size 是每一块的元素个数：1 或更多（只有维度为空时才可以是 0）。",
    ),
    "nn_loss_array_target": ErrorText(
        TypeError,
        "'int' object is not callable",
        "a loss compares two tensors, and a NumPy array's .size is a number, not a method: convert it first, "
        "as torch.from_numpy(y).",
        "损失函数比较的是两个张量，而 NumPy 数组的 .size 是一个数而不是方法：请先转换，例如 torch.from_numpy(y)。",
    ),
    "nn_loss_not_tensor": ErrorText(
        AttributeError,
        "'{type_name}' object has no attribute 'size'",
        "a loss compares two tensors: make the target a tensor first, as torch.tensor([[1.0], [0.0]]).",
        "损失函数比较的是两个张量：请先把目标值变成张量，例如 torch.tensor([[1.0], [0.0]])。",
    ),
    "tensor_argument_type": ErrorText(
        TypeError,
        "{function}(): argument '{argument}' (position {position}) must be Tensor, not {type_name}",
        "{function} takes tensors here: make the value a tensor first, with torch.tensor(...).",
        "{function} 在这里接收张量：请先用 torch.tensor(...) 把这个值变成张量。",
    ),
    "argument_not_tensor": ErrorText(
        TypeError,
        "{function}(): argument '{argument}' (position 1) must be Tensor, not {type_name}",
        "wrap the values in torch.tensor(...) first.",
        "请先用 torch.tensor(...) 把这些值变成张量。",
    ),
    "num_threads_int": ErrorText(
        RuntimeError,
        "set_num_threads expects an int, but got {type_name}",
        "a number of threads is a whole number, such as 1 or 4.",
        "线程数是整数，例如 1 或 4。",
    ),
    "num_threads_positive": ErrorText(
        RuntimeError,
        "set_num_threads expects a positive integer",
        "at least one thread must do the work: give 1 or more.",
        "至少要有一个线程来计算：请给 1 或更大的数。",
    ),
    "jit_save_unsupported": ErrorText(
        NotImplementedError,
        "torch.jit.{function}: autograd_lab has no TorchScript.",
        "save the weights with torch.save(model.state_dict(), path) and load them into the same model class "
        "with model.load_state_dict(torch.load(path)).",
        "请用 torch.save(model.state_dict(), path) 保存权重，再用 model.load_state_dict(torch.load(path)) "
        "载入同一个模型类。",
    ),
    "einsum_no_operands": ErrorText(
        RuntimeError,
        "einsum(): must provide at least one operand",
        "give the tensors after the equation: torch.einsum('ij,jk->ik', a, b).",
        "请在公式后面给出张量：torch.einsum('ij,jk->ik', a, b)。",
    ),
    "einsum_operand_count": ErrorText(
        RuntimeError,
        "einsum(): {which} operands were provided than specified in the equation",
        "the equation names one operand per comma-separated group of subscripts: give exactly that many "
        "tensors.",
        "公式中每个用逗号分开的下标组对应一个操作数：请给出同样多的张量。",
    ),
    "einsum_bad_ellipsis": ErrorText(
        RuntimeError,
        "einsum(): found '.' for operand {operand} that is not part of any ellipsis",
        "an ellipsis is three dots, '...', at most once per operand.",
        "省略号是三个点 '...'，每个操作数最多出现一次。",
    ),
    "einsum_bad_output_ellipsis": ErrorText(
        RuntimeError,
        "einsum(): found '.' for output that is not part of any ellipsis (...)",
        "an ellipsis is three dots, '...', at most once in the output.",
        "省略号是三个点 '...'，输出中最多出现一次。",
    ),
    "einsum_bad_subscript": ErrorText(
        RuntimeError,
        "einsum(): invalid subscript given at index {index} in the equation string, subscripts must be in "
        "[a-zA-Z]",
        "name each dimension with one letter, such as 'ij,jk->ik'.",
        "每个维度用一个字母命名，例如 'ij,jk->ik'。",
    ),
    "einsum_subscript_count": ErrorText(
        RuntimeError,
        "einsum(): the number of subscripts in the equation ({named}) does not match the number of dimensions "
        "({ndim}) for operand {operand} and no ellipsis was given",
        "give one letter per dimension of this operand (x.dim() of them), or '...' for the leading ones.",
        "请为这个操作数的每个维度给一个字母（共 x.dim() 个），或者用 '...' 代表前面的维度。",
    ),
    "einsum_too_many_subscripts": ErrorText(
        RuntimeError,
        "einsum(): the number of subscripts in the equation ({named}) is more than the number of dimensions "
        "({ndim}) for operand {operand}",
        "this operand has fewer dimensions than letters: check its shape with x.shape.",
        "这个操作数的维数比字母少：请用 x.shape 检查它的形状。",
    ),
    "einsum_bad_output": ErrorText(
        RuntimeError,
        "einsum(): output subscript {label} {reason}",
        "every letter after '->' must name a dimension of an input, once.",
        "'->' 后的每个字母都必须是某个输入的维度，并且只出现一次。",
    ),
    "einsum_sizes": ErrorText(
        RuntimeError,
        "einsum(): subscript {label} has size {size} for operand {operand} which does not broadcast with "
        "previously seen size {seen}",
        "the same letter names the same dimension everywhere, so its sizes must be equal (or 1).",
        "同一个字母在各处表示同一个维度，所以大小必须相同（或为 1）。",
    ),
    "einsum_ellipsis_sizes": ErrorText(
        RuntimeError,
        "einsum(): dimension {dim} covered by ellipsis in operand {operand}has size {size} which does not "
        "broadcast with previously seen ellipsis with size {seen} for the respective dimension",
        "the dimensions under '...' must broadcast together: equal sizes, or 1.",
        "'...' 代表的维度必须能一起广播：大小相同，或为 1。",
    ),
    "einsum_repeated_sizes": ErrorText(
        RuntimeError,
        "einsum(): subscript {label} is repeated for operand {operand} but the sizes don't match, {size} != {seen}",
        "a subscript used twice in one operand takes its diagonal ('ii' is the trace), so both dimensions must "
        "have the same size.",
        "同一个操作数里重复的下标表示取对角线（'ii' 就是求迹），所以这两个维度的长度必须相同。",
    ),
    "distribution_constraint": ErrorText(
        ValueError,
        "Expected parameter {name} (Tensor of shape {shape}) of distribution {distribution} to satisfy the "
        "constraint {constraint}, but found invalid values:\n{values}",
        "check this parameter's values: a scale must be above 0, a probability between 0 and 1.",
        "请检查这个参数的值：尺度必须大于 0，概率必须在 0 和 1 之间。",
    ),
    "bernoulli_probs_or_logits": ErrorText(
        ValueError,
        "Either `probs` or `logits` must be specified, but not both.",
        "give the probability of a 1 as probs=, or its log-odds as logits=, not both.",
        "请用 probs= 给出取 1 的概率，或用 logits= 给出其对数几率，二者只给一个。",
    ),
    "baddbmm_not_3d": ErrorText(
        RuntimeError,
        "{which} must be a 3D tensor",
        "baddbmm multiplies batches of matrices, shaped (batch, n, m); add a batch dimension with unsqueeze(0).",
        "baddbmm 计算成批的矩阵乘法，形状为 (batch, n, m)；请用 unsqueeze(0) 加上批维度。",
    ),
    # -- nn_d: more activations, norms, embedding, padding, losses, clip_grad -------------------------------
    "nn_hardtanh_bounds": ErrorText(
        ValueError,
        "min_val cannot be greater than max_val",
        "give the lower bound first: min_val must not be larger than max_val.",
        "请先给下界：min_val 不能大于 max_val。",
    ),
    "nn_hardtanh_bool": ErrorText(
        RuntimeError,
        "Bool inputs not supported for hardtanh",
        "clipping needs numbers: convert a True/False mask first, e.g. x.float().",
        "裁剪需要数值：请先转换 True/False 掩码，例如 x.float()。",
    ),
    "nn_prelu_channels": ErrorText(
        RuntimeError,
        "Mismatch of parameter numbers and input channel size. Found parameter numbers = {count} and channel "
        "size = {channels}.",
        "PReLU learns one slope, or one per channel (dimension 1 of the input): make num_parameters match.",
        "PReLU 学习一个斜率，或者每个通道（输入的第 1 维）一个：请让 num_parameters 与通道数一致。",
    ),
    "nn_prelu_dtypes": ErrorText(
        RuntimeError,
        "prelu: Type promoting not supported. Got {input} and {weight}",
        "the input and the slopes must have the same dtype: convert one, e.g. model.double() or x.float().",
        "输入和斜率的 dtype 必须相同：请转换其中一个，例如 model.double() 或 x.float()。",
    ),
    "nn_layer_norm_shape_type": ErrorText(
        TypeError,
        "layer_norm(): argument 'normalized_shape' (position 2) must be tuple of ints, not {type_name}",
        "give the normalised dimensions as a tuple, e.g. (4,) for the last dimension of size 4.",
        "请用元组给出要归一化的维度，例如最后一维大小为 4 时写 (4,)。",
    ),
    "nn_layer_norm_empty_shape": ErrorText(
        RuntimeError,
        "Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, but got "
        "normalized_shape = []",
        "name at least one dimension to normalise over, e.g. (x.shape[-1],).",
        "请至少给出一个要归一化的维度，例如 (x.shape[-1],)。",
    ),
    "nn_layer_norm_shape": ErrorText(
        RuntimeError,
        "Given normalized_shape={shape}, expected input with shape {expected}, but got input of size{size}",
        "normalized_shape must be the last dimensions of the input: compare it with x.shape.",
        "normalized_shape 必须是输入的最后几个维度：请和 x.shape 对照。",
    ),
    "nn_layer_norm_parameter": ErrorText(
        RuntimeError,
        "Expected {name} to be of same shape as normalized_shape, but got {name} of shape {shape} and "
        "normalized_shape = {expected}",
        "the weight and bias hold one value per normalised element: give them the shape of normalized_shape.",
        "weight 和 bias 对每个被归一化的元素各有一个值：请让它们的形状等于 normalized_shape。",
    ),
    "nn_norm_mixed_dtype": ErrorText(
        RuntimeError,
        "mixed dtype (CPU): expect parameter to have scalar type of {dtype}",
        "the weight and bias must have the input's dtype: convert the layer (.double(), .float()) or the input.",
        "weight 和 bias 的 dtype 必须与输入相同：请转换层（.double()、.float()）或输入。",
    ),
    "nn_group_norm_dims": ErrorText(
        RuntimeError,
        "Expected at least 2 dimensions for input tensor but received {ndim}",
        "group norm needs a batch and channels: give an input of shape (N, C, ...).",
        "组归一化需要批次和通道：请给出形状为 (N, C, ...) 的输入。",
    ),
    "nn_group_norm_groups": ErrorText(
        RuntimeError,
        "Expected number of channels in input to be divisible by num_groups, but got input of shape {shape} and "
        "num_groups={groups}",
        "the channels (dimension 1) are split into num_groups equal groups: choose a divisor of the channel count.",
        "通道（第 1 维）要平均分成 num_groups 组：请选择通道数的一个因数。",
    ),
    "nn_group_norm_parameter": ErrorText(
        RuntimeError,
        "Expected {name} to be a vector of size equal to the number of channels in input, but got {name} of "
        "shape {shape} and input of shape {input}",
        "group norm's weight and bias hold one value per channel: give them the shape (C,).",
        "组归一化的 weight 和 bias 每个通道一个值：请让它们的形状为 (C,)。",
    ),
    "nn_group_norm_channels": ErrorText(
        ValueError,
        "num_channels ({channels}) must be divisible by num_groups ({groups})",
        "the channels are split into num_groups equal groups: choose a divisor of num_channels.",
        "通道要平均分成 num_groups 组：请选择 num_channels 的一个因数。",
    ),
    "nn_padding_idx": ErrorText(
        AssertionError,
        "Padding_idx must be within num_embeddings",
        "padding_idx names one row of the table: it must lie between -num_embeddings and num_embeddings - 1.",
        "padding_idx 指向表中的一行：它必须在 -num_embeddings 到 num_embeddings - 1 之间。",
    ),
    "nn_embedding_not_tensor": ErrorText(
        TypeError,
        "embedding(): argument '{argument}' (position {position}) must be Tensor, not {type_name}",
        "an embedding looks rows up by a tensor of whole numbers: wrap the indices, e.g. "
        "emb(torch.tensor([1, 2])).",
        "嵌入层用整数张量查表：请把索引包装起来，例如 emb(torch.tensor([1, 2]))。",
    ),
    "nn_lstm_cell_hx_pair": ErrorText(
        TypeError,
        "lstm_cell(): argument 'hx' (position 2) must be tuple of Tensors, not {type_name}",
        "an LSTMCell keeps two states: pass them as a pair, cell(x, (h, c)).",
        "LSTMCell 有两个状态：请成对传入，cell(x, (h, c))。",
    ),
    "nn_rnn_cell_hx_not_tensor": ErrorText(
        AttributeError,
        "'{type_name}' object has no attribute 'dim'",
        "this cell keeps one state: pass it as a tensor, cell(x, h), not in a tuple (only LSTMCell takes a pair).",
        "这个单元只有一个状态：请直接传入张量，cell(x, h)，不要放进元组（只有 LSTMCell 接受一对状态）。",
    ),
    "nn_lstm_two_states": ErrorText(
        RuntimeError,
        "lstm expects two hidden states",
        "an LSTM keeps two states: pass them as a pair, lstm(x, (h0, c0)).",
        "LSTM 有两个状态：请成对传入，lstm(x, (h0, c0))。",
    ),
    "nn_lstm_cell_two_states": ErrorText(
        RuntimeError,
        "lstm_cell expects two hidden states",
        "an LSTMCell keeps two states: pass them as a pair, cell(x, (h, c)).",
        "LSTMCell 有两个状态：请成对传入，cell(x, (h, c))。",
    ),
    "nn_embedding_indices": ErrorText(
        RuntimeError,
        "Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got "
        "{type_name} instead (while checking arguments for embedding)",
        "look rows up with whole numbers: convert the indices with .long().",
        "请用整数查表：用 .long() 转换索引。",
    ),
    "nn_embedding_weight_dims": ErrorText(
        RuntimeError,
        "'weight' must be 2-D",
        "the embedding table is a matrix: one row (of embedding_dim values) per index.",
        "嵌入表是一个矩阵：每个索引一行（每行 embedding_dim 个值）。",
    ),
    "nn_embedding_index": ErrorText(
        IndexError,
        "index out of range in self",
        "every index must lie between 0 and num_embeddings - 1: the table has no row for this one.",
        "每个索引都必须在 0 到 num_embeddings - 1 之间：表中没有这个索引对应的行。",
    ),
    "nn_embedding_pretrained_dims": ErrorText(
        AssertionError,
        "Embeddings parameter is expected to be 2-dimensional",
        "give the table as a matrix: one row per index, one column per embedding value.",
        "请以矩阵形式给出嵌入表：每个索引一行，每个嵌入值一列。",
    ),
    "nn_pad_not_tuple": ErrorText(
        TypeError,
        "pad(): argument 'pad' (position 2) must be tuple of ints, not {type_name}",
        "give the padding widths as a tuple of whole numbers, e.g. (1, 1): tuple(widths.tolist()) for a tensor.",
        "请把填充宽度写成整数元组，例如 (1, 1)；张量可以用 tuple(widths.tolist())。",
    ),
    "nn_pad_not_ints": ErrorText(
        TypeError,
        "pad(): argument 'pad' (position 2) must be tuple of ints, but found element of type {type_name} at pos "
        "{position}",
        "give every padding width as a whole number, e.g. (1, 1).",
        "每个填充宽度都要是整数，例如 (1, 1)。",
    ),
    "nn_pad_odd": ErrorText(
        RuntimeError,
        "Padding length must be divisible by 2",
        "give the widths in pairs, (before, after) for each padded dimension, the last dimension first.",
        "请成对给出宽度：每个被填充的维度一对 (前, 后)，从最后一维开始。",
    ),
    "nn_pad_too_long": ErrorText(
        RuntimeError,
        "Padding length should be less than or equal to two times the input dimension but got padding length "
        "{length} and input of dimension {ndim}",
        "give at most one (before, after) pair per dimension of the input.",
        "输入的每个维度最多给一对 (前, 后)。",
    ),
    "nn_pad_negative_size": ErrorText(
        RuntimeError,
        "narrow(): length must be non-negative.",
        "a negative width cuts values off: it cannot cut more than the dimension holds.",
        "负的宽度会裁掉元素：裁掉的不能比这一维的长度还多。",
    ),
    "nn_pad_mode": ErrorText(
        NotImplementedError,
        "Unrecognised padding mode {mode}",
        "mode is one of 'constant', 'reflect', 'replicate' or 'circular'.",
        "mode 只能是 'constant'、'reflect'、'replicate' 或 'circular'。",
    ),
    "nn_pad_mode_value": ErrorText(
        RuntimeError,
        'Padding mode "{mode}" doesn\'t take in value argument',
        "only mode='constant' fills with a value; leave value out for the other modes.",
        "只有 mode='constant' 用某个值填充；其他模式请不要给 value。",
    ),
    "nn_pad_unsupported": ErrorText(
        NotImplementedError,
        "Padding size {size} is not supported for {ndim}D input tensor.\nSupported combinations for non-constant "
        "padding:\n  - 2D or 3D input: padding size = 2 (pads last dimension)\n  - 3D or 4D input: padding size = "
        "4 (pads last 2 dimensions)\n  - 4D or 5D input: padding size = 6 (pads last 3 dimensions)\n",
        "reflect and replicate pad the last 1, 2 or 3 dimensions of a batch: give (N, C, ...) or (C, ...) inputs.",
        "reflect 和 replicate 填充一批数据的最后 1、2 或 3 维：输入应为 (N, C, ...) 或 (C, ...)。",
    ),
    "nn_circular_pad_input_dims": ErrorText(
        ValueError,
        "expected {low}D or {high}D input (got {ndim}D input)",
        "circular padding layers take (channels, ...) or (batch, channels, ...) inputs.",
        "循环填充层的输入是 (通道, ...) 或 (批量, 通道, ...)。",
    ),
    "nn_pad_circular_wraps": ErrorText(
        RuntimeError,
        "Padding value causes wrapping around more than once.",
        "circular padding copies values from the other side, so each pad can be at most the size of its dimension.",
        "循环填充从另一侧复制数值，所以每一侧的填充量最多等于该维的大小。",
    ),
    "nn_pad_circular_empty": ErrorText(
        RuntimeError,
        "Negative padding value is resulting in an empty dimension",
        "a negative pad cuts values off; cut less than the dimension holds.",
        "负的填充量会切掉数值；切掉的要少于这一维的大小。",
    ),
    "nn_pad_empty": ErrorText(
        RuntimeError,
        "Expected {dims} (batch mode) tensor with possibly 0 batch size and other non-zero dimensions for input, "
        "but got: {shape}",
        "only the batch dimension may be empty when padding by reflection or replication.",
        "用 reflect 或 replicate 填充时，只有批次维可以为空。",
    ),
    "nn_reflect_pad_size": ErrorText(
        RuntimeError,
        "Argument #{argument}: Padding size should be less than the corresponding input dimension, but got: "
        "padding ({before}, {after}) at dimension {axis} of input {shape}",
        "a reflection mirrors values inside the input: each width must be smaller than its dimension.",
        "反射填充在输入内部镜像取值：每个宽度都必须小于对应维的长度。",
    ),
    "nn_pad_output_small": ErrorText(
        RuntimeError,
        "input (W: {width}) is too small. Calculated output W: {out}",
        "negative widths cut values off: leave at least one value.",
        "负的宽度会裁掉元素：请至少留下一个元素。",
    ),
    "nn_margin_ranking_dims": ErrorText(
        RuntimeError,
        "margin_ranking_loss : All input tensors should have same dimension but got sizes: input1: {input1}, "
        "input2: {input2}, target: {target} ",
        "give the two scores and the target (1 or -1 per pair) the same number of dimensions.",
        "两组得分和目标（每对一个 1 或 -1）的维数必须相同。",
    ),
    "nn_cosine_embedding_target": ErrorText(
        RuntimeError,
        "0D or 1D target tensor expected, multi-target not supported",
        "give one target (1 or -1) per pair of vectors: a 1-D tensor for a batch.",
        "每对向量给一个目标（1 或 -1）：一批数据用一维张量。",
    ),
    "nn_cosine_embedding_inputs": ErrorText(
        RuntimeError,
        "{dims}D target tensor expects {expected}D input tensors, but found inputs with sizes {input1} and {input2}.",
        "a batch of pairs is two (N, D) inputs with an (N,) target; one pair is two (D,) inputs with a 0-d target.",
        "一批向量对是两个 (N, D) 输入加一个 (N,) 目标；单个向量对是两个 (D,) 输入加一个 0 维目标。",
    ),
    "nn_conv_bias_shape": ErrorText(
        RuntimeError,
        "Given {transposed}weight of size {weight}, expected bias to be 1-dimensional with {out} elements, but got "
        "bias of size {bias} instead",
        "a convolution's bias is one number per output channel: a 1-d tensor of that many, or none.",
        "卷积的 bias 是每个输出通道一个数：一个这么长的一维张量，或者不要 bias。",
    ),
    "nn_sync_batch_norm_dims": ErrorText(
        ValueError,
        "expected at least 2D input (got {ndim}D input)",
        "batch normalisation needs a batch dimension and a channel dimension: (N, C, ...).",
        "批归一化需要批维和通道维：(N, C, ...)。",
    ),
    "nn_triplet_margin_positive": ErrorText(
        ValueError,
        "TripletMarginWithDistanceLoss: expected margin to be greater than 0, got {margin} instead",
        "the margin is how much nearer the positive must be than the negative: give a number above 0.",
        "margin 是正样本需要比负样本近多少：请给一个大于 0 的数。",
    ),
    "nn_triplet_margin_positive_functional": ErrorText(
        ValueError,
        "margin must be greater than 0, got {margin}",
        "the margin is how much nearer the positive must be than the negative: give a number above 0.",
        "margin 是正样本需要比负样本近多少：请给一个大于 0 的数。",
    ),
    "nn_triplet_dims": ErrorText(
        RuntimeError,
        "The anchor, positive, and negative tensors are expected to have the same number of dimensions, but got: "
        "anchor {anchor}D, positive {positive}D, and negative {negative}D inputs",
        "give the anchor, positive and negative examples the same shape, e.g. (N, D) each.",
        "anchor、positive 和 negative 的形状应当相同，例如都是 (N, D)。",
    ),
    "clip_grad_nonfinite": ErrorText(
        RuntimeError,
        "The total norm of order {norm_type} for gradients from `parameters` is non-finite, so it cannot be "
        "clipped. To disable this error and scale the gradients by the non-finite norm anyway, set "
        "`error_if_nonfinite=False`",
        "some gradient is inf or nan: look for a division by zero or a log of 0 in the loss, or lower the "
        "learning rate.",
        "某个梯度是 inf 或 nan：请检查损失中是否有除以零或 log(0)，或者降低学习率。",
    ),
    "vector_to_parameters_type": ErrorText(
        TypeError,
        "expected torch.Tensor, but got: {type_name}",
        "pass the vector as a tensor, e.g. the result of parameters_to_vector(...).",
        "请以张量传入这个向量，例如 parameters_to_vector(...) 的结果。",
    ),
    "nn_unflatten_size_type": ErrorText(
        TypeError,
        "unflattened_size must be a tuple of ints, but found type {type_name}",
        "give the new sizes as a tuple, e.g. nn.Unflatten(1, (3, 4)).",
        "请用元组给出新的各维大小，例如 nn.Unflatten(1, (3, 4))。",
    ),
    "nn_unflatten_size_element": ErrorText(
        TypeError,
        "unflattened_size must be tuple of ints, but found element of type {type_name} at pos {position}",
        "every size must be a whole number.",
        "每个大小都必须是整数。",
    ),
    "nn_unflatten_product": ErrorText(
        RuntimeError,
        "unflatten: Provided sizes {sizes} don't multiply up to the size of dim {dim} ({size}) in the input tensor",
        "the new sizes must multiply to the size of the dimension they replace (one of them may be -1).",
        "新的各维大小相乘必须等于被拆开的那一维的大小（其中一个可以写 -1）。",
    ),
    "nn_not_a_parameter": ErrorText(
        AttributeError,
        "`{name}` is not an nn.Parameter",
        "named_parameters() lists the parameters by their dotted names.",
        "named_parameters() 会按带点的名字列出所有参数。",
    ),
    "nn_not_a_buffer": ErrorText(
        AttributeError,
        "`{name}` is not a buffer",
        "named_buffers() lists the buffers by their dotted names.",
        "named_buffers() 会按带点的名字列出所有缓冲区。",
    ),
    "nn_backward_hook_count": ErrorText(
        RuntimeError,
        "Backward hook returned an invalid number of grad_input, got {got}, but expected {expected}",
        "return one gradient per input of the module (None where there is none), or return None.",
        "请为模块的每个输入返回一个梯度（没有的写 None），或者直接返回 None。",
    ),
    "nn_backward_pre_hook_count": ErrorText(
        RuntimeError,
        "Backward pre hook returned an invalid number of grad_output, got {got}, but expected {expected}",
        "return one gradient per output of the module, or return None.",
        "请为模块的每个输出返回一个梯度，或者直接返回 None。",
    ),
    "nn_backward_hook_no_input_return": ErrorText(
        RuntimeError,
        "Backward hook for Modules where no input requires gradient should always return None or None for all "
        "gradients.",
        "no input of this module needs a gradient, so there is nothing to replace: return None.",
        "这个模块的输入都不需要梯度，没有可替换的：请返回 None。",
    ),
    "nn_hardtanh_order": ErrorText(
        AssertionError,
        "max_val ({max_val}) must be greater than min_val ({min_val})",
        "the upper bound must be larger than the lower one: swap them, or fix the one that is wrong.",
        "上界必须大于下界：请交换它们，或改正写错的那一个。",
    ),
    # -- gather, scatter, masks, take (branch breadth_b) -------------------------------------------------
    "gather_index_dtype": ErrorText(
        RuntimeError,
        "{name}(): Expected dtype int32/int64 for index",
        "positions are whole numbers: make the index with torch.tensor([[0, 2]]) or convert it with .long().",
        "位置是整数：请用 torch.tensor([[0, 2]]) 创建索引，或用 .long() 转换。",
    ),
    "gather_index_ndim": ErrorText(
        RuntimeError,
        "Index tensor must have the same number of dimensions as {which} tensor",
        "the index names one position per output element, so it has as many dimensions as the input; "
        "add the missing ones with .unsqueeze(...) or .view(...).",
        "索引为每个输出元素给出一个位置，所以维数要和输入相同；请用 .unsqueeze(...) 或 .view(...) 补上缺少的维度。",
    ),
    "gather_index_size": ErrorText(
        RuntimeError,
        "Size does not match at dimension {dim} expected index {index} to be no larger than self {shape} apart "
        "from dimension {along}",
        "outside dimension {along}, the index may not be longer than the input: it reads positions that exist.",
        "除了第 {along} 维，索引的长度不能超过输入：它只能读取存在的位置。",
    ),
    "scatter_index_size": ErrorText(
        RuntimeError,
        "Expected index {index} to be no larger than self {shape} apart from dimension {along} and to be no "
        "larger size than src {src}",
        "each position of the index takes one value of src: src must be at least as large as the index.",
        "索引的每个位置取 src 的一个值：src 至少要和索引一样大。",
    ),
    "scatter_src_dtype": ErrorText(
        RuntimeError,
        "{name}(): Expected self.dtype to be equal to src.dtype",
        "src's values are written into the tensor, so they must have its dtype: convert src with .to(x.dtype).",
        "src 的值会写进这个张量，所以类型必须相同：请用 .to(x.dtype) 转换 src。",
    ),
    "scatter_src_gradient": ErrorText(
        RuntimeError,
        "Function {node} returned an invalid gradient at index 1 - got {got} but expected shape compatible with "
        "{expected}",
        "only the part of src the index covers is written, so only that part has a gradient; pass "
        "src[:n, :m] with the index's shape instead of the larger src.",
        "只有被索引覆盖的那部分 src 会被写入，所以只有那部分有梯度；请传入与索引形状相同的 src[:n, :m]，"
        "而不是更大的 src。",
    ),
    "scatter_add_src_type": ErrorText(
        TypeError,
        "{name}(): argument 'src' (position 3) must be Tensor, not {type_name}",
        "scatter_add adds a tensor of values; to write one number use scatter(dim, index, value).",
        "scatter_add 加的是一个张量；如果要写入一个数，请用 scatter(dim, index, value)。",
    ),
    "index_add_index_dtype": ErrorText(
        RuntimeError,
        "index_add_(): Expected dtype int32/int64 for index but got: {dtype}",
        "positions are whole numbers: make the index with torch.tensor([0, 2]) or convert it with .long().",
        "位置是整数：请用 torch.tensor([0, 2]) 创建索引，或用 .long() 转换。",
    ),
    "index_add_source_dtype": ErrorText(
        RuntimeError,
        "index_add_(): self ({self_type}) and source ({source_type}) must have the same scalar type",
        "convert the source to the tensor's dtype first, with .to(x.dtype).",
        "请先用 .to(x.dtype) 把 source 转换成这个张量的类型。",
    ),
    "index_add_source_shape": ErrorText(
        RuntimeError,
        "source tensor shape must match self tensor shape, excluding the specified dimension. Got self.shape = "
        "{shape} source.shape = {source}",
        "each slice of the source is added to one slice of the tensor, so apart from dim their sizes agree.",
        "source 的每一片加到张量的一片上，所以除了 dim 这一维，它们的大小必须相同。",
    ),
    "index_add_count": ErrorText(
        RuntimeError,
        "index_add_(): Number of indices ({count}) should be equal to source.size(dim): ({size}), for dim: {dim}",
        "the index names where each slice of the source goes: one position per slice.",
        "索引说明 source 的每一片加到哪里：每一片对应一个位置。",
    ),
    "masked_fill_mask_dtype": ErrorText(
        RuntimeError,
        "masked_fill_ only supports boolean masks, but got mask with dtype {dtype}",
        "make the mask with a comparison, e.g. x > 0, or convert it with .bool().",
        "请用比较得到掩码，例如 x > 0，或者用 .bool() 转换。",
    ),
    "masked_fill_value_ndim": ErrorText(
        RuntimeError,
        "masked_fill_ only supports a 0-dimensional value tensor, but got tensor with {ndim} dimension(s).",
        "the value is one number written everywhere the mask is True; for one value per position use "
        "torch.where(mask, values, x).",
        "value 是写到掩码为 True 处的同一个数；如果每个位置的值不同，请用 torch.where(mask, values, x)。",
    ),
    "masked_scatter_mask_dtype": ErrorText(
        RuntimeError,
        "masked_scatter_ only supports boolean masks, but got mask with dtype {dtype}",
        "make the mask with a comparison, e.g. x > 0, or convert it with .bool().",
        "请用比较得到掩码，例如 x > 0，或者用 .bool() 转换。",
    ),
    "masked_scatter_source_type": ErrorText(
        TypeError,
        "masked_scatter(): argument 'source' (position 2) must be Tensor, not {type_name}",
        "source holds the values written in order; to write one number everywhere use masked_fill.",
        "source 是依次写入的值；如果要在所有位置写同一个数，请用 masked_fill。",
    ),
    "masked_scatter_dtypes": ErrorText(
        RuntimeError,
        "masked_scatter: expected self and source to have same dtypes but got{self_type} and {source_type}",
        "convert the source to the tensor's dtype first, with .to(x.dtype).",
        "请先用 .to(x.dtype) 把 source 转换成这个张量的类型。",
    ),
    "masked_scatter_source_size": ErrorText(
        RuntimeError,
        "Number of elements of source < number of ones in mask",
        "each True in the mask takes the next element of source, so source needs at least as many elements.",
        "掩码中的每个 True 依次取 source 的下一个元素，所以 source 的元素不能比 True 少。",
    ),
    "masked_select_mask_dtype": ErrorText(
        RuntimeError,
        "masked_select: expected BoolTensor for mask",
        "make the mask with a comparison, e.g. x > 0, or convert it with .bool().",
        "请用比较得到掩码，例如 x > 0，或者用 .bool() 转换。",
    ),
    "masked_fill_inplace_shape": ErrorText(
        RuntimeError,
        "output with shape {shape} doesn't match the broadcast shape {broadcast}",
        "an in-place fill cannot grow the tensor: the mask must broadcast to the tensor's shape; use the "
        "out-of-place masked_fill to get the larger result.",
        "原地填充不能改变张量的形状：掩码必须能广播到张量的形状；要得到更大的结果，请用不带下划线的 masked_fill。",
    ),
    "take_index_dtype": ErrorText(
        RuntimeError,
        "take(): Expected a long tensor for index, but got {dtype}",
        "positions are whole numbers: make the index with torch.tensor([0, 2]) or convert it with .long().",
        "位置是整数：请用 torch.tensor([0, 2]) 创建索引，或用 .long() 转换。",
    ),
    "take_out_of_range": ErrorText(
        IndexError,
        "out of range: tried to access index {index} on a tensor of {count} elements.",
        "take() reads the tensor as if it were flat: valid positions go from -{count} to {last}.",
        "take() 把张量当作一维来读：合法的位置是从 -{count} 到 {last}。",
    ),
    "take_along_dim_ndim": ErrorText(
        RuntimeError,
        "torch.take_along_dim(): input and indices should have the same number of dimensions, but got {ndim} "
        "dimensions for input, and {index_ndim} dimensions for indices",
        "give the indices as many dimensions as the input (keepdim=True in argmax keeps them), or leave out "
        "dim to read the flattened input.",
        "索引的维数要和输入相同（argmax 里用 keepdim=True 可以保留维度），或者省略 dim，按展平后的输入来读。",
    ),
    # -- repeat, flip, roll, triangles, diagonals (branch breadth_b) --------------------------------------
    "repeat_too_few": ErrorText(
        RuntimeError,
        "Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor",
        "give one count per dimension, e.g. x.repeat(2, 1) for a matrix; torch.tile fills in the missing ones.",
        "每个维度给一个次数，例如矩阵用 x.repeat(2, 1)；torch.tile 会自动补上缺少的次数。",
    ),
    "repeat_interleave_negative": ErrorText(
        RuntimeError,
        "Repeats must be non-negative",
        "each element is repeated this many times: 0 or more.",
        "每个元素重复这么多次：必须是 0 或更大的数。",
    ),
    "repeat_interleave_negative_tensor": ErrorText(
        RuntimeError,
        "repeats can not be negative",
        "each count says how many times its element is repeated: 0 or more.",
        "每个次数说明对应元素重复几次：必须是 0 或更大的数。",
    ),
    "repeat_interleave_size": ErrorText(
        RuntimeError,
        "repeats must have the same size as input along dim, but got repeats.size(0) = {count} and "
        "input.size({dim}) = {size}",
        "give one count per element along dim, or a single count for all of them.",
        "沿 dim 给每个元素一个次数，或者只给一个次数用于全部元素。",
    ),
    "flip_no_dims": ErrorText(
        TypeError,
        'flip() missing 1 required positional arguments: "dims"',
        "say which dimensions to reverse, e.g. x.flip(0) or x.flip((0, 1)).",
        "请说明要反转哪些维度，例如 x.flip(0) 或 x.flip((0, 1))。",
    ),
    "permute_duplicate_dims": ErrorText(
        RuntimeError,
        "permute(): duplicate dims are not allowed.",
        "permute takes each dimension once, in its new order: x.permute(2, 0, 1) for a (C, H, W) image from (H, W, C).",
        "permute 里每个维度只写一次，按新的顺序排列：例如把 (H, W, C) 变成 (C, H, W) 用 x.permute(2, 0, 1)。",
    ),
    "reduce_repeated_dim": ErrorText(
        RuntimeError,
        "dim {dim} appears multiple times in the list of dims",
        "name each dimension to reduce once, e.g. x.sum((1, 2)): -1 and 2 may be the same dimension.",
        "每个要归约的维度只写一次，例如 x.sum((1, 2))：-1 和 2 可能是同一个维度。",
    ),
    "flip_repeated_dim": ErrorText(
        RuntimeError,
        "dim {dim} appears multiple times in the list of dims",
        "name each dimension once: reversing twice would undo it.",
        "每个维度只写一次：反转两次等于没有反转。",
    ),
    "clamp_mixed_bounds": ErrorText(
        TypeError,
        "clamp() received an invalid combination of arguments - got ({given}), but expected one of:\n"
        " * (Tensor min = None, Tensor max = None)\n"
        " * (Number min = None, Number max = None)",
        "give both bounds as tensors or both as numbers, e.g. x.clamp(lo, torch.full_like(lo, 1.0)).",
        "两个界限要么都给张量，要么都给数，例如 x.clamp(lo, torch.full_like(lo, 1.0))。",
    ),
    "matrix_attribute_batches": ErrorText(
        RuntimeError,
        "tensor.{name} is only supported on matrices or batches of matrices. Got {ndim}-D tensor.",
        "it transposes the last two dimensions, so the tensor needs at least two.",
        "它交换最后两个维度，所以张量至少要有两个维度。",
    ),
    "matrix_attribute_2d": ErrorText(
        RuntimeError,
        "tensor.H is only supported on matrices (2-D tensors). Got {ndim}-D tensor.",
        "for batches of matrices, use x.mH, which transposes the last two dimensions.",
        "对一批矩阵请用 x.mH，它交换最后两个维度。",
    ),
    "matrix_attribute_2d_batch": ErrorText(
        RuntimeError,
        "tensor.H is only supported on matrices (2-D tensors). Got {ndim}-D tensor. For batches of matrices, "
        "consider using tensor.mH",
        "x.mH transposes the last two dimensions of each matrix in the batch.",
        "x.mH 交换一批矩阵中每个矩阵的最后两个维度。",
    ),
    "function_needs_tensor": ErrorText(
        AttributeError,
        "'{type_name}' object has no attribute '{attribute}'",
        "this function takes a tensor: wrap the values in torch.tensor(...) first.",
        "这个函数需要张量：请先用 torch.tensor(...) 把这些值变成张量。",
    ),
    "argument_not_tensor_keyword": ErrorText(
        TypeError,
        "{function}(): argument '{argument}' must be Tensor, not {type_name}",
        "wrap the values in torch.tensor(...) first.",
        "请先用 torch.tensor(...) 把这些值变成张量。",
    ),
    "view_dtype_0d": ErrorText(
        RuntimeError,
        "self.dim() cannot be 0 to view {old} as {new} (different element sizes)",
        "a single number cannot be split or joined into elements of another size; use .to(dtype) to convert.",
        "单个数不能拆分或合并成另一种大小的元素；要转换数值请用 .to(dtype)。",
    ),
    "view_dtype_stride": ErrorText(
        RuntimeError,
        "self.stride(-1) must be 1 to view {old} as {new} (different element sizes), but got {stride}",
        "the last dimension must be contiguous: call .contiguous() first, or use .to(dtype) to convert.",
        "最后一个维度必须连续：先调用 .contiguous()，或者用 .to(dtype) 转换数值。",
    ),
    "view_dtype_divisible": ErrorText(
        RuntimeError,
        "self.size(-1) must be divisible by {ratio} to view {old} as {new} (different element sizes), but got {size}",
        "the last dimension's bytes must make whole elements of the new type; .to(dtype) converts values instead.",
        "最后一个维度的字节数必须正好组成新类型的整数个元素；要转换数值请用 .to(dtype)。",
    ),
    "vander_columns": ErrorText(
        RuntimeError,
        "N must be greater than 1.",
        "N is the number of columns, x ** 0 to x ** (N - 1): give at least 1.",
        "N 是列数（x ** 0 到 x ** (N - 1)）：至少为 1。",
    ),
    "tensorinv_shape": ErrorText(
        RuntimeError,
        "Expected self to satisfy the requirement prod(self.shape[ind:]) == prod(self.shape[:ind]), but got "
        "{columns} != {rows}",
        "the first ind dimensions and the rest must hold as many elements each: they form a square matrix.",
        "前 ind 个维度与其余维度的元素数必须相同：它们组成一个方阵。",
    ),
    "tensor_as_index": ErrorText(
        TypeError,
        "only integer tensors of a single element can be converted to an index",
        "a position is one whole number: pick one element of an integer tensor (x[0]), or convert with int(x).",
        "位置是一个整数：请取整数张量的一个元素（x[0]），或者用 int(x) 转换。",
    ),
    "tensor_in_list_integer": ErrorText(
        TypeError,
        "only integer tensors of a single element can be converted to an index",
        "a tensor inside a list counts as one number; to join tensors into one, use torch.stack(list_of_tensors).",
        "列表中的张量只能当作一个数；要把多个张量合成一个，请用 torch.stack(张量列表)。",
    ),
    "tensor_in_list_float": ErrorText(
        ValueError,
        "only one element tensors can be converted to Python scalars",
        "a tensor inside a list counts as one number; to join tensors into one, use torch.stack(list_of_tensors).",
        "列表中的张量只能当作一个数；要把多个张量合成一个，请用 torch.stack(张量列表)。",
    ),
    "dim_is_bool": ErrorText(
        TypeError,
        "argument 'dim' must be int, not bool",
        "a dimension is a number such as 0 or -1; True and False are not dimensions (keepdim=True is a keyword).",
        "维度是 0 或 -1 这样的数；True 和 False 不是维度（keepdim=True 要写成关键字参数）。",
    ),
    "tensorboard_not_here": ErrorText(
        ImportError,
        "torch.utils.tensorboard's SummaryWriter is not implemented in autograd_lab",
        "print the losses, or plot them with matplotlib, to watch training.",
        "要观察训练过程，请打印损失，或用 matplotlib 画出来。",
    ),
    "cuda_dummy_class": ErrorText(
        RuntimeError,
        "Tried to instantiate dummy base class {name}",
        "there is no GPU here: time code on the CPU with time.perf_counter().",
        "这里没有 GPU：在 CPU 上计时请用 time.perf_counter()。",
    ),
    "cuda_stream_needs_cuda": ErrorText(
        RuntimeError,
        "torch.cuda.Stream requires CUDA support",
        "there is no GPU here, so no GPU streams: the code runs in order on the CPU.",
        "这里没有 GPU，也就没有 GPU 流：代码在 CPU 上按顺序运行。",
    ),
    "device_not_a_gpu": ErrorText(
        RuntimeError,
        "Invalid device, must be {kind} device",
        "x.{kind}(device) moves a tensor to a GPU, and this device is not one; to keep it where it is (the CPU), "
        "write x.to(device).",
        "x.{kind}(device) 把张量移到 GPU 上，而这个设备不是 GPU；要让它留在原处（CPU），请写 x.to(device)。",
    ),
    "variable_data_not_tensor": ErrorText(
        TypeError,
        "Variable data has to be a tensor, but got {type_name}",
        "Variable wraps a tensor: write Variable(torch.tensor(data)), or today simply torch.tensor(data).",
        "Variable 包装的是张量：请写 Variable(torch.tensor(data))，或者如今直接写 torch.tensor(data)。",
    ),
    "variable_volatile_and_grad": ErrorText(
        ValueError,
        "Variable can't be volatile and require_grad at the same time!",
        "leave volatile out (it was removed); requires_grad=True is what records operations.",
        "去掉 volatile（它已被移除）；记录运算的是 requires_grad=True。",
    ),
    "cuda_device_not_cuda": ErrorText(
        ValueError,
        "Expected a cuda device, but got: {device}",
        "torch.cuda.device(...) chooses one of the GPUs for a block of code; a {device} device is not one "
        "(and this machine has no GPU).",
        "torch.cuda.device(...) 为一段代码选择一块 GPU；{device} 设备不是 GPU（而且这台机器也没有 GPU）。",
    ),
    "cat_ndim_mismatch": ErrorText(
        RuntimeError,
        "Tensors must have same number of dimensions: got {first} and {other}",
        "cat joins tensors of the same rank: give the smaller one its missing dimension first, "
        "for example t.unsqueeze(0).",
        "cat 只能连接维数相同的张量：先给维数少的那个补上缺的维度，例如 t.unsqueeze(0)。",
    ),
    "nn_gelu_approximate": ErrorText(
        RuntimeError,
        "approximate argument must be either none or tanh.",
        "approximate='none' (the default, with erf) or approximate='tanh', in lower case.",
        "approximate='none'（默认，用 erf）或 approximate='tanh'，都用小写。",
    ),
    "autograd_variable_removed": ErrorText(
        RuntimeError,
        "torch.autograd.variable(...) is deprecated, use torch.tensor(...) instead",
        "torch.tensor(values, requires_grad=True) makes a tensor that records its operations.",
        "torch.tensor(values, requires_grad=True) 会创建一个记录运算的张量。",
    ),
    "data_not_tensor": ErrorText(
        TypeError,
        "Variable data has to be a tensor, but got {type_name}",
        "x.data takes a tensor: torch.from_numpy(array), or torch.tensor(values).",
        "x.data 只接受张量：用 torch.from_numpy(array) 或 torch.tensor(values) 转换。",
    ),
    "data_requires_grad_dtype": ErrorText(
        RuntimeError,
        "data set to a tensor that requires gradients must be floating point or complex dtype",
        "a tensor that requires grad holds decimals: convert the new values with .float() first.",
        "需要梯度的张量存放的是小数：请先用 .float() 转换新的值。",
    ),
    "requires_grad_not_bool": ErrorText(
        RuntimeError,
        "requires_grad must be a bool",
        "write x.requires_grad = True (or False), not 1 or 0.",
        "请写 x.requires_grad = True（或 False），而不是 1 或 0。",
    ),
    "parameter_requires_grad_not_bool": ErrorText(
        TypeError,
        "_make_subclass(): argument 'require_grad' (position 3) must be bool, not {type_name}",
        "write nn.Parameter(values, requires_grad=False) (or True), not 1 or 0.",
        "请写 nn.Parameter(values, requires_grad=False)（或 True），而不是 1 或 0。",
    ),
    "requires_grad_flag_not_bool": ErrorText(
        TypeError,
        "requires_grad_(): argument 'requires_grad' (position 1) must be bool, not {type_name}",
        "write x.requires_grad_() or x.requires_grad_(False), not 1 or 0.",
        "请写 x.requires_grad_() 或 x.requires_grad_(False)，而不是 1 或 0。",
    ),
    "cuda_device_no_index": ErrorText(
        ValueError,
        "Expected a torch.device with a specified index or an integer, but got:{device}",
        "torch.cuda.set_device takes a GPU's number, such as 0 or 'cuda:0' (and this machine has no GPU).",
        "torch.cuda.set_device 需要 GPU 的编号，例如 0 或 'cuda:0'（而且这台机器也没有 GPU）。",
    ),
    "cuda_set_device_cpu": ErrorText(
        AttributeError,
        "module 'torch._C' has no attribute '_cuda_setDevice'",
        "this machine has no GPU to choose: guard the call with if torch.cuda.is_available():, or leave it out.",
        "这台机器没有 GPU 可选：请把这行放在 if torch.cuda.is_available(): 之下，或者去掉它。",
    ),
    "cuda_not_compiled": ErrorText(
        RuntimeError,
        "PyTorch was compiled without CUDA support",
        "autograd_lab computes on the CPU only; leave the device choice out, or write "
        "device = torch.device('cuda' if torch.cuda.is_available() else 'cpu').",
        "autograd_lab 只在 CPU 上计算；请去掉设备选择，或写 "
        "device = torch.device('cuda' if torch.cuda.is_available() else 'cpu')。",
    ),
    "save_missing_directory": ErrorText(
        RuntimeError,
        "Parent directory {folder} does not exist.",
        "create the folder first (os.makedirs(folder, exist_ok=True)), or save to a path that exists.",
        "请先创建文件夹（os.makedirs(folder, exist_ok=True)），或保存到已存在的路径。",
    ),
    "load_to_cuda": ErrorText(
        RuntimeError,
        "Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are "
        "running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your "
        "storages to the CPU.",
        "there is no GPU here: load with map_location='cpu' (or leave map_location out).",
        "这里没有 GPU：请用 map_location='cpu' 加载（或者不写 map_location）。",
    ),
    "load_legacy_protocol": ErrorText(
        RuntimeError,
        "Invalid protocol version: {protocol}",
        "the file begins as PyTorch's old format does but is not one torch.save wrote whole; save it again.",
        "这个文件的开头像 PyTorch 的旧格式，但它不是 torch.save 完整写出的文件；请重新保存。",
    ),
    "load_saved_on_cuda": ErrorText(
        RuntimeError,
        "Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are "
        "running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your "
        "storages to the CPU.",
        "the file was saved from a GPU, and there is none here: load it with map_location='cpu'.",
        "这个文件是在 GPU 上保存的，而这里没有 GPU：请用 map_location='cpu' 加载。",
    ),
    "legacy_device_type": ErrorText(
        RuntimeError,
        "legacy constructor expects device type: cpu but device type: {device_type} was passed",
        "torch.Tensor(...) makes a tensor on the CPU; torch.tensor(data, device=...) takes another device.",
        "torch.Tensor(...) 只在 CPU 上创建张量；要用其他设备，请用 torch.tensor(data, device=...)。",
    ),
    "legacy_tensor_device": ErrorText(
        RuntimeError,
        "Legacy tensor constructor of the form torch.Tensor(tensor, device=device) is not supported.  Use "
        "torch.tensor(...) or torch.as_tensor(...) instead.",
        "to move a tensor, write t.to(device); torch.tensor(t, device=...) copies it there.",
        "要移动张量，请写 t.to(device)；torch.tensor(t, device=...) 会把它复制过去。",
    ),
    "optim_pre_hook_result": ErrorText(
        RuntimeError,
        "{hook} must return None or a tuple of (new_args, new_kwargs), but got {result}.",
        "a step pre-hook returns nothing, or the arguments step() should get instead: (args, kwargs).",
        "step 前置钩子要么不返回值，要么返回 step() 改用的参数：(args, kwargs)。",
    ),
    "numpy_dtype_unsupported": ErrorText(
        TypeError,
        "can't convert np.ndarray of type numpy.{name}. The only supported types are: float64, float32, float16, "
        "complex64, complex128, int64, int32, int16, int8, uint64, uint32, uint16, uint8, and bool.",
        "convert the array to numbers first, e.g. array.astype(float) (a table read with pandas often holds objects).",
        "请先把数组转换成数值，例如 array.astype(float)（用 pandas 读入的表格常常是 object 类型）。",
    ),
    "ema_decay_range": ErrorText(
        ValueError,
        "Invalid decay value {decay} provided. Please provide a value in [0,1] range.",
        "decay is the share of the old average kept at each update: a number from 0 to 1, such as 0.999.",
        "decay 是每次更新保留旧平均值的比例：0 到 1 之间的数，例如 0.999。",
    ),
    "averaged_model_two_fns": ErrorText(
        AssertionError,
        "Only one of avg_fn and multi_avg_fn should be provided",
        "avg_fn updates one parameter at a time, multi_avg_fn all of them at once: give one of the two.",
        "avg_fn 一次更新一个参数，multi_avg_fn 一次更新全部：二者只给一个。",
    ),
    "swalr_strategy": ErrorText(
        ValueError,
        "anneal_strategy must be one of 'cos' or 'linear', instead got {strategy}",
        "the learning rate moves to swa_lr along a cosine ('cos') or a straight line ('linear').",
        "学习率沿余弦（'cos'）或直线（'linear'）变到 swa_lr。",
    ),
    "swalr_epochs": ErrorText(
        ValueError,
        "anneal_epochs must be equal or greater than 0, got {epochs}",
        "anneal_epochs counts the epochs the move to swa_lr takes: a whole number, 0 to jump at once.",
        "anneal_epochs 是变到 swa_lr 所用的轮数：一个整数，0 表示立即变过去。",
    ),
    "nn_interpolate_antialias_mode": ErrorText(
        ValueError,
        "Anti-alias option is restricted to bilinear, bicubic, and lanczos modes and requires a 4-D tensor as input",
        "antialias smooths images (N, C, H, W) as they shrink: use mode='bilinear', 'bicubic' or 'lanczos' on a "
        "4-d tensor, or leave it out.",
        "antialias 在缩小图像 (N, C, H, W) 时做平滑：请对 4 维张量用 mode='bilinear'、'bicubic' 或 'lanczos'，或者不写它。",
    ),
    "resize_count": ErrorText(
        RuntimeError,
        "requested resize to {sizes} ({count} elements in total), but the given tensor has a size of {shape} "
        "({size} elements). autograd's resize can only change the shape of a given tensor, while preserving the "
        "number of elements. ",
        "x.reshape(...) gives the same elements a new shape; x.resize_ (in place) may change their number.",
        "x.reshape(...) 给同样的元素换一个形状；原地的 x.resize_ 才能改变元素个数。",
    ),
    "squeeze_repeated_dim": ErrorText(
        RuntimeError,
        "dim {dim} appears multiple times in the list of dims",
        "name each dimension to squeeze once.",
        "每个要压缩的维度只写一次。",
    ),
    "flip_too_few_dims": ErrorText(
        RuntimeError,
        "Input must be >= {least}-d.",
        "fliplr reverses dimension 1 and flipud dimension 0, so the tensor needs that dimension; use flip(dims) "
        "otherwise.",
        "fliplr 反转第 1 维，flipud 反转第 0 维，张量必须有这一维；否则请用 flip(dims)。",
    ),
    "roll_mismatch": ErrorText(
        RuntimeError,
        "shifts and dimensions must align. shifts: {shifts}, dims:{dims}",
        "give one shift per dimension, e.g. x.roll((1, 2), dims=(0, 1)).",
        "每个维度给一个位移，例如 x.roll((1, 2), dims=(0, 1))。",
    ),
    "rot90_dims_count": ErrorText(
        RuntimeError,
        "expected total rotation dims == 2, but got dims = {count}",
        "a rotation turns one plane: give exactly two dimensions, e.g. dims=(0, 1).",
        "旋转发生在一个平面内：请恰好给出两个维度，例如 dims=(0, 1)。",
    ),
    "rot90_too_few_dims": ErrorText(
        RuntimeError,
        "expected total dims >= 2, but got total dims = {ndim}",
        "a rotation turns a plane, so the tensor needs at least two dimensions.",
        "旋转发生在一个平面内，所以张量至少要有两个维度。",
    ),
    "rot90_same_dims": ErrorText(
        RuntimeError,
        "expected rotation dims to be different, but got dim0 = {dim0} and dim1 = {dim1}",
        "the two dimensions span the plane of the rotation: give two different ones.",
        "两个维度张成旋转的平面：请给出两个不同的维度。",
    ),
    "triangle_too_few_dims": ErrorText(
        RuntimeError,
        "{name}: input tensor must have at least 2 dimensions",
        "a triangle is part of a matrix; for a vector v, make the matrix first, e.g. torch.diag(v).",
        "三角部分属于矩阵；对于向量 v，请先构造矩阵，例如 torch.diag(v)。",
    ),
    "triangle_diagonal_type": ErrorText(
        TypeError,
        "{name}(): argument 'diagonal' (position 1) must be int, not {type_name}",
        "diagonal counts diagonals above (positive) or below (negative) the main one: a whole number.",
        "diagonal 表示主对角线之上（正数）或之下（负数）第几条对角线：必须是整数。",
    ),
    "diagonal_same_dims": ErrorText(
        RuntimeError,
        "diagonal dimensions cannot be identical {dim1}, {dim2}",
        "a diagonal runs through a plane: give two different dimensions.",
        "对角线位于一个平面内：请给出两个不同的维度。",
    ),
    "diag_dims": ErrorText(
        RuntimeError,
        "diag(): Supports 1D or 2D tensors. Got {ndim}D",
        "diag turns a vector into a matrix or takes a matrix's diagonal; for more dimensions use "
        "torch.diagonal or torch.diag_embed.",
        "diag 把向量变成矩阵，或取矩阵的对角线；更多维度请用 torch.diagonal 或 torch.diag_embed。",
    ),
    "trace_not_matrix": ErrorText(
        RuntimeError,
        "trace: expected a matrix, but got tensor with dim {ndim}",
        "the trace sums a matrix's diagonal; for batches use x.diagonal(dim1=-2, dim2=-1).sum(-1).",
        "迹是矩阵对角线之和；批量计算请用 x.diagonal(dim1=-2, dim2=-1).sum(-1)。",
    ),
    "trace_bool": ErrorText(
        NotImplementedError,
        "\"trace\" not implemented for 'Bool'",
        "convert to numbers first, e.g. x.long().trace().",
        "请先转换成数值，例如 x.long().trace()。",
    ),
    # -- memory layout: unfold, t_ (branch breadth_b) --------------------------------------------------
    "unfold_negative_size": ErrorText(
        RuntimeError,
        "size is {size} but must be >= 0",
        "size is how many elements each window holds: 0 or more.",
        "size 是每个窗口包含的元素个数：必须是 0 或更大的数。",
    ),
    "unfold_too_large": ErrorText(
        RuntimeError,
        "maximum size for tensor at dimension {dim} is {length} but size is {size}",
        "a window cannot hold more elements than the dimension has: use a size of at most {length}.",
        "窗口包含的元素不能比这一维的元素还多：size 最多为 {length}。",
    ),
    "unfold_step": ErrorText(
        RuntimeError,
        "step is {step} but must be > 0",
        "step is how far each window starts after the one before: 1 or more.",
        "step 是相邻两个窗口起点之间的距离：必须是 1 或更大的数。",
    ),
    "t_inplace_dims": ErrorText(
        RuntimeError,
        "t_() expects a tensor with <= 2 dimensions, but self is {ndim}D",
        "t_() transposes a matrix; to swap two dimensions of a larger tensor use x.transpose(dim0, dim1).",
        "t_() 转置矩阵；要交换更高维张量的两个维度，请用 x.transpose(dim0, dim1)。",
    ),
    # -- meshgrid, block_diag, movedim, unflatten, new_* (branch breadth_b) ----------------------------------
    "meshgrid_indexing": ErrorText(
        RuntimeError,
        'torch.meshgrid: indexing must be one of "xy" or "ij", but received: {indexing}',
        "use indexing='ij' for matrix-style grids (first tensor along rows) or 'xy' for NumPy's and "
        "Matplotlib's (first tensor along columns).",
        "矩阵风格的网格（第一个张量沿行）用 indexing='ij'，NumPy 和 Matplotlib 风格（第一个张量沿列）用 'xy'。",
    ),
    "meshgrid_dims": ErrorText(
        RuntimeError,
        "torch.meshgrid: Expected 0D or 1D tensor in the tensor list but got: {tensor}",
        "meshgrid takes the coordinates along each axis as vectors; flatten the tensor first, e.g. x.flatten().",
        "meshgrid 接收的是每个坐标轴上的坐标向量；请先把张量展平，例如 x.flatten()。",
    ),
    "meshgrid_dtypes": ErrorText(
        RuntimeError,
        "meshgrid expects all tensors to have the same dtype",
        "convert the coordinates to one dtype first, e.g. with .float().",
        "请先把各个坐标张量转换成同一种类型，例如用 .float()。",
    ),
    "cartesian_prod_dims": ErrorText(
        RuntimeError,
        "Expect a 1D vector, but got shape {shape}",
        "cartesian_prod combines the elements of vectors; flatten the tensor first, e.g. x.flatten().",
        "cartesian_prod 组合的是向量的元素；请先把张量展平，例如 x.flatten()。",
    ),
    "block_diag_dims": ErrorText(
        RuntimeError,
        "torch.block_diag: Input tensors must have 2 or fewer dimensions. Input {index} has {ndim} dimensions",
        "each block is a matrix (a vector is a row, a number a 1x1 block); for batches build the blocks one "
        "by one.",
        "每个块是一个矩阵（向量当作一行，数当作 1x1 的块）；批量数据请逐个构造块。",
    ),
    "movedim_count": ErrorText(
        RuntimeError,
        "movedim: Invalid source or destination dims: source ({source} dims) should contain the same number "
        "of dims as destination ({destination} dims)",
        "give one destination for each dimension you move.",
        "每个要移动的维度都需要一个目标位置。",
    ),
    "movedim_repeated": ErrorText(
        RuntimeError,
        "movedim: repeated dim in `{which}` ({dims})",
        "name each dimension once: one dimension cannot go to two places.",
        "每个维度只写一次：一个维度不能同时放到两个位置。",
    ),
    "unflatten_empty": ErrorText(
        RuntimeError,
        "unflatten: sizes must be non-empty",
        "give the sizes the dimension splits into, e.g. x.unflatten(1, (2, 3)).",
        "请给出这一维要拆成的各个大小，例如 x.unflatten(1, (2, 3))。",
    ),
    "unflatten_sizes": ErrorText(
        RuntimeError,
        "unflatten: Provided sizes {sizes} don't multiply up to the size of dim {dim} ({size}) in the input tensor",
        "the new sizes split dimension {dim}, so their product must be {size}; one of them may be -1.",
        "新的大小是对第 {dim} 维的拆分，所以它们的乘积必须等于 {size}；其中一个可以写 -1。",
    ),
    "new_full_size": ErrorText(
        TypeError,
        "new_full(): argument 'size' (position 1) must be tuple of ints, not {type_name}",
        "give the shape as a tuple, e.g. x.new_full((2, 3), 7.0).",
        "请把形状写成元组，例如 x.new_full((2, 3), 7.0)。",
    ),
    # -- lazy layers (branch parity) -----------------------------------------------------------------
    "nn_uninitialized_use": ErrorText(
        ValueError,
        "Attempted to use an uninitialized parameter{where}. This error happens when you are using a `LazyModule` "
        "or explicitly manipulating `torch.nn.parameter.{name}` objects. When using LazyModules Call "
        "`forward` with a dummy batch to initialize the parameters before calling torch functions",
        "a lazy layer learns its input size from its first call: run the model once on a batch, e.g. "
        "net(X), before using its weights.",
        "惰性层要在第一次调用时才知道输入的大小：请先把一批数据送进模型运行一次，例如 net(X)，再使用它的权重。",
    ),
    "nn_uninitialized_shape": ErrorText(
        RuntimeError,
        "Can't access the shape of an uninitialized parameter or buffer. This error usually happens in "
        "`load_state_dict` when trying to load an uninitialized parameter into an initialized one. Call "
        "`forward` to initialize the parameters before accessing their attributes.",
        "a lazy layer's weights get their shape at its first call: run the model once on a batch, e.g. "
        "net(X), then read the shape.",
        "惰性层的权重在第一次调用时才有形状：请先把一批数据送进模型运行一次，例如 net(X)，再读取形状。",
    ),
    "nn_lazy_not_initialized": ErrorText(
        RuntimeError,
        "module {name} has not been fully initialized",
        "the layer's initialize_parameters must materialize every UninitializedParameter from the input.",
        "该层的 initialize_parameters 必须根据输入把每个 UninitializedParameter 都实体化。",
    ),
    # -- smooth L1 and Huber losses (branch parity) ----------------------------------------------------
    "nn_smooth_l1_beta": ErrorText(
        RuntimeError,
        "smooth_l1_loss does not support negative values for beta.",
        "beta is the width of the squared part around zero: give 0 (plain L1 loss) or a positive number.",
        "beta 是零附近平方段的宽度：请给 0（即普通的 L1 损失）或一个正数。",
    ),
    "nn_huber_delta": ErrorText(
        RuntimeError,
        "huber_loss does not support non-positive values for delta.",
        "delta is where the loss turns from squared to linear: give a positive number such as 1.0.",
        "delta 是损失从平方变为线性的位置：请给一个正数，例如 1.0。",
    ),
    # -- hooks on saved tensors (branch parity) ----------------------------------------------------------
    "saved_hooks_twice": ErrorText(
        RuntimeError,
        "Calling register_hooks on a saved tensor whose hooks have already been set.",
        "only one pair of hooks is allowed at a time.",
        "每个保存的张量只能设置一对钩子。",
    ),
    "saved_hooks_freed": ErrorText(
        RuntimeError,
        "Calling register_hooks on a saved tensor after it has been freed. Saved intermediate values of the "
        "graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need "
        "to backward through the graph a second time or if you need to access saved variables after calling "
        "backward.",
        "set the hooks before backward(), or call backward(retain_graph=True) to keep the saved values.",
        "请在 backward() 之前设置钩子，或者调用 backward(retain_graph=True) 保留保存的值。",
    ),
    "saved_hooks_disabled": ErrorText(
        RuntimeError,
        "{message}",  # the error_message given to torch.autograd.graph.disable_saved_tensors_hooks
        "saved-tensor hooks (saved_tensors_hooks, save_on_cpu, allow_mutation_on_saved_tensors) are switched "
        "off here by disable_saved_tensors_hooks; use them outside that block.",
        "这里的 disable_saved_tensors_hooks 关闭了保存张量的钩子（saved_tensors_hooks、save_on_cpu、"
        "allow_mutation_on_saved_tensors）；请在这个代码块之外使用它们。",
    ),
    "mutation_on_saved_nested": ErrorText(
        RuntimeError,
        "allow_mutation_on_saved_tensors contexts cannot be nested",
        "one with-block of allow_mutation_on_saved_tensors() covers everything inside it; remove the inner one. "
        "(As in PyTorch, the failed attempt also ends the outer block's effect.)",
        "一个 allow_mutation_on_saved_tensors() 的 with 代码块已经覆盖了其中的所有代码；请去掉里面那一层。"
        "（与 PyTorch 一样，这次失败的尝试也会让外层代码块失效。）",
    ),
    "mutation_on_saved_outside": ErrorText(
        AssertionError,
        "Trying to backward outside of the 'allow_mutation_on_saved_tensors' contextin which the graph was "
        "originally recorded.",
        "the copies of the changed tensors were dropped when the with-block ended; call backward() inside the "
        "same allow_mutation_on_saved_tensors() block as the forward pass.",
        "with 代码块结束时，被修改张量的副本已被丢弃；请在与前向计算相同的 allow_mutation_on_saved_tensors() "
        "代码块内调用 backward()。",
    ),
    "multi_grad_hook_mode": ErrorText(
        ValueError,
        "Expects mode to be one of {modes} but got {mode}",
        'mode="all" calls the hook once with every gradient, mode="any" with the first one to arrive.',
        'mode="all" 在所有梯度都算出后调用一次钩子，mode="any" 则用最先到达的那个梯度调用。',
    ),
    "multi_grad_hook_no_grad_fn": ErrorText(
        AssertionError,
        "Expected gradient function to be set",
        'in mode "all" every tensor must require grad: no gradient would ever come for the others.',
        '在 "all" 模式下每个张量都必须 requires_grad：否则它永远不会得到梯度。',
    ),
    "multi_grad_hook_leaf_in_grad": ErrorText(
        RuntimeError,
        "A leaf node was passed to _will_engine_execute_node but we are currently running autograd.grad(). "
        "This is currently not supported.",
        'a multi-grad hook in mode "all" on a leaf cannot count the gradients of autograd.grad() with respect '
        "to that leaf; use backward(inputs=...) instead, or a hook on each tensor.",
        '"all" 模式的多梯度钩子挂在叶子张量上时，无法统计对该叶子调用 autograd.grad() 的梯度；'
        "请改用 backward(inputs=...)，或在每个张量上分别注册钩子。",
    ),
    "gradient_edge_no_grad": ErrorText(
        RuntimeError,
        "It is not possible to get the gradient edge for a Tensor that does not require gradients",
        "only a tensor that requires grad has a place in the graph; call requires_grad_() on it first, or use "
        "a result computed from such a tensor.",
        "只有 requires_grad 的张量才在计算图中占有位置；请先对它调用 requires_grad_()，或者使用由这类张量算出的结果。",
    ),
    "saved_unpack_not_tensor": ErrorText(
        TypeError,
        "Output of saved tensor unpack_hook expected to be a Tensor but got result of type {type_name}",
        "unpack_hook must give back a tensor, the one pack_hook received or an equal one.",
        "unpack_hook 必须返回一个张量：pack_hook 收到的那个，或与之相等的张量。",
    ),
    # -- adaptive average pooling (branch parity) ---------------------------------------------------------
    "nn_adaptive_pool_input": ErrorText(
        RuntimeError,
        "adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got {shape}",
        "pooling works on images: give (channels, height, width) or (batch, channels, height, width).",
        "池化作用于图像：请给出 (通道, 高, 宽) 或 (批量, 通道, 高, 宽) 形状的张量。",
    ),
    "nn_adaptive_pool_empty": ErrorText(
        RuntimeError,
        "adaptive_avg_pool2d(): Expected input to have non-zero size for non-batch dimensions, but input has "
        "sizes {shape} with dimension {dim} being empty",
        "an image needs at least one row and one column to average.",
        "图像至少要有一行一列才能求平均。",
    ),
    "nn_huber_weight": ErrorText(
        NotImplementedError,
        "huber_loss(weight=...) is not supported by autograd_lab yet",
        "multiply the per-element losses yourself: (F.huber_loss(x, y, reduction='none') * weight).mean().",
        "请自己乘上权重：(F.huber_loss(x, y, reduction='none') * weight).mean()。",
    ),
    # == pixel and channel shuffles, adaptive max pooling, max unpooling, ConvTranspose1d, EmbeddingBag ==========
    # == (branch s10_pool) ========================================================================================
    "pixel_shuffle_dims": ErrorText(
        RuntimeError,
        "{name} expects input to have at least 3 dimensions, but got input with {ndim} dimension(s)",
        "the last three dimensions are (channels, height, width): give images, e.g. (batch, C, H, W).",
        "最后三维是 (通道, 高, 宽)：请给出图像，例如 (批, C, H, W)。",
    ),
    "pixel_shuffle_factor": ErrorText(
        RuntimeError,
        "{name} expects a positive {kind}, but got {factor}",
        "the factor is the side of the square of pixels each block of channels becomes: 1 or more.",
        "这个因子是每组通道变成的像素方块的边长：至少为 1。",
    ),
    "pixel_shuffle_channels": ErrorText(
        RuntimeError,
        "pixel_shuffle expects its input's 'channel' dimension to be divisible by the square of upscale_factor, "
        "but input.size(-3)={channels} is not divisible by {square}",
        "each output pixel square takes r² channels: give a number of channels that r² divides.",
        "每个输出像素方块要用 r² 个通道：通道数必须能被 r² 整除。",
    ),
    "pixel_unshuffle_side": ErrorText(
        RuntimeError,
        "pixel_unshuffle expects {side} to be divisible by downscale_factor, but input.size({axis})={size} is not "
        "divisible by {factor}",
        "the image is cut into r×r squares: its height and width must be multiples of r.",
        "图像被切成 r×r 的方块：高和宽都必须是 r 的倍数。",
    ),
    "channel_shuffle_dims": ErrorText(
        RuntimeError,
        "channel_shuffle expects input with > 2 dims, but got input with sizes {shape}",
        "channel_shuffle takes (batch, channels, ...) with at least one dimension after the channels.",
        "channel_shuffle 的输入是 (批, 通道, ...)，通道之后至少还要有一维。",
    ),
    "channel_shuffle_groups": ErrorText(
        RuntimeError,
        "Number of groups to divide channels in must be positive. Value of groups:{groups}",
        "groups is how many groups the channels are split into: 1 or more.",
        "groups 是通道被分成的组数：至少为 1。",
    ),
    "channel_shuffle_divisible": ErrorText(
        RuntimeError,
        "Number of channels must be divisible by groups. Got {channels} channels and {groups} groups.",
        "every group holds the same number of channels: choose groups dividing the channels.",
        "每组的通道数相同：groups 必须整除通道数。",
    ),
    "adaptive_max_pool2d_dims": ErrorText(
        RuntimeError,
        "adaptive_max_pool2d(): Expected 3D or 4D tensor, but got: {shape}",
        "pooling works on images: give (channels, height, width) or (batch, channels, height, width).",
        "池化作用于图像：请给出 (通道, 高, 宽) 或 (批, 通道, 高, 宽) 形状的张量。",
    ),
    "adaptive_max_pool_empty": ErrorText(
        RuntimeError,
        "{name}(): Expected input to have non-zero size for non-batch dimensions, but input has sizes {shape} "
        "with dimension {dim} being empty",
        "a window needs at least one element to take the largest of.",
        "窗口里至少要有一个元素才能取最大值。",
    ),
    "adaptive_max_pool2d_size": ErrorText(
        RuntimeError,
        "adaptive_max_pool2d(): internal error: output_size.size() must be 2",
        "give the output's height and width: one number for both, or a pair such as (3, 4).",
        "请给出输出的高和宽：一个数表示两者相同，或者一对数，例如 (3, 4)。",
    ),
    "adaptive_max_pool_size_type": ErrorText(
        TypeError,
        "object of type '{type_name}' has no len()",
        "output_size is a whole number or a tuple of them, e.g. 2 or (2, 3).",
        "output_size 是一个整数或整数元组，例如 2 或 (2, 3)。",
    ),
    "adaptive_max_pool_input_dimension": ErrorText(
        ValueError,
        "Input dimension should be at least {needed}",
        "output_size gives the sizes of the last dimensions: it cannot list more of them than the input has "
        "after the batch.",
        "output_size 给出最后几维的尺寸：它列出的维数不能多于输入除批以外的维数。",
    ),
    "adaptive_max_pool1d_dims": ErrorText(
        RuntimeError,
        "Expected 2 to 3 dimensions, but got {ndim}-dimensional tensor for argument #1 'self' (while checking "
        "arguments for adaptive_max_pool1d)",
        "adaptive_max_pool1d takes sequences (batch, channels, length), or one (channels, length).",
        "adaptive_max_pool1d 的输入是序列 (批, 通道, 长度)，或单个 (通道, 长度)。",
    ),
    "adaptive_max_pool1d_size": ErrorText(
        RuntimeError,
        "adaptive_max_pool1d() argument 'output_size' should contain one int (got {got})",
        "a sequence has one length: give output_size as one number.",
        "序列只有一个长度：output_size 请给一个数。",
    ),
    "adaptive_max_pool1d_size_type": ErrorText(
        TypeError,
        "adaptive_max_pool1d(): argument 'output_size' (position 2) must be tuple of ints, not {type_name}",
        "give the output's length as a whole number, e.g. 4.",
        "请用整数给出输出的长度，例如 4。",
    ),
    "max_pool_dtype": ErrorText(
        NotImplementedError,
        "\"{kernel}\" not implemented for '{dtype_name}'",
        "max pooling and unpooling take float tensors here: convert first with .float().",
        "最大池化和反池化只接受浮点张量：请先用 .float() 转换。",
    ),
    "max_unpool_output_size_length": ErrorText(
        ValueError,
        "output_size should be a sequence containing {dims} or {full} elements, but it has a length of '{got}'",
        "give the output's spatial size (as max pooling's input had it), with or without batch and channels.",
        "请给出输出的空间尺寸（即最大池化输入的尺寸），可以带或不带批和通道两维。",
    ),
    "max_unpool_output_size": ErrorText(
        ValueError,
        'invalid output_size "{size}" (dim {dim} must be between {low} and {high})',
        "unpooling undoes one max pooling: the size must be one that pooling could have come from.",
        "反池化撤销一次最大池化：输出尺寸必须是那次池化可能的输入尺寸。",
    ),
    "max_unpool_negative": ErrorText(
        ValueError,
        "max_unpooling: output_size must contain non-negative spatial dimensions, but got output_size[{dim}]={size}",
        "with this much padding the output has no room: use less padding or give output_size.",
        "这么大的 padding 让输出没有空间：请减小 padding 或给出 output_size。",
    ),
    "max_unpool_indices_dtype": ErrorText(
        RuntimeError,
        "elements in indices should be type int64 but got: {dtype_name}",
        "pass the indices max pooling returned (return_indices=True), or convert them with .long().",
        "请传入最大池化返回的索引（return_indices=True），或用 .long() 转换。",
    ),
    "max_unpool_dims": ErrorText(
        RuntimeError,
        "Input to max_unpooling2d should be a 3d or 4d Tensor, but got a tensor with {ndim} dimensions.",
        "unpooling takes what max pooling gave: (channels, ...) or (batch, channels, ...).",
        "反池化的输入就是最大池化的输出：(通道, ...) 或 (批, 通道, ...)。",
    ),
    "max_unpool_indices_shape": ErrorText(
        RuntimeError,
        "Expected shape of indices to be same as that of the input tensor ({shape}) but got indices tensor with "
        "shape: {indices}",
        "each value needs its own index: pass the indices that came with these values from max pooling.",
        "每个值都要有自己的索引：请传入最大池化与这些值一起返回的索引。",
    ),
    "max_unpool_empty": ErrorText(
        RuntimeError,
        "max_unpooling2d_forward_out_cpu(): Expected input to have non-zero size for non-batch dimensions, but "
        "got {shape} with dimension {dim} being empty.",
        "only the batch may be empty: every other dimension needs at least one element.",
        "只有批这一维可以为空：其他每一维都至少要有一个元素。",
    ),
    "max_unpool_index": ErrorText(
        RuntimeError,
        "Found an invalid max index: {index} (output volumes are of size {height}x{width})",
        "an index points into the output plane, so it lies between 0 and height·width − 1: check kernel_size, "
        "stride, padding and output_size against the pooling's.",
        "索引指向输出平面，必须在 0 到 高·宽 − 1 之间：请对照池化时的 kernel_size、stride、padding 和 output_size。",
    ),
    "nn_conv_transpose1d_input_dims": ErrorText(
        RuntimeError,
        "Expected 2D (unbatched) or 3D (batched) input to conv_transpose1d, but got input of size: {shape}",
        "conv_transpose1d takes sequences (batch, channels, length), or one (channels, length).",
        "conv_transpose1d 的输入是序列 (批, 通道, 长度)，或单个 (通道, 长度)。",
    ),
    "nn_conv_transpose1d_weight_dims": ErrorText(
        RuntimeError,
        "weight should have at least three dimensions",
        "conv_transpose1d's weight is (in_channels, out_channels / groups, kernel_size).",
        "conv_transpose1d 的 weight 形状是 (in_channels, out_channels / groups, kernel_size)。",
    ),
    "nn_conv_transpose1d_channels": ErrorText(
        RuntimeError,
        "Given transposed=1, weight of size {weight}, expected input{input} to have {expected} channels, but got "
        "{got} channels instead",
        "a transposed convolution's weight is (in_channels, out_channels / groups, k): its first size must equal "
        "the input's channels.",
        "转置卷积的 weight 形状是 (in_channels, out_channels / groups, k)：第一维必须等于输入的通道数。",
    ),
    "nn_conv_transpose1d_empty": ErrorText(
        RuntimeError,
        "Given input size per channel: (1 x {length}). Calculated output size per channel: (1 x {size}). Output "
        "size is too small",
        "with this much padding the output would have no positions: use less padding.",
        "这么大的 padding 会让输出没有任何位置：请减小 padding。",
    ),
    "embedding_bag_sample_weights_shape": ErrorText(
        ValueError,
        "embedding_bag: If per_sample_weights ({weights}) is not None, then it must have the same shape as the "
        "input ({input})",
        "one weight per looked-up index: per_sample_weights has the shape of the indices.",
        "每个被查的索引一个权重：per_sample_weights 的形状必须与索引相同。",
    ),
    "embedding_bag_weight_dims": ErrorText(
        ValueError,
        "weight has to be a 2D Tensor, but got Tensor of dimension {ndim}",
        "the table is a matrix: one row (of embedding_dim values) per index.",
        "嵌入表是一个矩阵：每个索引一行（每行 embedding_dim 个值）。",
    ),
    "embedding_bag_offsets_with_2d": ErrorText(
        ValueError,
        "if input is 2D, then offsets has to be None, as input is treated is a mini-batch of fixed length "
        "sequences. However, found offsets of type {type_str}",
        "each row of a 2-D input is one bag: leave offsets out, or flatten the input and give offsets.",
        "二维输入的每一行就是一个袋：请去掉 offsets，或者把输入展平后再给 offsets。",
    ),
    "embedding_bag_offsets_none": ErrorText(
        ValueError,
        "offsets has to be a 1D Tensor but got None",
        "a 1-D input is all the bags one after another: offsets says where each bag starts, e.g. "
        "torch.tensor([0, 3]).",
        "一维输入是所有袋首尾相接：offsets 给出每个袋的起点，例如 torch.tensor([0, 3])。",
    ),
    "embedding_bag_offsets_dims": ErrorText(
        ValueError,
        "offsets has to be a 1D Tensor",
        "offsets lists where each bag starts: one number per bag, in a vector.",
        "offsets 列出每个袋的起点：每个袋一个数，放在一个向量里。",
    ),
    "embedding_bag_input_dims": ErrorText(
        ValueError,
        "input has to be 1D or 2D Tensor, but got Tensor of dimension {ndim}",
        "give the bags as one row each (2-D), or all in one vector with offsets (1-D).",
        "请把每个袋写成一行（二维），或者全部放进一个向量并给出 offsets（一维）。",
    ),
    "embedding_bag_mode": ErrorText(
        ValueError,
        "mode has to be one of sum, mean or max",
        "mode says how a bag's rows are combined: 'sum', 'mean' or 'max'.",
        "mode 表示一个袋中的行如何合并：'sum'、'mean' 或 'max'。",
    ),
    "embedding_bag_max_scale": ErrorText(
        ValueError,
        "max mode does not support scaling the gradient by the frequency",
        "in max mode each element's gradient goes to one row only: leave scale_grad_by_freq out.",
        "max 模式下每个元素的梯度只流向一行：请去掉 scale_grad_by_freq。",
    ),
    "embedding_bag_max_sparse": ErrorText(
        ValueError,
        "max mode does not support sparse weights",
        "leave sparse out (it is False by default) in max mode.",
        "max 模式下请不要设置 sparse（默认为 False）。",
    ),
    "embedding_bag_sample_weights_mode": ErrorText(
        NotImplementedError,
        "embedding_bag: per_sample_weights was not None. per_sample_weights is only supported for mode='sum' "
        "(got mode='{mode}'). Please open a feature request on GitHub.",
        "a weighted bag is a weighted sum: use mode='sum' (divide by the bag's size yourself for a mean).",
        "加权的袋就是加权和：请用 mode='sum'（需要平均时自己除以袋的大小）。",
    ),
    "embedding_bag_indices_dtype": ErrorText(
        RuntimeError,
        "Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got "
        "{type_name} instead (while checking arguments for embedding_bag)",
        "indices and offsets count positions: convert them with .long().",
        "indices 和 offsets 表示位置：请用 .long() 转换。",
    ),
    "embedding_bag_weight_dtype": ErrorText(
        RuntimeError,
        "Expected tensor for argument #1 'weight' to have one of the following scalar types: Half, BFloat16, "
        "Float, Double; but got {type_name} instead (while checking arguments for embedding_bag)",
        "the table holds learnt real numbers: convert it with .float().",
        "嵌入表存放的是要学习的实数：请用 .float() 转换。",
    ),
    "embedding_bag_sample_weights_dtype": ErrorText(
        RuntimeError,
        "Expected tensor for argument #1 'weight' to have the same type as tensor for argument #1 "
        "'per_sample_weights'; but type {weight} does not equal {weights} (while checking arguments for "
        "embedding_bag)",
        "the per-sample weights multiply rows of the table: give them the table's dtype.",
        "每个样本的权重要乘以表中的行：请让它们的 dtype 与表相同。",
    ),
    "embedding_bag_first_offset": ErrorText(
        RuntimeError,
        "offsets[0] has to be 0, i.e., the first sequence in the mini-batch has to start from position 0. However, "
        "got {first}\n[ {tensor_type}{{}} ]",
        "the first bag starts at the first index: offsets begins with 0.",
        "第一个袋从第一个索引开始：offsets 必须以 0 开头。",
    ),
    "embedding_bag_last_offset": ErrorText(
        RuntimeError,
        "offsets[-1] can not be greater than input's length {length} but got offsets[-1] of {last}",
        "a bag starts inside the input (or at its end, for an empty last bag).",
        "每个袋的起点都在输入之内（或者在末尾，表示最后一个袋为空）。",
    ),
    "embedding_bag_negative_offset": ErrorText(
        IndexError,
        "index out of range in self",
        "offsets are positions in the input: 0 or more, and rising from bag to bag.",
        "offsets 是输入中的位置：不小于 0，并且从一个袋到下一个袋不减。",
    ),
    "embedding_bag_decreasing_offsets": ErrorText(
        RuntimeError,
        "Expected i < index_size to be true, but got false.  (Could this error message be improved?  If so, please "
        "report an enhancement request to PyTorch.)",
        "offsets must not decrease: each bag starts where the one before it ends, or later.",
        "offsets 不能减小：每个袋的起点不早于前一个袋的起点。",
    ),
    "embedding_bag_index_range": ErrorText(
        RuntimeError,
        "Index {position} of input takes value {value} which is not in the valid range [0, {rows})",
        "every index must lie between 0 and num_embeddings - 1: the table has no row for this one.",
        "每个索引都必须在 0 到 num_embeddings - 1 之间：表中没有这个索引对应的行。",
    ),
    "embedding_bag_index": ErrorText(
        RuntimeError,
        "embedding_bag: Expected idx >= 0 && idx < num_embeddings but found idx to be {value}",
        "every index must lie between 0 and num_embeddings - 1: the table has no row for this one.",
        "每个索引都必须在 0 到 num_embeddings - 1 之间：表中没有这个索引对应的行。",
    ),
    "embedding_bag_padding_idx": ErrorText(
        RuntimeError,
        "padding_idx must be within the number of embeddings, -{rows} through {last}, but got {padding_idx}",
        "padding_idx names one row of the table: it must lie between -num_embeddings and num_embeddings - 1.",
        "padding_idx 指向表中的一行：它必须在 -num_embeddings 到 num_embeddings - 1 之间。",
    ),
    "embedding_bag_argument_order": ErrorText(  # (a warning: kept in this block with the branch's other entries)
        UserWarning,
        "Argument order of nn.functional.embedding_bag was changed. Usage `embedding_bag(weight, input, ...)` is "
        "deprecated, and should now be `embedding_bag(input, weight, ...)`.",
        "the indices come first now: F.embedding_bag(input, weight, offsets).",
        "现在索引在前：F.embedding_bag(input, weight, offsets)。",
    ),
    "embedding_bag_module_padding_idx": ErrorText(
        AssertionError,
        "padding_idx must be within num_embeddings",
        "padding_idx names one row of the table: it must lie between -num_embeddings and num_embeddings - 1.",
        "padding_idx 指向表中的一行：它必须在 -num_embeddings 到 num_embeddings - 1 之间。",
    ),
    "embedding_bag_weight_shape": ErrorText(
        AssertionError,
        "Shape of weight does not match num_embeddings and embedding_dim",
        "_weight must be (num_embeddings, embedding_dim): one row per index.",
        "_weight 的形状必须是 (num_embeddings, embedding_dim)：每个索引一行。",
    ),
    # == losses: Poisson, Gaussian, margins, CTC (branch losses) =============================================
    "loss_reduction_not_valid": ErrorText(
        ValueError,
        "{reduction} is not valid",
        "use 'mean', 'sum' or 'none'.",
        "请使用 'mean'、'sum' 或 'none'。",
    ),
    "gaussian_nll_var_size": ErrorText(
        ValueError,
        "var is of incorrect size",
        "give var the input's shape, or that shape with its last dimension 1 or dropped.",
        "var 的形状应与 input 相同，或把最后一维设为 1 或去掉。",
    ),
    "gaussian_nll_var_negative": ErrorText(
        ValueError,
        "var has negative entry/entries",
        "a variance is never negative: pass var.abs() or exp() of a log-variance.",
        "方差不能为负：请传入 var.abs() 或对数方差的 exp()。",
    ),
    "multi_margin_p": ErrorText(
        ValueError,
        "only p == 1 and p == 2 supported",
        "use p=1 (hinge) or p=2 (squared hinge).",
        "请使用 p=1（合页）或 p=2（平方合页）。",
    ),
    "multi_margin_target_size": ErrorText(
        RuntimeError,
        "multi_margin_loss: target tensor should be 1-D with size equal to the number of input samples (batch "
        "size). Expected target size [{batch}], but got {target}. Input has shape {input}.",
        "give one class label per row of scores: a target of shape (N,) for scores of shape (N, C).",
        "每行得分对应一个类别标签：得分形状为 (N, C) 时目标形状应为 (N,)。",
    ),
    "multi_margin_target_range": ErrorText(
        RuntimeError,
        "target out of range",
        "class labels run from 0 to C - 1, C the number of scores per row.",
        "类别标签应在 0 到 C - 1 之间，C 是每行得分的个数。",
    ),
    "multi_margin_weight_dims": ErrorText(
        ValueError,
        "MultiMarginLoss: expected weight to be None or 1D tensor, got {dims}D instead",
        "give one weight per class, as a 1-d tensor.",
        "请用一维张量给每个类别一个权重。",
    ),
    "multi_margin_weight_size": ErrorText(
        RuntimeError,
        "inconsistent weight size, expected {classes} but got {weight}",
        "give one weight per class.",
        "每个类别给一个权重。",
    ),
    "multilabel_margin_target_size": ErrorText(
        RuntimeError,
        "inconsistent target size: {target} for input of size: {input}",
        "give the target the scores' shape: the labels of each row, then -1 to pad.",
        "目标的形状应与得分相同：每行先写标签，再用 -1 补齐。",
    ),
    "multilabel_margin_target_range": ErrorText(
        RuntimeError,
        "argument #2 'target' is out of range",
        "labels run from 0 to C - 1; -1 ends a row's list of labels.",
        "标签应在 0 到 C - 1 之间；-1 表示该行标签列表结束。",
    ),
    "loss_target_requires_grad": ErrorText(
        RuntimeError,
        "The function '{function}' is not differentiable with respect to argument 'target'. This input cannot "
        "have requires_grad True.",
        "labels are data, not parameters: pass target.detach().",
        "标签是数据而不是参数：请传入 target.detach()。",
    ),
    "ctc_input_length": ErrorText(
        RuntimeError,
        "Expected input_lengths to have value at most {frames}, but got value {length} (while checking arguments "
        "for ctc_loss_allocate_outputs)",
        "an input length counts frames of log_probs (its first dimension, T).",
        "输入长度是 log_probs 的帧数（第一维 T），不能超过它。",
    ),
    "ctc_target_size": ErrorText(
        RuntimeError,
        "Expected tensor to have size at least {length} at dimension 1, but got size {size} for argument #2 "
        "'targets' (while checking arguments for ctc_loss_allocate_outputs)",
        "a padded target (N, S) needs S at least the longest target length.",
        "填充后的目标 (N, S) 中 S 不能小于最长的目标长度。",
    ),
    # -- broadcasting, stacking and splitting helpers (branch more_g) --
    "broadcast_shapes_mismatch": ErrorText(
        RuntimeError,
        "Attempting to broadcast a dimension of length {size} at {dim}! Mismatching argument at index {index} "
        "had {shape}; but expected shape should be broadcastable to {expected}",
        "two of the shapes have different sizes, neither of them 1, at the same place counted from the right.",
        "有两个形状在从右数的同一位置上大小不同，且都不是 1。",
    ),
    "atleast_not_tensor": ErrorText(
        TypeError,
        "{name}() received an invalid combination of arguments - got ({type_name}), but expected one of:",
        "give it tensors (torch.tensor(...)), one by one or as one list.",
        "请传入张量（torch.tensor(...)），逐个传入或放在一个列表里。",
    ),
    "stack_list_not_tensor": ErrorText(
        TypeError,
        "{name}(): argument 'tensors' (position 1) must be tuple of Tensors, not Tensor",
        "put the tensors to join in a list: {name}([a, b]).",
        "请把要拼接的张量放进一个列表：{name}([a, b])。",
    ),
    "stack_list_empty": ErrorText(
        RuntimeError,
        "{name} expects a non-empty TensorList",
        "give it at least one tensor to join.",
        "请至少给它一个要拼接的张量。",
    ),
    "tensor_split_0d": ErrorText(
        RuntimeError,
        "tensor_split expected at least a 1-dimensional tensor, but got a tensor with {ndim} dims",
        "a number (0-d tensor) has no dimension to split along.",
        "标量（0 维张量）没有可以切分的维度。",
    ),
    "tensor_split_argument": ErrorText(
        TypeError,
        "tensor_split() received an invalid combination of arguments - got (Tensor, {type_name}), but expected one "
        "of:",
        "give a whole number of sections, or the list of indices to cut before.",
        "请给出整数的块数，或在其前切开的索引列表。",
    ),
    "tensor_split_sections": ErrorText(
        RuntimeError,
        "number of sections must be larger than 0, got {sections}",
        "ask for at least one piece.",
        "请至少要求切成一块。",
    ),
    "directional_split_ndim": ErrorText(
        RuntimeError,
        "torch.{name} requires a tensor with at least {least} dimension, but got a tensor with {ndim} dimensions!",
        "{name} splits along a fixed dimension, which this tensor does not have.",
        "{name} 沿固定的维度切分，而这个张量没有那个维度。",
    ),
    "directional_split_divisible": ErrorText(
        RuntimeError,
        "torch.{name} attempted to split along dimension {dim}, but the size of the dimension {size} is not "
        "divisible by the split_size {sections}!",
        "with a number of sections the size must divide evenly; tensor_split allows uneven pieces.",
        "按块数切分时大小必须能整除；tensor_split 允许各块大小不等。",
    ),
    # -- index_fill, index_copy, index_put, put, fill_diagonal_ (branch more_g) --
    "index_fill_index_dtype": ErrorText(
        IndexError,
        "{name}(): Expected dtype int64 for index.",
        "positions are whole numbers: make the index with dtype=torch.long (torch.tensor([0, 2])).",
        "位置是整数：请用 dtype=torch.long 创建索引（torch.tensor([0, 2])）。",
    ),
    "index_fill_index_ndim": ErrorText(
        RuntimeError,
        "Index has to be a vector/scalar",
        "give the positions along the dimension as one list (a 1-D tensor).",
        "请把该维度上的位置写成一个列表（一维张量）。",
    ),
    "index_fill_value_ndim": ErrorText(
        RuntimeError,
        "index_fill_ only supports a 0-dimensional value tensor, but got tensor with {ndim} dimension(s).",
        "index_fill writes one value everywhere; to copy slices use index_copy.",
        "index_fill 处处写入同一个值；要复制切片请用 index_copy。",
    ),
    "index_copy_source_dtype": ErrorText(
        RuntimeError,
        "index_copy_(): self and source expected to have the same dtype, but got (self) {self_type} and (source) "
        "{source_type}",
        "convert the source first, e.g. source.to(x.dtype).",
        "请先转换 source 的类型，例如 source.to(x.dtype)。",
    ),
    "index_copy_count": ErrorText(
        IndexError,
        "index_copy_(): Number of indices ({count}) should be equal to source.size(dim) ({size})",
        "the index names where each slice of the source goes: one position per slice.",
        "索引说明 source 的每一片复制到哪里：每一片对应一个位置。",
    ),
    "index_put_dtype": ErrorText(
        RuntimeError,
        "Index put requires the source and destination dtypes match, got {self_type} for the destination and "
        "{source_type} for the source.",
        "convert the values first, e.g. values.to(x.dtype).",
        "请先转换 values 的类型，例如 values.to(x.dtype)。",
    ),
    "index_put_shape": ErrorText(
        RuntimeError,
        "shape mismatch: value tensor of shape {values} cannot be broadcast to indexing result of shape {target}",
        "the values must broadcast to the shape of x[indices].",
        "values 的形状必须能广播到 x[indices] 的形状。",
    ),
    "put_index_dtype": ErrorText(
        RuntimeError,
        "put_(): Expected a long tensor for index, but got {dtype}",
        "positions are whole numbers: make the index with dtype=torch.long.",
        "位置是整数：请用 dtype=torch.long 创建索引。",
    ),
    "put_count": ErrorText(
        IndexError,
        "put_(): Expected source and index to have the same number of elements, but got source.numel() = "
        "{source}, index.numel() = {index}",
        "each position in the index receives one element of the source.",
        "索引中的每个位置接收 source 的一个元素。",
    ),
    "fill_diagonal_ndim": ErrorText(
        RuntimeError,
        "dimensions must larger than 1",
        "a diagonal needs at least two dimensions (a matrix).",
        "对角线至少需要两个维度（矩阵）。",
    ),
    "fill_diagonal_lengths": ErrorText(
        RuntimeError,
        "all dimensions of input must be of equal length",
        "beyond a matrix, fill_diagonal_ needs every dimension of the same size.",
        "超过二维时，fill_diagonal_ 要求每个维度大小相同。",
    ),
    # -- cummax, cummin, logcumsumexp (branch more_g) --
    "logcumsumexp_not_floating": ErrorText(
        NotImplementedError,
        "\"logcumsumexp_out_cpu\" not implemented for '{dtype_name}'",
        "logcumsumexp works on real numbers: convert first with .float().",
        "logcumsumexp 只处理实数：请先用 .float() 转换。",
    ),
    # -- cov, corrcoef, trapezoid, cumulative_trapezoid, vander (branch more_g) --
    "cov_ndim": ErrorText(
        RuntimeError,
        "cov(): expected input to have two or fewer dimensions but got an input with {ndim} dimensions",
        "cov takes one variable per row and one observation per column: a matrix (or a vector).",
        "cov 要求每行一个变量、每列一次观测：一个矩阵（或向量）。",
    ),
    "cov_weights_ndim": ErrorText(
        RuntimeError,
        "cov(): expected {name} to have one or fewer dimensions but got {name} with {ndim} dimensions",
        "give one weight per observation, as a vector.",
        "每次观测一个权重，写成一个向量。",
    ),
    "cov_weights_numel": ErrorText(
        RuntimeError,
        "cov(): expected {name} to have the same numel as there are observations in the input but got "
        "{numel} != {observations}",
        "give one weight per observation (per column of the input).",
        "每次观测（输入的每一列）一个权重。",
    ),
    "cov_weights_dtype": ErrorText(
        RuntimeError,
        "cov(): expected {name} to have {kind} dtype but got {name} with {dtype} dtype",
        "fweights count repetitions (whole numbers); aweights are real-valued weights.",
        "fweights 是重复次数（整数）；aweights 是实数权重。",
    ),
    "cov_weights_negative": ErrorText(
        RuntimeError,
        "cov(): {name} cannot be negative",
        "weights say how much each observation counts: zero or more.",
        "权重表示每次观测的分量：必须大于等于零。",
    ),
    "trapezoid_x_size": ErrorText(
        RuntimeError,
        "{name}: There must be one `x` value for each sample point",
        "x gives the position of each sample of y along dim: as many values as y has there.",
        "x 给出 y 沿该维每个采样点的位置：个数要与 y 在该维的大小相同。",
    ),
    "trapezoid_x_and_dx": ErrorText(
        TypeError,
        "{name}() received an invalid combination of arguments - got (Tensor, x=Tensor, dx=...), but expected one of:",
        "give either the sample positions x or their spacing dx, not both.",
        "请给出采样位置 x 或间距 dx 之一，不要同时给出。",
    ),
    "vander_ndim": ErrorText(
        RuntimeError,
        "x must be a one-dimensional tensor.",
        "vander makes one row of powers per element of a vector.",
        "vander 为向量的每个元素生成一行幂次。",
    ),
    "vander_negative": ErrorText(
        RuntimeError,
        "N must be non-negative.",
        "N is the number of columns: zero or more.",
        "N 是列数：必须大于等于零。",
    ),
    # -- argmin/argmax on empty tensors, clamp_min/clamp_max, aliases, special functions (branch more_f) -------
    "arg_extreme_empty": ErrorText(
        IndexError,
        "{name}(): Expected reduction dim to be specified for input.numel() == 0.",
        "an empty tensor has no smallest or largest element: give dim= for a dimension that is not empty.",
        "空张量没有最小或最大的元素：请用 dim= 指定一个非空的维度。",
    ),
    "arg_extreme_empty_dim": ErrorText(
        IndexError,
        "{name}(): Expected reduction dim {dim} to have non-zero size.",
        "dimension {dim} has no elements, so there is no index to return along it.",
        "第 {dim} 维没有元素，所以沿它没有可返回的索引。",
    ),
    "arg_extreme_bool": ErrorText(
        RuntimeError,
        "{name}(): does not support bool input",
        "convert first, e.g. x.int().{name}(), if you want the index of the first False or True.",
        "请先转换，例如 x.int().{name}()，以找到第一个 False 或 True 的位置。",
    ),
    "positive_bool": ErrorText(
        RuntimeError,
        "The `+` operator, on a bool tensor is not supported.",
        "positive (unary +) is for numbers; convert first, e.g. x.int(), or leave the + out.",
        "positive（一元 +）只用于数值；请先转换，例如 x.int()，或者去掉这个 +。",
    ),
    "bitwise_float": ErrorText(
        NotImplementedError,
        "\"{name}_cpu\" not implemented for '{dtype}'",
        "bitwise operations and shifts work on the bits of integers and bools; convert first, e.g. x.long(), "
        "or use {instead} for truth values.",
        "按位运算和移位只作用于整数和布尔值的二进制位；请先转换，例如 x.long()，判断真假请用 {instead}。",
    ),
    "addcdiv_integers": ErrorText(
        RuntimeError,
        "Integer division with addcdiv is no longer supported, and in a future  release addcdiv will perform a true "
        "division of tensor1 and tensor2. The historic addcdiv behavior can be implemented as (input + value * "
        "torch.trunc(tensor1 / tensor2)).to(input.dtype) for integer inputs and as (input + value * tensor1 / "
        "tensor2) for float inputs. The future addcdiv behavior is just the latter implementation: (input + value "
        "* tensor1 / tensor2), for all dtypes.",
        "make tensor1 or tensor2 a float tensor first, e.g. tensor2.float().",
        "请先把 tensor1 或 tensor2 变成浮点张量，例如 tensor2.float()。",
    ),
    "polygamma_negative_n": ErrorText(
        RuntimeError,
        "polygamma(n, x) does not support negative n.",
        "n counts derivatives of digamma: 0 is digamma itself, 1 its derivative, and so on.",
        "n 表示对 digamma 求导的次数：0 是 digamma 本身，1 是它的导数，依此类推。",
    ),
    "float_power_inplace_dtype": ErrorText(
        RuntimeError,
        "the base given to float_power_ has dtype {dtype} but the operation's result requires dtype Double",
        "float_power always gives float64, so the in-place form needs a float64 tensor: x = x.double() first.",
        "float_power 的结果总是 float64，所以原地版本需要 float64 张量：请先 x = x.double()。",
    ),
    "like_other_not_tensor": ErrorText(
        TypeError,
        "{function}(): argument 'other' (position 1) must be Tensor, not {type_name}",
        "{function} copies the shape or dtype of another tensor; pass that tensor itself.",
        "{function} 照搬另一个张量的形状或数据类型；请直接传入那个张量。",
    ),
    # -- lessons of session 5, English sources (branch s5_en) --------------------------------------------
    "nn_conv2d_input_dims": ErrorText(
        RuntimeError,
        "Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: {shape}",
        "a 2-d convolution takes images as (channels, height, width) or (batch, channels, height, width); "
        "give one grayscale image its channel axis with x.unsqueeze(0), and a batch axis with another.",
        "二维卷积的输入是 (通道, 高, 宽) 或 (批量, 通道, 高, 宽)；单张灰度图要先用 x.unsqueeze(0) 加上通道维，"
        "再加一维就是批量。",
    ),
    "nn_max_pool2d_input_dims": ErrorText(
        RuntimeError,
        "non-empty 3D or 4D (batch mode) tensor expected for input",
        "2-d pooling takes images as (channels, height, width) or (batch, channels, height, width); "
        "give one image its channel axis with x.unsqueeze(0).",
        "二维池化的输入是 (通道, 高, 宽) 或 (批量, 通道, 高, 宽)；单张图片请先用 x.unsqueeze(0) 加上通道维。",
    ),
    "nn_avg_pool2d_input_dims": ErrorText(
        RuntimeError,
        "Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got:{shape}",
        "2-d pooling takes images as (channels, height, width) or (batch, channels, height, width); "
        "reshape the input to one of these.",
        "二维池化的输入是 (通道, 高, 宽) 或 (批量, 通道, 高, 宽)；请把输入整理成其中一种形状。",
    ),
    "nn_lazy_conv_input_dims": ErrorText(
        RuntimeError,
        "Expected {unbatched}D (unbatched) or {batched}D (batched) input to {name}, but got input of size: {shape}",
        "a lazy convolution reads in_channels from its first input: give it (C, ...) or (N, C, ...).",
        "惰性卷积层从第一次的输入读取 in_channels：请传入 (C, ...) 或 (N, C, ...) 形状的张量。",
    ),
    "out_requires_grad": ErrorText(
        RuntimeError,
        "{function}(): functions with out=... arguments don't support automatic differentiation, "
        "but one of the arguments requires grad.",
        "out= writes into an existing tensor, which autograd cannot record: drop out= (y = torch.add(a, b)) "
        "or compute under torch.no_grad().",
        "out= 把结果写进已有的张量，autograd 无法记录：去掉 out=（y = torch.add(a, b)），或在 torch.no_grad() 中计算。",
    ),
    "out_dtype": ErrorText(
        RuntimeError,
        "Expected out tensor to have dtype {expected}, but got {got} instead",
        "this function writes into out only if out has the result's dtype: make out with that dtype.",
        "这个函数只在 out 的数据类型与结果相同时才能写入：请用相同的数据类型创建 out。",
    ),
    "out_factory_dtype": ErrorText(
        RuntimeError,
        "dtype {dtype} does not match dtype of out parameter ({out})",
        "out= already says the dtype: leave dtype= out, or make out with the dtype you want.",
        "out= 已经决定了数据类型：请去掉 dtype=，或者用想要的数据类型创建 out。",
    ),
    "nn_init_dirac_dims": ErrorText(
        ValueError,
        "Only tensors with 3, 4, or 5 dimensions are supported",
        "dirac_ makes a convolution weight (out_channels, in_channels, *kernel) that passes its input through.",
        "dirac_ 生成的是卷积权重（out_channels, in_channels, *kernel），让输入原样通过。",
    ),
    "nn_init_dirac_groups": ErrorText(
        ValueError,
        "dim 0 must be divisible by groups",
        "the output channels are split evenly among the groups.",
        "输出通道要平均分给各个组。",
    ),
    "nn_init_sparse_dims": ErrorText(
        ValueError,
        "Only tensors with 2 dimensions are supported",
        "sparse_ fills a weight matrix, zeroing a share of each column.",
        "sparse_ 填充的是权重矩阵，并把每一列的一部分置零。",
    ),
    "nn_init_orthogonal_dims": ErrorText(
        ValueError,
        "Only tensors with 2 or more dimensions are supported",
        "an orthogonal matrix needs rows and columns: initialise a weight matrix, not a bias vector.",
        "正交矩阵需要行和列：请初始化权重矩阵，而不是偏置向量。",
    ),
    "nn_skip_init_not_module": ErrorText(
        RuntimeError,
        "Expected a Module; got {got}",
        "pass the layer's class itself, e.g. nn.utils.skip_init(nn.Linear, 5, 3).",
        "请传入层的类本身，例如 nn.utils.skip_init(nn.Linear, 5, 3)。",
    ),
    "nn_skip_init_no_device": ErrorText(
        RuntimeError,
        "Module must support a 'device' arg to skip initialization",
        "skip_init passes device= to the class: give its __init__ a device=None argument.",
        "skip_init 会向这个类传入 device=：请给它的 __init__ 加上 device=None 参数。",
    ),
    "expand_too_few_sizes": ErrorText(
        RuntimeError,
        "expand({legacy}{{{shape}}}, size={sizes}): the number of sizes provided ({count}) must be greater or "
        "equal to the number of dimensions in the tensor ({ndim})",
        "expand can add dimensions in front but not remove any: give a size for every dimension the tensor has.",
        "expand 可以在前面添加维度，但不能去掉维度：请为张量的每一个维度都给出大小。",
    ),
    "addmm_not_matrix": ErrorText(
        RuntimeError,
        "{which} must be a matrix, got {ndim}-D tensor",
        "addmm multiplies two 2-D tensors (mat1 @ mat2); reshape this one, or use torch.matmul.",
        "addmm 相乘的是两个二维张量（mat1 @ mat2）；请改变这个张量的形状，或者改用 torch.matmul。",
    ),
    "assign_grad_dtype": ErrorText(
        RuntimeError,
        "attempting to assign a gradient with dtype '{found}' to a tensor with grad_dtype '{expected}'. The "
        "gradient must match the tensor's grad_dtype (defaults to the tensor's dtype). You can set the tensor's "
        "grad_dtype attribute with a specific dtype, or None to allow any dtype. Set grad_dtype with caution. "
        "Diverging the dtypes of a tensor and its gradient may break downstream systems that assume they match.",
        "a gradient has its tensor's dtype here: convert it first, e.g. p.grad = g.to(p.dtype).",
        "这里梯度的 dtype 与张量相同：请先转换，例如 p.grad = g.to(p.dtype)。",
    ),
    "addmm_mat_dtype": ErrorText(
        RuntimeError,
        "mat1 and mat2 must have the same dtype, but got {a} and {b}",
        "the input and the layer's weights (or the two matrices) need one dtype: convert the input first, "
        "e.g. x.float() (a uint8 image: x.float() / 255).",
        "输入和层的权重（或两个矩阵）必须是同一种数据类型：请先转换输入，例如 x.float()（uint8 图像：x.float() / 255）。",
    ),
    "addmm_dtype": ErrorText(
        RuntimeError,
        "self and mat2 must have the same dtype, but got {a} and {b}",
        "the added tensor and the matrices need one dtype: convert one, e.g. input.float().",
        "相加的张量和两个矩阵必须是同一种数据类型：请转换其中之一，例如 input.float()。",
    ),
    "inplace_broadcast_shape": ErrorText(
        RuntimeError,
        "output with shape {shape} doesn't match the broadcast shape {broadcast}",
        "an in-place op writes its result into the tensor as it is, so the result cannot have more elements; "
        "use the op without the underscore to get the larger result (x = x + y, not x += y or x.add_(y)).",
        "原地运算把结果写回原来的张量，结果不能比它更大；要得到更大的结果，请用不带下划线的版本"
        "（写 x = x + y，而不是 x += y 或 x.add_(y)）。",
    ),
    "copy_inplace_shape": ErrorText(
        RuntimeError,
        "output with shape {shape} doesn't match the broadcast shape {broadcast}",
        "copy_ writes into the tensor as it is: the source may have fewer dimensions, not more.",
        "copy_ 按张量原有的形状写入：源张量的维度可以更少，但不能更多。",
    ),
    "cdist_mode": ErrorText(
        ValueError,
        "{mode} is not a valid value for compute_mode",
        "compute_mode is one of 'use_mm_for_euclid_dist_if_necessary', 'use_mm_for_euclid_dist' and "
        "'donot_use_mm_for_euclid_dist'.",
        "compute_mode 只能是 'use_mm_for_euclid_dist_if_necessary'、'use_mm_for_euclid_dist' 或 "
        "'donot_use_mm_for_euclid_dist'。",
    ),
    "cdist_dims": ErrorText(
        RuntimeError,
        "cdist only supports at least 2D tensors, {name} got: {ndim}D",
        "cdist compares rows: give each set of points as a matrix (points, coordinates), e.g. x.unsqueeze(0).",
        "cdist 比较的是行：请把每组点写成矩阵（点数, 坐标数），例如 x.unsqueeze(0)。",
    ),
    "cdist_dtype": ErrorText(
        RuntimeError,
        "cdist only supports floating-point dtypes, {name} got: {dtype}",
        "distances are real numbers: convert the points first, e.g. x.float().",
        "距离是实数：请先转换这些点，例如 x.float()。",
    ),
    "cdist_columns": ErrorText(
        RuntimeError,
        "X1 and X2 must have the same number of columns. X1: {c1} X2: {c2}",
        "both sets of points need the same number of coordinates (the last dimension).",
        "两组点的坐标个数（最后一维）必须相同。",
    ),
    "cdist_negative_p": ErrorText(
        RuntimeError,
        "cdist only supports non-negative p values",
        "p is the norm's order: 0, 1, 2, any positive number or float('inf').",
        "p 是范数的阶：0、1、2、任意正数或 float('inf')。",
    ),
    "set_dtype": ErrorText(
        RuntimeError,
        "Could not set tensor of type {source} to a tensor of type {target}",
        "set_ makes a tensor share another's memory, which must hold the same dtype: convert one first (.to()).",
        "set_ 让张量共用另一个张量的内存，两者的 dtype 必须相同：请先转换其中一个（.to()）。",
    ),
    "set_not_differentiable": ErrorText(
        RuntimeError,
        "derivative for aten::set_ is not implemented",
        "set_ swaps a tensor's memory, which autograd cannot follow: use it under torch.no_grad(), on tensors "
        "that do not require grad.",
        "set_ 会替换张量的内存，自动求导无法跟踪：请在 torch.no_grad() 下、对不需要梯度的张量使用它。",
    ),
    "torch_function_not_implemented": ErrorText(
        TypeError,
        "Multiple dispatch failed for 'torch.{name}'; all __torch_function__ handlers returned NotImplemented:"
        "\n\n{kinds}\n\nFor more information, try re-running with TORCH_LOGS=not_implemented",
        "your class's __torch_function__ returned NotImplemented for this function: handle it there, or pass a tensor.",
        "你的类的 __torch_function__ 对这个函数返回了 NotImplemented：请在其中处理它，或者传入张量。",
    ),
    "deterministic_mode_not_bool": ErrorText(
        TypeError,
        "_set_deterministic_algorithms(): argument 'mode' (position 1) must be bool, not {type_name}",
        "pass True to ask for deterministic algorithms, False to stop asking.",
        "传入 True 表示只用确定性的算法，传入 False 表示取消。",
    ),
    "flag_not_bool": ErrorText(
        TypeError,
        "{function}(): argument '{argument}' (position {position}) must be bool, not {type_name}",
        *_FLAG,
    ),
    "flag_not_bool_keyword": ErrorText(
        TypeError, "{function}(): argument '{argument}' must be bool, not {type_name}", *_FLAG
    ),
    "count_not_int": ErrorText(
        TypeError,
        "{function}(): argument '{name}' (position {position}) must be int, not {type_name}",
        "{name} counts something, so it must be a whole number such as 3 (not 3.0).",
        "{name} 是一个计数，必须是整数，例如 3（而不是 3.0）。",
    ),
    "multinomial_dims": ErrorText(
        RuntimeError,
        "prob_dist must be 1 or 2 dim",
        "give one distribution as a vector of weights, or several as the rows of a matrix.",
        "请把一个分布写成权重向量，或把多个分布写成矩阵的各行。",
    ),
    "multinomial_not_float": ErrorText(
        RuntimeError,
        "multinomial only supports floating-point dtypes for input, got: {type_word}",
        "the weights must be floats: convert them first, e.g. weights.float().",
        "权重必须是浮点数：请先转换，例如 weights.float()。",
    ),
    "multinomial_no_samples": ErrorText(
        RuntimeError,
        "cannot sample n_sample <= 0 samples",
        "ask for at least one sample.",
        "请至少抽取一个样本。",
    ),
    "categorical_probs_or_logits": ErrorText(
        ValueError,
        "Either `probs` or `logits` must be specified, but not both.",
        "give the class probabilities as probs=..., or their logarithms (any offset) as logits=..., not both.",
        "请用 probs=... 给出各类的概率，或用 logits=... 给出它们的对数（可差一个常数），二者只给一个。",
    ),
    "categorical_dims": ErrorText(
        ValueError,
        "`{name}` parameter must be at least one-dimensional.",
        "the last dimension lists the classes: give a vector such as torch.tensor([0.2, 0.8]).",
        "最后一个维度列出各个类别：请给一个向量，例如 torch.tensor([0.2, 0.8])。",
    ),
    "avg_pool_dtype": ErrorText(
        NotImplementedError,
        "\"{kernel}\" not implemented for '{dtype_name}'",
        "average pooling takes float tensors (and int64, whose averages it rounds towards 0); convert first "
        "with .float().",
        "平均池化接受浮点张量（以及 int64，其平均值向 0 取整）；请先用 .float() 转换。",
    ),
    "grid_sample_mode": ErrorText(
        ValueError,
        "nn.functional.grid_sample(): expected mode to be 'bilinear', 'nearest' or 'bicubic', but got: '{mode}'",
        "mode says how to read between pixels: 'bilinear' blends the four nearest, 'nearest' takes one.",
        "mode 指定如何在像素之间取值：'bilinear' 混合最近的四个像素，'nearest' 只取一个。",
    ),
    "grid_sample_padding_mode": ErrorText(
        ValueError,
        "nn.functional.grid_sample(): expected padding_mode to be 'zeros', 'border', or 'reflection', but got: "
        "'{padding_mode}'",
        "padding_mode says what lies outside the image: zeros, the border pixels, or the image's reflection.",
        "padding_mode 指定图像之外是什么：0、边缘像素，或图像的镜像。",
    ),
    "grid_sample_batch": ErrorText(
        RuntimeError,
        "grid_sampler(): expected grid and input to have same batch size, but got input with sizes {shape} and "
        "grid with sizes {grid_shape}",
        "give one grid per image: grid's first dimension is the batch, as input's.",
        "每张图像对应一个 grid：grid 的第一个维度和 input 一样是批量维度。",
    ),
    "grid_sample_last_dim": ErrorText(
        RuntimeError,
        "grid_sampler(): expected grid to have size {size} in last dimension, but got grid with sizes {grid_shape}",
        "each point of the grid is an (x, y) pair for an image and (x, y, z) for a volume: one number per "
        "spatial dimension of the input.",
        "grid 的每个点对图像是一对 (x, y)，对体数据是 (x, y, z)：输入有几个空间维度，就有几个数。",
    ),
    "grid_sample_dtype": ErrorText(
        RuntimeError,
        "expected scalar type {expected} but found {found}",
        "input and grid must have one dtype: convert the grid, e.g. grid.to(input.dtype).",
        "input 和 grid 的数据类型必须相同：请转换 grid，例如 grid.to(input.dtype)。",
    ),
    "grid_sample_bicubic_5d": ErrorText(
        RuntimeError,
        "grid_sampler(): bicubic interpolation only supports 4D input",
        "Bicubic sampling needs a 4-d (N, C, H, W) input: sample a volume with mode='bilinear' or 'nearest'.",
        "双三次（bicubic）采样只能用于四维 (N, C, H, W) 输入：对体数据请用 mode='bilinear' 或 'nearest'。",
    ),
    "grid_sample_dims": ErrorText(
        RuntimeError,
        "grid_sampler(): expected {ndim}D input and grid with same number of dimensions, but got input with sizes "
        "{shape} and grid with sizes {grid_shape}",
        "grid_sample takes an image (N, C, H, W) with a grid (N, H_out, W_out, 2), or a volume (N, C, D, H, W) with "
        "a grid (N, D_out, H_out, W_out, 3).",
        "grid_sample 接受图像 (N, C, H, W) 配 grid (N, H_out, W_out, 2)，或体数据 (N, C, D, H, W) 配 grid "
        "(N, D_out, H_out, W_out, 3)。",
    ),
    "grid_sample_not_here": ErrorText(
        NotImplementedError,
        "grid_sample with mode='bicubic' is not implemented in autograd_lab",
        "autograd_lab samples with mode='bilinear' or 'nearest'.",
        "autograd_lab 只支持 mode='bilinear' 或 'nearest' 的采样。",
    ),
    "pin_memory_no_accelerator": ErrorText(
        RuntimeError, "Cannot access accelerator device when none is available.", *_NO_GPU
    ),
    "multinomial_total_count": ErrorText(
        NotImplementedError,
        "inhomogeneous total_count is not supported",
        "total_count is the number of draws: give one Python int, such as 10.",
        "total_count 是抽取次数：请给一个 Python 整数，例如 10。",
    ),
    # -- Rprop, ASGD, LBFGS, SparseAdam, CyclicLR (branch s10_optim) ------------------------------------
    "optim_invalid_etas": ErrorText(
        ValueError,
        "Invalid eta values: {minus}, {plus}",
        "etas=(etaminus, etaplus) shrink and grow each step size: 0 < etaminus < 1 < etaplus, e.g. (0.5, 1.2).",
        "etas=(etaminus, etaplus) 用来缩小和放大每个步长：需要 0 < etaminus < 1 < etaplus，例如 (0.5, 1.2)。",
    ),
    "optim_not_positive": ErrorText(
        ValueError,
        "Invalid {what}: {value}",
        "SparseAdam's lr and eps must be greater than 0 (0 itself is not allowed).",
        "SparseAdam 的 lr 和 eps 必须大于 0（不能等于 0）。",
    ),
    "sparse_adam_dense_grad": ErrorText(
        RuntimeError,
        "SparseAdam does not support dense gradients, please consider Adam instead",
        "SparseAdam only takes sparse gradients, which autograd_lab never makes; use torch.optim.Adam.",
        "SparseAdam 只接受稀疏梯度，而 autograd_lab 不产生稀疏梯度；请使用 torch.optim.Adam。",
    ),
    "lbfgs_param_groups": ErrorText(
        ValueError,
        "LBFGS doesn't support per-parameter options (parameter groups)",
        "give LBFGS one plain list of parameters, e.g. LBFGS(model.parameters()), with no groups.",
        "请给 LBFGS 一个普通的参数列表，例如 LBFGS(model.parameters())，不要分组。",
    ),
    "lbfgs_one_group": ErrorText(
        AssertionError,
        "Expected exactly one param_group, but got {count}",
        "LBFGS works on one group of parameters only: do not call add_param_group on it.",
        "LBFGS 只能处理一个参数组：请不要对它调用 add_param_group。",
    ),
    "lbfgs_line_search": ErrorText(
        RuntimeError,
        "only 'strong_wolfe' is supported",
        "line_search_fn is None (a fixed step of lr) or the string 'strong_wolfe'.",
        "line_search_fn 只能是 None（固定步长 lr）或字符串 'strong_wolfe'。",
    ),
    "scheduler_cyclic_mode": ErrorText(
        ValueError,
        "mode is invalid and scale_fn is None",
        "mode is 'triangular', 'triangular2' or 'exp_range'; for another shape pass scale_fn=your_function.",
        "mode 可以是 'triangular'、'triangular2' 或 'exp_range'；其他形状请传入 scale_fn=你的函数。",
    ),
    # -- torch.special (branch s10_special) ---------------------------------------------------------------
    "special_no_attribute": ErrorText(
        AttributeError,
        "module 'torch.special' has no attribute '{name}'",
        "dir(torch.special) lists the functions it has, those of PyTorch's torch.special.",
        "dir(torch.special) 会列出它包含的函数，也就是 PyTorch 的 torch.special 中的那些。",
    ),
    "inplace_derivative_not_implemented": ErrorText(
        NotImplementedError,
        "the derivative for 'inplace version of {name}' is not implemented.",
        "PyTorch has no gradient for {name} done in place; write y = x.{name}() (without the underscore), "
        "or do it under torch.no_grad().",
        "PyTorch 没有原地 {name} 的梯度；请写 y = x.{name}()（不带下划线），或者在 torch.no_grad() 下做。",
    ),
    "special_derivative_not_implemented": ErrorText(
        NotImplementedError,
        "the derivative for '{name}' is not implemented.",
        "PyTorch has no formula for this gradient either; only the other argument can take a gradient, so "
        "pass this one as a tensor that does not require grad (or .detach() it).",
        "PyTorch 也没有这个梯度的公式；只有另一个参数可以求梯度，请传入不需要梯度的张量（或先 .detach()）。",
    ),
    "special_not_implemented_for": ErrorText(
        NotImplementedError,
        "\"{kernel}\" not implemented for '{dtype_name}'",
        "the incomplete gamma functions take floating-point tensors: convert with .float() or .double() first.",
        "不完全伽马函数只接受浮点张量：请先用 .float() 或 .double() 转换。",
    ),
    "special_not_tensor": ErrorText(
        TypeError,
        "{function}(): argument '{name}' (position {position}) must be Tensor, not {type_name}",
        "both arguments must be tensors here: wrap a number as torch.tensor(2.0).",
        "这里两个参数都必须是张量：请把数写成 torch.tensor(2.0)。",
    ),
    "special_missing_dim": ErrorText(
        TypeError,
        '{name}() missing 1 required positional arguments: "dim"',
        "say along which dimension the probabilities sum to 1, e.g. dim=-1 for each row.",
        "请指明概率沿哪个维度加起来为 1，例如 dim=-1 表示每一行。",
    ),
    "special_two_numbers": ErrorText(
        TypeError,
        "{name}() received an invalid combination of arguments - got ({types}), but expected one of:",
        "at least one of the two arguments must be a tensor, e.g. torch.tensor(2.0).",
        "两个参数中至少要有一个是张量，例如 torch.tensor(2.0)。",
    ),
    "special_p_int": ErrorText(
        TypeError,
        "{name}(): argument 'p' (position {position}) must be int, not {type_name}",
        "p is the dimension, a whole number such as 2.",
        "p 是维数，是一个整数，例如 2。",
    ),
    "special_mvlgamma_p": ErrorText(
        RuntimeError,
        "p has to be greater than or equal to 1",
        "p is the dimension of the multivariate gamma function: 1 or more (p = 1 is lgamma).",
        "p 是多元伽马函数的维数：至少为 1（p = 1 时就是 lgamma）。",
    ),
    # -- torch.func: grad, vjp, jvp, jacrev, jacfwd, vmap, functional_call (branch s10_func) ---------------
    "func_not_tensor_input": ErrorText(
        ValueError,
        "Thing passed to transform API must be Tensor, got {type_repr}",
        "the arguments to differentiate must be tensors (or tuples, lists, dicts of tensors); wrap numbers "
        "with torch.tensor(...), or leave this argument out of argnums.",
        "要求导的参数必须是张量（或由张量组成的元组、列表、字典）；请用 torch.tensor(...) 包装数字，或者不要把它放进 argnums。",
    ),
    "func_argnum_type": ErrorText(
        RuntimeError,
        "argnum must be int, got: {type_repr}",
        "each entry of argnums is the position of an argument: a whole number such as 0 or 1.",
        "argnums 的每一项都是某个参数的位置，必须是整数，例如 0 或 1。",
    ),
    "func_argnum_range": ErrorText(
        RuntimeError,
        "Got argnum={argnum}, but only {count} positional inputs",
        "argnums counts the positional arguments from 0 (or from the end with -1); check how many you pass.",
        "argnums 从 0 开始数位置参数（或者用 -1 从末尾数）；请检查实际传入了几个参数。",
    ),
    "func_argnums_type": ErrorText(
        RuntimeError,
        "argnums must be int or Tuple[int, ...], got: {type_repr}",
        "give one position, argnums=0, or a tuple of positions, argnums=(0, 1); a list is not accepted.",
        "请给一个位置 argnums=0，或者一个位置元组 argnums=(0, 1)；不接受列表。",
    ),
    "func_argnums_empty": ErrorText(
        RuntimeError,
        "argnums must be non-empty",
        "say with respect to which argument to differentiate, e.g. argnums=(0,).",
        "请指明对哪个参数求导，例如 argnums=(0,)。",
    ),
    "func_argnums_unique": ErrorText(
        RuntimeError,
        "argnums elements must be unique, got {argnums}",
        "name each argument once in argnums.",
        "argnums 里每个参数只能出现一次。",
    ),
    "func_grad_aux_tuple": ErrorText(
        RuntimeError,
        "grad_and_value(f)(*args): output of function f should be a tuple: (output, aux) if has_aux is True",
        "with has_aux=True the function must return two things, return loss, extra; or leave has_aux out.",
        "has_aux=True 时函数必须返回两个值 return loss, extra；否则请去掉 has_aux。",
    ),
    "func_grad_not_tensor": ErrorText(
        RuntimeError,
        "grad_and_value(f)(*args): Expected f(*args) to return a Tensor, got {type_repr}",
        "grad differentiates a function that returns one scalar tensor; compute the result with tensor "
        "operations and return it.",
        "grad 只能对返回一个标量张量的函数求导；请用张量运算算出结果并返回它。",
    ),
    "func_grad_not_scalar": ErrorText(
        RuntimeError,
        "grad_and_value(f)(*args): Expected f(*args) to return a scalar Tensor, got tensor with {dims} dims. "
        "Maybe you wanted to use the vjp or jacrev APIs instead?",
        "a gradient needs one number out: reduce the output with .sum() or .mean(), or use jacrev for the "
        "whole Jacobian.",
        "梯度要求输出只有一个数：请用 .sum() 或 .mean() 把输出变成标量，或者用 jacrev 求整个雅可比矩阵。",
    ),
    "func_unwrap_type": ErrorText(
        RuntimeError,
        "Expected tensors, got unsupported type {type_repr}",
        "what a transformed function returns (aux included) must be tensors or tuples, lists, dicts of "
        "tensors; wrap numbers with torch.tensor(...).",
        "变换后的函数返回的东西（包括 aux）必须是张量或由张量组成的元组、列表、字典；请用 torch.tensor(...) 包装数字。",
    ),
    "func_vjp_aux_tuple": ErrorText(
        RuntimeError,
        "vjp(f, *primals): output of function f should be a tuple: (output, aux) if has_aux is True",
        "with has_aux=True the function must return two things, return output, extra; or leave has_aux out.",
        "has_aux=True 时函数必须返回两个值 return output, extra；否则请去掉 has_aux。",
    ),
    "func_empty_output": ErrorText(
        RuntimeError,
        "{api}: Expected f to be a function that has non-empty output (got output = {output})",
        "the function returned nothing to differentiate: does it end with a return statement?",
        "函数没有返回可以求导的东西：它最后有 return 语句吗？",
    ),
    "func_output_not_tensor": ErrorText(
        RuntimeError,
        "{api}: expected f(*primals) to return only tensors, got unsupported type {type_repr}",
        "every output must be a tensor computed from the inputs; wrap numbers with torch.tensor(...).",
        "每个输出都必须是由输入算出的张量；请用 torch.tensor(...) 包装数字。",
    ),
    "func_vjp_output_dtype": ErrorText(
        RuntimeError,
        "vjp(f, ...): All outputs of f must be floating-point or complex Tensors, got Tensor with dtype "
        "{dtype}",
        "integer and boolean results have no derivative; return a float tensor, e.g. out.float().",
        "整数和布尔结果没有导数；请返回浮点张量，例如 out.float()。",
    ),
    "func_vjp_cotangent_structure": ErrorText(
        RuntimeError,
        "Expected pytree structure of cotangents to be the same as pytree structure of outputs to the "
        "function. cotangents: {cotangents}, primal output: {outputs}",
        "give vjp_fn one tensor per output, nested as the outputs are: a tensor for one output, a tuple for a "
        "tuple.",
        "vjp_fn 的参数要和输出一一对应、嵌套方式相同：单个输出给一个张量，元组输出给一个元组。",
    ),
    "func_jvp_primals_tuple": ErrorText(
        RuntimeError,
        "jvp(f, primals, tangents): Expected primals to be a tuple. E.g. it should be valid to call "
        "f(*primals).",
        "put the arguments in a tuple, even a single one: jvp(f, (x,), (v,)).",
        "请把参数放进元组，哪怕只有一个：jvp(f, (x,), (v,))。",
    ),
    "func_jvp_structure": ErrorText(
        RuntimeError,
        "jvp(f, primals, tangents): Expected primals and tangents to have the same python structure. For "
        "example, if primals is a tuple of 3 tensors, tangents also must be. Got primals with structure "
        "{primals} and tangents with structure {tangents}",
        "give one tangent per primal, in the same kind of container: jvp(f, (x, y), (vx, vy)).",
        "每个 primal 对应一个 tangent，容器类型也要相同：jvp(f, (x, y), (vx, vy))。",
    ),
    "func_jvp_no_tensors": ErrorText(
        RuntimeError,
        "jvp(f, primals, tangents): Expected {argname} to contain at least one Tensor.",
        "give at least one tensor to differentiate at: jvp(f, (x,), (v,)).",
        "至少要给一个张量作为求导点：jvp(f, (x,), (v,))。",
    ),
    "func_jvp_only_tensors": ErrorText(
        RuntimeError,
        "jvp(f, primals, tangents): Expected {argname} to only contain Tensors, got {type_repr}",
        "wrap numbers with torch.tensor(...), or pass them to the function through functools.partial.",
        "请用 torch.tensor(...) 包装数字，或者用 functools.partial 把它们固定为函数的参数。",
    ),
    "func_jvp_aux_tuple": ErrorText(
        RuntimeError,
        "jvp(f, primals, tangents): output of function f should be a tuple: (output, aux) if has_aux is True",
        "with has_aux=True the function must return two things, return output, extra; or leave has_aux out.",
        "has_aux=True 时函数必须返回两个值 return output, extra；否则请去掉 has_aux。",
    ),
    "func_jvp_strict": ErrorText(
        RuntimeError,
        "jvp(f, primals, tangents, strict=True): The output of f is independent of the inputs. This is not "
        "allowed with strict=True.",
        "an output does not depend on the inputs, so its derivative is zero; leave strict out to get zeros.",
        "有一个输出与输入无关，所以它的导数为零；去掉 strict 就会得到零。",
    ),
    "func_tangent_size": ErrorText(
        RuntimeError,
        "Trying to set a forward gradient that has a different size than that of the original Tensor, this "
        "is not supported. Tensor is of size {primal} while the given forward gradient is of size {tangent}.",
        "a tangent is a direction for its input, so it has the input's shape.",
        "tangent 是对应输入的方向，所以形状必须和那个输入相同。",
    ),
    "func_jacrev_chunk": ErrorText(
        ValueError,
        "jacrev: `chunk_size` should be greater than 0.",
        "chunk_size is how many rows to compute at once: leave it out, or give a positive number.",
        "chunk_size 是一次计算多少行：不写它，或者给一个正数。",
    ),
    "func_linearize_argspec": ErrorText(
        RuntimeError,
        "Expected the tangents {tangents} to have the same argspec as the primals {primals}",
        "call jvp_fn with one tangent per primal given to linearize, in the same order and nesting.",
        "调用 jvp_fn 时，每个传给 linearize 的 primal 都要对应一个 tangent，顺序和嵌套方式相同。",
    ),
    "func_linearize_tangent": ErrorText(
        RuntimeError,
        "tangent:{index} with {what} {got} in flattened pytree doesn't match the {what} {want} of the "
        "corresponding primal.",
        "each tangent must have its primal's shape and dtype.",
        "每个 tangent 的形状和数据类型都必须与对应的 primal 相同。",
    ),
    "func_vmap_randomness": ErrorText(
        RuntimeError,
        "Only allowed values for randomness are 'error', 'different', or 'same'. Got {randomness}",
        "write randomness='error', 'different' or 'same'.",
        "请写 randomness='error'、'different' 或 'same'。",
    ),
    "func_vmap_chunk": ErrorText(
        ValueError,
        "vmap: chunk_size should be None or greater than 0. (got {chunk_size})",
        "chunk_size is how many slices to compute at once: leave it out, or give a positive number.",
        "chunk_size 是一次计算多少个切片：不写它，或者给一个正数。",
    ),
    "func_vmap_in_dims_type": ErrorText(
        ValueError,
        "vmap({name}, in_dims={in_dims}, ...)(<inputs>): expected `in_dims` to be int or a (potentially "
        "nested) tuple matching the structure of inputs, got: {type_repr}.",
        "give one dimension for all inputs, in_dims=0, or a tuple with one entry per input, in_dims=(0, None).",
        "请给一个对所有输入都适用的维度 in_dims=0，或者每个输入一项的元组 in_dims=(0, None)。",
    ),
    "func_vmap_no_inputs": ErrorText(
        ValueError,
        "vmap({name})(<inputs>): got no inputs. Maybe you forgot to add inputs, or you are trying to vmap "
        "over a function with no inputs. The latter is unsupported.",
        "call the mapped function with the batch to map over: vmap(f)(x).",
        "请把要映射的批量数据传给映射后的函数：vmap(f)(x)。",
    ),
    "func_vmap_in_dims_structure": ErrorText(
        ValueError,
        "vmap({name}, in_dims={in_dims}, ...)(<inputs>): in_dims is not compatible with the structure of "
        "`inputs`. in_dims has structure {in_dims_spec} but inputs has structure {args_spec}.",
        "in_dims needs one entry per argument (a tuple as long as the argument list), nested as the "
        "arguments are.",
        "in_dims 要为每个参数给一项（元组长度等于参数个数），嵌套方式也要与参数相同。",
    ),
    "func_vmap_in_dim_type": ErrorText(
        ValueError,
        "vmap({name}, in_dims={in_dims}, ...)(<inputs>): Got in_dim={in_dim} for an input but in_dim must "
        "be either an integer dimension or None.",
        "each entry of in_dims is a dimension number, or None for an input passed whole.",
        "in_dims 的每一项是一个维度编号，或者用 None 表示该输入整体传入。",
    ),
    "func_vmap_in_dim_not_tensor": ErrorText(
        ValueError,
        "vmap({name}, in_dims={in_dims}, ...)(<inputs>): Got in_dim={in_dim} for an input but the input is "
        "of type {type_repr}. We cannot vmap over non-Tensor arguments, please use None as the respective "
        "in_dim",
        "only tensors have a dimension to map over; give None for this argument.",
        "只有张量才有可以映射的维度；请对这个参数用 None。",
    ),
    "func_vmap_in_dim_range": ErrorText(
        ValueError,
        "vmap({name}, in_dims={in_dims}, ...)(<inputs>): Got in_dim={in_dim} for some input, but that input "
        "is a Tensor of dimensionality {dim} so expected in_dim to satisfy -{dim} <= in_dim < {dim}.",
        "in_dim counts the input's dimensions from 0; check the input's shape.",
        "in_dim 从 0 开始数输入的维度；请检查输入的形状。",
    ),
    "func_vmap_no_tensor": ErrorText(
        ValueError,
        "vmap: Expected at least one Tensor to vmap over",
        "every in_dim is None, so there is nothing to map over; give 0 for the batched input.",
        "所有 in_dim 都是 None，没有可以映射的东西；请对批量输入用 0。",
    ),
    "func_vmap_sizes": ErrorText(
        ValueError,
        "vmap: Expected all tensors to have the same size in the mapped dimension, got sizes {sizes} for the "
        "mapped dimension",
        "the mapped inputs are matched slice by slice, so they need the same batch size; give None for an "
        "input that every slice shares.",
        "被映射的输入是一片一片配对的，所以批量大小必须相同；所有切片共用的输入请用 None。",
    ),
    "func_vmap_out_dims_type": ErrorText(
        ValueError,
        "vmap({name}, ..., out_dims={out_dims}): `out_dims` must be an int, None or a python collection of "
        "ints representing where in the outputs the vmapped dimension should appear.",
        "give the output dimension for the batch as a whole number, e.g. out_dims=0.",
        "请用整数给出批量维度在输出中的位置，例如 out_dims=0。",
    ),
    "func_vmap_out_dims_structure": ErrorText(
        ValueError,
        "vmap({name}, ..., out_dims={out_dims})(<inputs>): out_dims is not compatible with the structure of "
        "`outputs`. out_dims has structure {out_dims_spec} but outputs has structure {outputs_spec}.",
        "out_dims needs one entry per output, nested as the function's outputs are.",
        "out_dims 要为每个输出给一项，嵌套方式与函数的输出相同。",
    ),
    "func_vmap_returns_non_tensor": ErrorText(
        ValueError,
        "vmap({name}, ...): `{name}` must only return Tensors, got type {type_repr}. Did you mean to set "
        "out_dims= to None for output?",
        "the results of the slices are stacked, so they must be tensors; return torch.tensor(...) or give "
        "out_dims=None for this output.",
        "各个切片的结果要堆叠起来，所以必须是张量；请返回 torch.tensor(...)，或对这个输出用 out_dims=None。",
    ),
    "func_vmap_batched_out_dim_none": ErrorText(
        ValueError,
        "vmap({name}, ...): `{name}` can not return a BatchedTensor when out_dim is None",
        "this output differs from slice to slice, so it needs a dimension to stack along: give out_dims=0.",
        "这个输出在每个切片上都不同，需要一个维度来堆叠：请用 out_dims=0。",
    ),
    "func_vmap_random": ErrorText(
        RuntimeError,
        "vmap: called random operation while in randomness error mode. Please either use the 'same' or "
        "'different' randomness flags on vmap or perform the randomness operation out of vmap",
        "say whether every slice draws its own numbers, randomness='different', or all share them, "
        "randomness='same'.",
        "请说明每个切片各自抽取随机数 randomness='different'，还是共用同一组 randomness='same'。",
    ),
    "func_call_dicts": ErrorText(
        ValueError,
        "Expected all elements of parameter_and_buffer_dicts to be dictionaries",
        "pass a dict of tensors by name, or a tuple of such dicts: (params, buffers).",
        "请传入按名称索引张量的字典，或者由这样的字典组成的元组：(params, buffers)。",
    ),
    "func_call_repeated": ErrorText(
        ValueError,
        "{keys} appeared in multiple dictionaries; behavior of functional call is ambiguous",
        "give each name in one dictionary only.",
        "每个名称只能出现在一个字典里。",
    ),
    "func_call_type": ErrorText(
        ValueError,
        "Expected parameter_and_buffer_dicts to be a dict, or a list/tuple of dicts, but got {type_repr}",
        "pass the tensors as a dict by name, e.g. dict(model.named_parameters()).",
        "请按名称把张量放进字典传入，例如 dict(model.named_parameters())。",
    ),
    "func_call_tied": ErrorText(
        ValueError,
        "functional_call got multiple values for keys {keys}, which are tied. Consider using tie_weights=False",
        "these names are one tensor in the module; give one value for it, or pass tie_weights=False.",
        "这些名称在模块里是同一个张量；请只给它一个值，或者传入 tie_weights=False。",
    ),
    "func_call_strict": ErrorText(
        RuntimeError,
        "Error(s) in reparametrizing for {name}:\n\t{problems}",
        "with strict=True give exactly the names of model.named_parameters() and named_buffers().",
        "strict=True 时必须恰好给出 model.named_parameters() 和 named_buffers() 的所有名称。",
    ),
    "func_call_no_attribute": ErrorText(
        AttributeError,
        "{module} has no attribute `{name}`",
        "the names are those of model.named_parameters(), such as '0.weight' or 'fc1.bias'.",
        "名称应该是 model.named_parameters() 给出的那些，例如 '0.weight' 或 'fc1.bias'。",
    ),
    "func_call_not_module": ErrorText(
        TypeError,
        "submodule `{name}`: {value} is not an instance of torch.nn.Module",
        "only the part of a name before the last dot names submodules, as in 'fc1.weight'.",
        "名称里最后一个点之前的部分才是子模块，例如 'fc1.weight'。",
    ),
    "func_call_not_tensor": ErrorText(
        TypeError,
        "{value} is not an instance of torch.Tensor",
        "the dict's values stand in for parameters and buffers, so they must be tensors.",
        "字典中的值要代替参数和缓冲区，所以必须是张量。",
    ),
    "func_functionalize_remove": ErrorText(
        RuntimeError,
        "functionalize(f, remove='mutations'): received invalid argument for remove={remove}.",
        "write remove='mutations' or remove='mutations_and_views'.",
        "请写 remove='mutations' 或 remove='mutations_and_views'。",
    ),
    "func_stack_no_models": ErrorText(
        RuntimeError,
        "stack_module_state: Expected at least one model, got 0.",
        "pass the list of models to stack, e.g. [MLP() for _ in range(5)].",
        "请传入要堆叠的模型列表，例如 [MLP() for _ in range(5)]。",
    ),
    "func_stack_mode": ErrorText(
        RuntimeError,
        "stack_module_state: Expected all models to have the same training/eval mode.",
        "call .train() or .eval() on every model alike first.",
        "请先对所有模型统一调用 .train() 或 .eval()。",
    ),
    "func_stack_class": ErrorText(
        RuntimeError,
        "stack_module_state: Expected all models to be of the same class.",
        "an ensemble stacks models of one class (one architecture); build them all from the same class.",
        "集成只能堆叠同一个类（同一种结构）的模型；请用同一个类创建所有模型。",
    ),
    "func_stack_requires_grad": ErrorText(
        RuntimeError,
        "Expected {name} from each model to have the same .requires_grad",
        "freeze a parameter in every model or in none: p.requires_grad_(False) on all of them.",
        "要冻结参数就在所有模型中一起冻结：对每个模型都调用 p.requires_grad_(False)。",
    ),
    # -- nn.utils.parametrize, parametrizations, weight_norm, spectral_norm (branch s10_param) ---------------
    # (the FutureWarning of the old weight_norm is here too, to keep the branch's entries in one block)
    "parametrize_list_empty": ErrorText(
        ValueError,
        "ParametrizationList requires one or more modules.",
        "a ParametrizationList is made by register_parametrization, with the parametrization to apply.",
        "ParametrizationList 由 register_parametrization 创建，并带上要应用的参数化模块。",
    ),
    "parametrize_right_inverse_type": ErrorText(
        ValueError,
        "'right_inverse' must return a Tensor or a Sequence of tensors (list, tuple...). Got {type_name}",
        "right_inverse computes what to store: return one tensor, or a tuple of tensors.",
        "right_inverse 计算要存储的张量：请返回一个张量，或由张量组成的元组。",
    ),
    "parametrize_right_inverse_element": ErrorText(
        ValueError,
        "'right_inverse' must return a Tensor or a Sequence of tensors (list, tuple...). "
        "Got element {index} of the sequence with type {type_name}.",
        "every element of what right_inverse returns is stored as original0, original1, ...: each must be a tensor.",
        "right_inverse 返回的每个元素都会存为 original0、original1……：每个都必须是张量。",
    ),
    "parametrize_right_inverse_dtype": ErrorText(
        ValueError,
        "When `right_inverse` outputs one tensor, it may not change the dtype.\n"
        "original.dtype: {original}\nright_inverse(original).dtype: {new}",
        "the stored tensor keeps the parameter's identity and dtype: convert inside forward instead.",
        "存储的张量保留原参数本身及其数据类型：请改在 forward 里转换类型。",
    ),
    "parametrize_not_tensor": ErrorText(
        ValueError,
        "A parametrization must return a tensor. Got {type_name}.",
        "the parametrization's forward computes the tensor the module uses: return one tensor.",
        "参数化模块的 forward 计算模块要用的张量：请返回一个张量。",
    ),
    "parametrize_list_dtype": ErrorText(
        ValueError,
        "Registering a parametrization may not change the dtype of the tensor, unless `unsafe` flag is "
        "enabled.\nunparametrized dtype: {original}\nparametrized dtype: {new}",
        "keep the dtype in forward, or pass unsafe=True if the change is meant.",
        "请在 forward 中保持数据类型不变；如果确实要改变，请传入 unsafe=True。",
    ),
    "parametrize_list_shape": ErrorText(
        ValueError,
        "Registering a parametrization may not change the shape of the tensor, unless `unsafe` flag is "
        "enabled.\nunparametrized shape: {original}\nparametrized shape: {new}",
        "the module was built for this shape: keep it in forward, or pass unsafe=True if the change is meant.",
        "模块是按这个形状构建的：请在 forward 中保持形状不变；如果确实要改变，请传入 unsafe=True。",
    ),
    "parametrize_no_right_inverse": ErrorText(
        RuntimeError,
        "parametrization {name} does not implement right_inverse.",
        "assigning to a parametrized tensor needs every parametrization on it to define right_inverse(self, X).",
        "给参数化的张量赋值，要求它上面的每个参数化模块都定义 right_inverse(self, X)。",
    ),
    "parametrize_right_inverse_not_tensor": ErrorText(
        ValueError,
        "`right_inverse` should return a tensor. Got {type_name}",
        "this tensor is stored as one original: right_inverse must return one tensor, as when it was registered.",
        "这个张量存储为一个 original：right_inverse 必须像注册时那样返回一个张量。",
    ),
    "parametrize_assign_dtype": ErrorText(
        ValueError,
        "The tensor returned by `right_inverse` has dtype {new} while `original` has dtype {original}",
        "assign a tensor of the parametrized tensor's dtype, e.g. value.to(module.weight.dtype).",
        "请赋予与参数化张量数据类型相同的张量，例如 value.to(module.weight.dtype)。",
    ),
    "parametrize_right_inverse_sequence": ErrorText(
        ValueError,
        "'right_inverse' must return a sequence of tensors. Got {type_name}.",
        "this tensor is stored as original0, original1, ...: right_inverse must return as many tensors.",
        "这个张量存储为 original0、original1……：right_inverse 必须返回同样多的张量。",
    ),
    "parametrize_right_inverse_length": ErrorText(
        ValueError,
        "'right_inverse' must return a sequence of tensors of length {expected}. Got a sequence of length {got}.",
        "right_inverse must return as many tensors as when the parametrization was registered.",
        "right_inverse 返回的张量个数必须与注册时相同。",
    ),
    "parametrize_assign_element": ErrorText(
        ValueError,
        "'right_inverse' must return a sequence of tensors or reference-type opaques. "
        "Got element {index} of type {type_name}.",
        "each element right_inverse returns is stored in one original: each must be a tensor.",
        "right_inverse 返回的每个元素都存入一个 original：每个都必须是张量。",
    ),
    "parametrize_assign_element_dtype": ErrorText(
        ValueError,
        "Tensor {index} returned by `right_inverse` has dtype {new} while `original{index}` has dtype {original}",
        "right_inverse must give each original its own dtype, as when the parametrization was registered.",
        "right_inverse 给出的每个张量必须保持对应 original 的数据类型，与注册时相同。",
    ),
    "parametrize_pickle": ErrorText(
        RuntimeError,
        "Serialization of parametrized modules is only supported through state_dict(). See:\n"
        "https://pytorch.org/tutorials/beginner/saving_loading_models.html"
        "#saving-loading-a-general-checkpoint-for-inference-and-or-resuming-training",
        "save model.state_dict() and load it into a model built and parametrized the same way.",
        "请保存 model.state_dict()，再加载到以同样方式构建并参数化的模型中。",
    ),
    "parametrize_append_dtype": ErrorText(
        ValueError,
        "Registering a parametrization may not change the dtype of the tensor, unless the `unsafe` flag is "
        "enabled.\nmodule.{name}.dtype: {original}\nparametrization(module.{name}).dtype: {new}",
        "keep the dtype in forward, or pass unsafe=True if the change is meant.",
        "请在 forward 中保持数据类型不变；如果确实要改变，请传入 unsafe=True。",
    ),
    "parametrize_append_shape": ErrorText(
        ValueError,
        "Registering a parametrization may not change the shape of the tensor, unless the `unsafe` flag is "
        "enabled.\nmodule.{name}.shape: {original}\nparametrization(module.{name}).shape: {new}",
        "the module was built for this shape: keep it in forward, or pass unsafe=True if the change is meant.",
        "模块是按这个形状构建的：请在 forward 中保持形状不变；如果确实要改变，请传入 unsafe=True。",
    ),
    "parametrize_append_inverse_type": ErrorText(
        ValueError,
        "parametrization.right_inverse must return a tensor. Got: {type_name}",
        "a parametrization added after the first one takes and gives one tensor, in forward and in right_inverse.",
        "在第一个之后追加的参数化模块，其 forward 和 right_inverse 都接收并返回一个张量。",
    ),
    "parametrize_append_inverse_dtype": ErrorText(
        ValueError,
        "The tensor returned by parametrization.right_inverse must have the same dtype as module.{name}, unless "
        "the `unsafe` flag is enabled.\nmodule.{name}.dtype: {original}\nreturned dtype: {new}",
        "right_inverse must keep the dtype, or pass unsafe=True if the change is meant.",
        "right_inverse 必须保持数据类型不变；如果确实要改变，请传入 unsafe=True。",
    ),
    "parametrize_append_inverse_shape": ErrorText(
        ValueError,
        "The tensor returned by parametrization.right_inverse must have the same shape as module.{name}, unless "
        "the `unsafe` flag is enabled.\nmodule.{name}.shape: {original}\nreturned shape: {new}",
        "right_inverse must keep the shape, or pass unsafe=True if the change is meant.",
        "right_inverse 必须保持形状不变；如果确实要改变，请传入 unsafe=True。",
    ),
    "parametrize_no_tensor": ErrorText(
        ValueError,
        "Module '{module}' does not have a parameter, a buffer, or a parametrized element with name '{name}'",
        "give the name of one of the module's parameters or buffers, e.g. 'weight' or 'bias'.",
        "请给出模块中某个参数或缓冲区的名字，例如 'weight' 或 'bias'。",
    ),
    "parametrize_remove_missing": ErrorText(
        ValueError,
        "Module {module} does not have a parametrization on {name}",
        "parametrize.is_parametrized(module, name) tells whether there is one to remove.",
        "可以用 parametrize.is_parametrized(module, name) 检查是否有可移除的参数化。",
    ),
    "parametrize_remove_sequence": ErrorText(
        ValueError,
        "Cannot leave unparametrized (`leave_parametrized=False`) a tensor that is parametrized in terms of a "
        "sequence of tensors.",
        "several stored tensors make this one: keep its parametrized value with leave_parametrized=True.",
        "这个张量由多个存储的张量算出：请用 leave_parametrized=True 保留它参数化后的值。",
    ),
    "parametrizations_no_tensor": ErrorText(
        ValueError,
        "Module '{module}' has no parameter or buffer with name '{name}'",
        "give the name of one of the module's parameters or buffers, e.g. 'weight'.",
        "请给出模块中某个参数或缓冲区的名字，例如 'weight'。",
    ),
    "spectral_norm_dim": ErrorText(
        IndexError,
        "Dimension out of range (expected to be in range of [-{ndim}, {last}] but got {dim})",
        "dim is the dimension of the outputs (0 for Linear and Conv weights); it must be one of the weight's.",
        "dim 是输出所在的维度（Linear 和卷积层的权重为 0）；它必须是权重已有的维度。",
    ),
    "spectral_norm_iterations": ErrorText(
        ValueError,
        "Expected n_power_iterations to be positive, but got n_power_iterations={n}",
        "the power method needs at least one iteration per forward: n_power_iterations=1 is the usual value.",
        "幂迭代法每次前向至少要迭代一次：通常取 n_power_iterations=1。",
    ),
    "spectral_norm_twice": ErrorText(
        RuntimeError,
        "Cannot register two spectral_norm hooks on the same parameter {name}",
        "this parameter is spectrally normalised already; remove_spectral_norm(module) first to apply it again.",
        "这个参数已经做了谱归一化；如需重新应用，请先调用 remove_spectral_norm(module)。",
    ),
    "spectral_norm_none": ErrorText(
        ValueError,
        "`SpectralNorm` cannot be applied as parameter `{name}` is None",
        "the module has no such tensor (a layer made with bias=False has bias None): name one it has.",
        "模块没有这个张量（bias=False 的层其 bias 为 None）：请给出它实际拥有的参数名。",
    ),
    "spectral_norm_uninitialized": ErrorText(
        ValueError,
        "The module passed to `SpectralNorm` can't have uninitialized parameters. Make sure to run the dummy "
        "forward before applying spectral normalization",
        "a lazy layer has no weight before its first call: call it once on an example input.",
        "惰性层在第一次调用前没有权重：请先用一个示例输入调用它一次。",
    ),
    "spectral_norm_not_found": ErrorText(
        ValueError,
        "spectral_norm of '{name}' not found in {module}",
        "remove_spectral_norm undoes nn.utils.spectral_norm on the same module and parameter name.",
        "remove_spectral_norm 只能撤销同一模块、同一参数名上的 nn.utils.spectral_norm。",
    ),
    "weight_norm_twice": ErrorText(
        RuntimeError,
        "Cannot register two weight_norm hooks on the same parameter {name}",
        "this parameter is weight-normalised already; remove_weight_norm(module) first to apply it again.",
        "这个参数已经做了权重归一化；如需重新应用，请先调用 remove_weight_norm(module)。",
    ),
    "weight_norm_uninitialized": ErrorText(
        ValueError,
        "The module passed to `WeightNorm` can't have uninitialized parameters. Make sure to run the dummy "
        "forward before applying weight normalization",
        "a lazy layer has no weight before its first call: call it once on an example input.",
        "惰性层在第一次调用前没有权重：请先用一个示例输入调用它一次。",
    ),
    "weight_norm_not_found": ErrorText(
        ValueError,
        "weight_norm of '{name}' not found in {module}",
        "remove_weight_norm undoes nn.utils.weight_norm on the same module and parameter name.",
        "remove_weight_norm 只能撤销同一模块、同一参数名上的 nn.utils.weight_norm。",
    ),
    "orthogonal_assign_shape": ErrorText(
        ValueError,
        "Expected a matrix or batch of matrices of shape {expected}. Got a tensor of shape {got}.",
        "assign a tensor of the weight's own shape.",
        "请赋予与权重形状相同的张量。",
    ),
    "orthogonal_no_trivialization": ErrorText(
        NotImplementedError,
        "It is not possible to assign to the matrix exponential or the Cayley parametrizations when "
        "use_trivialization=False.",
        "keep use_trivialization=True, or use orthogonal_map='householder', to be able to assign to the weight.",
        "若要给权重赋值，请保留 use_trivialization=True，或使用 orthogonal_map='householder'。",
    ),
    "orthogonal_not_matrix": ErrorText(
        ValueError,
        "Expected a matrix or batch of matrices. Got a tensor of {ndim} dimensions.",
        "only a matrix can be orthogonal: parametrize a weight of at least two dimensions.",
        "只有矩阵才能是正交的：请对至少二维的权重做参数化。",
    ),
    "orthogonal_map": ErrorText(
        ValueError,
        'orthogonal_map has to be one of "matrix_exp", "cayley", "householder". Got: {got}',
        "the map turns the stored matrix into an orthogonal one; leave it out for the default.",
        "这个映射把存储的矩阵变成正交矩阵；不指定则使用默认值。",
    ),
    "weight_norm_deprecated": ErrorText(
        FutureWarning,
        "`torch.nn.utils.weight_norm` is deprecated in favor of `torch.nn.utils.parametrizations.weight_norm`.",
        "the new weight_norm stores g and v as parametrizations.weight.original0 and original1.",
        "新的 weight_norm 把 g 和 v 存为 parametrizations.weight.original0 和 original1。",
    ),
    # -- s10_norms: RMS norm, instance norm, local response norm, Softmax2d, bilinear, fold/unfold -------------
    "nn_norm_shape_type": ErrorText(
        TypeError,
        "{function}(): argument 'normalized_shape' (position 2) must be tuple of ints, not {type_name}",
        "give the normalised dimensions as a tuple, e.g. (4,) for the last dimension of size 4.",
        "请用元组给出要归一化的维度，例如最后一维大小为 4 时写 (4,)。",
    ),
    "nn_rms_norm_input_dims": ErrorText(
        ValueError,
        "Input tensor must have at least {expected} dimensions, but got {ndim}",
        "normalized_shape names the input's last dimensions, so it cannot be longer than x.shape.",
        "normalized_shape 指的是输入的最后几个维度，所以不能比 x.shape 更长。",
    ),
    "nn_avg_pool2d_kernel": ErrorText(
        RuntimeError,
        "kernel size should be greater than zero, but got kH: {size} kW: 1",
        "size counts the neighbouring channels to average over: give at least 1.",
        "size 是参与平均的相邻通道数：至少为 1。",
    ),
    "nn_rms_norm_dtype": ErrorText(
        NotImplementedError,
        "\"rms_norm\" not implemented for '{dtype_name}'",
        "RMS norm divides by a root mean square, which needs floating point: convert the input with .float().",
        "RMS 归一化要除以均方根，需要浮点数：请先用 .float() 转换输入。",
    ),
    "nn_norm_features": ErrorText(
        RuntimeError,
        "{name} should contain {channels} elements not {size}",
        "num_features must equal the input's dimension 1 (its channels); instance norm repeats each per-channel "
        "tensor once per example, so both numbers here are multiplied by the batch size.",
        "num_features 必须等于输入第 1 维的大小（通道数）；实例归一化会把每个按通道的张量为每个样本重复一次，"
        "所以这里的两个数都乘上了批大小。",
    ),
    "nn_instance_norm_spatial": ErrorText(
        ValueError,
        "Expected more than 1 spatial element when training, got input size torch.Size({shape})",
        "instance norm computes a mean and variance over each channel's positions (L, or H×W), so it needs more "
        "than one of them; check that the input is (N, C, L) or (N, C, H, W).",
        "实例归一化在每个通道的各个位置（L 或 H×W）上求均值和方差，所以位置必须多于一个；请检查输入是否为 "
        "(N, C, L) 或 (N, C, H, W)。",
    ),
    "nn_batch_norm_dtype": ErrorText(
        NotImplementedError,
        "\"batch_norm\" not implemented for '{dtype_name}'",
        "normalising divides by a standard deviation, which needs floating point: convert with .float() first.",
        "归一化要除以标准差，需要浮点数：请先用 .float() 转换。",
    ),
    "nn_norm_all_same_dtype": ErrorText(
        RuntimeError,
        "mixed dtype (CPU): all inputs must share same datatype.",
        "the weight and bias must have the input's dtype: convert the layer (.double(), .float()) or the input.",
        "weight 和 bias 的 dtype 必须与输入相同：请转换层（.double()、.float()）或输入。",
    ),
    "nn_norm_scalar_type": ErrorText(
        RuntimeError,
        "expected scalar type {expected} but found {found}",
        "the weight and bias must have the input's dtype: convert the layer (.double(), .float()) or the input.",
        "weight 和 bias 的 dtype 必须与输入相同：请转换层（.double()、.float()）或输入。",
    ),
    "nn_instance_norm_empty_select": ErrorText(
        IndexError,
        "select(): index 0 out of range for tensor of size [0] at dimension 0",
        "an empty batch has nothing to normalise; PyTorch fails here when the layer has affine parameters, so "
        "skip the layer for empty batches.",
        "空批次没有可归一化的数据；层带有仿射参数时 PyTorch 会在这里出错，所以请对空批次跳过这一层。",
    ),
    "nn_instance_norm_no_running_stats": ErrorText(
        RuntimeError,
        "Expected running_mean and running_var to be defined when use_input_stats is false",
        "without the input's own statistics the running ones are used: pass both, or use_input_stats=True.",
        "不使用输入自身的统计量时要用滑动统计量：请把两者都传入，或设 use_input_stats=True。",
    ),
    "nn_instance_norm_dims": ErrorText(
        ValueError,
        "expected {expected} input (got {ndim}D input)",
        "InstanceNorm1d takes (N, C, L) or (C, L), InstanceNorm2d (N, C, H, W) or (C, H, W), InstanceNorm3d "
        "(N, C, D, H, W) or (C, D, H, W).",
        "InstanceNorm1d 接收 (N, C, L) 或 (C, L)，InstanceNorm2d 接收 (N, C, H, W) 或 (C, H, W)，InstanceNorm3d "
        "接收 (N, C, D, H, W) 或 (C, D, H, W)。",
    ),
    "nn_instance_norm_features": ErrorText(
        ValueError,
        "expected input's size at dim={dim} to match num_features ({features}), but got: {size}.",
        "with affine=True the layer holds one weight per channel: num_features must be the input's channel count.",
        "affine=True 时每个通道有一个权重：num_features 必须等于输入的通道数。",
    ),
    "nn_lrn_dims": ErrorText(
        ValueError,
        "Expected 3D or higher dimensionality                          input (got {ndim} dimensions)",
        "local response norm works across channels: give an input (N, C, L) or (N, C, H, W).",
        "局部响应归一化在通道之间进行：请给出 (N, C, L) 或 (N, C, H, W) 的输入。",
    ),
    "nn_avg_pool3d_kernel": ErrorText(
        RuntimeError,
        "kernel size should be greater than zero, but got kT: {size} kH: 1 kW: 1",
        "size counts the neighbouring channels to average over: give at least 1.",
        "size 是参与平均的相邻通道数：至少为 1。",
    ),
    "nn_softmax2d_dims": ErrorText(
        ValueError,
        "Softmax2d: expected input to be 3D or 4D, got {ndim}D instead",
        "Softmax2d takes images (N, C, H, W) or (C, H, W) and applies softmax over the channels.",
        "Softmax2d 接收图像 (N, C, H, W) 或 (C, H, W)，在通道上做 softmax。",
    ),
    "nn_fold_pair": ErrorText(
        RuntimeError,
        "It is expected {name} equals to 2, but got size {size}",
        "fold and unfold work on images: give one number (used for both sides) or a pair (height, width).",
        "fold 和 unfold 作用于图像：请给一个数（两边相同）或一对数 (高, 宽)。",
    ),
    "nn_fold_argument": ErrorText(
        RuntimeError,
        "{what} should be {condition}, but got {key}_height: {height} {key}_width: {width}",
        "window sizes, steps and dilations count pixels from 1; padding can be 0.",
        "窗口大小、步长和膨胀都从 1 开始计数；填充可以是 0。",
    ),
    "nn_unfold_dims": ErrorText(
        RuntimeError,
        "Expected 3D or 4D (batch mode) tensor with possibly 0 batch size and other non-zero dimensions for "
        "input, but got: {shape}",
        "unfold takes images (N, C, H, W) or one image (C, H, W).",
        "unfold 接收图像 (N, C, H, W) 或单张图像 (C, H, W)。",
    ),
    "nn_unfold_blocks": ErrorText(
        RuntimeError,
        "Given input with spatial size {size}, kernel_size={kernel}, dilation={dilation}, padding={padding}, "
        "calculated shape of the array of sliding blocks as {blocks}, but its components must be at least one.",
        "the window does not fit in the image: use a smaller kernel_size or dilation, or pad the image.",
        "窗口放不进图像：请减小 kernel_size 或 dilation，或者给图像加填充。",
    ),
    "nn_fold_dims": ErrorText(
        RuntimeError,
        "Expected 2D or 3D (batch mode) tensor for input with possibly 0 batch size and non-zero dimensions for "
        "input, but got: {shape}",
        "fold takes columns (N, C·kh·kw, L) or the columns of one image (C·kh·kw, L), as unfold gives them.",
        "fold 接收列 (N, C·kh·kw, L)，或单张图像的列 (C·kh·kw, L)，即 unfold 给出的形状。",
    ),
    "nn_fold_divisible": ErrorText(
        RuntimeError,
        "Expected size of input's dimension 1 to be divisible by the product of kernel_size, but got "
        "input.size(1)={channels} and kernel_size={kernel}.",
        "each column holds C·kh·kw values (one window of every channel): check kernel_size against unfold's.",
        "每一列有 C·kh·kw 个值（每个通道的一个窗口）：请对照 unfold 时用的 kernel_size。",
    ),
    "nn_fold_blocks": ErrorText(
        RuntimeError,
        "Given output_size={size}, kernel_size={kernel}, dilation={dilation}, padding={padding}, stride={stride}, "
        "expected size of input's dimension 2 to match the calculated number of sliding blocks "
        "{blocks[0]} * {blocks[1]} = {total}, but got input.size(2)={length}.",
        "there is one column per window position: output_size, kernel_size, dilation, padding and stride must be "
        "those that unfold used.",
        "每个窗口位置对应一列：output_size、kernel_size、dilation、padding 和 stride 必须与 unfold 时相同。",
    ),
    "nn_fold_too_small": ErrorText(
        RuntimeError,
        "Given output_size={size}, kernel_size={kernel}, dilation={dilation}, padding={padding}, stride={stride}, "
        "calculated shape of the array of sliding blocks as {blocks}, which is too small (non-positive)",
        "the window does not fit in output_size: use a smaller kernel_size or dilation, or more padding.",
        "窗口放不进 output_size：请减小 kernel_size 或 dilation，或增加填充。",
    ),
    "nn_fold_dtype": ErrorText(
        NotImplementedError,
        "\"{kernel}\" not implemented for '{dtype_name}'",
        "fold and unfold take floating-point tensors: convert with .float() first.",
        "fold 和 unfold 只接受浮点张量：请先用 .float() 转换。",
    ),
    "nn_bilinear_dtypes": ErrorText(
        RuntimeError,
        "All tensors must have the same dtype, got {listed}",
        "the inputs, weight and bias must share one dtype: convert the layer (.double(), .float()) or the inputs.",
        "输入、weight 和 bias 的 dtype 必须相同：请转换层（.double()、.float()）或输入。",
    ),
    "nn_bilinear_dims": ErrorText(
        RuntimeError,
        "bilinear(): input dimensions do not match: got {dim1} and {dim2}",
        "both inputs need the same batch dimensions: (*, in1_features) and (*, in2_features).",
        "两个输入的批维度必须相同：(*, in1_features) 和 (*, in2_features)。",
    ),
    "nn_bilinear_batch": ErrorText(
        RuntimeError,
        "bilinear(): input batch dimensions do not match at dim {dim}: got {size1} and {size2}",
        "each row of input1 is paired with the same row of input2, so their batch sizes must be equal.",
        "input1 的每一行与 input2 的同一行配对，所以二者的批大小必须相等。",
    ),
    "nn_bilinear_size": ErrorText(
        RuntimeError,
        "bilinear(): {which} size does not match weight size: got {got} but expected {expected}",
        "the weight is (out_features, in1_features, in2_features) and the bias (out_features,).",
        "weight 的形状是 (out_features, in1_features, in2_features)，bias 的形状是 (out_features,)。",
    ),
    # -- the meta device (tensors with a shape and a dtype, and no data) ------------------------
    "meta_no_data": ErrorText(
        NotImplementedError,
        "Cannot copy out of meta tensor; no data!",
        "a tensor on the 'meta' device has a shape and a dtype but no values; load real weights into the model "
        "(load_state_dict(..., assign=True)) or make the tensor on the CPU.",
        "'meta' 设备上的张量只有形状和类型，没有数值；请给模型载入真正的权重（load_state_dict(..., assign=True)），"
        "或在 CPU 上创建这个张量。",
    ),
    "meta_item": ErrorText(
        RuntimeError,
        "Tensor.item() cannot be called on meta tensors",
        "a tensor on the 'meta' device has no values to read; compute on CPU tensors to get a number.",
        "'meta' 设备上的张量没有可读的数值；要得到一个数，请用 CPU 上的张量计算。",
    ),
    "meta_numpy": ErrorText(
        TypeError,
        "can't convert meta device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.",
        "a tensor on the 'meta' device has no values to hand to NumPy; only CPU tensors do.",
        "'meta' 设备上的张量没有可交给 NumPy 的数值；只有 CPU 上的张量才有。",
    ),
    # == packed sequences: nn.utils.rnn.pack_padded_sequence and friends, RNNs on them (branch s11_packed)     ),
    "packed_batch_sizes_device": ErrorText(
        ValueError,
        "batch_sizes should always be on CPU. Instances of PackedSequence should never be created manually. "
        "They should be instantiated by functions like pack_sequence and pack_padded_sequences in nn.utils.rnn. "
        "https://pytorch.org/docs/stable/nn.html#torch.nn.utils.rnn.pack_sequence",
        "make a PackedSequence with pack_padded_sequence or pack_sequence rather than by hand.",
        "请用 pack_padded_sequence 或 pack_sequence 得到 PackedSequence，不要手工构造。",
    ),
    "packed_data_pair": ErrorText(
        AssertionError,
        "Expected data to be a list or tuple of length 2",
        "PackedSequence(data) alone needs data to be the pair (data, batch_sizes).",
        "只传一个参数时，PackedSequence(data) 的 data 必须是 (data, batch_sizes) 这一对。",
    ),
    "pack_empty": ErrorText(
        RuntimeError,
        "Cannot pack empty tensors.",
        "the padded batch has no elements: give it at least one step of one sequence.",
        "填充后的批中没有元素：至少要有一个序列的一个时间步。",
    ),
    "pack_lengths_type": ErrorText(
        RuntimeError,
        "'lengths' argument should be a 1D CPU int64 tensor, but got {ndim}D cpu {kind} tensor",
        "give one length per sequence, as a list or a 1-D tensor.",
        "请为每个序列给出一个长度，用列表或一维张量。",
    ),
    "pack_lengths_batch": ErrorText(
        RuntimeError,
        "Expected `len(lengths)` to be equal to batch_size, but got {got} (batch_size={batch})",
        "give one length per sequence of the batch; with batch_first=True the batch is the first dimension.",
        "批中每个序列要有一个长度；batch_first=True 时批是第一维。",
    ),
    "pack_lengths_positive": ErrorText(
        RuntimeError,
        "Length of all samples has to be greater than 0, but found an element in 'lengths' that is <= 0",
        "every sequence needs at least one step: leave empty sequences out of the batch.",
        "每个序列至少要有一个时间步：请把空序列从批中去掉。",
    ),
    "pack_lengths_unsorted": ErrorText(
        RuntimeError,
        "`lengths` array must be sorted in decreasing order when `enforce_sorted` is True. You can pass "
        "`enforce_sorted=False` to pack_padded_sequence and/or pack_sequence to sidestep this requirement if you "
        "do not need ONNX exportability.",
        "sort the batch longest first, or pass enforce_sorted=False to let the function sort it.",
        "请把批按长度从长到短排序，或传入 enforce_sorted=False 让函数自己排序。",
    ),
    "pad_packed_total_length": ErrorText(
        ValueError,
        "Expected total_length to be at least the length of the longest sequence in input, but got "
        "total_length={total_length} and max sequence length being {longest}",
        "total_length pads the result to that many steps; it cannot cut the longest sequence.",
        "total_length 把结果填充到这么多步；它不能截短最长的序列。",
    ),
    "nn_rnn_packed_input_dims": ErrorText(
        RuntimeError,
        "input must have {expected} dimensions, got {got}",
        "a PackedSequence's data is (total steps of all sequences, input_size).",
        "PackedSequence 的 data 形状是 (所有序列的总步数, input_size)。",
    ),
    # -- nn.utils.prune (branch s11_prune) ------------------------------------------------------------------
    "prune_hooks_twice": ErrorText(
        AssertionError,
        "Avoid adding multiple pruning hooks to the same tensor {name} of module {module}. Use a PruningContainer.",
        "one tensor has one pruning hook; pruning it again through prune.* joins the methods by itself.",
        "一个张量只有一个剪枝钩子；再次用 prune.* 剪枝时会自动把各方法合并到一起。",
    ),
    "prune_scores_shape_param": ErrorText(
        AssertionError,
        "importance_scores should have the same shape as parameter {name} of {module}, got {got} vs {expected}",
        "give one score per entry of the tensor being pruned: importance_scores of its shape.",
        "请为被剪枝张量的每个元素给出一个分数：importance_scores 的形状要与它相同。",
    ),
    "prune_scores_shape_t": ErrorText(
        AssertionError,
        "importance_scores should have the same shape as tensor t, got {got} vs {expected}",
        "give one score per entry of t: importance_scores of t's shape.",
        "请为 t 的每个元素给出一个分数：importance_scores 的形状要与 t 相同。",
    ),
    "prune_mask_not_pruned": ErrorText(
        AssertionError,
        "Module {module} has to be pruned",
        "this pruning method has no tensor name; it gets one when applied with Method.apply(module, name, ...).",
        "这个剪枝方法还没有对应的张量名；用 Method.apply(module, name, ...) 应用后才会有。",
    ),
    "prune_remove_not_pruned": ErrorText(
        AssertionError,
        "Module {module} has to be pruned before pruning can be removed",
        "this pruning method has no tensor name; only a method applied to a module can be removed from it.",
        "这个剪枝方法还没有对应的张量名；只有已应用到模块上的方法才能移除。",
    ),
    "prune_container_type": ErrorText(
        TypeError,
        "{type_name} is not a BasePruningMethod subclass",
        "a PruningContainer holds pruning methods: instances of prune.L1Unstructured, prune.RandomStructured ...",
        "PruningContainer 只能存放剪枝方法：prune.L1Unstructured、prune.RandomStructured 等的实例。",
    ),
    "prune_container_name": ErrorText(
        ValueError,
        "Can only add pruning methods acting on the parameter named '{name}' to PruningContainer {container}. "
        "Found '{found}'",
        "a container collects the pruning of one tensor: every method in it acts on the same name.",
        "一个容器只收集同一个张量的剪枝：其中每个方法都作用于同一个名字。",
    ),
    "prune_structured_no_dim": ErrorText(
        AttributeError,
        'Pruning methods of PRUNING_TYPE "structured" need to have the attribute `dim` defined.',
        "a structured method prunes channels along a dimension: set self.dim in its __init__.",
        "结构化剪枝沿某个维度剪掉整个通道：请在 __init__ 中设置 self.dim。",
    ),
    "prune_dim_out_of_bounds": ErrorText(
        IndexError,
        "Index is out of bounds for tensor with dimensions {n_dims}",
        "dim counts from the end when negative: for a tensor of {n_dims} dimensions it goes down to -{n_dims}.",
        "dim 为负数时从末尾数起：对 {n_dims} 维的张量，它最小只能是 -{n_dims}。",
    ),
    "prune_unknown_type": ErrorText(
        ValueError,
        "Unrecognized PRUNING_TYPE {kind}",
        'set PRUNING_TYPE to "unstructured", "structured" or "global" in the pruning method\'s class.',
        '请在剪枝方法的类中把 PRUNING_TYPE 设为 "unstructured"、"structured" 或 "global"。',
    ),
    "prune_global_not_iterable": ErrorText(
        TypeError,
        "global_unstructured(): parameters is not an Iterable",
        "pass the tensors as (module, name) pairs, e.g. ((model.fc1, 'weight'), (model.fc2, 'weight')).",
        "请把张量写成 (模块, 名字) 对，例如 ((model.fc1, 'weight'), (model.fc2, 'weight'))。",
    ),
    "prune_global_scores_type": ErrorText(
        TypeError,
        "global_unstructured(): importance_scores must be of type dict",
        "map each (module, name) pair to its scores: {{(model.fc1, 'weight'): scores, ...}}.",
        "请把每个 (模块, 名字) 对映射到它的分数：{{(model.fc1, 'weight'): scores, ...}}。",
    ),
    "prune_global_not_unstructured": ErrorText(
        TypeError,
        'Only "unstructured" PRUNING_TYPE supported for the `pruning_method`. Found method {method} of type {kind}',
        "global pruning ranks single entries across tensors: use prune.L1Unstructured or prune.RandomUnstructured.",
        "全局剪枝在所有张量中按单个元素排序：请使用 prune.L1Unstructured 或 prune.RandomUnstructured。",
    ),
    "prune_remove_missing": ErrorText(
        ValueError,
        "Parameter '{name}' of module {module} has to be pruned before pruning can be removed",
        "prune.remove makes an earlier pruning of this tensor permanent; this one has none (prune.is_pruned tells).",
        "prune.remove 用来固定此前对该张量的剪枝，而它并没有被剪枝过（可用 prune.is_pruned 检查）。",
    ),
    "prune_amount_type": ErrorText(
        TypeError,
        "Invalid type for amount: {amount}. Must be int or float.",
        "amount is a count of entries (an int such as 3) or a fraction of them (a float such as 0.3).",
        "amount 是要剪掉的元素个数（如整数 3）或比例（如浮点数 0.3）。",
    ),
    "prune_amount_range": ErrorText(
        ValueError,
        "amount={amount} should either be a float in the range [0, 1] or a non-negative integer",
        "a float is the fraction pruned (0.3 for 30%), an int the number of entries; neither can be negative.",
        "浮点数表示剪掉的比例（0.3 即 30%），整数表示剪掉的个数；二者都不能为负。",
    ),
    "prune_amount_too_big": ErrorText(
        ValueError,
        "amount={amount} should be smaller than the number of parameters to prune={size}",
        "an int amount counts units (entries, or channels for structured pruning): at most {size} here.",
        "整数 amount 计的是单元个数（元素，结构化剪枝时是通道）：这里最多为 {size}。",
    ),
    "prune_structured_1d": ErrorText(
        ValueError,
        "Structured pruning can only be applied to multidimensional tensors. Found tensor of shape {shape} with "
        "{ndim} dims",
        "a 1-D tensor such as a bias has no channels: prune it with l1_unstructured or random_unstructured.",
        "像 bias 这样的一维张量没有通道：请用 l1_unstructured 或 random_unstructured 剪枝。",
    ),
    "prune_dim_invalid": ErrorText(
        IndexError,
        "Invalid index {dim} for tensor of size {shape}",
        "dim names the dimension whose slices are the channels: it must be less than the tensor's number of dimensions.",
        "dim 指定以哪个维度的切片作为通道：它必须小于张量的维数。",
    ),
    "prune_not_a_tensor": ErrorText(
        TypeError,
        "ones_like(): argument 'input' (position 1) must be Tensor, not {type_name}",
        "the module's {name} is not a tensor (a layer made with bias=False has bias None): prune one it has.",
        "模块的 {name} 不是张量（bias=False 的层其 bias 为 None）：请剪枝它实际拥有的张量。",
    ),
    "prune_k_bool": ErrorText(
        TypeError,
        "{function}(): argument 'k' must be int, not bool",
        "amount=True is not a number of entries: give a count such as 1, or a fraction such as 0.5.",
        "amount=True 不是元素个数：请给出个数（如 1）或比例（如 0.5）。",
    ),
    "prune_custom_mask_shape": ErrorText(
        AssertionError,
        "default_mask shape {got} must match self.mask shape {expected}",
        "the mask has one entry per entry of the tensor being pruned: give it the tensor's shape.",
        "掩码要与被剪枝张量逐元素对应：请让它的形状与张量相同。",
    ),
    # -- small fixes found by the scout of session 11 (branch s11_fix) -------------------------------------
    "affine_grid_dtype": ErrorText(
        ValueError,
        "Expected theta to have floating point type, but got {dtype}",
        "theta holds the affine matrices' entries: make it float, e.g. theta.float().",
        "theta 存放仿射矩阵的元素：请让它是浮点数，例如 theta.float()。",
    ),
    "affine_grid_theta_shape": ErrorText(
        ValueError,
        "Expected a batch of {k}D affine matrices of shape Nx{k}x{k1} for size {size}. Got {shape}.",
        "a 4-d size (N, C, H, W) takes 2x3 matrices, a 5-d size (N, C, D, H, W) 3x4 ones, one per sample.",
        "4 维的 size (N, C, H, W) 需要 2x3 的矩阵，5 维的 size (N, C, D, H, W) 需要 3x4 的矩阵，每个样本一个。",
    ),
    "affine_grid_size": ErrorText(
        NotImplementedError,
        "affine_grid only supports 4D and 5D sizes, for 2D and 3D affine transforms, respectively. Got size {size}.",
        "size is the output image's (N, C, H, W), or (N, C, D, H, W) for volumes: pass x.size().",
        "size 是输出图像的 (N, C, H, W)，体数据则是 (N, C, D, H, W)：请传入 x.size()。",
    ),
    "bmm_batch2_size": ErrorText(
        RuntimeError,
        "Expected size for first two dimensions of batch2 tensor to be: [{batch}, {terms}] but got: [{got_batch}, "
        "{got_terms}].",
        "in A @ B the number of columns of each matrix of A must equal the number of rows of B's.",
        "在 A @ B 中，A 中每个矩阵的列数必须等于 B 中矩阵的行数。",
    ),
    "affine_grid_batch": ErrorText(
        RuntimeError,
        "Expected size for first two dimensions of batch2 tensor to be: [{n}, {k1}] but got: [{got}, {k1}].",
        "theta holds one affine matrix per sample: its first dimension is size[0], the batch size.",
        "theta 为每个样本存放一个仿射矩阵：它的第一维就是 size[0]，即批大小。",
    ),
    "affine_grid_empty": ErrorText(
        ValueError,
        "Expected non-zero, positive output size. Got {size}",
        "every dimension of the output size must be at least 1.",
        "输出尺寸的每一维都必须至少为 1。",
    ),
    "swap_tensors_weakref": ErrorText(
        RuntimeError,
        "Cannot swap {name} because it has weakref associated with it",
        "something still watches this tensor (a weak reference): swap tensors nothing else refers to.",
        "还有东西在关注这个张量（弱引用）：请只交换没有别处引用的张量。",
    ),
    "swap_tensors_slots": ErrorText(
        RuntimeError,
        "Cannot swap t1 and t2 if they have different slots",
        "the two tensors are of classes with different attributes; swap tensors of the same kind.",
        "两个张量的类拥有不同的属性；请交换同一种张量。",
    ),
    "causal_bias_variant": ErrorText(
        AssertionError,
        "variant must be a CausalVariant, got {type_name}",
        "use causal_upper_left(L, S) or causal_lower_right(L, S) from torch.nn.attention.bias.",
        "请用 torch.nn.attention.bias 里的 causal_upper_left(L, S) 或 causal_lower_right(L, S)。",
    ),
    "causal_bias_size": ErrorText(
        AssertionError,
        "{name} only supports 2D tensors",
        "give the two lengths: the queries' L and the keys' S.",
        "请给出两个长度：查询的 L 和键的 S。",
    ),
    "causal_bias_and_is_causal": ErrorText(
        ValueError,
        "CausalBias should not be used with causal=True",
        "the causal bias already is the causal mask: leave is_causal out.",
        "因果偏置本身就是因果掩码：请去掉 is_causal。",
    ),
    "sdpa_no_viable_backend": ErrorText(
        RuntimeError,
        "No viable backend for scaled_dot_product_attention was found. This is likely due to turning off both the "
        "math kernel and the fused kernels.",
        "on the CPU only SDPBackend.MATH and SDPBackend.FLASH_ATTENTION exist: allow one of them in sdpa_kernel.",
        "在 CPU 上只有 SDPBackend.MATH 和 SDPBackend.FLASH_ATTENTION：请在 sdpa_kernel 里允许其中之一。",
    ),
    "sdpa_no_available_kernel": ErrorText(
        RuntimeError,
        "No available kernel.  Aborting execution.",
        "the allowed kernels cannot take these inputs (see the warnings); allow SDPBackend.MATH too.",
        "允许的内核处理不了这些输入（原因见警告）；请把 SDPBackend.MATH 也加进来。",
    ),
    "index_broadcast": ErrorText(
        IndexError,
        "shape mismatch: indexing tensors could not be broadcast together with shapes {shapes}",
        "the index tensors pick elements in pairs (one from each), so they need one shape, or shapes that broadcast.",
        "多个索引张量是成对取元素的（每个里取一个），所以形状必须相同，或者能够广播。",
    ),
    "histogram_bins": ErrorText(
        RuntimeError,
        "torch.histogram(): bins must be > 0, but got {bins} for dimension 0",
        "bins is how many equal bins to count in: 1 or more.",
        "bins 是要分成的等宽区间个数：至少为 1。",
    ),
    "histogram_range": ErrorText(
        RuntimeError,
        "torch.histogramdd: min should not exceed max, but got min {low:g} max {high:g} for dimension 0",
        "range is (min, max), the smaller first.",
        "range 写作 (min, max)，小的在前。",
    ),
    "memory_format_preserve_empty": ErrorText(
        RuntimeError,
        "unsupported memory format Preserve",
        "a new tensor has no layout to preserve: ask for torch.contiguous_format or torch.channels_last.",
        "新张量没有可保持的布局：请指定 torch.contiguous_format 或 torch.channels_last。",
    ),
    "memory_format_rank": ErrorText(
        RuntimeError,
        "required rank {rank} tensor to use {name} format",
        "channels_last lays out (N, C, H, W) image batches, channels_last_3d (N, C, D, H, W) volumes.",
        "channels_last 用于 (N, C, H, W) 的图像批，channels_last_3d 用于 (N, C, D, H, W) 的体数据。",
    ),
    "cat_zero_dim": ErrorText(
        RuntimeError,
        "zero-dimensional tensor (at position {index}) cannot be concatenated",
        "cat joins along an existing dimension, which a single number lacks; use torch.stack, or x.view(1).",
        "cat 沿已有的维度拼接，而单个数没有维度；请用 torch.stack，或 x.view(1)。",
    ),
    "nn_state_dict_not_mapping": ErrorText(
        TypeError,
        "Expected state_dict to be dict-like, got {type_repr}.",
        "load the file first: model.load_state_dict(torch.load(path)).",
        "请先读入文件：model.load_state_dict(torch.load(path))。",
    ),
    "to_invalid_combination": ErrorText(
        TypeError,
        "to() received an invalid combination of arguments - got ({types}), but expected one of:\n"
        " * (torch.device device = None, torch.dtype dtype = None, bool non_blocking = False, bool copy = False, *, "
        "torch.memory_format memory_format = None)\n"
        " * (torch.dtype dtype, bool non_blocking = False, bool copy = False, *, torch.memory_format memory_format "
        "= None)\n"
        " * (Tensor tensor, bool non_blocking = False, bool copy = False, *, torch.memory_format memory_format = None)",
        "to() converts a dtype or a device; to make a tensor require grad, call x.requires_grad_().",
        "to() 只转换数据类型或设备；要让张量需要梯度，请调用 x.requires_grad_()。",
    ),
    "unsigned_kernel": ErrorText(
        NotImplementedError,
        "\"{kernel}\" not implemented for '{type_name}'",
        "PyTorch computes little with uint16, uint32 and uint64 tensors: convert first, as .long() or .float() "
        "(a 16-bit image: img.float() / 65535).",
        "PyTorch 对 uint16、uint32、uint64 张量能做的运算很少：请先转换，如 .long() 或 .float()（16 位图像：img.float() / 65535）。",
    ),
    "nn_global_backward_hook_kinds": ErrorText(
        RuntimeError,
        "Cannot use both regular backward hooks and full backward hooks as a global Module hook. Please use only "
        "one of them.",
        "register_module_full_backward_hook is the one to use; remove the old global backward hook first.",
        "请使用 register_module_full_backward_hook；先去掉旧的全局 backward hook。",
    ),
    "nn_pre_hook_with_kwargs_result": ErrorText(
        RuntimeError,
        "forward pre-hook must return None or a tuple of (new_args, new_kwargs), but got {result}.",
        "a pre-hook registered with with_kwargs=True returns both: return args, kwargs (or nothing).",
        "用 with_kwargs=True 注册的前置钩子要同时返回两者：return args, kwargs（或者不返回）。",
    ),
    "nn_always_call_hook_raised": ErrorText(
        UserWarning,
        "module forward hook with ``always_call=True`` raised an exception that was silenced as another error was "
        "raised in forward: {error}",
        "the error from forward is the one raised; this hook failed while it ran after it.",
        "抛出的是 forward 的错误；这个钩子在其后运行时也出错了。",
    ),
    "nn_global_always_call_hook_raised": ErrorText(
        UserWarning,
        "global module forward hook with ``always_call=True`` raised an exception that was silenced as another "
        "error was raised in forward: {error}",
        "the error from forward is the one raised; this hook failed while it ran after it.",
        "抛出的是 forward 的错误；这个钩子在其后运行时也出错了。",
    ),
    "nn_backward_hook_kinds": ErrorText(
        RuntimeError,
        "Cannot use both regular backward hooks and full backward hooks on a single Module. Please use only one "
        "of them.",
        "register_full_backward_hook is the one to use; remove the old register_backward_hook first.",
        "请使用 register_full_backward_hook；先去掉旧的 register_backward_hook。",
    ),
    # -- s11_dist: torch.distributions (kl_divergence, MultivariateNormal, Independent ...) and
    #    torch.linalg.solve_triangular ----------------------------------------------------------------------
    "linalg_solve_triangular_b_dims": ErrorText(
        RuntimeError,
        "linalg.solve_triangular: The input tensor B must have at least 2 dimensions.",
        "B holds the right-hand sides as columns: make a vector b one with b.unsqueeze(-1).",
        "B 的每一列是一个右端项：向量 b 请先用 b.unsqueeze(-1) 变成一列。",
    ),
    "linalg_solve_triangular_shapes": ErrorText(
        RuntimeError,
        "linalg.solve_triangular: Incompatible shapes of A and B for the equation {equation} = B "
        "({n}x{n} and {rows}x{columns})",
        "the sizes must fit the product: for A @ X = B, B has as many rows as A; for X @ A = B (left=False), "
        "as many columns.",
        "尺寸必须能相乘：A @ X = B 时 B 的行数等于 A 的阶数；X @ A = B（left=False）时 B 的列数等于 A 的阶数。",
    ),
    "kl_not_implemented": ErrorText(
        NotImplementedError,
        "No KL(p || q) is implemented for p type {p} and q type {q}",
        "kl_divergence knows the pairs registered with register_kl (mostly two of one kind, e.g. Normal and "
        "Normal); for another pair, estimate it from samples: (p.log_prob(x) - q.log_prob(x)).mean() with "
        "x = p.sample((n,)).",
        "kl_divergence 只认识用 register_kl 登记过的组合（多为同一种分布，例如 Normal 与 Normal）；其他组合可以用"
        "样本估计：x = p.sample((n,))，再算 (p.log_prob(x) - q.log_prob(x)).mean()。",
    ),
    "kl_expfamily_cross": ErrorText(
        NotImplementedError,
        "The cross KL-divergence between different exponential families cannot                             be "
        "computed using Bregman divergences",
        "kl_divergence has no formula for this pair of distributions; estimate it from samples: "
        "(p.log_prob(x) - q.log_prob(x)).mean() with x = p.sample((n,)).",
        "kl_divergence 没有这对分布的公式；可以用样本估计：x = p.sample((n,))，再算 "
        "(p.log_prob(x) - q.log_prob(x)).mean()。",
    ),
    "kl_independent_ndims": ErrorText(
        NotImplementedError,
        "",
        "both Independent distributions must reinterpret as many batch dimensions "
        "(reinterpreted_batch_ndims) for their KL divergence.",
        "两个 Independent 分布的 reinterpreted_batch_ndims 必须相同，才能计算它们的 KL 散度。",
    ),
    "kl_mvn_event_shapes": ErrorText(
        ValueError,
        "KL-divergence between two Multivariate Normals with                          different event shapes "
        "cannot be computed",
        "both distributions must be over vectors of one length (their event_shape).",
        "两个分布必须是同样长度的向量上的分布（event_shape 相同）。",
    ),
    "distribution_support": ErrorText(
        ValueError,
        "Expected value argument ({type_name} of shape {shape}) to be within the support ({support}) of the "
        "distribution {distribution}, but found invalid values:\n{values}",
        "log_prob was given a value the distribution never takes (e.g. a negative one for Exponential); pass "
        "validate_args=False to the distribution to skip this check.",
        "传给 log_prob 的值不在分布的取值范围内（例如给 Exponential 一个负数）；若要跳过检查，请在创建分布时传入 "
        "validate_args=False。",
    ),
    "distribution_value_not_tensor": ErrorText(
        ValueError,
        "The value argument to log_prob must be a Tensor",
        "wrap the number in a tensor: log_prob(torch.tensor(0.5)).",
        "请把数字包成张量：log_prob(torch.tensor(0.5))。",
    ),
    "distribution_value_event_shape": ErrorText(
        ValueError,
        "The right-most size of value must match event_shape: {shape} vs {event_shape}.",
        "a value's last dimensions are one event: as long as the distribution's event_shape.",
        "value 的最后几个维度是一个事件：长度必须与分布的 event_shape 相同。",
    ),
    "distribution_value_broadcast": ErrorText(
        ValueError,
        "Value is not broadcastable with batch_shape+event_shape: {shape} vs {expected}.",
        "the value's shape must broadcast with the distribution's batch_shape + event_shape.",
        "value 的形状必须能与分布的 batch_shape + event_shape 广播。",
    ),
    "distribution_no_rsample": ErrorText(
        NotImplementedError,
        "",
        "this distribution has no reparameterised sample (has_rsample is False): use sample(), which carries "
        "no gradient, or a score-function estimate with log_prob.",
        "这个分布没有重参数化采样（has_rsample 为 False）：请用不带梯度的 sample()，或用 log_prob 做得分函数估计。",
    ),
    "distribution_not_implemented": ErrorText(
        NotImplementedError,
        "",
        "this distribution has no formula for this (PyTorch has none either): e.g. estimate an entropy from "
        "samples, -d.log_prob(d.sample((n,))).mean().",
        "这个分布没有这一项的公式（PyTorch 也没有）：例如可以用样本估计熵：-d.log_prob(d.sample((n,))).mean()。",
    ),
    "distribution_no_moment": ErrorText(
        NotImplementedError,
        "{kind} does not implement {what}",
        "this distribution has no formula for its {what}; estimate it from samples, e.g. d.sample((n,)).mean(0).",
        "这个分布没有 {what} 的公式；可以用样本估计，例如 d.sample((n,)).mean(0)。",
    ),
    "mixture_not_categorical": ErrorText(
        ValueError,
        " The Mixture distribution needs to be an  instance of torch.distributions.Categorical",
        "the mixture weights are a Categorical over the components, e.g. Categorical(torch.ones(k)).",
        "混合权重是各分量上的 Categorical 分布，例如 Categorical(torch.ones(k))。",
    ),
    "mixture_components_not_distribution": ErrorText(
        ValueError,
        "The Component distribution needs to be an instance of torch.distributions.Distribution",
        "give the k components as one distribution whose last batch dimension has size k, e.g. "
        "Normal(torch.zeros(k), torch.ones(k)).",
        "请把 k 个分量写成一个分布，其最后一个批维度大小为 k，例如 Normal(torch.zeros(k), torch.ones(k))。",
    ),
    "mixture_batch_shapes": ErrorText(
        ValueError,
        "`mixture_distribution.batch_shape` ({mixture}) is not compatible with "
        "`component_distribution.batch_shape`({components})",
        "the weights' batch shape must broadcast with the components' batch shape without its last dimension.",
        "权重的批形状必须能与分量的批形状（去掉最后一维）广播。",
    ),
    "mixture_component_count": ErrorText(
        ValueError,
        "`mixture_distribution component` ({weights}) does not equal `component_distribution.batch_shape[-1]` "
        "({components})",
        "give one weight per component: the Categorical's size must be the components' last batch size.",
        "每个分量对应一个权重：Categorical 的类别数必须等于分量的最后一个批维度大小。",
    ),
    "geometric_probs_positive": ErrorText(
        ValueError,
        "Expected parameter probs (Tensor of shape {shape}) of distribution {distribution} to be positive but found "
        "invalid values:\n{values}",
        "a success that never happens never ends the wait: probs must be above 0.",
        "成功概率为 0 时永远等不到成功：probs 必须大于 0。",
    ),
    "binomial_inhomogeneous": ErrorText(
        NotImplementedError,
        "Inhomogeneous total count not supported by `{what}`.",
        "this needs one total_count for the whole batch; give a single number of trials.",
        "这里整个批次必须是同一个 total_count；请给出一个统一的试验次数。",
    ),
    "kl_binomial_total_count": ErrorText(
        NotImplementedError,
        "KL between Binomials where q.total_count > p.total_count is not implemented",
        "p's total_count must be at least q's for this closed form.",
        "这个闭式解要求 p 的 total_count 不小于 q 的。",
    ),
    "mvn_loc_dims": ErrorText(
        ValueError,
        "loc must be at least one-dimensional.",
        "a multivariate normal's mean is a vector: write torch.zeros(2), not torch.tensor(0.).",
        "多元正态分布的均值是一个向量：请写 torch.zeros(2)，而不是 torch.tensor(0.)。",
    ),
    "mvn_one_matrix": ErrorText(
        ValueError,
        "Exactly one of covariance_matrix or precision_matrix or scale_tril may be specified.",
        "give the spread one way: covariance_matrix=, precision_matrix= (its inverse) or scale_tril= (its "
        "Cholesky factor).",
        "只用一种方式给出协方差：covariance_matrix=、precision_matrix=（其逆）或 scale_tril=（其 Cholesky 因子）。",
    ),
    "mvn_matrix_dims": ErrorText(
        ValueError,
        "{what} must be at least two-dimensional, with optional leading batch dimensions",
        "this argument is an n x n matrix (or a batch of them): e.g. torch.eye(2).",
        "这个参数是 n x n 矩阵（或一批矩阵），例如 torch.eye(2)。",
    ),
    "independent_ndims": ErrorText(
        ValueError,
        "Expected reinterpreted_batch_ndims <= len(base_distribution.batch_shape), actual {ndims} vs {batch}",
        "Independent can make at most the base distribution's batch dimensions part of the event.",
        "Independent 最多只能把基础分布的全部批维度并入事件维度。",
    ),
    "dirichlet_dims": ErrorText(
        ValueError,
        "`concentration` parameter must be at least one-dimensional.",
        "the last dimension lists one concentration per class: give a vector such as torch.tensor([1.0, 2.0]).",
        "最后一个维度给出每个类别的集中度：请给一个向量，例如 torch.tensor([1.0, 2.0])。",
    ),
    "transform_not_bijective": ErrorText(
        NotImplementedError,
        "",
        "this transform has no inverse or log-determinant here.",
        "这个变换在这里没有逆变换或对数行列式。",
    ),
    # -- end of s11_dist ------------------------------------------------------------------------------------
    # -- s12_fn: top-level functions lessons call (torch.conv2d, torch.range, torch.gradient ...) -------------
    "loss_reduction_not_int": ErrorText(
        TypeError,
        "{function}(): argument 'reduction' must be int, not {type_name}",
        "torch.{function} takes the reduction as a number (1 the mean, 2 the sum, 0 none); "
        "torch.nn.functional.{function} takes the words 'mean', 'sum' and 'none'.",
        "torch.{function} 的 reduction 是一个数（1 求平均，2 求和，0 不约简）；"
        "torch.nn.functional.{function} 才接受 'mean'、'sum'、'none' 这些词。",
    ),
    "batch_norm_eval_statistics": ErrorText(
        RuntimeError,
        "{name} must be defined in evaluation mode",
        "outside training (training=False) the running mean and variance normalise the input: pass both, or "
        "training=True to use the batch's own statistics.",
        "不训练时（training=False）用滑动均值和方差来归一化：请把两者都传入，或者设 training=True 使用这一批数据自己的统计量。",
    ),
    "celu_alpha_zero": ErrorText(
        RuntimeError,
        "ZeroDivisionError: alpha cannot be 0 for CELU",
        "CELU divides x by alpha: give a nonzero alpha, such as the default 1.0.",
        "CELU 要用 alpha 去除 x：请给一个不为零的 alpha，例如默认的 1.0。",
    ),
    "rrelu_bounds": ErrorText(
        RuntimeError,
        "Lower bound should be less than or equal to the upper bound",
        "the slopes for negative inputs are drawn between lower and upper: give lower ≤ upper, e.g. 1/8 and 1/3.",
        "负输入的斜率在 lower 和 upper 之间随机抽取：请保证 lower ≤ upper，例如 1/8 和 1/3。",
    ),
    "pdist_dims": ErrorText(
        RuntimeError,
        "pdist only supports 2D tensors, got: {ndim}D",
        "pdist takes one row per point, (N, M): for batches of points use torch.cdist(x, x).",
        "pdist 的输入每行一个点，形状为 (N, M)；成批的点请用 torch.cdist(x, x)。",
    ),
    "pdist_dtype": ErrorText(
        RuntimeError,
        "pdist only supports floating-point dtypes",
        "convert the points to floats first, e.g. x.float().",
        "请先把这些点转换为浮点数，例如 x.float()。",
    ),
    "pdist_negative_p": ErrorText(
        RuntimeError,
        "pdist only supports non-negative p values",
        "p is the norm's order: 0, 1, 2, any positive number or float('inf').",
        "p 是范数的阶：0、1、2、任意正数或 float('inf')。",
    ),
    "chain_matmul_empty": ErrorText(
        RuntimeError,
        "chain_matmul(): Expected one or more matrices",
        "pass the matrices to multiply, as separate arguments: torch.chain_matmul(a, b, c).",
        "请把要相乘的矩阵作为多个参数传入：torch.chain_matmul(a, b, c)。",
    ),
    "chain_matmul_dims": ErrorText(
        RuntimeError,
        "Tensor dimension is {ndim}, expected 2 instead.",
        "chain_matmul multiplies matrices only; torch.linalg.multi_dot also takes a vector first or last.",
        "chain_matmul 只接受矩阵；torch.linalg.multi_dot 还允许第一个或最后一个是向量。",
    ),
    "multi_dot_count": ErrorText(
        RuntimeError,
        "multi_dot(): expected at least 2 tensors but got {count}",
        "multi_dot multiplies a list of two or more tensors: torch.linalg.multi_dot([a, b, c]).",
        "multi_dot 把两个或更多张量组成的列表相乘：torch.linalg.multi_dot([a, b, c])。",
    ),
    "multi_dot_end_dims": ErrorText(
        RuntimeError,
        "multi_dot(): the {which} tensor must be 1D or 2D but got {ndim}D",
        "the first and the last tensor may be a vector or a matrix; for batches of matrices use torch.matmul.",
        "第一个和最后一个张量可以是向量或矩阵；成批的矩阵请用 torch.matmul。",
    ),
    "multi_dot_middle_dims": ErrorText(
        RuntimeError,
        "multi_dot(): tensor {index} must be 2D but got {ndim}D",
        "every tensor between the first and the last must be a matrix.",
        "第一个和最后一个之间的每个张量都必须是矩阵。",
    ),
    "multi_dot_dtypes": ErrorText(
        RuntimeError,
        "multi_dot(): all tensors must have be the same dtype but tensor 0 is {first} and tensor {index} {other}",
        "convert them to one dtype first, e.g. with .float() or .double().",
        "请先把它们转换为同一种类型，例如用 .float() 或 .double()。",
    ),
    "multi_dot_shapes": ErrorText(
        RuntimeError,
        "multi_dot(): tensors {left} and {right} with shapes {left_shape} and {right_shape} cannot be multiplied",
        "each matrix must have as many columns as the next one has rows.",
        "每个矩阵的列数必须等于下一个矩阵的行数。",
    ),
    "matrix_rank_removed": ErrorText(
        RuntimeError,
        "This function was deprecated since version 1.9 and is now removed.\nPlease use the "
        "`torch.linalg.matrix_rank` function instead. The parameter 'symmetric' was renamed in "
        "`torch.linalg.matrix_rank()` to 'hermitian'.",
        "write torch.linalg.matrix_rank(A) (and hermitian=True where you wrote symmetric=True).",
        "请写 torch.linalg.matrix_rank(A)（原来写 symmetric=True 的地方改为 hermitian=True）。",
    ),
    "solve_removed": ErrorText(
        RuntimeError,
        "This function was deprecated since version 1.9 and is now removed. `torch.solve` is deprecated in favor "
        "of `torch.linalg.solve`. `torch.linalg.solve` has its arguments reversed and does not return the LU "
        "factorization.\n\nTo get the LU factorization see `torch.lu`, which can be used with `torch.lu_solve` or "
        "`torch.lu_unpack`.\nX = torch.solve(B, A).solution should be replaced with:\nX = torch.linalg.solve(A, B)",
        "write X = torch.linalg.solve(A, B): the matrix comes first now.",
        "请写 X = torch.linalg.solve(A, B)：现在矩阵在前。",
    ),
    "eig_removed": ErrorText(
        RuntimeError,
        "This function was deprecated since version 1.9 and is now removed. `torch.linalg.eig` returns complex "
        "tensors of dtype `cfloat` or `cdouble` rather than real tensors mimicking complex tensors.\n\n"
        "L, _ = torch.eig(A) should be replaced with:\nL_complex = torch.linalg.eigvals(A)\n\nand\n\n"
        "L, V = torch.eig(A, eigenvectors=True) should be replaced with:\n"
        "L_complex, V_complex = torch.linalg.eig(A)",
        "autograd_lab has no complex tensors: for a symmetric matrix, torch.linalg.eigh(A) gives real "
        "eigenvalues and eigenvectors.",
        "autograd_lab 没有复数张量：对称矩阵可以用 torch.linalg.eigh(A) 得到实特征值和特征向量。",
    ),
    "symeig_removed": ErrorText(
        RuntimeError,
        "This function was deprecated since version 1.9 and is now removed. The default behavior has changed "
        "from using the upper triangular portion of the matrix by default to using the lower triangular "
        "portion.\n\nL, _ = torch.symeig(A, upper=upper) should be replaced with:\n"
        "L = torch.linalg.eigvalsh(A, UPLO='U' if upper else 'L')\n\nand\n\n"
        "L, V = torch.symeig(A, eigenvectors=True) should be replaced with:\n"
        "L, V = torch.linalg.eigh(A, UPLO='U' if upper else 'L')",
        "write torch.linalg.eigvalsh(A) for the eigenvalues, or torch.linalg.eigh(A) for both.",
        "特征值请写 torch.linalg.eigvalsh(A)，两者都要请写 torch.linalg.eigh(A)。",
    ),
    "lstsq_removed": ErrorText(
        RuntimeError,
        "This function was deprecated since version 1.9 and is now removed. `torch.lstsq` is deprecated in favor "
        "of `torch.linalg.lstsq`.\n`torch.linalg.lstsq` has reversed arguments and does not return the QR "
        "decomposition in the returned tuple (although it returns other information about the problem).\n\n"
        "To get the QR decomposition consider using `torch.linalg.qr`.\n\nThe returned solution in "
        "`torch.lstsq` stored the residuals of the solution in the last m - n columns of the returned value "
        "whenever m > n. In torch.linalg.lstsq, the residuals are in the field 'residuals' of the returned "
        "named tuple.\n\nThe unpacking of the solution, as in\nX, _ = torch.lstsq(B, A).solution[:A.size(1)]\n"
        "should be replaced with:\nX = torch.linalg.lstsq(A, B).solution",
        "write X = torch.linalg.lstsq(A, B).solution: the matrix comes first now.",
        "请写 X = torch.linalg.lstsq(A, B).solution：现在矩阵在前。",
    ),
    "combinations_not_1d": ErrorText(
        RuntimeError,
        "Expect a 1D vector, but got shape {shape}",
        "combinations picks elements of one vector: flatten the tensor first, e.g. x.flatten().",
        "combinations 从一个向量里挑元素：请先把张量展平，例如 x.flatten()。",
    ),
    "combinations_negative": ErrorText(
        RuntimeError,
        "Expect a non-negative number, but got {r}",
        "r is how many elements each combination holds: 0 or more.",
        "r 是每个组合包含的元素个数：0 或更多。",
    ),
    "isin_bool": ErrorText(
        RuntimeError,
        "Unsupported input type encountered for isin(): Bool",
        "isin compares numbers; for booleans compare with == or convert with .int() first.",
        "isin 比较的是数；布尔值请直接用 == 比较，或先用 .int() 转换。",
    ),
    "unravel_index_dtype": ErrorText(
        TypeError,
        "expected 'indices' to be integer dtype, but got {dtype}",
        "flat indices count positions, so they are whole numbers: convert with .long().",
        "扁平索引数的是位置，所以是整数：请用 .long() 转换。",
    ),
    "unravel_index_shape_type": ErrorText(
        TypeError,
        "expected 'shape' to be int or sequence of ints, but got {type_name}",
        "give the shape as a number or a tuple of numbers, e.g. (3, 4) or x.shape.",
        "形状请写成一个数或一组数，例如 (3, 4) 或 x.shape。",
    ),
    "unravel_index_shape_item": ErrorText(
        TypeError,
        "expected 'shape' sequence to only contain ints, but got {type_name}",
        "each size in the shape is a whole number: write 3, not 3.0.",
        "形状中的每个大小都是整数：请写 3，不要写 3.0。",
    ),
    "unravel_index_negative": ErrorText(
        ValueError,
        "'shape' cannot have negative values, but got {shape}",
        "a shape lists sizes, so each is 0 or more.",
        "形状列出的是大小，所以每个都是 0 或更大。",
    ),
    "num_interop_threads_positive": ErrorText(
        RuntimeError,
        "set_num_interop_threads expects a positive integer",
        "give the number of threads as a whole number of at least 1.",
        "线程数请给一个不小于 1 的整数。",
    ),
    "num_interop_threads_set": ErrorText(
        RuntimeError,
        "Error: cannot set number of interop threads after parallel work has started or "
        "set_num_interop_threads called",
        "the number can be set once per process, before anything runs in parallel: set it at the top of the "
        "program.",
        "这个数每个进程只能设置一次，而且要在任何并行计算之前：请在程序开头设置。",
    ),
    "window_negative_length": ErrorText(
        RuntimeError,
        "{name} requires non-negative window_length, got window_length={length}",
        "the window's length is how many values it has: 0 or more.",
        "窗口长度是它包含的值的个数：0 或更多。",
    ),
    "window_dtype": ErrorText(
        RuntimeError,
        "{name} expects floating point dtypes, got: TensorOptions(dtype={dtype}, device=cpu, layout=Strided "
        "(default), requires_grad=false (default), pinned_memory=false, memory_format=(nullopt))",
        "a window's values lie between 0 and 1: use dtype=torch.float32 or torch.float64.",
        "窗口的值在 0 到 1 之间：请用 dtype=torch.float32 或 torch.float64。",
    ),
    "asarray_alias_dtype": ErrorText(
        ValueError,
        "can't alias tensor with dtype '{source}' into dtype '{target}'.",
        "copy=False asks for the same memory, which holds another dtype: leave copy out (or copy=True) to convert.",
        "copy=False 要求共享同一块内存，而那块内存存的是另一种类型：去掉 copy（或设 copy=True）才能转换。",
    ),
    "asarray_alias_sequence": ErrorText(
        ValueError,
        "can't alias arbitrary sequence into a tensor.",
        "a list has no memory a tensor could share: leave copy out (or copy=True), or pass a NumPy array.",
        "列表没有张量可以共享的内存：去掉 copy（或设 copy=True），或者传入 NumPy 数组。",
    ),
    "empty_strided_dims": ErrorText(
        RuntimeError,
        "dimensionality of sizes ({sizes}) must match dimensionality of strides ({strides})",
        "give one stride per dimension, e.g. empty_strided((2, 3), (3, 1)).",
        "每个维度给一个步长，例如 empty_strided((2, 3), (3, 1))。",
    ),
    "empty_strided_negative": ErrorText(
        RuntimeError,
        "Storage size calculation overflowed with sizes={sizes} and strides={strides}",
        "strides count elements to skip, so they are 0 or more.",
        "步长是要跳过的元素个数，所以是 0 或更大。",
    ),
    "frombuffer_not_buffer": ErrorText(
        ValueError,
        "object does not implement Python buffer protocol.",
        "frombuffer reads raw bytes (bytes, bytearray, array.array, a NumPy array); for a list use torch.tensor.",
        "frombuffer 读取原始字节（bytes、bytearray、array.array、NumPy 数组）；列表请用 torch.tensor。",
    ),
    "frombuffer_empty": ErrorText(
        ValueError,
        "both buffer length ({length}) and count ({count}) must not be 0",
        "there are no bytes to read: give a non-empty buffer, and a count of at least 1 (or -1 for all).",
        "没有可读的字节：请给一个非空的缓冲区，count 至少为 1（或 -1 表示全部）。",
    ),
    "frombuffer_offset": ErrorText(
        ValueError,
        "offset ({offset} bytes) must be non-negative and no greater than buffer length ({length} bytes) minus 1",
        "offset counts the bytes to skip, so it lies inside the buffer.",
        "offset 是要跳过的字节数，所以它必须落在缓冲区之内。",
    ),
    "frombuffer_multiple": ErrorText(
        ValueError,
        "buffer length ({length} bytes) after offset ({offset} bytes) must be a multiple of element size ({size})",
        "each element takes {size} bytes: give count=, or a dtype whose size divides the bytes left.",
        "每个元素占 {size} 个字节：请给出 count=，或者换一种大小能整除剩余字节数的类型。",
    ),
    "frombuffer_count": ErrorText(
        ValueError,
        "requested buffer length ({count} * {size} bytes) after offset ({offset} bytes) must not be greater "
        "than actual buffer length ({length} bytes)",
        "the buffer holds fewer elements than count asks for: give a smaller count, or -1 for all of them.",
        "缓冲区里的元素比 count 要求的少：请把 count 改小，或用 -1 表示全部。",
    ),
    "gradient_uint8": ErrorText(
        RuntimeError,
        "torch.gradient does not support uint8 input.",
        "differences of uint8 values wrap around below 0: convert first, e.g. x.float().",
        "uint8 的差值小于 0 时会回绕：请先转换，例如 x.float()。",
    ),
    "gradient_edge_order": ErrorText(
        RuntimeError,
        "torch.gradient only supports edge_order=1 and edge_order=2.",
        "edge_order says how accurate the estimate at the two ends is: 1 or 2.",
        "edge_order 表示两端估计的精度：1 或 2。",
    ),
    "gradient_size": ErrorText(
        RuntimeError,
        "torch.gradient expected each dimension size to be at least edge_order+1",
        "a difference needs at least edge_order + 1 values along each dimension it is taken on.",
        "求差分时，每个参与的维度至少要有 edge_order + 1 个值。",
    ),
    "gradient_spacing_length": ErrorText(
        RuntimeError,
        "torch.gradient expected spacing to be unspecified, a scalar, or a list of length equal to "
        "'self.dim() = {ndim}', since dim argument was not given, but got a list of length {length}",
        "give one spacing per dimension, or one number for all of them, or say which dimensions with dim=.",
        "请为每个维度给一个间距，或者给一个数用于所有维度，或者用 dim= 指明是哪些维度。",
    ),
    "gradient_spacing_dims": ErrorText(
        RuntimeError,
        "torch.gradient expected spacing to be unspecified, a scalar or it's spacing and dim arguments to have "
        "the same length, but got a spacing argument of length {length} and a dim argument of length {dims}.",
        "give one spacing for each dimension listed in dim, or one number for all of them.",
        "请为 dim 中列出的每个维度给一个间距，或者给一个数用于所有维度。",
    ),
    "gradient_repeated_dim": ErrorText(
        RuntimeError,
        "dim {dim} appears multiple times in the list of dims",
        "name each dimension once: its derivative comes once in the result.",
        "每个维度只写一次：它的导数在结果中只出现一次。",
    ),
    "gradient_coordinates_dims": ErrorText(
        RuntimeError,
        "torch.gradient expected each element of spacing to have one dimension, but got an element with {ndim} "
        "dimensions!",
        "each tensor in spacing lists the coordinates along one dimension: a vector.",
        "spacing 中的每个张量列出的是某一个维度上的坐标：应当是一个向量。",
    ),
    # 3-d windows: torch.conv3d, torch.conv_transpose3d, torch.max_pool3d
    "conv3d_argument_length": ErrorText(
        RuntimeError,
        "expected {name} to be a single integer value or a list of 3 values to match the convolution dimensions, "
        "but got {name}={got}",
        "a volume has three sides (depth, height, width): give one number for all, or three.",
        "体数据有三条边（深、高、宽）：请给一个数用于全部三条，或者给三个数。",
    ),
    "conv3d_input_dims": ErrorText(
        RuntimeError,
        "Expected 4D (unbatched) or 5D (batched) input to {name}, but got input of size: {shape}",
        "a 3-d convolution takes volumes (N, C, D, H, W), or one volume (C, D, H, W).",
        "三维卷积的输入是体数据 (N, C, D, H, W)，或者单个体数据 (C, D, H, W)。",
    ),
    "conv3d_dtypes": ErrorText(
        RuntimeError,
        "expected scalar type {expected} but found {found}",
        "the input and the weights must have one dtype: convert one, e.g. x.float().",
        "输入和权重的数据类型必须相同：请转换其中之一，例如 x.float()。",
    ),
    "conv3d_groups": ErrorText(
        RuntimeError,
        "non-positive groups is not supported",
        "groups splits the channels into that many groups: 1 or more.",
        "groups 把通道分成这么多组：至少为 1。",
    ),
    "conv3d_bias": ErrorText(
        RuntimeError,
        "Given weight of size {weight}, expected bias to be 1-dimensional with {count} elements, but got bias "
        "of size {bias} instead",
        "the bias holds one number per output channel.",
        "偏置为每个输出通道保存一个数。",
    ),
    "conv3d_kernel_too_big": ErrorText(
        RuntimeError,
        "Calculated padded input size per channel: ({padded}). Kernel size: ({kernel}). Kernel size can't be "
        "greater than actual input size",
        "the kernel must fit inside the padded volume: use a smaller kernel or more padding.",
        "卷积核必须能放进填充后的体数据：请用更小的卷积核或更多的填充。",
    ),
    "conv_transpose3d_output_padding": ErrorText(
        RuntimeError,
        "output padding must be smaller than either stride or dilation, but got output_padding_depth: "
        "{extras[0]} output_padding_height: {extras[1]} output_padding_width: {extras[2]} stride_depth: "
        "{steps[0]} stride_height: {steps[1]} stride_width: {steps[2]} dilation_depth: {spreads[0]} "
        "dilation_height: {spreads[1]} dilation_width: {spreads[2]}",
        "output_padding only adds the last positions a stride skipped: keep it below the stride.",
        "output_padding 只补上步长跳过的最后几个位置：请让它小于步长。",
    ),
    "conv_transpose3d_empty": ErrorText(
        RuntimeError,
        "Given input size per channel: ({size}). Calculated output size per channel: ({out}). Output size is too "
        "small",
        "the padding takes more than the output has: use less padding.",
        "填充去掉的比输出本身还多：请减少填充。",
    ),
    "pool3d_argument": ErrorText(
        RuntimeError,
        "{function}: {name} {words}",
        "a volume has three sides: give one number for all, or three.",
        "体数据有三条边：请给一个数用于全部三条，或者给三个数。",
    ),
    "max_pool3d_input_dims": ErrorText(
        RuntimeError,
        "non-empty 4D or 5D (batch mode) tensor expected for input",
        "3-d pooling takes volumes (N, C, D, H, W), or one volume (C, D, H, W).",
        "三维池化的输入是体数据 (N, C, D, H, W)，或者单个体数据 (C, D, H, W)。",
    ),
    "avg_pool3d_divisor": ErrorText(
        RuntimeError,
        "divisor must be not zero",
        "divisor_override replaces each window's size as the divisor: give a nonzero number, or None.",
        "divisor_override 代替窗口大小作除数：请给一个非零的数，或者 None。",
    ),
    "avg_pool3d_empty": ErrorText(
        RuntimeError,
        "avg_pool3d(): Expected input's non-batch dimensions to have positive length, but input has a shape of "
        "{shape} and non-batch dimension 0 has length zero!",
        "there is nothing to average: each of C, D, H and W must be at least 1.",
        "没有可以求平均的元素：C、D、H、W 每一维都至少要为 1。",
    ),
    "adaptive_avg_pool3d_size": ErrorText(
        RuntimeError,
        "adaptive_avg_pool3d: output_size must be 3",
        "give one size for all three sides of the volume, or three (None keeps a side).",
        "请给一个大小用于体数据的全部三条边，或者给三个（None 保留该边）。",
    ),
    "adaptive_max_pool3d_size": ErrorText(
        RuntimeError,
        "adaptive_max_pool3d(): internal error: output_size.size() must be 3",
        "give one size for all three sides of the volume, or three (None keeps a side).",
        "请给一个大小用于体数据的全部三条边，或者给三个（None 保留该边）。",
    ),
    "adaptive_avg_pool3d_negative": ErrorText(
        RuntimeError,
        "adaptive_avg_pool3d: elements of output_size must be greater than or equal to 0 but received {{{depth}, {height},{width}}}",
        "each output size counts windows along a side: 0 or more.",
        "每个输出大小是沿一条边的窗口个数：0 或更多。",
    ),
    "adaptive_pool3d_dtype": ErrorText(
        NotImplementedError,
        "\"{kernel}\" not implemented for '{dtype_name}'",
        "adaptive 3-d pooling takes float tensors: convert first with .float().",
        "三维自适应池化只接受浮点张量：请先用 .float() 转换。",
    ),
    "adaptive_avg_pool3d_dims": ErrorText(
        RuntimeError,
        "adaptive_avg_pool3d(): Expected 4D or 5D tensor, but got {shape}",
        "adaptive 3-d pooling takes volumes (N, C, D, H, W), or one volume (C, D, H, W).",
        "三维自适应池化的输入是体数据 (N, C, D, H, W)，或者单个体数据 (C, D, H, W)。",
    ),
    "adaptive_max_pool3d_dims": ErrorText(
        RuntimeError,
        "adaptive_max_pool3d(): Expected 4D or 5D tensor, but got: {shape}",
        "adaptive 3-d pooling takes volumes (N, C, D, H, W), or one volume (C, D, H, W).",
        "三维自适应池化的输入是体数据 (N, C, D, H, W)，或者单个体数据 (C, D, H, W)。",
    ),
    "pool3d_zero_kernel": ErrorText(
        RuntimeError,
        "kernel size should be greater than zero, but got kT: {kernel[0]} kH: {kernel[1]} kW: {kernel[2]}",
        "the window must cover at least one element in each direction, e.g. kernel_size=2.",
        "窗口在每个方向上至少要覆盖一个元素，例如 kernel_size=2。",
    ),
    "avg_pool3d_kernel_too_big": ErrorText(
        RuntimeError,
        "input image (T: {size[0]} H: {size[1]} W: {size[2]}) smaller than kernel size "
        "(kT: {kernel[0]} kH: {kernel[1]} kW: {kernel[2]})",
        "average pooling needs each side of the volume (before padding) at least as long as the window.",
        "平均池化要求体数据每条边（填充之前）至少和窗口一样长。",
    ),
    "max_pool3d_output_small": ErrorText(
        RuntimeError,
        "Given input size: ({size}). Calculated output size: ({out}). Output size is too small",
        "the window is larger than the padded volume: use a smaller window or more padding.",
        "窗口比填充后的体数据还大：请用更小的窗口或更多的填充。",
    ),
    # -- end of s12_fn --------------------------------------------------------------------------------------
    # -- s13_fn: max unpooling of volumes, fractional max pooling ----------------------------------------------
    "max_unpool3d_indices_dtype": ErrorText(
        RuntimeError,
        "elements in indices should be type int64",
        "pass the indices max pooling returned (return_indices=True), or convert them with .long().",
        "请传入最大池化返回的索引（return_indices=True），或用 .long() 转换。",
    ),
    "max_unpool3d_dims": ErrorText(
        RuntimeError,
        "Input to max_unpooling3d should be a 4d or 5d Tensor, but got a tensor with {ndim} dimensions.",
        "unpooling takes what max pooling gave: (channels, D, H, W) or (batch, channels, D, H, W).",
        "反池化的输入就是最大池化的输出：(通道, D, H, W) 或 (批, 通道, D, H, W)。",
    ),
    "max_unpool3d_argument_length": ErrorText(
        RuntimeError,
        "There should be exactly three elements (depth, height, width) in {name}, but got{colon} {count} elements.",
        "a volume has three sides: give kernel_size, stride and padding as one number or three.",
        "体数据有三条边：kernel_size、stride 和 padding 请给一个数或三个数。",
    ),
    "max_unpool3d_empty": ErrorText(
        RuntimeError,
        "max_unpooling3d_forward_out_cpu(): Expected input to have non-zero size for non-batch dimensions, but "
        "got {shape} with dimension {dim} being empty.",
        "only the batch may be empty: every other dimension needs at least one element.",
        "只有批这一维可以为空：其他每一维都至少要有一个元素。",
    ),
    "max_unpool3d_stride": ErrorText(
        RuntimeError,
        "strides should be greater than zero, but got stride: {stride}",
        "give the stride the max pooling used (it defaults to kernel_size), each side at least 1.",
        "请给出最大池化用的 stride（默认等于 kernel_size），每条边至少为 1。",
    ),
    "max_unpool3d_index": ErrorText(
        RuntimeError,
        "Found an invalid max index: {index} (output volumes are of size {depth}x{height}x{width})",
        "an index points into the output volume, so it lies between 0 and depth·height·width − 1: check "
        "kernel_size, stride, padding and output_size against the pooling's.",
        "索引指向输出体数据，必须在 0 到 深·高·宽 − 1 之间：请对照池化时的 kernel_size、stride、padding 和 "
        "output_size。",
    ),
    "fractional_max_pool_size_or_ratio": ErrorText(
        ValueError,
        "{name} requires specifying either an output_size or an output_ratio",
        "say how large the output is: output_size=(h, w), or output_ratio=0.5 for half of each side.",
        "请说明输出多大：output_size=(h, w)，或 output_ratio=0.5 表示每条边的一半。",
    ),
    "fractional_max_pool2d_ratio_length": ErrorText(
        ValueError,
        "fractional_max_pool2d requires output_ratio to either be a single Int or tuple of Ints.",
        "an image has two sides: give output_ratio as a pair, e.g. (0.5, 0.5).",
        "图像有两条边：output_ratio 请给一对数，例如 (0.5, 0.5)。",
    ),
    "fractional_max_pool_argument_length": ErrorText(
        RuntimeError,
        "{function}: {name} must either be a single Int or tuple of {what}",
        "give one number for every side, or a tuple with one number per side.",
        "请给一个数（每条边都用它），或每条边一个数的元组。",
    ),
    "fractional_max_pool_dims": ErrorText(
        RuntimeError,
        "{function}: Expected {low}D or {high}D tensor, but got: {shape}",
        "fractional max pooling takes (channels, ...) or (batch, channels, ...) with one axis per side.",
        "分数最大池化的输入是 (通道, ...) 或 (批, 通道, ...)，每条边一个轴。",
    ),
    "fractional_max_pool_empty": ErrorText(
        RuntimeError,
        "{function}: Expected input to have non-zero size for non-batch dimensions, but got{shape} with "
        "dimension {dim} being empty.",
        "only the batch may be empty: every other dimension needs at least one element.",
        "只有批这一维可以为空：其他每一维都至少要有一个元素。",
    ),
    "fractional_max_pool_too_large": ErrorText(
        RuntimeError,
        "{function}: pool {side} {kernel} too large relative to input {side} {size}",
        "the windows must fit: output size + kernel size − 1 may not pass the input's size on any side.",
        "窗口必须放得下：任一条边上，输出尺寸 + 窗口尺寸 − 1 都不能超过输入尺寸。",
    ),
    "fractional_samples_dims": ErrorText(
        RuntimeError,
        "Expect _random_samples to have 3 dimensions, got {ndim}",
        "_random_samples holds one number in [0, 1) per sample, channel and side: shape (N, C, sides).",
        "_random_samples 对每个样本、通道和边各有一个 [0, 1) 内的数：形状为 (N, C, 边数)。",
    ),
    "fractional_samples_dtype": ErrorText(
        RuntimeError,
        "Expect _random_samples to have the same dtype as input",
        "make the samples in the input's dtype, e.g. torch.rand(N, C, 2, dtype=input.dtype).",
        "请用输入的 dtype 生成样本，例如 torch.rand(N, C, 2, dtype=input.dtype)。",
    ),
    "fractional_samples_sides": ErrorText(
        RuntimeError,
        "Expect _random_samples.size(2) equals to {sides}; got {got}.",
        "the last dimension holds one sample per side: 2 for images, 3 for volumes.",
        "最后一维每条边一个样本：图像为 2，体数据为 3。",
    ),
    "fractional_samples_channels": ErrorText(
        RuntimeError,
        "Expect _random_samples.size(1) equals to input channel size.",
        "give one row of samples per channel of the input.",
        "请为输入的每个通道给一行样本。",
    ),
    "fractional_samples_batch": ErrorText(
        RuntimeError,
        "Expect _random_samples.size(0) no less then input batch size.",
        "give samples for every sample of the batch (N rows at least).",
        "请为批中的每个样本都给出随机数（至少 N 行）。",
    ),
    "fractional_max_pool_module_size": ErrorText(
        ValueError,
        "{name} requires specifying either an output size, or a pooling ratio",
        "say how large the output is: output_size=(h, w), or output_ratio=0.5 for half of each side.",
        "请说明输出多大：output_size=(h, w)，或 output_ratio=0.5 表示每条边的一半。",
    ),
    "fractional_max_pool_module_both": ErrorText(
        ValueError,
        "only one of output_size and output_ratio may be specified",
        "give output_size or output_ratio, not both.",
        "output_size 和 output_ratio 只能给一个。",
    ),
    "fractional_max_pool_module_ratio": ErrorText(
        ValueError,
        "output_ratio must be between 0 and 1 (got {ratio})",
        "the ratio is the output's share of each side, strictly between 0 and 1, e.g. 0.5.",
        "比例是输出占每条边的份额，必须严格在 0 和 1 之间，例如 0.5。",
    ),
    "fractional_max_pool_module_kernel": ErrorText(
        ValueError,
        "kernel_size must be greater than 0, but got {kernel}",
        "each side of the window needs at least one element, e.g. kernel_size=2.",
        "窗口的每条边至少要有一个元素，例如 kernel_size=2。",
    ),
    "fractional_max_pool2d_ratio_type": ErrorText(
        TypeError,
        "object of type '{type_name}' has no len()",
        "F.fractional_max_pool2d takes output_ratio as a pair, e.g. (0.5, 0.5) (nn.FractionalMaxPool2d takes 0.5).",
        "F.fractional_max_pool2d 的 output_ratio 要给一对数，例如 (0.5, 0.5)（nn.FractionalMaxPool2d 可以给 0.5）。",
    ),
    "max_unpool_short_argument": ErrorText(
        IndexError,
        "tuple index out of range",
        "stride and padding need one number per side of the window, as many as kernel_size has.",
        "stride 和 padding 要为窗口的每条边各给一个数，与 kernel_size 的个数相同。",
    ),
    # -- end of s13_fn --------------------------------------------------------------------------------------
}

# PyTorch's sentence when a view may not be changed in place (its handle_view_on_rebase) is put
# together from these pieces, as PyTorch does.
VIEW_REBASE = {
    "modified_direct": "is being",
    "modified_indirect": "its base or another view of its base has been",
    "view_of_view": "Output {output_nr} of {node} is a view of a view which was created in",
    "view": "A view was created in",
    "no_grad": "{prefix} no_grad mode and {modified} modified inplace with grad mode enabled.",
    "plain": "Output {output_nr} of {node} is a view and {modified} modified inplace.",
    "multi_output_rule": " This view is the output of a function that returns multiple views. Such functions do not "
    "allow the output views to be modified inplace. You should replace the inplace operation by an out-of-place "
    "one.",
    "custom_function_rule": " This view was created inside a custom Function (or because an input was returned as-is) "
    "and the autograd logic to handle view+inplace would override the custom backward associated with the custom "
    "Function, leading to incorrect gradients. This behavior is forbidden. You can fix this by cloning the output of "
    "the custom Function.",
    "no_grad_rule": " Given that this use case is ambiguous and error-prone, it is forbidden. You can clarify your "
    "code by moving both the view and the inplace either both inside the no_grad block (if you don't want the "
    "inplace to be tracked) or both outside (if you want the inplace to be tracked).",
}

_OLD_BACKWARD_HOOK = (
    "the old hook sees the last operation's gradients (a layer's weight's too); register_full_backward_hook "
    "gives the module's own.",
    "旧的钩子看到的是最后一个运算的梯度（层的权重的梯度也在内）；register_full_backward_hook 给出的才是模块自己的。",
)

WARNINGS: dict[str, ErrorText] = {
    "lu_deprecated": ErrorText(
        UserWarning,
        "torch.lu is deprecated in favor of torch.linalg.lu_factor / torch.linalg.lu_factor_ex and will be removed "
        "in a future PyTorch release.\nLU, pivots = torch.lu(A, compute_pivots)\nshould be replaced with\n"
        "LU, pivots = torch.linalg.lu_factor(A, compute_pivots)\nand\n"
        "LU, pivots, info = torch.lu(A, compute_pivots, get_infos=True)\nshould be replaced with\n"
        "LU, pivots, info = torch.linalg.lu_factor_ex(A, compute_pivots)",
        "write torch.linalg.lu_factor(A) in new code.",
        "新代码请写 torch.linalg.lu_factor(A)。",
    ),
    "lu_solve_deprecated": ErrorText(
        UserWarning,
        "torch.lu_solve is deprecated in favor of torch.linalg.lu_solveand will be removed in a future PyTorch "
        "release.\nNote that torch.linalg.lu_solve has its arguments reversed.\nX = torch.lu_solve(B, LU, pivots)\n"
        "should be replaced with\nX = torch.linalg.lu_solve(LU, pivots, B)",
        "write torch.linalg.lu_solve(LU, pivots, B) in new code: B comes last there.",
        "新代码请写 torch.linalg.lu_solve(LU, pivots, B)：那里 B 放在最后。",
    ),
    "cholesky_deprecated": ErrorText(
        UserWarning,
        "torch.cholesky is deprecated in favor of torch.linalg.cholesky and will be removed in a future PyTorch "
        "release.\nL = torch.cholesky(A)\nshould be replaced with\nL = torch.linalg.cholesky(A)\nand\n"
        "U = torch.cholesky(A, upper=True)\nshould be replaced with\nU = torch.linalg.cholesky(A).mH\n"
        "This transform will produce equivalent results for all valid (symmetric positive definite) inputs.",
        "write torch.linalg.cholesky(A) in new code.",
        "新代码请写 torch.linalg.cholesky(A)。",
    ),
    "qr_deprecated": ErrorText(
        UserWarning,
        "torch.qr is deprecated in favor of torch.linalg.qr and will be removed in a future PyTorch release.\n"
        "The boolean parameter 'some' has been replaced with a string parameter 'mode'.\nQ, R = torch.qr(A, some)\n"
        "should be replaced with\nQ, R = torch.linalg.qr(A, 'reduced' if some else 'complete')",
        "write torch.linalg.qr(A) in new code.",
        "新代码请写 torch.linalg.qr(A)。",
    ),
    "triangular_solve_deprecated": ErrorText(
        UserWarning,
        "torch.triangular_solve is deprecated in favor of torch.linalg.solve_triangularand will be removed in a "
        "future PyTorch release.\ntorch.linalg.solve_triangular has its arguments reversed and does not return a "
        "copy of one of the inputs.\nX = torch.triangular_solve(B, A).solution\nshould be replaced with\n"
        "X = torch.linalg.solve_triangular(A, B).",
        "write torch.linalg.solve_triangular(A, B) in new code.",
        "新代码请写 torch.linalg.solve_triangular(A, B)。",
    ),
    "matrix_attribute_0d": ErrorText(
        UserWarning,
        "Tensor.{name} is deprecated on 0-D tensors. This function is the identity in these cases.",
        "a single number has no matrix to transpose; the tensor comes back as it is.",
        "单个数没有矩阵可转置；张量原样返回。",
    ),
    "transpose_0d": ErrorText(  # (PyTorch warns once for .T, and once for .mT and .mH)
        UserWarning,
        "Tensor.T is deprecated on 0-D tensors. This function is the identity in these cases.",
        "a single number has no dimensions to reverse; the tensor comes back as it is.",
        "单个数没有可反转的维度；张量原样返回。",
    ),
    # -- s11_dist: torch.distributions' warnings ------------------------------------------------------------
    "distribution_no_arg_constraints": ErrorText(
        UserWarning,
        "{kind} does not define `arg_constraints`. Please set `arg_constraints = {{}}` or initialize the "
        "distribution with `validate_args=False` to turn off validation.",
        "a Distribution subclass lists its parameters' constraints in a class attribute arg_constraints.",
        "Distribution 的子类应在类属性 arg_constraints 中列出各参数的约束。",
    ),
    "distribution_no_support": ErrorText(
        UserWarning,
        "{kind} does not define `support` to enable sample validation. Please initialize the distribution with "
        "`validate_args=False` to turn off validation.",
        "a Distribution subclass names the set its values lie in as support (e.g. constraints.real).",
        "Distribution 的子类应以 support 给出取值范围（例如 constraints.real）。",
    ),
    # -- attention ----------------------------------------------------------------------------------
    "mha_mismatched_masks": ErrorText(
        UserWarning,
        "Support for mismatched {mask_name} and {other_name} is deprecated. Use same type for both instead.",
        "make both masks boolean (True: leave out), or both float.",
        "请让两个掩码类型一致：都用布尔型（True 表示屏蔽），或者都用浮点型。",
    ),
    "transformer_nested_tensor": ErrorText(
        UserWarning,
        "enable_nested_tensor is True, but self.use_nested_tensor is False because {reason}",
        "this only concerns a speed-up PyTorch uses for inference; pass enable_nested_tensor=False to silence it.",
        "这只关系到 PyTorch 推理时的一项加速；传入 enable_nested_tensor=False 即可不再提示。",
    ),
    "index_put_on_expanded": ErrorText(
        UserWarning,
        "Use of index_put_ on expanded tensors is deprecated. Please clone() the tensor before performing this "
        "operation. This also applies to advanced indexing e.g. tensor[indices] = tensor",
        "this tensor was made by expand(), so its elements share memory: write into a .clone() instead.",
        "这个张量由 expand() 得到，元素共用内存：请写入它的 .clone()。",
    ),
    "fill_on_expanded": ErrorText(
        UserWarning,
        "Use of {name} on expanded tensors is deprecated. Please clone() the tensor before performing this "
        "operation. This also applies to advanced indexing e.g. tensor[mask] = scalar",
        "this tensor was made by expand(), so its elements share memory: write into a .clone() instead.",
        "这个张量由 expand() 得到，元素共用内存：请写入它的 .clone()。",
    ),
    "volatile_removed": ErrorText(
        UserWarning,
        "volatile was removed and now has no effect. Use `with torch.no_grad():` instead.",
        "code that only evaluates goes in a `with torch.no_grad():` block, which records nothing.",
        "只做计算、不求梯度的代码请放进 `with torch.no_grad():` 块里，它不记录任何运算。",
    ),
    "volatile_always_false": ErrorText(
        UserWarning,
        "volatile was removed (Variable.volatile is always False)",
        "to compute without recording, use a `with torch.no_grad():` block; x.requires_grad says whether x records.",
        "要计算而不记录，请用 `with torch.no_grad():` 块；x.requires_grad 表示 x 是否记录运算。",
    ),
    "backward_create_graph_cycle": ErrorText(  # (PyTorch's engine warns once, from backward() only)
        UserWarning,
        "Using backward() with create_graph=True will create a reference cycle between the parameter and its "
        "gradient which can cause a memory leak. We recommend using autograd.grad when creating the graph to "
        "avoid this. If you have to use this function, make sure to reset the .grad fields of your parameters "
        "to None after use to break the cycle and avoid the leak.",
        "each .grad now keeps a graph that leads back to its own tensor; torch.autograd.grad(y, x, "
        "create_graph=True) returns the gradient without storing it, or set x.grad = None when you are done.",
        "每个 .grad 现在都保存着一张通回它自己张量的图；torch.autograd.grad(y, x, create_graph=True) "
        "只返回梯度而不存下它，或者用完后写 x.grad = None。",
    ),
    "non_leaf_grad": ErrorText(
        UserWarning,
        "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad attribute "
        "won't be populated during autograd.backward(). If you indeed want the .grad field to be populated "
        "for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. If you access the non-leaf Tensor "
        "by mistake, make sure you access the leaf Tensor instead. See github.com/pytorch/pytorch/pull/30531 for "
        "more information.",
        "backward() stores gradients only in the tensors you created with requires_grad=True; call "
        ".retain_grad() before backward() to keep this one.",
        "backward() 只把梯度存进你用 requires_grad=True 创建的张量；如果想保留这个张量的梯度，请在 backward() "
        "之前调用 .retain_grad()。",
    ),
    # -- torch.utils.checkpoint (activation checkpointing) -------------------------------------------------
    "checkpoint_use_reentrant_missing": ErrorText(
        UserWarning,
        "torch.utils.checkpoint: the use_reentrant parameter should be passed explicitly. Starting in PyTorch "
        "2.9, calling checkpoint without use_reentrant will raise an exception. use_reentrant=False is "
        "recommended, but if you need to preserve the current default behavior, you can pass "
        "use_reentrant=True. Refer to docs for more details on the differences between the two variants.",
        "say which of the two checkpoints you mean: use_reentrant=False (hooks on saved tensors, the one "
        "PyTorch advises) or use_reentrant=True (a custom Function; what leaving it out gives).",
        "请说明用哪一种 checkpoint：use_reentrant=False（基于保存张量的钩子，PyTorch 推荐）或 "
        "use_reentrant=True（一个自定义 Function；不写时就是它）。",
    ),
    "checkpoint_sequential_use_reentrant_missing": ErrorText(
        UserWarning,
        "torch.utils.checkpoint.checkpoint_sequential: the use_reentrant parameter should be passed "
        "explicitly. In version 2.9 we will raise an exception if use_reentrant is not passed. "
        "use_reentrant=False is recommended, but if you need to preserve the current default behavior, you "
        "can pass use_reentrant=True. Refer to docs for more details on the differences between the two "
        "variants.",
        "say which of the two checkpoints you mean: use_reentrant=False (hooks on saved tensors, the one "
        "PyTorch advises) or use_reentrant=True (a custom Function; what leaving it out gives).",
        "请说明用哪一种 checkpoint：use_reentrant=False（基于保存张量的钩子，PyTorch 推荐）或 "
        "use_reentrant=True（一个自定义 Function；不写时就是它）。",
    ),
    "checkpoint_no_input_requires_grad": ErrorText(
        UserWarning,
        "None of the inputs have requires_grad=True. Gradients will be None",
        "the reentrant checkpoint records a node only if an input requires grad, so the parameters inside "
        "get no gradient; give the input requires_grad=True or use use_reentrant=False.",
        "可重入的 checkpoint 只有在某个输入需要梯度时才记录节点，所以函数里的参数得不到梯度；"
        "请让输入 requires_grad=True，或者改用 use_reentrant=False。",
    ),
    # -- nn ---------------------------------------------------------------------------------------------
    "gumbel_softmax_eps": ErrorText(
        UserWarning,
        "`eps` parameter is deprecated and has no effect.",
        "leave eps out: gumbel_softmax draws its noise without it.",
        "不要传 eps：gumbel_softmax 抽取噪声时用不到它。",
    ),
    "nn_softmax_implicit_dim": ErrorText(
        UserWarning,
        "Implicit dimension choice for {name} has been deprecated. Change the call to include dim=X as an "
        "argument.",
        "say along which dimension the values should sum to 1, e.g. dim=1 for one row per example.",
        "请指定沿哪一维归一化，例如每行一个样本时用 dim=1。",
    ),
    "nn_target_size_broadcast": ErrorText(
        UserWarning,
        "Using a target size (torch.Size({target})) that is different to the input size (torch.Size({input})). "
        "This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.",
        "the loss compares every prediction with every target after broadcasting; reshape one of them (e.g. "
        "target.view(-1, 1)) so both have the same shape.",
        "广播后损失会把每个预测和每个目标都比较一遍；请调整其中一个的形状（例如 target.view(-1, 1)），使两者形状相同。",
    ),
    "nn_elementwise_mean": ErrorText(
        UserWarning,
        "reduction='elementwise_mean' is deprecated. Please use reduction='mean' instead.",
        "'elementwise_mean' is the old name of 'mean': the loss is the same.",
        "'elementwise_mean' 是 'mean' 的旧名字：损失完全相同。",
    ),
    "nn_nllloss2d_deprecated": ErrorText(
        FutureWarning,
        "`NLLLoss2d` has been deprecated. Please use `NLLLoss` instead as a drop-in replacement and see "
        "https://pytorch.org/docs/main/nn.html#torch.nn.NLLLoss for more details.",
        "nn.NLLLoss takes images (N, C, H, W) with labels (N, H, W) too.",
        "nn.NLLLoss 同样接受图像 (N, C, H, W) 和标签 (N, H, W)。",
    ),
    "nn_container_deprecated": ErrorText(
        FutureWarning,
        "`nn.Container` is deprecated. All of its functionality is now implemented in `nn.Module`. "
        "Subclass that instead.",
        "write class MyModel(nn.Module) and assign the layers in __init__.",
        "请写 class MyModel(nn.Module)，并在 __init__ 中给各层赋值。",
    ),
    "nn_legacy_reduction": ErrorText(
        UserWarning,
        "size_average and reduce args will be deprecated, please use reduction='{reduction}' instead.",
        "reduction='mean', 'sum' or 'none' says the same in one argument.",
        "reduction='mean'、'sum' 或 'none' 用一个参数表达同样的意思。",
    ),
    "grad_only_inputs": ErrorText(
        FutureWarning,
        "only_inputs argument is deprecated and is ignored now (defaults to True). To accumulate gradient for other "
        "parts of the graph, please use torch.autograd.backward.",
        "torch.autograd.grad returns gradients for the inputs given, and only those.",
        "torch.autograd.grad 只返回所给输入的梯度。",
    ),
    "anomaly_enabled": ErrorText(
        UserWarning,
        "Anomaly Detection has been enabled. This mode will increase the runtime and should only be enabled for "
        "debugging.",
        "every operation now remembers where it was called, and backward() checks each gradient for NaN.",
        "现在每个运算都会记住调用位置，backward() 也会检查每个梯度是否为 NaN。",
    ),
    "anomaly_forward_call": ErrorText(
        UserWarning,
        "Error detected in {name}. Traceback of forward call that caused the error:\n{stack}",
        "the lines above made the node whose backward step failed.",
        "上面这几行代码生成了反向计算出错的那个节点。",
    ),
    "anomaly_no_forward_call": ErrorText(
        UserWarning,
        "Error detected in {name}. No forward pass information available. Enable detect anomaly during forward "
        "pass for more information.",
        "the node was made before anomaly mode was on, so where it was made is not known.",
        "这个节点是在开启异常检测之前生成的，所以不知道它在哪里生成。",
    ),
    "init_deprecated": ErrorText(
        FutureWarning,
        "`nn.init.{old}` is now deprecated in favor of `nn.init.{new}`.",
        "the name with a trailing underscore fills the tensor in place, as every initialiser does.",
        "末尾带下划线的名字表示原地填充张量，所有初始化函数都是这样。",
    ),
    "init_trunc_normal_mean": ErrorText(
        UserWarning,
        "mean is more than 2 std from [a, b] in nn.init.trunc_normal_. The distribution of values may be incorrect.",
        "almost none of N(mean, std²) lies in [a, b], so most values end up clamped to its edges.",
        "N(mean, std²) 几乎不落在 [a, b] 内，所以大多数值会被截到区间的端点上。",
    ),
    "init_zero_element": ErrorText(
        UserWarning,
        "Initializing zero-element tensors is a no-op",
        "the tensor has no elements, so there is nothing to fill.",
        "这个张量没有元素，所以没有什么可填充的。",
    ),
    # -- mixed precision: torch.amp ------------------------------------------------------------------
    "amp_autocast_no_cuda": ErrorText(
        UserWarning,
        "CUDA is not available or torch_xla is imported. Disabling autocast.",
        "the block runs as it is, in float32, as PyTorch runs it on a machine without a GPU.",
        "这段代码照常以 float32 运行，和 PyTorch 在没有 GPU 的机器上一样。",
    ),
    "amp_cpu_autocast_float32": ErrorText(
        UserWarning,
        "autograd_lab computes in float32 and float64 only, so CPU autocast to {dtype} cannot run here. "
        "Disabling autocast.",
        "the block runs in float32, as with enabled=False; PyTorch's {dtype} results differ from these after "
        "about three digits.",
        "这段代码以 float32 运行，和 enabled=False 一样；PyTorch 的 {dtype} 结果与此相比大约在第三位数字之后不同。",
    ),
    "profiler_no_warmup": ErrorText(
        UserWarning,
        "Profiler won't be using warmup, this can skew profiler results",
        "a warmup step or two before the active ones keeps the first step's one-off costs out of the times.",
        "在 active 步骤之前留一两个 warmup 步骤，可以让第一步的一次性开销不计入时间。",
    ),
    "jit_deprecated": ErrorText(
        DeprecationWarning,
        "`torch.jit.{name}` is deprecated. Please use `torch.compile` instead.",
        "TorchScript is on its way out of PyTorch; here the model runs as it is, as torch.compile's would.",
        "PyTorch 正在淘汰 TorchScript；这里模型照原样运行，和 torch.compile 的结果一样。",
    ),
    "amp_cpu_autocast_dtype_unsupported": ErrorText(
        UserWarning,
        "In CPU autocast, but the target dtype is not supported. Disabling autocast.\nCPU Autocast only "
        "supports dtypes of torch.bfloat16, torch.float16 currently.",
        "the block runs in its tensors' own dtypes, as in PyTorch.",
        "这段代码按张量自己的 dtype 运行，和 PyTorch 一样。",
    ),
    "amp_grad_scaler_no_cuda": ErrorText(
        UserWarning,
        "torch.cuda.amp.GradScaler is enabled, but CUDA is not available.  Disabling.",
        "without a GPU the scaler only passes the calls through: scaler.step(optimizer) is optimizer.step().",
        "没有 GPU 时缩放器只是原样转交调用：scaler.step(optimizer) 就是 optimizer.step()。",
    ),
    "amp_old_name": ErrorText(
        FutureWarning,
        "`torch.{device}.amp.{name}(args...)` is deprecated. Please use `torch.amp.{name}('{device}', args...)` "
        "instead.",
        "the new name takes the device first: torch.amp.{name}('{device}', ...).",
        "新写法把设备写在第一个参数：torch.amp.{name}('{device}', ...)。",
    ),
    "amp_old_decorator": ErrorText(
        FutureWarning,
        "`torch.{device}.amp.{name}(args...)` is deprecated. Please use `torch.amp.{name}(args..., "
        "device_type='{device}')` instead.",
        "the new decorator names the device: @torch.amp.{name}(device_type='{device}').",
        "新的装饰器要写出设备：@torch.amp.{name}(device_type='{device}')。",
    ),
    # -- torch.optim ------------------------------------------------------------------------
    "optim_duplicate_params": ErrorText(
        UserWarning,
        "optimizer contains a parameter group with duplicate parameters; in future, this will cause an error; "
        "see github.com/pytorch/pytorch/issues/40967 for more information",
        "a tensor appears twice in the list, so each step would change it twice; list each tensor once.",
        "同一个张量在列表中出现了两次，每一步都会被更新两次；请让每个张量只出现一次。",
    ),
    "scheduler_before_optimizer": ErrorText(
        UserWarning,
        "Detected call of `lr_scheduler.step()` before `optimizer.step()`. In PyTorch 1.1.0 and later, you "
        "should call them in the opposite order: `optimizer.step()` before `lr_scheduler.step()`.  Failure to "
        "do this will result in PyTorch skipping the first value of the learning rate schedule. See more "
        "details at https://pytorch.org/docs/stable/optim.html#how-to-adjust-learning-rate",
        "in each epoch, call optimizer.step() for the batches first, then scheduler.step() once.",
        "在每个 epoch 中，先对各个批次调用 optimizer.step()，最后再调用一次 scheduler.step()。",
    ),
    "scheduler_get_lr": ErrorText(
        UserWarning,
        "To get the last learning rate computed by the scheduler, please use `get_last_lr()`.",
        "get_lr() computes the next learning rate for step() to use; scheduler.get_last_lr() reads the "
        "current one.",
        "get_lr() 计算的是供 step() 使用的下一个学习率；要读取当前的学习率，请用 scheduler.get_last_lr()。",
    ),
    "scheduler_epoch_deprecated": ErrorText(
        UserWarning,
        "The epoch parameter in `scheduler.step()` was not necessary and is being deprecated where possible. "
        "Please use `scheduler.step()` to step the scheduler. During the deprecation, if epoch is different "
        "from None, the closed form is used instead of the new chainable form, where available. Please open an "
        "issue if you are unable to replicate your use case: https://github.com/pytorch/pytorch/issues/new/"
        "choose.",
        "the scheduler counts the epochs itself: call scheduler.step() without an argument once per epoch.",
        "调度器会自己计数 epoch：请每个 epoch 调用一次不带参数的 scheduler.step()。",
    ),
    # -- torch.utils.data ---------------------------------------------------------------------
    "split_empty": ErrorText(
        UserWarning,
        "Length of split at index {index} is 0. This might result in an empty dataset.",
        "the dataset is too small for this fraction: the piece gets no samples.",
        "数据集太小，按这个比例这一部分分不到任何样本。",
    ),
    # -- custom Functions, gradcheck ---------------------------------------------------------------
    "function_instantiated": ErrorText(
        DeprecationWarning,
        "{cls} should not be instantiated. Methods on autograd functions are all static, so you should "
        "invoke them on the class itself. Instantiating an autograd function will raise an error in a "
        "future version of PyTorch.",
        "call MyFunction.apply(...) on the class; no instance is needed.",
        "请在类本身上调用 MyFunction.apply(...)，不需要创建实例。",
    ),
    "gradcheck_not_double": ErrorText(
        UserWarning,
        "Input #{index} requires gradient and is not a double precision floating point or complex. This "
        "check will likely fail if all the inputs are not of double precision floating point or complex.",
        "float32 rounding swamps the finite differences; make the inputs with dtype=torch.float64.",
        "float32 的舍入误差会淹没有限差分；请用 dtype=torch.float64 创建输入。",
    ),
    # -- random numbers, the default dtype (branch random) ----------------------------------------------
    "random_float_precision": ErrorText(
        UserWarning,
        "{bound} is out of bounds [-(2^{digits}), 2^{digits}]. Due to precision limitations {name} can "
        "support discrete uniform distribution only within this range. This warning will become an error "
        "in version 1.7 release, please fix the code in advance",
        "a float cannot hold every whole number this large, so some values can never be drawn; use "
        "dtype=torch.int64.",
        "浮点数无法精确表示这么大的每一个整数，有些值永远抽不到；请使用 dtype=torch.int64。",
    ),
    "set_default_tensor_type_deprecated": ErrorText(
        UserWarning,
        "torch.set_default_tensor_type() is deprecated as of PyTorch 2.1, please use "
        "torch.set_default_dtype() and torch.set_default_device() as alternatives.",
        "{legacy} stands for the dtype {dtype}: torch.set_default_dtype({dtype}) is the current spelling.",
        "{legacy} 代表数据类型 {dtype}：现在的写法是 torch.set_default_dtype({dtype})。",
    ),
    # -- reductions, sorting and counting (branch breadth_a) ------------------------------------------
    "std_var_dof": ErrorText(
        UserWarning,
        "{name}(): degrees of freedom is <= 0. Correction should be strictly less than the reduction factor "
        "(input numel divided by output numel).",
        "with N values and correction=1 the sum is divided by N − 1, which is 0 here: the result is NaN or inf; "
        "use correction=0 (unbiased=False) or more values.",
        "N 个数、correction=1 时要除以 N − 1，这里它是 0，所以结果是 NaN 或 inf；请用 correction=0"
        "（unbiased=False）或更多的数。",
    ),
    # -- recurrent layers (branch nn_e) -------------------------------------------------------------
    "nn_rnn_dropout_one_layer": ErrorText(
        UserWarning,
        "dropout option adds dropout after all but last recurrent layer, so non-zero dropout expects "
        "num_layers greater than 1, but got dropout={dropout} and num_layers={num_layers}",
        "with one layer there is no gap between layers to drop anything in: add num_layers=2 or more, or "
        "put an nn.Dropout after the layer.",
        "只有一层时，层与层之间没有地方做 dropout：请设 num_layers=2 或更多，或在这一层之后放一个 nn.Dropout。",
    ),
    "nn_dropout2d_dims": ErrorText(
        UserWarning,
        "dropout2d: Received a {ndim}-D input to dropout2d, which is deprecated and will result in an error in "
        "a future release. To retain the behavior and silence this warning, please use dropout instead. Note "
        "that dropout2d exists to provide channel-wise dropout on inputs with 2 spatial dimensions, a channel "
        "dimension, and an optional batch dimension (i.e. 3D or 4D inputs).",
        "dropout2d zeroes whole feature maps of images (N, C, H, W); for other shapes use dropout.",
        "dropout2d 把图像 (N, C, H, W) 的整个特征图置零；其他形状请用 dropout。",
    ),
    "nn_dropout3d_dims": ErrorText(
        UserWarning,
        "dropout3d: Received a {ndim}-D input to dropout3d, which is deprecated and will result in an error in "
        "a future release. To retain the behavior and silence this warning, please use dropout instead. Note "
        "that dropout3d exists to provide channel-wise dropout on inputs with 3 spatial dimensions, a channel "
        "dimension, and an optional batch dimension (i.e. 4D or 5D inputs).",
        "dropout3d zeroes whole channels of volumes (N, C, D, H, W); for other shapes use dropout.",
        "dropout3d 按通道整体置零体数据 (N, C, D, H, W)；其他形状请用 dropout。",
    ),
    "nn_dropout2d_3d": ErrorText(
        UserWarning,
        "dropout2d: Received a 3D input to dropout2d and assuming that channel-wise 1D dropout behavior is "
        "desired - input is interpreted as shape (N, C, L), where C is the channel dim. This behavior will "
        "change in a future release to interpret the input as one without a batch dimension, i.e. shape "
        "(C, H, W). To maintain the 1D channel-wise dropout behavior, please switch to using dropout1d instead.",
        "for sequences use nn.Dropout1d; for one image (C, H, W) add a batch dimension with unsqueeze(0).",
        "序列请用 nn.Dropout1d；单张图像 (C, H, W) 请先用 unsqueeze(0) 加上批维。",
    ),
    "nn_upsample_deprecated": ErrorText(
        UserWarning,
        "`nn.functional.{name}` is deprecated. Use `nn.functional.{new}` instead.",
        "F.interpolate takes the same arguments (and mode= for the kind of resizing).",
        "F.interpolate 接受同样的参数（用 mode= 指定缩放方式）。",
    ),
    "loader_iterable_length_workers": ErrorText(
        UserWarning,
        "Length of IterableDataset {dataset} was reported to be {length}(when accessing len(dataloader)), but "
        "{count} samples have been fetched. For multiprocessing data-loading, this could be caused by not "
        "properly configuring the IterableDataset replica at each worker. Please see "
        "https://pytorch.org/docs/stable/data.html#torch.utils.data.IterableDataset for examples.",
        "each worker iterates its own copy of the dataset: give each its share (torch.utils.data.get_worker_info() "
        "in __iter__ or worker_init_fn), or make __len__ count what the workers give together.",
        "每个工作进程都遍历自己的一份数据集：请给每个进程分配各自的部分（在 __iter__ 或 worker_init_fn 中用 "
        "torch.utils.data.get_worker_info()），或者让 __len__ 计入所有进程一共给出的样本。",
    ),
    "concat_cummulative_sizes": ErrorText(
        FutureWarning,
        "`cummulative_sizes` attribute is renamed to `cumulative_sizes`",
        "write dataset.cumulative_sizes (one 'm').",
        "请写 dataset.cumulative_sizes（只有一个 m）。",
    ),
    "loader_pin_memory_cpu": ErrorText(
        UserWarning,
        "'pin_memory' argument is set as true but no accelerator is found, then device pinned memory won't be used.",
        "pinned memory only speeds up copies to a GPU; on the CPU leave pin_memory out.",
        "锁页内存只用于加快向 GPU 的复制；在 CPU 上请不要设置 pin_memory。",
    ),
    "loader_pin_memory_device": ErrorText(
        UserWarning,
        "pin_memory_device is deprecated, the current accelerator will be used as the device,ignore "
        "pin_memory_device='{device}'.",
        "leave pin_memory_device out: PyTorch pins for the current accelerator.",
        "请不要设置 pin_memory_device：PyTorch 会为当前的加速器锁页。",
    ),
    "loader_iterable_length": ErrorText(
        UserWarning,
        "Length of IterableDataset {dataset} was reported to be {length}(when accessing len(dataloader)), but "
        "{count} samples have been fetched. ",
        "the dataset's __len__ says fewer samples than its __iter__ gives: make them agree.",
        "数据集的 __len__ 报告的样本数少于 __iter__ 实际给出的：请让两者一致。",
    ),
    # -- breadth C: operators, linear algebra, torch-level functions ------------------------------------
    "compile_runs_eagerly": ErrorText(
        UserWarning,
        "torch.compile: autograd_lab runs the model eagerly, as written; nothing is compiled.",
        "the results are the same as PyTorch's; only the speed-up of compiling is missing.",
        "结果与 PyTorch 相同，只是没有编译带来的加速。",
    ),
    "jit_saves_the_module": ErrorText(
        UserWarning,
        "torch.jit.save: autograd_lab has no TorchScript; the module itself is saved (pickled), and only "
        "autograd_lab's torch.jit.load reads it back.",
        "to share a model with PyTorch, save its weights instead: torch.save(model.state_dict(), path).",
        "若要和 PyTorch 共享模型，请保存权重：torch.save(model.state_dict(), path)。",
    ),
    "jit_runs_eagerly": ErrorText(
        UserWarning,
        "torch.jit.{function}: autograd_lab runs the model eagerly, as written; no TorchScript is made.",
        "calling the result works as before; torch.jit.save pickles the module instead of TorchScript, so "
        "to share it with PyTorch use torch.save(model.state_dict(), path).",
        "调用结果和原来一样；torch.jit.save 保存的是 pickle 的模块而不是 TorchScript，"
        "要和 PyTorch 共享请用 torch.save(model.state_dict(), path)。",
    ),
    "cross_without_dim": ErrorText(
        UserWarning,
        "Using torch.cross without specifying the dim arg is deprecated.\nPlease either pass the dim explicitly "
        "or simply use torch.linalg.cross.\nThe default value of dim will change to agree with that of "
        "linalg.cross in a future release.",
        "pass dim= (the dimension of length 3), or call torch.linalg.cross, which uses the last dimension.",
        "请传入 dim=（长度为 3 的那个维度），或者改用 torch.linalg.cross，它使用最后一维。",
    ),
    # -- nn_d: more activations, norms, embedding, padding, losses, clip_grad -------------------------------
    "nn_kl_div_mean": ErrorText(
        UserWarning,
        "reduction: 'mean' divides the total loss by both the batch size and the support size.'batchmean' divides "
        "only by the batch size, and aligns with the KL div math definition.'mean' will be changed to behave the "
        "same as 'batchmean' in the next major release.",
        "for the KL divergence per example write reduction='batchmean'.",
        "要得到每个样本的 KL 散度，请写 reduction='batchmean'。",
    ),
    "clip_grad_empty_generator": ErrorText(
        UserWarning,
        "`parameters` is an empty generator, no gradient clipping will occur.",
        "model.parameters() can be read only once: call it again, or keep list(model.parameters()).",
        "model.parameters() 只能遍历一次：请重新调用它，或者保存 list(model.parameters())。",
    ),
    "clip_grad_norm_deprecated": ErrorText(
        FutureWarning,
        "`torch.nn.utils.clip_grad_norm` is now deprecated in favor of `torch.nn.utils.clip_grad_norm_`.",
        "write clip_grad_norm_ (with the underscore): it changes the gradients in place.",
        "请写 clip_grad_norm_（带下划线）：它会原地修改梯度。",
    ),
    "nn_backward_hook_no_input_grad": ErrorText(
        UserWarning,
        "Full backward hook is firing when gradients are computed with respect to module outputs since no inputs "
        "require gradients. See https://docs.pytorch.org/docs/main/generated/torch.nn.Module.html"
        "#torch.nn.Module.register_full_backward_hook for more details.",
        "the hook sees grad_input as all None: the module's inputs do not require grad.",
        "钩子看到的 grad_input 全是 None：模块的输入不需要梯度。",
    ),
    "nn_hardtanh_old_keyword": ErrorText(
        FutureWarning,
        "keyword argument `{name}` is deprecated and renamed to `{new}`",
        "write {new}= instead of {name}=.",
        "请把 {name}= 改写成 {new}=。",
    ),
    # -- meshgrid, new_tensor (branch breadth_b) ------------------------------------------------------
    "meshgrid_indexing_missing": ErrorText(
        UserWarning,
        "torch.meshgrid: in an upcoming release, it will be required to pass the indexing argument.",
        "pass indexing='ij' (the old default: first tensor along rows) or indexing='xy' (NumPy's "
        "and Matplotlib's: first tensor along columns).",
        "请传入 indexing='ij'（原来的默认值：第一个张量沿行）或 indexing='xy'（NumPy 和 Matplotlib 的方式："
        "第一个张量沿列）。",
    ),
    "new_tensor_from_tensor": ErrorText(
        UserWarning,
        "To copy construct from a tensor, it is recommended to use sourceTensor.detach().clone() or "
        "sourceTensor.detach().clone().requires_grad_(True), rather than tensor.new_tensor(sourceTensor).",
        "new_tensor copies data given as lists; for a tensor, x.detach().clone() says what happens.",
        "new_tensor 用来复制列表形式的数据；对于张量，用 x.detach().clone() 更清楚。",
    ),
    # -- the profiler (branch parity) -------------------------------------------------------------------
    "profiler_use_cuda": ErrorText(
        FutureWarning,
        "The attribute `use_cuda` will be deprecated soon, please use ``use_device = 'cuda'`` instead.",
        "there is no GPU here in any case: leave use_cuda out and the profile times the CPU.",
        "这里本来就没有 GPU：去掉 use_cuda，profile 会统计 CPU 上的时间。",
    ),
    # -- cov (branch more_g) --
    "cov_degrees_of_freedom": ErrorText(
        UserWarning,
        "cov(): degrees of freedom is <= 0. Correction should be strictly less than the number of observations.",
        "with as many observations as the correction (or fewer), the covariance is undefined (inf or nan).",
        "观测次数不多于 correction 时，协方差没有定义（inf 或 nan）。",
    ),
    # -- out= (branch s5_en) --
    "out_range_resized": ErrorText(
        UserWarning,
        "The number of elements in the out tensor of shape {shape} is {size} which does not match the computed "
        "number of elements {computed}. Note that this may occur as a result of rounding error. The out tensor "
        "will be resized to a tensor of shape {wanted}.",
        "out= had another number of elements, so its old values were thrown away: give out the result's size.",
        "out= 的元素个数不同，所以它原来的值被丢弃了：请让 out 的大小与结果相同。",
    ),
    "out_resized": ErrorText(
        UserWarning,
        "An output with one or more elements was resized since it had shape {shape}, which does not match the "
        "required output shape {wanted}. This behavior is deprecated, and in a future PyTorch release outputs will "
        "not be resized unless they have zero elements. You can explicitly reuse an out tensor t by resizing it, "
        "inplace, to zero elements with t.resize_(0).",
        "out= had another shape, so its old values were thrown away: give out the result's shape.",
        "out= 的形状与结果不同，所以它原来的值被丢弃了：请让 out 的形状与结果相同。",
    ),
    "grid_sample_align_corners": ErrorText(
        UserWarning,
        "Default grid_sample and affine_grid behavior has changed to align_corners=False since 1.3.0. Please "
        "specify align_corners=True if the old behavior is desired. See the documentation of grid_sample for "
        "details.",
        "say align_corners=False (pixel edges at ±1) or True (pixel centres at ±1) to silence this.",
        "写明 align_corners=False（±1 对应像素边缘）或 True（±1 对应像素中心）即可消除此警告。",
    ),
    "typed_storage_deprecated": ErrorText(
        UserWarning,
        "TypedStorage is deprecated. It will be removed in the future and UntypedStorage will be the only storage "
        "class. This should only matter to you if you are using storages directly.  To access UntypedStorage "
        "directly, use tensor.untyped_storage() instead of tensor.storage()",
        "storage() still works here; it shows the flat memory that a tensor and its views share.",
        "storage() 在这里仍然可用；它显示张量及其视图共享的那块一维内存。",
    ),
    # -- s10_norms ----------------------------------------------------------------------------------------
    "nn_rms_norm_mixed_dtype": ErrorText(
        UserWarning,
        "Mismatch dtype between input and weight: input dtype = {input}, weight dtype = {weight}, Cannot dispatch "
        "to fused implementation.",
        "the result still comes out (in the wider dtype); give the weight the input's dtype to silence this.",
        "结果照样算出（用较宽的 dtype）；让 weight 与输入的 dtype 相同即可不再提示。",
    ),
    "nn_instance_norm_features_unused": ErrorText(
        UserWarning,
        "input's size at dim={dim} does not match num_features. You can silence this warning by not passing in "
        "num_features, which is not used because affine=False",
        "without affine parameters the layer never uses num_features; pass the input's channel count to be exact.",
        "没有仿射参数时这个层用不到 num_features；请传入输入的通道数以保持一致。",
    ),
    # -- the meta device ---------------------------------------------------------------------------------
    "meta_load_no_op": ErrorText(
        UserWarning,
        "for {name}: copying from a non-meta parameter in the checkpoint to a meta parameter in the current model, "
        "which is a no-op. (Did you mean to pass `assign=True` to assign items in the state dictionary to their "
        "corresponding key in the module instead of copying them in place?)",
        "a model built on the 'meta' device has no memory to copy into; load_state_dict(..., assign=True) gives it "
        "the checkpoint's tensors.",
        "在 'meta' 设备上建的模型没有可供复制的内存；load_state_dict(..., assign=True) 会直接使用检查点里的张量。",
    ),
    # -- small fixes found by the scout of session 11 (branch s11_fix) -------------------------------------
    "affine_grid_unit_size": ErrorText(
        UserWarning,
        "Since version 1.3.0, affine_grid behavior has changed for unit-size grids when align_corners=True. This "
        "is not an intended use case of affine_grid. See the documentation of affine_grid for details.",
        "with align_corners=True a dimension of size 1 puts its one point at 0, the image's centre.",
        "align_corners=True 时，大小为 1 的维度只有一个点，位于 0，即图像中心。",
    ),
    "data_many_workers": ErrorText(
        UserWarning,
        "This DataLoader will create {workers} worker processes in total. Our suggested max number of worker in "
        "current system is {suggested}, which is smaller than what this DataLoader is going to create. Please be "
        "aware that excessive worker creation might get DataLoader running slow or even freeze, lower the worker "
        "number to avoid potential slowness/freeze if necessary.",
        "num_workers is how many processes load batches; one per CPU core is plenty (here the batches are made "
        "in this process anyway).",
        "num_workers 是加载批次的进程数；每个 CPU 核一个就足够了（这里的批次其实都在本进程中生成）。",
    ),
    "causal_bias_nans": ErrorText(
        UserWarning,
        "Lower right causal bias will produce NaNs in the output when seq_len_q > seq_len_kv!",
        "with more queries than keys, the first queries see no key at all.",
        "查询比键多时，最前面的查询一个键也看不到。",
    ),
    "sdpa_flash_not_used": ErrorText(
        UserWarning,
        "Flash attention kernel not used because:",
        "the next warning says which of its conditions these inputs miss.",
        "下一条警告说明这些输入不满足它的哪个条件。",
    ),
    "sdpa_fused_dropout": ErrorText(
        UserWarning,
        "Both fused kernels do not support non-zero dropout.",
        "with dropout_p > 0 only the math kernel runs.",
        "dropout_p 大于 0 时只有 math 内核可用。",
    ),
    "scatter_reduce_deprecated": ErrorText(
        UserWarning,
        "The reduce argument of torch.scatter with Tensor src is deprecated and will be removed in a future PyTorch "
        "release. Use torch.scatter_reduce instead for more reduction options.",
        'write x.scatter_reduce(dim, index, src, "sum") for reduce="add" ("prod" for "multiply").',
        'reduce="add" 请改写为 x.scatter_reduce(dim, index, src, "sum")（"multiply" 对应 "prod"）。',
    ),
    "index_reduce_beta": ErrorText(
        UserWarning,
        "index_reduce() is in beta and the API may change at any time.",
        "PyTorch may still change how index_reduce is called; it works as it does in PyTorch today.",
        "PyTorch 之后可能还会改变 index_reduce 的用法；它现在的行为与当前的 PyTorch 相同。",
    ),
    "deprecated_number_first": ErrorText(
        UserWarning,
        "This overload of {name} is deprecated:\n\t{name}({old})\nConsider using one of the following signatures "
        "instead:\n\t{name}({new})",
        "old lessons put the number first; it is the alpha= (or value=) keyword now: x.add_(y, alpha=2).",
        "旧的课程把数放在前面；现在它写成关键字 alpha=（或 value=）：x.add_(y, alpha=2)。",
    ),
    "list_of_arrays_slow": ErrorText(
        UserWarning,
        "Creating a tensor from a list of numpy.ndarrays is extremely slow. Please consider converting the list "
        "to a single numpy.ndarray with numpy.array() before converting to a tensor.",
        "np.stack(arrays) (or np.array) makes one array of them; torch.tensor of it is one step.",
        "np.stack(arrays)（或 np.array）先把它们合成一个数组；再对它调用 torch.tensor 只需一步。",
    ),
    "list_tensor_requires_grad": ErrorText(
        UserWarning,
        "Converting a tensor with requires_grad=True to a scalar may lead to unexpected behavior.\n"
        "Consider using tensor.detach() first.",
        "a tensor inside a list becomes a plain number and leaves the graph; torch.stack([...]) keeps the gradients.",
        "列表中的张量会变成普通的数并离开计算图；用 torch.stack([...]) 才能保留梯度。",
    ),
    "transpose_all_dims": ErrorText(
        UserWarning,
        "The use of `x.T` on tensors of dimension other than 2 to reverse their shape is deprecated and it will "
        "throw an error in a future release. Consider `x.mT` to transpose batches of matrices or "
        "`x.permute(*torch.arange(x.ndim - 1, -1, -1))` to reverse the dimensions of a tensor.",
        "x.T reverses every dimension; x.mT swaps the last two (each matrix of a batch), which is usually meant.",
        "x.T 会把所有维度反过来；x.mT 交换最后两个维度（批中的每个矩阵），通常这才是想要的。",
    ),
    "resize_deprecated": ErrorText(
        UserWarning,
        "non-inplace resize is deprecated",
        "write x.reshape(...) for a new shape (x.resize_(...) changes x itself).",
        "新形状请写 x.reshape(...)（x.resize_(...) 会修改 x 本身）。",
    ),
    "from_numpy_not_writable": ErrorText(
        UserWarning,
        "The given NumPy array is not writable, and PyTorch does not support non-writable tensors. This means "
        "writing to this tensor will result in undefined behavior. You may want to copy the array to protect "
        "its data or make it writable before converting it to a tensor. This type of warning will be "
        "suppressed for the rest of this program.",
        "the array is locked against writing (pandas' df.values is): torch.from_numpy(a.copy()) gives a tensor "
        "that is yours to change.",
        "这个数组被锁定为不可写（pandas 的 df.values 就是这样）：torch.from_numpy(a.copy()) 得到的张量才可以随意修改。",
    ),
    "assert_allclose_deprecated": ErrorText(
        FutureWarning,
        "`torch.testing.assert_allclose()` is deprecated since 1.12 and will be removed in a future release. "
        "Please use `torch.testing.assert_close()` instead. You can find detailed upgrade instructions in "
        "https://github.com/pytorch/pytorch/issues/61844.",
        "torch.testing.assert_close(actual, expected) checks the same, with tolerances by dtype.",
        "torch.testing.assert_close(actual, expected) 做同样的检查，容差按数据类型而定。",
    ),
    "float_requires_grad": ErrorText(
        UserWarning,
        "Converting a tensor with requires_grad=True to a scalar may lead to unexpected behavior.\n"
        "Consider using tensor.detach() first.",
        "float(x) keeps only the number and leaves the graph; write x.item() (or float(x.detach())) to say so.",
        "float(x) 只留下这个数、离开计算图；写 x.item()（或 float(x.detach())）即可表明这一点。",
    ),
    "where_uint8_condition": ErrorText(
        UserWarning,
        "where received a uint8 condition tensor. This behavior is deprecated and will be removed in a future "
        "version of PyTorch. Use a boolean condition instead.",
        "the uint8 condition is read as True where it is not 0; make it with a comparison or .bool().",
        "uint8 条件在非 0 处当作 True；请用比较或 .bool() 得到条件。",
    ),
    "index_uint8_deprecated": ErrorText(
        UserWarning,
        "indexing with dtype torch.uint8 is now deprecated, please use a dtype torch.bool instead.",
        "a uint8 tensor used as an index is read as a mask (True where it is not 0); make masks with a "
        "comparison (x > 0) or .bool().",
        "uint8 张量作为索引时被当作掩码（非 0 处为 True）；请用比较（x > 0）或 .bool() 得到掩码。",
    ),
    "index_sequence_as_tuple": ErrorText(
        UserWarning,
        "Using a non-tuple sequence for multidimensional indexing is deprecated and will be changed in pytorch "
        "2.9; use x[tuple(seq)] instead of x[seq]. In pytorch 2.9 this will be interpreted as tensor index, "
        "x[torch.tensor(seq)], which will result either in an error or a different result",
        "a list holding slices, None or lists is read as one index per dimension; write a tuple: x[0, None].",
        "含有切片、None 或列表的列表会被当作每维一个索引；请写成元组：x[0, None]。",
    ),
    "nn_old_backward_hook_outputs": ErrorText(
        FutureWarning,
        "Using non-full backward hooks on a Module that does not return a single Tensor or a tuple of Tensors is "
        "deprecated and will be removed in future versions. This hook will be missing some of the grad_output. "
        "Please use register_full_backward_hook to get the documented behavior.",
        *_OLD_BACKWARD_HOOK,
    ),
    "nn_old_backward_hook_inputs": ErrorText(
        FutureWarning,
        "Using non-full backward hooks on a Module that does not take as input a single Tensor or a tuple of "
        "Tensors is deprecated and will be removed in future versions. This hook will be missing some of the "
        "grad_input. Please use register_full_backward_hook to get the documented behavior.",
        *_OLD_BACKWARD_HOOK,
    ),
    "nn_old_backward_hook_nested": ErrorText(
        FutureWarning,
        "Using a non-full backward hook when outputs are nested in python data structure is deprecated and will "
        "be removed in future versions. This hook will be missing some grad_output.",
        *_OLD_BACKWARD_HOOK,
    ),
    "nn_old_backward_hook_nodes": ErrorText(
        FutureWarning,
        "Using a non-full backward hook when outputs are generated by different autograd Nodes is deprecated and "
        "will be removed in future versions. This hook will be missing some grad_output. Please use register_full_backward_hook to get the documented behavior.",
        *_OLD_BACKWARD_HOOK,
    ),
    "nn_old_backward_hook_inner": ErrorText(
        FutureWarning,
        "Using a non-full backward hook when the forward contains multiple autograd Nodes is deprecated and will "
        "be removed in future versions. This hook will be missing some grad_input. Please use register_full_backward_hook to get the documented behavior.",
        *_OLD_BACKWARD_HOOK,
    ),
    # -- s12_fn: warnings of top-level functions -------------------------------------------------------------
    "chain_matmul_deprecated": ErrorText(
        UserWarning,
        "torch.chain_matmul is deprecated and will be removed in a future PyTorch release. Use "
        "torch.linalg.multi_dot instead, which accepts a list of two or more tensors rather than multiple "
        "parameters.",
        "torch.linalg.multi_dot([a, b, c]) gives the same product, in the same order.",
        "torch.linalg.multi_dot([a, b, c]) 给出同样的乘积，相乘的顺序也一样。",
    ),
    "tensor_copy_construct": ErrorText(
        UserWarning,
        "To copy construct from a tensor, it is recommended to use sourceTensor.detach().clone() or "
        "sourceTensor.detach().clone().requires_grad_(True), rather than torch.tensor(sourceTensor).",
        "torch.tensor(t) copies t's values into a new leaf; t.detach().clone() says so, and keeps t's dtype.",
        "torch.tensor(t) 把 t 的值复制成一个新的叶子张量；t.detach().clone() 写得更明白，并保留 t 的 dtype。",
    ),
    "range_deprecated": ErrorText(
        UserWarning,
        "torch.range is deprecated and will be removed in a future release because its behavior is "
        "inconsistent with Python's range builtin. Instead, use torch.arange, which produces values in "
        "[start, end).",
        "torch.range includes its end; torch.arange(start, end + step, step) gives the same values.",
        "torch.range 包含终点；torch.arange(start, end + step, step) 给出同样的值。",
    ),
    "matmul_precision_unknown": ErrorText(
        UserWarning,
        "{precision} is not one of 'highest', 'high', or 'medium'; the currentsetFloat32MatmulPrecision call "
        "has no effect.",
        "the precision is one of the words 'highest', 'high' or 'medium'.",
        "精度只能是 'highest'、'high' 或 'medium' 这几个词之一。",
    ),
    "asarray_requires_grad_default": ErrorText(
        UserWarning,
        "torch.asarray: unspecified requires_grad now defaults to obj.requires_grad instead of False. Pass "
        "requires_grad=False explicitly to get the old behavior and silence this warning.",
        "the result is the tensor you passed, still in its graph; say requires_grad=False for one cut off from it.",
        "结果就是你传入的张量，仍在计算图中；想要一个与计算图断开的张量，请写 requires_grad=False。",
    ),
    "frombuffer_not_writable": ErrorText(
        UserWarning,
        "The given buffer is not writable, and PyTorch does not support non-writable tensors. This means you "
        "can write to the underlying (supposedly non-writable) buffer using the tensor. You may want to copy "
        "the buffer to protect its data or make it writable before converting it to a tensor. This type of "
        "warning will be suppressed for the rest of this program.",
        "bytes cannot change; pass a bytearray for a tensor that shares memory you may write to.",
        "bytes 不可修改；想得到一个共享可写内存的张量，请传入 bytearray。",
    ),
    "conv_same_padding_copy": ErrorText(
        UserWarning,
        "Using padding='same' with even kernel lengths and odd dilation may require a zero-padded copy of the "
        "input be created",
        "an even kernel cannot be centred: the extra row or column of padding goes at the end.",
        "偶数大小的卷积核无法居中：多出的一行或一列填充放在末尾。",
    ),
    # -- end of s12_fn warnings -------------------------------------------------------------------------------
}

WORDS: dict[str, dict[str, str]] = {
    # the text tree and the pictures' labels
    "leaf": {"en": "leaf", "zh": "叶子"},
    "constant": {"en": "constant", "zh": "常量"},
    "value": {"en": "value", "zh": "值"},
    "grad": {"en": "grad", "zh": "梯度"},
    "saved_freed": {"en": "saved values freed", "zh": "保存的值已释放"},
    "current_step": {"en": "current step", "zh": "当前步骤"},
    "condensed": {
        "en": "condensed: {total:,} nodes shown as {shown:,}; draw(..., max_nodes=None) shows every node",
        "zh": "已压缩：{total:,} 个节点显示为 {shown:,} 个；draw(..., max_nodes=None) 显示全部节点",
    },
    "no_picture": {"en": "no picture: {reason}", "zh": "没有图片：{reason}"},
    # -- pictures: labels, legend and notes (issue 16) ------------------------------------------
    "ghost": {"en": "not in this graph", "zh": "不在这张图里"},
    "more_lines": {
        "en": "... {count:,} more lines: print(draw(...)) shows them all",
        "zh": "……还有 {count:,} 行：print(draw(...)) 可以显示全部",
    },
    "empty": {"en": "empty", "zh": "空"},
    "true_count": {"en": "{count} True", "zh": "{count} 个 True"},
    "min": {"en": "min", "zh": "最小"},
    "mean": {"en": "mean", "zh": "平均"},
    "max": {"en": "max", "zh": "最大"},
    "all_zero": {"en": "all 0", "zh": "全为 0"},
    "shape_and_norm": {"en": "{shape}, norm {norm}", "zh": "{shape}，范数 {norm}"},
    "copy_slices_symbol": {"en": "{op} on {where}", "zh": "{where} 上的 {op}"},
    "as_strided_detail": {
        "en": "view {view} made again: its base changed in place",
        "zh": "视图 {view} 重新生成：它的基张量被原地修改了",
    },
    "wrote": {"en": "wrote {where}", "zh": "写入 {where}"},
    "version_changed": {
        "en": "a value it saved ({name}) was changed in place: version {now}, saved at {saved}",
        "zh": "它保存的值（{name}）被原地修改了：现在是版本 {now}，保存时是版本 {saved}",
    },
    "leaf_number": {"en": "leaf {number}", "zh": "叶子 {number}"},
    "cut_label": {"en": "{how}: backward() stops here", "zh": "{how}：反向传播到此为止"},
    "no_grad_detail": {
        "en": "computed by {op} under no_grad()",
        "zh": "在 no_grad() 下由 {op} 算出",
    },
    "shown_above": {"en": "{name} (shown above)", "zh": "{name}（见上文）"},
    "edges_count": {"en": "×{count} edges", "zh": "×{count} 条边"},
    "depth": {"en": "depth {depth}", "zh": "深度 {depth}"},
    "legend_leaf": {"en": "leaf (requires grad)", "zh": "叶子（需要梯度）"},
    "legend_constant": {"en": "constant", "zh": "常量"},
    "legend_op": {"en": "operation", "zh": "运算"},
    "legend_output": {"en": "output", "zh": "输出"},
    "legend_group": {"en": "condensed group", "zh": "压缩的节点组"},
    "legend_module": {"en": "made inside this module's forward()", "zh": "在这个模块的 forward() 里产生"},
    "legend_module_node": {"en": "a module, drawn as one node", "zh": "一个模块，画成一个节点"},
    "legend_freed": {"en": "saved values freed", "zh": "保存的值已释放"},
    "legend_current": {"en": "current step", "zh": "当前步骤"},
    "legend_reference": {
        "en": "the same input again, near its use",
        "zh": "同一个输入，在用到它的地方再画一次",
    },
    "legend_ghost": {
        "en": "not in this graph: what detach() or no_grad() cut off",
        "zh": "不在这张图里：被 detach() 或 no_grad() 剪掉的部分",
    },
    "legend_cut": {"en": "cut: backward() does not follow it", "zh": "剪断：反向传播不经过这里"},
    "legend_copy_slices": {
        "en": "CopySlices: an in-place change of a view, written into its base's history",
        "zh": "CopySlices：对视图的原地修改，写进了基张量的历史",
    },
    "legend_as_strided": {
        "en": "AsStridedBackward0: a view's node made again after its base changed in place",
        "zh": "AsStridedBackward0：基张量被原地修改后，视图重新生成的节点",
    },
    "legend_version": {
        "en": "a saved value changed in place since: backward() will fail there",
        "zh": "保存的值之后被原地修改了：反向传播到这里会出错",
    },
    "legend_heat": {
        "en": "colours: blue below 0, white 0, red above 0 (each map's scale under it)",
        "zh": "颜色：蓝色小于 0，白色为 0，红色大于 0（每张图下方有它的刻度）",
    },
    "legend_repeats": {
        "en": "numbers on edges: left out where they repeat the grad in the box",
        "zh": "边上的数字：与方框里的 grad 相同时省略",
    },
    "legend_numbers": {
        "en": "numbers: {{dtype}} unless marked, 4 significant figures",
        "zh": "数值：除非另有标注均为 {{dtype}}，保留 4 位有效数字",
    },
    # -- the step-through widget and interact (issue 16) --------------------------------------------
    "a_leaf": {"en": "a leaf", "zh": "一个叶子"},
    "step_leaf": {
        "en": "{title} is a leaf: the gradient that reached it is {grad}.",
        "zh": "{title} 是叶子：到达它的梯度是 {grad}。",
    },
    "step_leaf_paths": {
        "en": "It came along {count} paths, and they add up: {parts} = {grad}.",
        "zh": "梯度沿 {count} 条路径到达，相加：{parts} = {grad}。",
    },
    "step_leaf_adds": {
        "en": "backward() adds it into {title}.grad, which is now {total}.",
        "zh": "backward() 把它累加到 {title}.grad，现在是 {total}。",
    },
    "step_arrives": {
        "en": "{title}: the gradient arriving at its output is {grad}.",
        "zh": "{title}：到达它输出端的梯度是 {grad}。",
    },
    "step_consumers": {
        "en": "It has {count} consumers, so their gradients add up: {parts} = {grad}.",
        "zh": "它有 {count} 个使用者，它们的梯度相加：{parts} = {grad}。",
    },
    "step_start": {
        "en": "It is where backward() starts: the gradient of the output with respect to itself.",
        "zh": "反向传播从这里开始：输出对它自己的梯度。",
    },
    "step_chain": {
        "en": "Chain rule: each input gets the incoming gradient times the local derivative.",
        "zh": "链式法则：每个输入得到的是传入的梯度乘以局部导数。",
    },
    "step_send": {
        "en": "  to {title} (input {input} of the rule): {formula}",
        "zh": "  传给 {title}（规则中的输入 {input}）：{formula}",
    },
    "step_sends": {"en": "so it sends {sent}", "zh": "所以传出 {sent}"},
    "step_running": {
        "en": "     (it has now received {total} in all, from its consumers so far)",
        "zh": "     （到目前为止，它从使用者那里一共收到了 {total}）",
    },
    "stepper_before": {
        "en": "Before backward(): {total} steps to go. Press next ▶ to send the first gradient back.",
        "zh": "backward() 之前：共 {total} 步。按 下一步 ▶ 送出第一个梯度。",
    },
    "stepper_step": {"en": "Step {step} of {total}.", "zh": "第 {step} 步，共 {total} 步。"},
    "stepper_done": {
        "en": "Done: every .grad now holds what backward() gives.",
        "zh": "完成：每个 .grad 现在都是 backward() 给出的结果。",
    },
    "stepper_status": {
        "en": "Backward pass, step {step} of {total}",
        "zh": "反向传播，第 {step} 步，共 {total} 步",
    },
    "stepper_status_before": {"en": "before backward()", "zh": "backward() 之前"},
    "stepper_module": {
        "en": "{module}: {count} steps of the engine, in its order:",
        "zh": "{module}：引擎的 {count} 步，按它的顺序：",
    },
    "stepper_static": {
        "en": "Backward pass, step {step} of {total} (run the cell to step through it):",
        "zh": "反向传播，第 {step} 步，共 {total} 步（运行这个单元格即可逐步查看）：",
    },
    "stepper_plain": {
        "en": "BackwardStepper: {count} steps of backward() from {title}",
        "zh": "BackwardStepper：backward() 共 {count} 步，从 {title} 开始",
    },
    "button_previous": {"en": "◀ previous", "zh": "◀ 上一步"},
    "button_next": {"en": "next ▶", "zh": "下一步 ▶"},
    "slider_step": {"en": "step", "zh": "步骤"},
    "interact_output": {"en": "output = {value}", "zh": "输出 = {value}"},
    "interact_grad": {"en": "∂output/∂{name} = {grad}", "zh": "∂输出/∂{name} = {grad}"},
    "interact_unused": {
        "en": "∂output/∂{name}: no gradient (unused)",
        "zh": "∂输出/∂{name}：没有梯度（没有用到）",
    },
    # -- the magics (issue 16) ----------------------------------------------------------------------
    "too_many_pictures": {
        "en": "only the first {count} backward() calls of a cell are drawn "
        "(%config AutogradMagics.max_per_cell = N to change; %autograd off to stop)",
        "zh": "每个单元格只画前 {count} 次 backward()（用 %config AutogradMagics.max_per_cell = N 修改；"
        "%autograd off 关闭）",
    },
    "auto_on": {"en": "drawing after every backward() is on", "zh": "每次 backward() 之后画图：开"},
    "auto_off": {"en": "drawing after every backward() is off", "zh": "每次 backward() 之后画图：关"},
    "saved": {"en": "saved {path}", "zh": "已保存 {path}"},
    "nothing_assigned": {
        "en": "the cell assigned no tensor that requires grad, so there is no graph to draw",
        "zh": "这个单元格没有给需要梯度的张量赋值，所以没有计算图可画",
    },
}
