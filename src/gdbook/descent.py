"""Gradient descent: the direction, the step, momentum and mini-batches.

The functions that follow a path return it whole, as an array whose first
axis counts the steps (row 0 is the starting point), so that a figure can
draw it and the book can count steps.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from gdbook._validate import (
    as_float,
    check_2d,
    check_callable,
    check_finite,
    check_int_in_range,
    check_n_samples,
    check_positive,
    check_rng,
    check_same_shape,
    check_unit_interval,
)
from gdbook.schedules import as_schedule, rate_at

__all__ = [
    "DescentHistory",
    "batches",
    "directional_derivative",
    "gradient_descent",
    "linear_mse",
    "linear_mse_grad",
    "minibatch_descent",
    "momentum_descent",
    "steepest_direction",
]

Gradient = Callable[[np.ndarray], np.ndarray]


def directional_derivative(grad: Any, v: Any) -> float:
    r"""Directional derivative $\nabla_v C = \nabla C \cdot v$, Eq. (1).

    The rate of change of $C$ when moving in direction ``v``; for a unit
    vector ``v`` it is the slope along ``v``.

    Parameters
    ----------
    grad : ndarray of any shape
        The gradient $\nabla C$ at a point.
    v : ndarray of the shape of ``grad``
        A direction.

    Returns
    -------
    float

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.descent import directional_derivative
    >>> directional_derivative(np.array([3.0, 4.0]), np.array([1.0, 0.0]))
    3.0
    """
    grad = check_finite(as_float(grad, "grad"), "grad")
    v = check_finite(as_float(v, "v"), "v")
    check_same_shape(grad, v, "grad", "v")
    return float(np.sum(grad * v))


def steepest_direction(grad: Any) -> np.ndarray:
    r"""Unit direction of steepest descent, Eqs. (2)-(3).

    $$v = -\nabla C / \|\nabla C\|$$

    Among unit vectors ``v``, $\nabla C \cdot v$ of Eq. (2) is smallest
    for this one (Cauchy-Schwarz), which is why the step of Eq. (3) moves
    against the gradient.

    Parameters
    ----------
    grad : ndarray of any shape
        The gradient $\nabla C$ at a point; must not be zero.

    Returns
    -------
    ndarray of the shape of ``grad``
        A vector of Euclidean norm 1.

    Raises
    ------
    ValueError
        If ``grad`` is zero: at a stationary point no direction descends.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.descent import steepest_direction
    >>> print(steepest_direction(np.array([3.0, 4.0])))
    [-0.6 -0.8]
    """
    grad = check_finite(as_float(grad, "grad"), "grad")
    norm = np.linalg.norm(grad)
    if norm == 0.0:
        msg = "grad is zero: a stationary point has no direction of steepest descent"
        raise ValueError(msg)
    return -grad / norm


def gradient_descent(
    grad: Gradient, w0: Any, eta: float, n_steps: int, tol: float | None = None
) -> np.ndarray:
    r"""Gradient descent $w \leftarrow w - \eta \nabla C(w)$, Eq. (3).

    Parameters
    ----------
    grad : callable
        ``grad(w)`` returns $\nabla C(w)$, an array of ``w``'s shape.
    w0 : ndarray of any shape
        Starting point.
    eta : float
        Learning rate $\eta > 0$.
    n_steps : int
        Largest number of steps, >= 0.
    tol : float, optional
        Stop before the step at which $\|\nabla C(w)\| < \text{tol}$.

    Returns
    -------
    ndarray of shape (n_steps_taken + 1, *w0.shape)
        The path; row 0 is ``w0``, row ``t`` the point after ``t`` steps. With
        ``tol``, ``len(path) - 1`` is the number of steps taken.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.descent import gradient_descent
    >>> grad = lambda w: 2 * w  # C(w) = ||w||^2
    >>> print(gradient_descent(grad, np.array([1.0, -2.0]), eta=0.25, n_steps=3))
    [[ 1.    -2.   ]
     [ 0.5   -1.   ]
     [ 0.25  -0.5  ]
     [ 0.125 -0.25 ]]
    >>> path = gradient_descent(grad, np.array([1.0]), eta=0.25, n_steps=100, tol=1e-3)
    >>> len(path) - 1  # steps until ||grad|| < 1e-3
    11
    """
    return momentum_descent(grad, w0, eta, 0.0, n_steps, tol)


def momentum_descent(
    grad: Gradient,
    w0: Any,
    eta: float,
    beta: float,
    n_steps: int,
    tol: float | None = None,
) -> np.ndarray:
    r"""Gradient descent with classical (heavy-ball) momentum, Eq. (3.2).

    A velocity ``u``, starting at zero, accumulates the steps of Eq. (3):

    $$u \leftarrow \beta u - \eta \nabla C(w), \qquad w \leftarrow w + u$$

    With $\beta = 0$ this is plain gradient descent, Eq. (3). The
    momentum coefficient $\beta \in [0, 1)$ is the fraction of the
    velocity kept from one step to the next (1 minus a friction).

    Parameters
    ----------
    grad : callable
        ``grad(w)`` returns $\nabla C(w)$, an array of ``w``'s shape.
    w0 : ndarray of any shape
        Starting point.
    eta : float
        Learning rate $\eta > 0$.
    beta : float
        Momentum coefficient $\beta$ in [0, 1).
    n_steps : int
        Largest number of steps, >= 0.
    tol : float, optional
        Stop before the step at which $\|\nabla C(w)\| < \text{tol}$.

    Returns
    -------
    ndarray of shape (n_steps_taken + 1, *w0.shape)
        The path; row 0 is ``w0``.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.descent import momentum_descent
    >>> grad = lambda w: 2 * w
    >>> print(momentum_descent(grad, np.array([1.0]), eta=0.25, beta=0.5, n_steps=3))
    [[ 1.  ]
     [ 0.5 ]
     [ 0.  ]
     [-0.25]]
    """
    grad = check_callable(grad, "grad")
    w = check_finite(as_float(w0, "w0"), "w0").copy()
    eta = check_positive(eta, "eta")
    beta = check_unit_interval(beta, "beta")
    n_steps = check_int_in_range(n_steps, "n_steps", 0)
    if tol is not None:
        tol = check_positive(tol, "tol")
    u = np.zeros_like(w)
    path = [w.copy()]
    for _ in range(n_steps):
        g = _call_grad(grad, w)
        if tol is not None and np.linalg.norm(g) < tol:
            break
        u = beta * u - eta * g
        w += u
        path.append(w.copy())
    return np.array(path)


def batches(
    n_samples: int, batch_size: int, rng: np.random.Generator
) -> Iterator[np.ndarray]:
    """Shuffled mini-batches of indices for one epoch, for Eqs. (6)-(7).

    One random permutation of ``range(n_samples)`` is cut into consecutive
    slices of ``batch_size`` indices, so every sample is used exactly once per
    epoch. When ``batch_size`` does not divide ``n_samples``, the last batch
    is smaller (``n_samples % batch_size`` indices); none is dropped.

    Parameters
    ----------
    n_samples : int
        Number of samples, >= 1.
    batch_size : int
        Indices per batch, between 1 and ``n_samples``.
    rng : np.random.Generator
        Source of the permutation.

    Yields
    ------
    ndarray of shape (batch_size,) and dtype intp
        Indices of one mini-batch; views of one permutation. When
        ``batch_size`` does not divide ``m``, the last one is shorter, of
        shape ``(m % batch_size,)``.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.descent import batches
    >>> for idx in batches(5, 2, np.random.default_rng(0)):
    ...     print(idx)
    [2 4]
    [3 0]
    [1]
    """
    n_samples = check_int_in_range(n_samples, "n_samples", 1)
    batch_size = check_int_in_range(
        batch_size, "batch_size", 1, n_samples, "the number of samples"
    )
    permutation = check_rng(rng).permutation(n_samples)
    for start in range(0, n_samples, batch_size):
        yield permutation[start : start + batch_size]


@dataclass(frozen=True)
class DescentHistory:
    """Path of `minibatch_descent`, one row per update (row 0: the start).

    Attributes
    ----------
    w : ndarray of shape (n_updates + 1, *w0.shape)
        Parameters before the first update and after each one.
    cost : ndarray of shape (n_updates + 1,) or None
        ``cost_fn(w, X, y)`` on the whole data set at each row of ``w``, if a
        ``cost_fn`` was given.
    examples_seen : ndarray of shape (n_updates + 1,)
        Number of training examples used so far (0 for row 0).
    epoch : ndarray of shape (n_updates + 1,)
        ``examples_seen / n_samples``: fractional epochs, for plotting cost
        against epochs.
    eta : ndarray of shape (n_updates,)
        The rate of each update: ``eta[t]`` took row ``t`` of ``w`` to row
        ``t + 1``.
    """

    w: np.ndarray
    cost: np.ndarray | None
    examples_seen: np.ndarray
    epoch: np.ndarray
    eta: np.ndarray


def minibatch_descent(
    grad_fn: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray],
    w0: Any,
    X: Any,
    y: Any,
    *,
    eta: float | Callable[[int], float],
    batch_size: int,
    epochs: int,
    rng: np.random.Generator,
    cost_fn: Callable[[np.ndarray, np.ndarray, np.ndarray], float] | None = None,
) -> DescentHistory:
    r"""Mini-batch stochastic gradient descent, Eqs. (5)-(7).

    Each epoch shuffles the samples (see `batches`) and, for each
    mini-batch $\mathcal B$ of $B$ examples $x^\mu$, takes the step of
    Eq. (7):

    $$w \leftarrow w - \frac{\eta}{B} \sum_{\mu \in \mathcal B} \nabla C_{x^\mu}(w)$$

    ``grad_fn`` returns the mean gradient over the batch, so the step is
    ``w - eta * grad_fn(w, X_batch, y_batch)``. With ``batch_size = n_samples``
    this is batch gradient descent, Eqs. (3)-(4); with ``batch_size = 1``,
    stochastic gradient descent on one example at a time. With a schedule,
    update ``t`` (counting from 0 over all epochs) uses the rate
    $\eta_t$ = ``eta(t)`` instead of $\eta$, as in Eq. (3.8).

    Parameters
    ----------
    grad_fn : callable
        ``grad_fn(w, X_batch, y_batch)`` returns the mean over the batch of
        the per-example gradients, an array of ``w``'s shape.
    w0 : ndarray of any shape
        Starting parameters.
    X : ndarray of shape (n_samples, n_features)
        Inputs.
    y : ndarray of shape (n_samples,) or (n_samples, n_outputs)
        Targets.
    eta : float or callable
        Learning rate $\eta > 0$, or a schedule: ``eta(t)`` returns the rate
        of update ``t``, the number of updates already made, a finite
        number > 0 (see `gdbook.schedules`; for example the inverse decay
        of Eq. (3.8), ``inverse_decay``). ``Network.fit`` counts its
        schedule's ``t`` in epochs instead.
    batch_size : int
        Mini-batch size $B$, between 1 and ``n_samples``; the last batch of
        an epoch may be smaller.
    epochs : int
        Number of passes over the data, >= 1.
    rng : np.random.Generator
        Source of the shuffles.
    cost_fn : callable, optional
        ``cost_fn(w, X, y)`` returns the cost on the whole set; evaluated
        after every update when given.

    Returns
    -------
    DescentHistory

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.descent import linear_mse, linear_mse_grad, minibatch_descent
    >>> X = np.array([[1.0], [2.0], [3.0], [4.0]])
    >>> y = 2 * X[:, 0]
    >>> history = minibatch_descent(
    ...     linear_mse_grad, np.zeros(1), X, y, eta=0.1, batch_size=2,
    ...     epochs=20, rng=np.random.default_rng(0), cost_fn=linear_mse)
    >>> print(history.w[-1])
    [2.]
    >>> history.w.shape, float(history.epoch[-1]), int(history.examples_seen[-1])
    ((41, 1), 20.0, 80)

    A rate that halves after 20 updates:

    >>> from gdbook.schedules import inverse_decay
    >>> history = minibatch_descent(
    ...     linear_mse_grad, np.zeros(1), X, y, eta=inverse_decay(0.1, tau=20),
    ...     batch_size=2, epochs=20, rng=np.random.default_rng(0))
    >>> print(history.eta[[0, 20, 39]])
    [0.1    0.05   0.0339]
    """
    grad_fn = check_callable(grad_fn, "grad_fn")
    w = check_finite(as_float(w0, "w0"), "w0").copy()
    X = check_2d(X, "X")
    y = check_finite(as_float(y, "y"), "y")
    check_n_samples(X, y, "X", "y")
    schedule = as_schedule(eta)
    n = len(X)
    batch_size = check_int_in_range(
        batch_size, "batch_size", 1, n, "the number of samples"
    )
    epochs = check_int_in_range(epochs, "epochs", 1)
    rng = check_rng(rng)
    if cost_fn is not None:
        cost_fn = check_callable(cost_fn, "cost_fn")

    path, seen, etas = [w.copy()], [0], []
    for _ in range(epochs):
        for idx in batches(n, batch_size, rng):
            etas.append(rate_at(schedule, len(etas)))  # eta_t, t = updates made
            w -= etas[-1] * _call_grad(grad_fn, w, X[idx], y[idx])
            path.append(w.copy())
            seen.append(seen[-1] + len(idx))
    path = np.array(path)
    cost = None if cost_fn is None else np.array([cost_fn(p, X, y) for p in path])
    examples_seen = np.array(seen)
    return DescentHistory(path, cost, examples_seen, examples_seen / n, np.array(etas))


def linear_mse(w: Any, X: Any, y: Any) -> float:
    r"""Mean squared error of Eq. (4) for the linear model $\hat y = X w$.

    $$C(w) = \frac{1}{2m} \|X w - y\|^2$$

    Parameters
    ----------
    w : ndarray of shape (n_features,)
        Weights.
    X : ndarray of shape (n_samples, n_features)
        Inputs; ``m = n_samples``.
    y : ndarray of shape (n_samples,)
        Targets.

    Returns
    -------
    float

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.descent import linear_mse
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0]])
    >>> linear_mse(np.array([1.0, 1.0]), X, np.array([2.0, 1.0]))
    0.25
    """
    w, X, y = _linear_args(w, X, y)
    residual = X @ w - y
    return float(residual @ residual) / (2 * len(y))


def linear_mse_grad(w: Any, X: Any, y: Any) -> np.ndarray:
    r"""Gradient of `linear_mse` in the weights, Eq. (4).

    $$\nabla C(w) = \frac1m X^T (X w - y)$$

    the mean over the samples of the per-example gradients
    $(x \cdot w - y)\, x$ of Eq. (5).

    Parameters
    ----------
    w : ndarray of shape (n_features,)
        Weights.
    X : ndarray of shape (n_samples, n_features)
        Inputs; ``m = n_samples``.
    y : ndarray of shape (n_samples,)
        Targets.

    Returns
    -------
    ndarray of shape (n_features,)

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.descent import linear_mse_grad
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0]])
    >>> print(linear_mse_grad(np.array([1.0, 1.0]), X, np.array([2.0, 1.0])))
    [-0.5  0. ]
    """
    w, X, y = _linear_args(w, X, y)
    return X.T @ (X @ w - y) / len(y)


def _linear_args(w: Any, X: Any, y: Any) -> tuple[np.ndarray, ...]:
    X = check_2d(X, "X")
    w = check_finite(as_float(w, "w"), "w")
    y = check_finite(as_float(y, "y"), "y")
    if w.shape != (X.shape[1],):
        msg = (
            f"w must have shape (n_features,) = ({X.shape[1]},) to match X; "
            f"got shape {w.shape}"
        )
        raise ValueError(msg)
    if y.shape != (len(X),):
        msg = (
            f"y must have shape (n_samples,) = ({len(X)},) to match X; "
            f"got shape {y.shape}"
        )
        raise ValueError(msg)
    return w, X, y


def _call_grad(grad: Callable[..., Any], w: np.ndarray, *data: Any) -> np.ndarray:
    """Call a user's gradient function and check what it returns."""
    g = np.asarray(grad(w, *data), dtype=np.float64)
    if g.shape != w.shape:
        msg = f"the gradient must have the shape of w, {w.shape}; got {g.shape}"
        raise ValueError(msg)
    return g
