#!/usr/bin/env node
/**
 * The `bacalhau-jobs` command: `synth`, `validate`, `run` and `schema`. Kept out of the
 * library's entry point, so importing the library pulls in no Node built-ins.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { jobJsonSchema } from '../index.js';
import { CliError } from './output.js';
import { run as runJobs } from './run.js';
import { synth } from './synth.js';
import { validate } from './validate.js';

const HELP: Readonly<Record<string, string>> = {
  main: `Usage: bacalhau-jobs <command> [options]

Commands:
  synth <module>        Write the jobs a TypeScript or JavaScript module exports as YAML (or JSON)
  validate <file...>    Check YAML or JSON job files (or a directory of them, or stdin) with the SDK's rules
  run <file...>         Validate, submit and (with --wait) follow jobs on a Bacalhau orchestrator
  schema                Print the JSON Schema of job files, for editors (docs/editors.md)

Options:
  -h, --help            Show help (also: bacalhau-jobs <command> --help)
  --version             Show the version (bacalhau-jobs <version>)
  --debug               Show stack traces for unexpected errors`,
  synth: `Usage: bacalhau-jobs synth <module> [--json] [--out DIR] [--allow-same-name]

Loads <module> (.ts, .mts, .js, .mjs), takes every exported job spec, job builder
and array of them, validates each, and writes each as the YAML \`bacalhau job run\` reads.

On stdout, several jobs are YAML documents separated by --- (with --json: one JSON
array; a single job is written as itself), after a header on stderr saying how many
jobs were written. \`bacalhau job run\` takes one job per file: use --out DIR for that.

Two jobs with the same Name (in the same namespace) are an error: Bacalhau would run
the second as an update of the first.

Options:
  --json              Write JSON instead of YAML
  --out DIR           Write one file per job into DIR (named after the job) instead of stdout
  --allow-same-name   Write jobs that share a Name anyway
  --debug             Show stack traces for unexpected errors

Exit status: 0 when every job is valid and written, 1 when any job is invalid or
reuses another's Name (every problem is printed with its path; nothing is written),
2 for usage errors.`,
  validate: `Usage: bacalhau-jobs validate <file|directory|pattern|->...

Reads each YAML or JSON job file as \`bacalhau job run\` would, applies the SDK's
rules (stricter than Bacalhau where it silently ignores keys), and prints every
problem as file:line:column: path: message (rule).

Arguments:
  file          A YAML or JSON job file
  directory     Every .yaml, .yml and .json file directly in it, in name order
                (not in its subdirectories; hidden files are skipped)
  pattern       A quoted pattern such as 'jobs/*.yaml', expanded by validate itself:
                * matches any characters and ? any one character, in the last part
                of the path only (no **, [...] or {a,b}); matches are sorted by name,
                and a pattern that matches no file is an error
  -             Read one job from stdin (named <stdin> in problem lines)

Options:
  --debug       Show stack traces for unexpected errors

Exit status: 0 when every file is valid, 1 when any is invalid or unreadable (or a
directory or pattern names no file), 2 for usage errors.`,
  run: `Usage: bacalhau-jobs run <module.ts|job.yaml|job.json>... [--api URL] [--wait] [--follow] [--out DIR]

Validates every job first (nothing is submitted if any is invalid), then submits
them in order. Jobs come from YAML/JSON files (one job each) and from modules
(every job and job builder they export).

Options:
  --api URL          The orchestrator's API (default: BACALHAU_API_HOST and
                     BACALHAU_API_PORT, else http://127.0.0.1:1234); credentials
                     come from BACALHAU_API_KEY
  --wait             Wait until every job ends, showing each job's state,
                     executions and elapsed time (one line per job, updated in
                     place on a terminal; a line per change otherwise)
  --follow           Also print the jobs' logs (implies --wait)
  --out DIR          Download each job's results into DIR/<job name> (implies --wait)
  --force            Submit even when a job of that name exists unchanged
  --timeout DURATION Stop waiting after this long (90s, 10m, 1h30m)
  --debug            Show stack traces for unexpected errors

Exit status: 0 when every job was submitted (and, when waiting, completed with exit
code 0), 1 otherwise, 2 for usage errors.`,
  schema: `Usage: bacalhau-jobs schema

Prints the JSON Schema (draft-07) of Bacalhau job files, the one the package ships as
bacalhau-jobs/schema/job.json (dist/schema/job.json). Editors that use
yaml-language-server (VS Code's YAML extension, Neovim, Helix, Zed) offer completion,
hover docs and quick checks with it:

  # yaml-language-server: $schema=./node_modules/bacalhau-jobs/dist/schema/job.json

It checks keys (in any case), JSON kinds, required keys and built-in type names;
\`bacalhau-jobs validate\` checks everything else.

Exit status: 0, or 2 for usage errors.`,
};

/** The version in package.json, read when asked: dist/cli/main.js is two levels below it. */
function version(): string {
  const file = new URL('../../package.json', import.meta.url);
  try {
    const { version: value } = JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown };
    if (typeof value === 'string' && value !== '') return value;
  } catch (error) {
    throw new CliError(`cannot read the version from ${fileURLToPath(file)}: ${error instanceof Error ? error.message : String(error)}`);
  }
  throw new CliError(`cannot read the version from ${fileURLToPath(file)}: it has no "version"`);
}

