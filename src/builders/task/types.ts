/**
 * The public types of the task builder: its interfaces and options (its
 * type-state machine is in ../type-state.ts).
 *
 * The type-state is one flat union of the required fields already set
 * (`'name' | 'engine'`) next to the job type, so a hovered builder reads
 * `TaskBuilder<'service', 'name'>` and each call costs one small instantiation.
 *
 * @module
 */
import type { BacalhauSpecError } from '../../core/errors.js';
import type { Validated } from '../../core/result.js';
import type { JobType, ResultJobType } from '../../schema/job-types.js';
import type { RoleChecked } from '../helpers/role.js';
import type { BuildableWhen, RequiredTaskField, typeState } from '../type-state.js';

export type { BuildableWhen, MissingFieldsMessage, RequiredTaskField, TypeStateError } from '../type-state.js';
import type { NetworkConfig, SpecConfig, TaskSpec } from '../../schema/wire.js';

/**
 * The builder interface for job type `J` in state `Set`: {@link PublishingTaskBuilder}
 * for batch and ops tasks, {@link TaskBuilder} for service and daemon tasks.
 * A union of job types (known only at run time, see `Job.of`) gets one builder
 * for all of them, not a union of builders, so that its methods stay callable.
 *
 * @example
 * ```ts
 * import { Task, type TaskBuilderFor } from 'bacalhau-jobs';
 * const builder: TaskBuilderFor<'ops', never> = Task.ops();
 * ```
 *
 * @group Builders
 */
export type TaskBuilderFor<J extends JobType, Set extends RequiredTaskField> = [J] extends [ResultJobType]
  ? PublishingTaskBuilder<J, Set>
  : TaskBuilder<J, Set>;


/**
 * Resource quantities for `.resources(…)`. Strings are Bacalhau's own syntax;
 * numbers are taken where their meaning is unambiguous (cores, bytes, GPUs).
 * Passing `undefined` for a key removes a value set earlier.
 *
 * @example
 * ```ts
 * import type { ResourceOptions } from 'bacalhau-jobs';
 * const small: ResourceOptions = { cpu: '500m', memory: '1Gb', disk: 10_000_000_000, gpu: 1 };
 * ```
 *
 * @group Builders
 */
export interface ResourceOptions {
  /** `'500m'` (millicores), `'0.5'` or `0.5` (cores). */
  readonly cpu?: string | number | undefined;
  /** `'512Mb'`, `'1GiB'`, … (`b` = byte; SI and IEC units), or a whole number of bytes. */
  readonly memory?: string | number | undefined;
  /** Same units as `memory`. */
  readonly disk?: string | number | undefined;
  /** `'1'` or `1`: a whole number of GPUs. */
  readonly gpu?: string | number | undefined;
}

/**
 * A duration for `.timeouts(…)`: whole seconds as a number, or a Go-style
 * duration string such as `'90s'`, `'10m'`, `'1h30m'` (it must come to whole seconds).
 *
 * @example
 * ```ts
 * import type { Duration } from 'bacalhau-jobs';
 * const durations: Duration[] = [600, '10m', '1h30m'];
 * ```
 *
 * @group Builders
 */
export type Duration = number | string;

/**
 * Timeouts for `.timeouts(…)`. Passing `undefined` for a key removes a value set earlier.
 *
 * @example
 * ```ts
 * import type { TimeoutOptions } from 'bacalhau-jobs';
 * const timeouts: TimeoutOptions = { execution: '30m', queue: '10m', total: '1h' };
 * ```
 *
 * @group Builders
 */
export interface TimeoutOptions {
  /** Longest a single execution may run (`ExecutionTimeout`); batch and ops only. */
  readonly execution?: Duration | undefined;
  /** Longest the job may wait for a node (`QueueTimeout`); 0 means fail fast. */
  readonly queue?: Duration | undefined;
  /** Limit covering queueing, execution and retries (`TotalTimeout`); 0 means none. */
  readonly total?: Duration | undefined;
}

