/**
 * Bacalhau's job types.
 *
 * @module
 */

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
export type ResultJobType = 'batch' | 'ops';

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
export const JOB_TYPES: readonly JobType[] = Object.freeze(['batch', 'ops', 'service', 'daemon']);

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
  return type === 'batch' || type === 'ops';
}
