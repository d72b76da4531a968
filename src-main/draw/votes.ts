/**
 * "Why this answer?": which hidden units voted for a class. The output unit k adds up its inputs,
 * z(L)ₖ = Θ(L−1)[k, bias]·1 + Σⱼ Θ(L−1)[k, unit j]·a(L−1)ⱼ, so each term Θ(L−1)ₖⱼ·a(L−1)ⱼ is one hidden
 * unit's vote: positive votes for class k, negative against. The votes and the bias add up to z
 * exactly; the sum is kept so the view can show that check. Pure, so the drawing pad runs it live.
 */
import { thetaLayout, type LayerSizes } from '../nn/shape';

/** One hidden unit's vote for a class: its activation a(L−1)ⱼ times its weight Θ(L−1)ₖⱼ. */
export interface Vote {
  /** Hidden unit, from 0. */
  readonly unit: number;
  readonly activation: number;
  readonly weight: number;
  /** weight · activation. */
  readonly contribution: number;
}

/** Class k's z(L) taken apart into the bias and the hidden units' votes. */
export interface ClassVotes {
  readonly cls: number;
  /** Θ(L−1)[k, bias]: the bias unit's vote (its activation is always 1). */
  readonly bias: number;
  /** Every hidden unit's vote, largest |contribution| first: the strongest for or against the class lead. */
  readonly votes: Vote[];
  /** bias + Σ votes, added in unit order as the forward pass adds them. */
  readonly sum: number;
  /** g(sum) = h(x)ₖ, the output unit's activation. */
  readonly h: number;
}

/**
 * The votes of the last hidden layer's units a(L−1) (activations without the bias) for output class
 * `cls` of the network Θ of `sizes`.
 */
export function classVotes(theta: Float64Array, sizes: LayerSizes, hidden: ArrayLike<number>, cls: number): ClassVotes {
  const L = sizes.length;
  if (L < 3) throw new Error(`a ${sizes.join('-')} network has no hidden layer to vote`);
  const s = sizes[L - 2];
  if (hidden.length !== s) throw new Error(`the last hidden layer has ${s} units, got ${hidden.length} activations`);
  const K = sizes[L - 1];
  if (!Number.isInteger(cls) || cls < 0 || cls >= K) throw new Error(`class must be 0…${K - 1}, got ${cls}`);
  const { cols, offset } = thetaLayout(sizes)[L - 2];
  const row = offset + cls * cols;
  const bias = theta[row];
  let sum = bias;
  const votes: Vote[] = [];
  for (let j = 0; j < s; j++) {
    const weight = theta[row + j + 1];
    const contribution = weight * hidden[j];
    sum += contribution;
    votes.push({ unit: j, activation: hidden[j], weight, contribution });
  }
  votes.sort((p, q) => Math.abs(q.contribution) - Math.abs(p.contribution) || p.unit - q.unit);
  return { cls, bias, votes, sum, h: 1 / (1 + Math.exp(-sum)) };
}
