"""Fixtures shared by the docs tests: one strict build of the site per run.

Under pytest-xdist (``./book check`` runs two workers) the first worker that
asks for the site builds it into a folder every worker sees, under a file
lock; the others wait and reuse it. A failed build is recorded there too, so
each worker reports the same log instead of building again.
"""

from __future__ import annotations

import fcntl
from pathlib import Path

import pytest
from book_helpers import build_site


@pytest.fixture(scope="session")
def site(tmp_path_factory, worker_id: str) -> Path:
    """The whole site, built with ``mkdocs build --strict`` into a temporary folder."""
    if worker_id == "master":
        return build_site(tmp_path_factory.mktemp("site"))
    shared = tmp_path_factory.getbasetemp().parent
    out, done, failed = shared / "site", shared / "site.built", shared / "site.failed"
    with (shared / "site.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if failed.exists():
            pytest.fail(failed.read_text(), pytrace=False)
        if not done.exists():
            try:
                build_site(out)
            except AssertionError as e:
                failed.write_text(str(e))
                raise
            done.touch()
    return out


# The stages of ``./book check``: each test file belongs to one, so a broken
# snippet is reported by the first stage, within a minute, before the site is
# built; ``./book check --fast`` leaves out the last two.
BROWSER = {
    "test_book_browser.py",
    "test_browser_faults.py",
    "test_benchmarks.py",
    "test_book_pdf.py",
}
REPRODUCIBLE = {"test_reproducible.py"}
# Files that build (a copy of) the book, draw every figure, run chapters and
# labs in kernels, or sweep seeds. (test_benchmarks.py runs Lighthouse, so it
# goes with the browser.)
SLOW = {
    "test_book_faults.py",
    "test_book_labs_claims.py",
    "test_claims.py",
    "test_figures.py",
    "test_figures_training.py",
    "test_labs.py",
    "test_notebooks.py",
}


def stage_of(item: pytest.Item) -> str:
    """``browser``, ``reproducible``, ``build`` (needs the built site or
    builds, runs or sweeps something big) or ``fast``."""
    name = item.path.name
    if name in BROWSER:
        return "browser"
    if name in REPRODUCIBLE:
        return "reproducible"
    if name in SLOW or "site" in getattr(item, "fixturenames", ()):
        return "build"
    return "fast"


# Order of the files, so that each stage reports its cheapest news first and
# the two workers stay busy: the chapters' snippets before the unit tests; in
# the later stages the browser gate (the longest file, which builds the site)
# first, then what needs no site while the site is being built.
FIRST = ("docs", "src")
LATER = (
    "test_book_browser.py",
    "test_claims.py",
    "test_notebooks.py",
    "test_figures.py",
    "test_labs.py",
    "test_book_faults.py",
    "test_reproducible.py",
)


def _rank(item: pytest.Item) -> int:
    rel = item.path.relative_to(item.config.rootpath).parts
    if rel[0] in FIRST:
        return FIRST.index(rel[0])
    if item.path.name in LATER:
        return len(FIRST) + LATER.index(item.path.name)
    return len(FIRST) + len(LATER)


def pytest_collection_modifyitems(config, items) -> None:
    for item in items:
        item.add_marker(stage_of(item))
    items.sort(key=_rank)  # stable: a file's tests keep their order
