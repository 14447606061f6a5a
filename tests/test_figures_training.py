"""Helpers of the figures of chapters 5-7 (rendering is tested in test_figures.py)."""

import numpy as np
import pytest

from gdbook.figures import cross_entropy, digits


def test_confusion_matrix_counts_every_example():
    true = np.array([0, 1, 2, 2, 9])
    predicted = np.array([0, 2, 2, 2, 8])
    M = digits.confusion_matrix(true, predicted)
    assert M.shape == (10, 10)
    assert M.sum() == len(true)
    assert np.trace(M) == 3
    assert M[1, 2] == 1 and M[9, 8] == 1


def test_slowdown_runs_start_at_the_bad_neuron():
    outputs_q, _ = cross_entropy.slowdown_run("quadratic", epochs=5)
    outputs_ce, _ = cross_entropy.slowdown_run("cross_entropy", epochs=5)
    assert outputs_q[0] == outputs_ce[0] == pytest.approx(0.98201379, rel=1e-7)
    # the cross-entropy neuron moves further in the same number of epochs
    assert outputs_ce[0] - outputs_ce[-1] > 10 * (outputs_q[0] - outputs_q[-1])
