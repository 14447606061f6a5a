import math
import tracemalloc

import numpy as np
import pytest

from gdbook.datasets import digits_split
from gdbook.gradcheck import numerical_gradient, rel_error
from gdbook.network import Network, TrainingHistory

SHAPES = [[2, 3, 1], [4, 5, 3, 2], [3, 2]]


def make_batch(sizes, n=6, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, sizes[0]))
    Y = rng.uniform(size=(n, sizes[-1]))  # soft targets exercise every term
    return X, Y


def numerical_network_gradient(net, X, Y, lmbda):
    """Central differences of net.cost in every weight and bias."""
    params = [*net.weights, *net.biases]
    grads = []
    for p in params:

        def cost_at(values, p=p):
            saved = p.copy()
            p[...] = values
            try:
                return net.cost(X, Y, lmbda, m=len(X))
            finally:
                p[...] = saved

        grads.append(numerical_gradient(cost_at, p))
    L = len(net.weights)
    return grads[L:], grads[:L]


# --- construction -------------------------------------------------------------


def test_parameter_shapes_and_scale():
    net = Network([400, 300, 10], seed=0)
    assert [W.shape for W in net.weights] == [(300, 400), (10, 300)]
    assert [b.shape for b in net.biases] == [(300,), (10,)]
    assert np.std(net.weights[0]) == pytest.approx(1 / np.sqrt(400), rel=0.02)
    assert np.std(net.biases[0]) == pytest.approx(1.0, rel=0.1)
    assert net.cost_name == "cross_entropy"


def test_seed_and_rng_give_reproducible_networks():
    a, b = Network([3, 4, 2], seed=7), Network([3, 4, 2], rng=np.random.default_rng(7))
    for Wa, Wb in zip(a.weights, b.weights, strict=True):
        np.testing.assert_array_equal(Wa, Wb)
    default = Network([3, 4, 2])
    np.testing.assert_array_equal(
        default.weights[0], Network([3, 4, 2], seed=0).weights[0]
    )
    assert not np.array_equal(a.weights[0], default.weights[0])


def test_forward_shapes():
    net = Network([4, 5, 3, 2], seed=0)
    X = np.ones((7, 4))
    zs, activations = net.forward(X)
    assert [z.shape for z in zs] == [(7, 5), (7, 3), (7, 2)]
    assert [a.shape for a in activations] == [(7, 4), (7, 5), (7, 3), (7, 2)]
    np.testing.assert_array_equal(activations[-1], net.feedforward(X))


# --- backpropagation against numerical derivatives ------------------------------


@pytest.mark.parametrize("sizes", SHAPES)
@pytest.mark.parametrize("cost", ["cross_entropy", "quadratic"])
@pytest.mark.parametrize("lmbda", [0.0, 0.7])
def test_backprop_matches_numerical_gradient(sizes, cost, lmbda):
    net = Network(sizes, cost=cost, seed=1)
    assert_backprop_matches_numerical(net, *make_batch(sizes), lmbda)


def assert_backprop_matches_numerical(net: Network, X, Y, lmbda: float) -> None:
    """backprop's gradients, plus the L2 term, equal central differences of cost."""
    nabla_b, nabla_w = net.backprop(X, Y)
    m = len(X)
    # the L2 term of Eq. (27) adds lmbda/m W to the gradient of every weight
    nabla_w = [nw + lmbda / m * W for nw, W in zip(nabla_w, net.weights, strict=True)]
    numerical_b, numerical_w = numerical_network_gradient(net, X, Y, lmbda)
    for analytic, numerical in zip(
        nabla_b + nabla_w, numerical_b + numerical_w, strict=True
    ):
        assert analytic.shape == numerical.shape
        assert rel_error(analytic, numerical) < 1e-7


