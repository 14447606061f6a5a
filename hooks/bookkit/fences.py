"""No Python example may escape Sybil without saying why.

Sybil collects only fences whose info string is exactly ``python``; a fence
tagged ``py``, ``pycon``, ``python3``, ``{.python}`` or ``python title=...``
would be shown to readers and never run. Every such fence is an error, and
so is a skip directive that gives no reason.
"""

from __future__ import annotations

import re

from . import BookError
from .book import Book

PYTHONISH = re.compile(r"^\{?\s*\.?(?:py|python|python3|pycon|ipython|pyi|py3)\b", re.I)
SKIP = re.compile(r"<!--\s*skip:\s*(?P<action>\w+)(?P<rest>.*?)-->", re.S)
LOOKS_LIKE_PYTHON = re.compile(r"^\s*(?:>>> |import \w|from \w+ import )", re.M)


def check_fences(book: Book) -> list[BookError]:
    errors = []
    for page in book.pages.values():
        for tok in page.fences():
            info = tok.info
            if info == "python":
                continue
            if PYTHONISH.match(info):
                errors.append(
                    page.error(
                        tok.line,
                        f"fence info string {info!r} is not collected by Sybil: "
                        'write exactly ```python (add <!-- skip: next "reason" --> '
                        "before it if it must not run)",
                    )
                )
            elif not info and LOOKS_LIKE_PYTHON.search(tok.text):
                errors.append(
                    page.error(
                        tok.line,
                        "fence without an info string holds Python: write ```python",
                    )
                )
        for m, line in page.matches(SKIP, page.comments()):
            if m["action"] in ("next", "start") and not m["rest"].strip():
                errors.append(
                    page.error(
                        line,
                        f"skip: {m['action']} needs a reason, "
                        f'e.g. <!-- skip: {m["action"]} "needs a network" -->',
                    )
                )
    return errors
