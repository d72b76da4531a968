/**
 * The quadratic cost, tanh and ReLU pinned on Ng's debug network (nn/debug-network.ts) to literals
 * computed independently in python3 with numpy, in these steps: the network forward in matrix form, J = (1/m)·ΣΣ −Y·log H − (1−Y)·log(1−H) or 1/(2m)·ΣΣ (H − Y)², plus
 * λ/(2m)·Σ Θ² without bias columns; D3 = H − Y or (H − Y)·H·(1 − H); D2 = (D3·Θ2[:, 1:])·g′(Z2) with
 * g′ = 1 − tanh² or [Z2 > 0]; ∇ = Dᵀ·A/m + (λ/m)·Θ outside the bias column, unrolled row-major.
 *
 *   T1, T2 = dbg(5, 3), dbg(3, 5); X = dbg(5, 2); y = [1, 2, 0, 1, 2]   (dbg = reshape(sin(1:n), order='F')/10)
 */
import { describe, expect, it } from 'vitest';
import { debugNetwork } from './debug-network';
import { checkGradients } from './gradcheck';
import { createCostFunction } from './implementations';
import { createLoopCost } from './loop';
import { ACTIVATIONS, COSTS, type ModelChoice } from './model';
import { createVectorizedCost } from './vectorized';

interface Pinned {
  readonly model: ModelChoice;
  readonly lambda: number;
  readonly J: number;
  readonly grad: readonly number[];
}

const PINNED: readonly Pinned[] = [
  {
    model: { cost: 'quadratic', activation: 'sigmoid' },
    lambda: 0,
    J: 0.3803757909491572,
    grad: [
      -0.0023179788745991054, -7.649815166142533e-7, -4.3762580846074965e-5, -2.4062597132003262e-5,
      0.002223349108467806, 3.5738438087013264e-6, 5.827929337551814e-5, 2.9489419643602685e-5, -0.0020887752995451016,
      -6.48608798560603e-6, -7.18550828995539e-5, -3.427905171825148e-5, 0.0019059906263691165, 9.247955998699e-6,
      8.381344948971822e-5, 3.8301456508231395e-5, -0.00168618092864144, -1.171930853063268e-5, -9.403312897959305e-5,
      -4.162797721396092e-5, 0.07856980034131042, 0.04098804347826508, 0.04110721953441639, 0.03955138537909124,
      0.037749958428668684, 0.03736049121323164, 0.027750576057149, 0.01438637798696112, 0.01443962354057395,
      0.013974048116339491, 0.013417612464560061, 0.013282055240710874, 0.02434951640512552, 0.012614055739122599,
      0.012687911683829087, 0.012290188992664116, 0.011786087653315219, 0.01163961504207776,
    ],
  },
  {
    model: { cost: 'cross-entropy', activation: 'tanh' },
    lambda: 0,
    J: 2.117049098200276,
    grad: [
      -0.03871530298062352, -2.3328688601486393e-5, -0.0007437496751023241, -0.0003986186279526932, 0.0372400731411779,
      6.258244098379704e-5, 0.0009725414621399064, 0.0004891640322246178, -0.035326883287073826,
      -0.00011232291184984154, -0.0011966543294696372, -0.0005665682528329366, 0.03227451071964012,
      0.0001583221853823817, 0.0013849678128246771, 0.0006274038077817631, -0.028651126894658763,
      -0.00019397804285032515, -0.00154160508323852, -0.0006806120912149899, 0.3206519835251324, 0.027717102043074954,
      0.02965663135603751, 0.004357379104759999, -0.024986170379268716, -0.03130944290694836, 0.12303338004619532,
      0.009140693257497183, 0.010084895123968119, 0.0017597944232004344, -0.008188488452114876, -0.010600648378057697,
      0.10424377035157335, 0.0075751069483877, 0.008800977769286716, 0.0019493585308791878, -0.00671132249064748,
      -0.009182422440730458,
    ],
  },
  {
    model: { cost: 'cross-entropy', activation: 'relu' },
    lambda: 0,
    J: 2.116711774044204,
    grad: [
      -0.03892533711002517, -1.6779578755385854e-5, -0.0007439499159636632, -0.0004052813393194871,
      0.037472674562127634, 6.372624826525008e-5, 0.0009793512199479369, 0.0004918835665077673, -0.02447964602699952,
      -0.0011441103056822137, -0.001782168630214297, 0.00013304260866102988, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
      0.32073907571219246, 0.02779371453941542, 0.029754336550487297, 0.00462392502315773, 0.0, 0.0,
      0.12258517010306864, 0.00912232094403699, 0.010060842198427965, 0.0020154102529138422, 0.0, 0.0,
      0.10367121050794566, 0.007541676490626201, 0.008772494908091335, 0.0016853651242359079, 0.0, 0.0,
    ],
  },
  {
    model: { cost: 'quadratic', activation: 'relu' },
    lambda: 3,
    J: 0.429721263652721,
    grad: [
      -0.009714902545639356, -0.016769141314701752, -0.06018511838969322, -0.017375343114865018, 0.009352902139372309,
      0.03943513951359677, -0.031949866138864406, -0.05756107722201238, -0.006113776722469149, 0.05907619455789322,
      0.024765266485748116, -0.04502625532804022, 0.0, 0.024727109114505392, 0.05943644134169222, 0.00899263257977714,
      0.0, -0.032641266653362186, 0.03901727040942701, 0.05477671504365766, 0.08004716201716747, -0.03847164448731912,
      0.04684500618918622, -0.03148727848628679, 0.025210022209598455, -0.017274198999903918, 0.030583946358603686,
      -0.05525951408395914, 0.06187158534955003, -0.05949659004335725, 0.05943644134169222, -0.0576838495127734,
      0.025916403950032064, -0.014879611804218188, 0.026920114623622017, -0.031773056989334296, 0.03901727040942701,
      -0.045059234806300565,
    ],
  },
  {
    model: { cost: 'quadratic', activation: 'tanh' },
    lambda: 3,
    J: 0.4298055254704043,
    grad: [
      -0.009662321096385627, -0.016770754832924343, -0.06018501497762124, -0.01737367092845375, 0.009294658184040934,
      0.039434834453462596, -0.031951619296610105, -0.05756176677099342, -0.008817691992960782, 0.059333425191571865,
      0.02491128316390057, -0.04520064714164125, 0.008056383771723014, 0.024766673276638878, 0.05978222665975416,
      0.009149240855688745, -0.007152529956018462, -0.032689744000731956, 0.03863234460980807, 0.054606814603905256,
      0.08002680711552902, -0.03849064348500775, 0.04682072616281932, -0.03155380997444336, 0.018974083432366833,
      -0.02508823383049056, 0.030693095985525932, -0.05525509509214994, 0.06187738638970688, -0.05956041537092206,
      0.057393625962896336, -0.06032841023100438, 0.02605905971268697, -0.014871293964084499, 0.026927190751944424,
      -0.03170707082833554, 0.03733956467519558, -0.047354670444175545,
    ],
  },
];

