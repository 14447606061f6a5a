"""Render formulas with KaTeX (Node) and report what it cannot parse."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "hooks" / "katex_render.mjs"
KATEX_DIST = ROOT / "node_modules" / "katex" / "dist"

_cache: dict[tuple[str, bool], dict] = {}


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("node is not on PATH; KaTeX needs Node.js >= 20")
    if not KATEX_DIST.is_dir():
        raise RuntimeError(
            f"{KATEX_DIST} is missing: run `npm ci` in {ROOT} (./book does it)"
        )
    return node


def render_many(jobs: list[tuple[str, bool]]) -> list[dict]:
    """Render (tex, display) pairs; each result has 'html' or 'error'."""
    todo = sorted({job for job in jobs if job not in _cache})
    if todo:
        payload = json.dumps([{"tex": t, "display": d} for t, d in todo])
        proc = subprocess.run(
            [_node(), str(SCRIPT)],
            input=payload,
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=False,
        )
        if proc.returncode != 0:
            raise RuntimeError(f"KaTeX renderer failed:\n{proc.stderr}")
        for job, result in zip(todo, json.loads(proc.stdout), strict=True):
            _cache[job] = result
    return [_cache[job] for job in jobs]


def version() -> str:
    return json.loads((KATEX_DIST.parent / "package.json").read_text())["version"]
