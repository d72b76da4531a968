/**
 * predict.py, written into every export of a finished run: the network running where the user already
 * works, in numpy. Kept as text here (not a .py file imported with ?raw) so every loader of the store —
 * the built app, vitest and Playwright's own TypeScript loader — reads it the same way.
 */
export const PREDICT_PY = String.raw`"""Predicts the class of each row of a CSV with the network Backprop Lab exported beside this file.

usage: python3 predict.py DATA.csv   (needs numpy; prints one class name per data row)
The columns are picked by the feature names in the header when the run had them, else the last n columns
(a digits file keeps its label first). The run's standardization, if any, is applied as in training.
"""
import csv, json, sys
from pathlib import Path
import numpy as np

here = Path(__file__).parent
thetas = [np.array(t, dtype=float) for t in json.loads((here / "weights.json").read_text())["thetas"]]
info = json.loads((here / "preprocessing.json").read_text())
n = thetas[0].shape[1] - 1


def numeric(cell):
    try:
        return float(cell) == float(cell)  # False for nan
    except ValueError:
        return False


with open(sys.argv[1], newline="") as f:
    text = f.read()
try:
    dialect = csv.Sniffer().sniff(text[:4096], ",;\t")
except csv.Error:
    dialect = csv.excel  # one column, or too little to tell: commas
rows = [r for r in csv.reader(text.splitlines(), dialect) if r]
names = info["featureNames"]
if names and set(names) <= set(rows[0]):
    columns, rows = [rows[0].index(name) for name in names], rows[1:]
else:
    if not all(numeric(cell) for cell in rows[0][-n:]):
        rows = rows[1:]  # a header row without our feature names
    columns = range(len(rows[0]) - n, len(rows[0]))
a = np.array([[float(row[c]) for c in columns] for row in rows])
if info["standardization"]:
    a = (a - np.array(info["standardization"]["mean"])) / np.array(info["standardization"]["sd"])
g = {"sigmoid": lambda z: 1 / (1 + np.exp(-z)), "tanh": np.tanh, "relu": lambda z: np.maximum(z, 0)}
hidden = g[info.get("activation", "sigmoid")]  # the outputs are always sigmoid
for l, theta in enumerate(thetas):
    z = a @ theta[:, 1:].T + theta[:, 0]
    a = hidden(z) if l < len(thetas) - 1 else g["sigmoid"](z)
print("\n".join(info["classNames"][k] for k in a.argmax(axis=1)))
`;
