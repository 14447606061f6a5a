"""Figures of chapter 5, the cross-entropy cost and the learning slowdown."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from gdbook.losses import cross_entropy
from gdbook.network import Network

from ._style import ACCENT, BLUE, INK, MUTED, new_figure, styled, with_facts

__all__ = [
    "learning_slowdown",
    "minus_log_a",
    "minus_log_one_minus_a",
    "slowdown_run",
]
FIGURES = ("learning_slowdown", "minus_log_a", "minus_log_one_minus_a")

#: The badly started neuron of chapter 5: input x, target y, weight w, bias b,
#: learning rate eta; and the epochs of the figure.
SLOWDOWN = {"x": 1.0, "y": 0.0, "w": 2.0, "b": 2.0, "eta": 0.15}
SLOWDOWN_EPOCHS = 300
#: The output levels whose crossing epochs the figure reports, and the
#: fraction of its first cost within which a cost counts as "still flat".
CROSSINGS, FLAT = (0.5, 0.1), 0.1


def slowdown_run(
    cost: str,
    epochs: int = SLOWDOWN_EPOCHS,
    *,
    eta: float = SLOWDOWN["eta"],
    w: float = SLOWDOWN["w"],
    b: float = SLOWDOWN["b"],
) -> tuple[np.ndarray, np.ndarray]:
    """Train the badly started neuron of chapter 5 and record it every epoch.

    One sigmoid neuron, one input x = 1, target y = 0, trained with ``cost``
    ("quadratic", Eq. (9), or "cross_entropy", Eq. (25)) by `Network.fit`,
    one example per epoch. The chapter starts it at weight and bias 2.0 with
    the learning rate 0.15; the interactive figure of chapter 5
    (docs/assets/interactive/ch5-slowdown.js) calls it with other values.

    Parameters
    ----------
    cost : {"quadratic", "cross_entropy"}
        The cost the neuron minimizes.
    epochs : int, default 300
        Epochs of training, >= 1.
    eta : float, default 0.15
        Learning rate, > 0.
    w, b : float, default 2.0
        Starting weight and bias, finite.

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
    >>> outputs, _ = slowdown_run("quadratic", epochs=2, eta=1.0, w=-1.0, b=0.5)
    >>> print(outputs)
    [0.3775 0.3368 0.3041]
    """
    X, Y = np.array([[SLOWDOWN["x"]]]), np.array([[SLOWDOWN["y"]]])
    net = Network([1, 1], cost=cost)
    net.weights[0][:] = w
    net.biases[0][:] = b
    outputs = [float(net.feedforward(X)[0, 0])]
    costs = [net.cost(X, Y)]
    for _ in range(epochs):
        history = net.fit(X, Y, epochs=1, batch_size=1, eta=eta)
        outputs.append(float(net.feedforward(X)[0, 0]))
        costs.append(float(history.training_cost[-1]))
    return np.array(outputs), np.array(costs)


def _first_epoch(mask: np.ndarray) -> int:
    """The first epoch at which ``mask`` holds (-1 if never)."""
    hits = np.flatnonzero(mask)
    return int(hits[0]) if len(hits) else -1


@styled
def learning_slowdown() -> Figure:
    """Cost and output of the badly started neuron, quadratic against cross-entropy."""
    runs = {
        "quadratic cost": ("quadratic", BLUE),
        "cross-entropy cost": ("cross_entropy", ACCENT),
    }
    fig, (ax_cost, ax_out) = new_figure(9.0, 3.6, ncols=2)
    facts: dict[str, object] = {"epochs": SLOWDOWN_EPOCHS, "levels": CROSSINGS}
    middle = SLOWDOWN_EPOCHS // 2
    for label, (cost, color) in runs.items():
        outputs, costs = slowdown_run(cost)
        epochs = np.arange(len(costs))
        ax_cost.plot(epochs, costs, color=color, label=label)
        ax_out.plot(epochs, outputs, color=color, label=label)
        facts[f"{cost}: first output, first cost"] = (outputs[0], costs[0])
        facts[f"{cost}: output at epoch {middle}"] = (middle, outputs[middle])
        facts[f"{cost}: first epoch with the output below each level"] = [
            _first_epoch(outputs < level) for level in CROSSINGS
        ]
        facts[f"{cost}: epochs with the cost within {FLAT:.0%} of its first"] = (
            _first_epoch(costs < (1 - FLAT) * costs[0])
        )
        facts[f"{cost}: last output, last cost"] = (outputs[-1], costs[-1])
    ax_cost.set_yscale("log")
    ax_cost.set_xlabel("epoch")
    ax_cost.set_ylabel("cost $C$ (log scale)")
    ax_cost.set_title("the cost each neuron minimizes")
    ax_cost.legend(frameon=False, loc="lower left")
    target = SLOWDOWN["y"]
    ax_out.axhline(target, color=MUTED, lw=1, ls="--")
    ax_out.annotate(
        f"target $y = {target:g}$",
        xy=(SLOWDOWN_EPOCHS, target),
        xytext=(-8, 5),
        textcoords="offset points",
        ha="right",
        color=MUTED,
    )
    ax_out.set_xlabel("epoch")
    ax_out.set_ylabel("output $a = \\sigma(wx + b)$")
    ax_out.set_title("the neuron's output")
    ax_out.set_ylim(-0.05, 1.05)
    ax_out.legend(frameon=False, loc="center left")
    return with_facts(fig, target=target, **facts)


def _log_cost_figure(y: float, label: str) -> Figure:
    """The cross-entropy of one output with target ``y``, against its activation."""
    fig, ax = new_figure(4.6, 3.4)
    domain = (0.0, 1.0)  # a sigmoid's activations; the ends are left out
    a = np.linspace(0.002, 0.998, 499)
    cost = np.array([cross_entropy(np.array([y]), np.array([ai])) for ai in a])
    ax.plot(a, cost, color=BLUE, label=label)
    best = y  # the activation that meets the target
    at_best = cross_entropy(np.array([y]), np.array([best])) + 0.0  # no -0
    ax.plot([best], [at_best], "o", color=INK, clip_on=False)
    ax.annotate(
        f"$a = y = {best:g}$: cost {at_best:g}",
        xy=(best, at_best),
        xytext=(0.5, 0.25) if y == 1.0 else (0.12, 0.25),
        textcoords="axes fraction",
        arrowprops={"arrowstyle": "->", "color": MUTED},
    )
    ax.set_xlabel("output activation $a$")
    ax.set_ylabel("cost")
    ax.set_xlim(*domain)
    ax.set_ylim(0, 1.05 * cost.max())
    ax.set_title(label)
    return with_facts(
        fig,
        **{
            "target y": y,
            "activations": domain,
            "cost at a = y": at_best,
            "activations drawn": (a[0], a[-1]),
            "highest cost drawn": cost.max(),
        },
    )


@styled
def minus_log_a() -> Figure:
    """The paper's Fig 5: -ln a, the cross-entropy of an output whose target is 1."""
    return _log_cost_figure(1.0, "$-\\ln a$  (target $y = 1$)")


@styled
def minus_log_one_minus_a() -> Figure:
    """The paper's Fig 6: -ln(1 - a), the cost of an output whose target is 0."""
    return _log_cost_figure(0.0, "$-\\ln(1 - a)$  (target $y = 0$)")
