/**
 * One HTTP exchange with Bacalhau's REST API: URL and headers, a timeout that
 * covers the whole answer, bounded retries for idempotent reads, a size limit
 * on the body, and every failure turned into a typed error without credentials.
 *
 * @module
 */
import {
  BacalhauApiError,
  BacalhauConnectionError,
  BacalhauResponseError,
  redact,
  safeCause,
  type ApiErrorBody,
  type ConnectionFailure,
} from './errors.js';
import { deadline, platform, sleep, type AbortSignalLike, type FetchLike, type FetchResponse } from './platform.js';

/** The HTTP methods Bacalhau's API uses. */
export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE';

/** Query parameters; `undefined` ones are left out, arrays repeat the key. */
export type Query = Readonly<Record<string, string | number | boolean | readonly string[] | undefined>>;

/** One request, as the client's methods describe it. */
export interface HttpRequest {
  readonly method: HttpMethod;
  /** Path below the base URL, starting with `/`. */
  readonly path: string;
  readonly query?: Query | undefined;
  /** Sent as JSON. */
  readonly body?: unknown;
  readonly signal?: AbortSignalLike | undefined;
}

/** How the transport behaves; fixed when the client is made. */
export interface HttpSettings {
  /** Base URL without a trailing slash. */
  readonly baseUrl: string;
  readonly fetch: FetchLike;
  /** Headers sent with every request (credentials included). */
  readonly headers: Readonly<Record<string, string>>;
  /** Strings never to show in an error: tokens, passwords, encoded credentials. */
  readonly secrets: readonly string[];
  /** Per attempt: connecting, the status line and the whole body. */
  readonly timeoutMs: number;
  /** Extra attempts for a GET after a connection error or a 429/502/503/504. */
  readonly retries: number;
  readonly maxResponseBytes: number;
}

/** Statuses a GET may be retried on: the server or a proxy is busy or restarting. */
const RETRY_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);
const BACKOFF_BASE_MS = 200;
const BACKOFF_CAP_MS = 5_000;
/** How much of an unusable body an error message quotes. */
const SNIPPET_LENGTH = 120;

/** Sends requests and turns answers into JSON values or typed errors. */
export class HttpTransport {
  readonly settings: HttpSettings;

  constructor(settings: HttpSettings) {
    this.settings = settings;
  }

  /** The full URL of `path` with `query`, as sent (and as errors name it). */
  url(path: string, query?: Query): string {
    return `${this.settings.baseUrl}${path}${encodeQuery(query)}`;
  }

  /**
   * Sends `request` and returns the parsed JSON body of a 2xx answer.
   *
   * Only GET is retried: PUT, POST and DELETE change state, and a retry after a
   * lost answer could submit or stop twice.
   */
  async send(request: HttpRequest): Promise<unknown> {
    const url = this.url(request.path, request.query);
    const attempts = request.method === 'GET' ? this.settings.retries + 1 : 1;
    for (let attempt = 1; ; attempt += 1) {
      const outcome = await this.attempt(request, url, attempt);
      const last = attempt >= attempts || request.signal?.aborted === true;
      if (outcome.kind === 'answer') {
        if (!last && RETRY_STATUSES.has(outcome.status)) {
          await this.pause(attempt, outcome.retryAfterMs, request.signal, url, request.method);
          continue;
        }
        return this.interpret(outcome, request.method, url);
      }
      // A timeout is not retried: a server that hangs once is likely to hang again,
      // and retrying would multiply the caller's wait.
      if (outcome.reason === 'network' && !last) {
        await this.pause(attempt, undefined, request.signal, url, request.method);
        continue;
      }
      throw new BacalhauConnectionError(outcome.reason, request.method, url, attempt, outcome.detail, outcome.cause);
    }
  }

  private async pause(attempt: number, retryAfterMs: number | undefined, signal: AbortSignalLike | undefined, url: string, method: string): Promise<void> {
    // Full jitter keeps many clients that failed together from retrying together.
    const backoff = Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
    const delay = retryAfterMs === undefined ? backoff : Math.min(BACKOFF_CAP_MS, Math.max(retryAfterMs, backoff));
    try {
      await sleep(delay, signal);
    } catch {
      throw new BacalhauConnectionError('aborted', method, url, attempt, '');
    }
  }

  private async attempt(request: HttpRequest, url: string, attempt: number): Promise<Outcome> {
    const limit = deadline(this.settings.timeoutMs, request.signal);
    const failure = (error: unknown): Outcome => {
      const reason: ConnectionFailure = request.signal?.aborted === true ? 'aborted' : limit.timedOut() ? 'timeout' : 'network';
      const cause = reason === 'network' ? safeCause(error, this.settings.secrets) : undefined;
      const detail = reason === 'timeout' ? `${this.settings.timeoutMs} ms` : reason === 'network' ? networkDetail(cause) : '';
      return { kind: 'failure', reason, detail, cause, attempt };
    };
    try {
      if (request.signal?.aborted === true) return failure(request.signal.reason);
      const headers: Record<string, string> = { Accept: 'application/json', ...this.settings.headers };
      const init = { method: request.method, headers, signal: limit.signal } as Parameters<FetchLike>[1];
      if (request.body !== undefined) {
        headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(request.body);
      }
      let response: FetchResponse;
      try {
        // Where the SDK is compiled, the host types are the structural ones; they are the same objects at run time.
        response = (await this.settings.fetch(url, init)) as FetchResponse;
      } catch (error) {
        return failure(error);
      }
      let body: Body;
      try {
        body = await readBody(response, this.settings.maxResponseBytes);
      } catch (error) {
        return failure(error);
      }
      return {
        kind: 'answer',
        status: response.status,
        contentType: response.headers.get('content-type') ?? '',
        body,
        retryAfterMs: retryAfter(response.headers.get('retry-after')),
      };
    } finally {
      limit.release();
    }
  }

