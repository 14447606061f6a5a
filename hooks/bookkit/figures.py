"""Draw the figures a page references, cached by a hash of the library.

``![alt text](figure:name)`` in a page makes the build call
``gdbook.figures.FIGURES[name]()`` and publish ``figures/name.svg``. The SVG
is deterministic (fixed hash salt, no date), so the same code and the same
library always give the same bytes; the cache key is a hash of every file of
``src/gdbook`` and of the matplotlib version, so a change to the library
redraws every figure.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "gdbook"
# Everything the build caches lives under one folder; GDBOOK_CACHE_DIR moves
# it (the benchmark points it at an empty folder to time a cold build).
CACHE_ROOT = Path(os.environ.get("GDBOOK_CACHE_DIR", ROOT / ".cache"))
CACHE = CACHE_ROOT / "figures"


def library_hash(package: Path = PACKAGE) -> str:
    """A hash of every source file of gdbook (and of matplotlib's version).

    Keys the figure cache and the labs' cache: any change to the library
    draws every figure and runs every lab again.
    """
    import matplotlib

    h = hashlib.sha256(f"matplotlib {matplotlib.__version__}".encode())
    for path in sorted(package.rglob("*.py")):
        h.update(path.relative_to(package).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def known_figures() -> set[str]:
    from gdbook.figures import FIGURES

    return set(FIGURES)


def draw_all(names: set[str], cache: Path = CACHE) -> dict[str, bytes]:
    """Return the SVG of each figure, drawing only those not cached."""
    folder = cache / library_hash()
    folder.mkdir(parents=True, exist_ok=True)
    from gdbook.figures import render_svg  # importable in a worker, unlike this module

    missing = sorted(n for n in names if not (folder / f"{n}.svg").exists())
    if len(missing) > 1:
        workers = min(len(missing), os.cpu_count() or 1)
        ctx = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(workers, mp_context=ctx) as pool:
            svgs = list(pool.map(render_svg, missing))
    else:
        svgs = [render_svg(n) for n in missing]
    for name, svg in zip(missing, svgs, strict=True):
        tmp = folder / f"{name}.svg.tmp"
        tmp.write_bytes(svg)
        tmp.replace(folder / f"{name}.svg")
    return {n: (folder / f"{n}.svg").read_bytes() for n in names}
