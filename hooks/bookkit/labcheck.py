"""Labs say what they compute: their Markdown is checked like a chapter's.

A lab (``docs/labs/*.py``, jupytext percent format) is run at build. Its
Markdown cells are held to the chapters' rules:

- every number a Markdown cell writes (the rule of :mod:`bookkit.numbers`,
  with one addition: number words such as *three* are read even without an
  *about*, since a lab's few sentences mostly promise what the code does,
  as in "we plant three bugs") is shown by an output of that lab's cells, or
  is a setting of its code (``epochs=150``), or is allowed in
  ``lab_number_allow.toml`` with a reason;
- equations are cited with ``@eq:24`` / ``@eq:label`` and the reference must
  name an equation of the book; a citation in words ("equation (22)") fails.
  :func:`link_lab_refs` turns each reference into a link to the chapter
  that shows the equation, as on the chapters' pages.

Errors name ``docs/labs/<lab>.py:<line>``. The outputs are read from the
HTML of the notebook mkdocs-jupyter executed at build
(:func:`outputs_from_html`): the build checks them as it writes each lab's
page, and the tests read the same outputs from the built site. No lab is
run twice.
"""

from __future__ import annotations

import html as htmllib
import re
from dataclasses import dataclass
from pathlib import Path

from . import BookError
from .book import EQREF, PLAIN_CITE, Book, Page
from .numbers import (
    Allowed,
    _bare,
    code_literals,
    is_literal,
    printed_numbers,
    shows,
    written_numbers,
)
from .scan import tokenize

LAB_ALLOW_FILE = "lab_number_allow.toml"


@dataclass(frozen=True)
class Cell:
    kind: str  # "markdown" or "code"
    line: int  # line of the cell's first content line in the .py file
    text: str  # Markdown without the "# " prefixes, or the code


def lab_cells(path: Path) -> list[Cell]:
    """The cells of a jupytext percent-format lab, with their first line."""
    lines = path.read_text(encoding="utf-8").split("\n")
    cells: list[Cell] = []
    i = 0
    while i < len(lines):
        header = lines[i]
        if not header.startswith("# %%"):
            i += 1
            continue
        kind = "markdown" if "[markdown]" in header else "code"
        j = i + 1
        while j < len(lines) and not lines[j].startswith("# %%"):
            j += 1
        body = lines[i + 1 : j]
        if kind == "markdown":
            body = [
                ln[2:] if ln.startswith("# ") else ln[1:] if ln.startswith("#") else ln
                for ln in body
            ]
        cells.append(Cell(kind, i + 2, "\n".join(body).rstrip()))
        i = j
    return cells


def _cell_page(lab: str, cell: Cell) -> Page:
    # One cell as a page; its lines are offset by the cell's first line.
    return Page(lab, Path(lab), cell.text, tokenize(cell.text))


def check_lab_references(book: Book, docs_dir: Path) -> list[BookError]:
    """``@eq:`` references in labs resolve; no citation in words."""
    errors = []
    for path in sorted((docs_dir / "labs").glob("*.py")):
        rel = f"docs/labs/{path.name}"
        for cell in lab_cells(path):
            if cell.kind != "markdown":
                continue
            page = _cell_page(rel, cell)
            for m, line in page.matches(EQREF, page.prose()):
                if m[1] not in book.equations:
                    errors.append(
                        BookError(
                            rel,
                            cell.line + line - 1,
                            f"@eq:{m[1]} refers to no equation in the book",
                        )
                    )
            for m, line in page.matches(PLAIN_CITE, page.prose()):
                errors.append(
                    BookError(
                        rel,
                        cell.line + line - 1,
                        f"plain citation {m[0]!r}: write @eq:{m[1]} so it links "
                        "and is checked",
                    )
                )
    return errors


# -- outputs -----------------------------------------------------------------

