"""Self-test of the browser gate: inject one fault per gate, see it named.

A copy of the built site gets one fault on each of a few pages; the gate is
run on those pages and must report each fault in the right group, naming the
page and the reason. The faults go on the lightest pages that have what a
fault needs (typeset math, equation links, a source listing): the gate
checks every page alike, and on the chapters, whose typeset math is most of
the book's DOM, it would take minutes more to say the same. Lighthouse, run on the low-contrast page,
must lose its perfect accessibility score and say why.

The interactive gate is tried on small figures of our own (``FIGURE_JS`` and
``figure``), placed at the end of a page's article so they start below the
fold: a control that does not redraw, a control that throws, a control with
no name, a figure that never says it is ready, one drawn at load, one wider
than a phone, and one with no fault, which must pass with every control
operated.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import browser_gate
import pytest
from bookkit.server import serve

CH = "chapters/{}.html".format
LAB = "labs/{}.html".format
REF = "reference/{}.html".format
LOW_CONTRAST_PAGE = LAB("03-batch-size-and-noise")
FAULTS = [
    # (page, gate, what to insert after the page's title, what the gate says)
    (
        REF("index"),
        "math",
        r"<p>A formula KaTeX never saw: $\frac{1}{2} w^2$.</p>",
        r"raw TeX shows as text",
    ),
    (
        LAB("02-tune-the-learning-rate"),
        "math",
        '<span class="katex-error" title="ParseError: Expected \'}\'">x^{2</span>',
        "KaTeX error: ParseError",
    ),
    (
        "references.html",
        "requests",
        '<script src="https://cdn.example.com/track.js"></script>',
        "requests https://cdn.example.com/track.js, which is off the site",
    ),
    (
        "references.html",
        "requests",
        '<link rel="stylesheet" href="../assets/no-such-style.css">',
        "/assets/no-such-style.css failed to load",
    ),
    (
        REF("figures"),
        "scripts",
        "<script>gdbookNoSuchFunction();</script>",
        "script error: ReferenceError: gdbookNoSuchFunction is not defined",
    ),
    (
        LAB("07-digits-hidden-layer"),
        "figures",
        '<img src="../figures/error_bowl.svg">',
        # Material's instant navigation makes the src absolute: match its end.
        "figures/error_bowl.svg has no alt text",
    ),
    (
        LAB("07-digits-hidden-layer"),
        "figures",
        '<img class="gdb-figure" src="../figures/no_such_figure.svg" '
        'alt="A figure the build never drew">',
        "figures/no_such_figure.svg did not load",
    ),
    (
        LOW_CONTRAST_PAGE,
        "axe",
        '<p style="color: #c4c4c4">Pale grey words on white.</p>',
        "(light mode): color-contrast",
    ),
    (
        LAB("04-break-backprop"),
        "previews",
        "<style>.gdb-preview { display: none !important; }</style>",
        "does not show when the link has the focus",
    ),
    (
        LAB("06-regularization-sweep"),
        "dark mode",
        # A chapter's figure, with the style that takes its white away.
        "<style>.md-typeset img.gdb-figure { background: none; }</style>"
        '<img class="gdb-figure" src="../figures/error_bowl.svg" '
        'alt="The error surface as a bowl">',
        "not on white (black lines on a dark page)",
    ),
]
# Faults made other than by inserting HTML after the title (see ``faulty``):
# the KaTeX fonts of one page point at files that are not there; the first
# embedded source block of chapter 1 shows a line the package does not have.
NO_FONTS_PAGE = LAB("05-learning-slowdown")
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
    "references.html": {"scripts"},
    LAB("07-digits-hidden-layer"): {"dark mode", "axe", "requests", "scripts"},
    NO_FONTS_PAGE: {"requests", "scripts"},
}
# The copy button of every page copies the prompts and outputs too.
BROKEN_COPY = "\ngdbookRunnableCode = (text) => text;\n"
COPY_PAGE = CH("01-sum-of-squared-errors")

# A small interactive figure that follows the contract of issue 14 (lazy
# set-up, data-gdb-ready, data-gdb-draws), except for the fault its root's
# data-fault names.
FIGURE_JS = """\
"use strict";
(() => {
  function setUp(root) {
    const fault = root.dataset.fault || "";
    const svg = root.querySelector("svg");
    const out = root.querySelector("output");
    const q = (name) => root.querySelector(`[data-gdb-control=${name}]`);
    let steps = 0;
    function draw() {
      const width = Number(q("width").value);
      const fill = q("shade").checked ? "#1a237e" : "#3949ab";
      const colour = q("colour").value;
      svg.innerHTML = `<rect x="0" y="0" width="${width * 10}" height="20" fill="${fill}"></rect>`
        + `<circle cx="${5 + steps * 5}" cy="10" r="4" fill="${colour === "green" ? "#1b5e20" : "#0d47a1"}"></circle>`;
      svg.setAttribute("aria-label", `A bar ${width} wide, ${colour}, ${steps} steps`);
      out.textContent = String(width);
      root.dataset.gdbDraws = String(Number(root.dataset.gdbDraws || 0) + 1);
      if (fault !== "never-ready") root.dataset.gdbReady = "1";
    }
    q("width").addEventListener("input", () => { if (fault !== "dead") draw(); });
    q("shade").addEventListener("change", draw);
    q("colour").addEventListener("change", draw);
    q("step").addEventListener("click", () => { steps += 1; draw(); });
    const boom = q("boom");
    if (boom) boom.addEventListener("click", () => { throw new Error("gdbook fault figure: boom"); });
    draw();
  }
  for (const root of document.querySelectorAll(".gdb-interactive[data-fault]")) {
    if (root.dataset.fault === "eager") { setUp(root); continue; }
    const seen = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) { seen.disconnect(); setUp(root); }
    }, { rootMargin: "300px" });
    seen.observe(root);
  }
})();
"""


def figure(slug: str, fault: str, controls: str = "", after: str = "") -> str:
    """The markup of one test figure: a range, a checkbox, a select, a button."""
    return f"""
