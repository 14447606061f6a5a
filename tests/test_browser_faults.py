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
FAULTS = {
    # page: (gate, what to insert after the page's title, what the gate says)
    CH("02-gradient-and-steepest-descent"): (
        "math",
        r"<p>A formula KaTeX never saw: $\frac{1}{2} w^2$.</p>",
        r"raw TeX shows as text",
    ),
    "notation.html": (
        "math",
        '<span class="katex-error" title="ParseError: Expected \'}\'">x^{2</span>',
        "KaTeX error: ParseError",
    ),
    CH("03-batch-stochastic-mini-batch"): (
        "requests",
        '<script src="https://cdn.example.com/track.js"></script>',
        "requests https://cdn.example.com/track.js, which is off the site",
    ),
    CH("04-neural-networks-and-backpropagation"): (
        "scripts",
        "<script>gdbookNoSuchFunction();</script>",
        "script error: ReferenceError: gdbookNoSuchFunction is not defined",
    ),
    CH("05-cross-entropy"): (
        "figures",
        '<img src="../figures/error_bowl.svg">',
        "image ../figures/error_bowl.svg has no alt text",
    ),
    CH("06-l2-regularization"): (
        "axe",
        '<p style="color: #c4c4c4">Pale grey words on white.</p>',
        "(light mode): color-contrast",
    ),
    CH("07-putting-it-together"): (
        "dark mode",
        "<style>.md-typeset img.gdb-figure { background: none; }</style>",
        "not on white (black lines on a dark page)",
    ),
}
# What else a fault rightly trips: the console logs the blocked request, and
# the bare image is not on the white figure background in dark mode and axe
# reports its missing alt too.
SIDE_EFFECTS = {
    CH("03-batch-stochastic-mini-batch"): {"scripts"},
    CH("05-cross-entropy"): {"dark mode", "axe"},  # axe: image-alt as well
}
# The copy button of every page copies the prompts and outputs too.
BROKEN_COPY = "\ngdbookRunnableCode = (text) => text;\n"
COPY_PAGE = CH("01-sum-of-squared-errors")


@pytest.fixture(scope="module")
def faulty(site: Path, tmp_path_factory) -> Path:
    """A copy of the built site with the faults above injected."""
    faulty = tmp_path_factory.mktemp("faulty") / "site"
    shutil.copytree(site, faulty)
    assert (faulty / "figures" / "error_bowl.svg").exists()
    for page, (_, fault, _) in FAULTS.items():
        html = faulty / page
        text = html.read_text()
        at = text.index("</h1>") + len("</h1>")
        html.write_text(text[:at] + fault + text[at:])
    with (faulty / "assets" / "gdbook.js").open("a") as js:
        js.write(BROKEN_COPY)
    return faulty


@pytest.fixture(scope="module")
def found(faulty: Path) -> dict[str, list[str]]:
    return browser_gate.problems(browser_gate.run(faulty, [COPY_PAGE, *FAULTS]))


@pytest.mark.parametrize("page", FAULTS)
def test_each_fault_is_named_with_its_page(found, page):
    gate, _, says = FAULTS[page]
    hits = [m for m in found[gate] if m.startswith(f"{page}") and says in m]
    assert hits, f"{gate} did not report {says!r} on {page}: {found[gate]}"


def test_a_broken_copy_button_is_named(found):
    copy = [m for m in found["copy"] if m.startswith(COPY_PAGE)]
    assert f"{COPY_PAGE}: copy button 1 copies the prompt '>>>'" in "\n".join(copy)
    assert any("fails when the page's snippets are pasted" in m for m in copy), copy


def test_pages_without_injected_faults_stay_clean(found):
    """Faults land only where injected: the gate does not smear them."""
    for gate, messages in found.items():
        for m in messages:
            page = m.split(":")[0].split(" (")[0]
            expected = {"copy", FAULTS[page][0]} if page in FAULTS else {"copy"}
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
