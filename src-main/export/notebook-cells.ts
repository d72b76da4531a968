/**
 * The cells of notebook.ipynb and train.py, which rebuild a finished run outside the lab: the same data,
 * split and standardization, Ng's cost in numpy, the run retrained with scipy.optimize from its own Θ₀,
 * the same model in scikit-learn and PyTorch. ONE list of cells makes both files (notebook.ts), so the
 * script and the notebook cannot drift apart.
 */

/** A notebook cell: markdown for the reader, code for both the notebook and train.py. */
export interface Cell {
  kind: 'markdown' | 'code';
  source: string;
}

/** What the cells need to know about the run, all of it literal in the generated code. */
export interface NotebookRun {
  name: string;
  optimizer: string;
  iterations: number;
  lambda: number;
  sizes: readonly number[];
  /** How the data files hold the examples: CSV tables (pandas) or .npy images (numpy). */
  dataFormat: 'csv' | 'npy';
  /** Whether the lab z-scored the features with preprocessing.json's mean and sd. */
  standardize: boolean;
  hasTest: boolean;
  /** The run's cost and hidden activation; absent for Ng's (the cells are then exactly as they were). */
  model?: { cost: 'cross-entropy' | 'quadratic'; activation: 'sigmoid' | 'tanh' | 'relu' };
  lab: { costAtTheta0: number; finalCost: number; testAccuracy: number | null };
}

const md = (source: string): Cell => ({ kind: 'markdown', source });
const code = (source: string): Cell => ({ kind: 'code', source });
const py = (x: number | null) => (x === null ? 'None' : Number.isFinite(x) ? String(x) : 'float("nan")');

