"""Lesson 7: in-place operations and version counters, CopySlices, detach() and the legacy .data."""

from lesson_build import answer, check, code, exercises_heading, md, setup

CELLS = [
    md(
        zh=r"""
# 原地操作、detach 与 .data

上一课我们在 `torch.no_grad()` 里原地更新参数,也看到了在它外面这样做会报错。这一课把原地操作讲透:PyTorch 怎样发现一次危险的原地修改,什么时候原地修改是安全的,以及怎样把一段计算从图上剪下来。

学完这一课,你可以:
- 用版本号(`_version`)解释原地操作引发的两种报错,并修好一段原地修改了被保存张量的代码;
- 说出索引赋值 `t[i] = ...` 什么时候是安全的,以及它在图中为什么是 `CopySlices`;
- 用 `detach()` 把一段计算从图上剪下来,并说出旧写法 `.data` 为什么危险。
""",
        en=r"""
# In-place operations, detach and .data

In the last lesson we updated parameters in place inside `torch.no_grad()`, and saw that doing so outside it fails. This lesson looks at in-place operations closely: how PyTorch catches a dangerous in-place change, when changing a tensor in place is safe, and how to cut a computation out of the graph.

After this lesson you can:
- explain the two errors in-place operations cause with version counters (`_version`), and fix code that changed a saved tensor in place;
- say when an index assignment `t[i] = ...` is safe, and why the graph shows it as `CopySlices`;
- cut a computation out of the graph with `detach()`, and say why the old `.data` is dangerous.
""",
    ),
    setup(),
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
x = torch.tensor([1.0, 2.0], requires_grad=True)
x.add_(1)
""",
        "raises-exception",
    ),
    md(
        zh=r"""
我们要对 `x` 求导,如果它的值被悄悄改掉,图里就记不清梯度是对哪个值求的了。提示里说的 `torch.no_grad()` 是更新参数的正确写法,上一课已经用过。
""",
        en=r"""
We differentiate with respect to `x`; if its value were silently changed, the graph would no longer know which value the gradient is for. The `torch.no_grad()` the hint mentions is the right way to update parameters, as in the last lesson.
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
y = x.exp()   # ⟨ExpBackward0 保存 y,版本 0‖ExpBackward0 saves y, at version 0⟩
y.add_(1)     # ⟨y._version 变成 1‖y._version becomes 1⟩
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
原地操作并不总会出错:只要被改写的值没有被保存,反向传播就照常进行。第 4 课里的 `n[0, 0] = ...` 就是这样。下面 `y = x * 2` 只保存了常数 2,所以可以把 `y[0]` 改成 0:
""",
        en=r"""
## Index assignment: CopySlices
In-place operations do not always fail: as long as the value they overwrite was not saved, backward works. Lesson 4's `n[0, 0] = ...` was such a case. Below, `y = x * 2` saves only the constant 2, so `y[0]` may be set to 0:
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
`y` 的 `grad_fn` 变成了 `CopySlices`,图中它标着 `CopySlices (CopyBackwards on y[0])`:它记下了写入的位置 `y[0]`,并挡住了流向这个位置的梯度,所以 `x.grad` 是 $(0, 2, 2)$。`MulBackward0` 节点显示的是它算出的值 $(2, 4, 6)$,`CopySlices` 显示写入之后的值 $(0, 4, 6)$:`y[0] = 0.0` 改写的正是 `x * 2` 的那块内存。
""",
        en=r"""
The `grad_fn` of `y` is now `CopySlices`, and in the picture it reads `CopySlices (CopyBackwards on y[0])`: it records where it wrote, `y[0]`, and stops the gradient to that position, so `x.grad` is $(0, 2, 2)$. The `MulBackward0` node shows the value it computed, $(2, 4, 6)$, and `CopySlices` the value after the write, $(0, 4, 6)$: `y[0] = 0.0` overwrote the very memory that `x * 2` produced.
""",
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
d[0] = 100.0  # ⟨也改了 y‖changes y too⟩
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
## no_grad():整块代码都不记录
`torch.no_grad()` 里的运算照样计算,只是不进计算图:下面的 `c` 有 $3x$ 的值,却没有 `grad_fn`,和 `y.detach()` 一样是个常数,所以 $\frac{\partial z}{\partial x} = c = (3, 6)$。
""",
        en=r"""
## no_grad(): a whole block left out
Operations inside `torch.no_grad()` are computed but not recorded: below, `c` holds the values of $3x$ but has no `grad_fn`, so it is a constant just like `y.detach()`, and $\frac{\partial z}{\partial x} = c = (3, 6)$.
""",
    ),
    code(
        """
x = torch.tensor([1.0, 2.0], requires_grad=True)
with torch.no_grad():
    c = x * 3  # ⟨计算了,但没有记录‖computed, not recorded⟩
z = (c * x).sum()
z.backward()
print(c.grad_fn, x.grad)
"""
    ),
    md(
        zh=r"""
图里 `c` 是常数,从 `x` 到 `c` 的虚线标着 `no_grad()`:反向传播不走这条边。
""",
        en=r"""
In the picture `c` is a constant, and the dashed edge from `x` to `c` is labelled `no_grad()`: backward does not follow it.
""",
    ),
    md(
        zh=r"""
## .data:旧写法,小心使用
`.data` 是 PyTorch 0.4 以前的写法(第 4 课的 `x.grad.data.zero_()` 就用了它),今天仍然能用:它也给出共用内存、不需要梯度的张量,但通过它做的修改**不会**增加版本号。把上面报错的例子改用 `.data`,就不再报错,梯度却悄悄算错了:正确的梯度是 $e^x = (2.7183,\ 7.3891)$。
""",
        en=r"""
## .data: the old way, use with care
`.data` is how PyTorch was written before version 0.4 (lesson 4's `x.grad.data.zero_()` used it), and it still works today: it too gives a tensor that shares memory and does not require grad, but changes made through it do **not** bump the version counter. Redo the failing example above through `.data`: no error any more, and a silently wrong gradient. The right one is $e^x = (2.7183,\ 7.3891)$.
""",
    ),
    code(
        """
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x.exp()
y.data.add_(1)  # ⟨版本号不变‖the version does not change⟩
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
    *exercises_heading(),
    md(
        zh=r"""
**练习 1(判断)。** 下面创建了六个张量。不要打印它们,先判断每个张量的 `requires_grad` 和 `is_leaf`。
""",
        en=r"""
**Exercise 1 (decide).** The cell below creates six tensors. Without printing them, decide `requires_grad` and `is_leaf` for each.
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
把 `None` 换成一个字典,每个张量写成 `(requires_grad, is_leaf)`,例如 `{"a": (True, True), "b": ..., ...}`。
""",
        en=r"""
Replace the `None` with a dictionary that gives each tensor as `(requires_grad, is_leaf)`, like `{"a": (True, True), "b": ..., ...}`.
""",
    ),
    answer(
        """
my_answers = None
### BEGIN SOLUTION
my_answers = {
    "a": (True, True),
    "b": (False, True),
    "c": (True, False),
    "d": (False, True),
    "e": (False, True),
    "f": (False, True),
}
### END SOLUTION
""",
        "leaves-and-requires-grad",
        wrong="my_answers = {name: (True, True) for name in 'abcdef'}",
    ),
    check(
        1,
        2,
        grade_id="check-leaves-and-requires-grad",
        needs=("my_answers",),
        trial="""
            tensors = {"a": a, "b": b, "c": c, "d": d, "e": e, "f": f}
            wrong_rg = [n for n, t in tensors.items() if tuple(my_answers[n])[0] != t.requires_grad]
            wrong_leaf = [n for n, t in tensors.items() if tuple(my_answers[n])[1] != t.is_leaf]
            right = not wrong_rg and not wrong_leaf
            problem = "\\n".join(
                [f"⟨requires_grad 还不对:{', '.join(wrong_rg)}。提示:只有当某个输入需要梯度、并且此刻正在记录计算图时,结果才需要梯度。‖requires_grad is not right yet for {', '.join(wrong_rg)}. Hint: a result requires grad only if one of its inputs does and autograd is recording at that moment.⟩"] * bool(wrong_rg)
                + [f"⟨is_leaf 还不对:{', '.join(wrong_leaf)}。提示:只有带 grad_fn(由被记录的运算得到)的张量才是非叶子节点。‖is_leaf is not right yet for {', '.join(wrong_leaf)}. Hint: a tensor is a non-leaf only if it has a grad_fn, that is, a recorded operation produced it.⟩"] * bool(wrong_leaf)
            )
        """,
        right='"⟨✔ 正确:十二个判断全对。‖✔ Right: all twelve answers match.⟩"',
        hint='"⟨对照上面两条提示,一个张量一个张量地再想一遍。‖Go through the tensors one by one again with the hints above.⟩"',
    ),
    md(
        zh=r"""
**练习 2(找 bug)。** 下面的 `doubled_sigmoid` 想算 $2\sigma(x)$,可是对它求导会报错。运行检查单元格看看报错,然后修好它,让梯度等于 $2\sigma(x)(1 - \sigma(x))$。
""",
        en=r"""
**Exercise 2 (fix the bug).** The `doubled_sigmoid` below means to compute $2\sigma(x)$, but differentiating it fails. Run the check cell to see the error, then fix the function so that its gradient is $2\sigma(x)(1 - \sigma(x))$.
""",
    ),
    answer(
        """
def doubled_sigmoid(x):
    y = torch.sigmoid(x)
    ### BEGIN SOLUTION
    y = y.clone()  # ⟨一份自己的副本:sigmoid 保存的输出保持不变(写 y = y * 2 也行)‖a copy of its own, so the output sigmoid saved stays as it was (y = y * 2 works too)⟩
    ### END SOLUTION
    y *= 2
    return y
""",
        "fix-inplace",
    ),
    check(
        2,
        3,
        grade_id="check-fix-inplace",
        needs=("doubled_sigmoid",),
        trial="""
            t = torch.tensor([0.0, 1.0, -2.0], requires_grad=True)
            (grad,) = torch.autograd.grad(doubled_sigmoid(t).sum(), t)
            s = torch.sigmoid(t.detach())
            right = torch.allclose(grad, 2 * s * (1 - s))
            problem = f"⟨梯度是‖the gradient is⟩ {grad}"
        """,
        right='"⟨✔ 正确:梯度是 2σ(x)(1 − σ(x)),sigmoid 保存的输出没有被改动。‖✔ Right: the gradient is 2σ(x)(1 − σ(x)), and the output sigmoid saved was left alone.⟩"',
        hint='"⟨还不对。提示:sigmoid 的反向传播要用它的输出 σ(x),所以保存了它;之后再原地改写这个张量,版本号就对不上了。‖Not yet. Hint: sigmoid\'s backward needs its output σ(x), so it saved it; changing that tensor in place afterwards breaks the version check.⟩"',
    ),
    md(
        zh=r"""
## 小结
- 原地操作会让版本号加 1:原地修改需要梯度的叶子节点立即报错,原地修改了反向传播保存的张量则在 `backward()` 时报错;改用非原地的写法(或先 `clone()`)就好。
- 改写没有被保存的值是安全的;`t[i] = ...` 记录为 `CopySlices`,它挡住流向被改写位置的梯度。
- `detach()` 剪断计算图(`no_grad()` 让整块代码不进图),但和原张量共用内存和版本号;`.data` 是旧写法,连版本号也绕过,可能悄悄算错梯度。

下一课:高阶导数与海森矩阵,我们会对梯度本身再求导。
""",
        en=r"""
## Summary
- In-place operations bump the version counter: changing a leaf that requires grad fails at once, changing a tensor that backward saved fails at `backward()`; the out-of-place form (or a `clone()` first) fixes it.
- Overwriting a value nobody saved is safe; `t[i] = ...` is recorded as `CopySlices`, which stops the gradient to the positions it overwrote.
- `detach()` cuts the graph (`no_grad()` leaves a whole block out of it) but shares memory and version counter with the original; `.data` is the old way, bypasses even the version counter, and can silently give wrong gradients.

Next lesson: higher-order gradients and the Hessian, where we differentiate a gradient itself.
""",
    ),
]
