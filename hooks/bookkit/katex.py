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
            if "html" in result:
                result["html"] = _search_once(result["html"])
            _cache[job] = result
    return [_cache[job] for job in jobs]


def _search_once(html: str) -> str:
    """Let the search index hold each formula once.

    KaTeX writes every formula three times: visible HTML, MathML for screen
    readers, and the TeX source inside the MathML. Material's search skips
    an element marked ``data-search-exclude`` (but only until the first
    nested element with the same tag closes), so we mark the MathML span,
    which holds no nested span: the index keeps the visible text only.
    """
    return html.replace(
        '<span class="katex-mathml">',
        '<span class="katex-mathml" data-search-exclude>',
    )


def version() -> str:
    return json.loads((KATEX_DIST.parent / "package.json").read_text())["version"]
