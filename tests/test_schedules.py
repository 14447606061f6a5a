import math

import numpy as np
import pytest

from gdbook.descent import linear_mse_grad, minibatch_descent
from gdbook.schedules import (
    as_schedule,
    constant,
    exponential_decay,
    inverse_decay,
    rate_at,
    step_decay,
)


def test_named_schedules_follow_their_formulas():
    t = np.arange(50)
    cases = [
        (constant(0.3), np.full(50, 0.3)),
        (step_decay(1.0, 0.5, every=7), 1.0 * 0.5 ** (t // 7)),
        (inverse_decay(0.8, tau=12.5), 0.8 / (1 + t / 12.5)),
        (exponential_decay(2.0, gamma=0.9), 2.0 * 0.9**t),
    ]
    for schedule, expected in cases:
        got = np.array([rate_at(schedule, int(k)) for k in t])
        np.testing.assert_allclose(got, expected, rtol=1e-15, atol=0)
        assert all(isinstance(schedule(int(k)), float) for k in t[:3])


def test_reprs_name_the_schedule_and_its_arguments():
    assert repr(constant(0.5)) == "constant(eta=0.5)"
    assert repr(step_decay(1, 0.5, 3)) == "step_decay(eta0=1.0, factor=0.5, every=3)"
    assert repr(inverse_decay(1, 4)) == "inverse_decay(eta0=1.0, tau=4.0)"
    assert repr(exponential_decay(1, 0.5)) == "exponential_decay(eta0=1.0, gamma=0.5)"


def test_inverse_decay_meets_both_conditions_and_exponential_only_one():
    # partial sums of eta_t grow without bound for inverse decay (like log t),
    # stay bounded for exponential decay; sums of squares converge for both
    inv, exp_ = inverse_decay(1.0, 1.0), exponential_decay(1.0, 0.5)
    s = np.cumsum([inv(t) for t in range(100_000)])
    assert s[-1] > math.log(100_000) > s[999] - 1
    assert sum(exp_(t) for t in range(200)) == pytest.approx(2.0)
    squares = sum(inv(t) ** 2 for t in range(100_000))
    assert squares == pytest.approx(math.pi**2 / 6, rel=1e-4)


def test_as_schedule_takes_numbers_and_callables():
    assert as_schedule(2)(10) == 2.0
    assert as_schedule(np.float64(0.25))(0) == 0.25

    def f(t):
        return 1.0 / (t + 1)

    assert as_schedule(f) is f


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: constant(0), "eta must be > 0; got 0"),
        (lambda: constant(float("nan")), "eta must be > 0; got nan"),
        (lambda: constant("0.1"), "eta must be > 0; got '0.1'"),
        (lambda: step_decay(1.0, 0.0, 5), "factor must be > 0; got 0.0"),
        (lambda: step_decay(1.0, 1.5, 5), r"factor must be in \(0, 1\]; got 1.5"),
        (lambda: step_decay(1.0, 0.5, 0), "every must be an integer >= 1; got 0"),
        (lambda: step_decay(1.0, 0.5, 2.0), "every must be an integer >= 1; got 2.0"),
        (lambda: inverse_decay(-1.0, 5), "eta0 must be > 0; got -1.0"),
        (lambda: inverse_decay(1.0, 0), "tau must be > 0; got 0"),
        (lambda: inverse_decay(1.0, float("inf")), "tau must be > 0; got inf"),
        (lambda: exponential_decay(1.0, 2.0), r"gamma must be in \(0, 1\]; got 2.0"),
        (lambda: as_schedule(None), "eta must be a learning rate > 0 or a schedule"),
        (lambda: as_schedule(True), "eta must be a learning rate > 0 or a schedule"),
        (lambda: as_schedule(-0.5), "eta must be > 0; got -0.5"),
    ],
)
def test_bad_arguments(make, message):
    with pytest.raises(ValueError, match=message):
        make()


