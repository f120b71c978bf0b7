"""Lesson 3: vector outputs, the Jacobian, and what backward(gradient) computes."""

from lesson_build import code, md

CELLS = [
    md(
        zh=r"""
# 向量输出:雅可比矩阵与 gradient 参数

到目前为止,我们调用 `backward()` 的对象几乎都是标量。可是神经网络里很多中间结果是向量,甚至是矩阵。这一课我们来看:输出是向量时,"导数"是什么,`backward()` 又在算什么。

学完这一课,你可以:
- 解释为什么对向量直接调用 `backward()` 会报错,以及 `backward(v)` 算的是向量-雅可比积 $v^T J$;
- 用单位向量一行一行地求出雅可比矩阵,并用 `torch.autograd.functional.jacobian` 验证;
- 对一个非对角的雅可比矩阵手算 $v^T J$。
""",
        en=r"""
# Vector outputs: Jacobians and the gradient argument

So far we have almost always called `backward()` on a scalar. But in a neural network many intermediate results are vectors, or even matrices. This lesson asks: when the output is a vector, what is "the derivative", and what does `backward()` compute?

After this lesson you can:
- explain why calling `backward()` on a vector fails, and that `backward(v)` computes the vector-Jacobian product $v^T J$;
- build a Jacobian row by row with unit vectors, and check it with `torch.autograd.functional.jacobian`;
- compute $v^T J$ by hand for a Jacobian that is not diagonal.
""",
    ),
    code(
        """
%load_ext autograd_lab
import autograd_lab as torch
"""
    ),
    md(
        zh=r"""
## 向量的输出
取 $x = (1,\ 2,\ 3)$,逐个元素平方:$y = x^2 = (1,\ 4,\ 9)$。现在 $y$ 有三个数,而不是一个。
""",
        en=r"""
## A vector output
Take $x = (1,\ 2,\ 3)$ and square it element by element: $y = x^2 = (1,\ 4,\ 9)$. Now $y$ holds three numbers, not one.
""",
    ),
    code(
        """
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x ** 2
print(y)
"""
    ),
    md(
        zh=r"""
像上一课那样直接调用 `y.backward()`,会得到一个错误。反向传播总是从输出端的一个"起始梯度"出发;输出是标量时,这个起始梯度就是 $\frac{\partial y}{\partial y} = 1$,PyTorch 可以替我们创建。输出有三个数时,PyTorch 不知道每个数应该算多少,所以要我们自己给出。
""",
        en=r"""
Calling `y.backward()` as in the last lesson gives an error. The backward pass always starts from a "starting gradient" at the output; for a scalar output that is $\frac{\partial y}{\partial y} = 1$, and PyTorch can create it for us. With three numbers in the output, PyTorch does not know how much each one should count, so we have to say.
""",
    ),
    code(
        """
y.backward()
""",
        "raises-exception",
    ),
    md(
        zh=r"""
## 雅可比矩阵与向量-雅可比积
$y$ 的每个分量对 $x$ 的每个分量都有一个偏导数,把它们排成矩阵就是**雅可比矩阵**:第 $i$ 行第 $j$ 列是 $J_{ij} = \frac{\partial y_i}{\partial x_j}$。对 $y = x^2$,$y_i$ 只依赖 $x_i$,所以

$$
J = \left[ \begin{matrix} 2x_0 & 0 & 0 \\ 0 & 2x_1 & 0 \\ 0 & 0 & 2x_2 \end{matrix} \right]
  = \left[ \begin{matrix} 2 & 0 & 0 \\ 0 & 4 & 0 \\ 0 & 0 & 6 \end{matrix} \right]
$$

`y.backward(v)` 并不求出整个 $J$,而是求**向量-雅可比积**:

$$
x.\mathrm{grad} = v^T J, \qquad (v^T J)_j = \sum_i v_i \frac{\partial y_i}{\partial x_j}
$$

取 $v = (1,\ 0.1,\ 0.01)$,结果应该是 $(1 \times 2,\ 0.1 \times 4,\ 0.01 \times 6) = (2,\ 0.4,\ 0.06)$。
""",
        en=r"""
Each component of $y$ has a partial derivative with respect to each component of $x$; arranged in a matrix they form the **Jacobian**: row $i$, column $j$ holds $J_{ij} = \frac{\partial y_i}{\partial x_j}$. For $y = x^2$, $y_i$ depends on $x_i$ only, so

$$
J = \left[ \begin{matrix} 2x_0 & 0 & 0 \\ 0 & 2x_1 & 0 \\ 0 & 0 & 2x_2 \end{matrix} \right]
  = \left[ \begin{matrix} 2 & 0 & 0 \\ 0 & 4 & 0 \\ 0 & 0 & 6 \end{matrix} \right]
$$

`y.backward(v)` does not compute all of $J$: it computes the **vector-Jacobian product**

$$
x.\mathrm{grad} = v^T J, \qquad (v^T J)_j = \sum_i v_i \frac{\partial y_i}{\partial x_j}
$$

With $v = (1,\ 0.1,\ 0.01)$ the result should be $(1 \times 2,\ 0.1 \times 4,\ 0.01 \times 6) = (2,\ 0.4,\ 0.06)$.
""",
    ),
    code(
        """
v = torch.tensor([1.0, 0.1, 0.01])
y.backward(v)
print(x.grad)
"""
    ),
    md(
        zh=r"""
注意图的输出节点上 grad 正是我们传入的 $v$,它就是反向传播的起始梯度;`x` 上的 grad 是 $(2,\ 0.4,\ 0.06)$,每个数都带着 $v$ 中对应的权重。
""",
        en=r"""
Notice that the grad on the output node is the $v$ we passed in: it is the starting gradient of the backward pass. The grad on `x` is $(2,\ 0.4,\ 0.06)$, each number scaled by its weight in $v$.
""",
    ),
    md(
        zh=r"""
## 一行一行地求雅可比矩阵
如果 $v$ 取第 $i$ 个单位向量 $e_i$(第 $i$ 个位置是 1,其余是 0),那么 $e_i^T J$ 正好是 $J$ 的第 $i$ 行。所以对每个 $i$ 调用一次 `backward(e_i)`,就能一行一行地拼出 $J$。要注意两件事:同一张图要多次反向传播,所以要 `retain_graph=True`;`.grad` 会累加,所以每一行之后要用 `x.grad.zero_()` 归零。这个循环会调用三次 `backward()`,我们先用 `%autograd off` 关掉画图。
""",
        en=r"""
## The Jacobian, row by row
If $v$ is the $i$-th unit vector $e_i$ (1 in place $i$, 0 elsewhere), then $e_i^T J$ is exactly row $i$ of $J$. So one call to `backward(e_i)` per $i$ builds $J$ row by row. Two things to watch: we run backward through the same graph several times, so we need `retain_graph=True`; and `.grad` accumulates, so after each row we reset it with `x.grad.zero_()`. The loop calls `backward()` three times, so we turn the pictures off first with `%autograd off`.
""",
    ),
    code(
        """
y = x ** 2                   # 上面的 backward 已经释放了旧图,重新建一张
x.grad.zero_()               # 清掉上面留下的 (2, 0.4, 0.06)
J = torch.zeros(3, 3)
%autograd off
for i in range(3):
    e = torch.zeros(3)
    e[i] = 1.0               # 第 i 个单位向量 / the i-th unit vector
    y.backward(e, retain_graph=True)
    J[i] = x.grad            # 第 i 行 / row i
    x.grad.zero_()
%autograd on
print(J)
"""
    ),
    md(
        zh=r"""
得到的正是对角矩阵 $\mathrm{diag}(2,\ 4,\ 6)$,和手算一致。
""",
        en=r"""
This is the diagonal matrix $\mathrm{diag}(2,\ 4,\ 6)$, as computed by hand.
""",
    ),
    md(
        zh=r"""
## 用 `jacobian` 一次求出
这样的循环 PyTorch 已经替我们写好了:`torch.autograd.functional.jacobian(f, x)` 接受一个函数和它的输入,返回整个雅可比矩阵。它不会改动 `x.grad`,也不需要我们传入 $v$。
""",
        en=r"""
PyTorch has written that loop for us: `torch.autograd.functional.jacobian(f, x)` takes a function and its input, and returns the whole Jacobian. It leaves `x.grad` alone, and needs no $v$ from us.
""",
    ),
    code(
        """
J_auto = torch.autograd.functional.jacobian(lambda t: t ** 2, x)
print(J_auto)
print(torch.allclose(J_auto, J))
"""
    ),
    md(
        zh=r"""
两种方法得到同一个矩阵,`allclose` 打印 `True`。
""",
        en=r"""
Both ways give the same matrix, and `allclose` prints `True`.
""",
    ),
    md(
        zh=r"""
## 一个不是对角的例子
对角的雅可比矩阵说明每个输出只依赖一个输入。下面的 $y = A x$ 把各个分量混在一起,$A$ 是 $2 \times 3$ 的矩阵:

$$
A = \left[ \begin{matrix} 1 & 2 & 0 \\ 0 & 1 & -1 \end{matrix} \right], \qquad
y = A x = (x_0 + 2x_1,\ x_1 - x_2)
$$

逐个求偏导,会发现 $J = A$:线性函数的雅可比矩阵就是它的矩阵。注意 $J$ 的形状是 $2 \times 3$:每个输出一行,每个输入一列。
""",
        en=r"""
A diagonal Jacobian means each output depends on one input only. The $y = A x$ below mixes the components; $A$ is a $2 \times 3$ matrix:

$$
A = \left[ \begin{matrix} 1 & 2 & 0 \\ 0 & 1 & -1 \end{matrix} \right], \qquad
y = A x = (x_0 + 2x_1,\ x_1 - x_2)
$$

Taking the partial derivatives one by one gives $J = A$: the Jacobian of a linear function is its matrix. Notice the shape of $J$, $2 \times 3$: one row per output, one column per input.
""",
    ),
    code(
        """
A = torch.tensor([[1.0, 2.0, 0.0],
                  [0.0, 1.0, -1.0]])
print(torch.autograd.functional.jacobian(lambda t: A @ t, x))
"""
    ),
    md(
        zh=r"""
现在取 $v = (1,\ 1)$。按公式,$v^T J$ 就是把 $J$ 的两行加起来:$(1 + 0,\ 2 + 1,\ 0 - 1) = (1,\ 3,\ -1)$。这也等于对 $y_0 + y_1$ 这个标量求导。
""",
        en=r"""
Now take $v = (1,\ 1)$. By the formula, $v^T J$ adds up the two rows of $J$: $(1 + 0,\ 2 + 1,\ 0 - 1) = (1,\ 3,\ -1)$. This is also the gradient of the scalar $y_0 + y_1$.
""",
    ),
    code(
        """
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = A @ x
y.backward(torch.tensor([1.0, 1.0]))
print(x.grad)
"""
    ),
    md(
        zh=r"""
图中 `MvBackward0`(矩阵乘向量)收到的起始梯度是 $(1,\ 1)$,送给 `x` 的正是 $(1,\ 3,\ -1)$;`A` 不需要梯度,所以只是一个常数节点。
""",
        en=r"""
In the picture, `MvBackward0` (matrix times vector) receives the starting gradient $(1,\ 1)$ and sends exactly $(1,\ 3,\ -1)$ to `x`; `A` needs no gradient, so it is just a constant node.
""",
    ),
    md(
        zh=r"""
## 小练习

设 $x = (1,\ 2,\ 3)$,

$$
y = (y_0,\ y_1) = (x_0 x_1,\ x_1 + x_2^2), \qquad v = (1,\ 2)
$$

先用笔写出雅可比矩阵 $J$(两行三列),再算出 $v^T J$,把三个数写在下面的单元格里(把 `...` 换成数字)。
""",
        en=r"""
## Exercise

Let $x = (1,\ 2,\ 3)$ and

$$
y = (y_0,\ y_1) = (x_0 x_1,\ x_1 + x_2^2), \qquad v = (1,\ 2)
$$

On paper, first write down the Jacobian $J$ (two rows, three columns), then compute $v^T J$, and write its three numbers in the cell below (replace each `...` with a number).
""",
    ),
    code(
        """
my_vjp = [..., ..., ...]
"""
    ),
    md(
        zh=r"""
下面用 `backward(v)` 求出同一个向量-雅可比积。`torch.stack` 把两个标量拼成一个向量 $y$。
""",
        en=r"""
Now `backward(v)` computes the same vector-Jacobian product. `torch.stack` puts the two scalars together into the vector $y$.
""",
    ),
    code(
        """
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = torch.stack([x[0] * x[1], x[1] + x[2] ** 2])
y.backward(torch.tensor([1.0, 2.0]))
print(x.grad)
"""
    ),
    code(
        """
# 检查你的答案 / check your answer
if any(value is ... for value in my_vjp):
    print("先在上面的 my_vjp 里填上你算出的数字。 / Fill in my_vjp above first.")
elif torch.allclose(torch.tensor(my_vjp, dtype=torch.float32), x.grad):
    print("✔ 完全正确! / Right: your v^T J matches autograd's x.grad.")
else:
    print("还不对。提示:J 的第 i 行是 y_i 对 x_0、x_1、x_2 的偏导数;v^T J 的第 j 个数是 J 的第 j 列按 v 加权求和。"
          " / Not yet. Hint: row i of J holds the derivatives of y_i; entry j of v^T J is column j of J,"
          " weighted by v and summed.")
"""
    ),
    md(
        zh=r"""
## 小结
- 输出是向量时,`backward()` 需要一个和输出形状相同的 $v$ 作为起始梯度,否则报错 "grad can be implicitly created only for scalar outputs"。
- `y.backward(v)` 求的是向量-雅可比积 $v^T J$,而不是整个 $J$;取 $v$ 为单位向量就得到 $J$ 的一行(记得 `retain_graph=True` 和 `x.grad.zero_()`)。
- `torch.autograd.functional.jacobian(f, x)` 一次求出整个 $J$:每个输出一行,每个输入一列。

下一课:`retain_graph`、梯度累加与 `zero_()`,我们会仔细看看计算图什么时候被释放,以及梯度为什么会累加。
""",
        en=r"""
## Summary
- When the output is a vector, `backward()` needs a starting gradient $v$ of the output's shape; without one it fails with "grad can be implicitly created only for scalar outputs".
- `y.backward(v)` computes the vector-Jacobian product $v^T J$, not all of $J$; a unit vector for $v$ gives one row of $J$ (remember `retain_graph=True` and `x.grad.zero_()`).
- `torch.autograd.functional.jacobian(f, x)` computes all of $J$ at once: one row per output, one column per input.

Next lesson: `retain_graph`, gradient accumulation and `zero_()`, where we look closely at when a graph is freed and why gradients add up.
""",
    ),
]
