/**
 * The one run-time class behind every task builder type, on the builder core
 * (../state.ts): state lives in one frozen props object; each method derives
 * the next props with the shared update step (whole fields replaced, so
 * unchanged parts are the same objects) and wraps them in a new instance. The
 * type-level distinctions of the public interfaces are re-checked here for
 * callers that bypass the types.
 *
 * @module
 */
import {
  afterRemoval,
  copyArgument,
  copyEntries,
  entriesOf,
  hasEntry,
  indexesWhere,
  listOf,
  mergeEntries,
  nextProps,
  recordOf,
  replacePending,
  setOrDelete,
  specOrThrow,
  trimmedField,
  validateSpec,
  withoutEntry,
  type BuilderProps,
  type Implementing,
} from '../state.js';
import { canonicalNetworkArgument, canonicalSpecConfigArgument, canonicalTaskArgument } from '../../io/canonical.js';
import { copyJson, orderKeys } from '../../core/copy.js';
import { WIRE_KEYS, type WireKey } from '../../schema/description.js';
import { BacalhauSpecError, type Problem } from '../../core/errors.js';
import type { Validated } from '../../core/result.js';
import { isJobType, publishesResults, unknownJobTypeMessage, type JobType, type ResultJobType } from '../../schema/job-types.js';
import { parseDuration } from '../../schema/quantities.js';
import { childPath, isPlainObject, problemAt, show } from '../../core/report.js';
import { checkTask } from '../../validation/task.js';
import { checkTemplates } from '../../validation/template.js';
import { isSdkPart, isSdkTask, rememberTask, sdkPartRole } from '../../io/provenance.js';
import { ROLE_WORDS, type SpecRole } from '../helpers/role.js';
import type { TaskSpec } from '../../schema/wire.js';
import type { RequiredTaskField, typeState } from '../type-state.js';
import type { InputOptions, PublishingTaskBuilder, ResourceOptions, TaskBuilder, TaskBuilderFor, TimeoutOptions } from './types.js';

/** Argument problems to replace: those under `paths` give way to `problems`. */
interface Replaced {
  readonly paths: readonly string[];
  readonly problems: readonly Problem[];
}

/** The whole state of a task builder: its fields are the task's (see {@link BuilderProps}). */
type TaskProps<J extends JobType> = BuilderProps<J>;


const RESOURCE_KEYS = { cpu: 'CPU', memory: 'Memory', disk: 'Disk', gpu: 'GPU' } as const satisfies Record<keyof ResourceOptions, WireKey<'resources'>>;
const TIMEOUT_KEYS = { execution: 'ExecutionTimeout', queue: 'QueueTimeout', total: 'TotalTimeout' } as const satisfies Record<keyof TimeoutOptions, WireKey<'timeouts'>>;

/**
 * Copies a raw `{ Type, Params }` argument into canonical form through the
 * readers' own code (keys, order and type names as `parseJob` writes them),
 * noting non-JSON content; unknown keys stay for the rules to report.
 */
function copySpecConfig(spec: unknown, path: string, role: SpecRole, pending: Problem[]): unknown {
  if (isSdkPart(spec)) {
    // TypeScript refuses this at compile time (RoleChecked); JavaScript callers get the same words here.
    const made = sdkPartRole(spec);
    if (made !== undefined && made !== role) {
      pending.push(problemAt(path, 'helper-role', `results of ${made}.* helpers are not ${ROLE_WORDS[role].plural}: pass them to ${ROLE_WORDS[made].method}`));
    }
    return spec;
  }
  return canonicalSpecConfigArgument(role, copyJson(spec, path, pending));
}

/** Copies a network argument, writing its type canonically (and `Full` as `Host`). */
function copyNetwork(config: unknown, pending: Problem[]): unknown {
  if (isSdkPart(config)) return config;
  return canonicalNetworkArgument(copyJson(config, 'Network', pending));
}

/** Bacalhau's string form of a resource quantity given as a number, or a problem. */
function resourceString(key: keyof ResourceOptions, value: unknown, path: string, pending: Problem[]): string | undefined {
  // An empty string means "unset" to Bacalhau, so it removes the value, as undefined does.
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (key === 'cpu' && typeof value === 'number') {
    if (Number.isFinite(value)) return String(value);
  } else if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) {
    return String(value);
  }
  if (typeof value !== 'number') {
    pending.push(problemAt(path, 'type', `must be a string or a number, got ${show(value)}`));
    return undefined;
  }
  const unit = key === 'cpu' ? 'cores' : key === 'gpu' ? 'GPUs' : 'bytes';
  const rule = key === 'cpu' ? 'cpu' : key === 'gpu' ? 'gpu' : 'bytes';
  pending.push(problemAt(path, rule, `${value} is not a valid number of ${unit}${key === 'cpu' ? '' : ' (use a whole, non-negative number)'}`));
  return undefined;
}

