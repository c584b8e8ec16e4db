/**
 * The one run-time class behind every job builder type, on the same builder
 * core as the task builder (../state.ts): frozen props, the shared update
 * step, a new instance per call.
 *
 * @module
 */
import {
  afterRemoval,
  copyArgument,
  copyEntries,
  entriesOf,
  fieldOf,
  hasEntry,
  indexesWhere,
  isUnderPath,
  listOf,
  mergeEntries,
  nextProps,
  replacePending,
  setOrDelete,
  specOrThrow,
  validateSpec,
  withoutEntry,
  type BuilderProps,
  type Implementing,
} from '../state.js';
import { canonicalJobArgument } from '../../io/canonical.js';
import { copyJson, orderKeys } from '../../core/copy.js';
import { WIRE_KEYS } from '../../schema/description.js';
import { BacalhauSpecError, type Problem } from '../../core/errors.js';
import { deepFreeze } from '../../core/freeze.js';
import { isJobType, JOB_TYPE_TRAITS, unknownJobTypeMessage, type JobType } from '../../schema/job-types.js';
import { TaskBuilderImpl } from '../task/implementation.js';
import type { jobTypeState, RequiredJobField, RequiredTaskField } from '../type-state.js';
import type { JobBuilder, JobBuilderFor, ScalableJobBuilder, ScalableJobType } from './types.js';
import type { Validated } from '../../core/result.js';
import { checkJob } from '../../validation/job.js';
import { isSdkJob, isSdkTask, rememberJob } from '../../io/provenance.js';
import { atPath, childPath, isPlainObject, problemAt, show } from '../../core/report.js';
import type { JobSpec, TaskSpec } from '../../schema/wire.js';


/**
 * The whole state of a job builder (see {@link BuilderProps}): its fields are
 * every job field but Tasks, its argument problems have job-level paths (a
 * task's start with `Tasks[0]`), and the one task is kept apart.
 */
interface JobProps<J extends JobType> extends BuilderProps<J> {
  /** The one task, in wire shape (possibly invalid), or undefined. */
  readonly task: unknown;
}

const TASK_PATH = 'Tasks[0]';

function argumentError(method: string, path: string, rule: Problem['rule'], message: string): BacalhauSpecError {
  return new BacalhauSpecError(`Job builder .${method}()`, [problemAt(path, rule, message)]);
}

/** The problems under `Tasks[0]`, with task-relative paths (the inverse of {@link inTask}). */
function outOfTask(problems: readonly Problem[]): Problem[] {
  return problems
    .filter((p) => isUnderPath(p.path, TASK_PATH))
    .map((p) => atPath(p, p.path === TASK_PATH ? '' : p.path.startsWith(`${TASK_PATH}.`) ? p.path.slice(TASK_PATH.length + 1) : p.path.slice(TASK_PATH.length)));
}

/** Prefixes task-relative problem paths with `Tasks[0]`. */
function inTask(problems: readonly Problem[]): Problem[] {
  return problems.map((p) => atPath(p, p.path === '' ? TASK_PATH : p.path.startsWith('[') ? `${TASK_PATH}${p.path}` : `${TASK_PATH}.${p.path}`));
}

/**
 * `.count()` is held to its interface too: for batch and service the class must
 * be a {@link ScalableJobBuilder} (this alias does not compile otherwise).
 */
export type ScalableJobBuilderImpl<J extends ScalableJobType, Set extends RequiredJobField> = Implementing<JobBuilderImpl<J, Set>, ScalableJobBuilder<J, Set>>;

/**
 * The one class behind every job builder interface: {@link JobBuilder} for all
 * job types, and `.count()` of {@link ScalableJobBuilder}, which it also has (it
 * refuses ops and daemon jobs at run time, for callers without types). `J` and
 * `Set` are the interfaces' job type and type-state, so the compiler checks
 * every method against its interface.
 */
