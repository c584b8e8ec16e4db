/**
 * The builder core the task and job builders share: their props, the update
 * step, `.validate()` and `.build()`, and helpers for the loosely typed fields
 * (whose values the validator judges at build time, not here) and for the
 * argument problems that a value set again replaces.
 *
 * @module
 */
import { BacalhauSpecError, type Problem } from '../core/errors.js';
import { copyJson } from '../core/copy.js';
import { deepFreeze } from '../core/freeze.js';
import { atPath, childPath, isPlainObject, Report } from '../core/report.js';
import { validated, type Validated } from '../core/result.js';
import type { JobType } from '../schema/job-types.js';

/**
 * What every builder holds: the fields set so far, in wire shape (possibly
 * invalid: the validator judges them when the spec is built), its job type,
 * and the problems found in method arguments, by spec-relative path. Frozen
 * by the builders' constructors; no method writes to it, so any number of
 * forks share one props object and everything in it.
 */
export interface BuilderProps<J extends JobType> {
  readonly jobType: J;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly pending: readonly Problem[];
}

/**
 * The update step of every builder: `change` applied to a shallow copy of the
 * fields, and `pending` as the argument problems. Each change replaces or
 * removes whole top-level fields with new values, so the copy shares all the
 * rest with this builder and its forks (structural sharing without a draft,
 * which on this path, every call of a parameter sweep, would cost more than
 * the rest of the call).
 */
export function nextProps<Props extends BuilderProps<JobType>>(
  props: Props,
  change: (fields: Record<string, unknown>) => void,
  pending: readonly Problem[] = props.pending,
): Props {
  const fields = { ...props.fields };
  change(fields);
  return { ...props, fields, pending };
}

/**
 * `.validate()` of every builder: the argument problems, then what `check`
 * reports; when nothing is wrong, the spec deep-frozen and remembered as one
 * the SDK made.
 */
export function validateSpec<Spec extends object>(
  spec: Spec,
  pending: readonly Problem[],
  check: (spec: Spec, report: Report) => void,
  remember: (spec: Spec) => void,
): Validated<Spec> {
  const report = new Report();
  report.problems.push(...pending);
  check(spec, report);
  return validated(report, () => {
    deepFreeze(spec);
    remember(spec);
    return spec;
  });
}

/** `.build()` of every builder: the valid spec, or a {@link BacalhauSpecError} carrying every problem. */
export function specOrThrow<Spec>(result: Validated<Spec>, what: string): Spec {
  if (!result.valid) throw new BacalhauSpecError(what, result.problems, result.warnings);
  return result.spec;
}

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
