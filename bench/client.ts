/**
 * Measurements 6 and 7: `BacalhauClient` against real Bacalhau v1.9.3 nodes on
 * loopback (scripts/bacalhau.mjs), next to raw `fetch` and the `bacalhau` CLI,
 * measured side by side (interleaved rounds) in one run.
 *
 * 6. Submit throughput on an orchestrator-only node: with no compute node the
 *    jobs are accepted and then fail at scheduling ("not enough nodes"), so
 *    nothing runs and every submission is the same small PUT.
 * 7. Submit → Completed latency of one small wasm job on a hybrid node.
 *
 * The CLI runs with its config and data in a temp HOME (BACALHAU_DIR,
 * XDG_CONFIG_HOME), analytics and update checks off, BACALHAU_* / AWS_* /
 * OTEL_* / proxy variables of the caller removed.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BacalhauClient, Job, engine, publisher, source, toYAML, type FetchLike, type JobSpec } from '../dist/index.js';
import { buildWasmModules, ensureBinary, startNode, type BacalhauNode } from '../scripts/bacalhau.mjs';
import { summarize, type Summary } from './stats.js';

/** One side of a row, as bench/run.ts prints it. */
export type ClientSide = { readonly label: string } & ({ readonly summary: Summary } | { readonly value: number; readonly display?: string });

/** One table row, as bench/run.ts prints it (ratio: SDK cost / baseline cost). */
export interface ClientRow {
  readonly id: string;
  readonly measurement: string;
  readonly unit: string;
  readonly sdk: ClientSide;
  readonly baseline: ClientSide | null;
  readonly ratio: number | null;
  readonly goal: string;
  readonly met: boolean | null;
  readonly notes: string;
}

// ---------------------------------------------------------------------------
// Settings

/** Measurement 6: rounds, jobs per round and side, concurrency. */
const ROUNDS = 8; // a multiple of the 4 sides, so each side is in each position equally often
const API_PER_ROUND = 125; // client and raw fetch: 1,000 jobs each
const CLI_PER_ROUND = 25; // CLI, 16 at a time: 200 jobs
const CLI_SEQUENTIAL_PER_ROUND = 5; // CLI, one at a time: 40 jobs (notes only)
const CONCURRENCY = 16;
const WARMUP_API = 100;
const WARMUP_CLI = 4;

/** Measurement 7: interleaved runs of each kind (after warm-up runs: one by the client, two by the CLI). */
const LATENCY_RUNS = 5;
/** Pause before each run of measurement 7, so each job starts on a node done with the last one. */
const LATENCY_PAUSE_MS = 500;
/** The CLI's `--wait` polls job history every 500 ms; 7b gives the client the same cap. */
const MATCHED_POLL_MS = 500;

const CLI_CONFIG = ['-c', 'DisableAnalytics=true', '-c', 'UpdateConfig.Interval=0s'];
const JOB_ID = /\bj-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/;

// ---------------------------------------------------------------------------
// Helpers

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`bench sanity check failed: ${message}`);
}

/** Runs `task(0…count-1)` with at most `concurrency` in flight; resolves with the wall time in ms. */
async function pool(count: number, concurrency: number, task: (index: number) => Promise<void>): Promise<number> {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) await task(next++);
    }),
  );
  return performance.now() - started;
}

/** `list` rotated left by `by` (the order of the sides changes from round to round). */
const rotate = <T>(list: readonly T[], by: number): T[] => list.map((_, i) => list[(i + by) % list.length]!);

const pad = (i: number): string => String(i).padStart(4, '0');

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The small job of measurement 6: one docker task (never runs: no compute node). */
function smallJob(name: string): JobSpec {
  return Job.batch(name)
    .task((t) => t.name('main').engine(engine.docker('busybox:1.37.0', { parameters: ['echo', 'hello'] })))
    .build();
}

