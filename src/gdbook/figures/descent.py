"""Figures of chapter 3: batch, stochastic and mini-batch descent; momentum."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from gdbook.datasets import linear_teacher
from gdbook.descent import (
    gradient_descent,
    linear_mse,
    linear_mse_grad,
    minibatch_descent,
    momentum_descent,
)

from ._style import ACCENT, BLUE, GREEN, INK, MUTED, new_figure, styled
from .sse import draw_error_contours, plane_data

__all__ = [
    "descent_cost_three_ways",
    "descent_local_minima",
    "descent_momentum_paths",
    "teacher_data",
    "tilted_double_well",
    "tilted_double_well_grad",
]
FIGURES = ("descent_cost_three_ways", "descent_local_minima", "descent_momentum_paths")

# The three ways of chapter 3: (label, batch size) on 200 examples.
BATCH_SIZES = (
    ("batch, $k = 200$", 200),
    ("mini-batch, $k = 16$", 16),
    ("SGD, $k = 1$", 1),
)


def teacher_data() -> tuple[np.ndarray, np.ndarray]:
    """The data of chapter 3: 200 examples of y = 2 x_1 - x_2 + noise.

    Examples
    --------
    >>> from gdbook.figures.descent import teacher_data
    >>> X, y = teacher_data()
    >>> X.shape, y.shape
    ((200, 2), (200,))
    """
    return linear_teacher(200, np.array([2.0, -1.0]), 0.5, np.random.default_rng(0))


def tilted_double_well(w: np.ndarray) -> np.ndarray:
    """f(w) = w**4 - 3 w**2 + 2 w: a shallow minimum at w = 1, a deep one near -1.37.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.figures.descent import tilted_double_well
    >>> float(tilted_double_well(np.array(1.0)))
    0.0
    """
    return w**4 - 3 * w**2 + 2 * w


def tilted_double_well_grad(w: np.ndarray) -> np.ndarray:
    """f'(w) = 4 w**3 - 6 w + 2 = 2 (w - 1)(2 w**2 + 2 w - 1).

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.figures.descent import tilted_double_well_grad
    >>> print(tilted_double_well_grad(np.array([1.0])))
    [0.]
    """
    return 4 * w**3 - 6 * w + 2


@styled
def descent_cost_three_ways() -> Figure:
    """Cost of batch, mini-batch and stochastic descent, by update and by epoch."""
    X, y = teacher_data()
    fig, (by_update, by_epoch) = new_figure(9.0, 3.8, ncols=2, sharey=True)
    for (label, k), colour in zip(BATCH_SIZES, (BLUE, GREEN, ACCENT), strict=True):
        history = minibatch_descent(
            linear_mse_grad,
            np.zeros(2),
            X,
            y,
            eta=0.05,
            batch_size=k,
            epochs=20,
            rng=np.random.default_rng(1),
            cost_fn=linear_mse,
        )
        updates = np.arange(len(history.cost))
        lw = 1.0 if k == 1 else 2.0
        by_update.plot(updates[1:], history.cost[1:], color=colour, lw=lw, label=label)
        by_epoch.plot(history.epoch, history.cost, color=colour, lw=lw, label=label)
    best = linear_mse(np.linalg.lstsq(X, y, rcond=None)[0], X, y)
    for ax in (by_update, by_epoch):
        ax.axhline(best, color=MUTED, lw=0.8, ls="--")
        ax.set_yscale("log")
        ax.set_yticks([0.125, 0.25, 0.5, 1.0, 2.0], ["0.125", "0.25", "0.5", "1", "2"])
        ax.minorticks_off()
    by_update.set_xscale("log")
    by_update.set_xlabel("updates (log scale)")
    by_update.set_ylabel("cost $C(w)$ on all 200 examples")
    by_update.set_title("per update")
    by_epoch.set_xlabel("epochs")
    by_epoch.set_title("per epoch")
    top = by_epoch.secondary_xaxis(
        "top", functions=(lambda e: 200 * e, lambda s: s / 200)
    )
    top.set_xlabel("examples seen")
    by_epoch.legend(frameon=False, loc="upper right")
    by_update.text(1.2, best * 1.08, "least possible cost", color=MUTED, fontsize=8)
    return fig


@styled
def descent_local_minima() -> Figure:
    """Two starts on a tilted double well end in different minima."""
    w = np.linspace(-2.0, 2.0, 401)
    fig, ax = new_figure(6.0, 3.8)
    ax.plot(w, tilted_double_well(w), color=INK, lw=1.6)
    for w0, colour in ((0.2, BLUE), (0.5, ACCENT)):
        path = gradient_descent(tilted_double_well_grad, np.array([w0]), 0.02, 200)[
            :, 0
        ]
        ax.plot(path, tilted_double_well(path), "o", color=colour, markersize=3.5)
        ax.plot(path[0], tilted_double_well(path[0]), "o", color=colour, markersize=9)
        ax.annotate(
            f"start $w_0 = {w0}$",
            xy=(path[0], tilted_double_well(path[0])),
            xytext=(path[0] - 0.3 + 0.7 * (w0 > 0.3), 2.2),
            color=colour,
            ha="center",
            arrowprops={"arrowstyle": "->", "color": colour},
        )
        ax.plot(path[-1], tilted_double_well(path[-1]), "s", color=colour, markersize=8)
    ax.annotate(
        "local minimum",
        xy=(1.0, -0.1),
        xytext=(1.0, -1.6),
        ha="center",
        arrowprops={"arrowstyle": "->", "color": MUTED},
    )
    ax.annotate("global minimum", xy=(-1.366, -4.85), xytext=(-0.6, -4.6))
    ax.set_ylim(-5.5, 4.0)
    ax.set_xlabel("weight $w$")
    ax.set_ylabel("$f(w) = w^4 - 3w^2 + 2w$")
    return fig


@styled
def descent_momentum_paths() -> Figure:
    """Plain descent against momentum: in a narrow valley and on a double well."""
    X, y = plane_data()
    fig, (valley, well) = new_figure(9.4, 4.0, ncols=2)

    draw_error_contours(valley)
    start = np.array([-0.5, 1.0])

    def grad(w: np.ndarray) -> np.ndarray:
        return -X.T @ (y - X @ w)

    plain = gradient_descent(grad, start, 0.005, 40)
    heavy = momentum_descent(grad, start, 0.005, 0.7, 40)
    valley.plot(*plain.T, "-o", color=BLUE, markersize=2.5, lw=1.2, label="plain")
    valley.plot(
        *heavy.T, "-o", color=ACCENT, markersize=2.5, lw=1.2, label=r"$\mu = 0.7$"
    )
    valley.plot(*np.linalg.lstsq(X, y, rcond=None)[0], "o", color="black", markersize=7)
    valley.set_aspect("equal")
    valley.set_xlabel("$w_1$")
    valley.set_ylabel("$w_2$")
    valley.set_title(r"40 steps, $\eta = 0.005$")
    valley.legend(frameon=False, loc="upper right")

    w = np.linspace(-2.0, 2.3, 401)
    well.plot(w, tilted_double_well(w), color=INK, lw=1.4)
    w0 = np.array([2.0])
    plain = gradient_descent(tilted_double_well_grad, w0, 0.02, 300)[:, 0]
    heavy = momentum_descent(tilted_double_well_grad, w0, 0.02, 0.9, 300)[:, 0]
    well.plot(
        plain, tilted_double_well(plain), "o", color=BLUE, markersize=3, label="plain"
    )
    well.plot(
        heavy[:60],
        tilted_double_well(heavy[:60]),
        "-o",
        color=ACCENT,
        markersize=3,
        lw=0.8,
        label=r"$\mu = 0.9$ (first 60 steps)",
    )
    well.plot(plain[-1], tilted_double_well(plain[-1]), "s", color=BLUE, markersize=8)
    well.plot(heavy[-1], tilted_double_well(heavy[-1]), "s", color=ACCENT, markersize=8)
    well.set_ylim(-5.5, 6.0)
    well.set_xlabel("weight $w$")
    well.set_ylabel("$f(w)$")
    well.set_title(r"from $w_0 = 2$, $\eta = 0.02$")
    well.legend(frameon=False, loc="upper center")
    return fig
