# %% [markdown]
# # Lab: depth and the start, measured
#
# Chapter 8 trains a sigmoid network with four hidden layers from two
# starts. With the library's start the error of the first hidden layer is
# 758 times smaller than the output layer's, and the network learns almost
# nothing. @eq:chain-error says where to look: going back one layer
# multiplies the error by a factor $w^{k+1}\sigma'(z^k)$, so the product has
# one factor more for every layer added, and the size of each factor depends
# on the size of the weights. This lab varies both: the number of hidden
# layers, from 2 to 6, each of 30 sigmoid neurons, and the scale of the
# weights at the start, drawn from
#
# - $\mathcal N(0, 1/n_{l-1})$, the library's start;
# - $\mathcal N(0, 9/n_{l-1})$, the same draw multiplied by 3;
# - $\mathcal N(0, 1)$, the same draw multiplied by $\sqrt{n_{l-1}}$, as
#   `deep_network("unit")` does.
#
# For each network it measures the size of the error of every layer before
# training, as the chapter does, by the length of the gradient of the
# training cost in the biases of the layer, $\lVert \partial C/\partial b^l
# \rVert$ (by @eq:23, the mean of $\delta^l$ over the training digits), and
# the validation accuracy after a few epochs. The data, the cost, the
# mini-batches and the learning rate are the chapter's.

# %%
import numpy as np

from gdbook.activations import sigmoid_prime
from gdbook.figures.deep import deep_digits, deep_network
from gdbook.network import Network

np.set_printoptions(precision=4, suppress=True)
(X, Y), (X_val, Y_val) = deep_digits()
print(f"{len(X)} training digits, {len(X_val)} validation digits")
shares = np.bincount(Y_val.argmax(axis=1)) / len(Y_val)
print(f"share of the most common digit among the validation digits: {shares.max():.3f}")

WIDTH = 30  # neurons in each hidden layer, as in chapter 8
DEPTHS = [2, 3, 4, 5, 6]  # numbers of hidden layers
# How each start rescales the library's draw: by a number, or by the square
# root of the fan-in (None), which gives weights from N(0, 1).
STARTS = {"N(0, 1/n)": 1.0, "N(0, 9/n)": 3.0, "N(0, 1)": None}
SATURATED = 0.01  # a hidden neuron with a slope below this is saturated


def make_network(hidden, start, seed=0):
    """Network([64, 30, ..., 30, 10]) with `hidden` hidden layers, rescaled."""
    net = Network([64] + [WIDTH] * hidden + [10], seed=seed)
    scale = STARTS[start]
    net.weights = [
        W * (np.sqrt(W.shape[1]) if scale is None else scale) for W in net.weights
    ]
    return net


# With four hidden layers, two of the starts are the chapter's networks.
for start, init in [("N(0, 1/n)", "scaled"), ("N(0, 1)", "unit")]:
    chapter_net = deep_network(init, seed=0)
    lab_net = make_network(4, start)
    assert all(
        np.array_equal(a, b)
        for a, b in zip(lab_net.weights, chapter_net.weights, strict=True)
    )
for start in STARTS:
    W4 = make_network(4, start).weights[2]  # layer 4's weights, fan-in 30
    print(
        f"{start:<10} W^4: variance of its entries {float(np.var(W4)):.3f}, "
        f"largest stretch {float(np.linalg.norm(W4, 2)):.2f}"
    )

# %% [markdown]
# The variances of the three draws are close to $1/n_{l-1} = 1/30$, $9/30$
# and 1, and the largest stretch $\lVert W^4 \rVert_2$ of the matrix grows
# with them. By @eq:layer-bound, a quarter of the stretch of $W^{l+1}$ is the
# most that the step back from layer $l + 1$ to layer $l$ can multiply the
# length of an example's error by; saturated neurons, whose slopes are far
# below a quarter, make the factor smaller still.
#
# ## The error of each layer at the start
#
# First the chapter's network, four hidden layers, with each start: the
# sizes of the errors of layers 2 to 6, before any training.


# %%
def error_sizes(net):
    """The length of dC/db^l for each layer l = 2, ..., L (Eq. 23)."""
    nabla_b, _ = net.backprop(X, Y)
    return np.array([float(np.linalg.norm(g)) for g in nabla_b])


for start in STARTS:
    print(f"{start:<10} {error_sizes(make_network(4, start))}")

# %% [markdown]
# The first row is the chapter's: each layer's error is several times
# smaller than the error of the layer above it. Now every depth. For each
# network the cell prints the size of the output layer's error divided by
# the size of the first hidden layer's (`top / bottom`); the factor by which
# the error is multiplied per layer on the way down, on average (the
# `hidden`-th root of `bottom / top`, since there are `hidden` steps from
# the output layer to layer 2); and the share of hidden neurons that are
# saturated at the start, slope $\sigma'(z) < 0.01$, over the training
# digits and the hidden layers, as in the chapter.


