"""Every figure of the book renders, and renders the same SVG bytes every time."""

from __future__ import annotations

import numpy as np
import pytest
from bookkit.reproducible import nondeterministic_figures
from matplotlib.figure import Figure

import gdbook.figures
from gdbook.figures import FIGURES, network, render_svg


def test_every_module_figure_is_registered():
    assert network.FIGURES == ("sigmoid_curve", "network_diagram")
    assert set(network.FIGURES) <= set(FIGURES)


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figure_renders_deterministically(name: str):
    first = render_svg(name)
    assert first.startswith(b"<?xml") and b"<svg" in first
    assert nondeterministic_figures([name], render_svg) == []


def test_a_figure_drawn_without_a_seed_is_named(monkeypatch):
    """Self-test: an unseeded figure fails the check above, by name."""

    def noisy_points() -> Figure:
        fig = Figure()
        fig.add_subplot().plot(np.random.default_rng().random(5))
        return fig

    monkeypatch.setitem(gdbook.figures.FIGURES, "noisy_points", noisy_points)
    (problem,) = nondeterministic_figures(["noisy_points"], render_svg)
    assert problem.startswith("figure 'noisy_points' is not deterministic")
