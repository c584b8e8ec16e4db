#!/usr/bin/env node
// @ts-check
/**
 * The Bacalhau oracle for differential tests: a Go program (`test/differential/oracle`) that
 * links github.com/bacalhau-project/bacalhau@v1.9.3 and gives Bacalhau's own verdict on job
 * specs, both what `bacalhau job validate FILE` says and what `PUT /api/v1/orchestrator/jobs`
 * answers on an orchestrator with the default config. See the comment at the top of
 * `test/differential/oracle/main.go` for the exact pipeline and the line protocol.
 *
 * Plain ESM JavaScript, Node built-ins only. Types: `scripts/oracle.d.mts`.
 *
 *     import { ensureOracle, runOracle } from '../../scripts/oracle.mjs';
 *     const verdicts = await runOracle([{ id: 'a', text: 'Type: batch\n' }]);
 *
 * Command line:
 *
 *     node scripts/oracle.mjs build
 *     node scripts/oracle.mjs check FILE...
 */

import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

import { BACALHAU_VERSION, acquireLock, cacheDir, isMainModule, tempNameFor } from './bacalhau.mjs';

const SCRIPT_DIR = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(SCRIPT_DIR, '..');
/** Folder of the oracle's Go module. */
export const ORACLE_SOURCE_DIR = path.join(REPO_ROOT, 'test', 'differential', 'oracle');

/** Files whose modification makes the cached binary stale. */
const SOURCE_FILES = ['main.go', 'go.mod', 'go.sum'];

/**
 * `<cacheDir()>/oracle-v1.9.3`.
 * @returns {string}
 */
export function oraclePath() {
  return path.join(cacheDir(), `oracle-${BACALHAU_VERSION}`);
}


