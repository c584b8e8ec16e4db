/**
 * Spawns the real `bacalhau-jobs` command (the built dist/cli/main.js) on fixtures
 * and checks exit codes and output.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { matchesWildcard } from '../../src/cli/validate.js';
import { parseJob } from '../../src/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string): string => join('test/fixtures/cli', name);
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; scripts: Record<string, string> };

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function spawnCli(main: string, args: readonly string[], input?: string): Run {
  const result = spawnSync(process.execPath, [main, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000, input });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function cli(...args: string[]): Run {
  return spawnCli('dist/cli/main.js', args);
}

/** The command with `input` on its stdin. */
function cliWithInput(input: string, ...args: string[]): Run {
  return spawnCli('dist/cli/main.js', args, input);
}

/** A one-line message is well formed when its quotes are balanced. */
function balanced(line: string): boolean {
  return (line.match(/'/g) ?? []).length % 2 === 0 && (line.match(/"/g) ?? []).length % 2 === 0;
}

describe('bacalhau-jobs validate', () => {
  it('accepts a valid file', () => {
    const run = cli('validate', fixture('valid.yaml'));
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('valid.yaml: valid batch job');
    expect(run.stderr).toBe('');
  });

  it('prints every problem as file:line:column, in the order of the file, and exits 1', () => {
    const run = cli('validate', fixture('invalid.yaml'));
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^test\/fixtures\/cli\/invalid\.yaml:3:8: error: Count: job count must be >= 0 \(count\)$/),
      expect.stringMatching(/invalid\.yaml:9:9: error: Tasks\[0\]\.Engine\.Params\.Imag: .*did you mean 'Image'.*\(unknown-key\)$/),
      expect.stringMatching(/invalid\.yaml:9:9: error: Tasks\[0\]\.Engine\.Params\.Image: .*\(required\)$/),
      expect.stringMatching(/invalid\.yaml:10:5: error: Tasks\[0\]\.ResourcesConfig: .*did you mean 'Resources'.*\(unknown-key\)$/),
    ]);
  });

  it('reports YAML syntax errors with their position', () => {
    const run = cli('validate', fixture('broken.yaml'));
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/broken\.yaml:\d+:\d+: error: .*\(syntax\)/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('reports a missing file in one line and keeps checking the others', () => {
    const run = cli('validate', 'no/such/file.yaml', fixture('valid.yaml'));
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe('no/such/file.yaml: no such file');
    expect(run.stdout).toContain('1 of 2 files valid');
  });

  it("says '1 warning', not '1 warnings'", () => {
    const run = cli('validate', fixture('warnings/one.yaml'), fixture('warnings/two.yaml'));
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n')).toEqual([
      'test/fixtures/cli/warnings/one.yaml: valid batch job (1 warning)',
      'test/fixtures/cli/warnings/two.yaml: valid batch job (2 warnings)',
      '2 of 2 files valid',
    ]);
  });

  it('reads the job from stdin for -, named <stdin>', () => {
    const valid = cliWithInput(readFileSync(join(root, fixture('valid.yaml')), 'utf8'), 'validate', '-');
    expect(valid.status).toBe(0);
    expect(valid.stdout.trim()).toBe('<stdin>: valid batch job');
    expect(valid.stderr).toBe('');
    const invalid = cliWithInput(readFileSync(join(root, fixture('invalid.yaml')), 'utf8'), 'validate', fixture('valid.yaml'), '-');
    expect(invalid.status).toBe(1);
    expect(invalid.stderr.trim().split('\n')[0]).toBe('<stdin>:3:8: error: Count: job count must be >= 0 (count)');
    expect(invalid.stdout).toContain('1 of 2 files valid');
    const json = cliWithInput(JSON.stringify(parseJob(readFileSync(join(root, fixture('jobs/c.json')), 'utf8'))), 'validate', '-');
    expect(json.stdout.trim()).toBe('<stdin>: valid ops job');
  });

  it('refuses - twice (stdin can be read once)', () => {
    const run = cliWithInput('', 'validate', '-', '-');
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe('bacalhau-jobs: - (stdin) can be given only once');
  });

  it('validates the .yaml, .yml and .json files of a directory, sorted, skipping hidden files, other files and subdirectories', () => {
    // jobs/ also holds notes.txt, .hidden.yaml and sub/d.yaml, each invalid: picking any of them up fails the run.
    const run = cli('validate', fixture('jobs'));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n')).toEqual([
      'test/fixtures/cli/jobs/a.yaml: valid batch job',
      'test/fixtures/cli/jobs/b.yml: valid batch job',
      'test/fixtures/cli/jobs/c.json: valid ops job',
      '3 of 3 files valid',
    ]);
    expect(cli('validate', `${fixture('jobs')}/`).stdout).toContain('test/fixtures/cli/jobs/a.yaml: valid batch job');
  });

  it('reports a directory without job files as an error', () => {
    const empty = mkdtempSync(join(tmpdir(), 'validate-empty-'));
    writeFileSync(join(empty, 'README.md'), '# not a job\n');
    const run = cli('validate', empty, fixture('valid.yaml'));
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(`${empty}: no .yaml, .yml or .json files in this directory`);
    expect(run.stdout).toContain('1 of 2 files valid');
  });

  it('expands a quoted pattern itself, sorted, and names the pattern that matches nothing', () => {
    const run = cli('validate', fixture('jobs/*.y*ml'), fixture('jobs/?.json'));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n')).toEqual([
      'test/fixtures/cli/jobs/a.yaml: valid batch job',
      'test/fixtures/cli/jobs/b.yml: valid batch job',
      'test/fixtures/cli/jobs/c.json: valid ops job',
      '3 of 3 files valid',
    ]);
    const none = cli('validate', fixture('jobs/*.toml'), fixture('valid.yaml'));
    expect(none.status).toBe(1);
    expect(none.stderr.trim()).toBe('test/fixtures/cli/jobs/*.toml: no files match');
    expect(none.stdout).toContain('1 of 2 files valid');
    const alone = cli('validate', 'no/such/dir/*.yaml');
    expect(alone.status).toBe(1);
    expect(alone.stderr.trim()).toBe('no/such/dir/*.yaml: no files match (there is no directory no/such/dir/)');
    const deep = cli('validate', 'test/*/cli/valid.yaml');
    expect(deep.status).toBe(1);
    expect(deep.stderr.trim()).toBe('test/*/cli/valid.yaml: only the last part of a path may contain * or ?');
  });

  it('needs a file', () => {
    const run = cli('validate');
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe('bacalhau-jobs: validate needs at least one file (see bacalhau-jobs validate --help)');
  });
});

