import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from gdbook.datasets import linear_teacher
from gdbook.descent import (
    DescentHistory,
    batches,
    directional_derivative,
    gradient_descent,
    linear_mse,
    linear_mse_grad,
    minibatch_descent,
    momentum_descent,
    steepest_direction,
)
from gdbook.gradcheck import numerical_gradient, rel_error

vectors = arrays(np.float64, 3, elements=st.floats(-10, 10))


def bowl_grad(w):
    """Gradient of C(w) = ||w||^2."""
    return 2 * w


def test_directional_derivative():
    assert directional_derivative(np.array([1.0, 2.0]), np.array([3.0, -1.0])) == 1.0


@given(vectors, vectors)
def test_steepest_direction_is_the_unit_vector_of_least_slope(grad, v):
    assume(np.linalg.norm(grad) > 1e-6 and np.linalg.norm(v) > 1e-6)
    u = steepest_direction(grad)
    assert np.linalg.norm(u) == pytest.approx(1.0)
    slope = directional_derivative(grad, u)
    assert slope == pytest.approx(-np.linalg.norm(grad))
    assert slope <= directional_derivative(grad, v / np.linalg.norm(v)) + 1e-9


def test_steepest_direction_of_a_zero_gradient():
    with pytest.raises(ValueError, match="grad is zero"):
        steepest_direction(np.zeros(3))


def test_gradient_descent_on_a_bowl():
    # w_k = (1 - 2 eta)^k w0
    path = gradient_descent(bowl_grad, np.array([1.0, -2.0]), eta=0.1, n_steps=5)
    assert path.shape == (6, 2)
    np.testing.assert_allclose(path, 0.8 ** np.arange(6)[:, None] * [1.0, -2.0])


def test_gradient_descent_keeps_the_shape_of_w():
    path = gradient_descent(bowl_grad, np.ones((2, 3)), eta=0.1, n_steps=4)
    assert path.shape == (5, 2, 3)


def test_gradient_descent_stops_at_tolerance():
    path = gradient_descent(
        bowl_grad, np.array([1.0]), eta=0.25, n_steps=1000, tol=1e-6
    )
    # ||grad|| = 2 * 0.5^k < 1e-6 first for k = 21
    assert len(path) - 1 == 21
    assert (
        np.linalg.norm(bowl_grad(path[-1]))
        < 1e-6
        <= np.linalg.norm(bowl_grad(path[-2]))
    )


def test_momentum_with_zero_beta_is_gradient_descent():
    w0 = np.array([3.0, -1.0])
    np.testing.assert_array_equal(
        momentum_descent(bowl_grad, w0, 0.1, 0.0, 10),
        gradient_descent(bowl_grad, w0, 0.1, 10),
    )


def test_momentum_recursion():
    path = momentum_descent(bowl_grad, np.array([1.0]), eta=0.1, beta=0.9, n_steps=3)
    w, u, expected = 1.0, 0.0, [1.0]
    for _ in range(3):
        u = 0.9 * u - 0.1 * 2 * w
        w = w + u
        expected.append(w)
    np.testing.assert_allclose(path[:, 0], expected)


def test_momentum_speeds_up_an_ill_conditioned_valley():
    scales = np.array([1.0, 0.01])

    def grad(w):
        return scales * w

    w0 = np.array([1.0, 1.0])
    plain = gradient_descent(grad, w0, eta=1.0, n_steps=5000, tol=1e-6)
    heavy = momentum_descent(grad, w0, eta=1.0, beta=0.8, n_steps=5000, tol=1e-6)
    assert len(heavy) < len(plain) / 4


@pytest.mark.parametrize("beta", [-0.1, 1.0, 1.5])
def test_momentum_rejects_beta_outside_unit_interval(beta):
    with pytest.raises(ValueError, match=r"beta must be in \[0, 1\); got"):
        momentum_descent(bowl_grad, np.zeros(2), 0.1, beta, 10)


def test_descent_rejects_bad_input():
    with pytest.raises(ValueError, match=r"eta must be > 0; got -0\.1"):
        gradient_descent(bowl_grad, np.zeros(2), -0.1, 10)
    with pytest.raises(ValueError, match=r"n_steps must be an integer >= 0; got 2\.5"):
        gradient_descent(bowl_grad, np.zeros(2), 0.1, 2.5)
    with pytest.raises(
        ValueError, match=r"the gradient must have the shape of w, \(2,\); got \(3,\)"
    ):
        gradient_descent(lambda w: np.zeros(3), np.zeros(2), 0.1, 1)


@pytest.mark.parametrize(("n", "k"), [(10, 3), (10, 5), (7, 7), (5, 1)])
def test_batches_cover_every_sample_once(n, k):
    parts = list(batches(n, k, np.random.default_rng(0)))
    assert sorted(np.concatenate(parts).tolist()) == list(range(n))
    assert [len(p) for p in parts[:-1]] == [k] * (len(parts) - 1)
    assert len(parts[-1]) == (n % k or k)


def test_batches_reject_bad_sizes():
    with pytest.raises(
        ValueError,
        match=r"batch_size must be between 1 and 100 \(the number of samples\); got 0",
    ):
        list(batches(100, 0, np.random.default_rng(0)))
    with pytest.raises(ValueError, match=r"rng must be a np\.random\.Generator"):
        list(batches(100, 10, 0))


def test_linear_mse_grad_matches_numerical_gradient():
    rng = np.random.default_rng(0)
    X, y = linear_teacher(20, np.array([1.0, -2.0, 0.5]), 0.3, rng)
    w = rng.normal(size=3)
    numerical = numerical_gradient(lambda t: linear_mse(t, X, y), w)
    assert rel_error(linear_mse_grad(w, X, y), numerical) < 1e-7


