"""The import lines a listing of the package needs to paste into a fresh Python.

A chapter's ``<!-- source: gdbook.losses.sse -->`` listing and an API page's
"Source code in src/gdbook/losses.py" fold show a function or class exactly
as the file has it. Pasted alone it fails: ``def sse(y: Any, ...)`` raises
``NameError: name 'Any' is not defined``, a body that calls ``np`` fails when
called. ``header(path, first, last)`` is the import header of the listing
of lines ``first..last`` of ``path``: the lines that bind every global name
the listing's code loads (decorators, annotations, defaults, bodies), each
taken from the module the listing is in:

- a name the module imports keeps the module's import statement, cut down
  to the names used (``from typing import Any``, ``import numpy as np``,
  relative imports made absolute: ``from gdbook.figures._style import styled``);
- a name the module defines (a sibling function, a constant, a private
  helper, or ``__name__`` and ``__path__``, which a module binds itself) is
  imported from the module (``from gdbook.losses import sse``);
- ``from __future__ import annotations`` comes first when the module has it
  and the listing has annotations, so they mean what they mean in the file.

The global names come from ``symtable`` (Python's own scoping, so a local or
a comprehension variable is not mistaken for a global). The header is a
function of the file's text: the build is deterministic.

``add_copy_headers(html)`` puts each listing's header on its
``<div class="highlight">`` as ``data-gdb-copy-header``;
``docs/assets/gdbook.js`` prepends it, and a blank line, to what the listing's
copy button copies. The listing shown stays exactly the file's lines.
"""

from __future__ import annotations

import ast
import functools
import html as htmllib
import importlib.util
import re
import symtable
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"

# A listing of the package as the build renders it: a chapter's (titled with
# its file) or an API page's (in a "Source code in <file>" fold), with its
# line numbers (which add_line_anchors may have given ids).
LISTING = re.compile(
    r"(?:<summary>Source code in <code>(?P<fold>src/gdbook/[\w/]+\.py)</code>"
    r"</summary>\s*)?"
    r'<div class="highlight">'
    r'(?P<table><table class="highlighttable"><tr>'
    r'(?:<th colspan="2" class="filename"><span class="filename">'
    r"(?P<title>src/gdbook/[\w/]+\.py)</span></th></tr><tr>)?"
    r'<td class="linenos"><div class="linenodiv"><pre>(?P<numbers>.*?)</pre>)',
    re.S,
)
LINE_NUMBER = re.compile(r'<span class="normal"[^>]*>\s*([0-9]+)\s*</span>')
ATTRIBUTE = "data-gdb-copy-header"


class ListingError(ValueError):
    """A listing the header cannot be computed for (named by file and line)."""


def module_name(path: Path) -> str:
    """``src/gdbook/figures/_style.py`` -> ``gdbook.figures._style``."""
    rel = Path(path).resolve().relative_to(SRC.resolve()).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@functools.lru_cache(maxsize=64)
def _bindings(text: str, module: str, is_package: bool):
    """What the module's top level binds: ``{name: how}`` and whether it has
    ``from __future__ import annotations``.

    ``how`` is ``("import", statement_text, order)`` for an ``import`` or a
    ``from ... import`` (one alias), or ``("defined", None, order)`` for a
    name the module defines; a later binding of a name wins, as at run time.
    """
    tree = ast.parse(text)
    package = module if is_package else module.rpartition(".")[0]
    found: dict[str, tuple[str, str | None, int]] = {}
    future = False
    order = 0

    def bind(name: str, kind: str, line: str | None) -> None:
        nonlocal order
        order += 1
        found[name] = (kind, line, order)

    def visit(body: list[ast.stmt]) -> None:
        nonlocal future
        for node in body:
            if isinstance(node, ast.ImportFrom) and node.module == "__future__":
                future |= any(a.name == "annotations" for a in node.names)
            elif isinstance(node, ast.Import):
                for a in node.names:
                    name = a.asname or a.name.split(".")[0]
                    line = f"import {a.name}" + (f" as {a.asname}" if a.asname else "")
                    bind(name, "import", line)
            elif isinstance(node, ast.ImportFrom):
                source = importlib.util.resolve_name(
                    "." * node.level + (node.module or ""), package
                )
                for a in node.names:
                    if a.name == "*":
                        continue
                    alias = a.name + (f" as {a.asname}" if a.asname else "")
                    bind(a.asname or a.name, "import", f"from {source} import {alias}")
            elif isinstance(
                node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
            ):
                bind(node.name, "defined", None)
            elif isinstance(node, ast.If | ast.Try | ast.With | ast.For | ast.While):
                for target in _targets(node):
                    bind(target, "defined", None)
                for field in ("body", "orelse", "finalbody"):
                    visit(getattr(node, field, []))
                for handler in getattr(node, "handlers", []):
                    visit(handler.body)
            else:
                for target in _targets(node):
                    bind(target, "defined", None)

    # What every module binds by itself (``_collect`` of gdbook.figures
    # imports its siblings by ``__name__`` and ``__path__``).
    for name in ("__name__", "__doc__", "__file__") + ("__path__",) * is_package:
        bind(name, "defined", None)
    visit(tree.body)
    return found, future


