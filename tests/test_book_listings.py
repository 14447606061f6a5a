"""Listings that paste: each listing of the package copies with its imports.

A chapter's ``<!-- source: -->`` listing and an API page's "Source code"
fold copy an import header (``hooks/bookkit/listing_imports.py``), a blank
line, then the file's lines. Here, with no browser: every ``source:`` target
of the docs and every function, method and class of ``src/gdbook`` (more
than the API pages show), copied that way, runs in a fresh namespace and
binds every global name its code uses (``browser_gate.run_copy``, what the
browser gate runs on the copies it presses); and the gate's copy checks
name the page and the listing of a copy that is wrong.
"""

from __future__ import annotations

import ast
import inspect
import re
import textwrap
from pathlib import Path

import browser_gate
import pytest
from book_helpers import DOCS, ROOT
from bookkit import listing_imports
from bookkit.book import Book
from bookkit.source import resolve

PACKAGE = ROOT / "src" / "gdbook"


def definitions() -> list[tuple[Path, int, int, str]]:
    """(file, first line, last line, name) of every function, class and
    method of the package (not the closures inside functions, which are no
    listing); the first line is the first decorator's."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        body = list(ast.parse(path.read_text()).body)
        while body:
            node = body.pop(0)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                first = min([node.lineno] + [d.lineno for d in node.decorator_list])
                name = f"{rel}:{first} {node.name}"
                found.append((path, first, node.end_lineno, name))
            if isinstance(node, ast.ClassDef):
                body.extend(node.body)
    return found


DEFINITIONS = definitions()


def copy_of(path: Path, first: int, last: int) -> str:
    """What the copy button of the listing of lines first..last copies."""
    lines = path.read_text().splitlines(keepends=True)[first - 1 : last]
    header = listing_imports.header(path, first, last)
    code = textwrap.dedent("".join(lines))
    return f"{header}\n\n{code}" if header else code


def test_the_package_has_what_is_checked():
    names = {d[3].split()[-1] for d in DEFINITIONS}
    assert len(DEFINITIONS) > 150
    assert {"sse", "Network", "TrainingHistory", "backprop", "styled"} <= names


@pytest.mark.parametrize(
    ("path", "first", "last"),
    [d[:3] for d in DEFINITIONS],
    ids=[d[3] for d in DEFINITIONS],
)
def test_every_definition_pastes_with_its_header(path, first, last):
    copied = copy_of(path, first, last)
    assert browser_gate.run_copy(copied) is None, copied
    header, _ = browser_gate.split_header(copied)
    for line in header.splitlines():
        (statement,) = ast.parse(line).body
        assert isinstance(statement, ast.Import | ast.ImportFrom), line


def test_every_source_directive_pastes_with_its_header():
    refs = Book.load(DOCS).source_refs()
    assert len(refs) >= 8
    for page, line, target in refs:
        lines, first = inspect.getsourcelines(resolve(target))
        path = Path(inspect.getsourcefile(resolve(target)))
        copied = copy_of(path, first, first + len(lines) - 1)
        said = browser_gate.run_copy(copied)
        assert said is None, f"docs/{page.src}:{line}: {target}: {said}\n{copied}"


def test_the_headers_are_the_modules_imports_cut_down():
    """sse: its module's imports of the names it uses, then the sibling
    helper from its own module; a dataclass: its decorator's import; a
    figure (a module with postponed annotations): that import first,
    relative imports made absolute."""
    assert listing_imports.header_for_code(
        inspect.getsource(__import__("gdbook.losses").losses.sse),
        PACKAGE / "losses.py",
    ) == ("from typing import Any\nimport numpy as np\nfrom gdbook.losses import _pair")
    from gdbook.network import TrainingHistory

    source = inspect.getsource(TrainingHistory)
    assert source.startswith("@dataclass(frozen=True)")
    assert listing_imports.header_for_code(source, PACKAGE / "network.py") == (
        "from dataclasses import dataclass, field\nimport numpy as np"
    )
    from gdbook.figures.descent import teacher_data

    header = listing_imports.header_for_code(
        inspect.getsource(teacher_data), PACKAGE / "figures" / "descent.py"
    ).splitlines()
    assert header[0] == "from __future__ import annotations"
    assert "import numpy as np" in header


def test_locals_and_builtins_need_no_import():
    code = (
        "def f(x):\n"
        "    np = 1\n"
        "    total = sum(v for v in [np, x])\n"
        "    return f, total, Any\n"
    )
    assert listing_imports.global_names(code) == {"sum", "Any"}
    assert listing_imports.header_for_code(code, PACKAGE / "losses.py") == (
        "from typing import Any"
    )


def test_listings_in_html_get_their_header():
    """The two shapes the build renders: a chapter's titled listing (line
    numbers with ids) and an API page's fold (padded numbers)."""
    chapter = (
        '<div class="highlight"><table class="highlighttable"><tr>'
        '<th colspan="2" class="filename"><span class="filename">'
        'src/gdbook/losses.py</span></th></tr><tr><td class="linenos">'
        '<div class="linenodiv"><pre><span></span>'
        '<span class="normal" id="src-losses-L54">54</span>\n'
        '<span class="normal" id="src-losses-L79">79</span></pre></div></td>'
    )
    fold = (
        "<summary>Source code in <code>src/gdbook/network.py</code></summary>\n"
        '  <div class="highlight"><table class="highlighttable"><tr>'
        '<td class="linenos"><div class="linenodiv"><pre><span></span>'
        '<span class="normal"> 55</span>\n<span class="normal">108</span></pre>'
    )
    html, count = listing_imports.add_copy_headers(chapter + fold)
    assert count == 2
    assert (
        '<div class="highlight" data-gdb-copy-header="from typing import Any&#10;'
        'import numpy as np&#10;from gdbook.losses import _pair">'
    ) in html
    assert 'data-gdb-copy-header="from dataclasses import dataclass, field' in html
    # The listings themselves are untouched.
    assert re.sub(r' data-gdb-copy-header="[^"]*"', "", html) == chapter + fold
    with pytest.raises(listing_imports.ListingError, match=r"losses\.py:9000"):
        listing_imports.add_copy_headers(
            chapter.replace(">54<", ">9000<").replace(">79<", ">9001<")
        )


