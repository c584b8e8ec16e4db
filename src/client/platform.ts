/**
 * The few web-platform APIs the client needs, typed structurally.
 *
 * The core compiles without the DOM library or Node's types (it must run in
 * browsers and Node alike, and its `.d.ts` files must not force either on a
 * user), so the client describes exactly what it calls — `fetch`, `Response`,
 * `AbortSignal`, `WebSocket` — and reads the implementations from `globalThis`.
 *
 * @module
 */

/**
 * The parts of an `AbortSignal` the client uses. Any `AbortSignal` fits: the
 * browser's, Node's, `AbortSignal.timeout()` or `AbortSignal.any()`.
 *
 * @example
 * ```ts
 * import { BacalhauClient, type AbortSignalLike } from 'bacalhau-jobs';
 *
 * // Stop waiting when the user clicks Cancel, or after an hour.
 * const cancel = new AbortController();
 * document.querySelector('#cancel')?.addEventListener('click', () => cancel.abort());
 * const signal: AbortSignalLike = AbortSignal.any([cancel.signal, AbortSignal.timeout(60 * 60_000)]);
 * const done = await new BacalhauClient().wait('j-1234', { signal });
 * ```
 *
 * @group Client transport
 */
export interface AbortSignalLike {
  /** Whether the signal has aborted. */
  readonly aborted: boolean;
  /** Why it aborted (the value given to `abort()`); `undefined` while it has not. */
  readonly reason?: unknown;
  /**
   * Calls `listener` when the signal aborts.
   *
   * @example
   * ```ts
   * import { BacalhauClient, type AbortSignalLike } from 'bacalhau-jobs';
   *
   * async function nodesUnless(signal: AbortSignalLike) {
   *   const onAbort = (): void => console.log('listing nodes cancelled');
   *   signal.addEventListener('abort', onAbort, { once: true });
   *   try {
   *     return await new BacalhauClient().nodes({ signal });
   *   } finally {
   *     signal.removeEventListener('abort', onAbort);
   *   }
   * }
   * ```
   */
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  /**
   * Removes a listener added with `addEventListener`, so that a long-lived
   * signal does not keep it (and what it holds) alive.
   *
   * @example
   * ```ts
   * import type { AbortSignalLike } from 'bacalhau-jobs';
   *
   * async function untilAborted<T>(signal: AbortSignalLike, work: Promise<T>): Promise<T | undefined> {
   *   let onAbort = (): void => {};
   *   const aborted = new Promise<undefined>((resolve) => {
   *     onAbort = () => resolve(undefined);
   *     signal.addEventListener('abort', onAbort, { once: true });
   *   });
   *   try {
   *     return await Promise.race([work, aborted]);
   *   } finally {
   *     signal.removeEventListener('abort', onAbort);
   *   }
   * }
   * ```
   */
  removeEventListener(type: 'abort', listener: () => void): void;
}

/**
 * The parts of a `fetch` `Response` the client uses: what a hand-made `fetch`
 * (for a runtime without one, or a test double) must answer with.
 *
 * @example
 * ```ts
 * import type { FetchResponse } from 'bacalhau-jobs';
 *
 * // A canned JSON answer for tests, with only what the client reads.
 * function cannedAnswer(status: number, json: unknown): FetchResponse {
 *   const bytes = new TextEncoder().encode(JSON.stringify(json));
 *   let sent = false;
 *   return {
 *     status,
 *     ok: status >= 200 && status < 300,
 *     headers: { get: (name) => (name.toLowerCase() === 'content-type' ? 'application/json' : null) },
 *     body: {
 *       getReader: () => ({
 *         read: async () => (sent ? { done: true } : ((sent = true), { done: false, value: bytes })),
 *         cancel: async () => {},
 *       }),
 *     },
 *   };
 * }
 * ```
 *
 * @group Client transport
 */
export interface FetchResponse {
  /** The HTTP status code. */
  readonly status: number;
  /** Whether the status is in the 2xx range. */
  readonly ok: boolean;
  /** The answer's headers. */
  readonly headers: {
    /** The value of a header (case-insensitive name), or `null` when it is absent. */
    get(name: string): string | null;
  };
  /** The answer's body as a stream of bytes; `null` when there is none. */
  readonly body: {
    /** Locks the stream and returns a reader for it. */
    getReader(): {
      /** The next chunk of bytes; `done` once the body has ended. */
      read(): Promise<{
        /** Whether the body has ended (then there is no `value`). */
        done: boolean;
        /** The chunk read. */
        value?: Uint8Array;
      }>;
      /** Stops reading and discards the rest of the body. */
      cancel(reason?: unknown): Promise<void>;
    };
  } | null;
}

