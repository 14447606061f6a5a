import numpy as np
import pytest

import gdbook.datasets
from gdbook.datasets import (
    digits_split,
    linear_teacher,
    load_digits,
    one_hot,
    two_blobs,
    xor,
)


def test_linear_teacher():
    w_true = np.array([1.0, -2.0, 0.5])
    X, y = linear_teacher(50, w_true, 0.0, np.random.default_rng(0))
    assert X.shape == (50, 3) and y.shape == (50,)
    np.testing.assert_allclose(y, X @ w_true)
    _, noisy = linear_teacher(5000, w_true, 0.5, np.random.default_rng(0))
    X, _ = linear_teacher(5000, w_true, 0.5, np.random.default_rng(0))
    assert np.std(noisy - X @ w_true) == pytest.approx(0.5, rel=0.05)


@pytest.mark.parametrize("make", [two_blobs, xor])
def test_synthetic_sets_are_seeded(make):
    X1, y1 = make(40, np.random.default_rng(5))
    X2, y2 = make(40, np.random.default_rng(5))
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    assert X1.shape == (40, 2) and y1.shape == (40,)
    assert set(np.unique(y1)) <= {0, 1}


def test_two_blobs_are_balanced_and_apart():
    X, y = two_blobs(101, np.random.default_rng(0))
    assert np.bincount(y).tolist() == [51, 50]
    assert np.all(X[y == 0].mean(axis=0) < -0.8) and np.all(
        X[y == 1].mean(axis=0) > 0.8
    )


def test_xor_labels():
    X, y = xor(200, np.random.default_rng(0))
    np.testing.assert_array_equal(y, np.sign(X[:, 0]) != np.sign(X[:, 1]))
    assert np.all(np.abs(X) <= 1)


def test_one_hot():
    np.testing.assert_array_equal(
        one_hot(np.array([1, 0, 1]), 2), [[0, 1], [1, 0], [0, 1]]
    )
    with pytest.raises(
        ValueError, match=r"labels must be in \[0, 3\); got values in \[0, 3\]"
    ):
        one_hot(np.array([0, 3]), 3)
    with pytest.raises(ValueError, match="labels must be a 1-D array of integers"):
        one_hot(np.array([0.5]), 3)


def test_load_digits():
    images, target = load_digits()
    assert images.shape == (1797, 8, 8) and images.dtype == np.uint8
    assert target.shape == (1797,) and target.dtype == np.uint8
    assert images.max() == 16 and set(target.tolist()) == set(range(10))


def test_load_digits_rejects_a_bad_checksum(monkeypatch):
    monkeypatch.setattr(gdbook.datasets, "DIGITS_SHA256", "0" * 64)
    with pytest.raises(
        RuntimeError, match=r"digits\.npz has SHA-256 a7e90fa7.* the file is damaged"
    ):
        load_digits()


def test_digits_split():
    (X_train, Y_train), (X_val, Y_val), (X_test, Y_test) = digits_split(seed=0)
    assert X_train.shape == (1197, 64) and Y_train.shape == (1197, 10)
    assert X_val.shape == (300, 64) and X_test.shape == (300, 64)
    assert X_train.dtype == np.float64 and X_train.min() == 0.0 and X_train.max() == 1.0
    np.testing.assert_array_equal(Y_test.sum(axis=1), 1.0)
    # disjoint and covering: every image lands in exactly one set
    rows = np.concatenate([X_train, X_val, X_test])
    assert len(np.unique(rows, axis=0)) == len(
        np.unique(load_digits()[0].reshape(-1, 64), axis=0)
    )
    # stratified: each digit's share within one example of its share overall
    overall = np.bincount(load_digits()[1]) / 1797
    for Y in (Y_train, Y_val, Y_test):
        assert np.all(np.abs(Y.sum(axis=0) - overall * len(Y)) <= 1.0)


def test_digits_split_is_reproducible_and_seeded():
    a, b, c = digits_split(seed=3), digits_split(seed=3), digits_split(seed=4)
    np.testing.assert_array_equal(a[0][0], b[0][0])
    assert not np.array_equal(a[0][0], c[0][0])


def test_digits_split_sizes():
    train, validation, test = digits_split(n_train=100, n_validation=50, n_test=20)
    assert [len(s[0]) for s in (train, validation, test)] == [100, 50, 20]
    with pytest.raises(ValueError, match=r"must be at most 1797 .* got 1800"):
        digits_split(n_train=1500, n_validation=200, n_test=100)
    with pytest.raises(ValueError, match="n_test must be an integer >= 1; got 0"):
        digits_split(n_test=0)


def test_bad_inputs():
    with pytest.raises(ValueError, match=r"rng must be a np\.random\.Generator"):
        two_blobs(10, 0)
    with pytest.raises(ValueError, match="n_samples must be an integer >= 1; got 0"):
        xor(0, np.random.default_rng(0))
    with pytest.raises(ValueError, match="noise must be >= 0; got -1"):
        linear_teacher(10, np.ones(2), -1, np.random.default_rng(0))


def test_noisy_sine_points_and_noise():
    from gdbook.datasets import noisy_sine

    x, y = noisy_sine(50, 0.0, np.random.default_rng(0))
    assert x.shape == y.shape == (50,)
    assert np.all(np.diff(x) >= 0) and -1 <= x.min() and x.max() <= 1
    np.testing.assert_array_equal(y, np.sin(np.pi * x))
    x, y = noisy_sine(400, 0.3, np.random.default_rng(1), even=True)
    np.testing.assert_array_equal(x, np.linspace(-1, 1, 400))
    assert 0.27 < np.std(y - np.sin(np.pi * x)) < 0.33
    with pytest.raises(ValueError, match="noise must be >= 0"):
        noisy_sine(5, -0.1, np.random.default_rng(0))
    with pytest.raises(ValueError, match="n_samples must be an integer >= 2"):
        noisy_sine(1, 0.1, np.random.default_rng(0), even=True)
