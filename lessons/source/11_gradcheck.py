"""Lesson 11: checking gradients with finite differences, and catching a wrong hand-written backward."""

from lesson_build import answer, check, code, exercises_heading, md, setup

CELLS = [
    md(
        zh=r"""
# 用有限差分检查梯度

自动求导算出的梯度是对的吗?当我们自己动手写 `backward` 的时候,这个问题就变得很实际了:一个写错的导数公式不会报错,只会让模型悄悄地学不好。这一课我们用最朴素的办法来检查梯度:把输入轻轻推一下,看输出变了多少。

学完这一课,你可以:
- 用中心差分 $\frac{f(x+h) - f(x-h)}{2h}$ 近似导数,并解释为什么检查梯度要用 `float64`;
- 用 `torch.autograd.gradcheck` 检查一个表达式的梯度;
- 用 `torch.autograd.Function` 写一个自己的运算,并用 `gradcheck` 找出它 `backward` 里的错误。
""",
        en=r"""
# Gradient checking with finite differences

Are the gradients autograd computes right? The question becomes very real once we write a `backward` ourselves: a wrong derivative raises no error, it just makes the model quietly learn badly. This lesson checks gradients the plainest way there is: nudge the input a little and see how much the output moves.

After this lesson you can:
- approximate a derivative with the central difference $\frac{f(x+h) - f(x-h)}{2h}$, and explain why gradient checks use `float64`;
- check the gradients of an expression with `torch.autograd.gradcheck`;
- write your own operation with `torch.autograd.Function`, and use `gradcheck` to find the mistake in its `backward`.
""",
    ),
    setup(),
    md(
        zh=r"""
## 中心差分
导数是"输入动一点点,输出动多少"。把 $f$ 在 $x$ 附近做泰勒展开:

$$
f(x \pm h) = f(x) \pm h f'(x) + \frac{h^2}{2} f''(x) \pm \frac{h^3}{6} f'''(x) + \cdots
$$

两式相减,偶数次的项抵消了,得到中心差分:

$$
\frac{f(x+h) - f(x-h)}{2h} = f'(x) + \frac{h^2}{6} f'''(x) + \cdots
$$

它的误差和 $h^2$ 成正比。以 $f(x) = x^3$、$x = 2$ 为例(代码里写成 `x * x * x`:乘法在每台计算机上的舍入都一样,而 `x ** 3` 在不同的处理器上可能走不同的计算路径,最后一位会不同):$f'(2) = 3 \times 2^2 = 12$,而 $f''' = 6$,所以中心差分恰好等于 $12 + h^2$;取 $h = 0.01$,手算得 $\frac{2.01^3 - 1.99^3}{0.02} = \frac{8.120601 - 7.880599}{0.02} = 12.0001$。
""",
        en=r"""
## The central difference
A derivative is "how much the output moves when the input moves a tiny bit". Expand $f$ around $x$ with Taylor's formula:

$$
f(x \pm h) = f(x) \pm h f'(x) + \frac{h^2}{2} f''(x) \pm \frac{h^3}{6} f'''(x) + \cdots
$$

Subtract the two, and the even powers cancel, leaving the central difference:

$$
\frac{f(x+h) - f(x-h)}{2h} = f'(x) + \frac{h^2}{6} f'''(x) + \cdots
$$

Its error is proportional to $h^2$. Take $f(x) = x^3$ at $x = 2$ (the code writes it `x * x * x`: products are rounded the same way on every computer, while `x ** 3` may take a different path on different processors and differ in the last bit): $f'(2) = 3 \times 2^2 = 12$ and $f''' = 6$, so the central difference is exactly $12 + h^2$; with $h = 0.01$, by hand, $\frac{2.01^3 - 1.99^3}{0.02} = \frac{8.120601 - 7.880599}{0.02} = 12.0001$.
""",
    ),
    code(
        """
def f(x):
    return x * x * x

x = torch.tensor(2.0, dtype=torch.float64, requires_grad=True)
h = 0.01
with torch.no_grad():
    numerical = (f(x + h) - f(x - h)) / (2 * h)
print(f"central difference: {numerical.item():.6f}")
f(x).backward()
print(x.grad)
"""
    ),
    md(
        zh=r"""
中心差分是 12.000100,和手算一样;图中叶子 `x` 上的 grad 是精确的 12,两者只差 $h^2 = 0.0001$。自动求导用的是导数公式,所以没有这个误差。
""",
        en=r"""
The central difference is 12.000100, as computed by hand; the grad on the leaf `x` in the picture is exactly 12, and the two differ by just $h^2 = 0.0001$. Autograd uses the derivative's formula, so it has no such error.
""",
    ),
    md(
        zh=r"""
## 为什么要用 float64
既然误差是 $h^2$,那 $h$ 越小越好吗?不是:计算机里的数只有有限位,$f(x+h)$ 和 $f(x-h)$ 各自带有舍入误差,大约是 $\varepsilon\,|f(x)|$,而相减之后还要除以 $2h$,$h$ 越小,舍入误差被放得越大。`float32` 的 $\varepsilon$ 约为 $10^{-7}$,`float64` 约为 $10^{-16}$。下面对两种精度、从大到小的 $h$ 算出中心差分与 12 的误差;舍入误差的具体数字是噪声,我们只打印它的数量级。
""",
        en=r"""
## Why float64
If the error is $h^2$, is a smaller $h$ always better? No: a computer's numbers have finitely many digits, so $f(x+h)$ and $f(x-h)$ each carry a rounding error of about $\varepsilon\,|f(x)|$, and after the subtraction we divide by $2h$: the smaller $h$, the more the rounding error is blown up. For `float32`, $\varepsilon$ is about $10^{-7}$; for `float64`, about $10^{-16}$. Below, for both precisions and shrinking $h$, is the error of the central difference against 12; the exact digits of a rounding error are noise, so we print only its order of magnitude.
""",
    ),
    code(
        """
print("    h    float32  float64")
for h in [1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7]:
    errors = []
    for dtype in [torch.float32, torch.float64]:
        x = torch.tensor(2.0, dtype=dtype)
        numerical = (f(x + h) - f(x - h)) / (2 * h)
        errors.append(abs(numerical.item() - 12))
    print(f"{h:.0e}   {errors[0]:.0e}    {errors[1]:.0e}")  # ⟨只看数量级‖orders of magnitude only⟩
"""
    ),
    md(
        zh=r"""
看两列的变化:前几行两列一样,误差就是 $h^2$。`float64` 的误差在 $h = 10^{-5}$ 时降到 $10^{-10}$ 左右,之后舍入误差开始显现,但到 $h = 10^{-7}$ 仍小于 $10^{-8}$;`float32` 的误差在 $h = 0.01$ 之后反而越来越大,到 $h = 10^{-7}$ 时已经是 5 左右,连第一位数字都不对了。所以检查梯度一定要用 `float64`;PyTorch 的 `gradcheck` 默认取 $h = 10^{-6}$,也是为 `float64` 准备的。
""",
        en=r"""
Watch the two columns: in the first rows they agree, and the error is just $h^2$. The `float64` error falls to about $10^{-10}$ at $h = 10^{-5}$, and although rounding starts to show after that, it is still below $10^{-8}$ at $h = 10^{-7}$; meanwhile the `float32` error starts growing again after $h = 0.01$ and is about 5 at $h = 10^{-7}$, where not even the first digit is right. So gradient checks always use `float64`; PyTorch's `gradcheck` uses $h = 10^{-6}$ by default, a step meant for `float64`.
""",
    ),
    md(
        zh=r"""
## `torch.autograd.gradcheck`
`gradcheck(func, inputs)` 把这件事自动化:它把每个需要梯度的输入逐个元素地推 $\pm h$,用中心差分拼出数值雅可比矩阵(numerical),再用反向传播一行一行地求出解析雅可比矩阵(analytical),两者一致就返回 `True`。输入要用 `float64`。我们拿一个由内置运算组成的表达式试一试。
""",
        en=r"""
## `torch.autograd.gradcheck`
`gradcheck(func, inputs)` automates this: it nudges each element of every input that requires grad by $\pm h$ and builds the numerical Jacobian from central differences, then builds the analytical Jacobian row by row with backward, and returns `True` when the two agree. The inputs must be `float64`. Let us try it on an expression made of built-in operations.
""",
    ),
    code(
        """
torch.manual_seed(0)
a = torch.randn(3, dtype=torch.float64, requires_grad=True)
b = torch.randn(3, dtype=torch.float64, requires_grad=True)

def g(a, b):
    return torch.tanh(a * b) + torch.exp(a) / (1 + b ** 2)

print(torch.autograd.gradcheck(g, (a, b)))
"""
    ),
    md(
        zh=r"""
返回 `True`:对 `a` 和 `b` 的每一个元素,内置运算的导数都和有限差分一致。`gradcheck` 内部用的是 `torch.autograd.grad`,不是 `backward()`,所以这里没有画图。
""",
        en=r"""
It returns `True`: for every element of `a` and `b`, the built-in operations' derivatives agree with the finite differences. Inside, `gradcheck` uses `torch.autograd.grad`, not `backward()`, so no picture is drawn here.
""",
    ),
    md(
        zh=r"""
## 自己写 backward
`torch.autograd.Function` 让我们自己定义一个运算:`forward` 算出结果,并用 `ctx.save_for_backward` 存下反向传播要用的张量;`backward` 拿到从后面传来的梯度 `grad`,返回对输入的梯度。以 sigmoid 为例,$\sigma(x) = \frac{1}{1 + e^{-x}}$,它的导数是

$$
\sigma'(x) = \sigma(x)\,\bigl(1 - \sigma(x)\bigr)
$$

下面的 `MySigmoid` 故意写错了:`backward` 里忘了乘 $1 - \sigma(x)$。
""",
        en=r"""
## Writing backward yourself
`torch.autograd.Function` lets us define an operation of our own: `forward` computes the result and keeps what backward will need with `ctx.save_for_backward`; `backward` receives the gradient `grad` coming from later in the graph and returns the gradient with respect to the input. Take sigmoid, $\sigma(x) = \frac{1}{1 + e^{-x}}$, whose derivative is

$$
\sigma'(x) = \sigma(x)\,\bigl(1 - \sigma(x)\bigr)
$$

The `MySigmoid` below is wrong on purpose: its `backward` forgets the factor $1 - \sigma(x)$.
""",
    ),
    code(
        """
class MySigmoid(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        s = 1 / (1 + torch.exp(-x))
        ctx.save_for_backward(s)
        return s

    @staticmethod
    def backward(ctx, grad):
        (s,) = ctx.saved_tensors
        return grad * s  # ⟨bug:少了 (1 - s)‖bug: the factor (1 - s) is missing⟩
"""
    ),
    code(
        """
x = torch.tensor([0.0, 1.0, -2.0], dtype=torch.float64, requires_grad=True)
y = MySigmoid.apply(x).sum()
y.backward()
print(x.grad)
"""
    ),
    md(
        zh=r"""
我们自己的运算在图中是一个名叫 `MySigmoidBackward` 的节点,和内置运算一样。没有任何报错,但 $x = 0$ 处的梯度是 0.5,而 $\sigma'(0) = 0.5 \times (1 - 0.5) = 0.25$:光看图和数字,很难发现它错了。
""",
        en=r"""
Our own operation appears in the picture as a node named `MySigmoidBackward`, just like a built-in one. There is no error at all, yet the gradient at $x = 0$ is 0.5, while $\sigma'(0) = 0.5 \times (1 - 0.5) = 0.25$: from the picture and the numbers alone, the mistake is hard to see.
""",
    ),
    md(
        zh=r"""
`gradcheck` 能发现它。出错时它会抛出错误,并把两个雅可比矩阵都打印出来:
""",
        en=r"""
`gradcheck` catches it. On a mismatch it raises an error that prints both Jacobians:
""",
    ),
    code(
        """
torch.autograd.gradcheck(MySigmoid.apply, (x,))
""",
        "raises-exception",
    ),
    md(
        zh=r"""
两个矩阵都是对角的(每个输出只依赖自己的输入)。数值的对角线是 $\sigma(1-\sigma)$:0.25、0.1966、0.1050;解析的对角线却是 $\sigma$ 本身:0.5、0.7311、0.1192,正好少了 $1 - \sigma$ 这个因子。把它补上:
""",
        en=r"""
Both matrices are diagonal (each output depends only on its own input). The numerical diagonal is $\sigma(1-\sigma)$: 0.25, 0.1966, 0.1050; the analytical one is $\sigma$ itself: 0.5, 0.7311, 0.1192, missing exactly the factor $1 - \sigma$. Put it back:
""",
    ),
    code(
        """
class MySigmoid(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        s = 1 / (1 + torch.exp(-x))
        ctx.save_for_backward(s)
        return s

    @staticmethod
    def backward(ctx, grad):
        (s,) = ctx.saved_tensors
        return grad * s * (1 - s)

print(torch.autograd.gradcheck(MySigmoid.apply, (x,)))
"""
    ),
    code(
        """
x = torch.tensor([0.0, 1.0, -2.0], dtype=torch.float64, requires_grad=True)
y = MySigmoid.apply(x).sum()
y.backward()
print(x.grad)
"""
    ),
    md(
        zh=r"""
修好之后 `gradcheck` 返回 `True`,图中 `MySigmoidBackward` 送回叶子 `x` 的梯度变成了 0.25、0.1966、0.1050,和数值雅可比矩阵的对角线一致。
""",
        en=r"""
Fixed, `gradcheck` returns `True`, and the gradient `MySigmoidBackward` sends back to the leaf `x` is now 0.25, 0.1966, 0.1050, the diagonal of the numerical Jacobian.
""",
    ),
    *exercises_heading(),
    md(
        zh=r"""
**练习 1(写代码)。** 写出 `central_difference(f, x, h)`:返回 $f$ 在 $x$ 处的中心差分 $\frac{f(x+h) - f(x-h)}{2h}$($x$ 是一个 `float64` 的张量)。
""",
        en=r"""
**Exercise 1 (write it).** Write `central_difference(f, x, h)`: it returns the central difference $\frac{f(x+h) - f(x-h)}{2h}$ of $f$ at $x$ (a `float64` tensor).
""",
    ),
    answer(
        """
def central_difference(f, x, h=1e-6):
    result = None  # ⟨把它换成中心差分‖replace this with the central difference⟩
    ### BEGIN SOLUTION
    result = (f(x + h) - f(x - h)) / (2 * h)
    ### END SOLUTION
    return result
""",
        "write-central-difference",
        wrong="result = (f(x + h) - f(x - h)) / h",
    ),
    check(
        1,
        2,
        grade_id="check-write-central-difference",
        needs=("central_difference",),
        trial="""
            right = True
            for start in (0.0, 1.0, -2.5):
                t = torch.tensor(start, dtype=torch.float64)
                got = central_difference(torch.sin, t)
                if got is None:
                    right, problem = False, "⟨central_difference 还返回 None。‖central_difference still returns None.⟩"
                    break
                right = right and abs(float(got) - torch.cos(t).item()) < 1e-8
        """,
        right='"⟨✔ 正确:sin 的中心差分就是 cos,误差小于 1e-8。‖✔ Right: the central difference of sin is cos, to better than 1e-8.⟩"',
        hint='"⟨还不对。提示:在 x 的两边各走 h,两个函数值相减,再除以两点之间的距离 2h。‖Not yet. Hint: step h to each side of x, subtract the two values of f, and divide by the distance between the two points, 2h.⟩"',
    ),
    md(
        zh=r"""
**练习 2(找 bug)。** 下面的 `MyTanh` 想实现 $\tanh$,`forward` 存下了输出 $y = \tanh(x)$,可 `backward` 里的导数写错了,`gradcheck` 通不过。先写出 $\frac{d}{dx}\tanh(x)$ 并用 $y$ 表示,再修好它。
""",
        en=r"""
**Exercise 2 (fix the bug).** The `MyTanh` below means to implement $\tanh$. Its `forward` saves the output $y = \tanh(x)$, but the derivative in `backward` is wrong, and `gradcheck` fails. Work out $\frac{d}{dx}\tanh(x)$ in terms of $y$ first, then fix it.
""",
    ),
    answer(
        """
class MyTanh(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        y = torch.tanh(x)
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx, grad):
        (y,) = ctx.saved_tensors
        dy_dx = 1 - y
        ### BEGIN SOLUTION
        dy_dx = 1 - y ** 2  # ⟨tanh 的导数是 1 - tanh²‖the derivative of tanh is 1 - tanh²⟩
        ### END SOLUTION
        return grad * dy_dx
""",
        "fix-backward",
    ),
    check(
        2,
        3,
        grade_id="check-fix-backward",
        needs=("MyTanh",),
        trial="""
            torch.manual_seed(1)
            t = torch.randn(5, dtype=torch.float64, requires_grad=True)
            right = torch.autograd.gradcheck(MyTanh.apply, (t,), raise_exception=False)
            problem = "⟨gradcheck 没有通过。‖gradcheck fails.⟩"
        """,
        right='"⟨✔ 正确:gradcheck 通过了。‖✔ Right: gradcheck passes.⟩"',
        hint='"⟨提示:backward 返回的是 grad 乘以 tanh 在 x 处的导数;先对 tanh 求导,再用保存下来的输出 y 把它写出来。‖Hint: backward returns grad times the derivative of tanh at x; differentiate tanh first, then write the result with the saved output y.⟩"',
    ),
    md(
        zh=r"""
## 小结
- 中心差分 $\frac{f(x+h) - f(x-h)}{2h}$ 的误差约为 $h^2$,但 $h$ 太小时舍入误差会被放大;`float32` 很快就不可信了,所以检查梯度要用 `float64`。
- `torch.autograd.gradcheck(func, inputs)` 比较数值雅可比矩阵和解析雅可比矩阵,一致时返回 `True`,不一致时把两者都打印出来(或在 `raise_exception=False` 时返回 `False`)。
- 用 `torch.autograd.Function` 自己写的运算在图中是一个 `...Backward` 节点;写错的 `backward` 不会报错,写完之后一定要用 `gradcheck` 检查一遍。

下一课:从手写的训练循环到 `nn.Module`、`optim` 和 `DataLoader`,我们会把这些课里手写的东西换成 PyTorch 现成的工具。
""",
        en=r"""
## Summary
- The central difference $\frac{f(x+h) - f(x-h)}{2h}$ has an error of about $h^2$, but too small an $h$ blows up rounding errors; `float32` soon becomes untrustworthy, so gradient checks use `float64`.
- `torch.autograd.gradcheck(func, inputs)` compares the numerical and analytical Jacobians: it returns `True` when they agree, and prints both when they do not (or returns `False` with `raise_exception=False`).
- An operation written with `torch.autograd.Function` is a `...Backward` node in the picture; a wrong `backward` raises no error, so always run `gradcheck` on one you wrote.

Next lesson: from hand-written loops to `nn.Module`, `optim` and `DataLoader`, where the tools PyTorch provides replace what these lessons wrote by hand.
""",
    ),
]
