"""Citations: ``[@key]`` in prose, entries in ``docs/references.bib``.

A page cites a work by its key, ``[@nielsen2015]``, or with a locator,
``[@nielsen2015, chapter 3]``. Markdown leaves the bracket alone (it is not a
link: no ``(...)`` follows), and the build turns it into a link to the
work's entry on the references page whose text is the author and the year,
"Nielsen (2015)" or "Nielsen (2015, chapter 3)". The year is generated from
the entry, so it is not a number the page states (the numbers check skips
citations); a year typed by hand is.

The entries live in ``docs/references.bib``, read by :func:`parse_bib`, a
small BibTeX reader (``@type{key, field = {value}, ...}``, braces nested,
``"..."`` and bare values; no ``@string`` macros, no ``#`` concatenation).
The references page holds ``<!-- bibliography: source -->`` and
``<!-- bibliography: reading -->``; each becomes the entries of that group
(an entry whose ``keywords`` hold ``source`` is one of the documents the book
grew from), each with the places that cite it, linked back.

:func:`check_citations` fails, naming ``docs/<page>.md:<line>``, on a key no
entry has (with the nearest key as a hint), and naming
``docs/references.bib:<line>`` on an entry nothing cites, a duplicate key,
a missing title or text the reader cannot parse.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import BookError, relative_href
from .scan import line_at, tokenize

BIB_FILE = "references.bib"
REFERENCES_PAGE = "references.md"
GROUPS = ("source", "reading")

KEY = r"[A-Za-z][A-Za-z0-9_-]*"
CITE = re.compile(rf"\[@(?P<key>{KEY})(?:,[ \t]*(?P<loc>[^\]\n]*?))?[ \t]*\]")
BIBLIOGRAPHY = re.compile(r"<!--\s*bibliography:\s*(?P<group>[\w-]+)\s*-->")
HEADING = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<title>.+?)[ \t]*#*[ \t]*$", re.M)


# -- the BibTeX file ------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One work: its BibTeX type, key, fields and the line it starts on."""

    kind: str
    key: str
    fields: dict[str, str]
    line: int

    def get(self, name: str) -> str:
        return clean(self.fields.get(name, ""))

    def people(self, role: str = "author") -> list[tuple[str, str]]:
        """(given names, family name) of each author (or editor)."""
        raw = self.fields.get(role, "")
        if not raw.strip():
            return []
        out = []
        for name in re.split(r"\s+and\s+", raw.strip()):
            name = name.strip()
            if name.startswith("{") and name.endswith("}"):  # {gdbook authors}
                out.append(("", clean(name)))
            elif "," in name:
                family, given = name.split(",", 1)
                out.append((clean(given).strip(), clean(family).strip()))
            else:
                parts = clean(name).split()
                out.append((" ".join(parts[:-1]), parts[-1] if parts else ""))
        return out

    @property
    def year(self) -> str:
        return self.get("year") or "n.d."

    @property
    def names(self) -> str:
        """Who, as the citation names them: one, two, or the first et al."""
        family = [f for _, f in self.people()]
        if not family:
            return self.get("title")
        if len(family) == 1:
            return family[0]
        if len(family) == 2:
            return f"{family[0]} and {family[1]}"
        return f"{family[0]} et al."

    def cite_text(self, locator: str | None = None) -> str:
        """``Nielsen (2015)``, ``Nielsen (2015, chapter 3)``."""
        inside = f"{self.year}, {locator}" if locator else self.year
        return f"{self.names} ({inside})"

    @property
    def group(self) -> str:
        words = re.split(r"[,;\s]+", self.get("keywords"))
        return "source" if "source" in words else "reading"


