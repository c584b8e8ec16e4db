/**
 * A node that requires an API key: requests without one, or with a wrong one,
 * are refused (401 from Bacalhau's Authorizer) and the client reports them as
 * `BacalhauApiError` without ever showing a credential; with the key, jobs run.
 * The health check stays open.
 */
import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNode, type BacalhauNode } from '../../scripts/bacalhau.mjs';
import { BacalhauApiError, BacalhauClient, type BacalhauClientOptions, type LogLine } from '../../src/index.js';
import { uniqueName, wasmJob } from './support.js';

const TEST_TIMEOUT = 90_000;

/** 32 random characters (hex), as a Bacalhau API key (20–255 characters) needs. */
function randomKey(): string {
  return randomBytes(16).toString('hex');
}

const apiKey = randomKey();
let node: BacalhauNode | undefined;

function url(): string {
  if (node === undefined) throw new Error('the node did not start');
  return node.url;
}

function clientWith(options: BacalhauClientOptions = {}): BacalhauClient {
  return new BacalhauClient({ url: url(), timeoutMs: 15_000, ...options });
}

/** The rejection of `promise`, which must reject. */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to be refused, but it succeeded');
}

async function firstJob(jobs: AsyncIterable<unknown>): Promise<unknown> {
  for await (const job of jobs) return job;
  return undefined;
}

/** Checks `error` is Bacalhau's 401 from its Authorizer, and returns it typed. */
function expectUnauthorized(error: unknown): BacalhauApiError {
  expect(error).toBeInstanceOf(BacalhauApiError);
  const apiError = error as BacalhauApiError;
  expect(apiError.status).toBe(401);
  expect(apiError.code).toBe('Unauthorized');
  expect(apiError.component).toBe('Authorizer');
  return apiError;
}

/**
 * Every text an error exposes: message, String(), inspect() (which shows every
 * property and the cause chain), JSON of its own properties, stack, and the same
 * for each cause.
 */
function everyText(error: unknown): string[] {
  const texts: string[] = [inspect(error, { depth: 10, showHidden: true })];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 10; depth += 1) {
    texts.push(String(current));
    if (typeof current === 'object') {
      const props: Record<string, unknown> = {};
      for (const name of Object.getOwnPropertyNames(current)) props[name] = (current as Record<string, unknown>)[name];
      texts.push(JSON.stringify(props, (_key, value: unknown) => (value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value)));
      const { message, stack } = current as { message?: unknown; stack?: unknown };
      texts.push(String(message), String(stack));
    }
    current = (current as { cause?: unknown }).cause;
  }
  return texts;
}

function expectNoSecret(error: unknown, secrets: readonly string[]): void {
  for (const text of everyText(error)) {
    for (const secret of secrets) expect(text.includes(secret), `a credential shows in: ${text.slice(0, 300)}`).toBe(false);
  }
}

beforeAll(async () => {
  node = await startNode({ apiKey });
});

afterAll(async () => {
  await node?.cleanup();
});

