/**
 * fast-check arbitraries and assertion helpers for test/hostile-input.test.ts:
 * random (often invalid) builder call sequences as "JavaScript callers" make
 * them, valid specs full of awkward strings, and hostile parser inputs.
 * A helper module for the tests, not a test itself.
 *
 * Builder calls are plain data ({@link Call}) and are turned into builders by
 * {@link applyCalls}, so the same call list can be replayed on a fresh builder
 * (the fork tests rely on that).
 */
import fc from 'fast-check';
import { isMap, isSeq, parseDocument, visit } from 'yaml';
import {
  BacalhauSpecError,
  Job,
  JOB_TYPES,
  Task,
  engine,
  network,
  publisher,
  source,
  type JobSpec,
  type JobType,
  type ProblemRule,
  type TaskSpec,
} from '../src/index.js';

// ---------------------------------------------------------------------------
// Assertion helpers (plain throws, so they work inside fast-check properties)
// ---------------------------------------------------------------------------

/** Throws unless `error` is a BacalhauSpecError with a non-empty list of well-formed problems. */
export function assertSdkError(error: unknown): asserts error is BacalhauSpecError {
  if (!(error instanceof BacalhauSpecError)) {
    const name = error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error);
    throw new Error(`expected a BacalhauSpecError, got ${name}`, { cause: error });
  }
  if (!Array.isArray(error.problems) || error.problems.length === 0) throw new Error('BacalhauSpecError without problems');
  for (const problem of error.problems) {
    if (typeof problem.path !== 'string' || typeof problem.rule !== 'string' || typeof problem.message !== 'string') {
      throw new Error(`malformed problem ${JSON.stringify(problem)}`);
    }
    if (problem.rule === '' || problem.message === '') throw new Error(`empty rule or message in ${JSON.stringify(problem)}`);
  }
}

/** Runs `f`: its value, or the BacalhauSpecError it threw; any other error is rethrown. */
export function sdkOutcome<T>(f: () => T): { ok: true; value: T } | { ok: false; error: BacalhauSpecError } {
  try {
    return { ok: true, value: f() };
  } catch (error) {
    assertSdkError(error);
    return { ok: false, error };
  }
}

/** Throws unless every object and array reachable from `value` is frozen (iterative: specs may be deep). */
export function assertDeepFrozen(value: unknown): void {
  const pending: [unknown, string][] = [[value, '(root)']];
  const seen = new Set<object>();
  while (pending.length > 0) {
    const [next, path] = pending.pop() as [unknown, string];
    if (typeof next !== 'object' || next === null || seen.has(next)) continue;
    seen.add(next);
    if (!Object.isFrozen(next)) throw new Error(`not frozen: ${path}`);
    for (const key of Object.keys(next)) pending.push([(next as Record<string, unknown>)[key], `${path}.${key}`]);
  }
}

/**
 * Throws unless `value` is exactly representable as JSON: plain objects,
 * arrays without holes, strings, finite numbers, booleans and null. A spec is
 * what `JSON.stringify(spec)` sends to Bacalhau, so anything else is lost.
 */
export function assertPureJson(value: unknown): void {
  const pending: [unknown, string][] = [[value, '(root)']];
  while (pending.length > 0) {
    const [next, path] = pending.pop() as [unknown, string];
    if (next === null || typeof next === 'string' || typeof next === 'boolean') continue;
    if (typeof next === 'number') {
      if (!Number.isFinite(next)) throw new Error(`not a JSON number at ${path}: ${next}`);
      continue;
    }
    if (Array.isArray(next)) {
      if (Object.getPrototypeOf(next) !== Array.prototype) throw new Error(`not a plain array at ${path}: ${(next as object).constructor?.name ?? 'unknown class'}`);
      for (let i = 0; i < next.length; i++) {
        if (!(i in next)) throw new Error(`array hole at ${path}[${i}]`);
        pending.push([next[i], `${path}[${i}]`]);
      }
      continue;
    }
    if (typeof next === 'object') {
      const prototype: unknown = Object.getPrototypeOf(next);
      if (prototype !== Object.prototype && prototype !== null) {
        throw new Error(`not a plain object at ${path}: ${(next as object).constructor?.name ?? 'unknown class'}`);
      }
      for (const key of Object.keys(next)) pending.push([(next as Record<string, unknown>)[key], `${path}.${key}`]);
      continue;
    }
    throw new Error(`not a JSON value at ${path}: ${typeof next}`);
  }
}

// ---------------------------------------------------------------------------
// Strings
// ---------------------------------------------------------------------------

/** Strings that YAML 1.1, JSON, Go templates or terminals treat specially. */
export const AWKWARD_STRINGS: readonly string[] = Object.freeze([
  'yes', 'no', 'Yes', 'NO', 'on', 'off', 'On', 'OFF', 'y', 'n', 'Y', 'N', 'true', 'False', 'TRUE',
  'null', 'Null', 'NULL', '~', '', ' ', '  ',
  '0755', '0o17', '0x1F', '0b101', '1e3', '1E3', '1_000', '1:20', '190:20:30', '+1', '-1', '.5', '1.', '0.0', '-0', '1e-3', '12e03',
  '.inf', '-.Inf', '.NaN', 'NaN', 'Infinity',
  '2001-12-14', '2001-12-14t21:59:43.10-05:00', '2002-12-14 21:59:43.10 -5',
  '<<', '=', ':', '::', '#', ' # comment', 'a: b', 'a:b', 'key: value # c', '- x', '-', '--', '---', '...', '? x', '?',
  '&anchor', '*alias', '!tag', '!!str', '!!binary', '%YAML 1.1', '@x', '`x`', '|', '>', '|-', '>+',
  '{{', '}}', '{{ .Name }}', '{{"{{"}}', '[x]', '{x}', '[', '{', ']', '}', ',', '"', "'", '"quoted"', "'single'", '\\', '\\n', '\\u0041',
  ' leading', 'trailing ', ' both ', '\ttab', 'tab\t', 'a\nb', '\n', '\nlead', 'trail\n', 'a\n\nb', 'a\r\nb', '\r', 'a\rb',
  '\u2028', 'a\u2028b', 'a\u2029b', 'a\u0085b', '\ufeffbom', 'zero\u200bwidth', '\u00a0nbsp', 'é', 'ß', '日本語', 'العربية', '😀', '👩‍👩‍👧', 'e\u0301',
  '\u001b[31mred', '\u0007bell', '\u007f', 'a\u0000b', '\ud800', 'x\udfffy',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty',
  'http://example.com/a?b=c#d', 'C:\\path', '/abs/path', 'rel/path', '$HOME', '${VAR}', '%s', 'a=b', 'A=B=C',
]);

const awkwardPart = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...AWKWARD_STRINGS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
);

/** An awkward string: a special value, or a few special parts glued together. */
export const awkwardString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: awkwardPart },
  { weight: 1, arbitrary: fc.tuple(awkwardPart, awkwardPart).map((parts) => parts.join('')) },
);

/** Awkward, but not blank and without NUL (what names must be). */
export const awkwardName: fc.Arbitrary<string> = awkwardString.filter((s) => s.trim() !== '' && !s.includes('\0'));

// ---------------------------------------------------------------------------
// Junk: what JavaScript callers without types pass
// ---------------------------------------------------------------------------

class Custom {
  readonly field = 1;
}

function ownKeyObject(key: string, value: unknown): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  return object;
}

const SYMBOL = Symbol('junk');
const FUNCTION = (): string => 'function';

