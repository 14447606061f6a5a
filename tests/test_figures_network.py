"""The figures of chapter 4 render, and render the same SVG every time."""

from __future__ import annotations

import pytest

from gdbook.figures import FIGURES, render_svg
from gdbook.figures import network as module


def test_every_figure_is_registered():
    assert set(module.FIGURES) <= set(FIGURES)
    assert module.FIGURES == ("sigmoid_curve", "network_diagram")


@pytest.mark.parametrize("name", module.FIGURES)
def test_figure_renders_deterministically(name: str):
    svg = render_svg(name)
    assert svg.startswith(b"<?xml") and b"<svg" in svg
    assert render_svg(name) == svg
