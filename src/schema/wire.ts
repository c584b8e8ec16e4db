/**
 * Bacalhau's wire format for tasks: the shapes `JSON.stringify` must produce.
 *
 * Keys are PascalCase exactly as Bacalhau's Go models serialise them
 * (`../shared/spec/bacalhau-task-spec.md` §4).
 *
 * @module
 */
import type { ReadonlyDeep } from 'type-fest';
import type { JsonObject } from '../core/json.js';
import type { ConstraintOperator, NetworkType } from './description.js';

export type { ConstraintOperator, NetworkType } from './description.js';
import type { JobType } from './job-types.js';

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
 *
 * @group Spec types
 */
export type SpecConfig<T extends string = string, P extends JsonObject = JsonObject> = {
  /** The engine, publisher or source type, e.g. `docker`, `s3`, `urlDownload` (matched case-insensitively by Bacalhau). */
  readonly Type: T;
  /** Type-specific parameters; absent means none. */
  readonly Params?: P;
};


/**
 * One entry of `Network.Ports` in `Bridge` mode.
 *
 * @example
 * ```ts
 * import type { BridgePort } from 'bacalhau-jobs';
 * const port: BridgePort = { Name: 'HTTP', Static: 8080, Target: 80 };
 * ```
 *
 * @group Spec types
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
 *
 * @group Spec types
 */
export type HostPort = Omit<BridgePort, 'Target'> & {
  /** Not allowed: in host mode the task listens on the host port itself. */
  readonly Target?: never;
};

/**
 * A network without domains or ports: `Default` (the executor decides) or `None`.
 *
 * @example
 * ```ts
 * import type { PlainNetwork } from 'bacalhau-jobs';
 * const offline: PlainNetwork = { Type: 'None' };
 * ```
 *
 * @group Spec types
 */
export type PlainNetwork = {
  /** `Default` or `None`. */
  readonly Type: 'Default' | 'None';
  /** Not allowed: only HTTP networks have domains. */
  readonly Domains?: never;
  /** Not allowed: only Host and Bridge networks have ports. */
  readonly Ports?: never;
};

/**
 * HTTP(S) access through a proxy, limited to `Domains`.
 *
 * @example
 * ```ts
 * import type { HttpNetwork } from 'bacalhau-jobs';
 * const web: HttpNetwork = { Type: 'HTTP', Domains: ['.github.com'] };
 * ```
 *
 * @group Spec types
 */
export type HttpNetwork = {
  /** `HTTP`. */
  readonly Type: 'HTTP';
  /** Lowercase host names (a leading `.` includes subdomains) or IP addresses. */
  readonly Domains?: readonly string[];
  /** Not allowed: only Host and Bridge networks have ports. */
  readonly Ports?: never;
};

/**
 * The host's network stack (`Full` is the deprecated spelling of `Host`).
 *
 * @example
 * ```ts
 * import type { HostNetwork } from 'bacalhau-jobs';
 * const host: HostNetwork = { Type: 'Host', Ports: [{ Name: 'HTTP', Static: 8080 }] };
 * ```
 *
 * @group Spec types
 */
export type HostNetwork = {
  /** `Host` (or the deprecated `Full`, written as `Host`). */
  readonly Type: 'Host' | 'Full';
  /** Named ports the task listens on. */
  readonly Ports?: readonly HostPort[];
  /** Not allowed: only HTTP networks have domains. */
  readonly Domains?: never;
};

/**
 * An isolated network namespace on a bridge, with port mappings.
 *
 * @example
 * ```ts
 * import type { BridgeNetwork } from 'bacalhau-jobs';
 * const bridge: BridgeNetwork = { Type: 'Bridge', Ports: [{ Name: 'WEB', Target: 80 }] };
 * ```
 *
 * @group Spec types
 */
export type BridgeNetwork = {
  /** `Bridge`. */
  readonly Type: 'Bridge';
  /** Host-to-container port mappings. */
  readonly Ports?: readonly BridgePort[];
  /** Not allowed: only HTTP networks have domains. */
  readonly Domains?: never;
};

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
 *
 * @group Spec types
 */
export type NetworkConfig = PlainNetwork | HttpNetwork | HostNetwork | BridgeNetwork;

