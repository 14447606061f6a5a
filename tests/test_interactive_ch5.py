"""Chapter 5's interactive figure computes what gdbook computes.

``docs/assets/interactive/ch5-slowdown.js`` trains the badly started sigmoid
neuron of chapter 5 in the page, under the quadratic and the cross-entropy
costs, for the learning rate and the starting weight and bias the reader
picks. Its pure functions are run here in Node on a grid of settings (every
learning rate of the slider, both ends of the start sliders, saturating
starts) and every number the figure draws or prints is compared with
``gdbook.figures.cross_entropy.slowdown_run``, which trains the same neuron
with ``gdbook.network.Network.fit``.

Tolerance: relative 1e-12 (no absolute slack). The JavaScript repeats the
operations of ``Network.fit`` and ``Network.cost`` in their order, so every
addition, multiplication and division is the same IEEE operation; but the
sigmoid and the cross-entropy go through ``exp`` and ``log1p``, which neither
JavaScript nor NumPy promises to round correctly, so the two may differ in
the last bit (they do, on some points of the grid, with NumPy's vectorized
exp), and a last-bit difference is carried along the epochs. The crossing
epochs, which are integers, must be equal.
"""

import json
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from gdbook.activations import sigmoid, sigmoid_prime
from gdbook.figures.cross_entropy import SLOWDOWN, SLOWDOWN_EPOCHS, slowdown_run

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "docs" / "assets" / "interactive" / "ch5-slowdown.js"
PAGE = ROOT / "docs" / "chapters" / "05-cross-entropy.md"
NODE = shutil.which("node")
COSTS = ("quadratic", "cross_entropy")


@pytest.fixture(autouse=True)
def node_is_required():
    # Without Node the figure's equality with gdbook would go unchecked.
    if NODE is None:
        pytest.fail(
            "Node.js is required to check docs/assets/interactive/ch5-slowdown.js "
            "against gdbook, but `node` is not on PATH; install Node.js (see README.md)",
            pytrace=False,
        )


RUNNER = """
const fig = require(process.argv[1]);
const calls = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = calls.map(([fn, arg]) => fn === "constants"
  ? { ETAS: fig.ETAS, START: fig.START, EPOCHS: fig.EPOCHS, X: fig.X, Y: fig.Y }
  : fig.compute(arg));
process.stdout.write(JSON.stringify(out));
"""


