"""Lesson 3: a micrograd-style Value in about 30 lines; gate patterns; its order against PyTorch's."""

from lesson_build import answer, check, code, exercises_heading, md, setup

CELLS = [
    md(
        zh=r"""
# 用三十多行代码写一个自动求导

上一课我们看着 PyTorch 一个节点一个节点地做反向传播。这一课我们自己写一个:一个只处理单个数的小引擎,思路来自 Andrej Karpathy 的 micrograd。它只有三十多行,却能算出上一课的每一个梯度。

学完这一课,你可以:
- 写出一个记得自己是怎样算出来的 `Value`:每个运算带一个 `_backward`,`backward()` 按拓扑顺序调用它们;
- 说出三种最常见的"门"怎样传梯度:加法分发、乘法交换、取最大值路由;
- 比较你的引擎和 PyTorch 处理节点的顺序,并说明为什么两者得到同样的梯度。
""",
        en=r"""
# Build your own autograd in 30-odd lines

In the last lesson we watched PyTorch run the backward pass node by node. In this one we write our own: a small engine for single numbers, after Andrej Karpathy's micrograd. It is 30-odd lines long, and it computes every gradient of the last lesson.

After this lesson you can:
- write a `Value` that remembers how it was computed: each operation brings its `_backward`, and `backward()` calls them in topological order;
- say how the three most common "gates" pass gradients on: add distributes, multiply swaps, max routes;
- compare the order in which your engine and PyTorch process the nodes, and say why both get the same gradients.
""",
    ),
    setup(),
    md(
        zh=r"""
## 一个记得来历的数
`Value` 保存一个数 `data` 和它的梯度 `grad`(开始时是 0)。它还记得自己是由哪些 `Value` 算出来的(`_prev`),以及一个函数 `_backward`:等 `self.grad` 算好以后,由它把梯度送给 `_prev`。我们自己创建的 `Value` 没有来历,它的 `_backward` 什么也不做:这就是叶子节点。
""",
        en=r"""
## A number that remembers where it came from
A `Value` holds a number, `data`, and its gradient, `grad` (0 to begin with). It also remembers the `Value`s it was computed from (`_prev`), and a function `_backward` that, once `self.grad` is complete, sends the gradient on to `_prev`. A `Value` we create ourselves has no history and its `_backward` does nothing: it is a leaf.
""",
    ),
    code(
        """
class Value:
    def __init__(self, data, children=()):
        self.data = data
        self.grad = 0.0
        self._prev = children          # ⟨由哪些 Value 算出来‖the Values it was computed from⟩
        self._backward = lambda: None  # ⟨把 self.grad 送给 _prev‖sends self.grad on to _prev⟩
"""
    ),
    md(
        zh=r"""
## 加法分发
$out = a + b$ 的局部导数是 $\frac{\partial out}{\partial a} = \frac{\partial out}{\partial b} = 1$,所以两个输入都原样得到 `out.grad`:加法把梯度**分发**给每个输入。注意写的是 `+=` 而不是 `=`:上一课讲过,一个变量用在几处,几条路径的梯度要加起来。最后一行把这个函数装到 `Value` 上,`a + b` 就会调用它。
""",
        en=r"""
## Add distributes
The local derivatives of $out = a + b$ are $\frac{\partial out}{\partial a} = \frac{\partial out}{\partial b} = 1$, so both inputs get `out.grad` unchanged: addition **distributes** the gradient to each input. Notice `+=`, not `=`: as the last lesson showed, when a variable is used in several places, the gradients of its paths add up. The last line attaches the function to `Value`, so that `a + b` calls it.
""",
    ),
    code(
        """
def add(self, other):
    out = Value(self.data + other.data, (self, other))
    def _backward():
        self.grad += out.grad   # ⟨加法分发:每个输入都得到 out.grad‖add distributes: each input gets out.grad⟩
        other.grad += out.grad
    out._backward = _backward
    return out

Value.__add__ = add
"""
    ),
    md(
        zh=r"""
## 乘法交换
$out = a \cdot b$ 的局部导数是 $\frac{\partial out}{\partial a} = b$、$\frac{\partial out}{\partial b} = a$:每个输入得到的是 `out.grad` 乘以**另一个**输入的值,乘法把两个输入**交换**了。这就是为什么乘法节点要保存两个输入的值。
""",
        en=r"""
## Multiply swaps
The local derivatives of $out = a \cdot b$ are $\frac{\partial out}{\partial a} = b$ and $\frac{\partial out}{\partial b} = a$: each input gets `out.grad` times the value of the **other** input, so multiplication **swaps** its inputs. That is why a product node saves the values of both inputs.
""",
    ),
    code(
        """
def mul(self, other):
    out = Value(self.data * other.data, (self, other))
    def _backward():
        self.grad += other.data * out.grad   # ⟨乘法交换:a 得到 b 的值‖multiply swaps: a gets b's value⟩
        other.grad += self.data * out.grad
    out._backward = _backward
    return out

Value.__mul__ = mul
"""
    ),
    md(
        zh=r"""
## 按拓扑顺序反向传播
一个节点只有在收齐了所有使用者送来的梯度之后,才能把梯度往下送。深度优先搜索把每个 `Value` 排在算出它的所有 `Value` 之后,这叫**拓扑顺序**;把它倒过来,每个使用者就都排在它用到的 `Value` 之前。`backward()` 把输出的梯度设为 $\frac{\partial out}{\partial out} = 1$,再按这个顺序调用每个 `_backward`,最后返回这个顺序,方便我们查看。
""",
        en=r"""
## Backward in topological order
A node may send its gradient on only once it has received everything its consumers send. A depth-first search lists each `Value` after all the `Value`s it was computed from, a **topological order**; reversed, it puts every consumer before the `Value`s it used. `backward()` sets the output's gradient to $\frac{\partial out}{\partial out} = 1$, calls each `_backward` in that order, and returns the order, so that we can look at it.
""",
    ),
    code(
        """
def backward(self):
    order, seen = [], set()
    def visit(v):
        if v not in seen:
            seen.add(v)
            for child in v._prev:
                visit(child)
            order.append(v)  # ⟨v 排在算出它的所有 Value 之后‖v comes after everything it was computed from⟩
    visit(self)
    self.grad = 1.0
    for v in reversed(order):  # ⟨使用者在前‖consumers first⟩
        v._backward()
    return order[::-1]

Value.backward = backward
"""
    ),
    md(
        zh=r"""
这就是整个引擎:不算空行和注释,一共 36 行,其中 3 行把函数装到 `Value` 上,1 行返回顺序给我们看。
""",
        en=r"""
That is the whole engine: 36 lines without blank lines and comments, 3 of which attach a function to `Value` and 1 returns the order for us to look at.
""",
    ),
    md(
        zh=r"""
## 重现上一课的数
上一课的 $L = (w x + b)^2$,$x = 2,\ w = 3,\ b = 1$:手算得 $\frac{\partial L}{\partial x} = 42$、$\frac{\partial L}{\partial w} = 28$、$\frac{\partial L}{\partial b} = 14$。我们的 `Value` 还没有乘方,就把 $y^2$ 写成 `y * y`:`y` 同时是乘法的两个输入,乘法交换后它两次得到 $7$,`+=` 把它们加成 $14 = 2y$。
""",
        en=r"""
## Lesson 2's numbers again
Lesson 2's $L = (w x + b)^2$ at $x = 2,\ w = 3,\ b = 1$ gave by hand $\frac{\partial L}{\partial x} = 42$, $\frac{\partial L}{\partial w} = 28$, $\frac{\partial L}{\partial b} = 14$. Our `Value` has no power yet, so we write $y^2$ as `y * y`: `y` is both inputs of the product, the swap sends it $7$ twice, and `+=` adds them up to $14 = 2y$.
""",
    ),
    code(
        """
x, w, b = Value(2.0), Value(3.0), Value(1.0)
y = w * x + b
L = y * y
L.backward()
print(x.grad, w.grad, b.grad)
"""
    ),
    md(
        zh=r"""
42、28、14,和上一课手算的、和 PyTorch 算的都一样。再试上一课的 $z = x \cdot x + x$,$x = 3$:三条路径送回 $3 + 3 + 1 = 7$。
""",
        en=r"""
42, 28 and 14: the numbers of lesson 2, by hand and by PyTorch. Now lesson 2's $z = x \cdot x + x$ at $x = 3$: three paths send back $3 + 3 + 1 = 7$.
""",
    ),
    code(
        """
x = Value(3.0)
z = x * x + x
z.backward()
print(x.grad)
"""
    ),
    md(
        zh=r"""
## 顺序可以不同,梯度相同
拓扑顺序往往不止一种。下面 $L = p + q$,$p = ab$,$q = cd$,其中 $q$ 先算、$p$ 后算。我们的深度优先搜索先走 `L` 的第一个输入 $p$,排序倒过来以后,$q$ 排在 $p$ 之前。
""",
        en=r"""
## The order may differ, the gradients do not
There is often more than one topological order. Below, $L = p + q$ with $p = ab$ and $q = cd$, where $q$ is computed first and $p$ second. Our depth-first search starts with `L`'s first input, $p$; once the list is reversed, $q$ comes before $p$.
""",
    ),
    code(
        """
a, b, c, d = Value(1.0), Value(2.0), Value(3.0), Value(4.0)
q = c * d
p = a * b
L = p + q
order = L.backward()
print(["p" if v is p else "q" for v in order if v is p or v is q])
print(a.grad, b.grad, c.grad, d.grad)
"""
    ),
    md(
        zh=r"""
PyTorch 的引擎在几个运算节点同时就绪时,先处理**最新创建**的那个,所以它先处理 $p$。`trace_backward()` 记下引擎每一步处理的节点(步进控件显示的就是这份记录),我们用 `p.grad_fn` 和 `q.grad_fn` 认出其中的两个乘法节点。
""",
        en=r"""
When several operation nodes are ready at once, PyTorch's engine takes the **most recently created** one first, so it processes $p$ first. `trace_backward()` records the node of each step of the engine (it is the record the step-through widget shows), and `p.grad_fn` and `q.grad_fn` tell us which product node is which.
""",
    ),
    code(
        """
from autograd_lab.autograd.graph import trace_backward

a, b, c, d = (torch.tensor(v, requires_grad=True) for v in (1.0, 2.0, 3.0, 4.0))
q = c * d
p = a * b
L = p + q
with trace_backward() as steps:
    L.backward()
names = {p.grad_fn: "p", q.grad_fn: "q"}
print([names[step["node"]] for step in steps if step["node"] in names])
print(a.grad, b.grad, c.grad, d.grad)
"""
    ),
    md(
        zh=r"""
两个引擎的顺序相反,梯度却完全一样:$(2, 1, 4, 3)$,每个输入都得到另一个因子的值。只要每个节点都排在它所有的使用者之后,它收到的梯度就是完整的,先处理哪一支都不影响结果。用步进控件再看一遍:重新建图,第 2 步高亮的是 $p = ab$ 的 `MulBackward0`。
""",
        en=r"""
The two engines go in opposite orders and get exactly the same gradients, $(2, 1, 4, 3)$: each input gets the value of the other factor. As long as every node comes after all its consumers, the gradient it receives is complete, and which branch goes first changes nothing. Once more with the step-through widget: we build the graph again, and step 2 highlights the `MulBackward0` of $p = ab$.
""",
    ),
    code(
        """
a.grad = b.grad = c.grad = d.grad = None
q = c * d
p = a * b
L = p + q
%autograd step L
"""
    ),
    md(
        zh=r"""
## 取最大值路由
第三种常见的门是 $out = \max(a, b)$:较大的那个输入的局部导数是 1,较小的是 0,所以梯度全部**路由**给较大的输入,另一个什么也得不到。ReLU 就是 $\max(x, 0)$。一个向量的最大值也是这样:下面 $m = 3 \max(v)$,$v = (2,\ 5,\ 1)$,最大的 5 得到 3,其余的得到 0。(有几个一样大时,PyTorch 把梯度平分给它们。)
""",
        en=r"""
## Max routes
The third common gate is $out = \max(a, b)$: the local derivative is 1 for the larger input and 0 for the smaller, so the whole gradient is **routed** to the larger input and the other gets nothing. ReLU is $\max(x, 0)$. The largest element of a vector works the same way: below, $m = 3 \max(v)$ with $v = (2,\ 5,\ 1)$, so the largest, 5, gets 3 and the others get 0. (When several are equally large, PyTorch splits the gradient evenly among them.)
""",
    ),
    code(
        """
v = torch.tensor([2.0, 5.0, 1.0], requires_grad=True)
m = v.max() * 3
m.backward()
print(v.grad)
"""
    ),
    md(
        zh=r"""
图中 `MulBackward0` 把 3 送给 `MaxBackward1`,它把 3 全部交给 `v` 中最大的元素,给其余元素的是 0。三种门合起来就是一条口诀:加法分发,乘法交换,最大值路由。
""",
        en=r"""
In the picture, `MulBackward0` sends 3 to `MaxBackward1`, which hands all of it to the largest element of `v` and 0 to the others. The three gates make one rule of thumb: add distributes, multiply swaps, max routes.
""",
    ),
    md(
        zh=r"""
## PyTorch 的 `_prev`:`next_functions`
PyTorch 的计算图和我们的是同一个想法。我们的 `_prev` 对应每个 `grad_fn` 的 `next_functions`:每个输入占一项 `(节点, 序号)`,叶子节点对应的是 `AccumulateGrad`,它负责把梯度加进 `.grad`。下面的小函数从 `m.grad_fn` 出发,把整张图打印出来。
""",
        en=r"""
## PyTorch's `_prev`: `next_functions`
PyTorch's graph is the same idea as ours. Our `_prev` corresponds to each `grad_fn`'s `next_functions`: one `(node, index)` pair per input, where a leaf's node is `AccumulateGrad`, whose job is to add the gradient into `.grad`. The small function below starts from `m.grad_fn` and prints the whole graph.
""",
    ),
    code(
        """
def walk(fn, depth=0):
    print("    " * depth + type(fn).__name__)
    for child, _ in fn.next_functions:
        if child is not None:  # ⟨None:不需要梯度的输入‖None: an input that needs no gradient⟩
            walk(child, depth + 1)

walk(m.grad_fn)
"""
    ),
    md(
        zh=r"""
缩进和图一一对应:`MulBackward0` 下面是 `MaxBackward1`(乘法的另一个输入 3 是常数,对应 `None`,没有打印),再下面是 `v` 的 `AccumulateGrad`。
""",
        en=r"""
The indentation mirrors the picture: under `MulBackward0` is `MaxBackward1` (the product's other input, the constant 3, is a `None` and is not printed), and under it the `AccumulateGrad` of `v`.
""",
    ),
    *exercises_heading(),
    md(
        zh=r"""
**练习 1(写一个门)。** 给 `Value` 加上 ReLU:$\mathrm{relu}(x) = \max(x, 0)$。前向已经写好了;请在 `_backward` 里写出梯度:按"最大值路由",$x > 0$ 时 `out.grad` 全部送给 `self`,否则什么也不送。(把 `pass` 换成你的代码。)
""",
        en=r"""
**Exercise 1 (write a gate).** Give `Value` a ReLU: $\mathrm{relu}(x) = \max(x, 0)$. The forward part is written; write the gradient in `_backward`: "max routes", so when $x > 0$ all of `out.grad` goes to `self`, and otherwise nothing. (Replace the `pass` with your code.)
""",
    ),
    answer(
        """
def relu(self):
    out = Value(max(self.data, 0.0), (self,))
    def _backward():
        pass
        ### BEGIN SOLUTION
        self.grad += (1.0 if self.data > 0 else 0.0) * out.grad
        ### END SOLUTION
    out._backward = _backward
    return out

Value.relu = relu
""",
        "write-relu",
        wrong="self.grad += out.grad",
    ),
    check(
        1,
        2,
        grade_id="check-write-relu",
        needs=("relu",),
        trial="""
            right = True
            for start in (-1.5, 2.0):
                v = Value(start)
                (v.relu() * Value(3.0)).backward()
                t = torch.tensor(start, requires_grad=True)
                (truth,) = torch.autograd.grad(torch.relu(t) * 3.0, t)
                right = right and abs(v.grad - truth.item()) < 1e-9
        """,
        right='"⟨✔ 正确:x > 0 时梯度全部通过,x < 0 时为 0,和 torch.relu 一样。‖✔ Right: for x > 0 the whole gradient passes, for x < 0 it is 0, as with torch.relu.⟩"',
        hint='"⟨还不对。提示:relu 是 max(x, 0);取最大值的门把 out.grad 全部送给较大的那个输入;别忘了用 += 把它加进 self.grad。‖Not yet. Hint: relu is max(x, 0); a max gate routes all of out.grad to the larger input; remember to add it into self.grad with +=.⟩"',
    ),
    md(
        zh=r"""
**练习 2(找 bug)。** 下面这个版本的乘法有一个 bug:对 $a \cdot b$ 它算得没错,可 $x \cdot x$ 在 $x = 3$ 处的梯度却是 3,而不是 $2x = 6$。找出 bug 并修好它。
""",
        en=r"""
**Exercise 2 (fix the bug).** This version of the product has a bug: for $a \cdot b$ it is right, yet for $x \cdot x$ at $x = 3$ it gives the gradient 3 instead of $2x = 6$. Find the bug and fix it.
""",
    ),
    answer(
        """
def mul(self, other):
    out = Value(self.data * other.data, (self, other))
    def _backward():
        self.grad = other.data * out.grad
        other.grad = self.data * out.grad
    out._backward = _backward
    return out
### BEGIN SOLUTION
def mul(self, other):  # ⟨修好的版本:用 += 把两条路径的梯度加起来‖the fixed version: += adds up the gradients of both paths⟩
    out = Value(self.data * other.data, (self, other))
    def _backward():
        self.grad += other.data * out.grad
        other.grad += self.data * out.grad
    out._backward = _backward
    return out
### END SOLUTION

Value.__mul__ = mul
""",
        "fix-accumulate",
    ),
    check(
        2,
        3,
        grade_id="check-fix-accumulate",
        needs=("mul",),
        trial="""
            x = Value(3.0)
            (x * x).backward()
            a, b = Value(2.0), Value(5.0)
            (a * b).backward()
            w = Value(4.0)
            (w * Value(2.0) + w * w).backward()
            right, problem = (x.grad, a.grad, b.grad, w.grad) == (6.0, 5.0, 2.0, 10.0), f"x.grad = {x.grad}"
        """,
        right='"⟨✔ 正确:x·x 在 x = 3 处的梯度是 6,两条路径的梯度都加上了。‖✔ Right: at x = 3, x·x has the gradient 6; both paths\' gradients are added.⟩"',
        hint='"⟨还不对。提示:x · x 里 x 是乘法的两个输入,两条路径各送回 x;第二条路径的梯度不能把第一条的覆盖掉。‖Not yet. Hint: in x · x, x is both inputs of the product, and each of the two paths sends back x; the second path must not overwrite the first.⟩"',
    ),
    md(
        zh=r"""
## 小结
- 自动求导的核心只有两件事:每个运算在前向时记下输入,并带一个 `_backward`,把"到达的梯度 × 局部导数"加进每个输入的梯度;`backward()` 按倒过来的拓扑顺序调用它们。
- 三种门:加法把梯度原样分发给每个输入,乘法把另一个输入的值交换过来,取最大值把梯度全部路由给较大的输入。
- 顺序可以不同(PyTorch 先处理最新的就绪节点),只要每个节点排在它所有的使用者之后,梯度就一样;梯度必须用 `+=` 累加。

下一课:向量输出,我们会看到输出不是一个数时,`backward()` 要什么参数,以及雅可比矩阵。
""",
        en=r"""
## Summary
- The core of autograd is two things: in the forward pass every operation records its inputs and brings a `_backward` that adds "gradient that arrived × local derivative" into each input's gradient; `backward()` calls them in reversed topological order.
- Three gates: add distributes the gradient unchanged to each input, multiply swaps in the other input's value, max routes all of it to the larger input.
- The order may differ (PyTorch takes the newest ready node first): as long as each node comes after all its consumers, the gradients are the same; and gradients must be accumulated with `+=`.

Next lesson: vector outputs, where we see what `backward()` needs when the output is not a single number, and meet the Jacobian matrix.
""",
    ),
]
