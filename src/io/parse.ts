/**
 * Reading job and task specs from YAML or JSON text, or from plain objects,
 * into validated, frozen, canonical specs.
 *
 * @module
 */
import { validated } from '../core/result.js';
import { deepFreeze } from '../core/freeze.js';
import { canonicalJob, canonicalTask } from './canonical.js';
import { copyJson } from '../core/copy.js';
import { jobDraft, taskDraft, type JobDraft, type TaskDraft } from './draft.js';
import { BacalhauSpecError, type Problem } from '../core/errors.js';
import type { JobType } from '../schema/job-types.js';
import { rememberJob, rememberTask } from './provenance.js';
import type { InvalidResult, Validated, ValidResult } from '../core/result.js';
import { readText, type ReadLimits, type ReadText } from './text.js';
import { isServerSetKey, RESERVED_META_PREFIX } from '../schema/description.js';
import { checkJob } from '../validation/job.js';
import { isPlainObject, problemAt, Report } from '../core/report.js';
import { checkTask, jobTypeOption } from '../validation/task.js';
import { checkTemplates } from '../validation/template.js';
import type { JobSpec, TaskSpec } from '../schema/wire.js';

/**
 * Options for the parsers.
 *
 * @example
 * ```ts
 * import { parseJob, type ParseOptions } from 'bacalhau-jobs';
 * const options: ParseOptions = { maxLength: 1_000_000, maxAliasCount: 10 };
 * parseJob('Type: batch\nTasks: [{Name: main, Engine: {Type: docker, Params: {Image: alpine}}}]', options);
 * ```
 *
 * @group Reading and writing specs
 */
export interface ParseOptions extends ReadLimits {}

/**
 * Options for {@link parseJob} and {@link safeParseJob}.
 *
 * @example
 * ```ts
 * import { Job, parseJob, type ParseJobOptions } from 'bacalhau-jobs';
 * const options: ParseJobOptions<'batch'> = { jobType: 'batch' };
 * const job = parseJob('Type: batch\nTasks: [{Name: main, Engine: {Type: docker, Params: {Image: alpine}}}]', options);
 * Job.from(job).count(4); // JobSpec<'batch'>, so .count() is available
 * ```
 *
 * @group Reading and writing specs
 */
export interface ParseJobOptions<J extends JobType = JobType> extends ParseOptions {
  /** The job type the spec must have: the result is typed `JobSpec<J>`, and another `Type` is an error. */
  readonly jobType?: J;
}

/**
 * Options for {@link parseTask} and {@link safeParseTask}.
 *
 * @example
 * ```ts
 * import { parseTask, type ParseTaskOptions } from 'bacalhau-jobs';
 * const options: ParseTaskOptions<'service'> = { jobType: 'service' };
 * parseTask({ Name: 'web', Engine: { Type: 'docker', Params: { Image: 'nginx' } } }, options);
 * ```
 *
 * @group Reading and writing specs
 */
export interface ParseTaskOptions<J extends JobType = JobType> extends ParseOptions {
  /** The job type the task is for: enables job-type checks and lets `Task.from(spec)` restore the right builder. */
  readonly jobType?: J;
}

/**
 * What the parsers accept: YAML or JSON text, or an already-decoded plain object.
 *
 * @example
 * ```ts
 * import type { SpecInput } from 'bacalhau-jobs';
 * const inputs: SpecInput[] = ['Type: batch', '{"Type": "batch"}', { Type: 'batch' }];
 * ```
 *
 * @group Reading and writing specs
 */
export type SpecInput = string | object;

