"""Lesson 2: computation graphs and the chain rule, stepped through node by node."""

from lesson_build import answer, check, code, exercises_heading, md, setup

CELLS = [
    md(
        zh=r"""
# 计算图与链式法则

上一课我们调用 `backward()` 就得到了梯度。这一课我们打开这个"黑盒子":PyTorch 在计算时记下了一张计算图,反向传播就是沿着这张图,一个节点一个节点地使用链式法则。

学完这一课,你可以:
- 读懂一张计算图:哪些是叶子节点,哪些是运算节点(`grad_fn`),反向传播按什么顺序经过它们,为什么只有叶子节点留下 `.grad`;
- 在一个小例子上用链式法则手算导数,并在图上找到每一个数;
- 解释为什么一个变量被用了多次时,各条路径送回的梯度要加起来。
""",
        en=r"""
# Computation graphs and the chain rule

In the last lesson, one call to `backward()` gave us the gradients. This lesson opens the black box: while computing, PyTorch records a computation graph, and the backward pass walks that graph node by node, applying the chain rule at each one.

After this lesson you can:
- read a computation graph: which nodes are leaves, which are operations (`grad_fn`), in what order the backward pass visits them, and why only leaves keep their `.grad`;
- apply the chain rule by hand on a small example, and find each of your numbers on the graph;
- explain why, when a variable is used more than once, the gradients coming back along its paths add up.
""",
    ),
    setup(),
    md(
        zh=r"""
## 什么是计算图
我们从一个最小的"模型"开始:$y = w x + b$,再取平方得到 $L = y^2$,其中 $x = 2,\ w = 3,\ b = 1$。对 `requires_grad=True` 的张量做的每一次运算,PyTorch 都会记下一个节点,节点的名字就是结果的 `grad_fn`。我们自己创建的 `x`、`w`、`b` 是**叶子节点**:它们不是算出来的,所以 `grad_fn` 是 `None`。`torch.draw(L)` 把这张图画出来;还没有调用 `backward()`,所以图上只有值。
""",
        en=r"""
## What a computation graph is
We start from the smallest possible "model": $y = w x + b$, then its square $L = y^2$, with $x = 2,\ w = 3,\ b = 1$. For every operation on tensors with `requires_grad=True`, PyTorch records a node, and the node's name is the result's `grad_fn`. The `x`, `w` and `b` we created ourselves are **leaves**: nobody computed them, so their `grad_fn` is `None`. `torch.draw(L)` draws the graph; we have not called `backward()` yet, so it shows values only.
""",
    ),
    code(
        """
x = torch.tensor(2.0, requires_grad=True)
w = torch.tensor(3.0, requires_grad=True)
b = torch.tensor(1.0, requires_grad=True)
y = w * x + b
L = y ** 2
print(y)
print(L)
print(x.is_leaf, x.grad_fn, y.is_leaf)
torch.draw(L)
"""
    ),
    md(
        zh=r"""
注意图中的三种东西:绿色的叶子 `x`、`w`、`b`;运算节点 `MulBackward0`(乘)、`AddBackward0`(加)、`PowBackward0`(乘方),它们正是打印出来的 `grad_fn`;以及每个节点上前向计算得到的值 6、7、49。
""",
        en=r"""
Notice three kinds of things in the picture: the green leaves `x`, `w`, `b`; the operation nodes `MulBackward0` (multiply), `AddBackward0` (add) and `PowBackward0` (power), which are exactly the `grad_fn`s printed above; and on each node the value the forward pass computed: 6, 7, 49.
""",
    ),
    md(
        zh=r"""
## 用链式法则手算
链式法则说:如果 $L$ 通过 $y$ 依赖 $w$,那么 $\frac{\partial L}{\partial w} = \frac{\partial L}{\partial y} \cdot \frac{\partial y}{\partial w}$。先算最外层:

$$
\frac{\partial L}{\partial y} = 2y = 2 \times 7 = 14
$$

再乘上 $y = w x + b$ 的局部导数 $\frac{\partial y}{\partial w} = x$、$\frac{\partial y}{\partial x} = w$、$\frac{\partial y}{\partial b} = 1$:

$$
\frac{\partial L}{\partial w} = 14 \times x = 14 \times 2 = 28, \qquad
\frac{\partial L}{\partial x} = 14 \times w = 14 \times 3 = 42, \qquad
\frac{\partial L}{\partial b} = 14 \times 1 = 14
$$
""",
        en=r"""
## The chain rule by hand
The chain rule says: if $L$ depends on $w$ through $y$, then $\frac{\partial L}{\partial w} = \frac{\partial L}{\partial y} \cdot \frac{\partial y}{\partial w}$. Start with the outermost step:

$$
\frac{\partial L}{\partial y} = 2y = 2 \times 7 = 14
$$

then multiply by the local derivatives of $y = w x + b$, namely $\frac{\partial y}{\partial w} = x$, $\frac{\partial y}{\partial x} = w$ and $\frac{\partial y}{\partial b} = 1$:

$$
\frac{\partial L}{\partial w} = 14 \times x = 14 \times 2 = 28, \qquad
\frac{\partial L}{\partial x} = 14 \times w = 14 \times 3 = 42, \qquad
\frac{\partial L}{\partial b} = 14 \times 1 = 14
$$
""",
    ),
    md(
        zh=r"""
## 一步一步地反向传播
`%autograd step L` 会替我们运行 `L.backward()`,并把它拆成一步一步:用 **next ▶** 按钮或滑块前进,每一步高亮当前处理的节点,并在图下面写出到达的梯度、使用的求导规则和送给每个输入的梯度。顺序是这样的:引擎要等一个节点的**所有使用者**都把梯度送到之后,才处理这个节点,因为只有那时它的梯度才是完整的。这里每个节点都只有一个使用者,所以顺序就是从 `L` 倒着走回去:`PowBackward0` 送出 14,`AddBackward0` 把 14 送给 `MulBackward0` 和 `b`,`b` 的梯度已经完整,马上存下,最后 `MulBackward0` 送给 `w` 28、送给 `x` 42。
""",
        en=r"""
## The backward pass, step by step
`%autograd step L` runs `L.backward()` for us and splits it into steps: move with the **next ▶** button or the slider, and each step highlights the node being processed and, below the picture, writes out the gradient that arrived, the derivative rule used, and what was sent to each input. The order is this: the engine processes a node only once **all its consumers** have sent their gradients, because only then is its gradient complete. Here every node has a single consumer, so the order simply runs back from `L`: `PowBackward0` sends 14, `AddBackward0` sends 14 to both `MulBackward0` and `b`, `b`'s gradient is complete and is stored at once, and last `MulBackward0` sends 28 to `w` and 42 to `x`.
""",
    ),
    code(
        """
%autograd step L
"""
    ),
    code(
        """
print(x.grad, w.grad, b.grad)
"""
    ),
    md(
        zh=r"""
三个梯度 42、28、14 和我们手算的完全一样;在图上,它们就是每条边上红色的数字:每个节点把"到达的梯度 × 局部导数"沿边送回去,这就是链式法则。
""",
        en=r"""
The three gradients 42, 28, 14 are exactly the ones we computed by hand; in the picture they are the red numbers on the edges: each node sends back "gradient that arrived × local derivative" along each edge, and that is the chain rule.
""",
    ),
    md(
        zh=r"""
## 梯度是什么意思?动手试一试
梯度告诉我们:输入变一点点,输出会变多少。下面的滑块控制 $x$、$w$、$b$ 的值;每移动一次,就重新做一次前向和 `backward()`,图和梯度都会跟着变。试着把 $w$ 调到 0:$\partial L/\partial x = 2(wx+b)\,w$ 会变成 0,因为这时 $x$ 已经不影响 $L$ 了。
""",
        en=r"""
## What does a gradient mean? Try it
A gradient says how much the output changes when an input changes a little. The sliders below set $x$, $w$ and $b$; each move runs the forward pass and `backward()` again, and the picture and the gradients follow. Try moving $w$ to 0: $\partial L/\partial x = 2(wx+b)\,w$ becomes 0, because then $x$ no longer affects $L$.
""",
    ),
    code(
        """
torch.interact(lambda x, w, b: (w * x + b) ** 2, x=2.0, w=(3.0, -4, 4), b=1.0)
"""
    ),
    md(
        zh=r"""
## 一个变量用了两次
如果同一个变量出现在好几个地方,会怎样?看 $z = x \cdot x + x$,取 $x = 3$。直接求导得

$$
\frac{dz}{dx} = 2x + 1 = 2 \times 3 + 1 = 7
$$

在图上,`x` 有三条路通到 $z$:乘法的两个输入都是 `x`,每条路送回 $1 \times x = 3$;加法直接送回 $1$。引擎要等这三份梯度都到齐才处理 `x`,并把它们加起来:$3 + 3 + 1 = 7$。
""",
        en=r"""
## A variable used twice
What happens when the same variable appears in several places? Take $z = x \cdot x + x$ at $x = 3$. Differentiating directly:

$$
\frac{dz}{dx} = 2x + 1 = 2 \times 3 + 1 = 7
$$

In the graph, three paths lead from `x` to $z$: both inputs of the multiplication are `x`, and each of those paths sends back $1 \times x = 3$; the addition sends back $1$ directly. The engine waits until all three have arrived before it processes `x`, and adds them up: $3 + 3 + 1 = 7$.
""",
    ),
    code(
        """
x = torch.tensor(3.0, requires_grad=True)
z = x * x + x
%autograd step z
"""
    ),
    code(
        """
print(x.grad)
"""
    ),
    md(
        zh=r"""
走到最后一步,面板上写着三条路径的梯度相加:`tensor(1.) + tensor(3.) + tensor(3.) = tensor(7.)`;图中从 `x` 连出三条边,边上标着沿它送回的梯度:3、3 和 1。
""",
        en=r"""
At the last step, the panel adds up the three paths: `tensor(1.) + tensor(3.) + tensor(3.) = tensor(7.)`; in the picture, three edges leave `x`, each labelled with the gradient it carried back: 3, 3 and 1.
""",
    ),
    md(
        zh=r"""
## 只有叶子节点留下梯度
回到第一个例子 $L = (wx + b)^2$:反向传播经过了每一个节点,手算的 $\frac{\partial L}{\partial y} = 14$ 就是送到 `AddBackward0` 的梯度。可是 `y.grad` 读出来是 `None`,还带着一条警告(我们把警告收集起来再打印,方便阅读):为了省内存,中间结果的梯度用完就丢掉,只有叶子节点的梯度存进 `.grad`。
""",
        en=r"""
## Only leaves keep their gradient
Back to the first example, $L = (wx + b)^2$: the backward pass went through every node, and the $\frac{\partial L}{\partial y} = 14$ we computed by hand is the gradient that reached `AddBackward0`. Yet `y.grad` reads `None`, with a warning (we collect the warning and print it, to make it easy to read): to save memory, the gradient of an intermediate result is dropped once used, and only leaves store theirs in `.grad`.
""",
    ),
    code(
        """
import warnings

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    print(y.is_leaf, y.grad)
print(caught[0].message)
"""
    ),
    md(
        zh=r"""
警告里给出了办法:在 `backward()` **之前**对 `y` 调用 `retain_grad()`,它的梯度就会留下来。
""",
        en=r"""
The warning names the way out: call `retain_grad()` on `y` **before** `backward()`, and its gradient is kept.
""",
    ),
    code(
        """
x = torch.tensor(2.0, requires_grad=True)
w = torch.tensor(3.0, requires_grad=True)
b = torch.tensor(1.0, requires_grad=True)
y = w * x + b
y.retain_grad()
L = y ** 2
L.backward()
print(y.grad)
"""
    ),
    md(
        zh=r"""
`y.grad` 是手算的 14;图中 `y` 节点上也标着梯度 14。
""",
        en=r"""
`y.grad` is the 14 we computed by hand, and the `y` node in the picture carries the gradient 14 too.
""",
    ),
    *exercises_heading(),
    md(
        zh=r"""
**练习 1(手算)。** 设 $a = 2,\ b = 3$,

$$
q = (a + b) \cdot b
$$

先用笔算出 $\frac{\partial q}{\partial a}$ 和 $\frac{\partial q}{\partial b}$,把下面的两个 `None` 换成你算出的数。注意 $b$ 出现了两次。
""",
        en=r"""
**Exercise 1 (by hand).** Let $a = 2,\ b = 3$ and

$$
q = (a + b) \cdot b
$$

Work out $\frac{\partial q}{\partial a}$ and $\frac{\partial q}{\partial b}$ on paper, and replace the two `None`s below with your numbers. Note that $b$ appears twice.
""",
    ),
    answer(
        """
my_dq_da = None
my_dq_db = None
### BEGIN SOLUTION
my_dq_da = 3      # ⟨q = ab + b²,对 a 求导得 b‖q = ab + b², whose derivative in a is b⟩
my_dq_db = 2 + 2 * 3  # ⟨a + 2b‖a + 2b⟩
### END SOLUTION
""",
        "chain-rule-by-hand",
        wrong="my_dq_da = 3\nmy_dq_db = 5",
    ),
    check(
        1,
        2,
        grade_id="check-chain-rule-by-hand",
        needs=("my_dq_da", "my_dq_db"),
        trial="""
            ta = torch.tensor(2.0, requires_grad=True)
            tb = torch.tensor(3.0, requires_grad=True)
            truth = torch.autograd.grad((ta + tb) * tb, (ta, tb))
            ok = [abs(float(mine) - t.item()) < 1e-4 for mine, t in zip((my_dq_da, my_dq_db), truth)]
            right = all(ok)
            problem = "⟨不对的是:‖Not right yet: ⟩" + ", ".join(n for n, good in zip(["∂q/∂a", "∂q/∂b"], ok) if not good)
        """,
        right='"⟨✔ 正确:两个偏导数都和自动求导的结果一样。‖✔ Right: both partial derivatives match autograd.⟩"',
        hint='"⟨提示:沿着从 q 到变量的每一条路径用链式法则;一个变量用在几处,就把几条路径的贡献加起来。‖Hint: apply the chain rule along every path from q to the variable; where a variable is used in several places, add up what each path contributes.⟩"',
    ),
    md(
        zh=r"""
下面让自动求导来算,并画出图来。看看图中 `b` 连出几条边,每条边上送回的梯度是多少。
""",
        en=r"""
Now let autograd compute them, and draw the graph. In the picture, count the edges that leave `b`, and read the gradient each one carried back.
""",
    ),
    code(
        """
a = torch.tensor(2.0, requires_grad=True)
b = torch.tensor(3.0, requires_grad=True)
q = (a + b) * b
q.backward()
print(a.grad, b.grad)
torch.draw(q)
"""
    ),
    md(
        zh=r"""
**练习 2(找 bug)。** 下面的函数想返回 $L = h^2$ 对中间结果 $h = 3x + 1$ 的导数 $\frac{\partial L}{\partial h} = 2h$,可它返回的是 `None`。运行检查单元格看看,然后修好它。
""",
        en=r"""
**Exercise 2 (fix the bug).** The function below means to return the derivative $\frac{\partial L}{\partial h} = 2h$ of $L = h^2$ with respect to the intermediate result $h = 3x + 1$, but it returns `None`. Run the check cell to see, then fix the function.
""",
    ),
    answer(
        """
def grad_at_h(x_value):
    x = torch.tensor(x_value, requires_grad=True)
    h = 3 * x + 1
    ### BEGIN SOLUTION
    h.retain_grad()
    ### END SOLUTION
    L = h ** 2
    L.backward()
    return h.grad
""",
        "fix-retain-grad",
    ),
    check(
        2,
        3,
        grade_id="check-fix-retain-grad",
        needs=("grad_at_h",),
        trial="""
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # ⟨读非叶子节点的 .grad 会警告;这里只看结果‖reading a non-leaf's .grad warns; only the result counts here⟩
                grad = grad_at_h(1.0)
            right, problem = grad is not None and abs(float(grad) - 8.0) < 1e-6, f"h.grad = {grad}"
        """,
        right='"⟨✔ 正确:x = 1 时 h = 4,∂L/∂h = 2h = 8。‖✔ Right: at x = 1, h = 4 and ∂L/∂h = 2h = 8.⟩"',
        hint='"⟨还不对。提示:h 不是叶子节点;反向传播经过它,但不会把它的梯度存下来,除非在 backward() 之前就告诉它。‖Not yet. Hint: h is not a leaf; the backward pass goes through it but does not store its gradient, unless told to before backward().⟩"',
    ),
    md(
        zh=r"""
## 小结
- 计算图的叶子是我们创建的张量(`grad_fn` 为 `None`),其余节点是运算,名字就是 `grad_fn`;只有叶子节点的梯度存进 `.grad`,中间结果要用 `retain_grad()` 留下梯度。
- 反向传播在每个节点上做一次链式法则:到达的梯度乘以局部导数,再沿边送回;一个节点要等所有使用者的梯度都到齐才被处理。
- 一个变量被用了多次时,各条路径送回的梯度相加:这就是多元函数的链式法则,沿每条路径求导,再把结果加起来。

下一课:自己动手写一个自动求导,用三十多行 Python 重现这一课的每一个数。
""",
        en=r"""
## Summary
- A computation graph's leaves are the tensors we created (their `grad_fn` is `None`); the other nodes are operations, named by their `grad_fn`. Only leaves store their gradient in `.grad`; an intermediate result keeps its own with `retain_grad()`.
- The backward pass applies the chain rule once per node: the gradient that arrived times the local derivative, sent back along each edge; a node is processed only once all its consumers' gradients have arrived.
- When a variable is used more than once, the gradients from its paths add up: this is the multivariable chain rule, which differentiates along each path and adds the results.

Next lesson: build your own autograd, 30-odd lines of Python that reproduce every number of this lesson.
""",
    ),
]
