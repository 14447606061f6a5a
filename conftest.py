"""Every Python example of the book and of the library's docstrings is a test.

The Sybil set-up lives in ``hooks/bookkit/snippets.py`` (``hooks`` is on
pytest's ``pythonpath``), where the docs tests can reach it too.
"""

import os
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")

from bookkit.snippets import make_sybils

_docs, _docstrings = make_sybils(Path(__file__).resolve().parent)
pytest_collect_file = (_docs + _docstrings).pytest()
