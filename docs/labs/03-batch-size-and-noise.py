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

rng = np.random.default_rng(0)
X, y = linear_teacher(512, np.array([2.0, -1.0, 0.5]), 0.5, rng)
m = len(X)
w = np.zeros(3)
full = linear_mse_grad(w, X, y)

# %% [markdown]
# For each batch size, draw 400 random mini-batches at the same point $w$
# and measure how far their gradients fall from the full gradient (the root
# mean square distance). The last column multiplies the spread by $\sqrt{B}$
# and divides it by the finite-population factor: what is left is the spread
# of one example's gradient, so it should come out about the same for every
# $B$. The column before it leaves the factor out; at $B = 256$, half of the
# 512 examples, that column falls well below the others. The cell checks
# that the largest value of the last column is less than 1.1 times the
# smallest.

# %%
single = {}
for B in [1, 4, 16, 64, 256]:
    draws = np.array(
        [
            linear_mse_grad(w, X[idx], y[idx])
            for idx in (rng.choice(m, B, replace=False) for _ in range(400))
        ]
    )
    spread = float(np.sqrt(np.mean(np.sum((draws - full) ** 2, axis=1))))
    single[B] = spread * np.sqrt(B * (m - 1) / (m - B))
    print(
        f"B = {B:<4} spread = {spread:7.4f}   spread * sqrt(B) = "
        f"{spread * np.sqrt(B):6.3f}   corrected = {single[B]:6.3f}"
    )
ratio = max(single.values()) / min(single.values())
print(f"largest / smallest corrected value: {ratio:.3f}")
assert ratio < 1.1, ratio

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