def clean(value: str) -> str:
    """BibTeX text as plain text: braces, ``\\url``, ``--`` and escapes."""
    value = re.sub(r"\\url\{([^{}]*)\}", r"\1", value)
    value = re.sub(r"\\(?P<c>[&%$#_{}])", r"\g<c>", value)
    value = value.replace("---", "\u2014").replace("--", "\u2013")
    value = value.replace("{", "").replace("}", "").replace("~", "\u00a0")
    return re.sub(r"\s+", " ", value).strip()


def parse_bib(text: str, path: str = f"docs/{BIB_FILE}") -> tuple[dict, list]:
    """Return ({key: Entry}, [BookError]) for the text of a BibTeX file."""
    entries: dict[str, Entry] = {}
    errors: list[BookError] = []
    pos = 0

    def line_of(at: int) -> int:
        return text.count("\n", 0, at) + 1

    head = re.compile(rf"@(?P<kind>[A-Za-z]+)\s*\{{\s*(?P<key>{KEY})\s*,")
    start = re.compile(r"^[ \t]*@", re.M)  # text outside entries is a comment
    while True:
        s = start.search(text, pos)
        if s is None:
            break
        at = s.end() - 1
        m = head.match(text, at)
        if not m:
            errors.append(
                BookError(
                    path, line_of(at), "cannot read an entry here (@type{key, ...)"
                )
            )
            pos = at + 1
            continue
        fields, end, problem = _fields(text, m.end())
        line = line_of(at)
        if problem:
            errors.append(BookError(path, line_of(problem[0]), problem[1]))
            pos = end
            continue
        entry = Entry(m["kind"].lower(), m["key"], fields, line)
        if entry.key in entries:
            first = entries[entry.key]
            errors.append(
                BookError(
                    path,
                    line,
                    f"key {entry.key} is defined twice (first at {path}:{first.line})",
                )
            )
        elif not entry.get("title"):
            errors.append(BookError(path, line, f"{entry.key} has no title"))
        else:
            entries[entry.key] = entry
        pos = end
    return entries, errors


def _fields(text: str, pos: int) -> tuple[dict[str, str], int, tuple | None]:
    """Read ``name = value, ...}`` from ``pos``; return fields, end, problem."""
    fields: dict[str, str] = {}
    name_re = re.compile(r"\s*(?:(?P<close>\})|(?P<name>[A-Za-z][\w-]*)\s*=\s*)")
    while True:
        m = name_re.match(text, pos)
        if not m:
            return fields, pos + 1, (pos, "expected a field (name = {value}) or }")
        if m["close"]:
            return fields, m.end(), None
        pos = m.end()
        if pos < len(text) and text[pos] == "{":
            depth, i = 0, pos
            while i < len(text):
                if text[i] == "{" and text[i - 1] != "\\":
                    depth += 1
                elif text[i] == "}" and text[i - 1] != "\\":
                    depth -= 1
                    if depth == 0:
                        break
                i += 1
            if depth:
                return fields, len(text), (pos, f"unbalanced braces in {m['name']}")
            value, pos = text[pos + 1 : i], i + 1
        elif pos < len(text) and text[pos] == '"':
            i = text.find('"', pos + 1)
            if i < 0:
                return fields, len(text), (pos, f"unclosed quote in {m['name']}")
            value, pos = text[pos + 1 : i], i + 1
        else:
            v = re.compile(r"\w+").match(text, pos)
            if not v:
                return fields, pos + 1, (pos, f"no value for {m['name']}")
            value, pos = v.group(0), v.end()
        fields[m["name"].lower()] = value
        sep = re.compile(r"\s*(,|(?=\}))").match(text, pos)
        if not sep:
            return fields, pos + 1, (pos, "expected , or } after a field")
        pos = sep.end()


def load_bib(docs_dir: Path) -> tuple[dict[str, Entry], list[BookError]]:
    path = docs_dir / BIB_FILE
    if not path.is_file():
        return {}, [BookError(f"docs/{BIB_FILE}", 1, "the bibliography is missing")]
    return parse_bib(path.read_text(encoding="utf-8"))


