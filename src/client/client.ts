/**
 * {@link BacalhauClient}: one method per endpoint of Bacalhau's orchestrator
 * API, plus `wait()` and `logs()`. Browser-safe: it uses `fetch` and the
 * platform's `WebSocket` (the `ws` package in Node 20).
 *
 * @module
 */
import { BacalhauSpecError, type Problem } from '../core/errors.js';
import { problemAt } from '../core/report.js';
import { deepFreeze } from '../core/freeze.js';
import { safeParseJob } from '../io/parse.js';
import { isSdkJob } from '../io/provenance.js';
import type { Validated } from '../core/result.js';
import type { JobSpec, SpecConfigWire } from '../schema/wire.js';
import type { ReadonlyDeep } from 'type-fest';
import { BacalhauConnectionError, BacalhauWaitError } from './errors.js';
import { HttpTransport, type HttpMethod, type Query } from './http.js';
import { streamLogs } from './logs.js';
import { recordedLines } from './recorded-output.js';
import { deadline, environment, platform, sleep, type AbortSignalLike, type FetchLike, type WebSocketConstructor } from './platform.js';
import {
  fieldArray,
  fieldString,
  objectOf,
  readExecution,
  readHistoryEntry,
  readJob,
  warningsOf,
  type Origin,
} from './responses.js';
import {
  TERMINAL_JOB_STATES,
  type DiffResult,
  type Execution,
  type FinishedJob,
  type JobDetails,
  type JobHistoryEntry,
  type JobRecord,
  type JobState,
  type LogLine,
  type NodeRecord,
  type RerunResult,
  type SubmitResult,
  type VersionInfo,
  type WaitProgress,
} from './types.js';

/**
 * How to reach and talk to a Bacalhau orchestrator.
 *
 * @example
 * ```ts
 * import type { BacalhauClientOptions } from 'bacalhau-jobs';
 *
 * const options: BacalhauClientOptions = { url: 'https://bacalhau.example.com', token: 'my-api-key', timeoutMs: 10_000 };
 * ```
 *
 * @group Client
 */
export interface BacalhauClientOptions {
  /**
   * The API's base URL. Default: what the bacalhau CLI uses, `BACALHAU_API_HOST` and
   * `BACALHAU_API_PORT` from the environment (Node), else `http://127.0.0.1:1234`.
   */
  readonly url?: string | undefined;
  /** An API key or JWT, sent as `Authorization: Bearer …`. Default: `BACALHAU_API_KEY` (Node), unless a username is given. */
  readonly token?: string | undefined;
  /** With `password`, sent as HTTP Basic authentication. */
  readonly username?: string | undefined;
  /** With `username`, sent as HTTP Basic authentication; never shown in errors. */
  readonly password?: string | undefined;
  /** The `fetch` to use. Default: the global one. */
  readonly fetch?: FetchLike | undefined;
  /** Extra headers for every request. Values of headers whose name suggests a secret are never shown in errors. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** Per request attempt, for the whole answer. Default 30,000 ms (Bacalhau's own handler limit). */
  readonly timeoutMs?: number | undefined;
  /** Extra attempts for GET requests after a network error (a timeout is not retried) or a 429, 502, 503 or 504 answer. Default 3. */
  readonly retries?: number | undefined;
  /** The largest answer read, in bytes; larger ones are refused without reading the rest. Default 16 MiB. */
  readonly maxResponseBytes?: number | undefined;
  /** The namespace for job calls that do not name one. Default: the server's (`default`). */
  readonly namespace?: string | undefined;
  /** The `WebSocket` for `logs()`. Default: the platform's, or the `ws` package in Node. */
  readonly WebSocket?: WebSocketConstructor | undefined;
}

/**
 * Options every call accepts.
 *
 * @example
 * ```ts
 * import { BacalhauClient, type CallOptions } from 'bacalhau-jobs';
 *
 * const quick: CallOptions = { signal: AbortSignal.timeout(5_000) };
 * const nodes = await new BacalhauClient().nodes(quick);
 * ```
 *
 * @group Client
 */
export interface CallOptions {
  /** Aborts the call; it then rejects with a `BacalhauConnectionError` whose reason is `aborted`. */
  readonly signal?: AbortSignalLike | undefined;
}

/**
 * Options of calls about one job.
 *
 * @example
 * ```ts
 * import { BacalhauClient, type JobCallOptions } from 'bacalhau-jobs';
 *
 * const client = new BacalhauClient();
 * const inTeam: JobCallOptions = { namespace: 'team-a' };
 * const results = await client.results('j-1234', inTeam);
 * ```
 *
 * @group Client
 */
export interface JobCallOptions extends CallOptions {
  /** The job's namespace. Default: the client's. */
  readonly namespace?: string | undefined;
}

/**
 * A job the client can submit: a built or parsed spec, a wire-shaped object, or a job builder.
 *
 * @example
 * ```ts
 * import { BacalhauClient, Job, engine, parseJob, type SubmittableJob } from 'bacalhau-jobs';
 *
 * const yaml = `
 * Name: parsed
 * Type: batch
 * Tasks:
 *   - Name: main
 *     Engine: { Type: docker, Params: { Image: busybox:1.37.0 } }
 * `;
 * const jobs: SubmittableJob[] = [
 *   Job.batch('built').task((t) => t.name('main').engine(engine.docker('busybox:1.37.0'))), // a builder
 *   parseJob(yaml), // a parsed spec
 *   { Name: 'wire', Type: 'batch', Tasks: [{ Name: 'main', Engine: { Type: 'docker', Params: { Image: 'busybox:1.37.0' } } }] }, // wire-shaped
 * ];
 * const client = new BacalhauClient();
 * for (const job of jobs) console.log((await client.submit(job)).jobId);
 * ```
 *
 * @group Client
 */
