/**
 * Repairing invalid input with the builders: the `draft` that `safeParseJob`
 * and `safeParseTask` return next to the problems, rebuilt with `Job.from` /
 * `Task.from`; and every problem's `segments`, which must name the place its
 * `path` names, checked over the conformance corpus and vectors
 * (../shared/conformance) and over builder, parser and client problems.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BacalhauClient,
  BacalhauSpecError,
  Job,
  Task,
  engine,
  parseJob,
  publisher,
  safeParseJob,
  safeParseTask,
  toYAML,
  validateJob,
  validateTask,
  type JobDraft,
  type Problem,
  type ProblemRule,
} from '../../src/index.js';
import { childPath, indexPath } from '../../src/core/report.js';

const CONFORMANCE_DIR = new URL('../../../shared/conformance/', import.meta.url);

interface Vector {
  readonly id: string;
  readonly kind: string;
  readonly input: unknown;
}

const VECTORS = (JSON.parse(readFileSync(new URL('validation-vectors.json', CONFORMANCE_DIR), 'utf8')) as { readonly vectors: readonly Vector[] }).vectors;

/** Every job file of the corpus, as text. */
const CORPUS: readonly (readonly [string, string])[] = readdirSync(CONFORMANCE_DIR)
  .filter((file) => /\.(ya?ml|json)$/.test(file) && file !== 'swagger.json' && file !== 'validation-vectors.json')
  .sort()
  .map((file) => [file, readFileSync(new URL(file, CONFORMANCE_DIR), 'utf8')] as const);

const DOCKER = { Type: 'docker', Params: { Image: 'busybox:1.37.0' } };

/** A vector's input in every place of a task where a value can go wrong, so that its problems get many different paths. */
function placed(input: unknown): Record<string, unknown> {
  return {
    Name: 'main',
    Engine: DOCKER,
    Env: input,
    Meta: input,
    InputSources: [{ Source: input, Target: '/in' }],
    Resources: input,
    Network: input,
    Timeouts: input,
  };
}

/** The job inputs of the corpus and the vectors: each file, and each vector's input as a job, as its task, and placed in a task. */
const JOB_INPUTS: readonly (readonly [string, unknown])[] = [
  ...CORPUS,
  ...VECTORS.flatMap((vector) => [
    [`${vector.id} (as a job)`, vector.input] as const,
    [`${vector.id} (as the task)`, { Type: 'batch', Tasks: [vector.input] }] as const,
    [`${vector.id} (placed in a task)`, { Type: 'batch', Tasks: [placed(vector.input)] }] as const,
  ]),
];

/** The path `segments` stand for, written by the formatting functions every validator uses. */
function formatSegments(segments: readonly (string | number)[]): string {
  return segments.reduce<string>((path, segment) => (typeof segment === 'number' ? indexPath(path, segment) : childPath(path, segment)), '');
}

const at = (problems: readonly Problem[]): { path: string; rule: ProblemRule }[] => problems.map(({ path, rule }) => ({ path, rule }));

/** The problems `run` throws as a BacalhauSpecError (fails the test if it throws nothing or something else). */
function thrownProblems(run: () => unknown): readonly Problem[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BacalhauSpecError);
    return (error as BacalhauSpecError).problems;
  }
  throw new Error('expected a BacalhauSpecError, nothing was thrown');
}

/** The value at `segments` in `value`, matching keys exactly; `undefined` when there is none. */
function valueAt(value: unknown, segments: readonly (string | number)[]): unknown {
  let node = value;
  for (const segment of segments) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

/** Whether `value` and everything in it is frozen. */
function isDeeplyFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  return Object.isFrozen(value) && Object.values(value).every(isDeeplyFrozen);
}

/** Problems that name a key left out of a draft (it does not belong in the spec). */
const LEFT_OUT: readonly ProblemRule[] = ['unknown-key', 'duplicate-key', 'server-set'];

// ---------------------------------------------------------------------------

