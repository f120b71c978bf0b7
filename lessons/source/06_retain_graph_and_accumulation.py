"""Lesson 4: what backward() saves and frees, retain_graph, and how .grad accumulates."""

from lesson_build import code, md

CELLS = [
    md(
        zh=r"""
# retain_graph、梯度累加与 zero_()

第一课里我们已经见过:第二次 `backward()` 会报错,而 `.grad` 会把两次的梯度加在一起。这一课把这两件事讲透:计算图到底保存了什么、什么时候释放,以及梯度累加有什么用、什么时候必须归零。

学完这一课,你可以:
- 说出计算图为反向传播保存了哪些值,解释第二次 `backward()` 为什么报错,并用 `retain_graph=True` 保留它们;
- 预测多次 `backward()` 之后 `.grad` 的值,并利用累加把几个损失的梯度加起来;
- 像训练循环那样,用 `.grad.zero_()`(或设为 `None`)把梯度归零。
""",
        en=r"""
# retain_graph, accumulation and zero_()

In lesson 1 we saw that a second `backward()` fails, and that `.grad` adds the gradients of two calls together. This lesson explains both: what the graph saves and when it frees it, what accumulation is good for, and when gradients must be reset.

After this lesson you can:
- say which values a graph saves for the backward pass, explain why a second `backward()` fails, and keep those values with `retain_graph=True`;
- predict `.grad` after several `backward()` calls, and use accumulation to add up the gradients of several losses;
- reset gradients with `.grad.zero_()` (or by setting them to `None`), as every training loop does.
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
## 反向传播需要保存什么
取 $y = x \cdot e^x$,在 $x = 2$ 处求导:

$$
\frac{dy}{dx} = e^x + x e^x = (1 + x) e^x = 3 e^2 \approx 22.1672
$$

为了算出这个数,乘法节点 `MulBackward0` 需要两个因子 $e^x$ 和 $x$ 的值,`ExpBackward0` 需要它的输出 $e^x$(因为 $e^x$ 的导数就是它自己)。这些值在前向计算时就保存在图里了。
""",
        en=r"""
## What the backward pass needs
Take $y = x \cdot e^x$ and differentiate it at $x = 2$:

$$
\frac{dy}{dx} = e^x + x e^x = (1 + x) e^x = 3 e^2 \approx 22.1672
$$

To compute this number, the product node `MulBackward0` needs the values of both factors, $e^x$ and $x$, and `ExpBackward0` needs its output $e^x$ (the derivative of $e^x$ is itself). The graph saved these values during the forward pass.
""",
    ),
    code(
        """
x = torch.tensor(2.0, requires_grad=True)
y = x.exp() * x
y.backward()
print(x.grad)
"""
    ),
    md(
        zh=r"""
`x` 的 grad 正是手算的 $3e^2 \approx 22.1672$:它是沿 x 的两条边分别送回的 $e^2 \approx 7.3891$ 与 $2e^2 \approx 14.7781$ 之和。再看节点:`MulBackward0` 和 `ExpBackward0` 的边框变成了虚线,并标着 "saved values freed"——反向传播一结束,它们保存的值就被释放了,以节省内存。
""",
        en=r"""
The grad of `x` is the $3e^2 \approx 22.1672$ we computed by hand: the sum of $e^2 \approx 7.3891$ and $2e^2 \approx 14.7781$, sent back along its two edges. Now look at the nodes: `MulBackward0` and `ExpBackward0` have dashed borders and say "saved values freed". As soon as the backward pass is over, the values they saved are freed, to save memory.
""",
    ),
    md(
        zh=r"""
## 第二次 backward() 会报错
值已经释放,再沿着这张图反向传播一次就没有数可用了,PyTorch 会直接报错:
""",
        en=r"""
## A second backward() fails
With the values gone, a second pass through this graph has nothing to compute with, and PyTorch refuses:
""",
    ),
    code(
        """
y.backward()  # 保存的值已经释放 / the saved values are gone
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
## retain_graph=True 保留保存的值
我们重新建一次图,这次第一次反向传播时保留计算图,第二次不保留。
""",
        en=r"""
## retain_graph=True keeps the saved values
Let us build the graph again, keep it on the first backward pass, and not on the second.
""",
    ),
    code(
        """
x = torch.tensor(2.0, requires_grad=True)
y = x.exp() * x
y.backward(retain_graph=True)  # 保留 / keep the saved values
print(x.grad)
y.backward()                   # 这次用完就释放 / freed after this one
print(x.grad)
"""
    ),
    md(
        zh=r"""
第一张图的边框是实线:值还在;第二张图变成了虚线。`x.grad` 从 22.1672 变成了 44.3343 = 2 × 22.1672:第二次的梯度**加**到了第一次上,而不是覆盖它。
""",
        en=r"""
In the first picture the borders are solid: the values are still there; in the second they are dashed. `x.grad` went from 22.1672 to 44.3343 = 2 × 22.1672: the second gradient was **added** to the first, not written over it.
""",
    ),
    md(
        zh=r"""
## 只有加法的图什么也不保存
加法的导数是常数 1,不需要任何值:$\frac{\partial (a + b)}{\partial a} = 1$。所以 $y = x + x + 1$ 的图什么也没保存,没有 `retain_graph` 也能反向传播两次,$\frac{dy}{dx} = 2$。
""",
        en=r"""
## A graph of additions saves nothing
The derivative of an addition is the constant 1 and needs no value: $\frac{\partial (a + b)}{\partial a} = 1$. So the graph of $y = x + x + 1$ saves nothing, and backward runs twice without `retain_graph`; $\frac{dy}{dx} = 2$.
""",
    ),
    code(
        """
x = torch.tensor(2.0, requires_grad=True)
y = x + x + 1
y.backward()
y.backward()  # 没有报错 / no error
print(x.grad)
"""
    ),
    md(
        zh=r"""
两张图里都没有虚线边框,`x.grad` 是 2 + 2 = 4。不过别依赖这一点:哪些运算保存值是实现细节,需要多次反向传播时就写上 `retain_graph=True`。
""",
        en=r"""
Neither picture has a dashed border, and `x.grad` is 2 + 2 = 4. Do not rely on this, though: which operations save values is a detail of the implementation, so when you need several backward passes, write `retain_graph=True`.
""",
    ),
    md(
        zh=r"""
## .grad 会累加
计算图会被释放,但 `.grad` 存放在叶子节点上,不属于哪一张图。下面每次循环都重新做一次前向计算,得到一张新图,所以不需要 `retain_graph`;可 $\frac{d(w^2)}{dw} = 2w = 2$ 每次都加进同一个 `w.grad`。`%autograd off` 暂时关掉画图,免得一个循环画出好几张一样的图。
""",
        en=r"""
## .grad accumulates
Graphs are freed, but `.grad` lives on the leaf and belongs to no graph. Below, each pass of the loop runs the forward computation again and builds a new graph, so no `retain_graph` is needed; yet $\frac{d(w^2)}{dw} = 2w = 2$ is added into the same `w.grad` each time. `%autograd off` turns the pictures off for a moment, so that a loop does not draw the same graph several times.
""",
    ),
    code(
        """
%autograd off
w = torch.tensor(1.0, requires_grad=True)
for step in range(3):
    loss = w ** 2   # 每次一张新图 / a new graph each time
    loss.backward()
    print(step, w.grad)
%autograd on
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
## 累加有什么用:梯度之和等于和的梯度
求导是线性的,所以两个损失分别求梯度再相加,等于它们的和的梯度。取 $w = (1, 2)$:

$$
\nabla_w \sum_i w_i^2 = 2w = (2,\ 4), \qquad \nabla_w \sum_i 3 w_i = (3,\ 3), \qquad \nabla_w \Big(\sum_i w_i^2 + \sum_i 3 w_i\Big) = (5,\ 7)
$$

先分别对两个损失调用 `backward()`,让 `.grad` 把它们加起来:
""",
        en=r"""
## What accumulation is for: the sum of the gradients is the gradient of the sum
Differentiation is linear, so the gradients of two losses, added, equal the gradient of their sum. With $w = (1, 2)$:

$$
\nabla_w \sum_i w_i^2 = 2w = (2,\ 4), \qquad \nabla_w \sum_i 3 w_i = (3,\ 3), \qquad \nabla_w \Big(\sum_i w_i^2 + \sum_i 3 w_i\Big) = (5,\ 7)
$$

First, call `backward()` on each loss and let `.grad` add them up:
""",
    ),
    code(
        """
w = torch.tensor([1.0, 2.0], requires_grad=True)
loss1 = (w ** 2).sum()
loss2 = (3 * w).sum()
loss1.backward()
print(w.grad)
loss2.backward()
print(w.grad)
"""
    ),
    md(
        zh=r"""
`w.grad` 先是 $(2, 4)$,再加上 $(3, 3)$ 变成 $(5, 7)$。下面换一个新的叶子 `v`,直接对两个损失的和求导:
""",
        en=r"""
`w.grad` is first $(2, 4)$, then $(3, 3)$ is added and it becomes $(5, 7)$. Now, with a new leaf `v`, differentiate the sum of the two losses at once:
""",
    ),
    code(
        """
v = torch.tensor([1.0, 2.0], requires_grad=True)
total = (v ** 2).sum() + (3 * v).sum()
total.backward()
print(v.grad)
print(torch.allclose(w.grad, v.grad))
"""
    ),
    md(
        zh=r"""
结果一样,都是 $(5, 7)$。这正是累加的用处:一批数据太大、显存放不下时,可以分成几小批,每小批各自 `backward()`,梯度自动加在一起,效果和一次处理整批相同;一个模型有好几个损失时也可以分别反向传播。
""",
        en=r"""
The same $(5, 7)$. This is what accumulation is for: when a batch is too big for memory, split it into smaller ones and call `backward()` on each; the gradients add up, just as if the whole batch had been processed at once. A model with several losses can also run backward on each of them in turn.
""",
    ),
    md(
        zh=r"""
## 训练循环为什么要 zero_()
训练时每一步都要用**这一步**的梯度更新参数。如果不归零,`.grad` 里还留着之前所有步的梯度。下面用梯度下降求 $(w - 3)^2$ 的最小值,它在 $w = 3$;`train(reset=True)` 每步之后调用 `w.grad.zero_()`,`train(reset=False)` 不调用。(`torch.no_grad()` 的作用下一课细讲:更新参数这一步不需要记录计算图。)
""",
        en=r"""
## Why training loops call zero_()
In training, each step updates the parameters with **that step's** gradient. Without a reset, `.grad` still holds the gradients of all earlier steps too. Below, gradient descent minimizes $(w - 3)^2$, whose minimum is at $w = 3$; `train(reset=True)` calls `w.grad.zero_()` after each step, `train(reset=False)` does not. (`torch.no_grad()` is explained in the next lesson: the update itself must not be recorded in a graph.)
""",
    ),
    code(
        """
def train(reset, steps=20):
    w = torch.tensor(0.0, requires_grad=True)
    for _ in range(steps):
        loss = (w - 3) ** 2
        loss.backward()
        with torch.no_grad():
            w -= 0.1 * w.grad
        if reset:
            w.grad.zero_()  # 或 / or: w.grad = None
    return w.item()
"""
    ),
    code(
        """
%autograd off
print(f"reset: w = {train(reset=True):.4f}")
print(f"no reset: w = {train(reset=False):.4f}")
%autograd on
"""
    ),
    md(
        zh=r"""
归零时 20 步后 $w = 2.9654$,已经接近 3;不归零时 $w = 6.0289$,旧梯度推着它远远冲过了最小值。除了 `zero_()`,也可以写 `w.grad = None`:PyTorch 的优化器 `optimizer.zero_grad()` 默认就是这样做的,下一次 `backward()` 会重新创建 `.grad`。
""",
        en=r"""
With the reset, $w = 2.9654$ after 20 steps, close to 3; without it, $w = 6.0289$: the old gradients pushed it far past the minimum. Instead of `zero_()` you can also write `w.grad = None`: that is what PyTorch's `optimizer.zero_grad()` does by default, and the next `backward()` creates `.grad` afresh.
""",
    ),
    md(
        zh=r"""
## 小练习
先读下面这段代码,但不要打印任何东西。它记下了 `x.grad` 在 ①、②、③ 三个时刻的值。
""",
        en=r"""
## Exercise
Read the code below, but print nothing. It records `x.grad` at three moments, ①, ② and ③.
""",
    ),
    code(
        """
%autograd off
x = torch.tensor(3.0, requires_grad=True)
y = x ** 2
y.backward(retain_graph=True)
y.backward()
after_1 = x.grad.item()   # ①
x.grad.zero_()
(4 * x).backward()
after_2 = x.grad.item()   # ②
(x * x).backward()
after_3 = x.grad.item()   # ③
%autograd on
"""
    ),
    md(
        zh=r"""
用笔算出 ①、②、③ 时 `x.grad` 的值,写在下面(把 `...` 换成数字)。
""",
        en=r"""
Work out `x.grad` at ①, ② and ③ on paper, and write your answers below (replace each `...` with a number).
""",
    ),
    code(
        """
my_grads = [..., ..., ...]  # ①, ②, ③
"""
    ),
    code(
        """
# 检查你的答案 / check your answer
hints = [  # (中文, English), one for each of ①, ②, ③
    ("每次 backward() 都把梯度加进 .grad,retain_graph 不改变加进去的量。",
     "each backward() adds its gradient into .grad; retain_graph does not change what is added."),
    ("zero_() 把 .grad 清成 0,之后的 backward() 从 0 开始加。",
     "zero_() sets .grad to 0, and the next backward() adds to that 0."),
    ("这次之前没有归零;x * x 对 x 的导数是多少?",
     "there was no reset before this one; what is the derivative of x * x?"),
]
if any(v is ... for v in my_grads):
    print("先在上面的 my_grads 里填上你算出的三个数。 / Fill in my_grads above first.")
else:
    real = [after_1, after_2, after_3]
    wrong = [i for i in range(3) if abs(my_grads[i] - real[i]) > 1e-4]
    if not wrong:
        print("✔ 完全正确! / Right: all three match x.grad.")
    for i in wrong:
        print(f"{'①②③'[i]} 还不对。提示:{hints[i][0]} / Not yet. Hint: {hints[i][1]}")
"""
    ),
    md(
        zh=r"""
## 小结
- 前向计算时,图保存了反向传播需要的值(例如乘法的两个因子);`backward()` 之后它们被释放(图中虚线边框),第二次 `backward()` 需要在第一次时传入 `retain_graph=True`。
- `.grad` 存在叶子节点上,每次 `backward()` 都把新梯度**加**进去;几个损失的梯度之和等于它们的和的梯度,可以用来分批累加梯度。
- 训练循环每一步都要用 `.grad.zero_()` 或 `.grad = None` 清掉旧梯度,否则参数会按过去所有梯度之和更新。

下一课:原地操作、`no_grad`、`detach` 与叶子节点,我们会看到 `torch.no_grad()` 为什么能让上面的参数更新成立。
""",
        en=r"""
## Summary
- During the forward pass the graph saves what backward needs (for a product, both factors); `backward()` frees them (dashed borders in the picture), so a second `backward()` needs `retain_graph=True` on the first.
- `.grad` lives on the leaf, and every `backward()` **adds** its gradient to it; the sum of several losses' gradients is the gradient of their sum, which lets you accumulate gradients batch by batch.
- A training loop clears the old gradient at every step with `.grad.zero_()` or `.grad = None`; otherwise parameters move by the sum of all past gradients.

Next lesson: in-place operations, `no_grad`, `detach` and leaves, where we see why `torch.no_grad()` makes the parameter update above work.
""",
    ),
]
