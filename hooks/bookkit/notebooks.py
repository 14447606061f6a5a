"""Turn a chapter into a Jupyter notebook that runs top to bottom.

Prose becomes Markdown cells with the same math; every tested snippet
becomes a code cell, with the doctest prompts and printed outputs removed so
the cell runs as plain code. Figures are attached to their Markdown cell as
SVG, so the notebook needs nothing but ``gdbook``. Each code cell records the
page and line it came from (``metadata.gdbook.source``) so an error names
``docs/<file>.md:<line>``.
"""

from __future__ import annotations

import base64
import re
import textwrap

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from . import relative_href
from .book import EQREF, FIGURE, LABEL, SOURCE, Book
from .fences import SKIP
from .scan import tokenize

ADMONITION = re.compile(
    r'^(?P<indent>[ \t]*)(?:!!!|\?\?\?\+?)\s+(?P<kind>[\w-]+)(?:\s+"(?P<title>[^"]*)")?\s*$'
)


def _flatten_admonitions(text: str) -> str:
    """``!!! note "Title"`` and its indented body become a bold title and text."""
    out: list[str] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        m = ADMONITION.match(lines[i])
        if not m:
            out.append(lines[i])
            i += 1
            continue
        indent = m["indent"]
        title = m["title"] or m["kind"].capitalize()
        out.append(f"{indent}**{title}**")
        i += 1
        body: list[str] = []
        while i < len(lines) and (
            not lines[i].strip() or lines[i].startswith(indent + "    ")
        ):
            body.append(lines[i])
            i += 1
        out.append(_flatten_admonitions(textwrap.dedent("\n".join(body))))
    return "\n".join(out)


def split_cells(code: str) -> list[tuple[int, str]]:
    """Split a snippet into cells: a doctest ends a cell after each output.

    Returns (line offset in the snippet, runnable code) pairs, so a notebook
    shows each printed result under the statement that prints it.
    """
    lines = code.rstrip("\n").split("\n")
    if not any(line.startswith(">>>") for line in lines):
        return [(0, code.strip("\n"))]
    cells: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    for i, line in enumerate(lines):
        if line.startswith((">>> ", "... ")) or line in (">>>", "..."):
            if not current:
                start = i
            current.append(line[4:])
        elif current and line.strip():
            cells.append((start, "\n".join(current)))
            current = []
    if current:
        cells.append((start, "\n".join(current)))
    return cells


def runnable(code: str) -> str:
    """The code of a snippet without ``>>>`` prompts and printed outputs."""
    lines = code.split("\n")
    if not any(line.startswith(">>>") for line in lines):
        return code.strip("\n")
    kept = [
        line[4:]
        for line in lines
        if line.startswith((">>> ", "... ")) or line in (">>>", "...")
    ]
    return "\n".join(kept).strip("\n")


def _markdown(
    book: Book, src: str, text: str, figures: dict[str, bytes] | None, attachments: dict
) -> str:
    def eq(m: re.Match) -> str:
        eqn = book.equations.get(m[1])
        return f"({eqn.tag})" if eqn else m[0]

    def fig(m: re.Match) -> str:
        if figures is None or m["name"] not in figures:
            return f"*[Figure: {m['alt']}]*"
        name = f"{m['name']}.svg"
        attachments[name] = {
            "image/svg+xml": base64.b64encode(figures[m["name"]]).decode()
        }
        return f"![{m['alt']}](attachment:{name})"

    out = []
    for tok in tokenize(text):
        if tok.kind == "text":
            out.append(FIGURE.sub(fig, EQREF.sub(eq, tok.text)))
        elif tok.kind == "math":
            out.append(LABEL.sub("", tok.text))
        elif tok.kind == "comment":
            continue
        else:
            out.append(tok.text)
    return re.sub(r"\n{3,}", "\n\n", "".join(out)).strip()


