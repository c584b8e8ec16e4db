/**
 * The client in a browser: the package's built entry (`dist/index.js`) bundled
 * for browsers with esbuild, served from a loopback page on one port, run in
 * headless Chromium against the real node on another port (cross-origin:
 * Bacalhau's API allows CORS from any origin).
 *
 * A page cannot hand the node a module file, so the main scenario is what a
 * web console would do: a WASI module passed as an `inline` source, a
 * `data:application/wasm;base64,…` URL. Go-built modules (~2 MB) do not fit
 * Bacalhau's 1 MiB NATS messages, so the module is made by hand below.
 *
 * Needs Chromium at /usr/bin/chromium (Debian: `apt-get install -y chromium`)
 * and `npm run build` first.
 */
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WASI } from 'node:wasi';
import { build, type BuildFailure, type Metafile, type Message } from 'esbuild';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type * as Sdk from '../../src/index.js';
import { nodeUrl, uniqueName, wasmPath } from './support.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const DIST_ENTRY = join(REPO, 'dist', 'index.js');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const MESSAGE = 'hello from the browser\n';

// ---------------------------------------------------------------------------------------------
// A handmade WASI module: writes MESSAGE to fd 1, then proc_exit(0).

/** Unsigned LEB128. */
function uleb(value: number): number[] {
  const out: number[] = [];
  let rest = value;
  do {
    let byte = rest & 0x7f;
    rest >>>= 7;
    if (rest !== 0) byte |= 0x80;
    out.push(byte);
  } while (rest !== 0);
  return out;
}

const utf8 = (text: string): number[] => [...new TextEncoder().encode(text)];
/** A wasm `name`: length-prefixed UTF-8. */
const wasmName = (text: string): number[] => [...uleb(utf8(text).length), ...utf8(text)];
/** A wasm vector of already-encoded items. */
const vector = (items: readonly (readonly number[])[]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, content: readonly number[]): number[] => [id, ...uleb(content.length), ...content];
/** `i32.const n` for 0 ≤ n < 64 (a one-byte signed LEB128). */
const i32Const = (n: number): number[] => {
  if (!Number.isInteger(n) || n < 0 || n >= 64) throw new Error(`i32Const: ${n} needs a longer encoding`);
  return [0x41, n];
};
const le32 = (n: number): number[] => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];

/**
 * A minimal WASI preview1 command module, ~250 bytes:
 *
 * ```wat
 * (module $hello-browser
 *   (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
 *   (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
 *   (memory (export "memory") 1)
 *   (data (i32.const 0) "<iovec: buf=16, len>")
 *   (data (i32.const 16) "<message>")
 *   (func $_start (export "_start")
 *     (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
 *     (call $proc_exit (i32.const 0))))
 * ```
 *
 * With a `name` custom section: Bacalhau's wasm executor refuses modules without
 * one ("failed to compile module …: Name section not found").
 */
function helloWasiModule(message: string): Uint8Array<ArrayBuffer> {
  const I32 = 0x7f;
  const FUNC = 0x60;
  const IOVEC = 0; // { buf: u32, len: u32 }
  const NWRITTEN = 8;
  const TEXT = 16;
  const text = utf8(message);
  const wasi = wasmName('wasi_snapshot_preview1');
  const body = [
    0x00, // no locals
    ...i32Const(1), // fd: stdout
    ...i32Const(IOVEC),
    ...i32Const(1), // one iovec
    ...i32Const(NWRITTEN),
    0x10, 0x00, // call $fd_write
    0x1a, // drop the errno
    ...i32Const(0),
    0x10, 0x01, // call $proc_exit
    0x0b, // end
  ];
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // \0asm, version 1
    // type: 0 (i32 i32 i32 i32) -> i32, 1 (i32) -> (), 2 () -> ()
    ...section(1, vector([
      [FUNC, ...vector([[I32], [I32], [I32], [I32]]), ...vector([[I32]])],
      [FUNC, ...vector([[I32]]), ...vector([])],
      [FUNC, ...vector([]), ...vector([])],
    ])),
    // import: func 0 = fd_write (type 0), func 1 = proc_exit (type 1)
    ...section(2, vector([
      [...wasi, ...wasmName('fd_write'), 0x00, 0x00],
      [...wasi, ...wasmName('proc_exit'), 0x00, 0x01],
    ])),
    ...section(3, vector([[0x02]])), // function: func 2 has type 2
    ...section(5, vector([[0x00, 0x01]])), // memory: min 1 page, no max
    // export: "memory" = memory 0, "_start" = func 2
    ...section(7, vector([
      [...wasmName('memory'), 0x02, 0x00],
      [...wasmName('_start'), 0x00, 0x02],
    ])),
    ...section(10, vector([[...uleb(body.length), ...body]])), // code
    // data: the iovec and the text, active segments of memory 0
    ...section(11, vector([
      [0x00, ...i32Const(IOVEC), 0x0b, ...vector([...le32(TEXT), ...le32(text.length)].map((b) => [b]))],
      [0x00, ...i32Const(TEXT), 0x0b, ...vector(text.map((b) => [b]))],
    ])),
    // custom "name": module name (subsection 0) and function names (subsection 1)
    ...section(0, [
      ...wasmName('name'),
      ...section(0, wasmName('hello-browser')),
      ...section(1, vector([
        [...uleb(0), ...wasmName('fd_write')],
        [...uleb(1), ...wasmName('proc_exit')],
        [...uleb(2), ...wasmName('_start')],
      ])),
    ]),
  ];
  return new Uint8Array(bytes);
}

