"""Build the whole site strictly once and check what a reader receives."""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

from book_helpers import DOCS, ROOT
from bookkit.book import Book

VOID = {
    "img",
    "br",
    "hr",
    "meta",
    "link",
    "input",
    "source",
    "col",
    "area",
    "base",
    "embed",
    "wbr",
}
SKIP_TEXT = {"code", "pre", "script", "style", "annotation", "title", "textarea"}
RESOURCE_ATTRS = {
    ("script", "src"),
    ("img", "src"),
    ("iframe", "src"),
    ("source", "src"),
    ("link", "href"),
    ("video", "src"),
    ("audio", "src"),
    ("embed", "src"),
}


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.skip = 0
        self.text: list[tuple[int, str]] = []
        self.images: list[dict] = []
        self.resources: list[tuple[str, str, str]] = []
        self.katex = 0
        self.ids: set[str] = set()
        self.template = 0  # inside a <template> (inert: the previews' copies)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "template" or self.template:
            self.template += tag == "template"
            return
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "img":
            self.images.append(a)
        for t, attr in RESOURCE_ATTRS:
            if tag == t and a.get(attr):
                if tag == "link" and a.get("rel") in (
                    "canonical",
                    "alternate",
                    "next",
                    "prev",
                ):
                    continue
                self.resources.append((tag, attr, a[attr]))
        cls = a.get("class") or ""
        if "katex" in cls.split():
            self.katex += 1
        if tag in VOID:
            return
        skipping = tag in SKIP_TEXT or "katex-mathml" in cls.split()
        self.stack.append(skipping)
        self.skip += skipping

    def handle_endtag(self, tag):
        if self.template:
            self.template -= tag == "template"
            return
        if tag in VOID:
            return
        if self.stack:
            self.skip -= self.stack.pop()

    def handle_data(self, data):
        if not self.skip and not self.template:
            self.text.append((self.getpos()[0], data))


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.parts)


def test_no_raw_math_left_in_any_page(site):
    problems = []
    for path in html_pages(site):
        for line, text in parse(path).text:
            for marker in ("$", "\\(", "\\[", "GDBMATH"):
                if marker in text:
                    problems.append(
                        f"{path.relative_to(site)}:{line}: {marker!r} in "
                        f"{text.strip()[:80]!r}"
                    )
    assert not problems, "\n".join(problems)


def test_chapters_are_typeset_with_katex(site):
    chapters = sorted((site / "chapters").glob("*.html"))
    assert chapters
    book = Book.load(DOCS)
    for path in chapters:
        page = parse(path)
        assert page.katex > 10, f"{path.name}: only {page.katex} KaTeX formulas"
        src = f"chapters/{path.stem}.md"
        stated = {f"eq-{eq.key}" for eq in book.equations.values() if eq.page == src}
        assert stated <= page.ids, f"{path.name}: anchors missing: {stated - page.ids}"
    css = site / "assets/katex/katex.min.css"
    assert css.is_file()
    fonts = re.findall(r"url\((fonts/[^)]+\.woff2)\)", css.read_text())
    assert fonts and all((css.parent / f).is_file() for f in fonts)


def test_every_image_has_alt_text_and_exists(site):
    problems = []
    for path in html_pages(site):
        for img in parse(path).images:
            src = img.get("src", "")
            if not (img.get("alt") or "").strip():
                problems.append(
                    f"{path.relative_to(site)}: <img src={src!r}> has no alt text"
                )
            if src.startswith("data:"):
                continue
            target = (path.parent / src.split("#")[0]).resolve()
            if not target.is_file():
                problems.append(f"{path.relative_to(site)}: image {src!r} is missing")
    assert not problems, "\n".join(problems)


