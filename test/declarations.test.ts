/**
 * The emitted declarations (dist/**\/*.d.ts, built by `npm run build`) type-check for users with
 * `skipLibCheck: false`, under TypeScript 5.9 (tsd's), 6 and 7: a user's file imports the package
 * by its name (the package's self-reference through package.json `exports`, as from
 * node_modules), in two set-ups:
 * - no DOM and no Node types (`lib: ["ES2022"]`, `types: []`): the main entry point claims to run
 *   in browsers and Node alike, so its declarations may need neither; the check also proves that
 *   no declaration pulls either in by itself (`/// <reference types="node" />`, `lib="dom"`);
 * - a Node and DOM user (`lib: ["ES2022", "DOM"]`, `types: ["node"]`): both entry points.
 * Each user's file also uses the API a little, with `@ts-expect-error` on wrong calls, so that
 * declarations that resolve to `any` (and so check vacuously) fail too.
 *
 * Every declaration file in the program is checked, as a user with `skipLibCheck: false` has it:
 * the package's, type-fest's (most of the time goes there), @types/node's, the compiler's lib files.
 * The six runs go side by side, one tsc process each: about 33 s of CPU in all (TypeScript 5.9
 * and 6 take 6–10 s a run, 7 takes 1–2 s), so about 17 s on two idle cores.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CheckResult,
  type Compiler,
  type CompilerOptionsJson,
  formatDiagnostics,
  projectRoot,
  scratchDir,
  typescript59,
  typescript6,
  typescript7,
} from './compilers.js';

/** A user of the main entry point: the whole namespace, and a small program. */
const CORE_USER = `import * as api from 'bacalhau-jobs';
import { BacalhauClient, Job, Task, engine, isJobType, network, parseDuration, parseJob, publisher, source, toYAML, validateTask } from 'bacalhau-jobs';
import type { FetchLike, JobSpec, JobType, Problem, TaskSpec } from 'bacalhau-jobs';

export const everything: typeof api = api;

export const task: TaskSpec<'batch'> = Task.batch()
  .name('word-count')
  .engine(engine.docker('ubuntu:24.04', { entrypoint: ['sh', '-c'], parameters: ['wc -w /inputs/* > /outputs/count'] }))
  .input(source.s3({ bucket: 'my-data', key: 'texts/' }), { target: '/inputs' })
  .publisher(publisher.s3({ bucket: 'my-results', key: 'word-count/{jobID}' }))
  .resultPath('outputs', '/outputs')
  .resources({ cpu: '500m', memory: '1Gb' })
  .network(network.http(['example.com']))
  .timeouts({ total: '1h' })
  .build();

export const job: JobSpec<'batch'> = Job.batch('hello')
  .task((t) => t.name('main').engine(engine.docker('busybox:1.37.0')).publisher(publisher.local()).resultPath('outputs', '/outputs'))
  .build();

export const again: JobSpec<'batch'> = parseJob(toYAML(job), { jobType: 'batch' });
export const problems: readonly Problem[] = validateTask(task).problems;
export const seconds: number | undefined = parseDuration('1h');
export const kind: JobType | undefined = isJobType('ops') ? 'ops' : undefined;

export async function run(fetch: FetchLike): Promise<string> {
  const client = new BacalhauClient({ url: 'http://127.0.0.1:1234', fetch });
  const { jobId } = await client.submit(job);
  const done = await client.wait(jobId);
  return done.succeeded ? jobId : done.reason;
}

// @ts-expect-error a task without an engine does not build
Task.batch().name('no-engine').build();
// @ts-expect-error a service job publishes nothing
Task.service().name('s').engine(engine.docker('x')).publisher(publisher.local());
// @ts-expect-error built specs are deeply read-only
task.Name = 'renamed';
// @ts-expect-error not a job type
export const wrongKind: JobType = 'nightly';
`;

/** A user of the Node entry point, beside the main one. */
const NODE_USER = `import * as node from 'bacalhau-jobs/node';
import { downloadResults, UnsafeArchiveError } from 'bacalhau-jobs/node';
import type { DownloadResultsOptions, DownloadedResult } from 'bacalhau-jobs/node';
import { BacalhauClient } from 'bacalhau-jobs';

export const everything: typeof node = node;

export async function results(jobId: string): Promise<string[]> {
  const options: DownloadResultsOptions = { timeoutMs: 60_000, maxBytes: 1024 ** 3, fetch };
  try {
    const downloaded: readonly DownloadedResult[] = await downloadResults(new BacalhauClient(), jobId, './results', options);
    return downloaded.map((result) => result.executionId);
  } catch (error) {
    if (error instanceof UnsafeArchiveError) return [];
    throw error;
  }
}

// @ts-expect-error the target directory is required
void downloadResults(new BacalhauClient(), 'j-1234');
`;

