# %% [markdown]
# # Lab: how big should the hidden layer be?
#
# Chapter 7 trains `Network([64, 30, 10])` on the digits. Here we vary the
# number of hidden neurons and see how the validation accuracy and the number
# of parameters change. The settings are not quite the chapter's: a
# stronger $\lambda = 1$ instead of the 0.1 the chapter chooses, and 30
# epochs instead of 40. So no row below is the chapter's network (its 30
# hidden neurons are not in the list either), and the accuracies are not
# the chapter's. A network whose hidden layer, layer 2, has $n_2$
# neurons has $64 n_2 + n_2 + 10 n_2 + 10$ weights and biases; the code
# checks the formula against the arrays.

# %%

from gdbook.datasets import digits_split
from gdbook.network import Network

(X, Y), (X_val, Y_val), (X_test, Y_test) = digits_split(seed=0)
print("chapter 7: lmbda = 0.1, 40 epochs; this lab: lmbda = 1.0, 30 epochs")

# %%
for hidden in [5, 10, 20, 40, 80]:
    net = Network([64, hidden, 10], cost="cross_entropy", seed=0)
    net.fit(X, Y, epochs=30, batch_size=10, eta=0.5, lmbda=1.0, monitor=False)
    n_params = sum(W.size for W in net.weights) + sum(b.size for b in net.biases)
    assert n_params == 64 * hidden + hidden + 10 * hidden + 10
    print(
        f"hidden = {hidden:<3} parameters = {n_params:<5} validation accuracy = {net.accuracy(X_val, Y_val):.3f}"
    )

# %% [markdown]
# **Try this.** Pick the size you like best using the validation accuracy
# only, and only then look at its test accuracy. Why does the order matter?
