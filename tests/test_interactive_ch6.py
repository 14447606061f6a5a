"""Chapter 6's interactive figure computes what gdbook computes.

``docs/assets/interactive/ch6-lambda.js`` fits a polynomial of degree 9 to
the noisy points of ``gdbook.datasets.noisy_sine`` with the L2 penalty of
Eq. (27), for the lambda the reader picks on a log-scale slider, and draws
the fitted curve, the training and validation costs at every stop of the
slider, and the size of each weight. Its pure functions are run here in Node
at every stop of the slider (lambda = 0, the ill-conditioned end, included)
and every number it draws or prints is compared with gdbook:

- its data with ``noisy_sine`` (seed and sizes as stated in the script),
- the weights and bias with ``gdbook.regularization.ridge_fit``,
- the curve with ``gdbook.regularization.polynomial``,
- the training and validation costs with ``gdbook.losses.mse``,

all bit-identical (``np.testing.assert_array_equal``): ``ridge_fit`` writes
out its Cholesky factorization in plain floating-point steps, and the script
repeats them, and NumPy's pairwise summation, in the same order, so no step
is left to a library's choice of order. NumPy's LAPACK solve would agree
only to about 1e-16 times the condition number of the normal equations,
about 1e7 at lambda = 0 (tests/test_regularization.py checks ridge_fit
against it to that tolerance). The size of the weights is compared with
``np.linalg.norm``, and the dashed sine with ``np.sin``, to a relative
1e-12: there NumPy's order of summation, and its sine, are its own.
"""

import json
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from gdbook.datasets import noisy_sine
from gdbook.losses import mse
from gdbook.regularization import polynomial, polynomial_features, ridge_fit

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "docs" / "assets" / "interactive" / "ch6-lambda.js"
PAGE = ROOT / "docs" / "chapters" / "06-l2-regularization.md"
NODE = shutil.which("node")


@pytest.fixture(autouse=True)
def node_is_required():
    # Without Node the figure's equality with gdbook would go unchecked.
    if NODE is None:
        pytest.fail(
            "Node.js is required to check docs/assets/interactive/ch6-lambda.js "
            "against gdbook, but `node` is not on PATH; install Node.js (see README.md)",
            pytrace=False,
        )


RUNNER = """
const fig = require(process.argv[1]);
const calls = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = calls.map(([fn, ...args]) => fn === "constants"
  ? { SEED: fig.SEED, NOISE: fig.NOISE, DEGREE: fig.DEGREE, SLIDER: fig.SLIDER,
      N_CURVE: fig.N_CURVE, data: fig.data }
  : fn === "fit" ? fig.ridgeFit(...args)
  : fig.compute(...args));
process.stdout.write(JSON.stringify(out));
"""