const USER_OPTIONS: Readonly<CompilerOptionsJson> = {
  strict: true,
  exactOptionalPropertyTypes: true,
  module: 'NodeNext',
  moduleResolution: 'NodeNext',
  target: 'ES2022',
  skipLibCheck: false,
};

interface SetUp {
  readonly name: string;
  readonly options: Readonly<CompilerOptionsJson>;
  readonly users: Readonly<Record<string, string>>;
  /** Declaration files that must be in the program: the entry points, proving the package resolved to dist/. */
  readonly required: readonly string[];
  /** Files that must not be in the program, as a test on the absolute path. */
  readonly forbidden: readonly RegExp[];
}

const SET_UPS: readonly SetUp[] = [
  {
    name: 'no DOM, no Node types (lib ES2022, types [])',
    options: { ...USER_OPTIONS, lib: ['ES2022'], types: [] },
    users: { 'core-user.ts': CORE_USER },
    required: ['dist/index.d.ts'],
    forbidden: [/\/node_modules\/@types\//, /\/lib\.dom\.d\.ts$/, /\/dist\/node\//],
  },
  {
    name: 'Node and DOM (lib ES2022 + DOM, types [node])',
    options: { ...USER_OPTIONS, lib: ['ES2022', 'DOM'], types: ['node'] },
    users: { 'core-user.ts': CORE_USER, 'node-user.ts': NODE_USER },
    required: ['dist/index.d.ts', 'dist/node/index.d.ts'],
    forbidden: [],
  },
];

const COMPILERS: readonly Compiler[] = [typescript59, typescript6, typescript7];

const CASES = COMPILERS.flatMap((compiler) => SET_UPS.map((setUp) => ({ compiler, setUp, key: `${compiler.name}: ${setUp.name}` })));

describe('the emitted declarations type-check for users (skipLibCheck: false)', () => {
  const runs = new Map<string, Promise<CheckResult>>();

  beforeAll(() => {
    if (!existsSync(join(projectRoot, 'dist', 'index.d.ts')) || !existsSync(join(projectRoot, 'dist', 'node', 'index.d.ts'))) {
      throw new Error('dist/ has no declarations: run `npm run build` first (`npm test` does)');
    }
    // All at once, one tsc process each, so that they share the cores; each test awaits its own.
    for (const { compiler, setUp, key } of CASES) {
      const dir = scratchDir();
      const files = new Map(Object.entries(setUp.users).map(([name, text]) => [join(dir, name), text]));
      const run = compiler.checkAsync(files, setUp.options);
      run.catch(() => undefined); // reported by the test that awaits it
      runs.set(key, run);
    }
  });

  afterAll(async () => {
    const settled = await Promise.allSettled(CASES.map(({ key }) => runs.get(key)));
    const lines = CASES.map(({ key }, i) => {
      const outcome = settled[i];
      return outcome?.status === 'fulfilled' && outcome.value !== undefined
        ? `${key}: ${(outcome.value.elapsedMs / 1000).toFixed(1)} s, ${outcome.value.instantiations} instantiations`
        : `${key}: failed`;
    });
    console.log(`declaration checks (run side by side):\n${lines.join('\n')}`);
  }, 300_000); // waits for every run, even those no test awaited (with -t): each removes its files when it ends

  for (const { setUp, key } of CASES) {
    it(key, async () => {
      const result = await runs.get(key);
      if (result === undefined) throw new Error(`no run for ${key}`);
      const shown = formatDiagnostics(result.diagnostics);
      expect.soft(shown, `${key}: the declarations have errors`).toEqual([]);
      const inProgram = new Set(result.files.map((file) => relative(projectRoot, file)));
      const missing = setUp.required.filter((file) => !inProgram.has(file));
      expect.soft(missing, `${key}: not in the program (did 'bacalhau-jobs' resolve to dist/?)`).toEqual([]);
      const unwanted = result.files.filter((file) => setUp.forbidden.some((pattern) => pattern.test(file))).map((file) => relative(projectRoot, file));
      const shownUnwanted = unwanted.length > 5 ? [...unwanted.slice(0, 5), `… and ${unwanted.length - 5} more`] : unwanted;
      expect.soft(shownUnwanted, `${key}: files that must not be in this program (what pulls them in? try tsc --explainFiles)`).toEqual([]);
    }, 240_000); // they all run at once, on a machine shared with other tests
  }
});