export class JobBuilderImpl<J extends JobType = JobType, Set extends RequiredJobField = never> implements JobBuilder<J, Set> {
  /** The interfaces' type-state member: declared for the compiler, never set. */
  declare readonly [jobTypeState]: (set: Set) => J;
  readonly #props: JobProps<J>;

  constructor(props: JobProps<J>) {
    this.#props = Object.freeze(props);
  }

  /** A fresh builder for a job named `name`, checked at run time for callers without types. */
  static start<J extends JobType>(jobType: J, name: unknown): JobBuilderImpl<J> {
    if (!isJobType(jobType)) {
      throw argumentError('start', 'Type', 'job-type', unknownJobTypeMessage(jobType));
    }
    const pending: Problem[] = [];
    const copiedName = copyArgument(name, 'Name', pending);
    const job = copiedName === undefined || copiedName === null ? { Type: jobType } : { Name: copiedName, Type: jobType };
    return new JobBuilderImpl({ jobType, fields: job, task: undefined, pending });
  }

  /**
   * A builder holding `job` (a built, parsed or plain wire job). Specs the SDK
   * built or parsed are shared as they are; anything else is the caller's and is copied.
   */
  static from<J extends JobType>(job: unknown): JobBuilderImpl<J, RequiredJobField> {
    const pending: Problem[] = [];
    const copied = isSdkJob(job) ? job : copyJson(job, '', pending);
    if (!isPlainObject(copied)) throw argumentError('from', '', 'type', `expected a job object, got ${show(job)}`);
    // Written as the readers write it (keys in any case, as Bacalhau reads them), so what it builds is canonical.
    const state = isSdkJob(job) ? copied : canonicalJobArgument(copied);
    const { Tasks: tasks, ...fields } = state;
    // The type is checked at run time by start(); a JobSpecOf<J> names J.
    const { jobType } = JobBuilderImpl.start(state['Type'] as J, state['Name']).#props;
    if (Array.isArray(tasks) && tasks.length > 1) {
      pending.push(problemAt('Tasks[1]', 'single-task', `Bacalhau runs one task per job; the builder keeps Tasks[0] and cannot hold the other ${tasks.length - 1}`));
    }
    return new JobBuilderImpl<J, RequiredJobField>({ jobType, fields, task: Array.isArray(tasks) ? tasks[0] : undefined, pending });
  }

  /** A new builder: `change` applied to the job's fields by the shared update step, with `pending` as the argument problems. */
  #with(change: (fields: Record<string, unknown>) => void, pending?: readonly Problem[]): this {
    return new JobBuilderImpl<J, Set>(nextProps(this.#props, change, pending)) as this;
  }

  /** Sets a scalar field from a caller's argument (copied; a non-JSON value becomes a problem). */
  #set(key: string, value: unknown): this {
    const pending: Problem[] = [];
    const copied = copyArgument(value, key, pending);
    return this.#with(
      (fields) => {
        if (copied === undefined || copied === null) delete fields[key];
        else fields[key] = copied;
      },
      [...this.#props.pending.filter((p) => p.path !== key), ...pending],
    );
  }

  name(name: string): this {
    return this.#set('Name', name);
  }

  namespace(namespace: string): this {
    return this.#set('Namespace', namespace);
  }

  priority(priority: number): this {
    return this.#set('Priority', priority);
  }

