"""Time one epoch of mini-batch SGD: gdbook against a per-example loop and PyTorch.

Run with ``uv run python benchmarks/bench_network.py`` (see README.md). The
task is Nielsen's MNIST-sized network, ``Network([784, 30, 10])`` with the
cross-entropy cost, eta = 0.5 and lmbda = 5.0, on 60,000 seeded random rows
with random one-hot labels; only the arithmetic matters for timing.
"""

import argparse
import itertools
import os
import statistics
import sys
import time
import tracemalloc


def _threads_from_argv(default: int = 1) -> int:
    """``--threads N``, read before NumPy starts its BLAS thread pool."""
    if "--threads" in sys.argv:
        return int(sys.argv[sys.argv.index("--threads") + 1])
    return default


THREADS = _threads_from_argv()
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = str(THREADS)

import numpy as np  # noqa: E402  (after the thread settings)

from gdbook.network import Network  # noqa: E402

SIZES = [784, 30, 10]
N_SAMPLES = 60_000
ETA, LMBDA = 0.5, 5.0
BATCH_SIZES = (10, 100)


def make_data(n_samples: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    X = rng.random((n_samples, SIZES[0]))
    Y = np.eye(SIZES[-1])[rng.integers(0, SIZES[-1], n_samples)]
    return X, Y


# --- the implementations; each runs one epoch -------------------------------


def gdbook_epoch(X, Y, batch_size):
    net = Network(SIZES, seed=0)
    rng = np.random.default_rng(1)
    net.fit(X, Y, 1, batch_size, ETA, LMBDA, rng=rng, monitor=False)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def per_example_epoch(X, Y, batch_size):
    """Nielsen's network2.py: column vectors, one backprop per example."""
    rng = np.random.default_rng(0)
    pairs = list(itertools.pairwise(SIZES))
    weights = [rng.normal(0, 1 / np.sqrt(n), (m, n)) for n, m in pairs]
    biases = [rng.normal(0, 1, (m, 1)) for m in SIZES[1:]]
    n = len(X)
    order = np.random.default_rng(1).permutation(n)
    for start in range(0, n, batch_size):
        idx = order[start : start + batch_size]
        nabla_b = [np.zeros(b.shape) for b in biases]
        nabla_w = [np.zeros(w.shape) for w in weights]
        for x, y in zip(X[idx], Y[idx], strict=True):
            activation = x[:, None]
            activations, zs = [activation], []
            for b, w in zip(biases, weights, strict=True):
                z = w @ activation + b
                zs.append(z)
                activation = sigmoid(z)
                activations.append(activation)
            delta = activations[-1] - y[:, None]
            nabla_b[-1] += delta
            nabla_w[-1] += delta @ activations[-2].T
            for l in range(2, len(SIZES)):
                sp = sigmoid(zs[-l]) * (1 - sigmoid(zs[-l]))
                delta = (weights[-l + 1].T @ delta) * sp
                nabla_b[-l] += delta
                nabla_w[-l] += delta @ activations[-l - 1].T
        k = len(idx)
        weights = [
            (1 - ETA * LMBDA / n) * w - (ETA / k) * nw
            for w, nw in zip(weights, nabla_w, strict=True)
        ]
        biases = [b - (ETA / k) * nb for b, nb in zip(biases, nabla_b, strict=True)]


def torch_epoch_factory(torch, dtype, autograd):
    """PyTorch eager: the same parameters, batches and updates as gdbook."""
    F = torch.nn.functional

    def epoch(X, Y, batch_size):
        net = Network(SIZES, seed=0)
        Ws = [torch.tensor(W, dtype=dtype) for W in net.weights]
        bs = [torch.tensor(b, dtype=dtype) for b in net.biases]
        Xt, Yt = torch.from_numpy(X).to(dtype), torch.from_numpy(Y).to(dtype)
        n = len(X)
        decay = 1 - ETA * LMBDA / n
        order = torch.from_numpy(np.random.default_rng(1).permutation(n))
        step = _autograd_step if autograd else _manual_step
        for start in range(0, n, batch_size):
            idx = order[start : start + batch_size]
            step(torch, F, Ws, bs, Xt[idx], Yt[idx], decay)

    return epoch


def _autograd_step(torch, F, Ws, bs, Xb, Yb, decay):
    for p in (*Ws, *bs):
        p.requires_grad_(True)
    a = Xb
    for W, b in zip(Ws[:-1], bs[:-1], strict=True):
        a = torch.sigmoid(F.linear(a, W, b))
    z = F.linear(a, Ws[-1], bs[-1])
    loss = F.binary_cross_entropy_with_logits(z, Yb, reduction="sum") / len(Xb)
    loss.backward()
    with torch.no_grad():
        for W in Ws:
            W.mul_(decay).sub_(W.grad, alpha=ETA)
            W.grad = None
        for b in bs:
            b.sub_(b.grad, alpha=ETA)
            b.grad = None


def _manual_step(torch, F, Ws, bs, Xb, Yb, decay):
    activations = [Xb]
    for W, b in zip(Ws, bs, strict=True):
        activations.append(torch.sigmoid(F.linear(activations[-1], W, b)))
    delta = (activations[-1] - Yb) / len(Xb)
    for l in reversed(range(len(Ws))):
        nabla_b = delta.sum(0)
        nabla_w = delta.T @ activations[l]
        if l > 0:
            a = activations[l]
            delta = (delta @ Ws[l]) * a * (1 - a)
        Ws[l].mul_(decay).sub_(nabla_w, alpha=ETA)
        bs[l].sub_(nabla_b, alpha=ETA)


# --- measurements ----------------------------------------------------------


def gemm_rate(n: int = 2000, repeats: int = 5) -> float:
    """FLOP/s of a big float64 np.matmul: the machine's practical peak."""
    A = np.random.default_rng(0).random((n, n))
    A @ A
    best = min(_timed(lambda: A @ A) for _ in range(repeats))
    return 2 * n**3 / best


def epoch_flops(n_samples: int) -> int:
    """Matmul FLOPs of one epoch: forward, the backward delta and nabla_w."""
    pairs = list(itertools.pairwise(SIZES))
    forward = sum(2 * n * m for n, m in pairs)
    nabla_w = forward
    backward_delta = sum(2 * n * m for n, m in pairs[1:])
    return n_samples * (forward + nabla_w + backward_delta)


def peak_epoch_memory(X, Y, batch_size) -> int:
    """Peak bytes allocated during one gdbook epoch (tracemalloc)."""
    net = Network(SIZES, seed=0)
    rng = np.random.default_rng(1)
    tracemalloc.start()
    tracemalloc.reset_peak()
    before = tracemalloc.get_traced_memory()[0]
    net.fit(X, Y, 1, batch_size, ETA, LMBDA, rng=rng, monitor=False)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak - before


def input_check_time(X, Y, repeats: int = 3) -> float:
    """Seconds of fit's input checks alone: one pass over X and Y for NaN/inf."""
    net = Network(SIZES, seed=0)
    return min(_timed(lambda: net._check_XY(X, Y)) for _ in range(repeats))


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--samples", type=int, default=N_SAMPLES)
    parser.add_argument(
        "--threads", type=int, default=THREADS, help="BLAS and torch threads (1)"
    )
    args = parser.parse_args()

    X, Y = make_data(args.samples)
    threads = args.threads
    impls = {"gdbook": gdbook_epoch, "per-example (network2 style)": per_example_epoch}
    try:
        import torch
    except ImportError:
        torch = None
    if torch is not None:
        torch.set_num_threads(threads)
        for label, dtype, autograd in [
            ("torch autograd float64", torch.float64, True),
            ("torch manual float64", torch.float64, False),
            ("torch autograd float32", torch.float32, True),
        ]:
            impls[label] = torch_epoch_factory(torch, dtype, autograd)

    peak = gemm_rate()
    check = input_check_time(X, Y)
    flops = epoch_flops(args.samples)
    print(
        f"one epoch of Network({SIZES}, cost='cross_entropy') on {args.samples} rows, "
        f"eta={ETA}, lmbda={LMBDA}"
    )
    print(
        f"numpy {np.__version__}"
        + (f", torch {torch.__version__}" if torch is not None else ", torch absent")
        + f", {threads} threads, median of {args.rounds} interleaved rounds"
    )
    print(f"GEMM peak (2000x2000 float64 matmul): {peak / 1e9:.1f} GFLOP/s")
    print(f"matmul work of one epoch: {flops / 1e9:.2f} GFLOP")
    for batch_size in BATCH_SIZES:
        times = {name: [] for name in impls}
        for _ in range(args.rounds):
            for name, epoch in impls.items():
                times[name].append(_timed(lambda e=epoch, k=batch_size: e(X, Y, k)))
        median = {name: statistics.median(t) for name, t in times.items()}
        base = median["gdbook"]
        print()
        print(f"batch size {batch_size}")
        print(f"  {'implementation':<30} {'epoch (s)':>10} {'vs gdbook':>10}")
        for name, t in median.items():
            print(f"  {name:<30} {t:>10.3f} {t / base:>9.1f}x")
        memory = peak_epoch_memory(X, Y, batch_size)
        print(
            f"  gdbook: {flops / base / 1e9:.1f} GFLOP/s = {flops / base / peak:.0%} "
            f"of the GEMM peak; peak extra memory {memory / 2**20:.2f} MiB "
            f"(data set: {X.nbytes / 2**20:.0f} MiB)"
        )
        print(
            f"  gdbook's epoch includes fit's input checks, {check * 1e3:.0f} ms "
            "(the other rows check nothing)"
        )


if __name__ == "__main__":
    main()
