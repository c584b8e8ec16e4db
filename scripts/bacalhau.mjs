#!/usr/bin/env node
// @ts-check
/**
 * Real Bacalhau v1.9.3 nodes on loopback, for end-to-end tests.
 *
 * Plain ESM JavaScript, Node built-ins only. Types: `scripts/bacalhau.d.mts`.
 *
 * Library use (from tests):
 *
 *     import { ensureBinary, buildWasmModules, startNode } from '../../scripts/bacalhau.mjs';
 *     await ensureBinary();
 *     const wasm = await buildWasmModules();          // { hello: '/…/wasm/hello.wasm', … }
 *     const node = await startNode();                 // orchestrator + compute in one process
 *     // … PUT `${node.url}/api/v1/orchestrator/jobs` …
 *     await node.cleanup();
 *
 * Command line:
 *
 *     node scripts/bacalhau.mjs build                 # build the binary (if missing) and the wasm modules
 *     node scripts/bacalhau.mjs start [--cluster N] [--api-key KEY]
 *
 * Every socket the node opens is on 127.0.0.1, except one that Bacalhau hard-codes: the
 * local publisher's HTTP server always listens on all interfaces (0.0.0.0:<publisherPort>),
 * see `pkg/publisher/local/server.go`. Its URLs still point at 127.0.0.1.
 */

import { execFile, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bacalhau release these helpers build and run. */
export const BACALHAU_VERSION = 'v1.9.3';
/** Go module path of Bacalhau. */
export const BACALHAU_MODULE = 'github.com/bacalhau-project/bacalhau';

const SCRIPT_DIR = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(SCRIPT_DIR, '..');
/** Folder holding one `<name>/main.go` per WASI test module. */
export const WASM_SOURCE_DIR = path.join(REPO_ROOT, 'test', 'e2e', 'wasm');

const DEFAULT_READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;

// ---------------------------------------------------------------------------------------------
// Paths

/**
 * The cache folder shared by the binary and the wasm modules:
 * `${XDG_CACHE_HOME:-$HOME/.cache}/bacalhau-jobs`.
 * @returns {string}
 */
export function cacheDir() {
  const xdg = process.env['XDG_CACHE_HOME'];
  const base = xdg !== undefined && xdg !== '' ? xdg : path.join(os.homedir(), '.cache');
  return path.join(base, 'bacalhau-jobs');
}

/**
 * Where the Bacalhau binary lives: `$BACALHAU_BIN`, or `<cacheDir()>/bacalhau-v1.9.3`.
 * @returns {string}
 */
export function binaryPath() {
  const fromEnv = process.env['BACALHAU_BIN'];
  if (fromEnv !== undefined && fromEnv !== '') return path.resolve(fromEnv);
  return path.join(cacheDir(), `bacalhau-${BACALHAU_VERSION}`);
}

/**
 * Where `buildWasmModules()` writes the modules: `<cacheDir()>/wasm`.
 * @returns {string}
 */
export function wasmDir() {
  return path.join(cacheDir(), 'wasm');
}

// ---------------------------------------------------------------------------------------------
// Small helpers

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** @param {string} file */
function isFile(file) {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** @param {number} pid */
function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return /** @type {NodeJS.ErrnoException} */ (err).code === 'EPERM';
  }
}

/**
 * Runs a command and resolves with its stdout. Rejects with stderr's tail on failure.
 * @param {string} cmd
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv }} [opts]
 * @returns {Promise<string>}
 */
function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { ...opts, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) {
        const code = /** @type {NodeJS.ErrnoException} */ (err).code;
        const hint = code === 'ENOENT' ? ` (is "${cmd}" installed and on PATH?)` : '';
        const tail = String(stderr).trim().split('\n').slice(-40).join('\n');
        reject(new Error(`${cmd} ${args.join(' ')} failed${hint}: ${err.message}\n${tail}`));
      } else {
        resolve(String(stdout));
      }
    });
  });
}

/** @param {number} ms */
function seconds(ms) {
  return `${(ms / 1000).toFixed(1)}s`;
}

/**
 * Takes an exclusive lock file (holding our pid). Waits while a live process holds it and
 * removes it when its holder is dead. Returns a release function.
 * @param {string} lockFile
 * @param {() => boolean} [doneEarly] stop waiting (and return null) when this becomes true
 * @param {number} [timeoutMs]
 * @returns {Promise<(() => void) | null>}
 */