/** A hand-written job with three mistakes: a Count in words, a memory size Bacalhau cannot read, a misspelt key. */
const BROKEN = `Name: etl
Type: batch
Count: two
Labels:
  team: data
Tasks:
  - Name: main
    Engine:
      Type: docker
      Params:
        Image: python:3.12-slim
        Entrypoint: [python, /code/etl.py]
    Publisher:
      Type: local
    ResultPaths:
      - Name: outputs
        Path: /outputs
    Resources:
      CPU: '1'
      Memory: 1 gigabyte
    ResourcesConfig:
      GPU: '1'
`;

/** The same job, written right. */
const expected = Job.batch('etl')
  .count(2)
  .label('team', 'data')
  .task((t) =>
    t
      .name('main')
      .engine(engine.docker('python:3.12-slim', { entrypoint: ['python', '/code/etl.py'] }))
      .publisher(publisher.local())
      .resultPath('outputs', '/outputs')
      .resources({ cpu: '1', memory: '1Gb', gpu: '1' }),
  )
  .build();

/** `safeParseJob(BROKEN)`'s draft, or a failed test. */
function brokenDraft(): JobDraft<'batch'> {
  const result = safeParseJob(BROKEN, { jobType: 'batch' });
  if (result.valid || result.draft === undefined) throw new Error('expected an invalid job with a draft');
  return result.draft;
}

