"""Every chapter's exercises: numbered, marked with kind and level, solved.

The book's convention (CONTRIBUTING.md, "Exercises"): each exercise of
chapter N starts a paragraph with ``**N.k** *Kind · level.*``, k counting
from 1; Kind is ``Derive``, ``Compute`` or ``Write it yourself``; level is
``easy``, ``medium`` or ``hard``; a collapsed ``??? success "Solution"``
follows it before the next exercise. A chapter has at least two ``Derive``
exercises and one ``Write it yourself``. Anything else is an error naming
the file and line.
"""

from __future__ import annotations

import re

from . import BookError
from .book import Book

KINDS = ("Derive", "Compute", "Write it yourself")
LEVELS = ("easy", "medium", "hard")
AT_LEAST = {"Derive": 2, "Write it yourself": 1}
HEADING = re.compile(r"^## Exercises\s*$", re.M)
NEXT_HEADING = re.compile(r"^#{1,2} ", re.M)
NUMBERED = re.compile(r"^\*\*(?P<n>\d+)\.(?P<k>\d+)\*\*(?P<rest>.*)$", re.M)
MARK = re.compile(r"^ \*(?P<kind>[A-Za-z ]+?) · (?P<level>[a-z]+)\.\*\s")
SOLUTION = re.compile(r'^\?\?\? success "Solution"\s*$', re.M)
CHAPTER = re.compile(r"chapters/(?P<n>\d+)-")


def check_exercises(book: Book) -> list[BookError]:
    """Problems with the exercises of every chapter, each at its file:line."""
    errors = []
    for src, page in sorted(book.pages.items()):
        chapter = CHAPTER.match(src)
        if chapter:
            errors += _check_chapter(page, int(chapter["n"]))
    return errors


def _line(text: str, at: int) -> int:
    return text.count("\n", 0, at) + 1


def _check_chapter(page, n: int) -> list[BookError]:
    text = page.text
    heading = HEADING.search(text)
    if heading is None:
        return [page.error(1, "the chapter has no '## Exercises' section")]
    end = NEXT_HEADING.search(text, heading.end())
    section_end = end.start() if end else len(text)
    found = list(NUMBERED.finditer(text, heading.end(), section_end))
    if not found:
        return [
            page.error(_line(text, heading.start()), "no exercise under '## Exercises'")
        ]
    errors, counts = [], dict.fromkeys(KINDS, 0)
    for i, m in enumerate(found):
        line = _line(text, m.start())
        number = f"{m['n']}.{m['k']}"
        if int(m["n"]) != n or int(m["k"]) != i + 1:
            errors.append(
                page.error(line, f"exercise **{number}** should be **{n}.{i + 1}**")
            )
        mark = MARK.match(m["rest"])
        if mark is None or mark["kind"] not in KINDS or mark["level"] not in LEVELS:
            errors.append(
                page.error(
                    line,
                    f"exercise {number} does not start with its mark, "
                    f"'*Kind · level.*' (Kind one of {', '.join(KINDS)}; "
                    f"level one of {', '.join(LEVELS)})",
                )
            )
        else:
            counts[mark["kind"]] += 1
        stop = found[i + 1].start() if i + 1 < len(found) else section_end
        if not SOLUTION.search(text, m.end(), stop):
            errors.append(
                page.error(
                    line, f'exercise {number} has no ??? success "Solution" after it'
                )
            )
    for kind, least in AT_LEAST.items():
        if counts[kind] < least:
            errors.append(
                page.error(
                    _line(text, heading.start()),
                    f"the exercises have {counts[kind]} marked '{kind}'; "
                    f"a chapter needs at least {least}",
                )
            )
    return errors