/** Whole seconds for a duration argument, or a problem. */
function seconds(value: unknown, path: string, pending: Problem[]): number | undefined {
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) return value;
    pending.push(problemAt(path, 'integer', `${value} is not a whole number of seconds (Bacalhau timeouts are integers)`));
    return undefined;
  }
  if (typeof value === 'string') {
    const parsed = parseDuration(value.trim());
    if (parsed !== undefined) return parsed;
    pending.push(problemAt(path, 'duration', `'${value}' is not a duration: use seconds (600) or a string like '90s', '10m', '1h30m' that comes to whole seconds`));
    return undefined;
  }
  pending.push(problemAt(path, 'type', `must be a number of seconds or a duration string, got ${show(value)}`));
  return undefined;
}


function argumentError(method: string, message: string): BacalhauSpecError {
  return new BacalhauSpecError(`Task builder .${method}()`, [problemAt('', 'type', message)]);
}

/**
 * The publishing methods are held to their interface too: for batch and ops the
 * class must be a {@link PublishingTaskBuilder} (this alias does not compile otherwise).
 */
export type PublishingTaskBuilderImpl<J extends ResultJobType, Set extends RequiredTaskField> = Implementing<TaskBuilderImpl<J, Set>, PublishingTaskBuilder<J, Set>>;

/**
 * The one class behind every task builder interface: {@link TaskBuilder} for
 * all job types, and the publishing methods of {@link PublishingTaskBuilder},
 * which it also has (they refuse service and daemon tasks at run time, for
 * callers without types). `J` and `Set` are the interfaces' job type and
 * type-state, so the compiler checks every method against its interface.
 */
export class TaskBuilderImpl<J extends JobType = JobType, Set extends RequiredTaskField = never> implements TaskBuilder<J, Set> {
  /** The interfaces' type-state member: declared for the compiler, never set. */
  declare readonly [typeState]: (set: Set) => J;
  readonly #props: TaskProps<J>;

  constructor(props: TaskProps<J>) {
    this.#props = Object.freeze(props);
  }

  /** A fresh builder for `jobType`, checked at run time for callers without types. */
  static start<J extends JobType>(jobType: J): TaskBuilderImpl<J> {
    if (!isJobType(jobType)) {
      throw new BacalhauSpecError('Task builder', [
        problemAt('', 'job-type', unknownJobTypeMessage(jobType)),
      ]);
    }
    return new TaskBuilderImpl({ jobType, fields: {}, pending: [] });
  }

  /**
   * A builder holding `task` (a built, parsed or plain wire task) for `jobType`.
   * Specs the SDK built or parsed are shared as they are; anything else is the caller's and is copied.
   */
  static from<J extends JobType>(task: unknown, jobType: J): TaskBuilderImpl<J, RequiredTaskField> {
    const { jobType: type } = TaskBuilderImpl.start(jobType).#props;
    const pending: Problem[] = [];
    const copied = isSdkTask(task) ? task : copyJson(task, '', pending);
    if (!isPlainObject(copied)) {
      throw new BacalhauSpecError('Task.from()', [problemAt('', 'type', `expected a task object, got ${show(task)}`)]);
    }
    // Written as the readers write it (keys in any case, as Bacalhau reads them), so what it builds is canonical.
    const state = isSdkTask(task) ? copied : canonicalTaskArgument(copied);
    return new TaskBuilderImpl({ jobType: type, fields: state, pending });
  }

  /**
   * A builder holding a job's current task as it is (the job builder's own
   * state, never the caller's), with its argument problems (task-relative paths).
   */
  static resume<J extends JobType>(task: Readonly<Record<string, unknown>>, jobType: J, pending: readonly Problem[]): TaskBuilderImpl<J, RequiredTaskField> {
    return new TaskBuilderImpl({ jobType, fields: task, pending });
  }

