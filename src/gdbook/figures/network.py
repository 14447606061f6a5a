"""Figures of chapter 4, neural networks and backpropagation."""

from __future__ import annotations

import itertools

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch

from gdbook.activations import sigmoid, sigmoid_prime
from gdbook.network import Network

from ._style import ACCENT, BLUE, INK, MUTED, new_figure, styled, with_facts

__all__ = ["computational_graph", "network_diagram", "sigmoid_curve"]
FIGURES = ("sigmoid_curve", "network_diagram", "computational_graph")

#: A slope of sigma below this counts as "close to zero" (sigmoid_curve's facts).
NEAR_ZERO = 0.01


@styled
def sigmoid_curve() -> Figure:
    """The sigmoid of Eq. (8) and its derivative sigma' = sigma (1 - sigma)."""
    z = np.linspace(-8.0, 8.0, 401)
    fig, ax = new_figure(6.0, 3.6)
    ax.axhline(0.0, color=MUTED, lw=0.8)
    ax.axhline(1.0, color=MUTED, lw=0.8, ls=":")
    ax.axhline(0.5, color=MUTED, lw=0.8, ls="--")
    ax.axvline(0.0, color=MUTED, lw=0.8)
    ax.plot(z, sigmoid(z), color=BLUE, label=r"$\sigma(z) = 1/(1 + \mathrm{e}^{-z})$")
    ax.plot(
        z,
        sigmoid_prime(z),
        color=ACCENT,
        label=r"$\sigma'(z) = \sigma(z)\,(1 - \sigma(z))$",
    )
    peak = float(sigmoid_prime(0.0))
    ax.plot([0.0], [peak], "o", color=ACCENT)
    ax.annotate(
        f"largest slope {peak:g} at $z = 0$",
        xy=(0.0, peak),
        xytext=(1.2, 0.12),
        color=ACCENT,
        arrowprops={"arrowstyle": "->", "color": ACCENT},
    )
    middle = float(sigmoid(0.0))
    ax.plot([0.0], [middle], "o", color=BLUE)
    ax.annotate(
        rf"$\sigma(0) = {middle:g}$",
        xy=(0.0, middle),
        xytext=(-6.8, middle + 0.06),
        color=BLUE,
        arrowprops={"arrowstyle": "->", "color": BLUE},
    )
    ax.set_xlim(z[0], z[-1])
    ax.set_ylim(-0.05, 1.12)
    ax.set_xlabel("weighted input $z$")
    ax.set_ylabel("value")
    ax.legend(frameon=False, loc="upper left")
    flat = z[sigmoid_prime(z) >= NEAR_ZERO]
    return with_facts(
        fig,
        **{
            "z drawn": (z[0], z[-1]),
            "sigma at the ends": (sigmoid(z[0]), sigmoid(z[-1])),
            "sigma(0)": (0.0, middle),
            "largest slope, at z = 0": (0.0, peak),
            f"|z| beyond which sigma' < {NEAR_ZERO:g}": float(flat.max()),
        },
    )


@styled
def network_diagram() -> Figure:
    """The 5-4-1 network of the paper's Fig 4, drawn from ``Network([5, 4, 1])``.

    Circles are neurons, lines are weights. The weights that feed neuron 4 of
    layer 2 are drawn in the accent colour, as in the worked example for
    $a^2_4$, and one of them is labelled $w^2_{45}$.
    """
    sizes = Network([5, 4, 1]).sizes
    n_layers = len(sizes)
    x_gap, y_gap, radius = 3.0, 1.0, 0.3
    tallest = max(sizes)

    def position(layer: int, j: int) -> tuple[float, float]:
        """Centre of neuron j (0-based, top first) of layer `layer` (0-based)."""
        top = (sizes[layer] - 1) / 2 * y_gap
        return layer * x_gap, top - j * y_gap

    fig, ax = new_figure(6.4, 4.4)
    ax.set_axis_off()
    ax.set_aspect("equal")

    # Weights first, so that the neurons are drawn over their ends.
    target = (1, sizes[1] - 1)  # neuron 4 of layer 2, 0-based indices
    for layer in range(1, n_layers):
        for j in range(sizes[layer]):
            for k in range(sizes[layer - 1]):
                (x0, y0), (x1, y1) = position(layer - 1, k), position(layer, j)
                hot = (layer, j) == target
                ax.plot(
                    [x0, x1],
                    [y0, y1],
                    color=ACCENT if hot else MUTED,
                    lw=1.6 if hot else 0.8,
                    zorder=2 if hot else 1,
                )

    # Label the weight from the last input (k = 5) to neuron j = 4 of layer 2.
    (x0, y0), (x1, y1) = position(0, sizes[0] - 1), position(*target)
    label = (target[0] + 1, target[1] + 1, sizes[0])  # layer l, j, k: w^l_{jk}
    ax.annotate(
        f"$w^{{{label[0]}}}_{{{label[1]}{label[2]}}}$",
        xy=(x0 + 0.45 * (x1 - x0), y0 + 0.45 * (y1 - y0)),
        xytext=(1.0, -2.75),
        color=ACCENT,
        fontsize=12,
        ha="center",
        arrowprops={"arrowstyle": "-", "color": ACCENT, "lw": 0.8},
    )

    for layer, n in enumerate(sizes):
        for j in range(n):
            x, y = position(layer, j)
            hot = (layer, j) == target
            ax.add_patch(
                Circle(
                    (x, y),
                    radius,
                    facecolor="white",
                    edgecolor=ACCENT if hot else INK,
                    lw=2.0 if hot else 1.4,
                    zorder=3,
                )
            )
            if layer == 0:
                text = f"$x_{j + 1}$"
            else:
                text = f"$a^{layer + 1}_{j + 1}$"
            ax.text(
                x,
                y,
                text,
                ha="center",
                va="center",
                fontsize=10,
                color=ACCENT if hot else INK,
                zorder=4,
            )

    names = ["input"] + ["hidden"] * (n_layers - 2) + ["output"]
    bottom = -(tallest - 1) / 2 * y_gap - 0.9
    for layer in range(n_layers):
        ax.text(
            layer * x_gap,
            bottom,
            f"layer {layer + 1}\n{names[layer]}",
            ha="center",
            va="top",
            color=INK,
        )
    top = (tallest - 1) / 2 * y_gap
    ax.set_xlim(-0.8, (n_layers - 1) * x_gap + 0.8)
    ax.set_ylim(bottom - 0.9, top + 0.5)
    return with_facts(
        fig,
        **{
            "sizes": sizes,
            "layers": np.arange(1, n_layers + 1),
            "weights drawn": sum(a * b for a, b in itertools.pairwise(sizes)),
            "highlighted neuron (layer, j)": (target[0] + 1, target[1] + 1),
            "labelled weight (layer, j, k)": label,
            "labelled weight's subscript jk": int(f"{label[1]}{label[2]}"),
        },
    )


