import numpy as np
import pytest

from gdbook._validate import (
    as_float,
    check_2d,
    check_choice,
    check_finite,
    check_int_in_range,
    check_positive,
)


def test_as_float_does_not_copy_float64_arrays():
    x = np.zeros((3, 2))
    assert as_float(x, "x") is x
    assert as_float([1, 2], "x").dtype == np.float64


def test_check_finite_finds_one_bad_value_and_survives_overflowing_sums():
    x = np.ones(1000)
    x[417] = np.nan
    with pytest.raises(ValueError, match="x has NaN or inf values"):
        check_finite(x, "x")
    big = np.full(4, 1e308)  # the sum overflows, the values are finite
    assert check_finite(big, "big") is big
    with pytest.raises(ValueError, match="x has NaN or inf values"):
        check_finite(np.array([np.inf, -np.inf]), "x")


def test_messages():
    with pytest.raises(
        ValueError,
        match=r"X must be a 2-D array of shape \(n_samples, n_features\); "
        r"got shape \(3,\)",
    ):
        check_2d(np.ones(3), "X")
    with pytest.raises(ValueError, match="eta must be > 0; got nan"):
        check_positive(float("nan"), "eta")
    with pytest.raises(ValueError, match="eta must be > 0; got True"):
        check_positive(True, "eta")
    with pytest.raises(
        ValueError,
        match=r"batch_size must be between 1 and 100 \(the number of samples\); got 0",
    ):
        check_int_in_range(0, "batch_size", 1, 100, "the number of samples")
    with pytest.raises(
        ValueError, match="unknown cost 'foo'; expected 'quadratic' or 'cross_entropy'"
    ):
        check_choice("foo", "cost", ("quadratic", "cross_entropy"))
