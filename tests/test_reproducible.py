"""Two builds, in different folders with separate caches, are byte-identical.

The session's site (built with the book's own cache, warm or cold) is compared
with a clean build in another folder, with an empty cache of its own and no
SOURCE_DATE_EPOCH: so neither the folder, nor the cache, nor the clock shows
in the site.

Figures, executed labs, notebooks, the search index and the sitemaps: the
site that CI publishes depends only on the commit it is built from (dates
come from the last commit through SOURCE_DATE_EPOCH, set by the build hook).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from book_helpers import ROOT, build_site, report
from bookkit.reproducible import diff_sites


def clean_build(out: Path, cache: Path) -> Path:
    """A build with empty caches of its own and no SOURCE_DATE_EPOCH given."""
    saved = os.environ.pop("SOURCE_DATE_EPOCH", None)
    try:
        return build_site(out, GDBOOK_CACHE_DIR=str(cache))
    finally:
        if saved is not None:
            os.environ["SOURCE_DATE_EPOCH"] = saved


@pytest.fixture(scope="module")
def builds(site: Path, tmp_path_factory) -> tuple[Path, Path]:
    second = tmp_path_factory.mktemp("second-build")
    return site, clean_build(second / "public" / "html", second / "build-cache")


def test_two_clean_builds_are_byte_identical(builds):
    a, b = builds
    assert (a / "sitemap.xml.gz").exists() and (
        a / "search" / "search_index.json"
    ).exists()
    problems = diff_sites(a, b)
    assert not problems, report(problems)


def test_a_changed_figure_is_named_with_its_pages(builds, tmp_path):
    """Self-test: a figure that comes out different names the file and its page."""
    a, _ = builds
    b = tmp_path / "b"
    shutil.copytree(a, b)
    svg = b / "figures" / "error_bowl.svg"
    svg.write_bytes(svg.read_bytes().replace(b"<path ", b"<path data-noise='1' ", 1))
    (problem,) = diff_sites(a, b)
    assert problem.startswith("figures/error_bowl.svg: differs between the two builds")
    assert "used by chapters/01-sum-of-squared-errors.html" in problem


def test_the_sitemap_dates_come_from_the_last_commit(builds):
    a, _ = builds
    date = subprocess.run(
        ["git", "log", "-1", "--format=%cd", "--date=format-local:%Y-%m-%d"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "TZ": "UTC"},
        check=True,
    ).stdout.strip()
    sitemap = (a / "sitemap.xml").read_text()
    assert f"<lastmod>{date}</lastmod>" in sitemap
