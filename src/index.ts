/**
 * Type-safe, immutable builders, validators and a client for Bacalhau job specifications.
 *
 * Start with {@link Job} and {@link Task} (and the helpers {@link engine}, {@link publisher},
 * {@link source}, {@link network}); validate any wire-shaped job or task with
 * {@link validateJob} and {@link validateTask}; submit and follow jobs with {@link BacalhauClient}.
 * Everything here runs in browsers and Node alike; {@link "bacalhau-jobs/node" | `bacalhau-jobs/node`}
 * adds what needs the file system (downloading results).
 *
 * @example
 * ```ts
 * import { Task, engine } from 'bacalhau-jobs';
 * const spec = Task.batch().name('hello').engine(engine.docker('busybox:1.37.0')).build();
 * ```
 *
 * @document ../docs/getting-started.md
 * @document ../docs/type-state.md
 * @document ../docs/cookbook.md
 * @document ../docs/migration.md
 * @document ../docs/security.md
 * @document ../docs/rules.md
 * @document ../docs/running-jobs.md
 * @document ../docs/editors.md
 * @document ../docs/conformance.md
 * @document ../docs/performance.md
 * @mergeModuleWith <project>
 * @packageDocumentation
 */
export { Task } from './builders/task/task.js';
export { Job } from './builders/job/job.js';
export type {
  ConstraintValuesCheck,
  ConstraintWithoutValuesCheck,
  JobBuildableWhen,
  JobBuilder,
  JobBuilderFor,
  RequiredJobField,
  ScalableJobBuilder,
  ScalableJobType,
  TaskInput,
  UnreservedMeta,
  UnreservedMetaKey,
} from './builders/job/types.js';
export type {
  BuildableWhen,
  MissingFieldsMessage,
  Duration,
  InputOptions,
  PublishingTaskBuilder,
  RequiredTaskField,
  ResourceOptions,
  TaskBuilder,
  TaskBuilderFor,
  TimeoutOptions,
  TypeStateError,
} from './builders/task/types.js';
export type { InvalidResult, Validated, ValidResult } from './core/result.js';
export * as engine from './builders/helpers/engine.js';
export * as publisher from './builders/helpers/publisher.js';
export * as source from './builders/helpers/source.js';
export * as network from './builders/helpers/network.js';
export type { EngineConfig, PublisherConfig, RoleChecked, SourceConfig, SpecRole } from './builders/helpers/role.js';
export type { DockerEngine, DockerOptions, DockerParams, WasmEngine, WasmOptions, WasmParams } from './builders/helpers/engine.js';
export type { S3Publisher, S3PublisherOptions, S3PublisherParams, SimplePublisher } from './builders/helpers/publisher.js';
export type {
  InlineSource,
  IpfsSource,
  LocalSource,
  LocalSourceOptions,
  LocalSourceParams,
  S3Partition,
  S3PartitionParams,
  S3PreSignedOptions,
  S3PreSignedSource,
  S3Source,
  S3SourceOptions,
  S3SourceParams,
  UrlDownloadSource,
} from './builders/helpers/source.js';
export type { BridgePortOptions, HostPortOptions } from './builders/helpers/network.js';
export { BacalhauSpecError, formatProblem } from './core/errors.js';
export type { Problem, ProblemRule } from './core/errors.js';
export { PROBLEM_RULES } from './core/rules.js';
export type { RuleInfo } from './core/rules.js';
export { validateTask } from './validation/task.js';
export { validateJob } from './validation/job.js';
export { jobJsonSchema, type JsonSchema } from './schema/json-schema.js';
export { parseJob, parseJobResponse, parseTask, safeParseJob, safeParseTask } from './io/parse.js';
export type { ParseJobOptions, ParseFailure, ParseOptions, ParseResult, ParseTaskOptions, SpecInput } from './io/parse.js';
export type { JobDraft, JobDraftOf, TaskDraft } from './io/draft.js';
export { toJSON, toYAML } from './io/serialize.js';
export type { ToYAMLOptions } from './io/serialize.js';
export type { ValidateTaskOptions, ValidationReport } from './validation/task.js';
export { JOB_TYPES, JOB_TYPE_TRAITS, isJobType, publishesResults } from './schema/job-types.js';
export type { JobType, JobTypeTraits, JobTypeWith, ResultJobType } from './schema/job-types.js';
export { CONSTRAINT_OPERATORS, LOCAL_CREATE_AS, NETWORK_TYPE_NAMES, S3_ENCODINGS } from './schema/description.js';
export type { LocalCreateAs, S3Encoding } from './schema/description.js';
export { parseBytes, parseCpu, parseDuration, parseGpu } from './schema/quantities.js';
export type {
  BridgeNetwork,
  BridgePort,
  ConstraintOperator,
  ConstraintWire,
  HostNetwork,
  HostPort,
  HttpNetwork,
  InputSourceWire,
  JobSpec,
  JobSpecOf,
  JobWire,
  NetworkConfig,
  NetworkType,
  NetworkWire,
  PlainNetwork,
  PortWire,
  ResourcesWire,
  ResultPathWire,
  SpecConfig,
  SpecConfigWire,
  TaskSpec,
  TaskWire,
  TimeoutsWire,
} from './schema/wire.js';
export type { JsonObject, JsonPrimitive, JsonValue } from './core/json.js';
export { BacalhauClient } from './client/client.js';
export type {
  BacalhauClientOptions,
  CallOptions,
  ExecutionsOptions,
  GetOptions,
  HistoryOptions,
  JobCallOptions,
  ListOptions,
  LogOptions,
  PagedJobOptions,
  RerunOptions,
  ResolvedClientSettings,
  StopOptions,
  SubmitOptions,
  SubmittableJob,
  WaitOptions,
} from './client/client.js';
export {
  BacalhauApiError,
  BacalhauClientError,
  BacalhauConnectionError,
  BacalhauResponseError,
  BacalhauWaitError,
} from './client/errors.js';
export type { ApiErrorBody, ConnectionFailure, ResponseFailure } from './client/errors.js';
export type {
  AbortSignalLike,
  FetchInit,
  FetchLike,
  FetchResponse,
  HostAbortSignal,
  HostResponse,
  WebSocketConstructor,
  WebSocketEvent,
  WebSocketLike,
} from './client/platform.js';
export { TERMINAL_JOB_STATES } from './client/types.js';
export type {
  DiffResult,
  Execution,
  ExecutionDesiredState,
  ExecutionState,
  FinishedJob,
  JobDetails,
  JobHistoryEntry,
  JobRecord,
  JobState,
  LogLine,
  NodeRecord,
  RerunResult,
  RunOutput,
  StateInfo,
  SubmitResult,
  VersionInfo,
  WaitProgress,
} from './client/types.js';