@pytest.mark.parametrize("cost", ["cross_entropy", "quadratic"])
def test_batch_backprop_is_the_mean_of_per_example_backprops(cost):
    net = Network([4, 5, 3, 2], cost=cost, seed=2)
    X, Y = make_batch(net.sizes, n=9)
    nabla_b, nabla_w = net.backprop(X, Y)
    singles = [net.backprop(X[i : i + 1], Y[i : i + 1]) for i in range(len(X))]
    for l in range(len(net.weights)):
        np.testing.assert_allclose(
            nabla_b[l], np.mean([s[0][l] for s in singles], axis=0)
        )
        np.testing.assert_allclose(
            nabla_w[l], np.mean([s[1][l] for s in singles], axis=0)
        )


# --- one step of fit, by hand ---------------------------------------------------


def test_one_fit_step_by_hand():
    """A [2, 2, 1] network, cross-entropy, one epoch, one batch of both examples.

    Forward pass (a = sigmoid(z)):
      x = (1, 0): z1 = (0.1, -0.3 + 0.1) = (0.1, -0.2), a1 = (0.524979, 0.450166)
                  z2 = 0.5 a1_0 - 0.6 a1_1 + 0.2 = 0.192390, a2 = 0.547950
      x = (0, 1): z1 = (0.2, 0.4 + 0.1) = (0.2, 0.5),   a1 = (0.549834, 0.622459)
                  z2 = 0.101441, a2 = 0.525339
    Output errors, Eq. (26): delta2 = a2 - y = -0.452050 and 0.525339.
    Hidden errors, Eq. (22): delta1_j = W2[0, j] delta2 a1_j (1 - a1_j)
                  = (-0.056365, 0.067134) and (0.065015, -0.074074).
    Means over the batch of Eqs. (23)-(24), then Eqs. (28)-(29) with
    eta = 0.5, lmbda = 0.2, m = 2: decay = 1 - 0.5 * 0.2 / 2 = 0.95, e.g.
      W1[0, 0] = 0.95 * 0.1 - 0.5 * (-0.056365 * 1 + 0.065015 * 0) / 2 = 0.109091
      b2       = 0.2 - 0.5 * (-0.452050 + 0.525339) / 2               = 0.181678
    """
    net = Network([2, 2, 1], cost="cross_entropy")
    net.weights[0][:] = [[0.1, 0.2], [-0.3, 0.4]]
    net.biases[0][:] = [0.0, 0.1]
    net.weights[1][:] = [[0.5, -0.6]]
    net.biases[1][:] = [0.2]
    X = np.array([[1.0, 0.0], [0.0, 1.0]])
    Y = np.array([[1.0], [0.0]])

    net.fit(X, Y, epochs=1, batch_size=2, eta=0.5, lmbda=0.2, monitor=False)

    # The docstring's arithmetic, in scalars with math.exp: no NumPy, no matrices.
    def sig(t):
        return 1.0 / (1.0 + math.exp(-t))

    W1, b1 = [[0.1, 0.2], [-0.3, 0.4]], [0.0, 0.1]
    W2, b2 = [0.5, -0.6], 0.2
    g_W1, g_b1 = [[0.0, 0.0], [0.0, 0.0]], [0.0, 0.0]
    g_W2, g_b2 = [0.0, 0.0], 0.0
    for x, y in (((1.0, 0.0), 1.0), ((0.0, 1.0), 0.0)):
        a1 = [sig(W1[j][0] * x[0] + W1[j][1] * x[1] + b1[j]) for j in range(2)]
        d2 = sig(W2[0] * a1[0] + W2[1] * a1[1] + b2) - y  # Eq. (26)
        d1 = [W2[j] * d2 * a1[j] * (1 - a1[j]) for j in range(2)]  # Eq. (22)
        g_b2 += d2 / 2  # means over the batch of two, Eqs. (23)-(24)
        for j in range(2):
            g_W2[j] += d2 * a1[j] / 2
            g_b1[j] += d1[j] / 2
            for k in range(2):
                g_W1[j][k] += d1[j] * x[k] / 2
    decay = 1 - 0.5 * 0.2 / 2  # Eq. (29) with eta = 0.5, lmbda = 0.2, m = 2
    assert decay == 0.95
    want_W1 = [
        [decay * W1[j][k] - 0.5 * g_W1[j][k] for k in range(2)] for j in range(2)
    ]
    want_b1 = [b1[j] - 0.5 * g_b1[j] for j in range(2)]
    want_W2 = [[decay * W2[j] - 0.5 * g_W2[j] for j in range(2)]]
    np.testing.assert_allclose(net.weights[0], want_W1, rtol=1e-14)
    np.testing.assert_allclose(net.biases[0], want_b1, rtol=1e-14, atol=1e-17)
    np.testing.assert_allclose(net.weights[1], want_W2, rtol=1e-14)
    np.testing.assert_allclose(net.biases[1], [b2 - 0.5 * g_b2], rtol=1e-14)
    # and the six-decimal values worked out in the docstring
    assert round(net.weights[0][0, 0], 6) == 0.109091
    assert round(net.biases[1][0], 6) == 0.181678