describe('matchesWildcard (validate\'s patterns)', () => {
  it.each([
    ['*.yaml', 'a.yaml', true],
    ['*.yaml', 'a.yml', false],
    ['*.yaml', 'a.yaml.bak', false],
    ['*.yaml', '.a.yaml', false],
    ['.*.yaml', '.a.yaml', true],
    ['*', 'anything at all', true],
    ['?.json', 'c.json', true],
    ['?.json', 'cc.json', false],
    ['?.json', '.json', false],
    ['a.b', 'axb', false],
    ['job(1)+[x]{2}$^|.*', 'job(1)+[x]{2}$^|.yaml', true],
    ['j*b-*.yml', 'job-2.yml', true],
    ['*é?.yaml', 'café1.yaml', true],
    ['Job.yaml', 'job.yaml', false],
  ])('%s against %s: %s', (pattern, name, expected) => {
    expect(matchesWildcard(pattern, name)).toBe(expected);
  });
});

describe('bacalhau-jobs synth', () => {
  it('writes every exported job and builder as YAML to stdout, after a header on stderr', () => {
    const run = cli('synth', fixture('valid-jobs.ts'));
    expect(run.status).toBe(0);
    const documents = run.stdout.split(/^---$/m).map((text) => parseJob(text));
    expect(documents.map((job) => job.Name).sort()).toEqual(['hello', 'sweep-1', 'sweep-2', 'web']);
    expect(documents.find((job) => job.Name === 'web')?.Count).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      '# 4 jobs from test/fixtures/cli/valid-jobs.ts, as YAML documents separated by ---',
      '# `bacalhau job run` takes one job per file: --out DIR writes one file per job',
    ]);
  });

  it('writes several jobs as one JSON array with --json', () => {
    const run = cli('synth', fixture('valid-jobs.ts'), '--json');
    expect(run.status).toBe(0);
    const jobs = JSON.parse(run.stdout) as object[];
    expect(Array.isArray(jobs)).toBe(true);
    expect(jobs.map((job) => parseJob(job).Name).sort()).toEqual(['hello', 'sweep-1', 'sweep-2', 'web']);
    // Laid out as JSON.stringify(..., 2) lays it out, each job as toJSON writes it.
    expect(run.stdout).toBe(`${JSON.stringify(jobs, null, 2)}\n`);
    expect(run.stderr).toContain('# 4 jobs from test/fixtures/cli/valid-jobs.ts, as one JSON array');
  });

  it('writes one job with --json as the object itself, without a header', () => {
    const run = cli('synth', fixture('plain.mjs'), '--json');
    expect(run.status).toBe(0);
    expect(parseJob(JSON.parse(run.stdout)).Name).toBe('plain');
    expect(run.stderr).toBe('');
  });

  it('refuses two jobs with the same Name (in one namespace), naming both exports', () => {
    const run = cli('synth', fixture('same-name.ts'));
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([
      "test/fixtures/cli/same-name.ts (weekly): error: Name: job name 'report' is also the name of export nightly: Bacalhau would run this job as an update of that one (rename one, or pass --allow-same-name) (same-name)",
      "1 job reuses an earlier job's name; nothing was written",
    ]);
    const json = cli('synth', fixture('same-name.ts'), '--json', '--out', mkdtempSync(join(tmpdir(), 'synth-same-')));
    expect(json.status).toBe(1);
    expect(json.stderr).toContain('(same-name)');
  });

  it('writes jobs with the same Name with --allow-same-name', () => {
    const run = cli('synth', fixture('same-name.ts'), '--allow-same-name');
    expect(run.status).toBe(0);
    const documents = run.stdout.split(/^---$/m).map((text) => parseJob(text));
    expect(documents.map((job) => `${job.Namespace ?? 'default'}/${job.Name}`).sort()).toEqual(['default/report', 'default/report', 'other/report']);
  });

  it('writes one JSON file per job with --out and --json', () => {
    const out = mkdtempSync(join(tmpdir(), 'synth-'));
    const run = cli('synth', fixture('valid-jobs.ts'), '--json', '--out', out);
    expect(run.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['hello.json', 'sweep-1.json', 'sweep-2.json', 'web.json']);
    expect(run.stderr).not.toContain('# ');
    expect(parseJob(readFileSync(join(out, 'web.json'), 'utf8')).Type).toBe('service');
  });

  it('loads JavaScript modules and default exports', () => {
    const run = cli('synth', fixture('plain.mjs'));
    expect(run.status).toBe(0);
    expect(parseJob(run.stdout).Name).toBe('plain');
  });

  it('prints every problem of an invalid job and exits 1 without writing', () => {
    const run = cli('synth', fixture('invalid-jobs.ts'));
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('invalid-jobs.ts (broken): error: Tasks[0].Name: task name must not be blank (not-blank)');
    expect(run.stderr).toContain('invalid-jobs.ts (broken): error: Tasks[0].Engine.Params.Image: docker Image must not be blank (not-blank)');
    expect(run.stderr).toContain('\n1 of 1 job is invalid; nothing was written\n');
  });

  it('reports a missing module in one line, without a stack trace', () => {
    const run = cli('synth', 'no/such/module.ts');
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('bacalhau-jobs: cannot find module no/such/module.ts');
  });

  it('shows the stack trace with --debug', () => {
    const run = cli('synth', 'no/such/module.ts', '--debug');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/\n\s+at /);
  });
});

