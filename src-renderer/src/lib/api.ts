/**
 * The lab's API for the views, the same in the desktop app and in a browser:
 *
 *   import { api, ApiError } from '../lib/api';
 *   const runs = await api.runs.list({ status: 'finished', sort: 'testAccuracy' });
 *   const off = api.on('run.progress', ({ runId, iteration, cost }) => …);   // off() to stop
 *   try { await api.runs.rename(id, name) } catch (e) { if (e instanceof ApiError) show(e.message) }
 *
 * Every method's arguments and result are typed from src-main/api/table.ts. Failures throw ApiError
 * with `code` ('invalid-argument', 'not-found', 'unreachable', …), a one-line `message`, and `path`.
 */
import { createClient, type ApiClient } from '../../../src-main/api/transport/client';
import { chooseTransport, type LabTransport } from './transport';

import { ApiError } from '../../../src-main/api/errors';
export { ApiError };
export type { ApiErrorCode } from '../../../src-main/api/errors';
export type * from '../../../src-main/api/table';

const transport: LabTransport = chooseTransport();

export const api: ApiClient = createClient(transport);

/** 'electron' in the desktop app, 'web' when served by the localhost host. */
export const shell = transport.kind;

/** A path the API can read for a dropped or chosen File (its own, or an uploaded copy's); throws ApiError. */
export async function placeFile(file: File): Promise<string> {
  const result = await transport.placeFile(file);
  if (!result.ok) throw new ApiError(result.error);
  return result.value.path;
}

/**
 * Tells when the event stream breaks (false) and comes back (true); after a break, reload what is
 * shown, since events sent meanwhile were lost. Returns the unsubscribe function.
 */
export const onConnectionChange = (listener: (connected: boolean) => void): (() => void) =>
  transport.onConnectionChange(listener);
