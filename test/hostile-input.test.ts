/**
 * Property-based and adversarial tests: what JavaScript callers without types,
 * hostile files and hostile API responses can do to the SDK.
 *
 * The promise under test, everywhere: the SDK either returns a valid, deeply
 * frozen, pure-JSON spec, or throws one `BacalhauSpecError` listing its
 * problems — never another error, never a polluted `Object.prototype`, never
 * a hang or a dead process.
 *
 * Every property runs {@link RUNS} times with a fixed seed (fast-check prints
 * the seed and the shrunk counterexample on failure). No timing assertions.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { stringify as yamlStringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  BacalhauSpecError,
  Job,
  Task,
  engine,
  parseJob,
  parseJobResponse,
  parseTask,
  safeParseJob,
  safeParseTask,
  source,
  toJSON,
  toYAML,
  validateJob,
  validateTask,
  type JobSpec,
  type JobType,
  type TaskSpec,
} from '../src/index.js';
import {
  applyCalls,
  applyCallLenient,
  applyCallsLenient,
  assertDeepFrozen,
  assertPureJson,
  assertSdkError,
  awkwardString,
  checkDecision,
  decideReaders,
  decideText,
  hostileText,
  jobCall,
  jobStart,
  junk,
  mutatedSpec,
  sdkOutcome,
  startJob,
  startTask,
  taskCall,
  taskCalls,
  taskStart,
  validJob,
  validTask,
  type AnyBuilder,
  type Call,
  type TaskArg,
} from './hostile-input-arbitraries.js';
import type { CaseResult } from './hostile-input-child.js';
import { expectValidJob, expectValidTask } from './swagger.js';

/** Runs of every property. */
const RUNS = 10_000;
const run = (seed: number): fc.Parameters<unknown> => ({ numRuns: RUNS, seed });
const quiet = { onWarning: () => {} };

type Report = { readonly valid: boolean; readonly spec: unknown; readonly problems: readonly unknown[]; readonly warnings: readonly unknown[] };

/** Throws unless `spec` is a task the SDK and Bacalhau's swagger model both accept, deeply frozen and pure JSON. */
function assertGoodTask(spec: unknown, jobType?: JobType): void {
  const report = validateTask(spec, jobType === undefined ? {} : { jobType });
  if (!report.valid) throw new Error(`validateTask rejects a spec the SDK returned: ${JSON.stringify(report.problems)}`);
  expectValidTask(spec);
  assertDeepFrozen(spec);
  assertPureJson(spec);
}

/** Throws unless `spec` is a job the SDK and Bacalhau's swagger model both accept, deeply frozen and pure JSON. */
function assertGoodJob(spec: unknown): void {
  const report = validateJob(spec);
  if (!report.valid) throw new Error(`validateJob rejects a spec the SDK returned: ${JSON.stringify(report.problems)}`);
  expectValidJob(spec);
  assertDeepFrozen(spec);
  assertPureJson(spec);
}

/**
 * Deep equality that is exact about prototypes and own keys (`toStrictEqual`
 * compares `.constructor`, which an own `constructor` key in Meta replaces).
 */
function expectSame(actual: unknown, expected: unknown): void {
  if (isDeepStrictEqual(actual, expected)) return;
  expect(actual).toEqual(expected); // shows the difference
  throw new Error('not deep-strict-equal (a prototype, -0 or an undefined-valued key differs)');
}

/** A plain assertion for the hot paths of properties (vitest's `expect` costs more than the code under test). */
function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

/** `toEqual`, with a fast path: vitest's matcher is slow in properties that run 10,000 times. */
function expectEqual(actual: unknown, expected: unknown): void {
  if (!isDeepStrictEqual(actual, expected)) expect(actual).toEqual(expected);
}

/**
 * `.validate()` never throws; `.build()` returns exactly when it says valid
 * (a good spec) and otherwise throws the SDK's error with the same problems.
 * Returns whether the builder was valid.
 */
function checkBuild(builder: AnyBuilder, kind: 'task' | 'job'): boolean {
  const report = builder.validate() as unknown as Report;
  const built = sdkOutcome(() => builder.build());
  if (!built.ok) {
    if (report.valid) throw new Error('validate() says valid but build() throws');
    expectEqual(built.error.problems, report.problems);
    return false;
  }
  if (!report.valid) throw new Error('build() returns a spec but validate() says invalid');
  if (kind === 'task') {
    assertGoodTask(built.value, builder.jobType);
    // Rebuilding an unedited task gives an equal spec (README).
    expectSame(Task.from(built.value as TaskSpec).build(), built.value);
  } else {
    assertGoodJob(built.value);
    expectSame(Job.from(built.value as JobSpec).build(), built.value);
  }
  return true;
}

/** What a child process running one deep-nesting group reported. */
interface DeepGroupRun {
  readonly exit: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly results: readonly CaseResult[];
  readonly stderr: string;
}

/**
 * Runs a group of deep-nesting cases (test/hostile-input-child.ts) in a child
 * process: a fatal V8 abort cannot be caught in-process, and must not take
 * this test file down with it. The children start when this file is loaded
 * and run alongside the properties; section 6 awaits them.
 */
function runDeepGroup(group: string, depth: number): Promise<DeepGroupRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./hostile-input-child.ts', import.meta.url)), group, String(depth)], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // A hang is a failure too (the test's own timeout would also catch it).
    const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ exit: null, signal: null, results: [], stderr: `could not start the child: ${error.message}` });
    });
    child.on('close', (exit, signal) => {
      clearTimeout(timer);
      const results = stdout
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as CaseResult);
      resolve({ exit, signal, results, stderr });
    });
  });
}

const DEEP_GROUPS = {
  'json-text': runDeepGroup('json-text', 10_000),
  'yaml-text': runDeepGroup('yaml-text', 10_000),
  object: runDeepGroup('object', 10_000),
  builder: runDeepGroup('builder', 10_000),
  // The SDK refuses nesting over 100 levels (maxDepth); a spec just inside the limit must still be writable.
  serialize: runDeepGroup('serialize', 90),
  'serialize-too-deep': runDeepGroup('serialize', 1_000),
} as const;

/** What one deep-nesting case must do: throw the SDK's error with these rules, or return (a report: with this verdict and these rules). */
type DeepExpected = { readonly outcome: 'sdk'; readonly rules: readonly string[] } | { readonly outcome: 'ok'; readonly valid?: boolean; readonly rules?: readonly string[] };

/** Refused: nested deeper than the SDK's 100-level limit (maxDepth). */
const TOO_DEEP: DeepExpected = { outcome: 'sdk', rules: ['too-large'] };
/** A report (safeParse…, .validate()) that says invalid for the same reason. */
const TOO_DEEP_REPORT: DeepExpected = { outcome: 'ok', valid: false, rules: ['too-large'] };

/**
 * Each case of the group ran, in order, with the outcome decided for it (every
 * input here nests far past the limit, or, for `serialize`, stays inside it),
 * and the process survived.
 */
function expectDeepGroup(run: DeepGroupRun, expected: Readonly<Record<string, DeepExpected>>): void {
  const fatal = run.stderr.split('\n').find((line) => /FATAL|Error/.test(line));
  const summary = {
    exit: run.exit,
    signal: run.signal,
    ...(fatal === undefined ? {} : { fatal }),
    results: run.results.map(({ label, outcome, rules, valid }) => {
      const wanted = expected[label];
      // Compare only what is decided (a validator's verdict may be left open).
      return { label, outcome, ...(wanted?.rules === undefined ? {} : { rules }), ...(wanted !== undefined && 'valid' in wanted && wanted.valid !== undefined ? { valid } : {}) };
    }),
  };
  expect(summary).toEqual({ exit: 0, signal: null, results: Object.entries(expected).map(([label, wanted]) => ({ label, ...wanted })) });
}

