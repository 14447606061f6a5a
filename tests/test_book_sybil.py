"""Sybil collects every Python example of the book, and nothing is skipped silently."""

from __future__ import annotations

from pathlib import Path

import pytest
from book_helpers import DOCS, ROOT
from bookkit.book import Book
from bookkit.docstrings import docstrings
from bookkit.fences import SKIP
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
    # One example per statement of a doctest fence (each ``>>>``), one per
    # plain fence, one per skip directive: none lost inside a fence either.
    want = sum(
        _prompts(tok.text) if ">>>" in tok.text else 1
        for tok in page.fences()
        if tok.info == "python"
    ) + sum(1 for tok in page.comments() if SKIP.fullmatch(tok.text))
    assert len(list(document.examples())) == want, (
        f"docs/{page.src}: Sybil collects {len(list(document.examples()))} "
        f"examples, the page has {want}"
    )


def _prompts(text: str) -> int:
    return sum(1 for line in text.splitlines() if line.lstrip().startswith(">>>"))


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
    """Each ``>>>`` of every docstring is one example Sybil runs."""
    package = ROOT / "src" / "gdbook"
    problems, total = [], 0
    found = docstrings(package)
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(ROOT)
        prompts = sum(_prompts(text) for r, _, text in found if r == rel.as_posix())
        if not prompts:
            continue
        if not DOCSTRINGS.should_parse(path):
            problems.append(f"{rel} is not collected")
            continue
        examples = len(list(DOCSTRINGS.parse(path).examples()))
        total += examples
        if examples != prompts:
            problems.append(f"{rel}: {prompts} >>> in docstrings, {examples} collected")
    assert not problems, "\n".join(problems)
    assert total > 50, f"only {total} docstring examples in the whole package"
