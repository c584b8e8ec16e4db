/**
 * `validate <file|dir|glob|-...>`: checks YAML or JSON job files with the SDK's
 * rules and prints each problem as `file:line:column: …`.
 *
 * @module
 */
import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { safeParseJob } from '../index.js';
import { CliError, plural, problemLine } from './output.js';

/** What `-` is called in problem lines. */
export const STDIN_NAME = '<stdin>';

/** The extensions a directory argument picks up. */
const JOB_FILE = /\.(?:ya?ml|json)$/i;
const WILDCARD = /[*?]/;

/** One thing to validate: a file (or stdin) to read, or an argument that named no file. */
type Entry = { readonly name: string; readonly read: () => Promise<string> } | { readonly name: string; readonly error: string };

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT') throw new CliError(`${file}: no such file`);
    if (code === 'EISDIR') throw new CliError(`${file}: is a directory, not a job file`);
    throw new CliError(`${file}: cannot read: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** All of standard input, as UTF-8 text. */
export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY === true) process.stderr.write(`reading a job from stdin (end it with ${process.platform === 'win32' ? 'Ctrl-Z, Enter' : 'Ctrl-D'})\n`);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Whether `name` matches `pattern`, where `*` is any run of characters and `?`
 * any one character; every other character stands for itself. Like a shell,
 * a wildcard does not match a leading `.` (hidden files): the pattern must
 * start with `.` for those.
 */
export function matchesWildcard(pattern: string, name: string): boolean {
  if (name.startsWith('.') && !pattern.startsWith('.')) return false;
  const source = [...pattern].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.+()[\]{}|/]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`, 'su').test(name);
}

/** Whether a directory entry is a file, following symbolic links (a dangling link is not). */
async function isFile(dir: string, entry: Dirent): Promise<boolean> {
  if (entry.isFile()) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    return (await stat(join(dir, entry.name))).isFile();
  } catch {
    return false;
  }
}

/** The files directly in `dir` (not in its subdirectories) whose names pass `keep`, sorted by name. */
async function filesIn(dir: string, keep: (name: string) => boolean): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names: string[] = [];
  for (const entry of entries) if (keep(entry.name) && (await isFile(dir, entry))) names.push(entry.name);
  // Code-unit order: the same on every machine, whatever the locale.
  return names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function unreadable(name: string, error: unknown): Entry {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { name, error: `${name}: no such file or directory` };
  return { name, error: `${name}: cannot read: ${error instanceof Error ? error.message : String(error)}` };
}

/** `dir/*.yaml`: the files in `dir` matching the last path segment. Wildcards elsewhere in the path are an error. */
async function expandWildcard(pattern: string): Promise<Entry[]> {
  const cut = Math.max(pattern.lastIndexOf('/'), sep === '\\' ? pattern.lastIndexOf('\\') : -1);
  const prefix = pattern.slice(0, cut + 1);
  const last = pattern.slice(cut + 1);
  if (WILDCARD.test(prefix) || last === '') return [{ name: pattern, error: `${pattern}: only the last part of a path may contain * or ?` }];
  let names: string[];
  try {
    names = await filesIn(prefix === '' ? '.' : prefix, (name) => matchesWildcard(last, name));
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [{ name: pattern, error: `${pattern}: no files match (there is no directory ${prefix})` }];
    return [unreadable(pattern, error)];
  }
  if (names.length === 0) return [{ name: pattern, error: `${pattern}: no files match` }];
  return names.map((name) => ({ name: `${prefix}${name}`, read: () => readText(`${prefix}${name}`) }));
}

/** The job files in a directory: its .yaml, .yml and .json files, sorted, not recursive. */
async function expandDirectory(dir: string): Promise<Entry[]> {
  let names: string[];
  try {
    names = await filesIn(dir, (name) => !name.startsWith('.') && JOB_FILE.test(name));
  } catch (error) {
    return [unreadable(dir, error)];
  }
  if (names.length === 0) return [{ name: dir, error: `${dir}: no .yaml, .yml or .json files in this directory` }];
  const prefix = dir.endsWith('/') || dir.endsWith(sep) ? dir : `${dir}/`;
  return names.map((name) => ({ name: `${prefix}${name}`, read: () => readText(`${prefix}${name}`) }));
}

/** What one command-line argument stands for: stdin, a file, a directory's job files, or a wildcard's matches. */
async function expand(argument: string, stdin: () => Promise<string>): Promise<Entry[]> {
  if (argument === '-') return [{ name: STDIN_NAME, read: stdin }];
  let isDirectory: boolean | undefined;
  try {
    isDirectory = (await stat(argument)).isDirectory();
  } catch {
    isDirectory = undefined;
  }
  // A name that exists is taken as it is, even if it contains * or ?.
  if (isDirectory === undefined && WILDCARD.test(argument)) return expandWildcard(argument);
  if (isDirectory === true) return expandDirectory(argument);
  return [{ name: argument, read: () => readText(argument) }];
}

/**
 * Validates every file each argument names (all of them, even after a
 * failure); 0 when all are valid. `-` is stdin, a directory stands for its
 * job files, and `*` or `?` in the last path segment are expanded.
 */
export async function validate(
  args: readonly string[],
  stdout: (text: string) => void,
  stderr: (text: string) => void,
  stdin: () => Promise<string> = readStdin,
): Promise<number> {
  if (args.filter((argument) => argument === '-').length > 1) throw new CliError('- (stdin) can be given only once', 2);
  let failed = 0;
  let total = 0;
  for (const argument of args) {
    for (const entry of await expand(argument, stdin)) {
      total++;
      if ('error' in entry) {
        stderr(entry.error);
        failed++;
        continue;
      }
      let text: string;
      try {
        text = await entry.read();
      } catch (error) {
        stderr(`${(error as Error).message}`);
        failed++;
        continue;
      }
      const result = safeParseJob(text);
      for (const problem of result.problems) stderr(problemLine(entry.name, problem));
      for (const warning of result.warnings) stderr(problemLine(entry.name, warning, 'warning'));
      if (result.valid) stdout(`${entry.name}: valid ${result.spec.Type} job${result.warnings.length > 0 ? ` (${plural(result.warnings.length, 'warning')})` : ''}`);
      else failed++;
    }
  }
  if (total > 1) stdout(`${total - failed} of ${plural(total, 'file')} valid`);
  return failed > 0 ? 1 : 0;
}