export async function acquireLock(lockFile, doneEarly = () => false, timeoutMs = 60 * 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = fs.openSync(lockFile, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return () => fs.rmSync(lockFile, { force: true });
    } catch (err) {
      if (/** @type {NodeJS.ErrnoException} */ (err).code !== 'EEXIST') throw err;
    }
    const holder = Number.parseInt(fs.readFileSync(lockFile, 'utf8') || '0', 10);
    if (!(holder > 0 && pidAlive(holder))) {
      fs.rmSync(lockFile, { force: true });
      continue;
    }
    if (doneEarly()) return null;
    if (Date.now() > deadline) throw new Error(`timed out waiting for lock ${lockFile} (pid ${holder})`);
    await sleep(500);
  }
}

/** Removes `<file>.tmp-<pid>-*` leftovers of builds whose process is gone. @param {string} file */
function removeStaleTemps(file) {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.tmp-`;
  let names = [];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number.parseInt(name.slice(prefix.length), 10);
    if (!(pid > 0 && pidAlive(pid))) fs.rmSync(path.join(dir, name), { force: true });
  }
}

/** A unique temporary name beside `file`, for a build renamed into place. @param {string} file */
export function tempNameFor(file) {
  return `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
}

// ---------------------------------------------------------------------------------------------
// Building

/**
 * Returns the path of the Bacalhau binary, building it first if the file is missing.
 *
 * Build recipe: `go mod download -json github.com/bacalhau-project/bacalhau@v1.9.3` gives the
 * module's `Dir`; there `GOWORK=off go build -ldflags "-X …/pkg/version.GITVERSION=v1.9.3" -o <tmp> .`
 * (`GOWORK=off` because the module's go.work lists modules that are not shipped; the ldflag is
 * what the release Makefile sets, so the node reports v1.9.3 instead of v0.0.0-xxxxxxx).
 * The output goes to a temporary name and is renamed into place, so an interrupted build never
 * leaves a partial binary. A lock file serializes concurrent callers.
 *
 * @param {{ log?: (message: string) => void }} [options]
 * @returns {Promise<string>}
 */
export async function ensureBinary(options = {}) {
  const log = options.log ?? ((m) => console.error(m));
  const out = binaryPath();
  if (isFile(out)) return out;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const release = await acquireLock(`${out}.lock`, () => isFile(out));
  if (release === null || isFile(out)) {
    release?.();
    return out;
  }
  const tmp = tempNameFor(out);
  try {
    removeStaleTemps(out);
    const env = { ...process.env, GOWORK: 'off' };
    const started = Date.now();
    log(`bacalhau: downloading ${BACALHAU_MODULE}@${BACALHAU_VERSION} source…`);
    const info = JSON.parse(
      await run('go', ['mod', 'download', '-json', `${BACALHAU_MODULE}@${BACALHAU_VERSION}`], {
        cwd: os.tmpdir(),
        env,
      }),
    );
    if (info.Error) throw new Error(`go mod download: ${info.Error}`);
    const moduleDir = /** @type {string} */ (info.Dir);
    log(`bacalhau: building ${out} in ${moduleDir} (the first build takes minutes)…`);
    await run(
      'go',
      ['build', '-ldflags', `-X ${BACALHAU_MODULE}/pkg/version.GITVERSION=${BACALHAU_VERSION}`, '-o', tmp, '.'],
      { cwd: moduleDir, env },
    );
    fs.renameSync(tmp, out);
    log(`bacalhau: built ${out} in ${seconds(Date.now() - started)}`);
    return out;
  } finally {
    fs.rmSync(tmp, { force: true });
    release();
  }
}

/**
 * Builds every `test/e2e/wasm/<name>/main.go` with `GOOS=wasip1 GOARCH=wasm go build` into
 * `<cacheDir()>/wasm/<name>.wasm`. A module is rebuilt only when a `.go` file of its folder or
 * the folder's `go.mod` is newer than the output.
 *
 * @param {{ log?: (message: string) => void }} [options]
 * @returns {Promise<Record<string, string>>} module name → absolute path of the `.wasm` file
 */
