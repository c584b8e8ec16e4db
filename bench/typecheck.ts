/**
 * Measurement 4: what builder chains cost the type checker, next to the same
 * specs written as typed literals. Generates the files into a temporary
 * directory (never committed) that imports the package by name, as a user's
 * project would (its `.d.ts` files, through a node_modules symlink), and runs
 * `tsc --noEmit --extendedDiagnostics` with the project's compiler options.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const run = promisify(execFile);

/** What `--extendedDiagnostics` reports for one program. */
export interface TscRun {
  readonly checkSeconds: number;
  readonly totalSeconds: number;
  readonly instantiations: number;
  readonly memoryKB: number;
  readonly errors: readonly string[];
}

const IMPORTS = `import { Task, engine, network, publisher, source, type TaskSpec } from 'bacalhau-jobs';\n`;

/** The full task of measurement 1, varied by `i`, as a builder chain. */
function chain(i: number): string {
  return `export const t${i} = Task.batch()
  .name('word-count-${i}')
  .engine(engine.docker('ubuntu:24.${i}', { entrypoint: ['sh', '-c'], parameters: ['wc -w /inputs/* > /outputs/count'] }))
  .input(source.s3({ bucket: 'my-data', key: 'texts/${i}/' }), { target: '/inputs' })
  .input(source.urlDownload('https://example.com/${i}.txt'), { target: '/stopwords', alias: 'stop' })
  .publisher(publisher.s3({ bucket: 'my-results', key: 'word-count/${i}' }))
  .resultPath('outputs', '/outputs')
  .resultPath('logs', '/logs')
  .env({ LANG: 'C.UTF-8', MODE: 'fast', THREADS: '${i % 8}', REGION: 'eu-west-1', LOG_LEVEL: 'info' })
  .meta('owner', 'team-${i}')
  .resources({ cpu: '500m', memory: '1Gb', disk: '10Gb' })
  .network(network.http(['example${i}.com']))
  .timeouts({ execution: 1800, queue: 600, total: 3600 })
  .build();
`;
}

/** The same spec as a typed literal. */
function literal(i: number): string {
  return `export const t${i}: TaskSpec<'batch'> = {
  Name: 'word-count-${i}',
  Engine: { Type: 'docker', Params: { Image: 'ubuntu:24.${i}', Entrypoint: ['sh', '-c'], Parameters: ['wc -w /inputs/* > /outputs/count'] } },
  Publisher: { Type: 's3', Params: { Bucket: 'my-results', Key: 'word-count/${i}' } },
  Env: { LANG: 'C.UTF-8', MODE: 'fast', THREADS: '${i % 8}', REGION: 'eu-west-1', LOG_LEVEL: 'info' },
  Meta: { owner: 'team-${i}' },
  InputSources: [
    { Source: { Type: 's3', Params: { Bucket: 'my-data', Key: 'texts/${i}/' } }, Target: '/inputs' },
    { Source: { Type: 'urlDownload', Params: { URL: 'https://example.com/${i}.txt' } }, Alias: 'stop', Target: '/stopwords' },
  ],
  ResultPaths: [{ Name: 'outputs', Path: '/outputs' }, { Name: 'logs', Path: '/logs' }],
  Resources: { CPU: '500m', Memory: '1Gb', Disk: '10Gb' },
  Network: { Type: 'HTTP', Domains: ['example${i}.com'] },
  Timeouts: { ExecutionTimeout: 1800, QueueTimeout: 600, TotalTimeout: 3600 },
};
`;
}

/** test/type-cost.test.ts's 12-call chain, unchanged. */
const FULL_CHAIN =
  `Task.batch().name('a').engine(engine.docker('x')).input(source.ipfs('Q'), { target: '/i' })` +
  `.input(source.s3({ bucket: 'b' }), { target: '/j' }).publisher(publisher.ipfs()).resultPath('o', '/o')` +
  `.env('A', '1').meta('m', 'v').resources({ cpu: 1 }).network(network.http(['example.com'])).timeouts({ total: 5 }).build()`;

/** test/type-cost.test.ts's 200-call chain. */
const LONG_CHAIN = `Task.service().engine(engine.docker('x'))${Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? `.env('V${i}', '${i}')` : `.name('n${i}')`)).join('')}.build()`;

export const SOURCES = {
  imports: `${IMPORTS}export type Unused = TaskSpec;\n`,
  chains: IMPORTS + Array.from({ length: 200 }, (_, i) => chain(i)).join(''),
  literals: IMPORTS + Array.from({ length: 200 }, (_, i) => literal(i)).join(''),
  fullChain: `${IMPORTS}export const t = ${FULL_CHAIN};\nexport type Unused = TaskSpec;\n`,
  longChain: `${IMPORTS}export const t = ${LONG_CHAIN};\nexport type Unused = TaskSpec;\n`,
} as const;
export type SourceName = keyof typeof SOURCES;

function number(output: string, label: string): number {
  const match = new RegExp(`^${label}:\\s+([\\d.]+)`, 'm').exec(output);
  if (match === null) throw new Error(`tsc output has no '${label}'`);
  return Number(match[1]);
}

/** A scratch project that resolves `bacalhau-jobs` to this package. */
export class Scratch {
  readonly dir = mkdtempSync(join(tmpdir(), 'bacalhau-jobs-typecheck-'));

  constructor() {
    const base = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8')) as { compilerOptions: Record<string, unknown> };
    mkdirSync(join(this.dir, 'node_modules'));
    symlinkSync(ROOT, join(this.dir, 'node_modules', 'bacalhau-jobs'), 'dir');
    writeFileSync(join(this.dir, 'package.json'), '{ "type": "module", "private": true }\n');
    for (const [name, source] of Object.entries(SOURCES)) {
      writeFileSync(join(this.dir, `${name}.ts`), source);
      const config = { compilerOptions: { ...base.compilerOptions, noEmit: true, skipLibCheck: true }, files: [`${name}.ts`] };
      writeFileSync(join(this.dir, `tsconfig.${name}.json`), `${JSON.stringify(config, null, 2)}\n`);
    }
  }

  /** Type-checks one generated file with the project's options. */
  async check(name: SourceName): Promise<TscRun> {
    let output: string;
    try {
      ({ stdout: output } = await run(process.execPath, [TSC, '-p', `tsconfig.${name}.json`, '--extendedDiagnostics', '--pretty', 'false'], { cwd: this.dir, maxBuffer: 64 * 1024 * 1024 }));
    } catch (error) {
      // tsc exits non-zero when there are type errors; its report is still on stdout.
      output = (error as { stdout?: string }).stdout ?? '';
      if (!/^Check time:/m.test(output)) throw error;
    }
    return {
      checkSeconds: number(output, 'Check time'),
      totalSeconds: number(output, 'Total time'),
      instantiations: number(output, 'Instantiations'),
      memoryKB: number(output, 'Memory used'),
      errors: output.split('\n').filter((line) => /error TS\d+/.test(line)),
    };
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
