import itertools

import numpy as np
import pytest

from gdbook.datasets import noisy_sine
from gdbook.gradcheck import numerical_gradient, rel_error
from gdbook.losses import mse
from gdbook.regularization import (
    l2_grad,
    l2_penalty,
    polynomial,
    polynomial_features,
    ridge_fit,
    weight_decay,
)


def test_l2_penalty_sums_every_matrix():
    weights = [np.array([[1.0, -2.0], [0.0, 3.0]]), np.array([[4.0]])]
    assert l2_penalty(weights, lmbda=2.0, m=10) == 2.0 / 20 * (1 + 4 + 9 + 16)
    assert l2_penalty(weights, lmbda=0.0, m=10) == 0.0


@pytest.mark.parametrize("shape", [(3, 2), (1, 5)])
def test_l2_grad_matches_numerical_gradient(shape):
    W = np.random.default_rng(0).normal(size=shape)
    numerical = numerical_gradient(lambda t: l2_penalty([t], 0.7, 13), W)
    assert rel_error(l2_grad(W, 0.7, 13), numerical) < 1e-7


def test_weight_decay_is_a_gradient_step_on_the_penalty():
    rng = np.random.default_rng(1)
    W, nabla_w = rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
    eta, lmbda, m = 0.5, 5.0, 100
    decayed = weight_decay(eta, lmbda, m) * W - eta * nabla_w  # Eq. (29)
    plain = W - eta * (nabla_w + l2_grad(W, lmbda, m))  # Eq. (3) on Eq. (27)
    np.testing.assert_allclose(decayed, plain, rtol=1e-14)
    assert weight_decay(0.5, 0.0, 10) == 1.0


def test_bad_inputs():
    with pytest.raises(ValueError, match="lmbda must be >= 0; got -1"):
        l2_grad(np.ones((2, 2)), -1, 3)
    with pytest.raises(ValueError, match="m must be an integer >= 1; got 0"):
        l2_penalty([np.ones((2, 2))], 1.0, 0)
    with pytest.raises(ValueError, match=r"eta must be > 0; got -0\.1"):
        weight_decay(-0.1, 1.0, 10)
    # Eq. (29) shrinks the weights only while the factor is positive: refuse
    # eta * lmbda >= m (the factor would zero or flip every weight).
    with pytest.raises(ValueError, match=r"eta\*lmbda < m; got eta\*lmbda = 500\.0"):
        weight_decay(1.0, 500.0, 300)
    with pytest.raises(ValueError, match=r"factor 0\)"):
        weight_decay(1.0, 300.0, 300)
    assert 0.0 < weight_decay(0.5, 100.0, 300) < 1.0  # lab 06's largest lmbda
    with pytest.raises(ValueError, match="weights must be a list of weight matrices"):
        l2_penalty(np.ones((2, 2)), 1.0, 3)
    with pytest.raises(ValueError, match="W has NaN or inf values"):
        l2_grad(np.array([[np.nan]]), 1.0, 3)


# ridge_fit, polynomial_features and polynomial: the closed-form L2 fit of
# chapter 6's interactive figure.


def ridge_cost(w, b, X, y, lmbda):
    """Eq. (27) with the quadratic C0 of Eq. (4): what ridge_fit minimizes."""
    return mse(y, b + X @ w) + l2_penalty([w], lmbda, len(y))


@pytest.mark.parametrize("lmbda", [0.0, 1e-3, 0.5, 30.0])
def test_ridge_fit_zeroes_the_gradient_of_the_cost(lmbda):
    rng = np.random.default_rng(3)
    X, y = rng.normal(size=(15, 4)), rng.normal(size=15)
    w, b = ridge_fit(X, y, lmbda)
    p = np.r_[b, w]
    numeric = numerical_gradient(lambda q: ridge_cost(q[1:], q[0], X, y, lmbda), p)
    # the gradient at the minimum is zero: central differences find only
    # their own error, far below the gradient at a point nearby
    nearby = numerical_gradient(lambda q: ridge_cost(q[1:], q[0], X, y, lmbda), p + 0.1)
    assert np.abs(numeric).max() < 1e-8 * np.abs(nearby).max()