/** @param {string} file */
function mtimeMs(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

/** Whether the binary exists and is at least as new as every source file. */
function upToDate() {
  const out = mtimeMs(oraclePath());
  if (out < 0) return false;
  return SOURCE_FILES.every((f) => mtimeMs(path.join(ORACLE_SOURCE_DIR, f)) <= out);
}

/**
 * Returns the path of the oracle binary, building it first (`GOWORK=off go build`) when it is
 * missing or older than `main.go`, `go.mod` or `go.sum`. The build writes a temporary file that
 * is renamed into place, under a lock file, so concurrent callers and interrupted builds never
 * see a partial binary.
 *
 * @param {{ log?: ((message: string) => void) | undefined }} [options]
 * @returns {Promise<string>}
 */
export async function ensureOracle(options = {}) {
  const log = options.log ?? ((m) => console.error(m));
  const out = oraclePath();
  if (upToDate()) return out;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const release = await acquireLock(`${out}.lock`, upToDate, 30 * 60_000);
  if (release === null) return out;
  const tmp = tempNameFor(out);
  try {
    if (upToDate()) return out;
    const started = Date.now();
    log(`oracle: building ${out} from ${ORACLE_SOURCE_DIR}…`);
    await new Promise((resolve, reject) => {
      execFile(
        'go',
        ['build', '-o', tmp, '.'],
        { cwd: ORACLE_SOURCE_DIR, env: { ...process.env, GOWORK: 'off' }, maxBuffer: 64 * 1024 * 1024 },
        (err, _stdout, stderr) => {
          if (err) {
            const hint = /** @type {NodeJS.ErrnoException} */ (err).code === 'ENOENT' ? ' (is "go" on PATH?)' : '';
            reject(new Error(`go build of the oracle failed${hint}: ${err.message}\n${String(stderr).trim()}`));
          } else {
            resolve(undefined);
          }
        },
      );
    });
    fs.renameSync(tmp, out);
    log(`oracle: built in ${((Date.now() - started) / 1000).toFixed(1)}s`);
    return out;
  } finally {
    fs.rmSync(tmp, { force: true });
    release();
  }
}

/**
 * @typedef {import('./oracle.d.mts').OracleSpec} OracleSpec
 * @typedef {import('./oracle.d.mts').OracleVerdict} OracleVerdict
 * @typedef {import('./oracle.d.mts').RunOracleOptions} RunOracleOptions
 */

/**
 * Judges specs with one oracle process: writes one JSON line per spec to its stdin (respecting
 * back-pressure) while reading its verdicts line by line. Resolves with one verdict per spec, in
 * order; rejects if the process fails or a verdict does not match its spec's id.
 *
 * @param {readonly OracleSpec[]} specs
 * @param {RunOracleOptions} [options]
 * @returns {Promise<OracleVerdict[]>}
 */
export async function runOracle(specs, options = {}) {
  const bin = options.binary ?? (await ensureOracle({ log: options.log }));
  if (specs.length === 0) return [];
  const child = spawn(bin, [], { stdio: ['pipe', 'pipe', 'pipe'] });
  /** @type {OracleVerdict[]} */
  const verdicts = [];
  let stderr = '';
  let pending = '';
  /** @type {Error | undefined} */
  let failure;

  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-20_000);
  });
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (/** @type {string} */ chunk) => {
    pending += chunk;
    let nl;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      if (line.trim() === '' || failure !== undefined) continue;
      const index = verdicts.length;
      const spec = specs[index];
      let verdict;
      try {
        verdict = /** @type {OracleVerdict} */ (JSON.parse(line));
      } catch (err) {
        failure = new Error(`oracle: unreadable output line ${index + 1}: ${line.slice(0, 200)}`);
        continue;
      }
      if (spec === undefined || verdict.id !== spec.id) {
        failure = new Error(
          `oracle: verdict ${index + 1} is for id ${JSON.stringify(verdict.id)}, expected ${JSON.stringify(spec?.id)}` +
            (verdict.error !== undefined ? ` (${verdict.error})` : ''),
        );
        continue;
      }
      verdicts.push(verdict);
    }
  });

  const exited = new Promise((resolve) => {
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  const spawnError = new Promise((_, reject) => child.once('error', reject));
  spawnError.catch(() => {});

  // Feed the specs; stop early if the process goes away (EPIPE).
  const stdinClosed = new Promise((resolve) => {
    child.stdin.on('error', resolve); // EPIPE when the process died; reported via its exit below
    child.stdin.once('close', resolve);
  });
  const writeAll = async () => {
    for (const spec of specs) {
      /** @type {Record<string, unknown>} */
      const line = { id: spec.id, text: spec.text };
      if (spec.body !== undefined) line['body'] = spec.body;
      if (spec.echoBody === true) line['echoBody'] = true;
      if (!child.stdin.write(`${JSON.stringify(line)}\n`)) {
        const drained = await Promise.race([
          new Promise((resolve) => child.stdin.once('drain', () => resolve(true))),
          stdinClosed.then(() => false),
        ]);
        if (!drained) return;
      }
    }
    child.stdin.end();
  };
  await Promise.race([writeAll(), spawnError]);
  const { code, signal } = /** @type {{ code: number | null, signal: string | null }} */ (
    await Promise.race([exited, spawnError])
  );
  if (failure !== undefined) throw failure;
  if (code !== 0 || verdicts.length !== specs.length) {
    throw new Error(
      `oracle exited (code ${code}, signal ${signal}) after ${verdicts.length} of ${specs.length} verdicts\n${stderr.trim()}`,
    );
  }
  return verdicts;
}

// ---------------------------------------------------------------------------------------------
// Command line

async function main() {
  const [command, ...files] = process.argv.slice(2);
  if (command === 'build') {
    console.log(await ensureOracle());
    return;
  }
  if (command === 'check' && files.length > 0) {
    const specs = files.map((file) => ({ id: file, text: fs.readFileSync(file, 'utf8') }));
    for (const v of await runOracle(specs)) {
      const s = v.server;
      console.log(
        `${v.id}: cli ${v.cli.ok ? 'ok' : `REJECTED (${v.cli.error})`}; ` +
          `server ${s.ok ? 'ok' : `REJECTED ${s.status} at ${s.stage} (${s.error})`}` +
          (s.warnings.length > 0 ? `; warnings: ${s.warnings.join('; ')}` : ''),
      );
    }
    return;
  }
  console.error('usage: node scripts/oracle.mjs build | check FILE...');
  process.exitCode = 2;
}

if (isMainModule(import.meta.url)) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
