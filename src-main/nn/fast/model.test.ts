/**
 * The fast cost for every ModelChoice (cost × hidden activation): J and the full gradient against an
 * independent numpy computation, on both kernels and both input layouts, full evaluations and
 * mini-batches; the same bits with 1 and 2 threads and with either layout; predictions with each
 * activation against a plain forward pass.
 */
import { describe, expect, it } from 'vitest';
import { createFastCost, type FastCostOptions } from './index';
import { predictFast } from './predict';
import { evaluateFast, firstMismatch, makeExamples, makeTheta } from './test-data';
import { ACTIVATIONS, COSTS, NG_MODEL, type HiddenActivation, type ModelChoice } from '../model';
import { parameterCount, thetaLayout, type LayerSizes } from '../shape';
import type { Examples } from '../cost';

const MODELS: ModelChoice[] = COSTS.flatMap((cost) => ACTIVATIONS.map((activation) => ({ cost, activation })));

/** The 4-3-3-2 network of the numpy literals: two hidden layers, so both the first and a later hidden layer use g. */
const SIZES = [4, 3, 3, 2];
const M = 6;

/** x(k) = 0 when k % 3 = 0, else (13k mod 17)/16 (exact binary fractions); labels i mod 2. */
function literalExamples(): Examples {
  const n = SIZES[0];
  const X = Float64Array.from({ length: M * n }, (_, k) => (k % 3 === 0 ? 0 : ((k * 13) % 17) / 16));
  return { X, y: Uint8Array.from({ length: M }, (_, i) => i % 2), m: M, n };
}

/** Θᵢ = ((29i mod 23) − 9)/12, Ng's unrolled order (each Θ(l) row by row, bias column first). */
function literalTheta(): Float64Array {
  return Float64Array.from({ length: parameterCount(SIZES) }, (_, i) => (((i * 29) % 23) - 9) / 12);
}

/*
 * J and ∇J from numpy (python3, float64), vectorized over the 6 examples: A(l+1) = [1, g(A(l)·Θ(l)ᵀ)],
 * output sigmoid; J = mean over examples of Σ −y log h − (1−y) log(1−h), or Σ ½‖h − y‖²/m; δ(L) = h − y or
 * (h − y)·h(1 − h); δ(l) = (δ(l+1)·Θ(l))[:, 1:]·g′(Z(l)) with g′ = σ(1 − σ), 1 − tanh², (z > 0);
 * D = δᵀA/m plus (λ/m)Θ outside the bias column; printed with repr. No z is exactly 0 for ReLU.
 */
