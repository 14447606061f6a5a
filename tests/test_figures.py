"""Every figure of the book: registered, deterministic, drawing what it claims.

Each figure function attaches its facts (the numbers it computes) to the
figure; these tests check that the figure draws them (its lines, markers,
annotations) and that every number the figure writes is one of them, and
that the build's alt-text check (``bookkit.figfacts``) names a page's
file:line when an alt text writes a number no fact supports.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import itertools
import os
import pkgutil
import re
import shutil
import subprocess
import sys

import numpy as np
import pytest
from book_helpers import DOCS, ROOT
from bookkit import figfacts
from bookkit.book import Book
from bookkit.reproducible import nondeterministic_figures
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle
from matplotlib.quiver import Quiver
from matplotlib.text import Annotation

import gdbook.figures
from gdbook.figures import FIGURES, facts_of, render, render_svg
from gdbook.figures._style import with_facts


@functools.cache
def drawn(name: str) -> tuple[Figure, dict]:
    """Figure ``name`` and its facts, drawn once per test session."""
    fig = FIGURES[name]()
    return fig, facts_of(fig)


# -- registration ------------------------------------------------------------


def _figure_functions(module) -> set[str]:
    """The module's own functions that return a Figure (by their annotation)."""
    found = set()
    for name, obj in vars(module).items():
        if name.startswith("_") or not inspect.isfunction(obj):
            continue
        if getattr(obj, "__module__", None) != module.__name__:
            continue
        target = inspect.unwrap(obj)
        if inspect.signature(target).parameters:
            continue  # a helper with arguments, not a figure
        if target.__annotations__.get("return") in ("Figure", Figure):
            found.add(name)
    return found


def test_every_module_figure_is_registered():
    """Each module's figure functions are its FIGURES, and FIGURES is their union."""
    union: dict[str, str] = {}
    modules = sorted(
        m.name
        for m in pkgutil.iter_modules(gdbook.figures.__path__)
        if m.name[0] != "_"
    )
    assert len(modules) >= 7, modules
    for name in modules:
        module = importlib.import_module(f"gdbook.figures.{name}")
        assert set(module.FIGURES) == _figure_functions(module), name
        assert len(set(module.FIGURES)) == len(module.FIGURES), name
        for fig_name in module.FIGURES:
            assert fig_name not in union, f"{fig_name} in {name} and {union[fig_name]}"
            union[fig_name] = name
    assert set(union) == set(FIGURES)
    assert {n: FIGURES[n].__module__ for n in FIGURES} == {
        n: f"gdbook.figures.{m}" for n, m in union.items()
    }


# -- determinism and content -------------------------------------------------


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figure_renders_deterministically(name: str):
    first, facts = render(name)
    assert first.startswith(b"<?xml") and b"<svg" in first
    second, again = render(name)
    if second != first:  # name the first difference, as the build does
        pytest.fail(nondeterministic_figures([name], render_svg)[0])
    assert again == facts


def _artists_with_data(fig: Figure) -> int:
    count = 0
    for ax in fig.axes:
        count += sum(len(line.get_xdata()) > 0 for line in ax.lines)
        count += len(ax.collections) + len(ax.images) + len(ax.patches)
    return count


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figure_draws_something_and_states_facts(name: str):
    """A blank figure, or one without facts, fails."""
    fig, facts = drawn(name)
    assert _artists_with_data(fig) >= 1, f"{name} draws nothing"
    assert facts, f"{name} attaches no facts"
    assert figfacts.fact_values(facts)


def _texts(fig: Figure) -> list[str]:
    """Every text the figure writes, except tick labels (the axes' own)."""
    texts = [t.get_text() for t in fig.texts]
    for ax in fig.axes:
        texts += [t.get_text() for t in ax.texts]
        texts += [ax.get_title(loc) for loc in ("left", "center", "right")]
        texts += [ax.get_xlabel(), ax.get_ylabel()]
        if hasattr(ax, "get_zlabel"):
            texts.append(ax.get_zlabel())
        legend = ax.get_legend()
        if legend is not None:
            texts += [t.get_text() for t in legend.get_texts()]
        for child in ax.get_children():  # secondary axes
            if hasattr(child, "get_xlabel") and child is not ax:
                texts += [child.get_xlabel(), child.get_ylabel()]
    return [t for t in texts if t]


