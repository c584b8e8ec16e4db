/**
 * The input side of the differential suite: job specs, as users write them,
 * on which the SDK's verdict is compared with Bacalhau's own.
 *
 * - About 30% are valid jobs of all four types, built with the SDK's real
 *   builders over their whole surface and written with `toYAML` / `toJSON`
 *   (a share with lowercase or camelCase keys, which Bacalhau's decoder
 *   matches case-insensitively).
 * - About 70% start from such a job's wire object, get 1–3 {@link MUTATIONS}
 *   and are written with the `yaml` package (YAML 1.1, as Bacalhau reads it)
 *   or `JSON.stringify`.
 *
 * Everything is deterministic from the seed: fast-check draws every choice
 * (`fc.sample(…, { seed })`), and the few choices a mutation makes while it
 * is applied come from a small PRNG seeded by fast-check.
 *
 * A helper module for the tests, not a test itself.
 */
import fc from 'fast-check';
import { stringify as yamlStringify } from 'yaml';
import {
  Job,
  PROBLEM_RULES as SDK_PROBLEM_RULES,
  Task,
  engine,
  network,
  publisher,
  source,
  toJSON,
  toYAML,
  type JobSpec,
  type JobType,
  type ProblemRule,
} from '../../src/index.js';

// ---------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------

export type SpecFormat = 'yaml' | 'json';

export interface GeneratedSpec {
  /** Stable: `gen-<seed>-<index>`. */
  readonly id: string;
  /** The spec as a user would write it. */
  readonly text: string;
  readonly format: SpecFormat;
  /** The job type of the valid job the spec was made from (a mutation may change or break `Type`). */
  readonly jobType: JobType;
  /** Ids of the {@link MUTATIONS} applied, in the order applied; empty for valid specs. */
  readonly mutations: readonly string[];
}

/** The choices a mutation makes while it is applied (seeded, so deterministic). */
export interface MutationRandom {
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** One of `items` (not empty). */
  pick<T>(items: readonly T[]): T;
  /** True with the given probability. */
  chance(probability: number): boolean;
}

/** A ProblemRule of the SDK, or `none` for a change after which the spec should still be valid. */
export type MutationRule = ProblemRule | 'none';

export interface Mutation {
  /** Short and stable, e.g. `unknown-key.task`, `cpu.malformed`. */
  readonly id: string;
  /** The SDK rule the change targets (a problem, or a warning for warning-only rules), or `none`. */
  readonly rule: MutationRule;
  readonly description: string;
  /** Changes `job` (a wire object) in place; false, with `job` unchanged, when the change does not apply to it. */
  apply(job: Record<string, unknown>, random: MutationRandom): boolean;
  /**
   * What the change touches. Two mutations sharing a tag are never applied to
   * the same spec (one could undo the other); `job.tasks` covers every `task.*` tag.
   */
  readonly tags: readonly string[];
  /** The formats the change can be written in (default: both). */
  readonly formats?: readonly SpecFormat[];
  /** A change to the written text, applied after serialisation (syntax mistakes). */
  readonly text?: (text: string, format: SpecFormat) => string;
  /** `first`: applied before the other mutations (key case changes, so that later ones find the renamed keys). */
  readonly phase?: 'first';
  /** The change hides every other problem from the SDK (a syntax error, the envelope, …), so it is only ever applied alone. */
  readonly exclusive?: boolean;
}

// ---------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------

/** Every ProblemRule: the keys of the SDK's own rule catalogue. */
export const PROBLEM_RULES: readonly ProblemRule[] = Object.freeze(Object.keys(SDK_PROBLEM_RULES) as ProblemRule[]);

/** Rules no spec can trigger, and why. */
export const NOT_TRIGGERABLE_FROM_SPEC: Readonly<Partial<Record<ProblemRule, string>>> = Object.freeze({
  'helper-role':
    "builder-only: a typed helper's result passed in another role (`.engine(publisher.s3(…))` from JavaScript); a spec on the wire carries no helper, only a Type, which `custom-type` covers",
  duration:
    "builder-only: `.timeouts({ execution: '10 minutes' })` reports a malformed duration string; on the wire a string timeout is a `type` problem (Bacalhau takes integer seconds only)",
});

// ---------------------------------------------------------------------------
// A small seeded PRNG for the choices mutations make (mulberry32)
// ---------------------------------------------------------------------------

export function createRandom(seed: number): MutationRandom {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
    chance: (probability) => next() < probability,
  };
}

// ---------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------

const IMAGES = [
  'busybox:1.37.0',
  'alpine:3.20',
  'ubuntu:24.04',
  'python:3.12-slim',
  'nginx:1.27',
  'ghcr.io/bacalhau-project/examples/hello:v1',
  'localhost:5000/team/app:latest',
  `alpine@sha256:${'0123456789abcdef'.repeat(4)}`,
] as const;
const WASM_DATA_URL = 'data:application/wasm;base64,AGFzbQEAAAA=';
const CIDS = ['QmY7Yh4UquoXHLPFo2XbhXkhBvFoPwmQUSa92pxnxjQuPU', 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi'] as const;
const DOWNLOAD_URLS = [
  'https://example.com/stopwords.txt',
  'http://example.org/data/file.csv?version=2',
  'https://raw.githubusercontent.com/org/repo/main/README.md',
  'https://example.com/models/weights.bin#part',
] as const;
const INLINE_URLS = ['data:,hello%20world', 'data:text/plain;base64,aGVsbG8=', 'data:application/json,{"a":1}', 'data:application/gzip;base64,H4sIAAAAAAAAAwMAAAAAAAAAAAA='] as const;
/** Strings YAML 1.1, JSON or terminals treat specially; valid as names, values and meta. */
const AWKWARD = ['yes', 'no', 'on', 'off', 'y', 'n', 'true', 'null', '~', '0755', '1e3', '1_000', '.inf', '2001-12-14', '12:30', 'a: b', '#hash', '- x', '[x]', '"quoted"', "it's", '日本語', 'é', '😀', 'with space', ' padded ', '$HOME', '%s', '*alias', '&anchor', '!tag', '@at', '`tick`', '|', '>'] as const;
const SERVER_SET = ['ID', 'State', 'Version', 'Revision', 'CreateTime', 'ModifyTime'] as const;

// ---------------------------------------------------------------------------
// Valid jobs: recipes (plain data drawn by fast-check) built with the builders
// ---------------------------------------------------------------------------

type Dict = Readonly<Record<string, string>>;

type EngineRecipe =
  | {
      readonly kind: 'docker';
      readonly image: string;
      readonly entrypoint?: readonly string[];
      readonly parameters?: readonly string[];
      readonly environmentVariables?: Dict;
      readonly workingDirectory?: string;
    }
  | {
      readonly kind: 'wasm';
      /** Where the module is mounted, and how EntryModule names it (with or without the leading '/', or the mounted directory's file). */
      readonly target: string;
      readonly entryModule: string;
      readonly moduleSource: SourceRecipe;
      readonly entrypoint?: string;
      readonly parameters?: readonly string[];
      readonly importModules: number;
    };

type SourceRecipe =
  | { readonly kind: 's3'; readonly options: Parameters<typeof source.s3>[0] }
  | { readonly kind: 'urlDownload'; readonly url: string }
  | { readonly kind: 'ipfs'; readonly cid: string }
  | { readonly kind: 'inline'; readonly url: `data:${string}` }
  | { readonly kind: 'local'; readonly path: string; readonly options: Parameters<typeof source.local>[1] };

type PublisherRecipe =
  | { readonly kind: 'noop' | 'local' | 'ipfs' | 's3managed' }
  | { readonly kind: 's3'; readonly options: Parameters<typeof publisher.s3>[0] };

type PortRecipe = { readonly name: string; readonly static?: number; readonly target?: number; readonly hostNetwork?: string };

type NetworkRecipe =
  | { readonly kind: 'none' | 'default' }
  | { readonly kind: 'http'; readonly domains: readonly string[] }
  | { readonly kind: 'host' | 'bridge'; readonly ports: readonly PortRecipe[] };

type Duration = number | string;

interface TaskRecipe {
  readonly name: string;
  readonly engine: EngineRecipe;
  readonly inputs: readonly { readonly source: SourceRecipe; readonly target: string; readonly alias?: string }[];
  readonly publisher?: PublisherRecipe;
  readonly results: readonly (readonly [string, string])[];
  readonly env: Dict;
  readonly envOneByOne: boolean;
  readonly meta: Dict;
  readonly resources?: Readonly<Record<string, string | number>>;
  readonly network?: NetworkRecipe;
  readonly timeouts?: Readonly<Record<string, Duration>>;
}

type ConstraintRecipe = readonly [key: string, operator: string, values: readonly string[] | undefined];

export interface JobRecipe {
  readonly jobType: JobType;
  readonly name: string;
  readonly namespace?: string;
  readonly priority?: number;
  readonly count?: number;
  readonly labels: Dict;
  readonly labelsOneByOne: boolean;
  readonly meta: Dict;
  readonly constraints: readonly ConstraintRecipe[];
  readonly task: TaskRecipe;
  /** How the task reaches `.task(…)`: a callback, a task builder, or a built task. */
  readonly taskVia: 'callback' | 'builder' | 'spec';
  /** Rebuild through `Job.from(spec)` (with a new Count for batch/service). */
  readonly viaFrom: boolean;
}

/** `arbitrary` one time in `1 + skip`, else nothing: keeps each spec small while every part still comes up often. */
function sometimes<T>(arbitrary: fc.Arbitrary<T>, skip = 1): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: skip, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });
}

const pickOne = <T>(...values: T[]): fc.Arbitrary<T> => fc.constantFrom(...values);

/** A dictionary with keys from `keys` (each at most once) and values from `values`. */
function dict(keys: readonly string[], values: fc.Arbitrary<string>, maxKeys: number): fc.Arbitrary<Dict> {
  return fc.uniqueArray(fc.tuple(fc.constantFrom(...keys), values), { maxLength: maxKeys, selector: ([key]) => key }).map((entries) => {
    const record: Record<string, string> = {};
    for (const [key, value] of entries) record[key] = value;
    return record;
  });
}

const plainName = fc.stringMatching(/^[a-z][a-z0-9-]{0,14}[a-z0-9]$/);
const jobName = fc.oneof(
  { weight: 4, arbitrary: pickOne('hello', 'nightly-etl', 'word-count', 'train-42', 'web', 'node-exporter', 'rotate-logs') },
  { weight: 3, arbitrary: plainName },
  { weight: 2, arbitrary: pickOne(...AWKWARD) },
);
const taskName = fc.oneof(
  { weight: 4, arbitrary: pickOne('main', 'word-count', 'task-1', 'étape', 'step_2') },
  { weight: 2, arbitrary: plainName },
  { weight: 1, arbitrary: pickOne(...AWKWARD) },
);
const freeValue = fc.oneof({ weight: 3, arbitrary: pickOne('data-team', 'OPS-12', 'v1.2.3', 'fast', 'C.UTF-8', 'a=b', 'x y z') }, { weight: 2, arbitrary: pickOne(...AWKWARD) }, { weight: 1, arbitrary: plainName });
const labelKey = pickOne('team', 'env', 'tier', 'app.kubernetes.io/name', 'example.com/owner', 'x_1', 'Version');
const labelValue = pickOne('data', 'prod', 'v1.2.3', 'a_b-c.d', '', 'X');
const constraintKey = pickOne('Operating-System', 'Architecture', 'GPU-0', 'region', 'zone', 'node.bacalhau.org/tier', 'favour_region', 'favour_Architecture');
const constraintValue = pickOne('linux', 'amd64', 'arm64', 'eu-west-1', 'us-east-1', 'a_b', 'v1.0', '');

const constraint: fc.Arbitrary<ConstraintRecipe> = fc.oneof(
  fc.tuple(constraintKey, pickOne('exists', '!'), fc.constant(undefined)),
  fc.tuple(constraintKey, pickOne('in', 'notin'), fc.array(constraintValue, { minLength: 1, maxLength: 3 })),
  fc.tuple(constraintKey, pickOne('=', '==', '!='), constraintValue.map((value) => [value])),
  fc.tuple(constraintKey, pickOne('gt', 'lt'), pickOne('0', '4', '16', '007', '9007199254740993').map((value) => [value])),
);

const s3Partition: fc.Arbitrary<NonNullable<Parameters<typeof source.s3>[0]['partition']>> = fc.oneof(
  pickOne({ type: 'none' as const }, { type: 'object' as const }),
  pickOne('(\\d{4})-(\\d{2})', '^logs/(.*)$', '(?P<day>\\d+)', '(?i)part-(\\d+)').map((pattern) => ({ type: 'regex' as const, pattern })),
  fc.tuple(fc.nat(5), fc.integer({ min: 1, max: 5 })).map(([startIndex, length]) => ({ type: 'substring' as const, startIndex, endIndex: startIndex + length })),
  pickOne('2006-01-02', '20060102', '2006/01/02T15').map((dateFormat) => ({ type: 'date' as const, dateFormat })),
);

const s3SourceOptions: fc.Arbitrary<Parameters<typeof source.s3>[0]> = fc
  .record(
    {
      bucket: pickOne('my-data', 'bacalhau-test-datasets', 'b'),
      key: pickOne('texts/', 'logs/*', 'data.csv', 'a/b/c.parquet', ''),
      filter: pickOne('.*\\.csv$', '^2024-', '[a-z]+_\\d+'),
      region: pickOne('us-east-1', 'eu-west-1'),
      endpoint: pickOne('https://storage.googleapis.com', 'http://127.0.0.1:9000'),
      versionId: pickOne('3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY'),
      checksumSha256: pickOne('47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='),
      partition: s3Partition,
    },
    { requiredKeys: ['bucket'] },
  )
  .map((options): Parameters<typeof source.s3>[0] => options);

const sourceRecipe: fc.Arbitrary<SourceRecipe> = fc.oneof(
  s3SourceOptions.map((options): SourceRecipe => ({ kind: 's3', options })),
  pickOne(...DOWNLOAD_URLS).map((url): SourceRecipe => ({ kind: 'urlDownload', url })),
  pickOne(...CIDS).map((cid): SourceRecipe => ({ kind: 'ipfs', cid })),
  pickOne(...INLINE_URLS).map((url): SourceRecipe => ({ kind: 'inline', url })),
  fc
    .tuple(pickOne('/mnt/data', '/var/lib/reference', '/srv/shared/', '/opt/models/weights.bin'), fc.option(fc.boolean(), { nil: undefined }), fc.option(pickOne('dir', 'file', 'noCreate') as fc.Arbitrary<'dir' | 'file' | 'noCreate'>, { nil: undefined }))
    .map(([path, readWrite, createAs]): SourceRecipe => {
      const options: { readWrite?: boolean; createAs?: 'dir' | 'file' | 'noCreate' } = {};
      if (readWrite !== undefined) options.readWrite = readWrite;
      // `file` at a path ending in '/' is refused (one-of): never in a valid spec.
      if (createAs !== undefined && !(createAs === 'file' && path.endsWith('/'))) options.createAs = createAs;
      return { kind: 'local', path, options };
    }),
);

const TARGETS = ['/inputs', '/data', '/inputs/extra', '/mnt/ref', '/stopwords', '/config/settings.json', '/in/a', '/in/b', '/models'] as const;
const ALIASES = ['data', 'corpus', 'stop', 'ref', 'models', 'cfg'] as const;

const inputsRecipe = fc
  .tuple(
    fc.array(sourceRecipe, { maxLength: 3 }),
    fc.shuffledSubarray([...TARGETS], { minLength: 3, maxLength: 3 }),
    fc.shuffledSubarray([...ALIASES], { minLength: 3, maxLength: 3 }),
    fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
  )
  .map(([sources, targets, aliases, withAlias]) =>
    sources.map((recipe, index) => {
      const target = targets[index] ?? `/inputs/${index}`;
      const alias = withAlias[index] === true ? aliases[index] : undefined;
      return alias === undefined ? { source: recipe, target } : { source: recipe, target, alias };
    }),
  );

const dockerRecipe: fc.Arbitrary<EngineRecipe> = fc
  .record(
    {
      image: pickOne(...IMAGES),
      entrypoint: pickOne<readonly string[]>(['sh', '-c'], ['/bin/bash', '-lc'], ['python', '-c'], []),
      parameters: pickOne<readonly string[]>(['echo hi > /outputs/hi.txt'], ['5', 'on', '0755'], ['--flag=yes', 'a: b'], ['print(1)']),
      environmentVariables: dict(['LOG_LEVEL', 'MODE', 'PYTHONUNBUFFERED', 'X_1'], pickOne('debug', '1', 'B=C', 'yes', 'with space'), 2),
      workingDirectory: pickOne('/work', '/app', '/'),
    },
    { requiredKeys: ['image'] },
  )
  .map((options) => ({ kind: 'docker' as const, ...Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) }) as EngineRecipe);

const wasmRecipe: fc.Arbitrary<EngineRecipe> = fc
  .record({
    mount: pickOne(
      { target: '/app/main.wasm', entryModule: '/app/main.wasm' },
      { target: '/app/main.wasm', entryModule: 'app/main.wasm' },
      { target: '/wasm', entryModule: '/wasm/hello.wasm' },
      { target: '/modules/entry.wasm', entryModule: '/modules/entry.wasm' },
    ),
    moduleSource: fc.oneof(
      fc.constant<SourceRecipe>({ kind: 'inline', url: WASM_DATA_URL }),
      pickOne(...CIDS).map((cid): SourceRecipe => ({ kind: 'ipfs', cid })),
      fc.constant<SourceRecipe>({ kind: 'urlDownload', url: 'https://example.com/hello.wasm' }),
      fc.constant<SourceRecipe>({ kind: 'local', path: '/opt/wasm/main.wasm', options: {} }),
    ),
    entrypoint: fc.option(pickOne('_start', 'main', 'run'), { nil: undefined }),
    parameters: fc.option(pickOne<readonly string[]>(['world'], ['--n', '3'], ['yes', '日本語']), { nil: undefined }),
    importModules: fc.nat(2),
  })
  .map(({ mount, moduleSource, entrypoint, parameters, importModules }): EngineRecipe => {
    const recipe: { -readonly [K in keyof Extract<EngineRecipe, { kind: 'wasm' }>]: Extract<EngineRecipe, { kind: 'wasm' }>[K] } = {
      kind: 'wasm',
      target: mount.target,
      entryModule: mount.entryModule,
      moduleSource,
      importModules,
    };
    if (entrypoint !== undefined) recipe.entrypoint = entrypoint;
    if (parameters !== undefined) recipe.parameters = parameters;
    return recipe;
  });

