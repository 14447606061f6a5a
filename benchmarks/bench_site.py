"""Measure the site build and the weight of every chapter page; print the figures.

    uv run python benchmarks/bench_site.py              # build, then measure
    uv run python benchmarks/bench_site.py --site DIR   # weights of a build only

- cold build: ``mkdocs build`` in a fresh process with empty caches (every
  figure drawn, every lab executed);
- warm rebuild: in one process, as ``mkdocs serve`` does after an edit, a
  second build of a copy of the book after a one-word prose edit;
- page weight, for every chapter: the bytes Chromium downloads to show the
  page with everything it loads (HTML, CSS, JS, the interactive figure's
  files, fonts, figures), read from the same browser run the tests use (it
  scrolls through the page and operates the interactive figures, so nothing
  loaded late is missed); given as sent by a server that gzips text (as
  GitHub Pages does) and uncompressed, with the part each kind of file takes.
- the whole book as a PDF: the time ``tests/browser/print_pdf.mjs`` takes
  to print the build's print page with Chromium (``./book pdf``), and the
  PDF's size and page count.

Targets (issue 14): cold <= 30 s, warm <= 3 s, chapter page <= 300 KiB
transferred. These are measured, never asserted in tests.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = "chapters/01-sum-of-squared-errors.md"
PAGE_TARGET_KIB = 300
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


def kind(url: str) -> str:
    """What a loaded file is, for the breakdown of a page's weight."""
    path = url.split("?")[0]
    if "/assets/interactive/" in path:
        return "figure js/css"
    suffix = Path(path).suffix
    return {
        ".html": "html",
        ".css": "css",
        ".js": "js",
        ".woff2": "fonts",
        ".woff": "fonts",
        ".ttf": "fonts",
        ".svg": "images",
        ".png": "images",
        ".jpg": "images",
    }.get(suffix, "other")


def page_weights(site: Path, pages: list[str]) -> dict[str, dict]:
    """Bytes Chromium downloads for each page: uncompressed, gzip, by kind.

    Each file is counted once per page. ``wire`` is what a server that gzips
    text sends: the smaller of the file and its gzip (fonts and PNGs are
    sent as they are).
    """
    with serve(site, prefix="") as base:
        out = subprocess.run(
            ["node", str(ROOT / "tests/browser/check_pages.mjs"), base, "-", *pages],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    weights = {}
    for report in json.loads(out):
        raw = wire = 0
        kinds: Counter = Counter()
        for url in dict.fromkeys(u for u, _ in report["resources"]):
            data = (site / url.lstrip("/").split("?")[0]).read_bytes()
            sent = min(len(data), len(gzip.compress(data, 9)))
            raw += len(data)
            wire += sent
            kinds[kind(url)] += sent
        weights[report["path"]] = {"raw": raw, "wire": wire, "kinds": dict(kinds)}
    return weights


def page_weight(
    site: Path, page: str = CHAPTER.replace(".md", ".html")
) -> tuple[int, int]:
    """Bytes Chromium downloads for ``page``: uncompressed, and as gzip sends them."""
    w = page_weights(site, [page])[page]
    return w["raw"], w["wire"]


KINDS = ("html", "css", "js", "figure js/css", "fonts", "images", "other")


def weight_table(weights: dict[str, dict]) -> list[str]:
    """One row per page: gzip total, target, uncompressed, and the parts."""
    rows = [
        f"{'page + all it loads (KiB)':<46}{'gzip':>7}{'target':>8}{'':>6}{'raw':>8}  "
        + " ".join(f"{k:>13}" for k in KINDS)
    ]
    for page, w in weights.items():
        verdict = "ok" if w["wire"] / 1024 <= PAGE_TARGET_KIB else "OVER"
        rows.append(
            f"{page:<46}{w['wire'] / 1024:>7.1f}{'<= ' + str(PAGE_TARGET_KIB):>8}"
            f"{verdict:>6}{w['raw'] / 1024:>8.1f}  "
            + " ".join(f"{w['kinds'].get(k, 0) / 1024:>13.1f}" for k in KINDS)
        )
    return rows


def chapter_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.glob("chapters/*.html"))


def pdf_build(site: Path) -> tuple[float, int, int]:
    """``./book pdf``'s printing step on a build: seconds, bytes, pages."""
    from pypdf import PdfReader

    out = site.parent / "gdbook.pdf"
    start = time.perf_counter()
    subprocess.run(
        [
            "node",
            str(ROOT / "tests" / "browser" / "print_pdf.mjs"),
            str(site),
            str(out),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    elapsed = time.perf_counter() - start
    return elapsed, out.stat().st_size, len(PdfReader(out).pages)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--site",
        type=Path,
        help="measure the page weights of this build only (no build timed)",
    )
    args = parser.parse_args(argv)
    if args.site is not None:
        if not args.site.is_dir():
            sys.exit(f"no build in {args.site}")
        print(
            "\n".join(weight_table(page_weights(args.site, chapter_pages(args.site))))
        )
        return
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        cold = cold_build(tmp)
        warm = warm_rebuild(tmp)
        weights = page_weights(tmp / "cold", chapter_pages(tmp / "cold"))
        lab_raw, lab_wire = page_weight(tmp / "cold", LAB)
        raw_site = raw_lab_build(tmp)
        before_raw, before_wire = page_weight(raw_site, LAB)
        html_before = (raw_site / LAB).stat().st_size
        html_after = (tmp / "cold" / LAB).stat().st_size
        pdf_s, pdf_bytes, pdf_pages = pdf_build(tmp / "cold")
    print(f"{'measure':<42}{'value':>12}{'target':>12}")
    print(f"{'cold build, whole book (s)':<42}{cold:>12.2f}{'<= 30':>12}")
    print(f"{'warm rebuild after a one-word edit (s)':<42}{warm:>12.2f}{'<= 3':>12}")
    print(f"{'the book as a PDF, printed (s)':<42}{pdf_s:>12.2f}{'< 60':>12}")
    print(
        f"{f'the PDF ({pdf_pages} pages) (MiB)':<42}{pdf_bytes / 2**20:>12.2f}{'':>12}"
    )
    print()
    print("\n".join(weight_table(weights)))
    print()
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
