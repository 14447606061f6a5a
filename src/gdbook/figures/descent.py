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
from gdbook.schedules import constant, exponential_decay, inverse_decay

from ._style import ACCENT, BLUE, GREEN, INK, MUTED, new_figure, styled, with_facts
from .sse import draw_error_contours, plane_data

__all__ = [
    "descent_cost_three_ways",
    "descent_local_minima",
    "descent_momentum_paths",
    "descent_rate_schedules",
    "double_well_points",
    "schedule_distances",
    "teacher_data",
    "tilted_double_well",
    "tilted_double_well_grad",
]
FIGURES = (
    "descent_cost_three_ways",
    "descent_local_minima",
    "descent_momentum_paths",
    "descent_rate_schedules",
)

#: The runs of the cost figure: learning rate, epochs, and the smaller batch
#: sizes (the whole batch is len(X)); "reaching the bottom" means a cost
#: less than REACHED above the least possible cost (as chapter 3 prints it).
THREE_WAYS = {"eta": 0.05, "epochs": 20, "mini_batch": 16, "sgd": 1}
REACHED = 0.01

#: f(w) = w**4 - 3 w**2 + 2 w, highest power first (numpy.polyval's order).
DOUBLE_WELL = (1.0, 0.0, -3.0, 2.0, 0.0)


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
    return np.polyval(DOUBLE_WELL, w)


def tilted_double_well_grad(w: np.ndarray) -> np.ndarray:
    """f'(w) = 4 w**3 - 6 w + 2 = 2 (w - 1)(2 w**2 + 2 w - 1).

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.figures.descent import tilted_double_well_grad
    >>> print(tilted_double_well_grad(np.array([1.0])))
    [0.]
    """
    return np.polyval(np.polyder(DOUBLE_WELL), w)


def _polynomial_tex(coefficients, var: str) -> str:
    """``(1, 0, -3, 2, 0)`` -> ``w^4 - 3w^2 + 2w``: the label of a polynomial."""
    terms = []
    degree = len(coefficients) - 1
    for i, c in enumerate(coefficients):
        power = degree - i
        if c == 0:
            continue
        size = f"{abs(c):g}" if abs(c) != 1 or power == 0 else ""
        name = var if power == 1 else (f"{var}^{power}" if power else "")
        sign = "-" if c < 0 else "+"
        terms.append((sign, size + name))
    text = " ".join(f"{sign} {term}" for sign, term in terms)
    return text[2:] if text.startswith("+ ") else "-" + text[2:]


def double_well_points() -> dict[str, float]:
    """The minima and the hilltop of `tilted_double_well`, from f'(w) = 0.

    Examples
    --------
    >>> from gdbook.figures.descent import double_well_points
    >>> {k: round(v, 3) for k, v in double_well_points().items()}
    {'global minimum': -1.366, 'hilltop': 0.366, 'local minimum': 1.0}
    """
    roots = np.sort(np.roots(np.polyder(DOUBLE_WELL)).real)
    curvature = np.polyval(np.polyder(DOUBLE_WELL, 2), roots)
    minima = roots[curvature > 0]
    heights = tilted_double_well(minima)
    return {
        "global minimum": float(minima[np.argmin(heights)]),
        "hilltop": float(roots[curvature < 0][0]),
        "local minimum": float(minima[np.argmax(heights)]),
    }


def _power_of_two_ticks(ax, low: float, high: float) -> None:
    """Ticks at the powers of two between ``low`` and ``high`` on a log axis."""
    ticks = 2.0 ** np.arange(np.ceil(np.log2(low)), np.floor(np.log2(high)) + 1)
    ax.set_yticks(ticks, [f"{t:g}" for t in ticks])
    ax.minorticks_off()


