"""Self-test of the docs CI: inject every fault into one copy of the book.

One copy of ``docs/``, the configuration and ``src/gdbook`` gets every fault
the checks guard against, each on its own known line: in chapter 1, in a
lab and in a docstring. Each fault must then be named with its file and line
twice: by the in-process check the test suite runs, and by the command a
maintainer runs, ``mkdocs build --strict`` (or ``pytest`` for the snippets).

Time: a failing strict build stops before it draws or renders a page, so
one build of the faulty copy costs a few seconds, plus one lab run. The
build runs every check before it fails (``hooks/mkdocs_hooks.py``,
``on_files``), so one build names all the faults together; the snippet
faults need the test command instead, run once on the same copy. A clean
copy is built in full and its snippets run, to show that the faults are
the only reason for the failures.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from book_helpers import DOCS, ROOT
from bookkit import BookError, citations, source
from bookkit.book import Book
from bookkit.docstrings import check_docstring_math
from bookkit.fences import check_fences
from bookkit.figures import known_figures
from bookkit.labs import check_lab_math, lab_failure
from bookkit.links import check_links
from bookkit.notebooks import NotebookFailure, chapter_notebook, execute

CHAPTER = "chapters/01-sum-of-squared-errors.md"
ANCHOR_LINE = "## The error of one prediction\n"
LAB = "labs/02-tune-the-learning-rate.py"
MODULE = "src/gdbook/losses.py"

# Faults in chapter 1: (id, the text inserted, what the check says on its line).
PAGE_FAULTS = [
    ("katex", r"The error is $\frac{1}{2 (y - \hat y)^2$ here.", "KaTeX cannot parse"),
    ("math-in-heading", "### A heading with $x^2$ in it", "math in a heading"),
    ("eq-undefined-number", "As @eq:99 shows.", "@eq:99 refers to no equation"),
    (
        "eq-undefined-label",
        "As @eq:no-such-label says.",
        "@eq:no-such-label refers to no equation",
    ),
    ("plain-eq-citation", "Compare with Eq. (24) here.", "plain citation 'Eq. (24)'"),
    (
        "plain-equation-citation",
        "As equation (22) says.",
        "plain citation 'equation (22)'",
    ),
    ("label-without-tag", r"$$a = b \label{orphan-label}$$", "has no \\tag{}"),
    ("tag-in-inline-math", r"Inline $a \tag{4.9}$ here.", "need display math"),
    ("tag-not-the-papers", r"$$a = b \tag{30}$$", "plain numbers are the source"),
    (
        "tag-twice",
        r"$$a = b \tag{9.99}$$ and $$c = d \tag{9.99}$$",
        "equation 9.99 is defined twice",
    ),
    (
        "figure-without-function",
        "![A figure that no function draws at all](figure:no_such_figure)",
        "figure:no_such_figure names no function",
    ),
    (
        "figure-without-alt",
        "![](figure:slope_of_square)",
        "figure:slope_of_square needs alt text",
    ),
    (
        "fig-undefined",
        "As @fig:slope_of_squares shows.",
        "@fig:slope_of_squares refers to no figure in the book "
        "(did you mean @fig:slope_of_square?)",
    ),
    ("fence-py", "```py\nprint('never run')\n```", "fence info string 'py'"),
    ("fence-pycon", "```pycon\n>>> 1\n1\n```", "fence info string 'pycon'"),
    ("fence-python3", "```python3\nprint(3)\n```", "fence info string 'python3'"),
    (
        "fence-braces",
        "```{.python}\nprint(4)\n```",
        "fence info string '{.python}'",
    ),
    (
        "fence-titled",
        '```python title="x.py"\nprint(5)\n```',
        "fence info string 'python title=\"x.py\"'",
    ),
    (
        "fence-bare",
        "```\nimport numpy\n```",
        "fence without an info string holds Python",
    ),
    (
        "skip-next-without-reason",
        "<!-- skip: next -->\n```python\nprint(6)\n```",
        "skip: next needs a reason",
    ),
    (
        "skip-start-without-reason",
        "<!-- skip: start -->\n\n<!-- skip: end -->",
        "skip: start needs a reason",
    ),
    (
        "link-anchor-on-another-page",
        "See [the notation](../notation.md#no-such-anchor).",
        "docs/notation.md has no anchor #no-such-anchor",
    ),
    (
        "link-anchor-on-this-page",
        "See [above](#nowhere).",
        f"docs/{CHAPTER} has no anchor #nowhere",
    ),
    (
        "link-no-such-page",
        "See [this page](no-such-page.md).",
        "broken link 'no-such-page.md': no such file",
    ),
    (
        "link-without-md",
        "See [the notation](../notation).",
        "link '../notation': link to a .md file",
    ),
    (
        "link-api-anchor",
        "See [it](../reference/losses.md#gdbook.losses.no_such_function).",
        "docs/reference/losses.md has no anchor #gdbook.losses.no_such_function",
    ),
    (
        "source-no-such-function",
        "<!-- source: gdbook.losses.no_such_function -->",
        "source: 'gdbook.losses.no_such_function': 'no_such_function' not found",
    ),
    (
        "source-outside-gdbook",
        "<!-- source: numpy.mean -->",
        "source: 'numpy.mean' is not in gdbook",
    ),
    (
        "cite-unknown-key",
        "As [@nielsen2051, chapter 2] says.",
        "[@nielsen2051] cites no entry of docs/references.bib "
        "(did you mean [@nielsen2015]?)",
    ),
]
# Faults the test command finds by running the chapter's snippets; the first
# raising cell is also where the chapter's notebook stops.
NOTEBOOK_FAULT = "```python\n>>> {}['missing']\n'x'\n\n```"
WRONG_OUTPUT = "```python\n>>> 1 + 1\n3\n\n```"
RAISING = "```python\nimport numpy as np\nnp.zeros(3) @ np.zeros(4)\n```"
# Faults outside the chapters: a lab formula, a lab cell, a docstring formula.
LAB_FORMULA = r"# A formula KaTeX rejects: $\frac{1}{2$."
LAB_CELL = "# %%\nplanted = 1\nraise RuntimeError('planted in the lab')\n"
DOCSTRING = '\n\ndef _planted():\n    """A formula KaTeX rejects: $\\\\frac{1}{2$."""\n'


def make_tree(root: Path, snippets: list[str]) -> dict[str, int]:
    """Copy the book to ``root``; insert ``snippets`` into chapter 1.

    Each snippet goes after the anchor heading, in order, a blank line
    apart; returns the line each starts on, keyed by the snippet.
    """
    shutil.copytree(DOCS, root / "docs")
    shutil.copytree(
        ROOT / "src", root / "src", ignore=shutil.ignore_patterns("__pycache__")
    )
    for name in ("mkdocs.yml", "conftest.py"):
        shutil.copy(ROOT / name, root / name)
    (root / "hooks").symlink_to(ROOT / "hooks")
    (root / "tests").mkdir()
    shutil.copy(ROOT / "tests" / "claims.py", root / "tests" / "claims.py")
    (root / "pytest.ini").write_text(
        "[pytest]\naddopts = -p no:doctest -p no:cacheprovider -p no:randomly\n"
        "pythonpath = hooks\nfilterwarnings = error\n"
    )
    page = root / "docs" / CHAPTER
    text = page.read_text()
    at = text.index(ANCHOR_LINE) + len(ANCHOR_LINE)
    lines, line, inserted = {}, text[:at].count("\n") + 1, ""
    for snippet in snippets:
        line += 1  # the blank line before it
        lines[snippet] = line
        inserted += "\n" + snippet + "\n"
        line += snippet.count("\n") + 1
    page.write_text(text[:at] + inserted + text[at:])
    return lines


def run(root: Path, *args: str) -> tuple[int, str]:
    """Run ``python -m <args>`` in the copy; return its exit code and output."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "OPENBLAS_NUM_THREADS": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", *args],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    return proc.returncode, proc.stdout + proc.stderr


