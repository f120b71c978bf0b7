"""Lesson 5: dynamic graphs (Python if/while in the forward pass), forward versus reverse mode, why a VJP is cheap."""

from lesson_build import answer, check, code, exercises_heading, md, setup

CELLS = [
    md(
        zh=r"""
# 动态图:前向模式与反向模式

最初那节课的最后一句话是:"下一次课我们会介绍两种神经网络的编程方式,动态图编程和静态图编程。"这一课就来讲动态图:PyTorch 的计算图是在代码运行时一边算一边记下来的,所以普通的 Python `if` 和 `while` 就能让每个输入得到自己的图。然后我们看看求导的两个方向:前向模式和反向模式,以及为什么训练网络用的是反向模式。

学完这一课,你可以:
- 解释为什么前向计算里的 `if` 和 `while` 会让不同的输入得到不同的计算图,并预测图的样子和梯度;
- 区分前向模式(一次得到雅可比矩阵的一列)和反向模式(一次得到一行),说出对一个损失为什么反向模式更划算;
- 解释为什么向量-雅可比积从来不需要把雅可比矩阵算出来。
""",
        en=r"""
# Dynamic graphs: forward and reverse mode

The original lesson ended with: "next time we look at the two ways of programming neural networks, dynamic graphs and static graphs." This lesson is about dynamic graphs: PyTorch records the computation graph while the code runs, so plain Python `if` and `while` give each input a graph of its own. Then we look at the two directions of differentiation, forward mode and reverse mode, and why training a network uses reverse mode.

After this lesson you can:
- explain why `if` and `while` in the forward pass give different inputs different graphs, and predict the graph and the gradient;
- tell forward mode (one column of the Jacobian per pass) from reverse mode (one row per pass), and say why reverse mode is the better deal for a loss;
- explain why a vector-Jacobian product never needs the Jacobian itself.
""",
    ),
    setup(),
    md(
        zh=r"""
## 图是运行时记下来的
在静态图框架里(例如 TensorFlow 1),先把整张图定义好,再喂数据运行;条件和循环都得用专门的图运算来写。PyTorch 不这样:每做一次运算就记下一个节点,图就是**这一次运行**真正做过的运算。所以一个普通的 Python `if` 决定了记下哪些运算。下面的 $f$ 在 $x > 0$ 时算 $x^2$,否则算 $-3x$:

$$
f'(2) = 2 \times 2 = 4, \qquad f'(-1) = -3
$$
""",
        en=r"""
## The graph is recorded as the code runs
In a static-graph framework (TensorFlow 1, for example) you first define the whole graph, then feed it data; conditions and loops must be written with special graph operations. PyTorch does not work that way: every operation records a node as it runs, and the graph is the operations **this run** actually did. So a plain Python `if` decides which operations are recorded. The $f$ below computes $x^2$ when $x > 0$ and $-3x$ otherwise:

$$
f'(2) = 2 \times 2 = 4, \qquad f'(-1) = -3
$$
""",
    ),
    code(
        """
def f(x):
    if x > 0:  # ⟨普通的 Python if‖a plain Python if⟩
        return x * x
    else:
        return -3 * x

for start in (2.0, -1.0):
    x = torch.tensor(start, requires_grad=True)
    y = f(x)
    y.backward()
    print(f"x = {start}: f(x) = {y.item()}, f'(x) = {x.grad.item()}")
"""
    ),
    md(
        zh=r"""
两张图不一样:$x = 2$ 时,`MulBackward0` 的两个输入都是 `x`;$x = -1$ 时,是 `x` 乘以常数 $-3$。`if x > 0` 只是读了一下 `x` 的值来决定走哪条路,它本身不进入图。
""",
        en=r"""
The two pictures differ: for $x = 2$, both inputs of `MulBackward0` are `x`; for $x = -1$, it is `x` times the constant $-3$. `if x > 0` only reads the value of `x` to choose a branch; it does not enter the graph itself.
""",
    ),
    md(
        zh=r"""
## 一个 while 循环
循环也一样:下面的函数把 $x$ 不断翻倍,直到 $|x| \ge 10$。$x = 3$ 时翻倍两次,$3 \to 6 \to 12$,所以结果是 $4x$,导数是 4;图里有两个乘法节点。输入不同,循环的次数不同,图的长短也不同。
""",
        en=r"""
## A while loop
Loops are the same: the function below keeps doubling $x$ until $|x| \ge 10$. For $x = 3$ it doubles twice, $3 \to 6 \to 12$, so the result is $4x$ and the derivative is 4; the graph has two product nodes. A different input runs the loop a different number of times and makes a graph of a different length.
""",
    ),
    code(
        """
def double_until_ten(x):
    while x.abs() < 10:
        x = x * 2
    return x

x = torch.tensor(3.0, requires_grad=True)
y = double_until_ten(x)
y.backward()
print(y, x.grad)
"""
    ),
    md(
        zh=r"""
图中是一条两个 `MulBackward0` 串起来的链,每个都乘以常数 2,送回 `x` 的梯度是 $2 \times 2 = 4$。
""",
        en=r"""
The picture is a chain of two `MulBackward0` nodes, each multiplying by the constant 2, and the gradient that reaches `x` is $2 \times 2 = 4$.
""",
    ),
    md(
        zh=r"""
## 前向模式与反向模式
链式法则把一条路径上的局部导数乘起来:对 $y = f_3(f_2(f_1(x)))$,$\frac{dy}{dx} = f_3' \cdot f_2' \cdot f_1'$。乘法可以从两头开始:

- **反向模式**(`backward()`)从输出出发,起始梯度 $\frac{\partial y}{\partial y} = 1$,往回走:一遍得到**一个输出**对**所有输入**的导数,即雅可比矩阵的一行($v^T J$)。
- **前向模式**从一个输入出发,起始导数 $\frac{\partial x}{\partial x} = 1$,让导数跟着数值一起往前算:一遍得到**所有输出**对**一个输入**的导数,即雅可比矩阵的一列($J v$)。

前向模式可以用"对偶数"来写:每个数带着它对选定输入的导数,加法把导数相加,乘法用乘积法则。
""",
        en=r"""
## Forward mode and reverse mode
The chain rule multiplies the local derivatives along a path: for $y = f_3(f_2(f_1(x)))$, $\frac{dy}{dx} = f_3' \cdot f_2' \cdot f_1'$. The product can start from either end:

- **Reverse mode** (`backward()`) starts from the output, with the starting gradient $\frac{\partial y}{\partial y} = 1$, and walks back: one pass gives the derivatives of **one output** with respect to **all inputs**, one row of the Jacobian ($v^T J$).
- **Forward mode** starts from one input, with $\frac{\partial x}{\partial x} = 1$, and carries the derivative forward along with the value: one pass gives the derivatives of **all outputs** with respect to **one input**, one column of the Jacobian ($J v$).

Forward mode can be written with "dual numbers": each number carries its derivative with respect to the chosen input; addition adds the derivatives, multiplication uses the product rule.
""",
    ),
    code(
        """
class Dual:
    def __init__(self, value, deriv):
        self.value = value
        self.deriv = deriv  # ⟨对选定输入的导数‖the derivative with respect to the chosen input⟩

    def __add__(self, other):
        return Dual(self.value + other.value, self.deriv + other.deriv)

    def __mul__(self, other):  # ⟨乘积法则‖the product rule⟩
        return Dual(self.value * other.value, self.deriv * other.value + self.value * other.deriv)
"""
    ),
    md(
        zh=r"""
取 $g(a, b) = ab + a$,在 $a = 2,\ b = 3$ 处:$\frac{\partial g}{\partial a} = b + 1 = 4$,$\frac{\partial g}{\partial b} = a = 2$。同一个 Python 函数 `g`,给它对偶数就是前向模式,给它张量就是反向模式。前向模式要跑两遍,每个输入一遍;反向模式一遍就得到两个导数。
""",
        en=r"""
Take $g(a, b) = ab + a$ at $a = 2,\ b = 3$: $\frac{\partial g}{\partial a} = b + 1 = 4$ and $\frac{\partial g}{\partial b} = a = 2$. The same Python function `g` runs forward mode when given dual numbers and reverse mode when given tensors. Forward mode needs two passes, one per input; reverse mode gets both derivatives in one.
""",
    ),
    code(
        """
def g(a, b):
    return a * b + a

print(g(Dual(2.0, 1.0), Dual(3.0, 0.0)).deriv)  # ⟨前向第 1 遍:∂g/∂a‖forward pass 1: ∂g/∂a⟩
print(g(Dual(2.0, 0.0), Dual(3.0, 1.0)).deriv)  # ⟨前向第 2 遍:∂g/∂b‖forward pass 2: ∂g/∂b⟩

a = torch.tensor(2.0, requires_grad=True)
b = torch.tensor(3.0, requires_grad=True)
g(a, b).backward()  # ⟨反向模式:一遍‖reverse mode: one pass⟩
print(a.grad, b.grad)
"""
    ),
    md(
        zh=r"""
PyTorch 自己也有对偶数:在 `torch.autograd.forward_ad` 里,`make_dual(值, 切向量)` 把一个张量和它的导数方向绑在一起,之后的每一步运算都顺带算出结果的导数,打印时显示为 `tangent=`。切向量取 1 就是对这个输入求导,和上面的 `Dual(2.0, 1.0)` 一样。
""",
        en=r"""
PyTorch has dual numbers of its own: in `torch.autograd.forward_ad`, `make_dual(value, tangent)` ties a tensor to a direction of change, and every operation after it also computes its result's derivative, printed as `tangent=`. A tangent of 1 differentiates with respect to that input, like `Dual(2.0, 1.0)` above.
""",
    ),
    code(
        """
fwAD = torch.autograd.forward_ad

with fwAD.dual_level():
    a_dual = fwAD.make_dual(torch.tensor(2.0), torch.tensor(1.0))  # ⟨a 的切向量为 1‖a's tangent is 1⟩
    out = g(a_dual, torch.tensor(3.0))
    print(out)  # ⟨值 8,对 a 的导数 4‖the value 8, the derivative by a 4⟩
    print(fwAD.unpack_dual(out).tangent)
"""
    ),
    md(
        zh=r"""
对一个从 $n$ 个输入到 $m$ 个输出的函数,完整的雅可比矩阵要么用 $n$ 遍前向模式(每遍一列),要么用 $m$ 遍反向模式(每遍一行)。训练时的损失只有一个输出,$m = 1$,而参数可能有上百万个:反向模式一遍就得到所有参数的梯度,前向模式却要跑上百万遍。这就是为什么训练用反向传播。
""",
        en=r"""
For a function from $n$ inputs to $m$ outputs, the full Jacobian takes either $n$ forward passes (one column each) or $m$ reverse passes (one row each). A training loss has a single output, $m = 1$, while the parameters may number millions: reverse mode gets every parameter's gradient in one pass, where forward mode would need millions. That is why training uses backpropagation.
""",
    ),
    md(
        zh=r"""
## 为什么向量-雅可比积很便宜
反向模式从来不把雅可比矩阵算出来。$y = \tanh(x)$ 有 1000 个元素时,它的雅可比矩阵是 $1000 \times 1000$,一百万个数,除了对角线全是 0,对角线上是 $1 - \tanh^2(x_i)$。向量-雅可比积却只是

$$
v^T J = v \odot (1 - y^2)
$$

1000 次乘法。每个节点的反向规则都知道自己的雅可比矩阵长什么样,直接把它乘到向量上。下面比较一遍反向传播(`torch.autograd.grad`,和 `backward()` 一样,只是把结果直接返回、不画图)和 `jacobian()` 求出的整个矩阵:`jacobian()` 要做 1000 遍反向传播,每个输出一遍。
""",
        en=r"""
## Why a vector-Jacobian product is cheap
Reverse mode never builds the Jacobian. When $y = \tanh(x)$ has 1000 elements, its Jacobian is $1000 \times 1000$, a million numbers, all zero but the diagonal, which holds $1 - \tanh^2(x_i)$. The vector-Jacobian product, though, is just

$$
v^T J = v \odot (1 - y^2)
$$

1000 multiplications. Every node's backward rule knows the shape of its own Jacobian and applies it to the vector directly. Below we compare one backward pass (`torch.autograd.grad`: like `backward()`, but it returns the result and draws no picture) with the whole matrix from `jacobian()`, which runs 1000 backward passes, one per output.
""",
    ),
    code(
        """
x = torch.linspace(-2, 2, 1000, requires_grad=True)
y = torch.tanh(x)
v = torch.ones(1000)
(vjp,) = torch.autograd.grad(y, x, v)  # ⟨一遍反向传播,和 y.backward(v) 一样,只是不画图‖one backward pass, like y.backward(v) but without a picture⟩
J = torch.autograd.functional.jacobian(torch.tanh, x.detach())
print(J.shape, J.numel(), (J != 0).sum().item())
print(torch.allclose(vjp, v @ J), torch.allclose(vjp, v * (1 - y.detach() ** 2)))
"""
    ),
    md(
        zh=r"""
雅可比矩阵有一百万个数,只有 1000 个不是 0;一遍反向传播得到的正是 $v^T J$,也正是 $v \odot (1 - y^2)$。矩阵乘法也一样:第 10 课会看到,$Y = XW$ 的反向传播只做 $dY \cdot W^T$ 和 $X^T \cdot dY$ 两次矩阵乘法。
""",
        en=r"""
The Jacobian holds a million numbers, only 1000 of them non-zero; one backward pass gives exactly $v^T J$, which is exactly $v \odot (1 - y^2)$. Matrix products are the same: lesson 10 shows that the backward pass of $Y = XW$ does just two matrix products, $dY \cdot W^T$ and $X^T \cdot dY$.
""",
    ),
    *exercises_heading(),
    md(
        zh=r"""
**练习 1(预测图)。** 对 $x = 0.7$,`double_until_ten(x)` 的计算图里有几个乘法节点?$\frac{dy}{dx}$ 是多少?先用笔算,把两个 `None` 换成你的答案。
""",
        en=r"""
**Exercise 1 (predict the graph).** For $x = 0.7$, how many product nodes does the graph of `double_until_ten(x)` have, and what is $\frac{dy}{dx}$? Work it out on paper, and replace the two `None`s with your answers.
""",
    ),
    answer(
        """
my_products = None
my_slope = None
### BEGIN SOLUTION
my_products = 4  # ⟨0.7 → 1.4 → 2.8 → 5.6 → 11.2‖0.7 → 1.4 → 2.8 → 5.6 → 11.2⟩
my_slope = 2 ** 4
### END SOLUTION
""",
        "predict-the-loop",
        wrong="my_products = 4\nmy_slope = 4",
    ),
    check(
        1,
        2,
        grade_id="check-predict-the-loop",
        needs=("my_products", "my_slope"),
        trial="""
            t = torch.tensor(0.7, requires_grad=True)
            out = double_until_ten(t)
            products, node = 0, out.grad_fn
            while node is not None and type(node).__name__ == "MulBackward0":
                products, node = products + 1, node.next_functions[0][0]
            (truth,) = torch.autograd.grad(out, t)
            right = int(my_products) == products and abs(float(my_slope) - truth.item()) < 1e-6
        """,
        right='f"⟨✔ 正确:{products} 次翻倍,导数是 2 的 {products} 次方。‖✔ Right: {products} doublings, and the derivative is 2 to the power {products}.⟩"',
        hint='"⟨还不对。提示:把循环一圈一圈地手算出来,数一数乘了几次 2;每乘一次 2,导数就乘以 2。‖Not yet. Hint: run the loop by hand, one round at a time, and count the times it multiplies by 2; each of them multiplies the derivative by 2.⟩"',
    ),
    md(
        zh=r"""
**练习 2(找 bug)。** 下面的 `poly` 想算 $x + \frac{x^2}{2} + \frac{x^3}{3}$,它的导数应该是 $1 + x + x^2$,可是对它求导会报错。`if x > 0` 读一下数值没有问题;这里哪一步让数值离开了计算图?修好它。
""",
        en=r"""
**Exercise 2 (fix the bug).** The `poly` below means to compute $x + \frac{x^2}{2} + \frac{x^3}{3}$, whose derivative should be $1 + x + x^2$, but differentiating it fails. Reading a value in `if x > 0` was fine; which step here takes the numbers out of the graph? Fix it.
""",
    ),
    answer(
        """
def poly(x):
    total = torch.zeros(())
    for k in range(1, 4):
        total = total + float(x) ** k / k
    return total
### BEGIN SOLUTION
def poly(x):  # ⟨修好的版本:全程用张量运算‖the fixed version: tensor operations throughout⟩
    total = torch.zeros(())
    for k in range(1, 4):
        total = total + x ** k / k
    return total
### END SOLUTION
""",
        "fix-leaving-the-graph",
    ),
    check(
        2,
        3,
        grade_id="check-fix-leaving-the-graph",
        needs=("poly",),
        trial="""
            right = True
            for start in (2.0, -1.0):
                t = torch.tensor(start, requires_grad=True)
                (grad,) = torch.autograd.grad(poly(t), t)
                right = right and abs(grad.item() - (1 + start + start ** 2)) < 1e-5
        """,
        right='"⟨✔ 正确:导数是 1 + x + x²,在 x = 2 处是 7,在 x = -1 处是 1。‖✔ Right: the derivative is 1 + x + x²: at x = 2 it is 7, at x = -1 it is 1.⟩"',
        hint='"⟨还不对。提示:计算图只记录张量运算;float(x) 或 x.item() 得到的是一个普通的 Python 数,自动求导看不到用它算出的东西。‖Not yet. Hint: the graph records tensor operations only; float(x) or x.item() gives a plain Python number, and autograd cannot see what is computed from it.⟩"',
    ),
    md(
        zh=r"""
## 小结
- PyTorch 的计算图是运行时记下来的(动态图):`if`、`while` 决定了这一次记下哪些运算,不同的输入得到不同的图;只有张量运算进入图,`float(x)` 这样的普通数不会。
- 反向模式一遍得到一个输出对所有输入的导数(雅可比矩阵的一行),前向模式一遍得到所有输出对一个输入的导数(一列);损失只有一个输出,所以训练用反向模式。
- 向量-雅可比积 $v^T J$ 从来不需要算出 $J$:每个反向规则直接把自己的局部导数乘到向量上,例如 $\tanh$ 只做 $v \odot (1 - y^2)$。

下一课:`retain_graph`、梯度累加与 `zero_()`,我们会看到计算图什么时候被释放,以及梯度为什么会累加。
""",
        en=r"""
## Summary
- PyTorch records the graph as the code runs (a dynamic graph): `if` and `while` decide which operations this run records, and different inputs get different graphs; only tensor operations enter the graph, and a plain number such as `float(x)` does not.
- Reverse mode gets one output's derivatives with respect to all inputs in one pass (a row of the Jacobian), forward mode all outputs' derivatives with respect to one input (a column); a loss has one output, so training uses reverse mode.
- A vector-Jacobian product $v^T J$ never needs $J$: each backward rule applies its local derivative to the vector directly; $\tanh$, for one, just computes $v \odot (1 - y^2)$.

Next lesson: `retain_graph`, accumulation and `zero_()`, where we see when a graph is freed and why gradients add up.
""",
    ),
]
