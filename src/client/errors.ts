/**
 * The errors the client throws. Every one names the request (method and URL)
 * and none carries a credential: messages are built from the server's answer
 * and the client's own words, and a low-level `cause` is replaced by a copy
 * whose text has every credential the client knows blanked out.
 *
 * @module
 */

/**
 * Why a request never produced an answer: the `reason` of a {@link BacalhauConnectionError}.
 *
 * @example
 * ```ts
 * import type { ConnectionFailure } from 'bacalhau-jobs';
 *
 * function advice(reason: ConnectionFailure): string {
 *   if (reason === 'network') return 'is the orchestrator running? check BACALHAU_API_HOST and BACALHAU_API_PORT';
 *   if (reason === 'timeout') return 'the server is slow: raise timeoutMs';
 *   return 'cancelled';
 * }
 * ```
 *
 * @group Errors
 */
export type ConnectionFailure = 'network' | 'timeout' | 'aborted';

/**
 * What was wrong with an answer that came back with a 2xx status: the `reason`
 * of a {@link BacalhauResponseError}.
 *
 * @example
 * ```ts
 * import { BacalhauClient, BacalhauResponseError, type ResponseFailure } from 'bacalhau-jobs';
 *
 * const hints: Record<ResponseFailure, string> = {
 *   'invalid-json': 'is the URL the Bacalhau API, not a proxy or web page?',
 *   'too-large': 'raise maxResponseBytes',
 *   'unexpected-shape': 'is the server Bacalhau v1.9?',
 * };
 * try {
 *   await new BacalhauClient().nodes();
 * } catch (error) {
 *   if (error instanceof BacalhauResponseError) console.error(`${error.message}: ${hints[error.reason]}`);
 * }
 * ```
 *
 * @group Errors
 */
export type ResponseFailure = 'invalid-json' | 'too-large' | 'unexpected-shape';

/**
 * The base class of every error {@link BacalhauClient} throws for a request:
 * catch it to handle all of them at once.
 *
 * @example
 * ```ts
 * import { BacalhauClient, BacalhauClientError } from 'bacalhau-jobs';
 *
 * const client = new BacalhauClient({ url: 'http://127.0.0.1:1234' });
 * try {
 *   await client.alive();
 * } catch (error) {
 *   if (error instanceof BacalhauClientError) console.error(`${error.method} ${error.url}: ${error.message}`);
 * }
 * ```
 *
 * @group Errors
 */
export class BacalhauClientError extends Error {
  /** The HTTP method of the request (`GET`, `PUT`, …; `WS` for the log stream). */
  readonly method: string;
  /** The request's URL, without credentials. */
  readonly url: string;

  constructor(message: string, method: string, url: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BacalhauClientError';
    this.method = method;
    this.url = url;
  }
}

/**
 * What the server said in an error answer (Bacalhau's `APIError`); every
 * {@link BacalhauApiError} carries these fields.
 *
 * @example
 * ```ts
 * import { BacalhauApiError, BacalhauClient, Job, engine, type ApiErrorBody } from 'bacalhau-jobs';
 *
 * function report({ status, code, component, message, hint, requestId }: ApiErrorBody): string {
 *   return `${status} ${code} from ${component || 'the server'}: ${message}${hint ? ` (${hint})` : ''}${requestId ? ` [request ${requestId}]` : ''}`;
 * }
 * try {
 *   await new BacalhauClient().submit(Job.batch('hello').task((t) => t.name('main').engine(engine.docker('busybox:1.37.0'))));
 * } catch (error) {
 *   if (error instanceof BacalhauApiError) console.error(report(error));
 * }
 * ```
 *
 * @group Errors
 */
export interface ApiErrorBody {
  /** The HTTP status. */
  readonly status: number;
  /** Bacalhau's error code (`BadRequest`, `NotFound`, `InternalError`, …); `''` when it gave none. */
  readonly code: string;
  /** The part of Bacalhau that failed (`APIServer`, `JobStore`, `Authorizer`, …); `''` when unknown. */
  readonly component: string;
  /** The server's own text, unchanged. */
  readonly message: string;
  /** A suggestion from the server (`Use the --force flag …`); `''` when none. */
  readonly hint: string;
  /** The server's request ID, for its logs; `''` when none. */
  readonly requestId: string;
  /** Extra key/value facts from the server. */
  readonly details: Readonly<Record<string, string>>;
}

/**
 * A non-2xx answer from Bacalhau. `message` is the server's own text (for a
 * rejected spec, Bacalhau's validation errors, one per line).
 *
 * @example
 * ```ts
 * import { BacalhauApiError, BacalhauClient } from 'bacalhau-jobs';
 *
 * const client = new BacalhauClient();
 * try {
 *   await client.get('j-does-not-exist');
 * } catch (error) {
 *   if (error instanceof BacalhauApiError && error.status === 404) console.log('no such job');
 * }
 * ```
 *
 * @group Errors
 */
export class BacalhauApiError extends BacalhauClientError implements ApiErrorBody {
  readonly status: number;
  readonly code: string;
  readonly component: string;
  readonly hint: string;
  readonly requestId: string;
  readonly details: Readonly<Record<string, string>>;

  constructor(body: ApiErrorBody, method: string, url: string) {
    super(body.message, method, url);
    this.name = 'BacalhauApiError';
    this.status = body.status;
    this.code = body.code;
    this.component = body.component;
    this.hint = body.hint;
    this.requestId = body.requestId;
    this.details = Object.freeze({ ...body.details });
  }
}

