import numpy as np
import pytest

from gdbook.activations import sigmoid, sigmoid_prime
from gdbook.datasets import two_blobs
from gdbook.gradcheck import numerical_gradient, rel_error
from gdbook.losses import sse
from gdbook.neuron import delta_rule_step, error_term, predict, train_delta_rule


@pytest.fixture
def data():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(8, 3))
    y = rng.integers(0, 2, 8).astype(float)
    w = rng.normal(size=3)
    return w, X, y


def test_predict_is_sigmoid_of_weighted_input(data):
    w, X, _ = data
    np.testing.assert_allclose(predict(w, X), sigmoid(X @ w))


def test_error_term_is_prediction_minus_target_times_f_prime():
    h = np.array([0.0, 1.0])
    y_hat = sigmoid(h)
    expected = (y_hat - np.array([1.0, 0.0])) * sigmoid_prime(h)
    np.testing.assert_allclose(error_term(np.array([1.0, 0.0]), y_hat, h), expected)


def test_error_term_is_the_derivative_of_the_error_in_h():
    # delta = dE/dh for E = (y - f(h))^2 / 2, one example at a time
    y = np.array([1.0, 0.0, 1.0])
    h = np.array([-0.7, 0.4, 2.0])
    for mu in range(3):
        numeric = numerical_gradient(
            lambda t, mu=mu: 0.5 * float((y[mu] - sigmoid(t[0])) ** 2),
            h[mu : mu + 1],
        )
        got = error_term(y[mu : mu + 1], sigmoid(h[mu : mu + 1]), h[mu : mu + 1])
        assert rel_error(got, numeric) < 1e-7


def test_sum_of_delta_x_is_the_gradient_of_the_sse(data):
    w, X, y = data
    h = X @ w
    delta = error_term(y, predict(w, X), h)
    numerical = numerical_gradient(lambda t: sse(y, predict(t, X)), w)
    assert rel_error(X.T @ delta, numerical) < 1e-7


def test_delta_rule_step_is_gradient_descent_on_the_sse(data):
    w, X, y = data
    numerical = numerical_gradient(lambda t: sse(y, predict(t, X)), w)
    np.testing.assert_allclose(
        delta_rule_step(w, X, y, eta=0.3), w - 0.3 * numerical, rtol=1e-8
    )


def test_delta_rule_step_leaves_w_alone(data):
    w, X, y = data
    before = w.copy()
    delta_rule_step(w, X, y, eta=0.3)
    np.testing.assert_array_equal(w, before)


def test_training_separates_two_blobs():
    X, y = two_blobs(100, np.random.default_rng(0))
    X1 = np.column_stack([np.ones(len(X)), X])  # a bias input
    weights, errors = train_delta_rule(np.zeros(3), X1, y, eta=0.1, epochs=200)
    assert weights.shape == (201, 3) and errors.shape == (201,)
    assert errors[0] == sse(y, predict(np.zeros(3), X1)) == 12.5
    assert np.all(np.diff(errors) <= 1e-12)  # a small eta descends steadily
    assert np.mean((predict(weights[-1], X1) >= 0.5) == y) >= 0.95


def test_bad_inputs(data):
    w, X, y = data
    with pytest.raises(
        ValueError,
        match=r"w must have shape \(n_features,\) = \(3,\) to match X; "
        r"got shape \(2,\)",
    ):
        predict(w[:2], X)
    with pytest.raises(ValueError, match=r"y must have shape \(n_samples,\) = \(8,\)"):
        delta_rule_step(w, X, y[:5], eta=0.1)
    with pytest.raises(ValueError, match="eta must be > 0; got 0"):
        delta_rule_step(w, X, y, eta=0)
    with pytest.raises(ValueError, match="epochs must be an integer >= 1; got 0"):
        train_delta_rule(w, X, y, eta=0.1, epochs=0)
    with pytest.raises(ValueError, match=r"y and h must have the same shape"):
        error_term(y, y, y[:3])
    with pytest.raises(ValueError, match="X has NaN or inf values"):
        predict(w, np.full((2, 3), np.inf))
