/**
 * BacalhauClient against a scripted loopback server (no Go, no Bacalhau):
 * faults (garbage, truncated, huge and hung answers, HTML error pages, refused
 * connections) give typed errors within the timeout and bounded memory;
 * retries only for GET; API error fields; credentials sent and never shown in
 * errors; spec checks before sending; paging; frozen answers with named states;
 * wait(); option checks; logs() over a WebSocket and from recorded output.
 */
import { Buffer } from 'node:buffer';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { inspect } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  BacalhauApiError,
  BacalhauClient,
  BacalhauClientError,
  BacalhauConnectionError,
  BacalhauResponseError,
  BacalhauSpecError,
  BacalhauWaitError,
  Job,
  engine,
  type BacalhauClientOptions,
  type FetchInit,
  type FetchLike,
  type WaitProgress,
} from '../../src/index.js';
import { StubServer, closedPort, json, streamBody, type StubRequest } from '../support/stub-server.js';

const JOBS = '/api/v1/orchestrator/jobs';
const MiB = 1024 * 1024;

// ---------------------------------------------------------------------------
// Fixtures and helpers
// ---------------------------------------------------------------------------

let stub: StubServer;
let sockets: WebSocketServer | undefined;

beforeEach(async () => {
  stub = await StubServer.start();
});

afterEach(async () => {
  vi.restoreAllMocks();
  if (sockets !== undefined) {
    for (const client of sockets.clients) client.terminate();
    await new Promise<void>((resolve) => sockets?.close(() => resolve()));
    sockets = undefined;
  }
  await stub.close();
});

function client(options: BacalhauClientOptions = {}): BacalhauClient {
  return new BacalhauClient({ url: stub.url, timeoutMs: 1_000, retries: 0, ...options });
}

/**
 * A fetch that records every call and counts the body bytes the client reads
 * (the body is handed over one chunk per read, cancel passed through).
 */
function countingFetch(onRead: () => void = () => undefined): { fetch: FetchLike; calls: { url: string; init: FetchInit }[]; bytesRead: () => number } {
  const calls: { url: string; init: FetchInit }[] = [];
  let bytes = 0;
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, init });
    const response = await globalThis.fetch(url, init);
    const body = response.body;
    if (body === null) return response;
    const reader = body.getReader();
    const metered = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          const chunk = await reader.read();
          if (chunk.done) {
            controller.close();
            return;
          }
          bytes += chunk.value.byteLength;
          onRead();
          controller.enqueue(chunk.value);
        },
        cancel: (reason: unknown) => reader.cancel(reason),
      },
      { highWaterMark: 0 },
    );
    return new Response(metered, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  return { fetch, calls, bytesRead: () => bytes };
}

/** Runs `promise`, expecting a rejection; returns the error and how long it took. */
async function rejection(promise: Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = performance.now();
  try {
    await promise;
  } catch (error) {
    return { error, ms: performance.now() - started };
  }
  throw new Error('expected a rejection');
}

function jobRecord(id: string, state: string | number, options: { engine?: string; message?: string; extra?: Record<string, unknown> } = {}): Record<string, unknown> {
  return {
    ID: id,
    Name: `name-${id}`,
    Namespace: 'default',
    Type: 'batch',
    Count: 1,
    Version: 1,
    Revision: 1,
    CreateTime: 1,
    ModifyTime: 2,
    State: options.message === undefined ? { StateType: state } : { StateType: state, Message: options.message },
    Tasks: [{ Name: 'main', Engine: { Type: options.engine ?? 'docker', Params: { Image: 'busybox:1.37.0' } } }],
    ...options.extra,
  };
}

function executionRecord(id: string, state: string | number, runOutput?: Record<string, unknown>): Record<string, unknown> {
  const record: Record<string, unknown> = {
    ID: id,
    JobID: 'j-1',
    JobVersion: 1,
    Namespace: 'default',
    NodeID: 'n-1',
    EvalID: 'ev-1',
    DesiredState: { StateType: 1 },
    ComputeState: { StateType: state },
    Revision: 1,
    CreateTime: 1,
    ModifyTime: 2,
  };
  if (runOutput !== undefined) record['RunOutput'] = runOutput;
  return record;
}

function jobAnswer(job: Record<string, unknown>, executions?: readonly Record<string, unknown>[]): Record<string, unknown> {
  return executions === undefined ? { Job: job } : { Job: job, Executions: { Items: executions, NextToken: '' } };
}

function validJob() {
  return Job.batch('hello').task((t) => t.name('main').engine(engine.docker('busybox:1.37.0')));
}

function expectDeepFrozen(value: unknown, path = '$'): void {
  if (typeof value !== 'object' || value === null) return;
  expect(Object.isFrozen(value), `${path} is frozen`).toBe(true);
  for (const [key, child] of Object.entries(value)) expectDeepFrozen(child, `${path}.${key}`);
}

/** Every text an error exposes, down its cause chain. */
function exposedTexts(error: unknown, depth = 0): string[] {
  if (depth > 10 || error === undefined || error === null) return [];
  if (typeof error !== 'object') return [String(error)];
  const texts = [String(error), JSON.stringify(error, Object.getOwnPropertyNames(error)), inspect(error, { depth: 10, showHidden: true })];
  const fields = error as { message?: unknown; stack?: unknown; cause?: unknown };
  if (typeof fields.message === 'string') texts.push(fields.message);
  if (typeof fields.stack === 'string') texts.push(fields.stack);
  for (const name of Object.getOwnPropertyNames(error)) {
    const value = (error as Record<string, unknown>)[name];
    if (name !== 'cause' && typeof value === 'object' && value !== null) texts.push(JSON.stringify(value));
  }
  return [...texts, ...exposedTexts(fields.cause, depth + 1)];
}

function expectNoSecrets(error: unknown, secrets: readonly string[]): void {
  expect(error).toBeInstanceOf(Error);
  const texts = exposedTexts(error);
  for (const secret of secrets) {
    for (const text of texts) expect(text.includes(secret), `secret ${JSON.stringify(secret)} shown in ${text.slice(0, 400)}`).toBe(false);
  }
}

