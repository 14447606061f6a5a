# %% [markdown]
# # Lab: the learning slowdown, measured
#
# Chapter 5 explains that a sigmoid output trained with the quadratic cost
# learns slowly when it is badly wrong, because its output error carries the
# factor $\sigma'(z)$, while the cross-entropy's output error,
# $\delta = a - y$, does not. This lab trains one sigmoid neuron from a bad
# start with both costs and compares how many epochs each needs.

# %%
import numpy as np

from gdbook.network import Network

X = np.array([[1.0]])
Y = np.array([[0.0]])


ETA = 0.15  # the learning rate of chapter 5's neuron, for both costs
print(f"eta = {ETA}")


def epochs_to(cost, start, target=0.05, eta=ETA, limit=3000):
    net = Network([1, 1], cost=cost, seed=0)
    net.weights[0][:] = start
    net.biases[0][:] = start
    for epoch in range(1, limit + 1):
        net.fit(X, Y, epochs=1, batch_size=1, eta=eta, monitor=False)
        if net.feedforward(X)[0, 0] < target:
            return epoch
    return None


# %%
epochs = {"quadratic": [], "cross_entropy": []}
for start in [0.0, 1.0, 2.0, 3.0]:
    for cost, counts in epochs.items():
        counts.append(epochs_to(cost, start))
    print(
        f"start w = b = {start}: quadratic {epochs['quadratic'][-1]} epochs, "
        f"cross-entropy {epochs['cross_entropy'][-1]} epochs"
    )
for cost, counts in epochs.items():
    print(f"{cost}: furthest start / nearest start = {counts[-1] / counts[0]:.1f}")
for start, q, ce in zip([0.0, 1.0, 2.0, 3.0], *epochs.values(), strict=True):
    print(f"start {start}: quadratic / cross-entropy = {q / ce:.1f}")

# %% [markdown]
# The further the start is from the target, the longer both costs take, but
# the first two ratios show how differently: the quadratic cost's count grows
# by a much larger factor than the cross-entropy's, because at the far
# starts its output error carries a nearly flat slope $\sigma'(z)$.
#
# The last lines compare the two costs start by start. Even from
# $w = b = 0$, where the output is $\frac12$ and the slope is at its largest,
# the quadratic cost needs many times the cross-entropy's epochs: near the
# target $y = 0$ its output error $a^2(1 - a)$ shrinks faster than the miss
# $a$, so the last stretch is slow too. The growth with the start comes on
# top of that.
#
# All of this is at one learning rate, $\eta = 0.15$, the same for both
# costs. The two costs are different functions, so the same $\eta$ is not
# the same step, and chapter 5 shows that for this neuron a larger $\eta$
# cures the quadratic plateau by itself. Rerun with `eta=2.0` in
# `epochs_to` before concluding which cost is "faster".
#
# **Try this.** Change the target to $y = 1$ with a start of $-3$. Which
# cost is slow now?
