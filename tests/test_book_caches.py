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


def test_figures_are_cached_under_the_library_hash(tmp_path):
    svgs = figs.draw_all({"slope_of_square"}, cache=tmp_path)
    cached = tmp_path / figs.library_hash() / "slope_of_square.svg"
    assert cached.read_bytes() == svgs["slope_of_square"]


def test_the_labs_cache_is_keyed_by_the_library():
    import mkdocs_hooks
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    mkdocs_hooks.on_config(config)
    cache_dir = config.plugins["mkdocs-jupyter"].config["cache_dir"]
    assert cache_dir.endswith(figs.library_hash())
