/**
 * Copying caller-supplied JSON before the SDK stores it.
 *
 * The copy matters twice: the builder's state is frozen, and freezing the
 * caller's own object would surprise them; and a caller mutating their object
 * later must not change a builder they already made.
 *
 * @module
 */
import type { Problem } from './errors.js';
import { childPath, indexPath, isPlainObject, jsonTypeOf } from './validation/report.js';

/**
 * Deep-copies `value`, keeping only JSON values. Anything JSON cannot carry
 * (undefined, functions, NaN, class instances, cycles) is left out of the copy
 * and reported in `problems` with its path, so nothing is silently dropped.
 * Keys such as `__proto__` are copied as plain data, never as prototypes.
 */
export function copyJson(value: unknown, path: string, problems: Problem[]): unknown {
  return copy(value, () => path, problems, new Set());
}

/** A path built only when a problem needs it: copying runs for every argument. */
type LazyPath = () => string;

function copy(value: unknown, path: LazyPath, problems: Problem[], ancestors: Set<object>): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    problems.push({ path: path(), rule: 'json-value', message: `${value} is not a JSON number` });
    return undefined;
  }
  if (typeof value === 'object' && (Array.isArray(value) || isPlainObject(value))) {
    if (ancestors.has(value)) {
      problems.push({ path: path(), rule: 'json-value', message: 'circular reference: JSON cannot represent it' });
      return undefined;
    }
    ancestors.add(value);
    const result = Array.isArray(value) ? copyArray(value, path, problems, ancestors) : copyObject(value, path, problems, ancestors);
    ancestors.delete(value);
    return result;
  }
  problems.push({ path: path(), rule: 'json-value', message: `${jsonTypeOf(value)} is not a JSON value (use strings, numbers, booleans, null, arrays and plain objects)` });
  return undefined;
}

function copyArray(items: readonly unknown[], path: LazyPath, problems: Problem[], ancestors: Set<object>): unknown[] {
  return items.map((item, index) => copy(item, () => indexPath(path(), index), problems, ancestors) ?? null);
}

function copyObject(object: Readonly<Record<string, unknown>>, path: LazyPath, problems: Problem[], ancestors: Set<object>): Record<string, unknown> {
  const entries: [string, unknown][] = [];
  for (const key of Object.keys(object)) {
    const copied = copy(object[key], () => childPath(path(), key), problems, ancestors);
    if (copied !== undefined) entries.push([key, copied]);
  }
  // fromEntries defines own data properties, so a "__proto__" key stays data.
  return Object.fromEntries(entries);
}

/**
 * Returns a copy of `object` with the keys in `order` first, in that order,
 * then any others in their original order; keys whose value is undefined are
 * left out. Gives specs a stable key order whatever order callers used.
 */
export function orderKeys(object: Readonly<Record<string, unknown>>, order: readonly string[]): Record<string, unknown> {
  const entries: [string, unknown][] = [];
  for (const key of order) if (Object.hasOwn(object, key) && object[key] !== undefined) entries.push([key, object[key]]);
  for (const key of Object.keys(object)) if (!order.includes(key) && object[key] !== undefined) entries.push([key, object[key]]);
  return Object.fromEntries(entries);
}
