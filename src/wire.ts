/**
 * Bacalhau's wire format for tasks: the shapes `JSON.stringify` must produce.
 *
 * Keys are PascalCase exactly as Bacalhau's Go models serialise them
 * (`../shared/spec/bacalhau-task-spec.md` §4).
 *
 * @module
 */
import type { ReadonlyDeep } from 'type-fest';
import type { JsonObject } from './json.js';
import type { JobType } from './job-type.js';

/**
 * `{ Type, Params }`: the shape of an engine, a publisher and an input source.
 *
 * Pass one of these directly for custom engines or plugins; the typed helpers
 * (`engine.docker(…)`, `publisher.s3(…)`, `source.s3(…)`, …) return the same shape.
 *
 * @typeParam T - the `Type` string.
 * @typeParam P - the `Params` object.
 * @example
 * ```ts
 * import type { SpecConfig } from 'bacalhau-jobs';
 * const custom: SpecConfig = { Type: 'flibble', Params: { Some: 'data' } };
 * ```
 */
export type SpecConfig<T extends string = string, P extends JsonObject = JsonObject> = {
  readonly Type: T;
  readonly Params?: P;
};

/**
 * Names of Bacalhau's network modes as they appear on the wire.
 *
 * `Full` is the deprecated alias of `Host`: it is accepted as input and written as `Host`.
 *
 * @example
 * ```ts
 * import type { NetworkType } from 'bacalhau-jobs';
 * const mode: NetworkType = 'HTTP';
 * ```
 */
export type NetworkType = 'Default' | 'None' | 'Host' | 'HTTP' | 'Bridge';

/**
 * One entry of `Network.Ports` in `Bridge` mode.
 *
 * @example
 * ```ts
 * import type { BridgePort } from 'bacalhau-jobs';
 * const port: BridgePort = { Name: 'HTTP', Static: 8080, Target: 80 };
 * ```
 */
export type BridgePort = {
  /** Port name: `[A-Za-z_][A-Za-z0-9_]*`; it becomes `BACALHAU_PORT_<Name>`. */
  readonly Name: string;
  /** Host port, 1024–65535; absent means allocated by the node. */
  readonly Static?: number;
  /** Port inside the container, 0–65535; absent means the host port. */
  readonly Target?: number;
  /** IP address to bind to; absent means all interfaces. */
  readonly HostNetwork?: string;
};

/**
 * One entry of `Network.Ports` in `Host` mode, where the container shares the
 * host's ports and so has no separate `Target`.
 *
 * @example
 * ```ts
 * import type { HostPort } from 'bacalhau-jobs';
 * const port: HostPort = { Name: 'HTTP', Static: 8080 };
 * ```
 */
export type HostPort = Omit<BridgePort, 'Target'> & { readonly Target?: never };

/**
 * A network configuration in wire shape, as accepted by `.network(…)`.
 *
 * The union makes `Domains` on a non-HTTP network and `Ports` on a network
 * without port allocation compile errors.
 *
 * @example
 * ```ts
 * import type { NetworkConfig } from 'bacalhau-jobs';
 * const http: NetworkConfig = { Type: 'HTTP', Domains: ['example.com'] };
 * const bridge: NetworkConfig = { Type: 'Bridge', Ports: [{ Name: 'WEB', Target: 80 }] };
 * ```
 */
export type NetworkConfig =
  | { readonly Type: 'Default' | 'None'; readonly Domains?: never; readonly Ports?: never }
  | { readonly Type: 'HTTP'; readonly Domains?: readonly string[]; readonly Ports?: never }
  | { readonly Type: 'Host' | 'Full'; readonly Ports?: readonly HostPort[]; readonly Domains?: never }
  | { readonly Type: 'Bridge'; readonly Ports?: readonly BridgePort[]; readonly Domains?: never };

/** The mutable wire shapes behind the read-only spec types. */
type SpecConfigWire = { Type: string; Params?: JsonObject };
type InputSourceWire = { Source: SpecConfigWire; Target: string; Alias?: string };
type ResultPathWire = { Name: string; Path: string };
type ResourcesWire = { CPU?: string; Memory?: string; Disk?: string; GPU?: string };
type PortWire = { Name: string; Static?: number; Target?: number; HostNetwork?: string };
type NetworkWire = { Type: NetworkType; Domains?: string[]; Ports?: PortWire[] };
type TimeoutsWire = { ExecutionTimeout?: number; QueueTimeout?: number; TotalTimeout?: number };

