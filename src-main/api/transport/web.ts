/**
 * How the renderer reaches the localhost web host: the names both sides share, safe to bundle into
 * the browser (no Node imports).
 */

/** Requests go to POST `${API_PATH_PREFIX}<channel>`. */
export const API_PATH_PREFIX = '/api/';
/** The WebSocket of events. */
export const EVENTS_PATH = '/events';
/** The WebSocket subprotocol the renderer offers and the host answers with. */
export const EVENTS_PROTOCOL = 'backprop-lab.v1';
/** Browsers can't set headers on a WebSocket, so the token travels as a second subprotocol "token.<token>". */
export const TOKEN_PROTOCOL_PREFIX = 'token.';
/** The query parameter of the URL the host prints. */
export const TOKEN_PARAM = 'token';
