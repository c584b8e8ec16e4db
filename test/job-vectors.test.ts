/**
 * The `job` and `decode` vectors of ../shared/conformance/validation-vectors.json
 * (and the one `task` vector whose stage is `decode`), run through the SDK's
 * job validator and job readers. See the conformance README, "How a test
 * should use the file"; test/validation-vectors.test.ts runs the other kinds.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isJobType, parseJobResponse, safeParseJob, validateJob, type JobSpec, type Problem, type ProblemRule } from '../src/index.js';
import { expectValidJob } from './swagger.js';

interface Vector {
  readonly id: string;
  readonly kind: string;
  readonly input: unknown;
  readonly valid: boolean;
  readonly parsed?: Readonly<Record<string, unknown>>;
  readonly error_contains?: string | readonly string[];
  readonly stage: 'submit' | 'store' | 'compute' | 'decode';
  readonly note?: string;
}

const CONFORMANCE_DIR = fileURLToPath(new URL('../../shared/conformance/', import.meta.url));
const file = JSON.parse(readFileSync(`${CONFORMANCE_DIR}validation-vectors.json`, 'utf8')) as { readonly source: string; readonly vectors: readonly Vector[] };

const JOB_VECTORS = file.vectors.filter((v) => v.kind === 'job');
const DECODE_VECTORS = file.vectors.filter((v) => v.kind === 'decode');
const TASK_DECODE_VECTORS = file.vectors.filter((v) => v.kind === 'task' && v.stage === 'decode');

interface At {
  readonly path: string;
  readonly rule: ProblemRule;
}

const at = (problems: readonly Problem[]): At[] => problems.map(({ path, rule }) => ({ path, rule }));
const show = (problems: readonly Problem[]): string => problems.map((p) => `${p.path}: ${p.message} (${p.rule})`).join('\n');
const fragments = (v: Vector): readonly string[] => (v.error_contains === undefined ? [] : typeof v.error_contains === 'string' ? [v.error_contains] : v.error_contains);

/**
 * The Count a job has right after Bacalhau decodes it (bacalhau-task-spec.md
 * §1 "Count default" and §2.1, column "Key absent or null"): an explicit Count
 * is kept as written; an absent one becomes 1 for batch and service jobs and
 * stays Go's zero value, 0, for ops and daemon jobs. (The server later
 * normalizes ops/daemon Counts of 0 or 1 to 0; the vectors' `parsed.Count` is
 * the value before that normalization.)
 */
function serverCount(spec: Pick<JobSpec, 'Type' | 'Count'>): number {
  if (spec.Count !== undefined) return spec.Count;
  return spec.Type === 'batch' || spec.Type === 'service' ? 1 : 0;
}

/**
 * `job` vectors: Bacalhau's `Job.Validate` on the object as written. Their input
 * carries an `ID` (which the SDK refuses as `server-set`) and no `Tasks`
 * (`required`); the vector's own rule must be reported next to those.
 */
const JOB_EXPECTED: Readonly<Record<string, readonly At[]>> = {
  'pkg/models/job_test.go:TestJobValidation/negative count': [
    { path: 'ID', rule: 'server-set' },
    { path: 'Count', rule: 'count' },
    { path: 'Tasks', rule: 'required' },
  ],
  'pkg/models/job_test.go:TestJobValidation/daemon job with count > 1': [
    { path: 'ID', rule: 'server-set' },
    { path: 'Count', rule: 'count' },
    { path: 'Tasks', rule: 'required' },
  ],
};

/** Invalid `decode` vectors (the CLI's job-file decoder): the one problem `safeParseJob` must report. */
const DECODE_REFUSED: Readonly<Record<string, At & { readonly message: string; readonly why: string }>> = {
  'pkg/lib/marshaller/utils_test.go:TestUnmarshalJob/job with unknown field': {
    path: 'Selector',
    rule: 'unknown-key',
    message: "unknown key 'Selector'",
    why: "Bacalhau: unknown field 'Selector' in 'Job'",
  },
  'pkg/lib/marshaller/utils_test.go:TestUnmarshalJob/job with un-settable field': {
    path: 'Version',
    rule: 'server-set',
    message: "'Version' is set by the server",
    why: "Bacalhau: field 'Version' in 'Job' is not allowed",
  },
  'pkg/lib/marshaller/utils_test.go:TestUnmarshalJob/job with invalid field type field': {
    path: 'Count',
    rule: 'type',
    message: 'must be an integer, got string',
    why: "Bacalhau: 'Count' is invalid type 'string', expected 'int'",
  },
};

