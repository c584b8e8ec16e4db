/**
 * The distributed path: one orchestrator-only node and three compute-only nodes
 * (labelled zone=a, zone=b, zone=c) joined over NATS on 127.0.0.1. Jobs fan out
 * to several nodes (`count`, `ops`), node-label constraints pick nodes, each
 * node publishes its own results, and no process talks to anything but loopback.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nonLoopbackConnections, startCluster, type BacalhauCluster } from '../../scripts/bacalhau.mjs';
import { BacalhauClient, type Execution, type JobDetails } from '../../src/index.js';
import { downloadResults } from '../../src/node/index.js';
import { uniqueName, wasmJob, wasmOpsJob } from './support.js';

const TEST_TIMEOUT = 90_000;
const WAIT = { timeoutMs: 60_000 } as const;
const ZONES = ['a', 'b', 'c'] as const;

let cluster: BacalhauCluster | undefined;
let client: BacalhauClient;
let scratch: string | undefined;

/** The started cluster (a test that runs after a failed `beforeAll` fails here, clearly). */
function started(): BacalhauCluster {
  if (cluster === undefined) throw new Error('the cluster did not start');
  return cluster;
}

/** NodeID → the labels the orchestrator reports for it, for every compute node. */
async function computeLabels(): Promise<Map<string, Readonly<Record<string, string>>>> {
  const nodes = await client.nodes();
  return new Map(nodes.filter((n) => n.Info.NodeType === 'Compute').map((n) => [n.Info.NodeID, n.Info.Labels]));
}

/** The compute node started with `zone=<zone>`. */
function nodeIdOfZone(zone: string): string {
  const node = started().computes.find((n) => n.labels['zone'] === zone);
  if (node === undefined) throw new Error(`no compute node in zone ${zone}`);
  return node.nodeId;
}

/** Established TCP connections of `pid` (any address), from `ss`: proof the loopback check sees the process. */
function establishedConnections(pid: number): string[] {
  const lines = execFileSync('ss', ['-Htnp', 'state', 'established'], { encoding: 'utf8' }).split('\n');
  return lines.filter((line) => new RegExp(`[,(]pid=${pid},`).test(line));
}

function describeExecutions(executions: readonly Execution[]): string {
  return executions.map((e) => `${e.ID} on ${e.NodeID}: ${e.ComputeState.StateType} (${e.ComputeState.Message ?? ''})`).join('\n');
}

beforeAll(async () => {
  cluster = await startCluster({ computeNodes: 3, labels: ZONES.map((zone) => ({ zone })) });
  client = new BacalhauClient({ url: cluster.url, timeoutMs: 15_000 });
  scratch = await mkdtemp(join(tmpdir(), 'bacalhau-cluster-e2e-'));
});

afterAll(async () => {
  // Both run even if the other throws; a cluster that failed to start has already stopped itself.
  const results = await Promise.allSettled([cluster?.stop(), scratch === undefined ? undefined : rm(scratch, { recursive: true, force: true })]);
  for (const result of results) if (result.status === 'rejected') throw result.reason;
});

