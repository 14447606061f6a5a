"""Embed a function's code straight from ``src/gdbook``.

``<!-- source: gdbook.losses.sse -->`` on a line of its own becomes a
``python`` block holding the code of ``gdbook.losses.sse`` as it is in the
package, titled with its file and numbered with its real line numbers, so
what a reader sees is exactly the code the tests run.
"""

from __future__ import annotations

import importlib
import inspect
import textwrap
from pathlib import Path

from . import BookError

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


def check_sources(book) -> list[BookError]:
    errors = []
    for page, line, target in book.source_refs():
        try:
            render(target)
        except (LookupError, TypeError, OSError) as exc:
            errors.append(page.error(line, f"source: {exc}"))
    return errors