export type SubmittableJob = JobSpec | Readonly<Record<string, unknown>> | {
  /** Checks the job and returns its spec or its problems, as a job builder's `validate()` does. */
  validate(): Validated<JobSpec>;
};

/**
 * Options of {@link BacalhauClient.submit}.
 *
 * @example
 * ```ts
 * import { BacalhauClient, Job, engine } from 'bacalhau-jobs';
 *
 * const job = Job.batch('nightly').task((t) => t.name('main').engine(engine.docker('busybox:1.37.0')));
 * // Bacalhau refuses to resubmit an unchanged spec; `force` makes a new version anyway.
 * const { jobId } = await new BacalhauClient().submit(job, { force: true });
 * ```
 *
 * @group Client
 */
export interface SubmitOptions extends CallOptions {
  /** Submit even when a job of the same name exists and the spec is unchanged (a new version). */
  readonly force?: boolean | undefined;
}

/**
 * Options of {@link BacalhauClient.get}.
 *
 * @example
 * ```ts
 * import { BacalhauClient } from 'bacalhau-jobs';
 *
 * const { job, history } = await new BacalhauClient().get('nightly', { include: 'history', version: 2 });
 * console.log(job.Version, history?.length);
 * ```
 *
 * @group Client
 */
export interface GetOptions extends JobCallOptions {
  /** Also fetch the job's executions or its history (one of them; the API takes one). */
  readonly include?: 'executions' | 'history' | undefined;
  /** A version of the job other than the latest. */
  readonly version?: number | undefined;
}

/**
 * Options of {@link BacalhauClient.list}.
 *
 * @example
 * ```ts
 * import { BacalhauClient, type ListOptions } from 'bacalhau-jobs';
 *
 * // Newest first, in every namespace, of the jobs labelled env=prod or env=dev.
 * const options: ListOptions = { namespace: '*', labels: 'env in (prod,dev)', orderBy: 'created_at', reverse: true };
 * for await (const job of new BacalhauClient().list(options)) console.log(job.Namespace, job.Name);
 * ```
 *
 * @group Client
 */
export interface ListOptions extends CallOptions {
  /** The namespace; `'*'` lists every namespace. Default: the client's. */
  readonly namespace?: string | undefined;
  /**
   * Label selectors, ANDed: `{ team: 'data' }` means `team=data`; strings are
   * Kubernetes selectors such as `'env in (prod,dev)'` or `'!legacy'`.
   */
  readonly labels?: Readonly<Record<string, string>> | string | readonly string[] | undefined;
  /** Jobs per page (the API's `limit`); iteration still goes through every page. */
  readonly limit?: number | undefined;
  /** The field to order by (`created_at`, `modified_at`, `id`, `name`). */
  readonly orderBy?: string | undefined;
  /** Reverse the order. */
  readonly reverse?: boolean | undefined;
}

/**
 * Options of {@link BacalhauClient.executions} and {@link BacalhauClient.versions}.
 *
 * @example
 * ```ts
 * import { BacalhauClient } from 'bacalhau-jobs';
 *
 * // The most recently changed execution first.
 * const [latest] = await new BacalhauClient().executions('j-1234', { orderBy: 'modified_at', reverse: true });
 * console.log(latest?.ComputeState.StateType);
 * ```
 *
 * @group Client
 */
export interface PagedJobOptions extends JobCallOptions {
  /** Items per page; every page is fetched. */
  readonly limit?: number | undefined;
  /** The field to order by (`created_at` or `modified_at`). Default: creation time. */
  readonly orderBy?: string | undefined;
  /** Reverse the order (newest first). */
  readonly reverse?: boolean | undefined;
}

/**
 * Options of {@link BacalhauClient.executions}: by default the executions of the
 * job's latest version (a rerun or an update is a new version).
 *
 * @example
 * ```ts
 * import { BacalhauClient } from 'bacalhau-jobs';
 *
 * const everyRun = await new BacalhauClient().executions('nightly', { allVersions: true });
 * console.log(everyRun.map((e) => `v${e.JobVersion}: ${e.ComputeState.StateType}`));
 * ```
 *
 * @group Client
 */
export interface ExecutionsOptions extends PagedJobOptions {
  /** The executions of this version of the job. Default: the latest. */
  readonly version?: number | undefined;
  /** The executions of every version of the job. */
  readonly allVersions?: boolean | undefined;
}

/**
 * Options of {@link BacalhauClient.history}.
 *
 * @example
 * ```ts
 * import { BacalhauClient } from 'bacalhau-jobs';
 *
 * const anHourAgo = Math.floor(Date.now() / 1000) - 3600;
 * for (const entry of await new BacalhauClient().history('j-1234', { since: anHourAgo, eventType: 'execution' })) {
 *   console.log(entry.ExecutionID, entry.Event?.Topic, entry.Event?.Message);
 * }
 * ```
 *
 * @group Client
 */
export interface HistoryOptions extends JobCallOptions {
  /** Only entries after this Unix time (seconds). */
  readonly since?: number | undefined;
  /** Only job-level or execution-level entries. Default: all. */
  readonly eventType?: 'all' | 'job' | 'execution' | undefined;
  /** Only the entries of one execution. */
  readonly executionId?: string | undefined;
  /** Entries of every version of the job, not only the latest. */
  readonly allVersions?: boolean | undefined;
}

