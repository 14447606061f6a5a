"""Every chapter's notebook runs top to bottom in a fresh kernel.

A notebook that ran clean is recorded in ``.cache/notebooks/``, keyed by
the notebook's own text, the library's source, ``uv.lock`` and the Python
(``book_helpers.result_key``): the same notebook in the same environment is
not run again in the edit loop. A fresh clone (CI) runs every one;
``GDBOOK_CACHE_DIR=$(mktemp -d)`` does the same here.
"""

from __future__ import annotations

import nbformat
import pytest
from book_helpers import DOCS, cached_result, result_key
from bookkit import source
from bookkit.book import Book
from bookkit.notebooks import (
    NotebookFailure,
    chapter_notebook,
    execute,
    runnable,
    split_cells,
)

CHAPTERS = sorted(
    p.relative_to(DOCS).as_posix() for p in (DOCS / "chapters").glob("*.md")
)


@pytest.mark.parametrize("src", CHAPTERS)
def test_chapter_notebook_runs_in_a_fresh_kernel(src):
    nb = chapter_notebook(Book.load(DOCS), src, None, source.render)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code, f"{src}: the notebook has no code cells"
    assert not any(">>>" in c.source for c in code), "doctest prompts left in a cell"
    ran = cached_result(
        "notebooks", src.split("/")[-1], result_key(nbformat.writes(nb).encode())
    )
    if ran.is_file():
        return
    try:
        execute(nb)
    except NotebookFailure as exc:
        pytest.fail(str(exc), pytrace=False)
    ran.parent.mkdir(parents=True, exist_ok=True)
    ran.write_text('{"ran": true}', encoding="utf-8")


def test_prompts_and_outputs_are_stripped():
    snippet = ">>> x = 1\n>>> for i in range(2):\n...     x += i\n>>> x\n2\n"
    assert runnable(snippet) == "x = 1\nfor i in range(2):\n    x += i\nx"
    assert split_cells(snippet) == [(0, "x = 1\nfor i in range(2):\n    x += i\nx")]
    two = ">>> print(1)\n1\n>>> print(2)\n2\n"
    assert split_cells(two) == [(0, "print(1)"), (2, "print(2)")]
    assert split_cells("y = 2\nprint(y)\n") == [(0, "y = 2\nprint(y)")]