const publisherRecipe: fc.Arbitrary<PublisherRecipe> = fc.oneof(
  pickOne<'noop' | 'local' | 'ipfs' | 's3managed'>('noop', 'local', 'ipfs', 's3managed').map((kind): PublisherRecipe => ({ kind })),
  fc
    .record(
      {
        bucket: pickOne('my-results', 'b'),
        key: pickOne('results/{jobID}', 'out/{date}/{time}/{executionID}.tar.gz', 'x', '{nodeID}/'),
        endpoint: pickOne('http://127.0.0.1:9000', 'https://s3.eu-west-1.amazonaws.com'),
        region: pickOne('eu-west-1', 'us-east-1'),
        encoding: pickOne('gzip', 'plain') as fc.Arbitrary<'gzip' | 'plain'>,
      },
      { requiredKeys: ['bucket', 'key'] },
    )
    .map((options): PublisherRecipe => ({ kind: 's3', options })),
);

const RESULT_PATHS = [['outputs', '/outputs'], ['logs', '/var/log/app'], ['metrics', '/metrics'], ['out dir', '/out dir']] as const;

const CPU_FORMS = ['500m', '250m', '0.5', '2', '1.25', '1e-3', '1000m', ' 1 ', '.5', 0.5, 2] as const;
const BYTE_FORMS = ['512Mb', '1Gb', '1GB', '1gb', '1G', '1GiB', '512MiB', '1.5 GB', '1,000MB', '100', '64k', '64KB', '1Ki', '2Ti', '1Pb', '1Ei', '1EB', '10b', 1024, 10_000_000] as const;
const GPU_FORMS = ['0', '1', '2', 1, 0] as const;
const resourcesRecipe = fc.record(
  { cpu: pickOne<string | number>(...CPU_FORMS), memory: pickOne<string | number>(...BYTE_FORMS), disk: pickOne<string | number>(...BYTE_FORMS), gpu: pickOne<string | number>(...GPU_FORMS) },
  { requiredKeys: [] },
).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as Readonly<Record<string, string | number>>);

const DOMAINS = ['example.com', '.github.com', 'pypi.org', '.pythonhosted.org', '10.0.0.1', '::1', 'api.example.co.uk', 'registry-1.docker.io'] as const;
const PORT_NAMES = ['HTTP', 'WEB', 'ADMIN', 'grpc', '_metrics', 'P1'] as const;
const STATIC_PORTS = [1024, 8080, 8443, 9000, 30000, 65535] as const;
const TARGET_PORTS = [80, 443, 8080, 65535, 5000] as const;
const HOST_IPS = ['127.0.0.1', '0.0.0.0', '::1', '192.168.1.10'] as const;

function portsRecipe(withTargets: boolean): fc.Arbitrary<readonly PortRecipe[]> {
  return fc
    .tuple(
      fc.shuffledSubarray([...PORT_NAMES], { minLength: 0, maxLength: 3 }),
      fc.shuffledSubarray([...STATIC_PORTS], { minLength: 3, maxLength: 3 }),
      fc.shuffledSubarray([...TARGET_PORTS], { minLength: 3, maxLength: 3 }),
      fc.array(fc.tuple(fc.boolean(), fc.boolean(), fc.option(pickOne(...HOST_IPS), { nil: undefined })), { minLength: 3, maxLength: 3 }),
    )
    .map(([names, statics, targets, flags]) =>
      names.map((name, index) => {
        const [withStatic, withTarget, hostNetwork] = flags[index] ?? [false, false, undefined];
        const port: { -readonly [K in keyof PortRecipe]: PortRecipe[K] } = { name };
        if (withStatic) port.static = statics[index] as number;
        if (withTargets && withTarget) port.target = targets[index] as number;
        if (hostNetwork !== undefined) port.hostNetwork = hostNetwork;
        return port;
      }),
    );
}

const networkRecipe: fc.Arbitrary<NetworkRecipe> = fc.oneof(
  pickOne<'none' | 'default'>('none', 'default').map((kind): NetworkRecipe => ({ kind })),
  fc.shuffledSubarray([...DOMAINS], { minLength: 0, maxLength: 3 }).map((domains): NetworkRecipe => ({ kind: 'http', domains })),
  portsRecipe(false).map((ports): NetworkRecipe => ({ kind: 'host', ports })),
  portsRecipe(true).map((ports): NetworkRecipe => ({ kind: 'bridge', ports })),
);

/** Whole seconds written as a number or as a Go duration string. */
function durationForm(seconds: number, form: number): Duration {
  switch (form % 5) {
    case 0:
      return seconds;
    case 1:
      return `${seconds}s`;
    case 2:
      return seconds % 60 === 0 ? `${seconds / 60}m` : seconds;
    case 3: {
      const h = Math.floor(seconds / 3600);
      const m = Math.floor((seconds % 3600) / 60);
      const s = seconds % 60;
      return `${h > 0 ? `${h}h` : ''}${m > 0 ? `${m}m` : ''}${s > 0 || seconds === 0 ? `${s}s` : ''}`;
    }
    default:
      return seconds % 3600 === 0 && seconds > 0 ? `${seconds / 3600}h` : `${seconds * 1000}ms`;
  }
}

const timeoutsRecipe = fc
  .record({
    execution: fc.option(pickOne(0, 30, 60, 600, 1800, 3600, 5400), { nil: undefined }),
    queue: fc.option(pickOne(0, 10, 60, 300, 7200), { nil: undefined }),
    total: fc.option(pickOne(0, 1, 3600, 86400), { nil: undefined }),
    forms: fc.array(fc.nat(4), { minLength: 3, maxLength: 3 }),
  })
  .map(({ execution, queue, total, forms }) => {
    const out: Record<string, Duration> = {};
    if (execution !== undefined) out['execution'] = durationForm(execution, forms[0] ?? 0);
    if (queue !== undefined) out['queue'] = durationForm(queue, forms[1] ?? 0);
    if (total !== undefined) {
      // Total 0 means no limit; otherwise execution + queue must fit in it.
      const needed = (execution ?? 0) + (queue ?? 0);
      out['total'] = durationForm(total === 0 ? 0 : Math.max(total, needed), forms[2] ?? 0);
    }
    return out;
  });

const ENV_NAMES = ['LANG', 'MODE', 'LOG_LEVEL', 'X1', 'A_B_C', 'TOKEN', 'HTTP_PROXY_URL', 'PARTITION'] as const;
const ENV_VALUES = pickOne('C.UTF-8', 'fast', 'debug', 'env:API_TOKEN', 'other:thing', 'yes', '0755', 'with space', '日本語', 'a=b');
const META_KEYS = ['owner', 'ticket', 'cost-center', 'app.kubernetes.io/name', 'note', 'yes', '0755', 'with space', 'Bacalhau.org/owner'] as const;

function taskRecipe(jobType: JobType): fc.Arbitrary<TaskRecipe> {
  const publishes = jobType === 'batch' || jobType === 'ops';
  return fc
    .record({
      name: taskName,
      engine: fc.oneof({ weight: 3, arbitrary: dockerRecipe }, { weight: 2, arbitrary: wasmRecipe }),
      inputs: fc.oneof({ weight: 1, arbitrary: fc.constant([]) }, { weight: 2, arbitrary: inputsRecipe }),
      publisher: publishes ? sometimes(publisherRecipe, 1) : fc.constant(undefined),
      results: fc.shuffledSubarray([...RESULT_PATHS], { minLength: 0, maxLength: 2 }),
      env: fc.oneof(fc.constant({}), dict(ENV_NAMES, ENV_VALUES, 3)),
      envOneByOne: fc.boolean(),
      meta: fc.oneof({ weight: 2, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: dict(META_KEYS, freeValue, 2) }),
      resources: sometimes(resourcesRecipe),
      network: sometimes(networkRecipe),
      timeouts: sometimes(timeoutsRecipe, 2),
    })
    .map((recipe): TaskRecipe => {
      const { publisher: chosen, resources, network: net, timeouts, ...rest } = recipe;
      // Result paths only with a publisher: without one Bacalhau refuses the job unless its operator set a default.
      const task: { -readonly [K in keyof TaskRecipe]: TaskRecipe[K] } = { ...rest, results: chosen === undefined ? [] : rest.results };
      if (chosen !== undefined) task.publisher = chosen;
      if (resources !== undefined && Object.keys(resources).length > 0) task.resources = resources;
      if (net !== undefined) task.network = net;
      if (timeouts !== undefined && Object.keys(timeouts).length > 0) task.timeouts = timeouts;
      return task;
    });
}

function jobRecipe(jobType: JobType): fc.Arbitrary<JobRecipe> {
  const scalable = jobType === 'batch' || jobType === 'service';
  return fc
    .record({
      name: jobName,
      namespace: sometimes(pickOne('default', 'team-a', 'analytics', 'ns_1')),
      priority: sometimes(fc.integer({ min: -10, max: 100 })),
      count: scalable ? sometimes(fc.nat(12)) : fc.constant(undefined),
      labels: fc.oneof(fc.constant({}), dict(['team', 'env', 'tier', 'app.kubernetes.io/name', 'example.com/owner', 'x_1', 'Version'], labelValue, 3)),
      labelsOneByOne: fc.boolean(),
      meta: fc.oneof(fc.constant({}), dict(META_KEYS, freeValue, 3)),
      constraints: fc.array(constraint, { maxLength: 3 }),
      task: taskRecipe(jobType),
      taskVia: pickOne('callback', 'callback', 'builder', 'spec') as fc.Arbitrary<JobRecipe['taskVia']>,
      viaFrom: fc.boolean(),
    })
    .map(({ namespace, priority, count, ...rest }): JobRecipe => {
      const recipe: { -readonly [K in keyof JobRecipe]: JobRecipe[K] } = { jobType, ...rest, viaFrom: rest.viaFrom && scalable };
      if (namespace !== undefined) recipe.namespace = namespace;
      if (priority !== undefined) recipe.priority = priority;
      if (count !== undefined) recipe.count = count;
      return recipe;
    });
}

/** A recipe for a valid job of any type (uniform over the four). */
export const validJobRecipe: fc.Arbitrary<JobRecipe> = fc.oneof(...(['batch', 'ops', 'service', 'daemon'] as const).map(jobRecipe));

// The builders' type-state cannot follow a recipe's optional calls, so they are driven through loose views.
interface LooseTaskBuilder {
  name(name: string): LooseTaskBuilder;
  engine(spec: unknown): LooseTaskBuilder;
  publisher(spec: unknown): LooseTaskBuilder;
  resultPath(name: string, path: string): LooseTaskBuilder;
  env(...args: [string, string] | [Dict]): LooseTaskBuilder;
  meta(...args: [string, string] | [Dict]): LooseTaskBuilder;
  input(spec: unknown, options: { target: string; alias?: string }): LooseTaskBuilder;
  resources(resources: Readonly<Record<string, string | number>>): LooseTaskBuilder;
  network(config: unknown): LooseTaskBuilder;
  timeouts(timeouts: Readonly<Record<string, Duration>>): LooseTaskBuilder;
  build(): unknown;
}
interface LooseJobBuilder {
  namespace(namespace: string): LooseJobBuilder;
  priority(priority: number): LooseJobBuilder;
  count(count: number): LooseJobBuilder;
  label(key: string, value: string): LooseJobBuilder;
  labels(labels: Dict): LooseJobBuilder;
  meta(...args: [string, string] | [Dict]): LooseJobBuilder;
  constraint(key: string, operator: string, values?: readonly string[]): LooseJobBuilder;
  task(task: unknown): LooseJobBuilder;
  build(): JobSpec;
}

function sourceSpec(recipe: SourceRecipe): unknown {
  switch (recipe.kind) {
    case 's3':
      return source.s3(recipe.options);
    case 'urlDownload':
      return source.urlDownload(recipe.url);
    case 'ipfs':
      return source.ipfs(recipe.cid);
    case 'inline':
      return source.inline(recipe.url);
    case 'local':
      return source.local(recipe.path, recipe.options);
  }
}

function publisherSpec(recipe: PublisherRecipe): unknown {
  switch (recipe.kind) {
    case 'noop':
      return publisher.noop();
    case 'local':
      return publisher.local();
    case 'ipfs':
      return publisher.ipfs();
    case 's3managed':
      return publisher.s3managed();
    case 's3':
      return publisher.s3(recipe.options);
  }
}

function networkSpec(recipe: NetworkRecipe): unknown {
  switch (recipe.kind) {
    case 'none':
      return network.none();
    case 'default':
      return { Type: 'Default' };
    case 'http':
      return network.http(recipe.domains);
    case 'host':
      return network.host(recipe.ports.map(({ target: _target, ...port }) => port));
    case 'bridge':
      return network.bridge(recipe.ports);
  }
}

function buildTask(start: LooseTaskBuilder, recipe: TaskRecipe): LooseTaskBuilder {
  let t = start.name(recipe.name);
  const engineRecipe = recipe.engine;
  const inputs = [...recipe.inputs];
  if (engineRecipe.kind === 'docker') {
    const { kind: _kind, image, ...options } = engineRecipe;
    t = t.engine(engine.docker(image, options));
  } else {
    // The module (and the modules it imports) must be mounted: input Targets, never clashing with the others.
    const taken = new Set(inputs.map((input) => input.target));
    if (!taken.has(engineRecipe.target)) inputs.push({ source: engineRecipe.moduleSource, target: engineRecipe.target });
    const imports: string[] = [];
    for (let index = 0; index < engineRecipe.importModules; index++) {
      const target = `/lib/module-${index}.wasm`;
      imports.push(target);
      inputs.push({ source: { kind: 'inline', url: WASM_DATA_URL }, target });
    }
    const options: { entrypoint?: string; parameters?: readonly string[]; importModules?: readonly string[] } = {};
    if (engineRecipe.entrypoint !== undefined) options.entrypoint = engineRecipe.entrypoint;
    if (engineRecipe.parameters !== undefined) options.parameters = engineRecipe.parameters;
    if (imports.length > 0) options.importModules = imports;
    t = t.engine(engine.wasm(engineRecipe.entryModule, options));
  }
  if (recipe.publisher !== undefined) t = t.publisher(publisherSpec(recipe.publisher));
  for (const [name, path] of recipe.results) t = t.resultPath(name, path);
  if (recipe.envOneByOne) for (const [name, value] of Object.entries(recipe.env)) t = t.env(name, value);
  else if (Object.keys(recipe.env).length > 0) t = t.env(recipe.env);
  if (Object.keys(recipe.meta).length > 0) t = t.meta(recipe.meta);
  for (const input of inputs) t = t.input(sourceSpec(input.source), input.alias === undefined ? { target: input.target } : { target: input.target, alias: input.alias });
  if (recipe.resources !== undefined) t = t.resources(recipe.resources);
  if (recipe.network !== undefined) t = t.network(networkSpec(recipe.network));
  if (recipe.timeouts !== undefined) t = t.timeouts(recipe.timeouts);
  return t;
}

/** Builds the job a recipe describes, with the SDK's builders (throws if the SDK refuses it). */
export function buildJob(recipe: JobRecipe): JobSpec {
  const starters = Job as unknown as Record<JobType, (name: string) => LooseJobBuilder>;
  let j = starters[recipe.jobType](recipe.name);
  if (recipe.namespace !== undefined) j = j.namespace(recipe.namespace);
  if (recipe.priority !== undefined) j = j.priority(recipe.priority);
  if (recipe.count !== undefined && !recipe.viaFrom) j = j.count(recipe.count);
  if (recipe.labelsOneByOne) for (const [key, value] of Object.entries(recipe.labels)) j = j.label(key, value);
  else if (Object.keys(recipe.labels).length > 0) j = j.labels(recipe.labels);
  if (Object.keys(recipe.meta).length > 0) j = j.meta(recipe.meta);
  for (const [key, operator, values] of recipe.constraints) j = values === undefined ? j.constraint(key, operator) : j.constraint(key, operator, values);
  const taskStart = (): LooseTaskBuilder => (Task as unknown as { of(type: JobType): LooseTaskBuilder }).of(recipe.jobType);
  switch (recipe.taskVia) {
    case 'callback':
      j = j.task((t: LooseTaskBuilder) => buildTask(t, recipe.task));
      break;
    case 'builder':
      j = j.task(buildTask(taskStart(), recipe.task));
      break;
    case 'spec':
      j = j.task(buildTask(taskStart(), recipe.task).build());
      break;
  }
  const built = j.build();
  if (!recipe.viaFrom) return built;
  const again = (Job as unknown as { from(spec: JobSpec): LooseJobBuilder }).from(built);
  return (recipe.count === undefined ? again : again.count(recipe.count)).build();
}

// ---------------------------------------------------------------------------
// Key case (Bacalhau's decoder matches keys case-insensitively)
// ---------------------------------------------------------------------------

type Wire = Record<string, unknown>;

function isWire(value: unknown): value is Wire {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value);
}

