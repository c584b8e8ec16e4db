/**
 * Faults around a running job, on a node of this file's own: the node is killed
 * (SIGKILL) and restarted on the same data dir and ports while `wait()` polls;
 * a wait that times out or is aborted; a job stopped with a reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNode, type BacalhauNode } from '../../scripts/bacalhau.mjs';
import { BacalhauClient, BacalhauConnectionError, BacalhauWaitError, type Execution, type JobDetails, type WaitProgress } from '../../src/index.js';
import { uniqueName, wasmJob } from './support.js';

const TEST_TIMEOUT = 90_000;
/** States a job is in before it ends. */
const LIVE_STATES = ['Pending', 'Queued', 'Running'];

let node: BacalhauNode | undefined;

function current(): BacalhauNode {
  if (node === undefined) throw new Error('the node did not start');
  return node;
}

/** A client whose polls fail fast while the node is down: 2 s per attempt, one retry. */
function fastClient(): BacalhauClient {
  return new BacalhauClient({ url: current().url, timeoutMs: 2_000, retries: 1 });
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function describeExecutions(executions: readonly Execution[]): string {
  return executions.map((e) => `${e.ID}: ${e.ComputeState.StateType} (${e.ComputeState.Message ?? ''}), desired ${e.DesiredState.StateType}`).join('\n');
}

/** Polls until the job runs: Bacalhau v1.9 shows a running execution as BidAccepted while the job is Running. */
async function untilRunning(client: BacalhauClient, jobId: string): Promise<JobDetails> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const details = await client.get(jobId, { include: 'executions' });
    const executions = details.executions ?? [];
    if (details.job.State.StateType === 'Running' && executions.some((e) => e.ComputeState.StateType === 'BidAccepted')) return details;
    if (Date.now() > deadline) throw new Error(`job ${jobId} did not start: ${details.job.State.StateType}\n${describeExecutions(executions)}`);
    await pause(200);
  }
}

beforeAll(async () => {
  node = await startNode({});
});

afterAll(async () => {
  await node?.cleanup();
});

