/**
 * `npm run bench`: the SDK against hand-written baselines, measured side by
 * side in one run. Prints one table and writes it to bench/results.json.
 *
 * Every ratio is SDK cost / baseline cost (time, bytes, instantiations):
 * lower is better, 1 means "as cheap as the baseline".
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { safeParseJob, validateJob, validateTask } from '../dist/index.js';
import { validateSwaggerJob } from '../test/swagger.js';
import { bundle, ENTRIES } from './bundle.js';
import { clientRows } from './client.js';
import { deepFreeze } from './deep-freeze.js';
import { corpusTexts, fullTaskBuilder, fullTaskLiteral, generatedJobs, literalVariant, sdkVariant } from './fixtures.js';
import { measure, scale, summarize, type Summary } from './stats.js';
import { Scratch, type SourceName, type TscRun } from './typecheck.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS = fileURLToPath(new URL('results.json', import.meta.url));
const run = promisify(execFile);
const started = performance.now();

// ---------------------------------------------------------------------------
// Rows

/** One side of a row: a distribution (timed) or a single value (counted). */
type Side = { readonly label: string } & ({ readonly summary: Summary } | { readonly value: number; readonly display?: string });

interface Row {
  readonly id: string;
  readonly measurement: string;
  readonly unit: string;
  readonly sdk: Side;
  readonly baseline: Side | null;
  /** SDK / baseline; lower is better. */
  readonly ratio: number | null;
  readonly goal: string;
  /** `null`: reported, no goal. */
  readonly met: boolean | null;
  readonly notes: string;
}

const rows: Row[] = [];

function center(side: Side): number {
  return 'summary' in side ? side.summary.median : side.value;
}

function row(fields: Omit<Row, 'ratio' | 'met'> & { readonly limit?: number; readonly met?: boolean | null }): void {
  const { limit, met, ...rest } = fields;
  const ratio = fields.baseline === null ? null : center(fields.sdk) / center(fields.baseline);
  const judged = met !== undefined ? met : limit === undefined ? null : (ratio ?? center(fields.sdk)) <= limit;
  rows.push({ id: rest.id, measurement: rest.measurement, unit: rest.unit, sdk: rest.sdk, baseline: rest.baseline, ratio, goal: rest.goal, met: judged, notes: rest.notes });
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`bench sanity check failed: ${message}`);
}

const log = (message: string): void => void process.stderr.write(`${message}\n`);
let sink: unknown;

// ---------------------------------------------------------------------------
// 1. Build one full task

log('1. build a full task');
{
  const built = fullTaskBuilder().build();
  const literal = deepFreeze(fullTaskLiteral());
  check(validateTask(literal).valid, 'the literal task is valid');
  check(JSON.stringify(built) === JSON.stringify(literal), 'the builder and the literal make the same wire object');

  const times = await measure(
    'build',
    {
      sdk: () => {
        sink = fullTaskBuilder().build();
      },
      literal: () => {
        const task = fullTaskLiteral();
        if (!validateTask(task).valid) throw new Error('invalid');
        sink = deepFreeze(task);
      },
    },
    { time: 2_000, warmupTime: 500 },
  );
  row({
    id: '1',
    measurement: 'Build a full task (14 builder calls)',
    unit: 'µs/task',
    sdk: { label: 'Task.batch()…build()', summary: scale(times['sdk']!, 1_000) },
    baseline: { label: 'literal + validateTask + deepFreeze', summary: scale(times['literal']!, 1_000) },
    goal: 'ratio ≤ 2',
    limit: 2,
    notes: 'docker engine, 2 inputs, publisher, 2 result paths, 5 env vars, meta, resources, network, timeouts; both make the same frozen wire object',
  });
}

// ---------------------------------------------------------------------------
// 2. Sweep: one base job forked into 100,000 variants

