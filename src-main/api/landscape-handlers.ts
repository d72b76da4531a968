/**
 * The cost-surface channels (landscape.*): J along a line, on a plane, on the training path's plane and
 * the barriers between seeds. The run's Θ come from the store here; the evaluations of J run where the
 * runner puts them (a worker thread in the shells), reporting progress as landscape.progress events.
 */
import { ApiError } from './errors';
import type { Implementations } from './implementations';

type LandscapeChannel =
  'landscape.line' | 'landscape.plane' | 'landscape.path' | 'landscape.barriers' | 'landscape.cancel';

/** The landscape channels (being built: each answers that it is not ready yet). */
export function landscapeImplementations(): Pick<Implementations, LandscapeChannel> {
  const notYet = (channel: string) => () => {
    throw new ApiError({ code: 'invalid-argument', message: `${channel}: not built yet` });
  };
  return {
    'landscape.line': notYet('landscape.line'),
    'landscape.plane': notYet('landscape.plane'),
    'landscape.path': notYet('landscape.path'),
    'landscape.barriers': notYet('landscape.barriers'),
    'landscape.cancel': () => false,
  };
}
