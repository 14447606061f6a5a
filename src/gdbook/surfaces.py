r"""Two-dimensional test functions for gradient descent, in value/gradient pairs.

Each function takes a point ``w`` of shape ``(2,)``, $w = (w_1, w_2)$, and
returns a float, the value $C(w)$ of a cost over two weights; its ``*_grad``
partner returns $\nabla C(w)$, an array of
shape ``(2,)``. They are the surfaces of the explorer page, whose JavaScript
(``docs/assets/explorer.js``) computes the same values with the same
operations, and ``SURFACES`` names them the way the page does.

- ``bowl``: the round bowl of the paper's Fig. 1; every step of plain
  descent points straight at the minimum.
- ``valley``: an elongated quadratic, 25 times steeper across than along
  the valley; plain descent zigzags across it when $\eta > 1/25$ and
  crawls along it; the example of ``valley`` compares momentum.
- ``double_well``: a shallow local minimum and a deeper global one; from
  the documented start plain descent stops in the shallow one and momentum
  carries the point over the ridge into the deep one.
"""

from collections.abc import Callable
from typing import Any

import numpy as np

from gdbook._validate import as_float, check_finite

__all__ = [
    "SURFACES",
    "bowl",
    "bowl_grad",
    "double_well",
    "double_well_grad",
    "valley",
    "valley_grad",
]

# Steepness of `valley` across the valley, along w2.
VALLEY_STEEPNESS = 25.0
# Tilt of `double_well`: it makes the left well deeper than the right one.
DOUBLE_WELL_TILT = 0.5


def bowl(w: Any) -> float:
    r"""Round bowl $C(w) = w_1^2 + w_2^2$, the function of the paper's Fig. 1.

    Its only minimum is $C(0) = 0$, and its contour lines are circles.

    Parameters
    ----------
    w : ndarray of shape (2,)
        The point $(w_1, w_2)$.

    Returns
    -------
    float

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.surfaces import bowl
    >>> bowl(np.array([1.0, -2.0]))
    5.0
    """
    w1, w2 = _point(w)
    return w1 * w1 + w2 * w2


def bowl_grad(w: Any) -> np.ndarray:
    r"""Gradient of the bowl of Fig. 1, $\nabla C(w) = (2 w_1, 2 w_2)$.

    Parameters
    ----------
    w : ndarray of shape (2,)
        The point $(w_1, w_2)$.

    Returns
    -------
    ndarray of shape (2,)

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.surfaces import bowl_grad
    >>> print(bowl_grad(np.array([1.0, -2.0])))
    [ 2. -4.]
    """
    w1, w2 = _point(w)
    return np.array([2.0 * w1, 2.0 * w2])


def valley(w: Any) -> float:
    r"""Elongated quadratic valley $C(w) = \frac12 (w_1^2 + 25 w_2^2)$.

    The curvature is 1 along the valley ($w_1$) and 25 across it ($w_2$).
    Plain gradient descent is stable only for $\eta < 2/25$, and with such
    an $\eta$ it shrinks the distance along the valley by the factor
    $1 - \eta$ per step: it crawls along the valley, and zigzags across it
    when $\eta > 1/25$ makes the factor $1 - 25\eta$ across it negative.
    What momentum does on such a valley is explained once, in chapter 3 of
    the book (section "Momentum").

    Parameters
    ----------
    w : ndarray of shape (2,)
        The point $(w_1, w_2)$.

    Returns
    -------
    float

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.surfaces import valley, valley_grad
    >>> valley(np.array([2.0, 0.2]))
    2.5
    >>> from gdbook.descent import gradient_descent, momentum_descent
    >>> w0 = np.array([-4.0, 1.0])
    >>> plain = gradient_descent(valley_grad, w0, eta=0.03, n_steps=1000, tol=1e-6)
    >>> heavy = momentum_descent(valley_grad, w0, 0.03, 0.8, 1000, tol=1e-6)
    >>> len(plain) - 1, len(heavy) - 1  # steps until the gradient is below 1e-6
    (500, 141)
    """
    w1, w2 = _point(w)
    return 0.5 * (w1 * w1 + VALLEY_STEEPNESS * (w2 * w2))