# -- citations in the pages ----------------------------------------------


@dataclass(frozen=True)
class Citation:
    page: str  # src, relative to docs/
    line: int
    key: str
    locator: str | None
    anchor: str  # cit-<key>-<n>, unique in the book
    where: str  # the page's title and section, for the back-link


@dataclass
class Citations:
    """Every citation of the book, in page order, and the entries they cite."""

    entries: dict[str, Entry]
    found: list[Citation] = field(default_factory=list)

    def on_page(self, src: str) -> list[Citation]:
        return [c for c in self.found if c.page == src]

    def of(self, key: str) -> list[Citation]:
        return [c for c in self.found if c.key == key]


def prose_citations(text: str):
    """Yield (match, line) of every citation in the prose of a Markdown text."""
    for tok in tokenize(text):
        if tok.kind == "text":
            for m in CITE.finditer(tok.text):
                yield m, line_at(tok, m.start()), tok.start + m.start()


def _where(text: str, at: int, home: bool = False) -> str:
    title, section = "", ""
    for m in HEADING.finditer(text, 0, at):
        if len(m["hashes"]) == 1:
            title, section = m["title"], ""
        elif len(m["hashes"]) == 2:
            section = m["title"]
    title = "Home" if home else title
    return f"{title}, section \u201c{section}\u201d" if section else title


def collect(book, entries: dict[str, Entry]) -> tuple[Citations, list[BookError]]:
    """Find every citation; errors for unknown keys and uncited entries."""
    result = Citations(entries)
    errors: list[BookError] = []
    counts: dict[str, int] = {}
    for src in sorted(book.pages):
        page = book.pages[src]
        for m, line, at in prose_citations(page.text):
            key = m["key"]
            if key not in entries:
                near = difflib.get_close_matches(key, entries, n=1)
                hint = f" (did you mean [@{near[0]}]?)" if near else ""
                errors.append(
                    page.error(
                        line, f"[@{key}] cites no entry of docs/{BIB_FILE}{hint}"
                    )
                )
                continue
            counts[key] = counts.get(key, 0) + 1
            result.found.append(
                Citation(
                    src,
                    line,
                    key,
                    (m["loc"] or "").strip() or None,
                    f"cit-{key}-{counts[key]}",
                    _where(page.text, at, home=src == "index.md"),
                )
            )
    for key, entry in entries.items():
        if key not in counts:
            errors.append(
                BookError(
                    f"docs/{BIB_FILE}",
                    entry.line,
                    f"{key} is cited nowhere: cite it as [@{key}] or remove it",
                )
            )
    return result, errors


def build(book) -> tuple[Citations, list[BookError]]:
    """The book's citations, and every problem with them or the entries."""
    entries, errors = load_bib(book.docs_dir)
    cites, found = collect(book, entries)
    return cites, errors + found + check_bibliography_markers(book)


def check_citations(book) -> list[BookError]:
    """The build's and the tests' check: the file parses, every key resolves."""
    return build(book)[1]


# -- rendering -----------------------------------------------------------


def render_citations(markdown: str, src: str, cites: Citations) -> str:
    """Each ``[@key]`` of a page's prose becomes a link to its entry.

    ``markdown`` is the page as the build transformed it (its prose, and so
    its citations, in the same order as in the source).
    """
    mine = iter(cites.on_page(src))
    out, pos = [], 0
    for m, _, at in prose_citations(markdown):
        c = next(mine, None)
        entry = cites.entries.get(m["key"])
        if c is None or entry is None or c.key != m["key"]:
            continue  # reported by check_citations; the build has failed
        href = f"{relative_href(src, REFERENCES_PAGE)}#bib-{c.key}"
        text = entry.cite_text(c.locator)
        out.append(markdown[pos:at])
        out.append(f"[{text}]({href}){{#{c.anchor} .gdb-cite}}")
        pos = at + len(m.group(0))
    out.append(markdown[pos:])
    return "".join(out)