def test_figures_are_svg_drawn_at_build(site):
    svgs = sorted((site / "figures").glob("*.svg"))
    assert svgs
    for svg in svgs:
        head = svg.read_bytes()[:400]
        assert b"<svg" in head and b"<dc:date>" not in svg.read_bytes()
    tracked = subprocess.run(
        ["git", "ls-files", "*.svg", "*.png"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert [t for t in tracked if not t.startswith("docs/assets/")] == [], (
        "figure images are committed"
    )


def test_no_page_requests_another_host(site):
    problems = []
    for path in html_pages(site):
        for tag, attr, url in parse(path).resources:
            if re.match(r"^(https?:)?//", url):
                problems.append(f"{path.relative_to(site)}: <{tag} {attr}={url!r}>")
    for css in site.rglob("*.css"):
        for url in re.findall(
            r"(?:url\(|@import\s+)[\"']?((?:https?:)?//[^\"')\s]+)", css.read_text()
        ):
            problems.append(f"{css.relative_to(site)}: loads {url}")
    assert not problems, "\n".join(problems)


def test_the_printable_book_holds_every_chapter(site):
    page = site / "print_page.html"
    assert page.is_file(), "print_page.html is missing"
    html = page.read_text(encoding="utf-8")
    chapters = sorted((site / "chapters").glob("*.html"))
    for chapter in chapters:
        title = re.search(r"<h1[^>]*>(.*?)<", chapter.read_text(encoding="utf-8"))[1]
        assert title in html, f"the printable book lacks {chapter.name}"
    parsed = parse(page)
    assert parsed.katex >= sum(parse(c).katex for c in chapters)
    assert len(parsed.images) >= sum(len(parse(c).images) for c in chapters)
    ids = {i for i in parsed.ids if "eq-" in i}
    assert len(ids) >= sum(
        len({i for i in parse(c).ids if i.startswith("eq-")}) for c in chapters
    )
    index = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="print_page.html"' in index


def test_links_inside_the_printable_book_resolve(site):
    page = parse(site / "print_page.html")
    html = (site / "print_page.html").read_text(encoding="utf-8")
    targets = set(re.findall(r'href="#([^"]+)"', html))
    missing = sorted(t for t in targets if t not in page.ids and not t.startswith("__"))
    assert not missing, f"print_page.html links to missing anchors: {missing[:10]}"


def test_the_papers_equations_are_marked_and_the_books_are_not(site):
    """Every display equation tagged with a plain number (the paper's (1) to
    (29)) carries data-source="paper", which gdbook.css shows as a small
    "paper" beside its number; the book's own (N.k) and named tags do not.
    Links to equations say in their title whose equation they point to."""
    book = Book.load(DOCS)
    paper, own = 0, 0
    for key, eq in book.equations.items():
        html = (site / eq.page.replace(".md", ".html")).read_text()
        m = re.search(rf'<div class="gdb-math" id="eq-{re.escape(key)}"([^>]*)>', html)
        assert m, f"{eq.page}: equation {key} not found in the built page"
        marked = 'data-source="paper"' in m[1]
        if eq.tag.isdigit():
            paper += 1
            assert marked, f"{eq.page}: the paper's equation ({eq.tag}) is not marked"
        else:
            own += 1
            assert not marked, f"{eq.page}: the book's equation ({eq.tag}) is marked"
    assert paper == 29 and own > 20, (paper, own)
    chapter = (
        site / "chapters" / "04-neural-networks-and-backpropagation.html"
    ).read_text()
    assert 'title="equation (13) of the paper"' in chapter
    # The mark is drawn before KaTeX's tag element: the class must exist.
    assert '<span class="katex-tag">' in chapter
    css = (site / "assets" / "gdbook.css").read_text()
    assert '.gdb-math[data-source="paper"] .katex-tag::before' in css


def test_figures_are_numbered_captioned_and_referenced(site):
    """Each figure is a <figure id="fig-name"> captioned "Figure N.k. ...";
    each @fig: link names that number and reaches the figure, on its own page
    and in the printable book, and a link to another page's equation or
    figure has its preview's template on the linking page."""
    book = Book.load(DOCS)
    assert len(book.figures) >= 20
    pages = {}
    for name, fig in book.figures.items():
        path = site / fig.page.replace(".md", ".html")
        html = pages.setdefault(path, path.read_text(encoding="utf-8"))
        m = re.search(
            rf'<figure class="gdb-fig" id="fig-{name}">(.*?)</figure>', html, re.S
        )
        assert m, f"{fig.page}: figure {name} is not a numbered <figure>"
        caption = re.search(r"<figcaption>(.*?)</figcaption>", m[1], re.S)
        assert caption, f"{fig.page}: figure {name} has no caption"
        text = re.sub(r"<[^>]+>", "", caption[1])
        assert text.startswith(f"Figure {fig.number}. "), text[:40]
    assert book.figures["network_diagram"].number == "4.2"
    links = 0
    for path in sorted((site / "chapters").glob("*.html")):
        html = path.read_text(encoding="utf-8")
        for href, text in re.findall(
            r'<a href="([^"]*#fig-[^"]*)"[^>]*>([^<]*)</a>', html
        ):
            page, _, anchor = href.partition("#")
            fig = book.figures[anchor.removeprefix("fig-")]
            assert text == f"Figure {fig.number}", (path.name, href, text)
            target = (path.parent / page).resolve() if page else path
            assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), href
            if page:
                assert f'<template data-for="{anchor}">' in html, (path.name, href)
            links += 1
        for href in re.findall(r'<a href="([^"#]+)#(eq-[^"]+)"', html):
            assert f'<template data-for="{href[1]}">' in html, (path.name, href)
    assert links >= 15, links
    printed = (site / "print_page.html").read_text(encoding="utf-8")
    assert "gdb-previews" not in printed
    for name, fig in book.figures.items():
        assert f'<figure class="gdb-fig" id="fig-{name}">' in printed, name
        assert f"Figure {fig.number}.</span>" in printed, name
    assert 'href="#fig-network_diagram">Figure 4.2</a>' in printed


def test_every_lab_equation_link_has_its_preview(site):
    """A lab cites chapters' equations; each link's preview template is on
    the lab page (docs/assets/previews.js shows it), as on the chapters."""
    seen = 0
    for lab in sorted((site / "labs").glob("*.html")):
        html = lab.read_text()
        for key in set(re.findall(r'<a href="[^"#]*#eq-([^"]+)">\(', html)):
            seen += 1
            assert f'<template data-for="eq-{key}">' in html, f"{lab.name}: eq-{key}"
    assert seen >= 5
