"""Cost functions and their gradients, in value/gradient pairs.

Arguments come truth first, prediction second, as in scikit-learn:
``sse(y, y_hat)``, ``quadratic(y, a)``, ``cross_entropy(y, a)``. Targets and
predictions have the same shape, ``(n_samples,)`` for one output or
``(n_samples, n_outputs)``; the first axis runs over the examples ``x``.
The means of Eqs. (4), (9) and (25) divide by the rows given, ``len(y)``:
$B$ on a mini-batch, the $m$ of the equations only on the whole training
set.

Costs return a Python float. Gradients return an array of the prediction's
shape. The ``*_grad`` functions of the network costs are per example: row
``mu`` is $\\nabla_a C_{x^\\mu}$, the gradient of the cost of example
$\\mu$ (the example whose input is $x^\\mu$),
which is what the output error of Eq. (16) needs; the gradient of the mean
cost is that divided by the number of rows. The ``*_delta`` functions return the output
error $\\delta^L = \\partial C_x / \\partial z^L$ row by row.
"""

from typing import Any

import numpy as np

from gdbook._validate import as_float, check_finite, check_same_shape
from gdbook.activations import sigmoid_prime

__all__ = [
    "cross_entropy",
    "cross_entropy_delta",
    "cross_entropy_from_z",
    "cross_entropy_grad",
    "mse",
    "mse_grad",
    "quadratic",
    "quadratic_delta",
    "quadratic_grad",
    "sse",
    "sse_grad",
]

# ln(TINY) is about -708: the cost of a confident wrong answer stays finite.
TINY = np.finfo(np.float64).tiny


def sse(y: Any, y_hat: Any) -> float:
    r"""Sum of squared errors, Eq. (SSE).

    $$E = \frac12 \sum_\mu \sum_j (y^\mu_j - \hat y^\mu_j)^2$$

    Parameters
    ----------
    y : ndarray of shape (n_samples,) or (n_samples, n_outputs)
        Targets.
    y_hat : ndarray of the shape of ``y``
        Predictions.

    Returns
    -------
    float
        Half the sum of the squared differences.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.losses import sse
    >>> sse(np.array([1.0, 0.0]), np.array([0.5, 0.5]))
    0.25
    """
    y, y_hat = _pair(y, y_hat, "y_hat")
    return 0.5 * float(np.sum((y - y_hat) ** 2))


def sse_grad(y: Any, y_hat: Any) -> np.ndarray:
    r"""Gradient of the sum of squared errors, Eq. (SSE), in the predictions.

    $$\partial E / \partial \hat y^\mu_j = \hat y^\mu_j - y^\mu_j$$

    Parameters
    ----------
    y : ndarray of shape (n_samples,) or (n_samples, n_outputs)
        Targets.
    y_hat : ndarray of the shape of ``y``
        Predictions.

    Returns
    -------
    ndarray of the shape of ``y_hat``

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.losses import sse_grad
    >>> print(sse_grad(np.array([1.0, 0.0]), np.array([0.5, 0.5])))
    [-0.5  0.5]
    """
    y, y_hat = _pair(y, y_hat, "y_hat")
    return y_hat - y


def mse(y: Any, y_hat: Any) -> float:
    r"""Mean squared error, Eq. (4).

    $$C = \frac{1}{2m} \sum_x \|\hat y(x) - y(x)\|^2$$

    The mean over the rows (the $m$ examples of a training set) of the
    per-example cost of Eq. (5); note the factor 1/2 of the paper's
    convention.

    Parameters
    ----------
    y : ndarray of shape (n_samples,) or (n_samples, n_outputs)
        Targets, one example per row; the mean divides by
        ``n_samples``.
    y_hat : ndarray of the shape of ``y``
        Predictions.

    Returns
    -------
    float

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.losses import mse
    >>> mse(np.array([1.0, 0.0]), np.array([0.5, 0.5]))
    0.125
    """
    y, y_hat = _pair(y, y_hat, "y_hat")
    return 0.5 * float(np.sum((y_hat - y) ** 2)) / len(y)


def mse_grad(y: Any, y_hat: Any) -> np.ndarray:
    r"""Gradient of the mean squared error, Eq. (4), in the predictions.

    $$\partial C / \partial \hat y(x) = (\hat y(x) - y(x)) / m$$

    Parameters
    ----------
    y : ndarray of shape (n_samples,) or (n_samples, n_outputs)
        Targets, one example per row; the mean divides by
        ``n_samples``.
    y_hat : ndarray of the shape of ``y``
        Predictions.

    Returns
    -------
    ndarray of the shape of ``y_hat``

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.losses import mse_grad
    >>> print(mse_grad(np.array([1.0, 0.0]), np.array([0.5, 0.5])))
    [-0.25  0.25]
    """
    y, y_hat = _pair(y, y_hat, "y_hat")
    return (y_hat - y) / len(y)


