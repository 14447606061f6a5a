"""The benchmark scripts run (on tiny inputs) and print their tables.

They measure speed; these tests only keep them working, and assert no time.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys

from book_helpers import ROOT

BENCH = ROOT / "benchmarks"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


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


def test_bench_site_imports():
    spec = importlib.util.spec_from_file_location("bench_site", BENCH / "bench_site.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert callable(module.main)