/**
 * Where and under which name an input source is mounted.
 *
 * @example
 * ```ts
 * import type { InputOptions } from 'bacalhau-jobs';
 * const mount: InputOptions = { target: '/inputs/data', alias: 'data' };
 * ```
 *
 * @group Builders
 */
export interface InputOptions {
  /** Absolute path inside the task where the input appears (`Target`); unique per task. */
  readonly target: string;
  /** Optional name, unique per task; WASM uses it for dynamic linking (`Alias`). */
  readonly alias?: string | undefined;
}


/**
 * An immutable builder of a Bacalhau task of job type `J`.
 *
 * `Set` records which required fields (`'name'`, `'engine'`) are set;
 * `.build()` compiles only once both are. Every method returns a NEW builder and
 * leaves its receiver unchanged, so one base builder can be forked into any
 * number of variants that never see each other's changes.
 *
 * Service and daemon tasks never complete, so their builders have no
 * `.publisher()` or `.resultPath()`; batch and ops builders are
 * {@link PublishingTaskBuilder}s, which add them.
 *
 * ### Examples
 * ```ts
 * import { Task, engine, network } from 'bacalhau-jobs';
 *
 * const web = Task.service()
 *   .name('web')
 *   .engine(engine.docker('nginx:1.27'))
 *   .network(network.bridge([{ name: 'HTTP', static: 8080, target: 80 }]))
 *   .build();
 * ```
 *
 * @typeParam J - the job type.
 * @typeParam Set - the required fields already set.
 *
 * @group Builders
 */
export interface TaskBuilder<J extends JobType, Set extends RequiredTaskField = never> {
  /**
   * @hidden Carries the type-state in the structure, so that builders in different
   * states are different types. It never exists at run time.
   */
  readonly [typeState]: (set: Set) => J;

  /**
   * Sets the task's `Name` (replacing any earlier one). It must not be blank
   * and must not contain NUL characters.
   *
   * ### Examples
   * ```ts
   * import { Task } from 'bacalhau-jobs';
   * const named = Task.batch().name('main');
   * ```
   */
  name(name: string): TaskBuilderFor<J, Set | 'name'>;

  /**
   * Sets the `Engine` (replacing any earlier one): a helper such as
   * `engine.docker(…)`, or a raw `{ Type, Params }` for custom engines. A
   * publisher or source helper's result is a compile error (see {@link RoleChecked}).
   *
   * ### Examples
   * ```ts
   * import { Task, engine } from 'bacalhau-jobs';
   * Task.batch().engine(engine.docker('python:3.12-slim', { entrypoint: ['python', '-c', 'print(1)'] }));
   * Task.batch().engine({ Type: 'flibble', Params: { Some: 'data' } });
   * ```
   */
  engine<Spec extends SpecConfig>(spec: RoleChecked<Spec, 'engine'>): TaskBuilderFor<J, Set | 'engine'>;

  /**
   * Sets one environment variable, or several from a record; other variables
   * are kept, and a name set again takes the new value. Names must match
   * `[A-Z][A-Z0-9_]*` and not start with `BACALHAU_`; values must not be empty.
   * A value `env:HOST_VAR` is read from the compute node's environment.
   *
   * ### Examples
   * ```ts
   * import { Task } from 'bacalhau-jobs';
   * Task.batch().env('MODE', 'fast').env({ REGION: 'eu', TOKEN: 'env:API_TOKEN' });
   * ```
   */
  env(name: string, value: string): this;
  /** Sets several environment variables from a record (see the other signature). */
  env(variables: Readonly<Record<string, string>>): this;

  /**
   * Sets one task `Meta` entry, or several from a record; other entries are kept.
   *
   * ### Examples
   * ```ts
   * import { Task } from 'bacalhau-jobs';
   * Task.batch().meta('owner', 'data-team').meta({ ticket: 'OPS-12' });
   * ```
   */
  meta(key: string, value: string): this;
  /** Sets several task `Meta` entries from a record (see the other signature). */
  meta(entries: Readonly<Record<string, string>>): this;

