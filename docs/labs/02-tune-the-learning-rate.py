# %% [markdown]
# # Lab: tune the learning rate on a bowl
#
# Chapter 2 shows that gradient descent takes the step
# $w \leftarrow w - \eta \nabla C(w)$. On the quadratic bowl
# $C(w) = \tfrac12 (\kappa_{\min} w_1^2 + \kappa_{\max} w_2^2)$, whose
# Hessian has the eigenvalues $\kappa_{\min} \le \kappa_{\max}$, the step
# multiplies each coordinate by $1 - \eta \kappa_{\min}$ or
# $1 - \eta \kappa_{\max}$, so descent converges exactly when
# $0 < \eta < 2/\kappa_{\max}$. This lab looks for that boundary by
# experiment.
#
# Change `kappa_min`, `kappa_max` (keeping `kappa_min <= kappa_max`) and the
# list of learning rates, and run the cells again.

# %%
import numpy as np

from gdbook.descent import gradient_descent

kappa_min, kappa_max = 1.0, 10.0


def grad(w):
    return np.array([kappa_min * w[0], kappa_max * w[1]])


w0 = np.array([1.0, 1.0])

# %% [markdown]
# Count the steps each learning rate needs to bring the gradient's length
# below $10^{-6}$, with at most 1000 steps. A rate that does not get there
# reports the length of the gradient where it stopped: smaller than at the
# start if the descent is still on its way (a very small rate, or one just
# below the boundary, where the factor $1 - \eta\kappa_{\max}$ is close to $-1$),
# larger if it diverges.

# %%
start = float(np.linalg.norm(grad(w0)))
shrinks = {}
for eta in [0.01, 0.05, 0.1, 0.15, 0.19, 0.199, 0.201, 0.21]:
    path = gradient_descent(grad, w0, eta, n_steps=1000, tol=1e-6)
    final = float(np.linalg.norm(grad(path[-1])))
    shrinks[eta] = final < start
    status = "converged" if final < 1e-6 else f"|grad| = {final:.3g}"
    print(f"eta = {eta:<6} steps = {len(path) - 1:<5} {status}")

# %% [markdown]
# The theory puts the boundary at $2/\kappa_{\max}$. The cell
# prints it and checks that, among the rates tried, the gradient shrank for
# exactly those below it.

# %%
assert kappa_min <= kappa_max, "keep kappa_min <= kappa_max"
boundary = 2 / kappa_max
print("2 / kappa_max =", boundary)
mismatch = [eta for eta, ok in shrinks.items() if ok != (eta < boundary)]
print("rates on the wrong side of the boundary:", mismatch)
assert not mismatch, mismatch

# %% [markdown]
# **Try this.** Set `kappa_max = kappa_min`. Which learning rate now reaches
# the minimum in a single step, and why? (Hint: $1 - \eta \kappa_{\min} = 0$.)
