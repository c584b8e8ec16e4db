/**
 * The Bacalhau oracle (test/differential/oracle, driven by scripts/oracle.mjs) against the real
 * thing: for every conformance file (../shared/conformance, minus swagger.json and
 * validation-vectors.json) and a few hand-made edge cases,
 *
 * - stage 1: the oracle's `cli.ok` equals the exit status of the real
 *   `bacalhau job validate FILE`, and the real CLI's output contains the oracle's error;
 * - stage 2: the oracle's `server` verdict equals the real `PUT /api/v1/orchestrator/jobs` on a
 *   real orchestrator-only node started here: same ok, same HTTP status, the oracle's error is
 *   the real `Message` (exactly), same `Warnings`.
 *
 * The REST body sent to the real node is the one the oracle used (`echoBody`), with the job's
 * Name replaced by a unique one so no earlier job of the same name turns the submission into an
 * update; the oracle judges that renamed body too, and must give the same verdict as for the
 * original. `docs-api-jobs-*.json` are REST envelopes (`{"Job": …}`): they are the REST body as
 * they are (stage 2) and the file given to `job validate` (stage 1). The extra cases reach the
 * stages and failure modes the corpus does not: binding errors, a panic (the CLI crashes, the
 * server answers 500), plain errors from a transformer and from the bolt store (500), store-only
 * rejections, and a YAML→JSON failure.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startNode, type BacalhauNode } from '../../scripts/bacalhau.mjs';
import { ensureOracle, runOracle, type OracleSpec, type OracleVerdict } from '../../scripts/oracle.mjs';

const CONFORMANCE_DIR = fileURLToPath(new URL('../../../shared/conformance/', import.meta.url));
const NOT_SPECS = new Set(['README.md', 'swagger.json', 'validation-vectors.json']);
const isEnvelope = (file: string): boolean => /^docs-api-jobs-\d+\.json$/.test(file);

interface Case {
  /** File name (conformance) or `extra:<name>`. */
  readonly id: string;
  /** Where the real CLI reads it. */
  readonly path: string;
  readonly text: string;
  /** The REST body as is (REST envelopes). */
  readonly body?: string | undefined;
  /** Give the job a unique name before submitting it (conformance files; extras have unique names). */
  readonly rename: boolean;
}

interface CliRun {
  readonly code: number | null;
  readonly output: string;
}

interface RealAnswer {
  readonly status: number;
  readonly message: string;
  readonly warnings: readonly string[];
}

interface ServerResult {
  readonly oracle: OracleVerdict['server'];
  readonly real: RealAnswer;
}

let node: BacalhauNode | undefined;
let workDir = '';
let cases: Case[] = [];
let verdicts = new Map<string, OracleVerdict>();
/** What the real CLI and the real node said, per case id. */
const cliResults = new Map<string, CliRun>();
const serverResults = new Map<string, ServerResult>();
/** Informative lines (timings, the verdict table): printed with BACALHAU_JOBS_VERBOSE=1 only. */
const log = (message: string): void => {
  if (process.env['BACALHAU_JOBS_VERBOSE'] === '1') process.stderr.write(`[oracle] ${message}\n`);
};

