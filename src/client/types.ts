/**
 * What the Bacalhau API returns, as the client hands it out: deeply read-only,
 * states as names, unknown fields kept (a newer server adds fields; nothing
 * here breaks on them) but not described.
 *
 * @module
 */
import type { ReadonlyDeep } from 'type-fest';
import type { JobWire, SpecConfigWire } from '../schema/wire.js';

/**
 * A job's state. A newer server may report a name not listed here.
 *
 * @example
 * ```ts
 * import { BacalhauClient, type JobState } from 'bacalhau-jobs';
 *
 * const { job } = await new BacalhauClient().get('j-1234');
 * const state: JobState = job.State.StateType;
 * if (state === 'Pending' || state === 'Queued') console.log('waiting for a compute node');
 * ```
 *
 * @group Client
 */
export type JobState = 'Undefined' | 'Pending' | 'Queued' | 'Running' | 'Completed' | 'Failed' | 'Stopped' | (string & {});

/**
 * An execution's state on its compute node. A newer server may report a name not listed here.
 *
 * @example
 * ```ts
 * import { BacalhauClient, type ExecutionState } from 'bacalhau-jobs';
 *
 * const active: readonly ExecutionState[] = ['BidAccepted', 'Running', 'Publishing'];
 * const executions = await new BacalhauClient().executions('j-1234');
 * console.log(executions.filter((e) => active.includes(e.ComputeState.StateType)).map((e) => e.NodeID));
 * ```
 *
 * @group Client
 */
export type ExecutionState =
  | 'Undefined'
  | 'New'
  | 'AskForBid'
  | 'AskForBidAccepted'
  | 'AskForBidRejected'
  | 'BidAccepted'
  | 'Running'
  | 'Publishing'
  | 'BidRejected'
  | 'Completed'
  | 'Failed'
  | 'Cancelled'
  | (string & {});

/**
 * What the orchestrator wants an execution to do.
 *
 * @example
 * ```ts
 * import { BacalhauClient } from 'bacalhau-jobs';
 *
 * // Executions the orchestrator is stopping but whose node has not reported them ended yet.
 * const stopping = (await new BacalhauClient().executions('j-1234')).filter(
 *   (e) => e.DesiredState.StateType === 'Stopped' && e.ComputeState.StateType === 'Running',
 * );
 * ```
 *
 * @group Client
 */
export type ExecutionDesiredState = 'Pending' | 'Running' | 'Stopped' | (string & {});

/**
 * The job states after which nothing more happens: `wait()` resolves on these.
 *
 * @example
 * ```ts
 * import { BacalhauClient, TERMINAL_JOB_STATES } from 'bacalhau-jobs';
 *
 * const { job } = await new BacalhauClient().get('j-1234');
 * if (!TERMINAL_JOB_STATES.includes(job.State.StateType)) console.log(`${job.Name} is still ${job.State.StateType}`);
 * ```
 *
 * @group Client
 */
export const TERMINAL_JOB_STATES: readonly JobState[] = Object.freeze(['Completed', 'Failed', 'Stopped']);

/**
 * A state with the server's explanation.
 *
 * @example
 * ```ts
 * import { BacalhauClient, type StateInfo } from 'bacalhau-jobs';
 *
 * function show({ StateType, Message }: StateInfo<string>): string {
 *   return Message ? `${StateType}: ${Message}` : StateType;
 * }
 * const { job, executions = [] } = await new BacalhauClient().get('j-1234', { include: 'executions' });
 * console.log(show(job.State), executions.map((e) => show(e.ComputeState)));
 * ```
 *
 * @group Client
 */
export interface StateInfo<S extends string> {
  /** The state's name. */
  readonly StateType: S;
  /** Why the object is in this state (for a failed job, the reason). */
  readonly Message?: string;
  /** Extra facts the server attached. */
  readonly Details?: Readonly<Record<string, string>>;
}

/**
 * A job as the server stores it: the spec you submitted after Bacalhau's
 * defaults and normalisation, plus the fields the server owns. Feed it to
 * `parseJobResponse` to edit and resubmit it.
 *
 * @example
 * ```ts
 * import { BacalhauClient, parseJobResponse } from 'bacalhau-jobs';
 *
 * const client = new BacalhauClient();
 * const { job } = await client.get('nightly');
 * console.log(job.ID, `version ${job.Version}`, new Date(job.CreateTime / 1e6).toISOString());
 * // Resubmit it with a new label: an update, so the job keeps its ID and gets version + 1.
 * const spec = parseJobResponse({ Job: job });
 * await client.submit({ ...spec, Labels: { ...spec.Labels, rerun: 'manual' } });
 * ```
 *
 * @group Client
 */