def reference_fit(net, X, Y, epochs, batch_size, eta, lmbda, rng):
    """Eqs. (13)-(29) written out directly: rows, sigmoid_prime(z), A @ W.T."""
    sigmoid = lambda z: 1.0 / (1.0 + np.exp(-z))  # noqa: E731
    sigmoid_prime = lambda z: sigmoid(z) * (1.0 - sigmoid(z))  # noqa: E731
    weights = [W.copy() for W in net.weights]
    biases = [b.copy() for b in net.biases]
    m = len(X)
    for _ in range(epochs):
        order = rng.permutation(m)
        for start in range(0, m, batch_size):
            idx = order[start : start + batch_size]
            zs, activations = [], [X[idx]]
            for W, b in zip(weights, biases, strict=True):
                zs.append(activations[-1] @ W.T + b)
                activations.append(sigmoid(zs[-1]))
            delta = activations[-1] - Y[idx]
            if net.cost_name == "quadratic":
                delta = delta * sigmoid_prime(zs[-1])
            delta /= len(idx)
            for l in reversed(range(len(weights))):
                nabla_b, nabla_w = delta.sum(axis=0), delta.T @ activations[l]
                if l > 0:
                    delta = (delta @ weights[l]) * sigmoid_prime(zs[l - 1])
                weights[l] = (1 - eta * lmbda / m) * weights[l] - eta * nabla_w
                biases[l] = biases[l] - eta * nabla_b
    return weights, biases


@pytest.mark.parametrize("cost", ["cross_entropy", "quadratic"])
@pytest.mark.parametrize("batch_size", [1, 7, 50])
def test_fit_matches_the_equations_written_out(cost, batch_size):
    """Several epochs of fit against reference_fit, to rounding (1e-12)."""
    rng = np.random.default_rng(5)
    X = rng.random((200, 40))
    Y = np.eye(4)[rng.integers(0, 4, len(X))]
    net = Network([40, 12, 6, 4], cost=cost, seed=3)
    expected = reference_fit(
        net, X, Y, 3, batch_size, 0.5, 2.0, np.random.default_rng(9)
    )
    net.fit(X, Y, 3, batch_size, 0.5, 2.0, rng=np.random.default_rng(9), monitor=False)
    for got, want in zip(
        net.weights + net.biases, expected[0] + expected[1], strict=True
    ):
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-12)


# --- training -------------------------------------------------------------------


def test_digits_accuracy_of_the_seeded_run():
    """The seeded run of chapter 7's settings with lmbda = 1.

    On this machine it gets 296 of 300 test digits and 288 of 300 validation
    digits right, and its training cost falls from 2.01 to 0.60. The margin of
    two digits allows a borderline digit or two to flip where another BLAS
    rounds differently; a real regression (a wrong gradient, a wrong decay)
    costs far more than two digits.
    """
    (X_train, Y_train), validation, (X_test, Y_test) = digits_split(seed=0)
    net = Network([64, 30, 10], cost="cross_entropy", seed=0)
    history = net.fit(
        X_train,
        Y_train,
        epochs=40,
        batch_size=10,
        eta=0.5,
        lmbda=1.0,
        validation_data=validation,
    )
    assert round(net.accuracy(X_test, Y_test) * 300) >= 296 - 2
    assert history.training_cost[-1] < 0.35 * history.training_cost[0]
    assert round(history.validation_accuracy[-1] * 300) >= 288 - 2


