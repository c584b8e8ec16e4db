/**
 * Everything Bacalhau checks in a task, collected in one pass.
 *
 * @module
 */
import type { Problem } from '../core/errors.js';
import { isJobType, JOB_TYPE_TRAITS, unknownJobTypeMessage, type JobType } from '../schema/job-types.js';
import { builtInTypeNamed, WIRE_FIELDS, WIRE_KEYS } from '../schema/description.js';
import { checkEnv, checkStringMap } from './env.js';
import { expectObject, fieldReader } from './fields.js';
import { checkNetwork } from './network.js';
import { childPath, indexPath, isPlainObject, Report } from '../core/report.js';
import { checkResources, checkTimeouts } from './resources.js';
import { checkInputSource, checkSpecConfig, type TaskContext } from './spec-config.js';
import { isAbsolutePath } from './syntax.js';
import { checkTemplates } from './template.js';

/**
 * The outcome of validating a spec: every problem (which would make Bacalhau
 * reject the spec or fail it later) and every warning (worth a look, never fatal).
 *
 * @example
 * ```ts
 * import { validateTask, type ValidationReport } from 'bacalhau-jobs';
 *
 * const report: ValidationReport = validateTask({ Name: 'main', Engine: { Type: 'docker' } });
 * report.valid; // false
 * report.problems[0]?.path; // 'Engine.Params.Image'
 * ```
 *
 * @group Validation
 */
export interface ValidationReport {
  /** True when there are no problems (warnings do not count). */
  readonly valid: boolean;
  /** Every problem, each with its path (`InputSources[1].Target`), rule and message. */
  readonly problems: readonly Problem[];
  /** Things worth a look that do not make the spec invalid (deprecated names, custom types, …). */
  readonly warnings: readonly Problem[];
}

/**
 * Options for {@link validateTask}.
 *
 * @example
 * ```ts
 * import { validateTask, type ValidateTaskOptions } from 'bacalhau-jobs';
 * const options: ValidateTaskOptions = { jobType: 'service', path: 'Tasks[0]' };
 * validateTask({ Name: 'web', Engine: { Type: 'docker', Params: { Image: 'nginx' } } }, options);
 * ```
 *
 * @group Validation
 */
export interface ValidateTaskOptions {
  /** The job type the task belongs to; enables the job-type-specific warnings. */
  readonly jobType?: JobType;
  /** Prefix for problem paths, e.g. `Tasks[0]`. Default: none. */
  readonly path?: string;
}

const readTask = fieldReader(WIRE_FIELDS.task, 'task');
const readResultPath = fieldReader(WIRE_FIELDS.resultPath, 'result path');

type Entries = readonly unknown[];

/** Reports the second and later occurrences of each key. */
function checkUnique(values: readonly (string | undefined)[], pathOf: (index: number) => string, what: string, report: Report): void {
  const first = new Map<string, number>();
  for (const [index, value] of values.entries()) {
    if (value === undefined || value === '') continue;
    const earlier = first.get(value);
    if (earlier === undefined) first.set(value, index);
    else report.error(pathOf(index), 'unique', `${what} '${value}' already exists (at index ${earlier})`);
  }
}

function stringField(entry: unknown, key: string): string | undefined {
  if (!isPlainObject(entry)) return undefined;
  const value = entry[key] ?? entry[Object.keys(entry).find((k) => k.toLowerCase() === key.toLowerCase()) ?? key];
  return typeof value === 'string' ? value.trim() : undefined;
}

function checkInputSources(sources: Entries, path: string, report: Report, context: TaskContext): void {
  for (const [index, source] of sources.entries()) checkInputSource(source, indexPath(path, index), report, context);
  if (sources.length < 2) return;
  // Bacalhau compares the trimmed values when it stores the job; checking them now catches " /a" vs "/a".
  checkUnique(sources.map((s) => stringField(s, 'Target')), (i) => childPath(indexPath(path, i), 'Target'), 'input source with target', report);
  checkUnique(sources.map((s) => stringField(s, 'Alias')), (i) => childPath(indexPath(path, i), 'Alias'), 'input source with alias', report);
}

