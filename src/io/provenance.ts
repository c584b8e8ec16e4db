/**
 * Remembers the specs the SDK itself built or parsed (deeply frozen, safe to
 * share), and the job type of each such task, so that `Task.from(spec)` can
 * restore the right builder: the wire shape of a task does not say.
 *
 * Being frozen is not enough to be shared: a caller's `Object.freeze` is
 * shallow, and what is below it can still change.
 *
 * @module
 */
import { deepFreeze } from '../core/freeze.js';
import type { JobType } from '../schema/job-types.js';
import type { SpecRole } from '../schema/description.js';

const sdkTasks = new WeakMap<object, JobType | undefined>();
/** Helper results, with the role of `{ Type, Params }` ones (networks have none). */
const sdkParts = new WeakMap<object, SpecRole | undefined>();

/**
 * Deep-freezes and records a `{ Type, Params }` or network object made by a
 * typed helper (`engine.docker(…)`, …): builders can then share it as it is,
 * instead of copying it as they must copy a caller's object.
 */
export function sdkPart<T extends object>(part: T, role?: SpecRole): T {
  sdkParts.set(deepFreeze(part), role);
  return part;
}

/** The role of a `{ Type, Params }` object a typed helper made, so builders can refuse it in another role at run time too. */
export function sdkPartRole(value: unknown): SpecRole | undefined {
  return typeof value === 'object' && value !== null ? sdkParts.get(value) : undefined;
}

/** Whether `value` was made by a typed helper (and so is frozen and canonical). */
export function isSdkPart(value: unknown): boolean {
  return typeof value === 'object' && value !== null && sdkParts.has(value);
}
const sdkJobs = new WeakSet<object>();

/** Records a task the SDK built or parsed (deeply frozen), with its job type when known. */
export function rememberTask(task: object, jobType: JobType | undefined): void {
  sdkTasks.set(task, jobType ?? sdkTasks.get(task));
}

/** Records a job the SDK built or parsed (deeply frozen), and its task. */
export function rememberJob(job: { readonly Type: JobType; readonly Tasks: readonly object[] }): void {
  sdkJobs.add(job);
  for (const task of job.Tasks) rememberTask(task, job.Type);
}

/** Whether `value` is a task the SDK built or parsed. */
export function isSdkTask(value: unknown): value is object {
  return typeof value === 'object' && value !== null && sdkTasks.has(value);
}

/** Whether `value` is a job the SDK built or parsed. */
export function isSdkJob(value: unknown): value is object {
  return typeof value === 'object' && value !== null && sdkJobs.has(value);
}

/** The job type of a task the SDK built or parsed, when known. */
export function recallJobType(task: unknown): JobType | undefined {
  return typeof task === 'object' && task !== null ? sdkTasks.get(task) : undefined;
}
