"""L2 regularization: the penalty, its gradient, and weight decay.

In Eqs. (27) and (29) ``n`` is the size of the whole training set, not of a
mini-batch: that is what ``Network.fit`` passes. ``Network.cost(X, Y, lmbda)``
passes ``len(X)``, which is that size when ``X`` is the training set.
Biases are not regularized, Eq. (28).
"""

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

__all__ = ["l2_grad", "l2_penalty", "weight_decay"]


def l2_penalty(weights: Sequence[Any], lmbda: float, n: int) -> float:
    r"""L2 penalty, the second term of Eq. (27).

    $$\frac{\lambda}{2n} \sum_w w^2$$

    summed over every entry of every weight matrix.

    Parameters
    ----------
    weights : list of ndarray
        The weight matrices ``W[l]``, each of shape ``(n_l, n_{l-1})``.
    lmbda : float
        Regularization strength $\lambda \ge 0$.
    n : int
        Size of the training set.

    Returns
    -------
    float

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.regularization import l2_penalty
    >>> weights = [np.array([[1.0, 2.0]]), np.array([[3.0]])]
    >>> l2_penalty(weights, lmbda=0.5, n=2)
    1.75
    """
    lmbda = check_nonnegative(lmbda, "lmbda")
    n = check_int_in_range(n, "n", 1)
    squares = sum(float(np.sum(W * W)) for W in _weight_list(weights))
    return lmbda / (2 * n) * squares


def l2_grad(W: Any, lmbda: float, n: int) -> np.ndarray:
    r"""Gradient of the L2 penalty of Eq. (27) in one weight matrix.

    $$\frac{\partial}{\partial w} \frac{\lambda}{2n} \sum_w w^2
    = \frac{\lambda}{n} w$$

    Parameters
    ----------
    W : ndarray of shape (n_l, n_{l-1})
        A weight matrix.
    lmbda : float
        Regularization strength $\lambda \ge 0$.
    n : int
        Size of the training set.

    Returns
    -------
    ndarray of the shape of ``W``

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.regularization import l2_grad
    >>> print(l2_grad(np.array([[1.0, -2.0]]), lmbda=0.5, n=2))
    [[ 0.25 -0.5 ]]
    """
    W = check_finite(as_float(W, "W"), "W")
    lmbda = check_nonnegative(lmbda, "lmbda")
    n = check_int_in_range(n, "n", 1)
    return (lmbda / n) * W


def weight_decay(eta: float, lmbda: float, n: int) -> float:
    r"""Weight-decay factor of Eq. (29), $1 - \eta \lambda / n$.

    One gradient step on the regularized cost of Eq. (27) is
    ``W = weight_decay(eta, lmbda, n) * W - eta * nabla_w``, where ``nabla_w``
    is the gradient of the unregularized cost $C_0$: the weights shrink
    by this factor before the usual step. Biases are not decayed, Eq. (28).

    Parameters
    ----------
    eta : float
        Learning rate $\eta > 0$.
    lmbda : float
        Regularization strength $\lambda \ge 0$.
    n : int
        Size of the training set.

    Returns
    -------
    float
        The factor, in [0, 1] when $\eta\lambda \le n$ (1 when ``lmbda``
        is 0).

    Examples
    --------
    >>> from gdbook.regularization import weight_decay
    >>> weight_decay(eta=0.5, lmbda=5.0, n=1000)
    0.9975
    """
    eta = check_positive(eta, "eta")
    lmbda = check_nonnegative(lmbda, "lmbda")
    n = check_int_in_range(n, "n", 1)
    return 1.0 - eta * lmbda / n


def _weight_list(weights: Sequence[Any]) -> list[np.ndarray]:
    if isinstance(weights, np.ndarray):
        msg = "weights must be a list of weight matrices; got a single ndarray"
        raise ValueError(msg)
    return [check_finite(as_float(W, "weights"), "weights") for W in weights]