/**
 * Options of {@link BacalhauClient.stop}.
 *
 * @example
 * ```ts
 * import { BacalhauClient } from 'bacalhau-jobs';
 *
 * await new BacalhauClient().stop('j-1234', { namespace: 'team-a', reason: 'superseded by j-5678' });
 * ```
 *
 * @group Client
 */
export interface StopOptions extends JobCallOptions {
  /** Recorded in the job's history. */
  readonly reason?: string | undefined;
}

/**
 * Options of {@link BacalhauClient.rerun}.
 *
 * @example
 * ```ts
 * import { BacalhauClient } from 'bacalhau-jobs';
 *
 * // Run version 3 again, after a bad update.
 * const { jobVersion } = await new BacalhauClient().rerun('nightly', { version: 3, reason: 'roll back' });
 * ```
 *
 * @group Client
 */
export interface RerunOptions extends JobCallOptions {
  /** The version to rerun. Default: the latest. */
  readonly version?: number | undefined;
  /** Why the job is rerun; recorded in the job's history. */
  readonly reason?: string | undefined;
}

/**
 * Options of {@link BacalhauClient.wait}.
 *
 * @example
 * ```ts
 * import { BacalhauClient, type WaitOptions } from 'bacalhau-jobs';
 *
 * const options: WaitOptions = {
 *   timeoutMs: 15 * 60_000,
 *   pollIntervalMs: 5_000,
 *   onProgress: ({ state, elapsedMs }) => console.log(`${state} after ${Math.round(elapsedMs / 1000)} s`),
 * };
 * const done = await new BacalhauClient().wait('j-1234', options);
 * ```
 *
 * @group Client
 */
export interface WaitOptions extends JobCallOptions {
  /** Give up after this long (rejects with `BacalhauWaitError`). Default: no limit. */
  readonly timeoutMs?: number | undefined;
  /** Called once with the first state read, then on each change of the job's or an execution's state. */
  readonly onProgress?: ((progress: WaitProgress) => void) | undefined;
  /** The longest time between polls: every 250 ms for the first 5 s, then growing up to this. Default 2,000 ms. */
  readonly pollIntervalMs?: number | undefined;
}

/**
 * Options of {@link BacalhauClient.logs}.
 *
 * @example
 * ```ts
 * import { BacalhauClient } from 'bacalhau-jobs';
 *
 * // The last lines one execution printed, then everything it prints until it ends.
 * for await (const { line } of new BacalhauClient().logs('j-1234', { executionId: 'e-5678', tail: true, follow: true })) {
 *   console.log(line);
 * }
 * ```
 *
 * @group Client
 */
export interface LogOptions extends JobCallOptions {
  /** Keep streaming until the job's executions end. Default false: what is there now. */
  readonly follow?: boolean | undefined;
  /** Only the last lines (the server's `tail`). */
  readonly tail?: boolean | undefined;
  /** One execution's logs. Default: the job's. */
  readonly executionId?: string | undefined;
}

/**
 * The client's settings after defaults, as it uses them.
 *
 * @example
 * ```ts
 * import { BacalhauClient } from 'bacalhau-jobs';
 *
 * // In Node, the defaults come from BACALHAU_API_HOST, BACALHAU_API_PORT and BACALHAU_API_KEY.
 * const { url, auth, namespace } = new BacalhauClient().settings;
 * console.log(`talking to ${url} (${auth} auth) in namespace ${namespace ?? 'default'}`);
 * ```
 *
 * @group Client
 */
export interface ResolvedClientSettings {
  /** The base URL, without a trailing slash. */
  readonly url: string;
  /** Milliseconds per request attempt, for the whole answer. */
  readonly timeoutMs: number;
  /** Extra attempts for GET requests after a network error (a timeout is not retried) or a 429, 502, 503 or 504 answer. */
  readonly retries: number;
  /** The largest answer read, in bytes. */
  readonly maxResponseBytes: number;
  /** `bearer`, `basic` or `none`: how requests authenticate (never the secret itself). */
  readonly auth: 'bearer' | 'basic' | 'none';
  /** The namespace for job calls that do not name one; `undefined` leaves it to the server (`default`). */
  readonly namespace: string | undefined;
}

const ORCHESTRATOR = '/api/v1/orchestrator';
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_RETRIES = 3;
const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
/** Polls this often at first: most small jobs end within seconds, and a GET is cheap. */
const FIRST_POLL_MS = 250;
/** After this long, polls slow down (×1.5 each) up to the cap. */
const FAST_POLLING_MS = 5_000;
const DEFAULT_POLL_CAP_MS = 2_000;

/**
 * A typed client for Bacalhau's REST API (v1.9): submit jobs, follow them, read
 * their logs and results, and manage them. One method per endpoint; answers come
 * back deeply frozen with state names as strings; failures are typed
 * ({@link BacalhauApiError}, {@link BacalhauConnectionError}, {@link BacalhauResponseError},
 * {@link BacalhauWaitError}, and {@link BacalhauSpecError} for a spec that is refused
 * before anything is sent).
 *
 * @example
 * ```ts
 * import { BacalhauClient, Job, engine, publisher, source } from 'bacalhau-jobs';
 *
 * const client = new BacalhauClient({ url: 'http://127.0.0.1:1234' });
 * const job = Job.batch('hello')
 *   .task((t) =>
 *     t.name('main')
 *       .engine(engine.wasm('/app/main.wasm', { entrypoint: '_start' }))
 *       .input(source.urlDownload('https://example.com/main.wasm'), { target: '/app/main.wasm' })
 *       .publisher(publisher.local())
 *       .resultPath('outputs', '/outputs'),
 *   );
 * const { jobId } = await client.submit(job);
 * const done = await client.wait(jobId, { timeoutMs: 120_000 });
 * for await (const { line } of client.logs(jobId)) console.log(line);
 * console.log(done.state, await client.results(jobId));
 * ```
 *
 * @group Start here
 */
