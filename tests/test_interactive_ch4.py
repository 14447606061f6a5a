"""Chapter 4's interactive figure computes what gdbook computes.

``docs/assets/interactive/ch4-backprop.js`` draws a 2-3-2 sigmoid network with
the quadratic cost and shows, for one example, the weighted inputs $z^l$, the
activations $a^l$, the errors $\\delta^l$ and the gradient of the selected
weight or bias. Its pure function ``compute`` is run here in Node on a grid of
inputs, targets and parameters and compared with ``gdbook.network.Network``
built with the same parameters: $z^l$ and $a^l$ with ``Network.forward``, the
errors and gradients with ``Network.backprop`` on a batch of that one example
($\\delta^l$ is ``nabla_b``, @eq:23, since $\\partial C/\\partial b^l = \\delta^l$;
the gradient of every weight is ``nabla_w``), the cost with ``Network.cost``.
The intermediate vectors the figure prints, $a^3 - y$ and
$(W^3)^T \\delta^3$, are compared with the same NumPy expressions as in
``Network._backprop``.

Tolerance: 1e-12 relative to the size of the terms each number is computed
from (``scales``: the same formula on absolute values), which for z, a and
the gradients of an unsaturated network is plain relative 1e-12. Where terms
cancel (a hidden neuron whose outgoing weights pull both ways, ``1 - a`` of a
saturated neuron, ``a - y`` for a target near the output), a last-bit
difference of the terms is a larger relative difference of the result
(1.2e-11 was seen on the grid), so the bound is on the terms' size. Not bit-identical. The script does Network's operations in Network's order, but
NumPy's ``exp`` (vectorized) and JavaScript's ``Math.exp`` may round the same
argument to neighbouring doubles, and ``a @ W.T`` goes through BLAS, which
may fuse a multiply and an add; on the grid below about three numbers in four
come out bit-identical and the largest relative difference is of order
1e-14. A test also requires that most of them are bit-identical, so that a
change of the order of operations in either would be noticed.
"""

import json
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from gdbook.network import Network

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "docs" / "assets" / "interactive" / "ch4-backprop.js"
CHAPTER = ROOT / "docs" / "chapters" / "04-neural-networks-and-backpropagation.md"
NODE = shutil.which("node")


@pytest.fixture(autouse=True)
def node_is_required():
    if NODE is None:
        pytest.fail(
            "Node.js is required to check docs/assets/interactive/ch4-backprop.js "
            "against gdbook, but `node` is not on PATH; install Node.js (see README.md)",
            pytrace=False,
        )


RUNNER = """
const ex = require(process.argv[1]);
const calls = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = calls.map(([fn, arg]) => fn === "defaults" ? ex.DEFAULTS
  : fn === "params" ? ex.PARAMS : ex.compute(arg));
process.stdout.write(JSON.stringify(out));
"""


