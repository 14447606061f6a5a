"""Figures of chapter 7, the digits network trained end to end."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from gdbook.datasets import digits_split, load_digits
from gdbook.network import Network

from ._style import INK, MUTED, new_figure, styled, with_facts

__all__ = [
    "confusion_matrix",
    "digits_confusion",
    "digits_mistakes",
    "digits_samples",
    "trained_digits_network",
]
FIGURES = ("digits_samples", "digits_confusion", "digits_mistakes")


def trained_digits_network() -> tuple[Network, tuple[np.ndarray, np.ndarray]]:
    """Chapter 7's network, trained; returns it with the test set ``(X, Y)``.

    Examples
    --------
    >>> from gdbook.figures.digits import trained_digits_network
    >>> net, (X_test, Y_test) = trained_digits_network()
    >>> X_test.shape
    (300, 64)
    """
    (X_train, Y_train), _, test = digits_split(seed=0)
    net = Network([64, 30, 10], cost="cross_entropy", seed=0)
    net.fit(
        X_train, Y_train, epochs=40, batch_size=10, eta=0.5, lmbda=0.1, monitor=False
    )
    return net, test


def confusion_matrix(true: np.ndarray, predicted: np.ndarray) -> np.ndarray:
    """Counts ``M[i, j]`` of the examples of class ``i`` predicted as ``j``.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.figures.digits import confusion_matrix
    >>> print(confusion_matrix(np.array([0, 1, 1]), np.array([0, 0, 1]))[:2, :2])
    [[1 0]
     [1 1]]
    """
    M = np.zeros((10, 10), dtype=int)
    np.add.at(M, (true, predicted), 1)
    return M


@styled
def digits_samples() -> Figure:
    """The first example of each digit in the data set, as an 8 x 8 image."""
    images, target = load_digits()
    digits = np.unique(target)
    fig, axes = new_figure(7.5, 1.15, ncols=len(digits))
    for digit, ax in zip(digits, axes, strict=True):
        first = int(np.flatnonzero(target == digit)[0])
        ax.imshow(images[first], cmap="gray_r", vmin=0, vmax=images.max())
        ax.set_title(str(digit))
        _frame(ax)
    return with_facts(
        fig,
        **{
            "digits": digits,
            "image shape": images.shape[1:],
            "examples": len(target),
            "darkest pixel value": images.max(),
        },
    )


@styled
def digits_confusion() -> Figure:
    """Confusion matrix of the trained network on the 300 test digits."""
    net, (X_test, Y_test) = trained_digits_network()
    M = confusion_matrix(Y_test.argmax(axis=1), net.predict(X_test))
    fig, ax = new_figure(5.2, 4.6)
    ax.imshow(np.log1p(M), cmap="Blues")
    n = len(M)
    for i in range(n):
        for j in range(n):
            if M[i, j]:
                color = "white" if i == j else INK
                ax.text(j, i, str(M[i, j]), ha="center", va="center", color=color)
    ax.set_xticks(range(n))
    ax.set_yticks(range(n))
    ax.set_xlabel("predicted digit")
    ax.set_ylabel("true digit")
    ax.tick_params(length=0)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    off = ~np.eye(n, dtype=bool)
    return with_facts(
        fig,
        **{
            "test digits": len(X_test),
            "confusion matrix": M,
            "correct per digit, fewest and most": (
                M.diagonal().min(),
                M.diagonal().max(),
            ),
            "correct": np.trace(M),
            "mistakes": M[off].sum(),
            "largest off-diagonal count": M[off].max(),
            "mistakes as (true, predicted)": np.argwhere(M * off),
            "digits": np.arange(n),
        },
    )


@styled
def digits_mistakes() -> Figure:
    """Every test digit the trained network gets wrong, with both labels."""
    net, (X_test, Y_test) = trained_digits_network()
    true, predicted = Y_test.argmax(axis=1), net.predict(X_test)
    wrong = np.flatnonzero(true != predicted)
    side = int(np.sqrt(X_test.shape[1]))  # the images are square
    shape = (side, side)
    fig, axes = new_figure(1.7 * len(wrong), 2.2, ncols=len(wrong), squeeze=False)
    for ax, i in zip(axes[0], wrong, strict=True):
        ax.imshow(X_test[i].reshape(shape), cmap="gray_r", vmin=0, vmax=1)
        ax.set_title(f"true {true[i]}\npredicted {predicted[i]}", fontsize=10)
        _frame(ax)
    return with_facts(
        fig,
        **{
            "mistakes": len(wrong),
            "(true, predicted) of each, left to right": np.column_stack(
                [true[wrong], predicted[wrong]]
            ),
            "image shape": shape,
            "test digits": len(X_test),
        },
    )


def _frame(ax) -> None:
    """No ticks, and a thin grey frame on all four sides of an image."""
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(True)
        spine.set_color(MUTED)
        spine.set_linewidth(0.8)
