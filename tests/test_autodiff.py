import math

import numpy as np
import pytest

from gdbook.autodiff import Value, as_values, grads
from gdbook.gradcheck import numerical_gradient, rel_error
from gdbook.network import Network

# Each expression of two inputs, as a function of Values and of floats alike.
EXPRESSIONS = {
    "add": lambda x, y: x + y + 2.0,
    "radd": lambda x, y: 2.0 + x,
    "mul": lambda x, y: x * y * 3.0,
    "rmul": lambda x, y: 3.0 * x,
    "sub": lambda x, y: x - y - 1.0,
    "rsub": lambda x, y: 1.0 - x,
    "neg": lambda x, y: -x,
    "div": lambda x, y: x / y / 2.0,
    "rdiv": lambda x, y: 2.0 / y,
    "pow": lambda x, y: y**3 + y**-1.5 + y**0.5,
    "exp": lambda x, y: _exp(x * y),
    "log": lambda x, y: _log(y * y),
    "sigmoid": lambda x, y: _sigmoid(x - y),
    "mixed": lambda x, y: _log(1.0 + _exp(x)) * _sigmoid(y) / (x * x + 1.0),
}


def _exp(v):
    return v.exp() if isinstance(v, Value) else math.exp(v)


def _log(v):
    return v.log() if isinstance(v, Value) else math.log(v)


def _sigmoid(v):
    return v.sigmoid() if isinstance(v, Value) else 1 / (1 + math.exp(-v))


@pytest.mark.parametrize("name", EXPRESSIONS)
@pytest.mark.parametrize("point", [(0.3, 1.7), (-1.2, 0.6), (2.0, 3.0)])
def test_each_operation_matches_finite_differences(name, point):
    f = EXPRESSIONS[name]
    x, y = Value(point[0]), Value(point[1])
    out = f(x, y)
    assert out.data == pytest.approx(f(*point), rel=1e-14)
    out.backward()
    numeric = numerical_gradient(lambda p: f(p[0], p[1]), np.array(point))
    assert rel_error(np.array([x.grad, y.grad]), numeric) < 1e-7


def test_gradient_is_the_sum_over_paths():
    # f = (x * y) * (x + y): two paths from x, df/dx = y (x + y) + x y
    x, y = Value(2.0), Value(3.0)
    u, v = x * y, x + y
    f = u * v
    f.backward()
    assert x.grad == 3.0 * 5.0 + 6.0 * 1.0
    assert y.grad == 2.0 * 5.0 + 6.0 * 1.0
    assert (u.grad, v.grad) == (v.data, u.data)


def test_topological_order_puts_parents_first():
    x = Value(1.0)
    a = x * 2.0
    b = a + x
    c = b * a
    order = c.topological_order()
    assert order[-1] is c
    position = {id(node): i for i, node in enumerate(order)}
    for node in order:
        for parent in node.parents:
            assert position[id(parent)] < position[id(node)]
    assert len(order) == len({id(node) for node in order})


def test_backward_overwrites_and_handles_long_graphs():
    x = Value(1.0)
    y = x
    for _ in range(5_000):  # deeper than Python's recursion limit of 1000
        y = y * 1.0 + 0.0
    y.backward()
    y.backward()  # a second pass gives the same gradients, not twice them
    assert x.grad == 1.0
    assert y.grad == 1.0


def test_sigmoid_saturates_without_overflow():
    for z in (-800.0, 800.0):
        v = Value(z)
        s = v.sigmoid()
        s.backward()
        assert s.data == (0.0 if z < 0 else 1.0)
        assert v.grad == 0.0


def test_numpy_arrays_of_values():
    W = as_values([[1.0, -2.0], [0.5, 3.0]])
    x = np.array([2.0, 1.0])
    out = np.sum(W @ x) * 2.0
    out.backward()
    np.testing.assert_array_equal(grads(W), [[4.0, 2.0], [4.0, 2.0]])
    assert grads(W).dtype == np.float64
    assert (np.float64(2.0) * Value(3.0)).data == 6.0
    assert [v.data for v in Value(1.0) - np.array([1.0, 2.0])] == [0.0, -1.0]


def _cost(net, W, b, X, Y):
    """Network's mean cost over the batch, as a graph of Values."""
    A = X
    for Wl, bl in zip(W, b, strict=True):
        Z = A @ Wl.T + bl
        A = np.vectorize(lambda v: v.sigmoid(), otypes=[object])(Z)
    if net.cost_name == "quadratic":
        per_entry = (A - Y) ** 2 / 2.0
    else:
        log = np.vectorize(lambda v: v.log(), otypes=[object])
        per_entry = -(Y * log(A) + (1.0 - Y) * log(1.0 - A))
    return np.sum(per_entry) / len(X)


@pytest.mark.parametrize("cost", ["quadratic", "cross_entropy"])
@pytest.mark.parametrize("sizes", [[2, 3, 2], [3, 4, 3, 1]])
def test_reverse_mode_reproduces_network_backprop(cost, sizes):
    net = Network(sizes, cost=cost, seed=5)
    rng = np.random.default_rng(6)
    X = rng.normal(size=(4, sizes[0]))
    Y = rng.uniform(size=(4, sizes[-1]))
    W = [as_values(w) for w in net.weights]
    b = [as_values(v) for v in net.biases]
    C = _cost(net, W, b, X, Y)
    assert C.data == pytest.approx(net.cost(X, Y), rel=1e-12)
    C.backward()
    nabla_b, nabla_w = net.backprop(X, Y)
    diff = max(
        np.max(np.abs(grads(v) - g))
        for v, g in zip(W + b, nabla_w + nabla_b, strict=True)
    )
    assert diff < 1e-12


def test_bad_input_raises_value_error():
    with pytest.raises(ValueError, match="Value needs a real number; got str"):
        Value("1.0")
    with pytest.raises(ValueError, match="got bool"):
        Value(True)
    with pytest.raises(ValueError, match="a Value must be finite"):
        Value(float("nan"))
    with pytest.raises(ValueError, match="a Value must be finite"):
        Value(math.inf)
    with pytest.raises(ValueError, match="expected a Value or a real number; got str"):
        Value(1.0) + "x"
    with pytest.raises(ValueError, match="expected a Value or a real number"):
        "x" * Value(1.0)
    with pytest.raises(
        ValueError, match=r"a Value.s power must be a real constant; got Value"
    ):
        Value(2.0) ** Value(2.0)
    with pytest.raises(ValueError, match="has no real derivative"):
        Value(-1.0) ** 0.5
    with pytest.raises(ValueError, match="has no real derivative"):
        Value(0.0) ** -1
    with pytest.raises(ValueError, match="overflows"):
        Value(1e200) ** 3
    with pytest.raises(ValueError, match=r"log needs a Value > 0; got 0\.0"):
        Value(0.0).log()
    with pytest.raises(ValueError, match="division by a Value of 0"):
        Value(1.0) / 0.0
    with pytest.raises(ValueError, match="exp gave inf"):
        Value(1000.0).exp()
    with pytest.raises(ValueError, match=r"\* gave inf"):
        Value(1e200) * 1e200
    with pytest.raises(ValueError, match="array of real numbers; got dtype <U1"):
        as_values(["a"])
    with pytest.raises(ValueError, match="Value gave nan; a Value must be finite"):
        as_values([1.0, float("nan")])
    with pytest.raises(ValueError, match="must be an array of Value"):
        grads(np.array([1.0]))
