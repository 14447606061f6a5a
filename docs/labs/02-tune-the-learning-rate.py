# %% [markdown]
# # Lab: tune the learning rate on a bowl
#
# Chapter 2 shows that gradient descent takes the step
# $w \leftarrow w - \eta \nabla C(w)$. On the quadratic bowl
# $C(w) = \tfrac12 (a w_1^2 + b w_2^2)$ the step multiplies each coordinate
# by $1 - \eta a$ or $1 - \eta b$, so descent converges exactly when
# $0 < \eta < 2/\max(a, b)$. This lab finds that boundary by experiment.
#
# Change `a`, `b` and the list of learning rates, and run the cells again.

# %%
import numpy as np

from gdbook.descent import gradient_descent

a, b = 1.0, 10.0


def grad(w):
    return np.array([a * w[0], b * w[1]])


w0 = np.array([1.0, 1.0])

# %% [markdown]
# Count the steps each learning rate needs to bring the gradient's length
# below $10^{-6}$, with at most 1000 steps. A rate that never gets there
# reports the length of the gradient where it stopped.

# %%
for eta in [0.01, 0.05, 0.1, 0.15, 0.19, 0.199, 0.201, 0.21]:
    path = gradient_descent(grad, w0, eta, n_steps=1000, tol=1e-6)
    final = float(np.linalg.norm(grad(path[-1])))
    status = "converged" if final < 1e-6 else f"|grad| = {final:.3g}"
    print(f"eta = {eta:<6} steps = {len(path) - 1:<5} {status}")

# %% [markdown]
# The boundary the experiment finds sits at $2/\max(a, b)$:

# %%
print("2 / max(a, b) =", 2 / max(a, b))

# %% [markdown]
# **Try this.** Set `b = a`. Which learning rate now reaches the minimum in
# a single step, and why? (Hint: $1 - \eta a = 0$.)