describe('repairing a broken job file', () => {
  it('lists every mistake with its line, path and segments, and returns the job as read', () => {
    const result = safeParseJob(BROKEN, { jobType: 'batch' });
    expect(result.valid).toBe(false);
    expect(result.problems.map(({ line, column, path, segments, rule }) => ({ line, column, path, segments, rule }))).toEqual([
      { line: 3, column: 8, path: 'Count', segments: ['Count'], rule: 'type' },
      { line: 20, column: 15, path: 'Tasks[0].Resources.Memory', segments: ['Tasks', 0, 'Resources', 'Memory'], rule: 'bytes' },
      { line: 21, column: 5, path: 'Tasks[0].ResourcesConfig', segments: ['Tasks', 0, 'ResourcesConfig'], rule: 'unknown-key' },
    ]);
    expect(result.problems[2]?.message).toContain("did you mean 'Resources'?");
    // Known fields as read, the wrong values too; the unknown key left out.
    expect(result.valid ? undefined : result.draft).toStrictEqual({
      Name: 'etl',
      Type: 'batch',
      Count: 'two',
      Labels: { team: 'data' },
      Tasks: [
        {
          Name: 'main',
          Engine: { Type: 'docker', Params: { Image: 'python:3.12-slim', Entrypoint: ['python', '/code/etl.py'] } },
          Publisher: { Type: 'local' },
          ResultPaths: [{ Name: 'outputs', Path: '/outputs' }],
          Resources: { CPU: '1', Memory: '1 gigabyte' },
        },
      ],
    });
    expect(isDeeplyFrozen(brokenDraft())).toBe(true);
  });

  it('Job.from(draft) repairs it with the builder: the rebuilt job is the job written right, without the unknown key', () => {
    const repaired = Job.from(brokenDraft())
      .count(2)
      .updateTask((t) => t.resources({ memory: '1Gb', gpu: '1' }))
      .build();
    expect(repaired).toStrictEqual(expected);
    expect(JSON.stringify(repaired)).not.toContain('ResourcesConfig');
    // What the file would have been, corrected by hand.
    const corrected = BROKEN.replace('Count: two', 'Count: 2').replace('1 gigabyte', '1Gb').replace("    ResourcesConfig:\n      GPU: '1'\n", "      GPU: '1'\n");
    expect(repaired).toStrictEqual(parseJob(corrected, { jobType: 'batch' }));
  });

  it('nothing is repaired silently: built unchanged, the draft has the same problems but the unknown key', () => {
    const parsed = safeParseJob(BROKEN, { jobType: 'batch' });
    const rebuilt = thrownProblems(() => Job.from(brokenDraft()).build());
    expect(at(rebuilt)).toEqual(at(parsed.problems.filter((p) => p.rule !== 'unknown-key')));
    // A fix of one mistake leaves the others.
    expect(at(thrownProblems(() => Job.from(brokenDraft()).count(2).build()))).toEqual([{ path: 'Tasks[0].Resources.Memory', rule: 'bytes' }]);
  });

  it('a draft is in canonical form, so the builder reads it whatever case the file used', () => {
    const text = 'name: etl\ntype: batch\ncount: two\ntasks:\n  - name: main\n    engine: {type: Docker, params: {image: alpine}}\n    network: {type: full}\n';
    const result = safeParseJob(text, { jobType: 'batch' });
    expect(result.valid ? undefined : result.draft).toStrictEqual({
      Name: 'etl',
      Type: 'batch',
      Count: 'two',
      Tasks: [{ Name: 'main', Engine: { Type: 'docker', Params: { Image: 'alpine' } }, Network: { Type: 'Host' } }],
    });
    if (result.valid || result.draft === undefined) throw new Error('expected a draft');
    expect(Job.from(result.draft).count(2).build()).toStrictEqual(parseJob(text.replace('count: two', 'count: 2')));
  });

  it('keeps values of the wrong type as read, at any depth', () => {
    const result = safeParseJob({
      Type: 'batch',
      Priority: 'high',
      Constraints: 'linux',
      Tasks: [{ Name: 7, Engine: { Type: 'docker', Params: ['alpine'] }, Env: 'MODE=fast', InputSources: { Target: '/in' }, Resources: 'lots', Timeouts: { ExecutionTimeout: '10 minutes' } }],
    });
    expect(result.valid ? undefined : result.draft).toStrictEqual({
      Type: 'batch',
      Priority: 'high',
      Constraints: 'linux',
      Tasks: [{ Name: 7, Engine: { Type: 'docker', Params: ['alpine'] }, Env: 'MODE=fast', InputSources: { Target: '/in' }, Resources: 'lots', Timeouts: { ExecutionTimeout: '10 minutes' } }],
    });
    // A task that is not an object is kept as read too.
    const notATask = safeParseJob({ Type: 'ops', Tasks: ['main'] });
    expect(notATask.valid ? undefined : notATask.draft).toStrictEqual({ Type: 'ops', Tasks: ['main'] });
  });

  it('leaves out server-set and duplicate keys, which are reported like unknown keys', () => {
    const result = safeParseJob('ID: j-1\nState: {StateType: Running}\nType: batch\nname: a\nName: b\nTasks:\n  - Name: main\n    Engine: {Type: docker, Params: {Image: alpine}}\n');
    expect(at(result.problems)).toEqual([
      { path: 'ID', rule: 'server-set' },
      { path: 'State', rule: 'server-set' },
      { path: 'Name', rule: 'duplicate-key' },
    ]);
    const draft = result.valid ? undefined : result.draft;
    expect(Object.keys(draft ?? {})).toEqual(['Name', 'Type', 'Tasks']);
    // Of the two names, the draft keeps the first, as the validator did; the second is the one reported.
    expect(draft?.Name).toBe('a');
    if (draft === undefined) throw new Error('expected a draft');
    expect(Job.from(draft).build().Name).toBe('a');
  });

  it('a null leaves a key unset, as for Go: next to it, the same key in another case is the value, in a spec and in a draft', () => {
    const text = 'Name: null\nname: b\nType: batch\nCount: two\nTasks:\n  - Name: main\n    Engine: {Type: docker, Params: {Image: alpine}}\n';
    const result = safeParseJob(text, { jobType: 'batch' });
    expect(at(result.problems)).toEqual([{ path: 'Count', rule: 'type' }]);
    expect(result.valid ? undefined : result.draft?.Name).toBe('b');
    expect(parseJob(text.replace('Count: two', 'Count: 2')).Name).toBe('b');
  });

  it('a draft of a job without a task builds into that problem, and .task(…) repairs it', () => {
    const result = safeParseJob('Type: batch\nName: empty\n', { jobType: 'batch' });
    if (result.valid || result.draft === undefined) throw new Error('expected a draft');
    expect(at(thrownProblems(() => Job.from(result.draft as JobDraft<'batch'>).build()))).toEqual([{ path: 'Tasks', rule: 'required' }]);
    const job = Job.from(result.draft)
      .task((t) => t.name('main').engine(engine.docker('alpine')))
      .build();
    expect(job.Tasks[0].Name).toBe('main');
  });

  it('a valid result is unchanged: the spec and no draft', () => {
    const result = safeParseJob(toYAML(expected));
    expect(result.valid).toBe(true);
    expect(Object.keys(result)).toEqual(['valid', 'spec', 'problems', 'warnings']);
  });
});

