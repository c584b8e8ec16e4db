/**
 * The public types of the job builder.
 *
 * Same design as the task builder: the job type and one flat type-state
 * (`'task'` once a task is set), so a hovered builder reads
 * `ScalableJobBuilder<'batch', 'task'>`.
 *
 * @module
 */
import type { BacalhauSpecError } from '../../core/errors.js';
import type { JobType, JobTypeWith } from '../../schema/job-types.js';
import type { Validated } from '../../core/result.js';
import type { TaskBuilderFor } from '../task/types.js';
import type { JobBuildableWhen, jobTypeState, RequiredJobField, TypeStateError } from '../type-state.js';

export type { JobBuildableWhen, RequiredJobField } from '../type-state.js';
import type { ConstraintOperator, JobSpec, TaskSpec } from '../../schema/wire.js';

/**
 * Job types whose `Count` (number of replicas or partitions) can be set.
 * Ops and daemon jobs run on every matching node instead.
 *
 * @example
 * ```ts
 * import type { ScalableJobType } from 'bacalhau-jobs';
 * const type: ScalableJobType = 'service';
 * ```
 *
 * @group Spec types
 */
export type ScalableJobType = JobTypeWith<'scalable'>;

/**
 * The job builder interface for job type `J`: {@link ScalableJobBuilder} (with
 * `.count()`) for batch and service jobs, {@link JobBuilder} for ops and daemon jobs.
 * A union of job types (known only at run time, see `Job.of`) gets one
 * builder for all of them, with the methods every member has.
 *
 * @example
 * ```ts
 * import { Job, type JobBuilderFor } from 'bacalhau-jobs';
 * const builder: JobBuilderFor<'daemon', never> = Job.daemon('agent');
 * ```
 *
 * @group Builders
 */
export type JobBuilderFor<J extends JobType, Set extends RequiredJobField> = [J] extends [ScalableJobType]
  ? ScalableJobBuilder<J, Set>
  : JobBuilder<J, Set>;

/**
 * A Meta key, or a compile error when it uses Bacalhau's reserved prefix.
 *
 * @example
 * ```ts
 * import type { UnreservedMetaKey } from 'bacalhau-jobs';
 * type Ok = UnreservedMetaKey<'team'>; // 'team'
 * ```
 *
 * @group Builders
 */
export type UnreservedMetaKey<K extends string> = K extends `bacalhau.org/${string}`
  ? TypeStateError<`Meta key '${K}' is reserved: Bacalhau drops keys starting with 'bacalhau.org/'`>
  : K;

/**
 * Meta entries, with every key under Bacalhau's reserved prefix turned into a compile error.
 *
 * @example
 * ```ts
 * import type { UnreservedMeta } from 'bacalhau-jobs';
 * type Checked = UnreservedMeta<{ team: string }>;
 * ```
 *
 * @group Builders
 */
export type UnreservedMeta<R> = {
  readonly [K in keyof R]: K extends `bacalhau.org/${string}`
    ? TypeStateError<`Meta key '${K}' is reserved: Bacalhau drops keys starting with 'bacalhau.org/'`>
    : R[K];
};

/**
 * How many values `.constraint(key, operator, values)` takes for `Operator`:
 * `unknown` (no objection) when `Values` fits, otherwise a {@link TypeStateError}
 * saying what is wrong. `in`/`notin` need a list known to be non-empty (a
 * literal list, or a `readonly [string, ...string[]]`): a `string[]` may be
 * empty, and Bacalhau rejects an empty one. The other operators with values
 * take exactly one; `exists` and `!` take none.
 *
 * Checked on the argument rather than spread over overloads: TypeScript 7
 * reports only the last overload that failed, which named the wrong operator list.
 *
 * @example
 * ```ts
 * import type { ConstraintValuesCheck } from 'bacalhau-jobs';
 * type Fits = ConstraintValuesCheck<'in', ['eu-west-1']>; // unknown
 * type MayBeEmpty = ConstraintValuesCheck<'in', string[]>; // TypeStateError<"'in' needs at least one value: …">
 * ```
 *
 * @group Builders
 */