// A real collection before and after a measurement, so that garbage left by
// earlier tests does not count and what the client keeps does.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
/** Collects until freed byte buffers are accounted for (V8 releases them a little after a collection). */
async function collectGarbage(): Promise<void> {
  for (let round = 0; round < 3; round += 1) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

interface MemoryReport {
  readonly error: unknown;
  /** Peak growth of heapUsed + arrayBuffers (JS objects and byte buffers, garbage included) during the call. */
  readonly livePeak: number;
  /** Growth of heapUsed + arrayBuffers after the call and a collection: what stayed referenced. */
  readonly liveRetained: number;
  /** Peak growth of the resident set during the call. */
  readonly rssPeak: number;
}

/**
 * Runs `run` and reports how much memory it took: sampled on a 1 ms timer and
 * on every `sample()` call (hook it into the body reader to catch the peak).
 */
async function memoryDuring(run: (sample: () => void) => Promise<unknown>): Promise<MemoryReport> {
  const live = (usage: NodeJS.MemoryUsage): number => usage.heapUsed + usage.arrayBuffers;
  await collectGarbage();
  const base = process.memoryUsage();
  let livePeak = live(base);
  let rssPeak = base.rss;
  const sample = (): void => {
    const usage = process.memoryUsage();
    livePeak = Math.max(livePeak, live(usage));
    rssPeak = Math.max(rssPeak, usage.rss);
  };
  const sampler = setInterval(sample, 1);
  let error: unknown;
  try {
    await run(sample);
  } catch (caught) {
    error = caught;
  } finally {
    clearInterval(sampler);
  }
  sample();
  await collectGarbage();
  const after = process.memoryUsage();
  return { error, livePeak: livePeak - live(base), liveRetained: live(after) - live(base), rssPeak: rssPeak - base.rss };
}

function attachWebSockets(onConnection: (socket: WebSocket, request: IncomingMessage) => void): WebSocketServer {
  sockets = new WebSocketServer({ server: stub.server });
  sockets.on('connection', onConnection);
  return sockets;
}

/** `promise`, or a rejection naming `what` if it has not settled within `ms`. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------
// 1. Faults of the server
// ---------------------------------------------------------------------------

describe('server faults give typed errors within timeoutMs', () => {
  it('a 200 with a garbage body is BacalhauResponseError invalid-json naming the URL', async () => {
    stub.handle((_request, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('this is not json at all <<>>');
    });
    const { error, ms } = await rejection(client({ retries: 3 }).get('j-1'));
    expect(error).toBeInstanceOf(BacalhauResponseError);
    const failure = error as BacalhauResponseError;
    expect(failure.reason).toBe('invalid-json');
    expect(failure.status).toBe(200);
    expect(failure.method).toBe('GET');
    expect(failure.url).toBe(`${stub.url}${JOBS}/j-1`);
    expect(failure.message).toContain(`${stub.url}${JOBS}/j-1`);
    expect(failure.message).toContain('this is not json at all');
    expect(failure.message).toContain('text/plain');
    expect(stub.requests).toHaveLength(1);
    expect(ms).toBeLessThan(3_000);
  });

  it('truncated JSON (the body ends mid-object) is invalid-json', async () => {
    stub.handle((_request, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"Job": {"ID": "j-1"');
    });
    const { error, ms } = await rejection(client().get('j-1'));
    expect(error).toBeInstanceOf(BacalhauResponseError);
    expect((error as BacalhauResponseError).reason).toBe('invalid-json');
    expect((error as BacalhauResponseError).message).toContain(`${JOBS}/j-1`);
    expect(ms).toBeLessThan(3_000);
  });

  it('a body cut off by a reset (Content-Length not reached) is a network error, retried for GET', async () => {
    stub.handle((_request, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 1000 });
      res.write('{"Job": {"ID": "j-1"', () => res.destroy());
    });
    const { error, ms } = await rejection(client({ retries: 1 }).get('j-1'));
    expect(error).toBeInstanceOf(BacalhauConnectionError);
    expect((error as BacalhauConnectionError).reason).toBe('network');
    expect((error as BacalhauConnectionError).attempts).toBe(2);
    expect(stub.requests).toHaveLength(2);
    expect(ms).toBeLessThan(3_000);
  });

  /** A warm-up request (so fetch's own start-up is not measured), then a 50 MB streamed answer. */
  async function hugeAnswer(options: BacalhauClientOptions): Promise<{ memory: MemoryReport; ms: number; bytesRead: number; report: ReturnType<typeof streamBody> }> {
    let report: ReturnType<typeof streamBody> | undefined;
    stub.handle((request, res) => {
      if (request.path.endsWith('/warm-up')) json(res, 200, jobAnswer(jobRecord('warm-up', 'Running')));
      else report = streamBody(res, 50 * 1_000_000);
    });
    let sample: () => void = () => undefined;
    const counting = countingFetch(() => sample());
    const c = client({ fetch: counting.fetch, ...options });
    await c.get('warm-up');
    const started = performance.now();
    const memory = await memoryDuring((sampler) => {
      sample = sampler;
      return c.get('j-1');
    });
    const ms = performance.now() - started;
    if (report === undefined) throw new Error('the server got no request');
    await within(report.done, 3_000, 'the server seeing the connection close');
    return { memory, ms, bytesRead: counting.bytesRead(), report };
  }

  it('a streamed 50 MB answer is too-large at the default 16 MiB, read no further, with bounded memory', async () => {
    expect(client().settings.maxResponseBytes).toBe(16 * MiB);
    const { memory, ms, bytesRead, report } = await hugeAnswer({ timeoutMs: 10_000 });
    const error = memory.error as BacalhauResponseError;
    expect(error).toBeInstanceOf(BacalhauResponseError);
    expect(error.reason).toBe('too-large');
    expect(error.status).toBe(200);
    expect(error.message).toContain(`maxResponseBytes (${16 * MiB} bytes)`);
    expect(error.message).toContain(`${JOBS}/j-1`);
    expect(ms).toBeLessThan(10_000);
    // It stops at the first chunk past the limit...
    expect(bytesRead).toBeGreaterThan(16 * MiB);
    expect(bytesRead).toBeLessThan(17 * MiB);
    // ...so it never holds the 50 MB (reading it all peaks near 160 MB; this peaks near
    // 37 MB: the 16 MiB kept plus fetch's own copies not yet collected), and keeps nothing.
    expect(memory.livePeak).toBeLessThan(45 * 1_000_000);
    expect(memory.liveRetained).toBeLessThan(5 * 1_000_000);
    // The server could not send it all: the connection was closed under it.
    expect(report.cutShort).toBe(true);
    expect(report.bytesWritten).toBeLessThan(40 * 1_000_000);
  });

  it('with maxResponseBytes 1 MiB it stops early: little read, little memory, the server sees the connection close', async () => {
    const { memory, ms, bytesRead, report } = await hugeAnswer({ maxResponseBytes: MiB, timeoutMs: 5_000 });
    const error = memory.error as BacalhauResponseError;
    expect(error).toBeInstanceOf(BacalhauResponseError);
    expect(error.reason).toBe('too-large');
    expect(error.message).toContain(`(${MiB} bytes)`);
    expect(ms).toBeLessThan(3_000);
    expect(bytesRead).toBeGreaterThan(MiB);
    expect(bytesRead).toBeLessThanOrEqual(MiB + 256 * 1024);
    expect(memory.livePeak).toBeLessThan(10 * 1_000_000);
    expect(memory.rssPeak).toBeLessThan(30 * 1_000_000);
    expect(memory.liveRetained).toBeLessThan(2 * 1_000_000);
    expect(report.cutShort).toBe(true);
    expect(report.bytesWritten).toBeLessThan(20 * 1_000_000);
  });

  it('a declared Content-Length over the limit is refused before reading the body', async () => {
    let report: ReturnType<typeof streamBody> | undefined;
    stub.handle((_request, res) => {
      report = streamBody(res, 50 * 1_000_000, { 'Content-Length': 50 * 1_000_000 });
    });
    const counting = countingFetch();
    const { error, ms } = await rejection(client({ fetch: counting.fetch, maxResponseBytes: MiB }).get('j-1'));
    expect((error as BacalhauResponseError).reason).toBe('too-large');
    expect(counting.bytesRead()).toBe(0);
    expect(ms).toBeLessThan(3_000);
    await within(report?.done ?? Promise.reject(new Error('no request')), 3_000, 'the server seeing the connection close');
    expect(report?.cutShort).toBe(true);
  });

  it('a too-large error answer (HTTP 500) says so', async () => {
    stub.handle((_request, res) => {
      res.writeHead(500, { 'Content-Type': 'text/html' });
      res.end('x'.repeat(2 * 1024));
    });
    const { error } = await rejection(client({ maxResponseBytes: 1024 }).get('j-1'));
    expect(error).toBeInstanceOf(BacalhauResponseError);
    expect((error as BacalhauResponseError).reason).toBe('too-large');
    expect((error as BacalhauResponseError).status).toBe(500);
    expect((error as BacalhauResponseError).message).toContain('HTTP 500');
  });

  it('a server that accepts and never answers is a timeout, not retried for GET', async () => {
    stub.handle(() => undefined);
    const { error, ms } = await rejection(client({ timeoutMs: 500, retries: 3 }).get('j-1'));
    expect(error).toBeInstanceOf(BacalhauConnectionError);
    const failure = error as BacalhauConnectionError;
    expect(failure.reason).toBe('timeout');
    expect(failure.attempts).toBe(1);
    expect(failure.message).toContain(`GET ${stub.url}${JOBS}/j-1`);
    expect(failure.message).toContain('500 ms');
    expect(ms).toBeGreaterThanOrEqual(450);
    expect(ms).toBeLessThan(1_500);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stub.requests).toHaveLength(1);
  });

  it('a server that sends headers then hangs mid-body is a timeout (the timeout covers the whole body)', async () => {
    stub.handle((_request, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"Job": {"ID": ');
    });
    const { error, ms } = await rejection(client({ timeoutMs: 500, retries: 3 }).get('j-1'));
    expect(error).toBeInstanceOf(BacalhauConnectionError);
    expect((error as BacalhauConnectionError).reason).toBe('timeout');
    expect((error as BacalhauConnectionError).message).toContain(`${stub.url}${JOBS}/j-1`);
    expect(ms).toBeGreaterThanOrEqual(450);
    expect(ms).toBeLessThan(1_500);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stub.requests).toHaveLength(1);
  });

  it('an HTML 502 page is BacalhauApiError 502 quoting the page title; GET retried with doubling backoff', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999);
    const times: number[] = [];
    stub.handle((_request, res) => {
      times.push(performance.now());
      res.writeHead(502, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end('<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr>nginx</body></html>');
    });
    const { error, ms } = await rejection(client({ retries: 2 }).get('j-1'));
    expect(error).toBeInstanceOf(BacalhauApiError);
    const failure = error as BacalhauApiError;
    expect(failure.status).toBe(502);
    expect(failure.message).toContain('502 Bad Gateway');
    expect(failure.message).toContain('text/html');
    expect(failure.code).toBe('');
    expect(stub.requests).toHaveLength(3);
    // Backoff base 200 ms, doubling, full jitter (here at its top).
    const gaps = times.slice(1).map((time, index) => time - (times[index] ?? 0));
    expect(gaps[0]).toBeGreaterThanOrEqual(180);
    expect(gaps[0]).toBeLessThan(400);
    expect(gaps[1]).toBeGreaterThanOrEqual(380);
    expect(gaps[1]).toBeLessThan(800);
    expect(ms).toBeLessThan(3_000);
  });

  it('a PUT (submit) that gets a 502 is sent exactly once', async () => {
    stub.handle((_request, res) => {
      res.writeHead(502, { 'Content-Type': 'text/html' });
      res.end('<html><title>Bad Gateway</title></html>');
    });
    const { error } = await rejection(client({ retries: 3 }).submit(validJob()));
    expect(error).toBeInstanceOf(BacalhauApiError);
    expect((error as BacalhauApiError).status).toBe(502);
    expect((error as BacalhauApiError).method).toBe('PUT');
    expect(stub.requests).toHaveLength(1);
  });

  it('a refused connection is BacalhauConnectionError network after retries + 1 attempts', async () => {
    const port = await closedPort();
    const c = new BacalhauClient({ url: `http://127.0.0.1:${port}`, timeoutMs: 1_000, retries: 2 });
    const { error, ms } = await rejection(c.get('j-1'));
    expect(error).toBeInstanceOf(BacalhauConnectionError);
    const failure = error as BacalhauConnectionError;
    expect(failure.reason).toBe('network');
    expect(failure.attempts).toBe(3);
    expect(failure.message).toContain(`http://127.0.0.1:${port}${JOBS}/j-1`);
    expect(failure.message).toContain('ECONNREFUSED');
    expect(failure.message).toContain('after 3 attempts');
    expect(ms).toBeLessThan(3_000);
  });

  it('a refused PUT is tried once', async () => {
    const port = await closedPort();
    const counting = countingFetch();
    const c = new BacalhauClient({ url: `http://127.0.0.1:${port}`, retries: 3, fetch: counting.fetch });
    const { error } = await rejection(c.submit(validJob()));
    expect((error as BacalhauConnectionError).reason).toBe('network');
    expect((error as BacalhauConnectionError).attempts).toBe(1);
    expect(counting.calls).toHaveLength(1);
  });

  it('an aborted call rejects with reason aborted, promptly', async () => {
    stub.handle(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const { error, ms } = await rejection(client({ timeoutMs: 5_000, retries: 3 }).get('j-1', { signal: controller.signal }));
    expect(error).toBeInstanceOf(BacalhauConnectionError);
    expect((error as BacalhauConnectionError).reason).toBe('aborted');
    expect(ms).toBeLessThan(1_000);
    expect(stub.requests).toHaveLength(1);
  });
  it('a signal aborted before the call: reason aborted and nothing sent', async () => {
    const counting = countingFetch();
    const { error } = await rejection(client({ fetch: counting.fetch, retries: 3 }).get('j-1', { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(BacalhauConnectionError);
    expect((error as BacalhauConnectionError).reason).toBe('aborted');
    expect(counting.calls).toHaveLength(0);
  });
});

// ---------------------------------------------------------------------------
// 2. Retries
// ---------------------------------------------------------------------------

describe('retries', () => {
  it('503 twice then 200: get() succeeds after 3 requests', async () => {
    stub.handle((_request, res) => {
      if (stub.requests.length <= 2) json(res, 503, { Status: 503, Message: 'busy' });
      else json(res, 200, jobAnswer(jobRecord('j-1', 'Running')));
    });
    const { job } = await client({ retries: 3 }).get('j-1');
    expect(job.ID).toBe('j-1');
    expect(stub.requests).toHaveLength(3);
  });

  it('429 with Retry-After: 0 is retried', async () => {
    stub.handle((_request, res) => {
      if (stub.requests.length === 1) json(res, 429, { Status: 429, Message: 'slow down' }, { 'Retry-After': '0' });
      else json(res, 200, jobAnswer(jobRecord('j-1', 'Running')));
    });
    const { job } = await client({ retries: 1 }).get('j-1');
    expect(job.ID).toBe('j-1');
    expect(stub.requests).toHaveLength(2);
  });

  it('Retry-After is honoured as a lower bound on the wait', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const times: number[] = [];
    stub.handle((_request, res) => {
      times.push(performance.now());
      if (stub.requests.length === 1) json(res, 503, { Status: 503, Message: 'busy' }, { 'Retry-After': '0.5' });
      else json(res, 200, jobAnswer(jobRecord('j-1', 'Running')));
    });
    await client({ retries: 1 }).get('j-1');
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(480);
  });

  it('a 500 or 404 is not retried', async () => {
    stub.handle((request, res) => {
      if (request.path.endsWith('/j-500')) json(res, 500, { Status: 500, Message: 'boom' });
      else json(res, 404, { Status: 404, Message: 'no job' });
    });
    const c = client({ retries: 3 });
    expect(((await rejection(c.get('j-500'))).error as BacalhauApiError).status).toBe(500);
    expect(((await rejection(c.get('j-404'))).error as BacalhauApiError).status).toBe(404);
    expect(stub.requests).toHaveLength(2);
  });

  it('DELETE (stop) and PUT (submit, rerun) are never retried', async () => {
    stub.handle((_request, res) => json(res, 503, { Status: 503, Message: 'busy' }));
    const c = client({ retries: 3 });
    const stop = (await rejection(c.stop('j-1', { reason: 'enough' }))).error as BacalhauApiError;
    expect(stop).toBeInstanceOf(BacalhauApiError);
    expect(stop.status).toBe(503);
    expect(stop.method).toBe('DELETE');
    expect(stub.requests).toHaveLength(1);
    expect(stub.requests[0]?.method).toBe('DELETE');
    expect(JSON.parse(stub.requests[0]?.body ?? '')).toEqual({ reason: 'enough' });

    await rejection(c.submit(validJob()));
    expect(stub.requests).toHaveLength(2);
    await rejection(c.rerun('j-1'));
    expect(stub.requests).toHaveLength(3);
    expect(stub.requests.map((r) => r.method)).toEqual(['DELETE', 'PUT', 'PUT']);
  });

  it('retries: 0 is honoured', async () => {
    stub.handle((_request, res) => json(res, 503, { Status: 503, Message: 'busy' }));
    const error = (await rejection(client({ retries: 0 }).get('j-1'))).error as BacalhauApiError;
    expect(error.status).toBe(503);
    expect(stub.requests).toHaveLength(1);
  });

  it('the default is 3 retries (4 attempts)', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    stub.handle((_request, res) => json(res, 503, { Status: 503, Message: 'busy' }));
    const c = new BacalhauClient({ url: stub.url });
    expect(c.settings.retries).toBe(3);
    await rejection(c.get('j-1'));
    expect(stub.requests).toHaveLength(4);
  });
});

