"""The browser gate: open built pages in headless Chromium, list what is wrong.

``run(site, pages)`` serves a built site on localhost (gzip, as a static host
does), runs ``tests/browser/check_pages.mjs`` on the pages and returns its
reports; ``problems(reports)`` turns them into messages, one per problem,
each starting with the page, grouped by gate. The tests assert that every
group is empty on the real site and, in ``test_browser_faults.py``, that an
injected fault lands in the right group naming its page.

Run it by hand on a build: ``uv run python tests/browser_gate.py site/``, or
on some pages only: ``uv run python tests/browser_gate.py site/
chapters/01-sum-of-squared-errors.html explorer.html``.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import tempfile
import textwrap
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))
from bookkit.server import serve  # noqa: E402

SCRIPT = ROOT / "tests" / "browser" / "check_pages.mjs"
CHROMIUM = Path("/usr/bin/chromium")
GATES = (
    "requests",
    "scripts",
    "math",
    "figures",
    "dark mode",
    "axe",
    "copy",
    "interactive",
    "previews",
)


def pages_of(site: Path) -> list[str]:
    """Every HTML page a reader can open (not the theme's assets)."""
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if "assets" not in p.parts
    )


def run(site: Path, pages: list[str], shots: Path | None = None) -> dict[str, dict]:
    """Reports of ``check_pages.mjs`` on ``pages`` of ``site``, by page."""
    if not CHROMIUM.exists():
        msg = "the browser gate needs Chromium at /usr/bin/chromium: apt-get install chromium (./book check does it)"
        raise RuntimeError(msg)
    with serve(site) as base:
        proc = subprocess.run(
            ["node", str(SCRIPT), base, str(shots) if shots else "-", *pages],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
    if proc.returncode != 0:
        raise RuntimeError(f"check_pages.mjs failed:\n{proc.stderr}")
    return {r["path"]: r for r in json.loads(proc.stdout)}


def problems(reports: dict[str, dict]) -> dict[str, list[str]]:
    """Every problem found, as ``"<page>: <reason>"``, grouped by gate."""
    found: dict[str, list[str]] = defaultdict(list)
    for path, r in reports.items():
        for url in r["external"]:
            found["requests"].append(f"{path}: requests {url}, which is off the site")
        # A 404 is seen twice, as a response and as a failed request: once.
        answered = {f.split(" ", 1)[1] for f in r["failed"] if " " in f}
        for url in dict.fromkeys(r["failed"]):
            if url not in answered:
                found["requests"].append(f"{path}: {url} failed to load")
        for err in r["errors"]:
            found["scripts"].append(f"{path}: script error: {err}")
        for raw in r["rawMath"]:
            found["math"].append(f"{path}: raw TeX shows as text: ...{raw}...")
        if r["katex"] and "KaTeX_Main" not in r["fontsLoaded"]:
            found["math"].append(f"{path}: KaTeX fonts did not load")
        for img in r["images"]:
            if not img["loaded"]:
                found["figures"].append(f"{path}: image {img['src']} did not load")
            if not (img["alt"] or "").strip():
                found["figures"].append(f"{path}: image {img['src']} has no alt text")
        found["dark mode"].extend(_dark_mode(path, r))
        for mode, violations in r["axe"].items():
            for v in violations:
                where = "; ".join(f"{n['target']}: {n['summary']}" for n in v["nodes"])
                found["axe"].append(
                    f"{path} ({mode} mode): {v['id']} ({v['impact']}, {v['count']} "
                    f"elements): {v['help']}. {where}"
                )
        found["copy"].extend(copy_problems(path, r["copies"]))
        found["interactive"].extend(
            interactive_problems(path, r.get("interactive", []))
        )
        found["previews"].extend(preview_problems(path, r))
    return {gate: found.get(gate, []) for gate in GATES}


def preview_problems(path: str, r: dict) -> list[str]:
    """The popovers of an equation link and a figure link (docs/assets/previews.js)."""
    out = []
    for mode, key in (("light", "previews"), ("dark", "previewsDark")):
        for p in r.get(key, []):
            where = f"{path} ({mode} mode): the preview of {p['link']!r} ({p['href']})"
            if not p["shown"]:
                out.append(f"{where} does not show when the link has the focus")
                continue
            if p["role"] != "tooltip" or p["describedBy"] != "gdb-preview":
                out.append(
                    f"{where} is not the link's tooltip (role {p['role']!r}, "
                    f"aria-describedby {p['describedBy']!r})"
                )
            if p["kind"] == "eq":
                if not p["katex"]:
                    out.append(f"{where} shows no typeset equation")
                elif not p["tag"] or p["tag"] not in p["link"]:
                    out.append(
                        f"{where} shows the number {p['tag']!r}, not {p['link']!r}"
                    )
            else:
                img = p["image"]
                if not img or not img["loaded"] or not (img["alt"] or "").strip():
                    out.append(f"{where} shows no loaded image with alt text: {img}")
                if not (p["caption"] or "").startswith(f"{p['link']}. "):
                    out.append(
                        f"{where} has the caption {p['caption']!r}, "
                        f"not one that starts with '{p['link']}. '"
                    )
            if not p["onScreen"]:
                out.append(f"{where} is not wholly on the screen")
            if not p["hiddenAfterEscape"]:
                out.append(f"{where} stays after Escape")
    return out


def _dark_mode(path: str, r: dict) -> list[str]:
    if "scheme" not in r:
        return [f"{path}: no palette toggle to switch to dark mode"]
    out = []
    if r["scheme"] != "slate":
        out.append(f"{path}: the toggle gave scheme {r['scheme']!r}, not 'slate'")
    for fig in r["darkFigures"]:
        if fig["background"] != "rgb(255, 255, 255)":
            out.append(
                f"{path}: in dark mode {fig['src']} sits on {fig['background']}, "
                "not on white (black lines on a dark page)"
            )
    return out


def interactive_problems(path: str, figures: list[dict]) -> list[str]:
    """What the gate saw of each interactive figure (``.gdb-interactive`` root).

    A figure far below the fold is not drawn at load (it is set up when
    scrolled near); scrolled into view it becomes ready; every control,
    pressed from the keyboard, redraws it (its draw counter grows and the
    drawing or a readout changes); every control has an accessible name;
    nothing throws; at 390 px wide nothing sticks out of the root.
    """
    out = []
    for fig in figures:
        slug = fig["slug"]
        if fig["far"] and (
            fig["readyAtLoad"] is not None or fig["drawsAtLoad"] is not None
        ):
            out.append(
                f"{path}: figure {slug} was drawn at load, {fig['top'] - fig['fold']} px "
                "below the fold (it must be set up only when scrolled near)"
            )
        if not fig.get("ready"):
            out.append(
                f'{path}: figure {slug} did not initialise (no data-gdb-ready="1" '
                f"within {fig.get('readyMs', 0) / 1000:.1f} s of being scrolled into view)"
            )
        for c in fig.get("controls", []):
            name = c["name"]
            if not c["label"]:
                out.append(f"{path}: control {name} of {slug} has no accessible name")
            if c["disabled"]:
                continue
            if c["drawsAfter"] <= c["drawsBefore"] or not c["changed"]:
                how = []
                if c["tag"] != "button" and c["valueAfter"] == c["value"]:
                    how.append(f"its value stayed {c['value']!r}")
                how.append(f"draws {c['drawsBefore']} -> {c['drawsAfter']}")
                how.append(
                    "drawing changed"
                    if c["changed"]
                    else "drawing and readouts unchanged"
                )
                out.append(
                    f"{path}: control {name} of {slug} did not redraw when {c['key']} "
                    f"was pressed on it ({', '.join(how)})"
                )
            for err in c["errors"]:
                out.append(f"{path}: control {name} of {slug} raised: {err}")
        operating = {e for c in fig.get("controls", []) for e in c.get("errors", [])}
        for err in fig.get("errors", []):
            if err not in operating:
                out.append(f"{path}: figure {slug} raised while set up: {err}")
        phone = fig.get("phone")
        if phone and (
            phone["scrollWidth"] > phone["clientWidth"] + 1
            or phone["right"] > phone["page"] + 1
        ):
            out.append(
                f"{path}: figure {slug} overflows at 390 px wide (scrollWidth "
                f"{phone['scrollWidth']} > clientWidth {phone['clientWidth']}, "
                f"right edge {phone['right']} of {phone['page']} px)"
            )
    return out


def copy_problems(path: str, copies: list[dict]) -> list[str]:
    """What the copy buttons of one page put on the clipboard, checked.

    Doctest blocks lose their prompts and outputs; they and the plain code
    blocks, pasted in page order into a fresh Python, run. A listing of the
    package copies its import header (``hooks/bookkit/listing_imports.py``),
    a blank line, then exactly the package's lines; the header holds only
    import lines, and the whole copy, pasted into a fresh Python, defines
    the listing without error and binds every global name its code uses
    (``listing_problems``). Signatures are not code to run.
    """
    out = []
    doctests = [c for c in copies if c["kind"] == "doctest"]
    for c in doctests:
        for line in c["text"].splitlines():
            if line.startswith((">>>", "...")):
                out.append(
                    f"{path}: copy button {c['index'] + 1} copies the prompt "
                    f"{line[:3]!r}: {line!r}"
                )
                break
    sources = [c for c in copies if c["kind"] == "source"]
    for c in sources:
        out.extend(_source_copy(path, c))
    if sources:
        out.extend(listing_problems(path, sources))
    runnable = [c for c in copies if c["kind"] in ("doctest", "code")]
    if runnable:
        out.extend(_run_copies(path, runnable))
    return out


def split_header(text: str) -> tuple[str, str]:
    """A listing's copy as (import header, listing): a copy that starts with
    an import line has a header, which ends at the first blank line."""
    if not text.startswith(("import ", "from ")):
        return "", text
    header, _, listing = text.partition("\n\n")
    return header, listing


def _listing_name(path: str, c: dict) -> str:
    return f"{path}: copy button {c['index'] + 1} ({c['file']}:{c['firstLine']})"


def _source_copy(path: str, c: dict) -> list[str]:
    file = ROOT / c["file"]
    if not file.is_file() or not c["firstLine"]:
        return [f"{path}: copy button {c['index'] + 1}: source {c['file']} not found"]
    header, text = split_header(c["text"])
    out = []
    for line in header.splitlines():
        try:
            statements = ast.parse(line).body
        except SyntaxError:
            statements = []
        if len(statements) != 1 or not isinstance(
            statements[0], ast.Import | ast.ImportFrom
        ):
            out.append(
                f"{_listing_name(path, c)}: its header has a line that is not "
                f"an import: {line!r}"
            )
    n = len(text.rstrip("\n").splitlines())
    lines = file.read_text().splitlines(keepends=True)
    want = textwrap.dedent("".join(lines[c["firstLine"] - 1 : c["firstLine"] - 1 + n]))
    if text.rstrip("\n") != want.rstrip("\n"):
        out.append(
            f"{path}: copy button {c['index'] + 1} does not copy "
            f"{c['file']}:{c['firstLine']} as it is in the package"
        )
    return out


def run_copy(text: str) -> str | None:
    """Run one listing's copy in a namespace of its own: None if it defines
    its code and every global name that code loads is bound, else what fails.

    (A function's body runs only when it is called: a name it uses that the
    paste does not bind, ``np`` say, is found in its bytecode.)
    """
    import builtins
    import dis
    import traceback
    import types

    namespace: dict = {"__name__": "__main__"}
    try:
        # dont_inherit: the copy gets no __future__ import of this file.
        code = compile(text, "<copy>", "exec", dont_inherit=True)
        exec(code, namespace)
    except Exception as exc:
        frames = [
            f.lineno
            for f in traceback.extract_tb(exc.__traceback__)
            if f.filename == "<copy>"
        ]
        line = frames[-1] if frames else getattr(exc, "lineno", None)
        where = f" (line {line} of the copy)" if line else ""
        return f"it raises {type(exc).__name__}: {exc}{where}"
    loaded, codes = set(), [code]
    while codes:
        c = codes.pop()
        loaded |= {
            i.argval for i in dis.get_instructions(c) if i.opname == "LOAD_GLOBAL"
        }
        codes.extend(k for k in c.co_consts if isinstance(k, types.CodeType))
    unbound = sorted(
        n for n in loaded if n not in namespace and not hasattr(builtins, n)
    )
    if unbound:
        return f"its code uses {', '.join(unbound)}, which the paste does not bind"
    return None


# Run in a fresh Python by listing_problems: argv[1] holds the copies (JSON),
# argv[2] gets what run_copy says of each.
RUN_LISTINGS = f"""\
import json, sys
sys.path.insert(0, {str(ROOT / "tests")!r})
from browser_gate import run_copy
copies = json.loads(open(sys.argv[1]).read())
open(sys.argv[2], "w").write(json.dumps([run_copy(text) for text in copies]))
"""


def listing_problems(path: str, sources: list[dict]) -> list[str]:
    """Each listing's copy of a page, run in its own namespace in one fresh
    Python (the project's interpreter, ``gdbook`` importable)."""
    with tempfile.TemporaryDirectory() as tmp:
        given, said = Path(tmp) / "copies.json", Path(tmp) / "said.json"
        given.write_text(json.dumps([c["text"] for c in sources]))
        proc = subprocess.run(
            [sys.executable, "-c", RUN_LISTINGS, str(given), str(said)],
            cwd=tmp,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
            env={
                "MPLBACKEND": "Agg",
                "PATH": "/usr/bin:/bin",
                "HOME": tmp,
                "OPENBLAS_NUM_THREADS": "1",
            },
        )
        if proc.returncode != 0 or not said.exists():
            return [f"{path}: the listings' copies could not be run: {proc.stderr}"]
        results = json.loads(said.read_text())
    return [
        f"{_listing_name(path, c)}: pasted into a fresh Python, {result}"
        for c, result in zip(sources, results, strict=True)
        if result
    ]


def _run_copies(path: str, blocks: list[dict]) -> list[str]:
    """Paste the blocks of a page, in order, into a fresh Python."""
    parts, starts = [], []
    line = 1
    for c in blocks:
        starts.append((line, c["index"]))
        parts.append(c["text"].rstrip("\n") + "\n")
        line += parts[-1].count("\n")
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "pasted.py"
        script.write_text("".join(parts))
        proc = subprocess.run(
            [sys.executable, str(script)],
            cwd=tmp,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
            env={
                "MPLBACKEND": "Agg",
                "PATH": "/usr/bin:/bin",
                "HOME": tmp,
                "OPENBLAS_NUM_THREADS": "1",
            },
        )
    if proc.returncode == 0:
        return []
    err_line = _last_line_in(proc.stderr, script.name)
    block = max((i for start, i in starts if start <= err_line), default=0)
    last = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "?"
    return [
        f"{path}: the code copied by copy button {block + 1} fails when the page's "
        f"snippets are pasted in order into a fresh Python: {last}"
    ]


def _last_line_in(stderr: str, name: str) -> int:
    line = 0
    for text in stderr.splitlines():
        if f'{name}", line ' in text:
            line = int(text.split(", line ")[1].split(",")[0])
    return line


CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-quic --no-first-run --disable-component-update --disable-sync"
)
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"