def test_history():
    net = Network([2, 3, 2], seed=0)
    X, Y = make_batch(net.sizes, n=10)
    Y = np.eye(2)[np.argmax(Y, axis=1)]
    history = net.fit(
        X, Y, epochs=4, batch_size=3, eta=0.5, lmbda=0.1, validation_data=(X[:4], Y[:4])
    )
    assert isinstance(history, TrainingHistory)
    for values in (
        history.training_cost,
        history.training_accuracy,
        history.validation_cost,
        history.validation_accuracy,
    ):
        assert values.shape == (4,)

    # Recomputed here from Eqs. (13), (14), (25) and (27), without the network's
    # own cost or accuracy code.
    def measured(X_, Y_, lmbda):
        a = X_
        for W, b in zip(net.weights, net.biases, strict=True):
            a = 1.0 / (1.0 + np.exp(-(a @ W.T + b)))
        c0 = -np.sum(Y_ * np.log(a) + (1 - Y_) * np.log(1 - a)) / len(X_)
        penalty = lmbda / (2 * len(X)) * sum(np.sum(W**2) for W in net.weights)
        return c0 + penalty, np.mean(np.argmax(a, axis=1) == np.argmax(Y_, axis=1))

    train_cost, train_acc = measured(X, Y, 0.1)
    val_cost, val_acc = measured(X[:4], Y[:4], 0.0)
    assert history.training_cost[-1] == pytest.approx(train_cost, rel=1e-12)
    assert history.validation_cost[-1] == pytest.approx(val_cost, rel=1e-12)
    assert history.training_accuracy[-1] == train_acc
    assert history.validation_accuracy[-1] == val_acc
    quiet = net.fit(X, Y, epochs=1, batch_size=3, eta=0.5, monitor=False)
    assert quiet == TrainingHistory(None, None, None, None)


def test_cost_takes_the_training_set_size_for_the_penalty():
    net = Network([3, 4, 2], seed=0)
    X, Y = make_batch(net.sizes, n=5)
    squares = sum(float(np.sum(W**2)) for W in net.weights)
    # the penalty of Eq. (27) divides by m, not by the 5 rows evaluated
    extra = net.cost(X, Y, lmbda=0.3, m=1000) - net.cost(X, Y)
    assert extra == pytest.approx(0.3 / (2 * 1000) * squares, rel=1e-12)
    assert net.cost(X, Y, m=1000) == net.cost(X, Y)  # lmbda = 0: m plays no part
    with pytest.raises(ValueError, match="give m, the number of training examples"):
        net.cost(X, Y, lmbda=0.3)
    with pytest.raises(ValueError, match="m must be an integer >= 1; got 0"):
        net.cost(X, Y, lmbda=0.3, m=0)


def test_feedforward_is_the_last_activation_of_forward():
    net = Network([5, 7, 3], seed=4)
    X = np.random.default_rng(0).normal(size=(6, 5))
    np.testing.assert_array_equal(net.feedforward(X), net.forward(X)[1][-1])
    z = X @ net.weights[0].T + net.biases[0]  # Eq. (4.3), the code's one path
    np.testing.assert_array_equal(net.forward(X)[0][0], z)


def test_fit_is_reproducible_and_respects_rng():
    X, Y = make_batch([3, 4, 2], n=20)
    runs = []
    for _ in range(2):
        net = Network([3, 4, 2], seed=0)
        net.fit(X, Y, epochs=2, batch_size=5, eta=0.5, rng=np.random.default_rng(3))
        runs.append(net.weights[0])
    np.testing.assert_array_equal(*runs)


