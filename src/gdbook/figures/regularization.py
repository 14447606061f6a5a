"""Figures of chapter 6, L2 regularization on a small digits training set."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from gdbook.datasets import digits_split
from gdbook.network import Network, TrainingHistory

from ._style import ACCENT, BLUE, MUTED, new_figure, styled, with_facts

__all__ = ["L2_SETUP", "l2_digits_curves", "l2_digits_run"]
FIGURES = ("l2_digits_curves",)

#: The experiment of chapter 6: 300 training and 1000 validation digits, a
#: [64, 30, 10] cross-entropy network, 150 epochs of mini-batches of 10.
L2_SETUP = {"epochs": 150, "batch_size": 10, "eta": 1.0}
L2_DATA = {"n_train": 300, "n_validation": 1000, "n_test": 300}
L2_SIZES = [64, 30, 10]
#: The strengths the figure compares.
L2_LAMBDAS = (0.0, 0.1)


def l2_digits_run(lmbda: float, seed: int = 0) -> tuple[Network, TrainingHistory]:
    """Train chapter 6's network with regularization strength ``lmbda``.

    Examples
    --------
    >>> from gdbook.figures.regularization import l2_digits_run
    >>> net, history = l2_digits_run(0.1)
    >>> history.validation_accuracy.shape
    (150,)
    """
    (X_train, Y_train), validation, _ = digits_split(seed=0, **L2_DATA)
    net = Network(L2_SIZES, cost="cross_entropy", seed=seed)
    history = net.fit(
        X_train, Y_train, lmbda=lmbda, validation_data=validation, **L2_SETUP
    )
    return net, history


#: The axes' limits hold every curve from this epoch on; the curves of the
#: first epochs run off the scale, and each panel says up to which epoch.
ZOOM_FROM = 10


def _zoom(ax, epochs: np.ndarray, curves: list[np.ndarray]) -> int:
    """Set the y-limits to hold every curve from ZOOM_FROM on; note what runs off.

    Returns the last epoch at which some curve lies outside the limits (0
    if none does); the panel states it in a note.
    """
    late = epochs >= ZOOM_FROM
    low = min(float(c[late].min()) for c in curves)
    high = max(float(c[late].max()) for c in curves)
    pad = 0.06 * (high - low)
    low, high = low - pad, high + pad
    ax.set_ylim(low, high)
    outside = np.zeros(len(epochs), dtype=bool)
    for c in curves:
        outside |= (c < low) | (c > high)
    last = int(epochs[outside].max()) if outside.any() else 0
    if last:
        ax.text(
            0.98,
            0.5,
            f"off the scale up to epoch {last}",
            transform=ax.transAxes,
            ha="right",
            color=MUTED,
            fontsize=8,
        )
    return last


@styled
def l2_digits_curves() -> Figure:
    """Accuracy and validation cost per epoch, without and with L2.

    The y-limits are computed from the curves (every value from epoch
    ``ZOOM_FROM`` on); the epochs before that which run off the scale are
    named in each panel.
    """
    fig, (ax_acc, ax_cost) = new_figure(9.0, 3.8, ncols=2)
    accuracies, costs = [], []
    facts: dict[str, object] = {
        "epochs": L2_SETUP["epochs"],
        "training examples": L2_DATA["n_train"],
        "validation examples": L2_DATA["n_validation"],
        "lambdas": L2_LAMBDAS,
    }
    for lmbda, color in zip(L2_LAMBDAS, (BLUE, ACCENT), strict=True):
        _, h = l2_digits_run(lmbda)
        epochs = np.arange(1, len(h.validation_accuracy) + 1)
        name = "no L2" if lmbda == 0.0 else f"L2, $\\lambda = {lmbda:g}$"
        training, validation = 100 * h.training_accuracy, 100 * h.validation_accuracy
        ax_acc.plot(epochs, training, color=color, lw=1.2, ls="--")
        ax_acc.plot(epochs, validation, color=color, label=name)
        ax_cost.plot(epochs, h.validation_cost, color=color, label=name)
        accuracies += [training, validation]
        costs.append(h.validation_cost)
        best = int(np.argmin(h.validation_cost))
        facts[f"lambda {lmbda:g}: last training and validation accuracy (%)"] = (
            training[-1],
            validation[-1],
        )
        facts[f"lambda {lmbda:g}: epoch and value of the least validation cost"] = (
            epochs[best],
            h.validation_cost[best],
        )
        facts[f"lambda {lmbda:g}: first and last validation cost"] = (
            h.validation_cost[0],
            h.validation_cost[-1],
        )
    ax_acc.plot([], [], color=MUTED, lw=1.2, ls="--", label="training (dashed)")
    ax_acc.plot([], [], color=MUTED, label="validation (solid)")
    facts["accuracy: last epoch off the scale"] = _zoom(ax_acc, epochs, accuracies)
    ax_acc.set_xlabel("epoch")
    ax_acc.set_ylabel("accuracy (%)")
    ax_acc.set_title("training and validation accuracy")
    ax_acc.legend(frameon=False, loc="lower right", ncols=2, fontsize=9)
    facts["cost: last epoch off the scale"] = _zoom(ax_cost, epochs, costs)
    ax_cost.set_xlabel("epoch")
    ax_cost.set_ylabel("cross-entropy $C_0$ on validation")
    ax_cost.set_title("validation cost")
    ax_cost.legend(frameon=False, loc="upper right")
    return with_facts(fig, **facts)