/** Values no builder method accepts, of every JavaScript kind. */
export const junk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<unknown>(undefined, null, NaN, Infinity, -Infinity, -0, 0, 1.5, -1, 2 ** 53, true, false, '', ' ', SYMBOL, FUNCTION, 10n) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<() => unknown>(
      () => new Custom(),
      () => new Date(0),
      () => new Map([['Name', 'm']]),
      () => new Set(['a']),
      () => new Uint8Array([1, 2]),
      () => Object.create(null) as unknown,
      () => Object.freeze({ Type: 'docker', Params: Object.freeze({ Image: 'alpine' }) }),
      () => ownKeyObject('__proto__', { polluted: 'yes' }),
      () => ({ constructor: { prototype: { polluted: 'yes' } } }),
      () => [1, , 3], // eslint-disable-line no-sparse-arrays
      () => new String('boxed'),
      () => /regex/,
      () => new Error('an error'),
      () => Promise.resolve(1),
      () => ({ toString: () => 'x', valueOf: () => 1 }),
    ).map((make) => make()),
  },
  {
    weight: 2,
    arbitrary: fc.anything({
      maxDepth: 2,
      maxKeys: 3,
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withObjectString: true,
      withSparseArray: true,
      withTypedArray: true,
      withUnicodeString: true,
    }),
  },
);

/** `good` most of the time, else an awkward string or junk. */
function mostly<T>(good: fc.Arbitrary<T>, weight = 4): fc.Arbitrary<unknown> {
  return fc.oneof({ weight, arbitrary: good as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: awkwardString }, { weight: 1, arbitrary: junk });
}

// ---------------------------------------------------------------------------
// Builder calls
// ---------------------------------------------------------------------------

/** One builder method call, as data. `task` calls carry a {@link TaskArg}. */
export interface Call {
  readonly method: string;
  readonly args: readonly unknown[];
}

/** What `.task(…)` is given: materialized afresh on every replay. */
export type TaskArg =
  | { readonly kind: 'callback'; readonly calls: readonly Call[] }
  | { readonly kind: 'callback-returning'; readonly value: unknown }
  | { readonly kind: 'builder'; readonly jobType: unknown; readonly calls: readonly Call[] }
  | { readonly kind: 'value'; readonly value: unknown };

const call = (method: string, ...args: fc.Arbitrary<unknown>[]): fc.Arbitrary<Call> =>
  fc.tuple(...args).map((values) => ({ method, args: values }));

const WASM_TARGET = '/m.wasm';
const targets = fc.constantFrom('/inputs', '/data', WASM_TARGET, '/inputs ', 'relative', '');
const envNames = fc.constantFrom('A', 'MODE', 'LANG', 'X_1', 'lower', 'BACALHAU_X', '1A', '', '__proto__', 'constructor', 'A-B');
const metaKeys = fc.constantFrom('owner', 'team', 'bacalhau.org/owner', '', '__proto__', 'constructor', 'prototype', '<<', 'yes');
const stringValues = fc.constantFrom('x', 'fast', '', ' ', 'env:HOST', 'yes');

const engines = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('alpine', 'busybox:1.37.0', 'python:3.12').map((image) => engine.docker(image) as unknown) },
  {
    weight: 2,
    arbitrary: fc
      .record({
        image: mostly(fc.constant('ubuntu'), 3),
        entrypoint: mostly(fc.array(fc.constantFrom('sh', '-c', 'echo hi'), { maxLength: 3 }), 3),
        workingDirectory: mostly(fc.constantFrom('/work', 'work', ''), 3),
        variables: mostly(fc.dictionary(fc.constantFrom('LOG', 'BACALHAU_X', 'A'), fc.constantFrom('1', '')), 3),
      }, { requiredKeys: ['image'] })
      .map(({ image, entrypoint, workingDirectory, variables }) => ({
        Type: 'docker',
        Params: { Image: image, Entrypoint: entrypoint, WorkingDirectory: workingDirectory, EnvironmentVariables: variables },
      })),
  },
  { weight: 2, arbitrary: fc.constantFrom(WASM_TARGET, '/other.wasm', 'm.wasm', '').map((module) => engine.wasm(module) as unknown) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom('mine', 'Docker', 'WASM', ' docker ', 'noop', '', 'python'), fc.oneof(fc.jsonValue({ maxDepth: 2 }), junk))
      .map(([type, params]) => ({ Type: type, Params: params })),
  },
  { weight: 1, arbitrary: fc.record({ Type: junk, Params: junk }) },
  { weight: 1, arbitrary: junk },
);

const publishers = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<() => unknown>(publisher.local, publisher.ipfs, publisher.noop, publisher.s3managed).map((make) => make()) },
  { weight: 2, arbitrary: fc.constantFrom('gzip', 'plain', 'GZIP', '').map((encoding) => publisher.s3({ bucket: 'b', key: 'k/{jobID}', encoding: encoding as 'gzip' })) },
  { weight: 1, arbitrary: fc.constantFrom({ Type: '' }, { Type: '', Params: { a: 1 } }, { Type: 's3', Params: { Bucket: ' ' } }, { Type: 'mine', Params: { x: [1] } }) },
  { weight: 1, arbitrary: junk },
);

const sources = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom<() => unknown>(
      () => source.ipfs('QmY7Yh4UquoXHLPFo2XbhXkhBvFoPwmQUSa92pxnxjQuPU'),
      () => source.urlDownload('https://example.com/data.csv'),
      () => source.inline('data:application/wasm;base64,AGFzbQEAAAA='),
      () => source.s3({ bucket: 'data', key: 'logs/', partition: { type: 'regex', pattern: '(\\d+)' } }),
      () => source.local('/mnt/data', { readWrite: true }),
    ).map((make) => make()),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(
      { Type: 'urlDownload', Params: { URL: 'ftp://x' } },
      { Type: 'inline', Params: { URL: 'not data' } },
      { Type: 's3', Params: { Bucket: 'b', Filter: '(?=x)' } },
      { Type: 's3', Params: { Bucket: 'b', Partition: { Type: 'substring', StartIndex: 3, EndIndex: 1 } } },
      { Type: 'local', Params: { SourcePath: 'rel', CreateAs: 'file' } },
      { Type: 's3PreSigned' },
      { Type: 'localDirectory', Params: { SourcePath: '/x' } },
      { Type: 'ipfs', Params: {} },
      { Type: 'mine' },
    ),
  },
  { weight: 1, arbitrary: junk },
);

const inputOptions = fc.oneof(
  { weight: 5, arbitrary: fc.record({ target: targets, alias: fc.constantFrom('a', 'b', '', 'a ') }, { requiredKeys: ['target'] }) },
  { weight: 1, arbitrary: fc.record({ target: junk, alias: junk }) },
  { weight: 1, arbitrary: junk },
);

const resourceValue = fc.oneof(fc.constantFrom<unknown>('500m', '1', '0.5', '2M', '-1', 'abc', '1Gb', '512Mi', '10Gb', 1, 0, 2.5, -1, 1e300, '', undefined), junk);
const resources = fc.oneof(
  { weight: 5, arbitrary: fc.record({ cpu: resourceValue, memory: resourceValue, disk: resourceValue, gpu: resourceValue }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: junk },
);

const networks = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom<() => unknown>(
      network.none,
      () => network.http(['example.com', '.github.com']),
      () => network.host([{ name: 'HTTP', static: 8080 }]),
      () => network.bridge([{ name: 'WEB', static: 8081, target: 80 }]),
      () => network.host(),
    ).map((make) => make()),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(
      { Type: 'Full' },
      { Type: 'http', Domains: ['Example.COM'] },
      { Type: 'None', Domains: ['example.com'] },
      { Type: 'Host', Ports: [{ Name: 'a-b', Static: 80, Target: 1 }] },
      { Type: 'Bridge', Ports: [{ Name: 'P', Static: 9000 }, { Name: 'P', Static: 9000 }] },
      { Type: 'Bridge', Ports: [{ Name: 'P', HostNetwork: '999.1.1.1' }] },
      { Type: 'Wifi' },
    ),
  },
  { weight: 1, arbitrary: junk },
);

