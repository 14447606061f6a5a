"""Links that leave the site: listed, and well formed (no network needed).

``./book links`` fetches them too, on a machine with a network.
"""

from __future__ import annotations

from pathlib import Path

from book_helpers import report
from bookkit.external import check_syntax, find_links, main


def test_external_links_are_found_with_file_and_line():
    links = {str(link) for link in find_links()}
    assert "docs/index.md:10: https://katex.org" in links
    assert "mkdocs.yml:5: https://gdbook.github.io/gdbook/" in links
    assert len(links) >= 5


def test_every_external_link_is_well_formed():
    problems = check_syntax(find_links())
    assert not problems, report(problems)


def test_the_listing_command_prints_every_link(capsys):
    assert main([]) == 0
    out = capsys.readouterr()
    assert out.out.count("\n") == len(find_links())
    assert "external links, 0 problems" in out.err


BAD = {
    "[typo](htps://katex.org)": "scheme 'htps': expected https",
    "[no host](https://katex)": "host 'katex' is not a domain name",
    "[local](http://localhost:8000/gdbook/)": "points at localhost",
    "[port](https://katex.org:99999/)": "cannot be parsed",
    "see <https://katex.org/docs/a b>": None,  # a space ends an autolink: not a link
    "[fine](https://katex.org/docs/)": None,
}


def test_malformed_links_are_named_with_file_and_line(tmp_path: Path):
    page = tmp_path / "docs" / "chapters" / "x.md"
    page.parent.mkdir(parents=True)
    page.write_text("# X\n\n" + "\n\n".join(BAD) + "\n")
    problems = check_syntax(find_links(tmp_path))
    expected = [
        (f"docs/chapters/x.md:{3 + 2 * i}:", why)
        for i, why in enumerate(BAD.values())
        if why
    ]
    assert len(problems) == len(expected), problems
    for (where, why), problem in zip(expected, problems, strict=True):
        assert problem.startswith(where) and why in problem, problem
