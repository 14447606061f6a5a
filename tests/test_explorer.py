"""The explorer page's JavaScript computes what gdbook computes.

``docs/assets/explorer.js`` draws the paths of gradient descent on the
explorer page. Its pure functions are run here in Node and compared with
``gdbook.surfaces`` and ``gdbook.descent``: same values, same gradients, same
points along every path.
"""

import json
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from gdbook.descent import gradient_descent, momentum_descent
from gdbook.surfaces import SURFACES

SCRIPT = Path(__file__).resolve().parents[1] / "docs" / "assets" / "explorer.js"
NODE = shutil.which("node")


@pytest.fixture(autouse=True)
def node_is_required():
    # Node is a requirement of the book (README): without it the explorer's
    # equality with gdbook would go unchecked, so its absence is a failure.
    if NODE is None:
        pytest.fail(
            "Node.js is required to check docs/assets/explorer.js against "
            "gdbook, but `node` is not on PATH; install Node.js (see README.md)",
            pytrace=False,
        )


# Node reads a list of calls on stdin and prints their results; infinities and
# NaN, which JSON cannot hold, travel as strings that float() reads back.
RUNNER = """
const ex = require(process.argv[1]);
const calls = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = calls.map(([fn, ...args]) =>
  fn === "f" ? ex.SURFACES[args[0]].f(args[1])
  : fn === "grad" ? ex.SURFACES[args[0]].grad(args[1])
  : ex.descentPath(...args));
process.stdout.write(JSON.stringify(out, (k, v) =>
  typeof v === "number" && !Number.isFinite(v) ? String(v) : v));
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
    return json.loads(proc.stdout, parse_constant=float)


def as_array(value) -> np.ndarray:
    return np.array(value, dtype=object).astype(np.float64)  # "Infinity" -> inf


POINTS = [[0.0, 0.0], [2.0, 1.0], [-1.3, 0.7], [0.123456789, -2.5], [1e3, -1e-4]]

# (surface, start, eta, beta, n_steps, tol): plain descent, momentum, early
# stopping, the zigzag at the edge of stability and paths that diverge.
SETTINGS = [
    ("bowl", [1.8, 1.1], 0.1, 0.0, 50, None),
    ("bowl", [1.8, 1.1], 0.5, 0.0, 5, None),
    ("bowl", [-0.7, 1.3], 0.3, 0.6, 80, 1e-6),
    ("bowl", [1.0, -2.0], 0.25, 0.5, 3, None),
    ("bowl", [1.8, 1.1], 0.97, 0.0, 40, None),
    ("bowl", [1.8, 1.1], 1.0, 0.0, 50, None),
    ("bowl", [1.8, 1.1], 1.2, 0.0, 50, None),
    ("bowl", [1.8, 1.1], 2.0, 0.0, 30, 1e-6),
    ("valley", [-4.0, 1.0], 0.001, 0.0, 100, None),
    ("valley", [-4.0, 1.0], 0.03, 0.0, 200, None),
    ("valley", [-4.0, 1.0], 0.03, 0.8, 1000, 1e-6),
    ("valley", [-4.0, 1.0], 0.07, 0.0, 300, 1e-6),
    ("valley", [3.3, -2.1], 0.079, 0.5, 300, 1e-6),
    ("valley", [-4.0, 1.0], 0.001, 0.99, 500, None),
    ("double_well", [2.0, 1.0], 0.02, 0.0, 300, None),
    ("double_well", [2.0, 1.0], 0.02, 0.9, 300, 1e-6),
    ("double_well", [2.0, 1.0], 0.02, 0.99, 1000, None),
    ("double_well", [-2.1, -1.2], 0.005, 0.7, 400, 1e-6),
    ("double_well", [0.1, 0.0], 0.03, 0.3, 200, 1e-6),
    ("double_well", [2.0, 1.0], 0.02, 0.5, 0, None),
]


def test_settings_cover_the_eta_slider():
    # The page's slider sets eta = 10**value, rounded to 3 digits (explorer.js,
    # eta()); the paths compared above include both ends of its range.
    page = (SCRIPT.parents[1] / "explorer.md").read_text()
    slider = re.search(r'<input data-gdb="eta"[^>]*>', page).group(0)
    lo, hi = (
        float(re.search(f'{k}="([^"]+)"', slider).group(1)) for k in ("min", "max")
    )
    ends = {float(f"{10**lo:.3g}"), float(f"{10**hi:.3g}")}
    assert ends == {0.001, 2.0}
    assert ends <= {s[2] for s in SETTINGS}


def python_path(name, w0, eta, beta, n_steps, tol):
    grad = SURFACES[name][1]
    if beta == 0:
        return gradient_descent(grad, np.array(w0), eta, n_steps, tol)
    return momentum_descent(grad, np.array(w0), eta, beta, n_steps, tol)


def test_js_values_and_gradients_equal_python():
    calls = [[fn, name, w] for name in SURFACES for w in POINTS for fn in ("f", "grad")]
    results = run_js(calls)
    for (fn, name, w), got in zip(calls, results, strict=True):
        f, grad = SURFACES[name]
        want = f(np.array(w)) if fn == "f" else grad(np.array(w))
        assert np.allclose(got, want, rtol=1e-12, atol=0), (fn, name, w, got, want)


def test_js_paths_equal_gdbook_descent():
    results = run_js([["path", *s] for s in SETTINGS])
    for setting, got in zip(SETTINGS, results, strict=True):
        want = python_path(*setting)
        got = as_array(got)
        assert got.shape == want.shape, (setting, got.shape, want.shape)
        assert np.allclose(got, want, rtol=1e-12, atol=0), setting


def test_a_diverging_path_ends_where_gdbook_raises():
    # eta = 1.5 on the bowl multiplies w by -2 per step: w overflows after
    # about 1024 steps. The JS path ends with the first infinite point;
    # gdbook.surfaces refuses to take its gradient, so gdbook.descent raises.
    setting = ("bowl", [1.8, 1.1], 1.5, 0.0, 2000, None)
    got = as_array(run_js([["path", *setting]])[0])
    assert not np.isfinite(got[-1]).all() and np.isfinite(got[:-1]).all()
    n_finite = len(got) - 1
    with np.errstate(over="ignore", invalid="ignore"):
        with pytest.raises(ValueError, match="NaN or inf"):
            python_path(*setting)
        want = python_path(*setting[:4], n_finite - 1, None)
    assert np.allclose(got[:n_finite], want, rtol=1e-12, atol=0)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nowhere", [1.0, 1.0], 0.1, 0.0, 5], "unknown surface"),
        (["bowl", [1.0], 0.1, 0.0, 5], "w must be a point"),
        (["bowl", [1.0, 1.0], 0.0, 0.0, 5], "eta must be > 0"),
        (["bowl", [1.0, 1.0], 0.1, 1.0, 5], r"beta must be in \[0, 1\)"),
        (["bowl", [1.0, 1.0], 0.1, 0.0, 2.5], "nSteps must be an integer"),
        (["bowl", [1.0, 1.0], 0.1, 0.0, 5, -1.0], "tol must be > 0"),
    ],
)
def test_js_rejects_bad_arguments_like_gdbook(args, message):
    name, w0, eta, beta, n_steps, *tol = args
    if name in SURFACES:  # gdbook raises ValueError for the same arguments
        grad = SURFACES[name][1]
        with pytest.raises(ValueError):
            momentum_descent(grad, np.array(w0), eta, beta, n_steps, *tol)
    proc = subprocess.run(
        [NODE, "-e", RUNNER, str(SCRIPT)],
        input=json.dumps([["path", *args]]),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert proc.returncode != 0
    assert re.search(message, proc.stderr), proc.stderr


def test_summary_reports_convergence_and_divergence():
    runner = """
    const ex = require(process.argv[1]);
    const run = (name, w0, eta, beta, n, tol) =>
      ex.summarize(name, ex.descentPath(name, w0, eta, beta, n, tol), n, tol);
    process.stdout.write(JSON.stringify([
      run("valley", [-4, 1], 0.03, 0.8, 1000, 1e-6),
      run("valley", [-4, 1], 0.03, 0.0, 200, 1e-6),
      run("valley", [-4, 1], 0.09, 0.0, 200, 1e-6),
    ]));
    """
    proc = subprocess.run(
        [NODE, "-e", runner, str(SCRIPT)], capture_output=True, text=True, check=True
    )
    converged, ran_out, diverged = json.loads(proc.stdout)
    want = python_path("valley", [-4.0, 1.0], 0.03, 0.8, 1000, 1e-6)
    assert converged["status"] == "converged"
    assert converged["steps"] == len(want) - 1
    assert ran_out["status"] == "steps" and ran_out["steps"] == 200
    assert diverged["status"] == "diverged"
    assert max(abs(x) for x in diverged["final"]) > 1e6