const durationValue = fc.oneof(fc.constantFrom<unknown>(60, 0, '10m', '1h30m', '90s', '1.5s', -5, 1.5, 'abc', '', undefined, 2 ** 60), junk);
const timeouts = fc.oneof(
  { weight: 5, arbitrary: fc.record({ execution: durationValue, queue: durationValue, total: durationValue }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: junk },
);

const record = (keys: fc.Arbitrary<string>, values: fc.Arbitrary<unknown>): fc.Arbitrary<Record<string, unknown>> =>
  fc.array(fc.tuple(keys, values), { maxLength: 3 }).map((entries) => {
    // defineProperty, so that '__proto__' becomes an own key as JSON.parse would make it.
    const object: Record<string, unknown> = {};
    for (const [key, value] of entries) Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
    return object;
  });

/** A `(name, value)`, `(record)`, `(name)` or junk call of `.env` / `.meta` / `.labels` style. */
function entryCall(method: string, keys: fc.Arbitrary<string>): fc.Arbitrary<Call> {
  return fc.oneof(
    { weight: 4, arbitrary: call(method, mostly(keys), mostly(stringValues)) },
    { weight: 3, arbitrary: call(method, record(keys, mostly(stringValues))) },
    { weight: 1, arbitrary: call(method, mostly(keys)) },
    { weight: 1, arbitrary: call(method, junk, junk) },
  );
}

/** A random task builder call; the method exists on some task builder (JavaScript callers may call it on any). */
export const taskCall: fc.Arbitrary<Call> = fc.oneof(
  { weight: 3, arbitrary: call('name', mostly(fc.constantFrom('main', 'word-count', 'x'))) },
  { weight: 4, arbitrary: call('engine', engines) },
  { weight: 2, arbitrary: call('publisher', publishers) },
  { weight: 2, arbitrary: call('resultPath', mostly(fc.constantFrom('outputs', 'logs', '')), mostly(fc.constantFrom('/outputs', '/logs', 'outputs', ''))) },
  { weight: 2, arbitrary: entryCall('env', envNames) },
  { weight: 2, arbitrary: entryCall('meta', metaKeys) },
  { weight: 2, arbitrary: call('input', sources, inputOptions) },
  { weight: 1, arbitrary: call('resources', resources) },
  { weight: 1, arbitrary: call('network', networks) },
  { weight: 1, arbitrary: call('timeouts', timeouts) },
);

/** Calls that make a batch task valid, so that random sequences reach `.build()` successes too. */
const VALID_TASK_PREFIX: readonly Call[] = Object.freeze([
  { method: 'name', args: ['main'] },
  { method: 'engine', args: [engine.docker('alpine')] },
]);

/** A task call list: often starting with a valid name and engine, then random calls. */
export const taskCalls: fc.Arbitrary<readonly Call[]> = fc
  .tuple(fc.boolean(), fc.array(taskCall, { maxLength: 7 }))
  .map(([prefixed, calls]) => (prefixed ? [...VALID_TASK_PREFIX, ...calls] : calls));

const jobTypeArg = fc.oneof({ weight: 8, arbitrary: fc.constantFrom<unknown>(...JOB_TYPES) }, { weight: 1, arbitrary: fc.constantFrom<unknown>('Batch', 'cron', '', undefined) });

const taskArg: fc.Arbitrary<TaskArg> = fc.oneof(
  { weight: 5, arbitrary: taskCalls.map((calls): TaskArg => ({ kind: 'callback', calls })) },
  { weight: 3, arbitrary: fc.tuple(jobTypeArg, taskCalls).map(([jobType, calls]): TaskArg => ({ kind: 'builder', jobType, calls })) },
  { weight: 1, arbitrary: junk.map((value): TaskArg => ({ kind: 'callback-returning', value })) },
  {
    weight: 2,
    arbitrary: fc
      .oneof(fc.constant<unknown>({ Name: 'plain', Engine: { Type: 'docker', Params: { Image: 'alpine' } } }), fc.jsonValue({ maxDepth: 2 }), junk)
      .map((value): TaskArg => ({ kind: 'value', value })),
  },
);

/** A random job builder call. */
export const jobCall: fc.Arbitrary<Call> = fc.oneof(
  { weight: 1, arbitrary: call('namespace', mostly(fc.constantFrom('default', 'team-a'))) },
  { weight: 1, arbitrary: call('priority', mostly(fc.integer({ min: -5, max: 100 }))) },
  { weight: 1, arbitrary: call('count', mostly(fc.integer({ min: -1, max: 5 }))) },
  { weight: 1, arbitrary: call('label', mostly(fc.constantFrom('team', 'env', 'bad key', '__proto__')), mostly(fc.constantFrom('data', 'prod', 'bad value!'))) },
  { weight: 1, arbitrary: call('labels', fc.oneof(record(fc.constantFrom('team', 'x/y', '__proto__', 'constructor'), mostly(stringValues)), junk)) },
  { weight: 1, arbitrary: entryCall('meta', metaKeys) },
  {
    weight: 1,
    arbitrary: call(
      'constraint',
      mostly(fc.constantFrom('Operating-System', 'favour_zone', 'a/b/c', '')),
      mostly(fc.constantFrom('=', '==', '!=', 'in', 'notin', 'exists', '!', 'gt', 'lt', 'IN', 'like')),
      fc.oneof(fc.constantFrom<unknown>(undefined, [], ['linux'], ['a', 'b'], ['10'], ['x y'], ['']), junk),
    ),
  },
  { weight: 4, arbitrary: taskArg.map((arg): Call => ({ method: 'task', args: [arg] })) },
);

/** How a job builder is started. */
export type JobStart = { readonly kind: 'start'; readonly jobType: unknown; readonly name: unknown } | { readonly kind: 'from'; readonly value: unknown };

export const jobStart: fc.Arbitrary<JobStart> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('start' as const), jobType: jobTypeArg, name: mostly(fc.constantFrom('hello', 'nightly-etl'), 6) }) },
  {
    weight: 1,
    arbitrary: fc
      .oneof(
        fc.constant<unknown>({ Name: 'j', Type: 'batch', Tasks: [{ Name: 'main', Engine: { Type: 'docker', Params: { Image: 'alpine' } } }] }),
        fc.constant<unknown>({ Name: 'j', Type: 'ops', Tasks: [] }),
        fc.jsonValue({ maxDepth: 2 }),
        junk,
      )
      .map((value): JobStart => ({ kind: 'from', value })),
  },
);

/** How a task builder is started. */
export type TaskStart = { readonly kind: 'of'; readonly jobType: unknown } | { readonly kind: 'from'; readonly value: unknown; readonly jobType: unknown };

export const taskStart: fc.Arbitrary<TaskStart> = fc.oneof(
  { weight: 8, arbitrary: jobTypeArg.map((jobType): TaskStart => ({ kind: 'of', jobType })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.oneof(fc.constant<unknown>({ Name: 'main', Engine: { Type: 'docker', Params: { Image: 'alpine' } } }), fc.jsonValue({ maxDepth: 2 }), junk), jobTypeArg)
      .map(([value, jobType]): TaskStart => ({ kind: 'from', value, jobType })),
  },
);

type Method = (...args: unknown[]) => AnyBuilder;

