r"""Reverse-mode differentiation of scalar expressions, Eqs. (4.7)-(4.8).

A `Value` holds one number, the Values it was computed from (its parents)
and the local derivative of itself in each parent. An expression built from
Values is a computational graph; `Value.backward` walks it once, from the
output back to the inputs, and gives every node the derivative of the
output in it by the chain rule on the graph, Eq. (4.7): the sum over the
paths of Eq. (4.8), in one pass. This is what the autograd of PyTorch and
JAX does, on arrays instead of single numbers.

The graph is visited without recursion, so an expression may be as long as
memory allows. Inputs must be finite real numbers, and an operation whose
result is not finite (``exp(1000)``, ``log(0)``) raises ``ValueError``.
"""

import math
from collections.abc import Callable
from numbers import Real
from typing import Any

import numpy as np

__all__ = ["Value", "as_values", "grads"]


class Value:
    r"""A scalar node of a computational graph, with its gradient, Eq. (4.7).

    Parameters
    ----------
    data : float
        A finite real number (not a bool).

    Attributes
    ----------
    data : float
        The value of the node.
    grad : float
        $\partial C / \partial$ (this node) after ``C.backward()`` on an
        output ``C``; 0.0 before.
    parents : tuple of Value
        The nodes this one was computed from (empty for an input).
    local_grads : tuple of float
        The local derivative of this node in each parent, same order.

    Examples
    --------
    >>> from gdbook.autodiff import Value
    >>> x, y = Value(2.0), Value(3.0)
    >>> f = x * y + x            # x is used twice: two paths from x to f
    >>> f.backward()
    >>> f.data, x.grad, y.grad   # df/dx = y + 1, df/dy = x
    (8.0, 4.0, 2.0)
    """

    __slots__ = ("data", "grad", "local_grads", "parents")

    def __init__(self, data: float) -> None:
        if not isinstance(data, Real) or isinstance(data, bool):
            msg = f"Value needs a real number; got {type(data).__name__}"
            raise ValueError(msg)
        self.data = _finite(float(data), "Value")
        self.grad = 0.0
        self.parents: tuple[Value, ...] = ()
        self.local_grads: tuple[float, ...] = ()

    @classmethod
    def _node(cls, data: float, op: str, parents: tuple, local: tuple) -> "Value":
        out = cls.__new__(cls)
        out.data, out.grad = _finite(data, op), 0.0
        out.parents, out.local_grads = parents, tuple(map(float, local))
        return out

    def __repr__(self) -> str:
        return f"Value({self.data!r}, grad={self.grad!r})"

    def __add__(self, other: Any) -> "Value":
        if isinstance(other, np.ndarray):
            return NotImplemented  # NumPy applies + to each entry
        other = _lift(other)
        return Value._node(self.data + other.data, "+", (self, other), (1.0, 1.0))

    def __mul__(self, other: Any) -> "Value":
        if isinstance(other, np.ndarray):
            return NotImplemented
        o = _lift(other)
        return Value._node(self.data * o.data, "*", (self, o), (o.data, self.data))

    def __pow__(self, power: Any) -> "Value":
        """``x ** p`` for a constant real ``p``, local derivative ``p x**(p-1)``."""
        if not isinstance(power, Real) or isinstance(power, bool):
            got = type(power).__name__
            raise ValueError(f"a Value's power must be a real constant; got {got}")
        p, x = _lift(power).data, self.data
        if (x < 0 and p != int(p)) or (x == 0 and p < 1):
            raise ValueError(f"{x!r} ** {p!r} has no real derivative")
        try:
            return Value._node(x**p, "**", (self,), (p * x ** (p - 1),))
        except OverflowError:
            msg = f"{x!r} ** {p!r} overflows; a Value must be finite"
            raise ValueError(msg) from None

    def __neg__(self) -> "Value":
        return Value._node(-self.data, "neg", (self,), (-1.0,))

    def __sub__(self, other: Any) -> "Value":
        if isinstance(other, np.ndarray):
            return NotImplemented
        o = _lift(other)
        return Value._node(self.data - o.data, "-", (self, o), (1.0, -1.0))

    def __truediv__(self, other: Any) -> "Value":
        if isinstance(other, np.ndarray):
            return NotImplemented
        o = _lift(other)
        if o.data == 0:
            raise ValueError("division by a Value of 0")
        q = self.data / o.data
        return Value._node(q, "/", (self, o), (1 / o.data, -q / o.data))

    def __radd__(self, other: Any) -> "Value":
        return self + other

    def __rmul__(self, other: Any) -> "Value":
        return self * other

    def __rsub__(self, other: Any) -> "Value":
        return _lift(other) - self

    def __rtruediv__(self, other: Any) -> "Value":
        return _lift(other) / self

    def exp(self) -> "Value":
        r"""$\mathrm{e}^x$, whose local derivative is $\mathrm{e}^x$."""
        try:
            e = math.exp(self.data)
        except OverflowError:
            e = math.inf  # _node raises the ValueError
        return Value._node(e, "exp", (self,), (e,))

    def log(self) -> "Value":
        r"""$\ln x$ for $x > 0$, whose local derivative is $1/x$."""
        if self.data <= 0:
            raise ValueError(f"log needs a Value > 0; got {self.data!r}")
        return Value._node(math.log(self.data), "log", (self,), (1 / self.data,))

    def sigmoid(self) -> "Value":
        r"""$\sigma(x)$, Eq. (8), whose local derivative is $\sigma(1 - \sigma)$, Eq. (4.1)."""
        e = math.exp(-abs(self.data))  # no overflow for either sign
        s = 1 / (1 + e) if self.data >= 0 else e / (1 + e)
        return Value._node(s, "sigmoid", (self,), (e / (1 + e) ** 2,))

    def topological_order(self) -> list["Value"]:
        """Every node this one depends on, each after all its parents, self last.

        An iterative depth-first search: no recursion limit on long graphs.
        """
        order, seen, stack = [], set(), [(self, False)]
        while stack:
            node, finished = stack.pop()
            if finished:
                order.append(node)
            elif node not in seen:
                seen.add(node)
                stack.append((node, True))
                stack.extend(
                    (p, False) for p in reversed(node.parents) if p not in seen
                )
        return order

    def backward(self) -> None:
        r"""Set ``grad`` of every node of the graph to $\partial$ self / $\partial$ node.

        Seeds this node with 1 and applies Eq. (4.7) to the nodes in reverse
        topological order: each node hands its gradient times each local
        derivative to its parents, once every node that uses it has done so.
        One pass over the edges, however many inputs there are. Earlier
        gradients in the graph are overwritten, not accumulated.

        Examples
        --------
        >>> from gdbook.autodiff import Value
        >>> z = Value(0.0)
        >>> a = z.sigmoid()
        >>> cost = (a - 1.0) ** 2 / 2          # quadratic cost, target 1
        >>> cost.backward()
        >>> z.grad                            # (a - y) sigma'(z) = -0.5 * 0.25
        -0.125
        """
        order = self.topological_order()
        for node in order:
            node.grad = 0.0
        self.grad = 1.0
        for node in reversed(order):
            for parent, local in zip(node.parents, node.local_grads, strict=True):
                parent.grad += local * node.grad


