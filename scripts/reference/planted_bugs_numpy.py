"""
Relative differences of gradient checking for the lab's three planted bugs (src-main/nn/planted-bugs.ts),
computed independently in numpy as Ng's ex4 does it: checkNNGradients' debug network (3-5-3, m = 5,
debugInitializeWeights), nnCostFunction vectorized, computeNumericalGradient with e = 1e-4, and
norm(numgrad - grad) / norm(numgrad + grad). src-main/nn/planted-bugs.test.ts pins these numbers and
runs this script to compare when numpy is there.

Usage: /usr/bin/python3 scripts/reference/planted_bugs_numpy.py   (prints one JSON object)
"""
import json

import numpy as np


def debug_initialize_weights(fan_out, fan_in):
    # Octave: reshape(sin(1:numel(W)), size(W)) / 10 -- filled column by column.
    return np.sin(np.arange(1, fan_out * (1 + fan_in) + 1)).reshape((fan_out, 1 + fan_in), order="F") / 10


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def cost_and_gradient(theta1, theta2, X, y, lam, bug=None):
    """nnCostFunction for one hidden layer; `bug` plants one classic mistake in the gradient only."""
    m = X.shape[0]
    k = theta2.shape[0]
    Y = np.eye(k)[y]
    a1 = np.hstack([np.ones((m, 1)), X])
    z2 = a1 @ theta1.T
    a2 = np.hstack([np.ones((m, 1)), sigmoid(z2)])
    h = sigmoid(a2 @ theta2.T)
    J = np.sum(-Y * np.log(h) - (1 - Y) * np.log(1 - h)) / m
    J += lam / (2 * m) * (np.sum(theta1[:, 1:] ** 2) + np.sum(theta2[:, 1:] ** 2))
    d3 = h - Y
    d2 = d3 @ theta2[:, 1:]
    if bug != "no-sigmoid-gradient":
        g = sigmoid(z2)
        d2 = d2 * g * (1 - g)
    D1 = d2.T @ a1
    D2 = d3.T @ a2
    scale = 1 if bug == "forget-divide-by-m" else m
    grads = []
    for D, theta in ((D1, theta1), (D2, theta2)):
        reg = lam * theta.copy()
        if bug != "regularize-bias":
            reg[:, 0] = 0
        grads.append((D + reg) / scale)
    return J, grads


def relative_difference(bug, lam):
    theta1 = debug_initialize_weights(5, 3)
    theta2 = debug_initialize_weights(3, 5)
    X = debug_initialize_weights(5, 2)
    y = np.arange(1, 6) % 3  # Octave's 1 + mod(1:m, 3), as 0-based classes
    shapes = [theta1.shape, theta2.shape]
    flat = np.concatenate([theta1.ravel(), theta2.ravel()])

    def unroll(v):
        n1 = shapes[0][0] * shapes[0][1]
        return v[:n1].reshape(shapes[0]), v[n1:].reshape(shapes[1])

    _, grads = cost_and_gradient(*unroll(flat), X, y, lam, bug)
    analytic = np.concatenate([g.ravel() for g in grads])
    e = 1e-4
    numeric = np.zeros_like(flat)
    for i in range(flat.size):
        probe = flat.copy()
        probe[i] -= e
        below = cost_and_gradient(*unroll(probe), X, y, lam)[0]
        probe[i] = flat[i] + e
        above = cost_and_gradient(*unroll(probe), X, y, lam)[0]
        numeric[i] = (above - below) / (2 * e)
    return float(np.linalg.norm(numeric - analytic) / np.linalg.norm(numeric + analytic))


if __name__ == "__main__":
    cases = [("no-sigmoid-gradient", 0), ("no-sigmoid-gradient", 3), ("regularize-bias", 3), ("regularize-bias", 0),
             ("forget-divide-by-m", 0), ("forget-divide-by-m", 3), (None, 3)]
    print(json.dumps({f"{bug or 'correct'} λ={lam}": relative_difference(bug, lam) for bug, lam in cases}))
