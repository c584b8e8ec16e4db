/**
 * Remembers which job type a built or parsed task belongs to, so that
 * `Task.from(spec)` can restore the right builder: the wire shape of a task
 * does not say.
 *
 * @module
 */
import type { JobType } from './job-type.js';

const jobTypes = new WeakMap<object, JobType>();

export function rememberJobType(task: unknown, jobType: JobType): void {
  if (typeof task === 'object' && task !== null) jobTypes.set(task, jobType);
}

export function recallJobType(task: unknown): JobType | undefined {
  return typeof task === 'object' && task !== null ? jobTypes.get(task) : undefined;
}
