"""Draw the figures a page references, cached by a hash of the library.

``![alt text](figure:name)`` in a page makes the build call
``gdbook.figures.FIGURES[name]()`` and publish ``figures/name.svg``. The SVG
is deterministic (fixed hash salt, no date), so the same code and the same
library always give the same bytes; the cache key is a hash of every file of
``src/gdbook`` and of the matplotlib version, so a change to the library
redraws every figure. Each figure's facts (the numbers it computes, for the
alt-text check of :mod:`bookkit.figfacts`) are cached beside its SVG as
``name.facts.json``.
"""

from __future__ import annotations

import hashlib
import json
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


def draw_all(
    names: set[str], cache: Path = CACHE, key: str | None = None
) -> dict[str, bytes]:
    """Return the SVG of each figure, drawing only those not cached.

    ``key`` is the library hash to cache under (computed when not given); a
    build computes it once and passes it here and to `cached_facts`, so that
    both read the same folder even if the library is edited meanwhile.
    """
    folder = cache / (key or library_hash())
    folder.mkdir(parents=True, exist_ok=True)
    from gdbook.figures import render  # importable in a worker, unlike this module

    missing = sorted(
        n
        for n in names
        if not ((folder / f"{n}.svg").exists() and _facts_path(folder, n).exists())
    )
    if len(missing) > 1:
        workers = min(len(missing), os.cpu_count() or 1)
        ctx = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(workers, mp_context=ctx) as pool:
            drawn = list(pool.map(render, missing))
    else:
        drawn = [render(n) for n in missing]
    for name, (svg, facts) in zip(missing, drawn, strict=True):
        _write(_facts_path(folder, name), json.dumps(facts, indent=1).encode())
        _write(folder / f"{name}.svg", svg)
    return {n: (folder / f"{n}.svg").read_bytes() for n in names}


def cached_facts(
    names: set[str], cache: Path = CACHE, key: str | None = None
) -> dict[str, dict]:
    """The facts of each figure, as `draw_all` (called first) cached them."""
    folder = cache / (key or library_hash())
    return {n: json.loads(_facts_path(folder, n).read_text()) for n in sorted(names)}


def _facts_path(folder: Path, name: str) -> Path:
    return folder / f"{name}.facts.json"


def _write(path: Path, data: bytes) -> None:
    # A temporary name of this process's own: two builds sharing the cache
    # (a `mkdocs serve` and a test build, say) never write the same file.
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