def _person(given: str, family: str) -> str:
    return f"{given} {family}".strip()


def _people(entry: Entry, role: str = "author") -> str:
    names = [_person(g, f) for g, f in entry.people(role)]
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def entry_markdown(entry: Entry) -> str:
    """The entry as the references page prints it (author-year style)."""
    g = entry.get
    head = f"**{entry.cite_text()}.**"
    parts = [_people(entry)] if entry.people() else []
    title = g("title")
    if entry.kind in ("book", "misc", "manual", "unpublished"):
        parts.append(f"*{title}*")
    else:
        parts.append(title)
    if entry.kind == "article":
        where = f"*{g('journal')}*"
        if g("volume"):
            where += f" {g('volume')}"
            if g("number"):
                where += f"({g('number')})"
        if g("pages"):
            where += f", {g('pages')}"
        parts.append(where)
    elif entry.kind in ("inproceedings", "incollection"):
        where = f"In *{g('booktitle')}*"
        if entry.people("editor"):
            eds = _people(entry, "editor")
            where += f", edited by {eds}"
        if g("series"):
            where += f", {g('series')}"
            if g("volume"):
                where += f" {g('volume')}"
        if g("pages"):
            where += f", pages {g('pages')}"
        parts.append(where)
    for name in ("howpublished", "publisher", "note"):
        if g(name):
            parts.append(g(name))
    body = ". ".join(p.rstrip(".") for p in parts if p) + "."
    links = []
    if g("doi"):
        links.append(f"doi:[{g('doi')}](https://doi.org/{g('doi')})")
    if g("eprint"):
        links.append(f"arXiv:[{g('eprint')}](https://arxiv.org/abs/{g('eprint')})")
    if g("url"):
        links.append(f"<{g('url')}>")
    tail = " " + " ".join(links) if links else ""
    return f"{head} {body}{tail}"


def bibliography_markdown(group: str, cites: Citations, src: str) -> str:
    """The entries of one group, each with the places that cite it."""
    chosen = [e for e in cites.entries.values() if e.group == group]
    chosen.sort(key=lambda e: (e.names.lower(), e.year, e.key))
    blocks = []
    for entry in chosen:
        back = []
        seen: dict[str, int] = {}
        for c in cites.of(entry.key):
            seen[c.where] = seen.get(c.where, 0) + 1
            label = c.where if seen[c.where] == 1 else f"{c.where} ({seen[c.where]})"
            back.append(f"[{label}]({relative_href(src, c.page)}#{c.anchor})")
        blocks.append(
            f"{entry_markdown(entry)}\n{{: #bib-{entry.key} .gdb-ref }}\n\n"
            f"Cited in: {'; '.join(back)}.\n{{: .gdb-ref-cited }}\n"
        )
    return "\n".join(blocks)


def render_bibliography(markdown: str, src: str, cites: Citations) -> str:
    """Replace each ``<!-- bibliography: group -->`` with its entries."""
    return BIBLIOGRAPHY.sub(
        lambda m: bibliography_markdown(m["group"], cites, src), markdown
    )


def check_bibliography_markers(book) -> list[BookError]:
    """The references page lists both groups, and no other page does."""
    errors = []
    page = book.pages.get(REFERENCES_PAGE)
    if page is None:
        return [
            BookError(f"docs/{REFERENCES_PAGE}", 1, "the references page is missing")
        ]
    groups = [(m, line) for m, line in page.matches(BIBLIOGRAPHY, page.comments())]
    for m, line in groups:
        if m["group"] not in GROUPS:
            errors.append(
                page.error(
                    line, f"bibliography group {m['group']!r} is not one of {GROUPS}"
                )
            )
    for group in GROUPS:
        if group not in {m["group"] for m, _ in groups}:
            errors.append(page.error(1, f"<!-- bibliography: {group} --> is missing"))
    return errors
