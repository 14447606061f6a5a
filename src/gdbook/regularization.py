"""L2 regularization: the penalty, its gradient, and weight decay.

In Eqs. (27) and (29) ``m`` is the number of training examples, the size of
the whole training set, not of a mini-batch: ``Network.fit`` passes
``len(X)`` of the training set it is given, and ``Network.cost(X, Y, lmbda,
m=...)`` takes it explicitly, whatever ``X`` it evaluates.
Biases are not regularized, Eq. (28).

`ridge_fit` minimizes the L2-regularized quadratic cost of a linear model in
closed form; with `polynomial_features` and `polynomial` it fits the
polynomials of chapter 6's interactive figure. Its linear algebra is written
out in plain floating-point steps, in a fixed order, so that the figure's
JavaScript (docs/assets/interactive/ch6-lambda.js) repeats it bit for bit.
"""

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from gdbook._validate import (
    as_float,
    check_finite,
    check_int_in_range,
    check_nonnegative,
    check_positive,
)

__all__ = [
    "l2_grad",
    "l2_penalty",
    "polynomial",
    "polynomial_features",
    "ridge_fit",
    "weight_decay",
]


def l2_penalty(weights: Sequence[Any], lmbda: float, m: int) -> float:
    r"""L2 penalty, the second term of Eq. (27).

    $$\frac{\lambda}{2m} \sum_w w^2$$

    summed over every entry of every weight matrix.

    Parameters
    ----------
    weights : list of ndarray
        The weight matrices $W^l$ of layers $l = 2, \dots, L$
        (``net.weights[l - 2]``), each of shape ``(n_l, n_{l-1})``.
    lmbda : float
        Regularization strength $\lambda \ge 0$.
    m : int
        Number of training examples, >= 1.

    Returns
    -------
    float

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.regularization import l2_penalty
    >>> weights = [np.array([[1.0, 2.0]]), np.array([[3.0]])]
    >>> l2_penalty(weights, lmbda=0.5, m=2)
    1.75
    """
    lmbda = check_nonnegative(lmbda, "lmbda")
    m = check_int_in_range(m, "m", 1)
    squares = sum(float(np.sum(W * W)) for W in _weight_list(weights))
    return lmbda / (2 * m) * squares


def l2_grad(W: Any, lmbda: float, m: int) -> np.ndarray:
    r"""Gradient of the L2 penalty of Eq. (27) in one weight matrix.

    $$\frac{\partial}{\partial w} \frac{\lambda}{2m} \sum_w w^2
    = \frac{\lambda}{m} w$$

    Parameters
    ----------
    W : ndarray of shape (n_l, n_{l-1})
        A weight matrix.
    lmbda : float
        Regularization strength $\lambda \ge 0$.
    m : int
        Number of training examples, >= 1.

    Returns
    -------
    ndarray of the shape of ``W``

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.regularization import l2_grad
    >>> print(l2_grad(np.array([[1.0, -2.0]]), lmbda=0.5, m=2))
    [[ 0.25 -0.5 ]]
    """
    W = check_finite(as_float(W, "W"), "W")
    lmbda = check_nonnegative(lmbda, "lmbda")
    m = check_int_in_range(m, "m", 1)
    return (lmbda / m) * W


def weight_decay(eta: float, lmbda: float, m: int) -> float:
    r"""Weight-decay factor of Eq. (29), $1 - \eta \lambda / m$.

    One gradient step on the regularized cost of Eq. (27) is
    ``W = weight_decay(eta, lmbda, m) * W - eta * nabla_w``, where ``nabla_w``
    is the gradient of the unregularized cost $C_0$: the weights shrink
    by this factor before the usual step. Biases are not decayed, Eq. (28).

    Parameters
    ----------
    eta : float
        Learning rate $\eta > 0$.
    lmbda : float
        Regularization strength $\lambda \ge 0$.
    m : int
        Number of training examples, >= 1.

    Returns
    -------
    float
        The factor, in (0, 1] (1 when ``lmbda`` is 0).

    Raises
    ------
    ValueError
        If $\eta\lambda \ge m$: the factor would be 0 or negative, and a
        step would zero the weights or flip their signs instead of
        shrinking them (for $\eta\lambda > 2m$ they would even grow).

    Examples
    --------
    >>> from gdbook.regularization import weight_decay
    >>> weight_decay(eta=0.5, lmbda=5.0, m=1000)
    0.9975
    >>> try:
    ...     weight_decay(eta=1.0, lmbda=500.0, m=300)
    ... except ValueError as err:
    ...     print(err)
    the weight-decay factor 1 - eta*lmbda/m must be > 0, i.e. eta*lmbda < m; got eta*lmbda = 500.0 with m = 300 (factor -0.667)
    """
    eta = check_positive(eta, "eta")
    lmbda = check_nonnegative(lmbda, "lmbda")
    m = check_int_in_range(m, "m", 1)
    factor = 1.0 - eta * lmbda / m
    if factor <= 0.0:
        msg = (
            "the weight-decay factor 1 - eta*lmbda/m must be > 0, i.e. "
            f"eta*lmbda < m; got eta*lmbda = {eta * lmbda} with m = {m} "
            f"(factor {factor:.3g})"
        )
        raise ValueError(msg)
    return factor