  /**
   * Appends an input source mounted at `options.target`: a `source.*` helper's
   * result or a raw `{ Type, Params }` (an engine or publisher helper's result
   * is a compile error, see {@link RoleChecked}). Targets and non-empty aliases
   * must be unique within the task.
   *
   * ### Examples
   * ```ts
   * import { Task, source } from 'bacalhau-jobs';
   * Task.batch()
   *   .input(source.urlDownload('https://example.com/words.txt'), { target: '/inputs' })
   *   .input(source.ipfs('QmY7Yh4UquoXHLPFo2XbhXkhBvFoPwmQUSa92pxnxjQuPU'), { target: '/ipfs', alias: 'corpus' });
   * ```
   */
  input<Spec extends SpecConfig>(source: RoleChecked<Spec, 'source'>, options: InputOptions): this;

  /**
   * Removes the input source mounted at `target`, so that another can take its
   * place: an input's `Target` must be unique, so re-pointing one is
   * `.removeInput(target)` then `.input(…, { target })`. Targets are compared
   * trimmed, as Bacalhau compares them; every input at that target goes. The
   * other inputs keep their order. Removing a target no input has changes nothing.
   *
   * ### Examples
   * ```ts
   * import { Task, engine, source } from 'bacalhau-jobs';
   *
   * const base = Task.batch()
   *   .name('train')
   *   .engine(engine.docker('python:3.12-slim'))
   *   .input(source.urlDownload('https://example.com/data/full.csv'), { target: '/data' });
   * // The same task on a sample: the /data mount now comes from another URL.
   * const sample = base.removeInput('/data').input(source.urlDownload('https://example.com/data/sample.csv'), { target: '/data' });
   * ```
   */
  removeInput(target: string): this;

  /**
   * Removes the environment variable `name` (set with `.env(…)`, or present in a
   * task given to `Task.from`). Removing a variable that is not set changes nothing.
   *
   * ### Examples
   * ```ts
   * import { Task } from 'bacalhau-jobs';
   * const quiet = Task.batch().env({ MODE: 'fast', DEBUG: '1' }).removeEnv('DEBUG'); // Env: { MODE: 'fast' }
   * ```
   */
  removeEnv(name: string): this;

  /**
   * Removes the task `Meta` entry `key`. Removing a key that is not set changes nothing.
   *
   * ### Examples
   * ```ts
   * import { Task } from 'bacalhau-jobs';
   * const handedOver = Task.batch().meta({ owner: 'data-team', ticket: 'OPS-12' }).removeMeta('ticket');
   * ```
   */
  removeMeta(key: string): this;

  /**
   * Sets resource requests; keys you pass replace earlier values, the others
   * are kept. Values are validated with Bacalhau's parsers at build time.
   *
   * ### Examples
   * ```ts
   * import { Task } from 'bacalhau-jobs';
   * Task.batch().resources({ cpu: '500m', memory: '1Gb' }).resources({ gpu: 1 });
   * ```
   */
  resources(resources: ResourceOptions): this;

  /**
   * Sets the `Network` (replacing any earlier one): a helper such as
   * `network.http([...])` or a wire object. The deprecated type `Full` is
   * written as `Host`; type names are matched in any case and written canonically.
   *
   * ### Examples
   * ```ts
   * import { Task, network } from 'bacalhau-jobs';
   * Task.batch().network(network.http(['pypi.org', '.pythonhosted.org']));
   * Task.batch().network({ Type: 'None' });
   * ```
   */
  network(config: NetworkConfig): this;

