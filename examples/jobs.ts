/**
 * Example jobs built with the SDK from the example tasks. `main.ts` prints
 * them as YAML; the tests validate them and read them back.
 */
import { Job, engine, type JobSpec } from '../src/index.js';
import { sweep, wasmHello, webService, wordCount } from './tasks.js';

/** A batch job over S3 data, split into 4 partitions, on Linux nodes in two regions. */
export const wordCountJob: JobSpec<'batch'> = Job.batch('word-count')
  .namespace('analytics')
  .count(4)
  .label('team', 'data')
  .meta('owner', 'data-team')
  .constraint('Operating-System', '=', ['linux'])
  .constraint('region', 'in', ['eu-west-1', 'eu-west-2'])
  .task(wordCount)
  .build();

/** A WASM job with an inline module. */
export const wasmJob: JobSpec<'batch'> = Job.batch('wasm-hello').task(wasmHello).build();

/** A service with a port on a bridge network, three replicas. */
export const webJob: JobSpec<'service'> = Job.service('web').count(3).task(webService).build();

/** An ops job that runs once on every matching node. */
export const diskReport: JobSpec<'ops'> = Job.ops('disk-report')
  .constraint('GPU-0', 'exists')
  .task((t) => t.name('main').engine(engine.docker('alpine:3.20', { entrypoint: ['df', '-h'] })))
  .build();

/** A daemon on every node, including nodes that join later. */
export const logShipper: JobSpec<'daemon'> = Job.daemon('log-shipper')
  .task((t) => t.name('main').engine(engine.docker('fluent/fluent-bit:3.1')).resources({ cpu: '100m', memory: '128Mb' }))
  .build();

/** The parameter sweep: one job per variant. */
export const sweepJobs: readonly JobSpec<'batch'>[] = sweep.map((task) => Job.batch(task.Name).task(task).build());

/** Every example job, by name. */
export const jobs = { wordCountJob, wasmJob, webJob, diskReport, logShipper, sweepJobs };
