"""Writes scikit-learn's bundled copies of three UCI tables (iris, wine, breast cancer Wisconsin) as
CSV files the way people keep them: a header row of feature names and the class as a string in the
last column. Run with /usr/bin/python3 (Debian's python3-sklearn). Licences: scikit-learn BSD-3;
the data sets are from the UCI Machine Learning Repository, CC BY 4.0.

    /usr/bin/python3 scripts/reference/sklearn_tables.py OUT_DIR
"""
import csv
import os
import sys

from sklearn import datasets

LOADERS = {
    'iris': (datasets.load_iris, 'species'),
    'wine': (datasets.load_wine, 'cultivar'),
    'breast_cancer': (datasets.load_breast_cancer, 'diagnosis'),
}


def write_table(name, out_dir):
    load, class_column = LOADERS[name]
    bunch = load()
    path = os.path.join(out_dir, f'{name}.csv')
    with open(path, 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow([n.replace(' (cm)', '_cm').replace(' ', '_') for n in bunch.feature_names] + [class_column])
        for x, y in zip(bunch.data, bunch.target):
            w.writerow([repr(float(v)) for v in x] + [bunch.target_names[y]])
    return path


if __name__ == '__main__':
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name in LOADERS:
        print(write_table(name, out))
