/**
 * Every job file of ../shared/conformance (except swagger.json,
 * validation-vectors.json and README.md) through the SDK's readers, writers
 * and builder, with the outcome expected of the SDK next to Bacalhau's own
 * outcome from the conformance README.
 *
 * The table below is written out by hand: a file added to the directory (or
 * removed from it) makes the verdict test fail until it gets a row; that test
 * also holds the SDK's verdict on each file to the README's outcome.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Job, parseJob, parseJobResponse, safeParseJob, toJSON, toYAML, type JobSpec, type Problem, type ProblemRule } from '../src/index.js';
import { ERRATA, expectValidJob, expectValidTask, swaggerValidator, validateSwaggerJob } from './swagger.js';

const CONFORMANCE_DIR = fileURLToPath(new URL('../../shared/conformance/', import.meta.url));
/** Files in the directory that are not job files. */
const NOT_JOB_FILES = ['README.md', 'swagger.json', 'validation-vectors.json'];

/** A warning or problem, by where it is and which rule it breaks. */
interface At {
  readonly path: string;
  readonly rule: ProblemRule;
}

interface RowBase {
  /** Bacalhau's outcome, from the conformance README (shortened). */
  readonly bacalhau: string;
  /** Why the SDK's outcome is what it is. */
  readonly reason: string;
}

type Row = RowBase &
  (
    | {
        /** `safeParseJob` accepts it; the spec round-trips through YAML, JSON and `Job.from`, and passes the strict swagger schema. */
        readonly sdk: 'accepted';
        /** The exact warnings (path and rule). */
        readonly warnings: readonly At[];
      }
    | {
        /** `safeParseJob` refuses it. */
        readonly sdk: 'rejected';
        /** The rule every problem has. */
        readonly rule: ProblemRule;
        /** A fragment every problem's message contains. */
        readonly fragment?: string;
        /** The (1-based) lines of the problems, in ascending order; `[]` when the problems have no line. */
        readonly lines: readonly number[];
      }
    | {
        /** Bacalhau ignores some keys without a word; the SDK refuses them as unknown keys. */
        readonly sdk: 'silently-wrong';
        /** Every `unknown-key` problem's path, exactly. */
        readonly unknownKeys: readonly string[];
        /** For some unknown keys: the key the message must suggest ("did you mean 'X'?"). */
        readonly didYouMean: Readonly<Record<string, string>>;
        /** The problems that are not `unknown-key`, exactly. */
        readonly otherProblems: readonly At[];
        /** The exact warnings (path and rule). */
        readonly warnings: readonly At[];
      }
    | {
        /** A REST request or response body (`{"Job": …}`): not a job file, but `parseJobResponse` reads it. */
        readonly sdk: 'rest-body';
      }
  );

const DOCKER_PARAMS_META =
  "The task-level Meta sits inside the docker engine's Params, where Bacalhau's docker decoder ignores it (README: 'is ignored'); the SDK knows every docker param and refuses it.";

