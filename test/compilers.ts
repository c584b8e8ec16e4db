/**
 * Type-checks files with several TypeScript versions, the same way for each: through the
 * compiler's command line. TypeScript 7 (the native compiler) has no JavaScript API, and one
 * method for every version keeps their answers comparable. A helper module for the tests, not a
 * test itself.
 *
 * A check writes the given files at the absolute paths given (never over an existing file) and a
 * tsconfig.json (`files` = those paths, `include: []`, the given compiler options with `noEmit`
 * forced on) in a fresh `.tsc-tmp-…` directory of the project root; it runs
 * `tsc -p <that tsconfig> --pretty false --extendedDiagnostics --listFiles` in the project root,
 * parses the output, and removes everything it wrote, whatever happens. Files must live inside
 * the project so that relative imports (`../src/index.js`), node_modules and the package's
 * self-reference (`bacalhau-jobs`) resolve as for the project's own files. {@link scratchDir}
 * gives a fresh directory for them that no other tool of the project looks into.
 *
 * One run costs one to several seconds (the compiler's start and its default libraries): batch
 * many cases into one file, and use {@link Compiler.checkAsync} to run compilers side by side.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TsConfigJson } from 'type-fest';

/** The project root (no trailing separator): the directory holding package.json. */
export const projectRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** `compilerOptions` as written in a tsconfig.json (`"module": "NodeNext"`, `"lib": ["ES2022"]`). */
export type CompilerOptionsJson = TsConfigJson.CompilerOptions;

/** One diagnostic, as the compiler prints it. */
export interface Diagnostic {
  /** Absolute path of the file; `''` for a diagnostic without a location (e.g. an unknown option). */
  readonly file: string;
  /** 1-based; 0 without a location. */
  readonly line: number;
  /** 1-based; 0 without a location. */
  readonly column: number;
  /** The number after `TS`: 2322 for TS2322. */
  readonly code: number;
  /** The whole message: a chained message's lines joined with `'\n'`, each keeping its indentation (as `ts.flattenDiagnosticMessageText(text, '\n')`). */
  readonly message: string;
}

export interface CheckResult {
  /** In the compiler's order. Errors only, in practice: tsc prints no warnings or suggestions. */
  readonly diagnostics: readonly Diagnostic[];
  /** The program's type instantiation count (`Instantiations:` of --extendedDiagnostics). Not comparable between compilers. */
  readonly instantiations: number;
  /** Absolute paths of every file in the program (--listFiles), default libraries included. */
  readonly files: readonly string[];
  /** Wall-clock time of the compiler run, in milliseconds. */
  readonly elapsedMs: number;
}

export interface Compiler {
  /** `'TypeScript 6.0.3'`. */
  readonly name: string;
  /** `'6.0.3'`, from the compiler package's own package.json. */
  readonly version: string;
  /** Absolute path of the `tsc` script run with Node. */
  readonly tsc: string;
  /**
   * Type-checks `files` (absolute path inside the project → source text) with `options`; the
   * program holds these files and what they import. Blocks until the compiler exits.
   */
  check(files: ReadonlyMap<string, string>, options: Readonly<CompilerOptionsJson>): CheckResult;
  /** {@link Compiler.check} without blocking: several checks can run side by side (give them different files). */
  checkAsync(files: ReadonlyMap<string, string>, options: Readonly<CompilerOptionsJson>): Promise<CheckResult>;
}

/** The compiler options of tsconfig.json that matter to users' code (no `lib`: the target's default, DOM included); virtual-program.ts converts them for the compiler API. */
export const STRICT_OPTIONS_JSON: Readonly<CompilerOptionsJson> = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  module: 'NodeNext',
  moduleResolution: 'NodeNext',
  target: 'ES2022',
  types: [],
  noEmit: true,
};

/** A run of tsc taking longer than this is killed and the check throws. */
const TIMEOUT_MS = 300_000;
const TEMP_PREFIX = '.tsc-tmp-';

/**
 * A fresh absolute path `<project root>/.tsc-tmp-<random>` (not created: a check creates it for
 * the files put there, and removes it after). It sits where `test/` sits, so a file in it imports
 * `../src/index.js` as a test does; the project's tsconfigs, vitest and tsd never look into it.
 */