@pytest.mark.parametrize("lmbda", [0.0, 1e-6, 1e-2, 1.0, 100.0])
def test_ridge_fit_solves_the_normal_equations_as_lapack_does(lmbda):
    # The same minimizer from NumPy's least squares on the augmented system
    # (1 X; 0 sqrt(lmbda) I), which never forms X^T X. The polynomial problem
    # of the figure is ill-conditioned at lmbda = 0 (condition number of the
    # normal equations about 1e7), so the two solutions agree to about
    # 1e-16 times that, not to the last bit.
    rng = np.random.default_rng(2)
    x, y = noisy_sine(10, 0.25, rng, even=True)
    X = polynomial_features(x, 9)
    A = np.c_[np.ones(len(x)), X]
    penalty = np.sqrt(lmbda) * np.eye(10)[1:]
    want = np.linalg.lstsq(np.r_[A, penalty], np.r_[y, np.zeros(9)], rcond=None)[0]
    w, b = ridge_fit(X, y, lmbda)
    cond = np.linalg.cond(A.T @ A + lmbda * np.diag([0.0] + [1.0] * 9))
    np.testing.assert_allclose(
        np.r_[b, w], want, rtol=0, atol=1e-15 * cond * np.abs(want).max()
    )


def test_ridge_fit_shrinks_the_weights_but_not_the_bias():
    rng = np.random.default_rng(4)
    X, y = rng.normal(size=(20, 3)), 5.0 + rng.normal(size=20)
    norms = [np.linalg.norm(ridge_fit(X, y, lm)[0]) for lm in (0.0, 1.0, 10.0, 1e3)]
    assert all(a > b for a, b in itertools.pairwise(norms))
    w, b = ridge_fit(X, y, 1e12)
    assert np.abs(w).max() < 1e-9
    assert b == pytest.approx(np.mean(y), rel=1e-9)  # the bias is not penalized


def test_ridge_fit_one_feature_by_hand():
    # (m sum x; sum x sum x^2 + lambda) (b; w) = (sum y; sum xy)
    X, y = np.array([[0.0], [1.0], [2.0]]), np.array([1.0, 3.0, 5.0])
    w, b = ridge_fit(X, y, 2.0)
    np.testing.assert_allclose(
        np.array([[3.0, 3.0], [3.0, 7.0]]) @ [b, w[0]], [9.0, 13.0], rtol=1e-14
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((np.ones(3), np.ones(3), 0.1), "X must be a 2-D array"),
        ((np.ones((3, 1)), np.ones(2), 0.1), "X has 3 rows but y has 2"),
        ((np.ones((3, 1)), np.ones(3), -1.0), "lmbda must be >= 0"),
        ((np.array([[np.nan]]), np.ones(1), 0.1), "NaN or inf"),
        ((np.ones((2, 3)), np.ones(2), 0.0), "singular"),  # 2 examples, 4 parameters
        ((np.array([[1.0, 1.0], [2.0, 2.0], [3.0, 3.0]]), np.ones(3), 0.0), "singular"),
    ],
)
def test_ridge_fit_rejects_bad_input(args, message):
    with pytest.raises(ValueError, match=message):
        ridge_fit(*args)


def test_polynomial_features_are_the_powers():
    x = np.linspace(-1.3, 1.1, 7)
    np.testing.assert_allclose(
        polynomial_features(x, 5), np.vander(x, 6, increasing=True)[:, 1:], rtol=1e-15
    )
    with pytest.raises(ValueError, match="degree must be an integer >= 1"):
        polynomial_features(x, 0)
    with pytest.raises(ValueError, match="x must be a 1-D array"):
        polynomial_features(x[:, None], 2)


def test_polynomial_evaluates_the_model():
    rng = np.random.default_rng(5)
    x, w, b = rng.uniform(-1, 1, 30), rng.normal(size=6), 0.7
    np.testing.assert_allclose(
        polynomial(x, w, b), b + polynomial_features(x, 6) @ w, rtol=1e-12, atol=1e-14
    )
    with pytest.raises(ValueError, match="at least one weight"):
        polynomial(x, np.array([]), b)
    with pytest.raises(ValueError, match="b must be a number"):
        polynomial(x, w, np.ones(2))
