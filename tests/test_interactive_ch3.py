"""Chapter 3's interactive figure computes what gdbook computes.

``docs/assets/interactive/ch3-batch-size.js`` runs batch (B = m), mini-batch
and stochastic (B = 1) descent on chapter 3's data in the page. Its pure
functions are run here in Node and compared with gdbook.

The shuffles. Choice: the page reimplements NumPy's generator, not a table of
batch orders. Its JavaScript has NumPy's SeedSequence, the PCG64 bit
generator (128-bit state in BigInt, with NumPy's buffered 32-bit draws) and
``Generator.permutation``'s Fisher-Yates with its masked bounded integers, so
any seed of the page gives the batches that ``gdbook.descent.batches`` gives
with ``np.random.default_rng(seed)``. The seeding words, the raw 64-bit and
32-bit draws and the permutations are compared with NumPy exactly
(integers, ``assert_array_equal``) for many seeds and sizes, and the batch
orders with ``gdbook.descent.batches`` epoch after epoch.

The data. ``teacher_data()`` needs NumPy's normal sampler, so the page holds
the 200 examples as a block of the script written by this module
(``python tests/test_interactive_ch3.py --write``) with Python's shortest
round-trip reprs; a test regenerates the block and fails if the script's copy
differs, and the values Node parses are compared bit for bit.

The descent. Every cost the figure draws (one per update, row 0 the start),
the least cost and the examples seen are compared with
``gdbook.descent.minibatch_descent(linear_mse_grad, ..., cost_fn=linear_mse)``
on a grid of B, eta and seeds, to a relative tolerance of 1e-12 (the examples
seen and epochs exactly). Not bit-identical: NumPy's ``X.T @ r`` and
``r @ r`` go through BLAS, whose summation order and fused multiply-adds
JavaScript cannot reproduce; the JavaScript sums in row order. The least
cost is compared with ``linear_mse`` at ``np.linalg.lstsq``'s solution, the
same tolerance. A run whose cost passes the figure's DIVERGED bound stops
there, and is compared row for row with gdbook run with a gradient that is
zero from that point on.
"""

import json
import math
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from gdbook.descent import batches, linear_mse, linear_mse_grad, minibatch_descent
from gdbook.figures.descent import teacher_data

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "docs" / "assets" / "interactive" / "ch3-batch-size.js"
CHAPTER = ROOT / "docs" / "chapters" / "03-batch-stochastic-mini-batch.md"
NODE = shutil.which("node")


def data_block() -> str:
    """The script's copy of teacher_data(), as the line that defines DATA."""
    X, y = teacher_data()
    cols = {"x1": X[:, 0], "x2": X[:, 1], "y": y}
    body = ",".join(
        f'"{k}":[{",".join(repr(float(v)) for v in c)}]' for k, c in cols.items()
    )
    return f"  const DATA = {{{body}}};\n"


def write_data() -> None:
    text = SCRIPT.read_text()
    new = re.sub(
        r"  const DATA = .*?;\n", lambda _: data_block(), text, count=1, flags=re.S
    )
    SCRIPT.write_text(new)


@pytest.fixture(autouse=True)
def node_is_required():
    if NODE is None:
        pytest.fail(
            "Node.js is required to check docs/assets/interactive/ch3-batch-size.js "
            "against gdbook, but `node` is not on PATH; install Node.js (see README.md)",
            pytrace=False,
        )


RUNNER = """
const ex = require(process.argv[1]);
const calls = JSON.parse(require("fs").readFileSync(0, "utf8"));
const big = (v) => v.toString();
const out = calls.map(([fn, ...a]) => {
  if (fn === "seedWords") return ex.seedWords(a[0]).map(big);
  if (fn === "raw") { const r = ex.makeRng(a[0]); return Array.from({length: a[1]}, () => big(r.next64())); }
  if (fn === "raw32") { const r = ex.makeRng(a[0]); return Array.from({length: a[1]}, () => r.next32()); }
  if (fn === "perms") { const r = ex.makeRng(a[0]); return a[1].map((n) => ex.permutation(r, n)); }
  if (fn === "order") return ex.batchOrder(...a);
  if (fn === "data") return ex.DATA;
  if (fn === "least") return ex.leastCost();
  if (fn === "run") return ex.run(...a);
  if (fn === "compute") return ex.compute(a[0]);
  throw new Error("unknown call " + fn);
});
process.stdout.write(JSON.stringify(out));
"""