describe('1. random builder call sequences (JavaScript callers, wrong types included)', () => {
  it('task builders of all four job types and job builders: build() gives a good spec or throws BacalhauSpecError', () => {
    const seen = { task: { valid: 0, invalid: 0 }, job: { valid: 0, invalid: 0 }, startRejected: 0 };
    const taskCase = fc.record({ kind: fc.constant('task' as const), start: taskStart, calls: taskCalls });
    const jobCase = fc.record({ kind: fc.constant('job' as const), start: jobStart, calls: fc.array(jobCall, { maxLength: 6 }) });
    fc.assert(
      fc.property(fc.oneof(taskCase, jobCase), (test) => {
        const started = sdkOutcome(() => (test.kind === 'task' ? startTask(test.start) : startJob(test.start)));
        if (!started.ok) {
          seen.startRejected++;
          return;
        }
        const { builder } = applyCalls(started.value, test.calls);
        if (checkBuild(builder, test.kind)) seen[test.kind].valid++;
        else seen[test.kind].invalid++;
      }),
      run(0x7a5c1),
    );
    // Not vacuous: both outcomes are common for both builders.
    for (const kind of ['task', 'job'] as const) {
      expect(seen[kind].valid).toBeGreaterThan(RUNS / 50);
      expect(seen[kind].invalid).toBeGreaterThan(RUNS / 20);
    }
  });
});

describe('1b. what JavaScript callers pass stays theirs', () => {
  /** Every object reachable from the calls' arguments (through `.task(…)` arguments too). */
  function argumentObjects(calls: readonly Call[]): object[] {
    const found = new Set<object>();
    const pending: [unknown, number][] = [];
    const addCalls = (list: readonly Call[]): void => {
      for (const next of list) {
        if (next.method !== 'task') {
          for (const arg of next.args) pending.push([arg, 0]);
          continue;
        }
        const arg = next.args[0] as TaskArg;
        if (arg.kind === 'callback' || arg.kind === 'builder') addCalls(arg.calls);
        else pending.push([arg.value, 0]);
      }
    };
    addCalls(calls);
    while (pending.length > 0) {
      const [next, depth] = pending.pop() as [unknown, number];
      if (typeof next !== 'object' || next === null || found.has(next) || depth > 5) continue;
      found.add(next);
      if (ArrayBuffer.isView(next)) continue;
      if (next instanceof Map) for (const [key, value] of next) pending.push([key, depth + 1], [value, depth + 1]);
      else if (next instanceof Set) for (const value of next) pending.push([value, depth + 1]);
      else for (const key of Object.keys(next)) pending.push([(next as Record<string, unknown>)[key], depth + 1]);
    }
    return [...found];
  }

  it('builder calls never freeze the objects a caller passes (the SDK copies what it keeps)', () => {
    const taskCase = fc.tuple(fc.constant('task' as const), fc.constantFrom<JobType>('batch', 'ops', 'service', 'daemon'), taskCalls);
    const jobCase = fc.tuple(fc.constant('job' as const), fc.constantFrom<JobType>('batch', 'ops', 'service', 'daemon'), fc.array(jobCall, { maxLength: 5 }));
    fc.assert(
      fc.property(fc.oneof(taskCase, jobCase), ([kind, jobType, calls]) => {
        const open = argumentObjects(calls).filter((object) => !Object.isFrozen(object));
        const start = kind === 'task' ? (Task.of(jobType) as unknown as AnyBuilder) : startJob({ kind: 'start', jobType, name: 'j' });
        // Errors are the builder property's business; here only freezing is judged.
        const { builder } = applyCallsLenient(start, calls);
        try {
          builder.build();
        } catch {
          // ignored
        }
        const frozen = open.filter((object) => Object.isFrozen(object));
        if (frozen.length > 0) expect(frozen).toEqual([]); // shows which objects
      }),
      run(0xca11),
    );
  });
});

describe('1c. hostile calls the properties found, one by one (each refused with its exact problems, or built into the spec it means)', () => {
  const docker = (): unknown => engine.docker('alpine');
  const base = (): AnyBuilder => (Task.batch() as unknown as AnyBuilder).name('main').engine(docker());
  const job = (name: unknown = 'j'): AnyBuilder => (Job as unknown as { batch(name: unknown): AnyBuilder }).batch(name);
  /** The spec the base task and job build to: what a call that sets nothing (null) must leave as it is. */
  const BASE_TASK = { Name: 'main', Engine: { Type: 'docker', Params: { Image: 'alpine' } } };
  const BASE_JOB = { Name: 'j', Type: 'batch', Tasks: [BASE_TASK] };
  /** Refused with exactly these problems (path and rule, in any order), or accepted as exactly this spec. */
  type Expected = { readonly refused: readonly (readonly [string, string])[] } | { readonly accepted: unknown };
  const cases: readonly { readonly name: string; readonly kind: 'task' | 'job'; readonly build: () => unknown; readonly expected: Expected }[] = [
    // A Map or Set stored by one call, touched by the next (when the builders drafted states with immer, this threw "The plugin for 'MapSet' has not been loaded").
    // A string map's value must be a string: a Map or Set is neither JSON nor a string.
    { name: ".env('A', new Map()).env('B', 'x')", kind: 'task', build: () => base().env('A', new Map()).env('B', 'x').build(), expected: { refused: [['Env.A', 'json-value'], ['Env.A', 'type']] } },
    { name: ".meta({ k: new Set(['a']) }).meta('x', 'y')", kind: 'task', build: () => base().meta({ k: new Set(['a']) }).meta('x', 'y').build(), expected: { refused: [['Meta.k', 'json-value'], ['Meta.k', 'type']] } },
    { name: "Job .label('k', new Map()).label('x', 'y')", kind: 'job', build: () => job().label('k', new Map()).label('x', 'y').task(base()).build(), expected: { refused: [['Labels.k', 'json-value'], ['Labels.k', 'type']] } },
    { name: "Job .labels({ k: new Set() }).labels({})", kind: 'job', build: () => job().labels({ k: new Set() }).labels({}).task(base()).build(), expected: { refused: [['Labels.k', 'json-value'], ['Labels.k', 'type']] } },
    // A label key that is not a string (Object.fromEntries cannot convert a null-prototype object to a key).
    { name: "Job .label(Object.create(null), 'v')", kind: 'job', build: () => job().label(Object.create(null), 'v').task(base()).build(), expected: { refused: [['Labels', 'type']] } },
    // A typed array stored in a task builder, frozen deeply when the task goes into a job: a name is a string.
    { name: 'Job .task((t) => t.name([new Uint8Array([1])]).engine(…))', kind: 'job', build: () => job().task((t: AnyBuilder) => t.name([new Uint8Array([1])]).engine(docker())).build(), expected: { refused: [['Tasks[0].Name[0]', 'json-value'], ['Tasks[0].Name', 'type']] } },
    // null where an object or string belongs: the validator treats it as unset, so the spec must not carry it.
    { name: ".engine({ Type: 'python', Params: null })", kind: 'task', build: () => base().engine({ Type: 'python', Params: null }).build(), expected: { accepted: { Name: 'main', Engine: { Type: 'python' } } } },
    { name: '.publisher(null)', kind: 'task', build: () => base().publisher(null).build(), expected: { accepted: BASE_TASK } },
    { name: '.network(null)', kind: 'task', build: () => base().network(null).build(), expected: { accepted: BASE_TASK } },
    { name: 'Job.batch(null)', kind: 'job', build: () => job(null).task(base()).build(), expected: { accepted: { Type: 'batch', Tasks: [BASE_TASK] } } },
    { name: 'Job .namespace(null)', kind: 'job', build: () => job().namespace(null).task(base()).build(), expected: { accepted: BASE_JOB } },
    { name: 'Job .count(null)', kind: 'job', build: () => job().count(null).task(base()).build(), expected: { accepted: BASE_JOB } },
  ];
  it.each(cases)('$name', ({ kind, build, expected }) => {
    const outcome = sdkOutcome(build);
    if ('refused' in expected) {
      if (outcome.ok) throw new Error(`expected a BacalhauSpecError, but it built ${JSON.stringify(outcome.value)}`);
      const problems = outcome.error.problems.map((p) => [p.path, p.rule]).sort();
      expect(problems).toEqual([...expected.refused].map((p) => [...p]).sort());
    } else {
      if (!outcome.ok) throw new Error(`expected a spec, but: ${outcome.error.message}`);
      if (kind === 'task') assertGoodTask(outcome.value);
      else assertGoodJob(outcome.value);
      expect(JSON.parse(JSON.stringify(outcome.value))).toStrictEqual(expected.accepted);
    }
  });

  it.each([
    { name: '.name(object)', call: (value: object) => base().name(value) },
    { name: ".meta('k', Map)", call: (value: object) => base().meta('k', value) },
    { name: ".env({ A: object })", call: (value: object) => base().env({ A: value }) },
    { name: '.input(source, { target: object })', call: (value: object) => base().input(source.ipfs('Qm'), { target: value }) },
    { name: "Job .labels({ k: object })", call: (value: object) => job().labels({ k: value }) },
    { name: 'Job .task((t) => t.name(object).engine(…))', call: (value: object) => job().task((t: AnyBuilder) => t.name(value).engine(docker())) },
    { name: "Job .task(Task builder with .meta('k', object))", call: (value: object) => job().task(base().meta('k', value)) },
    { name: "Job .task(Task builder with .resultPath('out', object))", call: (value: object) => job().task(base().resultPath('out', value)) },
  ])("$name leaves the caller's objects unfrozen", ({ call }) => {
    const map = new Map([['a', 1]]);
    const plain = { nested: { list: [1] } };
    sdkOutcome(() => call(map));
    sdkOutcome(() => call(plain));
    expect({ map: Object.isFrozen(map), plain: Object.isFrozen(plain), nested: Object.isFrozen(plain.nested) }).toEqual({ map: false, plain: false, nested: false });
  });
});