# The categories that do not depend on timing: the gate asks only for these
# (the performance category, measured by benchmarks/bench_lighthouse.py,
# costs a trace of the page load under a simulated phone).
UNTIMED = ("accessibility", "best-practices", "seo")


def lighthouse(
    url: str, preset: str = "mobile", categories: tuple[str, ...] | None = None
) -> dict:
    """Lighthouse's JSON report of one page, in Debian's Chromium, offline.

    ``preset`` is ``"mobile"`` (Lighthouse's default: a mid-range phone on a
    slow 4G link, simulated) or ``"desktop"``; ``categories`` limits the
    audits to those categories (all of them when None).
    """
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        args = [
            "node",
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            f"--chrome-flags={CHROME_FLAGS} --user-data-dir={tmp}/profile",
        ]
        if preset == "desktop":
            args.append("--preset=desktop")
        if categories:
            args.append(f"--only-categories={','.join(categories)}")
        proc = subprocess.run(
            args,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
            env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
        )
        if proc.returncode != 0 or not out.exists():
            raise RuntimeError(f"lighthouse failed on {url}:\n{proc.stderr[-2000:]}")
        return json.loads(out.read_text())


def lighthouse_problems(
    page: str, report: dict, categories: tuple[str, ...] = UNTIMED
) -> list[str]:
    """Audits that lose points in the categories that do not depend on timing
    (or in those of ``categories``, each of which the report must have)."""
    out = []
    for key in categories:
        category = report["categories"][key]
        if category["score"] == 1:
            continue
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                out.append(
                    f"{page}: Lighthouse {key} {category['score']:.2f}: "
                    f"{audit['id']}: {audit['title']}"
                )
    return out


def print_timings(reports: dict[str, dict], top: int = 8) -> None:
    """The slowest pages, with the seconds each phase of the gate took there."""
    rows = sorted(reports.values(), key=lambda r: -sum(r.get("ms", {}).values()))
    total = sum(sum(r.get("ms", {}).values()) for r in rows) / 1000
    print(f"gate: {len(rows)} pages, {total:.1f} s of page time (two pages at a time)")
    for r in rows[:top]:
        ms = r.get("ms", {})
        phases = ", ".join(f"{k} {v / 1000:.1f}" for k, v in ms.items() if v >= 100)
        print(f"  {sum(ms.values()) / 1000:6.1f} s  {r['path']}: {phases}")


def main() -> None:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    reports = run(site, sys.argv[2:] or pages_of(site))
    found = problems(reports)
    print_timings(reports)
    for gate, messages in found.items():
        print(f"{gate}: {len(messages)} problem(s)")
        for m in messages:
            print(f"  {m}")
    sys.exit(1 if any(found.values()) else 0)


if __name__ == "__main__":
    main()
