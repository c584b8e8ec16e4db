/**
 * Bacalhau's own validation test cases (../shared/conformance/validation-vectors.json),
 * run through the SDK's validator and parsers. See the conformance README,
 * section "validation-vectors.json", for what each field means.
 *
 * `job` and `decode` vectors concern job-level checks and file readers, not
 * `validateTask`, and are not run here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBytes, parseCpu, validateTask, type Problem, type ProblemRule, type ValidationReport } from '../src/index.js';

interface Vector {
  readonly id: string;
  readonly kind: string;
  readonly input: unknown;
  readonly valid: boolean;
  readonly parsed?: unknown;
  readonly error_contains?: string | readonly string[];
  readonly stage: 'submit' | 'store' | 'compute' | 'decode';
  readonly note?: string;
}

const file = JSON.parse(readFileSync(new URL('../../shared/conformance/validation-vectors.json', import.meta.url), 'utf8')) as {
  readonly source: string;
  readonly vectors: readonly Vector[];
};

const VECTORS = file.vectors.filter((vector) => vector.kind !== 'job' && vector.kind !== 'decode');

/** Where a problem is and which rule it breaks. */
interface Expected {
  readonly path: string;
  readonly rule: ProblemRule;
}

/**
 * Vectors where the SDK deliberately departs from the outcome Bacalhau's test
 * shows. Each entry states the SDK's opposite outcome; for a rejection, the
 * exact list of problems (so the test fails if the SDK starts accepting the
 * vector, or rejects it for any other reason).
 */
const EXCEPTIONS: Readonly<Record<string, { readonly reason: string } & ({ readonly outcome: 'rejected'; readonly problems: readonly Expected[] } | { readonly outcome: 'accepted' })>> = {
  'pkg/models/task_test.go:TestTaskValidation/Valid task': {
    reason:
      'The docker engine has no Params.Image, and the s3 publisher has no Params (Bucket, Key). Bacalhau checks both only on the compute node; the SDK requires them up front.',
    outcome: 'rejected',
    problems: [
      { path: 'Engine.Params.Image', rule: 'required' },
      { path: 'Publisher.Params.Bucket', rule: 'required' },
      { path: 'Publisher.Params.Key', rule: 'required' },
    ],
  },
  'pkg/models/task_test.go:TestTaskValidation/Valid environment variable': {
    reason: 'The docker engine has no Params.Image: Bacalhau checks it only on the compute node; the SDK requires it.',
    outcome: 'rejected',
    problems: [{ path: 'Engine.Params.Image', rule: 'required' }],
  },
  'pkg/models/task_test.go:TestTaskValidation/Valid network configurations': {
    reason: 'The docker engine has no Params.Image: Bacalhau checks it only on the compute node; the SDK requires it.',
    outcome: 'rejected',
    problems: [{ path: 'Engine.Params.Image', rule: 'required' }],
  },
  ...Object.fromEntries(
    ['file strategy', 'dir uppercase', 'dir mixed case', 'nocreate uppercase', 'nocreate mixed case'].map((name) => [
      `pkg/storage/local/create_strategy_test.go:${name.startsWith('file') ? 'TestCreateStrategyFromString' : 'TestCreateStrategyFromStringCaseInsensitive'}/${name}`,
      {
        reason:
          "Only CreateAs is set. Bacalhau's local-source decoder does not check SourcePath (the node's allow-list decides later); the SDK requires an absolute SourcePath. The CreateAs value itself is accepted: SourcePath is the only problem.",
        outcome: 'rejected' as const,
        problems: [{ path: 'InputSources[0].Source.Params.SourcePath', rule: 'required' as const }],
      },
    ]),
  ),
  'dustin/go-humanize@v1.0.1/bytes_test.go:TestByteErrors/(empty)': {
    reason:
      "The bare parser rejects '' (parseBytes returns undefined, checked too), but an empty Resources.Memory means \"not set\" to Bacalhau and to the SDK, so the task is accepted.",
    outcome: 'accepted',
  },
};

/**
 * Rejected vectors whose `error_contains` text the SDK words differently: the
 * rule (and path) that stands for Bacalhau's message.
 */
