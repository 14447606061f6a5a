"""L2 regularization: the penalty, its gradient, and weight decay.

In Eqs. (27) and (29) ``m`` is the number of training examples, the size of
the whole training set, not of a mini-batch: ``Network.fit`` passes
``len(X)`` of the training set it is given, and ``Network.cost(X, Y, lmbda,
m=...)`` takes it explicitly, whatever ``X`` it evaluates.
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


def l2_penalty(weights: Sequence[Any], lmbda: float, m: int) -> float:
    r"""L2 penalty, the second term of Eq. (27).

    $$\frac{\lambda}{2m} \sum_w w^2$$

    summed over every entry of every weight matrix.

    Parameters
    ----------
    weights : list of ndarray
        The weight matrices ``W[l]``, each of shape ``(n_l, n_{l-1})``.
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
        The factor, in [0, 1] when $\eta\lambda \le m$ (1 when ``lmbda``
        is 0).

    Examples
    --------
    >>> from gdbook.regularization import weight_decay
    >>> weight_decay(eta=0.5, lmbda=5.0, m=1000)
    0.9975
    """
    eta = check_positive(eta, "eta")
    lmbda = check_nonnegative(lmbda, "lmbda")
    m = check_int_in_range(m, "m", 1)
    return 1.0 - eta * lmbda / m


def _weight_list(weights: Sequence[Any]) -> list[np.ndarray]:
    if isinstance(weights, np.ndarray):
        msg = "weights must be a list of weight matrices; got a single ndarray"
        raise ValueError(msg)
    return [check_finite(as_float(W, "weights"), "weights") for W in weights]