describe('2. forks never leak changes', () => {
  /** Everything observable about a builder: its validation result and, for tasks, the assembled state. */
  const observe = (builder: AnyBuilder): unknown => {
    const snapshot = (builder as unknown as { snapshot?: () => unknown }).snapshot;
    let report: unknown;
    try {
      report = builder.validate();
    } catch (error) {
      report = `threw ${error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error)}`;
    }
    return { report, snapshot: snapshot?.call(builder) };
  };

  /**
   * Starts `lineages` builders from one base (after `prefix`), applies the
   * interleaved `steps` (lineage index, call), and compares each lineage with
   * its own call list replayed on a fresh builder — and the base with itself.
   */
  function checkForks(fresh: () => AnyBuilder, prefix: readonly Call[], steps: readonly (readonly [number, Call])[], lineages: number): void {
    // A call may throw (the SDK's error, or another the builder property reports): the outcome must replay the same.
    const base = applyCallsLenient(fresh(), prefix);
    const baseBefore = observe(base.builder);
    const current = Array.from({ length: lineages }, () => base.builder);
    const histories: Call[][] = Array.from({ length: lineages }, () => [...prefix]);
    const outcomes: unknown[][] = Array.from({ length: lineages }, () => [...base.outcomes]);
    for (const [lineage, next] of steps) {
      const index = lineage % lineages;
      const outcome = applyCallLenient(current[index] as AnyBuilder, next);
      if (outcome.ok) current[index] = outcome.value;
      histories[index]?.push(next);
      outcomes[index]?.push(outcome.ok ? 'ok' : outcome.error);
    }
    // The base builder never changed…
    expectEqual(observe(base.builder), baseBefore);
    // …and each lineage is exactly what its own calls make on a fresh builder.
    for (let index = 0; index < lineages; index++) {
      const replay = applyCallsLenient(fresh(), histories[index] ?? []);
      expectEqual(replay.outcomes, outcomes[index]);
      expectEqual(observe(current[index] as AnyBuilder), observe(replay.builder));
    }
  }

  const steps = (calls: fc.Arbitrary<Call>) => fc.array(fc.tuple(fc.nat(3), calls), { maxLength: 5 });
  const jobTypes = fc.constantFrom<JobType>('batch', 'ops', 'service', 'daemon');

  it('task and job builders: a base and one to three forks, calls interleaved at random', () => {
    const taskCase = fc.record({ kind: fc.constant('task' as const), jobType: jobTypes, prefix: fc.array(taskCall, { maxLength: 3 }), interleaved: steps(taskCall), lineages: fc.integer({ min: 2, max: 4 }) });
    const jobCase = fc.record({ kind: fc.constant('job' as const), jobType: jobTypes, prefix: fc.array(jobCall, { maxLength: 2 }), interleaved: steps(jobCall), lineages: fc.integer({ min: 2, max: 4 }) });
    fc.assert(
      fc.property(fc.oneof(taskCase, jobCase), ({ kind, jobType, prefix, interleaved, lineages }) => {
        const fresh = (): AnyBuilder => (kind === 'task' ? (Task.of(jobType) as unknown as AnyBuilder) : startJob({ kind: 'start', jobType, name: 'base' }));
        checkForks(fresh, prefix, interleaved, lineages);
      }),
      run(0xf0a4),
    );
  });
});

describe('3. round trips of valid specs with awkward strings', () => {
  it('jobs (parseJob) and tasks of every job type (parseTask): reading toYAML(x) and toJSON(x) gives x back', () => {
    const seen = { jobs: 0, tasks: 0 };
    fc.assert(
      fc.property(
        fc.oneof(
          { weight: 1, arbitrary: validJob.map((job) => ({ kind: 'job' as const, job })) },
          // Tasks are smaller (and a job holds one), so they get the larger share.
          { weight: 2, arbitrary: validTask.map((task) => ({ kind: 'task' as const, ...task })) },
        ),
        (spec) => {
          const x: unknown = spec.kind === 'job' ? spec.job : spec.task;
          const read = (text: string): unknown => (spec.kind === 'job' ? parseJob(text) : parseTask(text, { jobType: spec.jobType }));
          if (spec.kind === 'job') seen.jobs++;
          else seen.tasks++;
          const json = toJSON(x as JobSpec);
          for (const text of [toYAML(x as JobSpec, quiet), json]) {
            const back = read(text);
            expectSame(back, x);
            // Same key order too: the canonical form is stable.
            if (toJSON(back as JobSpec) !== json) expect(toJSON(back as JobSpec)).toBe(json);
          }
        },
      ),
      run(0x2071),
    );
    expect(seen.jobs).toBeGreaterThan(RUNS / 4);
    expect(seen.tasks).toBeGreaterThan(RUNS / 2);
  });
});