/**
 * What {@link safeParseJob} and {@link safeParseTask} return: the spec when it
 * is valid; otherwise every problem and, to repair the input with the
 * builders, the spec as read (`draft`: see {@link JobDraft}).
 *
 * The valid case is {@link Validated}'s, so a result can go wherever a
 * `Validated<Spec>` is expected. `draft` is `undefined` when there is nothing
 * to draft from:
 * - the input is not a mapping: a YAML syntax error, a list, a scalar, an
 *   empty document, or more than `maxLength` or `maxDepth` allow;
 * - it holds values JSON cannot carry (`.inf`, a function, a cycle): the rules
 *   are not checked then, so the problems are only those values;
 * - for a job, it names no job type (`Type` missing or invalid) and no
 *   `jobType` was given: pass one to get a draft of that type.
 *
 * ### Examples
 * ```ts
 * import { safeParseJob, type JobDraft, type JobSpec, type ParseResult } from 'bacalhau-jobs';
 *
 * const result: ParseResult<JobSpec<'batch'>, JobDraft<'batch'>> = safeParseJob('Type: batch\nTasks: []', { jobType: 'batch' });
 * if (result.valid) console.log(result.spec.Tasks[0].Name);
 * else if (result.draft === undefined) console.log('not a job at all', result.problems);
 * else console.log(result.problems.map((p) => p.segments)); // [['Tasks']]: the draft has no task yet
 * ```
 *
 * @group Reading and writing specs
 */
export type ParseResult<Spec, Draft> = ValidResult<Spec> | ParseFailure<Draft>;

/**
 * The invalid case of {@link ParseResult}: every problem, and the spec as read.
 *
 * @example
 * ```ts
 * import { safeParseTask, type ParseFailure, type TaskDraft } from 'bacalhau-jobs';
 *
 * const result = safeParseTask('Name: main\nEngine: {Type: docker, Params: {Image: alpine}}\nEnv: {mode: fast}');
 * if (!result.valid) {
 *   const failed: ParseFailure<TaskDraft> = result; // failed.draft?.Env is { mode: 'fast' }
 * }
 * ```
 *
 * @group Reading and writing specs
 */
export interface ParseFailure<Draft> extends InvalidResult {
  /** The spec as read, deeply frozen, to repair with `Job.from` / `Task.from`; `undefined` when there is nothing to draft from (see {@link ParseResult}). */
  readonly draft: Draft | undefined;
}

type Checker = (value: unknown, report: Report) => void;

/** What {@link read} found: the object the rules were checked on (if any), and the problems. */
interface Read {
  /** The value read, when it is a mapping the rules ran on: what the spec or a draft is made from. */
  readonly checked: Readonly<Record<string, unknown>> | undefined;
  readonly report: Report;
}

/** Reads the input, runs `check`, and places problems in the text. */
function read(input: unknown, what: string, check: Checker, options: ParseOptions): Read {
  const report = new Report();
  let value: unknown;
  let text: ReadText | undefined;
  if (typeof input === 'string') {
    const { read: result, problems } = readText(input, options);
    if (result === undefined) {
      report.problems.push(...problems);
      return { checked: undefined, report };
    }
    text = result;
    // YAML can also make what JSON cannot carry (.inf, .nan, !!binary, !!set, !!omap): report it.
    value = copyJson(result.value, '', report.problems, options.maxDepth);
  } else {
    value = copyJson(input, '', report.problems, options.maxDepth);
  }
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) {
    report.error('', 'required', `empty/nil ${what}: the input holds no ${what}`);
    return { checked: undefined, report };
  }
  // Values JSON cannot carry were left out of the copy: checking it would report their absence as well.
  const checked = isPlainObject(value) && report.problems.length === 0 ? value : undefined;
  if (checked !== undefined) check(checked, report);
  else if (!isPlainObject(value)) report.error('', 'type', `a ${what} must be a mapping of keys to values`);
  if (text !== undefined && isPlainObject(value)) integerLiterals(value, text, report);
  if (text !== undefined) {
    const locate = text.locate;
    // Problems about a key itself point at the key; the others at the value.
    const keyRules: readonly Problem['rule'][] = ['unknown-key', 'duplicate-key', 'server-set', 'reserved-meta', 'env-name', 'env-reserved'];
    const place = (problem: Problem): Problem => ({ ...problem, ...locate(problem.path, keyRules.includes(problem.rule)) });
    // Read from text, problems are listed in the order of the text.
    const byPosition = (a: Problem, b: Problem): number => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
    report.problems.splice(0, report.problems.length, ...report.problems.map(place).sort(byPosition));
    report.warnings.splice(0, report.warnings.length, ...report.warnings.map(place).sort(byPosition));
  }
  return { checked, report };
}