def quadratic(y: Any, a: Any) -> float:
    r"""Quadratic cost of the network, Eq. (9).

    $$C = \frac{1}{2m} \sum_x \|y(x) - a^L(x)\|^2$$

    Parameters
    ----------
    y : ndarray of shape (n_samples,) or (n_samples, n_outputs)
        Targets, one example per row; the mean divides by
        ``n_samples``.
    a : ndarray of the shape of ``y``
        Output activations $a^L$.

    Returns
    -------
    float

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.losses import quadratic
    >>> y = np.array([[1.0, 0.0], [0.0, 1.0]])
    >>> a = np.array([[0.8, 0.2], [0.4, 0.6]])
    >>> round(quadratic(y, a), 4)
    0.1
    """
    y, a = _pair(y, a, "a")
    return 0.5 * float(np.sum((y - a) ** 2)) / len(y)


def quadratic_grad(y: Any, a: Any) -> np.ndarray:
    r"""Per-example gradient of the quadratic cost, Eqs. (5) and (9).

    $$\nabla_a C_x = a^L(x) - y(x)$$

    Row ``mu`` is the gradient of
    $C_{x^\mu} = \frac12 \|y(x^\mu) - a^L(x^\mu)\|^2$
    (Eqs. (5), (9)) with respect to that example's output activations: the
    factor $\nabla_a C$ of Eq. (16). The gradient of the mean cost
    `quadratic` is this divided by the number of rows, ``len(y)``.

    Parameters
    ----------
    y : ndarray of shape (n_samples,) or (n_samples, n_outputs)
        Targets.
    a : ndarray of the shape of ``y``
        Output activations.

    Returns
    -------
    ndarray of the shape of ``a``

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.losses import quadratic_grad
    >>> print(quadratic_grad(np.array([[1.0, 0.0]]), np.array([[0.8, 0.2]])))
    [[-0.2  0.2]]
    """
    y, a = _pair(y, a, "a")
    return a - y


def quadratic_delta(y: Any, a: Any, z: Any) -> np.ndarray:
    r"""Output error of the quadratic cost, Eq. (17).

    $$\delta^L = (a^L - y) \odot \sigma'(z^L)$$

    Row ``mu`` is $\partial C_{x^\mu} / \partial z^L$ for a sigmoid output
    layer, $a^L = \sigma(z^L)$.

    Parameters
    ----------
    y : ndarray of shape (n_samples,) or (n_samples, n_outputs)
        Targets.
    a : ndarray of the shape of ``y``
        Output activations, ``sigmoid(z)``.
    z : ndarray of the shape of ``y``
        Weighted inputs of the output layer.

    Returns
    -------
    ndarray of the shape of ``a``

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.losses import quadratic_delta
    >>> from gdbook.activations import sigmoid
    >>> z = np.array([[0.0, 2.0]])
    >>> print(quadratic_delta(np.array([[1.0, 0.0]]), sigmoid(z), z))
    [[-0.125   0.0925]]
    """
    y, a = _pair(y, a, "a")
    z = _like(z, a, "z")
    return (a - y) * sigmoid_prime(z)


def cross_entropy(y: Any, a: Any) -> float:
    r"""Cross-entropy cost, Eq. (25).

    $$C = -\frac1m \sum_x \sum_j [y_j \ln a_j + (1 - y_j) \ln(1 - a_j)]$$

    Parameters
    ----------
    y : ndarray of shape (n_samples,) or (n_samples, n_outputs)
        Targets in [0, 1], one example per row; the mean divides by
        ``n_samples``.
    a : ndarray of the shape of ``y``
        Output activations in [0, 1].

    Returns
    -------
    float
        Finite for every ``a`` in [0, 1]: a term $0 \ln 0$ counts as 0,
        and an activation of exactly 0 or 1 on the wrong side costs
        $-\ln(\text{tiny}) \approx 708$ instead of infinity (the
        logarithms' arguments are clipped below at the smallest normal
        float). From the weighted inputs, `cross_entropy_from_z` stays
        accurate to rounding even there.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.losses import cross_entropy
    >>> y = np.array([[1.0, 0.0]])
    >>> round(cross_entropy(y, np.array([[0.9, 0.2]])), 4)
    0.3285
    >>> cross_entropy(y, np.array([[1.0, 0.0]])) == 0.0
    True
    >>> round(cross_entropy(y, np.array([[0.0, 0.0]])), 1)
    708.4
    """
    y, a = _pair(y, a, "a")
    _check_probabilities(y, "y")
    _check_probabilities(a, "a")
    ln_a = np.log(np.maximum(a, TINY))
    ln_1_minus_a = np.log(np.maximum(1.0 - a, TINY))
    return -float(np.sum(y * ln_a + (1.0 - y) * ln_1_minus_a)) / len(y)


