# %% [markdown]
# # Lab: break backpropagation on purpose, and catch it
#
# A gradient check compares the gradient that backpropagation computes with
# a finite-difference estimate, $\partial C/\partial w \approx
# \bigl(C(w + \epsilon) - C(w - \epsilon)\bigr) / 2\epsilon$ for a small step
# $\epsilon$. Here we plant three classic bugs in
# a hand-written backward pass for the last layer's weights, and count how
# many of them the check catches.

# %%
import numpy as np

from gdbook.activations import sigmoid, sigmoid_prime
from gdbook.gradcheck import numerical_gradient, rel_error
from gdbook.network import Network

rng = np.random.default_rng(0)
net = Network([3, 4, 2], cost="quadratic", seed=1)
X = rng.normal(size=(5, 3))
Y = rng.uniform(size=(5, 2))

# %% [markdown]
# The gradient of the cost in the output layer's weights for a network with
# one hidden layer, written out from @eq:17 and @eq:24, averaged over the
# batch. The `bug` argument
# plants a mistake.


# %%
def backprop(W2, b2, W3, b3, X, Y, bug=None):
    z2 = X @ W2.T + b2
    a2 = sigmoid(z2)
    z3 = a2 @ W3.T + b3
    a3 = sigmoid(z3)
    delta3 = (a3 - Y) * sigmoid_prime(z3)
    if bug == "forgot sigma prime":
        delta3 = a3 - Y
    nabla_W3 = delta3.T @ a2 / len(X)
    if bug == "wrong activation in the weight gradient":
        nabla_W3 = delta3.T @ z2 / len(X)
    if bug == "summed over the batch, not averaged":
        nabla_W3 = delta3.T @ a2
    return nabla_W3


# The names follow the book's layer numbers: the input is layer 1, W2, b2
# belong to the hidden layer (layer 2), W3, b3 to the output layer (layer 3).
W2, W3 = net.weights
b2, b3 = net.biases


def cost_of_W3(W3_):
    a3 = sigmoid(sigmoid(X @ W2.T + b2) @ W3_.T + b3)
    return 0.5 * np.sum((a3 - Y) ** 2) / len(X)


numeric = numerical_gradient(cost_of_W3, W3)

# %%
bugs = [
    "forgot sigma prime",
    "wrong activation in the weight gradient",
    "summed over the batch, not averaged",
]
caught = 0
for bug in [None, *bugs]:
    err = rel_error(backprop(W2, b2, W3, b3, X, Y, bug), numeric)
    verdict = "passes" if err < 1e-7 else "FAILS"
    caught += bug is not None and verdict == "FAILS"
    print(f"{bug!s:<42} rel_error = {err:.1e}  {verdict}")
print(f"{len(bugs)} bugs planted, {caught} caught")

# %% [markdown]
# The correct pass agrees with the finite differences to many digits; each
# bug that fails is off by far more than the threshold of the check, the one
# the book uses.
# The library's own `Network.backprop` passes the same check:

# %%
nabla_b, nabla_w = net.backprop(X, Y)
print(f"{rel_error(nabla_w[1], numeric):.1e}")

# %% [markdown]
# **Try this.** Extend `backprop` to the hidden layer with @eq:22, in its
# batch form @eq:batch-backward, $D^2 = (D^3 W^3) \odot \sigma'(Z^2)$ (the
# rows of $D^l$ are the errors $\delta^l$ of the examples; `delta3` above is
# $D^3$),
# plant a bug in it, and write the check for the hidden layer's weights.