const RULE_FOR_MESSAGE: Readonly<Record<string, Expected>> = {
  // Bacalhau wraps the Target error as "invalid input sources"; the SDK names the field.
  'pkg/models/task_test.go:TestTaskValidation/Missing input source target': { path: 'InputSources[0].Target', rule: 'required' },
  'pkg/models/task_test.go:TestTaskValidation/Invalid timeouts': { path: 'Timeouts.ExecutionTimeout', rule: 'non-negative' },
  'pkg/models/task_test.go:TestTaskValidation/Invalid resources': { path: 'Resources.CPU', rule: 'cpu' },
  // "unknown type" is the Go decoder's wording for Network(999).
  'pkg/models/task_test.go:TestTaskValidation/Invalid network type': { path: 'Network.Type', rule: 'network-type' },
  'pkg/models/network_test.go:TestPortValidation/missing name': { path: 'Network.Ports[0].Name', rule: 'required' },
  // Bacalhau says "execution timeout"; the SDK names the wire key ExecutionTimeout.
  'pkg/models/timeout_test.go:TestValidate/NegativeExecutionTimeout': { path: 'Timeouts.ExecutionTimeout', rule: 'non-negative' },
  'pkg/models/timeout_test.go:TestValidate/NegativeTotalTimeout': { path: 'Timeouts.TotalTimeout', rule: 'non-negative' },
  // The next three carry the compute node's "invalid docker engine param: " prefix.
  'pkg/executor/docker/models/types_test.go:TestEngineSpec_Validate/Empty Image': { path: 'Engine.Params.Image', rule: 'not-blank' },
  'pkg/executor/docker/models/types_test.go:TestEngineSpec_Validate/Invalid Environment Variable with BACALHAU_ prefix': {
    path: 'Engine.Params.EnvironmentVariables[0]',
    rule: 'env-reserved',
  },
  'pkg/executor/docker/models/types_test.go:TestEngineSpec_Validate/Invalid Environment Variable with bacalhau_ prefix (lowercase)': {
    path: 'Engine.Params.EnvironmentVariables[0]',
    rule: 'env-reserved',
  },
};

/**
 * Rejected vectors whose Go test checks no message: the rule (and path) the
 * SDK must refuse each for, as its case name says. With `error_contains` and
 * {@link RULE_FOR_MESSAGE}, every rejected vector is pinned to its reason.
 */
const RULE_FOR_CASE: Readonly<Record<string, Expected>> = {
  'pkg/models/env_var_test.go:TestValidation/invalid var name with special chars': { path: 'Env["INVALID@NAME"]', rule: 'env-name' },
  'pkg/models/env_var_test.go:TestValidation/invalid lowercase var name': { path: 'Env.lowercase', rule: 'env-name' },
  'pkg/models/env_var_test.go:TestValidation/invalid var name starting with number': { path: 'Env["1VAR"]', rule: 'env-name' },
  'pkg/models/env_var_test.go:TestValidation/reserved prefix': { path: 'Env.BACALHAU_TEST', rule: 'env-reserved' },
  'pkg/models/env_var_test.go:TestValidation/multiple vars with one invalid': { path: 'Env["INVALID NAME"]', rule: 'env-name' },
  'pkg/models/network_test.go:TestNetworkConfigDomainValidation/not-a-domain': { path: 'Network.Domains[0]', rule: 'domain' },
  "pkg/models/network_test.go:TestNetworkConfigDomainValidation/don't-support-cidr": { path: 'Network.Domains[0]', rule: 'domain' },
  'pkg/models/spec_config_test.go:TestSpecConfigValidate/empty type': { path: 'Engine.Type', rule: 'not-blank' },
  'pkg/models/spec_config_test.go:TestSpecConfigNull': { path: 'Engine', rule: 'required' },
  'pkg/s3/types_test.go:TestDecodeInvalidParams/empty key': { path: 'Publisher.Params.Key', rule: 'not-blank' },
  'pkg/s3/types_test.go:TestDecodeInvalidParams/invalid encoding': { path: 'Publisher.Params.Encoding', rule: 'one-of' },
  'pkg/publisher/s3/publisher_test.go:TestValidateJob/invalid bucket': { path: 'Publisher.Params.Bucket', rule: 'not-blank' },
  'pkg/publisher/s3/publisher_test.go:TestValidateJob/invalid key': { path: 'Publisher.Params.Key', rule: 'not-blank' },
  'dustin/go-humanize@v1.0.1/bytes_test.go:TestByteErrors/16 EiB': { path: 'Resources.Memory', rule: 'bytes' },
  'BTBurke/k8sresource@v1.2.0/cpucalc_test.go:TestConvertStringToInt/Invalid suffix': { path: 'Resources.CPU', rule: 'cpu' },
};

/**
 * Problems the `task` vectors' own inputs always cause: the SDK's early checks
 * of docker and s3 publisher Params (see {@link EXCEPTIONS}). A rejected task
 * vector must be refused for something else too: its own reason.
 */
const EARLY_CHECKS: readonly Expected[] = [
  { path: 'Engine.Params.Image', rule: 'required' },
  { path: 'Publisher.Params.Bucket', rule: 'required' },
  { path: 'Publisher.Params.Key', rule: 'required' },
];

