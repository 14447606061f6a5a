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


def _chapter3_data():
    """Chapter 3's 200 examples, their least cost, and a vectorised MSE."""
    import numpy as np

    from gdbook.descent import linear_mse
    from gdbook.figures.descent import teacher_data

    X, y = teacher_data()
    w_best = np.linalg.lstsq(X, y, rcond=None)[0]

    def costs(W):  # the MSE at every row of W, in one product
        return 0.5 * np.mean((X @ np.asarray(W).T - y[:, None]) ** 2, axis=0)

    return X, y, linear_mse(w_best, X, y), costs


def _sgd_paths(X, y, eta_of_step, seeds, epochs=20):
    """SGD (batch size 1) for several seeds at once, as ``minibatch_descent`` runs it.

    Each seed shuffles with its own ``np.random.default_rng(seed)``, one
    permutation per epoch as ``gdbook.descent.batches`` draws it;
    ``eta_of_step(t)`` gives the rate of update ``t`` (0, 1, ...) for every
    run, an array over the runs or a scalar. Returns the path, of shape
    ``(epochs * m + 1, len(seeds), 2)``, and the fractional epoch of each row.
    Stepping the runs side by side instead of one ``minibatch_descent`` call
    each makes the chapter's 20-seed sweeps a few seconds long.
    """
    import numpy as np

    m = len(y)
    rngs = [np.random.default_rng(seed) for seed in seeds]
    order = np.concatenate(
        [np.stack([rng.permutation(m) for rng in rngs]) for _ in range(epochs)], axis=1
    )
    w = np.zeros((len(seeds), 2))
    path = [w.copy()]
    for t in range(order.shape[1]):
        x = X[order[:, t]]
        residual = np.sum(x * w, axis=1) - y[order[:, t]]
        w = w - np.reshape(eta_of_step(t), (-1, 1)) * residual[:, None] * x
        path.append(w.copy())
    return np.array(path), np.arange(order.shape[1] + 1) / m


def claim_sgd_plateau_grows_with_eta_20_seeds():
    """Chapter 3: SGD's plateau above the least cost grows with eta, 20 shuffles.

    For each of 20 seeds of the shuffles, SGD (batch size 1) on the chapter's
    200 examples for 20 epochs at eta = 0.025, 0.05 and 0.1; the plateau is
    the mean excess cost over epochs 10 to 20 (the chapter's ``sgd_plateau``;
    the cost is evaluated only there, in one product). The page states how
    often it grows with eta, the spread of the ratio for each doubling of
    eta, and how far the mean ratio lies above proportional (2).
    """
    import numpy as np

    from gdbook.descent import linear_mse_grad, minibatch_descent

    X, y, c_min, costs = _chapter3_data()
    etas = (0.025, 0.05, 0.1)
    seeds = range(20)
    runs = np.repeat(np.array(etas)[None, :], len(seeds), axis=0)  # (seed, eta)
    paths, epoch = _sgd_paths(
        X, y, lambda t: runs.ravel(), np.repeat(np.arange(len(seeds)), len(etas))
    )
    # the first run against the library: the same path, so the sweep is the page's
    check = minibatch_descent(
        linear_mse_grad,
        np.zeros(2),
        X,
        y,
        eta=etas[0],
        batch_size=1,
        epochs=20,
        rng=np.random.default_rng(0),
    )
    assert np.allclose(check.w, paths[:, 0]), "vectorised SGD differs from the library"
    late = paths[epoch >= 10]  # (updates, runs, 2)
    excess = np.array([costs(late[:, run]) - c_min for run in range(late.shape[1])])
    plateaus = excess.mean(axis=1).reshape(len(seeds), len(etas))
    grows = int(np.sum(np.all(np.diff(plateaus, axis=1) > 0, axis=1)))
    ratios = plateaus[:, 1:] / plateaus[:, :-1]
    above = (ratios.mean() / 2 - 1) * 100
    summary = (
        f"20 seeds, eta 0.025, 0.05, 0.1: plateau grows with eta on {grows} of 20 "
        f"seeds; doubling eta multiplies it by {ratios.mean():.2f} on average, "
        f"range {ratios.min():.2f} to {ratios.max():.2f}, {above:.0f} % more than "
        "in proportion"
    )
    return {"holds": bool(grows == 20 and ratios.min() > 1), "summary": summary}