export async function buildWasmModules(options = {}) {
  const log = options.log ?? ((m) => console.error(m));
  const outDir = wasmDir();
  fs.mkdirSync(outDir, { recursive: true });
  const goMod = path.join(WASM_SOURCE_DIR, 'go.mod');
  const goModTime = fs.existsSync(goMod) ? fs.statSync(goMod).mtimeMs : 0;
  /** @type {Record<string, string>} */
  const result = {};
  const names = fs
    .readdirSync(WASM_SOURCE_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(WASM_SOURCE_DIR, d.name, 'main.go')))
    .map((d) => d.name)
    .sort();
  for (const name of names) {
    const srcDir = path.join(WASM_SOURCE_DIR, name);
    const out = path.join(outDir, `${name}.wasm`);
    const newestSource = Math.max(
      goModTime,
      ...fs
        .readdirSync(srcDir)
        .filter((f) => f.endsWith('.go'))
        .map((f) => fs.statSync(path.join(srcDir, f)).mtimeMs),
    );
    const upToDate = isFile(out) && fs.statSync(out).mtimeMs >= newestSource;
    if (!upToDate) {
      removeStaleTemps(out);
      const tmp = tempNameFor(out);
      const started = Date.now();
      try {
        await run('go', ['build', '-trimpath', '-o', tmp, `./${name}`], {
          cwd: WASM_SOURCE_DIR,
          env: { ...process.env, GOOS: 'wasip1', GOARCH: 'wasm', GOWORK: 'off' },
        });
        fs.renameSync(tmp, out);
      } finally {
        fs.rmSync(tmp, { force: true });
      }
      log(`wasm: built ${out} in ${seconds(Date.now() - started)}`);
    }
    result[name] = out;
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Ports and sockets

/** Ports handed out by this process, never handed out twice. @type {Set<number>} */
const handedOutPorts = new Set();

/**
 * A TCP port that is free on 127.0.0.1 right now (bind port 0, read it, close).
 * @returns {Promise<number>}
 */
export async function freePort() {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await new Promise((resolve, reject) => {
      const srv = net.createServer();
      srv.unref();
      srv.once('error', reject);
      srv.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
        const addr = srv.address();
        const p = typeof addr === 'object' && addr !== null ? addr.port : 0;
        srv.close(() => resolve(p));
      });
    });
    if (port > 0 && !handedOutPorts.has(port)) {
      handedOutPorts.add(port);
      return port;
    }
  }
  throw new Error('could not find a free port on 127.0.0.1');
}

/**
 * Whether an address (as printed by `ss`, with or without `:port`) is loopback:
 * 127.0.0.0/8, ::1 or ::ffff:127.x.y.z. Wildcards (`*`, 0.0.0.0, ::) are not loopback.
 * @param {string} address
 * @returns {boolean}
 */
export function isLoopbackAddress(address) {
  let host = address.trim();
  const bracket = /^\[([^\]]*)\](?::[^:]*)?$/.exec(host);
  if (bracket) host = /** @type {string} */ (bracket[1]);
  else if (/^[^:]*:[^:]*$/.test(host)) host = host.slice(0, host.lastIndexOf(':'));
  host = host.replace(/%.*$/, '').toLowerCase();
  if (host.startsWith('::ffff:')) host = host.slice(7);
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return true;
  return host === '::1' || host === '0:0:0:0:0:0:0:1';
}

/**
 * @param {number} pid
 * @param {boolean} listening
 * @returns {import('./bacalhau.d.mts').SocketInfo[]}
 */
function socketsOf(pid, listening) {
  const out = execFileSync('ss', [listening ? '-Htlnp' : '-Htnp'], { encoding: 'utf8' });
  const needle = new RegExp(`[,(]pid=${pid},`);
  /** @type {import('./bacalhau.d.mts').SocketInfo[]} */
  const found = [];
  for (const line of out.split('\n')) {
    if (!needle.test(line)) continue;
    const cols = line.trim().split(/\s+/);
    const [state = '', , , local = '', peer = ''] = cols;
    found.push({ state, local, peer, line: line.trim() });
  }
  return found;
}

/**
 * TCP connections (not listeners) of process `pid` whose local or peer address is not
 * loopback, parsed from `ss -tnp`. Empty when the process only talks over loopback.
 * @param {number} pid
 * @returns {import('./bacalhau.d.mts').SocketInfo[]}
 */
