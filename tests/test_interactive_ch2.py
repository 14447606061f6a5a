"""Chapter 2's interactive figure computes what gdbook computes.

``docs/assets/interactive/ch2-directional.js`` draws, on the bowl
$C(w) = w_1^2 + w_2^2$ of the paper's Fig. 1, the gradient at a point, a unit
direction $v$ at the angle $\\theta$, the slope $\\nabla C \\cdot v$ of Eq. (1)
(and its curve over all angles), the direction of steepest descent of
Eq. (2.1) with its angle and slope, and one step of Eq. (3). Its pure
functions are run here in Node on a grid of settings covering every slider's
ends, the zero gradient at the minimum and rates that overshoot, and compared
with ``gdbook.surfaces.bowl`` / ``bowl_grad`` and ``gdbook.descent``.

Tolerances, and why:

- bit-identical (``np.testing.assert_array_equal``): C at the point and after
  the step, the gradient, the slope along the figure's v
  (``directional_derivative``), the steepest direction
  (``steepest_direction``) and its slope, the step
  (``gradient_descent(bowl_grad, w, eta, 1)``) and the slope curve along the
  figure's unit vectors. The script uses NumPy's operations in NumPy's order.
- 1e-12 absolute: the unit vectors $v = (\\cos\\theta, \\sin\\theta)$ and the
  angle of steepest descent (degrees), which go through the sine, cosine and
  arctangent of the browser's maths library rather than the C library
  NumPy calls; they may differ in the last bit, and an entry of v can be zero,
  so the tolerance is absolute.
"""

import json
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from gdbook.descent import directional_derivative, gradient_descent, steepest_direction
from gdbook.surfaces import bowl, bowl_grad

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "docs" / "assets" / "interactive" / "ch2-directional.js"
CHAPTER = ROOT / "docs" / "chapters" / "02-gradient-and-steepest-descent.md"
NODE = shutil.which("node")


@pytest.fixture(autouse=True)
def node_is_required():
    if NODE is None:
        pytest.fail(
            "Node.js is required to check docs/assets/interactive/ch2-directional.js "
            "against gdbook, but `node` is not on PATH; install Node.js (see README.md)",
            pytrace=False,
        )


RUNNER = """
const f = require(process.argv[1]);
const calls = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = calls.map(([fn, ...args]) =>
  fn === "constants" ? { W: f.W_RANGE, ETA: f.ETA_RANGE, DEFAULTS: f.DEFAULTS }
  : f[fn](...args));
process.stdout.write(JSON.stringify(out));
"""