/**
 * The mutable wire shape of a task; {@link TaskSpec} is its deeply read-only form.
 * Useful for code that assembles or edits tasks as plain objects.
 *
 * @example
 * ```ts
 * import { validateTask, type TaskWire } from 'bacalhau-jobs';
 * const task: TaskWire = { Name: 'main', Engine: { Type: 'docker', Params: { Image: 'alpine' } } };
 * task.Env = { MODE: 'fast' };
 * validateTask(task).valid; // true
 * ```
 */
export type TaskWire = {
  Name: string;
  Engine: SpecConfigWire;
  Publisher?: SpecConfigWire;
  Env?: Record<string, string>;
  Meta?: Record<string, string>;
  InputSources?: InputSourceWire[];
  ResultPaths?: ResultPathWire[];
  Resources?: ResourcesWire;
  Network?: NetworkWire;
  Timeouts?: TimeoutsWire;
};

/** Carries a built task's job type in its type only; no such key exists at run time. */
declare const taskJobType: unique symbol;

/**
 * A built task: Bacalhau's wire shape, deeply read-only and deeply frozen.
 *
 * `JSON.stringify(spec)` is exactly what the orchestrator accepts. The type
 * parameter records the job type the task was built for, so a service task
 * cannot be put into a batch job.
 *
 * @typeParam J - the job type the task belongs to.
 * @example
 * ```ts
 * import { Task, engine, type TaskSpec } from 'bacalhau-jobs';
 *
 * const spec: TaskSpec<'batch'> = Task.batch()
 *   .name('hello')
 *   .engine(engine.docker('busybox:1.37.0'))
 *   .build();
 * JSON.stringify(spec);
 * // {"Name":"hello","Engine":{"Type":"docker","Params":{"Image":"busybox:1.37.0"}}}
 * ```
 */
export interface TaskSpec<J extends JobType = JobType> extends ReadonlyDeep<TaskWire> {
  /** @hidden type-level only */
  readonly [taskJobType]?: J;
}

/**
 * The operators of a job constraint, as written on the wire (case-sensitive).
 *
 * - `in` / `notin`: the node label's value is (not) in `Values` (at least one value).
 * - `exists` / `!`: the label is present / absent (no values).
 * - `=`, `==`, `!=`: (in)equality with one value; `gt` / `lt`: integer comparison with one value.
 *
 * @example
 * ```ts
 * import type { ConstraintOperator } from 'bacalhau-jobs';
 * const operator: ConstraintOperator = 'in';
 * ```
 */
export type ConstraintOperator = 'in' | 'notin' | 'exists' | '!' | '=' | '==' | '!=' | 'gt' | 'lt';

/** The mutable wire shape of one constraint. */
type ConstraintWire = { Key: string; Operator: ConstraintOperator; Values?: string[] };

/**
 * The mutable wire shape of a job, as submitted (server-set fields such as ID
 * and State are not part of it); {@link JobSpec} is its deeply read-only form.
 *
 * @example
 * ```ts
 * import type { JobWire } from 'bacalhau-jobs';
 * const job: JobWire = {
 *   Name: 'hello',
 *   Type: 'batch',
 *   Tasks: [{ Name: 'main', Engine: { Type: 'docker', Params: { Image: 'busybox' } } }],
 * };
 * ```
 */
export type JobWire = {
  Name?: string;
  Namespace?: string;
  Type: JobType;
  Priority?: number;
  Count?: number;
  Constraints?: ConstraintWire[];
  Meta?: Record<string, string>;
  Labels?: Record<string, string>;
  Tasks: TaskWire[];
};

/**
 * A built job: Bacalhau's wire shape, deeply read-only and deeply frozen, with
 * exactly one task of the job's type.
 *
 * @typeParam J - the job type.
 * @example
 * ```ts
 * import { Job, engine, type JobSpec } from 'bacalhau-jobs';
 *
 * const job: JobSpec<'batch'> = Job.batch('hello')
 *   .task((t) => t.name('main').engine(engine.docker('busybox:1.37.0')))
 *   .build();
 * job.Tasks[0].Name; // 'main'
 * ```
 */
export interface JobSpec<J extends JobType = JobType> extends ReadonlyDeep<Omit<JobWire, 'Type' | 'Tasks'>> {
  readonly Type: J;
  readonly Tasks: readonly [TaskSpec<J>];
}