export type ConstraintValuesCheck<Operator extends ConstraintOperator, Values extends readonly string[]> = [Operator] extends [
  'exists' | '!',
]
  ? TypeStateError<`'${Operator}' takes no values: leave out the list`>
  : [Operator] extends ['in' | 'notin']
    ? Values extends readonly [string, ...string[]]
      ? unknown
      : TypeStateError<`'${Operator}' needs at least one value, and a string[] may be empty: pass a literal list or a readonly [string, ...string[]]`>
    : Values extends readonly [string]
      ? unknown
      : TypeStateError<`'${Operator}' takes exactly one value: pass a one-element list such as ['linux']`>;

/**
 * `unknown` when `Operator` may be used without values (`exists`, `!`),
 * otherwise a {@link TypeStateError} saying that values are needed.
 *
 * @example
 * ```ts
 * import type { ConstraintWithoutValuesCheck } from 'bacalhau-jobs';
 * type Fits = ConstraintWithoutValuesCheck<'exists'>; // unknown
 * type Missing = ConstraintWithoutValuesCheck<'in'>; // TypeStateError<"'in' needs values: …">
 * ```
 *
 * @group Builders
 */
export type ConstraintWithoutValuesCheck<Operator extends ConstraintOperator> = [Operator] extends ['exists' | '!']
  ? unknown
  : // Every operator: not a literal, or a misspelt one (the compiler then reports it as not a ConstraintOperator).
    [ConstraintOperator] extends [Operator]
    ? unknown
    : TypeStateError<`'${Operator}' needs values: pass them as a list after the operator, e.g. .constraint('region', 'in', ['eu-west-1'])`>;

/**
 * What `.task(…)` accepts for a job of type `J`: a built task of the same job
 * type, a complete task builder of the same job type, or a callback that
 * completes a fresh task builder.
 *
 * @example
 * ```ts
 * import { Task, engine, type TaskInput } from 'bacalhau-jobs';
 * const task: TaskInput<'batch'> = Task.batch().name('main').engine(engine.docker('alpine'));
 * ```
 *
 * @group Builders
 */
export type TaskInput<J extends JobType> =
  | TaskSpec<J>
  | TaskBuilderFor<J, 'name' | 'engine'>
  | ((task: TaskBuilderFor<J, never>) => TaskBuilderFor<J, 'name' | 'engine'>);


/**
 * An immutable builder of a Bacalhau job of type `J`. Every method returns a
 * NEW builder and leaves its receiver unchanged.
 *
 * A job holds exactly one task, as Bacalhau runs one task per job: calling
 * `.task(…)` again replaces it. `.build()` compiles once a task is set.
 *
 * ### Examples
 * ```ts
 * import { Job, engine } from 'bacalhau-jobs';
 *
 * const job = Job.ops('disk-report')
 *   .constraint('Operating-System', '=', ['linux'])
 *   .task((t) => t.name('main').engine(engine.docker('alpine', { parameters: ['df', '-h'] })))
 *   .build();
 * ```
 *
 * @typeParam J - the job type.
 * @typeParam Set - `'task'` once a task is set.
 *
 * @group Builders
 */
export interface JobBuilder<J extends JobType, Set extends RequiredJobField = never> {
  /** @hidden Carries the type-state in the structure; never exists at run time. */
  readonly [jobTypeState]: (set: Set) => J;

  /**
   * Renames the job (replacing the name it was started with). A job's name
   * is its identity in its namespace: submitting an existing name updates
   * that job, so give every variant forked from a base builder its own name.
   *
   * ### Examples
   * ```ts
   * import { Job, engine } from 'bacalhau-jobs';
   * const base = Job.batch('train').task((t) => t.name('main').engine(engine.docker('trainer:1')));
   * const variants = [1, 2, 3].map((seed) => base.name(`train-${seed}`).build());
   * ```
   */
  name(name: string): this;

