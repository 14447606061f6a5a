"""Chapter 1's interactive figure computes what gdbook computes.

``docs/assets/interactive/ch1-sse-squares.js`` draws the squared errors of a
two-weight linear unit, $\\hat y^\\mu = w_1 x^\\mu + w_2$ (inputs $x^\\mu$ and
1), as squares on the data of ``gdbook.figures.sse.bowl_data``, beside the
contour map of $E(w_1, w_2)$. Its pure functions are run here in Node on a grid
of weights covering both sliders' ends and compared with gdbook.

Tolerances, and why:

- bit-identical (``np.testing.assert_array_equal``): the data, the
  predictions, the residuals $y - \\hat y$ (the squares' sides), their squares
  (the areas), their total, E (``gdbook.losses.sse``), the contour map's grid
  (``np.linspace``) and every value of E on it. The script uses NumPy's
  operations in NumPy's order, including the pairwise summation of ``np.sum``.
- rtol 1e-12: the least-squares weights (the cross on the map) and the least
  E, which the script solves from the 2 x 2 normal equations while NumPy's
  ``lstsq`` uses an SVD, and the contour levels, which are built from that E.
"""

import json
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from gdbook.figures.sse import bowl_data
from gdbook.losses import sse

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "docs" / "assets" / "interactive" / "ch1-sse-squares.js"
CHAPTER = ROOT / "docs" / "chapters" / "01-sum-of-squared-errors.md"
NODE = shutil.which("node")


@pytest.fixture(autouse=True)
def node_is_required():
    if NODE is None:
        pytest.fail(
            "Node.js is required to check docs/assets/interactive/ch1-sse-squares.js "
            "against gdbook, but `node` is not on PATH; install Node.js (see README.md)",
            pytrace=False,
        )


RUNNER = """
const f = require(process.argv[1]);
const calls = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = calls.map(([fn, ...args]) =>
  fn === "constants" ? { X: f.X, Y: f.Y, W1: f.W1_RANGE, W2: f.W2_RANGE,
                         GRID: f.GRID, DEFAULTS: f.DEFAULTS }
  : f[fn](...args));
process.stdout.write(JSON.stringify(out));
"""


def run_js(calls: list) -> list:
    proc = subprocess.run(
        [NODE, "-e", RUNNER, str(SCRIPT)],
        input=json.dumps(calls),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def slider(name: str) -> dict:
    """The attributes of the chapter's range input ``data-gdb-control=name``."""
    page = CHAPTER.read_text()
    tag = re.search(rf'<input[^>]*data-gdb-control="{name}"[^>]*>', page).group(0)
    return {k: float(v) for k, v in re.findall(r'(min|max|step|value)="([^"]+)"', tag)}


W1S = [-1.0, -0.37, 0.0, 0.56, 1.0, 1.3, 1.6, 2.0]
W2S = [-1.0, -0.5, -0.25, 0.0, 0.01, 0.4, 1.0]
SETTINGS = [{"w1": a, "w2": b} for a in W1S for b in W2S]


def predictions(w1: float, w2: float) -> np.ndarray:
    x, _ = bowl_data()
    return w1 * x + w2  # the unit's inputs are x and 1


def test_settings_cover_both_sliders_and_the_page_matches_the_script():
    (const,) = run_js([["constants"]])
    w1, w2 = slider("w1"), slider("w2")
    assert [w1["min"], w1["max"]] == const["W1"]
    assert [w2["min"], w2["max"]] == const["W2"]
    assert {w1["min"], w1["max"]} <= set(W1S) and {w2["min"], w2["max"]} <= set(W2S)
    assert {"w1": w1["value"], "w2": w2["value"]} == const["DEFAULTS"]
    assert const["DEFAULTS"] in SETTINGS


def test_data_are_bowl_data_bit_for_bit():
    (const,) = run_js([["constants"]])
    x, y = bowl_data()
    np.testing.assert_array_equal(const["X"], x)
    np.testing.assert_array_equal(const["Y"], y)


def test_every_drawn_number_equals_gdbook_bit_for_bit():
    results = run_js([["compute", s] for s in SETTINGS])
    x, y = bowl_data()
    for s, got in zip(SETTINGS, results, strict=True):
        y_hat = predictions(s["w1"], s["w2"])
        np.testing.assert_array_equal(got["w"], [s["w1"], s["w2"]])
        np.testing.assert_array_equal(got["x"], x)
        np.testing.assert_array_equal(got["y"], y)
        np.testing.assert_array_equal(got["yHat"], y_hat, err_msg=str(s))
        np.testing.assert_array_equal(got["residuals"], y - y_hat, err_msg=str(s))
        np.testing.assert_array_equal(got["squares"], (y - y_hat) ** 2, err_msg=str(s))
        assert got["total"] == float(np.sum((y - y_hat) ** 2)), s
        assert got["E"] == sse(y, y_hat), s


def test_e_equals_the_chapters_matrix_form():
    # The chapter writes the predictions of a linear unit as X @ W.T; with the
    # inputs (x, 1) that is the same E (to rtol 1e-12: BLAS may fuse the
    # multiply and the add, which rounds once instead of twice).
    results = run_js([["error", s["w1"], s["w2"]] for s in SETTINGS])
    x, y = bowl_data()
    inputs = np.column_stack([x, np.ones_like(x)])
    for s, got in zip(SETTINGS, results, strict=True):
        want = sse(y, inputs @ np.array([s["w1"], s["w2"]]))
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=0, err_msg=str(s))


