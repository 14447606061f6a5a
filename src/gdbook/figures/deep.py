"""Figures of chapter 8: the error layer by layer, and the landscape of XOR.

The deep network of chapter 8 is ``Network(DEEP_SIZES)`` on 500 training
digits. Its two starts differ only in the scale of the weights: the
network's own draw, from $N(0, 1/n_{l-1})$, or the same draw multiplied by
$\\sqrt{n_{l-1}}$, which is a draw from $N(0, 1)$ (`deep_network`).

The landscape is that of the 2-2-1 XOR network with the cross-entropy and a
small L2 term, so that its minima are points at a finite distance. Its nine
parameters travel as one flat vector ``theta`` (`xor_unpack`).
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from gdbook.activations import sigmoid, sigmoid_prime
from gdbook.datasets import digits_split
from gdbook.network import Network

from ._style import ACCENT, BLUE, COLORS, MUTED, new_figure, styled, with_facts

__all__ = [
    "DEEP_SIZES",
    "XOR_LMBDA",
    "deep_delta_norms",
    "deep_digits",
    "deep_network",
    "deep_run",
    "xor_canonical",
    "xor_cost",
    "xor_landscape",
    "xor_nearest_copy",
    "xor_network",
    "xor_pack",
    "xor_swap",
    "xor_train",
    "xor_unpack",
]
FIGURES = ("deep_delta_norms", "xor_landscape")

#: The deep network of chapter 8: 64 pixels, four hidden layers of 30, 10 outputs.
DEEP_SIZES = [64, 30, 30, 30, 30, 10]
DEEP_DATA = {"n_train": 500, "n_validation": 300, "n_test": 300}
DEEP_SETUP = {"batch_size": 10, "eta": 0.5}
DEEP_EPOCHS = 30
#: The two starts of the figure: the library's N(0, 1/n_{l-1}) weights, or N(0, 1).
INITS = ("scaled", "unit")
#: Every start `deep_network` makes: those two, and N(0, 16/n_{l-1}), the
#: library's draw times 4 (Glorot and Bengio's scale for the sigmoid).
STARTS = (*INITS, "four")
INIT_LABELS = {"scaled": r"$\mathcal{N}(0, 1/n_{l-1})$", "unit": r"$\mathcal{N}(0, 1)$"}


def deep_digits() -> tuple[
    tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]
]:
    """Chapter 8's 500 training and 300 validation digits.

    Examples
    --------
    >>> from gdbook.figures.deep import deep_digits
    >>> (X, Y), (X_val, Y_val) = deep_digits()
    >>> X.shape, X_val.shape
    ((500, 64), (300, 64))
    """
    train, validation, _ = digits_split(seed=0, **DEEP_DATA)
    return train, validation


def deep_network(init: str = "scaled", seed: int = 0, hidden: int = 4) -> Network:
    """Chapter 8's deep network, with weights from N(0, 1/n_{l-1}) or N(0, 1).

    ``"scaled"`` is ``Network(DEEP_SIZES, seed=seed)`` as it is; ``"unit"``
    multiplies each of its weight matrices by the square root of its fan-in,
    which turns the standard deviation $1/\\sqrt{n_{l-1}}$ into 1; ``"four"``
    multiplies them by 4, a standard deviation of $4/\\sqrt{n_{l-1}}$. The
    biases, and the generator that shuffles the mini-batches, are the same.
    ``hidden`` sets the number of hidden layers of 30 neurons (4 in the
    chapter's network).

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.figures.deep import deep_network
    >>> a, b = deep_network("scaled"), deep_network("unit")
    >>> bool(np.allclose(b.weights[1], a.weights[1] * np.sqrt(30)))
    True
    >>> deep_network("four", hidden=1).sizes
    [64, 30, 10]
    >>> for bad in ({"init": "big"}, {"hidden": 0}):
    ...     try:
    ...         deep_network(**bad)
    ...     except ValueError as err:
    ...         print(err)
    init must be one of ('scaled', 'unit', 'four'); got 'big'
    hidden must be a positive integer; got 0
    """
    if init not in STARTS:
        raise ValueError(f"init must be one of {STARTS}; got {init!r}")
    if not isinstance(hidden, int) or hidden < 1:
        raise ValueError(f"hidden must be a positive integer; got {hidden!r}")
    sizes = [DEEP_SIZES[0], *[DEEP_SIZES[1]] * hidden, DEEP_SIZES[-1]]
    net = Network(sizes, seed=seed)
    if init == "unit":
        net.weights = [W * np.sqrt(W.shape[1]) for W in net.weights]
    elif init == "four":
        net.weights = [4.0 * W for W in net.weights]
    return net


def deep_run(
    init: str, seed: int = 0, epochs: int = DEEP_EPOCHS
) -> tuple[np.ndarray, np.ndarray]:
    """Train the deep network, recording the size of the error of each layer.

    The size of the error of layer $l$ is the length of the gradient of the
    training cost in the biases of that layer, $\\lVert \\partial C /
    \\partial b^l \\rVert$, which by Eq. (23) is the mean of $\\delta^l$ over
    the 500 training digits.

    Returns
    -------
    norms : ndarray of shape (epochs + 1, 5)
        Row 0 before training, row ``e`` after epoch ``e``; column ``l - 2``
        for layer ``l`` (2 to 6).
    accuracy : ndarray of shape (epochs,)
        Validation accuracy after each epoch.

    Examples
    --------
    >>> from gdbook.figures.deep import deep_run
    >>> norms, accuracy = deep_run("scaled", epochs=1)
    >>> norms.shape, accuracy.shape
    ((2, 5), (1,))
    """
    (X, Y), validation = deep_digits()
    net = deep_network(init, seed)
    norms = [[np.linalg.norm(g) for g in net.backprop(X, Y)[0]]]
    accuracy = []
    for _ in range(epochs):
        hist = net.fit(X, Y, epochs=1, validation_data=validation, **DEEP_SETUP)
        norms.append([np.linalg.norm(g) for g in net.backprop(X, Y)[0]])
        accuracy.append(hist.validation_accuracy[-1])
    return np.array(norms), np.array(accuracy)


@styled
def deep_delta_norms() -> Figure:
    """The error of each layer, epoch by epoch, for the two starts."""
    fig, axes = new_figure(9.0, 3.6, ncols=2, sharey=True)
    facts: dict[str, object] = {
        "epochs": DEEP_EPOCHS,
        "layers": len(DEEP_SIZES),
        "layers drawn": list(range(2, len(DEEP_SIZES) + 1)),
        "mean of the weights, numerator of their variance": (0, 1),
    }
    for ax, init in zip(axes, INITS, strict=True):
        norms, accuracy = deep_run(init)
        epochs = np.arange(len(norms))
        for col in range(norms.shape[1]):
            ax.plot(epochs, norms[:, col], color=COLORS[col], label=f"layer {col + 2}")
        ax.set_yscale("log")
        ax.set_xlabel("epoch")
        ax.set_title(f"weights from {INIT_LABELS[init]}")
        facts[f"{init}: norms at the start, layers 2 to 6"] = norms[0]
        facts[f"{init}: norms after the last epoch"] = norms[-1]
        facts[f"{init}: ratio layer 6 to layer 2 at the start"] = (
            norms[0, -1] / norms[0, 0]
        )
        facts[f"{init}: last validation accuracy"] = accuracy[-1]
    axes[0].set_ylabel(r"$\|\partial C / \partial b^l\|$ (log scale)")
    axes[1].legend(frameon=False, loc="lower left", fontsize=8, ncols=2)
    return with_facts(fig, **facts)


# -- the landscape of the XOR network ------------------------------------------

XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = np.array([[0.0], [1.0], [1.0], [0.0]])
#: The L2 strength that puts the minima at a finite distance, the rate and
#: the number of full-batch steps of `xor_train`.
XOR_LMBDA, XOR_ETA, XOR_STEPS = 0.01, 2.0, 3000


def xor_unpack(theta: np.ndarray) -> tuple[np.ndarray, ...]:
    """The parameters W2 (2, 2), b2 (2,), W3 (1, 2), b3 (1,) of a flat ``theta``.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.figures.deep import xor_unpack
    >>> [p.shape for p in xor_unpack(np.arange(9.0))]
    [(2, 2), (2,), (1, 2), (1,)]
    """
    theta = np.asarray(theta, dtype=float)
    if theta.shape != (9,):
        raise ValueError(f"theta must have shape (9,); got {theta.shape}")
    return theta[:4].reshape(2, 2), theta[4:6], theta[6:8].reshape(1, 2), theta[8:]


def xor_pack(net: Network) -> np.ndarray:
    """The flat ``theta`` of a 2-2-1 `Network`: W2, b2, W3, b3.

    Examples
    --------
    >>> from gdbook.figures.deep import xor_pack
    >>> from gdbook.network import Network
    >>> xor_pack(Network([2, 2, 1], seed=0)).shape
    (9,)
    """
    (W2, W3), (b2, b3) = net.weights, net.biases
    return np.concatenate([W2.ravel(), b2, W3.ravel(), b3])


def xor_network(theta: np.ndarray) -> Network:
    """A 2-2-1 cross-entropy `Network` holding the parameters ``theta``.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.figures.deep import xor_network, xor_pack
    >>> theta = np.linspace(-1.0, 1.0, 9)
    >>> bool(np.array_equal(xor_pack(xor_network(theta)), theta))
    True
    """
    W2, b2, W3, b3 = xor_unpack(theta)
    net = Network([2, 2, 1])
    net.weights, net.biases = [W2.copy(), W3.copy()], [b2.copy(), b3.copy()]
    return net


def xor_cost(theta: np.ndarray, lmbda: float = XOR_LMBDA) -> float:
    """The regularized cross-entropy, Eq. (27), of the XOR network at ``theta``.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.figures.deep import xor_cost
    >>> round(xor_cost(np.zeros(9)), 4)     # every output 1/2: the cost ln 2
    0.6931
    """
    return xor_network(theta).cost(XOR_X, XOR_Y, lmbda, m=len(XOR_X))


def _xor_costs(thetas: np.ndarray, lmbda: float = XOR_LMBDA) -> np.ndarray:
    """`xor_cost` of every row of ``thetas`` (shape (k, 9)) at once."""
    W2 = thetas[:, :4].reshape(-1, 2, 2)
    b2, W3, b3 = thetas[:, None, 4:6], thetas[:, None, 6:8], thetas[:, None, 8:]
    z3 = sigmoid(XOR_X @ W2.transpose(0, 2, 1) + b2) @ W3.transpose(0, 2, 1) + b3
    c0 = np.logaddexp(0.0, np.where(XOR_Y == 1, -z3, z3)).mean(axis=(1, 2))
    penalty = np.sum(thetas[:, :4] ** 2, 1) + np.sum(thetas[:, 6:8] ** 2, 1)
    return c0 + lmbda / (2 * len(XOR_X)) * penalty


def xor_train(
    seeds, lmbda: float = XOR_LMBDA, eta: float = XOR_ETA, steps: int = XOR_STEPS
) -> tuple[np.ndarray, np.ndarray]:
    """Full-batch gradient descent on the XOR network from ``Network(..., seed=s)``.

    All the seeds are trained side by side, with the equations of
    `Network.fit` (Eqs. (26), (22)-(24), (28), (29)) on stacked arrays.

    Returns
    -------
    thetas : ndarray of shape (len(seeds), 9)
        Where each run ended.
    grad_norms : ndarray of shape (len(seeds),)
        The length of the gradient of the cost there.

    Examples
    --------
    >>> from gdbook.figures.deep import xor_train
    >>> thetas, grad_norms = xor_train([0, 1], steps=10)
    >>> thetas.shape, grad_norms.shape
    ((2, 9), (2,))
    """
    nets = [Network([2, 2, 1], seed=s) for s in seeds]
    W2 = np.stack([n.weights[0] for n in nets])
    W3 = np.stack([n.weights[1] for n in nets])
    b2 = np.stack([n.biases[0] for n in nets])[:, None, :]
    b3 = np.stack([n.biases[1] for n in nets])[:, None, :]
    m, decay = len(XOR_X), 1.0 - eta * lmbda / len(XOR_X)
    for _ in range(steps + 1):
        z2 = XOR_X @ W2.transpose(0, 2, 1) + b2
        a2 = sigmoid(z2)
        d3 = (sigmoid(a2 @ W3.transpose(0, 2, 1) + b3) - XOR_Y) / m  # Eq. (26)
        d2 = (d3 @ W3) * sigmoid_prime(z2)  # Eq. (22)
        grads = [d2.transpose(0, 2, 1) @ XOR_X, d3.transpose(0, 2, 1) @ a2]
        g_b = [d2.sum(axis=1, keepdims=True), d3.sum(axis=1, keepdims=True)]
        if _ == steps:  # measure the gradient where the run ended
            break
        for W, gW in zip((W2, W3), grads, strict=True):
            W *= decay  # Eq. (29)
            W -= eta * gW
        b2 -= eta * g_b[0]  # Eq. (28)
        b3 -= eta * g_b[1]
    k = len(nets)
    full = [grads[0] + lmbda / m * W2, g_b[0], grads[1] + lmbda / m * W3, g_b[1]]
    grad = np.concatenate([g.reshape(k, -1) for g in full], axis=1)
    thetas = np.concatenate([p.reshape(k, -1) for p in (W2, b2, W3, b3)], axis=1)
    return thetas, np.linalg.norm(grad, axis=1)


def xor_canonical(theta: np.ndarray) -> np.ndarray:
    """One representative of ``theta`` under the network's own symmetries.

    Two changes leave the XOR network's output, and its regularized cost,
    exactly as they are: swapping the two hidden neurons, and flipping one
    (negating its weights and bias, which turns its activation $a$ into
    $1 - a$, then negating its outgoing weight $v$ and adding $v$ to the
    output bias). The representative has both outgoing weights positive and
    the hidden neurons in increasing order of outgoing weight, then bias,
    then incoming weights, compared at four decimals.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.figures.deep import xor_canonical
    >>> theta = np.array([1.0, 2.0, 3.0, 4.0, 0.5, -0.5, -2.0, 1.0, 0.0])
    >>> print(xor_canonical(theta))
    [ 3.   4.  -1.  -2.  -0.5 -0.5  1.   2.  -2. ]
    """
    W2, b2, W3, b3 = (p.copy() for p in xor_unpack(theta))
    for j in range(2):
        if W3[0, j] < 0:
            b3 += W3[0, j]
            W3[0, j], W2[j], b2[j] = -W3[0, j], -W2[j], -b2[j]
    keys = (W2[:, 1], W2[:, 0], b2, W3[0])
    order = np.lexsort([np.round(key, 4) for key in keys])
    return np.concatenate([W2[order].ravel(), b2[order], W3[0, order], b3])


def xor_nearest_copy(theta: np.ndarray, target: np.ndarray) -> np.ndarray:
    """The copy of ``theta`` (swaps and flips) closest to ``target``.

    The 8 copies of a 2-2-1 network are its two orders of the hidden neurons
    times the four ways of flipping them (see `xor_canonical`); all have the
    same outputs and regularized cost.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.figures.deep import xor_nearest_copy, xor_swap
    >>> theta = np.linspace(-1.0, 1.0, 9)
    >>> bool(np.array_equal(xor_nearest_copy(xor_swap(theta), theta), theta))
    True
    """
    copies = []
    for swap in (False, True):
        for flips in ((False, False), (True, False), (False, True), (True, True)):
            W2, b2, W3, b3 = (p.copy() for p in xor_unpack(theta))
            if swap:
                W2, b2, W3 = W2[::-1], b2[::-1], W3[:, ::-1]
            for j, flip in enumerate(flips):
                if flip:
                    b3 += W3[0, j]
                    W3[0, j], W2[j], b2[j] = -W3[0, j], -W2[j], -b2[j]
            copies.append(np.concatenate([W2.ravel(), b2, W3.ravel(), b3]))
    return min(copies, key=lambda c: float(np.linalg.norm(c - target)))


_nearest_copy = xor_nearest_copy


def xor_swap(theta: np.ndarray) -> np.ndarray:
    """``theta`` with its two hidden neurons swapped.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.figures.deep import xor_swap
    >>> print(xor_swap(np.arange(9.0)))
    [2. 3. 0. 1. 5. 4. 7. 6. 8.]
    """
    W2, b2, W3, b3 = xor_unpack(theta)
    return np.concatenate([W2[::-1].ravel(), b2[::-1], W3[0, ::-1], b3])


#: The seeds the landscape figure takes its two minima from (see chapter 8).
LANDSCAPE_SEEDS = range(20)


@styled
def xor_landscape() -> Figure:
    """The XOR network's cost on the plane through a minimum and a copy, and a path."""
    thetas, _ = xor_train(LANDSCAPE_SEEDS)
    costs = np.array([xor_cost(t) for t in thetas])
    best = thetas[np.argmin(costs)]
    copy = xor_swap(best)
    local_costs = np.where(costs > costs.min() + 1e-3, costs, np.inf)
    local_costs[np.isclose(costs, np.log(2), atol=1e-3)] = np.inf
    other = _nearest_copy(thetas[np.argmin(local_costs)], best)
    # The plane through the minimum, its copy and the other minimum.
    u, v = copy - best, other - best
    s = np.linspace(-0.3, 1.3, 81)
    a, b = np.meshgrid(s, s)
    plane = best + a.ravel()[:, None] * u + b.ravel()[:, None] * v
    grid = _xor_costs(plane).reshape(a.shape)
    fig, (ax, ax_line) = new_figure(9.0, 3.8, ncols=2)
    levels = np.unique(np.quantile(grid, np.linspace(0.01, 0.99, 16)))
    shades = [str(g) for g in np.linspace(0.65, 0.0, len(levels))]
    ax.contour(s, s, grid, levels=levels, colors=shades, linewidths=0.9)
    ax.plot([0.0], [0.0], "o", color=BLUE, markersize=7)
    ax.plot([1.0], [0.0], "o", color=BLUE, markersize=7)
    ax.plot([0.0], [1.0], "s", color=ACCENT, markersize=7)
    ax.annotate("minimum", xy=(0.0, 0.0), xytext=(0.05, -0.22), color=BLUE)
    ax.annotate("its copy", xy=(1.0, 0.0), xytext=(0.9, -0.22), color=BLUE)
    ax.annotate("another minimum", xy=(0.0, 1.0), xytext=(0.05, 1.08), color=ACCENT)
    ax.set_xlabel("towards its copy")
    ax.set_ylabel("towards the other minimum")
    ax.set_title("cost $C$ on a plane of weights")
    ax.set_aspect("equal")
    along = np.linspace(0.0, 1.0, 101)
    paths = ((copy, "to its copy", BLUE), (other, "to the other minimum", ACCENT))
    for target, label, color in paths:
        path = _xor_costs(best + along[:, None] * (target - best))
        ax_line.plot(along, path, color=color, label=label)
    swap_path = _xor_costs(best + along[:, None] * u)
    ax_line.set_xlabel("fraction of the straight path from the minimum")
    ax_line.set_ylabel("cost $C$")
    ax_line.set_title("along the straight paths")
    ax_line.legend(frameon=False, loc="upper left")
    ax_line.axhline(float(costs.min()), color=MUTED, lw=0.8, ls="--")
    return with_facts(
        fig,
        **{
            "cost at the minimum and at its copy": (xor_cost(best), xor_cost(copy)),
            "cost at the other minimum": xor_cost(other),
            "highest cost on the path to the copy": swap_path.max(),
            "seeds": len(LANDSCAPE_SEEDS),
        },
    )
