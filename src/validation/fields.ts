/**
 * Reading a JSON object against a list of known fields, the way Go's decoders
 * do (case-insensitive key match, exact match preferred), but reporting what Go
 * silently ignores: unknown keys, keys that collide when case is ignored, and
 * values of the wrong JSON type.
 *
 * @module
 */
import type { FieldKind, FieldRules } from '../schema/description.js';
import { childPath, isPlainObject, jsonTypeOf, type Report } from '../core/report.js';
import { suggestKey } from './suggest.js';

/** The values found, by canonical key; only values of the right JSON type are included. */
export type Fields = Readonly<Record<string, unknown>>;

/**
 * Reads one kind of wire object: checks `object` (already known to be a plain
 * object), reports its problems at `path`, and returns its values by canonical key.
 */
export type FieldReader = (object: Readonly<Record<string, unknown>>, path: string, report: Report) => Fields;

const KIND_NAMES: Readonly<Record<FieldKind, string>> = {
  string: 'a string',
  boolean: 'a boolean',
  integer: 'an integer',
  number: 'a number',
  object: 'an object',
  array: 'an array',
  'string[]': 'an array of strings',
  any: 'a JSON value',
};

/** Whether a value is of a kind; `null` and `undefined` are of none (they are unset). */
const HAS_KIND: Readonly<Record<FieldKind, (value: unknown) => boolean>> = {
  string: (value) => typeof value === 'string',
  boolean: (value) => typeof value === 'boolean',
  integer: (value) => Number.isSafeInteger(value),
  number: (value) => typeof value === 'number' && Number.isFinite(value),
  object: (value) => isPlainObject(value),
  array: (value) => Array.isArray(value),
  'string[]': (value) => Array.isArray(value) && isStringList(value),
  any: (value) => value !== undefined && value !== null,
};

/** Every element a string; a loop, not `every`, which would skip holes. */
function isStringList(list: readonly unknown[]): boolean {
  for (let index = 0; index < list.length; index++) if (typeof list[index] !== 'string') return false;
  return true;
}

/** Reports `value` unless it is a plain object; returns whether it is one. */
export function expectObject(value: unknown, path: string, what: string, report: Report): value is Readonly<Record<string, unknown>> {
  if (isPlainObject(value)) return true;
  report.error(path, 'type', `${what} must be an object, got ${jsonTypeOf(value)}`);
  return false;
}

/**
 * Compiles the reader of one wire object from its rules, once, at module load:
 * the key lookups, kind checks and required keys are resolved here rather than
 * on every call, and no code is generated (no `eval`), so the validators run
 * under a strict Content-Security-Policy.
 *
 * The reader takes a fast path for the usual object, whose keys are all
 * canonical, of the right kind and set, and whose required keys are present:
 * that object is its own set of fields, so nothing is allocated. Anything else
 * goes through the full reading, which reports each problem.
 *
 * `what` names the object in messages ("docker engine params").
 */
export function fieldReader(rules: FieldRules, what: string): FieldReader {
  const keys = Object.keys(rules);
  const kindCheck = new Map(keys.map((key) => [key, HAS_KIND[rules[key]!.kind]]));
  const byLowerCase = new Map(keys.map((key) => [key.toLowerCase(), key]));
  const required = keys.filter((key) => rules[key]!.required === true);
  // `bacalhau job run` refuses unknown top-level job keys; everywhere else Go's decoder drops them unnoticed.
  const fate = what === 'job' ? '`bacalhau job run` refuses it and the REST API drops it' : 'Bacalhau would silently ignore it';

  /** The full reading: case-insensitive keys, unset values, and a problem for each mistake. */
  function readWithProblems(object: Readonly<Record<string, unknown>>, path: string, report: Report): Fields {
    const found: Record<string, unknown> = {};
    const seenAs = new Map<string, string>();
    for (const key of Object.keys(object)) {
      // A key whose value is undefined is unset, as for the builders and JSON.stringify.
      if (object[key] === undefined) continue;
      const canonical = kindCheck.has(key) ? key : byLowerCase.get(key.toLowerCase());
      if (canonical === undefined) {
        const suggestion = suggestKey(key, keys);
        const hint = suggestion === undefined ? `known keys: ${keys.join(', ')}` : `did you mean '${suggestion}'?`;
        report.error(childPath(path, key), 'unknown-key', `unknown key '${key}' in ${what}; ${fate} (${hint})`);
        continue;
      }
      const earlier = seenAs.get(canonical);
      if (earlier !== undefined) {
        report.error(childPath(path, key), 'duplicate-key', `'${key}' and '${earlier}' are the same key to Bacalhau (keys ignore case); keep one`);
        continue;
      }
      const value = object[key];
      // Go's decoders treat null as "leave the field unset".
      if (value === null) continue;
      seenAs.set(canonical, key);
      const kind = rules[canonical]!.kind;
      if (!HAS_KIND[kind](value)) {
        // YAML 1.1, which Bacalhau reads, turns unquoted y/n/yes/no/on/off into booleans.
        const hint = kind === 'string' && typeof value === 'boolean' ? ' (in YAML, quote words such as yes, no, on, off, y and n)' : '';
        report.error(childPath(path, canonical), 'type', `must be ${KIND_NAMES[kind]}, got ${jsonTypeOf(value)}${hint}`);
        continue;
      }
      found[canonical] = value;
    }
    for (const key of required) {
      if (!seenAs.has(key)) report.error(childPath(path, key), 'required', `${what} must have '${key}'`);
    }
    return found;
  }

  return (object, path, report) => {
    const objectKeys = Object.keys(object);
    for (let index = 0; index < objectKeys.length; index++) {
      const key = objectKeys[index]!;
      const hasKind = kindCheck.get(key);
      if (hasKind === undefined || !hasKind(object[key])) return readWithProblems(object, path, report);
    }
    for (let index = 0; index < required.length; index++) {
      if (object[required[index]!] === undefined) return readWithProblems(object, path, report);
    }
    return object;
  };
}