@styled
def descent_cost_three_ways() -> Figure:
    """Cost of batch, mini-batch and stochastic descent, by update and by epoch."""
    X, y = teacher_data()
    m = len(X)
    runs = (
        ("batch", m, BLUE),
        ("mini-batch", THREE_WAYS["mini_batch"], GREEN),
        ("SGD", THREE_WAYS["sgd"], ACCENT),
    )
    best = linear_mse(np.linalg.lstsq(X, y, rcond=None)[0], X, y)
    fig, (by_update, by_epoch) = new_figure(9.0, 3.8, ncols=2, sharey=True)
    reached, final, updates_made, highest = {}, {}, {}, 0.0
    for name, size, colour in runs:
        history = minibatch_descent(
            linear_mse_grad,
            np.zeros(2),
            X,
            y,
            eta=THREE_WAYS["eta"],
            batch_size=size,
            epochs=THREE_WAYS["epochs"],
            rng=np.random.default_rng(1),
            cost_fn=linear_mse,
        )
        cost, epoch = np.asarray(history.cost), np.asarray(history.epoch)
        updates = np.arange(len(cost))
        lw = 1.0 if size == 1 else 2.0
        label = f"{name}, $B = {size}$"
        by_update.plot(updates[1:], cost[1:], color=colour, lw=lw, label=label)
        by_epoch.plot(epoch, cost, color=colour, lw=lw, label=label)
        near = np.flatnonzero(cost - best < REACHED)
        if len(near):
            reached[name] = epoch[near[0]]
        final[name] = cost[-1]
        updates_made[name] = len(cost) - 1
        highest = max(highest, float(cost.max()))
    for ax in (by_update, by_epoch):
        ax.axhline(best, color=MUTED, lw=0.8, ls="--")
        ax.set_yscale("log")
        _power_of_two_ticks(ax, best, highest)
    by_update.set_xscale("log")
    by_update.set_xlabel("updates (log scale)")
    by_update.set_ylabel(f"cost $C(w)$ on all {m} examples")
    by_update.set_title("per update")
    by_epoch.set_xlabel("epochs")
    by_epoch.set_title("per epoch")
    top = by_epoch.secondary_xaxis("top", functions=(lambda e: m * e, lambda s: s / m))
    top.set_xlabel("examples seen")
    by_epoch.legend(frameon=False, loc="upper right")
    by_update.text(1.2, best * 1.08, "least possible cost", color=MUTED, fontsize=8)
    return with_facts(
        fig,
        **{
            "examples m": m,
            "batch sizes": [size for _, size, _ in runs],
            "eta": THREE_WAYS["eta"],
            "epochs": THREE_WAYS["epochs"],
            "least possible cost": best,
            "updates made": updates_made,
            "final cost": final,
            "final cost above the least": {k: v - best for k, v in final.items()},
            "final cost over the least": {k: v / best for k, v in final.items()},
            "within this of the least cost counts as reached": REACHED,
            "epochs until the cost is within that of the least": reached,
        },
    )


#: Starts, learning rate and steps of the double-well figure.
WELL_STARTS, WELL_ETA, WELL_STEPS = (0.2, 0.5), 0.02, 200


