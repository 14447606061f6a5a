"""Measure the site build and the weight of a chapter page; print the figures.

    uv run python benchmarks/bench_site.py

- cold build: ``mkdocs build`` in a fresh process with empty caches (every
  figure drawn, every lab executed);
- warm rebuild: in one process, as ``mkdocs serve`` does after an edit, a
  second build of a copy of the book after a one-word prose edit;
- page weight: the bytes Chromium downloads to show chapter 1 with
  everything it loads (HTML, CSS, JS, fonts, figures), read from the same
  browser run the tests use; given as sent by a server that gzips text
  (as GitHub Pages does) and uncompressed.

Targets: cold <= 30 s, warm <= 3 s, chapter page <= 300 KiB. These are
measured, never asserted in tests.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = "chapters/01-sum-of-squared-errors.md"
LAB = "labs/04-break-backprop.html"
os.environ["NO_MKDOCS_2_WARNING"] = "1"
sys.path.insert(0, str(ROOT / "hooks"))
from bookkit.server import serve  # noqa: E402


def copy_tree(dest: Path) -> Path:
    shutil.copytree(ROOT / "docs", dest / "docs")
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    for name in ("hooks", "src"):
        (dest / name).symlink_to(ROOT / name)
    return dest


def cold_build(tmp: Path) -> float:
    cache = Path(tempfile.mkdtemp())
    env = {**os.environ, "GDBOOK_CACHE_DIR": str(cache)}
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-q",
            "--site-dir",
            str(tmp / "cold"),
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )
    elapsed = time.perf_counter() - start
    shutil.rmtree(cache)
    return elapsed


def warm_rebuild(tmp: Path) -> float:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = copy_tree(tmp / "warm")
    site = root / "site"

    def one_build() -> float:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
        config.plugins.on_startup(command="serve", dirty=False)
        start = time.perf_counter()
        build(config)
        return time.perf_counter() - start

    one_build()
    page = root / "docs" / CHAPTER
    page.write_text(page.read_text().replace("plainest measure", "simplest measure", 1))
    return one_build()


def raw_lab_build(tmp: Path) -> Path:
    """The site as mkdocs-jupyter alone would publish the labs (labs cached)."""
    out = tmp / "raw-labs"
    env = {**os.environ, "GDBOOK_RAW_LABS": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(out)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    return out


def page_weight(
    site: Path, page: str = CHAPTER.replace(".md", ".html")
) -> tuple[int, int]:
    """Bytes Chromium downloads for ``page``: uncompressed, and as gzip sends them."""
    with serve(site, prefix="") as base:
        out = subprocess.run(
            ["node", str(ROOT / "tests/browser/check_pages.mjs"), base, "-", page],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    report = json.loads(out)[0]
    raw = report["bytes"]
    wire = 0
    for url, _ in report["resources"]:
        data = (site / url.lstrip("/").split("?")[0]).read_bytes()
        wire += min(len(data), len(gzip.compress(data, 9)))
    return raw, wire


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        cold = cold_build(tmp)
        warm = warm_rebuild(tmp)
        raw, wire = page_weight(tmp / "cold")
        lab_raw, lab_wire = page_weight(tmp / "cold", LAB)
        raw_site = raw_lab_build(tmp)
        before_raw, before_wire = page_weight(raw_site, LAB)
        html_before = (raw_site / LAB).stat().st_size
        html_after = (tmp / "cold" / LAB).stat().st_size
    print(f"{'measure':<42}{'value':>12}{'target':>12}")
    print(f"{'cold build, whole book (s)':<42}{cold:>12.2f}{'<= 30':>12}")
    print(f"{'warm rebuild after a one-word edit (s)':<42}{warm:>12.2f}{'<= 3':>12}")
    print(
        f"{'chapter 1 page + all it loads, gzip (KiB)':<42}{wire / 1024:>12.1f}{'<= 300':>12}"
    )
    print(f"{'the same, uncompressed (KiB)':<42}{raw / 1024:>12.1f}{'':>12}")
    print(
        f"lab page {LAB}, its HTML alone (KiB): {html_before / 1024:.1f} before, {html_after / 1024:.1f} after"
    )
    print(f"lab page {LAB} with all it loads, gzip / uncompressed (KiB):")
    print(
        f"{'  as mkdocs-jupyter renders it':<42}{before_wire / 1024:>12.1f}{before_raw / 1024:>12.1f}"
    )
    print(
        f"{'  as published (inline CSS, MathJax gone)':<42}{lab_wire / 1024:>12.1f}{lab_raw / 1024:>12.1f}"
    )


if __name__ == "__main__":
    main()
