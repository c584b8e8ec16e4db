/**
 * Bacalhau's job types.
 *
 * @module
 */

import { everyOf, WIRE_KEYS, type WireKey } from './description.js';
import { show } from '../core/report.js';

/**
 * The four job types (`Job.Type` on the wire, case-sensitive).
 *
 * - `batch`: runs on `Count` nodes and ends.
 * - `ops`: runs once on every matching node and ends.
 * - `service`: runs on `Count` nodes and keeps running.
 * - `daemon`: runs on every matching node, including nodes that join later.
 *
 * @example
 * ```ts
 * import type { JobType } from 'bacalhau-jobs';
 * const type: JobType = 'batch';
 * ```
 *
 * @group Spec types
 */
export type JobType = 'batch' | 'ops' | 'service' | 'daemon';

/**
 * Job types whose executions end and publish results: only their tasks have
 * `.publisher(…)` and `.resultPath(…)`.
 *
 * @example
 * ```ts
 * import type { ResultJobType } from 'bacalhau-jobs';
 * const type: ResultJobType = 'ops';
 * ```
 *
 * @group Spec types
 */
export type ResultJobType = JobTypeWith<'publishesResults'>;

/**
 * The job types whose trait `Trait` (in {@link JOB_TYPE_TRAITS}) is true: the
 * type-level reading of the same table, so a type and a check cannot disagree.
 *
 * @example
 * ```ts
 * import type { JobTypeWith } from 'bacalhau-jobs';
 * type NeverEnding = JobTypeWith<'runsUntilStopped'>; // 'service' | 'daemon'
 * ```
 *
 * @group Spec types
 */
export type JobTypeWith<Trait extends keyof JobTypeTraits> = {
  [J in JobType]: (typeof JOB_TYPE_TRAITS)[J][Trait] extends true ? J : never;
}[JobType];

/**
 * Every job type, in Bacalhau's order.
 *
 * @example
 * ```ts
 * import { JOB_TYPES } from 'bacalhau-jobs';
 * JOB_TYPES.includes('batch'); // true
 * ```
 *
 * @group Helpers
 */
export const JOB_TYPES: readonly JobType[] = everyOf<JobType>()(['batch', 'ops', 'service', 'daemon']);

/**
 * Whether `value` is one of the four job types (exact, lowercase).
 *
 * @example
 * ```ts
 * import { isJobType } from 'bacalhau-jobs';
 * isJobType('batch'); // true
 * isJobType('Batch'); // false: job types are case-sensitive
 * ```
 *
 * @group Helpers
 */
export function isJobType(value: unknown): value is JobType {
  return typeof value === 'string' && (JOB_TYPES as readonly string[]).includes(value);
}

const QUEUE_ONLY: readonly WireKey<'timeouts'>[] = Object.freeze(['QueueTimeout']);

/**
 * What each job type is, as Bacalhau schedules it: the one table the builders'
 * methods, the validators and {@link publishesResults} read.
 *
 * - `scalable`: runs `Count` copies (batch, service); the others run on every
 *   matching node, so `Count` above 1 is refused and `.count()` does not exist.
 * - `publishesResults`: completes, so its Publisher and ResultPaths are used (batch, ops).
 * - `runsUntilStopped`: never completes (service, daemon).
 * - `timeouts`: the `Timeouts` keys Bacalhau applies; a job that runs until stopped only waits in the queue.
 *
 * @example
 * ```ts
 * import { JOB_TYPE_TRAITS } from 'bacalhau-jobs';
 * JOB_TYPE_TRAITS.ops.scalable; // false
 * JOB_TYPE_TRAITS.service.runsUntilStopped; // true
 * ```
 *
 * @group Helpers
 */
export const JOB_TYPE_TRAITS: {
  /** Runs `Count` copies, which end and publish their results. */
  readonly batch: JobTypeTraits<true, true, false>;
  /** Runs once on every matching node; ends and publishes results. */
  readonly ops: JobTypeTraits<false, true, false>;
  /** Keeps `Count` copies running until stopped. */
  readonly service: JobTypeTraits<true, false, true>;
  /** Runs on every matching node, including later ones, until stopped. */
  readonly daemon: JobTypeTraits<false, false, true>;
} = Object.freeze({
  batch: Object.freeze({ scalable: true, publishesResults: true, runsUntilStopped: false, timeouts: WIRE_KEYS.timeouts }),
  ops: Object.freeze({ scalable: false, publishesResults: true, runsUntilStopped: false, timeouts: WIRE_KEYS.timeouts }),
  service: Object.freeze({ scalable: true, publishesResults: false, runsUntilStopped: true, timeouts: QUEUE_ONLY }),
  daemon: Object.freeze({ scalable: false, publishesResults: false, runsUntilStopped: true, timeouts: QUEUE_ONLY }),
});

/**
 * One job type's entry in {@link JOB_TYPE_TRAITS}, with each trait as a literal
 * `true` or `false`, so that {@link JobTypeWith} can read the table in types.
 *
 * @example
 * ```ts
 * import { JOB_TYPE_TRAITS, type JobTypeTraits } from 'bacalhau-jobs';
 * const ops: JobTypeTraits<false, true, false> = JOB_TYPE_TRAITS.ops;
 * ```
 *
 * @group Helpers
 */
export interface JobTypeTraits<Scalable extends boolean = boolean, PublishesResults extends boolean = boolean, RunsUntilStopped extends boolean = boolean> {
  /** Runs `Count` copies (batch, service); the others run on every matching node and refuse `Count` above 1. */
  readonly scalable: Scalable;
  /** Completes, so its Publisher and ResultPaths are used (batch, ops). */
  readonly publishesResults: PublishesResults;
  /** Never completes (service, daemon). */
  readonly runsUntilStopped: RunsUntilStopped;
  /** The `Timeouts` keys Bacalhau applies: all three for jobs that end, only `QueueTimeout` for the others. */
  readonly timeouts: readonly WireKey<'timeouts'>[];
}

/**
 * The message for a value that is no job type, naming the valid ones; `where`
 * says where it was given (`' in the jobType option'`), if anywhere.
 */
export function unknownJobTypeMessage(value: unknown, where = ''): string {
  return `unknown job type ${show(value)}${where}: use one of ${JOB_TYPES.join(', ')} (lowercase)`;
}

/**
 * Whether tasks of this job type publish results (batch and ops).
 *
 * @example
 * ```ts
 * import { publishesResults } from 'bacalhau-jobs';
 * publishesResults('ops'); // true
 * publishesResults('service'); // false
 * ```
 *
 * @group Helpers
 */
export function publishesResults(type: JobType): type is ResultJobType {
  // A JavaScript caller may pass any string: an unknown type publishes nothing.
  return isJobType(type) && JOB_TYPE_TRAITS[type].publishesResults;
}