describe("the draft's job type", () => {
  it('is the type the input names when no jobType is given', () => {
    const result = safeParseJob('Type: service\nTasks: [{Name: web}]');
    expect(result.valid ? undefined : result.draft?.Type).toBe('service');
  });

  it.each([
    ['missing', 'Tasks: [{Name: main}]', 'Type', 'required'],
    ['misspelt', 'Type: bach\nTasks: [{Name: main}]', 'Type', 'job-type'],
    ['not lowercase', 'Type: Batch\nTasks: [{Name: main}]', 'Type', 'job-type'],
    ['not a string', 'Type: 3\nTasks: [{Name: main}]', 'Type', 'type'],
  ])('%s: no draft without jobType (no builder could hold it), and a draft of that type with one', (_name, text, path, rule) => {
    const without = safeParseJob(text);
    expect(without.valid).toBe(false);
    expect(without.valid ? 'valid' : without.draft).toBeUndefined();
    expect(at(without.problems)).toContainEqual({ path, rule });
    const withType = safeParseJob(text, { jobType: 'batch' });
    expect(withType.valid ? undefined : withType.draft?.Type).toBe('batch');
    expect(at(withType.problems)).toContainEqual({ path, rule });
  });

  it('is the jobType given when the input names another, which is one of the problems', () => {
    const result = safeParseJob('Type: service\nTasks: [{Name: main, Engine: {Type: docker, Params: {Image: alpine}}}]', { jobType: 'batch' });
    expect(at(result.problems)).toEqual([{ path: 'Type', rule: 'job-type' }]);
    if (result.valid || result.draft === undefined) throw new Error('expected a draft');
    expect(result.draft.Type).toBe('batch');
    expect(Job.from(result.draft).count(3).build()).toMatchObject({ Type: 'batch', Count: 3 });
  });
});

describe('there is no draft when the input is no job mapping', () => {
  it.each([
    ['a YAML syntax error', 'Type: batch\nTasks: [', 'syntax'],
    ['a list', '- Type: batch', 'type'],
    ['a scalar', 'batch', 'type'],
    ['an empty document', '', 'required'],
    ['more than maxLength', `Type: batch\nName: ${'x'.repeat(100)}`, 'too-large'],
    ['deeper than maxDepth', `Type: batch\nMeta: ${'['.repeat(20)}${']'.repeat(20)}`, 'too-large'],
    ['a value JSON cannot carry', 'Type: batch\nPriority: .inf\nTasks: []', 'json-value'],
  ])('%s', (_name, text, rule) => {
    const result = safeParseJob(text, { jobType: 'batch', maxLength: 100, maxDepth: 10 });
    expect(result.valid).toBe(false);
    expect(result.valid ? 'valid' : result.draft).toBeUndefined();
    expect(result.problems.map((p) => p.rule)).toContain(rule);
  });

  it('an object holding a function: its rules are not checked, so there is nothing to draft from', () => {
    const result = safeParseJob({ Type: 'batch', Tasks: [{ Name: 'main', Engine: { Type: 'docker', Params: { Image: () => 'alpine' } } }] });
    expect(at(result.problems)).toEqual([{ path: 'Tasks[0].Engine.Params.Image', rule: 'json-value' }]);
    expect(result.valid ? 'valid' : result.draft).toBeUndefined();
  });
});

