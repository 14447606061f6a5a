"""Labs say what they compute: numbers shown by outputs, equations by @eq:.

The rules are :mod:`bookkit.labcheck`'s; the outputs are those the build
showed on each lab's page, from the run of the lab that page was made from
(``tests/test_labs.py`` checks that every cell of it ran, in order).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from book_helpers import DOCS, ROOT, report
from bookkit.book import Book
from bookkit.labcheck import (
    LAB_ALLOW_FILE,
    check_lab_numbers,
    check_lab_references,
    lab_cells,
    link_lab_refs,
    outputs_from_html,
)
from bookkit.numbers import load_allow

LABS = sorted((DOCS / "labs").glob("*.py"))
ALLOW = ROOT / "hooks" / "bookkit" / LAB_ALLOW_FILE


def test_labs_cite_equations_with_checked_references():
    errors = check_lab_references(Book.load(DOCS), DOCS)
    assert not errors, report(errors)


def test_every_number_a_lab_writes_is_shown_by_its_outputs(site: Path):
    labs = {
        p: outputs_from_html((site / "labs" / f"{p.stem}.html").read_text())
        for p in LABS
    }
    assert all(labs.values()), [p.name for p, out in labs.items() if not out]
    errors = check_lab_numbers(labs, load_allow(ALLOW))
    assert not errors, report(errors)


# -- self-tests ------------------------------------------------------------

LAB = """# %% [markdown]
# # Lab: a test
#
# We plant three bugs and train for 150 epochs, as @eq:rate says.

# %%
epochs = 150
bugs = ["sign", "transpose", "factor"]
print(len(bugs), 0.0307)

# %% [markdown]
# The rate settles near 0.0307.
"""


def _lab(tmp_path: Path, text: str = LAB) -> Path:
    path = tmp_path / "docs" / "labs" / "09-test.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    chapter = tmp_path / "docs" / "chapters" / "09-x.md"
    chapter.parent.mkdir(parents=True, exist_ok=True)
    chapter.write_text("# 9. X\n\n$$ \\eta = 1 \\tag{9.1} \\label{rate} $$\n")
    return path


def test_cells_keep_their_lines(tmp_path):
    cells = lab_cells(_lab(tmp_path))
    assert [(c.kind, c.line) for c in cells] == [
        ("markdown", 2),
        ("code", 7),
        ("markdown", 12),
    ]


def test_a_lab_whose_outputs_show_its_numbers_passes(tmp_path):
    path = _lab(tmp_path)
    assert check_lab_numbers({path: ["3 0.0307\n"]}) == []


def test_a_number_no_output_shows_fails_with_file_and_line(tmp_path):
    path = _lab(tmp_path)
    errors = check_lab_numbers({path: ["2 0.0307\n"]})  # two bugs, not three
    assert [(e.path, e.line) for e in errors] == [("docs/labs/09-test.py", 4)]
    assert "'three'" in errors[0].message
    (error,) = check_lab_numbers({path: ["3 0.031\n"]})
    assert error.line == 12 and "'0.0307'" in error.message


def test_the_lab_allow_list_exempts_and_stays_tight(tmp_path):
    path = _lab(tmp_path)
    allow = tmp_path / "allow.toml"
    allow.write_text(
        '[[allow]]\npage = "labs/09-test.py"\nnumber = "three"\nreason = "r"\n'
    )
    assert check_lab_numbers({path: ["2 0.0307\n"]}, load_allow(allow)) == []
    (error,) = check_lab_numbers({path: ["3 0.0307\n"]}, load_allow(allow))
    assert error.line == 1 and "not needed" in error.message


def test_a_citation_in_words_or_an_unknown_reference_fails(tmp_path):
    path = _lab(tmp_path)
    book = Book.load(tmp_path / "docs")
    assert check_lab_references(book, tmp_path / "docs") == []
    path.write_text(
        LAB.replace("as @eq:rate says", "as equation (22) says").replace(
            "near 0.0307", "near 0.0307 by @eq:nothing"
        )
    )
    errors = check_lab_references(book, tmp_path / "docs")
    assert [(e.path, e.line) for e in errors] == [
        ("docs/labs/09-test.py", 4),
        ("docs/labs/09-test.py", 12),
    ]
    assert "plain citation 'equation (22)'" in errors[0].message
    assert "@eq:nothing refers to no equation" in errors[1].message


def test_a_reference_becomes_a_link_to_its_chapter(tmp_path):
    _lab(tmp_path)
    book = Book.load(tmp_path / "docs")
    html = (
        '<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown jp-MarkdownOutput">'
        "<p>as @eq:rate says, not <code>@eq:rate</code></p></div>"
    )
    linked = link_lab_refs(html, book, lambda src: "../" + src.replace(".md", ".html"))
    assert (
        '<a href="../chapters/09-x.html#eq-rate">(9.1)</a> says, '
        "not <code>@eq:rate</code>" in linked
    )


def test_outputs_are_read_from_the_built_page():
    html = (
        '<div class="jp-RenderedText jp-OutputArea-output" data-mime-type="text/plain"'
        ' tabindex="0"><pre>3 0.0307 &lt;ok&gt;\n</pre></div>'
    )
    assert outputs_from_html(html) == ["3 0.0307 <ok>\n"]


@pytest.mark.parametrize("path", LABS, ids=lambda p: p.name)
def test_lab_cells_cover_the_file(path):
    assert lab_cells(path), f"docs/labs/{path.name}: no cells"
