"""Lesson 1: autograd basics, the seed lesson ported (its code unchanged but for the imports)."""

from lesson_build import code, md

CELLS = [
    md(
        zh=r"""
# 自动求导

这次课程我们会了解 PyTorch 中的自动求导机制。自动求导是 PyTorch 中非常重要的特性,能够让我们避免手动去计算非常复杂的导数,极大地减少构建模型的时间;这也是其前身 Torch 这个框架所不具备的特性。下面我们通过例子看看自动求导的独特魅力,并探究它的更多用法。

学完这一课,你可以:
- 用 `backward()` 求出标量对张量的导数,并用手算验证它;
- 用 `backward(gradient)` 对向量求导,并一行一行地得到雅可比矩阵;
- 解释为什么第二次 `backward()` 需要 `retain_graph=True`,以及梯度为什么会累加。
""",
        en=r"""
# Autograd

This lesson is about automatic differentiation in PyTorch. Autograd is one of PyTorch's most important features: it spares us from computing complicated derivatives by hand, which saves a great deal of time when we build models, and it is something PyTorch's predecessor, Torch, did not have. Let us see what it does through examples, and explore more of what it can do.

After this lesson you can:
- get the derivative of a scalar with respect to a tensor with `backward()`, and check it by hand;
- differentiate a vector with `backward(gradient)`, and build a Jacobian row by row;
- explain why a second `backward()` needs `retain_graph=True`, and why gradients add up.
""",
    ),
    md(
        zh=r"""
我们用 `autograd_lab` 代替 `torch`:它和 PyTorch 的用法、打印结果完全一样,而且每次 `backward()` 之后会画出计算图。第一行 `%load_ext autograd_lab` 打开画图功能。
""",
        en=r"""
We use `autograd_lab` in place of `torch`: it is used like PyTorch and prints what PyTorch prints, and after every `backward()` it draws the computation graph. The first line, `%load_ext autograd_lab`, turns the pictures on.
""",
    ),
    code(
        """
%load_ext autograd_lab
import autograd_lab as torch
from autograd_lab.autograd import Variable
"""
    ),
    md(
        zh=r"""
## 简单情况的自动求导
下面我们展示一些简单情况的自动求导。"简单"体现在计算的结果都是标量,也就是一个数,我们对这个标量进行自动求导。
""",
        en=r"""
## Autograd in the simple case
First, some simple cases. "Simple" means that the result of the computation is a scalar, a single number, and we differentiate that scalar.
""",
    ),
    code(
        """
x = Variable(torch.Tensor([2]), requires_grad=True)
y = x + 2
z = y ** 2 + 3
print(z)
"""
    ),
    md(
        zh=r"""
通过上面的一系列操作,我们从 x 得到了最后的结果 z,可以将其表示为数学公式

$$
z = (x + 2)^2 + 3
$$

那么 z 对 x 求导的结果就是

$$
\frac{\partial z}{\partial x} = 2 (x + 2) = 2 (2 + 2) = 8
$$

如果你对求导不熟悉,可以查看以下[网址进行复习](https://baike.baidu.com/item/%E5%AF%BC%E6%95%B0#1)。
""",
        en=r"""
Through these operations we went from x to the final result z. As a formula:

$$
z = (x + 2)^2 + 3
$$

so the derivative of z with respect to x is

$$
\frac{\partial z}{\partial x} = 2 (x + 2) = 2 (2 + 2) = 8
$$

If derivatives are rusty, [Khan Academy's introduction](https://www.khanacademy.org/math/differential-calculus) is a good review.
""",
    ),
    code(
        """
# 使用自动求导
z.backward()
print(x.grad)
"""
    ),
    md(
        zh=r"""
图里,绿色的 `x` 是叶子节点,它的 grad 正是我们手算的 8;每条边上红色的数字是反向传播沿这条边送回的梯度。对于这样一个简单的例子,我们验证了自动求导;如果例子更复杂,手动求导就会非常麻烦,自动求导能帮我们省去这些数学计算。
""",
        en=r"""
In the picture, the green `x` is a leaf, and its grad is the 8 we computed by hand; the red number on each edge is the gradient that backward sent back along it. For this simple example we have checked autograd by hand. For a more complicated one, differentiating by hand becomes tedious, and autograd spares us that work.
""",
    ),
    md(
        zh=r"""
## 一个矩阵的例子
下面是一个稍微复杂一点的例子:$x$ 是 $2 \times 3$ 的矩阵,$w$ 是 $3 \times 1$ 的矩阵,$y = x w$ 做矩阵乘法,最后对所有元素求平均:

$$
out = \frac{1}{2} \sum_{i} (x w)_i, \qquad \frac{\partial\, out}{\partial w_k} = \frac{1}{2} \sum_i x_{ik}
$$

所以 $w$ 的梯度是 $x$ 每一列的平均值,而 $x$ 的梯度每一行都等于 $w^T / 2$。
""",
        en=r"""
## A matrix example
A slightly bigger example: $x$ is a $2 \times 3$ matrix, $w$ a $3 \times 1$ matrix, $y = x w$ a matrix product, and finally the mean of all elements:

$$
out = \frac{1}{2} \sum_{i} (x w)_i, \qquad \frac{\partial\, out}{\partial w_k} = \frac{1}{2} \sum_i x_{ik}
$$

So the gradient of $w$ is the mean of each column of $x$, and every row of the gradient of $x$ equals $w^T / 2$.
""",
    ),
    code(
        """
x = Variable(torch.Tensor([[1, 2, 3], [4, 5, 6]]), requires_grad=True)
w = Variable(torch.Tensor([[1], [0], [-1]]), requires_grad=True)
out = torch.mean(torch.matmul(x, w))  # torch.matmul 是做矩阵乘法
out.backward()
print(w.grad)
print(x.grad)
"""
    ),
    md(
        zh=r"""
验算一下:$x$ 各列的平均值是 $(2.5,\ 3.5,\ 4.5)$,正是 `w.grad`;`x.grad` 的每一行都是 $w^T/2 = (0.5,\ 0,\ -0.5)$。图中 `MmBackward0` 的两条入边分别送回了这两个梯度。如果你对矩阵乘法不熟悉,可以查看下面的[网址进行复习](https://baike.baidu.com/item/%E7%9F%A9%E9%98%B5%E4%B9%98%E6%B3%95/5446029)。
""",
        en=r"""
Check it: the column means of $x$ are $(2.5,\ 3.5,\ 4.5)$, which is `w.grad`; every row of `x.grad` is $w^T/2 = (0.5,\ 0,\ -0.5)$. In the picture, the two edges into `MmBackward0` carry these two gradients back. Deep learning is full of such matrix operations, far too many to differentiate by hand, and autograd is what makes updating a network easy.
""",
    ),
    md(
        zh=r"""
## 复杂情况的自动求导
上面我们展示了简单情况下的自动求导,都是对标量进行自动求导。可能你会有一个疑问:如何对一个向量或者矩阵自动求导呢?感兴趣的同学可以自己先去尝试一下,下面我们会介绍对多维数组的自动求导机制。
""",
        en=r"""
## Autograd in the general case
So far we differentiated scalars. You may wonder how to differentiate a vector or a matrix. Try it yourself first if you like; below we look at how autograd handles multi-dimensional results.
""",
    ),
    code(
        """
m = Variable(torch.FloatTensor([[2, 3]]), requires_grad=True) # 构建一个 1 x 2 的矩阵
n = Variable(torch.zeros(1, 2)) # 构建一个相同大小的 0 矩阵
print(m)
print(n)
"""
    ),
    code(
        """
# 通过 m 中的值计算新的 n 中的值
print(m[0,0])
n[0, 0] = m[0, 0] ** 2
n[0, 1] = m[0, 1] ** 3
print(n)
"""
    ),
    md(
        zh=r"""
将上面的式子写成数学公式,可以得到
$$
n = (n_0,\ n_1) = (m_0^2,\ m_1^3) = (2^2,\ 3^3)
$$

下面我们直接对 n 进行反向传播,也就是求 n 对 m 的导数。这时我们需要明确这个导数的定义,即如何定义

$$
\frac{\partial n}{\partial m} = \frac{\partial (n_0,\ n_1)}{\partial (m_0,\ m_1)}
$$

在 PyTorch 中,如果要调用自动求导,需要往 `backward()` 中传入一个参数,这个参数的形状和 n 一样大,比如是 $(w_0,\ w_1)$,那么自动求导的结果就是:
$$
\frac{\partial n}{\partial m_0} = w_0 \frac{\partial n_0}{\partial m_0} + w_1 \frac{\partial n_1}{\partial m_0}
$$
$$
\frac{\partial n}{\partial m_1} = w_0 \frac{\partial n_0}{\partial m_1} + w_1 \frac{\partial n_1}{\partial m_1}
$$
""",
        en=r"""
As a formula:
$$
n = (n_0,\ n_1) = (m_0^2,\ m_1^3) = (2^2,\ 3^3)
$$

Now we run backward from n, that is, we differentiate n with respect to m. First we must say what this derivative means:

$$
\frac{\partial n}{\partial m} = \frac{\partial (n_0,\ n_1)}{\partial (m_0,\ m_1)}
$$

In PyTorch, `backward()` on a non-scalar needs an argument of the same shape as n, say $(w_0,\ w_1)$, and the result is:
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
n.backward(torch.ones_like(n)) # 将 (w0, w1) 取成 (1, 1)
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
通过验算我们得到了相同的结果。图中两个 `CopySlices` 节点标出了各自写入的位置(`wrote [0, 0]`、`wrote [0, 1]`)。
""",
        en=r"""
Autograd gives the gradients 4 and 27. Let us check:
$$
\frac{\partial n}{\partial m_0} = w_0 \frac{\partial n_0}{\partial m_0} + w_1 \frac{\partial n_1}{\partial m_0} = 2 m_0 + 0 = 2 \times 2 = 4
$$
$$
\frac{\partial n}{\partial m_1} = w_0 \frac{\partial n_0}{\partial m_1} + w_1 \frac{\partial n_1}{\partial m_1} = 0 + 3 m_1^2 = 3 \times 3^2 = 27
$$
The same result. In the picture, the two `CopySlices` nodes show where each one wrote (`wrote [0, 0]`, `wrote [0, 1]`).
""",
    ),
    md(
        zh=r"""
## 多次自动求导
调用一次 backward 我们可以进行一次自动求导;如果再调用一次 backward,会发现程序报错。这是因为 PyTorch 默认做完一次自动求导之后,计算图中保存的值就被释放了,所以两次自动求导需要手动设置一个参数,我们通过下面的小例子来说明。
""",
        en=r"""
## Running backward more than once
One call to backward runs autograd once. Call it again and you get an error: by default, once backward is done, PyTorch frees the values the graph saved. To run backward twice you must say so, as this small example shows.
""",
    ),
    code(
        """
x = Variable(torch.FloatTensor([3]), requires_grad=True)
y = x * 2 + x ** 2 + 3
print(y)
"""
    ),
    code(
        """
y.backward(retain_graph=True) # 设置 retain_graph 为 True 来保留计算图
"""
    ),
    code(
        """
print(x.grad)
"""
    ),
    code(
        """
y.backward() # 再做一次自动求导,这次不保留计算图
"""
    ),
    code(
        """
print(x.grad)
"""
    ),
    md(
        zh=r"""
可以发现 x 的梯度变成了 16:这里做了两次自动求导,所以第一次的梯度 8 和第二次的梯度 8 加起来得到了 16。第二张图里,保存了值的节点(`MulBackward0`、`PowBackward0`)边框变成了虚线:它们保存的值已经被释放。再调用一次就会报错:
""",
        en=r"""
The gradient of x is now 16: backward ran twice, so the first 8 and the second 8 add up to 16. In the second picture, the nodes that saved values (`MulBackward0`, `PowBackward0`) have dashed borders: what they saved has been freed. One more call fails:
""",
    ),
    code(
        """
y.backward() # 第三次:计算图保存的值已经被释放
""",
        "raises-exception",
    ),
    md(
        zh=r"""
## 小练习

定义

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

先用笔算出 $j$,把你的答案写在下面的单元格里(把 `...` 换成数字)。
""",
        en=r"""
## Exercise

Let

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

Work $j$ out on paper first, and write your answer in the cell below (replace each `...` with a number).
""",
    ),
    code(
        """
my_j = [[..., ...],
        [..., ...]]
"""
    ),
    md(
        zh=r"""
下面用自动求导一行一行地求出 $j$:传入 $(1, 0)$ 得到第一行,传入 $(0, 1)$ 得到第二行。每次之前要把 `x.grad` 归零,否则梯度会累加。注意 $k$ 的第二个分量在代码中写成 `x[1] ** 2 + 2 * x[0]`,和公式是同一个式子。
""",
        en=r"""
Now autograd computes $j$ row by row: passing $(1, 0)$ gives the first row, $(0, 1)$ the second. Between the two, `x.grad` must be set back to zero, or the gradients would add up. Note that the code writes the second component of $k$ as `x[1] ** 2 + 2 * x[0]`: the same expression as the formula.
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
    code(
        """
#k.backward(torch.ones_like(k))
#print(x.grad)
# 和上一个的区别在于该算法是求得导数和,并不是分布求解。
"""
    ),
    code(
        """
j = torch.zeros(2, 2)
k.backward(torch.FloatTensor([1, 0]), retain_graph=True)
print(k)
j[0] = x.grad.data
print(x.grad.data)

x.grad.data.zero_() # 归零之前求得的梯度

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
    code(
        """
# 检查你的答案 / check your answer
if any(v is ... for row in my_j for v in row):
    print("先在上面的 my_j 里填上你算出的数字。 / Fill in my_j above first.")
elif torch.allclose(torch.tensor(my_j, dtype=torch.float32), j):
    print("✔ 完全正确! / Right: your Jacobian matches autograd's.")
else:
    print("还不对。提示:第 i 行是 k_i 对 x_0、x_1 的偏导数;求偏导时把另一个变量当作常数。"
          " / Not yet. Hint: row i holds the derivatives of k_i; treat the other variable as a constant.")
"""
    ),
    md(
        zh=r"""
## 小结
- `backward()` 从输出出发沿着计算图把梯度送回叶子节点,结果存放在 `.grad` 中,图中每个节点上的 grad 就是这一步的链式法则。
- 对向量求导时,`backward(w)` 求的是 $w$ 加权的导数之和;取 $w$ 为单位向量就能一行一行地得到雅可比矩阵。
- 计算图保存的值在 `backward()` 之后被释放,第二次需要 `retain_graph=True`;而 `.grad` 会累加,所以要用 `zero_()` 归零。

下一课:计算图与链式法则,我们会一步一步地看反向传播是怎样进行的。
""",
        en=r"""
## Summary
- `backward()` sends gradients from the output back through the graph to the leaves and leaves them in `.grad`; the grad on each node of the picture is one step of the chain rule.
- For a vector, `backward(w)` gives the $w$-weighted sum of derivatives; unit vectors for $w$ give the Jacobian row by row.
- The values a graph saved are freed after `backward()`, so a second one needs `retain_graph=True`; and `.grad` accumulates, so `zero_()` resets it.

Next lesson: computation graphs and the chain rule, where we step through the backward pass one node at a time.
""",
    ),
]