  /**
   * Sets the `Namespace` (replacing any earlier one). Absent means `default`.
   *
   * ### Examples
   * ```ts
   * import { Job } from 'bacalhau-jobs';
   * Job.batch('etl').namespace('analytics');
   * ```
   */
  namespace(namespace: string): this;

  /**
   * Sets the scheduling `Priority` (an integer; absent means the node's default).
   *
   * ### Examples
   * ```ts
   * import { Job } from 'bacalhau-jobs';
   * Job.batch('urgent').priority(50);
   * ```
   */
  priority(priority: number): this;

  /**
   * Sets one label, used to find jobs (`bacalhau job list --labels`); other labels are kept.
   *
   * ### Examples
   * ```ts
   * import { Job } from 'bacalhau-jobs';
   * Job.batch('etl').label('env', 'prod').label('team', 'data');
   * ```
   */
  label(key: string, value: string): this;

  /**
   * Sets several labels; other labels are kept, a key set again takes the new value.
   *
   * ### Examples
   * ```ts
   * import { Job } from 'bacalhau-jobs';
   * Job.batch('etl').labels({ env: 'prod', team: 'data' });
   * ```
   */
  labels(labels: Readonly<Record<string, string>>): this;

  /**
   * Sets one job `Meta` entry, or several from a record; other entries are kept.
   * Keys starting with `bacalhau.org/` are reserved: they do not compile (and
   * are an error at run time), because Bacalhau would drop them.
   *
   * ### Examples
   * ```ts
   * import { Job } from 'bacalhau-jobs';
   * Job.batch('etl').meta('owner', 'data-team').meta({ ticket: 'OPS-12' });
   * ```
   */
  meta<K extends string>(key: K & UnreservedMetaKey<K>, value: string): this;
  /** Sets several job `Meta` entries from a record (see the other signature). */
  meta<R extends Readonly<Record<string, string>>>(entries: R & UnreservedMeta<R>): this;

  /**
   * Removes the label `key`. Removing a label that is not set changes nothing.
   *
   * ### Examples
   * ```ts
   * import { Job } from 'bacalhau-jobs';
   * const base = Job.batch('etl').labels({ env: 'prod', team: 'data' });
   * const unowned = base.removeLabel('team'); // Labels: { env: 'prod' }
   * ```
   */
  removeLabel(key: string): this;

  /**
   * Removes the job `Meta` entry `key`. Removing a key that is not set changes nothing.
   *
   * ### Examples
   * ```ts
   * import { Job } from 'bacalhau-jobs';
   * const closed = Job.batch('etl').meta({ owner: 'data-team', ticket: 'OPS-12' }).removeMeta('ticket');
   * ```
   */
  removeMeta(key: string): this;

  /**
   * Appends a constraint on node labels; all constraints must hold. `exists`
   * and `!` take no values, `in` and `notin` at least one, the others exactly
   * one (`gt`/`lt` an integer). Prefix the key with `favour_` to make it a preference.
   *
   * ### Examples
   * ```ts
   * import { Job } from 'bacalhau-jobs';
   * Job.batch('gpu-work')
   *   .constraint('GPU-0', 'exists')
   *   .constraint('region', 'in', ['eu-west-1', 'eu-west-2'])
   *   .constraint('Operating-System', '=', ['linux']);
   * ```
   */
  constraint<const Operator extends ConstraintOperator, const Values extends readonly string[]>(
    key: string,
    operator: Operator,
    values: Values & ConstraintValuesCheck<Operator, Values>,
  ): this;
  /** A constraint whose operator takes no values (`exists`, `!`); see the first signature. */
  constraint<const Operator extends ConstraintOperator>(key: string, operator: Operator & ConstraintWithoutValuesCheck<Operator>): this;

  /**
   * Removes every constraint on the node label `key` (keys are compared
   * exactly), whatever its operator; the others keep their order. To change a
   * constraint, remove it and add the new one. Removing a key no constraint
   * has changes nothing.
   *
   * ### Examples
   * ```ts
   * import { Job } from 'bacalhau-jobs';
   * const eu = Job.batch('etl').constraint('region', 'in', ['eu-west-1']).constraint('Operating-System', '=', ['linux']);
   * const anywhere = eu.removeConstraint('region');
   * const us = eu.removeConstraint('region').constraint('region', 'in', ['us-east-1', 'us-east-2']);
   * ```
   */
  removeConstraint(key: string): this;