def _race_at(eta, batch_size, seed, X, y, costs):
    """Final excess-free cost of ``minibatch_descent`` on chapter 3's race."""
    import numpy as np

    from gdbook.descent import linear_mse_grad, minibatch_descent

    with np.errstate(over="ignore", invalid="ignore"):
        h = minibatch_descent(
            linear_mse_grad,
            np.zeros(2),
            X,
            y,
            eta=eta,
            batch_size=batch_size,
            epochs=20,
            rng=np.random.default_rng(seed),
        )
        return float(costs(h.w[-1:])[0])


def claim_sgd_diverges_at_eta_1_20_seeds():
    """Chapter 3: the race at eta = 1 (20 epochs from w = 0) on 20 shuffles.

    Seeds 0 to 19 of the shuffles; batch descent (B = 200), mini-batches of
    16 and SGD (B = 1). The page says SGD diverges, the mini-batches end a
    little above the least cost and batch descent at it, on every seed.
    """
    import numpy as np

    X, y, c_min, costs = _chapter3_data()
    excess = {
        B: np.array([_race_at(1.0, B, seed, X, y, costs) - c_min for seed in range(20)])
        for B in (200, 16, 1)
    }
    sgd, mini, batch = excess[1], excess[16], excess[200]
    diverged = int(np.sum(~np.isfinite(sgd) | (sgd > 1e3)))
    finite = sgd[np.isfinite(sgd)]
    summary = (
        f"eta = 1, 20 seeds: SGD diverged on {diverged} of 20 (excess "
        f"{finite.min():.1e} to {finite.max():.1e}, median {np.median(finite):.1e}); "
        f"mini-batches of 16 excess {mini.min():.1e} to {mini.max():.1e}, median "
        f"{np.median(mini):.1e}; batch descent below {max(batch.max(), 1e-12):.0e} "
        f"on {int(np.sum(batch < 1e-12))} of 20"
    )
    holds = diverged == 20 and mini.max() < 1 and np.all(batch < 1e-12)
    return {"holds": bool(holds), "summary": summary}


def claim_sgd_decaying_rate_settles_20_seeds():
    """Chapter 3: SGD with eta_t = 0.05 / (1 + t/200) against the fixed 0.05.

    For 20 seeds of the shuffles, 20 epochs of SGD with the decaying rate
    (written out as on the page) and the plateau of the fixed rate 0.05 (mean
    excess over epochs 10 to 20). The page says the decaying rate ends below
    a hundredth of the plateau on every seed.
    """
    import numpy as np

    from gdbook.descent import batches, linear_mse_grad

    X, y, c_min, costs = _chapter3_data()
    m = len(y)
    paths, epoch = _sgd_paths(X, y, lambda t: 0.05 / (1 + t / 200), range(20))
    fixed, _ = _sgd_paths(X, y, lambda t: 0.05, range(20))
    # seed 0 written out as on the page, with `batches`: the same end point
    rng, w, t = np.random.default_rng(0), np.zeros(2), 0
    for _ in range(20):
        for idx in batches(m, 1, rng):
            w = w - 0.05 / (1 + t / 200) * linear_mse_grad(w, X[idx], y[idx])
            t += 1
    assert np.allclose(w, paths[-1, 0]), "vectorised SGD differs from the page's loop"
    plateau = np.array(
        [np.mean(costs(fixed[epoch >= 10, s]) - c_min) for s in range(20)]
    )
    ratios = (costs(paths[-1]) - c_min) / plateau
    ratios = np.array(ratios)
    below = int(np.sum(ratios < 0.01))
    summary = (
        f"20 seeds: decaying-rate excess below a hundredth of the fixed-rate plateau "
        f"on {below} of 20, ratio {ratios.min():.1e} to {ratios.max():.1e}"
    )
    return {"holds": bool(below == 20), "summary": summary}