# --- the gate's checks of the copies, on copies made wrong -----------------

PAGE = "reference/losses.html"


def _copy(index: int, text: str) -> dict:
    return {
        "index": index,
        "kind": "source",
        "file": "src/gdbook/losses.py",
        "firstLine": FIRST_LINE,
        "text": text,
    }


_SSE_LINES, FIRST_LINE = inspect.getsourcelines(__import__("gdbook.losses").losses.sse)
SSE = "".join(_SSE_LINES)
SSE_HEADER = listing_imports.header(
    PACKAGE / "losses.py", FIRST_LINE, FIRST_LINE + len(_SSE_LINES) - 1
)


def test_the_gate_passes_a_right_copy():
    copies = [_copy(0, f"{SSE_HEADER}\n\n{SSE}")]
    assert browser_gate.copy_problems(PAGE, copies) == []


def test_the_gate_names_a_copy_whose_header_misses_an_import():
    no_any = SSE_HEADER.replace("from typing import Any\n", "")
    no_np = SSE_HEADER.replace("import numpy as np\n", "")
    no_header = SSE
    copies = [
        _copy(0, f"{SSE_HEADER}\n\n{SSE}"),
        _copy(1, f"{no_any}\n\n{SSE}"),
        _copy(2, f"{no_np}\n\n{SSE}"),
        _copy(3, no_header),
    ]
    found = browser_gate.copy_problems(PAGE, copies)
    where = f"src/gdbook/losses.py:{FIRST_LINE}"
    assert found == [
        f"{PAGE}: copy button 2 ({where}): pasted into a fresh Python, it raises "
        "NameError: name 'Any' is not defined (line 4 of the copy)",
        f"{PAGE}: copy button 3 ({where}): pasted into a fresh Python, its code "
        "uses np, which the paste does not bind",
        f"{PAGE}: copy button 4 ({where}): pasted into a fresh Python, it raises "
        "NameError: name 'Any' is not defined (line 1 of the copy)",
    ], found


def test_the_gate_names_a_header_with_more_than_imports():
    header = SSE_HEADER + "\nprint('hello')"
    found = browser_gate.copy_problems(PAGE, [_copy(0, f"{header}\n\n{SSE}")])
    assert found == [
        f"{PAGE}: copy button 1 (src/gdbook/losses.py:{FIRST_LINE}): its header "
        "has a line that is not an import: \"print('hello')\""
    ], found


def test_the_gate_names_a_copy_that_is_not_the_package():
    changed = SSE.replace("def sse(", "def sse_changed(")
    found = browser_gate.copy_problems(PAGE, [_copy(0, f"{SSE_HEADER}\n\n{changed}")])
    assert found == [
        f"{PAGE}: copy button 1 does not copy src/gdbook/losses.py:{FIRST_LINE} "
        "as it is in the package"
    ], found
