"""External links of the published book: listed, checked for syntax, optionally live.

Internal links and anchors are checked by the strict build (and, with file
and line, by ``links.py``). Links that leave the site cannot be checked
without a network, so the tests check their form only: ``https`` (or
``http``) with a real host name and nothing a browser would choke on. On a
machine with a network, ``./book links`` (``python -m bookkit.external
--live``) also fetches each one and fails on any that does not answer.

The published text is the pages and labs in ``docs/``, the docstrings of
``src/gdbook`` (the API pages) and ``mkdocs.yml``; that is where links are
looked for.
"""

from __future__ import annotations

import argparse
import re
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
# A Markdown link or image target that names a scheme, an autolink, or a
# bare URL in the text.
MD_TARGET = re.compile(r"\]\(\s*<?(?P<url>[A-Za-z][\w+.-]*:[^)\s>]*)")
AUTOLINK = re.compile(r"<(?P<url>[A-Za-z][\w+.-]*://[^>\s]*)>")
BARE = re.compile(r"(?<![\w(<\"'=])(?P<url>(?:https?|ftp)://[^\s<>()\"'`\]\[]+)")
HOST = re.compile(
    r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$"
)
LOCAL = {"localhost", "127.0.0.1", "0.0.0.0", "example.com", "example.org"}


@dataclass(frozen=True)
class Link:
    file: str
    line: int
    url: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.url}"


def published_files(root: Path = ROOT) -> list[Path]:
    docs, src = root / "docs", root / "src" / "gdbook"
    files = [*docs.rglob("*.md"), *(docs / "labs").glob("*.py"), *src.rglob("*.py")]
    files += [*(src / "data").glob("*.txt"), root / "mkdocs.yml"]
    return sorted(p for p in files if p.is_file())


def find_links(root: Path = ROOT) -> list[Link]:
    """Every link that leaves the site, with its file and line."""
    found = []
    for path in published_files(root):
        rel = path.relative_to(root).as_posix()
        for number, text in enumerate(path.read_text().splitlines(), start=1):
            urls: dict[int, str] = {}
            for pattern in (MD_TARGET, AUTOLINK, BARE):
                for m in pattern.finditer(text):
                    urls.setdefault(m.start("url"), m["url"])
            for url in urls.values():
                if url.startswith(("mailto:", "figure:")):
                    continue
                found.append(Link(rel, number, url.rstrip(".,;:")))
    return found


def syntax_problem(url: str) -> str | None:
    """Why ``url`` is not a well-formed link to a public web page, or None."""
    if re.search(r"\s", url):
        return "contains white space"
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        return f"cannot be parsed: {exc}"
    if parts.scheme not in ("https", "http"):
        return f"scheme {parts.scheme!r}: expected https"
    if not url.startswith(f"{parts.scheme}://"):
        return "expected '//' after the scheme"
    host = (parts.hostname or "").lower()
    if host in LOCAL:
        return f"points at {host}, not at a public site"
    if not HOST.match(host):
        return f"host {host!r} is not a domain name"
    if port is not None and not 0 < port < 65536:
        return f"port {port} is out of range"
    return None


def check_syntax(links: list[Link]) -> list[str]:
    return [f"{link}: {why}" for link in links if (why := syntax_problem(link.url))]


def check_live(links: list[Link], timeout: float = 15.0) -> list[str]:
    """Fetch each distinct URL (HEAD, then GET if HEAD is refused)."""
    problems, seen = [], {}
    for link in links:
        if link.url not in seen:
            seen[link.url] = _fetch(link.url, timeout)
        status = seen[link.url]
        print(f"{status:>24}  {link}")
        if not status.startswith(("2", "3")):
            problems.append(f"{link}: {status}")
    return problems


def _fetch(url: str, timeout: float) -> str:
    headers = {"User-Agent": "gdbook-link-check/1.0"}
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return f"{response.status} {method}"
        except urllib.error.HTTPError as exc:
            if method == "HEAD" and exc.code in (403, 405, 501):
                continue
            return f"{exc.code} {exc.reason}"
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            return f"unreachable: {getattr(exc, 'reason', exc)}"
    return "unreachable"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--live", action="store_true", help="also fetch every link (needs a network)"
    )
    args = parser.parse_args(argv)
    links = find_links()
    problems = check_syntax(links)
    if args.live:
        problems += check_live(links)
    else:
        for link in links:
            print(link)
    print(f"{len(links)} external links, {len(problems)} problems", file=sys.stderr)
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
