# %% [markdown]
# # Lab: sweep the regularization strength
#
# Chapter 6 adds the penalty $\frac{\lambda}{2m} \sum_w w^2$ to the cost.
# Too little and a network trained on few examples overfits; too much and it
# cannot fit at all. This lab trains chapter 6's small network,
# `Network([64, 30, 10])`, on the same 300 training digits for several
# values of $\lambda$ and prints the accuracies and the size of all the
# weights together, $\sqrt{\sum_w w^2}$. To keep the sweep quick its
# settings differ from the chapter's: $\eta = 0.5$ instead of 1, 60 epochs
# instead of 150, and 300 validation digits instead of 1000, so its numbers
# are not the chapter's. Every $\lambda$ here keeps the decay factor
# $1 - \eta\lambda/m$ between 0 and 1 (the last column);
# `gdbook.regularization.weight_decay` refuses a $\lambda$ with
# $\eta\lambda \ge m$.

# %%
import numpy as np

from gdbook.datasets import digits_split
from gdbook.network import Network
from gdbook.regularization import weight_decay

train, validation, test = digits_split(
    seed=0, n_train=300, n_validation=300, n_test=300
)
X, Y = train
X_val, Y_val = validation
print("chapter 6: eta = 1.0, 150 epochs, 1000 validation digits")
print(f"this lab:  eta = 0.5, 60 epochs, {len(X_val)} validation digits")

# %%
for lmbda in [0.0, 0.1, 1.0, 5.0, 20.0, 100.0]:
    net = Network([64, 30, 10], cost="cross_entropy", seed=0)
    net.fit(X, Y, epochs=60, batch_size=10, eta=0.5, lmbda=lmbda, monitor=False)
    norm = float(np.sqrt(sum(np.sum(W**2) for W in net.weights)))
    print(
        f"lambda = {lmbda:<6} train {net.accuracy(X, Y):.3f}  "
        f"validation {net.accuracy(X_val, Y_val):.3f}  sqrt(sum w^2) = {norm:.1f}  "
        f"decay {weight_decay(0.5, lmbda, len(X)):.4f}"
    )

# %% [markdown]
# **Try this.** Double the training set (`n_train`). Does the best
# $\lambda$ move, and which way? Remember that the decay per step is
# $1 - \eta\lambda/m$, where $m$ is the number of training examples.