def polynomial_features(x: Any, degree: int) -> np.ndarray:
    r"""The powers $x, x^2, \dots, x^d$ of each input, as the columns of a matrix.

    With them a linear model $b + \sum_k w_k x^k$ is a polynomial of degree
    $d$ in $x$; the constant term is its bias $b$, not a column. Each power
    is the previous one times $x$ (no ``pow``), so the values are
    reproducible to the bit in any IEEE arithmetic.

    Parameters
    ----------
    x : ndarray of shape (m,)
        Inputs, finite.
    degree : int
        The degree $d$, >= 1.

    Returns
    -------
    ndarray of shape (m, degree)
        Column ``k - 1`` is $x^k$.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.regularization import polynomial_features
    >>> print(polynomial_features(np.array([2.0, -1.0]), 3))
    [[ 2.  4.  8.]
     [-1.  1. -1.]]
    """
    x = _vector(x, "x")
    degree = check_int_in_range(degree, "degree", 1)
    powers = np.empty((len(x), degree))
    powers[:, 0] = x
    for k in range(1, degree):
        powers[:, k] = powers[:, k - 1] * x
    return powers


def polynomial(x: Any, w: Any, b: float) -> np.ndarray:
    r"""The polynomial $b + \sum_{k=1}^{d} w_k x^k$ at each input, by Horner's rule.

    The model of `polynomial_features`: its value at ``x`` equals
    ``b + polynomial_features(x, d) @ w`` up to rounding, but is computed as
    $(\dots(w_d x + w_{d-1}) x + \dots + w_1) x + b$, elementwise, in that
    order.

    Parameters
    ----------
    x : ndarray of shape (n,)
        Inputs, finite.
    w : ndarray of shape (d,)
        Weights $w_1, \dots, w_d$, of $x, \dots, x^d$; at least one.
    b : float
        The bias, the constant term.

    Returns
    -------
    ndarray of shape (n,)

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.regularization import polynomial
    >>> print(polynomial(np.array([0.0, 1.0, 2.0]), np.array([-1.0, 0.5]), 3.0))
    [3.  2.5 3. ]
    """
    x = _vector(x, "x")
    w = _vector(w, "w")
    b_arr = check_finite(as_float(b, "b"), "b")
    if b_arr.ndim != 0:
        raise ValueError(f"b must be a number; got shape {b_arr.shape}")
    if w.size == 0:
        raise ValueError("w must hold at least one weight; got none")
    b = float(b_arr)
    values = np.full_like(x, w[-1])
    for coefficient in [*w[-2::-1], b]:
        values = values * x + coefficient
    return values


