"""Self-test of the browser gate: inject one fault per gate, see it named.

A copy of the built site gets one fault on each of a few chapter pages; the
gate is run on those pages and must report each fault in the right group,
naming the page and the reason. Lighthouse, run on the low-contrast page,
must lose its perfect accessibility score and say why.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import browser_gate
import pytest
from bookkit.server import serve

CH = "chapters/{}.html".format
FAULTS = [
    # (page, gate, what to insert after the page's title, what the gate says)
    (
        CH("02-gradient-and-steepest-descent"),
        "math",
        r"<p>A formula KaTeX never saw: $\frac{1}{2} w^2$.</p>",
        r"raw TeX shows as text",
    ),
    (
        "notation.html",
        "math",
        '<span class="katex-error" title="ParseError: Expected \'}\'">x^{2</span>',
        "KaTeX error: ParseError",
    ),
    (
        CH("03-batch-stochastic-mini-batch"),
        "requests",
        '<script src="https://cdn.example.com/track.js"></script>',
        "requests https://cdn.example.com/track.js, which is off the site",
    ),
    (
        CH("03-batch-stochastic-mini-batch"),
        "requests",
        '<link rel="stylesheet" href="../assets/no-such-style.css">',
        "/assets/no-such-style.css failed to load",
    ),
    (
        CH("04-neural-networks-and-backpropagation"),
        "scripts",
        "<script>gdbookNoSuchFunction();</script>",
        "script error: ReferenceError: gdbookNoSuchFunction is not defined",
    ),
    (
        CH("05-cross-entropy"),
        "figures",
        '<img src="../figures/error_bowl.svg">',
        "image ../figures/error_bowl.svg has no alt text",
    ),
    (
        CH("05-cross-entropy"),
        "figures",
        '<img class="gdb-figure" src="../figures/no_such_figure.svg" '
        'alt="A figure the build never drew">',
        "image ../figures/no_such_figure.svg did not load",
    ),
    (
        CH("06-l2-regularization"),
        "axe",
        '<p style="color: #c4c4c4">Pale grey words on white.</p>',
        "(light mode): color-contrast",
    ),
    (
        CH("07-putting-it-together"),
        "dark mode",
        "<style>.md-typeset img.gdb-figure { background: none; }</style>",
        "not on white (black lines on a dark page)",
    ),
]
# Faults made other than by inserting HTML after the title (see ``faulty``):
# the KaTeX fonts of one page point at files that are not there; the first
# embedded source block of chapter 1 shows a line the package does not have.
NO_FONTS_PAGE = "notation.html"
SOURCE_PAGE = CH("01-sum-of-squared-errors")
MADE = [
    (NO_FONTS_PAGE, "math", "KaTeX fonts did not load"),
    (SOURCE_PAGE, "copy", "does not copy src/gdbook/"),
]
PLANTED_LINE = "# a line the package does not have\n"
# What else a fault rightly trips: a blocked or failed request is logged on
# the console, a failed one is also a failed request; the bare image is not
# on the white figure background in dark mode and axe reports its missing alt.
SIDE_EFFECTS = {
    CH("03-batch-stochastic-mini-batch"): {"scripts"},
    CH("05-cross-entropy"): {"dark mode", "axe", "requests", "scripts"},
    NO_FONTS_PAGE: {"requests", "scripts"},
}
# The copy button of every page copies the prompts and outputs too.
BROKEN_COPY = "\ngdbookRunnableCode = (text) => text;\n"
COPY_PAGE = CH("01-sum-of-squared-errors")
PAGES = sorted({COPY_PAGE, NO_FONTS_PAGE, SOURCE_PAGE} | {f[0] for f in FAULTS})


@pytest.fixture(scope="module")
def faulty(site: Path, tmp_path_factory) -> Path:
    """A copy of the built site with the faults above injected."""
    faulty = tmp_path_factory.mktemp("faulty") / "site"
    shutil.copytree(site, faulty)
    assert (faulty / "figures" / "error_bowl.svg").exists()
    for page, _, fault, _ in FAULTS:
        html = faulty / page
        text = html.read_text()
        at = text.index("</h1>") + len("</h1>")
        html.write_text(text[:at] + fault + text[at:])
    with (faulty / "assets" / "gdbook.js").open("a") as js:
        js.write(BROKEN_COPY)
    # KaTeX's stylesheet, for one page, with its fonts where there are none.
    katex = faulty / "assets" / "katex"
    css = (katex / "katex.min.css").read_text()
    assert "url(fonts/" in css
    (katex / "katex-no-fonts.css").write_text(
        css.replace("url(fonts/", "url(no-fonts/")
    )
    html = faulty / NO_FONTS_PAGE
    text = html.read_text()
    assert text.count("assets/katex/katex.min.css") == 1
    html.write_text(
        text.replace("assets/katex/katex.min.css", "assets/katex/katex-no-fonts.css")
    )
    # A line in the first source block of a page that embeds the package.
    html = faulty / SOURCE_PAGE
    text = html.read_text()
    at = text.index("<code>", text.index('<td class="code">')) + len("<code>")
    html.write_text(text[:at] + PLANTED_LINE + text[at:])
    return faulty


@pytest.fixture(scope="module")
def found(faulty: Path) -> dict[str, list[str]]:
    return browser_gate.problems(browser_gate.run(faulty, PAGES))


@pytest.mark.parametrize(
    ("page", "gate", "says"),
    [(p, g, s) for p, g, _, s in FAULTS] + MADE,
    ids=lambda v: v if "/" in v or v.endswith(".html") else "",
)
def test_each_fault_is_named_with_its_page(found, page, gate, says):
    hits = [m for m in found[gate] if m.startswith(f"{page}") and says in m]
    assert hits, f"{gate} did not report {says!r} on {page}: {found[gate]}"


def test_only_the_changed_source_block_is_reported(found):
    """The source check compares with the package: untouched pages agree."""
    differ = [m for m in found["copy"] if "as it is in the package" in m]
    assert len(differ) == 1 and differ[0].startswith(SOURCE_PAGE), differ


def test_a_broken_copy_button_is_named(found):
    copy = [m for m in found["copy"] if m.startswith(COPY_PAGE)]
    assert f"{COPY_PAGE}: copy button 1 copies the prompt '>>>'" in "\n".join(copy)
    assert any("fails when the page's snippets are pasted" in m for m in copy), copy


def test_pages_without_injected_faults_stay_clean(found):
    """Faults land only where injected: the gate does not smear them."""
    for gate, messages in found.items():
        for m in messages:
            page = m.split(":")[0].split(" (")[0]
            expected = {"copy"} | {g for p, g, *_ in FAULTS + MADE if p == page}
            expected |= SIDE_EFFECTS.get(page, set())
            assert gate in expected, m


def test_lighthouse_names_the_low_contrast_page(faulty: Path):
    page = CH("06-l2-regularization")
    with serve(faulty) as base:
        result = browser_gate.lighthouse(f"{base}/{page}")
    problems = browser_gate.lighthouse_problems(page, result)
    assert any(
        p.startswith(f"{page}: Lighthouse accessibility") and "color-contrast" in p
        for p in problems
    ), problems
