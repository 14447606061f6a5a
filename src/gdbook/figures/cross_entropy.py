"""Figures of chapter 5, the cross-entropy cost and the learning slowdown."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from gdbook.losses import cross_entropy
from gdbook.network import Network

from ._style import ACCENT, BLUE, INK, MUTED, new_figure, styled

__all__ = [
    "learning_slowdown",
    "minus_log_a",
    "minus_log_one_minus_a",
    "slowdown_run",
]
FIGURES = ("learning_slowdown", "minus_log_a", "minus_log_one_minus_a")


def slowdown_run(cost: str, epochs: int = 300) -> tuple[np.ndarray, np.ndarray]:
    """Train the badly started neuron of chapter 5 and record it every epoch.

    One sigmoid neuron, one input x = 1, target y = 0, weight and bias both
    2.0, learning rate 0.15, trained with ``cost`` ("quadratic" or
    "cross_entropy").

    Returns
    -------
    outputs, costs : ndarray of shape (epochs + 1,)
        The neuron's output and its cost before training and after each epoch.

    Examples
    --------
    >>> from gdbook.figures.cross_entropy import slowdown_run
    >>> outputs, costs = slowdown_run("cross_entropy", epochs=2)
    >>> print(outputs)
    [0.982  0.976  0.9681]
    """
    X, Y = np.array([[1.0]]), np.array([[0.0]])
    net = Network([1, 1], cost=cost)
    net.weights[0][:] = 2.0
    net.biases[0][:] = 2.0
    outputs = [float(net.feedforward(X)[0, 0])]
    costs = [net.cost(X, Y)]
    for _ in range(epochs):
        history = net.fit(X, Y, epochs=1, batch_size=1, eta=0.15)
        outputs.append(float(net.feedforward(X)[0, 0]))
        costs.append(float(history.training_cost[-1]))
    return np.array(outputs), np.array(costs)


@styled
def learning_slowdown() -> Figure:
    """Cost and output of the badly started neuron, quadratic against cross-entropy."""
    runs = {
        "quadratic cost": (slowdown_run("quadratic"), BLUE),
        "cross-entropy cost": (slowdown_run("cross_entropy"), ACCENT),
    }
    fig, (ax_cost, ax_out) = new_figure(9.0, 3.6, ncols=2)
    for label, ((outputs, costs), color) in runs.items():
        epochs = np.arange(len(costs))
        ax_cost.plot(epochs, costs, color=color, label=label)
        ax_out.plot(epochs, outputs, color=color, label=label)
    ax_cost.set_yscale("log")
    ax_cost.set_xlabel("epoch")
    ax_cost.set_ylabel("cost $C$ (log scale)")
    ax_cost.set_title("the cost each neuron minimizes")
    ax_cost.legend(frameon=False, loc="lower left")
    ax_out.axhline(0.0, color=MUTED, lw=1, ls="--")
    ax_out.annotate("target $y = 0$", xy=(300, 0.0), xytext=(190, 0.06), color=MUTED)
    ax_out.set_xlabel("epoch")
    ax_out.set_ylabel("output $a = \\sigma(wx + b)$")
    ax_out.set_title("the neuron's output")
    ax_out.set_ylim(-0.05, 1.05)
    ax_out.legend(frameon=False, loc="center left")
    return fig


def _log_cost_figure(y: float, label: str) -> Figure:
    """The cross-entropy of one output with target ``y``, against its activation."""
    fig, ax = new_figure(4.6, 3.4)
    a = np.linspace(0.002, 0.998, 499)
    cost = np.array([cross_entropy(np.array([y]), np.array([ai])) for ai in a])
    ax.plot(a, cost, color=BLUE, label=label)
    best = 1.0 if y == 1.0 else 0.0
    ax.plot([best], [0.0], "o", color=INK, clip_on=False)
    ax.annotate(
        f"$a = y = {best:.0f}$: cost 0",
        xy=(best, 0.0),
        xytext=(0.5, 1.6) if y == 1.0 else (0.12, 1.6),
        arrowprops={"arrowstyle": "->", "color": MUTED},
    )
    ax.set_xlabel("output activation $a$")
    ax.set_ylabel("cost")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 6.5)
    ax.set_title(label)
    return fig


@styled
def minus_log_a() -> Figure:
    """The paper's Fig 5: -ln a, the cross-entropy of an output whose target is 1."""
    return _log_cost_figure(1.0, "$-\\ln a$  (target $y = 1$)")


@styled
def minus_log_one_minus_a() -> Figure:
    """The paper's Fig 6: -ln(1 - a), the cost of an output whose target is 0."""
    return _log_cost_figure(0.0, "$-\\ln(1 - a)$  (target $y = 0$)")