export function scratchDir(): string {
  return join(projectRoot, `${TEMP_PREFIX}${randomBytes(6).toString('hex')}`);
}

/** `file:line:column - TSnnnn: message`, one diagnostic per entry, paths relative to the project root: for failure messages. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => {
    const where = d.file === '' ? '(no file)' : `${relative(projectRoot, d.file)}:${d.line}:${d.column}`;
    return `${where} - TS${d.code}: ${d.message}`;
  });
}

/** Files written for one run and how to remove them. */
interface Prepared {
  readonly args: string[];
  readonly cleanup: () => void;
}

function prepare(files: ReadonlyMap<string, string>, options: Readonly<CompilerOptionsJson>): Prepared {
  if (files.size === 0) throw new Error('compilers: nothing to check (no files given)');
  const paths = [...files.keys()];
  for (const path of paths) {
    if (!isAbsolute(path) || normalize(path) !== path) throw new Error(`compilers: not an absolute, normalised path: ${path}`);
    if (!path.startsWith(projectRoot + sep)) throw new Error(`compilers: ${path} is outside the project (${projectRoot})`);
  }
  const written: string[] = [];
  const createdDirs: string[] = [];
  const configDir = scratchDir();
  const cleanup = (): void => {
    const problems: string[] = [];
    for (const path of written) {
      try {
        unlinkSync(path);
      } catch (error) {
        problems.push(`${path}: ${String(error)}`);
      }
    }
    // Deepest first; a directory someone else has put files into meanwhile stays.
    for (const dir of createdDirs.reverse()) {
      try {
        rmdirSync(dir);
      } catch (error) {
        problems.push(`${dir}: ${String(error)}`);
      }
    }
    rmSync(configDir, { recursive: true, force: true });
    if (problems.length > 0) console.warn(`compilers: could not remove all temporary files:\n${problems.join('\n')}`);
  };
  try {
    mkdirSync(configDir);
    for (const [path, text] of files) {
      const missing: string[] = [];
      for (let dir = dirname(path); !existsSync(dir); dir = dirname(dir)) missing.unshift(dir);
      for (const dir of missing) {
        try {
          mkdirSync(dir);
          createdDirs.push(dir);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error; // made meanwhile by someone else: theirs to remove
        }
      }
      try {
        writeFileSync(path, text, { flag: 'wx' }); // fails if the file exists: never overwrite
      } catch (error) {
        throw new Error(`compilers: cannot write ${path} (it must not exist yet): ${String(error)}`);
      }
      written.push(path);
    }
    const tsconfig = join(configDir, 'tsconfig.json');
    const compilerOptions = { ...options, noEmit: true };
    writeFileSync(tsconfig, `${JSON.stringify({ compilerOptions, files: paths, include: [] }, null, 2)}\n`);
    return { args: ['-p', tsconfig, '--pretty', 'false', '--extendedDiagnostics', '--listFiles'], cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}

const LOCATED = /^(.+?)\((\d+),(\d+)\): (?:error|warning|message|suggestion) TS(\d+): (.*)$/;
const UNLOCATED = /^(?:error|warning|message|suggestion) TS(\d+): (.*)$/;
/** `Instantiations:   1998`, `Check time:  0.07s`, `Memory used: 11184K`. */
const STATISTIC = /^([A-Za-z][\w /.-]*?):\s+([\d.,]+[A-Za-z%]*)$/;

interface RunOutput {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly error: Error | undefined;
  readonly elapsedMs: number;
}

/** Parses tsc's output; throws on anything it does not recognise, so that a format change cannot pass as "no errors". */
function parse(compiler: string, command: string, run: RunOutput): CheckResult {
  const failure = (why: string): Error =>
    new Error(`${compiler}: ${why}\ncommand: ${command}\nexit status: ${run.status}, signal: ${run.signal}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`);
  if (run.error !== undefined) throw failure(`tsc could not run: ${run.error.message}`);
  if (run.signal !== null) throw failure(`tsc was killed (${run.signal}; the time limit is ${TIMEOUT_MS} ms)`);
  const diagnostics: Diagnostic[] = [];
  const files: string[] = [];
  let instantiations: number | undefined;
  let last: Diagnostic | undefined;
  for (const line of run.stdout.split(/\r?\n/)) {
    if (line === '') continue;
    const located = LOCATED.exec(line);
    const unlocated = UNLOCATED.exec(line);
    const statistic = STATISTIC.exec(line);
    if (located !== null) {
      const [, file = '', lineNumber = '', column = '', code = '', message = ''] = located;
      last = { file: resolve(projectRoot, file), line: Number(lineNumber), column: Number(column), code: Number(code), message };
      diagnostics.push(last);
    } else if (unlocated !== null) {
      const [, code = '', message = ''] = unlocated;
      last = { file: '', line: 0, column: 0, code: Number(code), message };
      diagnostics.push(last);
    } else if (line.startsWith(' ') && last !== undefined) {
      // A chained message's next line; the indentation is part of the message, as the API flattens it.
      last = { ...last, message: `${last.message}\n${line}` };
      diagnostics[diagnostics.length - 1] = last;
    } else if (line.startsWith('/')) {
      files.push(line);
      last = undefined;
    } else if (statistic !== null) {
      const [, key, value = ''] = statistic;
      if (key === 'Instantiations') instantiations = Number(value.replace(/,/g, ''));
      last = undefined;
    } else {
      throw failure(`unexpected line in tsc's output: ${JSON.stringify(line)}`);
    }
  }
  if (run.status !== 0 && diagnostics.length === 0) throw failure('tsc failed without a diagnostic');
  if (instantiations === undefined || !Number.isInteger(instantiations)) throw failure('no "Instantiations:" count in the --extendedDiagnostics output');
  if (files.length === 0) throw failure('no file list in the --listFiles output');
  return { diagnostics, instantiations, files, elapsedMs: run.elapsedMs };
}

function cliCompiler(packageDir: string): Compiler {
  const tsc = join(projectRoot, 'node_modules', packageDir, 'bin', 'tsc');
  const packageJson = JSON.parse(readFileSync(join(projectRoot, 'node_modules', packageDir, 'package.json'), 'utf8')) as { version: string };
  const name = `TypeScript ${packageJson.version}`;
  const commandLine = (args: readonly string[]): string => [process.execPath, tsc, ...args].join(' ');
  return {
    name,
    version: packageJson.version,
    tsc,
    check(files, options) {
      const { args, cleanup } = prepare(files, options);
      try {
        const started = performance.now();
        const result = spawnSync(process.execPath, [tsc, ...args], {
          cwd: projectRoot,
          encoding: 'utf8',
          maxBuffer: 256 * 1024 * 1024,
          timeout: TIMEOUT_MS,
        });
        const elapsedMs = performance.now() - started;
        const { status, signal, stdout, stderr, error } = result;
        return parse(name, commandLine(args), { status, signal, stdout, stderr, error, elapsedMs });
      } finally {
        cleanup();
      }
    },
    async checkAsync(files, options) {
      const { args, cleanup } = prepare(files, options);
      try {
        const started = performance.now();
        const run = await new Promise<RunOutput>((done) => {
          const child = spawn(process.execPath, [tsc, ...args], { cwd: projectRoot, timeout: TIMEOUT_MS });
          const stdout: Buffer[] = [];
          const stderr: Buffer[] = [];
          let error: Error | undefined;
          child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
          child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
          child.on('error', (e) => {
            error = e;
          });
          child.on('close', (status, signal) => {
            done({
              status,
              signal,
              stdout: Buffer.concat(stdout).toString('utf8'),
              stderr: Buffer.concat(stderr).toString('utf8'),
              error,
              elapsedMs: performance.now() - started,
            });
          });
        });
        return parse(name, commandLine(args), run);
      } finally {
        cleanup();
      }
    },
  };
}

/** TypeScript 5.9, as bundled by tsd (`@tsd/typescript`). */
export const typescript59: Compiler = cliCompiler(join('@tsd', 'typescript', 'typescript'));
/** TypeScript 6.0: the project's compiler (`typescript`). */
export const typescript6: Compiler = cliCompiler('typescript');
/** TypeScript 7.0, the native compiler (`typescript7`, an npm alias of typescript@7). */
export const typescript7: Compiler = cliCompiler('typescript7');

/** The compilers the project supports and checks with: TypeScript 6 and TypeScript 7. */
export const compilers: readonly Compiler[] = [typescript6, typescript7];
