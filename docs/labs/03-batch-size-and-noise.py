# %% [markdown]
# # Lab: watch the noise of SGD shrink as the batch grows
#
# Chapter 3 trains a linear model with mini-batches. The gradient of a
# mini-batch of $k$ examples is an average, so its spread around the
# full-batch gradient $\nabla C$ shrinks like $1/\sqrt{k}$. This lab
# measures that spread directly, then shows what it does to training.

# %%
import numpy as np

from gdbook.datasets import linear_teacher
from gdbook.descent import linear_mse, linear_mse_grad, minibatch_descent

rng = np.random.default_rng(0)
X, y = linear_teacher(512, np.array([2.0, -1.0, 0.5]), 0.5, rng)
w = np.zeros(3)
full = linear_mse_grad(w, X, y)

# %% [markdown]
# For each batch size, draw 400 random mini-batches at the same point $w$
# and measure how far their gradients fall from the full gradient (the root
# mean square distance). Multiplying by $\sqrt{k}$ should give roughly the
# same number for every $k$.

# %%
for k in [1, 4, 16, 64, 256]:
    draws = np.array(
        [
            linear_mse_grad(w, X[idx], y[idx])
            for idx in (rng.choice(len(X), k, replace=False) for _ in range(400))
        ]
    )
    spread = float(np.sqrt(np.mean(np.sum((draws - full) ** 2, axis=1))))
    print(
        f"k = {k:<4} spread = {spread:7.4f}   spread * sqrt(k) = {spread * np.sqrt(k):6.3f}"
    )

# %% [markdown]
# Now train with each batch size for the same number of epochs and the same
# learning rate, and compare the cost at the end and how much it wobbles
# over the last epoch.

# %%
for k in [1, 16, 512]:
    history = minibatch_descent(
        linear_mse_grad,
        np.zeros(3),
        X,
        y,
        eta=0.05,
        batch_size=k,
        epochs=5,
        rng=np.random.default_rng(1),
        cost_fn=linear_mse,
    )
    last_epoch = history.cost[history.epoch > 4]
    print(
        f"k = {k:<4} updates = {len(history.cost) - 1:<5} final cost = {history.cost[-1]:.4f}   wobble = {np.ptp(last_epoch):.4f}"
    )

# %% [markdown]
# **Try this.** Halve the learning rate for $k = 1$. Does the wobble shrink?
# By how much would you expect it to, from the spread measured above?