/** The part of the task that holds each kind's input: a rejection must be about it. */
const PART: Readonly<Record<string, string>> = {
  task: '',
  env: 'Env',
  network: 'Network',
  port: 'Network.Ports[0]',
  resources: 'Resources',
  timeouts: 'Timeouts',
  spec: 'Engine',
  'engine.docker': 'Engine',
  'source.local': 'InputSources[0].Source',
  'source.s3': 'InputSources[0].Source',
  'publisher.s3': 'Publisher',
  'publisher.s3managed': 'Publisher',
  bytes: 'Resources.Memory',
  cpu: 'Resources.CPU',
};

/** Whether `path` is `part` or inside it. */
const inside = (path: string, part: string): boolean => part === '' || path === part || path.startsWith(`${part}.`) || path.startsWith(`${part}[`);

const BASE_TASK = { Name: 'main', Engine: { Type: 'docker', Params: { Image: 'busybox:1.37.0' } } } as const;

/** The vector's input placed in a minimal, otherwise valid task. */
function taskFor(vector: Vector): unknown {
  const { input } = vector;
  switch (vector.kind) {
    case 'task':
      return input;
    case 'env':
      return { ...BASE_TASK, Env: input };
    case 'network':
      return { ...BASE_TASK, Network: input };
    case 'port':
      return { ...BASE_TASK, Network: { Type: 'Host', Ports: [input] } };
    case 'resources':
      return { ...BASE_TASK, Resources: input };
    case 'timeouts':
      return { ...BASE_TASK, Timeouts: input };
    case 'spec':
    case 'engine.docker':
      return { ...BASE_TASK, Engine: input };
    case 'source.local':
    case 'source.s3':
      return { ...BASE_TASK, InputSources: [{ Source: input, Target: '/in' }] };
    case 'publisher.s3':
    case 'publisher.s3managed':
      return { ...BASE_TASK, Publisher: input };
    case 'bytes':
      return { ...BASE_TASK, Resources: { Memory: input } };
    case 'cpu':
      return { ...BASE_TASK, Resources: { CPU: input } };
    default:
      throw new Error(`vector ${vector.id}: no mapping for kind '${vector.kind}'`);
  }
}

const show = (problems: readonly Problem[]): string[] => problems.map((p) => `${p.path}: ${p.message} (${p.rule})`);
const locate = (problems: readonly Problem[]): Expected[] =>
  problems.map(({ path, rule }) => ({ path, rule })).sort((a, b) => `${a.path} ${a.rule}`.localeCompare(`${b.path} ${b.rule}`));

function checkParsers(vector: Vector): void {
  if (vector.kind === 'bytes' || vector.kind === 'cpu') {
    const parse = vector.kind === 'bytes' ? parseBytes : parseCpu;
    const result = parse(vector.input as string);
    if (vector.valid) {
      expect(typeof vector.parsed).toBe('number');
      // Values above 2^53 (12.5 EB) are exact doubles; compare as BigInt so no rounding can hide a difference.
      expect(result).toBeTypeOf('number');
      expect(BigInt(result as number)).toBe(BigInt(vector.parsed as number));
      expect(result).toBe(vector.parsed);
    } else {
      expect(result).toBeUndefined();
    }
  }
  if (vector.kind === 'resources' && vector.parsed !== undefined) {
    const input = vector.input as Readonly<Record<string, string>>;
    const parsed = vector.parsed as Readonly<Record<string, number>>;
    expect(Object.keys(parsed).length).toBeGreaterThan(0);
    for (const [field, bytes] of Object.entries(parsed)) {
      const text = input[field];
      expect(text, `${field} in input`).toBeTypeOf('string');
      expect(parseBytes(text as string), field).toBe(bytes);
    }
  }
}

function expectMessage(vector: Vector, report: ValidationReport): void {
  if (vector.error_contains === undefined) return;
  const mapped = RULE_FOR_MESSAGE[vector.id];
  if (mapped !== undefined) {
    expect(locate(report.problems), show(report.problems).join('\n')).toContainEqual(mapped);
    return;
  }
  const fragments = typeof vector.error_contains === 'string' ? [vector.error_contains] : vector.error_contains;
  for (const fragment of fragments) {
    const found = report.problems.some((p) => p.message.toLowerCase().includes(fragment.toLowerCase()));
    expect(found, `no problem message contains '${fragment}':\n${show(report.problems).join('\n')}`).toBe(true);
  }
}

