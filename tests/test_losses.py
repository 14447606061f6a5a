import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from gdbook.activations import sigmoid, softmax, softmax_jacobian
from gdbook.gradcheck import numerical_gradient, rel_error
from gdbook.losses import (
    cross_entropy,
    cross_entropy_delta,
    cross_entropy_from_z,
    cross_entropy_grad,
    log_likelihood,
    log_likelihood_delta,
    log_likelihood_from_z,
    log_likelihood_grad,
    mse,
    mse_grad,
    quadratic,
    quadratic_delta,
    quadratic_grad,
    sse,
    sse_grad,
)

shapes = st.one_of(
    st.tuples(st.integers(1, 6)), st.tuples(st.integers(1, 6), st.integers(1, 4))
)


def assume_not_flat(residual):
    """Keep the examples whose gradient is of order one.

    A gradient near zero leaves only the rounding noise of the central
    differences, whose relative error would be meaningless.
    """
    assume(np.max(np.abs(residual)) > 0.1)


@st.composite
def targets_and_logits(draw):
    """Targets in [0, 1] and weighted inputs z of moderate size, same shape."""
    shape = draw(shapes)
    y = draw(arrays(np.float64, shape, elements=st.floats(0, 1)))
    z = draw(arrays(np.float64, shape, elements=st.floats(-3, 3)))
    return y, z


def test_known_values():
    y, y_hat = np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([[0.5, 0.0], [0.0, 0.0]])
    assert sse(y, y_hat) == 0.5 * (0.25 + 1.0)
    assert mse(y, y_hat) == 0.5 * (0.25 + 1.0) / 2
    assert quadratic(y, y_hat) == mse(y, y_hat)
    a = np.array([[0.5, 0.25]])
    expected = -(np.log(0.5) + np.log(0.75))
    assert cross_entropy(np.array([[1.0, 0.0]]), a) == pytest.approx(expected)


@given(targets_and_logits())
def test_sse_and_mse_gradients(data):
    y, y_hat = data
    assume_not_flat(y_hat - y)
    assert (
        rel_error(sse_grad(y, y_hat), numerical_gradient(lambda t: sse(y, t), y_hat))
        < 1e-7
    )
    assert (
        rel_error(mse_grad(y, y_hat), numerical_gradient(lambda t: mse(y, t), y_hat))
        < 1e-7
    )


@given(targets_and_logits())
def test_quadratic_grad_is_the_per_example_gradient(data):
    y, z = data
    a = sigmoid(z)
    assume_not_flat(a - y)
    m = len(y)
    # the gradient of the mean cost is the per-example gradient over m
    numerical = m * numerical_gradient(lambda t: quadratic(y, t), a)
    assert rel_error(quadratic_grad(y, a), numerical) < 1e-7


@given(targets_and_logits())
def test_cross_entropy_grad_is_the_per_example_gradient(data):
    y, z = data
    a = sigmoid(z)
    assume_not_flat(a - y)
    m = len(y)
    numerical = m * numerical_gradient(lambda t: cross_entropy(y, t), a, eps=1e-6)
    assert rel_error(cross_entropy_grad(y, a), numerical) < 1e-7


@given(targets_and_logits())
def test_quadratic_delta_is_dC_dz(data):
    y, z = data
    assume_not_flat(sigmoid(z) - y)
    m = len(y)
    numerical = m * numerical_gradient(lambda t: quadratic(y, sigmoid(t)), z)
    assert rel_error(quadratic_delta(y, sigmoid(z), z), numerical) < 1e-7


@given(targets_and_logits())
def test_cross_entropy_delta_is_dC_dz(data):
    y, z = data
    assume_not_flat(sigmoid(z) - y)
    m = len(y)
    numerical = m * numerical_gradient(lambda t: cross_entropy_from_z(y, t), z)
    assert rel_error(cross_entropy_delta(y, sigmoid(z), z), numerical) < 1e-7
    through_a = m * numerical_gradient(lambda t: cross_entropy(y, sigmoid(t)), z)
    assert rel_error(cross_entropy_delta(y, sigmoid(z), z), through_a) < 1e-7