/** Runs a WASI module with node:wasi; resolves with its exit code and stdout. */
async function runWithNodeWasi(module: Uint8Array<ArrayBuffer>): Promise<{ exitCode: number; stdout: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'browser-e2e-wasi-'));
  const file = join(dir, 'stdout');
  const fd = openSync(file, 'w');
  try {
    const wasi = new WASI({ version: 'preview1', args: ['hello-browser'], env: {}, stdout: fd, returnOnExit: true });
    const instance = await WebAssembly.instantiate(await WebAssembly.compile(module), wasi.getImportObject() as WebAssembly.Imports);
    const exitCode = wasi.start(instance);
    closeSync(fd);
    return { exitCode, stdout: readFileSync(file, 'utf8') };
  } finally {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// What runs in the page. These functions are serialized by Playwright and run in
// Chromium: they may use only their argument and the page's globals (the bundle
// puts the SDK at globalThis.bacalhau), never this module's scope.

type SdkModule = typeof Sdk;

interface JobScenario {
  readonly url: string;
  readonly name: string;
  /** An `inline` source (a data: URL) or a `local` one (a path on the node). */
  readonly module: { readonly inline: `data:${string}` } | { readonly local: string };
}

interface JobScenarioResult {
  readonly ok: boolean;
  readonly error?: string;
  readonly pageOrigin: string;
  readonly jobId?: string;
  readonly warnings?: readonly string[];
  readonly states: readonly string[];
  readonly finalState?: string;
  readonly succeeded?: boolean;
  readonly reason?: string;
  readonly logs: readonly { stream: string; line: string }[];
  readonly ms: { submit?: number; wait?: number; logs?: number };
}

/** Submits a wasm job with the page's own fetch (the client's default), waits for it and reads its logs. */
async function runJobInPage(scenario: JobScenario): Promise<JobScenarioResult> {
  const { BacalhauClient, Job, engine, publisher, source } = (globalThis as unknown as { bacalhau: SdkModule }).bacalhau;
  const states: string[] = [];
  const logs: { stream: string; line: string }[] = [];
  const ms: { submit?: number; wait?: number; logs?: number } = {};
  const pageOrigin = (globalThis as unknown as { location: { origin: string } }).location.origin;
  let jobId: string | undefined;
  try {
    const client = new BacalhauClient({ url: scenario.url, timeoutMs: 15_000 });
    const input = 'inline' in scenario.module ? source.inline(scenario.module.inline) : source.local(scenario.module.local);
    const job = Job.batch(scenario.name).task((t) =>
      t
        .name('main')
        .engine(engine.wasm('/app/main.wasm', { entrypoint: '_start' }))
        .input(input, { target: '/app/main.wasm' })
        .publisher(publisher.local())
        .resultPath('outputs', '/outputs'),
    );
    let started = Date.now();
    const submitted = await client.submit(job);
    jobId = submitted.jobId;
    ms.submit = Date.now() - started;
    started = Date.now();
    const done = await client.wait(submitted.jobId, {
      timeoutMs: 30_000,
      onProgress: ({ state, executions }) => {
        states.push(`${state} (${executions.map((e) => e.ComputeState.StateType).join(',')})`);
      },
    });
    ms.wait = Date.now() - started;
    started = Date.now();
    for await (const { stream, line } of client.logs(submitted.jobId)) logs.push({ stream, line });
    ms.logs = Date.now() - started;
    return {
      ok: true,
      pageOrigin,
      jobId,
      warnings: [...submitted.warnings],
      states,
      finalState: done.state,
      succeeded: done.succeeded,
      reason: done.reason,
      logs,
      ms,
    };
  } catch (error) {
    const text = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
    return { ok: false, error: text, pageOrigin, ...(jobId === undefined ? {} : { jobId }), states, logs, ms };
  }
}

interface InvalidSpecResult {
  readonly thrown: boolean;
  readonly name?: string;
  readonly isSpecError?: boolean;
  readonly message?: string;
  readonly problems?: readonly { path: string; rule: string; message: string }[];
  /** Requests the client sent while submitting the invalid spec. */
  readonly requestsForSubmit: readonly string[];
  /** Requests after a valid call with the same client (shows the counter counts). */
  readonly requestsAfterAlive: readonly string[];
  readonly alive?: boolean;
}

/** Submits an invalid wire-shaped spec through a client whose fetch counts requests. */
async function submitInvalidInPage(args: { url: string; name: string }): Promise<InvalidSpecResult> {
  const { BacalhauClient, BacalhauSpecError } = (globalThis as unknown as { bacalhau: SdkModule }).bacalhau;
  const requests: string[] = [];
  const client = new BacalhauClient({
    url: args.url,
    timeoutMs: 15_000,
    fetch: (url, init) => {
      requests.push(`${init.method} ${new URL(url).pathname}`);
      return fetch(url, init);
    },
  });
  // A wasm task without EntryModule or Entrypoint.
  const invalid = { Name: args.name, Type: 'batch', Count: 1, Tasks: [{ Name: 'main', Engine: { Type: 'wasm', Params: {} } }] };
  let outcome: Omit<InvalidSpecResult, 'requestsForSubmit' | 'requestsAfterAlive'> = { thrown: false };
  try {
    await client.submit(invalid);
  } catch (error) {
    outcome = {
      thrown: true,
      name: error instanceof Error ? error.name : typeof error,
      isSpecError: error instanceof BacalhauSpecError,
      message: error instanceof Error ? error.message : String(error),
      ...(error instanceof BacalhauSpecError ? { problems: error.problems.map(({ path, rule, message }) => ({ path, rule, message })) } : {}),
    };
  }
  const requestsForSubmit = [...requests];
  const alive = await client.alive();
  return { ...outcome, requestsForSubmit, requestsAfterAlive: [...requests], alive };
}

// ---------------------------------------------------------------------------------------------
// The bundle, the page server and the browser.

/*
 * The parts of playwright-core this file uses. Its own declarations need the DOM
 * library, which tsconfig.test.json leaves out (and checks every declaration file
 * loaded), so the module is loaded with require() and typed here.
 */
interface ConsoleMessageLike {
  type(): string;
  text(): string;
  location(): { url: string; lineNumber: number };
}
interface RequestLike {
  method(): string;
  url(): string;
  failure(): { errorText: string } | null;
}
interface PageLike {
  on(event: 'console', listener: (message: ConsoleMessageLike) => void): void;
  on(event: 'pageerror', listener: (error: Error) => void): void;
  on(event: 'request' | 'requestfailed', listener: (request: RequestLike) => void): void;
  goto(url: string, options: { waitUntil: 'load'; timeout: number }): Promise<unknown>;
  waitForFunction(fn: () => boolean, arg: undefined, options: { timeout: number }): Promise<unknown>;
  evaluate<R, A>(fn: (arg: A) => Promise<R>, arg: A): Promise<R>;
}
interface BrowserContextLike {
  newPage(): Promise<PageLike>;
  close(): Promise<void>;
}
interface BrowserLike {
  version(): string;
  newContext(): Promise<BrowserContextLike>;
  close(): Promise<void>;
}
interface ChromiumLike {
  launch(options: { executablePath: string; args: readonly string[]; timeout: number }): Promise<BrowserLike>;
}

const { chromium } = createRequire(import.meta.url)('playwright-core') as { chromium: ChromiumLike };

interface Bundle {
  readonly code: string;
  readonly metafile: Metafile;
  readonly warnings: readonly Message[];
  readonly ms: number;
}

function formatMessages(messages: readonly Message[]): string {
  return messages
    .map((m) => `${m.location === null ? '' : `${m.location.file}:${m.location.line}: `}${m.text}${m.notes.map((n) => `\n    ${n.text}`).join('')}`)
    .join('\n');
}

/** Bundles the package's built entry for browsers; fails with esbuild's messages (e.g. a Node built-in it cannot resolve). */
async function bundleForBrowser(): Promise<Bundle> {
  if (!existsSync(DIST_ENTRY)) throw new Error(`${DIST_ENTRY} is missing: run \`npm run build\` before the end-to-end tests`);
  const started = Date.now();
  try {
    const result = await build({
      stdin: {
        // What a web page would bundle: the SDK from the package's main entry, all of it.
        contents: "import * as bacalhau from './dist/index.js';\nglobalThis.bacalhau = bacalhau;\n",
        resolveDir: REPO,
        sourcefile: 'browser-entry.js',
        loader: 'js',
      },
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const output = result.outputFiles?.[0];
    if (output === undefined) throw new Error('esbuild produced no output');
    return { code: output.text, metafile: result.metafile, warnings: result.warnings, ms: Date.now() - started };
  } catch (error) {
    const failure = error as Partial<BuildFailure>;
    const messages = Array.isArray(failure.errors) ? formatMessages(failure.errors) : String(error);
    throw new Error(`esbuild could not bundle dist/index.js for the browser (platform 'browser', no Node built-ins):\n${messages}`);
  }
}

const PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>bacalhau-jobs in a browser</title>
<script type="module" src="/app.js"></script>
</head>
<body><p>bacalhau-jobs end-to-end page</p></body>
</html>
`;

/** Serves the page at / and the bundle at /app.js on 127.0.0.1 (a free port). */
async function servePage(bundle: string): Promise<{ server: Server; origin: string; served: string[] }> {
  const served: string[] = [];
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    served.push(`${request.method ?? ''} ${path}`);
    const send = (status: number, type: string, body: string): void => {
      response.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      response.end(body);
    };
    if (path === '/') send(200, 'text/html; charset=utf-8', PAGE_HTML);
    else if (path === '/app.js') send(200, 'text/javascript; charset=utf-8', bundle);
    else send(404, 'text/plain; charset=utf-8', 'not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the page server has no TCP address');
  return { server, origin: `http://127.0.0.1:${address.port}`, served };
}

/** Every import in the metafile (inputs and outputs), as written. */
function importedPaths(metafile: Metafile): string[] {
  const paths: string[] = [];
  for (const input of Object.values(metafile.inputs)) for (const imported of input.imports) paths.push(imported.path);
  for (const output of Object.values(metafile.outputs)) for (const imported of output.imports) paths.push(imported.path);
  return paths;
}

function isNodeBuiltin(path: string): boolean {
  return path.startsWith('node:') || builtinModules.includes(path) || builtinModules.includes(path.split('/')[0] ?? '');
}

function isLoopbackUrl(url: string): boolean {
  if (url.startsWith('data:') || url === 'about:blank') return true;
  try {
    const { hostname } = new URL(url);
    return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
  } catch {
    return false;
  }
}

const helloModule = helloWasiModule(MESSAGE);

describe('the handmade WASI module', () => {
  it('is valid WebAssembly and prints the message under node:wasi', async () => {
    expect(helloModule.byteLength).toBeLessThan(1024);
    expect(WebAssembly.validate(helloModule)).toBe(true);
    const compiled = await WebAssembly.compile(helloModule);
    expect(WebAssembly.Module.imports(compiled)).toEqual([
      { module: 'wasi_snapshot_preview1', name: 'fd_write', kind: 'function' },
      { module: 'wasi_snapshot_preview1', name: 'proc_exit', kind: 'function' },
    ]);
    expect(WebAssembly.Module.exports(compiled)).toEqual([
      { name: 'memory', kind: 'memory' },
      { name: '_start', kind: 'function' },
    ]);
    expect(WebAssembly.Module.customSections(compiled, 'name')).toHaveLength(1);
    await expect(runWithNodeWasi(helloModule)).resolves.toEqual({ exitCode: 0, stdout: MESSAGE });
  });
});

describe('BacalhauClient in headless Chromium', () => {
  const moduleDataUrl = `data:application/wasm;base64,${Buffer.from(helloModule).toString('base64')}` as const;

  let bundle: Bundle | undefined;
  let pageServer: Awaited<ReturnType<typeof servePage>> | undefined;
  let browser: BrowserLike | undefined;
  let context: BrowserContextLike | undefined;
  let page: PageLike | undefined;
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  const failedRequests: string[] = [];
  const pageRequests: string[] = [];
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    bundle = await bundleForBrowser();
    timings['bundle'] = bundle.ms;
    pageServer = await servePage(bundle.code);

    if (!existsSync(CHROMIUM) || !existsSync('/usr/lib/chromium/chromium')) {
      throw new Error(`Chromium is not installed at ${CHROMIUM}: install Debian's package (apt-get install -y chromium)`);
    }
    let started = Date.now();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 30_000 });
    timings['launch'] = Date.now() - started;
    context = await browser.newContext();
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${message.text()} (${message.location().url}:${message.location().lineNumber})`);
    });
    page.on('pageerror', (error) => pageErrors.push(`${error.name}: ${error.message}`));
    page.on('request', (request) => pageRequests.push(`${request.method()} ${request.url()}`));
    page.on('requestfailed', (request) => failedRequests.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText ?? '?'}`));

    started = Date.now();
    await page.goto(`${pageServer.origin}/`, { waitUntil: 'load', timeout: 15_000 });
    await page.waitForFunction(() => typeof (globalThis as { bacalhau?: unknown }).bacalhau === 'object', undefined, { timeout: 10_000 });
    timings['pageLoad'] = Date.now() - started;
  });

  afterAll(async () => {
    if (process.env['BACALHAU_JOBS_VERBOSE'] === '1') process.stderr.write(`[e2e] browser timings (ms): ${JSON.stringify(timings)}\n`);
    // Each step on its own: one failing must not leave the others running.
    await context?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    if (pageServer !== undefined) {
      const { server } = pageServer;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  // Each test sees only what its own page work caused.
  beforeEach(() => {
    for (const list of [consoleErrors, pageErrors, failedRequests, pageRequests]) list.length = 0;
  });

  /** Lets console messages and failed requests that the page work caused reach the collectors. */
  async function settle(): Promise<void> {
    await page?.evaluate(() => new Promise<void>((resolve) => setTimeout(resolve, 100)), undefined);
  }

  /** No console error, page error or failed request (a CORS refusal is a console error and a net::ERR_FAILED request). */
  async function expectCleanPage(): Promise<void> {
    await settle();
    expect(consoleErrors, 'console errors in the page').toEqual([]);
    expect(pageErrors, 'uncaught errors in the page').toEqual([]);
    expect(failedRequests, 'failed requests from the page').toEqual([]);
  }

  it('bundles the package entry for browsers without Node built-ins or the ws package', () => {
    if (bundle === undefined) throw new Error('no bundle');
    expect(formatMessages(bundle.warnings)).toBe('');
    const inputs = Object.keys(bundle.metafile.inputs);
    expect(inputs).toContain('dist/index.js');
    expect(inputs).toContain('dist/client/client.js');
    expect(inputs.filter((file) => /(^|\/)node_modules\/ws\//.test(file))).toEqual([]);
    expect(inputs.filter((file) => file.startsWith('node:') || /(^|\/)dist\/(node|cli)\//.test(file))).toEqual([]);
    const imports = importedPaths(bundle.metafile);
    expect(imports.filter((path) => path === 'ws' || path.startsWith('ws/'))).toEqual([]);
    expect(imports.filter(isNodeBuiltin)).toEqual([]);
    // Nothing is left for the page to resolve: the bundle imports nothing.
    expect(Object.values(bundle.metafile.outputs).flatMap((output) => output.imports)).toEqual([]);
  });

  it("the node's API allows the page's origin (CORS preflight)", async () => {
    if (pageServer === undefined) throw new Error('no page server');
    const apiOrigin = new URL(nodeUrl()).origin;
    expect(pageServer.origin).not.toBe(apiOrigin);
    const response = await fetch(`${nodeUrl()}/api/v1/orchestrator/jobs`, {
      method: 'OPTIONS',
      headers: {
        Origin: pageServer.origin,
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'accept,content-type',
      },
    });
    await response.arrayBuffer();
    const headers = Object.fromEntries(response.headers.entries());
    const answer = `preflight OPTIONS /api/v1/orchestrator/jobs from ${pageServer.origin}: HTTP ${response.status} ${JSON.stringify(headers)}`;
    expect(response.status, answer).toBeGreaterThanOrEqual(200);
    expect(response.status, answer).toBeLessThan(300);
    expect(['*', pageServer.origin], answer).toContain(headers['access-control-allow-origin']);
    expect(headers['access-control-allow-methods']?.split(/\s*,\s*/) ?? [], answer).toContain('PUT');
    expect(headers['access-control-allow-headers']?.toLowerCase().split(/\s*,\s*/) ?? [], answer).toEqual(expect.arrayContaining(['accept', 'content-type']));
  });

  it('submits a handmade WASI module as an inline data: URL from the page, waits for it and reads its logs', async () => {
    if (page === undefined) throw new Error('no page');
    const started = Date.now();
    const result = await page.evaluate(runJobInPage, { url: nodeUrl(), name: uniqueName('browser-inline'), module: { inline: moduleDataUrl } });
    timings['inlineJob'] = Date.now() - started;
    expect(result.error, 'the page failed').toBeUndefined();
    expect(result.ok).toBe(true);
    expect(result.pageOrigin).toBe(pageServer?.origin);
    expect(result.jobId).toMatch(/^j-[0-9a-f-]{36}$/);
    expect(result.states.length, 'onProgress').toBeGreaterThan(0);
    expect({ state: result.finalState, succeeded: result.succeeded, reason: result.reason }).toEqual({ state: 'Completed', succeeded: true, reason: '' });
    expect(result.logs).toContainEqual({ stream: 'stdout', line: 'hello from the browser' });
    // The page talked to the node cross-origin, with the browser's fetch, and to nothing else.
    const apiRequests = pageRequests.filter((request) => request.includes(nodeUrl()));
    expect(apiRequests).toContain(`PUT ${nodeUrl()}/api/v1/orchestrator/jobs`);
    expect(apiRequests.some((request) => request.startsWith(`GET ${nodeUrl()}/api/v1/orchestrator/jobs/${result.jobId ?? ''}`))).toBe(true);
    expect(pageRequests.filter((request) => !isLoopbackUrl(request.slice(request.indexOf(' ') + 1)))).toEqual([]);
    await expectCleanPage();
  });

  it("runs the e2e hello module from a local source (a path on the node's allow-list) from the page", async () => {
    if (page === undefined) throw new Error('no page');
    const started = Date.now();
    const result = await page.evaluate(runJobInPage, { url: nodeUrl(), name: uniqueName('browser-local'), module: { local: wasmPath('hello') } });
    timings['localJob'] = Date.now() - started;
    expect(result.error, 'the page failed').toBeUndefined();
    expect(result.jobId).toMatch(/^j-/);
    expect(result.states.length).toBeGreaterThan(0);
    expect({ state: result.finalState, succeeded: result.succeeded }).toEqual({ state: 'Completed', succeeded: true });
    expect(result.logs).toEqual(
      expect.arrayContaining([
        { stream: 'stdout', line: 'hello from wasm' },
        { stream: 'stderr', line: 'hello on stderr' },
      ]),
    );
    await expectCleanPage();
  });

  it('refuses an invalid spec in the page with BacalhauSpecError before sending any request', async () => {
    if (page === undefined) throw new Error('no page');
    const result = await page.evaluate(submitInvalidInPage, { url: nodeUrl(), name: uniqueName('browser-invalid') });
    expect(result).toMatchObject({ thrown: true, name: 'BacalhauSpecError', isSpecError: true });
    expect(result.problems?.length).toBeGreaterThan(0);
    expect(result.problems?.map((problem) => problem.path)).toEqual(
      expect.arrayContaining(['Tasks[0].Engine.Params.EntryModule', 'Tasks[0].Engine.Params.Entrypoint']),
    );
    expect(result.requestsForSubmit).toEqual([]);
    // The same client, and its counting fetch, do reach the node.
    expect(result.alive).toBe(true);
    expect(result.requestsAfterAlive).toEqual(['GET /api/v1/agent/alive']);
    await expectCleanPage();
  });
});