// ---------------------------------------------------------------------------
// 3. API errors
// ---------------------------------------------------------------------------

describe('API errors', () => {
  it("a Bacalhau APIError body fills every field of BacalhauApiError", async () => {
    stub.handle((_request, res) =>
      json(res, 400, { Status: 400, Message: 'job spec is invalid', RequestID: 'r1', Code: 'BadRequest', Component: 'JobStore', Hint: 'h', Details: { a: 'b', n: 1 } }),
    );
    const error = (await rejection(client().get('j-1'))).error;
    expect(error).toBeInstanceOf(BacalhauApiError);
    expect(error).toBeInstanceOf(BacalhauClientError);
    const failure = error as BacalhauApiError;
    expect(failure.name).toBe('BacalhauApiError');
    expect(failure.status).toBe(400);
    expect(failure.code).toBe('BadRequest');
    expect(failure.component).toBe('JobStore');
    expect(failure.message).toBe('job spec is invalid');
    expect(failure.hint).toBe('h');
    expect(failure.requestId).toBe('r1');
    expect(failure.details).toEqual({ a: 'b' });
    expect(Object.isFrozen(failure.details)).toBe(true);
    expect(failure.method).toBe('GET');
    expect(failure.url).toBe(`${stub.url}${JOBS}/j-1`);
  });

  it("the version check's {\"Error\": …} shape", async () => {
    stub.handle((_request, res) => json(res, 400, { Error: 'client version v0.1.0 is older than the minimum supported v1.5.0' }));
    const failure = (await rejection(client().get('j-1'))).error as BacalhauApiError;
    expect(failure).toBeInstanceOf(BacalhauApiError);
    expect(failure.status).toBe(400);
    expect(failure.message).toBe('client version v0.1.0 is older than the minimum supported v1.5.0');
    expect(failure.code).toBe('');
  });

  it("echo's {\"message\": \"Not Found\"}", async () => {
    stub.handle((_request, res) => json(res, 404, { message: 'Not Found' }));
    const failure = (await rejection(client().get('j-1'))).error as BacalhauApiError;
    expect(failure).toBeInstanceOf(BacalhauApiError);
    expect(failure.status).toBe(404);
    expect(failure.message).toBe('Not Found');
    expect(failure.hint).toBe('');
    expect(failure.requestId).toBe('');
    expect(failure.details).toEqual({});
  });

  it('an empty error answer names the status', async () => {
    stub.handle((_request, res) => {
      res.writeHead(401);
      res.end();
    });
    const failure = (await rejection(client().get('j-1'))).error as BacalhauApiError;
    expect(failure.status).toBe(401);
    expect(failure.message).toContain('HTTP 401');
    expect(failure.message).toContain('empty');
  });

  it('a 200 of the wrong shape is unexpected-shape', async () => {
    stub.handle((_request, res) => json(res, 200, { Job: { Name: 'no ID' } }));
    const failure = (await rejection(client().get('j-1'))).error as BacalhauResponseError;
    expect(failure).toBeInstanceOf(BacalhauResponseError);
    expect(failure.reason).toBe('unexpected-shape');
    expect(failure.message).toContain(`${JOBS}/j-1`);
  });
});

