"""Lesson 12: from hand-written loops to nn.Module, optim.SGD/Adam, zero_grad and DataLoader; freezing parameters.

Written as a PyTorch user writes it, and checked with PyTorch 2.13 itself
(the import swapped).  autograd_lab's nn, optim and utils.data are being
built in other branches, so this lesson is not built or tested yet.
"""

from lesson_build import answer, check, code, exercises_heading, md, setup

READY = True
WAITING_FOR = "autograd_lab.nn (Module, Linear, Sequential, Tanh), autograd_lab.optim (SGD, Adam) and autograd_lab.utils.data (TensorDataset, DataLoader): issues 10 and 11"

CELLS = [
    md(
        zh=r"""
# 从手写循环到 nn.Module、optim 和 DataLoader

第 10 课里,我们用四个张量和几行更新代码训练了一个小网络。真正用 PyTorch 时,这些手写的部分都有现成的工具:`nn.Module` 管理层和参数,`optim` 里的优化器负责更新,`DataLoader` 把数据分成小批。这一课把第 10 课的网络一步一步换成这些工具,你会发现背后还是我们学过的那几件事。

学完这一课,你可以:
- 把模型写成一个 `nn.Module`,并列出它的参数;
- 用 `optim.SGD` 或 `optim.Adam` 的 `zero_grad()` 和 `step()` 代替手写的更新,用 `DataLoader` 按小批训练;
- 用 `requires_grad_(False)` 冻结一部分参数,只训练其余的。
""",
        en=r"""
# From hand-written loops to nn.Module, optim and DataLoader

In lesson 10 we trained a small network with four tensors and a few lines of update code. In real PyTorch code, each of those hand-written parts has a ready-made tool: `nn.Module` keeps layers and parameters, an optimizer from `optim` does the update, and `DataLoader` cuts the data into mini-batches. This lesson swaps lesson 10's network over to these tools one step at a time, and you will find the same few things we learned underneath.

After this lesson you can:
- write a model as an `nn.Module`, and list its parameters;
- replace the hand-written update with `optim.SGD` or `optim.Adam`, their `zero_grad()` and `step()`, and train on mini-batches from a `DataLoader`;
- freeze some parameters with `requires_grad_(False)` and train only the rest.
""",
    ),
    setup(
        """
from autograd_lab import nn, optim
from autograd_lab.utils.data import DataLoader, TensorDataset
import math
F = nn.functional
"""
    ),
    md(
        zh=r"""
## 数据:还是两个月亮
和第 10 课一样的两个月亮,200 个点。
""",
        en=r"""
## The data: the two moons again
The two moons of lesson 10, 200 points.
""",
    ),
    code(
        """
def make_moons(n, noise):
    theta = torch.rand(n) * math.pi
    upper = torch.stack([torch.cos(theta), torch.sin(theta)], dim=1)
    lower = torch.stack([1 - torch.cos(theta), 0.5 - torch.sin(theta)], dim=1)
    X = torch.cat([upper, lower]) + noise * torch.randn(2 * n, 2)
    y = torch.cat([torch.zeros(n, dtype=torch.int64), torch.ones(n, dtype=torch.int64)])
    return X, y

torch.manual_seed(0)
X, y = make_moons(100, noise=0.2)
print(X.shape, y.shape)
"""
    ),
    md(
        zh=r"""
## nn.Module:层和参数
第 10 课的 $h = \tanh(X W_1 + b_1)$ 在这里是一个 `nn.Linear(2, 16)` 加上 $\tanh$。`nn.Linear(n_in, n_out)` 自己创建权重和偏置,并标上 `requires_grad=True`;它的权重形状是 `(n_out, n_in)`,计算的是 $x W^T + b$。把层作为属性放进 `nn.Module`,`named_parameters()` 就能找到它们:一共还是 82 个数。
""",
        en=r"""
## nn.Module: layers and parameters
Lesson 10's $h = \tanh(X W_1 + b_1)$ becomes an `nn.Linear(2, 16)` followed by $\tanh$. `nn.Linear(n_in, n_out)` creates its own weight and bias with `requires_grad=True`; its weight has the shape `(n_out, n_in)`, and it computes $x W^T + b$. Put the layers on an `nn.Module` as attributes, and `named_parameters()` finds them: 82 numbers, as before.
""",
    ),
    code(
        """
class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(2, 16)
        self.out = nn.Linear(16, 2)

    def forward(self, x):
        return self.out(torch.tanh(self.hidden(x)))

torch.manual_seed(1)
model = MLP()
for name, p in model.named_parameters():
    print(f"{name:14} {tuple(p.shape)}  requires_grad={p.requires_grad}")
print(sum(p.numel() for p in model.parameters()))
"""
    ),
    md(
        zh=r"""
调用 `model(X)` 会运行 `forward`。做一次前向和反向传播看看图:每个 `nn.Linear` 产生的节点被框在一个以它命名的方框里(`hidden`、`out`),图还是第 10 课的那张图,只是按层分好了组。
""",
        en=r"""
Calling `model(X)` runs `forward`. One forward and backward pass, and a look at the graph: the nodes each `nn.Linear` made sit in a box named after it (`hidden`, `out`); it is lesson 10's graph, grouped by layer.
""",
    ),
    code(
        """
loss = F.cross_entropy(model(X), y)
loss.backward()
print(f"{loss.item():.4f}", model.out.weight.grad.shape)
"""
    ),
    md(
        zh=r"""
## optim:zero_grad() 和 step()
第 10 课的更新是"在 `torch.no_grad()` 里 `p -= lr * p.grad`,再 `p.grad.zero_()`"。优化器把这两件事包了起来:`optimizer.step()` 按它的规则更新每个参数,`optimizer.zero_grad()` 清掉梯度(默认把 `.grad` 设为 `None`)。`optim.SGD` 的规则就是我们手写的那一步。
""",
        en=r"""
## optim: zero_grad() and step()
Lesson 10's update was "`p -= lr * p.grad` inside `torch.no_grad()`, then `p.grad.zero_()`". An optimizer wraps both: `optimizer.step()` updates every parameter by its rule, and `optimizer.zero_grad()` clears the gradients (by default it sets `.grad` to `None`). The rule of `optim.SGD` is exactly the step we wrote by hand.
""",
    ),
    code(
        """
%autograd off
torch.manual_seed(1)
model = MLP()
optimizer = optim.SGD(model.parameters(), lr=0.5)
for step in range(501):
    optimizer.zero_grad()
    loss = F.cross_entropy(model(X), y)
    loss.backward()
    optimizer.step()
    if step % 100 == 0:
        accuracy = (model(X).argmax(dim=1) == y).float().mean()
        print(f"step {step:3d}   loss {loss.item():.4f}   accuracy {accuracy.item():.3f}")
"""
    ),
    md(
        zh=r"""
损失下降、准确率上升,和第 10 课一样。注意 `zero_grad()` 放在每一步的开头:它和放在 `step()` 之后是一回事,只要在下一次 `backward()` 之前清掉就行。
""",
        en=r"""
The loss falls and the accuracy rises, as in lesson 10. Notice `zero_grad()` at the start of each step: that is the same as after `step()`, as long as the gradients are cleared before the next `backward()`.
""",
    ),
    md(
        zh=r"""
## DataLoader:小批训练
数据多的时候,每一步只用一小批。`TensorDataset(X, y)` 把输入和标签配成对,`DataLoader(..., batch_size=50, shuffle=True)` 每一轮(epoch)把它们打乱,分成 4 批。优化器这次换成 `optim.Adam`:它给每个参数各自调整步长,通常用小得多的学习率。
""",
        en=r"""
## DataLoader: mini-batches
With more data, each step uses a small batch only. `TensorDataset(X, y)` pairs inputs with labels, and `DataLoader(..., batch_size=50, shuffle=True)` shuffles them every round (epoch) and cuts them into 4 batches. This time the optimizer is `optim.Adam`, which adapts the step size of each parameter on its own and usually wants a much smaller learning rate.
""",
    ),
    code(
        """
torch.manual_seed(1)
model = MLP()
optimizer = optim.Adam(model.parameters(), lr=0.05)
loader = DataLoader(TensorDataset(X, y), batch_size=50, shuffle=True)
for epoch in range(100):
    for xb, yb in loader:
        optimizer.zero_grad()
        F.cross_entropy(model(xb), yb).backward()
        optimizer.step()
with torch.no_grad():
    accuracy = (model(X).argmax(dim=1) == y).float().mean()
print(len(loader), "batches per epoch; accuracy", f"{accuracy.item():.2f}")
"""
    ),
    md(
        zh=r"""
## 冻结参数:requires_grad_(False)
有时只想训练一部分参数,例如在别人训练好的网络上只训练最后一层。`model.hidden.requires_grad_(False)` 把隐藏层的参数都标成不需要梯度:`backward()` 不再给它们梯度,它们的 `.grad` 一直是 `None`,优化器就跳过它们。
""",
        en=r"""
## Freezing parameters: requires_grad_(False)
Sometimes only some parameters should learn, for example only the last layer of a network someone else trained. `model.hidden.requires_grad_(False)` marks all the hidden layer's parameters as not requiring grad: `backward()` gives them no gradient, their `.grad` stays `None`, and the optimizer skips them.
""",
    ),
    code(
        """
torch.manual_seed(1)
model = MLP()
model.hidden.requires_grad_(False)
before = model.hidden.weight.clone()
optimizer = optim.SGD(model.parameters(), lr=0.5)
for step in range(100):
    optimizer.zero_grad()
    F.cross_entropy(model(X), y).backward()
    optimizer.step()
print(model.hidden.weight.grad, torch.equal(model.hidden.weight, before))
print(model.out.weight.grad is not None)
"""
    ),
    md(
        zh=r"""
隐藏层的权重一点没变,梯度是 `None`;只有输出层在学。
""",
        en=r"""
The hidden layer's weight did not change at all, and its gradient is `None`; only the output layer learned.
""",
    ),
    *exercises_heading(pictures_on=False),
    md(
        zh=r"""
**练习 1(数参数)。** 下面这个网络一共有多少个参数(权重和偏置的数加起来)?先用笔算,把 `None` 换成你的答案。
""",
        en=r"""
**Exercise 1 (count).** How many parameters (weights and biases together) does the network below have? Work it out on paper, and replace the `None` with your answer.
""",
    ),
    code(
        """
net = nn.Sequential(nn.Linear(3, 8), nn.Tanh(), nn.Linear(8, 1))
"""
    ),
    answer(
        """
my_count = None
### BEGIN SOLUTION
my_count = 3 * 8 + 8 + 8 * 1 + 1
### END SOLUTION
""",
        "count-parameters",
        wrong="my_count = 3 * 8 + 8 * 1",
    ),
    check(
        1,
        2,
        grade_id="check-count-parameters",
        needs=("my_count",),
        trial="""
            truth = sum(p.numel() for p in net.parameters())
            right = int(my_count) == truth
        """,
        right='f"⟨✔ 正确:{truth} 个参数。‖✔ Right: {truth} parameters.⟩"',
        hint='"⟨还不对。提示:nn.Linear(a, b) 有 a × b 个权重和 b 个偏置;nn.Tanh 没有参数。‖Not yet. Hint: nn.Linear(a, b) has a × b weights and b biases; nn.Tanh has no parameters.⟩"',
    ),
    md(
        zh=r"""
**练习 2(找 bug)。** 下面的 `fit_line` 用 `optim.SGD` 拟合一条直线 $y = 3x + 2$,可参数一直来回摆动,200 步之后离 3 和 2 还很远。找出 bug 并修好它。
""",
        en=r"""
**Exercise 2 (fix the bug).** The `fit_line` below fits a line $y = 3x + 2$ with `optim.SGD`, but the parameters keep swinging back and forth, and after 200 steps they are still far from 3 and 2. Find the bug and fix it.
""",
    ),
    answer(
        """
def fit_line(steps=200):
    xs = torch.linspace(-1, 1, 20).unsqueeze(1)
    ys = 3 * xs + 2
    torch.manual_seed(0)
    line = nn.Linear(1, 1)
    optimizer = optim.SGD(line.parameters(), lr=0.1)
    for _ in range(steps):
        loss = F.mse_loss(line(xs), ys)
        loss.backward()
        optimizer.step()
        ### BEGIN SOLUTION
        optimizer.zero_grad()
        ### END SOLUTION
    return line.weight.item(), line.bias.item()
""",
        "fix-zero-grad",
    ),
    check(
        2,
        3,
        grade_id="check-fix-zero-grad",
        needs=("fit_line",),
        trial="""
            w, b = fit_line()
            right = abs(w - 3) < 1e-3 and abs(b - 2) < 1e-3
            problem = f"⟨学到的‖learned⟩ w = {w:.3f}, b = {b:.3f}"
        """,
        right='"⟨✔ 正确:w ≈ 3,b ≈ 2。‖✔ Right: w ≈ 3 and b ≈ 2.⟩"',
        hint='"⟨还不对。提示:optimizer.step() 用的是 .grad 里现在的值;backward() 会把新梯度加到旧梯度上。‖Not yet. Hint: optimizer.step() uses whatever .grad holds now, and backward() adds each new gradient to the old ones.⟩"',
    ),
    md(
        zh=r"""
## 小结
- `nn.Module` 把层作为属性收在一起,`parameters()` 找到所有参数;`nn.Linear` 自己创建带 `requires_grad=True` 的权重和偏置,图中按层框起来。
- 优化器的 `zero_grad()` 和 `step()` 就是我们手写的"清掉梯度"和"在 `no_grad` 里沿梯度反方向更新";`DataLoader` 把数据打乱、分成小批。
- `requires_grad_(False)` 冻结参数:`backward()` 不再给它们梯度,优化器也就不动它们。

这是最后一课。你已经看过了自动求导的全部主要部分:计算图、链式法则、梯度的累加与释放、高阶导数,以及从零训练一个网络,再换成 PyTorch 的工具。不妨用 `%autograd step` 一步一步地重温你最喜欢的那个例子。
""",
        en=r"""
## Summary
- `nn.Module` keeps layers together as attributes and `parameters()` finds all their parameters; `nn.Linear` creates its own weight and bias with `requires_grad=True`, and the picture boxes its nodes by layer.
- An optimizer's `zero_grad()` and `step()` are the "clear the gradients" and "step against the gradient inside `no_grad`" we wrote by hand; `DataLoader` shuffles the data and cuts it into mini-batches.
- `requires_grad_(False)` freezes parameters: `backward()` gives them no gradient, so the optimizer leaves them alone.

This is the last lesson. You have now seen all the main parts of autograd: the graph, the chain rule, how gradients accumulate and are freed, higher-order derivatives, and training a network from scratch and then with PyTorch's tools. Why not step through your favourite example again with `%autograd step`?
""",
    ),
]