def test_contour_grid_equals_sse_on_np_linspace_bit_for_bit():
    (const, grid) = run_js([["constants"], ["errorGrid"]])
    x, y = bowl_data()
    n1, n2 = const["GRID"]
    w1s = np.linspace(*const["W1"], n1 + 1)
    w2s = np.linspace(*const["W2"], n2 + 1)
    np.testing.assert_array_equal(grid["w1s"], w1s)
    np.testing.assert_array_equal(grid["w2s"], w2s)
    want = np.array([[sse(y, a * x + b) for a in w1s] for b in w2s])
    np.testing.assert_array_equal(grid["values"], want)


def test_minimum_and_levels_equal_lstsq():
    (best,) = run_js([["minimum"]])
    x, y = bowl_data()
    inputs = np.column_stack([x, np.ones_like(x)])
    w_best = np.linalg.lstsq(inputs, y, rcond=None)[0]
    e_best = sse(y, inputs @ w_best)
    np.testing.assert_allclose(best["w"], w_best, rtol=1e-12, atol=0)
    np.testing.assert_allclose(best["E"], e_best, rtol=1e-12, atol=0)
    (levels,) = run_js([["levels", best["E"]]])
    want = e_best + 0.05 * 2.0 ** np.arange(9)
    np.testing.assert_allclose(levels, want, rtol=1e-12, atol=0)
    # The cross is the lowest point of the drawn grid's neighbourhood.
    (grid,) = run_js([["errorGrid"]])
    assert np.min(grid["values"]) >= e_best


def test_pairwise_sum_is_numpys_on_many_lengths():
    rng = np.random.default_rng(14)
    arrays = [
        rng.normal(size=n) * 10.0 ** rng.uniform(-3, 3, n) for n in range(1, 300, 7)
    ]
    results = run_js([["pairwiseSum", a.tolist()] for a in arrays])
    for a, got in zip(arrays, results, strict=True):
        assert got == float(np.sum(a)), len(a)


@pytest.mark.parametrize(
    "call",
    [
        ["compute", {"w1": None, "w2": 0.0}],
        ["compute", {"w1": "1", "w2": 0.0}],
        ["error", 0.0, float("inf")],
        ["predictions", float("nan"), 0.0],
    ],
)
def test_js_rejects_weights_that_are_not_finite_numbers(call):
    payload = json.dumps([call]).replace("Infinity", "1e999").replace("NaN", "null")
    if call[0] == "predictions":  # JSON has no NaN: build it in Node
        payload = json.dumps([["predictions", "__nan__", 0.0]])
    runner = RUNNER.replace(
        "f[fn](...args)", 'f[fn](...args.map((a) => a === "__nan__" ? NaN : a))'
    )
    proc = subprocess.run(
        [NODE, "-e", runner, str(SCRIPT)],
        input=payload,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert proc.returncode != 0
    assert "the weights must be finite numbers" in proc.stderr, proc.stderr