export interface JobRecord extends ReadonlyDeep<JobWire> {
  /** `j-` followed by a UUID. */
  readonly ID: string;
  /** Where the job is in its life. */
  readonly State: StateInfo<JobState>;
  /** 1 for a new job; an update by name adds one. */
  readonly Version: number;
  /** Bumped on every stored change. */
  readonly Revision: number;
  /** Nanoseconds since the Unix epoch. */
  readonly CreateTime: number;
  /** Nanoseconds since the Unix epoch. */
  readonly ModifyTime: number;
}

/**
 * What the task printed and how it ended, as the compute node reported it.
 *
 * @example
 * ```ts
 * import { BacalhauClient } from 'bacalhau-jobs';
 *
 * for (const { ID, RunOutput: output } of await new BacalhauClient().executions('j-1234')) {
 *   if (output?.ExitCode !== undefined && output.ExitCode !== 0) console.error(`${ID} exited with ${output.ExitCode}: ${output.stderr ?? ''}`);
 * }
 * ```
 *
 * @group Client
 */
export interface RunOutput {
  /** Standard output (may be truncated; use `logs()` for all of it). */
  readonly Stdout?: string;
  /** Whether `Stdout` was cut short (the compute node keeps only the start of long output). */
  readonly StdoutTruncated?: boolean;
  /** Standard error. Bacalhau spells this key in lower case. */
  readonly stderr?: string;
  /** Whether `stderr` was cut short. */
  readonly StderrTruncated?: boolean;
  /** The process's exit code. */
  readonly ExitCode?: number;
  /** The executor's error, if the task could not run. */
  readonly ErrorMsg?: string;
}

/**
 * One run of a job's task on one compute node.
 *
 * @example
 * ```ts
 * import { BacalhauClient } from 'bacalhau-jobs';
 *
 * for (const execution of await new BacalhauClient().executions('j-1234')) {
 *   console.log(execution.ID, execution.NodeID, execution.ComputeState.StateType, execution.RunOutput?.ExitCode);
 * }
 * ```
 *
 * @group Client
 */
export interface Execution {
  /** `e-` followed by a UUID. */
  readonly ID: string;
  /** The job it runs. */
  readonly JobID: string;
  /** The version of the job it runs. */
  readonly JobVersion: number;
  /** The job's namespace. */
  readonly Namespace: string;
  /** The compute node that ran it. */
  readonly NodeID: string;
  /** The evaluation (scheduling decision) that created it. */
  readonly EvalID: string;
  /** What the orchestrator wants. */
  readonly DesiredState: StateInfo<ExecutionDesiredState>;
  /** What the compute node reports. */
  readonly ComputeState: StateInfo<ExecutionState>;
  /** Where the results went (for the `local` publisher, a `urlDownload` with the archive's URL). */
  readonly PublishedResult?: ReadonlyDeep<SpecConfigWire> | null;
  /** Output and exit code, once the task ran. */
  readonly RunOutput?: RunOutput | null;
  /** The partition this execution handles (batch jobs with `Count` > 1). */
  readonly PartitionIndex?: number;
  /** Bumped on every stored change. */
  readonly Revision: number;
  /** Nanoseconds since the Unix epoch. */
  readonly CreateTime: number;
  /** Nanoseconds since the Unix epoch. */
  readonly ModifyTime: number;
}

/**
 * One entry of a job's history: a job or execution state change, or an event.
 *
 * @example
 * ```ts
 * import { BacalhauClient } from 'bacalhau-jobs';
 *
 * for (const entry of await new BacalhauClient().history('j-1234')) {
 *   const who = entry.Type === 'ExecutionLevel' ? `execution ${entry.ExecutionID ?? '?'}` : 'job';
 *   console.log(`${entry.Time} ${who}: ${entry.Event?.Message ?? ''}`);
 * }
 * ```
 *
 * @group Client
 */