const SWEEP = 100_000;
const CHUNK = 1_000;
log(`2. sweep: ${SWEEP.toLocaleString('en-US')} variants`);
{
  const sdk0 = sdkVariant(0);
  const literal0 = literalVariant(0);
  check(validateJob(literal0).valid, 'the literal variant is valid');
  check(JSON.stringify(sdk0) === JSON.stringify(literal0), 'the builder and the literal make the same variant');

  let sdkNext = 0;
  let literalNext = 0;
  const times = await measure(
    'sweep',
    {
      sdk: () => {
        for (let k = 0; k < CHUNK; k++) sink = sdkVariant(sdkNext++ % SWEEP);
      },
      literal: () => {
        for (let k = 0; k < CHUNK; k++) {
          const job = literalVariant(literalNext++ % SWEEP);
          if (!validateJob(job).valid) throw new Error('invalid');
          sink = deepFreeze(job);
        }
      },
    },
    { time: 3_000, warmupTime: 500, iterations: 10 },
  );
  // Time per chunk → variants per second (the quartiles swap).
  const perSecond = (s: Summary): Summary => {
    const rate = (ms: number): number => (CHUNK * 1_000) / ms;
    return { median: rate(s.median), p25: rate(s.p75), p75: rate(s.p25), min: rate(s.max), max: rate(s.min), samples: s.samples };
  };
  const sdkRate = perSecond(times['sdk']!);
  const literalRate = perSecond(times['literal']!);
  rows.push({
    id: '2a',
    measurement: 'Sweep: fork a base job, 3 calls per variant',
    unit: 'variants/s',
    sdk: { label: 'base.task(baseTask.name().input().env()).build()', summary: sdkRate },
    baseline: { label: 'spread literal + validateJob + deepFreeze', summary: literalRate },
    ratio: literalRate.median / sdkRate.median,
    goal: 'time ratio ≤ 2',
    met: literalRate.median / sdkRate.median <= 2,
    notes: `time per variant, SDK / literal; timed in chunks of ${CHUNK.toLocaleString('en-US')} variants that are dropped`,
  });

  // Retained heap with all variants alive: one fresh child process per reading.
  log('   heap (child processes, --expose-gc)');
  const heapRun = async (mode: 'sdk' | 'literal'): Promise<{ bytesPerVariant: number; totalMs: number }> => {
    const { stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/heap.ts', mode, String(SWEEP)], { cwd: ROOT });
    return JSON.parse(stdout) as { bytesPerVariant: number; totalMs: number };
  };
  const heap = { sdk: [] as number[], literal: [] as number[], sdkMs: [] as number[], literalMs: [] as number[] };
  for (let i = 0; i < 3; i++) {
    // The two children run side by side (2 cores); only their heap readings are used.
    const [sdk, literal] = await Promise.all([heapRun('sdk'), heapRun('literal')]);
    heap.sdk.push(sdk.bytesPerVariant);
    heap.literal.push(literal.bytesPerVariant);
    heap.sdkMs.push(sdk.totalMs);
    heap.literalMs.push(literal.totalMs);
  }
  const sdkMs = summarize(heap.sdkMs).median;
  const literalMs = summarize(heap.literalMs).median;
  row({
    id: '2b',
    measurement: `Sweep: retained heap, all ${SWEEP.toLocaleString('en-US')} variants alive`,
    unit: 'B/variant',
    sdk: { label: 'builder variants', summary: summarize(heap.sdk) },
    baseline: { label: 'literal variants', summary: summarize(heap.literal) },
    goal: 'ratio ≤ 2',
    limit: 2,
    notes: `heapUsed delta / N after gc, 3 child processes each (spread: min–max of 3); building all ${SWEEP.toLocaleString('en-US')} there took ${(sdkMs / 1_000).toFixed(1)} s (SDK) vs ${(literalMs / 1_000).toFixed(1)} s (literal)`,
  });
}

// ---------------------------------------------------------------------------
// 3. Validate and parse: the conformance corpus and 10,000 generated jobs

const GENERATED = 10_000;
log('3. validate and parse');
{
  const corpus = corpusTexts();
  /** The corpus as objects: YAML 1.1 as Bacalhau reads it, REST envelopes ({ "Job": … }) unwrapped. */
  const corpusObjects = corpus.map(([, text]) => {
    const value: unknown = parseYaml(text, { version: '1.1', logLevel: 'error' });
    return typeof value === 'object' && value !== null && 'Job' in value ? (value as { Job: unknown }).Job : value;
  });
  const generated = generatedJobs(GENERATED);
  const generatedTexts = generated.map((job) => stringifyYaml(job));

  const countValid = (items: readonly unknown[], valid: (item: unknown) => boolean): number => items.filter(valid).length;
  const validity = {
    corpus: { files: corpus.length, sdk: countValid(corpusObjects, (o) => validateJob(o).valid), ajv: countValid(corpusObjects, (o) => validateSwaggerJob(o)) },
    generated: { jobs: GENERATED, sdk: countValid(generated, (o) => validateJob(o).valid), ajv: countValid(generated, (o) => validateSwaggerJob(o)) },
  };
  check(countValid(generatedTexts, (t) => safeParseJob(t as string).valid) === validity.generated.sdk, 'parsing the generated YAML judges it as validating the objects does');

  const validate = await measure(
    'validate corpus',
    {
      sdk: () => {
        for (const job of corpusObjects) sink = validateJob(job);
      },
      ajv: () => {
        for (const job of corpusObjects) sink = validateSwaggerJob(job);
      },
    },
    { time: 1_500, warmupTime: 300 },
  );
  row({
    id: '3a',
    measurement: `Validate the conformance corpus (${corpus.length} jobs)`,
    unit: 'µs/corpus',
    sdk: { label: 'validateJob', summary: scale(validate['sdk']!, 1_000) },
    baseline: { label: 'Ajv, swagger models.Job', summary: scale(validate['ajv']!, 1_000) },
    goal: 'ratio ≤ 2',
    limit: 2,
    notes: `the same decoded objects; valid: ${validity.corpus.sdk} per SDK, ${validity.corpus.ajv} per Ajv (swagger has no additionalProperties: false, no Params rules, case-sensitive keys)`,
  });

  const validateGenerated = await measure(
    'validate generated',
    {
      sdk: () => {
        for (const job of generated) sink = validateJob(job);
      },
      ajv: () => {
        for (const job of generated) sink = validateSwaggerJob(job);
      },
    },
    { time: 2_000, warmupTime: 300, iterations: 10 },
  );
  row({
    id: '3b',
    measurement: `Validate ${GENERATED.toLocaleString('en-US')} generated jobs`,
    unit: 'ms/10k jobs',
    sdk: { label: 'validateJob', summary: validateGenerated['sdk']! },
    baseline: { label: 'Ajv, swagger models.Job', summary: validateGenerated['ajv']! },
    goal: 'ratio ≤ 1',
    limit: 1,
    notes: `all job types and fields, ~1 in 10 with a mistake; valid: ${validity.generated.sdk} per SDK, ${validity.generated.ajv} per Ajv`,
  });

  const yamlThenAjv = (text: string): boolean => {
    try {
      return validateSwaggerJob(parseYaml(text, { version: '1.1', logLevel: 'error' }));
    } catch {
      return false;
    }
  };
  const parseCorpus = await measure(
    'parse corpus',
    {
      sdk: () => {
        for (const [, text] of corpus) sink = safeParseJob(text);
      },
      ajv: () => {
        for (const [, text] of corpus) sink = yamlThenAjv(text);
      },
    },
    { time: 1_500, warmupTime: 300, iterations: 10 },
  );
  row({
    id: '3c',
    measurement: `Parse the conformance corpus (${corpus.length} files, text)`,
    unit: 'ms/corpus',
    sdk: { label: 'safeParseJob', summary: parseCorpus['sdk']! },
    baseline: { label: 'yaml.parse (YAML 1.1) + Ajv', summary: parseCorpus['ajv']! },
    goal: 'ratio ≤ 1',
    limit: 1,
    notes: 'safeParseJob also places problems at line/column, canonicalises and deep-freezes; the two wasm files (110 KB each) dominate',
  });

  const parseGenerated = await measure(
    'parse generated',
    {
      sdk: () => {
        for (const text of generatedTexts) sink = safeParseJob(text);
      },
      ajv: () => {
        for (const text of generatedTexts) sink = yamlThenAjv(text);
      },
    },
    { time: 1, warmupTime: 1, warmupIterations: 1, iterations: 5 },
  );
  row({
    id: '3d',
    measurement: `Parse ${GENERATED.toLocaleString('en-US')} generated jobs (YAML text)`,
    unit: 'ms/10k jobs',
    sdk: { label: 'safeParseJob', summary: parseGenerated['sdk']! },
    baseline: { label: 'yaml.parse (YAML 1.1) + Ajv', summary: parseGenerated['ajv']! },
    goal: 'ratio ≤ 1',
    limit: 1,
    notes: 'the generated jobs of 3b written with yaml.stringify',
  });
}

// ---------------------------------------------------------------------------
// 4. Type-check: builder chains against typed literals

log('4. type-check (tsc --noEmit --extendedDiagnostics)');
{
  const scratch = new Scratch();
  try {
    const runs: Record<SourceName, TscRun[]> = { imports: [], chains: [], literals: [], fullChain: [], longChain: [] };
    for (let i = 0; i < 3; i++) {
      for (const name of ['imports', 'chains', 'literals'] as const) runs[name].push(await scratch.check(name));
    }
    runs.fullChain.push(await scratch.check('fullChain'));
    runs.longChain.push(await scratch.check('longChain'));
    for (const [name, list] of Object.entries(runs)) {
      const errors = list.flatMap((r) => r.errors);
      if (name !== 'longChain') check(errors.length === 0, `${name}.ts type-checks without errors: ${errors.join('; ')}`);
    }
    const importsCheck = summarize(runs.imports.map((r) => r.checkSeconds)).median;
    const importsInstantiations = runs.imports[0]!.instantiations;
    const importsMemory = summarize(runs.imports.map((r) => r.memoryKB)).median;
    const net = (list: readonly TscRun[], pick: (r: TscRun) => number, base: number): Summary => summarize(list.map((r) => pick(r) - base));
    const file = (name: 'chains' | 'literals'): string => `${name}.ts: ${summarize(runs[name].map((r) => r.checkSeconds)).median.toFixed(2)} s check`;

    row({
      id: '4a',
      measurement: 'Type-check 200 full tasks: check time',
      unit: 's',
      sdk: { label: '200 builder chains', summary: net(runs.chains, (r) => r.checkSeconds, importsCheck) },
      baseline: { label: "200 literals typed TaskSpec<'batch'>", summary: net(runs.literals, (r) => r.checkSeconds, importsCheck) },
      goal: 'ratio ≤ 1.5',
      limit: 1.5,
      notes: `tsc 'Check time' minus an imports-only file (${importsCheck.toFixed(2)} s), 3 runs each (spread: min–max); ${file('chains')}, ${file('literals')}; project compiler options plus skipLibCheck`,
    });
    row({
      id: '4b',
      measurement: 'Type-check 200 full tasks: instantiations',
      unit: 'instantiations',
      sdk: { label: '200 builder chains', value: runs.chains[0]!.instantiations - importsInstantiations },
      baseline: { label: '200 typed literals', value: runs.literals[0]!.instantiations - importsInstantiations },
      goal: '—',
      met: null,
      notes: 'deterministic; minus the imports-only file',
    });
    row({
      id: '4c',
      measurement: 'Type-check 200 full tasks: memory',
      unit: 'MB',
      sdk: { label: '200 builder chains', summary: scale(net(runs.chains, (r) => r.memoryKB, importsMemory), 1 / 1_000) },
      baseline: { label: '200 typed literals', summary: scale(net(runs.literals, (r) => r.memoryKB, importsMemory), 1 / 1_000) },
      goal: '—',
      met: null,
      notes: `tsc 'Memory used' minus the imports-only file (${(importsMemory / 1_000).toFixed(1)} MB)`,
    });
    row({
      id: '4d',
      measurement: 'One full 12-call chain: instantiations',
      unit: 'instantiations',
      sdk: { label: "test/type-cost.test.ts's chain", value: runs.fullChain[0]!.instantiations - importsInstantiations },
      baseline: null,
      goal: '≤ 1,500',
      limit: 1_500,
      notes: 'against the package .d.ts files, minus the imports-only file',
    });
    const long = runs.longChain[0]!;
    const tooDeep = long.errors.filter((e) => /TS2589|excessively deep/i.test(e)).length;
    row({
      id: '4e',
      measurement: 'One 200-call chain: "excessively deep" errors',
      unit: 'errors',
      sdk: { label: 'Task.service()…200 calls…build()', value: tooDeep, display: `${tooDeep} TS2589, ${long.errors.length} errors in all` },
      baseline: null,
      goal: 'none',
      met: tooDeep === 0 && long.errors.length === 0,
      notes: `${long.errors.length} type errors in all; ${long.instantiations - importsInstantiations} instantiations, ${(long.checkSeconds - importsCheck).toFixed(2)} s check`,
    });
  } finally {
    scratch.remove();
  }
}

// ---------------------------------------------------------------------------
// 5. Bundle size

log('5. bundle (esbuild, minified, esm, browser)');
{
  const taskJob = await bundle(ENTRIES.taskJob);
  const all = await bundle(ENTRIES.all);
  const yamlFunctions = await bundle(ENTRIES.yamlFunctions);
  const kb = (bytes: number): string => `${(bytes / 1_024).toFixed(1)} KB`;
  const sizes = (b: typeof taskJob): string => `${b.gzipBytes.toLocaleString('en-US')} B gzip (${b.rawBytes.toLocaleString('en-US')} B raw)`;
  const contents = (b: typeof taskJob): string => `raw ${kb(b.rawBytes)}; packages: ${b.packages.join(', ') || 'none'}; ${b.ownModules} SDK modules`;
  row({
    id: '5a',
    measurement: "Bundle `import { Task, Job }` (gzip)",
    unit: 'bytes gzip',
    sdk: { label: 'Task, Job', value: taskJob.gzipBytes, display: sizes(taskJob) },
    baseline: null,
    goal: '≤ 10 KB (10,240 B)',
    limit: 10_240,
    notes: contents(taskJob),
  });
  row({
    id: '5b',
    measurement: 'Task+Job bundle leaves out `yaml`',
    unit: 'yaml modules',
    sdk: { label: 'Task, Job', value: taskJob.packages.includes('yaml') ? 1 : 0, display: `packages: ${taskJob.packages.join(', ') || 'none'}` },
    baseline: null,
    goal: 'yaml absent (metafile)',
    met: !taskJob.packages.includes('yaml'),
    notes: `packages in the bundle: ${taskJob.packages.join(', ') || 'none'}`,
  });
  row({
    id: '5c',
    measurement: 'Bundle `export * from` the entry point (gzip)',
    unit: 'bytes gzip',
    sdk: { label: 'everything', value: all.gzipBytes, display: sizes(all) },
    baseline: null,
    goal: '—',
    met: null,
    notes: contents(all),
  });
  row({
    id: '5d',
    measurement: 'Bundle `import { toYAML, parseJob }` (gzip)',
    unit: 'bytes gzip',
    sdk: { label: 'toYAML, parseJob', value: yamlFunctions.gzipBytes, display: `${sizes(yamlFunctions)}; packages: ${yamlFunctions.packages.join(', ')}` },
    baseline: null,
    goal: 'yaml present (metafile)',
    met: yamlFunctions.packages.includes('yaml'),
    notes: contents(yamlFunctions),
  });
}

// ---------------------------------------------------------------------------
// 6, 7. The HTTP client against real Bacalhau nodes (bench/client.ts)

log('6-7. client against Bacalhau v1.9.3 on loopback (bench/client.ts)');
rows.push(...(await clientRows(log)));

// ---------------------------------------------------------------------------
// The table

const digits = (value: number): string => {
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  const magnitude = Math.abs(value);
  const fraction = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', { minimumFractionDigits: fraction, maximumFractionDigits: fraction });
};
const cell = (side: Side | null, unit: string): string => {
  if (side === null) return '—';
  if ('value' in side) return side.display ?? `${digits(side.value)} ${unit}`;
  const { median, p25, p75, min, max, samples } = side.summary;
  // Few samples (child processes, tsc runs): show min–max; otherwise the interquartile range.
  const [low, high] = samples <= 5 ? [min, max] : [p25, p75];
  return `${digits(median)} ${unit} [${digits(low)}–${digits(high)}]`;
};
const metCell = (met: boolean | null): string => (met === null ? '—' : met ? 'yes' : '**MISSED**');

const header = ['#', 'Measurement', 'SDK: median [spread]', 'Baseline: median [spread]', 'Ratio', 'Goal', 'Met?'];
const lines = rows.map((r) => [r.id, r.measurement, cell(r.sdk, r.unit), r.baseline === null ? '—' : `${cell(r.baseline, r.unit)} (${r.baseline.label})`, r.ratio === null ? '—' : `${r.ratio.toFixed(2)}×`, r.goal, metCell(r.met)]);
const table = [header, header.map(() => '---'), ...lines].map((cells) => `| ${cells.join(' | ')} |`).join('\n');

const seconds = (performance.now() - started) / 1_000;
const environment = { node: process.version, platform: `${process.platform} ${process.arch}`, cpu: os.cpus()[0]?.model.trim() ?? 'unknown', cores: os.cpus().length };
process.stdout.write(
  `\nbacalhau-jobs benchmarks (node ${environment.node}, ${environment.cores} × ${environment.cpu}; ${seconds.toFixed(0)} s)\n\n${table}\n\n` +
    'Ratio = SDK cost / baseline cost (time, bytes or instantiations; for variants/s and jobs/s the inverse): lower is better.\n' +
    'Spread = [p25–p75] over tinybench samples, or [min–max] where there are 5 samples or fewer.\n\n' +
    `${rows.map((r) => `${r.id}. ${r.notes}`).join('\n')}\n`,
);

const round = (value: number): number => Number(value.toPrecision(4));
const side = (s: Side | null): unknown => {
  if (s === null) return null;
  if ('value' in s) return s.display === undefined ? { label: s.label, value: round(s.value) } : { label: s.label, value: round(s.value), display: s.display };
  const { median, p25, p75, min, max, samples } = s.summary;
  return { label: s.label, median: round(median), p25: round(p25), p75: round(p75), min: round(min), max: round(max), samples };
};
const results = {
  environment,
  totalSeconds: Math.round(seconds),
  ratio: 'SDK cost / baseline cost; lower is better',
  rows: rows.map((r) => ({
    id: r.id,
    measurement: r.measurement,
    unit: r.unit,
    sdk: side(r.sdk),
    baseline: side(r.baseline),
    ratio: r.ratio === null ? null : round(r.ratio),
    goal: r.goal,
    met: r.met,
    notes: r.notes,
  })),
  table,
};
writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
log(`wrote ${RESULTS}`);
