"""The Sybil set-up: which examples of the book and the library are tests.

Sybil runs each ``python`` fence in ``docs/**/*.md`` (plain code, or a
doctest when it starts with ``>>>``) and each docstring example in
``src/gdbook``. Each document starts from the same NumPy print options, the
ones the book's pages set in their first snippet, so printed arrays are
stable. Each docstring's examples run in a namespace of their own, without
the module's globals, so they import what they use: a reader who copies
the examples of one function from an API page can run them as they are.
The root ``conftest.py`` hands these to pytest; the docs tests use
them to check that no Python fence escapes collection.
"""

from __future__ import annotations

from doctest import ELLIPSIS, NORMALIZE_WHITESPACE
from pathlib import Path

import numpy as np
from sybil import Document, Sybil
from sybil.document import PythonDocStringDocument
from sybil.parsers.markdown import PythonCodeBlockParser, SkipParser
from sybil.parsers.rest import DocTestParser

# The same options the book's pages state in their first snippet.
PRINT_OPTIONS = {"precision": 4, "suppress": True, "legacy": False}
FLAGS = ELLIPSIS | NORMALIZE_WHITESPACE


def _setup(namespace: dict) -> None:
    np.set_printoptions(**PRINT_OPTIONS)


def _teardown(namespace: dict) -> None:
    np.set_printoptions(**PRINT_OPTIONS)


class SelfContainedDocstrings(PythonDocStringDocument):
    """Docstring examples, each docstring starting from an empty namespace."""

    def __init__(self, text: str, path: str) -> None:
        Document.__init__(self, text, path)  # not the module's globals

    @classmethod
    def parse(cls, path: str, *parsers, encoding: str = "utf-8") -> Document:
        with open(path, encoding=encoding) as source:
            document = cls(source.read(), path)
        for start, _end, text in cls.extract_docstrings(document.text):
            regions = [
                region for parser in parsers for region in parser(cls(text, path))
            ]
            for i, region in enumerate(sorted(regions, key=lambda r: r.start)):
                region.start += start
                region.end += start
                if i == 0:
                    region.evaluator = _fresh(region.evaluator)
                document.add(region)
        return document


def _fresh(evaluator):
    """Wrap ``evaluator`` to empty the namespace first."""

    def evaluate(example):
        example.namespace.clear()
        _setup(example.namespace)
        return evaluator(example)

    return evaluate


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
        document_types={".py": SelfContainedDocstrings},
        setup=_setup,
        teardown=_teardown,
        name="docstrings",
        path=str(root),
    )
    return docs, docstrings
