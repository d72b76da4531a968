"""Peers for `npm run bench -- --peers`: the same jobs as Backprop Lab, in numpy and scikit-learn.

  peers.py eval DIR        J(Θ) and ∇J of 784-25-10 on DIR/X.f64 (m×784), DIR/y.u8, DIR/theta.f64, λ = 1,
                           float64 numpy (OpenBLAS): median ms of 30 evaluations after 5 warm-ups.
  peers.py serve DIR       the same job kept loaded for interleaved turns: prints {"cost", "blas"} after 5
                           warm-ups, then for each line K read from stdin times K evaluations and prints
                           {"times": [ms, …]}; ends at end of input.
  peers.py sklearn TRAIN_IMAGES TRAIN_LABELS TEST_IMAGES TEST_LABELS THETA
                           the whole script a user would write: load the IDX .gz files, fit
                           MLPClassifier (25 logistic hidden units, L-BFGS, 100 iterations, alpha = λ = 1),
                           score train and test. Labels are given one-hot, so scikit-learn uses 10
                           logistic outputs and the summed binary cross-entropy: Ng's J exactly, with
                           alpha/(2m)·ΣW² = λ/(2m)·ΣΘ². The initial weights are Backprop Lab's Θ₀.
Prints one JSON object.
"""
import gzip
import json
import sys
import time

import numpy as np


def blas_info():
    try:
        from threadpoolctl import threadpool_info
        return [{k: p.get(k) for k in ("internal_api", "num_threads", "architecture", "version")} for p in threadpool_info()]
    except Exception as e:  # threadpoolctl missing: say so rather than guess
        return [{"note": f"threadpoolctl unavailable ({type(e).__name__})"}]


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def cost_gradient(t1, t2, X, Y, lam):
    m = X.shape[0]
    a1 = np.hstack([np.ones((m, 1)), X])
    a2 = np.hstack([np.ones((m, 1)), sigmoid(a1 @ t1.T)])
    h = sigmoid(a2 @ t2.T)
    J = (-(Y * np.log(h)) - (1 - Y) * np.log(1 - h)).sum() / m
    J += lam / (2 * m) * ((t1[:, 1:] ** 2).sum() + (t2[:, 1:] ** 2).sum())
    d3 = h - Y
    d2 = (d3 @ t2[:, 1:]) * a2[:, 1:] * (1 - a2[:, 1:])
    g1 = d2.T @ a1 / m
    g2 = d3.T @ a2 / m
    g1[:, 1:] += lam / m * t1[:, 1:]
    g2[:, 1:] += lam / m * t2[:, 1:]
    return J, g1, g2


def load_eval(folder):
    theta = np.fromfile(f"{folder}/theta.f64", dtype=np.float64)
    y = np.fromfile(f"{folder}/y.u8", dtype=np.uint8)
    m = y.shape[0]
    X = np.fromfile(f"{folder}/X.f64", dtype=np.float64).reshape(m, 784)
    Y = np.eye(10)[y]
    t1 = theta[: 25 * 785].reshape(25, 785)
    t2 = theta[25 * 785 :].reshape(10, 26)
    return t1, t2, X, Y


def run_eval(folder):
    t1, t2, X, Y = load_eval(folder)
    for _ in range(5):
        J, _, _ = cost_gradient(t1, t2, X, Y, 1.0)
    times = []
    for _ in range(30):
        start = time.perf_counter()
        cost_gradient(t1, t2, X, Y, 1.0)
        times.append((time.perf_counter() - start) * 1000)
    return {"medianMs": float(np.median(times)), "minMs": float(min(times)), "cost": float(J), "blas": blas_info()}


def serve(folder):
    t1, t2, X, Y = load_eval(folder)
    for _ in range(5):
        J, _, _ = cost_gradient(t1, t2, X, Y, 1.0)
    print(json.dumps({"cost": float(J), "blas": blas_info()}), flush=True)
    for line in sys.stdin:
        times = []
        for _ in range(int(line)):
            start = time.perf_counter()
            cost_gradient(t1, t2, X, Y, 1.0)
            times.append((time.perf_counter() - start) * 1000)
        print(json.dumps({"times": times}), flush=True)


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i : 8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def run_sklearn(train_images, train_labels, test_images, test_labels, theta_file):
    start = time.perf_counter()
    from sklearn.neural_network import MLPClassifier

    X = read_idx(train_images).reshape(-1, 784) / 255.0
    y = read_idx(train_labels)
    Xt = read_idx(test_images).reshape(-1, 784) / 255.0
    yt = read_idx(test_labels)
    theta = np.fromfile(theta_file, dtype=np.float64)
    t1 = theta[: 25 * 785].reshape(25, 785)
    t2 = theta[25 * 785 :].reshape(10, 26)
    initial = iter([(t1[:, 1:].T.copy(), t1[:, 0].copy()), (t2[:, 1:].T.copy(), t2[:, 0].copy())])
    clf = MLPClassifier(hidden_layer_sizes=(25,), activation="logistic", solver="lbfgs", alpha=1.0,
                        max_iter=100, tol=0.0, random_state=0)
    clf._init_coef = lambda fan_in, fan_out, dtype: next(initial)
    loaded = time.perf_counter()
    clf.fit(X, np.eye(10)[y])
    fitted = time.perf_counter()
    train_accuracy = float((clf.predict_proba(X).argmax(1) == y).mean())
    test_accuracy = float((clf.predict_proba(Xt).argmax(1) == yt).mean())
    end = time.perf_counter()
    return {
        "wholeMs": (end - start) * 1000, "loadMs": (loaded - start) * 1000, "fitMs": (fitted - loaded) * 1000,
        "scoreMs": (end - fitted) * 1000, "iterations": int(clf.n_iter_), "finalLoss": float(clf.loss_),
        "trainAccuracy": train_accuracy, "testAccuracy": test_accuracy, "blas": blas_info(),
    }


if __name__ == "__main__":
    if sys.argv[1] == "eval":
        print(json.dumps(run_eval(sys.argv[2])))
    elif sys.argv[1] == "serve":
        serve(sys.argv[2])
    else:
        print(json.dumps(run_sklearn(*sys.argv[2:7])))