describe('task drafts', () => {
  const TEXT = 'Name: main\nEngine: {Type: docker, Params: {Image: alpine}}\nEnv: {mode: fast}\nResultPath: [{Name: out, Path: /outputs}]\n';

  it('keep the task as read, without the unknown key, and remember the jobType they were read with', () => {
    const result = safeParseTask(TEXT, { jobType: 'batch' });
    expect(at(result.problems)).toEqual([
      { path: 'Env.mode', rule: 'env-name' },
      { path: 'ResultPath', rule: 'unknown-key' },
    ]);
    if (result.valid || result.draft === undefined) throw new Error('expected a draft');
    expect(result.draft).toStrictEqual({ Name: 'main', Engine: { Type: 'docker', Params: { Image: 'alpine' } }, Env: { mode: 'fast' } });
    expect(isDeeplyFrozen(result.draft)).toBe(true);
    const task = Task.from(result.draft).removeEnv('mode').env('MODE', 'fast').publisher(publisher.local()).resultPath('out', '/outputs').build();
    expect(task).toStrictEqual(
      Task.batch().name('main').engine(engine.docker('alpine')).publisher(publisher.local()).env('MODE', 'fast').resultPath('out', '/outputs').build(),
    );
  });

  it('read without a jobType, need it from Task.from, as a parsed task does', () => {
    const result = safeParseTask(TEXT);
    if (result.valid || result.draft === undefined) throw new Error('expected a draft');
    const { draft } = result;
    expect(at(thrownProblems(() => Task.from(draft)))).toEqual([{ path: '', rule: 'job-type' }]);
    expect(Task.from(draft, 'ops').removeEnv('mode').build().Env).toBeUndefined();
  });

  it('there is none for input that is no task mapping', () => {
    const result = safeParseTask('[main]');
    expect(result.valid ? 'valid' : result.draft).toBeUndefined();
  });
});

describe('drafts of the conformance corpus and vectors', () => {
  const drafted = JOB_INPUTS.flatMap(([name, input]) => {
    const result = safeParseJob(input as string);
    return result.valid || result.draft === undefined ? [] : [[name, result.problems, result.draft] as const];
  });

  it('many invalid inputs are drafted', () => {
    expect(drafted.length).toBeGreaterThan(150);
  });

  it.each(drafted)('%s: deeply frozen, and without the unknown and server-set keys reported', (_name, problems, draft) => {
    expect(isDeeplyFrozen(draft)).toBe(true);
    // (A duplicate key is left out too, but its path may be the canonical name the draft keeps for the first.)
    for (const problem of problems.filter((p) => p.rule === 'unknown-key' || p.rule === 'server-set')) expect(valueAt(draft, problem.segments)).toBeUndefined();
  });

  it.each(drafted)('%s: rebuilt unchanged, it has the problems read, but those of the keys left out', (_name, problems, draft) => {
    // One difference is expected: an empty object (as read, or once its unknown keys are left out) is
    // left out, as Bacalhau reads it as unset, so the builder reports the object (`Source`) missing
    // where the reader reported its required field (`Source.Type`).
    const rebuilt = at(Job.from(draft).validate().problems);
    const isRequired = (path: string): boolean => rebuilt.some((p) => p.path === path && p.rule === 'required');
    const expectedProblems = problems
      .filter((p) => !LEFT_OUT.includes(p.rule))
      .map(({ path, segments, rule }) => {
        const parent = formatSegments(segments.slice(0, -1));
        const leftOut = rule === 'required' && !isRequired(path) && isRequired(parent) && valueAt(draft, segments.slice(0, -1)) === undefined;
        return { path: leftOut ? parent : path, rule };
      });
    expect(rebuilt.sort(byPath)).toEqual(expectedProblems.sort(byPath));
  });
});

