/**
 * What a network is made of beyond its layer sizes: the cost J it is trained on and its hidden units'
 * activation (the output units stay sigmoid). The default, cross-entropy with sigmoid hidden units, is
 * Ng's exercise 4 and gives exactly the bits it always has.
 */
export const COSTS = ['cross-entropy', 'quadratic'] as const;
export type CostName = (typeof COSTS)[number];

export const ACTIVATIONS = ['sigmoid', 'tanh', 'relu'] as const;
export type HiddenActivation = (typeof ACTIVATIONS)[number];

/** The cost and the hidden activation of one network. */
export interface ModelChoice {
  readonly cost: CostName;
  readonly activation: HiddenActivation;
}

/** Ng's exercise 4: cross-entropy J, sigmoid hidden units. */
export const NG_MODEL: ModelChoice = { cost: 'cross-entropy', activation: 'sigmoid' };