export interface JobHistoryEntry {
  /** The entry's position in the job's history, counting up. */
  readonly SeqNum: number;
  /** `JobLevel` or `ExecutionLevel`. */
  readonly Type: 'JobLevel' | 'ExecutionLevel' | (string & {});
  /** The job it is about. */
  readonly JobID: string;
  /** The version of the job it is about. */
  readonly JobVersion: number;
  /** Set for execution-level entries. */
  readonly ExecutionID?: string;
  /** RFC 3339 time. */
  readonly Time: string;
  /** A human-readable event (`Message`, `Topic`, `Timestamp`, `Details`). */
  readonly Event?: {
    /** What happened, for people to read. */
    readonly Message: string;
    /** The part of Bacalhau that reported it (`Submission`, `Scheduling`, `Running Execution`, …). */
    readonly Topic: string;
    /** When it happened (RFC 3339), which may be earlier than `Time`, when it was recorded. */
    readonly Timestamp: string;
    /** Extra facts the server attached (`FailsExecution`, `Hint`, …). */
    readonly Details?: Readonly<Record<string, string>>;
  };
  /** The job's state change, for job-level entries. Bacalhau v1.9 leaves it out and records the change as an event (`Event.Details.NewState`). */
  readonly JobState?: {
    /** The state before. */
    readonly Previous?: JobState;
    /** The state after. */
    readonly New?: JobState;
  };
  /** The execution's state change, for execution-level entries. Bacalhau v1.9 leaves it out (see `Event`). */
  readonly ExecutionState?: {
    /** The state before. */
    readonly Previous?: ExecutionState;
    /** The state after. */
    readonly New?: ExecutionState;
  };
}

/**
 * A node known to the orchestrator.
 *
 * @example
 * ```ts
 * import { BacalhauClient } from 'bacalhau-jobs';
 *
 * for (const { Info, Membership, ConnectionState } of await new BacalhauClient().nodes()) {
 *   console.log(Info.NodeID, Info.NodeType, Membership, ConnectionState.Status, Info.Labels['region'] ?? '-');
 * }
 * ```
 *
 * @group Client
 */
export interface NodeRecord {
  /** What the node says about itself. */
  readonly Info: {
    /** The node's ID. */
    readonly NodeID: string;
    /** `Requester` (orchestrator) or `Compute`. */
    readonly NodeType: string;
    /** The node's labels, which job constraints select on. */
    readonly Labels: Readonly<Record<string, string>>;
    /** The Bacalhau build the node runs. */
    readonly BacalhauVersion?: VersionInfo;
  };
  /** `APPROVED`, `PENDING` or `REJECTED`. */
  readonly Membership: string;
  /** Connection and heartbeat facts; `Status` is `CONNECTED` or `DISCONNECTED`. */
  readonly ConnectionState: {
    /** `CONNECTED` or `DISCONNECTED`. */
    readonly Status: string;
    readonly [key: string]: unknown;
  };
}

/**
 * The server's build.
 *
 * @example
 * ```ts
 * import { BacalhauClient } from 'bacalhau-jobs';
 *
 * const { GitVersion, GOOS, GOARCH } = await new BacalhauClient().version();
 * if (!GitVersion.startsWith('v1.9.')) console.warn(`this SDK targets Bacalhau v1.9; the server runs ${GitVersion} (${GOOS}/${GOARCH})`);
 * ```
 *
 * @group Client
 */
export interface VersionInfo {
  /** The major version number (`1`), when the build records it. */
  readonly Major?: string;
  /** The minor version number (`9`), when the build records it. */
  readonly Minor?: string;
  /** The release tag (`v1.9.3`). */
  readonly GitVersion: string;
  /** The Git commit it was built from. */
  readonly GitCommit: string;
  /** When it was built (RFC 3339). */
  readonly BuildDate: string;
  /** The operating system it was built for (`linux`, `darwin`). */
  readonly GOOS: string;
  /** The CPU architecture it was built for (`amd64`, `arm64`). */
  readonly GOARCH: string;
}

/**
 * The answer to `submit()`.
 *
 * @example
 * ```ts
 * import { BacalhauClient, Job, engine } from 'bacalhau-jobs';
 *
 * const { jobId, warnings } = await new BacalhauClient().submit(
 *   Job.batch('hello').task((t) => t.name('main').engine(engine.docker('busybox:1.37.0'))),
 * );
 * for (const warning of warnings) console.warn(warning);
 * console.log(`submitted ${jobId}`);
 * ```
 *
 * @group Client
 */
export interface SubmitResult {
  /** The job's ID (on an update by name, the existing job's ID). */
  readonly jobId: string;
  /** The evaluation that schedules it. */
  readonly evaluationId: string;
  /** The server's warnings (fields it ignored, defaults it chose); always an array. */
  readonly warnings: readonly string[];
}

/**
 * The answer to `rerun()`.
 *
 * @example
 * ```ts
 * import { BacalhauClient } from 'bacalhau-jobs';
 *
 * const client = new BacalhauClient();
 * const { jobId, jobVersion } = await client.rerun('nightly');
 * console.log(`rerunning version ${jobVersion}`, (await client.wait(jobId)).state);
 * ```
 *
 * @group Client
 */