/** A task or job builder driven untyped, exactly as a JavaScript caller would. */
export interface AnyBuilder {
  readonly jobType: JobType;
  readonly name: Method;
  readonly engine: Method;
  readonly publisher: Method;
  readonly resultPath: Method;
  readonly env: Method;
  readonly meta: Method;
  readonly input: Method;
  readonly resources: Method;
  readonly network: Method;
  readonly timeouts: Method;
  readonly namespace: Method;
  readonly priority: Method;
  readonly count: Method;
  readonly label: Method;
  readonly labels: Method;
  readonly constraint: Method;
  readonly task: Method;
  readonly validate: () => unknown;
  readonly build: () => unknown;
}

export function startTask(start: TaskStart): AnyBuilder {
  const factory = Task as unknown as { of(type: unknown): AnyBuilder; from(spec: unknown, type: unknown): AnyBuilder };
  return start.kind === 'of' ? factory.of(start.jobType) : factory.from(start.value, start.jobType);
}

export function startJob(start: JobStart): AnyBuilder {
  const factory = Job as unknown as Record<JobType, (name: unknown) => AnyBuilder> & { from(spec: unknown): AnyBuilder };
  if (start.kind === 'from') return factory.from(start.value);
  const jobType = start.jobType;
  if (typeof jobType === 'string' && (JOB_TYPES as readonly string[]).includes(jobType)) return factory[jobType as JobType](start.name);
  // Job has no run-time-typed starter; Job.from of a plain object reaches the same run-time job-type check.
  return factory.from({ Name: start.name, Type: jobType });
}

function materializeTaskArg(arg: TaskArg): unknown {
  switch (arg.kind) {
    case 'callback':
      return (t: AnyBuilder) => applyCalls(t, arg.calls).builder;
    case 'callback-returning':
      return () => arg.value;
    case 'builder':
      return applyCalls(startTask({ kind: 'of', jobType: arg.jobType }), arg.calls).builder;
    case 'value':
      return arg.value;
  }
}

/** One call's outcome: whether it returned a builder or threw the SDK's error (with its problems). */
export type CallOutcome = 'ok' | readonly { path: string; rule: string; message: string }[];

/**
 * Applies `calls` one after the other; a call that throws a BacalhauSpecError
 * leaves the builder as it was (the JavaScript caller catches and goes on).
 * Any other error propagates.
 */
export function applyCalls(start: AnyBuilder, calls: readonly Call[]): { builder: AnyBuilder; outcomes: CallOutcome[] } {
  let builder = start;
  const outcomes: CallOutcome[] = [];
  for (const next of calls) {
    const outcome = applyCall(builder, next);
    if (outcome.ok) builder = outcome.value;
    outcomes.push(outcome.ok ? 'ok' : outcome.error.problems.map(({ path, rule, message }) => ({ path, rule, message })));
  }
  return { builder, outcomes };
}

/**
 * Like {@link applyCalls}, but any error a call throws is an outcome too (its
 * class and message): for properties that judge something else (forks,
 * freezing) and must not stop at a bug the builder property reports.
 */
export function applyCallsLenient(start: AnyBuilder, calls: readonly Call[]): { builder: AnyBuilder; outcomes: unknown[] } {
  let builder = start;
  const outcomes: unknown[] = [];
  for (const next of calls) {
    const outcome = applyCallLenient(builder, next);
    if (outcome.ok) builder = outcome.value;
    outcomes.push(outcome.ok ? 'ok' : outcome.error);
  }
  return { builder, outcomes };
}

/** {@link applyCall}, with any error described instead of thrown. */
export function applyCallLenient(builder: AnyBuilder, next: Call): { ok: true; value: AnyBuilder } | { ok: false; error: unknown } {
  try {
    const outcome = applyCall(builder, next);
    return outcome.ok ? outcome : { ok: false, error: outcome.error.problems.map(({ path, rule, message }) => ({ path, rule, message })) };
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    return { ok: false, error: cause instanceof Error ? `${cause.constructor.name}: ${cause.message}` : String(cause) };
  }
}

/** Applies one call to `builder`, returning the new builder or the BacalhauSpecError it threw. */
export function applyCall(builder: AnyBuilder, next: Call): ReturnType<typeof sdkOutcome<AnyBuilder>> {
  return sdkOutcome(() => {
    // Materializing a `.task(…)` argument may itself throw the SDK's error (Task.of('Batch')).
    const args = next.method === 'task' ? [materializeTaskArg(next.args[0] as TaskArg)] : next.args;
    const method = (builder as unknown as Record<string, unknown>)[next.method];
    if (typeof method !== 'function') throw new Error(`test bug: no method .${next.method}()`);
    const result: unknown = method.apply(builder, [...args]);
    if (typeof result !== 'object' || result === null) throw new Error(`.${next.method}() returned ${String(result)}, not a builder`);
    return result as AnyBuilder;
  });
}

// ---------------------------------------------------------------------------
// Valid specs full of awkward strings (for round trips)
// ---------------------------------------------------------------------------

/**
 * `arbitrary` one time in six, else `empty`: each generated spec has one or
 * two optional sections, so it stays small (reading YAML is the slow part);
 * over 10,000 runs every section still comes up often.
 */
const maybe = <T>(arbitrary: fc.Arbitrary<T>, empty: T): fc.Arbitrary<T> =>
  fc.oneof({ weight: 5, arbitrary: fc.constant(empty) }, { weight: 1, arbitrary });

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ENV_NAME = fc
  .tuple(fc.constantFrom(...UPPER), fc.string({ unit: fc.constantFrom(...`${UPPER}0123456789_`), maxLength: 6 }))
  .map(([first, rest]) => `${first}${rest}`)
  .filter((name) => !name.startsWith('BACALHAU_'));
const nonEmpty = awkwardString.filter((s) => s !== '');
/** JSON values without -0 (JSON cannot carry it; both readers give 0). */
const jsonLeaf = fc.jsonValue({ maxDepth: 0 }).map(withoutNegativeZero);
const jsonParams = fc.dictionary(
  awkwardString,
  fc.oneof(jsonLeaf, fc.array(jsonLeaf, { maxLength: 2 }), fc.dictionary(awkwardString, jsonLeaf, { maxKeys: 2 })),
  { maxKeys: 2 },
);

function withoutNegativeZero(value: fc.JsonValue): fc.JsonValue {
  if (Object.is(value, -0)) return 0;
  if (Array.isArray(value)) return value.map(withoutNegativeZero);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutNegativeZero(v as fc.JsonValue)]));
  }
  return value;
}

/** A string map built with defineProperty, so awkward keys (even `__proto__`) are own data. */
function stringMap(keys: fc.Arbitrary<string>, values: fc.Arbitrary<string>): fc.Arbitrary<Record<string, string>> {
  return fc.uniqueArray(fc.tuple(keys, values), { maxLength: 3, selector: ([key]) => key }).map((entries) => {
    const map: Record<string, string> = {};
    for (const [key, value] of entries) Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
    return map;
  });
}

const uniqueTrimmed = (arbitrary: fc.Arbitrary<string>, maxLength: number): fc.Arbitrary<string[]> =>
  fc.uniqueArray(arbitrary, { maxLength, selector: (s) => s.trim() });

type ValidTaskRecipe = {
  readonly name: string;
  readonly engine: unknown;
  readonly wasm: boolean;
  readonly publisher: unknown;
  readonly env: Record<string, string>;
  readonly meta: Record<string, string>;
  readonly inputs: readonly { readonly target: string; readonly alias: string | undefined; readonly cid: string }[];
  readonly results: readonly { readonly name: string; readonly path: string }[];
  readonly resources: Record<string, string | number>;
  readonly network: unknown;
  readonly timeouts: Record<string, number>;
};

