"""Every figure of the book, drawn from code.

Each figure is a function of no arguments that returns a
`matplotlib.figure.Figure`; any randomness comes from a generator
seeded inside it, so a figure is the same every time it is drawn. Pages refer
to a figure by its function's name, ``![alt text](figure:name)``, and the
site build calls `render` for it. This subpackage is the only part
of gdbook that uses matplotlib (``pip install gdbook[figures]``).

Each figure also carries its *facts*: the numbers it draws, annotates or
is drawn from, computed by the same code (`facts_of`). Every number a
figure writes (titles, labels, annotations) is one of its facts, and the
build fails when a number in a page's alt text for the figure is not.
"""

from __future__ import annotations

import importlib
import io
import pkgutil
from collections.abc import Callable
from typing import Any

import matplotlib
from matplotlib.figure import Figure

from ._style import FACTS_ATTRIBUTE

__all__ = ["FIGURES", "facts_of", "render", "render_svg"]


def _collect() -> dict[str, Callable[[], Figure]]:
    """Every module of this package lists its figures in a ``FIGURES`` tuple."""
    found: dict[str, Callable[[], Figure]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for name in module.FIGURES:
            if name in found:
                raise ValueError(f"figure {name!r} is defined twice")
            found[name] = getattr(module, name)
    return found


FIGURES: dict[str, Callable[[], Figure]] = _collect()

SVG_RC = {
    "svg.hashsalt": "gdbook",  # stable ids inside the SVG
    "svg.fonttype": "path",  # glyphs as paths: identical in every browser
}


def facts_of(fig: Figure) -> dict[str, Any]:
    """The facts a figure function attached to ``fig``: name -> number(s).

    Examples
    --------
    >>> from gdbook.figures import FIGURES, facts_of
    >>> round(facts_of(FIGURES["slope_of_square"]())["slope at x0"], 6)
    4.0
    """
    facts = getattr(fig, FACTS_ATTRIBUTE, None)
    if not isinstance(facts, dict):
        raise ValueError(
            "expected a figure drawn by a gdbook figure function, with facts"
        )
    return facts


def render(name: str) -> tuple[bytes, dict[str, Any]]:
    """Draw figure ``name``; return its SVG (byte-for-byte reproducible) and facts.

    Examples
    --------
    >>> from gdbook.figures import render
    >>> svg, facts = render("slope_of_square")
    >>> svg.startswith(b"<?xml"), facts["x0"]
    (True, 2.0)
    """
    if name not in FIGURES:
        known = ", ".join(sorted(FIGURES))
        raise ValueError(f"unknown figure {name!r}; expected one of: {known}")
    with matplotlib.rc_context(SVG_RC):
        fig = FIGURES[name]()
        buf = io.BytesIO()
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    return buf.getvalue(), facts_of(fig)


def render_svg(name: str) -> bytes:
    """Draw figure ``name`` and return its SVG, byte-for-byte reproducible.

    Examples
    --------
    >>> from gdbook.figures import render_svg
    >>> svg = render_svg("slope_of_square")
    >>> svg.startswith(b"<?xml") and b"<svg" in svg
    True
    >>> render_svg("slope_of_square") == svg
    True
    """
    return render(name)[0]
