/**
 * "What am I looking at?" for every lesson: a few plain sentences for a student who has just watched
 * the backpropagation lectures of Ng's course. The words of the course (Θ, δ, Δ, λ, m, J) are used
 * and explained in passing; nothing is promised that the numbers on screen do not show.
 */

export const LESSON_IDS = [
  'gradient-check',
  'why-cost',
  'symmetry',
  'loop-vs-vectorized',
  'overfit-vs-regularized',
  'validation-curve',
  'learning-curve',
  'stuck',
  'training-evolution',
  'traps',
  'draw',
] as const;

export type LessonId = (typeof LESSON_IDS)[number];

export interface LessonDescription {
  readonly id: LessonId;
  readonly title: string;
  /** The question the lesson answers, in the learner's words. */
  readonly question: string;
  /** 3–6 sentences: what is on screen and how to read it. */
  readonly text: string;
}

export const LESSONS: readonly LessonDescription[] = [
  {
    id: 'gradient-check',
    title: 'Gradient checking',
    question: 'Does my gradient have a bug?',
    text:
      'Backpropagation computes every partial derivative ∂J/∂Θ at once: it sends the output error δ = a − y back ' +
      "through the layers and adds up Δ, each weight's share of the error over the m examples. Gradient checking " +
      'tests that result against a slow but nearly foolproof estimate: move one weight θ up and down by ε = 0.0001 ' +
      'and compute (J(θ + ε) − J(θ − ε)) / 2ε. Each row of the table compares the two for one weight of Θ(l), ' +
      'named as everywhere in the lab: Θ(1)[unit 5, bias] is the weight of unit 5 on the bias unit. A correct backprop ' +
      'agrees to a relative difference below 1e-9, while a real bug gives 1e-3 or worse; try the planted bugs to see ' +
      'what failure looks like. ' +
      'Switch the check off before training, since it costs two evaluations of J for every weight.',
  },
  {
    id: 'why-cost',
    title: 'Why this cost?',
    question: 'Why does backprop start from δ = a − y?',
    text:
      'Backprop starts from the output error δ(L) = ∂J/∂z(L), and the chain rule writes it as two factors: how the ' +
      "cost changes with the output, ∂J/∂a, times the sigmoid's slope g′(z) = a(1 − a). For Ng's cross-entropy cost " +
      '∂J/∂a = (a − y)/(a(1 − a)), so g′(z) cancels and δ = a − y; for the quadratic cost J = (a − y)²/2, ∂J/∂a = ' +
      'a − y and g′(z) stays, so δ = (a − y)·a(1 − a). The first panel works both through with the numbers of one ' +
      'example of your own run. When an output is confidently wrong, a near 1 for y = 0 or near 0 for y = 1, a(1 − a) ' +
      'is close to 0, so under the quadratic cost δ and every gradient computed from it are close to 0 too, and the ' +
      "network learns slowest where it is most wrong. Nielsen's single neuron (input 1, target 0, gradient descent) " +
      'below trains with both costs from the same start, and the lab measures how long its output barely moves; the ' +
      'last panel trains the digits network once with each cost from the same Θ₀ and measures the two runs.',
  },
  {
    id: 'symmetry',
    title: 'Why random initialization',
    question: "Why can't all the weights start at 0?",
    text:
      'This network started with every weight in Θ equal to 0. Then every hidden unit computes the same activation a, ' +
      'backpropagation hands each of them the same error δ, and the gradient gives each the same update. So after ' +
      'any number of iterations they are still identical: 25 hidden units that are really one unit copied 25 times, ' +
      'as the count of distinct units and the identical hidden-unit images show. Starting each weight at a random ' +
      'value in [−ε, ε] (ε = 0.12 in exercise 4) breaks this symmetry, so each unit can learn a different feature.',
  },
  {
    id: 'loop-vs-vectorized',
    title: 'Loops or vectorized',
    question: 'Should I write backprop as a loop or with matrices?',
    text:
      'The same cost J(Θ) and gradient, computed three ways and trained one after another, so that none shares ' +
      'the processor with the others. The loop version follows the lecture step by step: for each of the m ' +
      'examples a forward pass, the output error δ(3) = a(3) − y, the hidden error δ(2) = Θ(2)ᵀδ(3) .* g′(z(2)), ' +
      'and the accumulation Δ(l) = Δ(l) + δ(l+1)·a(l)ᵀ. The vectorized version writes the same steps as matrix ' +
      'equations over all m examples at once, Z(2) = A(1)·Θ(1)ᵀ and Δ(1) = D(2)ᵀ·A(1): one matrix product instead ' +
      'of m small ones, which can be computed tile by tile, using every number fetched from memory several times; ' +
      'in Octave or numpy that product runs in BLAS, compiled and tuned for the processor, which is why vectorized ' +
      'code is the fast one there too. The fast version adds more than BLAS would: it skips the input pixels that ' +
      'are 0 (sparsity), computes in WebAssembly with SIMD instructions that handle two numbers at once, and ' +
      'splits the examples across threads. Adding the same numbers in another order changes only the last digits ' +
      'of the result, so training follows the same path and only the time per evaluation of J differs; under the ' +
      'chart, the number of digits your three curves agree to is counted from their largest difference.',
  },
  {
    id: 'overfit-vs-regularized',
    title: 'Overfitting and λ',
    question: 'How does λ keep a network honest?',
    text:
      'Two networks with the same architecture, data and random start, one trained with λ = 0 and one with ' +
      'λ = 1, on 300 training examples with Θ₀ drawn from [−2, 2]. The regularization term λ/(2m)·ΣΘ² (bias ' +
      'weights left out) makes large weights costly, so the network cannot bend itself around every training ' +
      'example, and it decays whatever part of the random start the examples do not pin down. Without it, the ' +
      'network drives the training error to 0 while the validation error stays high: it has memorized the ' +
      'examples, noise included, instead of learning the digits, which is called overfitting. The table below ' +
      'gives both accuracies of each λ on seeds 1–5 with these settings, and the paired test on them; your own runs ' +
      'are judged by the same test once they finish. Watch the dashed ' +
      'validation cost of the λ = 0 run turn up while its training cost keeps falling, and compare the hidden-unit ' +
      'images of the two. A λ that is too large fails the other way: both errors stay high (underfitting).',
  },
  {
    id: 'validation-curve',
    title: 'Choosing λ',
    question: 'Which λ should I use?',
    text:
      'The same network trained once for each λ from 0 to 10, each run judged on the training set it learned from ' +
      'and on a validation set it never saw. Error here means the fraction of digits classified wrongly, 1 − accuracy ' +
      '(exercise 5 plots the unregularized cost J instead; the two curves tell the same story). As λ grows the ' +
      'training error rises, because the weights are held back, while the validation error usually falls at first ' +
      'and rises again once the network is too constrained. Choose the λ with the lowest validation error (on a tie, ' +
      'the larger λ, the simpler model), and report the result on the test set, which played no part in the choice. ' +
      'Each λ is trained from 3 seeds by default and drawn as their mean with a ± 1 sd bar, because the seed can ' +
      'matter as much as λ here: compare the gaps between your means with the bars, since only differences ' +
      'larger than the bars say something about λ.',
  },
  {
    id: 'learning-curve',
    title: 'Learning curve',
    question: 'Would more data help?',
    text:
      'The same network and λ trained on growing training sets of m examples, each judged on its own training set ' +
      'and on a validation set. With few examples the network fits them easily, so the training error is low and ' +
      'the validation error high; as m grows the training error rises and the validation error falls. If both end ' +
      'up high and close together, the model is too simple (high bias): more data will not help, while more hidden ' +
      'units or a smaller λ might. If a wide gap remains, the model overfits (high variance), and more data or a ' +
      "larger λ should narrow it. With several seeds per point only the initial Θ changes between a point's runs, " +
      'never the data; the bars are ± 1 sd over those seeds. Under the chart this test is applied to your own ' +
      'points, its rule and thresholds written beside the answer.',
  },
  {
    id: 'stuck',
    title: 'Will the optimizer get stuck?',
    question: 'Is my network stuck in a bad local minimum?',
    text:
      'The cost J(Θ) of a network with a hidden layer is not convex, so different random starts Θ₀ can end in ' +
      'different minima. Here N seeds of the same network train to convergence (until J falls by less than 0.1 % ' +
      'over 50 iterations, or the optimizer stops by itself), drawn as cost curves together with the spread of ' +
      'their final J. For each pair of minima the lab computes J along the straight line between them: the barrier ' +
      'is the highest J on that line minus the mean of its two ends. Part of a barrier is only a relabelling: ' +
      'swapping two hidden units together with their outgoing weights gives another Θ with exactly the same J, so ' +
      'each minimum has H! copies for H hidden units, and matching the units of one network to the other before ' +
      'drawing the line removes that part. The verdict compares the largest barrier left with 5 % of the mean ' +
      'final J, and the panel below measures how sharp the minima of λ = 0 and λ = 1 are, one reason λ helps on new data.',
  },
  {
    id: 'training-evolution',
    title: 'Inside the hidden layer',
    question: 'What is the hidden layer doing?',
    text:
      'Snapshots of the hidden layer taken while the network trained, from the random start to the end. Each small ' +
      'square is one hidden unit: its incoming weights from Θ(1), one per input pixel, drawn where that pixel is, ' +
      'white for the most positive weight, black for the most negative and grey near 0. At the start they are random ' +
      'noise; as the cost J falls, each unit becomes a detector for some pattern of strokes, and the output layer ' +
      'combines these detectors into digits. Follow the cost curve alongside to see when the features form.',
  },
  {
    id: 'traps',
    title: 'Traps',
    question: 'Why does my network not learn?',
    text:
      'Three traps, each a few small runs on the digits that differ in one setting, with the symptom read off ' +
      'the training health the lab records at every snapshot. Vanishing gradients: in a deep sigmoid network ' +
      'δ(l) = (Θ(l)ᵀδ(l+1)) .* g′(z(l)) is multiplied by a g′ of at most 0.25 at each layer on its way back, so ' +
      "the first hidden layer's bias gradient ‖∂J/∂b‖, how fast that layer learns, is many times smaller than " +
      "the last's; the per-layer start √6/√(L_in + L_out), tanh and ReLU change that ratio. Saturation: a start " +
      'drawn from a wide [−ε, ε] puts z far from 0, where g′(z) is nearly 0, so the units barely learn and J ' +
      'falls slowly. A learning rate η too large for SGD makes each step overshoot: J jumps up or swings from ' +
      'epoch to epoch, or grows until it is not a number, and the lab names which from the curve.',
  },
  {
    id: 'draw',
    title: 'Draw a digit',
    question: 'What does the network make of my own handwriting?',
    text:
      'Draw a digit and a trained network reads it as you draw. First the drawing is prepared the way MNIST ' +
      'prepared its digits: the ink is cropped, scaled to fit a 20×20 box keeping its proportions, and placed on ' +
      'a 28×28 field with its centre of mass in the middle, because the network has only ever seen digits like that. ' +
      'Then comes the forward pass: a(1) is the 784 pixels, a(2) = g(Θ(1)·[1; a(1)]) the hidden units, which light ' +
      'up as you draw, and a(3) = g(Θ(2)·[1; a(2)]) the ten output units. The prediction is the digit whose output ' +
      'unit is largest; the outputs are ten separate sigmoid units, not probabilities, so they need not add up to 1.',
  },
];

/** The description of one lesson; throws naming the known lessons if `id` is not one of them. */
export function lessonDescription(id: LessonId): LessonDescription {
  const lesson = LESSONS.find((l) => l.id === id);
  if (!lesson) throw new Error(`unknown lesson '${String(id)}': expected one of ${LESSON_IDS.join(', ')}`);
  return lesson;
}
