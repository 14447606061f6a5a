r"""Learning-rate schedules: the rate $\eta_t$ as a function of a counter $t$.

A *schedule* is any callable that takes a counter $t = 0, 1, 2, \dots$ and
returns the learning rate to use, a finite number > 0. `Network.fit` counts
epochs ($t$ is the index of the epoch, starting at 0);
`gdbook.descent.minibatch_descent` counts updates ($t$ is the number of
updates already made). Both accept a plain number too, which is the constant
schedule, and both turn what they are given into a schedule with
`as_schedule` and read it with `rate_at`, which checks every rate returned.

The named schedules below are the common ones. On a decaying schedule the
two conditions of chapter 3, Eq. (3.7),

$$\sum_t \eta_t = \infty, \qquad \sum_t \eta_t^2 < \infty,$$

hold for `inverse_decay` and for none of the others: `constant` breaks the
second, `exponential_decay` and `step_decay` with a factor below 1 the first.
"""

from collections.abc import Callable
from numbers import Integral
from typing import Any

import numpy as np

from gdbook._validate import check_int_in_range, check_positive

__all__ = [
    "Schedule",
    "as_schedule",
    "constant",
    "exponential_decay",
    "inverse_decay",
    "rate_at",
    "step_decay",
]

Schedule = Callable[[int], float]


class _Named:
    """A schedule with a readable repr, e.g. ``inverse_decay(eta0=0.5, tau=10.0)``."""

    def __init__(self, text: str, rule: Callable[[int], float]) -> None:
        self._text, self._rule = text, rule

    def __call__(self, t: int) -> float:
        return self._rule(check_int_in_range(t, "t", 0))

    def __repr__(self) -> str:
        return self._text


def _factor(value: Any, name: str) -> float:
    """A factor in (0, 1]: a rate multiplied by it stays > 0 and never grows."""
    value = check_positive(value, name)
    if value > 1:
        raise ValueError(f"{name} must be in (0, 1]; got {value!r}")
    return value


def constant(eta: float) -> Schedule:
    r"""The constant schedule $\eta_t = \eta$, the fixed rate of Eq. (3).

    Parameters
    ----------
    eta : float
        The rate, > 0.

    Returns
    -------
    callable
        ``schedule(t)`` for integers ``t >= 0``.

    Examples
    --------
    >>> from gdbook.schedules import constant
    >>> schedule = constant(0.5)
    >>> schedule, schedule(0), schedule(1000)
    (constant(eta=0.5), 0.5, 0.5)
    """
    eta = check_positive(eta, "eta")
    return _Named(f"constant(eta={eta!r})", lambda t: eta)