# TeX that writes no number: sub/superscripts (indices, powers), commands.
TEX_DROP = re.compile(r"[_^]\s*\{[^{}]*\}|[_^]\s*\\?\w|\\[A-Za-z]+")
NUMBER = re.compile(r"(?<![\w.])(?P<sign>-)?(?P<num>\d+(?:\.\d+)?)(?![\w])")


def written_in_figure(text: str) -> list[tuple[str, float, int]]:
    """Every number a figure's text writes: (as written, value, decimals).

    Stricter than the prose rule: small integers count too.
    """
    plain = re.sub(
        r"\$([^$]*)\$", lambda m: TEX_DROP.sub(" ", m[1]).replace("'", " "), text
    )
    out = []
    for m in NUMBER.finditer(plain):
        decimals = len(m["num"].split(".")[1]) if "." in m["num"] else 0
        out.append((m[0], float(m["num"]), decimals))
    return out


def test_the_figure_text_reader():
    assert written_in_figure(r"start $w_0 = 0.2$") == [("0.2", 0.2, 1)]
    assert written_in_figure(r"$w^{2}_{45}$, $x_1$, $f'(2) = 4$") == [
        ("2", 2.0, 0),
        ("4", 4.0, 0),
    ]
    assert written_in_figure("true 9\npredicted 8") == [("9", 9.0, 0), ("8", 8.0, 0)]


def _supported(value: float, decimals: int, facts) -> bool:
    step = 10.0**-decimals
    return any(
        abs(abs(v) - value) <= step / 2 + 1e-9 for v in figfacts.fact_values(facts)
    )


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_every_number_a_figure_writes_is_a_fact(name: str):
    """Titles, labels, legends and annotations state only computed numbers."""
    fig, facts = drawn(name)
    unsupported = [
        (text, written)
        for text in _texts(fig)
        for written, value, decimals in written_in_figure(text)
        if not _supported(value, decimals, facts)
    ]
    assert unsupported == [], f"{name}: numbers written but not among its facts"


# -- each figure draws what its facts say -------------------------------------


def _lines(ax, marker: str | None = None, linestyle: str | None = None):
    out = [line for line in ax.lines if len(line.get_xdata())]
    if marker is not None:
        out = [line for line in out if line.get_marker() == marker]
    if linestyle is not None:
        out = [line for line in out if line.get_linestyle() == linestyle]
    return out


def _inside(ax, line: Line2D) -> bool:
    (x0, x1), (y0, y1) = sorted(ax.get_xlim()), sorted(ax.get_ylim())
    x, y = np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float)
    return bool(np.all((x >= x0) & (x <= x1) & (y >= y0) & (y <= y1)))


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_no_marker_is_clipped(name: str):
    """Every point drawn as a marker lies inside its axes' limits."""
    fig, _ = drawn(name)
    for ax in fig.axes:
        if ax.name != "rectilinear":
            continue
        for line in _lines(ax):
            if line.get_marker() not in (None, "None", "", " "):
                assert _inside(ax, line), f"{name}: a marker outside the axes"


def test_slope_of_square_draws_its_tangent():
    fig, facts = drawn("slope_of_square")
    (ax,) = fig.axes
    tangent = next(ln for ln in ax.lines if ln.get_label().startswith("tangent"))
    (t0, t1), (y0, y1) = tangent.get_xdata(), tangent.get_ydata()
    assert (y1 - y0) / (t1 - t0) == pytest.approx(facts["slope at x0"])
    assert facts["slope at x0"] == pytest.approx(2 * facts["x0"], rel=1e-9)
    (point,) = _lines(ax, marker="o")
    assert (point.get_xdata()[0], point.get_ydata()[0]) == (
        facts["x0"],
        facts["f(x0)"],
    )


