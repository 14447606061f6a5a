"""A figure's alt text states only numbers the figure computed: its facts.

Each figure function attaches its *facts* to the figure it draws
(``gdbook.figures.facts_of``): the numbers it draws, annotates or is drawn
from, computed by the same code. The build caches them next to the SVG
(:mod:`bookkit.figures`) and :func:`check_alt_texts` fails, naming
``docs/<page>.md:<line>``, when a number written in a figure's alt text is
none of that figure's facts at the precision written.

What counts as a written number, and when a value shows it, is
:mod:`bookkit.numbers`' rule for prose (:func:`bookkit.numbers.prose_numbers`
and :func:`bookkit.numbers.shows`), so both checks agree: *about 207
degrees* is shown by a fact 206.57, *0.93* by 0.9334, *about four* by 4.08;
a fact is an exact computed value, so it carries every decimal a page may
write. If the drawing's numbers change, the alt text no longer matches and
the build says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from . import BookError
from .numbers import Printed, Written, prose_numbers, shows

EXACT = 10**6  # bookkit.numbers' mark of a value that carries every decimal


def fact_values(facts: Any) -> list[float]:
    """Every number among ``facts`` (nested dicts and lists), in order."""
    if isinstance(facts, Mapping):
        return [v for value in facts.values() for v in fact_values(value)]
    if isinstance(facts, (list, tuple)):
        return [v for value in facts for v in fact_values(value)]
    if isinstance(facts, bool) or not isinstance(facts, (int, float)):
        raise ValueError(f"a fact is a number or a list of numbers, got {facts!r}")
    return [float(facts)]


def _printed(facts: Any) -> list[Printed]:
    return [Printed(repr(v), v, EXACT) for v in fact_values(facts)]


def unsupported_numbers(alt: str, facts: Any, line: int = 1) -> list[Written]:
    """The numbers written in ``alt`` that none of ``facts`` shows."""
    printed = _printed(facts)
    return [
        w for w in prose_numbers(alt, line) if not any(shows(w, p) for p in printed)
    ]


def _nearest(w: Written, facts: Any) -> str:
    """The fact closest to a written number, to say what the figure has."""
    best = None
    for name, value in (facts or {}).items():
        for v in fact_values(value):
            gap = abs(abs(v) - abs(w.value))
            if best is None or gap < best[0]:
                best = (gap, name, v)
    if best is None:
        return "the figure has no facts"
    return f"nearest fact: {best[1]!r} = {best[2]:.6g}"


def check_alt_texts(
    refs: Iterable[tuple[Any, int, str, str]], facts: Mapping[str, Any]
) -> list[BookError]:
    """Alt-text numbers that are none of their figure's facts, by file and line.

    ``refs`` are ``(page, line, name, alt)`` as ``Book.figure_refs()`` gives
    them; ``facts`` maps a figure's name to its facts. A figure without
    facts is skipped here (an unknown figure is ``Book.check_figures``'
    error).
    """
    errors = []
    for page, line, name, alt in refs:
        if name not in facts:
            continue
        for w in unsupported_numbers(alt, facts[name], line):
            errors.append(
                page.error(
                    w.line,
                    f"alt text of figure:{name} writes {w.text!r}, which is none "
                    f"of the numbers the figure computes ({_nearest(w, facts[name])}; "
                    f"all facts: gdbook.figures.facts_of). Reword the alt text, or "
                    f"make the figure function compute and attach that number",
                )
            )
    return errors