def run_js(calls: list, runner: str = RUNNER) -> subprocess.CompletedProcess:
    # JSON has no infinity; 1e999 reads back as one in Node.
    return subprocess.run(
        [NODE, "-e", runner, str(SCRIPT)],
        input=json.dumps(calls).replace("Infinity", "1e999"),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def js(calls: list) -> list:
    proc = run_js(calls)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def slider(name: str) -> dict:
    """The attributes of the chapter's range input ``data-gdb-control=name``."""
    page = CHAPTER.read_text()
    tag = re.search(rf'<input[^>]*data-gdb-control="{name}"[^>]*>', page).group(0)
    return {k: float(v) for k, v in re.findall(r'(min|max|step|value)="([^"]+)"', tag)}


POINTS = [(1.0, 0.5), (0.0, 0.0), (-1.0, -1.0), (1.0, -1.0), (-0.35, 0.8), (0.05, 0.0)]
THETAS = [0, 1, 45, 90, 180, 206, 270, 333, 359]
ETAS = [0.01, 0.1, 0.5, 0.73, 1.0, 1.2]
SETTINGS = [
    {"w1": a, "w2": b, "theta": t, "eta": e}
    for (a, b) in POINTS
    for t in THETAS
    for e in ETAS
]


def test_settings_cover_every_slider_and_the_page_matches_the_script():
    (const,) = js([["constants"]])
    w1, w2, theta, eta = (slider(n) for n in ("w1", "w2", "theta", "eta"))
    assert [w1["min"], w1["max"]] == [w2["min"], w2["max"]] == const["W"]
    assert [eta["min"], eta["max"]] == const["ETA"]
    defaults = {"w1": w1["value"], "w2": w2["value"]}
    defaults |= {"theta": theta["value"], "eta": eta["value"]}
    assert defaults == const["DEFAULTS"]
    assert defaults in SETTINGS
    coords = {c for p in POINTS for c in p}
    assert {w1["min"], w1["max"], 0.0} <= coords
    assert {theta["min"], theta["max"]} <= set(THETAS)
    assert {eta["min"], eta["max"]} <= set(ETAS)


def test_every_drawn_number_equals_gdbook():
    results = js([["compute", s] for s in SETTINGS])
    for s, got in zip(SETTINGS, results, strict=True):
        w = np.array([s["w1"], s["w2"]])
        g = bowl_grad(w)
        np.testing.assert_array_equal(got["w"], w)
        assert got["C"] == bowl(w), s
        np.testing.assert_array_equal(got["grad"], g, err_msg=str(s))
        # v: NumPy's cos and sin of the angle, to 1e-12.
        a = np.radians(s["theta"])
        np.testing.assert_allclose(got["v"], [np.cos(a), np.sin(a)], rtol=0, atol=1e-12)
        # Given the figure's v, its slope is gdbook's, bit for bit.
        assert got["slope"] == directional_derivative(g, np.array(got["v"])), s
        # One step of Eq. (3), and C there.
        step = gradient_descent(bowl_grad, w, s["eta"], 1)[1]
        np.testing.assert_array_equal(got["wNew"], step, err_msg=str(s))
        assert got["CNew"] == bowl(step), s
        if not g.any():
            assert got["steepest"] is None, s
            with pytest.raises(ValueError, match="stationary point"):
                steepest_direction(g)
            continue
        v_star = steepest_direction(g)
        np.testing.assert_array_equal(got["steepest"]["v"], v_star, err_msg=str(s))
        assert got["steepest"]["slope"] == directional_derivative(g, v_star), s
        np.testing.assert_allclose(
            got["steepest"]["slope"], -np.linalg.norm(g), rtol=1e-15
        )
        angle = np.degrees(np.arctan2(v_star[1], v_star[0])) % 360
        np.testing.assert_allclose(got["steepest"]["angle"], angle, rtol=0, atol=1e-12)
        gap = (s["theta"] - angle + 180) % 360 - 180
        gap = 180.0 if gap == -180 else gap
        np.testing.assert_allclose(got["steepest"]["gap"], gap, rtol=0, atol=1e-12)


def test_slope_curve_equals_directional_derivative_on_every_angle():
    results = js([["compute", s] for s in SETTINGS[:: len(THETAS)]])
    for s, got in zip(SETTINGS[:: len(THETAS)], results, strict=True):
        g = bowl_grad(np.array([s["w1"], s["w2"]]))
        angles = np.arange(0, 361, 2)
        np.testing.assert_array_equal(got["curve"]["angles"], angles)
        units = np.array(got["curve"]["units"])
        want_units = np.column_stack(
            [np.cos(np.radians(angles)), np.sin(np.radians(angles))]
        )
        np.testing.assert_allclose(units, want_units, rtol=0, atol=1e-12)
        want = [directional_derivative(g, u) for u in units]
        np.testing.assert_array_equal(got["curve"]["slopes"], want, err_msg=str(s))
        # The marked steepest slope is the curve's least value, or below it.
        if g.any():
            assert got["steepest"]["slope"] <= min(got["curve"]["slopes"]) + 1e-12


def test_the_chapters_point_and_direction():
    # The chapter's example: the point (1, 0.5), v at 45 degrees, and the
    # steepest direction at 206.57 degrees, printed by its snippets.
    (got,) = js([["compute", {"w1": 1.0, "w2": 0.5, "theta": 45, "eta": 0.1}]])
    g = bowl_grad(np.array([1.0, 0.5]))
    v = np.array([1.0, 1.0]) / np.sqrt(2)
    np.testing.assert_allclose(got["slope"], directional_derivative(g, v), rtol=1e-12)
    assert round(got["steepest"]["angle"], 2) == 206.57


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (
            {"w1": None, "w2": 0.0, "theta": 0, "eta": 0.1},
            "w must be two finite numbers",
        ),
        (
            {"w1": 1e999, "w2": 0.0, "theta": 0, "eta": 0.1},
            "w must be two finite numbers",
        ),
        (
            {"w1": 0.0, "w2": 0.0, "theta": "north", "eta": 0.1},
            "theta must be a finite number",
        ),
        ({"w1": 0.0, "w2": 0.0, "theta": 0, "eta": 0.0}, "eta must be > 0"),
        ({"w1": 0.0, "w2": 0.0, "theta": 0, "eta": -0.1}, "eta must be > 0"),
    ],
)
def test_js_rejects_bad_settings_like_gdbook(settings, message):
    if isinstance(settings["eta"], float) and settings["eta"] <= 0:
        with pytest.raises(ValueError):  # gdbook refuses the same rate
            gradient_descent(bowl_grad, np.zeros(2), settings["eta"], 1)
    proc = run_js([["compute", settings]])
    assert proc.returncode != 0
    assert message in proc.stderr, proc.stderr
