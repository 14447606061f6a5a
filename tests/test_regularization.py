import numpy as np
import pytest

from gdbook.gradcheck import numerical_gradient, rel_error
from gdbook.regularization import l2_grad, l2_penalty, weight_decay


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
    with pytest.raises(ValueError, match="weights must be a list of weight matrices"):
        l2_penalty(np.ones((2, 2)), 1.0, 3)
    with pytest.raises(ValueError, match="W has NaN or inf values"):
        l2_grad(np.array([[np.nan]]), 1.0, 3)
