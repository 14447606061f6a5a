"""Figures of chapter 6, L2 regularization on a small digits training set."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from gdbook.datasets import digits_split
from gdbook.network import Network, TrainingHistory

from ._style import ACCENT, BLUE, MUTED, new_figure, styled

__all__ = ["L2_SETUP", "l2_digits_curves", "l2_digits_run"]
FIGURES = ("l2_digits_curves",)

#: The experiment of chapter 6: 300 training and 1000 validation digits, a
#: [64, 30, 10] cross-entropy network, 150 epochs of mini-batches of 10.
L2_SETUP = {"epochs": 150, "batch_size": 10, "eta": 1.0}


def l2_digits_run(lmbda: float, seed: int = 0) -> tuple[Network, TrainingHistory]:
    """Train chapter 6's network with regularization strength ``lmbda``.

    Examples
    --------
    >>> from gdbook.figures.regularization import l2_digits_run
    >>> net, history = l2_digits_run(0.1)
    >>> history.validation_accuracy.shape
    (150,)
    """
    (X_train, Y_train), validation, _ = digits_split(
        seed=0, n_train=300, n_validation=1000, n_test=300
    )
    net = Network([64, 30, 10], cost="cross_entropy", seed=seed)
    history = net.fit(
        X_train, Y_train, lmbda=lmbda, validation_data=validation, **L2_SETUP
    )
    return net, history


@styled
def l2_digits_curves() -> Figure:
    """Accuracy and validation cost per epoch, without and with L2."""
    fig, (ax_acc, ax_cost) = new_figure(9.0, 3.8, ncols=2)
    for lmbda, color in ((0.0, BLUE), (0.1, ACCENT)):
        _, h = l2_digits_run(lmbda)
        epochs = np.arange(1, len(h.validation_accuracy) + 1)
        name = "no L2" if lmbda == 0.0 else f"L2, $\\lambda = {lmbda}$"
        ax_acc.plot(epochs, 100 * h.training_accuracy, color=color, lw=1.2, ls="--")
        ax_acc.plot(epochs, 100 * h.validation_accuracy, color=color, label=name)
        ax_cost.plot(epochs, h.validation_cost, color=color, label=name)
    ax_acc.plot([], [], color=MUTED, lw=1.2, ls="--", label="training (dashed)")
    ax_acc.plot([], [], color=MUTED, label="validation (solid)")
    ax_acc.set_ylim(90, 100.5)
    ax_acc.set_xlabel("epoch")
    ax_acc.set_ylabel("accuracy (%)")
    ax_acc.set_title("training and validation accuracy")
    ax_acc.legend(frameon=False, loc="lower right", ncols=2, fontsize=9)
    ax_cost.set_ylim(0.34, 0.6)
    ax_cost.set_xlabel("epoch")
    ax_cost.set_ylabel("cross-entropy $C_0$ on validation")
    ax_cost.set_title("validation cost")
    ax_cost.legend(frameon=False, loc="upper right")
    return fig
