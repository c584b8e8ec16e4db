/**
 * The collector every validator writes into, and wire-path formatting.
 *
 * @module
 */
import type { Problem, ProblemRule } from '../errors.js';

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

/** Collects problems and warnings in the order the validators find them. */
export class Report {
  readonly problems: Problem[] = [];
  readonly warnings: Problem[] = [];

  error(path: string, rule: ProblemRule, message: string): void {
    this.problems.push({ path, rule, message });
  }

  warn(path: string, rule: ProblemRule, message: string): void {
    this.warnings.push({ path, rule, message });
  }
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
