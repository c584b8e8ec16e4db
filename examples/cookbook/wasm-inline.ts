/**
 * Recipe: a WASM job whose module travels inside the spec.
 *
 * The module is a 143-byte WASI program whose `_start` writes "hello from wasm"
 * to stdout. It is mounted from an `inline` data URL at the path the engine
 * runs, so no registry, IPFS or S3 is needed. See docs/cookbook.md.
 */
import { Job, engine, network, source, type JobSpec } from '../../src/index.js';

/** The module as a `data:` URL (hand-assembled: one import, `fd_write`; exports `memory` and `_start`). */
export const HELLO_WASM =
  'data:application/wasm;base64,AGFzbQEAAAABDAJgBH9/f38Bf2AAAAIjARZ3YXNpX3NuYXBzaG90X3ByZXZpZXcxCGZkX3dyaXRlAAADAgEBBQMBAAEHEwIGbWVtb3J5AgAGX3N0YXJ0AAEKDwENAEEBQQBBAUEIEAAaCwsjAgBBAAsIEAAAABAAAAAAQRALEGhlbGxvIGZyb20gd2FzbQo=';

export const job: JobSpec<'batch'> = Job.batch('wasm-hello')
  .task((task) =>
    task
      .name('hello')
      .input(source.inline(HELLO_WASM), { target: '/app/hello.wasm' })
      .engine(engine.wasm('/app/hello.wasm')) // Entrypoint defaults to '_start' (WASI)
      .network(network.none())
      .resources({ cpu: '100m', memory: '64Mb' })
      .timeouts({ execution: 60 }),
  )
  .build();