<div class="gdb-interactive" data-gdb-interactive="{slug}" data-fault="{fault}">
<svg data-gdb-plot role="img" aria-label="A bar" viewBox="0 0 100 20" width="100%" height="40"></svg>
<p><label>Width <input type="range" data-gdb-control="width" min="1" max="10" step="1" value="10"></label>
<label><input type="checkbox" data-gdb-control="shade"> Shade</label>
<label>Colour <select data-gdb-control="colour"><option>blue</option><option>green</option></select></label>
<button type="button" data-gdb-control="step">Step</button>{controls}</p>
<p>Width <output>10</output></p>{after}
<script src="../assets/gdb-fault-figure.js" defer></script>
</div>"""


CLEAN_FIGURE_PAGE = CH("01-sum-of-squared-errors")
INTERACTIVE = [
    # (page, what to insert at the end of its article, what the gate says)
    (
        REF("surfaces"),
        figure(
            "fault-dead",
            "dead",
            '\n<button type="button" data-gdb-control="boom">Boom</button>'
            '\n<input type="range" data-gdb-control="nameless" min="0" max="1" value="0">',
        ),
        [
            "control width of fault-dead did not redraw when ArrowLeft was pressed",
            "control boom of fault-dead raised: Error: gdbook fault figure: boom",
            "control nameless of fault-dead has no accessible name",
        ],
    ),
    (
        REF("datasets"),
        figure("fault-never-ready", "never-ready"),
        ["figure fault-never-ready did not initialise"],
    ),
    (
        REF("schedules"),
        figure("fault-eager", "eager"),
        ["figure fault-eager was drawn at load"],
    ),
    (
        REF("activations"),
        figure(
            "fault-wide",
            "wide",
            after='\n<div style="width: 520px; height: 2px; background: #3949ab"></div>',
        ),
        ["figure fault-wide overflows at 390 px wide"],
    ),
    (CLEAN_FIGURE_PAGE, figure("fault-none", ""), []),
]
# The throwing button is a script error too; axe finds the nameless slider.
SIDE_EFFECTS[REF("surfaces")] = {"scripts", "axe"}
PAGES = sorted(
    {COPY_PAGE, NO_FONTS_PAGE, SOURCE_PAGE}
    | {f[0] for f in FAULTS}
    | {f[0] for f in INTERACTIVE}
)


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
    # The interactive figures, each at the end of its page's article.
    (faulty / "assets" / "gdb-fault-figure.js").write_text(FIGURE_JS)
    for page, markup, _ in INTERACTIVE:
        html = faulty / page
        text = html.read_text()
        assert text.count("</article>") == 1, page
        at = text.index("</article>")
        html.write_text(text[:at] + markup + text[at:])
    return faulty


@pytest.fixture(scope="module")
def reports(faulty: Path) -> dict[str, dict]:
    return browser_gate.run(faulty, PAGES)


@pytest.fixture(scope="module")
def found(reports) -> dict[str, list[str]]:
    return browser_gate.problems(reports)


@pytest.mark.parametrize(
    ("page", "gate", "says"),
    [(p, g, s) for p, g, _, s in FAULTS] + MADE,
    ids=lambda v: v if "/" in v or v.endswith(".html") else "",
)
def test_each_fault_is_named_with_its_page(found, page, gate, says):
    hits = [m for m in found[gate] if m.startswith(f"{page}") and says in m]
    assert hits, f"{gate} did not report {says!r} on {page}: {found[gate]}"


@pytest.mark.parametrize(
    ("page", "says"),
    [(p, s) for p, _, says in INTERACTIVE for s in says],
    ids=lambda v: v if v.endswith(".html") else "",
)
def test_each_interactive_fault_is_named_with_its_page(found, page, says):
    hits = [m for m in found["interactive"] if m.startswith(f"{page}: {says}")]
    assert hits, (
        f"interactive did not report {says!r} on {page}: {found['interactive']}"
    )


def test_only_the_faulty_controls_are_named(found):
    """The dead figure's working controls (shade, colour, step) are not named."""
    dead = [m for m in found["interactive"] if "of fault-dead" in m]
    assert dead, found["interactive"]
    for m in dead:
        assert any(f"control {c} of" in m for c in ("width", "boom", "nameless")), m