def _targets(node: ast.stmt) -> list[str]:
    """Names a simple statement (or a compound one's header) binds."""
    if isinstance(node, ast.Assign):
        targets = node.targets
    elif isinstance(node, ast.AnnAssign | ast.AugAssign):
        targets = [node.target]
    elif isinstance(node, ast.For):
        targets = [node.target]
    elif isinstance(node, ast.With):
        targets = [i.optional_vars for i in node.items if i.optional_vars]
    else:
        return []
    return [
        n.id
        for t in targets
        for n in ast.walk(t)
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
    ]


def global_names(code: str) -> set[str]:
    """The global names ``code`` loads anywhere (decorators, annotations,
    defaults, bodies, nested scopes), less the names its top level binds."""
    top = symtable.symtable(code, "<listing>", "exec")
    bound = {
        s.get_name()
        for s in top.get_symbols()
        if s.is_assigned() or s.is_imported() or s.is_namespace()
    }
    used: set[str] = set()
    tables = [top]
    while tables:
        table = tables.pop()
        used |= {
            s.get_name()
            for s in table.get_symbols()
            if s.is_referenced() and s.is_global()
        }
        tables.extend(table.get_children())
    return used - bound


def _has_annotations(tree: ast.AST) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.AnnAssign):
            return True
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            if node.returns is not None:
                return True
        if isinstance(node, ast.arg) and node.annotation is not None:
            return True
    return False


def header_for_code(code: str, path: Path) -> str:
    """The import header of ``code``, a listing of the module at ``path``."""
    path = Path(path).resolve()
    module = module_name(path)
    bindings, future = _bindings(path.read_text(), module, path.name == "__init__.py")
    code = textwrap.dedent(code)
    try:
        tree = ast.parse(code)
    except SyntaxError as exc:
        raise ListingError(f"the listing does not parse on its own: {exc}") from None
    names = global_names(code)
    imports: dict[str, int] = {}  # import line -> order in the module
    defined: list[tuple[int, str]] = []
    for name in names:
        if name not in bindings:
            continue  # a builtin (or a name the module never binds)
        kind, line, order = bindings[name]
        if kind == "import":
            imports[line] = order
        else:
            defined.append((order, name))
    lines = []
    if future and _has_annotations(tree):
        lines.append("from __future__ import annotations")
    lines += _merge(sorted(imports, key=imports.__getitem__))
    if defined:
        lines.append(f"from {module} import {', '.join(n for _, n in sorted(defined))}")
    return "\n".join(lines)


def _merge(statements: list[str]) -> list[str]:
    """One ``from X import a, b`` per module X (at its first place)."""
    merged: dict[str, list[str]] = {}
    for line in statements:
        if line.startswith("from "):
            source, _, alias = line[5:].partition(" import ")
            merged.setdefault(f"from {source} import ", []).append(alias)
        else:
            merged.setdefault(line, [])
    return [key + ", ".join(names) if names else key for key, names in merged.items()]


def header(path: Path, first: int, last: int) -> str:
    """The import header of lines ``first..last`` (1-based) of ``path``."""
    lines = Path(path).read_text().splitlines(keepends=True)
    if not 1 <= first <= last <= len(lines):
        raise ListingError(f"lines {first}-{last} are not in the file")
    try:
        return header_for_code("".join(lines[first - 1 : last]), path)
    except ListingError as exc:
        raise ListingError(f"lines {first}-{last}: {exc}") from None


def add_copy_headers(html: str) -> tuple[str, int]:
    """Give each listing of the package its import header (``ATTRIBUTE``).

    Returns the new HTML and how many listings were given one; a listing
    that needs no import gets none. Raises ``ListingError`` naming the file
    and line of a listing it cannot analyse.
    """
    count = 0

    def sub(m: re.Match) -> str:
        nonlocal count
        file = m["title"] or m["fold"]
        if not file:
            return m.group(0)
        numbers = [int(n) for n in LINE_NUMBER.findall(m["numbers"])]
        if not numbers:
            raise ListingError(f"{file}: a listing without line numbers")
        try:
            text = header(ROOT / file, numbers[0], numbers[-1])
        except (ListingError, OSError) as exc:
            raise ListingError(f"{file}:{numbers[0]}: {exc}") from None
        if not text:
            return m.group(0)
        count += 1
        value = htmllib.escape(text, quote=True).replace("\n", "&#10;")
        start = m.start("table") - m.start()
        return m.group(0)[: start - 1] + f' {ATTRIBUTE}="{value}">' + m.group(0)[start:]

    return LISTING.sub(sub, html), count