describe('faults while a job runs', () => {
  it('a wait survives a crash (SIGKILL) and restart of the node; Bacalhau reruns the job and it completes', { timeout: TEST_TIMEOUT }, async () => {
    const client = fastClient();
    const name = uniqueName('faults-restart');
    const { jobId } = await client.submit(wasmJob(name, 'sleep', ['8']));
    const progress: WaitProgress[] = [];
    const waiting = client.wait(jobId, { timeoutMs: 120_000, onProgress: (p) => progress.push(p) });
    // A rejection before the await below must not count as unhandled.
    waiting.catch(() => undefined);

    const running = await untilRunning(client, jobId);
    const [first] = running.executions ?? [];
    expect(first).toBeDefined();
    await pause(1_500);

    const before = current();
    await before.kill();
    expect(before.isRunning()).toBe(false);
    const down = await fastClient().alive().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(down).toBeInstanceOf(BacalhauConnectionError);
    expect((down as BacalhauConnectionError).reason).toBe('network');
    await pause(2_000);
    node = await before.restart();
    expect(current().url).toBe(before.url);
    expect(current().nodeId).toBe(before.nodeId);

    const done = await waiting;
    // What Bacalhau v1.9.3 does: the execution that ran at the crash is failed ("Failing due to node
    // restart"), a new execution is scheduled on the restarted node, runs to the end, and the job Completes.
    expect(done.state, `${done.reason}\n${describeExecutions(done.executions)}`).toBe('Completed');
    expect(done.job.ID).toBe(jobId);
    expect(done.executions, describeExecutions(done.executions)).toHaveLength(2);
    const crashed = done.executions.find((e) => e.ID === first?.ID);
    expect(crashed?.ComputeState.StateType).toBe('Failed');
    expect(crashed?.ComputeState.Message).toBe('Failing due to node restart');
    expect(crashed?.DesiredState.StateType).toBe('Stopped');
    const rerun = done.executions.find((e) => e.ID !== first?.ID);
    expect(rerun?.ComputeState.StateType).toBe('Completed');
    expect(rerun?.RunOutput?.ExitCode).toBe(0);
    expect(rerun?.NodeID).toBe(current().nodeId);
    // Bacalhau completed the job with a clean replacement: the crashed execution is history, not a failure.
    expect(done.succeeded).toBe(true);
    expect(done.reason).toBe('');

    // onProgress saw the job run before the crash, the crashed execution fail, and the end.
    expect(progress[0]?.jobId).toBe(jobId);
    expect(progress.some((p) => p.state === 'Running' && p.executions.some((e) => e.ID === first?.ID && e.ComputeState.StateType === 'BidAccepted'))).toBe(true);
    expect(progress.some((p) => p.executions.some((e) => e.ID === first?.ID && e.ComputeState.StateType === 'Failed'))).toBe(true);
    expect(progress.at(-1)?.state).toBe('Completed');

    // The job survived the restart: same ID and Name, by ID and by name.
    const byId = await client.get(jobId);
    expect(byId.job.ID).toBe(jobId);
    expect(byId.job.Name).toBe(name);
    expect(byId.job.State.StateType).toBe('Completed');
    expect((await client.get(name)).job.ID).toBe(jobId);
    const history = await client.history(jobId);
    expect(history.some((entry) => entry.ExecutionID === first?.ID && entry.Event?.Message === 'Failing due to node restart')).toBe(true);
  });

  let longJobId = '';

  it('a wait that times out rejects with BacalhauWaitError naming the job and its last state', { timeout: TEST_TIMEOUT }, async () => {
    const client = fastClient();
    ({ jobId: longJobId } = await client.submit(wasmJob(uniqueName('faults-long'), 'sleep', ['600'])));
    const started = Date.now();
    const timedOut = await client.wait(longJobId, { timeoutMs: 1_500 }).then(
      (done) => done,
      (error: unknown) => error,
    );
    const elapsed = Date.now() - started;
    expect(timedOut).toBeInstanceOf(BacalhauWaitError);
    const error = timedOut as BacalhauWaitError;
    expect(error.reason).toBe('timeout');
    expect(error.jobId).toBe(longJobId);
    expect(LIVE_STATES).toContain(error.lastState);
    expect(error.message).toContain(longJobId);
    expect(error.message).toContain(`in state ${error.lastState}`);
    expect(error.message).toMatch(/wait timed out/);
    expect(elapsed).toBeGreaterThanOrEqual(1_400);
    expect(elapsed).toBeLessThan(6_000);
  });

  it('an aborted wait rejects with BacalhauWaitError, reason aborted', { timeout: TEST_TIMEOUT }, async () => {
    expect(longJobId).not.toBe('');
    const client = fastClient();
    await untilRunning(client, longJobId);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 700);
    const started = Date.now();
    const aborted = await client.wait(longJobId, { signal: controller.signal, timeoutMs: 60_000 }).then(
      (done) => done,
      (error: unknown) => error,
    );
    clearTimeout(timer);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(aborted).toBeInstanceOf(BacalhauWaitError);
    const error = aborted as BacalhauWaitError;
    expect(error.reason).toBe('aborted');
    expect(error.jobId).toBe(longJobId);
    expect(error.lastState).toBe('Running');
    expect(error.message).toMatch(/wait was aborted/);

    // A signal that is already aborted ends the wait at once, before any poll.
    const early = await client.wait(longJobId, { signal: AbortSignal.abort(), timeoutMs: 60_000 }).then(
      (done) => done,
      (error: unknown) => error,
    );
    expect(early).toBeInstanceOf(BacalhauWaitError);
    expect((early as BacalhauWaitError).reason).toBe('aborted');
    expect((early as BacalhauWaitError).lastState).toBeUndefined();
  });

  it('stop() with a reason ends the job as Stopped, with the reason in its State.Message', { timeout: TEST_TIMEOUT }, async () => {
    expect(longJobId).not.toBe('');
    const client = fastClient();
    const reason = 'e2e faults: no longer needed';
    const { evaluationId } = await client.stop(longJobId, { reason });
    expect(evaluationId).not.toBe('');
    const done = await client.wait(longJobId, { timeoutMs: 30_000 });
    expect(done.state).toBe('Stopped');
    expect(done.succeeded).toBe(false);
    expect(done.job.State.Message).toContain(reason);
    expect(done.reason).toContain(reason);
    const { job } = await client.get(longJobId);
    expect(job.State.StateType).toBe('Stopped');
    expect(job.State.Message).toContain(reason);
    const history = await client.history(longJobId, { eventType: 'job' });
    expect(history.some((entry) => entry.Event?.Details?.['Reason'] === reason)).toBe(true);
    // Stopping a job that has ended is accepted and does nothing.
    expect((await client.stop(longJobId, { reason: 'again' })).evaluationId).toBe('');
  });
});
