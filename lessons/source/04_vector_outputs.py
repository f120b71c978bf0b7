"""Lesson 4: vector outputs, the Jacobian, backward(gradient); the seed's vector example and its Jacobian exercise."""

from lesson_build import answer, check, code, exercises_heading, md, setup

CELLS = [
    md(
        zh=r"""
# 向量输出:雅可比矩阵与 gradient 参数

到目前为止,我们调用 `backward()` 的对象都是标量。可是神经网络里很多中间结果是向量,甚至是矩阵。这一课我们来看:输出是向量时,"导数"是什么,`backward()` 又在算什么。

学完这一课,你可以:
- 解释为什么对向量直接调用 `backward()` 会报错,以及 `backward(v)` 算的是按 $v$ 加权的导数之和,也就是向量-雅可比积 $v^T J$;
- 用单位向量一行一行地求出雅可比矩阵,并用 `torch.autograd.functional.jacobian` 验证;
- 修好一个忘了把 `.grad` 归零的求雅可比矩阵的循环。
""",
        en=r"""
# Vector outputs: Jacobians and the gradient argument

So far we have always called `backward()` on a scalar. But in a neural network many intermediate results are vectors, or even matrices. This lesson asks: when the output is a vector, what is "the derivative", and what does `backward()` compute?

After this lesson you can:
- explain why calling `backward()` on a vector fails, and that `backward(v)` computes the $v$-weighted sum of derivatives, the vector-Jacobian product $v^T J$;
- build a Jacobian row by row with unit vectors, and check it with `torch.autograd.functional.jacobian`;
- fix a loop that builds a Jacobian but forgets to reset `.grad`.
""",
    ),
    setup("from autograd_lab.autograd import Variable"),
    md(
        zh=r"""
## 复杂情况的自动求导
前面我们展示的都是对标量的自动求导。可能你会有一个疑问:如何对一个向量或者矩阵自动求导呢?感兴趣的同学可以自己先去尝试一下,下面我们会介绍对多维数组的自动求导机制。(这里沿用第一课的旧写法 `Variable`,它今天就是一个普通的张量。)
""",
        en=r"""
## Autograd in the general case
So far we differentiated scalars. You may wonder how to differentiate a vector or a matrix. Try it yourself first if you like; below we look at how autograd handles multi-dimensional results. (The code keeps lesson 1's old spelling, `Variable`, which today is a plain tensor.)
""",
    ),
    code(
        """
m = Variable(torch.FloatTensor([[2, 3]]), requires_grad=True) # ⟨构建一个 1 x 2 的矩阵‖a 1 x 2 matrix⟩
n = Variable(torch.zeros(1, 2)) # ⟨构建一个相同大小的 0 矩阵‖a matrix of zeros of the same size⟩
print(m)
print(n)
"""
    ),
    code(
        """
# ⟨通过 m 中的值计算新的 n 中的值‖compute the values of n from those of m⟩
print(m[0,0])
n[0, 0] = m[0, 0] ** 2
n[0, 1] = m[0, 1] ** 3
print(n)
"""
    ),
    md(
        zh=r"""
`n[0, 0] = ...` 是把值原地写进 `n`,计算图把它记成 `CopySlices` 节点(第 7 课专门讲原地操作)。将上面的式子写成数学公式,可以得到

$$
n = (n_0,\ n_1) = (m_0^2,\ m_1^3) = (2^2,\ 3^3)
$$

下面我们对 n 进行反向传播,也就是求 n 对 m 的导数。直接调用 `n.backward()` 会报错:
""",
        en=r"""
`n[0, 0] = ...` writes a value into `n` in place, and the graph records it as a `CopySlices` node (lesson 7 is about in-place operations). As a formula:

$$
n = (n_0,\ n_1) = (m_0^2,\ m_1^3) = (2^2,\ 3^3)
$$

Now we run backward from n, that is, we differentiate n with respect to m. Calling `n.backward()` as before fails:
""",
    ),
    code(
        """
n.backward()
""",
        "raises-exception",
    ),
    md(
        zh=r"""
反向传播总是从输出端的一个"起始梯度"出发;输出是标量时,它就是 $\frac{\partial n}{\partial n} = 1$,PyTorch 可以替我们创建。输出有两个数时,我们需要明确导数的定义,即如何定义

$$
\frac{\partial n}{\partial m} = \frac{\partial (n_0,\ n_1)}{\partial (m_0,\ m_1)}
$$

在 PyTorch 中,这时要往 `backward()` 中传入一个参数,这个参数的形状和 n 一样大,比如是 $(w_0,\ w_1)$,那么自动求导的结果就是:
$$
\frac{\partial n}{\partial m_0} = w_0 \frac{\partial n_0}{\partial m_0} + w_1 \frac{\partial n_1}{\partial m_0}
$$
$$
\frac{\partial n}{\partial m_1} = w_0 \frac{\partial n_0}{\partial m_1} + w_1 \frac{\partial n_1}{\partial m_1}
$$
""",
        en=r"""
The backward pass always starts from a "starting gradient" at the output; for a scalar output it is $\frac{\partial n}{\partial n} = 1$, and PyTorch can create it for us. With two numbers in the output, we must first say what the derivative means:

$$
\frac{\partial n}{\partial m} = \frac{\partial (n_0,\ n_1)}{\partial (m_0,\ m_1)}
$$

In PyTorch, `backward()` then needs an argument of the same shape as n, say $(w_0,\ w_1)$, and the result is:
$$
\frac{\partial n}{\partial m_0} = w_0 \frac{\partial n_0}{\partial m_0} + w_1 \frac{\partial n_1}{\partial m_0}
$$
$$
\frac{\partial n}{\partial m_1} = w_0 \frac{\partial n_0}{\partial m_1} + w_1 \frac{\partial n_1}{\partial m_1}
$$
""",
    ),
    code(
        """
n.backward(torch.ones_like(n)) # ⟨将 (w0, w1) 取成 (1, 1)‖take (w0, w1) = (1, 1)⟩
"""
    ),
    code(
        """
print(m.grad)
"""
    ),
    md(
        zh=r"""
通过自动求导我们得到了梯度是 4 和 27,我们可以验算一下
$$
\frac{\partial n}{\partial m_0} = w_0 \frac{\partial n_0}{\partial m_0} + w_1 \frac{\partial n_1}{\partial m_0} = 2 m_0 + 0 = 2 \times 2 = 4
$$
$$
\frac{\partial n}{\partial m_1} = w_0 \frac{\partial n_0}{\partial m_1} + w_1 \frac{\partial n_1}{\partial m_1} = 0 + 3 m_1^2 = 3 \times 3^2 = 27
$$
通过验算我们得到了相同的结果。图中输出节点上的梯度就是我们传入的 $(1,\ 1)$;两个 `CopySlices` 节点标出了各自写入的位置,`m` 上的梯度是 $(4,\ 27)$。
""",
        en=r"""
Autograd gives the gradients 4 and 27. Let us check:
$$
\frac{\partial n}{\partial m_0} = w_0 \frac{\partial n_0}{\partial m_0} + w_1 \frac{\partial n_1}{\partial m_0} = 2 m_0 + 0 = 2 \times 2 = 4
$$
$$
\frac{\partial n}{\partial m_1} = w_0 \frac{\partial n_0}{\partial m_1} + w_1 \frac{\partial n_1}{\partial m_1} = 0 + 3 m_1^2 = 3 \times 3^2 = 27
$$
The same result. In the picture, the gradient on the output node is the $(1,\ 1)$ we passed in; the two `CopySlices` nodes show where each one wrote, and `m` carries the gradient $(4,\ 27)$.
""",
    ),
    md(
        zh=r"""
## 雅可比矩阵与向量-雅可比积
把输出的每个分量对输入的每个分量的偏导数排成矩阵,就是**雅可比矩阵**:第 $i$ 行第 $j$ 列是 $J_{ij} = \frac{\partial y_i}{\partial x_j}$,每个输出一行,每个输入一列。上面的公式正是

$$
x.\mathrm{grad} = v^T J, \qquad (v^T J)_j = \sum_i v_i \frac{\partial y_i}{\partial x_j}
$$

`y.backward(v)` 并不求出整个 $J$,而是求这个**向量-雅可比积**。再看一个例子:$y = x^2$ 逐个元素平方,$x = (1,\ 2,\ 3)$,$J = \mathrm{diag}(2x) = \mathrm{diag}(2,\ 4,\ 6)$;取 $v = (1,\ 0.1,\ 0.01)$,结果应该是 $(2,\ 0.4,\ 0.06)$。
""",
        en=r"""
## The Jacobian and the vector-Jacobian product
Arrange the partial derivatives of each output component with respect to each input component in a matrix, and you get the **Jacobian**: row $i$, column $j$ holds $J_{ij} = \frac{\partial y_i}{\partial x_j}$, one row per output, one column per input. The formulas above are exactly

$$
x.\mathrm{grad} = v^T J, \qquad (v^T J)_j = \sum_i v_i \frac{\partial y_i}{\partial x_j}
$$

`y.backward(v)` does not compute all of $J$: it computes this **vector-Jacobian product**. One more example: $y = x^2$ squares element by element, $x = (1,\ 2,\ 3)$, $J = \mathrm{diag}(2x) = \mathrm{diag}(2,\ 4,\ 6)$; with $v = (1,\ 0.1,\ 0.01)$ the result should be $(2,\ 0.4,\ 0.06)$.
""",
    ),
    code(
        """
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x ** 2
y.backward(torch.tensor([1.0, 0.1, 0.01]))
print(x.grad)
"""
    ),
    md(
        zh=r"""
图的输出节点上,梯度正是我们传入的 $v$;`x` 上的梯度是 $(2,\ 0.4,\ 0.06)$,每个数都带着 $v$ 中对应的权重。如果 $v$ 取第 $i$ 个单位向量 $e_i$(第 $i$ 个位置是 1,其余是 0),$e_i^T J$ 就正好是 $J$ 的第 $i$ 行:这就是一行一行求雅可比矩阵的办法。
""",
        en=r"""
On the output node of the picture, the gradient is the $v$ we passed in; the gradient on `x` is $(2,\ 0.4,\ 0.06)$, each number scaled by its weight in $v$. If $v$ is the $i$-th unit vector $e_i$ (1 in place $i$, 0 elsewhere), then $e_i^T J$ is exactly row $i$ of $J$: that is how to build a Jacobian row by row.
""",
    ),
    *exercises_heading(),
    md(
        zh=r"""
**练习 1(手算)。** 定义

$$
x = \left[ \begin{matrix} x_0 \\ x_1 \end{matrix} \right] = \left[ \begin{matrix} 2 \\ 3 \end{matrix} \right], \qquad
k = (k_0,\ k_1) = (x_0^2 + 3 x_1,\ 2 x_0 + x_1^2)
$$

我们希望求得雅可比矩阵

$$
j = \left[ \begin{matrix}
\frac{\partial k_0}{\partial x_0} & \frac{\partial k_0}{\partial x_1} \\
\frac{\partial k_1}{\partial x_0} & \frac{\partial k_1}{\partial x_1}
\end{matrix} \right]
$$

先用笔算出 $j$,把下面的 `None` 换成你的答案:两行,每行两个数,例如 `[[1, 2], [3, 4]]`。
""",
        en=r"""
**Exercise 1 (by hand).** Let

$$
x = \left[ \begin{matrix} x_0 \\ x_1 \end{matrix} \right] = \left[ \begin{matrix} 2 \\ 3 \end{matrix} \right], \qquad
k = (k_0,\ k_1) = (x_0^2 + 3 x_1,\ 2 x_0 + x_1^2)
$$

We want the Jacobian matrix

$$
j = \left[ \begin{matrix}
\frac{\partial k_0}{\partial x_0} & \frac{\partial k_0}{\partial x_1} \\
\frac{\partial k_1}{\partial x_0} & \frac{\partial k_1}{\partial x_1}
\end{matrix} \right]
$$

Work $j$ out on paper first, and replace the `None` below with your answer: two rows of two numbers, like `[[1, 2], [3, 4]]`.
""",
    ),
    answer(
        """
my_j = None
### BEGIN SOLUTION
my_j = [[2 * 2, 3],
        [2, 2 * 3]]
### END SOLUTION
""",
        "jacobian-by-hand",
        wrong="my_j = [[4, 2], [3, 6]]",
    ),
    check(
        1,
        2,
        grade_id="check-jacobian-by-hand",
        needs=("my_j",),
        trial="""
            truth = torch.autograd.functional.jacobian(
                lambda t: torch.stack([t[0] ** 2 + 3 * t[1], 2 * t[0] + t[1] ** 2]), torch.tensor([2.0, 3.0]))
            mine = torch.tensor(my_j, dtype=torch.float32)
            right = mine.shape == truth.shape and torch.allclose(mine, truth)
            if mine.shape != truth.shape:
                problem = f"⟨my_j 的形状是 {list(mine.shape)},应该是两行两列。‖my_j has the shape {list(mine.shape)}; it should be two rows of two.⟩"
        """,
        right='"⟨✔ 正确:你的雅可比矩阵和自动求导的一样。‖✔ Right: your Jacobian matches autograd\'s.⟩"',
        hint='"⟨还不对。提示:第 i 行是 k_i 对 x_0、x_1 的偏导数;对一个变量求偏导时,把另一个变量当作常数。‖Not yet. Hint: row i holds the derivatives of k_i with respect to x_0 and x_1; when differentiating with respect to one variable, treat the other as a constant.⟩"',
    ),
    md(
        zh=r"""
下面用自动求导一行一行地求出 $j$:传入 $(1, 0)$ 得到第一行,传入 $(0, 1)$ 得到第二行。同一张图要反向传播两次,所以第一次要 `retain_graph=True`(第 6 课细讲);两次之间要把 `x.grad` 归零,否则梯度会累加。注意 $k$ 的第二个分量在代码中写成 `x[1] ** 2 + 2 * x[0]`,和公式是同一个式子。
""",
        en=r"""
Now autograd computes $j$ row by row: passing $(1, 0)$ gives the first row, $(0, 1)$ the second. We run backward twice through the same graph, so the first call needs `retain_graph=True` (lesson 6 explains it); between the two, `x.grad` must be reset to zero, or the gradients would add up. Note that the code writes the second component of $k$ as `x[1] ** 2 + 2 * x[0]`: the same expression as the formula.
""",
    ),
    code(
        """
x = Variable(torch.FloatTensor([2, 3]), requires_grad=True)
k = Variable(torch.zeros(2))

k[0] = x[0] ** 2 + 3 * x[1]
k[1] = x[1] ** 2 + 2 * x[0]
"""
    ),
    md(
        zh=r"""
先看看如果像上面那样传入全是 1 的向量会怎样:
""",
        en=r"""
First, what happens if we pass a vector of ones, as above:
""",
    ),
    code(
        """
k.backward(torch.ones_like(k), retain_graph=True)
print(x.grad)
# ⟨和下一个单元格的区别在于:这样求得的是导数之和 (4 + 2, 3 + 6),而不是分别求出每一行。‖Unlike the next cell, this gives the sum of the derivatives, (4 + 2, 3 + 6), not each row separately.⟩
x.grad = None  # ⟨清掉,下一个单元格从头开始‖cleared: the next cell starts afresh⟩
"""
    ),
    md(
        zh=r"""
下面的代码来自最初的课程,用到了 `x.grad.data`:`.data` 是 PyTorch 0.4 以前绕开自动求导读写数值的旧写法。`x.grad` 本身不在计算图里,今天直接写 `j[0] = x.grad` 和 `x.grad.zero_()` 就行;第 7 课会讲到 `.data` 为什么可能悄悄算错梯度。
""",
        en=r"""
The code below comes from the original lesson and uses `x.grad.data`: `.data` is the pre-0.4 way to read and write values behind autograd's back. `x.grad` is not part of any graph, so today one writes `j[0] = x.grad` and `x.grad.zero_()`; lesson 7 shows why `.data` can silently give wrong gradients.
""",
    ),
    code(
        """
j = torch.zeros(2, 2)
k.backward(torch.FloatTensor([1, 0]), retain_graph=True)
print(k)
j[0] = x.grad.data
print(x.grad.data)

x.grad.data.zero_() # ⟨归零之前求得的梯度‖reset the gradient computed so far⟩

k.backward(torch.FloatTensor([0, 1]))
j[1] = x.grad.data
print(x.grad.data)
"""
    ),
    code(
        """
print(k)
"""
    ),
    code(
        """
print(j)
"""
    ),
    md(
        zh=r"""
两行合起来就是 $j$。这样的循环 PyTorch 已经替我们写好了:`torch.autograd.functional.jacobian(f, x)` 接受一个函数和它的输入,返回整个雅可比矩阵,而且不会改动 `x.grad`。
""",
        en=r"""
The two rows together are $j$. PyTorch has written this loop for us: `torch.autograd.functional.jacobian(f, x)` takes a function and its input, returns the whole Jacobian, and leaves `x.grad` alone.
""",
    ),
    code(
        """
def k_of(x):
    return torch.stack([x[0] ** 2 + 3 * x[1], x[1] ** 2 + 2 * x[0]])

print(torch.autograd.functional.jacobian(k_of, torch.tensor([2.0, 3.0])))
"""
    ),
    md(
        zh=r"""
**练习 2(找 bug)。** 下面的 `jacobian_rows` 想一行一行地求雅可比矩阵,可对上面的 `k_of`,它算出的第二行是 $(6,\ 9)$,而不是 $(2,\ 6)$。运行检查单元格看看,然后修好它。
""",
        en=r"""
**Exercise 2 (fix the bug).** The `jacobian_rows` below means to build a Jacobian row by row, but for `k_of` above its second row comes out as $(6,\ 9)$ instead of $(2,\ 6)$. Run the check cell to see, then fix the function.
""",
    ),
    answer(
        """
def jacobian_rows(f, x):
    x = x.detach().requires_grad_(True)
    y = f(x)
    rows = []
    for i in range(y.numel()):
        e = torch.zeros(y.numel())
        e[i] = 1.0
        y.backward(e, retain_graph=True)
        rows.append(x.grad.clone())  # ⟨复制一份,不和 x.grad 共用内存‖a copy that does not share memory with x.grad⟩
        ### BEGIN SOLUTION
        x.grad.zero_()
        ### END SOLUTION
    return torch.stack(rows)
""",
        "fix-jacobian-loop",
    ),
    check(
        2,
        3,
        grade_id="check-fix-jacobian-loop",
        needs=("jacobian_rows",),
        trial="""
            def mixed(t):
                return torch.stack([t[0] * t[1], t[1] + t[2] ** 2, t[2] - t[0]])
            start = torch.tensor([1.0, 2.0, 3.0])
            mine = jacobian_rows(mixed, start)
            right = torch.allclose(mine, torch.autograd.functional.jacobian(mixed, start))
            problem = f"⟨jacobian_rows 给出:‖jacobian_rows gives:⟩\\n{mine}"
        """,
        right='"⟨✔ 正确:每一行都从 0 开始,和 jacobian() 一样。‖✔ Right: every row starts from 0, and the result matches jacobian().⟩"',
        hint='"⟨还不对。提示:每次 backward() 都把梯度加进 x.grad;第 2 行里还留着第 1 行的梯度吗?‖Not yet. Hint: every backward() adds its gradient into x.grad; does row 2 still contain row 1?⟩"',
    ),
    md(
        zh=r"""
## 小结
- 输出是向量时,`backward()` 需要一个和输出形状相同的 $v$ 作为起始梯度,否则报错 "grad can be implicitly created only for scalar outputs"。
- `y.backward(v)` 求的是向量-雅可比积 $v^T J$:按 $v$ 加权的导数之和;取 $v$ 为单位向量就得到 $J$ 的一行。
- 一行一行地求 $J$ 时,同一张图要 `retain_graph=True`,每一行之后要 `x.grad.zero_()`;`torch.autograd.functional.jacobian(f, x)` 替我们做了这些。

下一课:动态图,我们会看到 Python 的 `if` 和 `while` 怎样给每个输入画出不同的图,以及为什么反向模式这么划算。
""",
        en=r"""
## Summary
- When the output is a vector, `backward()` needs a starting gradient $v$ of the output's shape; without one it fails with "grad can be implicitly created only for scalar outputs".
- `y.backward(v)` computes the vector-Jacobian product $v^T J$, the $v$-weighted sum of derivatives; a unit vector for $v$ gives one row of $J$.
- Building $J$ row by row needs `retain_graph=True` on the shared graph and `x.grad.zero_()` after each row; `torch.autograd.functional.jacobian(f, x)` does all that for us.

Next lesson: dynamic graphs, where Python's `if` and `while` draw a different graph for each input, and we see why reverse mode is such a good deal.
""",
    ),
]
