/**
 * Turning the server's JSON into the client's typed, frozen values: check the
 * few fields the client relies on, name the states that Bacalhau sends as
 * numbers, and keep every other field as it came.
 *
 * @module
 */
import { deepFreeze } from '../core/freeze.js';
import { BacalhauResponseError } from './errors.js';
import type { Execution, JobHistoryEntry, JobRecord } from './types.js';

/** Where a response came from, for error messages. */
export interface Origin {
  readonly method: string;
  readonly url: string;
}

/** Go's `ExecutionStateType` is serialised as its number; these are its names, in order. */
const EXECUTION_STATES = [
  'Undefined',
  'New',
  'AskForBid',
  'AskForBidAccepted',
  'AskForBidRejected',
  'BidAccepted',
  'Running',
  'Publishing',
  'BidRejected',
  'Completed',
  'Failed',
  'Cancelled',
] as const;

/** Go's `ExecutionDesiredStateType`, also a number on the wire. */
const DESIRED_STATES = ['Pending', 'Running', 'Stopped'] as const;

/** Go's `JobStateType`; sent as a name today, but named here too in case a number comes. */
const JOB_STATES = ['Undefined', 'Pending', 'Queued', 'Running', 'Completed', 'Failed', 'Stopped'] as const;

/** The name of a state the server sent as a number (or the name itself); unknown numbers become `Unknown(n)`. */
function stateName(value: unknown, names: readonly string[]): unknown {
  if (typeof value !== 'number') return value;
  return names[value] ?? `Unknown(${value})`;
}

type Mutable = Record<string, unknown>;

function isObject(value: unknown): value is Mutable {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nameState(holder: unknown, key: string, names: readonly string[]): void {
  if (!isObject(holder)) return;
  const state = holder[key];
  if (isObject(state)) state['StateType'] = stateName(state['StateType'], names);
}

function nameChange(holder: unknown, key: string, names: readonly string[]): void {
  if (!isObject(holder)) return;
  const change = holder[key];
  if (!isObject(change)) return;
  for (const side of ['Previous', 'New']) if (side in change) change[side] = stateName(change[side], names);
}

function shapeError(origin: Origin, what: string): BacalhauResponseError {
  return new BacalhauResponseError('unexpected-shape', 200, origin.method, origin.url, `the answer has no ${what}`);
}

/** The answer as an object, or a typed error. */
export function objectOf(value: unknown, origin: Origin): Mutable {
  if (!isObject(value)) throw shapeError(origin, 'JSON object');
  return value;
}

/** `answer[key]` as an array (`null` counts as empty: Go writes empty slices as null), or a typed error. */
export function fieldArray(answer: Mutable, key: string, origin: Origin): unknown[] {
  const value = answer[key];
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) throw shapeError(origin, `'${key}' list`);
  return value;
}

/** `answer[key]` as a string; absent or `null` is `''`. */
export function fieldString(answer: Mutable, key: string): string {
  const value = answer[key];
  return typeof value === 'string' ? value : '';
}

/** A warnings list (`null` on the wire when empty) as a frozen array of strings. */
export function warningsOf(answer: Mutable): readonly string[] {
  const value = answer['Warnings'];
  return Object.freeze(Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
}

/** A stored job, checked and frozen. */
export function readJob(value: unknown, origin: Origin): JobRecord {
  const job = objectOf(value, origin);
  if (typeof job['ID'] !== 'string' || !isObject(job['State'])) throw shapeError(origin, 'job (ID and State)');
  nameState(job, 'State', JOB_STATES);
  return deepFreeze(job) as unknown as JobRecord;
}

/** An execution, with its states named, frozen. */
export function readExecution(value: unknown, origin: Origin): Execution {
  const execution = objectOf(value, origin);
  if (typeof execution['ID'] !== 'string') throw shapeError(origin, 'execution ID');
  nameState(execution, 'ComputeState', EXECUTION_STATES);
  nameState(execution, 'DesiredState', DESIRED_STATES);
  // The server may embed the whole job; its state gets the same treatment.
  if (isObject(execution['Job'])) nameState(execution['Job'], 'State', JOB_STATES);
  return deepFreeze(execution) as unknown as Execution;
}

/** A history entry, with its states named, frozen. */
export function readHistoryEntry(value: unknown, origin: Origin): JobHistoryEntry {
  const entry = objectOf(value, origin);
  nameChange(entry, 'JobState', JOB_STATES);
  nameChange(entry, 'ExecutionState', EXECUTION_STATES);
  return deepFreeze(entry) as unknown as JobHistoryEntry;
}
