/**
 * What the benchmarks build, validate and parse: the full task of measurement 1
 * (as a builder chain and as the same wire literal), the sweep of measurement 2,
 * the conformance corpus and the generated jobs of measurement 3.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Job, Task, engine, network, publisher, source } from '../dist/index.js';
import { deepFreeze } from './deep-freeze.js';

// ---------------------------------------------------------------------------
// 1. One full task: docker engine, 2 inputs, publisher, 2 result paths,
//    5 env vars, meta, resources, network, timeouts.

/** The full task through the builder, one call per field. */
export function fullTaskBuilder() {
  return Task.batch()
    .name('word-count')
    .engine(engine.docker('ubuntu:24.04', { entrypoint: ['sh', '-c'], parameters: ['wc -w /inputs/* > /outputs/count'] }))
    .input(source.s3({ bucket: 'my-data', key: 'texts/' }), { target: '/inputs' })
    .input(source.urlDownload('https://example.com/stopwords.txt'), { target: '/stopwords', alias: 'stop' })
    .publisher(publisher.s3({ bucket: 'my-results', key: 'word-count/{jobID}' }))
    .resultPath('outputs', '/outputs')
    .resultPath('logs', '/logs')
    .env({ LANG: 'C.UTF-8', MODE: 'fast', THREADS: '4', REGION: 'eu-west-1', LOG_LEVEL: 'info' })
    .meta('owner', 'data-team')
    .resources({ cpu: '500m', memory: '1Gb', disk: '10Gb' })
    .network(network.http(['example.com']))
    .timeouts({ execution: '30m', queue: '10m', total: '1h' });
}

/** The same wire object as a fresh literal (a new object graph on every call). */
export function fullTaskLiteral() {
  return {
    Name: 'word-count',
    Engine: { Type: 'docker', Params: { Image: 'ubuntu:24.04', Entrypoint: ['sh', '-c'], Parameters: ['wc -w /inputs/* > /outputs/count'] } },
    Publisher: { Type: 's3', Params: { Bucket: 'my-results', Key: 'word-count/{jobID}' } },
    Env: { LANG: 'C.UTF-8', MODE: 'fast', THREADS: '4', REGION: 'eu-west-1', LOG_LEVEL: 'info' },
    Meta: { owner: 'data-team' },
    InputSources: [
      { Source: { Type: 's3', Params: { Bucket: 'my-data', Key: 'texts/' } }, Target: '/inputs' },
      { Source: { Type: 'urlDownload', Params: { URL: 'https://example.com/stopwords.txt' } }, Alias: 'stop', Target: '/stopwords' },
    ],
    ResultPaths: [
      { Name: 'outputs', Path: '/outputs' },
      { Name: 'logs', Path: '/logs' },
    ],
    Resources: { CPU: '500m', Memory: '1Gb', Disk: '10Gb' },
    Network: { Type: 'HTTP', Domains: ['example.com'] },
    Timeouts: { ExecutionTimeout: 1800, QueueTimeout: 600, TotalTimeout: 3600 },
  };
}

// ---------------------------------------------------------------------------
// 2. The sweep: one complete base job forked into variants, 3 calls each.

/** The base task builder of every variant (complete: name and engine set). */
export const sweepTask = fullTaskBuilder();
/** The base job builder (complete: its task is set). */
export const sweepJob = Job.batch('sweep').count(2).label('team', 'data').meta('owner', 'data-team').task(sweepTask);

/** Variant `i` through the builders: a new task (name, input, env) in the base job. */
export function sdkVariant(i: number) {
  return sweepJob.task(sweepTask.name(`v${i}`).input(source.ipfs(`Qm${i}`), { target: '/in' }).env('I', String(i))).build();
}

/** The base job as a literal, frozen once and shared by every variant. */
export const literalBaseJob = deepFreeze({
  Name: 'sweep',
  Type: 'batch' as const,
  Count: 2,
  Meta: { owner: 'data-team' },
  Labels: { team: 'data' },
  Tasks: [fullTaskLiteral()],
});
const literalBaseTask = literalBaseJob.Tasks[0]!;

/** Variant `i` by spreading the literal (validation and freezing are the caller's). */
export function literalVariant(i: number) {
  return {
    ...literalBaseJob,
    Tasks: [
      {
        ...literalBaseTask,
        Name: `v${i}`,
        Env: { ...literalBaseTask.Env, I: String(i) },
        InputSources: [...literalBaseTask.InputSources, { Source: { Type: 'ipfs', Params: { CID: `Qm${i}` } }, Target: '/in' }],
      },
    ],
  };
}

// ---------------------------------------------------------------------------
// 3. The conformance corpus and generated jobs.

const CONFORMANCE = fileURLToPath(new URL('../../shared/conformance/', import.meta.url));
const NOT_SPECS = new Set(['swagger.json', 'validation-vectors.json']);

/** Every job file of the conformance corpus, by name, as text. */
export function corpusTexts(): [string, string][] {
  return readdirSync(CONFORMANCE)
    .filter((name) => /\.(ya?ml|json)$/.test(name) && !NOT_SPECS.has(name))
    .sort()
    .map((name) => [name, readFileSync(`${CONFORMANCE}${name}`, 'utf8')]);
}