def run_js(calls: list) -> list:
    proc = subprocess.run(
        [NODE, "-e", RUNNER, str(SCRIPT)],
        input=json.dumps(calls),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


CONSTANTS = run_js([["constants", None]])[0] if NODE else {}
STARTS = [
    (2.0, 2.0),  # the chapter's bad start
    (6.0, 6.0),  # both sliders at their top: z = 12, sigma' below 1e-5
    (-6.0, -6.0),  # both at the bottom: already right
    (6.0, -6.0),
    (-6.0, 6.0),
    (4.0, 3.5),  # saturated, z = 7.5
    (0.0, 0.0),  # the middle of the sigmoid
    (0.5, -1.5),
    (-2.5, 5.0),
]
# Every learning rate from the chapter's start and from the top of the start
# sliders; every start at the smallest, the chapter's and the largest rate.
GRID = [
    {"eta": eta, "w": w, "b": b}
    for eta in CONSTANTS.get("ETAS", [])
    for w, b in (STARTS if eta in (0.01, 0.15, 8) else STARTS[:2])
]


def first_below(values: np.ndarray, level: float) -> int:
    hits = np.flatnonzero(values < level)
    return int(hits[0]) if len(hits) else -1


def test_js_neuron_is_gdbooks():
    assert CONSTANTS["X"] == SLOWDOWN["x"] and CONSTANTS["Y"] == SLOWDOWN["y"]
    assert CONSTANTS["EPOCHS"] == SLOWDOWN_EPOCHS


def test_sliders_match_the_js_and_cover_the_chapter():
    page = PAGE.read_text()
    block = re.search(
        r'data-gdb-interactive="ch5-slowdown".*?</script>\n</div>', page, re.S
    )
    assert block, "the figure's block is missing from chapter 5"
    inputs = re.findall(r"<input [^>]*>", block.group(0))
    attrs = {
        a["data-gdb-control"]: a
        for a in (dict(re.findall(r'([\w-]+)="([^"]*)"', i)) for i in inputs)
    }
    etas, start = CONSTANTS["ETAS"], CONSTANTS["START"]
    assert (int(attrs["eta"]["min"]), int(attrs["eta"]["max"])) == (0, len(etas) - 1)
    assert etas[int(attrs["eta"]["value"])] == SLOWDOWN["eta"]
    for k in ("w", "b"):
        lo, hi, step = (float(attrs[k][a]) for a in ("min", "max", "step"))
        assert (lo, hi, step) == (start["min"], start["max"], start["step"])
        assert float(attrs[k]["value"]) == SLOWDOWN[k]
    # the grid holds every learning rate and both ends of each start slider
    assert {s["eta"] for s in GRID} == set(etas)
    assert {s["w"] for s in GRID} >= {start["min"], start["max"]}
    assert {s["b"] for s in GRID} >= {start["min"], start["max"]}


@pytest.fixture(scope="module")
def results():
    return run_js([["compute", s] for s in GRID])


def test_every_drawn_number_equals_gdbook(results):
    for setting, got in zip(GRID, results, strict=True):
        z = setting["w"] * SLOWDOWN["x"] + setting["b"]
        np.testing.assert_allclose(got["a"], float(sigmoid(z)), rtol=1e-12, atol=0)
        np.testing.assert_allclose(
            got["slope"], float(sigmoid_prime(z)), rtol=1e-12, atol=0
        )
        for cost in COSTS:
            outputs, costs = slowdown_run(
                cost, eta=setting["eta"], w=setting["w"], b=setting["b"]
            )
            label = f"{cost} {setting}"
            np.testing.assert_allclose(
                got[cost]["outputs"], outputs, rtol=1e-12, atol=0, err_msg=label
            )
            np.testing.assert_allclose(
                got[cost]["costs"], costs, rtol=1e-12, atol=0, err_msg=label
            )
            assert got[cost]["half"] == first_below(outputs, 0.5), label


def test_the_grid_shows_the_slowdown_and_saturation(results):
    # The settings exercise what the figure is for: at the chapter's start the
    # quadratic neuron crosses 1/2 much later; from the top of the sliders it
    # does not cross within the epochs at the chapter's eta; at the bottom
    # both outputs start below 1/2.
    by = {json.dumps(s, sort_keys=True): r for s, r in zip(GRID, results, strict=True)}

    def at(eta, w, b):
        return by[json.dumps({"b": b, "eta": eta, "w": w}, sort_keys=True)]

    chapter = at(0.15, 2.0, 2.0)
    assert chapter["cross_entropy"]["half"] < chapter["quadratic"]["half"]
    top = at(0.15, 6.0, 6.0)
    assert top["quadratic"]["half"] == -1 and top["slope"] < 1e-5
    assert at(0.15, -6.0, -6.0)["quadratic"]["half"] == 0


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"eta": 0, "w": 1, "b": 1}, "eta must be a number > 0"),
        ({"eta": -1, "w": 1, "b": 1}, "eta must be a number > 0"),
        ({"eta": 0.1, "w": "2", "b": 1}, "w must be a finite number"),
        ({"eta": 0.1, "w": 1, "b": None}, "b must be a finite number"),
    ],
)
def test_js_rejects_bad_settings_like_gdbook(settings, message):
    eta, w, b = settings["eta"], settings["w"], settings["b"]
    if isinstance(eta, int) and eta <= 0:
        with pytest.raises(ValueError):
            slowdown_run("quadratic", epochs=1, eta=eta, w=1.0, b=1.0)
    proc = subprocess.run(
        [NODE, "-e", RUNNER, str(SCRIPT)],
        input=json.dumps([["compute", {"eta": eta, "w": w, "b": b}]]),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert proc.returncode != 0
    assert re.search(message, proc.stderr), proc.stderr