/**
 * The mutable wire shape of an engine, publisher or input source (see {@link SpecConfig}).
 *
 * @example
 * ```ts
 * import type { SpecConfigWire } from 'bacalhau-jobs';
 * const engine: SpecConfigWire = { Type: 'docker', Params: { Image: 'alpine' } };
 * ```
 *
 * @group Spec types
 */
export type SpecConfigWire = {
  /** The engine, publisher or source type. */
  Type: string;
  /** Type-specific parameters. */
  Params?: JsonObject;
};

/**
 * The mutable wire shape of one `InputSources` entry.
 *
 * @example
 * ```ts
 * import type { InputSourceWire } from 'bacalhau-jobs';
 * const input: InputSourceWire = { Source: { Type: 'ipfs', Params: { CID: 'Qm…' } }, Target: '/data' };
 * ```
 *
 * @group Spec types
 */
export type InputSourceWire = {
  /** Where the data comes from. */
  Source: SpecConfigWire;
  /** Optional name, unique per task. */
  Alias?: string;
  /** Where the data is mounted in the task, unique per task. */
  Target: string;
};

/**
 * The mutable wire shape of one `ResultPaths` entry.
 *
 * @example
 * ```ts
 * import type { ResultPathWire } from 'bacalhau-jobs';
 * const result: ResultPathWire = { Name: 'outputs', Path: '/outputs' };
 * ```
 *
 * @group Spec types
 */
export type ResultPathWire = {
  /** Name of the published result, unique per task. */
  Name: string;
  /** Absolute path in the task whose contents are published, unique per task. */
  Path: string;
};

/**
 * The mutable wire shape of a task's `Resources` (all quantities are strings).
 *
 * @example
 * ```ts
 * import type { ResourcesWire } from 'bacalhau-jobs';
 * const resources: ResourcesWire = { CPU: '500m', Memory: '1Gb' };
 * ```
 *
 * @group Spec types
 */
export type ResourcesWire = {
  /** Cores (`'0.5'`) or millicores (`'500m'`). */
  CPU?: string;
  /** Bytes with an optional unit (`'512Mb'`, `'1GiB'`). */
  Memory?: string;
  /** Bytes with an optional unit. */
  Disk?: string;
  /** A whole number of GPUs. */
  GPU?: string;
};

/**
 * The mutable wire shape of one `Network.Ports` entry.
 *
 * @example
 * ```ts
 * import type { PortWire } from 'bacalhau-jobs';
 * const port: PortWire = { Name: 'HTTP', Static: 8080, Target: 80 };
 * ```
 *
 * @group Spec types
 */
export type PortWire = {
  /** Port name; it becomes `BACALHAU_PORT_<Name>`. */
  Name: string;
  /** Host port, 1024–65535. */
  Static?: number;
  /** Container port (Bridge mode only). */
  Target?: number;
  /** IP address to bind to. */
  HostNetwork?: string;
};

/**
 * The mutable wire shape of a task's `Network` as the SDK writes it.
 *
 * @example
 * ```ts
 * import type { NetworkWire } from 'bacalhau-jobs';
 * const network: NetworkWire = { Type: 'HTTP', Domains: ['example.com'] };
 * ```
 *
 * @group Spec types
 */
export type NetworkWire = {
  /** The network mode. */
  Type: NetworkType;
  /** Allowed domains (HTTP mode only). */
  Domains?: string[];
  /** Named ports (Host and Bridge modes only). */
  Ports?: PortWire[];
};

/**
 * The mutable wire shape of a task's `Timeouts`, in whole seconds.
 *
 * @example
 * ```ts
 * import type { TimeoutsWire } from 'bacalhau-jobs';
 * const timeouts: TimeoutsWire = { ExecutionTimeout: 600, TotalTimeout: 3600 };
 * ```
 *
 * @group Spec types
 */
export type TimeoutsWire = {
  /** Longest a single execution may run (batch and ops only). */
  ExecutionTimeout?: number;
  /** Longest the job may wait for a node; 0 means fail fast. */
  QueueTimeout?: number;
  /** Limit over queueing, execution and retries; 0 means none. */
  TotalTimeout?: number;
};

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
 *
 * @group Spec types
 */
