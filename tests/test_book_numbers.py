"""The numbers a page writes, and whether an output shows them (bookkit.numbers)."""

from __future__ import annotations

import pytest
from bookkit.book import Page
from bookkit.numbers import (
    code_literals,
    doctest_outputs,
    is_literal,
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