const validEngine = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .record({
        image: awkwardName,
        entrypoint: maybe<string[] | undefined>(fc.array(awkwardString, { maxLength: 2 }), undefined),
        parameters: maybe<string[] | undefined>(fc.array(awkwardString, { maxLength: 2 }), undefined),
        environmentVariables: maybe<Record<string, string> | undefined>(stringMap(ENV_NAME, awkwardString), undefined),
        workingDirectory: maybe<string | undefined>(awkwardString.map((s) => `/${s}`), undefined),
      })
      .map(({ image, ...options }) => ({
        engine: engine.docker(image, Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined))) as unknown,
        wasm: false,
      })),
  },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('mine', 'python-plugin'), jsonParams).map(([type, params]) => ({ engine: { Type: type, Params: params } as unknown, wasm: false })) },
  { weight: 1, arbitrary: fc.array(awkwardString, { maxLength: 2 }).map((parameters) => ({ engine: engine.wasm(WASM_TARGET, { parameters }) as unknown, wasm: true })) },
);

function validTaskRecipe(publishes: boolean): fc.Arbitrary<ValidTaskRecipe> {
  return fc
    .record({
      name: awkwardName,
      engine: validEngine,
      publisher: publishes
        ? fc.oneof(
            { weight: 2, arbitrary: fc.constant<unknown>(undefined) },
            fc.constantFrom<() => unknown>(publisher.local, publisher.ipfs).map((make) => make()),
            fc.tuple(awkwardName, awkwardName, fc.constantFrom('gzip', 'plain') as fc.Arbitrary<'gzip' | 'plain'>).map(([bucket, key, encoding]) => publisher.s3({ bucket, key, encoding }) as unknown),
          )
        : fc.constant<unknown>(undefined),
      env: maybe(stringMap(ENV_NAME, nonEmpty), {}),
      meta: maybe(stringMap(awkwardString, awkwardString), {}),
      inputs: maybe(
        fc.tuple(uniqueTrimmed(awkwardName.map((s) => `/${s}`), 2), uniqueTrimmed(awkwardName, 2), fc.array(awkwardName, { minLength: 2, maxLength: 2 })).map(([targetList, aliases, cids]) =>
          targetList.map((target, index) => ({ target, alias: aliases[index], cid: cids[index] ?? 'Qm' })),
        ),
        [],
      ),
      results: publishes
        ? maybe(
            fc.tuple(uniqueTrimmed(awkwardName.map((s) => `r${s}`), 2), uniqueTrimmed(awkwardName.map((s) => `/${s}`), 2)).map(([names, paths]) =>
              names.slice(0, paths.length).map((name, index) => ({ name, path: paths[index] ?? '/out' })),
            ),
            [],
          )
        : fc.constant([]),
      resources: maybe(
        fc.record(
          {
            cpu: fc.constantFrom<string | number>('500m', '1', '0.25', 2),
            memory: fc.constantFrom<string | number>('1Gb', '512Mi', 1024),
            disk: fc.constantFrom<string | number>('10Gb', '1Ti'),
            gpu: fc.constantFrom<string | number>('1', 0),
          },
          { requiredKeys: [] },
        ),
        {},
      ),
      network: maybe<() => unknown>(
        fc.constantFrom<() => unknown>(
        network.none,
        () => network.http(['example.com', '.github.com', '10.0.0.1']),
        () => network.host([{ name: 'HTTP', static: 8080 }]),
        () => network.bridge([{ name: 'WEB', static: 8081, target: 80 }, { name: 'ADMIN' }]),
        ),
        () => undefined,
      ).map((make) => make()),
      timeouts: maybe(
        fc.tuple(fc.nat(1000), fc.nat(1000), fc.nat(3000)).map(([execution, queue, extra]): Record<string, number> => ({ execution, queue, total: extra === 0 ? 0 : execution + queue + extra })),
        {},
      ),
    })
    .map(({ engine: chosen, ...rest }) => ({ ...rest, engine: chosen.engine, wasm: chosen.wasm }));
}

/** A task with only an (awkward) name and a docker engine with an (awkward) image. */
const minimalTaskRecipe: fc.Arbitrary<ValidTaskRecipe> = fc.tuple(awkwardName, awkwardName).map(([name, image]) => ({
  name,
  engine: engine.docker(image),
  wasm: false,
  publisher: undefined,
  env: {},
  meta: {},
  inputs: [],
  results: [],
  resources: {},
  network: undefined,
  timeouts: {},
}));

/** A job name or namespace Bacalhau's store can file: empty (unset), or not blank and without an empty '/' part. */
function storable(value: string): boolean {
  return value === '' || (value.trim() !== '' && !value.split('/').includes(''));
}

/** Builds the task a recipe describes. */
function buildTask(builder: AnyBuilder, recipe: ValidTaskRecipe): AnyBuilder {
  let t = builder.name(recipe.name) as AnyBuilder;
  t = t.engine(recipe.engine) as AnyBuilder;
  if (recipe.publisher !== undefined) t = t.publisher(recipe.publisher) as AnyBuilder;
  if (Object.keys(recipe.env).length > 0) t = t.env(recipe.env) as AnyBuilder;
  if (Object.keys(recipe.meta).length > 0) t = t.meta(recipe.meta) as AnyBuilder;
  const inputs = recipe.wasm && !recipe.inputs.some((input) => input.target.trim() === WASM_TARGET)
    ? [...recipe.inputs, { target: WASM_TARGET, alias: undefined, cid: 'QmWasm' }]
    : recipe.inputs;
  for (const input of inputs) {
    const options = input.alias === undefined || input.alias.trim() === '' ? { target: input.target } : { target: input.target, alias: input.alias };
    t = t.input(source.ipfs(input.cid), options) as AnyBuilder;
  }
  // Result paths need a publisher: Bacalhau refuses them without one.
  for (const result of recipe.publisher === undefined ? [] : recipe.results) {
    // A wasm result name must not equal an input Target.
    if (recipe.wasm && inputs.some((input) => input.target.trim() === result.name.trim())) continue;
    t = t.resultPath(result.name, result.path) as AnyBuilder;
  }
  if (Object.keys(recipe.resources).length > 0) t = t.resources(recipe.resources) as AnyBuilder;
  if (recipe.network !== undefined) t = t.network(recipe.network) as AnyBuilder;
  if (Object.keys(recipe.timeouts).length > 0) t = t.timeouts(recipe.timeouts) as AnyBuilder;
  return t;
}

/** A valid task (built, frozen) for each job type, full of awkward strings. */
export const validTask: fc.Arbitrary<{ readonly jobType: JobType; readonly task: TaskSpec }> = fc.oneof(
  ...JOB_TYPES.map((jobType) =>
    validTaskRecipe(jobType === 'batch' || jobType === 'ops').map((recipe) => ({ jobType, task: buildTask(startTask({ kind: 'of', jobType }), recipe).build() as TaskSpec })),
  ),
);

const LABEL_EDGE = 'abcdefghijklmnopqrstuvwxyz0123456789';
const labelKey = fc
  .tuple(fc.constantFrom(...LABEL_EDGE), fc.string({ unit: fc.constantFrom(...`${LABEL_EDGE}.-`), maxLength: 6 }), fc.constantFrom(...LABEL_EDGE))
  .map(([first, middle, last]) => `${first}${middle}${last}`);

