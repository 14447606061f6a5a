"""Open the built pages in headless Chromium, as a reader would."""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from book_helpers import ROOT

SCRIPT = ROOT / "tests" / "browser" / "check_pages.mjs"
SHOTS = ROOT / ".cache" / "screenshots"


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def reports(site: Path):
    chromium = Path("/usr/bin/chromium")
    assert chromium.exists(), (
        "Chromium is needed: apt-get install chromium (./book check does it)"
    )
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=site)
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    pages = sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if "assets" not in p.parts and p.name != "404.html"
    )
    if SHOTS.exists():
        shutil.rmtree(SHOTS)
    SHOTS.mkdir(parents=True)
    try:
        proc = subprocess.run(
            [
                "node",
                str(SCRIPT),
                f"http://127.0.0.1:{server.server_port}",
                str(SHOTS),
                *pages,
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    finally:
        server.shutdown()
        server.server_close()
    assert proc.returncode == 0, proc.stderr
    return {r["path"]: r for r in json.loads(proc.stdout)}


def test_no_request_leaves_the_site(reports):
    leaks = {path: r["external"] for path, r in reports.items() if r["external"]}
    assert not leaks


def test_nothing_fails_to_load_and_no_script_errors(reports):
    bad = {
        p: r["failed"] + r["errors"]
        for p, r in reports.items()
        if r["failed"] or r["errors"]
    }
    assert not bad


def test_formulas_render_and_no_raw_math_shows(reports):
    raw = {p: r["rawMath"] for p, r in reports.items() if r["rawMath"]}
    assert not raw
    for path, r in reports.items():
        if path.startswith("chapters/"):
            assert r["katex"] > 10, path
            assert "KaTeX_Main" in r["fontsLoaded"], f"{path}: KaTeX fonts did not load"


def test_every_figure_loads_with_alt_text(reports):
    for path, r in reports.items():
        for img in r["images"]:
            assert img["loaded"], f"{path}: {img['src']} did not load"
            assert img["alt"].strip(), f"{path}: {img['src']} has no alt text"


def test_copy_button_copies_runnable_code(reports):
    r = reports["chapters/01-sum-of-squared-errors.html"]
    copied = r["copied"]
    assert ">>>" not in copied and "..." not in copied
    assert copied.startswith("import numpy as np\n")
    namespace: dict = {}
    exec(compile(copied, "<copied>", "exec"), namespace)  # what a reader pastes runs
    assert "sse" in namespace


def test_dark_mode_keeps_figures_on_white(reports):
    r = reports["chapters/01-sum-of-squared-errors.html"]
    assert r["scheme"] == "slate"
    assert r["figureBackground"] == "rgb(255, 255, 255)"


def test_explorer_redraws_when_a_slider_moves(reports):
    r = reports["explorer.html"]
    plain, momentum = r["explorerPlain"], r["explorerMomentum"]
    assert plain["where"] == "near the local minimum", plain
    assert momentum["where"] == "near the global minimum", momentum
    assert plain["status"] != momentum["status"]


def test_search_finds_pages_offline(reports):
    assert reports["index.html"]["searchHits"] > 0