def test_error_bowl_marks_its_minimum_and_start():
    fig, facts = drawn("error_bowl")
    (ax,) = fig.axes
    curve = max(ax.lines, key=lambda ln: len(ln.get_xdata()))
    w, e = curve.get_xdata(), curve.get_ydata()
    assert w[np.argmin(e)] == pytest.approx(facts["least-error weight"], abs=0.01)
    markers = [(ln.get_xdata()[0], ln.get_ydata()[0]) for ln in _lines(ax, "o")]
    assert markers == [
        (facts["least-error weight"], facts["least error"]),
        (facts["start w0"], facts["error at w0"]),
    ]
    slope = np.gradient(e, w)[np.argmin(np.abs(w - facts["start w0"]))]
    assert slope == pytest.approx(facts["slope at w0"], rel=0.01)


@pytest.mark.parametrize(
    "name", ["error_contours", "descent_steps_contours", "descent_momentum_paths"]
)
def test_contour_maps_mark_the_least_error_weights(name: str):
    fig, facts = drawn(name)
    ax = fig.axes[0]
    black = [ln for ln in _lines(ax, "o") if ln.get_color() == "black"]
    assert len(black) == 1
    got = (black[0].get_xdata()[0], black[0].get_ydata()[0])
    assert got == pytest.approx(tuple(facts["least-error weights"]))
    assert len(ax.collections) >= 1  # the contour lines


def test_descent_steps_contours_draws_its_steps():
    fig, facts = drawn("descent_steps_contours")
    (path,) = _lines(fig.axes[0], "o", "-")
    assert len(path.get_xdata()) == facts["steps"] + 1
    assert (path.get_xdata()[0], path.get_ydata()[0]) == tuple(facts["start"])
    assert (path.get_xdata()[-1], path.get_ydata()[-1]) == tuple(facts["end"])


def test_steepest_descent_direction_draws_its_arrows_and_minimum():
    fig, facts = drawn("steepest_descent_direction")
    left, right = fig.axes[:2]  # then the colour bar
    (quiver,) = [c for c in left.collections if isinstance(c, Quiver)]
    assert quiver.N == facts["unit directions drawn"] == 16
    assert tuple(quiver.X) == (facts["point"][0],) * 16
    curve = max(right.lines, key=lambda ln: len(ln.get_xdata()))
    angle, slope = curve.get_xdata(), curve.get_ydata()
    lowest = angle[np.argmin(slope)]
    assert lowest == pytest.approx(facts["steepest-descent angle (degrees)"], abs=1.0)
    assert slope.min() == pytest.approx(facts["least slope"], rel=1e-4)
    assert facts["least slope"] == pytest.approx(-np.hypot(*facts["gradient"]))
    assert left.get_title() == "unit directions at $(1, 0.5)$"


def test_learning_rates_draws_each_path_inside_its_panel():
    fig, facts = drawn("learning_rates")
    assert len(fig.axes) == len(facts["etas"]) == len(facts["steps drawn"])
    for ax, eta, steps in zip(
        fig.axes, facts["etas"], facts["steps drawn"], strict=True
    ):
        (path,) = _lines(ax, "o", "-")
        assert len(path.get_xdata()) == steps + 1 <= facts["steps"] + 1
        assert path.get_xdata()[0] == facts["start w0"]
        assert _inside(ax, path)
        assert ax.get_title().endswith(f"$\\eta = {eta}$")
    # a path that leaves the panel is cut there, and the facts say so
    assert facts["steps drawn"][-1] < facts["steps"]
    w0, w1 = facts["weights drawn"]
    assert not w0 <= facts["weight after the last step"][-1] <= w1


def test_descent_local_minima_ends_in_the_computed_minima():
    fig, facts = drawn("descent_local_minima")
    (ax,) = fig.axes
    ends = [ln.get_xdata()[0] for ln in _lines(ax, "s")]
    assert ends == pytest.approx(facts["ends"])
    assert sorted(ends) == pytest.approx(
        [facts["global minimum"][0], facts["local minimum"][0]], abs=1e-6
    )
    labels = {t.get_text(): t.xy for t in ax.texts if isinstance(t, Annotation)}
    assert labels["global minimum"] == pytest.approx(tuple(facts["global minimum"]))
    assert labels["local minimum"] == pytest.approx(tuple(facts["local minimum"]))
    w = np.linspace(-2, 2, 4001)
    f = np.polyval(facts["coefficients of f"], w)
    assert w[np.argmin(f)] == pytest.approx(facts["global minimum"][0], abs=1e-3)


