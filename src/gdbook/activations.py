"""Activation functions and their derivatives, in value/derivative pairs.

Every function but the softmax is elementwise: it takes a scalar or an array
``z`` of any shape and returns a float64 array of the same shape (for a
scalar ``z``, a 0-d result: wrap it in ``float()`` to get a Python number).
NaN propagates, as in any elementwise formula.

The softmax is not elementwise: each output depends on every weighted input
of its row. `softmax` takes one row ``(n_outputs,)`` or a batch of rows
``(n_samples, n_outputs)``, and its derivative is a matrix per row,
`softmax_jacobian`. Both reject NaN and infinite inputs.
"""

from typing import Any

import numpy as np

from gdbook._validate import as_float, check_finite

__all__ = [
    "identity",
    "identity_prime",
    "sigmoid",
    "sigmoid_prime",
    "softmax",
    "softmax_jacobian",
]


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


def softmax(z: Any) -> np.ndarray:
    r"""Softmax of each row of weighted inputs, Eq. (5.7).

    $$a_j = \frac{\mathrm{e}^{z_j}}{\sum_{j'} \mathrm{e}^{z_{j'}}}$$

    Parameters
    ----------
    z : ndarray of shape (n_outputs,) or (n_samples, n_outputs)
        Weighted inputs of the output layer, one example per row; finite.

    Returns
    -------
    ndarray of the shape of ``z``
        Activations in [0, 1], each row summing to 1 (to rounding).

    Raises
    ------
    ValueError
        If ``z`` is not 1-D or 2-D, has no columns, or has NaN or inf values.

    Notes
    -----
    Adding one number to every entry of a row leaves its softmax unchanged
    (the factor $\mathrm{e}^{c}$ cancels between the numerator and the
    denominator). The row's largest entry is subtracted first, so the
    largest exponential is exactly 1 and none overflows: rows such as
    ``[1000, 0]`` give ``[1, 0]`` instead of ``inf / inf``.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.activations import softmax
    >>> print(softmax(np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]])))
    [[0.09   0.2447 0.6652]
     [0.3333 0.3333 0.3333]]
    >>> print(softmax(np.array([1000.0, 0.0])))
    [1. 0.]
    """
    z = _rows(z)
    shifted = z - z.max(axis=-1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=-1, keepdims=True)


def softmax_jacobian(z: Any) -> np.ndarray:
    r"""Jacobian of the softmax of each row, Eq. (5.8).

    $$\frac{\partial a_j}{\partial z_{j'}} = a_j (\mathbb 1[j = j'] - a_{j'}),
    \qquad \frac{\partial a}{\partial z} = \operatorname{diag}(a) - a a^T$$

    Parameters
    ----------
    z : ndarray of shape (n_outputs,) or (n_samples, n_outputs)
        Weighted inputs, one example per row; finite.

    Returns
    -------
    ndarray of shape (n_outputs, n_outputs) or (n_samples, n_outputs, n_outputs)
        Entry ``[j, k]`` of a row's matrix is the derivative of its output
        ``j`` in its weighted input ``k``. Each matrix is symmetric and its
        rows sum to 0.

    Raises
    ------
    ValueError
        If ``z`` is not 1-D or 2-D, has no columns, or has NaN or inf values.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.activations import softmax_jacobian
    >>> print(softmax_jacobian(np.array([0.0, 0.0])))
    [[ 0.25 -0.25]
     [-0.25  0.25]]
    >>> softmax_jacobian(np.zeros((5, 3))).shape
    (5, 3, 3)
    """
    a = softmax(z)
    diagonal = a[..., :, None] * np.eye(a.shape[-1])
    return diagonal - a[..., :, None] * a[..., None, :]


def _rows(z: Any) -> np.ndarray:
    """Check that ``z`` is one row or a batch of rows of finite numbers."""
    z = as_float(z, "z")
    if z.ndim not in (1, 2) or z.shape[-1] == 0:
        msg = (
            "z must be a 1-D array of shape (n_outputs,) or a 2-D array of shape "
            f"(n_samples, n_outputs), with n_outputs >= 1; got shape {z.shape}"
        )
        raise ValueError(msg)
    return check_finite(z, "z")
