"""Test accuracy of the lab against scikit-learn's MLPClassifier on real public tables, same split,
same model: one hidden layer of 25 logistic units, L-BFGS, alpha = λ (both add λ/(2m)·‖W‖² to the
mean loss), inputs z-scored with the training split's mean and sd (StandardScaler / --standardize).
sklearn's output layer is a softmax, the lab's K sigmoids (Ng's ex4); everything else matches.

For each table and seed the table is split once (stratified, 85 % train / 15 % test) into two CSV
files in a temporary folder; the lab trains on train.csv with --test-data test.csv, so both see
exactly the same rows. Run from the repository after `npm run build`:

    /usr/bin/python3 scripts/reference/sklearn_compare.py [--seeds 5] [--lambda 1] [--iterations 200]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

sys.path.insert(0, os.path.dirname(__file__))
from sklearn_tables import LOADERS, write_table  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TABLES = ['iris', 'wine', 'breast_cancer']


def read(path):
    with open(path) as f:
        header = f.readline().rstrip('\n').split(',')
        rows = [line.rstrip('\n').split(',') for line in f if line.strip()]
    X = np.array([[float(v) for v in r[:-1]] for r in rows])
    y = np.array([r[-1] for r in rows])
    return header, rows, X, y


def write(path, header, rows):
    with open(path, 'w') as f:
        f.write(','.join(header) + '\n')
        for r in rows:
            f.write(','.join(r) + '\n')


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--seeds', type=int, default=5)
    p.add_argument('--lambda', dest='lam', type=float, default=1.0)
    p.add_argument('--iterations', type=int, default=200)
    a = p.parse_args()
    print(f'table           seed  m_train m_test  lab     sklearn  diff (points)')
    summary = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in TABLES:
            header, rows, X, y = read(write_table(name, tmp))
            label = LOADERS[name][1]
            lab_all, sk_all = [], []
            for seed in range(1, a.seeds + 1):
                idx = np.arange(len(rows))
                tr, te = train_test_split(idx, test_size=0.15, stratify=y, random_state=seed)
                train_csv, test_csv = os.path.join(tmp, 'train.csv'), os.path.join(tmp, 'test.csv')
                write(train_csv, header, [rows[i] for i in tr])
                write(test_csv, header, [rows[i] for i in te])
                # --train-size defaults to 90 % with --test-data; ask for every training row.
                lab = lab_accuracy_all(tmp, train_csv, test_csv, label, a.lam, a.iterations, seed, len(tr))
                scaler = StandardScaler().fit(X[tr])
                clf = MLPClassifier(hidden_layer_sizes=(25,), activation='logistic', solver='lbfgs', alpha=a.lam,
                                    max_iter=a.iterations, random_state=seed)
                clf.fit(scaler.transform(X[tr]), y[tr])
                sk = float(np.mean(clf.predict(scaler.transform(X[te])) == y[te]))
                lab_all.append(lab)
                sk_all.append(sk)
                print(f'{name:15s} {seed:4d}  {len(tr):7d} {len(te):6d}  {lab:.4f}  {sk:.4f}   {100 * (lab - sk):+.2f}')
            summary.append((name, np.mean(lab_all), np.mean(sk_all)))
    print()
    for name, lab, sk in summary:
        print(f'{name:15s} mean test accuracy: lab {100 * lab:.2f}%  sklearn {100 * sk:.2f}%  '
              f'difference {100 * (lab - sk):+.2f} points')


def lab_accuracy_all(tmp, train, test, label, lam, iterations, seed, m_train):
    out = subprocess.run(
        ['node', os.path.join(ROOT, 'bin', 'backprop-lab.js'), 'train', '--data', train, '--test-data', test,
         '--label-column', label, '--standardize', '--optimizer', 'lbfgs', '--hidden', '25',
         '--lambda', str(lam), '--iterations', str(iterations), '--seed', str(seed),
         '--train-size', str(m_train), '--validation-size', '0', '--db', os.path.join(tmp, 'lab.db'), '--json'],
        capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f'lab failed: {out.stderr[-2000:]}')
    return json.loads(out.stdout)['testAccuracy']


if __name__ == '__main__':
    main()
