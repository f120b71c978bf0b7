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
        "function {name}Backward returned an incorrect number of gradients (expected {expected}, got {got}).",
        "backward returns one gradient per input of forward (None for an input that needs none).",
        "backward 要为 forward 的每个输入返回一个梯度（不需要梯度的输入返回 None）。",
    ),
    "function_not_tensor": ErrorText(
        RuntimeError,
        "expected Variable or None (got {type_name}).",
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
        "Jacobian mismatch for output 0 with respect to input {index},\nnumerical:{numerical}\n"
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
    "cut_label": {"en": "detach(): backward() stops here", "zh": "detach()：反向传播到此为止"},
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
        "en": "not in this graph: what detach() cut off",
        "zh": "不在这张图里：被 detach() 剪掉的部分",
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
        "zh": "BackwardStepper：从 {title} 开始的 backward()，共 {count} 步",
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
