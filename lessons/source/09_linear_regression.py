"""Lesson 9: gradient descent, linear regression from scratch."""

from lesson_build import answer, check, code, exercises_heading, md, setup

CELLS = [
    md(
        zh=r"""
# 梯度下降:从零实现线性回归

前面几课我们学会了求梯度,这一课用梯度来做一件真正有用的事:让模型从数据中学习。我们不用任何现成的优化器,只用 `backward()` 和几行更新参数的代码,从零实现线性回归。

学完这一课,你可以:
- 写出梯度下降的一步:预测、损失、`backward()`、在 `torch.no_grad()` 下更新参数、把梯度归零;
- 手推均方误差对 $w$、$b$ 的梯度,并和自动求导的结果对照;
- 写一个完整的训练循环,画出损失曲线和拟合出的直线。
""",
        en=r"""
# Gradient descent: linear regression from scratch

In the earlier lessons we learned to compute gradients. In this one we put them to real use: a model that learns from data. We use no ready-made optimizer, only `backward()` and a few lines that update the parameters, and implement linear regression from scratch.

After this lesson you can:
- write one step of gradient descent: prediction, loss, `backward()`, the update under `torch.no_grad()`, zeroing the gradients;
- derive the gradients of the mean squared error with respect to $w$ and $b$ by hand, and compare them with autograd's;
- write a full training loop, and plot the loss curve and the fitted line.
""",
    ),
    md(
        zh=r"""
除了 `autograd_lab`,这一课还用到 `F`(即 `torch.nn.functional`,里面有均方误差 `mse_loss`)、画图的 matplotlib 和显示进度条的 tqdm。
""",
        en=r"""
Besides `autograd_lab`, this lesson uses `F` (that is, `torch.nn.functional`, which has the mean squared error `mse_loss`), matplotlib for plots, and tqdm for a progress bar.
""",
    ),
    setup(
        """
%matplotlib inline
import autograd_lab.nn.functional as F  # ⟨即 torch.nn.functional‖that is, torch.nn.functional⟩
import matplotlib.pyplot as plt
from tqdm.auto import tqdm
"""
    ),
    md(
        zh=r"""
## 数据
我们自己造一份数据:100 个 $x$ 在 0 到 10 之间均匀随机取值,$y = 3x + 2$ 再加上一点噪声。模型并不知道 3 和 2,它要从这 100 个点里把它们学出来。先固定随机种子,保证每次运行得到同样的数据。
""",
        en=r"""
## The data
We make our own data: 100 values of $x$ drawn uniformly between 0 and 10, and $y = 3x + 2$ plus a little noise. The model does not know 3 and 2; it has to learn them from these 100 points. First we fix the random seed, so every run gets the same data.
""",
    ),
    code(
        """
torch.manual_seed(0)
x = torch.rand(100, 1) * 10
y = 3 * x + 2 + torch.randn(100, 1) * 0.5  # ⟨噪声的标准差是 0.5‖noise with standard deviation 0.5⟩
print(x.shape, y.shape)
print(x[:3].flatten(), y[:3].flatten())
"""
    ),
    md(
        zh=r"""
## 模型与参数
模型是一条直线 $\hat{y} = w x + b$。$w$ 和 $b$ 是我们要学习的参数,所以它们是 `requires_grad=True` 的叶子节点,一开始都取 0。$x$ 和 $y$ 是数据,不需要梯度。
""",
        en=r"""
## The model and its parameters
The model is a line, $\hat{y} = w x + b$. $w$ and $b$ are the parameters to learn, so they are leaves with `requires_grad=True`; both start at 0. $x$ and $y$ are data and need no gradient.
""",
    ),
    code(
        """
w = torch.zeros(1, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
print(w.is_leaf, b.is_leaf, x.requires_grad)
"""
    ),
    md(
        zh=r"""
## 梯度下降的一步:前向与反向
用均方误差衡量预测有多差:

$$
L = \frac{1}{N} \sum_{i=1}^{N} (w x_i + b - y_i)^2
$$

先算预测和损失,再调用 `backward()` 求出 $L$ 对 $w$、$b$ 的梯度。
""",
        en=r"""
## One step of gradient descent: forward and backward
The mean squared error measures how bad the prediction is:

$$
L = \frac{1}{N} \sum_{i=1}^{N} (w x_i + b - y_i)^2
$$

We compute the prediction and the loss, then call `backward()` for the gradients of $L$ with respect to $w$ and $b$.
""",
    ),
    code(
        """
pred = x * w + b            # ⟨广播:‖broadcasting: ⟩(100, 1) * (1,) + (1,)
loss = F.mse_loss(pred, y)
print(loss)
loss.backward()
print(w.grad, b.grad)
"""
    ),
    md(
        zh=r"""
注意图中的两个绿色叶子节点:`w` 的梯度是 $-213.59$,`b` 的梯度是 $-33.30$;$x$ 和 $y$ 是常量,没有梯度。两个梯度都是负的,说明把 $w$、$b$ 调大,损失会下降。
""",
        en=r"""
Notice the two green leaves in the picture: the gradient of `w` is $-213.59$ and that of `b` is $-33.30$; $x$ and $y$ are constants and get no gradient. Both gradients are negative: making $w$ and $b$ larger lowers the loss.
""",
    ),
    md(
        zh=r"""
## 手推梯度
对 $L$ 用链式法则,每一项 $(w x_i + b - y_i)^2$ 对 $w$ 求导得 $2(w x_i + b - y_i)\, x_i$,对 $b$ 求导得 $2(w x_i + b - y_i)$:

$$
\frac{\partial L}{\partial w} = \frac{2}{N} \sum_{i=1}^{N} (w x_i + b - y_i)\, x_i, \qquad
\frac{\partial L}{\partial b} = \frac{2}{N} \sum_{i=1}^{N} (w x_i + b - y_i)
$$

在 $w = b = 0$ 处,它们就是 $-\frac{2}{N}\sum x_i y_i$ 和 $-\frac{2}{N}\sum y_i$。用代码按公式算一遍:
""",
        en=r"""
## The gradients by hand
By the chain rule, each term $(w x_i + b - y_i)^2$ has derivative $2(w x_i + b - y_i)\, x_i$ with respect to $w$, and $2(w x_i + b - y_i)$ with respect to $b$:

$$
\frac{\partial L}{\partial w} = \frac{2}{N} \sum_{i=1}^{N} (w x_i + b - y_i)\, x_i, \qquad
\frac{\partial L}{\partial b} = \frac{2}{N} \sum_{i=1}^{N} (w x_i + b - y_i)
$$

At $w = b = 0$ these are $-\frac{2}{N}\sum x_i y_i$ and $-\frac{2}{N}\sum y_i$. Let us compute them from the formulas:
""",
    ),
    code(
        """
with torch.no_grad():
    err = x * w + b - y
    dL_dw = 2 * (err * x).mean()
    dL_db = 2 * err.mean()
print(f"dL/dw: formula {dL_dw.item():.2f}, autograd {w.grad.item():.2f}")
print(f"dL/db: formula {dL_db.item():.2f}, autograd {b.grad.item():.2f}")
"""
    ),
    md(
        zh=r"""
注意:公式算出的 $-213.59$ 和 $-33.30$ 正是图中 `w`、`b` 上的梯度。
""",
        en=r"""
Notice: the formulas give $-213.59$ and $-33.30$, exactly the gradients on `w` and `b` in the picture.
""",
    ),
    md(
        zh=r"""
## 梯度下降的一步:更新参数
梯度指向损失上升最快的方向,所以沿着它的反方向走一小步:

$$
w \leftarrow w - \eta \frac{\partial L}{\partial w}, \qquad b \leftarrow b - \eta \frac{\partial L}{\partial b}
$$

$\eta$ 叫作学习率,这里取 0.02。更新要放在 `torch.no_grad()` 里,因为它不是模型的一部分,不应该被记录进计算图(第 6 课讲过,在它外面原地修改需要梯度的叶子节点会报错)。更新完要把梯度归零,否则下一次 `backward()` 的梯度会累加上去。
""",
        en=r"""
## One step of gradient descent: the update
The gradient points where the loss rises fastest, so we take a small step against it:

$$
w \leftarrow w - \eta \frac{\partial L}{\partial w}, \qquad b \leftarrow b - \eta \frac{\partial L}{\partial b}
$$

$\eta$ is the learning rate, here 0.02. The update goes inside `torch.no_grad()`: it is not part of the model and must not be recorded in the graph (as lesson 6 showed, outside it, modifying a leaf that requires grad in place is an error). After the update the gradients are zeroed, or the next `backward()` would add to them.
""",
    ),
    code(
        """
lr = 0.02
with torch.no_grad():
    w -= lr * w.grad
    b -= lr * b.grad
w.grad.zero_()
b.grad.zero_()
print(w, b)
print(F.mse_loss(x * w + b, y))
"""
    ),
    md(
        zh=r"""
注意:一步之后 $w = 0 - 0.02 \times (-213.59) = 4.27$,$b = 0.67$,损失从 352.99 降到了 38.66。$w$ 一下子冲过了 3,接下来的步骤会慢慢把它拉回来。
""",
        en=r"""
Notice: after one step $w = 0 - 0.02 \times (-213.59) = 4.27$ and $b = 0.67$, and the loss fell from 352.99 to 38.66. $w$ has overshot 3; the following steps will slowly bring it back.
""",
    ),
    md(
        zh=r"""
## 训练循环
把这一步重复 500 次就是训练。循环里每一步都会调用 `backward()`,我们不想画 500 张图,所以先用 `%autograd off` 关掉画图。tqdm 显示进度条,每一步的损失记在 `losses` 里。
""",
        en=r"""
## The training loop
Repeating this step 500 times is training. Each step of the loop calls `backward()`, and we do not want 500 pictures, so `%autograd off` turns the drawing off first. tqdm shows a progress bar, and each step's loss is kept in `losses`.
""",
    ),
    code(
        """
%autograd off
losses = []
for step in tqdm(range(500)):
    loss = F.mse_loss(x * w + b, y)
    loss.backward()
    with torch.no_grad():
        w -= lr * w.grad
        b -= lr * b.grad
    w.grad.zero_()
    b.grad.zero_()
    losses.append(loss.item())
print(f"loss: first {losses[0]:.4f}, last {losses[-1]:.4f}")
"""
    ),
    md(
        zh=r"""
注意:损失从 38.66 降到了大约 0.2,但不会降到 0:数据点带着噪声(标准差 0.5)散落在直线两侧,没有哪条直线能穿过所有的点。
""",
        en=r"""
Notice: the loss fell from 38.66 to about 0.2, but it will not reach 0: the noise (standard deviation 0.5) scatters the points on both sides of the line, and no straight line passes through them all.
""",
    ),
    md(
        zh=r"""
## 画出结果
左图是损失曲线(纵轴取对数),右图是数据点和学到的直线。
""",
        en=r"""
## Plotting the result
On the left, the loss curve (with a log scale); on the right, the data and the line we learned.
""",
    ),
    code(
        """
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
ax1.plot(losses)
ax1.set_yscale("log")
ax1.set(xlabel="step", ylabel="loss")
xs = torch.linspace(0, 10, 2)
ax2.scatter(x.numpy(), y.numpy(), s=10, label="data")
ax2.plot(xs.numpy(), (w.item() * xs + b.item()).numpy(), color="red", label="learned line")
ax2.set(xlabel="x", ylabel="y")
ax2.legend()
plt.show()
"""
    ),
    md(
        zh=r"""
注意左图:损失在最初几步里急剧下降(陡峭的 $w$ 方向很快就调好了),之后的几百步下降得很慢,这段时间主要是 $b$ 在一点点地靠近它的值。右图中红线穿过了数据点的中间。
""",
        en=r"""
Notice on the left: the loss drops sharply in the first few steps (the steep $w$ direction settles at once), then falls slowly for a few hundred steps, mostly $b$ creeping toward its value. On the right, the red line runs through the middle of the points.
""",
    ),
    code(
        """
print(f"w = {w.item():.2f}, b = {b.item():.2f}")
"""
    ),
    md(
        zh=r"""
注意:学到的 $w = 2.97$、$b = 2.16$,接近真实的 3 和 2;因为数据带有噪声,最贴合这 100 个点的直线本来就不是恰好 $3x + 2$。
""",
        en=r"""
Notice: the learned $w = 2.97$ and $b = 2.16$ are close to the true 3 and 2. Because the data is noisy, the line that best fits these 100 points is not exactly $3x + 2$ in the first place.
""",
    ),
    *exercises_heading(),
    md(
        zh=r"""
**练习 1(找临界点)。** 学习率 0.02 让训练顺利收敛。学习率太大,每一步都会越过谷底、落到对面更高的地方,损失越来越大。下面的 `losses_for(lr, steps)` 从 $w = b = 0$ 出发,用给定的学习率训练,返回每一步的损失(损失翻倍时就停下)。请找出收敛和发散之间的**临界学习率**,精确到两位有效数字,把 `None` 换成它。两条路都行:用 `losses_for` 试几个值,看损失最后比一开始大还是小;或者用第 8 课的海森矩阵:对二次的损失,梯度下降在 $\eta < 2/\lambda_{\max}$ 时收敛,$\lambda_{\max}$ 是海森矩阵最大的特征值。
""",
        en=r"""
**Exercise 1 (find the tipping point).** A learning rate of 0.02 made training converge. Too large a learning rate makes every step jump past the bottom of the valley and land higher up the other side, and the loss grows. The `losses_for(lr, steps)` below starts from $w = b = 0$, trains with the given learning rate and returns each step's loss (it stops once the loss has doubled). Find the **critical learning rate** between converging and diverging, to two significant digits, and replace the `None` with it. Either road works: try values with `losses_for` and see whether the loss ends below or above where it started; or use the Hessian of lesson 8: on a quadratic loss, gradient descent converges when $\eta < 2/\lambda_{\max}$, where $\lambda_{\max}$ is the Hessian's largest eigenvalue.
""",
    ),
    code(
        """
def losses_for(lr, steps=100):
    w = torch.zeros(1, requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    history = []
    for step in range(steps):
        loss = F.mse_loss(x * w + b, y)
        history.append(loss.item())
        if not history[-1] < 2 * history[0]:  # ⟨损失翻倍就停下‖stop once the loss has doubled⟩
            break
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
            b -= lr * b.grad
        w.grad.zero_()
        b.grad.zero_()
    return history

history = losses_for(0.02)
print(f"lr = 0.02: {len(history)} steps, loss {history[0]:.1f} -> {history[-1]:.4f}")
"""
    ),
    answer(
        """
my_critical_lr = None
### BEGIN SOLUTION
def loss_of(p):  # ⟨把 w 和 b 放进一个向量,求海森矩阵‖w and b in one vector, for the Hessian⟩
    return F.mse_loss(x * p[0] + p[1], y)

H = torch.autograd.functional.hessian(loss_of, torch.zeros(2))
largest = (H[0, 0] + H[1, 1]) / 2 + (((H[0, 0] - H[1, 1]) / 2) ** 2 + H[0, 1] ** 2).sqrt()
my_critical_lr = 2 / largest.item()
### END SOLUTION
""",
        "critical-learning-rate",
        wrong="my_critical_lr = 1 / 66.4",
    ),
    check(
        1,
        2,
        grade_id="check-critical-learning-rate",
        needs=("my_critical_lr",),
        trial="""
            def mse_of(p):
                return F.mse_loss(x * p[0] + p[1], y)
            Hc = torch.autograd.functional.hessian(mse_of, torch.zeros(2))
            lam = (Hc[0, 0] + Hc[1, 1]) / 2 + (((Hc[0, 0] - Hc[1, 1]) / 2) ** 2 + Hc[0, 1] ** 2).sqrt()
            critical = 2 / lam.item()
            right = abs(float(my_critical_lr) - critical) < 0.05 * critical
            problem = f"⟨你的答案是‖your answer is⟩ {float(my_critical_lr):.3g}"
        """,
        right='f"⟨✔ 正确:临界学习率约为 {critical:.3g};比它小就收敛,比它大就发散。‖✔ Right: the critical learning rate is about {critical:.3g}; below it training converges, above it it diverges.⟩"',
        hint='"⟨还不对。提示:学习率越大,每一步越过谷底越远;找出损失刚好不再下降的那个值,或者算出海森矩阵最大的特征值 λ,临界值是 2/λ。‖Not yet. Hint: the larger the learning rate, the further each step jumps past the bottom; find the value where the loss just stops going down, or compute the Hessian\'s largest eigenvalue λ: the tipping point is 2/λ.⟩"',
    ),
    md(
        zh=r"""
为什么是这个值?$L$ 在 $w$ 方向上的弯曲程度(二阶导数)是 $\frac{2}{N}\sum x_i^2 \approx 65$,是一个很陡的山谷;海森矩阵最大的特征值比它稍大一点,约为 66.4。学习率超过 $2/66.4 \approx 0.030$ 时,每一步都越过谷底并落得更高。在临界值两边各试一次:
""",
        en=r"""
Why this value? The curvature of $L$ along $w$ (its second derivative) is $\frac{2}{N}\sum x_i^2 \approx 65$, a steep valley; the Hessian's largest eigenvalue is a little larger, about 66.4. Above a learning rate of $2/66.4 \approx 0.030$, every step jumps past the bottom and lands higher. One try on each side of the tipping point:
""",
    ),
    code(
        """
for lr in (0.029, 0.031):
    history = losses_for(lr)
    print(f"lr = {lr}: {len(history)} steps, the loss ends {'below' if history[-1] < history[0] else 'above'} where it started")
"""
    ),
    md(
        zh=r"""
**练习 2(找 bug)。** 下面的 `fit` 想把上面的训练循环写成一个函数,可它第二步就出错了。找出 bug 并修好它,让 `fit()` 返回学到的 $w$ 和 $b$。
""",
        en=r"""
**Exercise 2 (fix the bug).** The `fit` below means to wrap the training loop above in a function, but it breaks at the second step. Find the bug and fix it, so that `fit()` returns the learned $w$ and $b$.
""",
    ),
    answer(
        """
def fit(steps=500, lr=0.02):
    w = torch.zeros(1, requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    for _ in range(steps):
        loss = F.mse_loss(x * w + b, y)
        loss.backward()
        w = w - lr * w.grad
        b = b - lr * b.grad
    return w.item(), b.item()
### BEGIN SOLUTION
def fit(steps=500, lr=0.02):  # ⟨修好的版本:在 no_grad 里原地更新,再归零‖the fixed version: update in place under no_grad, then reset⟩
    w = torch.zeros(1, requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    for _ in range(steps):
        loss = F.mse_loss(x * w + b, y)
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
            b -= lr * b.grad
        w.grad.zero_()
        b.grad.zero_()
    return w.item(), b.item()
### END SOLUTION
""",
        "fix-update",
    ),
    check(
        2,
        3,
        grade_id="check-fix-update",
        needs=("fit",),
        trial="""
            import warnings
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # ⟨读非叶子节点的 .grad 会警告;这里只看结果‖reading a non-leaf's .grad warns; only the result counts here⟩
                got = fit(steps=30)
            pw = torch.zeros(1, requires_grad=True)
            pb = torch.zeros(1, requires_grad=True)
            for _ in range(30):
                gw, gb = torch.autograd.grad(F.mse_loss(x * pw + pb, y), (pw, pb))
                with torch.no_grad():
                    pw -= 0.02 * gw
                    pb -= 0.02 * gb
            right = abs(got[0] - pw.item()) < 1e-4 and abs(got[1] - pb.item()) < 1e-4
            problem = f"⟨30 步之后‖after 30 steps⟩ w, b = {got[0]:.4f}, {got[1]:.4f}"
        """,
        right='"⟨✔ 正确:w 和 b 一直是叶子节点,每一步都只用这一步的梯度。‖✔ Right: w and b stay leaves, and each step uses only its own gradient.⟩"',
        hint='"⟨还不对。提示:w = w - lr * w.grad 会被记录进计算图,新的 w 不再是叶子节点,下一次 backward() 后它没有 .grad;更新应该不被记录。‖Not yet. Hint: w = w - lr * w.grad is recorded in the graph, the new w is no longer a leaf, and after the next backward() it has no .grad; the update must not be recorded.⟩"',
    ),
    md(
        zh=r"""
## 小结
- 梯度下降的一步:前向算出损失,`backward()` 求梯度,在 `torch.no_grad()` 下做 $w \leftarrow w - \eta \frac{\partial L}{\partial w}$,再把梯度归零。
- 均方误差的梯度 $\frac{\partial L}{\partial w} = \frac{2}{N}\sum (w x_i + b - y_i) x_i$、$\frac{\partial L}{\partial b} = \frac{2}{N}\sum (w x_i + b - y_i)$ 可以手推,和自动求导的结果一致。
- 学习率决定步长:太小收敛慢,太大会越过谷底而发散;训练循环里用 `%autograd off` 关掉画图。

下一课:一个小小的多层感知机分类器,把这一课的训练循环用到神经网络上。
""",
        en=r"""
## Summary
- One step of gradient descent: the forward pass gives the loss, `backward()` the gradients, then $w \leftarrow w - \eta \frac{\partial L}{\partial w}$ under `torch.no_grad()`, then the gradients are zeroed.
- The gradients of the mean squared error, $\frac{\partial L}{\partial w} = \frac{2}{N}\sum (w x_i + b - y_i) x_i$ and $\frac{\partial L}{\partial b} = \frac{2}{N}\sum (w x_i + b - y_i)$, can be derived by hand and agree with autograd.
- The learning rate sets the step: too small and training is slow, too large and it jumps past the minimum and diverges; in a training loop, `%autograd off` turns the pictures off.

Next lesson: a tiny MLP classifier, where this lesson's training loop trains a neural network.
""",
    ),
]