describe('4. hostile input to the parsers', () => {
  /** How many readings the input decided (must be refused, for a stated reason) and how many it left to the validator. */
  const tally = { decided: 0, undecided: 0, rule: 0 };

  /**
   * Feeds `input` to every reader; each returns a good spec or throws BacalhauSpecError, and the safe ones never throw.
   * Where the input alone decides the outcome (see decideValue: not a mapping, no Tasks key, not YAML, …) the reader must
   * refuse it, for that reason.
   */
  function readEverywhere(input: unknown): void {
    const asInput = input as string;
    const job = sdkOutcome(() => parseJob(asInput));
    if (job.ok) assertGoodJob(job.value);
    const safeJob = safeParseJob(asInput);
    check(safeJob.valid === job.ok, `safeParseJob says valid=${safeJob.valid}, parseJob ${job.ok ? 'returned' : 'threw'}`);
    check(safeJob.valid || safeJob.problems.length > 0, 'safeParseJob: invalid without problems');
    if (!job.ok) expectEqual(safeJob.problems, job.error.problems);
    const task = sdkOutcome(() => parseTask(asInput));
    if (task.ok) assertGoodTask(task.value);
    const response = sdkOutcome(() => parseJobResponse(asInput));
    if (response.ok) assertGoodJob(response.value);
    if (typeof input !== 'string') {
      // (Text is read the same way as by parseTask; objects are cheap, so check safeParseTask on them too.)
      const safeTask = safeParseTask(asInput);
      check(safeTask.valid === task.ok, `safeParseTask says valid=${safeTask.valid}, parseTask ${task.ok ? 'returned' : 'threw'}`);
    }
    const decisions = decideReaders(input);
    for (const [reader, outcome] of [['job', job], ['task', task], ['response', response]] as const) {
      const decision = decisions[reader];
      if (checkDecision(reader === 'job' ? 'parseJob' : reader === 'task' ? 'parseTask' : 'parseJobResponse', input, outcome, decision)) {
        tally.decided++;
        if (decision?.exact !== undefined || decision?.includes !== undefined || decision?.rules !== undefined || decision?.someRule !== undefined) tally.rule++;
      } else {
        tally.undecided++;
      }
    }
  }

  /** Not vacuous: most readings were decided by the input, nearly all of those with a rule, and some were left to the validator. */
  function expectDecided(runs: number, atLeast: number): void {
    const readings = tally.decided + tally.undecided;
    if (process.env['BACALHAU_JOBS_VERBOSE'] === '1') console.log(`${readings} readings: ${tally.decided} decided by the input (${tally.rule} with a rule), ${tally.undecided} left to the validator`);
    expect(readings).toBe(runs * 3);
    expect(tally.decided).toBeGreaterThan(readings * atLeast);
    expect(tally.rule).toBeGreaterThan(tally.decided * 0.9);
    expect(tally.undecided).toBeGreaterThan(0);
    Object.assign(tally, { decided: 0, undecided: 0, rule: 0 });
  }

  it('random text (characters, UTF-8 and Latin-1 bytes, YAML fragments, JSON)', () => {
    fc.assert(fc.property(hostileText, readEverywhere), run(0x7e47));
    expectDecided(RUNS, 0.8);
  });

  it('random JSON values, JavaScript values of any kind and valid specs with random changes: as objects, and as JSON or YAML text', () => {
    const anything = fc.anything({ maxDepth: 3, withMap: true, withSet: true, withNullPrototype: true, withBigInt: true, withTypedArray: true, withSparseArray: true, withDate: true, withBoxedValues: true });
    const values = fc.oneof(fc.jsonValue({ maxDepth: 3 }), anything, junk, mutatedSpec);
    let runs = 0;
    fc.assert(
      fc.property(values, fc.constantFrom('object only', 'object only', 'object only', 'object only', 'json', 'yaml'), (value, format) => {
        runs++;
        readEverywhere(value);
        // Validators and Task.from / Job.from take the same values and never throw anything but the SDK's error.
        validateJob(value); // never throws
        validateTask(value);
        sdkOutcome(() => (Job.from(value as JobSpec) as unknown as AnyBuilder).validate());
        sdkOutcome(() => (Task.from(value as TaskSpec, 'batch') as unknown as AnyBuilder).validate());
        // One run in three, the same value as text (text is slow to read: one reader, parseJob or parseTask for a bare task).
        if (format === 'object only') return;
        let text: string | undefined;
        try {
          text = format === 'yaml' ? yamlStringify(value, { version: '1.1' }) : JSON.stringify(value);
        } catch {
          text = undefined; // The test's own writers cannot write every junk value (BigInt, …): nothing to read then.
        }
        if (typeof text !== 'string') return;
        const isJob = typeof value === 'object' && value !== null && ('Tasks' in value || 'Type' in value);
        const read = sdkOutcome(() => (isJob ? parseJob(text) : parseTask(text)));
        if (read.ok) {
          if (isJob) assertGoodJob(read.value);
          else assertGoodTask(read.value);
        }
        checkDecision(isJob ? 'parseJob' : 'parseTask', text, read, decideText(text, isJob ? 'job' : 'task'));
      }),
      run(0x150a),
    );
    expectDecided(runs, 0.5);
  });

  it('valid jobs and tasks as objects: every reader accepts them and gives them back unchanged', () => {
    fc.assert(
      fc.property(fc.oneof(validJob.map((job) => ({ kind: 'job' as const, job })), validTask.map((task) => ({ kind: 'task' as const, ...task }))), (spec) => {
        const plain = JSON.parse(JSON.stringify(spec.kind === 'job' ? spec.job : spec.task)) as Record<string, unknown>;
        if (spec.kind === 'job') {
          expectSame(parseJob(plain), spec.job);
          expectSame(parseJobResponse({ Job: plain }), spec.job);
          const safe = safeParseJob(plain);
          check(safe.valid, `safeParseJob refuses a valid job: ${JSON.stringify(safe.problems)}`);
          expectSame(safe.spec, spec.job);
        } else {
          expectSame(parseTask(plain, { jobType: spec.jobType }), spec.task);
          const safe = safeParseTask(plain, { jobType: spec.jobType });
          check(safe.valid, `safeParseTask refuses a valid task: ${JSON.stringify(safe.problems)}`);
        }
      }),
      { ...run(0x0c0c), numRuns: RUNS / 10 },
    );
  });
});

describe('4b. YAML 1.1 types in free-form Params (custom engines, legacy wasm EnvironmentVariables)', () => {
  const custom = (value: string): string => `Type: batch\nTasks:\n  - Name: main\n    Engine:\n      Type: custom\n      Params:\n        x: ${value}\n`;
  const wasm = (value: string): string =>
    `Type: ops\nTasks:\n  - Name: main\n    Engine: {Type: wasm, Params: {EntryModule: /m, Entrypoint: _start, EnvironmentVariables: ${value}}}\n    InputSources: [{Target: /m, Source: {Type: ipfs, Params: {CID: q}}}]\n`;
  const customAt = 'Tasks[0].Engine.Params.x';
  const wasmAt = 'Tasks[0].Engine.Params.EnvironmentVariables';
  // None of these is JSON (bytes, infinities, NaN, a set, an ordered map): refused where it stands, as json-value.
  it.each([
    { value: '!!binary aGVsbG8=', text: custom('!!binary aGVsbG8='), at: customAt },
    { value: '!!binary aGVsbG8= (wasm EnvironmentVariables)', text: wasm('!!binary aGVsbG8='), at: wasmAt },
    { value: '!!binary (empty)', text: custom('!!binary ""'), at: customAt },
    { value: '.inf', text: custom('.inf'), at: customAt },
    { value: '-.inf', text: custom('-.inf'), at: customAt },
    { value: '.nan', text: custom('.nan'), at: customAt },
    { value: '.nan (wasm EnvironmentVariables)', text: wasm('.nan'), at: wasmAt },
    { value: '!!set {a, b}', text: custom('!!set {a, b}'), at: customAt },
    { value: '!!omap [a: 1]', text: custom('!!omap [a: 1]'), at: customAt },
  ])('$value: parseJob throws BacalhauSpecError and safeParseJob reports it, json-value at the value', ({ text, at }) => {
    const parsed = sdkOutcome(() => parseJob(text));
    if (parsed.ok) throw new Error(`parseJob accepted a value JSON cannot carry: ${JSON.stringify(parsed.value)}`);
    expect(parsed.error.problems.map((p) => ({ path: p.path, rule: p.rule }))).toEqual([{ path: at, rule: 'json-value' }]);
    const safe = sdkOutcome(() => safeParseJob(text));
    if (!safe.ok) throw new Error('safeParseJob threw');
    expect(safe.value.valid).toBe(false);
    expect(safe.value.spec).toBeUndefined();
    expect(safe.value.problems).toEqual(parsed.error.problems);
  });
});

