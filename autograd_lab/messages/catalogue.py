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
    "modified_by_inplace": ErrorText(
        RuntimeError,
        "one of the variables needed for gradient computation has been modified by an inplace operation: "
        "{description} is at version {found}; expected version {expected} instead.",
        "backward() needs the value this tensor had when it was used, but an in-place operation (a method "
        "ending in _, or +=, or t[i] = ...) changed it afterwards; use the out-of-place form (x = x + 1) "
        "instead.",
        "backward() 需要这个张量被使用时的值，但之后一个原地操作（以 _ 结尾的方法、+= 或 t[i] = ...）"
        "修改了它；请改用非原地的写法（x = x + 1）。",
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
        "Output {output_nr} of {node} is a view and {modified} modified inplace. This view is the output of a "
        "function that returns multiple views. Such functions do not allow the output views to be modified "
        "inplace. You should replace the inplace operation by an out-of-place one.",
        "change a copy instead (.clone()), or index the tensor itself (t[0]) instead of using split/unbind.",
        "请修改它的副本（.clone()），或者直接对张量本身做索引（t[0]），而不是用 split/unbind 的输出。",
    ),
    "view_modified_inplace_no_grad": ErrorText(
        RuntimeError,
        "{prefix} no_grad mode and {modified} modified inplace with grad mode enabled. Given that this use "
        "case is ambiguous and error-prone, it is forbidden. You can clarify your code by moving both the "
        "view and the inplace either both inside the no_grad block (if you don't want the inplace to be "
        "tracked) or both outside (if you want the inplace to be tracked).",
        "this view was taken inside `with torch.no_grad():`; take it outside the block, or change it inside.",
        "这个视图是在 `with torch.no_grad():` 中取得的；请在代码块外取视图，或者在代码块内修改它。",
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
    "numpy_requires_grad": ErrorText(
        RuntimeError,
        "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.",
        "a NumPy array cannot carry the graph, so detach() the tensor from it first.",
        "NumPy 数组不能携带计算图，所以请先用 detach() 把张量从图中分离。",
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
    "mm_not_matrix": ErrorText(
        RuntimeError,
        "self must be a matrix",
        "mm multiplies two 2-D tensors; this one is {ndim}-D, use matmul or @ instead.",
        "mm 只能相乘两个二维张量；这个张量是 {ndim} 维的，请改用 matmul 或 @。",
    ),
    "bmm_not_3d": ErrorText(
        RuntimeError,
        "batch1 must be a 3D tensor",
        "bmm multiplies batches of matrices; these are {da}-D and {db}-D, use matmul or @ instead.",
        "bmm 相乘的是成批的矩阵；这两个张量分别是 {da} 维和 {db} 维的，请改用 matmul 或 @。",
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
    "index_dtype": ErrorText(
        IndexError,
        "tensors used as indices must be long, int, byte or bool tensors",
        "index with whole numbers, e.g. torch.tensor([0, 2]).",
        "请用整数做索引，例如 torch.tensor([0, 2])。",
    ),
    "mask_shape_mismatch": ErrorText(
        IndexError,
        "The shape of the mask {mask_shape} at index {index} does not match the shape of the indexed tensor "
        "{shape} at index {index}",
        "a boolean mask needs one True/False per element of the dimensions it indexes.",
        "布尔掩码在它所索引的维度上，每个元素都需要一个 True/False。",
    ),
    # -- values and conversions ----------------------------------------------------------------------
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
    "allclose_not_tensor": ErrorText(
        TypeError,
        "allclose(): argument '{name}' (position {position}) must be Tensor, not {type_name}.",
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
    "list_among_numbers": ErrorText(
        TypeError,
        "'{type_name}' object cannot be interpreted as an integer",
        "a list sits where the other elements are numbers; every row of a tensor must have the same number "
        "of elements.",
        "其他元素都是数，而这里是一个列表；张量的每一行必须有相同个数的元素。",
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
    # -- autograd.functional: jacobian, hessian, vjp, jvp, vhp, hvp ---------------------------------
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
    # -- custom autograd.Function: what PyTorch checks ---------------------------------------------
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
    # -- gradcheck and gradgradcheck -------------------------------------------------------------------
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
    "gradcheck_forward_ad": ErrorText(
        NotImplementedError,
        "gradcheck cannot check forward-mode AD: autograd_lab computes gradients in reverse mode only.",
        "leave check_forward_ad (and gradgradcheck's check_fwd_over_rev) at False; the backward check runs as "
        "in PyTorch.",
        "请让 check_forward_ad（以及 gradgradcheck 的 check_fwd_over_rev）保持 False；反向模式的检查与 PyTorch 相同。",
    ),
    "gradcheck_numerical_not_zero": ErrorText(
        RuntimeError,  # raised as GradcheckError
        "Numerical gradient for function expected to be zero",
        "no output requires grad, yet nudging the inputs changes the outputs: the function cut the graph "
        "somewhere (.detach(), no_grad, .numpy()).",
        "没有输出需要梯度，但轻推输入会改变输出：函数在某处切断了计算图（.detach()、no_grad、.numpy()）。",
    ),
}

WARNINGS: dict[str, ErrorText] = {
    "non_leaf_grad": ErrorText(
        UserWarning,
        "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad attribute "
        "won't be populated during autograd.backward(). If you indeed want the .grad field to be populated "
        "for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. If you access the non-leaf Tensor "
        "by mistake, make sure you access the leaf Tensor instead.",
        "backward() stores gradients only in the tensors you created with requires_grad=True; call "
        ".retain_grad() before backward() to keep this one.",
        "backward() 只把梯度存进你用 requires_grad=True 创建的张量；如果想保留这个张量的梯度，请在 backward() "
        "之前调用 .retain_grad()。",
    ),
    # -- custom Functions and gradcheck ------------------------------------------------------------------
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
}
