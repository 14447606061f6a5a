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


def result_key(*inputs: bytes) -> str:
    """A key for a slow check's result: the check's own inputs, the library's
    source, the locked environment and the Python that runs it.

    A sweep of ``tests/claims.py`` or a chapter's notebook depends on nothing
    else, so a result stored under this key is the result a new run would
    give; any change to one of these runs the check again.
    """
    import hashlib

    from bookkit.figures import library_hash

    h = hashlib.sha256(library_hash().encode())
    h.update((ROOT / "uv.lock").read_bytes())
    h.update(sys.version.encode())
    for data in inputs:
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()[:24]


def cached_result(kind: str, name: str, key: str) -> Path:
    """Where a slow check's result is kept: ``.cache/<kind>/<name>-<key>.json``
    (under ``GDBOOK_CACHE_DIR`` when set, like the figures and the labs)."""
    from bookkit.figures import CACHE_ROOT

    return CACHE_ROOT / kind / f"{name}-{key}.json"