OUTPUT_AREA = re.compile(
    r'<div class="jp-RenderedText jp-OutputArea-output[^"]*"[^>]*>\s*<pre>(.*?)</pre>',
    re.S,
)
HTML_OUTPUT = re.compile(
    r'<div class="jp-RenderedHTMLCommon jp-RenderedHTML jp-OutputArea-output[^"]*"'
    r"[^>]*>(.*?)</div>",
    re.S,
)


def outputs_from_html(content: str) -> list[str]:
    """The text outputs of a lab as mkdocs-jupyter rendered it."""
    found = [m.group(1) for m in OUTPUT_AREA.finditer(content)]
    found += [m.group(1) for m in HTML_OUTPUT.finditer(content)]
    return [htmllib.unescape(re.sub(r"<[^>]+>", "", s)) for s in found]


# -- numbers -----------------------------------------------------------------


def unshown_lab_numbers(path: Path, outputs: list[str]) -> list[tuple[int, object]]:
    """(line, number) of each number a lab's Markdown writes that neither an
    output nor a setting of its code shows."""
    cells = lab_cells(path)
    printed = [p for o in outputs for p in printed_numbers(o)]
    literals: dict[float, bool] = {}
    for cell in cells:
        if cell.kind == "code":
            for value, named in code_literals(cell.text).items():
                literals[value] = literals.get(value, False) or named
    found = []
    for cell in cells:
        if cell.kind != "markdown":
            continue
        page = _cell_page(f"docs/labs/{path.name}", cell)
        for w in written_numbers(page, all_words=True):
            if any(shows(w, p) for p in printed) or is_literal(w, literals):
                continue
            found.append((cell.line + w.line - 1, w))
    return found


def check_lab_numbers(
    labs: dict[Path, list[str]], allow: list[Allowed] = ()
) -> list[BookError]:
    """Every number the labs' Markdown writes is shown by that lab's outputs
    (``labs`` maps each lab to its outputs) or code, or allowed with a
    reason; an allow entry nothing needs is an error too."""
    errors, used = [], set()
    for path, outputs in labs.items():
        src = f"labs/{path.name}"
        for line, w in unshown_lab_numbers(path, outputs):
            entry = next(
                (
                    a
                    for a in allow
                    if a.page == src and _bare(a.number) == _bare(w.text)
                ),
                None,
            )
            if entry is not None:
                used.add(entry)
                continue
            errors.append(
                BookError(
                    f"docs/{src}",
                    line,
                    f"{w.text!r} is shown by no output of this lab: print it in a "
                    f"cell, or reword [{w.context}]",
                )
            )
    checked = {f"labs/{p.name}" for p in labs}
    for entry in allow:
        if entry not in used and entry.page in checked:
            errors.append(
                BookError(
                    f"hooks/bookkit/{LAB_ALLOW_FILE}",
                    entry.line,
                    f"allow entry {entry.number!r} on docs/{entry.page} is not "
                    "needed: remove it",
                )
            )
    return errors


# -- links ---------------------------------------------------------------------

MARKDOWN_CELL = re.compile(
    r'(<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown[^"]*"[^>]*>)(.*?)(</div>)',
    re.S,
)
PROTECTED = re.compile(r"<(pre|code|a)\b.*?</\1>|<[^>]+>", re.S)


def link_lab_refs(content: str, book: Book, url_of) -> str:
    """Each ``@eq:key`` in a lab's Markdown cells becomes a link "(24)".

    ``url_of(src)`` gives the URL of a page's src path relative to the lab's
    page. An unknown key stays as written (the build reports it).
    """

    def link(m: re.Match) -> str:
        eq = book.equations.get(m[1])
        if eq is None:
            return m.group(0)
        return f'<a href="{url_of(eq.page)}#eq-{eq.key}">({eq.tag})</a>'

    def cell(m: re.Match) -> str:
        body, out, pos = m.group(2), [], 0
        for p in [*PROTECTED.finditer(body), None]:
            stop = p.start() if p else len(body)
            out.append(EQREF.sub(link, body[pos:stop]))
            if p:
                out.append(p.group(0))
                pos = p.end()
        return m.group(1) + "".join(out) + m.group(3)

    return MARKDOWN_CELL.sub(cell, content)
