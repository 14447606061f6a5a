"""Split a Markdown page into code, comments, math and prose.

One tokenizer serves every check: the math renderer, the equation
references, the figure references and the fence checks all see the page
the same way, and every token knows the line it starts on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^`\n]*)$")


@dataclass(frozen=True)
class Token:
    """A piece of a page: ``kind`` is one of fence, comment, code, math, text."""

    kind: str
    start: int
    end: int
    line: int
    text: str
    info: str = ""  # the info string of a fence
    display: bool = False  # for math: $$...$$ rather than $...$

    @property
    def body(self) -> str:
        """The TeX between the dollar signs, for a math token."""
        n = 2 if self.display else 1
        return self.text[n:-n]


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    return starts


def _fences(text: str) -> list[tuple[int, int, str]]:
    """Return (start, end, info) of every fenced code block."""
    blocks = []
    lines = text.splitlines(keepends=True)
    offset = 0
    open_fence = None
    for line in lines:
        stripped = line.rstrip("\n")
        if open_fence is None:
            m = FENCE_OPEN.match(stripped)
            if m:
                open_fence = (offset, m["fence"], m["info"].strip())
        else:
            start, fence, info = open_fence
            s = stripped.strip()
            if s and set(s) == {fence[0]} and len(s) >= len(fence):
                blocks.append((start, offset + len(line), info))
                open_fence = None
        offset += len(line)
    if open_fence is not None:
        blocks.append((open_fence[0], len(text), open_fence[2]))
    return blocks


INLINE = re.compile(
    r"""
    (?P<code>(?P<ticks>`+).+?(?P=ticks))          # a code span
  | (?P<comment><!--.*?-->)                       # an HTML comment
  | (?P<escaped>\\\$)                             # a literal dollar
  | (?P<display>\$\$.+?\$\$)                      # display math
  | (?P<inline>\$(?=[^\s$])(?:\\.|[^$\\\n]|\n(?![ \t]*\n))+?(?<=[^\s\\])\$(?!\d))  # inline math, may wrap a line
    """,
    re.VERBOSE | re.DOTALL,
)


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens that cover it exactly, in order."""
    starts = _line_starts(text)

    def line_of(pos: int) -> int:
        lo, hi = 0, len(starts)
        while lo + 1 < hi:
            mid = (lo + hi) // 2
            if starts[mid] <= pos:
                lo = mid
            else:
                hi = mid
        return lo + 1

    tokens: list[Token] = []
    pos = 0
    for start, end, info in [*_fences(text), (len(text), len(text), "")]:
        segment = text[pos:start]
        for m in INLINE.finditer(segment):
            a, b = pos + m.start(), pos + m.end()
            if m["escaped"]:
                continue
            kind = "code" if m["code"] else "comment" if m["comment"] else "math"
            tokens.append(
                Token(kind, a, b, line_of(a), m.group(0), display=bool(m["display"]))
            )
        if start < end:
            tokens.append(
                Token("fence", start, end, line_of(start), text[start:end], info)
            )
        pos = end
    return _fill_text(text, tokens, line_of)


def _fill_text(text, tokens, line_of) -> list[Token]:
    out: list[Token] = []
    pos = 0
    for tok in sorted(tokens, key=lambda t: t.start):
        if tok.start > pos:
            out.append(
                Token("text", pos, tok.start, line_of(pos), text[pos : tok.start])
            )
        out.append(tok)
        pos = tok.end
    if pos < len(text):
        out.append(Token("text", pos, len(text), line_of(pos), text[pos:]))
    return out


def line_at(tok: Token, offset_in_token: int) -> int:
    """The line of a position inside a token."""
    return tok.line + tok.text.count("\n", 0, offset_in_token)
