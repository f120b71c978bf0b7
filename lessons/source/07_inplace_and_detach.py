"""Lesson 5: leaves and non-leaves, in-place operations and version counters, no_grad, detach and .data."""

from lesson_build import code, md

CELLS = [
    md(
        zh=r"""
# 原地操作、no_grad、detach 与叶子节点

前几课里,梯度总是出现在我们亲手创建的张量上,而参数更新要写在 `torch.no_grad()` 里。这一课解释背后的规则:哪些张量是叶子节点,为什么原地修改会报错,以及怎样让一段计算不进入计算图。

学完这一课,你可以:
- 区分叶子节点和非叶子节点(`is_leaf`、`grad_fn`),并用 `retain_grad()` 留下非叶子节点的梯度;
- 用版本号(`_version`)解释原地操作引发的两种报错;
- 用 `torch.no_grad()`、`detach()` 和 `.data` 让计算不被记录,并知道它们的区别。
""",
        en=r"""
# In-place ops, no_grad, detach and leaves

In the earlier lessons, gradients always appeared on tensors we created ourselves, and parameter updates were written inside `torch.no_grad()`. This lesson explains the rules behind that: which tensors are leaves, why changing a tensor in place can fail, and how to keep a computation out of the graph.

After this lesson you can:
- tell leaves from non-leaves (`is_leaf`, `grad_fn`), and keep a non-leaf's gradient with `retain_grad()`;
- explain the two errors in-place operations cause, with version counters (`_version`);
- compute without recording, with `torch.no_grad()`, `detach()` and `.data`, and say how they differ.
""",
    ),
    code(
        """
%load_ext autograd_lab
import autograd_lab as torch
import warnings
"""
    ),
    md(
        zh=r"""
## 叶子节点与非叶子节点
我们直接创建的张量是**叶子节点**:它没有 `grad_fn`,因为它不是由别的运算得到的。对需要梯度的张量做运算,得到的是**非叶子节点**,它的 `grad_fn` 记录了是哪个运算产生了它,反向传播就沿着这些 `grad_fn` 往回走。
""",
        en=r"""
## Leaves and non-leaves
A tensor we create directly is a **leaf**: it has no `grad_fn`, because no operation produced it. An operation on a tensor that requires grad gives a **non-leaf**, whose `grad_fn` records the operation that produced it; the backward pass walks back along these `grad_fn`s.
""",
    ),
    code(
        """
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 3
z = (y ** 2).sum()
print(x.is_leaf, x.grad_fn)
print(y.is_leaf, y.grad_fn.name())
print(z.is_leaf, z.grad_fn.name())
"""
    ),
    md(
        zh=r"""
反向传播之后,梯度只存放在叶子节点的 `.grad` 里。这里 $z = \sum_i y_i^2$,$y = 3x$,所以

$$
\frac{\partial z}{\partial y} = 2y = (6,\ 12), \qquad \frac{\partial z}{\partial x} = 3 \cdot 2y = 18x = (18,\ 36)
$$

读取非叶子节点 `y` 的 `.grad` 只会得到 `None` 和一条警告;我们把警告收集起来再打印,方便阅读。
""",
        en=r"""
After the backward pass, gradients are stored only in the `.grad` of leaves. Here $z = \sum_i y_i^2$ and $y = 3x$, so

$$
\frac{\partial z}{\partial y} = 2y = (6,\ 12), \qquad \frac{\partial z}{\partial x} = 3 \cdot 2y = 18x = (18,\ 36)
$$

Reading `.grad` of the non-leaf `y` gives only `None` and a warning; we collect the warning and print it, so that it is easy to read.
""",
    ),
    code(
        """
z.backward()
print(x.grad)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    print(y.grad)  # 非叶子节点 / a non-leaf
print(caught[0].message)
"""
    ),
    md(
        zh=r"""
`x.grad` 是 $(18, 36)$;图中 `MulBackward0` 节点上也标着 $(6, 12)$:梯度确实经过了 `y`,只是用完就丢掉了。警告里给出了办法:`retain_grad()`。
""",
        en=r"""
`x.grad` is $(18, 36)$; in the picture the `MulBackward0` node shows $(6, 12)$ too: the gradient did pass through `y`, it just was not kept. The warning names the way to keep it: `retain_grad()`.
""",
    ),
    code(
        """
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 3
y.retain_grad()  # 在 backward() 之前调用 / call it before backward()
z = (y ** 2).sum()
z.backward()
print(y.grad)
"""
    ),
    md(
        zh=r"""
这次 `y.grad` 就是手算的 $(6, 12)$。
""",
        en=r"""
This time `y.grad` is the $(6, 12)$ we computed by hand.
""",
    ),
    md(
        zh=r"""
## 原地修改需要梯度的叶子节点会报错
名字以下划线结尾的方法(`add_`、`mul_`、`zero_` ……)、`+=` 和 `t[i] = ...` 都是**原地操作**:它们直接改写张量本身,而不是产生一个新张量。对一个需要梯度的叶子节点这样做,PyTorch 会拒绝:
""",
        en=r"""
## An in-place op on a leaf that requires grad fails
Methods whose names end in an underscore (`add_`, `mul_`, `zero_`, ...), `+=` and `t[i] = ...` are **in-place** operations: they overwrite the tensor itself instead of making a new one. On a leaf that requires grad, PyTorch refuses:
""",
    ),
    code(
        """
x.add_(1)
""",
        "raises-exception",
    ),
    md(
        zh=r"""
我们要对 `x` 求导,如果它的值被悄悄改掉,图里就记不清梯度是对哪个值求的了。提示里说的 `torch.no_grad()` 是更新参数的正确写法,本课后面会讲到。
""",
        en=r"""
We differentiate with respect to `x`; if its value were silently changed, the graph would no longer know which value the gradient is for. The `torch.no_grad()` the hint mentions is the right way to update parameters; it comes later in this lesson.
""",
    ),
    md(
        zh=r"""
## 版本号
每个张量都有一个版本号 `_version`,每做一次原地操作就加 1。
""",
        en=r"""
## Version counters
Every tensor has a version counter, `_version`, which goes up by 1 with every in-place operation.
""",
    ),
    code(
        """
a = torch.tensor([1.0, 2.0])
print(a._version)
a.add_(1)
print(a._version)
a[0] = 5.0
print(a._version)
a.mul_(2)
print(a._version, a)
"""
    ),
    md(
        zh=r"""
三次原地操作,版本号从 0 变成 3;`a[0] = 5.0` 也算一次。
""",
        en=r"""
Three in-place operations take the counter from 0 to 3; `a[0] = 5.0` counts as one.
""",
    ),
    md(
        zh=r"""
## 修改了反向传播要用的张量,backward() 会报错
$\frac{d e^x}{dx} = e^x$,所以 `ExpBackward0` 保存的是它的输出 $y = e^x$,连同当时的版本号 0。如果之后原地改了 `y`,反向传播时版本号对不上,PyTorch 就会报错,而不是悄悄算出错误的梯度。
""",
        en=r"""
## Changing a tensor backward needs: backward() fails
$\frac{d e^x}{dx} = e^x$, so `ExpBackward0` saves its output $y = e^x$, together with its version at that time, 0. If `y` is then changed in place, the versions no longer match at backward time, and PyTorch raises an error instead of silently computing a wrong gradient.
""",
    ),
    code(
        """
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x.exp()   # ExpBackward0 保存 y,版本 0 / saves y, at version 0
y.add_(1)     # y._version 变成 1 / becomes 1
y.sum().backward()
""",
        "raises-exception",
    ),
    md(
        zh=r"""
报错说清了是哪个张量(`output 0 of Exp`,也就是 `x.exp()` 的结果)、它现在的版本(1)和反向传播期望的版本(0)。改法是不用原地操作:`y = x.exp() + 1` 会得到一个新张量,保存下来的 $e^x$ 保持不变。
""",
        en=r"""
The error says which tensor (`output 0 of Exp`, the result of `x.exp()`), its version now (1), and the version backward expected (0). The fix is to avoid the in-place op: `y = x.exp() + 1` makes a new tensor and leaves the saved $e^x$ alone.
""",
    ),
    md(
        zh=r"""
## 索引赋值:CopySlices
原地操作并不总会出错:只要被改写的值没有被保存,反向传播就照常进行。第一课里的 `n[0, 0] = ...` 就是这样。下面 `y = x * 2` 只保存了常数 2,所以可以把 `y[0]` 改成 0:
""",
        en=r"""
In-place operations do not always fail: as long as the value they overwrite was not saved, backward works. Lesson 1's `n[0, 0] = ...` was such a case. Below, `y = x * 2` saves only the constant 2, so `y[0]` may be set to 0:
""",
    ),
    code(
        """
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * 2
y[0] = 0.0
print(y)
y.sum().backward()
print(x.grad)
"""
    ),
    md(
        zh=r"""
`y` 的 `grad_fn` 变成了 `CopySlices`,图中它标着 `wrote [0]`:它记下了写入的位置,并挡住了流向这个位置的梯度,所以 `x.grad` 是 $(0, 2, 2)$。`MulBackward0` 节点显示的值也是 $(0, 4, 6)$,因为 `y[0] = 0.0` 改写的正是 `x * 2` 的那块内存。
""",
        en=r"""
The `grad_fn` of `y` is now `CopySlices`, and in the picture it says `wrote [0]`: it records where it wrote, and stops the gradient to that position, so `x.grad` is $(0, 2, 2)$. The `MulBackward0` node also shows the value $(0, 4, 6)$, because `y[0] = 0.0` overwrote the very memory that `x * 2` produced.
""",
    ),
    md(
        zh=r"""
## torch.no_grad():不记录计算图
在 `with torch.no_grad():` 里面做的运算不会被记录:结果不需要梯度,也没有 `grad_fn`。
""",
        en=r"""
## torch.no_grad(): no graph recorded
Operations inside `with torch.no_grad():` are not recorded: their results do not require grad and have no `grad_fn`.
""",
    ),
    code(
        """
w = torch.tensor([1.0, 2.0], requires_grad=True)
with torch.no_grad():
    u = w * 2
print(u, u.requires_grad, u.grad_fn)
"""
    ),
    md(
        zh=r"""
它最常见的用途是更新参数。$\nabla_w \sum_i w_i^2 = 2w = (2, 4)$,学习率取 0.1,更新后 $w = (1, 2) - 0.1 \times (2, 4) = (0.8, 1.6)$。在 `no_grad` 里原地更新叶子节点是允许的,而且 `w` 仍然是叶子节点,下一步还能接着求梯度。
""",
        en=r"""
Its most common use is updating parameters. $\nabla_w \sum_i w_i^2 = 2w = (2, 4)$; with a learning rate of 0.1 the update gives $w = (1, 2) - 0.1 \times (2, 4) = (0.8, 1.6)$. Inside `no_grad`, updating a leaf in place is allowed, and `w` stays a leaf, ready for the next gradient.
""",
    ),
    code(
        """
loss = (w ** 2).sum()
loss.backward()
with torch.no_grad():
    w -= 0.1 * w.grad  # 原地更新,不进入计算图 / in place, not recorded
w.grad.zero_()
print(w, w.is_leaf)
"""
    ),
    md(
        zh=r"""
`w` 变成了 $(0.8, 1.6)$,仍然是需要梯度的叶子节点。如果写成 `w = w - 0.1 * w.grad` 而不用 `no_grad`,这一步会被记录,新的 `w` 就成了非叶子节点,它的 `.grad` 永远是 `None`:
""",
        en=r"""
`w` is now $(0.8, 1.6)$, still a leaf that requires grad. Written as `w = w - 0.1 * w.grad` without `no_grad`, the update would be recorded, and the new `w` would be a non-leaf whose `.grad` is always `None`:
""",
    ),
    code(
        """
w_new = w - 0.1 * w.grad
print(w_new.is_leaf, w_new.grad_fn.name())
"""
    ),
    md(
        zh=r"""
## detach():从计算图上剪下来
`y.detach()` 返回一个和 `y` 值相同、但不需要梯度的新张量,反向传播到这里就停了。取 $y = 3x$,$z = \sum_i \text{detach}(y)_i \, x_i$:`detach(y)` 被当作常数 $c = 3x = (3, 6)$,所以 $\frac{\partial z}{\partial x} = c = (3, 6)$;如果不 detach,$z = \sum_i 3x_i^2$,梯度会是 $6x = (6, 12)$。
""",
        en=r"""
## detach(): cut from the graph
`y.detach()` returns a new tensor with the values of `y` that does not require grad: the backward pass stops there. Take $y = 3x$ and $z = \sum_i \text{detach}(y)_i \, x_i$: `detach(y)` counts as a constant $c = 3x = (3, 6)$, so $\frac{\partial z}{\partial x} = c = (3, 6)$; without the detach, $z = \sum_i 3x_i^2$ and the gradient would be $6x = (6, 12)$.
""",
    ),
    code(
        """
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 3
z = (y.detach() * x).sum()
z.backward()
print(x.grad)
"""
    ),
    md(
        zh=r"""
`x.grad` 是 $(3, 6)$。图里 `x` 只有一条路通向 `z`:`y` 那一支被剪掉了,它的值作为常数出现在图中。
""",
        en=r"""
`x.grad` is $(3, 6)$. In the picture, only one path leads from `x` to `z`: the branch through `y` is cut, and its value appears as a constant.
""",
    ),
    md(
        zh=r"""
`detach()` 不复制数据:结果和原张量共用同一块内存,也共用版本号。改写它,原张量也跟着变,而版本号会让反向传播发现这次改动。
""",
        en=r"""
`detach()` copies nothing: the result shares memory with the original, and its version counter too. Writing into it changes the original, and the version counter lets backward notice the change.
""",
    ),
    code(
        """
d = y.detach()
print(d.requires_grad, d.is_leaf)
d[0] = 100.0  # 也改了 y / changes y too
print(y)
print(y._version, d._version)
"""
    ),
    md(
        zh=r"""
`y` 的第一个元素也变成了 100,两个版本号都是 1。
""",
        en=r"""
The first element of `y` became 100 too, and both version counters are at 1.
""",
    ),
    md(
        zh=r"""
## .data:旧写法,小心使用
`.data` 也给出共用内存、不需要梯度的张量(第一课的 `x.grad.data.zero_()` 就用了它),但通过它做的修改**不会**增加版本号。把上面报错的例子改用 `.data`,就不再报错,梯度却悄悄算错了:正确的梯度是 $e^x = (2.7183,\ 7.3891)$。
""",
        en=r"""
## .data: the old way, use with care
`.data` also gives a tensor that shares memory and does not require grad (lesson 1's `x.grad.data.zero_()` used it), but changes made through it do **not** bump the version counter. Redo the failing example above through `.data`: no error any more, and a silently wrong gradient. The right one is $e^x = (2.7183,\ 7.3891)$.
""",
    ),
    code(
        """
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x.exp()
y.data.add_(1)  # 版本号不变 / the version does not change
print(y._version)
y.sum().backward()
print(x.grad)
"""
    ),
    md(
        zh=r"""
版本号还是 0,所以没有报错;`x.grad` 却是 $(3.7183, 8.3891)$,每个都多了 1。所以需要"不求导的同一份数据"时,用 `detach()`;更新参数时,用 `torch.no_grad()`。
""",
        en=r"""
The version is still 0, so nothing complains; yet `x.grad` is $(3.7183, 8.3891)$, each 1 too big. So when you need the same data without gradients, use `detach()`; to update parameters, use `torch.no_grad()`.
""",
    ),
    md(
        zh=r"""
## 小练习
下面创建了六个张量。不要打印它们,先判断每个张量的 `requires_grad` 和 `is_leaf`。
""",
        en=r"""
## Exercise
The cell below creates six tensors. Without printing them, decide `requires_grad` and `is_leaf` for each.
""",
    ),
    code(
        """
a = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.tensor([3.0, 4.0])
c = a * b
d = b * 2
with torch.no_grad():
    e = a * 2
f = c.detach()
"""
    ),
    md(
        zh=r"""
把你的判断写在下面,每个张量写成 `(requires_grad, is_leaf)`,把 `...` 换成 `True` 或 `False`。
""",
        en=r"""
Write your answers below, each tensor as `(requires_grad, is_leaf)`, replacing each `...` with `True` or `False`.
""",
    ),
    code(
        """
my_answers = {
    "a": (..., ...),
    "b": (..., ...),
    "c": (..., ...),
    "d": (..., ...),
    "e": (..., ...),
    "f": (..., ...),
}
"""
    ),
    code(
        """
# 检查你的答案 / check your answer
tensors = {"a": a, "b": b, "c": c, "d": d, "e": e, "f": f}
if any(v is ... for pair in my_answers.values() for v in pair):
    print("先在上面的 my_answers 里把 ... 换成 True 或 False。 / Fill in my_answers above first.")
else:
    wrong_rg = [n for n, t in tensors.items() if my_answers[n][0] != t.requires_grad]
    wrong_leaf = [n for n, t in tensors.items() if my_answers[n][1] != t.is_leaf]
    if not wrong_rg and not wrong_leaf:
        print("✔ 完全正确! / Right: all twelve answers match.")
    if wrong_rg:
        print(f"requires_grad 还不对:{', '.join(wrong_rg)}。提示:只有当某个输入需要梯度、并且此刻正在记录计算图时,结果才需要梯度。"
              f" / Not yet, requires_grad of {', '.join(wrong_rg)}. Hint: a result requires grad only if"
              " one of its inputs does and autograd is recording at that moment.")
    if wrong_leaf:
        print(f"is_leaf 还不对:{', '.join(wrong_leaf)}。提示:只有带 grad_fn(由被记录的运算得到)的张量才是非叶子节点。"
              f" / Not yet, is_leaf of {', '.join(wrong_leaf)}. Hint: a tensor is a non-leaf only if it has"
              " a grad_fn, that is, a recorded operation produced it.")
"""
    ),
    md(
        zh=r"""
## 小结
- 直接创建的张量是叶子节点(`grad_fn` 为 `None`),只有叶子节点的 `.grad` 会被保留;想要非叶子节点的梯度,在 `backward()` 之前调用 `retain_grad()`。
- 原地操作会让版本号加 1:原地修改需要梯度的叶子节点立即报错,修改了反向传播保存的张量则在 `backward()` 时报错;`t[i] = ...` 记录为 `CopySlices`。
- `torch.no_grad()` 里的运算不被记录,用来更新参数;`detach()` 剪断计算图但共用内存和版本号;`.data` 连版本号也绕过,可能悄悄算错梯度。

下一课:高阶导数与 Hessian 矩阵,我们会对梯度本身再求导。
""",
        en=r"""
## Summary
- Tensors created directly are leaves (`grad_fn` is `None`), and only leaves keep their `.grad`; for a non-leaf's gradient, call `retain_grad()` before `backward()`.
- In-place ops bump the version counter: changing a leaf that requires grad fails at once, changing a tensor that backward saved fails at `backward()`; `t[i] = ...` is recorded as `CopySlices`.
- Operations inside `torch.no_grad()` are not recorded, which is how parameters are updated; `detach()` cuts the graph but shares memory and version counter; `.data` bypasses even the version counter and can silently give wrong gradients.

Next lesson: higher-order gradients and the Hessian, where we differentiate a gradient itself.
""",
    ),
]