def build(root: Path) -> tuple[int, str]:
    return run(root, "mkdocs", "build", "--strict", "--site-dir", str(root / "site"))


def run_snippets(root: Path) -> tuple[int, str]:
    return run(root, "pytest", "-q", f"docs/{CHAPTER}")


@pytest.fixture(scope="module")
def faulty(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """The copy with every fault; maps each fault's id to its ``file:line``."""
    root = tmp_path_factory.mktemp("faulty") / "book"
    snippets = [text for _, text, _ in PAGE_FAULTS]
    snippets += [NOTEBOOK_FAULT, WRONG_OUTPUT, RAISING]
    lines = make_tree(root, snippets)
    where = {key: f"docs/{CHAPTER}:{lines[text]}" for key, text, _ in PAGE_FAULTS}
    where["notebook"] = f"docs/{CHAPTER}:{lines[NOTEBOOK_FAULT] + 1}"
    where["wrong-output"] = f"docs/{CHAPTER}, line {lines[WRONG_OUTPUT] + 1}"
    where["raising"] = f"docs/{CHAPTER}:{lines[RAISING] + 2}"

    lab = root / "docs" / LAB
    text = lab.read_text().split("\n")
    assert text[0] == "# %% [markdown]" and text[1].startswith("# # "), text[:2]
    text[2:2] = ["#", LAB_FORMULA]
    where["lab-formula"] = f"docs/{LAB}:4"
    body = "\n".join(text).rstrip("\n") + "\n\n"
    where["lab-cell"] = f"docs/{LAB}:{body.count(chr(10)) + 3}"
    lab.write_text(body + LAB_CELL)

    module = root / MODULE
    body = module.read_text()
    where["docstring-formula"] = f"{MODULE}:{body.count(chr(10)) + 4}"
    module.write_text(body + DOCSTRING)
    return root, where


@pytest.fixture(scope="module")
def in_process(faulty) -> list[BookError]:
    """What the test suite's checks report on the faulty copy."""
    root, _ = faulty
    book = Book.load(root / "docs")
    return (
        book.check_math()
        + book.check_references()
        + check_fences(book)
        + check_links(book)
        + book.check_figures(known_figures())
        + source.check_sources(book)
        + citations.check_citations(book)
        + check_lab_math(root / "docs")
        + check_docstring_math(root / "src" / "gdbook")
    )


@pytest.fixture(scope="module")
def build_log(faulty) -> str:
    code, out = build(faulty[0])
    assert code != 0, "`mkdocs build --strict` passed with the faults in it"
    return out


@pytest.fixture(scope="module")
def snippet_log(faulty) -> str:
    code, out = run_snippets(faulty[0])
    assert code != 0, "the chapter's snippets passed with the faults in them"
    return out


STATIC = [(key, says) for key, _, says in PAGE_FAULTS] + [
    ("lab-formula", r"KaTeX cannot parse '\\frac{1}{2'"),
    ("docstring-formula", r"KaTeX cannot parse '$\\frac{1}{2$'"),
]


def _ids(cases):
    return [c[0] for c in cases]


@pytest.mark.parametrize(("key", "says"), STATIC, ids=_ids(STATIC))
def test_the_checks_name_each_fault(faulty, in_process, key, says):
    where = faulty[1][key]
    found = [str(e) for e in in_process if f"{e.path}:{e.line}" == where]
    assert any(says in m for m in found), f"{where}: {says!r} not in {found}"


@pytest.mark.parametrize(("key", "says"), STATIC, ids=_ids(STATIC))
def test_the_build_names_each_fault(faulty, build_log, key, says):
    """``mkdocs build --strict`` fails naming the fault's file and line."""
    where = faulty[1][key]
    named = [line for line in build_log.splitlines() if f"{where}: " in line]
    assert any(says in line for line in named), (
        f"{where}: {says!r} not in the build's output: {named}\n{build_log[-3000:]}"
    )


def test_the_build_names_the_raising_lab_cell_and_its_cause(faulty, build_log):
    where = faulty[1]["lab-cell"]
    assert f"{where}: a cell raised RuntimeError: planted in the lab" in build_log, (
        build_log[-3000:]
    )
    # the traceback is kept: the cell's frame and the line that raised
    assert "----> 2 raise RuntimeError('planted in the lab')" in build_log


def test_a_lab_that_cannot_run_names_its_cause(tmp_path):
    """Not a cell: the kernel, a timeout, an unreadable file."""
    try:
        raise TimeoutError("the kernel did not answer")
    except TimeoutError as exc:
        error = lab_failure(tmp_path / "x.py", "docs/labs/x.py", exc)
    message = str(error)
    assert message.startswith(
        "docs/labs/x.py:1: running the lab failed: TimeoutError: "
        "the kernel did not answer\n"
    ), message
    assert "Traceback (most recent call last)" in message
    assert "test_a_lab_that_cannot_run_names_its_cause" in message


def test_wrong_printed_output_fails_with_file_and_line(faulty, snippet_log):
    assert faulty[1]["wrong-output"] in snippet_log, snippet_log[-3000:]
    assert "Expected:\n    3\nGot:\n    2" in snippet_log


def test_raising_snippet_fails_with_file_and_line(faulty, snippet_log):
    # the line that raises: the fence opens two lines above
    assert f"{faulty[1]['raising']}: ValueError" in snippet_log, snippet_log[-3000:]


def test_failing_notebook_cell_names_chapter_and_line(faulty):
    root, where = faulty
    book = Book.load(root / "docs")

    def render(target: str) -> str:  # the planted bad targets embed nothing
        try:
            return source.render(target)
        except LookupError:
            return ""

    nb = chapter_notebook(book, CHAPTER, None, render)
    with pytest.raises(NotebookFailure) as info:
        execute(nb)
    assert info.value.where == where["notebook"]
    assert "KeyError" in str(info.value)


def test_the_unbroken_copy_passes(tmp_path):
    """The faults above are the only reason their checks fail.

    The same copy without them: every in-process check is silent, the strict
    build succeeds and the chapter's snippets pass.
    """
    root = tmp_path / "book"
    make_tree(root, ["A harmless sentence."])
    book = Book.load(root / "docs")
    assert book.check_math() == []
    assert book.check_references() == []
    assert check_fences(book) == []
    assert check_links(book) == []
    assert book.check_figures(known_figures()) == []
    assert source.check_sources(book) == []
    assert check_lab_math(root / "docs") == []
    assert check_docstring_math(root / "src" / "gdbook") == []
    code, out = build(root)
    assert code == 0, out[-3000:]
    assert (root / "site" / CHAPTER.replace(".md", ".html")).is_file()
    code, out = run_snippets(root)
    assert code == 0, out[-3000:]
    assert re.search(r"\b\d+ passed\b", out), out[-500:]