# %%
def saturated_share(net):
    zs, _ = net.forward(X)
    return float(np.mean([np.mean(sigmoid_prime(z) < SATURATED) for z in zs[:-1]]))


print("start      hidden  top / bottom  factor per layer  saturated")
for start in STARTS:
    for hidden in DEPTHS:
        net = make_network(hidden, start)
        sizes = error_sizes(net)
        print(
            f"{start:<10} {hidden:>6} {sizes[-1] / sizes[0]:>13.1f} "
            f"{(sizes[0] / sizes[-1]) ** (1 / hidden):>17.2f} "
            f"{saturated_share(net):>10.3f}"
        )

# %% [markdown]
# What to look for, in the table above:
#
# - Down each block, one start at growing depth, `top / bottom` grows with
#   every layer added, while the factor per layer changes much less: with
#   the library's start it is 0.19 or 0.20 at every depth. That is the
#   product of @eq:chain-error, one more factor of about the same size for
#   every layer added. With six hidden layers and the library's start, the
#   first hidden layer's error is 19035 times smaller than the output
#   layer's.
# - At every depth, the larger the weights, the larger the factor per
#   layer: between 0.19 and 0.20 for $\mathcal N(0, 1/n_{l-1})$, between
#   0.42 and 0.55 for $\mathcal N(0, 9/n_{l-1})$, between 0.56 and 0.71 for
#   $\mathcal N(0, 1)$. The saturated share grows with the weights too:
#   at most 0.007 with the library's start, between 0.185 and 0.210 with
#   $\mathcal N(0, 1)$.
#
# ## Learning after a few epochs
#
# Now train every network for a few epochs, with the chapter's settings,
# from several seeds, and measure the accuracy on the validation digits.
# A network that answers the same digit for every input gets at most 0.103
# of them right, the share of the most common digit printed in the first
# cell.

# %%
EPOCHS = 5
SEEDS = range(5)
print(
    f"validation accuracy after {EPOCHS} epochs: mean over {len(SEEDS)} seeds "
    "(lowest to highest)"
)
print("start      hidden  accuracy")
for start in STARTS:
    for hidden in DEPTHS:
        accuracy = []
        for seed in SEEDS:
            net = make_network(hidden, start, seed)
            net.fit(X, Y, epochs=EPOCHS, batch_size=10, eta=0.5, monitor=False)
            accuracy.append(net.accuracy(X_val, Y_val))
        print(
            f"{start:<10} {hidden:>6}  {np.mean(accuracy):.3f} "
            f"({min(accuracy):.3f} to {max(accuracy):.3f})"
        )

# %% [markdown]
# What to look for, reading this table beside the one before it:
#
# - With two hidden layers every start learns something: a mean of 0.519
#   with the library's start, 0.867 and 0.865 with the two larger ones.
# - With the library's start and three or more hidden layers, every run
#   ends between 0.097 and 0.103, no better than answering one digit for
#   everything. Its `top / bottom` is 117.1 or more at those depths.
# - For the two larger starts the mean accuracy falls with every layer
#   added, less in all for $\mathcal N(0, 1)$: from 0.865 with two hidden
#   layers to 0.411 with six, against from 0.867 to 0.119 for
#   $\mathcal N(0, 9/n_{l-1})$.
# - From three hidden layers on, $\mathcal N(0, 1)$ has the highest mean,
#   although it saturates the most neurons: in these runs the higher
#   accuracy went with the larger factor per layer, not with the fewer
#   saturated neurons.
#
# The table measures how fast each network starts to learn: a few epochs,
# at one learning rate, $\eta = 0.5$, the same for every start. It does not
# say where longer training ends; the first task below looks.
#
# **Try this.**
#
# 1. Set `EPOCHS = 30` (the chapter's count) and rerun the last cell. Which
#    rows change, and does the library's start with six hidden layers move
#    away from a tenth?
# 2. Add a start between the last two, say `"N(0, 16/n)": 4.0`, to `STARTS`
#    and rerun every cell. Where does its factor per layer fall, and how
#    does its accuracy with six hidden layers compare with the others?
# 3. Make the hidden layers wider, `WIDTH = 100`. By @eq:layer-bound a
#    quarter of the stretch $\lVert W^{l+1} \rVert_2$ caps what one layer
#    can multiply an example's error by: how does the stretch of $W^4$
#    printed in the first cell change for each start, and what happens to
#    the factor per layer and the saturated share of the
#    $\mathcal N(0, 1)$ start?
