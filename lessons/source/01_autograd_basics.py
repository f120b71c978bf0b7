"""Lesson 1: autograd basics, from the seed lesson: a scalar's derivative, a matrix example, requires_grad.

The seed's vector example (CopySlices, the Jacobian exercise) is in lesson 4,
its retain_graph example in lesson 6, each with its derivation.
"""

from lesson_build import answer, check, code, exercises_heading, md, setup

CELLS = [
    md(
        zh=r"""
# 自动求导

这次课程我们会了解 PyTorch 中的自动求导机制。自动求导是 PyTorch 中非常重要的特性,能够让我们避免手动去计算非常复杂的导数,极大地减少构建模型的时间。在它的前身、用 Lua 写的 Torch 里,每个 `nn` 模块都要自己写好反向传播的代码,自动求导只是一个单独的扩展包(torch-autograd);PyTorch 则把它做进了每一个张量运算。下面我们通过例子看看自动求导的独特魅力。

学完这一课,你可以:
- 用 `backward()` 求出一个标量对张量的导数,并用手算验证它;
- 在计算图的图片上找到每个叶子节点的梯度;
- 说出 `requires_grad=True` 的作用,并修好一段忘了写它的代码。
""",
        en=r"""
# Autograd

This lesson is about automatic differentiation in PyTorch. Autograd is one of PyTorch's most important features: it spares us from computing complicated derivatives by hand, which saves a great deal of time when we build models. In PyTorch's predecessor, Torch (written in Lua), every `nn` module came with its own hand-written backward code, and automatic differentiation was a separate add-on package (torch-autograd); PyTorch builds it into every tensor operation. Let us see what it does through examples.

After this lesson you can:
- get the derivative of a scalar with respect to a tensor with `backward()`, and check it by hand;
- find each leaf's gradient in the picture of the computation graph;
- say what `requires_grad=True` does, and fix code that forgot it.
""",
    ),
    md(
        zh=r"""
我们用 `autograd_lab` 代替 `torch`:它和 PyTorch 的用法、打印结果完全一样,而且每次 `backward()` 之后会画出计算图。第一行 `%load_ext autograd_lab` 打开画图功能;`%config AutogradMagics.language = "zh"` 让图、提示和报错里的解释都用中文。
""",
        en=r"""
We use `autograd_lab` in place of `torch`: it is used like PyTorch and prints what PyTorch prints, and after every `backward()` it draws the computation graph. The first line, `%load_ext autograd_lab`, turns the pictures on; `%config AutogradMagics.language = "en"` makes the pictures, hints and explanations of errors speak English.
""",
    ),
    setup("from autograd_lab.autograd import Variable"),
    md(
        zh=r"""
## 简单情况的自动求导
下面我们展示一些简单情况的自动求导。"简单"体现在计算的结果都是标量,也就是一个数,我们对这个标量进行自动求导。

代码里的 `Variable(...)` 是 PyTorch 0.4(2018 年)以前的旧写法:那时只有 `Variable` 能求导。现在每个张量都可以求导,`Variable(t, requires_grad=True)` 只是返回一个普通张量;新代码直接写 `torch.tensor([2.0], requires_grad=True)`。这里保留它,是因为你会在旧代码里遇到它。
""",
        en=r"""
## Autograd in the simple case
First, some simple cases. "Simple" means that the result of the computation is a scalar, a single number, and we differentiate that scalar.

The `Variable(...)` in the code is how PyTorch was written before version 0.4 (2018), when only a `Variable` could be differentiated. Today every tensor can, and `Variable(t, requires_grad=True)` just returns a plain tensor; new code writes `torch.tensor([2.0], requires_grad=True)`. We keep it here because you will meet it in old code.
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
# ⟨使用自动求导‖use autograd⟩
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
下面是一个稍微复杂一点的例子,从这里开始我们用今天的写法 `torch.tensor`:$x$ 是 $2 \times 3$ 的矩阵,$w$ 是 $3 \times 1$ 的矩阵,$x w$ 做矩阵乘法,得到两个数,最后求平均:

$$
out = \frac{1}{2} \sum_{i} (x w)_i = \frac{1}{2} \sum_i \sum_k x_{ik} w_k, \qquad \frac{\partial\, out}{\partial w_k} = \frac{1}{2} \sum_i x_{ik}, \qquad \frac{\partial\, out}{\partial x_{ik}} = \frac{w_k}{2}
$$

所以 $w$ 的梯度是 $x$ 每一列的平均值,而 $x$ 的梯度每一行都等于 $w^T / 2$。
""",
        en=r"""
## A matrix example
A slightly bigger example, written from here on the way it is written today, with `torch.tensor`: $x$ is a $2 \times 3$ matrix, $w$ a $3 \times 1$ matrix, $x w$ their matrix product, two numbers, and finally their mean:

$$
out = \frac{1}{2} \sum_{i} (x w)_i = \frac{1}{2} \sum_i \sum_k x_{ik} w_k, \qquad \frac{\partial\, out}{\partial w_k} = \frac{1}{2} \sum_i x_{ik}, \qquad \frac{\partial\, out}{\partial x_{ik}} = \frac{w_k}{2}
$$

So the gradient of $w$ is the mean of each column of $x$, and every row of the gradient of $x$ equals $w^T / 2$.
""",
    ),
    code(
        """
x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
w = torch.tensor([[1.0], [0.0], [-1.0]], requires_grad=True)
out = torch.mean(torch.matmul(x, w))  # ⟨torch.matmul 是做矩阵乘法‖torch.matmul is the matrix product⟩
out.backward()
print(w.grad)
print(x.grad)
"""
    ),
    md(
        zh=r"""
验算一下:$x$ 各列的平均值是 $(2.5,\ 3.5,\ 4.5)$,正是 `w.grad`;`x.grad` 的每一行都是 $w^T/2 = (0.5,\ 0,\ -0.5)$。图中 `MmBackward0` 的两条入边分别送回了这两个梯度。如果你对矩阵乘法不熟悉,可以查看下面的[网址进行复习](https://baike.baidu.com/item/%E7%9F%A9%E9%98%B5%E4%B9%98%E6%B3%95/5446029)。深度学习中充满了这样的矩阵运算,多到没法手动求导,有了自动求导,更新网络就变得很方便。
""",
        en=r"""
Check it: the column means of $x$ are $(2.5,\ 3.5,\ 4.5)$, which is `w.grad`; every row of `x.grad` is $w^T/2 = (0.5,\ 0,\ -0.5)$. In the picture, the two edges into `MmBackward0` carry these two gradients back. Deep learning is full of such matrix operations, far too many to differentiate by hand, and autograd is what makes updating a network easy.
""",
    ),
    md(
        zh=r"""
## 谁会得到梯度:requires_grad
只有创建时写了 `requires_grad=True` 的张量才会得到 `.grad`;其余的张量被当作常数。下面 $s = c_0 w_0 + c_1 w_1$,所以 $\frac{\partial s}{\partial w_i} = c_i$:`w.grad` 应该是 $c = (1,\ 2)$,而 `c` 不需要梯度,它的 `.grad` 是 `None`。
""",
        en=r"""
## Who gets a gradient: requires_grad
Only tensors created with `requires_grad=True` get a `.grad`; the others count as constants. Below, $s = c_0 w_0 + c_1 w_1$, so $\frac{\partial s}{\partial w_i} = c_i$: `w.grad` should be $c = (1,\ 2)$, while `c` needs no gradient and its `.grad` is `None`.
""",
    ),
    code(
        """
c = torch.tensor([1.0, 2.0])
w = torch.tensor([3.0, 4.0], requires_grad=True)
s = (c * w).sum()
s.backward()
print(w.grad, c.grad)
"""
    ),
    md(
        zh=r"""
图中 `w` 是绿色的叶子节点,带着梯度 $(1,\ 2)$;`c` 是灰色的常数,没有梯度。
""",
        en=r"""
In the picture, `w` is a green leaf carrying the gradient $(1,\ 2)$; `c` is a grey constant, with no gradient.
""",
    ),
    *exercises_heading(),
    md(
        zh=r"""
**练习 1(手算)。** 设 $f(x) = x^3 - 4x$。先用笔算出导数 $f'(x)$ 在 $x = 3$ 处的值,把下面的 `None` 换成你算出的数。
""",
        en=r"""
**Exercise 1 (by hand).** Let $f(x) = x^3 - 4x$. Work out its derivative $f'(x)$ at $x = 3$ on paper, and replace the `None` below with your number.
""",
    ),
    answer(
        """
my_slope = None
### BEGIN SOLUTION
my_slope = 3 * 3 ** 2 - 4
### END SOLUTION
""",
        "slope-by-hand",
        wrong="my_slope = 3 * 3 ** 2",
    ),
    check(
        1,
        2,
        grade_id="check-slope-by-hand",
        needs=("my_slope",),
        trial="""
            t = torch.tensor(3.0, requires_grad=True)
            (truth,) = torch.autograd.grad(t ** 3 - 4 * t, t)
            right = abs(float(my_slope) - truth.item()) < 1e-4
        """,
        right='f"⟨✔ 正确:f\'(3) = {truth.item():g},和自动求导的结果一样。‖✔ Right: f\'(3) = {truth.item():g}, as autograd says.⟩"',
        hint='"⟨还不对。提示:先求出导函数 f\'(x)(x³ 的导数是 3x²,4x 的导数是 4),再代入 x = 3。‖Not yet. Hint: find the derivative f\'(x) first (the derivative of x³ is 3x², of 4x it is 4), then put in x = 3.⟩"',
    ),
    md(
        zh=r"""
**练习 2(找 bug)。** 下面的函数想返回 $x^2$ 在 $x$ = `value` 处的导数 $2x$,可它一运行就报错。运行检查单元格看看报错,然后修好这个函数。
""",
        en=r"""
**Exercise 2 (fix the bug).** The function below means to return the derivative $2x$ of $x^2$ at $x$ = `value`, but it fails as soon as it runs. Run the check cell to see the error, then fix the function.
""",
    ),
    answer(
        """
def slope_of_square(value):
    x = torch.tensor(value)
    ### BEGIN SOLUTION
    x.requires_grad_(True)  # ⟨或者写 torch.tensor(value, requires_grad=True)‖or torch.tensor(value, requires_grad=True)⟩
    ### END SOLUTION
    y = x ** 2
    y.backward()
    return x.grad
""",
        "fix-requires-grad",
    ),
    check(
        2,
        3,
        grade_id="check-fix-requires-grad",
        needs=("slope_of_square",),
        trial="""
            grad = slope_of_square(5.0)
            right, problem = grad is not None and abs(float(grad) - 10.0) < 1e-6, f"x.grad = {grad}"
        """,
        right='"⟨✔ 正确:在 x = 5 处,x² 的导数是 10。‖✔ Right: at x = 5 the derivative of x² is 10.⟩"',
        hint='"⟨还不对。提示:只有告诉 PyTorch 要对 x 求导的张量,backward() 才会记录运算并给它一个 .grad。‖Not yet. Hint: backward() records operations and fills in .grad only for tensors PyTorch was told to differentiate.⟩"',
    ),
    md(
        zh=r"""
## 小结
- `backward()` 从一个标量出发,沿着计算图把梯度送回叶子节点,结果存放在 `.grad` 中;手算的导数和图上叶子节点的 grad 一致。
- 矩阵也一样:$w$ 的梯度和 $w$ 形状相同,每个数都是输出对 $w$ 中那个数的偏导数。
- 只有 `requires_grad=True` 的张量才会被求导;`Variable` 是旧写法,今天直接用 `torch.tensor(..., requires_grad=True)`。

下一课:计算图与链式法则,我们会一步一步地看反向传播是怎样进行的。
""",
        en=r"""
## Summary
- `backward()` starts from a scalar and sends gradients back through the graph to the leaves, leaving them in `.grad`; the derivative worked out by hand is the grad on the leaf in the picture.
- Matrices work the same way: the gradient of $w$ has the shape of $w$, and each of its numbers is the partial derivative of the output with respect to that number of $w$.
- Only tensors with `requires_grad=True` are differentiated; `Variable` is the old way, and today one writes `torch.tensor(..., requires_grad=True)`.

Next lesson: computation graphs and the chain rule, where we step through the backward pass one node at a time.
""",
    ),
]