  private interpret(answer: Answer, method: string, url: string): unknown {
    const { status, body } = answer;
    if (body.tooLarge) {
      const what = status >= 200 && status < 300 ? 'an answer' : `an error answer (HTTP ${status})`;
      throw new BacalhauResponseError('too-large', status, method, url, `${what} larger than maxResponseBytes (${this.settings.maxResponseBytes} bytes)`);
    }
    const parsed = parseJson(body.text);
    if (status >= 200 && status < 300) {
      if (parsed.ok) return parsed.value;
      throw new BacalhauResponseError('invalid-json', status, method, url, `the answer is not JSON (${describeBody(answer, this.settings.secrets)})`);
    }
    throw new BacalhauApiError(apiErrorBody(status, parsed, answer, this.settings.secrets), method, url);
  }
}

interface Body {
  readonly text: string;
  readonly tooLarge: boolean;
}

interface Answer {
  readonly kind: 'answer';
  readonly status: number;
  readonly contentType: string;
  readonly body: Body;
  readonly retryAfterMs: number | undefined;
}

interface Failure {
  readonly kind: 'failure';
  readonly reason: ConnectionFailure;
  readonly detail: string;
  readonly cause: Error | undefined;
  readonly attempt: number;
}

type Outcome = Answer | Failure;

/**
 * Reads the body as text, stopping (and cancelling the stream) as soon as it
 * passes `limit` bytes, so an endless or huge answer costs at most `limit` of memory.
 */
async function readBody(response: FetchResponse, limit: number): Promise<Body> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  const reader = response.body?.getReader();
  if (reader === undefined) return { text: '', tooLarge: false };
  if (declared > limit) {
    await reader.cancel().catch(() => undefined);
    return { text: '', tooLarge: true };
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (value === undefined) continue;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      return { text: '', tooLarge: true };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { text: new platform.TextDecoder('utf-8').decode(bytes), tooLarge: false };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Bacalhau's `APIError`, its version-check answer (`Error`), echo's `message`, or a summary of a non-JSON body. */
function apiErrorBody(status: number, parsed: { ok: true; value: unknown } | { ok: false }, answer: Answer, secrets: readonly string[]): ApiErrorBody {
  const fields = parsed.ok && typeof parsed.value === 'object' && parsed.value !== null ? (parsed.value as Record<string, unknown>) : undefined;
  // Every field comes from the server, which may echo what it was sent: none passes unredacted.
  const text = (key: string): string => (typeof fields?.[key] === 'string' ? redact(fields[key] as string, secrets) : '');
  const message = text('Message') || text('Error') || text('message') || `HTTP ${status} (${describeBody(answer, secrets)})`;
  const details: Record<string, string> = {};
  const rawDetails = fields?.['Details'];
  if (typeof rawDetails === 'object' && rawDetails !== null) {
    for (const [key, value] of Object.entries(rawDetails)) if (typeof value === 'string') details[redact(key, secrets)] = redact(value, secrets);
  }
  return {
    status: typeof fields?.['Status'] === 'number' && fields['Status'] !== 0 ? (fields['Status'] as number) : status,
    code: text('Code'),
    component: text('Component'),
    message: redact(message, secrets),
    hint: text('Hint'),
    requestId: text('RequestID'),
    details,
  };
}

/** `text/html, 1234 bytes: "Bad Gateway"` — enough to recognise what answered. */
function describeBody(answer: Answer, secrets: readonly string[]): string {
  // Redact the whole text first: cutting or collapsing it first could leave part of a secret.
  const text = redact(answer.body.text, secrets);
  const type = answer.contentType === '' ? 'no content type' : redact(answer.contentType.split(';')[0] ?? '', secrets);
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1];
  const sample = (title ?? text).replace(/\s+/g, ' ').trim();
  const snippet = sample.length > SNIPPET_LENGTH ? `${sample.slice(0, SNIPPET_LENGTH)}…` : sample;
  const size = `${answer.body.text.length} characters`;
  return snippet === '' ? `${type}, empty` : `${type}, ${size}: ${JSON.stringify(snippet)}`;
}

/** The low-level error's code (`ECONNREFUSED`), else its message; from the already redacted copy. */
function networkDetail(cause: Error | undefined): string {
  const inner = cause?.cause as (Error & { code?: string }) | undefined;
  const code = inner?.code ?? (cause as (Error & { code?: string }) | undefined)?.code;
  return code ?? inner?.message ?? cause?.message ?? '';
}

function retryAfter(header: string | null): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

function encodeQuery(query: Query | undefined): string {
  if (query === undefined) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const values: readonly string[] = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [String(value)];
    for (const item of values) parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(item)}`);
  }
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}
