/**
 * The collector every validator writes into, wire-path formatting, and the
 * one place problems are made, so that a problem's `path` and `segments` agree.
 *
 * @module
 */
import type { Problem, ProblemRule } from './errors.js';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `Engine` + `Params` → `Engine.Params`; keys that are not identifiers are quoted: `Env["my key"]`. */
export function childPath(path: string, key: string): string {
  if (!IDENTIFIER.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** `InputSources` + 1 → `InputSources[1]`. */
export function indexPath(path: string, index: number): string {
  return `${path}[${index}]`;
}

/**
 * Splits a path written by {@link childPath} and {@link indexPath} back into its
 * keys and indexes: `Tasks[0].Env["MY-VAR"]` → `['Tasks', 0, 'Env', 'MY-VAR']`.
 * Building the path again from the segments gives the same text. Text that
 * is not such a path (only a caller's `validateTask` prefix can be) becomes one
 * last segment as it is, rather than being lost.
 */
export function pathSegments(path: string): (string | number)[] {
  const segments: (string | number)[] = [];
  const token = /([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\./y;
  let position = 0;
  while (position < path.length) {
    token.lastIndex = position;
    const match = token.exec(path);
    const [, name, index, quoted] = match ?? [];
    const key = quoted === undefined ? name : jsonString(quoted);
    if (match === null || (quoted !== undefined && key === undefined)) {
      segments.push(path.slice(position));
      break;
    }
    if (index !== undefined) segments.push(Number(index));
    else if (key !== undefined) segments.push(key); // else the '.' between two segments
    position = token.lastIndex;
  }
  return segments;
}

/** The string a JSON string literal stands for, or `undefined` when it is not one. */
function jsonString(literal: string): string | undefined {
  try {
    return JSON.parse(literal) as string;
  } catch {
    return undefined;
  }
}

/**
 * A problem at `path`, with the same place as segments. Every problem the SDK
 * makes comes from here (or {@link atPath}), so its two paths always agree.
 */
export function problemAt(path: string, rule: ProblemRule, message: string): Problem {
  return { path, segments: Object.freeze(pathSegments(path)), rule, message };
}

/** `problem` moved to `path` (a builder's task problem placed in its job, say), segments included. */
export function atPath(problem: Problem, path: string): Problem {
  return { ...problem, path, segments: Object.freeze(pathSegments(path)) };
}

/** Collects problems and warnings in the order the validators find them. */
export class Report {
  readonly problems: Problem[] = [];
  readonly warnings: Problem[] = [];

  error(path: string, rule: ProblemRule, message: string): void {
    this.problems.push(problemAt(path, rule, message));
  }

  warn(path: string, rule: ProblemRule, message: string): void {
    this.warnings.push(problemAt(path, rule, message));
  }
}

/** `['a', 'b', 'c']` → `a, b or c`, for the values a message offers; `quote` wraps each in quotes. */
export function orList(words: readonly string[], quote = false): string {
  const shown = quote ? words.map((word) => `'${word}'`) : words;
  return shown.length < 2 ? shown.join('') : `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]!}`;
}

/** A short, safe rendering of a value for messages. */
export function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return 'a symbol';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' && value !== null) return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** The JSON type name of a value, for "expected X, got Y" messages. */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isFinite(value) ? 'number' : String(value);
  if (typeof value === 'object') return isPlainObject(value) ? 'object' : (value.constructor?.name ?? 'object');
  return typeof value;
}

/** A plain object: what JSON objects decode to (no class instances, no arrays). */
export function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
