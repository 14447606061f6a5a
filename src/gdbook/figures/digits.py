"""Figures of chapter 7, the digits network trained end to end."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from gdbook.datasets import digits_split, load_digits
from gdbook.network import Network

from ._style import ACCENT, BLUE, INK, MUTED, new_figure, styled, with_facts

__all__ = [
    "confusion_matrix",
    "digits_calibration",
    "digits_confusion",
    "digits_mistakes",
    "digits_samples",
    "reliability_table",
    "trained_digits_network",
]
FIGURES = (
    "digits_samples",
    "digits_confusion",
    "digits_mistakes",
    "digits_calibration",
)


def trained_digits_network(
    cost: str = "cross_entropy",
) -> tuple[Network, tuple[np.ndarray, np.ndarray]]:
    """Chapter 7's network, trained; returns it with the test set ``(X, Y)``.

    ``cost="log_likelihood"`` trains the same network with a softmax output
    layer instead, with the same seed and settings.

    Examples
    --------
    >>> from gdbook.figures.digits import trained_digits_network
    >>> net, (X_test, Y_test) = trained_digits_network()
    >>> X_test.shape
    (300, 64)
    """
    (X_train, Y_train), _, test = digits_split(seed=0)
    net = Network([64, 30, 10], cost=cost, seed=0)
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


def reliability_table(
    P: np.ndarray, true: np.ndarray, bins: int = 10
) -> tuple[np.ndarray, float]:
    """Calibration of the winning outputs, bin by bin, and its expected error.

    Each row of ``P`` (one example's outputs) falls in one of ``bins`` equal
    bins of [0, 1] by its winning output (the last bin includes 1). For
    each bin that holds examples, the table has a row: the bin's start, its
    number of examples, their mean winning output, and the fraction of them
    whose winning class is ``true``. The expected calibration error is the
    mean of ``|fraction right - mean winning output|`` over the bins,
    weighted by their shares of the examples.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.figures.digits import reliability_table
    >>> P = np.array([[0.9, 0.1], [0.8, 0.2], [0.3, 0.7]])
    >>> table, error = reliability_table(P, np.array([0, 1, 1]))
    >>> print(table)
    [[0.7  1.   0.7  1.  ]
     [0.8  1.   0.8  0.  ]
     [0.9  1.   0.9  1.  ]]
    >>> round(error, 4)   # (|1 - 0.7| + |0 - 0.8| + |1 - 0.9|) / 3
    0.4
    """
    confidence, right = P.max(axis=1), P.argmax(axis=1) == true
    which = np.minimum((confidence * bins).astype(int), bins - 1)
    table = np.array(
        [
            [
                g / bins,
                np.sum(which == g),
                confidence[which == g].mean(),
                right[which == g].mean(),
            ]
            for g in np.unique(which)
        ]
    )
    error = float(np.sum(table[:, 1] / len(P) * np.abs(table[:, 3] - table[:, 2])))
    return table, error


@styled
def digits_calibration() -> Figure:
    """Reliability diagrams of the sigmoid and the softmax network on the test digits."""
    fig, axes = new_figure(7.2, 3.5, ncols=2, sharey=True)
    facts = {}
    names = {"cross_entropy": "sigmoid", "log_likelihood": "softmax"}
    for ax, (cost, name), color in zip(
        axes, names.items(), (BLUE, ACCENT), strict=True
    ):
        net, (X_test, Y_test) = trained_digits_network(cost)
        table, error = reliability_table(net.feedforward(X_test), Y_test.argmax(axis=1))
        ax.plot([0, 1], [0, 1], color=MUTED, lw=1, ls="--", label="calibrated")
        ax.scatter(
            table[:, 2],
            table[:, 3],
            s=12 + 0.75 * table[:, 1],  # the area grows with the bin's digits
            color=color,
            zorder=3,
            label="a bin (area: its digits)",
        )
        ax.set_xlim(0, 1.02)
        ax.set_ylim(0, 1.05)
        ax.set_xlabel("mean winning output in the bin")
        ax.set_title(f"{name}: calibration error {error:.4f}")
        facts[f"{name}: calibration error"] = error
        facts[f"{name}: digits per bin"] = table[:, 1].astype(int)
        facts[f"{name}: bins, mean winning output and fraction right"] = table[
            :, [2, 3]
        ]
        facts["test digits"] = len(X_test)
    axes[0].set_ylabel("fraction right")
    axes[0].legend(loc="upper left", frameon=False)
    return with_facts(fig, **facts)


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
