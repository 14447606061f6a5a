"""Sweeps that back the book's general claims, one function per claim marker.

A paragraph of a chapter whose statement rests on a sweep too slow for the
page (more than about 3 s) is followed by a marker on a line of its own::

    <!-- claim: l2-vs-plain-20-seeds -->

which names ``claim_l2_vs_plain_20_seeds()`` here (hyphens become
underscores, prefix ``claim_``). Each function is self-contained (it imports
gdbook inside), seeded, runs in under about 30 s with
``OPENBLAS_NUM_THREADS=1``, and returns::

    {"holds": bool,   # does the paragraph's statement hold on this sweep?
     "summary": str}  # one line with the count and the spread, e.g.
                      # "L2 more accurate on 15 of 20 seeds, mean +0.3 points,
                      #  range -0.4 to +1.1"

``tests/test_claims.py`` runs each marked function once and fails, naming
the marker's ``docs/<page>.md:<line>``, when the function is missing, when
``holds`` is False, or when a number written in the marked paragraph is not
shown by ``summary`` (the rule of ``hooks/bookkit/numbers.py``). The build
checks only that the function exists (it never runs a sweep) and shows a
note under the paragraph naming it.
"""

from __future__ import annotations


def claim_l2_vs_plain_20_seeds() -> dict:
    """Chapter 6: L2 (lambda = 0.1) against no L2 on 300 digits, 20 seeds.

    The chapter's settings: ``Network([64, 30, 10])``, cross-entropy, 150
    epochs, mini-batches of 10, eta = 1, validation on the 1000 digits of
    ``digits_split(seed=0, n_train=300, n_validation=1000, n_test=300)``; the
    two networks of a pair start from the same seed, 1 to 20. The paragraph
    says the gain in accuracy is small and not on every seed, while the
    validation cost is lower on most seeds.
    """
    import numpy as np

    from gdbook.datasets import digits_split
    from gdbook.network import Network

    (X, Y), (X_val, Y_val), _ = digits_split(
        seed=0, n_train=300, n_validation=1000, n_test=300
    )
    gains, cost_changes, smaller = [], [], 0
    for seed in range(1, 21):
        measured = []
        for lmbda in (0.0, 0.1):
            net = Network([64, 30, 10], cost="cross_entropy", seed=seed)
            net.fit(
                X, Y, epochs=150, batch_size=10, eta=1.0, lmbda=lmbda, monitor=False
            )
            norms = [float(np.linalg.norm(W)) for W in net.weights]
            measured.append((net.accuracy(X_val, Y_val), net.cost(X_val, Y_val), norms))
        (acc0, cost0, norms0), (acc1, cost1, norms1) = measured
        smaller += all(n1 < n0 for n0, n1 in zip(norms0, norms1, strict=True))
        gains.append(round((acc1 - acc0) * 100, 1))  # points; 0.1 = one digit
        cost_changes.append(cost1 - cost0)
    gains, cost_changes = np.array(gains), np.array(cost_changes)
    more, same, less = (int(np.sum(c)) for c in (gains > 0, gains == 0, gains < 0))
    lower = int(np.sum(cost_changes < 0))
    summary = (
        f"seeds 1 to 20: L2 more accurate on {more} of 20 seeds, as accurate on {same}, less "
        f"accurate on {less}; mean {gains.mean():+.2f} points, range "
        f"{gains.min():+.1f} to {gains.max():+.1f}; validation cost lower on "
        f"{lower} of 20; every weight matrix smaller on {smaller} of 20"
    )
    holds = less > 0 and abs(gains.mean()) < 0.5 and lower > 10 and smaller == 20
    return {"holds": bool(holds), "summary": summary}


def claim_sgd_plateau_grows_with_eta_20_seeds():
    """Chapter 3: SGD's plateau above the least cost grows with eta, 20 shuffles.

    For each of 20 seeds of the shuffles, SGD (batch size 1) on the chapter's
    200 examples for 20 epochs at eta = 0.025, 0.05 and 0.1; the plateau is
    the mean excess cost over epochs 10 to 20. The page states how often it
    grows with eta and the spread of the ratio for each doubling of eta.
    """
    import numpy as np

    from gdbook.descent import linear_mse, linear_mse_grad, minibatch_descent
    from gdbook.figures.descent import teacher_data

    X, y = teacher_data()
    w_best = np.linalg.lstsq(X, y, rcond=None)[0]
    c_min = linear_mse(w_best, X, y)
    etas = (0.025, 0.05, 0.1)
    plateaus = np.empty((20, len(etas)))
    for seed in range(20):
        for col, eta in enumerate(etas):
            h = minibatch_descent(
                linear_mse_grad,
                np.zeros(2),
                X,
                y,
                eta=eta,
                batch_size=1,
                epochs=20,
                rng=np.random.default_rng(seed),
                cost_fn=linear_mse,
            )
            plateaus[seed, col] = np.mean(h.cost[h.epoch >= 10] - c_min)
    grows = int(np.sum(np.all(np.diff(plateaus, axis=1) > 0, axis=1)))
    ratios = plateaus[:, 1:] / plateaus[:, :-1]
    summary = (
        f"20 seeds, eta 0.025, 0.05, 0.1: plateau grows with eta on {grows} of 20 "
        f"seeds; doubling eta multiplies it by {ratios.mean():.2f} on average, "
        f"range {ratios.min():.2f} to {ratios.max():.2f}"
    )
    return {"holds": bool(grows == 20 and ratios.min() > 1), "summary": summary}