// eslint-disable-next-line no-control-regex
const stripAnsi = (s: string): string => s.replace(/\u001b\[[0-9;]*m/g, '');

/** Hand-made specs beyond the conformance files, each hitting another stage or failure mode. */
function extraCases(unique: string): Array<{ name: string; text: string }> {
  const task = { Name: 't', Engine: { Type: 'docker', Params: { Image: 'busybox' } } };
  const json = (value: unknown): string => JSON.stringify(value, null, 2);
  return [
    // bind: Count is a string
    { name: 'count-string.json', text: json({ Name: `${unique}-a`, Type: 'batch', Count: '1', Tasks: [task] }) },
    // bind: 1.0 in a JSON file; the CLI's YAML round trip turns it into 1, a REST body keeps it
    { name: 'count-float.json', text: json({ Name: `${unique}-h`, Type: 'batch', Count: 1, Tasks: [task] }).replace('"Count": 1', '"Count": 1.0') },
    // bind: YAML 1.1 boolean where a string belongs
    { name: 'name-yes.yaml', text: 'Name: yes\nType: batch\nTasks:\n  - Name: t\n    Engine: {Type: docker, Params: {Image: busybox}}\n' },
    // bind: not an object
    { name: 'list.yaml', text: '- a\n- b\n' },
    // submit: several errors at once
    { name: 'daemon-count.yaml', text: `Name: ${unique}-b\nType: daemon\nCount: 3\nTasks:\n  - Name: t\n    Engine: {Type: docker}\n    Timeouts: {ExecutionTimeout: -1}\n` },
    // submit: a null task panics in Task.ValidateSubmission (CLI crashes, server answers 500)
    { name: 'null-task.json', text: json({ Name: `${unique}-c`, Type: 'batch', Tasks: [null] }) },
    // transform: legacy wasm entry module without a source → plain error → 500
    { name: 'wasm-legacy-null.json', text: json({ Name: `${unique}-d`, Type: 'batch', Tasks: [{ Name: 't', Engine: { Type: 'wasm', Params: { EntryModule: { Source: null } } } }] }) },
    // store: "//" in the name makes an empty bolt bucket name
    { name: 'name-double-slash.json', text: json({ Name: `${unique}//e`, Type: 'batch', Tasks: [task] }) },
    // store: the same in a label key is an unwrapped bolt error → 500
    { name: 'label-double-slash.json', text: json({ Name: `${unique}-f`, Type: 'batch', Labels: { 'a//b': 'c' }, Tasks: [task] }) },
    // accepted: lower-case keys
    { name: 'lowercase.json', text: json({ name: `${unique}-g`, type: 'batch', tasks: [{ name: 't', engine: { type: 'docker', params: { Image: 'busybox' } } }] }) },
    // convert: not YAML
    { name: 'broken.yaml', text: 'Name: [\n' },
  ];
}

/** The body with every string-valued job Name (any key case, as Go matches keys) set to `name`. */
function renameJob(body: string, name: string): string {
  const parsed: unknown = JSON.parse(body);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return body;
  for (const [key, job] of Object.entries(parsed)) {
    if (key.toLowerCase() !== 'job' || typeof job !== 'object' || job === null || Array.isArray(job)) continue;
    const record = job as Record<string, unknown>;
    for (const [k, v] of Object.entries(record)) {
      if (k.toLowerCase() === 'name' && typeof v === 'string') record[k] = name;
    }
  }
  return JSON.stringify(parsed);
}

/** Environment for the real CLI: nothing of the caller's Bacalhau config, a throw-away HOME. */
function cliEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(BACALHAU_|AWS_|OTEL_)/i.test(key)) continue;
    env[key] = value;
  }
  return { ...env, HOME: home, BACALHAU_DIR: join(home, '.bacalhau'), AWS_EC2_METADATA_DISABLED: 'true' };
}

function runCli(bin: string, file: string, home: string): Promise<CliRun> {
  const args = ['job', 'validate', '-c', 'DisableAnalytics=true', '-c', 'UpdateConfig.Interval=0s', file];
  return new Promise((resolve) => {
    execFile(bin, args, { env: cliEnv(home), timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
      resolve({ code, output: stripAnsi(`${stdout}\n${stderr}`) });
    });
  });
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i] as T);
      }
    }),
  );
  return results;
}

function verdictOf(id: string): OracleVerdict {
  const v = verdicts.get(id);
  if (v === undefined) throw new Error(`no oracle verdict for ${id}`);
  return v;
}

beforeAll(async () => {
  const started = Date.now();
  await ensureOracle({ log });
  workDir = await mkdtemp(join(tmpdir(), 'bacalhau-oracle-e2e-'));
  node = await startNode({ compute: false });

  const unique = `oracle-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
  const files = (await readdir(CONFORMANCE_DIR, { withFileTypes: true }))
    .filter((d) => d.isFile() && !NOT_SPECS.has(d.name))
    .map((d) => d.name)
    .sort();
  const conformance = await Promise.all(
    files.map(async (file): Promise<Case> => {
      const path = join(CONFORMANCE_DIR, file);
      const text = await readFile(path, 'utf8');
      return { id: file, path, text, body: isEnvelope(file) ? text : undefined, rename: true };
    }),
  );
  const extras = await Promise.all(
    extraCases(unique).map(async ({ name, text }): Promise<Case> => {
      const path = join(workDir, name);
      await writeFile(path, text);
      return { id: `extra:${name}`, path, text, rename: false };
    }),
  );
  cases = [...conformance, ...extras];
  const judged = await runOracle(cases.map((c): OracleSpec => ({ id: c.id, text: c.text, body: c.body, echoBody: true })));
  verdicts = new Map(judged.map((v) => [v.id, v]));
  log(`${conformance.length} conformance files + ${extras.length} extra cases, oracle and node ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}, 300_000);