describe('a cluster of one orchestrator and three compute nodes', () => {
  it('nodes() lists the three compute nodes, connected and approved, with their labels', { timeout: TEST_TIMEOUT }, async () => {
    const { computes, orchestrator } = started();
    const nodes = await client.nodes();
    const computeNodes = nodes.filter((n) => n.Info.NodeType === 'Compute');
    expect(computeNodes).toHaveLength(3);
    expect(new Set(computeNodes.map((n) => n.Info.NodeID))).toEqual(new Set(computes.map((n) => n.nodeId)));
    for (const node of computeNodes) {
      expect(node.ConnectionState.Status).toBe('CONNECTED');
      expect(node.Membership).toBe('APPROVED');
      const started = computes.find((n) => n.nodeId === node.Info.NodeID);
      expect(node.Info.Labels).toMatchObject({ zone: started?.labels['zone'] });
    }
    expect(computeNodes.map((n) => n.Info.Labels['zone']).sort()).toEqual([...ZONES]);
    // The orchestrator-only node runs nothing, so it is not a compute node.
    expect(computeNodes.map((n) => n.Info.NodeID)).not.toContain(orchestrator.nodeId);
  });

  it('a batch job with count 3 runs once on each of three different nodes, each publishing its own results', { timeout: TEST_TIMEOUT }, async () => {
    const { computes } = started();
    const { jobId } = await client.submit(wasmJob(uniqueName('cluster-count'), 'hello', ['fan-out']).count(3));
    const done = await client.wait(jobId, WAIT);
    expect(done.state, done.reason).toBe('Completed');
    expect(done.succeeded, done.reason).toBe(true);
    expect(done.reason).toBe('');

    const executions = await client.executions(jobId);
    expect(executions, describeExecutions(executions)).toHaveLength(3);
    for (const execution of executions) {
      expect(execution.JobID).toBe(jobId);
      expect(execution.ComputeState.StateType).toBe('Completed');
      expect(execution.RunOutput?.ExitCode).toBe(0);
    }
    const nodeIds = new Set(executions.map((e) => e.NodeID));
    expect(nodeIds.size).toBe(3);
    expect(nodeIds).toEqual(new Set(computes.map((n) => n.nodeId)));

    // Each execution's archive is served by the local publisher of the node that ran it.
    const results = await client.results(jobId);
    expect(results).toHaveLength(3);
    const publisherPorts = new Map(computes.map((n) => [n.nodeId, n.publisherPort]));
    for (const execution of executions) {
      const result = results.find((r) => String(r.Params?.['URL']).includes(execution.ID));
      expect(result, `a result for ${execution.ID}`).toBeDefined();
      expect(result?.Type).toBe('urlDownload');
      expect(String(result?.Params?.['URL'])).toBe(`http://127.0.0.1:${publisherPorts.get(execution.NodeID)}/${execution.ID}.tar.gz`);
    }

    const dir = join(scratch ?? tmpdir(), jobId);
    const downloaded = await downloadResults(client, jobId, dir);
    expect(downloaded).toHaveLength(3);
    expect(new Set(downloaded.map((d) => d.executionId))).toEqual(new Set(executions.map((e) => e.ID)));
    for (const result of downloaded) {
      expect(result.dir).toBe(join(dir, result.executionId));
      expect(result.files).toContain('outputs/greeting.txt');
      await expect(readFile(join(dir, result.executionId, 'outputs', 'greeting.txt'), 'utf8')).resolves.toBe('greetings from wasm\n');
      await expect(readFile(join(dir, result.executionId, 'stdout'), 'utf8')).resolves.toBe('hello from wasm\nfan-out\n');
      await expect(readFile(join(dir, result.executionId, 'exitCode'), 'utf8')).resolves.toBe('0');
    }
  });

  it("a constraint on a node label (zone = b) runs the job on the node labelled zone=b", { timeout: TEST_TIMEOUT }, async () => {
    const { jobId } = await client.submit(wasmJob(uniqueName('cluster-zone-b'), 'hello').constraint('zone', '=', ['b']));
    const done = await client.wait(jobId, WAIT);
    expect(done.state, done.reason).toBe('Completed');
    expect(done.succeeded, done.reason).toBe(true);
    expect(done.executions, describeExecutions(done.executions)).toHaveLength(1);
    const [execution] = done.executions;
    expect(execution?.ComputeState.StateType).toBe('Completed');
    const labels = await computeLabels();
    expect(labels.get(execution?.NodeID ?? '')?.['zone']).toBe('b');
    expect(execution?.NodeID).toBe(nodeIdOfZone('b'));
  });

  it('an ops job runs exactly once on every compute node', { timeout: TEST_TIMEOUT }, async () => {
    const { jobId } = await client.submit(wasmOpsJob(uniqueName('cluster-ops'), 'hello'));
    const done = await client.wait(jobId, WAIT);
    expect(done.state, done.reason).toBe('Completed');
    expect(done.succeeded, done.reason).toBe(true);
    const executions = await client.executions(jobId);
    expect(executions, describeExecutions(executions)).toHaveLength(3);
    expect(executions.every((e) => e.ComputeState.StateType === 'Completed')).toBe(true);
    const nodeIds = executions.map((e) => e.NodeID);
    expect(new Set(nodeIds).size).toBe(3);
    expect(new Set(nodeIds)).toEqual(new Set(started().computes.map((n) => n.nodeId)));
    expect(await client.results(jobId)).toHaveLength(3);
  });

  it('an ops job with the constraint zone != a runs once on each of the two other nodes', { timeout: TEST_TIMEOUT }, async () => {
    const { jobId } = await client.submit(wasmOpsJob(uniqueName('cluster-ops-not-a'), 'hello').constraint('zone', '!=', ['a']));
    const done = await client.wait(jobId, WAIT);
    expect(done.state, done.reason).toBe('Completed');
    expect(done.succeeded, done.reason).toBe(true);
    const executions = await client.executions(jobId);
    expect(executions, describeExecutions(executions)).toHaveLength(2);
    expect(executions.every((e) => e.ComputeState.StateType === 'Completed')).toBe(true);
    const labels = await computeLabels();
    expect(executions.map((e) => labels.get(e.NodeID)?.['zone']).sort()).toEqual(['b', 'c']);
    expect(new Set(executions.map((e) => e.NodeID))).toEqual(new Set([nodeIdOfZone('b'), nodeIdOfZone('c')]));
  });

  it('while a job runs on every node, no process has a connection off loopback', { timeout: TEST_TIMEOUT }, async () => {
    const { orchestrator, computes } = started();
    const { jobId } = await client.submit(wasmJob(uniqueName('cluster-loopback'), 'sleep', ['5']).count(3));
    // Bacalhau v1.9 reports a running execution as BidAccepted (the job itself says Running).
    let details: JobDetails | undefined;
    const deadline = Date.now() + 30_000;
    for (;;) {
      details = await client.get(jobId, { include: 'executions' });
      const executions = details.executions ?? [];
      if (details.job.State.StateType === 'Running' && executions.length === 3 && executions.every((e) => e.ComputeState.StateType === 'BidAccepted')) break;
      if (Date.now() > deadline) throw new Error(`job ${jobId} did not start on three nodes: ${details.job.State.StateType}\n${describeExecutions(executions)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    for (const node of [orchestrator, ...computes]) {
      expect(node.isRunning()).toBe(true);
      // Not vacuous: every process holds connections (NATS between compute nodes and the orchestrator).
      expect(establishedConnections(node.pid).length, `ss sees connections of pid ${node.pid}`).toBeGreaterThan(0);
      expect(nonLoopbackConnections(node.pid), `connections of ${node.orchestrator ? 'the orchestrator' : `compute node ${node.nodeId}`} (pid ${node.pid})`).toEqual([]);
    }
    // Still running after the check: the check happened during the run.
    expect((await client.get(jobId)).job.State.StateType).toBe('Running');

    const done = await client.wait(jobId, WAIT);
    expect(done.state, done.reason).toBe('Completed');
    expect(done.succeeded, done.reason).toBe(true);
    expect(new Set(done.executions.map((e) => e.NodeID)).size).toBe(3);
  });
});