  /**
   * Sets the job's task (replacing any earlier one): a built task or a
   * complete builder of the same job type, or a callback that receives a
   * fresh task builder of the right type.
   *
   * ### Examples
   * ```ts
   * import { Job, Task, engine } from 'bacalhau-jobs';
   * Job.batch('a').task((t) => t.name('main').engine(engine.docker('alpine')));
   * Job.batch('b').task(Task.batch().name('main').engine(engine.docker('alpine')).build());
   * ```
   */
  task(task: TaskInput<J>): JobBuilderFor<J, Set | 'task'>;

  /**
   * Edits the job's task: `update` receives a builder holding the current task
   * (as `Task.from` would give it, complete and of this job's type) and returns
   * the edited builder, which replaces the task. Compiles only once a task is
   * set (`.task(…)`, or a job started with `Job.from`); JavaScript callers get a
   * {@link BacalhauSpecError} (path `Tasks`, rule `required`) instead.
   *
   * ### Examples
   * ```ts
   * import { Job, engine, source } from 'bacalhau-jobs';
   *
   * const base = Job.batch('train').task((t) =>
   *   t.name('main').engine(engine.docker('trainer:1')).input(source.urlDownload('https://example.com/full.csv'), { target: '/data' }),
   * );
   * const sample = base
   *   .name('train-sample')
   *   .updateTask((t) => t.removeInput('/data').input(source.urlDownload('https://example.com/sample.csv'), { target: '/data' }).env('SAMPLE', '1'));
   * ```
   */
  updateTask(
    this: JobBuildableWhen<Set, '.updateTask(…)'>,
    update: (task: TaskBuilderFor<J, 'name' | 'engine'>) => TaskBuilderFor<J, 'name' | 'engine'>,
  ): this;

  /**
   * Validates the job without throwing: every problem and warning, and the
   * built spec when there are no problems. Callable in any state.
   *
   * ### Examples
   * ```ts
   * import { Job } from 'bacalhau-jobs';
   * Job.batch('a').validate().problems[0]?.path; // 'Tasks'
   * ```
   */
  validate(): Validated<JobSpec<J>>;

  /**
   * Builds the job: Bacalhau's wire shape (what `bacalhau job run` reads, or
   * the `Job` of a submit request), deeply frozen, typed read-only. Compiles
   * only once a task is set; throws one {@link BacalhauSpecError} listing every
   * problem, with paths such as `Tasks[0].Engine.Params.Image`.
   *
   * ### Examples
   * ```ts
   * import { Job, engine } from 'bacalhau-jobs';
   * const job = Job.service('web').task((t) => t.name('main').engine(engine.docker('nginx'))).build();
   * ```
   */
  build(this: JobBuildableWhen<Set>): JobSpec<J>;
}

/**
 * The builder of a batch or service job: a {@link JobBuilder} that can also set
 * `Count`, the number of replicas (for batch jobs also the number of partitions).
 *
 * ### Examples
 * ```ts
 * import { Job, engine } from 'bacalhau-jobs';
 * Job.batch('shards').count(4).task((t) => t.name('main').engine(engine.docker('alpine')));
 * ```
 *
 * @typeParam J - `'batch'` or `'service'`.
 * @typeParam Set - `'task'` once a task is set.
 *
 * @group Builders
 */
export interface ScalableJobBuilder<J extends ScalableJobType, Set extends RequiredJobField = never> extends JobBuilder<J, Set> {
  /**
   * Sets `Count`. When never called the key is left out and Bacalhau uses 1;
   * an explicit 0 means 0 (stop all executions).
   *
   * ### Examples
   * ```ts
   * import { Job } from 'bacalhau-jobs';
   * Job.service('web').count(3);
   * ```
   */
  count(count: number): this;
}
