"""Self-test of the docs CI: inject each fault into a copy of the book.

Each test copies ``docs/`` and the configuration to a temporary tree, breaks
one thing on a known line of chapter 1, and asserts that the check that
guards against it fails and names that file and line, both the in-process
check the test suite runs and, for build faults, ``mkdocs build``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from book_helpers import DOCS, ROOT
from bookkit import source
from bookkit.book import Book
from bookkit.fences import check_fences
from bookkit.figures import known_figures
from bookkit.links import check_links
from bookkit.notebooks import NotebookFailure, chapter_notebook, execute

CHAPTER = "chapters/01-sum-of-squared-errors.md"
ANCHOR_LINE = "## The error of one prediction\n"


def make_tree(tmp_path: Path, fault: str) -> tuple[Path, int]:
    """Copy the book, insert ``fault`` after a heading; return (root, line)."""
    root = tmp_path / "book"
    shutil.copytree(DOCS, root / "docs")
    for name in ("mkdocs.yml", "conftest.py"):
        shutil.copy(ROOT / name, root / name)
    (root / "hooks").symlink_to(ROOT / "hooks")
    (root / "src").symlink_to(ROOT / "src")
    (root / "pytest.ini").write_text(
        "[pytest]\naddopts = -p no:doctest -p no:cacheprovider\npythonpath = hooks\n"
        "filterwarnings = error\n"
    )
    page = root / "docs" / CHAPTER
    text = page.read_text()
    at = text.index(ANCHOR_LINE) + len(ANCHOR_LINE)
    line = text[:at].count("\n") + 2  # a blank line, then the fault
    page.write_text(text[:at] + "\n" + fault + "\n" + text[at:])
    return root, line


def fails(root: Path, *args: str) -> str:
    """Run ``python -m <args>`` in the copy; it must fail. Return its output."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", *args],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert proc.returncode != 0, f"`{' '.join(args)}` passed with the fault in it"
    return proc.stdout + proc.stderr


def build(root: Path) -> str:
    return fails(root, "mkdocs", "build", "--strict", "--site-dir", str(root / "site"))


def run_snippets(root: Path) -> str:
    return fails(root, "pytest", "-q", f"docs/{CHAPTER}")


def where(line: int) -> str:
    return f"docs/{CHAPTER}:{line}"


def test_malformed_formula_fails_with_file_and_line(tmp_path):
    root, line = make_tree(tmp_path, r"The error is $\frac{1}{2 (y - \hat y)^2$ here.")
    errors = Book.load(root / "docs").check_math()
    assert [str(e) for e in errors if e.line == line and e.path == f"docs/{CHAPTER}"], (
        errors
    )
    assert "KaTeX cannot parse" in str(errors[0])
    assert where(line) in build(root)


def test_wrong_printed_output_fails_with_file_and_line(tmp_path):
    root, line = make_tree(tmp_path, "```python\n>>> 1 + 1\n3\n\n```")
    out = run_snippets(root)
    assert f"docs/{CHAPTER}, line {line + 1}" in out, out
    assert "Expected:\n    3\nGot:\n    2" in out


def test_raising_snippet_fails_with_file_and_line(tmp_path):
    root, line = make_tree(
        tmp_path, "```python\nimport numpy as np\nnp.zeros(3) @ np.zeros(4)\n```"
    )
    out = run_snippets(root)
    # the line that raises: the fence opens on `line`, the call is two below
    assert f"docs/{CHAPTER}:{line + 2}: ValueError" in out, out
    assert "ValueError" in out


def test_failing_notebook_cell_names_chapter_and_line(tmp_path):
    root, line = make_tree(tmp_path, "```python\n>>> {}['missing']\n'x'\n\n```")
    book = Book.load(root / "docs")
    nb = chapter_notebook(book, CHAPTER, None, source.render)
    with pytest.raises(NotebookFailure) as info:
        execute(nb)
    assert info.value.where == where(line + 1)
    assert "KeyError" in str(info.value)


@pytest.mark.parametrize(
    "info", ["py", "pycon", 'python title="x.py"', "{.python}", "python3"]
)
def test_python_fence_sybil_would_skip_fails(tmp_path, info):
    root, line = make_tree(tmp_path, f"```{info}\nprint('never run')\n```")
    errors = check_fences(Book.load(root / "docs"))
    assert [e for e in errors if e.line == line], errors
    if info == "py":
        assert where(line) in build(root)


def test_skip_without_reason_fails(tmp_path):
    root, line = make_tree(tmp_path, "<!-- skip: next -->\n```python\nprint(1)\n```")
    errors = check_fences(Book.load(root / "docs"))
    assert [e for e in errors if e.line == line and "needs a reason" in e.message], (
        errors
    )


def test_undefined_equation_reference_fails(tmp_path):
    root, line = make_tree(tmp_path, "As @eq:99 shows, and as @eq:no-such-label says.")
    errors = Book.load(root / "docs").check_references()
    assert {e.message.split()[0] for e in errors if e.line == line} == {
        "@eq:99",
        "@eq:no-such-label",
    }
    assert where(line) in build(root)


def test_plain_equation_citation_fails(tmp_path):
    root, line = make_tree(tmp_path, "Compare with Eq. (24) of the paper.")
    errors = Book.load(root / "docs").check_references()
    assert [e for e in errors if e.line == line and "plain citation" in e.message], (
        errors
    )


def test_figure_without_function_fails(tmp_path):
    root, line = make_tree(
        tmp_path, "![A figure that no function draws at all](figure:no_such_figure)"
    )
    errors = Book.load(root / "docs").check_figures(known_figures())
    assert [e for e in errors if e.line == line and "no_such_figure" in e.message], (
        errors
    )
    assert where(line) in build(root)


def test_figure_without_alt_text_fails(tmp_path):
    root, line = make_tree(tmp_path, "![](figure:slope_of_square)")
    errors = Book.load(root / "docs").check_figures(known_figures())
    assert [e for e in errors if e.line == line and "alt text" in e.message], errors


@pytest.mark.parametrize(
    "link", ["../notation.md#no-such-anchor", "no-such-page.md", "#nowhere"]
)
def test_broken_internal_link_fails(tmp_path, link):
    root, line = make_tree(tmp_path, f"See [this page]({link}).")
    errors = check_links(Book.load(root / "docs"))
    assert [e for e in errors if e.line == line], errors
    if link == "no-such-page.md":
        assert where(line) in build(root)


def test_raising_lab_cell_fails_the_build_naming_the_lab(tmp_path):
    root, _ = make_tree(tmp_path, "A harmless sentence.")
    lab = root / "docs" / "labs" / "02-tune-the-learning-rate.py"
    lab.write_text(lab.read_text() + "\n# %%\nraise RuntimeError('planted')\n")
    out = build(root)
    assert "docs/labs/02-tune-the-learning-rate.py: a cell raised" in out, out
    assert "planted" in out


def test_the_unbroken_copy_passes(tmp_path):
    """The faults above are the only reason their checks fail."""
    root, _ = make_tree(tmp_path, "A harmless sentence.")
    book = Book.load(root / "docs")
    assert book.check_math() == []
    assert book.check_references() == []
    assert check_fences(book) == []
    assert check_links(book) == []
    assert book.check_figures(known_figures()) == []
