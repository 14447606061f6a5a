"""Data sets of the book: seeded synthetic sets and the packaged digits.

Every synthetic set takes a ``np.random.Generator``, so the same generator
state gives the same data. The digits ship with the package (see
``gdbook/data/LICENSE-digits.txt``); nothing is downloaded.
"""

import hashlib
import io
from importlib.resources import files
from typing import Any

import numpy as np

from gdbook._validate import (
    as_float,
    check_finite,
    check_int_in_range,
    check_nonnegative,
    check_rng,
)

__all__ = [
    "DIGITS_SHA256",
    "digits_split",
    "linear_teacher",
    "load_digits",
    "noisy_sine",
    "one_hot",
    "two_blobs",
    "xor",
]

DIGITS_SHA256 = "a7e90fa73760e8f2b1dedf547e10a262714d3855f807565302a081a95da5177c"

Split = tuple[np.ndarray, np.ndarray]


def linear_teacher(
    n_samples: int, w_true: Any, noise: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    r"""Inputs and noisy targets of a linear teacher, $y = X w + \varepsilon$.

    Parameters
    ----------
    n_samples : int
        Number of examples, >= 1.
    w_true : ndarray of shape (n_features,)
        The teacher's weights.
    noise : float
        Standard deviation of the Gaussian noise $\varepsilon$, >= 0.
    rng : np.random.Generator
        Source of the inputs (standard normal) and of the noise.

    Returns
    -------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.datasets import linear_teacher
    >>> X, y = linear_teacher(100, np.array([2.0, -1.0]), 0.0, np.random.default_rng(0))
    >>> X.shape, y.shape
    ((100, 2), (100,))
    >>> print(np.linalg.lstsq(X, y)[0])
    [ 2. -1.]
    """
    n_samples = check_int_in_range(n_samples, "n_samples", 1)
    w_true = check_finite(as_float(w_true, "w_true"), "w_true")
    if w_true.ndim != 1:
        msg = f"w_true must be a 1-D array of shape (n_features,); got {w_true.shape}"
        raise ValueError(msg)
    noise = check_nonnegative(noise, "noise")
    rng = check_rng(rng)
    X = rng.standard_normal((n_samples, len(w_true)))
    y = X @ w_true + noise * rng.standard_normal(n_samples)
    return X, y


def two_blobs(
    n_samples: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Two Gaussian blobs in the plane, a linearly separable problem.

    Class 0 is centred at (-1, -1) and class 1 at (1, 1), both with standard
    deviation 0.5 in each coordinate; the classes alternate, so they have
    equal sizes (to within one).

    Parameters
    ----------
    n_samples : int
        Number of points, >= 1.
    rng : np.random.Generator
        Source of the points.

    Returns
    -------
    X : ndarray of shape (n_samples, 2)
    y : ndarray of shape (n_samples,) and dtype intp
        Labels 0 and 1; ``y[:, None]`` is a target matrix for a network
        with one output neuron.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.datasets import two_blobs
    >>> X, y = two_blobs(6, np.random.default_rng(0))
    >>> X.shape, y.tolist()
    ((6, 2), [0, 1, 0, 1, 0, 1])
    """
    n_samples = check_int_in_range(n_samples, "n_samples", 1)
    rng = check_rng(rng)
    y = np.arange(n_samples) % 2
    centres = np.array([[-1.0, -1.0], [1.0, 1.0]])
    X = centres[y] + 0.5 * rng.standard_normal((n_samples, 2))
    return X, y


def xor(n_samples: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """The XOR problem: points in the square, labelled 1 where the signs differ.

    No straight line separates the classes, so a single neuron fails and a
    hidden layer is needed.

    Parameters
    ----------
    n_samples : int
        Number of points, >= 1, uniform in [-1, 1] x [-1, 1].
    rng : np.random.Generator
        Source of the points.

    Returns
    -------
    X : ndarray of shape (n_samples, 2)
    y : ndarray of shape (n_samples,) and dtype intp
        1 where ``x_1 x_2 < 0`` (opposite signs), else 0.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.datasets import xor
    >>> X, y = xor(4, np.random.default_rng(0))
    >>> print(X)
    [[ 0.2739 -0.4604]
     [-0.9181 -0.9669]
     [ 0.6265  0.8255]
     [ 0.2133  0.459 ]]
    >>> y.tolist()
    [1, 0, 0, 0]
    """
    n_samples = check_int_in_range(n_samples, "n_samples", 1)
    rng = check_rng(rng)
    X = rng.uniform(-1.0, 1.0, (n_samples, 2))
    y = (X[:, 0] * X[:, 1] < 0).astype(np.intp)
    return X, y


def noisy_sine(
    n_samples: int, noise: float, rng: np.random.Generator, *, even: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    r"""Points of a sine wave with Gaussian noise, $y = \sin(\pi x) + \varepsilon$.

    A small regression problem on which a polynomial of high degree
    overfits (chapter 6).

    Parameters
    ----------
    n_samples : int
        Number of points, >= 1 (>= 2 with ``even``).
    noise : float
        Standard deviation of the Gaussian noise $\varepsilon$, >= 0.
    rng : np.random.Generator
        Source of the inputs (unless ``even``) and of the noise.
    even : bool, default False
        Evenly spaced inputs from -1 to 1 (``np.linspace``) instead of
        uniform random ones.

    Returns
    -------
    x : ndarray of shape (n_samples,)
        Inputs in [-1, 1], in increasing order.
    y : ndarray of shape (n_samples,)
        Noisy targets.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.datasets import noisy_sine
    >>> x, y = noisy_sine(5, 0.1, np.random.default_rng(0), even=True)
    >>> print(x)
    [-1.  -0.5  0.   0.5  1. ]
    >>> print(y - np.sin(np.pi * x))  # the noise
    [ 0.0126 -0.0132  0.064   0.0105 -0.0536]
    """
    low = 2 if even else 1
    n_samples = check_int_in_range(n_samples, "n_samples", low)
    noise = check_nonnegative(noise, "noise")
    rng = check_rng(rng)
    if even:
        x = np.linspace(-1.0, 1.0, n_samples)
    else:
        x = np.sort(rng.uniform(-1.0, 1.0, n_samples))
    y = np.sin(np.pi * x) + noise * rng.standard_normal(n_samples)
    return x, y


def one_hot(labels: Any, n_classes: int) -> np.ndarray:
    """One-hot target rows: row ``i`` has a 1 in column ``labels[i]``.

    Parameters
    ----------
    labels : ndarray of shape (n_samples,)
        Integer class labels in ``[0, n_classes)``.
    n_classes : int
        Number of classes, >= 1.

    Returns
    -------
    ndarray of shape (n_samples, n_classes) and dtype float64

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.datasets import one_hot
    >>> print(one_hot(np.array([2, 0]), 3))
    [[0. 0. 1.]
     [1. 0. 0.]]
    """
    n_classes = check_int_in_range(n_classes, "n_classes", 1)
    labels = np.asarray(labels)
    if labels.ndim != 1 or not np.issubdtype(labels.dtype, np.integer):
        msg = (
            "labels must be a 1-D array of integers of shape (n_samples,); "
            f"got shape {labels.shape} and dtype {labels.dtype}"
        )
        raise ValueError(msg)
    if labels.size and not (labels.min() >= 0 and labels.max() < n_classes):
        msg = (
            f"labels must be in [0, {n_classes}); "
            f"got values in [{labels.min()}, {labels.max()}]"
        )
        raise ValueError(msg)
    return np.eye(n_classes)[labels]


def load_digits() -> tuple[np.ndarray, np.ndarray]:
    """The 1797 handwritten digits packaged with gdbook, checksum verified.

    The UCI "Optical Recognition of Handwritten Digits" test set (Alpaydin and
    Kaynak, 1998; CC BY 4.0), as shipped by scikit-learn: 8 x 8 images whose
    pixels count the "on" pixels of a 4 x 4 block, 0 to 16.

    Returns
    -------
    images : ndarray of shape (1797, 8, 8) and dtype uint8
        Values 0..16.
    target : ndarray of shape (1797,) and dtype uint8
        Digits 0..9.

    Raises
    ------
    RuntimeError
        If the packaged file's SHA-256 is not `DIGITS_SHA256`, i.e. the
        installation is damaged.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.datasets import load_digits
    >>> images, target = load_digits()
    >>> images.shape, target.shape, int(images.max())
    ((1797, 8, 8), (1797,), 16)
    >>> np.bincount(target).tolist()
    [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
    """
    data = (files("gdbook") / "data" / "digits.npz").read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != DIGITS_SHA256:
        msg = (
            f"gdbook/data/digits.npz has SHA-256 {digest}, expected "
            f"{DIGITS_SHA256}: the file is damaged; reinstall gdbook"
        )
        raise RuntimeError(msg)
    with np.load(io.BytesIO(data)) as npz:
        return npz["images"], npz["target"]


def digits_split(
    seed: int = 0, n_train: int = 1197, n_validation: int = 300, n_test: int = 300
) -> tuple[Split, Split, Split]:
    """The digits as network inputs and targets, split into three stratified sets.

    Inputs are the images flattened to 64 pixels and scaled to [0, 1]
    (divided by 16); targets are one-hot rows. The split is random, fixed by
    ``seed``, and stratified: each set has the ten digits in nearly the same
    proportions as the whole (within one example per digit and set).

    Parameters
    ----------
    seed : int, default 0
        Seed of the shuffle.
    n_train, n_validation, n_test : int
        Sizes of the sets, each >= 1, together at most 1797.

    Returns
    -------
    train, validation, test : tuple (X, Y)
        ``X`` of shape ``(n, 64)`` and dtype float64, ``Y`` of shape
        ``(n, 10)``.

    Examples
    --------
    >>> from gdbook.datasets import digits_split
    >>> (X_train, Y_train), validation, test = digits_split(seed=0)
    >>> X_train.shape, Y_train.shape, validation[0].shape, test[0].shape
    ((1197, 64), (1197, 10), (300, 64), (300, 64))
    >>> float(X_train.min()), float(X_train.max())
    (0.0, 1.0)
    >>> Y_train.sum(axis=0).astype(int).tolist()
    [119, 121, 118, 122, 121, 121, 120, 119, 116, 120]
    """
    seed = check_int_in_range(seed, "seed", 0)
    images, target = load_digits()
    sizes = [
        check_int_in_range(n, name, 1)
        for n, name in [
            (n_train, "n_train"),
            (n_validation, "n_validation"),
            (n_test, "n_test"),
        ]
    ]
    if sum(sizes) > len(target):
        msg = (
            f"n_train + n_validation + n_test must be at most {len(target)} "
            f"(the number of digits); got {sum(sizes)}"
        )
        raise ValueError(msg)
    order = _stratified_order(target, np.random.default_rng(seed))
    X = images.reshape(len(images), -1) / 16.0
    Y = one_hot(target, 10)
    ends = np.cumsum(sizes)
    return tuple((X[idx], Y[idx]) for idx in np.split(order[: ends[-1]], ends[:-1]))


def _stratified_order(labels: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A shuffled order of the samples whose every prefix is nearly stratified.

    Within each class, the samples are shuffled and spread evenly over
    [0, 1) by their rank; sorting all samples by that position interleaves
    the classes in proportion to their sizes.
    """
    shuffled = rng.permutation(len(labels))
    by_class = shuffled[np.argsort(labels[shuffled], kind="stable")]
    counts = np.bincount(labels)
    rank = np.arange(len(labels)) - np.repeat(np.cumsum(counts) - counts, counts)
    position = (rank + 0.5) / np.repeat(counts, counts)
    return by_class[np.argsort(position, kind="stable")]
