"""Compare two builds of the site: a reproducible build gives the same bytes.

Used by ``tests/test_reproducible.py``, which builds the book twice from
scratch (separate output folders, separate caches) and fails on any file
that differs, naming it and the pages that use it.
"""

from __future__ import annotations

import filecmp
from collections.abc import Callable, Iterable
from pathlib import Path


def _files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def _first_difference(a: bytes, b: bytes) -> int:
    return next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y),
        min(len(a), len(b)),
    )


def users(site: Path, name: str) -> list[str]:
    """The HTML pages of ``site`` that refer to the file ``name``."""
    base = Path(name).name.encode()
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if "assets" not in p.parts and base in p.read_bytes()
    )


def diff_sites(a: Path, b: Path) -> list[str]:
    """Every file that is not byte-identical in the builds ``a`` and ``b``."""
    problems = []
    only_a, only_b = _files(a) - _files(b), _files(b) - _files(a)
    problems += [f"{name}: only in the first build" for name in sorted(only_a)]
    problems += [f"{name}: only in the second build" for name in sorted(only_b)]
    for name in sorted(_files(a) & _files(b)):
        if filecmp.cmp(a / name, b / name, shallow=False):
            continue
        x, y = (a / name).read_bytes(), (b / name).read_bytes()
        at = _first_difference(x, y)
        where = users(a, name) if not name.endswith(".html") else []
        used = f"; used by {', '.join(where)}" if where else ""
        problems.append(
            f"{name}: differs between the two builds at byte {at} "
            f"({x[max(0, at - 20) : at + 20]!r} vs {y[max(0, at - 20) : at + 20]!r}){used}"
        )
    return problems


def nondeterministic_figures(
    names: Iterable[str], render: Callable[[str], bytes]
) -> list[str]:
    """Figures whose two renderings differ: randomness without a seed, a date."""
    problems = []
    for name in sorted(names):
        first, second = render(name), render(name)
        if first != second:
            at = _first_difference(first, second)
            problems.append(
                f"figure {name!r} is not deterministic: two renderings differ at "
                f"byte {at} (seed its random generator inside the function)"
            )
    return problems
