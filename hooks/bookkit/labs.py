"""Labs: notebooks kept as jupytext ``.py`` files and run by mkdocs-jupyter.

mkdocs-jupyter executes each lab at build (``allow_errors: false``, so a
raising cell fails the build) and turns it into HTML with nbconvert. That
HTML carries several hundred KiB of JupyterLab CSS inline and loads MathJax
from a CDN. :func:`clean_lab_html` removes both: the math is rendered by
KaTeX like on every other page, code blocks get Material's highlighting and
copy button, and a few lines of CSS in ``docs/assets/gdbook.css`` style the
cells. :func:`lab_formulas` finds each formula's line in the ``.py`` file so
that a formula KaTeX cannot parse is reported as ``docs/labs/<lab>.py:<line>``.
"""

from __future__ import annotations

import html as htmllib
import itertools
import re
from pathlib import Path

from . import BookError
from .katex import render_many
from .scan import INLINE, tokenize

STREAM_SPLIT = re.compile(
    r"</pre>\s*</div>\s*</div>\s*<div class=\"jp-OutputArea-child\">\s*"
    r"<div class=\"jp-OutputPrompt jp-OutputArea-prompt\"></div>\s*"
    r"<div class=\"jp-RenderedText jp-OutputArea-output\" "
    r"data-mime-type=\"text/plain\" tabindex=\"0\">\s*<pre>"
)
STYLE = re.compile(r"<style\b[^>]*>.*?</style>", re.S)
SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.S)
CLIPBOARD = re.compile(
    r'<div class="zeroclipboard-container">.*?</clipboard-copy>\s*</div>', re.S
)
CLIPBOARD_TEXT = re.compile(r'<div class="clipboard-copy-txt"[^>]*>.*?</div>', re.S)
CODE = re.compile(
    r'<div class="highlight-ipynb hl-(?P<lang>[\w-]+)"><pre>(?P<body>.*?)</pre></div>',
    re.S,
)
PROTECTED = re.compile(r"<(pre|code)\b.*?</\1>|<[^>]+>", re.S)
MARKDOWN_CELL = re.compile(
    r'(<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown[^"]*"[^>]*>)(.*?)(</div>)',
    re.S,
)


def _math_in(fragment: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, tex, display) of each formula in an HTML fragment's text."""
    found = []
    pos = 0
    for m in [*list(PROTECTED.finditer(fragment)), None]:
        stop = m.start() if m else len(fragment)
        text = fragment[pos:stop]
        for f in INLINE.finditer(text):
            if f["display"] or (f["inline"] and not f["code"]):
                raw = f.group(0)
                n = 2 if f["display"] else 1
                tex = htmllib.unescape(raw[n:-n]).strip()
                found.append((pos + f.start(), pos + f.end(), tex, bool(f["display"])))
        if m:
            pos = m.end()
    return found


def clean_lab_html(content: str, lab: str) -> str:
    """Strip the inline CSS and MathJax; render math with KaTeX."""
    # nbconvert's cell ids ("cell-id=3f8c") are random (jupytext makes new
    # ones at every read) and not valid CSS selectors, which Material's copy
    # buttons build from them: number the cells instead, for a reproducible
    # build.
    numbers = itertools.count(1)
    content = re.sub(
        r'id="cell-id=[\w-]+"', lambda m: f'id="cell-{next(numbers)}"', content
    )
    # A cell that prints for a while sends its output in several messages,
    # split wherever the kernel happened to flush: join them again.
    content = STREAM_SPLIT.sub("", content)
    content = STYLE.sub("", content)
    content = SCRIPT.sub("", content)
    content = CLIPBOARD.sub("", content)
    content = CLIPBOARD_TEXT.sub("", content)
    content = CODE.sub(
        lambda m: (
            f'<div class="language-{m["lang"]} highlight"><pre>'
            f"<code>{m['body'].removeprefix('<span></span>')}</code></pre></div>"
        ),
        content,
    )
    errors: list[str] = []

    def render_cell(m: re.Match) -> str:
        body = m.group(2)
        spots = _math_in(body)
        if not spots:
            return m.group(0)
        results = render_many([(tex, display) for _, _, tex, display in spots])
        out, pos = [], 0
        for (start, end, tex, display), result in zip(spots, results, strict=True):
            out.append(body[pos:start])
            if "error" in result:
                errors.append(f"{lab}: KaTeX cannot parse {tex!r}: {result['error']}")
                out.append(body[start:end])
            elif display:
                out.append(f'<div class="gdb-math">{result["html"]}</div>')
            else:
                out.append(result["html"])
            pos = end
        out.append(body[pos:])
        return m.group(1) + "".join(out) + m.group(3)

    content = MARKDOWN_CELL.sub(render_cell, content)
    if errors:
        raise ValueError("\n".join(errors))
    return content


def lab_formulas(path: Path, root: Path) -> list[tuple[int, str, bool]]:
    """(line, tex, display) of each formula in the Markdown cells of a lab."""
    lines = path.read_text(encoding="utf-8").split("\n")
    found = []
    i = 0
    while i < len(lines):
        if lines[i].startswith("# %% [markdown]"):
            start = i + 1
            j = start
            while (
                j < len(lines)
                and lines[j].startswith("#")
                and not lines[j].startswith("# %%")
            ):
                j += 1
            text = "\n".join(
                line[2:] if line.startswith("# ") else line[1:]
                for line in lines[start:j]
            )
            for tok in tokenize(text):
                if tok.kind == "math":
                    found.append((start + tok.line, tok.body.strip(), tok.display))
            i = j
        else:
            i += 1
    return found