describe(`validation vectors (${file.source})`, () => {
  const rows = VECTORS.map((vector) => [`[${vector.kind}] ${vector.id}`, vector] as const);
  it.each(rows)('%s', (_title, vector) => {
    checkParsers(vector);
    const report = validateTask(taskFor(vector));
    expect(report.valid).toBe(report.problems.length === 0);

    const exception = EXCEPTIONS[vector.id];
    if (exception !== undefined) {
      if (exception.outcome === 'accepted') {
        expect(vector.valid, 'an "accepted" exception must be a vector Bacalhau rejects').toBe(false);
        expect(show(report.problems)).toEqual([]);
      } else {
        expect(vector.valid, 'a "rejected" exception must be a vector Bacalhau accepts').toBe(true);
        expect(locate(report.problems)).toEqual(locate(exception.problems as Problem[]));
      }
      return;
    }

    if (vector.valid) {
      expect(show(report.problems)).toEqual([]);
    } else {
      // submit: Bacalhau rejects it on submission. store/compute: Bacalhau rejects it later; the SDK checks it early.
      // decode: Bacalhau's decoder refuses it; the SDK's validator must refuse it too.
      expect(report.problems.length, `${vector.stage} vector accepted`).toBeGreaterThan(0);
      // Refused for the vector's own input: a problem in its part of the task, not only the early checks every task vector trips.
      const own = locate(report.problems).filter((p) => inside(p.path, PART[vector.kind] ?? '?') && !EARLY_CHECKS.some((e) => e.path === p.path && e.rule === p.rule));
      expect(own.length, `no problem in ${PART[vector.kind] || 'the task'} beyond the early checks:\n${show(report.problems).join('\n')}`).toBeGreaterThan(0);
      // And for its reason: Bacalhau's message, or the rule its case name says.
      if (vector.error_contains === undefined) {
        const rule = RULE_FOR_CASE[vector.id];
        expect(rule, `no RULE_FOR_CASE entry for ${vector.id}`).toBeDefined();
        expect(locate(report.problems), show(report.problems).join('\n')).toContainEqual(rule);
      }
      expectMessage(vector, report);
    }
  });
});

/** Bacalhau's verdicts in the README's table (valid / invalid), less the `job` and `decode` kinds: what this file runs. */
const README_COUNTS = { valid: 61, invalid: 39 };

describe("the SDK's verdicts against Bacalhau's, over every vector", () => {
  it("accepts the vectors Bacalhau accepts and refuses those it refuses, except exactly the listed departures", () => {
    const verdicts = VECTORS.map((vector) => ({ id: vector.id, bacalhau: vector.valid, sdk: validateTask(taskFor(vector)).valid }));
    const departures = verdicts.filter((v) => v.bacalhau !== v.sdk);
    const summary = {
      bacalhau: { valid: verdicts.filter((v) => v.bacalhau).length, invalid: verdicts.filter((v) => !v.bacalhau).length },
      // The SDK accepts the valid vectors it does not depart from, and the invalid ones it departs from.
      sdkAccepts: verdicts.filter((v) => v.sdk).length,
      departures: departures.map((v) => `${v.bacalhau ? 'refuses' : 'accepts'} ${v.id}`).sort(),
    };
    if (process.env['BACALHAU_JOBS_VERBOSE'] === '1') {
      console.log(`validation vectors: ${VECTORS.length} run (of ${file.vectors.length}; job/decode elsewhere): the SDK accepts ${summary.sdkAccepts}, refuses ${VECTORS.length - summary.sdkAccepts}; ${departures.length} departures`);
    }
    const listed = Object.entries(EXCEPTIONS).map(([id, exception]) => `${exception.outcome === 'accepted' ? 'accepts' : 'refuses'} ${id}`);
    const listedRefusals = Object.values(EXCEPTIONS).filter((exception) => exception.outcome === 'rejected').length;
    expect(summary).toEqual({
      bacalhau: README_COUNTS,
      sdkAccepts: README_COUNTS.valid - listedRefusals + (listed.length - listedRefusals),
      departures: listed.sort(),
    });
  });

  it("refuses every vector pinned to a rule for that rule (RULE_FOR_MESSAGE, RULE_FOR_CASE), and the vectors are Bacalhau's rejections", () => {
    const byId = new Map(VECTORS.map((vector) => [vector.id, vector]));
    for (const [id, expected] of [...Object.entries(RULE_FOR_MESSAGE), ...Object.entries(RULE_FOR_CASE)]) {
      const vector = byId.get(id);
      expect(vector?.valid, `${id}: not a vector Bacalhau rejects`).toBe(false);
      expect(locate(validateTask(taskFor(vector as Vector)).problems), id).toContainEqual(expected);
    }
  });
});