def ridge_fit(X: Any, y: Any, lmbda: float) -> tuple[np.ndarray, float]:
    r"""Minimize the L2-regularized quadratic cost of a linear model, Eq. (27), exactly.

    For the model $\hat y = b + X w$ and the cost of Eq. (27) with the
    quadratic $C_0$ of Eq. (4),

    $$C = \frac{1}{2m} \sum_\mu (\hat y^\mu - y^\mu)^2
    + \frac{\lambda}{2m} \sum_k w_k^2 ,$$

    the gradient is zero where (the $m$ cancels)

    $$\begin{pmatrix} m & \mathbf 1^T X \\ X^T \mathbf 1 & X^T X + \lambda I
    \end{pmatrix} \begin{pmatrix} b \\ w \end{pmatrix}
    = \begin{pmatrix} \mathbf 1^T y \\ X^T y \end{pmatrix} ,$$

    the normal equations; the bias is not penalized, Eq. (28). They are
    solved by a Cholesky factorization written out in plain floating-point
    steps, so that a JavaScript copy gives the same bits; it is meant for
    small problems (a few dozen features). For $\lambda > 0$ the matrix is
    positive definite; for $\lambda = 0$ it is when the columns of
    $(\mathbf 1, X)$ are independent.

    Parameters
    ----------
    X : ndarray of shape (m, p)
        Features, one example per row, finite.
    y : ndarray of shape (m,)
        Targets, finite.
    lmbda : float
        Regularization strength $\lambda \ge 0$.

    Returns
    -------
    w : ndarray of shape (p,)
        The weights.
    b : float
        The bias.

    Raises
    ------
    ValueError
        On bad input, and when $\lambda = 0$ and the normal equations are
        singular (fewer independent examples than parameters).

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.regularization import ridge_fit
    >>> X = np.array([[0.0], [1.0], [2.0]])
    >>> y = np.array([1.0, 3.0, 5.0])           # y = 1 + 2x
    >>> w, b = ridge_fit(X, y, lmbda=0.0)
    >>> print(w, round(b, 12))
    [2.] 1.0
    >>> w, b = ridge_fit(X, y, lmbda=2.0)       # the slope shrinks, 2 -> 1
    >>> print(w, round(b, 12))
    [1.] 2.0
    """
    X = check_finite(as_float(X, "X"), "X")
    if X.ndim != 2 or X.shape[0] == 0 or X.shape[1] == 0:
        raise ValueError(
            f"X must be a 2-D array of shape (m, p), m, p >= 1; got shape {X.shape}"
        )
    y = _vector(y, "y")
    if len(y) != len(X):
        raise ValueError(f"X has {len(X)} rows but y has {len(y)} targets")
    lmbda = check_nonnegative(lmbda, "lmbda")
    # The design (1, X) row by row, as Python floats.
    rows = [[1.0, *map(float, r)] for r in X]
    targets = [float(v) for v in y]
    n = len(rows[0])
    # Lower triangle of (1, X)^T (1, X) + lambda diag(0, 1, ..., 1), and the
    # right-hand side (1, X)^T y: sums over the examples in their order.
    A = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1):
            s = 0.0
            for r in rows:
                s += r[i] * r[j]
            A[i][j] = s
        if i > 0:
            A[i][i] += lmbda
    rhs = []
    for i in range(n):
        s = 0.0
        for r, t in zip(rows, targets, strict=True):
            s += r[i] * t
        rhs.append(s)
    return _cholesky_solve(A, rhs)


def _cholesky_solve(A: list[list[float]], rhs: list[float]) -> tuple[np.ndarray, float]:
    """Solve A z = rhs, A symmetric positive definite given by its lower triangle.

    L L^T = A, then L u = rhs and L^T z = u; returns (z[1:], z[0]).
    """
    n = len(rhs)
    L = [[0.0] * n for _ in range(n)]
    for j in range(n):
        s = A[j][j]
        for k in range(j):
            s -= L[j][k] * L[j][k]
        # a pivot lost to rounding against its diagonal entry: numerically
        # singular, as with a column repeated or too few examples
        if not s > 1e-13 * A[j][j]:
            msg = (
                "the normal equations are singular (not positive definite): "
                "give lmbda > 0, or more independent examples than parameters"
            )
            raise ValueError(msg)
        d = math.sqrt(s)
        L[j][j] = d
        for i in range(j + 1, n):
            s = A[i][j]
            for k in range(j):
                s -= L[i][k] * L[j][k]
            L[i][j] = s / d
    u = []
    for i in range(n):
        s = rhs[i]
        for k in range(i):
            s -= L[i][k] * u[k]
        u.append(s / L[i][i])
    z = [0.0] * n
    for i in reversed(range(n)):
        s = u[i]
        for k in range(i + 1, n):
            s -= L[k][i] * z[k]
        z[i] = s / L[i][i]
    return np.array(z[1:]), z[0]


def _vector(v: Any, name: str) -> np.ndarray:
    v = check_finite(as_float(v, name), name)
    if v.ndim != 1:
        raise ValueError(f"{name} must be a 1-D array; got shape {v.shape}")
    return v


def _weight_list(weights: Sequence[Any]) -> list[np.ndarray]:
    if isinstance(weights, np.ndarray):
        msg = "weights must be a list of weight matrices; got a single ndarray"
        raise ValueError(msg)
    return [check_finite(as_float(W, "weights"), "weights") for W in weights]