/** A valid job (built, frozen) of any type, full of awkward strings. */
export const validJob: fc.Arbitrary<JobSpec> = fc
  .oneof(
    ...JOB_TYPES.map((jobType) =>
      fc.record({
        jobType: fc.constant(jobType),
        // Names and namespaces of only white space, or with an empty part between slashes, are refused by Bacalhau.
        name: awkwardString.filter((s) => !s.includes('\0') && storable(s)),
        namespace: maybe<string | undefined>(awkwardString.filter(storable), undefined),
        priority: maybe<number | undefined>(fc.integer({ min: -1000, max: 1000 }), undefined),
        count: maybe<number | undefined>(fc.nat(jobType === 'batch' || jobType === 'service' ? 10 : 1), undefined),
        constraints: fc.array(
          fc.oneof(
            fc.tuple(labelKey, fc.constantFrom('=', '==', '!='), labelKey.map((v) => [v])),
            fc.tuple(labelKey, fc.constantFrom('in', 'notin'), fc.array(labelKey, { minLength: 1, maxLength: 2 })),
            fc.tuple(labelKey, fc.constantFrom('exists', '!'), fc.constant(undefined)),
            fc.tuple(labelKey, fc.constantFrom('gt', 'lt'), fc.nat().map((n) => [String(n)])),
          ),
          { maxLength: 1, size: 'xsmall' },
        ),
        meta: maybe(stringMap(awkwardString.filter((s) => !s.startsWith('bacalhau.org/')), awkwardString), {}),
        labels: maybe(stringMap(awkwardString, awkwardString), {}),
        // Tasks get full coverage on their own (validTask): inside a job, mostly a minimal one keeps the job small.
        task: fc.oneof({ weight: 2, arbitrary: minimalTaskRecipe }, { weight: 1, arbitrary: validTaskRecipe(jobType === 'batch' || jobType === 'ops') }),
      }),
    ),
  )
  .map((recipe) => {
    let j = startJob({ kind: 'start', jobType: recipe.jobType, name: recipe.name });
    if (recipe.namespace !== undefined) j = j.namespace(recipe.namespace) as AnyBuilder;
    if (recipe.priority !== undefined) j = j.priority(recipe.priority) as AnyBuilder;
    if (recipe.count !== undefined && (recipe.jobType === 'batch' || recipe.jobType === 'service')) j = j.count(recipe.count) as AnyBuilder;
    for (const [key, operator, values] of recipe.constraints) j = (values === undefined ? j.constraint(key, operator) : j.constraint(key, operator, values)) as AnyBuilder;
    if (Object.keys(recipe.meta).length > 0) j = j.meta(recipe.meta) as AnyBuilder;
    if (Object.keys(recipe.labels).length > 0) j = j.labels(recipe.labels) as AnyBuilder;
    j = j.task((t: AnyBuilder) => buildTask(t, recipe.task)) as AnyBuilder;
    return j.build() as JobSpec;
  });

// ---------------------------------------------------------------------------
// Hostile parser inputs
// ---------------------------------------------------------------------------

/** Fragments of YAML syntax and spec keys, glued at random: reaches deeper than random characters. */
const YAML_TOKENS: readonly string[] = Object.freeze([
  '{', '}', '[', ']', ':', ': ', ' ', '  ', '\n', '\n  ', '\n    ', '- ', ',', '"', "'", '#', '? ', '|', '>', '---\n', '...\n', '%YAML 1.1\n', '\t',
  '&a ', '*a', '&b ', '*b', '<<: ', '<<: *a', '!!str ', '!!int ', '!!binary ', '!!set ', '!!omap ', '!!pairs ', '!!map ', '!!seq ', '!!float ', '!custom ', '!<tag:x> ',
  'Type: batch', 'Type: ops', 'type: service', 'Name: m', 'name: m', 'Tasks:', 'tasks:\n  - ', 'Engine:', 'Params:', 'Type: docker', 'Type: wasm', 'Type: custom', 'Image: a',
  'Meta:', 'Labels:', 'Env:', 'A: b', 'Publisher:', 'InputSources:', 'ResultPaths:', 'Resources:', 'Network:', 'Timeouts:', 'Constraints:', 'Job:', 'ID: x', 'Count: 2',
  '__proto__: ', 'constructor: ', 'prototype: ', 'polluted: yes',
  'yes', 'no', 'on', '~', 'null', '.inf', '.nan', '-.inf', '0755', '1e3', '1_000', '1:20', '2001-12-14', '0x1F', '123456789012345678901234567890', '-0', 'aGVsbG8=', '{{ .x }}',
  'EntryModule: /m', 'Entrypoint: _start', 'Target: /m', 'Source:', 'CID: q', 'URL: data:,x', 'Domains: [a.com]', 'Ports: [{Name: P}]', 'Static: 80', 'CPU: 1', 'ExecutionTimeout: 10',
]);

/** Valid job files with holes (`@`) where a value or key goes; filled with YAML fragments. */
const YAML_TEMPLATES: readonly string[] = Object.freeze([
  'Type: batch\nTasks: [{Name: m, Engine: {Type: custom, Params: {x: @}}}]\n',
  'Type: batch\nTasks:\n- Name: m\n  Engine:\n    Type: custom\n    Params:\n      @: 1\n',
  'Type: ops\nTasks: [{Name: m, Engine: {Type: custom, Params: {x: @, y: [@]}}}]\n',
  'Type: ops\nTasks:\n- Name: m\n  Engine: {Type: wasm, Params: {EntryModule: /m, Entrypoint: s, EnvironmentVariables: @}}\n  InputSources: [{Target: /m, Source: {Type: ipfs, Params: {CID: q}}}]\n',
  'Type: batch\nMeta: {k: @}\nLabels: {@: v}\nTasks: [{Name: @, Engine: {Type: docker, Params: {Image: @}}}]\n',
  'Type: service\nTasks:\n- Name: m\n  Engine: {Type: docker, Params: {Image: a}}\n  Env: {A: @}\n  Meta: {@: @}\n',
  'Name: m\nEngine:\n  Type: custom\n  Params: @\n',
  'Job:\n  Type: batch\n  ID: x\n  Tasks: [{Name: m, Engine: {Type: custom, Params: {x: @}}}]\n',
]);

const HOLE_TOKENS: readonly string[] = Object.freeze([
  '!!binary aGVsbG8=', '!!set {a, b}', '!!omap [a: 1]', '!!pairs [a: 1]', '.inf', '-.inf', '.nan', '~', 'null', '123456789012345678901234567890', '0x1F', '0755',
  '2001-12-14', '!!float 1', '!!int "1"', '!!str 1', '!!bool yes', '!!null ""', '!!map {}', '!!seq []', '!custom x', '&a [1]', '*a', '<<: {a: 1}', '{<<: {a: 1}}',
  '[1, [2, [3]]]', '{a: {b: {c: d}}}', '"\u0000"', '"\ud800"', "'it''s'", '|\n  block', '>-\n  folded', 'yes', 'no', 'on', 'y', 'n', '"x"', '', ' ', '#c',
  '{__proto__: {polluted: yes}}', '{constructor: {prototype: {polluted: yes}}}', '__proto__', 'constructor', '{{ .x }}', '[a, b]', '{a: 1}', '? a', '- a', ': a', '"', "'",
]);

/** A valid job or task file with holes filled by YAML fragments: reaches the readers' and validators' deep paths. */
export const yamlTemplate: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...YAML_TEMPLATES), fc.array(fc.array(fc.constantFrom(...HOLE_TOKENS, ...YAML_TOKENS), { minLength: 1, maxLength: 2 }), { minLength: 4, maxLength: 4 }))
  .map(([template, fills]) => {
    let hole = 0;
    return template.replace(/@/g, () => (fills[hole++ % fills.length] ?? []).join(' '));
  });

export const yamlSoup: fc.Arbitrary<string> = fc.array(fc.constantFrom(...YAML_TOKENS), { maxLength: 12 }).map((tokens) => tokens.join(''));

