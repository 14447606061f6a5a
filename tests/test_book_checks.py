"""The docs CI: formulas, equation references, figures, code and links.

Each test prints every problem it finds as ``docs/<file>.md:<line>: ...``.
"""

from __future__ import annotations

import pytest
from book_helpers import DOCS, ROOT, report
from bookkit.book import Book
from bookkit.docstrings import check_docstring_math
from bookkit.exercises import check_exercises
from bookkit.fences import check_fences
from bookkit.figures import known_figures
from bookkit.links import check_links
from bookkit.source import check_sources


@pytest.fixture(scope="module")
def book() -> Book:
    return Book.load(DOCS)


def test_every_formula_parses_with_katex(book):
    errors = book.check_math()
    assert not errors, report(errors)


def test_docstring_formulas_parse_with_katex():
    errors = check_docstring_math(ROOT / "src" / "gdbook")
    assert not errors, report(errors)


def test_every_equation_reference_resolves(book):
    errors = book.check_references()
    assert not errors, report(errors)


def test_every_figure_has_a_function_and_alt_text(book):
    errors = book.check_figures(known_figures())
    assert not errors, report(errors)
    assert book.figure_refs(), "no page references a figure"


def test_no_python_fence_escapes_sybil(book):
    errors = check_fences(book)
    assert not errors, report(errors)


def test_every_embedded_source_exists(book):
    errors = check_sources(book)
    assert not errors, report(errors)


def test_every_internal_link_resolves(book):
    errors = check_links(book)
    assert not errors, report(errors)


def test_every_page_is_in_the_nav():
    import yaml

    def pages(node):
        if isinstance(node, str):
            yield node
        elif isinstance(node, list):
            for item in node:
                yield from pages(item)
        elif isinstance(node, dict):
            for value in node.values():
                yield from pages(value)

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("tag:", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=Loader)
    in_nav = {p for p in pages(config["nav"]) if p.endswith((".md", ".py", ".ipynb"))}
    on_disk = {
        p.relative_to(DOCS).as_posix()
        for p in DOCS.rglob("*")
        if p.suffix in (".md", ".ipynb") or (p.suffix == ".py" and "labs" in p.parts)
    }
    assert on_disk - in_nav == set(), "pages missing from the nav"
    assert in_nav - on_disk == set(), "nav entries with no page"


def test_the_paper_equations_1_to_29_are_each_stated_once(book):
    tags = sorted(int(eq.tag) for eq in book.equations.values() if eq.tag.isdigit())
    missing = sorted(set(range(1, 30)) - set(tags))
    assert not missing, f"equations of the paper no page states: {missing}"
    assert tags == list(range(1, 30))


def test_equations_cited_by_the_library_exist_in_the_book(book):
    """A docstring's "Eq. (24)" or "Eqs. (5)-(7)" must name equations the book states."""
    import re

    tags = {eq.tag for eq in book.equations.values()}
    cite = re.compile(
        r"Eqs?\.\s*(\([\w.\-]+\)(?:\s*(?:-|\u2013|,|and)\s*\([\w.\-]+\))*)"
    )
    problems = []
    for path in sorted((ROOT / "src" / "gdbook").rglob("*.py")):
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            for m in cite.finditer(line):
                cited = re.findall(r"\(([\w.\-]+)\)", m[1])
                if re.search(r"\)\s*(?:-|\u2013)\s*\(", m[1]) and all(
                    c.isdigit() for c in cited
                ):
                    cited = [str(n) for n in range(int(cited[0]), int(cited[-1]) + 1)]
                for tag in cited:
                    if tag not in tags:
                        rel = path.relative_to(ROOT)
                        problems.append(
                            f"{rel}:{number}: cites ({tag}), which no page states"
                        )
    assert not problems, "\n".join(problems)


