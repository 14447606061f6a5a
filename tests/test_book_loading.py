"""hooks/bookkit/loading.py: every page defers Material's bundle and loads
search on demand (the built pages are checked in tests/test_book_site.py,
the browser's view of them in tests/test_book_browser.py)."""

from __future__ import annotations

import pytest
from bookkit.loading import (
    MARK,
    SEARCH_ON_DEMAND,
    LoadingError,
    code_lines,
    finish_page,
    mark_code_lines,
)

BUNDLE = '<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>'


def test_the_bundle_is_deferred_after_search_on_demand():
    html = f"<body><p>text</p>\n{BUNDLE}\n<script src='x.js'></script></body>"
    out = finish_page(html)
    assert (
        '<script src="../assets/javascripts/bundle.a5f9d56c.min.js" defer></script>'
        in out
    )
    assert out.index(MARK) < out.index("bundle.a5f9d56c")
    assert SEARCH_ON_DEMAND in out
    assert (
        out.replace(f"{MARK}\n<script>{SEARCH_ON_DEMAND}</script>\n", "").replace(
            " defer></script>", "></script>"
        )
        == html
    )


@pytest.mark.parametrize(
    ("code", "lines"), [("a\nb\n", 2), ("a\nb", 2), ("a", 1), ("", 0), ("\n\n", 2)]
)
def test_code_lines(code, lines):
    assert code_lines(code) == lines


def test_each_code_block_gets_its_lines():
    html = (
        '<div class="highlight"><pre><span></span><code><span class="k">def</span> f():\n'
        "    pass\n</code></pre></div><p><code>inline</code></p><pre><code>x\n</code></pre>"
    )
    out = mark_code_lines(html)
    assert out.count("--gdb-lines") == 2
    assert '<code style="--gdb-lines:2"><span class="k">def' in out
    assert '<pre><code style="--gdb-lines:1">x' in out
    assert "<p><code>inline</code></p>" in out


@pytest.mark.parametrize("count", [0, 2])
def test_a_page_without_exactly_one_bundle_fails(count):
    with pytest.raises(LoadingError, match=f"found it {count} times"):
        finish_page("<body>" + BUNDLE * count + "</body>")


def test_search_on_demand_holds_the_index_and_the_worker():
    """What the script waits for, by name (its behaviour is checked in the
    browser: no page but the one searched fetches the index)."""
    for needle in (
        r"/\/search\/search_index\.json$/",
        r"/\/workers\/search\.[0-9a-f]+\.min\.js$/",
        '"focusin"',
        '"pointerdown"',
        "__search",
    ):
        assert needle in SEARCH_ON_DEMAND, needle
