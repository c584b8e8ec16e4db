/**
 * The log stream: Bacalhau's `GET /jobs/{id}/logs` WebSocket as an async
 * iterable of lines. Each message is `{"value": {"Type": 1|2, "Line": "…"}}`,
 * or `{"error": …}` when the server cannot stream; the server closes the socket
 * when the logs end (at once without `follow`, when the executions end with it).
 *
 * @module
 */
import { BacalhauClientError, BacalhauConnectionError, redact } from './errors.js';
import { platform, type AbortSignalLike, type WebSocketConstructor, type WebSocketEvent, type WebSocketLike } from './platform.js';
import type { LogLine } from './types.js';

/** What opening a log stream needs from the client. */
export interface LogStreamRequest {
  /** `ws://` or `wss://` URL with the query. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly secrets: readonly string[];
  readonly WebSocket: WebSocketConstructor | undefined;
  readonly signal?: AbortSignalLike | undefined;
}

const STREAMS: Readonly<Record<number, LogLine['stream']>> = { 1: 'stdout', 2: 'stderr' };

/**
 * The `WebSocket` to use: the caller's, the platform's (browsers, Node 22+), or
 * the `ws` package in Node 20. `ws` is imported through a variable so that
 * bundlers for browsers leave it out; browsers never reach this branch.
 */
async function webSocketConstructor(given: WebSocketConstructor | undefined): Promise<WebSocketConstructor> {
  if (given !== undefined) return given;
  if (platform.WebSocket !== undefined && platform.process?.versions?.node === undefined) return platform.WebSocket;
  const specifier = 'ws';
  try {
    const module = (await import(/* @vite-ignore */ specifier)) as { WebSocket?: WebSocketConstructor; default?: WebSocketConstructor };
    const constructor = module.WebSocket ?? module.default;
    if (constructor !== undefined) return constructor;
  } catch {
    // Fall through to the platform's, if any.
  }
  if (platform.WebSocket !== undefined) return platform.WebSocket;
  throw new BacalhauClientError("logs() needs a WebSocket: install the 'ws' package, or pass the WebSocket option", 'WS', '');
}

function textOf(data: unknown): string {
  if (typeof data === 'string') return data;
  if (data instanceof Uint8Array) return new platform.TextDecoder('utf-8').decode(data);
  if (data instanceof ArrayBuffer) return new platform.TextDecoder('utf-8').decode(new Uint8Array(data));
  return String(data);
}

/** The server's error in a message, as text; `''` when there is none (Go writes a plain error as `{}`). */
function errorText(error: unknown): string {
  if (error === undefined || error === null) return '';
  if (typeof error === 'string') return error;
  if (typeof error === 'object') {
    const fields = error as Record<string, unknown>;
    for (const key of ['Message', 'message', 'Error', 'error']) if (typeof fields[key] === 'string') return fields[key] as string;
    return Object.keys(fields).length === 0 ? 'the server could not stream the logs' : JSON.stringify(error);
  }
  return String(error);
}

/** Streams log lines until the server closes the socket, the caller stops iterating, or the signal aborts. */
export async function* streamLogs(request: LogStreamRequest): AsyncGenerator<LogLine, void, undefined> {
  const shownUrl = request.url;
  const fail = (message: string): BacalhauClientError => new BacalhauClientError(`WS ${shownUrl}: ${redact(message, request.secrets)}`, 'WS', shownUrl);
  const Socket = await webSocketConstructor(request.WebSocket);
  const aborted = (): BacalhauConnectionError => new BacalhauConnectionError('aborted', 'WS', shownUrl, 1, '');
  if (request.signal?.aborted === true) throw aborted();

  const queue: LogLine[] = [];
  let finished = false;
  let failure: BacalhauClientError | undefined;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    wake?.();
    wake = undefined;
  };
  const finish = (error?: BacalhauClientError): void => {
    if (finished) return;
    finished = true;
    failure = error;
    notify();
  };

  const hasHeaders = Object.keys(request.headers).length > 0;
  let socket: WebSocketLike;
  try {
    socket = hasHeaders ? new Socket(request.url, undefined, { headers: { ...request.headers } }) : new Socket(request.url);
  } catch (error) {
    throw fail(`cannot open the log stream (${error instanceof Error ? error.message : String(error)})`);
  }
  let opened = false;
  socket.addEventListener('open', () => {
    opened = true;
  });
  socket.addEventListener('message', (event: WebSocketEvent) => {
    let message: unknown;
    try {
      message = JSON.parse(textOf(event.data));
    } catch {
      finish(fail('a log message is not JSON'));
      return;
    }
    const fields = typeof message === 'object' && message !== null ? (message as Record<string, unknown>) : {};
    const error = errorText(fields['error']);
    if (error !== '') {
      finish(fail(error));
      return;
    }
    const value = fields['value'];
    if (typeof value !== 'object' || value === null) return;
    const log = value as { Type?: unknown; Line?: unknown };
    if (typeof log.Line !== 'string') return;
    const line = log.Line.endsWith('\n') ? log.Line.slice(0, -1) : log.Line;
    queue.push(Object.freeze({ stream: STREAMS[typeof log.Type === 'number' ? log.Type : 0] ?? 'unknown', line }));
    notify();
  });
  socket.addEventListener('error', (event: WebSocketEvent) => {
    const detail = event.message !== undefined && event.message !== '' ? `: ${event.message}` : '';
    finish(fail(opened ? `the log stream broke${detail}` : `cannot open the log stream${detail}`));
  });
  socket.addEventListener('close', (event: WebSocketEvent) => {
    // 1000 (normal) and 1005 (no status) end the stream; anything else is a failure.
    if (event.code === undefined || event.code === 1000 || event.code === 1005 || !opened) finish(opened ? undefined : fail('the server closed the log stream before it opened'));
    else finish(fail(`the log stream closed with code ${event.code}${event.reason ? ` (${event.reason})` : ''}`));
  });
  const onAbort = (): void => finish(aborted());
  request.signal?.addEventListener('abort', onAbort, { once: true });

  try {
    for (;;) {
      const next = queue.shift();
      if (next !== undefined) {
        yield next;
        continue;
      }
      if (finished) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
    if (failure !== undefined) throw failure;
  } finally {
    request.signal?.removeEventListener('abort', onAbort);
    socket.close(1000);
  }
}