@given(targets_and_logits())
def test_cross_entropy_from_z_agrees_with_cross_entropy(data):
    y, z = data
    assert cross_entropy_from_z(y, z) == pytest.approx(
        cross_entropy(y, sigmoid(z)), rel=1e-12
    )


def test_cross_entropy_is_finite_at_the_edges_without_warnings():
    y = np.array([[1.0, 0.0]])
    assert cross_entropy(y, np.array([[1.0, 0.0]])) == 0.0  # 0 ln 0 counts as 0
    wrong = cross_entropy(y, np.array([[0.0, 1.0]]))
    assert np.isfinite(wrong) and wrong > 1000  # two confident mistakes
    assert cross_entropy_from_z(y, np.array([[-800.0, 800.0]])) == pytest.approx(1600.0)
    assert cross_entropy_from_z(y, np.array([[800.0, -800.0]])) == 0.0


def test_one_dimensional_targets():
    y, a = np.array([1.0, 0.0, 1.0]), np.array([0.5, 0.5, 1.0])
    assert quadratic(y, a) == pytest.approx((0.25 + 0.25) / 6)
    assert quadratic_grad(y, a).shape == (3,)


def test_delta_functions_share_a_signature():
    y, z = np.array([[1.0, 0.0]]), np.array([[0.3, -0.2]])
    for delta in (quadratic_delta, cross_entropy_delta):
        assert delta(y=y, a=sigmoid(z), z=z).shape == (1, 2)


@pytest.mark.parametrize("f", [sse, sse_grad, mse, mse_grad, quadratic, quadratic_grad])
def test_mismatched_shapes(f):
    with pytest.raises(
        ValueError, match=r"y and \w+ must have the same shape; got y \(3,\)"
    ):
        f(np.zeros(3), np.zeros((3, 1)))


def test_bad_inputs():
    with pytest.raises(
        ValueError, match=r"y must be a 1-D array .* got shape \(2, 2, 2\)"
    ):
        sse(np.zeros((2, 2, 2)), np.zeros((2, 2, 2)))
    with pytest.raises(ValueError, match="y_hat has NaN or inf values"):
        mse(np.zeros(2), np.array([0.0, np.nan]))
    with pytest.raises(ValueError, match="y has NaN or inf values"):
        quadratic(np.array([np.inf]), np.zeros(1))
    with pytest.raises(
        ValueError, match=r"a must be in \[0, 1\]; got values in \[-0.5, 0.5\]"
    ):
        cross_entropy(np.zeros(2), np.array([-0.5, 0.5]))
    with pytest.raises(ValueError, match=r"y must be in \[0, 1\]"):
        cross_entropy_from_z(np.array([2.0]), np.zeros(1))
    with pytest.raises(ValueError, match=r"a must be in the open interval \(0, 1\)"):
        cross_entropy_grad(np.array([1.0]), np.array([1.0]))
    with pytest.raises(ValueError, match=r"y and z must have the same shape"):
        cross_entropy_delta(np.zeros((2, 1)), np.zeros((2, 1)), np.zeros(2))


# --- log-likelihood with softmax outputs ------------------------------------------


def one_hot_and_logits(n=5, classes=4, seed=0, scale=2.0):
    rng = np.random.default_rng(seed)
    y = np.eye(classes)[rng.integers(0, classes, n)]
    return y, rng.normal(0, scale, (n, classes))


def test_log_likelihood_known_values():
    y = np.array([[0.0, 1.0, 0.0]])
    assert log_likelihood(y, np.array([[0.2, 0.5, 0.3]])) == pytest.approx(np.log(2))
    assert log_likelihood(y, np.array([[0.0, 1.0, 0.0]])) == 0.0
    capped = log_likelihood(y, np.array([[0.5, 0.0, 0.5]]))
    assert capped == pytest.approx(-np.log(np.finfo(float).tiny))
    z = np.array([[0.0, 0.0]])
    assert log_likelihood_from_z(np.array([[1.0, 0.0]]), z) == pytest.approx(np.log(2))


