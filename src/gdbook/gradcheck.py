"""Numerical derivatives, to check analytic gradients.

A derivative in this library is trusted once it agrees with
`numerical_gradient` to a `rel_error` below about ``1e-7``, entry by entry.
"""

from collections.abc import Callable
from typing import Any

import numpy as np

from gdbook._validate import (
    as_float,
    check_callable,
    check_finite,
    check_positive,
    check_same_shape,
)

__all__ = ["numerical_gradient", "rel_error"]


def numerical_gradient(
    f: Callable[[np.ndarray], float], x: Any, eps: float = 1e-5
) -> np.ndarray:
    r"""Gradient of a scalar function by central differences.

    $$\frac{\partial f}{\partial x_i} \approx
    \frac{f(x + \epsilon e_i) - f(x - \epsilon e_i)}{2\epsilon}$$

    The step is $\epsilon$, ``eps`` (the book keeps $h$ for a weighted
    input). The error is $O(\epsilon^2)$; with the default ``eps`` and a
    smooth ``f`` of order-one values, about ``1e-10``.

    Parameters
    ----------
    f : callable
        ``f(x)`` returns a scalar for an array of ``x``'s shape.
    x : ndarray of any shape
        Point at which to differentiate. It is copied, never modified: ``f``
        receives a perturbed float64 copy.
    eps : float, default 1e-5
        Step size $\epsilon$, > 0.

    Returns
    -------
    ndarray of the shape of ``x``
        Entry ``i`` approximates $\partial f / \partial x_i$.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.gradcheck import numerical_gradient
    >>> x = np.array([1.0, 2.0])
    >>> print(numerical_gradient(lambda w: np.sum(w**3), x))
    [ 3. 12.]
    >>> print(x)
    [1. 2.]
    """
    f = check_callable(f, "f")
    x = check_finite(as_float(x, "x"), "x").copy()
    eps = check_positive(eps, "eps")
    grad = np.empty_like(x)
    flat_x, flat_grad = x.reshape(-1), grad.reshape(-1)  # views of the copies
    for i, x_i in enumerate(flat_x):
        flat_x[i] = x_i + eps
        f_plus = float(f(x))
        flat_x[i] = x_i - eps
        f_minus = float(f(x))
        flat_x[i] = x_i
        flat_grad[i] = (f_plus - f_minus) / (2 * eps)
    return grad


def rel_error(a: Any, b: Any, floor: float = 1e-2) -> float:
    r"""Relative error between two arrays, entry by entry, largest over the entries.

    $$\max_i \frac{|a_i - b_i|}{\max\bigl(|a_i| + |b_i|,\
    \text{floor} \cdot s,\ \text{tiny}\bigr)},
    \qquad s = \max_j \bigl(|a_j| + |b_j|\bigr)$$

    Each entry is compared with the larger of two scales: its own size
    $|a_i| + |b_i|$, and ``floor`` times the largest size $s$. An entry of
    at least ``floor`` times the largest is judged against its own size, so
    a wrong factor on it shows however small it is next to the others.
    Smaller entries are judged against the floor instead: a
    finite-difference estimate carries an absolute error set by the size of
    the function, not of the derivative, which would swamp an entry that is
    zero or nearly so. The price is a blind spot. A wrong sign on an entry
    $e$ times the largest, with $e$ below ``floor``, gives the error
    $2e / (2\,\text{floor}) = e / \text{floor}$, not 1:
    ``rel_error([1, 1e-8], [1, -1e-8])`` is 1e-6 (against the entry's own
    size it would be 1). A threshold of ``1e-7`` therefore catches a wrong
    sign only on an entry larger than ``1e-7 * floor`` of the largest,
    ``1e-9`` with the default floor, and misses one on an entry ``1e-10``
    of the largest, whose error is ``1e-8`` (the last examples compute
    both). ``tiny``, the smallest normal float64, only matters when both
    arrays are zero.

    It is 0 for equal arrays, at most 1, symmetric in ``a`` and ``b``, and
    unchanged when both are multiplied by the same nonzero number.

    Parameters
    ----------
    a, b : ndarray of the same shape
        Typically an analytic and a numerical gradient.
    floor : float, default 1e-2
        Smallest scale an entry is compared with, as a fraction of the
        largest entry; in (0, 1].

    Returns
    -------
    float
        In [0, 1].

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.gradcheck import rel_error
    >>> rel_error(np.array([1.0, 2.0]), np.array([1.0, 2.0]))
    0.0
    >>> round(rel_error(np.array([1.0, 0.0]), np.array([1.1, 0.0])), 4)
    0.0476
    >>> float(f"{rel_error(np.array([1.0, 1e-8]), np.array([1.0, -1e-8])):.1e}")
    1e-06
    >>> 1e-7 * 1e-2                  # threshold times the default floor
    1e-09
    >>> [rel_error(np.array([1.0, e]), np.array([1.0, -e])) > 1e-7
    ...  for e in (0.9e-9, 1.1e-9)]
    [False, True]
    >>> float(f"{rel_error(np.array([1.0, 1e-10]), np.array([1.0, -1e-10])):.1e}")
    1e-08
    """
    a = check_finite(as_float(a, "a"), "a")
    b = check_finite(as_float(b, "b"), "b")
    check_same_shape(a, b, "a", "b")
    floor = check_positive(floor, "floor")
    if floor > 1:
        raise ValueError(f"floor must be <= 1; got {floor}")
    if a.size == 0:
        return 0.0
    size = np.abs(a) + np.abs(b)
    least = max(floor * float(np.max(size)), np.finfo(np.float64).tiny)
    return float(np.max(np.abs(a - b) / np.maximum(size, least)))
