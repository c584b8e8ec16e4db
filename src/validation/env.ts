/**
 * Task `Env` rules (`bacalhau-task-spec.md` §10). Bacalhau reports only the
 * first violation, in random order; the SDK reports every one.
 *
 * @module
 */
import { childPath, jsonTypeOf, type Report } from '../core/report.js';

const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;

/** Why `name` is not a valid environment variable name, or `undefined`. */
export function envNameError(name: string): string | undefined {
  if (name === '') return 'environment variable name cannot be empty';
  if (!/^[A-Za-z]/.test(name)) return `environment variable '${name}' must start with a letter`;
  if (!/^[A-Za-z0-9_]*$/.test(name)) return `environment variable '${name}' can only contain letters, numbers and underscores`;
  if (!ENV_NAME.test(name)) return `environment variable '${name}' must be uppercase`;
  return undefined;
}

/** Checks a task's `Env` map. */
export function checkEnv(env: Readonly<Record<string, unknown>>, path: string, report: Report): void {
  for (const [name, value] of Object.entries(env)) {
    const entryPath = childPath(path, name);
    const nameError = envNameError(name);
    if (nameError !== undefined) report.error(entryPath, 'env-name', nameError);
    else if (name.startsWith('BACALHAU_')) report.error(entryPath, 'env-reserved', `environment variable '${name}' cannot start with BACALHAU_ (reserved for the system)`);
    if (typeof value !== 'string') report.error(entryPath, 'type', `value must be a string, got ${jsonTypeOf(value)}`);
    else if (value === '') report.error(entryPath, 'env-value', `environment variable '${name}' cannot have an empty value`);
  }
}

/** Checks a map whose values must all be strings (`Meta`, `Labels`). */
export function checkStringMap(map: Readonly<Record<string, unknown>>, path: string, report: Report): void {
  for (const [key, value] of Object.entries(map)) {
    if (typeof value !== 'string') report.error(childPath(path, key), 'type', `value must be a string, got ${jsonTypeOf(value)}`);
  }
}