function checkResultPaths(results: Entries, path: string, report: Report): void {
  for (const [index, result] of results.entries()) {
    const resultPath = indexPath(path, index);
    if (!expectObject(result, resultPath, 'result path', report)) continue;
    const fields = readResultPath(result, resultPath, report);
    const name = fields['Name'];
    const location = fields['Path'];
    if (typeof name === 'string' && name.trim() === '') report.error(childPath(resultPath, 'Name'), 'not-blank', 'result path name must not be blank');
    if (typeof location === 'string') {
      if (location.trim() === '') report.error(childPath(resultPath, 'Path'), 'not-blank', 'result path must not be blank');
      else if (!isAbsolutePath(location)) report.error(childPath(resultPath, 'Path'), 'absolute-path', `result path '${location}' must be absolute`);
    }
  }
  if (results.length < 2) return;
  checkUnique(results.map((r) => stringField(r, 'Name')), (i) => childPath(indexPath(path, i), 'Name'), 'result path with name', report);
  checkUnique(results.map((r) => stringField(r, 'Path')), (i) => childPath(indexPath(path, i), 'Path'), 'result path', report);
}

/** A publisher Bacalhau treats as unset: absent, or a blank Type without Params. */
function isEmptyPublisher(publisher: unknown): boolean {
  if (!isPlainObject(publisher)) return true;
  const type = stringField(publisher, 'Type') ?? '';
  const params = publisher['Params'] ?? publisher['params'];
  return type === '' && (!isPlainObject(params) || Object.keys(params).length === 0);
}

/**
 * A `jobType` option as given, or `undefined` with a `job-type` problem when it
 * is no job type (from JavaScript): an unknown type cannot select the
 * job-type rules, and guessing would hide the mistake.
 */
export function jobTypeOption(jobType: unknown, path: string, report: Report): JobType | undefined {
  if (jobType === undefined || isJobType(jobType)) return jobType;
  report.error(path, 'job-type', unknownJobTypeMessage(jobType, ' in the jobType option'));
  return undefined;
}