/**
 * The host's own `AbortSignal` type where the user's compiler knows one (the DOM
 * library, or Node's types), else {@link AbortSignalLike}. This keeps the SDK's
 * declarations free of both libraries while a `fetch` wrapper can still hand
 * the client's `init` straight to the real `fetch`.
 *
 * @example
 * ```ts
 * import type { HostAbortSignal } from 'bacalhau-jobs';
 *
 * // With the DOM library or Node's types loaded, this is the platform's AbortSignal.
 * const signal: HostAbortSignal = AbortSignal.timeout(5_000);
 * ```
 *
 * @group Client transport
 */
export type HostAbortSignal = typeof globalThis extends {
  /** The platform's `AbortSignal` class. */
  AbortSignal: {
    /** The type of its instances. */
    prototype: infer Signal;
  };
}
  ? Signal
  : AbortSignalLike;

/**
 * The host's own `Response` type where the user's compiler knows one, else {@link FetchResponse}.
 *
 * @example
 * ```ts
 * import type { HostResponse } from 'bacalhau-jobs';
 *
 * async function logged(url: string): Promise<HostResponse> {
 *   const response = await fetch(url);
 *   console.log(url, response.status);
 *   return response;
 * }
 * ```
 *
 * @group Client transport
 */
export type HostResponse = typeof globalThis extends {
  /** The platform's `Response` class. */
  Response: {
    /** The type of its instances. */
    prototype: infer Answer;
  };
}
  ? Answer
  : FetchResponse;

/**
 * The request options the client passes to `fetch`.
 *
 * @example
 * ```ts
 * import { BacalhauClient, type FetchInit, type FetchLike } from 'bacalhau-jobs';
 *
 * // Adds a trace header to every request and logs how long each took.
 * const traced: FetchLike = async (url: string, init: FetchInit) => {
 *   const started = performance.now();
 *   const response = await fetch(url, { ...init, headers: { ...init.headers, 'X-Request-Source': 'nightly-report' } });
 *   console.log(`${init.method} ${url}: ${response.status} in ${Math.round(performance.now() - started)} ms`);
 *   return response;
 * };
 * const client = new BacalhauClient({ fetch: traced });
 * ```
 *
 * @group Client transport
 */
export interface FetchInit {
  /** The HTTP method: `GET`, `PUT`, `POST` or `DELETE`. */
  method: string;
  /** The request's headers, `Authorization` included when the client has credentials. */
  headers: Record<string, string>;
  /** The JSON request body, for `PUT`, `POST` and `DELETE` requests that send one. */
  body?: string;
  /** Aborts the request on timeout or when the caller's signal aborts. */
  signal: HostAbortSignal;
}

/**
 * A `fetch` implementation: the global one in browsers and Node 18+, or your own
 * (to add tracing, a proxy agent, or to count requests in tests).
 *
 * @example
 * ```ts
 * import { BacalhauClient, type FetchLike } from 'bacalhau-jobs';
 *
 * let requests = 0;
 * const counting: FetchLike = (url, init) => {
 *   requests += 1;
 *   return fetch(url, init);
 * };
 * const client = new BacalhauClient({ url: 'http://127.0.0.1:1234', fetch: counting });
 * ```
 *
 * @group Client transport
 */
export type FetchLike = (url: string, init: FetchInit) => Promise<HostResponse>;

/**
 * An event a WebSocket hands to its listeners.
 *
 * @example
 * ```ts
 * import type { WebSocketEvent } from 'bacalhau-jobs';
 *
 * function describeClose({ code, reason }: WebSocketEvent): string {
 *   return code === 1000 ? 'closed normally' : `closed with code ${code ?? 'unknown'}${reason ? ` (${reason})` : ''}`;
 * }
 * ```
 *
 * @group Client transport
 */
export interface WebSocketEvent {
  /** A `message` event's payload: the text (or bytes) the server sent. */
  readonly data?: unknown;
  /** A `close` event's status code (1000 for a normal close). */
  readonly code?: number;
  /** A `close` event's reason, as the closing side gave it. */
  readonly reason?: string;
  /** An `error` event's description, where the implementation gives one (the `ws` package does). */
  readonly message?: string;
}

/**
 * The parts of a browser `WebSocket` (or the `ws` package's) the client uses.
 *
 * @example
 * ```ts
 * import { BacalhauClient, type WebSocketEvent, type WebSocketLike } from 'bacalhau-jobs';
 *
 * // A stand-in log stream for tests: opens, sends two lines and closes normally.
 * class FakeLogSocket implements WebSocketLike {
 *   readonly #listeners = new Map<string, ((event: WebSocketEvent) => void)[]>();
 *   constructor(readonly url: string) {
 *     setTimeout(() => {
 *       this.#emit('open', {});
 *       this.#emit('message', { data: JSON.stringify({ value: { Type: 1, Line: 'hello\n' } }) });
 *       this.#emit('message', { data: JSON.stringify({ value: { Type: 2, Line: 'warning: low disk\n' } }) });
 *       this.#emit('close', { code: 1000 });
 *     });
 *   }
 *   addEventListener(type: 'open' | 'message' | 'error' | 'close', listener: (event: WebSocketEvent) => void): void {
 *     this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener]);
 *   }
 *   close(): void {}
 *   #emit(type: string, event: WebSocketEvent): void {
 *     for (const listener of this.#listeners.get(type) ?? []) listener(event);
 *   }
 * }
 * const client = new BacalhauClient({ WebSocket: FakeLogSocket });
 * ```
 *
 * @group Client transport
 */