function byPath(a: { path: string; rule: string }, b: { path: string; rule: string }): number {
  return a.path.localeCompare(b.path) || a.rule.localeCompare(b.rule);
}

// ---------------------------------------------------------------------------

/** Problems and warnings of every kind the SDK makes: validators, the parsers (text and objects), the builders, the client. */
function allProblems(): Problem[] {
  const found: Problem[] = [];
  const add = (result: { readonly problems: readonly Problem[]; readonly warnings?: readonly Problem[] }): void => {
    found.push(...result.problems, ...(result.warnings ?? []));
  };
  const addThrown = (run: () => unknown): void => {
    try {
      run();
    } catch (error) {
      if (error instanceof BacalhauSpecError) add(error);
      else throw error;
    }
  };
  for (const [, text] of CORPUS) {
    add(safeParseJob(text));
    add(safeParseJob(text, { jobType: 'daemon' }));
  }
  for (const { input } of VECTORS) {
    add(safeParseJob(input as object));
    add(safeParseTask(input as object));
    add(validateTask(placed(input), { jobType: 'service' }));
    add(validateTask(placed(input), { path: 'Tasks[0]' }));
    add(validateJob({ Type: 'batch', Labels: input, Meta: input, Constraints: [input], Tasks: [placed(input), input] }));
    // Builders: argument problems, and a task's problems moved into its job (Tasks[0]…) and back out by updateTask.
    const task = Task.batch().name('main').engine(engine.docker('alpine')).resources(input as object).timeouts(input as object).network(input as never);
    add(task.validate());
    add(Job.batch('j').task(task).validate());
    add(Job.batch('j').task(task).updateTask((t) => t.input(input as never, { target: '/in' })).validate());
    addThrown(() => Task.batch().env(input as never));
  }
  // Keys that must be quoted, in a parsed file and through the builders.
  const odd = JSON.parse('{"a.b": 1, "MY-VAR": 2, "0": 3, "": 4, "quote\\"d": 5, "line\\nbreak": 6, "ü": 7, "__proto__": 8, "[0]": 9}') as Record<string, unknown>;
  add(safeParseJob({ Type: 'batch', Labels: odd, Meta: odd, Tasks: [{ Name: 'main', Engine: DOCKER, Env: odd, Resources: odd, Odd: odd }] }));
  add(safeParseJob('Type: batch\n"a b": 1\nTasks:\n  - Name: main\n    Engine: {Type: docker, Params: {Image: alpine, "x.y": 1}}\n    Env: {"my var": x}\n'));
  add(Task.batch().name('main').engine(engine.docker('alpine')).env(odd as never).meta(odd as never).validate());
  add(Job.batch('j').labels(odd as never).meta(odd as never).task((t) => t.name('main').engine(engine.docker('alpine')).env(odd as never)).validate());
  // A removal moves the problems of later entries to their new index.
  const moved = Task.batch()
    .name('main')
    .engine(engine.docker('alpine'))
    .input({ Type: 'urlDownload', Params: { URL: 'https://example.com/a' } }, { target: '/a' })
    .input({ Type: 'urlDownload', Params: { URL: Number.NaN } } as never, { target: '/b' })
    .removeInput('/a');
  add(moved.validate());
  add(Job.batch('j').constraint('k', '=', [Number.NaN as never]).constraint('k2', '=', [Number.NaN as never]).removeConstraint('k').task(moved).validate());
  // Syntax problems and the client's options.
  for (const text of ['Type: batch\nTasks: [', 'a: b: c', '{{ x }}: 1', '- a\n- b', `Name: ${'x'.repeat(50)}`]) add(safeParseJob(text, { maxLength: 40 }));
  addThrown(() => new BacalhauClient({ url: 'ftp://user@host?q', retries: 99, timeoutMs: -1, username: 'a:b', token: ' ' }));
  return found;
}

