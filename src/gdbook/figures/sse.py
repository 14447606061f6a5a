"""Figures of chapter 1, the sum of squared errors."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from gdbook.gradcheck import numerical_gradient
from gdbook.losses import sse

from ._style import ACCENT, BLUE, INK, MUTED, new_figure, styled, with_facts

__all__ = ["bowl_data", "error_bowl", "error_contours", "plane_data", "slope_of_square"]
FIGURES = ("slope_of_square", "error_bowl", "error_contours")


def bowl_data() -> tuple[np.ndarray, np.ndarray]:
    """The one-input data set of the error bowl: y = 0.5 x plus noise.

    Examples
    --------
    >>> from gdbook.figures.sse import bowl_data
    >>> x, y = bowl_data()
    >>> x.shape, y.shape
    ((20,), (20,))
    """
    rng = np.random.default_rng(1)
    x = rng.uniform(-1.0, 1.0, size=20)
    y = 0.5 * x + rng.normal(0.0, 0.1, size=20)
    return x, y


def plane_data() -> tuple[np.ndarray, np.ndarray]:
    """The two-input data set of the contour map, with correlated inputs.

    Examples
    --------
    >>> from gdbook.figures.sse import plane_data
    >>> X, y = plane_data()
    >>> X.shape, y.shape
    ((50, 2), (50,))
    """
    rng = np.random.default_rng(2)
    x1 = rng.normal(0.0, 1.0, size=50)
    x2 = 0.6 * x1 + 0.5 * rng.normal(0.0, 1.0, size=50)
    X = np.column_stack([x1, x2])
    y = X @ np.array([1.0, -0.5]) + rng.normal(0.0, 0.1, size=50)
    return X, y


@styled
def slope_of_square() -> Figure:
    """f(x) = x**2 with its tangent at x = 2, whose slope is f'(2) = 4."""
    fig, ax = new_figure(5.5, 3.6)
    x = np.linspace(-3.0, 3.5, 200)
    x0 = 2.0
    slope = float(numerical_gradient(lambda v: float(v[0] ** 2), np.array([x0]))[0])
    ax.plot(x, x**2, color=BLUE, label="$f(x) = x^2$")
    t = x0 + np.array([-1.4, 1.4])
    ax.plot(
        t, x0**2 + slope * (t - x0), color=ACCENT, label=f"tangent, slope {slope:.0f}"
    )
    ax.plot([x0], [x0**2], "o", color=INK)
    ax.annotate(
        f"$\\phi'({x0:g}) = {slope:.0f}$",
        xy=(x0, x0**2),
        xytext=(x0 - 2.3, x0**2 + 3),
        arrowprops={"arrowstyle": "->", "color": MUTED},
    )
    ax.set_xlabel(r"$\xi$")
    ax.set_ylabel(r"$\phi(\xi)$")
    ax.set_ylim(-0.5, max(x**2) * 1.05)
    ax.legend(frameon=False, loc="upper left")
    return with_facts(fig, x0=x0, **{"f(x0)": x0**2, "slope at x0": slope})


@styled
def error_bowl() -> Figure:
    """The SSE of a one-weight linear unit as a function of its weight."""
    x, y = bowl_data()
    w = np.linspace(-1.0, 2.0, 301)
    errors = np.array([sse(y, wi * x) for wi in w])
    w_best = float(x @ y / (x @ x))
    w0 = 1.6
    grad = float(-(y - w0 * x) @ x)
    fig, ax = new_figure(5.5, 3.6)
    ax.plot(w, errors, color=BLUE)
    ax.plot([w_best], [sse(y, w_best * x)], "o", color=INK)
    ax.annotate("minimum", xy=(w_best, sse(y, w_best * x)), xytext=(w_best - 0.2, 1.2))
    e0 = sse(y, w0 * x)
    ax.plot([w0], [e0], "o", color=ACCENT)
    ax.annotate(
        "",
        xy=(w0 - 0.35, e0),
        xytext=(w0, e0),
        arrowprops={"arrowstyle": "->", "color": ACCENT, "lw": 2},
    )
    ax.annotate(
        f"slope {grad:.2f}: step left",
        xy=(w0, e0),
        xytext=(w0 - 0.55, e0 + 0.35),
        color=ACCENT,
    )
    ax.set_xlabel("weight $w$")
    ax.set_ylabel("error $E(w)$")
    return with_facts(
        fig,
        **{
            "least-error weight": w_best,
            "least error": sse(y, w_best * x),
            "start w0": w0,
            "slope at w0": grad,
            "error at w0": e0,
            "weights drawn": (w[0], w[-1]),
        },
    )


def draw_error_contours(ax) -> None:
    """Contour lines of the SSE of the two-weight unit on ``plane_data``.

    Darker lines mark larger errors. Shared by every figure that draws a
    path on this map (chapters 1 to 3).
    """
    X, y = plane_data()
    w1, w2 = np.meshgrid(np.linspace(-1.0, 3.0, 101), np.linspace(-2.5, 1.5, 101))
    E = np.array([sse(y, X @ w) for w in zip(w1.ravel(), w2.ravel(), strict=True)])
    E = E.reshape(w1.shape)
    levels = np.quantile(E, np.linspace(0.01, 0.9, 12))
    ax.contour(w1, w2, E, levels=levels, cmap="Greys", vmin=-levels[-1] * 0.3)


@styled
def error_contours() -> Figure:
    """Contours of the SSE of a two-weight linear unit; darker is larger."""
    X, y = plane_data()
    w_best = np.linalg.lstsq(X, y, rcond=None)[0]
    fig, ax = new_figure(5.0, 4.2)
    draw_error_contours(ax)
    ax.plot(*w_best, "o", color="black", markersize=7)
    ax.set_xlabel("$w_1$")
    ax.set_ylabel("$w_2$")
    ax.set_aspect("equal")
    return with_facts(fig, **{"least-error weights": w_best})
