import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from gdbook.gradcheck import numerical_gradient, rel_error

values = st.floats(-1e6, 1e6, allow_nan=False)
vectors = arrays(np.float64, 5, elements=values)


@pytest.mark.parametrize("shape", [(), (4,), (2, 3), (2, 2, 2)])
def test_numerical_gradient_of_a_quadratic_form(shape):
    rng = np.random.default_rng(0)
    x = rng.normal(size=shape)
    A = rng.normal(size=shape)
    # f(x) = sum(A x^2) has gradient 2 A x; central differences are exact for it
    numerical = numerical_gradient(lambda t: np.sum(A * t**2), x)
    assert numerical.shape == x.shape
    assert rel_error(numerical, 2 * A * x) < 1e-9


def test_numerical_gradient_leaves_x_alone():
    x = np.array([[1.0, 2.0], [3.0, 4.0]])
    before = x.copy()
    numerical_gradient(lambda t: float(np.prod(t)), x)
    np.testing.assert_array_equal(x, before)


def test_numerical_gradient_accepts_lists_and_integers():
    np.testing.assert_allclose(
        numerical_gradient(lambda t: np.sum(t**2), [1, 2]), [2, 4]
    )


def test_numerical_gradient_rejects_bad_input():
    with pytest.raises(ValueError, match="f must be callable; got int"):
        numerical_gradient(3, np.zeros(2))
    with pytest.raises(ValueError, match="eps must be > 0; got 0"):
        numerical_gradient(np.sum, np.zeros(2), eps=0)
    with pytest.raises(ValueError, match="x has NaN or inf values"):
        numerical_gradient(np.sum, np.array([np.nan]))


def test_rel_error_definition():
    a, b = np.array([1.0, -2.0]), np.array([1.5, -2.0])
    # entry by entry: |1 - 1.5| / (1 + 1.5) = 0.2, and 0 for the second entry
    assert rel_error(a, b) == 0.2
    assert rel_error(np.zeros(3), np.zeros(3)) == 0.0
    assert rel_error(np.array([1.0]), np.array([-1.0])) == 1.0
    # below the floor (1e-2 of the largest entry) an entry is compared with it
    assert rel_error([1.0, 0.0], [1.0, 2e-4]) == pytest.approx(2e-4 / 2e-2)
    assert rel_error([1.0, 0.0], [1.0, 2e-4], floor=1.0) == pytest.approx(1e-4)


def test_rel_error_catches_a_wrong_sign_on_a_small_entry():
    # Normalizing by the largest entry gave 1e-8 here, a pass at 1e-7.
    assert rel_error([1.0, 1e-8], [1.0, -1e-8]) > 1e-7
    assert rel_error([1.0, 1e-2], [1.0, -1e-2]) == 1.0
    # a gradient with one tiny entry whose sign is wrong fails the book's check
    rng = np.random.default_rng(0)
    W = rng.normal(size=(3, 3))
    W[1, 2] = 1e-6
    numerical = numerical_gradient(lambda t: float(np.sum(t**2)), W)
    wrong = 2 * W
    wrong[1, 2] *= -1
    assert rel_error(2 * W, numerical) < 1e-7
    assert rel_error(wrong, numerical) > 1e-7


def test_rel_error_rejects_a_bad_floor():
    with pytest.raises(ValueError, match="floor must be > 0; got 0"):
        rel_error([1.0], [1.0], floor=0)
    with pytest.raises(ValueError, match="floor must be <= 1; got 2"):
        rel_error([1.0], [1.0], floor=2)


@given(vectors, vectors)
def test_rel_error_is_symmetric_and_bounded(a, b):
    e = rel_error(a, b)
    assert e == rel_error(b, a)
    assert 0.0 <= e <= 1.0


@given(vectors, vectors, st.floats(1e-3, 1e3))
def test_rel_error_is_scale_invariant(a, b, c):
    assume(np.max(np.abs(a) + np.abs(b)) > 1e-3)
    assert rel_error(c * a, c * b) == pytest.approx(
        rel_error(a, b), rel=1e-9, abs=1e-15
    )


@given(vectors)
def test_rel_error_is_zero_only_for_equal_arrays(a):
    assert rel_error(a, a) == 0.0
    assert rel_error(a, a + 1.0) > 0.0


def test_rel_error_rejects_mismatched_shapes():
    with pytest.raises(
        ValueError, match=r"a and b must have the same shape; got a \(2,\)"
    ):
        rel_error(np.zeros(2), np.zeros(3))