def as_values(x: Any) -> np.ndarray:
    """An object array of new input Values, one per entry of a finite array.

    NumPy's ``+``, ``*`` and ``@`` then build the graph entry by entry.

    Parameters
    ----------
    x : array_like of real numbers, any shape
        Finite values.

    Returns
    -------
    ndarray of Value, the shape of ``x``

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.autodiff import as_values, grads
    >>> W = as_values([[1.0, 2.0]])
    >>> out = (W @ np.array([3.0, 4.0]))[0]    # 1 * 3 + 2 * 4
    >>> out.backward()
    >>> out.data, grads(W).tolist()
    (11.0, [[3.0, 4.0]])
    """
    arr = np.asarray(x)
    if arr.dtype.kind not in "iuf":
        raise ValueError(f"x must be an array of real numbers; got dtype {arr.dtype}")
    return _each(arr.astype(np.float64), lambda v: Value(float(v)))


def grads(values: Any) -> np.ndarray:
    """The ``grad`` of every Value of an array, as a float64 array of its shape.

    Parameters
    ----------
    values : ndarray of Value
        For example from `as_values`, after ``backward()`` on an output.

    Returns
    -------
    ndarray of float64, the shape of ``values``

    Examples
    --------
    >>> from gdbook.autodiff import as_values, grads
    >>> w = as_values([2.0, -1.0])
    >>> total = (w[0] * w[0] + w[1]).exp().log()    # w0^2 + w1
    >>> total.backward()
    >>> print(grads(w))
    [4. 1.]
    """
    arr = np.asarray(values, dtype=object)
    if not all(isinstance(v, Value) for v in arr.flat):
        raise ValueError("values must be an array of Value, e.g. from as_values")
    return _each(arr, lambda v: v.grad).astype(np.float64)


def _each(arr: np.ndarray, f: Callable) -> np.ndarray:
    out = np.empty(arr.shape, dtype=object)
    for index, v in np.ndenumerate(arr):
        out[index] = f(v)
    return out


def _lift(x: Any) -> Value:
    if isinstance(x, Value):
        return x
    if isinstance(x, Real) and not isinstance(x, bool):
        return Value(x)
    raise ValueError(f"expected a Value or a real number; got {type(x).__name__}")


def _finite(x: float, op: str) -> float:
    if not math.isfinite(x):
        raise ValueError(f"{op} gave {x!r}; a Value must be finite")
    return x