describe('4c. arrays with holes (sparse arrays from JavaScript callers)', () => {
  /**
   * The base job with a sparse array (a hole, then a valid item) at `where`;
   * `hole` is where the hole is in the job, `inTask` whether it is inside the task.
   */
  const holes: readonly { where: string; hole: string; inTask: boolean; apply: (job: Record<string, any>) => void }[] = [
    { where: 'Tasks', hole: 'Tasks[0]', inTask: false, apply: (j) => (j['Tasks'] = [, j['Tasks'][0]]) }, // eslint-disable-line no-sparse-arrays
    { where: 'Constraints', hole: 'Constraints[0]', inTask: false, apply: (j) => (j['Constraints'] = [, { Key: 'a', Operator: 'exists' }]) }, // eslint-disable-line no-sparse-arrays
    { where: 'Constraints[0].Values', hole: 'Constraints[0].Values[0]', inTask: false, apply: (j) => (j['Constraints'] = [{ Key: 'a', Operator: 'in', Values: [, 'x'] }]) }, // eslint-disable-line no-sparse-arrays
    { where: 'Engine.Params.Entrypoint', hole: 'Tasks[0].Engine.Params.Entrypoint[0]', inTask: true, apply: (j) => (j['Tasks'][0].Engine.Params.Entrypoint = [, 'sh']) }, // eslint-disable-line no-sparse-arrays
    { where: 'Engine.Params.EnvironmentVariables', hole: 'Tasks[0].Engine.Params.EnvironmentVariables[0]', inTask: true, apply: (j) => (j['Tasks'][0].Engine.Params.EnvironmentVariables = [, 'A=1']) }, // eslint-disable-line no-sparse-arrays
    { where: 'InputSources', hole: 'Tasks[0].InputSources[0]', inTask: true, apply: (j) => (j['Tasks'][0].InputSources = [, { Source: { Type: 'ipfs', Params: { CID: 'q' } }, Target: '/in' }]) }, // eslint-disable-line no-sparse-arrays
    { where: 'ResultPaths', hole: 'Tasks[0].ResultPaths[0]', inTask: true, apply: (j) => (j['Tasks'][0].ResultPaths = [, { Name: 'o', Path: '/o' }]) }, // eslint-disable-line no-sparse-arrays
    { where: 'Network.Domains', hole: 'Tasks[0].Network.Domains[0]', inTask: true, apply: (j) => (j['Tasks'][0].Network = { Type: 'HTTP', Domains: [, 'example.com'] }) }, // eslint-disable-line no-sparse-arrays
    { where: 'Network.Ports', hole: 'Tasks[0].Network.Ports[0]', inTask: true, apply: (j) => (j['Tasks'][0].Network = { Type: 'Host', Ports: [, { Name: 'P' }] }) }, // eslint-disable-line no-sparse-arrays
    { where: 'custom Params', hole: 'Tasks[0].Engine.Params.list[0]', inTask: true, apply: (j) => (j['Tasks'][0].Engine = { Type: 'custom', Params: { list: [, 1] } }) }, // eslint-disable-line no-sparse-arrays
  ];
  const baseJob = (): Record<string, any> => ({ Name: 'j', Type: 'batch', Tasks: [{ Name: 'main', Engine: { Type: 'docker', Params: { Image: 'alpine' } } }] });
  const json = (path: string): { path: string; rule: string } => ({ path, rule: 'json-value' });
  const located = (error: BacalhauSpecError): { path: string; rule: string }[] => error.problems.map((p) => ({ path: p.path, rule: p.rule }));

  // JSON has no holes: whatever reads or builds the array refuses it, json-value at the hole; what does not hold it is unaffected.
  it.each(holes)('a hole in $where: refused as json-value at the hole by every reader and builder that gets it; validators never throw', ({ where, hole, inTask, apply }) => {
    const job = baseJob();
    apply(job);
    const task = job['Tasks'][0] ?? job['Tasks'][1];
    const inTaskPath = hole.replace(/^Tasks\[0\]\./, '');
    expect(() => validateJob(job)).not.toThrow();
    expect(() => validateTask(task)).not.toThrow();
    // (validateJob does not look for holes in free-form custom Params: not pinned there.)
    if (where !== 'custom Params') expect(validateJob(job).valid).toBe(false);
    const parsed = sdkOutcome(() => parseJob(job));
    if (parsed.ok) throw new Error(`parseJob accepted a hole at ${hole}`);
    expect(located(parsed.error)).toEqual([json(hole)]);
    const fromJob = sdkOutcome(() => Job.from(job as JobSpec).build());
    if (fromJob.ok) throw new Error(`Job.from(…).build() accepted a hole at ${hole}`);
    expect(located(fromJob.error)).toContainEqual(json(hole));
    const parsedTask = sdkOutcome(() => parseTask(task));
    const built = sdkOutcome(() => Job.batch('j').task(task as TaskSpec<'batch'>).build());
    if (inTask) {
      if (parsedTask.ok) throw new Error(`parseTask accepted a hole at ${inTaskPath}`);
      expect(located(parsedTask.error)).toEqual([json(inTaskPath)]);
      if (built.ok) throw new Error(`the job builder accepted a hole at ${hole}`);
      expect(located(built.error)).toContainEqual(json(hole));
    } else {
      // The hole is outside the task: the task itself is good.
      if (!parsedTask.ok) throw new Error(`parseTask refused a good task: ${parsedTask.error.message}`);
      assertGoodTask(parsedTask.value);
      expect(parsedTask.value).toStrictEqual(baseJob()['Tasks'][0]);
      if (!built.ok) throw new Error(`the job builder refused a good task: ${built.error.message}`);
      assertGoodJob(built.value);
      expect(built.value).toStrictEqual(baseJob());
    }
  });
});

describe("4d. arrays with an own 'constructor' (Array.prototype.map honours Symbol.species)", () => {
  class Tracking extends Array<unknown> {}
  const withConstructor = (items: readonly unknown[], constructor: unknown): unknown[] =>
    Object.defineProperty([...items], 'constructor', { value: constructor, enumerable: false, configurable: true, writable: true });
  const task = (): Record<string, unknown> => ({ Name: 'main', Engine: { Type: 'docker', Params: { Image: 'alpine' } } });

  it.each([
    { what: "a string 'constructor'", constructor: 'x' as unknown },
    { what: 'a Symbol.species class', constructor: { [Symbol.species]: Tracking } as unknown },
  ])('$what on Tasks, Entrypoint and constraint Values: read and built as if the arrays were plain, into pure JSON', ({ constructor }) => {
    // The arrays are real arrays of valid items (their own 'constructor' is not enumerable, so not data): each call
    // must give the very spec the same call gives with plain arrays.
    const reads: ((array: (items: unknown[]) => unknown[]) => unknown)[] = [
      (array) => parseJob({ Type: 'batch', Tasks: array([task()]) }),
      (array) => parseTask({ ...task(), Engine: { Type: 'docker', Params: { Image: 'alpine', Entrypoint: array(['sh']) } } }),
      (array) => Task.batch().name('main').engine({ Type: 'docker', Params: { Image: 'alpine', Entrypoint: array(['sh']) } } as never).build(),
      (array) => Job.batch('j').constraint('zone', 'in', array(['a']) as [string]).task(task() as never).build(),
    ];
    for (const read of reads) {
      const outcome = sdkOutcome(() => read((items) => withConstructor(items, constructor)));
      if (!outcome.ok) throw new Error(`refused: ${outcome.error.message}`);
      assertPureJson(outcome.value);
      expectSame(outcome.value, read((items) => items));
    }
    expect(validateJob({ Type: 'batch', Tasks: withConstructor([task()], constructor) }).valid).toBe(true);
  });
});

