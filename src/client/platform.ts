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

/** The parts of an `AbortSignal` the client uses. */
export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason?: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** The parts of a `fetch` `Response` the client uses. */
export interface FetchResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };
  readonly body: {
    getReader(): {
      read(): Promise<{ done: boolean; value?: Uint8Array }>;
      cancel(reason?: unknown): Promise<void>;
    };
  } | null;
}

/**
 * The host's own `AbortSignal` type where the user's compiler knows one (the DOM
 * library, or Node's types), else {@link AbortSignalLike}. This keeps the SDK's
 * declarations free of both libraries while a `fetch` wrapper can still hand
 * the client's `init` straight to the real `fetch`.
 */
export type HostAbortSignal = typeof globalThis extends { AbortSignal: { prototype: infer Signal } } ? Signal : AbortSignalLike;

/** The host's own `Response` type where the user's compiler knows one, else {@link FetchResponse}. */
export type HostResponse = typeof globalThis extends { Response: { prototype: infer Answer } } ? Answer : FetchResponse;

/** The request options the client passes to `fetch`. */
export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
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
 */
export type FetchLike = (url: string, init: FetchInit) => Promise<HostResponse>;

/** An event a WebSocket hands to its listeners. */
export interface WebSocketEvent {
  readonly data?: unknown;
  readonly code?: number;
  readonly reason?: string;
  readonly message?: string;
}

/** The parts of a browser `WebSocket` (or the `ws` package's) the client uses. */
export interface WebSocketLike {
  addEventListener(type: 'open' | 'message' | 'error' | 'close', listener: (event: WebSocketEvent) => void): void;
  close(code?: number, reason?: string): void;
}

/**
 * A `WebSocket` constructor. The second argument is only passed in Node, to the
 * `ws` package, which accepts request headers there (browsers cannot send an
 * `Authorization` header on a WebSocket).
 */
export type WebSocketConstructor = new (url: string, protocols?: string | string[], options?: { headers?: Record<string, string> }) => WebSocketLike;

interface PlatformGlobals {
  readonly fetch?: FetchLike;
  readonly WebSocket?: WebSocketConstructor;
  readonly AbortController: new () => { readonly signal: AbortSignalLike; abort(reason?: unknown): void };
  readonly TextDecoder: new (label?: string, options?: { fatal?: boolean }) => { decode(input: Uint8Array): string };
  readonly btoa: (data: string) => string;
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

/** Reads an environment variable where there is an environment (Node), else `undefined`. */
export function environment(name: string): string | undefined {
  const value = platform.process?.env?.[name];
  return value === undefined || value === '' ? undefined : value;
}