/** The wasm job of measurement 7: test/e2e/support.ts's `wasmJob(name, 'hello')`. */
function helloJob(name: string, module: string): JobSpec {
  return Job.batch(name)
    .task((t) =>
      t
        .name('main')
        .engine(engine.wasm('/app/main.wasm', { entrypoint: '_start', parameters: [] }))
        .input(source.local(module), { target: '/app/main.wasm' })
        .publisher(publisher.local())
        .resultPath('outputs', '/outputs'),
    )
    .build();
}

/** The raw baseline: the same PUT, headers and body the client sends, and the answer's JobID. */
async function rawSubmit(url: string, body: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/orchestrator/jobs`, {
    method: 'PUT',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body,
  });
  const answer = (await response.json()) as { JobID?: unknown };
  if (!response.ok || typeof answer.JobID !== 'string') throw new Error(`PUT /jobs: HTTP ${response.status} ${JSON.stringify(answer)}`);
  return answer.JobID;
}

/** The `bacalhau` CLI, pointed at one node, with all its state in a temp HOME. */
class Cli {
  readonly home = mkdtempSync(path.join(os.tmpdir(), 'bacalhau-jobs-bench-cli-'));
  private readonly env: NodeJS.ProcessEnv;

  constructor(
    private readonly bin: string,
    node: BacalhauNode,
  ) {
    const env: NodeJS.ProcessEnv = {};
    for (const [key, value] of Object.entries(process.env)) {
      if (/^(BACALHAU_|AWS_|OTEL_)/i.test(key) || /^(LOG_LEVEL|HTTP_PROXY|HTTPS_PROXY|ALL_PROXY|NO_PROXY)$/i.test(key)) continue;
      env[key] = value;
    }
    this.env = {
      ...env,
      HOME: this.home,
      XDG_CONFIG_HOME: path.join(this.home, '.config'),
      BACALHAU_DIR: path.join(this.home, '.bacalhau'),
      BACALHAU_API_HOST: '127.0.0.1',
      BACALHAU_API_PORT: String(node.apiPort),
      AWS_EC2_METADATA_DISABLED: 'true',
    };
  }

  /** Writes `job` as YAML into the temp HOME; returns the file. */
  file(job: JobSpec): string {
    const file = path.join(this.home, `${job.Name}.yaml`);
    writeFileSync(file, toYAML(job));
    return file;
  }

  /** `bacalhau job run [--wait=false] <file>`; resolves with the job ID it printed. */
  run(file: string, wait: boolean): Promise<string> {
    const args = ['job', 'run', ...(wait ? ['--wait'] : ['--wait=false']), ...CLI_CONFIG, file];
    return new Promise((resolve, reject) => {
      execFile(this.bin, args, { env: this.env, cwd: this.home, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
        const id = JOB_ID.exec(String(stdout))?.[0];
        if (error !== null || id === undefined) reject(new Error(`bacalhau ${args.join(' ')}: ${error?.message ?? 'no job ID printed'}\n${String(stdout).slice(-2_000)}\n${String(stderr).slice(-2_000)}`));
        else resolve(id);
      });
    });
  }

  remove(): void {
    rmSync(this.home, { recursive: true, force: true });
  }
}

const cpuMicros = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return used.user + used.system;
};

// ---------------------------------------------------------------------------
// 6. Submit throughput

async function submitThroughput(bin: string, log: (message: string) => void): Promise<ClientRow[]> {
  log(`6. submit throughput: orchestrator-only node, ${ROUNDS} interleaved rounds`);
  const node = await startNode({ compute: false });
  let cli: Cli | undefined;
  try {
    cli = new Cli(bin, node);
    const client = new BacalhauClient({ url: node.url });

    // The client sends exactly the raw baseline's body for the same spec.
    let sent: string | undefined;
    const capturing: FetchLike = (url, init) => {
      sent = init.body;
      return fetch(url, init);
    };
    const probe = smallJob('submit-probe');
    await new BacalhauClient({ url: node.url, fetch: capturing }).submit(probe);
    check(sent === JSON.stringify({ Job: probe, Force: false }), 'client.submit sends the same JSON as the raw fetch baseline');

    const ids = new Set<string>();
    /**
     * Before each timed batch: wait until the node has scheduled (and failed) the
     * last jobs submitted, so no batch pays for the previous one's backlog.
     */
    let recent: string[] = [];
    const settle = async (): Promise<void> => {
      const deadline = Date.now() + 15_000;
      for (const id of recent) {
        while ((await client.get(id)).job.State.StateType === 'Pending' && Date.now() < deadline) await sleep(20);
      }
      recent = [];
      await sleep(250);
    };
    const record = (id: string): void => {
      check(JOB_ID.test(id) && !ids.has(id), `every submission creates a new job (${id})`);
      ids.add(id);
      recent.push(id);
      if (recent.length > 32) recent.shift();
    };

    // Every job spec and CLI file of every round, made before any clock starts.
    const inputs = Array.from({ length: ROUNDS }, (_, round) => ({
      sdkJobs: Array.from({ length: API_PER_ROUND }, (_, i) => smallJob(`submit-sdk-${pad(round * API_PER_ROUND + i)}`)),
      rawJobs: Array.from({ length: API_PER_ROUND }, (_, i) => smallJob(`submit-raw-${pad(round * API_PER_ROUND + i)}`)),
      cliFiles: Array.from({ length: CLI_PER_ROUND }, (_, i) => cli!.file(smallJob(`submit-cli-${pad(round * CLI_PER_ROUND + i)}`))),
      seqFiles: Array.from({ length: CLI_SEQUENTIAL_PER_ROUND }, (_, i) => cli!.file(smallJob(`submit-seq-${pad(round * CLI_SEQUENTIAL_PER_ROUND + i)}`))),
    }));

    // Warm-up: JIT, keep-alive sockets, the CLI's repo and profile in its temp HOME.
    const warmSdk = Array.from({ length: WARMUP_API }, (_, i) => smallJob(`submit-warm-sdk-${pad(i)}`));
    const warmRaw = Array.from({ length: WARMUP_API }, (_, i) => smallJob(`submit-warm-raw-${pad(i)}`));
    await pool(WARMUP_API, CONCURRENCY, async (i) => record((await client.submit(warmSdk[i]!)).jobId));
    await pool(WARMUP_API, CONCURRENCY, async (i) => record(await rawSubmit(node.url, JSON.stringify({ Job: warmRaw[i]!, Force: false }))));
    for (let i = 0; i < WARMUP_CLI; i++) record(await cli.run(cli.file(smallJob(`submit-warm-cli-${pad(i)}`)), false));

    const rates = { sdk: [] as number[], raw: [] as number[], cli: [] as number[], cliSequential: [] as number[] };
    const cpu = { sdk: [] as number[], raw: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      const { sdkJobs, rawJobs, cliFiles, seqFiles } = inputs[round]!;
      const sides: Record<string, () => Promise<void>> = {
        sdk: async () => {
          const since = process.cpuUsage();
          const ms = await pool(API_PER_ROUND, CONCURRENCY, async (i) => record((await client.submit(sdkJobs[i]!)).jobId));
          cpu.sdk.push(cpuMicros(since) / API_PER_ROUND);
          rates.sdk.push((API_PER_ROUND * 1_000) / ms);
        },
        raw: async () => {
          const since = process.cpuUsage();
          const ms = await pool(API_PER_ROUND, CONCURRENCY, async (i) => record(await rawSubmit(node.url, JSON.stringify({ Job: rawJobs[i]!, Force: false }))));
          cpu.raw.push(cpuMicros(since) / API_PER_ROUND);
          rates.raw.push((API_PER_ROUND * 1_000) / ms);
        },
        cli: async () => {
          const ms = await pool(CLI_PER_ROUND, CONCURRENCY, async (i) => record(await cli!.run(cliFiles[i]!, false)));
          rates.cli.push((CLI_PER_ROUND * 1_000) / ms);
        },
        cliSequential: async () => {
          const ms = await pool(CLI_SEQUENTIAL_PER_ROUND, 1, async (i) => record(await cli!.run(seqFiles[i]!, false)));
          rates.cliSequential.push((CLI_SEQUENTIAL_PER_ROUND * 1_000) / ms);
        },
      };
      for (const side of rotate(Object.keys(sides), round)) {
        await settle();
        await sides[side]!();
      }
    }
    const expected = 2 * WARMUP_API + WARMUP_CLI + ROUNDS * (2 * API_PER_ROUND + CLI_PER_ROUND + CLI_SEQUENTIAL_PER_ROUND);
    check(ids.size === expected, `${expected} distinct job IDs (got ${ids.size})`);
    let listed = 0;
    for await (const job of client.list({ limit: 1_000 })) if (ids.has(job.ID)) listed += 1;
    check(listed === expected, `the node lists all ${expected} submitted jobs (got ${listed})`);

    const sdk = summarize(rates.sdk);
    const raw = summarize(rates.raw);
    const cliRate = summarize(rates.cli);
    const sequential = summarize(rates.cliSequential);
    const sdkCpu = summarize(cpu.sdk);
    const rawCpu = summarize(cpu.raw);
    const n = (value: number): string => value.toLocaleString('en-US');
    const fixed = (value: number): string => value.toFixed(value >= 100 ? 0 : 1);
    log(`  submit: client ${fixed(sdk.median)}, fetch ${fixed(raw.median)}, CLI ×${CONCURRENCY} ${fixed(cliRate.median)}, CLI sequential ${fixed(sequential.median)} jobs/s`);
    const perRound = `${ROUNDS} interleaved rounds (order rotated each round; before each batch the node's scheduling backlog drains, untimed); spread over the rounds' rates`;
    return [
      {
        id: '6a',
        measurement: `Submit ${n(ROUNDS * API_PER_ROUND)} small jobs, ${CONCURRENCY} at a time: client vs CLI`,
        unit: 'jobs/s',
        sdk: { label: 'client.submit', summary: sdk },
        baseline: { label: `bacalhau job run --wait=false, ${CONCURRENCY} processes at a time, ${n(ROUNDS * CLI_PER_ROUND)} jobs`, summary: cliRate },
        ratio: cliRate.median / sdk.median,
        goal: 'client rate ≥ CLI rate (time ratio ≤ 1)',
        met: sdk.median >= cliRate.median,
        notes:
          `orchestrator-only Bacalhau v1.9.3 node on loopback (jobs are accepted, then fail at scheduling: no compute node); one docker busybox job per request, unique Name each; ` +
          `${perRound}; per round ${API_PER_ROUND} client, ${API_PER_ROUND} raw fetch, ${CLI_PER_ROUND} CLI (${CONCURRENCY} at a time), ${CLI_SEQUENTIAL_PER_ROUND} CLI one at a time; ` +
          `CLI one process at a time: ${fixed(sequential.median)} jobs/s [${fixed(sequential.min)}–${fixed(sequential.max)}] (client: ${(sdk.median / sequential.median).toFixed(0)}× that); ` +
          `the CLI reads a YAML file per job written by toYAML; ratio = time per job, client / CLI`,
      },
      {
        id: '6b',
        measurement: `Submit ${n(ROUNDS * API_PER_ROUND)} small jobs, ${CONCURRENCY} at a time: client vs raw fetch`,
        unit: 'jobs/s',
        sdk: { label: 'client.submit', summary: sdk },
        baseline: { label: 'raw fetch PUT /api/v1/orchestrator/jobs, same JSON', summary: raw },
        ratio: raw.median / sdk.median,
        goal: 'time per job ≤ 1.2× raw fetch',
        met: raw.median / sdk.median <= 1.2,
        notes: `wall time per job (the node's work included); ${perRound}; client.submit validates each spec and sends the same body (checked byte for byte) and headers; the raw side runs JSON.stringify({ Job, Force: false }) per request too`,
      },
      {
        id: '6c',
        measurement: 'Submit: CPU of the Node process per job',
        unit: 'µs/job',
        sdk: { label: 'client.submit', summary: sdkCpu },
        baseline: { label: 'raw fetch', summary: rawCpu },
        ratio: sdkCpu.median / rawCpu.median,
        goal: 'ratio ≤ 1.2',
        met: sdkCpu.median / rawCpu.median <= 1.2,
        notes: `process.cpuUsage() (user + system) over each round of 6b, / ${API_PER_ROUND}: the client's own per-request cost, without the node's`,
      },
    ];
  } finally {
    cli?.remove();
    await node.cleanup();
  }
}

