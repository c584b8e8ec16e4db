/**
 * `downloadResults` against a loopback stub of the results endpoint and the
 * local publisher: archives unpacked by content, hostile archives refused whole.
 */
import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { packTar, type TarEntry } from 'modern-tar';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BacalhauClient, BacalhauClientError } from '../../src/index.js';
import { downloadResults, UnsafeArchiveError } from '../../src/node/index.js';

/** What the stub serves: result items per job, archive bytes per path. */
const results = new Map<string, unknown[]>();
const archives = new Map<string, Uint8Array>();
let server: Server;
let base = '';
let scratch = '';

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = request.url ?? '';
    const items = /^\/api\/v1\/orchestrator\/jobs\/([^/]+)\/results/.exec(path);
    if (items !== null) {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ Items: results.get(items[1] ?? '') ?? [], NextToken: '' }));
      return;
    }
    const archive = archives.get(path);
    response.statusCode = archive === undefined ? 404 : 200;
    response.end(archive === undefined ? 'not found' : Buffer.from(archive));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(async () => {
  results.clear();
  archives.clear();
  if (scratch !== '') await rm(scratch, { recursive: true, force: true });
  scratch = await mkdtemp(join(tmpdir(), 'download-results-'));
});

const file = (name: string, text: string): TarEntry => ({ header: { name, size: Buffer.byteLength(text), type: 'file' }, body: text });
const link = (name: string, target: string, type: 'symlink' | 'link'): TarEntry => ({ header: { name, size: 0, type, linkname: target } });

/** Serves `entries` as execution `executionId`'s archive of job `jobId`. */
async function publish(jobId: string, executionId: string, entries: TarEntry[]): Promise<void> {
  const path = `/${executionId}.tar.gz`;
  archives.set(path, gzipSync(await packTar(entries)));
  results.set(jobId, [...(results.get(jobId) ?? []), { Type: 'urlDownload', Params: { URL: `${base}${path}` } }]);
}

const client = (): BacalhauClient => new BacalhauClient({ url: base, retries: 0 });
const bacalhauArchive = (stdout: string): TarEntry[] => [
  { header: { name: '.', size: 0, type: 'directory' } },
  file('exitCode', '0'),
  { header: { name: 'outputs', size: 0, type: 'directory' } },
  file('outputs/greeting.txt', 'greetings\n'),
  file('stderr', ''),
  file('stdout', stdout),
];

describe('downloadResults', () => {
  it('unpacks one result into the folder itself', async () => {
    await publish('j-1', 'e-11111111-1111-4111-8111-111111111111', bacalhauArchive('hello\n'));
    const dir = join(scratch, 'out');
    const [result, ...rest] = await downloadResults(client(), 'j-1', dir);
    expect(rest).toEqual([]);
    expect(result?.dir).toBe(dir);
    expect(result?.executionId).toBe('e-11111111-1111-4111-8111-111111111111');
    expect(result?.files).toEqual(['exitCode', 'outputs/greeting.txt', 'stderr', 'stdout']);
    expect(await readFile(join(dir, 'outputs', 'greeting.txt'), 'utf8')).toBe('greetings\n');
    expect(await readFile(join(dir, 'stdout'), 'utf8')).toBe('hello\n');
  });

  it('unpacks several results into a folder per execution', async () => {
    await publish('j-2', 'e-aaaaaaaa-1111-4111-8111-111111111111', bacalhauArchive('first\n'));
    await publish('j-2', 'e-bbbbbbbb-1111-4111-8111-111111111111', bacalhauArchive('second\n'));
    const downloaded = await downloadResults(client(), 'j-2', scratch);
    expect(downloaded.map((d) => d.dir)).toEqual([join(scratch, 'e-aaaaaaaa-1111-4111-8111-111111111111'), join(scratch, 'e-bbbbbbbb-1111-4111-8111-111111111111')]);
    expect(await readFile(join(scratch, 'e-bbbbbbbb-1111-4111-8111-111111111111', 'stdout'), 'utf8')).toBe('second\n');
  });

  it('keeps links that stay inside the folder', async () => {
    await publish('j-3', 'e-33333333-1111-4111-8111-111111111111', [file('data/a.txt', 'a'), link('data/b.txt', 'a.txt', 'symlink')]);
    await downloadResults(client(), 'j-3', scratch);
    expect(await readFile(join(scratch, 'data', 'b.txt'), 'utf8')).toBe('a');
  });

  it.each([
    ['a .. segment', [file('../escape.txt', 'x')], "a '..' segment"],
    ['an absolute path', [file('/tmp/absolute-escape.txt', 'x')], 'an absolute path'],
    ['a symlink to an absolute path', [link('passwd', '/etc/passwd', 'symlink')], 'a link to the absolute path'],
    ['a symlink climbing out', [link('sub/up', '../../outside', 'symlink')], 'a link pointing outside'],
    ['a hard link out', [link('hard', '../outside', 'link')], 'a hard link'],
    ['a device file', [{ header: { name: 'dev', size: 0, type: 'character-device' } } satisfies TarEntry], 'not a file, folder or link'],
  ] as const)('refuses an archive with %s, and writes nothing of it', async (_what, hostile, why) => {
    await publish('j-4', 'e-44444444-1111-4111-8111-111111111111', [file('fine.txt', 'fine'), ...hostile]);
    const dir = join(scratch, 'inside', 'target');
    const error = await downloadResults(client(), 'j-4', dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsafeArchiveError);
    expect((error as UnsafeArchiveError).entries).toHaveLength(1);
    expect((error as UnsafeArchiveError).entries[0]).toContain(why);
    expect(existsSync(join(dir, 'fine.txt'))).toBe(false);
    expect(await readdir(scratch, { recursive: true })).toEqual([]);
    expect(existsSync('/tmp/absolute-escape.txt')).toBe(false);
  });

  it('names results it cannot download', async () => {
    results.set('j-5', [{ Type: 's3', Params: { Bucket: 'b', Key: 'k' } }]);
    const error = await downloadResults(client(), 'j-5', scratch).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BacalhauClientError);
    expect((error as Error).message).toContain("as 's3'");
  });

  it('reports a missing archive and a too large one', async () => {
    results.set('j-6', [{ Type: 'urlDownload', Params: { URL: `${base}/e-66666666-1111-4111-8111-111111111111.tar.gz` } }]);
    await expect(downloadResults(client(), 'j-6', scratch)).rejects.toThrow(/HTTP 404/);
    await publish('j-7', 'e-77777777-1111-4111-8111-111111111111', [file('big.txt', 'x'.repeat(200_000))]);
    await expect(downloadResults(client(), 'j-7', scratch, { maxBytes: 100 })).rejects.toThrow(/larger than maxBytes \(100 bytes\)/);
  });
});
