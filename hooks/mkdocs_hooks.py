"""MkDocs hooks: math, equation links, figures and embedded code.

The build fails, naming ``docs/<file>.md:<line>``, on a formula KaTeX cannot
parse, a reference to an undefined equation, a figure with no function or
no alt text, a number in an alt text that its figure does not compute, a
Python fence Sybil would not collect, a ``source:`` directive naming
nothing or a broken link; naming ``docs/labs/<lab>.py:<line>`` on a lab
formula KaTeX cannot parse or a lab cell that raises (type, message and
traceback); naming ``src/gdbook/<file>.py:<line>`` on a docstring formula.
All these checks run before the build fails, so one build lists all their
problems. The same checks run in
``tests/test_book_*.py``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

sys.path.insert(0, str(Path(__file__).parent))

from bookkit import (
    BookBuildError,
    BookError,
    citations,
    figfacts,
    katex,
    listing_imports,
    relative_href,
    source,
)
from bookkit import figures as figs
from bookkit.book import (
    Book,
    arithmatex_formulas,
    equation_template,
    fill_arithmatex,
    fill_math,
    previews_block,
)
from bookkit.claims import check_claim_functions, render_claims
from bookkit.docstrings import check_docstring_math
from bookkit.exercises import check_exercises
from bookkit.fences import check_fences
from bookkit.labcheck import (
    LAB_ALLOW_FILE,
    check_lab_numbers,
    check_lab_references,
    link_lab_refs,
    outputs_from_html,
)
from bookkit.labs import LabError, check_lab_math, clean_lab_html, prerun_labs
from bookkit.links import check_links
from bookkit.notebooks import (
    add_notebook_link,
    chapter_notebook,
    notebook_bytes,
    notebook_path,
)
from bookkit.numbers import ALLOW_FILE, check_numbers, load_allow
from bookkit.printbook import build_print_page

_state: dict = {}

# The content checks fail the build, naming file and line: every number a
# page or a lab's Markdown writes is shown by an output on it (or, in an alt
# text, by its figure's facts), and labs cite equations with @eq:. The same
# checks run in the tests (tests/test_book_numbers.py,
# tests/test_book_labs_claims.py). A claim marker naming no function fails
# the build too. GDBOOK_CONTENT_CHECKS=0 turns the content checks off for a
# draft (never in CI).
CONTENT_CHECKS = os.environ.get("GDBOOK_CONTENT_CHECKS", "1") != "0"
BOOKKIT = Path(__file__).parent / "bookkit"


def _fail(errors: list[BookError]) -> None:
    if errors:
        raise PluginError(str(BookBuildError(errors)))


def on_config(config):
    # Reproducible builds: the sitemap's dates come from the last commit,
    # not from the clock (MkDocs honours SOURCE_DATE_EPOCH).
    if "SOURCE_DATE_EPOCH" not in os.environ:
        epoch = _last_commit_time(Path(config["config_file_path"]).parent)
        if epoch:
            os.environ["SOURCE_DATE_EPOCH"] = epoch
    # mkdocs-jupyter caches executed labs by their own text only; key its
    # cache by the library too, so a change in src/gdbook re-runs the labs.
    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is not None:
        jupyter.config["cache_dir"] = str(
            figs.CACHE_ROOT / "mkdocs-jupyter" / figs.library_hash()
        )
    return config


def _last_commit_time(root: Path) -> str | None:
    try:
        proc = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return None
    return proc.stdout.strip() if proc.returncode == 0 and proc.stdout.strip() else None


def on_files(files: Files, config) -> Files:
    _state.clear()  # `mkdocs serve` rebuilds in the same process
    docs_dir = Path(config["docs_dir"])
    book = Book.load(docs_dir)
    # Every check runs before the build fails, so one build names every
    # problem: the pages, their formulas (one KaTeX call), the labs' and the
    # docstrings' formulas, and the cells of the labs that raise.
    errors = book.check_references() + check_fences(book) + source.check_sources(book)
    errors += check_links(book) + check_exercises(book)
    cites, cite_errors = citations.build(book)  # [@key] and docs/references.bib
    errors += cite_errors
    errors += book.check_figures(figs.known_figures())
    # An alt text states only numbers its figure computed (its facts); the
    # figures are drawn here (or read from their cache) to know them.
    names = {name for _, _, name, _ in book.figure_refs()} & figs.known_figures()
    key = figs.library_hash()
    svgs = figs.draw_all(names, key=key)
    facts = figs.cached_facts(names, key=key)
    errors += figfacts.check_alt_texts(book.figure_refs(), facts)
    root = Path(config["config_file_path"]).parent
    errors += check_claim_functions(book, root / "tests" / "claims.py")
    if CONTENT_CHECKS:
        errors += check_lab_references(book, docs_dir)
        errors += check_numbers(book, load_allow(BOOKKIT / ALLOW_FILE), facts=facts)
    errors += book.check_math() + check_lab_math(docs_dir)
    package = Path(config["config_file_path"]).parent / "src" / "gdbook"
    if package.is_dir():
        errors += check_docstring_math(package)
    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is not None:
        try:
            prerun_labs(jupyter, files, workers=os.cpu_count() or 1)
        except LabError as exc:
            errors += exc.errors
    _fail(errors)

    pages = {}
    for src in book.pages:
        markdown, formulas = book.transform(src, source.render)
        pages[src] = (markdown, formulas)
    _state["pages"] = pages
    _state["cites"] = cites
    _state["book"] = book

    for name, svg in svgs.items():
        files.append(File.generated(config, f"figures/{name}.svg", content=svg))
    for src in book.pages:
        if src.startswith("chapters/"):
            nb = chapter_notebook(book, src, svgs, source.render)
            files.append(
                File.generated(config, notebook_path(src), content=notebook_bytes(nb))
            )
    for path in sorted(katex.KATEX_DIST.glob("fonts/*.woff2")):
        files.append(
            File.generated(
                config, f"assets/katex/fonts/{path.name}", abs_src_path=str(path)
            )
        )
    files.append(
        File.generated(
            config,
            "assets/katex/katex.min.css",
            abs_src_path=str(katex.KATEX_DIST / "katex.min.css"),
        )
    )
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    src = page.file.src_uri
    if src not in _state.get("pages", {}):
        return markdown
    transformed, formulas = _state["pages"][src]
    page.meta["_gdb_formulas"] = formulas
    if src.startswith("chapters/"):
        transformed = add_notebook_link(transformed, src)
    transformed = citations.render_citations(transformed, src, _state["cites"])
    if src == citations.REFERENCES_PAGE:
        transformed = citations.render_bibliography(transformed, src, _state["cites"])
    return render_claims(transformed)


@event_priority(100)  # before the search plugin indexes the page
def on_page_content(html: str, page, config, files) -> str:
    if (
        page.file.src_uri.startswith("labs/")
        and os.environ.get("GDBOOK_RAW_LABS") != "1"
    ):
        try:
            html = clean_lab_html(html, f"docs/{page.file.src_uri}")
        except ValueError as exc:
            raise PluginError(str(exc)) from None
        return _check_and_link_lab(html, page, files)
    html, line_ids = source.add_line_anchors(html)  # #src-network-L42, ...
    if page.present_anchor_ids is not None:  # MkDocs' own anchor validation
        page.present_anchor_ids |= line_ids
    try:  # each listing's copy button copies its imports too
        html, _ = listing_imports.add_copy_headers(html)
    except listing_imports.ListingError as exc:
        raise PluginError(f"docs/{page.file.src_uri}: {exc}") from None
    formulas = page.meta.pop("_gdb_formulas", None)
    if formulas:
        rendered = [r["html"] for r in katex.render_many(formulas)]
        html = fill_math(html, rendered)
    src = page.file.src_uri
    # The API pages' "Source code" blocks repeat the package in the search
    # index (and in every page's download of it); search the docs, not them.
    html = html.replace(
        '<details class="mkdocstrings-source">',
        '<details class="mkdocstrings-source" data-search-exclude>',
    )
    if src in ("index.md", "notation.md", "references.md") or src.startswith(
        "chapters/"
    ):
        _state.setdefault("print", {})[src] = (page.file.url, html)
    docstring_math = arithmatex_formulas(html)
    if docstring_math:
        results = katex.render_many(docstring_math)
        bad = [
            (tex, r["error"])
            for (tex, _), r in zip(docstring_math, results, strict=True)
            if "error" in r
        ]
        if bad:
            raise PluginError(
                "\n".join(
                    f"docs/{page.file.src_uri}: docstring formula {t!r}: {e}"
                    for t, e in bad
                )
            )
        html = fill_arithmatex(html, [r["html"] for r in results])
    return html


# The links link_lab_refs makes: <a href="...#eq-KEY">(TAG)</a>.
LAB_EQ_LINK = re.compile(r'<a href="[^"#]*#eq-([^"]+)">\(')


def _check_and_link_lab(html: str, page, files) -> str:
    """A lab's @eq: references become links; its numbers checked (see above)."""
    book = _state.get("book")
    if book is None:
        return html
    if CONTENT_CHECKS:
        path = Path(page.file.abs_src_path)
        errors = check_lab_numbers(
            {path: outputs_from_html(html)}, load_allow(BOOKKIT / LAB_ALLOW_FILE)
        )
        _fail(errors)

    def url_of(src: str) -> str:
        target = files.get_file_from_path(src)
        return relative_href(page.file.url, target.url if target else src)

    html = link_lab_refs(html, book, url_of)
    # Previews of the chapters' equations the lab cites (as on the chapters).
    keys = list(dict.fromkeys(LAB_EQ_LINK.findall(html)))
    if not keys:
        return html
    tags = [book.equations[k].tag for k in keys]
    rendered = katex.render_many([(book.equations[k].tex, True) for k in keys])
    templates = [
        equation_template(k, tag, r["html"])
        for k, tag, r in zip(keys, tags, rendered, strict=True)
    ]
    return html + previews_block(templates)


def on_post_build(config) -> None:
    """The whole book on one printable page, in the order of the navigation."""
    printed = _state.get("print", {})
    order = [f.src_uri for f in _state["nav_files"] if f.src_uri in printed]
    pages = [(src, *printed[src]) for src in order]
    build_print_page(Path(config["site_dir"]), pages, f"{config['site_name']} (print)")


def on_nav(nav, config, files):
    _state["nav_files"] = [page.file for page in nav.pages]
    return nav
