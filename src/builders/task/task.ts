/**
 * `Task`: where task builders start.
 *
 * @module
 */
import type { TaskDraft } from '../../io/draft.js';
import { BacalhauSpecError } from '../../core/errors.js';
import { problemAt } from '../../core/report.js';
import type { JobType } from '../../schema/job-types.js';
import { recallJobType } from '../../io/provenance.js';
import type { TaskSpec } from '../../schema/wire.js';
import { TaskBuilderImpl } from './implementation.js';
import type { TaskBuilderFor } from './types.js';

function start<J extends JobType>(jobType: J): TaskBuilderFor<J, never> {
  return TaskBuilderImpl.start(jobType);
}

/**
 * Starts task builders, one per job type. Required values are set with
 * `.name()` and `.engine()`; `.build()` compiles once both are called.
 *
 * ### Examples
 * ```ts
 * import { Task, engine, publisher, source } from 'bacalhau-jobs';
 *
 * const task = Task.batch()
 *   .name('word-count')
 *   .engine(engine.docker('ubuntu:24.04', { entrypoint: ['sh', '-c', 'wc -w /inputs/* > /outputs/count'] }))
 *   .input(source.urlDownload('https://example.com/words.txt'), { target: '/inputs' })
 *   .publisher(publisher.local())
 *   .resultPath('outputs', '/outputs')
 *   .build();
 * ```
 *
 * @group Start here
 */
export const Task = Object.freeze({
  /**
   * A task for a `batch` job: runs on `Count` nodes, ends, publishes results.
   *
   * ### Examples
   * ```ts
   * import { Task } from 'bacalhau-jobs';
   * const builder = Task.batch(); // PublishingTaskBuilder<'batch', never>
   * ```
   */
  batch: (): TaskBuilderFor<'batch', never> => start('batch'),
  /**
   * A task for an `ops` job: runs once on every matching node, ends, publishes results.
   *
   * ### Examples
   * ```ts
   * import { Task } from 'bacalhau-jobs';
   * const builder = Task.ops(); // PublishingTaskBuilder<'ops', never>
   * ```
   */
  ops: (): TaskBuilderFor<'ops', never> => start('ops'),
  /**
   * A task for a `service` job: runs on `Count` nodes and keeps running (no publisher).
   *
   * ### Examples
   * ```ts
   * import { Task } from 'bacalhau-jobs';
   * const builder = Task.service(); // TaskBuilder<'service', never>
   * ```
   */
  service: (): TaskBuilderFor<'service', never> => start('service'),
  /**
   * A task for a `daemon` job: runs on every matching node, including nodes that join later (no publisher).
   *
   * ### Examples
   * ```ts
   * import { Task } from 'bacalhau-jobs';
   * const builder = Task.daemon(); // TaskBuilder<'daemon', never>
   * ```
   */
  daemon: (): TaskBuilderFor<'daemon', never> => start('daemon'),
  /**
   * A task builder for a job type known only at run time. With a literal type
   * it is the same as the named starters; with a `JobType` union it returns
   * one builder for all of those job types, which offers the methods they all
   * share (no `.publisher()`), so the result stays type-safe. Throws
   * {@link BacalhauSpecError} for a string that is not a job type.
   *
   * ### Examples
   * ```ts
   * import { Task, engine, isJobType } from 'bacalhau-jobs';
   *
   * const type: string = 'ops';
   * if (isJobType(type)) {
   *   const spec = Task.of(type).name('main').engine(engine.docker('alpine')).build();
   * }
   * ```
   */
  of: <J extends JobType>(jobType: J): TaskBuilderFor<J, never> => start(jobType),
  /**
   * A builder holding an existing task (built, or read with `parseTask` /
   * `parseJob`), in its complete state, to edit and rebuild. Tasks built by
   * the SDK or parsed with a `jobType` remember their job type; for any other
   * task, pass it. Rebuilding an unedited task gives an equal spec. It also
   * takes the {@link TaskDraft} of an invalid task (`safeParseTask`'s
   * `draft`), to repair: `.build()` reports whatever is still wrong.
   *
   * ### Examples
   * ```ts
   * import { Task, engine } from 'bacalhau-jobs';
   *
   * const original = Task.batch().name('main').engine(engine.docker('alpine')).build();
   * const edited = Task.from(original).env('MODE', 'fast').build(); // TaskSpec<'batch'>
   * ```
   */
  from: <J extends JobType>(spec: TaskSpec<J> | TaskDraft<J>, jobType?: J): TaskBuilderFor<J, 'name' | 'engine'> => {
    // A spec typed TaskSpec<J> was built or parsed for J, which the SDK remembered.
    const type = jobType ?? (recallJobType(spec) as J | undefined);
    if (type === undefined) {
      throw new BacalhauSpecError('Task.from()', [
        problemAt('', 'job-type', "this task's job type is unknown (it was not built or parsed with one): pass it, e.g. Task.from(spec, 'batch')"),
      ]);
    }
    return TaskBuilderImpl.from(spec, type);
  },
});
