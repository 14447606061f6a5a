# %% [markdown]
# # Lab: watch the noise of SGD shrink as the batch grows
#
# Chapter 3 trains a linear model with mini-batches. The gradient of a
# mini-batch of $B$ examples is an average, so its spread around the
# full-batch gradient $\nabla C$ shrinks like $1/\sqrt{B}$, times the
# finite-population factor $\sqrt{(m - B)/(m - 1)}$ because the batch is drawn
# without replacement from $m$ examples. This lab measures that spread
# directly, then shows what it does to training.

# %%
import numpy as np

from gdbook.datasets import linear_teacher
from gdbook.descent import linear_mse, linear_mse_grad, minibatch_descent

X, y = linear_teacher(512, np.array([2.0, -1.0, 0.5]), 0.5, np.random.default_rng(0))

# %% [markdown]
# For each batch size, draw 4000 random mini-batches at the same point $w$
# and measure how far their gradients fall from the full gradient (the root
# mean square distance). A mini-batch's gradient is the mean of its
# examples' gradients, so the function computes the $m$ per-example
# gradients once and averages rows of them; each row of `order` is one
# shuffle, and its first $B$ entries are one batch drawn without
# replacement. The last column multiplies the spread by $\sqrt{B}$ and
# divides it by the finite-population factor: what is left is the spread of
# one example's gradient, so it should come out about the same for every
# $B$. The column before it leaves the factor out; at $B = 256$, half of the
# 512 examples, that column falls well below the others.

# %%
SIZES = [1, 4, 16, 64, 256]
N_DRAWS = 4000


def corrected_spreads(seed, n_draws=N_DRAWS):
    """Spread of the batch gradient, times sqrt(B), over the factor."""
    rng = np.random.default_rng(seed)
    X, y = linear_teacher(512, np.array([2.0, -1.0, 0.5]), 0.5, rng)
    m = len(X)
    w = np.zeros(3)
    full = linear_mse_grad(w, X, y)
    per_example = (X @ w - y)[:, None] * X
    assert np.allclose(per_example.mean(axis=0), full)
    order = rng.permuted(np.tile(np.arange(m), (n_draws, 1)), axis=1)
    rows = []
    for B in SIZES:
        draws = per_example[order[:, :B]].mean(axis=1)
        spread = float(np.sqrt(np.mean(np.sum((draws - full) ** 2, axis=1))))
        rows.append((B, spread, spread * np.sqrt(B * (m - 1) / (m - B))))
    return rows


print(f"{N_DRAWS} draws per batch size")
for B, spread, corrected in corrected_spreads(0):
    print(
        f"B = {B:<4} spread = {spread:7.4f}   spread * sqrt(B) = "
        f"{spread * np.sqrt(B):6.3f}   corrected = {corrected:6.3f}"
    )

# %% [markdown]
# How close is "about the same"? The ratio of the largest to the smallest
# value of the last column measures it. One seed could be lucky, so the cell
# repeats the whole measurement, data set and draws, for 20 seeds and
# prints the range of that ratio and on how many seeds it stays below 1.1.

# %%
ratios = []
for seed in range(20):
    corrected = [c for _, _, c in corrected_spreads(seed)]
    ratios.append(max(corrected) / min(corrected))
below = sum(r < 1.1 for r in ratios)
print(f"largest / smallest corrected value: {min(ratios):.3f} to {max(ratios):.3f}")
print(f"below 1.1 on {below} of {len(ratios)} seeds")
assert below == len(ratios), ratios

# %% [markdown]
# Now train with each batch size for the same number of epochs and the same
# learning rate, and compare the cost at the end and how much it moves over
# the last 5 updates (the largest minus the smallest cost). Batch descent
# ($B = 512$) makes only 5 updates in all, so its figure is how far it is
# still descending, smoothly; for the small batches it is the noise of the
# steps near the minimum.

# %%
for B in [1, 16, 512]:
    history = minibatch_descent(
        linear_mse_grad,
        np.zeros(3),
        X,
        y,
        eta=0.05,
        batch_size=B,
        epochs=5,
        rng=np.random.default_rng(1),
        cost_fn=linear_mse,
    )
    last_updates = history.cost[-5:]
    print(
        f"B = {B:<4} updates = {len(history.cost) - 1:<5} "
        f"final cost = {history.cost[-1]:.4f}   "
        f"range over the last 5 updates = {np.ptp(last_updates):.4f}"
    )

# %% [markdown]
# **Try this.** Halve the learning rate for $B = 1$. Does the range over the
# last updates shrink? The spread measured above was taken at $w = 0$, far
# from the minimum, so it does not predict the size of the wobble there;
# chapter 3 measured instead that SGD's plateau above the least cost grows a
# little faster than in proportion to $\eta$. Compare with what you see.