const TABLE: Readonly<Record<string, Row>> = {
  'custom-task-type.yaml': {
    bacalhau: 'accepted, cannot run (no node supports flibble)',
    sdk: 'accepted',
    reason: 'A non-built-in engine type is legal on the wire (plugins); the SDK accepts it with a custom-type warning.',
    warnings: [{ path: 'Tasks[0].Engine.Type', rule: 'custom-type' }],
  },
  'docker-hello.yaml': {
    bacalhau: 'accepted',
    sdk: 'accepted',
    reason: 'Lower-case keys are matched case-insensitively, as Go does, and come out canonical.',
    warnings: [],
  },
  'docker-output.json': { bacalhau: 'accepted, completes', sdk: 'accepted', reason: 'A plain docker job in JSON.', warnings: [] },
  'docker-output.yaml': { bacalhau: 'accepted, completes', sdk: 'accepted', reason: 'A plain docker job.', warnings: [] },
  'docker-s3.yaml': { bacalhau: 'accepted, completes (with AWS credentials)', sdk: 'accepted', reason: 'A valid s3 input source.', warnings: [] },
  'docker.yaml': { bacalhau: 'accepted, completes', sdk: 'accepted', reason: 'A plain docker job.', warnings: [] },
  'empty.yaml': {
    bacalhau: 'rejected: "empty/nil job"',
    sdk: 'rejected',
    reason: 'A 0-byte file holds no job.',
    rule: 'required',
    fragment: 'empty/nil job',
    lines: [],
  },
  'nameless.yaml': {
    bacalhau: 'accepted, completes',
    sdk: 'accepted',
    reason: 'Name is optional; the noop engine exists only on test nodes, hence the warning.',
    warnings: [{ path: 'Tasks[0].Engine.Type', rule: 'test-only-type' }],
  },
  'noop.yaml': {
    bacalhau: 'accepted, completes',
    sdk: 'accepted',
    reason: 'The noop engine exists only on test nodes, hence the warning (the noop publisher is a real one).',
    warnings: [{ path: 'Tasks[0].Engine.Type', rule: 'test-only-type' }],
  },
  'wasm.yaml': { bacalhau: 'accepted, completes', sdk: 'accepted', reason: 'Current-format WASM with an inline module.', warnings: [] },
  'wasm_legacy.yaml': {
    bacalhau: 'accepted, completes (converted by the orchestrator)',
    sdk: 'accepted',
    reason: 'Legacy WASM (EntryModule as an input source) is still accepted, with a deprecation warning.',
    warnings: [{ path: 'Tasks[0].Engine.Params.EntryModule', rule: 'deprecated' }],
  },
  'integration-19-basic-daemon-job-v1.yml': { bacalhau: 'accepted', sdk: 'accepted', reason: 'A daemon job.', warnings: [] },
  'integration-19-basic-daemon-job-v2.yml': { bacalhau: 'accepted (update of v1)', sdk: 'accepted', reason: 'A daemon job.', warnings: [] },
  'integration-19-basic-hello-world-v1.yml': { bacalhau: 'accepted, 2 executions', sdk: 'accepted', reason: 'A batch job with Count 2.', warnings: [] },
  'integration-19-basic-hello-world-v2.yml': { bacalhau: 'accepted (update, Version 2)', sdk: 'accepted', reason: 'A batch job with Count 2.', warnings: [] },
  'integration-20-s3managed-publisher.yml': {
    bacalhau: 'accepted, completes (S3Managed configured)',
    sdk: 'accepted',
    reason: 'The s3managed publisher takes no params.',
    warnings: [],
  },
  'integration-hello_world.yml': { bacalhau: 'accepted, completes', sdk: 'accepted', reason: 'A plain docker job.', warnings: [] },
  'integration-log_emitter.yml': { bacalhau: 'accepted', sdk: 'accepted', reason: 'A docker job with a local publisher.', warnings: [] },
  'integration-unsupported_engine_type.yml': {
    bacalhau: 'accepted, cannot run (no node supports vroomvroom)',
    sdk: 'accepted',
    reason: 'A non-built-in engine type is legal on the wire (plugins); the SDK accepts it with a custom-type warning.',
    warnings: [{ path: 'Tasks[0].Engine.Type', rule: 'custom-type' }],
  },
  'docs-type-1.yaml': {
    bacalhau: 'accepted (Meta inside docker Params ignored)',
    sdk: 'silently-wrong',
    reason: DOCKER_PARAMS_META,
    unknownKeys: ['Tasks[0].Engine.Params.Meta'],
    didYouMean: {},
    otherProblems: [],
    // Label keys with spaces cannot be selected with `bacalhau job list --labels`.
    warnings: [
      { path: 'Labels["Some option"]', rule: 'label' },
      { path: 'Labels["Some other option"]', rule: 'label' },
    ],
  },
  'docs-type-2.yaml': {
    bacalhau: 'rejected as-is (template / YAML flow mapping)',
    sdk: 'rejected',
    reason: 'Unquoted {{…}} placeholders are YAML flow mappings used as keys: a syntax error at each placeholder line.',
    rule: 'syntax',
    lines: [75, 77, 79],
  },
  'docs-type-3.yaml': {
    bacalhau: 'rejected as-is (template / YAML flow mapping)',
    sdk: 'rejected',
    reason: 'Unquoted {{…}} placeholders are YAML flow mappings used as keys: a syntax error at each placeholder line.',
    rule: 'syntax',
    lines: [74, 76, 78],
  },
  'docs-type-4.yaml': {
    bacalhau: 'accepted (Meta inside docker Params ignored)',
    sdk: 'silently-wrong',
    reason: DOCKER_PARAMS_META,
    unknownKeys: ['Tasks[0].Engine.Params.Meta'],
    didYouMean: {},
    otherProblems: [],
    warnings: [
      { path: 'Labels["Job type"]', rule: 'label' },
      { path: 'Labels["Daemon job feature"]', rule: 'label' },
      // localDirectory is the deprecated alias of local, Full the deprecated alias of Host.
      { path: 'Tasks[0].InputSources[0].Source.Type', rule: 'deprecated' },
      { path: 'Tasks[0].InputSources[1].Source.Type', rule: 'deprecated' },
      { path: 'Tasks[0].Network.Type', rule: 'deprecated' },
      { path: 'Tasks[0].Timeouts.TotalTimeout', rule: 'job-type' },
      // A service job never completes, so its Publisher never publishes.
      { path: 'Tasks[0].Publisher', rule: 'job-type' },
    ],
  },
  'docs-s3managed-1.yaml': { bacalhau: 'accepted (S3Managed configured)', sdk: 'accepted', reason: 'Lower-case keys, s3managed publisher.', warnings: [] },
  'docs-timeouts-1.yaml': { bacalhau: 'accepted', sdk: 'accepted', reason: 'Integer-second timeouts, no TotalTimeout.', warnings: [] },
  'docs-resource-requirements-1.yaml': { bacalhau: 'accepted (needs a GPU node)', sdk: 'accepted', reason: 'Valid resource strings.', warnings: [] },
  'docs-mounting-input-data-1.yaml': {
    bacalhau: 'accepted, cannot run (Params.Path ignored)',
    sdk: 'silently-wrong',
    reason: "The local source's key is SourcePath: Path is ignored, so SourcePath is missing too.",
    unknownKeys: ['Tasks[0].InputSources[0].Source.Params.Path'],
    didYouMean: { 'Tasks[0].InputSources[0].Source.Params.Path': 'SourcePath' },
    otherProblems: [{ path: 'Tasks[0].InputSources[0].Source.Params.SourcePath', rule: 'required' }],
    warnings: [],
  },
  'docs-mounting-input-data-2.yaml': { bacalhau: 'accepted', sdk: 'accepted', reason: 's3 input with a single-object Key.', warnings: [] },
  'docs-mounting-input-data-3.yaml': { bacalhau: 'accepted', sdk: 'accepted', reason: 'urlDownload input.', warnings: [] },
  'docs-mounting-input-data-4.yaml': { bacalhau: 'accepted (needs IPFS)', sdk: 'accepted', reason: 'ipfs input.', warnings: [] },
  'docs-s3-partitioning-1.yaml': { bacalhau: 'accepted', sdk: 'accepted', reason: 'Lower-case keys, object partitioning.', warnings: [] },
  'docs-s3-partitioning-2.yaml': {
    bacalhau: 'accepted (outputs: silently ignored)',
    sdk: 'silently-wrong',
    reason: 'The wire key is ResultPaths; `outputs` is ignored by Bacalhau.',
    unknownKeys: ['Tasks[0].outputs'],
    didYouMean: { 'Tasks[0].outputs': 'ResultPaths' },
    otherProblems: [],
    warnings: [],
  },
  'docs-publishing-results-1.yaml': { bacalhau: 'accepted', sdk: 'accepted', reason: 's3 publisher with Bucket and Key.', warnings: [] },
  'docs-publishing-results-2.yaml': { bacalhau: 'accepted', sdk: 'accepted', reason: 'ipfs publisher.', warnings: [] },
  'docs-publishing-results-3.yaml': { bacalhau: 'accepted', sdk: 'accepted', reason: 'local publisher.', warnings: [] },
  'docs-submitting-jobs-1.yaml': { bacalhau: 'accepted', sdk: 'accepted', reason: 'Docker with only an Entrypoint.', warnings: [] },
  'docs-run-1.yaml': { bacalhau: 'accepted', sdk: 'accepted', reason: 'Lower-case keys.', warnings: [] },
  'docs-run-2.yaml': {
    bacalhau: 'CLI: rejected without -V; --no-template/REST: accepted',
    sdk: 'accepted',
    reason:
      'The {{…}} sit inside a plain scalar (`echo {{.greeting}} {{.name}}`), which is valid YAML; as data the spec is fine (REST / --no-template), but `bacalhau job run` would evaluate them as a Go template, hence the template warning.',
    warnings: [{ path: 'Tasks[0].Engine.Params.Parameters[1]', rule: 'template' }],
  },
  'docs-run-3.yaml': {
    bacalhau: 'rejected (YAML→JSON conversion)',
    sdk: 'rejected',
    reason: '`{ { … } }` is a flow mapping used as a key: a syntax error at each placeholder line.',
    rule: 'syntax',
    lines: [11, 13, 15],
  },
  'docs-run-4.yaml': {
    bacalhau: 'rejected (YAML→JSON conversion)',
    sdk: 'rejected',
    reason: '`{ { … } }` is a flow mapping used as a key: a syntax error at each placeholder line.',
    rule: 'syntax',
    lines: [12, 18, 19, 20, 21],
  },
  'docs-queueing-1.yaml': { bacalhau: 'accepted', sdk: 'accepted', reason: 'QueueTimeout without TotalTimeout.', warnings: [] },
  'docs-partitioning-1.yaml': { bacalhau: 'accepted', sdk: 'accepted', reason: 'Count 3.', warnings: [] },
  'docs-quick-start-1.yaml': { bacalhau: 'accepted', sdk: 'accepted', reason: 'urlDownload input, local publisher.', warnings: [] },
  'docs-downloading-results-1.yaml': { bacalhau: 'accepted', sdk: 'accepted', reason: 's3 publisher.', warnings: [] },
  'docs-gpu-1.yaml': {
    bacalhau: 'accepted, silently wrong (3 keys ignored)',
    sdk: 'silently-wrong',
    reason: 'Entrypoint/Parameters belong under Engine.Params, and the task key is Resources: Bacalhau ignores all three.',
    unknownKeys: ['Tasks[0].Engine.Entrypoint', 'Tasks[0].Engine.Parameters', 'Tasks[0].ResourcesConfig'],
    didYouMean: { 'Tasks[0].ResourcesConfig': 'Resources' },
    otherProblems: [],
    warnings: [],
  },
  'docs-api-jobs-1.json': {
    bacalhau: 'REST: accepted (CreateTime ignored); job run: rejected',
    sdk: 'rest-body',
    reason: 'A PutJobRequest body: parseJobResponse reads it and drops CreateTime.',
  },
  'docs-api-jobs-2.json': {
    bacalhau: 'REST resubmit: accepted with warnings; job run: rejected',
    sdk: 'rest-body',
    reason: 'A GET response: parseJobResponse drops ID, State, Version, Revision, times and bacalhau.org/ Meta.',
  },
};