  /**
   * Sets timeouts; keys you pass replace earlier values, the others are kept.
   * Durations are whole seconds or strings like `'90s'`, `'10m'`, `'1h30m'`.
   * When `total` is set, `execution + queue` must not exceed it.
   *
   * ### Examples
   * ```ts
   * import { Task } from 'bacalhau-jobs';
   * Task.batch().timeouts({ execution: '30m', total: 3600 });
   * ```
   */
  timeouts(timeouts: TimeoutOptions): this;

  /**
   * Validates the task without throwing: every problem and warning, and the
   * built spec when there are no problems. Callable in any state.
   *
   * ### Examples
   * ```ts
   * import { Task } from 'bacalhau-jobs';
   * const { valid, problems } = Task.batch().name('main').validate();
   * // valid: false; problems: [{ path: 'Engine', rule: 'required', … }]
   * ```
   */
  validate(): Validated<TaskSpec<J>>;

  /**
   * Builds the task: Bacalhau's wire shape, deeply frozen, typed read-only.
   * Compiles only once `.name()` and `.engine()` have been called; throws one
   * {@link BacalhauSpecError} listing every problem if the task is invalid.
   * Warnings do not throw: read them with `.validate()`.
   *
   * ### Examples
   * ```ts
   * import { Task, engine } from 'bacalhau-jobs';
   * const spec = Task.batch().name('main').engine(engine.docker('alpine')).build();
   * Object.isFrozen(spec.Engine); // true
   * ```
   */
  build(this: BuildableWhen<Set>): TaskSpec<J>;
}

/**
 * The builder of a batch or ops task: a {@link TaskBuilder} that can also
 * publish results, because these jobs complete.
 *
 * ### Examples
 * ```ts
 * import { Task, engine, publisher } from 'bacalhau-jobs';
 *
 * const spec = Task.batch()
 *   .name('report')
 *   .engine(engine.docker('alpine:3.20', { parameters: ['sh', '-c', 'date > /outputs/now'] }))
 *   .publisher(publisher.s3({ bucket: 'results', key: 'reports/{jobID}' }))
 *   .resultPath('outputs', '/outputs')
 *   .build();
 * ```
 *
 * @typeParam J - `'batch'` or `'ops'`.
 * @typeParam Set - the required fields already set.
 *
 * @group Builders
 */
export interface PublishingTaskBuilder<J extends ResultJobType, Set extends RequiredTaskField = never> extends TaskBuilder<J, Set> {
  /**
   * Sets the `Publisher` (replacing any earlier one): where results go when an
   * execution completes. A `publisher.*` helper's result or a raw `{ Type, Params }`;
   * an engine or source helper's result is a compile error (see {@link RoleChecked}).
   *
   * ### Examples
   * ```ts
   * import { Task, publisher } from 'bacalhau-jobs';
   * Task.batch().publisher(publisher.ipfs());
   * ```
   */
  publisher<Spec extends SpecConfig>(spec: RoleChecked<Spec, 'publisher'>): this;

  /**
   * Appends a result path: the directory `path` (absolute) is published as
   * `name`. Names and paths must be unique. Without a publisher this is a
   * warning, not an error: the orchestrator may apply a default publisher.
   *
   * ### Examples
   * ```ts
   * import { Task } from 'bacalhau-jobs';
   * Task.batch().resultPath('outputs', '/outputs').resultPath('logs', '/var/log/app');
   * ```
   */
  resultPath(name: string, path: string): this;

  /**
   * Removes the result path published as `name`, e.g. to publish a directory
   * under another name or from another path. Names are compared trimmed, as
   * Bacalhau compares them; the other result paths keep their order. Removing a
   * name that is not there changes nothing.
   *
   * ### Examples
   * ```ts
   * import { Task } from 'bacalhau-jobs';
   * const base = Task.batch().resultPath('outputs', '/outputs').resultPath('logs', '/var/log/app');
   * const lean = base.removeResultPath('logs'); // ResultPaths: [{ Name: 'outputs', Path: '/outputs' }]
   * const moved = base.removeResultPath('outputs').resultPath('outputs', '/results');
   * ```
   */
  removeResultPath(name: string): this;
}