@styled
def descent_local_minima() -> Figure:
    """Two starts on a tilted double well end in different minima."""
    points = double_well_points()
    w_global, w_local = points["global minimum"], points["local minimum"]
    f_global, f_hill = tilted_double_well(np.array([w_global, points["hilltop"]]))
    rise = f_hill - f_global  # the depth of the deep well below the hilltop
    w = np.linspace(-2.0, 2.0, 401)
    fig, ax = new_figure(6.0, 3.8)
    ax.plot(w, tilted_double_well(w), color=INK, lw=1.6)
    ends = []
    for w0, colour in zip(WELL_STARTS, (BLUE, ACCENT), strict=True):
        path = gradient_descent(
            tilted_double_well_grad, np.array([w0]), WELL_ETA, WELL_STEPS
        )[:, 0]
        ends.append(path[-1])
        ax.plot(path, tilted_double_well(path), "o", color=colour, markersize=3.5)
        ax.plot(path[0], tilted_double_well(path[0]), "o", color=colour, markersize=9)
        left_of_hill = w0 < points["hilltop"]
        ax.annotate(
            f"start $w_0 = {w0:g}$",
            xy=(path[0], tilted_double_well(path[0])),
            xytext=(path[0] + (-0.5 if left_of_hill else 0.5), f_hill + 0.35 * rise),
            color=colour,
            ha="center",
            arrowprops={"arrowstyle": "->", "color": colour},
        )
        ax.plot(path[-1], tilted_double_well(path[-1]), "s", color=colour, markersize=8)
    ax.annotate(
        "local minimum",
        xy=(w_local, tilted_double_well(w_local)),
        xytext=(w_local, tilted_double_well(w_local) - 0.3 * rise),
        ha="center",
        va="top",
        arrowprops={"arrowstyle": "->", "color": MUTED},
    )
    ax.annotate(
        "global minimum",
        xy=(w_global, f_global),
        xytext=(w_global + 0.75, f_global + 0.05 * rise),
        va="center",
    )
    ax.set_ylim(f_global - 0.12 * rise, f_hill + 0.7 * rise)
    ax.set_xlabel("weight $w$")
    ax.set_ylabel(f"$C(w) = {_polynomial_tex(DOUBLE_WELL, 'w')}$")
    return with_facts(
        fig,
        **{
            "coefficients of f": DOUBLE_WELL,
            "starts": WELL_STARTS,
            "eta": WELL_ETA,
            "steps": WELL_STEPS,
            "ends": ends,
            **{name: (wp, tilted_double_well(wp)) for name, wp in points.items()},
        },
    )


#: The valley panel (start, eta, beta, steps) and the double-well panel
#: (start, eta, beta, steps, momentum steps drawn) of the momentum figure.
VALLEY = {"start": (-0.5, 1.0), "eta": 0.005, "beta": 0.7, "steps": 40}
WELL = {"start": 2.0, "eta": 0.02, "beta": 0.9, "steps": 300, "drawn": 60}


@styled
def descent_momentum_paths() -> Figure:
    """Plain descent against momentum: in a narrow valley and on a double well."""
    X, y = plane_data()
    fig, (valley, well) = new_figure(9.4, 4.0, ncols=2)

    draw_error_contours(valley)
    start = np.array(VALLEY["start"])

    def grad(w: np.ndarray) -> np.ndarray:
        return -X.T @ (y - X @ w)

    eta, beta, steps = VALLEY["eta"], VALLEY["beta"], VALLEY["steps"]
    plain = gradient_descent(grad, start, eta, steps)
    heavy = momentum_descent(grad, start, eta, beta, steps)
    w_best = np.linalg.lstsq(X, y, rcond=None)[0]
    valley.plot(*plain.T, "-o", color=BLUE, markersize=2.5, lw=1.2, label="plain")
    valley.plot(
        *heavy.T, "-o", color=ACCENT, markersize=2.5, lw=1.2, label=rf"$\beta = {beta}$"
    )
    valley.plot(*w_best, "o", color="black", markersize=7)
    valley.set_aspect("equal")
    valley.set_xlabel("$w_1$")
    valley.set_ylabel("$w_2$")
    valley.set_title(rf"{steps} steps, $\eta = {eta}$")
    valley.legend(frameon=False, loc="upper right")
    valley_facts = {
        "valley start": start,
        "valley eta": eta,
        "valley beta": beta,
        "valley steps": steps,
        "least-error weights": w_best,
        "valley distance to the least-error weights, plain and momentum": (
            np.linalg.norm(plain[-1] - w_best),
            np.linalg.norm(heavy[-1] - w_best),
        ),
    }

    eta, beta, steps, drawn = WELL["eta"], WELL["beta"], WELL["steps"], WELL["drawn"]
    w0 = np.array([WELL["start"]])
    plain = gradient_descent(tilted_double_well_grad, w0, eta, steps)[:, 0]
    heavy = momentum_descent(tilted_double_well_grad, w0, eta, beta, steps)[:, 0]
    shown = np.concatenate([plain, heavy[:drawn]])
    low, high = min(w0[0], shown.min()), max(w0[0], shown.max())
    w = np.linspace(low - 0.1 * (high - low), high + 0.1 * (high - low), 401)
    well.plot(w, tilted_double_well(w), color=INK, lw=1.4)
    well.plot(
        plain, tilted_double_well(plain), "o", color=BLUE, markersize=3, label="plain"
    )
    well.plot(
        heavy[:drawn],
        tilted_double_well(heavy[:drawn]),
        "-o",
        color=ACCENT,
        markersize=3,
        lw=0.8,
        label=rf"$\beta = {beta}$ (first {drawn} steps)",
    )
    well.plot(plain[-1], tilted_double_well(plain[-1]), "s", color=BLUE, markersize=8)
    well.plot(heavy[-1], tilted_double_well(heavy[-1]), "s", color=ACCENT, markersize=8)
    heights = tilted_double_well(np.concatenate([shown, heavy[-1:]]))
    span = heights.max() - heights.min()
    well.set_ylim(heights.min() - 0.1 * span, heights.max() + 0.25 * span)
    well.set_xlabel("weight $w$")
    well.set_ylabel("$C(w)$")
    well.set_title(rf"from $w_0 = {w0[0]:g}$, $\eta = {eta}$")
    well.legend(frameon=False, loc="upper center")
    return with_facts(
        fig,
        **valley_facts,
        **{
            "well start": w0[0],
            "well eta": eta,
            "well beta": beta,
            "well steps": steps,
            "momentum steps drawn": drawn,
            "well end, plain and momentum": (plain[-1], heavy[-1]),
            **{n: (p, tilted_double_well(p)) for n, p in double_well_points().items()},
        },
    )


