"""The browser gate: every built page opened in headless Chromium, as a reader would.

The gate itself lives in ``tests/browser_gate.py`` (observations gathered by
``tests/browser/check_pages.mjs``); each test here asserts that one group of
its problems is empty, so a failure names the gate, the page and the reason.
``tests/test_browser_faults.py`` injects a fault per gate and checks that.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import browser_gate
import numpy as np
import pytest
from book_helpers import ROOT, report
from bookkit.server import serve

from gdbook.descent import gradient_descent, momentum_descent
from gdbook.surfaces import SURFACES

SHOTS = ROOT / ".cache" / "screenshots"
LIGHTHOUSE_PAGES = ("index.html", "chapters/01-sum-of-squared-errors.html")


@pytest.fixture(scope="module")
def reports(site: Path) -> dict[str, dict]:
    if SHOTS.exists():
        shutil.rmtree(SHOTS)
    SHOTS.mkdir(parents=True)
    return browser_gate.run(site, browser_gate.pages_of(site), SHOTS)


@pytest.fixture(scope="module")
def problems(reports) -> dict[str, list[str]]:
    return browser_gate.problems(reports)


def test_every_page_was_opened(site: Path, reports):
    assert sorted(reports) == browser_gate.pages_of(site)
    assert len(reports) >= 25


@pytest.mark.parametrize("gate", browser_gate.GATES)
def test_gate_finds_no_problem(problems, gate):
    """requests, scripts, math, figures, dark mode, axe, copy: each empty."""
    assert not problems[gate], report(problems[gate])


def test_the_gate_saw_what_it_checks(reports):
    """Guard against a gate passing because it looked at nothing."""
    chapters = {p: r for p, r in reports.items() if p.startswith("chapters/")}
    assert len(chapters) == len(list((ROOT / "docs" / "chapters").glob("*.md")))
    for path, r in chapters.items():
        assert r["katex"] > 10, path
        assert r["images"], f"{path}: no figure seen"
        assert sum(c["kind"] == "doctest" for c in r["copies"]) >= 5, path
        assert r["scheme"] == "slate", path
        assert "light" in r["axe"] and "dark" in r["axe"], path
    copied = reports["chapters/01-sum-of-squared-errors.html"]["copies"][0]["text"]
    assert copied.startswith("import numpy as np\n"), copied


def test_the_previews_show_the_equation_and_the_figure(reports):
    """The gate focused a link to an equation and one to a figure on each
    chapter, in light and dark mode: the popover showed the typeset equation
    with the link's number, the loaded figure with its caption "Figure N.k.
    ...", and Escape hid it."""
    seen = 0
    for path, r in reports.items():
        if not path.startswith("chapters/"):
            continue
        chapter = int(path.split("/")[1][:2])
        for key in ("previews", "previewsDark"):
            kinds = {p["kind"]: p for p in r[key]}
            eq = kinds["eq"]
            assert eq["shown"] and eq["hiddenAfterEscape"], (path, key, eq)
            assert eq["katex"] >= 1 and eq["tag"] == eq["link"], (path, key, eq)
            assert re.fullmatch(r"\([^()]+\)", eq["link"]), eq["link"]
            if "fig" not in kinds:  # chapter 1 refers to no figure by number
                continue
            fig = kinds["fig"]
            assert fig["shown"] and fig["hiddenAfterEscape"], (path, key, fig)
            assert fig["image"]["loaded"] and fig["image"]["alt"], (path, fig)
            assert fig["link"].startswith(f"Figure {chapter}."), (path, fig["link"])
            assert fig["caption"].startswith(f"{fig['link']}. "), (path, fig)
            assert fig["role"] == "tooltip" and fig["describedBy"] == "gdb-preview"
            seen += 1
    assert seen >= 12, seen


def test_the_gate_operated_each_chapters_figure(reports):
    """Issue 14: chapters 1-6 each have an interactive figure (slug ``chN-...``),
    and the interactive gate saw it ready, pressed at least one control and
    measured it at phone width; so an empty interactive group means something."""
    for n in range(1, 7):
        path = next(p for p in reports if p.startswith(f"chapters/0{n}-"))
        figures = reports[path]["interactive"]
        assert figures, f"{path}: no .gdb-interactive figure"
        for fig in figures:
            assert fig["slug"].startswith(f"ch{n}-"), (path, fig["slug"])
            assert fig["ready"], (path, fig["slug"])
            pressed = [c for c in fig["controls"] if not c["disabled"]]
            assert pressed, f"{path}: {fig['slug']} has no control the gate pressed"
            assert "phone" in fig, (path, fig["slug"])


def test_the_print_page_starts_every_chapters_figure(reports):
    """The print page repeats the chapters' interactive figures: each starts
    when scrolled to (its controls are pressed on the chapter pages)."""
    chapters = [
        fig["slug"]
        for path, r in reports.items()
        if path.startswith("chapters/")
        for fig in r["interactive"]
    ]
    printed = reports["print_page.html"]["interactive"]
    assert sorted(f["slug"] for f in printed) == sorted(chapters)
    assert all(f["ready"] and not f["pressed"] for f in printed), printed


