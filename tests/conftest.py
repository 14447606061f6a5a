"""Fixtures shared by the docs tests: one strict build of the site per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from book_helpers import build_site


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The whole site, built with ``mkdocs build --strict`` into a temporary folder."""
    return build_site(tmp_path_factory.mktemp("site"))