describe('5. prototype pollution', () => {
  const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype).sort();
  const DANGEROUS = ['__proto__', 'constructor', 'prototype'] as const;
  type Place = 'task Meta' | 'job Meta' | 'Labels' | 'Env' | 'docker Params' | 'custom-engine Params';
  type Route = 'YAML text' | 'JSON text' | 'JSON.parse object' | 'builder record' | 'builder pair';

  function expectUnpolluted(): void {
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(([] as unknown as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_NAMES);
    expect(Object.prototype.constructor).toBe(Object);
  }

  function ownKey(key: string, value: unknown): Record<string, unknown> {
    const object: Record<string, unknown> = {};
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
    return object;
  }

  /** A pollution payload: what `key` would need to hold to pollute, as a string where only strings are valid. */
  const payload = (place: Place): unknown => (place === 'custom-engine Params' ? { polluted: 'yes', prototype: { polluted: 'yes' } } : 'polluted');

  /** The job as JSON-able data, with `key` (own) in `place`. */
  function jobData(place: Place, key: string): Record<string, unknown> {
    const value = ownKey(key, payload(place));
    const params = place === 'docker Params' ? { Image: 'alpine', ...value } : place === 'custom-engine Params' ? value : { Image: 'alpine' };
    const task: Record<string, unknown> = { Name: 'main', Engine: { Type: place === 'custom-engine Params' ? 'custom' : 'docker', Params: params } };
    if (place === 'task Meta') task['Meta'] = value;
    if (place === 'Env') task['Env'] = value;
    const job: Record<string, unknown> = { Name: 'j', Type: 'batch' };
    if (place === 'job Meta') job['Meta'] = value;
    if (place === 'Labels') job['Labels'] = value;
    job['Tasks'] = [task];
    return job;
  }

  /** The same job as hand-written block YAML (the key plain, as a user would type it). */
  function jobYaml(place: Place, key: string): string {
    const valueLines = place === 'custom-engine Params' ? `\n          polluted: "yes"\n          prototype:\n            polluted: "yes"` : ' polluted';
    const lines = ['Name: j', 'Type: batch'];
    if (place === 'job Meta') lines.push('Meta:', `  ${key}: polluted`);
    if (place === 'Labels') lines.push('Labels:', `  ${key}: polluted`);
    lines.push('Tasks:', '  - Name: main', '    Engine:', `      Type: ${place === 'custom-engine Params' ? 'custom' : 'docker'}`, '      Params:');
    if (place === 'custom-engine Params') lines.push(`        ${key}:${valueLines}`);
    else lines.push('        Image: alpine');
    if (place === 'docker Params') lines.push(`        ${key}: polluted`);
    if (place === 'task Meta') lines.push('    Meta:', `      ${key}: polluted`);
    if (place === 'Env') lines.push('    Env:', `      ${key}: polluted`);
    return `${lines.join('\n')}\n`;
  }

  function viaBuilder(place: Place, key: string, route: 'builder record' | 'builder pair'): JobSpec {
    const value = payload(place);
    const params = place === 'docker Params' ? { Image: 'alpine', ...ownKey(key, value) } : place === 'custom-engine Params' ? ownKey(key, value) : { Image: 'alpine' };
    let task = Task.batch().name('main').engine({ Type: place === 'custom-engine Params' ? 'custom' : 'docker', Params: params } as never) as unknown as AnyBuilder;
    if (place === 'task Meta') task = (route === 'builder pair' ? task.meta(key, value) : task.meta(ownKey(key, value))) as AnyBuilder;
    if (place === 'Env') task = (route === 'builder pair' ? task.env(key, value) : task.env(ownKey(key, value))) as AnyBuilder;
    let job = Job.batch('j') as unknown as AnyBuilder;
    if (place === 'job Meta') job = (route === 'builder pair' ? job.meta(key, value) : job.meta(ownKey(key, value))) as AnyBuilder;
    if (place === 'Labels') job = (route === 'builder pair' ? job.label(key, value) : job.labels(ownKey(key, value))) as AnyBuilder;
    return job.task(task).build() as JobSpec;
  }

  function holder(job: JobSpec, place: Place): unknown {
    const task = job.Tasks[0] as unknown as Record<string, Record<string, unknown>>;
    if (place === 'task Meta') return task['Meta'];
    if (place === 'Env') return task['Env'];
    if (place === 'job Meta') return job.Meta;
    if (place === 'Labels') return job.Labels;
    return task['Engine']?.['Params'];
  }

  /**
   * What happens to each dangerous key, by place (same for every route):
   * kept as an own data property of a plain object, or rejected with a rule.
   */
  const EXPECTED: Readonly<Record<Place, { readonly kind: 'kept' } | { readonly kind: 'rejected'; readonly rule: string }>> = {
    'task Meta': { kind: 'kept' },
    'job Meta': { kind: 'kept' },
    Labels: { kind: 'kept' },
    Env: { kind: 'rejected', rule: 'env-name' },
    'docker Params': { kind: 'rejected', rule: 'unknown-key' },
    'custom-engine Params': { kind: 'kept' },
  };

  const PLACES = Object.keys(EXPECTED) as Place[];
  const cases = PLACES.flatMap((place) =>
    DANGEROUS.flatMap((key) =>
      (['YAML text', 'JSON text', 'JSON.parse object', 'builder record', 'builder pair'] as Route[])
        .filter((route) => route !== 'builder pair' || !place.endsWith('Params'))
        .map((route) => ({ place, key, route })),
    ),
  );

  it.each(cases)('$place, key $key, through $route', ({ place, key, route }) => {
    const read = (): JobSpec => {
      switch (route) {
        case 'YAML text':
          return parseJob(jobYaml(place, key));
        case 'JSON text':
          return parseJob(JSON.stringify(jobData(place, key)));
        case 'JSON.parse object':
          return parseJob(JSON.parse(JSON.stringify(jobData(place, key))) as Record<string, unknown>);
        default:
          return viaBuilder(place, key, route);
      }
    };
    const outcome = sdkOutcome(read);
    expectUnpolluted();
    const expected = EXPECTED[place];
    if (expected.kind === 'kept') {
      if (!outcome.ok) throw new Error(`expected '${key}' in ${place} to be kept, but: ${outcome.error.message}`);
      const map = holder(outcome.value, place) as Record<string, unknown>;
      expect(Object.getPrototypeOf(map)).toBe(Object.prototype);
      expect(Object.getOwnPropertyDescriptor(map, key)).toMatchObject({ value: payload(place), enumerable: true });
      // And it survives a round trip as data.
      expectSame(parseJob(toYAML(outcome.value, quiet)), outcome.value);
      expectSame(parseJob(toJSON(outcome.value)), outcome.value);
      expectUnpolluted();
    } else {
      if (outcome.ok) throw new Error(`expected '${key}' in ${place} to be rejected (${expected.rule}), but it was kept`);
      const problem = outcome.error.problems.find((p) => p.rule === expected.rule);
      expect(problem?.path).toMatch(new RegExp(`${key}$`));
      expect(outcome.error.problems.every((p) => p.rule === expected.rule)).toBe(true);
    }
  });

  it('YAML merge keys and anchors carrying __proto__ do not pollute', () => {
    const text = [
      'Type: batch',
      'Meta:',
      '  <<: {__proto__: {polluted: "yes"}}',
      'Labels: &l',
      '  __proto__: "polluted"',
      'Tasks:',
      '  - Name: main',
      '    Meta: *l',
      '    Engine:',
      '      Type: custom',
      '      Params:',
      '        <<: [{__proto__: {polluted: "yes"}}, {constructor: {prototype: {polluted: "yes"}}}]',
      '',
    ].join('\n');
    sdkOutcome(() => parseJob(text));
    sdkOutcome(() => parseJobResponse(`Job:\n${text.split('\n').map((line) => `  ${line}`).join('\n')}`));
    expectUnpolluted();
  });

  it('dangerous keys at random places of a job, through every reader and builder method', () => {
    const dangerousKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'polluted');
    /** A small tree of dangerous keys (own data properties, as JSON.parse makes them). */
    const pollutingValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constantFrom<unknown>('polluted', 'yes', 1, null),
        fc.array(fc.tuple(dangerousKey, tie('value')), { maxLength: 3 }).map((entries) => {
          const object: Record<string, unknown> = {};
          for (const [key, value] of entries) Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
          return object;
        }),
      ),
    })).value;
    /** Where the dangerous key goes: a path to an object of a (minimal) job that has that object. */
    const PLACES: readonly (readonly (string | number)[])[] = [
      [], ['Meta'], ['Labels'], ['Tasks', 0], ['Tasks', 0, 'Env'], ['Tasks', 0, 'Meta'], ['Tasks', 0, 'Engine'], ['Tasks', 0, 'Engine', 'Params'],
      ['Tasks', 0, 'Publisher'], ['Tasks', 0, 'InputSources', 0, 'Source', 'Params'], ['Tasks', 0, 'Network'], ['Tasks', 0, 'Resources'], ['Tasks', 0, 'Timeouts'],
    ];
    const SECTIONS: Readonly<Record<string, unknown>> = {
      Env: { A: 'x' }, Meta: { k: 'v' }, Publisher: { Type: 'local' }, InputSources: [{ Source: { Type: 'ipfs', Params: { CID: 'q' } }, Target: '/in' }],
      Network: { Type: 'None' }, Resources: { CPU: '1' }, Timeouts: { ExecutionTimeout: 10 },
    };
    /** The smallest job that has the object at `place`. */
    const jobFor = (place: readonly (string | number)[], engineType: string): Record<string, unknown> => {
      const task: Record<string, unknown> = { Name: 'main', Engine: { Type: engineType, Params: engineType === 'docker' ? { Image: 'alpine' } : { x: 1 } } };
      const job: Record<string, unknown> = { Type: 'batch', Tasks: [task] };
      const section = place[2];
      if (typeof section === 'string' && section !== 'Engine') task[section] = structuredClone(SECTIONS[section]);
      if (place[0] === 'Meta') job['Meta'] = { owner: 'me' };
      if (place[0] === 'Labels') job['Labels'] = { team: 'data' };
      return job;
    };
    const attempt = (f: () => unknown): void => {
      try {
        f();
      } catch {
        // Only pollution is judged here; errors are the other properties' business.
      }
    };
    fc.assert(
      fc.property(fc.constantFrom(...PLACES), fc.constantFrom('docker', 'custom'), dangerousKey, pollutingValue, (place, engineType, key, value) => {
        const job = jobFor(place, engineType);
        let target: Record<string | number, unknown> = job;
        for (const segment of place) target = target[segment] as Record<string | number, unknown>;
        Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
        const holder = Object.defineProperty({}, key, { value, enumerable: true, writable: true, configurable: true }) as Record<string, unknown>;
        attempt(() => parseJob(job));
        attempt(() => parseJobResponse({ Job: job }));
        attempt(() => parseTask((job['Tasks'] as unknown[])[0] as Record<string, unknown>));
        attempt(() => (Job.from(job as unknown as JobSpec) as unknown as AnyBuilder).validate());
        // (JSON and YAML text are covered place by place and key by key above; text is slow to read.)
        const task = Task.batch().name('main') as unknown as AnyBuilder;
        attempt(() => (Job.service('j') as unknown as AnyBuilder).labels(holder).meta(holder).task(task.meta(holder).env(holder).engine({ Type: engineType, Params: holder }).network(holder)).validate());
        check(({} as Record<string, unknown>)['polluted'] === undefined, 'Object.prototype.polluted is set');
        check(Object.getOwnPropertyNames(Object.prototype).length === PROTOTYPE_NAMES.length, 'Object.prototype has new keys');
      }),
      run(0x9070),
    );
    expectUnpolluted();
  });
});