def test_full_batch_minibatch_descent_is_gradient_descent():
    rng = np.random.default_rng(0)
    X, y = linear_teacher(30, np.array([1.0, -2.0]), 0.1, rng)
    history = minibatch_descent(
        linear_mse_grad, np.zeros(2), X, y, eta=0.1, batch_size=30, epochs=15, rng=rng
    )
    path = gradient_descent(lambda w: linear_mse_grad(w, X, y), np.zeros(2), 0.1, 15)
    np.testing.assert_allclose(history.w, path, rtol=1e-12, atol=1e-14)
    assert history.cost is None


def test_minibatch_history():
    rng = np.random.default_rng(0)
    X, y = linear_teacher(10, np.array([2.0]), 0.0, rng)
    history = minibatch_descent(
        linear_mse_grad,
        np.zeros(1),
        X,
        y,
        eta=0.2,
        batch_size=4,
        epochs=3,
        rng=rng,
        cost_fn=linear_mse,
    )
    assert isinstance(history, DescentHistory)
    # 3 batches (4, 4, 2) per epoch
    assert history.w.shape == (10, 1)
    assert history.examples_seen.tolist() == [0, 4, 8, 10, 14, 18, 20, 24, 28, 30]
    np.testing.assert_allclose(history.epoch, history.examples_seen / 10)
    assert history.cost[0] == linear_mse(np.zeros(1), X, y)
    assert history.cost[-1] < history.cost[0] / 2


def test_sgd_hovers_around_least_squares_as_the_theory_predicts():
    # With a fixed rate, SGD on a linear least-squares cost does not converge.
    # After the transient (here a factor (1 - eta * lambda_min)^(10 m) ~ 1e-40)
    # the error e_t = w_t - w* is stationary noise: e_{t+1} = (I - eta x x^T) e_t
    # + eta r x, with r = y - x.w* the residual at the least-squares weights.
    # To first order in eta its covariance Sigma solves H Sigma + Sigma H =
    # eta S, with H = X^T X / m and S the mean of r^2 x x^T. A single iterate
    # is then a draw with standard deviation sqrt(Sigma_ii) (about 0.016 here),
    # so one iterate cannot be held to better than a few of those; the mean
    # of N late iterates, correlated like an AR(1) process with coefficient
    # rho = 1 - eta * lambda_min at worst, can: its standard deviation is
    # sqrt(Sigma_ii (1 + rho) / ((1 - rho) N)), about 0.0035 here.
    rng = np.random.default_rng(0)
    X, y = linear_teacher(200, np.array([1.0, -2.0, 0.5]), 0.1, rng)
    eta, m = 0.05, len(y)
    history = minibatch_descent(
        linear_mse_grad, np.zeros(3), X, y, eta=eta, batch_size=1, epochs=10, rng=rng
    )
    best = np.linalg.lstsq(X, y)[0]
    r = y - X @ best
    H = X.T @ X / m
    S = (X * (r**2)[:, None]).T @ X / m
    lam, Q = np.linalg.eigh(H)
    sigma = Q @ (eta * (Q.T @ S @ Q) / (lam[:, None] + lam[None, :])) @ Q.T
    sd = np.sqrt(np.diag(sigma))
    late = history.w[history.epoch > 5]  # the last 5 epochs, 1000 iterates
    rms = np.sqrt(np.mean((late - best) ** 2, axis=0))
    # the spread of the late iterates is the predicted one, within 25 %
    assert np.all((0.75 * sd < rms) & (rms < 1.25 * sd)), (rms, sd)
    rho = 1 - eta * lam.min()
    sd_mean = sd * np.sqrt((1 + rho) / ((1 - rho) * len(late)))
    # their mean is w* within 4 of its standard deviations (about 0.014)
    np.testing.assert_array_less(np.abs(late.mean(axis=0) - best), 4 * sd_mean)
    # and the last iterate within 4 standard deviations of one draw
    np.testing.assert_array_less(np.abs(history.w[-1] - best), 4 * sd)


def test_minibatch_descent_rejects_bad_input():
    X, y = np.ones((100, 2)), np.ones(100)
    kwargs = dict(eta=0.1, batch_size=10, epochs=1, rng=np.random.default_rng(0))
    with pytest.raises(
        ValueError,
        match=r"X must be a 2-D array of shape \(n_samples, n_features\); "
        r"got shape \(3,\)",
    ):
        minibatch_descent(
            linear_mse_grad, np.zeros(2), np.ones(3), np.ones(3), **kwargs
        )
    with pytest.raises(
        ValueError, match="X and y must have the same number of samples; got 100 and 99"
    ):
        minibatch_descent(linear_mse_grad, np.zeros(2), X, y[:99], **kwargs)
    with pytest.raises(ValueError, match="X has NaN or inf values"):
        minibatch_descent(linear_mse_grad, np.zeros(2), X * np.nan, y, **kwargs)
    kwargs["batch_size"] = 101
    with pytest.raises(
        ValueError,
        match=r"batch_size must be between 1 and 100 "
        r"\(the number of samples\); got 101",
    ):
        minibatch_descent(linear_mse_grad, np.zeros(2), X, y, **kwargs)


def test_linear_helpers_check_shapes():
    with pytest.raises(
        ValueError,
        match=r"w must have shape \(n_features,\) = \(2,\) to match X; "
        r"got shape \(3,\)",
    ):
        linear_mse(np.zeros(3), np.ones((4, 2)), np.ones(4))
    with pytest.raises(ValueError, match=r"y must have shape \(n_samples,\) = \(4,\)"):
        linear_mse_grad(np.zeros(2), np.ones((4, 2)), np.ones(5))
