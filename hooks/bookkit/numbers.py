"""The numbers a page writes, and whether an output shows them.

The book's rule is that every number its prose states is printed by a tested
snippet on the same page. This module makes the rule checkable: it lists the
numbers written in a page's prose, inline math and figure alt texts
(:func:`written_numbers`), and decides whether a printed output shows one
of them at the precision it is written (:func:`shows`).

What counts as a written number
-------------------------------
Digits in prose and alt texts: ``0.0307``, ``1797``, ``-0.5``, ``30 %``,
``1,000``, ``1e-7``. In inline math, the numbers left once subscripts,
superscripts, ``\\frac``/``\\tfrac`` arguments, ``\\tag``/``\\label`` and
command names are removed (``$\\eta = 0.5$`` writes 0.5; ``$w_1^2$`` and
``$\\tfrac12$`` write nothing), with ``10^{-7}`` read as 1e-7. Display math
holds formulas, not results, and is not read.

Not numbers the page states (skipped):

- code fences, code spans and HTML comments (they are the tested code, or
  instructions to the tools); HTML tags and attribute lists;
- link targets ``[text](target)``, figure names ``figure:...``, bare URLs,
  ``@eq:24`` / ``@eq:label`` references and ``\\tag{..}``;
- citations ``[@nielsen2015, chapter 5]``: the build writes their text, the
  author and the year, from ``docs/references.bib`` (``bookkit.citations``).
  A year typed by hand, ``Nielsen (2015)``, is a number the page states:
  the equation numbers skipped are (1) to (99) and (N.k), not (2015);
- the numbering of headings (``## 6.2 Weight decay``), of ordered list
  items (``3. ``) and of exercises (``**3.2**``), and footnote marks;
- references by number: the number(s) after *chapter(s)*, *exercise(s)*,
  *section(s)*, *lab(s)*, *equation(s)*, *step* ... is a name, not a claim
  (``chapters 2 and 3``, ``exercise 7.3``, ``seed 001``);
- digits inside a word or an identifier (``L2``, ``float64``, ``x1``, ``3D``);
- integers from 0 to 3 written as bare digits (``2 inputs``, ``1/2``,
  ``step 1``, ``0 and 1``): at that size a digit is a count or a constant of
  a definition, and the rule would otherwise be noise. They are read when
  marked as a result: after an approximation (*about*, *roughly*, ``≈``,
  ``~`` ...), before ``%`` or *times*.

Number words (*two*, *eight*, *twenty*, *a hundred* ...) are read only when
marked as a result the same way (*about eight times*, *roughly twenty*,
*three times*): unmarked, *two layers* is structure, not a measurement.

Whether an output shows a written number
----------------------------------------
A number written with ``d`` decimals is shown by a printed value that rounds
to it at ``d`` decimals (half away from zero, with a small tolerance for
binary floats): ``0.0307`` is shown by ``0.030716``, ``4.16`` by ``4.1600``,
``207`` by ``206.57``. The printed value must carry at least the written
precision (``0.30`` is not shown by ``0.3``; an integer is exact, so ``1.0``
is shown by ``1``). Signs are compared by magnitude (prose says *falls by
0.3* of a change printed as ``-0.3``).

*About* changes nothing in the precision: *about 207* is shown by
``206.57``, *about 200* is not (write what is printed, or round in the
snippet). An approximation only marks a small integer or a number word as a
result to be checked (see above).

A percentage (``30 %``, ``30%``, *30 percent*) is shown by a printed
percentage (``30.12``) or a printed fraction (``0.3012``), at the written
precision of the percentage.

The check that uses this module (``tests/test_book_numbers.py``) compares
a page's written numbers with the expected outputs of that page's doctest
snippets, with exact literals of its snippets' code (a parameter the reader
sees set: ``epochs=150``; exact value, never rounded, and not for
approximate numbers), and with an allow-list (``number_allow.toml``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .book import EQREF, Page
from .scan import line_at

# -- how numbers are written -----------------------------------------------

WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a hundred": 100,
    "thousand": 1000,
    "a thousand": 1000,
    "twice": 2,
    "half": 0.5,
}
APPROX_WORDS = r"about|around|roughly|nearly|almost|approximately|near|close to"
APPROX = re.compile(
    rf"(?:\b(?:{APPROX_WORDS})|\u2248|~|\\approx|\\sim|&asymp;)\s*$", re.I
)
AFTER_RESULT = re.compile(
    r"^\s*(?:%|\\%|percent\b|times\b|-fold\b|fold\b|\u00d7)", re.I
)
PERCENT = re.compile(r"^\s*(?:%|\\%|percent\b)", re.I)

# A number in prose: optional sign, digits with optional thousands commas,
# decimals, exponent. Not inside a word (L2, float64) or a dotted name.
DIGITS = re.compile(
    r"(?<![\w.@/#:-])(?<![\w.]-)"
    r"(?P<sign>[-\u2212+])?(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?)"
    r"(?![\w]|\.\d)"
)
WORD_NUMBER = re.compile(
    r"\b(?P<word>" + "|".join(sorted(WORDS, key=len, reverse=True)) + r")\b",
    re.I,
)
REFERENCE = re.compile(
    r"\b(?:chapters?|exercises?|sections?|labs?|equations?|eqs?\.?|figures?|"
    r"seeds?|steps?|parts?|items?|issues?|lines?|rows?|columns?|cells?|"
    r"layers?|epochs?)\s+$",
    re.I,
)
REFERENCE_TAIL = re.compile(r"^\s*(?:,|and|or|to|-|\u2013|\u2014)\s*$", re.I)

# Pieces of prose that are not prose.
SKIP_PROSE = re.compile(
    r"""
    !\[[^\]]*\]\((?P<imgtarget>[^)]*)\)      # (alt text kept; see below)
  | \]\([^)\s]*(?:\s+"[^"]*")?\)             # a link target
  | <[^>\n]+>                                 # an HTML tag
  | \{[^{}\n]*[.#][^{}\n]*\}                  # an attribute list
  | https?://\S+                              # a bare URL
  | figure:[\w-]+
  | \[\^[^\]]*\]                              # a footnote mark
  | ^[ \t]*\#{1,6}[ \t]+[\d.]+                # a heading's numbering
  | ^[ \t]*\d+[.)][ \t]                       # an ordered list item
  | \*\*\d+(?:\.\d+)*\.?\*\*                  # an exercise number
  | \[\d+\.[ \t]                             # a chapter's number in a link text
  | \(\d{1,2}(?:\.\d+)?\)                      # an equation number: (24), (4.3)
  | \[@[A-Za-z][^\]\n]*\]                     # a citation, [@key, chapter 5]
  | &\#?\w+;                                  # an HTML entity
    """,
    re.VERBOSE | re.MULTILINE,
)
ALT = re.compile(r"!\[(?P<alt>[^\]]*)\]\(")


@dataclass(frozen=True)
class Written:
    """A number as a page writes it."""

    text: str  # as written: "0.0307", "30 %", "eight"
    value: float
    decimals: int  # digits after the decimal point as written
    line: int
    where: str  # "prose", "math" or "alt"
    context: str  # the line it is on, shortened
    approx: bool = False  # after about, roughly, \u2248 ...
    percent: bool = False
    word: bool = False

    def __str__(self) -> str:
        return self.text


def _parse(num: str) -> tuple[float, int]:
    plain = num.replace(",", "")
    mantissa = re.split(r"[eE]", plain)[0]
    decimals = len(mantissa.split(".")[1]) if "." in mantissa else 0
    if re.search(r"[eE]", plain):
        exp = int(re.split(r"[eE]", plain)[1])
        decimals = max(0, decimals - exp)
    return float(plain), decimals


def _blank(text: str, pattern: re.Pattern, keep_alt: bool = True) -> str:
    """Replace each match by spaces (newlines kept), so offsets stay."""

    def sub(m: re.Match) -> str:
        s = m.group(0)
        if keep_alt and m.groupdict().get("imgtarget") is not None:
            # keep "![alt](" as is, blank only the target
            head = s[: s.index("](") + 2]
            return head + re.sub(r"[^\n]", " ", s[len(head) :])
        return re.sub(r"[^\n]", " ", s)

    return pattern.sub(sub, text)


def _context(text: str, start: int, end: int) -> str:
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    b = len(text) if b < 0 else b
    line = " ".join(text[a:b].split())
    return line if len(line) <= 100 else line[:97] + "..."


def _alt_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in ALT.finditer(text):
        spans.append((m.start("alt"), m.end("alt")))
    return spans


def _marks(before: str, after: str) -> tuple[bool, bool, bool]:
    """(approx, percent, result-marked) from the text around a number."""
    approx = bool(APPROX.search(before[-40:]))
    percent = bool(PERCENT.match(after))
    marked = approx or bool(AFTER_RESULT.match(after))
    return approx, percent, marked


def _prose_numbers(
    text: str, first_line: int, all_words: bool = False
) -> list[Written]:
    """Numbers in one stretch of prose (already blanked of non-prose)."""
    found: list[Written] = []
    alts = _alt_spans(text)

    def where_of(pos: int) -> str:
        return "alt" if any(a <= pos < b for a, b in alts) else "prose"

    def line_of(pos: int) -> int:
        return first_line + text.count("\n", 0, pos)

    for m in DIGITS.finditer(text):
        before, after = text[: m.start()], text[m.end() :]
        if REFERENCE.search(before[-30:]) or _is_reference_tail(before):
            continue
        approx, percent, marked = _marks(before, after)
        value, decimals = _parse(m["num"])
        if m["sign"] in ("-", "\u2212"):
            value = -value
        if (
            not marked
            and decimals == 0
            and "e" not in m["num"].lower()
            and 0 <= abs(value) <= 3
        ):
            continue
        if m["sign"] == "-" and before[-1:].isalnum():
            continue  # a range "1-3" or a compound: the dash is not a sign
        shown = m.group(0).strip()
        if percent:
            shown += " %"
        found.append(
            Written(
                text=shown,
                value=value,
                decimals=decimals,
                line=line_of(m.start()),
                where=where_of(m.start()),
                context=_context(text, m.start(), m.end()),
                approx=approx,
                percent=percent,
            )
        )
    for m in WORD_NUMBER.finditer(text):
        before, after = text[: m.start()], text[m.end() :]
        approx, percent, marked = _marks(before, after)
        if not (marked or all_words):
            continue
        word = m["word"].lower()
        value = WORDS[word]
        found.append(
            Written(
                text=m["word"],
                value=float(value),
                decimals=0 if value >= 1 else 1,
                line=line_of(m.start()),
                where=where_of(m.start()),
                context=_context(text, m.start(), m.end()),
                approx=approx,
                percent=percent,
                word=True,
            )
        )
    return found


def _is_reference_tail(before: str) -> bool:
    """``chapters 2 and 3``: the 3 follows a reference list."""
    m = re.search(
        r"\b(?:chapters?|exercises?|sections?|labs?|equations?|seeds?|steps?)"
        r"\s+[\d.]+(?:\s*(?:,|and|or|to|-|\u2013|\u2014)\s*[\d.]+)*\s*(?:,|and|or|to|-|\u2013|\u2014)\s*$",
        before[-60:],
        re.I,
    )
    return bool(m)


# -- math ------------------------------------------------------------------

MATH_SCI = re.compile(
    r"(?:(?P<mant>\d+(?:\.\d+)?)\s*(?:\\times|\\cdot)\s*)?10\s*\^\s*\{\s*(?P<exp>[-\u2212]?\d+)\s*\}"
)
MATH_DROP = re.compile(
    r"\\(?:tag|label|text|mathrm|operatorname|mathbf|mathcal)\*?\{[^{}]*\}"
    r"|\\[dt]?frac\s*\d\s*\d"  # \tfrac12
    r"|\\[dt]?frac\s*\{[^{}]*\}\s*\{[^{}]*\}"
    r"|[_^]\s*\{(?:[^{}]|\{[^{}]*\})*\}"
    r"|[_^]\s*\\?\w"
    r"|\\[A-Za-z]+"
)
MATH_NUMBER = re.compile(
    r"(?<![\w.])(?P<sign>-)?(?P<num>\d+(?:\.\d+)?(?:,\d{3})*)(?![\w])"
)


def _math_numbers(tok, page_text_line: int) -> list[Written]:
    body = tok.body.replace("{,}", ",")
    found: list[Written] = []
    context = " ".join(tok.text.split())
    context = context if len(context) <= 100 else context[:97] + "..."

    def sci(m: re.Match) -> str:
        mant = float(m["mant"]) if m["mant"] else 1.0
        exp = int(m["exp"].replace("\u2212", "-"))
        value = mant * 10.0**exp
        decimals = max(
            0,
            -exp
            + (len(m["mant"].split(".")[1]) if m["mant"] and "." in m["mant"] else 0),
        )
        before = body[: m.start()]
        approx = bool(APPROX.search(before[-40:]))
        found.append(
            Written(
                text=m.group(0),
                value=value,
                decimals=decimals,
                line=line_at(tok, 1 + m.start()),
                where="math",
                context=context,
                approx=approx,
            )
        )
        return " " * len(m.group(0))

    rest = MATH_SCI.sub(sci, body)
    rest = MATH_DROP.sub(lambda m: " " * len(m.group(0)), rest)
    for m in MATH_NUMBER.finditer(rest):
        before, after = rest[: m.start()], rest[m.end() :]
        approx, percent, marked = _marks(before, after)
        value, decimals = _parse(m["num"])
        if not marked and decimals == 0 and value <= 3:
            continue
        if (
            m["sign"]
            and not before.rstrip().endswith(("=", "(", ","))
            and before.strip()
        ):
            sign = 1.0  # "1 - 0.2": a minus between terms, not a sign
        else:
            sign = -1.0 if m["sign"] else 1.0
        found.append(
            Written(
                text=m["num"],
                value=sign * value,
                decimals=decimals,
                line=line_at(tok, 1 + m.start()),
                where="math",
                context=context,
                approx=approx,
                percent=percent,
            )
        )
    return found


# -- a page -----------------------------------------------------------------


def prose_numbers(text: str, first_line: int = 1) -> list[Written]:
    """The numbers written in a stretch of plain prose (no code, no math).

    Used for a lab's Markdown cells and for claim paragraphs after the
    caller has removed code spans and math.
    """
    clean = _blank(EQREF.sub(lambda m: " " * len(m.group(0)), text), SKIP_PROSE)
    return _prose_numbers(clean, first_line)


def written_numbers(
    page: Page, start: int = 0, end: int | None = None, all_words: bool = False
) -> list[Written]:
    """Every number ``page`` writes in prose, inline math and alt texts.

    ``start``/``end`` (offsets in ``page.text``) limit the search to part
    of the page, e.g. one paragraph. ``all_words`` reads number words even
    when no *about* or *times* marks them (the labs' rule).
    """
    end = len(page.text) if end is None else end
    found: list[Written] = []
    for tok in page.tokens:
        if tok.end <= start or tok.start >= end:
            continue
        if tok.kind == "text":
            a, b = max(start, tok.start) - tok.start, min(end, tok.end) - tok.start
            # Blank the whole token then cut, so multi-line patterns see lines.
            text = EQREF.sub(lambda m: " " * len(m.group(0)), tok.text)
            text = _blank(text, SKIP_PROSE)
            text = re.sub(r"[^\n]", " ", text[:a]) + text[a:b]
            found.extend(_prose_numbers(text, tok.line, all_words))
        elif tok.kind == "math" and not tok.display:
            found.extend(_math_numbers(tok, tok.line))
    return found


# -- outputs ---------------------------------------------------------------

OUTPUT_NUMBER = re.compile(
    r"(?<![\w.])[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?(?![\w])"
)


@dataclass(frozen=True)
class Printed:
    """A number as an output prints it."""

    text: str
    value: float
    decimals: int  # digits it carries after the point; integers exact


def printed_numbers(output: str) -> list[Printed]:
    """The numbers in an output string: scalars, tuples, arrays, text."""
    found = []
    for m in OUTPUT_NUMBER.finditer(output):
        s = m.group(0)
        try:
            value = float(s)
        except ValueError:
            continue
        mant = re.split(r"[eE]", s)[0]
        decimals = len(mant.split(".")[1]) if "." in mant else 0
        if re.search(r"[eE]", s):
            decimals = max(0, decimals - int(re.split(r"[eE]", s)[1]))
        exact = "." not in mant and not re.search(r"[eE]-", s)
        found.append(Printed(s, value, 10**6 if exact else decimals))
    return found


def _rounds_to(value: float, target: float, decimals: int) -> bool:
    """Does ``value`` round to ``target`` at ``decimals`` (magnitudes)?"""
    step = 10.0 ** (-decimals)
    tol = step * 1e-9 + abs(target) * 1e-12
    return abs(abs(value) - abs(target)) <= step / 2 + tol


def shows(written: Written, printed: Printed | str) -> bool:
    """Does an output (one printed number, or a whole output string) show ``written``?"""
    if isinstance(printed, str):
        return any(shows(written, p) for p in printed_numbers(printed))
    candidates = [printed.value]
    if written.percent:
        candidates.append(printed.value * 100)
    for i, value in enumerate(candidates):
        carried = printed.decimals - (2 if i == 1 else 0)
        if carried < written.decimals and printed.decimals < 10**6:
            continue
        if _rounds_to(value, written.value, written.decimals):
            return True
    return False


def _examples(source: str) -> list[str]:
    """The Python source of each example of a snippet (prompts removed)."""
    lines = source.splitlines()
    if not any(ln.lstrip().startswith(">>>") for ln in lines):
        return ["\n".join(ln for ln in lines if not ln.lstrip().startswith("```"))]
    examples: list[list[str]] = []
    for line in lines:
        s = line.strip()
        if s.startswith(">>>"):
            examples.append([s[4:]])
        elif s.startswith("...") and examples:
            examples[-1].append(s[4:])
    return ["\n".join(e) for e in examples]


def code_literals(source: str) -> dict[float, bool]:
    """The settings a snippet's code states: literals given as values.

    A literal counts when it is the value of an assignment or a keyword
    argument (``eta = 0.5``, ``epochs=150``), a positional argument
    (``rng.normal(0, 0.05)``) or an element of a list or tuple
    (``Network([64, 30, 10])``); not an operand (``W / 4``), an index, a
    comparison, the digits given to ``round`` or a line that only sets the
    print options. Returns ``{value: named}``, ``named`` when some
    occurrence is an assignment's or keyword's value.
    """
    import ast

    out: dict[float, bool] = {}

    def add(node, named: bool = False) -> None:
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            node = node.operand
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            if not isinstance(node.value, bool):
                value = float(node.value)
                out[value] = out.get(value, False) or named

    for example in _examples(source):
        if "set_printoptions" in example:
            continue
        try:
            tree = ast.parse(example)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
                if node.value is not None:
                    add(node.value, named=True)
            elif isinstance(node, ast.keyword):
                add(node.value, named=True)
            elif isinstance(node, (ast.List, ast.Tuple, ast.Set)):
                for elt in node.elts:
                    add(elt)
            elif isinstance(node, ast.Call):
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                args = node.args[:1] if name == "round" else node.args
                for arg in args:
                    add(arg)
    return out


def is_literal(written: Written, literals: dict[float, bool]) -> bool:
    """Is ``written`` a setting of the page's code, stated exactly?

    Never for an approximate number or a percentage. An integer up to 10
    must be a named setting (``batch_size=10``): small integers occur in
    code for many reasons (``W / 4``, a list of sizes), and a match by
    coincidence would let a hand-computed count pass.
    """
    if written.approx or written.percent:
        return False
    small = written.decimals == 0 and abs(written.value) <= 10
    return any(
        math.isclose(abs(written.value), abs(v), rel_tol=1e-12) and (named or not small)
        for v, named in literals.items()
    )


def doctest_outputs(source: str) -> list[str]:
    """The expected outputs of a doctest snippet (the lines after each prompt)."""
    outputs, current = [], []
    in_example = False
    for line in source.splitlines():
        s = line.strip()
        if s.startswith(">>>"):
            if current:
                outputs.append("\n".join(current))
            current, in_example = [], True
        elif s.startswith("...") and in_example and not current:
            continue
        elif s.startswith("```"):
            continue
        elif in_example and s:
            current.append(line)
        elif not s and current:
            outputs.append("\n".join(current))
            current, in_example = [], False
    if current:
        outputs.append("\n".join(current))
    return outputs


# -- the check: every number a page writes, shown on that page -------------

ALLOW_FILE = "number_allow.toml"


@dataclass(frozen=True)
class Allowed:
    page: str  # src relative to docs/
    number: str  # as written, e.g. "45" or "1/2" is written "2"
    reason: str
    line: int  # in the allow-list file


def load_allow(path) -> list[Allowed]:
    """The allow-list: ``[[allow]]`` tables with page, number and reason."""
    import tomllib
    from pathlib import Path

    path = Path(path)
    if not path.is_file():
        return []
    text = path.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    out, lines = (
        [],
        [i + 1 for i, ln in enumerate(text.splitlines()) if ln.strip() == "[[allow]]"],
    )
    for i, entry in enumerate(data.get("allow", [])):
        missing = {"page", "number", "reason"} - set(entry)
        if missing or not str(entry.get("reason", "")).strip():
            raise ValueError(
                f"{path.name}:{lines[i] if i < len(lines) else '?'}: an allow entry "
                "needs page, number and a reason"
            )
        out.append(
            Allowed(entry["page"], str(entry["number"]), entry["reason"], lines[i])
        )
    return out


def _bare(text: str) -> str:
    return re.sub(r"[\s%]|^[+\-\u2212]", "", text).replace(",", "")


def page_evidence(page: Page, facts: list[str] | None = None):
    """(printed numbers, code literals) of a page's ``python`` snippets."""
    printed: list[Printed] = []
    literals: dict[float, bool] = {}
    for tok in page.fences():
        if tok.info != "python":
            continue
        for output in doctest_outputs(tok.text):
            printed.extend(printed_numbers(output))
        for value, named in code_literals(tok.text).items():
            literals[value] = literals.get(value, False) or named
    for fact in facts or []:
        printed.extend(printed_numbers(fact))
    return printed, literals


def unshown_numbers(
    page: Page,
    skip: list[tuple[int, int]] = (),
    facts: list[str] | None = None,
) -> list[Written]:
    """The numbers ``page`` writes that none of its outputs or settings show.

    ``skip`` holds (start, end) offsets of paragraphs checked elsewhere (a
    claim marker's paragraph is compared with its sweep's summary).
    ``facts`` are extra printed strings (a figure's facts, for alt texts).
    """
    printed, literals = page_evidence(page, facts)
    out = []
    for w in written_numbers(page):
        offset = _offset_of_line(page.text, w.line)
        if any(a <= offset < b for a, b in skip):
            continue
        if any(shows(w, p) for p in printed) or is_literal(w, literals):
            continue
        out.append(w)
    return out


def _offset_of_line(text: str, line: int) -> int:
    pos = 0
    for _ in range(line - 1):
        pos = text.index("\n", pos) + 1
    return pos


def check_numbers(book, allow: list[Allowed], allow_name: str = ALLOW_FILE, facts=None):
    """Every number of every chapter, the home page and the notation page,
    shown on its page; every allow entry still needed.

    ``facts`` maps a figure's name to its facts (``bookkit.figfacts``): a
    number in that figure's alt text is shown when one of its facts shows
    it, as ``figfacts.check_alt_texts`` requires. Returns a list of
    :class:`bookkit.BookError`.
    """
    alt_facts: dict[tuple[str, int], list[Printed]] = {}
    if facts:
        from .figfacts import fact_values

        for page, line, name, alt in book.figure_refs():
            if name in facts:
                values = [Printed(repr(v), v, 10**6) for v in fact_values(facts[name])]
                for k in range(alt.count("\n") + 1):
                    alt_facts[(page.src, line + k)] = values
    from . import BookError
    from .claims import markers

    found, _ = markers(book)
    skip: dict[str, list[tuple[int, int]]] = {}
    for marker in found:
        skip.setdefault(marker.page.src, []).append((marker.start, marker.end))
    used: set[Allowed] = set()
    errors = []
    for src, page in book.pages.items():
        if not checked_page(src):
            continue
        for w in unshown_numbers(page, skip.get(src, [])):
            if w.where == "alt" and any(
                shows(w, p) for p in alt_facts.get((src, w.line), [])
            ):
                continue
            entry = next(
                (
                    a
                    for a in allow
                    if a.page == src and _bare(a.number) == _bare(w.text)
                ),
                None,
            )
            if entry is not None:
                used.add(entry)
                continue
            errors.append(
                page.error(
                    w.line,
                    f"{w.text!r} ({w.where}) is shown by no output on this page: "
                    f"print it in a snippet, or allow it in {allow_name} with a "
                    f"reason [{w.context}]",
                )
            )
    for entry in allow:
        if entry not in used:
            errors.append(
                BookError(
                    f"hooks/bookkit/{allow_name}",
                    entry.line,
                    f"allow entry {entry.number!r} on docs/{entry.page} is not "
                    "needed (no unshown number like it there): remove it",
                )
            )
    return errors


def checked_page(src: str) -> bool:
    """The pages whose numbers are checked: the chapters, home and notation."""
    return src.startswith("chapters/") or src in ("index.md", "notation.md")