describe('6. resource exhaustion', () => {
  /** The SDK error `f` throws, checked for shape. */
  function sdkError(f: () => unknown): BacalhauSpecError {
    const outcome = sdkOutcome(f);
    if (outcome.ok) throw new Error('expected a BacalhauSpecError, but the call returned');
    return outcome.error;
  }

  /** "Billion laughs": 10 levels of 10 aliases each, 10^10 nodes if expanded. */
  function aliasBomb(indent: string): string {
    const lines = [`${indent}a0: &a0 "lol"`];
    for (let level = 1; level <= 10; level++) lines.push(`${indent}a${level}: &a${level} [${Array.from({ length: 10 }, () => `*a${level - 1}`).join(', ')}]`);
    return lines.join('\n');
  }

  it('a YAML alias bomb is rejected with too-large, as a whole file, inside Params, in a task and in a response', () => {
    const inputs: (() => unknown)[] = [
      () => parseJob(`${aliasBomb('')}\nType: batch\n`),
      () => parseJob(`Type: batch\nTasks:\n  - Name: main\n    Engine:\n      Type: custom\n      Params:\n${aliasBomb('        ')}\n`),
      () => safeParseJob(`${aliasBomb('')}\n`),
      () => parseTask(`Name: main\nEngine:\n  Type: custom\n  Params:\n${aliasBomb('    ')}\n`),
      () => parseJobResponse(`Job:\n${aliasBomb('  ')}\n`),
    ];
    for (const input of inputs) {
      const outcome = sdkOutcome(input);
      const problems = outcome.ok ? (outcome.value as { problems?: readonly { rule: string }[] }).problems ?? [] : outcome.error.problems;
      expect(problems.map((p) => p.rule)).toEqual(['too-large']);
    }
  });

  it('an alias to an anchor that is not set is a syntax problem, not a size one', () => {
    for (const text of ['Name: main\nEngine: *engine\n', 'Name: main\nEngine: {Type: custom, Params: {a: *x, b: &x 1}}\n']) {
      const problems = sdkError(() => parseTask(text)).problems;
      expect(problems.map((p) => p.rule)).toEqual(['syntax']);
      expect(problems[0]?.message).toMatch(/Unresolved alias/);
    }
  });

  it('maxAliasCount is configurable', () => {
    const text = 'Name: main\nEngine: {Type: custom, Params: {one: &x [1, 2], three: [*x, *x, *x]}}\n';
    // (yaml counts alias expansions by the size of what they expand to, not one per alias: this text needs 4.)
    expect(sdkError(() => parseTask(text, { maxAliasCount: 1 })).problems.map((p) => p.rule)).toEqual(['too-large']);
    const job = 'Type: batch\nTasks:\n  - Name: main\n    Engine: {Type: custom, Params: {one: &x [1, 2], three: [*x, *x, *x]}}\n';
    expect(sdkError(() => parseJob(job, { maxAliasCount: 1 })).problems.map((p) => p.rule)).toEqual(['too-large']);
    expect(parseJob(job, { maxAliasCount: 10 }).Tasks[0].Engine.Params).toEqual({ one: [1, 2], three: [[1, 2], [1, 2], [1, 2]] });
    expect(parseTask(text, { maxAliasCount: 10 }).Engine.Params).toEqual({ one: [1, 2], three: [[1, 2], [1, 2], [1, 2]] });
    expect(parseTask(text).Engine.Params).toEqual({ one: [1, 2], three: [[1, 2], [1, 2], [1, 2]] });
  });

  it('maxAliasCount: 0 (no aliases allowed) is reported like any exceeded alias limit, as too-large', () => {
    const text = 'Name: main\nEngine: {Type: custom, Params: {one: &x [1, 2], again: *x}}\n';
    expect(sdkError(() => parseTask(text, { maxAliasCount: 0 })).problems.map((p) => p.rule)).toEqual(['too-large']);
  });

  const MiB = 1024 * 1024;
  /** A valid job whose inline data URL makes its YAML about `size` characters long. */
  function bigJob(size: number): JobSpec {
    const url = `data:text/plain;base64,${'A'.repeat(size)}` as const;
    return Job.batch('big').task((t) => t.name('main').engine(engine.docker('alpine')).input(source.inline(url), { target: '/in' })).build();
  }

  it('input over the 10 MB default is rejected with too-large by every reader; maxLength changes the limit', () => {
    const huge = `Type: batch\n# ${'x'.repeat(10 * MiB)}\n`;
    for (const read of [() => parseJob(huge), () => parseTask(huge), () => parseJobResponse(huge)]) {
      expect(sdkError(read).problems.map((p) => p.rule)).toEqual(['too-large']);
    }
    expect(safeParseJob(huge).problems.map((p) => p.rule)).toEqual(['too-large']);
    const small = 'Type: batch\nTasks: [{Name: main, Engine: {Type: docker, Params: {Image: alpine}}}]\n';
    expect(sdkError(() => parseJob(small, { maxLength: 20 })).problems.map((p) => p.rule)).toEqual(['too-large']);
    expect(parseJob(small, { maxLength: small.length }).Type).toBe('batch');
    // A bigger limit lets a bigger (valid) file through.
    const job = bigJob(10 * MiB + 1000);
    const text = toYAML(job, quiet);
    expect(text.length).toBeGreaterThan(10 * MiB);
    expect(sdkError(() => parseJob(text)).problems.map((p) => p.rule)).toEqual(['too-large']);
    expectSame(parseJob(text, { maxLength: 11 * MiB }), job);
  });

  it('a ~9 MB valid spec (a big inline data URL) parses, from YAML and from JSON', () => {
    const job = bigJob(9 * MiB);
    const yaml = toYAML(job, quiet);
    expect(yaml.length).toBeLessThan(10 * MiB);
    expectSame(parseJob(yaml), job);
    expectSame(parseJob(toJSON(job)), job);
  });

  it('Params nested 10,000 deep in JSON text: too-large from every reader (a report saying so from the safe ones), never a RangeError or a dead process', async () => {
    expectDeepGroup(await DEEP_GROUPS['json-text'], {
      'parseJob(JSON text) #1': TOO_DEEP,
      'parseJob(JSON text) #2': TOO_DEEP,
      'safeParseJob(JSON text)': TOO_DEEP_REPORT,
      'parseTask(JSON text)': TOO_DEEP,
      'safeParseTask(JSON text)': TOO_DEEP_REPORT,
      'parseJobResponse(JSON text)': TOO_DEEP,
      'parseJob(JSON text, nested arrays)': TOO_DEEP,
    });
  });

  it('Params nested 10,000 deep in YAML flow text: too-large from every reader', async () => {
    expectDeepGroup(await DEEP_GROUPS['yaml-text'], {
      'parseJob(YAML flow text) #1': TOO_DEEP,
      'parseJob(YAML flow text) #2': TOO_DEEP,
      'parseTask(YAML flow text)': TOO_DEEP,
    });
  });

  it('Params nested 10,000 deep in an object: too-large from every reader, never a RangeError', async () => {
    expectDeepGroup(await DEEP_GROUPS.object, {
      'parseJob(object)': TOO_DEEP,
      'safeParseJob(object)': TOO_DEEP_REPORT,
      'parseTask(object)': TOO_DEEP,
      'parseJobResponse(object)': TOO_DEEP,
      // The validators must return a report, not throw or overflow. (Their verdict is not pinned: they do not apply the
      // readers' 100-level limit and say valid, unlike safeParseJob and a builder's .validate().)
      'validateJob(object)': { outcome: 'ok' },
      'validateTask(object)': { outcome: 'ok' },
      'parseJob(object, nested arrays)': TOO_DEEP,
    });
  });

  it('Params nested 10,000 deep through the builders: too-large from build() and .validate(), never a RangeError', async () => {
    expectDeepGroup(await DEEP_GROUPS.builder, {
      'Task.batch().engine(custom deep).build()': TOO_DEEP,
      'Task.batch().engine(custom deep).validate()': TOO_DEEP_REPORT,
      'Job.batch().task(callback with deep engine).build()': TOO_DEEP,
      'Job.batch().task(plain deep task).build()': TOO_DEEP,
      'Task.from(plain deep task).build()': TOO_DEEP,
      'Job.from(plain deep job).build()': TOO_DEEP,
      // A docker Entrypoint is a list of strings: a list of lists is the wrong type, however deep.
      'engine.docker(image, deep entrypoint list) build': { outcome: 'sdk', rules: ['type'] },
    });
  });

  it('a valid job with Params 90 deep (inside the 100-level limit) can be written with toYAML/toJSON and read back', async () => {
    expectDeepGroup(await DEEP_GROUPS.serialize, {
      'parseJob(object) of the deep job': { outcome: 'ok' },
      'toJSON(valid deep job)': { outcome: 'ok' },
      'toYAML(valid deep job)': { outcome: 'ok' },
      'parseJob(toJSON(valid deep job))': { outcome: 'ok' },
    });
  });

  it('a job with Params 1,000 deep is refused as too-large, before anything recurses', async () => {
    expectDeepGroup(await DEEP_GROUPS['serialize-too-deep'], { 'parseJob(object) of the deep job': TOO_DEEP });
  });
});