  count(count: number): this {
    if (!JOB_TYPE_TRAITS[this.#props.jobType].scalable) {
      throw argumentError('count', 'Count', 'count', `.count() is only available for batch and service jobs; ${this.#props.jobType} jobs run on every matching node`);
    }
    return this.#set('Count', count);
  }

  label(key: string, value: string): this {
    if (typeof key !== 'string') throw argumentError('label', 'Labels', 'type', `a label key must be a string, got ${show(key)}`);
    return this.#merge('Labels', [[key, value]]);
  }

  labels(labels: Readonly<Record<string, string>>): this {
    if (!isPlainObject(labels)) throw argumentError('labels', 'Labels', 'type', `expected a record of strings, got ${show(labels)}`);
    return this.#merge('Labels', Object.entries(labels));
  }

  meta(keyOrEntries: unknown, value?: unknown): this {
    const entries = entriesOf(keyOrEntries, value, arguments.length);
    if (entries === undefined) throw argumentError('meta', 'Meta', 'type', `expected (key, value) or a record of strings, got ${show(keyOrEntries)}`);
    return this.#merge('Meta', entries);
  }

  /**
   * Merges entries into a string map without ever assigning a key (so `__proto__` stays data).
   * A value set again replaces the argument problems of the value it replaces, as in the task builder.
   */
  #merge(key: 'Labels' | 'Meta', entries: readonly [string, unknown][]): this {
    const problems: Problem[] = [];
    const copied = copyEntries(entries, key, problems);
    const pending = replacePending(this.#props.pending, entries.map(([name]) => childPath(key, name)), problems);
    return this.#with((fields) => setOrDelete(fields, key, mergeEntries(fields[key], copied)), pending);
  }

  removeLabel(key: string): this {
    return this.#removeKey('removeLabel', 'Labels', key);
  }

  removeMeta(key: string): this {
    return this.#removeKey('removeMeta', 'Meta', key);
  }

  /** Removes the entry `key` of a string map and the argument problems it brought; an empty map is left out. */
  #removeKey(method: string, section: 'Labels' | 'Meta', key: unknown): this {
    if (typeof key !== 'string') throw argumentError(method, section, 'type', `expected the key to remove (a string), got ${show(key)}`);
    if (!hasEntry(this.#props.fields[section], key)) return new JobBuilderImpl(this.#props) as this;
    const rest = withoutEntry(this.#props.fields[section], key);
    const at = childPath(section, key);
    const pending = this.#props.pending.some((p) => isUnderPath(p.path, at)) ? this.#props.pending.filter((p) => !isUnderPath(p.path, at)) : undefined;
    return this.#with((fields) => setOrDelete(fields, section, rest), pending);
  }

  removeConstraint(key: string): this {
    if (typeof key !== 'string') throw argumentError('removeConstraint', 'Constraints', 'type', `expected the key of the constraints to remove (a string), got ${show(key)}`);
    const list = listOf(this.#props.fields['Constraints']);
    const removed = indexesWhere(list, (entry) => fieldOf(entry, 'Key') === key);
    if (removed.length === 0) return new JobBuilderImpl(this.#props) as this;
    const kept = list.filter((_entry, index) => !removed.includes(index));
    const pending = afterRemoval(this.#props.pending, 'Constraints', removed);
    return this.#with((fields) => {
      if (kept.length === 0) delete fields['Constraints'];
      else fields['Constraints'] = kept;
    }, pending);
  }

  constraint(key: string, operator: string, values?: readonly string[]): this {
    const pending: Problem[] = [];
    const index = listOf(this.#props.fields['Constraints']).length;
    // No values and an empty list mean the same to Bacalhau; canonical specs leave the key out.
    const copiedValues = values === undefined || (Array.isArray(values) && values.length === 0) ? undefined : copyJson(values, `Constraints[${index}].Values`, pending);
    const at = `Constraints[${index}]`;
    const constraint = orderKeys(
      { Key: copyArgument(key, `${at}.Key`, pending), Operator: copyArgument(operator, `${at}.Operator`, pending), Values: copiedValues },
      WIRE_KEYS.constraint,
    );
    return this.#with(
      (fields) => {
        fields['Constraints'] = [...listOf(fields['Constraints']), constraint];
      },
      pending.length > 0 ? [...this.#props.pending, ...pending] : this.#props.pending,
    );
  }

  task(input: unknown): JobBuilderFor<J, Set | 'task'> {
    const { task, pending } = this.#taskOf(input);
    // Frozen now, so that it is frozen when the job is built and every fork can share it.
    deepFreeze(task);
    // The new task replaces every earlier one, and with them their problems.
    const kept = this.#props.pending.filter((p) => !p.path.startsWith('Tasks['));
    // Replacing a whole top-level value: the new props share everything else as it is (the hot path of sweeps).
    return new JobBuilderImpl<J, Set | 'task'>({ ...this.#props, task, pending: kept.length === 0 && pending.length === 0 ? kept : [...kept, ...pending] });
  }

  updateTask(update: unknown): this {
    const current = this.#props.task;
    if (current === undefined) {
      throw argumentError('updateTask', 'Tasks', 'required', 'the job has no task to update yet: call .task(…) before .updateTask(…)');
    }
    if (typeof update !== 'function') throw argumentError('updateTask', TASK_PATH, 'type', `expected a callback that returns a task builder, got ${show(update)}`);
    if (!isPlainObject(current)) {
      // Only a job read with Job.from can hold a task that is not an object; its problem is already known.
      throw argumentError('updateTask', TASK_PATH, 'type', `the job's task is not a task object (${show(current)}): replace it with .task(…)`);
    }
    const builder = TaskBuilderImpl.resume(current, this.#props.jobType, outOfTask(this.#props.pending));
    const result = (update as (t: unknown) => unknown)(builder);
    if (!(result instanceof TaskBuilderImpl)) {
      throw argumentError('updateTask', TASK_PATH, 'type', `the .updateTask() callback must return a task builder (the one it was given, changed), got ${show(result)}`);
    }
    const { task, pending } = this.#fromBuilder(result, 'updateTask');
    deepFreeze(task);
    // The task's own problems come back from its builder; the job's (and a dropped Tasks[1]'s) stay.
    const kept = this.#props.pending.filter((p) => !isUnderPath(p.path, TASK_PATH));
    return new JobBuilderImpl({ ...this.#props, task, pending: kept.length === 0 && pending.length === 0 ? kept : [...kept, ...pending] }) as this;
  }

  /** The wire task and job-relative argument problems of a task builder, which must be of this job's type. */
  #fromBuilder<Set extends RequiredTaskField>(candidate: TaskBuilderImpl<JobType, Set>, method: string): { task: unknown; pending: Problem[] } {
    if (candidate.jobType !== this.#props.jobType) {
      throw argumentError(method, TASK_PATH, 'job-type', `a ${candidate.jobType} task cannot go into a ${this.#props.jobType} job`);
    }
    const snapshot = candidate.snapshot();
    return { task: snapshot.task, pending: inTask(snapshot.pending) };
  }

  /** The wire task and its argument problems for any accepted `.task(…)` argument. */
  #taskOf(input: unknown): { task: unknown; pending: Problem[] } {
    const candidate = typeof input === 'function' ? (input as (t: unknown) => unknown)(TaskBuilderImpl.start(this.#props.jobType)) : input;
    if (candidate instanceof TaskBuilderImpl) return this.#fromBuilder(candidate, 'task');
    if (typeof input === 'function') {
      throw argumentError('task', TASK_PATH, 'type', `the .task() callback must return the task builder it was given, got ${show(candidate)}`);
    }
    // A task the SDK built or parsed is deeply frozen and can be shared; anything else is the caller's and is copied.
    if (isSdkTask(candidate)) return { task: candidate, pending: [] };
    const pending: Problem[] = [];
    return { task: copyJson(candidate, TASK_PATH, pending), pending };
  }

  validate(): Validated<JobSpec<J>> {
    return validateSpec(this.#assemble(), this.#props.pending, checkJob, rememberJob);
  }

  build(): JobSpec<J> {
    return specOrThrow(this.validate(), `Invalid ${this.#props.jobType} job`);
  }

  get jobType(): J {
    return this.#props.jobType;
  }

  #assemble(): JobSpec<J> {
    const { fields, task } = this.#props;
    const tasks = task === undefined ? undefined : [task as TaskSpec];
    // Wire data, judged by the validator before it is handed out as a spec.
    return orderKeys({ ...fields, Tasks: tasks }, WIRE_KEYS.job) as unknown as JobSpec<J>;
  }
}