export interface WebSocketLike {
  /**
   * Calls `listener` on each event of `type`: `open` once connected, `message`
   * for each message, `error` when the connection fails, `close` when it ends.
   *
   * @example
   * ```ts
   * import type { WebSocketLike } from 'bacalhau-jobs';
   *
   * function logLifecycle(socket: WebSocketLike): void {
   *   socket.addEventListener('open', () => console.log('log stream open'));
   *   socket.addEventListener('close', ({ code, reason }) => console.log(`log stream closed: ${code} ${reason ?? ''}`));
   * }
   * ```
   */
  addEventListener(type: 'open' | 'message' | 'error' | 'close', listener: (event: WebSocketEvent) => void): void;
  /**
   * Closes the connection, with a status code (1000: normal) and a reason.
   *
   * @example
   * ```ts
   * import type { WebSocketLike } from 'bacalhau-jobs';
   *
   * function stopAfter(socket: WebSocketLike, ms: number): void {
   *   setTimeout(() => socket.close(1000, 'enough logs'), ms);
   * }
   * ```
   */
  close(code?: number, reason?: string): void;
}

/**
 * A `WebSocket` constructor. The second argument is only passed in Node, to the
 * `ws` package, which accepts request headers there (browsers cannot send an
 * `Authorization` header on a WebSocket).
 *
 * @example
 * ```ts
 * import { BacalhauClient, type WebSocketConstructor } from 'bacalhau-jobs';
 *
 * // The browser's WebSocket, counting the log streams a page opens.
 * let streams = 0;
 * const Counting: WebSocketConstructor = class extends WebSocket {
 *   constructor(url: string, protocols?: string | string[]) {
 *     super(url, protocols);
 *     streams += 1;
 *   }
 * };
 * const client = new BacalhauClient({ url: 'https://bacalhau.example.com', WebSocket: Counting });
 * ```
 *
 * @group Client transport
 */
export type WebSocketConstructor = new (url: string, protocols?: string | string[], options?: { headers?: Record<string, string> }) => WebSocketLike;

interface PlatformGlobals {
  readonly fetch?: FetchLike;
  readonly WebSocket?: WebSocketConstructor;
  readonly AbortController: new () => { readonly signal: AbortSignalLike; abort(reason?: unknown): void };
  readonly TextDecoder: new (label?: string, options?: { fatal?: boolean }) => { decode(input: Uint8Array): string };
  readonly btoa: (data: string) => string;
  /** The page's location, in browsers. */
  readonly location?: { readonly origin?: string };
  /** Browsers and Node 18+; absent in older runtimes. */
  readonly DecompressionStream?: new (format: 'gzip') => unknown;
  readonly setTimeout: (callback: () => void, ms: number) => unknown;
  readonly clearTimeout: (handle: unknown) => void;
  readonly process?: { readonly env?: Readonly<Record<string, string | undefined>>; readonly versions?: { readonly node?: string } };
}

/** The host's globals, typed as the client uses them. */
export const platform = globalThis as unknown as PlatformGlobals;

/** Resolves after `ms` milliseconds, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignalLike): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      platform.clearTimeout(handle);
      reject(signal?.reason);
    };
    const handle = platform.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** An abort signal of one's own, for one piece of work, and what ended it. */
export interface Deadline {
  /** Aborts when the caller's signal aborts or the time runs out. */
  readonly signal: AbortSignalLike;
  /** Whether the time ran out (rather than the caller aborting). */
  readonly timedOut: () => boolean;
  /** Stops the timer and unhooks the caller's signal; call it when the work is done. */
  readonly release: () => void;
}

/** A signal that follows `signal` (already aborted included) and aborts after `timeoutMs`, if given. */
export function deadline(timeoutMs: number | undefined, signal?: AbortSignalLike): Deadline {
  const controller = new platform.AbortController();
  let timedOut = false;
  const onAbort = (): void => controller.abort();
  // A listener added to an already-aborted signal never runs.
  if (signal?.aborted === true) controller.abort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  const timer =
    timeoutMs === undefined
      ? undefined
      : platform.setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, timeoutMs);
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    release: () => {
      if (timer !== undefined) platform.clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    },
  };
}

/** Reads an environment variable where there is an environment (Node), else `undefined`. */
export function environment(name: string): string | undefined {
  const value = platform.process?.env?.[name];
  return value === undefined || value === '' ? undefined : value;
}
