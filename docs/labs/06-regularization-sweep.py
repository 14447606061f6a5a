# %% [markdown]
# # Lab: sweep the regularization strength
#
# Chapter 6 adds the penalty $\frac{\lambda}{2m} \sum_w w^2$ to the cost.
# Too little and a network trained on few examples overfits; too much and it
# cannot fit at all. This lab trains the same small network on 300 digits
# for several values of $\lambda$ and prints the accuracies and the size of
# the weights.

# %%
import numpy as np

from gdbook.datasets import digits_split
from gdbook.network import Network

train, validation, test = digits_split(
    seed=0, n_train=300, n_validation=300, n_test=300
)
X, Y = train
X_val, Y_val = validation

# %%
for lmbda in [0.0, 0.1, 1.0, 5.0, 20.0, 100.0]:
    net = Network([64, 30, 10], cost="cross_entropy", seed=0)
    net.fit(X, Y, epochs=60, batch_size=10, eta=0.5, lmbda=lmbda, monitor=False)
    norm = float(np.sqrt(sum(np.sum(W**2) for W in net.weights)))
    print(
        f"lambda = {lmbda:<6} train {net.accuracy(X, Y):.3f}  "
        f"validation {net.accuracy(X_val, Y_val):.3f}  |W| = {norm:.1f}"
    )

# %% [markdown]
# **Try this.** Double the training set (`n_train`). Does the best
# $\lambda$ move, and which way? Remember that the decay per step is
# $1 - \eta\lambda/m$, where $m$ is the number of training examples.