def test_fit_does_not_copy_or_modify_the_data():
    rng = np.random.default_rng(0)
    X = rng.random((20_000, 100))  # 16 MB
    Y = np.eye(10)[rng.integers(0, 10, len(X))]
    X_before = X.copy()
    net = Network([100, 30, 10], seed=0)
    tracemalloc.start()
    net.fit(X, Y, epochs=1, batch_size=50, eta=0.5, lmbda=1.0, monitor=False)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 1_000_000  # batch-sized temporaries and one permutation
    np.testing.assert_array_equal(X, X_before)


def test_predict_and_accuracy():
    net = Network([2, 3], seed=0)
    net.weights[0][:] = [[1.0, 0.0], [0.0, 1.0], [-1.0, -1.0]]
    net.biases[0][:] = 0.0
    X = np.array([[2.0, 0.0], [0.0, 2.0], [-2.0, -2.0], [3.0, 0.0]])
    assert net.predict(X).tolist() == [0, 1, 2, 0]
    Y = np.eye(3)[[0, 1, 2, 1]]
    assert net.accuracy(X, Y) == 0.75
    single = Network([1, 1], seed=0)
    single.weights[0][:] = 1.0
    single.biases[0][:] = 0.0
    assert single.predict(np.array([[-1.0], [0.0], [1.0]])).tolist() == [0, 1, 1]
    # the tie is on the computed output: sigmoid(-1e-17) is exactly 0.5 in
    # float64, so this slightly negative weighted input is class 1 too
    assert single.feedforward(np.array([[-1e-17]]))[0, 0] == 0.5
    assert single.predict(np.array([[-1e-17], [-1e-3]])).tolist() == [1, 0]


def test_backprop_uses_sigmoid_prime_of_z_even_in_saturation():
    """sigma' is sigmoid_prime(z) in backprop, exactly even: not a (1 - a).

    At z = 40, a rounds to 1 and a (1 - a) would give 0; sigmoid_prime(40)
    is 4.2e-18, as at z = -40. The gradient equals quadratic_delta's.
    """
    from gdbook.activations import sigmoid, sigmoid_prime
    from gdbook.losses import quadratic_delta

    grads = []
    for z, y in ((40.0, 0.0), (-40.0, 1.0)):
        net = Network([1, 1], cost="quadratic")
        net.weights[0][:] = z / 2
        net.biases[0][:] = z / 2
        nabla_b, _ = net.backprop(np.array([[1.0]]), np.array([[y]]))
        Z = np.array([[z]])
        assert nabla_b[0][0] == quadratic_delta(np.array([[y]]), sigmoid(Z), Z)[0, 0]
        grads.append(float(nabla_b[0][0]))
    assert grads[0] == -grads[1] == float(sigmoid_prime(40.0)) > 0


def test_cost_of_a_saturated_network_is_finite():
    net = Network([1, 1], cost="cross_entropy")
    net.weights[0][:] = 1000.0
    z = 1000.0 + net.biases[0][0]  # sigmoid(z) rounds to 1, the target is 0
    assert net.cost(np.array([[1.0]]), np.array([[0.0]])) == pytest.approx(z)


# --- the softmax output layer with the log-likelihood cost ---------------------


def one_hot_batch(sizes, n=6, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, sizes[0]))
    Y = np.eye(sizes[-1])[rng.integers(0, sizes[-1], n)]
    return X, Y


@pytest.mark.parametrize("sizes", [[2, 3, 2], [4, 5, 3, 4], [3, 5]])
@pytest.mark.parametrize("lmbda", [0.0, 0.7])
def test_log_likelihood_backprop_matches_numerical_gradient(sizes, lmbda):
    net = Network(sizes, cost="log_likelihood", seed=1)
    assert_backprop_matches_numerical(net, *one_hot_batch(sizes), lmbda)


