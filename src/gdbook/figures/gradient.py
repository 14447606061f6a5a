"""Figures of chapter 2, the gradient and the direction of steepest descent."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch

from gdbook.descent import directional_derivative, gradient_descent
from gdbook.losses import sse

from ._style import ACCENT, BLUE, GREEN, INK, MUTED, new_figure, styled, with_facts
from .sse import bowl_data, draw_error_contours, plane_data

__all__ = [
    "descent_steps_contours",
    "learning_rates",
    "one_output_network",
    "paraboloid_surface",
    "steepest_descent_direction",
]
FIGURES = (
    "paraboloid_surface",
    "steepest_descent_direction",
    "one_output_network",
    "descent_steps_contours",
    "learning_rates",
)

# The point of figures 1 and 2, where the gradient of x**2 + y**2 is (2, 1).
POINT = np.array([1.0, 0.5])


def _paraboloid_grad(p: np.ndarray) -> np.ndarray:
    return 2.0 * p


@styled
def paraboloid_surface() -> Figure:
    """The bowl C(w1, w2) = w1**2 + w2**2 with a starting point on it."""
    fig, ax = new_figure(5.6, 4.4, subplot_kw={"projection": "3d"})
    ax.computed_zorder = False  # draw in call order: the point stays visible
    edge = 2.0  # the square [-edge, edge]**2
    x, y = np.meshgrid(np.linspace(-edge, edge, 41), np.linspace(-edge, edge, 41))
    z = x**2 + y**2
    ax.contour(x, y, z, levels=8, zdir="z", offset=0.0, cmap="Greys", linewidths=0.8)
    ax.plot_surface(x, y, z, cmap="Blues", alpha=0.6, linewidth=0, antialiased=True)
    px, py = POINT
    pz = px**2 + py**2
    ax.scatter([px], [py], [pz], color=ACCENT, s=50, depthshade=False, zorder=5)
    ax.text(px + 0.2, py, pz + 0.6, "start", color=ACCENT, zorder=6)
    ax.scatter([0.0], [0.0], [0.0], color=INK, s=30, depthshade=False, zorder=5)
    ticks = np.arange(-edge, edge + 1.0)
    ax.set_xticks(ticks)
    ax.set_yticks(ticks)
    ax.set_xlabel("$w_1$")
    ax.set_ylabel("$w_2$")
    ax.set_zlabel("$C(w_1, w_2)$")
    ax.view_init(elev=28, azim=-60)
    return with_facts(
        fig,
        **{
            "square drawn": (-edge, edge),
            "start point": POINT,
            "f at start": pz,
            "minimum": (0.0, 0.0, 0.0),
        },
    )


@styled
def steepest_descent_direction() -> Figure:
    """Unit directions at a point, coloured by their directional derivative."""
    g = _paraboloid_grad(POINT)
    angles = np.linspace(0.0, 2 * np.pi, 16, endpoint=False)
    units = np.column_stack([np.cos(angles), np.sin(angles)])
    slopes = np.array([directional_derivative(g, v) for v in units])
    fig, (left, right) = new_figure(9.0, 4.2, ncols=2)

    x, y = np.meshgrid(np.linspace(-0.6, 2.6, 121), np.linspace(-1.2, 2.0, 121))
    left.contour(x, y, x**2 + y**2, levels=10, colors=MUTED, linewidths=0.7)
    scale = 0.9
    colours = left.quiver(
        np.full(len(units), POINT[0]),
        np.full(len(units), POINT[1]),
        scale * units[:, 0],
        scale * units[:, 1],
        slopes,
        cmap="coolwarm",
        angles="xy",
        scale_units="xy",
        scale=1.0,
        width=0.006,
    )
    down = -g / np.linalg.norm(g)
    left.annotate(
        "",
        xy=POINT + 1.25 * scale * down,
        xytext=POINT,
        arrowprops={"arrowstyle": "-|>", "color": INK, "lw": 2.2},
    )
    left.text(*(POINT + 1.35 * scale * down + np.array([-0.2, -0.2])), r"$-\nabla C$")
    left.plot(*POINT, "o", color=INK, markersize=4)
    left.set_aspect("equal")
    left.set_xlabel("$w_1$")
    left.set_ylabel("$w_2$")
    left.set_title(f"unit directions at $({POINT[0]:g}, {POINT[1]:g})$")
    fig.colorbar(colours, ax=left, label="slope", shrink=0.8)

    theta = np.linspace(0.0, 2 * np.pi, 361)
    curve = [directional_derivative(g, np.array([np.cos(t), np.sin(t)])) for t in theta]
    right.plot(np.degrees(theta), curve, color=BLUE)
    right.plot(np.degrees(angles), slopes, "o", color=BLUE, markersize=3)
    best = np.arctan2(down[1], down[0]) % (2 * np.pi)
    right.plot(np.degrees(best), -np.linalg.norm(g), "o", color=ACCENT, markersize=8)
    right.annotate(
        r"minimum $-\|\nabla C\|$" + "\nat $v = -\\nabla C / \\|\\nabla C\\|$",
        xy=(np.degrees(best), -np.linalg.norm(g)),
        xytext=(15, -1.2),
        color=ACCENT,
        arrowprops={"arrowstyle": "->", "color": ACCENT},
    )
    right.axhline(0.0, color=MUTED, lw=0.8)
    right.set_xticks([0, 90, 180, 270, 360])
    right.set_xlabel(r"angle of $v$ (degrees)")
    right.set_ylabel(r"slope $\nabla C \cdot v$")
    right.set_title("directional derivative")
    return with_facts(
        fig,
        **{
            "point": POINT,
            "gradient": g,
            "unit directions drawn": len(units),
            "steepest-descent angle (degrees)": np.degrees(best),
            "least slope": -np.linalg.norm(g),
            "gradient length": np.linalg.norm(g),
        },
    )


@styled
def one_output_network() -> Figure:
    """Inputs x_1 .. x_n, weights w_1 .. w_n, one sigmoid unit with output y-hat."""
    fig, ax = new_figure(6.0, 3.4)
    ax.set_xlim(0.0, 10.0)
    ax.set_ylim(0.0, 5.6)
    ax.set_aspect("equal")
    ax.axis("off")
    ys = [4.6, 3.3, 1.0]  # x_1, x_2 and, after the dots, x_n
    names = ["$x_1$", "$x_2$", "$x_n$"]
    weights = ["$w_1$", "$w_2$", "$w_n$"]
    unit = np.array([6.2, 2.8])
    for yi, name, wname in zip(ys, names, weights, strict=True):
        ax.add_patch(Circle((1.2, yi), 0.45, facecolor="white", edgecolor=BLUE, lw=2))
        ax.text(1.2, yi, name, ha="center", va="center", fontsize=12)
        ax.add_patch(
            FancyArrowPatch(
                (1.7, yi),
                unit + np.array([-0.95, 0.0]),
                arrowstyle="-|>",
                mutation_scale=12,
                color=INK,
                lw=1.3,
                shrinkA=0,
                shrinkB=0,
            )
        )
        mid = 0.45 * np.array([1.7, yi]) + 0.55 * (unit + np.array([-0.95, 0.0]))
        ax.text(mid[0], mid[1] + 0.25, wname, color=ACCENT, ha="center", fontsize=11)
    ax.text(1.2, 2.2, r"$\vdots$", ha="center", va="center", fontsize=14)
    ax.add_patch(Circle(unit, 0.9, facecolor="#e7f0fb", edgecolor=BLUE, lw=2))
    ax.text(*unit, r"$h$", ha="center", va="center", fontsize=14)
    ax.text(unit[0], 1.45, r"$h = \sum_i w_i x_i$", ha="center", va="top", fontsize=11)
    ax.add_patch(
        FancyArrowPatch(
            unit + np.array([0.95, 0.0]),
            (9.0, unit[1]),
            arrowstyle="-|>",
            mutation_scale=12,
            color=INK,
            lw=1.3,
        )
    )
    ax.text(8.05, unit[1] + 0.3, r"$f(h)$", ha="center", color=GREEN, fontsize=11)
    ax.text(9.15, unit[1], r"$\hat y$", va="center", fontsize=13)
    ax.text(1.2, 5.35, "inputs", ha="center", color=MUTED)
    ax.text(unit[0], 4.0, "output unit", ha="center", color=MUTED)
    return with_facts(fig, **{"input circles": len(ys)})


#: Start, learning rate and number of steps of the path on the contour map.
CONTOUR_START, CONTOUR_ETA, CONTOUR_STEPS = np.array([-0.5, 1.0]), 0.01, 40


def contour_descent_path(
    eta: float = CONTOUR_ETA, n_steps: int = CONTOUR_STEPS
) -> np.ndarray:
    """Gradient descent on the SSE of chapter 1's two-weight unit, from (-0.5, 1).

    Examples
    --------
    >>> from gdbook.figures.gradient import contour_descent_path
    >>> contour_descent_path().shape
    (41, 2)
    """
    X, y = plane_data()
    return gradient_descent(lambda w: -X.T @ (y - X @ w), CONTOUR_START, eta, n_steps)


@styled
def descent_steps_contours() -> Figure:
    """Gradient-descent steps on the contour map of a two-weight error."""
    X, y = plane_data()
    path = contour_descent_path()
    fig, ax = new_figure(5.0, 4.2)
    draw_error_contours(ax)
    ax.plot(path[:, 0], path[:, 1], "-o", color=ACCENT, markersize=3.5, lw=1.4)
    ax.plot(*path[0], "o", color=ACCENT, markersize=8)
    ax.annotate("start", xy=path[0], xytext=(path[0][0] + 0.15, path[0][1] + 0.2))
    w_best = np.linalg.lstsq(X, y, rcond=None)[0]
    ax.plot(*w_best, "o", color="black", markersize=7)
    ax.set_xlabel("$w_1$")
    ax.set_ylabel("$w_2$")
    ax.set_aspect("equal")
    return with_facts(
        fig,
        **{
            "start": path[0],
            "steps": len(path) - 1,
            "eta": CONTOUR_ETA,
            "end": path[-1],
            "least-error weights": w_best,
        },
    )


LEARNING_RATES = (("too small", 0.03), ("good", 0.15), ("too large", 0.38))
#: Start and number of steps of every panel; each panel shows the weights
#: within HALF_WIDTH of the least-error weight.
RATES_START, RATES_STEPS, HALF_WIDTH = 1.6, 8, 2.0


@styled
def learning_rates() -> Figure:
    """Eight steps with three learning rates on chapter 1's one-weight bowl.

    A path is drawn up to its last step inside the panel; a step that lands
    outside it ends the drawn path (and the ``steps drawn`` fact says so).
    """
    x, y = bowl_data()
    X = x[:, None]  # one input: the gradient has the shape (1,) of w
    w_best = float(x @ y / (x @ x))
    w = np.linspace(w_best - HALF_WIDTH, w_best + HALF_WIDTH, 201)
    errors = np.array([sse(y, wi * x) for wi in w])
    fig, axes = new_figure(9.0, 3.2, ncols=3, sharey=True)
    drawn, ends = [], []
    for ax, (title, eta) in zip(axes, LEARNING_RATES, strict=True):
        path = gradient_descent(
            lambda v: -X.T @ (y - X @ v), np.array([RATES_START]), eta, RATES_STEPS
        )[:, 0]
        ends.append(path[-1])
        outside = np.flatnonzero(np.abs(path - w_best) > HALF_WIDTH)
        path = path[: outside[0]] if len(outside) else path
        drawn.append(len(path) - 1)
        ax.plot(w, errors, color=BLUE)
        heights = np.array([sse(y, p * x) for p in path])
        ax.plot(path, heights, "-o", color=ACCENT, markersize=4, lw=1.2)
        ax.plot(path[0], heights[0], "o", color=INK, markersize=6)
        ax.set_title(rf"{title}: $\eta = {eta}$")
        ax.set_xlabel("weight $w$")
    top = float(errors.max())
    axes[0].set_ylim(-0.03 * top, 1.03 * top)
    axes[0].set_ylabel("error $E(w)$")
    return with_facts(
        fig,
        **{
            "etas": [eta for _, eta in LEARNING_RATES],
            "start w0": RATES_START,
            "steps": RATES_STEPS,
            "steps drawn": drawn,
            "weight after the last step": ends,
            "least-error weight": w_best,
            "weights drawn": (w[0], w[-1]),
        },
    )