/** The cells, in order, for `run`. */
export function notebookCells(run: NotebookRun): Cell[] {
  const method = run.optimizer === 'lbfgs' ? 'L-BFGS-B' : 'CG';
  const ng = run.model === undefined || (run.model.cost === 'cross-entropy' && run.model.activation === 'sigmoid');
  const cells = [
    md(
      `# ${run.name.replace(/\n/g, ' ')}: continued in Python\n\n` +
        `This notebook (and train.py, the same cells as a script) rebuilds the lab's run: layer sizes ` +
        `${run.sizes.join('–')}, λ = ${run.lambda}, ${run.iterations} iterations of ${run.optimizer}. ` +
        `Each step prints its number beside the one the lab showed.`,
    ),
    code(
      `import json, sys, time\nimport numpy as np\n\n` +
        `JSON_ONLY = '--json' in sys.argv\n` +
        `def show(*args):\n    if not JSON_ONLY:\n        print(*args)\n\n` +
        `LAB = dict(costAtTheta0=${py(run.lab.costAtTheta0)}, finalCost=${py(run.lab.finalCost)}, ` +
        `testAccuracy=${py(run.lab.testAccuracy)})\n` +
        `LAMBDA = ${py(run.lambda)}\nSIZES = ${JSON.stringify(run.sizes)}\nITERATIONS = ${run.iterations}\n` +
        `result = {'lab': LAB}`,
    ),
    md(
      `## The data\n\nThe export holds **the examples themselves** (data/), not row numbers: the lab shuffles with ` +
        `its own seeded generator, which numpy cannot replay, and the original file may not be on this machine. ` +
        `Values are as read (before standardization); y is the class index (output k of the network). ` +
        (run.dataFormat === 'csv'
          ? 'The tables are CSV, read with pandas.'
          : 'The images are .npy arrays, one row per image.'),
    ),
    code(
      (run.dataFormat === 'csv'
        ? `import pandas as pd\ntrain = pd.read_csv('data/train.csv')\nX_train = train.drop(columns='class').to_numpy(float)\n` +
          `y_train = train['class'].to_numpy(int)\n` +
          (run.hasTest
            ? `test = pd.read_csv('data/test.csv')\nX_test = test.drop(columns='class').to_numpy(float)\ny_test = test['class'].to_numpy(int)\n`
            : `X_test = y_test = None\n`)
        : `def pixels(X):\n    return X / 255.0 if X.dtype == np.uint8 else X  # bytes k mean k/255, as in the lab\n` +
          `X_train = pixels(np.load('data/X_train.npy'))\ny_train = np.load('data/y_train.npy').astype(int)\n` +
          (run.hasTest
            ? `X_test = pixels(np.load('data/X_test.npy'))\ny_test = np.load('data/y_test.npy').astype(int)\n`
            : `X_test = y_test = None\n`)) +
        `X_test_raw = X_test  # as read: model.onnx standardizes by itself\n` +
        `standardization = json.load(open('data/standardization.json'))\n` +
        `if standardization:\n` +
        `    # z = (x − mean) / sd with the training split's mean and sd, as the lab did\n` +
        `    mean = np.array(standardization['mean']); sd = np.array(standardization['sd'])\n` +
        `    X_train = (X_train - mean) / sd\n` +
        `    if X_test is not None:\n        X_test = (X_test - mean) / sd\n` +
        `m, n = X_train.shape\nK = SIZES[-1]\nY = np.eye(K)[y_train]  # y as one-hot rows, the course's y_k\n` +
        `show('m =', m, 'training examples of n =', n, 'features;', K, 'classes')`,
    ),
    md(
      `## Ng's cost and gradient, vectorized\n\n` +
        `a¹ = x with a bias 1 in front; z⁽ˡ⁺¹⁾ = Θ⁽ˡ⁾a⁽ˡ⁾; a⁽ˡ⁺¹⁾ = g(z⁽ˡ⁺¹⁾). ` +
        `J(Θ) = (1/m) Σ Σ [−y log h − (1−y) log(1−h)] + λ/(2m) Σ Θ² (bias column left out). ` +
        `Backprop: δ⁽ᴸ⁾ = a⁽ᴸ⁾ − y, δ⁽ˡ⁾ = (Θ⁽ˡ⁾ᵀδ⁽ˡ⁺¹⁾) .* g'(z⁽ˡ⁾), Δ⁽ˡ⁾ = δ⁽ˡ⁺¹⁾a⁽ˡ⁾ᵀ — the δ the lab drew for one ` +
        `example is one row of \`deltas\` below.`,
    ),
    code(
      `def g(z):\n    return 1.0 / (1.0 + np.exp(-z))\n\n` +
        (ng ? '' : otherModelCode(run.model!)) +
        `def unroll(thetas):\n    return np.concatenate([T.ravel() for T in thetas])\n\n` +
        `def roll(theta):\n    thetas, at = [], 0\n    for l in range(len(SIZES) - 1):\n` +
        `        rows, cols = SIZES[l + 1], SIZES[l] + 1\n        thetas.append(theta[at:at + rows * cols].reshape(rows, cols))\n` +
        `        at += rows * cols\n    return thetas\n\n` +
        `def forward(thetas, X):\n    a = [np.hstack([np.ones((X.shape[0], 1)), X])]\n    for l, T in enumerate(thetas):\n` +
        (ng ? `        h = g(a[-1] @ T.T)\n` : `        h = (g if l == len(thetas) - 1 else g_hidden)(a[-1] @ T.T)\n`) +
        `        a.append(h if l == len(thetas) - 1 else np.hstack([np.ones((h.shape[0], 1)), h]))\n    return a\n\n` +
        `def cost_and_gradient(theta, X=None, Y=None, lam=LAMBDA):\n` +
        `    X = X_train if X is None else X; Y_ = globals()['Y'] if Y is None else Y\n` +
        `    mm = X.shape[0]\n    thetas = roll(theta)\n    a = forward(thetas, X)\n    h = a[-1]\n` +
        (run.model?.cost === 'quadratic'
          ? `    J = ((h - Y_) ** 2).sum() / (2 * mm)  # the quadratic cost\n`
          : `    J = -(Y_ * np.log(h) + (1 - Y_) * np.log(1 - h)).sum() / mm\n`) +
        `    J += lam / (2 * mm) * sum((T[:, 1:] ** 2).sum() for T in thetas)\n` +
        (run.model?.cost === 'quadratic'
          ? `    deltas = [(h - Y_) * h * (1 - h)]  # δ⁽ᴸ⁾ = (a⁽ᴸ⁾ − y)·a(1 − a)\n`
          : `    deltas = [h - Y_]  # δ⁽ᴸ⁾ = a⁽ᴸ⁾ − y\n`) +
        `    for l in range(len(thetas) - 1, 0, -1):\n        al = a[l][:, 1:]\n` +
        (ng || run.model!.activation === 'sigmoid'
          ? `        deltas.insert(0, (deltas[0] @ thetas[l][:, 1:]) * al * (1 - al))  # g'(z) = a(1 − a)\n`
          : `        deltas.insert(0, (deltas[0] @ thetas[l][:, 1:]) * g_hidden_slope(al))\n`) +
        `    grads = []\n    for l, T in enumerate(thetas):\n        D = deltas[l].T @ a[l] / mm  # Δ⁽ˡ⁾ / m\n` +
        `        D[:, 1:] += lam / mm * T[:, 1:]\n        grads.append(D)\n    return J, unroll(grads)\n\n` +
        `def accuracy(theta, X, y):\n    return float((forward(roll(theta), X)[-1].argmax(axis=1) == y).mean())`,
    ),
    md(`## J(Θ₀): the run's own initial weights\n\ninitial-weights.json holds the Θ₀ the lab started from.`),
    code(
      `theta0 = unroll([np.array(T, float) for T in json.load(open('initial-weights.json'))['thetas']])\n` +
        `J0, _ = cost_and_gradient(theta0)\nresult['numpy'] = {'costAtTheta0': float(J0)}\n` +
        `show('J(Θ₀): numpy', J0, ' lab', LAB['costAtTheta0'])`,
    ),
    md(
      method === 'CG'
        ? `## Retrained with scipy.optimize (CG)\n\nThe lab's cg is Rasmussen's fmincg (as in the course); scipy's CG is ` +
            `Polak–Ribière with a different line search and stopping rule, so the curve and final J may differ slightly.`
        : `## Retrained with scipy.optimize (L-BFGS)\n\nThe same algorithm family as the lab's lbfgs, from the same Θ₀; ` +
            `both stop at a point where the gradient vanishes, so on a run that converged they agree.`,
    ),
    code(
      `from scipy.optimize import minimize\nstarted = time.time()\n` +
        `res = minimize(cost_and_gradient, theta0, jac=True, method='${method}', ` +
        `options={'maxiter': ITERATIONS${method === 'L-BFGS-B' ? ", 'gtol': 1e-12, 'ftol': 1e-15" : ", 'gtol': 1e-12"}})\n` +
        `theta_scipy = res.x\nresult['scipy'] = {'finalCost': float(res.fun), ` +
        `'testAccuracy': accuracy(theta_scipy, X_test, y_test) if X_test is not None else None}\n` +
        `show('final J: scipy', res.fun, ' lab', LAB['finalCost'], f'({res.nit} iterations, {time.time() - started:.1f} s)')\n` +
        `show('test accuracy: scipy', result['scipy']['testAccuracy'], ' lab', LAB['testAccuracy'])`,
    ),
    md(
      `## The hidden units the lab drew\n\nRow j of Θ⁽¹⁾ without its bias is hidden unit j's image: the lab's ` +
        `unit picture is \`theta_scipy\`'s first rows reshaped to the image size.`,
    ),
    code(`unit0 = roll(theta_scipy)[0][0, 1:]\nshow('hidden unit 0: weights range', unit0.min(), 'to', unit0.max())`),
    ...(ng
      ? [
          md(
            `## The same model in scikit-learn\n\nMLPClassifier with logistic units. y is given as one-hot rows, so ` +
              `sklearn treats it as multi-label and uses sigmoid outputs with the same cross-entropy as Ng (not softmax). ` +
              `sklearn's penalty is alpha/2·‖W‖²/n_samples, Ng's is λ/(2m)·ΣΘ²: the same when **alpha = λ**. ` +
              `It is warm-started from Θ₀: coefs_ are Θ⁽ˡ⁾ᵀ without the bias column, intercepts_ the bias column.`,
          ),
          code(
            `import warnings\nfrom sklearn.neural_network import MLPClassifier\n` +
              `clf = MLPClassifier(hidden_layer_sizes=tuple(SIZES[1:-1]), activation='logistic', solver='lbfgs', ` +
              `alpha=LAMBDA, max_iter=1, warm_start=True, tol=0)\n` +
              `with warnings.catch_warnings():\n    warnings.simplefilter('ignore')\n    clf.fit(X_train, Y)  # sets up the shapes\n` +
              `    clf.coefs_ = [T[:, 1:].T.copy() for T in roll(theta0)]\n    clf.intercepts_ = [T[:, 0].copy() for T in roll(theta0)]\n` +
              `    clf.max_iter = ITERATIONS; clf.max_fun = 20 * ITERATIONS\n    clf.fit(X_train, Y)\n` +
              `sk_acc = float((clf.predict_proba(X_test).argmax(axis=1) == y_test).mean()) if X_test is not None else None\n` +
              `result['sklearn'] = {'finalCost': float(clf.loss_), 'testAccuracy': sk_acc}\n` +
              `show('final J: sklearn', clf.loss_, ' lab', LAB['finalCost'])\nshow('test accuracy: sklearn', sk_acc, ' lab', LAB['testAccuracy'])`,
          ),
          md(`## The same model in PyTorch\n\nnn.Linear layers with sigmoid, the same Θ₀ and loss, torch.optim.LBFGS.`),
          code(
            `try:\n    import torch\nexcept ImportError:\n    torch = None\n    show('PyTorch is not installed: skipped')\n` +
              `result['torch'] = None\nif torch is not None:\n    torch.set_default_dtype(torch.float64)\n` +
              `    layers = []\n    for T in roll(theta0):\n        lin = torch.nn.Linear(T.shape[1] - 1, T.shape[0])\n` +
              `        with torch.no_grad():\n            lin.weight.copy_(torch.tensor(T[:, 1:])); lin.bias.copy_(torch.tensor(T[:, 0]))\n` +
              `        layers += [lin, torch.nn.Sigmoid()]\n    net = torch.nn.Sequential(*layers)\n` +
              `    Xt, Yt = torch.tensor(X_train), torch.tensor(Y)\n` +
              `    def loss_fn():\n        h = net(Xt)\n        J = torch.nn.functional.binary_cross_entropy(h, Yt, reduction='sum') / m\n` +
              `        return J + LAMBDA / (2 * m) * sum((l.weight ** 2).sum() for l in net if isinstance(l, torch.nn.Linear))\n` +
              `    opt = torch.optim.LBFGS(net.parameters(), max_iter=ITERATIONS, tolerance_grad=1e-12, tolerance_change=1e-15, ` +
              `line_search_fn='strong_wolfe')\n` +
              `    def closure():\n        opt.zero_grad(); J = loss_fn(); J.backward(); return J\n    opt.step(closure)\n` +
              `    with torch.no_grad():\n        tJ = float(loss_fn())\n` +
              `        t_acc = float((net(torch.tensor(X_test)).argmax(1).numpy() == y_test).mean()) if X_test is not None else None\n` +
              `    theta_torch = unroll([np.hstack([l.bias.detach().numpy()[:, None], l.weight.detach().numpy()]) for l in net if isinstance(l, torch.nn.Linear)])\n` +
              `    result['torch'] = {'finalCost': tJ, 'testAccuracy': t_acc, 'numpyCostAtSameTheta': float(cost_and_gradient(theta_torch)[0])}\n    show('final J: torch', tJ, ' lab', LAB['finalCost'])`,
          ),
        ]
      : [
          md(
            `## scikit-learn and PyTorch\n\nSkipped: their side-by-side is written for Ng's model (cross-entropy, ` +
              `sigmoid units); this run uses the ${run.model!.cost} cost with ${run.model!.activation} hidden units, which ` +
              `the numpy code above computes.`,
          ),
        ]),
    md(`## model.onnx\n\nThe exported ONNX model run with onnxruntime, when it is installed.`),
    code(
      `try:\n    import onnxruntime as ort\nexcept ImportError:\n    ort = None\n    show('onnxruntime is not installed: skipped')\n` +
        `if ort is not None and X_test is not None:\n    sess = ort.InferenceSession('model.onnx')\n` +
        `    raw = X_test_raw\n` +
        `    out = sess.run(None, {sess.get_inputs()[0].name: raw.astype(np.float32)})[0]\n` +
        `    show('test accuracy: onnx', float((out.argmax(1) == y_test).mean()), ' lab', LAB['testAccuracy'])`,
    ),
    code(`if JSON_ONLY:\n    print(json.dumps(result))`),
  ];
  return cells;
}

/** The hidden g and its slope g′ (from a) in numpy, for a run that is not Ng's sigmoid network. */
function otherModelCode(model: NonNullable<NotebookRun['model']>): string {
  switch (model.activation) {
    case 'tanh':
      return `def g_hidden(z):\n    return np.tanh(z)\n\ndef g_hidden_slope(a):\n    return 1 - a ** 2\n\n`;
    case 'relu':
      return `def g_hidden(z):\n    return np.maximum(z, 0)\n\ndef g_hidden_slope(a):\n    return (a > 0).astype(float)  # 0 at z = 0\n\n`;
    default:
      return `g_hidden = g\n\ndef g_hidden_slope(a):\n    return a * (1 - a)\n\n`;
  }
}
