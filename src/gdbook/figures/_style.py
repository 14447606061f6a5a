"""The look shared by every figure: sizes, colours, fonts."""

from __future__ import annotations

from matplotlib.figure import Figure

INK = "#1f2937"
ACCENT = "#d9480f"
BLUE = "#1c64b4"
GREEN = "#2b8a3e"
MUTED = "#6b7280"
COLORS = (BLUE, ACCENT, GREEN, "#7048e8", "#c2255c")

RC = {
    "font.size": 10,
    "axes.edgecolor": INK,
    "axes.labelcolor": INK,
    "axes.titlesize": 11,
    "xtick.color": INK,
    "ytick.color": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "lines.linewidth": 2.0,
}


def new_figure(width: float = 6.0, height: float = 3.6, ncols: int = 1, **kwargs):
    """A white figure and its axes, in the book's style."""
    fig = Figure(figsize=(width, height), layout="constrained")
    axes = fig.subplots(1, ncols, **kwargs)
    return fig, axes


def styled(draw):
    """Run a figure function inside the book's matplotlib style."""
    import functools

    import matplotlib

    @functools.wraps(draw)
    def wrapper() -> Figure:
        with matplotlib.rc_context(RC):
            return draw()

    return wrapper
