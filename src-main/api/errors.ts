/**
 * How a request's outcome travels: `{ ok: true, value }` or `{ ok: false, error }`, the same over IPC
 * and HTTP, so a failed request is data the renderer can show, never a crash or an opaque rejection.
 */

export const API_ERROR_CODES = [
  /** The channel is not in the table. */
  'unknown-channel',
  /** An argument is malformed; `path` names the argument and field. */
  'invalid-argument',
  /** A file path is not absolute or lies outside the allowed folders. */
  'forbidden-path',
  /** The run (or its snapshot, weights, file) does not exist. */
  'not-found',
  /** The run's status does not allow this (e.g. weights of an unfinished run). */
  'invalid-state',
  /** A database or data file cannot be used. */
  'unusable-file',
  /** An import folder is incomplete or malformed. */
  'invalid-import',
  /** The web host refused the request: missing or wrong token. */
  'unauthorized',
  /** The web host refused the request: wrong Host or Origin (DNS rebinding, another site), or a wrong method. */
  'forbidden',
  /** The request body is larger than the host accepts. */
  'too-large',
  /** The renderer could not reach the web host (stopped, or the network failed). */
  'unreachable',
  /** A bug or an unexpected failure; the message says what failed. */
  'internal',
  /** The database can only be read (read-only mount or permissions): browsing works, writing does not. */
  'read-only',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** A failure as data. */
export interface ApiErrorInfo {
  code: ApiErrorCode;
  /** One line for a person, naming the channel and what was wrong, e.g. "runs.get: id: expected an integer". */
  message: string;
  /** Argument name, then fields inside it, e.g. ["request", "hyperparameters", "lambda"]. */
  path?: (string | number)[];
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorInfo };

/** A failed request as an exception (what the renderer's client throws). */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly path: (string | number)[] | undefined;
  constructor(info: ApiErrorInfo) {
    super(info.message);
    this.name = 'ApiError';
    this.code = info.code;
    this.path = info.path;
  }
  toInfo(): ApiErrorInfo {
    return this.path
      ? { code: this.code, message: this.message, path: this.path }
      : { code: this.code, message: this.message };
  }
}

/** An 'invalid-argument' error, with the path of the offending argument or field when known. */
export function invalidArgument(message: string, path?: (string | number)[]): ApiError {
  return new ApiError({ code: 'invalid-argument', message, ...(path ? { path } : {}) });
}

/** An argument path as the messages show it: `request.base.dataset[0]`. */
export function formatArgPath(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** HTTP status the web host answers with for each error code. */
export const HTTP_STATUS: Record<ApiErrorCode, number> = {
  'unknown-channel': 404,
  'invalid-argument': 400,
  'forbidden-path': 403,
  'not-found': 404,
  'invalid-state': 409,
  'unusable-file': 422,
  'invalid-import': 422,
  unauthorized: 401,
  forbidden: 403,
  'too-large': 413,
  unreachable: 503,
  internal: 500,
  'read-only': 409,
};
