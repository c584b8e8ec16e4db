/**
 * Task `Resources` and `Timeouts` rules (`bacalhau-task-spec.md` §9, §12).
 *
 * @module
 */
import { parseBytes, parseCpu, parseGpu } from '../schema/quantities.js';
import { WIRE_FIELDS, WIRE_KEYS } from '../schema/description.js';
import { fieldReader } from './fields.js';
import { childPath, type Report } from '../core/report.js';

const readResources = fieldReader(WIRE_FIELDS.resources, 'resources');

/** Checks a task's `Resources`; an empty string means "unset", as in Bacalhau. */
export function checkResources(resources: Readonly<Record<string, unknown>>, path: string, report: Report): void {
  const fields = readResources(resources, path, report);
  const cpu = fields['CPU'];
  if (typeof cpu === 'string' && cpu !== '') {
    if (parseCpu(cpu) === undefined) {
      // Say what is wrong with the value given: a sign, or not a number at all.
      const why = /^\s*-/.test(cpu) ? 'a CPU request cannot be negative' : 'not a number of cores or millicores';
      report.error(childPath(path, 'CPU'), 'cpu', `invalid CPU value '${cpu}': ${why}; use cores ('0.5', '2') or millicores ('500m')`);
    } else if (/\dM$/.test(cpu.trim())) {
      report.warn(childPath(path, 'CPU'), 'cpu-suffix', `'${cpu}' is read as millicores ('${cpu.trim().slice(0, -1)}m'), not mega-cores`);
    }
  }
  for (const key of ['Memory', 'Disk']) {
    const value = fields[key];
    if (typeof value === 'string' && value !== '' && parseBytes(value) === undefined) {
      report.error(childPath(path, key), 'bytes', `invalid ${key.toLowerCase()} size '${value}': use a number of bytes with an optional unit ('512Mb', '1GiB', '100')`);
    }
  }
  const gpu = fields['GPU'];
  if (typeof gpu === 'string' && gpu !== '' && parseGpu(gpu) === undefined) {
    report.error(childPath(path, 'GPU'), 'gpu', `invalid GPU count '${gpu}': use a whole number ('1')`);
  }
}

const readTimeouts = fieldReader(WIRE_FIELDS.timeouts, 'timeouts');

/**
 * Checks a task's `Timeouts` (integer seconds, not negative), and the rule the
 * store check adds: execution + queue must not exceed a non-zero total.
 */
export function checkTimeouts(timeouts: Readonly<Record<string, unknown>>, path: string, report: Report): void {
  const fields = readTimeouts(timeouts, path, report);
  const seconds = (key: string): number => (typeof fields[key] === 'number' ? fields[key] : 0);
  for (const key of WIRE_KEYS.timeouts) {
    if (seconds(key) < 0) report.error(childPath(path, key), 'non-negative', `invalid ${key} value ${seconds(key)}: must not be negative`);
  }
  const [execution, queue, total] = [seconds('ExecutionTimeout'), seconds('QueueTimeout'), seconds('TotalTimeout')];
  if (total > 0 && execution >= 0 && queue >= 0 && execution + queue > total) {
    report.error(
      childPath(path, 'TotalTimeout'),
      'timeouts-total',
      `execution timeout ${execution}s and queue timeout ${queue}s should be less than total timeout ${total}s`,
    );
  }
}
