"""Sybil collects every Python example of the book, and nothing is skipped silently."""

from __future__ import annotations

from pathlib import Path

import pytest
from book_helpers import DOCS, ROOT
from bookkit.book import Book
from bookkit.snippets import make_sybils

DOCS_SYBIL, DOCSTRINGS = make_sybils(ROOT)
PAGES = sorted(DOCS.rglob("*.md"))


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_sybil_collects_every_python_fence(path: Path):
    book = Book.load(DOCS)
    page = book.pages[path.relative_to(DOCS).as_posix()]
    fences = {tok.line for tok in page.fences() if tok.info == "python"}
    if fences:  # pytest hands this page to Sybil only if a pattern matches it
        assert DOCS_SYBIL.should_parse(path), f"docs/{page.src} is not collected"
    document = DOCS_SYBIL.parse(path)
    collected = {example.line for example in document.examples()}
    missed = sorted(
        line
        for line in fences
        if not any(line <= c <= line + _length(page, line) for c in collected)
    )
    where = ", ".join(f"docs/{page.src}:{line}" for line in missed)
    assert not missed, f"python fences Sybil does not collect: {where}"


def _length(page, line: int) -> int:
    tok = next(t for t in page.fences() if t.line == line)
    return tok.text.count("\n")


def test_the_chapters_have_snippets():
    chapters = sorted((DOCS / "chapters").glob("*.md"))
    assert chapters
    for path in chapters:
        examples = list(DOCS_SYBIL.parse(path).examples())
        assert len(examples) >= 5, f"{path.name} has {len(examples)} tested snippets"


def test_every_docstring_example_is_collected():
    package = ROOT / "src" / "gdbook"
    for path in sorted(package.rglob("*.py")):
        text = path.read_text()
        if ">>>" not in text:
            continue
        assert DOCSTRINGS.should_parse(path), (
            f"{path.relative_to(ROOT)} is not collected"
        )
        examples = list(DOCSTRINGS.parse(path).examples())
        assert examples, f"{path.relative_to(ROOT)} has >>> examples Sybil does not see"
