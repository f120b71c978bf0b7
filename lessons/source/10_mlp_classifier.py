"""Lesson 10: a tiny MLP, written with plain tensors, learns to tell two moons apart."""

from lesson_build import answer, check, code, exercises_heading, md, setup

CELLS = [
    md(
        zh=r"""
# 一个小小的多层感知机分类器

前面几课我们看的都是几个数的小例子。这一课我们把学过的东西放在一起:只用张量和自动求导,从零写一个两层的神经网络(多层感知机,MLP),让它学会把平面上的两个"月亮"分开。

学完这一课,你可以:
- 用带 `requires_grad=True` 的张量写出一个 2 → 16 → 2 的网络,并手推它的交叉熵损失的梯度;
- 关掉画图,用最朴素的梯度下降训练它,并看着损失下降、准确率上升;
- 从形状推出一层的梯度($dW = X^T \cdot dY$),并用 `argmax` 自己算准确率。
""",
        en=r"""
# A tiny MLP classifier

So far our examples had only a few numbers in them. This lesson puts what we have learned together: with nothing but tensors and autograd, we write a two-layer neural network (a multilayer perceptron, MLP) from scratch and teach it to tell two "moons" in the plane apart.

After this lesson you can:
- write a 2 → 16 → 2 network with `requires_grad=True` tensors, and derive the gradient of its cross-entropy loss by hand;
- switch the pictures off and train it with plain gradient descent, watching the loss fall and the accuracy rise;
- work out a layer's gradients from their shapes ($dW = X^T \cdot dY$), and compute the accuracy yourself with `argmax`.
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
    setup(
        """
%matplotlib inline
import math
import numpy as np
import matplotlib.pyplot as plt
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
## The network
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
## 交叉熵的梯度,手算
训练之前,先手算损失对 logits 的梯度。对一个点,设 logits 为 $z$、正确类别为 $c$,$p = \operatorname{softmax}(z)$,则

$$
\ell = -\log p_c = -z_c + \log \sum_k e^{z_k}, \qquad \frac{\partial \ell}{\partial z_k} = \frac{e^{z_k}}{\sum_j e^{z_j}} - [k = c] = p_k - \text{onehot}_k
$$

损失是 $N$ 个点的平均,所以

$$
\frac{\partial L}{\partial \text{logits}} = \frac{\operatorname{softmax}(\text{logits}) - \text{onehot}(y)}{N}
$$

$p_k$ 在 0 和 1 之间,所以每个数的绝对值都小于 $1/N = 1/200 = 0.005$。`torch.eye(2)[y]` 是 one-hot 编码:单位矩阵中第 $y_i$ 行。
""",
        en=r"""
## The gradient of cross-entropy, by hand
Before training, let us work out the gradient of the loss with respect to the logits. For one point with logits $z$ and right class $c$, and $p = \operatorname{softmax}(z)$,

$$
\ell = -\log p_c = -z_c + \log \sum_k e^{z_k}, \qquad \frac{\partial \ell}{\partial z_k} = \frac{e^{z_k}}{\sum_j e^{z_j}} - [k = c] = p_k - \text{onehot}_k
$$

The loss is the mean over $N$ points, so

$$
\frac{\partial L}{\partial \text{logits}} = \frac{\operatorname{softmax}(\text{logits}) - \text{onehot}(y)}{N}
$$

Each $p_k$ lies between 0 and 1, so every number has an absolute value below $1/N = 1/200 = 0.005$. `torch.eye(2)[y]` is the one-hot encoding: row $y_i$ of the identity matrix.
""",
    ),
    md(
        zh=r"""
## 一次前向和反向
下面做一次前向和反向传播。`logits` 不是叶子节点,我们用 `retain_grad()`(第 2 课)留下它的梯度,和手算的公式比较。
""",
        en=r"""
## One forward and backward pass
Now one forward and backward pass. `logits` is not a leaf, so `retain_grad()` (lesson 2) keeps its gradient, to compare with the formula.
""",
    ),
    code(
        """
logits = model(X)
logits.retain_grad()
loss = F.cross_entropy(logits, y)
loss.backward()
by_hand = (F.softmax(logits, dim=1) - torch.eye(2)[y]) / len(y)
print(f"loss {loss.item():.4f}, largest |dL/dlogits| {logits.grad.abs().max().item():.4f}")
print(torch.allclose(logits.grad, by_hand))
"""
    ),
    md(
        zh=r"""
公式和自动求导一致。图中四个绿色的叶子节点就是四个参数,每个都得到了和自己形状相同的梯度;灰色的 `X` 是常量,没有梯度。`logits` 节点上梯度的最大值就是 0.005 以内的那个数。整个网络只用到了几种熟悉的操作:矩阵乘法 `MmBackward0`、加法、`tanh`;交叉熵在图中是最后两个节点 `LogSoftmaxBackward0` 和 `NllLossBackward0`。
""",
        en=r"""
The formula agrees with autograd. The four green leaves are the four parameters, and each got a gradient of its own shape; the grey `X` is a constant, with no gradient. On the `logits` node, the largest gradient is the number below 0.005 printed above. The whole network is made of a few familiar operations: matrix product `MmBackward0`, addition, `tanh`; cross-entropy shows up as the last two nodes, `LogSoftmaxBackward0` and `NllLossBackward0`.
""",
    ),
    md(
        zh=r"""
## 看形状推梯度:dW = Xᵀ · dY
$\text{logits} = h W_2 + b_2$ 中,$h$ 是 $200 \times 16$,$W_2$ 是 $16 \times 2$。$W_2$ 的梯度一定和 $W_2$ 同形状,$16 \times 2$;手里有的是 $h$($200 \times 16$)和 $d\text{logits}$($200 \times 2$)。能拼出 $16 \times 2$ 的乘法只有一个:

$$
dW_2 = h^T \cdot d\text{logits} \qquad (16 \times 200) \cdot (200 \times 2) = 16 \times 2
$$

中间那个 200 被求和掉了:每个点都用到了 $W_2$,第 2 课说过,一个变量用在几处,梯度就加起来。同理 $b_2$ 加到了每一行上,它的梯度是 $d\text{logits}$ 按行求和,形状 $(2,)$。
""",
        en=r"""
## Shapes tell the gradient: dW = Xᵀ · dY
In $\text{logits} = h W_2 + b_2$, $h$ is $200 \times 16$ and $W_2$ is $16 \times 2$. The gradient of $W_2$ must have the shape of $W_2$, $16 \times 2$; what we have is $h$ ($200 \times 16$) and $d\text{logits}$ ($200 \times 2$). Only one product makes $16 \times 2$ out of them:

$$
dW_2 = h^T \cdot d\text{logits} \qquad (16 \times 200) \cdot (200 \times 2) = 16 \times 2
$$

The 200 in the middle is summed away: every point uses $W_2$, and as lesson 2 showed, when a variable is used in several places, the gradients add up. Likewise $b_2$ is added to every row, and its gradient is $d\text{logits}$ summed over the rows, of shape $(2,)$.
""",
    ),
    code(
        """
with torch.no_grad():
    h = torch.tanh(X @ W1 + b1)
print(h.shape, logits.grad.shape, W2.grad.shape)
print(torch.allclose(h.T @ logits.grad, W2.grad), torch.allclose(logits.grad.sum(dim=0), b2.grad))
"""
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
## Training
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
    p.grad.zero_()  # ⟨清掉上面那次反向传播留下的梯度‖clear the gradients left by the backward pass above⟩
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
    *exercises_heading(),
    md(
        zh=r"""
**练习 1(准确率)。** 对于两个类别,"类别 1 的概率大于 0.5"和"类别 1 的分数比类别 0 的大"是一回事,因为 softmax 不改变大小顺序。所以预测的类别就是每一行 logits 中最大值所在的位置,也就是 `argmax`。下面生成了一组网络从没见过的测试数据。
""",
        en=r"""
**Exercise 1 (accuracy).** With two classes, "probability of class 1 above 0.5" and "score of class 1 above score of class 0" say the same thing, because softmax keeps the order. So the predicted class is the position of the largest logit in each row: its `argmax`. Below is a test set the network has never seen.
""",
    ),
    code(
        """
torch.manual_seed(2)
X_test, y_test = make_moons(100, noise=0.2)
with torch.no_grad():
    test_logits = model(X_test)
print(test_logits.shape, y_test.shape)
"""
    ),
    md(
        zh=r"""
请用 `argmax` 从 `test_logits` 得到预测的类别,和 `y_test` 比较,算出测试准确率:0 到 1 之间的一个数,把 `None` 换成它。
""",
        en=r"""
Use `argmax` on `test_logits` to get the predicted classes, compare them with `y_test`, and compute the test accuracy, a number between 0 and 1; replace the `None` with it.
""",
    ),
    answer(
        """
my_acc = None
### BEGIN SOLUTION
my_acc = (test_logits.argmax(dim=1) == y_test).float().mean().item()
### END SOLUTION
""",
        "test-accuracy",
        wrong="my_acc = (test_logits.argmax(dim=1) == y_test).sum().item()",
    ),
    check(
        1,
        2,
        grade_id="check-test-accuracy",
        needs=("my_acc",),
        trial="""
            truth = ((test_logits[:, 1] > test_logits[:, 0]).long() == y_test).float().mean().item()
            right = torch.as_tensor(my_acc).numel() == 1 and abs(float(my_acc) - truth) < 1e-6
            problem = f"⟨my_acc 是‖my_acc is⟩ {my_acc}"
        """,
        right='f"⟨✔ 正确:测试准确率是 {truth:.3f}。‖✔ Right: the test accuracy is {truth:.3f}.⟩"',
        hint='"⟨还不对。提示:准确率是预测类别等于标签的点所占的比例,应该在 0 和 1 之间;每个点的预测类别是它那一行 logits 里最大值的位置(类别在哪一维?)。‖Not yet. Hint: accuracy is the fraction of points whose predicted class equals the label, a number between 0 and 1; a point\'s predicted class is where its row of logits is largest (which dimension holds the classes?).⟩"',
    ),
    md(
        zh=r"""
**练习 2(找 bug)。** 下面的 `output_layer_grads` 手写了输出层 $\text{logits} = h W_2 + b_2$ 的梯度,可它的 `dW2` 和 `W2.grad` 对不上。用上面"看形状推梯度"的办法找出 bug,修好它。
""",
        en=r"""
**Exercise 2 (fix the bug).** The `output_layer_grads` below writes out by hand the gradients of the output layer $\text{logits} = h W_2 + b_2$, but its `dW2` does not match `W2.grad`. Use the shape reasoning above to find the bug, and fix it.
""",
    ),
    answer(
        """
def output_layer_grads(h, logits, y):
    dlogits = (F.softmax(logits, dim=1) - torch.eye(2)[y]) / len(y)
    dW2 = dlogits.T @ h
    db2 = dlogits.sum(dim=0)
    return dW2, db2
### BEGIN SOLUTION
def output_layer_grads(h, logits, y):  # ⟨修好的版本:dW = hᵀ · dlogits,和 W2 同形状‖the fixed version: dW = hᵀ · dlogits, shaped like W2⟩
    dlogits = (F.softmax(logits, dim=1) - torch.eye(2)[y]) / len(y)
    dW2 = h.T @ dlogits
    db2 = dlogits.sum(dim=0)
    return dW2, db2
### END SOLUTION
""",
        "fix-shapes",
    ),
    check(
        2,
        3,
        grade_id="check-fix-shapes",
        needs=("output_layer_grads",),
        trial="""
            with torch.no_grad():
                hidden = torch.tanh(X_test @ W1 + b1)
            W2_check = W2.detach().requires_grad_(True)
            b2_check = b2.detach().requires_grad_(True)
            out = hidden @ W2_check + b2_check
            truth = torch.autograd.grad(F.cross_entropy(out, y_test), (W2_check, b2_check))
            dW2, db2 = output_layer_grads(hidden, out.detach(), y_test)
            same_shape = dW2.shape == truth[0].shape
            right = same_shape and torch.allclose(dW2, truth[0], atol=1e-6) and torch.allclose(db2, truth[1], atol=1e-6)
            problem = f"⟨dW2 的形状是 {list(dW2.shape)},W2 的是 {list(W2.shape)}‖dW2 has the shape {list(dW2.shape)}, W2 has {list(W2.shape)}⟩"
        """,
        right='"⟨✔ 正确:dW2 = hᵀ · dlogits,形状和 W2 一样,数值和自动求导一致。‖✔ Right: dW2 = hᵀ · dlogits, shaped like W2, and equal to autograd\'s.⟩"',
        hint='"⟨还不对。提示:梯度和参数同形状;先写下 h 和 dlogits 的形状,看哪种乘法能得到 W2 的形状,并把批的那一维求和掉。‖Not yet. Hint: a gradient has its parameter\'s shape; write down the shapes of h and dlogits, and see which product gives the shape of W2 and sums the batch dimension away.⟩"',
    ),
    md(
        zh=r"""
## 小结
- 一个神经网络不过是一串张量运算;交叉熵对 logits 的梯度是 $(\operatorname{softmax} - \text{onehot})/N$,参数的梯度和参数同形状,$dW = X^T \cdot dY$ 把批的那一维求和掉。
- 训练就是不断重复"前向、`backward()`、在 `torch.no_grad()` 里沿梯度反方向更新、`zero_()` 归零";循环之前用 `%autograd off` 关掉画图。
- 在网格上用 `torch.no_grad()` 求值就能画出决策边界;预测的类别是 logits 每行的 `argmax`,和标签比较后求平均就是准确率。

下一课:用有限差分检查梯度,我们会学习怎样确认一个手写的 `backward` 是对的。
""",
        en=r"""
## Summary
- A neural network is just a chain of tensor operations; the gradient of cross-entropy with respect to the logits is $(\operatorname{softmax} - \text{onehot})/N$, a parameter's gradient has the parameter's shape, and $dW = X^T \cdot dY$ sums the batch dimension away.
- Training repeats "forward, `backward()`, an update against the gradient inside `torch.no_grad()`, `zero_()`"; `%autograd off` before the loop turns the pictures off.
- Evaluating on a grid under `torch.no_grad()` draws the decision boundary; the predicted class is each row's `argmax` of the logits, and the mean of the matches with the labels is the accuracy.

Next lesson: gradient checking with finite differences, where we learn how to make sure a hand-written `backward` is right.
""",
    ),
]
