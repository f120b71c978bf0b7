"""Lesson 8: a tiny MLP, written with plain tensors, learns to tell two moons apart."""

from lesson_build import code, md

CELLS = [
    md(
        zh=r"""
# 一个小小的多层感知机分类器

前面几课我们看的都是几个数的小例子。这一课我们把学过的东西放在一起:只用张量和自动求导,从零写一个两层的神经网络(多层感知机,MLP),让它学会把平面上的两个"月亮"分开。

学完这一课,你可以:
- 用带 `requires_grad=True` 的张量写出一个 2 → 16 → 2 的网络,并用 `F.cross_entropy` 算出损失;
- 关掉画图,用最朴素的梯度下降训练它,并看着损失下降、准确率上升;
- 在网格上计算网络的输出,画出它的决策边界,并用 `argmax` 自己算准确率。
""",
        en=r"""
# A tiny MLP classifier

So far our examples had only a few numbers in them. This lesson puts what we have learned together: with nothing but tensors and autograd, we write a two-layer neural network (a multilayer perceptron, MLP) from scratch and teach it to tell two "moons" in the plane apart.

After this lesson you can:
- write a 2 → 16 → 2 network with `requires_grad=True` tensors, and get its loss with `F.cross_entropy`;
- switch the pictures off and train it with plain gradient descent, watching the loss fall and the accuracy rise;
- evaluate the network on a grid to draw its decision boundary, and compute the accuracy yourself with `argmax`.
""",
    ),
    md(
        zh=r"""
和前几课一样,先打开画图功能。`F` 就是 PyTorch 用户熟悉的 `torch.nn.functional`;`%matplotlib inline` 让图直接显示在笔记本里。
""",
        en=r"""
As in the earlier lessons, we first turn the pictures on. `F` is the `torch.nn.functional` PyTorch users know; `%matplotlib inline` shows plots right in the notebook.
""",
    ),
    code(
        """
%load_ext autograd_lab
%matplotlib inline
import math
import numpy as np
import matplotlib.pyplot as plt
import autograd_lab as torch
F = torch.nn.functional
"""
    ),
    md(
        zh=r"""
## 数据:两个月亮
每个月亮是半个圆环。取角度 $\theta$ 在 $[0, \pi]$ 上均匀分布,上面的月亮(类别 0)是 $(\cos\theta,\ \sin\theta)$,下面的月亮(类别 1)是 $(1 - \cos\theta,\ 0.5 - \sin\theta)$,也就是把上面的月亮翻转过来再移动一下。最后给每个点加上一点高斯噪声。两个月亮互相咬合,一条直线分不开它们,所以我们需要一个非线性的网络。
""",
        en=r"""
## The data: two moons
Each moon is half a ring. With an angle $\theta$ uniform on $[0, \pi]$, the upper moon (class 0) is $(\cos\theta,\ \sin\theta)$ and the lower moon (class 1) is $(1 - \cos\theta,\ 0.5 - \sin\theta)$: the upper one flipped over and shifted. Finally each point gets a little Gaussian noise. The two moons interlock, so no straight line separates them: we need a non-linear network.
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
print(X.shape, y.shape, y.dtype)
print(X[:3])
"""
    ),
    code(
        """
plt.figure(figsize=(5, 3.5))
plt.scatter(X[:, 0].numpy(), X[:, 1].numpy(), c=y.numpy(), cmap="coolwarm", edgecolors="k", s=20)
plt.title("two moons")
plt.show()
"""
    ),
    md(
        zh=r"""
一共 200 个点,每类 100 个;标签 `y` 是 `int64` 类型的 0 和 1,这正是 `cross_entropy` 要的格式。注意两个月亮的尖端伸进了对方的凹处。
""",
        en=r"""
There are 200 points, 100 per class; the labels `y` are `int64` zeros and ones, the format `cross_entropy` expects. Notice how the tip of each moon reaches into the other's hollow.
""",
    ),
    md(
        zh=r"""
## 网络
网络只有两层:先把 2 维的点变成 16 维的隐藏特征,经过 $\tanh$ 弯曲一下,再变成 2 个分数(logits),每个类别一个:

$$
h = \tanh(X W_1 + b_1), \qquad \text{logits} = h W_2 + b_2
$$

损失是交叉熵:先用 softmax 把分数变成概率,再取正确类别概率的负对数并求平均,$L = -\frac{1}{N}\sum_i \log \operatorname{softmax}(\text{logits}_i)_{y_i}$。四个参数都是带 `requires_grad=True` 的普通张量,一共 $2 \times 16 + 16 + 16 \times 2 + 2 = 82$ 个数。
""",
        en=r"""
The network has just two layers: it maps each 2-d point to 16 hidden features, bends them with $\tanh$, then maps them to 2 scores (logits), one per class:

$$
h = \tanh(X W_1 + b_1), \qquad \text{logits} = h W_2 + b_2
$$

The loss is cross-entropy: softmax turns the scores into probabilities, and we average the negative log of the right class's probability, $L = -\frac{1}{N}\sum_i \log \operatorname{softmax}(\text{logits}_i)_{y_i}$. The four parameters are plain tensors with `requires_grad=True`, $2 \times 16 + 16 + 16 \times 2 + 2 = 82$ numbers in all.
""",
    ),
    code(
        """
torch.manual_seed(1)
W1 = torch.randn(2, 16, requires_grad=True)
b1 = torch.zeros(16, requires_grad=True)
W2 = torch.randn(16, 2, requires_grad=True)
b2 = torch.zeros(2, requires_grad=True)
params = [W1, b1, W2, b2]

def model(X):
    h = torch.tanh(X @ W1 + b1)
    return h @ W2 + b2

print(sum(p.numel() for p in params))
"""
    ),
    md(
        zh=r"""
## 一次前向和反向
训练之前,先看一次前向和反向传播的计算图。
""",
        en=r"""
## One forward and backward pass
Before training, let us look at the graph of one forward and backward pass.
""",
    ),
    code(
        """
logits = model(X)
loss = F.cross_entropy(logits, y)
print(f"{loss.item():.4f}")
loss.backward()
print(W1.grad.shape, W2.grad.shape)
"""
    ),
    md(
        zh=r"""
图中四个绿色的叶子节点就是四个参数,每个都得到了和自己形状相同的梯度;灰色的 `X` 是常量,不需要梯度,所以它没有 grad。整个网络只用到了几种熟悉的操作:矩阵乘法 `MmBackward0`、加法、`tanh`;交叉熵在图中是最后两个节点 `LogSoftmaxBackward0` 和 `NllLossBackward0`。
""",
        en=r"""
The four green leaves are the four parameters, and each got a gradient of its own shape; the grey `X` is a constant that does not require grad, so it has none. The whole network is made of a few familiar operations: matrix product `MmBackward0`, addition, `tanh`; cross-entropy shows up as the last two nodes, `LogSoftmaxBackward0` and `NllLossBackward0`.
""",
    ),
    md(
        zh=r"""
## 训练
梯度下降每一步都把参数往梯度的反方向挪一小步:

$$
\theta \leftarrow \theta - \eta \, \frac{\partial L}{\partial \theta}
$$

这里学习率 $\eta = 0.5$。和上一课的线性回归一样,更新要放在 `torch.no_grad()` 里(它不是计算图的一部分),更新完用 `zero_()` 把梯度归零,否则下一步的梯度会累加上去。训练要调用几百次 `backward()`,所以下面第一个单元格先用 `%autograd off` 关掉画图,并清掉上面那次反向传播留下的梯度;训练结束时再用 `%autograd on` 打开画图。我们把"类别 1 的概率大于 0.5"当作网络预测类别 1,每 100 步记下一次损失和准确率,训练完一起打印出来。
""",
        en=r"""
Each step of gradient descent moves the parameters a little against their gradient:

$$
\theta \leftarrow \theta - \eta \, \frac{\partial L}{\partial \theta}
$$

with learning rate $\eta = 0.5$ here. As in the last lesson's linear regression, the update goes inside `torch.no_grad()` (it is not part of the graph), and afterwards `zero_()` resets the gradients, or the next step's would add up on top. Training calls `backward()` hundreds of times, so the first cell below turns the pictures off with `%autograd off` and clears the gradients left by the backward pass above; `%autograd on` turns the pictures back on when training ends. We take "probability of class 1 above 0.5" as the network predicting class 1, and note the loss and the accuracy every 100 steps, printing them all when training is done.
""",
    ),
    code(
        """
%autograd off
for p in params:
    p.grad.zero_()  # 清掉上面那次反向传播留下的梯度
"""
    ),
    code(
        """
history = []
for step in range(501):
    logits = model(X)
    loss = F.cross_entropy(logits, y)
    loss.backward()
    with torch.no_grad():
        for p in params:
            p -= 0.5 * p.grad
            p.grad.zero_()
    if step % 100 == 0:
        prob1 = F.softmax(logits, dim=1)[:, 1]
        acc = ((prob1 > 0.5).long() == y).float().mean()
        history.append(f"step {step:3d}   loss {loss.item():.4f}   accuracy {acc.item():.3f}")
print("\\n".join(history))
%autograd on
"""
    ),
    md(
        zh=r"""
损失从 2.1857 降到了 0.0719,准确率从 0.640 升到了 0.975:200 个点里只剩 5 个分错。整个训练只用了我们已经学过的东西:前向、`backward()`、沿梯度反方向更新、归零。
""",
        en=r"""
The loss fell from 2.1857 to 0.0719, and the accuracy rose from 0.640 to 0.975: only 5 of the 200 points are still misclassified. The whole training used only what we already know: forward, `backward()`, an update against the gradient, and a reset.
""",
    ),
    md(
        zh=r"""
## 决策边界
网络到底学到了什么?我们在平面上铺一张 $200 \times 200$ 的网格,在每个格点上算出网络认为"属于类别 1"的概率,再用 `contourf` 涂上颜色。网格用 NumPy 的 `meshgrid` 生成,再用 `torch.from_numpy(...).float()` 变成张量;这里只是求值、不需要梯度,所以放在 `torch.no_grad()` 里。
""",
        en=r"""
## The decision boundary
What has the network learned? We lay a $200 \times 200$ grid over the plane, compute at each grid point the probability the network gives to class 1, and colour the plane with `contourf`. NumPy's `meshgrid` makes the grid and `torch.from_numpy(...).float()` turns it into a tensor; we only evaluate, with no gradients needed, so it runs inside `torch.no_grad()`.
""",
    ),
    code(
        """
xs, ys = np.meshgrid(np.linspace(-1.5, 2.5, 200), np.linspace(-1.2, 1.7, 200))
grid = torch.from_numpy(np.stack([xs.ravel(), ys.ravel()], axis=1)).float()
with torch.no_grad():
    prob1 = F.softmax(model(grid), dim=1)[:, 1].reshape(200, 200)

plt.figure(figsize=(5, 3.5))
plt.contourf(xs, ys, prob1.numpy(), levels=20, cmap="coolwarm", alpha=0.6)
plt.contour(xs, ys, prob1.numpy(), levels=[0.5], colors="k")
plt.scatter(X[:, 0].numpy(), X[:, 1].numpy(), c=y.numpy(), cmap="coolwarm", edgecolors="k", s=20)
plt.title("decision boundary")
plt.show()
"""
    ),
    md(
        zh=r"""
黑线是概率等于 0.5 的地方,也就是网络的决策边界:它弯弯曲曲地从两个月亮之间穿过。16 个 $\tanh$ 隐藏单元拼出了这条曲线,这正是一条直线做不到的。
""",
        en=r"""
The black line is where the probability is 0.5, the network's decision boundary: it winds its way between the two moons. The 16 $\tanh$ hidden units piece this curve together, which no straight line could do.
""",
    ),
    code(
        """
with torch.no_grad():
    final_loss = F.cross_entropy(model(X), y)
    final_acc = ((F.softmax(model(X), dim=1)[:, 1] > 0.5).long() == y).float().mean()
print(f"final loss {final_loss.item():.4f}, final accuracy {final_acc.item():.3f}")
"""
    ),
    md(
        zh=r"""
## 小练习

对于两个类别,"类别 1 的概率大于 0.5"和"类别 1 的分数比类别 0 的大"是一回事,因为 softmax 不改变大小顺序。所以预测的类别就是每一行 logits 中最大值所在的位置,也就是 `argmax`。

下面生成了一组网络从没见过的测试数据。请用 `argmax` 从 `test_logits` 得到预测的类别,和 `y_test` 比较,算出测试准确率 `my_acc`(0 到 1 之间的一个数,把 `...` 换成你的代码)。
""",
        en=r"""
## Exercise

With two classes, "probability of class 1 above 0.5" and "score of class 1 above score of class 0" say the same thing, because softmax keeps the order. So the predicted class is the position of the largest logit in each row: its `argmax`.

Below is a test set the network has never seen. Use `argmax` on `test_logits` to get the predicted classes, compare them with `y_test`, and compute the test accuracy `my_acc` (a number between 0 and 1; replace the `...` with your code).
""",
    ),
    code(
        """
torch.manual_seed(2)
X_test, y_test = make_moons(100, noise=0.2)
with torch.no_grad():
    test_logits = model(X_test)

my_acc = ...
"""
    ),
    code(
        """
# 检查你的答案 / check your answer
right = ((test_logits[:, 1] > test_logits[:, 0]).long() == y_test).float().mean().item()
if my_acc is ...:
    print("先在上面把 my_acc 的 ... 换成你的代码。 / Fill in my_acc above first.")
elif torch.as_tensor(my_acc).numel() == 1 and abs(float(my_acc) - right) < 1e-6:
    print(f"✔ 完全正确!测试准确率是 {right:.3f}。 / Right: the test accuracy is {right:.3f}.")
else:
    print("还不对。提示:准确率是预测类别等于标签的点所占的比例,应该在 0 和 1 之间;"
          "每个点的预测类别是它那一行 logits 里最大值的位置(类别在哪一维?)。"
          " / Not yet. Hint: accuracy is the fraction of points whose predicted class equals the label,"
          " a number between 0 and 1; a point's predicted class is where its row of logits is largest"
          " (which dimension holds the classes?).")
"""
    ),
    md(
        zh=r"""
## 小结
- 一个神经网络不过是一串张量运算:参数是带 `requires_grad=True` 的叶子节点,`F.cross_entropy` 把 logits 和 `int64` 标签变成一个标量损失。
- 训练就是不断重复"前向、`backward()`、在 `torch.no_grad()` 里沿梯度反方向更新、`zero_()` 归零";循环之前用 `%autograd off` 关掉画图。
- 在网格上用 `torch.no_grad()` 求值就能画出决策边界;预测的类别是 logits 每行的 `argmax`,和标签比较后求平均就是准确率。

下一课:用有限差分检查梯度,我们会学习怎样确认一个手写的 `backward` 是对的。
""",
        en=r"""
## Summary
- A neural network is just a chain of tensor operations: the parameters are leaves with `requires_grad=True`, and `F.cross_entropy` turns logits and `int64` labels into one scalar loss.
- Training repeats "forward, `backward()`, an update against the gradient inside `torch.no_grad()`, `zero_()`"; `%autograd off` before the loop turns the pictures off.
- Evaluating on a grid under `torch.no_grad()` draws the decision boundary; the predicted class is each row's `argmax` of the logits, and the mean of the matches with the labels is the accuracy.

Next lesson: gradient checking with finite differences, where we learn how to make sure a hand-written `backward` is right.
""",
    ),
]
