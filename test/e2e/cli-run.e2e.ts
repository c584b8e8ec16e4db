/**
 * `bacalhau-jobs run` spawned as a user runs it, against the real node: with
 * and without a terminal (a pseudo-terminal through `script`).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BacalhauApiError, toYAML } from '../../src/index.js';
import { client, nodeUrl, uniqueName, wasmJob } from './support.js';

const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bacalhau-cli-e2e-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Outcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI; `tty` puts it behind a pseudo-terminal (`script`), which merges its output into stdout. */
function runCli(args: readonly string[], options: { tty?: boolean } = {}): Promise<Outcome> {
  const env: NodeJS.ProcessEnv = { ...process.env, BACALHAU_API_KEY: undefined };
  delete env['CI'];
  const quoted = [process.execPath, cli, ...args].map((arg) => `'${arg.replaceAll("'", "'\\''")}'`).join(' ');
  const child = options.tty === true ? spawn('script', ['-qfec', quoted, '/dev/null'], { env: { ...env, TERM: 'xterm' } }) : spawn(process.execPath, [cli, ...args], { env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

async function jobFile(name: string, module: 'hello' | 'fail' | 'sleep', parameters: readonly string[] = []): Promise<string> {
  const file = join(dir, `${name}.yaml`);
  await writeFile(file, toYAML(wasmJob(name, module, parameters).build()));
  return file;
}

describe('bacalhau-jobs run', () => {
  it('without a terminal: plain state lines, then the results downloaded', async () => {
    const name = uniqueName('cli-plain');
    const out = join(dir, 'results');
    const result = await runCli(['run', await jobFile(name, 'hello'), '--api', nodeUrl(), '--wait', '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^${name}: submitted as j-[0-9a-f-]{36}$`, 'm'));
    expect(result.stdout).toMatch(new RegExp(`^${name}: Completed \\(1 Completed\\)$`, 'm'));
    expect(result.stdout).not.toContain('\u001b[');
    expect(result.stdout).toContain(`${name}: results in ${join(out, name)}`);
    expect(await readFile(join(out, name, 'outputs', 'greeting.txt'), 'utf8')).toBe('greetings from wasm\n');
  });

  it('on a terminal: one line per job redrawn in place', async () => {
    const first = uniqueName('cli-tty-a');
    const second = uniqueName('cli-tty-b');
    const result = await runCli(['run', await jobFile(first, 'sleep', ['2']), await jobFile(second, 'hello'), '--api', nodeUrl(), '--wait'], { tty: true });
    expect(result.code).toBe(0);
    // Cursor up over the two job lines and clear, then the lines again.
    expect(result.stdout).toContain('\u001b[2A\u001b[0J');
    expect(result.stdout).toMatch(new RegExp(`${first}: Running \\(1 \\w+\\) \\d+\\.\\ds`));
    expect(result.stdout).toContain(`${first}: Completed (1 Completed)`);
    expect(result.stdout).toContain(`${second}: Completed (1 Completed)`);
  });

  it('--follow prints the logs', async () => {
    const name = uniqueName('cli-follow');
    const result = await runCli(['run', await jobFile(name, 'hello', ['from-the-cli']), '--api', nodeUrl(), '--follow']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^hello from wasm$/m);
    expect(result.stdout).toMatch(/^from-the-cli$/m);
    expect(result.stderr).toMatch(/^hello on stderr$/m);
  });

  it('exits 1 when a job does not succeed, saying why', async () => {
    const name = uniqueName('cli-fail');
    const result = await runCli(['run', await jobFile(name, 'fail'), '--api', nodeUrl(), '--wait']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${name}: Completed with errors (1 Completed)`);
    expect(result.stderr).toContain('exit code 3');
  });

  it('submits nothing when any job is invalid', async () => {
    const valid = uniqueName('cli-valid');
    const invalid = join(dir, 'invalid.yaml');
    await writeFile(invalid, 'Type: batch\nName: broken\nTasks:\n  - Name: main\n    Engine:\n      Type: wasm\n');
    const result = await runCli(['run', await jobFile(valid, 'hello'), invalid, '--api', nodeUrl(), '--wait']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/invalid\.yaml:\d+:\d+: error: Tasks\[0\]\.Engine/);
    expect(result.stderr).toContain('1 of 2 jobs is invalid; nothing was submitted');
    expect(result.stdout).toBe('');
    const error = await client()
      .get(valid)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BacalhauApiError);
    expect((error as BacalhauApiError).status).toBe(404);
  });

  it('reports an unreachable API in one line', async () => {
    const result = await runCli(['run', await jobFile(uniqueName('cli-down'), 'hello'), '--api', 'http://127.0.0.1:9']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('cannot connect');
    expect(result.stderr).toContain('http://127.0.0.1:9/api/v1/orchestrator/jobs');
  });
});
