"""The numbers a page writes, and whether an output shows them (bookkit.numbers)."""

from __future__ import annotations

from pathlib import Path

import pytest
from book_helpers import DOCS, ROOT, report
from bookkit.book import Book, Page
from bookkit.numbers import (
    ALLOW_FILE,
    check_numbers,
    code_literals,
    doctest_outputs,
    is_literal,
    load_allow,
    prose_numbers,
    shows,
    written_numbers,
)
from bookkit.scan import tokenize


def one(text: str):
    (found,) = prose_numbers(text)
    return found


def page(text: str) -> Page:
    return Page("chapters/x.md", None, text, tokenize(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the angle is about 207 degrees", ["207"]),
        ("cut by about 30 % and by 30%", ["30 %", "30 %"]),
        ("about eight times larger", ["eight"]),
        ("2/L ≈ 0.0307", ["0.0307"]),
        ("1,797 digits and -0.4 to +1.1", ["1,797", "-0.4", "+1.1"]),
        ("only 2 inputs, 0 and 1, a 1/2", []),
        ("three layers and two inputs", []),
        ("chapter 4, chapters 5 and 6, exercise 7.3, seed 001", []),
        ("**3.2** Show it.", []),
        ("see [the figure](fig-12.md) and https://x.org/a/42", []),
        ("L2, float64, x1 and 3D", []),
        ("equations (24) and (4.3), @eq:24, @eq:4.3", []),
        ("1. A list item", []),
    ],
)
def test_which_numbers_are_written(text, expected):
    assert [w.text for w in prose_numbers(text)] == expected


def test_headings_code_comments_and_math_are_read_as_the_rule_says():
    text = (
        "## 6.2 Weight decay\n"
        "We train for 150 epochs `eta=0.5` <!-- 0.25 -->\n"
        "$\\eta = 0.75$, $w_{12}^2$, $\\tfrac12$, $10^{-7}$\n"
        "$$ C = 0.125 \\tag{6.1} $$\n"
        "![A curve falling to 0.41 after 47 epochs](figure:f)\n"
    )
    found = [(w.text, w.line, w.where) for w in written_numbers(page(text))]
    assert found == [
        ("150", 2, "prose"),
        ("0.75", 3, "math"),
        ("10^{-7}", 3, "math"),
        ("0.41", 5, "alt"),
        ("47", 5, "alt"),
    ]


@pytest.mark.parametrize(
    ("written", "output", "shown"),
    [
        ("about 207", "206.57", True),
        ("about 207", "207.6", False),
        ("0.0307", "0.030716", True),
        ("0.0307", "0.0306", False),
        ("4.16", "(0.2, 4.16)", True),
        ("about 30 %", "0.3012", True),
        ("about 30 %", "30.12", True),
        ("about 30 %", "0.31", False),
        ("a 0.30 rate", "0.3", False),  # printed with less precision
        ("a 0.30 rate", "0.300", True),
        ("about eight times", "7.8", True),
        ("about eight times", "7.4", False),
        ("falls by 0.3", "-0.3", True),  # magnitudes
        ("exactly 1.0", "1", True),  # an integer is exact
        ("1797 digits", "((1797, 8, 8), (1797,))", True),
        ("a 1e-7 bound", "1e-07", True),
        ("about 200", "206.57", False),  # "about" does not coarsen
    ],
)
def test_an_output_shows_a_number_at_the_precision_written(written, output, shown):
    assert shows(one(written), output) is shown


def test_code_literals_are_settings_not_operands():
    src = (
        "```python\n>>> h = net.fit(X, epochs=150, eta=0.5)\n>>> W / 4\n"
        ">>> Network([64, 30, 10])\n>>> round(x, 6)\n"
        ">>> np.set_printoptions(precision=4)\n>>> rng.normal(0, 0.05)\n```\n"
    )
    lits = code_literals(src)
    assert lits == {
        150.0: True,
        0.5: True,
        64.0: False,
        30.0: False,
        10.0: False,
        0.0: False,
        0.05: False,
    }
    assert is_literal(one("for 150 epochs"), lits)
    assert is_literal(one("30 hidden neurons"), lits)
    assert not is_literal(one("10 outputs"), lits)  # small: only a named setting
    assert not is_literal(one("4 more digits"), lits)
    assert not is_literal(one("about 150 epochs"), lits)  # approximate: an output


