/**
 * Drafts: a spec as read from input that has problems, so that it can be
 * repaired with the builders (`Job.from(draft)`) instead of by patching raw
 * objects.
 *
 * A draft keeps every known field as it was read, invalid values included,
 * in canonical form (PascalCase keys, canonical type names, as `parseJob`
 * writes them): what is wrong stays wrong until the caller fixes it, and the
 * builder's `.build()` reports whatever still is. It leaves out what the
 * validator reported as not belonging to the spec (unknown keys, the second
 * of two keys that differ only in case, server-set keys such as `ID`), and,
 * like a parsed spec, what Bacalhau reads as unset: nulls, and empty lists
 * and maps (so a builder reports an empty `Source` as missing, not its `Type`).
 *
 * @module
 */
import { canonicalJob, canonicalTask } from './canonical.js';
import { deepFreeze } from '../core/freeze.js';
import { isJobType, type JobType } from '../schema/job-types.js';
import { rememberTask } from './provenance.js';
import type { JobSpec, TaskSpec } from '../schema/wire.js';

/**
 * A job as read from input that has problems: what `safeParseJob` returns as
 * `draft` when the spec is invalid, to be repaired with `Job.from(draft)`.
 *
 * Every known field is kept as read, even a value that is wrong (`Memory:
 * '1 gigabyte'`, `Count: 'two'`), so the builder can fix it; their types are
 * `unknown` because they may be anything. Unknown keys are left out (each is
 * one of the result's `unknown-key` problems). `Type` is always a job type,
 * which is what lets `Job.from` choose the builder: the one read, or the
 * `jobType` the parser was given.
 *
 * ### Examples
 * ```ts
 * import { Job, safeParseJob, type JobDraft } from 'bacalhau-jobs';
 *
 * const text = 'Type: batch\nCount: two\nTasks:\n  - Name: main\n    Engine: {Type: docker, Params: {Image: alpine}}\n';
 * const result = safeParseJob(text, { jobType: 'batch' });
 * if (!result.valid && result.draft !== undefined) {
 *   const draft: JobDraft<'batch'> = result.draft; // draft.Count is 'two', as read
 *   const job = Job.from(draft).count(2).build();
 * }
 * ```
 *
 * @group Reading and writing specs
 */
export type JobDraft<J extends JobType = JobType> = J extends JobType ? JobDraftOf<J> : never;

/**
 * The draft of a job of job type `J`: one member of the {@link JobDraft} union,
 * which is discriminated by `Type` as {@link JobSpec} is, so checking
 * `draft.Type` narrows it.
 *
 * ### Examples
 * ```ts
 * import { Job, safeParseJob } from 'bacalhau-jobs';
 *
 * const result = safeParseJob('Type: batch\nCount: two\nTasks:\n  - Name: main\n    Engine: {Type: docker, Params: {Image: alpine}}\n    Publisher: {Type: local}\n');
 * if (!result.valid && result.draft?.Type === 'batch') Job.from(result.draft).count(2).build();
 * ```
 *
 * @group Reading and writing specs
 */
export interface JobDraftOf<J extends JobType> {
  /** The job's name, as read. */
  readonly Name?: unknown;
  /** The job's namespace, as read. */
  readonly Namespace?: unknown;
  /** The job type: the one the input names, or the `jobType` it was read as. */
  readonly Type: J;
  /** The scheduling priority, as read. */
  readonly Priority?: unknown;
  /** How many executions, as read. */
  readonly Count?: unknown;
  /** The node constraints, as read. */
  readonly Constraints?: unknown;
  /** The job's metadata, as read. */
  readonly Meta?: unknown;
  /** The job's labels, as read. */
  readonly Labels?: unknown;
  /** The tasks, as read (each in canonical form, without its unknown keys). */
  readonly Tasks?: unknown;
}

/**
 * A task as read from input that has problems: what `safeParseTask` returns
 * as `draft` when the spec is invalid, to be repaired with `Task.from(draft)`.
 * Known fields are kept as read (their types are `unknown`: they may be
 * anything), unknown keys are left out (each is one of the result's
 * `unknown-key` problems). Read with a `jobType`, the draft remembers it, as
 * a parsed task does.
 *
 * ### Examples
 * ```ts
 * import { Task, safeParseTask, type TaskDraft } from 'bacalhau-jobs';
 *
 * const result = safeParseTask('Name: main\nEngine: {Type: docker, Params: {Image: alpine}}\nEnv: {mode: fast}', { jobType: 'batch' });
 * if (!result.valid && result.draft !== undefined) {
 *   const draft: TaskDraft<'batch'> = result.draft; // draft.Env is { mode: 'fast' }, as read
 *   const task = Task.from(draft).removeEnv('mode').env('MODE', 'fast').build();
 * }
 * ```
 *
 * @group Reading and writing specs
 */
export type TaskDraft<J extends JobType = JobType> = {
  // The one key that is not a string is TaskSpec's type-level job type, kept so that Task.from infers it.
  readonly [K in keyof TaskSpec<J>]?: K extends string ? unknown : TaskSpec<J>[K];
};

/**
 * The draft of a job read as `object`, which the validator checked; deeply
 * frozen. With `jobType` its `Type` is that type (a missing, invalid or other
 * `Type` in the input is already one of the problems); without, there is no
 * draft unless the input names a job type, since no builder could hold it.
 */
export function jobDraft<J extends JobType>(object: Readonly<Record<string, unknown>>, jobType: J | undefined): JobDraft<J> | undefined {
  // Setting the key `Type` itself wins over one in another case, as in canonicalJob.
  const draft = canonicalJob(jobType === undefined ? object : { ...object, Type: jobType });
  // Without jobType, J is the JobType default, so any job type is a J.
  return isJobType(draft['Type']) ? (deepFreeze(draft) as unknown as JobDraft<J>) : undefined;
}

/** The draft of a task read as `object`, which the validator checked; deeply frozen, and remembering `jobType` when given. */
export function taskDraft<J extends JobType>(object: Readonly<Record<string, unknown>>, jobType: J | undefined): TaskDraft<J> {
  const draft = deepFreeze(canonicalTask(object));
  // Task.from(draft) then restores the right builder, as for a parsed task; the registry
  // only says the draft is the SDK's and deeply frozen, never that it is valid.
  if (jobType !== undefined) rememberTask(draft, jobType);
  return draft as TaskDraft<J>;
}
