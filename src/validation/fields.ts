/**
 * Reading a JSON object against a list of known fields, the way Go's decoders
 * do (case-insensitive key match, exact match preferred), but reporting what Go
 * silently ignores: unknown keys, keys that collide when case is ignored, and
 * values of the wrong JSON type.
 *
 * @module
 */
import { childPath, isPlainObject, jsonTypeOf, type Report } from './report.js';
import type { WIRE_KEYS, WireKey, WireObject } from '../schema/wire-keys.js';
import { suggestKey } from './suggest.js';

/** The JSON type a field must have. `any` accepts every JSON value. */
export type FieldKind = 'string' | 'boolean' | 'integer' | 'number' | 'object' | 'array' | 'string[]' | 'any';

/** How one known field of an object is checked. */
export interface FieldRule {
  readonly kind: FieldKind;
  /** Report a `required` problem when the key is absent. */
  readonly required?: boolean;
}

/** The fields of one object type, by canonical (PascalCase) key. */
export type FieldRules = Readonly<Record<string, FieldRule>>;

/** The fields of wire object `O`: exactly its keys in {@link WIRE_KEYS}, so a table cannot miss or add one. */
export type FieldRulesFor<O extends WireObject> = { readonly [Key in WireKey<O>]: FieldRule };

/** The values found, by canonical key; only values of the right JSON type are included. */
export type Fields = Readonly<Record<string, unknown>>;

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

function hasKind(value: unknown, kind: FieldKind): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return Number.isSafeInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'object':
      return isPlainObject(value);
    case 'array':
      return Array.isArray(value);
    case 'string[]':
      return Array.isArray(value) && isStringList(value);
    case 'any':
      return true;
  }
}

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

/** What `readFields` needs to know about a rules table, computed once per table. */
interface RulesIndex {
  readonly keys: readonly string[];
  readonly byLowerCase: ReadonlyMap<string, string>;
  readonly required: readonly string[];
}

const indexes = new WeakMap<FieldRules, RulesIndex>();

function indexOf(rules: FieldRules): RulesIndex {
  let index = indexes.get(rules);
  if (index === undefined) {
    const keys = Object.keys(rules);
    index = {
      keys,
      byLowerCase: new Map(keys.map((key) => [key.toLowerCase(), key])),
      required: keys.filter((key) => rules[key]?.required === true),
    };
    indexes.set(rules, index);
  }
  return index;
}

/**
 * Checks `object` (already known to be a plain object) against `rules` and
 * returns its values by canonical key.
 *
 * `what` names the object in messages ("docker engine params"). Paths are
 * built only for problems: this runs for every object of every spec.
 */
export function readFields(object: Readonly<Record<string, unknown>>, path: string, what: string, rules: FieldRules, report: Report): Fields {
  const { keys: canonicalKeys, byLowerCase, required } = indexOf(rules);
  const found: Record<string, unknown> = {};
  let seenAs: Map<string, string> | undefined;
  for (const key of Object.keys(object)) {
    // A key whose value is undefined is unset, as for the builders and JSON.stringify.
    if (object[key] === undefined) continue;
    const canonical = Object.hasOwn(rules, key) ? key : byLowerCase.get(key.toLowerCase());
    if (canonical === undefined) {
      const suggestion = suggestKey(key, canonicalKeys);
      const hint = suggestion === undefined ? `known keys: ${canonicalKeys.join(', ')}` : `did you mean '${suggestion}'?`;
      // `bacalhau job run` refuses unknown top-level job keys; everywhere else Go's decoder drops them unnoticed.
      const fate = what === 'job' ? '`bacalhau job run` refuses it and the REST API drops it' : 'Bacalhau would silently ignore it';
      report.error(childPath(path, key), 'unknown-key', `unknown key '${key}' in ${what}; ${fate} (${hint})`);
      continue;
    }
    seenAs ??= new Map<string, string>();
    const earlier = seenAs.get(canonical);
    if (earlier !== undefined) {
      report.error(childPath(path, key), 'duplicate-key', `'${key}' and '${earlier}' are the same key to Bacalhau (keys ignore case); keep one`);
      continue;
    }
    const value = object[key];
    // Go's decoders treat null as "leave the field unset".
    if (value === null) continue;
    seenAs.set(canonical, key);
    const rule = rules[canonical];
    if (rule !== undefined && !hasKind(value, rule.kind)) {
      // YAML 1.1, which Bacalhau reads, turns unquoted y/n/yes/no/on/off into booleans.
      const hint = rule.kind === 'string' && typeof value === 'boolean' ? ' (in YAML, quote words such as yes, no, on, off, y and n)' : '';
      report.error(childPath(path, canonical), 'type', `must be ${KIND_NAMES[rule.kind]}, got ${jsonTypeOf(value)}${hint}`);
      continue;
    }
    found[canonical] = value;
  }
  for (const key of required) {
    if (seenAs?.has(key) !== true) report.error(childPath(path, key), 'required', `${what} must have '${key}'`);
  }
  return found;
}