def test_log_likelihood_network_outputs_softmax_and_its_cost():
    from gdbook.activations import sigmoid, softmax
    from gdbook.losses import log_likelihood, log_likelihood_from_z

    net = Network([4, 5, 3], cost="log_likelihood", seed=0)
    X, Y = one_hot_batch(net.sizes, n=7)
    zs, activations = net.forward(X)
    np.testing.assert_array_equal(activations[-1], softmax(zs[-1]))
    np.testing.assert_array_equal(activations[1], sigmoid(zs[0]))  # hidden: sigmoid
    np.testing.assert_allclose(net.feedforward(X).sum(axis=1), 1.0)
    assert net.cost(X, Y) == pytest.approx(log_likelihood_from_z(Y, zs[-1]))
    assert net.cost(X, Y) == pytest.approx(log_likelihood(Y, activations[-1]))
    np.testing.assert_array_equal(net.predict(X), zs[-1].argmax(axis=1))
    assert repr(net) == "Network([4, 5, 3], cost='log_likelihood')"


def test_log_likelihood_output_error_is_a_minus_y():
    net = Network([3, 4], cost="log_likelihood", seed=2)
    X, Y = one_hot_batch(net.sizes, n=1)
    nabla_b, nabla_w = net.backprop(X, Y)
    delta = net.feedforward(X) - Y  # Eq. (5.10), one example
    np.testing.assert_allclose(nabla_b[0], delta[0])
    np.testing.assert_allclose(nabla_w[0], delta.T @ X)


def test_log_likelihood_network_learns_the_digits():
    (X, Y), (X_val, Y_val), _ = digits_split(seed=0)
    net = Network([64, 30, 10], cost="log_likelihood", seed=0)
    hist = net.fit(X[:300], Y[:300], epochs=10, batch_size=10, eta=0.5)
    assert hist.training_cost[-1] < hist.training_cost[0]
    assert net.accuracy(X_val, Y_val) > 0.85


def test_log_likelihood_network_refuses_targets_that_are_not_one_hot():
    net = Network([2, 3], cost="log_likelihood", seed=0)
    X = np.ones((2, 2))
    for Y in (np.full((2, 3), 1 / 3), np.array([[1.0, 1.0, 0.0], [0.0, 0.0, 1.0]])):
        with pytest.raises(ValueError, match="Y must be one-hot rows for cost"):
            net.backprop(X, Y)
        with pytest.raises(ValueError, match="Y must be one-hot rows for cost"):
            net.fit(X, Y, epochs=1, batch_size=1, eta=0.1)
        with pytest.raises(ValueError, match="Y must be one-hot rows for cost"):
            net.cost(X, Y)


# --- bad input ------------------------------------------------------------------


def test_bad_construction():
    with pytest.raises(
        ValueError, match=r"sizes must be positive integers; got \[3, 0, 1\]"
    ):
        Network([3, 0, 1])
    with pytest.raises(
        ValueError, match=r"sizes must be positive integers; got \[3, 2.5\]"
    ):
        Network([3, 2.5])
    with pytest.raises(ValueError, match=r"sizes must list at least two layers"):
        Network([3])
    with pytest.raises(
        ValueError,
        match="unknown cost 'foo'; expected 'cross_entropy' or 'quadratic' or "
        "'log_likelihood'",
    ):
        Network([2, 1], cost="foo")
    with pytest.raises(
        ValueError, match="cost 'log_likelihood' needs at least two output neurons"
    ):
        Network([3, 1], cost="log_likelihood")
    with pytest.raises(ValueError, match="give seed or rng, not both"):
        Network([2, 1], seed=0, rng=np.random.default_rng(0))


