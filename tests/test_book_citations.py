"""Citations: ``[@key]`` resolves to an entry of docs/references.bib.

The check (``bookkit.citations``) fails naming file and line on an unknown key
and on an entry nothing cites; each fault is injected here and must be seen.
The build names the unknown key too (``tests/test_book_faults.py``). The
built site's citations link to their entries, the entries link back, and the
print page keeps both.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from book_helpers import DOCS, ROOT, report
from bookkit import citations
from bookkit.book import Book
from bookkit.numbers import prose_numbers
from bookkit.scan import tokenize

CHAPTER = "chapters/08-deeper-networks.md"


def _book_with(tmp_path: Path, page: str, extra: str, bib_extra: str = "") -> Book:
    docs = tmp_path / "docs"
    shutil.copytree(DOCS, docs, ignore=shutil.ignore_patterns("reference"))
    path = docs / page
    path.write_text(path.read_text() + extra)
    if bib_extra:
        bib = docs / citations.BIB_FILE
        bib.write_text(bib.read_text() + bib_extra)
    return Book.load(docs)


def test_the_book_cites_only_known_entries_and_every_entry():
    errors = citations.check_citations(Book.load(DOCS))
    assert not errors, report(errors)


def test_the_bibliography_parses_and_holds_the_three_sources():
    entries, errors = citations.load_bib(DOCS)
    assert not errors, report(errors)
    sources = sorted(k for k, e in entries.items() if e.group == "source")
    assert sources == ["omer-gd", "seed-math", "seed-sse"]
    for entry in entries.values():
        assert entry.get("title"), entry.key
        # a work with a year names it; the sources carry none ("n.d.")
        assert re.fullmatch(r"\d{4}|n\.d\.", entry.year), entry.key


def test_an_unknown_key_fails_with_file_line_and_a_hint(tmp_path):
    extra = "\nAs [@no-such-work] shows, and [@nielsen2051, chapter 2] too.\n"
    book = _book_with(tmp_path, CHAPTER, extra)
    line = book.pages[CHAPTER].text.count("\n")  # the last line
    found = [str(e) for e in citations.check_citations(book)]
    assert f"docs/{CHAPTER}:{line}: [@no-such-work] cites no entry" in "\n".join(
        found
    ), found
    assert any(
        m.startswith(f"docs/{CHAPTER}:{line}: [@nielsen2051]")
        and "did you mean [@nielsen2015]?" in m
        for m in found
    ), found


def test_an_uncited_entry_fails_with_its_line_in_the_bib(tmp_path):
    bib = (DOCS / citations.BIB_FILE).read_text()
    extra = "\n@book{uncited1999,\n  title = {Never Cited},\n  year = {1999}\n}\n"
    line = bib.count("\n") + 2
    book = _book_with(tmp_path, CHAPTER, "", bib_extra=extra)
    found = [str(e) for e in citations.check_citations(book)]
    assert f"docs/references.bib:{line}: uncited1999 is cited nowhere" in "\n".join(
        found
    ), found


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ("@book{a,\n  title = {Open\n", 2, "unbalanced braces in title"),
        ("@book{a, year = {1}}\n", 1, "a has no title"),
        ("@book{a, title={A}}\n@book{a, title={B}}\n", 2, "key a is defined twice"),
        ("@book{a title={A}}\n", 1, "cannot read an entry here"),
    ],
)
def test_a_broken_bibliography_names_its_line(text, line, says):
    _, errors = citations.parse_bib(text, "docs/references.bib")
    assert any(e.line == line and says in e.message for e in errors), errors


def test_a_citation_renders_as_author_year_link_outside_code():
    entries, _ = citations.load_bib(DOCS)
    page = "chapters/09-new.md"
    md = (
        "See [@nielsen2015, chapter 3] and [@guo2017].\n\n"
        "`[@nielsen2015]` stays code.\n\n```text\n[@glorot2010]\n```\n"
    )

    one_book = type("OneBook", (), {})()
    one_book.pages = {page: type("P", (), {"text": md, "error": None})()}
    cites, _ = citations.collect(one_book, entries)
    assert len(cites.found) == 2, cites.found
    out = citations.render_citations(md, page, cites)
    assert (
        "[Nielsen (2015, chapter 3)](../references.md#bib-nielsen2015)"
        "{#cit-nielsen2015-1 .gdb-cite}" in out
    ), out
    assert "[Guo et al. (2017)](../references.md#bib-guo2017)" in out
    assert "`[@nielsen2015]`" in out and "\n[@glorot2010]\n" in out


def test_generated_years_are_not_numbers_but_typed_years_are():
    cited = "As [@nielsen2015, chapter 5] and [@robbins1951] show."
    assert prose_numbers(cited) == []
    typed = "As Nielsen (2015) and Robbins, 1951, show."
    assert sorted(w.text for w in prose_numbers(typed)) == ["1951", "2015"]
    # equation numbers are still no numbers the page states
    assert prose_numbers("As (24) and (4.3) show.") == []


def test_cite_this_book_is_bibtex_of_this_book():
    text = (DOCS / "index.md").read_text()
    fences = [t for t in tokenize(text) if t.kind == "fence" and t.info == "bibtex"]
    assert len(fences) == 1, "index.md: one ```bibtex fence (Cite this book)"
    body = fences[0].text.split("\n", 1)[1].rsplit("```", 1)[0]
    entries, errors = citations.parse_bib(body, "docs/index.md")
    assert not errors and list(entries) == ["gdbook"], errors
    entry = entries["gdbook"]
    title = re.search(r"^# (.+)$", text, re.M)[1]
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    assert entry.get("title") == title
    assert entry.get("howpublished") == config["site_url"]
    assert "## Cite this book" in text
    # the gate runs every copy button's code as Python except in this wrapper
    assert '<div class="gdb-not-python" markdown>\n\n```bibtex' in text


def test_the_site_links_citations_and_entries_both_ways(site):
    refs = (site / "references.html").read_text()
    chapter = (site / "chapters" / "03-batch-stochastic-mini-batch.html").read_text()
    link = re.search(
        r'<a class="gdb-cite" href="\.\./references\.html#bib-robbins1951" '
        r'id="(cit-robbins1951-\d+)">Robbins and Monro \(1951\)</a>',
        chapter,
    )
    assert link, "chapter 3 cites Robbins and Monro (1951) as a link"
    assert 'id="bib-robbins1951"' in refs
    assert f'href="chapters/03-batch-stochastic-mini-batch.html#{link[1]}"' in refs
    assert "[@" not in re.sub(r"<code.*?</code>|<pre.*?</pre>", "", chapter, flags=re.S)
    home = (site / "index.html").read_text()
    assert re.search(r'<div class="gdb-not-python">\s*<div class="highlight">', home)
    printed = (site / "print_page.html").read_text()
    assert 'id="bib-robbins1951"' in printed and f'id="{link[1]}"' in printed
    assert 'href="#bib-robbins1951"' in printed and f'href="#{link[1]}"' in printed
