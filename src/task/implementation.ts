/**
 * The one run-time class behind every task builder type.
 *
 * State lives in one frozen props object; each method derives the next props
 * with immer (structural sharing: unchanged parts are the same objects) and
 * wraps them in a new instance. The type-level distinctions of the public
 * interfaces are re-checked here for callers that bypass the types.
 *
 * @module
 */
import { entriesOf, immer, listOf, mergeEntries, recordOf, setOrDelete, validated } from '../builder-state.js';
import { copyJson, orderKeys } from '../copy.js';
import { BacalhauSpecError, type Problem } from '../errors.js';
import { isJobType, JOB_TYPES, publishesResults, type JobType } from '../job-type.js';
import { parseDuration } from '../quantities.js';
import { networkType } from '../validation/network.js';
import { Report, isPlainObject, show } from '../validation/report.js';
import { checkTask } from '../validation/task.js';
import { checkTemplates } from '../validation/template.js';
import { isSdkTask, rememberTask } from '../registry.js';
import type { TaskSpec } from '../wire.js';
import type { InputOptions, ResourceOptions, TimeoutOptions, Validated } from './types.js';

/** The whole state of a task builder. */
interface TaskProps {
  readonly jobType: JobType;
  /** The task in wire shape, possibly incomplete or invalid (the validator judges it at build time). */
  readonly task: Readonly<Record<string, unknown>>;
  /** Problems found in method arguments (e.g. a malformed duration), by task-relative path. */
  readonly pending: readonly Problem[];
}

type Draft = { jobType: JobType; task: Record<string, unknown>; pending: Problem[] };

const TASK_KEY_ORDER = ['Name', 'Engine', 'Publisher', 'Env', 'Meta', 'InputSources', 'ResultPaths', 'Resources', 'Network', 'Timeouts'];
const RESOURCE_KEYS = { cpu: 'CPU', memory: 'Memory', disk: 'Disk', gpu: 'GPU' } as const;
const TIMEOUT_KEYS = { execution: 'ExecutionTimeout', queue: 'QueueTimeout', total: 'TotalTimeout' } as const;

/** Whether `path` is `prefix` or inside it. */
function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
}

/**
 * Copies a raw `{ Type, Params }` argument into canonical form (key order, no
 * empty `Params`, as `parseJob` writes it), noting non-JSON content.
 */
function copySpecConfig(spec: unknown, path: string, pending: Problem[]): unknown {
  const copied = copyJson(spec, path, pending);
  if (!isPlainObject(copied)) return copied;
  const params = copied['Params'];
  return orderKeys({ ...copied, Params: isEmpty(params) ? undefined : params }, ['Type', 'Params']);
}

/** An empty list or map: "unset" to Bacalhau, and left out of canonical specs. */
function isEmpty(value: unknown): boolean {
  return (Array.isArray(value) && value.length === 0) || (isPlainObject(value) && Object.keys(value).length === 0);
}

/** Copies a network argument, writing its type canonically (and `Full` as `Host`). */
function copyNetwork(config: unknown, pending: Problem[]): unknown {
  const copied = copyJson(config, 'Network', pending);
  if (!isPlainObject(copied)) return copied;
  const type = typeof copied['Type'] === 'string' ? networkType(copied['Type']) : undefined;
  const ports = Array.isArray(copied['Ports'])
    ? copied['Ports'].map((port: unknown) => (isPlainObject(port) ? orderKeys(port, ['Name', 'Static', 'Target', 'HostNetwork']) : port))
    : copied['Ports'];
  const canonical = type === undefined ? copied['Type'] : type === 'Full' ? 'Host' : type;
  const domains = isEmpty(copied['Domains']) ? undefined : copied['Domains'];
  return orderKeys({ ...copied, Type: canonical, Domains: domains, Ports: isEmpty(ports) ? undefined : ports }, ['Type', 'Domains', 'Ports']);
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
    pending.push({ path, rule: 'type', message: `must be a string or a number, got ${show(value)}` });
    return undefined;
  }
  const unit = key === 'cpu' ? 'cores' : key === 'gpu' ? 'GPUs' : 'bytes';
  const rule = key === 'cpu' ? 'cpu' : key === 'gpu' ? 'gpu' : 'bytes';
  pending.push({ path, rule, message: `${value} is not a valid number of ${unit}${key === 'cpu' ? '' : ' (use a whole, non-negative number)'}` });
  return undefined;
}

