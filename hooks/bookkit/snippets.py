"""The Sybil set-up: which examples of the book and the library are tests.

Sybil runs each ``python`` fence in ``docs/**/*.md`` (plain code, or a
doctest when it starts with ``>>>``) and each docstring example in
``src/gdbook``. Each document starts from the same NumPy print options, the
ones the book's pages set in their first snippet, so printed arrays are
stable. The root ``conftest.py`` hands these to pytest; the docs tests use
them to check that no Python fence escapes collection.
"""

from __future__ import annotations

from doctest import ELLIPSIS, NORMALIZE_WHITESPACE
from pathlib import Path

import numpy as np
from sybil import Sybil
from sybil.parsers.markdown import PythonCodeBlockParser, SkipParser
from sybil.parsers.rest import DocTestParser

# The same options the book's pages state in their first snippet.
PRINT_OPTIONS = {"precision": 4, "suppress": True, "legacy": False}
FLAGS = ELLIPSIS | NORMALIZE_WHITESPACE


def _setup(namespace: dict) -> None:
    np.set_printoptions(**PRINT_OPTIONS)


def _teardown(namespace: dict) -> None:
    np.set_printoptions(**PRINT_OPTIONS)


def make_sybils(root: Path) -> tuple[Sybil, Sybil]:
    """The Sybil of the book's pages and that of the library's docstrings.

    ``root`` is the folder holding ``docs/`` and ``src/``: the repository,
    or a copy of it made by the fault-injection tests. Python 3.11's glob
    does not let ``**`` match zero folders, so each pattern comes twice: the
    top folder and every folder below it.
    """
    docs = Sybil(
        parsers=[PythonCodeBlockParser(doctest_optionflags=FLAGS), SkipParser()],
        patterns=["docs/*.md", "docs/**/*.md"],
        setup=_setup,
        teardown=_teardown,
        name="docs",
        path=str(root),
    )
    docstrings = Sybil(
        parsers=[DocTestParser(optionflags=FLAGS)],
        patterns=["src/gdbook/*.py", "src/gdbook/**/*.py"],
        setup=_setup,
        teardown=_teardown,
        name="docstrings",
        path=str(root),
    )
    return docs, docstrings
