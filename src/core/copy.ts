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
import { childPath, indexPath, isPlainObject, jsonTypeOf, problemAt } from './report.js';

/**
 * How deeply a spec may nest (a job with its task is about 6 levels, so this
 * leaves free-form Params 90 or more). Deeper input is refused with a
 * `too-large` problem: nothing legitimate needs it, and YAML writers and
 * readers recurse.
 */
export const MAX_DEPTH = 100;

/**
 * Deep-copies `value`, keeping only JSON values. Anything JSON cannot carry
 * (undefined, functions, NaN, Maps, typed arrays, class instances, cycles,
 * holes in arrays) is left out of the copy and reported in `problems` with its
 * path, so nothing is silently dropped; so is nesting deeper than `maxDepth`.
 * Keys such as `__proto__` are copied as plain data, never as prototypes.
 *
 * Iterative (no recursion), so hostile nesting cannot overflow the stack, and
 * arrays are rebuilt by index, so neither holes nor an own `constructor`
 * (which `Array.prototype.map` would honour) can change what comes out.
 */
export function copyJson(value: unknown, path: string, problems: Problem[], maxDepth = MAX_DEPTH): unknown {
  const root: { value?: unknown } = {};
  // Each entry: copy `source` into `target[key]`; `path` is built only for problems.
  const stack: { source: unknown; target: Record<string, unknown> | unknown[]; key: string | number; path: LazyPath; depth: number }[] = [
    { source: value, target: root as Record<string, unknown>, key: 'value', path: () => path, depth: 0 },
  ];
  const ancestors: object[] = [];
  const exits: { depth: number; object: object }[] = [];
  while (stack.length > 0) {
    const frame = stack.pop() as (typeof stack)[number];
    // Leaving containers: those deeper than this frame are no longer ancestors.
    while (exits.length > 0 && (exits[exits.length - 1] as { depth: number }).depth >= frame.depth) {
      exits.pop();
      ancestors.pop();
    }
    const copied = copyScalar(frame.source, frame.path, problems);
    if (copied !== CONTAINER) {
      if (copied !== undefined || Array.isArray(frame.target)) setCopied(frame.target, frame.key, copied);
      continue;
    }
    const source = frame.source as object;
    if (ancestors.includes(source)) {
      problems.push(problemAt(frame.path(), 'json-value', 'circular reference: JSON cannot represent it'));
      setCopied(frame.target, frame.key, undefined);
      continue;
    }
    if (frame.depth >= maxDepth) {
      problems.push(problemAt(frame.path(), 'too-large', `nested more than ${maxDepth} levels deep`));
      setCopied(frame.target, frame.key, undefined);
      continue;
    }
    ancestors.push(source);
    exits.push({ depth: frame.depth, object: source });
    if (Array.isArray(source)) {
      const target: unknown[] = new Array<unknown>(source.length).fill(null);
      setCopied(frame.target, frame.key, target);
      for (let index = source.length - 1; index >= 0; index--) {
        if (!(index in source)) {
          problems.push(problemAt(indexPath(frame.path(), index), 'json-value', 'a hole in an array is not a JSON value'));
          continue;
        }
        stack.push({ source: source[index], target, key: index, path: () => indexPath(frame.path(), index), depth: frame.depth + 1 });
      }
    } else {
      // Built key by key with defineProperty semantics (fromEntries at the end would lose the order of late keys).
      const target: Record<string, unknown> = {};
      setCopied(frame.target, frame.key, target);
      const keys = Object.keys(source);
      for (let index = keys.length - 1; index >= 0; index--) {
        const key = keys[index] as string;
        stack.push({ source: (source as Record<string, unknown>)[key], target, key, path: () => childPath(frame.path(), key), depth: frame.depth + 1 });
      }
    }
  }
  return root.value;
}

/** A path built only when a problem needs it: copying runs for every argument. */
type LazyPath = () => string;

const CONTAINER = Symbol('container');

/** The copy of a scalar, `undefined` (with a problem) for a non-JSON value, or CONTAINER for arrays and plain objects. */
function copyScalar(value: unknown, path: LazyPath, problems: Problem[]): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    problems.push(problemAt(path(), 'json-value', `${value} is not a JSON number`));
    return undefined;
  }
  if (typeof value === 'object' && (Array.isArray(value) || isPlainObject(value))) return CONTAINER;
  problems.push(problemAt(path(), 'json-value', `${jsonTypeOf(value)} is not a JSON value (use strings, numbers, booleans, null, arrays and plain objects)`));
  return undefined;
}

/** Stores a copied value; on objects an own data property even for `__proto__`, and nothing for undefined. */
function setCopied(target: Record<string, unknown> | unknown[], key: string | number, value: unknown): void {
  if (Array.isArray(target)) {
    target[key as number] = value ?? null;
  } else if (value === undefined) {
    delete target[key as string];
  } else {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  }
}

/**
 * Returns a copy of `object` with the keys in `order` first, in that order,
 * then any others in their original order; keys whose value is undefined or
 * null (which Bacalhau reads as "unset") are left out. Gives specs a stable key
 * order whatever order callers used.
 */
export function orderKeys(object: Readonly<Record<string, unknown>>, order: readonly string[]): Record<string, unknown> {
  const ordered: Record<string, unknown> = {};
  let placed = 0;
  for (let index = 0; index < order.length; index++) {
    const key = order[index]!;
    if (!Object.hasOwn(object, key)) continue;
    placed++;
    const value = object[key];
    if (value !== undefined && value !== null) ordered[key] = value;
  }
  // The usual object has only keys in `order`; the others (for the validator to report) follow as data properties.
  const keys = Object.keys(object);
  if (keys.length === placed) return ordered;
  for (const key of keys) {
    const value = object[key];
    if (!order.includes(key) && value !== undefined && value !== null) setCopied(ordered, key, value);
  }
  return ordered;
}
