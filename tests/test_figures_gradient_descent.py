"""The figures of chapters 2 and 3 render, and render the same bytes twice."""

import pytest

from gdbook.figures import FIGURES, render_svg
from gdbook.figures import descent as descent_figures
from gdbook.figures import gradient as gradient_figures

NAMES = gradient_figures.FIGURES + descent_figures.FIGURES


@pytest.mark.parametrize("name", NAMES)
def test_figure_renders_deterministically(name):
    assert name in FIGURES
    first = render_svg(name)
    assert first.startswith(b"<?xml") and b"<svg" in first
    assert render_svg(name) == first
