"""A single sigmoid neuron trained by the delta rule.

The unit has no bias: its weighted input is $h = \\sum_i w_i x_i$ and its
output $\\hat y = f(h)$ with $f = \\sigma$, the sigmoid of Eq. (8).
Its error on a batch of examples $\\mu$ is the sum of squared errors
$E = \\frac12 \\sum_\\mu (y^\\mu - \\hat y^\\mu)^2$, Eq. (SSE). A bias can be
had by appending a constant input of 1 to every example.
"""

from typing import Any

import numpy as np

from gdbook._validate import (
    as_float,
    check_2d,
    check_finite,
    check_int_in_range,
    check_positive,
    check_same_shape,
)
from gdbook.activations import sigmoid, sigmoid_prime

__all__ = ["delta_rule_step", "error_term", "predict", "train_delta_rule"]


def predict(w: Any, X: Any) -> np.ndarray:
    r"""Outputs $\hat y = f(h)$, $h = \sum_i w_i x_i$, of the neuron.

    Parameters
    ----------
    w : ndarray of shape (n_features,)
        Weights.
    X : ndarray of shape (n_samples, n_features)
        Inputs, one example per row.

    Returns
    -------
    ndarray of shape (n_samples,)
        Outputs in [0, 1].

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.neuron import predict
    >>> print(predict(np.array([1.0, -1.0]), np.array([[2.0, 2.0], [1.0, 0.0]])))
    [0.5    0.7311]
    """
    w, X = _check_w_X(w, X)
    return sigmoid(X @ w)


def error_term(y: Any, y_hat: Any, h: Any) -> np.ndarray:
    r"""Error term $\delta = \partial E / \partial h = (\hat y - y) f'(h)$, Eq. (2.5).

    The derivative of the error of one example with respect to the unit's
    weighted input $h$. Here $f = \sigma$ and
    $f'(h) = \sigma(h)(1 - \sigma(h))$.

    Parameters
    ----------
    y : ndarray of shape (n_samples,)
        Targets.
    y_hat : ndarray of shape (n_samples,)
        Outputs, ``sigmoid(h)``.
    h : ndarray of shape (n_samples,)
        Weighted inputs.

    Returns
    -------
    ndarray of shape (n_samples,)
        One $\delta^\mu$ per example. Then
        $\partial E / \partial w_i = \sum_\mu \delta^\mu x^\mu_i$.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.neuron import error_term
    >>> print(error_term(np.array([1.0]), np.array([0.5]), np.array([0.0])))
    [-0.125]
    """
    y = check_finite(as_float(y, "y"), "y")
    y_hat = check_finite(as_float(y_hat, "y_hat"), "y_hat")
    h = check_finite(as_float(h, "h"), "h")
    check_same_shape(y, y_hat, "y", "y_hat")
    check_same_shape(y, h, "y", "h")
    return (y_hat - y) * sigmoid_prime(h)


def delta_rule_step(w: Any, X: Any, y: Any, eta: float) -> np.ndarray:
    r"""One step of the delta rule on a batch of examples.

    $$\Delta w_i = -\eta \sum_\mu \delta^\mu x^\mu_i,
    \qquad \delta^\mu = (\hat y^\mu - y^\mu) f'(h^\mu)$$

    The sum over the examples (not the mean) makes $-\Delta w / \eta$
    exactly the gradient of $E$, Eq. (SSE), which also sums over
    $\mu$: this is gradient descent, Eq. (3), on $E$. In matrix
    form $\Delta w = -\eta X^T \delta$.

    Parameters
    ----------
    w : ndarray of shape (n_features,)
        Weights.
    X : ndarray of shape (n_samples, n_features)
        Inputs; pass one row for the online (per-example) rule.
    y : ndarray of shape (n_samples,)
        Targets.
    eta : float
        Learning rate $\eta > 0$.

    Returns
    -------
    ndarray of shape (n_features,)
        The new weights $w + \Delta w$ (``w`` is not modified).

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.neuron import delta_rule_step
    >>> X = np.array([[1.0, 0.0], [1.0, 1.0]])
    >>> print(delta_rule_step(np.zeros(2), X, np.array([1.0, 0.0]), eta=1.0))
    [ 0.    -0.125]
    """
    w, X = _check_w_X(w, X)
    y = _check_y(y, X)
    eta = check_positive(eta, "eta")
    return _step(w, X, y, eta)


def train_delta_rule(
    w0: Any, X: Any, y: Any, eta: float, epochs: int
) -> tuple[np.ndarray, np.ndarray]:
    """Train the neuron by the delta rule, one full-batch step per epoch.

    Each epoch is one `delta_rule_step` on all the examples.

    Parameters
    ----------
    w0 : ndarray of shape (n_features,)
        Starting weights.
    X : ndarray of shape (n_samples, n_features)
        Inputs.
    y : ndarray of shape (n_samples,)
        Targets.
    eta : float
        Learning rate $\\eta > 0$.
    epochs : int
        Number of steps, >= 1.

    Returns
    -------
    weights : ndarray of shape (epochs + 1, n_features)
        Row 0 is ``w0``, row ``t`` the weights after epoch ``t``.
    errors : ndarray of shape (epochs + 1,)
        The SSE of Eq. (SSE) at each row of ``weights``.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.neuron import train_delta_rule
    >>> X = np.array([[1.0, 0.0], [1.0, 1.0]])  # first column: a bias input
    >>> weights, errors = train_delta_rule(np.zeros(2), X, np.array([1.0, 0.0]),
    ...                                    eta=2.0, epochs=500)
    >>> print(weights[-1])
    [ 3.1303 -6.4768]
    >>> print(errors[[0, 1, -1]])
    [0.25   0.2208 0.0015]
    """
    w, X = _check_w_X(w0, X)
    y = _check_y(y, X)
    eta = check_positive(eta, "eta")
    epochs = check_int_in_range(epochs, "epochs", 1)
    weights = np.empty((epochs + 1, len(w)))
    weights[0] = w
    for epoch in range(epochs):
        weights[epoch + 1] = _step(weights[epoch], X, y, eta)
    errors = 0.5 * np.sum((y - sigmoid(weights @ X.T)) ** 2, axis=1)
    return weights, errors


def _step(w: np.ndarray, X: np.ndarray, y: np.ndarray, eta: float) -> np.ndarray:
    h = X @ w
    delta = error_term(y, sigmoid(h), h)
    return w - eta * (X.T @ delta)


def _check_w_X(w: Any, X: Any) -> tuple[np.ndarray, np.ndarray]:
    X = check_2d(X, "X")
    w = check_finite(as_float(w, "w"), "w")
    if w.shape != (X.shape[1],):
        msg = (
            f"w must have shape (n_features,) = ({X.shape[1]},) to match X; "
            f"got shape {w.shape}"
        )
        raise ValueError(msg)
    return w, X


def _check_y(y: Any, X: np.ndarray) -> np.ndarray:
    y = check_finite(as_float(y, "y"), "y")
    if y.shape != (len(X),):
        msg = (
            f"y must have shape (n_samples,) = ({len(X)},) to match X; "
            f"got shape {y.shape}"
        )
        raise ValueError(msg)
    return y
