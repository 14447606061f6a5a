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


def test_figures_are_numbered_per_chapter_and_captioned(book):
    """Figures count from 1 in each chapter (4.1, 4.2, ...); the caption is
    the Markdown title when given, else the alt text's first sentence."""
    from bookkit.book import caption_of

    numbers = [(f.page, f.number) for f in book.figures.values()]
    for page in {p for p, _ in numbers}:
        mine = [n for p, n in numbers if p == page]
        chapter = int(page.split("/")[1][:2])
        assert mine == [f"{chapter}.{k}" for k in range(1, len(mine) + 1)], page
    assert caption_of("A curve. It falls from 1 to 0.5 at w = 0.5.", None) == "A curve."
    assert caption_of("A curve, e.g. the sigmoid", None) == "A curve, e.g. the sigmoid."
    assert caption_of("Long alt text.", " The  caption ") == "The caption"


def _tiny_book(tmp_path, chapter1: str, chapter2: str = "# Two\n") -> Book:
    docs = tmp_path / "docs"
    (docs / "chapters").mkdir(parents=True)
    (docs / "chapters" / "01-one.md").write_text(chapter1)
    (docs / "chapters" / "02-two.md").write_text(chapter2)
    return Book.load(docs)


def test_fig_references_link_with_their_number(tmp_path):
    """@fig: becomes a link named "Figure N.k" (on the page or on another),
    the figure a <figure> with its caption; a page that cites another page's
    equation or figure carries its template for the preview."""
    one = (
        "# One\n\nAs @fig:error_bowl shows.\n\n"
        '![A bowl with its minimum at w = 0.5. More words here.](figure:error_bowl "The bowl")\n\n'
        "$$E = w^2 \\tag{1.1} \\label{bowl}$$\n"
    )
    two = "# Two\n\nRecall @fig:error_bowl and @eq:bowl.\n"
    book = _tiny_book(tmp_path, one, two)
    assert book.check_references() == []
    md, formulas = book.transform("chapters/01-one.md", lambda t: "")
    assert "As [Figure 1.1](#fig-error_bowl) shows." in md
    assert '<figure class="gdb-fig" id="fig-error_bowl">' in md
    assert '<span class="gdb-fig-number">Figure 1.1.</span> The bowl</figcaption>' in md
    assert "<template" not in md
    md, formulas = book.transform("chapters/02-two.md", lambda t: "")
    assert "[Figure 1.1](01-one.md#fig-error_bowl)" in md
    assert '<template data-for="fig-error_bowl"><figure class="gdb-fig">' in md
    assert '<template data-for="eq-bowl"><div class="gdb-math">GDBMATHD00000' in md
    assert formulas == [("E = w^2 \\tag{1.1}", True)]


def test_an_undefined_or_misplaced_figure_is_named(tmp_path):
    """An unknown @fig: (with a "did you mean"), a figure inside a paragraph
    and a figure shown twice are each named with file and line."""
    one = (
        "# One\n\nSee @fig:error_bowls here.\n\n"
        "![A bowl with its minimum at w = 0.5 and more.](figure:error_bowl)\n\n"
        "Text then ![A bowl with its minimum at w = 0.5 and more.](figure:error_contours)\n"
        "on one line.\n\n"
        "![A bowl with its minimum at w = 0.5 and more.](figure:error_bowl)\n"
    )
    book = _tiny_book(tmp_path, one, "# Two\n\nAnd @fig:nothing_like_it.\n")
    errors = [str(e) for e in book.check_references()]
    expected = [
        "docs/chapters/01-one.md:3: @fig:error_bowls refers to no figure in the book "
        "(did you mean @fig:error_bowl?)",
        "docs/chapters/01-one.md:7: figure:error_contours must be a paragraph of its own",
        "docs/chapters/01-one.md:10: figure error_bowl is shown twice "
        "(first at docs/chapters/01-one.md:5)",
        "docs/chapters/02-two.md:3: @fig:nothing_like_it refers to no figure in the book",
    ]
    for want in expected:
        assert any(e.startswith(want) for e in errors), report(errors)
    assert len(errors) == len(expected), report(errors)
    assert book.figures["error_contours"].number == "1.2"


def test_generated_figure_numbers_are_not_the_numbers_rule(tmp_path):
    """The numbers rule reads the Markdown, where a reference is @fig:name:
    the "Figure 1.1" the build writes is not a number the page states, and
    a name with digits in it is not read as a number either."""
    from bookkit.numbers import written_numbers

    one = (
        "# One\n\n@fig:layer_2_norms shows 0.25 of it.\n\n"
        "![The norms of layer 2 over 30 epochs, and more.](figure:layer_2_norms)\n"
    )
    book = _tiny_book(tmp_path, one)
    page = book.pages["chapters/01-one.md"]
    prose = [w.text for w in written_numbers(page) if w.where == "prose"]
    assert prose == ["0.25"], prose
    md, _ = book.transform("chapters/01-one.md", lambda t: "")
    assert "[Figure 1.1](#fig-layer_2_norms) shows 0.25" in md


def test_the_print_page_keeps_figure_anchors_and_drops_preview_templates():
    from bookkit.printbook import _fix

    html = (
        '<p><a href="../chapters/02-two.html#fig-bowl">Figure 2.1</a> '
        '<a href="#fig-curve">Figure 1.1</a></p><figure class="gdb-fig" id="fig-curve">'
        '</figure>\n\n<div class="gdb-previews" hidden data-search-exclude>\n'
        '<template data-for="fig-bowl"><figure class="gdb-fig"></figure></template>\n</div>'
    )
    keys = {"chapters/02-two.html": "p-chapters-02-two"}
    out = _fix(html, "chapters/01-one.md", "chapters/01-one.html", keys)
    assert 'href="#fig-bowl"' in out and 'href="#fig-curve"' in out
    assert 'id="fig-curve"' in out
    assert "template" not in out and "gdb-previews" not in out
