"""The whole book on one printable page, ``print_page.html``.

The home page, the notation page and every chapter, in the order of the
navigation, each in its own ``<section>``: math and figures exactly as on
their own pages (the HTML is taken after KaTeX has rendered it), equation
and figure anchors kept as they are (they are unique across the book;
figures keep their numbers, "Figure 4.2"), heading anchors
prefixed by their page so they stay unique, and links between these pages
turned into links within the print page. The page reuses the shell of the
built home page (its CSS, fonts and theme) and adds print rules: no
navigation, a page break before each chapter, solutions shown open.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

ATTR = re.compile(r'(?P<attr>href|src)="(?P<url>[^"]*)"')
HEADING_ID = re.compile(r'<(?P<tag>h[1-6])(?P<before>[^>]*?) id="(?P<id>[^"]+)"')
ARTICLE = re.compile(
    r'(<article class="md-content__inner md-typeset">)(.*?)(</article>)', re.S
)
TITLE = re.compile(r"<title>.*?</title>", re.S)
LINE_ID = re.compile(r' id="(src-[\w-]+-L[0-9]+)"')
# A page's templates of the equations and figures it cites on other pages
# (bookkit.book, for the previews): here every target is on the page.
PREVIEWS = re.compile(
    r'<div class="gdb-previews" hidden data-search-exclude>.*?\n</div>', re.S
)
# Equation and figure anchors are unique across the book: kept as they are.
BOOK_ANCHORS = ("eq-", "fig-", "cit-", "bib-")  # cit-/bib-: bookkit.citations

PRINT_CSS = """
<style>
  .gdb-print-section + .gdb-print-section { margin-top: 3em; }
  @media print {
    .md-header, .md-tabs, .md-sidebar, .md-footer, .md-top, .md-source-file,
    .md-content__button, a.md-button, .headerlink, .md-code__nav { display: none !important; }
    .md-main__inner { margin: 0; }
    .md-content { margin: 0 !important; max-width: none; }
    .gdb-print-section { break-before: page; }
    .gdb-print-section:first-of-type { break-before: auto; }
    .gdb-math, img.gdb-figure, figure.gdb-fig, pre, table { break-inside: avoid; }
    details { display: block; }
  }
</style>
"""


def page_key(src: str) -> str:
    return "p-" + re.sub(r"[^a-z0-9]+", "-", src.removesuffix(".md").lower()).strip("-")


def _fix(html: str, src: str, url: str, keys: dict[str, str]) -> str:
    key = page_key(src)
    here = posixpath.dirname(url)
    html = PREVIEWS.sub("", html)
    html = HEADING_ID.sub(
        lambda m: f'<{m["tag"]}{m["before"]} id="{key}-{m["id"]}"', html
    )
    # Source line anchors (bookkit.source) repeat across pages: prefix them too.
    html = LINE_ID.sub(lambda m: f' id="{key}-{m[1]}"', html)

    def link(m: re.Match) -> str:
        target = m["url"]
        if re.match(r"^[a-z][a-z0-9+.\-]*:|^//", target, re.I):
            return m.group(0)
        path, _, anchor = target.partition("#")
        if not path:  # a link within the same page
            return f'{m["attr"]}="#{_anchor(key, anchor)}"'
        resolved = posixpath.normpath(posixpath.join(here, path))
        if m["attr"] == "href" and resolved in keys:
            other = keys[resolved]
            return f'href="#{_anchor(other, anchor) if anchor else other}"'
        return f'{m["attr"]}="{resolved}{"#" + anchor if anchor else ""}"'

    html = ATTR.sub(link, html)
    return html.replace("<details", "<details open")


def _anchor(key: str, anchor: str) -> str:
    return anchor if anchor.startswith(BOOK_ANCHORS) else f"{key}-{anchor}"


def build_print_page(
    site_dir: Path, pages: list[tuple[str, str, str]], title: str
) -> Path:
    """Write ``print_page.html``; ``pages`` holds (src, url, html) in nav order."""
    keys = {url: page_key(src) for src, url, _ in pages}
    sections = [
        f'<section class="gdb-print-section" id="{page_key(src)}">{_fix(html, src, url, keys)}</section>'
        for src, url, html in pages
    ]
    shell = (site_dir / "index.html").read_text(encoding="utf-8")
    body = "\n".join(sections)
    out = ARTICLE.sub(lambda m: m.group(1) + body + m.group(3), shell, count=1)
    out = TITLE.sub(f"<title>{title}</title>", out, count=1)
    out = out.replace("</head>", PRINT_CSS + "</head>", 1)
    # The shell's own table of contents links to the home page's headings,
    # which now carry the home page's prefix.
    ids = set(re.findall(r'\bid="([^"]+)"', out))
    home = page_key("index.md")
    out = re.sub(
        r'href="#([^"]+)"',
        lambda m: (
            f'href="#{home}-{m[1]}"'
            if m[1] not in ids and f"{home}-{m[1]}" in ids
            else m.group(0)
        ),
        out,
    )
    target = site_dir / "print_page.html"
    target.write_text(out, encoding="utf-8")
    return target