def test_a_clean_figure_passes_with_every_control_operated(found, reports):
    assert not [m for m in found["interactive"] if m.startswith(CLEAN_FIGURE_PAGE)]
    fig = next(
        f
        for f in reports[CLEAN_FIGURE_PAGE]["interactive"]
        if f["slug"] == "fault-none"
    )
    assert fig["far"] and fig["readyAtLoad"] is None, fig  # below the fold, lazy
    assert fig["ready"], fig
    keys = {c["name"]: c["key"] for c in fig["controls"]}
    # The slider starts at its maximum, so the gate presses ArrowLeft.
    assert keys == {
        "width": "ArrowLeft",
        "shade": "Space",
        "colour": "ArrowDown",
        "step": "Space",
    }
    for c in fig["controls"]:
        assert c["drawsAfter"] == c["drawsBefore"] + 1 and c["changed"], c
        assert c["label"], c
    assert fig["phone"]["scrollWidth"] <= fig["phone"]["clientWidth"] + 1, fig["phone"]


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
            expected |= {
                "interactive" for p, _, says in INTERACTIVE if p == page and says
            }
            expected |= SIDE_EFFECTS.get(page, set())
            assert gate in expected, m


def test_lighthouse_names_the_low_contrast_page(faulty: Path):
    page = LOW_CONTRAST_PAGE
    with serve(faulty) as base:
        # Accessibility only: the category the fault is in (the others are
        # asserted perfect on real pages by tests/test_book_browser.py).
        result = browser_gate.lighthouse(
            f"{base}/{page}", categories=("accessibility",)
        )
    problems = browser_gate.lighthouse_problems(page, result, ("accessibility",))
    assert any(
        p.startswith(f"{page}: Lighthouse accessibility") and "color-contrast" in p
        for p in problems
    ), problems
