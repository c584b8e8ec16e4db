import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { examples } from '../examples/tasks.js';
import { jobs } from '../examples/jobs.js';
import { recipes } from '../examples/cookbook/index.js';
import { HELLO_WASM } from '../examples/cookbook/wasm-inline.js';
import { learningRates } from '../examples/cookbook/parameter-sweep.js';
import { problems as repairProblems, text as brokenText } from '../examples/cookbook/repair-file.js';
import { parseJob, toYAML, validateJob, validateTask, type JobSpec, type Problem, type TaskSpec } from '../src/index.js';
import { expectValidJob, expectValidTask } from './swagger.js';

const specs: [string, TaskSpec][] = Object.entries(examples).flatMap(([name, value]): [string, TaskSpec][] =>
  isSpecList(value) ? value.map((spec, index): [string, TaskSpec] => [`${name}[${index}]`, spec]) : [[name, value]],
);

function isSpecList(value: TaskSpec | readonly TaskSpec[]): value is readonly TaskSpec[] {
  return Array.isArray(value);
}

describe('examples', () => {
  it.each(specs)('%s is a valid, frozen task that survives JSON', (_name, spec) => {
    expect(validateTask(spec).problems).toEqual([]);
    expectValidTask(spec);
    expect(Object.isFrozen(spec)).toBe(true);
    expect(validateTask(JSON.parse(JSON.stringify(spec))).valid).toBe(true);
  });

  it('the sweep forks differ only where they were changed', () => {
    const [first, second] = examples.sweep;
    expect(first?.Env).toEqual({ LEARNING_RATE: '0.1' });
    expect(second?.Env).toEqual({ LEARNING_RATE: '0.01' });
    expect(first?.Engine).toBe(second?.Engine);
  });
});

describe('example jobs', () => {
  const all = Object.entries(jobs).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((job: JobSpec) => [name, job] as const));

  it.each(all)('%s is a valid job that survives YAML', (_name, job) => {
    expect(validateJob(job).problems).toEqual([]);
    expectValidJob(job);
    expect(parseJob(toYAML(job))).toStrictEqual(job);
  });
});

// ---------------------------------------------------------------------------
// Cookbook recipes (examples/cookbook, shown in docs/cookbook.md)

type Recipes = typeof recipes;
type RecipeName = keyof Recipes;

const COOKBOOK_DIR = new URL('../examples/cookbook/', import.meta.url);