def node(calls: list, check: bool = True) -> list | subprocess.CompletedProcess:
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


SEEDS = [0, 1, 2, 3, 7, 42, 99, 12345, 2**31 - 1, 2**32 - 1]


def test_the_script_holds_teacher_data_bit_for_bit():
    text = SCRIPT.read_text()
    assert data_block() in text, (
        "the DATA block of ch3-batch-size.js is not teacher_data(); "
        "run `uv run python tests/test_interactive_ch3.py --write`"
    )
    X, y = teacher_data()
    got = node([["data"]])[0]
    np.testing.assert_array_equal(np.array(got["x1"]), X[:, 0])
    np.testing.assert_array_equal(np.array(got["x2"]), X[:, 1])
    np.testing.assert_array_equal(np.array(got["y"]), y)


def test_seeding_and_raw_draws_equal_numpy():
    calls = [["seedWords", s] for s in SEEDS] + [["raw", s, 50] for s in SEEDS]
    calls += [["raw32", s, 51] for s in SEEDS]
    results = node(calls)
    n = len(SEEDS)
    for seed, words in zip(SEEDS, results[:n], strict=True):
        want = np.random.SeedSequence(seed).generate_state(4, np.uint64)
        assert [int(w) for w in words] == [int(w) for w in want], seed
    for seed, raw in zip(SEEDS, results[n : 2 * n], strict=True):
        bg = np.random.PCG64(seed)
        assert [int(v) for v in raw] == [int(v) for v in bg.random_raw(50)], seed
    for seed, raw in zip(SEEDS, results[2 * n :], strict=True):
        want = np.random.default_rng(seed).integers(0, 2**32, 51, dtype=np.uint32)
        np.testing.assert_array_equal(np.array(raw, dtype=np.uint32), want)


def test_permutations_equal_numpy():
    # One generator draws several permutations in a row (the buffered 32-bit
    # half carries over from one to the next), of sizes with every mask width.
    sizes = [1, 2, 3, 5, 17, 64, 65, 199, 200, 1000, 70000]
    results = node([["perms", s, sizes] for s in SEEDS])
    for seed, perms in zip(SEEDS, results, strict=True):
        rng = np.random.default_rng(seed)
        for n, got in zip(sizes, perms, strict=True):
            np.testing.assert_array_equal(np.array(got), rng.permutation(n))


@pytest.mark.parametrize("B", [1, 16, 32, 64, 128, 200])
def test_batch_orders_equal_gdbook_batches(B):
    for seed in [0, 1, 5]:
        got = node([["order", 200, B, seed, 3]])[0]
        rng = np.random.default_rng(seed)
        want = [idx for _ in range(3) for idx in batches(200, B, rng)]
        assert len(got) == len(want)
        for g, w in zip(got, want, strict=True):
            np.testing.assert_array_equal(np.array(g), w)


def gdbook_history(B, eta, seed, stop_at=None):
    """minibatch_descent on teacher_data; from update stop_at on, a zero gradient."""
    X, y = teacher_data()
    count = [0]

    def grad(w, Xb, yb):
        count[0] += 1
        if stop_at is not None and count[0] > stop_at:
            return np.zeros_like(w)
        return linear_mse_grad(w, Xb, yb)

    return minibatch_descent(
        grad,
        np.zeros(2),
        X,
        y,
        eta=eta,
        batch_size=B,
        epochs=20,
        rng=np.random.default_rng(seed),
        cost_fn=linear_mse,
    )


