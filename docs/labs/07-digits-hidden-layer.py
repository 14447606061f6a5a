# %% [markdown]
# # Lab: how big should the hidden layer be?
#
# Chapter 7 trains `Network([64, 30, 10])` on the digits. Here we vary the
# number of hidden neurons and see how the test accuracy and the number of
# parameters change. A network with $n_1$ hidden neurons has
# $64 n_1 + n_1 + 10 n_1 + 10$ weights and biases.

# %%

from gdbook.datasets import digits_split
from gdbook.network import Network

(X, Y), (X_val, Y_val), (X_test, Y_test) = digits_split(seed=0)

# %%
for hidden in [5, 10, 20, 40, 80]:
    net = Network([64, hidden, 10], cost="cross_entropy", seed=0)
    net.fit(X, Y, epochs=30, batch_size=10, eta=0.5, lmbda=1.0, monitor=False)
    n_params = sum(W.size for W in net.weights) + sum(b.size for b in net.biases)
    print(
        f"hidden = {hidden:<3} parameters = {n_params:<5} validation accuracy = {net.accuracy(X_val, Y_val):.3f}"
    )

# %% [markdown]
# **Try this.** Pick the size you like best using the validation accuracy
# only, and only then look at its test accuracy. Why does the order matter?