export function nonLoopbackConnections(pid) {
  return socketsOf(pid, false).filter((s) => !isLoopbackAddress(s.local) || !isLoopbackAddress(s.peer));
}

/**
 * Listening TCP sockets of process `pid` bound to a non-loopback or wildcard address
 * (from `ss -tlnp`). For a Bacalhau compute node this is the local publisher's port.
 * @param {number} pid
 * @returns {import('./bacalhau.d.mts').SocketInfo[]}
 */
export function nonLoopbackListeners(pid) {
  return socketsOf(pid, true).filter((s) => !isLoopbackAddress(s.local));
}

// ---------------------------------------------------------------------------------------------
// Nodes

/** Work dirs made by startNode in this process. @type {Set<string>} */
const createdWorkDirs = new Set();

/** Children still running, killed if this Node process exits. @type {Set<import('node:child_process').ChildProcess>} */
const liveChildren = new Set();
let exitHookInstalled = false;
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of liveChildren) {
      try {
        child.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
  });
}

/**
 * Environment for a node: the caller's, minus everything that could change Bacalhau's config
 * or make it reach off the machine (BACALHAU_*, LOG_LEVEL, AWS_*, OTEL_*, proxies), plus
 * AWS_EC2_METADATA_DISABLED=true (otherwise the AWS SDK probes 169.254.169.254 at startup),
 * plus `extra`.
 * @param {Record<string, string | undefined> | undefined} extra
 * @returns {NodeJS.ProcessEnv}
 */