def chapter_notebook(
    book: Book, src: str, figures: dict[str, bytes] | None = None, render_source=None
):
    """Return the notebook of page ``src`` (a path relative to ``docs/``)."""
    page = book.pages[src]
    text = _flatten_admonitions(page.text)
    # Line numbers refer to the page as written: map flattened lines back.
    line_map = _line_map(page.text, text)
    cells = [
        new_markdown_cell(
            "*This notebook is generated from a chapter of **gdbook**, the textbook on "
            "gradient descent and backpropagation. It needs `gdbook` (`pip install "
            "gdbook`, or `uv sync` in a clone of the book). Run the cells from the "
            "top.*"
        )
    ]
    buffer: list[str] = []
    skip_next = False

    def flush() -> None:
        attachments: dict = {}
        md = _markdown(book, src, "".join(buffer), figures, attachments)
        buffer.clear()
        if md:
            cell = new_markdown_cell(md)
            if attachments:
                cell["attachments"] = attachments
            cells.append(cell)

    for tok in tokenize(text):
        if tok.kind == "comment":
            skip = SKIP.fullmatch(tok.text)
            if skip and skip["action"] == "next":
                skip_next = True
            source = SOURCE.fullmatch(tok.text)
            if source and render_source is not None:
                buffer.append(render_source(source["target"]))
            continue
        if tok.kind == "fence" and tok.info == "python" and not skip_next:
            flush()
            body = textwrap.dedent(tok.text.split("\n", 1)[1].rsplit("```", 1)[0])
            for offset, code in split_cells(body):
                cell = new_code_cell(code)
                line = line_map.get(tok.line + 1 + offset, tok.line)
                cell.metadata["gdbook"] = {"source": f"docs/{src}:{line}"}
                cells.append(cell)
            continue
        if tok.kind == "fence":
            skip_next = False
        buffer.append(tok.text)
    flush()
    for i, cell in enumerate(cells, start=1):
        cell["id"] = f"cell-{i}"  # not nbformat's random ids: reproducible builds
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.metadata["language_info"] = {"name": "python"}
    nbformat.validate(nb)
    return nb


def _line_map(original: str, flattened: str) -> dict[int, int]:
    """Map lines of the flattened text to lines of the page, by content."""
    orig = original.split("\n")
    mapping, j = {}, 0
    for i, line in enumerate(flattened.split("\n"), start=1):
        stripped = line.strip()
        k = j
        while k < len(orig) and orig[k].strip() != stripped:
            k += 1
        if k < len(orig):
            mapping[i] = k + 1
            j = k + 1
    return mapping


def notebook_bytes(nb) -> bytes:
    return nbformat.writes(nb).encode("utf-8")


def notebook_path(src: str) -> str:
    """Where the notebook of chapter page ``src`` is published."""
    return "notebooks/" + src.rsplit("/", 1)[-1].removesuffix(".md") + ".ipynb"


def add_notebook_link(markdown: str, src: str) -> str:
    """Put a download link under the chapter's title."""
    href = relative_href(src, notebook_path(src))
    link = (
        f"[Download this chapter as a Jupyter notebook]({href})"
        "{ .md-button download }\n\n"
    )
    head, _, rest = markdown.partition("\n")
    if head.startswith("# "):
        return f"{head}\n\n{link}{rest.lstrip()}"
    return link + markdown


class NotebookFailure(Exception):
    """A cell raised; ``where`` is the ``docs/<file>.md:<line>`` it came from."""

    def __init__(self, where: str, message: str):
        self.where = where
        super().__init__(f"{where}: notebook cell failed:\n{message}")


def execute(nb, timeout: int = 300) -> None:
    """Run ``nb`` top to bottom in a fresh kernel; raise NotebookFailure."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    client = NotebookClient(
        nb, timeout=timeout, kernel_name="python3", allow_errors=False
    )
    try:
        client.execute()
    except CellExecutionError as exc:
        failed = next(
            (
                c
                for c in nb.cells
                if c.cell_type == "code"
                and any(o.get("output_type") == "error" for o in c.get("outputs", []))
            ),
            None,
        )
        where = failed.metadata["gdbook"]["source"] if failed else "notebook"
        raise NotebookFailure(where, str(exc)) from None