/** A small deterministic PRNG (mulberry32), so every run validates the same jobs. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` wire jobs of every type, with every kind of field, written as plain
 * objects (not by the SDK). About one in ten has a mistake Bacalhau rejects.
 */
export function generatedJobs(count: number, seed = 42): Record<string, unknown>[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const chance = (p: number): boolean => next() < p;
  const jobs: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const type = pick(['batch', 'batch', 'batch', 'service', 'ops', 'daemon'] as const);
    const publishes = type === 'batch' || type === 'ops';
    const inputs = Array.from({ length: Math.floor(next() * 3) }, (_, n) => {
      const target = `/inputs/${n}`;
      const kind = pick(['ipfs', 's3', 'urlDownload', 'local', 'inline']);
      const params =
        kind === 'ipfs' ? { CID: `Qm${i}x${n}` }
        : kind === 's3' ? { Bucket: `bucket-${i % 17}`, Key: `data/${i}/`, Region: 'eu-west-1' }
        : kind === 'urlDownload' ? { URL: `https://example.com/${i}/${n}.csv` }
        : kind === 'local' ? { SourcePath: `/mnt/data/${i}`, ReadWrite: chance(0.5) }
        : { URL: 'data:text/plain;base64,aGVsbG8=' };
      return chance(0.3) ? { Source: { Type: kind, Params: params }, Alias: `in${n}`, Target: target } : { Source: { Type: kind, Params: params }, Target: target };
    });
    const wasm = chance(0.1) && inputs.length > 0;
    const task: Record<string, unknown> = {
      Name: `task-${i}`,
      Engine: wasm
        ? { Type: 'wasm', Params: { EntryModule: '/inputs/0', Entrypoint: '_start', Parameters: ['a', String(i)] } }
        : { Type: 'docker', Params: { Image: `repo/image:${i % 50}`, Entrypoint: ['sh', '-c'], Parameters: [`echo ${i}`], WorkingDirectory: '/work' } },
    };
    if (publishes && chance(0.7)) {
      task['Publisher'] = pick([{ Type: 'local' }, { Type: 'ipfs' }, { Type: 's3', Params: { Bucket: 'results', Key: `out/${i}/{jobID}` } }]);
      task['ResultPaths'] = [{ Name: 'outputs', Path: '/outputs' }];
    }
    if (chance(0.6)) task['Env'] = Object.fromEntries(Array.from({ length: 1 + Math.floor(next() * 5) }, (_, n) => [`VAR_${n}`, `value-${i}-${n}`]));
    if (chance(0.4)) task['Meta'] = { owner: `team-${i % 7}`, run: String(i) };
    if (inputs.length > 0) task['InputSources'] = inputs;
    if (chance(0.6)) task['Resources'] = { CPU: pick(['100m', '500m', '1', '2']), Memory: pick(['128Mb', '1Gb', '4GiB']), ...(chance(0.2) ? { GPU: '1' } : {}) };
    if (chance(0.5)) {
      task['Network'] = pick([{ Type: 'None' }, { Type: 'Host' }, { Type: 'HTTP', Domains: ['example.com', '.pypi.org'] }, { Type: 'Bridge', Ports: [{ Name: 'http', Static: 8000 + (i % 1000), Target: 80 }] }]);
    }
    if (chance(0.5)) task['Timeouts'] = type === 'batch' || type === 'ops' ? { ExecutionTimeout: 600, QueueTimeout: 60, TotalTimeout: 3600 } : { QueueTimeout: 60 };
    const job: Record<string, unknown> = { Name: `job-${i}`, Type: type };
    if (chance(0.3)) job['Namespace'] = 'default';
    if (chance(0.2)) job['Priority'] = Math.floor(next() * 50);
    if ((type === 'batch' || type === 'service') && chance(0.5)) job['Count'] = 1 + Math.floor(next() * 8);
    if (chance(0.4)) job['Constraints'] = [{ Key: 'Operating-System', Operator: '=', Values: ['linux'] }, ...(chance(0.5) ? [{ Key: 'region', Operator: 'in', Values: ['eu-west-1', 'us-east-1'] }] : [])];
    if (chance(0.3)) job['Meta'] = { owner: `team-${i % 7}` };
    if (chance(0.5)) job['Labels'] = { team: `team-${i % 7}`, env: pick(['dev', 'prod']) };
    job['Tasks'] = [task];
    if (chance(0.1)) {
      // A mistake: the kind Bacalhau rejects at submission or on a compute node.
      const mistake = pick(['name', 'env', 'path', 'count', 'image']);
      if (mistake === 'name') task['Name'] = ' ';
      else if (mistake === 'env') task['Env'] = { lower_case: 'x' };
      else if (mistake === 'path') task['ResultPaths'] = [{ Name: 'outputs', Path: 'relative' }];
      else if (mistake === 'count') job['Count'] = -1;
      else task['Engine'] = { Type: 'docker', Params: { Image: '' } };
    }
    jobs.push(job);
  }
  return jobs;
}
