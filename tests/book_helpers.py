"""Shared helpers of the docs tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def report(errors) -> str:
    """One problem per line, each starting with file:line."""
    return "\n" + "\n".join(str(e) for e in errors)


def build_site(out: Path, **env: str) -> Path:
    """``mkdocs build --strict`` of the book into ``out``; fails with its log."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out