#: The three schedules of chapter 3's section on learning rates over time,
#: each of the update counter t: the fixed rate, a decay whose rates have a
#: finite sum, and the inverse decay, which meets both conditions (3.7).
RATE_SCHEDULES = {
    "constant": {"eta": 0.05},
    "exponential decay": {"eta0": 0.05, "gamma": 0.98},
    "inverse decay": {"eta0": 0.05, "tau": 200},
}
SCHEDULE_SEEDS, SCHEDULE_EPOCHS = 20, 80


def _rate_schedules() -> list:
    return [
        constant(**RATE_SCHEDULES["constant"]),
        exponential_decay(**RATE_SCHEDULES["exponential decay"]),
        inverse_decay(**RATE_SCHEDULES["inverse decay"]),
    ]


def schedule_distances(schedules: list, seeds: range | list, epochs: int) -> np.ndarray:
    r"""Distances $\|w_t - w^\star\|$ of SGD on chapter 3's data, many runs at once.

    SGD (batch size 1) from $w = 0$ on `teacher_data`, one run per seed and
    schedule, each as `gdbook.descent.minibatch_descent` runs it with
    ``eta=schedule``, ``batch_size=1`` and ``rng=np.random.default_rng(seed)``:
    the same shuffles, the same rate ``schedule(t)`` at update ``t``. The
    runs step side by side, one vectorised update for all of them, which is
    what makes 20 seeds of 80 epochs take a fraction of a second.

    Parameters
    ----------
    schedules : list of callable
        Schedules of the update counter (see `gdbook.schedules`).
    seeds : sequence of int
        Seeds of the shuffles.
    epochs : int
        Passes over the 200 examples.

    Returns
    -------
    ndarray of shape (epochs * 200 + 1, len(seeds), len(schedules))
        Row ``t``: the distance to the least-squares weights $w^\star$ after
        ``t`` updates.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.descent import linear_mse_grad, minibatch_descent
    >>> from gdbook.figures.descent import schedule_distances, teacher_data
    >>> from gdbook.schedules import inverse_decay
    >>> d = schedule_distances([inverse_decay(0.05, 200)], [3], epochs=1)
    >>> d.shape
    (201, 1, 1)
    >>> X, y = teacher_data()
    >>> hist = minibatch_descent(linear_mse_grad, np.zeros(2), X, y,
    ...                          eta=inverse_decay(0.05, 200), batch_size=1,
    ...                          epochs=1, rng=np.random.default_rng(3))
    >>> w_star = np.linalg.lstsq(X, y, rcond=None)[0]
    >>> bool(np.allclose(np.linalg.norm(hist.w - w_star, axis=1), d[:, 0, 0]))
    True
    """
    X, y = teacher_data()
    m, k, n_runs = len(y), len(schedules), len(seeds) * len(schedules)
    w_star = np.linalg.lstsq(X, y, rcond=None)[0]
    rngs = [np.random.default_rng(seed) for seed in seeds]
    order = np.concatenate(
        [np.stack([rng.permutation(m) for rng in rngs]) for _ in range(epochs)],
        axis=1,
    )  # (seeds, updates): the example of each update
    order = np.repeat(
        order, k, axis=0
    ).T  # (updates, runs): one run per (seed, schedule)
    rates = np.array([[s(t) for s in schedules] for t in range(len(order))])
    rates = np.tile(rates, len(seeds))  # (updates, runs)
    xs, ys = X[order], y[order]  # the example of every update of every run
    w = np.zeros((n_runs, 2))
    path = np.empty((len(order) + 1, n_runs, 2))
    path[0] = w
    for t, (x, target, eta_t) in enumerate(zip(xs, ys, rates, strict=True)):
        residual = np.einsum("ri,ri->r", x, w) - target
        w = w - (eta_t * residual)[:, None] * x  # Eq. (7) with B = 1
        path[t + 1] = w
    distances = np.linalg.norm(path - w_star, axis=2)
    return distances.reshape(len(distances), len(seeds), k)