export class BacalhauClient {
  /** The settings in use (no credentials). */
  readonly settings: ResolvedClientSettings;
  readonly #http: HttpTransport;
  readonly #WebSocket: WebSocketConstructor | undefined;

  constructor(options: BacalhauClientOptions = {}) {
    const problems: Problem[] = [];
    const url = resolveUrl(options.url, problems);
    const timeoutMs = positiveNumber(options.timeoutMs, 'timeoutMs', DEFAULT_TIMEOUT_MS, problems);
    const maxResponseBytes = positiveNumber(options.maxResponseBytes, 'maxResponseBytes', DEFAULT_MAX_RESPONSE_BYTES, problems);
    const retries = options.retries ?? DEFAULT_RETRIES;
    if (!Number.isInteger(retries) || retries < 0 || retries > 10) {
      problems.push(problemAt('retries', 'range', 'must be a whole number from 0 to 10'));
    }
    const fetchImpl = options.fetch ?? platform.fetch;
    if (typeof fetchImpl !== 'function') problems.push(problemAt('fetch', 'required', 'no global fetch here: pass the fetch option'));
    const auth = credentials(options, problems);
    if (problems.length > 0) throw new BacalhauSpecError('BacalhauClient options', problems);

    const headers: Record<string, string> = { ...options.headers };
    const secrets = [...auth.secrets];
    for (const [name, value] of Object.entries(headers)) if (/auth|token|key|secret|cookie|password/i.test(name)) secrets.push(value);
    if (auth.header !== undefined) headers['Authorization'] = auth.header;
    this.#http = new HttpTransport({
      baseUrl: url,
      fetch: (fetchImpl as FetchLike).bind(globalThis) as FetchLike,
      headers,
      secrets,
      timeoutMs,
      retries,
      maxResponseBytes,
    });
    this.#WebSocket = options.WebSocket;
    this.settings = Object.freeze({ url, timeoutMs, retries, maxResponseBytes, auth: auth.kind, namespace: options.namespace });
  }

  /**
   * Validates `job` with the SDK's rules and submits it (`PUT /jobs`). An invalid
   * spec throws {@link BacalhauSpecError} with every problem, and nothing is sent.
   * A job whose Name exists in the namespace is an update (a new version).
   *
   * @example
   * ```ts
   * import { BacalhauClient, Job, engine } from 'bacalhau-jobs';
   *
   * const client = new BacalhauClient();
   * const { jobId, warnings } = await client.submit(
   *   Job.batch('hello').task((t) => t.name('main').engine(engine.docker('busybox:1.37.0'))),
   * );
   * ```
   */
  async submit(job: SubmittableJob, options: SubmitOptions = {}): Promise<SubmitResult> {
    const spec = checked(job);
    const origin = this.#origin('PUT', `${ORCHESTRATOR}/jobs`);
    const answer = objectOf(await this.#send('PUT', '/jobs', undefined, { Job: spec, Force: options.force === true }, options.signal), origin);
    return freeze({ jobId: fieldString(answer, 'JobID'), evaluationId: fieldString(answer, 'EvaluationID'), warnings: warningsOf(answer) });
  }

  /**
   * Compares `job` with the stored job of the same Name (`PUT /jobs/diff`). The
   * spec is validated first, as in {@link BacalhauClient.submit}.
   *
   * @example
   * ```ts
   * import { BacalhauClient, Job, engine } from 'bacalhau-jobs';
   *
   * const client = new BacalhauClient();
   * const job = Job.batch('nightly').task((t) => t.name('main').engine(engine.docker('busybox:1.37.0'))).build();
   * const { changed, diff } = await client.diff(job);
   * if (changed) console.log(diff);
   * ```
   */
  async diff(job: SubmittableJob, options: CallOptions = {}): Promise<DiffResult> {
    const spec = checked(job);
    const answer = objectOf(await this.#send('PUT', '/jobs/diff', undefined, { Job: spec }, options.signal), this.#origin('PUT', `${ORCHESTRATOR}/jobs/diff`));
    const diff = fieldString(answer, 'Diff');
    return freeze({ diff, changed: diff !== '', warnings: warningsOf(answer) });
  }

  /**
   * Reads a job by ID, short ID or name (`GET /jobs/{id}`), optionally with its
   * executions or its history.
   *
   * @example
   * ```ts
   * import { BacalhauClient } from 'bacalhau-jobs';
   *
   * const { job, executions } = await new BacalhauClient().get('j-1234', { include: 'executions' });
   * console.log(job.State.StateType, executions?.map((e) => e.ComputeState.StateType));
   * ```
   */
  async get(id: string, options: GetOptions = {}): Promise<JobDetails> {
    const path = jobPath(id);
    const query = { namespace: this.#namespace(options), include: options.include, job_version: options.version };
    const origin = this.#origin('GET', `${ORCHESTRATOR}${path}`, query);
    const answer = objectOf(await this.#send('GET', path, query, undefined, options.signal), origin);
    const job = readJob(answer['Job'], origin);
    const details: { job: JobRecord; executions?: readonly Execution[]; history?: readonly JobHistoryEntry[] } = { job };
    if (options.include === 'executions') {
      const list = answer['Executions'];
      details.executions = list === null || list === undefined ? [] : fieldArray(objectOf(list, origin), 'Items', origin).map((item) => readExecution(item, origin));
    }
    if (options.include === 'history') {
      const list = answer['History'];
      details.history = list === null || list === undefined ? [] : fieldArray(objectOf(list, origin), 'Items', origin).map((item) => readHistoryEntry(item, origin));
    }
    return freeze(details);
  }

  /**
   * Lists jobs (`GET /jobs`), following `NextToken` across pages as you iterate.
   *
   * @example
   * ```ts
   * import { BacalhauClient } from 'bacalhau-jobs';
   *
   * for await (const job of new BacalhauClient().list({ labels: { team: 'data' }, limit: 50 })) {
   *   console.log(job.ID, job.Name, job.State.StateType);
   * }
   * ```
   */
  async *list(options: ListOptions = {}): AsyncGenerator<JobRecord, void, undefined> {
    const labels = labelSelectors(options.labels);
    const base = { ...this.#pageQuery(options), labels };
    yield* this.#pages('/jobs', base, options.signal, readJob);
  }

  /**
   * Stops a job (`DELETE /jobs/{id}`); returns the stop's evaluation ID (`''` when
   * the job had already ended).
   *
   * @example
   * ```ts
   * import { BacalhauClient } from 'bacalhau-jobs';
   *
   * const { evaluationId } = await new BacalhauClient().stop('j-1234', { reason: 'no longer needed' });
   * ```
   */
  async stop(id: string, options: StopOptions = {}): Promise<{
    /** The evaluation that stops the job's executions; `''` when the job had already ended. */
    readonly evaluationId: string;
  }> {
    const path = jobPath(id);
    const query = { namespace: this.#namespace(options) };
    const body = options.reason === undefined ? {} : { reason: options.reason };
    const answer = objectOf(await this.#send('DELETE', path, query, body, options.signal), this.#origin('DELETE', `${ORCHESTRATOR}${path}`, query));
    return freeze({ evaluationId: fieldString(answer, 'EvaluationID') });
  }

  /**
   * The executions of a job's latest version, or of the one asked for (`GET /jobs/{id}/executions`, all pages).
   *
   * @example
   * ```ts
   * import { BacalhauClient } from 'bacalhau-jobs';
   *
   * const executions = await new BacalhauClient().executions('j-1234');
   * console.log(executions.map((e) => `${e.NodeID}: ${e.ComputeState.StateType}`));
   * ```
   */
  async executions(id: string, options: ExecutionsOptions = {}): Promise<readonly Execution[]> {
    const query = {
      ...this.#pageQuery(options),
      job_version: options.version,
      all_job_versions: options.allVersions,
    };
    return this.#collect(`${jobPath(id)}/executions`, query, options.signal, readExecution);
  }

  /**
   * A job's history: state changes and events (`GET /jobs/{id}/history`, all pages).
   *
   * @example
   * ```ts
   * import { BacalhauClient } from 'bacalhau-jobs';
   *
   * for (const entry of await new BacalhauClient().history('j-1234', { eventType: 'job' })) {
   *   console.log(entry.Time, entry.Event?.Message, entry.Event?.Details?.['NewState']);
   * }
   * ```
   */
  async history(id: string, options: HistoryOptions = {}): Promise<readonly JobHistoryEntry[]> {
    const query = {
      namespace: this.#namespace(options),
      since: options.since,
      event_type: options.eventType,
      execution_id: options.executionId,
      all_job_versions: options.allVersions,
    };
    return this.#collect(`${jobPath(id)}/history`, query, options.signal, readHistoryEntry);
  }

  /**
   * Every stored version of a job (`GET /jobs/{id}/versions`, all pages).
   *
   * @example
   * ```ts
   * import { BacalhauClient } from 'bacalhau-jobs';
   *
   * const versions = await new BacalhauClient().versions('nightly');
   * console.log(versions.map((job) => job.Version));
   * ```
   */
  async versions(id: string, options: PagedJobOptions = {}): Promise<readonly JobRecord[]> {
    return this.#collect(`${jobPath(id)}/versions`, this.#pageQuery(options), options.signal, readJob);
  }

  /**
   * Where a batch or ops job's results were published (`GET /jobs/{id}/results`):
   * one entry per completed execution of the latest version. For the `local`
   * publisher each is a `urlDownload` whose `URL` serves a `.tar.gz`
   * (`downloadResults` from `bacalhau-jobs/node` fetches and unpacks it).
   *
   * @example
   * ```ts
   * import { BacalhauClient } from 'bacalhau-jobs';
   *
   * for (const result of await new BacalhauClient().results('j-1234')) console.log(result.Type, result.Params);
   * ```
   */
  async results(id: string, options: JobCallOptions = {}): Promise<readonly ReadonlyDeep<SpecConfigWire>[]> {
    const query = { namespace: this.#namespace(options) };
    return this.#collect(`${jobPath(id)}/results`, query, options.signal, (item, origin) => deepFreeze(objectOf(item, origin)) as ReadonlyDeep<SpecConfigWire>);
  }

  /**
   * Runs a job again (`PUT /jobs/{id}/rerun`), the latest version unless one is named.
   *
   * @example
   * ```ts
   * import { BacalhauClient } from 'bacalhau-jobs';
   *
   * const { jobVersion, evaluationId } = await new BacalhauClient().rerun('nightly', { reason: 'inputs fixed' });
   * ```
   */
  async rerun(id: string, options: RerunOptions = {}): Promise<RerunResult> {
    const path = `${jobPath(id)}/rerun`;
    const query = { namespace: this.#namespace(options) };
    const body: Record<string, unknown> = { JobVersion: options.version ?? 0 };
    if (options.reason !== undefined) body['Reason'] = options.reason;
    const answer = objectOf(await this.#send('PUT', path, query, body, options.signal), this.#origin('PUT', `${ORCHESTRATOR}${path}`, query));
    const version = answer['JobVersion'];
    return freeze({
      jobId: fieldString(answer, 'JobID'),
      jobVersion: typeof version === 'number' ? version : 0,
      evaluationId: fieldString(answer, 'EvaluationID'),
      warnings: warningsOf(answer),
    });
  }

  /**
   * The nodes the orchestrator knows (`GET /nodes`, all pages).
   *
   * @example
   * ```ts
   * import { BacalhauClient } from 'bacalhau-jobs';
   *
   * const compute = (await new BacalhauClient().nodes()).filter((n) => n.Info.NodeType === 'Compute');
   * ```
   */
  async nodes(options: CallOptions = {}): Promise<readonly NodeRecord[]> {
    return this.#collect('/nodes', {}, options.signal, (item, origin) => deepFreeze(objectOf(item, origin)) as unknown as NodeRecord, 'Nodes');
  }

  /**
   * Whether the node answers its health check (`GET /api/v1/agent/alive`): `true`
   * when it reports `OK`. Connection failures reject, so a caller can tell
   * "down" from "unreachable".
   *
   * @example
   * ```ts
   * import { BacalhauClient } from 'bacalhau-jobs';
   *
   * if (await new BacalhauClient().alive()) console.log('up');
   * ```
   */
  async alive(options: CallOptions = {}): Promise<boolean> {
    const answer = objectOf(await this.#http.send({ method: 'GET', path: '/api/v1/agent/alive', signal: options.signal }), this.#origin('GET', '/api/v1/agent/alive'));
    return fieldString(answer, 'Status') === 'OK';
  }

  /**
   * The server's build (`GET /api/v1/agent/version`).
   *
   * @example
   * ```ts
   * import { BacalhauClient } from 'bacalhau-jobs';
   *
   * console.log((await new BacalhauClient().version()).GitVersion);
   * ```
   */
  async version(options: CallOptions = {}): Promise<VersionInfo> {
    const answer = await this.#http.send({ method: 'GET', path: '/api/v1/agent/version', signal: options.signal });
    return deepFreeze(objectOf(answer, this.#origin('GET', '/api/v1/agent/version'))) as unknown as VersionInfo;
  }

  /**
   * Waits until a job is Completed, Failed or Stopped, polling `GET /jobs/{id}`
   * with its executions; resolves with the final job either way (check
   * `state`, and `reason` for why it failed). Connection failures while
   * waiting (a restarting node) are retried until the timeout. A timeout or
   * an abort rejects with {@link BacalhauWaitError}, naming the job and its last state.
   *
   * @example
   * ```ts
   * import { BacalhauClient } from 'bacalhau-jobs';
   *
   * const client = new BacalhauClient();
   * const done = await client.wait('j-1234', {
   *   timeoutMs: 10 * 60_000,
   *   onProgress: ({ state, executions }) => console.log(state, executions.length),
   * });
   * if (done.state !== 'Completed') throw new Error(done.reason);
   * ```
   */
  async wait(id: string, options: WaitOptions = {}): Promise<FinishedJob> {
    const started = Date.now();
    const cap = options.pollIntervalMs ?? DEFAULT_POLL_CAP_MS;
    const limit = deadline(options.timeoutMs, options.signal);
    let lastState: JobState | undefined;
    let lastSignature = '';
    let interval = Math.min(FIRST_POLL_MS, cap);
    const giveUp = (cause?: unknown): BacalhauWaitError =>
      new BacalhauWaitError(options.signal?.aborted === true ? 'aborted' : 'timeout', id, lastState, Date.now() - started, cause);
    try {
      for (;;) {
        if (limit.signal.aborted) throw giveUp();
        let details: JobDetails | undefined;
        try {
          details = await this.get(id, { include: 'executions', namespace: options.namespace, signal: limit.signal });
        } catch (error) {
          if (limit.signal.aborted) throw giveUp(error);
          // A node that restarts or is briefly unreachable is waited for; other errors end the wait.
          if (!(error instanceof BacalhauConnectionError)) throw error;
        }
        if (details !== undefined) {
          const executions = details.executions ?? [];
          const state = details.job.State.StateType;
          lastState = state;
          const signature = `${state}|${executions.map((e) => `${e.ID}:${e.ComputeState.StateType}`).join(',')}`;
          if (signature !== lastSignature) {
            lastSignature = signature;
            options.onProgress?.(freeze({ jobId: details.job.ID, state, executions, elapsedMs: Date.now() - started }));
          }
          if (TERMINAL_JOB_STATES.includes(state)) {
            const reason = failureReason(details.job, executions);
            return freeze({ job: details.job, executions, state, succeeded: state === 'Completed' && reason === '', reason });
          }
        }
        try {
          await sleep(interval, limit.signal);
        } catch {
          throw giveUp();
        }
        if (Date.now() - started >= FAST_POLLING_MS) interval = Math.min(cap, interval * 1.5);
      }
    } finally {
      limit.release();
    }
  }

  /**
   * A job's log lines, as an async iterable: what is there now, or with `follow`
   * everything until the executions end. Breaking out of the loop stops the stream.
   *
   * Where they come from: Bacalhau v1.9 streams live logs (the `/jobs/{id}/logs`
   * WebSocket) only for Docker tasks; for every other engine its log endpoint
   * waits a minute and fails. For a `wasm` task the client therefore reads what
   * the compute node recorded, after the executions end when `follow` is set:
   * the `stdout` and `stderr` files of each execution's results archive when
   * the `local` publisher published one, else the execution's `RunOutput`
   * (which Bacalhau cuts short: for wasm it keeps only the first write).
   *
   * @example
   * ```ts
   * import { BacalhauClient } from 'bacalhau-jobs';
   *
   * for await (const { stream, line } of new BacalhauClient().logs('j-1234', { follow: true })) {
   *   (stream === 'stderr' ? console.error : console.log)(line);
   * }
   * ```
   */
  logs(id: string, options: LogOptions = {}): AsyncIterable<LogLine> {
    jobPath(id);
    return this.#logs(id, options);
  }

  async *#logs(id: string, options: LogOptions): AsyncGenerator<LogLine, void, undefined> {
    const namespace = this.#namespace(options);
    const details = await this.get(id, { include: 'executions', namespace, signal: options.signal });
    if (!streamsLiveLogs(details.job)) {
      const executions = options.follow === true ? (await this.wait(details.job.ID, { namespace, signal: options.signal })).executions : details.executions ?? [];
      for (const execution of executions) {
        if (options.executionId !== undefined && execution.ID !== options.executionId) continue;
        const access = { fetch: this.#http.settings.fetch, timeoutMs: this.settings.timeoutMs, maxBytes: this.settings.maxResponseBytes, signal: options.signal };
        yield* await recordedLines(execution, access);
      }
      return;
    }
    const query: Query = {
      namespace,
      follow: options.follow === true ? true : undefined,
      tail: options.tail === true ? true : undefined,
      execution_id: options.executionId,
    };
    yield* streamLogs({
      url: this.#http.url(`${ORCHESTRATOR}${jobPath(details.job.ID)}/logs`, query).replace(/^http/, 'ws'),
      headers: this.#http.settings.headers,
      secrets: this.#http.settings.secrets,
      WebSocket: this.#WebSocket,
      signal: options.signal,
    });
  }

  #namespace(options: { readonly namespace?: string | undefined }): string | undefined {
    return options.namespace ?? this.settings.namespace;
  }

  /** The query of a paged list: namespace, page size and order. */
  #pageQuery(options: Pick<PagedJobOptions, 'namespace' | 'limit' | 'orderBy' | 'reverse'>): Query {
    return { namespace: this.#namespace(options), limit: options.limit, order_by: options.orderBy, reverse: options.reverse };
  }

  #origin(method: string, path: string, query?: Query): Origin {
    return { method, url: this.#http.url(path, query) };
  }

  #send(method: HttpMethod, path: string, query: Query | undefined, body: unknown, signal: AbortSignalLike | undefined): Promise<unknown> {
    return this.#http.send({ method, path: `${ORCHESTRATOR}${path}`, query, body, signal });
  }

  async *#pages<T>(path: string, query: Query, signal: AbortSignalLike | undefined, read: (item: unknown, origin: Origin) => T, key = 'Items'): AsyncGenerator<T, void, undefined> {
    let token: string | undefined;
    const seen = new Set<string>();
    do {
      const pageQuery = { ...query, next_token: token };
      const origin = this.#origin('GET', `${ORCHESTRATOR}${path}`, pageQuery);
      const answer = objectOf(await this.#send('GET', path, pageQuery, undefined, signal), origin);
      for (const item of fieldArray(answer, key, origin)) yield read(item, origin);
      token = fieldString(answer, 'NextToken') || undefined;
      // A server that hands back a token it already gave would loop forever.
      if (token !== undefined) {
        if (seen.has(token)) break;
        seen.add(token);
      }
    } while (token !== undefined);
  }

  async #collect<T>(path: string, query: Query, signal: AbortSignalLike | undefined, read: (item: unknown, origin: Origin) => T, key = 'Items'): Promise<readonly T[]> {
    const items: T[] = [];
    for await (const item of this.#pages(path, query, signal, read, key)) items.push(item);
    return Object.freeze(items);
  }
}

/** The spec to send, or {@link BacalhauSpecError} with every problem. */
function checked(job: SubmittableJob): JobSpec {
  // A spec the SDK built or parsed was validated then and is frozen: checking it again would find nothing.
  if (isSdkJob(job)) return job as JobSpec;
  const result: Validated<JobSpec> =
    typeof (job as { validate?: unknown }).validate === 'function'
      ? (job as { validate(): Validated<JobSpec> }).validate()
      : safeParseJob(job as Readonly<Record<string, unknown>>);
  if (!result.valid) throw new BacalhauSpecError('job', result.problems, result.warnings);
  return result.spec;
}

function jobPath(id: string): string {
  if (typeof id !== 'string' || id.trim() === '') {
    throw new BacalhauSpecError('job ID', [problemAt('id', 'not-blank', 'needs a job ID, short ID or name')]);
  }
  return `/jobs/${encodeURIComponent(id)}`;
}

function labelSelectors(labels: ListOptions['labels']): readonly string[] | undefined {
  if (labels === undefined) return undefined;
  if (typeof labels === 'string') return [labels];
  if (Array.isArray(labels)) return labels as readonly string[];
  return Object.entries(labels as Readonly<Record<string, string>>).map(([key, value]) => `${key}=${value}`);
}

/** Bacalhau v1.9 writes the log file its log endpoint streams only in the Docker executor. */
function streamsLiveLogs(job: JobRecord): boolean {
  // Read defensively: the job came from the server.
  const type: unknown = (job.Tasks as readonly { Engine?: { Type?: unknown } }[] | undefined)?.[0]?.Engine?.Type;
  return typeof type === 'string' && type.toLowerCase() === 'docker';
}

/**
 * The server's reasons a job did not succeed, one per line; `''` when it did.
 * For a Completed job only the executions that completed count: Bacalhau
 * replaces an execution that failed (a node restart, say) and completes the
 * job with the replacement, so the failed one is history, not a failure.
 */
function failureReason(job: JobRecord, executions: readonly Execution[]): string {
  const completed = job.State.StateType === 'Completed';
  const lines: string[] = [];
  if (!completed && job.State.Message !== undefined && job.State.Message !== '') lines.push(job.State.Message);
  for (const execution of executions) {
    const state = execution.ComputeState.StateType;
    if (completed && state !== 'Completed') continue;
    const output = execution.RunOutput ?? undefined;
    const exitCode = output?.ExitCode;
    const failed = state === 'Failed' || (exitCode !== undefined && exitCode !== 0);
    if (!failed) continue;
    const parts: string[] = [];
    // A completed execution keeps the message of an earlier state ('Running'): only a failure's message explains.
    const message = execution.ComputeState.Message;
    if (state === 'Failed' && message !== undefined && message !== '') parts.push(message);
    if (output?.ErrorMsg !== undefined && output.ErrorMsg !== '') parts.push(output.ErrorMsg);
    if (exitCode !== undefined && exitCode !== 0) parts.push(`exit code ${exitCode}`);
    const stderr = output?.stderr?.trimEnd().split('\n').pop();
    if (stderr !== undefined && stderr !== '') parts.push(`stderr: ${stderr}`);
    lines.push(`execution ${execution.ID} on ${execution.NodeID}: ${parts.length === 0 ? state : parts.join('; ')}`);
  }
  if (lines.length === 0 && !completed) lines.push(`job ${job.State.StateType}`);
  return lines.join('\n');
}

function resolveUrl(given: string | undefined, problems: Problem[]): string {
  let url = given;
  if (url === undefined) {
    const host = environment('BACALHAU_API_HOST') ?? '127.0.0.1';
    const port = environment('BACALHAU_API_PORT') ?? '1234';
    url = /^https?:\/\//i.test(host) ? host : `http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`;
  }
  // Any '@' may be the end of a user:password part (a password may hold '/' or '@'): refuse it, and never echo such a URL.
  if (url.includes('@')) {
    problems.push(problemAt('url', 'url', 'must not hold credentials (or any @): pass token, or username and password'));
    return '';
  }
  const match = /^(https?):\/\/([^/?#]*)([^?#]*)$/i.exec(url);
  if (match === null) {
    problems.push(problemAt('url', 'url', `must be an http:// or https:// URL without query or fragment, got ${JSON.stringify(url)}`));
    return '';
  }
  const authority = match[2] ?? '';
  if (authority === '') problems.push(problemAt('url', 'url', 'needs a host'));
  else if (!/^(\[[0-9a-f:.]+\]|[^:[\]]+)(:\d{1,5})?$/i.test(authority)) problems.push(problemAt('url', 'url', 'needs a host and, optionally, a numeric port'));
  return url.replace(/\/+$/, '');
}

function positiveNumber(value: number | undefined, path: string, fallback: number, problems: Problem[]): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    problems.push(problemAt(path, 'range', 'must be a positive, finite number'));
    return fallback;
  }
  return value;
}

function credentials(options: BacalhauClientOptions, problems: Problem[]): { kind: ResolvedClientSettings['auth']; header?: string; secrets: string[] } {
  if (options.username !== undefined || options.password !== undefined) {
    if (options.token !== undefined) problems.push(problemAt('token', 'one-of', 'give either token or username and password, not both'));
    if (options.username === undefined || options.username === '') problems.push(problemAt('username', 'required', 'Basic authentication needs a username'));
    else if (options.username.includes(':')) problems.push(problemAt('username', 'type', "must not contain ':' (HTTP Basic authentication)"));
    if (options.password === undefined) problems.push(problemAt('password', 'required', 'Basic authentication needs a password'));
    const username = options.username ?? '';
    const password = options.password ?? '';
    const encoded = platform.btoa(unescape(encodeURIComponent(`${username}:${password}`)));
    return { kind: 'basic', header: `Basic ${encoded}`, secrets: [password, encoded] };
  }
  const token = options.token ?? environment('BACALHAU_API_KEY');
  if (token === undefined) return { kind: 'none', secrets: [] };
  if (token.trim() === '' || /[\r\n]/.test(token)) {
    problems.push(problemAt('token', 'not-blank', 'must be a non-blank API key or JWT on one line'));
    return { kind: 'none', secrets: [] };
  }
  return { kind: 'bearer', header: `Bearer ${token}`, secrets: [token] };
}

function freeze<T extends object>(value: T): T {
  return deepFreeze(value);
}
