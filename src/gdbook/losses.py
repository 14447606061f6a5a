"""Cost functions and their gradients, in value/gradient pairs.

Arguments come truth first, prediction second, as in scikit-learn:
``sse(y, y_hat)``, ``quadratic(y, a)``, ``cross_entropy(y, a)``,
``log_likelihood(y, a)``. Targets and predictions have the same shape, ``(n_samples,)`` for one output or
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

The log-likelihood cost of a softmax output layer takes one-hot targets:
``y`` of shape ``(n_samples, n_classes)``, each row all zeros but a single 1
in the column of the example's class (`gdbook.datasets.one_hot` makes them
from class indices). Class indices themselves are not accepted.
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
    "log_likelihood",
    "log_likelihood_delta",
    "log_likelihood_from_z",
    "log_likelihood_grad",
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


def log_likelihood(y: Any, a: Any) -> float:
    r"""Log-likelihood cost of a softmax output layer, Eq. (5.9), mean over rows.

    $$C = -\frac1m \sum_x \sum_j y_j \ln a^L_j$$

    With one-hot targets, the cost of one example is minus the logarithm of
    the probability $a^L_j$ that the network gives to its class $j$.

    Parameters
    ----------
    y : ndarray of shape (n_samples, n_classes)
        One-hot targets, one example per row; the mean divides by
        ``n_samples``.
    a : ndarray of the shape of ``y``
        Output activations of a softmax layer: entries in [0, 1], each row
        summing to 1 (to within 1e-8).

    Returns
    -------
    float
        Finite for every such ``a``: a probability of exactly 0 given to the
        true class costs $-\ln(\text{tiny}) \approx 708$ instead of
        infinity (the logarithm's argument is clipped below at the smallest
        normal float). From the weighted inputs, `log_likelihood_from_z`
        stays accurate to rounding even there.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.losses import log_likelihood
    >>> y = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]])
    >>> a = np.array([[0.2, 0.7, 0.1], [0.5, 0.25, 0.25]])
    >>> round(log_likelihood(y, a), 4)   # (-ln 0.7 - ln 0.5) / 2
    0.5249
    """
    y, a = _pair(y, a, "a")
    _check_one_hot(y)
    _check_distributions(a)
    return -float(np.sum(y * np.log(np.maximum(a, TINY)))) / len(y)


def log_likelihood_from_z(y: Any, z: Any) -> float:
    r"""Log-likelihood cost, Eq. (5.9), from the weighted inputs z of a = softmax(z).

    Uses $-\ln a^L_j = \ln \sum_{j'} \mathrm{e}^{z_{j'}} - z_j$, with
    the logarithm of the sum computed after subtracting the row's largest
    entry: accurate to rounding for every finite ``z``, even where
    `gdbook.activations.softmax` rounds an output to 0.

    Parameters
    ----------
    y : ndarray of shape (n_samples, n_classes)
        One-hot targets, one example per row; the mean divides by
        ``n_samples``.
    z : ndarray of the shape of ``y``
        Weighted inputs of the softmax output layer.

    Returns
    -------
    float

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.losses import log_likelihood, log_likelihood_from_z
    >>> from gdbook.activations import softmax
    >>> y = np.array([[0.0, 1.0]])
    >>> z = np.array([[2.0, -1.0]])
    >>> round(log_likelihood_from_z(y, z), 4), round(log_likelihood(y, softmax(z)), 4)
    (3.0486, 3.0486)
    >>> log_likelihood_from_z(y, np.array([[1000.0, 0.0]]))  # log_likelihood says 708
    1000.0
    """
    y, z = _pair(y, z, "z")
    _check_one_hot(y)
    top = z.max(axis=1, keepdims=True)
    log_sum = top[:, 0] + np.log(np.sum(np.exp(z - top), axis=1))
    return float(np.sum(log_sum - np.sum(y * z, axis=1))) / len(y)


def log_likelihood_grad(y: Any, a: Any) -> np.ndarray:
    r"""Per-example gradient of the log-likelihood cost, Eq. (5.9), in a.

    $$\frac{\partial C_x}{\partial a^L_j} = -\frac{y_j}{a^L_j}$$

    Row ``mu`` is the gradient of example ``mu``'s term
    $C_x = -\sum_j y_j \ln a^L_j$ in its activations, taken as
    independent variables (the softmax ties them together; the output error
    that accounts for it is `log_likelihood_delta`). The gradient of the
    mean cost `log_likelihood` is this divided by ``len(y)``.

    Parameters
    ----------
    y : ndarray of shape (n_samples, n_classes)
        One-hot targets.
    a : ndarray of the shape of ``y``
        Output activations of a softmax layer, each row summing to 1, with
        the entry of the true class strictly positive.

    Returns
    -------
    ndarray of the shape of ``a``
        Zero except in the column of each row's class.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.losses import log_likelihood_grad
    >>> print(log_likelihood_grad(np.array([[0.0, 1.0]]), np.array([[0.2, 0.8]])))
    [[ 0.   -1.25]]
    """
    y, a = _pair(y, a, "a")
    _check_one_hot(y)
    _check_distributions(a)
    true = np.sum(y * a, axis=1)
    if true.size and not true.min() > 0.0:
        msg = (
            "a must give the true class a probability > 0, where the log-likelihood "
            f"is differentiable; got {true.min()}"
        )
        raise ValueError(msg)
    return np.where(y > 0, -1.0 / np.where(y > 0, a, 1.0), 0.0)


def log_likelihood_delta(y: Any, a: Any, z: Any) -> np.ndarray:
    r"""Output error of the log-likelihood cost with softmax outputs, Eq. (5.10).

    $$\delta^L = a^L - y$$

    Row ``mu`` is $\partial C_{x^\mu} / \partial z^L$ for a softmax output
    layer, $a^L = \operatorname{softmax}(z^L)$: the product of
    `log_likelihood_grad` with the `gdbook.activations.softmax_jacobian`
    collapses to the miss. The weighted inputs ``z`` are not needed; they are
    accepted (and shape-checked) so that this function, `quadratic_delta` and
    `cross_entropy_delta` share one signature.

    Parameters
    ----------
    y : ndarray of shape (n_samples, n_classes)
        One-hot targets.
    a : ndarray of the shape of ``y``
        Output activations, ``softmax(z)``.
    z : ndarray of the shape of ``y``
        Weighted inputs of the output layer (unused).

    Returns
    -------
    ndarray of the shape of ``a``

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.losses import log_likelihood_delta
    >>> from gdbook.activations import softmax
    >>> z = np.array([[0.0, 0.0, np.log(2.0)]])
    >>> print(log_likelihood_delta(np.array([[1.0, 0.0, 0.0]]), softmax(z), z))
    [[-0.75  0.25  0.5 ]]
    """
    y, a = _pair(y, a, "a")
    _like(z, a, "z")
    _check_one_hot(y)
    _check_distributions(a)
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


def _check_one_hot(y: np.ndarray) -> None:
    """Raise unless ``y`` is 2-D and each row is all 0 but a single 1."""
    if y.ndim != 2:
        msg = (
            "y must be one-hot rows, a 2-D array of shape (n_samples, n_classes); "
            f"got shape {y.shape}"
        )
        raise ValueError(msg)
    if not (np.all((y == 0.0) | (y == 1.0)) and np.all(y.sum(axis=1) == 1.0)):
        msg = (
            "y must be one-hot rows: all 0 but a single 1 in the column of the "
            "example's class (gdbook.datasets.one_hot makes them from class indices)"
        )
        raise ValueError(msg)


def _check_distributions(a: np.ndarray) -> None:
    """Raise unless every row of ``a`` is in [0, 1] and sums to 1 (to 1e-8)."""
    _check_probabilities(a, "a")
    sums = a.sum(axis=1)
    if sums.size and not np.all(np.abs(sums - 1.0) <= 1e-8):
        worst = sums[np.argmax(np.abs(sums - 1.0))]
        msg = (
            "each row of a must sum to 1, as the outputs of a softmax do; "
            f"got a row summing to {worst}"
        )
        raise ValueError(msg)