/** `parameter-sweep.ts` → `parameterSweep`: the key a recipe file has in `recipes`. */
function recipeName(file: string): string {
  return file.replace(/\.ts$/, '').replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** Every recipe file (all of examples/cookbook but index.ts). */
const recipeFiles = readdirSync(COOKBOOK_DIR)
  .filter((file) => file.endsWith('.ts') && file !== 'index.ts')
  .sort();

/** One row per job: a recipe's job, or each job of the sweep. */
const recipeJobs = Object.entries(recipes).flatMap(([name, value]) =>
  (Array.isArray(value) ? (value as readonly JobSpec[]) : [value as JobSpec]).map((job, index, list) => [list.length > 1 ? `${name}[${index}]` : name, job] as const),
);

/** The WASM engine Params as the recipe writes them. */
interface WasmParamsShape {
  readonly EntryModule: string;
  readonly Entrypoint: string;
}

// Node has WebAssembly; this project's lib settings (ES2022, no DOM) do not declare it.
declare const WebAssembly: {
  validate(bytes: Uint8Array): boolean;
  Module: { new (bytes: Uint8Array): object; exports(module: object): { name: string; kind: string }[] };
};

/** What is specific to each recipe. A new recipe without an entry here does not compile. */
const specifics: { readonly [K in RecipeName]: (value: Recipes[K]) => void } = {
  dockerS3: (job) => {
    const [task] = job.Tasks;
    expect(job.Type).toBe('batch');
    expect(job.Count).toBe(4);
    expect(task.Engine).toEqual({
      Type: 'docker',
      Params: {
        Image: 'ubuntu:24.04',
        Entrypoint: ['/bin/sh', '-c'],
        Parameters: ['find /inputs -type f -exec cat {} + | wc -w > /outputs/words-$BACALHAU_PARTITION_INDEX.txt'],
      },
    });
    expect(task.InputSources).toEqual([
      { Source: { Type: 's3', Params: { Bucket: 'my-data', Key: 'texts/', Region: 'eu-west-1', Partition: { Type: 'object' } } }, Target: '/inputs' },
    ]);
    // Four executions publish separately: each needs its own key ({executionID}).
    expect(task.Publisher).toEqual({ Type: 's3', Params: { Bucket: 'my-results', Key: 'word-count/{jobID}/{executionID}', Region: 'eu-west-1' } });
    expect(task.ResultPaths).toEqual([{ Name: 'outputs', Path: '/outputs' }]);
    expect(task.Resources).toEqual({ CPU: '500m', Memory: '512Mb', Disk: '5Gb' });
    // '20m' and '1h' go on the wire as seconds.
    expect(task.Timeouts).toEqual({ ExecutionTimeout: 1200, TotalTimeout: 3600 });
  },
  wasmInline: (job) => {
    const [task] = job.Tasks;
    const params = task.Engine.Params as unknown as WasmParamsShape;
    expect(task.Engine.Type).toBe('wasm');
    expect(params.Entrypoint).toBe('_start');
    expect(task.InputSources).toEqual([{ Source: { Type: 'inline', Params: { URL: HELLO_WASM } }, Target: params.EntryModule }]);
    expect(task.Network).toEqual({ Type: 'None' });
    const bytes = new Uint8Array(Buffer.from(HELLO_WASM.slice(HELLO_WASM.indexOf(',') + 1), 'base64'));
    expect(WebAssembly.validate(bytes)).toBe(true);
    expect(WebAssembly.Module.exports(new WebAssembly.Module(bytes))).toEqual(
      expect.arrayContaining([
        { name: '_start', kind: 'function' },
        { name: 'memory', kind: 'memory' },
      ]),
    );
  },
  opsAllNodes: (job) => {
    const [task] = job.Tasks;
    expect(job.Type).toBe('ops');
    expect('Count' in job).toBe(false);
    expect(job.Constraints).toEqual([
      { Key: 'Operating-System', Operator: '=', Values: ['linux'] },
      { Key: 'pool', Operator: 'in', Values: ['edge'] },
    ]);
    // Every node publishes: the key must tell them apart ({nodeID}).
    expect(task.Publisher).toEqual({ Type: 's3', Params: { Bucket: 'fleet-reports', Key: 'disk-usage/{date}/{nodeID}/', Encoding: 'plain' } });
    expect(task.InputSources).toEqual([{ Source: { Type: 'local', Params: { SourcePath: '/var/log' } }, Target: '/host/var/log' }]);
    expect(task.ResultPaths).toEqual([{ Name: 'outputs', Path: '/outputs' }]);
    expect(task.Timeouts).toEqual({ ExecutionTimeout: 300 });
  },
  serviceBridge: (job) => {
    const [task] = job.Tasks;
    expect(job.Type).toBe('service');
    expect(job.Count).toBe(2);
    expect(job.Constraints).toEqual([{ Key: 'Operating-System', Operator: '=', Values: ['linux'] }]);
    expect(task.Network).toEqual({
      Type: 'Bridge',
      Ports: [
        { Name: 'HTTP', Target: 80 },
        { Name: 'HTTPS', Target: 443 },
      ],
    });
    // cpu: 1 goes on the wire as the string '1'.
    expect(task.Resources).toEqual({ CPU: '1', Memory: '1Gb' });
    expect(task.Publisher).toBeUndefined();
    expect(task.ResultPaths).toBeUndefined();
  },
  daemon: (job) => {
    const [task] = job.Tasks;
    expect(job.Type).toBe('daemon');
    expect('Count' in job).toBe(false);
    expect(job.Constraints).toEqual([{ Key: 'Operating-System', Operator: '=', Values: ['linux'] }]);
    expect(task.Publisher).toBeUndefined();
    expect(task.ResultPaths).toBeUndefined();
    expect(task.Network).toEqual({ Type: 'Host', Ports: [{ Name: 'METRICS', Static: 9100 }] });
    expect(task.InputSources).toEqual([
      { Source: { Type: 'local', Params: { SourcePath: '/proc' } }, Target: '/host/proc' },
      { Source: { Type: 'local', Params: { SourcePath: '/sys' } }, Target: '/host/sys' },
    ]);
    expect(task.Resources).toEqual({ CPU: '100m', Memory: '64Mb' });
  },
  parameterSweep: (sweep) => {
    expect(sweep.map((job) => job.Tasks[0].Env)).toEqual(learningRates.map((rate) => ({ LEARNING_RATE: rate })));
    expect(sweep.map((job) => job.Labels?.['learning-rate'])).toEqual([...learningRates]);
    // Same name in a namespace means "update that job": every variant needs its own.
    expect(new Set(sweep.map((job) => job.Name)).size).toBe(sweep.length);
    const [first, ...others] = sweep;
    if (first === undefined) throw new Error('the sweep is empty');
    for (const job of others) {
      // Structural sharing: what no fork changed is the very same object in every job.
      expect(job.Tasks[0].Engine).toBe(first.Tasks[0].Engine);
      expect(job.Tasks[0].InputSources).toBe(first.Tasks[0].InputSources);
      expect(job.Tasks[0].Publisher).toBe(first.Tasks[0].Publisher);
      // And the variants differ only in the swept field (plus the name and label that say which it is).
      const { Name: _name, Labels: _labels, Tasks: [{ Env: _env, ...task }], ...rest } = job;
      const { Name: _firstName, Labels: _firstLabels, Tasks: [{ Env: _firstEnv, ...firstTask }], ...firstRest } = first;
      expect(rest).toEqual(firstRest);
      expect(task).toEqual(firstTask);
    }
  },
  repairFile: (job) => {
    // Each mistake reported where it is, the misspelt key included.
    expect(repairProblems.map(({ line, path, segments, rule }) => ({ line, path, segments, rule }))).toEqual([
      { line: 3, path: 'Count', segments: ['Count'], rule: 'type' },
      { line: 19, path: 'Tasks[0].Resources.Memory', segments: ['Tasks', 0, 'Resources', 'Memory'], rule: 'bytes' },
      { line: 20, path: 'Tasks[0].Timeout', segments: ['Tasks', 0, 'Timeout'], rule: 'unknown-key' },
    ]);
    // The repaired job is the file with its three mistakes corrected by hand, and nothing else changed.
    const corrected = brokenText.replace('Count: two', 'Count: 2').replace('1 gigabyte', '1Gb').replace('    Timeout:\n', '    Timeouts:\n');
    expect(job).toStrictEqual(parseJob(corrected, { jobType: 'batch' }));
  },
};

describe('cookbook recipes', () => {
  it.each(recipeJobs)('%s validates with no problems and no warnings', (_name, job) => {
    const report = validateJob(job);
    expect(report.problems).toEqual([]);
    expect(report.warnings).toEqual([]);
  });

  it.each(recipeJobs)('%s passes the strict swagger schema', (_name, job) => {
    expectValidJob(job);
  });

  it.each(recipeJobs)('%s is frozen and survives YAML and JSON', (_name, job) => {
    expect(Object.isFrozen(job)).toBe(true);
    const warnings: Problem[] = [];
    expect(parseJob(toYAML(job, { onWarning: (warning) => warnings.push(warning) }))).toStrictEqual(job);
    expect(warnings).toEqual([]);
    expect(parseJob(JSON.stringify(job))).toStrictEqual(job);
  });

  it.each(Object.keys(specifics) as RecipeName[])('%s: recipe-specific checks', (name) => {
    (specifics[name] as (value: Recipes[RecipeName]) => void)(recipes[name]);
  });

  it('every file in examples/cookbook is exported from index.ts as a recipe, and nothing else is', async () => {
    expect(recipeFiles.length).toBeGreaterThan(0);
    expect(Object.keys(recipes).sort()).toEqual(recipeFiles.map(recipeName).sort());
    for (const file of recipeFiles) {
      const module = (await import(new URL(file, COOKBOOK_DIR).href)) as { readonly job?: unknown; readonly jobs?: unknown };
      const exported = module.job ?? module.jobs;
      expect(exported, `${file} exports neither job nor jobs`).toBeDefined();
      expect(recipes[recipeName(file) as RecipeName], `recipes.${recipeName(file)} is not ${file}'s export`).toBe(exported);
    }
  });

  it.each(recipeFiles)('docs/cookbook.md links to %s and shows its code verbatim', (file) => {
    const cookbook = readFileSync(new URL('../docs/cookbook.md', import.meta.url), 'utf8');
    expect(cookbook).toContain(`](../examples/cookbook/${file})`);
    // The file without its header comment, importing from the package as a user would.
    const code = readFileSync(new URL(file, COOKBOOK_DIR), 'utf8')
      .replace(/^\/\*\*[\s\S]*?\*\/\n/, '')
      .replaceAll(`'../../src/index.js'`, `'bacalhau-jobs'`)
      .trim();
    expect(cookbook).toContain(`\`\`\`ts\n${code}\n\`\`\``);
  });
});
