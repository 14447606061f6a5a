"""The benchmark scripts run (on tiny inputs) and print their tables.

They measure speed and weight; these tests only keep them working, and
assert no time and no score.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
from book_helpers import ROOT

BENCH = ROOT / "benchmarks"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def load(name: str):
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory) -> Path:
    """A home page and one chapter that loads a stylesheet, a script, an
    interactive figure's files and an image."""
    site = tmp_path_factory.mktemp("tiny") / "site"
    (site / "chapters").mkdir(parents=True)
    (site / "assets" / "interactive").mkdir(parents=True)
    (site / "figures").mkdir()
    head = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>'
    (site / "index.html").write_text(
        f"{head}</head><body><main><h1>Home</h1></main></body></html>"
    )
    (site / "assets" / "t.css").write_text("body { font-family: sans-serif; }\n" * 200)
    (site / "assets" / "interactive" / "fig.js").write_text("void 0;\n" * 300)
    (site / "figures" / "t.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        '<rect width="10" height="10"/></svg>'
    )
    (site / "chapters" / "01-tiny.html").write_text(
        f'{head}<link rel="stylesheet" href="../assets/t.css"></head><body><main>'
        '<h1>Tiny</h1><img src="../figures/t.svg" alt="a square">'
        '<script src="../assets/interactive/fig.js" defer></script></main></body></html>'
    )
    return site


def test_bench_network_prints_its_table():
    proc = run(str(BENCH / "bench_network.py"), "--samples", "300", "--rounds", "1")
    assert proc.returncode == 0, proc.stderr
    for row in ("batch size 10", "batch size 100", "gdbook", "per-example"):
        assert row in proc.stdout, proc.stdout
    assert "% of the GEMM peak" in proc.stdout


def test_bench_lighthouse_starts_and_asks_for_a_build(tmp_path):
    proc = run(str(BENCH / "bench_lighthouse.py"), str(tmp_path))
    assert proc.returncode == 1
    assert f"no build in {tmp_path}: run ./book build first" in proc.stderr


def test_bench_lighthouse_measures_home_and_every_chapter(tiny_site):
    assert load("bench_lighthouse").default_pages(tiny_site) == [
        "index.html",
        "chapters/01-tiny.html",
    ]


def test_bench_lighthouse_prints_each_run_with_the_target(tiny_site):
    """One mobile run of one page: its row, then the page's summary (the
    numbering of several runs is tested by test_bench_lighthouse_formats_a_run
    without starting Lighthouse twice)."""
    proc = run(
        str(BENCH / "bench_lighthouse.py"),
        str(tiny_site),
        "--runs",
        "1",
        "--preset",
        "mobile",
        "--pages",
        "chapters/01-tiny.html",
        "--diagnose",
    )
    assert proc.returncode == 0, proc.stderr
    rows = [r for r in proc.stdout.splitlines() if r.startswith("mobile   chapters/")]
    assert rows[0].split()[2] == "1" and rows[0].split()[4] == "0.98", proc.stdout
    assert "target 0.98:" in rows[1] and "of 1 runs below" in rows[1], proc.stdout
    assert "main thread:" in proc.stdout, proc.stdout


def test_bench_lighthouse_formats_a_run():
    lh = load("bench_lighthouse")
    s = {
        "scores": {c: 0.97 for c in lh.CATEGORIES},
        "tbt": 250.0,
        "lcp": 2100.0,
        "fcp": 900.0,
        "kib": 200.0,
    }
    line = lh.run_line("mobile", "chapters/x.html", 3, s)
    assert line.split()[2:6] == ["3", "0.97", "0.98", "BELOW"], line
    assert lh.run_line("desktop", "chapters/x.html", 1, s).split()[4] == "-"
    summary = lh.page_summary("mobile", "chapters/x.html", [s, {**s, "tbt": 50.0}])
    assert "median 0.97, lowest 0.97" in summary and "2 of 2 runs below" in summary


def test_bench_site_weighs_every_file_a_page_loads(tiny_site):
    bench = load("bench_site")
    assert bench.chapter_pages(tiny_site) == ["chapters/01-tiny.html"]
    w = bench.page_weights(tiny_site, ["chapters/01-tiny.html"])[
        "chapters/01-tiny.html"
    ]
    files = (
        "chapters/01-tiny.html",
        "assets/t.css",
        "assets/interactive/fig.js",
        "figures/t.svg",
    )
    assert w["raw"] == sum((tiny_site / f).stat().st_size for f in files), w
    assert 0 < w["wire"] < w["raw"], w
    assert set(w["kinds"]) == {"html", "css", "figure js/css", "images"}, w
    assert sum(w["kinds"].values()) == w["wire"]


def test_bench_site_prints_each_chapter_against_the_target(tiny_site):
    proc = run(str(BENCH / "bench_site.py"), "--site", str(tiny_site))
    assert proc.returncode == 0, proc.stderr
    row = next(
        r for r in proc.stdout.splitlines() if r.startswith("chapters/01-tiny.html")
    )
    assert "<= 300" in row and "ok" in row, proc.stdout


BOOK_OUTPUT = """\x1b[1m==> ruff\x1b[0m
All checks passed!
\x1b[1m==> took 2 s: ruff\x1b[0m
\x1b[1m==> took 1 s: ruff format\x1b[0m
============ 2267 passed in 37.86s ============
\x1b[1m==> took 41 s: stage 1: library, docstrings, every snippet, in-process checks\x1b[0m
\x1b[1m==> took 95 s: stage 2 (--fast): strict build, claims, notebooks, labs, figures, faults\x1b[0m
"""


def test_bench_check_reads_the_stages_book_prints(tmp_path):
    bench = load("bench_check")
    assert bench.stages(BOOK_OUTPUT) == [
        ("ruff", 2),
        ("ruff format", 1),
        ("stage 1: library, docstrings, every snippet, in-process checks", 41),
        (
            "stage 2 (--fast): strict build, claims, notebooks, labs, figures, faults",
            95,
        ),
    ]
    log = tmp_path / "fast.log"
    log.write_text(BOOK_OUTPUT)
    proc = run(str(BENCH / "bench_check.py"), "--log", str(log))
    assert proc.returncode == 0, proc.stderr
    assert "139 s  in all (over the target of 60 s)" in proc.stdout
    assert "reported after at most 41 s (within 60 s)" in proc.stdout


def test_the_book_prints_the_lines_bench_check_reads():
    """``./book``'s step() says ``took N s: <stage>``, as bench_check parses."""
    book = (ROOT / "book").read_text()
    assert 'say "took $((SECONDS - t0)) s: $name"' in book
    line = "\x1b[1m==> took 7 s: stage 1: x\x1b[0m"
    assert load("bench_check").stages(line) == [("stage 1: x", 7)]
