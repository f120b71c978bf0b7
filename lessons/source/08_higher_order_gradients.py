"""Lesson 8: higher-order gradients, create_graph, the Hessian and Newton's method."""

from lesson_build import answer, check, code, exercises_heading, md, setup

CELLS = [
    md(
        zh=r"""
# 高阶导数与海森矩阵

到目前为止,我们求的都是一阶导数。其实 PyTorch 求导的过程本身也可以被记录成一张计算图,于是我们可以对"导数"再求导,得到二阶、三阶导数,以及多元函数的二阶导数矩阵——海森矩阵。

学完这一课,你可以:
- 用 `torch.autograd.grad(..., create_graph=True)` 求二阶、三阶导数,并说明 `create_graph` 的作用;
- 用 `torch.autograd.functional.hessian` 求海森矩阵,并用手算验证它;
- 用一阶和二阶导数写出牛顿法,求函数的极小值点。
""",
        en=r"""
# Higher-order gradients and the Hessian

So far we have only computed first derivatives. But the work PyTorch does to compute a derivative can itself be recorded as a computation graph, so we can differentiate a derivative again: second and third derivatives, and the matrix of second derivatives of a function of several variables, the Hessian.

After this lesson you can:
- get second and third derivatives with `torch.autograd.grad(..., create_graph=True)`, and say what `create_graph` does;
- compute a Hessian with `torch.autograd.functional.hessian`, and check it by hand;
- write Newton's method from the first and second derivatives, and use it to find a minimum.
""",
    ),
    setup(),
    md(
        zh=r"""
## 导数本身也是一个计算结果
取 $y = x^3$,在 $x = 2$ 处,

$$
\frac{dy}{dx} = 3x^2 = 3 \times 2^2 = 12
$$

`torch.autograd.grad(y, x)` 直接把导数作为张量返回,而不是存进 `x.grad`。加上 `create_graph=True`,PyTorch 在反向传播时会把求导用到的每一步运算也记录成计算图。
""",
        en=r"""
## A derivative is itself the result of a computation
Take $y = x^3$. At $x = 2$,

$$
\frac{dy}{dx} = 3x^2 = 3 \times 2^2 = 12
$$

`torch.autograd.grad(y, x)` returns the derivative as a tensor instead of storing it in `x.grad`. With `create_graph=True`, PyTorch also records every operation of the backward pass as a computation graph.
""",
    ),
    code(
        """
x = torch.tensor(2.0, requires_grad=True)
y = x ** 3
dy_dx, = torch.autograd.grad(y, x, create_graph=True)  # ⟨返回一个元组,每个输入一个导数‖returns a tuple, one derivative per input⟩
print(dy_dx)
"""
    ),
    md(
        zh=r"""
结果是我们手算的 12,但它带着 `grad_fn=<MulBackward0>`:这个 12 是由一串运算算出来的。用 `torch.draw` 把这串运算画出来看看。
""",
        en=r"""
The result is the 12 we computed by hand, but it carries `grad_fn=<MulBackward0>`: this 12 was produced by a chain of operations. Let us draw that chain with `torch.draw`.
""",
    ),
    code(
        """
torch.draw(dy_dx)
"""
    ),
    md(
        zh=r"""
注意看:这张图就是 `PowBackward0` 的反向计算 $1 \times (3 \times x^{2})$——先算 $x^2 = 4$,乘以 3 得 12,再乘以从 $y$ 传回来的梯度 1。图的起点仍然是叶子节点 `x`,所以我们可以沿着它再求一次导。
""",
        en=r"""
Notice: this graph is the backward computation of `PowBackward0`, $1 \times (3 \times x^{2})$. It computes $x^2 = 4$, multiplies by 3 to get 12, then by the gradient 1 that came back from $y$. It still starts from the leaf `x`, so we can differentiate along it once more.
""",
    ),
    md(
        zh=r"""
## 二阶导数与三阶导数
对 $\frac{dy}{dx} = 3x^2$ 再求导:

$$
\frac{d^2y}{dx^2} = 6x = 6 \times 2 = 12, \qquad \frac{d^3y}{dx^3} = 6
$$

二阶导数还要再求一次导,所以也加上 `create_graph=True`;三阶导数是最后一次,就不需要了。
""",
        en=r"""
## Second and third derivatives
Differentiate $\frac{dy}{dx} = 3x^2$ again:

$$
\frac{d^2y}{dx^2} = 6x = 6 \times 2 = 12, \qquad \frac{d^3y}{dx^3} = 6
$$

The second derivative will be differentiated once more, so it also gets `create_graph=True`; the third is the last one and does not need it.
""",
    ),
    code(
        """
d2y_dx2, = torch.autograd.grad(dy_dx, x, create_graph=True)
print(d2y_dx2)
d3y_dx3, = torch.autograd.grad(d2y_dx2, x)
print(d3y_dx3)
"""
    ),
    md(
        zh=r"""
注意:二阶导数又是 12,这只是在 $x = 2$ 处 $3x^2$ 和 $6x$ 恰好相等;三阶导数是 6,而且没有 `grad_fn`,因为这次没有记录计算图。
""",
        en=r"""
Notice: the second derivative is 12 again only because $3x^2$ and $6x$ happen to be equal at $x = 2$; the third derivative is 6, and has no `grad_fn`, because this time no graph was recorded.
""",
    ),
    md(
        zh=r"""
## 不加 `create_graph` 会怎样
默认情况下 `create_graph=False`:反向传播只算出数值,不记录计算过程。这样得到的导数只是一个普通的数,没有 `grad_fn`,也不需要梯度。
""",
        en=r"""
## Without `create_graph`
By default `create_graph=False`: the backward pass computes the numbers but does not record how. The derivative we get is then a plain number, with no `grad_fn`, that does not require grad.
""",
    ),
    code(
        """
x = torch.tensor(2.0, requires_grad=True)
y = x ** 3
g, = torch.autograd.grad(y, x)  # ⟨没有 create_graph‖no create_graph⟩
print(g, g.grad_fn, g.requires_grad)
"""
    ),
    md(
        zh=r"""
这样的 `g` 已经和 `x` 没有联系了,再对它求导就会报错:
""",
        en=r"""
Such a `g` has lost its link to `x`, so differentiating it again fails:
""",
    ),
    code(
        """
torch.autograd.grad(g, x)  # ⟨g 背后没有计算图‖there is no graph behind g⟩
""",
        "raises-exception",
    ),
    md(
        zh=r"""
报错信息说:`g` 不需要梯度,也没有 `grad_fn`。要求高阶导数,前面每一次求导都必须加上 `create_graph=True`。
""",
        en=r"""
The message says that `g` does not require grad and has no `grad_fn`. For higher derivatives, every derivative before the last must be taken with `create_graph=True`.
""",
    ),
    md(
        zh=r"""
## 海森矩阵
对多元函数,二阶导数排成一个矩阵,叫作海森矩阵 $H_{ij} = \frac{\partial^2 f}{\partial x_i \partial x_j}$。取 $f(x) = x_0^2 x_1 + x_1^3$,先求一阶偏导 $\frac{\partial f}{\partial x_0} = 2 x_0 x_1$,$\frac{\partial f}{\partial x_1} = x_0^2 + 3 x_1^2$,再求一次:

$$
H = \left[ \begin{matrix} 2 x_1 & 2 x_0 \\ 2 x_0 & 6 x_1 \end{matrix} \right]
= \left[ \begin{matrix} 4 & 2 \\ 2 & 12 \end{matrix} \right] \quad \text{在 } x = (1,\ 2) \text{ 处}
$$

`torch.autograd.functional.hessian(f, x)` 直接算出这个矩阵。
""",
        en=r"""
## The Hessian
For a function of several variables, the second derivatives form a matrix, the Hessian $H_{ij} = \frac{\partial^2 f}{\partial x_i \partial x_j}$. Take $f(x) = x_0^2 x_1 + x_1^3$. Its first partial derivatives are $\frac{\partial f}{\partial x_0} = 2 x_0 x_1$ and $\frac{\partial f}{\partial x_1} = x_0^2 + 3 x_1^2$; differentiating once more,

$$
H = \left[ \begin{matrix} 2 x_1 & 2 x_0 \\ 2 x_0 & 6 x_1 \end{matrix} \right]
= \left[ \begin{matrix} 4 & 2 \\ 2 & 12 \end{matrix} \right] \quad \text{at } x = (1,\ 2)
$$

`torch.autograd.functional.hessian(f, x)` computes this matrix directly.
""",
    ),
    code(
        """
def f(x):
    return x[0] ** 2 * x[1] + x[1] ** 3

x = torch.tensor([1.0, 2.0])
H = torch.autograd.functional.hessian(f, x)
print(H)
H_hand = torch.tensor([[2 * 2.0, 2 * 1.0],   # [2 x1, 2 x0]
                       [2 * 1.0, 6 * 2.0]])  # [2 x0, 6 x1]
print(torch.allclose(H, H_hand))
"""
    ),
    md(
        zh=r"""
注意:矩阵是对称的,两个混合偏导数 $\frac{\partial^2 f}{\partial x_0 \partial x_1}$ 和 $\frac{\partial^2 f}{\partial x_1 \partial x_0}$ 都等于 $2 x_0 = 2$,和求导顺序无关。
""",
        en=r"""
Notice: the matrix is symmetric. Both mixed partial derivatives, $\frac{\partial^2 f}{\partial x_0 \partial x_1}$ and $\frac{\partial^2 f}{\partial x_1 \partial x_0}$, equal $2 x_0 = 2$, whatever the order of differentiation.
""",
    ),
    md(
        zh=r"""
`hessian` 做的事情,我们用 `create_graph=True` 也能自己做:先求出梯度 $(2x_0 x_1,\ x_0^2 + 3x_1^2) = (4,\ 13)$,再对梯度的每个分量求一次导,就得到海森矩阵的一行。梯度的计算图要用两次,所以求第一行时要加 `retain_graph=True`。
""",
        en=r"""
We can do what `hessian` does ourselves with `create_graph=True`. First take the gradient $(2x_0 x_1,\ x_0^2 + 3x_1^2) = (4,\ 13)$; then differentiating each of its components gives one row of the Hessian. The gradient's graph is used twice, so the first row needs `retain_graph=True`.
""",
    ),
    code(
        """
x = torch.tensor([1.0, 2.0], requires_grad=True)
grad_f, = torch.autograd.grad(f(x), x, create_graph=True)
print(grad_f)
row0, = torch.autograd.grad(grad_f[0], x, retain_graph=True)
row1, = torch.autograd.grad(grad_f[1], x)
print(row0, row1)
"""
    ),
    md(
        zh=r"""
注意:`row0` 和 `row1` 正是上面 `H` 的两行 $(4,\ 2)$ 和 $(2,\ 12)$。
""",
        en=r"""
Notice: `row0` and `row1` are exactly the two rows of `H` above, $(4,\ 2)$ and $(2,\ 12)$.
""",
    ),
    md(
        zh=r"""
## 应用:牛顿法
二阶导数的一个用处是牛顿法:在极小值点附近用抛物线近似函数,直接跳到抛物线的最低点,

$$
x \leftarrow x - \frac{f'(x)}{f''(x)}
$$

取 $f(x) = \frac{x^3}{3} - 2x$,则 $f'(x) = x^2 - 2$,$f''(x) = 2x$,极小值点是 $x = \sqrt{2}$。下面从 $x = 1$ 出发迭代 4 次,两个导数都交给自动求导;为了看清更多位数,这里用 `float64`。
""",
        en=r"""
## Putting it to use: Newton's method
One use of the second derivative is Newton's method: near a minimum, approximate the function by a parabola and jump straight to the parabola's lowest point,

$$
x \leftarrow x - \frac{f'(x)}{f''(x)}
$$

Take $f(x) = \frac{x^3}{3} - 2x$. Then $f'(x) = x^2 - 2$, $f''(x) = 2x$, and the minimum is at $x = \sqrt{2}$. Below we start from $x = 1$ and take 4 steps, leaving both derivatives to autograd; we use `float64` to see more digits.
""",
    ),
    code(
        """
def f(x):
    return x ** 3 / 3 - 2 * x

x = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)
for step in range(1, 5):
    d1, = torch.autograd.grad(f(x), x, create_graph=True)  # ⟨f'(x),还要再求导‖f'(x), to be differentiated again⟩
    d2, = torch.autograd.grad(d1, x)                        # f''(x)
    with torch.no_grad():
        x -= d1 / d2                                        # ⟨牛顿法的一步‖one step of Newton's method⟩
    print(f"step {step}: x = {x.item():.10f}   |x - sqrt(2)| = {abs(x.item() - 2 ** 0.5):.1e}")
"""
    ),
    md(
        zh=r"""
注意误差:$8.6 \times 10^{-2}$、$2.5 \times 10^{-3}$、$2.1 \times 10^{-6}$、$1.6 \times 10^{-12}$——每一步正确的位数大约翻一倍;再走一步,误差就小于 `float64` 本身的舍入误差了。这一步其实就是古老的开平方法 $x \leftarrow \frac{1}{2}(x + \frac{2}{x})$;下一课的梯度下降只用一阶导数,要走很多步。
""",
        en=r"""
Notice the error: $8.6 \times 10^{-2}$, $2.5 \times 10^{-3}$, $2.1 \times 10^{-6}$, $1.6 \times 10^{-12}$: each step roughly doubles the number of correct digits; one more step and the error would be smaller than `float64`'s own rounding. This step is in fact the ancient square-root method $x \leftarrow \frac{1}{2}(x + \frac{2}{x})$; the gradient descent of the next lesson uses only first derivatives and needs many steps.
""",
    ),
    *exercises_heading(),
    md(
        zh=r"""
**练习 1(手算)。** 设

$$
f(x) = x^4 - 3x^2 + 5x
$$

先用笔算出二阶导数 $f''(x)$ 在 $x = 2$ 处的值,把下面的 `None` 换成你算出的数。
""",
        en=r"""
**Exercise 1 (by hand).** Let

$$
f(x) = x^4 - 3x^2 + 5x
$$

Work out the second derivative $f''(x)$ at $x = 2$ on paper, and replace the `None` below with your number.
""",
    ),
    answer(
        """
my_d2 = None
### BEGIN SOLUTION
my_d2 = 12 * 2 ** 2 - 6  # ⟨f'(x) = 4x³ - 6x + 5,f''(x) = 12x² - 6‖f'(x) = 4x³ - 6x + 5, f''(x) = 12x² - 6⟩
### END SOLUTION
""",
        "second-derivative-by-hand",
        wrong="my_d2 = 12 * 2 ** 2 - 6 + 5",
    ),
    check(
        1,
        2,
        grade_id="check-second-derivative-by-hand",
        needs=("my_d2",),
        trial="""
            t = torch.tensor(2.0, requires_grad=True)
            (d1,) = torch.autograd.grad(t ** 4 - 3 * t ** 2 + 5 * t, t, create_graph=True)
            (truth,) = torch.autograd.grad(d1, t)
            right = abs(float(my_d2) - truth.item()) < 1e-4
        """,
        right='f"⟨✔ 正确:f\'\'(2) = {truth.item():g}。‖✔ Right: f\'\'(2) = {truth.item():g}.⟩"',
        hint='"⟨还不对。提示:先求一阶导数 f\'(x),再对 f\'(x) 求导,最后才代入 x = 2;5x 这一项求两次导后还剩什么?‖Not yet. Hint: differentiate f to get f\'(x), differentiate f\'(x) again, and only then put in x = 2; what is left of the 5x term after two derivatives?⟩"',
    ),
    md(
        zh=r"""
下面用自动求导算出 $f''(2)$:第一次求导加 `create_graph=True`,再对结果求一次导。
""",
        en=r"""
Now autograd computes $f''(2)$: the first derivative with `create_graph=True`, then a derivative of that.
""",
    ),
    code(
        """
x = torch.tensor(2.0, requires_grad=True)
fx = x ** 4 - 3 * x ** 2 + 5 * x
d1, = torch.autograd.grad(fx, x, create_graph=True)
d2, = torch.autograd.grad(d1, x)
print(d1, d2)
"""
    ),
    md(
        zh=r"""
**练习 2(找 bug)。** 下面的 `second_derivative(f, x)` 想求 $f''(x)$,可它一运行就报错。修好它。
""",
        en=r"""
**Exercise 2 (fix the bug).** The `second_derivative(f, x)` below means to compute $f''(x)$, but it fails as soon as it runs. Fix it.
""",
    ),
    answer(
        """
def second_derivative(f, x):
    x = torch.tensor(float(x), requires_grad=True)
    d1, = torch.autograd.grad(f(x), x)
    d2, = torch.autograd.grad(d1, x)
    return d2.item()
### BEGIN SOLUTION
def second_derivative(f, x):  # ⟨修好的版本:第一次求导要记录计算图‖the fixed version: the first derivative must record its graph⟩
    x = torch.tensor(float(x), requires_grad=True)
    d1, = torch.autograd.grad(f(x), x, create_graph=True)
    d2, = torch.autograd.grad(d1, x)
    return d2.item()
### END SOLUTION
""",
        "fix-create-graph",
    ),
    check(
        2,
        3,
        grade_id="check-fix-create-graph",
        needs=("second_derivative",),
        trial="""
            got = [second_derivative(lambda t: t ** 3, 2.0), second_derivative(lambda t: t.sin() * 4, 0.0)]
            right = abs(got[0] - 12.0) < 1e-4 and abs(got[1]) < 1e-4
            problem = f"⟨得到‖got⟩ {got}"
        """,
        right='"⟨✔ 正确:x³ 在 x = 2 处的二阶导数是 12。‖✔ Right: the second derivative of x³ at x = 2 is 12.⟩"',
        hint='"⟨还不对。提示:要对一阶导数再求导,第一次求导时就得把求导的过程也记录成计算图。‖Not yet. Hint: to differentiate the first derivative again, the first differentiation must itself be recorded as a graph.⟩"',
    ),
    md(
        zh=r"""
## 小结
- `torch.autograd.grad(y, x, create_graph=True)` 会把反向传播的运算也记录成计算图,得到的导数带有 `grad_fn`,可以再求导;不加它,导数只是一个普通的数。
- 海森矩阵是二阶偏导数组成的对称矩阵,`torch.autograd.functional.hessian` 直接求出它,其实就是对梯度的每个分量再求一次导。
- 牛顿法 $x \leftarrow x - f'(x)/f''(x)$ 同时用到一阶和二阶导数,在极小值附近收敛得非常快。

下一课:梯度下降,我们只用一阶导数,从零实现线性回归。
""",
        en=r"""
## Summary
- `torch.autograd.grad(y, x, create_graph=True)` records the backward pass as a graph too, so the derivative carries a `grad_fn` and can be differentiated again; without it, the derivative is a plain number.
- The Hessian is the symmetric matrix of second partial derivatives; `torch.autograd.functional.hessian` computes it, and all it does is differentiate each component of the gradient once more.
- Newton's method, $x \leftarrow x - f'(x)/f''(x)$, uses both first and second derivatives and converges very fast near a minimum.

Next lesson: gradient descent, where we implement linear regression from scratch using first derivatives only.
""",
    ),
]