def test_descent_momentum_paths_draws_its_runs():
    fig, facts = drawn("descent_momentum_paths")
    valley, well = fig.axes
    plain, heavy = _lines(valley, "o", "-")
    assert len(plain.get_xdata()) == len(heavy.get_xdata()) == facts["valley steps"] + 1
    assert valley.get_title() == (
        f"{facts['valley steps']} steps, $\\eta = {facts['valley eta']}$"
    )
    ends = [ln.get_xdata()[0] for ln in _lines(well, "s")]
    assert ends == pytest.approx(facts["well end, plain and momentum"])
    (drawn_heavy,) = _lines(well, "o", "-")
    assert len(drawn_heavy.get_xdata()) == facts["momentum steps drawn"]


def test_descent_cost_three_ways_draws_its_three_runs():
    fig, facts = drawn("descent_cost_three_ways")
    by_update, by_epoch = fig.axes[:2]
    runs = [ln for ln in by_epoch.lines if ln.get_linestyle() == "-"]
    assert len(runs) == len(facts["batch sizes"]) == 3
    best = facts["least possible cost"]
    reached = {}
    for line, size in zip(runs, facts["batch sizes"], strict=True):
        assert line.get_label().endswith(f"$B = {size}$")
        epoch, cost = line.get_xdata(), line.get_ydata()
        assert epoch[-1] == facts["epochs"]
        near = np.flatnonzero(
            cost - best < facts["within this of the least cost counts as reached"]
        )
        if len(near):
            reached[size] = epoch[near[0]]
    got = facts["epochs until the cost is within that of the least"]
    assert reached == {facts["batch sizes"][1]: got["mini-batch"], 1: got["SGD"]}
    assert facts["updates made"]["batch"] == facts["epochs"]
    assert (
        by_update.get_ylabel() == f"cost $C(w)$ on all {facts['examples m']} examples"
    )


def test_sigmoid_curve_marks_its_computed_points():
    fig, facts = drawn("sigmoid_curve")
    (ax,) = fig.axes
    points = [(ln.get_xdata()[0], ln.get_ydata()[0]) for ln in _lines(ax, "o")]
    assert tuple(facts["largest slope, at z = 0"]) in points
    assert tuple(facts["sigma(0)"]) in points
    (derivative,) = [ln for ln in ax.lines if ln.get_label().startswith(r"$\sigma'")]
    z, slope = derivative.get_xdata(), derivative.get_ydata()
    assert slope.max() == pytest.approx(facts["largest slope, at z = 0"][1])
    edge = facts["|z| beyond which sigma' < 0.01"]
    assert np.all(slope[np.abs(z) > edge] < 0.01)


def test_network_diagram_draws_its_sizes():
    fig, facts = drawn("network_diagram")
    (ax,) = fig.axes
    sizes = facts["sizes"]
    circles = [p for p in ax.patches if isinstance(p, Circle)]
    assert len(circles) == sum(sizes)
    assert (
        len(_lines(ax))
        == facts["weights drawn"]
        == sum(a * b for a, b in itertools.pairwise(sizes))
    )
    layer, j, k = facts["labelled weight (layer, j, k)"]
    assert k == sizes[0] and facts["labelled weight's subscript jk"] == int(f"{j}{k}")
    (label,) = [t for t in ax.texts if isinstance(t, Annotation)]
    assert label.get_text() == f"$w^{{{layer}}}_{{{j}{k}}}$"


def test_one_output_network_draws_its_inputs():
    fig, facts = drawn("one_output_network")
    circles = [p for p in fig.axes[0].patches if isinstance(p, Circle)]
    assert len(circles) == facts["input circles"] + 1