function nodeEnv(extra) {
  /** @type {NodeJS.ProcessEnv} */
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(BACALHAU_|AWS_|OTEL_)/i.test(key)) continue;
    if (/^(LOG_LEVEL|HTTP_PROXY|HTTPS_PROXY|ALL_PROXY|NO_PROXY)$/i.test(key)) continue;
    env[key] = value;
  }
  env['AWS_EC2_METADATA_DISABLED'] = 'true';
  for (const [key, value] of Object.entries(extra ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/**
 * @param {string} file
 * @param {number} [lines]
 */
function tailFile(file, lines = 60) {
  try {
    // eslint-disable-next-line no-control-regex
    const text = fs.readFileSync(file, 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
    return text.split('\n').slice(-lines - 1).join('\n').trimEnd();
  } catch {
    return '(no log)';
  }
}

/**
 * @param {string} url
 * @param {Record<string, string>} headers
 */
async function getJson(url, headers) {
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(3_000) });
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

/**
 * @param {Record<string, string> | undefined} labels
 */
function checkLabels(labels) {
  for (const [k, v] of Object.entries(labels ?? {})) {
    if (typeof v !== 'string') throw new TypeError(`label ${k} must be a string`);
  }
}

/**
 * @typedef {import('./bacalhau.d.mts').StartNodeOptions} StartNodeOptions
 * @typedef {import('./bacalhau.d.mts').BacalhauNode} BacalhauNode
 * @typedef {import('./bacalhau.d.mts').ConfigValue} ConfigValue
 */

/**
 * Resolved, restartable settings of one node.
 * @typedef {{
 *   orchestrator: boolean, compute: boolean, orchestratorUrl: string | undefined,
 *   labels: Record<string, string>, apiKey: string | undefined, name: string | undefined,
 *   dataDir: string, ownDataDir: boolean, workDir: string, logFile: string, configFile: string,
 *   env: Record<string, string | undefined> | undefined, config: Record<string, ConfigValue>,
 *   allowListedLocalPaths: readonly string[], timeoutMs: number,
 *   apiPort: number, natsPort: number, publisherPort: number,
 * }} NodeSpec
 */

/** @param {ConfigValue} value */
function configValueString(value) {
  if (Array.isArray(value)) return value.join(',');
  return String(value);
}

/**
 * The `bacalhau serve` command line for a spec.
 * @param {NodeSpec} spec
 * @returns {string[]}
 */
function serveArgs(spec) {
  /** @type {Record<string, ConfigValue>} */
  const c = {
    // Roles. Without either, serve falls back to an orchestrator-only node.
    'Orchestrator.Enabled': spec.orchestrator,
    'Compute.Enabled': spec.compute,
    // No calls home: analytics off, update checks off (<= 0 disables the checker).
    DisableAnalytics: true,
    'UpdateConfig.Interval': '0s',
    // REST API on loopback.
    'API.Host': '127.0.0.1',
    'API.Port': spec.apiPort,
    // Embedded NATS server (orchestrator) on loopback; compute nodes dial it.
    'Orchestrator.Host': '127.0.0.1',
    'Orchestrator.Port': spec.natsPort,
    // Local publisher: URL host and port (the server itself binds 0.0.0.0, hard-coded).
    'Publishers.Types.Local.Address': '127.0.0.1',
    'Publishers.Types.Local.Port': spec.publisherPort,
    // No web UI server (it would listen on 0.0.0.0:8438).
    'WebUI.Enabled': false,
  };
  if (spec.compute) {
    c['Compute.Orchestrators'] = spec.orchestratorUrl ?? `nats://127.0.0.1:${spec.natsPort}`;
    if (spec.allowListedLocalPaths.length > 0) c['Compute.AllowListedLocalPaths'] = [...spec.allowListedLocalPaths];
  }
  Object.assign(c, spec.config);
  const args = ['serve', '--data-dir', spec.dataDir, '-c', spec.configFile];
  if (spec.name !== undefined) args.push('--name', spec.name);
  for (const [key, value] of Object.entries(c)) args.push('-c', `${key}=${configValueString(value)}`);
  return args;
}

/**
 * Writes the YAML config file (JSON is valid YAML) holding what `-c key=value` cannot express
 * safely: node Labels and API users.
 * @param {NodeSpec} spec
 */
function writeConfigFile(spec) {
  /** @type {Record<string, unknown>} */
  const doc = {};
  if (Object.keys(spec.labels).length > 0) doc['Labels'] = spec.labels;
  if (spec.apiKey !== undefined) {
    doc['API'] = {
      Auth: { Users: [{ Alias: 'e2e', APIKey: spec.apiKey, Capabilities: [{ Actions: ['*'] }] }] },
    };
  }
  fs.writeFileSync(spec.configFile, `${JSON.stringify(doc, null, 2)}\n`);
}

/**
 * Starts `bacalhau serve` for a spec and waits until it is ready.
 * @param {NodeSpec} spec
 * @returns {Promise<BacalhauNode>}
 */
async function launch(spec) {
  const bin = binaryPath();
  if (!isFile(bin)) throw new Error(`Bacalhau binary not found at ${bin}: run ensureBinary() first`);
  writeConfigFile(spec);
  const args = serveArgs(spec);
  fs.appendFileSync(spec.logFile, `=== ${new Date().toISOString()} ${bin} ${args.join(' ')}\n`);
  const logFd = fs.openSync(spec.logFile, 'a');
  const started = Date.now();
  let child;
  try {
    child = spawn(bin, args, { cwd: spec.workDir, env: nodeEnv(spec.env), stdio: ['ignore', logFd, logFd] });
  } finally {
    fs.closeSync(logFd);
  }
  installExitHook();
  liveChildren.add(child);
  /** @type {Promise<void>} */
  const exited = new Promise((resolve) => {
    child.once('exit', () => {
      liveChildren.delete(child);
      resolve();
    });
  });
  const spawnError = new Promise((_, reject) => child.once('error', reject));
  spawnError.catch(() => {});

  const url = `http://127.0.0.1:${spec.apiPort}`;
  /** @type {Record<string, string>} */
  const headers = spec.apiKey !== undefined ? { Authorization: `Bearer ${spec.apiKey}` } : {};
  const isRunning = () => child.exitCode === null && child.signalCode === null;

  /**
   * @param {NodeJS.Signals} signal
   * @param {number | undefined} graceMs SIGKILL after this long; undefined: just wait
   * @returns {Promise<void>}
   */
  const signalAndWait = async (signal, graceMs) => {
    if (!isRunning()) return;
    child.kill(signal);
    if (graceMs === undefined) return exited;
    /** @type {NodeJS.Timeout | undefined} */
    let timer;
    const timeout = new Promise((resolve) => {
      timer = setTimeout(() => resolve('timeout'), graceMs);
    });
    const outcome = await Promise.race([exited.then(() => 'exited'), timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout' && isRunning()) {
      child.kill('SIGKILL');
      await exited;
    }
  };

  let nodeId = '';
  try {
    const deadline = started + spec.timeoutMs;
    const waitFor = async (/** @type {string} */ what, /** @type {() => Promise<boolean>} */ check) => {
      const exitedError = () =>
        new Error(`bacalhau exited (code ${child.exitCode}, signal ${child.signalCode}) before ${what}`);
      for (;;) {
        if (!isRunning()) throw exitedError();
        try {
          if (await Promise.race([check(), spawnError])) return;
        } catch (err) {
          if (/** @type {NodeJS.ErrnoException} */ (err).code === 'ENOENT') throw err;
          if (!isRunning()) throw exitedError();
        }
        if (Date.now() > deadline) throw new Error(`timed out after ${seconds(spec.timeoutMs)} waiting for ${what}`);
        await sleep(100);
      }
    };
    await waitFor(`GET ${url}/api/v1/agent/alive`, async () => {
      const res = await fetch(`${url}/api/v1/agent/alive`, { signal: AbortSignal.timeout(2_000) });
      return res.ok;
    });
    await waitFor('GET /api/v1/agent/node', async () => {
      const info = await getJson(`${url}/api/v1/agent/node`, headers);
      nodeId = String(info.NodeID ?? '');
      return nodeId !== '';
    });
    if (spec.orchestrator && spec.compute) {
      // A hybrid node is usable once its own compute side has joined its orchestrator.
      await waitFor('the node to list itself as connected', async () => {
        const list = await getJson(`${url}/api/v1/orchestrator/nodes`, headers);
        return (list.Nodes ?? []).some(
          (/** @type {any} */ n) => n.Info?.NodeID === nodeId && n.Connection === 'CONNECTED',
        );
      });
    }
  } catch (err) {
    await signalAndWait('SIGKILL', undefined);
    const message = err instanceof Error ? err.message : String(err);
    const error = new Error(`bacalhau node failed to start: ${message}\n--- ${spec.logFile} (tail) ---\n${tailFile(spec.logFile)}`);
    /** @type {any} */ (error).logFile = spec.logFile;
    throw error;
  }
  const readyMs = Date.now() - started;

  /** @type {BacalhauNode} */
  const node = {
    url,
    apiPort: spec.apiPort,
    natsPort: spec.natsPort,
    publisherPort: spec.publisherPort,
    dataDir: spec.dataDir,
    logFile: spec.logFile,
    nodeId,
    apiKey: spec.apiKey,
    headers: { ...headers },
    orchestrator: spec.orchestrator,
    compute: spec.compute,
    labels: { ...spec.labels },
    pid: /** @type {number} */ (child.pid),
    process: child,
    readyMs,
    exited,
    isRunning,
    logTail: (lines) => tailFile(spec.logFile, lines),
    stop: () => signalAndWait('SIGTERM', STOP_GRACE_MS),
    kill: () => signalAndWait('SIGKILL', undefined),
    async restart() {
      await signalAndWait('SIGTERM', STOP_GRACE_MS);
      return launch(spec);
    },
    async cleanup() {
      await signalAndWait('SIGTERM', STOP_GRACE_MS);
      await fsp.rm(spec.dataDir, { recursive: true, force: true });
      await fsp.rm(spec.workDir, { recursive: true, force: true });
      // A data dir taken over from an earlier node sits in that node's work dir: remove it too.
      const parent = path.dirname(spec.dataDir);
      if (createdWorkDirs.has(parent)) await fsp.rm(parent, { recursive: true, force: true });
    },
  };
  return node;
}

/**
 * Starts one `bacalhau serve` process on loopback (by default orchestrator + compute) and
 * resolves once it is ready: `GET /api/v1/agent/alive` answers, and for a hybrid node its own
 * compute side shows as CONNECTED in `GET /api/v1/orchestrator/nodes`.
 *
 * @param {StartNodeOptions} [options]
 * @returns {Promise<BacalhauNode>}
 */
export async function startNode(options = {}) {
  const orchestrator = options.orchestrator ?? true;
  const compute = options.compute ?? true;
  if (!orchestrator && !compute) throw new Error('startNode: orchestrator and compute cannot both be false');
  if (!orchestrator && compute && options.orchestratorUrl === undefined) {
    throw new Error('startNode: a compute-only node needs orchestratorUrl (nats://127.0.0.1:<port>)');
  }
  if (options.apiKey !== undefined && options.apiKey.length < 20) {
    throw new Error('startNode: Bacalhau requires API keys of 20 to 255 characters');
  }
  checkLabels(options.labels);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bacalhau-e2e-'));
  createdWorkDirs.add(workDir);
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir !== undefined ? path.resolve(options.dataDir) : path.join(workDir, 'data');
  const natsFromUrl = options.orchestratorUrl !== undefined ? Number(new URL(options.orchestratorUrl).port) : 0;
  const portsFixed = options.apiPort !== undefined || options.natsPort !== undefined || options.publisherPort !== undefined;
  /** @type {NodeSpec} */
  const spec = {
    orchestrator,
    compute,
    orchestratorUrl: options.orchestratorUrl,
    labels: { ...(options.labels ?? {}) },
    apiKey: options.apiKey,
    name: options.name,
    dataDir,
    ownDataDir,
    workDir,
    logFile: options.logFile !== undefined ? path.resolve(options.logFile) : path.join(workDir, 'node.log'),
    configFile: path.join(workDir, 'config.yaml'),
    env: options.env,
    config: { ...(options.config ?? {}) },
    allowListedLocalPaths: options.allowListedLocalPaths ?? [`${wasmDir()}/**`],
    timeoutMs: options.timeoutMs ?? DEFAULT_READY_TIMEOUT_MS,
    apiPort: options.apiPort ?? (await freePort()),
    natsPort: orchestrator ? (options.natsPort ?? (await freePort())) : natsFromUrl,
    publisherPort: options.publisherPort ?? (await freePort()),
  };
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(spec);
    } catch (err) {
      // Another process may have taken a port between freePort() and bind: retry with new ports.
      const clash = /already in use/i.test(err instanceof Error ? err.message : '');
      if (clash && attempt < 3 && !portsFixed) {
        spec.apiPort = await freePort();
        if (orchestrator) spec.natsPort = await freePort();
        spec.publisherPort = await freePort();
        if (ownDataDir) await fsp.rm(dataDir, { recursive: true, force: true });
        continue;
      }
      // The error carries the log's tail; remove what this call created.
      if (ownDataDir) await fsp.rm(dataDir, { recursive: true, force: true });
      await fsp.rm(workDir, { recursive: true, force: true });
      throw err;
    }
  }
}

/**
 * One orchestrator-only node plus `computeNodes` compute-only nodes joined to it over NATS
 * on 127.0.0.1, each compute node with its own API port, publisher port and data dir.
 * Resolves once the orchestrator lists every compute node as CONNECTED.
 *
 * @param {import('./bacalhau.d.mts').StartClusterOptions} [options]
 * @returns {Promise<import('./bacalhau.d.mts').BacalhauCluster>}
 */
export async function startCluster(options = {}) {
  const count = options.computeNodes ?? 3;
  const timeoutMs = options.timeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
  /** @type {BacalhauNode[]} */
  const started = [];
  // Compute nodes first: a compute node whose orchestrator is gone ignores SIGTERM (it keeps
  // trying to reconnect) and would need the SIGKILL after the grace period.
  const stopAll = async () => {
    await Promise.all(started.filter((n) => !n.orchestrator).map((n) => n.cleanup()));
    await Promise.all(started.filter((n) => n.orchestrator).map((n) => n.cleanup()));
  };
  try {
    const orchestrator = await startNode({
      orchestrator: true,
      compute: false,
      apiKey: options.apiKey,
      env: options.env,
      config: options.orchestratorConfig,
      timeoutMs,
    });
    started.push(orchestrator);
    const orchestratorUrl = `nats://127.0.0.1:${orchestrator.natsPort}`;
    const computes = await Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const node = await startNode({
          orchestrator: false,
          compute: true,
          orchestratorUrl,
          labels: options.labels?.[i],
          apiKey: options.apiKey,
          env: options.env,
          config: options.computeConfig,
          allowListedLocalPaths: options.allowListedLocalPaths,
          timeoutMs,
        });
        started.push(node);
        return node;
      }),
    );
    const wanted = new Set(computes.map((n) => n.nodeId));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      /** @type {any} */
      let list = { Nodes: [] };
      try {
        list = await getJson(`${orchestrator.url}/api/v1/orchestrator/nodes`, orchestrator.headers);
      } catch {
        // retry
      }
      const connected = (list.Nodes ?? []).filter(
        (/** @type {any} */ n) => wanted.has(n.Info?.NodeID) && n.Connection === 'CONNECTED',
      ).length;
      if (connected === wanted.size) break;
      if (Date.now() > deadline) {
        throw new Error(
          `only ${connected} of ${wanted.size} compute nodes connected after ${seconds(timeoutMs)}\n` +
            `--- orchestrator log (tail) ---\n${orchestrator.logTail(40)}`,
        );
      }
      await sleep(200);
    }
    return { orchestrator, computes, url: orchestrator.url, headers: orchestrator.headers, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/**
 * `data:` URL of a file, for `inline` input sources. Bacalhau forwards the whole job over NATS,
 * whose messages are limited to 1 MiB, so an inline payload must stay well below that (Go-built
 * wasm modules, ≥ 1.9 MB, do not fit; use a `local` source for those).
 * @param {string} file
 * @param {string} [mediaType]
 * @returns {string}
 */
export function dataUrl(file, mediaType = 'application/octet-stream') {
  return `data:${mediaType};base64,${fs.readFileSync(file).toString('base64')}`;
}

// ---------------------------------------------------------------------------------------------
// Command line

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'build') {
    const bin = await ensureBinary();
    console.log(`binary: ${bin}`);
    const mods = await buildWasmModules();
    for (const [name, file] of Object.entries(mods)) console.log(`wasm ${name}: ${file}`);
    return;
  }
  if (command === 'start') {
    let cluster = 0;
    /** @type {string | undefined} */
    let apiKey;
    for (let i = 0; i < rest.length; i++) {
      const arg = rest[i];
      if (arg === '--cluster') cluster = Number(rest[++i] ?? '3');
      else if (arg?.startsWith('--cluster=')) cluster = Number(arg.slice('--cluster='.length));
      else if (arg === '--api-key') apiKey = rest[++i];
      else throw new Error(`unknown argument ${arg}`);
    }
    if (!Number.isInteger(cluster) || cluster < 0) throw new Error('--cluster takes a whole number');
    await ensureBinary();
    await buildWasmModules();
    /** @type {() => Promise<void>} */
    let stop;
    if (cluster > 0) {
      const c = await startCluster({ computeNodes: cluster, apiKey });
      stop = c.stop;
      console.log(`orchestrator ${c.url} (nats 127.0.0.1:${c.orchestrator.natsPort}, pid ${c.orchestrator.pid}, log ${c.orchestrator.logFile})`);
      for (const n of c.computes) console.log(`compute ${n.nodeId} ${n.url} (pid ${n.pid}, publisher :${n.publisherPort}, log ${n.logFile})`);
      console.log(c.url);
    } else {
      const n = await startNode({ apiKey });
      stop = n.cleanup;
      console.log(`node ${n.nodeId}: nats 127.0.0.1:${n.natsPort}, publisher :${n.publisherPort}, pid ${n.pid}, ready in ${seconds(n.readyMs)}`);
      console.log(`data ${n.dataDir}, log ${n.logFile}`);
      console.log(n.url);
    }
    console.log(`wasm modules in ${wasmDir()} (allow-listed for 'local' sources). Ctrl-C to stop.`);
    await new Promise((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    console.log('stopping…');
    await stop();
    return;
  }
  console.error('usage: node scripts/bacalhau.mjs build | start [--cluster N] [--api-key KEY]');
  process.exitCode = 2;
}

/**
 * Whether the module at `moduleUrl` is the script Node was started with (not imported).
 * @param {string} moduleUrl
 */
export function isMainModule(moduleUrl) {
  const argv1 = process.argv[1];
  if (argv1 === undefined) return false;
  try {
    return fs.realpathSync(argv1) === fs.realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}

if (isMainModule(import.meta.url)) {
  main().then(
    // Exit now rather than when idle keep-alive sockets time out.
    () => process.exit(process.exitCode ?? 0),
    (err) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