# (B, eta, seed): the chapter's race (eta 0.05 and 1, seed 1), both ends of
# the sliders (B = 1 and m, eta 0.001 and 2), batch sizes that do not divide
# m (the last batch smaller), and rates at which SGD or batch descent diverge.
GRID = [
    (16, 0.05, 1),
    (16, 1.0, 1),
    (1, 0.001, 0),
    (200, 0.001, 0),
    (2, 0.3, 7),
    (32, 0.05, 3),
    (64, 0.5, 42),
    (128, 1.5, 99),
    (200, 1.9, 5),
    (200, 2.0, 5),
    (1, 1.0, 1),
    (1, 2.0, 11),
    (5, 2.0, 0),
    (25, 0.0123, 2),
]


def test_least_cost_equals_gdbook():
    X, y = teacher_data()
    want = linear_mse(np.linalg.lstsq(X, y, rcond=None)[0], X, y)
    assert math.isclose(node([["least"]])[0], want, rel_tol=1e-12)


@pytest.mark.parametrize(("B", "eta", "seed"), GRID)
def test_costs_per_update_equal_minibatch_descent(B, eta, seed):
    got = node([["run", B, eta, seed]])[0]
    costs = np.array(got["costs"])
    n_rows = len(costs)
    if got["diverged"]:
        assert costs[-1] > 1e6 and np.all(costs[:-1] <= 1e6)
        want = gdbook_history(B, eta, seed, stop_at=n_rows - 1)
    else:
        assert n_rows - 1 == 20 * math.ceil(200 / B)
        want = gdbook_history(B, eta, seed)
    np.testing.assert_allclose(costs, want.cost[:n_rows], rtol=1e-12, atol=0)
    np.testing.assert_array_equal(got["seen"], want.examples_seen[:n_rows])
    np.testing.assert_array_equal(got["epoch"], want.epoch[:n_rows])


def test_the_grid_diverges_somewhere_and_spans_the_sliders():
    runs = node([["run", B, eta, seed] for B, eta, seed in GRID])
    assert any(r["diverged"] for r in runs) and not all(r["diverged"] for r in runs)
    page = CHAPTER.read_text()
    eta = re.search(r'data-gdb-control="eta"[^>]*>', page).group(0)
    lo, hi = (float(re.search(f'{k}="([^"]+)"', eta).group(1)) for k in ("min", "max"))
    assert {float(f"{10**lo:.3g}"), float(f"{10**hi:.3g}")} <= {g[1] for g in GRID}


def test_compute_draws_the_three_runs_with_their_excess_cost():
    X, y = teacher_data()
    least = linear_mse(np.linalg.lstsq(X, y, rcond=None)[0], X, y)
    fig = node([["compute", {"B": 16, "eta": 0.05, "seed": 1}]])[0]
    assert [r["B"] for r in fig["runs"]] == [200, 16, 1]
    for r in fig["runs"]:
        want = gdbook_history(r["B"], 0.05, 1)
        np.testing.assert_allclose(r["costs"], want.cost, rtol=1e-12, atol=0)
        # The excess is a difference of two costs each within 1e-12 relative.
        np.testing.assert_allclose(r["excess"], want.cost - least, rtol=0, atol=1e-13)
        close = want.epoch[want.cost - least < 0.01]
        assert r["reached"] == (float(close[0]) if len(close) else None)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run", 0, 0.1, 1], "B must be an integer between 1 and m"),
        (["run", 201, 0.1, 1], "B must be an integer between 1 and m"),
        (["run", 2.5, 0.1, 1], "B must be an integer between 1 and m"),
        (["run", 16, 0.0, 1], "eta must be > 0"),
        (["run", 16, 0.1, -1], r"seed must be an integer in \[0, 2\*\*32\)"),
        (["run", 16, 0.1, 1, 0], "epochs must be an integer >= 1"),
    ],
)
def test_js_rejects_bad_settings_like_gdbook(args, message):
    _, B, eta, seed, *epochs = args
    X, y = teacher_data()
    with pytest.raises(ValueError):
        minibatch_descent(
            linear_mse_grad,
            np.zeros(2),
            X,
            y,
            eta=eta,
            batch_size=B,
            epochs=epochs[0] if epochs else 20,
            rng=np.random.default_rng(seed),
        )
    proc = node([args], check=False)
    assert proc.returncode != 0
    assert re.search(message, proc.stderr), proc.stderr


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    write_data()