@pytest.mark.parametrize("seed", range(5))
def test_log_likelihood_from_z_agrees_with_log_likelihood(seed):
    y, z = one_hot_and_logits(seed=seed)
    assert log_likelihood_from_z(y, z) == pytest.approx(log_likelihood(y, softmax(z)))


def test_log_likelihood_from_z_is_exact_where_softmax_rounds_to_zero():
    y = np.array([[0.0, 1.0]])
    assert log_likelihood_from_z(y, np.array([[1000.0, 0.0]])) == 1000.0
    assert log_likelihood_from_z(y, np.array([[-1000.0, 0.0]])) == 0.0


@pytest.mark.parametrize("seed", range(3))
def test_log_likelihood_grad_is_the_per_example_gradient(seed):
    y, z = one_hot_and_logits(seed=seed, scale=0.5)  # no tiny a: 1/a is tame
    a = softmax(z)
    # the activations as independent variables (rows need not sum to 1 here)
    numerical = numerical_gradient(lambda t: -float(np.sum(y * np.log(t))), a)
    assert rel_error(log_likelihood_grad(y, a), numerical) < 1e-7


@pytest.mark.parametrize("seed", range(3))
def test_log_likelihood_delta_is_dC_dz(seed):
    y, z = one_hot_and_logits(seed=seed)
    delta = log_likelihood_delta(y, softmax(z), z)
    numerical = numerical_gradient(lambda t: log_likelihood_from_z(y, t), z)
    assert rel_error(delta / len(y), numerical) < 1e-7
    # the chain rule through the Jacobian gives the same a - y
    chained = np.einsum(
        "rj,rjk->rk", log_likelihood_grad(y, softmax(z)), softmax_jacobian(z)
    )
    np.testing.assert_allclose(chained, delta, atol=1e-12)


def test_log_likelihood_delta_shares_the_signature():
    y, z = one_hot_and_logits(n=2, classes=3)
    assert log_likelihood_delta(y=y, a=softmax(z), z=z).shape == (2, 3)


def test_log_likelihood_bad_inputs():
    y, z = one_hot_and_logits(n=3, classes=3)
    a = softmax(z)
    with pytest.raises(ValueError, match=r"y must be one-hot rows, a 2-D array"):
        log_likelihood(np.array([1.0, 0.0]), np.array([0.5, 0.5]))
    with pytest.raises(
        ValueError, match="y must be one-hot rows: all 0 but a single 1"
    ):
        log_likelihood(np.array([[0.5, 0.5]]), np.array([[0.5, 0.5]]))
    with pytest.raises(
        ValueError, match="y must be one-hot rows: all 0 but a single 1"
    ):
        log_likelihood_from_z(np.array([[1.0, 1.0]]), np.zeros((1, 2)))
    with pytest.raises(ValueError, match="y must be one-hot rows"):
        log_likelihood_delta(np.array([[0.0, 0.0]]), np.array([[0.5, 0.5]]), z[:1, :2])
    with pytest.raises(ValueError, match="each row of a must sum to 1"):
        log_likelihood(y, a * 0.9)
    with pytest.raises(ValueError, match=r"a must be in \[0, 1\]"):
        log_likelihood_grad(np.array([[1.0, 0.0]]), np.array([[1.5, -0.5]]))
    with pytest.raises(
        ValueError, match="a must give the true class a probability > 0"
    ):
        log_likelihood_grad(np.array([[1.0, 0.0]]), np.array([[0.0, 1.0]]))
    with pytest.raises(ValueError, match="y and a must have the same shape"):
        log_likelihood(y, a[:, :2])
    with pytest.raises(ValueError, match="z has NaN or inf values"):
        log_likelihood_from_z(y, np.full((3, 3), np.nan))
    with pytest.raises(ValueError, match=r"y and z must have the same shape"):
        log_likelihood_delta(y, a, z[:2])
