"""The math in the library's docstrings, located by file and line.

The API pages render docstrings, so their formulas go through the same
KaTeX check as the pages', and an error names ``src/gdbook/<file>.py:<line>``.
"""

from __future__ import annotations

import ast
from pathlib import Path

from . import BookError
from .katex import render_many
from .scan import line_at, tokenize

ROOT = Path(__file__).resolve().parents[2]


def docstrings(package: Path) -> list[tuple[str, int, str]]:
    """(path, first line, text) of every docstring in the package.

    Paths are relative to the folder that holds ``src/`` (the repository,
    or a copy of it made by the fault-injection tests).
    """
    top = package.resolve().parents[1]
    out = []
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(
                node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)
            ):
                body = node.body
                if (
                    body
                    and isinstance(body[0], ast.Expr)
                    and isinstance(body[0].value, ast.Constant)
                    and isinstance(body[0].value.value, str)
                ):
                    rel = path.resolve().relative_to(top).as_posix()
                    out.append((rel, body[0].lineno, body[0].value.value))
    return out


def check_docstring_math(package: Path) -> list[BookError]:
    jobs, where = [], []
    errors = []
    for rel, first, text in docstrings(package):
        for tok in tokenize(text):
            if tok.kind == "math":
                jobs.append((tok.body.strip(), tok.display))
                where.append((rel, first + tok.line - 1, tok.text))
            elif tok.kind == "text":
                for marker in (
                    ".. math::",
                    ":math:`",
                    ":func:`",
                    ":meth:`",
                    ":class:`",
                ):
                    at = tok.text.find(marker)
                    if at >= 0:
                        errors.append(
                            BookError(
                                rel,
                                first + line_at(tok, at) - 1,
                                f"{marker!r} is not rendered on the API pages: write "
                                "math as $...$ or $$...$$ and names as `name`",
                            )
                        )
    for (rel, line, tex), result in zip(where, render_many(jobs), strict=True):
        if "error" in result:
            errors.append(
                BookError(rel, line, f"KaTeX cannot parse {tex!r}: {result['error']}")
            )
    return errors
