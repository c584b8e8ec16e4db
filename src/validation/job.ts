/**
 * Everything Bacalhau checks in a job (`bacalhau-task-spec.md` §2, §5, §6, §13),
 * plus the rules of every task in it.
 *
 * @module
 */
import { isJobType, JOB_TYPE_TRAITS, JOB_TYPES, type JobType } from '../schema/job-types.js';
import { checkStringMap } from './env.js';
import { CONSTRAINT_OPERATORS, CONSTRAINT_OPERATORS_BY_ARITY, RESERVED_META_PREFIX, isServerSetKey, WIRE_FIELDS } from '../schema/description.js';
import { expectObject, fieldReader } from './fields.js';
import { childPath, indexPath, isPlainObject, orList, Report, show } from '../core/report.js';
import { checkTask, toValidationReport, type ValidationReport } from './task.js';
import { checkTemplates } from './template.js';

const readJob = fieldReader(WIRE_FIELDS.job, 'job');
const readConstraint = fieldReader(WIRE_FIELDS.constraint, 'constraint');
const NO_VALUES: readonly string[] = CONSTRAINT_OPERATORS_BY_ARITY.none;
const SOME_VALUES: readonly string[] = CONSTRAINT_OPERATORS_BY_ARITY.some;
const ONE_VALUE: readonly string[] = CONSTRAINT_OPERATORS_BY_ARITY.one;
// Kubernetes label syntax, which the scheduler applies to constraint keys and values.
const LABEL_NAME = /^[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/;
const LABEL_PREFIX = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^([A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?)?$/;

/** Whether `key` is a valid Kubernetes qualified label key (`[prefix/]name`). */
export function isLabelKey(key: string): boolean {
  const slash = key.lastIndexOf('/');
  if (slash === -1) return LABEL_NAME.test(key);
  const prefix = key.slice(0, slash);
  return prefix.length <= 253 && LABEL_PREFIX.test(prefix) && LABEL_NAME.test(key.slice(slash + 1));
}

/** Whether `value` is a valid Kubernetes label value. */
export function isLabelValue(value: string): boolean {
  return LABEL_VALUE.test(value);
}

function checkConstraint(value: unknown, path: string, report: Report): void {
  if (!expectObject(value, path, 'constraint', report)) return;
  const fields = readConstraint(value, path, report);
  const key = fields['Key'];
  const operator = fields['Operator'];
  const values = (fields['Values'] as readonly string[] | undefined) ?? [];
  if (typeof key === 'string') {
    const bare = key.startsWith('favour_') ? key.slice('favour_'.length) : key;
    if (key.trim() === '') report.error(childPath(path, 'Key'), 'not-blank', 'selector key cannot be blank');
    else if (!isLabelKey(bare)) report.error(childPath(path, 'Key'), 'label', `'${key}' is not a valid label key ([prefix/]name, name ≤ 63 characters of A-Z a-z 0-9 . _ -)`);
  }
  if (typeof operator !== 'string') return;
  const operatorPath = childPath(path, 'Operator');
  const valuesPath = childPath(path, 'Values');
  if (NO_VALUES.includes(operator)) {
    if (values.length > 0) report.error(valuesPath, 'constraint-values', `operator '${operator}' takes no values`);
  } else if (SOME_VALUES.includes(operator)) {
    if (values.length === 0) report.error(valuesPath, 'constraint-values', `operator '${operator}' needs at least one value`);
  } else if (ONE_VALUE.includes(operator)) {
    if (values.length !== 1) report.error(valuesPath, 'constraint-values', `operator '${operator}' needs exactly one value, got ${values.length}`);
    else if ((operator === 'gt' || operator === 'lt') && !/^[+-]?\d+$/.test(values[0] ?? '')) {
      report.error(indexPath(valuesPath, 0), 'constraint-values', `operator '${operator}' compares integers: '${values[0] ?? ''}' is not one`);
    }
  } else {
    const hint = CONSTRAINT_OPERATORS.find((known) => known === operator.toLowerCase());
    report.error(operatorPath, 'operator', `unknown operator '${operator}'${hint === undefined ? '' : ` (operators are lowercase: '${hint}')`}: use in, notin, exists, !, =, ==, !=, gt or lt`);
  }
  for (const [index, item] of values.entries()) {
    if (!isLabelValue(item)) report.error(indexPath(valuesPath, index), 'label', `'${item}' is not a valid label value (≤ 63 characters of A-Z a-z 0-9 . _ -; one value per item)`);
  }
}

/** Adds every problem and warning of `job` (and its tasks) to `report`. */
export function checkJob(job: unknown, report: Report): void {
  if (!expectObject(job, '', 'job', report)) return;
  const serverSet = Object.keys(job).filter(isServerSetKey);
  for (const key of serverSet) report.error(key, 'server-set', `'${key}' is set by the server and is not allowed in a job spec`);
  const rest = serverSet.length === 0 ? job : Object.fromEntries(Object.entries(job).filter(([key]) => !serverSet.includes(key)));
  const fields = readJob(rest, '', report);

  const type = fields['Type'];
  let jobType: JobType | undefined;
  if (typeof type === 'string') {
    if (isJobType(type)) jobType = type;
    else if (type === '') report.error('Type', 'not-blank', 'missing job type');
    else report.error('Type', 'job-type', `invalid job type ${show(type)}: use ${JOB_TYPES.join(', ')} (lowercase)`);
  }
  const name = fields['Name'];
  if (typeof name === 'string' && name.includes('\0')) report.error('Name', 'no-nul', 'job name cannot contain null characters');
  // An empty Name or Namespace means "unset" (the job ID, the default namespace); one of only
  // spaces is not trimmed away by Bacalhau and fails its store check.
  for (const key of ['Name', 'Namespace'] as const) {
    const value = fields[key];
    if (key === 'Name' && value === '') {
      report.warn('Name', 'not-blank', 'a blank job name: Bacalhau names the job after its ID, so submitting the spec again creates another job instead of updating this one');
    }
    if (typeof value !== 'string' || value === '') continue;
    const what = key === 'Name' ? 'job name' : 'job namespace';
    if (value.trim() === '') {
      report.error(key, 'not-blank', `a ${what} of only white space is refused by Bacalhau; leave ${key} out ${key === 'Name' ? 'to name the job after its ID' : 'for the default namespace'}`);
    } else if (value.startsWith('/') || value.endsWith('/') || value.includes('//')) {
      // The job store files jobs in buckets named by the '/'-separated parts, and an empty part has no bucket.
      report.error(key, 'not-blank', `a ${what} with an empty part between '/' (a leading or trailing '/', or '//') is refused by Bacalhau's job store, got ${JSON.stringify(value)}`);
    }
  }
  const count = fields['Count'];
  if (typeof count === 'number') {
    if (count < 0) report.error('Count', 'count', 'job count must be >= 0');
    else if (jobType !== undefined && !JOB_TYPE_TRAITS[jobType].scalable && count > 1) {
      report.error('Count', 'count', `${jobType} jobs cannot specify count > 1 as they run on all matching nodes`);
    }
  }
  const constraints = (fields['Constraints'] as readonly unknown[] | undefined) ?? [];
  for (const [index, constraint] of constraints.entries()) checkConstraint(constraint, indexPath('Constraints', index), report);
  const meta = fields['Meta'];
  if (isPlainObject(meta)) {
    checkStringMap(meta, 'Meta', report);
    for (const key of Object.keys(meta)) {
      if (key.startsWith(RESERVED_META_PREFIX)) {
        report.error(childPath('Meta', key), 'reserved-meta', `Meta keys starting with '${RESERVED_META_PREFIX}' are reserved for Bacalhau, which would drop this one`);
      }
    }
  }
  const labels = fields['Labels'];
  if (isPlainObject(labels)) {
    checkStringMap(labels, 'Labels', report);
    for (const [key, value] of Object.entries(labels)) {
      if (!isLabelKey(key) || (typeof value === 'string' && !isLabelValue(value))) {
        report.warn(childPath('Labels', key), 'label', 'not valid Kubernetes label syntax, so `bacalhau job list --labels` cannot select it');
      }
    }
  }
  const tasks = fields['Tasks'] as readonly unknown[] | undefined;
  if (tasks === undefined || tasks.length === 0) {
    report.error('Tasks', 'required', 'missing job tasks: a job needs exactly one task');
    return;
  }
  if (tasks.length > 1) {
    report.error(indexPath('Tasks', 1), 'single-task', `Bacalhau runs one task per job and would silently drop the other ${tasks.length - 1}`);
  }
  for (const [index, task] of tasks.entries()) checkTask(task, indexPath('Tasks', index), report, jobType);
  checkTemplates(job, '', report);
}

/**
 * Validates a job in wire shape against Bacalhau's job submission rules and
 * every task rule (see {@link validateTask}). Never throws.
 *
 * @example
 * ```ts
 * import { validateJob } from 'bacalhau-jobs';
 *
 * const report = validateJob({ Type: 'ops', Count: 3, Tasks: [] });
 * report.problems.map((p) => `${p.path}: ${p.rule}`);
 * // ['Count: count', 'Tasks: required']
 * ```
 *
 * @group Validation
 */
export function validateJob(job: unknown): ValidationReport {
  const report = new Report();
  checkJob(job, report);
  return toValidationReport(report);
}
