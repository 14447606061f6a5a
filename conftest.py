"""Collect every Python example in the book and in the library's docstrings.

Sybil runs each ``python`` fence in ``docs/**/*.md`` (plain code, or a doctest
when it starts with ``>>>``) and each docstring example in ``src/gdbook``.
Each document starts from the same NumPy print options, the ones the book's
pages set in their first snippet, so printed arrays are stable.
"""

from doctest import ELLIPSIS, NORMALIZE_WHITESPACE

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
    import matplotlib.pyplot as plt

    plt.close("all")


_docs = Sybil(
    parsers=[PythonCodeBlockParser(doctest_optionflags=FLAGS), SkipParser()],
    patterns=["docs/**/*.md"],
    setup=_setup,
    teardown=_teardown,
    name="docs",
)
_docstrings = Sybil(
    parsers=[DocTestParser(optionflags=FLAGS)],
    patterns=["src/gdbook/**/*.py"],
    setup=_setup,
    teardown=_teardown,
    name="docstrings",
)

pytest_collect_file = (_docs + _docstrings).pytest()