/**
 * No answer: the server could not be reached, the request timed out (`timeoutMs`),
 * or the caller aborted it. The message names the URL.
 *
 * @example
 * ```ts
 * import { BacalhauClient, BacalhauConnectionError } from 'bacalhau-jobs';
 *
 * const client = new BacalhauClient({ url: 'http://127.0.0.1:9', retries: 0 });
 * try {
 *   await client.alive();
 * } catch (error) {
 *   if (error instanceof BacalhauConnectionError) console.log(error.reason); // 'network'
 * }
 * ```
 *
 * @group Errors
 */
export class BacalhauConnectionError extends BacalhauClientError {
  /** `network` (refused, reset, DNS), `timeout` (no full answer within `timeoutMs`) or `aborted` (your signal). */
  readonly reason: ConnectionFailure;
  /** How many attempts were made (retries included). */
  readonly attempts: number;

  constructor(reason: ConnectionFailure, method: string, url: string, attempts: number, detail: string, cause?: unknown) {
    super(`${method} ${url}: ${describeConnection(reason)}${detail === '' ? '' : ` (${detail})`}${attempts > 1 ? ` after ${attempts} attempts` : ''}`, method, url, cause === undefined ? undefined : { cause });
    this.name = 'BacalhauConnectionError';
    this.reason = reason;
    this.attempts = attempts;
  }
}

function describeConnection(reason: ConnectionFailure): string {
  if (reason === 'timeout') return 'no complete answer within the timeout';
  if (reason === 'aborted') return 'aborted';
  return 'cannot connect';
}

/**
 * A 2xx answer the client cannot use: not JSON, larger than `maxResponseBytes`,
 * or JSON of the wrong shape. Usually a proxy or another service on the port.
 *
 * @example
 * ```ts
 * import { BacalhauResponseError } from 'bacalhau-jobs';
 *
 * function explain(error: unknown): string {
 *   return error instanceof BacalhauResponseError ? `bad answer (${error.reason}) from ${error.url}` : String(error);
 * }
 * ```
 *
 * @group Errors
 */
export class BacalhauResponseError extends BacalhauClientError {
  /** What was wrong with the answer. */
  readonly reason: ResponseFailure;
  /** The HTTP status of the answer. */
  readonly status: number;

  constructor(reason: ResponseFailure, status: number, method: string, url: string, detail: string) {
    super(`${method} ${url}: ${detail}`, method, url);
    this.name = 'BacalhauResponseError';
    this.reason = reason;
    this.status = status;
  }
}

/**
 * `wait()` gave up before the job reached a terminal state: its timeout passed
 * or its signal aborted. Names the job and the last state seen.
 *
 * @example
 * ```ts
 * import { BacalhauClient, BacalhauWaitError } from 'bacalhau-jobs';
 *
 * const client = new BacalhauClient();
 * try {
 *   await client.wait('j-123', { timeoutMs: 60_000 });
 * } catch (error) {
 *   if (error instanceof BacalhauWaitError) console.log(`${error.jobId} still ${error.lastState}`);
 * }
 * ```
 *
 * @group Errors
 */
export class BacalhauWaitError extends Error {
  /** `timeout` or `aborted`. */
  readonly reason: 'timeout' | 'aborted';
  /** The job waited for, as given to `wait()`. */
  readonly jobId: string;
  /** The job's last state seen (`Pending`, `Running`, …), or `undefined` if none was read. */
  readonly lastState: string | undefined;

  constructor(reason: 'timeout' | 'aborted', jobId: string, lastState: string | undefined, elapsedMs: number, cause?: unknown) {
    const state = lastState === undefined ? 'before its state was read' : `in state ${lastState}`;
    super(`job ${jobId} is still ${state} after ${Math.round(elapsedMs / 100) / 10} s: wait ${reason === 'timeout' ? 'timed out' : 'was aborted'}`, cause === undefined ? undefined : { cause });
    this.name = 'BacalhauWaitError';
    this.reason = reason;
    this.jobId = jobId;
    this.lastState = lastState;
  }
}

/**
 * Blanks every secret in `text`. Secrets shorter than 4 characters are still
 * blanked: a short password is a password.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) if (secret !== '') result = result.split(secret).join('[redacted]');
  return result;
}

/**
 * A copy of a low-level error (a `fetch` TypeError, a socket error) that is safe
 * to attach as `cause`: its name, code and redacted message, and the same for
 * its own cause, but no other property (an undici error can hold the request).
 */
export function safeCause(error: unknown, secrets: readonly string[], depth = 0): Error | undefined {
  if (error === undefined || error === null || depth > 3) return undefined;
  const source = error as { name?: unknown; message?: unknown; code?: unknown; cause?: unknown };
  const message = typeof source.message === 'string' ? source.message : String(error);
  const inner = safeCause(source.cause, secrets, depth + 1);
  const copy = new Error(redact(message, secrets), inner === undefined ? undefined : { cause: inner });
  copy.name = typeof source.name === 'string' ? source.name : 'Error';
  if (typeof source.code === 'string') (copy as Error & { code?: string }).code = redact(source.code, secrets);
  copy.stack = `${copy.name}: ${copy.message}`;
  return copy;
}
