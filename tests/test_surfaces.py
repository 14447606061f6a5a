import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from gdbook.descent import gradient_descent, momentum_descent
from gdbook.gradcheck import numerical_gradient, rel_error
from gdbook.surfaces import (
    SURFACES,
    bowl,
    bowl_grad,
    double_well,
    double_well_grad,
    valley,
    valley_grad,
)

points = arrays(np.float64, 2, elements=st.floats(-3, 3))


def test_surfaces_registry_names_every_pair():
    assert SURFACES == {
        "bowl": (bowl, bowl_grad),
        "valley": (valley, valley_grad),
        "double_well": (double_well, double_well_grad),
    }


@pytest.mark.parametrize("name", sorted(SURFACES))
@given(w=points)
def test_gradient_matches_central_differences(name, w):
    f, grad = SURFACES[name]
    analytic = grad(w)
    numeric = numerical_gradient(f, w)
    assert analytic.shape == (2,)
    if np.max(np.abs(analytic)) < 1e-3:  # near a stationary point: absolute
        assert np.max(np.abs(analytic - numeric)) < 1e-8
    else:
        assert rel_error(analytic, numeric) < 1e-7


@pytest.mark.parametrize("name", sorted(SURFACES))
@pytest.mark.parametrize("w", [[0.3, -1.7], [2.0, 1.0], [-1.1, 0.05]])
def test_gradient_at_fixed_points(name, w):
    f, grad = SURFACES[name]
    assert rel_error(grad(np.array(w)), numerical_gradient(f, np.array(w))) < 1e-7


def test_values_at_known_points():
    assert bowl(np.array([3.0, 4.0])) == 25.0
    assert valley(np.array([1.0, 1.0])) == 13.0
    assert double_well(np.array([-1.0, 0.0])) == -0.5
    assert double_well(np.array([1.0, 0.0])) == 0.5
    assert isinstance(bowl([1, 2]), float)  # lists and ints are accepted


@pytest.mark.parametrize("name", sorted(SURFACES))
@pytest.mark.parametrize(
    ("w", "match"),
    [
        (np.zeros(3), r"shape \(2,\)"),
        (np.zeros((2, 1)), r"shape \(2,\)"),
        (1.0, r"shape \(2,\)"),
        (np.array([np.nan, 0.0]), "NaN or inf"),
        (np.array([np.inf, 0.0]), "NaN or inf"),
        ("ab", "real number"),
        (None, "NaN or inf"),  # np.asarray(None, float) is NaN
    ],
)
def test_bad_input_raises(name, w, match):
    f, grad = SURFACES[name]
    with pytest.raises(ValueError, match=match):
        f(w)
    with pytest.raises(ValueError, match=match):
        grad(w)


def test_input_is_not_modified():
    w = np.array([2.0, 1.0])
    for f, grad in SURFACES.values():
        f(w)
        grad(w)
    assert w.tolist() == [2.0, 1.0]


def test_minima_are_stationary():
    assert bowl_grad(np.zeros(2)).tolist() == [0.0, 0.0]
    assert valley_grad(np.zeros(2)).tolist() == [0.0, 0.0]
    # The critical points of the double well along w1: 4x^3 - 4x + 1/2 = 0.
    left, ridge, right = np.sort(np.roots([4.0, 0.0, -4.0, 0.5]).real)
    for x in (left, ridge, right):
        assert np.abs(double_well_grad(np.array([x, 0.0]))).max() < 1e-12
    assert double_well(np.array([left, 0.0])) < double_well(np.array([right, 0.0]))
    assert double_well(np.array([ridge, 0.0])) > double_well(np.array([right, 0.0]))


def test_plain_descent_stays_in_the_shallow_well_and_momentum_escapes():
    w0, eta = np.array([2.0, 1.0]), 0.02
    left, _, right = np.sort(np.roots([4.0, 0.0, -4.0, 0.5]).real)
    plain = gradient_descent(double_well_grad, w0, eta, 2000, tol=1e-8)
    assert np.allclose(plain[-1], [right, 0.0], atol=1e-6)
    assert np.all(plain[:, 0] > 0.5)  # it never came near the ridge
    for beta in (0.7, 0.8, 0.9, 0.95):
        heavy = momentum_descent(double_well_grad, w0, eta, beta, 2000, tol=1e-8)
        assert np.allclose(heavy[-1], [left, 0.0], atol=1e-6), beta
        assert double_well(heavy[-1]) < double_well(plain[-1]) - 0.9


def test_which_momentum_coefficients_cross_the_ridge():
    # the sweep behind the docstring of double_well: 0.70, 0.71, ..., 0.95
    w0, eta = np.array([2.0, 1.0]), 0.02
    betas = np.round(np.arange(0.70, 0.955, 0.01), 2)
    assert len(betas) == 26
    shallow = [
        float(beta)
        for beta in betas
        if momentum_descent(double_well_grad, w0, eta, beta, 3000, tol=1e-8)[-1, 0] > 0
    ]
    assert shallow == [0.91, 0.92, 0.93]


def test_momentum_is_faster_along_the_valley():
    w0 = np.array([-4.0, 1.0])
    plain = gradient_descent(valley_grad, w0, 0.03, 5000, tol=1e-6)
    heavy = momentum_descent(valley_grad, w0, 0.03, 0.8, 5000, tol=1e-6)
    assert len(heavy) < len(plain) / 3
    # Plain descent zigzags across the valley: w2 changes sign at every step
    # when eta is above 1/25, half the stability limit 2/25.
    zigzag = gradient_descent(valley_grad, w0, 0.07, 10)
    assert np.all(np.sign(zigzag[1:, 1]) != np.sign(zigzag[:-1, 1]))
