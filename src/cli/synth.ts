/**
 * `synth <module>`: loads a TypeScript or JavaScript module, finds the jobs
 * and job builders it exports, validates each (and refuses two with the same
 * Name), and writes them as YAML documents (or a JSON array), to stdout, or
 * one file per job.
 *
 * @module
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { safeParseJob, toJSON, toYAML, type JobSpec, type Problem } from '../index.js';
import { MissingTypeScriptLoaderError, loadTypeScriptModule } from './load-typescript.js';
import { CliError, plural, problemLine } from './output.js';

export interface SynthOptions {
  readonly json: boolean;
  readonly out: string | undefined;
  /** Write jobs that share a Name (in one namespace) instead of refusing them. */
  readonly allowSameName?: boolean;
}

/** A job found among a module's exports, with the export it came from. */
interface Found {
  readonly exportName: string;
  readonly job: JobSpec | undefined;
  readonly problems: readonly Problem[];
}

const TYPESCRIPT = new Set(['.ts', '.mts', '.cts', '.tsx']);

export async function load(modulePath: string): Promise<Record<string, unknown>> {
  const absolute = resolve(modulePath);
  const url = pathToFileURL(absolute).href;
  try {
    if (TYPESCRIPT.has(extname(absolute))) {
      // tsx (an optional peer dependency) compiles TypeScript on the fly; loaded only for .ts modules.
      return await loadTypeScriptModule(url, import.meta.url);
    }
    return (await import(url)) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof MissingTypeScriptLoaderError) throw new CliError(error.message);
    const code = (error as { code?: unknown }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' && String((error as Error).message).includes(absolute)) throw new CliError(`cannot find module ${modulePath}`);
    throw new CliError(`cannot load ${modulePath}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function isJobBuilder(value: unknown): value is { validate(): { problems: readonly Problem[]; spec?: unknown } } {
  return typeof value === 'object' && value !== null && typeof (value as { validate?: unknown }).validate === 'function' && typeof (value as { build?: unknown }).build === 'function';
}

function isJobLike(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'Type' in value && 'Tasks' in value;
}

/** The jobs among a module's exports: specs, builders, and arrays of them. Other exports are left alone. */
export function collect(exports: Record<string, unknown>): Found[] {
  const found: Found[] = [];
  const seen = new Set<unknown>();
  const add = (exportName: string, value: unknown): void => {
    if (seen.has(value)) return;
    seen.add(value);
    if (isJobBuilder(value)) {
      const { problems, spec } = value.validate();
      if (problems.length > 0) {
        found.push({ exportName, job: undefined, problems });
        return;
      }
      value = spec;
    }
    // Specs from the module are read back as any file would be: validated and canonical.
    const parsed = safeParseJob(value as Readonly<Record<string, unknown>>);
    found.push({ exportName, job: parsed.spec, problems: parsed.problems });
  };
  for (const [name, value] of Object.entries(exports)) {
    if (Array.isArray(value)) value.forEach((item, index) => (isJobLike(item) || isJobBuilder(item)) && add(`${name}[${index}]`, item));
    else if (isJobLike(value) || isJobBuilder(value)) add(name, value);
  }
  return found;
}

/** A file name for each job, from its Name (or export name), unique within the run. */
function fileNames(jobs: readonly { exportName: string; job: JobSpec }[], extension: string): string[] {
  const used = new Map<string, number>();
  return jobs.map(({ exportName, job }) => {
    const base = (job.Name ?? exportName).replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '') || 'job';
    const count = (used.get(base) ?? 0) + 1;
    used.set(base, count);
    return `${count === 1 ? base : `${base}-${count}`}${extension}`;
  });
}

/**
 * The jobs that reuse the Name of an earlier job in the same namespace: Bacalhau
 * identifies a job by its namespace and Name, so it would run the later one as
 * an update of the earlier one rather than as a job of its own.
 */
function sameNames(jobs: readonly { exportName: string; job: JobSpec }[]): { exportName: string; firstExport: string; job: JobSpec }[] {
  const first = new Map<string, string>();
  const repeats: { exportName: string; firstExport: string; job: JobSpec }[] = [];
  for (const { exportName, job } of jobs) {
    if (job.Name === undefined || job.Name === '') continue;
    const key = JSON.stringify([job.Namespace === undefined || job.Namespace === '' ? 'default' : job.Namespace, job.Name]);
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, exportName);
    else repeats.push({ exportName, firstExport: earlier, job });
  }
  return repeats;
}

/** Several jobs as one JSON array, each laid out as {@link toJSON} lays it out. */
function jsonArray(jobs: readonly JobSpec[]): string {
  // JSON text has no raw newlines inside strings, so indenting every line is safe.
  return `[\n${jobs.map((job) => `  ${toJSON(job).trimEnd().replace(/\n/g, '\n  ')}`).join(',\n')}\n]\n`;
}

export async function synth(modulePath: string, options: SynthOptions, stdout: (text: string) => void, stderr: (text: string) => void): Promise<number> {
  const found = collect(await load(modulePath));
  if (found.length === 0) throw new CliError(`${modulePath} exports no jobs or job builders`);
  const invalid = found.filter((f) => f.job === undefined);
  for (const { exportName, problems } of invalid) for (const problem of problems) stderr(problemLine(`${modulePath} (${exportName})`, problem));
  const jobs = found.filter((f) => f.job !== undefined).map(({ exportName, job }) => ({ exportName, job: job as JobSpec }));
  const repeats = options.allowSameName === true ? [] : sameNames(jobs);
  for (const { exportName, firstExport, job } of repeats) {
    const namespace = job.Namespace === undefined || job.Namespace === '' ? '' : ` in namespace '${job.Namespace}'`;
    const message = `job name '${job.Name ?? ''}'${namespace} is also the name of export ${firstExport}: Bacalhau would run this job as an update of that one (rename one, or pass --allow-same-name)`;
    stderr(problemLine(`${modulePath} (${exportName})`, { path: 'Name', rule: 'same-name', message }));
  }
  if (invalid.length > 0 || repeats.length > 0) {
    const reasons: string[] = [];
    if (invalid.length > 0) reasons.push(`${invalid.length} of ${plural(found.length, 'job')} ${invalid.length === 1 ? 'is' : 'are'} invalid`);
    if (repeats.length > 0) reasons.push(`${plural(repeats.length, 'job')} ${repeats.length === 1 ? 'reuses' : 'reuse'} an earlier job's name`);
    stderr(`${reasons.join(' and ')}; nothing was written`);
    return 1;
  }
  const render = (job: JobSpec): string => (options.json ? toJSON(job) : toYAML(job, { onWarning: (w) => stderr(problemLine(job.Name ?? 'job', w, 'warning')) }));
  if (options.out === undefined) {
    if (jobs.length === 1) {
      stdout(render((jobs[0] as { job: JobSpec }).job));
      return 0;
    }
    // On stderr, so stdout stays one YAML stream or one JSON document.
    stderr(`# ${plural(jobs.length, 'job')} from ${modulePath}, ${options.json ? 'as one JSON array' : 'as YAML documents separated by ---'}`);
    stderr('# `bacalhau job run` takes one job per file: --out DIR writes one file per job');
    stdout(options.json ? jsonArray(jobs.map(({ job }) => job)) : jobs.map(({ job }) => render(job)).join('---\n'));
    return 0;
  }
  await mkdir(options.out, { recursive: true });
  const names = fileNames(jobs, options.json ? '.json' : '.yaml');
  await Promise.all(jobs.map(({ job }, index) => writeFile(join(options.out as string, names[index] as string), render(job))));
  for (const name of names) stderr(`wrote ${join(options.out, name)}`);
  return 0;
}