export interface RerunResult extends SubmitResult {
  /** The version that was rerun. */
  readonly jobVersion: number;
}

/**
 * The answer to `diff()`.
 *
 * @example
 * ```ts
 * import { BacalhauClient, Job, engine } from 'bacalhau-jobs';
 *
 * const client = new BacalhauClient();
 * const job = Job.batch('nightly').task((t) => t.name('main').engine(engine.docker('busybox:1.37.0')));
 * const { changed, diff } = await client.diff(job);
 * if (changed) {
 *   console.log(diff);
 *   await client.submit(job);
 * }
 * ```
 *
 * @group Client
 */
export interface DiffResult {
  /** Bacalhau's text diff between the stored job and the given spec; `''` when they are equal. */
  readonly diff: string;
  /** `diff !== ''`. */
  readonly changed: boolean;
  /** The server's warnings about the spec; always an array. */
  readonly warnings: readonly string[];
}

/**
 * The answer to `get()`.
 *
 * @example
 * ```ts
 * import { BacalhauClient } from 'bacalhau-jobs';
 *
 * const { job, executions = [] } = await new BacalhauClient().get('j-1234', { include: 'executions' });
 * console.log(`${job.Name}: ${job.State.StateType}, ${executions.length} execution(s)`);
 * ```
 *
 * @group Client
 */
export interface JobDetails {
  /** The job. */
  readonly job: JobRecord;
  /** With `include: 'executions'`. */
  readonly executions?: readonly Execution[];
  /** With `include: 'history'`. */
  readonly history?: readonly JobHistoryEntry[];
}

/**
 * What `wait()` resolves with: the job in a terminal state and its executions.
 *
 * @example
 * ```ts
 * import { BacalhauClient } from 'bacalhau-jobs';
 *
 * const done = await new BacalhauClient().wait('j-1234');
 * if (!done.succeeded) throw new Error(`${done.job.Name} ${done.state}:\n${done.reason}`);
 * for (const execution of done.executions) console.log(execution.RunOutput?.Stdout);
 * ```
 *
 * @group Client
 */
export interface FinishedJob {
  /** The job, in its final state. */
  readonly job: JobRecord;
  /** Every execution of the job, with its final state and output. */
  readonly executions: readonly Execution[];
  /** `Completed`, `Failed` or `Stopped`. */
  readonly state: JobState;
  /**
   * `Completed` and every execution that completed exited with code 0 (an
   * execution Bacalhau replaced after a failure does not count). Bacalhau marks a job
   * Completed when its program ran, whatever its exit code; only a task that
   * could not run (an executor error) makes it Failed.
   */
  readonly succeeded: boolean;
  /**
   * Why it did not succeed, in the server's words, one line each: the job's
   * state message, then each execution's message, executor error, exit code and
   * last line of stderr; `''` when it succeeded.
   */
  readonly reason: string;
}

/**
 * A change `wait()` reports to `onProgress`.
 *
 * @example
 * ```ts
 * import { BacalhauClient, type WaitProgress } from 'bacalhau-jobs';
 *
 * function report({ jobId, state, executions, elapsedMs }: WaitProgress): void {
 *   const running = executions.filter((e) => e.ComputeState.StateType === 'Running').length;
 *   console.log(`${jobId}: ${state}, ${running} running, ${Math.round(elapsedMs / 1000)} s`);
 * }
 * await new BacalhauClient().wait('j-1234', { onProgress: report });
 * ```
 *
 * @group Client
 */
export interface WaitProgress {
  /** The job's full ID. */
  readonly jobId: string;
  /** The job's state now. */
  readonly state: JobState;
  /** The executions, with their states. */
  readonly executions: readonly Execution[];
  /** Milliseconds since `wait()` started. */
  readonly elapsedMs: number;
}

/**
 * One line a task printed.
 *
 * @example
 * ```ts
 * import { BacalhauClient, type LogLine } from 'bacalhau-jobs';
 *
 * const errors: LogLine[] = [];
 * for await (const line of new BacalhauClient().logs('j-1234')) if (line.stream === 'stderr') errors.push(line);
 * console.log(errors.map(({ executionId, line }) => `${executionId ?? '?'}: ${line}`).join('\n'));
 * ```
 *
 * @group Client
 */
export interface LogLine {
  /** Which stream it came from. */
  readonly stream: 'stdout' | 'stderr' | 'unknown';
  /** The text, without its trailing newline. */
  readonly line: string;
  /** The execution that printed it, when the server says (recorded output always does). */
  readonly executionId?: string;
}