def test_bad_data():
    net = Network([4, 3, 2], seed=0)
    X, Y = np.ones((5, 4)), np.ones((5, 2))
    with pytest.raises(
        ValueError,
        match=r"X must be a 2-D array of shape \(n_samples, n_features\); "
        r"got shape \(4,\)",
    ):
        net.feedforward(np.ones(4))
    with pytest.raises(
        ValueError, match="X has 5 features but the network's input layer has 4 neurons"
    ):
        net.feedforward(np.ones((3, 5)))
    with pytest.raises(
        ValueError, match="Y has 3 columns but the network's output layer has 2 neurons"
    ):
        net.backprop(X, np.ones((5, 3)))
    with pytest.raises(
        ValueError, match="X and Y must have the same number of samples; got 5 and 4"
    ):
        net.cost(X, Y[:4])
    with pytest.raises(ValueError, match="X has NaN or inf values"):
        net.fit(np.full((5, 4), np.nan), Y, 1, 1, 0.1)
    with pytest.raises(ValueError, match="Y has NaN or inf values"):
        net.accuracy(X, np.full((5, 2), np.inf))


def test_bad_parameters():
    net = Network([4, 3, 2], seed=0)
    net.weights[1][0, 0] = np.nan
    with pytest.raises(ValueError, match=r"weights\[1\] has NaN or inf values"):
        net.feedforward(np.ones((2, 4)))
    net = Network([4, 3, 2], seed=0)
    net.biases[0] = np.zeros(4)
    with pytest.raises(
        ValueError,
        match=r"weights\[0\] and biases\[0\] must have shapes \(3, 4\) and \(3,\)",
    ):
        net.predict(np.ones((2, 4)))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"eta": -0.1}, "eta must be > 0; got -0.1"),
        ({"eta": 0}, "eta must be > 0; got 0"),
        (
            {"batch_size": 0},
            r"batch_size must be between 1 and 100 \(the number of samples\); got 0",
        ),
        (
            {"batch_size": 101},
            r"batch_size must be between 1 and 100 \(the number of samples\); got 101",
        ),
        ({"epochs": 0}, "epochs must be an integer >= 1; got 0"),
        ({"lmbda": -1.0}, "lmbda must be >= 0; got -1.0"),
        ({"rng": 3}, "rng must be a np.random.Generator"),
        (
            {"validation_data": np.ones((3, 4))},
            r"validation_data must be a pair \(X_val, Y_val\)",
        ),
        ({"validation_data": (np.ones((3, 5)), np.ones((3, 2)))}, "X has 5 features"),
    ],
)
def test_bad_fit_arguments(kwargs, message):
    net = Network([4, 3, 2], seed=0)
    X, Y = np.ones((100, 4)), np.ones((100, 2))
    args = {"epochs": 1, "batch_size": 10, "eta": 0.5} | kwargs
    with pytest.raises(ValueError, match=message):
        net.fit(X, Y, **args)


# --- learning-rate schedules and early stopping (fit) ----------------------------


def _classification_data(seed=0, n=60):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 4))
    Y = np.eye(2)[(X[:, 0] + 0.5 * X[:, 1] > 0).astype(int)]
    return X, Y


def test_fit_with_a_schedule_uses_one_rate_per_epoch():
    """A schedule of the epoch is a constant rate within each epoch."""
    from gdbook.schedules import step_decay

    X, Y = _classification_data()
    schedule = step_decay(2.0, 0.5, every=2)
    net = Network([4, 5, 2], seed=1)
    hist = net.fit(X, Y, 5, 8, schedule, 0.3, rng=np.random.default_rng(2))
    np.testing.assert_array_equal(hist.eta, [2.0, 2.0, 1.0, 1.0, 0.5])
    assert hist.stopped_epoch == hist.kept_epoch == 5
    # the same as five fits of one epoch each, at those rates, on one generator
    ref, rng = Network([4, 5, 2], seed=1), np.random.default_rng(2)
    for eta in hist.eta:
        ref.fit(X, Y, 1, 8, float(eta), 0.3, rng=rng, monitor=False)
    for got, want in zip(
        net.weights + net.biases, ref.weights + ref.biases, strict=True
    ):
        np.testing.assert_array_equal(got, want)


