"""Input checks shared by the public functions.

Each helper either returns its (converted) argument or raises ``ValueError``
with a message that names what was expected and what was received. The checks
are cheap: conversion never copies an array that is already ``float64``, and
the finiteness check makes one pass over the data without a full-size mask.
"""

from collections.abc import Callable, Sequence
from numbers import Integral, Real
from typing import Any

import numpy as np

__all__ = [
    "as_float",
    "check_2d",
    "check_callable",
    "check_choice",
    "check_finite",
    "check_int_in_range",
    "check_n_samples",
    "check_nonnegative",
    "check_positive",
    "check_rng",
    "check_same_shape",
    "check_unit_interval",
]


def as_float(x: Any, name: str) -> np.ndarray:
    """Return ``x`` as a float64 array (no copy if it already is one)."""
    try:
        return np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError) as error:
        got = type(x).__name__
        msg = f"{name} must be a real number or an array of them; got {got}"
        raise ValueError(msg) from error


def check_finite(x: np.ndarray, name: str) -> np.ndarray:
    """Raise ``ValueError`` if ``x`` has a NaN or an infinity.

    A sum is NaN or infinite whenever a term is, so one reduction decides the
    common case without allocating a mask as large as ``x``; only if the sum
    overflows are the elements tested one by one.
    """
    with np.errstate(over="ignore", invalid="ignore"):  # inf - inf is NaN: fine
        total = np.sum(x)
    if not np.isfinite(total) and not np.isfinite(x).all():
        raise ValueError(f"{name} has NaN or inf values")
    return x


def check_2d(x: Any, name: str, shape: str = "(n_samples, n_features)") -> np.ndarray:
    """Return ``x`` as a finite 2-D float64 array."""
    x = as_float(x, name)
    if x.ndim != 2:
        msg = f"{name} must be a 2-D array of shape {shape}; got shape {x.shape}"
        raise ValueError(msg)
    return check_finite(x, name)


def check_same_shape(a: np.ndarray, b: np.ndarray, name_a: str, name_b: str) -> None:
    """Raise ``ValueError`` unless ``a`` and ``b`` have the same shape."""
    if a.shape != b.shape:
        msg = (
            f"{name_a} and {name_b} must have the same shape; "
            f"got {name_a} {a.shape} and {name_b} {b.shape}"
        )
        raise ValueError(msg)


def check_n_samples(a: np.ndarray, b: np.ndarray, name_a: str, name_b: str) -> None:
    """Raise ``ValueError`` unless ``a`` and ``b`` have as many rows."""
    if a.shape[0] != b.shape[0]:
        msg = (
            f"{name_a} and {name_b} must have the same number of samples; "
            f"got {a.shape[0]} and {b.shape[0]}"
        )
        raise ValueError(msg)


def check_positive(value: Any, name: str) -> float:
    """Return ``value`` as a float, raising ``ValueError`` unless it is > 0."""
    if not _is_real(value) or not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be > 0; got {value!r}")
    return float(value)


def check_nonnegative(value: Any, name: str) -> float:
    """Return ``value`` as a float, raising ``ValueError`` unless it is >= 0."""
    if not _is_real(value) or not np.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be >= 0; got {value!r}")
    return float(value)


def check_unit_interval(value: Any, name: str) -> float:
    """Return ``value`` as a float, raising ``ValueError`` unless 0 <= value < 1."""
    if not _is_real(value) or not 0 <= value < 1:
        raise ValueError(f"{name} must be in [0, 1); got {value!r}")
    return float(value)


def check_int_in_range(
    value: Any, name: str, low: int, high: int | None = None, what: str = ""
) -> int:
    """Return ``value`` as an int in ``[low, high]`` or raise ``ValueError``.

    ``what`` explains the upper bound, e.g. ``"the number of samples"``.
    """
    ok = isinstance(value, Integral) and not isinstance(value, bool)
    if high is None:
        if not ok or value < low:
            raise ValueError(f"{name} must be an integer >= {low}; got {value!r}")
    elif not ok or not low <= value <= high:
        because = f" ({what})" if what else ""
        msg = f"{name} must be between {low} and {high}{because}; got {value!r}"
        raise ValueError(msg)
    return int(value)


def check_choice(value: Any, name: str, choices: Sequence[str]) -> str:
    """Return ``value`` if it is one of ``choices``, else raise ``ValueError``."""
    if value not in choices:
        expected = " or ".join(repr(c) for c in choices)
        raise ValueError(f"unknown {name} {value!r}; expected {expected}")
    return value


def check_callable(value: Any, name: str) -> Callable:
    """Return ``value`` if it can be called, else raise ``ValueError``."""
    if not callable(value):
        raise ValueError(f"{name} must be callable; got {type(value).__name__}")
    return value


def check_rng(value: Any, name: str = "rng") -> np.random.Generator:
    """Return ``value`` if it is a ``np.random.Generator``, else raise."""
    if not isinstance(value, np.random.Generator):
        msg = (
            f"{name} must be a np.random.Generator, e.g. np.random.default_rng(0); "
            f"got {type(value).__name__}"
        )
        raise ValueError(msg)
    return value


def _is_real(value: Any) -> bool:
    return isinstance(value, Real) and not isinstance(value, bool)
