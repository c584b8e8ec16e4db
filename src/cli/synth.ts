/**
 * `synth <module>`: loads a TypeScript or JavaScript module, finds the jobs
 * and job builders it exports, validates each, and writes each as YAML (or
 * JSON), to stdout or one file per job.
 *
 * @module
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { safeParseJob, toJSON, toYAML, type JobSpec, type Problem } from '../index.js';
import { CliError, problemLine } from './output.js';

export interface SynthOptions {
  readonly json: boolean;
  readonly out: string | undefined;
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
      // tsx compiles TypeScript on the fly; loaded only when a .ts module is synthesised.
      const { tsImport } = await import('tsx/esm/api');
      return (await tsImport(url, import.meta.url)) as Record<string, unknown>;
    }
    return (await import(url)) as Record<string, unknown>;
  } catch (error) {
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

export async function synth(modulePath: string, options: SynthOptions, stdout: (text: string) => void, stderr: (text: string) => void): Promise<number> {
  const found = collect(await load(modulePath));
  if (found.length === 0) throw new CliError(`${modulePath} exports no jobs or job builders`);
  const invalid = found.filter((f) => f.job === undefined);
  for (const { exportName, problems } of invalid) for (const problem of problems) stderr(problemLine(`${modulePath} (${exportName})`, problem));
  if (invalid.length > 0) {
    stderr(`${invalid.length} of ${found.length} jobs are invalid; nothing was written`);
    return 1;
  }
  const jobs = found.map(({ exportName, job }) => ({ exportName, job: job as JobSpec }));
  const render = (job: JobSpec): string => (options.json ? toJSON(job) : toYAML(job, { onWarning: (w) => stderr(problemLine(job.Name ?? 'job', w, 'warning')) }));
  if (options.out === undefined) {
    stdout(jobs.map(({ job }) => render(job)).join(options.json ? '' : '---\n'));
    return 0;
  }
  await mkdir(options.out, { recursive: true });
  const names = fileNames(jobs, options.json ? '.json' : '.yaml');
  await Promise.all(jobs.map(({ job }, index) => writeFile(join(options.out as string, names[index] as string), render(job))));
  for (const name of names) stderr(`wrote ${join(options.out, name)}`);
  return 0;
}