/** Adds every problem and warning of `task` to `report`; `path` prefixes the paths. */
export function checkTask(task: unknown, path: string, report: Report, jobType?: JobType): void {
  if (!expectObject(task, path, 'task', report)) return;
  const fields = readTask(task, path, report);
  const at = (key: string): string => childPath(path, key);

  const name = fields['Name'];
  if (typeof name === 'string') {
    if (name.trim() === '') report.error(at('Name'), 'not-blank', 'task name must not be blank');
    if (name.includes('\0')) report.error(at('Name'), 'no-nul', 'task name cannot contain null characters');
  }
  const env = fields['Env'];
  if (isPlainObject(env)) checkEnv(env, at('Env'), report);
  const meta = fields['Meta'];
  if (isPlainObject(meta)) checkStringMap(meta, at('Meta'), report);

  const sources = (fields['InputSources'] as Entries | undefined) ?? [];
  const context: TaskContext = { inputTargets: sources.map((s) => stringField(s, 'Target') ?? '').filter((t) => t !== '') };
  if (fields['Engine'] === undefined) report.error(at('Engine'), 'required', 'task must have an Engine');
  else checkSpecConfig(fields['Engine'], at('Engine'), 'engine', report, context);
  if (fields['Publisher'] !== undefined) checkSpecConfig(fields['Publisher'], at('Publisher'), 'publisher', report, context);
  checkInputSources(sources, at('InputSources'), report, context);

  const results = (fields['ResultPaths'] as Entries | undefined) ?? [];
  checkResultPaths(results, at('ResultPaths'), report);
  if (results.length > 0 && isEmptyPublisher(fields['Publisher'])) {
    // Bacalhau's store check refuses it ("publisher must be set if result paths are set") unless the
    // operator configured a default publisher; the SDK cannot know that, and a default node has none.
    report.error(at('Publisher'), 'publisher-required', 'result paths are set but no publisher: Bacalhau refuses the job (unless its operator configured a default publisher); set one, e.g. publisher.local()');
  }
  const engineType = isPlainObject(fields['Engine']) ? builtInTypeNamed('engine', stringField(fields['Engine'], 'Type') ?? '')?.name : undefined;
  if (engineType === 'wasm') {
    // A WASM result path's Name becomes a mount name, which must not clash with an input mount.
    const targets = new Set(context.inputTargets);
    for (const [index, result] of results.entries()) {
      const resultName = stringField(result, 'Name');
      if (resultName !== undefined && targets.has(resultName)) {
        report.error(childPath(indexPath(at('ResultPaths'), index), 'Name'), 'unique', `wasm result path name '${resultName}' equals an input source Target`);
      }
    }
  }
  if (jobType !== undefined && JOB_TYPE_TRAITS[jobType].runsUntilStopped) {
    if (!isEmptyPublisher(fields['Publisher']) || results.length > 0) {
      report.warn(at('Publisher'), 'job-type', `${jobType} jobs never complete, so results are never published: Publisher and ResultPaths belong to batch and ops jobs`);
    }
  }
  if (jobType !== undefined) {
    const timeouts = fields['Timeouts'];
    const applied = JOB_TYPE_TRAITS[jobType].timeouts;
    for (const key of WIRE_KEYS.timeouts) {
      const value = isPlainObject(timeouts) ? timeouts[key] : undefined;
      if (!applied.includes(key) && typeof value === 'number' && value > 0) {
        report.warn(childPath(at('Timeouts'), key), 'job-type', `${jobType} jobs run until stopped: Bacalhau ignores ${key} for them`);
      }
    }
  }
  if (jobType !== undefined && !JOB_TYPE_TRAITS[jobType].scalable) {
    // Read from Bacalhau's code, not observed: the S3 partitioner rejects the Count of 0 these job types get.
    for (const [index, source] of sources.entries()) {
      const spec = isPlainObject(source) ? source['Source'] : undefined;
      if (isPlainObject(spec) && builtInTypeNamed('source', stringField(spec, 'Type') ?? '')?.name === 's3') {
        report.warn(childPath(indexPath(at('InputSources'), index), 'Source'), 'job-type', `s3 inputs appear to fail on ${jobType} jobs: Bacalhau partitions them by Count, which is 0 for ${jobType} jobs`);
      }
    }
  }

  const resources = fields['Resources'];
  if (isPlainObject(resources)) checkResources(resources, at('Resources'), report);
  const network = fields['Network'];
  if (isPlainObject(network)) checkNetwork(network, at('Network'), report);
  const timeouts = fields['Timeouts'];
  if (isPlainObject(timeouts)) checkTimeouts(timeouts, at('Timeouts'), report);
}

/** Freezes a report's lists into a {@link ValidationReport}. */
export function toValidationReport(report: Report): ValidationReport {
  return Object.freeze({
    valid: report.problems.length === 0,
    problems: Object.freeze(report.problems),
    warnings: Object.freeze(report.warnings),
  });
}

/**
 * Validates a task in wire shape (from any source: a builder, a parsed file, a
 * web form) against every rule Bacalhau applies to tasks: at submission, when it
 * stores the job, and the Params checks compute nodes make later. Keys are
 * matched case-insensitively as Bacalhau's decoder does, but keys Bacalhau would
 * silently ignore are reported. Never throws.
 *
 * @example
 * ```ts
 * import { validateTask } from 'bacalhau-jobs';
 *
 * const report = validateTask({
 *   Name: 'main',
 *   Engine: { Type: 'docker', Params: { Image: 'busybox' } },
 *   ResultPaths: [{ Name: 'out', Path: 'outputs' }],
 * });
 * report.problems.map((p) => `${p.path}: ${p.rule}`);
 * // ['ResultPaths[0].Path: absolute-path']
 * ```
 *
 * @group Validation
 */
export function validateTask(task: unknown, options: ValidateTaskOptions = {}): ValidationReport {
  const report = new Report();
  const jobType = jobTypeOption(options.jobType, options.path ?? '', report);
  checkTask(task, options.path ?? '', report, jobType);
  checkTemplates(task, options.path ?? '', report);
  return toValidationReport(report);
}
