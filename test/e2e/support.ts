/**
 * What the end-to-end tests share: the node the global setup started, jobs
 * that run the WASI test modules, and a `fetch` that counts requests.
 */
import { inject } from 'vitest';
import { BacalhauClient, Job, engine, publisher, source, type BacalhauClientOptions, type FetchLike } from '../../src/index.js';

/** The shared node's API URL. */
export function nodeUrl(): string {
  return inject('bacalhau').url;
}

/** A client for the shared node (or `url`), with short timeouts suited to tests. */
export function client(options: BacalhauClientOptions = {}): BacalhauClient {
  return new BacalhauClient({ url: nodeUrl(), timeoutMs: 15_000, ...options });
}

/** A fetch that counts the requests it sends, by `METHOD path`. */
export function countingFetch(): { fetch: FetchLike; requests: string[] } {
  const requests: string[] = [];
  const counting: FetchLike = (url, init) => {
    requests.push(`${init.method} ${new URL(url).pathname}`);
    return fetch(url, init);
  };
  return { fetch: counting, requests };
}

/** The test modules (see test/e2e/wasm): `hello`, `fail`, `sleep`, `cat`. */
export type WasmModule = 'hello' | 'fail' | 'sleep' | 'cat';

/** The absolute path of a test module, as a `local` input source needs it (the nodes allow-list the folder). */
export function wasmPath(module: WasmModule): string {
  const path = inject('wasm')[module];
  if (path === undefined) throw new Error(`test module ${module} was not built`);
  return path;
}

/** A unique job name per call, so tests never update each other's jobs by accident. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
}

/**
 * A batch job that runs a test module with the wasm engine: the module as a
 * `local` input at /app/main.wasm, the `local` publisher, and the result path
 * `outputs` (the wasm executor mounts a result path at its Name).
 */
export function wasmJob(name: string, module: WasmModule, parameters: readonly string[] = []) {
  return Job.batch(name).task((t) =>
    t
      .name('main')
      .engine(engine.wasm('/app/main.wasm', { entrypoint: '_start', parameters }))
      .input(source.local(wasmPath(module)), { target: '/app/main.wasm' })
      .publisher(publisher.local())
      .resultPath('outputs', '/outputs'),
  );
}

/** The same as an ops job: one execution on every matching node. */
export function wasmOpsJob(name: string, module: WasmModule, parameters: readonly string[] = []) {
  return Job.ops(name).task((t) =>
    t
      .name('main')
      .engine(engine.wasm('/app/main.wasm', { entrypoint: '_start', parameters }))
      .input(source.local(wasmPath(module)), { target: '/app/main.wasm' })
      .publisher(publisher.local())
      .resultPath('outputs', '/outputs'),
  );
}
