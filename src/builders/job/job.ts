/**
 * `Job`: where job builders start.
 *
 * @module
 */
import type { BacalhauSpecError } from '../../core/errors.js';
import type { JobDraft, JobDraftOf } from '../../io/draft.js';
import type { JobType } from '../../schema/job-types.js';
import { JobBuilderImpl } from './implementation.js';
import type { JobSpecOf } from '../../schema/wire.js';
import type { JobBuilderFor } from './types.js';

function start<J extends JobType>(jobType: J, name: string): JobBuilderFor<J, never> {
  return JobBuilderImpl.start(jobType, name);
}

/**
 * Starts job builders, one per job type; the job's name is required and
 * comes first. `.build()` compiles once `.task(…)` is called.
 *
 * ### Examples
 * ```ts
 * import { Job, engine, publisher } from 'bacalhau-jobs';
 *
 * const job = Job.batch('hello')
 *   .count(2)
 *   .label('team', 'data')
 *   .task((t) => t.name('main').engine(engine.docker('busybox:1.37.0', { parameters: ['echo', 'hi'] })).publisher(publisher.local()))
 *   .build();
 * ```
 *
 * @group Start here
 */
export const Job = Object.freeze({
  /**
   * A `batch` job: runs its task on `Count` nodes (default 1) and ends.
   *
   * ### Examples
   * ```ts
   * import { Job } from 'bacalhau-jobs';
   * const builder = Job.batch('nightly-etl'); // ScalableJobBuilder<'batch', never>
   * ```
   */
  batch: (name: string): JobBuilderFor<'batch', never> => start('batch', name),
  /**
   * An `ops` job: runs its task once on every matching node and ends (no `.count()`).
   *
   * ### Examples
   * ```ts
   * import { Job } from 'bacalhau-jobs';
   * const builder = Job.ops('rotate-logs'); // JobBuilder<'ops', never>
   * ```
   */
  ops: (name: string): JobBuilderFor<'ops', never> => start('ops', name),
  /**
   * A `service` job: keeps `Count` replicas (default 1) running.
   *
   * ### Examples
   * ```ts
   * import { Job } from 'bacalhau-jobs';
   * const builder = Job.service('web'); // ScalableJobBuilder<'service', never>
   * ```
   */
  service: (name: string): JobBuilderFor<'service', never> => start('service', name),
  /**
   * A `daemon` job: runs on every matching node, including nodes that join later (no `.count()`).
   *
   * ### Examples
   * ```ts
   * import { Job } from 'bacalhau-jobs';
   * const builder = Job.daemon('node-exporter'); // JobBuilder<'daemon', never>
   * ```
   */
  daemon: (name: string): JobBuilderFor<'daemon', never> => start('daemon', name),
  /**
   * A job of a type known only at run time (read from a form, a flag or a
   * file): an unknown `type` throws a {@link BacalhauSpecError} (rule
   * `job-type`), and the builder has the methods every job type
   * in `J` has (`.count()` only when `J` is batch or service). Its `.task(…)`
   * accepts a task of any type in `J`; the builder's validation then checks
   * that the task's type is the job's.
   *
   * ### Examples
   * ```ts
   * import { Job, engine, isJobType } from 'bacalhau-jobs';
   *
   * const requested: string = 'ops';
   * if (!isJobType(requested)) throw new Error(`unknown job type ${requested}`);
   * const job = Job.of(requested, 'rotate-logs') // JobBuilder<JobType, never>
   *   .task((t) => t.name('main').engine(engine.docker('alpine:3.20')))
   *   .build(); // JobSpec: check job.Type to narrow it
   * ```
   */
  of: <J extends JobType>(type: J, name: string): JobBuilderFor<J, never> => start(type, name),
  /**
   * A builder holding an existing job (built, or read with `parseJob` /
   * `parseJobResponse`), in its complete state and of its job type, to edit
   * and rebuild. Rebuilding an unedited job gives an equal spec.
   *
   * It also takes the {@link JobDraft} of an invalid file (`safeParseJob`'s
   * `draft`), wrong values and all, to repair: `.build()` throws a
   * {@link BacalhauSpecError} listing whatever is still wrong (a draft
   * without a task, too: give it one with `.task(…)`).
   *
   * ### Examples
   * ```ts
   * import { Job, parseJob } from 'bacalhau-jobs';
   *
   * const text = 'Name: nightly\nType: batch\nTasks:\n  - Name: main\n    Engine: {Type: docker, Params: {Image: alpine}}\n';
   * const job = parseJob(text, { jobType: 'batch' }); // JobSpec<'batch'>
   * const sharded = Job.from(job).count(4).build();
   * ```
   */
  from: <J extends JobType>(spec: JobSpecOf<J> | JobDraftOf<J>): JobBuilderFor<J, 'task'> => JobBuilderImpl.from<J>(spec),
});