describe('a node that requires an API key', () => {
  it('answers the health check without a token', { timeout: TEST_TIMEOUT }, async () => {
    const anonymous = clientWith();
    expect(anonymous.settings.auth).toBe('none');
    await expect(anonymous.alive()).resolves.toBe(true);
  });

  it('refuses submit, get and list without a token: 401 Unauthorized, naming the missing header', { timeout: TEST_TIMEOUT }, async () => {
    const anonymous = clientWith();
    const name = uniqueName('auth-anonymous');
    const refusals: Record<string, unknown> = {
      submit: await rejectionOf(anonymous.submit(wasmJob(name, 'hello'))),
      get: await rejectionOf(anonymous.get('j-00000000-0000-0000-0000-000000000000')),
      list: await rejectionOf(firstJob(anonymous.list())),
      nodes: await rejectionOf(anonymous.nodes()),
    };
    for (const [call, refusal] of Object.entries(refusals)) {
      const error = expectUnauthorized(refusal);
      // Bacalhau says "Request Unauthorized" and gives the reason in Details.
      expect(`${error.message} ${JSON.stringify(error.details)}`, call).toMatch(/missing authorization header/i);
      expect(error.details['reason'], call).toBe('Missing Authorization header');
    }
    // The refused submit created nothing.
    const authorized = clientWith({ token: apiKey });
    const names: (string | undefined)[] = [];
    for await (const job of authorized.list()) names.push(job.Name);
    expect(names).not.toContain(name);
  });

  it('with the token, submits a job, waits for it and reads its logs', { timeout: TEST_TIMEOUT }, async () => {
    const authorized = clientWith({ token: apiKey });
    expect(authorized.settings.auth).toBe('bearer');
    const name = uniqueName('auth-hello');
    const { jobId } = await authorized.submit(wasmJob(name, 'hello', ['with-key']));
    const done = await authorized.wait(jobId, { timeoutMs: 60_000 });
    expect(done.state, done.reason).toBe('Completed');
    expect(done.succeeded, done.reason).toBe(true);

    const lines: LogLine[] = [];
    for await (const line of authorized.logs(jobId)) lines.push(line);
    expect(lines.filter((l) => l.stream === 'stdout').map((l) => l.line)).toEqual(expect.arrayContaining(['hello from wasm']));
    expect(lines).toContainEqual(expect.objectContaining({ stream: 'stderr', line: 'hello on stderr' }));

    expect((await authorized.get(jobId)).job.Name).toBe(name);
    const listed: string[] = [];
    for await (const job of authorized.list()) listed.push(job.ID);
    expect(listed).toContain(jobId);
    expect((await authorized.nodes()).length).toBeGreaterThan(0);
  });

  it('refuses a wrong token with 401 and shows neither the wrong nor the right token in the error', { timeout: TEST_TIMEOUT }, async () => {
    const wrongToken = randomKey();
    expect(wrongToken).not.toBe(apiKey);
    const wrong = clientWith({ token: wrongToken });
    const errors = [
      await rejectionOf(wrong.get('j-00000000-0000-0000-0000-000000000000')),
      await rejectionOf(wrong.submit(wasmJob(uniqueName('auth-wrong'), 'hello'))),
      await rejectionOf(firstJob(wrong.list())),
    ];
    for (const error of errors) {
      const apiError = expectUnauthorized(error);
      expect(apiError.details['reason']).toMatch(/invalid API key/i);
      expectNoSecret(error, [wrongToken, apiKey]);
    }
    // An error for a client holding the right token does not show it either.
    const authorized = clientWith({ token: apiKey });
    const notFound = await rejectionOf(authorized.get('j-00000000-0000-0000-0000-000000000000'));
    expect(notFound).toBeInstanceOf(BacalhauApiError);
    expect((notFound as BacalhauApiError).status).toBe(404);
    expectNoSecret(notFound, [apiKey]);
  });

  it('refuses Basic authentication with wrong credentials with 401, without showing the password', { timeout: TEST_TIMEOUT }, async () => {
    const password = randomKey();
    const basic = clientWith({ username: 'e2e', password });
    expect(basic.settings.auth).toBe('basic');
    const error = expectUnauthorized(await rejectionOf(basic.get('j-00000000-0000-0000-0000-000000000000')));
    expect(error.details['reason']).toMatch(/invalid basic auth credentials/i);
    expectNoSecret(error, [password, Buffer.from(`e2e:${password}`).toString('base64'), apiKey]);
    // An API key sent as the Basic password is not accepted either.
    const keyAsPassword = clientWith({ username: 'e2e', password: apiKey });
    const refused = expectUnauthorized(await rejectionOf(keyAsPassword.get('j-00000000-0000-0000-0000-000000000000')));
    expectNoSecret(refused, [apiKey, Buffer.from(`e2e:${apiKey}`).toString('base64')]);
  });
});
