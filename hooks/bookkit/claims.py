"""Claim markers: a paragraph whose statement a sweep in the tests supports.

A paragraph followed by ``<!-- claim: l2-vs-plain-20-seeds -->`` on a line
of its own names ``claim_l2_vs_plain_20_seeds()`` in ``tests/claims.py``
(hyphens become underscores, prefix ``claim_``). The function returns
``{"holds": bool, "summary": str}``.

- The build (:func:`check_claim_functions`) fails, naming the marker's
  ``docs/<page>.md:<line>``, when the function does not exist; it reads
  ``tests/claims.py`` without importing it, so no sweep runs at build time.
  :func:`render_claims` turns each marker into a small note under the
  paragraph naming the function.
- ``tests/test_claims.py`` (:func:`claim_errors`) runs each function once
  and fails, with the same file:line, when it is missing, when ``holds`` is
  not True, or when a number written in the paragraph is not shown by
  ``summary`` (the rule of :mod:`bookkit.numbers`).
"""

from __future__ import annotations

import ast
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import BookError
from .book import Book, Page
from .numbers import shows, written_numbers

CLAIM = re.compile(r"<!--\s*claim:\s*(?P<name>\S*?)\s*-->")
NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
CLAIM_LINE = re.compile(
    r"^[ \t]*<!--\s*claim:\s*(?P<name>[a-z0-9]+(?:-[a-z0-9]+)*)\s*-->[ \t]*$", re.M
)
CLAIMS_FILE = "tests/claims.py"


@dataclass(frozen=True)
class Marker:
    page: Page
    line: int
    name: str  # as written: l2-vs-plain-20-seeds
    start: int  # the paragraph it follows, as offsets in page.text
    end: int

    @property
    def function(self) -> str:
        return "claim_" + self.name.replace("-", "_")

    def error(self, message: str) -> BookError:
        return self.page.error(self.line, message)


def function_name(name: str) -> str:
    return "claim_" + name.replace("-", "_")


def _paragraph_before(text: str, pos: int) -> tuple[int, int]:
    """(start, end) of the paragraph that ends before ``pos``."""
    end = text.rfind("\n", 0, pos)
    end = 0 if end < 0 else end
    while end > 0 and text[text.rfind("\n", 0, end) + 1 : end].strip() == "":
        end = text.rfind("\n", 0, end)
        end = max(end, 0)
    blank = re.compile(r"\n[ \t]*\n")
    starts = [m.end() for m in blank.finditer(text, 0, end)]
    return (starts[-1] if starts else 0), end


def markers(book: Book) -> tuple[list[Marker], list[BookError]]:
    """Every claim marker of the book, and every malformed one as an error."""
    found, errors = [], []
    for page in book.pages.values():
        for tok in page.comments():
            m = CLAIM.fullmatch(tok.text)
            if not m:
                continue
            line_start = page.text.rfind("\n", 0, tok.start) + 1
            line_end = page.text.find("\n", tok.end)
            line_end = len(page.text) if line_end < 0 else line_end
            alone = (
                page.text[line_start : tok.start].strip() == ""
                and page.text[tok.end : line_end].strip() == ""
            )
            if not NAME.fullmatch(m["name"]):
                errors.append(
                    page.error(
                        tok.line,
                        f"claim marker {tok.text!r}: the name is lower-case words "
                        "joined by hyphens, e.g. <!-- claim: l2-vs-plain-20-seeds -->",
                    )
                )
                continue
            if not alone:
                errors.append(
                    page.error(
                        tok.line,
                        f"claim marker {tok.text!r} must be on a line of its own, "
                        "right after the paragraph it supports",
                    )
                )
                continue
            start, end = _paragraph_before(page.text, line_start)
            if not page.text[start:end].strip():
                errors.append(
                    page.error(
                        tok.line, f"claim marker {tok.text!r} follows no paragraph"
                    )
                )
                continue
            found.append(Marker(page, tok.line, m["name"], start, end))
    return found, errors


def defined_functions(claims_file: Path) -> set[str]:
    """The ``claim_*`` functions ``tests/claims.py`` defines (read, not run)."""
    if not claims_file.is_file():
        return set()
    tree = ast.parse(claims_file.read_text(encoding="utf-8"))
    return {
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and node.name.startswith("claim_")
    }


def check_claim_functions(book: Book, claims_file: Path) -> list[BookError]:
    """The build's check: every marker names a function that exists."""
    found, errors = markers(book)
    defined = defined_functions(claims_file)
    for marker in found:
        if marker.function not in defined:
            errors.append(
                marker.error(
                    f"claim marker names {marker.function}() but {CLAIMS_FILE} "
                    "does not define it"
                )
            )
    return errors


def paragraph_numbers(marker: Marker):
    return written_numbers(marker.page, marker.start, marker.end)


def claim_errors(
    found: list[Marker], run: Callable[[str], dict | None]
) -> list[BookError]:
    """The test's check: run each marker's function (``run(name)``; None when
    missing) and compare its result with the paragraph."""
    errors = []
    for marker in found:
        result = run(marker.function)
        if result is None:
            errors.append(
                marker.error(
                    f"claim marker names {marker.function}() but {CLAIMS_FILE} "
                    "does not define it"
                )
            )
            continue
        if (
            not isinstance(result, dict)
            or not isinstance(result.get("summary"), str)
            or "holds" not in result
        ):
            errors.append(
                marker.error(
                    f"{marker.function}() must return "
                    '{"holds": bool, "summary": str}, '
                    f"got {result!r}"
                )
            )
            continue
        summary = result["summary"]
        if result["holds"] is not True:
            errors.append(
                marker.error(
                    f"{marker.function}(): the paragraph's claim does not hold "
                    f"on the sweep: {summary}"
                )
            )
        for number in paragraph_numbers(marker):
            if not shows(number, summary):
                errors.append(number_error(marker, number, summary))
    return errors


def number_error(marker: Marker, number, summary: str) -> BookError:
    return marker.page.error(
        number.line,
        f"{number.text!r} in the paragraph of claim {marker.name} is not in the "
        f"summary of {marker.function}(): {summary!r}",
    )


def render_claims(markdown: str) -> str:
    """Each marker becomes a small note under its paragraph."""

    def note(m: re.Match) -> str:
        fn = html.escape(function_name(m["name"]))
        return (
            f'<p class="gdb-claim">Checked in the test suite by a sweep: '
            f"<code>{fn}</code> in <code>{CLAIMS_FILE}</code></p>"
        )

    return CLAIM_LINE.sub(note, markdown)