const LITERALS: Record<string, { J: number; grad: number[] }> = {
  'cross-entropy sigmoid 0': {
    J: 1.3910943888087288,
    grad: [
      0.0002302421151174817, 2.12147835123337e-5, 0.00044451699748343157, 0.0002231305929594165, 5.157209238706597e-5,
      -0.00020557973875674364, -7.60280022136573e-6, -0.00033123808331444077, -0.00018615071889090367,
      -2.822878706997338e-5, -0.0006848878368572985, -2.3586510228057996e-5, -0.001172005375911502,
      -0.0005376751920956896, -0.00010799482083232966, 0.0008062690566866864, 0.00018831740207122705,
      0.0002033519498959628, 0.0006245317543718229, -0.0007932267045098873, -0.00047408729479182717,
      -0.0005984506850667412, -0.0002871672561545856, -0.0034073427938422114, -0.0016638607918725463,
      -0.002047205359799484, -0.0016630255310548755, -0.04091918881778103, -0.033242424428960506, -0.03429446581874549,
      -0.0194332932527809, 0.02186576322019131, 0.018623074261188786, 0.01900690609169572, 0.01134973586677862,
    ],
  },
  'cross-entropy sigmoid 3': {
    J: 3.208802722142062,
    grad: [
      0.0002302421151174817, -0.12497878521648767, 0.12544451699748344, 0.3752231305929594, -0.3332817612409463,
      -0.00020557973875674364, 0.1666590638664453, 0.41633542858335226, -0.2918528173855576, -0.04169489545373664,
      -0.0006848878368572985, 0.45830974682310527, -0.2511720053759115, -0.0005376751920956896, 0.24989200517916768,
      0.0008062690566866864, -0.2081450159312621, 0.04187001861656263, 0.2922911984210385, -0.0007932267045098873,
      -0.16714075396145847, 0.08273488264826659, 0.33304616607717874, -0.0034073427938422114, -0.12666386079187256,
      0.12295279464020052, 0.37333697446894515, -0.04091918881778103, -0.11657575776229384, 0.13237220084792117,
      0.39723337341388576, 0.02186576322019131, -0.02304359240547788, 0.22734023942502907, 0.46968306920011194,
    ],
  },
  'cross-entropy tanh 0': {
    J: 1.517742428715226,
    grad: [
      0.047333790322429466, 0.004351094852859823, 0.02835368671841544, 0.027717632043334665, 0.011832736765839048,
      -0.05096970534741236, -0.005238828392605914, -0.02820185501810271, -0.02587641260952386, -0.014390962887745063,
      -0.14271490747846202, -0.010600568435807775, -0.09556028191464604, -0.06921304061645453, -0.03375792879808775,
      0.010754241229813576, -0.0028053988000735406, 0.00011837129815752887, 0.0022298638165171754,
      -0.030050180588095377, 0.005797161390041485, -0.003849265463461383, -0.0037234207015633194, -0.22764354927942762,
      0.0924857998014248, 0.004507946297278484, -0.07902737178910395, -0.186867629433669, -0.16640379364380634,
      -0.1687152937988422, 0.05126335634584808, -0.14188672403467475, -0.11204667447114884, -0.1170548216529936,
      0.07731887399674842,
    ],
  },
  'cross-entropy tanh 3': {
    J: 3.335450762048559,
    grad: [
      0.047333790322429466, -0.12064890514714018, 0.15335368671841543, 0.40271763204333466, -0.32150059656749425,
      -0.05096970534741236, 0.16142783827406074, 0.38846481164856395, -0.3175430792761905, -0.05605762955441173,
      -0.14271490747846202, 0.44773276489752556, -0.34556028191464605, -0.06921304061645453, 0.21624207120191224,
      0.010754241229813576, -0.2111387321334069, 0.04178503796482419, 0.29389653048318387, -0.030050180588095377,
      -0.16086950527662516, 0.07948406786987194, 0.32960991263177, -0.22764354927942762, -0.032514200198575205,
      0.1295079462972785, 0.29597262821089604, -0.186867629433669, -0.24973712697713968, -0.0020486271321755456,
      0.46793002301251474, -0.14188672403467475, -0.1537133411378155, 0.09127851168033975, 0.5356522073300818,
    ],
  },
  'cross-entropy relu 0': {
    J: 1.4120355875868367,
    grad: [
      0.00689908448844568, 0.0, 0.00689908448844568, 0.0051743133663342605, 0.0, -0.005438529722956182,
      -0.00017458841851916812, -0.005168637418411758, -0.0020631208024810316, -0.0010475305111150087,
      -0.017748155478180722, -0.005510342480546372, -0.006998672176292398, -0.013484507601880186, -0.01242918221980619,
      0.01849867300953474, -0.0001907881888029079, -0.0007249122852951443, 0.010481962195150645, -0.042776702874885074,
      -0.0010550931055799304, -0.01264668999925226, -0.012023517830410217, -0.01740834982955424, 0.0, 0.0,
      -0.017680355295641027, -0.09943332434557732, -0.14551298615218486, -0.15748343112598637, 0.0008142620102110206,
      -0.023117427423262338, -0.004560867834821135, -0.008684912617805388, -0.0009627881178992065,
    ],
  },
  'cross-entropy relu 3': {
    J: 3.2297439209201704,
    grad: [
      0.00689908448844568, -0.125, 0.13189908448844567, 0.3801743133663343, -0.3333333333333333, -0.005438529722956182,
      0.1664920782481475, 0.4114980292482549, -0.29372978746914774, -0.042714197177781674, -0.017748155478180722,
      0.45282299085278693, -0.2569986721762924, -0.013484507601880186, 0.23757081778019382, 0.01849867300953474,
      -0.20852412152213626, 0.04094175438137152, 0.3021486288618173, -0.042776702874885074, -0.1677217597722466,
      0.07068664333408106, 0.3213098155029231, -0.01740834982955424, -0.125, 0.125, 0.35731964470435895,
      -0.09943332434557732, -0.2288463194855182, 0.00918323554068029, 0.4174809286768777, -0.023117427423262338,
      -0.046227534501487796, 0.19964842071552796, 0.45737054521543413,
    ],
  },
  'quadratic sigmoid 0': {
    J: 0.2511981251227153,
    grad: [
      5.756882497899932e-5, 5.3585116637448995e-6, 0.00011210887683212788, 5.578075409042067e-5, 1.3017329910605534e-5,
      -5.134957553891401e-5, -1.9374384806383356e-6, -8.391333877679597e-5, -4.653962423667931e-5,
      -7.155838762886607e-6, -0.00017144460831677475, -6.01204034446962e-6, -0.00029642966923535324,
      -0.00013434777952165425, -2.7403132919265013e-5, 0.00020108555628112968, 4.7153563053298844e-5,
      5.1212512642317746e-5, 0.00015546363408612123, -0.0001986547004545286, -0.00011882564408959526,
      -0.0001506347328509531, -7.158346079158774e-5, -0.0008516019184000791, -0.0004166501921967418,
      -0.0005152090161652359, -0.0004138477073344098, -0.010190478439091337, -0.008277909356952714,
      -0.008540100659881566, -0.004838957794950196, 0.0054312339211202735, 0.0046273308724705245, 0.004722318122727993,
      0.0028207706135008645,
    ],
  },
  'quadratic sigmoid 3': {
    J: 2.068906458456049,
    grad: [
      5.756882497899932e-5, -0.12499464148833625, 0.12511210887683213, 0.3750557807540904, -0.3333203160034227,
      -5.134957553891401e-5, 0.166664729228186, 0.4165827533278899, -0.29171320629090336, -0.04167382250542955,
      -0.00017144460831677475, 0.45832732129298887, -0.2502964296692354, -0.00013434777952165425, 0.24997259686708073,
      0.00020108555628112968, -0.20828617977028005, 0.041717879179308984, 0.2918221303007528, -0.0001986547004545286,
      -0.16678549231075626, 0.08318269860048237, 0.3332617498725417, -0.0008516019184000791, -0.12541665019219675,
      0.12448479098383476, 0.37458615229266556, -0.010190478439091337, -0.09161124269028605, 0.1581265660067851,
      0.4118277088717165, 0.0054312339211202735, -0.03703933579419614, 0.21305565145606134, 0.4611541039468342,
    ],
  },
  'quadratic tanh 0': {
    J: 0.2803973764245657,
    grad: [
      0.010174528111823882, 0.0010251249577483239, 0.005964602732405652, 0.00592173970036836, 0.0027518220400483593,
      -0.010966839186833966, -0.0011992662068702126, -0.006009848560979984, -0.0055282359520724, -0.003281835972940261,
      -0.030746823656195788, -0.0024435213384661415, -0.020550443561618073, -0.014471398174586753,
      -0.007794761533463915, 0.0022570223724121, -0.000620151090371968, 1.1478121225370726e-5, 0.0005020126564508116,
      -0.006317841165946994, 0.0013133382992298545, -0.0008037572933379529, -0.0008613814255972761,
      -0.04973545881903287, 0.02097352409070446, 0.0010442686465534613, -0.017928873290350856, -0.04053300892734369,
      -0.036257280721946145, -0.03673578132102228, 0.01036599743799715, -0.030409081088818946, -0.0241318743011609,
      -0.025186266190964327, 0.016512602118745546,
    ],
  },
  'quadratic tanh 3': {
    J: 2.098105709757899,
    grad: [
      0.010174528111823882, -0.12397487504225167, 0.13096460273240565, 0.38092173970036836, -0.33058151129328495,
      -0.010966839186833966, 0.16546740045979644, 0.4106568181056867, -0.2971949026187391, -0.044948502639606924,
      -0.030746823656195788, 0.45588981199486717, -0.27055044356161806, -0.014471398174586753, 0.24220523846653608,
      0.0022570223724121, -0.20895348442370532, 0.04167814478789204, 0.2921686793231175, -0.006317841165946994,
      -0.1653533283674368, 0.08252957603999538, 0.33247195190773604, -0.04973545881903287, -0.10402647590929553,
      0.12604426864655346, 0.35707112670964913, -0.04053300892734369, -0.11959061405527947, 0.12993088534564437,
      0.42703266410466384, -0.030409081088818946, -0.06579854096782756, 0.183147067142369, 0.47484593545207887,
    ],
  },
  'quadratic relu 0': {
    J: 0.2563423471100291,
    grad: [
      0.0017341643188546457, 0.0, 0.0017341643188546457, 0.0013006232391409842, 0.0, -0.001359705467455792,
      -4.513720952948404e-5, -0.00129738865104516, -0.0005060901888863718, -0.00027082325717690424,
      -0.004537381628084626, -0.0014560568522592448, -0.0017094969880821198, -0.0035411091624966903,
      -0.0032553459382841047, 0.0044591710864196644, -4.0232415159407615e-5, -0.00013006409413811773,
      0.0024988368356617737, -0.010327246445991771, -0.00027486529083598654, -0.0032457528700691653,
      -0.0027586474214931545, -0.004748177033208769, 0.0, 0.0, -0.0048223672993526565, -0.02393721797221311,
      -0.035042688103898996, -0.037931362276487246, 0.00019794281752443543, -0.005635617092609765,
      -0.0009876326605293122, -0.0019979957281367274, -0.0002406491427763034,
    ],
  },
  'quadratic relu 3': {
    J: 2.0740506804433627,
    grad: [
      0.0017341643188546457, -0.125, 0.12673416431885465, 0.376300623239141, -0.3333333333333333, -0.001359705467455792,
      0.16662152945713718, 0.4153692780156215, -0.29217275685555305, -0.041937489923843566, -0.004537381628084626,
      0.45687727648107407, -0.2517094969880821, -0.0035411091624966903, 0.2467446540617159, 0.0044591710864196644,
      -0.20837356574849275, 0.041536602572528544, 0.29416550350232845, -0.010327246445991771, -0.16694153195750264,
      0.08008758046326417, 0.33057468591184014, -0.004748177033208769, -0.125, 0.125, 0.37017763270064735,
      -0.02393721797221311, -0.11837602143723233, 0.1287353043901794, 0.41686460948419113, -0.005635617092609765,
      -0.04265429932719598, 0.20633533760519662, 0.458092684190557,
    ],
  },
};