/** `validated`'s result, with the draft when the spec is invalid. */
function withDraft<Spec, Draft>(result: Validated<Spec>, draft: () => Draft | undefined): ParseResult<Spec, Draft> {
  return result.valid ? result : Object.freeze({ ...result, draft: draft() });
}

/** Integer fields, by path (keys in any case): their values go to Go `int`s. */
const INTEGER_FIELD = /^((tasks\[\d+\]\.)?(priority|count)|(tasks\[\d+\]\.)?timeouts\.[a-z]+|.*\.ports\[\d+\]\.(static|target)|.*\.partition\.(startindex|endindex))$/i;

/**
 * Whole numbers written with a fraction or an exponent (`1.0`, `1e3`) in integer
 * fields. The CLI reads them, but the REST API's JSON decoder refuses them for
 * an integer, so a file that works with `bacalhau job run` fails when its JSON
 * is sent as it is.
 */
function integerLiterals(value: Readonly<Record<string, unknown>>, text: ReadText, report: Report): void {
  const pending: [unknown, string][] = [[value, '']];
  while (pending.length > 0) {
    const [node, path] = pending.pop() as [unknown, string];
    if (Array.isArray(node)) node.forEach((item, index) => pending.push([item, `${path}[${index}]`]));
    else if (isPlainObject(node)) {
      for (const [key, item] of Object.entries(node)) if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) pending.push([item, path === '' ? key : `${path}.${key}`]);
    } else if (typeof node === 'number' && Number.isInteger(node) && INTEGER_FIELD.test(path)) {
      const literal = text.numberLiteral(path);
      if (literal !== undefined && /[.eE]/.test(literal) && !/^[-+]?0x/i.test(literal)) {
        report.error(path, 'integer', `write the whole number ${node}, not ${literal}: Bacalhau's REST API refuses a fraction or exponent in an integer field`);
      }
    }
  }
}

function envelopeHint(value: unknown, report: Report): boolean {
  const key = isPlainObject(value) ? Object.keys(value).find((k) => k.toLowerCase() === 'job') : undefined;
  if (key === undefined) return false;
  report.error(key, 'unknown-key', `'${key}' is the envelope of a REST request or response, not part of a job file: read it with parseJobResponse()`);
  return true;
}

const checkJobSpec: Checker = (value, report) => {
  if (!envelopeHint(value, report)) checkJob(value, report);
};

function frozenJob(value: Readonly<Record<string, unknown>>): JobSpec {
  const job = deepFreeze(canonicalJob(value)) as unknown as JobSpec;
  rememberJob(job);
  return job;
}

/**
 * Reads a job like {@link parseJob}, but returns the problems instead of
 * throwing: for editors and UIs that show every problem next to its line.
 *
 * An invalid job also comes back as read, as `draft` (a {@link JobDraft}):
 * repair it with `Job.from(result.draft)` and the builder's methods, and
 * `.build()` it. The draft keeps every known field as read, wrong values
 * included, and leaves out the unknown keys the problems name. See
 * {@link ParseResult} for when there is no draft.
 *
 * @example
 * ```ts
 * import { Job, engine, safeParseJob } from 'bacalhau-jobs';
 *
 * const result = safeParseJob('Type: batch\nTasks:\n  - Name: main\n    Engine: {Type: docker}\n', { jobType: 'batch' });
 * if (!result.valid) {
 *   console.log(result.problems.map((p) => `${p.line}:${p.column} ${p.path}`)); // ['4:13 Tasks[0].Engine.Params.Image']
 *   console.log(result.problems.map((p) => p.segments)); // [['Tasks', 0, 'Engine', 'Params', 'Image']]
 *   if (result.draft !== undefined) {
 *     const job = Job.from(result.draft).updateTask((t) => t.engine(engine.docker('alpine:3.20'))).build();
 *   }
 * }
 * ```
 *
 * @group Reading and writing specs
 */