// ---------------------------------------------------------------------------
// 4. Credentials
// ---------------------------------------------------------------------------

describe('credentials', () => {
  const token = 'sekrit-token-123456789';
  const username = 'alice';
  const password = 'pa55-w0rd-XYZ';
  const basic = Buffer.from(`${username}:${password}`).toString('base64');
  const apiKey = 'api-key-value-987654321';

  it('a token is sent as Bearer, username/password as Basic, extra headers as given', async () => {
    stub.handle((_request, res) => json(res, 200, jobAnswer(jobRecord('j-1', 'Running'))));
    await client({ token }).get('j-1');
    await client({ username, password }).get('j-1');
    await client({ headers: { 'X-Api-Key': apiKey } }).get('j-1');
    expect(stub.requests[0]?.headers.authorization).toBe(`Bearer ${token}`);
    expect(stub.requests[1]?.headers.authorization).toBe(`Basic ${basic}`);
    expect(stub.requests[2]?.headers['x-api-key']).toBe(apiKey);
    expect(stub.requests[0]?.headers.accept).toBe('application/json');
    expect(client({ token }).settings.auth).toBe('bearer');
    expect(client({ username, password }).settings.auth).toBe('basic');
    expect(JSON.stringify(client({ token }).settings)).not.toContain(token);
  });

  const credentialSets: { name: string; options: BacalhauClientOptions; secrets: string[] }[] = [
    { name: 'bearer token', options: { token }, secrets: [token] },
    { name: 'basic auth', options: { username, password }, secrets: [password, basic] },
    { name: 'X-Api-Key header', options: { headers: { 'X-Api-Key': apiKey }, token }, secrets: [apiKey, token] },
  ];

  /** What the server puts in its answer: every credential it received (Basic ones decoded too). */
  const echo = (request: StubRequest): string => {
    const authorization = request.headers.authorization ?? '';
    const decoded = authorization.startsWith('Basic ') ? Buffer.from(authorization.slice(6), 'base64').toString('utf8') : '';
    return `auth=${authorization} decoded=${decoded} key=${String(request.headers['x-api-key'] ?? '')}`;
  };

  const faults: { name: string; call: (c: BacalhauClient) => Promise<unknown>; handler: (request: StubRequest, res: ServerResponse) => void; type: new (...args: never[]) => Error }[] = [
    {
      name: 'invalid JSON 200',
      call: (c) => c.get('j-1'),
      handler: (request, res) => {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end(`you sent ${echo(request)}`);
      },
      type: BacalhauResponseError,
    },
    {
      name: 'HTML 502 with the header in its title',
      call: (c) => c.get('j-1'),
      handler: (request, res) => {
        res.writeHead(502, { 'Content-Type': 'text/html' });
        res.end(`<html><head><title>${echo(request)}</title></head><body>${echo(request)}</body></html>`);
      },
      type: BacalhauApiError,
    },
    {
      name: 'HTML 502 on submit',
      call: (c) => c.submit(validJob()),
      handler: (request, res) => {
        res.writeHead(502, { 'Content-Type': 'text/html' });
        res.end(`<title>${echo(request)}</title>`);
      },
      type: BacalhauApiError,
    },
    {
      name: 'plain-text 500',
      call: (c) => c.get('j-1'),
      handler: (request, res) => {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(echo(request));
      },
      type: BacalhauApiError,
    },
    {
      name: 'Bacalhau APIError with the header in Message',
      call: (c) => c.stop('j-1'),
      handler: (request, res) => json(res, 401, { Status: 401, Message: `unauthorised: ${echo(request)}`, Code: 'Unauthorized' }),
      type: BacalhauApiError,
    },
    {
      name: 'version check {"Error"}',
      call: (c) => c.get('j-1'),
      handler: (request, res) => json(res, 400, { Error: `bad client ${echo(request)}` }),
      type: BacalhauApiError,
    },
    {
      name: 'echo {"message"}',
      call: (c) => c.get('j-1'),
      handler: (request, res) => json(res, 404, { message: `Not Found ${echo(request)}` }),
      type: BacalhauApiError,
    },
    {
      name: 'too large',
      call: (c) => c.get('j-1'),
      handler: (request, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(echo(request).repeat(200));
      },
      type: BacalhauResponseError,
    },
    {
      name: 'timeout',
      call: (c) => c.get('j-1'),
      handler: () => undefined,
      type: BacalhauConnectionError,
    },
    {
      name: 'reset connection',
      call: (c) => c.get('j-1'),
      handler: (_request, res) => res.destroy(),
      type: BacalhauConnectionError,
    },
    {
      name: 'wait() on a job that fails with the header in its messages',
      call: (c) => c.wait('j-1', { timeoutMs: 2_000 }),
      handler: (request, res) => json(res, 404, { Status: 404, Message: `no job for ${echo(request)}` }),
      type: BacalhauApiError,
    },
  ];

  for (const credentials of credentialSets) {
    describe(`with ${credentials.name}`, () => {
      for (const fault of faults) {
        it(`${fault.name}: no secret in the error`, async () => {
          stub.handle(fault.handler);
          const c = client({ ...credentials.options, timeoutMs: 400, maxResponseBytes: 4096 });
          const { error } = await rejection(fault.call(c));
          expect(error).toBeInstanceOf(fault.type);
          // The server did get the secret, and did echo it.
          expect(echo(stub.requests[0] as StubRequest)).toContain(credentials.secrets[0]);
          expectNoSecrets(error, credentials.secrets);
        });
      }
    });
  }

  it('a fetch that throws with the token in its message and cause: no secret in the error or its cause chain', async () => {
    const throwing: FetchLike = (url, init) => {
      const inner = Object.assign(new Error(`connect refused while sending ${init.headers['Authorization'] ?? ''}`), { code: 'ECONNREFUSED' });
      return Promise.reject(new TypeError(`fetch failed: ${url} with ${JSON.stringify(init.headers)}`, { cause: inner }));
    };
    for (const credentials of credentialSets) {
      const c = client({ ...credentials.options, fetch: throwing, retries: 1 });
      const { error } = await rejection(c.get('j-1'));
      expect(error).toBeInstanceOf(BacalhauConnectionError);
      expect((error as BacalhauConnectionError).reason).toBe('network');
      expect((error as BacalhauConnectionError).message).toContain('ECONNREFUSED');
      // The cause is kept (redacted), with its own cause.
      const cause = (error as Error).cause as Error;
      expect(cause).toBeInstanceOf(Error);
      expect(cause.name).toBe('TypeError');
      expect(cause.message).toContain('[redacted]');
      expect((cause.cause as Error).message).toContain('[redacted]');
      expectNoSecrets(error, credentials.secrets);
    }
  });

  it('a fetch that throws a string holding the token', async () => {
    const c = client({ token, fetch: () => Promise.reject(`socket hang up ${token}`) });
    const { error } = await rejection(c.get('j-1'));
    expect(error).toBeInstanceOf(BacalhauConnectionError);
    expectNoSecrets(error, [token]);
  });

  it('a log stream error holding the token', async () => {
    stub.handle((_request, res) => json(res, 200, jobAnswer(jobRecord('j-1', 'Running'), [])));
    attachWebSockets((socket, request) => {
      socket.send(JSON.stringify({ error: { Message: `denied for ${request.headers.authorization ?? ''}` } }));
    });
    const c = client({ token });
    const { error } = await rejection((async () => {
      for await (const line of c.logs('j-1')) void line;
    })());
    expect(error).toBeInstanceOf(BacalhauClientError);
    expect((error as Error).message).toContain('denied for Bearer [redacted]');
    expectNoSecrets(error, [token]);
  });
});

// ---------------------------------------------------------------------------
// 5. submit()
// ---------------------------------------------------------------------------

