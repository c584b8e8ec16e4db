/**
 * Every BacalhauClient method against a real Bacalhau v1.9.3 node (one
 * orchestrator + compute process on loopback, started by the global setup).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { nonLoopbackConnections, nonLoopbackListeners } from '../../scripts/bacalhau.mjs';
import {
  BacalhauApiError,
  BacalhauClientError,
  BacalhauSpecError,
  Job,
  engine,
  publisher,
  source,
  type JobState,
  type LogLine,
} from '../../src/index.js';
import { downloadResults } from '../../src/node/index.js';
import { client, countingFetch, uniqueName, wasmJob, wasmPath } from './support.js';

const scratch: string[] = [];
afterAll(async () => {
  await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'bacalhau-e2e-'));
  scratch.push(dir);
  return dir;
}

async function collect(lines: AsyncIterable<LogLine>): Promise<LogLine[]> {
  const all: LogLine[] = [];
  for await (const line of lines) all.push(line);
  return all;
}

describe('the node', () => {
  it('is alive, reports its version and lists itself', async () => {
    const api = client();
    expect(await api.alive()).toBe(true);
    expect((await api.version()).GitVersion).toBe('v1.9.3');
    const nodes = await api.nodes();
    expect(nodes.map((node) => node.Info.NodeID)).toContain(inject('bacalhau').nodeId);
    expect(nodes.every((node) => node.ConnectionState.Status === 'CONNECTED')).toBe(true);
  });

  it('listens on loopback only, but for the local publisher, which Bacalhau binds to every address', () => {
    const { pid, publisherPort } = inject('bacalhau');
    const ports = nonLoopbackListeners(pid).map((socket) => Number(socket.local.split(':').pop()));
    expect(ports).toEqual([publisherPort]);
  });
});

describe('a wasm job from submit to results', () => {
  const api = client();
  const name = uniqueName('hello');
  let jobId = '';
  const states: JobState[] = [];

  it('submits, waits until Completed, and holds no connection beyond loopback meanwhile', async () => {
    const submitted = await api.submit(wasmJob(name, 'hello', ['first-arg', 'second arg']));
    expect(submitted.jobId).toMatch(/^j-[0-9a-f-]{36}$/);
    expect(submitted.evaluationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(submitted.warnings).toEqual([]);
    jobId = submitted.jobId;
    // The module runs for about a second and a half: look while it does.
    expect(nonLoopbackConnections(inject('bacalhau').pid)).toEqual([]);
    const done = await api.wait(jobId, { timeoutMs: 60_000, onProgress: (progress) => states.push(progress.state) });
    expect(done.state).toBe('Completed');
    expect(done.succeeded).toBe(true);
    expect(done.reason).toBe('');
    expect(done.job.ID).toBe(jobId);
    expect(done.job.Name).toBe(name);
    expect(done.executions).toHaveLength(1);
    expect(done.executions[0]?.ComputeState.StateType).toBe('Completed');
    expect(done.executions[0]?.RunOutput?.ExitCode).toBe(0);
    expect(states.at(-1)).toBe('Completed');
    expect(Object.isFrozen(done.job.Tasks[0]?.Engine)).toBe(true);
  });

  it('reads the logs: every line the module printed, stdout and stderr', async () => {
    const lines = await collect(api.logs(jobId));
    expect(lines.filter((l) => l.stream === 'stdout').map((l) => l.line)).toEqual(['hello from wasm', 'first-arg', 'second arg']);
    expect(lines.filter((l) => l.stream === 'stderr').map((l) => l.line)).toEqual(['hello on stderr']);
  });

  it('lists the results and downloads them, checked by content', async () => {
    const results = await api.results(jobId);
    expect(results).toHaveLength(1);
    expect(results[0]?.Type).toBe('urlDownload');
    const dir = await tempDir();
    const downloaded = await downloadResults(api, jobId, dir);
    expect(downloaded).toHaveLength(1);
    expect(downloaded[0]?.dir).toBe(dir);
    expect([...(downloaded[0]?.files ?? [])].sort()).toEqual(['exitCode', 'outputs/data.txt', 'outputs/greeting.txt', 'stderr', 'stdout']);
    expect(await readFile(join(dir, 'outputs', 'greeting.txt'), 'utf8')).toBe('greetings from wasm\n');
    expect(await readFile(join(dir, 'outputs', 'data.txt'), 'utf8')).toBe('data line 1\ndata line 2\n');
    expect(await readFile(join(dir, 'stdout'), 'utf8')).toBe('hello from wasm\nfirst-arg\nsecond arg\n');
    expect(await readFile(join(dir, 'exitCode'), 'utf8')).toBe('0');
  });

  it('reads the job, its executions, history and versions', async () => {
    const withExecutions = await api.get(jobId, { include: 'executions' });
    expect(withExecutions.job.State.StateType).toBe('Completed');
    expect(withExecutions.executions?.map((e) => e.ComputeState.StateType)).toEqual(['Completed']);
    expect((await api.get(name)).job.ID).toBe(jobId);
    const withHistory = await api.get(jobId, { include: 'history' });
    expect(withHistory.history?.length).toBeGreaterThan(0);
    // Bacalhau v1.9 records history as events (its JobState/ExecutionState fields stay empty).
    const history = await api.history(jobId);
    expect(history[0]?.Event?.Message).toBe('Job submitted');
    expect(history.some((entry) => entry.Type === 'JobLevel' && entry.Event?.Details?.['NewState'] === 'Completed')).toBe(true);
    expect(history.some((entry) => entry.Type === 'ExecutionLevel' && entry.ExecutionID === withExecutions.executions?.[0]?.ID)).toBe(true);
    expect((await api.history(jobId, { eventType: 'job' })).every((entry) => entry.Type === 'JobLevel')).toBe(true);
    const executions = await api.executions(jobId);
    expect(executions).toHaveLength(1);
    expect(executions[0]?.NodeID).toBe(inject('bacalhau').nodeId);
    expect((await api.versions(jobId)).map((job) => job.Version)).toEqual([1]);
  });

  it('follows the logs of a job while it runs', async () => {
    const { jobId: sleeper } = await api.submit(wasmJob(uniqueName('follow'), 'sleep', ['2']));
    const lines = await collect(api.logs(sleeper, { follow: true }));
    expect(lines.map((l) => l.line)).toEqual(['started', 'tick 1', 'tick 2', 'done']);
    expect((await api.get(sleeper)).job.State.StateType).toBe('Completed');
  });
});

describe('jobs that do not succeed', () => {
  const api = client();

  it('a module that exits 3: Bacalhau says Completed, the client says not succeeded, and why', async () => {
    const { jobId } = await api.submit(wasmJob(uniqueName('exit3'), 'fail'));
    const done = await api.wait(jobId, { timeoutMs: 60_000 });
    expect(done.state).toBe('Completed');
    expect(done.succeeded).toBe(false);
    expect(done.reason).toContain('exit code 3');
    expect(done.reason).toContain('fail: something went wrong');
  });

  it('a task that cannot run: Failed, with the executor error in the reason', async () => {
    const job = Job.batch(uniqueName('no-entry')).task((t) =>
      t
        .name('main')
        .engine(engine.wasm('/app/main.wasm', { entrypoint: 'nope' }))
        .input(source.local(wasmPath('hello')), { target: '/app/main.wasm' })
        .publisher(publisher.local()),
    );
    const { jobId } = await api.submit(job);
    const done = await api.wait(jobId, { timeoutMs: 60_000 });
    expect(done.state).toBe('Failed');
    expect(done.succeeded).toBe(false);
    expect(done.reason).toContain("unable to find the entrypoint 'nope'");
    expect(done.job.State.Message).toBeTruthy();
  });
});

describe('refusals', () => {
  it('an invalid spec is refused before any request', async () => {
    const { fetch, requests } = countingFetch();
    const api = client({ fetch });
    await expect(api.submit(Job.batch('no-task'))).rejects.toThrow(BacalhauSpecError);
    await expect(api.submit({ Type: 'batch', Name: 'x', Tasks: [{ Name: 'main', Engine: { Type: 'wasm', Params: {} } }] })).rejects.toSatisfy(
      (error: unknown) => error instanceof BacalhauSpecError && error.problems.some((p) => p.path === 'Tasks[0].Engine.Params.EntryModule'),
    );
    await expect(api.diff(Job.batch('no-task'))).rejects.toThrow(BacalhauSpecError);
    expect(requests).toEqual([]);
  });

  it("a request the server rejects: BacalhauApiError 400 with Bacalhau's own message", async () => {
    // A diff needs the job's Name (the server looks the stored job up by it); the spec itself is valid.
    const job = Job.batch('').task((t) => t.name('main').engine(engine.wasm('/app/main.wasm')).input(source.local(wasmPath('hello')), { target: '/app/main.wasm' }));
    expect(job.validate().valid).toBe(true);
    const error = await client()
      .diff(job)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BacalhauApiError);
    const apiError = error as BacalhauApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.message).toBe('invalid job spec: name is missing');
    expect(apiError.component).toBe('APIServer');
    expect(typeof apiError.requestId).toBe('string');
    expect(apiError.url).toMatch(/\/api\/v1\/orchestrator\/jobs\/diff$/);
  });

  it('an unknown job is a 404', async () => {
    const error = await client()
      .get('j-00000000-0000-4000-8000-000000000000')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BacalhauApiError);
    expect((error as BacalhauApiError).status).toBe(404);
  });

  it("the log WebSocket passes the server's error on, typed", async () => {
    // A Docker job (this node runs wasm only) fails at once; its logs take the WebSocket path.
    const api = client();
    const job = Job.batch(uniqueName('docker')).task((t) => t.name('main').engine(engine.docker('busybox:1.37.0')).publisher(publisher.local()));
    const { jobId } = await api.submit(job);
    const done = await api.wait(jobId, { timeoutMs: 60_000 });
    expect(done.state).toBe('Failed');
    expect(done.reason).toContain('does not support docker');
    const outcome = await collect(api.logs(jobId)).then(
      (lines) => ({ lines }),
      (error: unknown) => ({ error }),
    );
    if ('error' in outcome) {
      expect(outcome.error).toBeInstanceOf(BacalhauClientError);
      expect((outcome.error as BacalhauClientError).method).toBe('WS');
    } else {
      expect(outcome.lines).toEqual([]);
    }
  });
});

describe('managing jobs', () => {
  const api = client();

  it('lists by label selector across several pages', async () => {
    const suite = uniqueName('suite');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      // A constraint no node meets: the jobs are stored and fail at once, nothing runs.
      const job = wasmJob(uniqueName('listed'), 'hello').label('suite', suite).label('index', String(i)).constraint('no-such-label', 'exists');
      ids.push((await api.submit(job)).jobId);
    }
    const { fetch, requests } = countingFetch();
    const counted = client({ fetch });
    const listed: string[] = [];
    for await (const job of counted.list({ labels: { suite }, limit: 2 })) listed.push(job.ID);
    expect([...listed].sort()).toEqual([...ids].sort());
    expect(requests.filter((r) => r === 'GET /api/v1/orchestrator/jobs').length).toBe(3);
    const selected: string[] = [];
    for await (const job of api.list({ labels: [`suite=${suite}`, 'index in (1,3)'] })) selected.push(job.Labels?.['index'] ?? '');
    expect(selected.sort()).toEqual(['1', '3']);
  });

  it('stops a long-running job', async () => {
    const { jobId } = await api.submit(wasmJob(uniqueName('long'), 'sleep', ['600']));
    await api.wait(jobId, { timeoutMs: 3_000 }).catch(() => undefined);
    const { evaluationId } = await api.stop(jobId, { reason: 'no longer needed' });
    expect(evaluationId).toMatch(/^[0-9a-f-]{36}$/);
    const done = await api.wait(jobId, { timeoutMs: 60_000 });
    expect(done.state).toBe('Stopped');
    expect(done.job.State.Message).toBe('no longer needed');
    expect(done.succeeded).toBe(false);
  });

  it('updates by name, refuses an unchanged spec unless forced, diffs and reruns', async () => {
    const name = uniqueName('versions');
    const v1 = await api.submit(wasmJob(name, 'hello', ['one']));
    await api.wait(v1.jobId, { timeoutMs: 60_000 });
    const changed = wasmJob(name, 'hello', ['two']);
    const diff = await api.diff(changed);
    expect(diff.changed).toBe(true);
    expect(diff.diff).toContain('two');
    const v2 = await api.submit(changed);
    expect(v2.jobId).toBe(v1.jobId);
    await api.wait(v2.jobId, { timeoutMs: 60_000 });
    expect((await api.get(name)).job.Version).toBe(2);
    expect(await api.diff(changed)).toEqual({ diff: '', changed: false, warnings: [] });

    const unchanged = await api.submit(changed).catch((e: unknown) => e);
    expect(unchanged).toBeInstanceOf(BacalhauApiError);
    expect((unchanged as BacalhauApiError).message).toContain('no changes detected');
    expect((unchanged as BacalhauApiError).hint).toContain('--force');

    const forced = await api.submit(changed, { force: true });
    expect(forced.jobId).toBe(v1.jobId);
    await api.wait(forced.jobId, { timeoutMs: 60_000 });
    expect((await api.versions(name)).map((job) => job.Version).sort()).toEqual([1, 2, 3]);

    // A rerun is stored as a new version of the job.
    const rerun = await api.rerun(name, { reason: 'once more' });
    expect(rerun.jobId).toBe(v1.jobId);
    expect(rerun.jobVersion).toBe(4);
    expect((await api.versions(name)).map((job) => job.Version).sort()).toEqual([1, 2, 3, 4]);
    expect(rerun.evaluationId).toMatch(/^[0-9a-f-]{36}$/);
    const done = await api.wait(rerun.jobId, { timeoutMs: 60_000 });
    expect(done.state).toBe('Completed');
    expect((await api.executions(rerun.jobId)).map((e) => e.JobVersion)).toEqual([4]);
    expect((await api.executions(rerun.jobId, { version: 1 })).map((e) => e.JobVersion)).toEqual([1]);
    expect(new Set((await api.executions(rerun.jobId, { allVersions: true })).map((e) => e.JobVersion))).toEqual(new Set([1, 2, 3, 4]));
  });
});