export function safeParseJob<J extends JobType = JobType>(input: SpecInput, options: ParseJobOptions<J> = {}): ParseResult<JobSpec<J>, JobDraft<J>> {
  let wanted: J | undefined;
  const check: Checker = (value, report) => {
    checkJobSpec(value, report);
    wanted = jobTypeOption(options.jobType, '', report) as J | undefined;
    const type = isPlainObject(value) ? value['Type'] ?? value['type'] : undefined;
    if (wanted !== undefined && typeof type === 'string' && type !== wanted) {
      report.error('Type', 'job-type', `expected a ${wanted} job, got '${type}'`);
    }
  };
  const { checked, report } = read(input, 'job', check, options);
  // A valid job is always one the rules were checked on.
  const result = validated(report, () => frozenJob(checked as Readonly<Record<string, unknown>>) as JobSpec<J>);
  return withDraft(result, () => (checked === undefined ? undefined : jobDraft(checked, wanted)));
}

/**
 * Reads a job file (what `bacalhau job run` reads) from YAML or JSON text or a
 * plain object, and returns the validated, frozen spec in canonical form.
 *
 * Like Bacalhau it matches keys case-insensitively (`name`, `tasks` and `params`
 * come out as `Name`, `Tasks`, `Params`), reads YAML 1.1 and accepts type names
 * in any case and deprecated aliases (`Full` → `Host`, `localDirectory` →
 * `local`). It refuses server-set keys (`ID`, `State`, …) as the CLI does. It
 * is stricter where Bacalhau silently loses data: every key that matches no
 * field is an error, at any depth (inside built-in engines', publishers' and
 * sources' Params too), with a "did you mean" where one is close; a second
 * task is an error. Throws {@link BacalhauSpecError} listing every problem with
 * its path and, for text, its line and column. With `{ jobType }` the result is
 * typed for that job type (and another type is an error).
 *
 * @example
 * ```ts
 * import { parseJob } from 'bacalhau-jobs';
 *
 * const job = parseJob(`
 * name: hello
 * type: batch
 * tasks:
 *   - name: main
 *     engine:
 *       type: Docker
 *       params:
 *         image: busybox:1.37.0
 * `);
 * job.Tasks[0].Engine; // { Type: 'docker', Params: { Image: 'busybox:1.37.0' } }
 * ```
 *
 * @group Reading and writing specs
 */
export function parseJob<J extends JobType = JobType>(input: SpecInput, options: ParseJobOptions<J> = {}): JobSpec<J> {
  const parsed = safeParseJob(input, options);
  if (!parsed.valid) throw new BacalhauSpecError('Invalid job spec', parsed.problems, parsed.warnings);
  return parsed.spec;
}

/**
 * Reads a task like {@link parseTask}, but returns the problems instead of
 * throwing. An invalid task also comes back as read, as `draft` (a
 * {@link TaskDraft}), to repair with `Task.from(result.draft)`; see
 * {@link ParseResult} for when there is none.
 *
 * @example
 * ```ts
 * import { safeParseTask } from 'bacalhau-jobs';
 * const result = safeParseTask('Name: main\nEngine: {Type: docker, Params: {Image: alpine}}');
 * result.valid; // true
 * ```
 *
 * @group Reading and writing specs
 */
