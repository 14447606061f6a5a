"""Build and check tools of the gdbook site.

Each module is used twice: by the MkDocs hooks (``hooks/mkdocs_hooks.py``)
when the site is built, and by the tests in ``tests/test_book_*.py``, so a
fault found by the tests is the same fault the build would publish.
"""

import posixpath
from dataclasses import dataclass


def relative_href(src: str, target: str) -> str:
    """The link to ``target`` as written on the page ``src``.

    Both are paths relative to the same root (docs/ or the site), e.g.
    ``relative_href("chapters/04-x.md", "figures/bowl.svg")`` is
    ``"../figures/bowl.svg"``.
    """
    return posixpath.relpath(target, posixpath.dirname(src) or ".")


@dataclass(frozen=True)
class BookError:
    """One problem in a source page, located by file and line."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class BookBuildError(Exception):
    """Raised by the build with every problem found, one per line."""

    def __init__(self, errors: list[BookError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))