describe.each(PINNED)(
  '$model.cost cost with $model.activation hidden units, λ = $lambda',
  ({ model, lambda, J, grad }) => {
    it.each([
      ['loop', createLoopCost],
      ['vectorized', createVectorizedCost],
    ] as const)('%s gives numpy’s J and gradient', (_name, create) => {
      const { sizes, theta, examples } = debugNetwork();
      const f = create(sizes, examples, lambda, model);
      const g = new Float64Array(theta.length);
      const cost = f.evaluate(theta, g);
      expect(cost).toBeCloseTo(J, 14);
      expect(g).toHaveLength(grad.length);
      g.forEach((v, i) => expect(v).toBeCloseTo(grad[i], 15));
    });
  },
);

describe('gradient checking passes for every cost and hidden activation', () => {
  const pairs = COSTS.flatMap((cost) => ACTIVATIONS.map((activation) => ({ cost, activation })));
  it.each(pairs.flatMap((model) => [0, 3].map((lambda) => ({ model, lambda }))))(
    '$model.cost, $model.activation, λ = $lambda: loop and vectorized below 1e-9',
    ({ model, lambda }) => {
      const { sizes, theta, examples } = debugNetwork();
      for (const impl of ['loop', 'vectorized'] as const) {
        const check = checkGradients(createCostFunction(impl, sizes, examples, lambda, model), theta);
        expect(check.relativeDifference).toBeLessThan(1e-9);
        expect(check.relativeDifference).toBeGreaterThan(0); // a real comparison, not two copies of one number
      }
    },
  );

  it.each(pairs)('$cost, $activation: fast gives vectorized’s J and gradient to 1e-12', (model) => {
    const { sizes, theta, examples } = debugNetwork();
    const [gFast, gVec] = [new Float64Array(theta.length), new Float64Array(theta.length)];
    const fast = createCostFunction('fast', sizes, examples, 3, model);
    const J = fast.evaluate(theta, gFast);
    fast.dispose();
    const vectorized = createCostFunction('vectorized', sizes, examples, 3, model);
    expect(Math.abs(J - vectorized.evaluate(theta, gVec))).toBeLessThan(1e-12);
    gFast.forEach((v, i) => expect(Math.abs(v - gVec[i])).toBeLessThan(1e-12));
    expect(gFast.some((v) => v !== 0)).toBe(true);
  });

  it('an unknown activation is refused, naming it', () => {
    const { sizes, examples } = debugNetwork();
    expect(() =>
      createCostFunction('loop', sizes, examples, 0, { cost: 'cross-entropy', activation: 'swish' as never }),
    ).toThrow("unknown hidden activation 'swish': expected sigmoid, tanh, relu");
  });
});
