"""Lesson 6: what backward() frees (the seed's retain_graph example), how .grad accumulates, micro-batches, no_grad and zero_()."""

from lesson_build import answer, check, code, exercises_heading, md, setup

CELLS = [
    md(
        zh=r"""
# retain_graph、梯度累加与 zero_()

这一课讲反向传播之后留下了什么:计算图保存的值会被释放,而 `.grad` 会一直累加。这两件事决定了一个训练循环该怎么写:参数更新放在 `torch.no_grad()` 里,每一步都要把梯度归零。

学完这一课,你可以:
- 说出计算图为反向传播保存了哪些值,解释第二次 `backward()` 为什么报错,并用 `retain_graph=True` 保留它们;
- 预测多次 `backward()` 之后 `.grad` 的值,并在分成几个小批累加梯度时得到和整批一样的梯度;
- 写出训练的一步:在 `torch.no_grad()` 下更新参数,用 `zero_()` 归零,并修好一个忘了归零的循环。
""",
        en=r"""
# retain_graph, accumulation and zero_()

This lesson is about what a backward pass leaves behind: the values the graph saved are freed, while `.grad` keeps accumulating. Together these decide how a training loop is written: the parameter update goes inside `torch.no_grad()`, and every step resets the gradients.

After this lesson you can:
- say which values a graph saves for the backward pass, explain why a second `backward()` fails, and keep those values with `retain_graph=True`;
- predict `.grad` after several `backward()` calls, and accumulate gradients over micro-batches so that they equal the whole batch's;
- write one training step, with the update under `torch.no_grad()` and a reset with `zero_()`, and fix a loop that forgets the reset.
""",
    ),
    setup("from autograd_lab.autograd import Variable"),
    md(
        zh=r"""
## 多次自动求导
通过调用 backward 我们可以进行一次自动求导;如果我们再调用一次 backward,会发现程序报错,没有办法再做一次。这是因为 PyTorch 默认做完一次自动求导之后,计算图中为反向传播保存的值就被释放了,所以两次自动求导需要手动设置一个参数。我们通过下面的小例子来说明(代码沿用最初课程里的 `Variable`,它今天就是一个普通的张量):

$$
y = 2x + x^2 + 3, \qquad \frac{dy}{dx} = 2 + 2x = 2 + 2 \times 3 = 8
$$

为了算出 $2x$ 这一项,`PowBackward0` 在前向计算时保存了 $x$ 的值。
""",
        en=r"""
## Running backward more than once
One call to backward runs autograd once. Call it again and the program fails: it cannot be done a second time. By default, once backward is done, PyTorch frees the values the graph saved for the backward pass, so two backward passes need a setting of their own, as this small example shows (its code keeps the original lesson's `Variable`, which today is a plain tensor):

$$
y = 2x + x^2 + 3, \qquad \frac{dy}{dx} = 2 + 2x = 2 + 2 \times 3 = 8
$$

To compute the $2x$ term, `PowBackward0` saved the value of $x$ during the forward pass.
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
y.backward(retain_graph=True) # ⟨设置 retain_graph 为 True 来保留计算图‖retain_graph=True keeps the graph⟩
"""
    ),
    code(
        """
print(x.grad)
"""
    ),
    md(
        zh=r"""
梯度是手算的 8。图中节点的边框是实线:保存的值还在。
""",
        en=r"""
The gradient is the 8 we computed by hand. The nodes in the picture have solid borders: the saved values are still there.
""",
    ),
    code(
        """
y.backward() # ⟨再做一次自动求导,这次不保留计算图‖backward once more, this time without keeping the graph⟩
"""
    ),
    code(
        """
print(x.grad)
"""
    ),
    md(
        zh=r"""
可以发现 x 的梯度变成了 16:这里做了两次自动求导,所以第一次的梯度 8 和第二次的梯度 8 加起来得到了 16。第二张图里,保存了值的节点边框变成了虚线,标着"保存的值已释放"。再调用一次就会报错:
""",
        en=r"""
The gradient of x is now 16: backward ran twice, so the first 8 and the second 8 add up to 16. In the second picture, the nodes that saved values have dashed borders and say "saved values freed". One more call fails:
""",
    ),
    code(
        """
y.backward() # ⟨第三次:保存的值已经释放‖a third time: the saved values are gone⟩
""",
        "raises-exception",
    ),
    md(
        zh=r"""
报错的第一句和 PyTorch 的原话一字不差(拿去搜索,就能找到 PyTorch 社区的解答),`Hint:` 后面用白话说明原因和改法:在**第一次** `backward()` 时传入 `retain_graph=True`。
""",
        en=r"""
The first sentence of the error is PyTorch's own, word for word (search for it and you find PyTorch's answers); after `Hint:` comes the reason in plain words, and the fix: pass `retain_graph=True` to the **first** `backward()`.
""",
    ),
    md(
        zh=r"""
## 什么都不保存:在反向传播时重算
`retain_graph=True` 让保存的值留得更久。大模型遇到的是相反的问题:保存的值占满了内存。`torch.utils.checkpoint` 只保存一段计算的输入,等反向传播需要那些值的时候,再把这段前向计算跑一遍。下面的 `runs` 记下前向计算跑了几次。
""",
        en=r"""
## Keeping nothing: recomputing in backward
`retain_graph=True` keeps the saved values longer. Large models have the opposite problem: the saved values fill the memory. `torch.utils.checkpoint` saves only the inputs of a block of computation, and runs the block's forward again when the backward pass needs its values. Below, `runs` counts how often the forward runs.
""",
    ),
    code(
        """
from autograd_lab.utils.checkpoint import checkpoint

runs = []  # ⟨每跑一次前向计算,记一笔‖one entry per run of the forward⟩
def block(a):
    runs.append(1)
    return a * 2 + a ** 2 + 3

a = torch.tensor([3.0], requires_grad=True)
y = checkpoint(block, a, use_reentrant=False)
print(len(runs))
"""
    ),
    code(
        """
y.backward()
print(len(runs), a.grad)
"""
    ),
    md(
        zh=r"""
前向计算跑了两次:一次算出 y,一次在 `backward()` 里面,把没有保存的值重新算出来。梯度还是 8:这就是用时间换内存。
""",
        en=r"""
The forward ran twice: once to compute y, and once more inside `backward()`, to get back the values it did not keep. The gradient is the same 8: time is traded for memory.
""",
    ),
    md(
        zh=r"""
## .grad 会累加
计算图会被释放,但 `.grad` 存放在叶子节点上,不属于哪一张图。下面每次循环都重新做一次前向计算,得到一张新图,所以不需要 `retain_graph`;可 $\frac{d(w^2)}{dw} = 2w = 2$ 每次都加进同一个 `w.grad`。从这里开始我们用 `%autograd off` 关掉画图,免得一个循环画出好几张一样的图。
""",
        en=r"""
## .grad accumulates
Graphs are freed, but `.grad` lives on the leaf and belongs to no graph. Below, each pass of the loop runs the forward computation again and builds a new graph, so no `retain_graph` is needed; yet $\frac{d(w^2)}{dw} = 2w = 2$ is added into the same `w.grad` each time. From here on `%autograd off` turns the pictures off, so that a loop does not draw the same graph several times.
""",
    ),
    code(
        """
%autograd off
w = torch.tensor(1.0, requires_grad=True)
for step in range(3):
    loss = w ** 2  # ⟨每次一张新图‖a new graph each time⟩
    loss.backward()
    print(step, w.grad)
"""
    ),
    md(
        zh=r"""
梯度依次是 2、4、6:每一步加上 2。
""",
        en=r"""
The gradient goes 2, 4, 6: each step adds 2.
""",
    ),
    md(
        zh=r"""
## 累加有什么用:分成小批
求导是线性的,所以几个损失的梯度之和等于它们的和的梯度。这正是累加的用处:一批数据太大、内存放不下时,可以分成几个小批,每个小批各自 `backward()`,梯度自动加在一起。但要小心:损失通常是**平均值**。取 $x = (1, 2, 3, 4)$,$y = (2, 4, 7, 8)$,$w = 0$,损失 $L = \frac{1}{4}\sum_i (w x_i - y_i)^2$:

$$
\frac{\partial L}{\partial w} = \frac{2}{4} \sum_i (w x_i - y_i)\, x_i = -\frac{2}{4}(2 + 8 + 21 + 32) = -31.5
$$

分成两个小批时,每个小批的平均值只除以 2,不是 4,所以直接累加会得到两倍:
""",
        en=r"""
## What accumulation is for: micro-batches
Differentiation is linear, so the gradients of several losses add up to the gradient of their sum. This is what accumulation is for: when a batch is too big for memory, split it into micro-batches and call `backward()` on each; the gradients add up by themselves. But careful: a loss is usually a **mean**. Take $x = (1, 2, 3, 4)$, $y = (2, 4, 7, 8)$, $w = 0$ and the loss $L = \frac{1}{4}\sum_i (w x_i - y_i)^2$:

$$
\frac{\partial L}{\partial w} = \frac{2}{4} \sum_i (w x_i - y_i)\, x_i = -\frac{2}{4}(2 + 8 + 21 + 32) = -31.5
$$

In two micro-batches, each one's mean divides by 2, not by 4, so plain accumulation gives twice that:
""",
    ),
    code(
        """
x = torch.tensor([1.0, 2.0, 3.0, 4.0])
y = torch.tensor([2.0, 4.0, 7.0, 8.0])
w = torch.tensor(0.0, requires_grad=True)
((w * x - y) ** 2).mean().backward()  # ⟨整批一次‖the whole batch at once⟩
print(w.grad)
w.grad = None
for part in (slice(0, 2), slice(2, 4)):  # ⟨两个小批‖two micro-batches⟩
    ((w * x[part] - y[part]) ** 2).mean().backward()
print(w.grad)
"""
    ),
    md(
        zh=r"""
$-63$ 是 $-31.5$ 的两倍。改法:把每个小批的损失除以小批的个数(小批一样大时),累加起来就是整批的平均值的梯度。
""",
        en=r"""
$-63$ is twice $-31.5$. The fix: divide each micro-batch's loss by the number of micro-batches (when they are of equal size), and the accumulated gradient is that of the whole batch's mean.
""",
    ),
    code(
        """
w.grad = None
for part in (slice(0, 2), slice(2, 4)):
    loss = ((w * x[part] - y[part]) ** 2).mean()
    (loss / 2).backward()  # ⟨除以小批的个数‖divided by the number of micro-batches⟩
print(w.grad)
"""
    ),
    md(
        zh=r"""
## 更新参数:torch.no_grad() 和 zero_()
梯度下降沿梯度的反方向走一小步:$w \leftarrow w - \eta\, \nabla_w L$。取 $L = \sum_i w_i^2$,$w = (1,\ 2)$,$\nabla_w L = 2w = (2,\ 4)$,学习率 $\eta = 0.1$,更新后 $w = (0.8,\ 1.6)$。更新本身不是模型的一部分,不应该进入计算图,所以写在 `with torch.no_grad():` 里:这里面的运算不被记录,原地更新叶子节点也是允许的。更新完用 `zero_()` 把梯度归零,下一步才只用下一步的梯度。
""",
        en=r"""
## Updating parameters: torch.no_grad() and zero_()
Gradient descent takes a small step against the gradient: $w \leftarrow w - \eta\, \nabla_w L$. Take $L = \sum_i w_i^2$ at $w = (1,\ 2)$: $\nabla_w L = 2w = (2,\ 4)$, and with the learning rate $\eta = 0.1$ the update gives $w = (0.8,\ 1.6)$. The update itself is not part of the model and must not enter the graph, so it goes inside `with torch.no_grad():`, where operations are not recorded and updating a leaf in place is allowed. After the update, `zero_()` resets the gradient, so that the next step uses only the next step's gradient.
""",
    ),
    code(
        """
w = torch.tensor([1.0, 2.0], requires_grad=True)
(w ** 2).sum().backward()
with torch.no_grad():
    w -= 0.1 * w.grad  # ⟨原地更新,不进入计算图‖in place, not recorded⟩
w.grad.zero_()
print(w, w.is_leaf, w.grad)
"""
    ),
    md(
        zh=r"""
`w` 变成了 $(0.8,\ 1.6)$,仍然是需要梯度的叶子节点,梯度已经清零。不写 `torch.no_grad()` 会怎样?原地更新一个需要梯度的叶子节点会直接报错:
""",
        en=r"""
`w` is now $(0.8,\ 1.6)$, still a leaf that requires grad, with its gradient reset. What if we leave out `torch.no_grad()`? Updating a leaf that requires grad in place fails at once:
""",
    ),
    code(
        """
w -= 0.1 * w.grad  # ⟨不在 no_grad 里‖outside no_grad⟩
""",
        "raises-exception",
    ),
    md(
        zh=r"""
而写成 `w = w - 0.1 * w.grad`,这一步会被记录,新的 `w` 就成了一个非叶子节点,下一次 `backward()` 之后它的 `.grad` 是 `None`。除了 `zero_()`,也可以写 `w.grad = None`:PyTorch 的优化器 `optimizer.zero_grad()` 默认就是这样做的,下一次 `backward()` 会重新创建 `.grad`。
""",
        en=r"""
And written as `w = w - 0.1 * w.grad`, the step would be recorded, and the new `w` would be a non-leaf whose `.grad` stays `None` after the next `backward()`. Instead of `zero_()` you can also write `w.grad = None`: that is what PyTorch's `optimizer.zero_grad()` does by default, and the next `backward()` creates `.grad` afresh.
""",
    ),
    *exercises_heading(pictures_on=False),
    md(
        zh=r"""
**练习 1(预测)。** 先读下面这段代码,但不要打印任何东西。它记下了 `x.grad` 在 ①、②、③ 三个时刻的值。
""",
        en=r"""
**Exercise 1 (predict).** Read the code below, but print nothing. It records `x.grad` at three moments, ①, ② and ③.
""",
    ),
    code(
        """
x = torch.tensor(3.0, requires_grad=True)
y = x ** 2
y.backward(retain_graph=True)
y.backward()
after_1 = x.grad.item()  # ①
x.grad.zero_()
(4 * x).backward()
after_2 = x.grad.item()  # ②
(x * x).backward()
after_3 = x.grad.item()  # ③
"""
    ),
    md(
        zh=r"""
用笔算出 ①、②、③ 时 `x.grad` 的值,把 `None` 换成三个数的列表,例如 `[1, 2, 3]`。
""",
        en=r"""
Work out `x.grad` at ①, ② and ③ on paper, and replace the `None` with a list of three numbers, like `[1, 2, 3]`.
""",
    ),
    answer(
        """
my_grads = None
### BEGIN SOLUTION
my_grads = [6 + 6, 4, 4 + 2 * 3]  # ①, ②, ③
### END SOLUTION
""",
        "predict-accumulation",
        wrong="my_grads = [6, 4, 6]",
    ),
    check(
        1,
        2,
        grade_id="check-predict-accumulation",
        needs=("my_grads",),
        trial="""
            hints = [
                "⟨① 每次 backward() 都把梯度加进 .grad,retain_graph 不改变加进去的量。‖① each backward() adds its gradient into .grad; retain_graph does not change what is added.⟩",
                "⟨② zero_() 把 .grad 清成 0,之后的 backward() 从 0 开始加。‖② zero_() sets .grad to 0, and the next backward() adds to that 0.⟩",
                "⟨③ 这次之前没有归零;x * x 对 x 的导数是多少?‖③ there was no reset before this one; what is the derivative of x * x?⟩",
            ]
            mine = [float(v) for v in my_grads]
            real = [after_1, after_2, after_3]
            wrong = [i for i in range(3) if len(mine) != 3 or abs(mine[i] - real[i]) > 1e-4]
            right, problem = not wrong, "\\n".join(hints[i] for i in wrong)
        """,
        right='"⟨✔ 正确:三个值都和 x.grad 一样。‖✔ Right: all three match x.grad.⟩"',
        hint='"⟨还不对。提示:.grad 只在 zero_() 或设为 None 时清零,其余时候每次 backward() 都往上加。‖Not yet. Hint: .grad is reset only by zero_() or by setting it to None; otherwise every backward() adds to it.⟩"',
    ),
    md(
        zh=r"""
**练习 2(找 bug)。** 下面的 `train` 用梯度下降求 $(w - 3)^2$ 的最小值,它在 $w = 3$。可是 20 步以后,它停在了 6 附近,远远越过了最小值。找出 bug 并修好它。
""",
        en=r"""
**Exercise 2 (fix the bug).** The `train` below uses gradient descent to minimize $(w - 3)^2$, whose minimum is at $w = 3$. Yet after 20 steps it ends near 6, far past the minimum. Find the bug and fix it.
""",
    ),
    answer(
        """
def train(steps=20, lr=0.1):
    w = torch.tensor(0.0, requires_grad=True)
    for _ in range(steps):
        loss = (w - 3) ** 2
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
        ### BEGIN SOLUTION
        w.grad.zero_()
        ### END SOLUTION
    return w.item()
""",
        "fix-missing-zero",
    ),
    check(
        2,
        3,
        grade_id="check-fix-missing-zero",
        needs=("train",),
        trial="""
            got = [train(steps=n) for n in (1, 5, 20)]
            right = all(abs(g - 3 * (1 - 0.8 ** n)) < 1e-4 for g, n in zip(got, (1, 5, 20)))
            problem = "⟨1、5、20 步之后:‖after 1, 5 and 20 steps:⟩ " + ", ".join(f"w = {g:.4f}" for g in got)
        """,
        right='"⟨✔ 正确:20 步之后 w = 2.9654,一步一步地接近 3。‖✔ Right: after 20 steps w = 2.9654, closing in on 3 step by step.⟩"',
        hint='"⟨还不对。提示:每一步都应该只用这一步的梯度;.grad 里还留着前面所有步的梯度吗?‖Not yet. Hint: each step should use only its own gradient; does .grad still hold those of all the earlier steps?⟩"',
    ),
    md(
        zh=r"""
## 小结
- 前向计算时,图保存了反向传播需要的值(例如 $x^2$ 要用到 $x$);`backward()` 之后它们被释放(图中虚线边框),第二次 `backward()` 需要在第一次时传入 `retain_graph=True`。
- `.grad` 存在叶子节点上,每次 `backward()` 都把新梯度**加**进去;分成小批累加梯度时,平均值形式的损失要除以小批的个数。
- 训练的一步:在 `torch.no_grad()` 里更新参数,再用 `.grad.zero_()` 或 `.grad = None` 清掉旧梯度,否则参数会按过去所有梯度之和更新。

下一课:原地操作、`detach` 与 `.data`,我们会看到原地修改什么时候会出错,以及怎样把一段计算从图上剪下来。
""",
        en=r"""
## Summary
- During the forward pass the graph saves what backward needs ($x^2$ needs $x$); `backward()` frees it (dashed borders in the picture), so a second `backward()` needs `retain_graph=True` on the first.
- `.grad` lives on the leaf, and every `backward()` **adds** its gradient to it; when accumulating over micro-batches, a loss that is a mean must be divided by the number of micro-batches.
- One training step: update the parameters inside `torch.no_grad()`, then clear the old gradient with `.grad.zero_()` or `.grad = None`; otherwise parameters move by the sum of all past gradients.

Next lesson: in-place operations, `detach` and `.data`, where we see when changing a tensor in place fails, and how to cut a computation out of the graph.
""",
    ),
]
