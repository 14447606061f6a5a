import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from gdbook.activations import (
    identity,
    identity_prime,
    sigmoid,
    sigmoid_prime,
    softmax,
    softmax_jacobian,
)
from gdbook.gradcheck import numerical_gradient, rel_error

finite_floats = st.floats(-1e300, 1e300, allow_nan=False)


def test_sigmoid_values():
    assert sigmoid(0.0) == 0.5
    np.testing.assert_allclose(sigmoid(np.log(3.0)), 0.75)
    np.testing.assert_allclose(
        sigmoid(np.array([-1.0, 1.0])), [0.268941, 0.731059], rtol=1e-5
    )


def test_sigmoid_saturates_without_warnings():
    # pyproject's filterwarnings = error turns any overflow warning into a failure
    assert sigmoid(-1000.0) == 0.0
    assert sigmoid(1000.0) == 1.0
    assert sigmoid(np.inf) == 1.0 and sigmoid(-np.inf) == 0.0
    assert sigmoid_prime(-1000.0) == 0.0 and sigmoid_prime(1000.0) == 0.0


def test_sigmoid_keeps_relative_precision_of_tiny_outputs():
    np.testing.assert_allclose(
        sigmoid(-40.0), np.exp(-40.0) / (1 + np.exp(-40.0)), rtol=1e-15
    )


@given(arrays(np.float64, st.integers(0, 20), elements=finite_floats))
def test_sigmoid_in_unit_interval_and_symmetric(z):
    s = sigmoid(z)
    assert s.shape == z.shape
    assert np.all((s >= 0) & (s <= 1))
    np.testing.assert_allclose(s + sigmoid(-z), 1.0, atol=1e-15)


@given(st.lists(finite_floats, min_size=2, max_size=10))
def test_sigmoid_is_monotone(values):
    z = np.sort(np.array(values))
    assert np.all(np.diff(sigmoid(z)) >= 0)


@given(arrays(np.float64, st.integers(0, 20), elements=finite_floats))
def test_sigmoid_prime_is_exactly_even(z):
    np.testing.assert_array_equal(sigmoid_prime(-z), sigmoid_prime(z))


def test_sigmoid_prime_keeps_relative_precision_in_both_tails():
    # s (1 - s) gave 0 at z = 40 (s rounds to 1) and 4.2e-18 at z = -40
    want = np.exp(-40.0) / (1 + np.exp(-40.0)) ** 2
    for z in (40.0, -40.0):
        np.testing.assert_allclose(sigmoid_prime(z), want, rtol=1e-15)
    z = np.linspace(-30.0, 0.0, 31)  # where s (1 - s) is itself accurate
    s = sigmoid(z)
    np.testing.assert_allclose(sigmoid_prime(z), s * (1 - s), rtol=1e-12, atol=1e-17)


@pytest.mark.parametrize("shape", [(7,), (3, 4), (2, 3, 2)])
def test_sigmoid_prime_matches_numerical_gradient(shape):
    z = np.random.default_rng(0).normal(0, 3, shape)
    numerical = numerical_gradient(lambda t: np.sum(sigmoid(t)), z)
    assert rel_error(sigmoid_prime(z), numerical) < 1e-7


def test_identity_pair():
    z = np.array([[-1.5, 2.0]])
    np.testing.assert_array_equal(identity(z), z)
    np.testing.assert_array_equal(identity_prime(z), np.ones_like(z))
    numerical = numerical_gradient(lambda t: np.sum(identity(t)), z)
    assert rel_error(identity_prime(z), numerical) < 1e-7


def test_scalars_in_scalars_out():
    assert float(sigmoid(2)) == pytest.approx(0.8807970779778823)
    assert np.ndim(sigmoid_prime(0.0)) == 0


@pytest.mark.parametrize("f", [sigmoid, sigmoid_prime, identity, identity_prime])
def test_non_numeric_input_is_rejected(f):
    with pytest.raises(ValueError, match="z must be a real number or an array"):
        f("abc")


# --- softmax --------------------------------------------------------------------


def test_softmax_values_and_shapes():
    a = softmax(np.array([[0.0, np.log(3.0)], [5.0, 5.0]]))
    np.testing.assert_allclose(a, [[0.25, 0.75], [0.5, 0.5]])
    assert softmax(np.array([2.0, 1.0, 0.0])).shape == (3,)
    np.testing.assert_array_equal(softmax(np.array([7.0])), [1.0])


@given(
    arrays(
        np.float64,
        st.tuples(st.integers(1, 5), st.integers(1, 6)),
        elements=st.floats(-1e3, 1e3),
    )
)
def test_softmax_rows_are_distributions_and_shift_invariant(z):
    a = softmax(z)
    assert np.all((a >= 0) & (a <= 1))
    np.testing.assert_allclose(a.sum(axis=1), 1.0, rtol=1e-12)
    np.testing.assert_allclose(softmax(z - 17.0), a, atol=1e-12)


def test_softmax_does_not_overflow():
    # pyproject's filterwarnings = error turns an overflow warning into a failure
    np.testing.assert_array_equal(softmax(np.array([1000.0, 0.0])), [1.0, 0.0])
    np.testing.assert_allclose(softmax(np.array([-1000.0, -1000.0])), [0.5, 0.5])


@pytest.mark.parametrize("n_outputs", [1, 2, 5])
def test_softmax_jacobian_matches_numerical_gradient(n_outputs):
    z = np.random.default_rng(3).normal(0, 2, (4, n_outputs))
    jac = softmax_jacobian(z)
    assert jac.shape == (4, n_outputs, n_outputs)
    for row in range(4):
        for j in range(n_outputs):
            numerical = numerical_gradient(
                lambda t, j=j, row=row: float(softmax(t)[j]), z[row]
            )
            if n_outputs == 1:
                np.testing.assert_allclose(jac[row, j], numerical, atol=1e-10)
            else:
                assert rel_error(jac[row, j], numerical) < 1e-7


def test_softmax_jacobian_is_symmetric_with_rows_summing_to_zero():
    z = np.array([0.3, -1.2, 2.0])
    jac = softmax_jacobian(z)
    a = softmax(z)
    np.testing.assert_allclose(jac, np.diag(a) - np.outer(a, a))
    np.testing.assert_allclose(jac, jac.T)
    np.testing.assert_allclose(jac.sum(axis=1), 0.0, atol=1e-15)


@pytest.mark.parametrize("f", [softmax, softmax_jacobian])
def test_softmax_bad_input(f):
    with pytest.raises(ValueError, match=r"z must be a 1-D .* got shape \(\)"):
        f(1.0)
    with pytest.raises(ValueError, match=r"got shape \(2, 2, 2\)"):
        f(np.zeros((2, 2, 2)))
    with pytest.raises(ValueError, match=r"n_outputs >= 1; got shape \(3, 0\)"):
        f(np.zeros((3, 0)))
    with pytest.raises(ValueError, match="z has NaN or inf values"):
        f(np.array([0.0, np.nan]))
    with pytest.raises(ValueError, match="z must be a real number or an array"):
        f(np.array(["a", "b"], dtype=object))