/**
 * Node's parseArgs messages as one well-formed line. Its unknown-option message
 * ends in an unbalanced quote (\`as in '-- "--x"\`) and its ambiguous-value one
 * spans three lines; the first sentence says what matters.
 */
function argsMessage(message: string, argv: readonly string[]): string {
  const command = argv.find((argument) => argument === 'synth' || argument === 'validate' || argument === 'run' || argument === 'schema');
  const help = command === undefined ? 'see --help' : `see bacalhau-jobs ${command} --help`;
  const unknown = /^Unknown option '(.*?)'\. To specify a positional argument/s.exec(message);
  if (unknown !== null) return `unknown option '${unknown[1] ?? ''}' (${help}; a file name starting with - goes after --)`;
  const first = (message.split('\n')[0] ?? '').replace(/\.(?:\s.*)?$/s, '');
  return `${first.charAt(0).toLowerCase()}${first.slice(1)} (${help})`;
}

const write = (stream: NodeJS.WriteStream) => (text: string) => {
  stream.write(text.endsWith('\n') ? text : `${text}\n`);
};

async function run(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean' },
      'allow-same-name': { type: 'boolean' },
      debug: { type: 'boolean' },
      json: { type: 'boolean' },
      out: { type: 'string' },
      api: { type: 'string' },
      wait: { type: 'boolean' },
      follow: { type: 'boolean' },
      force: { type: 'boolean' },
      timeout: { type: 'string' },
    },
  });
  if (values.version === true) {
    write(process.stdout)(`bacalhau-jobs ${version()}`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (command === undefined || !(command in HELP) || command === 'main') {
    if (values.help === true && command === undefined) {
      write(process.stdout)(HELP['main'] ?? '');
      return 0;
    }
    throw new CliError(command === undefined ? 'missing command: use synth, validate, run or schema (see --help)' : `unknown command '${command}': use synth, validate, run or schema (see --help)`, 2);
  }
  if (values.help === true) {
    write(process.stdout)(HELP[command] ?? '');
    return 0;
  }
  if (command !== 'synth' && values['allow-same-name'] === true) throw new CliError(`--allow-same-name belongs to synth (see bacalhau-jobs ${command} --help)`, 2);
  const runOnly = values.api !== undefined || values.wait === true || values.follow === true || values.force === true || values.timeout !== undefined;
  if (command === 'run') {
    if (values.json === true) throw new CliError('--json belongs to synth (see bacalhau-jobs run --help)', 2);
    if (rest.length === 0) throw new CliError('run needs at least one job file or module (see bacalhau-jobs run --help)', 2);
    const controller = new AbortController();
    const interrupt = (): void => {
      process.stderr.write('\ninterrupted: stopped waiting; submitted jobs keep running on the server\n');
      controller.abort();
    };
    process.once('SIGINT', interrupt);
    try {
      return await runJobs(
        rest,
        { api: values.api, wait: values.wait === true, follow: values.follow === true, out: values.out, force: values.force === true, timeout: values.timeout },
        {
          stdout: write(process.stdout),
          stderr: write(process.stderr),
          raw: (text) => process.stdout.write(text),
          live: process.stdout.isTTY === true && process.env['CI'] === undefined && process.env['TERM'] !== 'dumb',
        },
        controller.signal,
      );
    } finally {
      process.off('SIGINT', interrupt);
    }
  }
  if (command === 'schema') {
    if (rest.length > 0) throw new CliError('schema takes no arguments (see bacalhau-jobs schema --help)', 2);
    if (runOnly || values.json === true || values.out !== undefined || values['allow-same-name'] === true) {
      throw new CliError('schema takes no options but --help and --debug (see bacalhau-jobs schema --help)', 2);
    }
    write(process.stdout)(JSON.stringify(jobJsonSchema(), null, 2));
    return 0;
  }
  if (runOnly) throw new CliError(`--api, --wait, --follow, --force and --timeout belong to run (see bacalhau-jobs ${command} --help)`, 2);
  if (command === 'synth') {
    if (rest.length !== 1) throw new CliError('synth takes exactly one module (see bacalhau-jobs synth --help)', 2);
    return synth(rest[0] as string, { json: values.json === true, out: values.out, allowSameName: values['allow-same-name'] === true }, write(process.stdout), write(process.stderr));
  }
  if (values.json === true || values.out !== undefined) throw new CliError('--json and --out belong to synth (see bacalhau-jobs validate --help)', 2);
  if (rest.length === 0) throw new CliError('validate needs at least one file (see bacalhau-jobs validate --help)', 2);
  return validate(rest, write(process.stdout), write(process.stderr));
}

const argv = process.argv.slice(2);
const debug = argv.includes('--debug');
run(argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (debug) console.error(error);
    else if (error instanceof CliError) console.error(`bacalhau-jobs: ${error.message}`);
    else if (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) console.error(`bacalhau-jobs: ${argsMessage(error.message, argv)}`);
    else console.error(`bacalhau-jobs: ${error instanceof Error ? error.message.split('\n')[0] : String(error)} (run with --debug for details)`);
    process.exitCode = error instanceof CliError ? error.exitCode : (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? 2 : 1;
  },
);
