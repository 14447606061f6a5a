"""Embed a function's code straight from ``src/gdbook``.

``<!-- source: gdbook.losses.sse -->`` on a line of its own becomes a
``python`` block holding the code of ``gdbook.losses.sse`` as it is in the
package, titled with its file and numbered with its real line numbers, so
what a reader sees is exactly the code the tests run.

Every embedded line gets an anchor, ``#src-<module>-L<n>`` (``src-network-L42``
for line 42 of ``src/gdbook/network.py``; a subpackage's module is
``src-figures-network``), so prose can link to the line that does a step.
A link to such an anchor must point at a line the target page embeds
(``check_links``), and a link whose text is inline code must quote that
line (``check_line_links``): when the code moves, the check names the link
and the line where its code now is.
"""

from __future__ import annotations

import html as htmllib
import importlib
import inspect
import posixpath
import re
import textwrap
from pathlib import Path

from . import BookError
from .book import SOURCE

# A source block as pymdownx.highlight renders it: title, then line numbers.
RENDERED = re.compile(
    r'(<span class="filename">src/gdbook/(?P<path>[\w/]+)\.py</span></th></tr>'
    r'<tr><td class="linenos"><div class="linenodiv"><pre>)(?P<numbers>.*?)(</pre>)',
    re.S,
)
NUMBER = re.compile(r'<span class="normal">(?P<n>[0-9]+)</span>')
CODE_LINK = re.compile(
    r"\[`(?P<code>[^`]+)`\]\((?P<target>[^)\s#]*)#(?P<anchor>src-[^)\s]+)\)"
)

ROOT = Path(__file__).resolve().parents[2]


def resolve(target: str):
    """Import ``gdbook.module.name[.attr]`` and return the object."""
    if not target.startswith("gdbook."):
        raise LookupError(f"{target!r} is not in gdbook")
    parts = target.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for attr in parts[cut:]:
            if not hasattr(obj, attr):
                raise LookupError(f"{target!r}: {attr!r} not found")
            obj = getattr(obj, attr)
        return obj
    raise LookupError(f"{target!r}: no such module")


def render(target: str) -> str:
    obj = resolve(target)
    lines, first = inspect.getsourcelines(obj)
    path = Path(inspect.getsourcefile(obj)).resolve()
    try:
        shown = path.relative_to(ROOT).as_posix()
    except ValueError:
        shown = f"gdbook/{path.name}"
    code = textwrap.dedent("".join(lines))
    return f'```python title="{shown}" linenums="{first}"\n{code.rstrip()}\n```'


def module_key(path: str) -> str:
    """``src/gdbook/figures/network.py`` -> ``figures-network``."""
    rel = path.split("src/gdbook/", 1)[-1].removesuffix(".py")
    return rel.replace("/", "-")


def line_anchors(target: str) -> dict[str, str]:
    """``{"src-<module>-L<n>": code of line n}`` for every line ``render`` shows."""
    obj = resolve(target)
    lines, first = inspect.getsourcelines(obj)
    key = module_key(Path(inspect.getsourcefile(obj)).resolve().as_posix())
    return {f"src-{key}-L{first + i}": text for i, text in enumerate(lines)}


def page_line_anchors(page) -> dict[str, str]:
    """The line anchors of every ``source:`` block of a page (none if it fails)."""
    found: dict[str, str] = {}
    for m, _ in page.matches(SOURCE, page.comments()):
        try:
            found.update(line_anchors(m["target"]))
        except (LookupError, TypeError, OSError):
            pass  # reported by check_sources
    return found


def add_line_anchors(html: str) -> tuple[str, set[str]]:
    """Give each line number of an embedded source block its anchor's id.

    Returns the new HTML and the ids added; a line embedded twice on a page
    is anchored at its first block.
    """
    added: set[str] = set()

    def number(key: str):
        def sub(m: re.Match) -> str:
            ident = f"src-{key}-L{m['n']}"
            if ident in added:
                return m.group(0)
            added.add(ident)
            return f'<span class="normal" id="{ident}">{m["n"]}</span>'

        return sub

    def block(m: re.Match) -> str:
        numbers = NUMBER.sub(number(module_key(m["path"])), m["numbers"])
        return m.group(1) + numbers + m.group(4)

    return RENDERED.sub(block, html), added


def _squash(code: str) -> str:
    return re.sub(r"\s+", "", htmllib.unescape(code))


def check_line_links(book) -> list[BookError]:
    """A link to a line anchor whose text is inline code: the line must be embedded
    on the target page, and the code must be on it.

    (``check_links`` checks the other links to line anchors; it does not see
    a link whose text is a code span, which the scanner splits off.)
    """
    errors = []
    for page in book.pages.values():
        # Inline code is its own token: search the text, outside fences.
        fenced = [(t.start, t.end) for t in page.tokens if t.kind == "fence"]
        for m in CODE_LINK.finditer(page.text):
            if any(a <= m.start() < b for a, b in fenced):
                continue
            line = page.text.count("\n", 0, m.start()) + 1
            if m["target"]:
                src = posixpath.normpath(
                    posixpath.join(posixpath.dirname(page.src), m["target"])
                )
            else:
                src = page.src
            if src not in book.pages:
                errors.append(page.error(line, f"link to {m['target']}: no such page"))
                continue
            anchors = page_line_anchors(book.pages[src])
            code = anchors.get(m["anchor"])
            if code is None:  # check_links cannot see a link whose text is code
                errors.append(
                    page.error(
                        line,
                        f"link to #{m['anchor']}: docs/{src} embeds no such line",
                    )
                )
                continue
            if _squash(m["code"]) not in _squash(code):
                where = [
                    a
                    for a, text in anchors.items()
                    if _squash(m["code"]) in _squash(text)
                ]
                now = f"; it is at #{', #'.join(where)}" if where else ""
                errors.append(
                    page.error(
                        line,
                        f"link to #{m['anchor']}: `{m['code']}` is not on that "
                        f"line, which holds {code.strip()!r}{now}",
                    )
                )
    return errors


def check_sources(book) -> list[BookError]:
    errors = []
    for page, line, target in book.source_refs():
        try:
            render(target)
        except (LookupError, TypeError, OSError) as exc:
            errors.append(page.error(line, f"source: {exc}"))
    return errors + check_line_links(book)