/** Whole seconds for a duration argument, or a problem. */
function seconds(value: unknown, path: string, pending: Problem[]): number | undefined {
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) return value;
    pending.push({ path, rule: 'integer', message: `${value} is not a whole number of seconds (Bacalhau timeouts are integers)` });
    return undefined;
  }
  if (typeof value === 'string') {
    const parsed = parseDuration(value.trim());
    if (parsed !== undefined) return parsed;
    pending.push({ path, rule: 'duration', message: `'${value}' is not a duration: use seconds (600) or a string like '90s', '10m', '1h30m' that comes to whole seconds` });
    return undefined;
  }
  pending.push({ path, rule: 'type', message: `must be a number of seconds or a duration string, got ${show(value)}` });
  return undefined;
}

function argumentError(method: string, message: string): BacalhauSpecError {
  return new BacalhauSpecError(`Task builder .${method}()`, [{ path: '', rule: 'type', message }]);
}

export class TaskBuilderImpl {
  readonly #props: TaskProps;

  constructor(props: TaskProps) {
    this.#props = props;
  }

  /** A fresh builder for `jobType`, checked at run time for callers without types. */
  static start(jobType: unknown): TaskBuilderImpl {
    if (!isJobType(jobType)) {
      throw new BacalhauSpecError('Task builder', [
        { path: '', rule: 'job-type', message: `unknown job type ${show(jobType)}: use one of ${JOB_TYPES.join(', ')} (lowercase)` },
      ]);
    }
    return new TaskBuilderImpl(immer.produce({ jobType, task: {}, pending: [] }, () => undefined));
  }