def test_fit_with_a_number_records_it_every_epoch():
    X, Y = _classification_data()
    hist = Network([4, 3, 2], seed=0).fit(X, Y, 3, 10, 0.7, monitor=False)
    np.testing.assert_array_equal(hist.eta, [0.7, 0.7, 0.7])
    assert (hist.stopped_epoch, hist.kept_epoch) == (3, 3)


def test_fit_refuses_bad_schedules():
    X, Y = _classification_data()
    net = Network([4, 3, 2], seed=0)
    with pytest.raises(ValueError, match=r"at t = 2 it returned -0\.1"):
        net.fit(X, Y, 4, 10, lambda t: 0.5 if t < 2 else -0.1)
    with pytest.raises(ValueError, match="at t = 0 it returned nan"):
        net.fit(X, Y, 4, 10, lambda t: float("nan"))
    with pytest.raises(ValueError, match="eta must be a learning rate > 0 or a"):
        net.fit(X, Y, 4, 10, "0.5")
    # the weight-decay factor is checked at every epoch's rate
    with pytest.raises(ValueError, match="the weight-decay factor"):
        net.fit(X, Y, 4, 10, lambda t: 0.5 * 10**t, lmbda=1.0)


def test_early_stopping_keeps_the_parameters_of_the_lowest_validation_cost():
    """Train too long on a few noisy examples, so the validation cost turns up."""
    rng = np.random.default_rng(0)
    X, Y = _classification_data(seed=1, n=40)
    flip = rng.random(len(Y)) < 0.25  # label noise to overfit
    Y[flip] = Y[flip][:, ::-1]
    X_val, Y_val = _classification_data(seed=2, n=200)
    net = Network([4, 20, 2], seed=3)
    patience = 5
    hist = net.fit(
        X,
        Y,
        300,
        5,
        1.0,
        rng=np.random.default_rng(4),
        validation_data=(X_val, Y_val),
        patience=patience,
    )
    cost = hist.validation_cost
    assert hist.stopped_epoch < 300
    assert len(cost) == len(hist.eta) == len(hist.training_cost) == hist.stopped_epoch
    best = int(np.argmin(cost)) + 1
    assert hist.kept_epoch == best
    assert hist.stopped_epoch == best + patience  # stopped right when patience ran out
    assert np.all(cost[best:] >= cost[best - 1])
    # the network holds the parameters of the kept epoch
    assert net.cost(X_val, Y_val) == pytest.approx(cost[best - 1], rel=1e-12)
    # which are those of a fit run for exactly kept_epoch epochs
    again = Network([4, 20, 2], seed=3)
    again.fit(X, Y, best, 5, 1.0, rng=np.random.default_rng(4), monitor=False)
    for got, want in zip(
        net.weights + net.biases, again.weights + again.biases, strict=True
    ):
        np.testing.assert_array_equal(got, want)


def test_early_stopping_that_never_triggers_keeps_the_best_epoch():
    X, Y = _classification_data()
    net = Network([4, 3, 2], seed=0)
    hist = net.fit(X, Y, 6, 10, 0.5, validation_data=(X, Y), patience=100)
    assert hist.stopped_epoch == 6
    assert hist.kept_epoch == int(np.argmin(hist.validation_cost)) + 1
    assert net.cost(X, Y) == pytest.approx(hist.validation_cost.min(), rel=1e-12)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"patience": 0}, "patience must be an integer >= 1; got 0"),
        ({"patience": 2.0}, r"patience must be an integer >= 1; got 2\.0"),
        ({"patience": True}, "patience must be an integer >= 1; got True"),
        ({"patience": 3, "validation_data": None}, "give validation_data"),
        ({"patience": 3, "monitor": False}, "keep monitor=True"),
    ],
)
def test_bad_early_stopping_arguments(kwargs, message):
    X, Y = _classification_data()
    args = {"validation_data": (X, Y)} | kwargs
    with pytest.raises(ValueError, match=message):
        Network([4, 3, 2], seed=0).fit(X, Y, 2, 10, 0.5, **args)
