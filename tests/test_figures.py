"""Every figure of the book renders, and renders the same SVG bytes every time."""

from __future__ import annotations

import pytest

from gdbook.figures import FIGURES, network, render_svg


def test_every_module_figure_is_registered():
    assert network.FIGURES == ("sigmoid_curve", "network_diagram")
    assert set(network.FIGURES) <= set(FIGURES)


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figure_renders_deterministically(name: str):
    first = render_svg(name)
    assert first.startswith(b"<?xml") and b"<svg" in first
    assert render_svg(name) == first