/** Random text: characters of every kind, bytes decoded as UTF-8 or Latin-1, and YAML fragments. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 15 }) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 40 }).map((bytes) => new TextDecoder('utf-8').decode(bytes)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 40 }).map((bytes) => new TextDecoder('latin1').decode(bytes)) },
  { weight: 3, arbitrary: yamlSoup },
  { weight: 3, arbitrary: yamlTemplate },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value)) },
);

/** Every path (as key lists) of objects, arrays and leaves in `value`. */
function pathsOf(value: unknown): (string | number)[][] {
  const paths: (string | number)[][] = [];
  const pending: [unknown, (string | number)[]][] = [[value, []]];
  while (pending.length > 0) {
    const [next, path] = pending.pop() as [unknown, (string | number)[]];
    paths.push(path);
    if (Array.isArray(next)) next.forEach((item, index) => pending.push([item, [...path, index]]));
    else if (typeof next === 'object' && next !== null) for (const [key, item] of Object.entries(next)) pending.push([item, [...path, key]]);
  }
  return paths;
}

type Mutation = { readonly at: number; readonly op: 'replace' | 'delete' | 'add'; readonly key: string; readonly value: unknown };

/** `base` (a JSON value, deep-copied) with `mutations` applied: values replaced, keys deleted or added. */
function mutate(base: unknown, mutations: readonly Mutation[]): unknown {
  const root = { value: structuredClone(base) as unknown };
  for (const mutation of mutations) {
    const paths = pathsOf(root.value);
    const path = paths[mutation.at % paths.length] ?? [];
    try {
      let parent = root as unknown as Record<string | number, unknown>;
      let key: string | number = 'value';
      for (const segment of path) {
        parent = parent[key] as Record<string | number, unknown>;
        key = segment;
      }
      const target = parent[key];
      if (mutation.op === 'add' && typeof target === 'object' && target !== null && !Array.isArray(target) && Object.isExtensible(target)) {
        Object.defineProperty(target, mutation.key, { value: mutation.value, enumerable: true, writable: true, configurable: true });
      } else if (mutation.op === 'delete' && path.length > 0) {
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete parent[key];
      } else {
        parent[key] = mutation.value;
      }
    } catch {
      // Frozen junk, typed arrays and the like cannot take every change: skip that one.
    }
  }
  return root.value;
}

const task = (fields: Record<string, unknown>): Record<string, unknown> => ({ Name: 'main', Engine: { Type: 'docker', Params: { Image: 'alpine' } }, ...fields });

/** Small valid jobs, each exercising a few features (small, so that reading them stays cheap). */
const BASE_JOBS: readonly unknown[] = Object.freeze([
  {
    Type: 'batch',
    Tasks: [task({
      Engine: { Type: 'docker', Params: { Image: 'alpine', Entrypoint: ['sh', '-c'], Parameters: ['echo'], EnvironmentVariables: ['A=1'], WorkingDirectory: '/w' } },
      Publisher: { Type: 's3', Params: { Bucket: 'b', Key: 'k', Encoding: 'gzip' } },
      Env: { A: 'x' },
      Meta: { k: 'v' },
    })],
  },
  {
    Name: 'job', Namespace: 'default', Type: 'batch', Priority: 1, Count: 2,
    Constraints: [{ Key: 'Operating-System', Operator: 'in', Values: ['linux'] }],
    Meta: { owner: 'me' }, Labels: { team: 'data' },
    Tasks: [task({})],
  },
  {
    Type: 'ops',
    Tasks: [task({
      InputSources: [
        { Source: { Type: 's3', Params: { Bucket: 'b', Key: 'k', Partition: { Type: 'regex', Pattern: '(x)' } } }, Alias: 'a', Target: '/in' },
        { Source: { Type: 'urlDownload', Params: { URL: 'https://example.com/f.txt' } }, Target: '/url' },
      ],
      ResultPaths: [{ Name: 'out', Path: '/out' }],
      Publisher: { Type: 'local' },
    })],
  },
  {
    Type: 'service',
    Tasks: [task({
      Engine: { Type: 'wasm', Params: { EntryModule: '/m.wasm', Entrypoint: '_start', ImportModules: ['/lib.wasm'] } },
      InputSources: [
        { Source: { Type: 'inline', Params: { URL: 'data:,x' } }, Target: '/m.wasm' },
        { Source: { Type: 'local', Params: { SourcePath: '/lib.wasm', ReadWrite: false, CreateAs: 'file' } }, Target: '/lib.wasm' },
      ],
      Network: { Type: 'Bridge', Ports: [{ Name: 'WEB', Static: 8080, Target: 80, HostNetwork: '127.0.0.1' }] },
    })],
  },
  {
    Type: 'daemon',
    Tasks: [task({
      Resources: { CPU: '1', Memory: '1Gb', Disk: '1Gb', GPU: '0' },
      Network: { Type: 'HTTP', Domains: ['example.com'] },
      Timeouts: { ExecutionTimeout: 10, QueueTimeout: 10, TotalTimeout: 30 },
    })],
  },
  { Type: 'ops', Tasks: [{ Name: 'c', Engine: { Type: 'custom', Params: { nested: { list: [1, 'a', null, true] } } } }] },
]);

const KEYS = fc.constantFrom('Type', 'Name', 'Params', 'Tasks', 'tasks', 'TYPE', 'Meta', '__proto__', 'constructor', 'ID', 'State', 'unknown', '', 'Job', 'Bucket', 'Ports', 'Values');

/** A valid job (or one of its tasks), with a few random changes: replaced values (often hostile), deleted and added keys. */
export const mutatedSpec: fc.Arbitrary<unknown> = fc
  .tuple(
    fc.constantFrom(...BASE_JOBS),
    fc.boolean(),
    fc.array(
      fc.record({
        at: fc.nat(200),
        op: fc.constantFrom('replace', 'delete', 'add') as fc.Arbitrary<Mutation['op']>,
        key: KEYS,
        value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), junk, awkwardString),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  )
  .map(([base, taskOnly, mutations]) => mutate(taskOnly ? (base as { Tasks: unknown[] }).Tasks[0] : base, mutations));

// ---------------------------------------------------------------------------
// What a reader must make of an input, decided from the input alone
// ---------------------------------------------------------------------------

/** A problem by place and rule. */
export interface At {
  readonly path: string;
  readonly rule: ProblemRule;
}

/** The three readers of section 4: parseJob (and safeParseJob), parseTask, parseJobResponse. */
export type Reader = 'job' | 'task' | 'response';

/**
 * The outcome an input forces on a reader, or `undefined` when only the
 * reader's own validation can tell (a value with a `Tasks` key may or may not
 * be a valid job). A decision is always a rejection: what it names must be
 * among (`includes`), or be exactly (`exact`), the problems; `rules` lists the
 * only rules the problems may have.
 */
export interface Decision {
  /** Why the input cannot be read, for the failure message. */
  readonly why: string;
  readonly exact?: readonly At[];
  readonly includes?: readonly At[];
  /** Some problem has one of these rules (its path may be anywhere). */
  readonly someRule?: readonly ProblemRule[];
  /** Every problem has one of these rules. */
  readonly rules?: readonly ProblemRule[];
}

const isPlainRecord = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

/** Whether `key` could be read as the wire key `name` (which the SDK matches case-insensitively). */
const mayBe = (key: string, name: string): boolean => key.toLowerCase() === name.toLowerCase() || key.toUpperCase() === name.toUpperCase();
const hasKey = (record: Record<string, unknown>, name: string): boolean => Object.keys(record).some((key) => mayBe(key, name));

/**
 * Whether `value` is JSON: 'json' when it certainly is; 'not-json' when it
 * holds something JSON cannot carry (a BigInt, symbol, function, NaN or
 * Infinity, an array hole, an object that is not a plain object or array);
 * 'unsure' for `undefined` and -0, which the SDK may treat as unset or 0.
 */
function jsonKind(value: unknown): 'json' | 'not-json' | 'unsure' {
  let unsure = false;
  const pending: unknown[] = [value];
  const seen = new Set<object>();
  while (pending.length > 0) {
    const next = pending.pop();
    if (next === null || typeof next === 'string' || typeof next === 'boolean') continue;
    if (next === undefined || Object.is(next, -0)) {
      unsure = true;
      continue;
    }
    if (typeof next === 'number') {
      if (!Number.isFinite(next)) return 'not-json';
      continue;
    }
    if (typeof next !== 'object') return 'not-json';
    if (seen.has(next)) return 'not-json'; // a cycle (or a shared object, which JSON would copy: the SDK may refuse either)
    seen.add(next);
    if (Array.isArray(next)) {
      if (Object.getPrototypeOf(next) !== Array.prototype) return 'not-json';
      for (let index = 0; index < next.length; index++) {
        if (!(index in next)) return 'not-json';
        pending.push(next[index]);
      }
      continue;
    }
    if (!isPlainRecord(next)) return 'not-json';
    for (const key of Object.keys(next)) pending.push(next[key]);
  }
  return unsure ? 'unsure' : 'json';
}

/** The decision for a value that is not a plain object (the spec itself must be a mapping). */
function decideRoot(value: unknown, reader: Reader, fromText: boolean): Decision | undefined {
  if (isPlainRecord(value)) return undefined;
  const why = `the ${fromText ? 'document' : 'value'} is not a mapping`;
  // parseJobResponse reads an envelope or a job, both mappings; anything else is the wrong type.
  if (reader === 'response') return { why, exact: [{ path: '', rule: 'type' }] };
  // Nothing, or blank text, is no spec at all (Bacalhau: "empty/nil job").
  if (value === null || (fromText && typeof value === 'string' && value.trim() === '')) return { why: `${why} (empty: no spec at all)`, exact: [{ path: '', rule: 'required' }] };
  if (typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)) || (fromText && typeof value === 'string')) {
    return { why, exact: [{ path: '', rule: 'type' }] };
  }
  if (Array.isArray(value) && Object.getPrototypeOf(value) === Array.prototype) return { why: `${why} (a list)`, includes: [{ path: '', rule: 'type' }] };
  return { why: `${why}, nor any JSON value`, includes: [{ path: '', rule: 'json-value' }] };
}