@styled
def descent_rate_schedules() -> Figure:
    """Distance to the minimum for a constant, a fast-decaying and a 1/t rate."""
    m = len(teacher_data()[1])
    distances = schedule_distances(
        _rate_schedules(), range(SCHEDULE_SEEDS), SCHEDULE_EPOCHS
    )
    updates = np.arange(len(distances))
    shown = np.unique(np.round(np.geomspace(1, updates[-1], 300)).astype(int))
    fig, ax = new_figure(7.0, 3.8)
    labels = {
        "constant": rf"constant $\eta = {RATE_SCHEDULES['constant']['eta']}$",
        "exponential decay": r"$\eta_0 \gamma^t$, $\gamma = "
        + f"{RATE_SCHEDULES['exponential decay']['gamma']}$",
        "inverse decay": r"$\eta_0/(1 + t/\tau)$, $\tau = "
        + f"{RATE_SCHEDULES['inverse decay']['tau']}$",
    }
    facts = {}
    for j, (name, colour) in enumerate(
        zip(RATE_SCHEDULES, (BLUE, GREEN, ACCENT), strict=True)
    ):
        d = distances[:, :, j]
        ax.fill_between(
            shown, d[shown].min(axis=1), d[shown].max(axis=1), color=colour, alpha=0.15
        )
        ax.plot(
            shown, np.median(d[shown], axis=1), color=colour, lw=1.8, label=labels[name]
        )
        for epochs in (20, SCHEDULE_EPOCHS):
            end = d[epochs * m]
            facts[f"{name}: median, min, max distance after {epochs} epochs"] = (
                np.median(end),
                end.min(),
                end.max(),
            )
    ax.axvline(20 * m, color=MUTED, lw=0.8, ls=":")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("updates $t$ (log scale)")
    ax.set_ylabel(r"distance $\|w_t - w^\star\|$")
    ax.set_title(
        f"SGD on the {m} examples, {SCHEDULE_SEEDS} shuffles: median and range, "
        rf"$\eta_0 = {RATE_SCHEDULES['inverse decay']['eta0']}$"
    )
    ax.legend(frameon=False, loc="lower left")
    return with_facts(
        fig,
        **{
            "examples m": m,
            "seeds": SCHEDULE_SEEDS,
            "epochs": SCHEDULE_EPOCHS,
            "updates": int(updates[-1]),
            "dotted line at update (epoch 20)": (20 * m, 20),
            "eta, eta0": RATE_SCHEDULES["constant"]["eta"],
            "gamma": RATE_SCHEDULES["exponential decay"]["gamma"],
            "tau": RATE_SCHEDULES["inverse decay"]["tau"],
            "distance at the start": distances[0, 0, 0],
            **facts,
        },
    )