describe('7. error quality with many problems', () => {
  const badEnv = (count: number): Record<string, string> => Object.fromEntries(Array.from({ length: count }, (_, i) => [`bad-name-${i}`, 'x']));

  function expectReadable(error: BacalhauSpecError, count: number): void {
    expect(error.problems).toHaveLength(count);
    const malformed = error.problems.filter((p) => typeof p.path !== 'string' || typeof p.rule !== 'string' || typeof p.message !== 'string');
    expect(malformed).toEqual([]);
    const lines = error.message.split('\n');
    expect(lines.length).toBeLessThanOrEqual(22);
    if (count > 20) expect(error.message).toContain(`${count - 20} more`);
  }

  it('1,000 bad env names through the task builder, the job builder, parseTask and parseJob', () => {
    const env = badEnv(1000);
    const task = () => Task.batch().name('main').engine(engine.docker('alpine')).env(env);
    const failures: (() => unknown)[] = [
      () => task().build(),
      () => Job.batch('j').task(task()).build(),
      () => parseTask(toJSON({ Name: 'main', Engine: { Type: 'docker', Params: { Image: 'alpine' } }, Env: env } as never)),
      () => parseJob(`Type: batch\nTasks:\n  - Name: main\n    Engine: {Type: docker, Params: {Image: alpine}}\n    Env:\n${Object.keys(env).map((k) => `      ${k}: x`).join('\n')}\n`),
    ];
    for (const failure of failures) {
      const outcome = sdkOutcome(failure);
      if (outcome.ok) throw new Error('expected a BacalhauSpecError');
      expectReadable(outcome.error, 1000);
      expect(outcome.error.problems.every((p) => p.rule === 'env-name')).toBe(true);
      expect(outcome.error.message).toContain('980 more');
    }
  });

  it('any number of problems with awkward names: every problem listed, the message short and one line per problem', () => {
    fc.assert(
      fc.property(fc.uniqueArray(awkwardString.map((s) => `-${s}`), { minLength: 1, maxLength: 26 }), (names) => {
        const env = Object.fromEntries(names.map((name) => [name, 'x']));
        const outcome = sdkOutcome(() => Task.batch().name('main').engine(engine.docker('alpine')).env(env).build());
        if (outcome.ok) throw new Error('expected a BacalhauSpecError');
        assertSdkError(outcome.error);
        const { problems, message } = outcome.error;
        check(problems.length === names.length, `${problems.length} problems for ${names.length} bad names`);
        const lines = message.split('\n').length;
        check(lines === 1 + Math.min(names.length, 20) + (names.length > 20 ? 1 : 0), `${lines} lines for ${names.length} problems:\n${message}`);
        check(names.length <= 20 || message.includes(`${names.length - 20} more`), `no '${names.length - 20} more' in:\n${message}`);
      }),
      run(0xe770),
    );
  });
});