def step_decay(eta0: float, factor: float, every: int) -> Schedule:
    r"""Step decay $\eta_t = \eta_0\, \gamma^{\lfloor t / \mathrm{every} \rfloor}$.

    The rate starts at $\eta_0$ and is multiplied by ``factor`` $\gamma$
    after every ``every`` counts. With $\gamma < 1$ the rates have a
    finite sum, $\eta_0 \cdot \mathrm{every}/(1 - \gamma)$.

    Parameters
    ----------
    eta0 : float
        The first rate $\eta_0 > 0$.
    factor : float
        The factor $\gamma$ in (0, 1].
    every : int
        The number of counts between two cuts, at least 1.

    Returns
    -------
    callable

    Examples
    --------
    >>> from gdbook.schedules import step_decay
    >>> schedule = step_decay(1.0, 0.5, every=10)
    >>> [schedule(t) for t in (0, 9, 10, 25)]
    [1.0, 1.0, 0.5, 0.25]
    """
    eta0 = check_positive(eta0, "eta0")
    factor = _factor(factor, "factor")
    every = check_int_in_range(every, "every", 1)
    text = f"step_decay(eta0={eta0!r}, factor={factor!r}, every={every})"
    return _Named(text, lambda t: eta0 * factor ** (t // every))


def inverse_decay(eta0: float, tau: float) -> Schedule:
    r"""Inverse decay $\eta_t = \eta_0 / (1 + t/\tau)$, Eq. (3.8).

    The rate is $\eta_0$ at first, half of it at $t = \tau$, and falls like
    $1/t$ later: the sum of the rates diverges and the sum of their squares
    converges, the two conditions of Eq. (3.7).

    Parameters
    ----------
    eta0 : float
        The first rate $\eta_0 > 0$.
    tau : float
        The count $\tau > 0$ at which the rate has halved.

    Returns
    -------
    callable

    Examples
    --------
    >>> from gdbook.schedules import inverse_decay
    >>> schedule = inverse_decay(0.5, tau=10)
    >>> schedule
    inverse_decay(eta0=0.5, tau=10.0)
    >>> [schedule(t) for t in (0, 10, 30)]
    [0.5, 0.25, 0.125]
    """
    eta0 = check_positive(eta0, "eta0")
    tau = check_positive(tau, "tau")
    return _Named(
        f"inverse_decay(eta0={eta0!r}, tau={tau!r})", lambda t: eta0 / (1 + t / tau)
    )


def exponential_decay(eta0: float, gamma: float) -> Schedule:
    r"""Exponential decay $\eta_t = \eta_0\, \gamma^t$.

    The sum of the rates is finite, $\eta_0/(1 - \gamma)$ for $\gamma < 1$,
    so on its own this schedule stops the weights after a bounded distance
    (the first condition of Eq. (3.7) fails). Far out, $\gamma^t$ can
    underflow to 0, which `rate_at` refuses.

    Parameters
    ----------
    eta0 : float
        The first rate $\eta_0 > 0$.
    gamma : float
        The factor $\gamma$ in (0, 1] applied at every count.

    Returns
    -------
    callable

    Examples
    --------
    >>> from gdbook.schedules import exponential_decay
    >>> schedule = exponential_decay(1.0, gamma=0.5)
    >>> [schedule(t) for t in range(4)]
    [1.0, 0.5, 0.25, 0.125]
    """
    eta0 = check_positive(eta0, "eta0")
    gamma = _factor(gamma, "gamma")
    text = f"exponential_decay(eta0={eta0!r}, gamma={gamma!r})"
    return _Named(text, lambda t: eta0 * gamma**t)


def as_schedule(eta: Any) -> Schedule:
    r"""A schedule from a number (the constant rate) or from a schedule.

    Parameters
    ----------
    eta : float or callable
        A learning rate $\eta > 0$, or a callable ``eta(t)`` of an integer
        counter ``t >= 0`` returning the rate.

    Returns
    -------
    callable

    Raises
    ------
    ValueError
        If ``eta`` is neither a finite number > 0 nor callable.

    Examples
    --------
    >>> from gdbook.schedules import as_schedule, inverse_decay
    >>> as_schedule(0.1)
    constant(eta=0.1)
    >>> as_schedule(inverse_decay(1.0, 5))(5)
    0.5
    """
    if callable(eta):
        return eta
    if isinstance(eta, Integral | float | np.floating) and not isinstance(eta, bool):
        return constant(eta)
    msg = (
        "eta must be a learning rate > 0 or a schedule, a callable of the "
        f"counter t returning the rate; got {type(eta).__name__}"
    )
    raise ValueError(msg)


def rate_at(schedule: Schedule, t: int) -> float:
    r"""The rate $\eta_t$ that ``schedule`` gives at ``t``, checked.

    Parameters
    ----------
    schedule : callable
        ``schedule(t)`` returns the rate; see `as_schedule`.
    t : int
        The counter, >= 0.

    Returns
    -------
    float
        The rate, a finite number > 0.

    Raises
    ------
    ValueError
        If ``t`` is not an integer >= 0, or the schedule returns anything but
        a finite real number > 0 (zero, a negative number, NaN, infinity, an
        array).

    Examples
    --------
    >>> from gdbook.schedules import rate_at
    >>> rate_at(lambda t: 0.1 * 0.5**t, 2)
    0.025
    >>> try:
    ...     rate_at(lambda t: 1.0 - t, 1)
    ... except ValueError as err:
    ...     print(err)
    the schedule must return a finite rate > 0; at t = 1 it returned 0.0
    """
    t = check_int_in_range(t, "t", 0)
    value = schedule(t)
    real = isinstance(value, Integral | float | np.floating) and not isinstance(
        value, bool
    )
    if not real or not np.isfinite(value) or value <= 0:
        msg = (
            "the schedule must return a finite rate > 0; at t = "
            f"{t} it returned {value!r}"
        )
        raise ValueError(msg)
    return float(value)
