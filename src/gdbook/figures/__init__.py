"""Every figure of the book, drawn from code.

Each figure is a function of no arguments that returns a
`matplotlib.figure.Figure`; any randomness comes from a generator
seeded inside it, so a figure is the same every time it is drawn. Pages refer
to a figure by its function's name, ``![alt text](figure:name)``, and the
site build calls `render_svg` for it. This subpackage is the only part
of gdbook that uses matplotlib (``pip install gdbook[figures]``).
"""

from __future__ import annotations

import importlib
import io
import pkgutil
from collections.abc import Callable

import matplotlib
from matplotlib.figure import Figure

__all__ = ["FIGURES", "render_svg"]


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
    if name not in FIGURES:
        known = ", ".join(sorted(FIGURES))
        raise ValueError(f"unknown figure {name!r}; expected one of: {known}")
    with matplotlib.rc_context(SVG_RC):
        fig = FIGURES[name]()
        buf = io.BytesIO()
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    return buf.getvalue()
