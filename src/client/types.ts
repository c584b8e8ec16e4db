/**
 * What the Bacalhau API returns, as the client hands it out: deeply read-only,
 * states as names, unknown fields kept (a newer server adds fields; nothing
 * here breaks on them) but not described.
 *
 * @module
 */
import type { ReadonlyDeep } from 'type-fest';
import type { JobWire, SpecConfigWire } from '../wire.js';

/** A job's state. A newer server may report a name not listed here. */
export type JobState = 'Undefined' | 'Pending' | 'Queued' | 'Running' | 'Completed' | 'Failed' | 'Stopped' | (string & {});

/** An execution's state on its compute node. A newer server may report a name not listed here. */
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

/** What the orchestrator wants an execution to do. */
export type ExecutionDesiredState = 'Pending' | 'Running' | 'Stopped' | (string & {});

/** The job states after which nothing more happens: `wait()` resolves on these. */
export const TERMINAL_JOB_STATES: readonly JobState[] = Object.freeze(['Completed', 'Failed', 'Stopped']);

/** A state with the server's explanation. */
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

/** What the task printed and how it ended, as the compute node reported it. */
export interface RunOutput {
  /** Standard output (may be truncated; use `logs()` for all of it). */
  readonly Stdout?: string;
  readonly StdoutTruncated?: boolean;
  /** Standard error. Bacalhau spells this key in lower case. */
  readonly stderr?: string;
  readonly StderrTruncated?: boolean;
  /** The process's exit code. */
  readonly ExitCode?: number;
  /** The executor's error, if the task could not run. */
  readonly ErrorMsg?: string;
}

/** One run of a job's task on one compute node. */
export interface Execution {
  /** `e-` followed by a UUID. */
  readonly ID: string;
  readonly JobID: string;
  readonly JobVersion: number;
  readonly Namespace: string;
  /** The compute node that ran it. */
  readonly NodeID: string;
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
  readonly Revision: number;
  /** Nanoseconds since the Unix epoch. */
  readonly CreateTime: number;
  /** Nanoseconds since the Unix epoch. */
  readonly ModifyTime: number;
}

/** One entry of a job's history: a job or execution state change, or an event. */
export interface JobHistoryEntry {
  readonly SeqNum: number;
  /** `JobLevel` or `ExecutionLevel`. */
  readonly Type: 'JobLevel' | 'ExecutionLevel' | (string & {});
  readonly JobID: string;
  readonly JobVersion: number;
  /** Set for execution-level entries. */
  readonly ExecutionID?: string;
  /** RFC 3339 time. */
  readonly Time: string;
  /** A human-readable event (`Message`, `Topic`, `Timestamp`, `Details`). */
  readonly Event?: {
    readonly Message: string;
    readonly Topic: string;
    readonly Timestamp: string;
    readonly Details?: Readonly<Record<string, string>>;
  };
  /** The job's state change, for job-level entries. */
  readonly JobState?: { readonly Previous?: JobState; readonly New?: JobState };
  /** The execution's state change, for execution-level entries. */
  readonly ExecutionState?: { readonly Previous?: ExecutionState; readonly New?: ExecutionState };
}

/** A node known to the orchestrator. */
export interface NodeRecord {
  readonly Info: {
    readonly NodeID: string;
    /** `Requester` (orchestrator) or `Compute`. */
    readonly NodeType: string;
    readonly Labels: Readonly<Record<string, string>>;
    readonly BacalhauVersion?: VersionInfo;
  };
  /** `APPROVED`, `PENDING` or `REJECTED`. */
  readonly Membership: string;
  /** Connection and heartbeat facts; `Status` is `CONNECTED` or `DISCONNECTED`. */
  readonly ConnectionState: { readonly Status: string; readonly [key: string]: unknown };
}

/** The server's build. */
export interface VersionInfo {
  readonly Major?: string;
  readonly Minor?: string;
  readonly GitVersion: string;
  readonly GitCommit: string;
  readonly BuildDate: string;
  readonly GOOS: string;
  readonly GOARCH: string;
}

/** The answer to `submit()`. */
export interface SubmitResult {
  /** The job's ID (on an update by name, the existing job's ID). */
  readonly jobId: string;
  /** The evaluation that schedules it. */
  readonly evaluationId: string;
  /** The server's warnings (fields it ignored, defaults it chose); always an array. */
  readonly warnings: readonly string[];
}

/** The answer to `rerun()`. */
export interface RerunResult extends SubmitResult {
  /** The version that was rerun. */
  readonly jobVersion: number;
}

/** The answer to `diff()`. */
export interface DiffResult {
  /** Bacalhau's text diff between the stored job and the given spec; `''` when they are equal. */
  readonly diff: string;
  /** `diff !== ''`. */
  readonly changed: boolean;
  readonly warnings: readonly string[];
}

/** The answer to `get()`. */
export interface JobDetails {
  readonly job: JobRecord;
  /** With `include: 'executions'`. */
  readonly executions?: readonly Execution[];
  /** With `include: 'history'`. */
  readonly history?: readonly JobHistoryEntry[];
}

/** What `wait()` resolves with: the job in a terminal state and its executions. */
export interface FinishedJob {
  readonly job: JobRecord;
  readonly executions: readonly Execution[];
  /** `Completed`, `Failed` or `Stopped`. */
  readonly state: JobState;
  /**
   * `Completed` and every execution exited with code 0. Bacalhau marks a job
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

/** A change `wait()` reports to `onProgress`. */
export interface WaitProgress {
  readonly jobId: string;
  readonly state: JobState;
  /** The executions, with their states. */
  readonly executions: readonly Execution[];
  /** Milliseconds since `wait()` started. */
  readonly elapsedMs: number;
}

/** One line a task printed. */
export interface LogLine {
  /** Which stream it came from. */
  readonly stream: 'stdout' | 'stderr' | 'unknown';
  /** The text, without its trailing newline. */
  readonly line: string;
  /** The execution that printed it, when the server says (recorded output always does). */
  readonly executionId?: string;
}