describe('submit()', () => {
  it('a builder without a task throws BacalhauSpecError and sends nothing', async () => {
    const counting = countingFetch();
    const c = client({ fetch: counting.fetch });
    const { error } = await rejection(c.submit(Job.batch('x')));
    expect(error).toBeInstanceOf(BacalhauSpecError);
    expect((error as BacalhauSpecError).problems.map((p) => p.path)).toContain('Tasks');
    expect(counting.calls).toHaveLength(0);
    expect(stub.requests).toHaveLength(0);
  });

  it('a raw object with no tasks throws BacalhauSpecError and sends nothing', async () => {
    const counting = countingFetch();
    const c = client({ fetch: counting.fetch });
    const { error } = await rejection(c.submit({ Type: 'batch', Tasks: [] }));
    expect(error).toBeInstanceOf(BacalhauSpecError);
    expect((error as BacalhauSpecError).problems.length).toBeGreaterThan(0);
    expect((await rejection(c.diff({ Type: 'batch', Tasks: [] }))).error).toBeInstanceOf(BacalhauSpecError);
    expect(counting.calls).toHaveLength(0);
    expect(stub.requests).toHaveLength(0);
  });

  it('a valid builder is sent as PUT /jobs {"Job": spec, "Force": false}; null Warnings become []', async () => {
    stub.handle((_request, res) => json(res, 200, { JobID: 'j-42', EvaluationID: 'ev-1', Warnings: null }));
    const counting = countingFetch();
    const job = validJob();
    const result = await client({ fetch: counting.fetch }).submit(job);
    expect(result).toEqual({ jobId: 'j-42', evaluationId: 'ev-1', warnings: [] });
    expectDeepFrozen(result);
    expect(counting.calls).toHaveLength(1);
    expect(counting.calls[0]?.url).toBe(`${stub.url}${JOBS}`);
    const request = stub.requests[0] as StubRequest;
    expect(request.method).toBe('PUT');
    expect(request.path).toBe(JOBS);
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual({ Job: JSON.parse(JSON.stringify(job.build())), Force: false });
  });

  it('force: true, a raw spec object, and server warnings', async () => {
    stub.handle((_request, res) => json(res, 200, { JobID: 'j-43', EvaluationID: 'ev-2', Warnings: ['w1', 7, 'w2'] }));
    const spec = JSON.parse(JSON.stringify(validJob().build())) as Record<string, unknown>;
    const result = await client().submit(spec, { force: true });
    expect(result.warnings).toEqual(['w1', 'w2']);
    expect(JSON.parse(stub.requests[0]?.body ?? '')).toMatchObject({ Force: true, Job: { Name: 'hello', Type: 'batch' } });
  });
});

// ---------------------------------------------------------------------------
// 6. list() and answers
// ---------------------------------------------------------------------------

describe('list() and the shape of answers', () => {
  it('follows NextToken across 3 pages, sending labels, limit and the token', async () => {
    stub.handle((request, res) => {
      if (request.path !== JOBS || request.query.getAll('labels').join('|') !== 'a=1|b=2' || request.query.get('limit') !== '2') {
        json(res, 400, { Message: `unexpected ${request.url}` });
        return;
      }
      const token = request.query.get('next_token');
      if (token === null) json(res, 200, { Items: [jobRecord('j-1', 'Running', { extra: { Future: { Field: [1, { deep: true }] } } }), jobRecord('j-2', 4)], NextToken: 't1' });
      else if (token === 't1') json(res, 200, { Items: [jobRecord('j-3', 'Failed')], NextToken: 't2' });
      else if (token === 't2') json(res, 200, { Items: [jobRecord('j-4', 'Pending')], NextToken: '' });
      else json(res, 400, { Message: `bad token ${token}` });
    });
    const jobs = [];
    for await (const job of client().list({ labels: { a: '1', b: '2' }, limit: 2 })) jobs.push(job);
    expect(jobs.map((job) => job.ID)).toEqual(['j-1', 'j-2', 'j-3', 'j-4']);
    expect(stub.requests.map((r) => r.query.get('next_token'))).toEqual([null, 't1', 't2']);
    expect(stub.requests[0]?.url).toContain('labels=a%3D1&labels=b%3D2');
    expect(stub.requests[0]?.url).toContain('limit=2');
    // The job state sent as a number is named; unknown fields are kept; all frozen.
    expect(jobs[1]?.State.StateType).toBe('Completed');
    expect((jobs[0] as unknown as { Future: unknown }).Future).toEqual({ Field: [1, { deep: true }] });
    for (const job of jobs) expectDeepFrozen(job);
  });

  it('stops when the server repeats a token', async () => {
    stub.handle((_request, res) => json(res, 200, { Items: [jobRecord(`j-${stub.requests.length}`, 'Running')], NextToken: 'same' }));
    const ids: string[] = [];
    for await (const job of client().list()) ids.push(job.ID);
    expect(ids).toEqual(['j-1', 'j-2']);
    expect(stub.requests).toHaveLength(2);
  });

  it('label selectors as strings, namespace, order and reverse', async () => {
    stub.handle((_request, res) => json(res, 200, { Items: null, NextToken: '' }));
    for await (const job of client({ namespace: 'team' }).list({ labels: ['env in (prod,dev)', '!legacy'], orderBy: 'created_at', reverse: true })) void job;
    const query = stub.requests[0]?.query;
    expect(query?.getAll('labels')).toEqual(['env in (prod,dev)', '!legacy']);
    expect(query?.get('namespace')).toBe('team');
    expect(query?.get('order_by')).toBe('created_at');
    expect(query?.get('reverse')).toBe('true');
  });

  it('execution states sent as numbers come back as names; answers are deep-frozen with unknown fields kept', async () => {
    const executions = [
      { ...executionRecord('e-1', 9), Unknown: { nested: ['x'] } },
      executionRecord('e-2', 10),
      executionRecord('e-3', 99),
    ];
    stub.handle((request, res) => {
      if (request.path === `${JOBS}/j-1/executions`) json(res, 200, { Items: executions, NextToken: '' });
      else json(res, 200, { ...jobAnswer(jobRecord('j-1', 'Completed'), executions), Extra: 'kept?' });
    });
    const c = client();
    const listed = await c.executions('j-1');
    expect(listed.map((e) => e.ComputeState.StateType)).toEqual(['Completed', 'Failed', 'Unknown(99)']);
    expect(listed.map((e) => e.DesiredState.StateType)).toEqual(['Running', 'Running', 'Running']);
    expect((listed[0] as unknown as { Unknown: unknown }).Unknown).toEqual({ nested: ['x'] });
    expectDeepFrozen(listed);

    const details = await c.get('j-1', { include: 'executions' });
    expect(stub.requests[1]?.query.get('include')).toBe('executions');
    expect(details.executions?.[0]?.ComputeState.StateType).toBe('Completed');
    expect(details.executions?.[0]?.DesiredState.StateType).toBe('Running');
    expectDeepFrozen(details);
  });

  it('history entries get named states', async () => {
    stub.handle((_request, res) =>
      json(res, 200, {
        Items: [
          { SeqNum: 1, Type: 'JobLevel', JobState: { Previous: 1, New: 3 } },
          { SeqNum: 2, Type: 'ExecutionLevel', ExecutionState: { Previous: 6, New: 9 } },
        ],
        NextToken: '',
      }),
    );
    const history = await client().history('j-1', { eventType: 'job' });
    expect(history[0]?.JobState).toEqual({ Previous: 'Pending', New: 'Running' });
    expect(history[1]?.ExecutionState).toEqual({ Previous: 'Running', New: 'Completed' });
    expect(stub.requests[0]?.query.get('event_type')).toBe('job');
  });

  it('a blank job ID is refused before sending', async () => {
    const counting = countingFetch();
    const c = client({ fetch: counting.fetch });
    await expect(c.get('  ')).rejects.toBeInstanceOf(BacalhauSpecError);
    expect(() => c.logs('')).toThrow(BacalhauSpecError);
    expect(counting.calls).toHaveLength(0);
  });

  it('job IDs are URL-encoded in the path', async () => {
    stub.handle((_request, res) => json(res, 200, jobAnswer(jobRecord('j-1', 'Running'))));
    await client().get('my job/1');
    expect(stub.requests[0]?.url).toBe(`${JOBS}/my%20job%2F1`);
  });
});

// ---------------------------------------------------------------------------
// 7. wait()
// ---------------------------------------------------------------------------