def test_learning_slowdown_crossings_are_read_off_its_lines():
    fig, facts = drawn("learning_slowdown")
    ax_cost, ax_out = fig.axes
    for cost, line in zip(
        ("quadratic", "cross_entropy"), _lines(ax_out, None, "-"), strict=True
    ):
        epoch, output = line.get_xdata(), line.get_ydata()
        assert len(epoch) == facts["epochs"] + 1
        crossings = [
            int(epoch[np.argmax(output < level)]) if (output < level).any() else -1
            for level in facts["levels"]
        ]
        assert (
            crossings == facts[f"{cost}: first epoch with the output below each level"]
        )
        assert output[0] == facts[f"{cost}: first output, first cost"][0]
    for cost, line in zip(("quadratic", "cross_entropy"), ax_cost.lines, strict=True):
        assert line.get_ydata()[0] == facts[f"{cost}: first output, first cost"][1]
    (target,) = [t for t in ax_out.texts if isinstance(t, Annotation)]
    assert target.xy == (facts["epochs"], facts["target"])


@pytest.mark.parametrize("name", ["minus_log_a", "minus_log_one_minus_a"])
def test_log_costs_are_zero_at_the_target(name: str):
    fig, facts = drawn(name)
    (ax,) = fig.axes
    (point,) = _lines(ax, "o")
    assert (point.get_xdata()[0], point.get_ydata()[0]) == (
        facts["target y"],
        facts["cost at a = y"],
    )
    curve = max(ax.lines, key=lambda ln: len(ln.get_xdata()))
    assert curve.get_ydata().max() == facts["highest cost drawn"] < ax.get_ylim()[1]


def test_l2_digits_curves_says_what_runs_off_the_scale():
    fig, facts = drawn("l2_digits_curves")
    ax_acc, ax_cost = fig.axes
    for ax, key in ((ax_acc, "accuracy"), (ax_cost, "cost")):
        curves = [ln for ln in ax.lines if len(ln.get_xdata())]
        assert len(curves) == (4 if key == "accuracy" else 2)
        last = facts[f"{key}: last epoch off the scale"]
        low, high = ax.get_ylim()
        for line in curves:
            epoch, value = line.get_xdata(), line.get_ydata()
            assert len(epoch) == facts["epochs"]
            later = epoch > last
            assert np.all((value[later] >= low) & (value[later] <= high))
        off = [t.get_text() for t in ax.texts]
        assert off == ([f"off the scale up to epoch {last}"] if last else [])
    lowest = [ln.get_ydata().min() for ln in ax_cost.lines]
    assert (
        lowest[0] == facts["lambda 0: epoch and value of the least validation cost"][1]
    )


def test_digits_figures_draw_their_counts():
    fig, facts = drawn("digits_confusion")
    (ax,) = fig.axes
    counts = [int(t.get_text()) for t in ax.texts]
    assert sum(counts) == facts["test digits"] == 300
    M = np.array(facts["confusion matrix"])
    assert sorted(counts) == sorted(M[M > 0].tolist())
    assert facts["mistakes"] == M.sum() - np.trace(M)

    fig, mistakes = drawn("digits_mistakes")
    assert len(fig.axes) == mistakes["mistakes"] == facts["mistakes"]
    titles = [ax.get_title() for ax in fig.axes]
    pairs = mistakes["(true, predicted) of each, left to right"]
    assert titles == [f"true {t}\npredicted {p}" for t, p in pairs]
    assert sorted(map(tuple, pairs)) == sorted(
        map(tuple, facts["mistakes as (true, predicted)"])
    )

    fig, samples = drawn("digits_samples")
    assert [ax.get_title() for ax in fig.axes] == [str(d) for d in samples["digits"]]
    assert all(
        ax.images[0].get_array().shape == tuple(samples["image shape"])
        for ax in fig.axes
    )


def test_paraboloid_marks_its_start():
    fig, facts = drawn("paraboloid_surface")
    (ax,) = fig.axes
    scatters = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert len(scatters) == 2
    assert facts["f at start"] == pytest.approx(sum(v**2 for v in facts["start point"]))


# -- a figure without a seed, or without facts --------------------------------