def test_explorer_redraws_when_a_slider_moves(reports):
    r = reports["explorer.html"]
    plain, momentum = r["explorerPlain"], r["explorerMomentum"]
    assert (plain["beta"], momentum["beta"]) == (0.0, 0.9)
    assert plain["where"] == "near the local minimum", plain
    assert momentum["where"] == "near the global minimum", momentum
    assert plain["status"] != momentum["status"]
    assert plain["path"] != momentum["path"]


# The page's stopping tolerance (TOL in docs/assets/explorer.js).
EXPLORER_TOL = 1e-6


def drawn_points(d: str) -> np.ndarray:
    """The points of an SVG path made of one ``M`` and then ``L`` commands."""
    commands = re.findall(r"([ML])(-?[\d.]+) (-?[\d.]+)", d)
    assert "".join(c for c, _, _ in commands) == "M" + "L" * (len(commands) - 1), d[
        :200
    ]
    assert sum(len(c) + len(x) + len(y) + 1 for c, x, y in commands) == len(d), d[:200]
    return np.array([[float(x), float(y)] for _, x, y in commands])


@pytest.mark.parametrize("reading", ["explorerPlain", "explorerMomentum"])
def test_explorer_draws_the_path_gdbook_computes(reports, reading):
    """Every point the page draws is gdbook.descent's point, to the pixel's tenth.

    The page rounds each point to 0.1 px (``toFixed(1)``); the test maps
    gdbook's path with the page's view and compares with that rounding.
    """
    r = reports["explorer.html"][reading]
    grad = SURFACES[r["surface"]][1]
    eta, w0 = float(r["eta"]), np.array(r["w0"], dtype=float)
    if r["beta"] == 0:
        want = gradient_descent(grad, w0, eta, r["steps"], EXPLORER_TOL)
    else:
        want = momentum_descent(grad, w0, eta, r["beta"], r["steps"], EXPLORER_TOL)
    _, _, width, height = (float(v) for v in r["viewBox"].split())
    view = r["view"]
    scale = width / (2 * view["halfWidth"])
    pixels = np.column_stack(
        [
            width / 2 + (want[:, 0] - view["cx"]) * scale,
            height / 2 - (want[:, 1] - view["cy"]) * scale,
        ]
    )
    got = drawn_points(r["path"])
    assert got.shape == pixels.shape, (reading, got.shape, pixels.shape)
    assert np.abs(got - pixels).max() <= 0.05 + 1e-9, reading
    steps = len(want) - 1
    assert str(steps) in r["status"], (r["status"], steps)


def test_instant_navigation_keeps_each_page_working(reports):
    """Issue 16 item 5: from the home page, clicks into chapter 1, Next to
    chapter 2 and Previous back to chapter 1 swap the page without a reload
    (Material's instant navigation), and after each the math is typeset,
    the first copy button copies runnable code and the interactive figure
    starts; a script error on the way is in the "scripts" gate."""
    steps = reports["index.html"]["instant"]
    assert [s.get("want") for s in steps] == [
        "chapters/01-sum-of-squared-errors.html",
        "chapters/02-gradient-and-steepest-descent.html",
        "chapters/01-sum-of-squared-errors.html",
    ], steps
    for s in steps:
        assert s["url"].endswith(s["want"]), s
        assert s["instant"], f"{s['want']}: the click reloaded the page"
        number = int(s["want"].removeprefix("chapters/")[:2])
        assert s["h1"].startswith(f"{number}. "), s
        assert s["katex"] > 10, s
        assert s["copied"].startswith("import numpy as np\n"), s
        assert s["interactive"] and s["ready"], s


def test_the_sidebar_title_leaves_the_entries_clear(reports):
    """Issue 16 item 5: at 1280x900, scrolled anywhere, no entry of the left
    navigation shows within 4 px below the site title's text (on the lab
    pages it did). Self-test: with Material's own title style put back, the
    same measurement on the lab pages reports the overlap."""
    measured = {p: r["sidebar"] for p, r in reports.items() if "sidebar" in r}
    assert len(measured) >= 20 and all(v is not None for v in measured.values())
    overlapping = {p: v[:3] for p, v in measured.items() if v}
    assert not overlapping, overlapping
    labs = {p: r["sidebarFault"] for p, r in reports.items() if p.startswith("labs/")}
    assert labs and all(labs.values()), labs


def test_search_finds_pages_offline(reports):
    assert reports["index.html"]["searchHits"] > 0


@pytest.mark.parametrize("page", LIGHTHOUSE_PAGES)
def test_lighthouse_accessibility_best_practices_seo_are_perfect(site: Path, page):
    """Lighthouse's mobile run; performance is timing, so only printed by
    ``benchmarks/bench_lighthouse.py``, never asserted."""
    with serve(site) as base:
        result = browser_gate.lighthouse(
            f"{base}/{page}", categories=browser_gate.UNTIMED
        )
    problems = browser_gate.lighthouse_problems(page, result)
    assert not problems, report(problems)