describe('npm start', () => {
  it('runs synth on the examples, which prints a header on stderr and valid YAML on stdout', () => {
    // `npm start` itself rebuilds dist/, which the other tests are running; run what it runs after the build.
    expect(packageJson.scripts['start']).toBe('npm run build && node dist/cli/main.js synth examples/jobs.ts');
    const run = cli('synth', 'examples/jobs.ts');
    expect(run.status).toBe(0);
    const documents = parseAllDocuments(run.stdout);
    expect(Array.isArray(documents) && documents.every((document) => document.errors.length === 0)).toBe(true);
    const count = (documents as { toJS(): unknown }[]).map((document) => parseJob(document.toJS() as object)).length;
    expect(count).toBeGreaterThan(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      `# ${count} jobs from examples/jobs.ts, as YAML documents separated by ---`,
      '# `bacalhau job run` takes one job per file: --out DIR writes one file per job',
    ]);
  });
});

describe('help and usage', () => {
  it.each([[[]], [['synth']], [['validate']]])('--help %j', (command) => {
    const run = cli(...command, '--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: bacalhau-jobs/);
  });

  it('documents the new arguments and options in --help', () => {
    expect(cli('--help').stdout).toContain('--version');
    const validate = cli('validate', '--help').stdout;
    for (const text of ['-  ', '<stdin>', '.yaml, .yml and .json', 'not in its subdirectories', "'jobs/*.yaml'", 'last part', 'matches no file is an error']) expect(validate).toContain(text);
    const synth = cli('synth', '--help').stdout;
    for (const text of ['--allow-same-name', 'one JSON', 'header on stderr', 'one job per file']) expect(synth).toContain(text);
  });

  it('prints the version from package.json with --version', () => {
    const run = cli('--version');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`bacalhau-jobs ${packageJson.version}\n`);
    expect(run.stderr).toBe('');
    expect(cli('synth', '--version').stdout).toBe(`bacalhau-jobs ${packageJson.version}\n`);
  });

  it('reads the version at run time from the package.json two levels above the built main.js', () => {
    // A copy of dist/ under node_modules/ (so its imports still resolve) beside a package.json of another version.
    const cache = join(root, 'node_modules', '.cache');
    mkdirSync(cache, { recursive: true });
    const copy = mkdtempSync(join(cache, 'cli-version-'));
    try {
      cpSync(join(root, 'dist'), join(copy, 'dist'), { recursive: true });
      writeFileSync(join(copy, 'package.json'), JSON.stringify({ name: 'bacalhau-jobs', version: '9.8.7-test', type: 'module' }));
      const run = spawnCli(join(copy, 'dist/cli/main.js'), ['--version']);
      expect(run.stdout).toBe('bacalhau-jobs 9.8.7-test\n');
      expect(run.status).toBe(0);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('refuses unknown commands and options in one well-formed line, exit 2', () => {
    const unknown = cli('deploy');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr.trim()).toBe("bacalhau-jobs: unknown command 'deploy': use synth, validate, run or schema (see --help)");
    const option = cli('validate', '--frobnicate', fixture('valid.yaml'));
    expect(option.status).toBe(2);
    expect(option.stderr.trim()).toBe("bacalhau-jobs: unknown option '--frobnicate' (see bacalhau-jobs validate --help; a file name starting with - goes after --)");
    const short = cli('-v');
    expect(short.status).toBe(2);
    expect(short.stderr.trim()).toBe("bacalhau-jobs: unknown option '-v' (see --help; a file name starting with - goes after --)");
  });

  it.each([
    [['validate', '--frobnicate']],
    [['synth', 'x.ts', '--out', '--json']],
    [['synth', 'x.ts', '--json=yes']],
    [['synth', 'x.ts', '--out']],
  ])('reports the argument error of %j in one line with balanced quotes', (args) => {
    const run = cli(...args);
    expect(run.status).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^bacalhau-jobs: [a-z].*\(see bacalhau-jobs (synth|validate) --help(;.*)?\)$/);
    expect(balanced(lines[0] ?? '')).toBe(true);
  });

  it('keeps --allow-same-name to synth', () => {
    const run = cli('validate', '--allow-same-name', fixture('valid.yaml'));
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe('bacalhau-jobs: --allow-same-name belongs to synth (see bacalhau-jobs validate --help)');
  });
});

describe('bacalhau-jobs schema', () => {
  it('prints the JSON Schema the package ships, and exits 0', () => {
    const run = cli('schema');
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    const printed = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(printed['title']).toBe('Bacalhau job');
    expect(printed).toEqual(JSON.parse(readFileSync(join(root, 'dist/schema/job.json'), 'utf8')));
  });

  it('is listed in the help and has its own', () => {
    expect(cli('--help').stdout).toMatch(/^ {2}schema {16}Print the JSON Schema/m);
    const help = cli('schema', '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('# yaml-language-server: $schema=./node_modules/bacalhau-jobs/dist/schema/job.json');
  });

  it('takes no arguments or options, exit 2', () => {
    const extra = cli('schema', 'job.yaml');
    expect(extra.status).toBe(2);
    expect(extra.stderr.trim()).toBe('bacalhau-jobs: schema takes no arguments (see bacalhau-jobs schema --help)');
    const option = cli('schema', '--json');
    expect(option.status).toBe(2);
    expect(option.stderr.trim()).toBe('bacalhau-jobs: schema takes no options but --help and --debug (see bacalhau-jobs schema --help)');
  });
});