def valley_grad(w: Any) -> np.ndarray:
    r"""Gradient of the valley, $\nabla C(w) = (w_1, 25 w_2)$.

    Parameters
    ----------
    w : ndarray of shape (2,)
        The point $(w_1, w_2)$.

    Returns
    -------
    ndarray of shape (2,)

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.surfaces import valley_grad
    >>> print(valley_grad(np.array([2.0, 0.2])))
    [2. 5.]
    """
    w1, w2 = _point(w)
    return np.array([w1, VALLEY_STEEPNESS * w2])


def double_well(w: Any) -> float:
    r"""Tilted double well $C(w) = (w_1^2 - 1)^2 + \frac12 w_1 + w_2^2$.

    Along $w_1$ it has two valleys separated by a ridge near
    $w_1 = 0.13$; the tilt $\frac12 w_1$ makes the left minimum, near
    $w_1 = -1.06$, the deep global one and the right one, near
    $w_1 = 0.93$, a shallow local one. Along $w_2$ it is a parabola.

    From the start $w = (2, 1)$ with $\eta = 0.02$, plain gradient descent
    slides into the shallow right minimum and stays there, while momentum
    with $\beta = 0.9$ arrives with enough speed to cross the ridge and
    settles in the deep left minimum. Not every larger $\beta$ does: of
    $\beta = 0.70, 0.71, \dots, 0.95$ all reach the deep minimum except
    0.91, 0.92 and 0.93, which swing back into the shallow one (the test
    suite checks this sweep).

    Parameters
    ----------
    w : ndarray of shape (2,)
        The point $(w_1, w_2)$.

    Returns
    -------
    float

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.surfaces import double_well, double_well_grad
    >>> double_well(np.array([1.0, 0.0]))
    0.5
    >>> from gdbook.descent import gradient_descent, momentum_descent
    >>> w0 = np.array([2.0, 1.0])
    >>> plain = gradient_descent(double_well_grad, w0, eta=0.02, n_steps=1000)
    >>> heavy = momentum_descent(double_well_grad, w0, eta=0.02, beta=0.9, n_steps=1000)
    >>> round(float(plain[-1, 0]), 4), round(float(heavy[-1, 0]), 4)  # final w1
    (0.9304, -1.0575)
    >>> round(double_well(plain[-1]), 4), round(double_well(heavy[-1]), 4)
    (0.4833, -0.5148)
    """
    w1, w2 = _point(w)
    s = w1 * w1 - 1.0
    return s * s + DOUBLE_WELL_TILT * w1 + w2 * w2


def double_well_grad(w: Any) -> np.ndarray:
    r"""Gradient of the double well, $\nabla C = (4 w_1 (w_1^2 - 1) + \frac12, 2 w_2)$.

    Parameters
    ----------
    w : ndarray of shape (2,)
        The point $(w_1, w_2)$.

    Returns
    -------
    ndarray of shape (2,)

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.surfaces import double_well_grad
    >>> print(double_well_grad(np.array([1.0, 0.5])))
    [0.5 1. ]
    """
    w1, w2 = _point(w)
    return np.array([4.0 * w1 * (w1 * w1 - 1.0) + DOUBLE_WELL_TILT, 2.0 * w2])


Surface = tuple[Callable[[Any], float], Callable[[Any], np.ndarray]]

SURFACES: dict[str, Surface] = {
    "bowl": (bowl, bowl_grad),
    "valley": (valley, valley_grad),
    "double_well": (double_well, double_well_grad),
}
"""The surfaces by name, each a ``(function, gradient)`` pair.

The names are the ones the explorer page uses, ``"bowl"``, ``"valley"`` and
``"double_well"``.
"""


def _point(w: Any) -> tuple[float, float]:
    """Return ``w`` as two floats, or raise ``ValueError`` naming the shape."""
    w = check_finite(as_float(w, "w"), "w")
    if w.shape != (2,):
        msg = f"w must be a point (w1, w2) of shape (2,); got shape {w.shape}"
        raise ValueError(msg)
    return float(w[0]), float(w[1])
