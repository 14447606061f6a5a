"""Shared helpers of the docs tests."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def report(errors) -> str:
    """One problem per line, each starting with file:line."""
    return "\n" + "\n".join(str(e) for e in errors)
