"""Internal links: every relative link names a page that exists and an anchor on it.

MkDocs' own validation (``validation:`` in mkdocs.yml, fatal under
``strict``) checks the same links but does not say on which line they are;
this check does, and runs first.
"""

from __future__ import annotations

import posixpath
import re

from markdown.extensions.toc import slugify, unique

from . import BookError
from .book import Book, Page, anchor_for
from .source import page_line_anchors, resolve

LINK = re.compile(
    r"(?<!!)\[(?:[^\[\]]|\[[^\]]*\])*\]\((?P<target><[^>]*>|[^)\s]+)(?:\s+\"[^\"]*\")?\)"
)
HEADING = re.compile(r"^(#{1,6})\s+(?P<title>.+?)\s*(?:\{[^}]*\})?\s*#*\s*$", re.M)
ATTR_ID = re.compile(r"\{[^}]*#(?P<id>[A-Za-z][\w\-.:]*)[^}]*\}")
HTML_ID = re.compile(r"\bid=\"(?P<id>[^\"]+)\"")


def _plain(title: str) -> str:
    title = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", title)
    return re.sub(r"[`*_]", "", title)


def anchors(book: Book, page: Page) -> set[str]:
    """The ids a page will have: headings, equations, explicit ids."""
    found: set[str] = set()
    seen: set[str] = set()
    for tok in page.prose():
        for m in HEADING.finditer(tok.text):
            found.add(unique(slugify(_plain(m["title"]), "-"), seen))
        found.update(m["id"] for m in ATTR_ID.finditer(tok.text))
    for tok in page.tokens:
        if tok.kind in ("text", "comment"):
            found.update(m["id"] for m in HTML_ID.finditer(tok.text))
    found.update(
        anchor_for(eq.key) for eq in book.equations.values() if eq.page == page.src
    )
    found.update(page_line_anchors(page))  # #src-<module>-L<n>, see source.py
    return found


def check_links(book: Book) -> list[BookError]:
    errors = []
    cache: dict[str, set[str]] = {}
    for page in book.pages.values():
        for m, line in page.matches(LINK, page.prose()):
            target = m["target"].strip("<>")
            if re.match(r"^[a-z][a-z0-9+.\-]*:", target, re.I):  # http:, mailto:, ...
                continue
            path, _, anchor = target.partition("#")
            if path:
                src = posixpath.normpath(
                    posixpath.join(posixpath.dirname(page.src), path)
                )
                if src.endswith("/") or not posixpath.splitext(src)[1]:
                    errors.append(
                        page.error(line, f"link {target!r}: link to a .md file")
                    )
                    continue
                if src not in book.pages:
                    if not (book.docs_dir / src).is_file():
                        errors.append(
                            page.error(line, f"broken link {target!r}: no such file")
                        )
                    continue
            else:
                src = page.src
            if not anchor:
                continue
            if src not in cache:
                cache[src] = anchors(book, book.pages[src])
            if anchor in cache[src]:
                continue
            if src.startswith("reference/") and anchor.startswith("gdbook."):
                try:
                    resolve(anchor)
                    continue
                except LookupError:
                    pass
            errors.append(
                page.error(
                    line, f"broken link {target!r}: docs/{src} has no anchor #{anchor}"
                )
            )
    return errors