const VARIANTS: { name: string; options: FastCostOptions }[] = [
  { name: 'js kernel', options: { kernel: 'js' } },
  { name: 'wasm, sparse inputs', options: { kernel: 'wasm', threads: 1, layout: 'sparse' } },
  { name: 'wasm, dense inputs', options: { kernel: 'wasm', threads: 1, layout: 'dense' } },
  { name: 'wasm, 2 threads', options: { kernel: 'wasm', threads: 2 } },
];

describe.each(VARIANTS)('the fast cost of every model ($name)', ({ options }) => {
  for (const model of MODELS) {
    for (const lambda of [0, 3]) {
      const name = `${model.cost} ${model.activation} ${lambda}`;
      it(`matches numpy's J and gradient: ${model.cost}, ${model.activation} hidden units, λ = ${lambda}`, () => {
        const expected = LITERALS[name];
        const theta = literalTheta();
        const all = Uint32Array.from({ length: M }, (_, i) => i);
        // Full evaluation (blocks) and the same examples as a mini-batch (example by example).
        for (const rows of [undefined, all]) {
          const { J, grad, layout } = evaluateFast(
            SIZES,
            literalExamples(),
            lambda,
            theta,
            { ...options, ...model },
            rows,
          );
          if (options.layout) expect(layout).toBe(options.layout);
          expect(Math.abs(J - expected.J) / expected.J).toBeLessThan(1e-12);
          expect(firstMismatch(grad, Float64Array.from(expected.grad), 1e-12)).toBe(-1);
        }
      });
    }
  }
});