export function safeParseTask<J extends JobType = JobType>(input: SpecInput, options: ParseTaskOptions<J> = {}): ParseResult<TaskSpec<J>, TaskDraft<J>> {
  let wanted: J | undefined;
  const check: Checker = (value, report) => {
    wanted = jobTypeOption(options.jobType, '', report) as J | undefined;
    checkTask(value, '', report, wanted);
    checkTemplates(value, '', report);
  };
  const { checked, report } = read(input, 'task', check, options);
  const result = validated(report, () => {
    // A valid task is always one the rules were checked on.
    const task = deepFreeze(canonicalTask(checked as Readonly<Record<string, unknown>>)) as unknown as TaskSpec<J>;
    rememberTask(task, wanted);
    return task;
  });
  return withDraft(result, () => (checked === undefined ? undefined : taskDraft(checked, wanted)));
}

/**
 * Reads one task (an element of a job's `Tasks`) from YAML or JSON text or a
 * plain object, with the same rules as {@link parseJob}.
 *
 * @example
 * ```ts
 * import { parseTask } from 'bacalhau-jobs';
 * const task = parseTask('{"name": "main", "engine": {"type": "wasm", "params": {"EntryModule": "/m.wasm", "Entrypoint": "_start"}}, "inputSources": [{"target": "/m.wasm", "source": {"type": "ipfs", "params": {"CID": "Qm"}}}]}');
 * task.InputSources?.[0]?.Target; // '/m.wasm'
 * ```
 *
 * @group Reading and writing specs
 */
export function parseTask<J extends JobType = JobType>(input: SpecInput, options: ParseTaskOptions<J> = {}): TaskSpec<J> {
  const parsed = safeParseTask(input, options);
  if (!parsed.valid) throw new BacalhauSpecError('Invalid task spec', parsed.problems, parsed.warnings);
  return parsed.spec;
}

/**
 * Reads a job as Bacalhau's API returns it, leniently, into a spec that can be
 * edited and resubmitted: it accepts the `{ "Job": … }` envelope of a GET
 * response or a submit request (other envelope keys such as `Executions` are
 * ignored) or a bare job, and drops what the server sets (`ID`, `State`,
 * `Version`, `Revision`, `CreateTime`, `ModifyTime`) and the Meta keys it
 * reserves (`bacalhau.org/…`). The rest is read as strictly as {@link parseJob}.
 *
 * @example
 * ```ts
 * import { Job, parseJobResponse } from 'bacalhau-jobs';
 *
 * const response = {
 *   Job: {
 *     ID: 'j-123', Name: 'hello', Type: 'batch', Version: 3, State: { StateType: 'Completed' },
 *     Meta: { 'bacalhau.org/requester.id': 'node-0', owner: 'me' },
 *     Tasks: [{ Name: 'main', Engine: { Type: 'docker', Params: { Image: 'busybox' } } }],
 *   },
 * };
 * const spec = parseJobResponse(response); // no ID, State, Version; Meta: { owner: 'me' }
 * const edited = Job.from(spec).label('edited', 'true').build();
 * ```
 *
 * @group Reading and writing specs
 */
export function parseJobResponse(input: SpecInput, options: ParseOptions = {}): JobSpec {
  const raw = typeof input === 'string' ? readText(input, options) : { read: { value: input }, problems: [] };
  if (raw.read === undefined) throw new BacalhauSpecError('Invalid job response', raw.problems);
  const envelope = raw.read.value;
  const envelopeKey = isPlainObject(envelope) ? Object.keys(envelope).find((k) => k.toLowerCase() === 'job') : undefined;
  const job = envelopeKey === undefined ? envelope : (envelope as Readonly<Record<string, unknown>>)[envelopeKey];
  if (!isPlainObject(job)) {
    throw new BacalhauSpecError('Invalid job response', [problemAt(envelopeKey ?? '', 'type', 'expected a job object')]);
  }
  const entries = Object.entries(job)
    .filter(([key]) => !isServerSetKey(key))
    .map(([key, value]): [string, unknown] => {
      if (key.toLowerCase() !== 'meta' || !isPlainObject(value)) return [key, value];
      return [key, Object.fromEntries(Object.entries(value).filter(([metaKey]) => !metaKey.startsWith(RESERVED_META_PREFIX)))];
    });
  return parseJob(Object.fromEntries(entries), options);
}
