"""The book as data: every page's formulas, equations, references, figures.

``Book.load(docs_dir)`` reads every Markdown page once; ``Book.check()``
returns every problem as a :class:`BookError` naming ``docs/<file>.md:<line>``;
``Book.transform(page)`` returns the Markdown the site is built from, with
formulas replaced by placeholders that :func:`fill_math` turns into KaTeX HTML.
"""

from __future__ import annotations

import difflib
import html as htmllib
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import BookError, relative_href
from .scan import Token, line_at, tokenize

TAG = re.compile(r"\\tag\*?\{([^{}]*)\}")
LABEL = re.compile(r"\\label\{([^{}]*)\}")
EQREF = re.compile(r"@eq:([A-Za-z0-9](?:[A-Za-z0-9.\-]*[A-Za-z0-9])?)")
FIGREF = re.compile(r"@fig:([A-Za-z0-9_](?:[A-Za-z0-9_\-]*[A-Za-z0-9_])?)")
# ![alt](figure:name) or ![alt](figure:name "Caption"): the caption is the
# title when there is one, else the alt text's first sentence (caption_of).
FIGURE = re.compile(
    r"!\[(?P<alt>[^\]]*)\]\(figure:(?P<name>[^)\s]*)"
    r"(?:\s+\"(?P<title>[^\"]*)\")?\)"
)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
CHAPTER_NUMBER = re.compile(r"chapters/0*(\d+)-")
SOURCE = re.compile(r"<!--\s*source:\s*(?P<target>\S+)\s*-->")
PLAIN_CITE = re.compile(r"\b(?:[Ee]q(?:uation)?s?\.?)\s*\((\d+)\)")
HEADING = re.compile(r"#{1,6}\s")
PAPER_NUMBERS = range(1, 30)
PLACEHOLDER = "GDBMATH{kind}{index:05d}"


def anchor_for(key: str) -> str:
    return f"eq-{key}"


def figure_anchor(name: str) -> str:
    return f"fig-{name}"


def equation_template(key: str, tag: str, html: str) -> str:
    """The preview template of equation ``key`` (docs/assets/previews.js)."""
    source = ' data-source="paper"' if tag.isdigit() else ""
    return (
        f'<template data-for="{anchor_for(key)}">'
        f'<div class="gdb-math"{source}>{html}</div></template>'
    )


def previews_block(templates: list[str]) -> str:
    """The hidden block that holds a page's preview templates."""
    return (
        '\n\n<div class="gdb-previews" hidden data-search-exclude>\n'
        + "\n".join(templates)
        + "\n</div>\n"
    )


def caption_of(alt: str, title: str | None) -> str:
    """A figure's caption: its title, else the first sentence of its alt text."""
    if title and title.strip():
        return " ".join(title.split())
    first = SENTENCE_END.split(" ".join(alt.split()), maxsplit=1)[0]
    return first if first.endswith((".", "!", "?")) else first + "."


@dataclass(frozen=True)
class Figure:
    name: str  # what figure: and @fig: use
    number: str  # "4.2" in chapter 4; "2" on a page that is not a chapter
    caption: str
    alt: str
    page: str  # src path relative to docs/
    line: int

    @property
    def label(self) -> str:
        return f"Figure {self.number}"


@dataclass(frozen=True)
class Equation:
    key: str  # what @eq: references use: the label, else the tag
    tag: str
    page: str  # src path relative to docs/
    line: int
    tex: str = ""  # what KaTeX renders (for previews on other pages)


