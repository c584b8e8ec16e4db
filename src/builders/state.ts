/**
 * What the task and job builders share: the immer instance that derives the
 * job builder's states, helpers for the loosely typed state (its values are judged by the
 * validator at build time, not here), and turning a report into `.validate()`'s result.
 *
 * @module
 */
import { Immer } from 'immer';
import type { Problem } from '../core/errors.js';
import { copyJson } from '../core/copy.js';
import { atPath, childPath, isPlainObject, type Report } from '../core/report.js';

/**
 * A private immer instance: the global one's settings (`setAutoFreeze`, …)
 * belong to the caller's application.
 *
 * It does not freeze: builder states are private and immer never writes to a
 * base, so a state can be shared by any number of forks unfrozen. A spec is
 * deep-frozen once, when it is built (`deepFreeze` skips the parts an
 * earlier build already froze), which costs far less than freezing every step.
 */
export const immer = /* @__PURE__ */ new Immer({ autoFreeze: false });

/** `value` if it is an array, else an empty list. */
export function listOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** `value` if it is a plain object, else an empty record. */
export function recordOf(value: unknown): Readonly<Record<string, unknown>> {
  return isPlainObject(value) ? value : {};
}

/**
 * The entries of a `(name, value)` or `(record)` call such as `.env()` or
 * `.meta()`; `undefined` when the arguments are neither. The argument count
 * tells `.env('A')` (a JavaScript caller's mistake, kept so the validator
 * reports it) from a record.
 */
export function entriesOf(nameOrRecord: unknown, value: unknown, argumentCount: number): [string, unknown][] | undefined {
  if (typeof nameOrRecord === 'string') return [[nameOrRecord, argumentCount < 2 ? undefined : value]];
  if (isPlainObject(nameOrRecord)) return Object.entries(nameOrRecord);
  return undefined;
}

/**
 * Copies the values of map entries (the caller's, so they must not be kept or
 * frozen), noting non-JSON ones under `section.key`. The validator then judges
 * the copies (strings only, for every map the SDK has).
 */
export function copyEntries(entries: readonly [string, unknown][], section: string, pending: Problem[]): [string, unknown][] {
  return entries.map(([key, value]): [string, unknown] => [key, typeof value === 'string' ? value : copyJson(value, childPath(section, key), pending)]);
}

/**
 * A caller's argument, copied if it is not a string (strings are immutable and
 * the common case); `undefined` means "not given" and is no problem here (the
 * validator reports it if the field is required).
 */
export function copyArgument(value: unknown, path: string, pending: Problem[]): unknown {
  return typeof value === 'string' || value === undefined ? value : copyJson(value, path, pending);
}

/** Merges entries into a map without ever assigning a key, so a `__proto__` key stays data. */
export function mergeEntries(current: unknown, entries: readonly [string, unknown][]): Record<string, unknown> {
  return Object.fromEntries([...Object.entries(recordOf(current)), ...entries]);
}

/** `current` (a map) without `key`, never assigning a key (so a `__proto__` key stays data). */
export function withoutEntry(current: unknown, key: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(recordOf(current)).filter(([name]) => name !== key));
}

/** Whether the map `current` has its own entry `key`. */
export function hasEntry(current: unknown, key: string): boolean {
  return isPlainObject(current) && Object.hasOwn(current, key);
}

/**
 * The field `key` of a list entry (such as a constraint's `Key`); a key in
 * another case is read too, as the validator reads it (a caller's plain spec
 * given to `Job.from` or `Task.from` keeps its own spelling).
 */
export function fieldOf(entry: unknown, key: string): unknown {
  if (!isPlainObject(entry)) return undefined;
  if (Object.hasOwn(entry, key)) return entry[key];
  const other = Object.keys(entry).find((name) => name.toLowerCase() === key.toLowerCase());
  return other === undefined ? undefined : entry[other];
}

/** The string field `key` of a list entry (such as an input's `Target`), trimmed as Bacalhau compares it. */
export function trimmedField(entry: unknown, key: string): string | undefined {
  const value = fieldOf(entry, key);
  return typeof value === 'string' ? value.trim() : undefined;
}

/** The indexes of the entries of `list` that `matches` selects. */
export function indexesWhere(list: readonly unknown[], matches: (entry: unknown) => boolean): number[] {
  const indexes: number[] = [];
  for (const [index, entry] of list.entries()) if (matches(entry)) indexes.push(index);
  return indexes;
}

/** `pending` without the problems under any of `paths`, plus `problems`; the same array when nothing changes. */
export function replacePending(pending: readonly Problem[], paths: readonly string[], problems: readonly Problem[]): readonly Problem[] {
  if (pending.length === 0) return problems.length === 0 ? pending : problems;
  const kept = pending.filter((problem) => !paths.some((path) => isUnderPath(problem.path, path)));
  return kept.length === pending.length && problems.length === 0 ? pending : [...kept, ...problems];
}

/** Whether the problem path `path` is `prefix` or inside it. */
export function isUnderPath(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
}

/**
 * Argument problems after the entries at `removed` (ascending indexes) left the
 * list `section`: problems of removed entries are dropped, and those of later
 * entries follow them to their new index (`Constraints[3]` → `Constraints[2]`).
 * The same array when nothing changes.
 */
export function afterRemoval(pending: readonly Problem[], section: string, removed: readonly number[]): readonly Problem[] {
  if (pending.length === 0 || removed.length === 0) return pending;
  const prefix = `${section}[`;
  let changed = false;
  const kept: Problem[] = [];
  for (const problem of pending) {
    const match = problem.path.startsWith(prefix) ? /^(\d+)\]/.exec(problem.path.slice(prefix.length)) : null;
    if (match === null) {
      kept.push(problem);
      continue;
    }
    const index = Number(match[1]);
    changed = true;
    if (removed.includes(index)) continue;
    const shift = removed.filter((gone) => gone < index).length;
    kept.push(shift === 0 ? problem : atPath(problem, `${prefix}${index - shift}${problem.path.slice(prefix.length + (match[1] ?? '').length)}`));
  }
  return changed ? kept : pending;
}

/** Sets `object[key]` to `value`, or removes the key when `value` is empty, so no empty object is emitted. */
export function setOrDelete(object: Record<string, unknown>, key: string, value: Readonly<Record<string, unknown>>): void {
  if (Object.keys(value).length > 0) object[key] = value;
  else delete object[key];
}

/**
 * `Class`, which must be assignable to `Interface`: names a builder class for
 * the interfaces it cannot `implements` for every job type (the publishing and
 * scaling methods), so the compiler checks those methods too.
 */
export type Implementing<Class extends Interface, Interface> = Class;
