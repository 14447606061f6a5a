"""The look shared by every figure: sizes, colours, fonts; and its facts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from matplotlib.figure import Figure

#: The attribute of a `Figure` that holds the numbers it draws (`with_facts`).
FACTS_ATTRIBUTE = "gdbook_facts"

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


def plain(value: Any) -> Any:
    """A fact as JSON data: NumPy scalars and arrays become floats, ints, lists."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (bool, np.bool_)):
        raise ValueError(f"a fact is a number or a sequence of numbers, got {value!r}")
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value)
    if isinstance(value, (list, tuple, np.ndarray)):
        return [plain(v) for v in value]
    raise ValueError(f"a fact is a number or a sequence of numbers, got {value!r}")


def with_facts(fig: Figure, **facts: Any) -> Figure:
    """Attach to ``fig`` the numbers it draws, computed by the code that drew it.

    Each keyword names a fact; its value is a number or a (nested) sequence
    of numbers. The build checks every number of a figure's alt text against
    these facts, and the tests check every number written in the figure.
    """
    setattr(fig, FACTS_ATTRIBUTE, {name: plain(v) for name, v in facts.items()})
    return fig
