/**
 * `run <file...>`: validates every job first (nothing is sent if any is
 * invalid), submits them, and optionally waits with live progress, streams
 * logs and downloads results.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import {
  BacalhauApiError,
  BacalhauClient,
  BacalhauClientError,
  BacalhauSpecError,
  BacalhauWaitError,
  parseDuration,
  safeParseJob,
  type FinishedJob,
  type JobSpec,
  type Problem,
  type WaitProgress,
} from '../index.js';
import { downloadResults } from '../node/index.js';
import { CliError, problemLine } from './output.js';
import { collect, load } from './synth.js';

export interface RunOptions {
  readonly api: string | undefined;
  readonly wait: boolean;
  readonly follow: boolean;
  readonly out: string | undefined;
  readonly force: boolean;
  readonly timeout: string | undefined;
}

/** Where the CLI writes, and whether its stdout is a live terminal. */
export interface Terminal {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Writes without a newline (cursor movement for the live display). */
  readonly raw: (text: string) => void;
  /** Redraw lines in place: stdout is a TTY and not under CI. */
  readonly live: boolean;
}

interface ReadJob {
  readonly source: string;
  readonly job: JobSpec | undefined;
  readonly problems: readonly Problem[];
  readonly warnings: readonly Problem[];
}

const JOB_FILES = new Set(['.yaml', '.yml', '.json']);
const MODULES = new Set(['.ts', '.mts', '.cts', '.tsx', '.js', '.mjs', '.cjs']);