def test_source_blocks_anchor_every_line_and_line_links_are_checked(tmp_path):
    """``#src-<module>-L<n>`` ids on embedded lines; links to them are checked."""
    import inspect

    import markdown
    from bookkit.source import add_line_anchors, check_line_links, line_anchors, render

    from gdbook.activations import sigmoid

    lines, first = inspect.getsourcelines(sigmoid)
    anchors = line_anchors("gdbook.activations.sigmoid")
    assert list(anchors) == [f"src-activations-L{first + i}" for i in range(len(lines))]
    assert anchors[f"src-activations-L{first}"] == lines[0]
    md = markdown.Markdown(extensions=["pymdownx.highlight", "pymdownx.superfences"])
    html, ids = add_line_anchors(md.convert(render("gdbook.activations.sigmoid")))
    assert ids == set(anchors)
    assert f'id="src-activations-L{first}">{first}</span>' in html

    last = first + len(lines) - 1
    code_line = next(i for i, t in enumerate(lines) if "return" in t) + first
    quoted = lines[code_line - first].strip()
    page = (
        "# A page\n\n<!-- source: gdbook.activations.sigmoid -->\n\n"
        f"Right: [`{quoted}`](#src-activations-L{code_line}).\n"
        f"Moved: [`{quoted}`](#src-activations-L{first}).\n"
        f"Outside: [the line after](#src-activations-L{last + 1}).\n"
        f"Outside in code: [`{quoted}`](#src-activations-L{last + 1}).\n"
    )
    (tmp_path / "a.md").write_text(page)
    fake = Book.load(tmp_path)
    moved = check_line_links(fake)
    assert [(e.line, f"#src-activations-L{code_line}" in e.message) for e in moved] == [
        (6, True),
        (8, False),
    ]
    assert "is not on that line" in moved[0].message
    assert "docs/a.md embeds no such line" in moved[1].message
    outside = check_links(fake)
    assert [e.line for e in outside] == [7]
    assert f"no anchor #src-activations-L{last + 1}" in outside[0].message

    # On the print page, line anchors and links to them carry the page's prefix.
    from bookkit.printbook import _fix

    printed = _fix(
        f'{html}<a href="#src-activations-L{first}">x</a>',
        "chapters/a.md",
        "chapters/a.html",
        {},
    )
    assert f'id="p-chapters-a-src-activations-L{first}"' in printed
    assert f'href="#p-chapters-a-src-activations-L{first}"' in printed


def test_every_exercise_is_numbered_marked_and_solved(book):
    """Issue 13 item 8: kind and level on each; two Derive, one Write it yourself."""
    errors = check_exercises(book)
    assert not errors, report(errors)
    chapters = [s for s in book.pages if s.startswith("chapters/")]
    assert len(chapters) >= 8


def test_an_unmarked_or_unsolved_exercise_is_named(tmp_path):
    """Self-test: each way of breaking the convention is reported at its line."""
    chapters = tmp_path / "chapters"
    chapters.mkdir()
    solution = '??? success "Solution"\n\n    Done.\n\n'
    (chapters / "03-x.md").write_text(
        "# 3. X\n\n## Exercises\n\n"
        "**3.1** *Derive · easy.* One.\n\n"
        + solution
        + "**3.2** Two, with no mark.\n\n"
        + solution
        + "**3.4** *Derive · tricky.* Three.\n\n"
        + solution
        + "**3.4** *Compute · hard.* Four, unsolved.\n\n"
        "## Next\n"
    )
    (chapters / "04-y.md").write_text("# 4. Y\n\nNo exercises.\n")
    found = [str(e) for e in check_exercises(Book.load(tmp_path))]
    assert found == [
        "docs/chapters/03-x.md:11: exercise 3.2 does not start with its mark, "
        "'*Kind · level.*' (Kind one of Derive, Compute, Write it yourself; "
        "level one of easy, medium, hard)",
        "docs/chapters/03-x.md:17: exercise **3.4** should be **3.3**",
        "docs/chapters/03-x.md:17: exercise 3.4 does not start with its mark, "
        "'*Kind · level.*' (Kind one of Derive, Compute, Write it yourself; "
        "level one of easy, medium, hard)",
        'docs/chapters/03-x.md:23: exercise 3.4 has no ??? success "Solution" after it',
        "docs/chapters/03-x.md:3: the exercises have 1 marked 'Derive'; "
        "a chapter needs at least 2",
        "docs/chapters/03-x.md:3: the exercises have 0 marked 'Write it yourself'; "
        "a chapter needs at least 1",
        "docs/chapters/04-y.md:1: the chapter has no '## Exercises' section",
    ], found


def test_docstring_examples_show_errors_without_a_traceback():
    """A reader pastes an API page's examples in order into one Python (the
    browser gate does): an example that raises would stop the paste, so a
    refusal is shown with ``try``/``except ValueError`` and ``print(err)``."""
    found = [
        f"{path.relative_to(ROOT)}:{n}: an example shows a traceback; "
        "catch the error and print it instead"
        for path in sorted((ROOT / "src" / "gdbook").rglob("*.py"))
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if line.strip() == "Traceback (most recent call last):"
    ]
    assert not found, report(found)
