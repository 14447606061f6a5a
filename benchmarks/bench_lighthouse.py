"""Lighthouse scores of the home page and a chapter, on a local build, offline.

Run with ``uv run python benchmarks/bench_lighthouse.py [site-dir]`` after
``./book build`` (the default site dir is ``site/``). It serves the build on
localhost with gzip, as GitHub Pages does, and runs the pinned Lighthouse in
Debian's Chromium with no network, as a phone (Lighthouse's default mobile
preset: simulated slow 4G and a 4x slower CPU) and as a desktop. Scores are
printed, not asserted: performance depends on the machine. The categories
that do not depend on timing (accessibility, best practices, SEO) are
asserted by ``tests/test_book_browser.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "hooks")]
from bookkit.server import serve  # noqa: E402
from browser_gate import lighthouse, lighthouse_problems  # noqa: E402

PAGES = ("index.html", "chapters/01-sum-of-squared-errors.html")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = (
    "first-contentful-paint",
    "largest-contentful-paint",
    "total-blocking-time",
    "cumulative-layout-shift",
    "speed-index",
)


def main() -> None:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "site")
    if not (site / "index.html").exists():
        sys.exit(f"no build in {site}: run ./book build first")
    rows = []
    with serve(site) as base:
        for preset in ("mobile", "desktop"):
            for page in PAGES:
                report = lighthouse(f"{base}/{page}", preset)
                rows.append((preset, page, report))
    print(f"Lighthouse {rows[0][2]['lighthouseVersion']}, {rows[0][2]['userAgent']}")
    print(
        f"{'preset':<8} {'page':<42} " + " ".join(f"{c[:13]:>13}" for c in CATEGORIES)
    )
    for preset, page, report in rows:
        scores = [report["categories"][c]["score"] for c in CATEGORIES]
        print(f"{preset:<8} {page:<42} " + " ".join(f"{s:>13.2f}" for s in scores))
    print()
    for preset, page, report in rows:
        audits = report["audits"]
        metrics = ", ".join(
            f"{m.replace('-', ' ')} {audits[m]['displayValue']}" for m in METRICS
        )
        weight = audits["total-byte-weight"]["numericValue"] / 1024
        print(f"{preset:<8} {page}: {metrics}; transferred {weight:.0f} KiB")
        for problem in lighthouse_problems(page, report):
            print(f"  {problem}")


if __name__ == "__main__":
    main()