@styled
def computational_graph() -> Figure:
    r"""The cost of ``Network([1, 2, 1])`` as a graph, and its two paths from $x$.

    One node per weighted input, activation and the cost $C_x$ of one
    example ($x = 0.8$, target 1, quadratic cost); each arrow is labelled
    with its local derivative at that example. The two paths from $x$ to
    $C_x$, one through each hidden neuron, are drawn in two colours, and the
    products of their local derivatives add up to $\partial C_x/\partial x$,
    Eq. (4.8).
    """
    net = Network([1, 2, 1], cost="quadratic", seed=2)
    x, y = 0.8, 1.0
    zs, acts = net.forward(np.array([[x]]))
    z2, z3, a3 = zs[0][0], zs[1][0, 0], acts[2][0, 0]
    w2, w3 = net.weights[0][:, 0], net.weights[1][0]
    cost = 0.5 * (a3 - y) ** 2
    tail = [float(sigmoid_prime(z3)), float(a3 - y)]  # z3 -> a3 -> C_x
    locals_ = [
        [float(w2[j]), float(sigmoid_prime(z2[j])), float(w3[j]), *tail]
        for j in range(2)
    ]
    products = [float(np.prod(path)) for path in locals_]
    gradient = float(sum(products))

    where = {
        "x": (0.0, 0.0),
        "z21": (1.6, 1.0),
        "z22": (1.6, -1.0),
        "a21": (3.2, 1.0),
        "a22": (3.2, -1.0),
        "z3": (4.8, 0.0),
        "a3": (6.4, 0.0),
        "C": (8.0, 0.0),
    }
    names = {
        "x": "$x$",
        "z21": "$z^2_1$",
        "z22": "$z^2_2$",
        "a21": "$a^2_1$",
        "a22": "$a^2_2$",
        "z3": "$z^3_1$",
        "a3": "$a^3_1$",
        "C": "$C_x$",
    }
    colours = (BLUE, ACCENT)
    fig, ax = new_figure(7.2, 3.6)
    ax.set_axis_off()
    ax.set_aspect("equal")
    radius = 0.38

    def arrow(a: str, b: str, colour: str, label: float, above: bool) -> None:
        (x0, y0), (x1, y1) = where[a], where[b]
        ux, uy = np.array([x1 - x0, y1 - y0]) / np.hypot(x1 - x0, y1 - y0)
        ax.add_patch(
            FancyArrowPatch(
                (x0 + radius * ux, y0 + radius * uy),
                (x1 - radius * ux, y1 - radius * uy),
                arrowstyle="-|>",
                mutation_scale=12,
                color=colour,
                lw=1.4,
                shrinkA=0,
                shrinkB=0,
                zorder=1,
            )
        )
        ax.text(
            (x0 + x1) / 2,
            (y0 + y1) / 2 + (0.22 if above else -0.22),
            f"{label:.3f}",
            ha="center",
            va="bottom" if above else "top",
            fontsize=8,
            color=colour,
        )

    for j, (colour, path) in enumerate(zip(colours, locals_, strict=True)):
        up = j == 0
        arrow("x", f"z2{j + 1}", colour, path[0], up)
        arrow(f"z2{j + 1}", f"a2{j + 1}", colour, path[1], up)
        arrow(f"a2{j + 1}", "z3", colour, path[2], up)
    arrow("z3", "a3", INK, tail[0], True)
    arrow("a3", "C", INK, tail[1], True)
    for key, (cx, cy) in where.items():
        ax.add_patch(
            Circle((cx, cy), radius, facecolor="white", edgecolor=INK, lw=1.3, zorder=3)
        )
        ax.text(cx, cy, names[key], ha="center", va="center", fontsize=10, zorder=4)
    for j, (colour, product) in enumerate(zip(colours, products, strict=True)):
        ax.text(
            0.0,
            -1.9 - 0.45 * j,
            f"path through hidden neuron {j + 1}: product {product:.4f}",
            color=colour,
            fontsize=9,
        )
    ax.text(
        0.0,
        -2.8,
        rf"sum of the two products = $\partial C_x / \partial x$ = {gradient:.4f}",
        color=INK,
        fontsize=9,
    )
    ax.set_xlim(-0.6, 8.6)
    ax.set_ylim(-3.1, 1.7)
    return with_facts(
        fig,
        **{
            "input x": x,
            "target y": y,
            "cost": float(cost),
            "local derivatives, path 1": locals_[0],
            "local derivatives, path 2": locals_[1],
            "path products": products,
            "gradient dC/dx": gradient,
            "paths": len(products),
            "hidden neurons": 2,
        },
    )