export type TaskWire = {
  /** The task's name: not blank, no NUL characters. */
  Name: string;
  /** What runs the task: `docker`, `wasm` or a custom engine. */
  Engine: SpecConfigWire;
  /** Where results go when an execution completes (batch and ops). */
  Publisher?: SpecConfigWire;
  /** Environment variables: `[A-Z][A-Z0-9_]*` names, non-empty values. */
  Env?: Record<string, string>;
  /** Free-form string metadata. */
  Meta?: Record<string, string>;
  /** Data mounted into the task. */
  InputSources?: InputSourceWire[];
  /** Directories whose contents are published. */
  ResultPaths?: ResultPathWire[];
  /** Resources the task needs. */
  Resources?: ResourcesWire;
  /** Network access. */
  Network?: NetworkWire;
  /** Time limits, in seconds. */
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
 *
 * @group Spec types
 */
export interface TaskSpec<J extends JobType = JobType> extends ReadonlyDeep<TaskWire> {
  /** @hidden type-level only */
  readonly [taskJobType]?: J;
}


/**
 * The mutable wire shape of one job constraint on node labels.
 *
 * @example
 * ```ts
 * import type { ConstraintWire } from 'bacalhau-jobs';
 * const constraint: ConstraintWire = { Key: 'region', Operator: 'in', Values: ['eu-west-1'] };
 * ```
 *
 * @group Spec types
 */
export type ConstraintWire = {
  /** The node label; a `favour_` prefix makes the constraint a preference. */
  Key: string;
  /** How the label is compared. */
  Operator: ConstraintOperator;
  /** The values compared with (count depends on the operator). */
  Values?: string[];
};

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
 *
 * @group Spec types
 */
export type JobWire = {
  /** The job's name; submitting an existing name in the namespace updates that job. Absent: the server uses the job's ID. */
  Name?: string;
  /** The namespace; absent means `default`. */
  Namespace?: string;
  /** The job type (lowercase). */
  Type: JobType;
  /** Scheduling priority; absent means the node's default. */
  Priority?: number;
  /** Replicas or partitions (batch and service); absent means 1. */
  Count?: number;
  /** Conditions on node labels, all of which must hold. */
  Constraints?: ConstraintWire[];
  /** Free-form string metadata; `bacalhau.org/` keys are reserved. */
  Meta?: Record<string, string>;
  /** Labels to find the job by. */
  Labels?: Record<string, string>;
  /** The job's one task. */
  Tasks: TaskWire[];
};

/**
 * A built job of job type `J`: Bacalhau's wire shape, deeply read-only and
 * deeply frozen, with exactly one task of that type. {@link JobSpec} is the
 * name to use; this is one member of its union.
 *
 * @typeParam J - the job type (one of them).
 * @example
 * ```ts
 * import { Job, engine, type JobSpecOf } from 'bacalhau-jobs';
 *
 * const job: JobSpecOf<'batch'> = Job.batch('hello')
 *   .task((t) => t.name('main').engine(engine.docker('busybox:1.37.0')))
 *   .build();
 * ```
 *
 * @group Spec types
 */
export interface JobSpecOf<J extends JobType> extends ReadonlyDeep<Omit<JobWire, 'Type' | 'Tasks'>> {
  /** The job type. */
  readonly Type: J;
  /** The job's one task, of the same job type. */
  readonly Tasks: readonly [TaskSpec<J>];
}

/**
 * A built job: Bacalhau's wire shape, deeply read-only and deeply frozen, with
 * exactly one task of the job's type. Without a type argument it is a union
 * discriminated by `Type`, so checking `Type` narrows it.
 *
 * @typeParam J - the job type, or several (then one member per type).
 * @example
 * ```ts
 * import { Job, engine, parseJob, type JobSpec } from 'bacalhau-jobs';
 *
 * const job: JobSpec<'batch'> = Job.batch('hello')
 *   .task((t) => t.name('main').engine(engine.docker('busybox:1.37.0')))
 *   .build();
 * job.Tasks[0].Name; // 'main'
 *
 * const read: JobSpec = parseJob('Name: x\nType: batch\nTasks: [{Name: main, Engine: {Type: docker, Params: {Image: alpine}}}]\n');
 * if (read.Type === 'batch') Job.from(read).count(2); // narrowed: only batch and service jobs have .count()
 * ```
 *
 * @group Spec types
 */
export type JobSpec<J extends JobType = JobType> = J extends JobType ? JobSpecOf<J> : never;
