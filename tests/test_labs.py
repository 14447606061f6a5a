"""The labs: the build ran each clean in a fresh kernel, and its math parses with KaTeX."""

from __future__ import annotations

import re
from pathlib import Path

import jupytext
import pytest
import yaml
from book_helpers import DOCS, ROOT, report
from bookkit.labs import check_lab_math, clean_lab_html

LABS = sorted((DOCS / "labs").glob("*.py"))


def test_there_is_a_lab_for_every_chapter_from_2_on():
    numbers = {p.name[:2] for p in LABS}
    chapters = {p.name[:2] for p in (DOCS / "chapters").glob("*.md")} - {"01"}
    assert chapters <= numbers, f"chapters without a lab: {sorted(chapters - numbers)}"


# The prompt nbconvert writes before each code cell it executed: In [n]:
PROMPT = re.compile(r'class="jp-InputPrompt jp-InputArea-prompt">In\xa0\[(\d*)\]:')


@pytest.mark.parametrize("path", LABS, ids=lambda p: p.name)
def test_the_build_ran_every_cell_in_order_in_a_fresh_kernel(site: Path, path):
    """The build runs each lab in a kernel of its own (``prerun_labs``, with
    ``allow_errors: false``: a raising cell fails the build naming its line,
    as ``tests/test_book_faults.py`` shows). Its page numbers the code cells
    1, 2, ..., n, one for each code cell of the file: every cell ran, in
    order, in a kernel that had run nothing before. The lab is not run again
    here."""
    cells = sum(c.cell_type == "code" for c in jupytext.read(path).cells)
    page = site / "labs" / f"{path.stem}.html"
    counts = PROMPT.findall(page.read_text())
    assert counts == [str(n) for n in range(1, cells + 1)], (
        f"docs/labs/{path.name}: {cells} code cells, but the built page "
        f"shows them executed as {counts}"
    )


def test_an_unexecuted_or_reordered_lab_page_is_told_apart():
    """The prompts the test above reads: a cell not run shows In [ ]:."""

    def prompt(n: str) -> str:
        return f'<div class="jp-InputPrompt jp-InputArea-prompt">In\xa0[{n}]:</div>'

    assert PROMPT.findall(prompt("1") + prompt("2")) == ["1", "2"]
    assert PROMPT.findall(prompt(" ") + prompt("1")) == ["1"]  # [ ] is no count
    assert PROMPT.findall(prompt("")) == [""]


def test_lab_math_parses_with_katex():
    errors = check_lab_math(DOCS)
    assert not errors, report(errors)


def test_the_build_is_configured_to_run_every_lab_and_refuse_errors():
    """The configuration only; that a raising cell fails the build, naming its
    line, is shown by ``tests/test_book_faults.py``."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("tag:", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=Loader)
    jupyter = next(
        p["mkdocs-jupyter"]
        for p in config["plugins"]
        if isinstance(p, dict) and "mkdocs-jupyter" in p
    )
    assert jupyter["execute"] is True
    assert jupyter["allow_errors"] is False
    assert jupyter["include"] == ["labs/*.py"]


def test_lab_pages_lose_inline_css_and_mathjax():
    raw = (
        '<style type="text/css">.jp-Cell{}</style>'
        '<script type="text/x-mathjax-config">MathJax.Hub.Config({})</script>'
        '<script src="https://cdnjs.example/mathjax.js"></script>'
        '<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown jp-MarkdownOutput">'
        "<p>The cost $C = \\frac12 a^2$ and <code>$x$</code>.</p></div>"
        '<div class="highlight-ipynb hl-python"><pre><span></span>x = 1</pre></div>'
    )
    html = clean_lab_html(raw, "docs/labs/x.py")
    assert "<style" not in html and "<script" not in html
    assert 'class="katex"' in html and "<code>$x$</code>" in html
    assert (
        '<div class="language-python highlight"><pre><code>x = 1</code></pre></div>'
        in html
    )
    with pytest.raises(ValueError, match=r"docs/labs/x.py: KaTeX cannot parse"):
        clean_lab_html(raw.replace("\\frac12", "\\frac{1"), "docs/labs/x.py")
