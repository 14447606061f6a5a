import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from gdbook.activations import sigmoid
from gdbook.gradcheck import numerical_gradient, rel_error
from gdbook.losses import (
    cross_entropy,
    cross_entropy_delta,
    cross_entropy_from_z,
    cross_entropy_grad,
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