  /**
   * A builder holding `task` (a built, parsed or plain wire task) for `jobType`.
   * Specs the SDK built or parsed are shared as they are; anything else is the caller's and is copied.
   */
  static from(task: unknown, jobType: unknown): TaskBuilderImpl {
    const start = TaskBuilderImpl.start(jobType);
    const pending: Problem[] = [];
    const state = isSdkTask(task) ? task : copyJson(task, '', pending);
    if (!isPlainObject(state)) {
      throw new BacalhauSpecError('Task.from()', [{ path: '', rule: 'type', message: `expected a task object, got ${show(task)}` }]);
    }
    return start.#with((draft) => {
      draft.task = state as Record<string, unknown>;
      draft.pending = pending;
    });
  }

  /** A new builder whose props are `recipe` applied to these. */
  #with(recipe: (draft: Draft) => void): this {
    const props = immer.produce(this.#props as Draft, recipe);
    return new TaskBuilderImpl(props) as this;
  }

  /** Replaces the argument problems under any of `paths` by `problems`: a value set again forgets its old problems. */
  static #replacePending(draft: Draft, paths: readonly string[], problems: readonly Problem[]): void {
    const kept = draft.pending.filter((problem) => !paths.some((path) => isUnder(problem.path, path)));
    if (kept.length !== draft.pending.length || problems.length > 0) draft.pending = [...kept, ...problems];
  }

  name(name: string): this {
    return this.#with((draft) => {
      draft.task['Name'] = name;
    });
  }

  engine(spec: unknown): this {
    const pending: Problem[] = [];
    const engine = copySpecConfig(spec, 'Engine', pending);
    return this.#with((draft) => {
      draft.task['Engine'] = engine;
      TaskBuilderImpl.#replacePending(draft, ['Engine'], pending);
    });
  }

  publisher(spec: unknown): this {
    this.#requireResults('publisher');
    const pending: Problem[] = [];
    const publisher = copySpecConfig(spec, 'Publisher', pending);
    return this.#with((draft) => {
      draft.task['Publisher'] = publisher;
      TaskBuilderImpl.#replacePending(draft, ['Publisher'], pending);
    });
  }

  resultPath(name: string, path: string): this {
    this.#requireResults('resultPath');
    return this.#with((draft) => {
      draft.task['ResultPaths'] = [...listOf(draft.task['ResultPaths']), { Name: name, Path: path }];
    });
  }

  env(nameOrVariables: unknown, value?: unknown): this {
    const entries = entriesOf(nameOrVariables, value, arguments.length);
    if (entries === undefined) throw argumentError('env', `expected (name, value) or a record of strings, got ${show(nameOrVariables)}`);
    return this.#with((draft) => {
      setOrDelete(draft.task, 'Env', mergeEntries(draft.task['Env'], entries));
    });
  }

  meta(keyOrEntries: unknown, value?: unknown): this {
    const entries = entriesOf(keyOrEntries, value, arguments.length);
    if (entries === undefined) throw argumentError('meta', `expected (key, value) or a record of strings, got ${show(keyOrEntries)}`);
    return this.#with((draft) => {
      setOrDelete(draft.task, 'Meta', mergeEntries(draft.task['Meta'], entries));
    });
  }

  input(source: unknown, options: InputOptions): this {
    const index = listOf(this.#props.task['InputSources']).length;
    const path = `InputSources[${index}]`;
    const pending: Problem[] = [];
    const copied = copySpecConfig(source, `${path}.Source`, pending);
    const { target, alias } = (isPlainObject(options) ? options : {}) as Partial<InputOptions>;
    const entry = orderKeys({ Source: copied, Alias: alias, Target: target }, ['Source', 'Alias', 'Target']);
    return this.#with((draft) => {
      draft.task['InputSources'] = [...listOf(draft.task['InputSources']), entry];
      TaskBuilderImpl.#replacePending(draft, [path], pending);
    });
  }

  resources(resources: ResourceOptions): this {
    return this.#mergeSection('Resources', RESOURCE_KEYS, resources, (option, value, path, pending) => resourceString(option as keyof ResourceOptions, value, path, pending));
  }

  network(config: unknown): this {
    const pending: Problem[] = [];
    const network = copyNetwork(config, pending);
    return this.#with((draft) => {
      draft.task['Network'] = network;
      TaskBuilderImpl.#replacePending(draft, ['Network'], pending);
    });
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
    return this.#with((draft) => {
      setOrDelete(draft.task, section, orderKeys({ ...recordOf(draft.task[section]), ...updates }, Object.values(keys)));
      TaskBuilderImpl.#replacePending(draft, Object.keys(updates).map((wireKey) => `${section}.${wireKey}`), pending);
    });
  }

  validate(): Validated<TaskSpec> {
    const spec = this.#assemble();
    const report = new Report();
    report.problems.push(...this.#props.pending);
    checkTask(spec, '', report, this.#props.jobType);
    checkTemplates(spec, '', report);
    return validated(report, () => {
      rememberTask(spec, this.#props.jobType);
      return spec;
    });
  }

  build(): TaskSpec {
    const result = this.validate();
    if (!result.valid) throw new BacalhauSpecError(`Invalid ${this.#props.jobType} task`, result.problems, result.warnings);
    return result.spec;
  }

  /** The job type this builder was started for. */
  get jobType(): JobType {
    return this.#props.jobType;
  }

  /** The task as assembled so far (possibly invalid) and the argument problems: what a job builder embeds. */
  snapshot(): { readonly task: TaskSpec; readonly pending: readonly Problem[] } {
    return { task: this.#assemble(), pending: this.#props.pending };
  }

  /** The task in canonical key order; its parts are the frozen, shared state. */
  #assemble(): TaskSpec {
    return Object.freeze(orderKeys(this.#props.task, TASK_KEY_ORDER)) as unknown as TaskSpec;
  }

  /** Throws the SDK's error when a results method is called on a service/daemon builder (possible only without types). */
  #requireResults(method: string): void {
    if (publishesResults(this.#props.jobType)) return;
    throw new BacalhauSpecError(`Task builder .${method}()`, [
      {
        path: method === 'publisher' ? 'Publisher' : 'ResultPaths',
        rule: 'job-type',
        message: `.${method}() is only available for batch and ops tasks; ${this.#props.jobType} tasks never complete, so they never publish results`,
      },
    ]);
  }
}