/** Every job in `file`: the one job of a YAML/JSON file, or every job a module exports. */
async function readJobs(file: string): Promise<ReadJob[]> {
  const extension = extname(file).toLowerCase();
  if (JOB_FILES.has(extension)) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      throw new CliError(code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot read: ${error instanceof Error ? error.message : String(error)}`);
    }
    const result = safeParseJob(text);
    return [{ source: file, job: result.spec, problems: result.problems, warnings: result.warnings }];
  }
  if (!MODULES.has(extension)) throw new CliError(`${file}: not a job file or module (expected .yaml, .yml, .json, .ts or .js)`, 2);
  const found = collect(await load(file));
  if (found.length === 0) throw new CliError(`${file} exports no jobs or job builders`);
  return found.map(({ exportName, job, problems }) => ({ source: `${file} (${exportName})`, job, problems, warnings: [] }));
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

/** `2 Completed, 1 Running`: the executions by state. */
function executionSummary(progress: Pick<WaitProgress, 'executions'>): string {
  if (progress.executions.length === 0) return 'no executions yet';
  const counts = new Map<string, number>();
  for (const execution of progress.executions) counts.set(execution.ComputeState.StateType, (counts.get(execution.ComputeState.StateType) ?? 0) + 1);
  return [...counts].map(([state, count]) => `${count} ${state}`).join(', ');
}

/** One line per job, redrawn in place on a terminal; plain lines on each change otherwise. */
class ProgressBoard {
  readonly #rows: string[];
  readonly #terminal: Terminal;
  #drawn = 0;

  constructor(labels: readonly string[], terminal: Terminal) {
    this.#rows = labels.map((label) => `${label}: submitted`);
    this.#terminal = terminal;
    if (terminal.live) this.#draw();
  }

  update(index: number, label: string, text: string): void {
    this.#rows[index] = `${label}: ${text}`;
    if (this.#terminal.live) this.#draw();
    else this.#terminal.stdout(`${label}: ${text}`);
  }

  /** Writes a line above the board (a log line, an error), keeping the board below it. */
  print(line: string, stream: 'stdout' | 'stderr' = 'stdout'): void {
    if (!this.#terminal.live) {
      this.#terminal[stream](line);
      return;
    }
    this.#erase();
    this.#terminal[stream](line);
    this.#draw();
  }

  #erase(): void {
    if (this.#drawn > 0) this.#terminal.raw(`\u001b[${this.#drawn}A\u001b[0J`);
    this.#drawn = 0;
  }

  #draw(): void {
    this.#erase();
    this.#terminal.raw(this.#rows.map((row) => `${row}\n`).join(''));
    this.#drawn = this.#rows.length;
  }
}

/** The reason lines of a finished job, indented under its summary. */
function outcomeLine(label: string, finished: FinishedJob): string {
  const executions = executionSummary(finished);
  if (finished.succeeded) return `${label}: ${finished.state} (${executions})`;
  const reason = finished.reason === '' ? '' : `\n${finished.reason.split('\n').map((line) => `  ${line}`).join('\n')}`;
  return `${label}: ${finished.state === 'Completed' ? 'Completed with errors' : finished.state} (${executions})${reason}`;
}

export async function run(files: readonly string[], options: RunOptions, terminal: Terminal, signal?: AbortSignal): Promise<number> {
  const timeoutMs = options.timeout === undefined ? undefined : durationMs(options.timeout);
  const read: ReadJob[] = [];
  for (const file of files) read.push(...(await readJobs(file)));
  const invalid = read.filter((entry) => entry.job === undefined);
  for (const entry of read) {
    for (const problem of entry.problems) terminal.stderr(problemLine(entry.source, problem));
    for (const warning of entry.warnings) terminal.stderr(problemLine(entry.source, warning, 'warning'));
  }
  if (invalid.length > 0) {
    terminal.stderr(`${invalid.length} of ${read.length} ${read.length === 1 ? 'job' : 'jobs'} ${invalid.length === 1 ? 'is' : 'are'} invalid; nothing was submitted`);
    return 1;
  }

  let client: BacalhauClient;
  try {
    client = new BacalhauClient({ url: options.api });
  } catch (error) {
    if (error instanceof BacalhauSpecError) throw new CliError(error.problems.map((p) => `--api: ${p.message}`).join('; '), 2);
    throw error;
  }

  // Submitted one after another: a later job of the same name updates an earlier one.
  const submitted: { label: string; jobId: string }[] = [];
  let failures = 0;
  for (const entry of read) {
    const job = entry.job as JobSpec;
    const label = job.Name ?? entry.source;
    try {
      const result = await client.submit(job, { force: options.force, signal });
      submitted.push({ label, jobId: result.jobId });
      terminal.stdout(`${label}: submitted as ${result.jobId}`);
      for (const warning of result.warnings) terminal.stderr(`${label}: warning: ${warning}`);
    } catch (error) {
      failures++;
      reportError(terminal.stderr, label, error);
    }
  }
  if (!options.wait && !options.follow && options.out === undefined) return failures > 0 ? 1 : 0;

  const board = new ProgressBoard(submitted.map(({ label }) => label), terminal);
  const outcomes = await Promise.all(
    submitted.map(async ({ label, jobId }, index) => {
      const logs = options.follow ? followLogs(client, jobId, label, submitted.length > 1, board, signal) : Promise.resolve();
      try {
        const finished = await client.wait(jobId, {
          timeoutMs,
          signal,
          onProgress: (progress) => board.update(index, label, `${progress.state} (${executionSummary(progress)}) ${seconds(progress.elapsedMs)}`),
        });
        await logs;
        return { label, jobId, finished };
      } catch (error) {
        await logs.catch(() => undefined);
        board.print(errorLine(label, error), 'stderr');
        return { label, jobId, finished: undefined };
      }
    }),
  );

  for (const { label, finished } of outcomes) {
    if (finished === undefined) {
      failures++;
      continue;
    }
    const line = outcomeLine(label, finished);
    if (finished.succeeded) terminal.stdout(line);
    else {
      failures++;
      terminal.stderr(line);
    }
  }

  if (options.out !== undefined) {
    for (const { label, jobId, finished } of outcomes) {
      if (finished === undefined || finished.executions.every((e) => e.ComputeState.StateType !== 'Completed')) continue;
      try {
        const results = await downloadResults(client, jobId, join(options.out, safeName(label, jobId)), { signal });
        for (const result of results) terminal.stdout(`${label}: results in ${result.dir} (${result.files.length} ${result.files.length === 1 ? 'file' : 'files'})`);
      } catch (error) {
        failures++;
        reportError(terminal.stderr, label, error);
      }
    }
  }
  return failures > 0 ? 1 : 0;
}

/** Prints a job's log lines as they come, prefixed with the job's name when several jobs run. */
async function followLogs(client: BacalhauClient, jobId: string, label: string, prefix: boolean, board: ProgressBoard, signal: AbortSignal | undefined): Promise<void> {
  try {
    for await (const { stream, line } of client.logs(jobId, { follow: true, signal })) {
      board.print(prefix ? `${label} | ${line}` : line, stream === 'stderr' ? 'stderr' : 'stdout');
    }
  } catch (error) {
    board.print(errorLine(`${label} (logs)`, error), 'stderr');
  }
}

function safeName(label: string, jobId: string): string {
  return label.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '') || jobId;
}

function durationMs(text: string): number {
  const value = parseDuration(text);
  if (value === undefined || value <= 0) throw new CliError(`--timeout: '${text}' is not a positive duration such as 90s, 10m or 1h30m`, 2);
  return value * 1000;
}

/** One line per line of the error, each naming the job. */
function reportError(write: (text: string) => void, label: string, error: unknown): void {
  for (const line of errorLine(label, error).split('\n')) write(line);
}

function errorLine(label: string, error: unknown): string {
  if (error instanceof BacalhauSpecError) return error.problems.map((problem) => problemLine(label, problem)).join('\n');
  if (error instanceof BacalhauApiError) {
    const lines = error.message.split('\n').filter((line) => line.trim() !== '');
    const hint = error.hint === '' ? [] : [`hint: ${error.hint}`];
    return [...lines, ...hint].map((line) => `${label}: ${line}${error.status > 0 && line === lines[0] ? ` (HTTP ${error.status}${error.code === '' ? '' : `, ${error.code}`})` : ''}`).join('\n');
  }
  if (error instanceof BacalhauWaitError || error instanceof BacalhauClientError) return `${label}: ${error.message.split('\n').join(' ')}`;
  if (error instanceof Error) return `${label}: ${error.message.split('\n')[0] ?? ''}`;
  return `${label}: ${String(error)}`;
}
