"""Claim markers: each paragraph's sweep runs here, once, and must agree.

A paragraph followed by ``<!-- claim: some-name -->`` rests on
``claim_some_name()`` in ``tests/claims.py`` (see its docstring). Each
marked function runs once per session; the test of a marker fails, naming
the page's file:line, when the function is missing, when its ``holds`` is
not True, or when a number written in the paragraph is not shown by its
``summary``. The sweeps run only here, never at build time.

A sweep's result is kept in ``.cache/claims/``, keyed by the text of
``tests/claims.py``, the library's source, ``uv.lock`` and the Python
(``book_helpers.result_key``): the edit loop does not run a sweep again
until one of them changes. A fresh clone (CI) runs every sweep;
``GDBOOK_CACHE_DIR=$(mktemp -d)`` does the same here.
"""

from __future__ import annotations

import functools
import importlib.util
import json
from pathlib import Path

import pytest
from book_helpers import DOCS, ROOT, cached_result, report, result_key
from bookkit.book import Book
from bookkit.claims import (
    check_claim_functions,
    claim_errors,
    markers,
    render_claims,
)

CLAIMS_FILE = ROOT / "tests" / "claims.py"
MARKERS, MALFORMED = markers(Book.load(DOCS))


@functools.cache
def _claims_module():
    spec = importlib.util.spec_from_file_location("gdbook_claims", CLAIMS_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@functools.cache
def run_claim(function: str):
    """The result of one claim function, computed once for its inputs."""
    fn = getattr(_claims_module(), function, None)
    if fn is None:
        return None
    kept = cached_result("claims", function, result_key(CLAIMS_FILE.read_bytes()))
    if kept.is_file():
        return json.loads(kept.read_text(encoding="utf-8"))
    result = fn()
    if isinstance(result, dict) and result.get("holds") is True:
        # Only a result that holds is kept: a failing claim runs every time.
        kept.parent.mkdir(parents=True, exist_ok=True)
        kept.write_text(json.dumps(result, default=str), encoding="utf-8")
    return result


def test_claim_markers_are_well_formed():
    assert not MALFORMED, report(MALFORMED)


@pytest.mark.parametrize(
    "marker", MARKERS, ids=lambda m: f"{m.page.src}:{m.line}:{m.name}"
)
def test_claim_holds_and_its_paragraph_quotes_the_sweep(marker):
    errors = claim_errors([marker], run_claim)
    assert not errors, report(errors)


# -- self-tests ------------------------------------------------------------

PAGE = """# 9. A chapter

L2 is more accurate on 15 of 20 seeds, mean +0.3 points.
<!-- claim: l2-wins -->

Text after.
"""


def _book(tmp_path: Path, text: str = PAGE) -> Book:
    path = tmp_path / "docs" / "chapters" / "09-x.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return Book.load(tmp_path / "docs")


def _errors(tmp_path, result, text=PAGE):
    found, malformed = markers(_book(tmp_path, text))
    assert not malformed
    results = {"claim_l2_wins": result}
    return claim_errors(found, lambda name: results.get(name))


SUMMARY = "L2 more accurate on 15 of 20 seeds, mean +0.3 points, range -0.4 to +1.1"


def test_a_claim_that_holds_and_is_quoted_passes(tmp_path):
    assert _errors(tmp_path, {"holds": True, "summary": SUMMARY}) == []


def test_an_unknown_claim_fails_with_file_and_line(tmp_path):
    (error,) = _errors(tmp_path, None, PAGE.replace("l2-wins", "l2-loses"))
    assert (error.path, error.line) == ("docs/chapters/09-x.md", 4)
    assert "claim_l2_loses()" in error.message


def test_a_claim_that_does_not_hold_fails_with_file_and_line(tmp_path):
    (error,) = _errors(tmp_path, {"holds": False, "summary": SUMMARY})
    assert (error.path, error.line) == ("docs/chapters/09-x.md", 4)
    assert "does not hold" in error.message and SUMMARY in error.message


def test_a_number_not_in_the_summary_fails_with_file_and_line(tmp_path):
    summary = SUMMARY.replace("15 of", "14 of")
    (error,) = _errors(tmp_path, {"holds": True, "summary": summary})
    assert (error.path, error.line) == ("docs/chapters/09-x.md", 3)
    assert "'15'" in error.message


def test_a_result_of_the_wrong_shape_fails(tmp_path):
    (error,) = _errors(tmp_path, {"summary": SUMMARY})
    assert error.line == 4 and "must return" in error.message


def test_a_malformed_marker_fails(tmp_path):
    for bad, line in [
        ("<!-- claim: L2_wins -->", 4),
        ("Text. <!-- claim: l2-wins -->", 4),
    ]:
        _, malformed = markers(
            _book(tmp_path, PAGE.replace("<!-- claim: l2-wins -->", bad))
        )
        assert [e.line for e in malformed] == [line]


def test_the_build_check_reads_the_claims_file_without_running_it(tmp_path):
    claims = tmp_path / "claims.py"
    claims.write_text(
        "def claim_l2_wins():\n    raise SystemExit('a sweep ran at build time')\n"
    )
    assert check_claim_functions(_book(tmp_path), claims) == []
    claims.write_text("def claim_other():\n    pass\n")
    (error,) = check_claim_functions(_book(tmp_path), claims)
    assert (error.path, error.line) == ("docs/chapters/09-x.md", 4)
    assert "claim_l2_wins()" in error.message


def test_every_marker_of_the_book_names_a_function():
    errors = check_claim_functions(Book.load(DOCS), CLAIMS_FILE)
    assert not errors, report(errors)


def test_a_marker_becomes_a_note_under_its_paragraph():
    html = render_claims("Text.\n<!-- claim: l2-wins -->\n")
    assert html == (
        'Text.\n<p class="gdb-claim">Checked in the test suite by a sweep: '
        "<code>claim_l2_wins</code> in <code>tests/claims.py</code></p>\n"
    )


def test_a_kept_result_is_keyed_by_every_input():
    """Same inputs, same key; any changed byte or a moved boundary, a new key."""
    from book_helpers import result_key

    assert result_key(b"sweep") == result_key(b"sweep")
    assert result_key(b"sweep") != result_key(b"sweeq")
    assert result_key(b"ab", b"") != result_key(b"a", b"b")