describe('the fast cost of every model, thread counts and input layouts', () => {
  const sizes = [30, 7, 6, 5];
  const theta = makeTheta(sizes);
  // 300 rows make 2 jobs, as 700 examples (11 blocks) do: the threads really share the work.
  const rows = Uint32Array.from({ length: 300 }, (_, i) => (i * 37) % 700);
  for (const model of MODELS) {
    it(`gives the same bits with 1 and 2 threads, sparse and dense: ${model.cost}, ${model.activation}`, () => {
      for (const kind of ['sparse', 'dense'] as const) {
        const examples = makeExamples(sizes, 700, kind);
        for (const batch of [undefined, rows]) {
          const results = [
            { kernel: 'wasm', threads: 1, layout: 'sparse' },
            { kernel: 'wasm', threads: 2, layout: 'sparse' },
            { kernel: 'wasm', threads: 1, layout: 'dense' },
            { kernel: 'wasm', threads: 2, layout: 'dense' },
          ].map((options) =>
            evaluateFast(sizes, examples, 1.5, theta, { ...(options as FastCostOptions), ...model }, batch),
          );
          for (const other of results.slice(1)) {
            expect(other.J).toBe(results[0].J);
            expect(Array.from(other.grad)).toEqual(Array.from(results[0].grad));
          }
          // The JavaScript kernel sums in another order (and uses Math.tanh): equal to rounding.
          const js = evaluateFast(sizes, examples, 1.5, theta, { kernel: 'js', ...model }, batch);
          expect(Math.abs(js.J - results[0].J) / results[0].J).toBeLessThan(1e-12);
          expect(firstMismatch(js.grad, results[0].grad, 1e-10)).toBe(-1);
        }
      }
    });
  }

  it("keeps Ng's bits: the default, NG_MODEL and { cost, activation } spelled out are one model", () => {
    const examples = makeExamples(sizes, 700, 'sparse');
    const asDefault = evaluateFast(sizes, examples, 1.5, theta, { kernel: 'wasm', threads: 2 });
    const spelled = { kernel: 'wasm', threads: 2, cost: 'cross-entropy', activation: 'sigmoid' } as const;
    for (const options of [{ ...NG_MODEL, kernel: 'wasm', threads: 2 } as const, spelled]) {
      const other = evaluateFast(sizes, examples, 1.5, theta, options);
      expect(other.J).toBe(asDefault.J);
      expect(Array.from(other.grad)).toEqual(Array.from(asDefault.grad));
    }
    // A model passed as the 4th argument is an options object of its own.
    const f = createFastCost(sizes, examples, 1.5, { cost: 'quadratic', activation: 'relu' });
    const grad = new Float64Array(theta.length);
    const quadraticRelu = evaluateFast(sizes, examples, 1.5, theta, {
      kernel: 'wasm',
      cost: 'quadratic',
      activation: 'relu',
    });
    expect(f.evaluate(theta, grad)).toBe(quadraticRelu.J);
    f.dispose();
    expect(quadraticRelu.J).not.toBe(asDefault.J);
  });

  it('refuses a cost or an activation it does not know, naming the choices', () => {
    const examples = makeExamples(sizes, 5, 'sparse');
    expect(() => createFastCost(sizes, examples, 1, { cost: 'hinge' as 'quadratic' })).toThrow(
      "fast cost: unknown cost 'hinge': expected cross-entropy or quadratic",
    );
    expect(() => createFastCost(sizes, examples, 1, { activation: 'softplus' as 'relu' })).toThrow(
      "fast cost: unknown hidden activation 'softplus': expected sigmoid, tanh, relu",
    );
  });
});