/** The decision for `value` as a spec object (or, for a string, as text). */
export function decideValue(value: unknown, reader: Reader, fromText = false): Decision | undefined {
  if (!fromText && typeof value === 'string') return decideText(value, reader);
  const root = decideRoot(value, reader, fromText);
  if (root !== undefined) return root;
  const record = value as Record<string, unknown>;
  const required = reader === 'task' ? ['Name', 'Engine'].filter((name) => !hasKey(record, name)) : hasKey(record, 'Tasks') ? [] : ['Tasks'];
  if (required.length === 0) return undefined;
  // A job file never has an envelope: parseJob refuses 'Job' alone (pointing to parseJobResponse); parseJobResponse reads inside it.
  if (reader !== 'task' && hasKey(record, 'Job')) {
    if (reader === 'response') return undefined;
    const key = Object.keys(record).find((name) => mayBe(name, 'Job')) ?? 'Job';
    const why = 'a REST envelope is not a job file';
    return jsonKind(value) === 'json' ? { why, includes: [{ path: key, rule: 'unknown-key' }] } : { why };
  }
  const why = `no ${required.join(' and ')} key`;
  switch (jsonKind(value)) {
    case 'json':
      return { why, includes: required.map((path) => ({ path, rule: 'required' as const })) };
    case 'not-json':
      // (parseJobResponse drops the keys the server sets, whatever they hold, before it reads the job.)
      return reader === 'response' ? { why } : { why: `${why}, and a value JSON cannot carry`, someRule: ['json-value'] };
    case 'unsure':
      return { why };
  }
}

/** The yaml document options of the SDK's reader (src/io/text.ts): YAML 1.1, unique keys, timestamps kept as text. */
const YAML_OPTIONS = {
  version: '1.1',
  uniqueKeys: true,
  // (Errors are still collected; 'error' only keeps warnings off the console.)
  logLevel: 'error',
  customTags: (tags: unknown[]) => tags.filter((tag) => typeof tag !== 'object' || tag === null || (tag as { tag?: unknown }).tag !== 'tag:yaml.org,2002:timestamp'),
} as const;

/** The decision for `text`, read as YAML 1.1 (JSON is YAML). */
export function decideText(text: string, reader: Reader): Decision | undefined {
  const read = readYaml(text);
  return 'decision' in read ? read.decision : decideValue(read.value, reader, true);
}

/** The decisions for the three readers, the input read (as text) once. */
export function decideReaders(input: unknown): Readonly<Record<Reader, Decision | undefined>> {
  if (typeof input !== 'string') return { job: decideValue(input, 'job'), task: decideValue(input, 'task'), response: decideValue(input, 'response') };
  const read = readYaml(input);
  if ('decision' in read) return { job: read.decision, task: read.decision, response: read.decision };
  return { job: decideValue(read.value, 'job', true), task: decideValue(read.value, 'task', true), response: decideValue(read.value, 'response', true) };
}

/** `text` as YAML: its value, or the decision that it cannot be read (the same for every reader). */
function readYaml(text: string): { readonly value: unknown } | { readonly decision: Decision } {
  const document = parseDocument(text, YAML_OPTIONS as never);
  if (document.errors.length > 0) return { decision: { why: `not YAML: ${document.errors[0]?.message.split('\n')[0] ?? ''}`, rules: ['syntax'] } };
  let complexKey = false;
  visit(document, {
    Pair(_, pair) {
      if (isMap(pair.key) || isSeq(pair.key)) complexKey = true;
    },
  });
  // JSON has no mapping or list keys.
  // (Inside a !!omap, !!pairs or !!set, the collection itself is what JSON cannot carry: either is reported.)
  if (complexKey) return { decision: { why: 'a mapping or list used as a key', someRule: ['syntax', 'json-value'] } };
  try {
    return { value: document.toJS({ maxAliasCount: 100 }) };
  } catch (error) {
    // An alias the document cannot resolve, or too many aliases.
    return { decision: { why: `unreadable: ${error instanceof Error ? error.message : String(error)}`, rules: ['syntax', 'too-large'] } };
  }
}

/**
 * Throws unless `outcome` (a reader's result) is what `decision` demands.
 * Returns whether there was a decision to check.
 */
export function checkDecision(label: string, input: unknown, outcome: ReturnType<typeof sdkOutcome<unknown>>, decision: Decision | undefined): boolean {
  if (decision === undefined) return false;
  const shown = (): string => (typeof input === 'string' ? JSON.stringify(input) : String(typeof input));
  if (outcome.ok) throw new Error(`${label} accepted ${shown()}, which it must refuse: ${decision.why}`);
  const problems = outcome.error.problems.map(({ path, rule }) => ({ path, rule }));
  const fail = (what: string): never => {
    throw new Error(`${label} refused ${shown()} (${decision.why}), but ${what}: ${JSON.stringify(problems)}`);
  };
  const has = (expected: At): boolean => problems.some((p) => p.path === expected.path && p.rule === expected.rule);
  if (decision.exact !== undefined && JSON.stringify(problems) !== JSON.stringify(decision.exact)) fail(`not with exactly ${JSON.stringify(decision.exact)}`);
  for (const expected of decision.includes ?? []) if (!has(expected)) fail(`without ${JSON.stringify(expected)}`);
  if (decision.someRule !== undefined && !problems.some((p) => decision.someRule?.includes(p.rule))) fail(`no problem has rule ${decision.someRule.join(' or ')}`);
  if (decision.rules !== undefined && !problems.every((p) => decision.rules?.includes(p.rule))) fail(`with rules other than ${decision.rules.join(', ')}`);
  return true;
}