@dataclass
class Page:
    src: str  # relative to docs/, posix
    path: Path
    text: str
    tokens: list[Token] = field(default_factory=list)

    @property
    def display_path(self) -> str:
        return f"docs/{self.src}"

    def error(self, line: int, message: str) -> BookError:
        return BookError(self.display_path, line, message)

    def math(self) -> list[Token]:
        return [t for t in self.tokens if t.kind == "math"]

    def prose(self) -> list[Token]:
        return [t for t in self.tokens if t.kind == "text"]

    def fences(self) -> list[Token]:
        return [t for t in self.tokens if t.kind == "fence"]

    def comments(self) -> list[Token]:
        return [t for t in self.tokens if t.kind == "comment"]

    def matches(self, pattern: re.Pattern, tokens: list[Token]):
        """Yield (match, line) for ``pattern`` in the given tokens."""
        for tok in tokens:
            for m in pattern.finditer(tok.text):
                yield m, line_at(tok, m.start())


def equation_of(tok: Token) -> tuple[str | None, str | None]:
    tags = TAG.findall(tok.body)
    labels = LABEL.findall(tok.body)
    return (tags[0] if tags else None, labels[0] if labels else None)


def tex_for_katex(tok: Token) -> str:
    """The TeX KaTeX sees: ``\\label`` is ours (an anchor), not KaTeX's."""
    return LABEL.sub("", tok.body).strip()