@pytest.mark.parametrize(
    ("schedule", "message"),
    [
        (lambda t: 0.0, "at t = 3 it returned 0.0"),
        (lambda t: -0.1, "at t = 3 it returned -0.1"),
        (lambda t: float("nan"), "at t = 3 it returned nan"),
        (lambda t: float("inf"), "at t = 3 it returned inf"),
        (lambda t: np.array([0.1]), r"at t = 3 it returned array\(\[0.1\]\)"),
        (lambda t: None, "at t = 3 it returned None"),
        (lambda t: True, "at t = 3 it returned True"),
    ],
)
def test_rate_at_refuses_rates_that_are_not_finite_and_positive(schedule, message):
    with pytest.raises(ValueError, match="the schedule must return a finite rate > 0"):
        rate_at(schedule, 3)
    with pytest.raises(ValueError, match=message):
        rate_at(schedule, 3)


def test_counters_must_be_nonnegative_integers():
    for bad in (-1, 1.5, "2", True):
        with pytest.raises(ValueError, match="t must be an integer >= 0"):
            rate_at(constant(1.0), bad)
        with pytest.raises(ValueError, match="t must be an integer >= 0"):
            inverse_decay(1.0, 2.0)(bad)


def test_exponential_decay_underflow_is_refused():
    with pytest.raises(ValueError, match=r"it returned 0\.0"):
        rate_at(exponential_decay(1.0, 0.5), 2000)


def _data():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(30, 2))
    return X, X @ np.array([1.0, -2.0]) + 0.1 * rng.normal(size=30)


def test_minibatch_descent_with_a_schedule_is_the_loop_written_out():
    X, y = _data()
    schedule = inverse_decay(0.2, tau=15)
    hist = minibatch_descent(
        linear_mse_grad,
        np.zeros(2),
        X,
        y,
        eta=schedule,
        batch_size=4,
        epochs=5,
        rng=np.random.default_rng(3),
    )
    rng, w, path, t = np.random.default_rng(3), np.zeros(2), [np.zeros(2)], 0
    for _ in range(5):
        perm = rng.permutation(30)
        for start in range(0, 30, 4):
            idx = perm[start : start + 4]
            w = w - 0.2 / (1 + t / 15) * X[idx].T @ (X[idx] @ w - y[idx]) / len(idx)
            path.append(w)
            t += 1
    np.testing.assert_allclose(hist.w, np.array(path), rtol=1e-13, atol=1e-15)
    np.testing.assert_array_equal(hist.eta, [schedule(k) for k in range(t)])
    assert hist.eta.shape == (len(hist.w) - 1,) == (40,)


def test_minibatch_descent_with_a_number_is_the_constant_schedule():
    X, y = _data()
    args = {"batch_size": 7, "epochs": 3}
    a = minibatch_descent(
        linear_mse_grad,
        np.zeros(2),
        X,
        y,
        eta=0.1,
        rng=np.random.default_rng(1),
        **args,
    )
    b = minibatch_descent(
        linear_mse_grad,
        np.zeros(2),
        X,
        y,
        eta=constant(0.1),
        rng=np.random.default_rng(1),
        **args,
    )
    np.testing.assert_array_equal(a.w, b.w)
    np.testing.assert_array_equal(a.eta, np.full(15, 0.1))


def test_minibatch_descent_refuses_bad_rates():
    X, y = _data()
    args = {"batch_size": 10, "epochs": 2, "rng": np.random.default_rng(0)}
    with pytest.raises(ValueError, match="eta must be > 0; got 0"):
        minibatch_descent(linear_mse_grad, np.zeros(2), X, y, eta=0, **args)
    with pytest.raises(ValueError, match=r"at t = 3 it returned 0\.0"):
        minibatch_descent(
            linear_mse_grad, np.zeros(2), X, y, eta=lambda t: 0.1 * (t < 3), **args
        )
    with pytest.raises(ValueError, match="eta must be a learning rate > 0 or a"):
        minibatch_descent(linear_mse_grad, np.zeros(2), X, y, eta="fast", **args)