const SERVER_SET = ['ID', 'State', 'Version', 'Revision', 'CreateTime', 'ModifyTime'];

const read = (file: string): string => readFileSync(`${CONFORMANCE_DIR}${file}`, 'utf8');

/** Bacalhau's verdict on a file, from its README row: the Outcome column's first words. */
type ReadmeVerdict = 'accepted' | 'rejected' | 'depends on the path';

/** The README's "Files" table: each file's Outcome, as Bacalhau's verdict. */
function readmeRows(): Map<string, { readonly verdict: ReadmeVerdict }> {
  const rows = new Map<string, { verdict: ReadmeVerdict }>();
  const files = read('README.md').split('## validation-vectors.json')[0] ?? '';
  for (const line of files.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    const file = /^`([^`]+)`$/.exec(cells[1] ?? '')?.[1];
    if (file === undefined || NOT_JOB_FILES.includes(file)) continue;
    const outcome = (cells[3] ?? '').replaceAll('**', '');
    const verdict: ReadmeVerdict = /^accepted\b/.test(outcome) ? 'accepted' : /^rejected\b/.test(outcome) ? 'rejected' : 'depends on the path';
    rows.set(file, { verdict });
  }
  return rows;
}
const at = (problems: readonly Problem[]): At[] => problems.map(({ path, rule }) => ({ path, rule }));
const show = (problems: readonly Problem[]): string => problems.map((p) => `${p.line ?? '-'}:${p.column ?? '-'} ${p.path} (${p.rule}) ${p.message}`).join('\n');
const byPath = (a: At, b: At): number => `${a.path} ${a.rule}`.localeCompare(`${b.path} ${b.rule}`);

/** The SDK's outcome per file, for the closing summary. */
const summary = new Map<string, string>();

function checkAccepted(text: string, row: Extract<Row, { sdk: 'accepted' }>): string {
  const parsed = safeParseJob(text);
  expect(parsed.problems, show(parsed.problems)).toEqual([]);
  expect(parsed.valid).toBe(true);
  const spec = parsed.spec as JobSpec;
  expect(at(parsed.warnings).sort(byPath), show(parsed.warnings)).toEqual([...row.warnings].sort(byPath));
  for (const warning of parsed.warnings) expect(warning.line, `${warning.path} has a line`).toBeTypeOf('number');

  // YAML round trip; toYAML reports the same template warnings the reader did.
  const yamlWarnings: Problem[] = [];
  const yaml = toYAML(spec, { onWarning: (w) => yamlWarnings.push(w) });
  expect(at(yamlWarnings).sort(byPath)).toEqual(row.warnings.filter((w) => w.rule === 'template').sort(byPath));
  expect(parseJob(yaml)).toStrictEqual(spec);
  // JSON round trip.
  expect(parseJob(toJSON(spec))).toStrictEqual(spec);
  // Builder round trip.
  expect(Job.from(spec).build()).toStrictEqual(spec);
  // Only keys and shapes Bacalhau's models know.
  expectValidJob(spec);
  return row.warnings.length === 0 ? 'accepted' : `accepted, warns ${[...new Set(row.warnings.map((w) => w.rule))].join(', ')}`;
}

function checkRejected(text: string, row: Extract<Row, { sdk: 'rejected' }>): string {
  const parsed = safeParseJob(text);
  expect(parsed.valid).toBe(false);
  expect(parsed.spec).toBeUndefined();
  expect(parsed.problems.length).toBeGreaterThan(0);
  expect(parsed.warnings).toEqual([]);
  for (const problem of parsed.problems) {
    expect(problem.rule, show([problem])).toBe(row.rule);
    if (row.fragment !== undefined) expect(problem.message).toContain(row.fragment);
  }
  const lines = parsed.problems.map((p) => p.line);
  if (row.lines.length === 0) {
    expect(lines.every((line) => line === undefined)).toBe(true);
  } else {
    expect([...lines].sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(row.lines);
    // Each line really is a placeholder line of the file.
    const textLines = text.split('\n');
    for (const line of row.lines) expect(textLines[line - 1], `line ${line}`).toContain('{');
  }
  expect(() => parseJob(text)).toThrow();
  return `rejected (${row.rule}${row.lines.length > 0 ? `, lines ${row.lines.join(',')}` : ''})`;
}

function checkSilentlyWrong(text: string, row: Extract<Row, { sdk: 'silently-wrong' }>): string {
  const parsed = safeParseJob(text);
  expect(parsed.valid).toBe(false);
  const unknown = parsed.problems.filter((p) => p.rule === 'unknown-key');
  expect(unknown.map((p) => p.path).sort(), show(parsed.problems)).toEqual([...row.unknownKeys].sort());
  expect(at(parsed.problems.filter((p) => p.rule !== 'unknown-key')).sort(byPath)).toEqual([...row.otherProblems].sort(byPath));
  expect(at(parsed.warnings).sort(byPath), show(parsed.warnings)).toEqual([...row.warnings].sort(byPath));
  const textLines = text.split('\n');
  for (const problem of parsed.problems) {
    expect(problem.line, `${problem.path} has a line`).toBeTypeOf('number');
    expect(problem.column, `${problem.path} has a column`).toBeTypeOf('number');
  }
  for (const problem of unknown) {
    // The line and column point at the ignored key itself.
    const key = problem.path.slice(problem.path.lastIndexOf('.') + 1);
    expect(textLines[(problem.line ?? 0) - 1]?.slice((problem.column ?? 1) - 1), problem.path).toMatch(new RegExp(`^${key}\\s*:`));
    const suggestion = row.didYouMean[problem.path];
    if (suggestion !== undefined) expect(problem.message).toContain(`did you mean '${suggestion}'`);
  }
  for (const path of Object.keys(row.didYouMean)) expect(row.unknownKeys).toContain(path);
  return `rejected (unknown-key: ${row.unknownKeys.map((p) => p.replace('Tasks[0].', '')).join(', ')})`;
}

/**
 * `value` without what Bacalhau reads as "unset": empty lists and maps at any
 * depth, empty strings inside `Resources` (the server fills those in), and an
 * empty `Publisher` (`{ Type: "" }`, what the server returns for "none").
 */
function withoutUnset(value: unknown, inResources = false): unknown {
  if (Array.isArray(value)) return value.map((item) => withoutUnset(item));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value)
    .map(([key, item]): [string, unknown] => [key, withoutUnset(item, key === 'Resources')])
    .filter(([, item]) => !(inResources && item === ''))
    .filter(([key, item]) => !(key === 'Publisher' && JSON.stringify(item) === '{"Type":""}'))
    .filter(([, item]) => !(Array.isArray(item) && item.length === 0))
    .filter(([, item]) => !(typeof item === 'object' && item !== null && !Array.isArray(item) && Object.keys(item).length === 0));
  return Object.fromEntries(entries);
}

function checkRestBody(text: string): string {
  // Not a job file: the top-level 'Job' key is the envelope.
  const parsed = safeParseJob(text);
  expect(parsed.valid).toBe(false);
  expect(at(parsed.problems)).toEqual([{ path: 'Job', rule: 'unknown-key' }]);
  expect(parsed.problems[0]?.message).toContain('parseJobResponse');
  expect(parsed.problems[0]?.line).toBeTypeOf('number');
  expect(() => parseJob(text)).toThrow();

  // The inner job as Bacalhau sends it matches swagger's models.Job (with the errata: State.StateType and Network.Type are names).
  const inner = (JSON.parse(text) as { Job: Record<string, unknown> }).Job;
  expect(validateSwaggerJob(inner), JSON.stringify(validateSwaggerJob.errors)).toBe(true);

  const spec = parseJobResponse(text);
  for (const key of SERVER_SET) expect(Object.keys(spec), key).not.toContain(key);
  for (const key of Object.keys(spec.Meta ?? {})) expect(key.startsWith('bacalhau.org/'), key).toBe(false);
  // Only the server-set keys, reserved Meta and what means "unset" (empty lists, maps and resource strings) are dropped;
  // the rest is the inner job as written.
  const expected = withoutUnset(Object.fromEntries(
    Object.entries(inner)
      .filter(([key]) => !SERVER_SET.includes(key))
      .map(([key, value]) => [
        key,
        key === 'Meta' ? Object.fromEntries(Object.entries(value as Record<string, string>).filter(([k]) => !k.startsWith('bacalhau.org/'))) : value,
      ]),
  ));
  expect(JSON.parse(JSON.stringify(spec))).toStrictEqual(expected);
  expectValidJob(spec);
  expect(Job.from(spec).build()).toStrictEqual(spec);
  // What the SDK makes of a response is a job file `bacalhau job run` accepts.
  expect(parseJob(toJSON(spec))).toStrictEqual(spec);
  const dropped = Object.keys(inner).filter((key) => SERVER_SET.includes(key));
  return `rest-body: parseJob refuses 'Job'; parseJobResponse drops ${dropped.join(', ')}${Object.keys((inner['Meta'] as object | undefined) ?? {}).length > 0 ? ', bacalhau.org/ Meta' : ''}`;
}

describe('the swagger helper (test/swagger.ts)', () => {
  const response = (JSON.parse(read('docs-api-jobs-2.json')) as { Job: Record<string, unknown> }).Job;

  it('needs its errata to accept a job as Bacalhau returns it', () => {
    expect(ERRATA.map((e) => e.definition)).toEqual(['models.Network', 'models.JobStateType']);
    const unpatched = swaggerValidator('models.Job', { errata: false });
    expect(unpatched(response)).toBe(false);
    const paths = (unpatched.errors ?? []).map((e) => e.instancePath).sort();
    expect([...new Set(paths)]).toEqual(['/State/StateType', '/Tasks/0/Network/Type']);
    expect(validateSwaggerJob(response), JSON.stringify(validateSwaggerJob.errors)).toBe(true);
    // A number is what the document promises, and what the server refuses.
    expect(validateSwaggerJob({ ...response, State: { StateType: 4 } })).toBe(false);
  });

  it('strict variants refuse keys the models do not know, at every listed level', () => {
    const task = { Name: 'main', Engine: { Type: 'docker', Params: { Image: 'alpine', Anything: { goes: 1 } } } };
    expect(() => expectValidTask(task)).not.toThrow();
    const bad: Record<string, unknown>[] = [
      { ...task, ResourcesConfig: { GPU: '1' } },
      { ...task, Engine: { ...task.Engine, Entrypoint: ['sh'] } },
      { ...task, Resources: { GPUs: '1' } },
      { ...task, Timeouts: { Execution: 10 } },
      { ...task, ResultPaths: [{ Name: 'o', Path: '/o', Mode: 'x' }] },
      { ...task, InputSources: [{ Source: { Type: 'ipfs', Params: { CID: 'Qm' } }, Target: '/in', Path: '/x' }] },
      { ...task, Network: { Type: 'Bridge', Ports: [{ Name: 'WEB', Target: 80, Protocol: 'tcp' }] } },
      { ...task, Network: { Type: 'HTTP', Domain: ['example.com'] } },
      { ...task, Network: { Type: 3 } },
    ];
    for (const value of bad) expect(() => expectValidTask(value), JSON.stringify(value)).toThrow(/models\.Task/);
    const job = { Type: 'batch', Tasks: [task] };
    expect(() => expectValidJob(job)).not.toThrow();
    expect(() => expectValidJob({ ...job, Selector: 'x' })).toThrow();
    expect(() => expectValidJob({ ...job, Constraints: [{ Key: 'a', Operator: 'exists', Value: 'x' }] })).toThrow();
    expect(() => expectValidJob({ ...job, Constraints: [{ Key: 'a', Operator: 'Exists' }] })).toThrow();
    // Without strictness, swagger lets unknown keys through.
    expect(swaggerValidator('models.Task')({ ...task, ResourcesConfig: { GPU: '1' } })).toBe(true);
  });
});

describe('conformance corpus (../shared/conformance)', () => {
  it("the SDK's verdict on every job file of the directory is Bacalhau's (README), except the departures the table states", () => {
    const files = readdirSync(CONFORMANCE_DIR)
      .filter((file) => !NOT_JOB_FILES.includes(file))
      .sort();
    for (const file of NOT_JOB_FILES) expect(readdirSync(CONFORMANCE_DIR)).toContain(file);
    // Every file is described by the README and checked in detail by a row of TABLE (below).
    const readme = readmeRows();
    expect({ readme: [...readme.keys()].sort(), table: Object.keys(TABLE).sort() }).toEqual({ readme: files, table: files });
    const verdicts = files.map((file) => {
      const text = read(file);
      const asJobFile = safeParseJob(text).valid ? 'accepts' : 'refuses';
      let asResponse: 'reads' | 'refuses' = 'reads';
      try {
        parseJobResponse(text);
      } catch {
        asResponse = 'refuses';
      }
      return { file, sdk: `${asJobFile} as a job file, ${asResponse} as a REST body` };
    });
    const expected = files.map((file) => {
      const { verdict } = readme.get(file) as { verdict: ReadmeVerdict };
      const sdk = (TABLE[file] as Row).sdk;
      // Bacalhau accepts it, and so does the SDK; unless Bacalhau ignores keys of it without a word, which the SDK refuses as
      // unknown (the 'silently-wrong' rows: each such key is checked at its line in the file below).
      if (verdict === 'accepted') {
        return { file, sdk: sdk === 'silently-wrong' ? 'refuses as a job file, refuses as a REST body' : 'accepts as a job file, reads as a REST body' };
      }
      // Bacalhau refuses it however it is sent.
      if (verdict === 'rejected') return { file, sdk: 'refuses as a job file, refuses as a REST body' };
      // REST bodies (accepted through REST only) and templates (accepted through REST or with --no-template): what REST accepts.
      return { file, sdk: sdk === 'rest-body' ? 'refuses as a job file, reads as a REST body' : 'accepts as a job file, reads as a REST body' };
    });
    expect(verdicts).toEqual(expected);
  });

  const rows = Object.entries(TABLE).sort(([a], [b]) => a.localeCompare(b));
  it.each(rows)('%s', (file, row) => {
    const text = read(file);
    switch (row.sdk) {
      case 'accepted':
        summary.set(file, checkAccepted(text, row));
        break;
      case 'rejected':
        summary.set(file, checkRejected(text, row));
        break;
      case 'silently-wrong':
        summary.set(file, checkSilentlyWrong(text, row));
        break;
      case 'rest-body':
        summary.set(file, checkRestBody(text));
        break;
    }
  });

  afterAll(() => {
    if (process.env['BACALHAU_JOBS_VERBOSE'] !== '1') return;
    const width = Math.max(...Object.keys(TABLE).map((file) => file.length));
    const bacalhauWidth = Math.max(...Object.values(TABLE).map((row) => row.bacalhau.length));
    const lines = rows.map(([file, row]) => `${file.padEnd(width)} | ${row.bacalhau.padEnd(bacalhauWidth)} | ${summary.get(file) ?? 'FAILED'}`);
    console.log(
      [`conformance summary (${rows.length} files)`, `${'file'.padEnd(width)} | ${'Bacalhau'.padEnd(bacalhauWidth)} | SDK`, `${'-'.repeat(width)}-|-${'-'.repeat(bacalhauWidth)}-|----`, ...lines].join('\n'),
    );
  });
});