class Book:
    def __init__(self, docs_dir: Path, pages: list[Page]):
        self.docs_dir = docs_dir
        self.pages = {p.src: p for p in pages}
        self.equations: dict[str, Equation] = {}
        self.figures: dict[str, Figure] = {}
        self._index_errors: list[BookError] = []
        self._index()

    @classmethod
    def load(cls, docs_dir: Path, overrides: dict[str, str] | None = None) -> Book:
        """Read every page; ``overrides`` maps src paths to newer text."""
        pages = []
        for path in sorted(docs_dir.rglob("*.md")):
            src = path.relative_to(docs_dir).as_posix()
            text = (overrides or {}).get(src) or path.read_text(encoding="utf-8")
            pages.append(Page(src, path, text, tokenize(text)))
        return cls(docs_dir, pages)

    def update(self, src: str, text: str) -> Page:
        """Replace one page's text (``mkdocs serve`` after an edit)."""
        page = self.pages[src]
        if page.text != text:
            page.text, page.tokens = text, tokenize(text)
            self.equations.clear()
            self.figures.clear()
            self._index_errors.clear()
            self._index()
        return page

    # -- the index of equations and figures ---------------------------------
    def _index(self) -> None:
        self._index_figures()
        for page in self.pages.values():
            for tok in page.math():
                tag, label = equation_of(tok)
                if tag is None and label is None:
                    continue
                if not tok.display:
                    self._index_errors.append(
                        page.error(tok.line, "\\tag and \\label need display math ($$)")
                    )
                    continue
                if tag is None:
                    self._index_errors.append(
                        page.error(
                            tok.line, f"equation \\label{{{label}}} has no \\tag{{}}"
                        )
                    )
                    continue
                key = label or tag
                if tag.isdigit() and int(tag) not in PAPER_NUMBERS:
                    self._index_errors.append(
                        page.error(
                            tok.line,
                            f"\\tag{{{tag}}}: plain numbers are the source paper's "
                            "(1)-(29); label the book's own equations like 1.2",
                        )
                    )
                if not re.fullmatch(r"[A-Za-z0-9](?:[A-Za-z0-9.\-]*[A-Za-z0-9])?", key):
                    self._index_errors.append(
                        page.error(tok.line, f"equation key {key!r} is not a valid id")
                    )
                    continue
                if key in self.equations:
                    first = self.equations[key]
                    self._index_errors.append(
                        page.error(
                            tok.line,
                            f"equation {key} is defined twice "
                            f"(first at docs/{first.page}:{first.line})",
                        )
                    )
                    continue
                self.equations[key] = Equation(
                    key, tag, page.src, tok.line, tex_for_katex(tok)
                )
        tags = {}
        for eq in self.equations.values():
            if eq.tag in tags:
                other = tags[eq.tag]
                page = self.pages[eq.page]
                self._index_errors.append(
                    page.error(
                        eq.line,
                        f"\\tag{{{eq.tag}}} is shown twice "
                        f"(also at docs/{other.page}:{other.line})",
                    )
                )
            tags[eq.tag] = eq

    def _index_figures(self) -> None:
        """Number each page's figures in order: 4.1, 4.2, ... in chapter 4."""
        for page in self.pages.values():
            chapter = CHAPTER_NUMBER.match(page.src)
            count = 0
            for tok in page.prose():
                for m in FIGURE.finditer(tok.text):
                    count = self._index_figure(page, tok, m, chapter, count)

    def _index_figure(self, page: Page, tok: Token, m: re.Match, chapter, count: int):
        name, line = m["name"], line_at(tok, m.start())
        start, end = tok.start + m.start(), tok.start + m.end()
        head = page.text[:start]
        tail = page.text[end:]
        alone = (head == "" or head.endswith("\n\n") or head == "\n") and (
            tail.strip() == "" or re.match(r"[ \t]*\n[ \t]*(\n|$)", tail) is not None
        )
        if not alone:
            self._index_errors.append(
                page.error(
                    line,
                    f"figure:{name} must be a paragraph of its own (blank lines "
                    "around it), where it gets its number and caption",
                )
            )
        if name in self.figures:
            first = self.figures[name]
            self._index_errors.append(
                page.error(
                    line,
                    f"figure {name} is shown twice "
                    f"(first at docs/{first.page}:{first.line}): "
                    f"refer to it with @fig:{name}",
                )
            )
            return count
        count += 1
        number = f"{chapter[1]}.{count}" if chapter else str(count)
        caption = caption_of(m["alt"], m["title"])
        self.figures[name] = Figure(name, number, caption, m["alt"], page.src, line)
        return count

    # -- checks -------------------------------------------------------------
    def check_math(self) -> list[BookError]:
        """Every formula parses with KaTeX; no math in headings."""
        from .katex import render_many

        errors = []
        jobs, where = [], []
        for page in self.pages.values():
            for tok in page.math():
                jobs.append((tex_for_katex(tok), tok.display))
                where.append((page, tok))
                line_start = page.text.rfind("\n", 0, tok.start) + 1
                if HEADING.match(page.text, line_start):
                    errors.append(
                        page.error(
                            tok.line, "math in a heading: headings are plain text"
                        )
                    )
        for (page, tok), result in zip(where, render_many(jobs), strict=True):
            if "error" in result:
                errors.append(
                    page.error(
                        tok.line, f"KaTeX cannot parse {tok.text!r}: {result['error']}"
                    )
                )
        return errors

    def check_references(self) -> list[BookError]:
        """Every @eq: and @fig: reference names a defined target; no bare citations."""
        errors = list(self._index_errors)
        for page in self.pages.values():
            for m, line in page.matches(EQREF, page.prose()):
                if m[1] not in self.equations:
                    errors.append(
                        page.error(
                            line, f"@eq:{m[1]} refers to no equation in the book"
                        )
                    )
            for m, line in page.matches(FIGREF, page.prose()):
                if m[1] not in self.figures:
                    near = difflib.get_close_matches(m[1], self.figures, n=1)
                    hint = f" (did you mean @fig:{near[0]}?)" if near else ""
                    errors.append(
                        page.error(
                            line, f"@fig:{m[1]} refers to no figure in the book{hint}"
                        )
                    )
            for m, line in page.matches(PLAIN_CITE, page.prose()):
                errors.append(
                    page.error(
                        line,
                        f"plain citation {m[0]!r}: write @eq:{m[1]} so it links "
                        "and is checked",
                    )
                )
        return errors

    def figure_refs(self) -> list[tuple[Page, int, str, str]]:
        """(page, line, name, alt) of every figure reference."""
        return [
            (page, line, m["name"], m["alt"])
            for page in self.pages.values()
            for m, line in page.matches(FIGURE, page.prose())
        ]

    def check_figures(self, known: set[str]) -> list[BookError]:
        errors = []
        for page, line, name, alt in self.figure_refs():
            if name not in known:
                errors.append(
                    page.error(
                        line, f"figure:{name} names no function in gdbook.figures"
                    )
                )
            if len(alt.strip()) < 15:
                errors.append(
                    page.error(
                        line,
                        f"figure:{name} needs alt text that describes it "
                        f"(got {alt.strip()!r})",
                    )
                )
        return errors

    def source_refs(self) -> list[tuple[Page, int, str]]:
        return [
            (page, line, m["target"])
            for page in self.pages.values()
            for m, line in page.matches(SOURCE, page.comments())
        ]

    # -- the Markdown the site is built from ------------------------------
    def transform(self, src: str, render_source) -> tuple[str, list[tuple[str, bool]]]:
        """Return (markdown, formulas) for one page.

        Formulas become placeholders numbered in the order of ``formulas``;
        ``@eq:`` references become links; ``figure:`` references become
        image paths; ``<!-- source: ... -->`` becomes the function's code.
        """
        page = self.pages[src]
        out, formulas = [], []
        for tok in page.tokens:
            if tok.kind == "math":
                index = len(formulas)
                formulas.append((tex_for_katex(tok), tok.display))
                if tok.display:
                    tag, label = equation_of(tok)
                    key = label or tag
                    ident = f' id="{anchor_for(key)}"' if key else ""
                    # The paper's equations (plain numbers) carry a visible
                    # "paper" mark beside their number (gdbook.css), so that
                    # (3) and the book's own (3.1) are told apart at a glance.
                    if tag is not None and tag.isdigit():
                        ident += ' data-source="paper"'
                    name = PLACEHOLDER.format(kind="D", index=index)
                    out.append(f'<div class="gdb-math"{ident}>{name}</div>')
                else:
                    out.append(PLACEHOLDER.format(kind="I", index=index))
            elif tok.kind == "text":
                text = EQREF.sub(lambda m: self._eq_link(src, m[1]), tok.text)
                text = FIGREF.sub(lambda m: self._fig_link(src, m[1]), text)
                text = FIGURE.sub(lambda m: self._figure_html(src, m), text)
                out.append(text)
            elif tok.kind == "fence" and tok.info == "python" and ">>>" in tok.text:
                # Show a doctest as a console session: prompts and printed
                # output get their own styles (the source stays ```python).
                first, rest = tok.text.split("\n", 1)
                out.append(first.replace("python", "pycon", 1) + "\n" + rest)
            elif tok.kind == "comment" and SOURCE.fullmatch(tok.text):
                out.append(render_source(SOURCE.fullmatch(tok.text)["target"]))
            else:
                out.append(tok.text)
        out.append(self._previews(src, formulas))
        return "".join(out), formulas

    def _previews(self, src: str, formulas: list[tuple[str, bool]]) -> str:
        """Templates of the equations and figures of other pages this page cites.

        The previews (docs/assets/previews.js) show a cited target in a
        popover: a target on the same page is read from the page; one on
        another page from its ``<template data-for="eq-...">`` here (inert
        until cloned: not in the DOM, not loaded, not searched).
        """
        page = self.pages[src]
        keys: list[str] = []
        for tok in page.prose():
            for m in EQREF.finditer(tok.text):
                eq = self.equations.get(m[1])
                if eq is not None and eq.page != src and m[1] not in keys:
                    keys.append(m[1])
            for m in FIGREF.finditer(tok.text):
                fig = self.figures.get(m[1])
                if fig is not None and fig.page != src and f"@{m[1]}" not in keys:
                    keys.append(f"@{m[1]}")
        if not keys:
            return ""
        parts = []
        for key in keys:
            if key.startswith("@"):
                fig = self.figures[key[1:]]
                body = self._figure_element(src, fig, ident=False)
                parts.append(
                    f'<template data-for="{figure_anchor(fig.name)}">{body}</template>'
                )
                continue
            eq = self.equations[key]
            name = PLACEHOLDER.format(kind="D", index=len(formulas))
            formulas.append((eq.tex, True))
            parts.append(equation_template(key, eq.tag, name))
        return previews_block(parts)

    def _eq_link(self, src: str, key: str) -> str:
        eq = self.equations.get(key)
        if eq is None:  # reported by check_references; keep the text visible
            return f"@eq:{key}"
        target = "" if eq.page == src else relative_href(src, eq.page)
        title = (
            f"equation ({eq.tag}) of the paper"
            if eq.tag.isdigit()
            else f"equation ({eq.tag}) of this book"
        )
        return f'[({eq.tag})]({target}#{anchor_for(key)} "{title}")'

    def _fig_link(self, src: str, name: str) -> str:
        fig = self.figures.get(name)
        if fig is None:  # reported by check_references; keep the text visible
            return f"@fig:{name}"
        target = "" if fig.page == src else relative_href(src, fig.page)
        # No title: the caption is long, and the preview shows it.
        return f"[{fig.label}]({target}#{figure_anchor(name)})"

    def _figure_html(self, src: str, m: re.Match) -> str:
        fig = self.figures.get(m["name"])
        if fig is None or fig.page != src or fig.alt != m["alt"]:
            # Not indexed (a second showing, reported by check_references).
            path = relative_href(src, f"figures/{m['name']}.svg")
            return f"![{m['alt']}]({path}){{ .gdb-figure loading=lazy }}"
        return self._figure_element(src, fig)

    @staticmethod
    def _figure_element(src: str, fig: Figure, ident: bool = True) -> str:
        """The figure, its number and caption: ``<figure id="fig-name">``."""
        path = relative_href(src, f"figures/{fig.name}.svg")
        esc = htmllib.escape
        alt = esc(" ".join(fig.alt.split()), quote=True)
        attrs = f' id="{figure_anchor(fig.name)}"' if ident else ""
        return (
            f'<figure class="gdb-fig"{attrs}>'
            f'<img class="gdb-figure" src="{path}" alt="{alt}" loading="lazy">'
            f'<figcaption><span class="gdb-fig-number">{fig.label}.</span> '
            f"{esc(fig.caption, quote=False)}</figcaption></figure>"
        )


