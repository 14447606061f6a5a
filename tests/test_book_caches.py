"""The build's caches are keyed by the library, so a library change redraws."""

from __future__ import annotations

import shutil

from book_helpers import ROOT
from bookkit import figures as figs


def test_library_hash_changes_with_any_library_file(tmp_path):
    package = tmp_path / "gdbook"
    shutil.copytree(ROOT / "src" / "gdbook", package)
    before = figs.library_hash(package)
    assert figs.library_hash(package) == before
    losses = package / "losses.py"
    losses.write_text(losses.read_text() + "\n# a comment\n")
    assert figs.library_hash(package) != before


def test_figures_are_cached_under_the_library_hash(tmp_path, monkeypatch):
    """A cached figure is read, not drawn; another library hash draws again.

    The cached file is replaced by bytes no figure function draws: the next
    call returns them (it read the cache). Under another library hash the
    figure is drawn again, to the same bytes as the first time (the drawing
    is deterministic), and the planted file is left where it was.
    """
    drawn = figs.draw_all({"slope_of_square"}, cache=tmp_path)["slope_of_square"]
    assert drawn.lstrip().startswith(b"<?xml") and b"<svg" in drawn[:400]
    cached = tmp_path / figs.library_hash() / "slope_of_square.svg"
    planted = b"<svg><!-- not drawn by gdbook --></svg>"
    cached.write_bytes(planted)
    again = figs.draw_all({"slope_of_square"}, cache=tmp_path)
    assert again == {"slope_of_square": planted}

    monkeypatch.setattr(figs, "library_hash", lambda package=None: "another-library")
    redrawn = figs.draw_all({"slope_of_square"}, cache=tmp_path)["slope_of_square"]
    assert redrawn == drawn
    assert (tmp_path / "another-library" / "slope_of_square.svg").read_bytes() == drawn
    assert cached.read_bytes() == planted


def test_the_labs_cache_is_keyed_by_the_library():
    import mkdocs_hooks
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    mkdocs_hooks.on_config(config)
    cache_dir = config.plugins["mkdocs-jupyter"].config["cache_dir"]
    assert cache_dir.endswith(figs.library_hash())
