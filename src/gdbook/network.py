r"""A fully connected sigmoid network trained by backpropagation and mini-batch SGD.

Conventions. Layers are numbered as in the book: layer 1 is the input,
layer $L$ the output, and layer $l$ has $n_l$ = ``sizes[l - 1]`` neurons.
The lists start at the first layer with weights, layer 2: ``weights[l - 2]``
is $W^l$, of shape ``(sizes[l - 1], sizes[l - 2])`` $= (n_l, n_{l-1})$, so
that ``weights[l - 2][j - 1, k - 1]`` is $w^l_{jk}$, the weight from neuron
$k$ of layer $l - 1$ to neuron $j$ of layer $l$; ``biases[l - 2]`` is $b^l$,
of shape ``(sizes[l - 1],)``. The slope $\sigma'$ is always
`gdbook.activations.sigmoid_prime` of the weighted inputs.

Examples travel as the rows of a matrix: ``X`` has shape
``(n_samples, n_features)`` and the weighted inputs of a layer are
``Z = A_prev @ W.T + b``, of shape ``(n_samples, n_neurons)``: row ``x`` of
``Z`` is $z^l = W^l a^{l-1} + b^l$, Eq. (13), for example ``x``. That one
line, in ``_forward``, is the only place the forward pass is computed. Targets
``Y`` have shape ``(n_samples, sizes[-1])``: one-hot rows for classification,
a column of 0s and 1s for a single output neuron.

With ``cost="log_likelihood"`` the output layer is a softmax instead,
$a^L = \operatorname{softmax}(z^L)$, Eq. (5.7), trained with the
log-likelihood cost of Eq. (5.9); its targets must be one-hot rows, and it
needs at least two output neurons. Every hidden layer stays sigmoid.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from numbers import Integral
from typing import Any

import numpy as np

from gdbook._validate import (
    check_2d,
    check_choice,
    check_finite,
    check_int_in_range,
    check_n_samples,
    check_nonnegative,
    check_rng,
)
from gdbook.activations import sigmoid, sigmoid_prime, softmax
from gdbook.descent import batches
from gdbook.losses import cross_entropy_from_z, log_likelihood_from_z, quadratic
from gdbook.regularization import l2_penalty, weight_decay
from gdbook.schedules import as_schedule, rate_at

__all__ = ["COSTS", "Network", "TrainingHistory"]

COSTS = ("cross_entropy", "quadratic", "log_likelihood")

Gradients = tuple[list[np.ndarray], list[np.ndarray]]


@dataclass(frozen=True)
class TrainingHistory:
    """What `Network.fit` measured after each epoch, and where it stopped.

    The first four attributes are ndarrays of shape ``(stopped_epoch,)``,
    entry ``k - 1`` measured after epoch ``k``, or ``None`` when not measured
    (``monitor=False``, or no ``validation_data``). Equality compares these
    four only.

    Attributes
    ----------
    training_cost : ndarray or None
        ``cost(X, Y, lmbda, m=len(X))`` on the training set: Eq. (27), the
        objective being minimized.
    training_accuracy : ndarray or None
        ``accuracy(X, Y)`` on the training set.
    validation_cost : ndarray or None
        ``cost(X_val, Y_val)`` without the L2 term, comparable across
        ``lmbda``.
    validation_accuracy : ndarray or None
        ``accuracy(X_val, Y_val)``.
    eta : ndarray of shape (stopped_epoch,)
        The learning rate of each epoch's updates, from the schedule.
    stopped_epoch : int
        The number of epochs run: ``epochs``, or fewer if early stopping
        ended the training after that epoch.
    kept_epoch : int
        The epoch whose parameters the network holds at the end: with
        ``patience``, the epoch of the lowest validation cost (the first of
        equal ones); otherwise ``stopped_epoch``.
    """

    training_cost: np.ndarray | None
    training_accuracy: np.ndarray | None
    validation_cost: np.ndarray | None
    validation_accuracy: np.ndarray | None
    eta: np.ndarray | None = field(default=None, compare=False)
    stopped_epoch: int | None = field(default=None, compare=False)
    kept_epoch: int | None = field(default=None, compare=False)

    @classmethod
    def _from_records(
        cls,
        training: list[tuple[float, float]],
        validation: list[tuple[float, float]],
        etas: list[float] | None = None,
        kept_epoch: int | None = None,
    ) -> "TrainingHistory":
        """Build from per-epoch ``(cost, accuracy)`` pairs; no pairs give None."""
        columns = [np.array(r).T if r else (None, None) for r in (training, validation)]
        etas = [] if etas is None else etas
        stopped = len(etas)
        kept = stopped if kept_epoch is None else kept_epoch
        return cls(*columns[0], *columns[1], np.array(etas), stopped, kept)


class Network:
    r"""A fully connected network of sigmoid neurons, Eqs. (10)-(14).

    Parameters
    ----------
    sizes : sequence of int
        Neurons per layer, input layer first, e.g. ``[64, 30, 10]``; at least
        two layers, each of at least one neuron.
    cost : {"cross_entropy", "quadratic", "log_likelihood"}, default "cross_entropy"
        The cost of Eq. (25) or Eq. (9) with sigmoid outputs, or the
        log-likelihood of Eq. (5.9) with a softmax output layer, Eq. (5.7);
        it decides the output error of backpropagation, Eq. (26), Eq. (17)
        or Eq. (5.10). ``"log_likelihood"`` needs at least two output
        neurons and one-hot targets.
    seed : int, optional
        Seed of the network's random generator. Give ``seed`` or ``rng``, not
        both; with neither, the seed is 0, so a network is reproducible by
        default.
    rng : np.random.Generator, optional
        The network's random generator, used instead of a seed.

    Attributes
    ----------
    sizes : list of int
    cost_name : str
        ``"cross_entropy"``, ``"quadratic"`` or ``"log_likelihood"``.
    weights : list of ndarray
        ``weights[l - 2]`` is $W^l$, of shape ``(sizes[l - 1], sizes[l - 2])``,
        drawn from $N(0, 1/n_{l-1})$, where the fan-in $n_{l-1}$ is
        ``sizes[l - 2]``: standard deviation $1/\sqrt{n_{l-1}}$, so that
        weighted inputs start with a variance of order one and the sigmoids
        do not saturate.
    biases : list of ndarray
        ``biases[l - 2]`` is $b^l$, of shape ``(sizes[l - 1],)``, drawn from
        $N(0, 1)$.
    rng : np.random.Generator
        Draws the initial parameters, then shuffles the mini-batches of
        `fit` unless it is given another generator.

    Examples
    --------
    >>> from gdbook.network import Network
    >>> net = Network([2, 3, 1], cost="quadratic", seed=0)
    >>> net
    Network([2, 3, 1], cost='quadratic')
    >>> [W.shape for W in net.weights], [b.shape for b in net.biases]
    ([(3, 2), (1, 3)], [(3,), (1,)])
    """

    def __init__(
        self,
        sizes: Sequence[int],
        cost: str = "cross_entropy",
        *,
        seed: int | None = None,
        rng: np.random.Generator | None = None,
    ) -> None:
        self.sizes = _check_sizes(sizes)
        self.cost_name = check_choice(cost, "cost", COSTS)
        if self.cost_name == "log_likelihood" and self.sizes[-1] < 2:
            msg = (
                "cost 'log_likelihood' needs at least two output neurons (a softmax "
                f"of one output is always 1); got sizes {self.sizes}"
            )
            raise ValueError(msg)
        if seed is not None and rng is not None:
            raise ValueError("give seed or rng, not both")
        if rng is None:
            seed = 0 if seed is None else check_int_in_range(seed, "seed", 0)
            rng = np.random.default_rng(seed)
        self.rng = check_rng(rng)
        fan_in_out = list(zip(self.sizes[:-1], self.sizes[1:], strict=True))
        self.weights = [rng.normal(0, 1 / np.sqrt(n), (m, n)) for n, m in fan_in_out]
        self.biases = [rng.normal(0, 1, m) for _, m in fan_in_out]

    def __repr__(self) -> str:
        return f"Network({self.sizes}, cost={self.cost_name!r})"

    def feedforward(self, X: Any) -> np.ndarray:
        r"""Output activations $a^L$ for a batch of inputs, Eqs. (10)-(14).

        Applies $a^l = \sigma(W^l a^{l-1} + b^l)$ layer after layer, to
        every row of ``X`` at once; with ``cost="log_likelihood"`` the
        output layer applies the softmax, Eq. (5.7), instead of $\sigma$.

        Parameters
        ----------
        X : ndarray of shape (n_samples, sizes[0])
            Inputs, one example per row.

        Returns
        -------
        ndarray of shape (n_samples, sizes[-1])

        Examples
        --------
        >>> import numpy as np
        >>> from gdbook.network import Network
        >>> net = Network([2, 3, 1], seed=0)
        >>> print(net.feedforward(np.array([[0.0, 1.0], [1.0, 0.0]])))
        [[0.0994]
         [0.1124]]
        """
        return self._forward(self._check_X(X))[1][-1]

    def forward(self, X: Any) -> tuple[list[np.ndarray], list[np.ndarray]]:
        r"""Weighted inputs and activations of every layer, Eqs. (13)-(14).

        Parameters
        ----------
        X : ndarray of shape (n_samples, sizes[0])
            Inputs, one example per row.

        Returns
        -------
        zs : list of ndarray
            ``zs[l - 2]`` is $Z^l$, of shape ``(n_samples, sizes[l - 1])``:
            the weighted inputs $z^l = W^l a^{l-1} + b^l$ of layer $l$
            (from 2 to $L$), one row per example, Eq. (13).
        activations : list of ndarray
            ``activations[l - 1]`` is $A^l$, of shape
            ``(n_samples, sizes[l - 1])``: ``activations[0]`` is ``X``
            (layer 1) and ``activations[l - 1]`` is ``sigmoid(zs[l - 2])``,
            Eq. (14), except that the output layer's is ``softmax(zs[-1])``,
            Eq. (5.7), when ``cost="log_likelihood"``.

        Examples
        --------
        >>> import numpy as np
        >>> from gdbook.network import Network
        >>> net = Network([4, 5, 3, 2], seed=0)
        >>> zs, activations = net.forward(np.ones((10, 4)))
        >>> [z.shape for z in zs]
        [(10, 5), (10, 3), (10, 2)]
        >>> [a.shape for a in activations]
        [(10, 4), (10, 5), (10, 3), (10, 2)]
        """
        return self._forward(self._check_X(X))

    def backprop(self, X: Any, Y: Any) -> Gradients:
        r"""Backpropagation over a mini-batch, Eqs. (15)-(24).

        The whole batch goes through at once, one example per row: the output
        error $\delta^L$ of Eq. (26) (cross-entropy), Eq. (17)
        (quadratic) or Eq. (5.10) (log-likelihood with softmax outputs,
        again $a^L - y$) is propagated back by Eq. (22),
        $\delta^l = ((W^{l+1})^T \delta^{l+1}) \odot \sigma'(z^l)$, and
        gives the gradients of Eqs. (23) and (24). In row form, Eq. (22) reads
        ``delta = (delta @ W) * sigmoid_prime(z)``, with the weighted inputs
        ``z`` of the layer the error arrives at, and the product
        ``delta.T @ a`` of Eq. (24) sums $\delta^l_j a^{l-1}_k$ over the
        batch.

        This method checks its input, then runs ``_backprop``, the
        computation itself, which `fit` calls directly on every
        mini-batch (its data are checked once per call to ``fit``).

        Parameters
        ----------
        X : ndarray of shape (n_samples, sizes[0])
            A mini-batch of ``B = n_samples`` inputs.
        Y : ndarray of shape (n_samples, sizes[-1])
            Their targets.

        Returns
        -------
        nabla_b : list of ndarray
            ``nabla_b[l - 2]``, the gradient for $b^l$, shaped like
            ``biases[l - 2]``.
        nabla_w : list of ndarray
            ``nabla_w[l - 2]``, the gradient for $W^l$, shaped like
            ``weights[l - 2]``.

            Both are gradients of the mean per-example cost
            $\frac1B \sum_x C_x$ of the batch (without any L2 term), so
            the step of Eq. (7) is ``W - eta * nabla_w``.

        Examples
        --------
        >>> import numpy as np
        >>> from gdbook.network import Network
        >>> net = Network([2, 3, 1], seed=0)
        >>> nabla_b, nabla_w = net.backprop(np.eye(2), np.array([[1.0], [0.0]]))
        >>> [nw.shape for nw in nabla_w]
        [(3, 2), (1, 3)]
        >>> print(nabla_b[-1])
        [-0.3941]
        """
        return self._backprop(*self._check_XY(X, Y))

    def cost(
        self, X: Any, Y: Any, lmbda: float = 0.0, *, m: int | None = None
    ) -> float:
        r"""Total cost on a data set, Eq. (25), (9) or (5.9), plus the L2 term of Eq. (27).

        $$C = C_0 + \frac{\lambda}{2m} \sum_w w^2$$

        $C_0$ is the mean cost over the rows of ``X``; $m$ in the penalty is
        the number of training examples, which the caller gives: it equals
        ``len(X)`` only when ``X`` is the whole training set.

        The cross-entropy and the log-likelihood are computed from the output
        weighted inputs (`gdbook.losses.cross_entropy_from_z`,
        `gdbook.losses.log_likelihood_from_z`), exactly even where the
        sigmoid saturates or the softmax rounds an output to 0.

        Parameters
        ----------
        X : ndarray of shape (n_samples, sizes[0])
            Inputs.
        Y : ndarray of shape (n_samples, sizes[-1])
            Targets.
        lmbda : float, default 0.0
            Regularization strength $\lambda \ge 0$.
        m : int, optional
            Number of training examples, >= 1; required when ``lmbda > 0``.

        Returns
        -------
        float

        Examples
        --------
        >>> import numpy as np
        >>> from gdbook.network import Network
        >>> net = Network([2, 3, 1], seed=0)
        >>> X, Y = np.eye(2), np.array([[1.0], [0.0]])
        >>> round(net.cost(X, Y), 4), round(net.cost(X, Y, lmbda=1.0, m=2), 4)
        (1.1453, 1.512)
        """
        X, Y = self._check_XY(X, Y)
        lmbda = check_nonnegative(lmbda, "lmbda")
        if m is not None:
            m = check_int_in_range(m, "m", 1)
        elif lmbda > 0:
            msg = (
                "give m, the number of training examples, with lmbda > 0: "
                "the L2 term of Eq. (27) divides by it"
            )
            raise ValueError(msg)
        return self._evaluate(X, Y, lmbda, m or 1)[0]

    def predict(self, X: Any) -> np.ndarray:
        """Predicted classes: the most active output neuron of each example.

        With a single output neuron, class 1 when its computed activation is
        at least 1/2, else class 0. For the mathematical sigmoid that means a
        weighted input z >= 0; the float64 `gdbook.activations.sigmoid`
        also returns exactly 0.5 for a z a hair below 0 (such as -1e-17,
        last example), and that example is class 1 too.

        Parameters
        ----------
        X : ndarray of shape (n_samples, sizes[0])
            Inputs.

        Returns
        -------
        ndarray of shape (n_samples,) and dtype intp
            Class indices.

        Examples
        --------
        >>> import numpy as np
        >>> from gdbook.network import Network
        >>> net = Network([2, 1])
        >>> net.weights[0][:] = [[1.0, -1.0]]
        >>> net.biases[0][:] = [0.0]
        >>> print(net.predict(np.array([[2.0, 1.0], [1.0, 2.0], [1.0, 1.0]])))
        [1 0 1]
        >>> net.biases[0][:] = [-1e-17]              # z = -1e-17 on the last row
        >>> float(net.feedforward(np.array([[1.0, 1.0]]))[0, 0])
        0.5
        >>> print(net.predict(np.array([[1.0, 1.0]])))
        [1]
        """
        return _classes(self.feedforward(X))

    def accuracy(self, X: Any, Y: Any) -> float:
        """Fraction of the examples whose predicted class is the target's.

        Parameters
        ----------
        X : ndarray of shape (n_samples, sizes[0])
            Inputs.
        Y : ndarray of shape (n_samples, sizes[-1])
            Targets, one-hot rows (a 0/1 column for a single output neuron);
            the class of a row is found as in `predict`.

        Returns
        -------
        float
            In [0, 1].

        Examples
        --------
        >>> import numpy as np
        >>> from gdbook.network import Network
        >>> net = Network([2, 1])
        >>> net.weights[0][:] = [[1.0, -1.0]]
        >>> net.biases[0][:] = [0.0]
        >>> X = np.array([[2.0, 1.0], [1.0, 2.0]])
        >>> net.accuracy(X, np.array([[1.0], [1.0]]))
        0.5
        """
        X, Y = self._check_XY(X, Y)
        return self._evaluate(X, Y, 0.0, 1)[1]

    def fit(
        self,
        X: Any,
        Y: Any,
        epochs: int,
        batch_size: int,
        eta: float | Callable[[int], float],
        lmbda: float = 0.0,
        *,
        rng: np.random.Generator | None = None,
        validation_data: tuple[Any, Any] | None = None,
        monitor: bool = True,
        patience: int | None = None,
    ) -> TrainingHistory:
        r"""Train by mini-batch stochastic gradient descent with weight decay.

        Each epoch shuffles the training set (see
        `gdbook.descent.batches`; the last mini-batch may be smaller)
        and, for each mini-batch, takes the step of Eqs. (7), (28) and (29)
        with the gradients of `backprop` (means over the batch):

        $$W \leftarrow \Bigl(1 - \frac{\eta\lambda}{m}\Bigr) W
        - \eta\, \nabla_W, \qquad b \leftarrow b - \eta\, \nabla_b$$

        where ``m = len(X)`` is the number of training examples, not the
        size of the batch. Biases are not decayed. The parameters are
        updated in place. The rate $\eta$ may change from epoch to epoch
        (a schedule, see `gdbook.schedules`); within an epoch it is fixed.

        With ``patience``, training stops early: after each epoch the
        validation cost (without the L2 term) is compared with the lowest so
        far, and training ends once it has not fallen below that lowest
        value for ``patience`` epochs in a row. The network is then given
        back the parameters of the epoch with the lowest validation cost.

        Parameters
        ----------
        X : ndarray of shape (n_samples, sizes[0])
            Training inputs. Mini-batches are gathered from it by index; it is
            never copied or modified.
        Y : ndarray of shape (n_samples, sizes[-1])
            Training targets.
        epochs : int
            Passes over the training set, >= 1.
        batch_size : int
            Mini-batch size, between 1 and ``n_samples``.
        eta : float or callable
            Learning rate $\eta > 0$, or a schedule: ``eta(t)`` returns the
            rate of epoch ``t`` (0 for the first), a finite number > 0 (see
            `gdbook.schedules`).
        lmbda : float, default 0.0
            L2 regularization strength $\lambda \ge 0$, Eq. (27).
        rng : np.random.Generator, optional
            Source of the shuffles; by default the network's own ``rng``.
        validation_data : tuple (X_val, Y_val), optional
            Held-out data, measured after every epoch when ``monitor``.
        monitor : bool, default True
            Measure cost and accuracy after every epoch (one vectorized
            forward pass per data set).
        patience : int, optional
            Stop early after this many epochs (an integer >= 1) without a
            new lowest validation cost, and keep the parameters of the epoch
            with the lowest one. Needs ``validation_data`` and ``monitor``.

        Returns
        -------
        TrainingHistory
            With the rate of each epoch, the epoch after which training
            stopped and the epoch whose parameters were kept.

        Examples
        --------
        >>> import numpy as np
        >>> from gdbook.network import Network
        >>> X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
        >>> Y = np.array([[0.0], [1.0], [1.0], [0.0]])  # XOR
        >>> net = Network([2, 4, 1], seed=1)
        >>> history = net.fit(X, Y, epochs=1000, batch_size=4, eta=4.0)
        >>> print(history.training_cost[[0, -1]])
        [0.7083 0.0019]
        >>> net.predict(X).tolist()
        [0, 1, 1, 0]

        A schedule for the rate, and early stopping on held-out data:

        >>> from gdbook.schedules import inverse_decay
        >>> net = Network([2, 4, 1], seed=1)
        >>> history = net.fit(X, Y, epochs=1000, batch_size=4,
        ...                   eta=inverse_decay(4.0, tau=500), patience=20,
        ...                   validation_data=(X, Y))
        >>> print(history.eta[[0, 500]])
        [4. 2.]
        >>> history.stopped_epoch, history.kept_epoch
        (1000, 1000)
        """
        X, Y = self._check_XY(X, Y)
        m = len(X)
        epochs = check_int_in_range(epochs, "epochs", 1)
        batch_size = check_int_in_range(
            batch_size, "batch_size", 1, m, "the number of samples"
        )
        schedule = as_schedule(eta)
        check_nonnegative(lmbda, "lmbda")
        rng = self.rng if rng is None else check_rng(rng)
        if validation_data is not None:
            validation_data = self._check_XY(*_pair(validation_data))
        if patience is not None:
            patience = check_int_in_range(patience, "patience", 1)
            if validation_data is None or not monitor:
                msg = (
                    "patience stops on the validation cost: give validation_data "
                    "and keep monitor=True"
                )
                raise ValueError(msg)
        training, validation, etas = [], [], []
        best_cost, best_epoch, best = np.inf, 0, None

        for epoch in range(epochs):
            eta_t = rate_at(schedule, epoch)
            decay = weight_decay(eta_t, lmbda, m)  # Eq. (29); checks eta * lmbda < m
            etas.append(eta_t)
            for idx in batches(m, batch_size, rng):
                nabla_b, nabla_w = self._backprop(X[idx], Y[idx])
                for W, nw in zip(self.weights, nabla_w, strict=True):
                    W *= decay  # Eq. (29)
                    W -= eta_t * nw
                for b, nb in zip(self.biases, nabla_b, strict=True):
                    b -= eta_t * nb  # Eq. (28)
            if monitor:
                training.append(self._evaluate(X, Y, lmbda, m))
                if validation_data is not None:
                    validation.append(self._evaluate(*validation_data, 0.0, m))
            if patience is not None:  # early stopping on the validation cost
                if validation[-1][0] < best_cost:
                    best_cost, best_epoch = validation[-1][0], epoch + 1
                    best = [p.copy() for p in self.weights + self.biases]
                elif epoch + 1 - best_epoch >= patience:
                    break
        if best is not None:  # give back the parameters of the best epoch
            for p, saved in zip(self.weights + self.biases, best, strict=True):
                p[...] = saved
        kept = best_epoch if best is not None else None
        return TrainingHistory._from_records(training, validation, etas, kept)

    # The unchecked kernels: the public methods validate, then call these.

    def _forward(self, X: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]]:
        zs, activations = [], [X]
        for W, b in zip(self.weights, self.biases, strict=True):
            # Eq. (13), z = W a + b, for every example at once: each row of
            # activations[-1] is one example's a, and row times W.T is (W a)^T.
            z = activations[-1] @ W.T + b
            zs.append(z)
            activations.append(sigmoid(z))  # Eq. (14)
        if self.cost_name == "log_likelihood":
            activations[-1] = softmax(zs[-1])  # Eq. (5.7), the output layer
        return zs, activations

    def _backprop(self, X: np.ndarray, Y: np.ndarray) -> Gradients:
        zs, activations = self._forward(X)
        # Output error, Eq. (26) or (17). Dividing by the batch size B once
        # makes the sums over the batch in Eqs. (23)-(24) means, at every
        # layer, since Eq. (22) is linear in delta.
        delta = self._output_error(Y, activations[-1], zs[-1]) / len(X)
        nabla_b, nabla_w = [None] * len(self.biases), [None] * len(self.weights)
        for l in reversed(range(len(self.weights))):
            nabla_b[l] = delta.sum(axis=0)  # Eq. (23)
            nabla_w[l] = delta.T @ activations[l]  # Eq. (24)
            if l > 0:  # Eq. (22): the error of the layer below
                delta = (delta @ self.weights[l]) * sigmoid_prime(zs[l - 1])
        return nabla_b, nabla_w

    def _output_error(self, Y: np.ndarray, a: np.ndarray, z: np.ndarray) -> np.ndarray:
        if self.cost_name in ("cross_entropy", "log_likelihood"):
            return a - Y  # Eq. (26), or Eq. (5.10) for softmax outputs
        return (a - Y) * sigmoid_prime(z)  # Eq. (17)

    def _evaluate(
        self, X: np.ndarray, Y: np.ndarray, lmbda: float, m: int
    ) -> tuple[float, float]:
        """Cost (with the L2 term for m training examples) and accuracy."""
        zs, activations = self._forward(X)
        z, a = zs[-1], activations[-1]
        if self.cost_name == "log_likelihood":
            c0 = log_likelihood_from_z(Y, z)
        elif self.cost_name == "cross_entropy":
            c0 = cross_entropy_from_z(Y, z)
        else:
            c0 = quadratic(Y, a)
        cost = c0 + l2_penalty(self.weights, lmbda, m)
        return cost, float(np.mean(_classes(a) == _classes(Y)))

    # Input checks.

    def _check_X(self, X: Any) -> np.ndarray:
        X = check_2d(X, "X", "(n_samples, n_features)")
        if X.shape[1] != self.sizes[0]:
            msg = (
                f"X has {X.shape[1]} features but the network's input layer has "
                f"{self.sizes[0]} neurons"
            )
            raise ValueError(msg)
        self._check_parameters()
        return X

    def _check_XY(self, X: Any, Y: Any) -> tuple[np.ndarray, np.ndarray]:
        X = self._check_X(X)
        Y = check_2d(Y, "Y", "(n_samples, n_outputs)")
        check_n_samples(X, Y, "X", "Y")
        if Y.shape[1] != self.sizes[-1]:
            msg = (
                f"Y has {Y.shape[1]} columns but the network's output layer has "
                f"{self.sizes[-1]} neurons"
            )
            raise ValueError(msg)
        if self.cost_name == "log_likelihood" and not (
            np.all((Y == 0.0) | (Y == 1.0)) and np.all(Y.sum(axis=1) == 1.0)
        ):
            msg = (
                "Y must be one-hot rows for cost 'log_likelihood': all 0 but a "
                "single 1 in the column of the example's class"
            )
            raise ValueError(msg)
        return X, Y

    def _check_parameters(self) -> None:
        for i, (W, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            shape = (self.sizes[i + 1], self.sizes[i])
            if np.shape(W) != shape or np.shape(b) != shape[:1]:
                msg = (
                    f"weights[{i}] and biases[{i}] must have shapes {shape} and "
                    f"{shape[:1]}; got {np.shape(W)} and {np.shape(b)}"
                )
                raise ValueError(msg)
            check_finite(W, f"weights[{i}]")
            check_finite(b, f"biases[{i}]")


def _classes(Y: np.ndarray) -> np.ndarray:
    """Class of each row of targets or output activations."""
    if Y.shape[1] == 1:
        return (Y[:, 0] >= 0.5).astype(np.intp)
    return np.argmax(Y, axis=1)


def _check_sizes(sizes: Any) -> list[int]:
    sizes = list(sizes) if isinstance(sizes, Sequence | np.ndarray) else [sizes]
    if not all(isinstance(s, Integral) and not isinstance(s, bool) for s in sizes) or (
        min(sizes, default=0) < 1
    ):
        raise ValueError(f"sizes must be positive integers; got {sizes}")
    if len(sizes) < 2:
        msg = f"sizes must list at least two layers (input and output); got {sizes}"
        raise ValueError(msg)
    return [int(s) for s in sizes]


def _pair(data: Any) -> tuple[Any, Any]:
    if not (isinstance(data, tuple | list) and len(data) == 2):
        msg = (
            f"validation_data must be a pair (X_val, Y_val); got {type(data).__name__}"
        )
        raise ValueError(msg)
    return data
