"""The whole book as a PDF (issue 16 item 3), read back with pypdf.

``tests/browser/print_pdf.mjs`` prints the built site's ``print_page.html``
with Debian's Chromium (``./book pdf`` runs it into ``site/gdbook.pdf``).
The PDF must parse, carry page numbers, hold a bookmark outline with every
chapter of the navigation (``mkdocs.yml``) and, under each, its sections;
each chapter's pages hold its title and, in a section with display math,
that section's equation numbers and a sample of its symbols; fonts are
embedded (KaTeX's among them); figures stay vector (no more raster images
than the SVG figures embed themselves); nothing is wider than the page.
``pdf_problems`` names the chapter for each problem; a PDF with a chapter
left out is reported naming it.

The PDF is written to a temporary folder, not into the session's site (the
reproducibility test compares that site with a clean build).
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from book_helpers import DOCS, ROOT, report
from pypdf import PdfReader, PdfWriter

SCRIPT = ROOT / "tests" / "browser" / "print_pdf.mjs"

# TeX commands of display math and the characters KaTeX prints for them
# (what the PDF's text layer holds).
SYMBOLS = {
    "sigma": "\u03c3",
    "eta": "η",
    "partial": "∂",
    "nabla": "∇",
    "sum": "∑",
    "delta": "δ",
    "lambda": "λ",
    "theta": "θ",
    "mu": "μ",
    "odot": "⊙",
    "prod": "∏",
    "infty": "∞",
    "approx": "≈",
    "leq": "≤",
    "beta": "β",
}
TAG = re.compile(r"\\tag\{([^}]+)\}")
FENCE = re.compile(r"^\s*(```|~~~)")


def print_pdf(site: Path, out: Path) -> dict:
    """Run ``print_pdf.mjs`` on a built site; its JSON report."""
    proc = subprocess.run(
        ["node", str(SCRIPT), str(site), str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def squash(text: str) -> str:
    """Text without whitespace (lines wrap anywhere in a PDF)."""
    return re.sub(r"\s+", "", text)


@dataclass
class Chapter:
    title: str
    src: str
    sections: list[str] = field(default_factory=list)
    # The first section with display math: its title, tags and symbols.
    math_section: str = ""
    tags: list[str] = field(default_factory=list)
    symbols: list[str] = field(default_factory=list)


def chapters_of_nav() -> list[Chapter]:
    """The chapters of ``mkdocs.yml``'s nav, each with its ``##`` sections."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    entries = next(e["Chapters"] for e in config["nav"] if "Chapters" in e)
    out = []
    for entry in entries:
        ((title, src),) = entry.items()
        chapter = Chapter(title, src)
        fenced, math, current = False, False, ""
        for line in (DOCS / src).read_text(encoding="utf-8").splitlines():
            if FENCE.match(line):
                fenced = not fenced
            if fenced:
                continue
            if line.strip() == "$$":
                math = not math
                continue
            if math:
                if current and chapter.math_section in ("", current):
                    chapter.math_section = current
                    chapter.tags += TAG.findall(line)
                    chapter.symbols += [
                        c
                        for name, c in SYMBOLS.items()
                        if re.search(rf"\\{name}(?![A-Za-z])", line)
                    ]
                continue
            if m := re.match(r"^## (.+?)\s*(\{[^}]*\})?$", line):
                current = re.sub(r"[`*_]", "", m[1]).strip()
                chapter.sections.append(current)
        chapter.symbols = list(dict.fromkeys(chapter.symbols))
        out.append(chapter)
    return out


@dataclass
class Entry:
    title: str
    page: int
    children: list[Entry]


def outline_of(reader: PdfReader) -> list[Entry]:
    def walk(items) -> list[Entry]:
        out: list[Entry] = []
        for item in items:
            if isinstance(item, list):
                if out:
                    out[-1].children = walk(item)
                continue
            page = reader.get_destination_page_number(item)
            out.append(Entry(str(item.title), page, []))
        return out

    return walk(reader.outline)


def all_entries(entries: list[Entry]) -> list[Entry]:
    return [x for e in entries for x in (e, *all_entries(e.children))]