FILLED = re.compile(
    r"(?:<p>)?<div class=\"gdb-math\"(?P<id> id=\"[^\"]*\")?"
    r"(?P<source> data-source=\"paper\")?>"
    r"GDBMATHD(?P<d>\d{5})</div>(?:</p>)?"
    r"|GDBMATHI(?P<i>\d{5})"
)


def fill_math(html: str, rendered: list[str]) -> str:
    """Put the KaTeX HTML in place of the placeholders."""

    def sub(m: re.Match) -> str:
        if m["d"] is not None:
            ident = (m["id"] or "") + (m["source"] or "")
            return f'<div class="gdb-math"{ident}>{rendered[int(m["d"])]}</div>'
        return rendered[int(m["i"])]

    return FILLED.sub(sub, html)


ARITHMATEX = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">(?P<body>.*?)</(?P=tag)>', re.S
)


def arithmatex_formulas(html: str) -> list[tuple[str, bool]]:
    """Formulas that pymdownx.arithmatex protected (docstrings on API pages)."""
    import html as htmllib

    out = []
    for m in ARITHMATEX.finditer(html):
        body = htmllib.unescape(m["body"]).strip()
        display = body.startswith("\\[")
        out.append((body[2:-2].strip(), display))
    return out


def fill_arithmatex(html: str, rendered: list[str]) -> str:
    it = iter(rendered)

    def sub(m: re.Match) -> str:
        inner = next(it)
        if m["tag"] == "div":
            return f'<div class="gdb-math">{inner}</div>'
        return inner

    return ARITHMATEX.sub(sub, html)
