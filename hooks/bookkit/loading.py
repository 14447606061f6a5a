"""How a built page loads: nothing fetched or run before the reader needs it.

Issue 14 (a page within 300 KiB, Lighthouse mobile performance 0.98) and
issue 16 item 7. Each change here was measured with
``benchmarks/bench_lighthouse.py`` and ``benchmarks/bench_site.py``; what
each costs is written up in ``benchmarks/README.md``.

- Material's bundle is a plain ``<script>`` at the end of ``<body>``. Chromium
  fetches such a script at high priority, and Lighthouse's simulation then
  puts its download (35 KiB) and its run on the way to the first paint.
  With ``defer`` it still runs before ``DOMContentLoaded``, where Material
  sets up the page, in the same order with the book's own scripts (which
  ``mkdocs.yml`` defers too), so nothing changes for the reader.
- Search on demand (``search_on_demand.js``, inlined before the bundle):
  the search index (about 170 KiB gzip) and the search worker are fetched
  when the reader first reaches for search, not with every page.
- Each code block's ``<code>`` gets its number of lines (``--gdb-lines``):
  ``docs/assets/gdbook.css`` skips rendering a code block while it is off
  screen and sizes it meanwhile from its lines, so the page is as tall as
  it will be and a skipped block does not look scrollable.

The print page is built from the home page's HTML, so it gets both.
"""

from __future__ import annotations

import re
from pathlib import Path

SEARCH_ON_DEMAND = (Path(__file__).with_name("search_on_demand.js")).read_text()
# Material's own bundle (its name carries a hash of its content).
BUNDLE = re.compile(
    r'<script src="(?P<src>[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>'
)
MARK = "<!-- gdbook: search on demand -->"
# A code block as Pygments and pymdownx write it: <pre><span></span><code>.
CODE = re.compile(r"(<pre\b[^>]*>(?:<span></span>)?<code)(>)(.*?)(</code>)", re.S)


class LoadingError(ValueError):
    """A page whose scripts are not where this module expects them."""


def code_lines(code: str) -> int:
    """The lines a code block shows: a last line break ends the last line."""
    return code.count("\n") + (0 if code.endswith("\n") or not code else 1)


def mark_code_lines(html: str) -> str:
    """Each ``<pre><code>`` of ``html`` with ``style="--gdb-lines:N"``."""
    return CODE.sub(
        lambda m: f'{m[1]} style="--gdb-lines:{code_lines(m[3])}"{m[2]}{m[3]}{m[4]}',
        html,
    )


def finish_page(html: str) -> str:
    """``html`` with Material's bundle deferred and search on demand before
    it, and each code block's number of lines written on it.

    Raises ``LoadingError`` when the page has no bundle or more than one (an
    upgrade of Material that renamed it must not silently undo this).
    """
    found = BUNDLE.findall(html)
    if len(found) != 1:
        raise LoadingError(
            f"expected Material's bundle script once, found it {len(found)} times"
        )
    script = f"{MARK}\n<script>{SEARCH_ON_DEMAND}</script>\n"
    html = BUNDLE.sub(
        lambda m: f'{script}<script src="{m["src"]}" defer></script>', html, count=1
    )
    return mark_code_lines(html)
