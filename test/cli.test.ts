/**
 * Spawns the real `bacalhau-jobs` command (the built dist/cli/main.js) on fixtures
 * and checks exit codes and output.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseJob } from '../src/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixture = (name: string): string => join('test/fixtures/cli', name);

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['dist/cli/main.js', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
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

  it('needs a file', () => {
    const run = cli('validate');
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe('bacalhau-jobs: validate needs at least one file (see bacalhau-jobs validate --help)');
  });
});

describe('bacalhau-jobs synth', () => {
  it('writes every exported job and builder as YAML to stdout', () => {
    const run = cli('synth', fixture('valid-jobs.ts'));
    expect(run.status).toBe(0);
    const documents = run.stdout.split(/^---$/m).map((text) => parseJob(text));
    expect(documents.map((job) => job.Name).sort()).toEqual(['hello', 'sweep-1', 'sweep-2', 'web']);
    expect(documents.find((job) => job.Name === 'web')?.Count).toBe(2);
  });

  it('writes one JSON file per job with --out and --json', () => {
    const out = mkdtempSync(join(tmpdir(), 'synth-'));
    const run = cli('synth', fixture('valid-jobs.ts'), '--json', '--out', out);
    expect(run.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['hello.json', 'sweep-1.json', 'sweep-2.json', 'web.json']);
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

describe('help and usage', () => {
  it.each([[[]], [['synth']], [['validate']]])('--help %j', (command) => {
    const run = cli(...command, '--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: bacalhau-jobs/);
  });

  it('refuses unknown commands and options in one line, exit 2', () => {
    const unknown = cli('deploy');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr.trim()).toBe("bacalhau-jobs: unknown command 'deploy': use synth, validate or run (see --help)");
    const option = cli('validate', '--frobnicate', fixture('valid.yaml'));
    expect(option.status).toBe(2);
    expect(option.stderr.trim().split('\n')).toHaveLength(1);
  });
});