afterAll(async () => {
  if (cliResults.size > 0 || serverResults.size > 0) log(`verdicts:\n${table()}`);
  await node?.cleanup();
  if (workDir !== '') await rm(workDir, { recursive: true, force: true });
});

/** Markdown table of the verdicts, for the log. */
function table(): string {
  const yn = (b: boolean): string => (b ? 'ok' : 'rejected');
  const lines = ['| file | CLI real / oracle | server real / oracle | agree |', '|---|---|---|---|'];
  for (const c of cases) {
    const v = verdictOf(c.id);
    const cli = cliResults.get(c.id);
    const server = serverResults.get(c.id);
    let agree = cli !== undefined && (cli.code === 0) === v.cli.ok;
    const cliText = `${cli === undefined ? '?' : yn(cli.code === 0)} / ${yn(v.cli.ok)}`;
    let serverText: string;
    if (v.server.stage === 'convert') {
      serverText = 'no request (YAML→JSON fails) / convert';
    } else if (server === undefined) {
      serverText = `? / ${v.server.status}`;
      agree = false;
    } else {
      const real = server.real.status;
      const oracle = server.oracle;
      serverText = `${real} / ${oracle.status}${oracle.ok ? '' : ` at ${oracle.stage}`}`;
      agree &&= real === oracle.status;
    }
    lines.push(`| ${c.id} | ${cliText} | ${serverText} | ${agree ? 'yes' : 'NO'} |`);
  }
  return lines.join('\n');
}

