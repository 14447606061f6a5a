"""Activation functions and their derivatives, in value/derivative pairs.

Every function is elementwise: it takes a scalar or an array ``z`` of any
shape and returns a float64 array of the same shape (for a scalar ``z``, a
0-d result: wrap it in ``float()`` to get a Python number). NaN propagates,
as in any elementwise formula.
"""

from typing import Any

import numpy as np

from gdbook._validate import as_float

__all__ = ["identity", "identity_prime", "sigmoid", "sigmoid_prime"]


def sigmoid(z: Any) -> np.ndarray:
    r"""Logistic sigmoid $\sigma(z) = 1/(1 + \mathrm{e}^{-z})$, Eq. (8).

    Parameters
    ----------
    z : float or ndarray of any shape
        Weighted inputs.

    Returns
    -------
    ndarray of the shape of ``z``
        Activations in [0, 1].

    Notes
    -----
    The formula is evaluated as written. For $z < -709$ the exponential
    $\mathrm{e}^{-z}$ overflows to ``inf`` and $1/(1 + \infty) = 0$ is the
    correct limit, so that overflow is silenced rather than reported. Every
    other step keeps full relative precision, even for tiny outputs such as
    $\sigma(-40) \approx 4.2 \times 10^{-18}$.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.activations import sigmoid
    >>> print(sigmoid(np.array([-1000.0, -1.0, 0.0, 1.0, 1000.0])))
    [0.     0.2689 0.5    0.7311 1.    ]
    >>> float(sigmoid(0.0))
    0.5
    """
    z = as_float(z, "z")
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-z))


def sigmoid_prime(z: Any) -> np.ndarray:
    r"""Derivative of the sigmoid, $\sigma'(z) = \sigma(z)(1 - \sigma(z))$.

    The derivative of Eq. (8); it appears in Eqs. (16)-(22).

    Parameters
    ----------
    z : float or ndarray of any shape
        Weighted inputs.

    Returns
    -------
    ndarray of the shape of ``z``
        Slopes in [0, 1/4], largest at ``z = 0``.

    Notes
    -----
    It is computed as $\mathrm{e}^{-|z|}/(1 + \mathrm{e}^{-|z|})^2$, which
    equals $\sigma(z)(1 - \sigma(z))$ for either sign of $z$ (multiply the
    numerator and the denominator of $\mathrm{e}^{-z}/(1 + \mathrm{e}^{-z})^2$
    by $\mathrm{e}^{2z}$). The result
    is exactly even, ``sigmoid_prime(-z) == sigmoid_prime(z)``, and keeps
    full relative precision in the tails. The product ``s * (1 - s)`` with
    ``s = sigmoid(z)`` does not: for $z = 40$, ``s`` rounds to 1 and the
    product is 0, while for $z = -40$ it is $4.2 \times 10^{-18}$.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.activations import sigmoid_prime
    >>> print(sigmoid_prime(np.array([-1000.0, 0.0, 2.0])))
    [0.    0.25  0.105]
    >>> float(sigmoid_prime(40.0)) == float(sigmoid_prime(-40.0)) > 0
    True
    """
    exp_minus_abs = np.exp(-np.abs(as_float(z, "z")))
    return exp_minus_abs / (1.0 + exp_minus_abs) ** 2


def identity(z: Any) -> np.ndarray:
    """Identity activation $f(z) = z$, the linear unit of ``y_hat = X @ w``.

    Parameters
    ----------
    z : float or ndarray of any shape
        Weighted inputs.

    Returns
    -------
    ndarray of the shape of ``z``
        ``z`` itself, as float64.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.activations import identity
    >>> print(identity(np.array([-2.0, 0.0, 3.0])))
    [-2.  0.  3.]
    """
    return as_float(z, "z")


def identity_prime(z: Any) -> np.ndarray:
    """Derivative of the identity activation, $f'(z) = 1$.

    Parameters
    ----------
    z : float or ndarray of any shape
        Weighted inputs.

    Returns
    -------
    ndarray of the shape of ``z``
        Ones.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.activations import identity_prime
    >>> print(identity_prime(np.array([-2.0, 0.0, 3.0])))
    [1. 1. 1.]
    """
    return np.ones_like(as_float(z, "z"))