/**
 * The valid `TestJobJSONHandling` vectors decode a job without tasks: the Go
 * test checks only Count. The SDK's reader validates the whole job, so this
 * minimal task is added to each; it has no bearing on Count.
 */
const MINIMAL_TASK = { Name: 'main', Engine: { Type: 'docker', Params: { Image: 'busybox:1.37.0' } } } as const;

describe(`job vectors (${file.source})`, () => {
  it.each(JOB_VECTORS.map((v) => [v.id, v] as const))('%s', (_id, vector) => {
    expect(vector.valid, 'every job vector is invalid').toBe(false);
    const report = validateJob(vector.input);
    expect(report.valid).toBe(false);
    const expected = JOB_EXPECTED[vector.id];
    expect(expected, `no expectation for ${vector.id}`).toBeDefined();
    expect(at(report.problems), show(report.problems)).toEqual(expected);
    // The vector's own rule, with Bacalhau's wording.
    const count = report.problems.filter((p) => p.rule === 'count');
    expect(count).toHaveLength(1);
    for (const fragment of fragments(vector)) expect(count[0]?.message).toContain(fragment);
    expect(fragments(vector).length).toBeGreaterThan(0);
    // Without the ID (which the server sets) and with a task, the Count rule alone remains.
    const { ID: _omitted, ...rest } = vector.input as Record<string, unknown>;
    const alone = validateJob({ ...rest, Tasks: [MINIMAL_TASK] });
    expect(at(alone.problems), show(alone.problems)).toEqual([{ path: 'Count', rule: 'count' }]);
  });
});

describe(`decode vectors (${file.source})`, () => {
  it.each(DECODE_VECTORS.map((v) => [`${v.valid ? 'valid' : 'invalid'}: ${v.id}`, v] as const))('%s', (_title, vector) => {
    const text = JSON.stringify(vector.input);
    if (!vector.valid) {
      // The CLI's job-file decoder refuses these; so must the SDK's reader.
      const expected = DECODE_REFUSED[vector.id];
      expect(expected, `no expectation for ${vector.id}`).toBeDefined();
      const parsed = safeParseJob(text);
      expect(parsed.valid).toBe(false);
      expect(at(parsed.problems), show(parsed.problems)).toEqual([{ path: expected?.path, rule: expected?.rule }]);
      expect(parsed.problems[0]?.message).toContain(expected?.message);
      expect(parsed.problems[0]?.line).toBe(1);
      expect(fragments(vector).length).toBeGreaterThan(0);
      return;
    }

    // Valid vectors: Bacalhau's plain JSON decoder (the REST path), lower-case keys and `id` included.
    const input = vector.input as Readonly<Record<string, unknown>>;
    expect(Object.keys(input)).toContain('id');
    const parsedCount = vector.parsed?.['Count'];
    expect(parsedCount).toBeTypeOf('number');

    // The strict, CLI-like reader refuses them for their `id` (the README says as much).
    const strict = safeParseJob(text);
    expect(strict.valid).toBe(false);
    expect(at(strict.problems)).toContainEqual({ path: 'id', rule: 'server-set' });

    // parseJobResponse drops `id`; Count is the only thing checked.
    const spec = parseJobResponse({ ...input, tasks: [MINIMAL_TASK] });
    expect(Object.keys(spec)).not.toContain('ID');
    expect(isJobType(spec.Type)).toBe(true);
    if ('count' in input) {
      expect(spec.Count).toBe(input['count']);
      expect(spec.Count).toBe(parsedCount);
    } else {
      // The SDK never invents a Count: the server applies its default.
      expect(Object.keys(spec)).not.toContain('Count');
    }
    expect(serverCount(spec)).toBe(parsedCount);
    expectValidJob(spec);
  });

  it.each(TASK_DECODE_VECTORS.map((v) => [v.id, v] as const))('task decode vector in a job: %s', (_id, vector) => {
    expect(vector.valid).toBe(false);
    const parsed = safeParseJob(JSON.stringify({ Type: 'batch', Tasks: [vector.input] }));
    expect(parsed.valid).toBe(false);
    const network = parsed.problems.filter((p) => p.rule === 'network-type');
    expect(at(network), show(parsed.problems)).toEqual([{ path: 'Tasks[0].Network.Type', rule: 'network-type' }]);
    // Bacalhau: "unknown type"; the SDK: "unknown network type 'Network(999)'".
    expect(network[0]?.message).toContain('unknown network type');
    expect(network[0]?.message).toContain('Network(999)');
  });
});