def node(calls: list, check: bool = True):
    proc = subprocess.run(
        [NODE, "-e", RUNNER, str(SCRIPT)],
        input=json.dumps(calls),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    if not check:
        return proc
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def setting(x, y, W2, W3, b2, b3) -> dict:
    return {
        "x": list(x),
        "y": list(y),
        "W": {"2": W2, "3": W3},
        "b": {"2": b2, "3": b3},
    }


def random_setting(rng, lo=-4.0, hi=4.0) -> dict:
    """Values on the page's sliders: x in [-2, 2], y in [0, 1], parameters in [lo, hi]."""
    return setting(
        rng.uniform(-2, 2, 2).round(2),
        rng.uniform(0, 1, 2).round(2),
        rng.uniform(lo, hi, (3, 2)).round(2).tolist(),
        rng.uniform(lo, hi, (2, 3)).round(2).tolist(),
        rng.uniform(lo, hi, 3).round(2).tolist(),
        rng.uniform(lo, hi, 2).round(2).tolist(),
    )


def grid() -> list[dict]:
    rng = np.random.default_rng(4)
    out = [node([["defaults"]])[0]]
    out += [random_setting(rng) for _ in range(60)]
    out += [random_setting(rng, -0.3, 0.3) for _ in range(10)]
    four = [[4.0] * 2] * 3, [[4.0] * 3] * 2, [4.0] * 3, [4.0] * 2
    out += [
        # The ends of every slider: saturated neurons, within 1e-6 of 0 or 1.
        setting([2.0, 2.0], [0.0, 0.0], *four),
        setting([-2.0, -2.0], [1.0, 1.0], *four),
        setting(
            [2.0, -2.0],
            [1.0, 0.0],
            [[4.0, -4.0]] * 3,
            [[-4.0] * 3] * 2,
            [-4.0] * 3,
            [-4.0] * 2,
        ),
        # All parameters zero: every a is 1/2 and the targets 1/2 give zero errors.
        setting(
            [0.0, 0.0],
            [0.5, 0.5],
            [[0.0] * 2] * 3,
            [[0.0] * 3] * 2,
            [0.0] * 3,
            [0.0] * 2,
        ),
        setting(
            [1.5, -0.5],
            [0.5, 0.5],
            [[0.0] * 2] * 3,
            [[0.0] * 3] * 2,
            [0.0] * 3,
            [0.0] * 2,
        ),
    ]
    return out


def gdbook_values(s: dict) -> dict:
    net = Network([2, 3, 2], cost="quadratic", seed=0)
    net.weights = [np.array(s["W"]["2"], float), np.array(s["W"]["3"], float)]
    net.biases = [np.array(s["b"]["2"], float), np.array(s["b"]["3"], float)]
    X, Y = np.array([s["x"]], float), np.array([s["y"]], float)
    zs, acts = net.forward(X)
    nabla_b, nabla_w = net.backprop(X, Y)
    a3 = acts[2]
    return {
        "z2": zs[0][0],
        "z3": zs[1][0],
        "a1": acts[0][0],
        "a2": acts[1][0],
        "a3": a3[0],
        "sp2": (acts[1] * (1 - acts[1]))[0],
        "sp3": (a3 * (1 - a3))[0],
        "err": (a3 - Y)[0],  # as in Network._output_error
        "back": (nabla_b[1][np.newaxis, :] @ net.weights[1])[0],  # as in _backprop
        "delta2": nabla_b[0],
        "delta3": nabla_b[1],  # Eq. (23): dC/db = delta
        "gradW2": nabla_w[0],
        "gradW3": nabla_w[1],
        "gradB2": nabla_b[0],
        "gradB3": nabla_b[1],
        "cost": np.array(net.cost(X, Y)),
    }


def js_values(r: dict) -> dict:
    return {
        "z2": r["z"]["2"],
        "z3": r["z"]["3"],
        "a1": r["a"]["1"],
        "a2": r["a"]["2"],
        "a3": r["a"]["3"],
        "sp2": r["sp"]["2"],
        "sp3": r["sp"]["3"],
        "err": r["err"],
        "back": r["back"],
        "delta2": r["delta"]["2"],
        "delta3": r["delta"]["3"],
        "gradW2": r["gradW"]["2"],
        "gradW3": r["gradW"]["3"],
        "gradB2": r["gradB"]["2"],
        "gradB3": r["gradB"]["3"],
        "cost": r["cost"],
    }


@pytest.fixture(scope="module")
def compared():
    settings = grid()
    results = node([["compute", s] for s in settings])
    return [
        (s, js_values(r), gdbook_values(s))
        for s, r in zip(settings, results, strict=True)
    ]


def scales(want: dict, s: dict) -> dict:
    """The size of each number's terms: its formula evaluated on absolute values.

    ``|W| |a| + |b|`` for z, ``|a| (1 + |a|)`` for the slope ``a (1 - a)``,
    ``|a| + |y|`` for ``a - y``, and so on through Eqs. (17), (22) and (24). A
    result whose terms cancel (a hidden neuron whose outgoing weights pull
    both ways, a saturated neuron's ``1 - a``) carries the rounding of its
    terms, so its tolerance is 1e-12 of their size, not of its own.
    """
    W2, W3 = (np.abs(np.array(s["W"][k], float)) for k in ("2", "3"))
    b2, b3 = (np.abs(np.array(s["b"][k], float)) for k in ("2", "3"))
    a1, a2, a3 = (np.abs(want[k]) for k in ("a1", "a2", "a3"))
    sp2, sp3 = a2 * (1 + a2), a3 * (1 + a3)
    err = a3 + np.abs(np.array(s["y"], float))
    d3 = err * sp3
    back = d3 @ W3
    d2 = back * sp2
    return {
        "z2": W2 @ a1 + b2, "z3": W3 @ a2 + b3, "a1": a1, "a2": a2, "a3": a3,
        "sp2": sp2, "sp3": sp3, "err": err, "back": back,
        "delta2": d2, "delta3": d3, "gradB2": d2, "gradB3": d3,
        "gradW2": np.outer(d2, a1), "gradW3": np.outer(d3, a2),
        "cost": 0.5 * np.sum(err**2),
    }  # fmt: skip


def test_every_number_equals_gdbook_network(compared):
    for s, got, want in compared:
        assert got.keys() == want.keys()
        size = scales(want, s)
        for key in want:
            g = np.array(got[key], float)
            assert g.shape == want[key].shape, key
            bad = np.abs(g - want[key]) > 1e-12 * size[key]
            assert not bad.any(), (key, s, g, want[key])


def test_most_numbers_are_bit_identical(compared):
    same = total = 0
    for _, got, want in compared:
        for key in want:
            g = np.array(got[key], float)
            same += int(np.sum(g == want[key]))
            total += g.size
    assert same / total > 0.5, f"only {same} of {total} numbers bit-identical"


def test_the_grid_saturates_and_zeroes():
    results = node([["compute", s] for s in grid()])
    a3 = np.array([r["a"]["3"] for r in results])
    assert a3.max() > 1 - 1e-6 and a3.min() < 1e-6
    assert any(np.all(np.array(r["delta"]["3"]) == 0) for r in results)


def test_the_selectable_parameters_are_every_weight_and_bias():
    params = node([["params"]])[0]
    weights = {(p["l"], p["j"], p["k"]) for p in params if p["kind"] == "w"}
    biases = {(p["l"], p["j"]) for p in params if p["kind"] == "b"}
    assert weights == {(2, j, k) for j in range(3) for k in range(2)} | {
        (3, j, k) for j in range(2) for k in range(3)
    }
    assert biases == {(2, j) for j in range(3)} | {(3, j) for j in range(2)}
    assert len(params) == len(weights) + len(biases)


def test_the_sliders_span_the_grid():
    page = CHAPTER.read_text()
    ranges = {}
    for name in ["x1", "x2", "y1", "y2", "value"]:
        tag = re.search(f'data-gdb-control="{name}"[^>]*>', page).group(0)
        ranges[name] = tuple(
            float(re.search(f'{k}="([^"]+)"', tag).group(1)) for k in ("min", "max")
        )
    assert ranges["x1"] == ranges["x2"] == (-2.0, 2.0)
    assert ranges["y1"] == ranges["y2"] == (0.0, 1.0)
    assert ranges["value"] == (-4.0, 4.0)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"x": [1.0]}, "x must be 2 finite numbers"),
        ({"y": [0.0, float("nan")]}, "y must be 2 finite numbers"),
        (
            {"W": {"2": [[1.0, 2.0]] * 2, "3": [[0.0] * 3] * 2}},
            r"W2 must have shape \(3, 2\)",
        ),
        ({"b": {"2": [0.0] * 3, "3": [0.0]}}, "b3 must be 2 finite numbers"),
    ],
)
def test_js_rejects_bad_settings_like_gdbook(change, message):
    s = {**node([["defaults"]])[0], **change}
    with pytest.raises(ValueError):
        net = Network([2, 3, 2], cost="quadratic", seed=0)
        net.weights = [np.array(s["W"]["2"], float), np.array(s["W"]["3"], float)]
        net.biases = [np.array(s["b"]["2"], float), np.array(s["b"]["3"], float)]
        net.backprop(np.array([s["x"]], float), np.array([s["y"]], float))
    proc = node(
        [["compute", json.loads(json.dumps(s).replace("NaN", '"NaN"'))]], check=False
    )
    assert proc.returncode != 0
    assert re.search(message, proc.stderr), proc.stderr
