#!/usr/bin/env node
/**
 * The `bacalhau-jobs` command: `synth` and `validate`. Kept out of the
 * library's entry point, so importing the library pulls in no Node built-ins.
 *
 * @module
 */
import { parseArgs } from 'node:util';
import { CliError } from './output.js';
import { synth } from './synth.js';
import { validate } from './validate.js';

const HELP: Readonly<Record<string, string>> = {
  main: `Usage: bacalhau-jobs <command> [options]

Commands:
  synth <module>        Write the jobs a TypeScript or JavaScript module exports as YAML (or JSON)
  validate <file...>    Check YAML or JSON job files with the SDK's rules

Options:
  -h, --help            Show help (also: bacalhau-jobs <command> --help)
  --debug               Show stack traces for unexpected errors`,
  synth: `Usage: bacalhau-jobs synth <module> [--json] [--out DIR]

Loads <module> (.ts, .mts, .js, .mjs), takes every exported job spec, job builder
and array of them, validates each, and writes each as the YAML \`bacalhau job run\` reads.

Options:
  --json        Write JSON instead of YAML
  --out DIR     Write one file per job into DIR (named after the job) instead of stdout
  --debug       Show stack traces for unexpected errors

Exit status: 0 when every job is valid and written, 1 when any job is invalid
(every problem is printed with its path; nothing is written), 2 for usage errors.`,
  validate: `Usage: bacalhau-jobs validate <file...>

Reads each YAML or JSON job file as \`bacalhau job run\` would, applies the SDK's
rules (stricter than Bacalhau where it silently ignores keys), and prints every
problem as file:line:column: path: message (rule).

Options:
  --debug       Show stack traces for unexpected errors

Exit status: 0 when every file is valid, 1 when any is invalid or unreadable, 2 for usage errors.`,
};

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
      debug: { type: 'boolean' },
      json: { type: 'boolean' },
      out: { type: 'string' },
    },
  });
  const [command, ...rest] = positionals;
  if (command === undefined || !(command in HELP) || command === 'main') {
    if (values.help === true && command === undefined) {
      write(process.stdout)(HELP['main'] ?? '');
      return 0;
    }
    throw new CliError(command === undefined ? 'missing command: use synth or validate (see --help)' : `unknown command '${command}': use synth or validate (see --help)`, 2);
  }
  if (values.help === true) {
    write(process.stdout)(HELP[command] ?? '');
    return 0;
  }
  if (command === 'synth') {
    if (rest.length !== 1) throw new CliError('synth takes exactly one module (see bacalhau-jobs synth --help)', 2);
    return synth(rest[0] as string, { json: values.json === true, out: values.out }, write(process.stdout), write(process.stderr));
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
    else if (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) console.error(`bacalhau-jobs: ${error.message} (see --help)`);
    else console.error(`bacalhau-jobs: ${error instanceof Error ? error.message.split('\n')[0] : String(error)} (run with --debug for details)`);
    process.exitCode = error instanceof CliError ? error.exitCode : (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? 2 : 1;
  },
);