// ---------------------------------------------------------------------------
// 7. Submit → Completed latency

async function submitToCompleted(bin: string, log: (message: string) => void): Promise<ClientRow[]> {
  log(`7. submit → Completed: hybrid node, wasm hello, ${LATENCY_RUNS} interleaved runs each`);
  const wasm = await buildWasmModules({ log });
  const hello = wasm['hello'];
  if (hello === undefined) throw new Error('the hello test module was not built');
  // The wasm executor writes one <executionID>_log.json per execution into the temp dir: a private one.
  const nodeTmp = mkdtempSync(path.join(os.tmpdir(), 'bacalhau-jobs-bench-node-'));
  let node: BacalhauNode | undefined;
  let cli: Cli | undefined;
  try {
    node = await startNode({ env: { TMPDIR: nodeTmp } });
    cli = new Cli(bin, node);
    const client = new BacalhauClient({ url: node.url });
    let serial = 0;
    /** One run: wall seconds, and the node's own seconds for the job (CreateTime → ModifyTime, i.e. Completed). */
    type Run = { readonly wall: number; readonly node: number };
    const completed = async (id: string, wall: number): Promise<Run> => {
      const { job } = await client.get(id);
      check(job.State.StateType === 'Completed', `job ${id} completed (${job.State.StateType}: ${job.State.Message ?? ''})`);
      return { wall, node: (job.ModifyTime - job.CreateTime) / 1e9 };
    };
    const viaClient = async (prefix: string, pollIntervalMs: number | undefined): Promise<Run> => {
      const job = helloJob(`${prefix}-${pad(serial++)}`, hello);
      const started = performance.now();
      const { jobId } = await client.submit(job);
      const finished = await client.wait(jobId, pollIntervalMs === undefined ? { timeoutMs: 120_000 } : { timeoutMs: 120_000, pollIntervalMs });
      const wall = (performance.now() - started) / 1_000;
      check(finished.succeeded, `client job ${jobId} succeeded (${finished.state}: ${finished.reason})`);
      return completed(jobId, wall);
    };
    const runs = {
      sdk: (): Promise<Run> => viaClient('latency-sdk', undefined),
      matched: (): Promise<Run> => viaClient('latency-sdk-poll', MATCHED_POLL_MS),
      cli: async (): Promise<Run> => {
        const file = cli!.file(helloJob(`latency-cli-${pad(serial++)}`, hello));
        const started = performance.now();
        const jobId = await cli!.run(file, true);
        return completed(jobId, (performance.now() - started) / 1_000);
      },
    };
    // Warm-up: the first wasm execution, the CLI's repo and profile for this node.
    await runs.sdk();
    await runs.cli();
    await runs.cli();

    const results = { sdk: [] as Run[], matched: [] as Run[], cli: [] as Run[] };
    const kinds = ['sdk', 'cli', 'matched'] as const;
    for (let round = 0; round < LATENCY_RUNS; round++) {
      for (const kind of rotate(kinds, round)) {
        await sleep(LATENCY_PAUSE_MS);
        results[kind].push(await runs[kind]());
      }
    }
    const wall = (kind: keyof typeof results): Summary => summarize(results[kind].map((r) => r.wall));
    const nodeTime = (kind: keyof typeof results): Summary => summarize(results[kind].map((r) => r.node));
    const beyond = (kind: keyof typeof results): Summary => summarize(results[kind].map((r) => (r.wall - r.node) * 1_000));
    const sdk = wall('sdk');
    const matched = wall('matched');
    const cliSeconds = wall('cli');
    const s2 = (value: number): string => `${value.toFixed(2)} s`;
    const ms = (value: number): string => `${value.toFixed(0)} ms`;
    log(`  latency: client ${s2(sdk.median)}, client (poll ≤ ${MATCHED_POLL_MS} ms) ${s2(matched.median)}, CLI ${s2(cliSeconds.median)}`);
    const cliLabel = 'bacalhau job run --wait <file.yaml>';
    const common = `hybrid Bacalhau v1.9.3 node on loopback; wasm engine, test module hello as a local input, local publisher; ${LATENCY_RUNS} runs per kind, interleaved (order rotated each round, ${LATENCY_PAUSE_MS} ms pause before each) after warm-up runs; spread: min–max`;
    return [
      {
        id: '7a',
        measurement: 'Submit → Completed, one small wasm job',
        unit: 's',
        sdk: { label: 'client.submit + client.wait', summary: sdk },
        baseline: { label: cliLabel, summary: cliSeconds },
        ratio: sdk.median / cliSeconds.median,
        goal: 'ratio ≤ 1',
        met: sdk.median <= cliSeconds.median,
        notes:
          `${common}; wall time from the call (client) or spawn (CLI) until Completed is seen; the node's own time per job (CreateTime → ModifyTime) varies run to run: ` +
          `median ${s2(nodeTime('sdk').median)} for the client's jobs, ${s2(nodeTime('cli').median)} for the CLI's; ` +
          `client.wait polls GET /jobs/{id} every 250 ms for 5 s, then growing ×1.5 up to 2 s (its default); the CLI polls job history every 500 ms`,
      },
      {
        id: '7b',
        measurement: `Submit → Completed, client.wait with pollIntervalMs ${MATCHED_POLL_MS}`,
        unit: 's',
        sdk: { label: `client.submit + client.wait({ pollIntervalMs: ${MATCHED_POLL_MS} })`, summary: matched },
        baseline: { label: cliLabel, summary: cliSeconds },
        ratio: matched.median / cliSeconds.median,
        goal: '—',
        met: null,
        notes: `run in the rounds of 7a; the client's poll interval capped at the CLI's 500 ms; node time median ${s2(nodeTime('matched').median)}`,
      },
      {
        id: '7c',
        measurement: 'Submit → Completed: wall time beyond the node\'s own time',
        unit: 'ms',
        sdk: { label: 'client.submit + client.wait', summary: beyond('sdk') },
        baseline: { label: cliLabel, summary: beyond('cli') },
        ratio: beyond('sdk').median / beyond('cli').median,
        goal: '—',
        met: null,
        notes:
          `per run of 7a: wall time minus the job's CreateTime → ModifyTime on the node (submission, noticing completion, and for the CLI its process start), which takes out the job's own run-to-run variation; ` +
          `with pollIntervalMs ${MATCHED_POLL_MS} (7b): ${ms(beyond('matched').median)} [${ms(beyond('matched').min)}–${ms(beyond('matched').max)}]`,
      },
    ];
  } finally {
    cli?.remove();
    await node?.cleanup();
    rmSync(nodeTmp, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------

/** Measurements 6 and 7, as table rows. Starts (and always stops) one node for each. */
export async function clientRows(log: (message: string) => void): Promise<ClientRow[]> {
  const bin = await ensureBinary({ log });
  const throughput = await submitThroughput(bin, log);
  const latency = await submitToCompleted(bin, log);
  return [...throughput, ...latency];
}