describe('the oracle agrees with Bacalhau v1.9.3', () => {
  it('stage 1: `bacalhau job validate FILE` exits 0 exactly when the oracle says cli.ok', async () => {
    const bin = inject('bacalhauBin');
    const home = join(workDir, 'home');
    const runs = await mapLimit(cases, 4, (c) => runCli(bin, c.path, home));
    const disagreements: string[] = [];
    const unseenErrors: string[] = [];
    cases.forEach((c, i) => {
      const run = runs[i] as CliRun;
      const v = verdictOf(c.id);
      const real = run.code === 0;
      const errorSeen = v.cli.ok ? undefined : run.output.includes(v.cli.error);
      cliResults.set(c.id, run);
      if (real !== v.cli.ok) disagreements.push(`${c.id}: real exit ${run.code}, oracle ${JSON.stringify(v.cli)}\n${run.output.trim()}`);
      if (errorSeen === false) unseenErrors.push(`${c.id}: oracle error ${JSON.stringify(v.cli.error)} not in the CLI output:\n${run.output.trim()}`);
      // A crash of the real CLI (exit 2, Go panic) is what the oracle reports as "panic: …".
      if (run.code === 2) expect(v.cli.error, c.id).toMatch(/^panic: /);
    });
    expect(disagreements, disagreements.join('\n\n')).toEqual([]);
    expect(unseenErrors, unseenErrors.join('\n\n')).toEqual([]);
  });

  it('stage 2: PUT /api/v1/orchestrator/jobs on a real orchestrator answers as the oracle says', async () => {
    const url = `${(node as BacalhauNode).url}/api/v1/orchestrator/jobs`;
    const submitted = cases.filter((c) => verdictOf(c.id).server.stage !== 'convert');
    const unique = `oracle-${Date.now().toString(36)}`;
    const bodies = submitted.map((c, i) => {
      const body = verdictOf(c.id).server.body;
      if (body === undefined) throw new Error(`oracle did not echo the body of ${c.id}`);
      return c.rename ? renameJob(body, `${unique}-${i}`) : body;
    });
    // The oracle on exactly the bodies sent to the real node.
    const renamed = await runOracle(submitted.map((c, i): OracleSpec => ({ id: c.id, text: c.text, body: bodies[i] })));

    const problems: string[] = [];
    for (const [i, c] of submitted.entries()) {
      const res = await fetch(url, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: bodies[i] as string,
      });
      const answer = (await res.json()) as { Message?: string; Warnings?: string[] | null };
      const real: RealAnswer = { status: res.status, message: answer.Message ?? '', warnings: answer.Warnings ?? [] };
      const oracle = (renamed[i] as OracleVerdict).server;
      const original = verdictOf(c.id).server;
      const renamedSame = original.ok === oracle.ok && original.status === oracle.status && original.stage === oracle.stage;
      serverResults.set(c.id, { oracle, real });

      const ok = res.status >= 200 && res.status < 300;
      if (ok !== oracle.ok || res.status !== oracle.status) {
        problems.push(`${c.id}: real ${res.status} ${JSON.stringify(real.message)}, oracle ${oracle.status} at ${JSON.stringify(oracle.stage)}: ${oracle.error} (${oracle.detail})`);
      } else if (!ok && oracle.error !== real.message) {
        // The oracle's error is the server's Message exactly (its `detail` has what a 500 hides).
        problems.push(`${c.id}: real message ${JSON.stringify(real.message)}, oracle's ${JSON.stringify(oracle.error)}`);
      } else if (ok && JSON.stringify([...real.warnings].sort()) !== JSON.stringify([...oracle.warnings].sort())) {
        // Sorted: the reserved-Meta-key warnings come in Go map order, which varies run to run.
        problems.push(`${c.id}: real warnings ${JSON.stringify(real.warnings)}, oracle ${JSON.stringify(oracle.warnings)}`);
      }
      if (!renamedSame) problems.push(`${c.id}: renaming the job changed the oracle's verdict: ${JSON.stringify(original)} → ${JSON.stringify(oracle)}`);
    }
    expect(problems, problems.join('\n')).toEqual([]);
    // Every conformance file except the YAML→JSON failures was submitted.
    expect(submitted.filter((c) => !c.id.startsWith('extra:')).length).toBeGreaterThanOrEqual(40);
  });

  it('stage 2, YAML→JSON failures: no request can be built, and the real CLI fails the same way', () => {
    const failed = cases.filter((c) => verdictOf(c.id).server.stage === 'convert');
    expect(failed.map((c) => c.id)).toEqual(
      expect.arrayContaining(['docs-run-3.yaml', 'docs-run-4.yaml', 'docs-type-2.yaml', 'docs-type-3.yaml']),
    );
    for (const c of failed) {
      const v = verdictOf(c.id);
      expect(v.server, c.id).toMatchObject({ ok: false, status: 0 });
      expect(v.server.error, c.id).toMatch(/^converting yaml to json: /);
      // The CLI converts with the same function and fails first; stage 1 checked it against the binary.
      expect(v.cli.error, c.id).toMatch(/^converting yaml to json: /);
    }
  });

  it('judges 10,000 specs in well under a minute', async () => {
    const specs: OracleSpec[] = Array.from({ length: 10_000 }, (_, i) => {
      const c = cases[i % cases.length] as Case;
      return { id: `${i}:${c.id}`, text: c.text, body: c.body };
    });
    const started = performance.now();
    const out = await runOracle(specs);
    const seconds = (performance.now() - started) / 1000;
    log(`10,000 specs (the cases above, repeated; ${(specs.reduce((n, s) => n + s.text.length, 0) / 1e6).toFixed(1)} MB) in ${seconds.toFixed(2)} s: ${Math.round(10_000 / seconds)} specs/s`);
    expect(out).toHaveLength(10_000);
    for (const [i, v] of out.entries()) {
      const first = verdictOf((cases[i % cases.length] as Case).id);
      if (v.cli.ok !== first.cli.ok || v.server.status !== first.server.status) {
        throw new Error(`verdict ${i} (${v.id}) differs from the first run: ${JSON.stringify(v)} vs ${JSON.stringify(first)}`);
      }
    }
    expect(seconds).toBeLessThan(30);
  });
});