def test_a_figure_drawn_without_a_seed_is_named(monkeypatch):
    """Self-test: an unseeded figure fails the check above, by name."""

    def noisy_points() -> Figure:
        fig = Figure()
        fig.add_subplot().plot(np.random.default_rng().random(5))
        return with_facts(fig, points=5)

    monkeypatch.setitem(gdbook.figures.FIGURES, "noisy_points", noisy_points)
    (problem,) = nondeterministic_figures(["noisy_points"], render_svg)
    assert problem.startswith("figure 'noisy_points' is not deterministic")


def test_a_figure_without_facts_cannot_be_rendered(monkeypatch):
    monkeypatch.setitem(gdbook.figures.FIGURES, "bare", Figure)
    with pytest.raises(ValueError, match="with facts"):
        render("bare")


def test_a_written_number_that_no_fact_has_fails_the_figure_text_test():
    """Self-test: the test above fails for a typed label."""
    fig = Figure()
    ax = fig.add_subplot()
    ax.plot([0, 1], [0, 1])
    ax.set_title("minimum near $(1.02, -0.5)$")
    with_facts(fig, minimum=(1.0213, -0.4969))
    facts = facts_of(fig)
    assert [w for t in _texts(fig) for w in written_in_figure(t)] == [
        ("1.02", 1.02, 2),
        ("-0.5", 0.5, 1),
    ]
    assert all(
        _supported(v, d, facts) for t in _texts(fig) for _, v, d in written_in_figure(t)
    )
    ax.set_title("minimum near $(1.05, -0.5)$")
    assert not all(
        _supported(v, d, facts) for t in _texts(fig) for _, v, d in written_in_figure(t)
    )


# -- the alt texts: every number one of its figure's facts --------------------


def test_alt_text_numbers_are_matched_at_the_precision_written():
    facts = {"angle": 206.565051177078, "epochs": [4.08, 0.2], "m": 200}
    assert figfacts.unsupported_numbers("at about 207 degrees", facts) == []
    assert figfacts.unsupported_numbers("after 0.2 epochs, about four", facts) == []
    assert figfacts.unsupported_numbers("on all 200 examples", facts) == []
    (bad,) = figfacts.unsupported_numbers("at about 206.5 degrees and 200", facts)
    assert bad.text == "206.5"  # 206.57 is 206.6 at one decimal
    (bad,) = figfacts.unsupported_numbers("mini-batches within about five", facts)
    assert bad.text == "five"


def test_the_books_alt_texts_state_only_facts():
    """Today's pages: every number in every alt text is a fact of its figure."""
    book = Book.load(DOCS)
    refs = [r for r in book.figure_refs() if r[2] in FIGURES]
    facts = {name: drawn(name)[1] for _, _, name, _ in refs}
    errors = figfacts.check_alt_texts(refs, facts)
    assert errors == [], "\n" + "\n".join(map(str, errors))


FAULT_ALT = (
    "![The slope curve's lowest point lies at about 212 degrees, "
    "minus the length of the gradient.](figure:steepest_descent_direction)"
)


def test_an_alt_text_number_no_fact_supports_fails_the_build(tmp_path):
    """Self-test through the build a maintainer runs: file:line and the number.

    The build runs every page check before it fails, so the fault is named
    even while another page of the copy has a problem of its own.
    """
    root = tmp_path / "book"
    shutil.copytree(DOCS, root / "docs")
    shutil.copytree(
        ROOT / "src", root / "src", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "tests").mkdir()
    shutil.copy(ROOT / "tests" / "claims.py", root / "tests" / "claims.py")
    (root / "hooks").symlink_to(ROOT / "hooks")
    page = root / "docs" / "chapters" / "01-sum-of-squared-errors.md"
    text = page.read_text().rstrip("\n") + "\n\n" + FAULT_ALT + "\n"
    page.write_text(text)
    line = text.count("\n")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "OPENBLAS_NUM_THREADS": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(root / "site")],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    log = proc.stdout + proc.stderr
    assert proc.returncode != 0, log
    where = f"docs/chapters/01-sum-of-squared-errors.md:{line}"
    wanted = f"{where}: alt text of figure:steepest_descent_direction writes '212'"
    assert wanted in log, log[-3000:]
    assert "206.565" in log  # the fact it has instead