describe('problem segments', () => {
  const problems = allProblems();

  it('there are many problems of every shape to check', () => {
    expect(problems.length).toBeGreaterThan(2000);
    expect(problems.some((p) => p.segments.some((s) => typeof s === 'number'))).toBe(true);
    expect(problems.some((p) => p.path.includes('["'))).toBe(true);
    expect(problems.some((p) => p.path === '' && p.segments.length === 0)).toBe(true);
    expect(new Set(problems.map((p) => p.rule)).size).toBeGreaterThan(30);
  });

  it('formatted, the segments of every problem give its path', () => {
    const disagreeing = problems.filter((p) => formatSegments(p.segments) !== p.path).map((p) => ({ path: p.path, segments: p.segments }));
    expect(disagreeing).toEqual([]);
  });

  it('segments are frozen keys (strings) and list indexes (whole numbers)', () => {
    for (const problem of problems) {
      expect(Object.isFrozen(problem.segments)).toBe(true);
      for (const segment of problem.segments) expect(typeof segment === 'string' || (Number.isSafeInteger(segment) && segment >= 0)).toBe(true);
    }
  });

  it('quoted keys are one segment each, whatever they contain', () => {
    const result = safeParseJob({ Type: 'batch', Labels: { 'a.b': 1 }, Tasks: [{ Name: 'main', Engine: DOCKER, Env: { 'MY-VAR': 'x', '0': 'y' } }] });
    expect(result.problems.map(({ path, segments }) => ({ path, segments }))).toEqual([
      { path: 'Labels["a.b"]', segments: ['Labels', 'a.b'] },
      { path: 'Tasks[0].Env["0"]', segments: ['Tasks', 0, 'Env', '0'] },
      { path: 'Tasks[0].Env["MY-VAR"]', segments: ['Tasks', 0, 'Env', 'MY-VAR'] },
    ]);
  });

  it('a task problem follows its task into the job, and an input problem follows its input when an earlier one is removed', () => {
    const task = Task.batch()
      .name('main')
      .engine(engine.docker('alpine'))
      .input({ Type: 'urlDownload', Params: { URL: 'https://example.com/a' } }, { target: '/a' })
      .input({ Type: 'urlDownload', Params: { URL: Number.NaN } } as never, { target: '/b' });
    // The builder's argument problem (NaN is no JSON value), then the validator's (so URL is missing).
    const rules = ['json-value', 'required'];
    expect(task.validate().problems.map(({ segments, rule }) => ({ segments, rule }))).toEqual(rules.map((rule) => ({ segments: ['InputSources', 1, 'Source', 'Params', 'URL'], rule })));
    const removed = task.removeInput('/a');
    const inRemoved = { path: 'InputSources[0].Source.Params.URL', segments: ['InputSources', 0, 'Source', 'Params', 'URL'] };
    expect(removed.validate().problems.map(({ path, segments, rule }) => ({ path, segments, rule }))).toEqual(rules.map((rule) => ({ ...inRemoved, rule })));
    const inJob = ['Tasks', 0, 'InputSources', 0, 'Source', 'Params', 'URL'];
    const job = Job.batch('j').task(removed);
    expect(job.validate().problems.map((p) => p.segments)).toEqual([inJob, inJob]);
    expect(job.updateTask((t) => t.name('renamed')).validate().problems.map((p) => p.segments)).toEqual([inJob, inJob]);
  });

  it('the rest of a caller-given validateTask prefix that is not a path is kept whole, as the last segment', () => {
    const [problem] = validateTask({ Engine: DOCKER }, { path: 'tasks/0' }).problems;
    expect(problem?.path).toBe('tasks/0.Name');
    expect(problem?.segments).toEqual(['tasks', '/0.Name']);
  });
});