/** Own data property, so that any key (even `__proto__`) stays data. */
function define(object: Wire, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Keys whose object is data (names are the user's), not schema: job Meta and Labels, task Env and Meta. */
const DATA_MAPS: Readonly<Record<'job' | 'task', readonly string[]>> = { job: ['meta', 'labels'], task: ['env', 'meta'] };

/**
 * A copy of `value` with every schema key renamed by `rename` (the keys of data
 * maps are left alone). `select` limits which keys are renamed.
 */
export function renameKeys(value: unknown, rename: (key: string) => string, select: (key: string) => boolean = () => true): unknown {
  const walk = (node: unknown, kind: 'job' | 'task' | 'other'): unknown => {
    if (Array.isArray(node)) return node.map((item) => walk(item, 'other'));
    if (!isWire(node)) return node;
    const out: Wire = {};
    for (const [key, child] of Object.entries(node)) {
      const lower = key.toLowerCase();
      let converted: unknown;
      if (kind !== 'other' && DATA_MAPS[kind].includes(lower)) converted = child;
      else if (kind === 'job' && lower === 'tasks' && Array.isArray(child)) converted = child.map((task) => walk(task, 'task'));
      else converted = walk(child, 'other');
      define(out, select(key) ? rename(key) : key, converted);
    }
    return out;
  };
  return walk(value, 'job');
}

/** `InputSources` → `inputSources`, `CPU` → `cpu`, `ChecksumSHA256` → `checksumSHA256`: how Bacalhau's docs write keys. */
export function camelKey(key: string): string {
  if (key === key.toUpperCase()) return key.toLowerCase();
  return `${key.charAt(0).toLowerCase()}${key.slice(1)}`;
}

// ---------------------------------------------------------------------------
// Reading and writing wire objects (keys matched case-insensitively, as Bacalhau does)
// ---------------------------------------------------------------------------

function keyOf(object: Wire, name: string): string | undefined {
  if (Object.hasOwn(object, name)) return name;
  const lower = name.toLowerCase();
  return Object.keys(object).find((key) => key.toLowerCase() === lower);
}

function get(object: Wire, name: string): unknown {
  const key = keyOf(object, name);
  return key === undefined ? undefined : object[key];
}

function put(object: Wire, name: string, value: unknown): void {
  define(object, keyOf(object, name) ?? name, value);
}

function drop(object: Wire, name: string): boolean {
  const key = keyOf(object, name);
  if (key === undefined) return false;
  delete object[key];
  return true;
}

function has(object: Wire, name: string): boolean {
  return keyOf(object, name) !== undefined;
}

function wireAt(object: Wire, name: string): Wire | undefined {
  const value = get(object, name);
  return isWire(value) ? value : undefined;
}

function listAt(object: Wire, name: string): unknown[] | undefined {
  const value = get(object, name);
  return Array.isArray(value) ? value : undefined;
}

/** The object at `name`, created when the key is absent; undefined when it holds something else. */
function optionalWire(object: Wire, name: string, make: () => Wire = () => ({})): Wire | undefined {
  if (!has(object, name)) {
    const created = make();
    put(object, name, created);
    return created;
  }
  return wireAt(object, name);
}

/** The list at `name`, created when the key is absent; undefined when it holds something else. */
function optionalList(object: Wire, name: string): unknown[] | undefined {
  if (!has(object, name)) {
    const created: unknown[] = [];
    put(object, name, created);
    return created;
  }
  return listAt(object, name);
}

/** Whether `optionalWire`/`optionalList` would give something (absent, or of the right shape). */
function canHaveWire(object: Wire, name: string): boolean {
  return !has(object, name) || wireAt(object, name) !== undefined;
}

function canHaveList(object: Wire, name: string): boolean {
  return !has(object, name) || listAt(object, name) !== undefined;
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

function taskOf(job: Wire): Wire | undefined {
  const first = listAt(job, 'Tasks')?.[0];
  return isWire(first) ? first : undefined;
}

/** The job's Type, exactly as written. */
function jobType(job: Wire): unknown {
  return get(job, 'Type');
}

function isLongRunning(job: Wire): boolean {
  return jobType(job) === 'service' || jobType(job) === 'daemon';
}

/** A `{ Type, Params }`'s Type, trimmed and lowercased. */
function typeOf(spec: unknown): string | undefined {
  if (!isWire(spec)) return undefined;
  const type = get(spec, 'Type');
  return typeof type === 'string' ? type.trim().toLowerCase() : undefined;
}

/** A copy of `key` in another case (never equal to it). */
function otherCase(key: string, random: MutationRandom): string {
  const candidates = [key.toLowerCase(), key.toUpperCase(), camelKey(key), `${key.charAt(0).toUpperCase()}${key.slice(1).toLowerCase()}`].filter((k) => k !== key);
  return candidates.length === 0 ? `${key}_` : random.pick(candidates);
}

/** A marker the writer replaces with `raw`, written as it is (unquoted) in the text. */
function rawScalar(raw: string): string {
  let hex = '';
  for (const char of raw) hex += (char.codePointAt(0) ?? 0).toString(16).padStart(6, '0');
  return `__RAW_${hex}__`;
}

function replaceRawScalars(text: string): string {
  return text.replace(/"?__RAW_([0-9a-f]+)__"?/g, (_, hex: string) => {
    let raw = '';
    for (let index = 0; index < hex.length; index += 6) raw += String.fromCodePoint(Number.parseInt(hex.slice(index, index + 6), 16));
    return raw;
  });
}

// ---------------------------------------------------------------------------
// Parts of a task that mutations need (created only where the spec may have them)
// ---------------------------------------------------------------------------

function engineOf(job: Wire): Wire | undefined {
  const task = taskOf(job);
  return task === undefined ? undefined : wireAt(task, 'Engine');
}

/** The docker engine's Params; a wasm engine is replaced by a docker one. Undefined when the engine is missing or broken. */
function dockerParams(job: Wire, random: MutationRandom): Wire | undefined {
  const task = taskOf(job);
  const spec = engineOf(job);
  if (task === undefined || spec === undefined) return undefined;
  const type = typeOf(spec);
  if (type === 'docker') {
    if (!has(spec, 'Params')) put(spec, 'Params', { Image: random.pick(IMAGES) });
    return wireAt(spec, 'Params');
  }
  if (type !== 'wasm' || !isWire(get(spec, 'Params'))) return undefined;
  const params: Wire = { Image: random.pick(IMAGES) };
  put(task, 'Engine', { Type: 'docker', Params: params });
  return params;
}

/** A Target not used by any input of `inputs` (trimmed). */
function freshTarget(inputs: readonly unknown[], base: string): string {
  const taken = new Set(inputs.map((input) => (isWire(input) ? String(get(input, 'Target') ?? '').trim() : '')));
  if (!taken.has(base)) return base;
  for (let index = 2; ; index++) if (!taken.has(`${base}-${index}`)) return `${base}-${index}`;
}

/** The wasm engine's Params; a docker engine is replaced by a wasm one whose module is mounted. */
function wasmParams(job: Wire): Wire | undefined {
  const task = taskOf(job);
  const spec = engineOf(job);
  if (task === undefined || spec === undefined) return undefined;
  const type = typeOf(spec);
  if (type === 'wasm') return wireAt(spec, 'Params');
  if (type !== 'docker' || !isWire(get(spec, 'Params')) || !canHaveList(task, 'InputSources')) return undefined;
  const inputs = optionalList(task, 'InputSources') as unknown[];
  const target = freshTarget(inputs, '/app/module.wasm');
  inputs.push({ Source: { Type: 'inline', Params: { URL: WASM_DATA_URL } }, Target: target });
  const params: Wire = { EntryModule: target, Entrypoint: '_start' };
  put(task, 'Engine', { Type: 'wasm', Params: params });
  return params;
}

/** Whether the task runs on the wasm engine (its module is mounted from InputSources). */
function isWasmTask(job: Wire): boolean {
  return typeOf(engineOf(job)) === 'wasm';
}

/** Adds an input source (at a fresh Target unless given); undefined when InputSources is broken. */
function addInput(job: Wire, spec: Wire, target = '/mnt/input', alias?: string): Wire | undefined {
  const task = taskOf(job);
  if (task === undefined || !canHaveList(task, 'InputSources')) return undefined;
  const inputs = optionalList(task, 'InputSources') as unknown[];
  const input: Wire = alias === undefined ? { Source: spec, Target: freshTarget(inputs, target) } : { Source: spec, Alias: alias, Target: freshTarget(inputs, target) };
  inputs.push(input);
  return input;
}

/** An input whose Source has the given type (any input for `undefined`), or a new one made by `make`. */
function inputOfType(job: Wire, type: string | undefined, make: () => Wire): Wire | undefined {
  const task = taskOf(job);
  if (task === undefined) return undefined;
  const inputs = listAt(task, 'InputSources') ?? [];
  const found = inputs.find((input): input is Wire => isWire(input) && isWire(get(input, 'Source')) && (type === undefined || typeOf(get(input, 'Source')) === type.toLowerCase()));
  return found ?? addInput(job, make());
}

/** The Params of an input source of `type` (found or added). */
function sourceParams(job: Wire, type: string, make: () => Wire): Wire | undefined {
  const input = inputOfType(job, type, () => ({ Type: type, Params: make() }));
  const spec = input === undefined ? undefined : wireAt(input, 'Source');
  if (spec === undefined) return undefined;
  if (!has(spec, 'Params')) put(spec, 'Params', make());
  return wireAt(spec, 'Params');
}

const s3SourceParams = (job: Wire): Wire | undefined => sourceParams(job, 's3', () => ({ Bucket: 'my-data', Key: 'logs/' }));

/** The s3 publisher's Params (any other publisher is replaced). */
function s3PublisherParams(job: Wire): Wire | undefined {
  const task = taskOf(job);
  if (task === undefined) return undefined;
  const current = get(task, 'Publisher');
  if (typeOf(current) === 's3' && isWire(current) && wireAt(current, 'Params') !== undefined) return wireAt(current, 'Params');
  const params: Wire = { Bucket: 'my-results', Key: 'results/{jobID}' };
  put(task, 'Publisher', { Type: 's3', Params: params });
  return params;
}

/** The task's ResultPaths, with at least one entry (added when there is none). */
function resultPaths(job: Wire): unknown[] | undefined {
  const task = taskOf(job);
  if (task === undefined || !canHaveList(task, 'ResultPaths')) return undefined;
  const results = optionalList(task, 'ResultPaths') as unknown[];
  if (!results.some(isWire)) results.push({ Name: 'outputs', Path: '/outputs' });
  return results;
}

/** The first well-formed result path. */
function firstResult(job: Wire): Wire | undefined {
  return resultPaths(job)?.find(isWire);
}

/** The task's Network, of `type` when given (Domains and Ports that do not fit are dropped). */
function networkOf(job: Wire, type?: 'HTTP' | 'Host' | 'Bridge' | 'None' | 'Default'): Wire | undefined {
  const task = taskOf(job);
  if (task === undefined || !canHaveWire(task, 'Network')) return undefined;
  const net = optionalWire(task, 'Network', () => ({ Type: type ?? 'Default' })) as Wire;
  if (type !== undefined) {
    const current = get(net, 'Type');
    if (typeof current !== 'string' || current.trim().toLowerCase() !== type.toLowerCase()) {
      put(net, 'Type', type);
      if (type !== 'HTTP') drop(net, 'Domains');
      if (type !== 'Host' && type !== 'Bridge') drop(net, 'Ports');
      if (type === 'Host') for (const port of listAt(net, 'Ports') ?? []) if (isWire(port)) drop(port, 'Target');
    }
  }
  return net;
}

/** The Ports of a Host or Bridge network, with at least `min` well-formed entries. */
function portsOf(job: Wire, mode: 'Host' | 'Bridge', min = 1): Wire[] | undefined {
  const net = networkOf(job, mode);
  if (net === undefined || !canHaveList(net, 'Ports')) return undefined;
  const ports = optionalList(net, 'Ports') as unknown[];
  const usedNames = new Set(ports.map((p) => (isWire(p) ? String(get(p, 'Name')) : '')));
  const usedStatic = new Set(ports.map((p) => (isWire(p) ? Number(get(p, 'Static') ?? 0) : 0)));
  const usedTarget = new Set(ports.map((p) => (isWire(p) ? Number(get(p, 'Target') ?? 0) : 0)));
  for (let index = 0; ports.filter(isWire).length < min; index++) {
    const name = `PORT_${index}`;
    const staticPort = 20000 + index;
    const target = 7000 + index;
    if (usedNames.has(name) || usedStatic.has(staticPort) || usedTarget.has(target)) continue;
    ports.push(mode === 'Bridge' ? { Name: name, Static: staticPort, Target: target } : { Name: name, Static: staticPort });
  }
  return ports.filter(isWire);
}

function resourcesOf(job: Wire): Wire | undefined {
  const task = taskOf(job);
  return task === undefined || !canHaveWire(task, 'Resources') ? undefined : optionalWire(task, 'Resources');
}

function timeoutsOf(job: Wire): Wire | undefined {
  const task = taskOf(job);
  return task === undefined || !canHaveWire(task, 'Timeouts') ? undefined : optionalWire(task, 'Timeouts');
}

function envOf(job: Wire): Wire | undefined {
  const task = taskOf(job);
  return task === undefined || !canHaveWire(task, 'Env') ? undefined : optionalWire(task, 'Env');
}

/** Adds a constraint; false when Constraints is not a list. */
function addConstraint(job: Wire, constraint: unknown): boolean {
  if (!canHaveList(job, 'Constraints')) return false;
  (optionalList(job, 'Constraints') as unknown[]).push(constraint);
  return true;
}

/** Sets `key` in the map at `name` of `owner` (created when absent); false when it holds something else. */
function setInMap(owner: Wire | undefined, name: string, key: string, value: unknown): boolean {
  if (owner === undefined || !canHaveWire(owner, name)) return false;
  define(optionalWire(owner, name) as Wire, key, value);
  return true;
}

// ---------------------------------------------------------------------------
// Mutations
// ---------------------------------------------------------------------------

type Apply = (job: Wire, random: MutationRandom) => boolean;

function mutation(
  id: string,
  rule: MutationRule,
  tags: readonly string[],
  description: string,
  apply: Apply,
  extra: { readonly formats?: readonly SpecFormat[]; readonly text?: (text: string, format: SpecFormat) => string; readonly phase?: 'first'; readonly exclusive?: boolean } = {},
): Mutation {
  return Object.freeze({ id, rule, tags, description, apply, ...extra });
}

/** Sets a top-level job field. */
const setJob = (name: string, value: (random: MutationRandom) => unknown): Apply => (job, random) => {
  put(job, name, value(random));
  return true;
};

/** Changes a task field (applicable when the job has a task object). */
const onTask = (change: (task: Wire, random: MutationRandom, job: Wire) => boolean): Apply => (job, random) => {
  const task = taskOf(job);
  return task !== undefined && change(task, random, job);
};

/** Applies `change` to the docker engine's Params. */
const onDocker = (change: (params: Wire, random: MutationRandom) => boolean | void): Apply => (job, random) => {
  const params = dockerParams(job, random);
  return params !== undefined && change(params, random) !== false;
};

/** Applies `change` to the wasm engine's Params. */
const onWasm = (change: (params: Wire, random: MutationRandom, job: Wire) => boolean | void): Apply => (job, random) => {
  const params = wasmParams(job);
  return params !== undefined && change(params, random, job) !== false;
};

/** Adds a constraint made by `make`. */
const constraintMutation = (make: (random: MutationRandom) => unknown): Apply => (job, random) => addConstraint(job, make(random));

/** Applies `change` to the first well-formed port of a network of `mode`. */
const onPort = (mode: 'Host' | 'Bridge', change: (port: Wire, random: MutationRandom, ports: Wire[]) => boolean | void, min = 1): Apply => (job, random) => {
  const ports = portsOf(job, mode, min);
  const port = ports?.[0];
  return ports !== undefined && port !== undefined && change(port, random, ports) !== false;
};

const onResources = (change: (resources: Wire, random: MutationRandom) => boolean | void): Apply => (job, random) => {
  const resources = resourcesOf(job);
  return resources !== undefined && change(resources, random) !== false;
};

const onTimeouts = (change: (timeouts: Wire, random: MutationRandom, job: Wire) => boolean | void): Apply => (job, random) => {
  const timeouts = timeoutsOf(job);
  return timeouts !== undefined && change(timeouts, random, job) !== false;
};

const onEnv = (change: (env: Wire, random: MutationRandom) => boolean | void): Apply => (job, random) => {
  const env = envOf(job);
  return env !== undefined && change(env, random) !== false;
};

/** Adds an unknown key (with a plausible value) to the object `locate` finds. */
function unknownKey(locate: (job: Wire, random: MutationRandom) => Wire | undefined, keys: readonly (readonly [string, unknown])[]): Apply {
  return (job, random) => {
    const target = locate(job, random);
    const candidates = target === undefined ? [] : keys.filter(([k]) => !has(target, k));
    if (target === undefined || candidates.length === 0) return false;
    const [key, value] = random.pick(candidates);
    define(target, key, clone(value));
    return true;
  };
}

/** Adds a second spelling of one of the object's keys (same value). */
function duplicateKey(locate: (job: Wire) => Wire | undefined): Apply {
  return (job, random) => {
    const target = locate(job);
    if (target === undefined) return false;
    const keys = Object.keys(target);
    if (keys.length === 0) return false;
    const key = random.pick(keys);
    const variant = otherCase(key, random);
    if (has(target, variant) && keyOf(target, variant) === variant) return false;
    define(target, variant, clone(target[key]));
    return true;
  };
}

/** Sets an optional field to null (Go's decoders and the SDK read null as "unset"). */
function nullField(locate: (job: Wire) => Wire | undefined, name: string, when: (job: Wire) => boolean = () => true): Apply {
  return (job) => {
    const owner = locate(job);
    if (owner === undefined || !when(job)) return false;
    put(owner, name, null);
    return true;
  };
}

const jobItself = (job: Wire): Wire => job;
const hasNoResults = (job: Wire): boolean => {
  const task = taskOf(job);
  return task !== undefined && (listAt(task, 'ResultPaths')?.length ?? 0) === 0 && !has(task, 'ResultPaths');
};

const MISTAKEN_TASK_KEYS: readonly (readonly [string, unknown])[] = [
  ['ResourcesConfig', { CPU: '1' }],
  ['Outputs', [{ Name: 'outputs', Path: '/outputs' }]],
  ['Inputs', [{ Source: { Type: 'ipfs', Params: { CID: CIDS[0] } }, Target: '/inputs' }]],
  ['Timeout', 600],
  ['Environment', { MODE: 'fast' }],
  ['Image', 'alpine'],
  ['Command', ['echo', 'hi']],
  ['Artifacts', []],
  ['Volumes', ['/data:/data']],
  ['Labels', { team: 'data' }],
  ['Count', 2],
  ['Networking', { Type: 'HTTP' }],
];

const UNKNOWN_JOB_KEYS: readonly (readonly [string, unknown])[] = [
  ['Description', 'a job'],
  ['Spec', { Engine: 'docker' }],
  ['APIVersion', 'V1beta2'],
  ['Task', { Name: 'main' }],
  ['Deal', { Concurrency: 1 }],
  ['Timeout', 600],
  ['Annotations', ['a']],
  ['Outputs', []],
  ['Selector', 'env=prod'],
  ['Force', true],
];

const BAD_CPU = ['lots', '-1', '1.5.2', '1.5m', '1k', '1Ki', 'inf', 'NaN', '1 core', '0x10', '--1', '1e', '½'] as const;
const GOOD_CPU = ['500m', '0.5', '2', '1.25', '1e-3', '100m', ' 1 ', '+1', '0', '1000m', '.25', '64'] as const;
const BAD_BYTES = ['lots', '-1', '1.5.2', '10Zb', '1e9', '1GiBs', '1Bytes', '-512Mb', 'GB', '1ZB', '0x10', '20000000000000000000'] as const;
const GOOD_BYTES = ['512Mb', '1Gb', '1GB', '1gb', '1G', '1g', '1GiB', '512MiB', '1.5 GB', '1,000MB', '100', '64k', '64KB', '1Ki', '2Ti', '1Tb', '1Pb', '1PiB', '1Ei', '1EB', '10b', '10B', '0', '.5Gb', '1 2 GB'] as const;
const BAD_GPU = ['1.0', '-1', '+1', 'one', '1 GPU', '0x1', '1e2', ' '] as const;
const GOOD_GPU = ['0', '1', '2', '8', ' 1 ', '01'] as const;

/** Sets one resource quantity. */
const quantity = (key: 'CPU' | 'Memory' | 'Disk' | 'GPU', values: readonly unknown[]): Apply =>
  onResources((resources, random) => {
    put(resources, key, random.pick(values));
  });

/** Every mutation, by area of the spec. */
export const MUTATIONS: readonly Mutation[] = Object.freeze([
  // --- job: Name, Namespace, Type, Priority, Count -------------------------------------------------
  mutation('job.name.missing', 'none', ['job.name'], 'no Name: optional, the server names the job after its ID', (job) => drop(job, 'Name')),
  mutation('job.name.empty', 'none', ['job.name'], "Name '': the server replaces an empty Name with the job's ID", setJob('Name', () => '')),
  mutation(
    'job.name.blank',
    'not-blank',
    ['job.name'],
    "a whitespace-only Name: only '' is replaced by the ID, so the store check (`validate.IsBlank`) refuses it",
    setJob('Name', (r) => r.pick(['   ', '\t', ' \n '])),
  ),
  mutation('job.name.nul', 'no-nul', ['job.name'], 'a NUL character in the job Name', setJob('Name', (r) => r.pick(['job\0name', '\0']))),
  mutation('job.name.number', 'type', ['job.name'], 'a number or boolean where the Name string goes', setJob('Name', (r) => r.pick([42, 3.5, true]))),
  mutation('job.name.awkward', 'none', ['job.name'], 'a Name YAML, JSON or terminals treat specially (quoted by the writer)', setJob('Name', (r) => r.pick(AWKWARD))),
  mutation('job.namespace.blank', 'not-blank', ['job.namespace'], "a whitespace-only Namespace: only '' becomes 'default', so the store check refuses it", setJob('Namespace', (r) => r.pick([' ', '\t']))),
  mutation('job.namespace.number', 'type', ['job.namespace'], 'a number where the Namespace string goes', setJob('Namespace', () => 7)),
  mutation('job.type.missing', 'required', ['job.type'], 'no Type', (job) => drop(job, 'Type')),
  mutation('job.type.blank', 'not-blank', ['job.type'], "Type '' (missing job type)", setJob('Type', () => '')),
  mutation('job.type.case', 'job-type', ['job.type'], "Type in another case ('Batch'): job types are case-sensitive", (job, random) => {
    const type = jobType(job);
    if (typeof type !== 'string' || type === '') return false;
    put(job, 'Type', random.chance(0.5) ? type.toUpperCase() : `${type.charAt(0).toUpperCase()}${type.slice(1)}`);
    return true;
  }),
  mutation('job.type.unknown', 'job-type', ['job.type'], "an unknown Type ('cron', 'batch ' with a space)", setJob('Type', (r) => r.pick(['cron', 'job', 'batch ', 'services', 'oneshot']))),
  mutation('job.type.number', 'type', ['job.type'], 'a number where the Type string goes', setJob('Type', () => 1)),
  mutation('job.count.negative', 'count', ['job.count'], 'a negative Count', setJob('Count', (r) => r.int(-5, -1))),
  mutation('job.count.ops-daemon', 'count', ['job.count', 'job.type'], 'Count > 1 on an ops or daemon job', (job, random) => {
    if (jobType(job) !== 'ops' && jobType(job) !== 'daemon') return false;
    put(job, 'Count', random.int(2, 10));
    return true;
  }),
  mutation('job.count.scale', 'none', ['job.count', 'job.type'], 'any Count ≥ 0 on batch/service, 0 or 1 on ops/daemon (normalised to 0)', (job, random) => {
    const type = jobType(job);
    if (type === 'batch' || type === 'service') put(job, 'Count', random.int(0, 20));
    else if (type === 'ops' || type === 'daemon') put(job, 'Count', random.int(0, 1));
    else return false;
    return true;
  }),
  mutation('job.count.string', 'type', ['job.count'], 'a string where the Count integer goes', setJob('Count', (r) => r.pick(['3', 'two']))),
  mutation('job.count.float', 'type', ['job.count'], 'a fractional Count', setJob('Count', (r) => r.pick([1.5, 2.25]))),
  mutation('job.priority.string', 'type', ['job.priority'], 'a string where the Priority integer goes', setJob('Priority', (r) => r.pick(['10', 'high']))),
  mutation('job.priority.any', 'none', ['job.priority'], 'any integer Priority (no range check)', setJob('Priority', (r) => r.pick([-100, 0, 1, 50, 1000, 2147483648]))),
  mutation(
    'integer.float-literal',
    'integer',
    ['job.priority'],
    "an integer written as '5.0' or '1e3': the CLI reads 5, but Go's JSON decoder (the REST API) refuses a non-integer literal for an int field",
    setJob('Priority', (r) => rawScalar(r.pick(['5.0', '1e3', '100.0', '1.0e+2']))),
  ),
  mutation('json-value.non-finite', 'json-value', ['job.priority'], 'Priority .inf / .nan: YAML numbers JSON cannot carry', setJob('Priority', (r) => r.pick([Infinity, -Infinity, NaN])), { formats: ['yaml'], exclusive: true }),

  // --- job: server-set, unknown and duplicate keys, envelope -----------------------------------------
  mutation('server-set', 'server-set', ['job.extra'], 'a field the server sets (ID, State, Version, Revision, CreateTime, ModifyTime), any case', (job, random) => {
    const key = random.pick(SERVER_SET);
    const values: Record<(typeof SERVER_SET)[number], unknown> = {
      ID: 'j-4b2c9f0e-1b2c-4d5e-8f90-123456789abc',
      State: { StateType: 'Pending' },
      Version: 1,
      Revision: 3,
      CreateTime: 1700000000000000000,
      ModifyTime: 1700000000000000000,
    };
    const spelt = random.chance(0.25) ? key.toLowerCase() : key;
    if (has(job, spelt)) return false;
    define(job, spelt, values[key]);
    return true;
  }),
  mutation('unknown-key.job', 'unknown-key', ['job.extra'], 'an unknown top-level key (`bacalhau job run` refuses it)', unknownKey(jobItself, UNKNOWN_JOB_KEYS)),
  mutation('duplicate-key.job', 'duplicate-key', ['job.extra'], "a top-level key spelt twice in different case ('Name' and 'name')", duplicateKey(jobItself)),
  mutation('envelope.job', 'unknown-key', ['envelope'], 'the job wrapped in a REST envelope `{ Job: … }`', (job) => {
    const inner: Wire = {};
    for (const key of Object.keys(job)) {
      define(inner, key, job[key]);
      delete job[key];
    }
    define(job, 'Job', inner);
    return true;
  }, { exclusive: true }),

  // --- job: Meta and Labels ----------------------------------------------------------------------------
  mutation('job.meta.reserved', 'reserved-meta', ['job.meta'], "a job Meta key starting with 'bacalhau.org/' (Bacalhau drops it)", (job, random) =>
    setInMap(job, 'Meta', `bacalhau.org/${random.pick(['owner', 'requester.id', 'client.id', ''])}`, 'x'),
  ),
  mutation('job.meta.prefix-case', 'none', ['job.meta'], "'Bacalhau.org/…' (the reserved prefix is exact and lowercase)", (job) => setInMap(job, 'Meta', 'Bacalhau.org/owner', 'me')),
  mutation('job.meta.number', 'type', ['job.meta'], 'a number or boolean as a job Meta value', (job, random) => setInMap(job, 'Meta', 'version', random.pick([1.2, 3, false]))),
  mutation('job.meta.null-value', 'type', ['job.meta'], "a null job Meta value: the SDK refuses it; Go decodes it as ''", (job) => setInMap(job, 'Meta', 'note', null)),
  mutation('job.meta.list', 'type', ['job.meta'], 'a list where the Meta map goes', setJob('Meta', () => ['owner=me'])),
  mutation('job.meta.awkward', 'none', ['job.meta'], 'job Meta keys and values YAML treats specially (quoted by the writer)', (job, random) => setInMap(job, 'Meta', random.pick(AWKWARD), random.pick(AWKWARD))),
  mutation('job.labels.invalid', 'label', ['job.labels'], 'a label that is not Kubernetes label syntax (a warning: `job list --labels` cannot select it)', (job, random) => {
    const [key, value] = random.pick<readonly [string, string]>([['bad key', 'x'], ['a/b/c', 'x'], ['x'.repeat(64), 'x'], ['team', 'has space'], ['team', 'v!'], ['-lead', 'x'], ['Example.COM/x', 'y']]);
    return setInMap(job, 'Labels', key, value);
  }),
  mutation('job.labels.number', 'type', ['job.labels'], 'a number as a label value', (job) => setInMap(job, 'Labels', 'replicas', 3)),
  mutation('yaml.bool-word', 'type', ['job.meta'], "an unquoted yes/no/on/off/y/n as a Meta value: a boolean in YAML 1.1, which Bacalhau reads", (job, random) =>
    setInMap(job, 'Meta', 'enabled', rawScalar(random.pick(['yes', 'no', 'on', 'off', 'y', 'n', 'Yes', 'OFF']))),
  { formats: ['yaml'] }),
  mutation('yaml.timestamp', 'none', ['job.labels'], 'an unquoted date as a label value: YAML 1.1 timestamps stay text for Bacalhau and the SDK', (job, random) =>
    setInMap(job, 'Labels', 'day', rawScalar(random.pick(['2001-12-14', '2024-01-31']))),
  { formats: ['yaml'] }),
  mutation('yaml.null-word', 'none', ['job.namespace'], "Namespace written as an unquoted '~' or 'null': unset", setJob('Namespace', (r) => rawScalar(r.pick(['~', 'null', 'Null']))), { formats: ['yaml'] }),
  mutation('json-value.binary', 'json-value', ['job.labels'], "a !!binary label value: the SDK refuses it; Go's YAML reader decodes it to a string", (job) => setInMap(job, 'Labels', 'blob', rawScalar('!!binary aGk=')), { formats: ['yaml'], exclusive: true }),
  mutation('template.placeholder', 'template', ['job.meta'], "a '{{ … }}' in a value: `bacalhau job run` evaluates the file as a Go template", (job, random) =>
    setInMap(job, 'Meta', 'owner', random.pick(['{{ .Owner }}', 'prefix-{{.Env.USER}}', '{{'])),
  ),
  mutation('nesting.too-deep', 'too-large', ['job.labels'], 'a value nested 120 levels deep', (job) => {
    let deep: unknown = 'bottom';
    for (let level = 0; level < 120; level++) deep = { d: deep };
    return setInMap(job, 'Labels', 'deep', deep);
  }, { exclusive: true }),

  // --- job: Constraints ------------------------------------------------------------------------------
  mutation('constraint.valid', 'none', ['job.constraints'], 'one more valid constraint (any operator, favour_ prefix)', constraintMutation((r) =>
    r.pick([
      { Key: 'favour_region', Operator: 'in', Values: ['eu-west-1', 'eu-west-2'] },
      { Key: 'GPU-0', Operator: 'exists' },
      { Key: 'Operating-System', Operator: '==', Values: ['linux'] },
      { Key: 'cores', Operator: 'gt', Values: ['4'] },
      { Key: 'example.com/tier', Operator: '!', Values: [] },
      { Key: 'zone', Operator: 'notin', Values: [''] },
    ]),
  )),
  mutation('constraint.operator.case', 'operator', ['job.constraints'], "an operator in another case ('In', 'Exists'): operators are case-sensitive", constraintMutation((r) =>
    r.pick([
      { Key: 'region', Operator: 'In', Values: ['eu-west-1'] },
      { Key: 'GPU-0', Operator: 'Exists' },
      { Key: 'region', Operator: 'NotIn', Values: ['x'] },
      { Key: 'cores', Operator: 'GT', Values: ['2'] },
    ]),
  )),
  mutation('constraint.operator.unknown', 'operator', ['job.constraints'], "an unknown operator ('like', '>=') with one value", constraintMutation((r) => ({ Key: 'region', Operator: r.pick(['like', '>=', '<', 'equals', 'contains', '!~', '']), Values: ['x'] }))),
  mutation('constraint.values.unexpected', 'constraint-values', ['job.constraints'], "'exists' or '!' with values", constraintMutation((r) => ({ Key: 'GPU-0', Operator: r.pick(['exists', '!']), Values: ['true'] }))),
  mutation('constraint.values.missing', 'constraint-values', ['job.constraints'], "'in' or 'notin' without values", constraintMutation((r) => (r.chance(0.5) ? { Key: 'region', Operator: r.pick(['in', 'notin']) } : { Key: 'region', Operator: r.pick(['in', 'notin']), Values: [] }))),
  mutation('constraint.values.count', 'constraint-values', ['job.constraints'], "'=', '==', '!=', 'gt' or 'lt' with no value or two", constraintMutation((r) => {
    const operator = r.pick(['=', '==', '!=', 'gt', 'lt']);
    const numeric = operator === 'gt' || operator === 'lt';
    return r.chance(0.5) ? { Key: 'region', Operator: operator } : { Key: 'region', Operator: operator, Values: numeric ? ['1', '2'] : ['a', 'b'] };
  })),
  mutation('constraint.values.not-integer', 'constraint-values', ['job.constraints'], "'gt'/'lt' with a value that is not a base-10 integer", constraintMutation((r) => ({ Key: 'cores', Operator: r.pick(['gt', 'lt']), Values: [r.pick(['2.0', 'ten', '1e3', '0x10', ''])] }))),
  mutation('constraint.key.blank', 'not-blank', ['job.constraints'], 'a blank constraint Key', constraintMutation((r) => ({ Key: r.pick(['', '  ']), Operator: 'exists' }))),
  mutation('constraint.key.invalid', 'label', ['job.constraints'], 'a constraint Key that is not a label key', constraintMutation((r) =>
    ({ Key: r.pick(['bad key', 'a/b/c', '-lead', 'x'.repeat(64), 'Example.com/x', 'favour_', 'favour_bad key', 'trail-']), Operator: 'exists' }),
  )),
  mutation('constraint.value.invalid', 'label', ['job.constraints'], "a constraint value that is not a label value ('eu-west-1,eu-west-2', spaces, 64 characters)", constraintMutation((r) =>
    ({ Key: 'region', Operator: r.pick(['in', '=']), Values: [r.pick(['eu-west-1,eu-west-2', 'has space', 'x'.repeat(64), '-x', 'a/b'])] }),
  )),
  mutation('constraint.key.missing', 'required', ['job.constraints'], 'a constraint without Key', constraintMutation(() => ({ Operator: 'exists' }))),
  mutation('constraint.operator.missing', 'required', ['job.constraints'], 'a constraint without Operator', constraintMutation(() => ({ Key: 'region', Values: ['eu-west-1'] }))),
  mutation('constraint.values.string', 'type', ['job.constraints'], 'a string where the Values list goes', constraintMutation(() => ({ Key: 'region', Operator: 'in', Values: 'eu-west-1' }))),
  mutation('unknown-key.constraint', 'unknown-key', ['job.constraints'], "an unknown key in a constraint ('Value', 'Op')", constraintMutation((r) => {
    const [key, value] = r.pick<readonly [string, unknown]>([['Value', 'linux'], ['Op', 'in'], ['Weight', 10], ['Label', 'x']]);
    const constraint: Wire = { Key: 'Operating-System', Operator: '=', Values: ['linux'] };
    define(constraint, key, value);
    return constraint;
  })),
  mutation('constraint.not-object', 'type', ['job.constraints'], "a constraint written as a string ('region=eu-west-1')", constraintMutation((r) => r.pick(['region=eu-west-1', 'GPU-0 exists']))),
  mutation('constraints.object', 'type', ['job.constraints'], 'one constraint where the Constraints list goes', setJob('Constraints', () => ({ Key: 'region', Operator: 'in', Values: ['eu-west-1'] }))),

  // --- job: Tasks --------------------------------------------------------------------------------------
  mutation('job.tasks.missing', 'required', ['job.tasks'], 'no Tasks', (job) => drop(job, 'Tasks')),
  mutation('job.tasks.empty', 'required', ['job.tasks'], 'Tasks: []', setJob('Tasks', () => [])),
  mutation('job.tasks.null', 'required', ['job.tasks'], 'Tasks: null', setJob('Tasks', () => null)),
  mutation('job.tasks.object', 'type', ['job.tasks'], "the task itself where the Tasks list goes (a YAML item without its '- ')", (job) => {
    const task = taskOf(job);
    if (task === undefined) return false;
    put(job, 'Tasks', task);
    return true;
  }),
  mutation('job.tasks.string', 'type', ['job.tasks'], 'a string where the Tasks list goes', setJob('Tasks', () => 'main')),
  mutation('job.tasks.two', 'single-task', ['job.tasks'], 'a second task (Bacalhau keeps only the first)', (job) => {
    const tasks = listAt(job, 'Tasks');
    const task = taskOf(job);
    if (tasks === undefined || task === undefined) return false;
    const second = clone(task);
    put(second, 'Name', `${String(get(task, 'Name') ?? 'task')}-2`);
    tasks.push(second);
    return true;
  }),
  mutation('task.not-object', 'type', ['job.tasks'], 'a task that is a string or a list', (job, random) => {
    const tasks = listAt(job, 'Tasks');
    if (tasks === undefined || tasks.length === 0) return false;
    tasks[0] = random.pick<unknown>(['main', ['main']]);
    return true;
  }),

  // --- task: Name, keys --------------------------------------------------------------------------------
  mutation('task.name.missing', 'required', ['task.name'], 'a task without Name', onTask((task) => drop(task, 'Name'))),
  mutation('task.name.blank', 'not-blank', ['task.name'], 'a blank task Name', onTask((task, r) => (put(task, 'Name', r.pick(['', ' ', '\t', ' \n '])), true))),
  mutation('task.name.nul', 'no-nul', ['task.name'], 'a NUL character in the task Name', onTask((task) => (put(task, 'Name', 'ma\0in'), true))),
  mutation('task.name.number', 'type', ['task.name'], 'a number where the task Name goes', onTask((task, r) => (put(task, 'Name', r.pick([1, 2.5, false])), true))),
  mutation('task.name.awkward', 'none', ['task.name'], 'a task Name YAML treats specially (quoted by the writer)', onTask((task, r) => (put(task, 'Name', r.pick(AWKWARD)), true))),
  mutation('unknown-key.task', 'unknown-key', ['task.extra'], "an unknown task key ('ResourcesConfig', 'Outputs', 'Timeout', …: Bacalhau silently ignores it)", unknownKey(taskOf, MISTAKEN_TASK_KEYS)),
  mutation('duplicate-key.task', 'duplicate-key', ['task.extra'], 'a task key spelt twice in different case', duplicateKey(taskOf)),

  // --- task: Engine --------------------------------------------------------------------------------------
  mutation('task.engine.missing', 'required', ['task.engine'], 'a task without Engine', onTask((task) => drop(task, 'Engine'))),
  mutation('task.engine.null', 'required', ['task.engine'], 'Engine: null', onTask((task) => (put(task, 'Engine', null), true))),
  mutation('task.engine.string', 'type', ['task.engine'], "a string where the Engine object goes ('docker')", onTask((task) => (put(task, 'Engine', 'docker'), true))),
  mutation('engine.type.missing', 'required', ['task.engine'], 'an Engine without Type', (job) => engineOf(job) !== undefined && drop(engineOf(job) as Wire, 'Type')),
  mutation('engine.type.blank', 'not-blank', ['task.engine'], 'a blank Engine Type', (job, random) => {
    const spec = engineOf(job);
    if (spec === undefined) return false;
    put(spec, 'Type', random.pick(['', '  ']));
    return true;
  }),
  mutation('engine.type.case', 'none', ['task.engine'], "the Engine Type in another case or padded ('Docker', ' wasm '): matched after trimming, in any case", (job, random) => {
    const spec = engineOf(job);
    const type = spec === undefined ? undefined : get(spec, 'Type');
    if (spec === undefined || typeof type !== 'string') return false;
    put(spec, 'Type', random.pick([type.toUpperCase(), `${type.charAt(0).toUpperCase()}${type.slice(1)}`, ` ${type} `]));
    return true;
  }),
  mutation('engine.type.custom', 'custom-type', ['task.engine'], "a custom engine type ('python', 'duckdb'): a warning, only plugin nodes run it", onTask((task, r) => {
    put(task, 'Engine', { Type: r.pick(['python', 'flibble', 'duckdb', 'docker-compose']), Params: { Script: 'main.py', Args: ['-v'] } });
    return true;
  })),
  mutation('engine.type.wrong-role', 'custom-type', ['task.engine'], "a source or publisher type as the engine ('ipfs', 's3')", onTask((task, r) => (put(task, 'Engine', { Type: r.pick(['ipfs', 's3', 'urlDownload']) }), true))),
  mutation('engine.type.noop', 'test-only-type', ['task.engine'], "the 'noop' engine (test and devstack nodes only)", onTask((task) => (put(task, 'Engine', { Type: 'noop' }), true))),
  mutation('unknown-key.engine', 'unknown-key', ['task.engine'], "an unknown key in the Engine ('Image' next to Type, as if Params were flattened)", unknownKey(engineOf, [['Image', 'alpine'], ['Spec', {}], ['Version', '1'], ['Entrypoint', ['sh']]])),
  mutation('engine.params.string', 'type', ['task.engine'], 'a string where the engine Params object goes', (job) => {
    const spec = engineOf(job);
    if (spec === undefined) return false;
    put(spec, 'Params', 'image=alpine');
    return true;
  }),
  mutation('engine.params.null', 'required', ['task.engine'], 'docker or wasm Params: null (so no Image / EntryModule)', (job) => {
    const spec = engineOf(job);
    const type = typeOf(spec);
    if (spec === undefined || (type !== 'docker' && type !== 'wasm')) return false;
    put(spec, 'Params', null);
    return true;
  }),
  mutation('unknown-key.engine-params', 'unknown-key', ['task.engine'], "an unknown key in docker/wasm Params ('Cmd', 'Args', 'WorkDir', 'Module')", (job, random) => {
    const spec = engineOf(job);
    const type = typeOf(spec);
    const params = spec === undefined ? undefined : wireAt(spec, 'Params');
    if (params === undefined || (type !== 'docker' && type !== 'wasm')) return false;
    const keys: readonly (readonly [string, unknown])[] =
      type === 'docker'
        ? [['Cmd', ['echo']], ['Args', ['hi']], ['Command', 'echo hi'], ['WorkDir', '/w'], ['Env', ['A=1']], ['Ports', ['80:80']], ['Volumes', []]]
        : [['Module', '/m.wasm'], ['Args', ['x']], ['Env', { A: '1' }], ['Memory', '64Mb']];
    const [key, value] = random.pick(keys.filter(([k]) => !has(params, k)));
    define(params, key, clone(value));
    return true;
  }),
  mutation('docker.image.missing', 'required', ['task.engine'], 'a docker engine without Image', onDocker((params) => drop(params, 'Image'))),
  mutation('docker.image.blank', 'not-blank', ['task.engine'], 'a blank docker Image', onDocker((params, r) => put(params, 'Image', r.pick(['', ' '])))),
  mutation('docker.image.number', 'type', ['task.engine'], "a number where the Image goes (an unquoted 'Image: 3.10' in YAML)", onDocker((params, r) => put(params, 'Image', r.pick([3.1, 12])))),
  mutation('docker.entrypoint.string', 'type', ['task.engine'], 'a string where the Entrypoint list goes', onDocker((params, r) => put(params, 'Entrypoint', r.pick(['sh -c "echo hi"', '/bin/sh'])))),
  mutation('docker.parameters.string', 'type', ['task.engine'], 'a string where the Parameters list goes', onDocker((params) => put(params, 'Parameters', 'echo hi'))),
  mutation('docker.parameters.numbers', 'type', ['task.engine'], 'numbers or booleans in the Parameters list', onDocker((params, r) => put(params, 'Parameters', r.pick<unknown[]>([['--count', 5], [true], [1.5, 'x']])))),
  mutation('yaml.number-word', 'type', ['task.engine'], "an unquoted number-like word in Parameters ('5', '3.10', '0x1F', '1_000'): a number in YAML 1.1", onDocker((params, r) =>
    put(params, 'Parameters', ['--threads', rawScalar(r.pick(['5', '3.10', '0x1F', '1_000', '0755', '1e3', '-.5']))]),
  ), { formats: ['yaml'] }),
  mutation('docker.workdir.relative', 'absolute-path', ['task.engine'], 'a relative docker WorkingDirectory', onDocker((params, r) => put(params, 'WorkingDirectory', r.pick(['work', './app', '~/x', 'C:\\work'])))),
  mutation('docker.envvars.no-equals', 'env-name', ['task.engine'], "an EnvironmentVariables item without '=' (Bacalhau drops it)", onDocker((params, r) => put(params, 'EnvironmentVariables', ['A=1', r.pick(['DEBUG', 'MODE fast'])]))),
  mutation('docker.envvars.reserved', 'env-reserved', ['task.engine'], 'an EnvironmentVariables item named BACALHAU_… (any case)', onDocker((params, r) => put(params, 'EnvironmentVariables', [r.pick(['BACALHAU_JOB_ID=x', 'bacalhau_x=1', 'Bacalhau_Node=2'])]))),
  mutation('docker.envvars.map', 'type', ['task.engine'], 'a map where the EnvironmentVariables list goes (as the docs show)', onDocker((params) => put(params, 'EnvironmentVariables', { A: '1' }))),
  mutation('docker.params.lowercase', 'none', ['task.engine'], "docker Params keys in lowercase ('image', 'entrypoint'), as the Bacalhau CLI writes them", onDocker((params) => {
    for (const key of Object.keys(params)) {
      const value = params[key];
      delete params[key];
      define(params, key.toLowerCase(), value);
    }
  })),
  mutation('docker.options.full', 'none', ['task.engine'], 'every docker option, valid', onDocker((params, r) => {
    put(params, 'Entrypoint', ['/bin/sh', '-c']);
    put(params, 'Parameters', ['echo "$MODE" > /outputs/mode']);
    put(params, 'EnvironmentVariables', ['MODE=fast', 'EMPTY=', 'A=B=C']);
    put(params, 'WorkingDirectory', r.pick(['/', '/work']));
  })),
  mutation('docker.lists.empty', 'none', ['task.engine'], 'empty Entrypoint / Parameters / EnvironmentVariables lists', onDocker((params, r) => put(params, r.pick(['Entrypoint', 'Parameters', 'EnvironmentVariables']), []))),
  mutation('wasm.entry-module.unmounted', 'wasm-entry-module', ['task.engine', 'task.inputs'], 'a wasm EntryModule that is no input Target', onWasm((params, r) => put(params, 'EntryModule', r.pick(['/not/mounted.wasm', 'other.wasm'])))),
  mutation('wasm.entry-module.blank', 'not-blank', ['task.engine', 'task.inputs'], 'a blank wasm EntryModule', onWasm((params, r) => put(params, 'EntryModule', r.pick(['', ' ', '/'])))),
  mutation('wasm.entry-module.missing', 'required', ['task.engine', 'task.inputs'], 'a wasm engine without EntryModule', onWasm((params) => drop(params, 'EntryModule'))),
  mutation('wasm.entry-module.number', 'type', ['task.engine', 'task.inputs'], 'a number where the EntryModule path goes', onWasm((params) => put(params, 'EntryModule', 42))),
  mutation('wasm.entry-module.relative', 'none', ['task.engine', 'task.inputs'], "the EntryModule without its leading '/' (both spellings name the mounted module)", onWasm((params) => {
    const module = get(params, 'EntryModule');
    if (typeof module !== 'string' || !module.startsWith('/')) return false;
    put(params, 'EntryModule', module.slice(1));
    return true;
  })),
  mutation('wasm.entrypoint.missing', 'required', ['task.engine', 'task.inputs'], 'a wasm engine without Entrypoint (there is no default)', onWasm((params) => drop(params, 'Entrypoint'))),
  mutation('wasm.entrypoint.blank', 'not-blank', ['task.engine', 'task.inputs'], 'a blank wasm Entrypoint', onWasm((params, r) => put(params, 'Entrypoint', r.pick(['', '  '])))),
  mutation('wasm.import-modules.number', 'type', ['task.engine', 'task.inputs'], 'a number in ImportModules', onWasm((params) => put(params, 'ImportModules', [42]))),
  mutation('wasm.import-modules.string', 'type', ['task.engine', 'task.inputs'], 'a string where the ImportModules list goes', onWasm((params) => put(params, 'ImportModules', '/lib/module-0.wasm'))),
  mutation('wasm.legacy', 'deprecated', ['task.engine', 'task.inputs'], 'the legacy wasm format: EntryModule (and each ImportModules item) is an input source, which the server converts', onWasm((params, r) => {
    put(params, 'EntryModule', { Source: { Type: 'inline', Params: { URL: WASM_DATA_URL } }, Target: r.pick(['/wasm/entry.wasm', '/legacy/main.wasm']) });
    const imports = listAt(params, 'ImportModules');
    if (imports !== undefined) {
      // Fresh Targets: a converted module whose Target equals an existing input's is refused when the job is stored.
      put(params, 'ImportModules', imports.map((_, index) => ({ Source: { Type: 'inline', Params: { URL: WASM_DATA_URL } }, Target: `/legacy/import-${index}.wasm` })));
    }
  })),
  mutation('wasm.result-name-clash', 'unique', ['task.engine', 'task.inputs', 'task.results'], 'a wasm result path Name equal to an input Target (both become mounts)', (job) => {
    const params = wasmParams(job);
    const task = taskOf(job);
    if (params === undefined || task === undefined || !canHaveList(task, 'ResultPaths')) return false;
    const target = (listAt(task, 'InputSources') ?? []).map((input) => (isWire(input) ? get(input, 'Target') : undefined)).find((t): t is string => typeof t === 'string' && t.trim() !== '');
    if (target === undefined) return false;
    (optionalList(task, 'ResultPaths') as unknown[]).push({ Name: target, Path: '/wasm-results' });
    return true;
  }),

  // --- task: Publisher -----------------------------------------------------------------------------------
  mutation('publisher.type.custom', 'custom-type', ['task.publisher'], "a custom publisher type ('webdav', 'gcs')", onTask((task, r) => (put(task, 'Publisher', { Type: r.pick(['webdav', 'gcs', 'azure']), Params: { Container: 'c' } }), true))),
  mutation('publisher.type.wrong-role', 'custom-type', ['task.publisher'], "an input source or engine type as the publisher ('urlDownload', 'docker')", onTask((task, r) => (put(task, 'Publisher', { Type: r.pick(['urlDownload', 'docker', 'inline']) }), true))),
  mutation('publisher.type.case', 'none', ['task.publisher'], "a publisher Type in another case or padded ('Local', ' IPFS ')", onTask((task, r, job) => {
    if (isLongRunning(job)) return false;
    const current = get(task, 'Publisher');
    const type = isWire(current) ? get(current, 'Type') : undefined;
    if (isWire(current) && typeof type === 'string' && type !== '') put(current, 'Type', r.pick([type.toUpperCase(), ` ${type} `]));
    else put(task, 'Publisher', { Type: r.pick(['Local', ' IPFS ', 'NOOP', 'S3Managed']) });
    return true;
  })),
  mutation('publisher.empty', 'none', ['task.publisher', 'task.results'], "Publisher {Type: ''} with no result paths: the same as no publisher", onTask((task, _r, job) => {
    if (!hasNoResults(job)) return false;
    put(task, 'Publisher', { Type: '' });
    return true;
  })),
  mutation('publisher.blank-with-params', 'not-blank', ['task.publisher'], 'a publisher with Params but a blank Type (fails only at publish time)', onTask((task) => (put(task, 'Publisher', { Type: '', Params: { Bucket: 'b', Key: 'k' } }), true))),
  mutation('publisher.missing-with-results', 'publisher-required', ['task.publisher', 'task.results'], 'result paths without a publisher (Bacalhau refuses it unless its operator set a default publisher)', (job, random) => {
    const task = taskOf(job);
    if (task === undefined || resultPaths(job) === undefined) return false;
    if (random.chance(0.5)) drop(task, 'Publisher');
    else put(task, 'Publisher', { Type: '' });
    return true;
  }),
  mutation('publisher.on-long-running', 'job-type', ['task.publisher', 'job.type', 'job.count'], 'a publisher on a service or daemon job (a warning: they never publish); batch/ops jobs become services', onTask((task, r, job) => {
    const type = jobType(job);
    if (type === 'batch' || type === 'ops') put(job, 'Type', 'service');
    else if (type !== 'service' && type !== 'daemon') return false;
    if (typeOf(get(task, 'Publisher')) === undefined || typeOf(get(task, 'Publisher')) === '') put(task, 'Publisher', { Type: r.pick(['local', 'ipfs']) });
    return true;
  })),
  mutation('publisher.string', 'type', ['task.publisher'], "a string where the Publisher object goes ('ipfs')", onTask((task) => (put(task, 'Publisher', 'ipfs'), true))),
  mutation('publisher.params.string', 'type', ['task.publisher'], 'a string where the publisher Params object goes', onTask((task) => (put(task, 'Publisher', { Type: 's3', Params: 'bucket=b' }), true))),
  mutation('publisher.params.empty', 'none', ['task.publisher'], "Params: {} on a publisher that takes none ('local', 'ipfs')", onTask((task, r, job) => {
    if (isLongRunning(job)) return false;
    put(task, 'Publisher', { Type: r.pick(['local', 'ipfs', 'noop', 's3managed']), Params: {} });
    return true;
  })),
  mutation('unknown-key.publisher', 'unknown-key', ['task.publisher'], "an unknown key in the Publisher ('Bucket' next to Type)", onTask((task, r) => {
    const current = get(task, 'Publisher');
    const spec: Wire = isWire(current) && typeof get(current, 'Type') === 'string' ? current : { Type: 'local' };
    put(task, 'Publisher', spec);
    const [key, value] = r.pick<readonly [string, unknown]>([['Bucket', 'b'], ['Config', {}], ['Spec', 'x'], ['Target', '/outputs']].filter(([k]) => !has(spec, k as string)) as [string, unknown][]);
    define(spec, key, value);
    return true;
  })),
  mutation('unknown-key.publisher-params', 'unknown-key', ['task.publisher'], "an unknown publisher Params key (s3 'Prefix', 'ACL'; any key on local/ipfs)", onTask((task, r) => {
    const current = get(task, 'Publisher');
    const type = typeOf(current);
    const [key, value] = r.pick<readonly [string, unknown]>([['Prefix', 'out/'], ['ACL', 'private'], ['Compress', true], ['Path', '/results']]);
    if (isWire(current) && type !== undefined && ['noop', 'local', 'ipfs', 's3managed', 's3'].includes(type)) {
      const existing = wireAt(current, 'Params');
      if (has(current, 'Params') && existing === undefined) return false;
      if (existing !== undefined && has(existing, key)) return false;
      define(optionalWire(current, 'Params') as Wire, key, value);
    } else {
      const params: Wire = {};
      define(params, key, value);
      put(task, 'Publisher', { Type: 'local', Params: params });
    }
    return true;
  })),
  mutation('s3-publisher.bucket.missing', 'required', ['task.publisher'], 'an s3 publisher without Bucket', (job) => {
    const params = s3PublisherParams(job);
    return params !== undefined && drop(params, 'Bucket');
  }),
  mutation('s3-publisher.bucket.blank', 'not-blank', ['task.publisher'], 'a blank s3 publisher Bucket', (job, r) => {
    const params = s3PublisherParams(job);
    return params !== undefined && (put(params, 'Bucket', r.pick(['', ' '])), true);
  }),
  mutation('s3-publisher.key.missing', 'required', ['task.publisher'], 'an s3 publisher without Key', (job) => {
    const params = s3PublisherParams(job);
    return params !== undefined && drop(params, 'Key');
  }),
  mutation('s3-publisher.key.blank', 'not-blank', ['task.publisher'], 'a blank s3 publisher Key', (job, r) => {
    const params = s3PublisherParams(job);
    return params !== undefined && (put(params, 'Key', r.pick(['', '   '])), true);
  }),
  mutation('s3-publisher.encoding.bad', 'one-of', ['task.publisher'], "an s3 publisher Encoding other than 'gzip'/'plain' ('GZIP', 'zip')", (job, r) => {
    const params = s3PublisherParams(job);
    return params !== undefined && (put(params, 'Encoding', r.pick(['GZIP', 'zip', 'tar', 'Plain', 'none'])), true);
  }),
  mutation('s3-publisher.full', 'none', ['task.publisher'], 'an s3 publisher with every param, valid', (job, r) => {
    if (isLongRunning(job)) return false;
    const params = s3PublisherParams(job);
    if (params === undefined) return false;
    put(params, 'Endpoint', 'http://127.0.0.1:9000');
    put(params, 'Region', 'eu-west-1');
    put(params, 'Encoding', r.pick(['gzip', 'plain', '']));
    return true;
  }),

  // --- task: InputSources ------------------------------------------------------------------------------
  mutation('input.target.missing', 'required', ['task.inputs'], 'an input source without Target', (job) => {
    const input = addInput(job, { Type: 'ipfs', Params: { CID: CIDS[0] } });
    return input !== undefined && drop(input, 'Target');
  }),
  mutation('input.target.blank', 'not-blank', ['task.inputs'], 'a blank input Target', (job, r) => {
    const input = addInput(job, { Type: 'ipfs', Params: { CID: CIDS[0] } });
    return input !== undefined && (put(input, 'Target', r.pick(['', ' '])), true);
  }),
  mutation('input.target.number', 'type', ['task.inputs'], 'a number where the input Target goes', (job) => {
    const input = addInput(job, { Type: 'ipfs', Params: { CID: CIDS[0] } });
    return input !== undefined && (put(input, 'Target', 7), true);
  }),
  mutation('input.target.relative', 'none', ['task.inputs'], 'a relative input Target (no absolute-path check at submission)', (job, r) =>
    addInput(job, { Type: 'ipfs', Params: { CID: CIDS[1] } }, r.pick(['data', 'inputs/extra'])) !== undefined,
  ),
  mutation('input.target.duplicate', 'unique', ['task.inputs'], 'two input sources with the same Target', (job) => {
    const first = inputOfType(job, undefined, () => ({ Type: 'ipfs', Params: { CID: CIDS[0] } }));
    const target = first === undefined ? undefined : get(first, 'Target');
    if (typeof target !== 'string' || target.trim() === '') return false;
    const task = taskOf(job) as Wire;
    (listAt(task, 'InputSources') as unknown[]).push({ Source: { Type: 'urlDownload', Params: { URL: DOWNLOAD_URLS[0] } }, Target: target });
    return true;
  }),
  mutation('input.target.duplicate-trimmed', 'unique', ['task.inputs'], "two input Targets equal after trimming (' /data' and '/data'): they collide when the job is stored", (job, r) => {
    const first = inputOfType(job, undefined, () => ({ Type: 'ipfs', Params: { CID: CIDS[0] } }));
    const target = first === undefined ? undefined : get(first, 'Target');
    if (typeof target !== 'string' || target.trim() === '') return false;
    const task = taskOf(job) as Wire;
    (listAt(task, 'InputSources') as unknown[]).push({ Source: { Type: 'ipfs', Params: { CID: CIDS[1] } }, Target: r.pick([` ${target}`, `${target} `, `\t${target}`]) });
    return true;
  }),
  mutation('input.alias.duplicate', 'unique', ['task.inputs'], 'two input sources with the same Alias (possibly after trimming)', (job, r) => {
    const first = addInput(job, { Type: 'ipfs', Params: { CID: CIDS[0] } }, '/alias/a', 'corpus');
    const second = first === undefined ? undefined : addInput(job, { Type: 'ipfs', Params: { CID: CIDS[1] } }, '/alias/b', r.pick(['corpus', ' corpus', 'corpus ']));
    return second !== undefined;
  }),
  mutation('input.alias.empty-twice', 'none', ['task.inputs'], "two inputs with Alias '' (empty aliases need not be unique)", (job) => {
    const first = addInput(job, { Type: 'ipfs', Params: { CID: CIDS[0] } }, '/alias/a', '');
    return first !== undefined && addInput(job, { Type: 'ipfs', Params: { CID: CIDS[1] } }, '/alias/b', '') !== undefined;
  }),
  mutation('input.source.missing', 'required', ['task.inputs'], 'an input without Source (or Source: null)', (job, r) => {
    const input = addInput(job, { Type: 'ipfs' });
    if (input === undefined) return false;
    if (r.chance(0.5)) drop(input, 'Source');
    else put(input, 'Source', null);
    return true;
  }),
  mutation('input.source.type.missing', 'required', ['task.inputs'], 'an input Source without Type', (job) => addInput(job, { Params: { CID: CIDS[0] } }) !== undefined),
  mutation('input.source.type.blank', 'not-blank', ['task.inputs'], 'a blank input Source Type', (job, r) => addInput(job, { Type: r.pick(['', ' ']), Params: { CID: CIDS[0] } }) !== undefined),
  mutation('input.source.type.case', 'none', ['task.inputs'], "input Source Types in another case or padded ('URLDownload', ' IPFS ')", (job, r) => {
    const [type, params] = r.pick<readonly [string, Wire]>([['URLDownload', { URL: DOWNLOAD_URLS[0] }], [' IPFS ', { CID: CIDS[0] }], ['S3', { Bucket: 'b' }], ['Inline', { URL: 'data:,x' }], ['LOCAL', { SourcePath: '/mnt/x' }]]);
    return addInput(job, { Type: type, Params: { ...params } }) !== undefined;
  }),
  mutation('input.source.type.custom', 'custom-type', ['task.inputs'], "a custom input source type ('gcs', 'git')", (job, r) => addInput(job, { Type: r.pick(['gcs', 'git', 'http', 'hf']), Params: { Repo: 'x' } }) !== undefined),
  mutation('input.source.type.wrong-role', 'custom-type', ['task.inputs'], "an engine type as an input source ('docker', 'wasm')", (job, r) => addInput(job, { Type: r.pick(['docker', 'wasm']) }) !== undefined),
  mutation('input.source.result-only', 'result-only-type', ['task.inputs'], "'s3PreSigned' or 's3managed' as an input (they describe results)", (job, r) =>
    addInput(job, r.pick<Wire>([{ Type: 's3PreSigned', Params: { PreSignedURL: 'https://example.com/x?sig=1' } }, { Type: 's3managed' }])) !== undefined,
  ),
  mutation('input.source.local-directory', 'deprecated', ['task.inputs'], "the deprecated 'localDirectory' source type", (job) => addInput(job, { Type: 'localDirectory', Params: { SourcePath: '/mnt/legacy' } }) !== undefined),
  mutation('input.source.noop', 'test-only-type', ['task.inputs'], "the 'noop' input source (test nodes only)", (job) => addInput(job, { Type: 'noop' }) !== undefined),
  mutation('unknown-key.input', 'unknown-key', ['task.inputs'], "an unknown key in an input ('Path', 'Mount', 'ReadOnly')", (job, r) => {
    const input = addInput(job, { Type: 'ipfs', Params: { CID: CIDS[0] } });
    if (input === undefined) return false;
    const [key, value] = r.pick<readonly [string, unknown]>([['Path', '/data'], ['Mount', '/data'], ['ReadOnly', true], ['Name', 'x']]);
    define(input, key, value);
    return true;
  }),
  mutation('unknown-key.source', 'unknown-key', ['task.inputs'], "an unknown key in an input Source ('URL' next to Type, without Params)", (job, r) => {
    const [key, value, type] = r.pick<readonly [string, unknown, string]>([['URL', DOWNLOAD_URLS[0], 'urlDownload'], ['CID', CIDS[0], 'ipfs'], ['Bucket', 'b', 's3'], ['Path', '/x', 'local']]);
    const spec: Wire = { Type: type, Params: type === 'urlDownload' ? { URL: DOWNLOAD_URLS[1] } : type === 'ipfs' ? { CID: CIDS[1] } : type === 's3' ? { Bucket: 'b' } : { SourcePath: '/x' } };
    define(spec, key, value);
    return addInput(job, spec) !== undefined;
  }),
  mutation('unknown-key.source-params', 'unknown-key', ['task.inputs'], "an unknown input Source Params key (local 'Path' as the docs write it, s3 'Prefix', …)", (job, r) => {
    const spec = r.pick<Wire>([
      { Type: 'local', Params: { SourcePath: '/mnt/x', Path: '/mnt/x' } },
      { Type: 's3', Params: { Bucket: 'b', Prefix: 'logs/' } },
      { Type: 'urlDownload', Params: { URL: DOWNLOAD_URLS[0], Link: DOWNLOAD_URLS[1] } },
      { Type: 'ipfs', Params: { CID: CIDS[0], Hash: CIDS[1] } },
      { Type: 'inline', Params: { URL: 'data:,x', Data: 'x' } },
    ]);
    return addInput(job, clone(spec)) !== undefined;
  }),
  mutation('input.not-object', 'type', ['task.inputs'], "an input written as a string ('/data')", (job) => {
    const task = taskOf(job);
    if (task === undefined || !canHaveList(task, 'InputSources')) return false;
    (optionalList(task, 'InputSources') as unknown[]).push('/data');
    return true;
  }),
  mutation('input-sources.object', 'type', ['task.inputs', 'task.engine'], 'one input where the InputSources list goes', onTask((task) => {
    put(task, 'InputSources', { Source: { Type: 'ipfs', Params: { CID: CIDS[0] } }, Target: '/inputs' });
    return true;
  })),
  mutation('input-sources.string', 'type', ['task.inputs', 'task.engine'], 'a string where the InputSources list goes', onTask((task) => (put(task, 'InputSources', 's3://bucket/key'), true))),
  mutation('inputs.many', 'none', ['task.inputs'], 'several more valid inputs of every source type', (job, r) => {
    const specs: Wire[] = [
      { Type: 'urlDownload', Params: { URL: r.pick(DOWNLOAD_URLS) } },
      { Type: 'ipfs', Params: { CID: r.pick(CIDS) } },
      { Type: 'inline', Params: { URL: r.pick(INLINE_URLS) } },
      { Type: 's3', Params: { Bucket: 'b', Key: 'k/', Partition: { Type: 'object' } } },
      { Type: 'local', Params: { SourcePath: '/srv/x', ReadWrite: r.chance(0.5), CreateAs: r.pick(['dir', 'noCreate', 'file', '']) } },
    ];
    for (const [index, spec] of specs.entries()) if (addInput(job, spec, `/more/${index}`, r.chance(0.5) ? `more-${index}` : undefined) === undefined) return false;
    return true;
  }),
  mutation('url.scheme', 'url', ['task.inputs'], "a urlDownload URL that is not http(s) ('ftp://…', 's3://…', no scheme)", (job, r) =>
    addInput(job, { Type: 'urlDownload', Params: { URL: r.pick(['ftp://example.com/x.txt', 'example.com/file.txt', 's3://bucket/key', 'file:///etc/passwd', '//example.com/a']) } }) !== undefined,
  ),
  mutation('url.no-path', 'url', ['task.inputs'], 'a urlDownload URL without a file path', (job, r) => addInput(job, { Type: 'urlDownload', Params: { URL: r.pick(['https://example.com', 'https://example.com/', 'http://example.com?x=1']) } }) !== undefined),
  mutation('url.quoted', 'none', ['task.inputs'], 'a urlDownload URL with spaces or quotes around it (Bacalhau trims them)', (job, r) =>
    addInput(job, { Type: 'urlDownload', Params: { URL: r.pick([' https://example.com/a.txt ', '"https://example.com/a.txt"', "'https://example.com/a.txt'"]) } }) !== undefined,
  ),
  mutation('inline.not-data', 'url', ['task.inputs'], 'an inline URL that is not a data: URL', (job, r) => addInput(job, { Type: 'inline', Params: { URL: r.pick(['hello', 'https://example.com/x', 'data:hello', 'base64,aGk=']) } }) !== undefined),
  mutation('inline.blank', 'not-blank', ['task.inputs'], 'a blank inline URL', (job, r) => addInput(job, { Type: 'inline', Params: { URL: r.pick(['', ' ']) } }) !== undefined),
  mutation('ipfs.cid.blank', 'not-blank', ['task.inputs'], 'a blank ipfs CID', (job, r) => addInput(job, { Type: 'ipfs', Params: { CID: r.pick(['', ' ']) } }) !== undefined),
  mutation('ipfs.cid.missing', 'required', ['task.inputs'], 'an ipfs source without CID (or without Params)', (job, r) => addInput(job, r.chance(0.5) ? { Type: 'ipfs', Params: {} } : { Type: 'ipfs' }) !== undefined),
  mutation('s3-source.bucket.missing', 'required', ['task.inputs'], 'an s3 source without Bucket', (job) => addInput(job, { Type: 's3', Params: { Key: 'logs/' } }) !== undefined),
  mutation('s3-source.bucket.blank', 'not-blank', ['task.inputs'], 'a blank s3 source Bucket', (job, r) => addInput(job, { Type: 's3', Params: { Bucket: r.pick(['', ' ']), Key: 'x' } }) !== undefined),
  mutation('s3-source.filter.bad-regex', 'regex', ['task.inputs'], "an s3 Filter Go's regexp refuses (look-around, back-reference, '(', repeat > 1000)", (job, r) => {
    const params = s3SourceParams(job);
    return params !== undefined && (put(params, 'Filter', r.pick(['(?=x)', '(?<=a)b', '(a)\\1', 'a{1001}', '(', '[z-a]', '\\e'])), true);
  }),
  mutation('s3-partition.type.bad', 'one-of', ['task.inputs'], "an unknown s3 Partition Type ('Regex', 'hash'): case-sensitive", (job, r) => {
    const params = s3SourceParams(job);
    return params !== undefined && (put(params, 'Partition', { Type: r.pick(['Regex', 'hash', 'NONE', 'Date', 'range']) }), true);
  }),
  mutation('s3-partition.regex.empty', 'required', ['task.inputs'], "a 'regex' partition without Pattern", (job, r) => {
    const params = s3SourceParams(job);
    return params !== undefined && (put(params, 'Partition', r.chance(0.5) ? { Type: 'regex' } : { Type: 'regex', Pattern: '' }), true);
  }),
  mutation('s3-partition.regex.bad', 'regex', ['task.inputs'], "a 'regex' partition Pattern Go's regexp refuses", (job, r) => {
    const params = s3SourceParams(job);
    return params !== undefined && (put(params, 'Partition', { Type: 'regex', Pattern: r.pick(['(?!x)', '(', '\\2', 'x{2000}']) }), true);
  }),
  mutation('s3-partition.substring.range', 'range', ['task.inputs'], "a 'substring' partition with StartIndex < 0 or EndIndex ≤ StartIndex", (job, r) => {
    const params = s3SourceParams(job);
    const [start, end] = r.pick<readonly [number, number]>([[3, 1], [-1, 5], [2, 2], [0, 0]]);
    return params !== undefined && (put(params, 'Partition', { Type: 'substring', StartIndex: start, EndIndex: end }), true);
  }),
  mutation('s3-partition.date.missing', 'required', ['task.inputs'], "a 'date' partition without DateFormat", (job) => {
    const params = s3SourceParams(job);
    return params !== undefined && (put(params, 'Partition', { Type: 'date' }), true);
  }),
  mutation('s3-partition.index.string', 'type', ['task.inputs'], "a string where a 'substring' partition index goes", (job) => {
    const params = s3SourceParams(job);
    return params !== undefined && (put(params, 'Partition', { Type: 'substring', StartIndex: '0', EndIndex: 4 }), true);
  }),
  mutation('unknown-key.partition', 'unknown-key', ['task.inputs'], "an unknown s3 Partition key ('Key', 'Format', 'Count')", (job, r) => {
    const params = s3SourceParams(job);
    if (params === undefined) return false;
    const partition: Wire = { Type: 'object' };
    define(partition, r.pick(['Key', 'Format', 'Count', 'Start']), 'x');
    put(params, 'Partition', partition);
    return true;
  }),
  mutation('s3-partition.valid', 'none', ['task.inputs'], "every s3 partition type, valid (incl. Type '')", (job, r) => {
    const params = s3SourceParams(job);
    if (params === undefined) return false;
    put(params, 'Partition', clone(r.pick<Wire>([{ Type: '' }, { Type: 'none' }, { Type: 'object' }, { Type: 'regex', Pattern: '(\\d+)' }, { Type: 'substring', StartIndex: 0, EndIndex: 3 }, { Type: 'date', DateFormat: '2006-01-02' }])));
    return true;
  }),
  mutation('local.source-path.relative', 'absolute-path', ['task.inputs'], 'a relative local SourcePath', (job, r) => addInput(job, { Type: 'local', Params: { SourcePath: r.pick(['data', './x', '~/data']) } }) !== undefined),
  mutation('local.source-path.missing', 'required', ['task.inputs'], 'a local source without SourcePath', (job) => addInput(job, { Type: 'local', Params: { ReadWrite: true } }) !== undefined),
  mutation('local.create-as.bad', 'one-of', ['task.inputs'], "a local CreateAs other than dir/file/noCreate", (job, r) => addInput(job, { Type: 'local', Params: { SourcePath: '/mnt/x', ReadWrite: true, CreateAs: r.pick(['directory', 'mkdir', 'yes', 'folder']) } }) !== undefined),
  mutation('local.create-as.file-dir', 'one-of', ['task.inputs'], "CreateAs 'file' at a SourcePath ending in '/'", (job, r) => addInput(job, { Type: 'local', Params: { SourcePath: '/mnt/dir/', ReadWrite: true, CreateAs: r.pick(['file', 'FILE']) } }) !== undefined),
  mutation('local.create-as.case', 'none', ['task.inputs'], "CreateAs in another case ('DIR', 'NoCreate'): matched case-insensitively", (job, r) => addInput(job, { Type: 'local', Params: { SourcePath: '/mnt/x', ReadWrite: true, CreateAs: r.pick(['DIR', 'NoCreate', 'File', 'nocreate']) } }) !== undefined),
  mutation('local.read-write.string', 'type', ['task.inputs'], "ReadWrite as the string 'true' (the SDK refuses it; Bacalhau's decoder accepts exactly 'ReadWrite': 'true')", (job, r) =>
    addInput(job, { Type: 'local', Params: { SourcePath: '/mnt/x', ReadWrite: r.pick(['true', 'false', 'yes']) } }) !== undefined,
  ),
  mutation('input.s3-on-ops', 'job-type', ['task.inputs'], 's3 input on an ops or daemon job (a warning: it is partitioned by Count, which is 0 there)', (job) => {
    if (jobType(job) !== 'ops' && jobType(job) !== 'daemon') return false;
    return addInput(job, { Type: 's3', Params: { Bucket: 'my-data', Key: 'logs/' } }) !== undefined;
  }),

  // --- task: ResultPaths -----------------------------------------------------------------------------------
  mutation('result.path.relative', 'absolute-path', ['task.results'], 'a relative result Path', (job, r) => {
    const result = firstResult(job);
    return result !== undefined && (put(result, 'Path', r.pick(['outputs', './out', 'C:\\out'])), true);
  }),
  mutation('result.path.blank', 'not-blank', ['task.results'], 'a blank result Path', (job, r) => {
    const result = firstResult(job);
    return result !== undefined && (put(result, 'Path', r.pick(['', ' '])), true);
  }),
  mutation('result.name.blank', 'not-blank', ['task.results'], 'a blank result Name', (job, r) => {
    const result = firstResult(job);
    return result !== undefined && (put(result, 'Name', r.pick(['', '  '])), true);
  }),
  mutation('result.name.missing', 'required', ['task.results'], 'a result path without Name', (job) => {
    const result = firstResult(job);
    return result !== undefined && drop(result, 'Name');
  }),
  mutation('result.path.missing', 'required', ['task.results'], 'a result path without Path', (job) => {
    const result = firstResult(job);
    return result !== undefined && drop(result, 'Path');
  }),
  mutation('result.path.duplicate', 'unique', ['task.results'], 'two result paths with the same Path', (job) => {
    const results = resultPaths(job);
    const path = results?.find(isWire) === undefined ? undefined : get(results?.find(isWire) as Wire, 'Path');
    if (results === undefined || typeof path !== 'string' || path.trim() === '') return false;
    results.push({ Name: 'again', Path: path });
    return true;
  }),
  mutation('result.path.duplicate-trimmed', 'unique', ['task.results'], "two result Paths equal after trimming ('/outputs ' and '/outputs')", (job, r) => {
    const results = resultPaths(job);
    const path = results?.find(isWire) === undefined ? undefined : get(results?.find(isWire) as Wire, 'Path');
    if (results === undefined || typeof path !== 'string' || path.trim() === '' || !path.startsWith('/')) return false;
    results.push({ Name: 'again', Path: r.pick([`${path} `, `${path}\t`]) });
    return true;
  }),
  mutation('result.name.duplicate', 'unique', ['task.results'], 'two result paths with the same Name (possibly after trimming)', (job, r) => {
    const results = resultPaths(job);
    const name = results?.find(isWire) === undefined ? undefined : get(results?.find(isWire) as Wire, 'Name');
    if (results === undefined || typeof name !== 'string' || name.trim() === '') return false;
    results.push({ Name: r.pick([name, ` ${name}`, `${name} `]), Path: '/elsewhere' });
    return true;
  }),
  mutation('unknown-key.result-path', 'unknown-key', ['task.results'], "an unknown key in a result path ('Target', 'Dir')", (job, r) => {
    const result = firstResult(job);
    if (result === undefined) return false;
    const key = r.pick(['Target', 'Dir', 'Source', 'Glob'].filter((k) => !has(result, k)));
    define(result, key, '/outputs');
    return true;
  }),
  mutation('result.not-object', 'type', ['task.results'], "a result path written as a string ('/outputs')", onTask((task) => {
    if (!canHaveList(task, 'ResultPaths')) return false;
    (optionalList(task, 'ResultPaths') as unknown[]).push('/outputs');
    return true;
  })),
  mutation('result-paths.object', 'type', ['task.results'], 'one result path where the ResultPaths list goes', onTask((task) => (put(task, 'ResultPaths', { Name: 'outputs', Path: '/outputs' }), true))),
  mutation('results.on-long-running', 'job-type', ['task.results', 'task.publisher'], 'result paths (with a publisher) on a service or daemon job (a warning)', onTask((task, _r, job) => {
    if (!isLongRunning(job) || !canHaveList(task, 'ResultPaths')) return false;
    (optionalList(task, 'ResultPaths') as unknown[]).push({ Name: 'service-out', Path: '/service-out' });
    if (typeOf(get(task, 'Publisher')) === undefined) put(task, 'Publisher', { Type: 'local' });
    return true;
  })),
  mutation('result.valid-extra', 'none', ['task.results', 'task.publisher'], 'one more valid result path on a batch/ops job (and a publisher when it has none)', onTask((task, r, job) => {
    if (isLongRunning(job) || !canHaveList(task, 'ResultPaths')) return false;
    const kind = typeOf(get(task, 'Publisher'));
    if (kind === '' || (kind === undefined && has(task, 'Publisher'))) return false;
    const existing = listAt(task, 'ResultPaths') ?? [];
    const [name, path] = r.pick<readonly [string, string]>([['extra', '/extra'], ['more results', '/more/results'], ['yes', '/yes']]);
    const clash = existing.some((x) => isWire(x) && (String(get(x, 'Name')).trim() === name || String(get(x, 'Path')).trim() === path));
    if (clash) return false;
    if (kind === undefined) put(task, 'Publisher', { Type: r.pick(['local', 'ipfs', 'noop']) });
    (optionalList(task, 'ResultPaths') as unknown[]).push({ Name: name, Path: path });
    return true;
  })),

  // --- task: Env and Meta --------------------------------------------------------------------------------
  mutation('env.name.lowercase', 'env-name', ['task.env'], "a lowercase Env name ('mode', 'Path')", onEnv((env, r) => define(env, r.pick(['mode', 'Path', 'lower_case']), 'x'))),
  mutation('env.name.start', 'env-name', ['task.env'], "an Env name not starting with a letter ('1X', '_X')", onEnv((env, r) => define(env, r.pick(['1X', '_X', '9']), 'x'))),
  mutation('env.name.chars', 'env-name', ['task.env'], "an Env name with characters other than A-Z 0-9 _ ('MY-VAR', 'A.B')", onEnv((env, r) => define(env, r.pick(['MY-VAR', 'A.B', 'A B', 'Ä']), 'x'))),
  mutation('env.name.empty', 'env-name', ['task.env'], "an empty Env name", onEnv((env) => define(env, '', 'x'))),
  mutation('env.name.reserved', 'env-reserved', ['task.env'], 'an Env name starting with BACALHAU_', onEnv((env, r) => define(env, r.pick(['BACALHAU_JOB_ID', 'BACALHAU_X', 'BACALHAU_']), 'x'))),
  mutation('env.value.empty', 'env-value', ['task.env'], 'an empty Env value', onEnv((env) => define(env, 'EMPTY', ''))),
  mutation('env.value.number', 'type', ['task.env'], 'a number or boolean as an Env value', onEnv((env, r) => define(env, 'THREADS', r.pick([4, true, 0.5])))),
  mutation('env.value.null', 'type', ['task.env'], "a null Env value (the SDK says type; Go reads it as '', an empty value)", onEnv((env) => define(env, 'NOTHING', null))),
  mutation('env.list', 'type', ['task.env'], "a list of 'NAME=value' where the Env map goes", onTask((task) => (put(task, 'Env', ['MODE=fast']), true))),
  mutation('env.host-ref', 'none', ['task.env'], "an 'env:HOST_VAR' Env value (read on the compute node)", onEnv((env, r) => define(env, 'API_TOKEN', r.pick(['env:API_TOKEN', 'env:HOME', 'other:thing'])))),
  mutation('task.meta.number', 'type', ['task.meta'], 'a number as a task Meta value', onTask((task) => setInMap(task, 'Meta', 'attempt', 2))),
  mutation('task.meta.bacalhau-prefix', 'none', ['task.meta'], "a 'bacalhau.org/' task Meta key (reserved only in job Meta)", onTask((task) => setInMap(task, 'Meta', 'bacalhau.org/note', 'kept'))),
  mutation('task.meta.list', 'type', ['task.meta'], 'a list where the task Meta map goes', onTask((task) => (put(task, 'Meta', ['a', 'b']), true))),

  // --- task: Resources -----------------------------------------------------------------------------------
  mutation('cpu.units', 'none', ['task.resources'], 'a CPU in any valid form (millicores, cores, exponent, padded)', quantity('CPU', GOOD_CPU)),
  mutation('cpu.malformed', 'cpu', ['task.resources'], "a CPU Bacalhau refuses ('lots', '-1', '1.5.2', '1.5m', '1k')", quantity('CPU', BAD_CPU)),
  mutation('cpu.mega-suffix', 'cpu-suffix', ['task.resources'], "a CPU with an uppercase M ('500M' means 500 millicores: a warning)", quantity('CPU', ['500M', '2M', '1000M'])),
  mutation('cpu.number', 'type', ['task.resources'], 'a number where the CPU string goes', quantity('CPU', [1, 0.5])),
  mutation('memory.units', 'none', ['task.resources'], 'a Memory in every valid unit (SI, IEC, b, commas, spaces)', quantity('Memory', GOOD_BYTES)),
  mutation('memory.malformed', 'bytes', ['task.resources'], "a Memory Bacalhau refuses ('lots', '-1', '1.5.2', '10Zb', '1e9')", quantity('Memory', BAD_BYTES)),
  mutation('memory.number', 'type', ['task.resources'], 'a number where the Memory string goes', quantity('Memory', [1024, 1e9])),
  mutation('disk.units', 'none', ['task.resources'], 'a Disk in every valid unit', quantity('Disk', GOOD_BYTES)),
  mutation('disk.malformed', 'bytes', ['task.resources'], 'a Disk Bacalhau refuses', quantity('Disk', BAD_BYTES)),
  mutation('disk.number', 'type', ['task.resources'], 'a number where the Disk string goes', quantity('Disk', [10, 2.5])),
  mutation('gpu.units', 'none', ['task.resources'], "a GPU count in any valid form ('0', '8', ' 1 ')", quantity('GPU', GOOD_GPU)),
  mutation('gpu.malformed', 'gpu', ['task.resources'], "a GPU count Bacalhau refuses ('1.0', '-1', '+1', 'one')", quantity('GPU', BAD_GPU)),
  mutation('gpu.number', 'type', ['task.resources'], 'a number where the GPU string goes', quantity('GPU', [1, 0])),
  mutation('resources.empty-strings', 'none', ['task.resources'], "empty resource strings ('' means unset: the node's default)", onResources((resources, r) => {
    for (const key of ['CPU', 'Memory', 'Disk', 'GPU']) if (r.chance(0.6)) put(resources, key, '');
  })),
  mutation('unknown-key.resources', 'unknown-key', ['task.resources'], "an unknown Resources key ('RAM', 'Cores', 'GPUType')", onResources((resources, r) => {
    const key = r.pick(['RAM', 'Cores', 'GPUType', 'Storage', 'Memoryy'].filter((k) => !has(resources, k)));
    define(resources, key, '1');
  })),
  mutation('resources.string', 'type', ['task.resources'], 'a string where the Resources object goes', onTask((task) => (put(task, 'Resources', '1 cpu, 1Gb'), true))),

  // --- task: Network -------------------------------------------------------------------------------------
  mutation('network.type.unknown', 'network-type', ['task.network'], "an unknown network Type ('Wifi', '', 'bridged')", (job, r) => {
    const net = networkOf(job);
    return net !== undefined && (put(net, 'Type', r.pick(['Wifi', 'Internet', '', 'bridged', 'Full Access'])), true);
  }),
  mutation('network.type.full', 'deprecated', ['task.network'], "network Type 'Full' (the deprecated alias of Host)", (job, r) => {
    const net = networkOf(job, 'Host');
    return net !== undefined && (put(net, 'Type', r.pick(['Full', 'full'])), true);
  }),
  mutation('network.type.case', 'none', ['task.network'], "the network Type in another case or padded ('http', ' BRIDGE ')", (job, r) => {
    const net = networkOf(job);
    const type = net === undefined ? undefined : get(net, 'Type');
    if (net === undefined || typeof type !== 'string') return false;
    put(net, 'Type', r.pick([type.toLowerCase(), type.toUpperCase(), ` ${type} `]));
    return true;
  }),
  mutation('network.type.number', 'type', ['task.network'], 'a number where the network Type goes (swagger says integer; the wire wants a string)', (job, r) => {
    const net = networkOf(job);
    return net !== undefined && (put(net, 'Type', r.pick([4, 1])), true);
  }),
  mutation('network.domains.non-http', 'network-domains', ['task.network'], 'Domains on a network that is not HTTP (or has no Type: Default)', (job, r) => {
    const mode = r.pick(['None', 'Host', 'Bridge', 'Default'] as const);
    const net = networkOf(job, mode);
    if (net === undefined) return false;
    if (mode === 'Default' && r.chance(0.5)) drop(net, 'Type');
    put(net, 'Domains', ['example.com']);
    return true;
  }),
  mutation('network.domains.invalid', 'domain', ['task.network'], "an invalid HTTP domain ('Example.COM', 'localhost', '10.0.0.0/8')", (job, r) => {
    const net = networkOf(job, 'HTTP');
    return net !== undefined && (put(net, 'Domains', ['example.com', r.pick(['Example.COM', 'localhost', '10.0.0.0/8', 'no_dots', '*.example', '.com'])]), true);
  }),
  mutation('network.domains.string', 'type', ['task.network'], 'a string where the Domains list goes', (job) => {
    const net = networkOf(job, 'HTTP');
    return net !== undefined && (put(net, 'Domains', 'example.com'), true);
  }),
  mutation('network.ports.non-host', 'network-ports', ['task.network'], 'Ports on a network that is not Host or Bridge', (job, r) => {
    const net = networkOf(job, r.pick(['HTTP', 'None', 'Default'] as const));
    return net !== undefined && (put(net, 'Ports', [{ Name: 'WEB', Static: 8080 }]), true);
  }),
  mutation('network.ports.string', 'type', ['task.network'], "a string where the Ports list goes ('8000-8010', '8080:80')", (job, r) => {
    const net = networkOf(job, r.pick(['Host', 'Bridge'] as const));
    return net !== undefined && (put(net, 'Ports', r.pick(['8000-8010', '8080:80'])), true);
  }),
  mutation('port.name.invalid', 'port-name', ['task.network'], "a port Name that is not an env-var name ('web-ui', '1port') or longer than 237", onPort('Bridge', (port, r) => put(port, 'Name', r.pick(['web-ui', '1port', 'a.b', 'P'.repeat(238), 'héllo'])))),
  mutation('port.name.missing', 'required', ['task.network'], 'a port without Name', onPort('Host', (port) => drop(port, 'Name'))),
  mutation('port.name.blank', 'required', ['task.network'], "a port Name ''", onPort('Bridge', (port) => put(port, 'Name', ''))),
  mutation('port.static.range', 'port-range', ['task.network'], 'a Static port outside 1024–65535 (privileged, negative, too high)', onPort('Host', (port, r) => put(port, 'Static', r.pick([80, 1023, 1, -1, 65536, 70000])))),
  mutation('port.target.range', 'port-range', ['task.network'], 'a Bridge Target port outside 0–65535', onPort('Bridge', (port, r) => put(port, 'Target', r.pick([-1, 65536, 100000])))),
  mutation('port.target.host', 'port-target', ['task.network'], 'a Target port in Host mode', onPort('Host', (port, r) => put(port, 'Target', r.pick([80, 8080])))),
  mutation('port.name.duplicate', 'unique', ['task.network'], 'two ports with the same Name', onPort(
    'Bridge',
    (port, _r, ports) => {
      const other = ports[1];
      if (other === undefined) return false;
      put(other, 'Name', get(port, 'Name'));
      return true;
    },
    2,
  )),
  mutation('port.static.duplicate', 'unique', ['task.network'], 'two ports with the same Static port', onPort(
    'Host',
    (port, _r, ports) => {
      const other = ports[1];
      if (other === undefined) return false;
      put(port, 'Static', 20500);
      put(other, 'Static', 20500);
      return true;
    },
    2,
  )),
  mutation('port.target.duplicate', 'unique', ['task.network'], 'two Bridge ports with the same Target port', onPort(
    'Bridge',
    (port, _r, ports) => {
      const other = ports[1];
      if (other === undefined) return false;
      put(port, 'Target', 7500);
      put(other, 'Target', 7500);
      return true;
    },
    2,
  )),
  mutation('port.host-network.invalid', 'ip-address', ['task.network'], "a HostNetwork that is not an IP address ('localhost', '999.1.1.1', '10.0.0.0/8')", onPort('Bridge', (port, r) => put(port, 'HostNetwork', r.pick(['localhost', '999.1.1.1', '10.0.0.0/8', '::1%eth0', '1.2.3'])))),
  mutation('port.static.string', 'type', ['task.network'], "a string where the Static port goes ('8080')", onPort('Host', (port) => put(port, 'Static', '8080'))),
  mutation('unknown-key.network', 'unknown-key', ['task.network'], "an unknown Network key ('Domain', 'Mode', 'AllowedDomains')", (job, r) => {
    const net = networkOf(job);
    if (net === undefined) return false;
    const key = r.pick(['Domain', 'Mode', 'AllowedDomains', 'Port'].filter((k) => !has(net, k)));
    define(net, key, 'example.com');
    return true;
  }),
  mutation('unknown-key.port', 'unknown-key', ['task.network'], "an unknown port key ('HostPort', 'ContainerPort', 'Protocol')", onPort('Bridge', (port, r) => define(port, r.pick(['HostPort', 'ContainerPort', 'Protocol']), r.pick<unknown>([8080, 'tcp'])))),
  mutation('network.default', 'none', ['task.network'], "Network {Type: 'Default'} or {} (Type absent means Default)", onTask((task, r) => (put(task, 'Network', r.chance(0.5) ? { Type: 'Default' } : {}), true))),

  // --- task: Timeouts ------------------------------------------------------------------------------------
  mutation('timeout.negative', 'non-negative', ['task.timeouts'], 'a negative timeout', onTimeouts((timeouts, r) => put(timeouts, r.pick(['ExecutionTimeout', 'QueueTimeout', 'TotalTimeout']), r.int(-3600, -1)))),
  mutation('timeout.string', 'type', ['task.timeouts'], "a duration string where integer seconds go ('5m', '300')", onTimeouts((timeouts, r) => put(timeouts, r.pick(['ExecutionTimeout', 'QueueTimeout', 'TotalTimeout']), r.pick(['5m', '300', '1h30m', '10s'])))),
  mutation('timeout.float', 'type', ['task.timeouts'], 'a fractional number of seconds', onTimeouts((timeouts, r) => put(timeouts, r.pick(['ExecutionTimeout', 'QueueTimeout', 'TotalTimeout']), r.pick([1.5, 0.25, 600.5])))),
  mutation('timeout.total-exceeded', 'timeouts-total', ['task.timeouts'], 'ExecutionTimeout + QueueTimeout > TotalTimeout (> 0)', onTimeouts((timeouts, r) => {
    const execution = r.int(60, 3600);
    const queue = r.int(0, 600);
    put(timeouts, 'ExecutionTimeout', execution);
    put(timeouts, 'QueueTimeout', queue);
    put(timeouts, 'TotalTimeout', r.int(1, execution + queue - 1));
  })),
  mutation('timeout.total-equal', 'none', ['task.timeouts'], 'ExecutionTimeout + QueueTimeout = TotalTimeout (equality is allowed)', onTimeouts((timeouts, r, job) => {
    if (isLongRunning(job)) return false;
    const execution = r.int(1, 3600);
    const queue = r.int(0, 600);
    put(timeouts, 'ExecutionTimeout', execution);
    put(timeouts, 'QueueTimeout', queue);
    put(timeouts, 'TotalTimeout', execution + queue);
    return true;
  })),
  mutation('timeout.zero', 'none', ['task.timeouts'], 'zero timeouts (0 means none / fail fast)', onTimeouts((timeouts, r) => {
    for (const key of ['ExecutionTimeout', 'QueueTimeout', 'TotalTimeout']) if (r.chance(0.7)) put(timeouts, key, 0);
  })),
  mutation('unknown-key.timeouts', 'unknown-key', ['task.timeouts'], "an unknown Timeouts key ('Timeout', 'ExecutionTimeoutSeconds')", onTimeouts((timeouts, r) => {
    const key = r.pick(['Timeout', 'ExecutionTimeoutSeconds', 'Execution', 'RunTimeout'].filter((k) => !has(timeouts, k)));
    define(timeouts, key, 600);
  })),
  mutation('timeout.on-long-running', 'job-type', ['task.timeouts'], 'an ExecutionTimeout or TotalTimeout on a service or daemon job (a warning: ignored there)', onTimeouts((timeouts, r, job) => {
    if (!isLongRunning(job)) return false;
    put(timeouts, 'ExecutionTimeout', 600);
    put(timeouts, 'QueueTimeout', 0);
    put(timeouts, 'TotalTimeout', r.pick([0, 3600]));
    return true;
  })),
  mutation('timeouts.string', 'type', ['task.timeouts'], "a string where the Timeouts object goes ('10m')", onTask((task) => (put(task, 'Timeouts', '10m'), true))),

  // --- null, empty lists and maps (Go and the SDK read them as "unset") -------------------------------
  ...(
    [
      ['Namespace', 'job.namespace'],
      ['Priority', 'job.priority'],
      ['Count', 'job.count'],
      ['Meta', 'job.meta'],
      ['Labels', 'job.labels'],
      ['Constraints', 'job.constraints'],
    ] as const
  ).map(([field, tag]) => mutation(`null.job.${field.toLowerCase()}`, 'none', [tag], `job ${field}: null (unset)`, nullField(jobItself, field))),
  ...(
    [
      ['Env', 'task.env'],
      ['Meta', 'task.meta'],
      ['Resources', 'task.resources'],
      ['Network', 'task.network'],
      ['Timeouts', 'task.timeouts'],
    ] as const
  ).map(([field, tag]) => mutation(`null.task.${field.toLowerCase()}`, 'none', [tag], `task ${field}: null (unset)`, nullField(taskOf, field))),
  mutation('null.task.publisher', 'none', ['task.publisher', 'task.results'], 'Publisher: null on a task without result paths', nullField(taskOf, 'Publisher', hasNoResults)),
  mutation('null.task.inputsources', 'none', ['task.inputs', 'task.engine'], 'InputSources: null on a docker task', nullField(taskOf, 'InputSources', (job) => !isWasmTask(job))),
  mutation('null.task.resultpaths', 'none', ['task.results'], 'ResultPaths: null', nullField(taskOf, 'ResultPaths')),
  mutation('empty.job.constraints', 'none', ['job.constraints'], 'Constraints: []', setJob('Constraints', () => [])),
  mutation('empty.job.meta', 'none', ['job.meta'], 'job Meta: {}', setJob('Meta', () => ({}))),
  mutation('empty.job.labels', 'none', ['job.labels'], 'Labels: {}', setJob('Labels', () => ({}))),
  mutation('empty.task.env', 'none', ['task.env'], 'Env: {}', onTask((task) => (put(task, 'Env', {}), true))),
  mutation('empty.task.meta', 'none', ['task.meta'], 'task Meta: {}', onTask((task) => (put(task, 'Meta', {}), true))),
  mutation('empty.task.resources', 'none', ['task.resources'], 'Resources: {}', onTask((task) => (put(task, 'Resources', {}), true))),
  mutation('empty.task.timeouts', 'none', ['task.timeouts'], 'Timeouts: {}', onTask((task) => (put(task, 'Timeouts', {}), true))),
  mutation('empty.task.resultpaths', 'none', ['task.results'], 'ResultPaths: []', onTask((task) => (put(task, 'ResultPaths', []), true))),
  mutation('empty.task.inputsources', 'none', ['task.inputs', 'task.engine'], 'InputSources: [] on a docker task', onTask((task, _r, job) => !isWasmTask(job) && (put(task, 'InputSources', []), true))),
  mutation('empty.network.lists', 'none', ['task.network'], 'Domains: [] on HTTP or Ports: [] on Host/Bridge', (job, r) => {
    const mode = r.pick(['HTTP', 'Host', 'Bridge'] as const);
    const net = networkOf(job, mode);
    return net !== undefined && (put(net, mode === 'HTTP' ? 'Domains' : 'Ports', []), true);
  }),

  // --- key case (applied first) --------------------------------------------------------------------------
  mutation('keys.lowercase', 'none', ['keys'], 'every schema key in lowercase', (job) => replaceAll(job, renameKeys(job, (k) => k.toLowerCase())), { phase: 'first' }),
  mutation('keys.uppercase', 'none', ['keys'], 'every schema key in uppercase', (job) => replaceAll(job, renameKeys(job, (k) => k.toUpperCase())), { phase: 'first' }),
  mutation('keys.camel', 'none', ['keys'], "schema keys in camelCase ('inputSources', 'cpu'), as Bacalhau's docs write them", (job) => replaceAll(job, renameKeys(job, camelKey)), { phase: 'first' }),
  mutation('keys.random-case', 'none', ['keys'], "about a third of the schema keys in a random case ('tAsKs')", (job, r) =>
    replaceAll(job, renameKeys(job, (k) => [...k].map((c) => (r.chance(0.5) ? c.toUpperCase() : c.toLowerCase())).join(''), () => r.chance(0.35))),
  { phase: 'first' }),
  mutation(
    'keys.unicode-fold',
    'none',
    ['keys'],
    "keys with 'ſ' (U+017F) for s or 'K' (U+212A) for K: Go's case-insensitive match (Unicode simple folding) takes 'Taſks' as Tasks",
    (job) => {
      let changed = false;
      const folded = renameKeys(
        job,
        (k) => {
          const next = k.replace('s', 'ſ').replace('K', '\u212a');
          changed ||= next !== k;
          return next;
        },
        (k) => /s|K/.test(k) && !['Meta', 'Labels', 'Env'].includes(k),
      );
      return changed && replaceAll(job, folded);
    },
    { phase: 'first' },
  ),

  // --- text (syntax) ----------------------------------------------------------------------------------------
  mutation('syntax.template-key', 'syntax', ['text'], "an unquoted '{{ .Owner }}: …' line: YAML reads a mapping as a key", () => true, {
    formats: ['yaml'],
    exclusive: true,
    text: (text) => `${withNewline(text)}{{ .Owner }}: data-team\n`,
  }),
  mutation('syntax.truncated', 'syntax', ['text'], "the text cut short (JSON without its last '}', YAML with an unclosed '[')", () => true, {
    exclusive: true,
    text: (text, format) => (format === 'json' ? text.trimEnd().replace(/\}$/, '') : `${withNewline(text)}Extra: [unclosed\n`),
  }),
  mutation('syntax.duplicate-key', 'syntax', ['text'], "the first top-level key written twice, exactly (YAML refuses duplicate keys; Go's JSON decoder keeps the last)", () => true, {
    exclusive: true,
    text: (text, format) => {
      if (format === 'json') return text.replace(/\n( {2}"[^"\n]+"): /, (line, key: string) => `\n${key}: null,${line}`);
      const first = /^([^\s#-][^:\n]*):/m.exec(text);
      return first === null ? text : `${withNewline(text)}${first[1] ?? ''}: null\n`;
    },
  }),
  mutation('syntax.tab-indent', 'syntax', ['text'], 'a tab in the indentation of a nested line (YAML forbids tabs there)', () => true, {
    formats: ['yaml'],
    exclusive: true,
    text: (text) => (/\n {2,}\S/.test(text) ? text.replace(/\n {2}/, '\n\t') : `${withNewline(text)}Extra:\n\tkey: x\n`),
  }),
]);

function withNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** Replaces the contents of `job` with those of `next` (keeping the object); true. */
function replaceAll(job: Wire, next: unknown): boolean {
  if (!isWire(next)) return false;
  for (const key of Object.keys(job)) delete job[key];
  for (const [key, value] of Object.entries(next)) define(job, key, value);
  return true;
}

const BY_ID: ReadonlyMap<string, Mutation> = new Map(MUTATIONS.map((m) => [m.id, m]));

export function mutationById(id: string): Mutation {
  const found = BY_ID.get(id);
  if (found === undefined) throw new Error(`no mutation '${id}'`);
  return found;
}

/** Whether two mutations may not be applied to the same spec. */
export function conflicts(a: Mutation, b: Mutation): boolean {
  for (const tag of a.tags) {
    for (const other of b.tags) {
      if (tag === other) return true;
      if ((tag === 'job.tasks' && other.startsWith('task.')) || (other === 'job.tasks' && tag.startsWith('task.'))) return true;
    }
  }
  return false;
}

/** For every ProblemRule (and `none`), the mutations that target it. */
export function describeCoverage(): { rule: string; mutations: string[] }[] {
  return [...PROBLEM_RULES, 'none' as const].map((rule) => ({ rule, mutations: MUTATIONS.filter((m) => m.rule === rule).map((m) => m.id) }));
}

// ---------------------------------------------------------------------------
// Writing specs
// ---------------------------------------------------------------------------

const YAML_OPTIONS = { version: '1.1', aliasDuplicateObjects: false, lineWidth: 0, minContentWidth: 0 } as const;
const quiet = { onWarning: () => {} };

/** A wire object as YAML (1.1, so strings such as 'yes' are quoted) or JSON, as the `yaml` package and JSON.stringify write it. */
export function writeWire(wire: unknown, format: SpecFormat): string {
  return format === 'json' ? `${JSON.stringify(wire, null, 2)}\n` : yamlStringify(wire, YAML_OPTIONS);
}

/** The wire object of a built job (what Bacalhau receives). */
export function wireOf(job: JobSpec): Wire {
  return JSON.parse(toJSON(job)) as Wire;
}

export type KeyStyle = 'canonical' | 'lower' | 'camel';

/** A valid job written by the SDK (`toYAML`/`toJSON`), its keys in canonical, lowercase or camel case. */
export function writeValid(job: JobSpec, format: SpecFormat, keyStyle: KeyStyle): string {
  if (keyStyle === 'canonical') return format === 'json' ? toJSON(job) : toYAML(job, quiet);
  const renamed = renameKeys(wireOf(job), keyStyle === 'lower' ? (k) => k.toLowerCase() : camelKey) as JobSpec;
  return format === 'json' ? toJSON(renamed) : toYAML(renamed, quiet);
}

/**
 * Applies `chosen` (in phase order, skipping any that conflicts with one
 * already applied) to a copy of `wire`, and writes the result. Returns the
 * text and the ids actually applied.
 */
export function mutateAndWrite(
  wire: Wire,
  chosen: readonly Mutation[],
  random: MutationRandom,
  preferredFormat: SpecFormat,
): { text: string; format: SpecFormat; applied: Mutation[] } {
  const job = clone(wire);
  const applied: Mutation[] = [];
  for (const candidate of [...chosen].sort((a, b) => (a.phase === 'first' ? 0 : 1) - (b.phase === 'first' ? 0 : 1))) {
    if (applied.some((m) => m.id === candidate.id || m.exclusive === true || conflicts(m, candidate))) continue;
    if (candidate.exclusive === true && applied.length > 0) continue;
    const formats = candidate.formats ?? ['yaml', 'json'];
    if (!applied.every((m) => (m.formats ?? ['yaml', 'json']).some((f) => formats.includes(f)))) continue;
    if (candidate.apply(job, random)) applied.push(candidate);
  }
  const allowed = (['yaml', 'json'] as const).filter((f) => applied.every((m) => (m.formats ?? ['yaml', 'json']).includes(f)));
  const format = allowed.includes(preferredFormat) ? preferredFormat : (allowed[0] ?? 'yaml');
  let text = writeWire(job, format);
  for (const m of applied) if (m.text !== undefined) text = m.text(text, format);
  return { text: replaceRawScalars(text), format, applied };
}

// ---------------------------------------------------------------------------
// Generation
// ---------------------------------------------------------------------------

interface Plan {
  readonly recipe: JobRecipe;
  readonly mutate: boolean;
  readonly yaml: boolean;
  readonly keyStyle: KeyStyle;
  readonly picks: readonly number[];
  readonly howMany: number;
  readonly salt: number;
}

const plan: fc.Arbitrary<Plan> = fc.record({
  recipe: validJobRecipe,
  mutate: fc.noBias(fc.integer({ min: 0, max: 99 })).map((n) => n < 70),
  yaml: fc.noBias(fc.integer({ min: 0, max: 99 })).map((n) => n < 70),
  keyStyle: fc.noBias(fc.integer({ min: 0, max: 99 })).map((n): KeyStyle => (n < 70 ? 'canonical' : n < 85 ? 'lower' : 'camel')),
  picks: fc.noBias(fc.array(fc.nat({ max: MUTATIONS.length - 1 }), { minLength: 3, maxLength: 3 })),
  howMany: fc.noBias(fc.integer({ min: 0, max: 9 })).map((n) => (n < 5 ? 1 : n < 8 ? 2 : 3)),
  salt: fc.noBias(fc.integer({ min: 0, max: 0x7fffffff })),
});

/** Valid jobs (built with the builders) and their wire objects, for tests that apply mutations themselves. */
export function validBases(seed: number, count: number): { readonly jobType: JobType; readonly job: JobSpec; readonly wire: Wire }[] {
  return fc.sample(validJobRecipe, { seed, numRuns: count }).map((recipe) => {
    const job = buildJob(recipe);
    return { jobType: recipe.jobType, job, wire: wireOf(job) };
  });
}

/**
 * `count` specs, deterministic from `seed` (the first n of a larger count are
 * the same specs): about 30% valid, 70% with 1–3 mutations.
 */
export function generateSpecs(seed: number, count: number): GeneratedSpec[] {
  if (count <= 0) return [];
  return fc.sample(plan, { seed, numRuns: count }).map((p, index): GeneratedSpec => {
    const id = `gen-${seed}-${index}`;
    const job = buildJob(p.recipe);
    const preferred: SpecFormat = p.yaml ? 'yaml' : 'json';
    if (!p.mutate) return { id, text: writeValid(job, preferred, p.keyStyle), format: preferred, jobType: p.recipe.jobType, mutations: [] };
    const random = createRandom(p.salt);
    const chosen = p.picks.slice(0, p.howMany).map((i) => MUTATIONS[i] as Mutation);
    let result = mutateAndWrite(wireOf(job), chosen, random, preferred);
    // None applied (each refused this job): take the first that applies, from a random place in the list.
    for (let offset = 0; result.applied.length === 0 && offset < MUTATIONS.length; offset++) {
      const next = MUTATIONS[((p.picks[0] ?? 0) + offset) % MUTATIONS.length] as Mutation;
      result = mutateAndWrite(wireOf(job), [next], random, preferred);
    }
    return { id, text: result.text, format: result.format, jobType: p.recipe.jobType, mutations: result.applied.map((m) => m.id) };
  });
}