def pdf_problems(path: Path, chapters: list[Chapter]) -> list[str]:
    """Every problem of the PDF at ``path``, naming the chapter where it is one's."""
    try:
        reader = PdfReader(path)
        n = len(reader.pages)
    except Exception as e:  # any parse failure is the finding
        return [f"{path.name}: does not parse: {e}"]
    problems: list[str] = []
    text: dict[int, str] = {}

    def page_text(i: int) -> str:
        if i not in text:
            text[i] = reader.pages[i].extract_text()
        return text[i]

    # Page numbers: the footer of the first, a middle and the last page.
    for i in sorted({0, n // 2, n - 1}):
        if not re.search(rf"(?<!\d){i + 1}\s*/\s*{n}(?!\d)", page_text(i)):
            problems.append(f"page {i + 1}: no page number '{i + 1} / {n}'")
    entries = outline_of(reader)
    flat = all_entries(entries)
    if not flat:
        problems.append(f"{path.name}: no bookmark outline")
    titled = {squash(e.title): e for e in flat}
    tops = sorted({e.page for e in entries} | {n})
    for chapter in chapters:
        entry = titled.get(squash(chapter.title))
        if entry is None:
            problems.append(f"chapter {chapter.title!r}: not in the outline")
            continue
        under = {squash(c.title): c for c in all_entries(entry.children)}
        missing = [s for s in chapter.sections if squash(s) not in under]
        if missing:
            problems.append(
                f"chapter {chapter.title!r}: sections missing from the outline: {missing}"
            )
        if squash(chapter.title) not in squash(page_text(entry.page)):
            problems.append(
                f"chapter {chapter.title!r}: its title is not on its first page "
                f"({entry.page + 1})"
            )
        section = under.get(squash(chapter.math_section))
        if section is None:
            continue
        # The section runs to the next section of the chapter (or chapter).
        after = [c.page for c in entry.children if c.page > section.page]
        end = min(after or [next(p for p in tops if p > entry.page)])
        body = squash(
            "".join(page_text(i) for i in range(section.page, min(end + 1, n)))
        )
        absent = [f"({t})" for t in chapter.tags if squash(f"({t})") not in body]
        absent += [s for s in chapter.symbols if s not in body]
        if absent:
            problems.append(
                f"chapter {chapter.title!r}: section {chapter.math_section!r} "
                f"(pages {section.page + 1}-{end + 1}) lacks {absent or 'any math'}"
            )
    return problems


def fonts_of(reader: PdfReader) -> dict[str, bool]:
    """Every font the pages use, and whether the PDF embeds it."""
    fonts: dict[str, bool] = {}
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            if font.get("/Subtype") == "/Type3":  # glyphs drawn in the PDF itself
                fonts[f"Type3 {font.get('/Name', '')}"] = "/CharProcs" in font
                continue
            desc = font.get("/FontDescriptor")
            if desc is None and "/DescendantFonts" in font:
                desc = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else {}
            embedded = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[str(font["/BaseFont"]).split("+")[-1]] = embedded
    return fonts


def raster_images(reader: PdfReader) -> int:
    count = 0
    for page in reader.pages:
        for x in (page["/Resources"].get("/XObject") or {}).values():
            x = x.get_object()
            count += x.get("/Subtype") == "/Image"
            if x.get("/Subtype") == "/Form":
                for y in (x.get("/Resources", {}).get("/XObject") or {}).values():
                    count += y.get_object().get("/Subtype") == "/Image"
    return count


@pytest.fixture(scope="module")
def chapters() -> list[Chapter]:
    found = chapters_of_nav()
    assert len(found) >= 8
    assert all(c.sections for c in found), found
    # Chapter 7 has no display math; the others are checked for theirs.
    assert sum(bool(c.math_section and c.symbols) for c in found) >= 7, found
    return found


@pytest.fixture(scope="module")
def printed(site: Path, tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("pdf") / "gdbook.pdf"
    return out, print_pdf(site, out)


def test_the_pdf_has_every_chapter_its_sections_and_page_numbers(printed, chapters):
    path, _ = printed
    assert not pdf_problems(path, chapters), report(pdf_problems(path, chapters))


def test_nothing_is_cut_at_the_page_edge(printed):
    _, run = printed
    assert not run["errors"], run["errors"]
    cut = [
        f"{o['heading'] or o['section']}: {o['element']} '{o['text']}' is "
        f"{max(o['right'], o['scrollWidth'])} px wide in a {o['width']} px column"
        for o in run["overflow"]
    ]
    assert not cut, report(cut)


def test_fonts_are_embedded_and_figures_stay_vector(site: Path, printed):
    path, _ = printed
    reader = PdfReader(path)
    fonts = fonts_of(reader)
    assert any(name.startswith("KaTeX_Main") for name in fonts), fonts
    assert all(fonts.values()), [f for f, e in fonts.items() if not e]
    # The SVG figures that embed a raster (imshow) bring their own images;
    # an SVG printed as a picture would add one more.
    html = (site / "print_page.html").read_text(encoding="utf-8")
    svgs = set(re.findall(r'<img[^>]*src="([^"]+\.svg)"', html))
    own = sum((site / s).read_text(encoding="utf-8").count("<image") for s in svgs)
    assert len(svgs) >= 20, len(svgs)
    assert raster_images(reader) <= own, (raster_images(reader), own)


def test_the_home_page_links_the_pdf(site: Path):
    """``./book pdf`` writes ``site/gdbook.pdf``, next to ``index.html``."""
    assert 'href="gdbook.pdf"' in (site / "index.html").read_text(encoding="utf-8")


def test_a_pdf_without_a_chapter_is_reported_naming_it(printed, chapters, tmp_path):
    """Fault self-test: chapter 5's pages and bookmarks left out."""
    path, _ = printed
    reader = PdfReader(path)
    entries = outline_of(reader)
    victim = next(c for c in chapters if c.src.startswith("chapters/05-"))
    index = next(
        i for i, e in enumerate(entries) if squash(e.title) == squash(victim.title)
    )
    first, end = entries[index].page, entries[index + 1].page
    writer = PdfWriter()
    kept = [i for i in range(len(reader.pages)) if not first <= i < end]
    for i in kept:
        writer.add_page(reader.pages[i])
    new = {old: k for k, old in enumerate(kept)}

    def add(items: list[Entry], parent=None) -> None:
        for e in items:
            if e.page in new:
                made = writer.add_outline_item(
                    title=e.title, page_number=new[e.page], parent=parent
                )
                add(e.children, made)

    add([e for i, e in enumerate(entries) if i != index])
    faulty = tmp_path / "without-chapter-5.pdf"
    with faulty.open("wb") as f:
        writer.write(f)
    found = pdf_problems(faulty, chapters)
    assert any(victim.title in p and "not in the outline" in p for p in found), found
    assert not any(c.title in p for c in chapters if c is not victim for p in found), (
        found
    )
