/**
 * Example task specs built with the SDK. `main.ts` prints them; the tests
 * validate them, so the examples cannot rot.
 */
import { Task, engine, network, publisher, source, type TaskSpec } from '../src/index.js';

/** A Docker batch task that reads from S3 and publishes to S3. */
export const wordCount: TaskSpec<'batch'> = Task.batch()
  .name('word-count')
  .engine(engine.docker('ubuntu:24.04', { entrypoint: ['sh', '-c'], parameters: ['wc -w /inputs/* > /outputs/count.txt'] }))
  .input(source.s3({ bucket: 'my-data', key: 'texts/', region: 'eu-west-1' }), { target: '/inputs' })
  .publisher(publisher.s3({ bucket: 'my-results', key: 'word-count/{jobID}' }))
  .resultPath('outputs', '/outputs')
  .resources({ cpu: '500m', memory: '512Mb' })
  .timeouts({ execution: '10m', total: '1h' })
  .build();

/** A WASM task whose module travels inline in the spec. */
export const wasmHello: TaskSpec<'batch'> = Task.batch()
  .name('wasm-hello')
  .input(source.inline('data:application/wasm;base64,AGFzbQEAAAA='), { target: '/app/main.wasm' })
  .engine(engine.wasm('/app/main.wasm', { parameters: ['hello'] }))
  .network(network.none())
  .build();

/** A web server kept running, with a port on a bridge network. */
export const webService: TaskSpec<'service'> = Task.service()
  .name('web')
  .engine(engine.docker('nginx:1.27'))
  .network(network.bridge([{ name: 'HTTP', static: 8080, target: 80 }]))
  .resources({ cpu: 1, memory: '1Gb' })
  .build();

/** A parameter sweep: one base builder forked into variants. */
const sweepBase = Task.batch()
  .name('sweep')
  .engine(engine.docker('python:3.12-slim', { entrypoint: ['python', '/code/train.py'] }))
  .input(source.urlDownload('https://example.com/code/train.py'), { target: '/code' })
  .publisher(publisher.ipfs())
  .resultPath('model', '/outputs');
export const sweep: readonly TaskSpec<'batch'>[] = [0.1, 0.01, 0.001].map((rate, index) =>
  sweepBase.name(`sweep-${index}`).env('LEARNING_RATE', String(rate)).build(),
);

/** Every example, by name. */
export const examples = { wordCount, wasmHello, webService, sweep };