def check_lab_math(docs_dir: Path) -> list[BookError]:
    errors = []
    jobs, where = [], []
    for path in sorted((docs_dir / "labs").glob("*.py")):
        rel = f"docs/{path.relative_to(docs_dir).as_posix()}"
        for line, tex, display in lab_formulas(path, docs_dir):
            jobs.append((tex, display))
            where.append((rel, line, tex))
    for (rel, line, tex), result in zip(where, render_many(jobs), strict=True):
        if "error" in result:
            errors.append(
                BookError(rel, line, f"KaTeX cannot parse {tex!r}: {result['error']}")
            )
    return errors


class LabError(Exception):
    """Cells raised while the build ran the labs: one :class:`BookError` each."""

    def __init__(self, errors: list[BookError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
CELL_FRAME = re.compile(r"Cell In\[\d+\], line (\d+)")
SEPARATOR = "\n------------------\n"


def lab_failure(lab: Path, shown: str, exc: BaseException) -> BookError:
    """What went wrong in a lab, as ``docs/labs/<lab>.py:<line>: ...``.

    A cell that raised (nbclient's ``CellExecutionError``) is located by
    its source in the ``.py`` file plus the line its traceback names in the
    cell; the message keeps the exception's type, its message and the
    traceback. Anything else (a kernel that died, a timeout, a file jupytext
    cannot read) is reported on line 1 with its own type and traceback.
    """
    import traceback as tb

    ename = getattr(exc, "ename", None)
    if ename is None:
        trace = "".join(tb.format_exception(exc)).rstrip()
        return BookError(
            shown,
            1,
            f"running the lab failed: {type(exc).__name__}: {exc}\n{_indent(trace)}",
        )
    text = ANSI.sub("", str(exc))
    parts = text.split(SEPARATOR, 2)
    cell = parts[1] if len(parts) == 3 else ""
    trace = parts[-1].strip()
    line = _line_in_lab(lab, cell, trace)
    return BookError(
        shown, line, f"a cell raised {ename}: {exc.evalue}\n{_indent(trace)}"
    )


def _line_in_lab(lab: Path, cell: str, trace: str) -> int:
    """The line of ``lab`` that the cell's frame of ``trace`` points at."""
    text = lab.read_text(encoding="utf-8")
    at = text.find(cell) if cell.strip() else -1
    if at < 0:
        return 1
    first = text.count("\n", 0, at) + 1
    frame = CELL_FRAME.search(trace)
    return first + (int(frame[1]) - 1 if frame else 0)


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())


def prerun_labs(plugin, files, workers: int) -> list[str]:
    """Execute the labs mkdocs-jupyter has not cached yet, several at a time.

    mkdocs-jupyter runs notebooks one after another while it renders pages;
    on a cold build that is most of the build time. This runs the same
    conversion, with the same options and the same cache entries, in
    parallel before the pages are rendered, so mkdocs-jupyter then finds
    every lab in its cache. Every lab runs; if cells raised, :class:`LabError`
    lists each, with its line and traceback (``allow_errors`` is passed
    through). Returns the labs it ran.
    """
    import json
    from concurrent.futures import ThreadPoolExecutor

    from mkdocs_jupyter import convert
    from mkdocs_jupyter import plugin as jupyter_plugin

    config = plugin.config
    if not (config["execute"] and config["cache"]):
        return []
    todo = []
    for file in files:
        if not plugin.should_include(file):
            continue
        key = jupyter_plugin._compute_cache_key(file.abs_src_path, config, True)
        cache_path = jupyter_plugin._get_cache_path(config["cache_dir"], key)
        if not cache_path.exists():
            todo.append((file.abs_src_path, cache_path, f"docs/{file.src_uri}"))

    def run(job) -> str | BookError:
        src, cache_path, shown = job
        try:
            return _run(src, cache_path)
        except Exception as exc:  # nbclient's CellExecutionError, mostly
            return lab_failure(Path(src), shown, exc)

    def _run(src, cache_path) -> str:
        body = convert.nb2html(
            src,
            execute=True,
            kernel_name=config["kernel_name"],
            theme=config["theme"],
            allow_errors=config["allow_errors"],
            show_input=config["show_input"],
            no_input=config["no_input"],
            no_prompt=config["no_prompt"],
            remove_tag_config=config["remove_tag_config"],
            highlight_extra_classes=config["highlight_extra_classes"],
            include_requirejs=config["include_requirejs"],
            custom_mathjax_url=config["custom_mathjax_url"],
        )
        toc_tokens, title = jupyter_plugin._get_nb_toc_tokens(src, config["toc_depth"])
        cache_path.parent.mkdir(parents=True, exist_ok=True)
        payload = {"content": body, "toc_tokens": toc_tokens, "title": title}
        cache_path.write_text(json.dumps(payload), encoding="utf-8")
        return src

    with ThreadPoolExecutor(max(1, workers)) as pool:
        results = list(pool.map(run, todo))
    failed = [r for r in results if isinstance(r, BookError)]
    if failed:
        raise LabError(failed)
    return results