describe('wait()', () => {
  /** Answers poll n (1-based) with script[n-1], the last entry from then on. */
  function scriptJob(script: readonly (() => Record<string, unknown>)[]): void {
    stub.handle((request, res) => {
      const poll = stub.requestsTo(`${JOBS}/j-1`).length;
      const step = script[Math.min(poll, script.length) - 1];
      if (request.query.get('include') !== 'executions' || step === undefined) json(res, 400, { Message: 'bad poll' });
      else json(res, 200, step());
    });
  }

  it('reports Pending → Running → Completed once each and resolves succeeded', async () => {
    scriptJob([
      () => jobAnswer(jobRecord('j-1', 'Pending'), []),
      () => jobAnswer(jobRecord('j-1', 'Running'), [executionRecord('e-1', 6)]),
      () => jobAnswer(jobRecord('j-1', 'Running'), [executionRecord('e-1', 6)]),
      () => jobAnswer(jobRecord('j-1', 'Completed'), [executionRecord('e-1', 9, { Stdout: 'hi\n', ExitCode: 0 })]),
    ]);
    const progress: WaitProgress[] = [];
    const done = await client().wait('j-1', { pollIntervalMs: 50, onProgress: (p) => progress.push(p) });
    expect(progress.map((p) => p.state)).toEqual(['Pending', 'Running', 'Completed']);
    expect(progress.map((p) => p.executions.map((e) => e.ComputeState.StateType))).toEqual([[], ['Running'], ['Completed']]);
    expect(progress.every((p) => p.jobId === 'j-1')).toBe(true);
    expect(done.state).toBe('Completed');
    expect(done.succeeded).toBe(true);
    expect(done.reason).toBe('');
    expect(done.executions[0]?.RunOutput?.ExitCode).toBe(0);
    expectDeepFrozen(done);
    expect(stub.requests).toHaveLength(4);
  });

  it('a non-zero exit code: Completed but not succeeded, reason names exit code and stderr', async () => {
    scriptJob([() => jobAnswer(jobRecord('j-1', 'Completed'), [executionRecord('e-1', 9, { Stdout: '', stderr: 'first\nlast words\n', ExitCode: 3 })])]);
    const done = await client().wait('j-1');
    expect(done.state).toBe('Completed');
    expect(done.succeeded).toBe(false);
    expect(done.reason).toContain('exit code 3');
    expect(done.reason).toContain('stderr: last words');
    expect(done.reason).toContain('e-1');
  });

  it('a Completed job whose failed execution Bacalhau replaced: succeeded, no reason', async () => {
    scriptJob([
      () =>
        jobAnswer(jobRecord('j-1', 'Completed'), [
          executionRecord('e-old', 10, { ExitCode: 0 }),
          executionRecord('e-new', 9, { Stdout: 'ok\n', ExitCode: 0 }),
        ]),
    ]);
    const done = await client().wait('j-1');
    expect(done.succeeded).toBe(true);
    expect(done.reason).toBe('');
  });

  it("a Failed job: reason has the job's State.Message", async () => {
    scriptJob([
      () => jobAnswer(jobRecord('j-1', 'Running'), [executionRecord('e-1', 6)]),
      () =>
        jobAnswer(jobRecord('j-1', 'Failed', { message: 'no node matched the constraints' }), [
          { ...executionRecord('e-1', 10, { ErrorMsg: 'image not found' }), ComputeState: { StateType: 10, Message: 'executor failed' } },
        ]),
    ]);
    const done = await client().wait('j-1', { pollIntervalMs: 50 });
    expect(done.state).toBe('Failed');
    expect(done.succeeded).toBe(false);
    expect(done.reason).toContain('no node matched the constraints');
    expect(done.reason).toContain('executor failed');
    expect(done.reason).toContain('image not found');
  });

  it('timeoutMs: BacalhauWaitError with jobId and lastState', async () => {
    scriptJob([() => jobAnswer(jobRecord('j-1', 'Running'), [executionRecord('e-1', 6)])]);
    const { error, ms } = await rejection(client().wait('j-1', { timeoutMs: 600, pollIntervalMs: 50 }));
    expect(error).toBeInstanceOf(BacalhauWaitError);
    const failure = error as BacalhauWaitError;
    expect(failure.reason).toBe('timeout');
    expect(failure.jobId).toBe('j-1');
    expect(failure.lastState).toBe('Running');
    expect(failure.message).toContain('j-1');
    expect(failure.message).toContain('Running');
    expect(ms).toBeGreaterThanOrEqual(550);
    expect(ms).toBeLessThan(1_500);
  });

  it('timeoutMs while a poll hangs still ends at the wait timeout', async () => {
    stub.handle(() => undefined);
    const { error, ms } = await rejection(client({ timeoutMs: 10_000 }).wait('j-1', { timeoutMs: 400 }));
    expect(error).toBeInstanceOf(BacalhauWaitError);
    expect((error as BacalhauWaitError).reason).toBe('timeout');
    expect((error as BacalhauWaitError).lastState).toBeUndefined();
    expect(ms).toBeLessThan(1_500);
  });

  it('an AbortController aborts with reason aborted', async () => {
    scriptJob([() => jobAnswer(jobRecord('j-1', 'Pending'), [])]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const { error, ms } = await rejection(client().wait('j-1', { signal: controller.signal, pollIntervalMs: 50 }));
    expect(error).toBeInstanceOf(BacalhauWaitError);
    expect((error as BacalhauWaitError).reason).toBe('aborted');
    expect((error as BacalhauWaitError).lastState).toBe('Pending');
    expect(ms).toBeLessThan(1_000);
  });

  it('a server down for a few polls (connections reset) and then back: wait still resolves', async () => {
    stub.handle((request, res) => {
      if (stub.requests.length <= 3) {
        res.destroy();
        return;
      }
      if (request.query.get('include') !== 'executions') json(res, 400, { Message: 'bad poll' });
      else json(res, 200, jobAnswer(jobRecord('j-1', 'Completed'), [executionRecord('e-1', 9, { ExitCode: 0 })]));
    });
    const progress: string[] = [];
    const done = await client({ retries: 0 }).wait('j-1', { pollIntervalMs: 50, timeoutMs: 5_000, onProgress: (p) => progress.push(p.state) });
    expect(done.state).toBe('Completed');
    expect(done.succeeded).toBe(true);
    expect(progress).toEqual(['Completed']);
    expect(stub.requests.length).toBeGreaterThanOrEqual(4);
  });

  it('a server that is not listening yet and then starts: wait still resolves', async () => {
    const port = await closedPort();
    const c = new BacalhauClient({ url: `http://127.0.0.1:${port}`, retries: 0, timeoutMs: 500 });
    const waiting = c.wait('j-1', { pollIntervalMs: 50, timeoutMs: 5_000 });
    waiting.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 400));
    let polls = 0;
    const late = createServer((_req, res) => {
      polls += 1;
      json(res, 200, jobAnswer(jobRecord('j-1', 'Stopped', { message: 'stopped by user' }), []));
    });
    await new Promise<void>((resolve) => late.listen(port, '127.0.0.1', () => resolve()));
    try {
      const done = await waiting;
      expect(done.state).toBe('Stopped');
      expect(done.succeeded).toBe(false);
      expect(done.reason).toContain('stopped by user');
      expect(polls).toBe(1);
    } finally {
      late.closeAllConnections();
      await new Promise<void>((resolve) => late.close(() => resolve()));
    }
  });

  it('a 404 rejects with BacalhauApiError', async () => {
    stub.handle((_request, res) => json(res, 404, { Status: 404, Message: 'job j-1 not found', Code: 'NotFound' }));
    const { error } = await rejection(client().wait('j-1', { timeoutMs: 5_000 }));
    expect(error).toBeInstanceOf(BacalhauApiError);
    expect((error as BacalhauApiError).status).toBe(404);
    expect((error as BacalhauApiError).code).toBe('NotFound');
    expect(stub.requests).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------
// 8. Options
// ---------------------------------------------------------------------------

describe('constructor options', () => {
  function optionError(options: BacalhauClientOptions): BacalhauSpecError {
    try {
      new BacalhauClient(options);
    } catch (error) {
      expect(error).toBeInstanceOf(BacalhauSpecError);
      return error as BacalhauSpecError;
    }
    throw new Error('expected BacalhauSpecError');
  }

  it('a URL with credentials is refused without showing the password', () => {
    const error = optionError({ url: 'http://u:hunter2-pass@host' });
    expect(error.problems.map((p) => p.path)).toEqual(['url']);
    expect(error.message).toContain('url');
    expectNoSecrets(error, ['hunter2-pass']);
  });

  it('a non-http URL with credentials is refused without showing the password', () => {
    const error = optionError({ url: 'ftp://u:hunter2-pass@host/x' });
    expect(error.problems.map((p) => p.path)).toEqual(['url']);
    expectNoSecrets(error, ['hunter2-pass']);
  });

  it.each<[string, BacalhauClientOptions, string]>([
    ['ftp://x', { url: 'ftp://x' }, 'url'],
    ['http:// without host', { url: 'http://' }, 'url'],
    ['a URL with a query', { url: 'http://host/?a=1' }, 'url'],
    ['timeoutMs: -1', { url: 'http://host', timeoutMs: -1 }, 'timeoutMs'],
    ['timeoutMs: NaN', { url: 'http://host', timeoutMs: Number.NaN }, 'timeoutMs'],
    ['maxResponseBytes: 0', { url: 'http://host', maxResponseBytes: 0 }, 'maxResponseBytes'],
    ['retries: 1.5', { url: 'http://host', retries: 1.5 }, 'retries'],
    ['retries: -1', { url: 'http://host', retries: -1 }, 'retries'],
    ['retries: 11', { url: 'http://host', retries: 11 }, 'retries'],
    ['token and username together', { url: 'http://host', token: 't', username: 'u', password: 'p' }, 'token'],
    ['password without username', { url: 'http://host', password: 'p' }, 'username'],
    ['username without password', { url: 'http://host', username: 'u' }, 'password'],
    ['a username with a colon', { url: 'http://host', username: 'a:b', password: 'p' }, 'username'],
    ['a blank token', { url: 'http://host', token: '  ' }, 'token'],
    ['a token with a newline', { url: 'http://host', token: 'abc\r\nX-Evil: 1' }, 'token'],
  ])('%s is a BacalhauSpecError naming the field', (_name, options, field) => {
    const error = optionError(options);
    expect(error.problems.map((p) => p.path)).toContain(field);
    expect(error.message).toContain(field);
    expect(error.message).toContain('BacalhauClient options');
  });

  it('every problem is reported at once', () => {
    const error = optionError({ url: 'ftp://x', timeoutMs: -1, retries: 1.5 });
    expect(error.problems.map((p) => p.path)).toEqual(['url', 'timeoutMs', 'retries']);
  });

  it('a trailing slash is dropped from the URL', () => {
    expect(new BacalhauClient({ url: 'http://host:1234/base//' }).settings.url).toBe('http://host:1234/base');
  });

  describe('environment', () => {
    const names = ['BACALHAU_API_HOST', 'BACALHAU_API_PORT', 'BACALHAU_API_KEY'] as const;
    let saved: Record<string, string | undefined>;
    beforeEach(() => {
      saved = Object.fromEntries(names.map((name) => [name, process.env[name]]));
    });
    afterEach(() => {
      for (const name of names) {
        const value = saved[name];
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    });

    it('defaults to http://127.0.0.1:1234 without the variables', () => {
      for (const name of names) delete process.env[name];
      const c = new BacalhauClient();
      expect(c.settings.url).toBe('http://127.0.0.1:1234');
      expect(c.settings.auth).toBe('none');
      expect(c.settings.timeoutMs).toBe(30_000);
    });

    it('BACALHAU_API_HOST / BACALHAU_API_PORT give the URL and BACALHAU_API_KEY the bearer token', async () => {
      process.env['BACALHAU_API_HOST'] = '127.0.0.1';
      process.env['BACALHAU_API_PORT'] = String(stub.port);
      process.env['BACALHAU_API_KEY'] = 'env-key-abcdef-123';
      stub.handle((_request, res) => json(res, 200, { Status: 'OK' }));
      const c = new BacalhauClient({ retries: 0 });
      expect(c.settings.url).toBe(stub.url);
      expect(c.settings.auth).toBe('bearer');
      expect(await c.alive()).toBe(true);
      expect(stub.requests[0]?.path).toBe('/api/v1/agent/alive');
      expect(stub.requests[0]?.headers.authorization).toBe('Bearer env-key-abcdef-123');
    });

    it('an explicit token or username wins over BACALHAU_API_KEY', async () => {
      process.env['BACALHAU_API_KEY'] = 'env-key-abcdef-123';
      stub.handle((_request, res) => json(res, 200, { Status: 'OK' }));
      await client({ token: 'mine' }).alive();
      await client({ username: 'u', password: 'p' }).alive();
      expect(stub.requests.map((r) => r.headers.authorization)).toEqual(['Bearer mine', `Basic ${Buffer.from('u:p').toString('base64')}`]);
    });

    it('a host given with a scheme is used as the URL; an IPv6 host is bracketed', () => {
      process.env['BACALHAU_API_HOST'] = 'https://bacalhau.example.com';
      expect(new BacalhauClient().settings.url).toBe('https://bacalhau.example.com');
      process.env['BACALHAU_API_HOST'] = '::1';
      process.env['BACALHAU_API_PORT'] = '9999';
      expect(new BacalhauClient().settings.url).toBe('http://[::1]:9999');
    });
  });
});

// ---------------------------------------------------------------------------
// 9. logs()
// ---------------------------------------------------------------------------

describe('logs()', () => {
  async function collect(iterable: AsyncIterable<{ stream: string; line: string; executionId?: string }>): Promise<unknown[]> {
    const lines: unknown[] = [];
    for await (const line of iterable) lines.push({ ...line });
    return lines;
  }

  it('a docker job streams over the /logs WebSocket: stdout and stderr lines, ended by close 1000', async () => {
    stub.handle((_request, res) => json(res, 200, jobAnswer(jobRecord('j-1', 'Running'), [])));
    const upgrades: IncomingMessage[] = [];
    attachWebSockets((socket, request) => {
      upgrades.push(request);
      socket.send(JSON.stringify({ value: { Type: 1, Line: 'a\n' } }));
      socket.send(JSON.stringify({ value: { Type: 2, Line: 'b\n' } }));
      socket.close(1000);
    });
    const lines = await within(collect(client({ token: 'tok-1234567' }).logs('j-1')), 3_000, 'the log stream ending');
    expect(lines).toEqual([
      { stream: 'stdout', line: 'a' },
      { stream: 'stderr', line: 'b' },
    ]);
    expect(upgrades).toHaveLength(1);
    expect(new URL(upgrades[0]?.url ?? '', 'ws://x').pathname).toBe(`${JOBS}/j-1/logs`);
    expect(upgrades[0]?.headers.authorization).toBe('Bearer tok-1234567');
    expect(stub.requests[0]?.query.get('include')).toBe('executions');
  });

  it('follow, tail, executionId and namespace go in the query', async () => {
    stub.handle((_request, res) => json(res, 200, jobAnswer(jobRecord('j-1', 'Running'), [])));
    const urls: string[] = [];
    attachWebSockets((socket, request) => {
      urls.push(request.url ?? '');
      socket.close(1000);
    });
    await within(collect(client().logs('j-1', { follow: true, tail: true, executionId: 'e-7', namespace: 'ns' })), 3_000, 'the log stream ending');
    const query = new URL(urls[0] ?? '', 'ws://x').searchParams;
    expect(query.get('follow')).toBe('true');
    expect(query.get('tail')).toBe('true');
    expect(query.get('execution_id')).toBe('e-7');
    expect(query.get('namespace')).toBe('ns');
    await within(collect(client().logs('j-1')), 3_000, 'the log stream ending');
    expect(new URL(urls[1] ?? '', 'ws://x').searchParams.has('follow')).toBe(false);
  });

  it('an {"error": …} message rejects with BacalhauClientError holding its text', async () => {
    stub.handle((_request, res) => json(res, 200, jobAnswer(jobRecord('j-1', 'Running'), [])));
    attachWebSockets((socket) => {
      socket.send(JSON.stringify({ value: { Type: 1, Line: 'before\n' } }));
      socket.send(JSON.stringify({ error: { Message: 'boom' } }));
    });
    const seen: string[] = [];
    const { error } = await rejection(
      within(
        (async () => {
          for await (const line of client().logs('j-1')) seen.push(line.line);
        })(),
        3_000,
        'the log stream failing',
      ),
    );
    expect(error).toBeInstanceOf(BacalhauClientError);
    expect((error as BacalhauClientError).message).toContain('boom');
    expect((error as BacalhauClientError).method).toBe('WS');
    expect((error as BacalhauClientError).url).toContain(`${JOBS}/j-1/logs`);
    expect(seen).toEqual(['before']);
  });

  it('an abnormal close code rejects', async () => {
    stub.handle((_request, res) => json(res, 200, jobAnswer(jobRecord('j-1', 'Running'), [])));
    attachWebSockets((socket) => socket.close(1011, 'internal'));
    const { error } = await rejection(within(collect(client().logs('j-1')), 3_000, 'the log stream failing'));
    expect(error).toBeInstanceOf(BacalhauClientError);
    expect((error as Error).message).toContain('1011');
  });

  it('breaking out of the for-await closes the socket', async () => {
    stub.handle((_request, res) => json(res, 200, jobAnswer(jobRecord('j-1', 'Running'), [])));
    let closed: (code: number) => void = () => undefined;
    const serverSawClose = new Promise<number>((resolve) => {
      closed = resolve;
    });
    attachWebSockets((socket) => {
      socket.on('close', (code) => closed(code));
      let n = 0;
      const timer = setInterval(() => {
        n += 1;
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ value: { Type: 1, Line: `line ${n}\n` } }));
        else clearInterval(timer);
      }, 20);
      socket.on('close', () => clearInterval(timer));
    });
    const lines: string[] = [];
    for await (const { line } of client().logs('j-1', { follow: true })) {
      lines.push(line);
      if (lines.length === 2) break;
    }
    expect(lines).toEqual(['line 1', 'line 2']);
    expect(await within(serverSawClose, 3_000, 'the server seeing the socket close')).toBe(1000);
  });

  it('aborting the signal ends the stream with an error and closes the socket', async () => {
    stub.handle((_request, res) => json(res, 200, jobAnswer(jobRecord('j-1', 'Running'), [])));
    let closed: (code: number) => void = () => undefined;
    const serverSawClose = new Promise<number>((resolve) => {
      closed = resolve;
    });
    attachWebSockets((socket) => {
      socket.on('close', (code) => closed(code));
      socket.send(JSON.stringify({ value: { Type: 1, Line: 'first\n' } }));
    });
    const controller = new AbortController();
    const lines: string[] = [];
    const { error } = await rejection(
      within(
        (async () => {
          for await (const { line } of client().logs('j-1', { follow: true, signal: controller.signal })) {
            lines.push(line);
            controller.abort();
          }
        })(),
        3_000,
        'the aborted stream ending',
      ),
    );
    expect(error).toBeInstanceOf(BacalhauClientError);
    expect((error as Error).message).toContain('aborted');
    expect(lines).toEqual(['first']);
    expect(await within(serverSawClose, 3_000, 'the server seeing the socket close')).toBe(1000);
  });

  it('a wasm job reads RunOutput from GET /jobs/{id}?include=executions, opening no WebSocket', async () => {
    stub.handle((_request, res) =>
      json(
        res,
        200,
        jobAnswer(jobRecord('j-1', 'Completed', { engine: 'wasm' }), [
          executionRecord('e-1', 9, { Stdout: 'one\ntwo\n', stderr: 'warn\n', ExitCode: 0 }),
          executionRecord('e-2', 9, { Stdout: 'three', ExitCode: 0 }),
        ]),
      ),
    );
    let opened = 0;
    attachWebSockets(() => {
      opened += 1;
    });
    const lines = await collect(client().logs('j-1'));
    expect(lines).toEqual([
      { stream: 'stdout', line: 'one', executionId: 'e-1' },
      { stream: 'stdout', line: 'two', executionId: 'e-1' },
      { stream: 'stderr', line: 'warn', executionId: 'e-1' },
      { stream: 'stdout', line: 'three', executionId: 'e-2' },
    ]);
    expect(opened).toBe(0);
    expect(stub.requests).toHaveLength(1);
    expect(stub.requests[0]?.path).toBe(`${JOBS}/j-1`);
    expect(stub.requests[0]?.query.get('include')).toBe('executions');
    // One execution only.
    const only = await collect(client().logs('j-1', { executionId: 'e-2' }));
    expect(only).toEqual([{ stream: 'stdout', line: 'three', executionId: 'e-2' }]);
  });

  it('a wasm job with follow waits for the executions to end, then reads their output', async () => {
    stub.handle((_request, res) => {
      const poll = stub.requests.length;
      if (poll <= 2) json(res, 200, jobAnswer(jobRecord('j-1', 'Running', { engine: 'wasm' }), [executionRecord('e-1', 6)]));
      else json(res, 200, jobAnswer(jobRecord('j-1', 'Completed', { engine: 'wasm' }), [executionRecord('e-1', 9, { Stdout: 'done\n', ExitCode: 0 })]));
    });
    const lines = await within(collect(client().logs('j-1', { follow: true })), 5_000, 'the logs');
    expect(lines).toEqual([{ stream: 'stdout', line: 'done', executionId: 'e-1' }]);
    expect(stub.requests.length).toBeGreaterThanOrEqual(3);
  });
});

// ---------------------------------------------------------------------------
// Leaks and corners found by review, each fixed
// ---------------------------------------------------------------------------

describe('no secret survives in any error field', () => {
  const token = 'sekrit-token-123456789';

  /** Every text an error exposes: message, stack, each own property, recursively through causes. */
  function everything(error: unknown): string {
    const parts: string[] = [];
    let current: unknown = error;
    for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
      parts.push(String(current), inspect(current, { depth: 5 }), JSON.stringify(current, Object.getOwnPropertyNames(current)));
      for (const value of Object.values(current as object)) parts.push(typeof value === 'string' ? value : JSON.stringify(value) ?? '');
      current = (current as { cause?: unknown }).cause;
    }
    return parts.join('\n');
  }

  it('hint, code, component, request ID and details that echo the token are redacted', async () => {
    stub.handle((_request, res) =>
      json(res, 400, { Status: 400, Message: 'bad', Code: `C ${token}`, Component: `X ${token}`, Hint: `h Bearer ${token}`, RequestID: token, Details: { [token]: `v ${token}` } }),
    );
    const { error } = await rejection(client({ token }).get('j-1'));
    expect(error).toBeInstanceOf(BacalhauApiError);
    const apiError = error as BacalhauApiError;
    expect(apiError.hint).toBe('h Bearer [redacted]');
    expect(apiError.details).toEqual({ '[redacted]': 'v [redacted]' });
    expect(everything(error)).not.toContain(token);
    expect(everything(error)).not.toContain('sekrit');
  });

  it('a page title cut at the snippet length shows no part of the token', async () => {
    stub.handle((_request, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end(`<html><title>${'x'.repeat(110)} Bearer ${token}</title></html>`);
    });
    const { error } = await rejection(client({ token }).get('j-1'));
    expect(everything(error)).not.toMatch(/sekrit|se…|sek/);
  });

  it('a password with runs of whitespace is redacted before whitespace is collapsed', async () => {
    const password = 'pass\t\tword  here';
    stub.handle((_request, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end(`<title>echo ${password}</title>`);
    });
    const { error } = await rejection(client({ username: 'me', password }).get('j-1'));
    expect(everything(error)).not.toContain('pass');
    expect(everything(error)).not.toContain('word here');
  });

  it('an error code holding the token is redacted', async () => {
    const throwing: FetchLike = () => Promise.reject(Object.assign(new TypeError('fetch failed'), { code: `E_${token}` }));
    const { error } = await rejection(client({ token, fetch: throwing }).get('j-1'));
    expect(error).toBeInstanceOf(BacalhauConnectionError);
    expect(everything(error)).not.toContain(token);
  });

  it.each(['http://u:pa/ss-word@host', 'ftp://u:p@ss-word@host', 'http://user:secret@127.0.0.1:1234', 'http://host/path@x'])('the URL %s is refused, and never echoed', (url) => {
    let thrown: unknown;
    try {
      new BacalhauClient({ url });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(BacalhauSpecError);
    expect((thrown as BacalhauSpecError).problems.map((p) => p.path)).toEqual(['url']);
    expect(everything(thrown)).not.toMatch(/ss-word|secret|pa\/ss/);
  });

  it('a port that is not a number is refused', () => {
    expect(() => new BacalhauClient({ url: 'http://host:port' })).toThrow(/numeric port/);
  });
});

describe('aborting', () => {
  it('wait() with a signal aborted before the call rejects at once, without polling', async () => {
    stub.handle((_request, res) => json(res, 200, { Job: jobRecord('j-1', 'Running') }));
    const { error, ms } = await rejection(client().wait('j-1', { signal: AbortSignal.abort(), timeoutMs: 5_000 }));
    expect(error).toBeInstanceOf(BacalhauWaitError);
    expect((error as BacalhauWaitError).reason).toBe('aborted');
    expect(ms).toBeLessThan(500);
    expect(stub.requests).toHaveLength(0);
  });

  it('aborting logs() is a BacalhauConnectionError with reason aborted', async () => {
    stub.handle((_request, res) => json(res, 200, { Job: jobRecord('j-1', 'Running'), Executions: { Items: [] } }));
    const { error } = await rejection(
      (async () => {
        for await (const _line of client().logs('j-1', { signal: AbortSignal.abort() })) void _line;
      })(),
    );
    expect(error).toBeInstanceOf(BacalhauConnectionError);
    expect((error as BacalhauConnectionError).reason).toBe('aborted');
  });

  it('a job without tasks from the server does not crash logs()', async () => {
    stub.handle((_request, res) => json(res, 200, { Job: { ...jobRecord('j-1', 'Completed'), Tasks: null }, Executions: { Items: [] } }));
    const lines: unknown[] = [];
    for await (const line of client().logs('j-1')) lines.push(line);
    expect(lines).toEqual([]);
  });
});