/** A plain forward pass, unit by unit, with Math.tanh: the reference for the kernel's predictions. */
function referenceClasses(theta: Float64Array, sizes: LayerSizes, examples: Examples, g: HiddenActivation) {
  const blocks = thetaLayout(sizes);
  const hidden = {
    sigmoid: (z: number) => 1 / (1 + Math.exp(-z)),
    tanh: Math.tanh,
    relu: (z: number) => Math.max(0, z),
  };
  const classes = new Uint8Array(examples.m);
  for (let i = 0; i < examples.m; i++) {
    let a = Array.from(examples.X.subarray(i * examples.n, (i + 1) * examples.n));
    blocks.forEach(({ rows, cols, offset }, l) => {
      const last = l === blocks.length - 1;
      a = Array.from({ length: rows }, (_, r) => {
        let z = theta[offset + r * cols];
        for (let c = 1; c < cols; c++) z += theta[offset + r * cols + c] * a[c - 1];
        return last ? hidden.sigmoid(z) : hidden[g](z);
      });
    });
    classes[i] = a.indexOf(Math.max(...a));
  }
  return classes;
}

describe('predictFast with each hidden activation', () => {
  const sizes = [30, 7, 6, 5];
  const examples = makeExamples(sizes, 400, 'sparse');
  const theta = makeTheta(sizes, 1.5);
  it('gives the classes of a plain forward pass, and the activations give different classes', () => {
    const byActivation = ACTIVATIONS.map((g) => {
      const classes = predictFast(theta, sizes, examples, g);
      expect(Array.from(classes)).toEqual(Array.from(referenceClasses(theta, sizes, examples, g)));
      return Array.from(classes).join('');
    });
    expect(new Set(byActivation).size).toBe(3);
    expect(Array.from(predictFast(theta, sizes, examples))).toEqual(
      Array.from(predictFast(theta, sizes, examples, 'sigmoid')),
    );
  });
});