def run_js(calls: list, check: bool = True) -> list | subprocess.CompletedProcess:
    proc = subprocess.run(
        [NODE, "-e", RUNNER, str(SCRIPT)],
        input=json.dumps(calls),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    if not check:
        return proc
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def constants():
    return run_js([["constants"]])[0]


@pytest.fixture(scope="module")
def data(constants):
    rng = np.random.default_rng(constants["SEED"])
    train = noisy_sine(10, constants["NOISE"], rng, even=True)
    validation = noisy_sine(40, constants["NOISE"], rng)
    return train, validation


def stops(slider: dict) -> list[float]:
    n = round((slider["max"] - slider["min"]) / slider["step"])
    return [slider["min"] + k * slider["step"] for k in range(n + 1)]


def test_the_data_are_gdbooks(constants, data):
    (x, y), (x_val, y_val) = data
    got = constants["data"]
    for name, want in (("x", x), ("y", y), ("xVal", x_val), ("yVal", y_val)):
        np.testing.assert_array_equal(np.array(got[name]), want, err_msg=name)


def test_the_slider_on_the_page_is_the_scripts(constants):
    page = PAGE.read_text()
    block = re.search(
        r'data-gdb-interactive="ch6-lambda".*?</script>\n</div>', page, re.S
    )
    assert block, "the figure's block is missing from chapter 6"
    tag = re.search(
        r'<input [^>]*data-gdb-control="lambda"[^>]*>', block.group(0)
    ).group(0)
    attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', tag))
    slider = constants["SLIDER"]
    assert [float(attrs[k]) for k in ("min", "max", "step")] == [
        slider["min"],
        slider["max"],
        slider["step"],
    ]
    assert float(attrs["value"]) == slider["min"]  # the figure opens at lambda = 0


@pytest.fixture(scope="module")
def results(constants):
    return run_js([["compute", v] for v in stops(constants["SLIDER"])])


def check_fit(got: dict, x, y, x_val, y_val, degree: int):
    lmbda = got["lmbda"]
    w, b = ridge_fit(polynomial_features(x, degree), y, lmbda)
    label = f"lambda = {lmbda}"
    np.testing.assert_array_equal(np.array(got["w"]), w, err_msg=label)
    assert got["b"] == b, label
    assert got["train"] == mse(y, polynomial(x, w, b)), label
    assert got["val"] == mse(y_val, polynomial(x_val, w, b)), label
    np.testing.assert_allclose(got["norm"], np.linalg.norm(w), rtol=1e-12, atol=0)


def test_every_drawn_number_equals_gdbook(constants, data, results):
    (x, y), (x_val, y_val) = data
    degree = constants["DEGREE"]
    all_stops = stops(constants["SLIDER"])
    lambdas = set()
    for got in results:
        assert got["lmbda"] == (
            0.0
            if got["slider"] == all_stops[0]
            else pytest.approx(10 ** got["slider"], rel=1e-11)
        )
        check_fit(got, x, y, x_val, y_val, degree)
        # the curve, and the dashed sine it should find
        grid = np.linspace(-1.0, 1.0, constants["N_CURVE"])
        np.testing.assert_array_equal(np.array(got["curve"]["x"]), grid)
        np.testing.assert_array_equal(
            np.array(got["curve"]["y"]), polynomial(grid, np.array(got["w"]), got["b"])
        )
        np.testing.assert_allclose(
            got["curve"]["truth"], np.sin(np.pi * grid), rtol=1e-12, atol=1e-15
        )
        # the middle panel: both costs at every stop of the slider
        assert [p["slider"] for p in got["sweep"]] == all_stops
        for point in got["sweep"]:
            check_fit(point, x, y, x_val, y_val, degree)
        lambdas.add(got["lmbda"])
    assert 0.0 in lambdas and 100.0 in lambdas and len(lambdas) == len(all_stops)


def test_the_figure_shows_overfitting_and_shrinking_weights(results):
    # What the figure is for, on its own data: at lambda = 0 the curve passes
    # through every training point (training cost at rounding level) and the
    # weights are large; the validation cost is lower at some lambda > 0; the
    # largest lambda has the smallest weights.
    sweep = results[0]["sweep"]
    assert sweep[0]["lmbda"] == 0 and sweep[0]["train"] < 1e-20
    assert min(p["val"] for p in sweep[1:]) < sweep[0]["val"]
    norms = [p["norm"] for p in sweep]
    assert norms[-1] == min(norms) and norms[0] == max(norms)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (["compute", -9], "slider's value must be in"),
        (["compute", 3], "slider's value must be in"),
        (["compute", "1"], "slider's value must be in"),
        (["fit", [[1.0, 1.0], [2.0, 2.0], [3.0, 3.0]], [1.0, 1.0, 1.0], 0], "singular"),
        (["fit", [[1.0]], [1.0], -1], "lmbda must be >= 0"),
    ],
)
def test_js_rejects_bad_settings_like_gdbook(call, message):
    if call[0] == "fit":
        with pytest.raises(ValueError, match=message):
            ridge_fit(np.array(call[1]), np.array(call[2]), call[3])
    proc = run_js([call], check=False)
    assert proc.returncode != 0
    assert re.search(message, proc.stderr), proc.stderr