def cross_entropy_from_z(y: Any, z: Any) -> float:
    r"""Cross-entropy cost, Eq. (25), from the weighted inputs z of a = sigmoid(z).

    Uses $-\ln \sigma(z) = \ln(1 + \mathrm{e}^{-z})$ and
    $-\ln(1 - \sigma(z)) = \ln(1 + \mathrm{e}^{z})$, evaluated with
    ``np.logaddexp(0, -z)`` and ``np.logaddexp(0, z)``: accurate to
    rounding for every finite ``z``, even where `gdbook.activations.sigmoid`
    rounds to 0 or 1.

    Parameters
    ----------
    y : ndarray of shape (n_samples,) or (n_samples, n_outputs)
        Targets in [0, 1], one example per row; the mean divides by
        ``n_samples``.
    z : ndarray of the shape of ``y``
        Weighted inputs of the sigmoid output layer.

    Returns
    -------
    float

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.losses import cross_entropy, cross_entropy_from_z
    >>> from gdbook.activations import sigmoid
    >>> y = np.array([[1.0, 0.0]])
    >>> z = np.array([[2.0, -1.0]])
    >>> round(cross_entropy_from_z(y, z), 4)
    0.4402
    >>> round(cross_entropy(y, sigmoid(z)), 4)
    0.4402
    >>> cross_entropy_from_z(y, np.array([[-1000.0, 0.0]]))  # cross_entropy says 708
    1000.6931471805599
    """
    y, z = _pair(y, z, "z")
    _check_probabilities(y, "y")
    cost = y * np.logaddexp(0.0, -z) + (1.0 - y) * np.logaddexp(0.0, z)
    return float(np.sum(cost)) / len(y)


def cross_entropy_grad(y: Any, a: Any) -> np.ndarray:
    r"""Per-example gradient of the cross-entropy cost, Eq. (25).

    $$\nabla_a C_x = \frac{a^L - y}{a^L (1 - a^L)}$$

    Row ``i`` is the gradient of example ``i``'s term of Eq. (25),
    $C_x = -\sum_j [y_j \ln a_j + (1 - y_j) \ln(1 - a_j)]$, in its
    activations; the gradient of the mean cost `cross_entropy` is this
    divided by the number of rows, ``len(y)``. Defined for activations strictly between 0 and 1.

    Parameters
    ----------
    y : ndarray of shape (n_samples,) or (n_samples, n_outputs)
        Targets in [0, 1].
    a : ndarray of the shape of ``y``
        Output activations in the open interval (0, 1).

    Returns
    -------
    ndarray of the shape of ``a``

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.losses import cross_entropy_grad
    >>> print(cross_entropy_grad(np.array([[1.0, 0.0]]), np.array([[0.8, 0.5]])))
    [[-1.25  2.  ]]
    """
    y, a = _pair(y, a, "a")
    _check_probabilities(y, "y")
    if a.size and not (a.min() > 0.0 and a.max() < 1.0):
        msg = (
            "a must be in the open interval (0, 1), where the cross-entropy is "
            f"differentiable; got values in [{a.min()}, {a.max()}]"
        )
        raise ValueError(msg)
    return (a - y) / (a * (1.0 - a))


def cross_entropy_delta(y: Any, a: Any, z: Any) -> np.ndarray:
    r"""Output error of the cross-entropy cost, Eq. (26).

    $$\delta^L = a^L - y$$

    Row ``mu`` is $\partial C_{x^\mu} / \partial z^L$ for a sigmoid output
    layer: the $\sigma'(z^L)$ of Eq. (16) cancels against the
    denominator of `cross_entropy_grad`. The weighted inputs ``z`` are
    not needed; they are accepted (and shape-checked) so that this function
    and `quadratic_delta` share one signature and are interchangeable.

    Parameters
    ----------
    y : ndarray of shape (n_samples,) or (n_samples, n_outputs)
        Targets.
    a : ndarray of the shape of ``y``
        Output activations, ``sigmoid(z)``.
    z : ndarray of the shape of ``y``
        Weighted inputs of the output layer (unused).

    Returns
    -------
    ndarray of the shape of ``a``

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.losses import cross_entropy_delta
    >>> from gdbook.activations import sigmoid
    >>> z = np.array([[0.0, 2.0]])
    >>> print(cross_entropy_delta(np.array([[1.0, 0.0]]), sigmoid(z), z))
    [[-0.5     0.8808]]
    """
    y, a = _pair(y, a, "a")
    _like(z, a, "z")
    return a - y


def _pair(y: Any, pred: Any, name: str) -> tuple[np.ndarray, np.ndarray]:
    """Check targets ``y`` and predictions named ``name``; return both as arrays."""
    y = as_float(y, "y")
    if y.ndim not in (1, 2):
        msg = (
            "y must be a 1-D array of shape (n_samples,) or a 2-D array of shape "
            f"(n_samples, n_outputs); got shape {y.shape}"
        )
        raise ValueError(msg)
    return check_finite(y, "y"), _like(pred, y, name)


def _like(x: Any, ref: np.ndarray, name: str) -> np.ndarray:
    x = as_float(x, name)
    check_same_shape(ref, x, "y", name)
    return check_finite(x, name)


def _check_probabilities(x: np.ndarray, name: str) -> None:
    if x.size and not (x.min() >= 0.0 and x.max() <= 1.0):
        msg = f"{name} must be in [0, 1]; got values in [{x.min()}, {x.max()}]"
        raise ValueError(msg)