  /**
   * A new builder: `change` applied to the task by the shared update step, and
   * the argument problems under `replaced.paths` replaced by `replaced.problems`
   * (a value set again forgets its old problems).
   */
  #with(change: (task: Record<string, unknown>) => void, replaced?: Replaced): this {
    return this.#advance<Set>(change, replaced) as this;
  }

  /** As {@link #with}, for the calls that set a required field: the new builder's type-state is `Next`. */
  #advance<Next extends RequiredTaskField>(change: (task: Record<string, unknown>) => void, replaced?: Replaced): TaskBuilderImpl<J, Next> {
    const pending = replaced === undefined ? this.#props.pending : replacePending(this.#props.pending, replaced.paths, replaced.problems);
    return new TaskBuilderImpl<J, Next>(nextProps(this.#props, change, pending));
  }

  name(name: string): TaskBuilderFor<J, Set | 'name'> {
    const pending: Problem[] = [];
    const copied = copyArgument(name, 'Name', pending);
    return this.#advance<Set | 'name'>((task) => {
      if (copied === undefined) delete task['Name'];
      else task['Name'] = copied;
    }, { paths: ['Name'], problems: pending });
  }

  engine(spec: unknown): TaskBuilderFor<J, Set | 'engine'> {
    const pending: Problem[] = [];
    const engine = copySpecConfig(spec, 'Engine', 'engine', pending);
    return this.#advance<Set | 'engine'>((task) => {
      task['Engine'] = engine;
    }, { paths: ['Engine'], problems: pending });
  }

  publisher(spec: unknown): this {
    this.#requireResults('publisher');
    const pending: Problem[] = [];
    const publisher = copySpecConfig(spec, 'Publisher', 'publisher', pending);
    return this.#with((task) => {
      task['Publisher'] = publisher;
    }, { paths: ['Publisher'], problems: pending });
  }

  resultPath(name: string, path: string): this {
    this.#requireResults('resultPath');
    const at = `ResultPaths[${listOf(this.#props.fields['ResultPaths']).length}]`;
    const pending: Problem[] = [];
    const entry = orderKeys({ Name: copyArgument(name, `${at}.Name`, pending), Path: copyArgument(path, `${at}.Path`, pending) }, WIRE_KEYS.resultPath);
    return this.#with((task) => {
      task['ResultPaths'] = [...listOf(task['ResultPaths']), entry];
    }, { paths: [at], problems: pending });
  }

  env(nameOrVariables: unknown, value?: unknown): this {
    const entries = entriesOf(nameOrVariables, value, arguments.length);
    if (entries === undefined) throw argumentError('env', `expected (name, value) or a record of strings, got ${show(nameOrVariables)}`);
    return this.#mergeMap('Env', entries);
  }

  meta(keyOrEntries: unknown, value?: unknown): this {
    const entries = entriesOf(keyOrEntries, value, arguments.length);
    if (entries === undefined) throw argumentError('meta', `expected (key, value) or a record of strings, got ${show(keyOrEntries)}`);
    return this.#mergeMap('Meta', entries);
  }

  /** Merges entries into the string map `section` (Env, Meta); a value set again replaces its argument problems. */
  #mergeMap(section: string, entries: readonly [string, unknown][]): this {
    const pending: Problem[] = [];
    const copied = copyEntries(entries, section, pending);
    return this.#with((task) => {
      setOrDelete(task, section, mergeEntries(task[section], copied));
    }, { paths: copied.map(([key]) => childPath(section, key)), problems: pending });
  }

  input(source: unknown, options: InputOptions): this {
    const index = listOf(this.#props.fields['InputSources']).length;
    const path = `InputSources[${index}]`;
    const pending: Problem[] = [];
    const copied = copySpecConfig(source, `${path}.Source`, 'source', pending);
    const { target, alias } = (isPlainObject(options) ? options : {}) as Partial<InputOptions>;
    const entry = orderKeys(
      { Source: copied, Alias: copyArgument(alias, `${path}.Alias`, pending), Target: copyArgument(target, `${path}.Target`, pending) },
      WIRE_KEYS.inputSource,
    );
    return this.#with((task) => {
      task['InputSources'] = [...listOf(task['InputSources']), entry];
    }, { paths: [path], problems: pending });
  }

  removeInput(target: string): this {
    if (typeof target !== 'string') throw argumentError('removeInput', `expected the Target of the input to remove (a string), got ${show(target)}`);
    // Bacalhau compares trimmed Targets (" /a" and "/a" are the same mount), and so does this.
    const wanted = target.trim();
    return this.#removeFrom('InputSources', (entry) => trimmedField(entry, 'Target') === wanted);
  }

  removeResultPath(name: string): this {
    this.#requireResults('removeResultPath');
    if (typeof name !== 'string') throw argumentError('removeResultPath', `expected the Name of the result path to remove (a string), got ${show(name)}`);
    const wanted = name.trim();
    return this.#removeFrom('ResultPaths', (entry) => trimmedField(entry, 'Name') === wanted);
  }

  removeEnv(name: string): this {
    return this.#removeKey('removeEnv', 'Env', name);
  }

  removeMeta(key: string): this {
    return this.#removeKey('removeMeta', 'Meta', key);
  }

  /**
   * Removes every entry of the list `section` that `matches` selects, with the
   * argument problems they brought; later entries' problems follow them to
   * their new index. An empty list is left out, as if never set.
   */
  #removeFrom(section: string, matches: (entry: unknown) => boolean): this {
    const list = listOf(this.#props.fields[section]);
    const removed = indexesWhere(list, matches);
    if (removed.length === 0) return new TaskBuilderImpl(this.#props) as this;
    const kept = list.filter((_entry, index) => !removed.includes(index));
    const next = nextProps(
      this.#props,
      (task) => {
        if (kept.length === 0) delete task[section];
        else task[section] = kept;
      },
      afterRemoval(this.#props.pending, section, removed),
    );
    return new TaskBuilderImpl<J, Set>(next) as this;
  }

  /** Removes the entry `key` of the map `section` (Env, Meta) and its argument problems; an empty map is left out. */
  #removeKey(method: string, section: string, key: unknown): this {
    if (typeof key !== 'string') throw argumentError(method, `expected the key to remove (a string), got ${show(key)}`);
    if (!hasEntry(this.#props.fields[section], key)) return new TaskBuilderImpl(this.#props) as this;
    const rest = withoutEntry(this.#props.fields[section], key);
    return this.#with((task) => {
      setOrDelete(task, section, rest);
    }, { paths: [childPath(section, key)], problems: [] });
  }

  resources(resources: ResourceOptions): this {
    return this.#mergeSection('Resources', RESOURCE_KEYS, resources, (option, value, path, pending) => resourceString(option as keyof ResourceOptions, value, path, pending));
  }

  network(config: unknown): this {
    const pending: Problem[] = [];
    const network = copyNetwork(config, pending);
    return this.#with((task) => {
      task['Network'] = network;
    }, { paths: ['Network'], problems: pending });
  }

  timeouts(timeouts: TimeoutOptions): this {
    return this.#mergeSection('Timeouts', TIMEOUT_KEYS, timeouts, (_option, value, path, pending) => seconds(value, path, pending));
  }

  /**
   * Sets the fields of `section` (Resources or Timeouts) named in `input`,
   * keeping the others: `undefined` removes a field, other values go through
   * `convert`, whose argument problems replace the field's earlier ones.
   */
  #mergeSection(
    section: string,
    keys: Readonly<Record<string, string>>,
    input: unknown,
    convert: (option: string, value: unknown, path: string, pending: Problem[]) => unknown,
  ): this {
    const pending: Problem[] = [];
    const updates: Record<string, unknown> = {};
    for (const [option, wireKey] of Object.entries(keys)) {
      if (!isPlainObject(input) || !Object.hasOwn(input, option)) continue;
      const value = input[option];
      updates[wireKey] = value === undefined ? undefined : convert(option, value, `${section}.${wireKey}`, pending);
    }
    return this.#with((task) => {
      setOrDelete(task, section, orderKeys({ ...recordOf(task[section]), ...updates }, Object.values(keys)));
    }, { paths: Object.keys(updates).map((wireKey) => `${section}.${wireKey}`), problems: pending });
  }

  validate(): Validated<TaskSpec<J>> {
    const { jobType } = this.#props;
    return validateSpec(
      this.#assemble(),
      this.#props.pending,
      (spec, report) => {
        checkTask(spec, '', report, jobType);
        checkTemplates(spec, '', report);
      },
      (spec) => rememberTask(spec, jobType),
    );
  }

  build(): TaskSpec<J> {
    return specOrThrow(this.validate(), `Invalid ${this.#props.jobType} task`);
  }

  /** The job type this builder was started for. */
  get jobType(): J {
    return this.#props.jobType;
  }

  /** The task as assembled so far (possibly invalid) and the argument problems: what a job builder embeds. */
  snapshot(): { readonly task: TaskSpec; readonly pending: readonly Problem[] } {
    return { task: this.#assemble(), pending: this.#props.pending };
  }

  /** The task in canonical key order; its parts are the shared state (frozen once the task is built). */
  #assemble(): TaskSpec<J> {
    // Wire data, judged by the validator before it is handed out as a spec.
    return orderKeys(this.#props.fields, WIRE_KEYS.task) as unknown as TaskSpec<J>;
  }

  /** Throws the SDK's error when a results method is called on a service/daemon builder (possible only without types). */
  #requireResults(method: string): void {
    if (publishesResults(this.#props.jobType)) return;
    throw new BacalhauSpecError(`Task builder .${method}()`, [
      problemAt(
        method === 'publisher' ? 'Publisher' : 'ResultPaths',
        'job-type',
        `.${method}() is only available for batch and ops tasks; ${this.#props.jobType} tasks never complete, so they never publish results`,
      ),
    ]);
  }
}