def test_doctest_outputs():
    src = "```python\n>>> x = 1\n>>> f(x,\n...   2)\n(0.5, 1.25)\n>>> print(3)\n3\n\n```\n"
    assert doctest_outputs(src) == ["(0.5, 1.25)", "3"]


# -- the check on the book's pages -----------------------------------------

ALLOW = ROOT / "hooks" / "bookkit" / ALLOW_FILE


def book_of(pages: dict[str, str], tmp_path: Path) -> Book:
    for src, text in pages.items():
        path = tmp_path / "docs" / src
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return Book.load(tmp_path / "docs")


def _figure_facts(book: Book) -> dict:
    """The figures' facts as the build caches them (drawn if not cached)."""
    from bookkit import figures as figs

    if not hasattr(figs, "cached_facts"):
        return {}
    names = {name for _, _, name, _ in book.figure_refs()}
    names &= set(figs.known_figures())
    figs.draw_all(names)
    return figs.cached_facts(names)


def test_every_number_a_page_writes_is_shown_on_that_page():
    book = Book.load(DOCS)
    errors = check_numbers(book, load_allow(ALLOW), facts=_figure_facts(book))
    assert not errors, report(errors)


PRINTED = """# 9. A chapter

The rate settles near 0.0307 after 150 epochs.

```python
>>> eta = 2 / 65.1
>>> epochs = 150
>>> round(eta, 6)
0.030722

```
"""


def test_a_printed_number_passes(tmp_path):
    book = book_of({"chapters/09-x.md": PRINTED}, tmp_path)
    assert check_numbers(book, []) == []


def test_an_unprinted_number_fails_naming_file_and_line(tmp_path):
    text = PRINTED.replace("near 0.0307", "near 0.0307, about 30 % of 0.1,")
    book = book_of({"chapters/09-x.md": text}, tmp_path)
    errors = check_numbers(book, [])
    assert [(e.path, e.line) for e in errors] == [
        ("docs/chapters/09-x.md", 3),
        ("docs/chapters/09-x.md", 3),
    ]
    assert "'30 %'" in errors[0].message and "'0.1'" in errors[1].message


def test_an_alt_text_number_is_checked(tmp_path):
    text = PRINTED + "\n![A curve that ends at 0.41 after all epochs](figure:f)\n"
    book = book_of({"chapters/09-x.md": text}, tmp_path)
    (error,) = check_numbers(book, [])
    assert error.line == 13 and "(alt)" in error.message and "'0.41'" in error.message


def test_the_allow_list_exempts_with_a_reason_and_stays_tight(tmp_path):
    text = PRINTED.replace("near 0.0307", "near 0.0307 (45 degrees)")
    book = book_of({"chapters/09-x.md": text}, tmp_path)
    allow = tmp_path / "allow.toml"
    allow.write_text(
        '[[allow]]\npage = "chapters/09-x.md"\nnumber = "45"\n'
        'reason = "a chosen direction"\n\n'
        '[[allow]]\npage = "chapters/09-x.md"\nnumber = "12"\nreason = "stale"\n'
    )
    (error,) = check_numbers(book, load_allow(allow))
    assert error.line == 6 and "'12'" in error.message and "not needed" in error.message
    allow.write_text('[[allow]]\npage = "chapters/09-x.md"\nnumber = "45"\n')
    with pytest.raises(ValueError, match="needs page, number and a reason"):
        load_allow(allow)


def test_an_alt_text_number_may_be_a_fact_of_its_figure(tmp_path):
    text = PRINTED + "\n![A curve that ends at 0.41 after all epochs](figure:f)\n"
    book = book_of({"chapters/09-x.md": text}, tmp_path)
    assert check_numbers(book, [], facts={"f": {"end": 0.4114}}) == []
    assert len(check_numbers(book, [], facts={"f": {"end": 0.4214}})) == 1


def test_a_claim_paragraph_is_left_to_its_sweep(tmp_path):
    text = PRINTED + "\nBetter on 9 of 20 seeds.\n<!-- claim: nine-of-twenty -->\n"
    book = book_of({"chapters/09-x.md": text}, tmp_path)
    assert check_numbers(book, []) == []