/** The README's table (valid / invalid) for the vectors this file runs. */
const README_COUNTS = { job: { valid: 0, invalid: 2 }, decode: { valid: 7, invalid: 3 }, 'task decode': { valid: 0, invalid: 1 } };

/**
 * Whether the SDK accepts the vector, read the way its kind is read (see the
 * tests above), with only the vector's own input in question: a `job` vector
 * without the ID the server sets and with a task (its Go test has none), the
 * `task` vector's docker engine with an Image (a compute-node check, see
 * test/validation-vectors.test.ts).
 */
function sdkAccepts(vector: Vector): boolean {
  if (vector.kind === 'job') {
    const { ID: _omitted, ...rest } = vector.input as Record<string, unknown>;
    return validateJob({ ...rest, Tasks: [MINIMAL_TASK] }).valid;
  }
  if (vector.kind === 'task') {
    const task = vector.input as Record<string, unknown>;
    return safeParseJob(JSON.stringify({ Type: 'batch', Tasks: [{ ...task, Engine: { ...(task['Engine'] as object), Params: MINIMAL_TASK.Engine.Params } }] })).valid;
  }
  const text = JSON.stringify(vector.input);
  // Bacalhau's valid decode vectors go through its plain JSON (REST) decoder: parseJobResponse, with the minimal task;
  // its invalid ones through the CLI's job-file decoder: safeParseJob.
  if (!vector.valid) return safeParseJob(text).valid;
  try {
    parseJobResponse({ ...(vector.input as Record<string, unknown>), tasks: [MINIMAL_TASK] });
    return true;
  } catch {
    return false;
  }
}

describe("the SDK's verdicts against Bacalhau's, over every job and decode vector", () => {
  it('refuses every vector Bacalhau refuses and reads every one it accepts (README: job 0/2, decode 7/3, task decode 0/1)', () => {
    const kinds = { job: JOB_VECTORS, decode: DECODE_VECTORS, 'task decode': TASK_DECODE_VECTORS };
    const verdicts = Object.fromEntries(
      Object.entries(kinds).map(([kind, vectors]) => [
        kind,
        {
          valid: vectors.filter((v) => v.valid).length,
          invalid: vectors.filter((v) => !v.valid).length,
          disagreements: vectors.filter((v) => sdkAccepts(v) !== v.valid).map((v) => v.id),
        },
      ]),
    );
    if (process.env['BACALHAU_JOBS_VERBOSE'] === '1') console.log(`job/decode vectors: ${JSON.stringify(verdicts)}`);
    expect(verdicts).toEqual(Object.fromEntries(Object.entries(README_COUNTS).map(([kind, counts]) => [kind, { ...counts, disagreements: [] }])));
  });

  it("names in its expectation tables exactly the vectors Bacalhau refuses, and the SDK reports each table's rule", () => {
    // A table entry for a vector that is not there (or not a rejection) would be an expectation never checked.
    const refused = (vectors: readonly Vector[]): string[] => vectors.filter((v) => !v.valid).map((v) => v.id).sort();
    expect(Object.keys(JOB_EXPECTED).sort()).toEqual(refused(JOB_VECTORS));
    expect(Object.keys(DECODE_REFUSED).sort()).toEqual(refused(DECODE_VECTORS));
    for (const vector of DECODE_VECTORS.filter((v) => !v.valid)) {
      const expected = DECODE_REFUSED[vector.id];
      expect(at(safeParseJob(JSON.stringify(vector.input)).problems), vector.id).toEqual([{ path: expected?.path, rule: expected?.rule }]);
    }
  });

  it('leaves Count to the server for every job type: no Count read where none is written, an explicit one kept (serverCount then gives §2.1)', () => {
    for (const type of ['batch', 'service', 'ops', 'daemon'] as const) {
      const bare = parseJobResponse({ type, tasks: [MINIMAL_TASK] });
      expect(Object.keys(bare), type).not.toContain('Count');
      expect(serverCount(bare), type).toBe(type === 'batch' || type === 'service' ? 1 : 0);
    }
    // Explicit Counts the server keeps as written (0 for batch, 3 for service, 1 for ops: all valid on submission).
    for (const [type, count] of [['batch', 0], ['service', 3], ['ops', 1]] as const) {
      const spec = parseJobResponse({ type, count, tasks: [MINIMAL_TASK] });
      expect(spec.Count, type).toBe(count);
      expect(serverCount(spec), type).toBe(count);
    }
  });
});
